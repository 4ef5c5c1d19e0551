/*
 * test-hpet.c: the HPET ("hpet", 0xfed00000) on a virtual clock the test
 * moves: capabilities, the 100 MHz main counter (enable, halt, write),
 * one-shot and periodic comparators (Tn_VAL_SET_CNF), edge and level
 * interrupts with the status register, 32-bit mode, routing, legacy
 * replacement (timer 0 -> IRQ 0, timer 1 -> IRQ 8, PIT and RTC silenced)
 * and FSB (MSI) delivery.
 *
 * References are to the IA-PC HPET Specification 1.0a, section 2.3.
 */
#include "qemu/osdep.h"
#include "pcdev-test.h"
#include "hw/timer/hpet.h"

#define HPET HPET_BASE
#define GCAP_ID     (HPET + 0x000)
#define GEN_CONF    (HPET + 0x010)
#define GINTR_STA   (HPET + 0x020)
#define MAIN_CNT    (HPET + 0x0f0)
#define TN_CONF(n)  (HPET + 0x100 + 0x20 * (n))
#define TN_CMP(n)   (HPET + 0x108 + 0x20 * (n))
#define TN_FSB(n)   (HPET + 0x110 + 0x20 * (n))

#define CNF_ENABLE  1
#define CNF_LEGACY  2
#define TN_LEVEL    (1 << 1)
#define TN_INT_ENB  (1 << 2)
#define TN_PERIODIC (1 << 3)
#define TN_VAL_SET  (1 << 6)
#define TN_32BIT    (1 << 8)
#define TN_ROUTE(r) ((r) << 9)
#define TN_FSB_EN   (1 << 14)

#define MSI_ADDR 0x20000000

static DeviceState *hpet;
static TestLine gsi[24];
static TestLine pit_enable;
static GString *msi_log;

static uint64_t msi_read(void *opaque, hwaddr addr, unsigned size)
{
    return 0;
}

static void msi_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    g_string_append_printf(msi_log, "%" PRIx64 "=%" PRIx64 " ", addr, val);
}

static const MemoryRegionOps msi_ops = {
    .read = msi_read,
    .write = msi_write,
};

static void fresh(void)
{
    int i;

    qemu_devices_reset();
    for (i = 0; i < 24; i++) {
        gsi[i].edges = 0;
    }
    g_string_truncate(msi_log, 0);
}

/* 2.3.4: vendor 8086, 3 timers, legacy capable, 64-bit, 10 ns. */
static void test_capabilities(void)
{
    fresh();
    g_assert_cmphex(readl(GCAP_ID), ==, 0x8086a201);
    g_assert_cmphex(readl(GCAP_ID + 4), ==, 10000000);
    g_assert_cmphex(readq(GCAP_ID), ==, 0x009896808086a201ULL);
    writel(GCAP_ID, 0);
    g_assert_cmphex(readl(GCAP_ID), ==, 0x8086a201);
    /* Timer capabilities: periodic, 64-bit, routes 0x4 (no FSB: msi=off). */
    g_assert_cmphex(readq(TN_CONF(0)), ==, 0x0000000400000030ULL);
    g_assert_cmphex(readl(TN_CONF(2) + 4), ==, 0x4);
    /* No fourth timer. */
    g_assert_cmphex(readq(TN_CONF(3)), ==, 0);
    g_assert_cmphex(readq(TN_CMP(0)), ==, ~0ULL);
}

/* 2.3.7: the main counter runs at 100 MHz only while enabled. */
static void test_main_counter(void)
{
    fresh();
    clock_step(1000);
    g_assert_cmphex(readq(MAIN_CNT), ==, 0);
    writel(GEN_CONF, CNF_ENABLE);
    clock_step(1000);
    g_assert_cmphex(readq(MAIN_CNT), ==, 100);
    g_assert_cmphex(readl(MAIN_CNT), ==, 100);
    writel(GEN_CONF, 0);
    clock_step(5000);
    g_assert_cmphex(readq(MAIN_CNT), ==, 100);
    /* Written while halted, the counter resumes from there. */
    writeq(MAIN_CNT, 0x123456789aULL);
    writel(GEN_CONF, CNF_ENABLE);
    clock_step(100);
    g_assert_cmphex(readq(MAIN_CNT), ==, 0x12345678a4ULL);
    g_assert_cmphex(readl(MAIN_CNT + 4), ==, 0x12);
}

/* 2.3.9 one-shot: an edge at the match on the route's line; level mode
 * holds the line and the status bit until software clears it. */
static void test_one_shot_edge_and_level(void)
{
    fresh();
    writeq(TN_CONF(0), TN_INT_ENB | TN_ROUTE(2));
    writeq(TN_CMP(0), 500);
    writel(GEN_CONF, CNF_ENABLE);
    clock_step(4990);
    g_assert_cmpint(gsi[2].edges, ==, 0);
    clock_step(10);
    g_assert_cmpint(gsi[2].edges, ==, 1);
    g_assert_cmpint(gsi[2].level, ==, 0);
    g_assert_cmphex(readl(GINTR_STA), ==, 0);
    clock_step(100000);
    g_assert_cmpint(gsi[2].edges, ==, 1);

    writel(GEN_CONF, 0);
    writeq(MAIN_CNT, 0);
    writeq(TN_CONF(1), TN_LEVEL | TN_INT_ENB | TN_ROUTE(5));
    writeq(TN_CMP(1), 100);
    writel(GEN_CONF, CNF_ENABLE);
    clock_step(1000);
    g_assert_cmpint(gsi[5].level, ==, 1);
    g_assert_cmphex(readl(GINTR_STA), ==, 0x2);
    /* Writing 0 changes nothing; writing 1 clears. */
    writel(GINTR_STA, 0x1);
    g_assert_cmpint(gsi[5].level, ==, 1);
    writel(GINTR_STA, 0x2);
    g_assert_cmpint(gsi[5].level, ==, 0);
    g_assert_cmphex(readl(GINTR_STA), ==, 0);
    /* A disabled timer does not interrupt. */
    writeq(TN_CONF(1), TN_LEVEL | TN_ROUTE(5));
    writeq(TN_CMP(1), readq(MAIN_CNT) + 10);
    clock_step(1000);
    g_assert_cmpint(gsi[5].level, ==, 0);
}

/* 2.3.9.2.2 periodic, programmed as Linux does (32-bit mode): with
 * VAL_SET the first write sets the comparator, the next the period; the
 * comparator steps by the period. */
static void test_periodic(void)
{
    fresh();
    writel(TN_CONF(0), TN_INT_ENB | TN_PERIODIC | TN_VAL_SET | TN_32BIT |
                       TN_ROUTE(2));
    writel(TN_CMP(0), 1000);
    writel(TN_CMP(0), 1000);
    writel(GEN_CONF, CNF_ENABLE);
    clock_step(9999);
    g_assert_cmpint(gsi[2].edges, ==, 0);
    clock_step(1);
    g_assert_cmpint(gsi[2].edges, ==, 1);
    g_assert_cmphex(readq(TN_CMP(0)), ==, 2000);
    clock_step(100000);
    g_assert_cmpint(gsi[2].edges, ==, 11);
    /* A halt long after: the comparator catches up, one interrupt. */
    writel(GEN_CONF, 0);
    writeq(MAIN_CNT, 100000000);
    writel(GEN_CONF, CNF_ENABLE);
    clock_step(10);
    g_assert_cmpint(gsi[2].edges, ==, 12);
    g_assert_cmphex(readq(TN_CMP(0)), ==, 100001000);
    /* A 64-bit write splits low then high: with VAL_SET the high half
     * goes to the period, as on the reference. */
    writel(GEN_CONF, 0);
    writel(TN_CONF(0), TN_PERIODIC | TN_VAL_SET | TN_ROUTE(2));
    writeq(TN_CMP(0), 0x500000600ULL);
    g_assert_cmphex(readq(TN_CMP(0)), ==, 0x600);
}

/* 2.3.9.2.1 32-bit mode: the comparator and period count in 32 bits; a
 * one-shot also interrupts when the counter wraps. */
static void test_32bit_mode(void)
{
    fresh();
    writeq(TN_CONF(1), TN_INT_ENB | TN_32BIT | TN_ROUTE(7));
    writeq(TN_CMP(1), 0x1122334455667788ULL);
    /* As on the reference, the high half is kept (a configuration write
     * drops it); only the low half is compared. */
    g_assert_cmphex(readq(TN_CMP(1)), ==, 0x1122334455667788ULL);
    writel(TN_CONF(1), TN_INT_ENB | TN_32BIT | TN_ROUTE(7));
    g_assert_cmphex(readq(TN_CMP(1)), ==, 0x55667788);
    writeq(MAIN_CNT, 0xffffff00ULL);
    writeq(TN_CMP(1), 0x100);
    writel(GEN_CONF, CNF_ENABLE);
    clock_step(2560);
    g_assert_cmpint(gsi[7].edges, ==, 1);   /* the wrap */
    clock_step(2560);
    g_assert_cmpint(gsi[7].edges, ==, 2);   /* the match */
    clock_step(100000);
    g_assert_cmpint(gsi[7].edges, ==, 2);
}

/* 2.4 legacy replacement: timer 0 -> IRQ 0, timer 1 -> IRQ 8; the PIT's
 * and the RTC's interrupts are cut off while it lasts. */
static void test_legacy_replacement(void)
{
    qemu_irq pit_in = hpet_get_legacy_input(hpet, HPET_LEGACY_PIT_INT);
    qemu_irq rtc_in = hpet_get_legacy_input(hpet, HPET_LEGACY_RTC_INT);

    fresh();
    g_assert_cmpint(pit_enable.level, ==, 1);
    /* Not in legacy mode the PIT and RTC pass through to IRQ 0 and 8. */
    qemu_irq_raise(pit_in);
    qemu_irq_raise(rtc_in);
    g_assert_cmpint(gsi[0].level, ==, 1);
    g_assert_cmpint(gsi[8].level, ==, 1);
    qemu_irq_lower(pit_in);

    writeq(TN_CONF(0), TN_INT_ENB | TN_ROUTE(2));
    writeq(TN_CMP(0), 100);
    writeq(TN_CONF(1), TN_INT_ENB | TN_ROUTE(2));
    writeq(TN_CMP(1), 200);
    writel(GEN_CONF, CNF_ENABLE | CNF_LEGACY);
    g_assert_cmpint(pit_enable.level, ==, 0);
    g_assert_cmpint(gsi[8].level, ==, 0);
    qemu_irq_raise(pit_in);
    g_assert_cmpint(gsi[0].level, ==, 0);
    qemu_irq_lower(pit_in);
    gsi[0].edges = gsi[2].edges = gsi[8].edges = 0;
    clock_step(3000);
    g_assert_cmpint(gsi[0].edges, ==, 1);
    g_assert_cmpint(gsi[8].edges, ==, 1);
    g_assert_cmpint(gsi[2].edges, ==, 0);
    /* Leaving legacy mode gives the RTC its line back, as it stands. */
    writel(GEN_CONF, CNF_ENABLE);
    g_assert_cmpint(pit_enable.level, ==, 1);
    g_assert_cmpint(gsi[8].level, ==, 1);
    qemu_irq_lower(rtc_in);
    g_assert_cmpint(gsi[8].level, ==, 0);
}

/* 2.3.10 FSB delivery (msi=on): the timer writes its message to memory;
 * without the capability FSB_EN does nothing. */
static void test_fsb_delivery(void)
{
    DeviceState *h2 = qdev_new(TYPE_HPET);
    hwaddr base = 0xfed10000;

    object_property_set_uint(OBJECT(h2), "hpet-intcap", 4, &error_abort);
    object_property_set_bool(OBJECT(h2), "msi", true, &error_abort);
    sysbus_realize_and_unref(SYS_BUS_DEVICE(h2), &error_abort);
    hpet_mmio_map(h2, base);
    fresh();
    g_assert_cmphex(readl(base + 0x140), ==, 0x8030);
    writeq(base + 0x150, ((uint64_t)MSI_ADDR << 32) | 0x4041);
    writeq(base + 0x140, TN_INT_ENB | TN_FSB_EN);
    writeq(base + 0x148, 50);
    writel(base + 0x10, CNF_ENABLE);
    clock_step(1000);
    g_assert_cmpstr(msi_log->str, ==, "0=4041 ");

    /* The same on the HPET without the capability: a plain interrupt. */
    g_string_truncate(msi_log, 0);
    writeq(TN_FSB(2), ((uint64_t)MSI_ADDR << 32) | 0x4041);
    writeq(TN_CONF(2), TN_INT_ENB | TN_FSB_EN | TN_ROUTE(2));
    writeq(TN_CMP(2), 50);
    writel(GEN_CONF, CNF_ENABLE);
    clock_step(1000);
    g_assert_cmpstr(msi_log->str, ==, "");
    g_assert_cmpint(gsi[2].edges, ==, 1);
}

/*
 * Random register accesses (counter halted, interrupts never enabled),
 * replayed as recorded on QEMU 7.2 (-M pc,kernel_irqchip=off -S through
 * qtest, hpet-intcap 4): "wOFF=V" / "WOFF=V" write 32 / 64 bits at
 * offset OFF, "rOFF=V" / "ROFF=V" read and expect V.
 */
static void test_reference_sequence(void)
{
    static const char seq[] =
        "w14=ffffffff w10=0 w108=0 W110=c79d679346d4ac7a w0=42a0 w108=0 "
        "r12c=ffffffff w100=7939 w130=0 r108=0 w120=49c3 wf0=ffffffff "
        "w124=57c49391 w120=33e2 r124=4 w110=96b98b5f r10c=0 w4=ffffffff "
        "r140=30 wf0=0 w14c=ffffffff w20=6 R140=400000030 r10=0 "
        "wf4=ffffffff w114=28adf9c6 w4=ffffffff r110=96b98b5f wf4=0 w150=0 "
        "w12c=ff353728 R128=ff353728ffffffff w124=0 w124=0 r4=989680 "
        "w104=ffffffff w4=91d8731e r14c=ffffffff r128=ffffffff w120=35fa "
        "Rf0=0 w148=ffffffff R128=ffffffff w104=0 w140=20a8 r104=4 "
        "r4=989680 r134=0 r114=28adf9c6 rf4=0 R0=9896808086a201 r104=4 "
        "w154=0 rf4=0 w140=54a1 R130=0 r128=ffffffff w4=1ce81809 "
        "R140=400005430 r4=989680 w154=ffffffff R10=0 w130=0 r108=0 w154=0 "
        "w140=5daa W120=5b00 rf4=0 r128=ffffffff w130=0 w20=5 r10c=0 "
        "w0=2b30 w108=1c5fec71 r12c=0 w100=6942 R110=28adf9c696b98b5f "
        "wf0=a06f72b1 w10c=e8be2948 w12c=c96ef603 r114=28adf9c6 "
        "w154=98dac428 w120=1522 r148=ffffffff Rf0=a06f72b1 w110=cb3cb2ee "
        "r10=0 w144=2dff38da wf0=ffffffff w134=fcae7b91 r10=0 r14=0 "
        "w128=bec58982 r148=ffffffff w14c=ffffffff r108=0 w150=ffffffff "
        "r10c=e8be2948 w120=35b w130=ffffffff R140=400005d3a w12c=1155dcc0 "
        "R140=400005d3a r10=0 r128=bec58982 w128=0 R10=0 w4=29cf5074 "
        "r130=ffffffff r130=ffffffff w12c=0 w10c=ffffffff w144=b3b52c42 "
        "w120=2143 R150=98dac428ffffffff w110=b19a6188 R20=0 W20=0 W10=0 "
        "W130=54137809668f0a56 w120=72a w148=0 w14=0 w0=7a09 "
        "R130=54137809668f0a56 w124=0 w128=ffffffff R120=40000073a "
        "r4=989680 w148=ffffffff r10c=ffffffff R10=0 R148=ffffffff r12c=0 "
        "W110=14dde0b7eda5697d r128=bec58982 W140=248 w10=0 r20=0 r14=0 "
        "r12c=0 R10=0 R140=400000278 w0=8c3 w14c=ffffffff w150=ffffffff "
        "r4=989680 w128=f9923198 R108=ffffffff00000000 r108=0 "
        "r14c=ffffffff r10c=ffffffff w0=7a82 w120=68d9 w140=35c9 "
        "w12c=ffffffff w108=a439e552 r10=0 Rf0=ffffffff r14c=0 "
        "w104=ab33a1e7 r14=0 r0=8086a201 rf4=0 w100=1863 w10c=a91f8998 "
        "wf0=0 r104=4 w10c=a1a1afc4 R140=400003578 Rf0=0 wf4=edc61faa "
        "R148=ffffffff R20=0 w140=7ef2 W110=be63cddf6e147144 "
        "Rf0=edc61faa00000000 w100=4bf2 w134=dd810014 r114=be63cddf "
        "w14c=ffffffff w130=0 w108=bb35a417 r4=989680 "
        "R150=98dac428ffffffff Rf0=edc61faa00000000 w114=ffffffff "
        "w124=ffffffff w150=0 w108=0 w140=3db1 r140=3d30 w148=ffffffff "
        "w134=0 r100=4b32 w10c=5f37ab98 w148=584a39ec w130=26f1cd7b r14=0 "
        "w144=0 w14c=d68a930b R10=0 r4=989680 r140=3d30 wf0=ffffffff "
        "w128=c2a2a93d r4=989680 R108=5f37ab9800000000 w12c=0 w10=0 "
        "r4=989680 w148=0 w150=0 w0=4a9b r12c=ffffffff w10=2 r148=0 "
        "wf4=8c9e3fdf w20=6 w10c=0 ";
    char **tok = g_strsplit(seq, " ", -1);
    int i;

    fresh();
    for (i = 0; tok[i]; i++) {
        char *eq = strchr(tok[i], '=');
        hwaddr a;
        uint64_t v, got;

        if (!eq) {
            continue;
        }
        a = HPET + strtoull(tok[i] + 1, NULL, 16);
        v = strtoull(eq + 1, NULL, 16);
        switch (tok[i][0]) {
        case 'w':
            writel(a, v);
            break;
        case 'W':
            writeq(a, v);
            break;
        case 'r':
        case 'R':
            got = tok[i][0] == 'r' ? readl(a) : readq(a);
            if (got != v) {
                g_error("step %d (%s): read 0x%" PRIx64, i, tok[i], got);
            }
            break;
        }
    }
    g_strfreev(tok);
}

int main(int argc, char **argv)
{
    MemoryRegion *msi = g_new0(MemoryRegion, 1);
    int i;

    g_test_init(&argc, &argv, NULL);
    pcdev_test_init();
    msi_log = g_string_new(NULL);
    memory_region_init_io(msi, NULL, &msi_ops, NULL, "msi-catcher", 4);
    memory_region_add_subregion(get_system_memory(), MSI_ADDR, msi);

    hpet = qdev_new(TYPE_HPET);
    object_property_set_uint(OBJECT(hpet), "hpet-intcap", 4, &error_abort);
    sysbus_realize_and_unref(SYS_BUS_DEVICE(hpet), &error_abort);
    hpet_mmio_map(hpet, HPET_BASE);
    for (i = 0; i < 24; i++) {
        test_line_init(&gsi[i]);
        hpet_connect_irq(hpet, i, gsi[i].irq);
    }
    test_line_init(&pit_enable);
    hpet_connect_pit_enable(hpet, pit_enable.irq);

    g_test_add_func("/hpet/capabilities", test_capabilities);
    g_test_add_func("/hpet/main-counter", test_main_counter);
    g_test_add_func("/hpet/one-shot-edge-and-level",
                    test_one_shot_edge_and_level);
    g_test_add_func("/hpet/periodic", test_periodic);
    g_test_add_func("/hpet/32bit-mode", test_32bit_mode);
    g_test_add_func("/hpet/legacy-replacement", test_legacy_replacement);
    g_test_add_func("/hpet/fsb-delivery", test_fsb_delivery);
    g_test_add_func("/hpet/reference-sequence", test_reference_sequence);
    return g_test_run();
}
