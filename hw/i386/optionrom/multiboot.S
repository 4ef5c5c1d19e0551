/*
 * multiboot.S: the option ROM that starts a Multiboot (v1) kernel given
 * with -kernel.  Our own code; GNU as syntax, included by
 * hw/i386/x86-optionrom.c like linuxboot.S (see there for the ROM header
 * and how SeaBIOS runs it).
 *
 * The board (hw/i386/x86-multiboot.c) has laid out everything in two
 * fw_cfg items: KERNEL_DATA (the kernel image, then the command lines, the
 * boot loader name, the module list and the modules) for KERNEL_ADDR, and
 * INITRD_DATA (the Multiboot information structure) for INITRD_ADDR,
 * below 1 MiB.  At boot the ROM:
 * - copies both to their addresses with the fw_cfg DMA interface;
 * - builds the memory map the BIOS reports (INT 15h, EAX=E820h) at the
 *   structure's mmap_addr, each entry preceded by its size (20), as the
 *   Multiboot specification 0.6.96, 3.3 "Boot information format" wants,
 *   and stores mmap_length, and mem_lower/mem_upper from the entries at
 *   0 and 1 MiB;
 * - switches to 32-bit protected mode with flat 4 GiB code and data
 *   segments, interrupts off, paging off (3.2 "Machine state") and jumps
 *   to KERNEL_ENTRY with EAX = 0x2BADB002 and EBX = the structure.
 */
    .pushsection .rodata.x86_optionroms, "a"
    .code16
    .globl x86_multiboot_rom
    .globl x86_multiboot_rom_end

    .equ MB_CFG_CTL, 0x510
    .equ MB_CFG_DATA, 0x511
    .equ MB_CFG_DMA_HI, 0x514
    .equ MB_CFG_DMA_LO, 0x518
    .equ MB_KEY_ID, 0x01
    .equ MB_KEY_KERNEL_ADDR, 0x07
    .equ MB_KEY_KERNEL_SIZE, 0x08
    .equ MB_KEY_INITRD_ADDR, 0x0a
    .equ MB_KEY_INITRD_SIZE, 0x0b
    .equ MB_KEY_KERNEL_ENTRY, 0x10
    .equ MB_KEY_KERNEL_DATA, 0x11
    .equ MB_KEY_INITRD_DATA, 0x12
    .equ MB_DMA_SELECT_READ, 0x0a
    .equ MB_MAGIC, 0x2badb002
    .equ MB_SMAP, 0x534d4150
    .equ MB_MMAP_MAX, 0x500              /* room for the map */

    .balign 512
x86_multiboot_rom:
    .byte 0x55, 0xaa
    .byte 0
    lret
    .org x86_multiboot_rom + 0x18
    .word 0
    .word mb_pnp - x86_multiboot_rom
mb_pnp:
    .ascii "$PnP"
    .byte 1
    .byte 2
    .word 0
    .byte 0
    .byte 0
    .long 0
    .word mb_manufacturer - x86_multiboot_rom
    .word mb_product - x86_multiboot_rom
    .byte 0, 0, 0
    .byte 0
    .word 0
    .word 0
    .word mb_bev - x86_multiboot_rom
    .word 0
    .word 0

/* eax = the 32-bit value of legacy key ax. */
mb_read32:
    movw $MB_CFG_CTL, %dx
    outw %ax, %dx
    movw $MB_CFG_DATA, %dx
    movw $4, %cx
1:  inb %dx, %al
    rorl $8, %eax
    loop 1b
    ret

/* DMA: SELECT|READ item ax, ecx bytes to guest address ebx; CF on error. */
mb_dma:
    pushl %ebp
    movzwl %ax, %eax
    shll $16, %eax
    orl $MB_DMA_SELECT_READ, %eax
    bswapl %ebx
    pushl %ebx
    pushl $0
    bswapl %ecx
    pushl %ecx
    bswapl %eax
    pushl %eax
    movzwl %sp, %ebp
    movw %ss, %ax
    movzwl %ax, %eax
    shll $4, %eax
    addl %ebp, %eax
    bswapl %eax
    movl %eax, %ebx
    xorl %eax, %eax
    movw $MB_CFG_DMA_HI, %dx
    outl %eax, %dx
    movl %ebx, %eax
    movw $MB_CFG_DMA_LO, %dx
    outl %eax, %dx
2:  movl (%bp), %eax
    testl $~0x01000000, %eax
    jnz 2b
    addw $16, %sp
    popl %ebp
    testl %eax, %eax
    jz 3f
    stc
    ret
3:  clc
    ret

/* Item bx to the address of key ax, size of key cx (none if 0). */
mb_load:
    pushw %bx
    pushw %cx
    call mb_read32
    movl %eax, %esi
    popw %ax
    call mb_read32
    movl %eax, %ecx
    popw %ax
    jecxz 4f
    movl %esi, %ebx
    jmp mb_dma
4:  clc
    ret

/*
 * The entry at es:di sets mem_lower when it starts at 0 and mem_upper
 * when it starts at 1 MiB (its length in KiB): the structure then
 * reports the RAM the BIOS really leaves free (e.g. 639 KiB below the
 * EBDA) rather than the board's nominal sizes, as on the reference.
 */
mb_mem_sizes:
    cmpl $0, %es:4(%di)
    jne 2f
    movl %es:8(%di), %eax
    movl %es:12(%di), %edx
    shrdl $10, %edx, %eax
    cmpl $0, %es:(%di)
    jne 1f
    movl %eax, %fs:4                    /* mem_lower */
    ret
1:  cmpl $0x100000, %es:(%di)
    jne 2f
    movl %eax, %fs:8                    /* mem_upper */
2:  ret

mb_fail:
    int $0x18
5:  hlt
    jmp 5b

mb_bev:
    cli
    cld
    movw $MB_KEY_ID, %ax
    call mb_read32
    testb $0x02, %al
    jz mb_fail
    movw $MB_KEY_KERNEL_ADDR, %ax
    movw $MB_KEY_KERNEL_SIZE, %cx
    movw $MB_KEY_KERNEL_DATA, %bx
    call mb_load
    jc mb_fail
    movw $MB_KEY_INITRD_ADDR, %ax
    movw $MB_KEY_INITRD_SIZE, %cx
    movw $MB_KEY_INITRD_DATA, %bx
    call mb_load
    jc mb_fail

    /* fs:0 = the information structure (below 1 MiB). */
    movw $MB_KEY_INITRD_ADDR, %ax
    call mb_read32
    pushl %eax                          /* kept for EBX */
    shrl $4, %eax
    movw %ax, %fs
    /* es:di = the map (mmap_addr, at +48), bp = its start. */
    movl %fs:48, %eax
    movw %ax, %di
    andw $0x0f, %di
    shrl $4, %eax
    movw %ax, %es
    movw %di, %bp
    xorl %ebx, %ebx
6:  movl $20, %es:(%di)                 /* the entry's size field */
    addw $4, %di
    movl $0xe820, %eax
    movl $20, %ecx
    movl $MB_SMAP, %edx
    pushw %di
    pushw %bp
    int $0x15
    popw %bp
    popw %di
    jc 7f
    cmpl $MB_SMAP, %eax
    jne 7f
    call mb_mem_sizes
    addw $20, %di
    testl %ebx, %ebx
    jz 8f
    movw %di, %ax
    subw %bp, %ax
    cmpw $MB_MMAP_MAX - 24, %ax
    jb 6b
    jmp 8f
7:  subw $4, %di                        /* that entry did not come */
8:  movw %di, %ax
    subw %bp, %ax
    movzwl %ax, %eax
    movl %eax, %fs:44                   /* mmap_length */

    /* esi = the structure, edi = the entry point. */
    popl %esi
    movw $MB_KEY_KERNEL_ENTRY, %ax
    call mb_read32
    movl %eax, %edi

    /* A flat GDT on the stack: null, code (0x08), data (0x10). */
    pushl $0x00cf9200
    pushl $0x0000ffff
    pushl $0x00cf9a00
    pushl $0x0000ffff
    pushl $0
    pushl $0
    movzwl %sp, %ebp
    movw %ss, %ax
    movzwl %ax, %eax
    shll $4, %eax
    addl %ebp, %eax
    pushl %eax                          /* GDTR base */
    pushw $23                           /* GDTR limit */
    movw %sp, %bp
    lgdtl (%bp)
    /* The far pointer to mb_pm32: linear address of this ROM + offset. */
    movw %cs, %ax
    movzwl %ax, %eax
    shll $4, %eax
    addl $(mb_pm32 - x86_multiboot_rom), %eax
    pushw $0x08
    pushl %eax
    movw %sp, %bp
    movl %cr0, %eax
    orl $1, %eax
    movl %eax, %cr0
    ljmpl *(%bp)

    .code32
mb_pm32:
    movw $0x10, %ax
    movw %ax, %ds
    movw %ax, %es
    movw %ax, %fs
    movw %ax, %gs
    movw %ax, %ss
    movl %esi, %ebx
    movl $MB_MAGIC, %eax
    jmp *%edi
    .code16

mb_manufacturer:
    .asciz "QEMU"
mb_product:
    .asciz "multiboot loader DMA"
x86_multiboot_rom_end:

    .code64
    .popsection
