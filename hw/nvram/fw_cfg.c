/*
 * fw_cfg.c: the firmware configuration device ("fw_cfg_io").
 *
 * Reference: QEMU's fw_cfg specification (docs/specs/fw_cfg): selector
 * register (16-bit, key bits 14 write channel and 15 arch-local), data
 * register (8-bit, reads past the end give 0), the file directory at key
 * 0x19, the DMA interface (FW_CFG_ID bit 1; FWCfgDmaAccess, control bits
 * error/read/skip/select/write, the control word written back on
 * completion).  Files are kept sorted by name, as QEMU 7.2 machine types
 * do.  See include/hw/nvram/fw_cfg.h for the API.
 */
#include "qemu/osdep.h"
#include "hw/nvram/fw_cfg.h"
#include "qapi/error.h"
#include "sysemu/sysemu.h"

#define FW_CFG_CTL_SIZE         2
#define FW_CFG_DMA_SIZE         8
#define FW_CFG_INVALID          0xffff

typedef struct FWCfgEntry {
    uint8_t *data;
    uint32_t len;
    bool allow_write;
    FWCfgCallback *select_cb;
    FWCfgWriteCallback *write_cb;
    void *opaque;
} FWCfgEntry;

/* A file as the host keeps it (the directory item is built from these). */
typedef struct FWCfgFileInfo {
    char name[FW_CFG_MAX_FILE_PATH];
} FWCfgFileInfo;

struct FWCfgState {
    SysBusDevice parent_obj;
    /* properties */
    bool dma_enabled;           /* "dma_enabled" */
    uint16_t file_slots;        /* "x-file-slots" */
    bool acpi_mr_restore;       /* "acpi-mr-restore" */
    /* state */
    MemoryRegion ctl_io;        /* "fwcfg": selector + data */
    MemoryRegion dma_io;        /* "fwcfg.dma": DMA address register */
    AddressSpace *dma_as;
    FWCfgEntry *entries[2];     /* [0] generic keys, [1] arch-local keys */
    FWCfgFileInfo *files;       /* sorted by name; file i has key 0x20+i */
    uint32_t nb_files;
    uint16_t cur_entry;         /* selected key, or FW_CFG_INVALID */
    uint32_t cur_offset;
    uint64_t dma_addr;          /* the address register being written */
};

#define FW_CFG(obj) OBJECT_CHECK(FWCfgState, (obj), TYPE_FW_CFG)

/* ---- items ---- */

static uint32_t fw_cfg_max_entry(FWCfgState *s)
{
    return FW_CFG_FILE_FIRST + s->file_slots;
}

/* The entry of key, or NULL when the key is outside the device's range. */
static FWCfgEntry *fw_cfg_entry(FWCfgState *s, uint16_t key)
{
    int arch = !!(key & FW_CFG_ARCH_LOCAL);
    uint16_t idx = key & FW_CFG_ENTRY_MASK;

    if (!s->entries[0] || idx >= fw_cfg_max_entry(s)) {
        return NULL;
    }
    return &s->entries[arch][idx];
}

static void fw_cfg_set_data(FWCfgEntry *e, const void *data, size_t len)
{
    g_free(e->data);
    e->data = len ? g_memdup2(data, len) : NULL;
    e->len = len;
}

void fw_cfg_add_bytes(FWCfgState *s, uint16_t key, const void *data,
                      size_t len)
{
    FWCfgEntry *e = fw_cfg_entry(s, key);

    if (!e || len > UINT32_MAX) {
        error_report("fw_cfg: item 0x%x is out of range", key);
        return;
    }
    fw_cfg_set_data(e, data, len);
}

void fw_cfg_add_string(FWCfgState *s, uint16_t key, const char *value)
{
    fw_cfg_add_bytes(s, key, value, strlen(value) + 1);
}

void fw_cfg_add_i16(FWCfgState *s, uint16_t key, uint16_t value)
{
    uint16_t le = GUINT16_TO_LE(value);

    fw_cfg_add_bytes(s, key, &le, sizeof(le));
}

void fw_cfg_add_i32(FWCfgState *s, uint16_t key, uint32_t value)
{
    uint32_t le = GUINT32_TO_LE(value);

    fw_cfg_add_bytes(s, key, &le, sizeof(le));
}

void fw_cfg_add_i64(FWCfgState *s, uint16_t key, uint64_t value)
{
    uint64_t le = GUINT64_TO_LE(value);

    fw_cfg_add_bytes(s, key, &le, sizeof(le));
}

void fw_cfg_modify_bytes(FWCfgState *s, uint16_t key, const void *data,
                         size_t len)
{
    fw_cfg_add_bytes(s, key, data, len);
}

void fw_cfg_modify_string(FWCfgState *s, uint16_t key, const char *value)
{
    fw_cfg_add_string(s, key, value);
}

void fw_cfg_modify_i16(FWCfgState *s, uint16_t key, uint16_t value)
{
    fw_cfg_add_i16(s, key, value);
}

void fw_cfg_modify_i32(FWCfgState *s, uint16_t key, uint32_t value)
{
    fw_cfg_add_i32(s, key, value);
}

void fw_cfg_modify_i64(FWCfgState *s, uint16_t key, uint64_t value)
{
    fw_cfg_add_i64(s, key, value);
}

void fw_cfg_set_select_callback(FWCfgState *s, uint16_t key,
                                FWCfgCallback *cb, void *opaque)
{
    FWCfgEntry *e = fw_cfg_entry(s, key);

    if (e) {
        e->select_cb = cb;
        e->opaque = opaque;
    }
}

const uint8_t *fw_cfg_get_bytes(FWCfgState *s, uint16_t key, size_t *len)
{
    FWCfgEntry *e = fw_cfg_entry(s, key);

    *len = e ? e->len : 0;
    return e ? e->data : NULL;
}

/* ---- files ---- */

/* Rebuild the FW_CFG_FILE_DIR item from the sorted file list. */
static void fw_cfg_update_dir(FWCfgState *s)
{
    size_t size = 4 + (size_t)s->nb_files * sizeof(FWCfgFile);
    g_autofree uint8_t *dir = g_malloc0(size);
    uint32_t i;

    *(uint32_t *)dir = GUINT32_TO_BE(s->nb_files);
    for (i = 0; i < s->nb_files; i++) {
        FWCfgFile f = { 0 };

        f.size = GUINT32_TO_BE(s->entries[0][FW_CFG_FILE_FIRST + i].len);
        f.select = GUINT16_TO_BE(FW_CFG_FILE_FIRST + i);
        memcpy(f.name, s->files[i].name, sizeof(f.name));
        memcpy(dir + 4 + i * sizeof(FWCfgFile), &f, sizeof(f));
    }
    fw_cfg_set_data(&s->entries[0][FW_CFG_FILE_DIR], dir, size);
}

int fw_cfg_file_key(FWCfgState *s, const char *name)
{
    uint32_t i;

    for (i = 0; i < s->nb_files; i++) {
        if (!strcmp(s->files[i].name, name)) {
            return FW_CFG_FILE_FIRST + i;
        }
    }
    return -1;
}

bool fw_cfg_add_file_callback(FWCfgState *s, const char *name,
                              FWCfgCallback *select_cb,
                              FWCfgWriteCallback *write_cb, void *opaque,
                              const void *data, size_t len, bool read_only)
{
    FWCfgEntry *files = &s->entries[0][FW_CFG_FILE_FIRST];
    uint32_t index;

    if (strlen(name) >= FW_CFG_MAX_FILE_PATH || len > UINT32_MAX) {
        error_report("fw_cfg: file name '%s' too long or too big", name);
        return false;
    }
    if (fw_cfg_file_key(s, name) >= 0) {
        error_report("duplicate fw_cfg file name: %s", name);
        return false;
    }
    if (s->nb_files >= s->file_slots) {
        error_report("fw_cfg: no room for file '%s' (x-file-slots %u)",
                     name, s->file_slots);
        return false;
    }
    /* Insert in name order: the files after it move up one key. */
    for (index = 0; index < s->nb_files; index++) {
        if (strcmp(name, s->files[index].name) < 0) {
            break;
        }
    }
    memmove(&s->files[index + 1], &s->files[index],
            (s->nb_files - index) * sizeof(s->files[0]));
    memmove(&files[index + 1], &files[index],
            (s->nb_files - index) * sizeof(files[0]));
    memset(&s->files[index], 0, sizeof(s->files[index]));
    memset(&files[index], 0, sizeof(files[index]));
    g_strlcpy(s->files[index].name, name, sizeof(s->files[index].name));
    fw_cfg_set_data(&files[index], data, len);
    files[index].select_cb = select_cb;
    files[index].write_cb = write_cb;
    files[index].opaque = opaque;
    files[index].allow_write = !read_only;
    s->nb_files++;
    /* A selected file may have moved: the guest re-selects anyway. */
    fw_cfg_update_dir(s);
    return true;
}

bool fw_cfg_add_file(FWCfgState *s, const char *name, const void *data,
                     size_t len)
{
    return fw_cfg_add_file_callback(s, name, NULL, NULL, NULL, data, len,
                                    true);
}

void fw_cfg_modify_file(FWCfgState *s, const char *name, const void *data,
                        size_t len)
{
    int key = fw_cfg_file_key(s, name);

    if (key < 0) {
        fw_cfg_add_file(s, name, data, len);
        return;
    }
    fw_cfg_set_data(&s->entries[0][key], data, len);
    fw_cfg_update_dir(s);
}

const uint8_t *fw_cfg_get_file(FWCfgState *s, const char *name,
                               size_t *len)
{
    int key = fw_cfg_file_key(s, name);

    if (key < 0) {
        *len = 0;
        return NULL;
    }
    return fw_cfg_get_bytes(s, key, len);
}

/* ---- guest interface ---- */

/* The selected entry, or NULL (nothing selected or out of range). */
static FWCfgEntry *fw_cfg_cur(FWCfgState *s)
{
    return s->cur_entry == FW_CFG_INVALID ? NULL :
        fw_cfg_entry(s, s->cur_entry);
}

static void fw_cfg_select(FWCfgState *s, uint16_t key)
{
    FWCfgEntry *e = fw_cfg_entry(s, key);

    s->cur_offset = 0;
    if (!e) {
        s->cur_entry = FW_CFG_INVALID;
        return;
    }
    s->cur_entry = key;
    if (e->select_cb) {
        e->select_cb(e->opaque);
    }
}

static uint8_t fw_cfg_read_byte(FWCfgState *s)
{
    FWCfgEntry *e = fw_cfg_cur(s);

    if (!e || s->cur_offset >= e->len) {
        return 0;
    }
    return e->data[s->cur_offset++];
}

/*
 * Selector and data share one 2-port region, as on the reference: any byte
 * read is a data read, a 16-bit write selects, byte writes (the legacy
 * data write, unsupported since the DMA interface) are ignored.
 */
static uint64_t fw_cfg_ctl_read(void *opaque, hwaddr addr, unsigned size)
{
    FWCfgState *s = opaque;

    return size == 1 ? fw_cfg_read_byte(s) : 0;
}

static void fw_cfg_ctl_write(void *opaque, hwaddr addr, uint64_t val,
                             unsigned size)
{
    FWCfgState *s = opaque;

    if (size == 2) {
        fw_cfg_select(s, val);
    }
}

static const MemoryRegionOps fw_cfg_ctl_ops = {
    .read = fw_cfg_ctl_read,
    .write = fw_cfg_ctl_write,
    .valid = { .min_access_size = 1, .max_access_size = 2 },
    .impl = { .min_access_size = 1, .max_access_size = 2 },
};

/* Store the descriptor's control word back (big-endian). */
static void fw_cfg_dma_finish(FWCfgState *s, uint64_t desc, uint32_t control)
{
    uint32_t be = GUINT32_TO_BE(control);

    address_space_write(s->dma_as, desc + offsetof(FWCfgDmaAccess, control),
                        MEMTXATTRS_UNSPECIFIED, &be, sizeof(be));
}

/* Write len zero bytes at addr (a read past the item's end). */
static bool fw_cfg_dma_zero(FWCfgState *s, uint64_t addr, uint64_t len)
{
    static const uint8_t zeros[4096];

    while (len) {
        uint64_t n = MIN(len, sizeof(zeros));

        if (address_space_write(s->dma_as, addr, MEMTXATTRS_UNSPECIFIED,
                                zeros, n) != MEMTX_OK) {
            return false;
        }
        addr += n;
        len -= n;
    }
    return true;
}

/*
 * One DMA request (fw_cfg spec, "DMA interface").  The descriptor and the
 * buffer are guest memory: each access is checked, any failure sets the
 * error bit and ends the request.  An address that wraps around 2^64 is a
 * failure too.
 */
static void fw_cfg_dma_transfer(FWCfgState *s)
{
    uint64_t desc = s->dma_addr;
    FWCfgDmaAccess dma;
    uint32_t control, length, result = 0;
    uint64_t address;
    FWCfgEntry *e;

    s->dma_addr = 0;
    if (address_space_read(s->dma_as, desc, MEMTXATTRS_UNSPECIFIED, &dma,
                           sizeof(dma)) != MEMTX_OK) {
        fw_cfg_dma_finish(s, desc, FW_CFG_DMA_CTL_ERROR);
        return;
    }
    control = GUINT32_FROM_BE(dma.control);
    length = GUINT32_FROM_BE(dma.length);
    address = GUINT64_FROM_BE(dma.address);

    if (control & FW_CFG_DMA_CTL_SELECT) {
        fw_cfg_select(s, control >> 16);
    }
    /* One operation: read, else write, else skip, else nothing. */
    if (control & FW_CFG_DMA_CTL_READ) {
        control = FW_CFG_DMA_CTL_READ;
    } else if (control & FW_CFG_DMA_CTL_WRITE) {
        control = FW_CFG_DMA_CTL_WRITE;
    } else if (control & FW_CFG_DMA_CTL_SKIP) {
        control = FW_CFG_DMA_CTL_SKIP;
    } else {
        length = 0;
    }
    if (control != FW_CFG_DMA_CTL_SKIP && length &&
        address + length - 1 < address) {
        length = 0;
        result = FW_CFG_DMA_CTL_ERROR;
    }

    e = fw_cfg_cur(s);
    while (length && !result) {
        uint32_t avail = (e && s->cur_offset < e->len) ?
            e->len - s->cur_offset : 0;
        uint32_t n = avail ? MIN(length, avail) : length;

        if (!avail) {
            /* Past the end: reads give zeros, writes fail, skips pass. */
            if (control == FW_CFG_DMA_CTL_READ &&
                !fw_cfg_dma_zero(s, address, n)) {
                result = FW_CFG_DMA_CTL_ERROR;
            } else if (control == FW_CFG_DMA_CTL_WRITE) {
                result = FW_CFG_DMA_CTL_ERROR;
            }
        } else if (control == FW_CFG_DMA_CTL_READ) {
            if (address_space_write(s->dma_as, address,
                                    MEMTXATTRS_UNSPECIFIED,
                                    e->data + s->cur_offset, n) != MEMTX_OK) {
                result = FW_CFG_DMA_CTL_ERROR;
            }
            s->cur_offset += n;
        } else if (control == FW_CFG_DMA_CTL_WRITE) {
            /* A write must fit in the file and the file must allow it. */
            if (!e->allow_write || n != length ||
                address_space_read(s->dma_as, address,
                                   MEMTXATTRS_UNSPECIFIED,
                                   e->data + s->cur_offset, n) != MEMTX_OK) {
                result = FW_CFG_DMA_CTL_ERROR;
            } else if (e->write_cb) {
                e->write_cb(e->opaque, s->cur_offset, n);
            }
            s->cur_offset += n;
        } else {
            s->cur_offset += n;
        }
        address += n;
        length -= n;
    }
    fw_cfg_dma_finish(s, desc, result);
}

/* The address register: big-endian, as the guest stores it. */
static uint64_t fw_cfg_dma_read(void *opaque, hwaddr addr, unsigned size)
{
    static const uint8_t sig[FW_CFG_DMA_SIZE] = "QEMU CFG";
    uint64_t val = 0;
    unsigned i;

    for (i = 0; i < size && addr + i < sizeof(sig); i++) {
        val |= (uint64_t)sig[addr + i] << (8 * i);
    }
    return val;
}

static void fw_cfg_dma_write(void *opaque, hwaddr addr, uint64_t val,
                             unsigned size)
{
    FWCfgState *s = opaque;

    if (size == 4 && addr == 0) {
        s->dma_addr = (uint64_t)GUINT32_FROM_BE((uint32_t)val) << 32;
    } else if (size == 4 && addr == 4) {
        s->dma_addr |= GUINT32_FROM_BE((uint32_t)val);
        fw_cfg_dma_transfer(s);
    } else if (size == 8 && addr == 0) {
        s->dma_addr = GUINT64_FROM_BE(val);
        fw_cfg_dma_transfer(s);
    }
}

static const MemoryRegionOps fw_cfg_dma_ops = {
    .read = fw_cfg_dma_read,
    .write = fw_cfg_dma_write,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
    .impl = { .min_access_size = 1, .max_access_size = 8 },
};

/* ---- device ---- */

static void fw_cfg_reset(DeviceState *dev)
{
    FWCfgState *s = FW_CFG(dev);

    s->dma_addr = 0;
    fw_cfg_select(s, FW_CFG_SIGNATURE);
}

static bool fw_cfg_io_realize(DeviceState *dev, Error **errp)
{
    FWCfgState *s = FW_CFG(dev);
    uint32_t features = FW_CFG_VERSION;

    if (s->file_slots < FW_CFG_FILE_SLOTS_DFLT / 2) {
        error_setg(errp, "x-file-slots must be at least 0x%x",
                   FW_CFG_FILE_SLOTS_DFLT / 2);
        return false;
    }
    if (fw_cfg_max_entry(s) > FW_CFG_ENTRY_MASK + 1) {
        error_setg(errp, "x-file-slots must not exceed 0x%x",
                   FW_CFG_ENTRY_MASK + 1 - FW_CFG_FILE_FIRST);
        return false;
    }
    s->entries[0] = g_new0(FWCfgEntry, fw_cfg_max_entry(s));
    s->entries[1] = g_new0(FWCfgEntry, fw_cfg_max_entry(s));
    s->files = g_new0(FWCfgFileInfo, s->file_slots + 1);

    memory_region_init_io(&s->ctl_io, OBJECT(s), &fw_cfg_ctl_ops, s,
                          "fwcfg", FW_CFG_CTL_SIZE);
    if (s->dma_enabled) {
        memory_region_init_io(&s->dma_io, OBJECT(s), &fw_cfg_dma_ops, s,
                              "fwcfg.dma", FW_CFG_DMA_SIZE);
        features |= FW_CFG_VERSION_DMA;
    }
    if (!s->dma_as) {
        s->dma_as = &address_space_memory;
    }

    fw_cfg_add_bytes(s, FW_CFG_SIGNATURE, "QEMU", 4);
    fw_cfg_add_i32(s, FW_CFG_ID, features);
    fw_cfg_add_bytes(s, FW_CFG_UUID, qemu_uuid, 16);
    fw_cfg_add_i16(s, FW_CFG_NOGRAPHIC, nographic);
    fw_cfg_update_dir(s);
    s->cur_entry = FW_CFG_SIGNATURE;
    return true;
}

static void fw_cfg_unrealize(DeviceState *dev)
{
    FWCfgState *s = FW_CFG(dev);
    int arch;
    uint32_t i;

    if (s->ctl_io.container) {
        memory_region_del_subregion(s->ctl_io.container, &s->ctl_io);
    }
    if (s->dma_enabled && s->dma_io.container) {
        memory_region_del_subregion(s->dma_io.container, &s->dma_io);
    }
    for (arch = 0; arch < 2; arch++) {
        for (i = 0; s->entries[arch] && i < fw_cfg_max_entry(s); i++) {
            g_free(s->entries[arch][i].data);
        }
        g_free(s->entries[arch]);
        s->entries[arch] = NULL;
    }
    g_free(s->files);
    s->files = NULL;
    s->nb_files = 0;
}

FWCfgState *fw_cfg_init_io_dma(uint32_t iobase, uint32_t dma_iobase,
                               AddressSpace *dma_as)
{
    DeviceState *dev = qdev_new(TYPE_FW_CFG_IO);
    FWCfgState *s = FW_CFG(dev);
    Object *machine = qdev_get_machine();

    if (!dma_as) {
        object_property_set_bool(OBJECT(dev), "dma_enabled", false,
                                 &error_abort);
    }
    s->dma_as = dma_as;
    if (machine) {
        object_property_add_child(machine, TYPE_FW_CFG, OBJECT(dev));
    }
    sysbus_realize_and_unref(SYS_BUS_DEVICE(dev), &error_abort);
    memory_region_add_subregion(get_system_io(), iobase, &s->ctl_io);
    if (s->dma_enabled) {
        memory_region_add_subregion(get_system_io(), dma_iobase, &s->dma_io);
    }
    return s;
}

FWCfgState *fw_cfg_find(void)
{
    Object *machine = qdev_get_machine();
    Object *obj;

    if (!machine) {
        return NULL;
    }
    obj = object_resolve_path_component(machine, TYPE_FW_CFG);
    return obj && object_dynamic_cast(obj, TYPE_FW_CFG) ? FW_CFG(obj) : NULL;
}

bool fw_cfg_dma_enabled(FWCfgState *s)
{
    return s->dma_enabled;
}

static Property fw_cfg_io_properties[] = {
    DEFINE_PROP_BOOL("dma_enabled", FWCfgState, dma_enabled, true),
    DEFINE_PROP_UINT16("x-file-slots", FWCfgState, file_slots,
                       FW_CFG_FILE_SLOTS_DFLT),
    DEFINE_PROP_BOOL("acpi-mr-restore", FWCfgState, acpi_mr_restore, true),
    DEFINE_PROP_END_OF_LIST(),
};

static void fw_cfg_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->reset = fw_cfg_reset;
    dc->unrealize = fw_cfg_unrealize;
}

static void fw_cfg_io_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = fw_cfg_io_realize;
    device_class_set_props(dc, fw_cfg_io_properties);
}

static const TypeInfo fw_cfg_types[] = {
    {
        .name = TYPE_FW_CFG,
        .parent = TYPE_SYS_BUS_DEVICE,
        .abstract = true,
        .instance_size = sizeof(FWCfgState),
        .class_init = fw_cfg_class_init,
    }, {
        .name = TYPE_FW_CFG_IO,
        .parent = TYPE_FW_CFG,
        .class_init = fw_cfg_io_class_init,
    },
};

static void fw_cfg_register_types(void)
{
    type_register_static_array(fw_cfg_types, ARRAY_SIZE(fw_cfg_types));
}

type_init(fw_cfg_register_types)
