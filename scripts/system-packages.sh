#!/usr/bin/env bash
# First step of `npm test`: the Debian packages the test command needs beyond Node and npm.
#   unzip        lists the .vsix for the package check (always)
#   chromium     drives the editor in the end-to-end test
#   libkrb5-dev  lets code-server's native kerberos module compile (end-to-end test)
# Missing ones are installed when this is Debian/Ubuntu and we are root (a CI machine, a fresh
# container); otherwise the script stops with the one command that installs them. The browser
# packages are not needed when the browser test is skipped (SKIP_BROWSER_E2E=1 outside CI).
#
# TFJS_SCALING_DPKG_QUERY and TFJS_SCALING_APT_GET name the tools to use (tests substitute fakes).
set -euo pipefail

DPKG_QUERY="${TFJS_SCALING_DPKG_QUERY:-dpkg-query}"
APT_GET="${TFJS_SCALING_APT_GET:-apt-get}"

wanted=(unzip)
if [ "${SKIP_BROWSER_E2E:-}" != "1" ] || [ "${CI:-}" = "true" ]; then
  # A Chromium given by path (E2E_CHROMIUM) replaces Debian's package.
  if [ -z "${E2E_CHROMIUM:-}" ]; then wanted+=(chromium); fi
  wanted+=(libkrb5-dev)
fi

if ! command -v "$DPKG_QUERY" >/dev/null 2>&1; then
  # Not Debian: we cannot tell what is installed; the steps that need a package say so themselves.
  echo "system packages: no dpkg-query here; make sure ${wanted[*]} are installed" >&2
  exit 0
fi

missing=()
for p in "${wanted[@]}"; do
  "$DPKG_QUERY" -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

command_line="apt-get install -y ${missing[*]}"
if [ "$(id -u)" -eq 0 ] && command -v "$APT_GET" >/dev/null 2>&1; then
  echo "system packages: installing ${missing[*]} (needed by npm test)" >&2
  export DEBIAN_FRONTEND=noninteractive
  "$APT_GET" update -qq >&2
  "$APT_GET" install -y -qq "${missing[@]}" >&2
  exit 0
fi

echo "npm test needs these Debian packages: ${missing[*]}. Install them with:" >&2
echo "" >&2
echo "    sudo $command_line" >&2
echo "" >&2
if [ "${CI:-}" != "true" ] && [[ " ${missing[*]} " != " unzip " ]]; then
  echo "(or run SKIP_BROWSER_E2E=1 npm test to skip the browser test, which needs chromium and libkrb5-dev)" >&2
fi
exit 1
