/*
 * isa.h: the ISA bus and ISA devices.
 *
 * The PC's ISA bus ("isa.0", type "ISA") hangs off the PIIX3 PCI-to-ISA
 * bridge (or the isapc board).  It carries 16 interrupt lines (wired by
 * the board to the 8259 pair and the IOAPIC) and maps devices' port ranges
 * into the I/O address space.  An ISA device registers its I/O regions
 * with isa_register_ioport() and takes its interrupt line with
 * isa_get_irq() / isa_init_irq().  As in QEMU 7.2, `info qtree` prints no
 * ISA-specific lines (devices show their irq through their properties).
 * A bus created without a parent (the isapc board) hangs from an
 * "isabus-bridge" device on the main system bus, as in QEMU.
 */
#ifndef HW_ISA_ISA_H
#define HW_ISA_ISA_H

#include "hw/qdev-core.h"
#include "hw/irq.h"
#include "exec/memory.h"

#define TYPE_ISA_BUS "ISA"
#define TYPE_ISA_DEVICE "isa-device"
#define TYPE_ISABUS_BRIDGE "isabus-bridge"
#define ISA_NUM_IRQS 16

typedef struct ISABus ISABus;
typedef struct ISADevice {
    DeviceState parent_obj;
    int8_t isairq[2];           /* lines taken by isa_init_irq; -1: unused */
    int nirqs;
    int ioport_id;
} ISADevice;

#define ISA_DEVICE(obj) OBJECT_CHECK(ISADevice, (obj), TYPE_ISA_DEVICE)
#define ISA_BUS(obj) OBJECT_CHECK(ISABus, (obj), TYPE_ISA_BUS)

/*
 * Create the bus "isa.0" under parent (the PCI-to-ISA bridge; NULL: a new
 * "isabus-bridge" on the main system bus).  address_space and
 * address_space_io are the containers devices map into (NULL: the system
 * memory and I/O roots).  Only one ISA bus may exist at a time ("Can't
 * create a second ISA bus").
 */
ISABus *isa_bus_new(DeviceState *parent, MemoryRegion *address_space,
                    MemoryRegion *address_space_io, Error **errp);
/* Wire the bus lines to the interrupt controllers (16 qemu_irqs). */
void isa_bus_irqs(ISABus *bus, qemu_irq *irqs);
/* The machine's ISA bus, or NULL. */
ISABus *isa_bus_get(void);
/* Line isairq of dev's bus (dev NULL: the machine's bus); NULL when the
 * number is out of range or the bus is not wired yet. */
qemu_irq isa_get_irq(ISADevice *dev, unsigned isairq);
/* Record the line in dev->isairq and store it in *p. */
void isa_init_irq(ISADevice *dev, qemu_irq *p, unsigned isairq);
/* Wire dev's gpio output gpioirq to ISA line isairq (and record it). */
void isa_connect_gpio_out(ISADevice *dev, int gpioirq, unsigned isairq);
/* Map mr at port `start` of the I/O space. */
void isa_register_ioport(ISADevice *dev, MemoryRegion *mr, uint16_t start);
MemoryRegion *isa_address_space(ISADevice *dev);
MemoryRegion *isa_address_space_io(ISADevice *dev);
/* Create, realize (on the ISA bus) and return an ISA device. */
ISADevice *isa_create_simple(ISABus *bus, const char *name);
ISADevice *isa_new(const char *name);

#endif
