/*
 * readline.h: the line editor of the human monitor.
 *
 * A ReadLineState turns the bytes a terminal sends into edited lines.  It
 * knows nothing of monitors or chardevs: it gets bytes with
 * readline_handle_byte() and talks back through three callbacks given to
 * readline_new():
 *   - write(opaque, text): echo and redraw output (text may contain "\n",
 *     which the caller's terminal layer is expected to send as "\r\n");
 *   - line(opaque, line): Enter was pressed on `line`;
 *   - complete(opaque, text): Tab was pressed; `text` is the line up to
 *     the cursor.  The callback proposes candidates with
 *     readline_add_completion() and says, with
 *     readline_set_completion_index(), how many characters of the last
 *     word are already typed.
 *
 * Editing keys (as QEMU's monitor, plus a few usual ones):
 *   printable bytes     insert at the cursor
 *   Left/Right          ESC [ D / ESC [ C (also ESC O D / ESC O C)
 *   Home                Ctrl-A, ESC [ H, ESC [ 1 ~, ESC [ 7 ~, ESC O H
 *   End                 Ctrl-E, ESC [ F, ESC [ 4 ~, ESC [ 8 ~, ESC O F
 *   Delete              ESC [ 3 ~, Ctrl-D (the character under the cursor)
 *   Backspace           0x7f or 0x08
 *   Ctrl-K / Ctrl-U     delete to the end / to the start of the line
 *   Ctrl-W              delete the word before the cursor
 *   Up/Down             ESC [ A / ESC [ B, Ctrl-P / Ctrl-N: history
 *   Tab                 completion
 *   CR or LF            end of line (so CR LF gives an extra empty line)
 * Other control bytes and unknown escape sequences are ignored; bytes from
 * 0x80 up are text (UTF-8 passes through).
 *
 * Redrawing: after each byte, if the text changed the editor moves the
 * cursor back to the start of the line (ESC [ D per column), prints the
 * whole line and ESC [ K; then it moves the cursor to its place with
 * ESC [ C / ESC [ D.  This is exactly what QEMU sends, so a terminal (or a
 * test comparing output) sees the same bytes.
 *
 * History keeps the last READLINE_MAX_HISTORY distinct non-empty lines: a
 * line already present moves to the end instead of being stored twice.
 */
#ifndef QEMU_READLINE_H
#define QEMU_READLINE_H

#include "qemu/osdep.h"

/* Longest line (longer input is ignored), history size, candidates. */
#define READLINE_MAX_LEN 4095
#define READLINE_MAX_HISTORY 64
#define READLINE_MAX_COMPLETIONS 256

typedef struct ReadLineState ReadLineState;

typedef void ReadLineWriteFunc(void *opaque, const char *text);
typedef void ReadLineLineFunc(void *opaque, const char *line);
typedef void ReadLineCompletionFunc(void *opaque, const char *text);

/* A new editor with an empty line, empty history and the prompt "". */
ReadLineState *readline_new(ReadLineWriteFunc *write, ReadLineLineFunc *line,
                            ReadLineCompletionFunc *complete, void *opaque);
void readline_free(ReadLineState *rs);

/* The prompt readline_show_prompt() prints (copied). */
void readline_set_prompt(ReadLineState *rs, const char *prompt);
/*
 * Password mode: the line is echoed as '*' and not added to the history
 * (for commands that ask for a secret).
 */
void readline_set_password(ReadLineState *rs, bool password);
/* Print the prompt; the current line is redrawn after it on the next
 * update (so a prompt after a completion list shows the line again). */
void readline_show_prompt(ReadLineState *rs);
/* Forget the line being edited (not the history). */
void readline_restart(ReadLineState *rs);

/* Process one byte from the terminal. */
void readline_handle_byte(ReadLineState *rs, uint8_t ch);
/* readline_handle_byte() for each of len bytes (the line callback must
 * then not free rs). */
void readline_feed(ReadLineState *rs, const uint8_t *buf, size_t len);

/* From the completion callback: propose str (duplicates are ignored). */
void readline_add_completion(ReadLineState *rs, const char *str);
/* From the completion callback: the first `index` characters of each
 * candidate are already typed. */
void readline_set_completion_index(ReadLineState *rs, size_t index);

/* History entry `index` (0 = oldest), or NULL past the end. */
const char *readline_get_history(ReadLineState *rs, unsigned int index);
/* Add a line to the history as Enter does (ignored when empty). */
void readline_add_history(ReadLineState *rs, const char *line);

/* The line being edited and the cursor position (for tests). */
const char *readline_get_line(ReadLineState *rs);
size_t readline_get_cursor(ReadLineState *rs);

#endif
