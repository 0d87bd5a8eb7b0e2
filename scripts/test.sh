#!/usr/bin/env bash
# The test command: installs what is missing, builds everything, runs every test target
# (unit tests per module and the end-to-end tests that start the real executables),
# the browser test of the workbench (skipped with a message when chromium cannot be installed),
# and checks the compose file.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build --build-tests
swift test --skip-build
bash scripts/browser-test.sh
bash scripts/check-compose.sh
