/*
 * modes.S: real -> protected -> long mode, with port and MMIO access in
 * each.  Steps (one serial line each):
 *   real:   PCI configuration mechanism #1 (ports 0xcf8/0xcfc) reads the
 *           i440FX's vendor/device id 8086:1237 at 00:00.0.
 *   prot32: fw_cfg's signature "QEMU" through ports 0x510/0x511; RAM at
 *           2 MiB written and read back; the IOAPIC version register
 *           (MMIO at 0xfec00000) has 24 redirection entries (max 0x17).
 *   long64: the RAM pattern seen again through 4-level paging (2 MiB
 *           pages identity-mapping 4 GiB), EFER.LMA set, and the local
 *           APIC (MMIO 0xfee00000) answers with version register bits.
 * Exit GUEST_OK; failures: 1 PCI id, 2 fw_cfg, 3 RAM, 4 IOAPIC, 5 long
 * mode, 6 RAM through paging, 7 LAPIC.
 */
#include "guest.h"
#include "guest-lib.inc"

#define PATTERN 0x5aa5c33c
#define RAM_TEST 0x200000

    .text
rom_start:
    LIB16
    LIB32
    LIB64

    .code16
start16:
    SETUP16
    PRINT16 msg_hello
    mov $0xcf8, %dx
    mov $0x80000000, %eax
    out %eax, %dx
    mov $0xcfc, %dx
    in %dx, %eax
    cmp $0x12378086, %eax
    je 1f
    PRINT16 msg_fail_pci
    EXIT16 1
1:  PRINT16 msg_real
    ENTER_PM32 start32

    /* fw_cfg: select key 0 (signature), read 4 bytes from 0x511. */
    mov $0x510, %dx
    xor %ax, %ax
    out %ax, %dx
    mov $0x511, %dx
    mov $4, %ecx
    xor %ebx, %ebx
1:  in %dx, %al
    shl $8, %ebx
    mov %al, %bl
    loop 1b
    cmp $0x51454d55, %ebx               /* "QEMU" read MSB first */
    je 1f
    PRINT32 msg_fail_fwcfg
    EXIT32 2
1:  movl $PATTERN, RAM_TEST
    movl $~PATTERN, RAM_TEST + 4
    cmpl $PATTERN, RAM_TEST
    jne 2f
    cmpl $~PATTERN, RAM_TEST + 4
    je 1f
2:  PRINT32 msg_fail_ram
    EXIT32 3
1:  movl $1, IOAPIC_BASE                /* IOREGSEL = version */
    mov IOAPIC_BASE + 0x10, %eax
    shr $16, %eax
    cmp $0x17, %al
    je 1f
    PRINT32 msg_fail_ioapic
    EXIT32 4
1:  PRINT32 msg_prot

    /* Page tables: PML4 -> PDPT -> 4 page directories of 2 MiB pages. */
    mov $PAGE_TABLES, %edi
    mov $(0x6000 / 4), %ecx
    xor %eax, %eax
    rep stosl
    movl $(PAGE_TABLES + 0x1000 + 3), PAGE_TABLES
    mov $(PAGE_TABLES + 0x1000), %edi
    mov $(PAGE_TABLES + 0x2000 + 3), %eax
    mov $4, %ecx
1:  mov %eax, (%edi)
    add $0x1000, %eax
    add $8, %edi
    loop 1b
    mov $(PAGE_TABLES + 0x2000), %edi
    xor %ecx, %ecx                      /* 2 MiB page number */
1:  mov %ecx, %eax
    shl $21, %eax
    or $0x83, %eax                      /* present, writable, 2 MiB */
    mov %eax, (%edi)
    mov %ecx, %eax
    shr $11, %eax
    mov %eax, 4(%edi)
    add $8, %edi
    inc %ecx
    cmp $2048, %ecx
    jne 1b
    mov $PAGE_TABLES, %eax
    mov %eax, %cr3
    mov %cr4, %eax
    or $0x20, %eax                      /* PAE */
    mov %eax, %cr4
    mov $0xc0000080, %ecx               /* EFER.LME */
    rdmsr
    or $0x100, %eax
    wrmsr
    mov %cr0, %eax
    or $0x80000000, %eax                /* PG */
    mov %eax, %cr0
    ljmp $SEL_CODE64, $ABS(start64)

    .code64
start64:
    mov $STACK_TOP, %rsp
    mov $0xc0000080, %ecx
    rdmsr
    test $0x400, %eax                   /* EFER.LMA */
    jnz 1f
    PRINT64 msg_fail_long
    EXIT16 5
    .code64
1:  mov $RAM_TEST, %rbx
    mov (%rbx), %rax
    mov $((~PATTERN << 32) | PATTERN), %rcx
    cmp %rcx, %rax
    je 1f
    PRINT64 msg_fail_paging
    EXIT16 6
    .code64
1:  mov $LAPIC_BASE, %rbx
    mov 0x30(%rbx), %eax                /* version: max LVT << 16 | ver */
    and $0xff, %eax
    cmp $0x10, %al
    jae 1f
    PRINT64 msg_fail_lapic
    EXIT16 7
    .code64
1:  PRINT64 msg_long
    EXIT16 GUEST_OK

msg_hello:      .asciz "modes: start\n"
msg_real:       .asciz "real: pci 8086:1237 ok\n"
msg_prot:       .asciz "prot32: fw_cfg QEMU, ram, ioapic ok\n"
msg_long:       .asciz "long64: paging, lapic ok\n"
msg_fail_pci:   .asciz "FAIL pci id\n"
msg_fail_fwcfg: .asciz "FAIL fw_cfg signature\n"
msg_fail_ram:   .asciz "FAIL ram\n"
msg_fail_ioapic: .asciz "FAIL ioapic version\n"
msg_fail_long:  .asciz "FAIL long mode\n"
msg_fail_paging: .asciz "FAIL ram through paging\n"
msg_fail_lapic: .asciz "FAIL lapic version\n"

    GUEST_GDT
    RESET_VECTOR start16
