/*
 * log.c: the debug log (see include/qemu/log.h).
 *
 * One recursive mutex serialises writers, so a vCPU's multi-line dump is
 * not cut by another vCPU's.  The output is stderr until a file is set;
 * with the "tid" item each thread opens its own file on first write.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include <sys/syscall.h>

int qemu_loglevel;

static GRecMutex log_lock;
static FILE *log_file;          /* NULL: stderr (or per thread) */
static char *log_name;          /* template as given, NULL for stderr */
static __thread FILE *thread_file;
static __thread unsigned thread_file_gen;
static unsigned file_gen = 1;   /* bumped when the name changes */

typedef struct LogItem {
    int mask;
    const char *name;
    const char *help;
} LogItem;

/* The reference's list, in its order and words. */
static const LogItem log_items[] = {
    { CPU_LOG_TB_OUT_ASM, "out_asm",
      "show generated host assembly code for each compiled TB" },
    { CPU_LOG_TB_IN_ASM, "in_asm",
      "show target assembly code for each compiled TB" },
    { CPU_LOG_TB_OP, "op", "show micro ops for each compiled TB" },
    { CPU_LOG_TB_OP_OPT, "op_opt", "show micro ops after optimization" },
    { CPU_LOG_TB_OP_IND, "op_ind",
      "show micro ops before indirect lowering" },
    { CPU_LOG_INT, "int", "show interrupts/exceptions in short format" },
    { CPU_LOG_EXEC, "exec",
      "show trace before each executed TB (lots of logs)" },
    { CPU_LOG_TB_CPU, "cpu",
      "show CPU registers before entering a TB (lots of logs)" },
    { CPU_LOG_TB_FPU, "fpu", "include FPU registers in the 'cpu' logging" },
    { CPU_LOG_MMU, "mmu", "log MMU-related activities" },
    { CPU_LOG_PCALL, "pcall",
      "x86 only: show protected mode far calls/returns/exceptions" },
    { CPU_LOG_RESET, "cpu_reset", "show CPU state before CPU resets" },
    { LOG_UNIMP, "unimp", "log unimplemented functionality" },
    { LOG_GUEST_ERROR, "guest_errors",
      "log when the guest OS does something invalid (eg accessing a\n"
      "non-existent register)" },
    { CPU_LOG_PAGE, "page",
      "dump pages at beginning of user mode emulation" },
    { CPU_LOG_TB_NOCHAIN, "nochain",
      "do not chain compiled TBs so that \"exec\" and \"cpu\" show\n"
      "complete traces" },
    { CPU_LOG_PLUGIN, "plugin", "output from TCG plugins" },
    { 0, NULL, NULL },  /* the reference prints a blank line here */
    { LOG_STRACE, "strace",
      "log every user-mode syscall, its input, and its result" },
    { LOG_PER_THREAD, "tid",
      "open a separate log file per thread; filename must contain '%d'" },
};

/* ---- output ---- */

void qemu_log_lock(void)
{
    g_rec_mutex_lock(&log_lock);
}

void qemu_log_unlock(void)
{
    g_rec_mutex_unlock(&log_lock);
}

/* The name with its %d replaced by id (the template was checked). */
static char *expand_name(const char *tmpl, long id)
{
    const char *pct = strstr(tmpl, "%d");

    if (!pct) {
        return g_strdup(tmpl);
    }
    return g_strdup_printf("%.*s%ld%s", (int)(pct - tmpl), tmpl, id,
                           pct + 2);
}

/* Called with the lock held. */
static FILE *current_file(void)
{
    if (!log_name) {
        return stderr;
    }
    if (!(qemu_loglevel & LOG_PER_THREAD)) {
        return log_file ? log_file : stderr;
    }
    if (!thread_file || thread_file_gen != file_gen) {
        char *name = expand_name(log_name, (long)syscall(SYS_gettid));

        if (thread_file) {
            fclose(thread_file);
        }
        thread_file = fopen(name, "w");
        thread_file_gen = file_gen;
        g_free(name);
    }
    return thread_file ? thread_file : stderr;
}

void qemu_log_vprintf(const char *fmt, va_list ap)
{
    FILE *f;

    qemu_log_lock();
    f = current_file();
    vfprintf(f, fmt, ap);
    fflush(f);
    qemu_log_unlock();
}

void qemu_log(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    qemu_log_vprintf(fmt, ap);
    va_end(ap);
}

/* ---- items ---- */

bool qemu_log_items_have_trace(const char *str)
{
    char **items = g_strsplit(str, ",", -1);
    bool found = false;

    for (int i = 0; items[i]; i++) {
        found |= g_str_has_prefix(items[i], "trace:");
    }
    g_strfreev(items);
    return found;
}

int qemu_str_to_log_mask_full(const char *str, bool allow_none, bool *ok)
{
    char **items = g_strsplit(str, ",", -1);
    int mask = 0;
    bool good = items[0] != NULL;

    for (int i = 0; good && items[i]; i++) {
        const char *item = items[i];
        bool known = false;

        if (g_str_has_prefix(item, "trace:")) {
            continue;
        }
        if (!strcmp(item, "all")) {
            for (size_t j = 0; j < ARRAY_SIZE(log_items); j++) {
                mask |= log_items[j].mask;
            }
            continue;
        }
        if (allow_none && !strcmp(item, "none")) {
            continue;
        }
        for (size_t j = 0; j < ARRAY_SIZE(log_items); j++) {
            if (log_items[j].name && !strcmp(item, log_items[j].name)) {
                mask |= log_items[j].mask;
                known = true;
            }
        }
        good = known;
    }
    g_strfreev(items);
    if (ok) {
        *ok = good;
    }
    return good ? mask : 0;
}

int qemu_str_to_log_mask(const char *str)
{
    return qemu_str_to_log_mask_full(str, false, NULL);
}

void qemu_log_usage(GString *out, bool hmp)
{
    g_string_append(out, "Log items (comma separated):\n");
    if (hmp) {
        g_string_append_printf(out, "%-15s %s\n", "none", "remove all logs");
    }
    for (size_t i = 0; i < ARRAY_SIZE(log_items); i++) {
        if (!log_items[i].name) {
            g_string_append(out, "\n");
            continue;
        }
        g_string_append_printf(out, "%-15s %s\n", log_items[i].name,
                               log_items[i].help);
    }
    g_string_append_printf(out, "%-15s %s\n", "trace:PATTERN",
                           "enable trace events");
    g_string_append_printf(out, "\nUse \"%s trace:help\" to get a list of "
                           "trace events.\n\n", hmp ? "log" : "-d");
}

/* ---- configuration ---- */

/* A template may hold one "%d" and no other '%'. */
static bool check_template(const char *name, int mask, Error **errp)
{
    const char *pct = strchr(name, '%');

    if (pct && (pct[1] != 'd' || strchr(pct + 1, '%'))) {
        error_setg(errp, "Bad logfile template: %s", name);
        return false;
    }
    if ((mask & LOG_PER_THREAD) && !pct) {
        error_setg(errp, "Filename template with '%%d' required for 'tid'");
        return false;
    }
    return true;
}

bool qemu_set_log_filename_flags(const char *filename, int mask,
                                 Error **errp)
{
    FILE *f = NULL;
    char *name = NULL;

    if (filename && !*filename) {
        filename = NULL;
    }
    if (filename && !check_template(filename, mask, errp)) {
        return false;
    }
    if (!filename && (mask & LOG_PER_THREAD)) {
        error_setg(errp, "Filename template with '%%d' required for 'tid'");
        return false;
    }
    if (filename && !(mask & LOG_PER_THREAD)) {
        name = expand_name(filename, (long)getpid());
        f = fopen(name, "w");
        if (!f) {
            error_setg_errno(errp, errno, "Error opening logfile %s", name);
            g_free(name);
            return false;
        }
        g_free(name);
    }

    qemu_log_lock();
    if (log_file && (!filename || g_strcmp0(filename, log_name) ||
                     f != NULL)) {
        fclose(log_file);
        log_file = NULL;
    }
    if (f) {
        log_file = f;
    }
    if (g_strcmp0(filename, log_name)) {
        g_free(log_name);
        log_name = g_strdup(filename);
        file_gen++;
    }
    qemu_loglevel = mask;
    qemu_log_unlock();
    return true;
}

bool qemu_set_log(int mask, Error **errp)
{
    bool ok;

    qemu_log_lock();
    if (log_name && !check_template(log_name, mask, errp)) {
        qemu_log_unlock();
        return false;
    }
    if (!log_name && (mask & LOG_PER_THREAD)) {
        qemu_log_unlock();
        error_setg(errp, "Filename template with '%%d' required for 'tid'");
        return false;
    }
    if (log_name && !log_file && !(mask & LOG_PER_THREAD)) {
        /* Leaving per-thread files: reopen the shared one. */
        char *name = g_strdup(log_name);

        ok = qemu_set_log_filename_flags(name, mask, errp);
        g_free(name);
        qemu_log_unlock();
        return ok;
    }
    qemu_loglevel = mask;
    qemu_log_unlock();
    return true;
}

bool qemu_set_log_filename(const char *filename, Error **errp)
{
    return qemu_set_log_filename_flags(filename, qemu_loglevel, errp);
}

void qemu_log_close(void)
{
    qemu_log_lock();
    if (log_file) {
        fclose(log_file);
        log_file = NULL;
    }
    g_free(log_name);
    log_name = NULL;
    file_gen++;
    qemu_loglevel = 0;
    qemu_log_unlock();
}

/* ---- -dfilter ---- */

typedef struct AddrRange {
    uint64_t first, last;
} AddrRange;

static GArray *dfilter;     /* AddrRange; NULL: no filter */

/* A whole number (C syntax: 0x, 0 octal, decimal) of len characters. */
static bool parse_u64(const char *s, size_t len, uint64_t *v)
{
    char *copy, *end;
    bool ok;

    if (!len || !g_ascii_isdigit(*s)) {
        return false;
    }
    copy = g_strndup(s, len);
    errno = 0;
    *v = g_ascii_strtoull(copy, &end, 0);
    ok = !errno && *end == '\0';
    g_free(copy);
    return ok;
}

static bool parse_range(const char *item, AddrRange *r, Error **errp)
{
    const char *op = NULL;
    size_t oplen = 1;
    uint64_t a, b;

    for (const char *p = item; *p && !op; p++) {
        if (*p == '+' || *p == '-') {
            op = p;
        } else if (p[0] == '.' && p[1] == '.') {
            op = p;
            oplen = 2;
        }
    }
    if (!op) {
        error_setg(errp, "Bad range specifier");
        return false;
    }
    if (!parse_u64(item, op - item, &a)) {
        error_setg(errp, "Invalid number to the left of %.*s",
                   (int)oplen, op);
        return false;
    }
    if (!parse_u64(op + oplen, strlen(op + oplen), &b)) {
        error_setg(errp, "Invalid number to the right of %.*s",
                   (int)oplen, op);
        return false;
    }
    switch (*op) {
    case '+':
        if (b == 0 || a + (b - 1) < a) {
            goto invalid;
        }
        r->first = a;
        r->last = a + (b - 1);
        break;
    case '-':
        if (b == 0 || b - 1 > a) {
            goto invalid;
        }
        r->first = a - (b - 1);
        r->last = a;
        break;
    default:
        if (b < a) {
            goto invalid;
        }
        r->first = a;
        r->last = b;
        break;
    }
    return true;

invalid:
    error_setg(errp, "Invalid range");
    return false;
}

bool qemu_set_dfilter_ranges(const char *str, Error **errp)
{
    char **items = g_strsplit(str, ",", -1);
    GArray *ranges = g_array_new(false, false, sizeof(AddrRange));

    for (int i = 0; items[i]; i++) {
        AddrRange r;

        if (!parse_range(items[i], &r, errp)) {
            g_strfreev(items);
            g_array_free(ranges, true);
            return false;
        }
        g_array_append_val(ranges, r);
    }
    g_strfreev(items);
    qemu_log_lock();
    if (dfilter) {
        g_array_free(dfilter, true);
    }
    dfilter = ranges;
    qemu_log_unlock();
    return true;
}

bool qemu_log_in_addr_range(uint64_t addr)
{
    if (!dfilter || !dfilter->len) {
        return true;
    }
    for (guint i = 0; i < dfilter->len; i++) {
        AddrRange *r = &g_array_index(dfilter, AddrRange, i);

        if (addr >= r->first && addr <= r->last) {
            return true;
        }
    }
    return false;
}

int qemu_dfilter_count(void)
{
    return dfilter ? (int)dfilter->len : 0;
}

void qemu_dfilter_range(int i, uint64_t *first, uint64_t *last)
{
    AddrRange *r = &g_array_index(dfilter, AddrRange, i);

    *first = r->first;
    *last = r->last;
}
