/*
 * option.h: QemuOpts, the "key=value,key=value" option groups of the
 * command line (-machine, -chardev, -device, ...).
 *
 * A QemuOptsList is one option group (e.g. "chardev").  Parsing an argument
 * creates a QemuOpts in that list: an ordered list of (name, value string)
 * pairs plus an optional id.  Rules (as QEMU's):
 *   - "a=1,b=2"; ",," is a literal comma inside a value;
 *   - an implied first key: "-chardev socket,id=x" == "backend=socket,id=x"
 *     when the list's implied_opt_name is "backend";
 *   - a bare "flag" means flag=on, "noflag" means flag=off (legacy form,
 *     still accepted for booleans such as server/nowait);
 *   - repeated keys are kept in order (qemu_opt_get returns the last);
 *   - "help" or "?" as a value or bare key asks for help;
 *   - a list with desc entries validates names and types (bool: on/off/
 *     yes/no/true/false; number; size with k/M/G/T/P/E suffixes); a list
 *     with an empty desc accepts any key (the consumer validates).
 *   - "id" is special: the QemuOpts id, unique within the list.
 *   - lists with merge_lists (e.g. -machine, -smp) merge repeated uses into
 *     one QemuOpts.
 * JSON arguments ("{"driver":...}") are accepted for -device, -object,
 * -netdev and -blockdev; the parsed dict is kept with the QemuOpts.
 */
#ifndef QEMU_OPTION_H
#define QEMU_OPTION_H

#include "qemu/osdep.h"
#include "qapi/error.h"

typedef enum QemuOptType {
    QEMU_OPT_STRING = 0,
    QEMU_OPT_BOOL,
    QEMU_OPT_NUMBER,
    QEMU_OPT_SIZE,
} QemuOptType;

typedef struct QemuOptDesc {
    const char *name;
    QemuOptType type;
    const char *help;
    const char *def_value_str;
} QemuOptDesc;

typedef struct QemuOpts QemuOpts;
typedef struct QemuOptsList QemuOptsList;

struct QemuOptsList {
    const char *name;
    const char *implied_opt_name;
    bool merge_lists;
    GList *head;                /* QemuOpts*, in creation order */
    QemuOptDesc desc[];         /* terminated by { NULL } */
};

/* Register a group; qemu_find_opts("chardev") then finds it. */
void qemu_add_opts(QemuOptsList *list);
QemuOptsList *qemu_find_opts(const char *group);
QemuOptsList *qemu_find_opts_err(const char *group, Error **errp);
/* Every registered group (for query-command-line-options). */
GList *qemu_opts_all_lists(void);

/*
 * Parse params into a new QemuOpts of list.  implied: whether the first bare
 * word is the value of list->implied_opt_name.  Errors are QEMU's, e.g.
 *   "Invalid parameter 'foo'", "Parameter 'size' expects a non-negative
 *   number below 2^64", "Duplicate ID 'x' for chardev".
 */
QemuOpts *qemu_opts_parse(QemuOptsList *list, const char *params,
                          bool implied, Error **errp);
/* Parse a JSON object argument into a QemuOpts (values stringified; nested
 * dicts flattened as "a.b"); the dict itself is kept (qemu_opts_get_json). */
QemuOpts *qemu_opts_parse_json(QemuOptsList *list, const char *json,
                               Error **errp);
QemuOpts *qemu_opts_create(QemuOptsList *list, const char *id,
                           bool fail_if_exists, Error **errp);
QemuOpts *qemu_opts_find(QemuOptsList *list, const char *id);
void qemu_opts_del(QemuOpts *opts);
const char *qemu_opts_id(QemuOpts *opts);
void qemu_opts_set_id(QemuOpts *opts, char *id);
QemuOptsList *qemu_opts_list(QemuOpts *opts);

const char *qemu_opt_get(QemuOpts *opts, const char *name);
/* Remove name from opts and return its last value (g_free it). */
char *qemu_opt_get_del(QemuOpts *opts, const char *name);
bool qemu_opt_find(QemuOpts *opts, const char *name);
bool qemu_opt_get_bool(QemuOpts *opts, const char *name, bool defval);
uint64_t qemu_opt_get_number(QemuOpts *opts, const char *name,
                             uint64_t defval);
uint64_t qemu_opt_get_size(QemuOpts *opts, const char *name,
                           uint64_t defval);
bool qemu_opt_set(QemuOpts *opts, const char *name, const char *value,
                  Error **errp);
bool qemu_opt_set_bool(QemuOpts *opts, const char *name, bool val,
                       Error **errp);
bool qemu_opt_set_number(QemuOpts *opts, const char *name, int64_t val,
                         Error **errp);
void qemu_opt_unset(QemuOpts *opts, const char *name);
/* True if any key or value is "help" or "?". */
bool qemu_opts_has_help(QemuOpts *opts);

typedef int (*qemu_opts_loopfunc)(void *opaque, QemuOpts *opts, Error **errp);
typedef int (*qemu_opt_loopfunc)(void *opaque, const char *name,
                                 const char *value, Error **errp);
/* Stop at the first non-zero return and return it. */
int qemu_opts_foreach(QemuOptsList *list, qemu_opts_loopfunc func,
                      void *opaque, Error **errp);
int qemu_opt_foreach(QemuOpts *opts, qemu_opt_loopfunc func, void *opaque,
                     Error **errp);
/* Check every key of opts against desc (types too). */
bool qemu_opts_validate(QemuOpts *opts, const QemuOptDesc *desc,
                        Error **errp);
/* A JSON object with every option as a string member ("id" included);
 * or, for JSON-parsed opts, a new reference to the original dict. */
json_t *qemu_opts_to_json(QemuOpts *opts);
/* The dict of a JSON-form argument, or NULL (borrowed). */
json_t *qemu_opts_get_json(QemuOpts *opts);
/* "key=value,..." (commas escaped); g_free it. */
char *qemu_opts_to_string(QemuOpts *opts);
/* Print the list's options and help text to stdout. */
void qemu_opts_print_help(QemuOptsList *list, bool print_caption);

/* ---- value parsers (shared by QOM property setters) ---- */

bool is_help_option(const char *s);
/* on/yes/true/y -> true, off/no/false/n -> false;
 * error "Parameter 'NAME' expects 'on' or 'off'". */
bool qapi_bool_parse(const char *name, const char *value, bool *obj,
                     Error **errp);
/* "2G", "512M", "1k", "4096": bytes; with default_suffix for bare numbers
 * (-m uses 'M').  Returns 0, -EINVAL (bad format) or -ERANGE. */
int qemu_strtosz(const char *nptr, const char **end, uint64_t *result);
int qemu_strtosz_MiB(const char *nptr, const char **end, uint64_t *result);
/* Full-string integer parsers (0x prefix allowed). */
int qemu_strtou64(const char *nptr, const char **end, int base,
                  uint64_t *result);
int qemu_strtoi64(const char *nptr, const char **end, int base,
                  int64_t *result);
int qemu_strtoul(const char *nptr, const char **end, int base,
                 unsigned long *result);
int qemu_strtoi(const char *nptr, const char **end, int base, int *result);

#endif
