/*
 * x86-fw-cfg.c: the PC's architecture keys and the e820 map in fw_cfg.
 *
 * The e820 state lives in the fw_cfg items themselves: appending an entry
 * reads the current item, extends it and stores it back, so the board can
 * add entries at any time before the guest runs and nothing else holds a
 * copy.  Layouts: see include/hw/i386/x86-fw-cfg.h (QEMU's and SeaBIOS's
 * struct e820_entry, struct hpet_fw_config).
 */
#include "qemu/osdep.h"
#include "hw/i386/x86-fw-cfg.h"

#define E820_ENTRY_SIZE     20
#define E820_TABLE_SIZE     (4 + E820_NR_ENTRIES * E820_ENTRY_SIZE)
#define HPET_ENTRY_SIZE     15
#define HPET_MAX_BLOCKS     8
#define HPET_CFG_SIZE       (1 + HPET_MAX_BLOCKS * HPET_ENTRY_SIZE)

static void put_le(uint8_t *p, uint64_t v, int n)
{
    int i;

    for (i = 0; i < n; i++) {
        p[i] = v >> (8 * i);
    }
}

FWCfgState *x86_fw_cfg_create(MachineState *ms, uint16_t boot_cpus,
                              uint16_t apic_id_limit)
{
    FWCfgState *s = fw_cfg_init_io_dma(FW_CFG_IO_BASE, FW_CFG_DMA_IO_BASE,
                                       &address_space_memory);
    uint8_t e820_table[E820_TABLE_SIZE] = { 0 };
    uint8_t hpet[HPET_CFG_SIZE] = { 0 };
    size_t numa_len = (1 + (size_t)apic_id_limit) * sizeof(uint64_t);
    g_autofree uint8_t *numa = g_malloc0(numa_len);

    fw_cfg_add_i16(s, FW_CFG_NB_CPUS, boot_cpus);
    fw_cfg_add_i16(s, FW_CFG_MAX_CPUS, apic_id_limit);
    fw_cfg_add_i64(s, FW_CFG_RAM_SIZE, ms->ram_size);
    fw_cfg_add_i32(s, FW_CFG_IRQ0_OVERRIDE, 1);
    fw_cfg_add_bytes(s, FW_CFG_E820_TABLE, e820_table, sizeof(e820_table));
    if (fw_cfg_file_key(s, "etc/e820") < 0) {
        fw_cfg_add_file(s, "etc/e820", NULL, 0);
    }
    fw_cfg_add_bytes(s, FW_CFG_HPET, hpet, sizeof(hpet));
    fw_cfg_add_bytes(s, FW_CFG_NUMA, numa, numa_len);
    return s;
}

bool x86_fw_cfg_add_e820(FWCfgState *s, uint64_t addr, uint64_t len,
                         uint32_t type)
{
    size_t old_len, tlen;
    const uint8_t *old = fw_cfg_get_file(s, "etc/e820", &old_len);
    const uint8_t *table = fw_cfg_get_bytes(s, FW_CFG_E820_TABLE, &tlen);
    g_autofree uint8_t *all = g_malloc(old_len + E820_ENTRY_SIZE);
    uint8_t *e = all + old_len;

    if (old_len) {
        memcpy(all, old, old_len);
    }
    put_le(e, addr, 8);
    put_le(e + 8, len, 8);
    put_le(e + 16, type, 4);
    fw_cfg_modify_file(s, "etc/e820", all, old_len + E820_ENTRY_SIZE);

    if (type == E820_RESERVED && table && tlen == E820_TABLE_SIZE) {
        uint8_t copy[E820_TABLE_SIZE];
        uint32_t count = table[0] | table[1] << 8 | table[2] << 16 |
            (uint32_t)table[3] << 24;

        if (count >= E820_NR_ENTRIES) {
            return false;
        }
        memcpy(copy, table, sizeof(copy));
        memcpy(copy + 4 + count * E820_ENTRY_SIZE, e, E820_ENTRY_SIZE);
        put_le(copy, count + 1, 4);
        fw_cfg_modify_bytes(s, FW_CFG_E820_TABLE, copy, sizeof(copy));
    }
    return true;
}

const uint8_t *x86_fw_cfg_e820(FWCfgState *s, unsigned *n)
{
    size_t len;
    const uint8_t *data = fw_cfg_get_file(s, "etc/e820", &len);

    *n = len / E820_ENTRY_SIZE;
    return data;
}

void x86_fw_cfg_set_hpet(FWCfgState *s, uint32_t event_timer_block_id,
                         uint64_t addr)
{
    uint8_t hpet[HPET_CFG_SIZE] = { 0 };

    hpet[0] = 1;
    put_le(hpet + 1, event_timer_block_id, 4);
    put_le(hpet + 5, addr, 8);
    fw_cfg_add_bytes(s, FW_CFG_HPET, hpet, sizeof(hpet));
}
