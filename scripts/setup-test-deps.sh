#!/usr/bin/env bash
# Installs the Debian packages the tests use, only if they are missing:
# lua5.1-5.4 and luajit (the loadable zmq.so of each version), luarocks (the
# rockspec test), python3-zmq and libzmq-ffi-perl (interop peers), then
# TypeScript and the zmq.so of each Lua version (target/lua/zmq.so, target/lua/V/zmq.so).
set -euo pipefail

need=()
for lua in lua5.1 lua5.2 lua5.3 lua5.4 luajit luarocks; do
    command -v "$lua" >/dev/null 2>&1 || need+=("$lua")
done
# luarocks insists on finding lua.h before any build (the rockspec test targets 5.4 and 5.1;
# cargo needs no headers).
[ -f /usr/include/lua5.4/lua.h ] || need+=(liblua5.4-dev)
[ -f /usr/include/lua5.1/lua.h ] || need+=(liblua5.1-0-dev)
/usr/bin/python3 -c 'import zmq' >/dev/null 2>&1 || need+=(python3-zmq)
perl -MZMQ::FFI -e1 >/dev/null 2>&1 || need+=(libzmq-ffi-perl)

if [ ${#need[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

# TypeScript for the zmq.d.ts check, and the loadable Lua module for every Lua version the
# tests run (all idempotent; the versions share one target dir, so libzmq builds once).
"$(dirname "$0")/setup-typescript.sh" >/dev/null
"$(dirname "$0")/lua/build-module.sh" >/dev/null
for v in 5.1 5.2 5.3 luajit; do
    "$(dirname "$0")/lua/build-module.sh" --lua "$v" >/dev/null
done
