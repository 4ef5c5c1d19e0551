/*
 * vmport.S: calls the VMware backdoor (I/O port 0x5658, "vmport") as
 * guest tools do: IN EAX from port 0x5658 with the magic 0x564D5868 in
 * EAX and the command in ECX; the device answers in the registers.
 * Checks (flat 32-bit mode; run with -m 256):
 *   GETVERSION (10): EAX = 6, EBX = magic, ECX = 2 (ESX server)
 *   GETRAMSIZE (20): EAX = 256 MiB, EBX = 0x1177
 *   a wrong magic: EAX = all ones, EBX unchanged
 *   the vmmouse: STATUS (40) 0xffff0000 (disabled), COMMAND (41) READ_ID,
 *   STATUS 1 (one word queued), DATA (39) of 1 word: the version "JUB4"
 * Prints "vmport: eax=... ebx=... ecx=..." for GETVERSION, then "OK
 * vmport" and exits GUEST_OK; a failed check prints "FAIL <what>" and
 * exits with its number.  Under KVM the registers travel through the
 * vCPU's state written back after the I/O exit.
 */
#include "guest.h"
#include "guest-lib.inc"

#define VMPORT_PORT 0x5658
#define VMPORT_MAGIC 0x564D5868
#define JUNK 0x11111111

    .text
rom_start:
    LIB16
    LIB32
    GUEST_GDT

/* Backdoor call: EAX = magic, ECX = \cmd, EBX = \ebx, IN EAX, DX. */
.macro BACKDOOR cmd, ebx
    mov $VMPORT_MAGIC, %eax
    mov $\ebx, %ebx
    mov $\cmd, %ecx
    mov $VMPORT_PORT, %edx
    in %dx, %eax
.endm

/* Compare a register with a value; on a mismatch, fail with code. */
.macro CHECK reg, value, code, msg
    cmp $\value, \reg
    je .Lok\@
    PRINT32 \msg
    EXIT32 \code
.Lok\@:
.endm

    .code16
start16:
    SETUP16
    ENTER_PM32 pm32

    BACKDOOR 10, JUNK
    mov %eax, %edi
    PRINT32 msg_regs
    mov %edi, %eax
    call puthex32
    PRINT32 msg_ebx
    mov %ebx, %eax
    call puthex32
    PRINT32 msg_ecx
    mov %ecx, %eax
    call puthex32
    mov $'\n', %al
    call putc32
    CHECK %edi, 6, 1, fail_version
    CHECK %ebx, VMPORT_MAGIC, 2, fail_magic
    CHECK %ecx, 2, 3, fail_type

    BACKDOOR 20, JUNK
    CHECK %eax, 0x10000000, 4, fail_ramsize
    CHECK %ebx, 0x1177, 5, fail_ramsize_ebx

    mov $0x12345678, %eax
    mov $JUNK, %ebx
    mov $10, %ecx
    mov $VMPORT_PORT, %edx
    in %dx, %eax
    CHECK %eax, 0xffffffff, 6, fail_wrong_magic
    CHECK %ebx, JUNK, 7, fail_wrong_magic

    BACKDOOR 40, JUNK
    CHECK %eax, 0xffff0000, 8, fail_mouse_status
    BACKDOOR 41, 0x45414552
    BACKDOOR 40, JUNK
    CHECK %eax, 1, 9, fail_mouse_status
    BACKDOOR 39, 1
    CHECK %eax, 0x3442554a, 10, fail_mouse_data

    PRINT32 msg_ok
    EXIT32 GUEST_OK

msg_regs:
    .asciz "vmport: eax="
msg_ebx:
    .asciz " ebx="
msg_ecx:
    .asciz " ecx="
msg_ok:
    .asciz "OK vmport\n"
fail_version:
    .asciz "FAIL GETVERSION eax\n"
fail_magic:
    .asciz "FAIL GETVERSION ebx\n"
fail_type:
    .asciz "FAIL GETVERSION ecx\n"
fail_ramsize:
    .asciz "FAIL GETRAMSIZE eax\n"
fail_ramsize_ebx:
    .asciz "FAIL GETRAMSIZE ebx\n"
fail_wrong_magic:
    .asciz "FAIL wrong magic\n"
fail_mouse_status:
    .asciz "FAIL vmmouse status\n"
fail_mouse_data:
    .asciz "FAIL vmmouse data\n"

    RESET_VECTOR start16
