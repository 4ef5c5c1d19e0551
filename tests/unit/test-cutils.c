/*
 * test-cutils.c: the number, size and boolean parsers of util/cutils.c.
 *
 * Expected results are QEMU 7.2's (checked with "qemu-img create -f raw
 * FILE SIZE" and "qemu-system-x86_64 -m SIZE" on the real binaries).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include "qemu/cutils.h"

static GString *captured;

static void capture_print(void *opaque, const char *text)
{
    g_string_append(opaque, text);
}

/* Collect what warn_report() prints until capture_end(). */
static void capture_begin(void)
{
    captured = g_string_new(NULL);
    error_set_print_func(capture_print, captured, NULL, NULL);
}

static char *capture_end(void)
{
    GString *s = captured;

    error_set_print_func(NULL, NULL, NULL, NULL);
    captured = NULL;
    return g_string_free(s, FALSE);
}

static void assert_err(Error **errp, const char *msg)
{
    g_assert_nonnull(*errp);
    g_assert_cmpstr(error_get_pretty(*errp), ==, msg);
    error_free(*errp);
    *errp = NULL;
}

static void test_bool_spellings(void)
{
    static const char *const yes[] = { "on", "yes", "true", "y" };
    static const char *const no[] = { "off", "no", "false", "n" };
    static const char *const bad[] = { "maybe", "ON", "1", "", "of" };
    Error *err = NULL;
    bool b;

    for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
        b = false;
        g_assert_true(qapi_bool_parse("x", yes[i], &b, &error_abort));
        g_assert_true(b);
        g_assert_true(qapi_bool_parse("x", no[i], &b, &error_abort));
        g_assert_false(b);
    }
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        b = true;
        g_assert_false(qapi_bool_parse("debug-threads", bad[i], &b, &err));
        g_assert_true(b);
        assert_err(&err, "Parameter 'debug-threads' expects 'on' or 'off'");
    }
}

static void test_strtosz_valid(void)
{
    static const struct {
        const char *in;
        uint64_t out;
    } cases[] = {
        { "0", 0 },
        { "4096", 4096 },
        { "1b", 1 },
        { "1B", 1 },
        { "1k", 1024 },
        { "1K", 1024 },
        { "512M", 512 * MiB },
        { "1m", MiB },
        { "2G", 2 * GiB },
        { "1.5G", 3 * GiB / 2 },
        { "1.5k", 1536 },
        { "1.k", 1024 },
        { "1.0b", 1 },
        { "0.1k", 102 },            /* 102.4 */
        { "0.0005k", 1 },           /* 0.512 rounds up */
        { "2T", 2 * TiB },
        { "1P", 1024 * TiB },
        { "15E", UINT64_C(15) << 60 },
        { "1.5E", UINT64_C(3) << 59 },
        { "0X10", 16 },
        { " 1k", 1024 },
        { "+1k", 1024 },
        { "00010k", 10240 },
        { "18446744073709551615", UINT64_MAX },
        { "1.9999999999999999999999k", 1024 },
        /* QEMU adds nothing for a fraction that rounds to 1.0 */
        { "0.99999999999999999999k", 0 },
    };

    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        uint64_t v = 12345;

        g_test_message("%s", cases[i].in);
        g_assert_cmpint(qemu_strtosz(cases[i].in, NULL, &v), ==, 0);
        g_assert_cmpuint(v, ==, cases[i].out);
    }
}

static void test_strtosz_invalid(void)
{
    static const char *const einval[] = {
        "", "foo", "1.5", "1.5b", "-1", " -1", "-0", "1e3", "1.5e3k",
        ".5k", "1..5k", "1.5kk", "1ki", "0x", "0xk", "0x1.5k", "1k ",
        "1 k", "1Z", "k",
    };
    static const char *const erange[] = {
        "16E", "17E", "99999999999999999999",
        "18446744073709551616", "16777216T",
    };

    for (size_t i = 0; i < ARRAY_SIZE(einval); i++) {
        uint64_t v = 777;

        g_test_message("%s", einval[i]);
        g_assert_cmpint(qemu_strtosz(einval[i], NULL, &v), ==, -EINVAL);
        g_assert_cmpuint(v, ==, 777);
    }
    for (size_t i = 0; i < ARRAY_SIZE(erange); i++) {
        uint64_t v = 777;

        g_test_message("%s", erange[i]);
        g_assert_cmpint(qemu_strtosz(erange[i], NULL, &v), ==, -ERANGE);
        g_assert_cmpuint(v, ==, 777);
    }
    /* Overflow followed by junk is a format error. */
    g_assert_cmpint(qemu_strtosz("99999999999999999999x", NULL, &(uint64_t){0}),
                    ==, -EINVAL);
}

static void test_strtosz_end_and_hex(void)
{
    const char *end;
    uint64_t v;
    char *warnings;
    const char *in = "12kfoo";

    g_assert_cmpint(qemu_strtosz(in, &end, &v), ==, 0);
    g_assert_cmpuint(v, ==, 12 * KiB);
    g_assert_true(end == in + 3);

    in = "-5k";
    g_assert_cmpint(qemu_strtosz(in, &end, &v), ==, -EINVAL);
    g_assert_true(end == in);

    /* Hex with a suffix works but warns, as QEMU 7.2 does. */
    capture_begin();
    g_assert_cmpint(qemu_strtosz("0x10k", NULL, &v), ==, 0);
    warnings = capture_end();
    g_assert_cmpuint(v, ==, 16 * KiB);
    g_assert_cmpstr(warnings, ==, "warning: Using a multiplier suffix on hex "
                    "numbers is deprecated: 0x10k\n");
    g_free(warnings);
}

static void test_strtosz_mib(void)
{
    uint64_t v;

    g_assert_cmpint(qemu_strtosz_MiB("256", NULL, &v), ==, 0);
    g_assert_cmpuint(v, ==, 256 * MiB);
    g_assert_cmpint(qemu_strtosz_MiB("1.5", NULL, &v), ==, 0);
    g_assert_cmpuint(v, ==, 3 * MiB / 2);
    g_assert_cmpint(qemu_strtosz_MiB("2G", NULL, &v), ==, 0);
    g_assert_cmpuint(v, ==, 2 * GiB);
    g_assert_cmpint(qemu_strtosz_MiB("100b", NULL, &v), ==, 0);
    g_assert_cmpuint(v, ==, 100);
    g_assert_cmpint(qemu_strtosz_MiB("17592186044416", NULL, &v), ==,
                    -ERANGE);
    g_assert_cmpint(qemu_strtosz_MiB("foo", NULL, &v), ==, -EINVAL);
    g_assert_cmpint(qemu_strtosz_metric("1k", NULL, &v), ==, 0);
    g_assert_cmpuint(v, ==, 1000);
}

static void test_integer_parsers(void)
{
    const char *end;
    uint64_t u;
    int64_t i64;
    unsigned long ul;
    int i;

    g_assert_cmpint(qemu_strtou64("0x10", NULL, 0, &u), ==, 0);
    g_assert_cmpuint(u, ==, 16);
    g_assert_cmpint(qemu_strtou64("010", NULL, 0, &u), ==, 0);
    g_assert_cmpuint(u, ==, 8);
    g_assert_cmpint(qemu_strtou64("0x10", NULL, 16, &u), ==, 0);
    g_assert_cmpuint(u, ==, 16);
    g_assert_cmpint(qemu_strtou64("18446744073709551615", NULL, 10, &u),
                    ==, 0);
    g_assert_cmpuint(u, ==, UINT64_MAX);
    g_assert_cmpint(qemu_strtou64("18446744073709551616", NULL, 10, &u),
                    ==, -ERANGE);
    g_assert_cmpuint(u, ==, UINT64_MAX);
    g_assert_cmpint(qemu_strtou64("-1", NULL, 0, &u), ==, 0);
    g_assert_cmpuint(u, ==, UINT64_MAX);
    g_assert_cmpint(qemu_strtou64("", NULL, 0, &u), ==, -EINVAL);
    g_assert_cmpint(qemu_strtou64("x", NULL, 0, &u), ==, -EINVAL);
    g_assert_cmpint(qemu_strtou64("12x", NULL, 0, &u), ==, -EINVAL);
    g_assert_cmpint(qemu_strtou64("12x", &end, 0, &u), ==, 0);
    g_assert_cmpuint(u, ==, 12);
    g_assert_cmpstr(end, ==, "x");
    g_assert_cmpint(qemu_strtou64(NULL, &end, 0, &u), ==, -EINVAL);
    g_assert_null(end);

    g_assert_cmpint(qemu_strtoi64("-9223372036854775808", NULL, 0, &i64),
                    ==, 0);
    g_assert_cmpint(i64, ==, INT64_MIN);
    g_assert_cmpint(qemu_strtoi64("9223372036854775808", NULL, 0, &i64),
                    ==, -ERANGE);
    g_assert_cmpint(i64, ==, INT64_MAX);
    g_assert_cmpint(qemu_strtoi64("-0x10", NULL, 0, &i64), ==, 0);
    g_assert_cmpint(i64, ==, -16);

    g_assert_cmpint(qemu_strtoi("2147483647", NULL, 10, &i), ==, 0);
    g_assert_cmpint(i, ==, INT_MAX);
    g_assert_cmpint(qemu_strtoi("2147483648", NULL, 10, &i), ==, -ERANGE);
    g_assert_cmpint(i, ==, INT_MAX);
    g_assert_cmpint(qemu_strtoi("-2147483649", NULL, 10, &i), ==, -ERANGE);
    g_assert_cmpint(i, ==, INT_MIN);
    g_assert_cmpint(qemu_strtoi(" 7 ", NULL, 10, &i), ==, -EINVAL);

    g_assert_cmpint(qemu_strtoul("0xff", NULL, 16, &ul), ==, 0);
    g_assert_cmpuint(ul, ==, 255);
    g_assert_cmpint(qemu_strtoul("99999999999999999999", NULL, 0, &ul), ==,
                    -ERANGE);
    g_assert_cmpuint(ul, ==, ULONG_MAX);
}

static void test_id_wellformed(void)
{
    g_assert_true(id_wellformed("a"));
    g_assert_true(id_wellformed("net0"));
    g_assert_true(id_wellformed("x-1.y_2"));
    g_assert_false(id_wellformed(""));
    g_assert_false(id_wellformed("1a"));
    g_assert_false(id_wellformed("-a"));
    g_assert_false(id_wellformed("a,b"));
    g_assert_false(id_wellformed("a b"));
    g_assert_false(id_wellformed(NULL));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    g_test_add_func("/cutils/bool/spellings", test_bool_spellings);
    g_test_add_func("/cutils/size/valid", test_strtosz_valid);
    g_test_add_func("/cutils/size/invalid", test_strtosz_invalid);
    g_test_add_func("/cutils/size/end-and-hex", test_strtosz_end_and_hex);
    g_test_add_func("/cutils/size/mib-default", test_strtosz_mib);
    g_test_add_func("/cutils/integers", test_integer_parsers);
    g_test_add_func("/cutils/id-wellformed", test_id_wellformed);
    return g_test_run();
}
