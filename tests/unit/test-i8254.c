/*
 * test-i8254.c: the 8254 PIT ("isa-pit", ports 0x40-0x43) and port 0x61
 * ("isa-pcspk") against a virtual clock the test moves: the six modes
 * (counts, OUT and IRQ 0 edges), the counter latch and read-back
 * commands, LSB/MSB access, BCD, counter 2's gate and OUT through port
 * 0x61 (as Linux's and SeaBIOS's TSC calibration use them), and the
 * HPET's enable input.
 *
 * References are to the Intel 8254 datasheet (231164): "Control Word
 * Format", "Read-Back Command", "Status Byte", "Mode 0" ... "Mode 5".
 */
#include "qemu/osdep.h"
#include "pcdev-test.h"
#include "hw/timer/i8254.h"
#include "hw/timer/pcspk.h"

#define PIT_CH0 0x40
#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PORT_61 0x61

static ISADevice *pit;
static TestLine irq0;

/* ns for n ticks of the 1.193182 MHz clock, rounded up. */
static int64_t ticks_ns(int64_t n)
{
    return (n * NANOSECONDS_PER_SECOND + PIT_FREQ - 1) / PIT_FREQ;
}

/* Move the clock to n ticks after start. */
static void step_to(int64_t start, int64_t n)
{
    qemu_clock_step(start + ticks_ns(n) - clock_now());
}

static void fresh(void)
{
    qemu_devices_reset();
    irq0.edges = 0;
}

static void load16(uint16_t port, uint16_t v)
{
    outb(port, v & 0xff);
    outb(port, v >> 8);
}

/* Counter latch command, then LSB and MSB. */
static uint16_t latch_read(int ch)
{
    uint16_t v;

    outb(PIT_CMD, ch << 6);
    v = inb(PIT_CH0 + ch);
    return v | (inb(PIT_CH0 + ch) << 8);
}

static int out2(void)
{
    return !!(inb(PORT_61) & 0x20);
}

/* Mode 2: the count runs down from N and reloads; IRQ 0 once a period. */
static void test_mode2_rate_generator(void)
{
    int64_t start;

    fresh();
    outb(PIT_CMD, 0x34);
    load16(PIT_CH0, 1193);
    start = clock_now();
    irq0.edges = 0;
    step_to(start, 119);
    g_assert_cmpuint(latch_read(0), ==, 1193 - 119);
    step_to(start, 1193 * 10);
    g_assert_cmpint(irq0.edges, ==, 10);
    g_assert_cmpuint(latch_read(0), ==, 1193);
    /* OUT is high between the one-clock low pulses. */
    g_assert_cmpint(irq0.level, ==, 1);
    step_to(start, 1193 * 11 - 1);
    g_assert_cmpint(irq0.level, ==, 0);
    step_to(start, 1193 * 11);
    g_assert_cmpint(irq0.level, ==, 1);
    g_assert_cmpint(irq0.edges, ==, 11);
}

/* Mode 3: square wave, counting down by two; OUT high half the time. */
static void test_mode3_square_wave(void)
{
    int64_t start;

    fresh();
    outb(PORT_61, 0x01);                    /* gate 2 on */
    outb(PIT_CMD, 0xb6);
    load16(PIT_CH2, 100);
    start = clock_now();
    g_assert_cmpint(out2(), ==, 1);
    clock_step(ticks_ns(20));
    g_assert_cmpuint(latch_read(2), ==, 60);
    g_assert_cmpint(out2(), ==, 1);
    step_to(start, 50);
    g_assert_cmpint(out2(), ==, 0);
    step_to(start, 99);
    g_assert_cmpint(out2(), ==, 0);
    step_to(start, 100);
    g_assert_cmpint(out2(), ==, 1);
    /* Reset state: counter 0 in mode 3 at 65536, IRQ 0 at 18.2 Hz. */
    fresh();
    clock_step(NANOSECONDS_PER_SECOND);
    g_assert_cmpint(irq0.edges, ==, 18);
}

/* Mode 0 on counter 2 as Linux's PIT calibration: OUT2 goes high at the
 * terminal count; a low gate pauses counting. */
static void test_mode0_terminal_count_and_gate(void)
{
    int64_t start;

    fresh();
    outb(PORT_61, (inb(PORT_61) & ~0x02) | 0x01);
    outb(PIT_CMD, 0xb0);
    g_assert_cmpint(out2(), ==, 0);
    load16(PIT_CH2, 0xffff);
    start = clock_now();
    g_assert_cmpint(out2(), ==, 0);
    step_to(start, 0xfffe);
    g_assert_cmpint(out2(), ==, 0);
    g_assert_cmpuint(latch_read(2), ==, 1);
    step_to(start, 0xffff);
    g_assert_cmpint(out2(), ==, 1);
    /* Mode 0 wraps after terminal count. */
    clock_step(ticks_ns(2));
    g_assert_cmpuint(latch_read(2), ==, 0xfffe);

    /* Gate low: the count holds. */
    outb(PIT_CMD, 0xb0);
    load16(PIT_CH2, 1000);
    clock_step(ticks_ns(100));
    outb(PORT_61, 0x00);
    g_assert_cmpuint(latch_read(2), ==, 900);
    clock_step(ticks_ns(500));
    g_assert_cmpuint(latch_read(2), ==, 900);
    outb(PORT_61, 0x01);
    clock_step(ticks_ns(100));
    g_assert_cmpuint(latch_read(2), ==, 800);

    /* Counter 0 in mode 0: IRQ 0 rises once. */
    outb(PIT_CMD, 0x30);
    g_assert_cmpint(irq0.level, ==, 0);
    load16(PIT_CH0, 50);
    irq0.edges = 0;
    clock_step(ticks_ns(49));
    g_assert_cmpint(irq0.edges, ==, 0);
    clock_step(ticks_ns(2));
    g_assert_cmpint(irq0.edges, ==, 1);
    clock_step(NANOSECONDS_PER_SECOND / 10);
    g_assert_cmpint(irq0.edges, ==, 1);
}

/* Mode 1 and mode 5 start on the gate's rising edge. */
static void test_modes_1_and_5_gate_trigger(void)
{
    fresh();
    outb(PORT_61, 0x00);
    outb(PIT_CMD, 0xb2);                    /* counter 2, mode 1 */
    load16(PIT_CH2, 100);
    outb(PORT_61, 0x01);                    /* trigger */
    g_assert_cmpint(out2(), ==, 0);
    clock_step(ticks_ns(99));
    g_assert_cmpint(out2(), ==, 0);
    clock_step(ticks_ns(1) + 1);
    g_assert_cmpint(out2(), ==, 1);
    /* Retrigger: low again for a full count. */
    outb(PORT_61, 0x00);
    outb(PORT_61, 0x01);
    g_assert_cmpint(out2(), ==, 0);

    outb(PIT_CMD, 0xba);                    /* counter 2, mode 5 */
    load16(PIT_CH2, 10);
    outb(PORT_61, 0x00);
    outb(PORT_61, 0x01);
    clock_step(ticks_ns(10));
    g_assert_cmpint(out2(), ==, 0);         /* the strobe */
    clock_step(ticks_ns(1));
    g_assert_cmpint(out2(), ==, 1);
}

/* Mode 4: a one-clock strobe at terminal count, one IRQ 0 edge. */
static void test_mode4_software_strobe(void)
{
    fresh();
    outb(PIT_CMD, 0x38);
    load16(PIT_CH0, 30);
    irq0.edges = 0;
    clock_step(ticks_ns(30));
    g_assert_cmpint(irq0.level, ==, 0);
    clock_step(ticks_ns(1));
    g_assert_cmpint(irq0.level, ==, 1);
    clock_step(NANOSECONDS_PER_SECOND / 100);
    g_assert_cmpint(irq0.edges, ==, 1);
}

/* Counter latch: the value holds until read; a second latch is ignored;
 * LSB-only and MSB-only access modes. */
static void test_latch_and_access_modes(void)
{
    fresh();
    outb(PIT_CMD, 0x34);
    load16(PIT_CH0, 10000);
    clock_step(ticks_ns(1000));
    outb(PIT_CMD, 0x00);
    clock_step(ticks_ns(1000));
    outb(PIT_CMD, 0x00);
    g_assert_cmpuint(inb(PIT_CH0) | (inb(PIT_CH0) << 8), ==, 9000);
    g_assert_cmpuint(latch_read(0), ==, 8000);

    outb(PIT_CMD, 0x14);                    /* LSB only */
    outb(PIT_CH0, 200);
    clock_step(ticks_ns(50));
    g_assert_cmpuint(inb(PIT_CH0), ==, 150);
    g_assert_cmpuint(inb(PIT_CH0), ==, 150);
    outb(PIT_CMD, 0x24);                    /* MSB only: 0x0200 */
    outb(PIT_CH0, 0x02);
    clock_step(ticks_ns(256));
    g_assert_cmpuint(inb(PIT_CH0), ==, 0x01);
}

/* Read-back (control word 11): status byte then count, per counter. */
static void test_read_back(void)
{
    fresh();
    outb(PIT_CMD, 0x34);
    /* NULL COUNT until the count is written. */
    outb(PIT_CMD, 0xe2);
    g_assert_cmphex(inb(PIT_CH0), ==, 0xc0 | 0x34);
    load16(PIT_CH0, 0x1000);
    clock_step(ticks_ns(0x10));
    outb(PIT_CMD, 0xc2);                    /* count and status */
    g_assert_cmphex(inb(PIT_CH0), ==, 0x80 | 0x34);
    g_assert_cmphex(inb(PIT_CH0), ==, 0xf0);
    g_assert_cmphex(inb(PIT_CH0), ==, 0x0f);
    /* Status only of counter 2 (mode 3 after reset, OUT high). */
    outb(PIT_CMD, 0xe8);
    g_assert_cmphex(inb(PIT_CH2) & 0x8f, ==, 0x86);
    /* The control port reads nothing. */
    g_assert_cmphex(inb(PIT_CMD), ==, 0);
}

/* BCD counting: 0x1000 is 1000 counts; the count reads in BCD. */
static void test_bcd(void)
{
    fresh();
    outb(PIT_CMD, 0x35);
    load16(PIT_CH0, 0x1000);
    clock_step(ticks_ns(1));
    g_assert_cmphex(latch_read(0), ==, 0x0999);
    clock_step(ticks_ns(998));
    g_assert_cmphex(latch_read(0), ==, 0x0001);
    irq0.edges = 0;
    clock_step(ticks_ns(1000));
    g_assert_cmpint(irq0.edges, ==, 1);
}

/* Port 0x61: gate and speaker bits read back, refresh toggles, OUT2. */
static void test_port61(void)
{
    uint8_t a, b;

    fresh();
    a = inb(PORT_61);
    b = inb(PORT_61);
    g_assert_cmphex(a & 0x20, ==, 0x20);
    g_assert_cmphex((a ^ b) & 0x10, ==, 0x10);
    outb(PORT_61, 0x03);
    g_assert_cmphex(inb(PORT_61) & 0x0f, ==, 0x03);
    outb(PORT_61, 0x0c);
    g_assert_cmphex(inb(PORT_61) & 0x0f, ==, 0x00);
}

/* The HPET's legacy mode takes IRQ 0 away (enable input low). */
static void test_hpet_enable_input(void)
{
    fresh();
    outb(PIT_CMD, 0x34);
    load16(PIT_CH0, 1000);
    qemu_irq_lower(pit_get_control_input(pit));
    irq0.edges = 0;
    clock_step(ticks_ns(10000));
    g_assert_cmpint(irq0.edges, ==, 0);
    g_assert_cmpint(irq0.level, ==, 0);
    qemu_irq_raise(pit_get_control_input(pit));
    irq0.edges = 0;
    clock_step(ticks_ns(10000));
    g_assert_cmpint(irq0.edges, >=, 9);
}

int main(int argc, char **argv)
{
    qemu_irq *lines = g_new0(qemu_irq, ISA_NUM_IRQS);
    ISABus *bus;

    g_test_init(&argc, &argv, NULL);
    bus = pcdev_test_init();
    test_line_init(&irq0);
    lines[0] = irq0.irq;
    isa_bus_irqs(bus, lines);
    pit = i8254_pit_init(bus, 0x40, 0, NULL);
    pcspk_init(bus, pit);

    g_test_add_func("/i8254/mode2-rate-generator", test_mode2_rate_generator);
    g_test_add_func("/i8254/mode3-square-wave", test_mode3_square_wave);
    g_test_add_func("/i8254/mode0-terminal-count-and-gate",
                    test_mode0_terminal_count_and_gate);
    g_test_add_func("/i8254/modes-1-and-5-gate-trigger",
                    test_modes_1_and_5_gate_trigger);
    g_test_add_func("/i8254/mode4-software-strobe",
                    test_mode4_software_strobe);
    g_test_add_func("/i8254/latch-and-access-modes",
                    test_latch_and_access_modes);
    g_test_add_func("/i8254/read-back", test_read_back);
    g_test_add_func("/i8254/bcd", test_bcd);
    g_test_add_func("/i8254/port61", test_port61);
    g_test_add_func("/i8254/hpet-enable-input", test_hpet_enable_input);
    return g_test_run();
}
