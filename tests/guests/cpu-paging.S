/*
 * cpu-paging.S: the paging structures of SDM vol. 3 ch. 4, translation
 * through aliases (a virtual page mapped onto RAM the guest also reaches
 * through the identity map), the bits the CPU writes and the TLB rules.
 * IA-32e, 4-level paging (4.5), aliases above 4 GiB:
 *   4l-4k, 4l-2m, 4l-1g   a 4 KiB, 2 MiB and 1 GiB page (1 GiB only when
 *                         CPUID.80000001H:EDX.Page1GB; else "SKIP")
 *   4l-accessed-dirty     A set by a read in the PTE and the PDE, D not;
 *                         D set by a write (4.8); D of a 2 MiB PDE
 *   4l-wp                 a supervisor write to a read-only page works
 *                         with CR0.WP=0, faults #PF(P|W) with WP=1 (4.6)
 *   4l-tlb                with CR4.PGE: a non-global PTE changed without
 *                         INVLPG is seen after a CR3 write; a global one
 *                         after INVLPG; again after CR4.PGE is toggled
 *                         (4.10.4.1).  Whether the global translation
 *                         survived the CR3 write is printed as INFO: the
 *                         architecture allows either (a TLB may drop any
 *                         entry at any time)
 * 32-bit protected mode (IA-32e left; 2-level and PAE paging):
 *   2l-4k, 2l-4m          a 4 KiB page and a 4 MiB page (CR4.PSE, 4.3)
 *   2l-accessed-dirty     A/D in a PTE, D in a 4 MiB PDE
 *   pae-4k, pae-2m        PAE paging (4.4), PDPTEs loaded by the CR3 write
 *   pae-nx                EFER.NXE: a fetch from an XD page is
 *                         #PF(P|I/D), CR2 = the address; with NXE=0 the
 *                         XD bit is reserved: a read is #PF(P|RSVD)
 * (User/supervisor and the other #PF error codes: cpu-exceptions.S.)
 * Exit GUEST_OK; FAIL_CODE after a failed check, UNEXPECTED_CODE for an
 * exception nobody expected.
 */
#include "guest.h"
#include "guest-lib.inc"
#include "cpu-lib.inc"

#define PD_T 0x16000                    /* PDPT[4]: virtual 4 GiB */
#define PT_T 0x17000
#define VA 0x100000000                  /* PT_T's first page */
#define V2M 0x100200000                 /* PD_T[1]: 2 MiB page -> 0x200000 */
#define V1G 0x140000000                 /* PDPT[5]: 1 GiB page -> 0 */
#define PAT(n) (0x5a000000 + (n))       /* patterns */
#define EFER 0xc0000080
/* Legacy tables. */
#define PD32 0x20000
#define PT32 0x21000
#define PDPT_PAE 0x22000
#define PD_PAE0 0x23000
#define PD_PAE3 0x24000
#define PT_PAE 0x25000

    .text
rom_start:
    LIB16
    LIB32
    LIB64
    CPULIB32
    CPULIB64
    EXC64 G64_KCODE64, SEL_DATA
    EXC32 SEL_CODE32

/* Read the dword at \addr (a constant, maybe above 4 GiB) into RAX. */
.macro LOADQ addr
    mov $\addr, %rax
    movl (%rax), %eax
.endm

    .code16
start16:
    SETUP16
    RESET_GUARD16
    ENTER_PM32 start32
    movl $0, EX_RESUME
    ENTER_LM64 lm64, PAGE_TABLES, 0x83
    /* Test structures: PDPT[4] -> PD_T (PD_T[0] -> PT_T, PD_T[1] a
     * 2 MiB page at 0x200000), PDPT[5] a 1 GiB page at 0. */
    mov $PD_T, %edi
    mov $(0x2000 / 4), %ecx
    xor %eax, %eax
    rep stosl
    movq $(PD_T + 3), PAGE_TABLES + 0x1000 + 8 * 4
    movq $(PT_T + 3), PD_T
    movq $(0x200000 + 0x83), PD_T + 8
    movq $(0x300000 + 3), PT_T          /* VA -> 0x300000 */
    movq $(0x301000 + 1), PT_T + 8      /* VA+0x1000 -> 0x301000, RO */
    movq $(0x302000 + 0x103), PT_T + 16 /* VA+0x2000 -> 0x302000, G */
    movq $(0x303000 + 3), PT_T + 24     /* VA+0x3000 -> 0x303000 */
    mov %cr3, %rax
    mov %rax, %cr3

    /* 4 KiB page: both ways through the alias. */
    movl $PAT(1), 0x300010
    LOADQ VA + 0x10
    CHECK64 4l-4k-read, %rax, $PAT(1)
    mov $(VA + 0x14), %rax
    movl $PAT(2), (%rax)
    movl 0x300014, %eax
    CHECK64 4l-4k-write, %rax, $PAT(2)
    OK64 4l-4k
    /* 2 MiB page. */
    movl $PAT(3), 0x201234
    mov $(V2M + 0x1234), %rax
    movl (%rax), %eax
    CHECK64 4l-2m-read, %rax, $PAT(3)
    OK64 4l-2m
    /* 1 GiB page, if the model has them. */
    mov $0x80000001, %eax
    cpuid
    test $(1 << 26), %edx
    jnz 1f
    NAME64 "SKIP 4l-1g (no Page1GB in CPUID)\n"
    call puts64
    jmp 2f
1:  movq $(0 + 0x83), PAGE_TABLES + 0x1000 + 8 * 5
    mov %cr3, %rax
    mov %rax, %cr3
    movl $PAT(4), 0x3ff000
    mov $(V1G + 0x3ff000), %rax
    movl (%rax), %eax
    CHECK64 4l-1g-read, %rax, $PAT(4)
    OK64 4l-1g
2:

    /* Accessed and dirty (4.8): clear them, flush, read, write. */
    andq $~0x60, PT_T
    andq $~0x60, PD_T
    andq $~0x60, PD_T + 8
    mov %cr3, %rax
    mov %rax, %cr3
    LOADQ VA + 0x20
    mov PT_T, %rax
    and $0x60, %eax
    CHECK64 4l-pte-a-after-read, %rax, $0x20
    mov PD_T, %rax
    and $0x20, %eax
    CHECK64 4l-pde-a-after-read, %rax, $0x20
    mov $(VA + 0x20), %rax
    movl $1, (%rax)
    mov PT_T, %rax
    and $0x60, %eax
    CHECK64 4l-pte-d-after-write, %rax, $0x60
    mov $(V2M + 0x40), %rax
    movl (%rax), %ecx
    mov PD_T + 8, %rax
    and $0x60, %eax
    CHECK64 4l-2m-a-after-read, %rax, $0x20
    mov $(V2M + 0x40), %rax
    movl %ecx, (%rax)
    mov PD_T + 8, %rax
    and $0x60, %eax
    CHECK64 4l-2m-d-after-write, %rax, $0x60
    OK64 4l-accessed-dirty

    /* CR0.WP (4.6.1): supervisor writes to a read-only page. */
    mov %cr0, %rax
    and $~0x10000, %eax
    mov %rax, %cr0
    movl $0, 0x301008
    mov $(VA + 0x1008), %rax
    movl $PAT(5), (%rax)
    movl 0x301008, %eax
    CHECK64 4l-wp0-write, %rax, $PAT(5)
    mov %cr0, %rax
    or $0x10000, %eax
    mov %rax, %cr0
    EXPECT 1f
    mov $(VA + 0x100c), %rax
wp1:movl $PAT(6), (%rax)
    FAIL64 4l-wp1-no-exception
1:  CHECK64 4l-wp1-vector, EX_VEC, $14
    CHECK64 4l-wp1-error, EX_ERR, $3
    CHECK64 4l-wp1-cr2, EX_CR2, $(VA + 0x100c)
    OK64 4l-wp

    /* TLB (4.10.4): CR4.PGE, a global and a non-global translation
     * cached, both PTEs moved to other pages without INVLPG. */
    movl $PAT(0x10), 0x302000
    movl $PAT(0x11), 0x304000
    movl $PAT(0x12), 0x303000
    movl $PAT(0x13), 0x305000
    mov %cr4, %rax
    or $0x80, %eax
    mov %rax, %cr4
    LOADQ VA + 0x2000                   /* fill the TLB */
    LOADQ VA + 0x3000
    movq $(0x304000 + 0x103), PT_T + 16
    movq $(0x305000 + 3), PT_T + 24
    mov %cr3, %rax
    mov %rax, %cr3
    LOADQ VA + 0x3000
    CHECK64 4l-tlb-nonglobal-after-cr3, %rax, $PAT(0x13)
    LOADQ VA + 0x2000
    cmp $PAT(0x10), %eax
    NAME64 "INFO 4l-tlb-global-kept-across-cr3 yes\n"
    je 1f
    NAME64 "INFO 4l-tlb-global-kept-across-cr3 no\n"
1:  call puts64
    mov $(VA + 0x2000), %rax
    invlpg (%rax)
    LOADQ VA + 0x2000
    CHECK64 4l-tlb-global-after-invlpg, %rax, $PAT(0x11)
    movq $(0x302000 + 0x103), PT_T + 16
    mov %cr4, %rax
    and $~0x80, %eax
    mov %rax, %cr4
    or $0x80, %eax
    mov %rax, %cr4
    LOADQ VA + 0x2000
    CHECK64 4l-tlb-global-after-pge-toggle, %rax, $PAT(0x10)
    OK64 4l-tlb

    /* Leave IA-32e mode (9.8.5.4) for legacy paging. */
    pushq $SEL_CODE32
    lea legacy(%rip), %rax
    push %rax
    lretq
    .code32
legacy:
    mov %cr0, %eax
    and $~0x80000000, %eax
    mov %eax, %cr0
    mov $EFER, %ecx
    rdmsr
    and $~0x100, %eax
    wrmsr
    mov %cr4, %eax
    and $~0xa0, %eax                    /* PAE, PGE off */
    mov %eax, %cr4
    call exc32_setup

    /* 2-level paging (4.3): PDE[0] -> PT32 (identity 4 KiB pages, but
     * 0x300000 -> 0x301000), PDE[1] a 4 MiB page at 0 (virtual
     * 0x400000), PDE[1023] the top 4 MiB (the ROM). */
    mov $PD32, %edi
    mov $(0x2000 / 4), %ecx
    xor %eax, %eax
    rep stosl
    mov $PT32, %edi
    xor %ecx, %ecx
1:  mov %ecx, %eax
    shl $12, %eax
    or $3, %eax
    mov %eax, (%edi,%ecx,4)
    inc %ecx
    cmp $1024, %ecx
    jne 1b
    movl $(0x301000 + 3), PT32 + 4 * 0x300
    movl $(PT32 + 3), PD32
    movl $(0 + 0x83), PD32 + 4
    movl $(0xffc00000 + 0x83), PD32 + 4 * 1023
    mov %cr4, %eax
    or $0x10, %eax                      /* PSE */
    mov %eax, %cr4
    mov $PD32, %eax
    mov %eax, %cr3
    mov %cr0, %eax
    or $0x80000000, %eax
    mov %eax, %cr0
    movl $PAT(0x20), 0x301010           /* through the identity page */
    CHECK32 2l-4k-read, 0x300010, $PAT(0x20)
    OK32 2l-4k
    movl $PAT(0x21), 0x2abcd0
    CHECK32 2l-4m-read, 0x400000 + 0x2abcd0, $PAT(0x21)
    OK32 2l-4m
    andl $~0x60, PT32 + 4 * 0x300
    andl $~0x60, PD32 + 4
    mov %cr3, %eax
    mov %eax, %cr3
    mov 0x300020, %eax
    mov PT32 + 4 * 0x300, %eax
    and $0x60, %eax
    CHECK32 2l-pte-a-after-read, %eax, $0x20
    movl $1, 0x300020
    mov PT32 + 4 * 0x300, %eax
    and $0x60, %eax
    CHECK32 2l-pte-d-after-write, %eax, $0x60
    movl $1, 0x400000 + 0x2abcd4
    mov PD32 + 4, %eax
    and $0x60, %eax
    CHECK32 2l-4m-d-after-write, %eax, $0x60
    OK32 2l-accessed-dirty

    /* PAE paging (4.4): PDPT[0] -> PD_PAE0 (PDE[0] -> PT_PAE: identity
     * but 0x100000 -> 0x301000; PDE[1] 2 MiB identity; PDE[2] a 2 MiB
     * page at 0 (virtual 0x400000); PDE[3] identity with XD), PDPT[3] ->
     * PD_PAE3 (PDE[511]: the ROM). */
    mov %cr0, %eax
    and $~0x80000000, %eax
    mov %eax, %cr0
    mov $PDPT_PAE, %edi
    mov $(0x4000 / 4), %ecx
    xor %eax, %eax
    rep stosl
    mov $PT_PAE, %edi
    xor %ecx, %ecx
1:  mov %ecx, %eax
    shl $12, %eax
    or $3, %eax
    mov %eax, (%edi,%ecx,8)
    inc %ecx
    cmp $512, %ecx
    jne 1b
    movl $(0x301000 + 3), PT_PAE + 8 * 0x100
    movl $(PD_PAE0 + 1), PDPT_PAE
    movl $(PD_PAE3 + 1), PDPT_PAE + 24
    movl $(PT_PAE + 3), PD_PAE0
    movl $(0x200000 + 0x83), PD_PAE0 + 8
    movl $(0 + 0x83), PD_PAE0 + 16
    movl $(0x600000 + 0x83), PD_PAE0 + 24
    movl $0x80000000, PD_PAE0 + 28      /* XD */
    movl $(0xffe00000 + 0x83), PD_PAE3 + 8 * 511
    mov %cr4, %eax
    or $0x20, %eax
    mov %eax, %cr4
    mov $PDPT_PAE, %eax
    mov %eax, %cr3
    mov $EFER, %ecx
    rdmsr
    or $0x800, %eax                     /* NXE */
    wrmsr
    mov %cr0, %eax
    or $0x80000000, %eax
    mov %eax, %cr0
    movl $PAT(0x30), 0x301030
    CHECK32 pae-4k-read, 0x100030, $PAT(0x30)
    OK32 pae-4k
    movl $PAT(0x31), 0x1ffff0
    CHECK32 pae-2m-read, 0x400000 + 0x1ffff0, $PAT(0x31)
    OK32 pae-2m
    movb $0xc3, 0x600000                /* RET, never executed */
    CHECK32 pae-nx-read, 0x600000, $0xc3
    EXPECT 1f
    mov $0x600000, %eax
    call *%eax
    FAIL32 pae-nx-no-exception
1:  mov $STACK_TOP, %esp
    CHECK32 pae-nx-vector, EX_VEC, $14
    CHECK32 pae-nx-error, EX_ERR, $0x11
    CHECK32 pae-nx-eip, EX_IP, $0x600000
    CHECK32 pae-nx-cr2, EX_CR2, $0x600000
    mov $EFER, %ecx
    rdmsr
    and $~0x800, %eax
    wrmsr
    mov %cr3, %eax                      /* no XD-tagged entry kept */
    mov %eax, %cr3
    EXPECT 1f
nx0:mov 0x600004, %eax
    FAIL32 pae-nxe0-no-exception
1:  CHECK32 pae-nxe0-vector, EX_VEC, $14
    CHECK32 pae-nxe0-error, EX_ERR, $9
    CHECK32 pae-nxe0-eip, EX_IP, $ABS(nx0)
    OK32 pae-nx
    jmp finish32

    CPUSTRINGS
    CPU_GDT64
    RESET_VECTOR start16
