/*
 * reset.S: a triple fault resets the machine.  Each boot increments a
 * counter kept in CMOS byte RESET_COUNTER (battery-backed RAM survives
 * a system reset) and prints "boot N".  Boots 1 and 2 end in a triple
 * fault: in protected mode with an empty IDT (limit 0), the #UD of UD2
 * cannot be delivered (#GP), nor can the #GP (double fault), nor the #DF:
 * the CPU shuts down, which the board turns into a system reset (or,
 * with -no-reboot, a shutdown).  (Protected mode, because KVM's
 * real-mode interrupt emulation, used on hosts without unrestricted
 * guest support, ignores the IVT limit.)
 * Boot 3 reports what the reset left of boot 2's change, "after reset:
 * pam0=XX f0000-marker=YYYY", then exits GUEST_OK.  Boot 2 made
 * 0xf0000-0xfffff RAM (i440FX PAM0 = 0x30) and overwrote the marker
 * there (0x1234 -> 0xdead); the reference keeps PAM across a system reset
 * (pam0=30 f0000-marker=dead), a datasheet-style reset shows 00 and the
 * ROM's 1234.
 */
#include "guest.h"
#include "guest-lib.inc"

#define RESET_COUNTER 0x48              /* unused by the board and SeaBIOS */
#define PAM0 0x59                       /* i440FX PAM0 (0xf0000 segment) */

    .text
rom_start:
    LIB16

    .code16
start16:
    SETUP16
    mov $RESET_COUNTER, %al
    out %al, $CMOS_INDEX
    in $CMOS_DATA, %al
    inc %al
    mov %al, %bl
    mov $RESET_COUNTER, %al
    out %al, $CMOS_INDEX
    mov %bl, %al
    out %al, $CMOS_DATA
    PRINT16 msg_boot
    mov %bl, %al
    call puthex16
    mov $'\n', %al
    call putc16
    cmp $3, %bl
    jae boot3

    /*
     * Boots 1 and 2, in protected mode.  Boot 2 first makes
     * 0xf0000-0xfffff RAM (PAM0 = 0x30) and overwrites the marker there.
     * (After the PAM change the CPU stays in one mode: KVM's emulator, on
     * hosts that emulate real mode, may fetch through the alias.)
     */
    ENTER_PM32 pm_boot12
    cmp $2, %bl
    jne 1f
    mov $0xcf8, %dx
    mov $(0x80000000 | (PAM0 & ~3)), %eax
    out %eax, %dx
    mov $(0xcfc + (PAM0 & 3)), %dx
    mov $0x30, %al
    out %al, %dx
    movw $0xdead, (ROM_SEG * 16 + OFF(rom_marker))
1:  lidt ABS(empty_idtr)
    ud2
    EXIT32 0x1e                         /* not reached */

    .code16
boot3:
    PRINT16 msg_after
    mov $0xcf8, %dx
    mov $(0x80000000 | (PAM0 & ~3)), %eax
    out %eax, %dx
    mov $(0xcfc + (PAM0 & 3)), %dx
    in %dx, %al
    call puthex16
    PRINT16 msg_shadow
    mov OFF(rom_marker) + 1, %al        /* DS: 0xf0000 */
    call puthex16
    mov OFF(rom_marker), %al
    call puthex16
    mov $'\n', %al
    call putc16
    PRINT16 msg_ok
    EXIT16 GUEST_OK

rom_marker:     .word 0x1234
empty_idtr:     .word 0
                .long 0
msg_boot:       .asciz "boot "
msg_after:      .asciz "after reset: pam0="
msg_shadow:     .asciz " f0000-marker="
msg_ok:         .asciz "reset: ok\n"

    GUEST_GDT
    RESET_VECTOR start16
