/*
 * sysemu.h: process-wide settings taken from the command line (-name,
 * -uuid, -nographic, ...) that several subsystems read.  vl.c sets them
 * before any object is created; the monitor (query-name, query-uuid) and
 * boards (SMBIOS) read them.
 */
#ifndef SYSEMU_SYSEMU_H
#define SYSEMU_SYSEMU_H

#include "qemu/osdep.h"

/* -name NAME (guest=NAME): the VM name, or NULL when not given. */
extern const char *qemu_name;
/* -uuid: the VM UUID in binary (RFC 4122 byte order); all zero when unset. */
extern uint8_t qemu_uuid[16];
/* Whether -uuid was given. */
extern bool qemu_uuid_set;
/* Format a UUID as "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (37 bytes). */
void qemu_uuid_unparse(const uint8_t uuid[16], char out[37]);
/* Parse that form; false if malformed. */
bool qemu_uuid_parse(const char *str, uint8_t uuid[16]);

/* -nographic: no graphical output. */
extern bool nographic;
/* -S: start paused in the prelaunch state. */
extern bool autostart_disabled;
/* -L directories searched for firmware, in order (NULL-terminated). */
extern const char **qemu_data_dirs;
/* Find a firmware/data file by name in -L dirs, then the firmware
 * directory found by configure; g_free() the result; NULL if absent. */
char *qemu_find_file(const char *name);

#endif
