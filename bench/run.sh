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
# And, when /dev/kvm can create a VM, the PC board under KVM, both
# binaries started with `-accel kvm -M pc -m 256 -nodefaults -display none
# -bios build/tests/guests/serial-byte.bin -serial stdio`:
#   - cold start to the guest's first instruction: build/bench/first-byte
#     times posix_spawn() to the first byte the guest writes to COM1 (its
#     first instructions), 10*REPS+1 runs; the median counts.
#   - RSS of the idle 256 MiB guest: VmRSS 500 ms after that byte (the
#     guest halted), median of the same runs.
# Prints a table with both figures, the ratio and the targets
# (>= 10x QEMU's round trips per second; greeting within 5 ms; first
# guest instruction within 10 ms; idle RSS under 8 MiB).
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
    -h|--help) sed -n '2,28s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown option $1" >&2; exit 2 ;;
    esac
done

ours=${QEMU_BIN:-./qemu-system-x86_64}
ref=${QEMU_REF:-/usr/bin/qemu-system-x86_64}
bindir=build/bench
args="-M none -nodefaults -display none"

# The helpers are normally built by `make bench`; build them when run alone.
for tool in qmp-rtt start-greeting first-byte; do
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

# The PC board under KVM: the serial-byte guest, built when missing.
guest=build/tests/guests/serial-byte.bin
kvm_args="-accel kvm -M pc -m 256 -nodefaults -display none -bios $guest -serial stdio"
have_kvm=yes
if ! kvm_reason=$("$bindir/first-byte" -k); then
    have_kvm=no
    echo "Note: skipping the KVM rows: $kvm_reason"
elif [ ! -f "$guest" ] &&
     ! sh tests/guests/build.sh build/tests/guests tests/guests/serial-byte.S; then
    have_kvm=no
    echo "Note: skipping the KVM rows: the serial-byte guest does not build"
fi

# first_byte BINARY: "median_us rss_kib" of the KVM cold start runs
first_byte() {
    # shellcheck disable=SC2086
    "$bindir/first-byte" -n $((reps * 10 + 1)) "$1" $kvm_args >"$tmp/fb" || {
        echo "0 0"
        return
    }
    echo "$(field median_us <"$tmp/fb") $(field rss_kib <"$tmp/fb")"
}

echo "Measuring $ours ..."
ours_rtt=$(rtt "$ours")
ours_start=$(greeting "$ours")
if [ "$have_kvm" = yes ]; then
    set -- $(first_byte "$ours")
    ours_fb=$1 ours_rss=$2
fi
have_ref=no
if [ -x "$ref" ]; then
    have_ref=yes
    echo "Measuring $ref (QEMU 7.2) ..."
    ref_rtt=$(rtt "$ref")
    ref_start=$(greeting "$ref")
    if [ "$have_kvm" = yes ]; then
        set -- $(first_byte "$ref")
        ref_fb=$1 ref_rss=$2
    fi
else
    echo "Note: reference QEMU not installed at $ref: its column is skipped" \
         "(sh scripts/install-deps.sh --bench installs it as root)."
fi

awk -v o_rtt="${ours_rtt:-0}" -v o_st="${ours_start:-0}" \
    -v r_rtt="${ref_rtt:-0}" -v r_st="${ref_start:-0}" -v have_ref="$have_ref" \
    -v o_fb="${ours_fb:-0}" -v o_rss="${ours_rss:-0}" \
    -v r_fb="${ref_fb:-0}" -v r_rss="${ref_rss:-0}" -v have_kvm="$have_kvm" \
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
    if (have_kvm == "yes") {
        # A failed measurement is 0: shown as "-".
        fb_o = o_fb ? sprintf("%11.2f ms", o_fb / 1000) : sprintf("%14s", "-")
        fb_r = (have_ref == "yes" && r_fb) ? sprintf("%11.2f ms", r_fb / 1000) : sprintf("%14s", "-")
        rs_o = o_rss ? sprintf("%10.1f MiB", o_rss / 1024) : sprintf("%14s", "-")
        rs_r = (have_ref == "yes" && r_rss) ? sprintf("%10.1f MiB", r_rss / 1024) : sprintf("%14s", "-")
        printf "%-34s %s %s %9s   <= 10 ms: %s\n", "KVM: start to first guest byte", fb_o, fb_r,
               (o_fb && r_fb) ? sprintf("%.2fx", o_fb / r_fb) : "-",
               o_fb ? verdict(o_fb <= 10000) : "unknown"
        printf "%-34s %s %s %9s   < 8 MiB: %s\n", "KVM: RSS, idle 256 MiB guest", rs_o, rs_r,
               (o_rss && r_rss) ? sprintf("%.2fx", o_rss / r_rss) : "-",
               o_rss ? verdict(o_rss < 8192) : "unknown"
    }
    printf "\n(round trips: %d runs of %s s each; start-up: %d runs; -M none -nodefaults -display none)\n",
           reps, secs, reps * 10 + 1
    if (have_kvm == "yes")
        printf "(KVM rows: %d runs each; -accel kvm -M pc -m 256 -nodefaults -bios serial-byte.bin)\n",
               reps * 10 + 1
}'
