/*
 * sysemu-vars.c: the process-wide settings of sysemu.h and their helpers.
 */
#include "qemu/osdep.h"
#include "sysemu/sysemu.h"

const char *qemu_name;
uint8_t qemu_uuid[16];
bool qemu_uuid_set;
bool nographic;
bool autostart_disabled;
const char **qemu_data_dirs;

void qemu_uuid_unparse(const uint8_t u[16], char out[37])
{
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
             "%02x%02x%02x%02x%02x%02x", u[0], u[1], u[2], u[3], u[4], u[5],
             u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13], u[14],
             u[15]);
}

bool qemu_uuid_parse(const char *str, uint8_t uuid[16])
{
    static const int dash_at[] = { 8, 13, 18, 23 };
    int i, j = 0, d = 0;

    if (strlen(str) != 36) {
        return false;
    }
    for (i = 0; i < 36; i++) {
        if (d < 4 && i == dash_at[d]) {
            if (str[i] != '-') {
                return false;
            }
            d++;
            continue;
        }
        if (!g_ascii_isxdigit(str[i]) || !g_ascii_isxdigit(str[i + 1])) {
            return false;
        }
        uuid[j++] = g_ascii_xdigit_value(str[i]) << 4 |
                    g_ascii_xdigit_value(str[i + 1]);
        i++;
    }
    return j == 16;
}

char *qemu_find_file(const char *name)
{
    const char **d;

    /* A file that exists as named (relative to the current directory,
     * or absolute) wins over the search path. */
    if (g_file_test(name, G_FILE_TEST_IS_REGULAR)) {
        return g_strdup(name);
    }
    for (d = qemu_data_dirs; d && *d; d++) {
        char *path = g_build_filename(*d, name, NULL);
        if (g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
            return path;
        }
        g_free(path);
    }
    {
        char *path = g_build_filename(CONFIG_FIRMWAREDIR, name, NULL);
        if (g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
            return path;
        }
        g_free(path);
    }
    return NULL;
}
