/*
 * test-i8042.c: the keyboard controller ("i8042") and its PS/2 keyboard
 * and mouse through ports 0x60/0x64: controller commands and self tests,
 * the command byte, the output buffer and its interrupts, the output port
 * (A20 and reset), keyboard reset/identify/scancode sets and translation,
 * special keys, command replies ahead of queued keys, mouse reset,
 * status, IntelliMouse detection and packets.
 *
 * Expected byte sequences were taken from QEMU 7.2 driven through qtest
 * and QMP input events; they agree with A. Brouwer, "Keyboard scancodes"
 * (sections 9-11) and the IBM PS/2 Hardware Interface Technical Reference.
 */
#include "qemu/osdep.h"
#include "pcdev-test.h"
#include "hw/input/i8042.h"
#include "hw/input/ps2.h"
#include "hw/qdev-gpio.h"
#include "sysemu/runstate.h"
#include "qemu/main-loop.h"

#define DATA 0x60
#define CMD  0x64

#define STAT_OBF    0x01
#define STAT_SYS    0x04
#define STAT_AUX    0x20

static TestLine isa_lines[ISA_NUM_IRQS];
static TestLine a20;
static int resets_seen;

/* ---- helpers ---- */

static void machine_reset(void)
{
    qemu_devices_reset();
    isa_lines[1].edges = 0;
    isa_lines[12].edges = 0;
}

/* Every byte the controller presents now, as "fa ab 83". */
static char *read_all(void)
{
    GString *s = g_string_new(NULL);
    int n;

    for (n = 0; n < 512 && (inb(CMD) & STAT_OBF); n++) {
        g_string_append_printf(s, "%s%02x", s->len ? " " : "", inb(DATA));
    }
    return g_string_free(s, false);
}

static void expect(const char *want)
{
    char *got = read_all();

    g_assert_cmpstr(got, ==, want);
    g_free(got);
}

/* A 16-bit port read as a vCPU makes it. */
static uint16_t inw(uint16_t port)
{
    uint8_t buf[2] = { 0, 0 };

    address_space_rw(&address_space_io, port, MEMTXATTRS_UNSPECIFIED, buf, 2,
                     false);
    return buf[0] | buf[1] << 8;
}

static void kbd_cmd(uint8_t v)
{
    outb(DATA, v);
}

static void mouse_cmd(uint8_t v)
{
    outb(CMD, 0xd4);
    outb(DATA, v);
}

static void write_mode(uint8_t mode)
{
    outb(CMD, 0x60);
    outb(DATA, mode);
}

static void key(int qnum, bool down)
{
    ps2_keyboard_put_keycode(ps2_keyboard_get(), qnum, down);
}

/* Press and release; the bytes both produce. */
static void tap_expect(int qnum, const char *want)
{
    key(qnum, true);
    key(qnum, false);
    expect(want);
}

static void test_reset_handler(void *opaque)
{
    resets_seen++;
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
}

static gboolean guard_fired(gpointer opaque)
{
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
    return G_SOURCE_REMOVE;
}

/* Run the main loop briefly; returns the number of machine resets. */
static int run_for_resets(void)
{
    guint id = g_timeout_add(200, guard_fired, NULL);
    int before = resets_seen;

    qemu_main_loop();
    g_source_remove(id);
    while (g_main_context_iteration(NULL, FALSE)) {
    }
    return resets_seen - before;
}

/* ---- controller ---- */

/* Brouwer 10.1/10.2: power-on status 0x18, command byte 0x03. */
static void test_reset_state(void)
{
    machine_reset();
    g_assert_cmphex(inb(CMD), ==, 0x18);
    g_assert_cmphex(inb(DATA), ==, 0x00);
    outb(CMD, 0x20);
    g_assert_cmphex(inb(CMD), ==, 0x19);
    g_assert_true(isa_lines[1].level);
    g_assert_cmphex(inb(DATA), ==, 0x03);
    g_assert_false(isa_lines[1].level);
    g_assert_cmphex(inb(CMD), ==, 0x18);
    /* An empty buffer reads the last byte again. */
    g_assert_cmphex(inb(DATA), ==, 0x03);
    /* A word read repeats the byte read (reference: inw 0x64 = 0x1818). */
    g_assert_cmphex(inw(CMD), ==, 0x1818);
    kbd_cmd(0xee);
    g_assert_cmphex(inw(DATA), ==, 0xeeee);
}

/* Brouwer 10.3: 0xaa -> 0x55 (and the system flag), interface tests,
 * input and output ports. */
static void test_controller_tests(void)
{
    machine_reset();
    outb(CMD, 0xaa);
    g_assert_cmphex(inb(CMD), ==, 0x18 | STAT_SYS | STAT_OBF);
    expect("55");
    g_assert_cmphex(inb(CMD), ==, 0x18 | STAT_SYS);
    outb(CMD, 0xab);
    expect("00");
    outb(CMD, 0xa9);
    expect("00");
    outb(CMD, 0xc0);
    expect("80");
    outb(CMD, 0xd0);
    expect("cf");
    /* Unknown commands do nothing. */
    outb(CMD, 0xe0);
    outb(CMD, 0x21);
    expect("");
}

/* Command byte: interrupt enables gate IRQ 1/12 (10.2, bits 0-1). */
static void test_command_byte(void)
{
    machine_reset();
    write_mode(0x47);
    outb(CMD, 0x20);
    expect("47");
    write_mode(0x00);
    outb(CMD, 0xd2);
    outb(DATA, 0x78);
    g_assert_cmphex(inb(CMD) & STAT_OBF, ==, STAT_OBF);
    g_assert_false(isa_lines[1].level);
    write_mode(0x01);
    g_assert_true(isa_lines[1].level);
    expect("78");
    g_assert_false(isa_lines[1].level);

    /* The mouse line for aux data (0xd3), with its status bit. */
    write_mode(0x03);
    outb(CMD, 0xd3);
    outb(DATA, 0x66);
    g_assert_cmphex(inb(CMD), ==, 0x18 | STAT_AUX | STAT_OBF);
    g_assert_true(isa_lines[12].level);
    g_assert_false(isa_lines[1].level);
    expect("66");
    g_assert_false(isa_lines[12].level);
}

/*
 * The output buffer: a controller result goes before queued device data,
 * a second unread result replaces the first (as on the reference), and
 * each byte read drops the line before the next raises it (a new edge).
 */
static void test_output_buffer(void)
{
    machine_reset();
    kbd_cmd(0xf2);                      /* FA AB 83 queued */
    g_assert_cmpint(isa_lines[1].edges, ==, 1);
    g_assert_cmphex(inb(DATA), ==, 0xfa);
    g_assert_cmpint(isa_lines[1].edges, ==, 2);
    outb(CMD, 0x20);                    /* AB already presented */
    expect("ab 03 83");

    outb(CMD, 0xd2);
    outb(DATA, 0x55);
    outb(CMD, 0xd0);                    /* replaces 0x55; OBF bit set */
    expect("df");
    outb(CMD, 0xd3);
    outb(DATA, 0x66);
    outb(CMD, 0xd0);
    expect("ff");
}

/* Output port bit 1 drives A20 (10.3, 0xd1/0xdd/0xdf). */
static void test_a20(void)
{
    machine_reset();
    outb(CMD, 0xdd);
    g_assert_false(a20.level);
    outb(CMD, 0xd0);
    expect("cd");
    outb(CMD, 0xdf);
    g_assert_true(a20.level);
    outb(CMD, 0xd1);
    outb(DATA, 0xcd);
    g_assert_false(a20.level);
    outb(CMD, 0xd1);
    outb(DATA, 0xcf);
    g_assert_true(a20.level);
    outb(CMD, 0xd0);
    expect("cf");
    g_assert_cmpint(run_for_resets(), ==, 0);
}

/* Pulsing output bit 0 (0xfe), or writing it as 0, resets the machine;
 * other pulses do not. */
static void test_cpu_reset(void)
{
    machine_reset();
    outb(CMD, 0xf1);
    outb(CMD, 0xff);
    g_assert_cmpint(run_for_resets(), ==, 0);
    outb(CMD, 0xfe);
    g_assert_cmpint(run_for_resets(), ==, 1);
    outb(CMD, 0xf0);
    g_assert_cmpint(run_for_resets(), ==, 1);
    outb(CMD, 0xd1);
    outb(DATA, 0xce);
    g_assert_cmpint(run_for_resets(), ==, 1);
}

/* ---- keyboard ---- */

/* Reset, echo, identify (translated: AB 41), scancode set query. */
static void test_keyboard_commands(void)
{
    machine_reset();
    kbd_cmd(0xff);
    expect("fa aa");
    kbd_cmd(0xee);
    expect("ee");
    kbd_cmd(0xf2);
    expect("fa ab 83");
    kbd_cmd(0xf0);
    kbd_cmd(0x00);
    expect("fa 02");
    kbd_cmd(0x05);
    expect("fe");
    kbd_cmd(0xf7);
    expect("fe");
    kbd_cmd(0xf0);
    kbd_cmd(0x07);
    expect("fe");                       /* the F0's ACK was abandoned */
    kbd_cmd(0xed);
    kbd_cmd(0x07);
    expect("fa");
    g_assert_cmpint(ps2_keyboard_get_leds(ps2_keyboard_get()), ==, 7);
    kbd_cmd(0xf3);
    kbd_cmd(0x2b);
    expect("fa");
    kbd_cmd(0xfc);
    kbd_cmd(0x33);
    expect("fa");

    write_mode(0x47);                   /* translate */
    kbd_cmd(0xf2);
    expect("fa ab 41");
    kbd_cmd(0xf0);
    kbd_cmd(0x00);
    expect("fa 41");
    kbd_cmd(0xf0);
    kbd_cmd(0x01);
    kbd_cmd(0xf0);
    kbd_cmd(0x00);
    expect("fa 43");
}

/* Set 2 (and translated), set 1, set 3 for plain and E0 keys. */
static void test_scancode_sets(void)
{
    machine_reset();
    tap_expect(0x1e, "1c f0 1c");               /* A */
    tap_expect(0x9c, "e0 5a e0 f0 5a");         /* keypad Enter */
    tap_expect(0x41, "83 f0 83");               /* F7 */
    tap_expect(0x4a, "7b f0 7b");               /* keypad - */
    write_mode(0x47);
    tap_expect(0x1e, "1e 9e");
    tap_expect(0x9c, "e0 1c e0 9c");
    tap_expect(0x41, "41 c1");
    write_mode(0x07);

    kbd_cmd(0xf0);
    kbd_cmd(0x01);
    expect("fa");
    tap_expect(0x1e, "1e 9e");
    tap_expect(0x9c, "e0 1c e0 9c");

    kbd_cmd(0xf0);
    kbd_cmd(0x03);
    expect("fa");
    tap_expect(0x1e, "1c f0 1c");
    tap_expect(0x1d, "11 f0 11");               /* left Ctrl */
    tap_expect(0x9c, "79 f0 79");
    tap_expect(0x4a, "4e f0 4e");
    tap_expect(0xc6, "62 f0 62");               /* Pause */
    tap_expect(0xb7, "57 f0 57");               /* Print Screen */

    /* A keyboard reset returns to set 2. */
    kbd_cmd(0xff);
    expect("fa aa");
    tap_expect(0x1e, "1c f0 1c");
}

/* Print Screen and Pause with and without modifiers (Brouwer 1.4, 1.5). */
static void test_special_keys(void)
{
    machine_reset();
    tap_expect(0xc6, "e1 14 77 e1 f0 14 f0 77");
    tap_expect(0xb7, "e0 12 e0 7c e0 f0 7c e0 f0 12");
    key(0x1d, true);
    tap_expect(0xc6, "14 e0 7e e0 f0 7e");
    key(0x1d, false);
    expect("f0 14");
    key(0x38, true);
    tap_expect(0xb7, "11 84 f0 84");
    key(0x38, false);
    expect("f0 11");
    key(0x2a, true);
    tap_expect(0xb7, "12 e0 7c e0 f0 7c");
    key(0x2a, false);
    expect("f0 12");

    kbd_cmd(0xf0);
    kbd_cmd(0x01);
    expect("fa");
    tap_expect(0xc6, "e1 1d 45 e1 9d c5");
    tap_expect(0xb7, "e0 2a e0 37 e0 b7 e0 aa");
}

/*
 * A command's replies go ahead of the keys the keyboard still holds, as
 * the reference does; keys pressed with scanning disabled are dropped.
 */
static void test_replies_ahead_of_keys(void)
{
    machine_reset();
    key(0x1e, true);
    key(0x30, true);
    key(0x2e, true);
    g_assert_cmphex(inb(DATA), ==, 0x1c);
    kbd_cmd(0xf2);
    expect("fa ab 83 32 21");

    kbd_cmd(0xf5);
    expect("fa");
    tap_expect(0x1e, "");
    kbd_cmd(0xf4);
    expect("fa");
    tap_expect(0x1e, "1c f0 1c");
}

/* The keyboard holds 16 bytes of keys; whole keys beyond are dropped. */
static void test_keyboard_buffer_limit(void)
{
    GString *want = g_string_new(NULL);
    int i;

    machine_reset();
    /* Keep the controller from taking bytes so all stay in the queue. */
    outb(CMD, 0xad);
    for (i = 0; i < 10; i++) {
        key(0x9c, true);                        /* E0 5A: 2 bytes each */
    }
    outb(CMD, 0xae);
    for (i = 0; i < 8; i++) {
        g_string_append(want, i ? " e0 5a" : "e0 5a");
    }
    expect(want->str);
    g_string_free(want, true);
}

/* 0xad/0xae: a disabled keyboard port holds its data (and interrupt);
 * writing to the keyboard enables the port again. */
static void test_keyboard_port_disable(void)
{
    machine_reset();
    outb(CMD, 0xad);
    outb(CMD, 0x20);
    expect("13");
    key(0x1e, true);
    g_assert_cmphex(inb(CMD) & STAT_OBF, ==, 0);
    outb(CMD, 0xae);
    expect("1c");
    outb(CMD, 0xad);
    kbd_cmd(0xee);
    expect("ee");
    outb(CMD, 0x20);
    expect("03");
}

/* ---- mouse ---- */

/* Reset (FA AA 00), status request before and after, identify. */
static void test_mouse_reset_and_status(void)
{
    machine_reset();
    mouse_cmd(0xe9);
    g_assert_cmphex(inb(CMD), ==, 0x18 | STAT_AUX | STAT_OBF);
    g_assert_true(isa_lines[12].level);
    expect("fa 00 00 00");
    g_assert_false(isa_lines[12].level);
    mouse_cmd(0xff);
    expect("fa aa 00");
    mouse_cmd(0xe9);
    expect("fa 00 02 64");
    mouse_cmd(0xf2);
    expect("fa 00");
    mouse_cmd(0xe8);
    mouse_cmd(0x03);
    mouse_cmd(0xe7);
    mouse_cmd(0xf4);
    mouse_cmd(0xf0);
    expect("fa fa fa fa fa");
    mouse_cmd(0xe9);
    expect("fa 70 03 64");
    /* Unknown commands get no reply. */
    mouse_cmd(0xe1);
    expect("");
    /* Wrap mode echoes until reset-wrap. */
    mouse_cmd(0xee);
    mouse_cmd(0x12);
    mouse_cmd(0xec);
    expect("fa 12 fa");
}

static void set_rate(uint8_t rate)
{
    mouse_cmd(0xf3);
    mouse_cmd(rate);
}

/* Stream packets: 3 bytes; motion beyond +-127 takes several packets. */
static void test_mouse_packets(void)
{
    DeviceState *m = ps2_mouse_get();

    machine_reset();
    mouse_cmd(0xff);
    expect("fa aa 00");
    ps2_mouse_event(m, 10, 10, 0, 0);
    expect("");                                 /* not enabled */
    mouse_cmd(0xf4);
    expect("fa");
    ps2_mouse_event(m, -3, 2, 0, PS2_MOUSE_BUTTON_RIGHT);
    expect("3a fd fe");
    ps2_mouse_event(m, 200, 0, 0, PS2_MOUSE_BUTTON_RIGHT);
    expect("0a 7f 00 0a 49 00");
    ps2_mouse_event(m, 0, 0, 0, 0);
    expect("08 00 00");

    /* IntelliMouse: 200, 100, 80 -> ID 3, 4-byte packets with the wheel. */
    set_rate(200);
    set_rate(100);
    set_rate(80);
    mouse_cmd(0xf2);
    expect("fa fa fa fa fa fa fa 03");
    ps2_mouse_event(m, 5, -300, 0, PS2_MOUSE_BUTTON_LEFT);
    expect("09 05 7f 00 09 00 7f 00 09 00 2e 00");
    ps2_mouse_event(m, 0, 0, -1, PS2_MOUSE_BUTTON_LEFT);
    expect("09 00 00 ff");

    /* Explorer: 200, 200, 80 -> ID 4, buttons 4/5 beside the wheel. */
    set_rate(200);
    set_rate(200);
    set_rate(80);
    mouse_cmd(0xf2);
    expect("fa fa fa fa fa fa fa 04");
    ps2_mouse_event(m, 0, 0, 9, PS2_MOUSE_BUTTON_SIDE);
    expect("08 00 00 17 08 00 00 12");
}

/* Remote mode: motion accumulates until the read-data command. */
static void test_mouse_remote_mode(void)
{
    DeviceState *m = ps2_mouse_get();

    machine_reset();
    mouse_cmd(0xf4);
    mouse_cmd(0xf0);
    expect("fa fa");
    ps2_mouse_event(m, 4, 0, 0, 0);
    ps2_mouse_event(m, 3, 0, 0, 0);
    expect("");
    mouse_cmd(0xeb);
    expect("fa 08 07 00");
    mouse_cmd(0xea);
    ps2_mouse_event(m, 1, 0, 0, 0);
    expect("fa 08 01 00");
}

/* 0xa7/0xa8: a disabled mouse port holds its data; 0xd4 re-enables. */
static void test_mouse_port_disable(void)
{
    machine_reset();
    outb(CMD, 0xa7);
    outb(CMD, 0x20);
    expect("23");
    mouse_cmd(0xf2);
    outb(CMD, 0x20);
    expect("fa 03 00");
    outb(CMD, 0xa7);
    mouse_cmd(0xf4);
    ps2_mouse_event(ps2_mouse_get(), 1, 0, 0, 0);
    outb(CMD, 0xa7);
    expect("fa");
    outb(CMD, 0xa8);
    expect("08 01 00");
}

int main(int argc, char **argv)
{
    qemu_irq irqs[ISA_NUM_IRQS];
    ISABus *bus;
    ISADevice *kbc;
    int i;

    g_test_init(&argc, &argv, NULL);
    bus = pcdev_test_init();
    for (i = 0; i < ISA_NUM_IRQS; i++) {
        test_line_init(&isa_lines[i]);
        irqs[i] = isa_lines[i].irq;
    }
    isa_bus_irqs(bus, irqs);
    test_line_init(&a20);
    kbc = isa_create_simple(bus, TYPE_I8042);
    qdev_connect_gpio_out_named(DEVICE(kbc), I8042_A20_LINE, 0, a20.irq);
    qemu_register_reset(test_reset_handler, NULL);

    g_test_add_func("/i8042/reset-state", test_reset_state);
    g_test_add_func("/i8042/controller-tests", test_controller_tests);
    g_test_add_func("/i8042/command-byte", test_command_byte);
    g_test_add_func("/i8042/output-buffer", test_output_buffer);
    g_test_add_func("/i8042/a20", test_a20);
    g_test_add_func("/i8042/cpu-reset", test_cpu_reset);
    g_test_add_func("/i8042/keyboard-port-disable",
                    test_keyboard_port_disable);
    g_test_add_func("/i8042/mouse-port-disable", test_mouse_port_disable);
    g_test_add_func("/ps2/keyboard/commands", test_keyboard_commands);
    g_test_add_func("/ps2/keyboard/scancode-sets", test_scancode_sets);
    g_test_add_func("/ps2/keyboard/special-keys", test_special_keys);
    g_test_add_func("/ps2/keyboard/replies-ahead-of-keys",
                    test_replies_ahead_of_keys);
    g_test_add_func("/ps2/keyboard/buffer-limit",
                    test_keyboard_buffer_limit);
    g_test_add_func("/ps2/mouse/reset-and-status",
                    test_mouse_reset_and_status);
    g_test_add_func("/ps2/mouse/packets", test_mouse_packets);
    g_test_add_func("/ps2/mouse/remote-mode", test_mouse_remote_mode);
    return g_test_run();
}
