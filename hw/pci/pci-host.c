/*
 * pci-host.c: TYPE_PCI_HOST_BRIDGE, configuration mechanism #1.
 *
 * PCI Local Bus Specification 3.0, 3.2.2.3.2: software writes
 * CONFIG_ADDRESS (0xcf8) as a dword, then accesses CONFIG_DATA
 * (0xcfc-0xcff).  Only dword writes reach CONFIG_ADDRESS (byte and word
 * writes to 0xcf8-0xcfb are ordinary I/O that the bridge passes on; here
 * they are ignored, and the PIIX3 decodes its reset control register at
 * 0xcf9 above this region).  With the enable bit (31) clear, CONFIG_DATA
 * reads as all ones and writes are dropped.  A dword written at 0xcf8
 * must reach this region whole even though 0xcf9 belongs to the PIIX3:
 * the memory core dispatches an I/O access to the region of its first
 * byte.
 */
#include "qemu/osdep.h"
#include "hw/pci/pci_host.h"
#include "hw/pci/pci-internal.h"

#define CONFIG_ADDRESS_ENABLE 0x80000000u

void pci_data_write(PCIBus *bus, uint32_t addr, uint32_t val, int len)
{
    if (!(addr & CONFIG_ADDRESS_ENABLE)) {
        return;
    }
    pci_host_config_write(bus, addr & 0x00ffffff, val, len);
}

uint32_t pci_data_read(PCIBus *bus, uint32_t addr, int len)
{
    if (!(addr & CONFIG_ADDRESS_ENABLE)) {
        return len == 4 ? ~0u : (1u << (8 * len)) - 1;
    }
    return pci_host_config_read(bus, addr & 0x00ffffff, len);
}

static void pci_host_conf_write(void *opaque, hwaddr addr, uint64_t val,
                                unsigned len)
{
    PCIHostState *s = opaque;

    if (addr != 0 || len != 4) {
        return;
    }
    s->config_reg = val;
}

/*
 * As on the reference, a narrower read anywhere in 0xcf8-0xcfb returns
 * the low bytes of the register.
 */
static uint64_t pci_host_conf_read(void *opaque, hwaddr addr, unsigned len)
{
    PCIHostState *s = opaque;

    return s->config_reg & (len == 4 ? 0xffffffffu : (1u << (8 * len)) - 1);
}

/*
 * The low bits of the data port select the byte.  The reference keeps
 * whatever was written to bits 1:0 of CONFIG_ADDRESS and ORs the port
 * bits in; so does this.
 */
static void pci_host_data_write(void *opaque, hwaddr addr, uint64_t val,
                                unsigned len)
{
    PCIHostState *s = opaque;

    pci_data_write(s->bus, s->config_reg | (addr & 3), val, len);
}

static uint64_t pci_host_data_read(void *opaque, hwaddr addr, unsigned len)
{
    PCIHostState *s = opaque;

    return pci_data_read(s->bus, s->config_reg | (addr & 3), len);
}

static const MemoryRegionOps pci_host_conf_ops = {
    .read = pci_host_conf_read,
    .write = pci_host_conf_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

static const MemoryRegionOps pci_host_data_ops = {
    .read = pci_host_data_read,
    .write = pci_host_data_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

static void pci_host_instance_init(Object *obj)
{
    PCIHostState *s = PCI_HOST_BRIDGE(obj);

    memory_region_init_io(&s->conf_mem, obj, &pci_host_conf_ops, s,
                          "pci-conf-idx", 4);
    memory_region_init_io(&s->data_mem, obj, &pci_host_data_ops, s,
                          "pci-conf-data", 4);
}

/* A system reset clears CONFIG_ADDRESS (the enable bit included). */
static void pci_host_reset(DeviceState *dev)
{
    PCI_HOST_BRIDGE(dev)->config_reg = 0;
}

static Property pci_host_props[] = {
    DEFINE_PROP_BOOL("x-config-reg-migration-enabled", PCIHostState,
                     mig_enabled, true),
    DEFINE_PROP_BOOL("bypass-iommu", PCIHostState, bypass_iommu, false),
    DEFINE_PROP_END_OF_LIST(),
};

static void pci_host_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->reset = pci_host_reset;
    device_class_set_props(dc, pci_host_props);
}

static const TypeInfo pci_host_type = {
    .name = TYPE_PCI_HOST_BRIDGE,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(PCIHostState),
    .instance_init = pci_host_instance_init,
    .abstract = true,
    .class_init = pci_host_class_init,
};

static void pci_host_register_types(void)
{
    type_register_static(&pci_host_type);
}

type_init(pci_host_register_types)
