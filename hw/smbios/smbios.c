/*
 * smbios.c: the -smbios options (checked and recorded while the command
 * line is read) and the fw_cfg hand-over of the tables.
 *
 * The fields each type accepts, and their types, are the reference's
 * (QEMU 7.2); the structures are built in smbios-build.c.
 */
#include "qemu/osdep.h"
#include "smbios-internal.h"
#include "qapi/error.h"
#include "sysemu/sysemu.h"

static SmbiosSettings *settings;

SmbiosSettings *smbios_settings(void)
{
    if (!settings) {
        settings = g_new0(SmbiosSettings, 1);
        settings->t4_max_speed = 2000;
        settings->t4_current_speed = 2000;
        settings->t8 = g_ptr_array_new();
        settings->t41 = g_ptr_array_new();
        settings->t11 = g_ptr_array_new_with_free_func(g_free);
        settings->file_blobs = g_byte_array_new();
    }
    return settings;
}

static void type8_free(gpointer p)
{
    SmbiosType8 *t = p;

    g_free(t->internal_reference);
    g_free(t->external_reference);
    g_free(t);
}

static void type41_free(gpointer p)
{
    SmbiosType41 *t = p;

    g_free(t->designation);
    g_free(t->pcidev);
    g_free(t);
}

void smbios_reset_options(void)
{
    SmbiosSettings *s = settings;
    char **strs[] = {
        &s->t0_vendor, &s->t0_version, &s->t0_date,
        &s->t1_manufacturer, &s->t1_product, &s->t1_version, &s->t1_serial,
        &s->t1_sku, &s->t1_family,
        &s->t2_manufacturer, &s->t2_product, &s->t2_version, &s->t2_serial,
        &s->t2_asset, &s->t2_location,
        &s->t3_manufacturer, &s->t3_version, &s->t3_serial, &s->t3_asset,
        &s->t3_sku,
        &s->t4_sock_pfx, &s->t4_manufacturer, &s->t4_version,
        &s->t4_serial, &s->t4_asset, &s->t4_part,
        &s->t17_loc_pfx, &s->t17_bank, &s->t17_manufacturer,
        &s->t17_serial, &s->t17_asset, &s->t17_part,
    };
    size_t i;

    if (!s) {
        return;
    }
    for (i = 0; i < ARRAY_SIZE(strs); i++) {
        g_free(*strs[i]);
    }
    g_ptr_array_set_free_func(s->t8, type8_free);
    g_ptr_array_set_free_func(s->t41, type41_free);
    g_ptr_array_unref(s->t8);
    g_ptr_array_unref(s->t41);
    g_ptr_array_unref(s->t11);
    g_byte_array_unref(s->file_blobs);
    g_free(s);
    settings = NULL;
}

/* ---- option tables (the reference's fields per type) ---- */

static const QemuOptDesc type0_opts[] = {
    { "type", QEMU_OPT_NUMBER },
    { "vendor", QEMU_OPT_STRING },
    { "version", QEMU_OPT_STRING },
    { "date", QEMU_OPT_STRING },
    { "release", QEMU_OPT_STRING },
    { "uefi", QEMU_OPT_BOOL },
    { NULL }
};

static const QemuOptDesc type1_opts[] = {
    { "type", QEMU_OPT_NUMBER },
    { "manufacturer", QEMU_OPT_STRING },
    { "product", QEMU_OPT_STRING },
    { "version", QEMU_OPT_STRING },
    { "serial", QEMU_OPT_STRING },
    { "uuid", QEMU_OPT_STRING },
    { "sku", QEMU_OPT_STRING },
    { "family", QEMU_OPT_STRING },
    { NULL }
};

static const QemuOptDesc type2_opts[] = {
    { "type", QEMU_OPT_NUMBER },
    { "manufacturer", QEMU_OPT_STRING },
    { "product", QEMU_OPT_STRING },
    { "version", QEMU_OPT_STRING },
    { "serial", QEMU_OPT_STRING },
    { "asset", QEMU_OPT_STRING },
    { "location", QEMU_OPT_STRING },
    { NULL }
};

static const QemuOptDesc type3_opts[] = {
    { "type", QEMU_OPT_NUMBER },
    { "manufacturer", QEMU_OPT_STRING },
    { "version", QEMU_OPT_STRING },
    { "serial", QEMU_OPT_STRING },
    { "asset", QEMU_OPT_STRING },
    { "sku", QEMU_OPT_STRING },
    { NULL }
};

static const QemuOptDesc type4_opts[] = {
    { "type", QEMU_OPT_NUMBER },
    { "sock_pfx", QEMU_OPT_STRING },
    { "manufacturer", QEMU_OPT_STRING },
    { "version", QEMU_OPT_STRING },
    { "serial", QEMU_OPT_STRING },
    { "asset", QEMU_OPT_STRING },
    { "part", QEMU_OPT_STRING },
    { "max-speed", QEMU_OPT_NUMBER },
    { "current-speed", QEMU_OPT_NUMBER },
    { "processor-id", QEMU_OPT_NUMBER },
    { NULL }
};

static const QemuOptDesc type8_opts[] = {
    { "type", QEMU_OPT_NUMBER },
    { "internal_reference", QEMU_OPT_STRING },
    { "external_reference", QEMU_OPT_STRING },
    { "connector_type", QEMU_OPT_NUMBER },
    { "port_type", QEMU_OPT_NUMBER },
    { NULL }
};

static const QemuOptDesc type11_opts[] = {
    { "type", QEMU_OPT_NUMBER },
    { "value", QEMU_OPT_STRING },
    { "path", QEMU_OPT_STRING },
    { NULL }
};

static const QemuOptDesc type17_opts[] = {
    { "type", QEMU_OPT_NUMBER },
    { "loc_pfx", QEMU_OPT_STRING },
    { "bank", QEMU_OPT_STRING },
    { "manufacturer", QEMU_OPT_STRING },
    { "serial", QEMU_OPT_STRING },
    { "asset", QEMU_OPT_STRING },
    { "part", QEMU_OPT_STRING },
    { "speed", QEMU_OPT_NUMBER },
    { NULL }
};

static const QemuOptDesc type41_opts[] = {
    { "type", QEMU_OPT_NUMBER },
    { "designation", QEMU_OPT_STRING },
    { "kind", QEMU_OPT_STRING },
    { "instance", QEMU_OPT_NUMBER },
    { "pcidev", QEMU_OPT_STRING },
    { NULL }
};

/* Type 41 device kinds (SMBIOS 7.42.2): the value is the index + 1. */
static const char *const type41_kinds[] = {
    "other", "unknown", "video", "scsi", "ethernet", "tokenring", "sound",
    "pata", "sata", "sas", NULL,
};

/* Replace *field with the option's value when it was given. */
static void save_opt(char **field, QemuOpts *opts, const char *name)
{
    const char *v = qemu_opt_get(opts, name);

    if (v) {
        g_free(*field);
        *field = g_strdup(v);
    }
}

static bool save_speed(uint64_t *field, QemuOpts *opts, const char *name,
                       const char *what, Error **errp)
{
    if (!qemu_opt_find(opts, name)) {
        return true;
    }
    *field = qemu_opt_get_number(opts, name, 0);
    if (*field > UINT16_MAX) {
        error_setg(errp, "SMBIOS %s speed is too large (> 65535)", what);
        return false;
    }
    return true;
}

/* -smbios file=PATH: one structure, as is. */
static bool smbios_add_file(SmbiosSettings *s, const char *path,
                            Error **errp)
{
    g_autofree char *data = NULL;
    gsize len;
    uint8_t type;

    if (!g_file_get_contents(path, &data, &len, NULL) || len < 4) {
        error_setg(errp, "Cannot read SMBIOS file %s", path);
        return false;
    }
    type = data[0];
    if (type <= SMBIOS_MAX_TYPE && smbios_bit(s->have_fields, type)) {
        error_setg(errp, "can't load type %d struct, fields already "
                   "specified!", type);
        return false;
    }
    if (type <= SMBIOS_MAX_TYPE) {
        s->have_file[type / 8] |= 1u << (type % 8);
    }
    g_byte_array_append(s->file_blobs, (uint8_t *)data, len);
    s->file_max = MAX(s->file_max, len);
    s->file_count++;
    return true;
}

typedef struct OemCtx {
    SmbiosSettings *s;
    bool failed;
} OemCtx;

static int add_oem_string(void *opaque, const char *name, const char *value,
                          Error **errp)
{
    OemCtx *c = opaque;

    if (!strcmp(name, "value")) {
        g_ptr_array_add(c->s->t11, g_strdup(value));
    } else if (!strcmp(name, "path")) {
        g_autofree char *data = NULL;
        gsize len;

        if (!g_file_get_contents(value, &data, &len, NULL)) {
            int fd = open(value, O_RDONLY | O_CLOEXEC);
            int err = fd < 0 ? errno : EIO;

            if (fd >= 0) {
                close(fd);
            }
            error_setg(errp, "Could not open '%s': %s", value,
                       strerror(err));
            return -1;
        }
        g_ptr_array_add(c->s->t11, g_strndup(data, len));
    }
    return 0;
}

static bool smbios_add_fields(SmbiosSettings *s, unsigned type,
                              QemuOpts *opts, Error **errp)
{
    const char *v;

    switch (type) {
    case 0:
        if (!qemu_opts_validate(opts, type0_opts, errp)) {
            return false;
        }
        save_opt(&s->t0_vendor, opts, "vendor");
        save_opt(&s->t0_version, opts, "version");
        save_opt(&s->t0_date, opts, "date");
        s->t0_uefi = qemu_opt_get_bool(opts, "uefi", false);
        v = qemu_opt_get(opts, "release");
        if (v) {
            char *end;
            unsigned long major = strtoul(v, &end, 10), minor;

            if (end == v || *end != '.' || !g_ascii_isdigit(end[1])) {
                error_setg(errp, "Invalid release");
                return false;
            }
            v = end + 1;
            minor = strtoul(v, &end, 10);
            if (*end) {
                error_setg(errp, "Invalid release");
                return false;
            }
            s->t0_major = major;
            s->t0_minor = minor;
            s->t0_have_release = true;
        }
        return true;
    case 1:
        if (!qemu_opts_validate(opts, type1_opts, errp)) {
            return false;
        }
        save_opt(&s->t1_manufacturer, opts, "manufacturer");
        save_opt(&s->t1_product, opts, "product");
        save_opt(&s->t1_version, opts, "version");
        save_opt(&s->t1_serial, opts, "serial");
        save_opt(&s->t1_sku, opts, "sku");
        save_opt(&s->t1_family, opts, "family");
        v = qemu_opt_get(opts, "uuid");
        if (v) {
            if (!qemu_uuid_parse(v, qemu_uuid)) {
                error_setg(errp, "Invalid UUID");
                return false;
            }
            qemu_uuid_set = true;
        }
        return true;
    case 2:
        if (!qemu_opts_validate(opts, type2_opts, errp)) {
            return false;
        }
        save_opt(&s->t2_manufacturer, opts, "manufacturer");
        save_opt(&s->t2_product, opts, "product");
        save_opt(&s->t2_version, opts, "version");
        save_opt(&s->t2_serial, opts, "serial");
        save_opt(&s->t2_asset, opts, "asset");
        save_opt(&s->t2_location, opts, "location");
        return true;
    case 3:
        if (!qemu_opts_validate(opts, type3_opts, errp)) {
            return false;
        }
        save_opt(&s->t3_manufacturer, opts, "manufacturer");
        save_opt(&s->t3_version, opts, "version");
        save_opt(&s->t3_serial, opts, "serial");
        save_opt(&s->t3_asset, opts, "asset");
        save_opt(&s->t3_sku, opts, "sku");
        return true;
    case 4:
        if (!qemu_opts_validate(opts, type4_opts, errp)) {
            return false;
        }
        save_opt(&s->t4_sock_pfx, opts, "sock_pfx");
        save_opt(&s->t4_manufacturer, opts, "manufacturer");
        save_opt(&s->t4_version, opts, "version");
        save_opt(&s->t4_serial, opts, "serial");
        save_opt(&s->t4_asset, opts, "asset");
        save_opt(&s->t4_part, opts, "part");
        if (!save_speed(&s->t4_max_speed, opts, "max-speed", "CPU", errp) ||
            !save_speed(&s->t4_current_speed, opts, "current-speed", "CPU",
                        errp)) {
            return false;
        }
        if (qemu_opt_find(opts, "processor-id")) {
            s->t4_processor_id = qemu_opt_get_number(opts, "processor-id", 0);
            s->t4_have_processor_id = true;
        }
        return true;
    case 8: {
        SmbiosType8 *t;

        if (!qemu_opts_validate(opts, type8_opts, errp)) {
            return false;
        }
        t = g_new0(SmbiosType8, 1);
        save_opt(&t->internal_reference, opts, "internal_reference");
        save_opt(&t->external_reference, opts, "external_reference");
        t->connector_type = qemu_opt_get_number(opts, "connector_type", 0);
        t->port_type = qemu_opt_get_number(opts, "port_type", 0);
        g_ptr_array_add(s->t8, t);
        return true;
    }
    case 11: {
        OemCtx c = { .s = s };

        if (!qemu_opts_validate(opts, type11_opts, errp)) {
            return false;
        }
        return qemu_opt_foreach(opts, add_oem_string, &c, errp) == 0;
    }
    case 17:
        if (!qemu_opts_validate(opts, type17_opts, errp)) {
            return false;
        }
        save_opt(&s->t17_loc_pfx, opts, "loc_pfx");
        save_opt(&s->t17_bank, opts, "bank");
        save_opt(&s->t17_manufacturer, opts, "manufacturer");
        save_opt(&s->t17_serial, opts, "serial");
        save_opt(&s->t17_asset, opts, "asset");
        save_opt(&s->t17_part, opts, "part");
        /* The reference does not check this one: it keeps 16 bits. */
        s->t17_speed = (uint16_t)qemu_opt_get_number(opts, "speed",
                                                     s->t17_speed);
        return true;
    case 41: {
        SmbiosType41 *t;
        int kind = 0;

        if (!qemu_opts_validate(opts, type41_opts, errp)) {
            return false;
        }
        v = qemu_opt_get(opts, "kind");
        if (v) {
            for (kind = 0; type41_kinds[kind]; kind++) {
                if (!strcmp(type41_kinds[kind], v)) {
                    break;
                }
            }
            if (!type41_kinds[kind]) {
                error_setg(errp, "invalid parameter value: %s", v);
                return false;
            }
        }
        t = g_new0(SmbiosType41, 1);
        save_opt(&t->designation, opts, "designation");
        save_opt(&t->pcidev, opts, "pcidev");
        t->kind = kind + 1;
        t->instance = qemu_opt_get_number(opts, "instance", 0);
        g_ptr_array_add(s->t41, t);
        return true;
    }
    default:
        error_setg(errp, "Don't know how to build fields for SMBIOS type %u",
                   type);
        return false;
    }
}

bool smbios_entry_add(QemuOpts *opts, Error **errp)
{
    SmbiosSettings *s = smbios_settings();
    const char *v = qemu_opt_get(opts, "file");
    unsigned long type;

    if (v) {
        return smbios_add_file(s, v, errp);
    }
    v = qemu_opt_get(opts, "type");
    if (!v) {
        error_setg(errp, "Must specify type= or file=");
        return false;
    }
    /* A type that is not a number reads as 0: type 0's check rejects it
     * ("Parameter 'type' expects a number"), as on the reference. */
    type = strtoul(v, NULL, 0);
    if (type > SMBIOS_MAX_TYPE) {
        error_setg(errp, "out of range!");
        return false;
    }
    if (smbios_bit(s->have_file, type)) {
        error_setg(errp, "can't add fields, binary file already provided");
        return false;
    }
    s->have_fields[type / 8] |= 1u << (type % 8);
    return smbios_add_fields(s, type, opts, errp);
}

bool smbios_setup_tables(MachineState *ms, FWCfgState *fw_cfg,
                         const SmbiosMachineInfo *info, Error **errp)
{
    g_autofree uint8_t *tables = NULL, *anchor = NULL;
    size_t tables_len, anchor_len;

    if (!smbios_get_tables(ms, info, &tables, &tables_len, &anchor,
                           &anchor_len, errp)) {
        return false;
    }
    fw_cfg_add_file(fw_cfg, "etc/smbios/smbios-tables", tables, tables_len);
    fw_cfg_add_file(fw_cfg, "etc/smbios/smbios-anchor", anchor, anchor_len);
    return true;
}
