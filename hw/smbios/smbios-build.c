/*
 * smbios-build.c: the SMBIOS structures and entry points.
 *
 * Reference: DMTF DSP0134 (SMBIOS) 3.0: 6.1.2 structure header and
 * strings ("each string NUL-terminated, the set ended by an additional
 * NUL; a structure without strings ends with two NULs"), 5.2.1 the 2.1
 * (32-bit) entry point, 5.2.2 the 3.0 (64-bit) entry point, 7.1 type 0,
 * 7.2 type 1 (7.2.1 UUID byte order), 7.3 type 2, 7.4 type 3, 7.5 type 4,
 * 7.9 type 8, 7.12 type 11, 7.17 type 16, 7.18 type 17, 7.20 type 19,
 * 7.33 type 32, 7.42 type 41, 7.45 type 127.  Field values and defaults
 * follow the reference's tables for pc-i440fx-7.2.
 */
#include "qemu/osdep.h"
#include "smbios-internal.h"
#include "qapi/error.h"
#include "sysemu/sysemu.h"
#include "hw/pci/pci.h"

#define MAX_DIMM_SIZE       (16 * GiB)
#define MAX_T16_STD_SIZE    0x80000000u     /* KiB: 2 TiB */
#define MAX_T17_STD_SIZE    0x7fffu         /* MiB */

/* Structure lengths (formatted areas). */
#define T0_LEN      24
#define T1_LEN      27
#define T2_LEN      15
#define T3_LEN      22
#define T4_LEN_V28  42
#define T4_LEN_V30  48
#define T8_LEN      9
#define T11_LEN     5
#define T16_LEN     23
#define T17_LEN     40
#define T19_LEN     31
#define T32_LEN     11
#define T41_LEN     11
#define T127_LEN    4

/* The table being built: structures so far and the current one's strings. */
typedef struct SB {
    GByteArray *out;
    GString *strs;
    uint8_t nstr;
    unsigned count;
    size_t max;
} SB;

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = v;
    p[1] = v >> 8;
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, v);
    put16(p + 2, v >> 16);
}

static void put64(uint8_t *p, uint64_t v)
{
    put32(p, v);
    put32(p + 4, v >> 32);
}

/* Header of a structure of type/len/handle in f (zeroed first). */
static void sb_header(uint8_t *f, uint8_t type, uint8_t len, uint16_t handle)
{
    memset(f, 0, len);
    f[0] = type;
    f[1] = len;
    put16(f + 2, handle);
}

/* Add a string and store its number in *field (0 for none or empty). */
static void sb_str(SB *b, uint8_t *field, const char *s)
{
    if (!s || !*s) {
        *field = 0;
        return;
    }
    g_string_append(b->strs, s);
    g_string_append_c(b->strs, '\0');
    *field = ++b->nstr;
}

/* Append the formatted area f (f[1] bytes), then the strings. */
static void sb_emit(SB *b, const uint8_t *f)
{
    size_t start = b->out->len;

    g_byte_array_append(b->out, f, f[1]);
    if (b->strs->len) {
        g_byte_array_append(b->out, (uint8_t *)b->strs->str, b->strs->len);
        g_byte_array_append(b->out, (const uint8_t *)"", 1);
    } else {
        g_byte_array_append(b->out, (const uint8_t *)"\0", 2);
    }
    b->count++;
    b->max = MAX(b->max, b->out->len - start);
    g_string_truncate(b->strs, 0);
    b->nstr = 0;
}

static const char *dflt(const char *value, const char *def)
{
    return value ? value : def;
}

static void build_type0(SB *b, SmbiosSettings *s)
{
    uint8_t f[T0_LEN];

    sb_header(f, 0, T0_LEN, 0x0000);
    sb_str(b, &f[4], s->t0_vendor);
    sb_str(b, &f[5], s->t0_version);
    put16(f + 6, 0xe800);               /* BIOS starting segment */
    sb_str(b, &f[8], s->t0_date);
    f[9] = 0;                           /* ROM size: SeaBIOS's business */
    f[10] = 0x08;                       /* characteristics not supported */
    f[18] = 0;
    /* Targeted content distribution, virtual machine, (UEFI). */
    f[19] = 0x14 | (s->t0_uefi ? 0x08 : 0);
    f[20] = s->t0_major;
    f[21] = s->t0_minor;
    f[22] = 0xff;                       /* no embedded controller */
    f[23] = 0xff;
    sb_emit(b, f);
}

/* SMBIOS 2.6+ wire format: the first three UUID fields little-endian. */
static void put_uuid(uint8_t *p, const uint8_t *uuid)
{
    p[0] = uuid[3];
    p[1] = uuid[2];
    p[2] = uuid[1];
    p[3] = uuid[0];
    p[4] = uuid[5];
    p[5] = uuid[4];
    p[6] = uuid[7];
    p[7] = uuid[6];
    memcpy(p + 8, uuid + 8, 8);
}

static void build_type1(SB *b, SmbiosSettings *s,
                        const SmbiosMachineInfo *info)
{
    uint8_t f[T1_LEN];

    sb_header(f, 1, T1_LEN, 0x0100);
    sb_str(b, &f[4], dflt(s->t1_manufacturer, info->manufacturer));
    sb_str(b, &f[5], dflt(s->t1_product, info->product));
    sb_str(b, &f[6], dflt(s->t1_version, info->version));
    sb_str(b, &f[7], s->t1_serial);
    if (qemu_uuid_set) {
        put_uuid(f + 8, qemu_uuid);
    }
    f[24] = 0x06;                       /* wake-up type: power switch */
    sb_str(b, &f[25], s->t1_sku);
    sb_str(b, &f[26], s->t1_family);
    sb_emit(b, f);
}

static void build_type2(SB *b, SmbiosSettings *s,
                        const SmbiosMachineInfo *info)
{
    uint8_t f[T2_LEN];

    sb_header(f, 2, T2_LEN, 0x0200);
    sb_str(b, &f[4], dflt(s->t2_manufacturer, info->manufacturer));
    sb_str(b, &f[5], dflt(s->t2_product, info->product));
    sb_str(b, &f[6], dflt(s->t2_version, info->version));
    sb_str(b, &f[7], s->t2_serial);
    sb_str(b, &f[8], s->t2_asset);
    f[9] = 0x01;                        /* hosting board */
    sb_str(b, &f[10], s->t2_location);
    put16(f + 11, 0x0300);              /* the chassis */
    f[13] = 0x0a;                       /* motherboard */
    sb_emit(b, f);
}

static void build_type3(SB *b, SmbiosSettings *s,
                        const SmbiosMachineInfo *info)
{
    uint8_t f[T3_LEN];

    sb_header(f, 3, T3_LEN, 0x0300);
    sb_str(b, &f[4], dflt(s->t3_manufacturer, info->manufacturer));
    f[5] = 0x01;                        /* type: other */
    sb_str(b, &f[6], dflt(s->t3_version, info->version));
    sb_str(b, &f[7], s->t3_serial);
    sb_str(b, &f[8], s->t3_asset);
    f[9] = 0x03;                        /* boot-up state: safe */
    f[10] = 0x03;                       /* power supply state: safe */
    f[11] = 0x03;                       /* thermal state: safe */
    f[12] = 0x02;                       /* security status: unknown */
    sb_str(b, &f[21], s->t3_sku);
    sb_emit(b, f);
}

static uint8_t clamp8(unsigned v)
{
    return v > 0xff ? 0xff : v;
}

static void build_type4(SB *b, SmbiosSettings *s,
                        const SmbiosMachineInfo *info, unsigned socket,
                        unsigned cores, unsigned threads)
{
    uint8_t f[T4_LEN_V30];
    uint8_t len = info->ep_type == SMBIOS_ENTRY_POINT_TYPE_64 ?
        T4_LEN_V30 : T4_LEN_V28;
    g_autofree char *sock = g_strdup_printf("%s %u",
                                            dflt(s->t4_sock_pfx, "CPU"),
                                            socket);

    sb_header(f, 4, len, 0x0400 + socket);
    sb_str(b, &f[4], sock);
    f[5] = 0x03;                        /* central processor */
    f[6] = 0x01;                        /* family: other (see family 2) */
    sb_str(b, &f[7], dflt(s->t4_manufacturer, info->manufacturer));
    put64(f + 8, s->t4_have_processor_id ? s->t4_processor_id :
          info->processor_id);
    sb_str(b, &f[16], dflt(s->t4_version, info->version));
    put16(f + 20, s->t4_max_speed);
    put16(f + 22, s->t4_current_speed);
    f[24] = 0x41;                       /* socket populated, CPU enabled */
    f[25] = 0x01;                       /* upgrade: other */
    put16(f + 26, 0xffff);              /* no cache information */
    put16(f + 28, 0xffff);
    put16(f + 30, 0xffff);
    sb_str(b, &f[32], s->t4_serial);
    sb_str(b, &f[33], s->t4_asset);
    sb_str(b, &f[34], s->t4_part);
    f[35] = clamp8(cores);
    f[36] = clamp8(cores);
    f[37] = clamp8(threads);
    put16(f + 38, 0x0002);              /* characteristics: unknown */
    put16(f + 40, 0x0001);              /* family 2: other */
    if (len == T4_LEN_V30) {
        put16(f + 42, cores);
        put16(f + 44, cores);
        put16(f + 46, threads);
    }
    sb_emit(b, f);
}

static void build_type8(SB *b, const SmbiosType8 *t, unsigned i)
{
    uint8_t f[T8_LEN];

    /* The reference numbers type 8 handles from 0, not 0x0800. */
    sb_header(f, 8, T8_LEN, i);
    sb_str(b, &f[4], t->internal_reference);
    f[5] = 0;                           /* internal connector: none */
    sb_str(b, &f[6], t->external_reference);
    f[7] = t->connector_type;
    f[8] = t->port_type;
    sb_emit(b, f);
}

static void build_type11(SB *b, SmbiosSettings *s)
{
    uint8_t f[T11_LEN];
    uint8_t dummy;
    unsigned i;

    sb_header(f, 11, T11_LEN, 0x0e00);
    f[4] = s->t11->len;
    for (i = 0; i < s->t11->len; i++) {
        sb_str(b, &dummy, g_ptr_array_index(s->t11, i));
    }
    sb_emit(b, f);
}

static void build_type16(SB *b, uint64_t ram_size, unsigned dimms)
{
    uint8_t f[T16_LEN];
    uint64_t kib = QEMU_ALIGN_UP(ram_size, KiB) / KiB;

    sb_header(f, 16, T16_LEN, 0x1000);
    f[4] = 0x01;                        /* location: other */
    f[5] = 0x03;                        /* use: system memory */
    f[6] = 0x06;                        /* error correction: multi-bit */
    if (kib < MAX_T16_STD_SIZE) {
        put32(f + 7, kib);
    } else {
        put32(f + 7, MAX_T16_STD_SIZE);
        put64(f + 15, ram_size);
    }
    put16(f + 11, 0xfffe);              /* no error information */
    put16(f + 13, dimms);
    sb_emit(b, f);
}

static void build_type17(SB *b, SmbiosSettings *s,
                         const SmbiosMachineInfo *info, unsigned i,
                         uint64_t size)
{
    uint8_t f[T17_LEN];
    uint64_t mib = QEMU_ALIGN_UP(size, MiB) / MiB;
    g_autofree char *loc = g_strdup_printf("%s %u",
                                           dflt(s->t17_loc_pfx, "DIMM"), i);

    sb_header(f, 17, T17_LEN, 0x1100 + i);
    put16(f + 4, 0x1000);               /* the memory array */
    put16(f + 6, 0xfffe);
    put16(f + 8, 0xffff);               /* widths unknown */
    put16(f + 10, 0xffff);
    if (mib < MAX_T17_STD_SIZE) {
        put16(f + 12, mib);
    } else {
        put16(f + 12, MAX_T17_STD_SIZE);
        put32(f + 28, mib);
    }
    f[14] = 0x09;                       /* form factor: DIMM */
    sb_str(b, &f[16], loc);
    sb_str(b, &f[17], s->t17_bank);
    f[18] = 0x07;                       /* memory type: RAM */
    put16(f + 19, 0x0002);              /* type detail: other */
    put16(f + 21, s->t17_speed);
    sb_str(b, &f[23], dflt(s->t17_manufacturer, info->manufacturer));
    sb_str(b, &f[24], s->t17_serial);
    sb_str(b, &f[25], s->t17_asset);
    sb_str(b, &f[26], s->t17_part);
    put16(f + 32, s->t17_speed);        /* configured speed */
    sb_emit(b, f);
}

static void build_type19(SB *b, unsigned i, uint64_t start, uint64_t size)
{
    uint8_t f[T19_LEN];
    uint64_t start_kib = start / KiB, end_kib = (start + size) / KiB - 1;

    sb_header(f, 19, T19_LEN, 0x1300 + i);
    if (start_kib < UINT32_MAX && end_kib < UINT32_MAX) {
        put32(f + 4, start_kib);
        put32(f + 8, end_kib);
    } else {
        put32(f + 4, UINT32_MAX);
        put32(f + 8, UINT32_MAX);
        put64(f + 15, start);
        put64(f + 23, start + size - 1);
    }
    put16(f + 12, 0x1000);
    f[14] = 1;                          /* partition width */
    sb_emit(b, f);
}

static bool build_type41(SB *b, const SmbiosType41 *t, unsigned i,
                         Error **errp)
{
    uint8_t f[T41_LEN];

    sb_header(f, 41, T41_LEN, 0x2900 + i);
    sb_str(b, &f[4], t->designation);
    f[5] = t->kind | 0x80;              /* device enabled */
    f[6] = t->instance;
    if (t->pcidev) {
        DeviceState *dev = qdev_find_device(t->pcidev, NULL);
        PCIDevice *pdev;

        if (!dev || !object_dynamic_cast(OBJECT(dev), TYPE_PCI_DEVICE)) {
            error_setg(errp, "No PCI device %s for SMBIOS type 41 entry %s",
                       t->pcidev, t->designation ? t->designation : "(null)");
            g_string_truncate(b->strs, 0);
            b->nstr = 0;
            return false;
        }
        pdev = PCI_DEVICE(dev);
        f[9] = pci_bus_num(pci_get_bus(pdev));
        f[10] = pdev->devfn;
    }
    sb_emit(b, f);
    return true;
}

static void build_simple(SB *b, uint8_t type, uint8_t len, uint16_t handle)
{
    uint8_t f[T32_LEN];

    sb_header(f, type, len, handle);
    sb_emit(b, f);
}

/* The 2.1 (32-bit) entry point; SeaBIOS fills the address and sums. */
static uint8_t *build_ep32(const SB *b, size_t *len)
{
    uint8_t *ep = g_malloc0(31);

    memcpy(ep, "_SM_", 4);
    ep[5] = 31;
    ep[6] = 2;
    ep[7] = 8;
    put16(ep + 8, b->max);
    memcpy(ep + 16, "_DMI_", 5);
    put16(ep + 22, b->out->len);
    put16(ep + 28, b->count);
    ep[30] = 0x28;                      /* BCD 2.8 */
    *len = 31;
    return ep;
}

/* The 3.0 (64-bit) entry point. */
static uint8_t *build_ep64(const SB *b, size_t *len)
{
    uint8_t *ep = g_malloc0(24);

    memcpy(ep, "_SM3_", 5);
    ep[6] = 24;
    ep[7] = 3;
    ep[8] = 0;
    ep[10] = 1;                         /* entry point revision 3.0 */
    put32(ep + 12, b->out->len);
    *len = 24;
    return ep;
}

static bool have(const uint8_t *map, unsigned type)
{
    return smbios_bit(map, type);
}

bool smbios_get_tables(MachineState *ms, const SmbiosMachineInfo *info,
                       uint8_t **tables, size_t *tables_len,
                       uint8_t **anchor, size_t *anchor_len, Error **errp)
{
    SmbiosSettings *s = smbios_settings();
    SB b = { .out = g_byte_array_new(), .strs = g_string_new(NULL) };
    CpuTopology *t = &ms->smp;
    unsigned cores = MAX(1, t->cores) * MAX(1, t->dies) *
        MAX(1, t->clusters);
    unsigned threads = cores * MAX(1, t->threads);
    unsigned sockets = (MAX(1, t->cpus) + threads - 1) / threads;
    unsigned dimms = QEMU_ALIGN_UP(ms->ram_size, MAX_DIMM_SIZE) /
        MAX_DIMM_SIZE;
    unsigned i;

    /* Structures from -smbios file= come first, as given. */
    g_byte_array_append(b.out, s->file_blobs->data, s->file_blobs->len);
    b.count = s->file_count;
    b.max = s->file_max;

    if (have(s->have_fields, 0) && !have(s->have_file, 0)) {
        build_type0(&b, s);
    }
    if (!have(s->have_file, 1)) {
        build_type1(&b, s, info);
    }
    if (have(s->have_fields, 2) && !have(s->have_file, 2)) {
        build_type2(&b, s, info);
    }
    if (!have(s->have_file, 3)) {
        build_type3(&b, s, info);
    }
    if (!have(s->have_file, 4)) {
        for (i = 0; i < sockets; i++) {
            build_type4(&b, s, info, i, cores, threads);
        }
    }
    for (i = 0; i < s->t8->len; i++) {
        build_type8(&b, g_ptr_array_index(s->t8, i), i);
    }
    if (s->t11->len && !have(s->have_file, 11)) {
        build_type11(&b, s);
    }
    if (!have(s->have_file, 16)) {
        build_type16(&b, ms->ram_size, dimms);
    }
    if (!have(s->have_file, 17)) {
        for (i = 0; i < dimms; i++) {
            uint64_t size = i < dimms - 1 ? MAX_DIMM_SIZE :
                (ms->ram_size - 1) % MAX_DIMM_SIZE + 1;

            build_type17(&b, s, info, i, size);
        }
    }
    if (!have(s->have_file, 19)) {
        for (i = 0; i < (unsigned)info->nb_ram; i++) {
            build_type19(&b, i, info->ram[i].start, info->ram[i].length);
        }
    }
    if (!have(s->have_file, 32)) {
        build_simple(&b, 32, T32_LEN, 0x2000);
    }
    for (i = 0; i < s->t41->len; i++) {
        if (!build_type41(&b, g_ptr_array_index(s->t41, i), i, errp)) {
            g_byte_array_unref(b.out);
            g_string_free(b.strs, true);
            return false;
        }
    }
    if (!have(s->have_file, 127)) {
        build_simple(&b, 127, T127_LEN, 0x7f00);
    }

    *anchor = info->ep_type == SMBIOS_ENTRY_POINT_TYPE_64 ?
        build_ep64(&b, anchor_len) : build_ep32(&b, anchor_len);
    *tables_len = b.out->len;
    *tables = g_byte_array_free(b.out, false);
    g_string_free(b.strs, true);
    return true;
}
