#!/usr/bin/env bash
# Builds everything in release mode and runs the side-by-side benchmarks
# (native Rust baseline, raw libzmq C API, qjs, zlua, lua5.4 + zmq.so, pyzmq).
# Arguments go to `zmq-bench run` (e.g. --quick, --size 100, --transport tcp; --pinned puts
# receiver and sender on cores 0 and 1 and adds a C baseline on the system libzmq, which
# needs Debian's libzmq3-dev: docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p zmq-bench -p qjs -p zlua
if [ -x scripts/lua/build-module.sh ]; then
  scripts/lua/build-module.sh >/dev/null
  # luajit+zmq.so and lua5.1+zmq.so beside lua5.4+zmq.so, where those interpreters exist.
  for v in luajit 5.1; do
    if command -v "$([ $v = luajit ] && echo luajit || echo lua$v)" >/dev/null 2>&1; then
      scripts/lua/build-module.sh --lua $v >/dev/null
    fi
  done
fi
exec target/release/zmq-bench run "$@"
