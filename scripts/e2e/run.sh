#!/usr/bin/env bash
# `npm run test:e2e`: installs the packaged .vsix into a real VS Code (code-server) and drives
# it in headless Chromium (test/e2e/). SKIP_BROWSER_E2E=1 skips the browser part on a
# developer's machine; under CI=true it always runs.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [ "${SKIP_BROWSER_E2E:-}" = "1" ] && [ "${CI:-}" != "true" ]; then
  echo "test:e2e: SKIP_BROWSER_E2E=1, browser end-to-end test skipped (CI always runs it)"
  exit 0
fi

CHROMIUM="${E2E_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  echo "test:e2e: no Chromium at $CHROMIUM. Install it with: sudo apt-get install -y chromium libkrb5-dev" >&2
  echo "          or set SKIP_BROWSER_E2E=1 to skip the browser test on this machine." >&2
  exit 1
fi

NAME="$(node -p 'require("./package.json").name')"
VERSION="$(node -p 'require("./package.json").version')"
VSIX="$PWD/$NAME-$VERSION.vsix"
# A .vsix older than the code it ships would test yesterday's extension.
if [ ! -f "$VSIX" ] || [ -n "$(find src webview media package.json scripts/build.mjs -newer "$VSIX" -print -quit 2>/dev/null)" ]; then
  echo "test:e2e: packaging first ($VSIX is missing or stale)"
  npm run --silent package
fi

started=$(date +%s)
PREFIX="$(bash scripts/e2e/install-code-server.sh | tail -n 1)"
echo "test:e2e: code-server ready in $(( $(date +%s) - started )) s at $PREFIX"

rm -rf ci-artifacts && mkdir -p ci-artifacts
export E2E_CODE_SERVER_PREFIX="$PREFIX"
export E2E_VSIX="$VSIX"
export E2E_ARTIFACTS="$PWD/ci-artifacts"
export E2E_CHROMIUM="$CHROMIUM"
export E2E_FIXTURES="$PWD/test/fixtures/e2e"
started=$(date +%s)
# One attempt. The scenarios that read CodeLenses click into the editor text first, as a user
# does: VS Code asks for lenses only while the editor text has focus (see Workbench.focusEditor),
# which is what made earlier runs flaky, not the extension.
# Arguments go to the test runner: `--test-name-pattern '<regex>'` runs the scenarios named.
status=0
node --import tsx --test --test-reporter=spec --test-concurrency=1 "$@" test/e2e/sidebar.e2e.ts || status=$?
echo "test:e2e: browser scenarios took $(( $(date +%s) - started )) s; screenshots in ci-artifacts/"
# The extension logs how long activate() took, in wall time and in the thread's CPU time (on a
# loaded machine the first includes waiting for a core); report it (budget: 50 ms).
activation="$(grep -rhoE 'activated in [0-9.]+ ms[^)]*\)' ci-artifacts/logs 2>/dev/null | head -n 1 || true)"
echo "test:e2e: extension ${activation:-activation time not found in the editor logs}"
# The longest the extension host's main thread was kept busy without a break over the whole run
# (the extension's monitor: the thread's CPU time between two 10 ms ticks, so it counts work on
# the thread, this extension's or another's, and not time the OS left the thread waiting for a
# core; goal: 50 ms), the check by training and the fifty-models file included. The first
# seconds after activation are reported apart: every extension starts on that thread. How late
# its timers ran (work plus waiting for a core) is reported beside it.
block="$(grep -rhoE 'longest busy stretch so far [0-9.]+ ms of [A-Za-z ]+' ci-artifacts/logs 2>/dev/null | sort -t' ' -k6 -g | tail -n 1 || true)"
startup="$(grep -rhoE 'longest busy stretch during start-up [0-9.]+ ms' ci-artifacts/logs 2>/dev/null | awk '{ if ($6 + 0 > max) max = $6 + 0 } END { if (max) print max }' || true)"
late="$(grep -rhoE 'timers late up to [0-9.]+ ms' ci-artifacts/logs 2>/dev/null | awk '{ if ($5 + 0 > max) max = $5 + 0 } END { if (max) print max }' || true)"
echo "test:e2e: main thread ${block:-longest busy stretch: not found in the editor logs} (during the extension host's start-up: ${startup:-?} ms; timers late up to ${late:-?} ms, waiting for a core included)"
# When they were (the extension's log times), to set against the scenarios' own log lines.
grep -rhE 'main thread: busy .* up to' ci-artifacts/logs 2>/dev/null | sed -E 's/^[0-9-]+ ([0-9:.]+) \[info\] main thread: (.*) in the last period/test:e2e:   \2 in the 5 s before \1/' || true
# And how long the check by training took in the editor (the small-dense.js scenario).
check="$(grep -rhoE 'check of [A-Za-z0-9_$]+ finished in [0-9.]+ s' ci-artifacts/logs 2>/dev/null | head -n 1 || true)"
[ -n "$check" ] && echo "test:e2e: $check"
exit "$status"
