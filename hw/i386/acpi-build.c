/*
 * acpi-build.c: the PC's ACPI tables and their hand-over to SeaBIOS.
 *
 * Reference: ACPI 1.0b / 6.4 chapter 5: 5.2.4 RSDP (revision 0, 20
 * bytes), 5.2.6 the table header and checksum, 5.2.7 RSDT, 5.2.9 FADT
 * (the 116-byte revision 1 layout), 5.2.10 FACS, 5.2.11.1 DSDT, 5.2.12
 * MADT (local APIC, I/O APIC, interrupt source override, local APIC NMI,
 * local x2APIC); the IA-PC HPET specification 3.2.4 (HPET table);
 * Microsoft's WAET specification.  Values as the reference's tables for
 * pc-i440fx-7.2 (OEM "BOCHS "/"BXPC    ", the PIIX4 PM registers).
 */
#include "qemu/osdep.h"
#include "acpi-build-internal.h"
#include "hw/acpi/table-loader.h"
#include "hw/acpi/piix4.h"
#include "hw/timer/hpet.h"
#include "hw/qdev-core.h"

#define ACPI_TABLES_FILE    "etc/acpi/tables"
#define ACPI_RSDP_FILE      "etc/acpi/rsdp"
#define ACPI_LOADER_FILE    "etc/table-loader"
#define ACPI_TPMLOG_FILE    "etc/tpm/log"

#define HEADER_LEN          36
#define APIC_DEFAULT_ADDRESS 0xfee00000
#define IO_APIC_ADDRESS     0xfec00000
#define IO_APIC_ID          0
#define PIIX4_PMBA          0x40            /* PM base address register */

/* ---- table assembly ---- */

static void put(GByteArray *b, uint64_t v, int n)
{
    while (n--) {
        uint8_t c = v;

        g_byte_array_append(b, &c, 1);
        v >>= 8;
    }
}

static void put_at(GByteArray *b, size_t off, uint64_t v, int n)
{
    while (n--) {
        b->data[off++] = v;
        v >>= 8;
    }
}

/* Start a table at the end of blob: the header with length and checksum
 * left 0 (table_end fills the length). Returns its offset. */
static size_t table_begin(GByteArray *blob, const char *sig, uint8_t rev)
{
    size_t start = blob->len;

    g_byte_array_append(blob, (const uint8_t *)sig, 4);
    put(blob, 0, 4);                    /* length */
    put(blob, rev, 1);
    put(blob, 0, 1);                    /* checksum: by the loader */
    g_byte_array_append(blob, (const uint8_t *)"BOCHS ", 6);
    g_byte_array_append(blob, (const uint8_t *)"BXPC    ", 8);
    put(blob, 1, 4);                    /* OEM revision */
    g_byte_array_append(blob, (const uint8_t *)"BXPC", 4);
    put(blob, 1, 4);                    /* creator revision */
    return start;
}

/* Set the length and ask the loader for the checksum. */
static void table_end(GByteArray *blob, size_t start, TableLoader *l)
{
    uint32_t len = blob->len - start;

    put_at(blob, start + 4, len, 4);
    table_loader_add_checksum(l, ACPI_TABLES_FILE, start, len, start + 9);
}

/* ---- the tables ---- */

static size_t build_facs(GByteArray *blob)
{
    size_t start = blob->len;

    g_byte_array_append(blob, (const uint8_t *)"FACS", 4);
    put(blob, 64, 4);
    put(blob, 0, 56);                   /* no waking vector, no lock */
    return start;
}

static size_t build_dsdt(GByteArray *blob, TableLoader *l,
                         const AcpiBuildConfig *cfg)
{
    size_t start = table_begin(blob, "DSDT", 1);
    size_t len;
    g_autofree uint8_t *aml = aml_take_bytes(acpi_dsdt_body(cfg), &len);

    g_byte_array_append(blob, aml, len);
    table_end(blob, start, l);
    return start;
}

/* The PM I/O base the firmware programmed into PIIX4 PMBA (0 before). */
static uint32_t pm_io_base(const AcpiBuildConfig *cfg)
{
    return cfg->pm ? pci_get_long(cfg->pm->config + PIIX4_PMBA) & 0xffc0 :
        0;
}

static size_t build_fadt(GByteArray *blob, TableLoader *l,
                         const AcpiBuildConfig *cfg, size_t facs,
                         size_t dsdt)
{
    size_t start = table_begin(blob, "FACP", 1);
    uint32_t pm = pm_io_base(cfg);

    put(blob, facs, 4);                 /* FIRMWARE_CTRL, patched */
    put(blob, dsdt, 4);                 /* DSDT, patched */
    put(blob, 1, 1);                    /* INT_MODEL (1.0b): APIC */
    put(blob, 0, 1);                    /* preferred PM profile */
    put(blob, PIIX4_PM_SCI_INT, 2);
    put(blob, ACPI_APM_CNT_IOPORT, 4);  /* SMI_CMD */
    put(blob, ACPI_ENABLE, 1);
    put(blob, ACPI_DISABLE, 1);
    put(blob, 0, 1);                    /* S4BIOS_REQ */
    put(blob, 0, 1);                    /* PSTATE_CNT */
    put(blob, pm, 4);                   /* PM1a_EVT_BLK */
    put(blob, 0, 4);                    /* PM1b_EVT_BLK */
    put(blob, pm + 4, 4);               /* PM1a_CNT_BLK */
    put(blob, 0, 4);                    /* PM1b_CNT_BLK */
    put(blob, 0, 4);                    /* PM2_CNT_BLK */
    put(blob, pm + 8, 4);               /* PM_TMR_BLK */
    put(blob, PIIX4_GPE0_BLK, 4);
    put(blob, 0, 4);                    /* GPE1_BLK */
    put(blob, 4, 1);                    /* PM1_EVT_LEN */
    put(blob, 2, 1);                    /* PM1_CNT_LEN */
    put(blob, 0, 1);                    /* PM2_CNT_LEN */
    put(blob, 4, 1);                    /* PM_TMR_LEN */
    put(blob, PIIX4_GPE0_BLK_LEN, 1);
    put(blob, 0, 1);                    /* GPE1_BLK_LEN */
    put(blob, 0, 1);                    /* GPE1_BASE */
    put(blob, 0, 1);                    /* CST_CNT */
    put(blob, 0x0fff, 2);               /* P_LVL2_LAT: no C2 */
    put(blob, 0x0fff, 2);               /* P_LVL3_LAT: no C3 */
    put(blob, 0, 2);                    /* FLUSH_SIZE */
    put(blob, 0, 2);                    /* FLUSH_STRIDE */
    put(blob, 0, 1);                    /* DUTY_OFFSET */
    put(blob, 0, 1);                    /* DUTY_WIDTH */
    put(blob, 0, 1);                    /* DAY_ALRM */
    put(blob, 0, 1);                    /* MON_ALRM */
    put(blob, 0x32, 1);                 /* CENTURY: CMOS index */
    put(blob, 0, 2);                    /* IAPC_BOOT_ARCH (2.0+) */
    put(blob, 0, 1);
    /* WBINVD, PROC_C1, SLP_BUTTON, RTC_S4, USE_PLATFORM_CLOCK. */
    put(blob, 1 << 0 | 1 << 2 | 1 << 5 | 1 << 7 | 1 << 15, 4);
    table_loader_add_pointer(l, ACPI_TABLES_FILE, start + 36, 4,
                             ACPI_TABLES_FILE);
    table_loader_add_pointer(l, ACPI_TABLES_FILE, start + 40, 4,
                             ACPI_TABLES_FILE);
    table_end(blob, start, l);
    return start;
}

static void madt_iso(GByteArray *blob, uint8_t irq, uint32_t gsi,
                     uint16_t flags)
{
    put(blob, 2, 1);                    /* interrupt source override */
    put(blob, 10, 1);
    put(blob, 0, 1);                    /* bus: ISA */
    put(blob, irq, 1);
    put(blob, gsi, 4);
    put(blob, flags, 2);
}

static size_t build_madt(GByteArray *blob, TableLoader *l,
                         const AcpiBuildConfig *cfg)
{
    size_t start = table_begin(blob, "APIC", 1);
    bool x2apic = false;
    int i;

    put(blob, APIC_DEFAULT_ADDRESS, 4);
    put(blob, 1, 4);                    /* PCAT_COMPAT: 8259s present */
    for (i = 0; i < cfg->nb_cpus; i++) {
        uint32_t id = cfg->apic_ids[i];
        bool present = i < cfg->nb_present;

        if (id < 255) {
            put(blob, 0, 1);            /* processor local APIC */
            put(blob, 8, 1);
            put(blob, i, 1);            /* ACPI processor UID */
            put(blob, id, 1);
            put(blob, present, 4);
        } else {
            put(blob, 9, 1);            /* processor local x2APIC */
            put(blob, 16, 1);
            put(blob, 0, 2);
            put(blob, id, 4);
            put(blob, present, 4);
            put(blob, i, 4);
            x2apic = true;
        }
    }
    put(blob, 1, 1);                    /* I/O APIC */
    put(blob, 12, 1);
    put(blob, IO_APIC_ID, 1);
    put(blob, 0, 1);
    put(blob, IO_APIC_ADDRESS, 4);
    put(blob, 0, 4);                    /* GSI base */
    if (cfg->irq0_override) {
        madt_iso(blob, 0, 2, 0);
    }
    /* The PCI interrupt lines: level-triggered, active high. */
    for (i = 1; i < 16; i++) {
        if ((1 << i) & (1 << 5 | 1 << 9 | 1 << 10 | 1 << 11)) {
            madt_iso(blob, i, i, 0x000d);
        }
    }
    if (x2apic) {
        put(blob, 0x0a, 1);             /* local x2APIC NMI, all CPUs */
        put(blob, 12, 1);
        put(blob, 0, 2);
        put(blob, 0xffffffff, 4);
        put(blob, 1, 1);                /* LINT1 */
        put(blob, 0, 3);
    } else {
        put(blob, 4, 1);                /* local APIC NMI, all CPUs */
        put(blob, 6, 1);
        put(blob, 0xff, 1);
        put(blob, 0, 2);
        put(blob, 1, 1);                /* LINT1 */
    }
    table_end(blob, start, l);
    return start;
}

static size_t build_hpet_table(GByteArray *blob, TableLoader *l,
                               const AcpiBuildConfig *cfg)
{
    size_t start = table_begin(blob, "HPET", 1);

    put(blob, cfg->hpet_block_id, 4);
    put(blob, 0, 4);                    /* GAS: memory, width/offset 0 */
    put(blob, HPET_BASE, 8);
    put(blob, 0, 1);                    /* HPET number */
    put(blob, 0, 2);                    /* minimum clock tick */
    put(blob, 0, 1);                    /* page protection */
    table_end(blob, start, l);
    return start;
}

/* WAET: the PM timer is reliable with one read (saves guest exits). */
static size_t build_waet(GByteArray *blob, TableLoader *l)
{
    size_t start = table_begin(blob, "WAET", 1);

    put(blob, 1 << 1, 4);
    table_end(blob, start, l);
    return start;
}

static size_t build_rsdt(GByteArray *blob, TableLoader *l,
                         const size_t *tables, int n)
{
    size_t start = table_begin(blob, "RSDT", 1);
    int i;

    for (i = 0; i < n; i++) {
        table_loader_add_pointer(l, ACPI_TABLES_FILE, blob->len, 4,
                                 ACPI_TABLES_FILE);
        put(blob, tables[i], 4);
    }
    table_end(blob, start, l);
    return start;
}

static GByteArray *build_rsdp(TableLoader *l, size_t rsdt)
{
    GByteArray *b = g_byte_array_new();

    g_byte_array_append(b, (const uint8_t *)"RSD PTR ", 8);
    put(b, 0, 1);                       /* checksum: by the loader */
    g_byte_array_append(b, (const uint8_t *)"BOCHS ", 6);
    put(b, 0, 1);                       /* revision 0: ACPI 1.0 */
    put(b, rsdt, 4);
    table_loader_add_pointer(l, ACPI_RSDP_FILE, 16, 4, ACPI_TABLES_FILE);
    table_loader_add_checksum(l, ACPI_RSDP_FILE, 0, 20, 8);
    return b;
}

/* Pad to the size the file had (at least min, a multiple of align). */
static uint8_t *pad(GByteArray *b, size_t min, size_t align, size_t *len)
{
    size_t n = MAX(min, QEMU_ALIGN_UP(b->len, align)), old = b->len;

    g_byte_array_set_size(b, n);
    memset(b->data + old, 0, n - old);
    *len = n;
    return g_byte_array_free(b, false);
}

void acpi_build_tables(const AcpiBuildConfig *cfg, uint8_t **tables,
                       size_t *tables_len, uint8_t **rsdp, size_t *rsdp_len,
                       uint8_t **loader, size_t *loader_len)
{
    GByteArray *blob = g_byte_array_new(), *r, *lb = g_byte_array_new();
    TableLoader *l = table_loader_new();
    size_t facs, dsdt, list[8], rsdt, len;
    const uint8_t *cmds;
    int n = 0;

    /* The RSDP must be in the F segment, where the OS searches for it. */
    table_loader_alloc(l, ACPI_RSDP_FILE, 16, true);
    table_loader_alloc(l, ACPI_TABLES_FILE, 64, false);
    facs = build_facs(blob);
    dsdt = build_dsdt(blob, l, cfg);
    list[n++] = build_fadt(blob, l, cfg, facs, dsdt);
    list[n++] = build_madt(blob, l, cfg);
    if (cfg->hpet) {
        list[n++] = build_hpet_table(blob, l, cfg);
    }
    list[n++] = build_waet(blob, l);
    rsdt = build_rsdt(blob, l, list, n);
    r = build_rsdp(l, rsdt);

    if (blob->len > ACPI_BUILD_TABLE_SIZE) {
        warn_report("ACPI table size %u exceeds %d bytes, migration may "
                    "not work", blob->len, ACPI_BUILD_TABLE_SIZE);
    }
    *tables = pad(blob, ACPI_BUILD_TABLE_SIZE, ACPI_BUILD_ALIGN_SIZE,
                  tables_len);
    *rsdp_len = r->len;
    *rsdp = g_byte_array_free(r, false);
    cmds = table_loader_data(l, &len);
    g_byte_array_append(lb, cmds, len);
    *loader = pad(lb, 0, ACPI_BUILD_ALIGN_SIZE, loader_len);
    table_loader_free(l);
}

/* ---- fw_cfg hand-over and rebuild ---- */

typedef struct AcpiBuildState {
    AcpiBuildConfig cfg;
    FWCfgState *fw_cfg;
    bool patched;               /* built since the last reset */
} AcpiBuildState;

static void acpi_build_update(void *opaque)
{
    AcpiBuildState *s = opaque;
    g_autofree uint8_t *tables = NULL, *rsdp = NULL, *loader = NULL;
    size_t tlen, rlen, llen;

    if (s->patched) {
        return;
    }
    s->patched = true;
    acpi_build_tables(&s->cfg, &tables, &tlen, &rsdp, &rlen, &loader,
                      &llen);
    fw_cfg_modify_file(s->fw_cfg, ACPI_TABLES_FILE, tables, tlen);
    fw_cfg_modify_file(s->fw_cfg, ACPI_RSDP_FILE, rsdp, rlen);
    fw_cfg_modify_file(s->fw_cfg, ACPI_LOADER_FILE, loader, llen);
}

static void acpi_build_reset(void *opaque)
{
    AcpiBuildState *s = opaque;

    s->patched = false;
}

void acpi_setup(MachineState *ms, FWCfgState *fw_cfg,
                const AcpiBuildConfig *cfg)
{
    AcpiBuildState *s = g_new0(AcpiBuildState, 1);
    g_autofree uint8_t *tables = NULL, *rsdp = NULL, *loader = NULL;
    size_t tlen, rlen, llen;
    /* S0..S5 for SeaBIOS: bit 7 "enabled", bits 2:0 the SLP_TYP value. */
    uint8_t states[6] = { 0x80, 0, 0, 0x81, 0x80, 0x80 };

    s->cfg = *cfg;
    s->fw_cfg = fw_cfg;
    /* Built now to fix the files' sizes; rebuilt on first use. */
    acpi_build_tables(cfg, &tables, &tlen, &rsdp, &rlen, &loader, &llen);
    fw_cfg_add_file_callback(fw_cfg, ACPI_TABLES_FILE, acpi_build_update,
                             NULL, s, tables, tlen, true);
    fw_cfg_add_file_callback(fw_cfg, ACPI_RSDP_FILE, acpi_build_update,
                             NULL, s, rsdp, rlen, true);
    fw_cfg_add_file_callback(fw_cfg, ACPI_LOADER_FILE, acpi_build_update,
                             NULL, s, loader, llen, true);
    fw_cfg_add_file(fw_cfg, ACPI_TPMLOG_FILE, NULL, 0);
    states[3] = 1 | (!cfg->s3_disabled) << 7;
    states[4] = (cfg->s4_val & 7) | (!cfg->s4_disabled) << 7;
    if (fw_cfg_file_key(fw_cfg, "etc/system-states") < 0) {
        fw_cfg_add_file(fw_cfg, "etc/system-states", states,
                        sizeof(states));
    }
    qemu_register_reset(acpi_build_reset, s);
}
