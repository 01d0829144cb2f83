#!/usr/bin/env bash
# Build the loadable Lua module for a stock interpreter and print its path.
#
#   scripts/lua/build-module.sh              # Lua 5.4: target/lua/zmq.so
#   scripts/lua/build-module.sh --lua 5.1    # target/lua/5.1/zmq.so (5.1, 5.2, 5.3, 5.4, luajit)
#   LUA_CPATH="target/lua/5.1/?.so" lua5.1 scripts/lua/hwserver.lua
#
# Beside each zmq.so lies ratchet.so, a link to it, for `require
# "ratchet.zmqsocket"`. Installs the interpreter first if it is missing.
# Safe to run several times at once. Every version shares one cargo target
# dir, so libzmq and libsodium are compiled once (only mlua and this crate
# are rebuilt per version).
#
# ZMQ_LUA_PROFILE=debug builds without optimisations (faster to compile).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

VERSION=""
while [ $# -gt 0 ]; do
  case "$1" in
    --lua) VERSION="${2:?--lua needs a version}"; shift 2 ;;
    --lua=*) VERSION="${1#--lua=}"; shift ;;
    *) echo "usage: $0 [--lua 5.1|5.2|5.3|5.4|luajit]" >&2; exit 2 ;;
  esac
done
case "$VERSION" in
  "") FEATURE=lua54; INTERP=lua5.4; OUT="$ROOT/target/lua" ;;
  5.1|5.2|5.3|5.4) FEATURE="lua${VERSION/./}"; INTERP="lua$VERSION"; OUT="$ROOT/target/lua/$VERSION" ;;
  luajit) FEATURE=luajit; INTERP=luajit; OUT="$ROOT/target/lua/luajit" ;;
  *) echo "$0: unknown Lua version '$VERSION' (5.1, 5.2, 5.3, 5.4 or luajit)" >&2; exit 2 ;;
esac
mkdir -p "$ROOT/target/lua" "$OUT"

# One build at a time: every version shares the target dir and its output file.
exec 9>"$ROOT/target/lua/.build.lock"
flock 9

if ! command -v "$INTERP" >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi
  { $SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y "$INTERP"; } >&2
fi

PROFILE="${ZMQ_LUA_PROFILE:-release}"
TARGET_DIR="$ROOT/target/lua-module"
if [ "$PROFILE" = release ]; then FLAG=--release; else FLAG=; fi
# Its own cargo run and target dir: mlua's `module` feature must not meet the
# workspace's `vendored` (see modules/lua/loadable/Cargo.toml).
env -u CARGO_TARGET_DIR -u CARGO_BUILD_TARGET_DIR \
  cargo build $FLAG --manifest-path "$ROOT/modules/lua/loadable/Cargo.toml" --target-dir "$TARGET_DIR" \
  --no-default-features --features "$FEATURE" >&2

cp "$TARGET_DIR/$PROFILE/libzmq_lua_loadable.so" "$OUT/zmq.so.tmp"
mv -f "$OUT/zmq.so.tmp" "$OUT/zmq.so"
ln -sfn zmq.so "$OUT/ratchet.so"
echo "$OUT/zmq.so"
