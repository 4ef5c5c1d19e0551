#!/bin/sh
# bench/run.sh: compare this emulator with QEMU 7.2 in one run (`make bench`).
#
#   sh bench/run.sh [-r REPS] [-t SECONDS]
#
# For each binary (./qemu-system-x86_64 and, when installed, the reference
# /usr/bin/qemu-system-x86_64), both started with
# `-M none -nodefaults -display none`:
#   - QMP round trips per second: build/bench/qmp-rtt over a unix socket,
#     one query-status at a time for SECONDS (default 2), REPS times
#     (default 3); the median counts.
#   - start to QMP greeting: build/bench/start-greeting with -qmp stdio,
#     from posix_spawn() to the end of the greeting line, 10*REPS+1 runs;
#     the median counts.
# Prints a table with both figures, the ratio and the targets
# (>= 10x QEMU's round trips per second; greeting within 5 ms).
# Environment: QEMU_BIN (ours, default ./qemu-system-x86_64),
# QEMU_REF (default /usr/bin/qemu-system-x86_64).  POSIX sh.
set -u
cd "$(dirname "$0")/.." || exit 1

reps=3
seconds=2
while [ $# -gt 0 ]; do
    case "$1" in
    -r) reps=$2; shift 2 ;;
    -t) seconds=$2; shift 2 ;;
    -h|--help) sed -n '2,19s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

ours=${QEMU_BIN:-./qemu-system-x86_64}
ref=${QEMU_REF:-/usr/bin/qemu-system-x86_64}
bindir=build/bench
args="-M none -nodefaults -display none"

# The helpers are normally built by `make bench`; build them when run alone.
for tool in qmp-rtt start-greeting; do
    if [ ! -x "$bindir/$tool" ]; then
        mkdir -p "$bindir"
        ${CC:-cc} -O2 -Wall -std=gnu11 -D_GNU_SOURCE -o "$bindir/$tool" "bench/$tool.c" || exit 1
    fi
done

if [ ! -x "$ours" ]; then
    echo "bench/run.sh: $ours not found; run 'make' first" >&2
    exit 1
fi

tmp=$(mktemp -d /tmp/qbench-XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT

# median of the numbers on stdin
median() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print 0 }'
}

# field NAME from "a=1 b=2" lines on stdin
field() {
    sed -n "s/.*[[:space:]]*$1=\\([0-9.]*\\).*/\\1/p"
}

# rtt BINARY: median round trips per second over $reps runs
rtt() {
    i=0
    while [ "$i" -lt "$reps" ]; do
        sock="$tmp/qmp-$i.sock"
        # shellcheck disable=SC2086 # $args is a list of words
        "$1" $args -qmp "unix:$sock,server=on,wait=off" </dev/null >"$tmp/out" 2>&1 &
        pid=$!
        "$bindir/qmp-rtt" -q -t "$seconds" "$sock" | field rtt_per_sec >>"$tmp/rtt"
        wait "$pid"
        i=$((i + 1))
    done
    median <"$tmp/rtt"
    rm -f "$tmp/rtt"
}

# greeting BINARY: median microseconds from spawn to the QMP greeting
greeting() {
    # shellcheck disable=SC2086
    "$bindir/start-greeting" -n $((reps * 10 + 1)) "$1" $args -qmp stdio | field median_us
}

echo "Measuring $ours ..."
ours_rtt=$(rtt "$ours")
ours_start=$(greeting "$ours")
have_ref=no
if [ -x "$ref" ]; then
    have_ref=yes
    echo "Measuring $ref (QEMU 7.2) ..."
    ref_rtt=$(rtt "$ref")
    ref_start=$(greeting "$ref")
else
    echo "Note: reference QEMU not installed at $ref: its column is skipped" \
         "(sh scripts/install-deps.sh --bench installs it as root)."
fi

awk -v o_rtt="${ours_rtt:-0}" -v o_st="${ours_start:-0}" \
    -v r_rtt="${ref_rtt:-0}" -v r_st="${ref_start:-0}" -v have_ref="$have_ref" \
    -v reps="$reps" -v secs="$seconds" '
function verdict(ok) { return ok ? "met" : "NOT met" }
BEGIN {
    printf "\n%-34s %14s %14s %9s   %s\n", "", "this emulator", "QEMU 7.2", "ratio", "target"
    if (have_ref == "yes") {
        printf "%-34s %14.0f %14.0f %8.1fx   >= 10x QEMU: %s\n",
               "QMP round trips/s (median)", o_rtt, r_rtt, r_rtt ? o_rtt / r_rtt : 0,
               verdict(r_rtt && o_rtt >= 10 * r_rtt)
        printf "%-34s %11.2f ms %11.2f ms %8.2fx   <= 5 ms: %s\n",
               "start to QMP greeting (median)", o_st / 1000, r_st / 1000,
               r_st ? o_st / r_st : 0, verdict(o_st <= 5000)
    } else {
        printf "%-34s %14.0f %14s %9s   >= 10x QEMU: unknown\n",
               "QMP round trips/s (median)", o_rtt, "-", "-"
        printf "%-34s %11.2f ms %14s %9s   <= 5 ms: %s\n",
               "start to QMP greeting (median)", o_st / 1000, "-", "-", verdict(o_st <= 5000)
    }
    printf "\n(round trips: %d runs of %s s each; start-up: %d runs; -M none -nodefaults -display none)\n",
           reps, secs, reps * 10 + 1
}'
