/*
 * qmp-json.c: the JSON stream splitter and QMP's JSON printer (see
 * include/qapi/qmp-json.h).
 *
 * The splitter only finds where a value ends (brackets outside strings);
 * jansson does the parsing of each complete value.  Doing the splitting
 * ourselves rather than retrying json_loadb() on a growing buffer keeps a
 * large request arriving in many small chunks linear in its size, gives us
 * QEMU's limits and resynchronisation, and lets us accept QEMU's
 * single-quoted strings (rewritten to double quotes on the fly).
 */
#include "qemu/osdep.h"
#include "qapi/qmp-json.h"

typedef enum StreamState {
    ST_IDLE,            /* between values */
    ST_VALUE,           /* inside a top-level object or array */
    ST_WORD,            /* a bare top-level word (number, keyword, junk) */
    ST_TOPSTRING,       /* a top-level string */
    ST_SKIP_LINE,       /* after a lexical error: skip to end of line */
} StreamState;

struct JsonStream {
    JsonStreamFunc *fn;
    void *opaque;
    bool allow_comments;

    StreamState state;
    GString *buf;           /* the current value, double-quote form */
    int depth;
    size_t tokens;
    bool in_word;           /* inside a bare token within a value */
    bool discarding;        /* over a limit: drop the rest of the value */

    bool in_string;
    char quote;             /* '"' or '\'' */
    bool escape;
    size_t string_start;    /* offset of the string's quote in buf */

    bool in_comment;
    unsigned generation;    /* bumped by reset, to stop a running feed */
};

JsonStream *json_stream_new(JsonStreamFunc *fn, void *opaque,
                            bool allow_comments)
{
    JsonStream *s = g_new0(JsonStream, 1);

    s->fn = fn;
    s->opaque = opaque;
    s->allow_comments = allow_comments;
    s->buf = g_string_new(NULL);
    return s;
}

static void stream_clear(JsonStream *s)
{
    s->state = ST_IDLE;
    g_string_truncate(s->buf, 0);
    if (s->buf->allocated_len > 65536) {
        /* Do not keep a huge buffer after one huge message. */
        g_string_free(s->buf, TRUE);
        s->buf = g_string_new(NULL);
    }
    s->depth = 0;
    s->tokens = 0;
    s->in_word = false;
    s->discarding = false;
    s->in_string = false;
    s->escape = false;
}

void json_stream_reset(JsonStream *s)
{
    stream_clear(s);
    s->in_comment = false;
    s->generation++;
}

void json_stream_free(JsonStream *s)
{
    if (s) {
        g_string_free(s->buf, TRUE);
        g_free(s);
    }
}

static void emit_error(JsonStream *s, const char *fmt, ...) QEMU_PRINTF(2, 3);

static void emit_error(JsonStream *s, const char *fmt, ...)
{
    Error *err = NULL;
    va_list ap;
    char *msg;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    error_setg(&err, "%s", msg);
    g_free(msg);
    s->fn(s->opaque, NULL, err);
}

/* Translate jansson's message into QEMU's parser wording. */
static void emit_parse_error(JsonStream *s, const json_error_t *jerr)
{
    const char *t = jerr->text;
    const char *near = strstr(t, " near '");
    g_autofree char *tok = NULL;

    if (near) {
        const char *start = near + strlen(" near '");
        const char *end = strrchr(start, '\'');
        tok = g_strndup(start, end ? (size_t)(end - start) : strlen(start));
    }
    if (g_str_has_prefix(t, "invalid token") && tok &&
        g_ascii_isalpha(tok[0])) {
        emit_error(s, "JSON parse error, invalid keyword '%s'", tok);
    } else if (g_str_has_prefix(t, "':' expected")) {
        emit_error(s, "JSON parse error, missing : in object pair");
    } else if (g_str_has_prefix(t, "'}' expected")) {
        emit_error(s, "JSON parse error, expected separator in dict");
    } else if (g_str_has_prefix(t, "']' expected")) {
        emit_error(s, "JSON parse error, expected separator in list");
    } else if (g_str_has_prefix(t, "string or '}' expected") && tok &&
               tok[0] && strchr("-0123456789[{tfn", tok[0])) {
        /* A value that is not a string; anything else (']', ':', ',')
         * is not a value at all, which the reference reports first. */
        emit_error(s, "JSON parse error, key is not a string in object");
    } else if (g_str_has_prefix(t, "duplicate object key")) {
        emit_error(s, "JSON parse error, duplicate key");
    } else if (strstr(t, "invalid escape")) {
        emit_error(s, "JSON parse error, invalid escape sequence in string");
    } else if (strstr(t, "Unicode")) {
        emit_error(s, "JSON parse error, invalid Unicode escape in string");
    } else if (strstr(t, "unable to decode byte")) {
        emit_error(s, "JSON parse error, invalid UTF-8 sequence in string");
    } else if (strstr(t, "too big")) {
        emit_error(s, "JSON parse error, integer out of range");
    } else {
        emit_error(s, "JSON parse error, expecting value");
    }
}

static void emit_buffer(JsonStream *s, size_t flags)
{
    json_error_t jerr;
    json_t *v = json_loadb(s->buf->str, s->buf->len,
                           JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL | flags,
                           &jerr);

    stream_clear(s);
    if (v) {
        s->fn(s->opaque, v, NULL);
    } else {
        emit_parse_error(s, &jerr);
    }
}

static void finish_word(JsonStream *s)
{
    g_autofree char *word = NULL;
    json_t *v;

    if (s->discarding) {
        stream_clear(s);
        return;
    }
    word = g_strndup(s->buf->str, s->buf->len);
    v = json_loadb(word, strlen(word), JSON_DECODE_ANY, NULL);
    stream_clear(s);
    if (v) {
        s->fn(s->opaque, v, NULL);
    } else {
        emit_error(s, "JSON parse error, invalid keyword '%s'", word);
    }
}

/* Whether the current value went over a limit; if so, report once. */
static bool check_limits(JsonStream *s)
{
    const char *what = NULL;

    if (s->discarding) {
        return true;
    }
    if (s->depth > JSON_MAX_NESTING) {
        what = "JSON nesting depth limit exceeded";
    } else if (s->buf->len > JSON_MAX_SIZE) {
        what = "JSON token size limit exceeded";
    } else if (s->tokens > JSON_MAX_TOKENS) {
        what = "JSON token count limit exceeded";
    }
    if (!what) {
        return false;
    }
    s->discarding = true;
    g_string_truncate(s->buf, 0);
    emit_error(s, "%s", what);
    return true;
}

static inline bool is_word_char(char c)
{
    return g_ascii_isalnum(c) || c == '_' || c == '.' || c == '+' ||
           c == '-';
}

static void append(JsonStream *s, const char *str, size_t len)
{
    if (!s->discarding) {
        g_string_append_len(s->buf, str, len);
    }
}

/* One byte inside a string (of a value or a top-level one). */
static void string_byte(JsonStream *s, char c)
{
    if (s->escape) {
        s->escape = false;
        if (s->quote == '\'' && c == '\'') {
            append(s, "'", 1);
        } else {
            char esc[2] = { '\\', c };
            append(s, esc, 2);
        }
        return;
    }
    if (c == '\\') {
        s->escape = true;
    } else if (c == s->quote) {
        s->in_string = false;
        append(s, "\"", 1);
    } else if (c == '"') {
        append(s, "\\\"", 2);           /* inside a single-quoted string */
    } else if ((unsigned char)c < 0x20 || (unsigned char)c >= 0xf8 ||
               (unsigned char)c == 0xc0 || (unsigned char)c == 0xc1) {
        /*
         * A control character or a byte that never occurs in UTF-8 cannot
         * be in a string: most likely a stray quote or binary junk.
         * Report it as QEMU's lexer does and drop the rest of the line,
         * which resynchronises on the next request.
         */
        g_autofree char *frag = NULL;
        bool discarding = s->discarding;

        frag = g_strndup(s->buf->str + MIN(s->string_start, s->buf->len),
                         s->buf->len - MIN(s->string_start, s->buf->len));
        stream_clear(s);
        s->state = c == '\n' ? ST_IDLE : ST_SKIP_LINE;
        if (!discarding) {
            emit_error(s, "JSON parse error, stray '%s%c'", frag, c);
        }
    } else {
        append(s, &c, 1);
    }
}

static void start_string(JsonStream *s, char quote)
{
    s->in_string = true;
    s->quote = quote;
    s->escape = false;
    s->string_start = s->buf->len;
    s->tokens++;
    append(s, "\"", 1);
}

/* Process one byte; returns true if it must be processed again (it ended
 * a top-level word). */
static bool stream_byte(JsonStream *s, char c)
{
    if (s->in_comment) {
        if (c == '\n') {
            s->in_comment = false;
        }
        return false;
    }
    if (s->state == ST_SKIP_LINE) {
        if (c == '\n') {
            s->state = ST_IDLE;
        }
        return false;
    }
    if (s->in_string) {
        string_byte(s, c);
        if (!s->in_string && s->state == ST_TOPSTRING) {
            if (s->discarding) {
                stream_clear(s);
            } else {
                emit_buffer(s, JSON_DECODE_ANY);
            }
        } else if (s->in_string) {
            check_limits(s);
        }
        return false;
    }
    if (s->allow_comments && c == '#') {
        if (s->state == ST_WORD) {
            return true;            /* end the word first */
        }
        s->in_comment = true;
        return false;
    }

    switch (s->state) {
    case ST_IDLE:
        if (g_ascii_isspace(c)) {
            return false;
        }
        stream_clear(s);
        if (c == '{' || c == '[') {
            s->state = ST_VALUE;
            s->depth = 1;
            s->tokens = 1;
            append(s, &c, 1);
        } else if (c == '"' || c == '\'') {
            s->state = ST_TOPSTRING;
            start_string(s, c);
        } else if (is_word_char(c)) {
            s->state = ST_WORD;
            append(s, &c, 1);
        } else if (c == '}' || c == ']' || c == ':' || c == ',') {
            emit_error(s, "JSON parse error, expecting value");
        } else {
            emit_error(s, "JSON parse error, stray '%c'", c);
        }
        return false;

    case ST_WORD:
        if (is_word_char(c)) {
            append(s, &c, 1);
            if (!s->discarding && s->buf->len > JSON_MAX_SIZE) {
                check_limits(s);
            }
            return false;
        }
        finish_word(s);
        return true;

    case ST_VALUE:
        if (is_word_char(c)) {
            if (!s->in_word) {
                s->tokens++;
                s->in_word = true;
            }
        } else {
            s->in_word = false;
        }
        if (c == '"' || c == '\'') {
            start_string(s, c);
            check_limits(s);
            return false;
        }
        append(s, &c, 1);
        if (c == '{' || c == '[') {
            s->depth++;
            s->tokens++;
        } else if (c == '}' || c == ']') {
            s->depth--;
            s->tokens++;
            if (s->depth == 0) {
                if (s->discarding) {
                    stream_clear(s);
                } else {
                    emit_buffer(s, 0);
                }
                return false;
            }
        } else if (c == ':' || c == ',') {
            s->tokens++;
        }
        check_limits(s);
        return false;

    case ST_TOPSTRING:
    case ST_SKIP_LINE:
        break;
    }
    return false;
}

void json_stream_feed(JsonStream *s, const char *buf, size_t len)
{
    unsigned gen = s->generation;
    size_t i = 0;

    while (i < len) {
        if (!stream_byte(s, buf[i])) {
            i++;
        }
        if (s->generation != gen) {
            return;                 /* reset from a callback: drop the rest */
        }
    }
}

void json_stream_flush(JsonStream *s)
{
    if (s->state == ST_WORD) {
        finish_word(s);
    } else if (s->state == ST_VALUE || s->state == ST_TOPSTRING) {
        bool discarding = s->discarding;

        stream_clear(s);
        if (!discarding) {
            emit_error(s, "JSON parse error, expecting value");
        }
    }
    s->in_comment = false;
    s->state = ST_IDLE;
}

/* ---- printing ---- */

/* Decode one UTF-8 sequence at *p (advancing it); invalid input gives
 * U+FFFD and consumes one byte. */
static gunichar next_char(const char **p, const char *end)
{
    const unsigned char *u = (const unsigned char *)*p;
    gunichar c;

    if (u[0] < 0x80) {
        (*p)++;
        return u[0];
    }
    c = g_utf8_get_char_validated(*p, end - *p);
    if (c == (gunichar)-1 || c == (gunichar)-2) {
        (*p)++;
        return 0xFFFD;
    }
    *p = g_utf8_next_char(*p);
    return c;
}

static void append_string(GString *out, const char *str, size_t len)
{
    const char *p = str, *end = str + len;

    g_string_append_c(out, '"');
    while (p < end) {
        gunichar c = next_char(&p, end);

        switch (c) {
        case '"':
            g_string_append(out, "\\\"");
            break;
        case '\\':
            g_string_append(out, "\\\\");
            break;
        case '\b':
            g_string_append(out, "\\b");
            break;
        case '\f':
            g_string_append(out, "\\f");
            break;
        case '\n':
            g_string_append(out, "\\n");
            break;
        case '\r':
            g_string_append(out, "\\r");
            break;
        case '\t':
            g_string_append(out, "\\t");
            break;
        default:
            if (c >= 0x20 && c <= 0x7e) {
                g_string_append_c(out, (char)c);
            } else if (c > 0xffff) {
                c -= 0x10000;
                g_string_append_printf(out, "\\u%04X\\u%04X",
                                       0xd800 | (c >> 10),
                                       0xdc00 | (c & 0x3ff));
            } else {
                g_string_append_printf(out, "\\u%04X", c);
            }
        }
    }
    g_string_append_c(out, '"');
}

static void append_indent(GString *out, bool pretty, int level)
{
    if (pretty) {
        g_string_append_c(out, '\n');
        for (int i = 0; i < level; i++) {
            g_string_append(out, "    ");
        }
    }
}

static void append_value(GString *out, json_t *v, bool pretty, int level)
{
    if (!v) {
        g_string_append(out, "null");   /* a failed json_pack() upstream */
        return;
    }
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        const char *key;
        json_t *val;
        bool first = true;

        g_string_append_c(out, '{');
        json_object_foreach(v, key, val) {
            if (!first) {
                g_string_append_c(out, ',');
                if (!pretty) {
                    g_string_append_c(out, ' ');
                }
            }
            first = false;
            append_indent(out, pretty, level + 1);
            append_string(out, key, strlen(key));
            g_string_append(out, ": ");
            append_value(out, val, pretty, level + 1);
        }
        if (!first || pretty) {
            append_indent(out, pretty, level);
        }
        g_string_append_c(out, '}');
        break;
    }
    case JSON_ARRAY: {
        size_t i;
        json_t *val;

        g_string_append_c(out, '[');
        json_array_foreach(v, i, val) {
            if (i) {
                g_string_append_c(out, ',');
                if (!pretty) {
                    g_string_append_c(out, ' ');
                }
            }
            append_indent(out, pretty, level + 1);
            append_value(out, val, pretty, level + 1);
        }
        append_indent(out, pretty, level);
        g_string_append_c(out, ']');
        break;
    }
    case JSON_STRING:
        append_string(out, json_string_value(v), json_string_length(v));
        break;
    case JSON_INTEGER:
        g_string_append_printf(out, "%" JSON_INTEGER_FORMAT,
                               json_integer_value(v));
        break;
    case JSON_REAL:
        g_string_append_printf(out, "%.17g", json_real_value(v));
        break;
    case JSON_TRUE:
        g_string_append(out, "true");
        break;
    case JSON_FALSE:
        g_string_append(out, "false");
        break;
    case JSON_NULL:
    default:
        g_string_append(out, "null");
        break;
    }
}

void qmp_json_append(GString *out, json_t *v, bool pretty)
{
    append_value(out, v, pretty, 0);
}

char *qmp_json_to_string(json_t *v, bool pretty)
{
    GString *out = g_string_new(NULL);

    append_value(out, v, pretty, 0);
    return g_string_free(out, FALSE);
}
