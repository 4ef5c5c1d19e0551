/*
 * qmp.c: the QMP protocol on a chardev.
 *
 * Per connection: greeting on CHR_EVENT_OPENED, capability negotiation
 * (only qmp_capabilities until it succeeds), then requests.  Bytes go
 * through a JsonStream, so requests may arrive split or batched in any way;
 * complete values are queued and dispatched in order, in the main loop,
 * each response going to the monitor's output buffer.  Dispatching stops
 * while the client does not read its replies (more than
 * MONITOR_OUT_CONGESTED waiting) and so does reading, so a client cannot
 * make us produce unbounded output; it resumes once the backlog drains.  Commands run to
 * completion one at a time, so "exec-oob" (once the client enabled "oob")
 * needs no separate queue: nothing is ever waiting in front of it.
 *
 * On CHR_EVENT_CLOSED the session is reset (partial input and unsent output
 * dropped, negotiation required again); the next client gets a new
 * greeting.  Events go to every connected monitor that finished
 * negotiation.
 */
#include "qemu/osdep.h"
#include "monitor/monitor-internal.h"
#include "qapi/qmp-json.h"

typedef struct MonitorQMP {
    Monitor common;         /* must be first */
    bool pretty;
    bool connected;         /* between CHR_EVENT_OPENED and _CLOSED */
    bool negotiating;       /* qmp_capabilities not run yet */
    bool oob_enabled;       /* the client enabled the "oob" capability */
    JsonStream *parser;
    /*
     * Parsed input waiting to run (QmpInput *): requests are dispatched
     * only while the client reads its replies (see qmp_process_input).
     */
    GQueue input;
} MonitorQMP;

/* One value from the stream: a request, or a parse error. */
typedef struct QmpInput {
    json_t *value;
    Error *err;
} QmpInput;

json_t *qmp_version_info(void)
{
    return json_pack("{s:{s:i, s:i, s:i}, s:s}",
                     "qemu",
                     "micro", QEMU_VERSION_MICRO,
                     "minor", QEMU_VERSION_MINOR,
                     "major", QEMU_VERSION_MAJOR,
                     "package", QEMU_PKGVERSION);
}

/* Queue one message: one line ending "\r\n" (several with pretty=on). */
static void qmp_send(MonitorQMP *mon, json_t *msg)
{
    g_autofree char *text = qmp_json_to_string(msg, mon->pretty);
    GString *out = g_string_sized_new(strlen(text) + 16);

    for (const char *p = text; *p; p++) {
        if (*p == '\n') {
            g_string_append_c(out, '\r');
        }
        g_string_append_c(out, *p);
    }
    g_string_append(out, "\r\n");
    monitor_write_raw(&mon->common, out->str, out->len);
    g_string_free(out, TRUE);
}

static void qmp_send_greeting(MonitorQMP *mon)
{
    json_t *greeting = json_pack("{s:{s:o, s:[s]}}",
                                 "QMP",
                                 "version", qmp_version_info(),
                                 "capabilities", "oob");

    qmp_send(mon, greeting);
    json_decref(greeting);
}

/* Run one request (or report one parse error). */
static void qmp_handle_input(MonitorQMP *mon, QmpInput *in)
{
    json_t *resp;

    if (in->err) {
        resp = qmp_error_response(in->err, NULL);
    } else {
        Monitor *old = monitor_set_cur(&mon->common);

        resp = qmp_dispatch_session(in->value, mon->negotiating,
                                    mon->oob_enabled);
        monitor_set_cur(old);
        json_decref(in->value);
    }
    g_free(in);
    qmp_send(mon, resp);
    json_decref(resp);
}

/*
 * Dispatch queued input in order while the client keeps up with its
 * replies; the rest waits for the backlog to drain (mon->drained).
 */
static void qmp_process_input(MonitorQMP *mon)
{
    QmpInput *in;

    while (!monitor_out_congested(&mon->common) &&
           (in = g_queue_pop_head(&mon->input))) {
        qmp_handle_input(mon, in);
    }
}

static void qmp_drop_input(MonitorQMP *mon)
{
    QmpInput *in;

    while ((in = g_queue_pop_head(&mon->input))) {
        if (in->value) {
            json_decref(in->value);
        }
        error_free(in->err);
        g_free(in);
    }
}

/* JsonStream callback: one complete value (or a parse error). */
static void qmp_queue_value(void *opaque, json_t *value, Error *err)
{
    MonitorQMP *mon = opaque;
    QmpInput *in = g_new0(QmpInput, 1);

    in->value = value;
    in->err = err;
    g_queue_push_tail(&mon->input, in);
}

static int qmp_can_read(void *opaque)
{
    MonitorQMP *mon = opaque;

    /* Stop reading while the client is not reading its replies. */
    if (monitor_out_congested(&mon->common) ||
        !g_queue_is_empty(&mon->input)) {
        return 0;
    }
    return 4096;
}

static void qmp_read(void *opaque, const uint8_t *buf, int size)
{
    MonitorQMP *mon = opaque;

    if (size > 0) {
        json_stream_feed(mon->parser, (const char *)buf, size);
    }
    qmp_process_input(mon);
}

static void qmp_drained(Monitor *m)
{
    qmp_process_input((MonitorQMP *)m);
}

static void qmp_session_reset(MonitorQMP *mon)
{
    mon->negotiating = true;
    mon->oob_enabled = false;
    json_stream_reset(mon->parser);
    qmp_drop_input(mon);
}

static void qmp_event(void *opaque, QEMUChrEvent event)
{
    MonitorQMP *mon = opaque;

    switch (event) {
    case CHR_EVENT_OPENED:
        qmp_session_reset(mon);
        mon->connected = true;
        qmp_send_greeting(mon);
        break;
    case CHR_EVENT_CLOSED:
        mon->connected = false;
        qmp_session_reset(mon);
        monitor_out_reset(&mon->common);
        break;
    default:
        break;
    }
}

static void qmp_destroy(Monitor *m)
{
    MonitorQMP *mon = (MonitorQMP *)m;

    if (m->chr.chr) {
        qemu_chr_fe_set_handlers(&m->chr, NULL, NULL, NULL, NULL, NULL,
                                 false);
    }
    json_stream_free(mon->parser);
    mon->parser = NULL;
    qmp_drop_input(mon);
}

bool monitor_init_qmp(Chardev *chr, bool pretty, Error **errp)
{
    MonitorQMP *mon = g_new0(MonitorQMP, 1);

    monitor_data_init(&mon->common, true);
    if (!qemu_chr_fe_init(&mon->common.chr, chr, errp)) {
        monitor_data_destroy(&mon->common);
        g_free(mon);
        return false;
    }
    mon->pretty = pretty;
    mon->negotiating = true;
    mon->parser = json_stream_new(qmp_queue_value, mon, false);
    g_queue_init(&mon->input);
    mon->common.destroy = qmp_destroy;
    mon->common.drained = qmp_drained;
    monitor_list_append(&mon->common);
    qemu_chr_fe_set_handlers(&mon->common.chr, qmp_can_read, qmp_read,
                             qmp_event, mon, NULL, true);
    return true;
}

/* ---- events ---- */

static void broadcast_one(Monitor *m, void *opaque)
{
    MonitorQMP *mon = (MonitorQMP *)m;

    if (m->is_qmp && mon->connected && !mon->negotiating) {
        qmp_send(mon, opaque);
    }
}

void monitor_qmp_broadcast(json_t *event)
{
    monitor_foreach(broadcast_one, event);
}

json_t *qmp_event_build(const char *name, json_t *data)
{
    gint64 now = g_get_real_time();
    json_t *ev = json_pack("{s:{s:I, s:I}, s:s}",
                           "timestamp",
                           "seconds", (json_int_t)(now / G_USEC_PER_SEC),
                           "microseconds",
                           (json_int_t)(now % G_USEC_PER_SEC),
                           "event", name);

    if (data) {
        json_object_set_new(ev, "data", data);
    }
    return ev;
}

void qapi_event_send(const char *name, json_t *data)
{
    json_t *ev = qmp_event_build(name, data);

    monitor_qmp_broadcast(ev);
    json_decref(ev);
}

/* ---- qmp_capabilities ---- */

static json_t *qmp_capabilities(json_t *args, Error **errp)
{
    Monitor *cur = monitor_cur();
    json_t *enable = json_object_get(args, "enable");
    bool oob = false;
    size_t i;
    json_t *cap;

    json_array_foreach(enable, i, cap) {
        if (strcmp(json_string_value(cap), "oob") == 0) {
            oob = true;
        }
    }
    if (cur && cur->is_qmp) {
        MonitorQMP *mon = (MonitorQMP *)cur;

        mon->negotiating = false;
        mon->oob_enabled = oob;
    }
    return json_object();
}

static void qmp_register_protocol_commands(void)
{
    qmp_register_command("qmp_capabilities", qmp_capabilities,
                         QCO_ALLOW_PRECONFIG);
}
qmp_command_init(qmp_register_protocol_commands);
