#!/bin/sh
# build-bootkit.sh: build (once) the boot kit: Debian 12's stock kernel and
# a busybox initramfs whose /init prints a marker and powers off.
#
#   sh tests/bootkit/build-bootkit.sh [--force]
#
# The kit goes to ${QEMU_BOOTKIT_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/qemu-bootkit},
# outside the source tree so that it survives clean clones; the script
# prints that directory, alone, on stdout (progress goes to stderr).  A kit
# that is complete (its "stamp" file, written last, names the current
# tests/bootkit/init) is not rebuilt; --force rebuilds it.  When only the
# init changed, the initramfs is repacked from the kit without downloading.
#
# Contents (docs/bootkit.md):
#   vmlinuz            the kernel of linux-image-amd64's versioned package
#   initramfs.cpio.gz  busybox-static, tests/bootkit/init as /init, and the
#                      modules below under /lib/modules/VERSION
#   modules/           the virtio modules and what they depend on, as
#                      shipped, in the kernel's tree layout, with a
#                      modules.dep for modprobe (same as in the initramfs)
#   kernel-version, config, packages, busybox, stamp
#
# Needs apt-get and dpkg-deb (no root: `apt-get download` only, nothing is
# installed) and either cpio or python3 (tests/bootkit/mkcpio.py).
# Exit status: 0 built or already there; 77 when the kit cannot be built
# in this environment (no apt, the mirror unreachable, no package lists;
# the reason is printed): the test runner counts it as a skip; 1 on any
# other error.  POSIX sh.

set -u

here=$(cd "$(dirname "$0")" && pwd) || exit 1
init_src=$here/init
kit=${QEMU_BOOTKIT_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/qemu-bootkit}
format=1

# The modules later issues load; their dependencies are added from each
# module's own "depends=" list.
virtio_modules="virtio virtio_ring virtio_pci virtio_pci_modern_dev \
virtio_pci_legacy_dev virtio_blk virtio_net net_failover failover \
virtio_balloon virtio_console virtio_scsi"

force=no
case "${1:-}" in
    "") ;;
    --force) force=yes ;;
    -h|--help) sed -n '2,28s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "build-bootkit.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
esac

say() { echo "build-bootkit.sh: $*" >&2; }
die() { say "$*"; exit 1; }
# The environment cannot build the kit: a skip for the tests.
unavailable() { say "cannot build the boot kit: $*"; exit 77; }

init_sum() { cksum <"$init_src" | awk '{ print $1 "-" $2 }'; }

stamp_text() {
    echo "bootkit-format $format"
    echo "init $(init_sum)"
}

# kit_complete: the kit is there and made from the current init.
kit_complete() {
    [ -f "$kit/stamp" ] && [ -s "$kit/vmlinuz" ] && [ -s "$kit/initramfs.cpio.gz" ] &&
        [ -f "$kit/modules/modules.dep" ] && [ "$(cat "$kit/stamp")" = "$(stamp_text)" ]
}

# base_complete: kernel, modules and busybox are there (initramfs aside).
base_complete() {
    [ -f "$kit/.stamp-base" ] && [ -s "$kit/vmlinuz" ] && [ -x "$kit/busybox" ] &&
        [ -s "$kit/kernel-version" ] && [ -f "$kit/modules/modules.dep" ] &&
        [ "$(cat "$kit/.stamp-base")" = "bootkit-format $format" ]
}

[ -r "$init_src" ] || die "$init_src is missing"
mkdir -p "$kit" || die "cannot create $kit"
kit=$(cd "$kit" && pwd) || exit 1

if [ "$force" = no ] && kit_complete; then
    echo "$kit"
    exit 0
fi

# One builder at a time (tests run in parallel); the others wait, then
# find the kit complete.
if command -v flock >/dev/null 2>&1; then
    exec 9>"$kit/.lock" || die "cannot create $kit/.lock"
    flock 9 || die "cannot lock $kit/.lock"
    if [ "$force" = no ] && kit_complete; then
        echo "$kit"
        exit 0
    fi
    # Work directories of builds that were killed.
    rm -rf "$kit"/.work.*
fi

work=$(mktemp -d "$kit/.work.XXXXXX") || die "cannot create a work directory in $kit"
trap 'rm -rf "$work"' EXIT
trap 'exit 1' HUP INT TERM

# ---- kernel, modules and busybox from the Debian packages ----

# apt_download PACKAGE...: .deb files into $work/debs, or exit 77.
apt_download() {
    (cd "$work/debs" && apt-get download "$@") >"$work/apt.log" 2>&1 && return 0
    reason=$(grep '^E:' "$work/apt.log" | head -n 1)
    [ -n "$reason" ] || reason=$(tail -n 3 "$work/apt.log")
    case $reason in
        *"Unable to locate package"*|*"Can't select candidate"*|*"has no installation candidate"*)
            reason="$reason
(no package lists: run 'apt-get update' as root)" ;;
        *"404"*)
            reason="$reason
(stale package lists: run 'apt-get update' as root)" ;;
    esac
    unavailable "apt-get download $* failed:
$reason"
}

# module_deps FILE: the names in a module's "depends=" field, one a line.
module_deps() {
    case $1 in
        *.xz) xz -dc "$1" ;;
        *.zst) zstd -qdc "$1" ;;
        *.gz) gzip -dc "$1" ;;
        *) cat "$1" ;;
    esac | tr '\0' '\n' | sed -n 's/^depends=//p' | head -n 1 | tr ',' '\n' | sed '/^$/d'
}

fetch_base() {
    command -v apt-get >/dev/null 2>&1 || unavailable "apt-get not found (not a Debian system)"
    command -v dpkg-deb >/dev/null 2>&1 || unavailable "dpkg-deb not found (not a Debian system)"
    mkdir -p "$work/debs" "$work/kernel" "$work/busybox" || exit 1

    # linux-image-amd64 is a metapackage: the kernel is in the versioned
    # package it depends on (linux-image-6.1.0-NN-amd64).
    say "downloading linux-image-amd64 and busybox-static ..."
    apt_download linux-image-amd64 busybox-static
    meta=$(ls "$work"/debs/linux-image-amd64_*.deb) || die "no linux-image-amd64 .deb"
    kpkg=$(dpkg-deb -f "$meta" Depends | tr ',' '\n' |
           sed -n 's/^ *\(linux-image-[0-9][^ ]*\).*/\1/p' | head -n 1)
    [ -n "$kpkg" ] || die "cannot find the kernel package in the Depends of $meta"
    say "downloading $kpkg ..."
    apt_download "$kpkg"
    kdeb=$(ls "$work/debs/${kpkg}"_*.deb) || die "no $kpkg .deb"
    bdeb=$(ls "$work"/debs/busybox-static_*.deb) || die "no busybox-static .deb"
    dpkg-deb -x "$kdeb" "$work/kernel" || die "dpkg-deb -x $kdeb failed"
    dpkg-deb -x "$bdeb" "$work/busybox" || die "dpkg-deb -x $bdeb failed"

    kver=$(ls "$work/kernel/lib/modules") || die "$kpkg has no /lib/modules"
    [ "$(echo "$kver" | wc -l)" -eq 1 ] || die "$kpkg: several module trees: $kver"
    [ -f "$work/kernel/boot/vmlinuz-$kver" ] || die "$kpkg has no /boot/vmlinuz-$kver"
    [ -x "$work/busybox/bin/busybox" ] || die "busybox-static has no /bin/busybox"

    # The closure of the wanted modules over their "depends=" lists, and
    # modules.dep as depmod writes it: "path: dep...", each module's
    # dependencies listed so that loading them from the last to the first
    # works (busybox modprobe does that).
    mroot=$work/kernel/lib/modules/$kver
    (cd "$mroot" && find kernel -name '*.ko*') |
        awk '{ n = $0; sub(/.*\//, "", n); sub(/\.ko.*/, "", n); gsub(/-/, "_", n); print n, $0 }' \
        >"$work/index" || exit 1
    : >"$work/graph"
    todo=$virtio_modules
    done_list=" "
    while :; do
        # shellcheck disable=SC2086 # a list of words
        set -- $todo
        [ $# -gt 0 ] || break
        m=$1; shift; todo=$*
        case $done_list in *" $m "*) continue ;; esac
        done_list="$done_list$m "
        path=$(awk -v m="$m" '$1 == m { print $2; exit }' "$work/index")
        [ -n "$path" ] || die "$kpkg has no module $m"
        deps=$(module_deps "$mroot/$path" | tr '-' '_' | tr '\n' ' ')
        echo "$m $path $deps" >>"$work/graph"
        todo="$todo $deps"
    done
    mods=$work/modules
    mkdir -p "$mods" || exit 1
    while read -r m path deps; do
        mkdir -p "$mods/$(dirname "$path")" && cp "$mroot/$path" "$mods/$path" || exit 1
    done <"$work/graph"
    awk '
        { path[$1] = $2; ndeps[$1] = NF - 2; for (i = 3; i <= NF; i++) dep[$1, i - 2] = $i }
        # post-order: dependencies before the module that needs them
        function visit(m,    i) {
            if (m in seen) return
            seen[m] = 1
            for (i = 1; i <= ndeps[m]; i++) visit(dep[m, i])
            order[++n] = m
        }
        END {
            for (m in path) {
                delete seen; n = 0
                visit(m)
                line = path[m] ":"
                for (i = n - 1; i >= 1; i--) line = line " " path[order[i]]
                print line
            }
        }' "$work/graph" | sort >"$mods/modules.dep" || exit 1
    for f in modules.builtin modules.builtin.modinfo modules.order; do
        [ -f "$mroot/$f" ] && cp "$mroot/$f" "$mods/$f"
    done

    # Into the kit: the old base goes first, so that an interrupted build
    # is never taken for a complete one.
    rm -f "$kit/stamp" "$kit/.stamp-base"
    rm -rf "$kit/modules" || exit 1
    if ! { cp "$work/kernel/boot/vmlinuz-$kver" "$kit/vmlinuz" &&
           cp "$work/kernel/boot/config-$kver" "$kit/config" &&
           cp "$work/busybox/bin/busybox" "$kit/busybox" &&
           mv "$mods" "$kit/modules" &&
           echo "$kver" >"$kit/kernel-version"; }; then
        die "cannot write the kit into $kit"
    fi
    for deb in "$kdeb" "$bdeb"; do
        echo "$(dpkg-deb -f "$deb" Package) $(dpkg-deb -f "$deb" Version)"
    done >"$kit/packages" || die "cannot write $kit/packages"
    echo "bootkit-format $format" >"$kit/.stamp-base"
    say "kernel $kver; packages: $(paste -sd ',' "$kit/packages" | sed 's/,/, /g')"
}

# ---- the initramfs ----

pack_initramfs() {
    kver=$(cat "$kit/kernel-version")
    root=$work/root
    rm -rf "$root"
    mkdir -p "$root/bin" "$root/sbin" "$root/usr/bin" "$root/usr/sbin" \
             "$root/proc" "$root/sys" "$root/dev" "$root/tmp" "$root/root" \
             "$root/etc" "$root/lib/modules" || exit 1
    cp "$kit/busybox" "$root/bin/busybox" && chmod 755 "$root/bin/busybox" || exit 1
    cp "$init_src" "$root/init" && chmod 755 "$root/init" || exit 1
    cp -R "$kit/modules" "$root/lib/modules/$kver" || exit 1
    # The applet links, when this host can run busybox (else /init makes
    # them at boot).
    if "$root/bin/busybox" --list-full >"$work/applets" 2>/dev/null; then
        while read -r applet; do
            [ -e "$root/$applet" ] || ln -s /bin/busybox "$root/$applet" || exit 1
        done <"$work/applets"
    fi
    echo "root:x:0:0:root:/root:/bin/sh" >"$root/etc/passwd"

    if command -v cpio >/dev/null 2>&1; then
        packer="cpio -o -H newc"
        (cd "$root" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) \
            >"$work/initramfs.cpio" || die "cpio failed"
    elif command -v python3 >/dev/null 2>&1; then
        packer="tests/bootkit/mkcpio.py"
        python3 "$here/mkcpio.py" "$root" >"$work/initramfs.cpio" || die "mkcpio.py failed"
    else
        die "neither cpio nor python3 is installed: cannot pack the initramfs"
    fi
    gzip -9n <"$work/initramfs.cpio" >"$work/initramfs.cpio.gz" || die "gzip failed"
    rm -f "$kit/stamp"
    mv "$work/initramfs.cpio.gz" "$kit/initramfs.cpio.gz" || die "cannot write $kit"
    say "initramfs packed with $packer ($(wc -c <"$kit/initramfs.cpio.gz") bytes)"
}

if [ "$force" = yes ] || ! base_complete; then
    fetch_base
fi
pack_initramfs
stamp_text >"$kit/stamp" || die "cannot write $kit/stamp"
echo "$kit"
