/*
 * smp.S: multiprocessor start-up (run with -smp 2 or more).  The BSP reads
 * the CPU count the board put in CMOS 0x5f (count - 1, as SeaBIOS reads
 * it), then wakes the APs with the INIT-SIPI-SIPI sequence broadcast to
 * all but itself (Intel MP spec B.4; SDM vol. 3 8.4.4.1).  Each AP starts
 * in real mode at the SIPI vector's page, 0xf1000: offset 0x1000 of this
 * image in the alias below 1 MiB.  It takes a spin lock, prints
 * "ap <initial APIC id>", counts itself and halts.  The BSP waits for
 * every AP, then prints "smp: N aps ok".
 * Exit GUEST_OK; failures: 1 no AP expected (CMOS 0x5f is 0), 2 not every
 * AP arrived in time, 3 an AP reported twice.
 */
#include "guest.h"
#include "guest-lib.inc"

#define AP_COUNT SCRATCH                /* 16 bits */
#define AP_LOCK (SCRATCH + 4)
#define AP_SEEN (SCRATCH + 8)           /* bitmap of APIC ids, 256 bits */
#define AP_TWICE (SCRATCH + 0x40)
#define SIPI_PAGE 0xf1                  /* 0xf1000 = ROM alias + 0x1000 */

    .text
rom_start:
    LIB16
    LIB32

/*
 * A busy wait of n PAUSE iterations (no VM exits: a delay made of port
 * writes would cost a userspace round trip each, seconds on a nested
 * host).  KVM does not need the MP spec's 10 ms INIT delay; the waits
 * only give the other CPUs time to run.
 */
.macro DELAY n
    mov $\n, %ecx
.Ldelay\@:
    pause
    loop .Ldelay\@
.endm

/* Write the ICR and wait until the local APIC has sent the IPI.  (Macros
 * use \@ labels: a numeric label would capture the caller's "1b".) */
.macro SEND_IPI value
    movl $0, LAPIC_BASE + LAPIC_ICR_HI
    movl $\value, LAPIC_BASE + LAPIC_ICR_LO
.Lipi\@:
    testl $0x1000, LAPIC_BASE + LAPIC_ICR_LO
    jnz .Lipi\@
.endm


/* AP helpers, inline (no stack): AL to COM1; AL (0-15) as a hex digit. */
.macro call_putc_ap
    mov %al, %ah
    mov $(COM1 + 5), %dx
7:  in %dx, %al
    test $0x20, %al
    jz 7b
    mov %ah, %al
    mov $COM1, %dx
    out %al, %dx
.endm
.macro call_hex_ap
    add $'0', %al
    cmp $'9', %al
    jbe 8f
    add $('a' - '9' - 1), %al
8:  call_putc_ap
.endm

    .code16
start16:
    SETUP16
    PRINT16 msg_hello
    ENTER_PM32 start32
    movw $0, AP_COUNT
    movl $0, AP_LOCK
    movl $0, AP_TWICE
    mov $AP_SEEN, %edi
    mov $8, %ecx
    xor %eax, %eax
    rep stosl
    mov $0x5f, %al
    out %al, $CMOS_INDEX
    in $CMOS_DATA, %al
    movzbl %al, %ebx                    /* APs expected */
    test %ebx, %ebx
    jnz 1f
    PRINT32 msg_fail_count
    EXIT32 1
1:  movl $0x1ff, LAPIC_BASE + LAPIC_SVR
    SEND_IPI 0x000c4500                 /* INIT, all excluding self */
    DELAY 1000
    SEND_IPI (0x000c4600 | SIPI_PAGE)   /* STARTUP */
    DELAY 100
    SEND_IPI (0x000c4600 | SIPI_PAGE)
    mov $100000, %edx                   /* give up after 10^8 PAUSEs */
1:  movzwl AP_COUNT, %eax
    cmp %ebx, %eax
    jae 2f
    DELAY 1000
    dec %edx
    jnz 1b
    PRINT32 msg_fail_late
    EXIT32 2
2:  DELAY 100000                        /* let a duplicate show up */
    cmpl $0, AP_TWICE
    je 1f
    PRINT32 msg_fail_twice
    EXIT32 3
1:  mov $AP_LOCK, %edi                  /* the APs have printed */
2:  lock btsl $0, (%edi)
    jc 2b
    PRINT32 msg_smp
    mov %ebx, %eax
    call puthex8_32
    PRINT32 msg_aps
    EXIT32 GUEST_OK

msg_hello:      .asciz "smp: start\n"
msg_smp:        .asciz "smp: "
msg_aps:        .asciz " aps ok\n"
msg_fail_count: .asciz "FAIL cmos 0x5f says 1 cpu\n"
msg_fail_late:  .asciz "FAIL not every ap started\n"
msg_fail_twice: .asciz "FAIL an ap started twice\n"

    GUEST_GDT

/*
 * The AP trampoline: real mode, CS base 0xf1000, IP 0; DS = 0 for the
 * shared variables.  No stack and no calls (the library routines are
 * below this segment's base).
 */
    .org 0x1000
    .code16
ap_start:
    cli
    xor %ax, %ax
    mov %ax, %ds
    mov $1, %eax
    cpuid
    shr $24, %ebx                       /* initial APIC id */
1:  lock btsl $0, AP_LOCK
    jnc 2f
    pause
    jmp 1b
2:  lock btsw %bx, AP_SEEN
    jnc 3f
    movl $1, AP_TWICE
3:  mov $(ap_msg - ap_start), %si
4:  mov %cs:(%si), %al
    test %al, %al
    jz 5f
    call_putc_ap
    inc %si
    jmp 4b
5:  mov %bl, %al                        /* two hex digits of the id */
    shr $4, %al
    call_hex_ap
    mov %bl, %al
    and $0xf, %al
    call_hex_ap
    mov $'\n', %al
    call_putc_ap
    lock incw AP_COUNT
    movl $0, AP_LOCK
6:  hlt
    jmp 6b
ap_msg: .asciz "ap "

    RESET_VECTOR start16
