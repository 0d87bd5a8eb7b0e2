import Foundation
import SamizdatModel

/// The plain pages report serves to people: the document list and search results.
public enum HTMLPage {
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    static func page(title: String, query: String = "", _ body: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>\(escape(title)) — Samizdat</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>
        body{font:16px/1.5 Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
        table{border-collapse:collapse;width:100%}td,th{padding:.3rem .5rem;border-bottom:1px solid #ddd;text-align:left}
        td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        mark{background:#ffe58a}.loc{color:#666;font-size:.9em}.hit{margin:.8rem 0}
        form input[type=search]{width:70%;font-size:1rem;padding:.3rem}
        </style></head><body>
        <h1><a href="/" style="color:inherit;text-decoration:none">Samizdat</a></h1>
        <form action="/search"><input type="search" name="q" value="\(escape(query))" placeholder="Search the corpus"> <button>Search</button></form>
        \(body)
        </body></html>
        """
    }

    public static func documents(_ docs: [DocumentSummary], stats: IndexStats?) -> String {
        var rows = ""
        for d in docs {
            rows += "<tr><td>\(escape(d.title.isEmpty ? d.id : d.title))</td><td>\(escape(d.author))</td><td>\(escape(d.source))</td>"
            rows += "<td class=n>\(d.version)</td><td class=n>\(d.pages)</td><td class=n>\(d.paragraphs)</td><td class=n>\(d.sentences)</td><td class=n>\(d.tokens)</td><td><code>\(escape(d.id))</code></td></tr>\n"
        }
        let summary = stats.map { "<p>\($0.documents) documents, \($0.paragraphs) paragraphs, \($0.sentences) sentences, \($0.tokens) tokens, \($0.types) types.</p>" } ?? ""
        let table = docs.isEmpty ? "<p>No documents yet. Stream some in with <code>samizdat ingest PATH</code>.</p>" : """
            <table><thead><tr><th>Title</th><th>Author</th><th>Source</th><th class=n>Version</th><th class=n>Pages</th><th class=n>Paragraphs</th><th class=n>Sentences</th><th class=n>Tokens</th><th>Id</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        return page(title: "Documents", "<h2>Documents</h2>\(summary)\(table)")
    }

    /// Search results; the snippet's highlight markers become <mark>.
    public static func search(_ r: SearchResponse) -> String {
        var body = "<p>\(r.totalPassages) passages in \(r.totalDocuments) documents for <b>\(escape(r.query))</b>.</p>"
        for d in r.documents {
            body += "<h3>\(escape(d.title.isEmpty ? d.documentID : d.title))</h3><p class=loc>\(escape(d.author)) · \(escape(d.source)) · \(d.matchingPassages) passages</p>"
            for h in d.hits {
                body += "<div class=hit><div>\(highlight(h))</div><div class=loc>\(escape(location(h)))</div></div>"
            }
        }
        return page(title: r.query, query: r.query, body)
    }

    public static func error(_ message: String, query: String = "") -> String {
        page(title: "Error", query: query, "<p><b>Error:</b> \(escape(message))</p>")
    }

    /// "chapter 3 · p. 47 · ¶ 120" — where a hit is, in print.
    public static func location(_ h: SearchHit) -> String {
        var parts: [String] = []
        if let c = h.chapter ?? h.section { parts.append(c) }
        if let p = h.page, !p.isEmpty { parts.append("p. \(p)") }
        parts.append("¶ \(h.paragraph + 1)")
        return parts.joined(separator: " · ")
    }

    static func highlight(_ h: SearchHit) -> String {
        let text = h.snippetText
        let u = Array(text.utf8)
        var out = ""
        var pos = 0
        for m in h.snippetMatches.sorted(by: { $0.start < $1.start }) where m.start >= pos && m.end <= u.count {
            out += escape(String(decoding: u[pos..<m.start], as: UTF8.self))
            out += "<mark>" + escape(String(decoding: u[m.start..<m.end], as: UTF8.self)) + "</mark>"
            pos = m.end
        }
        out += escape(String(decoding: u[pos...], as: UTF8.self))
        return out
    }
}
