#!/usr/bin/env bash
# Builds everything in release mode and runs the side-by-side benchmarks
# (native Rust baseline, raw libzmq C API, qjs, zlua, lua5.4 + zmq.so, pyzmq).
# Arguments go to `zmq-bench run` (e.g. --quick, --size 100, --transport tcp).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p zmq-bench -p qjs -p zlua
if [ -x scripts/lua/build-module.sh ]; then scripts/lua/build-module.sh >/dev/null; fi
exec target/release/zmq-bench run "$@"
