/*
 * test-misc-isa.c: the small ISA devices through their ports:
 * isa-debug-exit (exit status (V << 1) | 1 after an orderly shutdown),
 * port 0x92 (A20 gate, fast reset), pvpanic (supported events, the
 * GUEST_PANICKED / GUEST_CRASHLOADED events and each -action panic=),
 * isa-debugcon (output, readback, never blocking the guest) and
 * pc-testdev (the register layout kvm-unit-tests uses).
 *
 * Expected values come from QEMU 7.2 driven through qtest; references
 * to hardware documents are given at each test.
 */
#include "qemu/osdep.h"
#include <sys/socket.h>
#include <fcntl.h>
#include "pcdev-test.h"
#include "char-test.h"
#include "hw/misc/port92.h"
#include "hw/misc/pvpanic.h"
#include "hw/qdev-gpio.h"
#include "monitor/monitor.h"
#include "qemu/main-loop.h"
#include "sysemu/runstate.h"

char *tmpdir;

static TestLine isa_lines[ISA_NUM_IRQS];
static int resets_seen;

/* ---- helpers ---- */

/* Port accesses as a vCPU makes them (wide ones split by the bus). */
static void outp(uint16_t port, uint32_t val, int size)
{
    uint8_t buf[4];
    int i;

    for (i = 0; i < size; i++) {
        buf[i] = val >> (i * 8);
    }
    address_space_rw(&address_space_io, port, MEMTXATTRS_UNSPECIFIED, buf,
                     size, true);
}

static uint32_t inp(uint16_t port, int size)
{
    uint8_t buf[4] = { 0 };
    uint32_t val = 0;
    int i;

    address_space_rw(&address_space_io, port, MEMTXATTRS_UNSPECIFIED, buf,
                     size, false);
    for (i = 0; i < size; i++) {
        val |= (uint32_t)buf[i] << (i * 8);
    }
    return val;
}

/* Memory accesses as a vCPU makes them (KVM MMIO exits). */
static void mmio_write(hwaddr addr, uint64_t val, int size)
{
    uint8_t buf[8];
    int i;

    for (i = 0; i < size; i++) {
        buf[i] = val >> (i * 8);
    }
    address_space_rw(&address_space_memory, addr, MEMTXATTRS_UNSPECIFIED,
                     buf, size, true);
}

static uint64_t mmio_read(hwaddr addr, int size)
{
    uint8_t buf[8] = { 0 };
    uint64_t val = 0;
    int i;

    address_space_rw(&address_space_memory, addr, MEMTXATTRS_UNSPECIFIED,
                     buf, size, false);
    for (i = 0; i < size; i++) {
        val |= (uint64_t)buf[i] << (i * 8);
    }
    return val;
}

static ISADevice *isa_new_with(const char *type, const char *props,
                               Error **errp)
{
    DeviceState *dev = qdev_new(type);
    char **kv = g_strsplit(props, ",", 0);
    bool ok = true;
    int i;

    for (i = 0; ok && kv[i] && *kv[i]; i++) {
        char **p = g_strsplit(kv[i], "=", 2);

        ok = object_property_parse(OBJECT(dev), p[0], p[1], errp);
        g_strfreev(p);
    }
    g_strfreev(kv);
    if (!ok || !qdev_realize(dev, BUS(isa_bus_get()), errp)) {
        object_unref(dev);
        return NULL;
    }
    object_unref(dev);
    return ISA_DEVICE(dev);
}

static void test_reset_handler(void *opaque)
{
    resets_seen++;
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
}

static gboolean guard_fired(gpointer opaque)
{
    *(bool *)opaque = true;
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
    return G_SOURCE_REMOVE;
}

/*
 * Run the main loop until a shutdown request ends it (or 2 s pass: then
 * *guarded is set); returns the process exit status it reports.
 */
static int run_main_loop(bool *guarded, unsigned ms)
{
    bool fired = false;
    guint id = g_timeout_add(ms, guard_fired, &fired);
    int status = qemu_main_loop();

    if (!fired) {
        g_source_remove(id);
    }
    if (guarded) {
        *guarded = fired;
    }
    return status;
}

/* ---- a QMP client to watch events ---- */

static int qmp_peer = -1;
static GString *qmp_in;

static json_t *qmp_next(void)
{
    gint64 end = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;

    for (;;) {
        char *nl = strchr(qmp_in->str, '\n');
        char buf[4096];
        ssize_t n;

        if (nl) {
            json_t *j = json_loadb(qmp_in->str, nl - qmp_in->str, 0, NULL);

            g_string_erase(qmp_in, 0, nl - qmp_in->str + 1);
            g_assert_nonnull(j);
            return j;
        }
        g_assert_cmpint(g_get_monotonic_time(), <, end);
        run_loop(2);
        n = read(qmp_peer, buf, sizeof(buf));
        if (n > 0) {
            g_string_append_len(qmp_in, buf, n);
        } else {
            g_usleep(1000);
        }
    }
}

static void qmp_start(void)
{
    int sv[2];
    char *opt;
    Chardev *chr;
    json_t *j;

    g_assert_cmpint(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), ==, 0);
    fcntl(sv[1], F_SETFL, O_NONBLOCK);
    opt = g_strdup_printf("socket,id=qmp,fd=%d", sv[0]);
    chr = chr_new(opt);
    g_free(opt);
    qmp_peer = sv[1];
    qmp_in = g_string_new(NULL);
    g_assert_true(monitor_init_qmp(chr, false, &error_abort));
    j = qmp_next();
    g_assert_nonnull(json_object_get(j, "QMP"));
    json_decref(j);
    g_assert_cmpint(write(qmp_peer, "{\"execute\":\"qmp_capabilities\"}\n",
                          31), ==, 31);
    j = qmp_next();
    g_assert_nonnull(json_object_get(j, "return"));
    json_decref(j);
}

/* The next event: its name, and its data as compact JSON ("" if none). */
static void expect_event(const char *name, const char *data)
{
    json_t *j = qmp_next();
    json_t *d = json_object_get(j, "data");
    char *s = d ? json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS) : g_strdup("");

    g_assert_cmpstr(json_string_value(json_object_get(j, "event")), ==,
                    name);
    g_assert_cmpstr(s, ==, data);
    free(s);
    json_decref(j);
}

static void expect_no_event(void)
{
    char buf[256];

    run_loop(10);
    g_assert_cmpuint(qmp_in->len, ==, 0);
    g_assert_cmpint(read(qmp_peer, buf, sizeof(buf)), <, 0);
}

/* ---- pvpanic ---- */

/* A panic report through the port; the bottom half acts on it. */
static void pvpanic_write(uint8_t val)
{
    outb(0x505, val);
}

/*
 * Reading the port gives the supported events; each -action panic=
 * action, the reference's events and run states (runstate-action.c of
 * QEMU 7.2: shutdown is the default).
 */
static void test_pvpanic(void)
{
    ISADevice *dev = isa_new_with(TYPE_PVPANIC_ISA_DEVICE, "", &error_abort);
    Error *err = NULL;
    bool guarded;

    g_assert_cmphex(inb(0x505), ==, PVPANIC_PANICKED | PVPANIC_CRASH_LOADED);
    /* A wider read repeats the port (reference: inw 0x505 = 0x0303). */
    g_assert_cmphex(inp(0x505, 2), ==, 0x0303);
    g_assert_cmpuint(pvpanic_port(), ==, 0x505);
    g_assert_null(isa_new_with(TYPE_PVPANIC_ISA_DEVICE, "ioport=0x506",
                               &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "duplicate fw_cfg file name: etc/pvpanic-port");
    error_free(err);

    vm_start();
    expect_event("RESUME", "");

    /* Default: shut down (the process would exit 0). */
    pvpanic_write(PVPANIC_PANICKED);
    g_assert_cmpint(run_main_loop(&guarded, 2000), ==, 0);
    g_assert_false(guarded);
    expect_event("GUEST_PANICKED", "{\"action\":\"poweroff\"}");
    expect_event("STOP", "");
    expect_event("SHUTDOWN", "{\"guest\":true,\"reason\":\"guest-panic\"}");
    g_assert_cmpint(runstate_get(), ==, RUN_STATE_GUEST_PANICKED);

    /* -no-shutdown turns it into a pause. */
    vm_start();
    expect_event("RESUME", "");
    no_shutdown = true;
    pvpanic_write(PVPANIC_PANICKED);
    expect_event("GUEST_PANICKED", "{\"action\":\"pause\"}");
    expect_event("STOP", "");
    g_assert_cmpint(runstate_get(), ==, RUN_STATE_GUEST_PANICKED);
    no_shutdown = false;

    /* panic=pause */
    qemu_set_panic_action(PANIC_ACTION_PAUSE);
    vm_start();
    expect_event("RESUME", "");
    pvpanic_write(PVPANIC_PANICKED | PVPANIC_CRASH_LOADED);
    expect_event("GUEST_PANICKED", "{\"action\":\"pause\"}");
    expect_event("STOP", "");
    expect_no_event();
    g_assert_cmpint(runstate_get(), ==, RUN_STATE_GUEST_PANICKED);

    /* panic=none; crash-loaded alone; unknown bits ignored. */
    qemu_set_panic_action(PANIC_ACTION_NONE);
    vm_start();
    expect_event("RESUME", "");
    pvpanic_write(PVPANIC_PANICKED);
    expect_event("GUEST_PANICKED", "{\"action\":\"run\"}");
    pvpanic_write(PVPANIC_CRASH_LOADED);
    expect_event("GUEST_CRASHLOADED", "{\"action\":\"run\"}");
    pvpanic_write(0xfc);
    expect_no_event();
    g_assert_true(runstate_is_running());

    /* panic=exit-failure: shut down with status 1. */
    qemu_set_panic_action(PANIC_ACTION_EXIT_FAILURE);
    pvpanic_write(PVPANIC_PANICKED);
    g_assert_cmpint(run_main_loop(&guarded, 2000), ==, 1);
    g_assert_false(guarded);
    expect_event("GUEST_PANICKED", "{\"action\":\"poweroff\"}");
    expect_event("STOP", "");
    expect_event("SHUTDOWN", "{\"guest\":true,\"reason\":\"guest-panic\"}");
    qemu_set_panic_action(PANIC_ACTION_SHUTDOWN);
    object_unparent(OBJECT(dev));
    g_assert_cmpuint(pvpanic_port(), ==, 0);
}

/* ---- isa-debug-exit ---- */

/*
 * A write of V exits with (V << 1) | 1 once the main loop has shut down
 * in order; the whole value of a wider write counts; reads give 0.
 */
static void test_debug_exit(void)
{
    ISADevice *a = isa_new_with("isa-debug-exit", "", &error_abort);
    ISADevice *b = isa_new_with("isa-debug-exit", "iobase=0xf4,iosize=4",
                                &error_abort);
    bool guarded;

    g_assert_cmphex(inp(0x501, 1), ==, 0);
    g_assert_cmphex(inp(0x501, 2), ==, 0);
    outp(0x501, 3, 1);
    g_assert_cmpint(run_main_loop(&guarded, 2000), ==, 7);
    g_assert_false(guarded);
    outp(0x501, 0x182, 2);
    g_assert_cmpint(run_main_loop(&guarded, 2000), ==, 5);
    outp(0xf4, 0x10, 4);
    g_assert_cmpint(run_main_loop(&guarded, 2000), ==, 33);
    outp(0xf4, 0x40000000, 4);
    g_assert_cmpint(run_main_loop(&guarded, 2000), ==, 1);
    /* -no-shutdown does not keep the process alive. */
    no_shutdown = true;
    outp(0xf6, 0x7f, 1);
    g_assert_cmpint(run_main_loop(&guarded, 2000), ==, 0xff);
    g_assert_false(guarded);
    no_shutdown = false;
    object_unparent(OBJECT(a));
    object_unparent(OBJECT(b));

    /* Odd placements are accepted as on the reference, harmlessly. */
    a = isa_new_with("isa-debug-exit", "iobase=0x10000", &error_abort);
    b = isa_new_with("isa-debug-exit", "iobase=0x600,iosize=0",
                     &error_abort);
    g_assert_cmphex(inp(0x0, 1), ==, 0xff);
    g_assert_cmphex(inp(0x600, 1), ==, 0xff);
    object_unparent(OBJECT(a));
    object_unparent(OBJECT(b));
}

/* ---- port 0x92 ---- */

/*
 * System Control Port A (PIIX3 datasheet, Port 92h): bit 1 drives the
 * A20 gate, bit 0 going from 0 to 1 resets the machine; a reset clears
 * bit 0 only.
 */
static void test_port92(void)
{
    TestLine a20;
    ISADevice *dev = isa_new_with(TYPE_PORT92, "", &error_abort);
    int before = resets_seen;

    test_line_init(&a20);
    qdev_connect_gpio_out_named(DEVICE(dev), PORT92_A20_LINE, 0, a20.irq);
    g_assert_cmphex(inb(0x92), ==, 0x00);
    outb(0x92, 0x02);
    g_assert_true(a20.level);
    g_assert_cmphex(inb(0x92), ==, 0x02);
    g_assert_cmphex(inp(0x92, 2), ==, 0x0202);
    run_main_loop(NULL, 100);
    g_assert_cmpint(resets_seen, ==, before);

    outb(0x92, 0x03);
    run_main_loop(NULL, 2000);
    g_assert_cmpint(resets_seen, ==, before + 1);
    g_assert_cmphex(inb(0x92), ==, 0x02);
    g_assert_true(a20.level);

    outb(0x92, 0x00);
    g_assert_false(a20.level);
    outb(0x92, 0x00);
    run_main_loop(NULL, 100);
    g_assert_cmpint(resets_seen, ==, before + 1);
    object_unparent(OBJECT(dev));
}

/* ---- isa-debugcon ---- */

static Chardev *socket_chardev(const char *id, int *peer, int sndbuf)
{
    int sv[2];
    char *opt;
    Chardev *chr;

    g_assert_cmpint(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), ==, 0);
    if (sndbuf) {
        setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof(sndbuf));
        setsockopt(sv[1], SOL_SOCKET, SO_RCVBUF, &sndbuf, sizeof(sndbuf));
    }
    fcntl(sv[1], F_SETFL, O_NONBLOCK);
    opt = g_strdup_printf("socket,id=%s,fd=%d", id, sv[0]);
    chr = chr_new(opt);
    g_free(opt);
    *peer = sv[1];
    return chr;
}

static void peer_drain(int fd, GString *out)
{
    char buf[4096];
    ssize_t n;

    run_loop(5);
    while ((n = read(fd, buf, sizeof(buf))) > 0) {
        g_string_append_len(out, buf, n);
    }
}

/* Bytes go to the chardev; the port reads back its readback value. */
static void test_debugcon(void)
{
    int peer;
    Chardev *chr = socket_chardev("dbg", &peer, 0);
    Chardev *chr2 = chr_new("null,id=dbg2");
    ISADevice *dev = isa_new_with("isa-debugcon", "chardev=dbg",
                                  &error_abort);
    ISADevice *dev2;
    GString *got = g_string_new(NULL);
    Error *err = NULL;

    outb(0xe9, 'h');
    outb(0xe9, 'i');
    outp(0xe9, 0x4342, 2);              /* one port: only 'B' */
    peer_drain(peer, got);
    g_assert_cmpstr(got->str, ==, "hiB");
    g_assert_cmphex(inb(0xe9), ==, 0xe9);
    g_assert_cmphex(inp(0xe9, 2), ==, 0xffe9);

    /* SeaBIOS's port, another readback (the port is a byte wide). */
    dev2 = isa_new_with("isa-debugcon",
                        "iobase=0x402,readback=0x1234,chardev=dbg2",
                        &error_abort);
    g_assert_cmphex(inb(0x402), ==, 0x34);

    g_assert_null(isa_new_with("isa-debugcon", "iobase=0x403", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Can't create debugcon device, empty char device");
    g_clear_pointer(&err, error_free);
    g_assert_null(isa_new_with("isa-debugcon", "chardev=dbg", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Property 'isa-debugcon.chardev' can't take value "
                    "'dbg': Device 'dbg' is in use");
    g_clear_pointer(&err, error_free);

    object_unparent(OBJECT(dev));
    object_unparent(OBJECT(dev2));
    chr_del(chr);
    chr_del(chr2);
    close(peer);
    g_string_free(got, true);
}

/*
 * A peer that does not read: the guest's writes still complete at once;
 * what fits is delivered in order when the peer reads, the excess beyond
 * the device's buffer is dropped (the port has no flow control).
 */
static void test_debugcon_never_blocks(void)
{
    enum { TOTAL = 256 * 1024 };
    int peer;
    Chardev *chr = socket_chardev("dbgbp", &peer, 4096);
    ISADevice *dev = isa_new_with("isa-debugcon", "chardev=dbgbp",
                                  &error_abort);
    GString *got = g_string_new(NULL);
    uint8_t *data = g_malloc(TOTAL);
    gint64 end;
    size_t last;
    int i;

    for (i = 0; i < TOTAL; i++) {
        data[i] = i * 13 + (i >> 9);
        outb(0xe9, data[i]);
    }
    end = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;
    do {
        last = got->len;
        peer_drain(peer, got);
        peer_drain(peer, got);
        g_assert_cmpint(g_get_monotonic_time(), <, end);
    } while (got->len != last || got->len < 65536);
    g_assert_cmpuint(got->len, >=, 65536);
    g_assert_cmpuint(got->len, <, TOTAL);
    g_assert_true(memcmp(got->str, data, got->len) == 0);

    /* Once drained, output flows again. */
    outb(0xe9, '!');
    peer_drain(peer, got);
    g_assert_cmpint(got->str[got->len - 1], ==, '!');
    object_unparent(OBJECT(dev));
    chr_del(chr);
    close(peer);
    g_free(data);
    g_string_free(got, true);
}

/* ---- pc-testdev ---- */

/* The scratch registers at 0xe0 and 0xe8 (values from the reference). */
static void test_testdev_ports(void)
{
    ISADevice *dev = isa_new_with("pc-testdev", "", &error_abort);

    outp(0xe0, 0x12345678, 4);
    g_assert_cmphex(inp(0xe0, 1), ==, 0x78);
    g_assert_cmphex(inp(0xe1, 1), ==, 0x56);
    g_assert_cmphex(inp(0xe2, 2), ==, 0x1234);
    g_assert_cmphex(inp(0xe0, 4), ==, 0x12345678);
    outp(0xe1, 0xaa, 1);
    g_assert_cmphex(inp(0xe0, 4), ==, 0x1234aa78);

    outp(0xe8, 0x11223344, 4);
    g_assert_cmphex(inp(0xe9, 1), ==, 0x33);
    g_assert_cmphex(inp(0xe9, 2), ==, 0x2233);
    outp(0xe9, 0x5566, 2);
    g_assert_cmphex(inp(0xe8, 4), ==, 0x11556644);
    /* Both windows show one register. */
    g_assert_cmphex(inp(0xe0, 4), ==, 0x11556644);
    g_assert_cmphex(inp(0xe4, 4), ==, 0);
    object_unparent(OBJECT(dev));
}

/* Writing 0x2000+N drives ISA line N; lines past 15 go nowhere. */
static void test_testdev_irq_lines(void)
{
    ISADevice *dev = isa_new_with("pc-testdev", "", &error_abort);

    outp(0x2004, 1, 1);
    g_assert_true(isa_lines[4].level);
    outp(0x2004, 0, 1);
    g_assert_false(isa_lines[4].level);
    outp(0x2005, 0x0101, 2);
    g_assert_true(isa_lines[5].level);
    g_assert_true(isa_lines[6].level);
    outp(0x2005, 0x0000, 2);
    g_assert_false(isa_lines[5].level);
    g_assert_false(isa_lines[6].level);
    outp(0x2010, 1, 1);
    outp(0x2017, 1, 1);
    g_assert_cmphex(inp(0x2000, 1), ==, 0);
    object_unparent(OBJECT(dev));
}

/* 64 KiB of scratch MMIO at 0xff000000, any access size. */
static void test_testdev_iomem(void)
{
    ISADevice *dev = isa_new_with("pc-testdev", "", &error_abort);

    mmio_write(0xff000000, 0xdeadbeef, 4);
    g_assert_cmphex(mmio_read(0xff000001, 1), ==, 0xbe);
    g_assert_cmphex(mmio_read(0xff000000, 4), ==, 0xdeadbeef);
    mmio_write(0xff000004, 0x1122334455667788ULL, 8);
    g_assert_cmphex(mmio_read(0xff000000, 8), ==, 0x55667788deadbeefULL);
    g_assert_cmphex(mmio_read(0xff000008, 8), ==, 0x11223344);
    g_assert_cmphex(mmio_read(0xff000006, 2), ==, 0x5566);
    g_assert_cmphex(mmio_read(0xff00fffc, 4), ==, 0);
    object_unparent(OBJECT(dev));
}

/*
 * The flush port takes a guest physical address; RAM there keeps its
 * contents and stays writable; addresses without RAM are ignored.
 */
static void test_testdev_flush_page(void)
{
    ISADevice *dev = isa_new_with("pc-testdev", "", &error_abort);
    MemoryRegion *ram = g_new0(MemoryRegion, 1);

    g_assert_true(memory_region_init_ram(ram, NULL, "testdev-ram", 0x10000,
                                         &error_abort));
    memory_region_add_subregion(get_system_memory(), 0x100000, ram);
    writel(0x101000, 0xcafef00d);
    outp(0xe4, 0x101000, 4);
    g_assert_cmphex(readl(0x101000), ==, 0xcafef00d);
    writel(0x101004, 0x12345678);
    g_assert_cmphex(readl(0x101004), ==, 0x12345678);
    outp(0xe4, 0x7ffff000, 4);
    outp(0xe4, 0xff000000, 4);
    outp(0xe4, 0x10fffc, 4);
    g_assert_cmphex(readl(0x101000), ==, 0xcafef00d);
    memory_region_del_subregion(get_system_memory(), ram);
    object_unparent(OBJECT(ram));
    object_unparent(OBJECT(dev));
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
    qemu_register_reset(test_reset_handler, NULL);
    qmp_start();

    /* pvpanic first: it checks the exit status of a plain shutdown. */
    g_test_add_func("/pvpanic/events-and-actions", test_pvpanic);
    g_test_add_func("/isa-debug-exit/exit-status", test_debug_exit);
    g_test_add_func("/port92/a20-and-reset", test_port92);
    g_test_add_func("/isa-debugcon/output-and-readback", test_debugcon);
    g_test_add_func("/isa-debugcon/never-blocks", test_debugcon_never_blocks);
    g_test_add_func("/pc-testdev/scratch-ports", test_testdev_ports);
    g_test_add_func("/pc-testdev/irq-lines", test_testdev_irq_lines);
    g_test_add_func("/pc-testdev/iomem", test_testdev_iomem);
    g_test_add_func("/pc-testdev/flush-page", test_testdev_flush_page);
    return g_test_run();
}
