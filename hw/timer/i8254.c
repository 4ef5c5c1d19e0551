/*
 * i8254.c: the 8254 programmable interval timer ("isa-pit") and the
 * "pit-common" base it shares with the KVM in-kernel PIT.
 *
 * Reference: Intel 8254 datasheet (order no. 231164): "Control Word
 * Format", "Counter Latch Command", "Read-Back Command" and "Status
 * Byte", "Modes" 0-5 (output waveforms, gate behaviour), "Read
 * Operations" (LSB/MSB sequencing), BCD counting.
 *
 * The counters are not stepped: each one remembers when counting started
 * (count_load_time) and derives its count and OUT level from the virtual
 * clock, so nothing runs while the guest does not look.  Counter 0 arms a
 * timer at each OUT transition to drive IRQ 0.
 */
#include "qemu/osdep.h"
#include "hw/timer/i8254_internal.h"
#include "qapi/error.h"
#include "hw/qdev-gpio.h"

#define RW_STATE_LSB    1
#define RW_STATE_MSB    2
#define RW_STATE_WORD0  3
#define RW_STATE_WORD1  4

#define PIT_CMD_PORT    3
#define PIT_SC_READBACK 3

/* ---- counting ---- */

/* The mode the counter runs in: 110 and 111 are modes 2 and 3 (the
 * status byte still shows the bits as written). */
static int pit_mode(PITChannelState *s)
{
    return s->mode > 5 ? s->mode - 4 : s->mode;
}

/* Effective time for counting: a low gate freezes modes 0, 2, 3, 4. */
static int64_t pit_effective_time(PITChannelState *s, int64_t now)
{
    if (!s->gate && pit_mode(s) != 1 && pit_mode(s) != 5) {
        return s->gate_low_time;
    }
    return now;
}

static uint64_t pit_ticks(PITChannelState *s, int64_t now)
{
    int64_t t = pit_effective_time(s, now) - s->count_load_time;

    return t > 0 ? muldiv64(t, PIT_FREQ, NANOSECONDS_PER_SECOND) : 0;
}

/* The reload value (the KVM PIT's state may carry 0 for 0x10000). */
static uint64_t pit_reload(PITChannelState *s)
{
    return s->count > 0 ? s->count : 0x10000;
}

static int pit_get_count(PITChannelState *s, int64_t now)
{
    uint64_t d = pit_ticks(s, now), n = pit_reload(s);
    int counter;

    if (s->waiting_count) {
        return s->count & 0xffff;
    }
    switch (pit_mode(s)) {
    case 2:
        counter = n - (d % n);
        break;
    case 3:
        /* Mode 3 counts down by two (datasheet, "Mode 3"). */
        counter = n - ((2 * d) % n);
        break;
    default:
        /* Modes 0, 1, 4, 5 wrap around after terminal count. */
        counter = (n - d) & 0xffff;
        break;
    }
    return counter & 0xffff;
}

/*
 * OUT level (datasheet waveforms): mode 0 low until terminal count;
 * mode 1 likewise after its trigger; mode 2 high but for one clock before
 * each reload; mode 3 high for the first half (rounded up) of each
 * period; modes 4 and 5 high but for one clock at terminal count.  A low
 * gate holds OUT high in modes 2 and 3.  Before a count is written, OUT
 * is low in mode 0 and high in the others.
 */
static int pit_get_out(PITChannelState *s, int64_t now)
{
    uint64_t d, n = pit_reload(s);

    if (s->waiting_count) {
        return pit_mode(s) != 0;
    }
    if (!s->gate && (pit_mode(s) == 2 || pit_mode(s) == 3)) {
        return 1;
    }
    d = pit_ticks(s, now);
    switch (pit_mode(s)) {
    case 0:
    case 1:
        return d >= n;
    case 2:
        return n == 1 || (d % n) != n - 1;
    case 3:
        return (d % n) < (n + 1) / 2;
    default:
        return d != n;
    }
}

/* Time of the next OUT transition after `now`, or -1 if none comes. */
static int64_t pit_next_transition(PITChannelState *s, int64_t now)
{
    uint64_t d = pit_ticks(s, now), n = pit_reload(s), base, next;
    int64_t t;

    if (s->waiting_count ||
        (!s->gate && pit_mode(s) != 1 && pit_mode(s) != 5)) {
        return -1;
    }
    switch (pit_mode(s)) {
    case 0:
    case 1:
        if (d >= n) {
            return -1;
        }
        next = n;
        break;
    case 2:
    case 3:
        if (n == 1) {
            return -1;          /* OUT stays high */
        }
        base = d - d % n;
        if (pit_mode(s) == 2) {
            next = d - base < n - 1 ? base + n - 1 : base + n;
        } else {
            next = d - base < (n + 1) / 2 ? base + (n + 1) / 2 : base + n;
        }
        break;
    default:
        if (d < n) {
            next = n;
        } else if (d == n) {
            next = n + 1;
        } else {
            return -1;
        }
        break;
    }
    /* Round the tick up to a nanosecond, strictly after now. */
    t = s->count_load_time +
        (int64_t)muldiv64(next, NANOSECONDS_PER_SECOND, PIT_FREQ);
    while (muldiv64(t - s->count_load_time, PIT_FREQ,
                    NANOSECONDS_PER_SECOND) < next) {
        t++;
    }
    return t > now ? t : now + 1;
}

static void pit_set_irq_level(PITChannelState *s, int level)
{
    if (level != s->irq_level) {
        s->irq_level = level;
        if (s->irq) {
            qemu_set_irq(s->irq, level);
        }
    }
}

/* Drive IRQ 0 from OUT at `now` and arm the timer for the next change. */
static void pit_irq_timer_update(PITChannelState *s, int64_t now)
{
    int64_t next;

    if (!s->irq_timer || s->irq_disabled) {
        return;
    }
    pit_set_irq_level(s, pit_get_out(s, now));
    next = pit_next_transition(s, now);
    s->next_transition_time = next;
    if (next >= 0) {
        timer_mod_ns(s->irq_timer, next);
    } else {
        timer_del(s->irq_timer);
    }
}

static void pit_irq_timer(void *opaque)
{
    PITChannelState *s = opaque;

    pit_irq_timer_update(s, s->next_transition_time);
}

/* ---- BCD ---- */

static int bcd_to_bin16(int v)
{
    return ((v >> 12) & 0xf) * 1000 + ((v >> 8) & 0xf) * 100 +
           ((v >> 4) & 0xf) * 10 + (v & 0xf);
}

static int bin_to_bcd16(int v)
{
    v %= 10000;
    return ((v / 1000) << 12) | (((v / 100) % 10) << 8) |
           (((v / 10) % 10) << 4) | (v % 10);
}

/* The count as the guest reads it (BCD digits in BCD mode). */
static int pit_read_count(PITChannelState *s, int64_t now)
{
    int count = pit_get_count(s, now);

    if (s->bcd && !s->waiting_count) {
        return bin_to_bcd16(count);
    }
    return count;
}

/* ---- port access ---- */

static void pit_load_count(PITChannelState *s, int val, int64_t now)
{
    if (s->bcd) {
        val = bcd_to_bin16(val);
        if (val == 0) {
            val = 10000;
        }
    } else if (val == 0) {
        val = 0x10000;
    }
    s->count = val;
    s->count_load_time = now;
    s->gate_low_time = now;
    s->waiting_count = false;
    pit_irq_timer_update(s, now);
}

static void pit_latch_count(PITChannelState *s, int64_t now)
{
    /* A second latch before the first is read is ignored. */
    if (!s->count_latched) {
        s->latched_count = pit_read_count(s, now);
        s->count_latched = s->rw_mode;
    }
}

static void pit_latch_status(PITChannelState *s, int64_t now)
{
    if (!s->status_latched) {
        /* Status byte: OUT, NULL COUNT, RW1 RW0, M2 M1 M0, BCD. */
        s->status = (pit_get_out(s, now) << 7) | ((s->waiting_count) << 6) |
                    (s->rw_mode << 4) | (s->mode << 1) | s->bcd;
        s->status_latched = 1;
    }
}

static void pit_write_control(PITCommonState *pit, uint8_t val, int64_t now)
{
    int channel = val >> 6, i;
    PITChannelState *s;

    if (channel == PIT_SC_READBACK) {
        for (i = 0; i < 3; i++) {
            s = &pit->channels[i];
            if (!(val & (2 << i))) {
                continue;
            }
            if (!(val & 0x20)) {
                pit_latch_count(s, now);
            }
            if (!(val & 0x10)) {
                pit_latch_status(s, now);
            }
        }
        return;
    }
    s = &pit->channels[channel];
    if (((val >> 4) & 3) == 0) {
        pit_latch_count(s, now);
        return;
    }
    s->rw_mode = (val >> 4) & 3;
    s->read_state = s->rw_mode;
    s->write_state = s->rw_mode;
    s->mode = (val >> 1) & 7;
    s->bcd = val & 1;
    s->waiting_count = true;
    pit_irq_timer_update(s, now);
}

static void pit_ioport_write(void *opaque, hwaddr addr, uint64_t val,
                             unsigned size)
{
    PITCommonState *pit = opaque;
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    PITChannelState *s;

    addr &= 3;
    if (addr == PIT_CMD_PORT) {
        pit_write_control(pit, val, now);
        return;
    }
    s = &pit->channels[addr];
    /* Before any control word (state 0), accesses are LSB only, as on
     * the reference. */
    switch (s->write_state) {
    case RW_STATE_MSB:
        pit_load_count(s, (val & 0xff) << 8, now);
        break;
    case RW_STATE_WORD0:
        s->write_latch = val;
        s->write_state = RW_STATE_WORD1;
        break;
    case RW_STATE_WORD1:
        pit_load_count(s, s->write_latch | ((val & 0xff) << 8), now);
        s->write_state = RW_STATE_WORD0;
        break;
    default:
        pit_load_count(s, val & 0xff, now);
        break;
    }
}

static uint64_t pit_ioport_read(void *opaque, hwaddr addr, unsigned size)
{
    PITCommonState *pit = opaque;
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    PITChannelState *s;
    int ret, count;

    addr &= 3;
    if (addr == PIT_CMD_PORT) {
        return 0;               /* the control register is write-only */
    }
    s = &pit->channels[addr];
    if (s->status_latched) {
        s->status_latched = 0;
        return s->status;
    }
    if (s->count_latched) {
        switch (s->count_latched) {
        case RW_STATE_LSB:
            s->count_latched = 0;
            return s->latched_count & 0xff;
        case RW_STATE_MSB:
            s->count_latched = 0;
            return s->latched_count >> 8;
        default:
            s->count_latched = RW_STATE_MSB;
            return s->latched_count & 0xff;
        }
    }
    count = pit_read_count(s, now);
    switch (s->read_state) {
    case RW_STATE_MSB:
        ret = (count >> 8) & 0xff;
        break;
    case RW_STATE_WORD0:
        ret = count & 0xff;
        s->read_state = RW_STATE_WORD1;
        break;
    case RW_STATE_WORD1:
        ret = (count >> 8) & 0xff;
        s->read_state = RW_STATE_WORD0;
        break;
    default:
        ret = count & 0xff;
        break;
    }
    return ret;
}

static const MemoryRegionOps pit_ioport_ops = {
    .read = pit_ioport_read,
    .write = pit_ioport_write,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

/* ---- gate, info, HPET control ---- */

/*
 * Gate (datasheet, "Gate" table): modes 1 and 5 are triggered by a rising
 * edge; modes 2 and 3 stop on a low gate and restart on the rising edge;
 * modes 0 and 4 pause while the gate is low.
 */
static void pit_set_channel_gate(PITCommonState *pit, PITChannelState *s,
                                 int val)
{
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    val = !!val;
    if (val == s->gate) {
        return;
    }
    if (!val) {
        s->gate_low_time = now;
    } else {
        switch (pit_mode(s)) {
        case 0:
        case 4:
            s->count_load_time += now - s->gate_low_time;
            break;
        default:
            s->count_load_time = now;
            break;
        }
    }
    s->gate = val;
    pit_irq_timer_update(s, now);
}

static void pit_get_channel_info_common(PITCommonState *pit,
                                        PITChannelState *s,
                                        PITChannelInfo *info)
{
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    info->gate = s->gate;
    info->mode = pit_mode(s);
    info->initial_count = s->count;
    info->out = pit_get_out(s, now);
}

void pit_set_gate(ISADevice *dev, int channel, int val)
{
    PITCommonState *pit = PIT_COMMON(dev);
    PITCommonClass *k = PIT_COMMON_GET_CLASS(pit);

    if (channel >= 0 && channel < 3) {
        k->set_channel_gate(pit, &pit->channels[channel], val);
    }
}

void pit_get_channel_info(ISADevice *dev, int channel, PITChannelInfo *info)
{
    PITCommonState *pit = PIT_COMMON(dev);
    PITCommonClass *k = PIT_COMMON_GET_CLASS(pit);

    memset(info, 0, sizeof(*info));
    if (channel >= 0 && channel < 3) {
        k->get_channel_info(pit, &pit->channels[channel], info);
    }
}

/* HPET legacy replacement takes IRQ 0 away from counter 0 (level 0). */
static void pit_irq_control(void *opaque, int n, int enable)
{
    PITCommonState *pit = opaque;
    PITChannelState *s = &pit->channels[0];

    if (enable) {
        s->irq_disabled = 0;
        pit_irq_timer_update(s, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL));
    } else {
        pit_set_irq_level(s, 0);
        s->irq_disabled = 1;
        timer_del(s->irq_timer);
    }
}

qemu_irq pit_get_control_input(ISADevice *dev)
{
    return PIT_COMMON(dev)->control_in[0];
}

/* ---- life cycle ---- */

/* Power-on: every counter in mode 3 with count 0x10000, counter 2's gate
 * low (port 0x61), counters 0 and 1 gated on. */
static void pit_reset(DeviceState *dev)
{
    PITCommonState *pit = PIT_COMMON(dev);
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    int i;

    for (i = 0; i < 3; i++) {
        PITChannelState *s = &pit->channels[i];

        s->mode = 3;
        s->gate = i != 2;
        s->bcd = 0;
        s->rw_mode = 0;
        s->read_state = s->write_state = 0;
        s->count_latched = s->status_latched = 0;
        s->count = 0x10000;
        s->count_load_time = now;
        s->gate_low_time = now;
        s->waiting_count = false;
        pit_irq_timer_update(s, now);
    }
}

static bool pit_common_realize(DeviceState *dev, Error **errp)
{
    PITCommonState *pit = PIT_COMMON(dev);
    PITCommonClass *k = PIT_COMMON_GET_CLASS(pit);

    if (pit->iobase > 0xfffc) {
        error_setg(errp, "i8254: invalid iobase 0x%x", pit->iobase);
        return false;
    }
    if (k->realize && !k->realize(dev, errp)) {
        return false;
    }
    isa_register_ioport(ISA_DEVICE(dev), &pit->ioports, pit->iobase);
    return true;
}

static void pit_common_unrealize(DeviceState *dev)
{
    PITCommonState *pit = PIT_COMMON(dev);

    memory_region_del_subregion(isa_address_space_io(ISA_DEVICE(dev)),
                                &pit->ioports);
    g_free(pit->control_in);
    pit->control_in = NULL;
    timer_free(pit->channels[0].irq_timer);
    pit->channels[0].irq_timer = NULL;
}

static bool pit_realize(DeviceState *dev, Error **errp)
{
    PITCommonState *pit = PIT_COMMON(dev);

    memory_region_init_io(&pit->ioports, OBJECT(dev), &pit_ioport_ops, pit,
                          "pit", 4);
    /* As the reference: gpio-out "" 1 (IRQ 0), gpio-in "" 1 (enable). */
    qdev_init_gpio_out(dev, &pit->channels[0].irq, 1);
    qdev_init_gpio_in(dev, pit_irq_control, 1);
    pit->control_in = g_new0(qemu_irq, 1);
    pit->control_in[0] = qdev_get_gpio_in(dev, 0);
    pit->channels[0].irq_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL,
                                              pit_irq_timer,
                                              &pit->channels[0]);
    return true;
}

ISADevice *i8254_pit_init(ISABus *bus, int base, int isa_irq,
                          qemu_irq alt_irq)
{
    DeviceState *dev = qdev_new(TYPE_I8254);
    PITCommonState *pit = PIT_COMMON(dev);

    object_property_set_uint(OBJECT(dev), "iobase", base, &error_abort);
    qdev_realize_and_unref(dev, BUS(bus), &error_abort);
    if (isa_irq >= 0) {
        isa_connect_gpio_out(ISA_DEVICE(dev), 0, isa_irq);
    } else {
        qdev_connect_gpio_out(dev, 0, alt_irq);
    }
    /* Drive the line as it is now that it is connected. */
    pit->channels[0].irq_level = -1;
    pit_irq_timer_update(&pit->channels[0],
                         qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL));
    return ISA_DEVICE(dev);
}

/*
 * Each concrete PIT declares "iobase" in its own table (the in-kernel one
 * before its lost_tick_policy), which gives info qtree the reference's
 * property order.
 */
static Property pit_properties[] = {
    DEFINE_PROP_UINT32("iobase", PITCommonState, iobase, -1),
    DEFINE_PROP_END_OF_LIST(),
};

static void pit_common_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    PITCommonClass *k = PIT_COMMON_CLASS(klass);

    dc->realize = pit_common_realize;
    dc->unrealize = pit_common_unrealize;
    dc->reset = pit_reset;
    k->set_channel_gate = pit_set_channel_gate;
    k->get_channel_info = pit_get_channel_info_common;
    /* Wired to IRQ 0 and the HPET by the board. */
    dc->user_creatable = false;
}

static void pit_class_init(ObjectClass *klass, void *data)
{
    PIT_COMMON_CLASS(klass)->realize = pit_realize;
    device_class_set_props(DEVICE_CLASS(klass), pit_properties);
}

static const TypeInfo i8254_types[] = {
    {
        .name = TYPE_PIT_COMMON,
        .parent = TYPE_ISA_DEVICE,
        .instance_size = sizeof(PITCommonState),
        .class_size = sizeof(PITCommonClass),
        .abstract = true,
        .class_init = pit_common_class_init,
    },
    {
        .name = TYPE_I8254,
        .parent = TYPE_PIT_COMMON,
        .instance_size = sizeof(PITCommonState),
        .class_size = sizeof(PITCommonClass),
        .class_init = pit_class_init,
    },
};

static void i8254_register_types(void)
{
    type_register_static_array(i8254_types, ARRAY_SIZE(i8254_types));
}

type_init(i8254_register_types)
