/*
 * x86-cpu.h: the -cpu option and the CPU model list, for vl.c and the
 * boards.
 *
 * -cpu MODEL[,+flag][,-flag][,flag=on|off][,prop=value]... picks the QOM
 * type of the vCPUs ("MODEL-x86_64-cpu") and records the options as the
 * reference does: key=value pairs (and a bare "flag", meaning flag=on;
 * "_" in names means "-"; tsc-freq=SIZE is tsc-frequency) become -global
 * properties of that type, so their errors appear when the board creates
 * a CPU ("can't apply global qemu64-x86_64-cpu.family=abc: Parameter
 * 'family' expects int64"); +flag/-flag are applied to every CPU at
 * realize ("Property 'qemu64-x86_64-cpu.foo' not found").
 */
#ifndef HW_I386_X86_CPU_H
#define HW_I386_X86_CPU_H

#include "qemu/osdep.h"
#include "qapi/error.h"

/*
 * Parse the -cpu argument (call once, with the last -cpu given).
 * Errors: "unable to find CPU model 'foo'", "bad numerical value X"
 * (tsc-freq).  On success x86_cpu_option_type() names the type.
 */
bool x86_cpu_parse_option(const char *optarg, Error **errp);
/* The type chosen by x86_cpu_parse_option(), or NULL before it. */
const char *x86_cpu_option_type(void);
/* "qemu64" -> "qemu64-x86_64-cpu" (a new string), or NULL when there is
 * no such CPU model (unknown, or the abstract base). */
char *x86_cpu_type_for_model(const char *model);
/* Is optarg a request for help ("help" or "?")? */
bool x86_cpu_option_is_help(const char *optarg);
/* -cpu help: "Available CPUs:" then the "Recognized CPUID flags:". */
void x86_cpu_print_help(GString *out);

#endif
