/*
 * qemu-option-json.c: read one JSON value from a command line argument
 * (-device {...}, -object {...}, -netdev {...}, -blockdev {...}).
 *
 * jansson would parse these, but users see the error messages, and QEMU's
 * parser both accepts more (single-quoted strings, modified UTF-8 for
 * U+0000) and words its errors its own way ("JSON parse error, stray '$'",
 * "Expecting at most one JSON value").  So this is a small lexer + parser
 * that follows the same grammar and reports the same first error, and
 * builds jansson values.
 *
 * Shape: the lexer cuts the text into tokens; tokens are collected until
 * the braces and brackets balance (or a scalar stands alone) and that group
 * is handed to a recursive descent parser.  The first value or error wins;
 * anything non-blank after a complete value is "Expecting at most one JSON
 * value".
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"

#include <float.h>
#include <math.h>

/* Limits on one message (as QEMU's, so deep nesting cannot blow the stack). */
#define JSON_MAX_TOKEN_SIZE (64ULL << 20)
#define JSON_MAX_TOKEN_COUNT (2ULL << 20)
#define JSON_MAX_NESTING (1 << 10)

typedef enum {
    TOK_LCURLY,
    TOK_RCURLY,
    TOK_LSQUARE,
    TOK_RSQUARE,
    TOK_COMMA,
    TOK_COLON,
    TOK_STRING,
    TOK_INTEGER,
    TOK_FLOAT,
    TOK_KEYWORD,
} TokenType;

typedef struct Token {
    TokenType type;
    char *text;
} Token;

typedef struct Parser {
    GPtrArray *toks;        /* Token *, one balanced group */
    guint pos;
    Error *err;             /* first error only */
} Parser;

typedef struct Reader {
    GPtrArray *pending;     /* tokens of the group being collected */
    size_t pending_bytes;
    int braces, brackets;
    json_t *result;
    Error *err;
} Reader;

static void token_free(gpointer p)
{
    Token *t = p;

    g_free(t->text);
    g_free(t);
}

/* ---- Unicode (modified UTF-8: U+0000 is "\xC0\x80") ---- */

static bool codepoint_valid(long cp)
{
    if (cp < 0 || cp > 0x10FFFF) {
        return false;
    }
    if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
        return false;           /* noncharacters */
    }
    return !(cp >= 0xD800 && cp <= 0xDFFF);
}

/* Append cp in modified UTF-8; false if cp is not a character. */
static bool utf8_append(GString *out, long cp)
{
    if (!codepoint_valid(cp)) {
        return false;
    }
    if (cp > 0 && cp < 0x80) {
        g_string_append_c(out, (char)cp);
    } else if (cp < 0x800) {
        g_string_append_c(out, (char)(0xC0 | (cp >> 6)));
        g_string_append_c(out, (char)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        g_string_append_c(out, (char)(0xE0 | (cp >> 12)));
        g_string_append_c(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
        g_string_append_c(out, (char)(0x80 | (cp & 0x3F)));
    } else {
        g_string_append_c(out, (char)(0xF0 | (cp >> 18)));
        g_string_append_c(out, (char)(0x80 | ((cp >> 12) & 0x3F)));
        g_string_append_c(out, (char)(0x80 | ((cp >> 6) & 0x3F)));
        g_string_append_c(out, (char)(0x80 | (cp & 0x3F)));
    }
    return true;
}

/*
 * Decode one UTF-8 sequence at *p (advancing it); -1 if invalid: stray
 * continuation bytes, 0xFE/0xFF, truncated or overlong sequences (except
 * "\xC0\x80"), surrogates and noncharacters.
 */
static long utf8_next(const unsigned char **p)
{
    static const long min_cp[] = { 0x80, 0x800, 0x10000, 0x200000,
                                   0x4000000 };
    const unsigned char *s = *p;
    unsigned lead = *s++;
    int len = 0;
    long cp;

    if (lead < 0x80) {
        *p = s;
        return lead;
    }
    if (lead >= 0xFE || !(lead & 0x40)) {
        *p = s;
        return -1;
    }
    for (unsigned mask = 0x80; lead & mask; mask >>= 1) {
        len++;
    }
    cp = lead & (0x7F >> len);
    for (int i = 1; i < len; i++) {
        if ((*s & 0xC0) != 0x80) {
            *p = s;
            return -1;
        }
        cp = (cp << 6) | (*s++ & 0x3F);
    }
    *p = s;
    if (!codepoint_valid(cp)) {
        return -1;
    }
    if (cp < min_cp[len - 2] && !(cp == 0 && len == 2)) {
        return -1;
    }
    return cp;
}

/* ---- parser ---- */

static void parse_error(Parser *ps, const char *fmt, ...) QEMU_PRINTF(2, 3);

static void parse_error(Parser *ps, const char *fmt, ...)
{
    va_list ap;
    char *msg;

    if (ps->err) {
        return;
    }
    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    error_setg(&ps->err, "JSON parse error, %s", msg);
    g_free(msg);
}

static Token *peek_token(Parser *ps)
{
    return ps->pos < ps->toks->len ? g_ptr_array_index(ps->toks, ps->pos)
                                   : NULL;
}

static Token *pop_token(Parser *ps)
{
    Token *t = peek_token(ps);

    if (t) {
        ps->pos++;
    }
    return t;
}

static int hex4(const char *s)
{
    int v = 0;

    for (int i = 0; i < 4; i++) {
        if (!g_ascii_isxdigit(s[i])) {
            return -1;
        }
        v = (v << 4) | g_ascii_xdigit_value(s[i]);
    }
    return v;
}

/* The value of a string token (quotes, escapes, UTF-8 checked). */
static json_t *parse_string(Parser *ps, const Token *tok)
{
    const char *p = tok->text;
    char quote = *p++;
    GString *out = g_string_new(NULL);
    json_t *ret = NULL;

    while (*p != quote) {
        if (*p == '\\') {
            const char *beg = p;
            long cp;

            p++;
            switch (*p++) {
            case '"':  g_string_append_c(out, '"');  break;
            case '\'': g_string_append_c(out, '\''); break;
            case '\\': g_string_append_c(out, '\\'); break;
            case '/':  g_string_append_c(out, '/');  break;
            case 'b':  g_string_append_c(out, '\b'); break;
            case 'f':  g_string_append_c(out, '\f'); break;
            case 'n':  g_string_append_c(out, '\n'); break;
            case 'r':  g_string_append_c(out, '\r'); break;
            case 't':  g_string_append_c(out, '\t'); break;
            case 'u':
                cp = hex4(p);
                if (cp < 0) {
                    /* Quote what the user wrote: up to 4 characters. */
                    parse_error(ps, "%.*s is not a valid Unicode character",
                                (int)strnlen(beg, 6), beg);
                    goto out;
                }
                p += 4;
                if (cp >= 0xD800 && cp <= 0xDBFF && p[0] == '\\' &&
                    p[1] == 'u') {
                    int low = hex4(p + 2);

                    if (low >= 0xDC00 && low <= 0xDFFF) {
                        cp = 0x10000 + ((cp & 0x3FF) << 10) + (low & 0x3FF);
                        p += 6;
                    } else {
                        cp = -1;
                    }
                }
                if (!utf8_append(out, cp)) {
                    parse_error(ps, "%.*s is not a valid Unicode character",
                                (int)(p - beg), beg);
                    goto out;
                }
                break;
            default:
                parse_error(ps, "invalid escape sequence in string");
                goto out;
            }
        } else {
            const unsigned char *u = (const unsigned char *)p;
            long cp = utf8_next(&u);

            if (cp < 0) {
                parse_error(ps, "invalid UTF-8 sequence in string");
                goto out;
            }
            utf8_append(out, cp);
            p = (const char *)u;
        }
    }
    ret = json_stringn_nocheck(out->str, out->len);
out:
    g_string_free(out, TRUE);
    return ret;
}

static json_t *real_value(double d)
{
    json_t *v = json_real(d);

    /* jansson has no infinities ("1e999"): keep the largest finite. */
    return v ? v : json_real(copysign(DBL_MAX, d));
}

static json_t *parse_literal(Parser *ps)
{
    Token *tok = pop_token(ps);
    int64_t i;
    uint64_t u;

    switch (tok->type) {
    case TOK_STRING:
        return parse_string(ps, tok);
    case TOK_INTEGER:
        if (!qemu_strtoi64(tok->text, NULL, 10, &i)) {
            return json_integer(i);
        }
        if (tok->text[0] != '-' && !qemu_strtou64(tok->text, NULL, 10, &u)) {
            /* Above INT64_MAX: jansson integers are signed. */
            return real_value((double)u);
        }
        return real_value(strtod(tok->text, NULL));
    default:
        return real_value(strtod(tok->text, NULL));
    }
}

static json_t *parse_keyword(Parser *ps)
{
    Token *tok = pop_token(ps);

    if (!strcmp(tok->text, "true")) {
        return json_true();
    }
    if (!strcmp(tok->text, "false")) {
        return json_false();
    }
    if (!strcmp(tok->text, "null")) {
        return json_null();
    }
    parse_error(ps, "invalid keyword '%s'", tok->text);
    return NULL;
}

static json_t *parse_value(Parser *ps);

static bool parse_pair(Parser *ps, json_t *dict)
{
    json_t *key, *value;
    Token *tok;

    if (!peek_token(ps)) {
        parse_error(ps, "premature EOI");
        return false;
    }
    key = parse_value(ps);
    if (!key) {
        return false;
    }
    if (!json_is_string(key)) {
        parse_error(ps, "key is not a string in object");
        json_decref(key);
        return false;
    }
    tok = pop_token(ps);
    if (!tok) {
        parse_error(ps, "premature EOI");
        goto fail;
    }
    if (tok->type != TOK_COLON) {
        parse_error(ps, "missing : in object pair");
        goto fail;
    }
    value = parse_value(ps);
    if (!value) {
        goto fail;
    }
    if (json_object_get(dict, json_string_value(key))) {
        parse_error(ps, "duplicate key");
        json_decref(value);
        goto fail;
    }
    json_object_set_new_nocheck(dict, json_string_value(key), value);
    json_decref(key);
    return true;

fail:
    json_decref(key);
    return false;
}

static json_t *parse_object(Parser *ps)
{
    json_t *dict = json_object();
    Token *tok;

    pop_token(ps);              /* '{' */
    tok = peek_token(ps);
    if (!tok) {
        parse_error(ps, "premature EOI");
        goto fail;
    }
    if (tok->type == TOK_RCURLY) {
        pop_token(ps);
        return dict;
    }
    if (!parse_pair(ps, dict)) {
        goto fail;
    }
    for (;;) {
        tok = pop_token(ps);
        if (!tok) {
            parse_error(ps, "premature EOI");
            goto fail;
        }
        if (tok->type == TOK_RCURLY) {
            return dict;
        }
        if (tok->type != TOK_COMMA) {
            parse_error(ps, "expected separator in dict");
            goto fail;
        }
        if (!parse_pair(ps, dict)) {
            goto fail;
        }
    }

fail:
    json_decref(dict);
    return NULL;
}

static json_t *parse_array(Parser *ps)
{
    json_t *list = json_array();
    json_t *elt;
    Token *tok;

    pop_token(ps);              /* '[' */
    tok = peek_token(ps);
    if (!tok) {
        parse_error(ps, "premature EOI");
        goto fail;
    }
    if (tok->type == TOK_RSQUARE) {
        pop_token(ps);
        return list;
    }
    for (;;) {
        elt = parse_value(ps);
        if (!elt) {
            parse_error(ps, "expecting value");
            goto fail;
        }
        json_array_append_new(list, elt);
        tok = pop_token(ps);
        if (!tok) {
            parse_error(ps, "premature EOI");
            goto fail;
        }
        if (tok->type == TOK_RSQUARE) {
            return list;
        }
        if (tok->type != TOK_COMMA) {
            parse_error(ps, "expected separator in list");
            goto fail;
        }
    }

fail:
    json_decref(list);
    return NULL;
}

static json_t *parse_value(Parser *ps)
{
    Token *tok = peek_token(ps);

    if (!tok) {
        parse_error(ps, "premature EOI");
        return NULL;
    }
    switch (tok->type) {
    case TOK_LCURLY:
        return parse_object(ps);
    case TOK_LSQUARE:
        return parse_array(ps);
    case TOK_STRING:
    case TOK_INTEGER:
    case TOK_FLOAT:
        return parse_literal(ps);
    case TOK_KEYWORD:
        return parse_keyword(ps);
    default:
        parse_error(ps, "expecting value");
        return NULL;
    }
}

/* ---- reader: tokens -> groups -> values ---- */

/* A value or an error came out; keep the first, flag any second. */
static void reader_emit(Reader *rd, json_t *value, Error *err)
{
    if (rd->result) {
        json_decref(rd->result);
        rd->result = NULL;
        error_setg(&rd->err, "Expecting at most one JSON value");
    }
    if (rd->err) {
        json_decref(value);
        error_free(err);
        return;
    }
    rd->result = value;
    rd->err = err;
}

static void reader_parse_pending(Reader *rd)
{
    Parser ps = { .toks = rd->pending };
    json_t *value = parse_value(&ps);

    if (!value && !ps.err) {
        error_setg(&ps.err, "JSON parse error, expecting value");
    }
    reader_emit(rd, value, ps.err);
    g_ptr_array_set_size(rd->pending, 0);
    rd->pending_bytes = 0;
    rd->braces = rd->brackets = 0;
}

static void reader_fail(Reader *rd, Error *err)
{
    reader_emit(rd, NULL, err);
    g_ptr_array_set_size(rd->pending, 0);
    rd->pending_bytes = 0;
    rd->braces = rd->brackets = 0;
}

static void reader_token(Reader *rd, TokenType type, const char *text,
                         size_t len)
{
    Token *tok;
    Error *err = NULL;

    switch (type) {
    case TOK_LCURLY:
        rd->braces++;
        break;
    case TOK_RCURLY:
        rd->braces--;
        break;
    case TOK_LSQUARE:
        rd->brackets++;
        break;
    case TOK_RSQUARE:
        rd->brackets--;
        break;
    default:
        break;
    }
    if (rd->pending_bytes + len + 1 > JSON_MAX_TOKEN_SIZE) {
        error_setg(&err, "JSON token size limit exceeded");
    } else if (rd->pending->len + 1 > JSON_MAX_TOKEN_COUNT) {
        error_setg(&err, "JSON token count limit exceeded");
    } else if (rd->braces + rd->brackets > JSON_MAX_NESTING) {
        error_setg(&err, "JSON nesting depth limit exceeded");
    }
    if (err) {
        reader_fail(rd, err);
        return;
    }

    tok = g_new(Token, 1);
    tok->type = type;
    tok->text = g_strndup(text, len);
    g_ptr_array_add(rd->pending, tok);
    rd->pending_bytes += len;

    if ((rd->braces > 0 || rd->brackets > 0) &&
        rd->braces >= 0 && rd->brackets >= 0) {
        return;                 /* group still open */
    }
    reader_parse_pending(rd);
}

/* A lexical error: the text of the bad token, up to and with the bad byte. */
static void reader_stray(Reader *rd, const char *text, size_t len)
{
    Error *err = NULL;
    char *s = g_strndup(text, len);

    error_setg(&err, "JSON parse error, stray '%s'", s);
    g_free(s);
    reader_fail(rd, err);
}

/*
 * Cut one token starting at s[*pos] (not blank).  Returns false after a
 * lexical error (already reported to rd).  Words and numbers end at the
 * first byte that cannot continue them (which then starts the next token);
 * a string or number cut short is an error that quotes it up to and with
 * the offending byte.
 */
static bool lex_one(Reader *rd, const char *s, size_t *pos)
{
    size_t i = *pos, j = i;
    unsigned char c = s[i];
    TokenType type;

#define STRAY_AT(k) do { \
        size_t k_ = (k); \
        reader_stray(rd, s + i, k_ - i + (s[k_] != '\0')); \
        return false; \
    } while (0)

    switch (c) {
    case '{': type = TOK_LCURLY;  j++; goto emit;
    case '}': type = TOK_RCURLY;  j++; goto emit;
    case '[': type = TOK_LSQUARE; j++; goto emit;
    case ']': type = TOK_RSQUARE; j++; goto emit;
    case ',': type = TOK_COMMA;   j++; goto emit;
    case ':': type = TOK_COLON;   j++; goto emit;
    case '"':
    case '\'':
        for (j = i + 1;; j++) {
            unsigned char d = s[j];

            if (d == c) {
                j++;
                type = TOK_STRING;
                goto emit;
            }
            if (d == '\\') {
                j++;
                d = s[j];
            }
            if (d < 0x20 || d >= 0xFE) {
                STRAY_AT(j);
            }
        }
    case 'a' ... 'z':
        while (s[j] >= 'a' && s[j] <= 'z') {
            j++;
        }
        type = TOK_KEYWORD;
        goto emit;
    case '-':
    case '0' ... '9':
        if (c == '-') {
            j++;
            if (!g_ascii_isdigit(s[j])) {
                STRAY_AT(j);
            }
        }
        if (s[j] == '0') {
            j++;
            if (g_ascii_isdigit(s[j])) {
                STRAY_AT(j);
            }
        } else {
            while (g_ascii_isdigit(s[j])) {
                j++;
            }
        }
        type = TOK_INTEGER;
        if (s[j] == '.') {
            j++;
            if (!g_ascii_isdigit(s[j])) {
                STRAY_AT(j);
            }
            while (g_ascii_isdigit(s[j])) {
                j++;
            }
            type = TOK_FLOAT;
        }
        if (s[j] == 'e' || s[j] == 'E') {
            j++;
            if (s[j] == '+' || s[j] == '-') {
                j++;
            }
            if (!g_ascii_isdigit(s[j])) {
                STRAY_AT(j);
            }
            while (g_ascii_isdigit(s[j])) {
                j++;
            }
            type = TOK_FLOAT;
        }
        goto emit;
    default:
        STRAY_AT(i);
    }

emit:
    reader_token(rd, type, s + i, j - i);
    *pos = j;
    return true;
#undef STRAY_AT
}

json_t *qemu_json_parse_value(const char *str, Error **errp)
{
    Reader rd = { .pending = g_ptr_array_new_with_free_func(token_free) };
    size_t pos = 0;

    while (str[pos] && !rd.err) {
        if (strchr(" \t\r\n", str[pos])) {
            pos++;
            continue;
        }
        if (rd.result) {
            /* Anything after a complete value is a second value. */
            reader_emit(&rd, NULL, NULL);
            break;
        }
        if (!lex_one(&rd, str, &pos)) {
            break;
        }
    }
    if (!rd.err && rd.pending->len) {
        reader_parse_pending(&rd);
    }
    g_ptr_array_free(rd.pending, TRUE);
    if (!rd.result && !rd.err) {
        error_setg(&rd.err, "Expecting a JSON value");
    }
    if (rd.err) {
        error_propagate(errp, rd.err);
        return NULL;
    }
    return rd.result;
}
