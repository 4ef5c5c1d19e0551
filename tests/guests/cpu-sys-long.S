/*
 * cpu-sys-long.S: the system paths of IA-32e mode.  One "OK <group>" line
 * per group:
 *   iretq-user     IRETQ to 64-bit CPL 3
 *   syscall64      SYSCALL: RCX = the return RIP, R11 = RFLAGS, RFLAGS
 *                  masked by FMASK (DF), CS/SS from STAR, RSP untouched;
 *                  SWAPGS exchanges GS base and KERNEL_GS_BASE; SYSRETQ
 *                  back (CS = STAR[63:48] + 16 | 3, RFLAGS = R11)
 *   int80-ist      INT 0x80 from CPL 3 through a DPL 3 gate with IST1:
 *                  the frame at IST1 - 40, SS:RSP pushed (6.14.4, 6.14.5)
 *   call-gate64    a far CALL (REX.W, m16:64) through a 64-bit call gate
 *                  to ring 0: RSP0 from the TSS, SS null, old SS:RSP and
 *                  CS:RIP pushed as quadwords; LRETQ back (5.8.3.1)
 *   int3-dpl0      INT3 from CPL 3 through a DPL 0 gate: #GP(3 * 8 + 2)
 *                  (SDM vol. 2 INT n: error_code(vector, IDT = 1, EXT = 0))
 *   rdtscp         RDTSCP returns TSC_AUX in ECX (#UD when CPUID
 *                  8000_0001 EDX bit 27 is clear)
 *   fsgsbase       WRGSBASE/RDGSBASE and the GS base MSR agree, a
 *                  non-canonical WRFSBASE is #GP(0), RDFSBASE with
 *                  CR4.FSGSBASE clear is #UD (all #UD without CPUID 7
 *                  EBX bit 0)
 *   smap-stac-clac STAC/CLAC set and clear EFLAGS.AC (#UD without SMAP)
 *   umip           SGDT at CPL 3 with CR4.UMIP: #GP(0) (only with UMIP)
 *   nmi-blocking   a self-IPI NMI is delivered through vector 2; a
 *                  second one sent by its handler is held until the
 *                  handler's IRETQ (SDM vol. 3 6.7.1)
 *   compat-syscall SYSRETL to compatibility mode (CS = STAR[63:48] | 3),
 *                  SYSCALL from it through CSTAR
 * Run it with the default model and with -cpu max (which advertises
 * RDTSCP, FSGSBASE, SMAP and UMIP on the software CPU).  QEMU 7.2's TCG
 * fails two checks: the int3-dpl0 error code and the non-canonical
 * WRFSBASE (SDM vol. 2 WRFSBASE: #GP(0)), which it accepts.
 * Exit GUEST_OK; FAIL_CODE after a failed check, UNEXPECTED_CODE for an
 * exception nobody expected.
 */
#include "guest.h"
#include "guest-lib.inc"
#include "cpu-lib.inc"

#define SEL_KDATA 0x20
#define SEL_UCODE32 0x2b
#define SEL_UDATA 0x33
#define SEL_UCODE64 0x3b
#define SEL_TSS64 0x40
#define SEL_GATE64 0x53
#define KSTACK 0x6800
#define LM_TABLES 0x20000
#define EFER 0xc0000080
#define REC (SCRATCH + 0x400)

    .text
rom_start:
    LIB16
    LIB32
    LIB64
    CPULIB32
    CPULIB64
    EXC64 SEL_CODE64, SEL_DATA

.macro WRMSR64 msr, hi, lo
    mov $\msr, %ecx
    mov $\hi, %edx
    mov $\lo, %eax
    wrmsr
.endm

    .code16
start16:
    SETUP16
    RESET_GUARD16
    ENTER_PM32 start32
    IDMAP4G LM_TABLES, 0x87
    mov $LM_TABLES, %eax
    mov %eax, %cr3
    mov %cr4, %eax
    or $0x20, %eax
    mov %eax, %cr4
    mov $EFER, %ecx
    rdmsr
    or $0x101, %eax                     /* LME, SCE */
    wrmsr
    mov %cr0, %eax
    or $0x80000000, %eax
    mov %eax, %cr0
    ljmp $SEL_CODE64, $ABS(lm64)
    .code64
lm64:
    mov $STACK_TOP, %rsp
    call exc64_setup
    mov $TSS64_ADDR, %edi
    mov $(0x68 / 4), %ecx
    xor %eax, %eax
    rep stosl
    movq $KSTACK, TSS64_ADDR + 4
    movq $IST1_TOP, TSS64_ADDR + 0x24
    mov $SEL_TSS64, %ax
    ltr %ax
    WRMSR64 0xc0000081, 0x00280018, 0  /* STAR: user 0x28, kernel 0x18 */
    WRMSR64 0xc0000082, 0, ABS(syscall64)
    WRMSR64 0xc0000083, 0, ABS(syscall32)
    WRMSR64 0xc0000084, 0, 0x400        /* FMASK: DF */
    WRMSR64 0xc0000101, 0, 0x1111       /* GS base */
    WRMSR64 0xc0000102, 0, 0x2222       /* kernel GS base */
    /* Vector 0x80: DPL 3 interrupt gate on IST1. */
    mov $ABS(int80_64), %eax
    mov %ax, IDT64_ADDR + 16 * 0x80
    shr $16, %eax
    mov %ax, IDT64_ADDR + 16 * 0x80 + 6
    movw $0xee01, IDT64_ADDR + 16 * 0x80 + 4
    /* The 64-bit call gate (DPL 3) to SEL_CODE64:gate64. */
    mov $ABS(gate64), %eax
    mov %ax, GDT_ADDR + 0x50
    movw $SEL_CODE64, GDT_ADDR + 0x52
    movw $0xec00, GDT_ADDR + 0x54
    shr $16, %eax
    mov %ax, GDT_ADDR + 0x56
    movq $0, GDT_ADDR + 0x58
    movq $0, REC + 0x100
    movw $SEL_GATE64, REC + 0x108

    pushq $SEL_UDATA
    pushq $USTACK
    pushfq
    pushq $SEL_UCODE64
    lea user64(%rip), %rax
    push %rax
    iretq
user64:
    mov %cs, %eax
    mov %rax, REC + 0x00
    mov %ss, %eax
    mov %rax, REC + 0x08
    std
    syscall
after_syscall:
    pushfq
    pop %rax
    mov %rax, REC + 0x10
    cld
    mov %cs, %eax
    mov %rax, REC + 0x18
    mov %rsp, REC + 0x20
    int $0x80
    mov %rax, REC + 0x28
    mov %rsp, REC + 0x30
    mov $REC + 0x100, %eax
    .byte 0x48, 0xff, 0x18              /* rex.W lcall *(%rax) */
    mov %rsp, REC + 0x38
    mov %cs, %eax
    mov %rax, REC + 0x40
    EXPECT k_after_gp
    int3
    FAIL64 int3-dpl0-no-exception
    jmp finish64

syscall64:
    mov %rcx, REC + 0x80
    mov %r11, REC + 0x88
    pushfq
    pop %rax
    mov %rax, REC + 0x90
    mov %cs, %eax
    mov %rax, REC + 0x98
    mov %ss, %eax
    mov %rax, REC + 0xa0
    mov %rsp, REC + 0xa8
    mov %rcx, %r12
    swapgs
    mov $0xc0000101, %ecx
    rdmsr
    mov %rax, REC + 0xb0
    swapgs
    mov %r12, %rcx
    sysretq

int80_64:
    mov %rsp, REC + 0xc0
    mov 32(%rsp), %rax
    mov %rax, REC + 0xc8
    mov 8(%rsp), %rax
    mov %rax, REC + 0xd0
    mov $0x80, %eax
    iretq

gate64:
    mov %rsp, REC + 0xe0
    mov 8(%rsp), %rax
    mov %rax, REC + 0xe8
    mov 16(%rsp), %rax
    mov %rax, REC + 0xf0
    mov 24(%rsp), %rax
    mov %rax, REC + 0xf8
    mov %ss, %eax
    mov %rax, REC + 0x110
    lretq

nmi_handler:
    push %rax
    push %rcx
    incl REC + 0x304
    mov REC + 0x304, %eax
    cmp REC + 0x308, %eax
    jbe 1f
    mov %eax, REC + 0x308
1:  incl REC + 0x300
    cmpl $1, REC + 0x300
    jne 2f
    push %rdi
    mov $LAPIC_BASE, %edi
    movl $0x44400, LAPIC_ICR_LO(%rdi)
    pop %rdi
    mov $100000, %ecx                   /* room for it to (wrongly) nest */
1:  loop 1b
2:  decl REC + 0x304
    pop %rcx
    pop %rax
    iretq

k_after_gp:
    DISARM
    CHECK64 iretq-cs, REC + 0x00, $SEL_UCODE64
    CHECK64 iretq-ss, REC + 0x08, $SEL_UDATA
    OK64 iretq-user
    mov REC + 0x80, %rax
    lea after_syscall(%rip), %rdx
    NAME64 syscall-rcx
    call check64
    mov REC + 0x88, %rax
    and $0x400, %eax
    CHECK64 syscall-r11-df, %rax, $0x400
    mov REC + 0x90, %rax
    and $0x400, %eax
    CHECK64 syscall-fmask-df, %rax, $0
    CHECK64 syscall-cs, REC + 0x98, $SEL_CODE64
    CHECK64 syscall-ss, REC + 0xa0, $SEL_KDATA
    CHECK64 syscall-rsp, REC + 0xa8, $USTACK
    CHECK64 swapgs-base, REC + 0xb0, $0x2222
    mov $0xc0000101, %ecx
    rdmsr
    CHECK64 swapgs-back, %rax, $0x1111
    mov REC + 0x10, %rax
    and $0x400, %eax
    CHECK64 sysret-df, %rax, $0x400
    CHECK64 sysret-cs, REC + 0x18, $SEL_UCODE64
    CHECK64 sysret-rsp, REC + 0x20, $USTACK
    OK64 syscall64
    CHECK64 int80-ist-rsp, REC + 0xc0, $(IST1_TOP - 40)
    CHECK64 int80-old-ss, REC + 0xc8, $SEL_UDATA
    CHECK64 int80-old-cs, REC + 0xd0, $SEL_UCODE64
    CHECK64 int80-ret, REC + 0x28, $0x80
    CHECK64 int80-user-rsp, REC + 0x30, $USTACK
    OK64 int80-ist
    CHECK64 gate64-rsp, REC + 0xe0, $(KSTACK - 32)
    CHECK64 gate64-old-cs, REC + 0xe8, $SEL_UCODE64
    CHECK64 gate64-old-rsp, REC + 0xf0, $USTACK
    CHECK64 gate64-old-ss, REC + 0xf8, $SEL_UDATA
    CHECK64 gate64-null-ss, REC + 0x110, $0
    CHECK64 lretq-rsp, REC + 0x38, $USTACK
    CHECK64 lretq-cs, REC + 0x40, $SEL_UCODE64
    OK64 call-gate64
    CHECK64 int3-gp-vec, EX_VEC, $13
    movl EX_ERR, %eax
    CHECK64 int3-gp-err, %rax, $(3 * 8 + 2)
    CHECK64 int3-gp-cs, EX_CS, $SEL_UCODE64
    OK64 int3-dpl0

    /* Feature-gated instructions: exercised when CPUID advertises them,
     * #UD otherwise. */
    mov $0x80000001, %eax
    cpuid
    bt $27, %edx
    jnc 1f
    WRMSR64 0xc0000103, 0, 0x1234       /* TSC_AUX */
    rdtscp
    CHECK64 rdtscp-aux, %rcx, $0x1234
    OK64 rdtscp
    jmp 2f
1:  EXPECT 3f
    rdtscp
    FAIL64 rdtscp-no-exception
3:  CHECK64 rdtscp-ud, EX_VEC, $6
    OK64 rdtscp-absent
2:  mov $7, %eax
    xor %ecx, %ecx
    cpuid
    mov %ebx, REC + 0x200
    mov %ecx, REC + 0x208
    bt $0, %ebx
    jnc 1f
    mov %cr4, %rax
    or $0x10000, %eax                   /* CR4.FSGSBASE */
    mov %rax, %cr4
    mov $0x12345678abcd, %rax
    wrgsbase %rax
    rdgsbase %rax
    mov $0x12345678abcd, %rdx
    NAME64 rdgsbase
    call check64
    mov $0xc0000101, %ecx
    rdmsr
    shl $32, %rdx
    or %rdx, %rax
    mov $0x12345678abcd, %rdx
    NAME64 wrgsbase-msr
    call check64
    EXPECT 3f
    mov $0x8000000000000000, %rax
    wrfsbase %rax
    FAIL64 wrfsbase-noncanonical-no-exception
3:  CHECK64 wrfsbase-noncanonical-gp, EX_VEC, $13
    mov %cr4, %rax
    and $~0x10000, %eax
    mov %rax, %cr4
    EXPECT 3f
    rdfsbase %rax
    FAIL64 rdfsbase-cr4-no-exception
3:  CHECK64 rdfsbase-cr4-ud, EX_VEC, $6
    OK64 fsgsbase
    jmp 2f
1:  EXPECT 3f
    rdfsbase %rax
    FAIL64 rdfsbase-no-exception
3:  CHECK64 rdfsbase-ud, EX_VEC, $6
    OK64 fsgsbase-absent
2:  mov REC + 0x200, %ebx
    bt $20, %ebx
    jnc 1f
    stac
    pushfq
    pop %rax
    and $0x40000, %eax
    CHECK64 stac-ac, %rax, $0x40000
    clac
    pushfq
    pop %rax
    and $0x40000, %eax
    CHECK64 clac-ac, %rax, $0
    OK64 smap-stac-clac
    jmp 2f
1:  EXPECT 3f
    clac
    FAIL64 clac-no-exception
3:  CHECK64 clac-ud, EX_VEC, $6
    OK64 smap-absent
2:  mov REC + 0x208, %ecx
    bt $2, %ecx
    jnc 2f
    mov %cr4, %rax
    or $0x800, %eax                     /* CR4.UMIP */
    mov %rax, %cr4
    EXPECT 3f
    pushq $SEL_UDATA
    pushq $USTACK
    pushfq
    pushq $SEL_UCODE64
    lea 4f(%rip), %rax
    push %rax
    iretq
4:  sgdt REC + 0x210                    /* CPL 3 with UMIP: #GP(0) */
    hlt
3:  mov %cr4, %rax
    and $~0x800, %eax
    mov %rax, %cr4
    CHECK64 umip-sgdt-vec, EX_VEC, $13
    CHECK64 umip-sgdt-cs, EX_CS, $SEL_UCODE64
    lea 4b(%rip), %rdx
    mov EX_IP, %rax
    NAME64 umip-sgdt-rip
    call check64
    OK64 umip
2:
    /* NMI: a self-IPI with delivery mode NMI; the handler sends a second
     * one, which must wait for the handler's IRETQ (NMI blocking). */
    mov $ABS(nmi_handler), %eax
    mov %ax, IDT64_ADDR + 16 * 2
    shr $16, %eax
    mov %ax, IDT64_ADDR + 16 * 2 + 6
    movl $0, REC + 0x300                /* NMIs taken */
    movl $0, REC + 0x304                /* handler depth */
    movl $0, REC + 0x308                /* deepest nesting seen */
    mov $LAPIC_BASE, %edi
    movl $0x1ff, LAPIC_SVR(%rdi)
    movl $0, LAPIC_ICR_HI(%rdi)
    movl $0x44400, LAPIC_ICR_LO(%rdi)   /* self, NMI */
    mov $10000000, %ecx
1:  cmpl $2, REC + 0x300
    jae 3f
    loop 1b
3:  CHECK64 nmi-count, REC + 0x300, $2
    CHECK64 nmi-not-nested, REC + 0x308, $1
    OK64 nmi-blocking

    /* SYSRETL to compatibility mode, SYSCALL back through CSTAR. */
    mov $ABS(user32), %ecx
    mov $2, %r11d
    sysretl
    .code32
user32:
    mov %cs, %eax
    mov %eax, REC + 0x120
    mov %ss, %eax
    mov %eax, REC + 0x128
    syscall
after_syscall32:
    .code64
syscall32:
    mov $STACK_TOP, %rsp
    mov %cs, %eax
    CHECK64 cstar-cs, %rax, $SEL_CODE64
    mov %rcx, %rax
    lea after_syscall32(%rip), %rdx
    NAME64 cstar-rcx
    call check64
    CHECK64 sysretl-cs, REC + 0x120, $SEL_UCODE32
    CHECK64 sysretl-ss, REC + 0x128, $SEL_UDATA
    OK64 compat-syscall
    jmp finish64

    CPUSTRINGS

    .balign 8
gdt:
    .quad 0
    .quad 0x00cf9a000000ffff            /* 0x08: code, 32-bit */
    .quad 0x00cf92000000ffff            /* 0x10: data */
    .quad 0x00af9a000000ffff            /* 0x18: code, 64-bit */
    .quad 0x00cf92000000ffff            /* 0x20: kernel data (SYSCALL SS) */
    .quad 0x00cffa000000ffff            /* 0x28: user code, 32-bit */
    .quad 0x00cff2000000ffff            /* 0x30: user data */
    .quad 0x00affa000000ffff            /* 0x38: user code, 64-bit */
    .quad 0x00008900c0000067            /* 0x40: 64-bit TSS at 0xc000 */
    .quad 0
    .quad 0                             /* 0x50: call gate (built) */
    .quad 0
gdt_end:
gdtr:
    .word gdt_end - gdt - 1
    .long GDT_ADDR

    RESET_VECTOR start16
