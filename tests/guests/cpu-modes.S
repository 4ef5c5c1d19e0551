/*
 * cpu-modes.S: the operating-mode switches of SDM vol. 3 ch. 9 (9.9
 * "Mode switching", 9.8.5 "Initializing IA-32e mode") and unreal mode.
 * Path: real -> 16-bit protected -> 32-bit protected -> 64-bit ->
 * compatibility -> 64-bit -> 32-bit protected with paging off (IA-32e
 * mode left, 9.8.5.4) -> 16-bit protected -> real -> protected (4 GiB
 * limit into FS) -> real with FS still 4 GiB ("unreal"/big real).
 * In each mode (one "OK <mode>" line each):
 *   - CR0.PE/PG and EFER.LME/LMA are what the mode needs;
 *   - CS holds the selector the far transfer loaded;
 *   - the default operand size is the mode's: a near CALL pushes 2, 4
 *     or 8 bytes (SDM vol. 1 3.6, vol. 3 3.4.5 D/B and L flags);
 *   - EBP and a RAM word set in real mode survive every switch;
 *   - compatibility mode decodes 0x48 as DEC EAX, not as REX.W (vol. 2
 *     2.2.1).
 * Unreal mode: a 32-bit address (0x200000, above 1 MiB) through FS in
 * real mode works after FS got a 4 GiB limit in protected mode; the
 * value is then found at that physical address in protected mode.
 * Any exception: FAIL (real mode: every IVT vector leads to rm_fault).
 * Exit GUEST_OK; FAIL_CODE after a failed check, UNEXPECTED_CODE at once
 * for an exception.
 */
#include "guest.h"
#include "guest-lib.inc"
#include "cpu-lib.inc"

#define SEL_CODE16 0x20                 /* base 0xf0000, 64 KiB, 16-bit */
#define SEL_DATA16 0x28                 /* base 0, 64 KiB, 16-bit */
#define MAGIC_EBP 0x5eed1234
#define MAGIC_MEM 0xa5a55a5a
#define MEM_WORD 0x600
#define UNREAL_ADDR 0x200000
#define UNREAL_MAGIC 0xb16b00b5
#define EFER 0xc0000080

    .text
rom_start:
    LIB16
    LIB32
    LIB64
    CPULIB16
    CPULIB32
    CPULIB64

/* Bytes pushed by a near CALL in the current mode, into EAX. */
.macro CALL_WIDTH16
    mov %sp, %dx
    call .Lc\@
.Lc\@:
    mov %sp, %ax
    add $2, %sp                         /* drop without a sized POP */
    sub %ax, %dx
    movzwl %dx, %eax
    cmp $2, %eax
    je .Ld\@
    add $2, %sp                         /* a 4-byte push: drop the rest */
.Ld\@:
.endm

    .code16
start16:
    SETUP16
    RESET_GUARD16
    xor %ax, %ax
    mov %ax, %es
    xor %di, %di                        /* IVT: every vector -> rm_fault */
    mov $256, %cx
1:  movw $OFF(rm_fault), %es:(%di)
    movw $ROM_SEG, %es:2(%di)
    add $4, %di
    loop 1b
    mov $MAGIC_EBP, %ebp
    movl $MAGIC_MEM, %es:MEM_WORD
    mov %cr0, %eax
    and $1, %eax
    CHECK16 real-cr0.pe, %eax, $0
    CALL_WIDTH16
    CHECK16 real-call-width, %eax, $2
    OK16 real

    /* Real -> 16-bit protected (9.9.1): GDT in RAM, PE, far jump. */
    mov $OFF(gdt), %si
    mov $GDT_ADDR, %di
    mov $(gdt_end - gdt), %cx
    rep movsb
    lgdtl %cs:OFF(gdtr)
    mov %cr0, %eax
    or $1, %eax
    mov %eax, %cr0
    ljmp $SEL_CODE16, $OFF(pm16)
pm16:
    mov %cr0, %eax
    and $1, %eax
    CHECK16 pm16-cr0.pe, %eax, $1
    mov %cs, %ax
    movzwl %ax, %eax
    CHECK16 pm16-cs, %eax, $SEL_CODE16
    CALL_WIDTH16
    CHECK16 pm16-call-width, %eax, $2
    CHECK16 pm16-ebp, %ebp, $MAGIC_EBP
    CHECK16 pm16-mem, %es:MEM_WORD, $MAGIC_MEM
    OK16 pm16

    /* 16-bit -> 32-bit protected: a far jump to a D=1 code segment. */
    ljmpl $SEL_CODE32, $ABS(pm32)
    .code32
pm32:
    mov $SEL_DATA, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $STACK_TOP, %esp
    mov %cs, %ax
    movzwl %ax, %eax
    CHECK32 pm32-cs, %eax, $SEL_CODE32
    mov %esp, %edx
    call 1f
1:  mov %esp, %eax
    mov %edx, %esp
    sub %eax, %edx
    CHECK32 pm32-call-width, %edx, $4
    CHECK32 pm32-ebp, %ebp, $MAGIC_EBP
    CHECK32 pm32-mem, MEM_WORD, $MAGIC_MEM
    OK32 pm32

    /* 32-bit -> IA-32e (9.8.5): PAE, CR3, EFER.LME, PG, far jump. */
    IDMAP4G PAGE_TABLES
    mov $PAGE_TABLES, %eax
    mov %eax, %cr3
    mov %cr4, %eax
    or $0x20, %eax
    mov %eax, %cr4
    mov $EFER, %ecx
    rdmsr
    or $0x100, %eax
    wrmsr
    mov %cr0, %eax
    or $0x80000000, %eax
    mov %eax, %cr0
    ljmp $SEL_CODE64, $ABS(lm64)
    .code64
lm64:
    mov $EFER, %ecx
    rdmsr
    and $0x500, %eax
    CHECK64 long64-efer.lme.lma, %rax, $0x500
    mov %cs, %eax
    movzwl %ax, %eax
    CHECK64 long64-cs, %rax, $SEL_CODE64
    mov %rsp, %rdx
    call 1f
1:  mov %rsp, %rax
    mov %rdx, %rsp
    sub %rax, %rdx
    CHECK64 long64-call-width, %rdx, $8
    mov %ebp, %eax
    CHECK64 long64-ebp, %rax, $MAGIC_EBP
    movl MEM_WORD, %eax
    CHECK64 long64-mem, %rax, $MAGIC_MEM
    mov $0x0123456789abcdef, %rax       /* 64-bit registers */
    mov %rax, %r9
    ror $32, %r9
    mov $0x89abcdef01234567, %rdx
    NAME64 long64-r9
    mov %r9, %rax
    call check64
    OK64 long64

    /* 64-bit -> compatibility mode: far return to an L=0 code segment. */
    pushq $SEL_CODE32
    lea compat(%rip), %rax
    push %rax
    lretq
    .code32
compat:
    mov $EFER, %ecx
    rdmsr
    and $0x500, %eax
    CHECK32 compat-efer.lma, %eax, $0x500
    mov %cs, %ax
    movzwl %ax, %eax
    CHECK32 compat-cs, %eax, $SEL_CODE32
    mov $5, %eax
    .byte 0x48                          /* DEC EAX here, REX.W in 64-bit */
    nop
    CHECK32 compat-dec-eax, %eax, $4
    CHECK32 compat-ebp, %ebp, $MAGIC_EBP
    OK32 compat32

    /* Compatibility -> 64-bit: a direct far jump (valid outside 64-bit). */
    ljmp $SEL_CODE64, $ABS(lm64b)
    .code64
lm64b:
    mov %cs, %eax
    movzwl %ax, %eax
    CHECK64 long64b-cs, %rax, $SEL_CODE64
    mov $5, %eax
    .byte 0x48                          /* REX.W: the NOP stays a NOP */
    nop
    CHECK64 long64b-rex, %rax, $5
    mov %ebp, %eax
    CHECK64 long64b-ebp, %rax, $MAGIC_EBP
    OK64 long64-again

    /* Leave IA-32e mode (9.8.5.4): to compatibility mode, PG off, LME
     * off; the CPU is then in 32-bit protected mode. */
    pushq $SEL_CODE32
    lea leave32(%rip), %rax
    push %rax
    lretq
    .code32
leave32:
    mov %cr0, %eax
    and $~0x80000000, %eax
    mov %eax, %cr0
    mov $EFER, %ecx
    rdmsr
    and $~0x100, %eax
    wrmsr
    mov %cr4, %eax
    and $~0x20, %eax
    mov %eax, %cr4
    rdmsr
    and $0x500, %eax
    CHECK32 pm32b-efer, %eax, $0
    mov %cr0, %eax
    and $0x80000001, %eax
    CHECK32 pm32b-cr0, %eax, $1
    mov %esp, %edx
    call 1f
1:  mov %esp, %eax
    mov %edx, %esp
    sub %eax, %edx
    CHECK32 pm32b-call-width, %edx, $4
    CHECK32 pm32b-ebp, %ebp, $MAGIC_EBP
    CHECK32 pm32b-mem, MEM_WORD, $MAGIC_MEM
    OK32 pm32-again

    /* Back to real mode (9.9.2): 16-bit code segment, 64 KiB data
     * segments, PE off, far jump to a real-mode CS. */
    ljmp $SEL_CODE16, $OFF(pm16b)
    .code16
pm16b:
    mov $SEL_DATA16, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov %ax, %fs
    mov %ax, %gs
    mov %cr0, %eax
    and $~1, %eax
    mov %eax, %cr0
    ljmp $ROM_SEG, $OFF(real2)
real2:
    xor %ax, %ax
    mov %ax, %ss
    mov %ax, %es
    mov $STACK_TOP, %sp
    mov $ROM_SEG, %ax
    mov %ax, %ds
    mov %cr0, %eax
    and $1, %eax
    CHECK16 real2-cr0.pe, %eax, $0
    mov %cs, %ax
    movzwl %ax, %eax
    CHECK16 real2-cs, %eax, $ROM_SEG
    CALL_WIDTH16
    CHECK16 real2-call-width, %eax, $2
    CHECK16 real2-ebp, %ebp, $MAGIC_EBP
    CHECK16 real2-mem, %es:MEM_WORD, $MAGIC_MEM
    OK16 real-again

    /* Unreal mode: FS gets the flat 4 GiB data descriptor in protected
     * mode and keeps its limit (and base 0) back in real mode, as long
     * as FS is not reloaded. */
    mov %cr0, %eax
    or $1, %eax
    mov %eax, %cr0
    jmp 1f
1:  mov $SEL_DATA, %bx
    mov %bx, %fs
    and $~1, %eax
    mov %eax, %cr0
    ljmp $ROM_SEG, $OFF(unreal)
unreal:
    mov $UNREAL_ADDR, %edi
    addr32 movl $UNREAL_MAGIC, %fs:(%edi)
    addr32 movl %fs:(%edi), %eax
    CHECK16 unreal-readback, %eax, $UNREAL_MAGIC
    mov %cr0, %eax
    and $1, %eax
    CHECK16 unreal-cr0.pe, %eax, $0
    /* The write went to physical 0x200000: look there in protected mode. */
    mov %cr0, %eax
    or $1, %eax
    mov %eax, %cr0
    ljmpl $SEL_CODE32, $ABS(check_unreal)
    .code32
check_unreal:
    mov $SEL_DATA, %ax
    mov %ax, %ds
    mov %ax, %ss
    mov $STACK_TOP, %esp
    CHECK32 unreal-physical, UNREAL_ADDR, $UNREAL_MAGIC
    OK32 unreal
    jmp finish32

    .code16
rm_fault:
    NAME16 real-mode-exception
    push %bp
    mov %sp, %bp
    movzwl 2(%bp), %eax                 /* the IP the exception pushed */
    xor %edx, %edx
    mov $OFF(str_unexp), %si
    call puts16
    call hex32_16
    mov $'\n', %al
    call putc16
    EXIT16 UNEXPECTED_CODE

    CPUSTRINGS

    .balign 8
gdt:
    .quad 0
    .quad 0x00cf9a000000ffff            /* 0x08: code, 32-bit, 4 GiB */
    .quad 0x00cf92000000ffff            /* 0x10: data, 4 GiB */
    .quad 0x00af9a000000ffff            /* 0x18: code, 64-bit */
    .quad 0x00009a0f0000ffff            /* 0x20: code, 16-bit, base f0000 */
    .quad 0x000092000000ffff            /* 0x28: data, 16-bit, 64 KiB */
gdt_end:
gdtr:
    .word gdt_end - gdt - 1
    .long GDT_ADDR

    RESET_VECTOR start16
