/*
 * cpu-exceptions.S: every exception a guest can provoke, with its vector,
 * error code and saved instruction pointer checked in the handler (SDM
 * vol. 3 ch. 6 "Interrupt and exception handling", 6.15 "Exception and
 * interrupt reference"; table 6-1 for which vectors push an error code,
 * faults saving the faulting EIP and traps the next one).
 * Everything runs in IA-32e mode (compatibility mode for the 32-bit
 * instructions), which KVMs that emulate legacy protected mode in
 * software run best; the #TS checks are in cpu-legacy.S, the exceptions
 * that software interrupt instructions raise (INT3, INTO, INT1, INT n)
 * and BOUND's #BR in cpu-softint.S.  The x87/SSE checks come last (a KVM
 * that emulates x87 instructions may stop there).
 * Compatibility mode (32-bit code, 64-bit IDT), CPL 0:
 *   de-div0, de-idiv   #DE: DIV by 0, IDIV 0x80000000:... / -1 overflow
 *   db-tf              #DB trap after a TF single step, DR6.BS (17.3.1.4)
 *   db-movss-shadow    TF trap held back by MOV SS for one instruction
 *                      (6.8.3 "Masking exceptions ... when switching stacks")
 *   of-into-of0        no #OF from INTO with OF=0
 *   ud-ud2, ud-lock    #UD: UD2; LOCK on a register-destination ADD
 *   nm-ts              #NM: x87 instruction with CR0.TS=1
 *   np-ds              #NP(selector) for a not-present data segment into DS
 *   ss-notpresent      #SS(selector) for a not-present segment into SS
 *   gp-null-ss         #GP(0) for a null selector into SS
 *   gp-gdt-limit       #GP(selector) for a selector beyond the GDT limit
 *   df-np-after-gp     #DF(0): #GP whose gate is not present raises #NP,
 *                      contributory after contributory (table 6-5)
 *   mf-x87             #MF from an unmasked x87 zero divide, CR0.NE=1,
 *                      raised at the next waiting instruction
 *   xm-sse             #XM from an unmasked SSE zero divide, OSXMMEXCPT
 *   ss-limit           #SS(0) for a push past an expand-up SS limit
 *   gp-ds-limit        #GP(0) for a load past DS's limit
 * 64-bit mode (IA-32e, 4-level paging, EFER.NXE, CR0.WP):
 *   pf-*               #PF error code bit combinations (4.7): not present
 *                      read/write (0/2), read-only write with CR0.WP (3),
 *                      reserved bit in a PDE (9/b), NX fetch (11); from
 *                      CPL 3: 4, 6, 5 (supervisor page), 7, d, 15; CR2
 *                      and the saved RIP each time
 *   gp-cpl3-hlt        #GP(0) for HLT at CPL 3
 *   ac-cpl3            #AC(0) for a misaligned load at CPL 3 with CR0.AM
 *                      and RFLAGS.AC
 *   gp-noncanonical    #GP(0) for a non-canonical data address
 *   ss-ist             #SS(0) for a non-canonical stack address, delivered
 *                      on the IST1 stack (6.14.5)
 * (The triple fault is cpu-triple.S.)
 * Exit GUEST_OK; FAIL_CODE after any failed check, UNEXPECTED_CODE at once
 * for an exception nobody expected.
 */
#include "guest.h"
#include "guest-lib.inc"
#include "cpu-lib.inc"

#define SEL_UDATA 0x2b
#define SEL_NP_DATA 0x38                /* present bit clear */
#define SEL_TSS64 0x48
#define SEL_UCODE64 0x5b                /* 0x58 | RPL 3 */
#define SEL_SMALL 0x60                  /* data, limit 0x7fff */
#define SEL_BEYOND 0x1f8                /* past the GDT limit */
#define KSTACK0 0x6800                  /* TSS.ESP0 */
#define BOUNDS (SCRATCH + 0x200)
#define FZERO (SCRATCH + 0x208)
#define FONE (SCRATCH + 0x20c)
#define PT_ADDR 0x30000
#define LM_TABLES 0x20000
#define TESTPAGES 0x400000              /* PDE 2: 4 KiB pages through PT */
#define RSVDPAGE 0x600000               /* PDE 3: 2 MiB page, bit 13 set */
#define EFER 0xc0000080

    .text
rom_start:
    LIB16
    LIB32
    LIB64
    CPULIB32
    CPULIB64
    EXC64 SEL_CODE64, SEL_DATA

/* The record of the last exception is vector vec, error code err and a
 * saved EIP at label ip, the only exception since EXPECT. */
.macro EXC_IS name, vec, err, ip
    CHECK32 \name-vector, EX_VEC, $\vec
    CHECK32 \name-error, EX_ERR, $\err
    CHECK32 \name-eip, EX_IP, $ABS(\ip)
    CHECK32 \name-count, EX_COUNT, $1
.endm
.macro EXC_IS64 name, vec, err, ip
    CHECK64 \name-vector, EX_VEC, $\vec
    movl EX_ERR, %eax                   /* 64-bit code: error zero-extended */
    CHECK64 \name-error, %rax, $\err
    lea \ip(%rip), %rdx
    mov EX_IP, %rax
    NAME64 \name-rip
    call check64
    CHECK64 \name-count, EX_COUNT, $1
.endm

/* IRETQ to 64-bit CPL 3 code at label (user stack USTACK). */
.macro TO_USER64X label
    pushq $SEL_UDATA
    pushq $USTACK
    pushfq
    pushq $SEL_UCODE64
    lea \label(%rip), %rax
    push %rax
    iretq
.endm

    .code16
start16:
    SETUP16
    RESET_GUARD16
    ENTER_PM32 start32
    movl $0, EX_RESUME

    /* IA-32e mode with 4-level paging (4.5): 4 GiB identity-mapped with
     * 2 MiB user pages but for TESTPAGES (a page table: PT[0] not
     * present, PT[1] read-only supervisor, PT[2] RW supervisor, PT[3]
     * read-only user, PT[4] RW user, PT[5] NX supervisor, PT[6] NX user)
     * and RSVDPAGE (a 2 MiB PDE with reserved bit 13 set); EFER.NXE,
     * CR0.WP; a 64-bit TSS with RSP0 and IST1. */
    IDMAP4G LM_TABLES, 0x87
    mov $PT_ADDR, %edi
    mov $(0x1000 / 4), %ecx
    xor %eax, %eax
    rep stosl
    movl $(PT_ADDR + 7), LM_TABLES + 0x2000 + 8 * 2
    movl $(RSVDPAGE + 0x2087), LM_TABLES + 0x2000 + 8 * 3
    movl $(TESTPAGES + 0x1000 + 1), PT_ADDR + 8
    movl $(TESTPAGES + 0x2000 + 3), PT_ADDR + 16
    movl $(TESTPAGES + 0x3000 + 5), PT_ADDR + 24
    movl $(TESTPAGES + 0x4000 + 7), PT_ADDR + 32
    movl $(TESTPAGES + 0x5000 + 3), PT_ADDR + 40
    movl $0x80000000, PT_ADDR + 44
    movl $(TESTPAGES + 0x6000 + 7), PT_ADDR + 48
    movl $0x80000000, PT_ADDR + 52
    mov $LM_TABLES, %eax
    mov %eax, %cr3
    mov %cr4, %eax
    or $0x20, %eax
    mov %eax, %cr4
    mov $EFER, %ecx
    rdmsr
    or $0x900, %eax                     /* LME, NXE */
    wrmsr
    mov %cr0, %eax
    or $0x80010000, %eax                /* PG, WP */
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
    movq $KSTACK0, TSS64_ADDR + 4       /* RSP0 */
    movq $IST1_TOP, TSS64_ADDR + 0x24   /* IST1 */
    mov $SEL_TSS64, %ax
    ltr %ax

    /* Compatibility mode (32-bit code under IA-32e: the legacy
     * instructions and segment checks, exceptions through the 64-bit
     * IDT). */
    pushq $SEL_CODE32
    lea compat(%rip), %rax
    push %rax
    lretq
    .code32
compat:
    /* #DE (6.15 interrupt 0). */
    EXPECTC 1f, SEL_CODE32
    xor %ecx, %ecx
    mov $1, %eax
    xor %edx, %edx
de1:div %ecx
    FAIL32 de-div0-no-exception
1:  EXC_IS de-div0, 0, NO_ERR, de1
    OK32 de-div0
    EXPECTC 1f, SEL_CODE32
    mov $0x80000000, %eax
    mov $0xffffffff, %edx
    mov $-1, %ecx
de2:idiv %ecx
    FAIL32 de-idiv-no-exception
1:  EXC_IS de-idiv, 0, NO_ERR, de2
    OK32 de-idiv

    /* #DB: single step (trap after the instruction following POPF). */
    xor %eax, %eax
    mov %eax, %dr6
    EXPECTC 1f, SEL_CODE32
    pushf
    orl $0x100, (%esp)
    popf
    nop
db1:nop
1:  EXC_IS db-tf, 1, NO_ERR, db1
    mov %dr6, %eax
    and $0x4000, %eax
    CHECK32 db-tf-dr6.bs, %eax, $0x4000
    OK32 db-tf
    /* MOV SS inhibits the single-step trap for one more instruction. */
    EXPECTC 1f, SEL_CODE32
    mov %ss, %ax
    pushf
    orl $0x100, (%esp)
    popf
    mov %ax, %ss
    nop
db3:nop
1:  EXC_IS db-movss-shadow, 1, NO_ERR, db3
    OK32 db-movss-shadow

    /* INTO with OF=0 does nothing (OF=1: cpu-softint.S). */
    EXPECTC 1f, SEL_CODE32
    xor %eax, %eax
    into
1:  CHECK32 of-into-of0-count, EX_COUNT, $0
    OK32 of-into-of0

    /* #UD. */
    EXPECTC 1f, SEL_CODE32
ud1:ud2
1:  EXC_IS ud-ud2, 6, NO_ERR, ud1
    OK32 ud-ud2
    EXPECTC 1f, SEL_CODE32
ud2:.byte 0xf0, 0x01, 0xc3              /* lock add %eax, %ebx */
    FAIL32 ud-lock-no-exception
1:  EXC_IS ud-lock, 6, NO_ERR, ud2
    OK32 ud-lock

    /* #NP: not-present data segment into DS. */
    EXPECTC 1f, SEL_CODE32
    mov $SEL_NP_DATA, %ax
np1:mov %ax, %ds
    FAIL32 np-ds-no-exception
1:  EXC_IS np-ds, 11, SEL_NP_DATA, np1
    mov %ds, %ax
    movzwl %ax, %eax
    CHECK32 np-ds-unchanged, %eax, $SEL_DATA
    OK32 np-ds
    /* #SS(selector): not-present segment into SS. */
    EXPECTC 1f, SEL_CODE32
    mov $SEL_NP_DATA, %ax
ss1:mov %ax, %ss
    FAIL32 ss-no-exception
1:  EXC_IS ss-notpresent, 12, SEL_NP_DATA, ss1
    OK32 ss-notpresent

    /* #GP: null selector into SS; selector beyond the GDT limit. */
    EXPECTC 1f, SEL_CODE32
    xor %eax, %eax
gp1:mov %ax, %ss
    FAIL32 gp-null-ss-no-exception
1:  EXC_IS gp-null-ss, 13, 0, gp1
    OK32 gp-null-ss
    EXPECTC 1f, SEL_CODE32
    mov $SEL_BEYOND, %ax
gp2:mov %ax, %es
    FAIL32 gp-gdt-limit-no-exception
1:  EXC_IS gp-gdt-limit, 13, SEL_BEYOND, gp2
    OK32 gp-gdt-limit

    /* #DF: #GP through a not-present gate 13 gives #NP, a contributory
     * exception during a contributory one: double fault, error code 0
     * (saved EIP undefined: not checked). */
    andb $0x7f, IDT64_ADDR + 16 * 13 + 5
    EXPECTC 1f, SEL_CODE32
    mov $SEL_BEYOND, %ax
    mov %ax, %es
    FAIL32 df-no-exception
1:  orb $0x80, IDT64_ADDR + 16 * 13 + 5
    CHECK32 df-vector, EX_VEC, $8
    CHECK32 df-error, EX_ERR, $0
    CHECK32 df-count, EX_COUNT, $1
    OK32 df-np-after-gp

    /* Segment limits, which compatibility mode enforces (5.3): a push
     * below an expand-up SS limit is #SS(0), a load past DS's limit
     * #GP(0). */
    EXPECTC 1f, SEL_CODE32
    mov $SEL_SMALL, %ax
    mov %ax, %ss
    mov $0x9000, %esp                   /* limit 0x7fff */
sl1:push %eax
    FAIL32 ss-limit-no-exception
1:  mov $SEL_DATA, %ax
    mov %ax, %ss
    mov $STACK_TOP, %esp
    EXC_IS ss-limit, 12, 0, sl1
    OK32 ss-limit
    EXPECTC 1f, SEL_CODE32
    mov $SEL_SMALL, %ax
    mov %ax, %ds
    mov 0x7ffc, %eax                    /* the last dword: fine */
gl1:mov 0x7ffe, %eax
    FAIL32 gp-ds-limit-no-exception
1:  mov $SEL_DATA, %ax
    mov %ax, %ds
    EXC_IS gp-ds-limit, 13, 0, gl1
    OK32 gp-ds-limit
    ljmp $SEL_CODE64, $ABS(back64)
    .code64
back64:
    mov $STACK_TOP, %rsp
    orb $1, IDT64_ADDR + 16 * 12 + 4    /* #SS on IST1 */

    /* #PF error codes (4.7): P, W/R, U/S, RSVD, I/D; CR2. */
    EXPECT 1f
pf1:mov TESTPAGES + 0x10, %eax          /* PT[0]: not present */
    FAIL64 pf-np-read-no-exception
1:  EXC_IS64 pf-np-read, 14, 0, pf1
    CHECK64 pf-np-read-cr2, EX_CR2, $(TESTPAGES + 0x10)
    OK64 pf-np-read
    EXPECT 1f
pf2:movl $1, TESTPAGES + 0x20
    FAIL64 pf-np-write-no-exception
1:  EXC_IS64 pf-np-write, 14, 2, pf2
    CHECK64 pf-np-write-cr2, EX_CR2, $(TESTPAGES + 0x20)
    OK64 pf-np-write
    EXPECT 1f
    mov TESTPAGES + 0x1000, %eax        /* PT[1]: read-only: reads fine */
pf3:movl $1, TESTPAGES + 0x1030         /* CR0.WP: no supervisor write */
    FAIL64 pf-ro-write-no-exception
1:  EXC_IS64 pf-ro-write-wp, 14, 3, pf3
    CHECK64 pf-ro-write-cr2, EX_CR2, $(TESTPAGES + 0x1030)
    OK64 pf-ro-write-wp
    EXPECT 1f
pf4:mov RSVDPAGE + 0x40, %eax
    FAIL64 pf-rsvd-read-no-exception
1:  EXC_IS64 pf-rsvd-read, 14, 9, pf4
    CHECK64 pf-rsvd-read-cr2, EX_CR2, $(RSVDPAGE + 0x40)
    OK64 pf-rsvd-read
    EXPECT 1f
pf5:movl $1, RSVDPAGE + 0x48
    FAIL64 pf-rsvd-write-no-exception
1:  EXC_IS64 pf-rsvd-write, 14, 0xb, pf5
    OK64 pf-rsvd-write
    EXPECT 1f
    mov TESTPAGES + 0x5000, %eax        /* NX page: reads are fine */
    CHECK64 pf-nx-read-count, EX_COUNT, $0
    mov %rsp, EX_NEWSP
    mov $(TESTPAGES + 0x5000), %eax
    call *%rax
    FAIL64 pf-nx-fetch-no-exception
1:  CHECK64 pf-nx-fetch-vector, EX_VEC, $14
    CHECK64 pf-nx-fetch-error, EX_ERR, $0x11
    CHECK64 pf-nx-fetch-rip, EX_IP, $(TESTPAGES + 0x5000)
    CHECK64 pf-nx-fetch-cr2, EX_CR2, $(TESTPAGES + 0x5000)
    OK64 pf-nx-fetch

    /* #PF from CPL 3: U/S = 1 in the error code. */
    EXPECT 1f
    TO_USER64X 2f
2:  mov TESTPAGES + 0x2000, %eax        /* PT[2]: supervisor page */
    hlt
1:  CHECK64 pf-user-sup-read-vector, EX_VEC, $14
    CHECK64 pf-user-sup-read-error, EX_ERR, $5
    CHECK64 pf-user-sup-read-cr2, EX_CR2, $(TESTPAGES + 0x2000)
    OK64 pf-user-sup-read
    EXPECT 1f
    TO_USER64X 2f
2:  mov TESTPAGES + 0x3000, %eax        /* PT[3]: user read-only: fine */
    movl $1, TESTPAGES + 0x3004
    hlt
1:  CHECK64 pf-user-ro-write-vector, EX_VEC, $14
    CHECK64 pf-user-ro-write-error, EX_ERR, $7
    CHECK64 pf-user-ro-write-cr2, EX_CR2, $(TESTPAGES + 0x3004)
    OK64 pf-user-ro-write
    EXPECT 1f
    TO_USER64X 2f
2:  mov TESTPAGES + 0x8, %eax
    hlt
1:  CHECK64 pf-user-np-read-error, EX_ERR, $4
    CHECK64 pf-user-np-read-cr2, EX_CR2, $(TESTPAGES + 0x8)
    OK64 pf-user-np-read
    EXPECT 1f
    TO_USER64X 2f
2:  movl $2, TESTPAGES + 0xc
    hlt
1:  CHECK64 pf-user-np-write-error, EX_ERR, $6
    OK64 pf-user-np-write
    EXPECT 1f
    TO_USER64X 2f
2:  mov RSVDPAGE + 0x80, %eax
    hlt
1:  CHECK64 pf-user-rsvd-read-error, EX_ERR, $0xd
    CHECK64 pf-user-rsvd-read-cr2, EX_CR2, $(RSVDPAGE + 0x80)
    OK64 pf-user-rsvd-read
    EXPECT 1f
    TO_USER64X 2f
2:  movl $0x12345678, TESTPAGES + 0x4000 /* PT[4]: user writable: fine */
    mov $(TESTPAGES + 0x6000), %eax     /* PT[6]: user, NX */
    jmp *%rax
1:  CHECK64 pf-user-nx-fetch-error, EX_ERR, $0x15
    CHECK64 pf-user-nx-fetch-rip, EX_IP, $(TESTPAGES + 0x6000)
    CHECK64 pf-user-nx-fetch-cr2, EX_CR2, $(TESTPAGES + 0x6000)
    movl TESTPAGES + 0x4000, %eax
    CHECK64 pf-user-rw-write, %rax, $0x12345678
    OK64 pf-user-nx-fetch

    /* #GP(0): a privileged instruction at CPL 3. */
    EXPECT 1f
    TO_USER64X gp3
gp3:hlt
1:  EXC_IS64 gp-cpl3-hlt, 13, 0, gp3
    CHECK64 gp-cpl3-hlt-cs, EX_CS, $SEL_UCODE64
    OK64 gp-cpl3-hlt

    /* #AC(0): CR0.AM, RFLAGS.AC, CPL 3, a misaligned 4-byte load. */
    mov %cr0, %rax
    or $0x40000, %eax
    mov %rax, %cr0
    EXPECT 1f
    TO_USER64X 2f
2:  mov SCRATCH + 0x300, %eax           /* aligned: fine */
    pushf
    orl $0x40000, (%rsp)
    popf
    mov SCRATCH + 0x304, %eax
ac1:mov SCRATCH + 0x301, %eax
    hlt
1:  EXC_IS64 ac-cpl3, 17, 0, ac1
    OK64 ac-cpl3

    EXPECT 1f
    mov $0x8000000000000000, %rax
gp64:mov (%rax), %rbx
    FAIL64 gp-noncanonical-no-exception
1:  EXC_IS64 gp-noncanonical, 13, 0, gp64
    OK64 gp-noncanonical

    /* #SS(0) for a non-canonical stack reference: only an IST stack can
     * take it (the interrupted RSP is unusable). */
    orb $1, IDT64_ADDR + 16 * 13 + 4    /* a wrong #GP or #DF: no reset */
    orb $1, IDT64_ADDR + 16 * 8 + 4
    orb $1, IDT64_ADDR + 16 * 14 + 4
    EXPECT 1f
    mov %rsp, %rbx
    mov $0x0000800000000008, %rsp       /* the push writes at 2^47 */
ss64:push %rax
    FAIL64 ss-ist-no-exception
1:  mov %rbx, %rsp
    EXC_IS64 ss-ist, 12, 0, ss64
    CHECK64 ss-ist-stack, EX_SP, $(IST1_TOP - 7 * 8)
    OK64 ss-ist
    /* x87 and SSE exceptions last (a KVM that emulates x87 instructions
     * may stop at them), in compatibility mode again. */
    pushq $SEL_CODE32
    lea compat2(%rip), %rax
    push %rax
    lretq
    .code32
compat2:
    /* #MF: unmasked zero divide (control word ZM = 0), reported at the
     * next waiting x87 instruction, CR0.NE = 1. */
    mov %cr0, %eax
    and $~0x4, %eax
    or $0x22, %eax                      /* MP, NE */
    mov %eax, %cr0
    movl $0, FZERO
    movl $0x3f800000, FONE
    fninit
    pushl $0x037b
    fldcw (%esp)
    add $4, %esp
    EXPECTC 1f, SEL_CODE32
    flds FONE
    fdivs FZERO
mf1:fwait
    FAIL32 mf-no-exception
1:  EXC_IS mf-x87, 16, NO_ERR, mf1
    fnclex
    fninit
    OK32 mf-x87

    /* #XM: unmasked SSE zero divide, CR4.OSFXSR | OSXMMEXCPT. */
    mov %cr4, %eax
    or $0x600, %eax
    mov %eax, %cr4
    pushl $(0x1f80 & ~0x200)
    ldmxcsr (%esp)
    add $4, %esp
    EXPECTC 1f, SEL_CODE32
    xorps %xmm1, %xmm1
    movss FONE, %xmm0
xm1:divss %xmm1, %xmm0
    FAIL32 xm-no-exception
1:  EXC_IS xm-sse, 19, NO_ERR, xm1
    pushl $0x1f80
    ldmxcsr (%esp)
    add $4, %esp
    OK32 xm-sse

    ljmp $SEL_CODE64, $ABS(back64b)
    .code64
back64b:
    mov $STACK_TOP, %rsp
    /* #NM: CR0.TS with an x87 instruction (CR0.EM=0, MP=1); last, as
     * a KVM that emulates it may stop here. */
    mov %cr0, %rax
    and $~0x4, %eax
    or $0x2a, %eax                      /* MP, TS, NE */
    mov %rax, %cr0
    EXPECT 1f
nm1:fld1
    FAIL64 nm-no-exception
1:  EXC_IS64 nm-ts, 7, NO_ERR, nm1
    clts
    OK64 nm-ts
    jmp finish64

    CPUSTRINGS

    .balign 8
gdt:
    .quad 0
    .quad 0x00cf9a000000ffff            /* 0x08: code, 32-bit */
    .quad 0x00cf92000000ffff            /* 0x10: data */
    .quad 0x00af9a000000ffff            /* 0x18: code, 64-bit */
    .quad 0x00cffa000000ffff            /* 0x20: user code, 32-bit */
    .quad 0x00cff2000000ffff            /* 0x28: user data */
    .quad 0                             /* 0x30: unused */
    .quad 0x00cf12000000ffff            /* 0x38: data, not present */
    .quad 0                             /* 0x40: unused */
    .quad 0x00008900c0000067            /* 0x48: 64-bit TSS at 0xc000 */
    .quad 0
    .quad 0x00affa000000ffff            /* 0x58: user code, 64-bit */
    .quad 0x0040920000007fff            /* 0x60: data, limit 0x7fff */
gdt_end:
gdtr:
    .word gdt_end - gdt - 1
    .long GDT_ADDR

    RESET_VECTOR start16
