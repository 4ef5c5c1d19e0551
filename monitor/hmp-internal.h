/*
 * hmp-internal.h: what the files of the human monitor share.
 *
 *   hmp.c           the monitor on a chardev: banner, prompt, readline,
 *                   mux focus, suspension; hmp_run_command()
 *   hmp-dispatch.c  command lines: name lookup, argument parsing, running
 *                   a handler, help, tab completion
 *   hmp-cmds.c      the command tables and the built-in commands
 */
#ifndef MONITOR_HMP_INTERNAL_H
#define MONITOR_HMP_INTERNAL_H

#include "monitor/monitor-internal.h"
#include "monitor/hmp.h"

/* ---- hmp-cmds.c ---- */

/* The top-level commands and the "info" subcommands (built-in and
 * registered), sorted by name: arrays of const HmpCommand *. */
GPtrArray *hmp_cmd_table(void);
GPtrArray *hmp_info_table(void);

/* ---- hmp-dispatch.c ---- */

/* True if name is one of the '|'-separated alternatives of list. */
bool hmp_compare_cmd(const char *name, const char *list);
/* "help [name]": the help of every command, or of the one name names
 * ("info version" for a subcommand). */
void hmp_help(Monitor *mon, const char *name);
/* Propose completions for text (the line up to the cursor). */
void hmp_complete(ReadLineState *rs, const char *text);

/* ---- hmp.c ---- */

/* The line editor of an interactive HMP monitor (NULL for others). */
ReadLineState *hmp_monitor_readline(Monitor *mon);
/* Stop reading input (quit: nothing after it runs, no prompt). */
void hmp_monitor_suspend(Monitor *mon);

#endif
