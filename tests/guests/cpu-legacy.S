/*
 * cpu-legacy.S: privilege changes of 32-bit protected mode (no paging),
 * SDM vol. 3 ch. 5 "Protection" and 6.12.1 "Exception- or interrupt-
 * handler procedures", ch. 7 "Task management":
 *   int-iret32      INT 0x80 from CPL 3 through a DPL 3 gate: the handler
 *                   runs at CPL 0 on TSS.ESP0/SS0 with the user SS:ESP,
 *                   EFLAGS, CS:EIP pushed (ESP = ESP0 - 20); IRET returns
 *                   to CPL 3 (6.12.1, figure 6-4)
 *   sysenter        SYSENTER from CPL 3: CS = IA32_SYSENTER_CS, SS = CS +
 *                   8, ESP = IA32_SYSENTER_ESP, at IA32_SYSENTER_EIP
 *   sysexit         SYSEXIT: CS = SYSENTER_CS + 16 | 3, SS = + 24 | 3,
 *                   EIP = EDX, ESP = ECX (5.8.7)
 *   callgate        a far CALL from CPL 3 through a DPL 3 call gate with
 *                   a parameter count of 2 to a CPL 0 segment: new stack
 *                   from the TSS with the caller's SS:ESP, both parameters
 *                   copied, CS:EIP (5.8.5, figure 5-13); RET 8 returns to
 *                   CPL 3 and drops the parameters
 *   legacy-traps    #BP (INT3) and #OF (INTO) as traps, #BR (BOUND) as a
 *                   fault, through 32-bit interrupt gates
 *   ts-small-tss    #TS(selector) for a JMP to a TSS whose limit is below
 *                   0x67 (7.3, table 7-1)
 * Handlers resume by a jump, not IRET (see cpu-lib.inc); user code leaves
 * by HLT (#GP(0)).
 * Exit GUEST_OK; FAIL_CODE after a failed check, UNEXPECTED_CODE for an
 * exception nobody expected.
 */
#include "guest.h"
#include "guest-lib.inc"
#include "cpu-lib.inc"

#define SEL_UCODE 0x1b                  /* SYSENTER_CS + 16 | 3 */
#define SEL_UDATA 0x23                  /* SYSENTER_CS + 24 | 3 */
#define SEL_TSS 0x28
#define SEL_CALLGATE 0x33               /* 0x30 | RPL 3 */
#define SEL_SMALL_TSS 0x38
#define TSS_ADDR 0xb000
#define ESP0 0x6800
#define SYSENTER_STACK 0x6000
#define USTACK 0x5000
#define V(n) (SCRATCH + 0x600 + 4 * (n))
#define K_CS V(0)
#define K_SS V(1)
#define K_ESP V(2)
#define K_F_EIP V(3)                    /* the frame the kernel saw */
#define K_F_CS V(4)
#define K_F_ESP V(5)
#define K_F_SS V(6)
#define K_P1 V(7)
#define K_P2 V(8)
#define U_CS V(9)
#define U_SS V(10)
#define U_ESP V(11)
#define K_COUNT V(12)
#define BOUNDS V(14)

    .text
rom_start:
    LIB16
    LIB32
    CPULIB32
    EXC32 SEL_CODE32

/* User code starts by loading its data segments (IRET to CPL 3 nulls
 * DPL 0 ones, and the handlers use DS). */
.macro USEGS
    mov $SEL_UDATA, %ax
    mov %ax, %ds
    mov %ax, %es
.endm
.macro KSEGS
    mov $SEL_DATA, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $STACK_TOP, %esp
.endm
.macro TO_USER label
    pushl $SEL_UDATA
    pushl $USTACK
    pushf
    pushl $SEL_UCODE
    pushl $ABS(\label)
    iret
.endm
.macro WRMSR32 msr, value
    mov $\msr, %ecx
    mov $\value, %eax
    xor %edx, %edx
    wrmsr
.endm

    .code16
start16:
    SETUP16
    RESET_GUARD16
    ENTER_PM32 start32
    call exc32_setup
    movl $0, EX_RESUME
    mov $TSS_ADDR, %edi
    mov $(0x68 / 4), %ecx
    xor %eax, %eax
    rep stosl
    movl $ESP0, TSS_ADDR + 4
    movl $SEL_DATA, TSS_ADDR + 8
    mov $SEL_TSS, %ax
    ltr %ax
    /* Gate 0x80: DPL 3 interrupt gate to int80. */
    mov $ABS(int80), %eax
    mov %ax, IDT_ADDR + 8 * 0x80
    movw $0xee00, IDT_ADDR + 8 * 0x80 + 4
    shr $16, %eax
    mov %ax, IDT_ADDR + 8 * 0x80 + 6
    /* The call gate (GDT copy in RAM): offset, selector, 2 parameters. */
    mov $ABS(gate_target), %eax
    mov %ax, GDT_ADDR + 0x30
    movw $SEL_CODE32, GDT_ADDR + 0x30 + 2
    movw $0xec02, GDT_ADDR + 0x30 + 4   /* P, DPL 3, 32-bit call gate */
    shr $16, %eax
    mov %ax, GDT_ADDR + 0x30 + 6

    /* INT n from CPL 3, IRET back to CPL 3. */
    movl $0, K_COUNT
    EXPECT 1f
    TO_USER 2f
2:  USEGS
    int $0x80
    mov %cs, %ecx
    mov %ecx, U_CS
    hlt
1:  KSEGS
    CHECK32 int-iret32-count, K_COUNT, $1
    CHECK32 int-iret32-esp0, K_ESP, $(ESP0 - 20)
    CHECK32 int-iret32-frame-cs, K_F_CS, $SEL_UCODE
    CHECK32 int-iret32-frame-esp, K_F_ESP, $USTACK
    CHECK32 int-iret32-frame-ss, K_F_SS, $SEL_UDATA
    CHECK32 int-iret32-back-cs, U_CS, $SEL_UCODE
    CHECK32 int-iret32-hlt-vector, EX_VEC, $13
    OK32 int-iret32

    /* SYSENTER / SYSEXIT. */
    WRMSR32 0x174, SEL_CODE32
    WRMSR32 0x175, SYSENTER_STACK
    WRMSR32 0x176, ABS(sysenter_entry)
    EXPECT 1f
    TO_USER 2f
2:  USEGS
    mov $ABS(3f), %edx
    mov %esp, %ecx
    sysenter
3:  mov %cs, %eax
    mov %eax, U_CS
    mov %ss, %eax
    mov %eax, U_SS
    mov %esp, U_ESP
    hlt
1:  KSEGS
    CHECK32 sysenter-cs, K_CS, $SEL_CODE32
    CHECK32 sysenter-ss, K_SS, $SEL_DATA
    CHECK32 sysenter-esp, K_ESP, $SYSENTER_STACK
    OK32 sysenter
    CHECK32 sysexit-cs, U_CS, $SEL_UCODE
    CHECK32 sysexit-ss, U_SS, $SEL_UDATA
    CHECK32 sysexit-esp, U_ESP, $USTACK
    CHECK32 sysexit-hlt-cs, EX_CS, $SEL_UCODE
    OK32 sysexit

    /* A far call through a call gate with 2 parameters. */
    EXPECT 1f
    TO_USER 2f
2:  USEGS
    pushl $0x1111
    pushl $0x2222
    lcall $SEL_CALLGATE, $0
    mov %esp, U_ESP
    mov %cs, %eax
    mov %eax, U_CS
    hlt
1:  KSEGS
    CHECK32 callgate-cs, K_CS, $SEL_CODE32
    CHECK32 callgate-esp, K_ESP, $(ESP0 - 24)
    CHECK32 callgate-frame-cs, K_F_CS, $SEL_UCODE
    CHECK32 callgate-param-near, K_P1, $0x2222
    CHECK32 callgate-param-far, K_P2, $0x1111
    CHECK32 callgate-frame-esp, K_F_ESP, $(USTACK - 8)
    CHECK32 callgate-frame-ss, K_F_SS, $SEL_UDATA
    CHECK32 callgate-ret-esp, U_ESP, $USTACK
    CHECK32 callgate-ret-cs, U_CS, $SEL_UCODE
    OK32 callgate

    /* Traps and faults through 32-bit interrupt gates: INT3 and INTO
     * save the EIP after them, BOUND the faulting one (6.15). */
    EXPECT 1f
    int3
lt1:nop
1:  CHECK32 legacy-int3-vector, EX_VEC, $3
    CHECK32 legacy-int3-eip, EX_IP, $ABS(lt1)
    EXPECT 1f
    mov $0x7fffffff, %eax
    add $1, %eax
    into
lt2:nop
1:  CHECK32 legacy-into-vector, EX_VEC, $4
    CHECK32 legacy-into-eip, EX_IP, $ABS(lt2)
    movl $0x10, BOUNDS
    movl $0x20, BOUNDS + 4
    EXPECT 1f
    mov $0x21, %eax
lt3:bound %eax, BOUNDS
    FAIL32 legacy-bound-no-exception
1:  CHECK32 legacy-bound-vector, EX_VEC, $5
    CHECK32 legacy-bound-eip, EX_IP, $ABS(lt3)
    CHECK32 legacy-traps-error, EX_ERR, $NO_ERR
    OK32 legacy-traps

    /* #TS: a task switch to a TSS with a limit below 0x67. */
    EXPECT 1f
ts1:ljmp $SEL_SMALL_TSS, $0
    FAIL32 ts-no-exception
1:  CHECK32 ts-small-tss-vector, EX_VEC, $10
    CHECK32 ts-small-tss-error, EX_ERR, $SEL_SMALL_TSS
    CHECK32 ts-small-tss-eip, EX_IP, $ABS(ts1)
    OK32 ts-small-tss
    jmp finish32

/* INT 0x80 (CPL 0, DS = the user's flat data segment): record, IRET. */
int80:
    mov %esp, K_ESP
    push %eax
    mov 4(%esp), %eax
    mov %eax, K_F_EIP
    mov 8(%esp), %eax
    mov %eax, K_F_CS
    mov 16(%esp), %eax
    mov %eax, K_F_ESP
    mov 20(%esp), %eax
    mov %eax, K_F_SS
    incl K_COUNT
    pop %eax
    iret

sysenter_entry:
    mov %esp, K_ESP
    mov %cs, %eax
    mov %eax, K_CS
    mov %ss, %eax
    mov %eax, K_SS
    sysexit

gate_target:
    mov %esp, K_ESP
    mov %cs, %eax
    mov %eax, K_CS
    mov 4(%esp), %eax
    mov %eax, K_F_CS
    mov 8(%esp), %eax
    mov %eax, K_P1
    mov 12(%esp), %eax
    mov %eax, K_P2
    mov 16(%esp), %eax
    mov %eax, K_F_ESP
    mov 20(%esp), %eax
    mov %eax, K_F_SS
    lret $8

    CPUSTRINGS

    .balign 8
gdt:
    .quad 0
    .quad 0x00cf9a000000ffff            /* 0x08: code, 32-bit */
    .quad 0x00cf92000000ffff            /* 0x10: data */
    .quad 0x00cffa000000ffff            /* 0x18: user code */
    .quad 0x00cff2000000ffff            /* 0x20: user data */
    .quad 0x00008900b0000067            /* 0x28: TSS at 0xb000 */
    .quad 0                             /* 0x30: call gate (filled in) */
    .quad 0x0000890000000020            /* 0x38: TSS, limit 0x20 */
gdt_end:
gdtr:
    .word gdt_end - gdt - 1
    .long GDT_ADDR

    RESET_VECTOR start16
