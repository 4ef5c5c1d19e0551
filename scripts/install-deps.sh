#!/bin/sh
# install-deps.sh: make sure the Debian packages needed to build and test the
# emulator are installed.
#
#   sh scripts/install-deps.sh           build and test dependencies
#   sh scripts/install-deps.sh --bench   also the reference QEMU 7.2 and
#                                        qemu-img that `make bench` compares with
#
# Silent when nothing is missing.  When something is missing: as root it runs
# `apt-get update` once and `apt-get install -y` non-interactively (this is
# what CI does: CI=true, no stdin); as any other user it prints the exact
# command to run and exits 1.  POSIX sh only.

# (binutils assembles the test guests; libvirt probes the binary in the
# board tests.)
required="gcc make pkg-config libglib2.0-dev libpixman-1-dev zlib1g-dev \
libaio-dev libcap-ng-dev libslirp-dev libjansson-dev seabios python3 \
binutils libvirt-daemon-system libvirt-clients"
bench="qemu-system-x86 qemu-utils"

want=$required
case "${1:-}" in
    "") ;;
    --bench) want="$required $bench" ;;
    -h|--help)
        sed -n '2,12s/^# \{0,1\}//p' "$0"
        exit 0 ;;
    *)
        echo "install-deps.sh: unknown option '$1' (try --help)" >&2
        exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
    # Not Debian: ./configure probes the compiler and libraries itself and
    # names what it cannot find.
    echo "install-deps.sh: dpkg-query not found (not a Debian system);" \
         "install the equivalents of: $want" >&2
    exit 0
fi

missing=
for pkg in $want; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)
    [ "$status" = installed ] || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages:$missing" >&2
    echo "Install them as root with:" >&2
    echo "    apt-get update && apt-get install -y$missing" >&2
    exit 1
fi

echo "install-deps.sh: installing missing Debian packages:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# stdin from /dev/null: never wait for an answer, with or without a terminal.
apt-get update </dev/null >&2 || {
    echo "install-deps.sh: apt-get update failed" >&2
    exit 1
}
# shellcheck disable=SC2086 # word splitting of the package list is intended
apt-get install -y $missing </dev/null >&2 || {
    echo "install-deps.sh: apt-get install failed; install by hand:$missing" >&2
    exit 1
}
exit 0
