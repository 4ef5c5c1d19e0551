/*
 * hmp-log.c: the HMP commands of the debug log (include/qemu/log.h):
 * "log item1[,...]" sets the items ("none": no items; an invalid list
 * prints the item help, as "help log" does) and "logfile filename"
 * redirects the log.  Errors are printed as the reference prints them
 * ("Error opening logfile NAME: REASON").
 */
#include "qemu/osdep.h"
#include "monitor/hmp-internal.h"
#include "qemu/log.h"

static void hmp_log(Monitor *mon, json_t *args)
{
    const char *items = json_string_value(json_object_get(args, "items"));
    Error *err = NULL;
    int mask = 0;

    if (qemu_log_items_have_trace(items)) {
        monitor_printf(mon, "tracing: not supported yet\n");
        return;
    }
    if (strcmp(items, "none") != 0) {
        mask = qemu_str_to_log_mask(items);
        if (!mask) {
            hmp_help(mon, "log");
            return;
        }
    }
    if (!qemu_set_log(mask, &err)) {
        error_report_err(err);
    }
}

static void hmp_logfile(Monitor *mon, json_t *args)
{
    Error *err = NULL;

    if (!qemu_set_log_filename(json_string_value(json_object_get(args,
                                                 "filename")), &err)) {
        error_report_err(err);
    }
}

static const HmpCommand log_cmds[] = {
    { "log", "items:s", "item1[,...]",
      "activate logging of the specified items", hmp_log },
    { "logfile", "filename:s", "filename", "output logs to 'filename'",
      hmp_logfile },
};

static void __attribute__((constructor)) hmp_log_register(void)
{
    for (size_t i = 0; i < ARRAY_SIZE(log_cmds); i++) {
        hmp_register_command(&log_cmds[i]);
    }
}
