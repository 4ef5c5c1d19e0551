/*
 * i8259.h: the PC's pair of 8259A programmable interrupt controllers.
 *
 * The master (ports 0x20/0x21, ELCR 0x4d0) takes ISA IRQs 0-7 and its INT
 * output goes to the CPU (through the local APIC's LINT0 when there is
 * one); the slave (0xa0/0xa1, ELCR 0x4d1) takes IRQs 8-15 and cascades into
 * the master's IRQ 2.  When the CPU accepts the interrupt, the accelerator
 * runs the INTA cycle with pic_read_irq(), which returns the vector.
 *
 * "isa-i8259" is the userspace model (used with kernel_irqchip=off and on
 * the software CPU); the KVM in-kernel "kvm-i8259" derives from the same
 * "pic-common" base (include/hw/intc/i8259_internal.h), which holds the
 * properties iobase, elcr_addr, elcr_mask and master.
 */
#ifndef HW_INTC_I8259_H
#define HW_INTC_I8259_H

#include "hw/isa/isa.h"

#define TYPE_PIC_COMMON "pic-common"
#define TYPE_I8259 "isa-i8259"

/* The master 8259 of the machine (set by i8259_init), for INTA. */
extern DeviceState *isa_pic;

/*
 * Create and realize the master/slave pair of "isa-i8259" on bus, the
 * slave cascaded into the master's IRQ 2 and the master's INT output
 * driving parent_irq.  Returns the 16 ISA input lines (0-7 master, 8-15
 * slave), g_new'd, to hand to isa_bus_irqs() (or to the GSI fan-out).
 */
qemu_irq *i8259_init(ISABus *bus, qemu_irq parent_irq);

/*
 * The INTA cycle on the master pic: acknowledge the highest-priority
 * request (through the slave for IRQ 2) and return its vector
 * (ICW2 base + line).  With nothing to acknowledge it returns the
 * spurious vector of IRQ 7 (or 15 via the slave), as the 8259A does.
 */
int pic_read_irq(DeviceState *pic);
/* Level of the master's INT output: 1 while a request is deliverable. */
int pic_get_output(DeviceState *pic);

#endif
