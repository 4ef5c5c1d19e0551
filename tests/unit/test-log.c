/*
 * test-log.c: the debug log (include/qemu/log.h): -d item lists, the item
 * help, -dfilter ranges and their errors, the log file with its %d
 * template, and what qemu_log_mask() writes.
 *
 * Expected texts are QEMU 7.2's (qemu-system-x86_64 -d help, -dfilter
 * with bad ranges, -D with bad templates, run on the reference).
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include <sys/syscall.h>

static void test_mask_items(void)
{
    g_assert_cmpint(qemu_str_to_log_mask("int"), ==, CPU_LOG_INT);
    g_assert_cmpint(qemu_str_to_log_mask("int,cpu_reset,guest_errors,unimp"),
                    ==, CPU_LOG_INT | CPU_LOG_RESET | LOG_GUEST_ERROR |
                    LOG_UNIMP);
    g_assert_cmpint(qemu_str_to_log_mask("in_asm,exec,cpu,fpu,mmu,nochain"),
                    ==, CPU_LOG_TB_IN_ASM | CPU_LOG_EXEC | CPU_LOG_TB_CPU |
                    CPU_LOG_TB_FPU | CPU_LOG_MMU | CPU_LOG_TB_NOCHAIN);
    /* The code generator's items are accepted (they log nothing here). */
    g_assert_cmpint(qemu_str_to_log_mask("out_asm,op,op_opt,op_ind"), ==,
                    CPU_LOG_TB_OUT_ASM | CPU_LOG_TB_OP | CPU_LOG_TB_OP_OPT |
                    CPU_LOG_TB_OP_IND);
    g_assert_true(qemu_str_to_log_mask("all") & LOG_PER_THREAD);
    g_assert_true(qemu_str_to_log_mask("all") & CPU_LOG_INT);
}

static void test_mask_errors(void)
{
    bool ok = true;

    /* Unknown, empty item, "none" outside HMP, "help": all invalid. */
    g_assert_cmpint(qemu_str_to_log_mask("foo"), ==, 0);
    g_assert_cmpint(qemu_str_to_log_mask("int,foo"), ==, 0);
    g_assert_cmpint(qemu_str_to_log_mask("int,,cpu"), ==, 0);
    g_assert_cmpint(qemu_str_to_log_mask(""), ==, 0);
    g_assert_cmpint(qemu_str_to_log_mask("none"), ==, 0);
    g_assert_cmpint(qemu_str_to_log_mask("help"), ==, 0);
    g_assert_cmpint(qemu_str_to_log_mask_full("none", true, &ok), ==, 0);
    g_assert_true(ok);
    g_assert_cmpint(qemu_str_to_log_mask_full("nonsense", true, &ok), ==, 0);
    g_assert_false(ok);
    g_assert_true(qemu_log_items_have_trace("int,trace:foo*"));
    g_assert_false(qemu_log_items_have_trace("int,cpu"));
}

static void test_usage(void)
{
    GString *cli = g_string_new(NULL), *hmp = g_string_new(NULL);

    qemu_log_usage(cli, false);
    qemu_log_usage(hmp, true);
    g_assert_true(g_str_has_prefix(cli->str, "Log items (comma separated):\n"
        "out_asm         show generated host assembly code for each "
        "compiled TB\n"));
    g_assert_nonnull(strstr(cli->str, "guest_errors    log when the guest OS "
        "does something invalid (eg accessing a\nnon-existent register)\n"));
    g_assert_nonnull(strstr(cli->str, "plugin          output from TCG "
                            "plugins\n\nstrace "));
    g_assert_true(g_str_has_suffix(cli->str, "trace:PATTERN   enable trace "
        "events\n\nUse \"-d trace:help\" to get a list of trace "
        "events.\n\n"));
    g_assert_null(strstr(cli->str, "none "));
    g_assert_true(g_str_has_prefix(hmp->str, "Log items (comma separated):\n"
                                   "none            remove all logs\n"));
    g_assert_true(g_str_has_suffix(hmp->str, "Use \"log trace:help\" to get "
                                   "a list of trace events.\n\n"));
    g_string_free(cli, true);
    g_string_free(hmp, true);
}

static void check_dfilter_error(const char *str, const char *msg)
{
    Error *err = NULL;

    g_assert_false(qemu_set_dfilter_ranges(str, &err));
    g_assert_nonnull(err);
    g_assert_cmpstr(error_get_pretty(err), ==, msg);
    error_free(err);
}

static void test_dfilter(void)
{
    uint64_t first, last;

    g_assert_true(qemu_set_dfilter_ranges("0x1000+0x10,0x3000..0x3fff,"
                                          "0x8000-0x100", &error_abort));
    g_assert_cmpint(qemu_dfilter_count(), ==, 3);
    qemu_dfilter_range(0, &first, &last);
    g_assert_cmphex(first, ==, 0x1000);
    g_assert_cmphex(last, ==, 0x100f);
    qemu_dfilter_range(2, &first, &last);
    g_assert_cmphex(first, ==, 0x7f01);
    g_assert_cmphex(last, ==, 0x8000);
    g_assert_true(qemu_log_in_addr_range(0x1000));
    g_assert_true(qemu_log_in_addr_range(0x100f));
    g_assert_false(qemu_log_in_addr_range(0x1010));
    g_assert_true(qemu_log_in_addr_range(0x3fff));
    g_assert_false(qemu_log_in_addr_range(0x4000));
    g_assert_false(qemu_log_in_addr_range(0x7f00));
    g_assert_true(qemu_log_in_addr_range(0x7f01));
    g_assert_true(qemu_set_dfilter_ranges("10+5,0x10..0x10", &error_abort));
    g_assert_cmpint(qemu_dfilter_count(), ==, 2);

    check_dfilter_error("0x1000", "Bad range specifier");
    check_dfilter_error("0x1000+0x10,", "Bad range specifier");
    check_dfilter_error("0x1000+", "Invalid number to the right of +");
    check_dfilter_error("x+1", "Invalid number to the left of +");
    check_dfilter_error("1..z", "Invalid number to the right of ..");
    check_dfilter_error("0x1000+0", "Invalid range");
    check_dfilter_error("0x2000..0x1000", "Invalid range");
    check_dfilter_error("0x1000-0x2000", "Invalid range");
    check_dfilter_error("0xffffffffffffffff+2", "Invalid range");
    /* A failed call keeps the previous ranges. */
    g_assert_cmpint(qemu_dfilter_count(), ==, 2);
    /* No ranges: every address passes. */
    g_assert_true(qemu_set_dfilter_ranges("", &error_abort));
    g_assert_true(qemu_log_in_addr_range(0xdeadbeef));
}

static char *read_all(const char *path)
{
    char *text = NULL;

    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    return text;
}

static void test_logfile(void)
{
    char *dir = g_dir_make_tmp("test-log-XXXXXX", NULL);
    char *tmpl = g_build_filename(dir, "log-%d.txt", NULL);
    char *name = g_strdup_printf("%s/log-%d.txt", dir, (int)getpid());
    char *other = g_build_filename(dir, "other.txt", NULL);
    char *bad = g_build_filename(dir, "nodir", "x", NULL);
    Error *err = NULL;
    char *text;

    g_assert_true(qemu_set_log_filename_flags(tmpl, CPU_LOG_INT,
                                              &error_abort));
    /* The file exists as soon as it is named. */
    g_assert_true(g_file_test(name, G_FILE_TEST_EXISTS));
    qemu_log_mask(CPU_LOG_INT, "int %d\n", 1);
    qemu_log_mask(LOG_GUEST_ERROR, "not logged\n");
    g_assert_true(qemu_set_log(CPU_LOG_INT | LOG_GUEST_ERROR, &error_abort));
    qemu_log_mask(LOG_GUEST_ERROR, "guest %s\n", "error");
    text = read_all(name);
    g_assert_cmpstr(text, ==, "int 1\nguest error\n");
    g_free(text);

    /* Errors keep the old file and mask. */
    g_assert_false(qemu_set_log_filename(bad, &err));
    g_assert_true(g_str_has_prefix(error_get_pretty(err),
                                   "Error opening logfile "));
    g_assert_nonnull(strstr(error_get_pretty(err),
                            ": No such file or directory"));
    g_clear_pointer(&err, error_free);
    g_assert_false(qemu_set_log_filename("/tmp/a%s%d", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Bad logfile template: /tmp/a%s%d");
    g_clear_pointer(&err, error_free);
    g_assert_false(qemu_set_log_filename_flags(other, LOG_PER_THREAD, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Filename template with '%d' required for 'tid'");
    g_clear_pointer(&err, error_free);
    g_assert_true(qemu_loglevel_mask(LOG_GUEST_ERROR));
    qemu_log("more\n");
    text = read_all(name);
    g_assert_cmpstr(text, ==, "int 1\nguest error\nmore\n");
    g_free(text);

    /* logfile: switch to another file. */
    g_assert_true(qemu_set_log_filename(other, &error_abort));
    qemu_log_lock();
    qemu_log("a\n");
    qemu_log("b\n");
    qemu_log_unlock();
    text = read_all(other);
    g_assert_cmpstr(text, ==, "a\nb\n");
    g_free(text);

    qemu_log_close();
    g_assert_false(qemu_loglevel_mask(CPU_LOG_INT));
    unlink(name);
    unlink(other);
    rmdir(dir);
    g_free(dir);
    g_free(tmpl);
    g_free(name);
    g_free(other);
    g_free(bad);
}

/* tid: each writing thread gets its own file, %d its thread id. */
static gpointer thread_writer(gpointer data)
{
    qemu_log("from thread\n");
    return GINT_TO_POINTER((int)syscall(SYS_gettid));
}

static void test_per_thread(void)
{
    char *dir = g_dir_make_tmp("test-log-XXXXXX", NULL);
    char *tmpl = g_build_filename(dir, "t%d.log", NULL);
    GThread *t;
    int tid;
    char *name, *text;

    g_assert_true(qemu_set_log_filename_flags(tmpl, LOG_PER_THREAD |
                                              CPU_LOG_INT, &error_abort));
    t = g_thread_new("writer", thread_writer, NULL);
    tid = GPOINTER_TO_INT(g_thread_join(t));
    name = g_strdup_printf("%s/t%d.log", dir, tid);
    text = read_all(name);
    g_assert_cmpstr(text, ==, "from thread\n");
    g_free(text);
    qemu_log_close();
    unlink(name);
    g_free(name);
    name = g_strdup_printf("%s/t%d.log", dir, (int)syscall(SYS_gettid));
    unlink(name);
    rmdir(dir);
    g_free(name);
    g_free(dir);
    g_free(tmpl);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/log/mask/items", test_mask_items);
    g_test_add_func("/log/mask/errors", test_mask_errors);
    g_test_add_func("/log/usage", test_usage);
    g_test_add_func("/log/dfilter", test_dfilter);
    g_test_add_func("/log/logfile", test_logfile);
    g_test_add_func("/log/per-thread", test_per_thread);
    return g_test_run();
}
