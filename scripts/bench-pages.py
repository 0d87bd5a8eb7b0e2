#!/usr/bin/env python3
"""Time the workbench's pages at the server: corpus, search, concordance, term and reader.

A bench, not a test: it asks a running report (`samizdat up`) over one keep-alive HTTP
connection on loopback and prints one JSON line per page class, in the JSON-lines schema of
`samizdat bench` and ../shared/bench (`bench`, `tool`, `label`, `variant`, `version`, `class`,
`n`, `p50_us`, `p99_us`, `mean_us`, `max_us`), so `table.py` lines it up.

    python3 scripts/bench-pages.py --url http://127.0.0.1:PORT --corpus /tmp/peer-corpus-50 \
        --reader 001_168beb7a58812d09.txt --rounds 20

The words asked are the single-word queries of the corpus's `queries.txt` (the peers' term
queries), the first `--words` of them. Each page is asked once to warm up, then `--rounds`
times; every answer must be 200 and is read whole. Figures are nearest-rank percentiles in µs.
`scripts/bench-pages.sh` starts a stack, ingests the corpus and runs this.
"""

import argparse
import http.client
import json
import os
import sys
import time
import urllib.parse


def percentile(sorted_values, percent):
    rank = max(0, min(len(sorted_values) - 1, -(-len(sorted_values) * percent // 100) - 1))
    return sorted_values[int(rank)]


def summary(nanoseconds):
    values = sorted(nanoseconds)
    return {
        "n": len(values),
        "p50_us": round(percentile(values, 50) / 1000, 2),
        "p99_us": round(percentile(values, 99) / 1000, 2),
        "mean_us": round(sum(values) / len(values) / 1000, 2),
        "max_us": round(values[-1] / 1000, 2),
    }


def term_words(corpus, count):
    path = os.path.join(corpus, "queries.txt")
    if not os.path.exists(path):
        raise SystemExit(f"{path} is missing: --corpus must be a make_corpus.py folder")
    words = []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            query = line.strip()
            if query and " " not in query and '"' not in query and query not in words:
                words.append(query)
    if not words:
        raise SystemExit(f"{path} holds no single-word query")
    return words[:count]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True, help="report's HTTP address, such as http://127.0.0.1:18080")
    parser.add_argument("--corpus", required=True, help="the make_corpus.py folder whose queries.txt gives the words")
    parser.add_argument("--reader", help="a document id or file name whose reader page is timed")
    parser.add_argument("--words", type=int, default=10, help="how many words (default 10)")
    parser.add_argument("--rounds", type=int, default=10, help="timed rounds per page (default 10)")
    arguments = parser.parse_args()
    if arguments.words < 1 or arguments.rounds < 1:
        raise SystemExit("--words and --rounds must be at least 1")
    address = urllib.parse.urlsplit(arguments.url)
    if address.scheme != "http" or not address.hostname:
        raise SystemExit(f"--url must be http://HOST:PORT, got {arguments.url!r}")
    connection = http.client.HTTPConnection(address.hostname, address.port or 80, timeout=60)

    def fetch(path):
        started = time.perf_counter_ns()
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        elapsed = time.perf_counter_ns() - started
        if response.status != 200:
            raise SystemExit(f"GET {path} answered {response.status}: {body[:300]!r}")
        return elapsed, len(body)

    words = term_words(arguments.corpus, arguments.words)
    quote = urllib.parse.quote
    classes = {
        "corpus": ["/"],
        "search": [f"/search?q={quote(word)}" for word in words],
        "concordance": [f"/concordance?q={quote(word)}" for word in words],
        "term": [f"/term?q={quote(word)}" for word in words],
    }
    if arguments.reader:
        reader = arguments.reader
        if reader.endswith(".txt"):
            documents = json.loads(urllib.request.urlopen(arguments.url.rstrip("/") + "/api/documents").read())
            matches = [document["id"] for document in documents if document["source"] == reader or document["id"] == reader]
            if not matches:
                raise SystemExit(f"no document {reader!r} in the corpus")
            reader = matches[0]
        classes["reader"] = [f"/documents/{quote(reader)}"]
    for page_class, paths in classes.items():
        for path in paths:
            fetch(path)
        timings = []
        sizes = []
        for _ in range(arguments.rounds):
            for path in paths:
                elapsed, size = fetch(path)
                timings.append(elapsed)
                sizes.append(size)
        line = {
            "bench": "pages",
            "tool": "samizdat",
            "label": "samizdat",
            "variant": "server-rendered,http-keepalive,loopback",
            "version": "0.1.0",
            "class": page_class,
            "pages": len(paths),
            "rounds": arguments.rounds,
        }
        line.update(summary(timings))
        line["bytes_p50"] = sorted(sizes)[len(sizes) // 2]
        print(json.dumps(line), flush=True)


if __name__ == "__main__":
    import urllib.request

    sys.exit(main())
