#!/usr/bin/env bash
# The whole test suite, from a fresh clone on a Debian machine that has Rust:
# installs what the tests need (idempotently), builds everything, runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup-test-deps.sh

export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
cargo build --workspace --all-targets
# tests/tests/host_project.rs builds a project outside the workspace (the whole dependency
# tree, once, in target/host-project): run it alone first, so that build does not load the
# machine while the suite's signal and exit-time tests run; in the full run it is quick.
if cargo nextest --version >/dev/null 2>&1; then
    cargo nextest run -p integration-tests --test host_project
    cargo nextest run --workspace --no-fail-fast
else
    cargo test -p integration-tests --test host_project
    cargo test --workspace --no-fail-fast
fi
cargo test --workspace --doc
