/*
 * pci-rom.c: the expansion ROM of a PCI function (romfile=, romsize=,
 * rombar=), loaded from a file into a ROM region behind BAR 6.
 *
 * The option ROM layout (PCI Firmware Specification 3.0, 5.1): 0x55 0xAA,
 * at offset 0x18 a pointer to the "PCIR" data structure holding the
 * vendor and device ID the BIOS matches against the function.
 */
#include "qemu/osdep.h"
#include "hw/pci/pci.h"
#include "hw/pci/pci-internal.h"
#include "sysemu/sysemu.h"

/*
 * The reference patches the IDs of its *default* ROM images (one iPXE
 * image serves several virtio device IDs) and keeps the checksum byte
 * (offset 6, unused by the BIOS header) compensating, so the image still
 * sums to zero.
 */
static void pci_patch_ids(PCIDevice *dev, uint8_t *rom, uint64_t size)
{
    uint16_t vendor = pci_get_word(dev->config + PCI_VENDOR_ID);
    uint16_t device = pci_get_word(dev->config + PCI_DEVICE_ID);
    uint16_t rom_vendor, rom_device;
    uint32_t pcir;
    uint8_t sum_delta;

    if (size < 0x1c || rom[0] != 0x55 || rom[1] != 0xaa) {
        return;
    }
    pcir = pci_get_word(rom + 0x18);
    if (pcir + 8 > size || memcmp(rom + pcir, "PCIR", 4)) {
        return;
    }
    rom_vendor = pci_get_word(rom + pcir + 4);
    rom_device = pci_get_word(rom + pcir + 6);
    if (rom_vendor == vendor && rom_device == device) {
        return;
    }
    sum_delta = (rom_vendor & 0xff) + (rom_vendor >> 8) + (rom_device & 0xff) +
                (rom_device >> 8) - (vendor & 0xff) - (vendor >> 8) -
                (device & 0xff) - (device >> 8);
    pci_set_word(rom + pcir + 4, vendor);
    pci_set_word(rom + pcir + 6, device);
    rom[6] += sum_delta;
}

bool pci_add_option_rom(PCIDevice *dev, bool is_default_rom, Error **errp)
{
    g_autofree char *path = NULL;
    g_autofree char *name = NULL;
    gchar *data = NULL;
    gsize size;
    GError *gerr = NULL;
    uint8_t *ptr;

    if (!dev->romfile || !*dev->romfile) {
        return true;
    }
    if (!dev->rom_bar) {
        /* Passed to the firmware through fw_cfg by the board instead. */
        return true;
    }
    path = qemu_find_file(dev->romfile);
    if (!path) {
        path = g_strdup(dev->romfile);
    }
    if (!g_file_get_contents(path, &data, &size, &gerr)) {
        g_error_free(gerr);
        error_setg(errp, "failed to find romfile \"%s\"", dev->romfile);
        return false;
    }
    if (size == 0) {
        g_free(data);
        error_setg(errp, "romfile \"%s\" is empty", dev->romfile);
        return false;
    }
    if (size > 2 * GiB) {
        g_free(data);
        error_setg(errp, "romfile \"%s\" too large (size cannot exceed 2 "
                   "GiB)", dev->romfile);
        return false;
    }
    if (dev->rom_size != UINT32_MAX) {
        if (size > dev->rom_size) {
            g_free(data);
            error_setg(errp, "romfile \"%s\" (%u bytes) is too large for "
                       "ROM size %u", dev->romfile, (uint32_t)size,
                       dev->rom_size);
            return false;
        }
    } else {
        dev->rom_size = 1;
        while (dev->rom_size < size) {
            dev->rom_size <<= 1;
        }
    }
    name = g_strdup_printf("%s.rom", object_get_typename(OBJECT(dev)));
    if (!memory_region_init_rom(&dev->rom, OBJECT(dev), name, dev->rom_size,
                                errp)) {
        g_free(data);
        return false;
    }
    dev->has_rom = true;
    ptr = memory_region_get_ram_ptr(&dev->rom);
    memcpy(ptr, data, size);
    g_free(data);
    if (is_default_rom) {
        pci_patch_ids(dev, ptr, size);
    }
    pci_register_bar(dev, PCI_ROM_SLOT, 0, &dev->rom);
    return true;
}

void pci_del_option_rom(PCIDevice *dev)
{
    if (!dev->has_rom) {
        return;
    }
    dev->has_rom = false;
    object_unparent(OBJECT(&dev->rom));
}
