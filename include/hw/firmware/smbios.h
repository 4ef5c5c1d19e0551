/*
 * smbios.h: the SMBIOS tables the firmware hands to the guest (dmidecode).
 *
 * Concepts (DMTF SMBIOS 2.8 / 3.0, DSP0134)
 * - The board builds the structures and passes them through fw_cfg:
 *   "etc/smbios/smbios-tables" (the structures, each a formatted area then
 *   its strings, each string NUL-terminated, the set ended by one more NUL)
 *   and "etc/smbios/smbios-anchor" (the 2.1 "_SM_" 31-byte entry point, or
 *   the 3.0 "_SM3_" 24-byte one).  SeaBIOS places them in memory, fills in
 *   the table address and computes the checksums; it adds its own type 0
 *   (BIOS) when the tables have none.
 * - As on the reference (QEMU 7.2, pc-i440fx-7.2): types 1 (system), 3
 *   (chassis), 4 (one per socket), 16 (memory array), 17 (one per 16 GiB
 *   DIMM), 19 (one per RAM range), 32 (boot status), 127 (end) always;
 *   0 (BIOS), 2 (baseboard), 8 (port connectors), 11 (OEM strings) and 41
 *   (onboard devices) when -smbios asks for them.  Handles are 0xTT00 + n
 *   for type TT.
 * - -smbios type=N,field=value (the "smbios" option group) sets fields,
 *   -smbios file=BINARY adds a structure of its own (which replaces the
 *   one of that type the board would build).  smbios_entry_add() checks
 *   and records each option while the command line is read; the board
 *   builds the tables at init.  -smbios type=1,uuid= also sets the VM
 *   UUID (qemu_uuid), as on the reference.
 *
 * The recorded options are process-wide (the command line's), like -uuid.
 */
#ifndef HW_FIRMWARE_SMBIOS_H
#define HW_FIRMWARE_SMBIOS_H

#include "qemu/osdep.h"
#include "qemu/option.h"
#include "hw/boards.h"
#include "hw/nvram/fw_cfg.h"

typedef enum SmbiosEntryPointType {
    SMBIOS_ENTRY_POINT_TYPE_32,     /* SMBIOS 2.8, "_SM_" */
    SMBIOS_ENTRY_POINT_TYPE_64,     /* SMBIOS 3.0, "_SM3_" */
} SmbiosEntryPointType;

#define SMBIOS_MAX_RAM_RANGES 8

/* What the board knows that the tables describe. */
typedef struct SmbiosMachineInfo {
    const char *manufacturer;       /* "QEMU" (types 1, 3, 4, 17) */
    const char *product;            /* machine description (type 1) */
    const char *version;            /* machine type name (types 1, 3, 4) */
    /* Processor ID of type 4: CPUID.1 EDX << 32 | EAX of the CPU model. */
    uint64_t processor_id;
    SmbiosEntryPointType ep_type;
    /* Guest RAM ranges (e820 RAM entries): one type 19 each. */
    struct {
        uint64_t start, length;
    } ram[SMBIOS_MAX_RAM_RANGES];
    int nb_ram;
} SmbiosMachineInfo;

/*
 * -smbios: check opts (type=N with that type's fields, or file=PATH) and
 * record them for the tables.  Errors as the reference's: "Must specify
 * type= or file=", "Invalid parameter 'x'", "Don't know how to build
 * fields for SMBIOS type N", "Invalid UUID", "Invalid release", "SMBIOS
 * CPU speed is too large (> 65535)", "Cannot read SMBIOS file F", "can't
 * add fields, binary file already provided", "can't load type N struct,
 * fields already specified!".
 */
bool smbios_entry_add(QemuOpts *opts, Error **errp);
/* Forget every recorded -smbios option (tests). */
void smbios_reset_options(void);

/*
 * Build the structures (*tables) and the entry point (*anchor) for ms
 * (RAM size, -smp topology) and info; g_free both.  Fails on a type 41
 * pcidev= that names no PCI device ("No PCI device X for SMBIOS type 41
 * entry D"), or an OEM string path= that cannot be read.
 */
bool smbios_get_tables(MachineState *ms, const SmbiosMachineInfo *info,
                       uint8_t **tables, size_t *tables_len,
                       uint8_t **anchor, size_t *anchor_len, Error **errp);
/* smbios_get_tables(), then the two fw_cfg files. */
bool smbios_setup_tables(MachineState *ms, FWCfgState *fw_cfg,
                         const SmbiosMachineInfo *info, Error **errp);

#endif
