/*
 * pci-bar.c: Base Address Registers (PCI LB 6.2.5): registration, the
 * sizing masks, and mapping each BAR's region into the bus's memory or
 * I/O container where the BAR and the command register say; and DMA
 * through a function's bus master address space.
 */
#include "qemu/osdep.h"
#include "hw/pci/pci.h"
#include "hw/pci/pci-internal.h"

void pci_register_bar(PCIDevice *dev, int region_num, uint8_t type,
                      MemoryRegion *memory)
{
    PCIBus *bus = pci_get_bus(dev);
    PCIBarRegion *r;
    uint64_t size = memory_region_size(memory);
    uint64_t wmask;
    int off;

    assert(region_num >= 0 && region_num < PCI_NUM_REGIONS);
    assert(size && !(size & (size - 1)));
    r = &dev->io_regions[region_num];
    r->addr = PCI_BAR_UNMAPPED;
    r->size = size;
    r->type = type;
    r->memory = memory;
    r->address_space = type & PCI_BASE_ADDRESS_SPACE_IO ?
                       bus->address_space_io : bus->address_space_mem;

    /* Sizing: the low bits below the size read back as zero. */
    wmask = ~(size - 1);
    if (region_num == PCI_ROM_SLOT) {
        wmask |= PCI_ROM_ADDRESS_ENABLE;
    }
    off = pci_bar_offset(region_num);
    pci_set_long(dev->config + off, type);
    if (!(type & PCI_BASE_ADDRESS_SPACE_IO) &&
        (type & PCI_BASE_ADDRESS_MEM_TYPE_64)) {
        pci_set_quad(dev->wmask + off, wmask);
        pci_set_quad(dev->cmask + off, ~0ULL);
    } else {
        pci_set_long(dev->wmask + off, wmask & 0xffffffff);
        pci_set_long(dev->cmask + off, 0xffffffff);
    }
}

/*
 * Where BAR n decodes now, or PCI_BAR_UNMAPPED: its space must be enabled
 * in the command register, the ROM needs its enable bit, and an address
 * of 0 or one that wraps (or, for 32-bit BARs, crosses 4 GiB) is treated
 * as "not programmed", as firmware and the reference do.
 */
static pcibus_t pci_bar_address(PCIDevice *d, int n)
{
    PCIBarRegion *r = &d->io_regions[n];
    uint16_t cmd = pci_get_word(d->config + PCI_COMMAND);
    int off = pci_bar_offset(n);
    pcibus_t addr, last;

    if (r->type & PCI_BASE_ADDRESS_SPACE_IO) {
        if (!(cmd & PCI_COMMAND_IO)) {
            return PCI_BAR_UNMAPPED;
        }
        addr = pci_get_long(d->config + off) & ~(r->size - 1);
        last = addr + r->size - 1;
        if (last <= addr || last >= UINT32_MAX || addr == 0) {
            return PCI_BAR_UNMAPPED;
        }
        return addr;
    }
    if (!(cmd & PCI_COMMAND_MEMORY)) {
        return PCI_BAR_UNMAPPED;
    }
    if (r->type & PCI_BASE_ADDRESS_MEM_TYPE_64) {
        addr = pci_get_quad(d->config + off);
    } else {
        addr = pci_get_long(d->config + off);
    }
    if (n == PCI_ROM_SLOT && !(addr & PCI_ROM_ADDRESS_ENABLE)) {
        return PCI_BAR_UNMAPPED;
    }
    addr &= ~(r->size - 1);
    last = addr + r->size - 1;
    if (last <= addr || last == PCI_BAR_UNMAPPED || addr == 0) {
        return PCI_BAR_UNMAPPED;
    }
    if (!(r->type & PCI_BASE_ADDRESS_MEM_TYPE_64) && last >= UINT32_MAX) {
        return PCI_BAR_UNMAPPED;
    }
    return addr;
}

/* Move each BAR's region to where the BAR and command register say. */
void pci_update_mappings(PCIDevice *d)
{
    int i;

    memory_region_transaction_begin();
    for (i = 0; i < PCI_NUM_REGIONS; i++) {
        PCIBarRegion *r = &d->io_regions[i];
        pcibus_t new_addr;

        if (!r->size) {
            continue;
        }
        new_addr = pci_bar_address(d, i);
        if (new_addr == r->addr) {
            continue;
        }
        if (r->addr != PCI_BAR_UNMAPPED) {
            memory_region_del_subregion(r->address_space, r->memory);
        }
        r->addr = new_addr;
        if (new_addr != PCI_BAR_UNMAPPED) {
            /* Priority 1: above the board's ROMs in the PCI space. */
            memory_region_add_subregion_overlap(r->address_space, new_addr,
                                                r->memory, 1);
        }
    }
    memory_region_transaction_commit();
}

void pci_unmap_bars(PCIDevice *d)
{
    int i;

    memory_region_transaction_begin();
    for (i = 0; i < PCI_NUM_REGIONS; i++) {
        PCIBarRegion *r = &d->io_regions[i];

        if (r->size && r->addr != PCI_BAR_UNMAPPED) {
            memory_region_del_subregion(r->address_space, r->memory);
            r->addr = PCI_BAR_UNMAPPED;
        }
    }
    memory_region_transaction_commit();
}

/* ---- DMA ---- */

AddressSpace *pci_get_address_space(PCIDevice *dev)
{
    return &dev->bus_master_as;
}

MemTxResult pci_dma_read(PCIDevice *dev, uint64_t addr, void *buf,
                         uint64_t len)
{
    return address_space_read(&dev->bus_master_as, addr,
                              MEMTXATTRS_UNSPECIFIED, buf, len);
}

MemTxResult pci_dma_write(PCIDevice *dev, uint64_t addr, const void *buf,
                          uint64_t len)
{
    return address_space_write(&dev->bus_master_as, addr,
                               MEMTXATTRS_UNSPECIFIED, buf, len);
}

