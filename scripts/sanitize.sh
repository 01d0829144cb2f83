#!/usr/bin/env bash
# Sanitizer pass (issue 14): the core and engine test suites under valgrind's
# memcheck, which instruments everything in the process — our Rust code and the
# C/C++ underneath (libzmq, libsodium, QuickJS, Lua) — without a special build.
# Too slow for CI (10-50x); run it by hand after changes to unsafe code, the
# libzmq patches or the engines' memory handling:
#   scripts/sanitize.sh [--quick]
# Runs, each under `valgrind --error-exitcode=99`:
#   1. every test binary of zmq-script, zmq-quickjs and zmq-lua (in-process:
#      the core, the QuickJS module's JS tests, the Lua module's embedding
#      tests); the core fuzz test with one seed (FUZZ_SEED=1);
#   2. the runners on scripts: qjs and zlua on the memory-limit case of
#      tests/scripts and 10 s of the soak workload (scripts/soak/). (Not the
#      fd-limit cases: valgrind keeps the top of the fd range for itself and
#      fails socketpair() there with EBADF instead of EMFILE, on which libzmq
#      asserts — a valgrind artefact, not a finding.)
# --quick skips the test binaries (step 1). Findings: invalid reads/writes,
# uses of uninitialised values, invalid frees and definite leaks make a step
# fail; scripts/valgrind.supp lists what is suppressed and why. The result of
# the last run is in docs/design.md ("Sanitizer pass"). Logs: target/sanitize/.
set -uo pipefail
cd "$(dirname "$0")/.."

quick=0
[ "${1:-}" = "--quick" ] && quick=1
command -v valgrind >/dev/null || { echo "sanitize.sh: valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
out=target/sanitize
mkdir -p "$out"
vg=(valgrind --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
    --show-leak-kinds=definite --suppressions=scripts/valgrind.supp --num-callers=30 --fair-sched=yes)
failed=()

run() { # name, command... (with FDS=N: under `ulimit -n N`)
    local name="$1"; shift
    echo "== $name"
    local limit=(env)
    [ -n "${FDS:-}" ] && limit=(sh -c 'ulimit -n "$0" && exec "$@"' "$FDS")
    if timeout 3600 "${limit[@]}" "${vg[@]}" --log-file="$out/$name.vg.log" "$@" >"$out/$name.out" 2>&1; then
        echo "   ok ($(grep -h 'ERROR SUMMARY' "$out/$name.vg.log" | tail -n 1 | sed 's/^==[0-9]*== //'))"
    else
        echo "   FAILED (exit $?): see $out/$name.vg.log and $out/$name.out"
        grep -h 'ERROR SUMMARY' "$out/$name.vg.log" | tail -n 1
        failed+=("$name")
    fi
}

if [ "$quick" = 0 ]; then
    bins=$(cargo test --no-run --message-format=json -p zmq-script -p zmq-quickjs -p zmq-lua 2>/dev/null |
        python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable") and m["profile"]["test"]:
        print(m["manifest_path"].split("/")[-2] + ":" + m["target"]["name"] + ":" + m["executable"])')
    for entry in $bins; do
        IFS=: read -r pkg target exe <<<"$entry"
        FUZZ_SEED=1 ZMQ_TEST_SLOWDOWN=20 run "test-$pkg-$target" "$exe" --test-threads=2
    done
fi

cargo build -q -p qjs -p zlua
ipc_dir=$(mktemp -d /tmp/zmq-sanitize.XXXXXX)
trap 'rm -rf "$ipc_dir"' EXIT
run qjs-memlimit target/debug/qjs --memory-limit 64m tests/scripts/js/memlimit.js 100
LUA_PATH="tests/scripts/lua/?.lua;;" run zlua-memlimit target/debug/zlua --memory-limit 64m tests/scripts/lua/memlimit.lua 100
run qjs-soak target/debug/qjs scripts/soak/soak.js 10 "$ipc_dir"
run zlua-soak target/debug/zlua scripts/soak/soak.lua 10 "$ipc_dir"

if [ ${#failed[@]} -eq 0 ]; then
    echo "sanitize.sh: no findings"
else
    echo "sanitize.sh: findings in: ${failed[*]}" >&2
    exit 1
fi
