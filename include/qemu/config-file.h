/*
 * config-file.h: the command line option groups and what is built on them.
 *
 * util/qemu-config.c defines one QemuOptsList per option group (machine,
 * accel, smp-opts, memory, chardev, device, netdev, drive, ...) with QEMU
 * 7.2's names, implied keys, merge rules, parameter types and help texts,
 * and registers them at start-up; find them with qemu_find_opts("name").
 * Groups whose keys depend on the object they create (device, object,
 * netdev, accel, machine, drive, ...) have an empty desc: any key parses
 * and the consumer validates.  The QMP command query-command-line-options
 * (schema in qapi/config.json) reports them as QEMU 7.2 does.
 */
#ifndef QEMU_CONFIG_FILE_H
#define QEMU_CONFIG_FILE_H

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"

/*
 * -global DRIVER.PROPERTY=VALUE or -global driver=D,property=P,value=V:
 * add one QemuOpts to the "global" group.  Errors are QEMU's: the
 * key=value form's parse errors, or "options 'driver', 'property', and
 * 'value' are required".
 */
bool qemu_global_option(const char *str, Error **errp);

/*
 * The handler of QMP query-command-line-options: args may hold "option"
 * (a group name).  Returns [{"parameters": [{"name", "help"?, "default"?,
 * "type"}], "option": NAME}, ...] (parameter types "string", "boolean",
 * "number", "size"), or NULL with "invalid option name: NAME".
 */
json_t *qmp_query_command_line_options(json_t *args, Error **errp);

#endif
