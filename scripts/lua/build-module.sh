#!/usr/bin/env bash
# Build the loadable Lua module for a stock lua5.4 and leave it at
# target/lua/zmq.so (with target/lua/ratchet.so, a link to it, for
# `require "ratchet.zmqsocket"`). Installs lua5.4 first if it is missing.
# Safe to run several times at once; prints the path of zmq.so.
#
#   scripts/lua/build-module.sh
#   LUA_CPATH="target/lua/?.so" lua5.4 scripts/lua/hwserver.lua
#
# ZMQ_LUA_PROFILE=debug builds without optimisations (faster to compile).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/target/lua"
mkdir -p "$OUT"

exec 9>"$OUT/.build.lock"
flock 9

if ! command -v lua5.4 >/dev/null 2>&1; then
  SUDO=""
  if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO=sudo; fi
  { $SUDO apt-get update && $SUDO apt-get install -y lua5.4; } >&2
fi

PROFILE="${ZMQ_LUA_PROFILE:-release}"
TARGET_DIR="$ROOT/target/lua-module"
if [ "$PROFILE" = release ]; then FLAG=--release; else FLAG=; fi
# Its own cargo run and target dir: mlua's `module` feature must not meet the
# workspace's `vendored` (see modules/lua/loadable/Cargo.toml).
env -u CARGO_TARGET_DIR -u CARGO_BUILD_TARGET_DIR \
  cargo build $FLAG --manifest-path "$ROOT/modules/lua/loadable/Cargo.toml" --target-dir "$TARGET_DIR" >&2

cp "$TARGET_DIR/$PROFILE/libzmq_lua_loadable.so" "$OUT/zmq.so.tmp"
mv -f "$OUT/zmq.so.tmp" "$OUT/zmq.so"
ln -sfn zmq.so "$OUT/ratchet.so"
echo "$OUT/zmq.so"
