/*
 * pci-info.c: what the monitors show of the PCI buses: `info pci` and
 * query-pci (qapi/pci.json), plus the class names both use and the
 * firmware path components of PCI functions.
 *
 * query-pci builds the JSON once; `info pci` prints from that same JSON,
 * so the two cannot disagree.  Key order inside each object is the
 * reference's (QEMU 7.2 emits its QDict in hash order), because tools
 * and tests compare the text.
 */
#include "qemu/osdep.h"
#include "hw/pci/pci.h"
#include "hw/pci/pci-internal.h"
#include "monitor/monitor.h"

typedef struct PCIClassDesc {
    uint16_t class_id;
    const char *desc;
    const char *fw_name;        /* firmware path name, NULL: "pciVVVV,DDDD" */
    uint16_t fw_ign_bits;       /* class bits the firmware name ignores */
} PCIClassDesc;

/* The class names the reference prints (PCI Code and ID Assignment). */
static const PCIClassDesc pci_class_descs[] = {
    { 0x0001, "VGA-compatible device", "display", 0x00ff },
    { 0x0100, "SCSI controller", "scsi" },
    { 0x0101, "IDE controller", "ide" },
    { 0x0102, "Floppy controller", "fdc" },
    { 0x0103, "IPI controller", "ipi" },
    { 0x0104, "RAID controller", "raid" },
    { 0x0106, "SATA controller", NULL },
    { 0x0107, "SAS controller", NULL },
    { 0x0180, "Storage controller", NULL },
    { 0x0200, "Ethernet controller", "ethernet" },
    { 0x0201, "Token Ring controller", "token-ring" },
    { 0x0202, "FDDI controller", "fddi" },
    { 0x0203, "ATM controller", "atm" },
    { 0x0280, "Network controller", NULL },
    { 0x0300, "VGA controller", "display", 0x00ff },
    { 0x0301, "XGA controller", NULL },
    { 0x0302, "3D controller", NULL },
    { 0x0380, "Display controller", NULL },
    { 0x0400, "Video controller", "video" },
    { 0x0401, "Audio controller", "sound" },
    { 0x0402, "Phone", NULL },
    { 0x0403, "Audio controller", "sound" },
    { 0x0480, "Multimedia controller", NULL },
    { 0x0500, "RAM controller", "memory" },
    { 0x0501, "Flash controller", "flash" },
    { 0x0580, "Memory controller", NULL },
    { 0x0600, "Host bridge", "host" },
    { 0x0601, "ISA bridge", "isa" },
    { 0x0602, "EISA bridge", "eisa" },
    { 0x0603, "MC bridge", "mca" },
    { 0x0604, "PCI bridge", "pci-bridge" },
    { 0x0605, "PCMCIA bridge", "pcmcia" },
    { 0x0606, "NUBUS bridge", "nubus" },
    { 0x0607, "CARDBUS bridge", "cardbus" },
    { 0x0608, "RACEWAY bridge", NULL },
    { 0x0680, "Bridge", NULL },
    { 0x0700, "Serial port", "serial" },
    { 0x0701, "Parallel port", "parallel" },
    { 0x0800, "Interrupt controller", "interrupt-controller" },
    { 0x0801, "DMA controller", "dma-controller" },
    { 0x0802, "Timer", "timer" },
    { 0x0803, "RTC", "rtc" },
    { 0x0900, "Keyboard", "keyboard" },
    { 0x0901, "Pen", "pen" },
    { 0x0902, "Mouse", "mouse" },
    { 0x0A00, "Dock station", "dock", 0x00ff },
    { 0x0B00, "i386 cpu", "cpu", 0x00ff },
    { 0x0c00, "Firewire controller", "firewire" },
    { 0x0c01, "Access bus controller", "access-bus" },
    { 0x0c02, "SSA controller", "ssa" },
    { 0x0c03, "USB controller", "usb" },
    { 0x0c04, "Fibre channel controller", "fibre-channel" },
    { 0x0c05, "SMBus", NULL },
};

static const PCIClassDesc *pci_class_lookup(uint16_t class_id)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(pci_class_descs); i++) {
        if (pci_class_descs[i].class_id == class_id) {
            return &pci_class_descs[i];
        }
    }
    return NULL;
}

const char *pci_class_description(uint16_t class_id)
{
    const PCIClassDesc *d = pci_class_lookup(class_id);

    return d ? d->desc : NULL;
}

/*
 * Open Firmware style: the name of the first class entry that matches
 * (some entries ignore the subclass: the reference's table lets every
 * 0x00xx class, pci-testdev's too, match "display"), else
 * "pciVENDOR,DEVICE"; then "@SLOT" and ",FN" for functions other than 0.
 */
char *pci_dev_fw_name(PCIDevice *dev)
{
    uint16_t class_id = pci_get_word(dev->config + PCI_CLASS_DEVICE);
    const PCIClassDesc *d = NULL;
    g_autofree char *name = NULL;
    size_t i;

    for (i = 0; i < ARRAY_SIZE(pci_class_descs) && !d; i++) {
        uint16_t keep = ~pci_class_descs[i].fw_ign_bits;

        if ((class_id & keep) == (pci_class_descs[i].class_id & keep)) {
            d = &pci_class_descs[i];
        }
    }
    if (d && d->fw_name) {
        name = g_strdup(d->fw_name);
    } else {
        name = g_strdup_printf("pci%04x,%04x",
                               pci_get_word(dev->config + PCI_VENDOR_ID),
                               pci_get_word(dev->config + PCI_DEVICE_ID));
    }
    if (PCI_FUNC(dev->devfn)) {
        return g_strdup_printf("%s@%x,%x", name, PCI_SLOT(dev->devfn),
                               PCI_FUNC(dev->devfn));
    }
    return g_strdup_printf("%s@%x", name, PCI_SLOT(dev->devfn));
}

/* ---- query-pci ---- */

/* Addresses travel as JSON integers: all-ones (unmapped) becomes -1. */
static json_t *pci_json_addr(pcibus_t v)
{
    return json_integer((json_int_t)v);
}

static json_t *pci_regions_json(PCIDevice *dev)
{
    json_t *list = json_array();
    int i;

    for (i = 0; i < PCI_NUM_REGIONS; i++) {
        PCIBarRegion *r = &dev->io_regions[i];
        json_t *o;

        if (!r->size) {
            continue;
        }
        o = json_object();
        if (!(r->type & PCI_BASE_ADDRESS_SPACE_IO)) {
            json_object_set_new(o, "prefetch", json_boolean(
                r->type & PCI_BASE_ADDRESS_MEM_PREFETCH));
            json_object_set_new(o, "mem_type_64", json_boolean(
                r->type & PCI_BASE_ADDRESS_MEM_TYPE_64));
        }
        json_object_set_new(o, "bar", json_integer(i));
        json_object_set_new(o, "size", json_integer(r->size));
        json_object_set_new(o, "address", pci_json_addr(r->addr));
        json_object_set_new(o, "type", json_string(
            r->type & PCI_BASE_ADDRESS_SPACE_IO ? "io" : "memory"));
        json_array_append_new(list, o);
    }
    return list;
}

static json_t *pci_device_json(PCIBus *bus, PCIDevice *dev)
{
    json_t *o = json_object(), *cls = json_object(), *id = json_object();
    uint16_t class_id = pci_get_word(dev->config + PCI_CLASS_DEVICE);
    const char *desc = pci_class_description(class_id);
    uint8_t pin = dev->config[PCI_INTERRUPT_PIN];
    bool normal = (dev->config[PCI_HEADER_TYPE] & 0x7f) ==
                  PCI_HEADER_TYPE_NORMAL;

    json_object_set_new(o, "irq_pin", json_integer(pin));
    json_object_set_new(o, "bus", json_integer(pci_bus_num(bus)));
    json_object_set_new(o, "qdev_id",
                        json_string(dev->qdev.id ? dev->qdev.id : ""));
    if (pin) {
        json_object_set_new(o, "irq",
                            json_integer(dev->config[PCI_INTERRUPT_LINE]));
    }
    json_object_set_new(o, "slot", json_integer(PCI_SLOT(dev->devfn)));

    json_object_set_new(cls, "class", json_integer(class_id));
    if (desc) {
        json_object_set_new(cls, "desc", json_string(desc));
    }
    json_object_set_new(o, "class_info", cls);

    json_object_set_new(id, "device", json_integer(
        pci_get_word(dev->config + PCI_DEVICE_ID)));
    if (normal) {
        json_object_set_new(id, "subsystem-vendor", json_integer(
            pci_get_word(dev->config + PCI_SUBSYSTEM_VENDOR_ID)));
    }
    json_object_set_new(id, "vendor", json_integer(
        pci_get_word(dev->config + PCI_VENDOR_ID)));
    if (normal) {
        json_object_set_new(id, "subsystem", json_integer(
            pci_get_word(dev->config + PCI_SUBSYSTEM_ID)));
    }
    json_object_set_new(o, "id", id);
    json_object_set_new(o, "function", json_integer(PCI_FUNC(dev->devfn)));
    json_object_set_new(o, "regions", pci_regions_json(dev));
    return o;
}

static void pci_device_json_cb(PCIBus *bus, PCIDevice *dev, void *opaque)
{
    json_array_append_new(opaque, pci_device_json(bus, dev));
}

json_t *pci_query_json(void)
{
    json_t *list = json_array();
    GSList *l;

    for (l = pci_root_buses(); l; l = l->next) {
        PCIBus *bus = l->data;
        json_t *info = json_object(), *devices = json_array();

        pci_for_each_device(bus, pci_device_json_cb, devices);
        json_object_set_new(info, "bus", json_integer(pci_bus_num(bus)));
        json_object_set_new(info, "devices", devices);
        json_array_append_new(list, info);
    }
    return list;
}

static json_t *qmp_query_pci(json_t *args, Error **errp)
{
    return pci_query_json();
}

/* ---- info pci ---- */

static json_int_t jint(json_t *o, const char *key)
{
    return json_integer_value(json_object_get(o, key));
}

static void pci_print_device(GString *out, json_t *dev)
{
    json_t *cls = json_object_get(dev, "class_info");
    json_t *id = json_object_get(dev, "id");
    json_t *desc = json_object_get(cls, "desc");
    json_t *regions = json_object_get(dev, "regions");
    json_t *r;
    size_t i;

    g_string_append_printf(out, "  Bus %2" JSON_INTEGER_FORMAT ", device %3"
                           JSON_INTEGER_FORMAT ", function %"
                           JSON_INTEGER_FORMAT ":\n", jint(dev, "bus"),
                           jint(dev, "slot"), jint(dev, "function"));
    g_string_append(out, "    ");
    if (desc) {
        g_string_append(out, json_string_value(desc));
    } else {
        /* The class code in decimal, as the reference prints it. */
        g_string_append_printf(out, "Class %04" JSON_INTEGER_FORMAT,
                               jint(cls, "class"));
    }
    g_string_append_printf(out, ": PCI device %04" PRIx64 ":%04" PRIx64 "\n",
                           (uint64_t)jint(id, "vendor"),
                           (uint64_t)jint(id, "device"));
    if (json_object_get(id, "subsystem")) {
        g_string_append_printf(out, "      PCI subsystem %04" PRIx64 ":%04"
                               PRIx64 "\n",
                               (uint64_t)jint(id, "subsystem-vendor"),
                               (uint64_t)jint(id, "subsystem"));
    }
    if (json_object_get(dev, "irq")) {
        g_string_append_printf(out, "      IRQ %" JSON_INTEGER_FORMAT
                               ", pin %c\n", jint(dev, "irq"),
                               (char)('A' + jint(dev, "irq_pin") - 1));
    }
    json_array_foreach(regions, i, r) {
        uint64_t addr = jint(r, "address"), size = jint(r, "size");

        g_string_append_printf(out, "      BAR%" JSON_INTEGER_FORMAT ": ",
                               jint(r, "bar"));
        if (!strcmp(json_string_value(json_object_get(r, "type")), "io")) {
            g_string_append_printf(out, "I/O at 0x%04" PRIx64 " [0x%04"
                                   PRIx64 "].\n", addr, addr + size - 1);
        } else {
            g_string_append_printf(out, "%d bit%s memory at 0x%08" PRIx64
                                   " [0x%08" PRIx64 "].\n",
                                   json_is_true(json_object_get(
                                       r, "mem_type_64")) ? 64 : 32,
                                   json_is_true(json_object_get(
                                       r, "prefetch")) ? " prefetchable" : "",
                                   addr, addr + size - 1);
        }
    }
    g_string_append_printf(out, "      id \"%s\"\n",
                           json_string_value(json_object_get(dev, "qdev_id")));
}

void pci_print_info(GString *out)
{
    json_t *buses = pci_query_json(), *bus, *dev;
    size_t i, j;

    json_array_foreach(buses, i, bus) {
        json_array_foreach(json_object_get(bus, "devices"), j, dev) {
            pci_print_device(out, dev);
        }
    }
    json_decref(buses);
}

static void hmp_info_pci(Monitor *mon, const char *args)
{
    GString *out = g_string_new(NULL);

    pci_print_info(out);
    monitor_puts(mon, out->str);
    g_string_free(out, true);
}

static void pci_info_register(void)
{
    qmp_register_command("query-pci", qmp_query_pci, QCO_NO_OPTIONS);
    hmp_register_info("pci", "", "show PCI info", hmp_info_pci);
}

qmp_command_init(pci_info_register)
