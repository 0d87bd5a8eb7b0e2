#!/usr/bin/env bash
# The workbench pages' bench: starts `samizdat up` (release build) on free loopback ports with a
# temporary data directory, ingests CORPUS (a make_corpus.py folder) and, when given, one more
# text for the reader, waits until index holds them all, then times the pages at the server with
# scripts/bench-pages.py (JSON lines on stdout). A bench, not a test.
#
#   bash scripts/bench-pages.sh /tmp/peer-corpus-50 ../shared/corpus/001_168beb7a58812d09.txt
#
# BIN (default: `swift build -c release --show-bin-path`), ROUNDS (default 10) and WORDS
# (default 10) can be set in the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:?usage: bench-pages.sh CORPUS [READER_TEXT]}"
reader="${2:-}"
bin="${BIN:-$(swift build -c release --show-bin-path)}"
work="$(mktemp -d /tmp/samizdat-bench-pages.XXXXXX)"
base=$(python3 -c '
import socket
for _ in range(200):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        first = probe.getsockname()[1]
    if first + 8 >= 65000:
        continue
    held = []
    try:
        for port in range(first, first + 8):
            sock = socket.socket()
            sock.bind(("127.0.0.1", port))
            held.append(sock)
        print(first)
        break
    except OSError:
        continue
    finally:
        for sock in held:
            sock.close()
')
http=$((base + 7))
"$bin/samizdat" up --data-dir "$work/data" --base-port "$base" --http-port "$http" --workers 2 --bin-dir "$bin" >"$work/up.log" 2>&1 &
up=$!
trap 'kill -TERM $up 2>/dev/null; wait $up 2>/dev/null; rm -rf "$work"' EXIT
endpoints=(--ingest "tcp://127.0.0.1:$base" --report "tcp://127.0.0.1:$((base + 6))")
for _ in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$http/healthz" >/dev/null && break
  sleep 0.2
done
texts=$(find "$corpus" -maxdepth 1 -name 'doc_*.txt' | wc -l)
expected=$texts
# the doc_*.txt texts only (queries.txt is not a text of the corpus)
find "$corpus" -maxdepth 1 -name 'doc_*.txt' -print0 | sort -z | xargs -0 "$bin/samizdat" ingest "${endpoints[@]}" >/dev/null
if [ -n "$reader" ]; then
  "$bin/samizdat" ingest "$reader" "${endpoints[@]}" >/dev/null
  expected=$((texts + 1))
fi
for _ in $(seq 1 1200); do
  count=$(curl -sf "http://127.0.0.1:$http/api/documents" 2>/dev/null | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))' 2>/dev/null || echo 0)
  [ "$count" -ge "$expected" ] && break
  sleep 0.5
done
echo "indexed $count of $expected texts; timing the pages" >&2
python3 scripts/bench-pages.py --url "http://127.0.0.1:$http" --corpus "$corpus" ${reader:+--reader "$(basename "$reader")"} \
  --rounds "${ROUNDS:-10}" --words "${WORDS:-10}"
