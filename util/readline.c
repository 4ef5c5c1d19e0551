/*
 * readline.c: the line editor of the human monitor (see
 * include/qemu/readline.h for the keys and the redraw protocol).
 */
#include "qemu/osdep.h"
#include "qemu/readline.h"

typedef enum EscState {
    ESC_NONE,
    ESC_ESC,        /* after ESC */
    ESC_CSI,        /* after ESC [ */
    ESC_SS3,        /* after ESC O */
} EscState;

struct ReadLineState {
    /* The line being edited and where the cursor is. */
    char buf[READLINE_MAX_LEN + 1];
    size_t len;
    size_t cursor;
    /* What the terminal shows (to redraw only on change). */
    char shown[READLINE_MAX_LEN + 1];
    size_t shown_len;
    size_t shown_cursor;

    EscState esc;
    unsigned int esc_param;

    char *prompt;
    bool password;

    char *history[READLINE_MAX_HISTORY];
    int hist_pos;               /* entry shown by Up/Down, -1: none */

    char *completions[READLINE_MAX_COMPLETIONS];
    int nb_completions;
    size_t completion_index;

    GString *out;               /* output of the current step */
    ReadLineWriteFunc *write;
    ReadLineLineFunc *line;
    ReadLineCompletionFunc *complete;
    void *opaque;
};

ReadLineState *readline_new(ReadLineWriteFunc *write, ReadLineLineFunc *line,
                            ReadLineCompletionFunc *complete, void *opaque)
{
    ReadLineState *rs = g_new0(ReadLineState, 1);

    rs->write = write;
    rs->line = line;
    rs->complete = complete;
    rs->opaque = opaque;
    rs->prompt = g_strdup("");
    rs->hist_pos = -1;
    rs->out = g_string_new(NULL);
    return rs;
}

static void clear_completions(ReadLineState *rs)
{
    for (int i = 0; i < rs->nb_completions; i++) {
        g_free(rs->completions[i]);
        rs->completions[i] = NULL;
    }
    rs->nb_completions = 0;
}

void readline_free(ReadLineState *rs)
{
    if (!rs) {
        return;
    }
    for (int i = 0; i < READLINE_MAX_HISTORY; i++) {
        g_free(rs->history[i]);
    }
    clear_completions(rs);
    g_free(rs->prompt);
    g_string_free(rs->out, TRUE);
    g_free(rs);
}

/* ---- output ---- */

static void emit(ReadLineState *rs, const char *text)
{
    g_string_append(rs->out, text);
}

static void emit_repeat(ReadLineState *rs, const char *seq, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        g_string_append(rs->out, seq);
    }
}

/*
 * Hand the output of this step to the write callback in one piece (the
 * callback may run a whole command, so nothing is held back across it).
 */
static void flush_out(ReadLineState *rs)
{
    if (rs->out->len) {
        char *text = g_strndup(rs->out->str, rs->out->len);

        g_string_truncate(rs->out, 0);
        if (rs->write) {
            rs->write(rs->opaque, text);
        }
        g_free(text);
    }
}

/* Bring the terminal in line with buf/cursor (see the header). */
static void update(ReadLineState *rs)
{
    if (rs->len != rs->shown_len || memcmp(rs->buf, rs->shown, rs->len)) {
        emit_repeat(rs, "\033[D", rs->shown_cursor);
        if (rs->password) {
            emit_repeat(rs, "*", rs->len);
        } else {
            g_string_append_len(rs->out, rs->buf, rs->len);
        }
        emit(rs, "\033[K");
        memcpy(rs->shown, rs->buf, rs->len);
        rs->shown_len = rs->len;
        rs->shown_cursor = rs->len;
    }
    if (rs->cursor > rs->shown_cursor) {
        emit_repeat(rs, "\033[C", rs->cursor - rs->shown_cursor);
    } else if (rs->cursor < rs->shown_cursor) {
        emit_repeat(rs, "\033[D", rs->shown_cursor - rs->cursor);
    }
    rs->shown_cursor = rs->cursor;
}

static void show_prompt(ReadLineState *rs)
{
    emit(rs, rs->prompt);
    /* The terminal now shows an empty line after the prompt. */
    rs->shown_len = 0;
    rs->shown_cursor = 0;
    rs->esc = ESC_NONE;
}

void readline_set_prompt(ReadLineState *rs, const char *prompt)
{
    g_free(rs->prompt);
    rs->prompt = g_strdup(prompt ? prompt : "");
}

void readline_set_password(ReadLineState *rs, bool password)
{
    rs->password = password;
}

void readline_show_prompt(ReadLineState *rs)
{
    show_prompt(rs);
    update(rs);
    flush_out(rs);
}

void readline_restart(ReadLineState *rs)
{
    rs->len = 0;
    rs->cursor = 0;
}

/* ---- editing ---- */

static void insert_char(ReadLineState *rs, char ch)
{
    if (rs->len >= READLINE_MAX_LEN) {
        return;
    }
    memmove(rs->buf + rs->cursor + 1, rs->buf + rs->cursor,
            rs->len - rs->cursor);
    rs->buf[rs->cursor++] = ch;
    rs->len++;
}

static void delete_range(ReadLineState *rs, size_t from, size_t to)
{
    memmove(rs->buf + from, rs->buf + to, rs->len - to);
    rs->len -= to - from;
    if (rs->cursor > to) {
        rs->cursor -= to - from;
    } else if (rs->cursor > from) {
        rs->cursor = from;
    }
}

static void delete_char(ReadLineState *rs)
{
    if (rs->cursor < rs->len) {
        delete_range(rs, rs->cursor, rs->cursor + 1);
    }
}

static void backspace(ReadLineState *rs)
{
    if (rs->cursor > 0) {
        delete_range(rs, rs->cursor - 1, rs->cursor);
    }
}

static void backward_char(ReadLineState *rs)
{
    if (rs->cursor > 0) {
        rs->cursor--;
    }
}

static void forward_char(ReadLineState *rs)
{
    if (rs->cursor < rs->len) {
        rs->cursor++;
    }
}

/* Ctrl-W: spaces before the cursor, then the word before them. */
static void delete_word(ReadLineState *rs)
{
    size_t start = rs->cursor;

    while (start > 0 && g_ascii_isspace(rs->buf[start - 1])) {
        start--;
    }
    while (start > 0 && !g_ascii_isspace(rs->buf[start - 1])) {
        start--;
    }
    delete_range(rs, start, rs->cursor);
}

static void set_line(ReadLineState *rs, const char *text)
{
    size_t n = MIN(strlen(text), (size_t)READLINE_MAX_LEN);

    memcpy(rs->buf, text, n);
    rs->len = n;
    rs->cursor = n;
}

/* ---- history ---- */

static int history_count(ReadLineState *rs)
{
    int n = 0;

    while (n < READLINE_MAX_HISTORY && rs->history[n]) {
        n++;
    }
    return n;
}

void readline_add_history(ReadLineState *rs, const char *line)
{
    int n = history_count(rs);
    char *entry = NULL;

    if (!line || !*line) {
        return;
    }
    /* A line seen before moves to the end rather than being repeated. */
    for (int i = 0; i < n; i++) {
        if (strcmp(rs->history[i], line) == 0) {
            entry = rs->history[i];
            memmove(&rs->history[i], &rs->history[i + 1],
                    (n - i - 1) * sizeof(char *));
            rs->history[--n] = NULL;
            break;
        }
    }
    if (n == READLINE_MAX_HISTORY) {
        g_free(rs->history[0]);
        memmove(&rs->history[0], &rs->history[1],
                (n - 1) * sizeof(char *));
        n--;
    }
    rs->history[n] = entry ? entry : g_strdup(line);
    rs->hist_pos = -1;
}

const char *readline_get_history(ReadLineState *rs, unsigned int index)
{
    return index < READLINE_MAX_HISTORY ? rs->history[index] : NULL;
}

static void history_up(ReadLineState *rs)
{
    if (rs->hist_pos == 0) {
        return;
    }
    if (rs->hist_pos == -1) {
        rs->hist_pos = history_count(rs);
    }
    rs->hist_pos--;
    if (rs->hist_pos >= 0) {
        set_line(rs, rs->history[rs->hist_pos]);
    }
}

static void history_down(ReadLineState *rs)
{
    if (rs->hist_pos == -1) {
        return;
    }
    if (rs->hist_pos + 1 < READLINE_MAX_HISTORY &&
        rs->history[rs->hist_pos + 1]) {
        rs->hist_pos++;
        set_line(rs, rs->history[rs->hist_pos]);
    } else {
        /* Past the newest entry: back to an empty line. */
        rs->hist_pos = -1;
        set_line(rs, "");
    }
}

/* ---- completion ---- */

void readline_add_completion(ReadLineState *rs, const char *str)
{
    if (rs->nb_completions >= READLINE_MAX_COMPLETIONS) {
        return;
    }
    for (int i = 0; i < rs->nb_completions; i++) {
        if (strcmp(rs->completions[i], str) == 0) {
            return;
        }
    }
    rs->completions[rs->nb_completions++] = g_strdup(str);
}

void readline_set_completion_index(ReadLineState *rs, size_t index)
{
    rs->completion_index = index;
}

static int compare_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Print the candidates in columns as QEMU does: each column is the longest
 * candidate plus two (at least 10, at most 80) wide, in an 80-column
 * terminal.
 */
static void print_candidates(ReadLineState *rs)
{
    size_t width = 0;
    int cols, col = 0;

    for (int i = 0; i < rs->nb_completions; i++) {
        width = MAX(width, strlen(rs->completions[i]));
    }
    width = MIN(MAX(width + 2, (size_t)10), (size_t)80);
    cols = 80 / width;
    for (int i = 0; i < rs->nb_completions; i++) {
        g_string_append_printf(rs->out, "%-*s", (int)width,
                               rs->completions[i]);
        if (++col == cols || i == rs->nb_completions - 1) {
            emit(rs, "\n");
            col = 0;
        }
    }
}

static void complete(ReadLineState *rs)
{
    char *text;

    if (!rs->complete) {
        return;
    }
    clear_completions(rs);
    rs->completion_index = 0;
    text = g_strndup(rs->buf, rs->cursor);
    rs->complete(rs->opaque, text);
    g_free(text);

    if (rs->nb_completions == 1) {
        const char *c = rs->completions[0];
        size_t n = strlen(c);

        for (size_t i = rs->completion_index; i < n; i++) {
            insert_char(rs, c[i]);
        }
        /* Ready for the next argument (but a path may go on). */
        if (n > 0 && c[n - 1] != '/') {
            insert_char(rs, ' ');
        }
    } else if (rs->nb_completions > 1) {
        const char *first;
        size_t prefix;

        qsort(rs->completions, rs->nb_completions, sizeof(char *),
              compare_str);
        first = rs->completions[0];
        prefix = strlen(first);
        for (int i = 1; i < rs->nb_completions; i++) {
            size_t j = 0;

            while (j < prefix && rs->completions[i][j] == first[j]) {
                j++;
            }
            prefix = j;
        }
        /* Complete what all candidates share, then list them. */
        for (size_t i = rs->completion_index; i < prefix; i++) {
            insert_char(rs, first[i]);
        }
        emit(rs, "\n");
        print_candidates(rs);
        show_prompt(rs);
    }
    clear_completions(rs);
}

/* ---- input ---- */

static void enter(ReadLineState *rs)
{
    char *line = g_strndup(rs->buf, rs->len);

    if (!rs->password) {
        readline_add_history(rs, line);
    }
    rs->hist_pos = -1;
    emit(rs, "\n");
    rs->len = rs->cursor = 0;
    rs->shown_len = rs->shown_cursor = 0;
    flush_out(rs);
    /* The callback may print, show the prompt or even free rs. */
    if (rs->line) {
        rs->line(rs->opaque, line);
    }
    g_free(line);
}

static void handle_csi(ReadLineState *rs, uint8_t ch)
{
    if (ch >= '0' && ch <= '9') {
        if (rs->esc_param < 10000) {
            rs->esc_param = rs->esc_param * 10 + (ch - '0');
        }
        return;
    }
    if (ch == ';') {
        /* ESC [ 1 ; 5 C (with modifiers): act on the final byte only. */
        rs->esc_param = 0;
        return;
    }
    rs->esc = ESC_NONE;
    switch (ch) {
    case 'A':
        history_up(rs);
        break;
    case 'B':
        history_down(rs);
        break;
    case 'C':
        forward_char(rs);
        break;
    case 'D':
        backward_char(rs);
        break;
    case 'H':
        rs->cursor = 0;
        break;
    case 'F':
        rs->cursor = rs->len;
        break;
    case '~':
        switch (rs->esc_param) {
        case 1:
        case 7:
            rs->cursor = 0;
            break;
        case 3:
            delete_char(rs);
            break;
        case 4:
        case 8:
            rs->cursor = rs->len;
            break;
        }
        break;
    }
}

static void handle_ss3(ReadLineState *rs, uint8_t ch)
{
    rs->esc = ESC_NONE;
    switch (ch) {
    case 'A':
        history_up(rs);
        break;
    case 'B':
        history_down(rs);
        break;
    case 'C':
        forward_char(rs);
        break;
    case 'D':
        backward_char(rs);
        break;
    case 'H':
        rs->cursor = 0;
        break;
    case 'F':
        rs->cursor = rs->len;
        break;
    }
}

static void handle_plain(ReadLineState *rs, uint8_t ch)
{
    switch (ch) {
    case 0x01:              /* Ctrl-A */
        rs->cursor = 0;
        break;
    case 0x04:              /* Ctrl-D */
        delete_char(rs);
        break;
    case 0x05:              /* Ctrl-E */
        rs->cursor = rs->len;
        break;
    case 0x08:              /* Ctrl-H */
    case 0x7f:              /* DEL, what the Backspace key sends */
        backspace(rs);
        break;
    case '\t':
        complete(rs);
        break;
    case 0x0b:              /* Ctrl-K */
        rs->len = rs->cursor;
        break;
    case 0x0e:              /* Ctrl-N */
        history_down(rs);
        break;
    case 0x10:              /* Ctrl-P */
        history_up(rs);
        break;
    case 0x15:              /* Ctrl-U */
        delete_range(rs, 0, rs->cursor);
        break;
    case 0x17:              /* Ctrl-W */
        delete_word(rs);
        break;
    case 0x1b:
        rs->esc = ESC_ESC;
        break;
    default:
        if (ch >= 0x20) {
            insert_char(rs, ch);
        }
        break;
    }
}

void readline_handle_byte(ReadLineState *rs, uint8_t ch)
{
    switch (rs->esc) {
    case ESC_NONE:
        if (ch == '\r' || ch == '\n') {
            enter(rs);
            return;
        }
        handle_plain(rs, ch);
        break;
    case ESC_ESC:
        if (ch == '[') {
            rs->esc = ESC_CSI;
            rs->esc_param = 0;
        } else if (ch == 'O') {
            rs->esc = ESC_SS3;
        } else {
            rs->esc = ESC_NONE;
        }
        break;
    case ESC_CSI:
        handle_csi(rs, ch);
        break;
    case ESC_SS3:
        handle_ss3(rs, ch);
        break;
    }
    update(rs);
    flush_out(rs);
}

void readline_feed(ReadLineState *rs, const uint8_t *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        readline_handle_byte(rs, buf[i]);
    }
}

const char *readline_get_line(ReadLineState *rs)
{
    rs->buf[rs->len] = '\0';
    return rs->buf;
}

size_t readline_get_cursor(ReadLineState *rs)
{
    return rs->cursor;
}
