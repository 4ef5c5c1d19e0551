/*
 * test-apic.c: two userspace local APICs ("apic") on test CPUs, driven
 * through the 0xfee00000 window as the CPU that owns each one: power-up
 * state, IPIs (fixed, NMI, INIT/SIPI, shorthands, physical and logical
 * destinations, lowest priority), TPR/PPR and EOI, the timer (one-shot,
 * periodic, TSC-deadline, divide configuration) on the virtual clock,
 * MSI writes, LINT0 in ExtINT mode with an 8259, and x2APIC MSRs.
 *
 * References are to the Intel SDM vol. 3A, chapter 10.
 */
#include "qemu/osdep.h"
#include "pcdev-test.h"
#include "hw/intc/i8259.h"
#include "monitor/monitor.h"

#define APIC_BASE 0xfee00000
#define REG(idx) (APIC_BASE + ((idx) << 4))

#define R_ID        REG(0x02)
#define R_VERSION   REG(0x03)
#define R_TPR       REG(0x08)
#define R_PPR       REG(0x0a)
#define R_EOI       REG(0x0b)
#define R_LDR       REG(0x0d)
#define R_DFR       REG(0x0e)
#define R_SVR       REG(0x0f)
#define R_ISR(n)    REG(0x10 + (n))
#define R_TMR(n)    REG(0x18 + (n))
#define R_IRR(n)    REG(0x20 + (n))
#define R_ESR       REG(0x28)
#define R_ICR_LO    REG(0x30)
#define R_ICR_HI    REG(0x31)
#define R_LVT_TIMER REG(0x32)
#define R_LVT_LINT0 REG(0x35)
#define R_LVT_LINT1 REG(0x36)
#define R_TIMER_ICR REG(0x38)
#define R_TIMER_CCR REG(0x39)
#define R_TIMER_DCR REG(0x3e)

static CPUState *cpu[2];
static DeviceState *apic[2];
static qemu_irq *isa_irqs;

/* Touch the registers as CPU n does. */
static void as_cpu(int n)
{
    current_cpu_set(n < 0 ? NULL : cpu[n]);
}

static bool vec_set(int n, hwaddr (*reg)(int), int vector)
{
    as_cpu(n);
    return readl(reg(vector / 32)) & (1U << (vector % 32));
}

static hwaddr isr_reg(int i) { return R_ISR(i); }
static hwaddr irr_reg(int i) { return R_IRR(i); }
static hwaddr tmr_reg(int i) { return R_TMR(i); }

/* Run an HMP command; the output stays valid until the next call. */
static const char *hmp(const char *cmdline)
{
    static char *last;
    json_t *args = json_pack("{s:s}", "command-line", cmdline);
    json_t *ret = qmp_call("human-monitor-command", args, &error_abort);

    g_free(last);
    last = g_strdup(json_string_value(ret));
    json_decref(ret);
    json_decref(args);
    return last;
}

static void clear_irqs(void)
{
    int i;

    for (i = 0; i < 2; i++) {
        cpu_reset_interrupt(cpu[i], ~0);
    }
}

/* Machine reset, then both APICs software-enabled (SVR 0x1ff). */
static void apic_fresh(void)
{
    int i;

    apic_designate_bsp(apic[0], true);
    apic_designate_bsp(apic[1], false);
    for (i = 0; i < 16; i++) {
        qemu_set_irq(isa_irqs[i], 0);
    }
    qemu_devices_reset();
    clear_irqs();
    for (i = 0; i < 2; i++) {
        as_cpu(i);
        writel(R_SVR, 0x1ff);
    }
}

static void send_ipi(int from, uint32_t hi, uint32_t lo)
{
    as_cpu(from);
    writel(R_ICR_HI, hi);
    writel(R_ICR_LO, lo);
}

/* INTA on cpu n followed by EOI; returns the vector. */
static int ack(int n)
{
    int v = cpu_get_pic_interrupt(cpu[n]);

    as_cpu(n);
    writel(R_EOI, 0);
    return v;
}

/*
 * info lapic after reset, in the reference's words (QEMU 7.2,
 * -M pc,kernel_irqchip=off -S, "info lapic"), and for an unknown id.
 */
static void test_info_lapic(void)
{
    static const char expected[] =
        "dumping local APIC state for CPU 0 \r\n"
        "\r\n"
        "LVT0\t 0x00010000 active-hi edge  masked                      "
        "Fixed  (vec 0)\r\n"
        "LVT1\t 0x00010000 active-hi edge  masked                      "
        "Fixed  (vec 0)\r\n"
        "LVTPC\t 0x00010000 active-hi edge  masked                      "
        "Fixed  (vec 0)\r\n"
        "LVTERR\t 0x00010000 active-hi edge  masked                      "
        "Fixed  (vec 0)\r\n"
        "LVTTHMR\t 0x00010000 active-hi edge  masked                      "
        "Fixed  (vec 0)\r\n"
        "LVTT\t 0x00010000 active-hi edge  masked         one-shot     "
        "Fixed  (vec 0)\r\n"
        "Timer\t DCR=0x0 (divide by 2) initial_count = 0 "
        "current_count = 0\r\n"
        "SPIV\t 0x000000ff APIC disabled, focus=off, spurious vec 255\r\n"
        "ICR\t 0x00000000 physical edge de-assert no-shorthand\r\n"
        "ICR2\t 0x00000000 cpu 0 (APIC ID)\r\n"
        "ESR\t 0x00000000\r\n"
        "ISR\t (none)\r\n"
        "IRR\t (none)\r\n"
        "\r\n"
        "APR 0x00 TPR 0x00 DFR 0x0f LDR 0x00 PPR 0x00\r\n";

    apic_designate_bsp(apic[0], true);
    qemu_devices_reset();
    g_assert_cmpstr(hmp("info lapic"), ==, expected);
    g_assert_cmpstr(hmp("info lapic 5"), ==, "No CPU available\r\n");
    /* A periodic timer, a level vector in service, a logical ICR. */
    as_cpu(1);
    writel(R_SVR, 0x1ff);
    writel(R_LVT_TIMER, 0x20000 | 0x31);
    writel(R_TIMER_DCR, 0xb);
    writel(R_TIMER_ICR, 1000);
    apic_deliver_irq(1, APIC_DESTMODE_PHYSICAL, APIC_DM_FIXED, 0x55,
                     APIC_TRIGGER_LEVEL);
    g_assert_cmpint(cpu_get_pic_interrupt(cpu[1]), ==, 0x55);
    writel(R_ICR_HI, 0x03U << 24);
    writel(R_ICR_LO, 0x4800 | 0x20);
    g_assert_true(strstr(hmp("info lapic 1"),
                         "dumping local APIC state for CPU 1 \r\n"));
    g_assert_true(strstr(hmp("info lapic 1"),
                         "LVTT\t 0x00020031 active-hi edge "
                         "                periodic     Fixed  (vec 49)\r\n"
                         "Timer\t DCR=0xb (divide by 1) initial_count = 1000"
                         " current_count = 1000\r\n"
                         "SPIV\t 0x000001ff APIC enabled, focus=off, "
                         "spurious vec 255\r\n"
                         "ICR\t 0x00004820 logical edge assert "
                         "no-shorthand\r\n"
                         "ICR2\t 0x03000000 mask 3\r\n"));
    g_assert_true(strstr(hmp("info lapic 1"), "ISR\t 85(level) \r\n"));
    g_assert_true(strstr(hmp("info lapic 1"), "PPR 0x50\r\n"));
    writel(R_EOI, 0);
}

/* SDM 10.4.7.1 power-up state; version 0x14 with 6 LVT entries. */
static void test_power_up_state(void)
{
    apic_fresh();
    as_cpu(1);
    g_assert_cmphex(readl(R_ID), ==, 1U << 24);
    g_assert_cmphex(readl(R_VERSION), ==, 0x50014);
    g_assert_cmphex(readl(R_DFR), ==, 0xffffffff);
    g_assert_cmphex(readl(R_LVT_TIMER), ==, 0x10000);
    g_assert_cmphex(readl(R_LVT_LINT0), ==, 0x10000);
    g_assert_cmphex(readl(R_TPR), ==, 0);
    g_assert_cmphex(cpu_get_apic_base(apic[0]), ==, 0xfee00900);
    g_assert_cmphex(cpu_get_apic_base(apic[1]), ==, 0xfee00800);
    /* Reset leaves the APIC software-disabled (SVR 0xff). */
    qemu_devices_reset();
    as_cpu(0);
    g_assert_cmphex(readl(R_SVR), ==, 0xff);
    /* Software disable keeps LVT entries masked (10.4.7.2). */
    writel(R_LVT_LINT1, 0x400);
    g_assert_cmphex(readl(R_LVT_LINT1), ==, 0x10400);
}

/* A fixed IPI by physical id (10.6.1): IRR -> INTA -> ISR -> EOI. */
static void test_fixed_ipi(void)
{
    apic_fresh();
    send_ipi(0, 1U << 24, 0x40);
    g_assert_true(cpu_has_irq(cpu[1], CPU_INTERRUPT_HARD));
    g_assert_false(cpu_has_irq(cpu[0], CPU_INTERRUPT_HARD));
    g_assert_true(vec_set(1, irr_reg, 0x40));
    /* The delivery status bit reads idle. */
    as_cpu(0);
    g_assert_cmphex(readl(R_ICR_LO), ==, 0x40);
    g_assert_cmpint(cpu_get_pic_interrupt(cpu[1]), ==, 0x40);
    g_assert_false(vec_set(1, irr_reg, 0x40));
    g_assert_true(vec_set(1, isr_reg, 0x40));
    g_assert_false(cpu_has_irq(cpu[1], CPU_INTERRUPT_HARD));
    as_cpu(1);
    writel(R_EOI, 0);
    g_assert_false(vec_set(1, isr_reg, 0x40));
    g_assert_cmpint(cpu_get_pic_interrupt(cpu[1]), ==, -1);
}

/* TPR and PPR (10.8.3): a class at or below PPR waits. */
static void test_task_priority(void)
{
    apic_fresh();
    as_cpu(1);
    writel(R_TPR, 0x50);
    send_ipi(0, 1U << 24, 0x45);
    g_assert_false(cpu_has_irq(cpu[1], CPU_INTERRUPT_HARD));
    g_assert_cmpint(cpu_get_pic_interrupt(cpu[1]), ==, -1);
    send_ipi(0, 1U << 24, 0x61);
    g_assert_true(cpu_has_irq(cpu[1], CPU_INTERRUPT_HARD));
    g_assert_cmpint(cpu_get_pic_interrupt(cpu[1]), ==, 0x61);
    as_cpu(1);
    g_assert_cmphex(readl(R_PPR), ==, 0x60);
    writel(R_EOI, 0);
    g_assert_cmphex(readl(R_PPR), ==, 0x50);
    /* CR8 writes TPR[7:4]. */
    cpu_set_apic_tpr(apic[1], 0x3);
    g_assert_cmphex(readl(R_TPR), ==, 0x30);
    g_assert_true(cpu_has_irq(cpu[1], CPU_INTERRUPT_HARD));
    g_assert_cmpint(ack(1), ==, 0x45);
    /* Higher vector first. */
    send_ipi(0, 1U << 24, 0x81);
    send_ipi(0, 1U << 24, 0x91);
    g_assert_cmpint(ack(1), ==, 0x91);
    g_assert_cmpint(ack(1), ==, 0x81);
}

/* Destination shorthands (10.6.1, bits 19:18). */
static void test_shorthands(void)
{
    apic_fresh();
    send_ipi(0, 0, 0xc0000 | 0x50);        /* all excluding self */
    g_assert_true(vec_set(1, irr_reg, 0x50));
    g_assert_false(vec_set(0, irr_reg, 0x50));
    send_ipi(0, 0, 0x80000 | 0x51);        /* all including self */
    g_assert_true(vec_set(0, irr_reg, 0x51));
    g_assert_true(vec_set(1, irr_reg, 0x51));
    send_ipi(1, 0, 0x40000 | 0x52);        /* self */
    g_assert_true(vec_set(1, irr_reg, 0x52));
    g_assert_false(vec_set(0, irr_reg, 0x52));
    send_ipi(0, 0xffU << 24, 0x53);        /* physical broadcast */
    g_assert_true(vec_set(0, irr_reg, 0x53));
    g_assert_true(vec_set(1, irr_reg, 0x53));
}

/* Logical destinations, flat and cluster models (10.6.2.2). */
static void test_logical_destinations(void)
{
    apic_fresh();
    as_cpu(0);
    writel(R_LDR, 0x01U << 24);
    as_cpu(1);
    writel(R_LDR, 0x02U << 24);
    send_ipi(0, 0x02U << 24, 0x800 | 0x60);
    g_assert_true(vec_set(1, irr_reg, 0x60));
    g_assert_false(vec_set(0, irr_reg, 0x60));
    send_ipi(0, 0x03U << 24, 0x800 | 0x61);
    g_assert_true(vec_set(0, irr_reg, 0x61));
    g_assert_true(vec_set(1, irr_reg, 0x61));

    /* Cluster: cluster 1, members 1 and 2; cluster 0xf reaches all. */
    as_cpu(0);
    writel(R_DFR, 0x0fffffff);
    writel(R_LDR, 0x11U << 24);
    as_cpu(1);
    writel(R_DFR, 0x0fffffff);
    writel(R_LDR, 0x12U << 24);
    send_ipi(0, 0x12U << 24, 0x800 | 0x62);
    g_assert_true(vec_set(1, irr_reg, 0x62));
    g_assert_false(vec_set(0, irr_reg, 0x62));
    send_ipi(0, 0x22U << 24, 0x800 | 0x63);
    g_assert_false(vec_set(1, irr_reg, 0x63));
    send_ipi(0, 0xf3U << 24, 0x800 | 0x64);
    g_assert_true(vec_set(0, irr_reg, 0x64));
    g_assert_true(vec_set(1, irr_reg, 0x64));
}

/* Lowest priority (10.6.2.4): one target, the lowest TPR. */
static void test_lowest_priority(void)
{
    apic_fresh();
    as_cpu(0);
    writel(R_LDR, 0x01U << 24);
    writel(R_TPR, 0x20);
    as_cpu(1);
    writel(R_LDR, 0x02U << 24);
    send_ipi(0, 0x03U << 24, 0x800 | 0x100 | 0x70);
    g_assert_true(vec_set(1, irr_reg, 0x70));
    g_assert_false(vec_set(0, irr_reg, 0x70));
    apic_deliver_irq(0x03, APIC_DESTMODE_LOGICAL, APIC_DM_LOWPRI, 0x71,
                     APIC_TRIGGER_EDGE);
    g_assert_true(vec_set(1, irr_reg, 0x71));
    g_assert_false(vec_set(0, irr_reg, 0x71));
}

/* NMI, INIT and start-up IPIs (10.6.1, 8.4.4 MP initialization). */
static void test_nmi_init_sipi(void)
{
    apic_fresh();
    send_ipi(0, 1U << 24, 0x400);
    g_assert_true(cpu_has_irq(cpu[1], CPU_INTERRUPT_NMI));
    /* INIT level de-assert reaches no CPU. */
    send_ipi(0, 0, 0x88500);
    g_assert_false(cpu_has_irq(cpu[1], CPU_INTERRUPT_INIT));
    /* INIT to all but self, as an OS starting its APs does. */
    send_ipi(0, 0, 0xc4500);
    g_assert_true(cpu_has_irq(cpu[1], CPU_INTERRUPT_INIT));
    g_assert_false(cpu_has_irq(cpu[0], CPU_INTERRUPT_INIT));
    /* The accelerator handles INIT: the AP then waits for SIPI. */
    cpu_reset_interrupt(cpu[1], CPU_INTERRUPT_INIT);
    apic_init_reset(apic[1]);
    g_assert_cmpint(apic_sipi(apic[1]), ==, -1);
    send_ipi(0, 0, 0xc4600 | 0x9a);
    g_assert_true(cpu_has_irq(cpu[1], CPU_INTERRUPT_SIPI));
    g_assert_false(cpu_has_irq(cpu[0], CPU_INTERRUPT_SIPI));
    g_assert_cmpint(apic_sipi(apic[1]), ==, 0x9a);
    g_assert_false(cpu_has_irq(cpu[1], CPU_INTERRUPT_SIPI));
    /* Only one SIPI is taken after an INIT. */
    send_ipi(0, 0, 0xc4600 | 0x9b);
    g_assert_false(cpu_has_irq(cpu[1], CPU_INTERRUPT_SIPI));
    g_assert_cmpint(apic_sipi(apic[1]), ==, -1);
    /* The BSP does not wait for SIPI after INIT. */
    apic_init_reset(apic[0]);
    g_assert_cmpint(apic_sipi(apic[0]), ==, -1);
}

/* Illegal vectors (10.5.3): not sent, flagged in ESR. */
static void test_illegal_vector(void)
{
    apic_fresh();
    send_ipi(0, 1U << 24, 0x05);
    g_assert_false(cpu_has_irq(cpu[1], CPU_INTERRUPT_HARD));
    as_cpu(0);
    g_assert_cmphex(readl(R_ESR) & 0x20, ==, 0x20);
    writel(R_ESR, 0);
    g_assert_cmphex(readl(R_ESR), ==, 0);
}

/* Timer one-shot (10.5.4): counts bus clocks / DCR, fires once. */
static void test_timer_one_shot(void)
{
    apic_fresh();
    as_cpu(0);
    writel(R_TIMER_DCR, 0xb);               /* divide by 1 */
    writel(R_LVT_TIMER, 0x30);
    writel(R_TIMER_ICR, 1000);
    clock_step(300);
    g_assert_cmpuint(readl(R_TIMER_CCR), ==, 700);
    g_assert_false(cpu_has_irq(cpu[0], CPU_INTERRUPT_HARD));
    clock_step(699);
    g_assert_false(cpu_has_irq(cpu[0], CPU_INTERRUPT_HARD));
    clock_step(1);
    g_assert_true(cpu_has_irq(cpu[0], CPU_INTERRUPT_HARD));
    g_assert_cmpuint(readl(R_TIMER_CCR), ==, 0);
    g_assert_cmpint(ack(0), ==, 0x30);
    clock_step(100000);
    g_assert_false(cpu_has_irq(cpu[0], CPU_INTERRUPT_HARD));
}

/* Timer periodic with divide by 16: period = 16 * initial count ns. */
static void test_timer_periodic(void)
{
    int i;

    apic_fresh();
    as_cpu(0);
    writel(R_TIMER_DCR, 0x3);               /* divide by 16 */
    writel(R_LVT_TIMER, 0x20000 | 0x31);
    writel(R_TIMER_ICR, 100);               /* 1600 ns */
    clock_step(800);
    g_assert_cmpuint(readl(R_TIMER_CCR), ==, 50);
    for (i = 0; i < 3; i++) {
        clock_step(799);
        g_assert_false(cpu_has_irq(cpu[0], CPU_INTERRUPT_HARD));
        clock_step(801);
        g_assert_true(cpu_has_irq(cpu[0], CPU_INTERRUPT_HARD));
        g_assert_cmpint(ack(0), ==, 0x31);
    }
    /* Masked: the count goes on, no interrupt. */
    writel(R_LVT_TIMER, 0x30000 | 0x31);
    clock_step(3200);
    g_assert_false(cpu_has_irq(cpu[0], CPU_INTERRUPT_HARD));
    /* Initial count 0 stops it. */
    writel(R_TIMER_ICR, 0);
    g_assert_cmpuint(readl(R_TIMER_CCR), ==, 0);
}

/* TSC-deadline mode (10.5.4.1): ignores the initial count, fires at the
 * deadline, the MSR then reads 0. */
static void test_timer_tsc_deadline(void)
{
    apic_fresh();
    as_cpu(0);
    apic_set_tsc_deadline(apic[0], 1234, clock_now() + 500);
    g_assert_cmphex(apic_get_tsc_deadline(apic[0]), ==, 0);
    writel(R_LVT_TIMER, 0x40000 | 0x32);
    writel(R_TIMER_ICR, 10);
    g_assert_cmpuint(readl(R_TIMER_ICR), ==, 0);
    apic_set_tsc_deadline(apic[0], 1234, clock_now() + 500);
    g_assert_cmphex(apic_get_tsc_deadline(apic[0]), ==, 1234);
    clock_step(499);
    g_assert_false(cpu_has_irq(cpu[0], CPU_INTERRUPT_HARD));
    clock_step(1);
    g_assert_true(cpu_has_irq(cpu[0], CPU_INTERRUPT_HARD));
    g_assert_cmphex(apic_get_tsc_deadline(apic[0]), ==, 0);
    g_assert_cmpint(ack(0), ==, 0x32);
    /* A deadline already passed fires at once. */
    apic_set_tsc_deadline(apic[0], 99, clock_now() - 1);
    clock_step(0);
    g_assert_true(cpu_has_irq(cpu[0], CPU_INTERRUPT_HARD));
}

/* MSI (10.11): a device's write to 0xfeeDD000 with the vector in data. */
static void test_msi(void)
{
    apic_fresh();
    as_cpu(-1);
    writel(APIC_BASE | (1 << 12), 0x0051);
    g_assert_true(vec_set(1, irr_reg, 0x51));
    g_assert_false(vec_set(1, tmr_reg, 0x51));
    g_assert_false(vec_set(0, irr_reg, 0x51));
    as_cpu(-1);
    writel(APIC_BASE, 0x8052);              /* level, to APIC 0 */
    g_assert_true(vec_set(0, irr_reg, 0x52));
    g_assert_true(vec_set(0, tmr_reg, 0x52));
    apic_send_msi(APIC_BASE | (1 << 12), 0x0400);   /* NMI */
    g_assert_true(cpu_has_irq(cpu[1], CPU_INTERRUPT_NMI));
}

/* LINT0 in ExtINT mode (virtual wire, 10.5.1): INTA goes to the 8259. */
static void test_lint0_extint(void)
{
    apic_fresh();
    /* i8259 with vectors 0x20/0x28, everything unmasked. */
    outb(0x20, 0x11);
    outb(0x21, 0x20);
    outb(0x21, 0x04);
    outb(0x21, 0x01);
    outb(0xa0, 0x11);
    outb(0xa1, 0x28);
    outb(0xa1, 0x02);
    outb(0xa1, 0x01);
    outb(0x21, 0x00);
    outb(0xa1, 0x00);
    /* LINT0 masked: the 8259 does not reach the CPU. */
    qemu_irq_raise(isa_irqs[1]);
    g_assert_false(cpu_has_irq(cpu[0], CPU_INTERRUPT_HARD));
    g_assert_cmpint(cpu_get_pic_interrupt(cpu[0]), ==, -1);
    as_cpu(0);
    writel(R_LVT_LINT0, 0x8700);
    g_assert_cmpint(apic_accept_pic_intr(apic[0]), ==, 1);
    qemu_irq_lower(isa_irqs[1]);
    qemu_irq_raise(isa_irqs[1]);
    g_assert_true(cpu_has_irq(cpu[0], CPU_INTERRUPT_HARD));
    /* An APIC vector above goes first; then the 8259's. */
    send_ipi(0, 0, 0x40000 | 0xe0);
    g_assert_cmpint(cpu_get_pic_interrupt(cpu[0]), ==, 0xe0);
    g_assert_cmpint(cpu_get_pic_interrupt(cpu[0]), ==, 0x21);
    g_assert_false(cpu_has_irq(cpu[0], CPU_INTERRUPT_HARD));
    outb(0x20, 0x20);
    as_cpu(0);
    writel(R_EOI, 0);
    /* A hardware-disabled APIC passes INTR straight through. */
    g_assert_cmpint(cpu_set_apic_base(apic[0], 0xfee00100), ==, 0);
    qemu_irq_lower(isa_irqs[1]);
    qemu_irq_raise(isa_irqs[1]);
    g_assert_cmpint(cpu_get_pic_interrupt(cpu[0]), ==, 0x21);
    outb(0x20, 0x20);
    qemu_irq_lower(isa_irqs[1]);
    /* LINT1 as NMI (the "nmi" monitor command). */
    cpu_set_apic_base(apic[1], 0xfee00800);
    as_cpu(1);
    writel(R_LVT_LINT1, 0x400);
    apic_deliver_nmi(apic[1]);
    g_assert_true(cpu_has_irq(cpu[1], CPU_INTERRUPT_NMI));
}

/* x2APIC (10.12): MSR access, 32-bit id, derived LDR, 64-bit ICR. */
static void test_x2apic(void)
{
    uint64_t v;

    apic_fresh();
    g_assert_cmpint(apic_msr_read(apic[1], 0x02, &v), ==, -1);
    g_assert_cmpint(cpu_set_apic_base(apic[1], 0xfee00c00), ==, 0);
    g_assert_cmpint(apic_msr_read(apic[1], 0x02, &v), ==, 0);
    g_assert_cmphex(v, ==, 1);
    g_assert_cmpint(apic_msr_read(apic[1], 0x0d, &v), ==, 0);
    g_assert_cmphex(v, ==, 0x2);
    /* The MMIO window is gone in x2APIC mode. */
    as_cpu(1);
    g_assert_cmphex(readl(R_ID), ==, 0);
    /* ICR as one MSR: fixed IPI to APIC 0. */
    g_assert_cmpint(apic_msr_write(apic[1], 0x30, 0x0000000000000066ULL),
                    ==, 0);
    g_assert_true(vec_set(0, irr_reg, 0x66));
    /* Self IPI. */
    g_assert_cmpint(apic_msr_write(apic[1], 0x3f, 0x67), ==, 0);
    g_assert_cmpint(cpu_get_pic_interrupt(cpu[1]), ==, 0x67);
    /* EOI takes only 0; read-only and reserved registers fault. */
    g_assert_cmpint(apic_msr_write(apic[1], 0x0b, 1), ==, -1);
    g_assert_cmpint(apic_msr_write(apic[1], 0x0b, 0), ==, 0);
    g_assert_cmpint(apic_msr_write(apic[1], 0x02, 5), ==, -1);
    g_assert_cmpint(apic_msr_read(apic[1], 0x0e, &v), ==, -1);
    /* x2APIC -> xAPIC directly is not allowed. */
    g_assert_cmpint(cpu_set_apic_base(apic[1], 0xfee00800), ==, -1);
    g_assert_cmpint(cpu_set_apic_base(apic[1], 0xfee00000), ==, 0);
    g_assert_cmpint(cpu_set_apic_base(apic[1], 0xfee00800), ==, 0);
}

int main(int argc, char **argv)
{
    ISABus *bus;

    g_test_init(&argc, &argv, NULL);
    bus = pcdev_test_init();
    pcdev_register_test_cpu();
    cpu[0] = test_cpu_new(0, &apic[0]);
    cpu[1] = test_cpu_new(1, &apic[1]);
    /* The 8259's INT to LINT0, as the board wires it. */
    isa_irqs = i8259_init(bus, apic_pic_output_line());
    isa_bus_irqs(bus, isa_irqs);

    g_test_add_func("/apic/info-lapic", test_info_lapic);
    g_test_add_func("/apic/power-up-state", test_power_up_state);
    g_test_add_func("/apic/fixed-ipi", test_fixed_ipi);
    g_test_add_func("/apic/task-priority", test_task_priority);
    g_test_add_func("/apic/shorthands", test_shorthands);
    g_test_add_func("/apic/logical-destinations", test_logical_destinations);
    g_test_add_func("/apic/lowest-priority", test_lowest_priority);
    g_test_add_func("/apic/nmi-init-sipi", test_nmi_init_sipi);
    g_test_add_func("/apic/illegal-vector", test_illegal_vector);
    g_test_add_func("/apic/timer-one-shot", test_timer_one_shot);
    g_test_add_func("/apic/timer-periodic", test_timer_periodic);
    g_test_add_func("/apic/timer-tsc-deadline", test_timer_tsc_deadline);
    g_test_add_func("/apic/msi", test_msi);
    g_test_add_func("/apic/lint0-extint", test_lint0_extint);
    g_test_add_func("/apic/x2apic", test_x2apic);
    return g_test_run();
}
