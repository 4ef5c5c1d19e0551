#!/bin/sh
# bench/tcg-boot.sh: the boot kit on the software CPU, this emulator vs
# QEMU 7.2 with -accel tcg, in one run.
#
#   sh bench/tcg-boot.sh [-r REPS] [-i SECONDS] [BINARY]
#
# BINARY: ours (default $QEMU_BIN, else ./qemu-system-x86_64); the
# reference is $QEMU_REF (default /usr/bin/qemu-system-x86_64).  Both boot
# the boot kit (tests/bootkit/build-bootkit.sh builds it once, cached;
# docs/bootkit.md) with the same kernel, initramfs and options:
#   -accel tcg -M pc -m 512 -smp 1 -nodefaults -nographic -serial stdio
#   -no-reboot -kernel vmlinuz -initrd initramfs.cpio.gz
#   -append 'console=ttyS0 panic=-1 bootkit.mode=idle'
# REPS times each (default 3), alternating the binaries, one at a time.
# build/bench/boot-marker (bench/boot-marker.c) times each run:
#   - exec to the /init marker: from posix_spawn() to the marker line on
#     the console; the median counts;
#   - the guest's uptime printed at the marker (the kernel's own clock,
#     which starts after the firmware and the kernel's decompression);
#   - the idle guest's host CPU: user+system time of the emulator over
#     SECONDS (default 10) after the marker, in % of one core.
# Prints a table with both figures, the ratio ours/QEMU and the targets
# (marker within 3x QEMU's time; idle under 2% of a core).  When the
# boot kit cannot be built here, or our binary refuses -accel tcg, says
# "skipped: REASON" (the reference is still measured in the second case).
# POSIX sh.
set -u
cd "$(dirname "$0")/.." || exit 1

reps=3
idle=10
while [ $# -gt 0 ]; do
    case "$1" in
    -r) reps=$2; shift 2 ;;
    -i) idle=$2; shift 2 ;;
    -h|--help) sed -n '2,29s/^# \{0,1\}//p' "$0"; exit 0 ;;
    -*) echo "bench/tcg-boot.sh: unknown option $1" >&2; exit 2 ;;
    *) break ;;
    esac
done
ours=${1:-${QEMU_BIN:-./qemu-system-x86_64}}
ref=${QEMU_REF:-/usr/bin/qemu-system-x86_64}
helper=build/bench/boot-marker

if [ ! -x "$helper" ]; then
    mkdir -p build/bench
    ${CC:-cc} -O2 -Wall -std=gnu11 -D_GNU_SOURCE -o "$helper" bench/boot-marker.c || exit 1
fi

tmp=$(mktemp -d /tmp/qbench-XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT

echo "Boot kit: building or checking the cache ..."
kit=$(sh tests/bootkit/build-bootkit.sh 2>"$tmp/kit.err")
case $? in
0) ;;
77)
    echo "skipped: $(sed -n '/cannot build the boot kit/,$p' "$tmp/kit.err" |
                     sed 's/^build-bootkit.sh: //' | tr '\n' ' ')"
    exit 0 ;;
*)
    cat "$tmp/kit.err" >&2
    echo "bench/tcg-boot.sh: the boot kit does not build" >&2
    exit 1 ;;
esac

# tcg_refusal BINARY: nothing when it starts with -accel tcg, else why not.
tcg_refusal() {
    if [ ! -x "$1" ]; then
        echo "$1 not found"
        return
    fi
    printf '%s\n' '{"execute": "qmp_capabilities"}' '{"execute": "quit"}' |
        timeout 30 "$1" -accel tcg -M none -S -nodefaults -display none -qmp stdio \
            >/dev/null 2>"$tmp/tcg.err" ||
        echo "exit status $?: $(tr '\n' ' ' <"$tmp/tcg.err")"
}

args="-accel tcg -M pc -m 512 -smp 1 -nodefaults -nographic -serial stdio -no-reboot"
append="console=ttyS0 panic=-1 bootkit.mode=idle"

have_ours=yes
why=$(tcg_refusal "$ours")
if [ -n "$why" ]; then
    have_ours=no
    echo "skipped: software CPU (-accel tcg) not available in $ours ($why)"
fi
have_ref=yes
why=$(tcg_refusal "$ref")
if [ -n "$why" ]; then
    have_ref=no
    echo "Note: reference QEMU at $ref cannot run -accel tcg ($why): its column is" \
         "skipped (sh scripts/install-deps.sh --bench installs it as root)."
fi
[ "$have_ours" = no ] && [ "$have_ref" = no ] && exit 0

# one NAME BINARY: one boot, its "marker_us=... uptime=... idle_pct=..."
# line appended to $tmp/NAME (a failed run is reported and left out).
one() {
    # shellcheck disable=SC2086 # $args is a list of words
    if "$helper" -t 600 -i "$idle" -o "$tmp/$1.console" "$2" $args \
            -kernel "$kit/vmlinuz" -initrd "$kit/initramfs.cpio.gz" \
            -append "$append" >"$tmp/$1.run" 2>"$tmp/$1.err"; then
        cat "$tmp/$1.run" >>"$tmp/$1"
    else
        echo "Note: a run of $2 failed: $(cat "$tmp/$1.err");" \
             "console: $(tail -n 3 "$tmp/$1.console" | tr '\r\n' '  ')"
    fi
}

: >"$tmp/ours"
: >"$tmp/ref"
i=0
while [ "$i" -lt "$reps" ]; do
    i=$((i + 1))
    echo "Run $i of $reps ..."
    [ "$have_ours" = yes ] && one ours "$ours"
    [ "$have_ref" = yes ] && one ref "$ref"
done

# med NAME FIELD: the median of FIELD over NAME's runs, or nothing
med() {
    sed -n "s/.*[[:space:]]*$2=\\([-0-9.]*\\).*/\\1/p" "$tmp/$1" | sort -n |
        awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
}

awk -v o_m="$(med ours marker_us)" -v r_m="$(med ref marker_us)" \
    -v o_u="$(med ours uptime)" -v r_u="$(med ref uptime)" \
    -v o_i="$(med ours idle_pct)" -v r_i="$(med ref idle_pct)" \
    -v o_n="$(wc -l <"$tmp/ours")" -v r_n="$(wc -l <"$tmp/ref")" \
    -v reps="$reps" -v idle="$idle" '
function verdict(ok) { return ok ? "met" : "NOT met" }
# a figure with its unit, or "-" when there is none
function fig(v, fmt) { return v == "" ? sprintf("%14s", "-") : sprintf(fmt, v) }
function ratio(o, r) { return (o == "" || r == "" || r == 0) ? sprintf("%9s", "-") : sprintf("%8.2fx", o / r) }
BEGIN {
    printf "\n%-38s %14s %14s %9s   %s\n", "", "this emulator", "QEMU 7.2", "ratio", "target"
    om = o_m == "" ? "" : o_m / 1e6
    rm = r_m == "" ? "" : r_m / 1e6
    printf "%-38s %s %s %s   <= 3x QEMU: %s\n", "TCG: exec to /init marker (median)",
           fig(om, "%12.2f s"), fig(rm, "%12.2f s"), ratio(om, rm),
           (om == "" || rm == "") ? "unknown" : verdict(om <= 3 * rm)
    printf "%-38s %s %s %s\n", "TCG: guest uptime at marker (median)",
           fig(o_u, "%12.2f s"), fig(r_u, "%12.2f s"), ratio(o_u, r_u)
    printf "%-38s %s %s %s   < 2%% of a core: %s\n",
           sprintf("TCG: idle host CPU over %s s (median)", idle),
           fig(o_i, "%12.2f %%"), fig(r_i, "%12.2f %%"), ratio(o_i, r_i),
           o_i == "" ? "unknown" : verdict(o_i < 2)
    printf "\n(%d runs each, %d and %d succeeded; -accel tcg -M pc -m 512 -smp 1 -nodefaults " \
           "-nographic -serial stdio -no-reboot -kernel vmlinuz -initrd initramfs.cpio.gz " \
           "-append \"console=ttyS0 panic=-1 bootkit.mode=idle\")\n", reps, o_n, r_n
}'
