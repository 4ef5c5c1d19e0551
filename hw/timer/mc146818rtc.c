/*
 * mc146818rtc.c: the Motorola MC146818A real-time clock and CMOS RAM
 * ("mc146818rtc").
 *
 * Reference: MC146818A datasheet: "Address Map" (time, alarm and control
 * registers, 50 bytes of RAM), "Time, Calendar and Alarm Locations"
 * (BCD/binary, 12/24-hour, don't-care alarm codes 0xc0-0xff), "Update
 * Cycle" (UIP is set 244 us before the update), Register A (divider
 * DV2-0, rate select RS3-0), Register B (SET, PIE, AIE, UIE, SQWE, DM,
 * 24/12, DSE), Register C (IRQF, PF, AF, UF; cleared by reading),
 * Register D (VRT), "Periodic Interrupt Rate" table (32.768 kHz base),
 * "Reset" (clears PIE, AIE, UIE, SQWE and the flags).
 *
 * Time is not ticked: the guest time is base_ns plus how far the chosen
 * clock moved since base_clock; the time registers are filled from it when
 * read.  While the clock is stopped (SET, or the divider held in reset)
 * the registers keep what the guest wrote.  Timers run only when the
 * guest enabled an interrupt; with interrupts off the flags of register C
 * are worked out when it is read.
 */
#include "qemu/osdep.h"
#include "hw/rtc/mc146818rtc.h"
#include "hw/timer/lost-tick-policy.h"
#include "qemu/timer.h"
#include "qemu/option.h"
#include "qapi/error.h"
#include "monitor/monitor.h"
#include "hw/qdev-gpio.h"
#include <time.h>

#define RTC_SECONDS         0
#define RTC_SECONDS_ALARM   1
#define RTC_MINUTES         2
#define RTC_MINUTES_ALARM   3
#define RTC_HOURS           4
#define RTC_HOURS_ALARM     5
#define RTC_DAY_OF_WEEK     6
#define RTC_DAY_OF_MONTH    7
#define RTC_MONTH           8
#define RTC_YEAR            9

#define REG_A_UIP   0x80
#define REG_A_DV    0x70
#define REG_A_RS    0x0f
#define REG_B_SET   0x80
#define REG_B_PIE   0x40
#define REG_B_AIE   0x20
#define REG_B_UIE   0x10
#define REG_B_SQWE  0x08
#define REG_B_DM    0x04
#define REG_B_24H   0x02
#define REG_C_IRQF  0x80
#define REG_C_PF    0x40
#define REG_C_AF    0x20
#define REG_C_UF    0x10
#define REG_D_VRT   0x80

#define RTC_CLOCK_RATE 32768
#define UIP_HOLD_NS (8 * NANOSECONDS_PER_SECOND / RTC_CLOCK_RATE)
#define ALARM_DONT_CARE 0xc0
#define RTC_REINJECT_ON_ACK_COUNT 20
#define NS NANOSECONDS_PER_SECOND

typedef struct RTCState {
    ISADevice parent_obj;
    /* properties */
    int32_t base_year;
    uint16_t io_base;
    uint8_t isairq;
    int lost_tick_policy;
    /* state */
    MemoryRegion io;            /* "rtc": index and data ports */
    MemoryRegion coalesced_io;  /* "rtc-index" */
    uint8_t cmos_data[128];
    uint8_t cmos_index;
    QEMUClockType clock;        /* -rtc clock= */
    bool localtime;             /* -rtc base=localtime */
    int64_t base_ns;            /* guest time (ns since 1970) ... */
    int64_t base_clock;         /* ... at this clock value */
    int64_t last_c_clock;       /* clock and guest time of the last read */
    int64_t last_c_guest;       /* of register C */
    QEMUTimer *periodic_timer;
    int64_t next_periodic_time;
    QEMUTimer *update_timer;
    int64_t next_update_time;
    qemu_irq irq;               /* gpio-out 0 */
    int irq_level;
    uint32_t irq_coalesced;
    uint32_t irq_reinject_on_ack_count;
} RTCState;

#define MC146818_RTC(obj) OBJECT_CHECK(RTCState, (obj), TYPE_MC146818_RTC)

static void rtc_update_timers(RTCState *s);

/* ---- time arithmetic ---- */

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b < 0);
}

static int64_t rtc_clock_now(RTCState *s)
{
    return qemu_clock_get_ns(s->clock);
}

static bool rtc_running(RTCState *s)
{
    return !(s->cmos_data[RTC_REG_B] & REG_B_SET) &&
           (s->cmos_data[RTC_REG_A] & REG_A_DV) <= 0x20;
}

/*
 * The divider chain's time: it keeps running under SET (only the time
 * registers stop), so periodic interrupts keep their phase.
 */
static int64_t rtc_chain_ns(RTCState *s, int64_t clock)
{
    return s->base_ns + (clock - s->base_clock);
}

static int64_t rtc_guest_ns(RTCState *s, int64_t clock)
{
    return rtc_running(s) ? rtc_chain_ns(s, clock) : s->base_ns;
}

static int to_reg(RTCState *s, int v)
{
    if (s->cmos_data[RTC_REG_B] & REG_B_DM) {
        return v;
    }
    return ((v / 10) << 4) | (v % 10);
}

static int from_reg(RTCState *s, int v)
{
    if (s->cmos_data[RTC_REG_B] & REG_B_DM) {
        return v;
    }
    return ((v >> 4) & 0xf) * 10 + (v & 0xf);
}

static int hour_to_reg(RTCState *s, int hour)
{
    int h;

    if (s->cmos_data[RTC_REG_B] & REG_B_24H) {
        return to_reg(s, hour);
    }
    h = hour % 12 ? hour % 12 : 12;
    return to_reg(s, h) | (hour >= 12 ? 0x80 : 0);
}

static void rtc_split(int64_t guest_ns, struct tm *tm)
{
    time_t t = floor_div(guest_ns, NS);

    gmtime_r(&t, tm);
}

/* The time registers (and century) for guest time guest_ns. */
static void rtc_fill_regs(RTCState *s, int64_t guest_ns)
{
    struct tm tm;
    int year;

    rtc_split(guest_ns, &tm);
    s->cmos_data[RTC_SECONDS] = to_reg(s, tm.tm_sec);
    s->cmos_data[RTC_MINUTES] = to_reg(s, tm.tm_min);
    s->cmos_data[RTC_HOURS] = hour_to_reg(s, tm.tm_hour);
    s->cmos_data[RTC_DAY_OF_WEEK] = to_reg(s, tm.tm_wday + 1);
    s->cmos_data[RTC_DAY_OF_MONTH] = to_reg(s, tm.tm_mday);
    s->cmos_data[RTC_MONTH] = to_reg(s, tm.tm_mon + 1);
    year = tm.tm_year + 1900 - s->base_year;
    if (year < 0) {
        year = 0;
    }
    s->cmos_data[RTC_YEAR] = to_reg(s, year % 100);
    s->cmos_data[RTC_CENTURY] = to_reg(s, (year / 100) % 100);
}

/* The guest time (whole seconds, in ns) the registers hold. */
static int64_t rtc_regs_ns(RTCState *s)
{
    struct tm tm = { 0 };
    int hours = s->cmos_data[RTC_HOURS];

    tm.tm_sec = from_reg(s, s->cmos_data[RTC_SECONDS]);
    tm.tm_min = from_reg(s, s->cmos_data[RTC_MINUTES]);
    tm.tm_hour = from_reg(s, hours & 0x7f);
    if (!(s->cmos_data[RTC_REG_B] & REG_B_24H)) {
        tm.tm_hour %= 12;
        if (hours & 0x80) {
            tm.tm_hour += 12;
        }
    }
    tm.tm_mday = from_reg(s, s->cmos_data[RTC_DAY_OF_MONTH]);
    tm.tm_mon = from_reg(s, s->cmos_data[RTC_MONTH]) - 1;
    tm.tm_year = from_reg(s, s->cmos_data[RTC_YEAR]) + s->base_year +
                 from_reg(s, s->cmos_data[RTC_CENTURY]) * 100 - 1900;
    return (int64_t)timegm(&tm) * NS;
}

/* What the host considers the current date (for RTC_CHANGE offsets). */
static int64_t rtc_host_ns(RTCState *s)
{
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_HOST);

    if (s->localtime) {
        time_t t = now / NS;
        struct tm tm;

        localtime_r(&t, &tm);
        now += (int64_t)tm.tm_gmtoff * NS;
    }
    return now;
}

/* The guest set the clock: restart from the registers at phase_ns. */
static void rtc_rebase(RTCState *s, int64_t phase_ns)
{
    char *path;
    json_t *data;

    s->base_ns = rtc_regs_ns(s) + phase_ns;
    s->base_clock = rtc_clock_now(s);
    s->last_c_clock = s->base_clock;
    s->last_c_guest = s->base_ns;
    path = object_get_canonical_path(OBJECT(s));
    data = json_pack("{s:I, s:s}", "offset",
                     (json_int_t)floor_div(s->base_ns - rtc_host_ns(s), NS),
                     "qom-path", path ? path : "");
    qapi_event_send("RTC_CHANGE", data);
    g_free(path);
}

/* The clock is about to stop: the registers keep the current time. */
static void rtc_freeze(RTCState *s)
{
    if (rtc_running(s)) {
        int64_t now = rtc_clock_now(s);

        s->base_ns = rtc_guest_ns(s, now);
        s->base_clock = now;
        rtc_fill_regs(s, s->base_ns);
    }
}

/* ---- interrupts ---- */

static void rtc_update_irq(RTCState *s)
{
    uint8_t c = s->cmos_data[RTC_REG_C], b = s->cmos_data[RTC_REG_B];
    int level;

    if (((c & REG_C_PF) && (b & REG_B_PIE)) ||
        ((c & REG_C_AF) && (b & REG_B_AIE)) ||
        ((c & REG_C_UF) && (b & REG_B_UIE))) {
        s->cmos_data[RTC_REG_C] |= REG_C_IRQF;
    }
    level = !!(s->cmos_data[RTC_REG_C] & REG_C_IRQF);
    if (level != s->irq_level) {
        s->irq_level = level;
        if (s->irq) {
            qemu_set_irq(s->irq, level);
        }
    }
}

/* Periodic interrupt period in 32.768 kHz ticks (0: off). */
static uint32_t rtc_period_ticks(RTCState *s)
{
    int rs = s->cmos_data[RTC_REG_A] & REG_A_RS;

    if (!rs || (s->cmos_data[RTC_REG_A] & REG_A_DV) > 0x20) {
        return 0;
    }
    if (rs <= 2) {
        rs += 7;                /* 256 Hz and 128 Hz */
    }
    return 1U << (rs - 1);
}

/* 32.768 kHz ticks of the divider chain within its current day (every
 * periodic rate divides a second, hence a day). */
static uint64_t rtc_chain_ticks(RTCState *s, int64_t clock)
{
    int64_t chain = rtc_chain_ns(s, clock);
    int64_t day = 86400 * NS;

    return muldiv64(chain - floor_div(chain, day) * day, RTC_CLOCK_RATE, NS);
}

/* Clock time of the first periodic tick after `clock`. */
static int64_t rtc_next_periodic(RTCState *s, int64_t clock,
                                 uint32_t period)
{
    int64_t chain = rtc_chain_ns(s, clock), day = 86400 * NS;
    int64_t day_start = floor_div(chain, day) * day;
    uint64_t next = (rtc_chain_ticks(s, clock) / period + 1) * period;
    int64_t t = muldiv64(next, NS, RTC_CLOCK_RATE);

    while ((uint64_t)muldiv64(t, RTC_CLOCK_RATE, NS) < next) {
        t++;
    }
    return s->base_clock + (day_start + t - s->base_ns);
}

static void rtc_periodic_cb(void *opaque)
{
    RTCState *s = opaque;

    if (s->lost_tick_policy == LOST_TICK_POLICY_SLEW &&
        (s->cmos_data[RTC_REG_C] & REG_C_IRQF)) {
        /* The guest has not taken the last one: owe it. */
        s->irq_coalesced++;
    } else {
        s->irq_reinject_on_ack_count = 0;
        s->cmos_data[RTC_REG_C] |= REG_C_PF;
        rtc_update_irq(s);
    }
    rtc_update_timers(s);
}

/* Raw alarm register matches raw time register (or is a don't-care). */
static bool alarm_field_match(uint8_t alarm, uint8_t now)
{
    return (alarm & ALARM_DONT_CARE) == ALARM_DONT_CARE || alarm == now;
}

/*
 * The first whole second after guest time `from` at which the alarm
 * matches, or -1 if none within a day (an impossible alarm value).
 * Mismatching hours and minutes are skipped wholesale.
 */
static int64_t rtc_next_alarm(RTCState *s, int64_t from)
{
    uint8_t sa = s->cmos_data[RTC_SECONDS_ALARM];
    uint8_t ma = s->cmos_data[RTC_MINUTES_ALARM];
    uint8_t ha = s->cmos_data[RTC_HOURS_ALARM];
    int64_t t = floor_div(from, NS) + 1, end = t + 86400 + 1;
    struct tm tm;

    while (t <= end) {
        time_t tt = t;

        gmtime_r(&tt, &tm);
        if (!alarm_field_match(ha, hour_to_reg(s, tm.tm_hour))) {
            t += 3600 - tm.tm_min * 60 - tm.tm_sec;
        } else if (!alarm_field_match(ma, to_reg(s, tm.tm_min))) {
            t += 60 - tm.tm_sec;
        } else if (!alarm_field_match(sa, to_reg(s, tm.tm_sec))) {
            t++;
        } else {
            return t * NS;
        }
    }
    return -1;
}

static void rtc_update_cb(void *opaque)
{
    RTCState *s = opaque;
    int64_t guest = rtc_guest_ns(s, s->next_update_time);
    int64_t second = floor_div(guest, NS) * NS;
    uint8_t flags = REG_C_UF;

    /* Did this update reach the alarm time? */
    if (rtc_next_alarm(s, second - NS) == second) {
        flags |= REG_C_AF;
    }
    s->cmos_data[RTC_REG_C] |= flags;
    rtc_update_irq(s);
    rtc_update_timers(s);
}

/* Arm the periodic and update timers for the enabled interrupts. */
static void rtc_update_timers(RTCState *s)
{
    uint8_t b = s->cmos_data[RTC_REG_B];
    int64_t now = rtc_clock_now(s), guest, next = -1;
    uint32_t period = rtc_period_ticks(s);

    if (period && (b & REG_B_PIE)) {
        s->next_periodic_time = rtc_next_periodic(s, now, period);
        timer_mod_ns(s->periodic_timer, s->next_periodic_time);
    } else {
        timer_del(s->periodic_timer);
    }
    if (rtc_running(s) && (b & (REG_B_UIE | REG_B_AIE))) {
        guest = rtc_guest_ns(s, now);
        if (b & REG_B_UIE) {
            next = (floor_div(guest, NS) + 1) * NS;
        } else {
            next = rtc_next_alarm(s, guest);
        }
    }
    if (next >= 0) {
        s->next_update_time = s->base_clock + (next - s->base_ns);
        timer_mod_ns(s->update_timer, s->next_update_time);
    } else {
        timer_del(s->update_timer);
    }
}

/*
 * Register C read with some interrupts disabled: flags that would have
 * been set since the last read, had timers run for them.
 */
static void rtc_catch_up_flags(RTCState *s)
{
    int64_t now = rtc_clock_now(s), guest = rtc_guest_ns(s, now);
    uint8_t b = s->cmos_data[RTC_REG_B], flags = 0;
    uint32_t period = rtc_period_ticks(s);

    if (period && !(b & REG_B_PIE) &&
        (now - s->last_c_clock >= NS ||
         rtc_chain_ticks(s, now) / period !=
         rtc_chain_ticks(s, s->last_c_clock) / period)) {
        flags |= REG_C_PF;
    }
    if (rtc_running(s) &&
        floor_div(guest, NS) > floor_div(s->last_c_guest, NS)) {
        int64_t alarm = rtc_next_alarm(s, s->last_c_guest);

        if (!(b & REG_B_UIE)) {
            flags |= REG_C_UF;
        }
        if (!(b & REG_B_AIE) && alarm >= 0 && alarm <= guest) {
            flags |= REG_C_AF;
        }
    }
    s->cmos_data[RTC_REG_C] |= flags;
    s->last_c_clock = now;
    s->last_c_guest = guest;
}

/* ---- registers ---- */

static void rtc_write_reg_a(RTCState *s, uint8_t val)
{
    bool was_running = rtc_running(s);

    if (was_running && (val & REG_A_DV) > 0x20) {
        rtc_freeze(s);
    }
    s->cmos_data[RTC_REG_A] = val & ~REG_A_UIP;
    if (!was_running && rtc_running(s)) {
        /* Out of divider reset, the first update comes 500 ms later. */
        rtc_rebase(s, NS / 2);
    }
    rtc_update_timers(s);
}

static void rtc_write_reg_b(RTCState *s, uint8_t val)
{
    uint8_t old = s->cmos_data[RTC_REG_B];

    if ((val & REG_B_SET) && !(old & REG_B_SET)) {
        rtc_freeze(s);
        /* SET aborts the update cycle and clears UIE. */
        val &= ~REG_B_UIE;
    }
    if (!(val & REG_B_SET) && (old & REG_B_SET) &&
        (s->cmos_data[RTC_REG_A] & REG_A_DV) <= 0x20) {
        /*
         * Leaving SET: time runs on from the registers, read in the format
         * they were written in; the divider chain kept running, so its
         * phase within the second carries over (as the reference).
         */
        int64_t chain = rtc_chain_ns(s, rtc_clock_now(s));

        rtc_rebase(s, chain - floor_div(chain, NS) * NS);
    }
    if (!(old & REG_B_SET) && !(val & REG_B_SET) && rtc_running(s) &&
        ((val ^ old) & (REG_B_DM | REG_B_24H))) {
        s->cmos_data[RTC_REG_B] = val;
        rtc_fill_regs(s, rtc_guest_ns(s, rtc_clock_now(s)));
    }
    s->cmos_data[RTC_REG_B] = val;
    rtc_update_irq(s);
    rtc_update_timers(s);
}

static void rtc_write_time(RTCState *s, int index, uint8_t val)
{
    if (rtc_running(s)) {
        int64_t now_guest = rtc_guest_ns(s, rtc_clock_now(s));

        rtc_fill_regs(s, now_guest);
        s->cmos_data[index] = val;
        rtc_rebase(s, now_guest - floor_div(now_guest, NS) * NS);
        rtc_update_timers(s);
    } else {
        s->cmos_data[index] = val;
    }
}

static void cmos_ioport_write(void *opaque, hwaddr addr, uint64_t data,
                              unsigned size)
{
    RTCState *s = opaque;

    if (!(addr & 1)) {
        /* Bit 7 is the PC's NMI mask, not part of the index. */
        s->cmos_index = data & 0x7f;
        return;
    }
    switch (s->cmos_index) {
    case RTC_SECONDS_ALARM:
    case RTC_MINUTES_ALARM:
    case RTC_HOURS_ALARM:
        s->cmos_data[s->cmos_index] = data;
        rtc_update_timers(s);
        break;
    case RTC_SECONDS:
    case RTC_MINUTES:
    case RTC_HOURS:
    case RTC_DAY_OF_WEEK:
    case RTC_DAY_OF_MONTH:
    case RTC_MONTH:
    case RTC_YEAR:
    case RTC_CENTURY:
        rtc_write_time(s, s->cmos_index, data);
        break;
    case RTC_REG_A:
        rtc_write_reg_a(s, data);
        break;
    case RTC_REG_B:
        rtc_write_reg_b(s, data);
        break;
    case RTC_REG_C:
    case RTC_REG_D:
        break;                  /* read-only */
    default:
        s->cmos_data[s->cmos_index] = data;
        break;
    }
}

static uint8_t rtc_read_reg_c(RTCState *s)
{
    uint8_t ret;

    rtc_catch_up_flags(s);
    rtc_update_irq(s);
    ret = s->cmos_data[RTC_REG_C];
    s->cmos_data[RTC_REG_C] = 0;
    rtc_update_irq(s);
    /* lost_tick_policy=slew: hand over an owed tick on each acknowledge. */
    if (s->irq_coalesced && (s->cmos_data[RTC_REG_B] & REG_B_PIE) &&
        s->irq_reinject_on_ack_count < RTC_REINJECT_ON_ACK_COUNT) {
        s->irq_reinject_on_ack_count++;
        s->irq_coalesced--;
        s->cmos_data[RTC_REG_C] |= REG_C_IRQF | REG_C_PF;
        rtc_update_irq(s);
    }
    return ret;
}

static uint64_t cmos_ioport_read(void *opaque, hwaddr addr, unsigned size)
{
    RTCState *s = opaque;
    int64_t guest;

    if (!(addr & 1)) {
        return 0xff;
    }
    switch (s->cmos_index) {
    case RTC_SECONDS:
    case RTC_MINUTES:
    case RTC_HOURS:
    case RTC_DAY_OF_WEEK:
    case RTC_DAY_OF_MONTH:
    case RTC_MONTH:
    case RTC_YEAR:
    case RTC_CENTURY:
        if (rtc_running(s)) {
            rtc_fill_regs(s, rtc_guest_ns(s, rtc_clock_now(s)));
        }
        return s->cmos_data[s->cmos_index];
    case RTC_REG_A:
        guest = rtc_guest_ns(s, rtc_clock_now(s));
        if (rtc_running(s) &&
            guest - floor_div(guest, NS) * NS >= NS - UIP_HOLD_NS) {
            return s->cmos_data[RTC_REG_A] | REG_A_UIP;
        }
        return s->cmos_data[RTC_REG_A];
    case RTC_REG_C:
        return rtc_read_reg_c(s);
    default:
        return s->cmos_data[s->cmos_index];
    }
}

static const MemoryRegionOps cmos_ops = {
    .read = cmos_ioport_read,
    .write = cmos_ioport_write,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

/* ---- board interface ---- */

void mc146818rtc_set_cmos_data(ISADevice *dev, int addr, int val)
{
    RTCState *s = MC146818_RTC(dev);

    if (addr >= 0 && addr < (int)sizeof(s->cmos_data)) {
        s->cmos_data[addr] = val;
    }
}

int mc146818rtc_get_cmos_data(ISADevice *dev, int addr)
{
    RTCState *s = MC146818_RTC(dev);

    if (addr < 0 || addr >= (int)sizeof(s->cmos_data)) {
        return 0;
    }
    return s->cmos_data[addr];
}

void mc146818rtc_reset_reinjection(ISADevice *dev)
{
    MC146818_RTC(dev)->irq_coalesced = 0;
}

ISADevice *mc146818_rtc_init(ISABus *bus, int base_year,
                             qemu_irq intercept_irq)
{
    DeviceState *dev = qdev_new(TYPE_MC146818_RTC);
    RTCState *s = MC146818_RTC(dev);

    object_property_set_int(OBJECT(dev), "base_year", base_year,
                            &error_abort);
    qdev_realize_and_unref(dev, BUS(bus), &error_abort);
    if (intercept_irq) {
        qdev_connect_gpio_out(dev, 0, intercept_irq);
    } else {
        isa_connect_gpio_out(ISA_DEVICE(dev), 0, s->isairq);
    }
    return ISA_DEVICE(dev);
}

/* ---- -rtc ---- */

/* base= and clock= of -rtc (already validated at start-up). */
static void rtc_configure(RTCState *s)
{
    QemuOptsList *list = qemu_find_opts_err("rtc", NULL);
    QemuOpts *opts = list ? qemu_opts_find(list, NULL) : NULL;
    const char *base = opts ? qemu_opt_get(opts, "base") : NULL;
    const char *clock = opts ? qemu_opt_get(opts, "clock") : NULL;
    int y, mo, d, h = 0, mi = 0, sec = 0;

    s->clock = QEMU_CLOCK_HOST;
    if (clock && !strcmp(clock, "rt")) {
        s->clock = QEMU_CLOCK_REALTIME;
    } else if (clock && !strcmp(clock, "vm")) {
        s->clock = QEMU_CLOCK_VIRTUAL;
    }
    s->localtime = base && !strcmp(base, "localtime");
    s->base_ns = rtc_host_ns(s);
    if (base && strcmp(base, "utc") && strcmp(base, "localtime") &&
        (sscanf(base, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &sec) == 6 ||
         sscanf(base, "%d-%d-%d", &y, &mo, &d) == 3)) {
        struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1,
                         .tm_mday = d, .tm_hour = h, .tm_min = mi,
                         .tm_sec = sec };

        s->base_ns = (int64_t)timegm(&tm) * NS;
    }
    s->base_clock = rtc_clock_now(s);
}

/* ---- QOM ---- */

static json_t *rtc_get_date(Object *obj, ObjectProperty *prop, Error **errp)
{
    RTCState *s = MC146818_RTC(obj);
    struct tm tm;

    rtc_split(rtc_guest_ns(s, rtc_clock_now(s)), &tm);
    return json_pack("{s:i, s:i, s:i, s:i, s:i, s:i}",
                     "tm_year", tm.tm_year, "tm_mon", tm.tm_mon,
                     "tm_mday", tm.tm_mday, "tm_hour", tm.tm_hour,
                     "tm_min", tm.tm_min, "tm_sec", tm.tm_sec);
}

/* Power-on register values (datasheet "Register A/B" reset states). */
static void rtc_power_on(RTCState *s)
{
    s->cmos_data[RTC_REG_A] = 0x26;     /* 32.768 kHz, 1024 Hz rate */
    s->cmos_data[RTC_REG_B] = REG_B_24H;
    s->cmos_data[RTC_REG_C] = 0;
    s->cmos_data[RTC_REG_D] = REG_D_VRT;
    rtc_fill_regs(s, s->base_ns);
}

/* RESET pin: interrupts off and flags cleared; time and RAM survive. */
static void rtc_reset(DeviceState *dev)
{
    RTCState *s = MC146818_RTC(dev);

    s->cmos_data[RTC_REG_B] &= ~(REG_B_PIE | REG_B_AIE | REG_B_UIE |
                                 REG_B_SQWE);
    s->cmos_data[RTC_REG_C] = 0;
    s->irq_coalesced = 0;
    s->irq_reinject_on_ack_count = 0;
    rtc_update_irq(s);
    rtc_update_timers(s);
}

static bool rtc_realize(DeviceState *dev, Error **errp)
{
    RTCState *s = MC146818_RTC(dev);

    if (s->lost_tick_policy != LOST_TICK_POLICY_SLEW &&
        s->lost_tick_policy != LOST_TICK_POLICY_DISCARD) {
        error_setg(errp, "Invalid lost tick policy.");
        return false;
    }
    if (s->isairq >= ISA_NUM_IRQS) {
        error_setg(errp, "Invalid IRQ %u (max %u)", s->isairq,
                   ISA_NUM_IRQS - 1);
        return false;
    }
    rtc_configure(s);
    rtc_power_on(s);
    s->last_c_clock = s->base_clock;
    s->last_c_guest = s->base_ns;
    s->periodic_timer = timer_new_ns(s->clock, rtc_periodic_cb, s);
    s->update_timer = timer_new_ns(s->clock, rtc_update_cb, s);
    memory_region_init_io(&s->io, OBJECT(dev), &cmos_ops, s, "rtc", 2);
    memory_region_init_io(&s->coalesced_io, OBJECT(dev), &cmos_ops, s,
                          "rtc-index", 1);
    memory_region_add_subregion(&s->io, 0, &s->coalesced_io);
    isa_register_ioport(ISA_DEVICE(dev), &s->io, s->io_base);
    qdev_init_gpio_out(dev, &s->irq, 1);
    object_property_add(OBJECT(dev), "date", "struct tm", rtc_get_date,
                        NULL, NULL, NULL);
    return true;
}

static void rtc_unrealize(DeviceState *dev)
{
    RTCState *s = MC146818_RTC(dev);

    memory_region_del_subregion(isa_address_space_io(ISA_DEVICE(dev)),
                                &s->io);
    timer_free(s->periodic_timer);
    timer_free(s->update_timer);
    s->periodic_timer = s->update_timer = NULL;
    object_property_del(OBJECT(dev), "date");
}

/* -rtc driftfix=slew is the default of lost_tick_policy (-global wins). */
static void rtc_instance_init(Object *obj)
{
    RTCState *s = MC146818_RTC(obj);
    QemuOptsList *list = qemu_find_opts_err("rtc", NULL);
    QemuOpts *opts = list ? qemu_opts_find(list, NULL) : NULL;
    const char *driftfix = opts ? qemu_opt_get(opts, "driftfix") : NULL;

    if (driftfix && !strcmp(driftfix, "slew")) {
        s->lost_tick_policy = LOST_TICK_POLICY_SLEW;
    }
}

static Property mc146818rtc_properties[] = {
    DEFINE_PROP_INT32("base_year", RTCState, base_year, 1980),
    DEFINE_PROP_UINT16("iobase", RTCState, io_base, RTC_ISA_BASE),
    DEFINE_PROP_UINT8("irq", RTCState, isairq, RTC_ISA_IRQ),
    DEFINE_PROP_LOSTTICKPOLICY("lost_tick_policy", RTCState,
                               lost_tick_policy, LOST_TICK_POLICY_DISCARD),
    DEFINE_PROP_END_OF_LIST(),
};

static void rtc_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = rtc_realize;
    dc->unrealize = rtc_unrealize;
    dc->reset = rtc_reset;
    device_class_set_props(dc, mc146818rtc_properties);
    device_class_set_category(dc, DEVICE_CATEGORY_MISC);
    /* -device mc146818rtc is allowed, as on the reference. */
    dc->user_creatable = true;
}

static const TypeInfo mc146818rtc_type = {
    .name = TYPE_MC146818_RTC,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(RTCState),
    .instance_init = rtc_instance_init,
    .class_init = rtc_class_init,
};

static int rtc_reset_reinjection_one(Object *obj, void *opaque)
{
    if (object_dynamic_cast(obj, TYPE_MC146818_RTC)) {
        mc146818rtc_reset_reinjection(ISA_DEVICE(obj));
    }
    return 0;
}

/* QMP rtc-reset-reinjection: every RTC of the machine (none: no-op). */
static json_t *qmp_rtc_reset_reinjection(json_t *args, Error **errp)
{
    object_child_foreach_recursive(object_get_root(),
                                   rtc_reset_reinjection_one, NULL);
    return json_object();
}

static void mc146818rtc_register_commands(void)
{
    qmp_register_command("rtc-reset-reinjection", qmp_rtc_reset_reinjection,
                         QCO_NO_OPTIONS);
}

qmp_command_init(mc146818rtc_register_commands)

static void mc146818rtc_register_types(void)
{
    type_register_static(&mc146818rtc_type);
}

type_init(mc146818rtc_register_types)
