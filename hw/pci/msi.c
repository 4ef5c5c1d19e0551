/*
 * msi.c: the capability list of a PCI function and the MSI capability.
 *
 * Capabilities (PCI LB 6.7) form a list: Capabilities Pointer (0x34) ->
 * each entry's ID byte and next pointer; Status bit 4 says the list
 * exists.  New capabilities go at the head, as the reference adds them.
 *
 * MSI (PCI LB 6.8.1): a function writes a 16-bit message (zero-extended
 * to a dword) to the address the guest programmed; with N vectors enabled
 * the low log2(N) bits of the data carry the vector number.  With
 * per-vector masking a masked vector only sets its pending bit and is
 * sent when unmasked.  The write goes through the function's bus master
 * address space, as a real device's memory write would: the guest must
 * have set Bus Master Enable, and the interrupt controller's MSI window
 * (0xfee00000 on the PC) turns it into an interrupt.
 */
#include "qemu/osdep.h"
#include "hw/pci/pci.h"
#include "hw/pci/pci-internal.h"

/* ---- capability list ---- */

/* First dword-aligned gap of size bytes past the standard header. */
static int pci_find_space(PCIDevice *dev, uint8_t size)
{
    int offset, i;

    for (offset = PCI_CONFIG_HEADER_SIZE;
         offset + size <= PCI_CONFIG_SPACE_SIZE; offset += 4) {
        for (i = 0; i < size && !dev->used[offset + i]; i++) {
        }
        if (i == size) {
            return offset;
        }
    }
    return 0;
}

/* Offset of the list entry before cap_id's (0: the pointer register). */
static uint8_t pci_find_capability_at(PCIDevice *dev, uint8_t cap_id,
                                      uint8_t *prev_p)
{
    uint8_t prev = PCI_CAPABILITY_LIST, next;
    int guard = 0;

    if (!(pci_get_word(dev->config + PCI_STATUS) & PCI_STATUS_CAP_LIST)) {
        return 0;
    }
    /* A list is at most 48 entries long (192 bytes / 4): stop on loops. */
    for (next = dev->config[prev]; next && guard < 48;
         prev = next + PCI_CAP_LIST_NEXT, next = dev->config[prev], guard++) {
        if (dev->config[next + PCI_CAP_LIST_ID] == cap_id) {
            break;
        }
    }
    if (prev_p) {
        *prev_p = prev;
    }
    return guard < 48 ? next : 0;
}

uint8_t pci_find_capability(PCIDevice *dev, uint8_t cap_id)
{
    return pci_find_capability_at(dev, cap_id, NULL);
}

int pci_add_capability(PCIDevice *dev, uint8_t cap_id, uint8_t offset,
                       uint8_t size, Error **errp)
{
    int i;

    if (!offset) {
        offset = pci_find_space(dev, size);
        if (!offset) {
            error_setg(errp, "%s: no room for PCI capability %x of %u bytes",
                       dev->name, cap_id, size);
            return -1;
        }
    } else {
        if (offset < PCI_CONFIG_HEADER_SIZE ||
            offset + size > PCI_CONFIG_SPACE_SIZE) {
            error_setg(errp, "%s: PCI capability %x at offset %x is outside "
                       "the device-specific configuration space", dev->name,
                       cap_id, offset);
            return -1;
        }
        for (i = offset; i < offset + size; i++) {
            if (dev->used[i]) {
                error_setg(errp, "%s:%02x:%02x.%x Attempt to add PCI "
                           "capability %x at offset %x overlaps existing "
                           "capability at offset %x", dev->name,
                           pci_bus_num(pci_get_bus(dev)), PCI_SLOT(dev->devfn),
                           PCI_FUNC(dev->devfn), cap_id, offset, i);
                return -1;
            }
        }
    }
    dev->config[offset + PCI_CAP_LIST_ID] = cap_id;
    dev->config[offset + PCI_CAP_LIST_NEXT] = dev->config[PCI_CAPABILITY_LIST];
    dev->config[PCI_CAPABILITY_LIST] = offset;
    pci_set_word(dev->config + PCI_STATUS,
                 pci_get_word(dev->config + PCI_STATUS) | PCI_STATUS_CAP_LIST);
    memset(dev->used + offset, 0xff, size);
    /* Read-only unless the capability's code opens bits up. */
    memset(dev->wmask + offset, 0, size);
    memset(dev->w1cmask + offset, 0, size);
    memset(dev->cmask + offset, 0xff, size);
    return offset;
}

void pci_del_capability(PCIDevice *dev, uint8_t cap_id, uint8_t size)
{
    uint8_t prev, offset = pci_find_capability_at(dev, cap_id, &prev);

    if (!offset) {
        return;
    }
    dev->config[prev] = dev->config[offset + PCI_CAP_LIST_NEXT];
    /* The bytes become ordinary device-specific space again. */
    memset(dev->wmask + offset, 0xff, size);
    memset(dev->w1cmask + offset, 0, size);
    memset(dev->cmask + offset, 0, size);
    memset(dev->used + offset, 0, size);
    memset(dev->config + offset, 0, size);
    if (!dev->config[PCI_CAPABILITY_LIST]) {
        pci_set_word(dev->config + PCI_STATUS,
                     pci_get_word(dev->config + PCI_STATUS) &
                     ~PCI_STATUS_CAP_LIST);
    }
}

/* ---- MSI ---- */

static uint16_t msi_flags(const PCIDevice *dev)
{
    return pci_get_word(dev->config + dev->msi_cap + PCI_MSI_FLAGS);
}

static bool msi_64bit(uint16_t flags)
{
    return flags & PCI_MSI_FLAGS_64BIT;
}

static unsigned msi_cap_size(uint16_t flags)
{
    unsigned size = msi_64bit(flags) ? 0x0e : 0x0a;

    return flags & PCI_MSI_FLAGS_MASKBIT ? size + 0x0a : size;
}

static unsigned msi_data_off(uint16_t flags)
{
    return msi_64bit(flags) ? PCI_MSI_DATA_64 : PCI_MSI_DATA_32;
}

static unsigned msi_mask_off(uint16_t flags)
{
    return msi_64bit(flags) ? PCI_MSI_MASK_64 : PCI_MSI_MASK_32;
}

static unsigned msi_pending_off(uint16_t flags)
{
    return msi_64bit(flags) ? PCI_MSI_PENDING_64 : PCI_MSI_PENDING_32;
}

bool msi_enabled(const PCIDevice *dev)
{
    return dev->msi_cap && (msi_flags(dev) & PCI_MSI_FLAGS_ENABLE);
}

unsigned msi_nr_vectors_allocated(const PCIDevice *dev)
{
    if (!msi_enabled(dev)) {
        return 0;
    }
    return 1u << ((msi_flags(dev) & PCI_MSI_FLAGS_QSIZE) >> 4);
}

int msi_init(PCIDevice *dev, uint8_t offset, unsigned nr_vectors,
             bool msi64bit, bool per_vector_mask, Error **errp)
{
    unsigned log2 = 0;
    uint16_t flags;
    int off;

    if (nr_vectors < 1 || nr_vectors > 32 ||
        (nr_vectors & (nr_vectors - 1))) {
        error_setg(errp, "MSI: %u vectors requested; 1, 2, 4, 8, 16 or 32 "
                   "are possible", nr_vectors);
        return -1;
    }
    while ((1u << log2) < nr_vectors) {
        log2++;
    }
    flags = log2 << 1;
    if (msi64bit) {
        flags |= PCI_MSI_FLAGS_64BIT;
    }
    if (per_vector_mask) {
        flags |= PCI_MSI_FLAGS_MASKBIT;
    }
    off = pci_add_capability(dev, PCI_CAP_ID_MSI, offset,
                             msi_cap_size(flags), errp);
    if (off < 0) {
        return off;
    }
    dev->msi_cap = off;
    pci_set_word(dev->config + off + PCI_MSI_FLAGS, flags);
    /* Enable and Multiple Message Enable (PCI LB 6.8.1.3). */
    pci_set_word(dev->wmask + off + PCI_MSI_FLAGS,
                 PCI_MSI_FLAGS_QSIZE | PCI_MSI_FLAGS_ENABLE);
    pci_set_long(dev->wmask + off + PCI_MSI_ADDRESS_LO, 0xfffffffc);
    if (msi64bit) {
        pci_set_long(dev->wmask + off + PCI_MSI_ADDRESS_HI, 0xffffffff);
    }
    pci_set_word(dev->wmask + off + msi_data_off(flags), 0xffff);
    if (per_vector_mask) {
        pci_set_long(dev->wmask + off + msi_mask_off(flags),
                     0xffffffffu >> (32 - nr_vectors));
    }
    return off;
}

void msi_uninit(PCIDevice *dev)
{
    if (!dev->msi_cap) {
        return;
    }
    pci_del_capability(dev, PCI_CAP_ID_MSI, msi_cap_size(msi_flags(dev)));
    dev->msi_cap = 0;
}

void msi_reset(PCIDevice *dev)
{
    uint16_t flags;
    unsigned off;

    if (!dev->msi_cap) {
        return;
    }
    off = dev->msi_cap;
    flags = msi_flags(dev) & ~(PCI_MSI_FLAGS_QSIZE | PCI_MSI_FLAGS_ENABLE);
    pci_set_word(dev->config + off + PCI_MSI_FLAGS, flags);
    pci_set_long(dev->config + off + PCI_MSI_ADDRESS_LO, 0);
    if (msi_64bit(flags)) {
        pci_set_long(dev->config + off + PCI_MSI_ADDRESS_HI, 0);
    }
    pci_set_word(dev->config + off + msi_data_off(flags), 0);
    if (flags & PCI_MSI_FLAGS_MASKBIT) {
        pci_set_long(dev->config + off + msi_mask_off(flags), 0);
        pci_set_long(dev->config + off + msi_pending_off(flags), 0);
    }
}

bool msi_is_masked(const PCIDevice *dev, unsigned vector)
{
    uint16_t flags;

    if (!msi_enabled(dev)) {
        return true;
    }
    flags = msi_flags(dev);
    if (!(flags & PCI_MSI_FLAGS_MASKBIT)) {
        return false;
    }
    return pci_get_long(dev->config + dev->msi_cap + msi_mask_off(flags)) &
           (1u << vector);
}

void msi_get_message(PCIDevice *dev, unsigned vector, uint64_t *address,
                     uint32_t *data)
{
    uint16_t flags = msi_flags(dev);
    unsigned off = dev->msi_cap;
    unsigned nr = msi_nr_vectors_allocated(dev);
    uint32_t d = pci_get_word(dev->config + off + msi_data_off(flags));

    *address = pci_get_long(dev->config + off + PCI_MSI_ADDRESS_LO);
    if (msi_64bit(flags)) {
        *address |= (uint64_t)pci_get_long(dev->config + off +
                                           PCI_MSI_ADDRESS_HI) << 32;
    }
    if (nr > 1) {
        d = (d & ~(nr - 1)) | (vector & (nr - 1));
    }
    *data = d;
}

static void msi_send(PCIDevice *dev, unsigned vector)
{
    uint64_t address;
    uint32_t data;
    uint8_t buf[4];
    MemTxAttrs attrs = MEMTXATTRS_UNSPECIFIED;

    msi_get_message(dev, vector, &address, &data);
    pci_set_long(buf, data);
    attrs.requester_id = pci_requester_id(dev);
    address_space_write(&dev->bus_master_as, address, attrs, buf, 4);
}

void msi_notify(PCIDevice *dev, unsigned vector)
{
    uint16_t flags;
    unsigned nr = msi_nr_vectors_allocated(dev);
    unsigned pending;

    if (!nr || vector >= 32 || !dev->bus_master_as_ready) {
        return;
    }
    flags = msi_flags(dev);
    if (msi_is_masked(dev, vector)) {
        pending = dev->msi_cap + msi_pending_off(flags);
        pci_set_long(dev->config + pending,
                     pci_get_long(dev->config + pending) | (1u << vector));
        return;
    }
    msi_send(dev, vector);
}

/*
 * After a write into the capability: the guest may not enable more
 * vectors than the function asks for (MME is clipped to MMC), enabling
 * MSI withdraws INTx (PCI LB 6.8.1.3: a function uses one or the other),
 * and unmasking a pending vector sends it.
 */
void msi_write_config(PCIDevice *dev, uint32_t addr, uint32_t val, int len)
{
    uint16_t flags;
    unsigned off = dev->msi_cap, mme, mmc, nr, i;

    if (!off || !pci_ranges_overlap(addr, len, off,
                                    msi_cap_size(msi_flags(dev)))) {
        return;
    }
    flags = msi_flags(dev);
    mmc = (flags & PCI_MSI_FLAGS_QMASK) >> 1;
    mme = (flags & PCI_MSI_FLAGS_QSIZE) >> 4;
    if (mme > mmc) {
        flags = (flags & ~PCI_MSI_FLAGS_QSIZE) | (mmc << 4);
        pci_set_word(dev->config + off + PCI_MSI_FLAGS, flags);
    }
    if (!(flags & PCI_MSI_FLAGS_ENABLE)) {
        return;
    }
    pci_device_deassert_intx(dev);
    if (!(flags & PCI_MSI_FLAGS_MASKBIT)) {
        return;
    }
    nr = msi_nr_vectors_allocated(dev);
    for (i = 0; i < nr; i++) {
        unsigned pending = off + msi_pending_off(flags);
        uint32_t bits = pci_get_long(dev->config + pending);

        if ((bits & (1u << i)) && !msi_is_masked(dev, i)) {
            pci_set_long(dev->config + pending, bits & ~(1u << i));
            msi_send(dev, i);
        }
    }
}
