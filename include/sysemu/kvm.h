/*
 * kvm.h: the KVM accelerator ("kvm-accel") as the rest of the emulator
 * sees it.
 *
 * Concepts
 * - One KVMState (the accelerator object) per process: the /dev/kvm and
 *   VM file descriptors, the memory slots (kept equal to the flattened
 *   "memory" address space by a MemoryListener: RAM as read-write slots,
 *   ROM and read-only aliases as KVM_MEM_READONLY slots), the in-kernel
 *   irqchip and its GSI routing table.
 * - kernel-irqchip (accelerator property; -machine kernel_irqchip= is the
 *   legacy spelling): "on" (default) puts the 8259 pair, the IOAPIC, the
 *   local APICs and the PIT in the kernel (the board then creates the
 *   kvm-i8259, kvm-ioapic, kvm-apic and kvm-pit device types); "split"
 *   keeps only the local APICs there; "off" leaves every interrupt
 *   controller to the userspace models.  The kvm_*_in_kernel() queries
 *   below tell the board which devices to create.
 * - Each vCPU is a host thread named "CPU N/KVM" (with -name
 *   debug-threads=on) looping on KVM_RUN; other threads make it leave the
 *   guest with SIG_IPI and kvm_run.immediate_exit.  Exits are dispatched to
 *   address_space_io / address_space_memory with the BQL held.
 * - Interrupt lines reach the kernel through kvm_set_irq() (GSI numbers);
 *   MSIs through kvm_irqchip_send_msi().
 *
 * Start-up: create the "kvm-accel" object, set its properties, then call
 * AccelClass.init_machine once the machine object (-smp) exists and before
 * the board is built.  On failure the error message is complete as QEMU
 * prints it ("failed to initialize kvm: No such file or directory", or
 * "Number of SMP cpus requested (N) exceeds the maximum cpus supported by
 * KVM (M)"); the lines QEMU prints before it ("Could not access KVM kernel
 * module: ...", "kvm version too old", "kvm does not support KVM_CAP_X")
 * have already gone to stderr.
 */
#ifndef SYSEMU_KVM_H
#define SYSEMU_KVM_H

#include "sysemu/accel.h"
#include "hw/core/cpu.h"
#include "sysemu/runstate.h"

#define TYPE_KVM_ACCEL ACCEL_CLASS_NAME("kvm")

/* SIG_IPI kicks a vCPU thread out of KVM_RUN. */
#define SIG_IPI SIGUSR1

typedef struct KVMState KVMState;

/* The accelerator in use, or NULL when KVM is not initialized. */
extern KVMState *kvm_state;

/* KVM is the accelerator in use (query-kvm "enabled", info kvm). */
bool kvm_enabled(void);
/* This build has the KVM accelerator (query-kvm "present"). */
bool kvm_available(void);

/* The kernel emulates the local APICs (kernel_irqchip=on or split). */
bool kvm_irqchip_in_kernel(void);
bool kvm_apic_in_kernel(void);
/* kernel_irqchip=split: local APICs only. */
bool kvm_irqchip_is_split(void);
/* The kernel emulates the 8259 pair, the IOAPIC and the PIT (=on). */
bool kvm_pic_in_kernel(void);
bool kvm_ioapic_in_kernel(void);
bool kvm_pit_in_kernel(void);

/*
 * KVM_CHECK_EXTENSION on /dev/kvm (or on the VM for the vm_ variant):
 * > 0 if supported (some capabilities return a count), 0 if not.
 */
int kvm_check_extension(KVMState *s, unsigned int extension);
int kvm_vm_check_extension(KVMState *s, unsigned int extension);

/* ioctl() on /dev/kvm, the VM or a vCPU: >= 0, or -errno. */
int kvm_ioctl(KVMState *s, unsigned long type, ...);
int kvm_vm_ioctl(KVMState *s, unsigned long type, ...);
int kvm_vcpu_ioctl(CPUState *cpu, unsigned long type, ...);

/*
 * Drive GSI `irq` to `level` (KVM_IRQ_LINE_STATUS).  Returns the kernel's
 * status (> 0 delivered, 0 coalesced or masked) or -errno.  GSIs 0-15
 * reach both the 8259 and the IOAPIC through the routing table.
 */
int kvm_set_irq(KVMState *s, int irq, int level);
/* Deliver an MSI (KVM_SIGNAL_MSI): > 0 delivered, 0 blocked, -errno. */
int kvm_irqchip_send_msi(KVMState *s, uint64_t address, uint32_t data);
/*
 * Install the PC's GSI routing: GSIs 0-15 to the 8259 pins (except the
 * cascade, 2) and, with pci_enabled, GSIs 0-23 to the IOAPIC pins, GSI 0
 * to pin 2 (the timer override of the MADT).  init_machine installs the
 * pci_enabled table; the isapc board calls this with false.
 */
void kvm_pc_setup_irq_routing(bool pci_enabled);
/*
 * A run-state handler for device state kept in the kernel (kvmclock, the
 * in-kernel PIT): it runs while every vCPU is paused, i.e. on stop after
 * the vCPUs have stopped, on start before they resume.  (The accelerator
 * registers its own vm change state handler before any vCPU exists, so it
 * is notified after the vCPUs stop and before they resume.)
 */
void *kvm_add_vm_state_handler(VMChangeStateHandler *cb, void *opaque);
void kvm_del_vm_state_handler(void *entry);

/*
 * KVM_GET_SUPPORTED_CPUID for (function, index), register reg (R_EAX,
 * R_EBX, R_ECX or R_EDX of target/i386/cpu.h), with the adjustments QEMU
 * makes (the hypervisor bit, x2apic only with the in-kernel irqchip, ...).
 * 0 for an unknown leaf or without KVM.
 */
uint32_t kvm_arch_get_supported_cpuid(KVMState *s, uint32_t function,
                                      uint32_t index, int reg);

/*
 * The guest-physical range KVM needs below the BIOS for real-mode
 * emulation on old Intel CPUs (EPT identity map page, then the 3-page TSS):
 * the board reserves it in the e820 table.  False without KVM.
 */
bool kvm_get_reserved_range(uint64_t *base, uint64_t *size);

#endif
