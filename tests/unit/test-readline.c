/*
 * test-readline.c: the monitor's line editor (util/readline.c), driven
 * byte by byte as a terminal would, checking the edited line, the lines
 * delivered on Enter, the history and the exact bytes echoed back.
 */
#include "qemu/osdep.h"
#include "qemu/readline.h"

typedef struct Term {
    ReadLineState *rs;
    GString *out;               /* everything written */
    GPtrArray *lines;           /* lines delivered by Enter */
    const char *const *candidates;  /* for Tab */
    GString *completion_text;   /* what the completion callback got */
    bool prompt_after_line;
} Term;

static void term_write(void *opaque, const char *text)
{
    Term *t = opaque;

    g_string_append(t->out, text);
}

static void term_line(void *opaque, const char *line)
{
    Term *t = opaque;

    g_ptr_array_add(t->lines, g_strdup(line));
    if (t->prompt_after_line) {
        readline_show_prompt(t->rs);
    }
}

/* Propose the candidates that start with the last word of text. */
static void term_complete(void *opaque, const char *text)
{
    Term *t = opaque;
    const char *word = strrchr(text, ' ');

    g_string_assign(t->completion_text, text);
    word = word ? word + 1 : text;
    readline_set_completion_index(t->rs, strlen(word));
    for (int i = 0; t->candidates && t->candidates[i]; i++) {
        if (g_str_has_prefix(t->candidates[i], word)) {
            readline_add_completion(t->rs, t->candidates[i]);
        }
    }
}

static Term *term_new(void)
{
    Term *t = g_new0(Term, 1);

    t->out = g_string_new(NULL);
    t->lines = g_ptr_array_new_with_free_func(g_free);
    t->completion_text = g_string_new(NULL);
    t->rs = readline_new(term_write, term_line, term_complete, t);
    readline_set_prompt(t->rs, "(qemu) ");
    return t;
}

static void term_free(Term *t)
{
    readline_free(t->rs);
    g_string_free(t->out, TRUE);
    g_string_free(t->completion_text, TRUE);
    g_ptr_array_free(t->lines, TRUE);
    g_free(t);
}

static void type(Term *t, const char *s)
{
    readline_feed(t->rs, (const uint8_t *)s, strlen(s));
}

/* Type s, then return the line being edited. */
static const char *edit(Term *t, const char *s)
{
    type(t, s);
    return readline_get_line(t->rs);
}

static const char *last_line(Term *t)
{
    g_assert_cmpuint(t->lines->len, >, 0);
    return g_ptr_array_index(t->lines, t->lines->len - 1);
}

/* ---- typing and echo ---- */

static void test_insert_and_enter(void)
{
    Term *t = term_new();

    g_assert_cmpstr(edit(t, "info"), ==, "info");
    g_assert_cmpuint(readline_get_cursor(t->rs), ==, 4);
    g_assert_cmpuint(t->lines->len, ==, 0);
    type(t, "\n");
    g_assert_cmpuint(t->lines->len, ==, 1);
    g_assert_cmpstr(last_line(t), ==, "info");
    g_assert_cmpstr(readline_get_line(t->rs), ==, "");
    term_free(t);
}

/* The bytes QEMU 7.2 sends back while "info" is typed and entered. */
static void test_echo_matches_qemu(void)
{
    Term *t = term_new();

    readline_show_prompt(t->rs);
    type(t, "info\r");
    g_assert_cmpstr(t->out->str, ==,
                    "(qemu) "
                    "i\033[K"
                    "\033[Din\033[K"
                    "\033[D\033[Dinf\033[K"
                    "\033[D\033[D\033[Dinfo\033[K"
                    "\n");
    term_free(t);
}

static void test_cursor_moves_echo(void)
{
    Term *t = term_new();

    type(t, "ab");
    g_string_truncate(t->out, 0);
    type(t, "\033[D");
    g_assert_cmpstr(t->out->str, ==, "\033[D");
    g_string_truncate(t->out, 0);
    type(t, "\033[C");
    g_assert_cmpstr(t->out->str, ==, "\033[C");
    /* Moving past the end changes nothing and prints nothing. */
    g_string_truncate(t->out, 0);
    type(t, "\033[C");
    g_assert_cmpstr(t->out->str, ==, "");
    /* An insertion in the middle redraws and moves back. */
    type(t, "\033[DX");
    g_assert_cmpstr(readline_get_line(t->rs), ==, "aXb");
    g_assert_true(g_str_has_suffix(t->out->str, "aXb\033[K\033[D"));
    term_free(t);
}

static void test_left_right(void)
{
    Term *t = term_new();

    g_assert_cmpstr(edit(t, "abc\033[D\033[DX"), ==, "aXbc");
    g_assert_cmpuint(readline_get_cursor(t->rs), ==, 2);
    g_assert_cmpstr(edit(t, "\033[CY"), ==, "aXbYc");
    /* Left stops at the start, right at the end. */
    g_assert_cmpstr(edit(t, "\033[D\033[D\033[D\033[D\033[D\033[D\033[DS"),
                    ==, "SaXbYc");
    g_assert_cmpstr(edit(t, "\033[C\033[C\033[C\033[C\033[C\033[C\033[CE"),
                    ==, "SaXbYcE");
    /* Application-mode arrows. */
    g_assert_cmpstr(edit(t, "\033OD\033ODz\033OCw"), ==, "SaXbYzcwE");
    term_free(t);
}

static void test_home_end(void)
{
    static const char *const home[] = {
        "\001", "\033[H", "\033[1~", "\033[7~", "\033OH",
    };
    static const char *const end[] = {
        "\005", "\033[F", "\033[4~", "\033[8~", "\033OF",
    };

    for (size_t i = 0; i < ARRAY_SIZE(home); i++) {
        Term *t = term_new();

        type(t, "abc");
        type(t, home[i]);
        g_assert_cmpuint(readline_get_cursor(t->rs), ==, 0);
        g_assert_cmpstr(edit(t, "X"), ==, "Xabc");
        type(t, end[i]);
        g_assert_cmpuint(readline_get_cursor(t->rs), ==, 4);
        g_assert_cmpstr(edit(t, "Y"), ==, "XabcY");
        term_free(t);
    }
}

static void test_delete(void)
{
    Term *t = term_new();

    g_assert_cmpstr(edit(t, "abcd\001\033[3~"), ==, "bcd");
    g_assert_cmpstr(edit(t, "\004"), ==, "cd");
    /* At the end of the line there is nothing to delete. */
    g_assert_cmpstr(edit(t, "\005\033[3~\004"), ==, "cd");
    term_free(t);
}

static void test_backspace(void)
{
    Term *t = term_new();

    g_assert_cmpstr(edit(t, "abcd\177"), ==, "abc");
    g_assert_cmpstr(edit(t, "\010"), ==, "ab");
    g_assert_cmpstr(edit(t, "\033[D\177"), ==, "b");
    g_assert_cmpuint(readline_get_cursor(t->rs), ==, 0);
    /* At the start of the line: nothing happens. */
    g_assert_cmpstr(edit(t, "\177\010"), ==, "b");
    term_free(t);
}

static void test_kill_to_end_and_start(void)
{
    Term *t = term_new();

    g_assert_cmpstr(edit(t, "hello world\033[D\033[D\033[D\013"), ==,
                    "hello wo");
    g_assert_cmpuint(readline_get_cursor(t->rs), ==, 8);
    g_assert_cmpstr(edit(t, "\033[D\033[D\025"), ==, "wo");
    g_assert_cmpuint(readline_get_cursor(t->rs), ==, 0);
    g_assert_cmpstr(edit(t, "\005\025"), ==, "");
    term_free(t);
}

static void test_delete_word(void)
{
    Term *t = term_new();

    g_assert_cmpstr(edit(t, "info  version  \027"), ==, "info  ");
    g_assert_cmpstr(edit(t, "\027"), ==, "");
    /* In the middle of a line only the part before the cursor goes. */
    g_assert_cmpstr(edit(t, "abc def\033[D\033[D\027"), ==, "abc ef");
    g_assert_cmpuint(readline_get_cursor(t->rs), ==, 4);
    g_assert_cmpstr(edit(t, "\001\027"), ==, "abc ef");
    term_free(t);
}

static void test_ignored_bytes(void)
{
    Term *t = term_new();

    /* Ctrl-C, Ctrl-L, NUL; ESC followed by an unknown byte swallows it. */
    g_assert_cmpstr(edit(t, "a\003\014"), ==, "a");
    readline_handle_byte(t->rs, 0);
    g_assert_cmpstr(edit(t, "\033xb"), ==, "ab");
    g_assert_cmpstr(edit(t, "\033[Zc"), ==, "abc");
    g_assert_cmpstr(edit(t, "\033[99~d"), ==, "abcd");
    /* Bytes above 0x7f are text (UTF-8). */
    g_assert_cmpstr(edit(t, "\xc3\xa9"), ==, "abcd\xc3\xa9");
    term_free(t);
}

static void test_modifier_sequences(void)
{
    Term *t = term_new();

    /* Ctrl-Left / Ctrl-Right as xterm sends them act as Left / Right. */
    g_assert_cmpstr(edit(t, "abc\033[1;5DX"), ==, "abXc");
    g_assert_cmpstr(edit(t, "\033[1;5CY"), ==, "abXcY");
    term_free(t);
}

static void test_split_sequences(void)
{
    Term *t = term_new();
    const char *s = "ab\033[Dx\033[3~\033OHy\r";

    /* One byte per call, as a monitor reading one byte at a time. */
    for (const char *p = s; *p; p++) {
        readline_handle_byte(t->rs, (uint8_t)*p);
    }
    g_assert_cmpuint(t->lines->len, ==, 1);
    g_assert_cmpstr(last_line(t), ==, "yax");
    /* An escape sequence cut across reads. */
    type(t, "12");
    type(t, "\033");
    type(t, "[");
    type(t, "1");
    type(t, "~Z");
    g_assert_cmpstr(readline_get_line(t->rs), ==, "Z12");
    term_free(t);
}

static void test_crlf_gives_empty_line(void)
{
    Term *t = term_new();

    type(t, "stop\r\n");
    g_assert_cmpuint(t->lines->len, ==, 2);
    g_assert_cmpstr(g_ptr_array_index(t->lines, 0), ==, "stop");
    g_assert_cmpstr(g_ptr_array_index(t->lines, 1), ==, "");
    term_free(t);
}

static void test_long_line(void)
{
    Term *t = term_new();
    GString *s = g_string_new(NULL);

    for (int i = 0; i < READLINE_MAX_LEN + 100; i++) {
        g_string_append_c(s, 'a' + i % 26);
    }
    type(t, s->str);
    g_assert_cmpuint(strlen(readline_get_line(t->rs)), ==, READLINE_MAX_LEN);
    g_assert_cmpint(memcmp(readline_get_line(t->rs), s->str,
                           READLINE_MAX_LEN), ==, 0);
    /* Still editable: delete one, insert one. */
    type(t, "\177!");
    g_assert_cmpint(readline_get_line(t->rs)[READLINE_MAX_LEN - 1], ==, '!');
    type(t, "\n");
    g_assert_cmpuint(strlen(last_line(t)), ==, READLINE_MAX_LEN);
    g_string_free(s, TRUE);
    term_free(t);
}

static void test_prompt(void)
{
    Term *t = term_new();

    t->prompt_after_line = true;
    readline_show_prompt(t->rs);
    type(t, "x\n");
    g_assert_cmpstr(t->out->str, ==, "(qemu) x\033[K\n(qemu) ");
    /* The prompt is printed again with the unfinished line after it. */
    type(t, "ab");
    g_string_truncate(t->out, 0);
    readline_show_prompt(t->rs);
    g_assert_cmpstr(t->out->str, ==, "(qemu) ab\033[K");
    /* After a restart the line is gone. */
    readline_restart(t->rs);
    g_string_truncate(t->out, 0);
    readline_show_prompt(t->rs);
    g_assert_cmpstr(t->out->str, ==, "(qemu) ");
    g_assert_cmpstr(readline_get_line(t->rs), ==, "");
    term_free(t);
}

static void test_password(void)
{
    Term *t = term_new();

    readline_set_password(t->rs, true);
    type(t, "se");
    g_assert_cmpstr(t->out->str, ==, "*\033[K\033[D**\033[K");
    type(t, "\n");
    g_assert_cmpstr(last_line(t), ==, "se");
    g_assert_null(readline_get_history(t->rs, 0));
    term_free(t);
}

/* ---- history ---- */

static void test_history_navigation(void)
{
    Term *t = term_new();

    type(t, "one\ntwo\nthree\n");
    g_assert_cmpstr(edit(t, "\033[A"), ==, "three");
    g_assert_cmpstr(edit(t, "\033[A"), ==, "two");
    g_assert_cmpstr(edit(t, "\020"), ==, "one");
    /* At the oldest entry Up stays. */
    g_assert_cmpstr(edit(t, "\033[A"), ==, "one");
    g_assert_cmpstr(edit(t, "\033[B"), ==, "two");
    g_assert_cmpstr(edit(t, "\016"), ==, "three");
    /* Past the newest: an empty line; Down again does nothing. */
    g_assert_cmpstr(edit(t, "\033[B"), ==, "");
    g_assert_cmpstr(edit(t, "\033[B"), ==, "");
    /* A recalled line can be edited and entered. */
    type(t, "\033[A\033[A!\r");
    g_assert_cmpstr(last_line(t), ==, "two!");
    g_assert_cmpstr(readline_get_history(t->rs, 3), ==, "two!");
    g_assert_cmpuint(readline_get_cursor(t->rs), ==, 0);
    term_free(t);
}

static void test_history_redraw(void)
{
    Term *t = term_new();

    type(t, "stop\n");
    g_string_truncate(t->out, 0);
    type(t, "ab\033[A");
    g_assert_cmpstr(t->out->str, ==,
                    "a\033[K\033[Dab\033[K\033[D\033[Dstop\033[K");
    term_free(t);
}

static void test_history_no_duplicates(void)
{
    Term *t = term_new();

    type(t, "a\nb\na\na\n\n");
    /* Empty lines are not kept; a repeated line moves to the end. */
    g_assert_cmpstr(readline_get_history(t->rs, 0), ==, "b");
    g_assert_cmpstr(readline_get_history(t->rs, 1), ==, "a");
    g_assert_null(readline_get_history(t->rs, 2));
    g_assert_cmpstr(edit(t, "\033[A"), ==, "a");
    g_assert_cmpstr(edit(t, "\033[A"), ==, "b");
    term_free(t);
}

static void test_history_bounded(void)
{
    Term *t = term_new();

    for (int i = 0; i < READLINE_MAX_HISTORY + 10; i++) {
        char *line = g_strdup_printf("cmd%d\n", i);

        type(t, line);
        g_free(line);
    }
    g_assert_cmpstr(readline_get_history(t->rs, 0), ==, "cmd10");
    g_assert_cmpstr(readline_get_history(t->rs, READLINE_MAX_HISTORY - 1),
                    ==, "cmd73");
    g_assert_null(readline_get_history(t->rs, READLINE_MAX_HISTORY));
    /* Walking up the whole history ends at the oldest kept entry. */
    for (int i = 0; i < READLINE_MAX_HISTORY + 5; i++) {
        type(t, "\033[A");
    }
    g_assert_cmpstr(readline_get_line(t->rs), ==, "cmd10");
    term_free(t);
}

static void test_history_empty(void)
{
    Term *t = term_new();

    g_assert_cmpstr(edit(t, "x\033[A"), ==, "x");
    g_assert_cmpstr(edit(t, "\033[B"), ==, "x");
    g_assert_null(readline_get_history(t->rs, 0));
    term_free(t);
}

/* ---- completion ---- */

static const char *const commands[] = {
    "info", "qom-get", "qom-list", "qom-set", "quit", "/machine/", NULL,
};

static void test_complete_one(void)
{
    Term *t = term_new();

    t->candidates = commands;
    g_assert_cmpstr(edit(t, "inf\t"), ==, "info ");
    g_assert_cmpstr(t->completion_text->str, ==, "inf");
    /* Completion works on the text before the cursor. */
    readline_restart(t->rs);
    g_assert_cmpstr(edit(t, "quX\033[D\t"), ==, "quit X");
    g_assert_cmpstr(t->completion_text->str, ==, "qu");
    /* A word ending in '/' gets no space: a path goes on. */
    readline_restart(t->rs);
    g_assert_cmpstr(edit(t, "/ma\t"), ==, "/machine/");
    /* A complete word gets its space. */
    readline_restart(t->rs);
    g_assert_cmpstr(edit(t, "info\t"), ==, "info ");
    term_free(t);
}

static void test_complete_several(void)
{
    Term *t = term_new();

    t->candidates = commands;
    readline_show_prompt(t->rs);
    type(t, "qo");
    g_string_truncate(t->out, 0);
    type(t, "\t");
    /* The shared prefix is added, the list printed, the line redrawn. */
    g_assert_cmpstr(readline_get_line(t->rs), ==, "qom-");
    g_assert_cmpstr(t->out->str, ==,
                    "\nqom-get   qom-list  qom-set   \n(qemu) qom-\033[K");
    /* Nothing more is shared: the list again, the line unchanged. */
    g_string_truncate(t->out, 0);
    type(t, "\t");
    g_assert_cmpstr(readline_get_line(t->rs), ==, "qom-");
    g_assert_cmpstr(t->out->str, ==,
                    "\nqom-get   qom-list  qom-set   \n(qemu) qom-\033[K");
    g_assert_cmpstr(edit(t, "l\t"), ==, "qom-list ");
    term_free(t);
}

static void test_complete_columns(void)
{
    static const char *const many[] = {
        "a-rather-long-candidate-name", "a2", "a3", "a4", NULL,
    };
    static const char *const wide[] = {
        "b0123456789012345678901234567890123456789012345678901234567890"
        "123456789012345678901234567890",
        "b1", NULL,
    };
    Term *t = term_new();
    char *expected;

    /* Width 30 (longest + 2): two per row of 80 columns. */
    t->candidates = many;
    type(t, "a\t");
    expected = g_strdup_printf("a\033[K\n%-30s%-30s\n%-30s%-30s\n"
                               "(qemu) a\033[K",
                               many[0], many[1], many[2], many[3]);
    g_assert_cmpstr(t->out->str, ==, expected);
    g_free(expected);
    term_free(t);

    /* Longer than 80: one per row, padded to at least the width. */
    t = term_new();
    t->candidates = wide;
    type(t, "b\t");
    g_assert_true(strstr(t->out->str, "\nb1\n") == NULL);
    g_assert_nonnull(strstr(t->out->str, "67890\nb1"));
    term_free(t);
}

static void test_complete_none(void)
{
    Term *t = term_new();

    t->candidates = commands;
    type(t, "zz");
    g_string_truncate(t->out, 0);
    g_assert_cmpstr(edit(t, "\t"), ==, "zz");
    g_assert_cmpstr(t->out->str, ==, "");
    term_free(t);
}

static void dup_complete(void *opaque, const char *text)
{
    Term *t = opaque;

    readline_set_completion_index(t->rs, 0);
    readline_add_completion(t->rs, "same");
    readline_add_completion(t->rs, "same");
    for (int i = 0; i < READLINE_MAX_COMPLETIONS + 10; i++) {
        char *s = g_strdup_printf("x%d", i);

        readline_add_completion(t->rs, s);
        g_free(s);
    }
}

static void test_complete_duplicates_and_limit(void)
{
    Term *t = g_new0(Term, 1);
    int rows = 0;

    t->out = g_string_new(NULL);
    t->lines = g_ptr_array_new_with_free_func(g_free);
    t->completion_text = g_string_new(NULL);
    t->rs = readline_new(term_write, term_line, dup_complete, t);
    type(t, "\t");
    for (const char *p = t->out->str; *p; p++) {
        rows += *p == '\n';
    }
    /* 256 distinct candidates ("same" once), 8 per row -> 32 rows + 1. */
    g_assert_cmpint(rows, ==, 1 + READLINE_MAX_COMPLETIONS / 8);
    g_assert_nonnull(strstr(t->out->str, "same"));
    g_assert_null(strstr(t->out->str, "x255"));
    term_free(t);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/readline/insert-and-enter", test_insert_and_enter);
    g_test_add_func("/readline/echo-matches-qemu", test_echo_matches_qemu);
    g_test_add_func("/readline/cursor-moves-echo", test_cursor_moves_echo);
    g_test_add_func("/readline/left-right", test_left_right);
    g_test_add_func("/readline/home-end", test_home_end);
    g_test_add_func("/readline/delete", test_delete);
    g_test_add_func("/readline/backspace", test_backspace);
    g_test_add_func("/readline/kill-to-end-and-start",
                    test_kill_to_end_and_start);
    g_test_add_func("/readline/delete-word", test_delete_word);
    g_test_add_func("/readline/ignored-bytes", test_ignored_bytes);
    g_test_add_func("/readline/modifier-sequences", test_modifier_sequences);
    g_test_add_func("/readline/split-sequences", test_split_sequences);
    g_test_add_func("/readline/crlf-gives-empty-line",
                    test_crlf_gives_empty_line);
    g_test_add_func("/readline/long-line", test_long_line);
    g_test_add_func("/readline/prompt", test_prompt);
    g_test_add_func("/readline/password", test_password);
    g_test_add_func("/readline/history/navigation", test_history_navigation);
    g_test_add_func("/readline/history/redraw", test_history_redraw);
    g_test_add_func("/readline/history/no-duplicates",
                    test_history_no_duplicates);
    g_test_add_func("/readline/history/bounded", test_history_bounded);
    g_test_add_func("/readline/history/empty", test_history_empty);
    g_test_add_func("/readline/complete/one", test_complete_one);
    g_test_add_func("/readline/complete/several", test_complete_several);
    g_test_add_func("/readline/complete/columns", test_complete_columns);
    g_test_add_func("/readline/complete/none", test_complete_none);
    g_test_add_func("/readline/complete/duplicates-and-limit",
                    test_complete_duplicates_and_limit);
    return g_test_run();
}
