/*
 * apic.h: the local APICs and the interrupt messages between them.
 *
 * Each x86 CPU has a local APIC ("apic", or "kvm-apic" when the kernel
 * keeps it), a child "lapic" of the CPU object, with no bus (so it is not
 * in info qtree, as on the reference).  Its registers appear at
 * 0xfee00000 (4 KiB of the 1 MiB "apic-msi" window, which is mapped once
 * for all CPUs: an access goes to the APIC of the CPU making it) and, in
 * x2APIC mode, as MSRs 0x800-0x8ff.
 *
 * Interrupt messages travel on the "APIC bus": IPIs from the ICR, IOAPIC
 * redirection entries (apic_deliver_irq()) and MSI writes to 0xfeexxxxx
 * (apic_send_msi()), addressed physically (APIC id, 0xff = all) or
 * logically (LDR/DFR, flat or cluster).  The accepting APIC raises
 * CPU_INTERRUPT_HARD / NMI / SMI / INIT / SIPI on its CPU with
 * cpu_interrupt(); the accelerator then takes the vector with
 * cpu_get_pic_interrupt() (the APIC first, then the 8259 for ExtINT)
 * and handles INIT/SIPI with apic_init_reset()/apic_sipi().
 *
 * The board wires the 8259 master's INT output to every CPU's LINT0 with
 * apic_pic_output_line() (see docs/board.md).
 */
#ifndef HW_I386_APIC_H
#define HW_I386_APIC_H

#include "hw/core/cpu.h"
#include "hw/irq.h"

#define TYPE_APIC_COMMON "apic-common"
#define TYPE_APIC "apic"

#define APIC_DEFAULT_ADDRESS 0xfee00000
#define APIC_SPACE_SIZE 0x100000

/* IA32_APIC_BASE (MSR 0x1b), SDM vol. 3 10.4.4. */
#define MSR_IA32_APICBASE 0x1b
#define MSR_IA32_APICBASE_BSP (1ULL << 8)
#define MSR_IA32_APICBASE_EXTD (1ULL << 10)
#define MSR_IA32_APICBASE_ENABLE (1ULL << 11)
#define MSR_IA32_APICBASE_BASE (0xfffffULL << 12)
/* IA32_TSC_DEADLINE and the x2APIC MSR range (SDM vol. 3 10.12). */
#define MSR_IA32_TSCDEADLINE 0x6e0
#define MSR_X2APIC_BASE 0x800
#define MSR_X2APIC_END 0x8ff

/* Delivery modes (ICR, LVT, IOAPIC entries, MSI data bits 10:8). */
#define APIC_DM_FIXED   0
#define APIC_DM_LOWPRI  1
#define APIC_DM_SMI     2
#define APIC_DM_NMI     4
#define APIC_DM_INIT    5
#define APIC_DM_SIPI    6
#define APIC_DM_EXTINT  7
#define APIC_DESTMODE_PHYSICAL 0
#define APIC_DESTMODE_LOGICAL  1
#define APIC_TRIGGER_EDGE  0
#define APIC_TRIGGER_LEVEL 1

/* ---- creation ---- */

/*
 * A new, unrealized local APIC of type `type` (TYPE_APIC or "kvm-apic")
 * for cpu: the child "lapic" of the CPU, with "id" = apic_id.  Realize it
 * with qdev_realize(dev, NULL, errp) once the CPU is realized; the first
 * APIC realized maps the 0xfee00000 window into system memory.
 */
DeviceState *apic_new_for_cpu(CPUState *cpu, const char *type,
                              uint32_t apic_id);
/* The APIC of cpu, or NULL (no APIC, e.g. a 486). */
DeviceState *cpu_get_apic(CPUState *cpu);
/* The APIC of the calling vCPU thread's CPU, or NULL. */
DeviceState *cpu_get_current_apic(void);
/*
 * A line for the 8259 master's INT output, as the PC wires it: to LINT0 of
 * every local APIC that accepts it (apic_deliver_pic_intr()), or straight
 * to CPU 0's INTR (CPU_INTERRUPT_HARD) when CPU 0 has no APIC (a 486).
 */
qemu_irq apic_pic_output_line(void);

/* ---- the CPU side (accelerators) ---- */

/*
 * INTA: the vector the CPU should take now: an APIC interrupt above the
 * processor priority (moved from IRR to ISR), else the 8259's vector when
 * the PIC reaches this CPU (LINT0 in ExtINT mode, a hardware-disabled
 * APIC, an ExtINT message), else -1.  Works without an APIC (the 8259
 * alone).
 */
int cpu_get_pic_interrupt(CPUState *cpu);
/* The APIC part of INTA alone: a vector or -1. */
int apic_get_interrupt(DeviceState *apic);
/* Is an APIC interrupt deliverable (IRR above PPR, APIC enabled)? */
bool apic_has_interrupt(DeviceState *apic);
/* Re-evaluate the CPU's interrupt line after a state change. */
void apic_poll_irq(DeviceState *apic);
/* Can the 8259's INT reach this CPU through LINT0 (or with the APIC off)? */
int apic_accept_pic_intr(DeviceState *apic);
/* The 8259's INT output changed (the board's handler calls this). */
void apic_deliver_pic_intr(DeviceState *apic, int level);
/* An NMI on LINT1 (the "nmi" monitor command). */
void apic_deliver_nmi(DeviceState *apic);
/* INIT: registers to their INIT state; an AP then waits for a SIPI. */
void apic_init_reset(DeviceState *apic);
/*
 * Handle CPU_INTERRUPT_SIPI: clears it and returns the start-up vector if
 * the CPU was waiting for one (start at CS = vector << 8, IP = 0), else -1.
 */
int apic_sipi(DeviceState *apic);
/* Mark the bootstrap processor (IA32_APIC_BASE.BSP, LINT0 virtual wire). */
void apic_designate_bsp(DeviceState *apic, bool bsp);
uint64_t cpu_get_apic_base(DeviceState *apic);
/*
 * wrmsr IA32_APIC_BASE: global enable/disable, x2APIC mode (EXTD); the
 * base address is recorded but the window stays at 0xfee00000, as on the
 * reference.  Returns 0, or -1 when the write must raise #GP (reserved
 * bits, or an invalid mode transition, SDM 10.12.5).
 */
int cpu_set_apic_base(DeviceState *apic, uint64_t val);
/* CR8 <-> TPR[7:4]. */
uint8_t cpu_get_apic_tpr(DeviceState *apic);
void cpu_set_apic_tpr(DeviceState *apic, uint8_t val);
/*
 * x2APIC MSR access, index = msr - 0x800.  Returns 0, or -1 when the
 * access must raise #GP (not in x2APIC mode, reserved or read-only
 * register, reserved bits).
 */
int apic_msr_read(DeviceState *apic, int index, uint64_t *val);
int apic_msr_write(DeviceState *apic, int index, uint64_t val);
/*
 * IA32_TSC_DEADLINE: value is the guest TSC deadline (0 disarms);
 * deadline_ns the virtual-clock time at which the TSC reaches it, as the
 * CPU computes it.  Only effective in TSC-deadline timer mode.  Reading
 * returns the armed value, 0 once it fired.
 */
void apic_set_tsc_deadline(DeviceState *apic, uint64_t value,
                           int64_t deadline_ns);
uint64_t apic_get_tsc_deadline(DeviceState *apic);

/* ---- the bus side (IOAPIC, MSI) ---- */

/* Deliver an interrupt message to the APICs it addresses. */
void apic_deliver_irq(uint8_t dest, uint8_t dest_mode, uint8_t delivery_mode,
                      uint8_t vector, uint8_t trigger_mode);
/* An MSI: address 0xfeeXXXXX (dest id, RH, DM), data (vector, mode,
 * trigger), as a device writes it. */
void apic_send_msi(uint64_t addr, uint32_t data);

#endif
