/*
 * hmp.h: the human monitor's commands.
 *
 * An HMP command line is a command name, then arguments.  The name ends at
 * a space or '/' ("x/4x addr"); "info" takes a subcommand name next.  A
 * command's arguments are described by its args_type, a comma-separated
 * list of "key:T" items (the parsed values land in a JSON object under
 * "key"), with these types T, as in QEMU:
 *   s    one word, or a "double-quoted string" with \n \r \\ \' \" escapes
 *   S    the rest of the line, verbatim
 *   O    one word in key=value,... form, parsed with the QemuOpts group
 *        named by the key (its implied first key allowed: "isa-serial,id=s0"
 *        for the "device" group); each option becomes a string member; the
 *        argument may be left out (an empty object)
 *   i    an integer (decimal, 0x hex, 0 octal) that fits in 32 bits
 *   l    an integer (64 bits)
 *   b    "on" or "off" (a JSON boolean)
 *   -X   a flag: "-X" present gives key = true, absent leaves key out
 * A '?' after the type makes an argument optional ("path:s?").  Errors are
 * printed as QEMU prints them ("qom-get: string expected", "stop|s:
 * extraneous characters at the end of line", then "Try \"help qom-get\"
 * for more information").
 *
 * A handler runs with monitor_cur() set to the monitor and error_report()
 * printing into it; a failed QMP call is printed with hmp_handle_error()
 * ("Error: <message>").  Handlers print with monitor_printf().
 */
#ifndef MONITOR_HMP_H
#define MONITOR_HMP_H

#include "monitor/monitor.h"
#include "qemu/readline.h"

/* A command handler; args: the parsed arguments (borrowed). */
typedef void HmpCommandFunc(Monitor *mon, json_t *args);
/*
 * Tab completion of a command's arguments: nb_args counts the command name
 * and the argument being completed, str is that argument's text so far.
 * Propose with readline_set_completion_index(rs, strlen(str)) and
 * readline_add_completion().
 */
typedef void HmpCompletionFunc(ReadLineState *rs, int nb_args,
                               const char *str);

typedef struct HmpCommand {
    const char *name;           /* "cont|c": alternatives split by '|' */
    const char *args_type;      /* see above; NULL: raw (info only) */
    const char *params;         /* shown by help: "path property" */
    const char *help;
    HmpCommandFunc *cmd;
    /* "info" subcommands added with hmp_register_info(): called with the
     * rest of the line (trimmed, "" when empty) instead of cmd. */
    HmpInfoFunc *info;
    HmpCompletionFunc *complete;
    /* A command whose next word names a subcommand ("info"): the sorted
     * table of subcommands. */
    GPtrArray *(*sub_table)(void);
} HmpCommand;

/*
 * Add a top-level command (cmd must stay valid: a static).  A command of
 * the same name replaces the built-in one.  May be called from a
 * constructor.
 */
void hmp_register_command(const HmpCommand *cmd);
/* Add an "info" subcommand with parsed arguments (cf. hmp_register_info()
 * in monitor.h, whose handler gets the raw text). */
void hmp_register_info_command(const HmpCommand *cmd);

/* Print err as HMP does ("Error: MSG" and its hint) and free it; no-op for
 * NULL. */
void hmp_handle_error(Monitor *mon, Error *err);

/*
 * Parse and run one command line on mon (what Enter does): "unknown
 * command: 'foo'", argument errors and the command's output are printed
 * to mon.  An empty line does nothing.
 */
void hmp_handle_command(Monitor *mon, const char *cmdline);

#endif
