/*
 * serial-byte.S: the smallest useful guest, for the start-up benchmark.
 * Its first instructions write one byte ('!') to COM1 and halt with
 * interrupts off: the time from exec to that byte on the serial chardev
 * is the cold start to the guest's first instruction.  No THRE polling
 * (the byte is the first one, the transmitter is empty after reset).
 */
#include "guest.h"
#include "guest-lib.inc"

    .text
    .code16
rom_start:
start16:
    mov $COM1, %dx
    mov $'!', %al
    out %al, %dx
    cli
1:  hlt
    jmp 1b

    RESET_VECTOR start16
