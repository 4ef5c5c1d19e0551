/*
 * hmp.c: the human monitor on a chardev, and hmp_run_command().
 *
 * Bytes from the chardev go to the line editor one at a time (can_read
 * says 1, as QEMU's does, so a command line that suspends the monitor
 * stops the input right there); Enter runs the line and prints the prompt
 * again.  Output goes through the common monitor buffer
 * (monitor-internal.h), which turns "\n" into "\r\n".
 *
 * Events, as QEMU 7.2 handles them:
 *   OPENED   (a client connected, or an always-open backend started) the
 *            banner "QEMU 7.2.0 monitor - type 'help' for more
 *            information", then a fresh prompt "(qemu) ";
 *   MUX_OUT  (Ctrl-A c moved the focus of a shared chardev away) a line
 *            break, and input is suspended;
 *   MUX_IN   (the focus came back) the line being edited is dropped and
 *            the prompt printed again.  A monitor that was not focused
 *            when the chardev opened shows its banner at this point.
 *
 * Without readline (use_readline false, a frontend feeding whole
 * commands) each read must carry one NUL-terminated command line.
 */
#include "qemu/osdep.h"
#include "monitor/hmp-internal.h"

#define HMP_BANNER \
    "QEMU " QEMU_VERSION " monitor - type 'help' for more information\n"
#define HMP_PROMPT "(qemu) "

typedef struct MonitorHMP {
    Monitor common;             /* first: see monitor-internal.h */
    ReadLineState *rs;          /* NULL without readline */
    bool reset_seen;            /* the chardev has opened once */
    bool mux_out;               /* a shared chardev's focus is elsewhere */
    bool banner_pending;        /* opened while mux_out: banner at MUX_IN */
    int suspend_cnt;            /* > 0: input is not read */
    bool input_refused;         /* can_read said 0 while suspended */
    guint accept_idle;          /* pending qemu_chr_fe_accept_input() */
} MonitorHMP;

static MonitorHMP *hmp_of(Monitor *mon)
{
    return mon && !monitor_is_qmp(mon) ? (MonitorHMP *)mon : NULL;
}

ReadLineState *hmp_monitor_readline(Monitor *mon)
{
    MonitorHMP *h = hmp_of(mon);

    return h ? h->rs : NULL;
}

void hmp_monitor_suspend(Monitor *mon)
{
    MonitorHMP *h = hmp_of(mon);

    if (h) {
        h->suspend_cnt++;
    }
}

/*
 * Resume reading from an idle callback: accepting input from inside a
 * chardev callback could re-enter it.
 */
static gboolean hmp_accept_input(gpointer opaque)
{
    MonitorHMP *h = opaque;

    h->accept_idle = 0;
    if (h->common.chr.chr) {
        qemu_chr_fe_accept_input(&h->common.chr);
    }
    return G_SOURCE_REMOVE;
}

static void hmp_resume(MonitorHMP *h)
{
    if (h->suspend_cnt == 0 || --h->suspend_cnt > 0) {
        return;
    }
    if (h->reset_seen && h->rs) {
        readline_restart(h->rs);
        readline_show_prompt(h->rs);
    }
    if (h->input_refused && !h->accept_idle && h->common.chr.chr) {
        h->input_refused = false;
        h->accept_idle = g_idle_add(hmp_accept_input, h);
    }
}

/* ---- readline callbacks ---- */

static void hmp_readline_write(void *opaque, const char *text)
{
    MonitorHMP *h = opaque;

    monitor_puts(&h->common, text);
}

static void hmp_readline_line(void *opaque, const char *line)
{
    MonitorHMP *h = opaque;

    /* Like QEMU: no input while the command runs; the prompt after it. */
    h->suspend_cnt++;
    hmp_handle_command(&h->common, line);
    hmp_resume(h);
}

static void hmp_readline_complete(void *opaque, const char *text)
{
    MonitorHMP *h = opaque;

    hmp_complete(h->rs, text);
}

/* ---- chardev callbacks ---- */

static int hmp_can_read(void *opaque)
{
    MonitorHMP *h = opaque;

    if (h->suspend_cnt > 0) {
        h->input_refused = true;
        return 0;
    }
    /* Output backlog: monitor.c resumes the input once it drains. */
    if (monitor_out_congested(&h->common)) {
        return 0;
    }
    return h->rs ? 1 : 4096;
}

static void hmp_read(void *opaque, const uint8_t *buf, int size)
{
    MonitorHMP *h = opaque;

    if (h->rs) {
        for (int i = 0; i < size && h->suspend_cnt == 0; i++) {
            readline_handle_byte(h->rs, buf[i]);
        }
        return;
    }
    if (size <= 0 || buf[size - 1] != '\0') {
        monitor_printf(&h->common, "corrupted command\n");
        return;
    }
    hmp_handle_command(&h->common, (const char *)buf);
}

static void hmp_event(void *opaque, QEMUChrEvent event)
{
    MonitorHMP *h = opaque;
    Monitor *mon = &h->common;

    switch (event) {
    case CHR_EVENT_MUX_IN:
        h->mux_out = false;
        if (h->reset_seen) {
            if (h->banner_pending) {
                h->banner_pending = false;
                monitor_puts(mon, HMP_BANNER);
            }
            if (h->rs) {
                readline_restart(h->rs);
            }
            hmp_resume(h);
        } else {
            h->suspend_cnt = 0;
        }
        break;
    case CHR_EVENT_MUX_OUT:
        if (h->reset_seen && h->suspend_cnt == 0) {
            monitor_puts(mon, "\n");
        }
        h->suspend_cnt++;
        h->mux_out = true;
        break;
    case CHR_EVENT_OPENED:
        if (h->mux_out) {
            h->banner_pending = true;
        } else {
            monitor_puts(mon, HMP_BANNER);
            if (h->rs) {
                readline_restart(h->rs);
                readline_show_prompt(h->rs);
            }
        }
        h->reset_seen = true;
        break;
    case CHR_EVENT_CLOSED:
    case CHR_EVENT_BREAK:
        break;
    }
}

/* ---- lifetime ---- */

static void hmp_destroy(Monitor *mon)
{
    MonitorHMP *h = (MonitorHMP *)mon;

    if (h->accept_idle) {
        g_source_remove(h->accept_idle);
        h->accept_idle = 0;
    }
    /* Events may still arrive until the chardev is detached. */
    readline_free(h->rs);
    h->rs = NULL;
}

bool monitor_init_hmp(Chardev *chr, bool use_readline, Error **errp)
{
    MonitorHMP *h = g_new0(MonitorHMP, 1);

    monitor_data_init(&h->common, false);
    if (!qemu_chr_fe_init(&h->common.chr, chr, errp)) {
        monitor_data_destroy(&h->common);
        g_free(h);
        return false;
    }
    h->common.destroy = hmp_destroy;
    if (use_readline) {
        h->rs = readline_new(hmp_readline_write, hmp_readline_line,
                             hmp_readline_complete, h);
        readline_set_prompt(h->rs, HMP_PROMPT);
    }
    monitor_list_append(&h->common);
    /* Last: an open chardev reports CHR_EVENT_OPENED right away. */
    qemu_chr_fe_set_handlers(&h->common.chr, hmp_can_read, hmp_read,
                             hmp_event, h, NULL, true);
    return true;
}

char *hmp_run_command(const char *cmdline)
{
    MonitorHMP *h = g_new0(MonitorHMP, 1);
    char *out;

    /* A capture monitor: no chardev, the output stays in outbuf. */
    monitor_data_init(&h->common, false);
    hmp_handle_command(&h->common, cmdline ? cmdline : "");
    out = g_strndup(h->common.outbuf->str, h->common.outbuf->len);
    monitor_data_destroy(&h->common);
    g_free(h);
    return out;
}
