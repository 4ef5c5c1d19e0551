/*
 * fw-bzimage.S: a synthetic Linux bzImage for the boot protocol test.
 * It has the layout of Documentation/x86/boot.rst (protocol 2.15): one
 * setup sector after the boot sector, the real-mode header at 0x1f1 with
 * "HdrS" at 0x202, LOADED_HIGH so the protected-mode part goes to
 * 0x100000, and a 32-bit entry at code32_start.
 *
 * The boot loader enters the setup code in real mode at setup + 0x200
 * ("Running the kernel": CS = setup segment + 0x20, DS = ES = SS = the
 * setup segment).  Like the kernel's own setup code, ours switches to
 * flat 32-bit protected mode (boot.rst "32-bit boot protocol": __BOOT_CS
 * 0x10, __BOOT_DS 0x18, interrupts off) and jumps to code32_start with
 * ESI = the boot_params (here: the setup segment itself, whose first 4 KiB
 * hold the header as the loader patched it).  The 32-bit part prints on
 * COM1 what the loader filled in: type_of_loader, loadflags,
 * heap_end_ptr, the command line at cmd_line_ptr, ramdisk_image and
 * ramdisk_size, the first bytes of the initrd, setup_data; then it leaves
 * through isa-debug-exit with GUEST_OK.
 *
 * Built as a flat image (gcc -c, objcopy -O binary -j .text, as
 * tests/guests/build.sh does): every address is a label difference.
 */
#include "guest.h"
#include "guest-lib.inc"

#define SETUP_SECTS 1
#define PM_BASE 0x100000
#define PM(x) (PM_BASE + (x) - pm_start)
#define SOFF(x) ((x) - image_start)     /* offset from the setup segment */

#define BOOT_CS 0x10
#define BOOT_DS 0x18

    .text
    .code16
image_start:
    .org 0x1f1
    .byte SETUP_SECTS                   /* setup_sects */
    .word 0                             /* root_flags */
    .long (pm_end - pm_start + 15) / 16 /* syssize */
    .word 0                             /* ram_size */
    .word 0xffff                        /* vid_mode: normal */
    .word 0                             /* root_dev */
    .word 0xaa55                        /* boot_flag */
    .org 0x200
hdr_jump:
    .byte 0xeb, setup16 - (. + 2)       /* jump: a short jmp */
    .ascii "HdrS"                       /* header */
    .word 0x020f                        /* version 2.15 */
    .long 0                             /* realmode_swtch */
    .word 0                             /* start_sys_seg */
    .word 0                             /* kernel_version */
    .byte 0                             /* type_of_loader */
    .byte 0x01                          /* loadflags: LOADED_HIGH */
    .word 0                             /* setup_move_size */
    .long PM_BASE                       /* code32_start */
    .long 0                             /* ramdisk_image */
    .long 0                             /* ramdisk_size */
    .long 0                             /* bootsect_kludge */
    .word 0                             /* heap_end_ptr */
    .byte 0                             /* ext_loader_ver */
    .byte 0                             /* ext_loader_type */
    .long 0                             /* cmd_line_ptr */
    .long 0x37ffffff                    /* initrd_addr_max */
    .long 0x200000                      /* kernel_alignment */
    .byte 0                             /* relocatable_kernel */
    .byte 0                             /* min_alignment */
    .word 0                             /* xloadflags */
    .long 2047                          /* cmdline_size */
    .long 0                             /* hardware_subarch */
    .quad 0                             /* hardware_subarch_data */
    .long 0                             /* payload_offset */
    .long 0                             /* payload_length */
    .quad 0                             /* setup_data */
    .quad PM_BASE                       /* pref_address */
    .long pm_end - pm_start             /* init_size */
    .long 0                             /* handover_offset */
    .long 0                             /* kernel_info_offset */

/* Real mode, DS = the setup segment: addresses are SOFF(). */
setup16:
    cli
    cld
    mov %ds, %ax
    movzwl %ax, %esi
    shl $4, %esi                        /* boot_params, linear */
    lea SOFF(bz_gdt)(%esi), %eax
    mov %eax, SOFF(bz_gdtr) + 2
    mov 0x214, %eax                     /* code32_start */
    mov %eax, SOFF(bz_farptr)
    lgdtl SOFF(bz_gdtr)
    mov %cr0, %eax
    or $1, %eax
    mov %eax, %cr0
    ljmpl *SOFF(bz_farptr)


    .balign 8
bz_gdt:
    .quad 0
    .quad 0
    .quad 0x00cf9a000000ffff            /* BOOT_CS: code, 32-bit, 4 GiB */
    .quad 0x00cf92000000ffff            /* BOOT_DS: data, 4 GiB */
bz_gdt_end:
bz_gdtr:
    .word bz_gdt_end - bz_gdt - 1
    .long 0                             /* filled in: linear address */
bz_farptr:
    .long 0                             /* filled in: code32_start */
    .word BOOT_CS


    .org (SETUP_SECTS + 1) * 512
/* The protected-mode part, loaded at PM_BASE. */
    .code32
pm_start:
    mov $BOOT_DS, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    mov $PM(stack_top), %esp
    mov %esi, %ebx

    mov $PM(s_bp), %esi
    call puts32
    mov $PM(s_ok), %esi
    cmpl $0x53726448, 0x202(%ebx)
    je 1f
    mov $PM(s_bad), %esi
1:  call puts32
    call pm_newline

    mov $PM(s_loader), %esi
    movzbl 0x210(%ebx), %eax
    call pm_field
    mov $PM(s_loadflags), %esi
    movzbl 0x211(%ebx), %eax
    call pm_field
    mov $PM(s_heap), %esi
    movzwl 0x224(%ebx), %eax
    call pm_field
    mov $PM(s_cmdline), %esi
    call puts32
    mov 0x228(%ebx), %esi
    call puts32
    call pm_newline
    mov $PM(s_rd_image), %esi
    mov 0x218(%ebx), %eax
    call pm_field
    mov $PM(s_rd_size), %esi
    mov 0x21c(%ebx), %eax
    call pm_field
    mov $PM(s_rd_data), %esi
    call puts32
    mov 0x218(%ebx), %esi
    mov 0x21c(%ebx), %ecx
    cmp $16, %ecx
    jbe 2f
    mov $16, %ecx
2:  jecxz 3f
4:  lodsb
    call puthex8_32
    loop 4b
3:  call pm_newline
    mov $PM(s_setup_data), %esi
    mov 0x254(%ebx), %eax
    call puts32
    call puthex32
    mov 0x250(%ebx), %eax
    call puthex32
    call pm_newline
    mov $PM(s_done), %esi
    call puts32
    EXIT32 GUEST_OK

/* "NAME hex\n": ESI the name, EAX the value. */
pm_field:
    call puts32
    call puthex32
pm_newline:
    push %eax
    mov $'\n', %al
    call putc32
    pop %eax
    ret

    LIB32

s_bp:         .asciz "BOOT_PARAMS HdrS "
s_ok:         .asciz "ok"
s_bad:        .asciz "BAD"
s_loader:     .asciz "TYPE_OF_LOADER "
s_loadflags:  .asciz "LOADFLAGS "
s_heap:       .asciz "HEAP_END_PTR "
s_cmdline:    .asciz "CMDLINE "
s_rd_image:   .asciz "RAMDISK_IMAGE "
s_rd_size:    .asciz "RAMDISK_SIZE "
s_rd_data:    .asciz "RAMDISK_DATA "
s_setup_data: .asciz "SETUP_DATA "
s_done:       .asciz "DONE\n"

    .balign 16
stack:  .fill 512, 1, 0
stack_top:
    .balign 16
pm_end:

/* The 2-byte jump at 0x200 must reach the setup code. */
    .if setup16 - (hdr_jump + 2) > 127
    .error "setup16 is out of reach of the jump at 0x200"
    .endif
