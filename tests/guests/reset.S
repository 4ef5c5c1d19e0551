/*
 * reset.S: a triple fault resets the machine.  Each boot increments a
 * counter kept in CMOS byte RESET_COUNTER (battery-backed RAM survives
 * a system reset) and prints "boot N".  Boots 1 and 2 end in a triple
 * fault: in protected mode with an empty IDT (limit 0), the #UD of UD2
 * cannot be delivered (#GP), nor can the #GP (double fault), nor the #DF:
 * the CPU shuts down, which the board turns into a system reset (or,
 * with -no-reboot, a shutdown).  (Protected mode, because KVM's
 * real-mode interrupt emulation, used on hosts without unrestricted
 * guest support, ignores the IVT limit.)  Boot 3 also checks that the reset put the
 * memory map back: PAM registers read 0 again and the BIOS ROM is seen
 * at 0xf0000 after boot 2 made that segment RAM; it then exits GUEST_OK.
 * Failures: 1 PAM not reset, 2 the ROM alias not restored.
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
    cmp $2, %bl
    je boot2
    ja boot3

triple_fault:
    ENTER_PM32 pm_triple_fault
    lidt ABS(empty_idtr)
    ud2
    EXIT32 0x1e                         /* not reached */

    /* Boot 2: make 0xf0000-0xfffff RAM (PAM0 = 0x30), dirty it. */
boot2:
    mov $0xcf8, %dx
    mov $(0x80000000 | (PAM0 & ~3)), %eax
    out %eax, %dx
    mov $(0xcfc + (PAM0 & 3)), %dx
    mov $0x30, %al
    out %al, %dx
    mov $ROM_SEG, %ax
    mov %ax, %es
    movw $0xdead, %es:OFF(rom_marker)
    jmp triple_fault

boot3:
    mov $0xcf8, %dx
    mov $(0x80000000 | (PAM0 & ~3)), %eax
    out %eax, %dx
    mov $(0xcfc + (PAM0 & 3)), %dx
    in %dx, %al
    test %al, %al
    jz 1f
    PRINT16 msg_fail_pam
    EXIT16 1
1:  cmpw $0x1234, OFF(rom_marker)
    je 1f
    PRINT16 msg_fail_rom
    EXIT16 2
1:  PRINT16 msg_ok
    EXIT16 GUEST_OK

rom_marker:     .word 0x1234
empty_idtr:     .word 0
                .long 0
msg_boot:       .asciz "boot "
msg_ok:         .asciz "reset: memory map restored ok\n"
msg_fail_pam:   .asciz "FAIL PAM0 not reset\n"
msg_fail_rom:   .asciz "FAIL ROM alias not restored\n"

    GUEST_GDT
    RESET_VECTOR start16
