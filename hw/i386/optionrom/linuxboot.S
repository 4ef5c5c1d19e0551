/*
 * linuxboot.S: the option ROM that boots -kernel/-initrd/-append (Linux
 * boot protocol) for SeaBIOS.  Our own code; GNU as syntax, no C
 * preprocessor: hw/i386/x86-optionrom.c includes it with ".include", so
 * it is assembled with the C file (see docs/firmware.md).
 *
 * How it works
 * - SeaBIOS finds the ROM as fw_cfg file "genroms/linuxboot_dma.bin", runs
 *   its init entry (offset 3: returns at once) and registers the Boot
 *   Entry Vector of its PnP header (BIOS Boot Specification 1.01, appendix
 *   A) as a boot device; "bootorder" lists it first
 *   ("/rom@genroms/linuxboot_dma.bin").  The size byte and the checksums
 *   are set by the C side when the ROM is handed to fw_cfg.
 * - At boot SeaBIOS calls the BEV in real mode.  The ROM reads the
 *   addresses and sizes the board chose from the fw_cfg legacy keys and
 *   has the fw_cfg DMA interface copy the setup code, command line, kernel
 *   and initrd straight to their guest physical addresses (DMA can reach
 *   above 1 MiB, real mode cannot).  The initrd goes against the top of
 *   the RAM the BIOS leaves free (see lb_initrd_addr).
 * - Then it enters the kernel as the boot protocol says (Linux
 *   Documentation/x86/boot: "Running the kernel"): interrupts off, DS = ES
 *   = FS = GS = SS = the real-mode segment (setup address / 16), SP at the
 *   top of the heap, a far jump to segment + 0x20, offset 0.
 * - Any failure (no DMA interface, a DMA error) returns to the BIOS with
 *   INT 18h, "boot failed", so the next boot device is tried.
 */
    .pushsection .rodata.x86_optionroms, "a"
    .code16
    .globl x86_linuxboot_rom
    .globl x86_linuxboot_rom_end

    .equ LB_CFG_CTL, 0x510
    .equ LB_CFG_DATA, 0x511
    .equ LB_CFG_DMA_HI, 0x514
    .equ LB_CFG_DMA_LO, 0x518
    .equ LB_KEY_ID, 0x01
    .equ LB_KEY_KERNEL_ADDR, 0x07
    .equ LB_KEY_KERNEL_SIZE, 0x08
    .equ LB_KEY_INITRD_ADDR, 0x0a
    .equ LB_KEY_INITRD_SIZE, 0x0b
    .equ LB_KEY_KERNEL_DATA, 0x11
    .equ LB_KEY_INITRD_DATA, 0x12
    .equ LB_KEY_CMDLINE_ADDR, 0x13
    .equ LB_KEY_CMDLINE_SIZE, 0x14
    .equ LB_KEY_CMDLINE_DATA, 0x15
    .equ LB_KEY_SETUP_ADDR, 0x16
    .equ LB_KEY_SETUP_SIZE, 0x17
    .equ LB_KEY_SETUP_DATA, 0x18
    .equ LB_DMA_SELECT_READ, 0x0a      /* SELECT | READ */

    .balign 512
x86_linuxboot_rom:
    .byte 0x55, 0xaa
    .byte 0                             /* size / 512: set by the C side */
    lret                                /* init entry: nothing to set up */
    .org x86_linuxboot_rom + 0x18
    .word 0                             /* no PCI data structure */
    .word lb_pnp - x86_linuxboot_rom
lb_pnp:
    .ascii "$PnP"
    .byte 1                             /* revision */
    .byte 2                             /* length / 16 */
    .word 0                             /* no next header */
    .byte 0
    .byte 0                             /* checksum: set by the C side */
    .long 0                             /* device id */
    .word lb_manufacturer - x86_linuxboot_rom
    .word lb_product - x86_linuxboot_rom
    .byte 0, 0, 0                       /* device type */
    .byte 0                             /* device indicators */
    .word 0                             /* BCV */
    .word 0                             /* DV */
    .word lb_bev - x86_linuxboot_rom    /* BEV */
    .word 0
    .word 0

/* eax = the 32-bit little-endian value of legacy key ax (port I/O). */
lb_read32:
    movw $LB_CFG_CTL, %dx
    outw %ax, %dx
    movw $LB_CFG_DATA, %dx
    movw $4, %cx
1:  inb %dx, %al
    rorl $8, %eax
    loop 1b
    ret

/*
 * DMA: SELECT|READ item ax, ecx bytes, to guest address ebx.  The
 * descriptor is built on the stack; its physical address is SS * 16 + SP.
 * CF set on error.
 */
lb_dma:
    pushl %ebp
    movzwl %ax, %eax
    shll $16, %eax
    orl $LB_DMA_SELECT_READ, %eax
    bswapl %ebx
    pushl %ebx                          /* address, low half (BE: 2nd) */
    pushl $0                            /* address, high half */
    bswapl %ecx
    pushl %ecx                          /* length */
    bswapl %eax
    pushl %eax                          /* control */
    movzwl %sp, %ebp
    movw %ss, %ax
    movzwl %ax, %eax
    shll $4, %eax
    addl %ebp, %eax
    bswapl %eax
    movl %eax, %ebx
    xorl %eax, %eax
    movw $LB_CFG_DMA_HI, %dx
    outl %eax, %dx                      /* below 4 GiB */
    movl %ebx, %eax
    movw $LB_CFG_DMA_LO, %dx
    outl %eax, %dx                      /* the transfer runs */
2:  movl %ss:(%bp), %eax                /* wait for control = 0 or error */
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

/* Load item data_key (bx) to the address of addr_key (ax), size size_key
 * (cx); nothing when the size is 0.  CF on error. */
lb_load:
    pushw %bx
    pushw %cx
    call lb_read32
    movl %eax, %esi                     /* address */
    popw %ax
    call lb_read32
    movl %eax, %ecx                     /* size */
    popw %ax                            /* data key */
    jecxz 4f
    movl %esi, %ebx
    jmp lb_dma
4:  clc
    ret

/*
 * ebx = where the initrd of ecx bytes goes.  The board placed it below
 * the top of RAM minus the area it keeps for ACPI; the BIOS knows what it
 * really reserved, so, as the reference's loader does, the ROM moves the
 * initrd up against the top of RAM that INT 15h AX=E801h reports (or
 * against the kernel's initrd_addr_max, 0x37ffffff before protocol 2.03,
 * whichever page is lower), 4 KiB aligned, and patches ramdisk_image in
 * the setup header it has already loaded.  Clobbers eax, edx, fs.
 */
lb_initrd_addr:
    pushl %esi
    pushl %edi
    pushl %ecx
    movw $LB_KEY_SETUP_ADDR, %ax
    call lb_read32
    shrl $4, %eax
    movw %ax, %fs                       /* fs:0 = the setup header */
    movl $0x37fff, %esi                 /* esi = the highest page allowed */
    cmpw $0x203, %fs:0x206
    jb 1f
    movl %fs:0x22c, %esi
    shrl $12, %esi
1:  movw $0xe801, %ax
    xorw %bx, %bx
    xorw %cx, %cx
    xorw %dx, %dx
    int $0x15
    jc 4f
    jcxz 2f                             /* some BIOSes answer in AX/BX only */
    movw %cx, %ax
    movw %dx, %bx
2:  movzwl %bx, %edi
    testl %edi, %edi
    jz 3f
    shll $16, %edi                      /* 64 KiB blocks above 16 MiB */
    addl $0x1000000, %edi
    jmp 5f
3:  movzwl %ax, %edi
    shll $10, %edi                      /* KiB between 1 and 16 MiB */
    addl $0x100000, %edi
5:  shrl $12, %edi
    cmpl %esi, %edi
    jae 4f
    movl %edi, %esi
4:  movw $LB_KEY_INITRD_ADDR, %ax
    call lb_read32
    movl %eax, %ebx
    popl %ecx
    pushl %ecx
    addl %ecx, %eax
    shrl $12, %eax                      /* the page the initrd ends in */
    testl %esi, %esi
    jz 6f
    cmpl %esi, %eax
    je 6f
    movl %esi, %ebx
    shll $12, %ebx
    subl %ecx, %ebx
    andl $~0xfff, %ebx
    movl %ebx, %fs:0x218                /* ramdisk_image */
6:  popl %ecx
    popl %edi
    popl %esi
    ret

lb_fail:
    int $0x18
5:  hlt
    jmp 5b

lb_bev:
    cli
    cld
    /* The DMA interface must be there (FW_CFG_ID bit 1). */
    movw $LB_KEY_ID, %ax
    call lb_read32
    testb $0x02, %al
    jz lb_fail

    movw $LB_KEY_SETUP_ADDR, %ax
    movw $LB_KEY_SETUP_SIZE, %cx
    movw $LB_KEY_SETUP_DATA, %bx
    call lb_load
    jc lb_fail
    movw $LB_KEY_CMDLINE_ADDR, %ax
    movw $LB_KEY_CMDLINE_SIZE, %cx
    movw $LB_KEY_CMDLINE_DATA, %bx
    call lb_load
    jc lb_fail
    movw $LB_KEY_KERNEL_ADDR, %ax
    movw $LB_KEY_KERNEL_SIZE, %cx
    movw $LB_KEY_KERNEL_DATA, %bx
    call lb_load
    jc lb_fail
    movw $LB_KEY_INITRD_SIZE, %ax
    call lb_read32
    movl %eax, %ecx
    jecxz 7f                            /* no initrd */
    pushl %ecx
    call lb_initrd_addr
    popl %ecx
    movw $LB_KEY_INITRD_DATA, %ax
    call lb_dma
    jc lb_fail
7:

    /* edi = setup address, esi = command line address. */
    movw $LB_KEY_SETUP_ADDR, %ax
    call lb_read32
    movl %eax, %edi
    movw $LB_KEY_CMDLINE_ADDR, %ax
    call lb_read32
    movl %eax, %esi
    /* The stack: the top of the heap, just below the command line (at
     * most 64 KiB above the real-mode code), 16-byte aligned. */
    subl %edi, %esi
    cmpl $0x10000, %esi
    jbe 6f
    movl $0x10000, %esi
6:  subl $0x10, %esi
    shrl $4, %edi
    movw %di, %ds
    movw %di, %es
    movw %di, %fs
    movw %di, %gs
    movw %di, %ss
    movw %si, %sp
    addw $0x20, %di
    pushw %di
    pushw $0
    xorl %eax, %eax
    xorl %ebx, %ebx
    xorl %ecx, %ecx
    xorl %edx, %edx
    xorl %esi, %esi
    xorl %edi, %edi
    xorl %ebp, %ebp
    lret                                /* to segment + 0x20 : 0 */

lb_manufacturer:
    .asciz "QEMU"
lb_product:
    .asciz "Linux loader DMA"
x86_linuxboot_rom_end:

    .code64
    .popsection
