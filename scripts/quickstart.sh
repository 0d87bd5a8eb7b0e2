#!/usr/bin/env bash
# From a fresh checkout: install what is missing, build, start the pipeline with `samizdat up`
# on the default ports with an embedded data directory (./data), stream in a sample corpus,
# and search it. The services keep running in the background; stop them with
#   kill $(cat data/up.pid)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build -c release
BIN="$(swift build -c release --show-bin-path)"
mkdir -p data
if [ -f data/up.pid ] && kill -0 "$(cat data/up.pid)" 2>/dev/null; then
  echo "samizdat up is already running (pid $(cat data/up.pid))"
else
  nohup "$BIN/samizdat" up --data-dir data > data/up.log 2>&1 &
  echo $! > data/up.pid
  echo "started samizdat up (pid $!), logs in data/up.log"
fi
for _ in $(seq 1 60); do "$BIN/samizdat" status --timeout 1 >/dev/null 2>&1 && break; sleep 0.5; done
# The sample: our own generated texts (a book from PDF, an article, blog essays), and
# ../shared/corpus too when it sits beside this checkout.
"$BIN/samizdat" corpus generate --mb 1 --seed 1 --out data/sample >/dev/null
"$BIN/samizdat" ingest data/sample/doc_*.txt
[ -d ../shared/corpus ] && "$BIN/samizdat" ingest ../shared/corpus
sleep 2
"$BIN/samizdat" status
echo
echo "Try:  $BIN/samizdat search <word>     or open http://127.0.0.1:8080/"
