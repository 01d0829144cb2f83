#!/usr/bin/env bash
# Installs the TypeScript compiler that checks modules/quickjs/zmq.d.ts, only if
# it is missing, into a cache directory outside the repository, and prints the
# path of `tsc`. Installs nodejs and npm with apt-get first if npm is missing.
# Safe to run several times at once.
#
#   scripts/setup-typescript.sh            # → /root/.cache/zmq-script/typescript-5.9.3/node_modules/.bin/tsc
#   ZMQ_SCRIPT_CACHE=/some/dir scripts/setup-typescript.sh
set -euo pipefail

VERSION=5.9.3
CACHE="${ZMQ_SCRIPT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/zmq-script}"
DIR="$CACHE/typescript-$VERSION"
TSC="$DIR/node_modules/.bin/tsc"

mkdir -p "$DIR"
exec 9>"$DIR/.lock"
flock 9

if [ -x "$TSC" ] && "$TSC" --version 2>/dev/null | grep -qF "$VERSION"; then
    echo "$TSC"
    exit 0
fi

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    { $sudo apt-get update -qq && $sudo apt-get install -y -qq --no-install-recommends nodejs npm; } >&2
fi

# A private package.json so that npm installs here and nowhere else.
[ -f "$DIR/package.json" ] || echo '{ "name": "zmq-script-typescript", "private": true }' >"$DIR/package.json"
npm install --prefix "$DIR" --no-audit --no-fund --no-save --loglevel=error "typescript@$VERSION" >&2
"$TSC" --version >&2
echo "$TSC"
