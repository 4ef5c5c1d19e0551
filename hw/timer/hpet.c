/*
 * hpet.c: the High Precision Event Timer ("hpet").
 *
 * Reference: IA-PC HPET (High Precision Event Timers) Specification 1.0a:
 * 2.3.4 General Capabilities and ID (REV_ID, NUM_TIM_CAP, COUNT_SIZE_CAP,
 * LEG_RT_CAP, VENDOR_ID, COUNTER_CLK_PERIOD), 2.3.5 General Configuration
 * (ENABLE_CNF, LEG_RT_CNF), 2.3.6 General Interrupt Status, 2.3.7 Main
 * Counter, 2.3.8 Timer N Configuration and Capability, 2.3.9 Comparator
 * (periodic mode and Tn_VAL_SET_CNF), 2.3.10 FSB Interrupt Route, 2.4
 * interrupt routing (legacy replacement: timer 0 -> IRQ 0 / IOAPIC 2,
 * timer 1 -> IRQ 8), 2.3.9.2.1 32-bit mode.
 *
 * The main counter is not ticked: while enabled it is derived from the
 * virtual clock (counter = (now + offset) / 10 ns); a comparator arms a
 * virtual-clock timer for its next match.
 */
#include "qemu/osdep.h"
#include "hw/timer/hpet.h"
#include "qemu/timer.h"
#include "qapi/error.h"
#include "hw/qdev-gpio.h"

#define HPET_CLK_PERIOD_NS  10              /* 100 MHz */
#define FS_PER_NS           1000000ULL
#define HPET_REV_ID         0x01
#define HPET_VENDOR_ID      0x8086
#define HPET_CAP_64BIT      (1 << 13)
#define HPET_CAP_LEG_RT     (1 << 15)

/* Register offsets. */
#define HPET_ID             0x000
#define HPET_PERIOD         0x004
#define HPET_CFG            0x010
#define HPET_STATUS         0x020
#define HPET_COUNTER        0x0f0
#define HPET_TN_BASE        0x100
#define HPET_TN_STRIDE      0x20
#define HPET_TN_CFG         0x00
#define HPET_TN_CMP         0x08
#define HPET_TN_ROUTE       0x10

#define HPET_CFG_ENABLE     0x001
#define HPET_CFG_LEGACY     0x002

#define HPET_TN_TYPE_LEVEL  (1 << 1)
#define HPET_TN_ENABLE      (1 << 2)
#define HPET_TN_PERIODIC    (1 << 3)
#define HPET_TN_PERIODIC_CAP (1 << 4)
#define HPET_TN_SIZE_CAP    (1 << 5)
#define HPET_TN_SETVAL      (1 << 6)
#define HPET_TN_32BIT       (1 << 8)
#define HPET_TN_INT_ROUTE_SHIFT 9
#define HPET_TN_INT_ROUTE_MASK (0x1f << HPET_TN_INT_ROUTE_SHIFT)
#define HPET_TN_FSB_ENABLE  (1 << 14)
#define HPET_TN_FSB_CAP     (1 << 15)
#define HPET_TN_CFG_WRITE_MASK  0x7f4e

#define RTC_ISA_IRQ 8
#define HPET_MSI_SUPPORT 0

typedef struct HPETState HPETState;

typedef struct HPETTimer {
    HPETState *state;
    int tn;
    QEMUTimer *qemu_timer;
    uint64_t config;
    uint64_t cmp;               /* comparator (the next match) */
    uint64_t fsb;               /* FSB route: address << 32 | data */
    uint64_t period;            /* periodic increment */
    bool wrap_flag;             /* one-shot 32-bit: armed for the wrap */
} HPETTimer;

struct HPETState {
    SysBusDevice parent_obj;
    /* properties */
    uint8_t num_timers;         /* "timers" */
    uint32_t flags;             /* bit 0 "msi": FSB delivery capability */
    uint32_t intcap;            /* "hpet-intcap": allowed routes */
    bool offset_saved;          /* "hpet-offset-saved" */
    /* state */
    MemoryRegion iomem;
    uint64_t capability;
    uint64_t config;
    uint64_t isr;
    uint64_t counter;           /* the main counter while disabled */
    int64_t offset;             /* ns: counter = (now + offset) / period */
    HPETTimer timer[HPET_MAX_TIMERS];
    qemu_irq irqs[HPET_NUM_IRQ_ROUTES];
    int irq_level[HPET_NUM_IRQ_ROUTES];
    qemu_irq pit_enabled;
    int rtc_irq_level;
};

#define HPET(obj) OBJECT_CHECK(HPETState, (obj), TYPE_HPET)

/* ---- counter ---- */

static bool hpet_enabled(HPETState *s)
{
    return s->config & HPET_CFG_ENABLE;
}

static bool hpet_in_legacy_mode(HPETState *s)
{
    return s->config & HPET_CFG_LEGACY;
}

static uint64_t hpet_get_ticks(HPETState *s)
{
    int64_t t = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) + s->offset;

    return hpet_enabled(s) ? (uint64_t)t / HPET_CLK_PERIOD_NS : s->counter;
}

static bool timer_is_periodic(HPETTimer *t)
{
    return t->config & HPET_TN_PERIODIC;
}

static bool timer_is_32bit(HPETTimer *t)
{
    return t->config & HPET_TN_32BIT;
}

/* Ticks from `now` to the comparator; a comparator already passed
 * (more than half the counter range behind) fires at once. */
static uint64_t hpet_calculate_diff(HPETTimer *t, uint64_t now)
{
    if (timer_is_32bit(t)) {
        uint32_t diff = (uint32_t)t->cmp - (uint32_t)now;

        return (int32_t)diff > 0 ? diff : 1;
    } else {
        uint64_t diff = t->cmp - now;

        return (int64_t)diff > 0 ? diff : 1;
    }
}

/* ---- interrupts ---- */

static void hpet_set_route(HPETState *s, int route, int level)
{
    if (route >= HPET_NUM_IRQ_ROUTES || level == s->irq_level[route]) {
        return;
    }
    s->irq_level[route] = level;
    if (s->irqs[route]) {
        qemu_set_irq(s->irqs[route], level);
    }
}

static void hpet_set_pit_enabled(HPETState *s, int level)
{
    if (s->pit_enabled) {
        qemu_set_irq(s->pit_enabled, level);
    }
}

static int timer_route(HPETState *s, HPETTimer *t)
{
    if (t->tn <= 1 && hpet_in_legacy_mode(s)) {
        return t->tn == 0 ? 0 : RTC_ISA_IRQ;
    }
    return (t->config & HPET_TN_INT_ROUTE_MASK) >> HPET_TN_INT_ROUTE_SHIFT;
}

/*
 * Assert (set) or deassert a timer's interrupt (2.3.6, 2.3.8): level
 * mode keeps the status bit and the line up until software clears it;
 * edge mode sends a pulse; FSB mode writes the message to memory.
 */
/* FSB delivery: enabled, capable ("msi"), and not a legacy timer. */
static bool timer_fsb_route(HPETState *s, HPETTimer *t)
{
    return (t->config & HPET_TN_FSB_ENABLE) &&
           (s->flags & (1 << HPET_MSI_SUPPORT)) &&
           !(t->tn <= 1 && hpet_in_legacy_mode(s));
}

static void hpet_update_irq(HPETTimer *t, bool set)
{
    HPETState *s = t->state;
    uint64_t mask = 1ULL << t->tn;
    int route = timer_route(s, t);

    if (!set || !(t->config & HPET_TN_ENABLE) || !hpet_enabled(s)) {
        s->isr &= ~mask;
        if (!timer_fsb_route(s, t)) {
            hpet_set_route(s, route, 0);
        }
        return;
    }
    if (timer_fsb_route(s, t)) {
        address_space_store(&address_space_memory, t->fsb >> 32, 4,
                            t->fsb & 0xffffffff);
    } else if (t->config & HPET_TN_TYPE_LEVEL) {
        s->isr |= mask;
        hpet_set_route(s, route, 1);
    } else {
        s->isr &= ~mask;
        hpet_set_route(s, route, 1);
        hpet_set_route(s, route, 0);
    }
}

/* ---- comparators ---- */

static void hpet_set_timer(HPETTimer *t)
{
    HPETState *s = t->state;
    uint64_t now = hpet_get_ticks(s), diff = hpet_calculate_diff(t, now);

    if (!(t->config & HPET_TN_ENABLE)) {
        /*
         * Interrupts off: a match has no effect the guest can see, so no
         * host timer runs (an idle guest whose kernel stopped using the
         * HPET costs nothing); enabling re-arms it from the comparator.
         */
        timer_del(t->qemu_timer);
        t->wrap_flag = false;
        return;
    }

    t->wrap_flag = false;
    /* 32-bit one-shot: an interrupt also comes at the counter's wrap. */
    if (timer_is_32bit(t) && !timer_is_periodic(t)) {
        uint32_t to_wrap = 0xffffffffU - (uint32_t)now;

        if (to_wrap < diff) {
            diff = to_wrap ? to_wrap : 1;
            t->wrap_flag = true;
        }
    }
    timer_mod_ns(t->qemu_timer, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
                 (int64_t)MIN(diff, (uint64_t)INT64_MAX / 20) *
                 HPET_CLK_PERIOD_NS);
}

static void hpet_del_timer(HPETTimer *t)
{
    timer_del(t->qemu_timer);
    hpet_update_irq(t, false);
}

static void hpet_timer_cb(void *opaque)
{
    HPETTimer *t = opaque;
    uint64_t now = hpet_get_ticks(t->state);

    if (timer_is_periodic(t) && t->period) {
        /* Step the comparator past now, however far behind it fell. */
        if (timer_is_32bit(t)) {
            uint32_t behind = (uint32_t)now - (uint32_t)t->cmp;
            uint32_t period = t->period;

            if ((int32_t)behind >= 0 && period) {
                t->cmp = (uint32_t)(t->cmp + (behind / period + 1) * period);
            }
        } else if ((int64_t)(now - t->cmp) >= 0) {
            t->cmp += ((now - t->cmp) / t->period + 1) * t->period;
        }
        hpet_set_timer(t);
    } else if (t->wrap_flag) {
        /* The wrap came; the comparator match is still ahead. */
        t->wrap_flag = false;
        timer_mod_ns(t->qemu_timer, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
                     (int64_t)hpet_calculate_diff(t, now) *
                     HPET_CLK_PERIOD_NS);
    }
    hpet_update_irq(t, true);
}

/* ---- registers ---- */

static uint64_t hpet_timer_read(HPETTimer *t, int reg)
{
    switch (reg) {
    case HPET_TN_CFG:
        return t->config;
    case HPET_TN_CMP:
        return t->cmp;
    case HPET_TN_ROUTE:
        return t->fsb;
    default:
        return 0;
    }
}

/* The 64-bit register at `reg`, or the part of it a 32-bit access sees. */
static uint64_t hpet_reg64(HPETState *s, hwaddr reg)
{
    if (reg >= HPET_TN_BASE) {
        int n = (reg - HPET_TN_BASE) / HPET_TN_STRIDE;

        if (n >= s->num_timers) {
            return 0;
        }
        return hpet_timer_read(&s->timer[n],
                               (reg - HPET_TN_BASE) % HPET_TN_STRIDE);
    }
    switch (reg) {
    case HPET_ID:
        return s->capability;
    case HPET_CFG:
        return s->config;
    case HPET_STATUS:
        return s->isr;
    case HPET_COUNTER:
        return hpet_get_ticks(s);
    default:
        return 0;
    }
}

static uint64_t hpet_ram_read(void *opaque, hwaddr addr, unsigned size)
{
    HPETState *s = opaque;
    uint64_t val = hpet_reg64(s, addr & ~7);

    if (size == 8) {
        return val;
    }
    return (addr & 4) ? val >> 32 : val & 0xffffffff;
}

static void hpet_write_config(HPETState *s, uint64_t val)
{
    uint64_t old = s->config;
    int i;

    s->config = val & (HPET_CFG_ENABLE | HPET_CFG_LEGACY);
    if (!(old & HPET_CFG_ENABLE) && hpet_enabled(s)) {
        /* Counting resumes from the value the counter holds. */
        s->offset = (int64_t)(s->counter * HPET_CLK_PERIOD_NS) -
                    qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
        for (i = 0; i < s->num_timers; i++) {
            if (s->timer[i].cmp != ~0ULL) {
                hpet_set_timer(&s->timer[i]);
            }
        }
    } else if ((old & HPET_CFG_ENABLE) && !hpet_enabled(s)) {
        s->counter = (uint64_t)(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
                                s->offset) / HPET_CLK_PERIOD_NS;
        for (i = 0; i < s->num_timers; i++) {
            hpet_del_timer(&s->timer[i]);
        }
    }
    /* Legacy replacement silences the PIT and the RTC (2.4). */
    if (!(old & HPET_CFG_LEGACY) && hpet_in_legacy_mode(s)) {
        hpet_set_pit_enabled(s, 0);
        hpet_set_route(s, 0, 0);
        hpet_set_route(s, RTC_ISA_IRQ, 0);
    } else if ((old & HPET_CFG_LEGACY) && !hpet_in_legacy_mode(s)) {
        hpet_set_route(s, 0, 0);
        hpet_set_pit_enabled(s, 1);
        hpet_set_route(s, RTC_ISA_IRQ, s->rtc_irq_level);
    }
}

/* Write 1 to clear a level-triggered timer's status bit (2.3.6). */
static void hpet_write_status(HPETState *s, uint64_t val)
{
    int i;

    for (i = 0; i < s->num_timers; i++) {
        HPETTimer *t = &s->timer[i];

        if ((val & s->isr & (1ULL << i)) && (t->config & HPET_TN_TYPE_LEVEL)) {
            hpet_update_irq(t, false);
        }
    }
}

/* Write `val` under `mask` into a 64-bit timer register. */
static void hpet_timer_write(HPETTimer *t, int reg, uint64_t val,
                             uint64_t mask)
{
    HPETState *s = t->state;
    uint64_t old = t->config, v;

    switch (reg) {
    case HPET_TN_CFG:
        if (!(mask & 0xffffffff)) {
            break;              /* the high half (route caps) is read-only */
        }
        v = (old & ~mask) | (val & mask);
        t->config = (old & ~(uint64_t)HPET_TN_CFG_WRITE_MASK) |
                    (v & HPET_TN_CFG_WRITE_MASK);
        /* In 32-bit mode, each configuration write drops the high halves
         * of the comparator and the period (as the reference). */
        if (timer_is_32bit(t)) {
            t->cmp = (uint32_t)t->cmp;
            t->period = (uint32_t)t->period;
        }
        /* A level interrupt goes away when disabled or made edge. */
        if ((s->isr & (1ULL << t->tn)) &&
            (!(t->config & HPET_TN_ENABLE) ||
             !(t->config & HPET_TN_TYPE_LEVEL))) {
            hpet_update_irq(t, false);
        }
        if (hpet_enabled(s)) {
            hpet_set_timer(t);
        }
        break;
    case HPET_TN_CMP:
        /*
         * Periodic mode: a write sets the period, and also the comparator
         * when Tn_VAL_SET_CNF was set just before (2.3.9.2.2).  As on the
         * reference, the high half stays writable in 32-bit mode (only
         * the low half is compared).
         */
        if (!timer_is_periodic(t) || (t->config & HPET_TN_SETVAL)) {
            t->cmp = (t->cmp & ~mask) | (val & mask);
        }
        if (timer_is_periodic(t)) {
            uint64_t limit = timer_is_32bit(t) ? 0x7fffffffULL
                                               : 0x7fffffffffffffffULL;
            t->period = ((t->period & ~mask) | (val & mask)) & limit;
        }
        t->config &= ~(uint64_t)HPET_TN_SETVAL;
        if (hpet_enabled(s)) {
            hpet_set_timer(t);
        }
        break;
    case HPET_TN_ROUTE:
        t->fsb = (t->fsb & ~mask) | (val & mask);
        break;
    }
}

static void hpet_ram_write(void *opaque, hwaddr addr, uint64_t val,
                           unsigned size)
{
    HPETState *s = opaque;
    hwaddr reg = addr & ~7;
    uint64_t mask = size == 8 ? ~0ULL : (addr & 4) ? 0xffffffff00000000ULL
                                                   : 0xffffffffULL;

    if (size != 8 && (addr & 4)) {
        val <<= 32;
    }
    if (reg >= HPET_TN_BASE) {
        int n = (reg - HPET_TN_BASE) / HPET_TN_STRIDE;

        if (n < s->num_timers) {
            hpet_timer_write(&s->timer[n],
                             (reg - HPET_TN_BASE) % HPET_TN_STRIDE, val, mask);
        }
        return;
    }
    switch (reg) {
    case HPET_CFG:
        hpet_write_config(s, (s->config & ~mask) | (val & mask));
        break;
    case HPET_STATUS:
        hpet_write_status(s, val & mask);
        break;
    case HPET_COUNTER:
        /* Only meaningful while halted (2.3.7); kept for the next enable. */
        s->counter = (s->counter & ~mask) | (val & mask);
        break;
    }
}

static const MemoryRegionOps hpet_ram_ops = {
    .read = hpet_ram_read,
    .write = hpet_ram_write,
    .valid = { .min_access_size = 4, .max_access_size = 8 },
    /* 64-bit accesses are two 32-bit ones, low half first, as on the
     * reference (a 64-bit write of a comparator also goes low-high). */
    .impl = { .min_access_size = 4, .max_access_size = 4 },
};

/* ---- legacy inputs and board interface ---- */

static void hpet_handle_legacy_irq(void *opaque, int n, int level)
{
    HPETState *s = opaque;

    if (n == HPET_LEGACY_PIT_INT) {
        if (!hpet_in_legacy_mode(s)) {
            hpet_set_route(s, 0, level);
        }
    } else {
        s->rtc_irq_level = level;
        if (!hpet_in_legacy_mode(s)) {
            hpet_set_route(s, RTC_ISA_IRQ, level);
        }
    }
}

void hpet_mmio_map(DeviceState *dev, hwaddr addr)
{
    HPETState *s = HPET(dev);

    memory_region_add_subregion(get_system_memory(), addr, &s->iomem);
    sysbus_mmio_set_addr(SYS_BUS_DEVICE(dev), 0, addr);
}

void hpet_connect_irq(DeviceState *dev, int route, qemu_irq irq)
{
    if (route >= 0 && route < HPET_NUM_IRQ_ROUTES) {
        qdev_connect_gpio_out_named(dev, "sysbus-irq", route, irq);
    }
}

qemu_irq hpet_get_legacy_input(DeviceState *dev, int n)
{
    return n >= 0 && n < 2 ? qdev_get_gpio_in(dev, n) : NULL;
}

void hpet_connect_pit_enable(DeviceState *dev, qemu_irq pit_enable)
{
    qdev_connect_gpio_out(dev, 0, pit_enable);
}

uint32_t hpet_event_timer_block_id(DeviceState *dev)
{
    return HPET(dev)->capability & 0xffffffff;
}

/* ---- life cycle ---- */

static void hpet_reset(DeviceState *dev)
{
    HPETState *s = HPET(dev);
    int i;

    for (i = 0; i < s->num_timers; i++) {
        HPETTimer *t = &s->timer[i];

        hpet_del_timer(t);
        t->cmp = ~0ULL;
        t->config = HPET_TN_PERIODIC_CAP | HPET_TN_SIZE_CAP |
                    ((s->flags & (1 << HPET_MSI_SUPPORT)) ? HPET_TN_FSB_CAP
                                                          : 0) |
                    ((uint64_t)s->intcap << 32);
        t->period = 0;
        t->fsb = 0;
        t->wrap_flag = false;
    }
    s->counter = 0;
    s->offset = 0;
    s->config = 0;
    s->isr = 0;
    for (i = 0; i < HPET_NUM_IRQ_ROUTES; i++) {
        hpet_set_route(s, i, 0);
    }
    hpet_set_pit_enabled(s, 1);
}

static bool hpet_realize(DeviceState *dev, Error **errp)
{
    HPETState *s = HPET(dev);
    int i;

    if (!s->intcap) {
        warn_report("Hpet's intcap not initialized");
    }
    s->num_timers = MAX(MIN(s->num_timers, HPET_MAX_TIMERS),
                        HPET_MIN_TIMERS);
    for (i = 0; i < HPET_MAX_TIMERS; i++) {
        s->timer[i].state = s;
        s->timer[i].tn = i;
        if (i < s->num_timers) {
            s->timer[i].qemu_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL,
                                                  hpet_timer_cb,
                                                  &s->timer[i]);
        }
    }
    /* 2.3.4: 64-bit counter, legacy capable, 10 ns (in femtoseconds). */
    s->capability = HPET_REV_ID | ((uint64_t)(s->num_timers - 1) << 8) |
                    HPET_CAP_64BIT | HPET_CAP_LEG_RT |
                    ((uint64_t)HPET_VENDOR_ID << 16) |
                    ((uint64_t)(HPET_CLK_PERIOD_NS * FS_PER_NS) << 32);
    sysbus_init_mmio_window(SYS_BUS_DEVICE(dev), HPET_LEN);
    /* info qtree, newest first as the reference: gpio-in "" 2, gpio-out
     * "" 1 (the PIT enable), gpio-out "sysbus-irq" 32 (the routes). */
    qdev_init_gpio_out_named(dev, s->irqs, "sysbus-irq",
                             HPET_NUM_IRQ_ROUTES);
    qdev_init_gpio_out(dev, &s->pit_enabled, 1);
    qdev_init_gpio_in(dev, hpet_handle_legacy_irq, 2);
    return true;
}

static void hpet_unrealize(DeviceState *dev)
{
    HPETState *s = HPET(dev);
    int i;

    if (s->iomem.container) {
        memory_region_del_subregion(s->iomem.container, &s->iomem);
    }
    for (i = 0; i < HPET_MAX_TIMERS; i++) {
        timer_free(s->timer[i].qemu_timer);
        s->timer[i].qemu_timer = NULL;
    }
}

/* The register window exists from creation (-device hpet,help lists it). */
static void hpet_init(Object *obj)
{
    HPETState *s = HPET(obj);

    memory_region_init_io(&s->iomem, obj, &hpet_ram_ops, s, "hpet",
                          HPET_LEN);
}

static Property hpet_properties[] = {
    DEFINE_PROP_UINT8("timers", HPETState, num_timers, HPET_MIN_TIMERS),
    DEFINE_PROP_BIT("msi", HPETState, flags, HPET_MSI_SUPPORT, false),
    DEFINE_PROP_UINT32("hpet-intcap", HPETState, intcap, 0),
    DEFINE_PROP_BOOL("hpet-offset-saved", HPETState, offset_saved, true),
    DEFINE_PROP_END_OF_LIST(),
};

static void hpet_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = hpet_realize;
    dc->unrealize = hpet_unrealize;
    dc->reset = hpet_reset;
    device_class_set_props(dc, hpet_properties);
}

static const TypeInfo hpet_type = {
    .name = TYPE_HPET,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(HPETState),
    .instance_init = hpet_init,
    .class_init = hpet_class_init,
};

static void hpet_register_types(void)
{
    type_register_static(&hpet_type);
}

type_init(hpet_register_types)
