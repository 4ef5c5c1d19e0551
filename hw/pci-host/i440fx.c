/*
 * i440fx.c: the Intel 82441FX PCI and memory controller: the host bridge
 * ("i440FX-pcihost", configuration mechanism #1 and the root bus) and its
 * PCI function 00.0 ("i440FX") with the PAM and SMRAM registers.
 *
 * Reference: Intel 440FX PCIset 82441FX (PMC) and 82442FX (DBX) datasheet,
 * order number 290549: 3.2.18 PAM registers, 3.2.22 SMRAM register.
 * See include/hw/pci-host/i440fx.h for the register summary.
 */
#include "qemu/osdep.h"
#include "hw/pci-host/i440fx.h"
#include "hw/pci/pci-internal.h"

#define I440FX_PCI_HOST_BRIDGE(obj) \
    OBJECT_CHECK(I440FXState, (obj), TYPE_I440FX_PCI_HOST_BRIDGE)
#define I440FX_PCI_DEVICE(obj) \
    OBJECT_CHECK(PCII440FXState, (obj), TYPE_I440FX_PCI_DEVICE)

/* The 32-bit PCI hole ends where the IOAPIC and the firmware sit. */
#define I440FX_PCI_HOLE_END 0xfec00000ULL
#define I440FX_HOLE64_SIZE_DEFAULT (2 * GiB)

#define PAM_NUM_SEGMENTS 13
#define PAM_BIOS_BASE 0xf0000
#define PAM_BIOS_SIZE 0x10000
#define PAM_EXPAN_BASE 0xc0000
#define PAM_EXPAN_SIZE 0x4000

/* The two-bit attribute of a PAM field (datasheet 3.2.18). */
enum {
    PAM_PCI = 0,        /* reads and writes go to PCI */
    PAM_RE = 1,         /* reads from DRAM, DRAM write-protected */
    PAM_WE = 2,         /* writes to DRAM (mapped read/write, see below) */
    PAM_RW = 3,         /* DRAM */
};

typedef struct I440FXState {
    PCIHostState parent_obj;
    /* properties */
    uint64_t pci_hole64_size;
    uint32_t short_root_bus;
    bool pci_hole64_fix;
    /* set by i440fx_init */
    I440FXSetup setup;
} I440FXState;

/* One PAM segment: an alias per attribute value, one of them enabled. */
typedef struct PAMSegment {
    MemoryRegion alias[4];
    unsigned current;
} PAMSegment;

typedef struct PCII440FXState {
    PCIDevice parent_obj;
    I440FXState *host;
    PAMSegment pam[PAM_NUM_SEGMENTS];
    MemoryRegion smram_region;      /* 0xa0000: the PCI space (VGA) */
    MemoryRegion smram;             /* what SMM CPUs see above memory */
    MemoryRegion low_smram;         /* DRAM behind 0xa0000 in smram */
    uint8_t ram_size_reg;
} PCII440FXState;

/* ---- memory steering ---- */

static void pam_set(PAMSegment *seg, unsigned attr)
{
    if (seg->current == attr) {
        return;
    }
    memory_region_set_enabled(&seg->alias[seg->current], false);
    memory_region_set_enabled(&seg->alias[attr], true);
    seg->current = attr;
}

/*
 * Segment 0 is 0xf0000-0xfffff in the high nibble of PAM0 (0x59); then
 * two 16 KiB segments per register from 0xc0000, low nibble first.
 */
static void i440fx_update_memory_mappings(PCII440FXState *f)
{
    uint8_t *config = PCI_DEVICE(f)->config;
    uint8_t smram = config[I440FX_SMRAM];
    int i;

    memory_region_transaction_begin();
    for (i = 0; i < PAM_NUM_SEGMENTS; i++) {
        uint8_t reg = config[I440FX_PAM + (i + 1) / 2];

        pam_set(&f->pam[i], (i & 1) ? reg & 3 : (reg >> 4) & 3);
    }
    memory_region_set_enabled(&f->smram_region, !(smram & SMRAM_D_OPEN));
    memory_region_set_enabled(&f->smram, smram & SMRAM_G_SMRAME);
    memory_region_transaction_commit();
}

/*
 * The aliases a segment switches between.  PAM_WE ("writes to DRAM,
 * reads from PCI") would need a region that splits reads from writes;
 * like the reference, it maps DRAM read/write instead, which is what a
 * BIOS copying itself into shadow RAM with that mode ends up with once
 * it switches to PAM_RE.  SeaBIOS uses only 0, 1 and 3.
 */
static void pam_init_segment(PAMSegment *seg, Object *owner,
                             const I440FXSetup *s, hwaddr start,
                             uint64_t size)
{
    int i;

    memory_region_init_alias(&seg->alias[PAM_RW], owner, "pam-ram", s->ram,
                             start, size);
    memory_region_init_alias(&seg->alias[PAM_RE], owner, "pam-rom", s->ram,
                             start, size);
    memory_region_set_readonly(&seg->alias[PAM_RE], true);
    memory_region_init_alias(&seg->alias[PAM_PCI], owner, "pam-pci",
                             s->pci_memory, start, size);
    memory_region_init_alias(&seg->alias[PAM_WE], owner, "pam-pci", s->ram,
                             start, size);
    memory_region_transaction_begin();
    for (i = 0; i < 4; i++) {
        memory_region_set_enabled(&seg->alias[i], false);
        memory_region_add_subregion_overlap(s->system_memory, start,
                                            &seg->alias[i], 1);
    }
    memory_region_set_enabled(&seg->alias[PAM_PCI], true);
    seg->current = PAM_PCI;
    memory_region_transaction_commit();
}

/* ---- the PCI function ---- */

/*
 * SMRAM (datasheet 3.2.22): bits 6:3 are writable until D_LCK is set;
 * setting D_LCK clears D_OPEN and freezes both until reset.  C_BASE_SEG
 * is hardwired to 010 (0xa0000).
 */
static void i440fx_write_config(PCIDevice *dev, uint32_t addr, uint32_t val,
                                int len)
{
    PCII440FXState *f = I440FX_PCI_DEVICE(dev);

    pci_default_write_config(dev, addr, val, len);
    if (pci_ranges_overlap(addr, len, I440FX_SMRAM, 1) &&
        (dev->config[I440FX_SMRAM] & SMRAM_D_LCK)) {
        dev->config[I440FX_SMRAM] &= ~SMRAM_D_OPEN;
        dev->wmask[I440FX_SMRAM] &= ~(SMRAM_D_OPEN | SMRAM_D_LCK);
    }
    if (pci_ranges_overlap(addr, len, I440FX_PAM, I440FX_PAM_SIZE) ||
        pci_ranges_overlap(addr, len, I440FX_SMRAM, 1)) {
        i440fx_update_memory_mappings(f);
    }
}

/*
 * SMRAM returns to its default (and D_LCK is released) on reset.  PAM is
 * set at power-on only: a system reset keeps the shadowing the guest set
 * up, as the reference does (the datasheet would clear it), so firmware
 * that reboots finds its shadowed image in place.
 */
static void i440fx_reset(PCIDevice *dev)
{
    PCII440FXState *f = I440FX_PCI_DEVICE(dev);

    dev->config[I440FX_SMRAM] = SMRAM_C_BASE_SEG;
    dev->wmask[I440FX_SMRAM] = SMRAM_D_OPEN | SMRAM_D_CLS | SMRAM_D_LCK |
                               SMRAM_G_SMRAME;
    dev->config[I440FX_RAM_SIZE_REG] = f->ram_size_reg;
    i440fx_update_memory_mappings(f);
}

static void i440fx_power_on(PCIDevice *dev)
{
    memset(dev->config + I440FX_PAM, 0, I440FX_PAM_SIZE);
    i440fx_reset(dev);
}

static bool i440fx_realize(PCIDevice *dev, Error **errp)
{
    PCII440FXState *f = I440FX_PCI_DEVICE(dev);
    const I440FXSetup *s;
    int i;

    if (!f->host) {
        error_setg(errp, "%s can only be created by its host bridge",
                   TYPE_I440FX_PCI_DEVICE);
        return false;
    }
    s = &f->host->setup;
    f->ram_size_reg = MIN(s->ram_size / (8 * MiB), 255);

    /* Outside SMM, 0xa0000-0xbffff shows the PCI space while closed. */
    memory_region_init_alias(&f->smram_region, OBJECT(dev), "smram-region",
                             s->pci_memory, 0xa0000, 0x20000);
    memory_region_add_subregion_overlap(s->system_memory, 0xa0000,
                                        &f->smram_region, 1);
    /* SMM CPUs see DRAM there while G_SMRAME is set. */
    memory_region_init(&f->smram, OBJECT(dev), "smram", 4 * GiB);
    memory_region_init_alias(&f->low_smram, OBJECT(dev), "smram-low", s->ram,
                             0xa0000, 0x20000);
    memory_region_add_subregion(&f->smram, 0xa0000, &f->low_smram);

    /* The shadow segments belong to the host bridge, as on the reference. */
    pam_init_segment(&f->pam[0], OBJECT(f->host), s, PAM_BIOS_BASE,
                     PAM_BIOS_SIZE);
    for (i = 1; i < PAM_NUM_SEGMENTS; i++) {
        pam_init_segment(&f->pam[i], OBJECT(f->host), s,
                         PAM_EXPAN_BASE + (i - 1) * PAM_EXPAN_SIZE,
                         PAM_EXPAN_SIZE);
    }
    i440fx_power_on(dev);
    return true;
}

static void i440fx_exit(PCIDevice *dev)
{
    PCII440FXState *f = I440FX_PCI_DEVICE(dev);
    const I440FXSetup *s = &f->host->setup;
    int i, j;

    memory_region_transaction_begin();
    for (i = 0; i < PAM_NUM_SEGMENTS; i++) {
        for (j = 0; j < 4; j++) {
            memory_region_del_subregion(s->system_memory,
                                        &f->pam[i].alias[j]);
            object_unparent(OBJECT(&f->pam[i].alias[j]));
        }
    }
    memory_region_del_subregion(s->system_memory, &f->smram_region);
    memory_region_transaction_commit();
}

MemoryRegion *i440fx_get_smram(PCIDevice *dev)
{
    return &I440FX_PCI_DEVICE(dev)->smram;
}

static void i440fx_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    PCIDeviceClass *k = PCI_DEVICE_CLASS(klass);

    k->realize = i440fx_realize;
    k->exit = i440fx_exit;
    k->reset = i440fx_reset;
    k->config_write = i440fx_write_config;
    k->vendor_id = PCI_VENDOR_ID_INTEL;
    k->device_id = PCI_DEVICE_ID_INTEL_82441;
    k->revision = 0x02;
    k->class_id = PCI_CLASS_BRIDGE_HOST;
    dc->desc = "Host bridge";
    /* Part of the chipset: created by the board only. */
    dc->user_creatable = false;
    dc->hotpluggable = false;
}

/* ---- the host bridge ---- */

static bool i440fx_pcihost_realize(DeviceState *dev, Error **errp)
{
    I440FXState *s = I440FX_PCI_HOST_BRIDGE(dev);
    PCIHostState *phb = PCI_HOST_BRIDGE(dev);

    if (!s->setup.system_io || !phb->bus) {
        error_setg(errp, "%s can only be created by the board",
                   TYPE_I440FX_PCI_HOST_BRIDGE);
        return false;
    }
    memory_region_add_subregion(s->setup.system_io, 0xcf8, &phb->conf_mem);
    memory_region_add_subregion(s->setup.system_io, 0xcfc, &phb->data_mem);
    return true;
}

/* Lowest and highest address of the 64-bit BARs decoded above 4 GiB. */
static bool i440fx_w64_range(I440FXState *s, uint64_t *lob, uint64_t *upb)
{
    PCIBus *bus = PCI_HOST_BRIDGE(s)->bus;
    bool found = false;
    int devfn, i;

    for (devfn = 0; bus && devfn < 256; devfn++) {
        PCIDevice *d = bus->devices[devfn];

        for (i = 0; d && i < PCI_NUM_REGIONS; i++) {
            PCIBarRegion *r = &d->io_regions[i];
            uint64_t lo, hi;

            if (!r->size || (r->type & PCI_BASE_ADDRESS_SPACE_IO) ||
                !(r->type & PCI_BASE_ADDRESS_MEM_TYPE_64) ||
                r->addr == PCI_BAR_UNMAPPED) {
                continue;
            }
            lo = MAX(r->addr, 4 * GiB);
            hi = r->addr + r->size - 1;
            if (hi < lo) {
                continue;
            }
            *lob = found ? MIN(*lob, lo) : lo;
            *upb = found ? MAX(*upb, hi) : hi;
            found = true;
        }
    }
    return found;
}

static uint64_t i440fx_hole64_start(I440FXState *s)
{
    uint64_t lob = 0, upb;

    if (!i440fx_w64_range(s, &lob, &upb)) {
        lob = 0;
    }
    if (!lob && s->pci_hole64_fix) {
        lob = s->setup.pci_hole64_start;
        if (!lob) {
            lob = QEMU_ALIGN_UP(4 * GiB + s->setup.above_4g_mem_size, GiB);
        }
    }
    return lob;
}

static uint64_t i440fx_hole64_end(I440FXState *s)
{
    uint64_t start = i440fx_hole64_start(s);
    uint64_t lob, upb, value = 0, end;

    if (i440fx_w64_range(s, &lob, &upb)) {
        value = upb + 1;
    }
    end = QEMU_ALIGN_UP(start + s->pci_hole64_size, GiB);
    if (s->pci_hole64_fix && value < end) {
        value = end;
    }
    return value;
}

static json_t *prop_get_hole_start(Object *obj, ObjectProperty *op,
                                   Error **errp)
{
    return json_integer(I440FX_PCI_HOST_BRIDGE(obj)->setup.below_4g_mem_size);
}

static json_t *prop_get_hole_end(Object *obj, ObjectProperty *op,
                                 Error **errp)
{
    return json_integer(I440FX_PCI_HOLE_END);
}

static json_t *prop_get_hole64_start(Object *obj, ObjectProperty *op,
                                     Error **errp)
{
    return qom_json_uint(i440fx_hole64_start(I440FX_PCI_HOST_BRIDGE(obj)));
}

static json_t *prop_get_hole64_end(Object *obj, ObjectProperty *op,
                                   Error **errp)
{
    return qom_json_uint(i440fx_hole64_end(I440FX_PCI_HOST_BRIDGE(obj)));
}

static Property i440fx_pcihost_props[] = {
    DEFINE_PROP_SIZE("pci-hole64-size", I440FXState, pci_hole64_size,
                     I440FX_HOLE64_SIZE_DEFAULT),
    DEFINE_PROP_UINT32("short_root_bus", I440FXState, short_root_bus, 0),
    DEFINE_PROP_BOOL("x-pci-hole64-fix", I440FXState, pci_hole64_fix, true),
    DEFINE_PROP_END_OF_LIST(),
};

static void i440fx_pcihost_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = i440fx_pcihost_realize;
    dc->fw_name = "pci";
    dc->user_creatable = false;
    device_class_set_props(dc, i440fx_pcihost_props);
    object_class_property_add(klass, "pci-hole-start", "uint32",
                              prop_get_hole_start, NULL, NULL, NULL);
    object_class_property_add(klass, "pci-hole-end", "uint32",
                              prop_get_hole_end, NULL, NULL, NULL);
    object_class_property_add(klass, "pci-hole64-start", "uint64",
                              prop_get_hole64_start, NULL, NULL, NULL);
    object_class_property_add(klass, "pci-hole64-end", "uint64",
                              prop_get_hole64_end, NULL, NULL, NULL);
}

/* ---- the board's entry point ---- */

PCIBus *i440fx_init(const I440FXSetup *setup, PCIDevice **pi440fx,
                    Error **errp)
{
    DeviceState *dev = qdev_new(TYPE_I440FX_PCI_HOST_BRIDGE);
    I440FXState *s = I440FX_PCI_HOST_BRIDGE(dev);
    PCIHostState *phb = PCI_HOST_BRIDGE(dev);
    Object *machine = qdev_get_machine();
    DeviceState *fdev;
    PCIBus *bus;

    s->setup = *setup;
    bus = pci_root_bus_new(dev, NULL, setup->pci_memory, setup->system_io, 0);
    phb->bus = bus;
    if (machine) {
        object_property_add_child(machine, "i440fx", OBJECT(dev));
    }
    if (!sysbus_realize_and_unref(SYS_BUS_DEVICE(dev), errp)) {
        return NULL;
    }
    /* PCI addresses show wherever RAM and devices do not: the holes. */
    memory_region_add_subregion_overlap(setup->system_memory, 0,
                                        setup->pci_memory, -1);

    fdev = qdev_new(TYPE_I440FX_PCI_DEVICE);
    I440FX_PCI_DEVICE(fdev)->host = s;
    object_property_set_int(OBJECT(fdev), "addr", 0, &error_abort);
    if (!qdev_realize_and_unref(fdev, &bus->qbus, errp)) {
        return NULL;
    }
    if (pi440fx) {
        *pi440fx = PCI_DEVICE(fdev);
    }
    return bus;
}

static const TypeInfo i440fx_types[] = {
    {
        .name = TYPE_I440FX_PCI_HOST_BRIDGE,
        .parent = TYPE_PCI_HOST_BRIDGE,
        .instance_size = sizeof(I440FXState),
        .class_init = i440fx_pcihost_class_init,
    },
    {
        .name = TYPE_I440FX_PCI_DEVICE,
        .parent = TYPE_PCI_DEVICE,
        .instance_size = sizeof(PCII440FXState),
        .class_init = i440fx_class_init,
        .interfaces = (InterfaceInfo[]) {
            { INTERFACE_CONVENTIONAL_PCI_DEVICE },
            { },
        },
    },
};

static void i440fx_register_types(void)
{
    type_register_static_array(i440fx_types, ARRAY_SIZE(i440fx_types));
}

type_init(i440fx_register_types)
