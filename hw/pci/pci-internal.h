/*
 * pci-internal.h: what the files of hw/pci/ share and device models do
 * not see: the bus structure and the core's helpers across files.
 */
#ifndef HW_PCI_PCI_INTERNAL_H
#define HW_PCI_PCI_INTERNAL_H

#include "hw/pci/pci.h"

struct PCIBus {
    BusState qbus;
    PCIDevice *devices[256];            /* by devfn */
    MemoryRegion *address_space_mem;
    MemoryRegion *address_space_io;
    uint8_t devfn_min;
    int bus_num;
    /* INTx wiring, set by the interrupt router (pci_bus_irqs). */
    pci_set_irq_fn set_irq;
    pci_map_irq_fn map_irq;
    void *irq_opaque;
    int nirq;
    int *irq_count;                     /* asserted INTx per line */
    PCIHotplugNotify *hotplug_notify;
    void *hotplug_opaque;
};

/* pci-bar.c: map each BAR where its register and the command register
 * say (or nowhere); unmap them all. */
void pci_update_mappings(PCIDevice *d);
void pci_unmap_bars(PCIDevice *d);

/* pci-rom.c: load dev->romfile into the expansion ROM BAR (realize). */
bool pci_add_option_rom(PCIDevice *dev, bool is_default_rom, Error **errp);
void pci_del_option_rom(PCIDevice *dev);

/* Offset of BAR n in config space (the ROM slot is at 0x30). */
static inline int pci_bar_offset(int n)
{
    return n == PCI_ROM_SLOT ? PCI_ROM_ADDRESS : PCI_BASE_ADDRESS_0 + 4 * n;
}

static inline bool pci_ranges_overlap(uint32_t a, uint32_t alen, uint32_t b,
                                      uint32_t blen)
{
    return a < b + blen && b < a + alen;
}

#endif
