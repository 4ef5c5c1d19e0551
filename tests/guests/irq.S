/*
 * irq.S: interrupt delivery on the PC board, in 32-bit protected mode,
 * each step waiting in HLT for TICKS interrupts (so each also checks that
 * an interrupt wakes a halted CPU):
 *   pic-pit:    8254 counter 0 (mode 2, ~1 kHz) -> IRQ 0 -> master 8259
 *   pic-rtc:    RTC periodic interrupt (register B PIE, 1024 Hz) -> IRQ 8
 *               -> slave 8259 -> cascade IRQ 2 -> master
 *   ioapic-pit: the 8259s and LINT0 masked; IRQ 0 ->
 *               IOAPIC pin 2 (the MADT's interrupt source override)
 *   ioapic-rtc: IRQ 8 -> IOAPIC pin 8, edge, acknowledged through
 *               register C
 *   lapic-timer: the local APIC timer, periodic
 * 8259 programming: 8259A datasheet (ICW1-4, OCW2 EOI); IOAPIC: 82093AA
 * datasheet 3.2.4 (redirection table); APIC: SDM vol. 3 10.5.4.
 * Exit GUEST_OK; an unexpected vector exits with 0x1f after printing it.
 */
#include "guest.h"
#include "guest-lib.inc"

#define COUNT SCRATCH
#define RESUME (SCRATCH + 4)
#define TICKS 5
#define VEC_PIC 0x20            /* master 0x20-0x27, slave 0x28-0x2f */
#define VEC_IOAPIC_PIT 0x30
#define VEC_IOAPIC_RTC 0x31
#define VEC_LAPIC_TIMER 0x32
#define VEC_SPURIOUS 0xff

    .text
rom_start:
    LIB16
    LIB32

/*
 * Wait in HLT until COUNT reaches TICKS, then print label.  Interrupts
 * are only enabled here, in the STI shadow before HLT, and the handlers
 * return by jumping to RESUME (dropping the interrupt frame) instead of
 * IRET: KVM's instruction emulator, which a nested host without
 * unrestricted guest support runs every instruction through, cannot
 * emulate a protected-mode IRET.
 */
.macro WAIT_TICKS label
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
    PRINT32 \label
.endm

/* Index of CMOS register reg, then its value in/out of AL. */
.macro CMOS_READ reg
    mov $\reg, %al
    out %al, $CMOS_INDEX
    in $CMOS_DATA, %al
.endm

    .code16
start16:
    SETUP16
    PRINT16 msg_hello
    ENTER_PM32 start32
    IDT32_INIT unexpected
    SET_GATE32 (VEC_PIC + 0), pit_pic
    SET_GATE32 (VEC_PIC + 7), spurious_pic
    SET_GATE32 (VEC_PIC + 8), rtc_pic
    SET_GATE32 (VEC_PIC + 15), spurious_pic
    SET_GATE32 VEC_IOAPIC_PIT, count_apic
    SET_GATE32 VEC_IOAPIC_RTC, rtc_apic
    SET_GATE32 VEC_LAPIC_TIMER, count_apic
    SET_GATE32 VEC_SPURIOUS, spurious_apic

    /* 8259 pair: ICW1 edge + ICW4, ICW2 vector base, ICW3 cascade on
     * IRQ 2, ICW4 8086 mode; then every line masked. */
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
    /* The local APIC as firmware leaves it: software-enabled, LINT0 in
     * ExtINT mode (the 8259 "virtual wire", MP spec 3.6.2.2), LINT1 NMI. */
    movl $(0x100 | VEC_SPURIOUS), LAPIC_BASE + LAPIC_SVR
    movl $0x700, LAPIC_BASE + LAPIC_LVT_LINT0
    movl $0x400, LAPIC_BASE + LAPIC_LVT_LINT1

    /* 8254 counter 0: mode 2, binary, count 1193 (~1 kHz). */
    mov $0x34, %al
    out %al, $0x43
    mov $(1193 & 0xff), %al
    out %al, $0x40
    mov $(1193 >> 8), %al
    out %al, $0x40
    WAIT_TICKS msg_pic_pit

    /* RTC periodic interrupt through the slave. */
    mov $0xfb, %al                      /* master: cascade only */
    out %al, $0x21
    mov $0xfe, %al                      /* slave: IRQ 8 */
    out %al, $0xa1
    mov $0x0a, %al                      /* register A: 32 kHz, rate 6 */
    out %al, $CMOS_INDEX
    mov $0x26, %al
    out %al, $CMOS_DATA
    CMOS_READ 0x0c                      /* clear stale flags */
    CMOS_READ 0x0b
    or $0x40, %al                       /* PIE */
    mov %al, %ah
    mov $0x0b, %al
    out %al, $CMOS_INDEX
    mov %ah, %al
    out %al, $CMOS_DATA
    WAIT_TICKS msg_pic_rtc

    /* 8259s off (and LINT0 masked): the IOAPIC alone. */
    mov $0xff, %al
    out %al, $0x21
    out %al, $0xa1
    movl $0x10700, LAPIC_BASE + LAPIC_LVT_LINT0
    mov LAPIC_BASE + LAPIC_ID, %ebx
    and $0xff000000, %ebx               /* our APIC id, as destination */

    /* IOAPIC pin 2 (IRQ 0): fixed, physical, edge, active high. */
    movl $(0x10 + 2 * 2 + 1), IOAPIC_BASE
    mov %ebx, IOAPIC_BASE + 0x10
    movl $(0x10 + 2 * 2), IOAPIC_BASE
    movl $VEC_IOAPIC_PIT, IOAPIC_BASE + 0x10
    WAIT_TICKS msg_ioapic_pit
    movl $(0x10 + 2 * 2), IOAPIC_BASE
    movl $0x10000, IOAPIC_BASE + 0x10   /* masked */

    /* IOAPIC pin 8 (IRQ 8, the RTC, still running). */
    movl $(0x10 + 8 * 2 + 1), IOAPIC_BASE
    mov %ebx, IOAPIC_BASE + 0x10
    movl $(0x10 + 8 * 2), IOAPIC_BASE
    movl $VEC_IOAPIC_RTC, IOAPIC_BASE + 0x10
    CMOS_READ 0x0c                      /* lower the line: a fresh edge */
    WAIT_TICKS msg_ioapic_rtc
    movl $(0x10 + 8 * 2), IOAPIC_BASE
    movl $0x10000, IOAPIC_BASE + 0x10

    /* Local APIC timer: periodic, divide by 1. */
    movl $0xb, LAPIC_BASE + LAPIC_TIMER_DIV
    movl $(0x20000 | VEC_LAPIC_TIMER), LAPIC_BASE + LAPIC_LVT_TIMER
    movl $1000000, LAPIC_BASE + LAPIC_TIMER_INIT
    WAIT_TICKS msg_lapic_timer
    movl $0x10000, LAPIC_BASE + LAPIC_LVT_TIMER
    movl $0, LAPIC_BASE + LAPIC_TIMER_INIT
    EXIT32 GUEST_OK

/* Back to the wait loop with interrupts off (see WAIT_TICKS). */
.macro RETURN
    add $12, %esp                       /* EIP, CS, EFLAGS */
    jmp *RESUME
.endm

    .code32
pit_pic:
    push %eax
    incl COUNT
    mov $0x20, %al                      /* non-specific EOI */
    out %al, $0x20
    pop %eax
    RETURN
rtc_pic:
    push %eax
    incl COUNT
    mov $0x0c, %al
    out %al, $CMOS_INDEX
    in $CMOS_DATA, %al
    mov $0x20, %al
    out %al, $0xa0
    out %al, $0x20
    pop %eax
    RETURN
spurious_pic:
    RETURN
count_apic:
    incl COUNT
    movl $0, LAPIC_BASE + LAPIC_EOI
    RETURN
rtc_apic:
    push %eax
    incl COUNT
    mov $0x0c, %al
    out %al, $CMOS_INDEX
    in $CMOS_DATA, %al
    movl $0, LAPIC_BASE + LAPIC_EOI
    pop %eax
    RETURN
spurious_apic:
    RETURN
unexpected:
    PRINT32 msg_unexpected
    EXIT32 0x1f

msg_hello:       .asciz "irq: start\n"
msg_pic_pit:     .asciz "pic-pit ok\n"
msg_pic_rtc:     .asciz "pic-rtc ok\n"
msg_ioapic_pit:  .asciz "ioapic-pit ok\n"
msg_ioapic_rtc:  .asciz "ioapic-rtc ok\n"
msg_lapic_timer: .asciz "lapic-timer ok\n"
msg_unexpected:  .asciz "FAIL unexpected interrupt or exception\n"

    IDTR
    GUEST_GDT
    RESET_VECTOR start16
