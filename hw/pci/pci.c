/*
 * pci.c: the PCI bus ("PCI", named "pci.0" after its host bridge) and the
 * base of every PCI function (TYPE_PCI_DEVICE): placement on the bus,
 * the standard type 0 header, configuration cycles with their masks, INTx
 * routing and reset.  BARs are in pci-bar.c, capabilities and MSI in
 * msi.c, the expansion ROM in pci-rom.c.
 *
 * References: PCI Local Bus Specification 3.0 (PCI LB), chapter 6
 * (configuration space) and 2.2.6 (interrupts).  Messages and property
 * names follow QEMU 7.2, which guests' tools and management stacks see.
 */
#include "qemu/osdep.h"
#include "hw/pci/pci.h"
#include "hw/pci/pci-internal.h"
#include "hw/qdev-core.h"

/* Every root bus, oldest first (query-pci, info pci). */
static GSList *root_bus_list;

/* The largest acpi-index the reference accepts (the ACPI _DSM "device
 * name" instance numbers the firmware builds from it). */
#define PCI_ACPI_INDEX_MAX 16383u

/* ---- the "addr" property: devfn as "SLOT[.FN]" in hex ---- */

static json_t *prop_get_devfn(Object *obj, ObjectProperty *op, Error **errp)
{
    return qdev_propinfo_get_int32(obj, op, errp);
}

/*
 * A string is "SLOT" or "SLOT.FN", both hex (a 0x prefix is allowed, as
 * in the "0x1.0x2" libvirt writes); an integer is the devfn itself, -1
 * meaning "first free slot".
 */
static bool prop_set_devfn(Object *obj, ObjectProperty *op, json_t *value,
                           Error **errp)
{
    int32_t *ptr = qdev_get_prop_ptr(obj, op->opaque);
    const char *str, *p;
    char *end;
    unsigned long slot, fn = 0;

    if (json_is_integer(value)) {
        json_int_t v = json_integer_value(value);

        if (v < -1 || v > 255) {
            error_setg(errp, "Parameter '%s' expects a value between -1 "
                       "and 255", op->name);
            return false;
        }
        *ptr = v;
        return true;
    }
    if (!json_is_string(value)) {
        error_setg(errp, "Invalid parameter type for '%s', expected: "
                   "integer", op->name);
        return false;
    }
    str = json_string_value(value);
    p = str;
    errno = 0;
    slot = strtoul(p, &end, 16);
    if (end == p || errno || (*end != '.' && *end != '\0') || slot > 0x1f) {
        goto invalid;
    }
    if (*end == '.') {
        p = end + 1;
        fn = strtoul(p, &end, 16);
        if (end == p || errno || *end != '\0' || fn > 7) {
            goto invalid;
        }
    }
    *ptr = PCI_DEVFN(slot, fn);
    return true;

invalid:
    error_setg(errp, "Property '%s.%s' doesn't take value '%s'",
               object_get_typename(obj), op->name, str);
    return false;
}

static char *prop_print_devfn(Object *obj, const Property *prop)
{
    int32_t devfn = *(int32_t *)qdev_get_prop_ptr(obj, prop);

    if (devfn < 0) {
        return g_strdup("<unset>");
    }
    return g_strdup_printf("%02x.%x", PCI_SLOT(devfn), PCI_FUNC(devfn));
}

static const PropertyInfo prop_pci_devfn = {
    .name = "int32",
    .description = "Slot and optional function number, example: 06.0 or 06",
    .get = prop_get_devfn,
    .set = prop_set_devfn,
    .set_default_value = qdev_propinfo_set_default_value_int,
    .print = prop_print_devfn,
};

/* ---- small accessors ---- */

PCIBus *pci_get_bus(const PCIDevice *dev)
{
    BusState *b = dev->qdev.parent_bus;

    return b ? PCI_BUS(b) : NULL;
}

int pci_bus_num(PCIBus *bus)
{
    return bus ? bus->bus_num : 0;
}

GSList *pci_root_buses(void)
{
    return root_bus_list;
}

PCIDevice *pci_find_device(PCIBus *bus, int bus_num, uint8_t devfn)
{
    if (!bus || bus->bus_num != bus_num) {
        return NULL;
    }
    return bus->devices[devfn];
}

void pci_for_each_device(PCIBus *bus,
                         void (*fn)(PCIBus *bus, PCIDevice *dev, void *opaque),
                         void *opaque)
{
    int devfn;

    for (devfn = 0; devfn < 256; devfn++) {
        if (bus->devices[devfn]) {
            fn(bus, bus->devices[devfn], opaque);
        }
    }
}

MemoryRegion *pci_address_space(PCIDevice *dev)
{
    return pci_get_bus(dev)->address_space_mem;
}

MemoryRegion *pci_address_space_io(PCIDevice *dev)
{
    return pci_get_bus(dev)->address_space_io;
}

uint16_t pci_requester_id(PCIDevice *dev)
{
    return (pci_bus_num(pci_get_bus(dev)) << 8) | (dev->devfn & 0xff);
}

int pci_intx(PCIDevice *dev)
{
    return pci_get_byte(dev->config + PCI_INTERRUPT_PIN) - 1;
}

pcibus_t pci_bar_size(PCIDevice *dev, int region_num)
{
    if (region_num < 0 || region_num >= PCI_NUM_REGIONS) {
        return 0;
    }
    return dev->io_regions[region_num].size;
}

pcibus_t pci_get_bar_addr(PCIDevice *dev, int region_num)
{
    if (region_num < 0 || region_num >= PCI_NUM_REGIONS) {
        return PCI_BAR_UNMAPPED;
    }
    return dev->io_regions[region_num].addr;
}

int pci_bus_first_free_devfn(PCIBus *bus)
{
    int devfn;

    for (devfn = bus->devfn_min; devfn < 256; devfn += PCI_FUNC_MAX) {
        if (!bus->devices[devfn]) {
            return devfn;
        }
    }
    return -1;
}

void pci_bus_set_hotplug_notify(PCIBus *bus, PCIHotplugNotify *fn,
                                void *opaque)
{
    bus->hotplug_notify = fn;
    bus->hotplug_opaque = opaque;
}

/* ---- the bus ---- */

PCIBus *pci_root_bus_new(DeviceState *parent, const char *name,
                         MemoryRegion *address_space_mem,
                         MemoryRegion *address_space_io,
                         uint8_t devfn_min)
{
    PCIBus *bus = PCI_BUS(qbus_new(TYPE_PCI_BUS, parent, name));

    bus->address_space_mem = address_space_mem;
    bus->address_space_io = address_space_io;
    bus->devfn_min = devfn_min;
    bus->bus_num = 0;
    /* Devices come and go with device_add/device_del (ACPI hotplug). */
    bus->qbus.hotpluggable = true;
    root_bus_list = g_slist_append(root_bus_list, bus);
    return bus;
}

void pci_bus_irqs(PCIBus *bus, pci_set_irq_fn set_irq, pci_map_irq_fn map_irq,
                  void *opaque, int nirq)
{
    bus->set_irq = set_irq;
    bus->map_irq = map_irq;
    bus->irq_opaque = opaque;
    bus->nirq = nirq;
    g_free(bus->irq_count);
    bus->irq_count = g_new0(int, nirq);
}

int pci_bus_get_irq_level(PCIBus *bus, int line)
{
    if (!bus->irq_count || line < 0 || line >= bus->nirq) {
        return 0;
    }
    return bus->irq_count[line] != 0;
}

/* info qtree: the class/address/id line, then one line per BAR. */
static void pcibus_print_dev(GString *out, DeviceState *qdev, int indent)
{
    PCIDevice *d = PCI_DEVICE(qdev);
    uint16_t class_id = pci_get_word(d->config + PCI_CLASS_DEVICE);
    const char *desc = pci_class_description(class_id);
    int i;

    g_string_append_printf(out, "%*sclass ", indent, "");
    if (desc) {
        g_string_append(out, desc);
    } else {
        g_string_append_printf(out, "Class %04x", class_id);
    }
    g_string_append_printf(out, ", addr %02x:%02x.%x, pci id %04x:%04x "
                           "(sub %04x:%04x)\n",
                           pci_bus_num(pci_get_bus(d)), PCI_SLOT(d->devfn),
                           PCI_FUNC(d->devfn),
                           pci_get_word(d->config + PCI_VENDOR_ID),
                           pci_get_word(d->config + PCI_DEVICE_ID),
                           pci_get_word(d->config + PCI_SUBSYSTEM_VENDOR_ID),
                           pci_get_word(d->config + PCI_SUBSYSTEM_ID));
    for (i = 0; i < PCI_NUM_REGIONS; i++) {
        PCIBarRegion *r = &d->io_regions[i];

        if (!r->size) {
            continue;
        }
        g_string_append_printf(out, "%*sbar %d: %s at 0x%" PRIx64
                               " [0x%" PRIx64 "]\n", indent, "", i,
                               r->type & PCI_BASE_ADDRESS_SPACE_IO ?
                               "i/o" : "mem",
                               r->addr, r->addr + r->size - 1);
    }
}

/* "0000:00:04.0", as the reference names device paths. */
static char *pcibus_get_dev_path(DeviceState *qdev)
{
    PCIDevice *d = PCI_DEVICE(qdev);

    return g_strdup_printf("0000:%02x:%02x.%x", pci_bus_num(pci_get_bus(d)),
                           PCI_SLOT(d->devfn), PCI_FUNC(d->devfn));
}

static void pci_bus_finalize(Object *obj)
{
    PCIBus *bus = PCI_BUS(obj);

    root_bus_list = g_slist_remove(root_bus_list, bus);
    g_free(bus->irq_count);
}

static void pci_bus_class_init(ObjectClass *klass, void *data)
{
    BusClass *bc = BUS_CLASS(klass);

    bc->print_dev = pcibus_print_dev;
    bc->get_dev_path = pcibus_get_dev_path;
}

/* ---- INTx (PCI LB 2.2.6) ---- */

static bool pci_irq_disabled(PCIDevice *d)
{
    return pci_get_word(d->config + PCI_COMMAND) & PCI_COMMAND_INTX_DISABLE;
}

/* Add change (+1/-1) to the count of the host bridge line pin maps to. */
static void pci_change_irq_level(PCIDevice *dev, int pin, int change)
{
    PCIBus *bus = pci_get_bus(dev);
    int line;

    if (!bus || !bus->map_irq || !bus->set_irq || !bus->irq_count) {
        return;
    }
    line = bus->map_irq(dev, pin);
    if (line < 0 || line >= bus->nirq) {
        return;
    }
    bus->irq_count[line] += change;
    bus->set_irq(bus->irq_opaque, line, bus->irq_count[line] != 0);
}

/* The Interrupt Status bit mirrors the pins, whatever INTx Disable says. */
static void pci_update_irq_status(PCIDevice *dev)
{
    uint16_t status = pci_get_word(dev->config + PCI_STATUS);

    if (dev->irq_state) {
        status |= PCI_STATUS_INTERRUPT;
    } else {
        status &= ~PCI_STATUS_INTERRUPT;
    }
    pci_set_word(dev->config + PCI_STATUS, status);
}

static void pci_irq_handler(PCIDevice *dev, int pin, int level)
{
    int change;

    if (pin < 0 || pin >= PCI_NUM_PINS) {
        return;
    }
    level = !!level;
    change = level - ((dev->irq_state >> pin) & 1);
    if (!change) {
        return;
    }
    dev->irq_state ^= 1 << pin;
    pci_update_irq_status(dev);
    if (pci_irq_disabled(dev)) {
        return;
    }
    pci_change_irq_level(dev, pin, change);
}

void pci_set_irq(PCIDevice *dev, int level)
{
    pci_irq_handler(dev, pci_intx(dev), level);
}

void pci_device_deassert_intx(PCIDevice *dev)
{
    int i;

    for (i = 0; i < PCI_NUM_PINS; i++) {
        pci_irq_handler(dev, i, 0);
    }
}

/* INTx Disable changed: withdraw or re-assert the asserted pins. */
static void pci_update_irq_disabled(PCIDevice *d, bool was_disabled)
{
    bool disabled = pci_irq_disabled(d);
    int i;

    if (disabled == was_disabled) {
        return;
    }
    for (i = 0; i < PCI_NUM_PINS; i++) {
        if ((d->irq_state >> i) & 1) {
            pci_change_irq_level(d, i, disabled ? -1 : 1);
        }
    }
}

/* ---- configuration cycles ---- */

uint32_t pci_default_read_config(PCIDevice *dev, uint32_t addr, int len)
{
    uint32_t val = 0;
    int i;

    for (i = 0; i < len && addr + i < PCI_CONFIG_SPACE_SIZE; i++) {
        val |= (uint32_t)dev->config[addr + i] << (8 * i);
    }
    return val;
}

/*
 * Each byte takes the written bits its wmask allows and clears the bits
 * written as 1 that its w1cmask marks (status errors, PCI LB 6.2.3); then
 * the side effects of the registers touched: mappings for the command
 * register and BARs, INTx Disable, Bus Master Enable, MSI.
 */
void pci_default_write_config(PCIDevice *d, uint32_t addr, uint32_t val_in,
                              int len)
{
    bool was_irq_disabled = pci_irq_disabled(d);
    uint32_t val = val_in;
    int i;

    for (i = 0; i < len && addr + i < PCI_CONFIG_SPACE_SIZE; i++, val >>= 8) {
        uint8_t wmask = d->wmask[addr + i];
        uint8_t w1cmask = d->w1cmask[addr + i];
        uint8_t b = (d->config[addr + i] & ~wmask) | (val & wmask);

        d->config[addr + i] = b & ~(val & w1cmask);
    }
    if (pci_ranges_overlap(addr, len, PCI_BASE_ADDRESS_0, 24) ||
        pci_ranges_overlap(addr, len, PCI_ROM_ADDRESS, 4) ||
        pci_ranges_overlap(addr, len, PCI_COMMAND, 1)) {
        pci_update_mappings(d);
    }
    if (pci_ranges_overlap(addr, len, PCI_COMMAND, 2)) {
        pci_update_irq_disabled(d, was_irq_disabled);
        if (d->bus_master_as_ready) {
            memory_region_set_enabled(&d->bus_master_enable_region,
                                      pci_get_word(d->config + PCI_COMMAND) &
                                      PCI_COMMAND_MASTER);
        }
    }
    msi_write_config(d, addr, val_in, len);
}

/* A function that is hidden: hotplugged at N > 0 without a function 0. */
static bool pci_function_hidden(PCIDevice *d)
{
    PCIBus *bus = pci_get_bus(d);

    return d->qdev.hotplugged && PCI_FUNC(d->devfn) &&
           !bus->devices[PCI_DEVFN(PCI_SLOT(d->devfn), 0)];
}

static PCIDevice *pci_config_target(PCIBus *bus, uint32_t addr)
{
    PCIDevice *d;

    if (!bus || ((addr >> 16) & 0xff) != bus->bus_num) {
        return NULL;
    }
    d = bus->devices[(addr >> 8) & 0xff];
    if (!d || pci_function_hidden(d)) {
        return NULL;
    }
    return d;
}

void pci_host_config_write(PCIBus *bus, uint32_t addr, uint32_t val, int len)
{
    PCIDevice *d = pci_config_target(bus, addr);
    uint32_t off = addr & 0xff;

    if (!d || len < 1 || len > 4) {
        return;
    }
    len = MIN((uint32_t)len, PCI_CONFIG_SPACE_SIZE - off);
    PCI_DEVICE_GET_CLASS(d)->config_write(d, off, val, len);
}

uint32_t pci_host_config_read(PCIBus *bus, uint32_t addr, int len)
{
    PCIDevice *d = pci_config_target(bus, addr);
    uint32_t off = addr & 0xff;

    if (len < 1 || len > 4) {
        return ~0u;
    }
    if (!d) {
        return len == 4 ? ~0u : (1u << (8 * len)) - 1;
    }
    len = MIN((uint32_t)len, PCI_CONFIG_SPACE_SIZE - off);
    return PCI_DEVICE_GET_CLASS(d)->config_read(d, off, len);
}

/* ---- placement and the standard header ---- */

static void pci_init_masks(PCIDevice *d)
{
    memset(d->wmask, 0, sizeof(d->wmask));
    memset(d->w1cmask, 0, sizeof(d->w1cmask));
    memset(d->cmask, 0, sizeof(d->cmask));
    memset(d->used, 0, sizeof(d->used));

    /* Identity and capability pointer are what migration would check. */
    memset(d->cmask + PCI_VENDOR_ID, 0xff, 4);
    pci_set_word(d->cmask + PCI_STATUS, PCI_STATUS_CAP_LIST);
    memset(d->cmask + PCI_REVISION_ID, 0xff, 4);
    d->cmask[PCI_HEADER_TYPE] = 0xff;
    memset(d->used, 0xff, PCI_CONFIG_HEADER_SIZE);

    d->wmask[PCI_CACHE_LINE_SIZE] = 0xff;
    d->wmask[PCI_INTERRUPT_LINE] = 0xff;
    pci_set_word(d->wmask + PCI_COMMAND,
                 PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER |
                 PCI_COMMAND_INTX_DISABLE | PCI_COMMAND_SERR);
    /* Device-specific registers: the model restricts what it needs to. */
    memset(d->wmask + PCI_CONFIG_HEADER_SIZE, 0xff,
           PCI_CONFIG_SPACE_SIZE - PCI_CONFIG_HEADER_SIZE);
    pci_set_word(d->w1cmask + PCI_STATUS,
                 PCI_STATUS_PARITY | PCI_STATUS_SIG_TARGET_ABORT |
                 PCI_STATUS_REC_TARGET_ABORT | PCI_STATUS_REC_MASTER_ABORT |
                 PCI_STATUS_SIG_SYSTEM_ERROR | PCI_STATUS_DETECTED_PARITY);
}

static void pci_init_header(PCIDevice *d, PCIDeviceClass *pc)
{
    memset(d->config, 0, sizeof(d->config));
    pci_set_word(d->config + PCI_VENDOR_ID, pc->vendor_id);
    pci_set_word(d->config + PCI_DEVICE_ID, pc->device_id);
    d->config[PCI_REVISION_ID] = pc->revision;
    pci_set_word(d->config + PCI_CLASS_DEVICE, pc->class_id);
    if (pc->is_bridge) {
        d->config[PCI_HEADER_TYPE] = PCI_HEADER_TYPE_BRIDGE;
    } else {
        /* QEMU's devices carry the Red Hat/Qumranet subsystem IDs. */
        pci_set_word(d->config + PCI_SUBSYSTEM_VENDOR_ID,
                     pc->subsystem_vendor_id ? pc->subsystem_vendor_id :
                     PCI_SUBVENDOR_ID_REDHAT_QUMRANET);
        pci_set_word(d->config + PCI_SUBSYSTEM_ID,
                     pc->subsystem_vendor_id ? pc->subsystem_id :
                     PCI_SUBDEVICE_ID_QEMU);
    }
    if (d->multifunction) {
        d->config[PCI_HEADER_TYPE] |= PCI_HEADER_TYPE_MULTI_FUNCTION;
    }
    pci_init_masks(d);
}

/*
 * The multifunction rules of the reference: function 0 must be
 * multifunction before other functions of its slot exist, either way
 * round (Linux only looks at function 0's header type bit).
 */
static bool pci_check_multifunction(PCIBus *bus, PCIDevice *d, int devfn,
                                    Error **errp)
{
    int slot = PCI_SLOT(devfn), fn;

    if (PCI_FUNC(devfn)) {
        PCIDevice *f0 = bus->devices[PCI_DEVFN(slot, 0)];

        if (f0 && !f0->multifunction) {
            error_setg(errp, "PCI: single function device can't be "
                       "populated in function %x.%x", slot, PCI_FUNC(devfn));
            return false;
        }
        return true;
    }
    if (d->multifunction) {
        return true;
    }
    for (fn = 1; fn < PCI_FUNC_MAX; fn++) {
        if (bus->devices[PCI_DEVFN(slot, fn)]) {
            error_setg(errp, "PCI: %x.0 indicates single function, but "
                       "%x.%x is already populated.", slot, slot, fn);
            return false;
        }
    }
    return true;
}

static int pci_choose_devfn(PCIBus *bus, PCIDevice *d, const char *name,
                            Error **errp)
{
    int devfn = d->devfn;
    PCIDevice *other;

    if (devfn < 0) {
        devfn = pci_bus_first_free_devfn(bus);
        if (devfn < 0) {
            error_setg(errp, "PCI: no slot/function available for %s, all "
                       "in use or reserved", name);
        }
        return devfn;
    }
    other = bus->devices[devfn];
    if (other) {
        error_setg(errp, "PCI: slot %d function %d not available for %s, in "
                   "use by %s,id=%s", PCI_SLOT(devfn), PCI_FUNC(devfn), name,
                   other->name, other->qdev.id ? other->qdev.id : "(null)");
        return -1;
    }
    other = bus->devices[PCI_DEVFN(PCI_SLOT(devfn), 0)];
    if (d->qdev.hotplugged && PCI_FUNC(devfn) && other) {
        error_setg(errp, "PCI: slot %d function 0 already occupied by %s, "
                   "new func %s cannot be exposed to guest.",
                   PCI_SLOT(devfn), other->name, name);
        return -1;
    }
    return devfn;
}

static void pci_init_bus_master(PCIDevice *d)
{
    MemoryRegion *sysmem = get_system_memory();

    memory_region_init(&d->bus_master_container_region, OBJECT(d),
                       "bus master container", UINT64_MAX);
    address_space_init(&d->bus_master_as, &d->bus_master_container_region,
                       d->name);
    memory_region_init_alias(&d->bus_master_enable_region, OBJECT(d),
                             "bus master", sysmem, 0,
                             memory_region_size(sysmem));
    memory_region_set_enabled(&d->bus_master_enable_region, false);
    memory_region_add_subregion(&d->bus_master_container_region, 0,
                                &d->bus_master_enable_region);
    d->bus_master_as_ready = true;
}

static void pci_fini_bus_master(PCIDevice *d)
{
    if (!d->bus_master_as_ready) {
        return;
    }
    d->bus_master_as_ready = false;
    memory_region_del_subregion(&d->bus_master_container_region,
                                &d->bus_master_enable_region);
    address_space_destroy(&d->bus_master_as);
}

static bool pci_register_device(PCIBus *bus, PCIDevice *d, Error **errp)
{
    PCIDeviceClass *pc = PCI_DEVICE_GET_CLASS(d);
    const char *name = object_get_typename(OBJECT(d));
    int devfn = pci_choose_devfn(bus, d, name, errp);

    if (devfn < 0) {
        return false;
    }
    if (!pci_check_multifunction(bus, d, devfn, errp)) {
        return false;
    }
    d->devfn = devfn;
    g_strlcpy(d->name, name, sizeof(d->name));
    d->irq_state = 0;
    pci_init_header(d, pc);
    if (!pc->config_read) {
        pc->config_read = pci_default_read_config;
    }
    if (!pc->config_write) {
        pc->config_write = pci_default_write_config;
    }
    bus->devices[devfn] = d;
    pci_init_bus_master(d);
    return true;
}

static void pci_unregister_device(PCIDevice *d)
{
    PCIBus *bus = pci_get_bus(d);

    pci_device_deassert_intx(d);
    pci_unmap_bars(d);
    msi_uninit(d);
    pci_del_option_rom(d);
    pci_fini_bus_master(d);
    for (int i = 0; i < PCI_NUM_REGIONS; i++) {
        d->io_regions[i] = (PCIBarRegion) { .addr = PCI_BAR_UNMAPPED };
    }
    if (bus && d->devfn >= 0 && bus->devices[d->devfn] == d) {
        bus->devices[d->devfn] = NULL;
    }
}

static bool pci_acpi_index_in_use(PCIBus *bus, PCIDevice *self,
                                  uint32_t index)
{
    GSList *l;
    int i;

    for (l = root_bus_list; l; l = l->next) {
        PCIBus *b = l->data;

        for (i = 0; i < 256; i++) {
            if (b->devices[i] && b->devices[i] != self &&
                b->devices[i]->acpi_index == index) {
                return true;
            }
        }
    }
    return false;
}

static bool pci_qdev_realize(DeviceState *qdev, Error **errp)
{
    PCIDevice *d = PCI_DEVICE(qdev);
    PCIDeviceClass *pc = PCI_DEVICE_GET_CLASS(d);
    PCIBus *bus = qdev->parent_bus ? PCI_BUS(qdev->parent_bus) : NULL;
    bool is_default_rom = false;

    if (!bus) {
        error_setg(errp, "PCI device '%s' needs a PCI bus",
                   object_get_typename(OBJECT(d)));
        return false;
    }
    d->multifunction = d->cap_present &
                       (1u << QEMU_PCI_CAP_MULTIFUNCTION_BITNR);
    if (d->acpi_index) {
        if (d->acpi_index > PCI_ACPI_INDEX_MAX) {
            error_setg(errp, "acpi-index should be less or equal to %u",
                       PCI_ACPI_INDEX_MAX);
            return false;
        }
        if (pci_acpi_index_in_use(bus, d, d->acpi_index)) {
            error_setg(errp, "a PCI device with acpi-index = %u already "
                       "exist", d->acpi_index);
            return false;
        }
    }
    if (d->rom_size != UINT32_MAX && (d->rom_size & (d->rom_size - 1))) {
        error_setg(errp, "ROM size %u is not a power of two", d->rom_size);
        return false;
    }
    if (!pci_register_device(bus, d, errp)) {
        return false;
    }
    if (pc->realize && !pc->realize(d, errp)) {
        pci_unregister_device(d);
        return false;
    }
    /* Failover pairs need PCI Express, which this board has not. */
    if (d->failover_pair_id) {
        error_setg(errp, "failover primary device must be on PCIExpress "
                   "bus");
        goto fail;
    }
    if (!d->romfile && pc->romfile) {
        d->romfile = g_strdup(pc->romfile);
        is_default_rom = true;
    }
    if (!pci_add_option_rom(d, is_default_rom, errp)) {
        goto fail;
    }
    if (qdev->hotplugged && bus->hotplug_notify) {
        bus->hotplug_notify(bus->hotplug_opaque, d, true);
    }
    return true;

fail:
    if (pc->exit) {
        pc->exit(d);
    }
    pci_unregister_device(d);
    return false;
}

static void pci_qdev_unrealize(DeviceState *qdev)
{
    PCIDevice *d = PCI_DEVICE(qdev);
    PCIDeviceClass *pc = PCI_DEVICE_GET_CLASS(d);
    PCIBus *bus = pci_get_bus(d);

    /* Only removals a guest can see coming (device_del, eject). */
    if (bus && bus->hotplug_notify && qdev_machine_ready() &&
        DEVICE_GET_CLASS(d)->hotpluggable) {
        bus->hotplug_notify(bus->hotplug_opaque, d, false);
    }
    if (pc->exit) {
        pc->exit(d);
    }
    pci_unregister_device(d);
}

/*
 * Reset: the model's own registers first, then what a PCI bus reset
 * clears in every function: command and status, cache line size and
 * interrupt line, the BARs (back to their type bits), MSI, INTx.
 */
static void pci_qdev_reset(DeviceState *qdev)
{
    PCIDevice *d = PCI_DEVICE(qdev);
    PCIDeviceClass *pc = PCI_DEVICE_GET_CLASS(d);
    uint16_t mask;
    int i;

    if (pc->reset) {
        pc->reset(d);
    }
    pci_device_deassert_intx(d);
    mask = pci_get_word(d->wmask + PCI_COMMAND) |
           pci_get_word(d->w1cmask + PCI_COMMAND);
    pci_set_word(d->config + PCI_COMMAND,
                 pci_get_word(d->config + PCI_COMMAND) & ~mask);
    mask = pci_get_word(d->wmask + PCI_STATUS) |
           pci_get_word(d->w1cmask + PCI_STATUS);
    pci_set_word(d->config + PCI_STATUS,
                 pci_get_word(d->config + PCI_STATUS) & ~mask);
    d->config[PCI_CACHE_LINE_SIZE] = 0;
    d->config[PCI_INTERRUPT_LINE] = 0;
    for (i = 0; i < PCI_NUM_REGIONS; i++) {
        PCIBarRegion *r = &d->io_regions[i];
        int off = pci_bar_offset(i);

        if (!r->size) {
            continue;
        }
        if (!(r->type & PCI_BASE_ADDRESS_SPACE_IO) &&
            (r->type & PCI_BASE_ADDRESS_MEM_TYPE_64)) {
            pci_set_quad(d->config + off, r->type);
        } else {
            pci_set_long(d->config + off, r->type);
        }
    }
    pci_update_mappings(d);
    msi_reset(d);
    if (d->bus_master_as_ready) {
        memory_region_set_enabled(&d->bus_master_enable_region, false);
    }
}

/* ---- board helpers ---- */

PCIDevice *pci_create_simple_multifunction(PCIBus *bus, int devfn,
                                           bool multifunction,
                                           const char *name)
{
    DeviceState *dev = qdev_new(name);

    object_property_set_int(OBJECT(dev), "addr", devfn, &error_abort);
    object_property_set_bool(OBJECT(dev), "multifunction", multifunction,
                             &error_abort);
    qdev_realize_and_unref(dev, &bus->qbus, &error_fatal);
    return PCI_DEVICE(dev);
}

PCIDevice *pci_create_simple(PCIBus *bus, int devfn, const char *name)
{
    return pci_create_simple_multifunction(bus, devfn, false, name);
}

/* ---- the type ---- */

static Property pci_props[] = {
    DEFINE_PROP("addr", PCIDevice, devfn, prop_pci_devfn, int32_t,
                .set_default = true, .defval.i = -1),
    DEFINE_PROP_STRING("romfile", PCIDevice, romfile),
    DEFINE_PROP_UINT32("romsize", PCIDevice, rom_size, UINT32_MAX),
    DEFINE_PROP_UINT32("rombar", PCIDevice, rom_bar, 1),
    DEFINE_PROP_BIT("multifunction", PCIDevice, cap_present,
                    QEMU_PCI_CAP_MULTIFUNCTION_BITNR, false),
    DEFINE_PROP_BIT("x-pcie-lnksta-dllla", PCIDevice, cap_present,
                    QEMU_PCIE_LNKSTA_DLLLA_BITNR, true),
    DEFINE_PROP_BIT("x-pcie-extcap-init", PCIDevice, cap_present,
                    QEMU_PCIE_EXTCAP_INIT_BITNR, true),
    DEFINE_PROP_STRING("failover_pair_id", PCIDevice, failover_pair_id),
    DEFINE_PROP_UINT32("acpi-index", PCIDevice, acpi_index, 0),
    DEFINE_PROP_END_OF_LIST(),
};

static void pci_device_instance_init(Object *obj)
{
    PCIDevice *d = PCI_DEVICE(obj);

    for (int i = 0; i < PCI_NUM_REGIONS; i++) {
        d->io_regions[i].addr = PCI_BAR_UNMAPPED;
    }
}

static void pci_device_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = pci_qdev_realize;
    dc->unrealize = pci_qdev_unrealize;
    dc->reset = pci_qdev_reset;
    dc->bus_type = TYPE_PCI_BUS;
    dc->hotpluggable = true;
    device_class_set_props(dc, pci_props);
}

static const TypeInfo pci_types[] = {
    {
        .name = TYPE_PCI_BUS,
        .parent = TYPE_BUS,
        .instance_size = sizeof(PCIBus),
        .instance_finalize = pci_bus_finalize,
        .class_init = pci_bus_class_init,
    },
    {
        .name = INTERFACE_CONVENTIONAL_PCI_DEVICE,
        .parent = TYPE_INTERFACE,
    },
    {
        .name = TYPE_PCI_DEVICE,
        .parent = TYPE_DEVICE,
        .instance_size = sizeof(PCIDevice),
        .instance_init = pci_device_instance_init,
        .abstract = true,
        .class_size = sizeof(PCIDeviceClass),
        .class_init = pci_device_class_init,
    },
};

static void pci_register_types(void)
{
    type_register_static_array(pci_types, ARRAY_SIZE(pci_types));
}

type_init(pci_register_types)
