/*
 * uirq-pic.S: the 8254 PIT's IRQ 0 through the master 8259, in real
 * mode, waking a halted CPU; run under each kernel_irqchip mode by
 * tests/functional/test_irqchip_modes.py.
 * 8259A datasheet (ICW1-4, OCW2 non-specific EOI); 8254 datasheet
 * (control word, mode 2).  The local APIC is left as at reset: its LINT0
 * is the 8259's "virtual wire" (MP spec 3.6.2.2), so the interrupt goes
 * through KVM_INTERRUPT (kernel_irqchip=off) or the in-kernel LAPIC's
 * ExtINT path (split) or the in-kernel 8259 (on).
 * Prints "OK uirq-pic" and exits GUEST_OK.
 */
#include "guest.h"
#include "guest-lib.inc"

#define COUNT SCRATCH
#define TICKS 5
#define VEC_PIC 0x20

    .text
rom_start:
    LIB16

    .code16
start16:
    SETUP16
    xor %ax, %ax
    mov %ax, %es
    movw $OFF(pit_isr), %es:(4 * VEC_PIC)
    movw $ROM_SEG, %es:(4 * VEC_PIC + 2)
    movw $OFF(spurious_isr), %es:(4 * (VEC_PIC + 7))
    movw $ROM_SEG, %es:(4 * (VEC_PIC + 7) + 2)
    movl $0, %es:COUNT

    /* ICW1 edge + ICW4, ICW2 base, ICW3 cascade on IRQ 2, ICW4 8086. */
    mov $0x11, %al
    out %al, $0x20
    out %al, $0xa0
    mov $VEC_PIC, %al
    out %al, $0x21
    mov $(VEC_PIC + 8), %al
    out %al, $0xa1
    mov $4, %al
    out %al, $0x21
    mov $2, %al
    out %al, $0xa1
    mov $1, %al
    out %al, $0x21
    out %al, $0xa1
    mov $0xff, %al
    out %al, $0xa1
    mov $0xfe, %al                      /* IRQ 0 only */
    out %al, $0x21

    /* 8254 counter 0: mode 2, binary, count 11932 (~100 Hz). */
    mov $0x34, %al
    out %al, $0x43
    mov $(11932 & 0xff), %al
    out %al, $0x40
    mov $(11932 >> 8), %al
    out %al, $0x40

1:  cmpl $TICKS, %es:COUNT
    jae 2f
    sti
    hlt
    cli
    jmp 1b
2:  mov $0xff, %al
    out %al, $0x21
    PRINT16 msg_ok
    EXIT16 GUEST_OK

pit_isr:
    push %ax
    push %es
    xor %ax, %ax
    mov %ax, %es
    incl %es:COUNT
    mov $0x20, %al
    out %al, $0x20
    pop %es
    pop %ax
    iret
spurious_isr:
    iret

msg_ok: .asciz "OK uirq-pic\n"

    RESET_VECTOR start16
