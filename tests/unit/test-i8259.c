/*
 * test-i8259.c: the 8259A pair ("isa-i8259") through its ports: the
 * initialization sequences of SeaBIOS and Linux, vectors and the INTA
 * cycle, fully nested priorities and EOI, the cascade on IRQ 2, masking,
 * edge and level triggering (ELCR), rotation, special mask mode, poll
 * mode, automatic EOI and the spurious IRQ 7 / 15.
 *
 * References are to the Intel 8259A datasheet (231468) and the PIIX3
 * datasheet (ELCR, 4.1.6).
 */
#include "qemu/osdep.h"
#include "pcdev-test.h"
#include "hw/intc/i8259.h"
#include "monitor/monitor.h"

static qemu_irq *isa_irqs;
static TestLine intr;           /* the master's INT pin (the CPU) */

#define OCW3_READ_IRR 0x0a
#define OCW3_READ_ISR 0x0b
#define EOI 0x20

/* Both chips back to power-on, every line low. */
static void pic_fresh(void)
{
    int i;

    for (i = 0; i < 16; i++) {
        qemu_set_irq(isa_irqs[i], 0);
    }
    qemu_devices_reset();
    intr.edges = 0;
}

/* SeaBIOS's pic_setup(): vectors 0x08 and 0x70, all masked but IRQ 2. */
static void seabios_init(void)
{
    outb(0x20, 0x11);
    outb(0xa0, 0x11);
    outb(0x21, 0x08);
    outb(0xa1, 0x70);
    outb(0x21, 0x04);
    outb(0xa1, 0x02);
    outb(0x21, 0x01);
    outb(0xa1, 0x01);
    outb(0x21, 0xfb);
    outb(0xa1, 0xff);
}

/* Linux's init_8259A(): vectors 0x30 and 0x38, masks restored after. */
static void linux_init(uint8_t mask1, uint8_t mask2)
{
    outb(0x21, 0xff);
    outb(0xa1, 0xff);
    outb(0x20, 0x11);
    outb(0x21, 0x30);
    outb(0x21, 1 << 2);
    outb(0x21, 0x01);
    outb(0xa0, 0x11);
    outb(0xa1, 0x38);
    outb(0xa1, 2);
    outb(0xa1, 0x01);
    outb(0x21, mask1);
    outb(0xa1, mask2);
}

static uint8_t read_isr(uint16_t cmd)
{
    outb(cmd, OCW3_READ_ISR);
    return inb(cmd);
}

static uint8_t read_irr(uint16_t cmd)
{
    outb(cmd, OCW3_READ_IRR);
    return inb(cmd);
}

/* "Interrupt Sequence": INT, INTA returns the vector, ISR set, EOI. */
static void test_seabios_init_and_vector(void)
{
    pic_fresh();
    seabios_init();
    g_assert_cmphex(inb(0x21), ==, 0xfb);
    g_assert_cmphex(inb(0xa1), ==, 0xff);

    /* Masked: the request waits in IRR, INT stays low. */
    qemu_irq_raise(isa_irqs[0]);
    g_assert_cmpint(intr.level, ==, 0);
    g_assert_cmphex(read_irr(0x20), ==, 0x01);
    outb(0x21, 0xfa);
    g_assert_cmpint(intr.level, ==, 1);

    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x08);
    g_assert_cmpint(intr.level, ==, 0);
    g_assert_cmphex(read_isr(0x20), ==, 0x01);
    g_assert_cmphex(read_irr(0x20), ==, 0x00);
    outb(0x20, EOI);
    g_assert_cmphex(read_isr(0x20), ==, 0x00);
    /* Edge triggered: no new request without a new edge. */
    g_assert_cmpint(intr.level, ==, 0);
    qemu_irq_lower(isa_irqs[0]);
    qemu_irq_raise(isa_irqs[0]);
    g_assert_cmpint(intr.level, ==, 1);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x08);
    outb(0x20, EOI);
}

/* "Fully Nested Mode": IR0 highest; a higher level nests, a lower waits. */
static void test_priority_and_nesting(void)
{
    pic_fresh();
    linux_init(0x00, 0x00);
    qemu_irq_raise(isa_irqs[3]);
    qemu_irq_raise(isa_irqs[1]);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x31);
    /* IR3 is below IR1 in service. */
    g_assert_cmpint(intr.level, ==, 0);
    /* IR0 outranks IR1: it nests. */
    qemu_irq_raise(isa_irqs[0]);
    g_assert_cmpint(intr.level, ==, 1);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x30);
    g_assert_cmphex(read_isr(0x20), ==, 0x03);
    /* Non-specific EOI ends the highest level in service (IR0). */
    outb(0x20, EOI);
    g_assert_cmphex(read_isr(0x20), ==, 0x02);
    g_assert_cmpint(intr.level, ==, 0);
    outb(0x20, EOI);
    g_assert_cmpint(intr.level, ==, 1);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x33);
    /* Specific EOI (OCW2 011, L = 3). */
    outb(0x20, 0x63);
    g_assert_cmphex(read_isr(0x20), ==, 0x00);
}

/* The slave on IR2: the INTA takes the slave's vector, both ISRs set. */
static void test_cascade(void)
{
    pic_fresh();
    linux_init(0xfb, 0x00);
    qemu_irq_raise(isa_irqs[12]);
    g_assert_cmpint(intr.level, ==, 1);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x3c);
    g_assert_cmphex(read_isr(0x20), ==, 0x04);
    g_assert_cmphex(read_isr(0xa0), ==, 0x10);
    /* A lower slave request waits behind IR2 on the master. */
    qemu_irq_raise(isa_irqs[14]);
    g_assert_cmpint(intr.level, ==, 0);
    outb(0xa0, EOI);
    outb(0x20, EOI);
    g_assert_cmpint(intr.level, ==, 1);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x3e);
    outb(0xa0, EOI);
    outb(0x20, EOI);
    g_assert_cmphex(read_isr(0xa0), ==, 0x00);
    g_assert_cmphex(read_isr(0x20), ==, 0x00);
}

/* OCW1 masks: IRR still latches, INT follows the mask. */
static void test_masking(void)
{
    pic_fresh();
    linux_init(0xff, 0xff);
    qemu_irq_raise(isa_irqs[4]);
    qemu_irq_raise(isa_irqs[9]);
    g_assert_cmpint(intr.level, ==, 0);
    g_assert_cmphex(read_irr(0x20), ==, 0x10);
    g_assert_cmphex(read_irr(0xa0), ==, 0x02);
    /* The slave unmasked alone does not reach the CPU: IR2 is masked. */
    outb(0xa1, 0x00);
    g_assert_cmpint(intr.level, ==, 0);
    outb(0x21, 0xef);
    g_assert_cmpint(intr.level, ==, 1);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x34);
    outb(0x20, EOI);
    outb(0x21, 0xfb);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x39);
    outb(0xa0, EOI);
    outb(0x20, EOI);
}

/* ELCR (PIIX3 4.1.6): writable bits, and a level request re-asserting
 * after EOI while the line stays high (8259A "Level Triggered Mode"). */
static void test_elcr_level_and_edge(void)
{
    pic_fresh();
    linux_init(0x00, 0x00);
    outb(0x4d0, 0xff);
    outb(0x4d1, 0xff);
    g_assert_cmphex(inb(0x4d0), ==, 0xf8);
    g_assert_cmphex(inb(0x4d1), ==, 0xde);
    outb(0x4d0, 0x00);
    outb(0x4d1, 0x04);          /* IRQ 10 level */

    qemu_irq_raise(isa_irqs[10]);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x3a);
    outb(0xa0, EOI);
    outb(0x20, EOI);
    /* Still high: requested again. */
    g_assert_cmpint(intr.level, ==, 1);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x3a);
    outb(0xa0, EOI);
    outb(0x20, EOI);
    /*
     * Dropping the line withdraws the slave's request; the master's edge
     * on IR2 stays latched, so the CPU gets the slave's IR7 (IRQ 15).
     */
    qemu_irq_lower(isa_irqs[10]);
    g_assert_cmphex(read_irr(0xa0), ==, 0x00);
    g_assert_cmpint(intr.level, ==, 1);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x3f);
    outb(0x20, EOI);
    g_assert_cmpint(intr.level, ==, 0);

    /* Edge IRQ 3 held high: one interrupt only. */
    qemu_irq_raise(isa_irqs[3]);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x33);
    outb(0x20, EOI);
    g_assert_cmpint(intr.level, ==, 0);
    qemu_irq_lower(isa_irqs[3]);
}

/* A request withdrawn before INTA: IR7 / IR15 (datasheet, "Interrupt
 * Sequence", default IR7); the spurious IR7 sets no ISR bit. */
static void test_spurious(void)
{
    pic_fresh();
    linux_init(0x00, 0x00);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x37);
    g_assert_cmphex(read_isr(0x20), ==, 0x00);

    /* Level IRQ 9 gone before INTA: the master saw IR2, the slave has
     * nothing: spurious IRQ 15. */
    outb(0x4d1, 0x02);
    qemu_irq_raise(isa_irqs[9]);
    g_assert_cmpint(intr.level, ==, 1);
    qemu_irq_lower(isa_irqs[9]);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x3f);
    g_assert_cmphex(read_isr(0xa0), ==, 0x00);
    g_assert_cmphex(read_isr(0x20), ==, 0x04);
    outb(0x20, EOI);
}

/* "Automatic Rotation" (OCW2 101) and "Specific Rotation" (OCW2 110). */
static void test_rotation(void)
{
    pic_fresh();
    linux_init(0x00, 0x00);
    /* Rotate on non-specific EOI: IR1 becomes the lowest after service. */
    qemu_irq_raise(isa_irqs[1]);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x31);
    outb(0x20, 0xa0);
    qemu_irq_lower(isa_irqs[1]);
    qemu_irq_raise(isa_irqs[1]);
    qemu_irq_raise(isa_irqs[3]);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x33);
    outb(0x20, EOI);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x31);
    outb(0x20, EOI);

    /* Set priority: IR4 lowest, so IR5 highest and beats IR0. */
    outb(0x20, 0xc4);
    qemu_irq_raise(isa_irqs[0]);
    qemu_irq_raise(isa_irqs[5]);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x35);
    /* IR0 now ranks below IR5 in service: it waits. */
    g_assert_cmpint(intr.level, ==, 0);
    outb(0x20, EOI);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x30);
    outb(0x20, EOI);
    qemu_irq_lower(isa_irqs[0]);
    qemu_irq_lower(isa_irqs[5]);
    qemu_irq_lower(isa_irqs[1]);
    qemu_irq_lower(isa_irqs[3]);
}

/* "Special Mask Mode" (OCW3 ESMM/SMM): a masked in-service level no
 * longer blocks lower levels. */
static void test_special_mask(void)
{
    pic_fresh();
    linux_init(0x00, 0x00);
    qemu_irq_raise(isa_irqs[5]);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x35);
    qemu_irq_raise(isa_irqs[6]);
    g_assert_cmpint(intr.level, ==, 0);
    outb(0x21, 0x20);           /* mask IR5 */
    g_assert_cmpint(intr.level, ==, 0);
    outb(0x20, 0x68);           /* set special mask */
    g_assert_cmpint(intr.level, ==, 1);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x36);
    outb(0x20, 0x66);           /* specific EOI 6 */
    outb(0x20, 0x48);           /* reset special mask */
    outb(0x20, 0x65);
    outb(0x21, 0x00);
    g_assert_cmphex(read_isr(0x20), ==, 0x00);
}

/* "The Poll Command": the read acknowledges and returns 0x80 | level. */
static void test_poll(void)
{
    pic_fresh();
    linux_init(0xff, 0xff);
    outb(0x20, 0x0c);
    g_assert_cmphex(inb(0x20), ==, 0x00);
    /* Poll works with the mask... set: it only looks at unmasked ones. */
    outb(0x21, 0x00);
    qemu_irq_raise(isa_irqs[6]);
    outb(0x20, 0x0c);
    g_assert_cmphex(inb(0x20), ==, 0x86);
    g_assert_cmphex(read_isr(0x20), ==, 0x40);
    outb(0x20, EOI);
    /* The poll is one-shot: the next read is IRR again. */
    g_assert_cmphex(inb(0x20), ==, 0x00);
}

/* ICW4 AEOI: the INTA ends the service itself. */
static void test_auto_eoi(void)
{
    pic_fresh();
    outb(0x20, 0x11);
    outb(0x21, 0x20);
    outb(0x21, 0x04);
    outb(0x21, 0x03);
    outb(0x21, 0x00);
    qemu_irq_raise(isa_irqs[1]);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x21);
    g_assert_cmphex(read_isr(0x20), ==, 0x00);
    qemu_irq_raise(isa_irqs[4]);
    g_assert_cmpint(intr.level, ==, 1);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x24);
    qemu_irq_lower(isa_irqs[1]);
    qemu_irq_lower(isa_irqs[4]);
}

/* ICW1 resets the chip: mask cleared, nothing in service. */
static void test_icw1_resets(void)
{
    pic_fresh();
    linux_init(0x0f, 0xff);
    qemu_irq_raise(isa_irqs[7]);
    outb(0x21, 0x00);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x37);
    outb(0x20, 0x11);
    g_assert_cmphex(read_isr(0x20), ==, 0x00);
    outb(0x21, 0x50);
    outb(0x21, 0x04);
    outb(0x21, 0x01);
    g_assert_cmphex(inb(0x21), ==, 0x00);
    qemu_irq_lower(isa_irqs[7]);
}

/*
 * A random sequence of port accesses and input levels, replayed as
 * recorded on QEMU 7.2 (-M pc,kernel_irqchip=off -S through qtest, inputs
 * driven with set_irq_in; the PIT holds IRQ 0 high there): "wPP=VV"
 * writes port PP, "rPP=VV" reads it and expects VV, "mN=L" / "sN=L" set
 * input N of the master / slave to level L.
 */
static void test_reference_sequence(void)
{
    static const char seq[] =
        "w20=11 w21=8 w21=4 w21=1 wa0=11 wa1=70 wa1=2 wa1=3 w21=00 wa1=00 "
        "wa1=0 w20=0c r20=0 w20=48 r20=0 w20=a r20=0 wa0=e2 wa1=d0 s7=0 "
        "wa1=0 r20=0 m5=0 wa0=68 ra0=0 w20=e r20=0 m1=0 m1=1 wa0=b ra0=0 "
        "w20=40 wa0=68 ra0=0 w20=20 w20=48 r20=2 w21=0 wa1=ff m1=0 ra0=0 "
        "m7=0 w20=0 w21=0 wa0=20 w20=0c r20=81 w21=0 m4=0 w20=0c r20=0 "
        "ra1=ff m7=1 m4=0 w20=0c r20=0 wa1=f8 wa0=a0 w20=0c r20=0 s3=1 "
        "s2=0 s1=0 s2=0 w20=0c r20=0 w21=ff w20=0 m6=0 r20=80 w20=c3 "
        "w20=0c r20=0 w21=7d s7=0 w20=48 r20=80 wa0=48 ra0=0 w20=80 s1=0 "
        "wa1=a wa0=68 ra0=0 m1=1 s6=1 w20=68 r20=86 wa0=40 s3=1 wa1=7d "
        "w20=0c r20=87 wa0=e2 wa0=62 wa0=e ra0=0 r20=6 w20=0c r20=0 s3=1 "
        "w20=80 w20=e r20=0 w20=48 r20=6 wa1=50 wa0=68 ra0=48 wa1=59 w21=0 "
        "s0=0 w20=68 r20=6 wa1=0 w20=0c r20=0 s3=1 w20=0 w20=c r20=0 s3=0 "
        "wa0=6b ra0=0 m1=1 w20=0c r20=0 r21=0 s7=1 wa1=ff s4=0 w20=0c "
        "r20=0 m3=0 w21=ff w20=0 m3=1 wa0=b ra0=0 wa1=ff w4d0=14 r4d0=10 "
        "r21=ff s7=1 s0=1 w21=ff wa0=a0 w21=0 s3=0 w20=0c r20=0 wa0=e "
        "ra0=0 ra0=c9 w20=0c r20=0 m4=1 w20=68 r20=1e w20=0c r20=84 r21=0 "
        "r21=0 w20=0c r20=0 wa0=a ra0=c9 s7=1 r21=0 s6=0 wa0=a ra0=c9 "
        "wa0=b ra0=0 s7=1 r21=0 w20=0c r20=0 wa0=40 m7=1 w21=0 wa0=c ra0=0 "
        "wa0=80 wa1=0 wa0=6b ra0=0 s3=0 s1=1 w21=44 ra1=0 s5=0 m4=0 s0=0 "
        "r20=e w20=0c r20=0 s7=1 w20=0 ra1=0 r21=44 w20=60 w20=80 wa1=0 "
        "w20=b r20=92 m3=0 w20=48 r20=92 wa1=0 m6=0 m3=0 s0=1 wa0=40 s7=0 "
        "m4=1 r21=44 s7=1 wa0=60 w20=6b r20=92 ra0=0 w20=20 wa0=80 r20=82 "
        "wa0=48 ra0=0 w20=a0 m3=1 m7=1 s6=0 m7=1 wa0=c ra0=83 w20=0c r20=0 "
        "w4d0=93 r4d0=90 w21=0 ra0=0 wa0=c0 w20=0c r20=0 m1=0 w20=0c r20=0 "
        "w4d0=ff r4d0=f8 w21=55 wa0=a0 r20=2 m5=0 s1=0 wa0=e ra0=81 wa0=c1 "
        "wa0=c5 w4d0=b0 r4d0=b0 wa1=0 ";
    char **tok = g_strsplit(seq, " ", -1);
    int i;

    pic_fresh();
    qemu_irq_raise(isa_irqs[0]);
    for (i = 0; tok[i]; i++) {
        char *eq = strchr(tok[i], '=');
        unsigned long a, v;

        if (!eq) {
            continue;
        }
        a = strtoul(tok[i] + 1, NULL, 16);
        v = strtoul(eq + 1, NULL, 16);
        switch (tok[i][0]) {
        case 'w':
            outb(a, v);
            break;
        case 'r':
            if (inb(a) != v) {
                g_error("step %d (%s): read 0x%x", i, tok[i], inb(a));
            }
            break;
        case 'm':
            qemu_set_irq(isa_irqs[a], v);
            break;
        case 's':
            qemu_set_irq(isa_irqs[8 + a], v);
            break;
        }
    }
    g_strfreev(tok);
    for (i = 0; i < 16; i++) {
        qemu_set_irq(isa_irqs[i], 0);
    }
}

/* The ISA bus: one per machine, 16 lines, out-of-range lines are NULL. */
static void test_isa_bus(void)
{
    Error *err = NULL;
    ISABus *bus = isa_bus_get();

    g_assert_nonnull(bus);
    g_assert_cmpstr(BUS(bus)->name, ==, "isa.0");
    g_assert_null(isa_bus_new(NULL, get_system_memory(), get_system_io(),
                              &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Can't create a second ISA bus");
    error_free(err);
    g_assert_true(isa_get_irq(NULL, 3) == isa_irqs[3]);
    g_assert_null(isa_get_irq(NULL, 16));
    g_assert_true(isa_address_space_io(NULL) == get_system_io());
    /* The 8259s sit on it, the master first (info qtree: newest first). */
    g_assert_true(BUS(bus)->children->next->data == (void *)isa_pic);
}

int main(int argc, char **argv)
{
    ISABus *bus;

    g_test_init(&argc, &argv, NULL);
    bus = pcdev_test_init();
    test_line_init(&intr);
    isa_irqs = i8259_init(bus, intr.irq);
    isa_bus_irqs(bus, isa_irqs);

    g_test_add_func("/isa/bus", test_isa_bus);
    g_test_add_func("/i8259/seabios-init-and-vector",
                    test_seabios_init_and_vector);
    g_test_add_func("/i8259/priority-and-nesting", test_priority_and_nesting);
    g_test_add_func("/i8259/cascade", test_cascade);
    g_test_add_func("/i8259/masking", test_masking);
    g_test_add_func("/i8259/elcr-level-and-edge", test_elcr_level_and_edge);
    g_test_add_func("/i8259/spurious", test_spurious);
    g_test_add_func("/i8259/rotation", test_rotation);
    g_test_add_func("/i8259/special-mask", test_special_mask);
    g_test_add_func("/i8259/poll", test_poll);
    g_test_add_func("/i8259/auto-eoi", test_auto_eoi);
    g_test_add_func("/i8259/icw1-resets", test_icw1_resets);
    g_test_add_func("/i8259/reference-sequence", test_reference_sequence);
    return g_test_run();
}
