/*
 * pci_host.h: the base of PCI host bridges (TYPE_PCI_HOST_BRIDGE).
 *
 * A host bridge is a system bus device that owns a root PCI bus and lets
 * the CPU reach its configuration space.  This base implements
 * configuration mechanism #1 (PCI Local Bus Specification 3.0, 3.2.2.3.2):
 * CONFIG_ADDRESS at 0xcf8 (written as a whole dword: bit 31 enable, bus,
 * device, function, register) and CONFIG_DATA at 0xcfc-0xcff (byte, word
 * or dword accesses to the addressed register plus the port's low bits).
 * conf_mem and data_mem are the two I/O regions ("pci-conf-idx",
 * "pci-conf-data"); the concrete bridge maps them (the i440FX at
 * 0xcf8/0xcfc of the I/O space).
 */
#ifndef HW_PCI_PCI_HOST_H
#define HW_PCI_PCI_HOST_H

#include "hw/sysbus.h"
#include "hw/pci/pci.h"

#define TYPE_PCI_HOST_BRIDGE "pci-host-bridge"
#define PCI_HOST_BRIDGE(obj) \
    OBJECT_CHECK(PCIHostState, (obj), TYPE_PCI_HOST_BRIDGE)

typedef struct PCIHostState {
    SysBusDevice busdev;
    /* properties */
    bool mig_enabled;           /* "x-config-reg-migration-enabled" */
    bool bypass_iommu;          /* "bypass-iommu" */
    /* state */
    MemoryRegion conf_mem;
    MemoryRegion data_mem;
    uint32_t config_reg;        /* CONFIG_ADDRESS */
    PCIBus *bus;                /* set by the concrete bridge */
} PCIHostState;

/* Config cycles of mechanism #1 on s->bus (used by the data port). */
void pci_data_write(PCIBus *bus, uint32_t addr, uint32_t val, int len);
uint32_t pci_data_read(PCIBus *bus, uint32_t addr, int len);

#endif
