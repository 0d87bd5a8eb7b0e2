// Samizdat workbench: enhancements only. Every page reads and works without this script.
(function () {
  "use strict";

  function grouped(value) {
    return Number(value).toLocaleString("en-US");
  }

  function cell(row, text, numeric) {
    var td = document.createElement("td");
    if (numeric) { td.className = "n"; }
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  // The corpus page: new documents and counts arrive over /events without a reload.
  function liveCorpus(table) {
    var body = table.tBodies[0];
    var known = {};
    Array.prototype.forEach.call(body.rows, function (row) { known[row.dataset.doc] = true; });
    var query = "?sort=" + encodeURIComponent(table.dataset.sort) + "&order=" + encodeURIComponent(table.dataset.order);
    var busy = false;
    var again = false;

    function documentRow(summary) {
      var row = document.createElement("tr");
      row.dataset.doc = summary.id;
      var title = cell(row, "", false);
      var link = document.createElement("a");
      link.href = "/documents/" + encodeURIComponent(summary.id);
      link.textContent = summary.title || summary.id;
      title.appendChild(link);
      title.appendChild(document.createTextNode(" "));
      var keywords = document.createElement("a");
      keywords.className = "term-link";
      keywords.href = "/keywords?doc=" + encodeURIComponent(summary.id);
      keywords.title = "keywords of this document";
      keywords.textContent = "keywords";
      title.appendChild(keywords);
      cell(row, summary.author, false);
      cell(row, summary.source, false);
      cell(row, grouped(summary.pages), true);
      cell(row, grouped(summary.tokens), true);
      cell(row, grouped(summary.paragraphs), true);
      cell(row, grouped(summary.notes), true);
      var added = cell(row, "", true);
      if (summary.indexed_at) {
        var instant = new Date(summary.indexed_at * 1000);
        var time = document.createElement("time");
        time.dateTime = instant.toISOString().replace(/\.\d+Z$/, "Z");
        time.textContent = instant.toISOString().slice(0, 16).replace("T", " ");
        added.appendChild(time);
      }
      return row;
    }

    function showStatus(status) {
      if (status.index) {
        ["documents", "tokens", "types", "notes", "citations"].forEach(function (name) {
          var element = document.querySelector('[data-count="' + name + '"]');
          if (element) { element.textContent = grouped(status.index[name]); }
        });
      }
      if (status.pipeline) {
        var values = {
          backlog: grouped(status.pipeline.backlog),
          indexedPerSecond: Number(status.pipeline.indexed_per_s).toFixed(1),
          acceptedPerSecond: Number(status.pipeline.accepted_per_s).toFixed(1),
          workers: grouped(status.pipeline.workers.length),
          failed: grouped((status.pipeline.states || {}).failed || 0)
        };
        Object.keys(values).forEach(function (name) {
          var element = document.querySelector('[data-status="' + name + '"]');
          if (element) { element.textContent = values[name]; }
        });
      }
    }

    function refresh() {
      if (busy) { again = true; return; }
      busy = true;
      Promise.all([
        fetch("/corpus.json" + query).then(function (r) { return r.json(); }),
        fetch("/api/status").then(function (r) { return r.json(); })
      ]).then(function (answers) {
        var documents = answers[0];
        var rows = documents.map(function (summary) {
          var row = documentRow(summary);
          if (!known[summary.id]) { row.className = "fresh"; }
          return row;
        });
        known = {};
        documents.forEach(function (summary) { known[summary.id] = true; });
        body.replaceChildren.apply(body, rows);
        var empty = document.getElementById("corpus-empty");
        if (empty) { empty.hidden = documents.length > 0; }
        showStatus(answers[1]);
      }).catch(function () {
        // The next event or poll tries again.
      }).then(function () {
        busy = false;
        if (again) { again = false; refresh(); }
      });
    }

    if (window.EventSource) {
      var source = new EventSource("/events");
      source.addEventListener("open", function () { document.body.classList.add("live"); });
      source.addEventListener("error", function () { document.body.classList.remove("live"); });
      source.addEventListener("indexed", refresh);
      window.addEventListener("pagehide", function () { source.close(); });
    }
    window.setInterval(function () {
      fetch("/api/status").then(function (r) { return r.json(); }).then(showStatus).catch(function () {});
    }, 3000);
  }

  // The reader: a note marker opens its note beside the text; Escape or a click elsewhere closes it.
  function notePopups() {
    var popup = null;
    function close() {
      if (popup) { popup.remove(); popup = null; }
      Array.prototype.forEach.call(document.querySelectorAll(".note.shown"), function (note) { note.classList.remove("shown"); });
    }
    document.addEventListener("click", function (event) {
      var marker = event.target.closest ? event.target.closest(".note-marker a") : null;
      if (!marker) {
        if (popup && !popup.contains(event.target)) { close(); }
        return;
      }
      var note = document.getElementById("note-" + marker.dataset.note);
      if (!note) { return; }
      event.preventDefault();
      close();
      note.classList.add("shown");
      popup = document.createElement("div");
      popup.className = "note-popup";
      popup.setAttribute("role", "note");
      popup.id = "note-popup";
      var text = note.cloneNode(true);
      text.removeAttribute("id");
      popup.appendChild(text);
      var paragraph = marker.closest("p, blockquote, h2, h3, h4, h5, h6") || marker.parentNode;
      popup.style.top = (marker.offsetTop + marker.offsetHeight + 4) + "px";
      paragraph.appendChild(popup);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { close(); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var table = document.getElementById("documents");
    if (table) { liveCorpus(table); }
    if (document.querySelector(".note-marker")) { notePopups(); }
  });
})();
