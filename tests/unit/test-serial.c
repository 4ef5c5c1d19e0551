/*
 * test-serial.c: the 16550A UART ("isa-serial") through its ports: reset
 * values, the divisor latch, the FIFOs and their trigger levels, the
 * character timeout, interrupt priorities, loopback and the modem status
 * deltas, breaks, receiving from a chardev only as far as the FIFO has
 * room, transmitting with back-pressure (writes never block; THRE stays
 * clear while the chardev is full), and the ISA wrapper's COMn defaults.
 *
 * Section numbers are those of the TI/National PC16550D datasheet
 * (SNLS378).
 */
#include "qemu/osdep.h"
#include <sys/socket.h>
#include <fcntl.h>
#include "pcdev-test.h"
#include "char-test.h"
#include "hw/char/serial.h"
#include "hw/qdev-properties-system.h"

char *tmpdir;

#define COM1 0x3f8
#define RBR (COM1 + 0)
#define THR (COM1 + 0)
#define DLL (COM1 + 0)
#define IER (COM1 + 1)
#define DLM (COM1 + 1)
#define IIR (COM1 + 2)
#define FCR (COM1 + 2)
#define LCR (COM1 + 3)
#define MCR (COM1 + 4)
#define LSR (COM1 + 5)
#define MSR (COM1 + 6)
#define SCR (COM1 + 7)

#define LSR_DR   0x01
#define LSR_OE   0x02
#define LSR_BI   0x10
#define LSR_THRE 0x20
#define LSR_TEMT 0x40

#define MCR_LOOP 0x10
#define MCR_OUT2 0x08

/* 9600 baud 8N1 (the reset divisor 12): ten bits per character. */
#define CHAR_NS (NANOSECONDS_PER_SECOND * 10 / 9600)

static TestLine isa_lines[ISA_NUM_IRQS];

/* ---- helpers ---- */

/* A COM1 port at 0x3f8 / IRQ 4 on chardev id (NULL: none). */
static DeviceState *com1_new(const char *chardev)
{
    DeviceState *dev = qdev_new(TYPE_ISA_SERIAL);

    object_property_set_uint(OBJECT(dev), "index", 0, &error_abort);
    if (chardev) {
        object_property_set_str(OBJECT(dev), "chardev", chardev,
                                &error_abort);
    }
    qdev_realize_and_unref(dev, BUS(isa_bus_get()), &error_abort);
    isa_lines[4].edges = 0;
    return dev;
}

static void dev_del(DeviceState *dev)
{
    object_unparent(OBJECT(dev));
}

static bool irq4(void)
{
    return isa_lines[4].level;
}

/* A chardev on one end of a socket pair; *peer gets the other end. */
static Chardev *socket_chardev(const char *id, int *peer, int sndbuf)
{
    int sv[2];
    char *opt;
    Chardev *chr;

    g_assert_cmpint(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), ==, 0);
    if (sndbuf) {
        g_assert_cmpint(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &sndbuf,
                                   sizeof(sndbuf)), ==, 0);
        g_assert_cmpint(setsockopt(sv[1], SOL_SOCKET, SO_RCVBUF, &sndbuf,
                                   sizeof(sndbuf)), ==, 0);
    }
    fcntl(sv[1], F_SETFL, O_NONBLOCK);
    opt = g_strdup_printf("socket,id=%s,fd=%d", id, sv[0]);
    chr = chr_new(opt);
    g_free(opt);
    *peer = sv[1];
    return chr;
}

/* Everything the peer can read now, main loop pumped a little. */
static void peer_drain(int fd, GString *out)
{
    char buf[4096];
    ssize_t n;

    run_loop(5);
    while ((n = read(fd, buf, sizeof(buf))) > 0) {
        g_string_append_len(out, buf, n);
    }
}

static void remove_all_serials(void)
{
    GSList *l, *todo = NULL;

    for (l = BUS(isa_bus_get())->children; l; l = l->next) {
        if (object_dynamic_cast(l->data, TYPE_ISA_SERIAL)) {
            todo = g_slist_prepend(todo, l->data);
        }
    }
    g_slist_free_full(todo, (GDestroyNotify)dev_del);
}

/* ---- registers ---- */

/* 8.10, table 5 (master reset), with the reference's OUT2 and divisor. */
static void test_reset_values(void)
{
    DeviceState *dev = com1_new(NULL);

    g_assert_cmphex(inb(IER), ==, 0x00);
    g_assert_cmphex(inb(IIR), ==, 0x01);
    g_assert_cmphex(inb(LCR), ==, 0x00);
    g_assert_cmphex(inb(MCR), ==, MCR_OUT2);
    g_assert_cmphex(inb(LSR), ==, LSR_THRE | LSR_TEMT);
    g_assert_cmphex(inb(MSR), ==, 0xb0);
    g_assert_cmphex(inb(SCR), ==, 0x00);
    g_assert_false(irq4());
    dev_del(dev);
}

/* 8.1: DLAB switches offsets 0 and 1 to the divisor latch. */
static void test_divisor_latch(void)
{
    DeviceState *dev = com1_new(NULL);

    outb(IER, 0x05);
    outb(LCR, 0x83);
    g_assert_cmphex(inb(DLL), ==, 0x0c);
    g_assert_cmphex(inb(DLM), ==, 0x00);
    outb(DLL, 0x01);
    outb(DLM, 0x02);
    g_assert_cmphex(inb(DLL), ==, 0x01);
    g_assert_cmphex(inb(DLM), ==, 0x02);
    outb(LCR, 0x03);
    g_assert_cmphex(inb(IER), ==, 0x05);
    g_assert_cmphex(inb(LCR), ==, 0x03);
    outb(LCR, 0x80);
    g_assert_cmphex(inb(DLM), ==, 0x02);
    /* 8.11: the scratch register keeps any value. */
    outb(SCR, 0x5a);
    g_assert_cmphex(inb(SCR), ==, 0x5a);
    dev_del(dev);
}

/*
 * 8.6: THRE interrupt when enabled with THRE set, acknowledged by reading
 * IIR; raised again when the transmitter empties, and when THRI is enabled
 * anew (the reference's behaviour Windows and Linux rely on).
 */
static void test_thre_interrupt(void)
{
    int peer;
    GString *got = g_string_new(NULL);
    Chardev *chr = socket_chardev("thre", &peer, 0);
    DeviceState *dev = com1_new("thre");

    outb(IER, 0x02);
    g_assert_true(irq4());
    g_assert_cmphex(inb(IIR), ==, 0x02);
    g_assert_false(irq4());
    g_assert_cmphex(inb(IIR), ==, 0x01);

    outb(THR, 'x');
    g_assert_true(irq4());
    g_assert_cmphex(inb(LSR), ==, LSR_THRE | LSR_TEMT);
    g_assert_cmphex(inb(IIR), ==, 0x02);
    g_assert_false(irq4());

    outb(IER, 0x00);
    outb(IER, 0x02);
    g_assert_true(irq4());
    outb(IER, 0x00);
    g_assert_false(irq4());

    peer_drain(peer, got);
    g_assert_cmpstr(got->str, ==, "x");
    dev_del(dev);
    chr_del(chr);
    close(peer);
    g_string_free(got, true);
}

/*
 * 8.6, table 4: receiver line status, then received data, then THRE,
 * then modem status; each cleared by its own action.
 */
static void test_interrupt_priorities(void)
{
    DeviceState *dev = com1_new(NULL);

    outb(MCR, MCR_LOOP | 0x03);
    inb(MSR);
    outb(IER, 0x0f);
    g_assert_cmphex(inb(IIR), ==, 0x02);        /* THRE */
    outb(THR, 'a');
    g_assert_cmphex(inb(IIR), ==, 0x04);        /* data beats THRE */
    outb(THR, 'b');                             /* overrun: RBR full */
    g_assert_cmphex(inb(IIR), ==, 0x06);        /* line status first */
    outb(MCR, MCR_LOOP);                        /* DTR, RTS drop: deltas */
    g_assert_cmphex(inb(IIR), ==, 0x06);
    g_assert_true(irq4());

    g_assert_cmphex(inb(LSR), ==, LSR_DR | LSR_OE | LSR_THRE | LSR_TEMT);
    g_assert_cmphex(inb(IIR), ==, 0x04);
    g_assert_cmphex(inb(RBR), ==, 'b');         /* the later byte won */
    g_assert_cmphex(inb(IIR), ==, 0x02);
    g_assert_cmphex(inb(IIR), ==, 0x00);        /* THRE acknowledged */
    g_assert_cmphex(inb(MSR), ==, 0x03);        /* DCTS | DDSR */
    g_assert_cmphex(inb(IIR), ==, 0x01);
    g_assert_false(irq4());
    dev_del(dev);
}

/* ---- loopback and modem status ---- */

/*
 * 8.7: in loopback the transmitter feeds the receiver and the modem
 * inputs follow MCR (RTS->CTS, DTR->DSR, OUT1->RI, OUT2->DCD), with their
 * delta bits (8.9; TERI on the trailing edge of RI).
 */
static void test_loopback(void)
{
    int peer;
    GString *got = g_string_new(NULL);
    Chardev *chr = socket_chardev("loop", &peer, 0);
    DeviceState *dev = com1_new("loop");

    outb(MCR, MCR_LOOP | 0x0f);
    g_assert_cmphex(inb(MSR), ==, 0xf0);        /* RI rose: no TERI */
    outb(MCR, MCR_LOOP | 0x05);                 /* RTS, OUT2 drop */
    g_assert_cmphex(inb(MSR), ==, 0x60 | 0x01 | 0x08);
    outb(MCR, MCR_LOOP);
    g_assert_cmphex(inb(MSR), ==, 0x00 | 0x02 | 0x04);
    g_assert_cmphex(inb(MSR), ==, 0x00);

    /* Modem status interrupt. */
    outb(IER, 0x08);
    g_assert_false(irq4());
    outb(MCR, MCR_LOOP | 0x02);
    g_assert_true(irq4());
    g_assert_cmphex(inb(IIR), ==, 0x00);
    g_assert_cmphex(inb(MSR), ==, 0x11);
    g_assert_false(irq4());
    outb(IER, 0);

    /* Bytes come back and do not reach the chardev. */
    outb(THR, 'L');
    g_assert_cmphex(inb(LSR), ==, LSR_DR | LSR_THRE | LSR_TEMT);
    g_assert_cmphex(inb(RBR), ==, 'L');
    g_assert_cmphex(inb(LSR), ==, LSR_THRE | LSR_TEMT);
    peer_drain(peer, got);
    g_assert_cmpuint(got->len, ==, 0);

    /* Leaving loopback: the inputs are the chardev's again (DCD DSR CTS). */
    outb(MCR, 0x00);
    g_assert_cmphex(inb(MSR) & 0xf0, ==, 0xb0);
    outb(THR, 'O');
    peer_drain(peer, got);
    g_assert_cmpstr(got->str, ==, "O");
    dev_del(dev);
    chr_del(chr);
    close(peer);
    g_string_free(got, true);
}

/* ---- FIFOs ---- */

/*
 * 8.5, FCR bits 6-7: the received data interrupt waits for the trigger
 * level (1, 4, 8, 14 bytes); IIR bits 6-7 show the FIFOs enabled.
 */
static void test_fifo_trigger_levels(void)
{
    static const struct { uint8_t fcr; int level; } levels[] = {
        { 0x00, 1 }, { 0x40, 4 }, { 0x80, 8 }, { 0xc0, 14 },
    };
    DeviceState *dev = com1_new(NULL);
    size_t i;
    int n;

    outb(MCR, MCR_LOOP);
    outb(IER, 0x01);
    for (i = 0; i < ARRAY_SIZE(levels); i++) {
        outb(FCR, 0x07 | levels[i].fcr);
        g_assert_cmphex(inb(IIR), ==, 0xc1);
        for (n = 0; n < levels[i].level - 1; n++) {
            outb(THR, 'a' + n);
        }
        g_assert_cmphex(inb(IIR), ==, 0xc1);
        g_assert_false(irq4());
        outb(THR, 'a' + n);
        g_assert_cmphex(inb(IIR), ==, 0xc4);
        g_assert_true(irq4());
        /* Draining below the level clears it. */
        g_assert_cmphex(inb(RBR), ==, 'a');
        if (levels[i].level > 1) {
            g_assert_cmphex(inb(IIR), ==, 0xc1);
        }
    }
    dev_del(dev);
}

/*
 * 8.5: the receive FIFO holds 16 bytes; a 17th is lost with OE set while
 * the FIFO keeps its contents.  Toggling FIFO enable clears the FIFOs.
 */
static void test_fifo_depth_and_overrun(void)
{
    DeviceState *dev = com1_new(NULL);
    int i;

    outb(MCR, MCR_LOOP);
    outb(FCR, 0x01);
    for (i = 0; i < 17; i++) {
        outb(THR, 'A' + i);
    }
    g_assert_cmphex(inb(LSR), ==, LSR_DR | LSR_OE | LSR_THRE | LSR_TEMT);
    g_assert_cmphex(inb(LSR) & LSR_OE, ==, 0);
    for (i = 0; i < 16; i++) {
        g_assert_cmphex(inb(LSR) & LSR_DR, ==, LSR_DR);
        g_assert_cmphex(inb(RBR), ==, 'A' + i);
    }
    g_assert_cmphex(inb(LSR) & LSR_DR, ==, 0);

    outb(THR, 'z');
    g_assert_cmphex(inb(LSR) & LSR_DR, ==, LSR_DR);
    outb(FCR, 0x00);                            /* FIFOs off: cleared */
    g_assert_cmphex(inb(LSR) & LSR_DR, ==, 0);
    g_assert_cmphex(inb(IIR), ==, 0x01);
    dev_del(dev);
}

/*
 * 8.6 (character timeout indication): with fewer bytes than the trigger
 * level, an interrupt comes once no byte arrived or was read for four
 * character times; reading a byte clears it and restarts the timer.
 */
static void test_fifo_character_timeout(void)
{
    DeviceState *dev = com1_new(NULL);

    outb(LCR, 0x03);                            /* 8N1: CHAR_NS */
    outb(MCR, MCR_LOOP);
    outb(FCR, 0xc1);                            /* level 14 */
    outb(IER, 0x01);
    outb(THR, '1');
    outb(THR, '2');
    clock_step(3 * CHAR_NS);
    g_assert_cmphex(inb(IIR), ==, 0xc1);
    clock_step(2 * CHAR_NS);
    g_assert_cmphex(inb(IIR), ==, 0xcc);
    g_assert_true(irq4());
    g_assert_cmphex(inb(RBR), ==, '1');
    g_assert_cmphex(inb(IIR), ==, 0xc1);
    g_assert_false(irq4());
    clock_step(5 * CHAR_NS);
    g_assert_cmphex(inb(IIR), ==, 0xcc);
    g_assert_cmphex(inb(RBR), ==, '2');
    clock_step(10 * CHAR_NS);
    g_assert_cmphex(inb(IIR), ==, 0xc1);

    /* The character time follows the programmed rate: 115200 baud. */
    outb(LCR, 0x80);
    outb(DLL, 1);
    outb(LCR, 0x03);
    outb(THR, '3');
    clock_step(5 * NANOSECONDS_PER_SECOND * 10 / 115200);
    g_assert_cmphex(inb(IIR), ==, 0xcc);
    dev_del(dev);
}

/* ---- break ---- */

/* 8.4, LSR bit 4: a break arrives as a zero byte flagged BI. */
static void test_break(void)
{
    Chardev *chr = chr_new("null,id=brk");
    DeviceState *dev = com1_new("brk");

    outb(IER, 0x04);
    qemu_chr_be_event(chr, CHR_EVENT_BREAK);
    g_assert_true(irq4());
    g_assert_cmphex(inb(IIR), ==, 0x06);
    g_assert_cmphex(inb(LSR), ==, LSR_DR | LSR_BI | LSR_THRE | LSR_TEMT);
    g_assert_false(irq4());
    g_assert_cmphex(inb(RBR), ==, 0x00);
    g_assert_cmphex(inb(LSR), ==, LSR_THRE | LSR_TEMT);
    dev_del(dev);
    chr_del(chr);
}

/* ---- the chardev side ---- */

/*
 * Bytes from the chardev enter only as far as the receiver has room: the
 * FIFO fills to 16 without overrun, the rest waits in the chardev until
 * the guest reads.
 */
static void test_receive_from_chardev(void)
{
    static const char text[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    int peer;
    Chardev *chr = socket_chardev("rx", &peer, 0);
    DeviceState *dev = com1_new("rx");
    GString *got = g_string_new(NULL);
    int i;

    outb(LCR, 0x03);                            /* 8N1: CHAR_NS */
    outb(FCR, 0xc7);                            /* FIFO, level 14 */
    outb(IER, 0x01);
    g_assert_cmpint(write(peer, text, strlen(text)), ==, strlen(text));
    run_loop(50);
    g_assert_cmphex(inb(IIR), ==, 0xc4);
    g_assert_true(irq4());
    for (i = 0; inb(LSR) & LSR_DR; i++) {
        g_string_append_c(got, inb(RBR));
    }
    g_assert_cmpint(i, ==, 16);
    g_assert_cmphex(inb(LSR) & LSR_OE, ==, 0);

    /* The rest arrives once there is room; below the level: timeout. */
    run_loop(50);
    g_assert_cmphex(inb(IIR), ==, 0xc1);
    clock_step(5 * CHAR_NS);
    g_assert_cmphex(inb(IIR), ==, 0xcc);
    while (inb(LSR) & LSR_DR) {
        g_string_append_c(got, inb(RBR));
    }
    g_assert_cmpstr(got->str, ==, text);

    /* Without FIFOs one byte at a time: the holding register. */
    outb(FCR, 0x00);
    g_assert_cmpint(write(peer, "xy", 2), ==, 2);
    run_loop(20);
    g_assert_cmphex(inb(LSR), ==, LSR_DR | LSR_THRE | LSR_TEMT);
    g_assert_cmphex(inb(RBR), ==, 'x');
    run_loop(20);
    g_assert_cmphex(inb(RBR), ==, 'y');
    g_assert_cmphex(inb(LSR), ==, LSR_THRE | LSR_TEMT);

    dev_del(dev);
    chr_del(chr);
    close(peer);
    g_string_free(got, true);
}

/* The guest's transmit loop: write while THRE is set, up to max bytes;
 * returns how many were written before THRE stayed clear. */
static size_t guest_send(const uint8_t *data, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        if (!(inb(LSR) & LSR_THRE)) {
            break;
        }
        outb(THR, data[i]);
    }
    return i;
}

/*
 * Back-pressure: a peer that does not read fills the socket; writes to
 * THR keep completing at once (a blocking write would hang this test),
 * THRE (and the THRE interrupt) stays clear while a byte waits, and
 * returns when the peer drains.  No byte is lost or reordered.
 */
static void test_transmit_back_pressure(void)
{
    enum { TOTAL = 1 << 20 };
    int peer;
    Chardev *chr = socket_chardev("tx", &peer, 4096);
    DeviceState *dev = com1_new("tx");
    uint8_t *data = g_malloc(TOTAL);
    GString *got = g_string_new(NULL);
    size_t sent, stalls = 0;
    int i;

    for (i = 0; i < TOTAL; i++) {
        data[i] = i * 7 + (i >> 8);
    }
    outb(IER, 0x02);
    sent = guest_send(data, TOTAL);
    g_assert_cmpuint(sent, <, TOTAL);           /* the chardev filled up */
    g_assert_cmphex(inb(LSR) & (LSR_THRE | LSR_TEMT), ==, 0);
    g_assert_false(irq4());
    run_loop(20);                               /* the peer still sleeps */
    g_assert_cmphex(inb(LSR) & LSR_THRE, ==, 0);
    g_assert_false(irq4());

    while (sent < TOTAL) {
        gint64 end = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;

        peer_drain(peer, got);
        while (!(inb(LSR) & LSR_THRE)) {
            g_assert_cmpint(g_get_monotonic_time(), <, end);
            peer_drain(peer, got);
        }
        g_assert_true(irq4());                  /* THRE came back */
        sent += guest_send(data + sent, TOTAL - sent);
        stalls++;
    }
    while (got->len < TOTAL) {
        gint64 end = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;
        size_t before = got->len;

        while (got->len == before) {
            g_assert_cmpint(g_get_monotonic_time(), <, end);
            peer_drain(peer, got);
        }
    }
    g_assert_cmpuint(stalls, >, 1);
    g_assert_cmpuint(got->len, ==, TOTAL);
    g_assert_true(memcmp(got->str, data, TOTAL) == 0);
    g_assert_cmphex(inb(LSR), ==, LSR_THRE | LSR_TEMT);

    dev_del(dev);
    chr_del(chr);
    close(peer);
    g_free(data);
    g_string_free(got, true);
}

/* A chardev whose peer is gone: the byte is dropped, THRE returns. */
static void test_transmit_peer_gone(void)
{
    int peer;
    Chardev *chr = socket_chardev("gone", &peer, 0);
    DeviceState *dev = com1_new("gone");
    int i;

    close(peer);
    run_loop(10);
    for (i = 0; i < 64; i++) {
        outb(THR, 'x');
        run_loop(2);
    }
    g_assert_cmphex(inb(LSR), ==, LSR_THRE | LSR_TEMT);
    dev_del(dev);
    chr_del(chr);
}

/* ---- the ISA wrapper ---- */

static ISADevice *isa_serial_try(const char *props, Error **errp)
{
    DeviceState *dev = qdev_new(TYPE_ISA_SERIAL);
    char **kv = g_strsplit(props, ",", 0);
    int i;
    bool ok = true;

    for (i = 0; ok && kv[i] && *kv[i]; i++) {
        char **p = g_strsplit(kv[i], "=", 2);

        ok = object_property_parse(OBJECT(dev), p[0], p[1], errp);
        g_strfreev(p);
    }
    g_strfreev(kv);
    /* A device that fails to realize leaves the bus by itself. */
    if (!ok || !qdev_realize(dev, BUS(isa_bus_get()), errp)) {
        object_unref(dev);
        return NULL;
    }
    object_unref(dev);
    return ISA_DEVICE(dev);
}

static uint64_t prop(ISADevice *d, const char *name)
{
    return object_property_get_uint(OBJECT(d), name, &error_abort);
}

/* COM1-COM4 resources by index; a fifth port needs an explicit index. */
static void test_isa_com_defaults(void)
{
    static const struct { uint16_t io; uint8_t irq; } com[] = {
        { 0x3f8, 4 }, { 0x2f8, 3 }, { 0x3e8, 4 }, { 0x2e8, 3 },
    };
    ISADevice *d;
    Error *err = NULL;
    int i;

    for (i = 0; i < 4; i++) {
        d = isa_serial_try("", &error_abort);
        g_assert_cmpuint(prop(d, "index"), ==, i);
        g_assert_cmpuint(prop(d, "iobase"), ==, com[i].io);
        g_assert_cmpuint(prop(d, "irq"), ==, com[i].irq);
        g_assert_cmpint(d->isairq[0], ==, com[i].irq);
    }
    g_assert_null(isa_serial_try("", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Max. supported number of ISA serial ports is 4.");
    g_clear_pointer(&err, error_free);
    /* ... unless it names a COM port itself. */
    d = isa_serial_try("index=0,iobase=0x400", &error_abort);
    g_assert_cmpuint(prop(d, "irq"), ==, 4);
    remove_all_serials();

    g_assert_null(isa_serial_try("index=4", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Max. supported number of ISA serial ports is 4.");
    g_clear_pointer(&err, error_free);
    g_assert_null(isa_serial_try("irq=16", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Maximum value for \"irq\" is: 15");
    g_clear_pointer(&err, error_free);

    /* Explicit resources win over the index; COM2 answers at 0x2f8. */
    d = isa_serial_try("index=1,iobase=0x2e8,irq=5", &error_abort);
    g_assert_cmpuint(prop(d, "iobase"), ==, 0x2e8);
    outb(0x2e8 + 7, 0x42);
    g_assert_cmphex(inb(0x2e8 + 7), ==, 0x42);
    outb(0x2e8 + 1, 0x02);                      /* THRI: IRQ 5 */
    g_assert_true(isa_lines[5].level);
    outb(0x2e8 + 1, 0x00);
    g_assert_false(isa_lines[5].level);
    remove_all_serials();
}

/* The chardev property: forwarded to the UART, with QEMU's errors. */
static void test_isa_chardev_property(void)
{
    Chardev *chr = chr_new("null,id=c0");
    ISADevice *d;
    Error *err = NULL;
    char *s;

    g_assert_null(isa_serial_try("chardev=nope", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Property 'serial.chardev' can't find value 'nope'");
    g_clear_pointer(&err, error_free);

    d = isa_serial_try("chardev=c0", &error_abort);
    s = object_property_get_str(OBJECT(d), "chardev", &error_abort);
    g_assert_cmpstr(s, ==, "c0");
    g_free(s);
    g_assert_cmpuint(prop(d, "baudbase"), ==, 115200);
    g_assert_null(isa_serial_try("chardev=c0", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Property 'serial.chardev' can't take value 'c0': "
                    "Device 'c0' is in use");
    g_clear_pointer(&err, error_free);
    remove_all_serials();
    /* Freed with the device: the chardev takes a new frontend. */
    d = isa_serial_try("chardev=c0", &error_abort);
    remove_all_serials();
    chr_del(chr);
}

/* -serial: one port per "serialN" chardev, with index N. */
static void test_serial_hds_isa_init(void)
{
    Chardev *c0 = chr_new("null,id=serial0");
    Chardev *c2 = chr_new("null,id=serial2");
    GSList *l;
    int seen = 0;

    serial_hds_isa_init(isa_bus_get(), 0, MAX_ISA_SERIAL_PORTS);
    for (l = BUS(isa_bus_get())->children; l; l = l->next) {
        Object *o = l->data;
        char *chr;
        uint64_t index;

        if (!object_dynamic_cast(o, TYPE_ISA_SERIAL)) {
            continue;
        }
        index = object_property_get_uint(o, "index", &error_abort);
        chr = object_property_get_str(o, "chardev", &error_abort);
        g_assert_true(index == 0 || index == 2);
        g_assert_cmpstr(chr, ==, index ? "serial2" : "serial0");
        seen |= 1 << index;
        g_free(chr);
    }
    g_assert_cmpint(seen, ==, 0x5);
    g_assert_cmphex(inb(0x3e8 + 5), ==, LSR_THRE | LSR_TEMT);
    remove_all_serials();
    chr_del(c0);
    chr_del(c2);
}

int main(int argc, char **argv)
{
    qemu_irq irqs[ISA_NUM_IRQS];
    ISABus *bus;
    int i;

    signal(SIGPIPE, SIG_IGN);
    g_test_init(&argc, &argv, NULL);
    bus = pcdev_test_init();
    for (i = 0; i < ISA_NUM_IRQS; i++) {
        test_line_init(&isa_lines[i]);
        irqs[i] = isa_lines[i].irq;
    }
    isa_bus_irqs(bus, irqs);

    g_test_add_func("/serial/reset-values", test_reset_values);
    g_test_add_func("/serial/divisor-latch", test_divisor_latch);
    g_test_add_func("/serial/thre-interrupt", test_thre_interrupt);
    g_test_add_func("/serial/interrupt-priorities",
                    test_interrupt_priorities);
    g_test_add_func("/serial/loopback-and-modem-status", test_loopback);
    g_test_add_func("/serial/fifo/trigger-levels", test_fifo_trigger_levels);
    g_test_add_func("/serial/fifo/depth-and-overrun",
                    test_fifo_depth_and_overrun);
    g_test_add_func("/serial/fifo/character-timeout",
                    test_fifo_character_timeout);
    g_test_add_func("/serial/break", test_break);
    g_test_add_func("/serial/chardev/receive-respects-fifo-space",
                    test_receive_from_chardev);
    g_test_add_func("/serial/chardev/transmit-back-pressure",
                    test_transmit_back_pressure);
    g_test_add_func("/serial/chardev/transmit-peer-gone",
                    test_transmit_peer_gone);
    g_test_add_func("/serial/isa/com-defaults", test_isa_com_defaults);
    g_test_add_func("/serial/isa/chardev-property",
                    test_isa_chardev_property);
    g_test_add_func("/serial/isa/serial-hds", test_serial_hds_isa_init);
    return g_test_run();
}
