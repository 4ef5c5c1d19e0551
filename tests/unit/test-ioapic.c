/*
 * test-ioapic.c: the IOAPIC ("ioapic") at 0xfec00000 delivering to two
 * local APICs: the indirect registers (IOREGSEL/IOWIN), the redirection
 * table, edge and level pins with remote IRR and the EOI broadcast (and
 * the version 0x20 EOI register), masking, physical/logical/lowest
 * priority/NMI/INIT/ExtINT delivery, and ISA IRQ 0 on pin 2.
 *
 * References are to the Intel 82093AA datasheet (290566), section 3.
 */
#include "qemu/osdep.h"
#include "pcdev-test.h"
#include "hw/intc/ioapic.h"
#include "hw/intc/i8259.h"
#include "monitor/monitor.h"

#define IOAPIC 0xfec00000
#define IOREGSEL (IOAPIC + 0x00)
#define IOWIN (IOAPIC + 0x10)
#define IOEOI (IOAPIC + 0x40)
#define APIC_EOI 0xfee000b0
#define APIC_SVR 0xfee000f0
#define APIC_LDR 0xfee000d0
#define APIC_TPR 0xfee00080

/* Redirection entry fields (3.2.4). */
#define RTE_LOGICAL (1U << 11)
#define RTE_REMOTE_IRR (1U << 14)
#define RTE_LEVEL (1U << 15)
#define RTE_MASKED (1U << 16)

static DeviceState *ioapic;
static CPUState *cpu[2];
static DeviceState *apic[2];
static qemu_irq *pic_irqs;

static uint32_t ioapic_read(uint8_t reg)
{
    writel(IOREGSEL, reg);
    return readl(IOWIN);
}

static void ioapic_write(uint8_t reg, uint32_t val)
{
    writel(IOREGSEL, reg);
    writel(IOWIN, val);
}

static void set_entry(int pin, uint32_t lo, uint8_t dest)
{
    ioapic_write(0x11 + 2 * pin, (uint32_t)dest << 24);
    ioapic_write(0x10 + 2 * pin, lo);
}

static void pin(int n, int level)
{
    qemu_set_irq(ioapic_get_irq(ioapic, n), level);
}

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

static void fresh(void)
{
    int i;

    for (i = 0; i < IOAPIC_NUM_PINS; i++) {
        pin(i, 0);
    }
    for (i = 0; i < 16; i++) {
        qemu_set_irq(pic_irqs[i], 0);
    }
    apic_designate_bsp(apic[0], true);
    qemu_devices_reset();
    for (i = 0; i < 2; i++) {
        cpu_reset_interrupt(cpu[i], ~0);
        current_cpu_set(cpu[i]);
        writel(APIC_SVR, 0x1ff);
    }
    current_cpu_set(NULL);
}

/* INTA and EOI on the CPU's own APIC; returns the vector. */
static int ack_eoi(int n)
{
    int v = cpu_get_pic_interrupt(cpu[n]);

    current_cpu_set(cpu[n]);
    writel(APIC_EOI, 0);
    current_cpu_set(NULL);
    return v;
}

/*
 * info pic and info irq, in the reference's words: the state below was
 * set up on QEMU 7.2 (-M pc,kernel_irqchip=off -S) through qtest with the
 * same register writes and input levels, and its output copied here.
 */
static void test_info_pic_and_irq(void)
{
    static const char *const entries[][2] = {
        { "0x10", "0x0000a930" }, { "0x12", "0x00000131" },
        { "0x14", "0x00000232" }, { "0x16", "0x00000433" },
        { "0x18", "0x00000534" }, { "0x1a", "0x00000735" },
        { "0x1c", "0x00000336" }, { "0x1d", "0xff000000" },
        { "0x1e", "0x00000637" }, { "0x22", "0x00018040" },
        { "0x24", "0x00008041" },
    };
    static const char expected_pic[] =
        "ioapic0: ver=0x20 id=0x0f sel=0x25 (redir[10])\r\n"
        "  pin 0  0x000000000000a930 dest=0 vec=48  active-lo level        lowest logical\r\n"
        "  pin 1  0x0000000000000131 dest=0 vec=49  active-hi edge         lowest physical\r\n"
        "  pin 2  0x0000000000000232 dest=0 vec=50  active-hi edge         SMI    physical\r\n"
        "  pin 3  0x0000000000000433 dest=0 vec=51  active-hi edge         NMI    physical\r\n"
        "  pin 4  0x0000000000000534 dest=0 vec=52  active-hi edge         INIT   physical\r\n"
        "  pin 5  0x0000000000000735 dest=0 vec=53  active-hi edge         extINT physical\r\n"
        "  pin 6  0xff00000000000336 dest=f vec=54  active-hi edge         ...    physical\r\n"
        "  pin 7  0x0000000000000637 dest=0 vec=55  active-hi edge         ...    physical\r\n"
        "  pin 8  0x0000000000010000 dest=0 vec=0   active-hi edge  masked fixed  physical\r\n"
        "  pin 9  0x0000000000018040 dest=0 vec=64  active-hi level masked fixed  physical\r\n"
        "  pin 10 0x000000000000c041 dest=0 vec=65  active-hi level        fixed  physical\r\n"
        "  pin 11 0x0000000000010000 dest=0 vec=0   active-hi edge  masked fixed  physical\r\n"
        "  pin 12 0x0000000000010000 dest=0 vec=0   active-hi edge  masked fixed  physical\r\n"
        "  pin 13 0x0000000000010000 dest=0 vec=0   active-hi edge  masked fixed  physical\r\n"
        "  pin 14 0x0000000000010000 dest=0 vec=0   active-hi edge  masked fixed  physical\r\n"
        "  pin 15 0x0000000000010000 dest=0 vec=0   active-hi edge  masked fixed  physical\r\n"
        "  pin 16 0x0000000000010000 dest=0 vec=0   active-hi edge  masked fixed  physical\r\n"
        "  pin 17 0x0000000000010000 dest=0 vec=0   active-hi edge  masked fixed  physical\r\n"
        "  pin 18 0x0000000000010000 dest=0 vec=0   active-hi edge  masked fixed  physical\r\n"
        "  pin 19 0x0000000000010000 dest=0 vec=0   active-hi edge  masked fixed  physical\r\n"
        "  pin 20 0x0000000000010000 dest=0 vec=0   active-hi edge  masked fixed  physical\r\n"
        "  pin 21 0x0000000000010000 dest=0 vec=0   active-hi edge  masked fixed  physical\r\n"
        "  pin 22 0x0000000000010000 dest=0 vec=0   active-hi edge  masked fixed  physical\r\n"
        "  pin 23 0x0000000000010000 dest=0 vec=0   active-hi edge  masked fixed  physical\r\n"
        "  IRR      9  10 \r\n"
        "  Remote IRR 10 \r\n"
        "pic1: irr=00 imr=00 isr=00 hprio=0 irq_base=00 rr_sel=0 elcr=00 fnm=0\r\n"
        "pic0: irr=00 imr=00 isr=00 hprio=0 irq_base=00 rr_sel=0 elcr=00 fnm=0\r\n";
    static const char expected_irq[] =
        "IRQ statistics for ioapic:\r\n"
        " 9: 1\r\n"
        "10: 1\r\n"
        "11: 1\r\n"
        "IRQ statistics for isa-i8259:\r\n";
    unsigned i;

    fresh();
    for (i = 0; i < G_N_ELEMENTS(entries); i++) {
        ioapic_write(strtoul(entries[i][0], NULL, 0),
                     strtoul(entries[i][1], NULL, 0));
    }
    ioapic_write(0x00, 0xffffffff);
    pin(9, 1);
    pin(10, 1);
    pin(11, 1);
    writel(IOREGSEL, 0x25);
    g_assert_cmpstr(hmp("info pic"), ==, expected_pic);
    g_assert_cmpstr(hmp("info irq"), ==, expected_irq);
    pin(9, 0);
    pin(10, 0);
    pin(11, 0);
}

/* 3.2.1-3.2.3: id (4 bits), version 0x20 with 24 entries, arbitration. */
static void test_registers(void)
{
    fresh();
    g_assert_cmphex(ioapic_read(0x01), ==, 0x00170020);
    g_assert_cmphex(ioapic_read(0x00), ==, 0);
    ioapic_write(0x00, 0xffffffff);
    g_assert_cmphex(ioapic_read(0x00), ==, 0x0f000000);
    g_assert_cmphex(ioapic_read(0x02), ==, 0);
    /* IOREGSEL reads back. */
    writel(IOREGSEL, 0x3f);
    g_assert_cmphex(readl(IOREGSEL), ==, 0x3f);
    /* Every entry masked after reset; beyond the table reads 0. */
    g_assert_cmphex(ioapic_read(0x10), ==, RTE_MASKED);
    g_assert_cmphex(ioapic_read(0x3e), ==, RTE_MASKED);
    g_assert_cmphex(ioapic_read(0x40), ==, 0);
    /* Delivery status and remote IRR are read-only. */
    ioapic_write(0x12, 0xffffffff);
    g_assert_cmphex(ioapic_read(0x12), ==, 0xffffafff);
    ioapic_write(0x13, 0xff000000);
    g_assert_cmphex(ioapic_read(0x13), ==, 0xff000000);
}

/* An edge pin: one message per rising edge; masked edges are lost. */
static void test_edge_delivery(void)
{
    fresh();
    set_entry(4, 0x34, 0);
    pin(4, 1);
    g_assert_true(cpu_has_irq(cpu[0], CPU_INTERRUPT_HARD));
    g_assert_cmpint(ack_eoi(0), ==, 0x34);
    /* Held high: nothing more. */
    g_assert_cmpint(cpu_get_pic_interrupt(cpu[0]), ==, -1);
    pin(4, 0);
    set_entry(4, RTE_MASKED | 0x34, 0);
    pin(4, 1);
    pin(4, 0);
    set_entry(4, 0x34, 0);
    g_assert_cmpint(cpu_get_pic_interrupt(cpu[0]), ==, -1);
    /* To the other CPU by physical id. */
    set_entry(5, 0x35, 1);
    pin(5, 1);
    g_assert_false(cpu_has_irq(cpu[0], CPU_INTERRUPT_HARD));
    g_assert_cmpint(ack_eoi(1), ==, 0x35);
}

/* A level pin: remote IRR until the EOI; re-sent while still asserted. */
static void test_level_remote_irr_and_eoi(void)
{
    fresh();
    set_entry(10, RTE_LEVEL | 0x3a, 0);
    pin(10, 1);
    g_assert_cmphex(ioapic_read(0x24) & RTE_REMOTE_IRR, ==, RTE_REMOTE_IRR);
    g_assert_cmpint(cpu_get_pic_interrupt(cpu[0]), ==, 0x3a);
    /* No second message while remote IRR is set. */
    g_assert_false(cpu_has_irq(cpu[0], CPU_INTERRUPT_HARD));
    current_cpu_set(cpu[0]);
    writel(APIC_EOI, 0);
    current_cpu_set(NULL);
    /* The EOI broadcast cleared remote IRR; the line is still high. */
    g_assert_true(cpu_has_irq(cpu[0], CPU_INTERRUPT_HARD));
    g_assert_cmpint(cpu_get_pic_interrupt(cpu[0]), ==, 0x3a);
    pin(10, 0);
    current_cpu_set(cpu[0]);
    writel(APIC_EOI, 0);
    current_cpu_set(NULL);
    g_assert_cmphex(ioapic_read(0x24) & RTE_REMOTE_IRR, ==, 0);
    g_assert_false(cpu_has_irq(cpu[0], CPU_INTERRUPT_HARD));

    /* Version 0x20's EOI register clears remote IRR directly. */
    pin(10, 1);
    g_assert_cmphex(ioapic_read(0x24) & RTE_REMOTE_IRR, ==, RTE_REMOTE_IRR);
    writel(IOEOI, 0x3a);
    g_assert_cmphex(ioapic_read(0x24) & RTE_REMOTE_IRR, ==, RTE_REMOTE_IRR);
    pin(10, 0);
    writel(IOEOI, 0x3a);
    g_assert_cmphex(ioapic_read(0x24) & RTE_REMOTE_IRR, ==, 0);
}

/* A level pin masked while asserted is sent when unmasked. */
static void test_level_unmask(void)
{
    fresh();
    set_entry(11, RTE_MASKED | RTE_LEVEL | 0x3b, 0);
    pin(11, 1);
    g_assert_false(cpu_has_irq(cpu[0], CPU_INTERRUPT_HARD));
    set_entry(11, RTE_LEVEL | 0x3b, 0);
    g_assert_cmpint(ack_eoi(0), ==, 0x3b);
    pin(11, 0);
}

/* ISA IRQ 0 (the PIT) arrives on pin 2 (the MADT override). */
static void test_irq0_on_pin2(void)
{
    fresh();
    set_entry(2, 0x30, 0);
    pin(0, 1);
    g_assert_cmpint(ack_eoi(0), ==, 0x30);
    pin(0, 0);
}

/* Logical, lowest priority, NMI and INIT messages (3.2.4 bits 10:8). */
static void test_delivery_modes(void)
{
    fresh();
    current_cpu_set(cpu[0]);
    writel(APIC_LDR, 0x01U << 24);
    writel(APIC_TPR, 0x40);
    current_cpu_set(cpu[1]);
    writel(APIC_LDR, 0x02U << 24);
    current_cpu_set(NULL);

    set_entry(6, RTE_LOGICAL | 0x56, 0x03);
    pin(6, 1);
    g_assert_cmpint(ack_eoi(0), ==, 0x56);
    g_assert_cmpint(ack_eoi(1), ==, 0x56);

    set_entry(7, RTE_LOGICAL | (1 << 8) | 0x57, 0x03);
    pin(7, 1);
    g_assert_false(cpu_has_irq(cpu[0], CPU_INTERRUPT_HARD));
    g_assert_cmpint(ack_eoi(1), ==, 0x57);

    set_entry(8, (4 << 8), 1);
    pin(8, 1);
    g_assert_true(cpu_has_irq(cpu[1], CPU_INTERRUPT_NMI));

    set_entry(9, (5 << 8), 1);
    pin(9, 1);
    g_assert_true(cpu_has_irq(cpu[1], CPU_INTERRUPT_INIT));
}

/* ExtINT (3.2.4, mode 111): the CPU's INTA cycle goes to the 8259. */
static void test_extint(void)
{
    fresh();
    outb(0x20, 0x11);
    outb(0x21, 0x08);
    outb(0x21, 0x04);
    outb(0x21, 0x01);
    outb(0x21, 0x00);
    qemu_irq_raise(pic_irqs[3]);
    /* The 8259's INT is not wired to LINT0 here: only the message. */
    g_assert_cmpint(cpu_get_pic_interrupt(cpu[0]), ==, -1);
    set_entry(1, (7 << 8), 0);
    pin(1, 1);
    g_assert_true(cpu_has_irq(cpu[0], CPU_INTERRUPT_HARD));
    g_assert_cmpint(cpu_get_pic_interrupt(cpu[0]), ==, 0x0b);
    g_assert_false(cpu_has_irq(cpu[0], CPU_INTERRUPT_HARD));
    outb(0x20, 0x20);
    qemu_irq_lower(pic_irqs[3]);
}

/* Bad guest input: odd access sizes and offsets do not disturb. */
static void test_bad_accesses(void)
{
    fresh();
    address_space_store(&address_space_memory, IOWIN, 1, 0xff);
    address_space_store(&address_space_memory, IOAPIC + 0x20, 4, 0xff);
    writel(IOREGSEL, 0xff);
    writel(IOWIN, 0xffffffff);
    g_assert_cmphex(readl(IOWIN), ==, 0);
    g_assert_cmphex(ioapic_read(0x10), ==, RTE_MASKED);
}

int main(int argc, char **argv)
{
    ISABus *bus;

    g_test_init(&argc, &argv, NULL);
    bus = pcdev_test_init();
    pcdev_register_test_cpu();
    cpu[0] = test_cpu_new(0, &apic[0]);
    cpu[1] = test_cpu_new(1, &apic[1]);
    pic_irqs = i8259_init(bus, NULL);
    ioapic = qdev_new(TYPE_IOAPIC);
    sysbus_realize_and_unref(SYS_BUS_DEVICE(ioapic), &error_abort);
    ioapic_mmio_map(ioapic, IO_APIC_DEFAULT_ADDRESS);

    g_test_add_func("/ioapic/info-pic-and-irq", test_info_pic_and_irq);
    g_test_add_func("/ioapic/registers", test_registers);
    g_test_add_func("/ioapic/edge-delivery", test_edge_delivery);
    g_test_add_func("/ioapic/level-remote-irr-and-eoi",
                    test_level_remote_irr_and_eoi);
    g_test_add_func("/ioapic/level-unmask", test_level_unmask);
    g_test_add_func("/ioapic/irq0-on-pin2", test_irq0_on_pin2);
    g_test_add_func("/ioapic/delivery-modes", test_delivery_modes);
    g_test_add_func("/ioapic/extint", test_extint);
    g_test_add_func("/ioapic/bad-accesses", test_bad_accesses);
    return g_test_run();
}
