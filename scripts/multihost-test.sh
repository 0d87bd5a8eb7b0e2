#!/usr/bin/env bash
# Samizdat across three "hosts" with CurveZMQ on: network namespaces joined by veth pairs to a bridge
# (as root, iproute2). Host A runs ingest and report, host B index, host C two segment workers;
# every socket binds or connects across the bridge with the keys of one `samizdat keys generate`.
# It streams a generated corpus from host A, kills every process on the worker host mid-stream,
# starts two new workers there, and checks that every text accepted is indexed exactly once
# (documents = versions = texts, paragraphs = those of one local segmentation of each text), that
# search finds them, that a keyless client is refused across the network, and that all stop cleanly.
#
# Index shards (two index hosts) are not built yet: one index runs on host B.
# Skipped (exit 0) without root or `ip netns`, unless REQUIRE_MULTIHOST_TEST is set.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${WORK:-/tmp/samizdat-multihost-test}
T0=$(date +%s)
step() { echo "multihost-test [$(($(date +%s) - T0))s] $*"; }
die() {
    echo "multihost-test: FAIL: $*" >&2
    for log in "$WORK"/logs/*.log; do
        [ -f "$log" ] && { echo "--- $log"; tail -n 15 "$log"; } >&2
    done
    exit 1
}
skip() {
    if [ -n "${REQUIRE_MULTIHOST_TEST:-}" ]; then die "$*"; fi
    echo "multihost-test: skipped: $*"
    exit 0
}
[ "$(id -u)" -eq 0 ] || skip "needs root for network namespaces"
command -v ip >/dev/null || skip "iproute2's ip is missing"
BIN_DIR=${BIN_DIR:-$(swift build --show-bin-path)}
for binary in samizdat samizdat-ingest samizdat-segment samizdat-index samizdat-report; do
    [ -x "$BIN_DIR/$binary" ] || die "no $BIN_DIR/$binary: build first"
done

PREFIX=szmh
BRIDGE=${PREFIX}br0
HOSTS="a b c"
declare -A ADDRESS=([a]=10.77.0.1 [b]=10.77.0.2 [c]=10.77.0.3)
PIDS_FILE=$WORK/pids

stop_all() {
    if [ -f "$PIDS_FILE" ]; then
        while read -r pid _; do kill "$pid" 2>/dev/null || true; done <"$PIDS_FILE"
        sleep 1
        while read -r pid _; do kill -9 "$pid" 2>/dev/null || true; done <"$PIDS_FILE"
    fi
}
teardown() {
    stop_all
    for host in $HOSTS; do ip netns del "$PREFIX-$host" 2>/dev/null || true; done
    ip link del "$BRIDGE" 2>/dev/null || true
}
trap teardown EXIT
teardown
rm -rf "$WORK"
mkdir -p "$WORK/logs"
: >"$PIDS_FILE"

step "three hosts: namespaces $PREFIX-a (ingest, report), $PREFIX-b (index), $PREFIX-c (segment ×2) on bridge $BRIDGE"
ip netns add "$PREFIX-a" 2>/dev/null || skip "cannot create network namespaces here"
ip link add "$BRIDGE" type bridge
ip link set "$BRIDGE" up
for host in $HOSTS; do
    ip netns add "$PREFIX-$host" 2>/dev/null || true
    ip link add "$PREFIX-$host-br" type veth peer name "$PREFIX-$host-eth"
    ip link set "$PREFIX-$host-br" master "$BRIDGE"
    ip link set "$PREFIX-$host-br" up
    ip link set "$PREFIX-$host-eth" netns "$PREFIX-$host"
    ip -n "$PREFIX-$host" link set lo up
    ip -n "$PREFIX-$host" link set "$PREFIX-$host-eth" name eth0
    ip -n "$PREFIX-$host" addr add "${ADDRESS[$host]}/24" dev eth0
    ip -n "$PREFIX-$host" link set eth0 up
done
# each host reaches the others over the bridge (a TCP connect; ping(8) may not be installed)
for pair in "c ${ADDRESS[a]}" "c ${ADDRESS[b]}" "a ${ADDRESS[b]}"; do
    set -- $pair
    ip netns exec "$PREFIX-$1" python3 -c 'import socket, sys
s = socket.socket(); s.settimeout(2)
try:
    s.connect((sys.argv[1], 9))
except ConnectionRefusedError:
    pass' "$2" || die "host $1 cannot reach $2"
done

A=${ADDRESS[a]}
B=${ADDRESS[b]}
"$BIN_DIR/samizdat" keys generate --dir "$WORK/keys" >/dev/null
COMMON=(
    "SAMIZDAT_KEYS_DIR=$WORK/keys" "SAMIZDAT_LOG_LEVEL=info" "SAMIZDAT_STATS_INTERVAL_SECONDS=5"
    "SAMIZDAT_INGEST_CLIENT=tcp://$A:5550" "SAMIZDAT_INGEST_WORK=tcp://$A:5551" "SAMIZDAT_INGEST_ACKS=tcp://$A:5552"
    "SAMIZDAT_INDEX_INTAKE=tcp://$B:5553" "SAMIZDAT_INDEX_QUERIES=tcp://$B:5554" "SAMIZDAT_INDEX_EVENTS=tcp://$B:5555"
    "SAMIZDAT_INDEX_ACKS=tcp://$A:5552"
    "SAMIZDAT_SEGMENT_INGEST=tcp://$A:5551" "SAMIZDAT_SEGMENT_INDEX=tcp://$B:5553" "SAMIZDAT_SEGMENT_ACKS=tcp://$A:5552"
    "SAMIZDAT_REPORT_CLIENT=tcp://$A:5556" "SAMIZDAT_REPORT_INGEST=tcp://$A:5550" "SAMIZDAT_REPORT_INDEX=tcp://$B:5554"
    "SAMIZDAT_REPORT_EVENTS=tcp://$B:5555" "SAMIZDAT_REPORT_HTTP_HOST=127.0.0.1" "SAMIZDAT_REPORT_HTTP_PORT=8080"
    "SAMIZDAT_INGEST_HEARTBEAT_MS=300" "SAMIZDAT_INGEST_ACK_TIMEOUT_SECONDS=10"
)
# start HOST NAME EXECUTABLE [VAR=VALUE…]: one service in a host's namespace, its log in logs/NAME.log.
start() {
    local host=$1 name=$2 executable=$3
    shift 3
    ip netns exec "$PREFIX-$host" env "${COMMON[@]}" "SAMIZDAT_INSTANCE=$name" "$@" "$BIN_DIR/$executable" \
        >"$WORK/logs/$name.log" 2>&1 &
    echo "$! $name $host" >>"$PIDS_FILE"
    disown "$!"  # killed on purpose later: no job-control notice
}
cli() { ip netns exec "$PREFIX-a" "$BIN_DIR/samizdat" "$@" --keys "$WORK/keys" --ingest "tcp://$A:5550" --report "tcp://$A:5556"; }

step "start: ingest and report on A, index on B, segment-1 and segment-2 on C"
start a ingest samizdat-ingest "SAMIZDAT_DATA_DIR=$WORK/data/ingest"
start b index samizdat-index "SAMIZDAT_DATA_DIR=$WORK/data/index"
start a report samizdat-report
start c segment-1 samizdat-segment
start c segment-2 samizdat-segment
for _ in $(seq 60); do
    workers=$(cli status --json --timeout 2 2>/dev/null | python3 -c 'import json,sys; s=json.load(sys.stdin); print(len(s["pipeline"]["workers"]) if not s["unavailable"] else -1)' 2>/dev/null || echo -1)
    [ "$workers" = 2 ] && break
    sleep 1
done
[ "$workers" = 2 ] || die "the stack did not come up with 2 workers"
grep -q '"event":"auth.curve"' "$WORK/logs/ingest.log" || die "ingest does not run with CurveZMQ"

step "a keyless client on host C is refused by ingest on host A"
if ip netns exec "$PREFIX-c" "$BIN_DIR/samizdat" ping "tcp://$A:5550" --service ingest --insecure --timeout 2 >"$WORK/logs/keyless.txt" 2>&1; then
    die "ingest answered a client without keys"
fi
grep -q "not_authenticated" "$WORK/logs/keyless.txt" || die "the keyless client was not told why: $(cat "$WORK/logs/keyless.txt")"

"$BIN_DIR/samizdat" corpus generate --mb "${MULTIHOST_MB:-4}" --seed 23 --out "$WORK/corpus" --no-truth >/dev/null
texts=$(find "$WORK/corpus" -name '*.txt' | wc -l)  # the generator's queries.txt is a text too
step "stream $texts generated texts from host A; kill every process on host C mid-stream"
cli ingest "$WORK/corpus" --quiet --window 4 >"$WORK/logs/cli-ingest.log" 2>&1 &
ingest_pid=$!
for _ in $(seq 120); do
    indexed=$(cli status --json --timeout 2 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["pipeline"]["states"].get("indexed", 0))' 2>/dev/null || echo 0)
    [ "$indexed" -ge $((texts / 4)) ] && break
    sleep 0.25
done
killed=0
while read -r pid name host; do
    if [ "$host" = c ]; then
        kill -9 "$pid" 2>/dev/null && killed=$((killed + 1))
    fi
done <"$PIDS_FILE"
step "killed $killed processes on host C after $indexed of $texts texts were indexed; two new workers start there"
sleep 2
start c segment-3 samizdat-segment
start c segment-4 samizdat-segment
wait "$ingest_pid" || die "samizdat ingest refused texts: $(tail -n 5 "$WORK/logs/cli-ingest.log")"

step "wait until every accepted text is indexed"
status=""
for _ in $(seq 240); do
    status=$(cli status --json --timeout 3 2>/dev/null || echo '{}')
    done_now=$(echo "$status" | python3 -c 'import json,sys; s=json.load(sys.stdin); st=s["pipeline"]["states"]; print(int(s["pipeline"]["backlog"] == 0 and st.get("indexed", 0) == '"$texts"'))' 2>/dev/null || echo 0)
    [ "$done_now" = 1 ] && break
    sleep 0.5
done
[ "$done_now" = 1 ] || die "not every text was indexed: $status"

expected_paragraphs=0
for file in "$WORK"/corpus/*.txt; do
    count=$("$BIN_DIR/samizdat" segment "$file" --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["paragraphs"]))')
    expected_paragraphs=$((expected_paragraphs + count))
done
echo "$status" >"$WORK/status.json"
python3 - "$WORK/status.json" "$texts" "$expected_paragraphs" >"$WORK/logs/check.txt" <<'PY' || die "$(cat "$WORK/logs/check.txt")"
import json
import sys

status = json.load(open(sys.argv[1]))
texts = int(sys.argv[2])
paragraphs = int(sys.argv[3])
index = status["index"]
pipeline = status["pipeline"]
problems = []
if index["documents"] != texts:
    problems.append("index holds %d documents, not %d" % (index["documents"], texts))
if index["versions"] != texts:
    problems.append("index holds %d versions, not %d" % (index["versions"], texts))
if index["paragraphs"] != paragraphs:
    problems.append("index holds %d paragraphs; one copy of each text has %d" % (index["paragraphs"], paragraphs))
failed = pipeline["states"].get("failed", 0)
if failed:
    problems.append("%d texts failed" % failed)
if problems:
    print("; ".join(problems))
    sys.exit(1)
print("indexed exactly once: %d documents, %d paragraphs, %d redeliveries" % (texts, paragraphs, pipeline["redeliveries"]))
PY
step "$(cat "$WORK/logs/check.txt")"
word=$(grep -ohE '\b[A-Za-z]{6,}\b' "$WORK"/corpus/doc_00000.txt | awk 'NR == 1')  # awk reads to the end: no SIGPIPE under pipefail
hits=$(cli search "$word" --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["documents"]))')
[ "$hits" -gt 0 ] || die "search '$word' found nothing"
step "search '$word' from host A: $hits documents"

step "stop: SIGTERM to every service"
while read -r pid name _; do kill "$pid" 2>/dev/null || true; done <"$PIDS_FILE"
sleep 3
while read -r pid name host; do
    if kill -0 "$pid" 2>/dev/null; then die "$name on host $host did not stop within 3 s"; fi
done <"$PIDS_FILE"
: >"$PIDS_FILE"
step "PASS"
