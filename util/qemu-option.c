/*
 * qemu-option.c: QemuOpts, the "key=value,..." option groups of the command
 * line (see include/qemu/option.h for the rules).
 *
 * Values are kept as the strings the user wrote; a list with a desc table
 * checks each value's type when it is added (so errors name the option
 * being parsed) and caches the parsed number or boolean.  Lists with an
 * empty desc accept any key; their consumers validate, and the typed
 * getters then parse the string on demand, falling back to the default on
 * bad input rather than trusting it.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include "qemu/cutils.h"

typedef struct QemuOpt {
    char *name;
    char *str;
    const QemuOptDesc *desc;    /* set once the value was type-checked */
    union {
        bool boolean;
        uint64_t uint;
    } value;
} QemuOpt;

struct QemuOpts {
    char *id;
    QemuOptsList *list;
    Location loc;               /* the option that created it */
    GQueue opts;                /* QemuOpt *, in the order given */
    json_t *json;               /* the dict of a JSON-form argument */
};

/* ---- the registry of option groups ---- */

static GPtrArray *registry;     /* QemuOptsList *, registration order */
static GHashTable *unlisted;    /* lists hidden from qemu_opts_all_lists() */

static void registry_add(QemuOptsList *list)
{
    if (!registry) {
        registry = g_ptr_array_new();
        unlisted = g_hash_table_new(NULL, NULL);
    }
    for (guint i = 0; i < registry->len; i++) {
        if (g_ptr_array_index(registry, i) == list) {
            return;
        }
    }
    g_ptr_array_add(registry, list);
}

void qemu_add_opts(QemuOptsList *list)
{
    registry_add(list);
}

void qemu_add_opts_unlisted(QemuOptsList *list)
{
    registry_add(list);
    g_hash_table_add(unlisted, list);
}

QemuOptsList *qemu_find_opts_err(const char *group, Error **errp)
{
    for (guint i = 0; group && registry && i < registry->len; i++) {
        QemuOptsList *list = g_ptr_array_index(registry, i);

        if (!strcmp(list->name, group)) {
            return list;
        }
    }
    error_setg(errp, "There is no option group '%s'", group ? group : "");
    return NULL;
}

QemuOptsList *qemu_find_opts(const char *group)
{
    Error *err = NULL;
    QemuOptsList *list = qemu_find_opts_err(group, &err);

    if (!list) {
        error_report_err(err);
    }
    return list;
}

GList *qemu_opts_all_lists(void)
{
    GList *all = NULL;

    for (guint i = 0; registry && i < registry->len; i++) {
        QemuOptsList *list = g_ptr_array_index(registry, i);

        if (!g_hash_table_contains(unlisted, list)) {
            all = g_list_append(all, list);
        }
    }
    return all;
}

bool qemu_opts_list_accepts_any(const QemuOptsList *list)
{
    return list->desc[0].name == NULL;
}

static const QemuOptDesc *find_desc(const QemuOptDesc *desc, const char *name)
{
    for (; desc && desc->name; desc++) {
        if (!strcmp(desc->name, name)) {
            return desc;
        }
    }
    return NULL;
}

/* ---- values ---- */

static bool parse_number(const char *name, const char *value, uint64_t *ret,
                         Error **errp)
{
    int err = qemu_strtou64(value, NULL, 0, ret);

    if (err == -ERANGE) {
        error_setg(errp, "Value '%s' is too large for parameter '%s'",
                   value, name);
        return false;
    }
    if (err) {
        error_setg(errp, "Parameter '%s' expects a number", name);
        return false;
    }
    return true;
}

static bool parse_size(const char *name, const char *value, uint64_t *ret,
                       Error **errp)
{
    int err = qemu_strtosz(value, NULL, ret);

    if (err == -ERANGE) {
        error_setg(errp, "Value '%s' is out of range for parameter '%s'",
                   value, name);
        return false;
    }
    if (err) {
        error_setg(errp, "Parameter '%s' expects a non-negative number "
                   "below 2^64", name);
        error_append_hint(errp, "Optional suffix k, M, G, T, P or E means"
                          " kilo-, mega-, giga-, tera-, peta-\n"
                          "and exabytes, respectively.\n");
        return false;
    }
    return true;
}

/* Type-check opt->str against desc and cache the parsed value. */
static bool opt_parse_value(QemuOpt *opt, const QemuOptDesc *desc,
                            Error **errp)
{
    bool ok = true;

    if (desc) {
        switch (desc->type) {
        case QEMU_OPT_STRING:
            break;
        case QEMU_OPT_BOOL:
            ok = qapi_bool_parse(opt->name, opt->str, &opt->value.boolean,
                                 errp);
            break;
        case QEMU_OPT_NUMBER:
            ok = parse_number(opt->name, opt->str, &opt->value.uint, errp);
            break;
        case QEMU_OPT_SIZE:
            ok = parse_size(opt->name, opt->str, &opt->value.uint, errp);
            break;
        }
    }
    opt->desc = ok ? desc : NULL;
    return ok;
}

static void opt_free(QemuOpt *opt)
{
    g_free(opt->name);
    g_free(opt->str);
    g_free(opt);
}

/* Append name=value (value stolen) after checking it against the list. */
static bool opts_add(QemuOpts *opts, const char *name, char *value,
                     Error **errp)
{
    const QemuOptDesc *desc = find_desc(opts->list->desc, name);
    QemuOpt *opt;

    if (!desc && !qemu_opts_list_accepts_any(opts->list)) {
        error_setg(errp, "Invalid parameter '%s'", name);
        g_free(value);
        return false;
    }
    opt = g_new0(QemuOpt, 1);
    opt->name = g_strdup(name);
    opt->str = value;
    if (!opt_parse_value(opt, desc, errp)) {
        opt_free(opt);
        return false;
    }
    g_queue_push_tail(&opts->opts, opt);
    return true;
}

/* The last occurrence of name, or NULL. */
static QemuOpt *opt_find(QemuOpts *opts, const char *name)
{
    for (GList *l = opts ? opts->opts.tail : NULL; l; l = l->prev) {
        QemuOpt *opt = l->data;

        if (!strcmp(opt->name, name)) {
            return opt;
        }
    }
    return NULL;
}

static const char *default_value(QemuOpts *opts, const char *name)
{
    const QemuOptDesc *desc = opts ? find_desc(opts->list->desc, name) : NULL;

    return desc ? desc->def_value_str : NULL;
}

/* Remove every occurrence of name. */
static void opt_del_all(QemuOpts *opts, const char *name)
{
    GList *l = opts->opts.head;

    while (l) {
        GList *next = l->next;
        QemuOpt *opt = l->data;

        if (!strcmp(opt->name, name)) {
            g_queue_delete_link(&opts->opts, l);
            opt_free(opt);
        }
        l = next;
    }
}

/* ---- the key=value syntax ---- */

/*
 * Copy a value up to the first single comma, turning ",," into ','.
 * Returns a pointer to that comma or to the terminating NUL.
 */
static const char *get_opt_value(const char *p, char **value)
{
    GString *s = g_string_new(NULL);

    for (;;) {
        const char *comma = strchrnul(p, ',');

        g_string_append_len(s, p, comma - p);
        if (comma[0] == ',' && comma[1] == ',') {
            g_string_append_c(s, ',');
            p = comma + 2;
            continue;
        }
        *value = g_string_free(s, FALSE);
        return comma;
    }
}

static void warn_short_form(const char *prefix, const char *name,
                            const char *value)
{
    Error *err = NULL;

    error_setg(&err, "short-form boolean option '%s%s' deprecated",
               prefix, name);
    if (!strcmp(name, "delay")) {
        /* "delay" is the inverse of the real option, nodelay. */
        error_append_hint(&err, "Please use nodelay=%s instead\n",
                          prefix[0] ? "on" : "off");
    } else {
        error_append_hint(&err, "Please use %s=%s instead\n", name, value);
    }
    warn_report_err(err);
}

/*
 * Split off one parameter at params: "name=value", a bare value for
 * firstname (the implied key), or a flag ("name" = on, "noname" = off).
 * Sets *is_help for a bare "help"/"?" flag.  Returns the next parameter.
 */
static const char *next_param(const char *params, const char *firstname,
                              bool warn_on_flag, bool *is_help,
                              char **name, char **value)
{
    size_t len = strcspn(params, "=,");
    const char *p;

    *is_help = false;
    if (params[len] == '=') {
        *name = g_strndup(params, len);
        p = get_opt_value(params + len + 1, value);
    } else if (firstname) {
        *name = g_strdup(firstname);
        p = get_opt_value(params, value);
    } else {
        const char *prefix = "";

        p = params + len;
        if (!strncmp(params, "no", 2)) {
            *name = g_strndup(params + 2, len - 2);
            *value = g_strdup("off");
            prefix = "no";
        } else {
            *name = g_strndup(params, len);
            *value = g_strdup("on");
            *is_help = is_help_option(*name);
        }
        if (warn_on_flag && !*is_help) {
            warn_short_form(prefix, *name, *value);
        }
    }
    return *p == ',' ? p + 1 : p;
}

/* The first "id" in params (as QEMU reads it: no implied key). */
static char *params_find_id(const char *params)
{
    const char *p = params;

    while (*p) {
        char *name, *value;
        bool is_help;

        p = next_param(p, NULL, false, &is_help, &name, &value);
        if (!strcmp(name, "id")) {
            g_free(name);
            return value;
        }
        g_free(name);
        g_free(value);
    }
    return NULL;
}

bool has_help_option(const char *params)
{
    const char *p = params;

    while (*p) {
        char *value;
        bool help;

        p = get_opt_value(p, &value);
        if (*p) {
            p++;
        }
        help = is_help_option(value);
        g_free(value);
        if (help) {
            return true;
        }
    }
    return false;
}

/* Undo a failed parse: drop what it added (or the opts it created). */
static void opts_rollback(QemuOpts *opts, bool created, guint keep)
{
    if (created) {
        qemu_opts_del(opts);
        return;
    }
    while (opts->opts.length > keep) {
        opt_free(g_queue_pop_tail(&opts->opts));
    }
}

static QemuOpts *opts_create(QemuOptsList *list, const char *id,
                             bool fail_if_exists, bool *created,
                             Error **errp)
{
    QemuOpts *opts;

    *created = false;
    if (list->merge_lists) {
        if (id) {
            error_setg(errp, "Invalid parameter '%s'", "id");
            return NULL;
        }
        opts = qemu_opts_find(list, NULL);
        if (opts) {
            return opts;
        }
    } else if (id) {
        if (!id_wellformed(id)) {
            error_setg(errp, "Parameter '%s' expects %s", "id",
                       "an identifier");
            error_append_hint(errp, "Identifiers consist of letters, "
                              "digits, '-', '.', '_', starting with a "
                              "letter.\n");
            return NULL;
        }
        opts = qemu_opts_find(list, id);
        if (opts) {
            if (fail_if_exists) {
                error_setg(errp, "Duplicate ID '%s' for %s", id, list->name);
                return NULL;
            }
            return opts;
        }
    }
    opts = g_new0(QemuOpts, 1);
    opts->id = g_strdup(id);
    opts->list = list;
    loc_save(&opts->loc);
    g_queue_init(&opts->opts);
    list->head = g_list_append(list->head, opts);
    *created = true;
    return opts;
}

QemuOpts *qemu_opts_create(QemuOptsList *list, const char *id,
                           bool fail_if_exists, Error **errp)
{
    bool created;

    return opts_create(list, id, fail_if_exists, &created, errp);
}

static QemuOpts *opts_parse(QemuOptsList *list, const char *params,
                            bool implied, bool warn_on_flag,
                            bool *help_wanted, Error **errp)
{
    const char *firstname = implied ? list->implied_opt_name : NULL;
    char *id = params_find_id(params);
    QemuOpts *opts;
    bool created;
    guint keep;
    const char *p;

    opts = opts_create(list, id, true, &created, errp);
    g_free(id);
    if (!opts) {
        return NULL;
    }
    keep = opts->opts.length;
    for (p = params; *p; firstname = NULL) {
        char *name, *value;
        bool is_help, ok;

        p = next_param(p, firstname, warn_on_flag, &is_help, &name, &value);
        if (is_help && help_wanted) {
            *help_wanted = true;
            g_free(name);
            g_free(value);
            opts_rollback(opts, created, keep);
            return NULL;
        }
        if (!strcmp(name, "id")) {
            /* Already taken by params_find_id(). */
            g_free(name);
            g_free(value);
            continue;
        }
        ok = opts_add(opts, name, value, errp);
        g_free(name);
        if (!ok) {
            opts_rollback(opts, created, keep);
            return NULL;
        }
    }
    return opts;
}

QemuOpts *qemu_opts_parse(QemuOptsList *list, const char *params,
                          bool implied, Error **errp)
{
    return opts_parse(list, params, implied, true, NULL, errp);
}

QemuOpts *qemu_opts_parse_help(QemuOptsList *list, const char *params,
                               bool implied, bool *help_wanted, Error **errp)
{
    *help_wanted = false;
    return opts_parse(list, params, implied, true,
                      qemu_opts_list_accepts_any(list) ? NULL : help_wanted,
                      errp);
}

QemuOpts *qemu_opts_parse_noisily(QemuOptsList *list, const char *params,
                                  bool implied)
{
    Error *err = NULL;
    bool help;
    QemuOpts *opts = qemu_opts_parse_help(list, params, implied, &help,
                                          &err);

    if (!opts) {
        if (help) {
            qemu_opts_print_help(list, true);
        } else {
            error_report_err(err);
        }
    }
    return opts;
}

/* ---- JSON form ---- */

/* Add the members of dict as prefix+key options (nested: "a.b", "a.0"). */
static bool opts_add_json(QemuOpts *opts, const char *prefix, json_t *value,
                          bool top, Error **errp)
{
    const char *key;
    json_t *member;
    size_t index;
    char *str = NULL;

    switch (json_typeof(value)) {
    case JSON_OBJECT:
        json_object_foreach(value, key, member) {
            char *name;
            bool ok;

            if (top && !strcmp(key, "id")) {
                continue;       /* the QemuOpts id, not an option */
            }
            name = g_strdup_printf("%s%s%s", prefix, *prefix ? "." : "",
                                   key);
            ok = opts_add_json(opts, name, member, false, errp);
            g_free(name);
            if (!ok) {
                return false;
            }
        }
        return true;
    case JSON_ARRAY:
        json_array_foreach(value, index, member) {
            char *name = g_strdup_printf("%s.%zu", prefix, index);
            bool ok = opts_add_json(opts, name, member, false, errp);

            g_free(name);
            if (!ok) {
                return false;
            }
        }
        return true;
    case JSON_STRING:
        str = g_strndup(json_string_value(value), json_string_length(value));
        break;
    case JSON_INTEGER:
        str = g_strdup_printf("%" JSON_INTEGER_FORMAT,
                              json_integer_value(value));
        break;
    case JSON_REAL:
        str = g_strdup_printf("%.17g", json_real_value(value));
        break;
    case JSON_TRUE:
        str = g_strdup("on");
        break;
    case JSON_FALSE:
        str = g_strdup("off");
        break;
    case JSON_NULL:
        return true;            /* no value: left to the dict's reader */
    }
    return opts_add(opts, prefix, str, errp);
}

QemuOpts *qemu_opts_from_json(QemuOptsList *list, json_t *dict, Error **errp)
{
    json_t *jid = json_object_get(dict, "id");
    const char *id = json_is_string(jid) ? json_string_value(jid) : NULL;
    QemuOpts *opts = NULL;
    bool created = false;
    guint keep;

    if (!json_is_object(dict)) {
        error_setg(errp, "Expected a JSON object");
        return NULL;
    }
    /*
     * Ids of JSON arguments are checked by their consumers, as QEMU's are
     * (-netdev and -object word those errors their own way).
     */
    if (list->merge_lists) {
        opts = qemu_opts_find(list, NULL);
    }
    if (!opts) {
        opts = opts_create(list, NULL, false, &created, errp);
        opts->id = list->merge_lists ? NULL : g_strdup(id);
    }
    keep = opts->opts.length;
    if (!opts_add_json(opts, "", dict, true, errp)) {
        opts_rollback(opts, created, keep);
        return NULL;
    }
    if (!opts->json) {
        opts->json = json_incref(dict);
    }
    return opts;
}

QemuOpts *qemu_opts_parse_json(QemuOptsList *list, const char *json,
                               Error **errp)
{
    json_t *value = qemu_json_parse_value(json, errp);
    QemuOpts *opts;

    if (!value) {
        return NULL;
    }
    opts = qemu_opts_from_json(list, value, errp);
    json_decref(value);
    return opts;
}

json_t *qemu_opts_get_json(QemuOpts *opts)
{
    return opts->json;
}

/* ---- QemuOpts ---- */

QemuOpts *qemu_opts_find(QemuOptsList *list, const char *id)
{
    for (GList *l = list->head; l; l = l->next) {
        QemuOpts *opts = l->data;

        if (!opts->id ? !id : (id && !strcmp(opts->id, id))) {
            return opts;
        }
    }
    return NULL;
}

void qemu_opts_del(QemuOpts *opts)
{
    QemuOpt *opt;

    if (!opts) {
        return;
    }
    while ((opt = g_queue_pop_head(&opts->opts))) {
        opt_free(opt);
    }
    opts->list->head = g_list_remove(opts->list->head, opts);
    json_decref(opts->json);
    g_free(opts->id);
    g_free(opts);
}

void qemu_opts_reset(QemuOptsList *list)
{
    while (list->head) {
        qemu_opts_del(list->head->data);
    }
}

const char *qemu_opts_id(QemuOpts *opts)
{
    return opts->id;
}

void qemu_opts_set_id(QemuOpts *opts, char *id)
{
    g_free(opts->id);
    opts->id = id;
}

QemuOptsList *qemu_opts_list(QemuOpts *opts)
{
    return opts->list;
}

void qemu_opts_loc_restore(QemuOpts *opts)
{
    loc_restore(&opts->loc);
}

const char *qemu_opt_get(QemuOpts *opts, const char *name)
{
    QemuOpt *opt = opt_find(opts, name);

    return opt ? opt->str : default_value(opts, name);
}

const char *qemu_opt_get_required(QemuOpts *opts, const char *name,
                                  Error **errp)
{
    const char *v = !strcmp(name, "id") ? opts->id : qemu_opt_get(opts, name);

    if (!v) {
        error_setg(errp, "Parameter '%s' is missing", name);
    }
    return v;
}

char *qemu_opt_get_del(QemuOpts *opts, const char *name)
{
    QemuOpt *opt = opt_find(opts, name);
    char *str;

    if (!opt) {
        return g_strdup(default_value(opts, name));
    }
    str = g_strdup(opt->str);
    opt_del_all(opts, name);
    return str;
}

bool qemu_opt_find(QemuOpts *opts, const char *name)
{
    return opt_find(opts, name) != NULL;
}

/*
 * The typed value of one string: the cached value when the list's desc
 * checked it, else parsed now (options of free-form lists).
 */
static bool opt_typed(QemuOpt *opt, const char *str, QemuOptType type,
                      bool *b, uint64_t *u)
{
    if (opt && opt->desc && opt->desc->type == type) {
        if (type == QEMU_OPT_BOOL) {
            *b = opt->value.boolean;
        } else {
            *u = opt->value.uint;
        }
        return true;
    }
    switch (type) {
    case QEMU_OPT_BOOL:
        return qapi_bool_parse("", str, b, NULL);
    case QEMU_OPT_NUMBER:
        return qemu_strtou64(str, NULL, 0, u) == 0;
    case QEMU_OPT_SIZE:
        return qemu_strtosz(str, NULL, u) == 0;
    default:
        return false;
    }
}

/* Typed getter: the option, else the desc default, else defval. */
static void opt_get_typed(QemuOpts *opts, const char *name, QemuOptType type,
                          bool del, bool *b, uint64_t *u)
{
    QemuOpt *opt = opt_find(opts, name);
    const char *str = opt ? opt->str : default_value(opts, name);
    bool vb = *b;
    uint64_t vu = *u;

    if (str && opt_typed(opt, str, type, &vb, &vu)) {
        *b = vb;
        *u = vu;
    }
    if (del && opt) {
        opt_del_all(opts, name);
    }
}

bool qemu_opt_get_bool(QemuOpts *opts, const char *name, bool defval)
{
    uint64_t u = 0;

    opt_get_typed(opts, name, QEMU_OPT_BOOL, false, &defval, &u);
    return defval;
}

uint64_t qemu_opt_get_number(QemuOpts *opts, const char *name,
                             uint64_t defval)
{
    bool b = false;

    opt_get_typed(opts, name, QEMU_OPT_NUMBER, false, &b, &defval);
    return defval;
}

uint64_t qemu_opt_get_size(QemuOpts *opts, const char *name,
                           uint64_t defval)
{
    bool b = false;

    opt_get_typed(opts, name, QEMU_OPT_SIZE, false, &b, &defval);
    return defval;
}

bool qemu_opt_get_bool_del(QemuOpts *opts, const char *name, bool defval)
{
    uint64_t u = 0;

    opt_get_typed(opts, name, QEMU_OPT_BOOL, true, &defval, &u);
    return defval;
}

uint64_t qemu_opt_get_number_del(QemuOpts *opts, const char *name,
                                 uint64_t defval)
{
    bool b = false;

    opt_get_typed(opts, name, QEMU_OPT_NUMBER, true, &b, &defval);
    return defval;
}

uint64_t qemu_opt_get_size_del(QemuOpts *opts, const char *name,
                               uint64_t defval)
{
    bool b = false;

    opt_get_typed(opts, name, QEMU_OPT_SIZE, true, &b, &defval);
    return defval;
}

bool qemu_opt_set(QemuOpts *opts, const char *name, const char *value,
                  Error **errp)
{
    return opts_add(opts, name, g_strdup(value), errp);
}

bool qemu_opt_set_bool(QemuOpts *opts, const char *name, bool val,
                       Error **errp)
{
    return opts_add(opts, name, g_strdup(val ? "on" : "off"), errp);
}

bool qemu_opt_set_number(QemuOpts *opts, const char *name, int64_t val,
                         Error **errp)
{
    return opts_add(opts, name, g_strdup_printf("%" PRId64, val), errp);
}

void qemu_opt_unset(QemuOpts *opts, const char *name)
{
    opt_del_all(opts, name);
}

bool qemu_opts_has_help(QemuOpts *opts)
{
    const char *implied = opts->list->implied_opt_name;

    for (GList *l = opts->opts.head; l; l = l->next) {
        QemuOpt *opt = l->data;

        if (is_help_option(opt->name)) {
            return true;
        }
    }
    return implied && is_help_option(qemu_opt_get(opts, implied));
}

int qemu_opts_foreach(QemuOptsList *list, qemu_opts_loopfunc func,
                      void *opaque, Error **errp)
{
    Location saved;
    GList *l = list->head;
    int rc = 0;

    loc_save(&saved);
    while (l) {
        /* func may delete its opts: step first. */
        GList *next = l->next;
        QemuOpts *opts = l->data;

        loc_restore(&opts->loc);
        rc = func(opaque, opts, errp);
        if (rc) {
            break;
        }
        l = next;
    }
    loc_restore(&saved);
    return rc;
}

int qemu_opt_foreach(QemuOpts *opts, qemu_opt_loopfunc func, void *opaque,
                     Error **errp)
{
    for (GList *l = opts->opts.head; l; l = l->next) {
        QemuOpt *opt = l->data;
        int rc = func(opaque, opt->name, opt->str, errp);

        if (rc) {
            return rc;
        }
    }
    return 0;
}

bool qemu_opts_validate(QemuOpts *opts, const QemuOptDesc *desc,
                        Error **errp)
{
    for (GList *l = opts->opts.head; l; l = l->next) {
        QemuOpt *opt = l->data;
        const QemuOptDesc *d = find_desc(desc, opt->name);

        if (!d) {
            error_setg(errp, "Invalid parameter '%s'", opt->name);
            return false;
        }
        if (!opt_parse_value(opt, d, errp)) {
            return false;
        }
    }
    return true;
}

/* ---- output ---- */

json_t *qemu_opts_to_json(QemuOpts *opts)
{
    json_t *dict;

    if (opts->json) {
        return json_incref(opts->json);
    }
    dict = json_object();
    if (opts->id) {
        json_object_set_new(dict, "id", json_string(opts->id));
    }
    for (GList *l = opts->opts.head; l; l = l->next) {
        QemuOpt *opt = l->data;

        json_object_set_new_nocheck(dict, opt->name,
                                    json_stringn_nocheck(opt->str,
                                                         strlen(opt->str)));
    }
    return dict;
}

static void append_escaped(GString *s, const char *str)
{
    for (; *str; str++) {
        if (*str == ',') {
            g_string_append_c(s, ',');
        }
        g_string_append_c(s, *str);
    }
}

char *qemu_opts_to_string(QemuOpts *opts)
{
    GString *s = g_string_new(NULL);

    if (opts->id) {
        g_string_append(s, "id=");
        append_escaped(s, opts->id);
    }
    for (GList *l = opts->opts.head; l; l = l->next) {
        QemuOpt *opt = l->data;

        if (s->len) {
            g_string_append_c(s, ',');
        }
        g_string_append_printf(s, "%s=", opt->name);
        append_escaped(s, opt->str);
    }
    return g_string_free(s, FALSE);
}

static const char *opt_type_help(QemuOptType type)
{
    switch (type) {
    case QEMU_OPT_BOOL:
        return "bool (on/off)";
    case QEMU_OPT_NUMBER:
        return "num";
    case QEMU_OPT_SIZE:
        return "size";
    case QEMU_OPT_STRING:
    default:
        return "str";
    }
}

static gint compare_strings(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void qemu_opts_print_help(QemuOptsList *list, bool print_caption)
{
    GPtrArray *lines = g_ptr_array_new_with_free_func(g_free);

    for (const QemuOptDesc *d = list->desc; d->name; d++) {
        GString *s = g_string_new(NULL);

        g_string_append_printf(s, "  %s=<%s>", d->name,
                               opt_type_help(d->type));
        if (d->help) {
            /* Help texts start in column 25 when the name is short. */
            while (s->len < 24) {
                g_string_append_c(s, ' ');
            }
            g_string_append_printf(s, " - %s", d->help);
        }
        g_ptr_array_add(lines, g_string_free(s, FALSE));
    }
    g_ptr_array_sort(lines, compare_strings);

    if (lines->len == 0) {
        if (list->name) {
            printf("There are no options for %s.\n", list->name);
        } else {
            printf("No options.\n");
        }
    } else if (print_caption) {
        if (list->name) {
            printf("%s options:\n", list->name);
        } else {
            printf("Options:\n");
        }
    }
    for (guint i = 0; i < lines->len; i++) {
        printf("%s\n", (char *)g_ptr_array_index(lines, i));
    }
    g_ptr_array_free(lines, TRUE);
}
