/*
 * smm.S: system management mode on the PC board, without firmware
 * (-M pc,smm=on).  In real mode the guest:
 *   - checks that RSM outside SMM raises #UD;
 *   - enables APM SMIs (PIIX4 PM DEVACTB, config 0x5b bit 1 APMC_EN),
 *     opens SMRAM (i440FX config 0x72 = D_OPEN | G_SMRAME | 010b), copies
 *     a relocation handler to 0x38000 (default SMBASE 0x30000 + 0x8000)
 *     and a second handler to 0xa8000, in SMRAM;
 *   - writes APMC (port 0xb2): the first handler records what the SMI
 *     left (revision 0x00020064 at SMBASE + 0xFEFC, the saved RAX at
 *     + 0xFFF8, CS = SMBASE >> 4), moves SMBASE to 0xa0000 through
 *     + 0xFF00 and counts itself in normal RAM, then RSM;
 *   - checks the registers RSM restored;
 *   - closes SMRAM (G_SMRAME only) and raises a second SMI: the handler
 *     in SMRAM runs, writes a marker into SMRAM (0xa0100) and checks
 *     that a self-NMI sent from SMM stays blocked until RSM;
 *   - checks that the marker is invisible outside SMM while SMRAM is
 *     closed (something must cover 0xa0000 in the PCI space, or RAM
 *     shows through, as on the reference: the guest maps the MMIO BAR of
 *     -device pci-testdev,addr=5.0 there), visible once
 *     D_OPEN is set, and hidden again with D_LCK while SMIs still work.
 *     (That D_LCK then freezes D_OPEN is not checked: QEMU 7.2's i440FX
 *     does not implement the lock.)
 * Output: "smm: start", then "OK <check>" per passed check and
 * "FAIL <check> got=... want=..." per failed one (cpu-lib.inc); exit
 * GUEST_OK when all passed, FAIL_CODE otherwise.
 */
#include "guest.h"
#include "guest-lib.inc"
#include "cpu-lib.inc"

/* Normal RAM the handlers and the guest share (SS/DS base 0). */
#define UD_COUNT (SCRATCH + 0x00)
#define SMI1_COUNT (SCRATCH + 0x04)
#define SMI2_COUNT (SCRATCH + 0x08)
#define REV_SEEN (SCRATCH + 0x0c)
#define RAX_SEEN (SCRATCH + 0x10)
#define CS1_SEEN (SCRATCH + 0x14)
#define CS2_SEEN (SCRATCH + 0x18)
#define SMBASE_SEEN (SCRATCH + 0x1c)
#define NMI_COUNT (SCRATCH + 0x20)
#define NMI_IN_SMM (SCRATCH + 0x24)
#define AFTER_EAX (SCRATCH + 0x28)
#define AFTER_EBX (SCRATCH + 0x2c)
#define AFTER_EBP (SCRATCH + 0x30)
#define AFTER_ESP (SCRATCH + 0x34)

/* Chipset registers. */
#define PCI_ADDR 0xcf8
#define PCI_DATA 0xcfc
#define I440FX_SMRAM_ADDR 0x80000070    /* 00:00.0, dword 0x70 */
#define I440FX_SMRAM_PORT (PCI_DATA + 2) /* byte 0x72 */
#define PIIX4_DEVACTB_ADDR 0x80000b58   /* 00:01.3, dword 0x58 */
#define PIIX4_DEVACTB_PORT (PCI_DATA + 3) /* byte 0x5b */
#define TESTDEV_ADDR 0x80002800         /* 00:05.0 (pci-testdev) */
#define APMC_EN 0x02
#define APM_CNT 0xb2
#define SMRAM_OPEN 0x4a                 /* D_OPEN | G_SMRAME | 010b */
#define SMRAM_CLOSED 0x0a               /* G_SMRAME | 010b */
#define SMRAM_LOCKED 0x1a               /* D_LCK | G_SMRAME | 010b */

#define SMRAM_MARKER 0xc0ffee42
#define NEW_SMBASE 0xa0000

    .text
rom_start:
    LIB16
    CPULIB16

/* SMRAM register := \val, then AL = what reads back. */
.macro SMRAM_SET val
    mov $I440FX_SMRAM_ADDR, %eax
    mov $PCI_ADDR, %dx
    out %eax, %dx
    mov $I440FX_SMRAM_PORT, %dx
    mov $\val, %al
    out %al, %dx
    in %dx, %al
.endm

/* Raise an SMI and wait (bounded) until the counter at \count is \n. */
.macro SMI_AND_WAIT count, n
    out %al, $APM_CNT
    mov $0x100000, %ecx
.Lw\@:
    cmpl $\n, %ss:\count
    je .Ld\@
    dec %ecx
    jnz .Lw\@
.Ld\@:
.endm

/* Copy handler \from..\to to segment \seg, offset 0. */
.macro COPY_HANDLER from, to, seg
    mov $\seg, %ax
    mov %ax, %es
    xor %di, %di
    mov $OFF(\from), %si
    mov $(\to - \from), %cx
    rep movsb
.endm

    .code16
start16:
    SETUP16
    RESET_GUARD16
    PRINT16 msg_start
    xor %eax, %eax
    mov $SCRATCH, %di
    mov %ax, %es
    mov $16, %cx
    rep stosl %eax, %es:(%di)

    /* Real-mode #UD and NMI handlers (IVT vectors 6 and 2). */
    movw $OFF(ud_handler), %ss:(6 * 4)
    movw $ROM_SEG, %ss:(6 * 4 + 2)
    movw $OFF(nmi_handler), %ss:(2 * 4)
    movw $ROM_SEG, %ss:(2 * 4 + 2)

    /* RSM is #UD outside SMM. */
    .byte 0x0f, 0xaa
    CHECK16 rsm-outside-smm-ud, %ss:UD_COUNT, $1
    OK16 rsm-outside-smm-ud

    /* APM SMIs on; SMRAM open; the handlers in place. */
    mov $PIIX4_DEVACTB_ADDR, %eax
    mov $PCI_ADDR, %dx
    out %eax, %dx
    mov $PIIX4_DEVACTB_PORT, %dx
    in %dx, %al
    or $APMC_EN, %al
    out %al, %dx
    SMRAM_SET SMRAM_OPEN
    movzbl %al, %eax
    CHECK16 smram-open-reads-back, %eax, $SMRAM_OPEN
    COPY_HANDLER smm_reloc, smm_reloc_end, 0x3800
    COPY_HANDLER smm_main, smm_main_end, (NEW_SMBASE + 0x8000) >> 4
    OK16 smram-open

    /* SMI #1 at the default SMBASE: relocation. */
    mov $0x11223300, %eax
    mov $0xb0b0b0b0, %ebx
    mov $0x0bad0bad, %ebp
    SMI_AND_WAIT SMI1_COUNT, 1
    mov %eax, %ss:AFTER_EAX
    mov %ebx, %ss:AFTER_EBX
    mov %ebp, %ss:AFTER_EBP
    mov %esp, %ss:AFTER_ESP
    CHECK16 smi1-taken, %ss:SMI1_COUNT, $1
    CHECK16 smi1-cs-is-smbase-para, %ss:CS1_SEEN, $0x3000
    CHECK16 smi1-revision-id, %ss:REV_SEEN, $0x00020064
    CHECK16 smi1-saved-rax, %ss:RAX_SEEN, $0x11223300
    OK16 smi-at-default-smbase
    CHECK16 rsm-restores-eax, %ss:AFTER_EAX, $0x11223300
    CHECK16 rsm-restores-ebx, %ss:AFTER_EBX, $0xb0b0b0b0
    CHECK16 rsm-restores-ebp, %ss:AFTER_EBP, $0x0bad0bad
    CHECK16 rsm-restores-esp, %ss:AFTER_ESP, $STACK_TOP
    in $APM_CNT, %al
    movzbl %al, %eax
    CHECK16 apmc-reads-back, %eax, $0x00
    OK16 rsm-restores-state

    /* pci-testdev (00:05.0): its 4 KiB MMIO BAR at 0xa0000. */
    mov $TESTDEV_ADDR, %eax
    mov $PCI_ADDR, %dx
    out %eax, %dx
    mov $PCI_DATA, %dx
    in %dx, %eax
    CHECK16 pci-testdev-at-05.0, %eax, $0x00051b36
    mov $(TESTDEV_ADDR + 0x10), %eax
    mov $PCI_ADDR, %dx
    out %eax, %dx
    mov $PCI_DATA, %dx
    mov $NEW_SMBASE, %eax
    out %eax, %dx
    mov $(TESTDEV_ADDR + 0x04), %eax
    mov $PCI_ADDR, %dx
    out %eax, %dx
    mov $PCI_DATA, %dx
    in %dx, %ax
    or $0x02, %ax                       /* memory space enable */
    out %ax, %dx

    /* SMI #2 at the relocated SMBASE, SMRAM closed. */
    SMRAM_SET SMRAM_CLOSED
    movzbl %al, %eax
    CHECK16 smram-closed-reads-back, %eax, $SMRAM_CLOSED
    SMI_AND_WAIT SMI2_COUNT, 1
    CHECK16 smi2-taken, %ss:SMI2_COUNT, $1
    CHECK16 smi2-cs-is-new-smbase-para, %ss:CS2_SEEN, $(NEW_SMBASE >> 4)
    CHECK16 smi2-smbase-field, %ss:SMBASE_SEEN, $NEW_SMBASE
    OK16 smbase-relocated
    CHECK16 nmi-blocked-in-smm, %ss:NMI_IN_SMM, $0
    mov $0x100000, %ecx
1:  cmpl $1, %ss:NMI_COUNT
    je 2f
    dec %ecx
    jnz 1b
2:  CHECK16 nmi-taken-after-rsm, %ss:NMI_COUNT, $1
    OK16 nmi-blocked-until-rsm

    /*
     * SMRAM contents: SMM only while closed, everyone while open.  The
     * INVLPG drops a translation of the page the CPU may have kept from
     * SMM (the reference keeps it across RSM).
     */
    mov $(NEW_SMBASE >> 4), %ax
    mov %ax, %es
    invlpg %es:0x100
    mov %es:0x100, %eax
    cmp $SMRAM_MARKER, %eax
    setne %al
    movzbl %al, %eax
    CHECK16 smram-hidden-when-closed, %eax, $1
    SMRAM_SET SMRAM_OPEN
    mov $(NEW_SMBASE >> 4), %ax
    mov %ax, %es
    CHECK16 smram-visible-when-open, %es:0x100, $SMRAM_MARKER
    OK16 smram-visibility

    /* D_LCK (with D_OPEN clear): hidden again; SMIs still work. */
    SMRAM_SET SMRAM_LOCKED
    movzbl %al, %eax
    CHECK16 smram-locked-reads-back, %eax, $SMRAM_LOCKED
    mov $(NEW_SMBASE >> 4), %ax
    mov %ax, %es
    mov %es:0x100, %eax
    cmp $SMRAM_MARKER, %eax
    setne %al
    movzbl %al, %eax
    CHECK16 smram-hidden-when-locked, %eax, $1
    SMI_AND_WAIT SMI2_COUNT, 2
    CHECK16 smi-with-smram-locked, %ss:SMI2_COUNT, $2
    OK16 smram-lock

    cmpl $0, %ss:CHECK_FAILED
    jne 3f
    EXIT16 GUEST_OK
3:  EXIT16 FAIL_CODE

/* #UD: skip the two-byte RSM. */
ud_handler:
    push %bp
    mov %sp, %bp
    addw $2, 2(%bp)
    incl %ss:UD_COUNT
    pop %bp
    iret

nmi_handler:
    incl %ss:NMI_COUNT
    iret

/*
 * The SMI handlers run at SMBASE + 0x8000 with CS base SMBASE and the
 * data segments flat (base 0, 4 GiB): plain offsets reach normal RAM,
 * CS: offsets the state-save map.  Position independent.
 */
smm_reloc:
    mov %cs:0xfefc, %eax
    mov %eax, REV_SEEN
    mov %cs:0xfff8, %eax
    mov %eax, RAX_SEEN
    xor %eax, %eax
    mov %cs, %ax
    mov %eax, CS1_SEEN
    movl $NEW_SMBASE, %cs:0xff00
    incl SMI1_COUNT
    .byte 0x0f, 0xaa
smm_reloc_end:

smm_main:
    xor %eax, %eax
    mov %cs, %ax
    mov %eax, CS2_SEEN
    mov %cs:0xff00, %eax
    mov %eax, SMBASE_SEEN
    movl $SMRAM_MARKER, %cs:0x100
    cmpl $1, SMI2_COUNT
    jae 2f
    /* First time: a self-NMI through the local APIC (SVR on, ICR: NMI,
     * shorthand self) must wait for RSM. */
    mov $LAPIC_BASE, %ebx
    addr32 movl $0x1ff, LAPIC_SVR(%ebx)
    addr32 movl $0x00044400, LAPIC_ICR_LO(%ebx)
    mov $0x10000, %ecx
1:  dec %ecx
    jnz 1b
    mov NMI_COUNT, %eax
    mov %eax, NMI_IN_SMM
2:  mov $0x12345678, %eax
    mov $0x87654321, %ebx
    incl SMI2_COUNT
    .byte 0x0f, 0xaa
smm_main_end:

msg_start:
    .asciz "smm: start\n"
    CPUSTRINGS

    RESET_VECTOR start16
