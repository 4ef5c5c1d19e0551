/*
 * fw_cfg-boot.c: boot order ("bootorder"), boot menu and splash settings
 * for the firmware, from bootindex properties and -boot.
 *
 * SeaBIOS matches each "bootorder" line against the paths it builds for
 * the devices it finds (src/boot.c: "/pci@i0cf8/..." for the root PCI
 * bus), so the paths follow the Open Firmware style the reference builds
 * from its qdev tree.  The list is rebuilt at every machine reset so that
 * devices added after the board (-device, device_add) count.
 */
#include "qemu/osdep.h"
#include "hw/nvram/fw_cfg-boot.h"
#include "hw/sysbus.h"
#include "hw/pci/pci.h"
#include "hw/isa/isa.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include "sysemu/sysemu.h"

typedef struct FWBootEntry {
    int32_t bootindex;
    DeviceState *dev;
    char *suffix;
} FWBootEntry;

/* Sorted by bootindex. */
static GList *boot_entries;
/* DeviceState* -> char* component set by the board. */
static GHashTable *components;

/* ---- device paths ---- */

void fw_dev_path_set_component(DeviceState *dev, const char *component)
{
    if (!components) {
        components = g_hash_table_new_full(NULL, NULL, NULL, g_free);
    }
    g_hash_table_insert(components, dev, g_strdup(component));
}

static const char *fw_name(DeviceState *dev)
{
    DeviceClass *dc = DEVICE_GET_CLASS(dev);

    return dc->fw_name ? dc->fw_name : object_get_typename(OBJECT(dev));
}

/* dev's own component, as its bus names it; NULL: the bus has none. */
static char *fw_dev_component(DeviceState *dev)
{
    BusState *bus = dev->parent_bus;
    const char *set = components ? g_hash_table_lookup(components, dev) :
        NULL;

    if (set) {
        return g_strdup(set);
    }
    if (!bus) {
        return g_strdup(fw_name(dev));
    }
    if (object_dynamic_cast(OBJECT(bus), TYPE_PCI_BUS)) {
        return pci_dev_fw_name(PCI_DEVICE(dev));
    }
    if (object_dynamic_cast(OBJECT(bus), TYPE_ISA_BUS)) {
        ISADevice *d = ISA_DEVICE(dev);

        if (d->ioport_id) {
            return g_strdup_printf("%s@%04x", fw_name(dev), d->ioport_id);
        }
        return g_strdup(fw_name(dev));
    }
    if (object_dynamic_cast(OBJECT(bus), TYPE_SYSTEM_BUS)) {
        SysBusDevice *s = SYS_BUS_DEVICE(dev);

        if (s->num_mmio) {
            return g_strdup_printf("%s@%016" PRIx64, fw_name(dev),
                                   s->mmio[0].addr);
        }
        return g_strdup(fw_name(dev));
    }
    return g_strdup(fw_name(dev));
}

static void fw_dev_path_append(GString *out, DeviceState *dev)
{
    g_autofree char *c = NULL;

    if (dev->parent_bus && dev->parent_bus->parent) {
        fw_dev_path_append(out, dev->parent_bus->parent);
    }
    c = fw_dev_component(dev);
    g_string_append_printf(out, "/%s", c);
}

char *fw_dev_path(DeviceState *dev)
{
    GString *out = g_string_new(NULL);

    fw_dev_path_append(out, dev);
    return g_string_free(out, false);
}

/* ---- the boot list ---- */

static gint boot_entry_cmp(gconstpointer a, gconstpointer b)
{
    const FWBootEntry *x = a, *y = b;

    return x->bootindex < y->bootindex ? -1 : x->bootindex > y->bootindex;
}

bool fw_boot_add_path(int32_t bootindex, const char *path, Error **errp)
{
    return fw_boot_add(NULL, bootindex, path, errp);
}

bool fw_boot_add(DeviceState *dev, int32_t bootindex, const char *suffix,
                 Error **errp)
{
    FWBootEntry *e;
    GList *l;

    if (bootindex < 0) {
        return true;
    }
    for (l = boot_entries; l; l = l->next) {
        if (((FWBootEntry *)l->data)->bootindex == bootindex) {
            error_setg(errp, "The bootindex %d has already been used",
                       bootindex);
            return false;
        }
    }
    e = g_new0(FWBootEntry, 1);
    e->bootindex = bootindex;
    e->dev = dev;
    e->suffix = g_strdup(suffix);
    boot_entries = g_list_insert_sorted(boot_entries, e, boot_entry_cmp);
    return true;
}

void fw_boot_del(DeviceState *dev)
{
    GList *l = boot_entries;

    while (l) {
        GList *next = l->next;
        FWBootEntry *e = l->data;

        if (dev && e->dev == dev) {
            boot_entries = g_list_delete_link(boot_entries, l);
            g_free(e->suffix);
            g_free(e);
        }
        l = next;
    }
    if (components) {
        g_hash_table_remove(components, dev);
    }
}

static QemuOpts *boot_opts(void)
{
    QemuOptsList *list = qemu_find_opts("boot-opts");

    return list ? qemu_opts_find(list, NULL) : NULL;
}

char *fw_boot_order_list(size_t *len)
{
    GString *out = g_string_new(NULL);
    QemuOpts *opts = boot_opts();
    GList *l;

    for (l = boot_entries; l; l = l->next) {
        FWBootEntry *e = l->data;
        g_autofree char *path = e->dev ? fw_dev_path(e->dev) : NULL;

        if (out->len) {
            g_string_append_c(out, '\n');
        }
        if (path) {
            g_string_append(out, path);
        }
        if (e->suffix) {
            g_string_append(out, e->suffix);
        }
    }
    if (out->len && opts && qemu_opt_get_bool(opts, "strict", false)) {
        g_string_append(out, "\nHALT");
    }
    if (!out->len) {
        g_string_free(out, true);
        *len = 0;
        return NULL;
    }
    *len = out->len + 1;
    return g_string_free(out, false);
}

/* ---- fw_cfg ---- */

static void fw_cfg_boot_reset(void *opaque)
{
    FWCfgState *s = opaque;
    size_t len;
    g_autofree char *list = fw_boot_order_list(&len);

    fw_cfg_modify_file(s, "bootorder", list, len);
}

/* A number option as -boot gives it (it may be negative: -1). */
static bool boot_opt_number(QemuOpts *opts, const char *name, int64_t *val)
{
    const char *v = opts ? qemu_opt_get(opts, name) : NULL;

    if (!v) {
        return false;
    }
    if (qemu_strtoi64(v, NULL, 0, val) < 0) {
        *val = INT64_MIN;
    }
    return true;
}

/*
 * -boot splash=FILE: a JPEG (FF D8) or a 24-bit BMP ("BM", bits per pixel
 * at offset 28), as SeaBIOS can show.
 */
static void fw_cfg_bootsplash(FWCfgState *s, const char *name)
{
    g_autofree char *path = qemu_find_file(name);
    g_autofree char *data = NULL;
    gsize len = 0;

    if (!path) {
        error_report("failed to find file '%s'", name);
        return;
    }
    if (!g_file_get_contents(path, &data, &len, NULL)) {
        error_report("failed to read splash file '%s'", path);
        return;
    }
    if (len >= 2 && (uint8_t)data[0] == 0xff && (uint8_t)data[1] == 0xd8) {
        fw_cfg_add_file(s, "bootsplash.jpg", data, len);
    } else if (len >= 30 && data[0] == 'B' && data[1] == 'M' &&
               ((uint8_t)data[28] | (uint8_t)data[29] << 8) == 24) {
        fw_cfg_add_file(s, "bootsplash.bmp", data, len);
    } else {
        error_report("splash file '%s' format not recognized; must be JPEG "
                     "or 24 bit BMP", path);
    }
}

bool fw_cfg_boot_setup(FWCfgState *s, Error **errp)
{
    QemuOpts *opts = boot_opts();
    const char *splash = opts ? qemu_opt_get(opts, "splash") : NULL;
    bool menu = opts && qemu_opt_get_bool(opts, "menu", false);
    int64_t v;
    uint32_t wait;

    fw_cfg_add_i16(s, FW_CFG_BOOT_MENU, menu);
    if (boot_opt_number(opts, "splash-time", &v)) {
        uint16_t le;

        if (v < 0 || v > 0xffff) {
            error_setg(errp, "splash-time is invalid,"
                       "it should be a value between 0 and 65535");
            return false;
        }
        le = GUINT16_TO_LE(v);
        fw_cfg_add_file(s, "etc/boot-menu-wait", &le, sizeof(le));
    }
    if (splash) {
        fw_cfg_bootsplash(s, splash);
    }
    v = -1;
    if (boot_opt_number(opts, "reboot-timeout", &v) &&
        (v < -1 || v > 0xffff)) {
        error_setg(errp, "reboot timeout is invalid,"
                   "it should be a value between -1 and 65535");
        return false;
    }
    wait = GUINT32_TO_LE((uint32_t)v);
    fw_cfg_add_file(s, "etc/boot-fail-wait", &wait, sizeof(wait));
    /* Filled at reset; SeaBIOS reads "bios-geometry" for disks with
     * logical CHS settings, which no device provides yet. */
    fw_cfg_add_file(s, "bootorder", NULL, 0);
    fw_cfg_add_file(s, "bios-geometry", NULL, 0);
    qemu_register_reset(fw_cfg_boot_reset, s);
    return true;
}
