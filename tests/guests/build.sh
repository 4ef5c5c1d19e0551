#!/bin/sh
# build.sh: assemble test guests into flat -bios images.
#   sh tests/guests/build.sh OUTDIR [NAME.S ...]
# Each tests/guests/NAME.S (all of them by default) becomes OUTDIR/NAME.bin:
# preprocessed and assembled by $CC (gcc), then the .text section copied
# out as raw bytes.  The image must contain no relocations (see guest.h).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$1
shift
mkdir -p "$out"
[ $# -gt 0 ] || set -- "$here"/*.S
for src in "$@"; do
    name=$(basename "$src" .S)
    obj="$out/$name.o"
    ${CC:-cc} -c -x assembler-with-cpp -I"$here" -o "$obj" "$src"
    if [ -n "$(objdump -r "$obj" | sed -n '/^[0-9a-f]\{8,\} /p')" ]; then
        echo "build.sh: $src: relocations left in the image" >&2
        exit 1
    fi
    objcopy -O binary -j .text "$obj" "$out/$name.bin"
done
