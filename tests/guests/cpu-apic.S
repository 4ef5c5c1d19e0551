/*
 * cpu-apic.S: the local APIC (SDM vol. 3 ch. 10), run with -smp 2.
 * The BSP works in 64-bit mode (xAPIC MMIO at 0xfee00000):
 *   apic-svr            with SVR.8 (APIC software enable) clear, an LVT
 *                       entry cannot be unmasked (10.4.7.2); SVR reads back
 *                       vector and enable bit (10.9)
 *   apic-timer-oneshot  one interrupt, current count 0 afterwards (10.5.4)
 *   apic-timer-periodic three interrupts from one initial count
 *   apic-timer-tsc-deadline  IA32_TSC_DEADLINE: one interrupt, the MSR
 *                       reads 0 after it fired (10.5.4.1); only when
 *                       CPUID.01H:ECX.TSC_Deadline, else "SKIP"
 *   apic-self-ipi       a self IPI (shorthand 01) with IF=0 waits in IRR;
 *                       the handler sees its ISR bit, EOI clears it
 *   apic-tpr-cr8        CR8 = 4 is TPR 0x40 (10.8.6.1); a vector of
 *                       priority class 4 stays in IRR until CR8 is 0
 *   apic-ipi-fixed      INIT/SIPI/SIPI starts CPU 1 (APIC id 1) in real
 *                       mode at the SIPI page (8.4.4.1); a fixed IPI to it
 *                       is taken there and not by the sender
 *   apic-ipi-broadcast  all-excluding-self (shorthand 11): CPU 1 gets it,
 *                       the sender does not
 * Interrupt counts per vector are kept in RAM; every wait is bounded.
 * Exit GUEST_OK; FAIL_CODE after a failed check, UNEXPECTED_CODE for an
 * exception nobody expected.
 */
#include "guest.h"
#include "guest-lib.inc"
#include "cpu-lib.inc"

#define LAPIC_TPR 0x80
#define LAPIC_ISR 0x100
#define LAPIC_IRR 0x200
#define LAPIC_TIMER_CUR 0x390
#define IRQ_COUNT(v) (SCRATCH + 0x800 + 4 * (v))
#define ISR_SEEN (SCRATCH + 0x780)
#define AP_READY (SCRATCH + 0x784)
#define AP_COUNT50 (SCRATCH + 0x788)
#define AP_COUNT51 (SCRATCH + 0x78c)
#define AP_GDTR (SCRATCH + 0x790)
#define AP_IDT 0xd000                   /* 32-bit gates 0-0x5f */
#define AP_STACK 0x4000
#define SIPI_PAGE 0xf8                  /* 0xf8000 = image offset 0x8000 */
#define V_ONESHOT 0x40
#define V_PERIODIC 0x41
#define V_DEADLINE 0x42
#define V_SELF 0x43
#define V_TPR 0x45
#define V_FIXED 0x50
#define V_BCAST 0x51
#define V_SPURIOUS 0xff

    .text
rom_start:
    LIB16
    LIB32
    LIB64
    CPULIB32
    CPULIB64
    EXC64 G64_KCODE64, SEL_DATA

/* Local APIC register access in 64-bit code (RBX = LAPIC_BASE). */
.macro APIC_W reg, value
    movl $\value, \reg(%rbx)
.endm
.macro SET_GATE64 v, handler
    lea \handler(%rip), %rax
    mov %ax, IDT64_ADDR + 16 * \v
    shr $16, %eax
    mov %ax, IDT64_ADDR + 16 * \v + 6
.endm
/* Poll (IF=1) until the dword at addr is at least n, at most 5 * 10^7
 * PAUSEs; IF=0 afterwards. */
.macro WAIT_GE addr, n
    mov $50000000, %ecx
    sti
.Lw\@:
    cmpl $\n, \addr
    jae .Ld\@
    pause
    dec %ecx
    jnz .Lw\@
.Ld\@:
    cli
.endm
.macro DELAY n
    mov $\n, %ecx
    sti
.Ldl\@:
    pause
    dec %ecx
    jnz .Ldl\@
    cli
.endm
/* The bit of vector v in an ISR/IRR bank, into RAX (0 or 1). */
.macro VBIT bank, v
    movl (\bank + 0x10 * (\v / 32))(%rbx), %eax
    shr $(\v % 32), %eax
    and $1, %eax
.endm

    .code16
start16:
    SETUP16
    RESET_GUARD16
    ENTER_PM32 start32
    movl $0, EX_RESUME
    mov $0xff, %al                      /* no 8259 interrupts */
    out %al, $0x21
    out %al, $0xa1
    ENTER_LM64 lm64
    mov $LAPIC_BASE, %rbx
    SET_GATE64 V_ONESHOT, irq_40
    SET_GATE64 V_PERIODIC, irq_41
    SET_GATE64 V_DEADLINE, irq_42
    SET_GATE64 V_SELF, irq_43
    SET_GATE64 V_TPR, irq_45
    SET_GATE64 V_FIXED, irq_50
    SET_GATE64 V_BCAST, irq_51
    SET_GATE64 V_SPURIOUS, irq_ff

    /* SVR: software-disabled APIC keeps LVT entries masked. */
    APIC_W LAPIC_SVR, V_SPURIOUS
    APIC_W LAPIC_LVT_TIMER, V_ONESHOT
    movl LAPIC_LVT_TIMER(%rbx), %eax
    and $0x10000, %eax
    CHECK64 apic-svr-disabled-lvt-masked, %rax, $0x10000
    APIC_W LAPIC_SVR, (0x100 | V_SPURIOUS)
    movl LAPIC_SVR(%rbx), %eax
    and $0x1ff, %eax
    CHECK64 apic-svr-readback, %rax, $(0x100 | V_SPURIOUS)
    OK64 apic-svr

    /* One-shot timer. */
    APIC_W LAPIC_TIMER_DIV, 0xb         /* divide by 1 */
    APIC_W LAPIC_LVT_TIMER, V_ONESHOT
    APIC_W LAPIC_TIMER_INIT, 200000
    WAIT_GE IRQ_COUNT(V_ONESHOT), 1
    DELAY 200000
    movl IRQ_COUNT(V_ONESHOT), %eax
    CHECK64 apic-timer-oneshot-count, %rax, $1
    movl LAPIC_TIMER_CUR(%rbx), %eax
    CHECK64 apic-timer-oneshot-current, %rax, $0
    OK64 apic-timer-oneshot

    /* Periodic timer: three ticks, then stop it. */
    APIC_W LAPIC_LVT_TIMER, (0x20000 | V_PERIODIC)
    APIC_W LAPIC_TIMER_INIT, 100000
    WAIT_GE IRQ_COUNT(V_PERIODIC), 3
    APIC_W LAPIC_LVT_TIMER, (0x10000 | V_PERIODIC)
    APIC_W LAPIC_TIMER_INIT, 0
    movl IRQ_COUNT(V_PERIODIC), %eax
    cmp $3, %eax
    jb 1f
    mov $3, %eax
1:  CHECK64 apic-timer-periodic-count, %rax, $3
    OK64 apic-timer-periodic

    /* TSC-deadline mode, if advertised. */
    mov $1, %eax
    cpuid
    mov $LAPIC_BASE, %rbx               /* CPUID wrote EBX */
    test $(1 << 24), %ecx
    jnz 1f
    NAME64 "SKIP apic-timer-tsc-deadline (not in CPUID)\n"
    call puts64
    jmp 2f
1:  APIC_W LAPIC_LVT_TIMER, (0x40000 | V_DEADLINE)
    rdtsc
    shl $32, %rdx
    or %rdx, %rax
    add $2000000, %rax
    mov %rax, %rdx
    shr $32, %rdx
    mov $0x6e0, %ecx
    wrmsr
    WAIT_GE IRQ_COUNT(V_DEADLINE), 1
    movl IRQ_COUNT(V_DEADLINE), %eax
    CHECK64 apic-timer-tsc-deadline-count, %rax, $1
    mov $0x6e0, %ecx
    rdmsr
    shl $32, %rdx
    or %rdx, %rax
    CHECK64 apic-timer-tsc-deadline-msr, %rax, $0
    OK64 apic-timer-tsc-deadline
    APIC_W LAPIC_LVT_TIMER, (0x10000 | V_ONESHOT)
2:

    /* Self IPI with IF=0: pending in IRR; the handler sees ISR; EOI. */
    APIC_W LAPIC_ICR_HI, 0
    APIC_W LAPIC_ICR_LO, (0x40000 | V_SELF)
    DELAY 1000                          /* IF=1 from here is too early: */
    movl IRQ_COUNT(V_SELF), %eax        /* DELAY's STI took it */
    CHECK64 apic-self-ipi-count, %rax, $1
    movl ISR_SEEN, %eax
    CHECK64 apic-self-ipi-isr-in-handler, %rax, $1
    VBIT LAPIC_ISR, V_SELF
    CHECK64 apic-self-ipi-isr-after-eoi, %rax, $0
    VBIT LAPIC_IRR, V_SELF
    CHECK64 apic-self-ipi-irr-after, %rax, $0
    OK64 apic-self-ipi

    /* TPR through CR8 (class 4 masks vectors 0x40-0x4f). */
    mov $4, %eax
    mov %rax, %cr8
    movl LAPIC_TPR(%rbx), %eax
    CHECK64 apic-tpr-cr8-mmio, %rax, $0x40
    APIC_W LAPIC_ICR_LO, (0x40000 | V_TPR)
    DELAY 100000
    movl IRQ_COUNT(V_TPR), %eax
    CHECK64 apic-tpr-cr8-masked, %rax, $0
    VBIT LAPIC_IRR, V_TPR
    CHECK64 apic-tpr-cr8-irr, %rax, $1
    xor %eax, %eax
    mov %rax, %cr8
    WAIT_GE IRQ_COUNT(V_TPR), 1
    movl IRQ_COUNT(V_TPR), %eax
    CHECK64 apic-tpr-cr8-delivered, %rax, $1
    OK64 apic-tpr-cr8

    /* CPU 1: INIT, SIPI, SIPI (physical destination APIC id 1). */
    movw $(gdt_end - gdt - 1), AP_GDTR
    movl $GDT_ADDR, AP_GDTR + 2
    movl $0, AP_READY
    APIC_W LAPIC_ICR_HI, (1 << 24)
    APIC_W LAPIC_ICR_LO, 0x4500
    DELAY 10000
    APIC_W LAPIC_ICR_HI, (1 << 24)
    APIC_W LAPIC_ICR_LO, (0x4600 | SIPI_PAGE)
    DELAY 1000
    cmpl $1, AP_READY
    je 1f
    APIC_W LAPIC_ICR_HI, (1 << 24)
    APIC_W LAPIC_ICR_LO, (0x4600 | SIPI_PAGE)
1:  WAIT_GE AP_READY, 1
    movl AP_READY, %eax
    CHECK64 apic-ap-started, %rax, $1
    APIC_W LAPIC_ICR_HI, (1 << 24)
    APIC_W LAPIC_ICR_LO, V_FIXED
    WAIT_GE AP_COUNT50, 1
    DELAY 10000
    movl AP_COUNT50, %eax
    CHECK64 apic-ipi-fixed-ap, %rax, $1
    movl IRQ_COUNT(V_FIXED), %eax
    CHECK64 apic-ipi-fixed-not-self, %rax, $0
    OK64 apic-ipi-fixed
    APIC_W LAPIC_ICR_HI, 0
    APIC_W LAPIC_ICR_LO, (0xc0000 | V_BCAST)
    WAIT_GE AP_COUNT51, 1
    DELAY 10000
    movl AP_COUNT51, %eax
    CHECK64 apic-ipi-broadcast-ap, %rax, $1
    movl IRQ_COUNT(V_BCAST), %eax
    CHECK64 apic-ipi-broadcast-not-self, %rax, $0
    OK64 apic-ipi-broadcast
    movl IRQ_COUNT(V_SPURIOUS), %eax
    CHECK64 apic-no-spurious, %rax, $0
    jmp finish64

/* BSP interrupt handlers: count, note the ISR bit of the self IPI,
 * EOI, IRETQ. */
.macro IRQ64 v
irq_\v:
    push %rax
    incl IRQ_COUNT(0x\v)
    .if 0x\v == V_SELF
    push %rbx
    mov $LAPIC_BASE, %rbx
    VBIT LAPIC_ISR, V_SELF
    mov %eax, ISR_SEEN
    pop %rbx
    .endif
    .if 0x\v != V_SPURIOUS
    mov $LAPIC_BASE, %rax
    movl $0, LAPIC_EOI(%rax)
    .endif
    pop %rax
    iretq
.endm
    IRQ64 40
    IRQ64 41
    IRQ64 42
    IRQ64 43
    IRQ64 45
    IRQ64 50
    IRQ64 51
    IRQ64 ff

    CPUSTRINGS
    CPU_GDT64

/*
 * CPU 1 starts here in real mode (CS = SIPI_PAGE << 8, IP = 0), goes to
 * 32-bit protected mode with the BSP's GDT, enables its APIC and waits
 * in HLT.  Its handlers count and drop the frame (no IRET, as irq.S).
 */
    .org 0x8000
    .code16
ap_start:
    cli
    xor %ax, %ax
    mov %ax, %ds
    lgdtl AP_GDTR
    mov %cr0, %eax
    or $1, %eax
    mov %eax, %cr0
    ljmpl $SEL_CODE32, $ABS(ap32)
    .code32
ap32:
    mov $SEL_DATA, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $AP_STACK, %esp
    mov $ABS(ap_irq50), %eax
    mov %ax, AP_IDT + 8 * V_FIXED
    movw $SEL_CODE32, AP_IDT + 8 * V_FIXED + 2
    movw $0x8e00, AP_IDT + 8 * V_FIXED + 4
    shr $16, %eax
    mov %ax, AP_IDT + 8 * V_FIXED + 6
    mov $ABS(ap_irq51), %eax
    mov %ax, AP_IDT + 8 * V_BCAST
    movw $SEL_CODE32, AP_IDT + 8 * V_BCAST + 2
    movw $0x8e00, AP_IDT + 8 * V_BCAST + 4
    shr $16, %eax
    mov %ax, AP_IDT + 8 * V_BCAST + 6
    lidt ABS(ap_idtr)
    movl $(0x100 | V_SPURIOUS), LAPIC_BASE + LAPIC_SVR
    movl $1, AP_READY
ap_idle:
    mov $AP_STACK, %esp
    sti
    hlt
    jmp ap_idle
ap_irq50:
    incl AP_COUNT50
    movl $0, LAPIC_BASE + LAPIC_EOI
    jmp ap_idle
ap_irq51:
    incl AP_COUNT51
    movl $0, LAPIC_BASE + LAPIC_EOI
    jmp ap_idle
ap_idtr:
    .word 8 * 0x60 - 1
    .long AP_IDT

    RESET_VECTOR start16
