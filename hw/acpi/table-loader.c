/*
 * table-loader.c: the "etc/table-loader" commands (see
 * include/hw/acpi/table-loader.h for the layout SeaBIOS reads).
 */
#include "qemu/osdep.h"
#include "hw/acpi/table-loader.h"

struct TableLoader {
    GByteArray *cmds;
};

TableLoader *table_loader_new(void)
{
    TableLoader *l = g_new0(TableLoader, 1);

    l->cmds = g_byte_array_new();
    return l;
}

void table_loader_free(TableLoader *l)
{
    if (l) {
        g_byte_array_unref(l->cmds);
        g_free(l);
    }
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = v;
    p[1] = v >> 8;
    p[2] = v >> 16;
    p[3] = v >> 24;
}

/* A file name field: at most 55 characters and the NUL. */
static void put_name(uint8_t *p, const char *file)
{
    g_assert(strlen(file) < TABLE_LOADER_FILESZ);
    memcpy(p, file, strlen(file));
}

static uint8_t *new_cmd(TableLoader *l, uint32_t cmd)
{
    uint8_t *c;

    g_byte_array_set_size(l->cmds, l->cmds->len + TABLE_LOADER_CMD_SIZE);
    c = l->cmds->data + l->cmds->len - TABLE_LOADER_CMD_SIZE;
    memset(c, 0, TABLE_LOADER_CMD_SIZE);
    put32(c, cmd);
    return c;
}

void table_loader_alloc(TableLoader *l, const char *file, uint32_t align,
                        bool fseg)
{
    uint8_t *c = new_cmd(l, TABLE_LOADER_ALLOCATE);

    g_assert(align && !(align & (align - 1)));
    put_name(c + 4, file);
    put32(c + 4 + TABLE_LOADER_FILESZ, align);
    c[8 + TABLE_LOADER_FILESZ] = fseg ? TABLE_LOADER_ZONE_FSEG :
        TABLE_LOADER_ZONE_HIGH;
}

void table_loader_add_pointer(TableLoader *l, const char *dest_file,
                              uint32_t offset, uint8_t size,
                              const char *src_file)
{
    uint8_t *c = new_cmd(l, TABLE_LOADER_ADD_POINTER);

    g_assert(size == 1 || size == 2 || size == 4 || size == 8);
    put_name(c + 4, dest_file);
    put_name(c + 4 + TABLE_LOADER_FILESZ, src_file);
    put32(c + 4 + 2 * TABLE_LOADER_FILESZ, offset);
    c[8 + 2 * TABLE_LOADER_FILESZ] = size;
}

void table_loader_add_checksum(TableLoader *l, const char *file,
                               uint32_t start, uint32_t len,
                               uint32_t offset)
{
    uint8_t *c = new_cmd(l, TABLE_LOADER_ADD_CHECKSUM);

    put_name(c + 4, file);
    put32(c + 4 + TABLE_LOADER_FILESZ, offset);
    put32(c + 8 + TABLE_LOADER_FILESZ, start);
    put32(c + 12 + TABLE_LOADER_FILESZ, len);
}

const uint8_t *table_loader_data(TableLoader *l, size_t *len)
{
    *len = l->cmds->len;
    return l->cmds->data;
}
