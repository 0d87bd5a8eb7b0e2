#!/usr/bin/env bash
# Boots deploy/compose.yaml as real containers and uses it as an operator would: up, healthy, ingest
# from the host into the published port, search, scale segment to 3, stop (every container exits 0
# within its grace period), down and up again with the data kept, down -v.
#
# There is no Docker engine or image registry on our machines, so: rootful Podman with its
# Docker-compatible API on a unix socket and Debian's docker-compose reading the compose file
# verbatim (host ports come from its own variables); the base image is made with debootstrap; the
# samizdat image is deploy/Dockerfile's run stage with its build stage replaced by the binaries this
# checkout already built (the build stage needs the swift image and GitHub, neither reachable).
#
# Usage:  bash scripts/compose-test.sh          (as root; run by scripts/test.sh)
# Env:    BIN_DIR  the built executables           [swift build --show-bin-path]
#         WORK     scratch (logs, build context)   [/tmp/samizdat-compose-test]
#         MIRROR   Debian mirror for debootstrap   [from /etc/apt/sources.list*]
#         REQUIRE_COMPOSE_TEST=1  fail instead of skipping when Podman cannot be set up (CI sets it)
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
WORK=${WORK:-/tmp/samizdat-compose-test}
PROJECT=samizdat-composetest
BINS="samizdat samizdat-ingest samizdat-segment samizdat-index samizdat-report"
T0=$(date +%s)
step() { echo "compose-test [$(($(date +%s) - T0))s] $*"; }
die() {
    echo "compose-test: FAIL: $*" >&2
    exit 1
}
skip() {
    if [ -n "${REQUIRE_COMPOSE_TEST:-}" ]; then die "$*"; fi
    echo "compose-test: skipped: $*"
    exit 0
}

[ "$(id -u)" = 0 ] || skip "needs root for rootful Podman"
if ! command -v podman >/dev/null || ! command -v docker-compose >/dev/null || ! command -v debootstrap >/dev/null; then
    command -v apt-get >/dev/null || skip "podman, docker-compose or debootstrap missing and no apt-get"
    step "installing podman, catatonit, debootstrap, docker-compose"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman catatonit debootstrap docker-compose) \
        >/dev/null || skip "apt-get could not install podman"
fi
BIN_DIR=${BIN_DIR:-$(swift build --show-bin-path)}
for binary in $BINS; do [ -x "$BIN_DIR/$binary" ] || die "missing $BIN_DIR/$binary (build first)"; done
mkdir -p "$WORK/logs"

# Without CAP_SYS_RESOURCE runc cannot raise rlimits to Podman's defaults ("error setting rlimit type 7"):
# cap the containers' defaults at what Podman's own processes have.
capabilities=$(awk '/^CapEff/ {print $2}' /proc/self/status)
if ! (((0x$capabilities >> 24) & 1)); then
    if ! grep -qs 'default_ulimits' /etc/containers/containers.conf; then
        [ -s /etc/containers/containers.conf ] && die "/etc/containers/containers.conf exists without default_ulimits; add them"
        # Podman lowers its own limits: read them off a running `podman system service`.
        podman system service --time=30 "unix://$WORK/probe.sock" >/dev/null 2>&1 &
        probe=$!
        sleep 1
        nofile=$(awk '/Max open files/ {print $5}' "/proc/$probe/limits")
        nproc=$(awk '/Max processes/ {print $4}' "/proc/$probe/limits")
        kill "$probe"
        wait "$probe" 2>/dev/null || true
        mkdir -p /etc/containers
        printf '# written by samizdat scripts/compose-test.sh: no CAP_SYS_RESOURCE here\n[containers]\ndefault_ulimits = ["nofile=%s:%s", "nproc=%s:%s"]\n' \
            "$nofile" "$nofile" "$nproc" "$nproc" >/etc/containers/containers.conf
        step "capped container rlimits at nofile=$nofile nproc=$nproc (no CAP_SYS_RESOURCE)"
    fi
fi

# The Dockerfile's RUN_IMAGE, made without a registry.
if ! podman image exists docker.io/library/debian:bookworm-slim; then
    mirror=${MIRROR:-$(grep -hoE '^(URIs:|deb) *https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null |
        grep -oE 'https?://[^ ]+' | head -1 || true)}
    mirror=${mirror:-http://deb.debian.org/debian}
    step "debootstrap --variant=minbase bookworm from $mirror"
    rm -rf "$WORK/rootfs"
    debootstrap --variant=minbase bookworm "$WORK/rootfs" "$mirror" >"$WORK/logs/debootstrap.log" 2>&1 ||
        {
            tail -20 "$WORK/logs/debootstrap.log"
            die debootstrap
        }
    rm -rf "$WORK"/rootfs/var/cache/apt/archives/*.deb "$WORK"/rootfs/var/lib/apt/lists/*
    tar -C "$WORK/rootfs" -c . | podman import --change 'CMD ["bash"]' - docker.io/library/debian:bookworm-slim >/dev/null
    rm -rf "$WORK/rootfs"
fi

step "image samizdat:composetest from deploy/Dockerfile's run stage and the binaries in $BIN_DIR"
context=$WORK/context
rm -rf "$context"
mkdir -p "$context/bin" "$context/swiftlib" "$context/config"
for binary in $BINS; do strip -o "$context/bin/$binary" "$BIN_DIR/$binary"; done
cp -R "$BIN_DIR/Samizdat_ReportHTTP.resources" "$context/bin/"
cp config/samizdat.yaml "$context/config/"
# Binaries built without --static-swift-stdlib find the toolchain's runtime by RUNPATH: same path in the image.
for binary in $BINS; do ldd "$BIN_DIR/$binary"; done | awk '$3 ~ /\/swift\// {print $3}' | sort -u >"$WORK/swiftlibs.txt"
swift_lib_dir=""
if [ -s "$WORK/swiftlibs.txt" ]; then
    swift_lib_dir=$(dirname "$(head -1 "$WORK/swiftlibs.txt")")
    xargs -a "$WORK/swiftlibs.txt" cp -L -t "$context/swiftlib/"
fi
dockerfile=deploy/Dockerfile
last_from=$(grep -n '^FROM ' "$dockerfile" | tail -1 | cut -d: -f1)
{
    grep '^ARG RUN_IMAGE' "$dockerfile"
    echo "FROM scratch AS build"
    echo "COPY bin/ /out/"
    tail -n +"$last_from" "$dockerfile" | if [ -n "$swift_lib_dir" ]; then
        sed "s|^COPY --from=build .*|&\nCOPY swiftlib/ $swift_lib_dir/|"
    else cat; fi
} >"$context/Containerfile"
grep -q '^COPY --from=build /out/' "$context/Containerfile" || die "deploy/Dockerfile's run stage no longer copies /out/"
podman build -t samizdat:composetest -f "$context/Containerfile" "$context" >"$WORK/logs/build.log" 2>&1 ||
    {
        tail -30 "$WORK/logs/build.log"
        die "podman build"
    }
podman run --rm samizdat:composetest samizdat --help >/dev/null || die "the image cannot run samizdat"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
export SAMIZDAT_IMAGE=samizdat:composetest
SAMIZDAT_HOST_INGEST_PORT=$(free_port)
SAMIZDAT_HOST_HTTP_PORT=$(free_port)
export SAMIZDAT_HOST_INGEST_PORT SAMIZDAT_HOST_HTTP_PORT
# CurveZMQ keys as an operator makes them (compose mounts them as secrets); the image's user reads them.
"$BIN_DIR/samizdat" keys generate --dir "$WORK/keys" >/dev/null
chown -R 10001 "$WORK/keys"
export SAMIZDAT_KEYS_HOST_DIR=$WORK/keys SAMIZDAT_KEYS=$WORK/keys
socket=$WORK/podman.sock
rm -f "$socket"
podman system service --time=0 "unix://$socket" >"$WORK/logs/podman-service.log" 2>&1 &
service_pid=$!
for _ in $(seq 50); do
    [ -S "$socket" ] && break
    sleep 0.1
done
export DOCKER_HOST=unix://$socket
compose() { docker-compose -p "$PROJECT" -f deploy/compose.yaml "$@" 2>&1 | grep -v 'systemd connection' || true; }
containers() { podman ps -q "$@" --filter "label=com.docker.compose.project=$PROJECT"; }
cleanup() {
    docker-compose -p "$PROJECT" -f deploy/compose.yaml down -v --remove-orphans >/dev/null 2>&1 || true
    kill "$service_pid" 2>/dev/null || true
}
trap cleanup EXIT
containers -a | xargs -r podman rm -f -t 0 >/dev/null
podman volume rm -f "${PROJECT}_ingest-journal" "${PROJECT}_index-store" >/dev/null 2>&1 || true

# Without systemd nothing runs Podman's healthchecks: run each container's own until it passes.
wait_healthy() {
    local deadline=$(($(date +%s) + 90))
    for container in $(containers); do
        until podman healthcheck run "$container" >/dev/null 2>&1; do
            [ "$(date +%s)" -lt "$deadline" ] || {
                podman logs --tail 20 "$container"
                die "$(podman inspect -f '{{.Name}}' "$container") not healthy within 90 s"
            }
            sleep 1
        done
    done
}
cli() { "$BIN_DIR/samizdat" "$@"; }
http_json() { python3 -c 'import json, sys, urllib.request; data = json.load(urllib.request.urlopen(sys.argv[1])); print(eval(sys.argv[2]))' "http://127.0.0.1:$SAMIZDAT_HOST_HTTP_PORT$1" "$2"; }

# status_reaches SECONDS EXPRESSION EXPECTED WHAT: waits until /api/status's EXPRESSION is EXPECTED.
status_reaches() {
    local value=""
    for _ in $(seq "$1"); do
        value=$(http_json /api/status "$2" 2>/dev/null || echo "")
        [ "$value" = "$3" ] && return 0
        sleep 1
    done
    die "expected $3 $4 within $1 s, got '$value'"
}

step "up (ingest on host port $SAMIZDAT_HOST_INGEST_PORT, HTTP on $SAMIZDAT_HOST_HTTP_PORT)"
compose up -d >"$WORK/logs/up.log"
# ingest, index, report and the two segment workers of `deploy.replicas`
[ "$(containers | wc -l)" -eq 5 ] || {
    podman ps -a
    die "expected 5 running containers"
}
wait_healthy
cli ping "tcp://127.0.0.1:$SAMIZDAT_HOST_INGEST_PORT" --service ingest --timeout 4 >/dev/null || die "ingest's published port does not answer ping"
cli ping "tcp://127.0.0.1:$SAMIZDAT_HOST_INGEST_PORT" --service ingest --insecure --timeout 2 >/dev/null 2>&1 && die "ingest answered a client without keys"
for container in $(containers); do
    if podman exec "$container" touch /usr/local/bin/probe 2>/dev/null; then die "$(podman inspect -f '{{.Name}}' "$container") has a writable root filesystem"; fi
    [ "$(podman inspect -f '{{.EffectiveCaps}}' "$container")" = "[]" ] || die "$(podman inspect -f '{{.Name}}' "$container") keeps Linux capabilities"
done

step "ingest from the host, search through report's HTTP"
mkdir -p "$WORK/texts"
probe_word="zq$(date +%s)probe"
printf 'Chapter One\n\nThe courier carried the manuscript across the river; the word %s was on every page.\n' "$probe_word" >"$WORK/texts/probe.txt"
cli ingest "$WORK/texts/probe.txt" --ingest "tcp://127.0.0.1:$SAMIZDAT_HOST_INGEST_PORT" --quiet
found=""
for _ in $(seq 60); do
    if http_json "/api/search?q=$probe_word" 'data["total_documents"]' 2>/dev/null | grep -qx 1; then
        found=yes
        break
    fi
    sleep 1
done
[ -n "$found" ] || die "/api/search did not find $probe_word within 60 s"

step "scale segment to 3"
compose up -d --scale segment=3 >>"$WORK/logs/up.log"
wait_healthy
status_reaches 30 'len(data["pipeline"]["workers"])' 3 "segment workers in /api/status"
for number in 1 2 3 4 5 6; do
    printf 'Part %s\n\nA second text, number %s, for three workers to share.\n' "$number" "$number" >"$WORK/texts/part-$number.txt"
done
cli ingest "$WORK/texts" --ingest "tcp://127.0.0.1:$SAMIZDAT_HOST_INGEST_PORT" --quiet
status_reaches 60 'data["index"]["documents"]' 7 "indexed documents"

step "a worker whose ingest is gone still stops at once"
ingest_container=$(containers --filter "label=com.docker.compose.service=ingest")
worker_container=$(containers --filter "label=com.docker.compose.service=segment" | sed -n 1p)
podman stop -t 30 "$ingest_container" >/dev/null
sleep 3 # the worker misses ingest and starts reconnecting to a name that no longer resolves
worker_stop_start=$(date +%s)
podman stop -t 10 "$worker_container" >/dev/null
worker_stop_seconds=$(($(date +%s) - worker_stop_start))
worker_exit=$(podman inspect -f '{{.State.ExitCode}}' "$worker_container")
[ "$worker_exit" = 0 ] && [ "$worker_stop_seconds" -lt 5 ] ||
    die "a segment worker without its ingest took $worker_stop_seconds s to stop (exit $worker_exit)"
step "the worker stopped in $worker_stop_seconds s with exit 0"
podman start "$ingest_container" "$worker_container" >/dev/null
wait_healthy

step "stop: every container exits 0 within its stop_grace_period"
stop_start=$(date +%s)
compose stop >"$WORK/logs/stop.log"
podman ps -a --filter "label=com.docker.compose.project=$PROJECT" --format '{{.Names}} {{.Status}}' >"$WORK/logs/stopped.txt"
cat "$WORK/logs/stopped.txt"
if grep -v 'Exited (0)' "$WORK/logs/stopped.txt"; then die "a container did not stop cleanly (137: killed at its grace period)"; fi
step "stopped in $(($(date +%s) - stop_start)) s"

step "down (volumes kept), up again: the index keeps its documents"
compose down >"$WORK/logs/down.log"
[ "$(containers -a | wc -l)" -eq 0 ] || die "containers left after down"
compose up -d >>"$WORK/logs/up.log"
wait_healthy
kept=$(http_json /api/status 'data["index"]["documents"]')
[ "$kept" = 7 ] || die "documents before down: 7, after up: $kept"
http_json "/api/search?q=$probe_word" 'data["total_documents"]' | grep -qx 1 || die "search after down/up did not find $probe_word"
compose down -v >"$WORK/logs/down.log"
step "PASS"
