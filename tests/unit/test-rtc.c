/*
 * test-rtc.c: the MC146818 RTC ("mc146818rtc", ports 0x70/0x71) with
 * -rtc base=2024-02-29T23:59:58,clock=vm, so its time follows the
 * virtual clock the test moves: BCD and binary time, 12/24 hours, the
 * century byte, setting the time under SET, the divider reset, UIP, the
 * periodic interrupt and its rates, alarm and update-ended interrupts,
 * the flags of register C with interrupts off, CMOS RAM, and the
 * re-injection of lost_tick_policy=slew.
 *
 * References are to the MC146818A datasheet: "Address Map", "Update
 * Cycle", "Register A" to "Register D", "Periodic Interrupt Rate" table.
 */
#include "qemu/osdep.h"
#include "pcdev-test.h"
#include "hw/rtc/mc146818rtc.h"
#include "qemu/option.h"
#include "hw/qdev-gpio.h"

#define SEC NANOSECONDS_PER_SECOND
#define MS (SEC / 1000)
#define US (SEC / 1000000)

static ISADevice *rtc;
static TestLine irq8;

static uint8_t cmos_read(uint8_t index)
{
    outb(0x70, index);
    return inb(0x71);
}

static void cmos_write(uint8_t index, uint8_t val)
{
    outb(0x70, index);
    outb(0x71, val);
}

/*
 * Interrupts off, flags clear, BCD 24-hour, 1024 Hz rate; time set to
 * 2024-02-29 23:59:58 (a Thursday) at a second boundary: the divider is
 * held in reset while the time is written, and its release starts the
 * second half-way (Register A, DV bits), 500 ms before 23:59:58.
 */
static void fresh(void)
{
    qemu_devices_reset();
    cmos_write(RTC_REG_A, 0x76);
    cmos_write(RTC_REG_B, 0x82);
    cmos_write(0, 0x57);
    cmos_write(2, 0x59);
    cmos_write(4, 0x23);
    cmos_write(6, 0x05);
    cmos_write(7, 0x29);
    cmos_write(8, 0x02);
    cmos_write(9, 0x24);
    cmos_write(RTC_CENTURY, 0x20);
    cmos_write(RTC_REG_B, 0x02);
    cmos_write(RTC_REG_A, 0x26);
    clock_step(SEC / 2);
    cmos_read(RTC_REG_C);
    irq8.edges = 0;
}

/* The start-up time comes from -rtc base=; BCD, 24 hours; the date rolls
 * over at midnight, February 29 into March. */
static void test_bcd_time_and_rollover(void)
{
    qemu_devices_reset();
    g_assert_cmphex(cmos_read(0), ==, 0x58);
    g_assert_cmphex(cmos_read(2), ==, 0x59);
    g_assert_cmphex(cmos_read(4), ==, 0x23);
    g_assert_cmphex(cmos_read(6), ==, 0x05);
    g_assert_cmphex(cmos_read(7), ==, 0x29);
    g_assert_cmphex(cmos_read(8), ==, 0x02);
    g_assert_cmphex(cmos_read(9), ==, 0x24);
    g_assert_cmphex(cmos_read(RTC_CENTURY), ==, 0x20);
    g_assert_cmphex(cmos_read(RTC_REG_A), ==, 0x26);
    g_assert_cmphex(cmos_read(RTC_REG_B), ==, 0x02);
    g_assert_cmphex(cmos_read(RTC_REG_D), ==, 0x80);
    clock_step(2 * SEC);
    g_assert_cmphex(cmos_read(0), ==, 0x00);
    g_assert_cmphex(cmos_read(2), ==, 0x00);
    g_assert_cmphex(cmos_read(4), ==, 0x00);
    g_assert_cmphex(cmos_read(6), ==, 0x06);
    g_assert_cmphex(cmos_read(7), ==, 0x01);
    g_assert_cmphex(cmos_read(8), ==, 0x03);
}

/* Register B: binary (DM) and 12-hour mode with the PM bit. */
static void test_binary_and_12_hour(void)
{
    fresh();
    clock_step(2 * SEC);                    /* 00:00:00 */
    cmos_write(RTC_REG_B, 0x04);
    g_assert_cmpuint(cmos_read(4), ==, 12); /* 12 AM */
    g_assert_cmpuint(cmos_read(7), ==, 1);
    g_assert_cmpuint(cmos_read(9), ==, 24);
    clock_step(13 * 3600 * SEC);
    g_assert_cmphex(cmos_read(4), ==, 0x81); /* 1 PM */
    cmos_write(RTC_REG_B, 0x00);            /* BCD, 12 hours */
    g_assert_cmphex(cmos_read(4), ==, 0x81);
    clock_step(11 * 3600 * SEC);
    g_assert_cmphex(cmos_read(4), ==, 0x12); /* 12 AM */
    cmos_write(RTC_REG_B, 0x02);
}

/* SET stops the clock while the guest writes the time (Register B). */
static void test_set_time(void)
{
    fresh();
    cmos_write(RTC_REG_B, 0x82);
    cmos_write(0, 0x56);
    cmos_write(2, 0x34);
    cmos_write(4, 0x12);
    cmos_write(7, 0x31);
    cmos_write(8, 0x12);
    cmos_write(9, 0x99);
    cmos_write(RTC_CENTURY, 0x19);
    clock_step(5 * SEC);
    g_assert_cmphex(cmos_read(0), ==, 0x56);
    cmos_write(RTC_REG_B, 0x02);
    clock_step(SEC);
    g_assert_cmphex(cmos_read(0), ==, 0x57);
    clock_step(11 * 3600 * SEC + 25 * 60 * SEC + 3 * SEC);
    g_assert_cmphex(cmos_read(9), ==, 0x00);
    g_assert_cmphex(cmos_read(RTC_CENTURY), ==, 0x20);
    g_assert_cmphex(cmos_read(8), ==, 0x01);
    /* A single time byte written while running takes effect at once. */
    cmos_write(4, 0x05);
    g_assert_cmphex(cmos_read(4), ==, 0x05);
    clock_step(SEC);
    g_assert_cmphex(cmos_read(4), ==, 0x05);
}

/* UIP (Register A bit 7): set during the 244 us before each update. */
static void test_update_in_progress(void)
{
    fresh();
    clock_step(SEC - 300 * US);
    g_assert_cmphex(cmos_read(RTC_REG_A) & 0x80, ==, 0);
    clock_step(100 * US);
    g_assert_cmphex(cmos_read(RTC_REG_A) & 0x80, ==, 0x80);
    g_assert_cmphex(cmos_read(0), ==, 0x58);
    clock_step(200 * US);
    g_assert_cmphex(cmos_read(RTC_REG_A) & 0x80, ==, 0);
    g_assert_cmphex(cmos_read(0), ==, 0x59);
    /* UIP is read-only. */
    cmos_write(RTC_REG_A, 0xa6);
    g_assert_cmphex(cmos_read(RTC_REG_A), ==, 0x26);
    /* SET: no updates, no UIP. */
    cmos_write(RTC_REG_B, 0x82);
    clock_step(SEC - 100 * US);
    g_assert_cmphex(cmos_read(RTC_REG_A) & 0x80, ==, 0);
    cmos_write(RTC_REG_B, 0x02);
}

/* Divider in reset (DV 11x) stops the clock; the first update comes
 * 500 ms after it is released. */
static void test_divider_reset(void)
{
    fresh();
    cmos_write(RTC_REG_A, 0x76);
    clock_step(10 * SEC);
    g_assert_cmphex(cmos_read(0), ==, 0x58);
    cmos_write(RTC_REG_A, 0x26);
    clock_step(499 * MS);
    g_assert_cmphex(cmos_read(0), ==, 0x58);
    clock_step(1 * MS);
    g_assert_cmphex(cmos_read(0), ==, 0x59);
}

/* Periodic interrupt (Register A RS, Register B PIE): IRQ 8 with IRQF
 * and PF in C; reading C acknowledges. */
static void test_periodic_interrupt(void)
{
    int i, n = 0;

    fresh();
    cmos_write(RTC_REG_A, 0x2f);            /* 2 Hz */
    cmos_write(RTC_REG_B, 0x42);
    clock_step(250 * MS);
    g_assert_cmpint(irq8.level, ==, 0);
    clock_step(250 * MS);
    g_assert_cmpint(irq8.level, ==, 1);
    g_assert_cmphex(cmos_read(RTC_REG_C), ==, 0xc0);
    g_assert_cmpint(irq8.level, ==, 0);
    g_assert_cmphex(cmos_read(RTC_REG_C), ==, 0x00);

    /* 1024 Hz (RS 6): 1024 interrupts in a second. */
    cmos_write(RTC_REG_A, 0x26);
    irq8.edges = 0;
    for (i = 0; i < 1024 * 4; i++) {
        clock_step(SEC / 4096);
        if (irq8.level) {
            n++;
            cmos_read(RTC_REG_C);
        }
    }
    g_assert_cmpint(n, >=, 1023);
    g_assert_cmpint(n, <=, 1025);
    /* 8192 Hz (RS 3): a period of 122 us. */
    cmos_write(RTC_REG_A, 0x23);
    cmos_read(RTC_REG_C);
    irq8.edges = 0;
    for (i = 0; i < 100; i++) {
        clock_step(123 * US);
        cmos_read(RTC_REG_C);
    }
    g_assert_cmpint(irq8.edges, >=, 99);
    cmos_write(RTC_REG_B, 0x02);
}

/* Alarm (don't-care 0xc0 in hours and minutes) and update-ended
 * interrupts. */
static void test_alarm_and_update_interrupts(void)
{
    fresh();
    cmos_write(1, 0x02);                    /* at ss = 02 */
    cmos_write(3, 0xc0);
    cmos_write(5, 0xff);
    cmos_write(RTC_REG_B, 0x22);
    clock_step(3 * SEC);                    /* 00:00:01 */
    g_assert_cmpint(irq8.level, ==, 0);
    clock_step(SEC);                        /* 00:00:02 */
    g_assert_cmpint(irq8.level, ==, 1);
    /* PF is set at the periodic rate even with PIE off. */
    g_assert_cmphex(cmos_read(RTC_REG_C), ==, 0xf0);
    clock_step(59 * SEC);
    g_assert_cmpint(irq8.level, ==, 0);
    clock_step(SEC);                        /* 00:01:02 */
    g_assert_cmpint(irq8.level, ==, 1);
    cmos_read(RTC_REG_C);

    /* Update-ended: one per second. */
    cmos_write(RTC_REG_B, 0x12);
    irq8.edges = 0;
    clock_step(SEC / 2);
    g_assert_cmpint(irq8.edges, ==, 0);
    clock_step(SEC / 2);
    g_assert_cmpint(irq8.edges, ==, 1);
    g_assert_cmphex(cmos_read(RTC_REG_C) & 0x90, ==, 0x90);
    clock_step(SEC);
    g_assert_cmpint(irq8.edges, ==, 2);
    cmos_read(RTC_REG_C);
    /* Setting SET clears UIE. */
    cmos_write(RTC_REG_B, 0x92);
    g_assert_cmphex(cmos_read(RTC_REG_B), ==, 0x82);
    cmos_write(RTC_REG_B, 0x02);
}

/* Register C with interrupts off: the flags still tell what happened. */
static void test_flags_without_interrupts(void)
{
    fresh();
    cmos_write(RTC_REG_A, 0x2f);
    cmos_write(1, 0x59);
    cmos_write(3, 0x59);
    cmos_write(5, 0x23);
    clock_step(100 * MS);
    g_assert_cmphex(cmos_read(RTC_REG_C), ==, 0x00);
    clock_step(500 * MS);
    g_assert_cmphex(cmos_read(RTC_REG_C), ==, 0x40);
    clock_step(400 * MS);                   /* 23:59:59 */
    g_assert_cmphex(cmos_read(RTC_REG_C), ==, 0x70);
    g_assert_cmpint(irq8.edges, ==, 0);
}

/* CMOS RAM, the read-only registers, the index port and the NMI bit. */
static void test_cmos_ram(void)
{
    fresh();
    cmos_write(0x38, 0x5a);
    g_assert_cmphex(cmos_read(0x38), ==, 0x5a);
    cmos_write(0x80 | 0x39, 0xa5);
    g_assert_cmphex(cmos_read(0x39), ==, 0xa5);
    g_assert_cmphex(inb(0x70), ==, 0xff);
    cmos_write(RTC_REG_D, 0x00);
    g_assert_cmphex(cmos_read(RTC_REG_D), ==, 0x80);
    mc146818rtc_set_cmos_data(rtc, 0x34, 0x12);
    g_assert_cmphex(cmos_read(0x34), ==, 0x12);
    g_assert_cmpint(mc146818rtc_get_cmos_data(rtc, 0x38), ==, 0x5a);
    mc146818rtc_set_cmos_data(rtc, 0x80, 0x12);
    g_assert_cmpint(mc146818rtc_get_cmos_data(rtc, -1), ==, 0);
    /* Reset keeps the RAM and the time, clears the interrupt enables. */
    cmos_write(RTC_REG_B, 0x72);
    qemu_devices_reset();
    g_assert_cmphex(cmos_read(RTC_REG_B), ==, 0x02);
    g_assert_cmphex(cmos_read(0x38), ==, 0x5a);
}

/* lost_tick_policy=slew: periodic ticks the guest missed are handed
 * over, one per acknowledge, until none is owed. */
static void test_slew_reinjection(void)
{
    DeviceState *dev = qdev_new(TYPE_MC146818_RTC);
    TestLine irq9;
    int i;

    fresh();
    test_line_init(&irq9);
    object_property_set_uint(OBJECT(dev), "iobase", 0x170, &error_abort);
    object_property_set_str(OBJECT(dev), "lost_tick_policy", "slew",
                            &error_abort);
    qdev_realize_and_unref(dev, BUS(isa_bus_get()), &error_abort);
    qdev_connect_gpio_out(dev, 0, irq9.irq);
    outb(0x170, RTC_REG_A);
    outb(0x171, 0x2f);
    outb(0x170, RTC_REG_B);
    outb(0x171, 0x42);
    clock_step(2 * SEC);                    /* 4 ticks, 1 taken */
    g_assert_cmpint(irq9.edges, ==, 1);
    for (i = 0; i < 3; i++) {
        outb(0x170, RTC_REG_C);
        g_assert_cmphex(inb(0x171) & 0xc0, ==, 0xc0);
        g_assert_cmpint(irq9.level, ==, 1);
    }
    outb(0x170, RTC_REG_C);
    g_assert_cmphex(inb(0x171) & 0xc0, ==, 0xc0);
    g_assert_cmpint(irq9.level, ==, 0);
    mc146818rtc_reset_reinjection(ISA_DEVICE(dev));

    /* Anything but slew or discard is refused. */
    dev = qdev_new(TYPE_MC146818_RTC);
    object_property_set_str(OBJECT(dev), "lost_tick_policy", "delay",
                            &error_abort);
    object_property_set_uint(OBJECT(dev), "iobase", 0x270, &error_abort);
    {
        Error *err = NULL;

        g_assert_false(qdev_realize(dev, BUS(isa_bus_get()), &err));
        g_assert_cmpstr(error_get_pretty(err), ==,
                        "Invalid lost tick policy.");
        error_free(err);
        object_unref(OBJECT(dev));
    }
}

int main(int argc, char **argv)
{
    qemu_irq *lines = g_new0(qemu_irq, ISA_NUM_IRQS);
    ISABus *bus;

    g_test_init(&argc, &argv, NULL);
    bus = pcdev_test_init();
    qemu_opts_parse(qemu_find_opts("rtc"),
                    "base=2024-02-29T23:59:58,clock=vm", false,
                    &error_abort);
    test_line_init(&irq8);
    lines[8] = irq8.irq;
    isa_bus_irqs(bus, lines);
    rtc = mc146818_rtc_init(bus, 0, NULL);

    g_test_add_func("/rtc/bcd-time-and-rollover", test_bcd_time_and_rollover);
    g_test_add_func("/rtc/binary-and-12-hour", test_binary_and_12_hour);
    g_test_add_func("/rtc/set-time", test_set_time);
    g_test_add_func("/rtc/update-in-progress", test_update_in_progress);
    g_test_add_func("/rtc/divider-reset", test_divider_reset);
    g_test_add_func("/rtc/periodic-interrupt", test_periodic_interrupt);
    g_test_add_func("/rtc/alarm-and-update-interrupts",
                    test_alarm_and_update_interrupts);
    g_test_add_func("/rtc/flags-without-interrupts",
                    test_flags_without_interrupts);
    g_test_add_func("/rtc/cmos-ram", test_cmos_ram);
    g_test_add_func("/rtc/slew-reinjection", test_slew_reinjection);
    return g_test_run();
}
