/*
 * uirq-lapic.S: the local APIC timer in one-shot mode, in 32-bit
 * protected mode: armed TICKS times, each time the CPU halts until the
 * count reaches zero and the timer interrupt wakes it; run under each
 * kernel_irqchip mode by tests/functional/test_irqchip_modes.py.
 * SDM vol. 3 10.5.4 (LVT timer, divide configuration, initial count;
 * one-shot: the current count stops at zero, no reload).  Also checks
 * that the current count reads 0 after the interrupt.
 * Prints "OK uirq-lapic" and exits GUEST_OK.
 */
#include "guest.h"
#include "guest-lib.inc"

#define COUNT SCRATCH
#define RESUME (SCRATCH + 4)
#define TICKS 3
#define VEC_TIMER 0x40
#define VEC_SPURIOUS 0xff
#define LAPIC_TIMER_CUR 0x390

    .text
rom_start:
    LIB16
    LIB32

    .code16
start16:
    SETUP16
    ENTER_PM32 start32
    IDT32_INIT unexpected
    SET_GATE32 VEC_TIMER, timer_isr
    SET_GATE32 VEC_SPURIOUS, spurious_isr
    /* Every 8259 line masked: only the APIC timer can wake the CPU. */
    mov $0xff, %al
    out %al, $0x21
    out %al, $0xa1
    movl $(0x100 | VEC_SPURIOUS), LAPIC_BASE + LAPIC_SVR
    movl $0xb, LAPIC_BASE + LAPIC_TIMER_DIV     /* divide by 1 */
    movl $VEC_TIMER, LAPIC_BASE + LAPIC_LVT_TIMER /* one-shot */
    movl $0, COUNT
arm:
    movl $ABS(wait), RESUME
    mov COUNT, %ecx                     /* the count before this shot */
    movl $2000000, LAPIC_BASE + LAPIC_TIMER_INIT
wait:
    cmp COUNT, %ecx
    jne fired
    sti
    hlt
    cli
    jmp wait
fired:
    cmpl $0, LAPIC_BASE + LAPIC_TIMER_CUR
    jne not_zero
    cmpl $TICKS, COUNT
    jb arm
    PRINT32 msg_ok
    EXIT32 GUEST_OK
not_zero:
    PRINT32 msg_not_zero
    EXIT32 2

    .code32
timer_isr:
    incl COUNT
    movl $0, LAPIC_BASE + LAPIC_EOI
    add $12, %esp                       /* as irq.S: no IRET */
    jmp *RESUME
spurious_isr:
    add $12, %esp
    jmp *RESUME
unexpected:
    PRINT32 msg_unexpected
    EXIT32 0x1f

msg_ok:         .asciz "OK uirq-lapic\n"
msg_not_zero:   .asciz "FAIL one-shot timer count not zero after expiry\n"
msg_unexpected: .asciz "FAIL unexpected interrupt or exception\n"

    IDTR
    GUEST_GDT
    RESET_VECTOR start16
