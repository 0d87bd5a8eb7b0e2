#!/usr/bin/env bash
# The workbench in a real browser: starts `samizdat up` on free ports over generated texts and
# drives Debian's chromium with selenium (Tests/Browser/workbench_browser_test.py). Screenshots of
# every page go to browser-screenshots/ (kept out of git). Needs a finished `swift build`.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "browser test SKIPPED: chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)" >&2
  exit 0
fi
if ! python3 -c "import selenium" 2>/dev/null; then
  echo "browser test SKIPPED: the selenium Python package is not installed (pip install selenium)" >&2
  exit 0
fi
bin="$(swift build --show-bin-path)"
python3 Tests/Browser/workbench_browser_test.py "$bin" browser-screenshots
