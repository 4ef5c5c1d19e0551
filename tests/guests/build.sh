#!/bin/sh
# build.sh: assemble the test guests.
#   sh tests/guests/build.sh OUTDIR [NAME.S ...]
# Each tests/guests/NAME.S (all of them by default) is preprocessed and
# assembled by $CC (cc), then:
#   - a guest that declares ".globl _start" is a Multiboot ELF32 kernel:
#     linked at 0x100000 into OUTDIR/NAME.elf (for -kernel);
#   - any other is a flat image (a -bios image, a bzImage): its .text
#     section copied out as raw bytes to OUTDIR/NAME.bin.  A flat image
#     must contain no relocations (see guest.h).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$1
shift
mkdir -p "$out"
[ $# -gt 0 ] || set -- "$here"/*.S
for src in "$@"; do
    name=$(basename "$src" .S)
    obj="$out/$name.o"
    if grep -q '^[[:space:]]*\.globl[[:space:]]\{1,\}_start' "$src"; then
        ${CC:-cc} -m32 -c -x assembler-with-cpp -I"$here" -o "$obj" "$src"
        ${LD:-ld} -m elf_i386 -Ttext 0x100000 -o "$out/$name.elf" "$obj"
        continue
    fi
    ${CC:-cc} -c -x assembler-with-cpp -I"$here" -o "$obj" "$src"
    if [ -n "$(objdump -r "$obj" | sed -n '/^[0-9a-f]\{8,\} /p')" ]; then
        echo "build.sh: $src: relocations left in the image" >&2
        exit 1
    fi
    objcopy -O binary -j .text "$obj" "$out/$name.bin"
done
