/*
 * pcihp.c: the ACPI PCI hotplug registers and the legacy CPU presence
 * bitmap of the PIIX4 PM function (see include/hw/acpi/pcihp.h).
 *
 * device_add on the root bus sets the slot's PCI_UP bit and raises the
 * GPE; the guest's AML then scans the slot.  device_del here removes the
 * device at once (the Foundation's qdev semantics), so PCI_DOWN only
 * tells the guest the slot emptied; a guest that releases a slot by
 * itself (PCI_EJ) has its device unplugged as with device_del.
 */
#include "qemu/osdep.h"
#include "hw/acpi/pcihp.h"
#include "hw/pci/pci-internal.h"
#include "hw/boards.h"

#define PCI_UP_BASE 0x00
#define PCI_DOWN_BASE 0x04
#define PCI_EJ_BASE 0x08
#define PCI_RMV_BASE 0x0c
#define PCI_SEL_BASE 0x10
#define PCI_AIDX_BASE 0x14
#define ACPI_PCIHP_SIZE_BYTES 0x18
#define CPU_HOTPLUG_BASE 0xaf00
#define PCIHP_BASE 0xae00

/* Slots whose devices may be removed: none of them may be built in. */
static uint32_t pcihp_removable(AcpiPciHpState *s)
{
    uint32_t slots = ~0u;
    int devfn;

    for (devfn = 0; devfn < 256; devfn++) {
        PCIDevice *d = s->root->devices[devfn];

        if (d && !DEVICE_GET_CLASS(d)->hotpluggable) {
            slots &= ~(1u << PCI_SLOT(devfn));
        }
    }
    return slots;
}

static void pcihp_eject(AcpiPciHpState *s, uint32_t slots)
{
    int devfn;

    s->down &= ~slots;
    s->ejecting = true;
    for (devfn = 0; devfn < 256; devfn++) {
        PCIDevice *d = s->root->devices[devfn];
        g_autofree char *path = NULL;

        if (!d || !(slots & (1u << PCI_SLOT(devfn))) ||
            !DEVICE_GET_CLASS(d)->hotpluggable) {
            continue;
        }
        path = object_get_canonical_path(OBJECT(d));
        qdev_device_del(path, NULL);
    }
    s->ejecting = false;
}

static uint64_t pcihp_read(void *opaque, hwaddr addr, unsigned size)
{
    AcpiPciHpState *s = opaque;
    uint32_t val = 0;

    if (s->bsel != 0 && addr != PCI_SEL_BASE) {
        return 0;
    }
    switch (addr) {
    case PCI_UP_BASE:
        val = s->up;
        s->up = 0;
        break;
    case PCI_DOWN_BASE:
        val = s->down;
        break;
    case PCI_RMV_BASE:
        val = s->root_hotplug ? pcihp_removable(s) : 0;
        break;
    case PCI_SEL_BASE:
        val = s->bsel;
        break;
    case PCI_AIDX_BASE:
        val = s->acpi_index;
        s->acpi_index = 0;
        break;
    default:
        break;
    }
    return val;
}

static void pcihp_write(void *opaque, hwaddr addr, uint64_t data,
                        unsigned size)
{
    AcpiPciHpState *s = opaque;

    switch (addr) {
    case PCI_EJ_BASE:
        if (s->bsel == 0 && s->root_hotplug) {
            pcihp_eject(s, data);
        }
        break;
    case PCI_SEL_BASE:
        s->bsel = data;
        break;
    case PCI_AIDX_BASE: {
        PCIDevice *d = NULL;

        if (s->bsel == 0 && data < 32) {
            d = s->root->devices[PCI_DEVFN(data, 0)];
        }
        s->acpi_index = d ? d->acpi_index : 0;
        break;
    }
    default:
        break;
    }
}

static const MemoryRegionOps pcihp_ops = {
    .read = pcihp_read,
    .write = pcihp_write,
    .valid = { .min_access_size = 4, .max_access_size = 4 },
    .impl = { .min_access_size = 4, .max_access_size = 4 },
};

static void pcihp_notify(void *opaque, PCIDevice *dev, bool plugged)
{
    AcpiPciHpState *s = opaque;
    uint32_t bit = 1u << PCI_SLOT(dev->devfn);

    if (!s->root_hotplug || (!plugged && s->ejecting)) {
        return;
    }
    if (plugged) {
        s->up |= bit;
    } else {
        s->down |= bit;
    }
    s->raise(s->opaque, ACPI_PCIHP_GPE_BIT);
}

/* ---- legacy CPU presence bitmap ---- */

static uint64_t cpuhp_read(void *opaque, hwaddr addr, unsigned size)
{
    AcpiPciHpState *s = opaque;

    return addr < sizeof(s->cpu_present) ? s->cpu_present[addr] : 0;
}

static void cpuhp_write(void *opaque, hwaddr addr, uint64_t data,
                        unsigned size)
{
    /* Switching to the modern CPU hotplug interface is not supported. */
}

static const MemoryRegionOps cpuhp_ops = {
    .read = cpuhp_read,
    .write = cpuhp_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

void acpi_pcihp_reset(AcpiPciHpState *s)
{
    MachineState *ms = current_machine_get();
    unsigned cpus = ms && ms->smp.cpus ? ms->smp.cpus : 1, i;

    s->up = 0;
    s->down = 0;
    s->bsel = 0;
    s->acpi_index = 0;
    memset(s->cpu_present, 0, sizeof(s->cpu_present));
    for (i = 0; i < cpus && i < 8 * sizeof(s->cpu_present); i++) {
        s->cpu_present[i / 8] |= 1 << (i % 8);
    }
}

void acpi_pcihp_init(AcpiPciHpState *s, Object *owner, MemoryRegion *io,
                     PCIBus *root, bool root_hotplug, AcpiGpeRaise *raise,
                     void *opaque)
{
    s->root = root;
    s->root_hotplug = root_hotplug;
    s->raise = raise;
    s->opaque = opaque;
    memory_region_init_io(&s->io, owner, &pcihp_ops, s, "acpi-pci-hotplug",
                          ACPI_PCIHP_SIZE_BYTES);
    memory_region_add_subregion(io, PCIHP_BASE, &s->io);
    memory_region_init_io(&s->cpu_io, owner, &cpuhp_ops, s,
                          "acpi-cpu-hotplug", sizeof(s->cpu_present));
    memory_region_add_subregion(io, CPU_HOTPLUG_BASE, &s->cpu_io);
    pci_bus_set_hotplug_notify(root, pcihp_notify, s);
    acpi_pcihp_reset(s);
}

void acpi_pcihp_fini(AcpiPciHpState *s, MemoryRegion *io)
{
    pci_bus_set_hotplug_notify(s->root, NULL, NULL);
    memory_region_del_subregion(io, &s->io);
    memory_region_del_subregion(io, &s->cpu_io);
}
