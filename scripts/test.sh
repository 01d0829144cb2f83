#!/usr/bin/env bash
# The whole test suite, from a fresh clone on a Debian machine that has Rust:
# installs what the tests need (idempotently), builds everything, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-test-deps.sh

export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
cargo build --workspace --all-targets
if cargo nextest --version >/dev/null 2>&1; then
    cargo nextest run --workspace --no-fail-fast
else
    cargo test --workspace --no-fail-fast
fi
cargo test --workspace --doc
