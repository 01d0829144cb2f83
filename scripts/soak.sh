#!/usr/bin/env bash
# Soak test (issue 14): the mixed workload of scripts/soak/soak.js (qjs) and
# scripts/soak/soak.lua (zlua) runs in both engines at once for N seconds
# (default 60) over loopback tcp, ipc and inproc: PUB/SUB with a new
# subscriber connection per round, REQ/REP, socket and context churn, a
# monitor, CURVE, async (JS Promises) and coroutine (Lua) I/O. Each script
# fails on any lost, altered or reordered message.
# Every second this script samples each process's RSS (VmRSS in
# /proc/PID/status) and open fds (/proc/PID/fd), and fails when, after a
# warm-up (the first 20% of the run, at least 5 s):
#   - RSS grows: the least-squares slope is above RSS_SLOPE_KB_PER_MIN
#     (default 2048, i.e. 2 MiB/min) AND the fitted growth over the measured
#     part exceeds RSS_GROWTH_KB (default 4096) — a leak, not GC noise;
#   - open fds grow: the floor (fewest open fds) of the last quarter of the
#     run exceeds the floor of the first measured quarter by more than FD_SLACK
#     (default 4). A leaked fd stays open and raises the floor; the peak only
#     counts connections in flight at the sampling instant, so it is reported
#     but not judged.
# Samples go to $SOAK_OUT/samples.csv (default target/soak), a summary to stdout.
#   scripts/soak.sh [--seconds N]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=60
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds="$2"; shift 2 ;;
        --seconds=*) seconds="${1#*=}"; shift ;;
        -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
        *) echo "soak.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
case "$seconds" in ''|*[!0-9]*) echo "soak.sh: --seconds needs a whole number" >&2; exit 2 ;; esac

RSS_SLOPE_KB_PER_MIN="${RSS_SLOPE_KB_PER_MIN:-2048}"
RSS_GROWTH_KB="${RSS_GROWTH_KB:-4096}"
FD_SLACK="${FD_SLACK:-4}"
out="${SOAK_OUT:-target/soak}"
mkdir -p "$out"
target_dir="${CARGO_TARGET_DIR:-target}"
qjs="${ZMQ_IT_QJS:-$target_dir/debug/qjs}"
zlua="${ZMQ_IT_ZLUA:-$target_dir/debug/zlua}"
if [ ! -x "$qjs" ] || [ ! -x "$zlua" ]; then
    cargo build -q -p qjs -p zlua
fi
ipc_dir="$(mktemp -d /tmp/zmq-soak.XXXXXX)"
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    rm -rf "$ipc_dir"
}
trap cleanup EXIT

# Each workload runs under a subshell that waits for it alone and writes its exit status to
# $out/NAME.rc: over a long run this script forks thousands of samplers, and bash may forget
# the status of its own early background job by the time it waits for it.
start_workload() { # NAME COMMAND...
    local name="$1"
    shift
    rm -f "$out/$name.rc" "$out/$name.pid"
    (
        "$@" >"$out/$name.log" 2>&1 &
        echo $! >"$out/$name.pid"
        wait $!
        echo $? >"$out/$name.rc"
    ) &
    until [ -s "$out/$name.pid" ]; do sleep 0.05; done
    pids+=("$(cat "$out/$name.pid")")
}
start_workload qjs "$qjs" scripts/soak/soak.js "$seconds" "$ipc_dir"
start_workload zlua "$zlua" scripts/soak/soak.lua "$seconds" "$ipc_dir"
names=(qjs zlua)

echo "t,engine,rss_kb,fds" >"$out/samples.csv"
start=$(date +%s)
deadline=$((start + seconds + 120)) # a hung script fails the run
while :; do
    alive=0
    now=$(date +%s)
    for i in 0 1; do
        p=${pids[$i]}
        if [ -r "/proc/$p/status" ] && ! grep -q '^State:.*Z' "/proc/$p/status" 2>/dev/null; then
            rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || true)
            # The process may end between the check above and these reads: no sample then,
            # not an exit of this script (set -e, pipefail).
            fds=$(ls "/proc/$p/fd" 2>/dev/null | wc -l) || fds=""
            if [ -n "$rss" ] && [ -n "$fds" ]; then
                echo "$((now - start)),${names[$i]},$rss,$fds" >>"$out/samples.csv"
                alive=1
            fi
        fi
    done
    [ "$alive" = 1 ] || break
    if [ "$now" -gt "$deadline" ]; then
        echo "soak.sh: FAIL: still running $((now - start)) s after start (hang?)" >&2
        exit 1
    fi
    sleep 1
done

wait # the two subshells, which have written their .rc files
status=0
for i in 0 1; do
    if [ "$(cat "$out/${names[$i]}.rc" 2>/dev/null)" != 0 ]; then
        echo "soak.sh: FAIL: ${names[$i]} workload failed:" >&2
        tail -n 20 "$out/${names[$i]}.log" >&2
        status=1
    fi
done
pids=()

warmup=$((seconds / 5))
[ "$warmup" -ge 5 ] || warmup=5
for name in "${names[@]}"; do
    awk -F, -v name="$name" -v warmup="$warmup" -v slope_max="$RSS_SLOPE_KB_PER_MIN" \
        -v growth_max="$RSS_GROWTH_KB" -v fd_slack="$FD_SLACK" -v dur="$seconds" '
        $2 == name && $1 >= warmup { n++; t[n] = $1; r[n] = $3; f[n] = $4 }
        END {
            if (n < 3) { printf "%s: too few samples after warm-up (%d)\n", name, n; exit 0 }
            for (i = 1; i <= n; i++) { st += t[i]; sr += r[i]; stt += t[i] * t[i]; str += t[i] * r[i] }
            d = n * stt - st * st
            slope = d > 0 ? (n * str - st * sr) / d : 0   # KiB per second
            growth = slope * (t[n] - t[1])
            q = int(n / 4); if (q < 1) q = 1
            fd_first = f[1]; fd_last = f[n]; peak_first = 0; peak_last = 0
            for (i = 1; i <= q; i++) { if (f[i] < fd_first) fd_first = f[i]; if (f[i] > peak_first) peak_first = f[i] }
            for (i = n - q + 1; i <= n; i++) { if (f[i] < fd_last) fd_last = f[i]; if (f[i] > peak_last) peak_last = f[i] }
            rmin = r[1]; rmax = r[1]
            for (i = 1; i <= n; i++) { if (r[i] < rmin) rmin = r[i]; if (r[i] > rmax) rmax = r[i] }
            printf "%s: %d samples after %d s warm-up; RSS %d..%d KiB (first %d, last %d), slope %.1f KiB/min, fitted growth %.0f KiB; fds first quarter %d..%d, last quarter %d..%d\n",
                name, n, warmup, rmin, rmax, r[1], r[n], slope * 60, growth, fd_first, peak_first, fd_last, peak_last
            bad = 0
            if (slope * 60 > slope_max && growth > growth_max) { printf "%s: FAIL: RSS grows %.1f KiB/min (limit %d) by %.0f KiB (limit %d)\n", name, slope * 60, slope_max, growth, growth_max; bad = 1 }
            if (fd_last > fd_first + fd_slack) { printf "%s: FAIL: the floor of open fds grows from %d to %d\n", name, fd_first, fd_last; bad = 1 }
            exit bad
        }' "$out/samples.csv" || status=1
    tail -n 1 "$out/$name.log"
done
if [ "$status" = 0 ]; then echo "soak.sh: PASS ($seconds s)"; else echo "soak.sh: FAIL" >&2; fi
exit "$status"
