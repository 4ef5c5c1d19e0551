/*
 * qmp-json.h: JSON as QMP speaks it.
 *
 * Reading.  A JsonStream cuts a byte stream that arrives in arbitrary
 * chunks (a socket, a pipe) into JSON values, one callback per value: it
 * tracks brackets and strings byte by byte, so several values in one chunk
 * and one value split over many chunks both work, and each complete value
 * is parsed once (by jansson).  As QEMU's parser it accepts single-quoted
 * strings ('abc' == "abc").  Errors are reported with QEMU's texts
 * ("JSON parse error, ...") and the stream carries on with the next value:
 * a bad value is skipped up to its closing bracket (or, for a stray word,
 * to the next delimiter).
 *
 * Limits per value (as QEMU's): nesting deeper than JSON_MAX_NESTING
 * ("JSON nesting depth limit exceeded"), more than JSON_MAX_SIZE bytes
 * ("JSON token size limit exceeded") or more than JSON_MAX_TOKENS tokens
 * ("JSON token count limit exceeded").  After such an error the rest of
 * that value is read and thrown away without buffering, so an endless
 * value costs no memory.
 *
 * With comments enabled (the schema files) '#' outside a string starts a
 * comment up to the end of the line.
 *
 * Writing.  qmp_json_append() prints a value as QEMU prints QMP: compact
 * {"a": 1, "b": [1, 2]}, or "pretty" (4-space indent, "\n" line breaks,
 * empty containers as "{\n}"); non-ASCII characters and control characters
 * as \uXXXX escapes (upper-case hex), invalid UTF-8 as \uFFFD; reals as
 * %.17g.
 */
#ifndef QAPI_QMP_JSON_H
#define QAPI_QMP_JSON_H

#include "qemu/osdep.h"
#include "qapi/error.h"

#define JSON_MAX_NESTING 1024
#define JSON_MAX_SIZE (64 * 1024 * 1024)
#define JSON_MAX_TOKENS (2 * 1024 * 1024)

typedef struct JsonStream JsonStream;

/*
 * Called once per value: value (a new reference the callee owns) and
 * err == NULL, or value == NULL and err (owned by the callee) describing a
 * malformed or oversized value.
 */
typedef void JsonStreamFunc(void *opaque, json_t *value, Error *err);

/* A new stream calling fn(opaque, ...); allow_comments: '#' comments. */
JsonStream *json_stream_new(JsonStreamFunc *fn, void *opaque,
                            bool allow_comments);
/*
 * Feed len bytes; calls fn for every value completed by them (fn may feed
 * or reset this same stream only after returning).
 */
void json_stream_feed(JsonStream *s, const char *buf, size_t len);
/*
 * End of input: a pending top-level word is completed; an unfinished
 * value is reported as "JSON parse error, expecting value" (schema text).
 */
void json_stream_flush(JsonStream *s);
/* Forget any partial value (a client disconnected). */
void json_stream_reset(JsonStream *s);
void json_stream_free(JsonStream *s);

/* Append v to out in QMP's format (see above). */
void qmp_json_append(GString *out, json_t *v, bool pretty);
/* v in QMP's format as a new string (g_free it). */
char *qmp_json_to_string(json_t *v, bool pretty);

#endif
