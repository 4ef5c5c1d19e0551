/*
 * guest.h: what the small test guests share (GNU as syntax, run through
 * the C preprocessor: gcc -c -x assembler-with-cpp).
 *
 * Each guest is a flat -bios image of ROM_SIZE bytes.  The board maps it
 * at the top of the 4 GiB space (ROM_BASE) and aliases it below 1 MiB
 * (at 0xf0000 for a 64 KiB image), and the CPU starts at its last 16
 * bytes (the reset vector, CS base 0xffff0000, IP 0xfff0).  The image is
 * one .text section starting at rom_start and assembled without
 * relocations: every address is a difference of labels plus a constant.
 *   OFF(x)  offset of x in the image (real mode, DS = ROM_SEG)
 *   ABS(x)  its address at the top of 4 GiB (flat protected/long mode)
 *
 * Guests report on COM1 (0x3f8) one line per step, and finish by writing
 * a code to isa-debug-exit at DEBUG_EXIT_PORT (-device
 * isa-debug-exit,iobase=0xf4,iosize=4): the process exits with
 * (code << 1) | 1.  GUEST_OK is success; a failing step exits with its
 * own code (1..0x1f) after printing "FAIL <what>".
 */
#ifndef TESTS_GUESTS_GUEST_H
#define TESTS_GUESTS_GUEST_H

#define ROM_SIZE 0x10000
#define ROM_BASE (0x100000000 - ROM_SIZE)
#define ROM_SEG 0xf000                  /* the alias below 1 MiB */
#define OFF(x) ((x) - rom_start)
#define ABS(x) (ROM_BASE + OFF(x))

#define COM1 0x3f8
#define DEBUG_EXIT_PORT 0xf4
#define GUEST_OK 0x2a                   /* exit status 85 */

/* RAM the guests use (below 1 MiB, above the real-mode IVT/BDA). */
#define STACK_TOP 0x7000
#define GDT_ADDR 0x7800                 /* the GDT copied from the ROM */
#define IDT_ADDR 0x8000                 /* 256 gates of 8 bytes */
#define SCRATCH 0x9000                  /* counters, locks */
#define PAGE_TABLES 0x10000             /* PML4, PDPT, 4 PDs: 0x10000-0x15fff */

/* Selectors of the GDT that GUEST_GDT lays out. */
#define SEL_CODE32 0x08
#define SEL_DATA 0x10
#define SEL_CODE64 0x18

/* Local APIC and IOAPIC registers (SDM vol. 3 ch. 10; 82093AA). */
#define LAPIC_BASE 0xfee00000
#define LAPIC_ID 0x20
#define LAPIC_EOI 0xb0
#define LAPIC_SVR 0xf0
#define LAPIC_ICR_LO 0x300
#define LAPIC_ICR_HI 0x310
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_LVT_LINT0 0x350
#define LAPIC_LVT_LINT1 0x360
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_DIV 0x3e0
#define IOAPIC_BASE 0xfec00000

/* CMOS index / data ports (MC146818). */
#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71

#endif
