/*
 * uirq-pic.S: the 8254 PIT's IRQ 0 through the master 8259, in 32-bit
 * protected mode, waking a halted CPU each time; run under each
 * kernel_irqchip mode by tests/functional/test_irqchip_modes.py.
 * 8259A datasheet (ICW1-4, OCW2 non-specific EOI); 8254 datasheet
 * (control word, mode 2).  The local APIC is set up as firmware leaves
 * it: software-enabled, LINT0 the 8259's "virtual wire" (ExtINT, MP spec
 * 3.6.2.2), so the vector comes from the 8259's acknowledge cycle:
 * KVM_INTERRUPT (kernel_irqchip=off and split) or the in-kernel 8259 (on).
 * (At power-on the reference's userspace APIC has LINT0 masked, and with
 * it masked the reference drops INTR even with the APIC turned off in
 * IA32_APIC_BASE: the guest does not rely on either.)
 * Prints "OK uirq-pic" and exits GUEST_OK.
 */
#include "guest.h"
#include "guest-lib.inc"

#define COUNT SCRATCH
#define RESUME (SCRATCH + 4)
#define TICKS 5
#define VEC_PIC 0x20
#define VEC_SPURIOUS 0xff

    .text
rom_start:
    LIB16
    LIB32

    .code16
start16:
    SETUP16
    ENTER_PM32 start32
    IDT32_INIT unexpected
    SET_GATE32 VEC_PIC, pit_isr
    SET_GATE32 (VEC_PIC + 7), spurious_isr
    SET_GATE32 VEC_SPURIOUS, spurious_isr

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
    movl $(0x100 | VEC_SPURIOUS), LAPIC_BASE + LAPIC_SVR
    movl $0x700, LAPIC_BASE + LAPIC_LVT_LINT0

    /* 8254 counter 0: mode 2, binary, count 11932 (~100 Hz). */
    mov $0x34, %al
    out %al, $0x43
    mov $(11932 & 0xff), %al
    out %al, $0x40
    mov $(11932 >> 8), %al
    out %al, $0x40

    /* As irq.S: handlers jump back to RESUME instead of IRET. */
    movl $0, COUNT
    movl $ABS(wait), RESUME
wait:
    cmpl $TICKS, COUNT
    jae done
    sti
    hlt
    cli
    jmp wait
done:
    mov $0xff, %al
    out %al, $0x21
    PRINT32 msg_ok
    EXIT32 GUEST_OK

    .code32
pit_isr:
    push %eax
    incl COUNT
    mov $0x20, %al                      /* non-specific EOI */
    out %al, $0x20
    pop %eax
    add $12, %esp                       /* EIP, CS, EFLAGS */
    jmp *RESUME
spurious_isr:
    add $12, %esp
    jmp *RESUME
unexpected:
    PRINT32 msg_unexpected
    EXIT32 0x1f

msg_ok:         .asciz "OK uirq-pic\n"
msg_unexpected: .asciz "FAIL unexpected interrupt or exception\n"

    IDTR
    GUEST_GDT
    RESET_VECTOR start16
