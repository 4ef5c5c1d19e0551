/*
 * piix3.c: PIIX3 function 0 ("PIIX3", 82371SB PCI-to-ISA bridge): the
 * ISA bus, PCI interrupt routing (PIRQA-D to ISA IRQs) and the reset
 * control register at 0xcf9.
 *
 * Reference: Intel 82371FB (PIIX) and 82371SB (PIIX3) PCI ISA IDE Xcelerator
 * datasheet, order number 290550: 2.2 configuration registers, 2.2.16
 * PIRQRC[A:D], 2.7.5 Reset Control register.  See
 * include/hw/southbridge/piix.h.
 */
#include "qemu/osdep.h"
#include "hw/southbridge/piix.h"
#include "sysemu/runstate.h"

#define PIIX3(obj) OBJECT_CHECK(PIIX3State, (obj), TYPE_PIIX3_DEVICE)

#define PIIX_NUM_PIC_IRQS 16
#define PIIX_PIRQ_DISABLE 0x80
#define RCR_SRST 0x02           /* system (hard) reset type */
#define RCR_RCPU 0x04           /* reset now */

typedef struct PIIX3State {
    PCIDevice parent_obj;
    /* state */
    ISABus *isa_bus;
    MemoryRegion rcr_mem;
    uint8_t rcr;
    uint8_t pirq_level;         /* bit per PIRQ: its line from the bus */
    uint16_t isa_level;         /* ISA IRQs this bridge drives high */
} PIIX3State;

/* ---- interrupt routing ---- */

int piix3_pci_slot_get_pirq(PCIDevice *dev, int pin)
{
    return (pin + PCI_SLOT(dev->devfn) - 1) & 3;
}

/* Drive every ISA IRQ a PIRQ routes to with the OR of those PIRQs. */
static void piix3_update_isa_irqs(PIIX3State *s)
{
    uint8_t *config = PCI_DEVICE(s)->config;
    uint16_t level = 0, changed;
    int pirq, irq;

    for (pirq = 0; pirq < PIIX_NUM_PIRQS; pirq++) {
        uint8_t route = config[PIIX_PIRQCA + pirq];

        if ((s->pirq_level & (1 << pirq)) && route < PIIX_NUM_PIC_IRQS) {
            level |= 1 << route;
        }
    }
    changed = level ^ s->isa_level;
    s->isa_level = level;
    for (irq = 0; irq < PIIX_NUM_PIC_IRQS; irq++) {
        if (changed & (1 << irq)) {
            qemu_set_irq(isa_get_irq(NULL, irq), (level >> irq) & 1);
        }
    }
}

/* The bus's line `pirq` (the OR of the INTx swizzled onto it) changed. */
static void piix3_set_irq(void *opaque, int pirq, int level)
{
    PIIX3State *s = opaque;

    if (pirq < 0 || pirq >= PIIX_NUM_PIRQS) {
        return;
    }
    if (level) {
        s->pirq_level |= 1 << pirq;
    } else {
        s->pirq_level &= ~(1 << pirq);
    }
    piix3_update_isa_irqs(s);
}

static void piix3_write_config(PCIDevice *dev, uint32_t addr, uint32_t val,
                               int len)
{
    pci_default_write_config(dev, addr, val, len);
    if (addr < PIIX_PIRQCA + PIIX_NUM_PIRQS && addr + len > PIIX_PIRQCA) {
        piix3_update_isa_irqs(PIIX3(dev));
    }
}

/* ---- reset control register (0xcf9) ---- */

static void rcr_write(void *opaque, hwaddr addr, uint64_t val, unsigned len)
{
    PIIX3State *s = opaque;

    if (val & RCR_RCPU) {
        qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
        return;
    }
    s->rcr = val & RCR_SRST;
}

static uint64_t rcr_read(void *opaque, hwaddr addr, unsigned len)
{
    return ((PIIX3State *)opaque)->rcr;
}

static const MemoryRegionOps rcr_ops = {
    .read = rcr_read,
    .write = rcr_write,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

/* ---- life cycle ---- */

/* Power-on defaults of the registers (datasheet 2.2, as the reference). */
static void piix3_reset(PCIDevice *dev)
{
    PIIX3State *s = PIIX3(dev);
    uint8_t *c = dev->config;

    pci_set_word(c + PCI_COMMAND, PCI_COMMAND_IO | PCI_COMMAND_MEMORY |
                 PCI_COMMAND_MASTER);
    pci_set_word(c + PCI_STATUS, PCI_STATUS_DEVSEL_MEDIUM);
    c[0x4c] = 0x4d;             /* ISA I/O recovery timer */
    c[0x4e] = 0x03;             /* X-bus chip select: BIOS, keyboard */
    c[0x4f] = 0x00;
    c[PIIX_PIRQCA + 0] = PIIX_PIRQ_DISABLE;
    c[PIIX_PIRQCA + 1] = PIIX_PIRQ_DISABLE;
    c[PIIX_PIRQCA + 2] = PIIX_PIRQ_DISABLE;
    c[PIIX_PIRQCA + 3] = PIIX_PIRQ_DISABLE;
    c[0x69] = 0x02;             /* top of memory */
    c[0x70] = 0x80;             /* motherboard IRQ route, disabled */
    c[0x76] = 0x0c;             /* motherboard DMA */
    c[0x77] = 0x0c;
    c[0x78] = 0x02;             /* programmable chip select */
    c[0x79] = 0x00;
    c[0x80] = 0x00;
    c[0x82] = 0x00;
    c[0xa0] = 0x08;             /* SMI control */
    memset(c + 0xa2, 0, 6);
    c[0xa8] = 0x0f;             /* SMI request */
    c[0xaa] = 0x00;
    c[0xab] = 0x00;
    c[0xac] = 0x00;
    c[0xae] = 0x00;
    s->rcr = 0;
    piix3_update_isa_irqs(s);
}

static bool piix3_realize(PCIDevice *dev, Error **errp)
{
    PIIX3State *s = PIIX3(dev);
    PCIBus *bus = pci_get_bus(dev);

    s->isa_bus = isa_bus_new(DEVICE(dev), pci_address_space(dev),
                             pci_address_space_io(dev), errp);
    if (!s->isa_bus) {
        return false;
    }
    /* Above the host bridge's CONFIG_ADDRESS, which covers 0xcf8-0xcfb. */
    memory_region_init_io(&s->rcr_mem, OBJECT(dev), &rcr_ops, s,
                          "piix3-reset-control", 1);
    memory_region_add_subregion_overlap(pci_address_space_io(dev),
                                        PIIX_RCR_IOPORT, &s->rcr_mem, 1);
    pci_bus_irqs(bus, piix3_set_irq, piix3_pci_slot_get_pirq, s,
                 PIIX_NUM_PIRQS);
    piix3_reset(dev);
    return true;
}

static void piix3_exit(PCIDevice *dev)
{
    PIIX3State *s = PIIX3(dev);

    memory_region_del_subregion(pci_address_space_io(dev), &s->rcr_mem);
    pci_bus_irqs(pci_get_bus(dev), NULL, NULL, NULL, 0);
}

PCIDevice *piix3_create(PCIBus *bus, int devfn, ISABus **isa_bus,
                        Error **errp)
{
    DeviceState *dev = qdev_new(TYPE_PIIX3_DEVICE);

    object_property_set_int(OBJECT(dev), "addr", devfn, &error_abort);
    object_property_set_bool(OBJECT(dev), "multifunction", true,
                             &error_abort);
    if (!qdev_realize_and_unref(dev, BUS(bus), errp)) {
        return NULL;
    }
    if (isa_bus) {
        *isa_bus = PIIX3(dev)->isa_bus;
    }
    return PCI_DEVICE(dev);
}

static void piix3_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    PCIDeviceClass *k = PCI_DEVICE_CLASS(klass);

    k->realize = piix3_realize;
    k->exit = piix3_exit;
    k->reset = piix3_reset;
    k->config_write = piix3_write_config;
    k->vendor_id = PCI_VENDOR_ID_INTEL;
    k->device_id = PCI_DEVICE_ID_INTEL_82371SB_0;
    k->class_id = PCI_CLASS_BRIDGE_ISA;
    dc->desc = "ISA bridge";
    /* Part of the chipset: created by the board only. */
    dc->user_creatable = false;
    dc->hotpluggable = false;
}

static const TypeInfo piix3_type = {
    .name = TYPE_PIIX3_DEVICE,
    .parent = TYPE_PCI_DEVICE,
    .instance_size = sizeof(PIIX3State),
    .class_init = piix3_class_init,
    .interfaces = (InterfaceInfo[]) {
        { INTERFACE_CONVENTIONAL_PCI_DEVICE },
        { },
    },
};

static void piix3_register_types(void)
{
    type_register_static(&piix3_type);
}

type_init(piix3_register_types)
