/*
 * ps2.c: what PS/2 devices share: the byte queue towards the controller
 * and its "data available" line ("ps2-device", abstract).
 *
 * The queue is a short linear array (at most PS2_BUFFER_SIZE bytes, moved
 * down on each read): replies must be inserted ahead of queued events,
 * which a plain ring cannot do.
 */
#include "qemu/osdep.h"
#include "ps2-internal.h"
#include "hw/qdev-gpio.h"

static void ps2_update_irq(PS2State *s)
{
    int level = s->queue.count > 0;

    if (level != s->irq_level) {
        s->irq_level = level;
        qemu_set_irq(s->irq, level);
    }
}

void ps2_queue_reply(PS2State *s, uint8_t b)
{
    PS2Queue *q = &s->queue;

    if (q->count >= PS2_BUFFER_SIZE) {
        return;
    }
    memmove(&q->data[q->reply_count + 1], &q->data[q->reply_count],
            q->count - q->reply_count);
    q->data[q->reply_count++] = b;
    q->count++;
    ps2_update_irq(s);
}

int ps2_event_space(PS2State *s)
{
    PS2Queue *q = &s->queue;
    int events = q->count - q->reply_count;

    return MIN(PS2_QUEUE_SIZE - events, PS2_BUFFER_SIZE - q->count);
}

bool ps2_queue_event(PS2State *s, const uint8_t *buf, int n)
{
    PS2Queue *q = &s->queue;

    if (n > ps2_event_space(s)) {
        return false;
    }
    memcpy(&q->data[q->count], buf, n);
    q->count += n;
    ps2_update_irq(s);
    return true;
}

void ps2_queue_reset(PS2State *s)
{
    s->queue.count = 0;
    s->queue.reply_count = 0;
    ps2_update_irq(s);
}

bool ps2_has_data(PS2State *s)
{
    return s->queue.count > 0;
}

uint8_t ps2_read_data(PS2State *s)
{
    PS2Queue *q = &s->queue;

    if (q->count) {
        s->last_byte = q->data[0];
        memmove(&q->data[0], &q->data[1], --q->count);
        if (q->reply_count) {
            q->reply_count--;
        }
        ps2_update_irq(s);
    }
    return s->last_byte;
}

void ps2_common_reset(PS2State *s)
{
    s->write_cmd = -1;
    ps2_queue_reset(s);
}

static void ps2_init(Object *obj)
{
    PS2State *s = PS2_DEVICE(obj);

    qdev_init_gpio_out(DEVICE(obj), &s->irq, 1);
}

static const TypeInfo ps2_type = {
    .name = TYPE_PS2_DEVICE,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(PS2State),
    .instance_init = ps2_init,
    .abstract = true,
};

static void ps2_register_types(void)
{
    type_register_static(&ps2_type);
}

type_init(ps2_register_types)
