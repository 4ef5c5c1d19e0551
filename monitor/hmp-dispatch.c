/*
 * hmp-dispatch.c: HMP command lines: finding the command, parsing its
 * arguments against its args_type (see include/monitor/hmp.h), running
 * the handler, "help" and tab completion.  Messages are QEMU 7.2's.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "monitor/hmp-internal.h"
#include "qemu/option.h"

/* At most this many words are looked at by help and completion. */
#define HMP_MAX_ARGS 16

bool hmp_compare_cmd(const char *name, const char *list)
{
    size_t n = strlen(name);
    const char *p = list;

    for (;;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);

        if (len == n && memcmp(p, name, n) == 0) {
            return true;
        }
        if (!bar) {
            return false;
        }
        p = bar + 1;
    }
}

static const HmpCommand *find_in_table(GPtrArray *table, const char *name)
{
    for (guint i = 0; i < table->len; i++) {
        const HmpCommand *cmd = g_ptr_array_index(table, i);

        if (hmp_compare_cmd(name, cmd->name)) {
            return cmd;
        }
    }
    return NULL;
}

static const char *skip_spaces(const char *p)
{
    while (g_ascii_isspace(*p)) {
        p++;
    }
    return p;
}

/*
 * A command name at *pp: after spaces, up to a space, '/' or the end
 * (NULL for a blank line).  *pp is left after the name.
 */
static char *get_command_name(const char **pp)
{
    const char *p = skip_spaces(*pp);
    const char *start = p;

    if (!*p) {
        return NULL;
    }
    while (*p && *p != '/' && !g_ascii_isspace(*p)) {
        p++;
    }
    *pp = p;
    return g_strndup(start, p - start);
}

/*
 * One word or "quoted string" at *pp (NULL when there is none or the
 * quoting is bad).  QEMU prints its quoting complaints on the process's
 * stdout, not on the monitor; noisy does the same (the command parser),
 * completion stays quiet.
 */
static char *get_str(const char **pp, bool noisy)
{
    const char *p = skip_spaces(*pp);
    GString *s;

    if (!*p) {
        *pp = p;
        return NULL;
    }
    s = g_string_new(NULL);
    if (*p == '"') {
        p++;
        while (*p && *p != '"') {
            char c = *p++;

            if (c == '\\') {
                c = *p;
                if (!c) {
                    break;
                }
                p++;
                switch (c) {
                case 'n':
                    c = '\n';
                    break;
                case 'r':
                    c = '\r';
                    break;
                case '\\':
                case '\'':
                case '"':
                    break;
                default:
                    if (noisy) {
                        printf("unsupported escape code: '\\%c'\n", c);
                        fflush(stdout);
                    }
                    goto fail;
                }
            }
            g_string_append_c(s, c);
        }
        if (*p != '"') {
            if (noisy) {
                printf("unterminated string\n");
                fflush(stdout);
            }
            goto fail;
        }
        p++;
    } else {
        while (*p && !g_ascii_isspace(*p)) {
            g_string_append_c(s, *p++);
        }
    }
    *pp = p;
    return g_string_free(s, FALSE);

fail:
    *pp = p;
    g_string_free(s, TRUE);
    return NULL;
}

/* Split a line into words as the parser sees them (help, completion). */
static int split_words(const char *line, char **words, bool noisy)
{
    const char *p = line;
    int n = 0;

    for (;;) {
        char *w;

        p = skip_spaces(p);
        if (!*p) {
            return n;
        }
        if (n >= HMP_MAX_ARGS) {
            goto fail;
        }
        w = get_str(&p, noisy);
        if (!w) {
            goto fail;
        }
        words[n++] = w;
    }

fail:
    for (int i = 0; i < n; i++) {
        g_free(words[i]);
    }
    return -1;
}

static void free_words(char **words, int n)
{
    for (int i = 0; i < n; i++) {
        g_free(words[i]);
    }
}

/* ---- arguments ---- */

/* An integer as QEMU's expression parser reads a plain number. */
static bool get_int(Monitor *mon, const char **pp, int64_t *val)
{
    const char *p = skip_spaces(*pp);
    bool neg = false;
    char *end;
    uint64_t v;

    if (*p == '-' || *p == '+') {
        neg = *p == '-';
        p = skip_spaces(p + 1);
    }
    if (!*p) {
        monitor_printf(mon, "unexpected end of expression\n");
        return false;
    }
    if (!g_ascii_isdigit(*p)) {
        monitor_printf(mon, "invalid char '%c' in expression\n", *p);
        return false;
    }
    errno = 0;
    v = g_ascii_strtoull(p, &end, 0);
    if (errno == ERANGE) {
        monitor_printf(mon, "number too large\n");
        return false;
    }
    *val = neg ? -(int64_t)v : (int64_t)v;
    *pp = end;
    return true;
}

static void print_to_stderr(void *opaque, const char *text)
{
    fputs(text, stderr);
    fflush(stderr);
}

/* "device_add isa-serial,id=s0" for the "device" option group. */
static bool parse_opts_arg(Monitor *mon, const HmpCommand *cmd,
                           const char *group, const char **pp, json_t *args)
{
    ErrorPrintFunc *old_fn = NULL;
    void *old_opaque = NULL;
    QemuOptsList *list;
    QemuOpts *opts;
    const char *key;
    json_t *dict, *val;
    char *word;

    list = qemu_find_opts_err(group, NULL);
    if (!list) {
        monitor_printf(mon, "%s: unknown type '%c'\n", cmd->name, 'O');
        return false;
    }
    if (!*skip_spaces(*pp)) {
        return true;
    }
    word = get_str(pp, true);
    if (!word) {
        return false;
    }
    /*
     * As QEMU's: a parse error is reported by error_report(), which is not
     * redirected to this monitor yet: it goes to stderr, without the
     * program name when a QMP command (human-monitor-command) is running.
     */
    if (monitor_cur()) {
        error_set_print_func(print_to_stderr, NULL, &old_fn, &old_opaque);
    }
    opts = qemu_opts_parse_noisily(list, word, true);
    if (monitor_cur()) {
        error_set_print_func(old_fn, old_opaque, NULL, NULL);
    }
    g_free(word);
    if (!opts) {
        return false;
    }
    dict = qemu_opts_to_json(opts);
    qemu_opts_del(opts);
    json_object_foreach(dict, key, val) {
        json_object_set(args, key, val);
    }
    json_decref(dict);
    return true;
}

/* Whether ch is one of the flags still to come in spec ("-f,x:-d"). */
static bool is_later_flag(char ch, const char *spec)
{
    for (const char *p = spec; *p; p++) {
        if (p[0] == ':' && p[1] == '-' && p[2] == ch) {
            return true;
        }
    }
    return false;
}

/*
 * Parse the arguments at *pp against cmd->args_type into a new JSON
 * object, or print the problem and return NULL.
 */
static json_t *parse_arguments(Monitor *mon, const HmpCommand *cmd,
                               const char **pp)
{
    const char *spec = cmd->args_type ? cmd->args_type : "";
    const char *p = *pp;
    json_t *args = json_object();

    while (*spec) {
        const char *colon = strchr(spec, ':');
        char *key;
        char type;
        bool optional = false;

        if (!colon || !colon[1]) {
            monitor_printf(mon, "%s: bad type string\n", cmd->name);
            goto fail;
        }
        key = g_strndup(spec, colon - spec);
        type = colon[1];
        spec = colon + 2;
        if (type == '-') {
            char flag = *spec;

            spec = *spec ? spec + 1 : spec;
            p = skip_spaces(p);
            if (*p == '-' && p[1] == flag && flag) {
                json_object_set_new(args, key, json_true());
                p += 2;
            } else if (*p == '-' && !is_later_flag(p[1], spec)) {
                monitor_printf(mon, "%s: unsupported option -%c\n",
                               cmd->name, p[1]);
                g_free(key);
                goto fail;
            }
        } else {
            if (*spec == '?') {
                optional = true;
                spec++;
            }
            p = skip_spaces(p);
            if (optional && !*p) {
                type = 0;   /* left out */
            }
        }
        if (*spec == ',') {
            spec++;
        }

        switch (type) {
        case 0:
        case '-':
            break;
        case 's': {
            char *str = get_str(&p, true);

            if (!str) {
                monitor_printf(mon, "%s: string expected\n", cmd->name);
                g_free(key);
                goto fail;
            }
            json_object_set_new(args, key,
                                json_stringn_nocheck(str, strlen(str)));
            g_free(str);
            break;
        }
        case 'S':
            if (!*p) {
                monitor_printf(mon, "%s: string expected\n", cmd->name);
                g_free(key);
                goto fail;
            }
            json_object_set_new(args, key, json_stringn_nocheck(p, strlen(p)));
            p += strlen(p);
            break;
        case 'O':
            if (!parse_opts_arg(mon, cmd, key, &p, args)) {
                g_free(key);
                goto fail;
            }
            break;
        case 'i':
        case 'l': {
            int64_t val;

            if (!get_int(mon, &p, &val)) {
                g_free(key);
                goto fail;
            }
            if (type == 'i' && ((uint64_t)val >> 32)) {
                monitor_printf(mon, "'%s' has failed: ", cmd->name);
                monitor_printf(mon, "integer is for 32-bit values\n");
                g_free(key);
                goto fail;
            }
            json_object_set_new(args, key, json_integer(val));
            break;
        }
        case 'b': {
            const char *beg = p;

            while (g_ascii_isgraph(*p)) {
                p++;
            }
            if (p - beg == 2 && !memcmp(beg, "on", 2)) {
                json_object_set_new(args, key, json_true());
            } else if (p - beg == 3 && !memcmp(beg, "off", 3)) {
                json_object_set_new(args, key, json_false());
            } else {
                monitor_printf(mon, "Expected 'on' or 'off'\n");
                g_free(key);
                goto fail;
            }
            break;
        }
        default:
            monitor_printf(mon, "%s: unknown type '%c'\n", cmd->name, type);
            g_free(key);
            goto fail;
        }
        g_free(key);
    }
    p = skip_spaces(p);
    if (*p) {
        monitor_printf(mon, "%s: extraneous characters at the end of line\n",
                       cmd->name);
        goto fail;
    }
    *pp = p;
    return args;

fail:
    json_decref(args);
    return NULL;
}

/* ---- running ---- */

static void print_to_monitor(void *opaque, const char *text)
{
    monitor_puts(opaque, text);
}

void hmp_handle_error(Monitor *mon, Error *err)
{
    if (!err) {
        return;
    }
    monitor_printf(mon, "Error: %s\n", error_get_pretty(err));
    if (error_get_hint(err)) {
        monitor_puts(mon, error_get_hint(err));
    }
    error_free(err);
}

static void run_handler(Monitor *mon, const HmpCommand *cmd, json_t *args,
                        const char *raw)
{
    ErrorPrintFunc *old_fn;
    void *old_opaque;
    Monitor *old_mon = monitor_set_cur(mon);

    error_set_print_func(print_to_monitor, mon, &old_fn, &old_opaque);
    if (cmd->info) {
        cmd->info(mon, raw);
    } else {
        cmd->cmd(mon, args);
    }
    error_set_print_func(old_fn, old_opaque, NULL, NULL);
    monitor_set_cur(old_mon);
}

/*
 * Find the command the line names, descending into subcommand tables;
 * *pp ends after the (sub)command name and the spaces that follow.
 */
static const HmpCommand *find_command(Monitor *mon, const char *start,
                                      const char **pp)
{
    GPtrArray *table = hmp_cmd_table();

    for (;;) {
        const HmpCommand *cmd;
        char *name = get_command_name(pp);

        if (!name) {
            return NULL;
        }
        cmd = find_in_table(table, name);
        g_free(name);
        if (!cmd) {
            monitor_printf(mon, "unknown command: '%.*s'\n",
                           (int)(*pp - start), start);
            return NULL;
        }
        *pp = skip_spaces(*pp);
        if (!cmd->sub_table || !**pp) {
            return cmd;
        }
        table = cmd->sub_table();
    }
}

void hmp_handle_command(Monitor *mon, const char *cmdline)
{
    const char *p = cmdline;
    const HmpCommand *cmd = find_command(mon, cmdline, &p);
    json_t *args = NULL;
    char *raw = NULL;

    if (!cmd) {
        return;
    }
    if (cmd->info && !cmd->args_type) {
        /* A registered "info" handler takes the text as it is. */
        raw = g_strstrip(g_strdup(p));
        if (*raw && (!cmd->params || !*cmd->params)) {
            monitor_printf(mon, "%s: extraneous characters at the end of "
                           "line\n", cmd->name);
            g_free(raw);
            raw = NULL;
        }
    } else {
        args = parse_arguments(mon, cmd, &p);
    }
    if (!args && !raw) {
        while (p > cmdline && g_ascii_isspace(p[-1])) {
            p--;
        }
        monitor_printf(mon, "Try \"help %.*s\" for more information\n",
                       (int)(p - cmdline), cmdline);
        return;
    }
    run_handler(mon, cmd, args, raw);
    json_decref(args);
    g_free(raw);
}

/* ---- help ---- */

static void help_one(Monitor *mon, const HmpCommand *cmd, char **words,
                     int prefix)
{
    for (int i = 0; i < prefix; i++) {
        monitor_printf(mon, "%s ", words[i]);
    }
    monitor_printf(mon, "%s %s -- %s\n", cmd->name,
                   cmd->params ? cmd->params : "", cmd->help ? cmd->help : "");
}

static void help_table(Monitor *mon, GPtrArray *table, char **words, int n,
                       int index)
{
    const HmpCommand *cmd;

    if (index >= n) {
        for (guint i = 0; i < table->len; i++) {
            help_one(mon, g_ptr_array_index(table, i), words, index);
        }
        return;
    }
    cmd = find_in_table(table, words[index]);
    if (!cmd) {
        monitor_printf(mon, "unknown command: '");
        for (int i = 0; i <= index; i++) {
            monitor_printf(mon, "%s%s", words[i], i == index ? "'\n" : " ");
        }
        return;
    }
    if (cmd->sub_table) {
        help_table(mon, cmd->sub_table(), words, n, index + 1);
    } else {
        help_one(mon, cmd, words, index);
    }
}

void hmp_help(Monitor *mon, const char *name)
{
    char *words[HMP_MAX_ARGS];
    int n = 0;

    if (name) {
        n = split_words(name, words, true);
        if (n < 0) {
            return;
        }
    }
    if (n == 1 && !strcmp(words[0], "log")) {
        /* As QEMU: "help log" lists the log items. */
        GString *usage = g_string_new(NULL);

        qemu_log_usage(usage, true);
        monitor_puts(mon, usage->str);
        g_string_free(usage, true);
        free_words(words, n);
        return;
    }
    help_table(mon, hmp_cmd_table(), words, n, 0);
    free_words(words, n);
}

/* ---- completion ---- */

/* Propose the alternatives of a "cont|c" name that start with prefix. */
static void complete_name(ReadLineState *rs, const char *prefix,
                          const char *name)
{
    char **alts = g_strsplit(name, "|", -1);

    for (int i = 0; alts[i]; i++) {
        if (g_str_has_prefix(alts[i], prefix)) {
            readline_add_completion(rs, alts[i]);
        }
    }
    g_strfreev(alts);
}

static void complete_in_table(ReadLineState *rs, GPtrArray *table,
                              char **words, int n)
{
    const HmpCommand *cmd;

    if (n <= 1) {
        const char *prefix = n ? words[0] : "";

        readline_set_completion_index(rs, strlen(prefix));
        for (guint i = 0; i < table->len; i++) {
            cmd = g_ptr_array_index(table, i);
            complete_name(rs, prefix, cmd->name);
        }
        return;
    }
    cmd = find_in_table(table, words[0]);
    if (!cmd) {
        return;
    }
    if (cmd->sub_table) {
        complete_in_table(rs, cmd->sub_table(), words + 1, n - 1);
    } else if (cmd->complete) {
        cmd->complete(rs, n, words[n - 1]);
    } else if (hmp_compare_cmd("help", cmd->name)) {
        /* help's argument is a command line itself. */
        complete_in_table(rs, table, words + 1, n - 1);
    }
}

void hmp_complete(ReadLineState *rs, const char *text)
{
    char *words[HMP_MAX_ARGS];
    int n = split_words(text, words, false);
    size_t len = strlen(text);

    if (n < 0) {
        return;
    }
    /* After a space the next word is being started. */
    if (len > 0 && g_ascii_isspace(text[len - 1])) {
        if (n >= HMP_MAX_ARGS) {
            free_words(words, n);
            return;
        }
        words[n++] = g_strdup("");
    }
    complete_in_table(rs, hmp_cmd_table(), words, n);
    free_words(words, n);
}
