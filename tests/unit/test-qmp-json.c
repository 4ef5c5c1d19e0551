/*
 * test-qmp-json.c: QMP's JSON layer: the stream splitter (values split
 * over or batched in chunks, QEMU's parse error texts, resynchronisation,
 * size/nesting/token limits, single quotes, schema comments) and the
 * printer (QEMU's spacing, escapes, reals, pretty form).
 */
#include "qemu/osdep.h"
#include "qapi/qmp-json.h"

static json_t *parse(const char *text)
{
    json_error_t jerr;
    json_t *v = json_loads(text, JSON_DECODE_ANY, &jerr);

    if (!v) {
        g_error("bad test JSON %s: %s", text, jerr.text);
    }
    return v;
}

static char *compact(json_t *v)
{
    return qmp_json_to_string(v, false);
}

typedef struct Collected {
    GPtrArray *items;       /* compact text of each value, or "ERR: desc" */
} Collected;

static void collect(void *opaque, json_t *value, Error *err)
{
    Collected *c = opaque;

    if (err) {
        g_ptr_array_add(c->items, g_strdup_printf("ERR: %s",
                                                  error_get_pretty(err)));
        error_free(err);
    } else {
        g_ptr_array_add(c->items, compact(value));
        json_decref(value);
    }
}

/* Feed `in` in chunks of `chunk` bytes; return the joined results. */
static char *stream_run(const char *in, size_t len, size_t chunk)
{
    Collected c = { g_ptr_array_new_with_free_func(g_free) };
    JsonStream *s = json_stream_new(collect, &c, false);
    GString *out = g_string_new(NULL);

    for (size_t off = 0; off < len; off += chunk) {
        json_stream_feed(s, in + off, MIN(chunk, len - off));
    }
    json_stream_free(s);
    for (guint i = 0; i < c.items->len; i++) {
        g_string_append_printf(out, "%s%s", i ? " | " : "",
                               (char *)g_ptr_array_index(c.items, i));
    }
    g_ptr_array_unref(c.items);
    return g_string_free(out, FALSE);
}

static void assert_stream(const char *in, const char *expected)
{
    g_autofree char *got = stream_run(in, strlen(in), strlen(in) + 1);

    g_assert_cmpstr(got, ==, expected);
}

static void test_stream_any_chunking(void)
{
    const char *in = "{\"execute\": \"a\", \"arguments\": {\"s\": \"}{\\\"\"}}"
                     "{\"execute\":\"b\"}\r\n  [1, [2]]\n";
    const char *expected = "{\"execute\": \"a\", \"arguments\": "
                           "{\"s\": \"}{\\\"\"}} | {\"execute\": \"b\"} | "
                           "[1, [2]]";

    for (size_t chunk = 1; chunk <= strlen(in); chunk++) {
        g_autofree char *got = stream_run(in, strlen(in), chunk);
        g_assert_cmpstr(got, ==, expected);
    }
}

static void test_stream_errors_resynchronise(void)
{
    assert_stream("garbage\n{\"a\": 1}",
                  "ERR: JSON parse error, invalid keyword 'garbage' | "
                  "{\"a\": 1}");
    assert_stream("garbage {\"a\": 1}",
                  "ERR: JSON parse error, invalid keyword 'garbage' | "
                  "{\"a\": 1}");
    assert_stream("}\n{\"a\": 1}",
                  "ERR: JSON parse error, expecting value | {\"a\": 1}");
    assert_stream("{\"a\": 1,}\n{\"b\": 2}",
                  "ERR: JSON parse error, expecting value | {\"b\": 2}");
    assert_stream("{\"a\" 1}", "ERR: JSON parse error, missing : in object "
                  "pair");
    assert_stream("{\"a\": 1 \"b\": 2}",
                  "ERR: JSON parse error, expected separator in dict");
    assert_stream("[1 2]", "ERR: JSON parse error, expected separator in "
                  "list");
    assert_stream("{\"a\": tru}", "ERR: JSON parse error, invalid keyword "
                  "'tru'");
    assert_stream("{\"a\": 1, \"a\": 2}",
                  "ERR: JSON parse error, duplicate key");
    assert_stream("{\"a\": \"x\ty\"}\n{\"b\": 1}",
                  "ERR: JSON parse error, stray '\"x\t' | {\"b\": 1}");
    assert_stream("\x01{\"a\": 1}",
                  "ERR: JSON parse error, stray '\x01' | {\"a\": 1}");
    /* Scalars parse (the dispatcher then rejects non-objects). */
    assert_stream("1 \"s\" true\n", "1 | \"s\" | true");
    /* QEMU's single-quoted strings. */
    assert_stream("{'execute': 'it\\'s \"q\"'}",
                  "{\"execute\": \"it's \\\"q\\\"\"}");
}

static void test_stream_limits(void)
{
    GString *in = g_string_new(NULL);
    g_autofree char *got = NULL;

    for (int i = 0; i < JSON_MAX_NESTING + 1; i++) {
        g_string_append_c(in, '[');
    }
    for (int i = 0; i < JSON_MAX_NESTING + 1; i++) {
        g_string_append_c(in, ']');
    }
    g_string_append(in, "{\"ok\": 1}");
    got = stream_run(in->str, in->len, 4096);
    g_assert_cmpstr(got, ==, "ERR: JSON nesting depth limit exceeded | "
                    "{\"ok\": 1}");
    g_clear_pointer(&got, g_free);

    /* A value just under the nesting limit is fine. */
    g_string_truncate(in, 0);
    for (int i = 0; i < JSON_MAX_NESTING; i++) {
        g_string_append_c(in, '[');
    }
    for (int i = 0; i < JSON_MAX_NESTING; i++) {
        g_string_append_c(in, ']');
    }
    got = stream_run(in->str, in->len, 4096);
    g_assert_null(strstr(got, "ERR"));
    g_clear_pointer(&got, g_free);

    /* Oversized: reported once, skipped, and the stream goes on. */
    g_string_truncate(in, 0);
    g_string_append(in, "{\"execute\": \"x\", \"id\": \"");
    for (size_t i = 0; i < JSON_MAX_SIZE / 64 + 1; i++) {
        g_string_append(in, "0123456789abcdef0123456789abcdef"
                            "0123456789abcdef0123456789abcdef");
    }
    g_string_append(in, "\"}\n{\"ok\": 2}");
    got = stream_run(in->str, in->len, 65536);
    g_assert_cmpstr(got, ==, "ERR: JSON token size limit exceeded | "
                    "{\"ok\": 2}");
    g_clear_pointer(&got, g_free);

    g_string_truncate(in, 0);
    g_string_append_c(in, '[');
    for (size_t i = 0; i < JSON_MAX_TOKENS / 2 + 1; i++) {
        g_string_append(in, "1,");
    }
    g_string_append(in, "1]{\"ok\": 3}");
    got = stream_run(in->str, in->len, 65536);
    g_assert_cmpstr(got, ==, "ERR: JSON token count limit exceeded | "
                    "{\"ok\": 3}");
    g_string_free(in, TRUE);
}

static void test_stream_comments(void)
{
    Collected c = { g_ptr_array_new_with_free_func(g_free) };
    JsonStream *s = json_stream_new(collect, &c, true);
    const char *text = "# a comment { not json\n{ 'a': '#x' } # tail\n";

    json_stream_feed(s, text, strlen(text));
    json_stream_flush(s);
    g_assert_cmpuint(c.items->len, ==, 1);
    g_assert_cmpstr(g_ptr_array_index(c.items, 0), ==, "{\"a\": \"#x\"}");
    json_stream_free(s);
    g_ptr_array_unref(c.items);
}


static void test_print_like_qemu(void)
{
    json_t *v = parse("{\"a\": [1, 1.5, 0.1, true, null, {}, []], "
                      "\"s\": \"\\u00e9/\\u007f\\b\\n\\ud83d\\ude00\"}");
    g_autofree char *c = compact(v);
    g_autofree char *p = qmp_json_to_string(v, true);
    json_t *e = json_object();
    g_autofree char *pe = qmp_json_to_string(e, true);

    g_assert_cmpstr(c, ==, "{\"a\": [1, 1.5, 0.10000000000000001, true, "
                    "null, {}, []], \"s\": \"\\u00E9/\\u007F\\b\\n"
                    "\\uD83D\\uDE00\"}");
    g_assert_cmpstr(p, ==, "{\n    \"a\": [\n        1,\n        1.5,\n"
                    "        0.10000000000000001,\n        true,\n"
                    "        null,\n        {\n        },\n        [\n"
                    "        ]\n    ],\n    \"s\": \"\\u00E9/\\u007F\\b\\n"
                    "\\uD83D\\uDE00\"\n}");
    g_assert_cmpstr(pe, ==, "{\n}");
    json_decref(v);
    json_decref(e);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/qmp-json/stream/any-chunking",
                    test_stream_any_chunking);
    g_test_add_func("/qmp-json/stream/errors-resynchronise",
                    test_stream_errors_resynchronise);
    g_test_add_func("/qmp-json/stream/limits", test_stream_limits);
    g_test_add_func("/qmp-json/stream/comments", test_stream_comments);
    g_test_add_func("/qmp-json/print/like-qemu", test_print_like_qemu);
    return g_test_run();
}
