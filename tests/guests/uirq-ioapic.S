/*
 * uirq-ioapic.S: ISA lines through the IOAPIC to the local APIC, in
 * 32-bit protected mode, waking a halted CPU each time; run under each
 * kernel_irqchip mode by tests/functional/test_irqchip_modes.py.
 *   edge:  8254 counter 0 (IRQ 0) -> IOAPIC pin 2 (the MADT override),
 *          fixed, physical, edge;
 *   level: RTC periodic interrupt (IRQ 8, held high until register C is
 *          read) -> pin 8, level-triggered: every further interrupt needs
 *          the local APIC's EOI to reach the IOAPIC and clear remote IRR
 *          (with kernel_irqchip=split, the in-kernel APIC's EOI exit): a
 *          lost EOI leaves remote IRR set and the CPU halted for good.
 * 82093AA datasheet 3.2.4 (redirection table); SDM vol. 3 10.8.5 (EOI);
 * MC146818 datasheet (register B PIE, register C).  The 8259s stay
 * masked and LINT0 masked, so only the IOAPIC path can wake the CPU.
 * Prints "OK uirq-ioapic" and exits GUEST_OK.
 */
#include "guest.h"
#include "guest-lib.inc"

#define COUNT SCRATCH
#define RESUME (SCRATCH + 4)
#define TICKS 5
#define VEC_PIT 0x30
#define VEC_RTC 0x31
#define VEC_SPURIOUS 0xff

    .text
rom_start:
    LIB16
    LIB32

/* As irq.S: handlers jump back to RESUME instead of IRET. */
.macro WAIT_TICKS
    movl $0, COUNT
    movl $ABS(.Lwait\@), RESUME
.Lwait\@:
    cmpl $TICKS, COUNT
    jae .Ldone\@
    sti
    hlt
    cli
    jmp .Lwait\@
.Ldone\@:
.endm

    .code16
start16:
    SETUP16
    ENTER_PM32 start32
    IDT32_INIT unexpected
    SET_GATE32 VEC_PIT, pit_isr
    SET_GATE32 VEC_RTC, rtc_isr
    SET_GATE32 VEC_SPURIOUS, spurious_isr

    /* 8259 pair initialized (vectors 0x20-0x2f), every line masked. */
    mov $0x11, %al
    out %al, $0x20
    out %al, $0xa0
    mov $0x20, %al
    out %al, $0x21
    mov $0x28, %al
    out %al, $0xa1
    mov $4, %al
    out %al, $0x21
    mov $2, %al
    out %al, $0xa1
    mov $1, %al
    out %al, $0x21
    out %al, $0xa1
    mov $0xff, %al
    out %al, $0x21
    out %al, $0xa1
    movl $(0x100 | VEC_SPURIOUS), LAPIC_BASE + LAPIC_SVR
    movl $0x10700, LAPIC_BASE + LAPIC_LVT_LINT0
    mov LAPIC_BASE + LAPIC_ID, %ebx
    and $0xff000000, %ebx

    /* Edge: pin 2, then the PIT at ~1 kHz (mode 2). */
    movl $(0x10 + 2 * 2 + 1), IOAPIC_BASE
    mov %ebx, IOAPIC_BASE + 0x10
    movl $(0x10 + 2 * 2), IOAPIC_BASE
    movl $VEC_PIT, IOAPIC_BASE + 0x10
    mov $0x34, %al
    out %al, $0x43
    mov $(1193 & 0xff), %al
    out %al, $0x40
    mov $(1193 >> 8), %al
    out %al, $0x40
    WAIT_TICKS
    movl $(0x10 + 2 * 2), IOAPIC_BASE
    movl $0x10000, IOAPIC_BASE + 0x10
    PRINT32 msg_edge

    /* Level: pin 8, then the RTC's periodic interrupt at 1024 Hz. */
    movl $(0x10 + 8 * 2 + 1), IOAPIC_BASE
    mov %ebx, IOAPIC_BASE + 0x10
    movl $(0x10 + 8 * 2), IOAPIC_BASE
    movl $(0x8000 | VEC_RTC), IOAPIC_BASE + 0x10
    mov $0x0a, %al
    out %al, $CMOS_INDEX
    mov $0x26, %al
    out %al, $CMOS_DATA
    mov $0x0c, %al
    out %al, $CMOS_INDEX
    in $CMOS_DATA, %al
    mov $0x0b, %al
    out %al, $CMOS_INDEX
    in $CMOS_DATA, %al
    or $0x40, %al
    mov %al, %ah
    mov $0x0b, %al
    out %al, $CMOS_INDEX
    mov %ah, %al
    out %al, $CMOS_DATA
    WAIT_TICKS
    movl $(0x10 + 8 * 2), IOAPIC_BASE
    movl $0x10000, IOAPIC_BASE + 0x10
    PRINT32 msg_level
    PRINT32 msg_ok
    EXIT32 GUEST_OK

.macro RETURN
    add $12, %esp                       /* EIP, CS, EFLAGS */
    jmp *RESUME
.endm

    .code32
pit_isr:
    incl COUNT
    movl $0, LAPIC_BASE + LAPIC_EOI
    RETURN
rtc_isr:
    push %eax
    incl COUNT
    mov $0x0c, %al                      /* lower the line first */
    out %al, $CMOS_INDEX
    in $CMOS_DATA, %al
    movl $0, LAPIC_BASE + LAPIC_EOI
    pop %eax
    RETURN
spurious_isr:
    RETURN
unexpected:
    PRINT32 msg_unexpected
    EXIT32 0x1f

msg_edge:       .asciz "uirq-ioapic: edge pin 2 ok\n"
msg_level:      .asciz "uirq-ioapic: level pin 8 ok\n"
msg_ok:         .asciz "OK uirq-ioapic\n"
msg_unexpected: .asciz "FAIL unexpected interrupt or exception\n"

    IDTR
    GUEST_GDT
    RESET_VECTOR start16
