/*
 * isa.h: the ISA bus and ISA devices.
 *
 * The PC's ISA bus ("isa.0", type "ISA") hangs off the PIIX3 PCI-to-ISA
 * bridge (or the isapc board).  It carries 16 interrupt lines (wired by
 * the board to the 8259 pair and the IOAPIC) and maps devices' port ranges
 * into the I/O address space.  An ISA device registers its I/O regions
 * with isa_register_ioport() and takes its interrupt line with
 * isa_get_irq(); `info qtree` shows "isa irq N" lines from isa_init_irq.
 */
#ifndef HW_ISA_ISA_H
#define HW_ISA_ISA_H

#include "hw/qdev-core.h"
#include "hw/irq.h"
#include "exec/memory.h"

#define TYPE_ISA_BUS "ISA"
#define TYPE_ISA_DEVICE "isa-device"
#define ISA_NUM_IRQS 16

typedef struct ISABus ISABus;
typedef struct ISADevice {
    DeviceState parent_obj;
    int8_t isairq[2];           /* shown by info qtree; -1 if unused */
    int nirqs;
    int ioport_id;
} ISADevice;

#define ISA_DEVICE(obj) OBJECT_CHECK(ISADevice, (obj), TYPE_ISA_DEVICE)
#define ISA_BUS(obj) OBJECT_CHECK(ISABus, (obj), TYPE_ISA_BUS)

/* Create the bus under parent (the bridge); only one ISA bus may exist. */
ISABus *isa_bus_new(DeviceState *parent, MemoryRegion *address_space,
                    MemoryRegion *address_space_io, Error **errp);
/* Wire the bus lines to the interrupt controllers (16 qemu_irqs). */
void isa_bus_irqs(ISABus *bus, qemu_irq *irqs);
ISABus *isa_bus_get(void);
qemu_irq isa_get_irq(ISADevice *dev, unsigned isairq);
/* Record the line for info qtree and return it. */
void isa_init_irq(ISADevice *dev, qemu_irq *p, unsigned isairq);
/* Map mr at port `start` of the I/O space. */
void isa_register_ioport(ISADevice *dev, MemoryRegion *mr, uint16_t start);
MemoryRegion *isa_address_space(ISADevice *dev);
MemoryRegion *isa_address_space_io(ISADevice *dev);
/* Create, realize (on the ISA bus) and return an ISA device. */
ISADevice *isa_create_simple(ISABus *bus, const char *name);
ISADevice *isa_new(const char *name);

#endif
