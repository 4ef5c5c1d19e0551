/*
 * fw_cfg.h: the firmware configuration device ("fw_cfg_io").
 *
 * Concepts (QEMU's docs/specs/fw_cfg, the interface SeaBIOS reads)
 * - An *item* is a blob of bytes under a 16-bit *key*.  Keys below 0x20
 *   are the fixed legacy items (signature, UUID, RAM size, kernel...);
 *   keys with bit 15 (FW_CFG_ARCH_LOCAL) are the architecture's own (x86:
 *   ACPI, SMBIOS, IRQ0 override, e820, HPET); keys from FW_CFG_FILE_FIRST
 *   up are *files*, items with a name ("etc/e820", "bootorder") listed in
 *   the directory item FW_CFG_FILE_DIR: a big-endian count, then one
 *   64-byte entry {be32 size, be16 select, be16 reserved, char name[56]}
 *   per file, sorted by name.  Files are kept sorted: adding one renumbers
 *   the keys of the files after it, so firmware finds files by name.
 * - The guest writes a key to the 16-bit selector (port 0x510), then reads
 *   the item a byte at a time from the data port (0x511): reads past the
 *   end, and reads of a key nothing is stored under, return 0.
 * - The DMA interface (port 0x514, 8 bytes): the guest writes the guest
 *   physical address of a FWCfgDmaAccess {be32 control, be32 length, be64
 *   address} to the address register, big-endian (high half at 0x514, the
 *   write of the low half at 0x518 starts the transfer; one 64-bit write
 *   at 0x514 too).  control: SELECT (key in bits 31..16) then READ, WRITE
 *   or SKIP of `length` bytes at the current offset.  When done the device
 *   stores the control word back: 0, or FW_CFG_DMA_CTL_ERROR when the
 *   descriptor or the buffer could not be accessed or a write was refused.
 *   All memory goes through the DMA address space (address_space_memory)
 *   and every guest-provided address and length is checked: bad input sets
 *   the error bit, never more.  Reading the address register gives the
 *   signature "QEMU CFG".
 * - Items are copied in: the caller keeps its buffer.  An item may have a
 *   select callback (run when the guest selects it, e.g. to build ACPI
 *   tables late) and, for files, a write callback: only files added with
 *   read_only false accept DMA writes, within their current size.
 *
 * Lifetime: the board creates one device (fw_cfg_init_io_dma()), a child
 * "fw_cfg" of /machine as on the reference, and fills it during machine
 * init; fw_cfg_find() returns it.  Everything runs under the BQL.
 */
#ifndef HW_NVRAM_FW_CFG_H
#define HW_NVRAM_FW_CFG_H

#include "hw/sysbus.h"
#include "exec/memory.h"

#define TYPE_FW_CFG         "fw_cfg"        /* abstract */
#define TYPE_FW_CFG_IO      "fw_cfg_io"

/* Legacy keys (fw_cfg spec, "Selector (Control) Register"). */
#define FW_CFG_SIGNATURE        0x00
#define FW_CFG_ID               0x01
#define FW_CFG_UUID             0x02
#define FW_CFG_RAM_SIZE         0x03
#define FW_CFG_NOGRAPHIC        0x04
#define FW_CFG_NB_CPUS          0x05
#define FW_CFG_MACHINE_ID       0x06
#define FW_CFG_KERNEL_ADDR      0x07
#define FW_CFG_KERNEL_SIZE      0x08
#define FW_CFG_KERNEL_CMDLINE   0x09
#define FW_CFG_INITRD_ADDR      0x0a
#define FW_CFG_INITRD_SIZE      0x0b
#define FW_CFG_BOOT_DEVICE      0x0c
#define FW_CFG_NUMA             0x0d
#define FW_CFG_BOOT_MENU        0x0e
#define FW_CFG_MAX_CPUS         0x0f
#define FW_CFG_KERNEL_ENTRY     0x10
#define FW_CFG_KERNEL_DATA      0x11
#define FW_CFG_INITRD_DATA      0x12
#define FW_CFG_CMDLINE_ADDR     0x13
#define FW_CFG_CMDLINE_SIZE     0x14
#define FW_CFG_CMDLINE_DATA     0x15
#define FW_CFG_SETUP_ADDR       0x16
#define FW_CFG_SETUP_SIZE       0x17
#define FW_CFG_SETUP_DATA       0x18
#define FW_CFG_FILE_DIR         0x19
#define FW_CFG_FILE_FIRST       0x20
/* Default number of file keys ("x-file-slots"). */
#define FW_CFG_FILE_SLOTS_DFLT  0x20

/* Key bits. */
#define FW_CFG_WRITE_CHANNEL    0x4000
#define FW_CFG_ARCH_LOCAL       0x8000
#define FW_CFG_ENTRY_MASK       ((uint16_t)~(FW_CFG_WRITE_CHANNEL | \
                                             FW_CFG_ARCH_LOCAL))

/* x86 architecture keys. */
#define FW_CFG_ACPI_TABLES      (FW_CFG_ARCH_LOCAL + 0)
#define FW_CFG_SMBIOS_ENTRIES   (FW_CFG_ARCH_LOCAL + 1)
#define FW_CFG_IRQ0_OVERRIDE    (FW_CFG_ARCH_LOCAL + 2)
#define FW_CFG_E820_TABLE       (FW_CFG_ARCH_LOCAL + 3)
#define FW_CFG_HPET             (FW_CFG_ARCH_LOCAL + 4)

/* FW_CFG_ID feature bits. */
#define FW_CFG_VERSION          0x01
#define FW_CFG_VERSION_DMA      0x02

/* FWCfgDmaAccess.control bits. */
#define FW_CFG_DMA_CTL_ERROR    0x01
#define FW_CFG_DMA_CTL_READ     0x02
#define FW_CFG_DMA_CTL_SKIP     0x04
#define FW_CFG_DMA_CTL_SELECT   0x08
#define FW_CFG_DMA_CTL_WRITE    0x10

/* What reading the DMA address register returns ("QEMU CFG"). */
#define FW_CFG_DMA_SIGNATURE    0x51454d5520434647ULL

#define FW_CFG_MAX_FILE_PATH    56
/* The reference's x86 I/O ports. */
#define FW_CFG_IO_BASE          0x510
#define FW_CFG_DMA_IO_BASE      0x514

/* One entry of the FW_CFG_FILE_DIR item (all fields big-endian). */
typedef struct FWCfgFile {
    uint32_t size;
    uint16_t select;
    uint16_t reserved;
    char name[FW_CFG_MAX_FILE_PATH];
} FWCfgFile;

/* The DMA descriptor in guest memory (all fields big-endian). */
typedef struct FWCfgDmaAccess {
    uint32_t control;
    uint32_t length;
    uint64_t address;
} __attribute__((packed)) FWCfgDmaAccess;

typedef struct FWCfgState FWCfgState;

/* Run when the guest selects the item (before it reads any byte). */
typedef void FWCfgCallback(void *opaque);
/* Run after a DMA write stored len bytes at offset of the file's data. */
typedef void FWCfgWriteCallback(void *opaque, size_t offset, size_t len);

/* ---- creation ---- */

/*
 * Create, realize and map the "fw_cfg_io" device: selector/data at
 * iobase (2 ports: "fwcfg"), the DMA address register at dma_iobase (8
 * ports: "fwcfg.dma") when dma_as is not NULL, in the system I/O space.
 * It becomes /machine/fw_cfg and carries the signature and ID items.
 * Properties as the reference's: dma_enabled, x-file-slots,
 * acpi-mr-restore.
 */
FWCfgState *fw_cfg_init_io_dma(uint32_t iobase, uint32_t dma_iobase,
                               AddressSpace *dma_as);
/* The machine's fw_cfg device (/machine/fw_cfg), or NULL. */
FWCfgState *fw_cfg_find(void);
/* Whether the guest sees the DMA interface. */
bool fw_cfg_dma_enabled(FWCfgState *s);

/* ---- items with a fixed key ---- */

/* Store a copy of data (len bytes) under key (replacing what was there). */
void fw_cfg_add_bytes(FWCfgState *s, uint16_t key, const void *data,
                      size_t len);
/* A NUL-terminated string, the NUL included. */
void fw_cfg_add_string(FWCfgState *s, uint16_t key, const char *value);
/* Little-endian integers of 2, 4 and 8 bytes. */
void fw_cfg_add_i16(FWCfgState *s, uint16_t key, uint16_t value);
void fw_cfg_add_i32(FWCfgState *s, uint16_t key, uint32_t value);
void fw_cfg_add_i64(FWCfgState *s, uint16_t key, uint64_t value);
/* Replace the content of an item (the same as add; named as the
 * reference's API for callers that change an item at run time). */
void fw_cfg_modify_bytes(FWCfgState *s, uint16_t key, const void *data,
                         size_t len);
void fw_cfg_modify_string(FWCfgState *s, uint16_t key, const char *value);
void fw_cfg_modify_i16(FWCfgState *s, uint16_t key, uint16_t value);
void fw_cfg_modify_i32(FWCfgState *s, uint16_t key, uint32_t value);
void fw_cfg_modify_i64(FWCfgState *s, uint16_t key, uint64_t value);
/* Set a callback run when the guest selects key. */
void fw_cfg_set_select_callback(FWCfgState *s, uint16_t key,
                                FWCfgCallback *cb, void *opaque);

/* ---- files ---- */

/*
 * Add the file `name` (at most 55 characters) with a copy of data,
 * read-only.  Adding a name that exists, or more files than the device's
 * slots, is a bug in the caller: reported and ignored (the guest does not
 * see it).  Returns whether it was added.
 */
bool fw_cfg_add_file(FWCfgState *s, const char *name, const void *data,
                     size_t len);
/*
 * The same with callbacks (either may be NULL) that get opaque; with
 * read_only false the guest may DMA-write the file (write_cb then runs).
 */
bool fw_cfg_add_file_callback(FWCfgState *s, const char *name,
                              FWCfgCallback *select_cb,
                              FWCfgWriteCallback *write_cb, void *opaque,
                              const void *data, size_t len, bool read_only);
/* Replace a file's content (a copy; callbacks kept), adding it if absent. */
void fw_cfg_modify_file(FWCfgState *s, const char *name, const void *data,
                        size_t len);

/* ---- reading back (tests, and builders that patch what they added) ---- */

/* The bytes stored under key (NULL, *len 0 when nothing); borrowed. */
const uint8_t *fw_cfg_get_bytes(FWCfgState *s, uint16_t key, size_t *len);
/* The data of file `name`, or NULL; borrowed. */
const uint8_t *fw_cfg_get_file(FWCfgState *s, const char *name,
                               size_t *len);
/* The key a file has now (FW_CFG_FILE_FIRST + its rank), or -1. */
int fw_cfg_file_key(FWCfgState *s, const char *name);

#endif
