/*
 * smbios-internal.h: the -smbios settings recorded by smbios.c and read
 * by the structure builders in smbios-build.c.
 */
#ifndef HW_SMBIOS_INTERNAL_H
#define HW_SMBIOS_INTERNAL_H

#include "hw/firmware/smbios.h"

#define SMBIOS_MAX_TYPE 127

typedef struct SmbiosType8 {
    char *internal_reference, *external_reference;
    uint8_t connector_type, port_type;
} SmbiosType8;

typedef struct SmbiosType41 {
    char *designation, *pcidev;
    uint8_t kind, instance;
} SmbiosType41;

typedef struct SmbiosSettings {
    /* type 0 */
    char *t0_vendor, *t0_version, *t0_date;
    bool t0_have_release, t0_uefi;
    uint8_t t0_major, t0_minor;
    /* type 1 (the UUID goes to qemu_uuid) */
    char *t1_manufacturer, *t1_product, *t1_version, *t1_serial;
    char *t1_sku, *t1_family;
    /* type 2 */
    char *t2_manufacturer, *t2_product, *t2_version, *t2_serial;
    char *t2_asset, *t2_location;
    /* type 3 */
    char *t3_manufacturer, *t3_version, *t3_serial, *t3_asset, *t3_sku;
    /* type 4 */
    char *t4_sock_pfx, *t4_manufacturer, *t4_version, *t4_serial;
    char *t4_asset, *t4_part;
    uint64_t t4_max_speed, t4_current_speed;
    bool t4_have_processor_id;
    uint64_t t4_processor_id;
    /* type 8, 41: one per option */
    GPtrArray *t8;              /* SmbiosType8* */
    GPtrArray *t41;             /* SmbiosType41* */
    /* type 11: the OEM strings, in command line order */
    GPtrArray *t11;             /* char* */
    /* type 17 */
    char *t17_loc_pfx, *t17_bank, *t17_manufacturer, *t17_serial;
    char *t17_asset, *t17_part;
    uint64_t t17_speed;
    /* which types -smbios type=N named / a file provided */
    uint8_t have_fields[(SMBIOS_MAX_TYPE + 8) / 8];
    uint8_t have_file[(SMBIOS_MAX_TYPE + 8) / 8];
    /* -smbios file= structures, concatenated */
    GByteArray *file_blobs;
    size_t file_max;            /* largest structure */
    unsigned file_count;
} SmbiosSettings;

/* The recorded settings (created on first use). */
SmbiosSettings *smbios_settings(void);

static inline bool smbios_bit(const uint8_t *map, unsigned type)
{
    return map[type / 8] & (1u << (type % 8));
}

#endif
