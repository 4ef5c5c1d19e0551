/*
 * pcihp.h: the ACPI hotplug registers of the PIIX4 PM function, in the
 * layout QEMU's DSDT drives (the guest's AML reads them on a GPE):
 *
 * "acpi-pci-hotplug" at 0xae00, dwords: +0x00 PCI_UP (slots with a new
 * device; reading clears it), +0x04 PCI_DOWN (slots whose device is being
 * removed), +0x08 PCI_EJ (write: slots the guest has released), +0x0c
 * PCI_RMV (slots whose device can be removed), +0x10 PCI_SEL (bus select;
 * only the root bus, 0, has hotplug), +0x14 PCI_AIDX (write a slot, read
 * its device's acpi-index).  A plug or unplug on the root bus sets the
 * bit and raises GPE0 bit 1.
 *
 * "acpi-cpu-hotplug" at 0xaf00: the legacy CPU presence bitmap (bit N:
 * CPU N present), read-only here (no CPU hotplug on this board yet).
 */
#ifndef HW_ACPI_PCIHP_H
#define HW_ACPI_PCIHP_H

#include "hw/pci/pci.h"

#define ACPI_PCIHP_GPE_BIT 1

/* Set GPE0 status bit `bit` and update the SCI. */
typedef void AcpiGpeRaise(void *opaque, unsigned bit);

typedef struct AcpiPciHpState {
    PCIBus *root;
    bool root_hotplug;          /* acpi-root-pci-hotplug */
    uint32_t up;
    uint32_t down;
    uint32_t bsel;
    uint32_t acpi_index;        /* answer of the last PCI_AIDX write */
    bool ejecting;              /* the guest's eject is unplugging */
    MemoryRegion io;
    MemoryRegion cpu_io;
    uint8_t cpu_present[32];
    AcpiGpeRaise *raise;
    void *opaque;
} AcpiPciHpState;

/* Map both register blocks into io (owned by owner) and watch root. */
void acpi_pcihp_init(AcpiPciHpState *s, Object *owner, MemoryRegion *io,
                     PCIBus *root, bool root_hotplug, AcpiGpeRaise *raise,
                     void *opaque);
void acpi_pcihp_reset(AcpiPciHpState *s);
/* Undo acpi_pcihp_init (the owner is going away). */
void acpi_pcihp_fini(AcpiPciHpState *s, MemoryRegion *io);

#endif
