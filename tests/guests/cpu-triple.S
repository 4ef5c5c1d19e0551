/*
 * cpu-triple.S: a triple fault is a shutdown, which the PC board turns
 * into a system reset (SDM vol. 3 6.15 interrupt 8, "Double fault":
 * "if another exception occurs while attempting to call the double-fault
 * handler, the processor enters shutdown mode").  Run without -no-reboot.
 * Each boot counts itself in CMOS byte BOOT_COUNT (battery-backed: a
 * system reset keeps it) and prints "boot N":
 *   boot 1: 32-bit protected mode, every IDT gate not present: UD2's #UD
 *           raises #NP (gate 6), whose delivery raises #NP again: a double
 *           fault, whose gate is not present either: shutdown
 *   boot 2: 64-bit mode, IDT limit 0: UD2 -> #GP -> #DF -> shutdown
 *   boot 3: checks
 *     triple-fault-32, triple-fault-64  the stage each boot reached
 *                      before its fault (CMOS STAGE) and the boot count
 *     reset-state      the CPU came out of reset: CR0 = 0x60000010, EFER
 *                      = 0 (SDM vol. 3 table 9-1), read before any change
 * Exit GUEST_OK; FAIL_CODE after a failed check, 0x1e if a fault did not
 * reset.
 */
#include "guest.h"
#include "guest-lib.inc"
#include "cpu-lib.inc"

#define BOOT_COUNT 0x4a                 /* CMOS bytes unused by the board */
#define STAGE 0x4b
#define CR0_SEEN 0x4c                   /* 4 bytes: CR0 at boot 3's start */

    .text
rom_start:
    LIB16
    LIB32
    LIB64
    CPULIB16
    CPULIB32

/* CMOS[index] = AL (16/32-bit code). */
.macro CMOS_W index
    push %ax
    mov $\index, %al
    out %al, $CMOS_INDEX
    pop %ax
    out %al, $CMOS_DATA
.endm
.macro CMOS_R index
    mov $\index, %al
    out %al, $CMOS_INDEX
    in $CMOS_DATA, %al
.endm

    .code16
start16:
    mov %cr0, %ebp                      /* before anything changes it */
    mov $0xc0000080, %ecx
    rdmsr
    mov %eax, %edi
    SETUP16
    CMOS_R BOOT_COUNT
    inc %al
    mov %al, %bl
    CMOS_W BOOT_COUNT
    mov $OFF(msg_boot), %si
    call puts16
    mov %bl, %al
    call puthex16
    mov $'\n', %al
    call putc16
    cmp $1, %bl
    je boot1
    cmp $2, %bl
    je boot2

    /* Boot 3 (or later): the checks. */
    movzbl %bl, %eax
    CHECK16 triple-boot-count, %eax, $3
    CMOS_R STAGE
    movzbl %al, %eax
    CHECK16 triple-stage, %eax, $2
    OK16 triple-fault-32
    OK16 triple-fault-64
    CHECK16 reset-state-cr0, %ebp, $0x60000010
    CHECK16 reset-state-efer, %edi, $0
    OK16 reset-state
    cmpl $0, %ss:CHECK_FAILED
    je 1f
    EXIT16 FAIL_CODE
1:  EXIT16 GUEST_OK

boot1:
    mov $1, %al
    CMOS_W STAGE
    ENTER_PM32 pm1
    /* Every gate: a present-bit-clear interrupt gate. */
    mov $IDT_ADDR, %edi
    mov $256, %ecx
1:  movl $0, (%edi)
    movl $0x0e00, 4(%edi)
    add $8, %edi
    loop 1b
    lidt ABS(idtr)
    ud2
    PRINT32 msg_no_reset
    EXIT32 0x1e

    .code16
boot2:
    ENTER_PM32 pm2
    IDMAP4G PAGE_TABLES
    mov $PAGE_TABLES, %eax
    mov %eax, %cr3
    mov %cr4, %eax
    or $0x20, %eax
    mov %eax, %cr4
    mov $0xc0000080, %ecx
    rdmsr
    or $0x100, %eax
    wrmsr
    mov %cr0, %eax
    or $0x80000000, %eax
    mov %eax, %cr0
    ljmp $SEL_CODE64, $ABS(lm2)
    .code64
lm2:
    mov $2, %al
    CMOS_W STAGE
    lidt empty_idtr(%rip)
    ud2
    PRINT64 msg_no_reset
    EXIT16 0x1e

idtr:
    .word 256 * 8 - 1
    .long IDT_ADDR
empty_idtr:
    .word 0
    .quad 0
msg_boot:       .asciz "boot "
msg_no_reset:   .asciz "FAIL triple fault did not reset\n"

    CPUSTRINGS
    GUEST_GDT
    RESET_VECTOR start16
