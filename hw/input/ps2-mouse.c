/*
 * ps2-mouse.c: the PS/2 mouse ("ps2-mouse") with the IntelliMouse (wheel)
 * and IntelliMouse Explorer (wheel, buttons 4 and 5) extensions.
 *
 * References: IBM PS/2 Hardware Interface Technical Reference, "Keyboard
 * and Auxiliary Device Controller" / pointing device commands; Microsoft
 * IntelliMouse protocol (sample-rate knock 200,100,80 -> ID 3 and
 * 200,200,80 -> ID 4, 4-byte packets).
 *
 * As on the reference: the state after power-on reports resolution and
 * sample rate 0 until a reset or set-defaults command; unknown commands
 * get no reply; the status byte does not include the buttons; the Explorer
 * knock works from any mode; every host input event queues at least one
 * packet (a button change without motion too).
 */
#include "qemu/osdep.h"
#include "ps2-internal.h"

#define AUX_SET_SCALE11     0xe6
#define AUX_SET_SCALE21     0xe7
#define AUX_SET_RES         0xe8
#define AUX_GET_SCALE       0xe9    /* status request */
#define AUX_SET_STREAM      0xea
#define AUX_POLL            0xeb    /* read data */
#define AUX_RESET_WRAP      0xec
#define AUX_SET_WRAP        0xee
#define AUX_SET_REMOTE      0xf0
#define AUX_GET_TYPE        0xf2
#define AUX_SET_SAMPLE      0xf3
#define AUX_ENABLE_DEV      0xf4
#define AUX_DISABLE_DEV     0xf5
#define AUX_SET_DEFAULT     0xf6
#define AUX_RESET           0xff

#define MOUSE_STATUS_REMOTE     0x40
#define MOUSE_STATUS_ENABLED    0x20
#define MOUSE_STATUS_SCALE21    0x10

#define MOUSE_TYPE_PS2          0
#define MOUSE_TYPE_IMPS2        3
#define MOUSE_TYPE_IMEX         4

/* Host input goes to the newest mouse (head of the list). */
static GSList *ps2_mice;

static int clamp_delta(int v, int limit)
{
    return v > limit ? limit : v < -limit ? -limit : v;
}

/*
 * One movement packet from the pending motion (IBM: byte 0 = Y/X
 * overflow, Y/X sign, 1, middle, right, left; then X and Y; the wheel
 * byte of the IntelliMouse modes).  As a reply (read data command) it
 * goes ahead of stream packets; as an event it needs room in the queue.
 */
static bool ps2_mouse_send_packet(PS2MouseState *s, bool reply)
{
    PS2State *ps2 = PS2_DEVICE(s);
    int n = s->type == MOUSE_TYPE_PS2 ? 3 : 4;
    int dx = clamp_delta(s->dx, 127);
    int dy = clamp_delta(s->dy, 127);
    int dz = s->dz;
    uint8_t pkt[4];
    int i;

    if (!reply && ps2_event_space(ps2) < n) {
        return false;
    }
    pkt[0] = 0x08 | (dx < 0 ? 0x10 : 0) | (dy < 0 ? 0x20 : 0) |
             (s->buttons & 0x07);
    pkt[1] = dx & 0xff;
    pkt[2] = dy & 0xff;
    if (s->type == MOUSE_TYPE_IMPS2) {
        dz = clamp_delta(dz, 127);
        pkt[3] = dz & 0xff;
    } else if (s->type == MOUSE_TYPE_IMEX) {
        dz = clamp_delta(dz, 7);
        pkt[3] = (dz & 0x0f) | ((s->buttons & 0x18) << 1);
    }
    if (reply) {
        for (i = 0; i < n; i++) {
            ps2_queue_reply(ps2, pkt[i]);
        }
    } else {
        ps2_queue_event(ps2, pkt, n);
    }
    s->dx -= dx;
    s->dy -= dy;
    /* A mode without a wheel drops the wheel motion. */
    s->dz -= dz;
    return true;
}

static void ps2_mouse_defaults(PS2MouseState *s)
{
    s->sample_rate = 100;
    s->resolution = 2;
    s->status = 0;
}

/* The IntelliMouse knock: set-sample-rate 200,100,80 or 200,200,80. */
static void ps2_mouse_detect(PS2MouseState *s, uint8_t rate)
{
    switch (s->detect_state) {
    case 0:
        s->detect_state = rate == 200 ? 1 : 0;
        break;
    case 1:
        s->detect_state = rate == 100 ? 2 : rate == 200 ? 3 : 0;
        break;
    case 2:
        if (rate == 80) {
            s->type = MOUSE_TYPE_IMPS2;
        }
        s->detect_state = 0;
        break;
    default:
        if (rate == 80) {
            s->type = MOUSE_TYPE_IMEX;
        }
        s->detect_state = 0;
        break;
    }
}

void ps2_write_mouse(PS2MouseState *s, uint8_t val)
{
    PS2State *ps2 = PS2_DEVICE(s);

    if (ps2->write_cmd == AUX_SET_SAMPLE) {
        s->sample_rate = val;
        ps2_mouse_detect(s, val);
        ps2_queue_reply(ps2, PS2_REPLY_ACK);
        ps2->write_cmd = -1;
        return;
    }
    if (ps2->write_cmd == AUX_SET_RES) {
        s->resolution = val;
        ps2_queue_reply(ps2, PS2_REPLY_ACK);
        ps2->write_cmd = -1;
        return;
    }
    /* Wrap (echo) mode: everything but the two ways out comes back. */
    if (s->wrap && val != AUX_RESET_WRAP && val != AUX_RESET) {
        ps2_queue_reply(ps2, val);
        return;
    }
    switch (val) {
    case AUX_SET_SCALE11:
        s->status &= ~MOUSE_STATUS_SCALE21;
        ps2_queue_reply(ps2, PS2_REPLY_ACK);
        break;
    case AUX_SET_SCALE21:
        s->status |= MOUSE_STATUS_SCALE21;
        ps2_queue_reply(ps2, PS2_REPLY_ACK);
        break;
    case AUX_SET_RES:
    case AUX_SET_SAMPLE:
        ps2->write_cmd = val;
        ps2_queue_reply(ps2, PS2_REPLY_ACK);
        break;
    case AUX_GET_SCALE:
        ps2_queue_reply(ps2, PS2_REPLY_ACK);
        ps2_queue_reply(ps2, s->status);
        ps2_queue_reply(ps2, s->resolution);
        ps2_queue_reply(ps2, s->sample_rate);
        break;
    case AUX_SET_STREAM:
        s->status &= ~MOUSE_STATUS_REMOTE;
        ps2_queue_reply(ps2, PS2_REPLY_ACK);
        break;
    case AUX_POLL:
        ps2_queue_reply(ps2, PS2_REPLY_ACK);
        ps2_mouse_send_packet(s, true);
        break;
    case AUX_RESET_WRAP:
        s->wrap = false;
        ps2_queue_reply(ps2, PS2_REPLY_ACK);
        break;
    case AUX_SET_WRAP:
        s->wrap = true;
        ps2_queue_reply(ps2, PS2_REPLY_ACK);
        break;
    case AUX_SET_REMOTE:
        s->status |= MOUSE_STATUS_REMOTE;
        ps2_queue_reply(ps2, PS2_REPLY_ACK);
        break;
    case AUX_GET_TYPE:
        ps2_queue_reply(ps2, PS2_REPLY_ACK);
        ps2_queue_reply(ps2, s->type);
        break;
    case AUX_ENABLE_DEV:
        s->status |= MOUSE_STATUS_ENABLED;
        ps2_queue_reply(ps2, PS2_REPLY_ACK);
        break;
    case AUX_DISABLE_DEV:
        s->status &= ~MOUSE_STATUS_ENABLED;
        ps2_queue_reply(ps2, PS2_REPLY_ACK);
        break;
    case AUX_SET_DEFAULT:
        ps2_mouse_defaults(s);
        ps2_queue_reply(ps2, PS2_REPLY_ACK);
        break;
    case AUX_RESET:
        ps2_mouse_defaults(s);
        s->wrap = false;
        s->type = MOUSE_TYPE_PS2;
        s->detect_state = 0;
        ps2_queue_reset(ps2);
        ps2_queue_reply(ps2, PS2_REPLY_ACK);
        ps2_queue_reply(ps2, PS2_REPLY_BAT_OK);
        ps2_queue_reply(ps2, s->type);
        break;
    default:
        break;
    }
}

void ps2_mouse_event(DeviceState *dev, int dx, int dy, int dz,
                     uint32_t buttons)
{
    PS2MouseState *s = PS2_MOUSE_DEVICE(dev);

    /* A disabled mouse neither reports nor accumulates motion. */
    if (!(s->status & MOUSE_STATUS_ENABLED)) {
        return;
    }
    /* Saturate rather than overflow on absurd input. */
    s->dx = clamp_delta(s->dx + clamp_delta(dx, 1 << 20), 1 << 24);
    s->dy = clamp_delta(s->dy - clamp_delta(dy, 1 << 20), 1 << 24);
    s->dz = clamp_delta(s->dz + clamp_delta(dz, 1 << 20), 1 << 24);
    s->buttons = buttons & 0x1f;
    if (s->status & MOUSE_STATUS_REMOTE) {
        return;
    }
    while (ps2_mouse_send_packet(s, false)) {
        if (!s->dx && !s->dy && !s->dz) {
            break;
        }
    }
}

DeviceState *ps2_mouse_get(void)
{
    return ps2_mice ? ps2_mice->data : NULL;
}

static void ps2_mouse_reset(DeviceState *dev)
{
    PS2MouseState *s = PS2_MOUSE_DEVICE(dev);

    ps2_common_reset(PS2_DEVICE(dev));
    s->status = 0;
    s->resolution = 0;
    s->sample_rate = 0;
    s->wrap = false;
    s->type = MOUSE_TYPE_PS2;
    s->detect_state = 0;
    s->dx = s->dy = s->dz = 0;
    s->buttons = 0;
}

static bool ps2_mouse_realize(DeviceState *dev, Error **errp)
{
    ps2_mice = g_slist_prepend(ps2_mice, dev);
    ps2_mouse_reset(dev);
    return true;
}

static void ps2_mouse_unrealize(DeviceState *dev)
{
    ps2_mice = g_slist_remove(ps2_mice, dev);
}

static void ps2_mouse_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = ps2_mouse_realize;
    dc->unrealize = ps2_mouse_unrealize;
    dc->reset = ps2_mouse_reset;
}

static const TypeInfo ps2_mouse_type = {
    .name = TYPE_PS2_MOUSE_DEVICE,
    .parent = TYPE_PS2_DEVICE,
    .instance_size = sizeof(PS2MouseState),
    .class_init = ps2_mouse_class_init,
};

static void ps2_mouse_register_types(void)
{
    type_register_static(&ps2_mouse_type);
}

type_init(ps2_mouse_register_types)
