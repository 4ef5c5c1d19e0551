/*
 * cpu-softint.S: the exceptions and interrupts that instructions raise on
 * purpose (SDM vol. 3 6.4.2 "Software-generated exceptions", 6.12.1.1
 * privilege checks for software interrupts, 6.14 64-bit mode interrupt
 * handling; vol. 2 INT n/INTO/INT3/INT1, BOUND, IRET), in IA-32e mode:
 *   bp-int3        #BP from INT3: a trap, saved EIP after it (compat.)
 *   of-into        #OF from INTO with OF=1, a trap (compatibility mode)
 *   br-bound       #BR from BOUND above the upper bound, a fault; none in
 *                  range (compatibility mode)
 *   np-gate        #NP(vector*8+2: IDT bit) for INT n to a not-present
 *                  gate (compatibility mode)
 *   bp-ist         #BP through a gate with IST1: the frame on IST1
 *   int-ring3      INT 0x80 from CPL 3 through a DPL 3 gate: the handler
 *                  runs at CPL 0 on RSP0 (16-byte aligned), sees the user
 *                  CS/SS/RSP in the frame; IRETQ goes back to CPL 3
 *   gp-int-dpl     INT 0x41 (gate DPL 0) from CPL 3: #GP(0x41*8+2)
 *   db-icebp       #DB from INT1 (0xf1), a trap
 * (Split from cpu-exceptions.S: a KVM that emulates guest instructions,
 * like this build host's, may fail to emulate software interrupts.)
 * Exit GUEST_OK; FAIL_CODE after a failed check, UNEXPECTED_CODE for an
 * exception nobody expected.
 */
#include "guest.h"
#include "guest-lib.inc"
#include "cpu-lib.inc"

#define BOUNDS (SCRATCH + 0x200)
#define INT_COUNT (SCRATCH + 0x210)
#define INT_CS (SCRATCH + 0x218)
#define INT_RSP (SCRATCH + 0x220)
#define INT_SS (SCRATCH + 0x228)
#define INT_SP (SCRATCH + 0x230)

    .text
rom_start:
    LIB16
    LIB32
    LIB64
    CPULIB32
    CPULIB64
    EXC64 G64_KCODE64, SEL_DATA

.macro EXC_IS name, vec, err, ip
    CHECK32 \name-vector, EX_VEC, $\vec
    CHECK32 \name-error, EX_ERR, $\err
    CHECK32 \name-eip, EX_IP, $ABS(\ip)
    CHECK32 \name-count, EX_COUNT, $1
.endm
.macro EXC_IS64 name, vec, err, ip
    CHECK64 \name-vector, EX_VEC, $\vec
    movl EX_ERR, %eax
    CHECK64 \name-error, %rax, $\err
    lea \ip(%rip), %rdx
    mov EX_IP, %rax
    NAME64 \name-rip
    call check64
    CHECK64 \name-count, EX_COUNT, $1
.endm

    .code16
start16:
    SETUP16
    RESET_GUARD16
    ENTER_PM32 start32
    movl $0, EX_RESUME
    ENTER_LM64 lm64
    /* Gate 0x80: int80, DPL 3. */
    lea int80(%rip), %rax
    mov %ax, IDT64_ADDR + 16 * 0x80
    movw $0xee00, IDT64_ADDR + 16 * 0x80 + 4
    shr $16, %eax
    mov %ax, IDT64_ADDR + 16 * 0x80 + 6
    pushq $SEL_CODE32
    lea compat(%rip), %rax
    push %rax
    lretq

    .code32
compat:
    /* #BP: a trap, EIP after the INT3. */
    EXPECTC 1f, SEL_CODE32
    int3
bp1:nop
1:  EXC_IS bp-int3, 3, NO_ERR, bp1
    OK32 bp-int3

    /* #OF: INTO with OF=0 does nothing, with OF=1 traps. */
    EXPECTC 2f, SEL_CODE32
    xor %eax, %eax
    into
    CHECK32 of-into-of0-count, EX_COUNT, $0
    mov $0x7fffffff, %eax
    add $1, %eax
    into
of1:nop
2:  EXC_IS of-into, 4, NO_ERR, of1
    OK32 of-into

    /* #BR: BOUND with the index above the upper bound (a fault). */
    movl $0x10, BOUNDS
    movl $0x20, BOUNDS + 4
    EXPECTC 1f, SEL_CODE32
    mov $0x18, %eax
    bound %eax, BOUNDS                  /* in range: nothing */
    CHECK32 br-inrange-count, EX_COUNT, $0
    mov $0x30, %eax
br1:bound %eax, BOUNDS
    FAIL32 br-bound-no-exception
1:  EXC_IS br-bound, 5, NO_ERR, br1
    OK32 br-bound

    /* #NP for a not-present IDT gate: error code = vector * 8 + 2 (IDT),
     * whatever the gate size. */
    andb $0x7f, IDT64_ADDR + 16 * 0x41 + 5
    EXPECTC 1f, SEL_CODE32
np2:int $0x41
    FAIL32 np-gate-no-exception
1:  orb $0x80, IDT64_ADDR + 16 * 0x41 + 5
    EXC_IS np-gate, 11, (0x41 * 8 + 2), np2
    OK32 np-gate
    ljmp $G64_KCODE64, $ABS(back64)

    .code64
back64:
    mov $STACK_TOP, %rsp
    /* #BP through an IST gate: the frame (5 words, error code and vector
     * pushed by the stub) at the top of IST1. */
    orb $1, IDT64_ADDR + 16 * 3 + 4
    EXPECT 1f
    int3
bp64:nop
1:  EXC_IS64 bp-ist, 3, NO_ERR, bp64
    CHECK64 bp-ist-stack, EX_SP, $(IST1_TOP - 7 * 8)
    OK64 bp-ist

    /* INT n from CPL 3 through a DPL 3 gate, IRETQ back to CPL 3; the
     * user code then leaves by HLT (#GP). */
    movl $0, INT_COUNT
    EXPECT 1f
    TO_USER64 2f
2:  int $0x80
    mov %cs, %ecx                       /* back at CPL 3 */
    hlt
1:  CHECK64 int-ring3-count, INT_COUNT, $1
    CHECK64 int-ring3-frame-cs, INT_CS, $G64_UCODE64
    CHECK64 int-ring3-frame-ss, INT_SS, $G64_UDATA
    CHECK64 int-ring3-frame-rsp, INT_RSP, $USTACK
    CHECK64 int-ring3-rsp0, INT_SP, $(RSP0_TOP - 5 * 8)
    movzwl %cx, %eax
    CHECK64 int-ring3-iretq-cs, %rax, $G64_UCODE64
    CHECK64 int-ring3-hlt-vector, EX_VEC, $13
    OK64 int-ring3

    /* INT n from CPL 3 to a DPL 0 gate: #GP(vector * 8 + 2). */
    EXPECT 1f
    TO_USER64 2f
2:  int $0x41
    hlt
1:  CHECK64 gp-int-dpl-vector, EX_VEC, $13
    movl EX_ERR, %eax
    CHECK64 gp-int-dpl-error, %rax, $(0x41 * 8 + 2)
    OK64 gp-int-dpl

    /* #DB from INT1 (ICEBP, 0xf1): a trap, like INT3 but vector 1. */
    EXPECT 1f
    .byte 0xf1
db2:nop
1:  EXC_IS64 db-icebp, 1, NO_ERR, db2
    OK64 db-icebp
    jmp finish64

/* INT 0x80 handler: record the frame, IRETQ. */
int80:
    push %rax
    lea 8(%rsp), %rax
    mov %rax, INT_SP
    mov 16(%rsp), %rax
    mov %rax, INT_CS
    mov 32(%rsp), %rax
    mov %rax, INT_RSP
    mov 40(%rsp), %rax
    mov %rax, INT_SS
    incl INT_COUNT
    pop %rax
    iretq

    CPUSTRINGS
    CPU_GDT64
    RESET_VECTOR start16
