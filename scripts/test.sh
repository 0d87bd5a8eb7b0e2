#!/usr/bin/env bash
# The test command: installs what is missing, checks the formatting, builds everything, runs every test target
# (unit tests per module and the end-to-end tests that start the real executables),
# the browser test of the workbench (skipped with a message when chromium cannot be installed),
# checks the compose file, boots it as real containers with Podman (scripts/compose-test.sh; skipped
# with a message when not root), and runs the stack across three network namespaces with CurveZMQ
# (scripts/multihost-test.sh; skipped without root).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
# the code is formatted by `swift format` with the root's .swift-format (fix: swift format format -i -r Sources Tests Package.swift)
swift format lint --strict -r Sources Tests Package.swift
swift build --build-tests
swift test --skip-build
bash scripts/browser-test.sh
bash scripts/check-compose.sh
bash scripts/compose-test.sh
bash scripts/multihost-test.sh
