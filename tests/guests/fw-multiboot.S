/*
 * fw-multiboot.S: a Multiboot (v1) ELF32 kernel that reports what the
 * boot loader and the firmware handed it, one line per fact, on COM1:
 *   - the Multiboot information (Multiboot Specification 0.6.96, 3.3):
 *     EAX magic, flags, mem_lower/mem_upper, the command line, each
 *     module's string, size and first bytes, the memory map entries;
 *   - SMBIOS (DSP0134 2.8, 5.2.1 entry point "_SM_" on a 16-byte boundary
 *     in 0xF0000-0xFFFFF; 6.1.3 string sets; 7.2 the type 1 structure):
 *     the type 1 strings and UUID bytes;
 *   - ACPI (ACPI 6.3, 5.2.5.1 the RSDP on a 16-byte boundary in the BIOS
 *     area 0xE0000-0xFFFFF; 5.2.5.3 its 20-byte checksum; 5.2.7 the RSDT;
 *     5.2.9 FADT's FIRMWARE_CTRL at 36 and DSDT at 40): each table's
 *     signature and whether its bytes sum to zero.
 * Then it leaves through isa-debug-exit with GUEST_OK.
 *
 * Built as an ELF32 (gcc -m32 -c, ld -m elf_i386 -N -Ttext 0x100000):
 * addresses are ordinary link-time ones.  With -DMB_AOUT_KLUDGE, the same
 * linked and copied out as a flat image (objcopy -O binary) is an "a.out
 * kludge" kernel: the loader finds where it goes in the header.  No address that depends on the
 * firmware's table placement is printed, so the output of two emulators
 * running the same firmware can be compared line by line.
 */
#include "guest.h"
#include "guest-lib.inc"

#define MB_HDR_MAGIC 0x1badb002
/* Page-aligned modules, memory info; with MB_AOUT_KLUDGE defined, also the
 * header's address fields (3.1.3, flag 16), for a flat image. */
#ifdef MB_AOUT_KLUDGE
#define MB_HDR_FLAGS 0x00010003
#else
#define MB_HDR_FLAGS 0x00000003
#endif

    .text
    .code32
    .globl _start
    .balign 4
mb_header:
    .long MB_HDR_MAGIC
    .long MB_HDR_FLAGS
    .long -(MB_HDR_MAGIC + MB_HDR_FLAGS)
#ifdef MB_AOUT_KLUDGE
    .long mb_header                     /* header_addr */
    .long mb_header                     /* load_addr: the image's start */
    .long image_end                     /* load_end_addr */
    .long image_end                     /* bss_end_addr */
    .long _start                        /* entry_addr */
#endif

_start:
    cli
    cld
    mov $stack_top, %esp
    mov %eax, %ebp                      /* magic */
    mov %ebx, mbi

    mov $s_magic, %esi
    call puts32
    mov %ebp, %eax
    call puthex32
    call newline

    mov mbi, %ebx
    mov $s_flags, %esi
    mov 0(%ebx), %eax
    call field
    mov $s_mem_lower, %esi
    mov 4(%ebx), %eax
    call field
    mov $s_mem_upper, %esi
    mov 8(%ebx), %eax
    call field
    mov $s_cmdline, %esi
    call puts32
    mov 16(%ebx), %esi
    call puts32
    call newline

    /* Modules: {mod_start, mod_end, string, reserved}. */
    mov $s_mods, %esi
    mov 20(%ebx), %eax
    call field
    mov 20(%ebx), %ecx
    mov 24(%ebx), %edi
    test %ecx, %ecx
    jz mods_done
mod_loop:
    mov $s_mod, %esi
    call puts32
    mov 8(%edi), %esi
    call puts32
    mov $s_size, %esi
    call puts32
    mov 4(%edi), %eax
    sub 0(%edi), %eax
    call puthex32
    mov $s_data, %esi
    call puts32
    mov 0(%edi), %esi
    mov 4(%edi), %edx
    sub %esi, %edx
    cmp $8, %edx
    jbe 1f
    mov $8, %edx
1:  test %edx, %edx
    jz 2f
    lodsb
    call puthex8_32
    dec %edx
    jmp 1b
2:  call newline
    add $16, %edi
    loop mod_loop
mods_done:

    /* Memory map: {size, base_addr (64), length (64), type}, each entry
     * followed by the next at entry + size + 4. */
    mov 48(%ebx), %edi                  /* mmap_addr */
    mov 44(%ebx), %edx                  /* mmap_length */
    add %edi, %edx
mmap_loop:
    cmp %edx, %edi
    jae mmap_done
    mov $s_mmap, %esi
    call puts32
    mov 8(%edi), %eax
    call puthex32
    mov 4(%edi), %eax
    call puthex32
    call space
    mov 16(%edi), %eax
    call puthex32
    mov 12(%edi), %eax
    call puthex32
    call space
    mov 20(%edi), %eax
    call puthex32
    call newline
    mov 0(%edi), %eax
    lea 4(%edi, %eax), %edi
    jmp mmap_loop
mmap_done:

    call smbios
    call acpi

    mov $s_done, %esi
    call puts32
    EXIT32 GUEST_OK

/* "NAME hex\n": ESI the name, EAX the value. */
field:
    call puts32
    call puthex32
    jmp newline

newline:
    push %eax
    mov $'\n', %al
    call putc32
    pop %eax
    ret

space:
    push %eax
    mov $' ', %al
    call putc32
    pop %eax
    ret

/* AL = the sum of ECX bytes at ESI (ESI, ECX preserved). */
bytesum:
    push %esi
    push %ecx
    xor %eax, %eax
    test %ecx, %ecx
    jz 2f
1:  add (%esi), %al
    inc %esi
    loop 1b
2:  pop %ecx
    pop %esi
    ret

/* EDI = the first 16-byte aligned address in [ESI, EDX) holding the 4
 * bytes in EAX (a 32-bit compare), or 0. */
scan:
    mov %esi, %edi
1:  cmp %edx, %edi
    jae 2f
    cmp %eax, (%edi)
    je 3f
    add $16, %edi
    jmp 1b
2:  xor %edi, %edi
3:  ret

/* Print "ok" or "BAD" for AL == 0 or not. */
okbad:
    push %esi
    mov $s_ok, %esi
    test %al, %al
    jz 1f
    mov $s_bad, %esi
1:  call puts32
    pop %esi
    ret

/* ---- SMBIOS ---- */

/* ESI = string number AL of the structure at EBX (length at +1), or a
 * pointer to "" for 0 or a missing string. */
smbios_string:
    push %ecx
    movzbl 1(%ebx), %esi
    add %ebx, %esi
    movzbl %al, %ecx
    test %ecx, %ecx
    jz 3f
1:  dec %ecx
    jz 4f
2:  cmpb $0, (%esi)                     /* skip one string */
    je 5f
    inc %esi
    jmp 2b
5:  inc %esi
    cmpb $0, (%esi)                     /* the set's final NUL: missing */
    je 3f
    jmp 1b
3:  mov $s_empty, %esi
4:  pop %ecx
    ret

smbios:
    mov $0xf0000, %esi
    mov $0x100000, %edx
    mov $0x5f4d535f, %eax               /* "_SM_" */
    call scan
    test %edi, %edi
    jnz 1f
    mov $s_no_smbios, %esi
    call puts32
    ret
1:  mov $s_smbios, %esi
    call puts32
    mov %edi, %esi
    movzbl 5(%edi), %ecx                /* entry point length */
    call bytesum
    call okbad
    mov $s_ver, %esi
    call puts32
    mov 6(%edi), %al
    call puthex8_32
    mov 7(%edi), %al
    call puthex8_32
    call newline
    movzwl 0x1c(%edi), %ecx             /* number of structures */
    mov 0x18(%edi), %ebx                /* table address */
    movzwl 0x16(%edi), %edx
    add %ebx, %edx                      /* table end */
smbios_loop:
    test %ecx, %ecx
    jz smbios_done
    cmp %edx, %ebx
    jae smbios_done
    cmpb $127, (%ebx)
    je smbios_done
    cmpb $1, (%ebx)
    jne smbios_next
    push %ecx
    push %edx
    mov $s_t1_manuf, %esi
    mov 4(%ebx), %al
    call t1_string
    mov $s_t1_product, %esi
    mov 5(%ebx), %al
    call t1_string
    mov $s_t1_version, %esi
    mov 6(%ebx), %al
    call t1_string
    mov $s_t1_serial, %esi
    mov 7(%ebx), %al
    call t1_string
    mov $s_t1_uuid, %esi
    call puts32
    lea 8(%ebx), %esi
    mov $16, %ecx
1:  lodsb
    call puthex8_32
    loop 1b
    call newline
    pop %edx
    pop %ecx
smbios_next:
    /* Past the formatted area, then past the string set (double NUL). */
    movzbl 1(%ebx), %eax
    add %eax, %ebx
1:  cmpw $0, (%ebx)
    je 2f
    inc %ebx
    jmp 1b
2:  add $2, %ebx
    dec %ecx
    jmp smbios_loop
smbios_done:
    ret

/* ESI the label, AL the string number of the type 1 structure at EBX. */
t1_string:
    call puts32
    call smbios_string
    call puts32
    jmp newline

/* ---- ACPI ---- */

/* Print "ACPI SIG ok|BAD\n" for the table at EDI (length at +4). */
acpi_table:
    push %esi
    push %ecx
    mov $s_acpi, %esi
    call puts32
    mov 0(%edi), %eax
    call putc32
    shr $8, %eax
    call putc32
    shr $8, %eax
    call putc32
    shr $8, %eax
    call putc32
    call space
    cmpl $0x53434146, (%edi)            /* "FACS": no checksum field */
    jne 1f
    mov $s_nosum, %esi
    call puts32
    jmp 2f
1:  mov %edi, %esi
    mov 4(%edi), %ecx
    call bytesum
    call okbad
2:  call newline
    pop %ecx
    pop %esi
    ret

acpi:
    mov $0xe0000, %esi
    mov $0x100000, %edx
    mov $0x20445352, %eax               /* "RSD " */
1:  call scan
    test %edi, %edi
    jz no_rsdp
    cmpl $0x20525450, 4(%edi)           /* "PTR " */
    je 2f
    lea 16(%edi), %esi
    jmp 1b
no_rsdp:
    mov $s_no_rsdp, %esi
    call puts32
    ret
2:  mov $s_rsdp, %esi
    call puts32
    mov %edi, %esi
    mov $20, %ecx
    call bytesum
    call okbad
    mov $s_rev, %esi
    call puts32
    mov 15(%edi), %al
    call puthex8_32
    call newline
    mov 16(%edi), %edi                  /* RSDT */
    call acpi_table
    mov 4(%edi), %ecx
    sub $36, %ecx
    shr $2, %ecx
    lea 36(%edi), %ebx
3:  test %ecx, %ecx
    jz 5f
    mov (%ebx), %edi
    call acpi_table
    cmpl $0x50434146, (%edi)            /* "FACP": FACS and DSDT too */
    jne 4f
    push %edi
    mov 36(%edi), %edi
    call acpi_table
    pop %edi
    mov 40(%edi), %edi
    call acpi_table
4:  add $4, %ebx
    dec %ecx
    jmp 3b
5:  ret

    LIB32

s_magic:      .asciz "MAGIC "
s_flags:      .asciz "FLAGS "
s_mem_lower:  .asciz "MEM_LOWER "
s_mem_upper:  .asciz "MEM_UPPER "
s_cmdline:    .asciz "CMDLINE "
s_mods:       .asciz "MODS "
s_mod:        .asciz "MOD "
s_size:       .asciz " SIZE "
s_data:       .asciz " DATA "
s_mmap:       .asciz "MMAP "
s_smbios:     .asciz "SMBIOS _SM_ "
s_no_smbios:  .asciz "SMBIOS none\n"
s_ver:        .asciz " VERSION "
s_t1_manuf:   .asciz "T1 MANUFACTURER "
s_t1_product: .asciz "T1 PRODUCT "
s_t1_version: .asciz "T1 VERSION "
s_t1_serial:  .asciz "T1 SERIAL "
s_t1_uuid:    .asciz "T1 UUID "
s_rsdp:       .asciz "RSDP "
s_no_rsdp:    .asciz "RSDP none\n"
s_rev:        .asciz " REVISION "
s_acpi:       .asciz "ACPI "
s_nosum:      .asciz "-"
s_ok:         .asciz "ok"
s_bad:        .asciz "BAD"
s_empty:      .asciz ""
s_done:       .asciz "DONE\n"

    .balign 4
mbi:    .long 0
    .balign 16
stack:  .fill 1024, 1, 0
stack_top:
image_end:
