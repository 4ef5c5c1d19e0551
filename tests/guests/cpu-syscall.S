/*
 * cpu-syscall.S: the fast system call paths of IA-32e mode (SDM vol. 3
 * 5.8.8 "Fast system calls in 64-bit mode"; vol. 2 SYSCALL, SYSRET,
 * SWAPGS; MSRs STAR/LSTAR/SFMASK/KERNEL_GS_BASE, vol. 4 table 2-2):
 *   syscall64      SYSCALL from 64-bit CPL 3: CS = STAR[47:32] (CPL 0),
 *                  SS = that + 8, RCX = the user return RIP, R11 = the
 *                  user RFLAGS, RFLAGS masked by SFMASK (DF and TF
 *                  cleared), RSP unchanged
 *   swapgs         SWAPGS exchanges GS.base and KERNEL_GS_BASE: %gs:0
 *                  reads the kernel area, the MSRs show the exchange;
 *                  user %gs:0 reads the user area before and after
 *   sysret64       SYSRETQ: back at RCX with RFLAGS = R11, CS =
 *                  STAR[63:48] + 16 | 3, SS = STAR[63:48] + 8 | 3
 *   sysret-compat  SYSRET without REX.W: 32-bit user code, CS =
 *                  STAR[63:48] | 3 (compatibility mode: 0x48 is DEC EAX)
 * Ring 3 is entered with IRETQ; user code leaves by HLT (#GP(0)).
 * (INT n / IRET ring transitions: cpu-softint.S (64-bit) and cpu-legacy.S
 * (32-bit, with SYSENTER/SYSEXIT and call gates).)
 * Exit GUEST_OK; FAIL_CODE after a failed check, UNEXPECTED_CODE for an
 * exception nobody expected.
 */
#include "guest.h"
#include "guest-lib.inc"
#include "cpu-lib.inc"

#define MSR_STAR 0xc0000081
#define MSR_LSTAR 0xc0000082
#define MSR_CSTAR 0xc0000083
#define MSR_SFMASK 0xc0000084
#define MSR_GS_BASE 0xc0000101
#define MSR_KGS_BASE 0xc0000102
#define KGS_AREA (SCRATCH + 0x400)      /* holds KGS_MAGIC */
#define UGS_AREA (SCRATCH + 0x500)      /* holds UGS_MAGIC */
#define KGS_MAGIC 0x6b65726e
#define UGS_MAGIC 0x75736572
#define V(n) (SCRATCH + 0x600 + 8 * (n))  /* recorded values */
#define SYS_MODE V(0)                   /* 1: SYSRETQ, 2: SYSRETL */
#define K_CS V(1)
#define K_SS V(2)
#define K_RCX V(3)
#define K_R11 V(4)
#define K_FLAGS V(5)
#define K_RSP V(6)
#define K_GS V(7)
#define K_GSBASE V(8)
#define K_KGSBASE V(9)
#define U_GS V(10)
#define U_GS2 V(11)
#define U_CS V(12)
#define U_SS V(13)
#define U_FLAGS V(14)
#define U_R11 V(15)
#define C_CS V(16)
#define C_DEC V(17)

    .text
rom_start:
    LIB16
    LIB32
    LIB64
    CPULIB32
    CPULIB64
    EXC64 G64_KCODE64, SEL_DATA

.macro WRMSR64 msr, value
    mov $\msr, %ecx
    mov $((\value) & 0xffffffff), %eax
    mov $((\value) >> 32), %edx
    wrmsr
.endm
/* Read an MSR into RAX (64 bits). */
.macro RDMSR64 msr
    mov $\msr, %ecx
    rdmsr
    shl $32, %rdx
    or %rdx, %rax
.endm

    .code16
start16:
    SETUP16
    RESET_GUARD16
    ENTER_PM32 start32
    movl $0, EX_RESUME
    ENTER_LM64 lm64
    movl $KGS_MAGIC, KGS_AREA
    movl $UGS_MAGIC, UGS_AREA
    mov $0xc0000080, %ecx               /* EFER.SCE */
    rdmsr
    or $1, %eax
    wrmsr
    WRMSR64 MSR_STAR, ((0x28 << 48) | (G64_KCODE64 << 32))
    WRMSR64 MSR_LSTAR, ABS(sys_entry)
    WRMSR64 MSR_SFMASK, 0x700           /* TF, IF, DF */
    WRMSR64 MSR_GS_BASE, UGS_AREA
    WRMSR64 MSR_KGS_BASE, KGS_AREA

    /* SYSCALL from 64-bit user code, SYSRETQ back. */
    movq $1, SYS_MODE
    EXPECT 1f
    TO_USER64 2f
2:  mov %gs:0, %eax
    mov %rax, U_GS
    std                                 /* SFMASK clears it in the kernel */
    mov $0x1111, %r11
    syscall
u_ret:
    mov %r11, U_R11
    mov %cs, %eax
    mov %rax, U_CS
    mov %ss, %eax
    mov %rax, U_SS
    pushfq
    popq U_FLAGS
    cld
    mov %gs:0, %eax
    mov %rax, U_GS2
    hlt
1:  CHECK64 syscall64-cs, K_CS, $G64_KCODE64
    CHECK64 syscall64-ss, K_SS, $G64_KDATA2
    lea u_ret(%rip), %rdx
    NAME64 syscall64-rcx
    mov K_RCX, %rax
    call check64
    mov K_R11, %rax
    and $0x400, %eax
    CHECK64 syscall64-r11-df, %rax, $0x400
    mov K_FLAGS, %rax
    and $0x700, %eax
    CHECK64 syscall64-rflags-masked, %rax, $0
    CHECK64 syscall64-rsp, K_RSP, $USTACK
    OK64 syscall64
    CHECK64 swapgs-kernel-gs, K_GS, $KGS_MAGIC
    CHECK64 swapgs-gs-base, K_GSBASE, $KGS_AREA
    CHECK64 swapgs-kernel-gs-base, K_KGSBASE, $UGS_AREA
    CHECK64 swapgs-user-gs, U_GS, $UGS_MAGIC
    CHECK64 swapgs-user-gs-after, U_GS2, $UGS_MAGIC
    RDMSR64 MSR_GS_BASE
    CHECK64 swapgs-gs-base-after, %rax, $UGS_AREA
    OK64 swapgs
    CHECK64 sysret64-cs, U_CS, $G64_UCODE64
    CHECK64 sysret64-ss, U_SS, $G64_UDATA
    mov U_FLAGS, %rax
    and $0x400, %eax
    CHECK64 sysret64-rflags-from-r11, %rax, $0x400
    CHECK64 sysret64-hlt-vector, EX_VEC, $13
    CHECK64 sysret64-hlt-cs, EX_CS, $G64_UCODE64
    OK64 sysret64

    /* SYSRET without REX.W: to 32-bit (compatibility mode) user code. */
    movq $2, SYS_MODE
    EXPECT 1f
    TO_USER64 2f
2:  syscall
    hlt
1:  CHECK64 sysret-compat-cs, C_CS, $G64_UCODE32
    CHECK64 sysret-compat-dec-eax, C_DEC, $4
    CHECK64 sysret-compat-hlt-vector, EX_VEC, $13
    CHECK64 sysret-compat-hlt-cs, EX_CS, $G64_UCODE32
    OK64 sysret-compat
    jmp finish64

/* The SYSCALL entry (CPL 0, user RSP): record, SWAPGS twice, SYSRET. */
sys_entry:
    mov %rcx, K_RCX
    mov %r11, K_R11
    mov %rsp, K_RSP
    mov %cs, %eax
    mov %rax, K_CS
    mov %ss, %eax
    mov %rax, K_SS
    pushfq                              /* the user stack: writable */
    popq K_FLAGS
    swapgs
    mov %gs:0, %eax
    mov %rax, K_GS
    RDMSR64 MSR_GS_BASE
    mov %rax, K_GSBASE
    RDMSR64 MSR_KGS_BASE
    mov %rax, K_KGSBASE
    swapgs
    mov K_RCX, %rcx
    cmpq $2, SYS_MODE
    je 1f
    sysretq
1:  mov $ABS(compat_user), %ecx
    mov $0x2, %r11d
    sysretl

    .code32
compat_user:
    mov %cs, %eax
    mov %eax, C_CS
    mov $5, %eax
    .byte 0x48                          /* DEC EAX (REX.W in 64-bit) */
    nop
    mov %eax, C_DEC
    hlt

    CPUSTRINGS
    CPU_GDT64
    RESET_VECTOR start16
