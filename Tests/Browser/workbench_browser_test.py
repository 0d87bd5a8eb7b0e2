#!/usr/bin/env python3
"""The workbench in a real browser.

Starts the stack with `samizdat up` on free loopback ports over texts made by
`samizdat corpus generate`, drives Debian's chromium through chromedriver with
selenium, checks what a researcher would see on every page, and saves a
screenshot of each page in SCREENSHOTS (kept out of git).

Usage: workbench_browser_test.py BIN_DIR SCREENSHOT_DIR
Exit status 0 when every check holds, 1 otherwise.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

CHECKS = []


def check(condition, description):
    """Records one check; a failed check is printed and fails the run at the end."""
    CHECKS.append((bool(condition), description))
    print(("ok    " if condition else "FAIL  ") + description, flush=True)
    return condition


def free_port_range(count):
    """The first of `count` consecutive free loopback ports."""
    for _ in range(200):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            first = probe.getsockname()[1]
        if first + count >= 65000:
            continue
        sockets = []
        try:
            for port in range(first, first + count):
                held = socket.socket()
                held.bind(("127.0.0.1", port))
                sockets.append(held)
            return first
        except OSError:
            continue
        finally:
            for held in sockets:
                held.close()
    raise RuntimeError("no free port range")


class Stack:
    """`samizdat up` on free ports with its data in a temporary directory."""

    def __init__(self, bin_dir, work):
        self.bin_dir = bin_dir
        self.work = work
        self.base_port = free_port_range(8)
        self.http_port = self.base_port + 7
        self.log = open(os.path.join(work, "up.log"), "w")
        self.process = subprocess.Popen(
            [os.path.join(bin_dir, "samizdat"), "up", "--data-dir", os.path.join(work, "data"),
             "--base-port", str(self.base_port), "--http-port", str(self.http_port), "--workers", "2",
             "--bin-dir", bin_dir],
            stdout=self.log, stderr=subprocess.STDOUT)
        self.url = "http://127.0.0.1:%d" % self.http_port

    def endpoints(self):
        return ["--ingest", "tcp://127.0.0.1:%d" % self.base_port, "--report", "tcp://127.0.0.1:%d" % (self.base_port + 6),
                "--keys", os.path.join(self.work, "data", "keys")]

    def get(self, path):
        with urllib.request.urlopen(self.url + path, timeout=10) as response:
            return response.read().decode("utf-8")

    def json(self, path):
        return json.loads(self.get(path))

    def wait_until_up(self, seconds=60):
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                if self.get("/healthz") == "ok\n":
                    return True
            except OSError:
                time.sleep(0.2)
        return False

    def ingest(self, paths):
        subprocess.run([os.path.join(self.bin_dir, "samizdat"), "ingest"] + paths + self.endpoints(),
                       check=True, stdout=subprocess.DEVNULL)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


def browser():
    options = Options()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
                     "--disable-gpu", "--no-first-run", "--disable-extensions"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    return webdriver.Chrome(options=options, service=service)


def full_page(driver, path):
    """A screenshot of the whole page (up to 6,000 pixels tall), for a reviewer to read."""
    height = driver.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);")
    driver.set_window_size(1400, max(1000, min(int(height) + 40, 6000)))
    driver.save_screenshot(path)
    driver.set_window_size(1400, 1000)


def console_errors(driver):
    return [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]


def first_word(text):
    match = re.search(r"\w+(?:['’]\w+)*", text)
    return match.group(0).lower().replace("’", "'") if match else ""


def main():
    bin_dir, screenshots = sys.argv[1], sys.argv[2]
    os.makedirs(screenshots, exist_ok=True)
    work = tempfile.mkdtemp(prefix="samizdat-browser-")
    corpus = os.path.join(work, "corpus")
    subprocess.run([os.path.join(bin_dir, "samizdat"), "corpus", "generate", "--mb", "1.5", "--seed", "11", "--out", corpus],
                   check=True, stdout=subprocess.DEVNULL)
    texts = sorted(os.path.join(corpus, name) for name in os.listdir(corpus) if name.endswith(".txt") and name.startswith("doc_"))
    held_back, first_batch = texts[-1], texts[:-1]
    stack = Stack(bin_dir, work)
    driver = None
    try:
        if not check(stack.wait_until_up(), "report answers /healthz after `samizdat up`"):
            return 1
        stack.ingest(first_batch)
        deadline = time.time() + 120
        while time.time() < deadline and len(stack.json("/api/documents")) < len(first_batch):
            time.sleep(0.3)
        documents = stack.json("/api/documents")
        check(len(documents) == len(first_batch), "all %d generated texts are indexed" % len(first_batch))
        driver = browser()
        driver.set_page_load_timeout(30)

        # Corpus page.
        driver.get(stack.url + "/")
        rows = driver.find_elements(By.CSS_SELECTOR, "#documents tbody tr")
        check(len(rows) == len(documents), "the corpus page lists every document (%d rows)" % len(rows))
        shown = driver.find_element(By.CSS_SELECTOR, '[data-count="documents"]').text
        check(shown == "{:,}".format(len(documents)), "the summary counts %s documents" % shown)
        driver.save_screenshot(os.path.join(screenshots, "corpus.png"))

        # Reader of the document with the most notes and pages.
        richest = max(documents, key=lambda document: (document["notes"], document["pages"]))
        view = stack.json("/api/documents/" + urllib.parse.quote(richest["id"]))
        driver.get(stack.url + "/documents/" + urllib.parse.quote(richest["id"]))
        markers = [element.get_attribute("textContent") for element in driver.find_elements(By.CSS_SELECTOR, "#text span.page")]
        labels = [page["label"] for page in view["pages"] if page["label"]]
        check(markers == labels, "the reader's %d page markers match the page map" % len(markers))
        check(len(driver.find_elements(By.CSS_SELECTOR, "#text [id^=para-]")) == len(view["paragraphs"]),
              "every paragraph has its anchor")
        driver.save_screenshot(os.path.join(screenshots, "reader.png"))
        citation_links = driver.find_elements(By.CSS_SELECTOR, "#text a.citation")
        check(len(citation_links) > 0 and all("/citations?author=" in link.get_attribute("href") for link in citation_links),
              "the reader's citations link to the citation index (%d)" % len(citation_links))
        note_markers = driver.find_elements(By.CSS_SELECTOR, ".note-marker a")
        if check(len(note_markers) > 0, "the reader shows note markers (%d)" % len(note_markers)):
            marker = note_markers[0]
            number = int(marker.get_attribute("data-note"))
            note_text = view["notes"][number - 1]["text"]
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", marker)
            marker.click()
            popup = driver.find_elements(By.ID, "note-popup")
            check(len(popup) == 1 and popup[0].is_displayed() and note_text[:40] in popup[0].text,
                  "clicking note marker %d shows that note" % number)
            driver.save_screenshot(os.path.join(screenshots, "reader-note.png"))
        if len(labels) > 1:
            label = labels[len(labels) // 2]
            anchor = "p-" + re.sub(r"[^A-Za-z0-9]", "_", label)
            driver.get(stack.url + "/documents/" + urllib.parse.quote(richest["id"]) + "#" + anchor)
            target = driver.find_elements(By.ID, anchor)
            in_view = target and driver.execute_script(
                "var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight;", target[0])
            check(in_view, "the deep link #%s shows printed page %s" % (anchor, label))
            driver.save_screenshot(os.path.join(screenshots, "reader-page-link.png"))

        # Search: a word of the richest document's longest paragraph.
        paragraph = max(view["paragraphs"], key=lambda paragraph: len(paragraph["text"]))
        words = sorted(set(word.lower() for word in re.findall(r"[A-Za-z]{5,}", paragraph["text"])))[:15]
        totals = {word: stack.json("/api/kwic?limit=1&q=" + urllib.parse.quote(word))["total"] for word in words}
        word = max(words, key=lambda candidate: totals[candidate]) if words else "the"
        driver.get(stack.url + "/search?q=" + urllib.parse.quote(word))
        hits = driver.find_elements(By.CSS_SELECTOR, ".hit .loc a")
        check(len(hits) > 0, "searching '%s' lists passages (%d on the first page)" % (word, len(hits)))
        check(len(driver.find_elements(By.CSS_SELECTOR, "#counts tbody tr")) > 0, "the search page counts passages by document and chapter")
        driver.save_screenshot(os.path.join(screenshots, "search.png"))
        if hits:
            href = hits[0].get_attribute("href")
            hits[0].click()
            fragment = urllib.parse.urlparse(href).fragment
            # a hit in the body links to its paragraph, a hit in a note to the note
            check(fragment.startswith(("para-", "note-")) and len(driver.find_elements(By.ID, fragment)) == 1,
                  "a hit links to its paragraph or note in the reader (#%s)" % fragment)
        bad_query = "/search?q=" + urllib.parse.quote("(" + word)
        driver.get(stack.url + bad_query)
        check(len(driver.find_elements(By.CSS_SELECTOR, ".query-error mark.error-at")) == 1, "a bad query is marked at its position")
        driver.save_screenshot(os.path.join(screenshots, "search-error.png"))

        # Concordance sorted by R1.
        driver.get(stack.url + "/concordance?limit=200&sort=right1&q=" + urllib.parse.quote(word))
        rights = [element.get_attribute("textContent") for element in driver.find_elements(By.CSS_SELECTOR, "#concordance td.right")]
        keys = [first_word(text) for text in rights]
        check(len(keys) > 1 and keys == sorted(keys), "the concordance sorted by R1 is in order (%d lines)" % len(keys))
        where = driver.find_elements(By.CSS_SELECTOR, "#concordance td.where a")
        check(len(where) == len(rights) and all("#para-" in link.get_attribute("href") or "#note-" in link.get_attribute("href") for link in where),
              "each concordance line links to its place in the reader")
        driver.save_screenshot(os.path.join(screenshots, "concordance.png"))

        # Term page: the dispersion of the word in the richest document, a mark per hit.
        quoted_id = urllib.parse.quote(richest["id"])
        dispersion = stack.json("/api/dispersion?hit_limit=2000&doc=%s&term=%s" % (quoted_id, urllib.parse.quote(word)))
        driver.get(stack.url + "/term?doc=%s&q=%s" % (quoted_id, urllib.parse.quote(word)))
        marks = driver.find_elements(By.CSS_SELECTOR, "svg.dispersion-plot line.mark")
        check(dispersion["frequency"] > 0 and len(marks) == min(dispersion["frequency"], 2000),
              "the dispersion plot of '%s' in one document has a mark per hit (%d marks, %d hits)"
              % (word, len(marks), dispersion["frequency"]))
        strips = driver.find_elements(By.CSS_SELECTOR, "svg.dispersion-plot g.strip-row")
        check(len(strips) == len(dispersion["strips"]) and len(strips) > 0, "the plot has a strip per chapter (%d)" % len(strips))
        check(len(driver.find_elements(By.CSS_SELECTOR, "#dispersion-measures tbody tr")) == 3, "D, DP and DPnorm are shown")
        check(len(driver.find_elements(By.CSS_SELECTOR, "svg.trends-chart")) == 1, "the term page draws the trend across chapters")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#collocates tbody tr")) > 0, "the term page lists collocates")
        full_page(driver, os.path.join(screenshots, "term-document.png"))
        links = driver.find_elements(By.CSS_SELECTOR, "svg.dispersion-plot a.mark-link")
        if check(len(links) == len(marks), "every mark links to its hit"):
            middle = links[len(links) // 2]
            # an SVG link's href is an SVGAnimatedString: read the attribute itself
            href = driver.execute_script("return arguments[0].getAttribute('href');", middle) or ""
            fragment = urllib.parse.urlparse(href).fragment
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", middle)
            driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, view: window}));", middle)
            deadline = time.time() + 10
            while time.time() < deadline and "/documents/" not in driver.current_url:
                time.sleep(0.05)
            target = driver.find_elements(By.ID, fragment) if fragment else []
            in_view = target and driver.execute_script(
                "var r = arguments[0].getBoundingClientRect(); return r.bottom > 0 && r.top < window.innerHeight;", target[0])
            holds = target and word.lower() in target[0].get_attribute("textContent").lower()
            check(urllib.parse.urlparse(driver.current_url).fragment == fragment and in_view and holds,
                  "clicking a mark opens the reader at the hit's %s, which holds '%s'" % (fragment or "place", word))
            driver.save_screenshot(os.path.join(screenshots, "term-mark-in-reader.png"))
        driver.get(stack.url + "/term?q=" + urllib.parse.quote(word))
        check(len(driver.find_elements(By.CSS_SELECTOR, "svg.dispersion-plot g.strip-row")) > 1, "across the corpus, a strip per document")
        full_page(driver, os.path.join(screenshots, "term-corpus.png"))

        # Keywords of the richest document, the comparison of two documents, the citation index.
        driver.get(stack.url + "/keywords?doc=" + quoted_id)
        check(len(driver.find_elements(By.CSS_SELECTOR, "#positive-keywords tbody tr")) > 0, "the keywords page lists positive keywords")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#negative-keywords")) == 1, "the keywords page has a table of negative keywords")
        full_page(driver, os.path.join(screenshots, "keywords.png"))
        other = next(document for document in documents if document["id"] != richest["id"])
        driver.get(stack.url + "/compare?doc=%s&other_doc=%s" % (quoted_id, urllib.parse.quote(other["id"])))
        check(len(driver.find_elements(By.ID, "cosine")) == 1 and len(driver.find_elements(By.CSS_SELECTOR, "#shared tbody tr")) > 0,
              "the comparison shows the similarity and the shared words")
        full_page(driver, os.path.join(screenshots, "compare.png"))
        driver.get(stack.url + "/citations")
        authors = driver.find_elements(By.CSS_SELECTOR, "#cited-authors tbody tr td:first-child a")
        if check(len(authors) > 0, "the citation index lists cited authors (%d)" % len(authors)):
            full_page(driver, os.path.join(screenshots, "citations.png"))
            authors[0].click()
            places = driver.find_elements(By.CSS_SELECTOR, "#citation-places tbody tr")
            check(len(places) > 0, "an author's page lists where they are cited (%d places)" % len(places))
            full_page(driver, os.path.join(screenshots, "citations-author.png"))
        driver.get(stack.url + "/")
        check(len(driver.find_elements(By.CSS_SELECTOR, "#frequent-words-chart svg rect.bar")) > 1,
              "the corpus page charts the most frequent words")

        # Live: a text ingested while the corpus page is open appears within 1 s of being indexed.
        driver.get(stack.url + "/")
        deadline = time.time() + 10
        while time.time() < deadline and "live" not in (driver.find_element(By.TAG_NAME, "body").get_attribute("class") or ""):
            time.sleep(0.05)
        check("live" in driver.find_element(By.TAG_NAME, "body").get_attribute("class"), "the corpus page's event stream is open")
        before = len(documents)
        ingest = subprocess.Popen([os.path.join(bin_dir, "samizdat"), "ingest", held_back] + stack.endpoints(), stdout=subprocess.DEVNULL)
        indexed_at = None
        shown_at = None
        deadline = time.time() + 60
        while time.time() < deadline and (indexed_at is None or shown_at is None):
            now = time.time()
            if indexed_at is None and len(stack.json("/api/documents")) > before:
                indexed_at = now
            if shown_at is None and len(driver.find_elements(By.CSS_SELECTOR, "#documents tbody tr")) > before:
                shown_at = now
            time.sleep(0.05)
        ingest.wait()
        delay = (shown_at - indexed_at) if indexed_at and shown_at else None
        check(delay is not None and delay <= 1.0,
              "the new text appears on the open corpus page %s after it is indexed" %
              ("%.2f s" % delay if delay is not None else "never"))
        counted = driver.find_element(By.CSS_SELECTOR, '[data-count="documents"]').text
        check(counted == "{:,}".format(before + 1), "the document count changed to %s without a reload" % counted)
        driver.save_screenshot(os.path.join(screenshots, "corpus-live.png"))

        # The bad query's page is answered 400 on purpose; Chrome logs that status as a network error.
        errors = [entry for entry in console_errors(driver)
                  if not (entry.get("source") == "network" and (stack.url + bad_query) in entry.get("message", ""))]
        check(not errors, "no console errors" + ("" if not errors else ": %s" % errors))
    except Exception as error:
        check(False, "the run ends without an exception: %r" % error)
    finally:
        if driver is not None:
            driver.quit()
        stack.stop()
        if any(not passed for passed, _ in CHECKS):
            with open(os.path.join(work, "up.log")) as log:
                print("last lines of samizdat up's log:\n" + "".join(log.readlines()[-30:]))
        shutil.rmtree(work, ignore_errors=True)
    failed = [description for passed, description in CHECKS if not passed]
    print("%d checks, %d failed; screenshots in %s" % (len(CHECKS), len(failed), screenshots))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
