#!/usr/bin/env bash
# The main job: builds `qjs` and runs the spec's example unchanged —
# server.js (PULL :5555 → PUB :5556), subscriber.js, and producer.js hello world.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p qjs
QJS=target/release/qjs
log=$(mktemp -d)
cleanup() { kill "${server:-}" "${subscriber:-}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$log"; }
trap cleanup EXIT

"$QJS" scripts/server.js >"$log/server" 2>&1 & server=$!
"$QJS" scripts/subscriber.js >"$log/subscriber" 2>&1 & subscriber=$!
sleep 1   # let the subscriber's connection and subscription settle (PUB/SUB slow joiner)

words=("$@")
[ ${#words[@]} -eq 0 ] && words=(hello world)
echo "\$ qjs scripts/producer.js ${words[*]}"
"$QJS" scripts/producer.js "${words[@]}"
sleep 0.5

echo; echo "--- subscriber.js printed:"; cat "$log/subscriber"
echo; echo "--- server.js printed:"; cat "$log/server"
