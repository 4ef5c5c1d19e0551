/*
 * log.h: the debug log (-d ITEMS, -D FILE, -dfilter RANGES; HMP "log"
 * and "logfile").
 *
 * The log is a set of item bits (the mask) and one output: stderr, or the
 * file named by -D / logfile.  A "%d" in the file name is replaced by the
 * process id, or with the "tid" item by the id of each writing thread
 * (one file per thread).  Code asks qemu_loglevel_mask(BIT) before doing
 * work for an item and writes with qemu_log() / qemu_log_mask().
 *
 * Every call to qemu_log() is atomic with respect to other threads; a
 * multi-line block (an interrupt line and the register dump after it) is
 * kept together by bracketing it with qemu_log_lock() / qemu_log_unlock()
 * (recursive: qemu_log() inside the bracket is fine).
 *
 * The item names and help texts are the reference's, including those of
 * its code generator (out_asm, op, op_opt, op_ind, plugin) and of user-mode
 * emulation (page, strace): they are accepted and set their bit, but this
 * emulator has no generated code or user mode, so nothing writes them.
 * "trace:PATTERN" belongs to the tracing subsystem, which does not exist
 * yet: callers refuse it (qemu_log_items_have_trace()).
 *
 * -dfilter keeps a list of guest address ranges; qemu_log_in_addr_range()
 * says whether an address is in one of them (all addresses when no filter
 * is set), for the in_asm / exec items.
 */
#ifndef QEMU_LOG_H
#define QEMU_LOG_H

#include "qapi/error.h"

/* The item bits (values as the reference's, for documentation only). */
#define CPU_LOG_TB_OUT_ASM  (1 << 0)    /* out_asm: no generated code */
#define CPU_LOG_TB_IN_ASM   (1 << 1)    /* in_asm */
#define CPU_LOG_TB_OP       (1 << 2)    /* op: no micro ops */
#define CPU_LOG_TB_OP_OPT   (1 << 3)    /* op_opt: no micro ops */
#define CPU_LOG_INT         (1 << 4)    /* int: interrupts and exceptions */
#define CPU_LOG_EXEC        (1 << 5)    /* exec */
#define CPU_LOG_PCALL       (1 << 6)    /* pcall */
#define CPU_LOG_TB_CPU      (1 << 8)    /* cpu */
#define CPU_LOG_RESET       (1 << 9)    /* cpu_reset: state before reset */
#define LOG_UNIMP           (1 << 10)   /* unimp */
#define LOG_GUEST_ERROR     (1 << 11)   /* guest_errors */
#define CPU_LOG_MMU         (1 << 12)   /* mmu */
#define CPU_LOG_TB_NOCHAIN  (1 << 13)   /* nochain */
#define CPU_LOG_PAGE        (1 << 14)   /* page: user mode only */
#define LOG_TRACE           (1 << 15)   /* (tracing; never set here) */
#define CPU_LOG_TB_OP_IND   (1 << 16)   /* op_ind: no micro ops */
#define CPU_LOG_TB_FPU      (1 << 17)   /* fpu: FPU state in "cpu" dumps */
#define CPU_LOG_PLUGIN      (1 << 18)   /* plugin: no plugins */
#define LOG_STRACE          (1 << 19)   /* strace: user mode only */
#define LOG_PER_THREAD      (1 << 20)   /* tid: one file per thread */

/* The current mask (read it through qemu_loglevel_mask()). */
extern int qemu_loglevel;

/* Whether any of the bits of mask is being logged. */
static inline bool qemu_loglevel_mask(int mask)
{
    return (qemu_loglevel & mask) != 0;
}

/* Write to the log (whatever the mask says). */
void qemu_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void qemu_log_vprintf(const char *fmt, va_list ap)
    __attribute__((format(printf, 1, 0)));

/* Write to the log if item bits mask are being logged. */
#define qemu_log_mask(mask, ...)                \
    do {                                        \
        if (qemu_loglevel_mask(mask)) {         \
            qemu_log(__VA_ARGS__);              \
        }                                       \
    } while (0)

/* Keep several qemu_log() calls of this thread together (recursive). */
void qemu_log_lock(void);
void qemu_log_unlock(void);

/*
 * The mask named by str ("int,cpu_reset", "all"), 0 if str names an
 * unknown item, has an empty item or names nothing.  "trace:..." items
 * are skipped (see qemu_log_items_have_trace()).  With allow_none,
 * "none" is accepted and gives no bits (the HMP log command; the result
 * is then 0 for "none" too: check *ok).
 */
int qemu_str_to_log_mask_full(const char *str, bool allow_none, bool *ok);
/* The command-line form: 0 for anything invalid. */
int qemu_str_to_log_mask(const char *str);
/* Whether str has a "trace:PATTERN" item. */
bool qemu_log_items_have_trace(const char *str);

/*
 * The item list as the reference prints it for an invalid -d (hmp false)
 * or an invalid HMP "log" argument (hmp true: with "none", and "log"
 * instead of "-d" in the last line).
 */
void qemu_log_usage(GString *out, bool hmp);

/*
 * Set the log file (NULL or "": stderr) and the mask together, as -D/-d
 * at start-up and the HMP commands do: checks the %d template ("Bad
 * logfile template: NAME"; "Filename template with '%d' required for
 * 'tid'"), opens the file when a name is set ("Error opening logfile
 * NAME: REASON") and only then switches.  Returns false with errp set,
 * the old settings kept.
 */
bool qemu_set_log_filename_flags(const char *filename, int mask,
                                 Error **errp);
/* Change only the mask / only the file (HMP log / logfile). */
bool qemu_set_log(int mask, Error **errp);
bool qemu_set_log_filename(const char *filename, Error **errp);
/* Close the file (at exit, and for tests); the mask becomes 0. */
void qemu_log_close(void);

/*
 * -dfilter: replace the ranges by those of str, a comma-separated list of
 * START+SIZE, START..END (inclusive) or END-SIZE items (numbers in C
 * syntax).  Errors as the reference's: "Bad range specifier", "Invalid
 * number to the left of +", "Invalid number to the right of ..",
 * "Invalid range".  The ranges are unchanged on error.
 */
bool qemu_set_dfilter_ranges(const char *str, Error **errp);
/* Whether addr passes the -dfilter (true when no filter is set). */
bool qemu_log_in_addr_range(uint64_t addr);
/* The number of -dfilter ranges (0: no filter), and range i. */
int qemu_dfilter_count(void);
void qemu_dfilter_range(int i, uint64_t *first, uint64_t *last);

#endif
