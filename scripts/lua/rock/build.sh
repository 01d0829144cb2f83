#!/usr/bin/env bash
# The build step of zmq-script-scm-1.rockspec: build zmq.so for the Lua that
# luarocks targets (its interpreter, $1, says which: 5.1-5.4 or LuaJIT) with
# scripts/lua/build-module.sh, and leave it at target/lua/rock/zmq.so for the
# rockspec's install table.
#
#   scripts/lua/rock/build.sh /usr/bin/lua5.1
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
LUA="${1:?usage: $0 LUA_INTERPRETER}"
# luarocks sets CC for its own C builds; cargo's C builds keep their defaults, so that the
# libzmq of the other builds is reused (a changed CC recompiles it).
unset CC
VERSION="$("$LUA" -e 'io.write(jit and "luajit" or _VERSION:match("%d+%.%d+"))')"
SO="$("$ROOT/scripts/lua/build-module.sh" --lua "$VERSION")"
mkdir -p "$ROOT/target/lua/rock"
cp "$SO" "$ROOT/target/lua/rock/zmq.so"
echo "built zmq.so for Lua $VERSION"
