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
    /* Timer capabilities: periodic, 64-bit, FSB (msi=on), routes 0x4. */
    g_assert_cmphex(readq(TN_CONF(0)), ==, 0x0000000400008030ULL);
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

/* 2.3.9.2.2 periodic: with VAL_SET the first write sets the comparator,
 * the next the period; the comparator steps by the period. */
static void test_periodic(void)
{
    fresh();
    writeq(TN_CONF(0), TN_INT_ENB | TN_PERIODIC | TN_VAL_SET | TN_ROUTE(2));
    writeq(TN_CMP(0), 1000);
    writeq(TN_CMP(0), 1000);
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
}

/* 2.3.9.2.1 32-bit mode: the comparator and period are 32 bits; a
 * one-shot also interrupts when the counter wraps. */
static void test_32bit_mode(void)
{
    fresh();
    writeq(TN_CONF(1), TN_INT_ENB | TN_32BIT | TN_ROUTE(7));
    writeq(TN_CMP(1), 0x1122334455667788ULL);
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

/* 2.3.10 FSB delivery: the timer writes its message to memory. */
static void test_fsb_delivery(void)
{
    fresh();
    writeq(TN_FSB(2), ((uint64_t)MSI_ADDR << 32) | 0x4041);
    writeq(TN_CONF(2), TN_INT_ENB | TN_FSB_EN);
    writeq(TN_CMP(2), 50);
    writel(GEN_CONF, CNF_ENABLE);
    clock_step(1000);
    g_assert_cmpstr(msi_log->str, ==, "0=4041 ");
    g_assert_cmpint(gsi[0].edges + gsi[2].edges, ==, 0);
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
    object_property_set_bool(OBJECT(hpet), "msi", true, &error_abort);
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
    return g_test_run();
}
