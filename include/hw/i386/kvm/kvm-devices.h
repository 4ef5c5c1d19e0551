/*
 * kvm-devices.h: the PC's interrupt controllers and PIT when the kernel
 * emulates them (kernel_irqchip=on; the local APICs also with "split").
 *
 * Each type derives from the "-common" base of its userspace model, so
 * the board wires it the same way and the monitor prints the same state:
 *   kvm-i8259   pic-common    (ISA; master 0x20/0x4d0, slave 0xa0/0x4d1)
 *   kvm-ioapic  ioapic-common (sysbus; 0xfec00000, 24 inputs, gsi_base)
 *   kvm-pit     pit-common    (ISA; 0x40, lost_tick_policy)
 *   kvm-apic    apic-common   (one per CPU, child "lapic" of the CPU)
 *   kvmclock    sys-bus-device (the paravirtual clock, still while paused)
 * The port and MMIO regions exist for info mtree; the kernel answers the
 * guest's accesses itself.  The devices move their state between the
 * kernel and the common fields on reset and when asked (info pic,
 * register synchronization), and turn their input lines into
 * kvm_set_irq() calls.
 */
#ifndef HW_I386_KVM_DEVICES_H
#define HW_I386_KVM_DEVICES_H

#include "hw/isa/isa.h"

#define TYPE_KVM_I8259 "kvm-i8259"
#define TYPE_KVM_IOAPIC "kvm-ioapic"
#define TYPE_KVM_PIT "kvm-pit"
#define TYPE_KVM_APIC "kvm-apic"
#define TYPE_KVM_CLOCK "kvmclock"

/*
 * Create the kvm-i8259 pair on bus.  Returns the 16 ISA lines (g_new'd):
 * line n drives GSI n, which the kernel's routing table sends to both the
 * 8259 and the IOAPIC, so the board needs no fan-out of its own for ISA
 * interrupts.
 */
qemu_irq *kvm_i8259_init(ISABus *bus);

/*
 * Create and realize kvm-pit at iobase (counter 0 drives GSI 0 inside the
 * kernel); -global kvm-pit.lost_tick_policy=... applies.  NULL with errp
 * set on failure ("Lost tick policy not supported." for slew).
 */
ISADevice *kvm_pit_init(ISABus *bus, int iobase, Error **errp);

/*
 * Create the "kvmclock" device on the main system bus when KVM runs and
 * either create_always (machine compatibility) or the first CPU offers
 * kvmclock (CPUID 0x40000001 bits 0/3).  It keeps the guest clock still
 * while the VM is stopped.  NULL when not created (or with errp set).
 */
DeviceState *kvmclock_create(bool create_always, Error **errp);

/*
 * The local APIC page of a kvm-apic, between the kernel and the
 * apic-common fields (KVM_GET_LAPIC / KVM_SET_LAPIC).  Call from the
 * CPU's vCPU thread or while it is out of the guest.  0 or -errno.
 */
int kvm_apic_get_state(DeviceState *apic);
int kvm_apic_put_state(DeviceState *apic);

#endif
