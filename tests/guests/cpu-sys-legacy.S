/*
 * cpu-sys-legacy.S: the system paths of legacy 32-bit protected mode
 * (software CPU; the reference's TCG passes it too, nested KVM cannot
 * emulate it).  One "OK <group>" line per group:
 *   descriptors  STR, SLDT/LLDT, SGDT, LAR/LSL (values, ZF, a null
 *                selector leaves the destination alone), VERR/VERW,
 *                a data segment from the LDT, #GP(sel) for a TSS
 *                selector loaded into FS (SDM vol. 2 LAR, LSL, VERR;
 *                vol. 3 5.5, 7.2.4)
 *   iret-ring3   IRET to CPL 3: GS with a DPL 0 descriptor becomes null,
 *                DS/ES with DPL 3 stay (vol. 2 IRET, vol. 3 5.8.6)
 *   call-gate    CALL through a DPL 3 call gate with 2 parameters to
 *                ring 0: the new stack from TSS.ESP0 holds SS, ESP, the
 *                parameters, CS, EIP; RETF 8 releases them on both
 *                stacks (vol. 3 5.8.5, 5.8.6)
 *   int80        INT 0x80 through a DPL 3 trap gate from CPL 3: the
 *                frame on the ring-0 stack, IRET back (6.12.1)
 *   int81-gp     INT 0x81 through a DPL 0 gate from CPL 3:
 *                #GP(0x81 * 8 + 2)
 *   sysenter     SYSEXIT (CS = SYSENTER_CS + 16, SS + 24, RPL 3) and
 *                SYSENTER (CS, SS, ESP from the MSRs)
 *   tasks        JMP to a TSS (busy bits, EAX and LDTR from the new
 *                TSS), CALL back (NT, back link), IRET with NT (task
 *                return), a task gate in the IDT, CR0.TS (7.3)
 *   tss16        JMP to a 16-bit TSS (AX, IP, SP loaded) and back: the
 *                16-bit state saved, busy bit cleared
 *   gate16       INT through a 16-bit interrupt gate: IP, CS, FLAGS
 *                pushed as words (6.12.1)
 *   v86          IRET to virtual-8086 mode (segments popped; ES:0x10 is
 *                linear 0x12350), INT n with IOPL 0 -> #GP(0) delivered
 *                to ring 0 with GS, FS, DS, ES pushed and nulled, IRET
 *                back into v86 mode, HLT there -> #GP (20.2, 20.3)
 * Exit GUEST_OK; FAIL_CODE after a failed check, UNEXPECTED_CODE for an
 * exception nobody expected.
 */
#include "guest.h"
#include "guest-lib.inc"
#include "cpu-lib.inc"

#define SEL_UCODE 0x23
#define SEL_UDATA 0x2b
#define SEL_TSSA 0x30
#define SEL_TSSB 0x38
#define SEL_CGATE 0x43
#define SEL_LDT 0x48
#define SEL_DATA16 0x60
#define TSSA 0xb000
#define TSSB 0xb100
#define TSSC 0xb300
#define SEL_TSSC 0x50
#define LDT_ADDR 0xb200
#define KSTACK 0x6000
#define RING3_STACK 0x5800
#define BSTACK 0x5000
#define REC (SCRATCH + 0x400)

    .text
rom_start:
    LIB16
    LIB32
    CPULIB16
    CPULIB32
    EXC32 SEL_CODE32

start16:
    SETUP16
    RESET_GUARD16
    ENTER_PM32 pm32
    call exc32_setup
    /* TSS A (current) and B, the LDT. */
    mov $TSSA, %edi
    xor %eax, %eax
    mov $0x300 / 4, %ecx
    rep stosl
    movl $KSTACK, TSSA + 4
    movl $SEL_DATA, TSSA + 8
    mov $SEL_TSSA, %ax
    ltr %ax
    movl $0x2000ffff, LDT_ADDR + 8      /* entry 1: data, base 0x12000 */
    movl $0x00009201, LDT_ADDR + 12
    movl $0xfeedf00d, 0x12000

    /* ---- descriptor instructions ---- */
    str %eax
    CHECK32 str, %eax, $SEL_TSSA
    mov $SEL_UCODE, %ecx
    lar %ecx, %eax
    setz %bl
    CHECK32 lar-ucode, %eax, $0x00c0fa00
    movzbl %bl, %eax
    CHECK32 lar-ucode-zf, %eax, $1
    mov $SEL_DATA16, %ecx
    lsl %ecx, %eax
    CHECK32 lsl-data16, %eax, $0x1234
    mov $SEL_DATA, %ecx
    lsl %ecx, %eax
    CHECK32 lsl-flat, %eax, $0xffffffff
    xor %ecx, %ecx
    mov $0x55, %eax
    lar %ecx, %eax
    setz %bl
    movzbl %bl, %ebx
    CHECK32 lar-null-unchanged, %eax, $0x55
    CHECK32 lar-null-zf, %ebx, $0
    mov $SEL_CODE32, %ecx
    verr %cx
    setz %bl
    movzbl %bl, %eax
    CHECK32 verr-code, %eax, $1
    verw %cx
    setz %bl
    movzbl %bl, %eax
    CHECK32 verw-code, %eax, $0
    mov $SEL_DATA, %ecx
    verw %cx
    setz %bl
    movzbl %bl, %eax
    CHECK32 verw-data, %eax, $1
    mov $SEL_TSSA, %ecx
    verr %cx
    setz %bl
    movzbl %bl, %eax
    CHECK32 verr-tss, %eax, $0
    sgdt REC
    movzwl REC, %eax
    CHECK32 sgdt-limit, %eax, $(gdt_end - gdt - 1)
    mov REC + 2, %eax
    CHECK32 sgdt-base, %eax, $GDT_ADDR
    mov $SEL_LDT, %ax
    lldt %ax
    sldt %eax
    CHECK32 sldt, %eax, $SEL_LDT
    mov $0x0c, %ax                      /* LDT entry 1, RPL 0 */
    mov %ax, %fs
    mov %fs:0, %eax
    CHECK32 ldt-data, %eax, $0xfeedf00d
    /* Loading a TSS selector into a data register: #GP(sel). */
    EXPECT 1f
    mov $SEL_TSSA, %ax
    mov %ax, %fs
    FAIL32 gp-tss-into-fs-no-exception
1:  mov EX_VEC, %eax
    CHECK32 gp-tss-into-fs-vec, %eax, $13
    mov EX_ERR, %eax
    CHECK32 gp-tss-into-fs-err, %eax, $SEL_TSSA
    DISARM
    OK32 descriptors

    /* ---- IRET to ring 3: GS (DPL 0) becomes null, DS/ES (DPL 3)
     * stay ---- */
    /* INT 0x80: DPL 3 trap gate; INT 0x81 stays DPL 0. */
    mov $ABS(int80), %eax
    mov %ax, IDT_ADDR + 8 * 0x80
    shr $16, %eax
    mov %ax, IDT_ADDR + 8 * 0x80 + 6
    movw $0xef00, IDT_ADDR + 8 * 0x80 + 4
    /* The call gate: to SEL_CODE32:gate_target, DPL 3, 2 dwords. */
    mov $ABS(gate_target), %eax
    mov %ax, GDT_ADDR + 0x40
    movw $SEL_CODE32, GDT_ADDR + 0x42
    movw $0xec02, GDT_ADDR + 0x44
    shr $16, %eax
    mov %ax, GDT_ADDR + 0x46

    mov $SEL_UDATA, %ax
    mov %ax, %ds
    mov %ax, %es
    mov $SEL_DATA, %ax
    mov %ax, %gs
    push $SEL_UDATA
    push $RING3_STACK
    pushf
    push $SEL_UCODE
    push $ABS(user1)
    iret
user1:
    mov %cs, %eax
    mov %eax, REC + 0x00
    mov %ss, %eax
    mov %eax, REC + 0x04
    mov %gs, %eax
    mov %eax, REC + 0x08
    mov %ds, %eax
    mov %eax, REC + 0x0c
    /* Call gate with two parameters; RETF 8 drops them on both stacks. */
    push $0x1111
    push $0x2222
    lcall $SEL_CGATE, $0
    mov %esp, REC + 0x40
    mov %cs, %eax
    mov %eax, REC + 0x44
    /* INT 0x80 through the DPL 3 gate. */
    mov $0x77, %eax
    int $0x80
    mov %eax, REC + 0x60
    mov %esp, REC + 0x64
    /* INT 0x81: gate DPL 0 < CPL 3: #GP(0x81 * 8 + 2). */
    EXPECT gp81
    int $0x81
    FAIL32 int81-no-exception
    jmp finish32

gate_target:
    /* CPL 0 on the TSS stack: EIP, CS, the two parameters, ESP, SS. */
    mov %esp, %ss:REC + 0x10
    mov 4(%esp), %eax
    mov %eax, %ss:REC + 0x14
    mov 8(%esp), %eax
    mov %eax, %ss:REC + 0x18
    mov 12(%esp), %eax
    mov %eax, %ss:REC + 0x1c
    mov 16(%esp), %eax
    mov %eax, %ss:REC + 0x20
    mov 20(%esp), %eax
    mov %eax, %ss:REC + 0x24
    mov %cs, %eax
    mov %eax, %ss:REC + 0x28
    lret $8

int80:
    /* EIP, CS, EFLAGS, ESP, SS. */
    mov %esp, %ss:REC + 0x50
    mov 16(%esp), %ecx
    mov %ecx, %ss:REC + 0x54
    mov 4(%esp), %ecx
    mov %ecx, %ss:REC + 0x58
    add $1, %eax
    iret

gp81:
    mov $STACK_TOP, %esp
    mov $SEL_DATA, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    DISARM
    mov REC + 0x00, %eax
    CHECK32 iret-cs, %eax, $SEL_UCODE
    mov REC + 0x04, %eax
    CHECK32 iret-ss, %eax, $SEL_UDATA
    mov REC + 0x08, %eax
    CHECK32 iret-gs-nulled, %eax, $0
    mov REC + 0x0c, %eax
    CHECK32 iret-ds-kept, %eax, $SEL_UDATA
    OK32 iret-ring3
    mov REC + 0x10, %eax
    CHECK32 gate-esp, %eax, $(KSTACK - 24)
    mov REC + 0x14, %eax
    CHECK32 gate-old-cs, %eax, $SEL_UCODE
    mov REC + 0x18, %eax
    CHECK32 gate-param0, %eax, $0x2222
    mov REC + 0x1c, %eax
    CHECK32 gate-param1, %eax, $0x1111
    mov REC + 0x20, %eax
    CHECK32 gate-old-esp, %eax, $(RING3_STACK - 8)
    mov REC + 0x24, %eax
    CHECK32 gate-old-ss, %eax, $SEL_UDATA
    mov REC + 0x28, %eax
    CHECK32 gate-cs, %eax, $SEL_CODE32
    mov REC + 0x40, %eax
    CHECK32 retf-esp, %eax, $RING3_STACK
    mov REC + 0x44, %eax
    CHECK32 retf-cs, %eax, $SEL_UCODE
    OK32 call-gate
    mov REC + 0x50, %eax
    CHECK32 int80-esp, %eax, $(KSTACK - 20)
    mov REC + 0x54, %eax
    CHECK32 int80-old-ss, %eax, $SEL_UDATA
    mov REC + 0x58, %eax
    CHECK32 int80-old-cs, %eax, $SEL_UCODE
    mov REC + 0x60, %eax
    CHECK32 int80-ret, %eax, $0x78
    mov REC + 0x64, %eax
    CHECK32 int80-user-esp, %eax, $RING3_STACK
    OK32 int80
    mov EX_VEC, %eax
    CHECK32 int81-vec, %eax, $13
    mov EX_ERR, %eax
    CHECK32 int81-err, %eax, $(0x81 * 8 + 2)
    mov EX_CS, %eax
    CHECK32 int81-cs, %eax, $SEL_UCODE
    OK32 int81-gp

    /* ---- SYSEXIT / SYSENTER ---- */
    mov $0x174, %ecx
    mov $SEL_CODE32, %eax
    xor %edx, %edx
    wrmsr
    mov $0x175, %ecx
    mov $(KSTACK - 0x100), %eax
    wrmsr
    mov $0x176, %ecx
    mov $ABS(sysenter_target), %eax
    wrmsr
    mov $RING3_STACK, %ecx
    mov $ABS(user_sysexit), %edx
    sysexit
user_sysexit:
    mov %cs, %eax
    mov %eax, REC + 0x80
    mov %ss, %eax
    mov %eax, REC + 0x84
    mov %esp, REC + 0x88
    sysenter
sysenter_target:
    mov %cs, %eax
    mov %eax, REC + 0x90
    mov %ss, %eax
    mov %eax, REC + 0x94
    mov %esp, REC + 0x98
    mov $STACK_TOP, %esp
    mov REC + 0x80, %eax
    CHECK32 sysexit-cs, %eax, $(SEL_CODE32 + 16 + 3)
    mov REC + 0x84, %eax
    CHECK32 sysexit-ss, %eax, $(SEL_CODE32 + 24 + 3)
    mov REC + 0x88, %eax
    CHECK32 sysexit-esp, %eax, $RING3_STACK
    mov REC + 0x90, %eax
    CHECK32 sysenter-cs, %eax, $SEL_CODE32
    mov REC + 0x94, %eax
    CHECK32 sysenter-ss, %eax, $SEL_DATA
    mov REC + 0x98, %eax
    CHECK32 sysenter-esp, %eax, $(KSTACK - 0x100)
    OK32 sysenter
    mov $SEL_DATA, %ax
    mov %ax, %ss

    /* ---- task switches ---- */
    movl $ABS(task_b), TSSB + 0x20
    movl $2, TSSB + 0x24
    movl $BSTACK, TSSB + 0x38
    movl $SEL_DATA, TSSB + 0x48
    movl $SEL_CODE32, TSSB + 0x4c
    movl $SEL_DATA, TSSB + 0x50
    movl $SEL_DATA, TSSB + 0x54
    movl $SEL_DATA, TSSB + 0x58
    movl $SEL_DATA, TSSB + 0x5c
    movl $SEL_LDT, TSSB + 0x60
    movl $0x1234, TSSB + 0x28           /* EAX */
    /* INT 0x82: a task gate to B. */
    movw $0, IDT_ADDR + 8 * 0x82
    movw $SEL_TSSB, IDT_ADDR + 8 * 0x82 + 2
    movw $0x8500, IDT_ADDR + 8 * 0x82 + 4
    movw $0, IDT_ADDR + 8 * 0x82 + 6
    xor %eax, %eax
    mov %ax, %fs
    lldt %ax
    mov $0xaaaa, %ebx
    ljmp $SEL_TSSB, $0
    /* Back from B's CALL: NT set, back link B, B busy. */
    pushf
    pop %eax
    and $0x4000, %eax
    CHECK32 task-call-nt, %eax, $0x4000
    movzwl TSSA, %eax
    CHECK32 task-call-link, %eax, $SEL_TSSB
    movzbl GDT_ADDR + SEL_TSSB + 5, %eax
    CHECK32 task-b-busy, %eax, $0x8b
    str %eax
    CHECK32 task-call-tr, %eax, $SEL_TSSA
    iret                                /* NT: back to B */
    /* B jumped back to A. */
    pushf
    pop %eax
    and $0x4000, %eax
    CHECK32 task-jmp-nt, %eax, $0
    movzbl GDT_ADDR + SEL_TSSB + 5, %eax
    CHECK32 task-b-free, %eax, $0x89
    int $0x82                           /* task gate to B */
    mov REC + 0xa0, %eax
    CHECK32 task-b-tr, %eax, $SEL_TSSB
    mov REC + 0xa4, %eax
    CHECK32 task-b-ldt, %eax, $SEL_LDT
    mov REC + 0xa8, %eax
    CHECK32 task-b-eax, %eax, $0x1234
    mov REC + 0xac, %eax
    CHECK32 task-a-busy-after-jmp, %eax, $0x89
    mov REC + 0xb0, %eax
    CHECK32 task-b-nt-after-iret, %eax, $0
    mov REC + 0xb4, %eax
    CHECK32 task-gate-nt, %eax, $0x4000
    mov TSSA + 0x34, %eax               /* EBX saved at the first JMP */
    CHECK32 task-saved-ebx, %eax, $0xaaaa
    mov %cr0, %eax
    and $8, %eax
    CHECK32 task-cr0-ts, %eax, $8
    clts
    OK32 tasks

    /* ---- a 16-bit TSS and a 16-bit interrupt gate ---- */
    /* Task C (16-bit TSS) runs a stub in low RAM: MOV %ax, 0x9500 (66 A3
     * moffs32), then JMP SEL_TSSA:0 (EA ptr16:32). */
    movw $0xa366, 0x7c00
    movl $0x9500, 0x7c02
    movb $0xea, 0x7c06
    movl $0, 0x7c07
    movw $SEL_TSSA, 0x7c0b
    mov $TSSC, %edi
    xor %eax, %eax
    mov $(0x2c / 4), %ecx
    rep stosl
    movw $0x7c00, TSSC + 0x0e           /* IP */
    movw $2, TSSC + 0x10                /* FLAGS */
    movw $0x5678, TSSC + 0x12           /* AX */
    movw $0x4000, TSSC + 0x1a           /* SP */
    movw $SEL_DATA, TSSC + 0x22         /* ES */
    movw $SEL_CODE32, TSSC + 0x24       /* CS */
    movw $SEL_DATA, TSSC + 0x26         /* SS */
    movw $SEL_DATA, TSSC + 0x28         /* DS */
    movw $0, 0x9500
    ljmp $SEL_TSSC, $0
    movzwl 0x9500, %eax
    CHECK32 tss16-ax, %eax, $0x5678
    movzwl TSSC + 0x0e, %eax
    CHECK32 tss16-saved-ip, %eax, $0x7c0d
    movzwl TSSC + 0x1a, %eax
    CHECK32 tss16-saved-sp, %eax, $0x4000
    movzbl GDT_ADDR + SEL_TSSC + 5, %eax
    CHECK32 tss16-free, %eax, $0x81
    str %eax
    CHECK32 tss16-back-tr, %eax, $SEL_TSSA
    clts
    OK32 tss16
    /* Vector 0x84: a 16-bit interrupt gate to a stub at 0x7d00 that
     * records ESP and the three words pushed, then drops them and jumps
     * back through the address at 0x9520 (its 16-bit IRET could not
     * return above 64 KiB). */
    movl $0x95102589, 0x7d00            /* mov %esp, 0x9510 */
    movw $0x0000, 0x7d04
    movl $0x06c483, 0x7d06              /* add $6, %esp */
    movw $0x25ff, 0x7d09                /* jmp *0x9520 */
    movl $0x9520, 0x7d0b
    movl $ABS(after_int84), 0x9520
    movw $0x7d00, IDT_ADDR + 8 * 0x84
    movw $SEL_CODE32, IDT_ADDR + 8 * 0x84 + 2
    movw $0x8600, IDT_ADDR + 8 * 0x84 + 4
    movw $0, IDT_ADDR + 8 * 0x84 + 6
    mov %esp, %ebx
    int $0x84
after_int84:
    /* The frame lies below ESP: read it before any CALL reuses it. */
    mov 0x9510, %ecx
    movzwl (%ecx), %edi
    movzwl 2(%ecx), %ebp
    mov %ecx, %eax
    lea -6(%ebx), %edx
    NAME32 gate16-esp
    call check32
    CHECK32 gate16-ip, %edi, $(ABS(after_int84) & 0xffff)
    CHECK32 gate16-cs, %ebp, $SEL_CODE32
    OK32 gate16
    jmp v86_test

task_b:
    mov %eax, REC + 0xa8
    str %eax
    mov %eax, REC + 0xa0
    sldt %eax
    mov %eax, REC + 0xa4
    movzbl GDT_ADDR + SEL_TSSA + 5, %eax
    mov %eax, REC + 0xac
    mov $0x1234, %eax
    lcall $SEL_TSSA, $0
    pushf
    pop %eax
    and $0x4000, %eax
    mov %eax, REC + 0xb0
    ljmp $SEL_TSSA, $0
    pushf
    pop %eax
    and $0x4000, %eax
    mov %eax, REC + 0xb4
    iret

    /* ---- virtual-8086 mode ---- */
v86_test:
    movl $0, REC + 0xc0
    mov $ABS(v86_gp), %eax
    mov %ax, IDT_ADDR + 8 * 13
    shr $16, %eax
    mov %ax, IDT_ADDR + 8 * 13 + 6
    movl $0x5a5a1234, 0x12340 + 0x10
    push $0x3333                        /* GS */
    push $0x2222                        /* FS */
    push $0x1111                        /* DS */
    push $0x1234                        /* ES */
    push $0x0500                        /* SS */
    push $0x0100                        /* SP */
    push $0x00020002                    /* EFLAGS: VM, IOPL 0 */
    push $ROM_SEG
    push $OFF(v86_code)
    iret

    .code16
v86_code:
    mov %es:0x10, %ebx                  /* 0x12340 + 0x10 */
    mov %ss, %cx
    int $0x30                           /* IOPL 0: #GP(0) */
    mov %ds, %dx
    hlt                                 /* CPL 3: #GP(0) again */
    .code32

v86_gp:
    mov $SEL_DATA, %ax
    mov %ax, %ds
    incl REC + 0xc0
    cmpl $1, REC + 0xc0
    jne 2f
    /* The frame: error code, EIP, CS, EFLAGS, ESP, SS, ES, DS, FS, GS. */
    mov (%esp), %eax
    mov %eax, REC + 0xc4
    mov 8(%esp), %eax
    mov %eax, REC + 0xc8
    mov 12(%esp), %eax
    mov %eax, REC + 0xcc
    mov 24(%esp), %eax
    mov %eax, REC + 0xd0
    mov 32(%esp), %eax
    mov %eax, REC + 0xd4
    mov %ebx, REC + 0xd8
    mov %ecx, REC + 0xdc
    mov %gs, %eax
    mov %eax, REC + 0xe0
    mov %esp, REC + 0xe4
    add $4, %esp
    addl $2, (%esp)                     /* past the INT */
    iret
2:  mov %edx, REC + 0xe8
    mov $STACK_TOP, %esp
    mov %ax, %es
    mov %ax, %ss
    mov REC + 0xc4, %eax
    CHECK32 v86-gp-err, %eax, $0
    mov REC + 0xc8, %eax
    CHECK32 v86-gp-cs, %eax, $ROM_SEG
    mov REC + 0xcc, %eax
    and $0x20000, %eax
    CHECK32 v86-gp-vm, %eax, $0x20000
    mov REC + 0xd0, %eax
    CHECK32 v86-gp-es, %eax, $0x1234
    mov REC + 0xd4, %eax
    CHECK32 v86-gp-fs, %eax, $0x2222
    mov REC + 0xd8, %eax
    CHECK32 v86-es-load, %eax, $0x5a5a1234
    mov REC + 0xdc, %eax
    and $0xffff, %eax
    CHECK32 v86-ss, %eax, $0x0500
    mov REC + 0xe0, %eax
    CHECK32 v86-gs-nulled, %eax, $0
    mov REC + 0xe4, %eax
    CHECK32 v86-ring0-esp, %eax, $(KSTACK - 40)
    mov REC + 0xe8, %eax
    and $0xffff, %eax
    CHECK32 v86-after-iret-ds, %eax, $0x1111
    OK32 v86
    jmp finish32

    CPUSTRINGS

    .balign 8
gdt:
    .quad 0
    .quad 0x00cf9a000000ffff            /* 0x08: code, 32-bit */
    .quad 0x00cf92000000ffff            /* 0x10: data */
    .quad 0x00af9a000000ffff            /* 0x18: code, 64-bit */
    .quad 0x00cffa000000ffff            /* 0x20: user code, 32-bit */
    .quad 0x00cff2000000ffff            /* 0x28: user data */
    .quad 0x00008900b0000067            /* 0x30: TSS A at 0xb000 */
    .quad 0x00008900b1000067            /* 0x38: TSS B at 0xb100 */
    .quad 0                             /* 0x40: call gate (built) */
    .quad 0x00008200b200000f            /* 0x48: LDT at 0xb200 */
    .quad 0x00008100b300002b            /* 0x50: 16-bit TSS C at 0xb300 */
    .quad 0
    .quad 0x0000920000001234            /* 0x60: data, limit 0x1234 */
gdt_end:
gdtr:
    .word gdt_end - gdt - 1
    .long GDT_ADDR

    RESET_VECTOR start16
