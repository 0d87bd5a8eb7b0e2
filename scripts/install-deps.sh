#!/usr/bin/env bash
# Installs the Debian packages Samizdat builds and tests against, if any is missing.
# Needs root (or sudo). The Swift toolchain itself must already be on PATH (swift 6.2 or newer).
set -euo pipefail
packages=(libzmq3-dev libsqlite3-dev libpoppler-glib-dev libxml2-dev zlib1g-dev poppler-utils pkg-config docker-compose)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# The browser test needs chromium, its driver and selenium; without them it is skipped, so a
# failure to install them is reported and not fatal.
browser=()
for p in chromium chromium-driver; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || browser+=("$p")
done
if [ ${#browser[@]} -gt 0 ]; then
  echo "installing for the browser test: ${browser[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${browser[@]}" >/dev/null; } \
    || echo "could not install ${browser[*]}: the browser test will be skipped" >&2
fi
python3 -c "import selenium" 2>/dev/null \
  || python3 -m pip install -q selenium 2>/dev/null \
  || python3 -m pip install -q --break-system-packages selenium 2>/dev/null \
  || echo "could not install selenium: the browser test will be skipped" >&2
python3 -c "import prometheus_client" 2>/dev/null \
  || python3 -m pip install -q prometheus_client 2>/dev/null \
  || python3 -m pip install -q --break-system-packages prometheus_client 2>/dev/null \
  || echo "could not install prometheus_client: MetricsTests skip its parser's check of /metrics" >&2
command -v swift >/dev/null || { echo "swift is not on PATH: install the Swift 6.2+ toolchain first" >&2; exit 1; }
