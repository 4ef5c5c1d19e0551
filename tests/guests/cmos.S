/*
 * cmos.S: prints the CMOS bytes the board fills in for the firmware (and
 * the RTC's status registers), as "cmos: II=VV ..." on one line, then
 * exits GUEST_OK.  The test compares the line with the reference's for
 * the same -m, -smp and -boot options.  The clock registers (0x00-0x09)
 * are left out: they change.
 */
#include "guest.h"
#include "guest-lib.inc"

    .text
rom_start:
    LIB16

    .code16
start16:
    SETUP16
    PRINT16 msg_cmos
    mov $OFF(indexes), %si
1:  mov %cs:(%si), %bl
    cmp $0xff, %bl
    je 2f
    mov $' ', %al
    call putc16
    mov %bl, %al
    call puthex16
    mov $'=', %al
    call putc16
    mov %bl, %al
    out %al, $CMOS_INDEX
    in $CMOS_DATA, %al
    call puthex16
    inc %si
    jmp 1b
2:  mov $'\n', %al
    call putc16
    EXIT16 GUEST_OK

msg_cmos:
    .asciz "cmos:"
/*
 * 0x0a-0x0d status registers; 0x0f shutdown status; 0x10 floppy types;
 * 0x12, 0x19, 0x1a hard disk types; 0x14 equipment; 0x15/0x16 base and
 * 0x17/0x18, 0x30/0x31 extended memory (KiB); 0x2e/0x2f checksum;
 * 0x32 century; 0x34/0x35 memory above 16 MiB (64 KiB units); 0x38, 0x3d
 * boot order and flags; 0x39 disk translation; 0x5b-0x5d memory above
 * 4 GiB (64 KiB units); 0x5f CPU count - 1.
 */
indexes:
    .byte 0x0a, 0x0b, 0x0d, 0x0f, 0x10, 0x12, 0x14, 0x15, 0x16, 0x17, 0x18
    .byte 0x19, 0x1a, 0x2e, 0x2f, 0x30, 0x31, 0x32, 0x34, 0x35, 0x38, 0x39
    .byte 0x3d, 0x5b, 0x5c, 0x5d, 0x5f, 0xff

    RESET_VECTOR start16
