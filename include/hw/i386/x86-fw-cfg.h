/*
 * x86-fw-cfg.h: the PC's fw_cfg content that is not a file of its own
 * subsystem: CPU counts, RAM size, the e820 memory map, HPET and NUMA keys.
 *
 * Concepts
 * - The e820 map the firmware hands to the OS (INT 15h E820h) starts from
 *   the board's list: "etc/e820" holds every entry (RAM and reserved) as
 *   {le64 address, le64 length, le32 type} in the order added; the legacy
 *   key FW_CFG_E820_TABLE holds the reserved ones only (le32 count, then
 *   16 slots).  SeaBIOS adds its own reservations (BIOS, ACPI tables).
 * - FW_CFG_MAX_CPUS is the APIC ID limit (the highest possible APIC ID +
 *   1), FW_CFG_NB_CPUS the CPUs present at boot; FW_CFG_NUMA one le64 node
 *   count, one le64 per APIC ID and one per node (all 0 without NUMA);
 *   FW_CFG_HPET the HPET blocks {u8 count; {le32 event_timer_block_id,
 *   le64 address, le16 min_tick, u8 page_protection} x 8} (packed).
 */
#ifndef HW_I386_X86_FW_CFG_H
#define HW_I386_X86_FW_CFG_H

#include "hw/nvram/fw_cfg.h"
#include "hw/boards.h"

/* e820 entry types (ACPI 6.4, 15 "System Address Map Interfaces"). */
#define E820_RAM        1
#define E820_RESERVED   2
#define E820_ACPI       3
#define E820_NVS        4
#define E820_UNUSABLE   5

/* Slots of the legacy FW_CFG_E820_TABLE key. */
#define E820_NR_ENTRIES 16

/*
 * Create the PC's fw_cfg device (I/O 0x510, DMA 0x514 on
 * address_space_memory) with FW_CFG_NB_CPUS = boot_cpus, FW_CFG_MAX_CPUS
 * = apic_id_limit, FW_CFG_RAM_SIZE = ms->ram_size, FW_CFG_IRQ0_OVERRIDE
 * = 1, empty e820 keys, FW_CFG_HPET with no block, FW_CFG_NUMA zeros.
 * Add the e820 entries with x86_fw_cfg_add_e820() (before or after).
 */
FWCfgState *x86_fw_cfg_create(MachineState *ms, uint16_t boot_cpus,
                              uint16_t apic_id_limit);

/*
 * Append an e820 entry ([addr, addr+len) of type E820_*) to "etc/e820",
 * and, when reserved, to FW_CFG_E820_TABLE (false when its 16 slots are
 * full: the entry is then only in "etc/e820").
 */
bool x86_fw_cfg_add_e820(FWCfgState *s, uint64_t addr, uint64_t len,
                         uint32_t type);
/* The entries added so far: *n of them, {le64, le64, le32} packed. */
const uint8_t *x86_fw_cfg_e820(FWCfgState *s, unsigned *n);

/* Describe the HPET (block id = capabilities [31:0], base address) in
 * FW_CFG_HPET; the ACPI HPET table says the same. */
void x86_fw_cfg_set_hpet(FWCfgState *s, uint32_t event_timer_block_id,
                         uint64_t addr);

#endif
