/*
 * table-loader.h: the "etc/table-loader" command list that tells the
 * firmware how to place and link the ACPI tables.
 *
 * Concepts (QEMU's BIOS linker/loader interface, which SeaBIOS executes in
 * src/fw/romfile_loader.c)
 * - The tables travel as fw_cfg files ("etc/acpi/tables", "etc/acpi/rsdp")
 *   whose guest addresses only the firmware knows.  The loader file is an
 *   array of 128-byte commands, each a le32 command number and its
 *   arguments, zero-padded:
 *     1 ALLOCATE: char file[56], le32 alignment, u8 zone (1 high memory,
 *       2 the F segment, where the OS looks for the RSDP);
 *     2 ADD_POINTER: char dest_file[56], char src_file[56], le32 offset,
 *       u8 size: add the guest address of src_file to the size-byte
 *       little-endian value at offset in dest_file (which holds an offset
 *       into src_file);
 *     3 ADD_CHECKSUM: char file[56], le32 offset, le32 start, le32 length:
 *       make the bytes [start, start+length) of file sum to 0 by setting
 *       the byte at offset (which must be 0 beforehand).
 * - Commands run in order: allocate first, checksums after the pointers
 *   they cover.
 */
#ifndef HW_ACPI_TABLE_LOADER_H
#define HW_ACPI_TABLE_LOADER_H

#include "qemu/osdep.h"

#define TABLE_LOADER_FILESZ         56
#define TABLE_LOADER_CMD_SIZE       128
#define TABLE_LOADER_ALLOCATE       1
#define TABLE_LOADER_ADD_POINTER    2
#define TABLE_LOADER_ADD_CHECKSUM   3
#define TABLE_LOADER_ZONE_HIGH      1
#define TABLE_LOADER_ZONE_FSEG      2

typedef struct TableLoader TableLoader;

TableLoader *table_loader_new(void);
void table_loader_free(TableLoader *l);
/* ALLOCATE file aligned to align (a power of 2), in the F segment or
 * high memory. */
void table_loader_alloc(TableLoader *l, const char *file, uint32_t align,
                        bool fseg);
/* ADD_POINTER: dest_file's size-byte (1, 2, 4 or 8) field at offset
 * (which already holds an offset into src_file) gets src_file's address
 * added. */
void table_loader_add_pointer(TableLoader *l, const char *dest_file,
                              uint32_t offset, uint8_t size,
                              const char *src_file);
/* ADD_CHECKSUM over [start, start+len) of file, stored at offset. */
void table_loader_add_checksum(TableLoader *l, const char *file,
                               uint32_t start, uint32_t len,
                               uint32_t offset);
/* The commands so far (a multiple of 128 bytes); borrowed. */
const uint8_t *table_loader_data(TableLoader *l, size_t *len);

#endif
