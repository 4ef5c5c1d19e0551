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
 *
 * Each QemuOpts remembers the command line option that created it
 * (loc_save()); qemu_opts_foreach() makes that the current location around
 * each callback, so errors read "qemu-system-x86_64: -chardev ...: MSG".
 *
 * The option groups themselves (machine, chardev, device, ...) are defined
 * and registered at start-up in util/qemu-config.c, with QEMU 7.2's
 * parameter names, types and help texts; docs/options.md lists them.
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
/*
 * Register a group that qemu_find_opts() finds but qemu_opts_all_lists()
 * (and so query-command-line-options) does not report: options that QEMU
 * 7.2 parses without an option group (-display, -audiodev, ...).
 */
void qemu_add_opts_unlisted(QemuOptsList *list);
/* The group named group, or NULL after error_report()ing
 * "There is no option group 'NAME'". */
QemuOptsList *qemu_find_opts(const char *group);
/* As qemu_find_opts(), but the error goes to errp. */
QemuOptsList *qemu_find_opts_err(const char *group, Error **errp);
/*
 * Every group registered with qemu_add_opts(), in registration order (for
 * query-command-line-options).  A new list of borrowed pointers: free it
 * with g_list_free().
 */
GList *qemu_opts_all_lists(void);
/* True when list has an empty desc: any key is accepted. */
bool qemu_opts_list_accepts_any(const QemuOptsList *list);

/*
 * Parse params into a new QemuOpts of list.  implied: whether the first bare
 * word is the value of list->implied_opt_name.  Errors are QEMU's, e.g.
 *   "Invalid parameter 'foo'", "Parameter 'size' expects a non-negative
 *   number below 2^64", "Duplicate ID 'x' for chardev".
 * The first "id=" is the QemuOpts id (checked: "Parameter 'id' expects an
 * identifier"; "Invalid parameter 'id'" for merge_lists lists) and is not
 * stored as an option.  On a merge_lists list the parameters are appended
 * to the one QemuOpts (a failed parse leaves it as it was).
 * Short-form flags ("server", "nowait") are accepted with QEMU's warning
 * "short-form boolean option 'server' deprecated" + "Please use server=on
 * instead" (warn_report, so it goes to the current HMP monitor if any).
 * A bare "help" is stored as help=on (see qemu_opts_parse_help()).
 */
QemuOpts *qemu_opts_parse(QemuOptsList *list, const char *params,
                          bool implied, Error **errp);
/*
 * As qemu_opts_parse(), but on a list with a desc table a bare "help" or
 * "?" stops parsing: returns NULL with *help_wanted = true and no error
 * (the caller prints qemu_opts_print_help()).  *help_wanted is false
 * otherwise.
 */
QemuOpts *qemu_opts_parse_help(QemuOptsList *list, const char *params,
                               bool implied, bool *help_wanted, Error **errp);
/*
 * What QEMU's command line does: qemu_opts_parse_help(), then print the
 * help to stdout or error_report_err() the error.  NULL in both cases
 * (QEMU then exits with status 1).
 */
QemuOpts *qemu_opts_parse_noisily(QemuOptsList *list, const char *params,
                                  bool implied);
/*
 * Parse a JSON object argument into a QemuOpts (values stringified:
 * strings as is, numbers in decimal, booleans "on"/"off"; nested dicts
 * flattened as "a.b", arrays as "a.0", "a.1"; null members are left out);
 * the dict itself is kept (qemu_opts_get_json).  A string "id" member is
 * the QemuOpts id; unlike the key=value form it is not checked for syntax
 * or uniqueness (QEMU's consumers of JSON arguments do that, with their own
 * messages).  On a list with a desc table the members are validated.
 * Errors: QEMU's JSON parser messages ("JSON parse error, premature EOI",
 * "JSON parse error, stray '$'", "Expecting at most one JSON value", ...)
 * and "Expected a JSON object" for arrays and scalars.
 */
QemuOpts *qemu_opts_parse_json(QemuOptsList *list, const char *json,
                               Error **errp);
/* As qemu_opts_parse_json() from an already parsed dict (a new reference
 * to it is kept), e.g. the arguments of a QMP command. */
QemuOpts *qemu_opts_from_json(QemuOptsList *list, json_t *dict,
                              Error **errp);
/*
 * Parse exactly one JSON value the way QEMU does: RFC 8259 plus
 * single-quoted strings, U+0000 kept as "\xC0\x80"; errors as above and
 * "Expecting a JSON value" for blank input.  Returns a new reference or
 * NULL with *errp set.
 */
json_t *qemu_json_parse_value(const char *str, Error **errp);
/*
 * The QemuOpts with this id (NULL: the first one without id), or a new one.
 * merge_lists lists have one QemuOpts without id ("Invalid parameter 'id'"
 * if one is given); otherwise id is checked as by qemu_opts_parse() and an
 * existing id is "Duplicate ID 'x' for LIST" when fail_if_exists, else that
 * QemuOpts is returned.
 */
QemuOpts *qemu_opts_create(QemuOptsList *list, const char *id,
                           bool fail_if_exists, Error **errp);
/* The QemuOpts with this id, or for NULL the first one without an id. */
QemuOpts *qemu_opts_find(QemuOptsList *list, const char *id);
/* Remove opts from its list and free it (NULL is fine). */
void qemu_opts_del(QemuOpts *opts);
/* Delete every QemuOpts of list. */
void qemu_opts_reset(QemuOptsList *list);
const char *qemu_opts_id(QemuOpts *opts);
/* Replace the id (id is stolen; not checked). */
void qemu_opts_set_id(QemuOpts *opts, char *id);
QemuOptsList *qemu_opts_list(QemuOpts *opts);
/* Make the option that created opts the current error location. */
void qemu_opts_loc_restore(QemuOpts *opts);

/* The last value of name, else the desc default (def_value_str), else
 * NULL.  "id" is not an option: use qemu_opts_id(). */
const char *qemu_opt_get(QemuOpts *opts, const char *name);
/*
 * As qemu_opt_get() ("id" meaning qemu_opts_id()), but NULL sets
 * "Parameter 'NAME' is missing".
 */
const char *qemu_opt_get_required(QemuOpts *opts, const char *name,
                                  Error **errp);
/* Remove name from opts and return its last value (g_free it). */
char *qemu_opt_get_del(QemuOpts *opts, const char *name);
/* True if name was given (defaults do not count). */
bool qemu_opt_find(QemuOpts *opts, const char *name);
/*
 * Typed getters: the last value, else the desc default, else defval.  A
 * value that the list's desc did not check (free-form lists) is parsed
 * here; if it does not parse, defval is returned.
 */
bool qemu_opt_get_bool(QemuOpts *opts, const char *name, bool defval);
uint64_t qemu_opt_get_number(QemuOpts *opts, const char *name,
                             uint64_t defval);
uint64_t qemu_opt_get_size(QemuOpts *opts, const char *name,
                           uint64_t defval);
/* As above, then remove every occurrence of name. */
bool qemu_opt_get_bool_del(QemuOpts *opts, const char *name, bool defval);
uint64_t qemu_opt_get_number_del(QemuOpts *opts, const char *name,
                                 uint64_t defval);
uint64_t qemu_opt_get_size_del(QemuOpts *opts, const char *name,
                               uint64_t defval);
/* Append name=value, checked as a parsed one would be. */
bool qemu_opt_set(QemuOpts *opts, const char *name, const char *value,
                  Error **errp);
/* Append name=on/off. */
bool qemu_opt_set_bool(QemuOpts *opts, const char *name, bool val,
                       Error **errp);
/* Append name=VAL in decimal. */
bool qemu_opt_set_number(QemuOpts *opts, const char *name, int64_t val,
                         Error **errp);
/* Remove every occurrence of name. */
void qemu_opt_unset(QemuOpts *opts, const char *name);
/*
 * True if help was asked for, the way QEMU's consumers read it: a key
 * "help" or "?" ("-device e1000,help"), or the value of the list's implied
 * key ("-device help", "-chardev help").
 */
bool qemu_opts_has_help(QemuOpts *opts);
/* True if any comma-separated element of params is "help" or "?". */
bool has_help_option(const char *params);

typedef int (*qemu_opts_loopfunc)(void *opaque, QemuOpts *opts, Error **errp);
typedef int (*qemu_opt_loopfunc)(void *opaque, const char *name,
                                 const char *value, Error **errp);
/*
 * Call func for each QemuOpts of list (each may delete its own), with the
 * error location set to the option that created it.  Stop at the first
 * non-zero return and return it.
 */
int qemu_opts_foreach(QemuOptsList *list, qemu_opts_loopfunc func,
                      void *opaque, Error **errp);
int qemu_opt_foreach(QemuOpts *opts, qemu_opt_loopfunc func, void *opaque,
                     Error **errp);
/* Check every key of opts against desc (types too): "Invalid parameter
 * 'x'" and the type errors of qemu_opts_parse(). */
bool qemu_opts_validate(QemuOpts *opts, const QemuOptDesc *desc,
                        Error **errp);
/* A JSON object with every option as a string member ("id" included,
 * the last of repeated keys); or, for JSON-parsed opts, a new reference to
 * the original dict (later qemu_opt_set() calls do not show in it). */
json_t *qemu_opts_to_json(QemuOpts *opts);
/* The dict of a JSON-form argument, or NULL (borrowed). */
json_t *qemu_opts_get_json(QemuOpts *opts);
/* "id=ID,key=value,..." in order (commas in values doubled), which
 * qemu_opts_parse(list, str, false) reads back; g_free it. */
char *qemu_opts_to_string(QemuOpts *opts);
/* Print the list's options and help text to stdout, sorted, as QEMU
 * does ("rtc options:" caption, "  base=<str>" lines). */
void qemu_opts_print_help(QemuOptsList *list, bool print_caption);

/* ---- value parsers (shared by QOM property setters) ---- */

bool is_help_option(const char *s);
/* on/yes/true/y -> true, off/no/false/n -> false;
 * error "Parameter 'NAME' expects 'on' or 'off'". */
bool qapi_bool_parse(const char *name, const char *value, bool *obj,
                     Error **errp);
/*
 * "2G", "512M", "1k", "4096", "1.5G": bytes.  Suffixes B, k/K, M, G, T, P,
 * E (powers of 1024, case-insensitive); a fraction needs a suffix other
 * than B and is rounded to the nearest byte; "0x" hex is allowed (with a
 * suffix it warns "Using a multiplier suffix on hex numbers is deprecated:
 * STR"); '-' and exponents are -EINVAL.  Returns 0, -EINVAL (bad format,
 * or trailing text when end is NULL) or -ERANGE (2^64 or more).
 * qemu_strtosz_MiB(): bare numbers are MiB (-m 256).
 */
int qemu_strtosz(const char *nptr, const char **end, uint64_t *result);
int qemu_strtosz_MiB(const char *nptr, const char **end, uint64_t *result);
/*
 * Integer parsers on top of strtoull/strtoll (base 0 reads "0x" hex and
 * "0" octal; base 16 allows "0x").  With end == NULL the whole string must
 * be the number; else *end is set after it.  0, -EINVAL or -ERANGE (the
 * result is then clamped).  Like strtoull, the unsigned ones accept "-N"
 * and wrap it.
 */
int qemu_strtou64(const char *nptr, const char **end, int base,
                  uint64_t *result);
int qemu_strtoi64(const char *nptr, const char **end, int base,
                  int64_t *result);
int qemu_strtoul(const char *nptr, const char **end, int base,
                 unsigned long *result);
int qemu_strtoi(const char *nptr, const char **end, int base, int *result);

#endif
