/*
 * test-i440fx.c: the i440FX/PIIX3/PIIX4 chipset of the "pc" board, built
 * as the board builds it (i440fx_init, piix3_create, piix4_pm_init) over
 * a small RAM, a BIOS-like ROM and a VGA-like window in the PCI space, and
 * driven through the ports a guest uses:
 * - i440FX (82441FX datasheet 3.2.18, 3.2.22): PAM shadowing of
 *   0xc0000-0xfffff, the SMRAM register and window, the PCI hole;
 * - PIIX3 (82371SB datasheet 2.2.16, 2.7.5): PIRQ routing to ISA IRQs,
 *   the reset control register at 0xcf9 beside CONFIG_ADDRESS;
 * - PIIX4 PM (ACPI 1.0b 4.7, 82371AB datasheet 7): the PM timer at
 *   3.579545 MHz, its overflow SCI, S5 soft-off, the power button, the
 *   APM ACPI enable, GPE0, the SMBus with its SPD EEPROMs;
 * - what info qtree and info pci show, against the reference's text.
 */
#include "qemu/osdep.h"
#include "hw/pci-host/i440fx.h"
#include "hw/southbridge/piix.h"
#include "hw/acpi/piix4.h"
#include "hw/qdev-gpio.h"
#include "hw/intc/i8259.h"
#include "qemu/main-loop.h"
#include "qemu/timer.h"
#include "sysemu/runstate.h"

#define RAM_SIZE (8 * MiB)
#define TYPE_TEST_INTX_DEV "test-intx-dev"
#define PM_BASE 0x600
#define SMB_BASE 0x700

static MemoryRegion ram, ram_below_4g, pci_mem, bios, vga;
static PCIBus *bus;
static PCIDevice *i440fx;
static qemu_irq *isa_irqs;         /* what the ISA bus drives */
static int isa_level[ISA_NUM_IRQS];
static int cpu_intr;                /* the 8259 pair's INT output */
static int smi_count;
static uint8_t spd[256];

/* ---- the board around the chipset ---- */

static void isa_irq_handler(void *opaque, int n, int level)
{
    isa_level[n] = level;
}

static void cpu_intr_handler(void *opaque, int n, int level)
{
    cpu_intr = level;
}

static void smi_handler(void *opaque, int n, int level)
{
    if (level) {
        smi_count++;
    }
}

static uint64_t vga_read(void *opaque, hwaddr addr, unsigned size)
{
    return 0x5a5a5a5a;
}

static void vga_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
}

static const MemoryRegionOps vga_ops = {
    .read = vga_read,
    .write = vga_write,
};

/* A function with INTA, to drive the PIRQs. */
static bool intx_dev_realize(PCIDevice *dev, Error **errp)
{
    dev->config[PCI_INTERRUPT_PIN] = 1;
    return true;
}

static void intx_dev_class_init(ObjectClass *klass, void *data)
{
    PCIDeviceClass *k = PCI_DEVICE_CLASS(klass);

    k->realize = intx_dev_realize;
    k->vendor_id = 0x1234;
    k->device_id = 0x0001;
    k->class_id = PCI_CLASS_OTHERS;
}

static const TypeInfo intx_dev_type = {
    .name = TYPE_TEST_INTX_DEV,
    .parent = TYPE_PCI_DEVICE,
    .instance_size = sizeof(PCIDevice),
    .class_init = intx_dev_class_init,
};

static void build_board(void)
{
    I440FXSetup setup = {
        .system_memory = get_system_memory(),
        .system_io = get_system_io(),
        .pci_memory = &pci_mem,
        .ram = &ram,
        .ram_size = RAM_SIZE,
        .below_4g_mem_size = RAM_SIZE,
    };
    ISABus *isa_bus;
    I2CBus *smbus;
    qemu_irq *record, *pic;
    uint8_t *p;
    int i;

    g_assert_true(memory_region_init_ram(&ram, NULL, "pc.ram", RAM_SIZE,
                                         &error_abort));
    memory_region_init_alias(&ram_below_4g, NULL, "ram-below-4g", &ram, 0,
                             RAM_SIZE);
    memory_region_add_subregion(get_system_memory(), 0, &ram_below_4g);
    memory_region_init(&pci_mem, NULL, "pci", UINT64_MAX);
    /* A BIOS image over the shadowed range: byte at A reads A >> 8. */
    g_assert_true(memory_region_init_rom(&bios, NULL, "test.bios",
                                         0x40000, &error_abort));
    p = memory_region_get_ram_ptr(&bios);
    for (i = 0; i < 0x40000; i++) {
        p[i] = (0xc0000 + i) >> 12;
    }
    memory_region_add_subregion_overlap(&pci_mem, 0xc0000, &bios, 1);
    memory_region_init_io(&vga, NULL, &vga_ops, NULL, "vga", 0x20000);
    memory_region_add_subregion_overlap(&pci_mem, 0xa0000, &vga, 1);

    bus = i440fx_init(&setup, &i440fx, &error_abort);
    g_assert_nonnull(piix3_create(bus, PCI_DEVFN(1, 0), &isa_bus,
                                  &error_abort));
    /* The ISA lines go to the 8259 pair (with its ELCR) and are logged. */
    record = qemu_allocate_irqs(isa_irq_handler, NULL, ISA_NUM_IRQS);
    pic = i8259_init(isa_bus, qemu_allocate_irq(cpu_intr_handler, NULL, 0));
    isa_irqs = g_new(qemu_irq, ISA_NUM_IRQS);
    for (i = 0; i < ISA_NUM_IRQS; i++) {
        isa_irqs[i] = qemu_irq_split(pic[i], record[i]);
    }
    isa_bus_irqs(isa_bus, isa_irqs);
    g_assert_nonnull(piix4_pm_init(bus, PCI_DEVFN(1, 3), 0xb100,
                                   isa_irqs[9],
                                   qemu_allocate_irq(smi_handler, NULL, 0),
                                   true, &smbus, &error_abort));
    for (i = 0; i < 256; i++) {
        spd[i] = i ^ 0x5c;
    }
    smbus_eeprom_init(smbus, 8, spd, sizeof(spd));
    qemu_devices_reset();
}

/* ---- port helpers: accesses as a vCPU's I/O exit makes them ---- */

static uint32_t inp(hwaddr port, unsigned size)
{
    uint8_t buf[4] = { 0 };

    address_space_read(&address_space_io, port, MEMTXATTRS_UNSPECIFIED, buf,
                       size);
    return pci_get_long(buf);
}

static void outp(hwaddr port, uint32_t val, unsigned size)
{
    uint8_t buf[4];

    pci_set_long(buf, val);
    address_space_write(&address_space_io, port, MEMTXATTRS_UNSPECIFIED, buf,
                        size);
}

static uint32_t cfg_read(int devfn, int off, int size)
{
    outp(0xcf8, 0x80000000u | devfn << 8 | (off & 0xfc), 4);
    return inp(0xcfc + (off & 3), size);
}

static void cfg_write(int devfn, int off, uint32_t val, int size)
{
    outp(0xcf8, 0x80000000u | devfn << 8 | (off & 0xfc), 4);
    outp(0xcfc + (off & 3), val, size);
}

static uint8_t peekb(hwaddr addr)
{
    uint8_t v = 0;

    address_space_read(&address_space_memory, addr, MEMTXATTRS_UNSPECIFIED,
                       &v, 1);
    return v;
}

static void pokeb(hwaddr addr, uint8_t v)
{
    address_space_write(&address_space_memory, addr, MEMTXATTRS_UNSPECIFIED,
                        &v, 1);
}

/* Run the main loop until something requests shutdown; with a guard
 * that requests it after `ms` and reports whether it had to. */
static gboolean guard_fired(gpointer opaque)
{
    *(bool *)opaque = true;
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
    return G_SOURCE_REMOVE;
}

static bool run_main_loop_guarded(unsigned ms)
{
    bool fired = false;
    guint id = g_timeout_add(ms, guard_fired, &fired);

    qemu_main_loop();
    if (!fired) {
        g_source_remove(id);
    }
    return fired;
}

/* ---- i440FX ---- */

static void test_i440fx_identity(void)
{
    g_assert_cmphex(cfg_read(0, PCI_VENDOR_ID, 4), ==, 0x12378086);
    g_assert_cmphex(cfg_read(0, PCI_REVISION_ID, 4), ==, 0x06000002);
    g_assert_cmphex(cfg_read(0, PCI_HEADER_TYPE, 1), ==, 0);
    g_assert_cmphex(cfg_read(0, PCI_SUBSYSTEM_VENDOR_ID, 4), ==, 0x11001af4);
    /* RAM size in 8 MiB units, SMRAM at its default, PAMs off. */
    g_assert_cmphex(cfg_read(0, I440FX_RAM_SIZE_REG, 1), ==, 1);
    g_assert_cmphex(cfg_read(0, I440FX_SMRAM, 1), ==, 0x02);
    g_assert_cmphex(cfg_read(0, 0x58, 4), ==, 0);
    g_assert_cmphex(cfg_read(0, 0x5c, 4), ==, 0);
}

/* PAM0 bits 5:4 (0xf0000-0xfffff): 0 PCI, 1 DRAM read-only, 3 DRAM. */
static void test_pam_bios_segment(void)
{
    /* Off: the ROM answers and writes are dropped. */
    g_assert_cmphex(peekb(0xf1234), ==, 0xf1);
    pokeb(0xf1234, 0x77);
    g_assert_cmphex(peekb(0xf1234), ==, 0xf1);

    /* Read/write enable: RAM (the write lands). */
    cfg_write(0, I440FX_PAM, 0x30, 1);
    pokeb(0xf1234, 0x77);
    g_assert_cmphex(peekb(0xf1234), ==, 0x77);
    /* Read enable only: RAM, write-protected. */
    cfg_write(0, I440FX_PAM, 0x10, 1);
    g_assert_cmphex(peekb(0xf1234), ==, 0x77);
    pokeb(0xf1234, 0x88);
    g_assert_cmphex(peekb(0xf1234), ==, 0x77);
    /* Back to PCI: the ROM again, the RAM below kept its byte. */
    cfg_write(0, I440FX_PAM, 0x00, 1);
    g_assert_cmphex(peekb(0xf1234), ==, 0xf1);
    cfg_write(0, I440FX_PAM, 0x30, 1);
    g_assert_cmphex(peekb(0xf1234), ==, 0x77);
    /* The low nibble of PAM0 is reserved: it maps nothing. */
    cfg_write(0, I440FX_PAM, 0x03, 1);
    g_assert_cmphex(peekb(0xf1234), ==, 0xf1);
    cfg_write(0, I440FX_PAM, 0x00, 1);
}

/* PAM1: 0xc0000-0xc3fff in bits 1:0, 0xc4000-0xc7fff in bits 5:4. */
static void test_pam_expansion_segments(void)
{
    cfg_write(0, I440FX_PAM + 1, 0x30, 1);
    pokeb(0xc4010, 0x11);
    pokeb(0xc0010, 0x22);
    g_assert_cmphex(peekb(0xc4010), ==, 0x11);
    g_assert_cmphex(peekb(0xc0010), ==, 0xc0);     /* still the ROM */
    g_assert_cmphex(peekb(0xc8010), ==, 0xc8);     /* PAM2 untouched */
    cfg_write(0, I440FX_PAM + 1, 0x33, 1);
    pokeb(0xc0010, 0x22);
    g_assert_cmphex(peekb(0xc0010), ==, 0x22);
    /* The last segment, 0xec000-0xeffff in PAM6 bits 5:4. */
    cfg_write(0, I440FX_PAM + 6, 0x10, 1);
    g_assert_cmphex(peekb(0xec000), ==, 0x00);     /* RAM, never written */
    g_assert_cmphex(peekb(0xe8000), ==, 0xe8);
    /* A system reset keeps the shadowing, as on the reference. */
    qemu_devices_reset();
    g_assert_cmphex(cfg_read(0, I440FX_PAM + 1, 1), ==, 0x33);
    g_assert_cmphex(peekb(0xc4010), ==, 0x11);
    g_assert_cmphex(peekb(0xec000), ==, 0x00);
    /* Shadowing off again: the ROM and PCI space show through. */
    cfg_write(0, I440FX_PAM + 1, 0x00, 1);
    cfg_write(0, I440FX_PAM + 6, 0x00, 1);
    g_assert_cmphex(peekb(0xc4010), ==, 0xc4);
    g_assert_cmphex(peekb(0xec000), ==, 0xec);
}

static void test_smram(void)
{
    MemoryRegion *smram = i440fx_get_smram(i440fx);

    /* Closed: 0xa0000 shows the PCI space (VGA). */
    g_assert_cmphex(peekb(0xa0010), ==, 0x5a);
    g_assert_false(smram->enabled);
    /* D_OPEN: the DRAM behind it. */
    cfg_write(0, I440FX_SMRAM, SMRAM_D_OPEN | SMRAM_G_SMRAME, 1);
    pokeb(0xa0010, 0x33);
    g_assert_cmphex(peekb(0xa0010), ==, 0x33);
    g_assert_true(smram->enabled);
    /* C_BASE_SEG is hardwired to 010. */
    cfg_write(0, I440FX_SMRAM, 0xff, 1);
    g_assert_cmphex(cfg_read(0, I440FX_SMRAM, 1) & 0x87, ==, 0x02);
    /* D_LCK closes D_OPEN and keeps both fixed until reset. */
    cfg_write(0, I440FX_SMRAM, SMRAM_D_LCK | SMRAM_G_SMRAME, 1);
    g_assert_cmphex(peekb(0xa0010), ==, 0x5a);
    cfg_write(0, I440FX_SMRAM, SMRAM_D_OPEN | SMRAM_G_SMRAME, 1);
    g_assert_cmphex(cfg_read(0, I440FX_SMRAM, 1), ==,
                    SMRAM_D_LCK | SMRAM_G_SMRAME | SMRAM_C_BASE_SEG);
    g_assert_cmphex(peekb(0xa0010), ==, 0x5a);
    qemu_devices_reset();
    g_assert_cmphex(cfg_read(0, I440FX_SMRAM, 1), ==, 0x02);
    cfg_write(0, I440FX_SMRAM, SMRAM_D_OPEN, 1);
    g_assert_cmphex(peekb(0xa0010), ==, 0x33);
    qemu_devices_reset();
}

static void test_pci_hole(void)
{
    Object *host = object_resolve_path("/machine/i440fx", NULL);

    g_assert_nonnull(host);
    g_assert_cmphex(object_property_get_uint(host, "pci-hole-start", NULL),
                    ==, RAM_SIZE);
    g_assert_cmphex(object_property_get_uint(host, "pci-hole-end", NULL),
                    ==, 0xfec00000);
    g_assert_cmphex(object_property_get_uint(host, "pci-hole64-start", NULL),
                    ==, 4 * GiB);
    g_assert_cmphex(object_property_get_uint(host, "pci-hole64-end", NULL),
                    ==, 6 * GiB);
    /* Below 4 GiB, what is not RAM shows the PCI space (the hole). */
    g_assert_cmphex(peekb(RAM_SIZE + 0x10), ==, 0);
}

/* ---- PIIX3 ---- */

static void test_piix3_identity(void)
{
    int devfn = PCI_DEVFN(1, 0);

    g_assert_cmphex(cfg_read(devfn, PCI_VENDOR_ID, 4), ==, 0x70008086);
    g_assert_cmphex(cfg_read(devfn, PCI_CLASS_DEVICE, 2), ==, 0x0601);
    g_assert_cmphex(cfg_read(devfn, PCI_HEADER_TYPE, 1), ==, 0x80);
    g_assert_cmphex(cfg_read(devfn, PCI_STATUS, 2), ==, 0x0200);
    g_assert_cmphex(cfg_read(devfn, PIIX_PIRQCA, 4), ==, 0x80808080);
    g_assert_cmphex(cfg_read(devfn, 0x4c, 4), ==, 0x0003004d);
    /* The PIIX4 PM function beside it. */
    g_assert_cmphex(cfg_read(PCI_DEVFN(1, 3), PCI_VENDOR_ID, 4), ==,
                    0x71138086);
    g_assert_cmphex(cfg_read(PCI_DEVFN(1, 3), PCI_REVISION_ID, 4), ==,
                    0x06800003);
    g_assert_cmphex(cfg_read(PCI_DEVFN(1, 3), PCI_INTERRUPT_PIN, 1), ==, 1);
}

static void test_piix3_pirq_routing(void)
{
    int piix = PCI_DEVFN(1, 0);
    DeviceState *a = qdev_new(TYPE_TEST_INTX_DEV);
    DeviceState *b = qdev_new(TYPE_TEST_INTX_DEV);

    /* INTA of slot 3 is PIRQC, of slot 5 PIRQA: (pin + slot - 1) & 3. */
    object_property_set_int(OBJECT(a), "addr", PCI_DEVFN(3, 0), &error_abort);
    object_property_set_int(OBJECT(b), "addr", PCI_DEVFN(5, 0), &error_abort);
    g_assert_true(qdev_realize_and_unref(a, BUS(bus), &error_abort));
    g_assert_true(qdev_realize_and_unref(b, BUS(bus), &error_abort));

    /* Routing disabled: nothing reaches the ISA bus. */
    pci_set_irq(PCI_DEVICE(a), 1);
    g_assert_cmpint(isa_level[11], ==, 0);
    cfg_write(piix, PIIX_PIRQCA + 2, 11, 1);
    g_assert_cmpint(isa_level[11], ==, 1);
    /* Rerouting moves the level. */
    cfg_write(piix, PIIX_PIRQCA + 2, 10, 1);
    g_assert_cmpint(isa_level[11], ==, 0);
    g_assert_cmpint(isa_level[10], ==, 1);
    /* Two PIRQs on one IRQ: the OR. */
    cfg_write(piix, PIIX_PIRQCA + 0, 10, 1);
    pci_set_irq(PCI_DEVICE(b), 1);
    pci_set_irq(PCI_DEVICE(a), 0);
    g_assert_cmpint(isa_level[10], ==, 1);
    pci_set_irq(PCI_DEVICE(b), 0);
    g_assert_cmpint(isa_level[10], ==, 0);
    /* Bit 7 disables a route while the line is high. */
    pci_set_irq(PCI_DEVICE(a), 1);
    g_assert_cmpint(isa_level[10], ==, 1);
    cfg_write(piix, PIIX_PIRQCA + 2, 0x8a, 1);
    g_assert_cmpint(isa_level[10], ==, 0);
    pci_set_irq(PCI_DEVICE(a), 0);

    object_unparent(OBJECT(a));
    object_unparent(OBJECT(b));
    qemu_devices_reset();
}

/*
 * The ELCR (82371SB datasheet 4.1.6, in the 8259 model as on the
 * reference) makes a routed PIRQ a level interrupt: while the PCI
 * function keeps INTx asserted, the request comes back after EOI.
 */
static void pic_init_pair(void)
{
    outp(0x20, 0x11, 1);        /* ICW1: edge, cascade, ICW4 */
    outp(0x21, 0x08, 1);        /* ICW2: vectors 0x08 */
    outp(0x21, 0x04, 1);        /* ICW3: slave on IR2 */
    outp(0x21, 0x01, 1);        /* ICW4: 8086 mode */
    outp(0xa0, 0x11, 1);
    outp(0xa1, 0x70, 1);
    outp(0xa1, 0x02, 1);
    outp(0xa1, 0x01, 1);
    outp(0x21, 0x00, 1);        /* unmask everything */
    outp(0xa1, 0x00, 1);
}

static void pic_eoi(void)
{
    outp(0xa0, 0x20, 1);
    outp(0x20, 0x20, 1);
}

static void test_piix3_pirq_elcr(void)
{
    int piix = PCI_DEVFN(1, 0);
    DeviceState *a = qdev_new(TYPE_TEST_INTX_DEV);

    object_property_set_int(OBJECT(a), "addr", PCI_DEVFN(3, 0), &error_abort);
    g_assert_true(qdev_realize_and_unref(a, BUS(bus), &error_abort));
    pic_init_pair();
    cfg_write(piix, PIIX_PIRQCA + 2, 11, 1);        /* PIRQC -> IRQ 11 */

    /* Edge triggered: one interrupt per rising edge. */
    pci_set_irq(PCI_DEVICE(a), 1);
    g_assert_cmpint(cpu_intr, ==, 1);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x73);
    pic_eoi();
    g_assert_cmpint(cpu_intr, ==, 0);
    pci_set_irq(PCI_DEVICE(a), 0);

    /* IRQ 11 level triggered (bit 3 of 0x4d1): it stays requested. */
    outp(0x4d1, 0x08, 1);
    g_assert_cmphex(inp(0x4d1, 1), ==, 0x08);
    pci_set_irq(PCI_DEVICE(a), 1);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x73);
    pic_eoi();
    g_assert_cmpint(cpu_intr, ==, 1);
    g_assert_cmpint(pic_read_irq(isa_pic), ==, 0x73);
    pci_set_irq(PCI_DEVICE(a), 0);
    pic_eoi();
    g_assert_cmpint(cpu_intr, ==, 0);

    object_unparent(OBJECT(a));
    qemu_devices_reset();
}

static bool reset_seen;

static void reset_handler(void *opaque)
{
    reset_seen = true;
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
}

static void test_piix3_reset_control(void)
{
    /* 0xcf9 sits on CONFIG_ADDRESS: a dword at 0xcf8 still reaches it. */
    outp(0xcf8, 0x80000800, 4);
    g_assert_cmphex(inp(0xcf8, 4), ==, 0x80000800);
    g_assert_cmphex(inp(0xcfc, 4), ==, 0x70008086);
    outp(0xcf9, 0x02, 1);
    g_assert_cmphex(inp(0xcf9, 1), ==, 0x02);
    g_assert_cmphex(inp(0xcf8, 4), ==, 0x80000800);

    /* RCPU requests a reset, carried out by the main loop. */
    qemu_register_reset(reset_handler, NULL);
    reset_seen = false;
    outp(0xcf9, 0x06, 1);
    g_assert_false(run_main_loop_guarded(5000));
    g_assert_true(reset_seen);
    qemu_unregister_reset(reset_handler, NULL);
    /* The reset cleared the register. */
    g_assert_cmphex(inp(0xcf9, 1), ==, 0);
}

/* ---- PIIX4 PM ---- */

static void pm_enable(void)
{
    int devfn = PCI_DEVFN(1, 3);

    cfg_write(devfn, 0x40, PM_BASE | 1, 4);
    cfg_write(devfn, 0x80, 1, 1);
}

static void test_pm_io_space(void)
{
    int devfn = PCI_DEVFN(1, 3);

    /* Off until PMREGMISC enables it. */
    cfg_write(devfn, 0x40, PM_BASE | 1, 4);
    g_assert_cmphex(inp(PM_BASE + 2, 2), ==, 0xffff);
    cfg_write(devfn, 0x80, 1, 1);
    outp(PM_BASE + 2, 0x0120, 2);
    g_assert_cmphex(inp(PM_BASE + 2, 2), ==, 0x0120);
    g_assert_cmpuint(object_property_get_uint(
        OBJECT(PCI_DEVICE(bus == NULL ? NULL : pci_find_device(bus, 0,
                                                               devfn))),
        "pm_io_base", NULL), ==, PM_BASE);
    /* Moving it moves the registers. */
    cfg_write(devfn, 0x40, 0xb001, 4);
    g_assert_cmphex(inp(PM_BASE + 2, 2), ==, 0xffff);
    g_assert_cmphex(inp(0xb002, 2), ==, 0x0120);
    /* SLP_EN is write-only; the rest of PM1_CNT reads back. */
    outp(0xb004, 0x0c02, 2);
    g_assert_cmphex(inp(0xb004, 2), ==, 0x0c02);
    qemu_devices_reset();
    g_assert_cmphex(inp(0xb002, 2), ==, 0xffff);
}

static void test_pm_timer(void)
{
    uint32_t t0, t1;

    pm_enable();
    qemu_clock_set_manual(true);
    qemu_clock_step(12345678);
    t0 = inp(PM_BASE + 8, 4);
    qemu_clock_step(NANOSECONDS_PER_SECOND);
    t1 = inp(PM_BASE + 8, 4);
    g_assert_cmpuint((t1 - t0) & 0xffffff, ==, PM_TIMER_FREQUENCY);
    /* 24 bits: it wraps every 4.69 s. */
    qemu_clock_step(5 * NANOSECONDS_PER_SECOND);
    g_assert_cmpuint(inp(PM_BASE + 8, 4), <, 1u << 24);
    g_assert_cmpuint(inp(PM_BASE + 8, 4), ==,
                     muldiv64(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL),
                              PM_TIMER_FREQUENCY, NANOSECONDS_PER_SECOND) &
                     0xffffff);
    /* Narrower reads, at any offset, give the low bytes (as the
     * reference: the register only decodes dwords). */
    g_assert_cmphex(inp(PM_BASE + 9, 1), ==, inp(PM_BASE + 8, 4) & 0xff);
    g_assert_cmphex(inp(PM_BASE + 10, 2), ==, inp(PM_BASE + 8, 4) & 0xffff);
    /* PM1_CNT is a word: the next two ports are open bus. */
    g_assert_cmphex(inp(PM_BASE + 4, 4), ==, 0xffff0000);
    qemu_clock_set_manual(false);
    qemu_devices_reset();
}

static void test_pm_timer_overflow_sci(void)
{
    uint32_t now;

    pm_enable();
    qemu_clock_set_manual(true);
    /* Acknowledge the power-on TMR_STS; enable the overflow event. */
    g_assert_cmphex(inp(PM_BASE, 2) & ACPI_BITMASK_TIMER_STATUS, ==, 1);
    outp(PM_BASE, ACPI_BITMASK_TIMER_STATUS, 2);
    g_assert_cmphex(inp(PM_BASE, 2), ==, 0);
    outp(PM_BASE + 2, ACPI_BITMASK_TIMER_ENABLE, 2);
    g_assert_cmpint(isa_level[9], ==, 0);
    /* Just before bit 23 flips: nothing; after it: the SCI. */
    now = inp(PM_BASE + 8, 4);
    qemu_clock_step(muldiv64(0x800000 - (now & 0x7fffff) - 2,
                             NANOSECONDS_PER_SECOND, PM_TIMER_FREQUENCY));
    g_assert_cmpint(isa_level[9], ==, 0);
    qemu_clock_step(10000);
    g_assert_cmpint(isa_level[9], ==, 1);
    g_assert_cmphex(inp(PM_BASE, 2) & ACPI_BITMASK_TIMER_STATUS, ==, 1);
    /* Writing the bit back clears it and lowers the SCI. */
    outp(PM_BASE, ACPI_BITMASK_TIMER_STATUS, 2);
    g_assert_cmpint(isa_level[9], ==, 0);
    qemu_clock_set_manual(false);
    qemu_devices_reset();
}

static void test_pm_s5_shutdown(void)
{
    pm_enable();
    /* SLP_TYP without SLP_EN does nothing. */
    outp(PM_BASE + 4, 0 << 10, 2);
    /* S1-like types this board does not have do nothing either. */
    outp(PM_BASE + 4, (1 << 10) | ACPI_BITMASK_SLEEP_ENABLE, 2);
    /* SLP_TYP 0 (\_S5) with SLP_EN: the guest powers off. */
    outp(PM_BASE + 4, (0 << 10) | ACPI_BITMASK_SLEEP_ENABLE, 2);
    g_assert_false(run_main_loop_guarded(5000));
    qemu_devices_reset();
}

static void test_pm_power_button(void)
{
    pm_enable();
    /* Not enabled by the guest: a press leaves no trace. */
    qemu_system_powerdown_request();
    g_assert_true(run_main_loop_guarded(50));
    g_assert_cmphex(inp(PM_BASE, 2) & ACPI_BITMASK_POWER_BUTTON_STATUS, ==,
                    0);
    /* Enabled: PWRBTN_STS and the SCI. */
    outp(PM_BASE + 2, ACPI_BITMASK_POWER_BUTTON_ENABLE, 2);
    qemu_system_powerdown_request();
    g_assert_true(run_main_loop_guarded(50));
    g_assert_cmphex(inp(PM_BASE, 2) & ACPI_BITMASK_POWER_BUTTON_STATUS, ==,
                    ACPI_BITMASK_POWER_BUTTON_STATUS);
    g_assert_cmpint(isa_level[9], ==, 1);
    outp(PM_BASE, ACPI_BITMASK_POWER_BUTTON_STATUS, 2);
    g_assert_cmpint(isa_level[9], ==, 0);
    qemu_devices_reset();
}

static void test_pm_apm_and_gpe(void)
{
    int devfn = PCI_DEVFN(1, 3);

    pm_enable();
    /* ACPI_ENABLE / ACPI_DISABLE through SMI_CMD toggle SCI_EN. */
    outp(0xb2, ACPI_ENABLE, 1);
    g_assert_cmphex(inp(PM_BASE + 4, 2), ==, ACPI_BITMASK_SCI_ENABLE);
    g_assert_cmphex(inp(0xb2, 1), ==, ACPI_ENABLE);
    outp(0xb2, ACPI_DISABLE, 1);
    g_assert_cmphex(inp(PM_BASE + 4, 2), ==, 0);
    /* Other commands raise an SMI once the firmware enabled APMC SMIs. */
    smi_count = 0;
    outp(0xb2, 0x42, 1);
    g_assert_cmpint(smi_count, ==, 0);
    cfg_write(devfn, 0x5b, 0x02, 1);
    outp(0xb2, 0x42, 1);
    g_assert_cmpint(smi_count, ==, 1);
    outp(0xb3, 0x99, 1);
    g_assert_cmphex(inp(0xb3, 1), ==, 0x99);

    /* GPE0: enable bytes read back, status bytes clear on ones. */
    outp(PIIX4_GPE0_BLK + 2, 0x0002, 2);
    g_assert_cmphex(inp(PIIX4_GPE0_BLK, 4), ==, 0x00020000);
    g_assert_cmpint(isa_level[9], ==, 0);
    qemu_devices_reset();
    g_assert_cmphex(inp(PIIX4_GPE0_BLK, 4), ==, 0);
}

static void test_pm_smbus_spd(void)
{
    int devfn = PCI_DEVFN(1, 3);

    /* The board's base is 0xb100; the firmware moves it. */
    g_assert_cmphex(cfg_read(devfn, 0x90, 4), ==, 0xb101);
    g_assert_cmphex(inp(0xb10d, 1), ==, 0x02);
    cfg_write(devfn, 0x90, SMB_BASE | 1, 4);
    g_assert_cmphex(inp(0xb10d, 1), ==, 0xff);
    g_assert_cmphex(inp(SMB_BASE + 0xd, 1), ==, 0x02);

    /* Read Byte Data from the EEPROM at 0x50, offset 2. */
    outp(SMB_BASE + 4, 0x50 << 1 | 1, 1);
    outp(SMB_BASE + 3, 2, 1);
    outp(SMB_BASE + 2, 0x40 | 0x08, 1);
    g_assert_cmphex(inp(SMB_BASE, 1), ==, 0x02);       /* INTR */
    g_assert_cmphex(inp(SMB_BASE + 5, 1), ==, spd[2]);
    outp(SMB_BASE, 0x02, 1);
    g_assert_cmphex(inp(SMB_BASE, 1), ==, 0);
    /* Read Word Data: two successive bytes. */
    outp(SMB_BASE + 3, 0x10, 1);
    outp(SMB_BASE + 2, 0x40 | 0x0c, 1);
    g_assert_cmphex(inp(SMB_BASE + 5, 1), ==, spd[0x10]);
    g_assert_cmphex(inp(SMB_BASE + 6, 1), ==, spd[0x11]);
    outp(SMB_BASE, 0x1e, 1);
    /* The other seven EEPROMs are there (and empty); 0x58 is not. */
    outp(SMB_BASE + 4, 0x57 << 1 | 1, 1);
    outp(SMB_BASE + 2, 0x40 | 0x08, 1);
    g_assert_cmphex(inp(SMB_BASE, 1), ==, 0x02);
    g_assert_cmphex(inp(SMB_BASE + 5, 1), ==, 0);
    outp(SMB_BASE, 0x1e, 1);
    outp(SMB_BASE + 4, 0x58 << 1 | 1, 1);
    outp(SMB_BASE + 2, 0x40 | 0x08, 1);
    g_assert_cmphex(inp(SMB_BASE, 1), ==, 0x04);       /* DEV_ERR */
    outp(SMB_BASE, 0x1e, 1);
    /* Host enable bit off: the registers go away. */
    cfg_write(devfn, 0xd2, 0x08, 1);
    g_assert_cmphex(inp(SMB_BASE + 0xd, 1), ==, 0xff);
    cfg_write(devfn, 0xd2, 0x09, 1);
    cfg_write(devfn, 0x90, 0xb101, 4);
}

/* ---- what the monitors show (the reference's -M pc text) ---- */

static void test_info_pci(void)
{
    GString *out = g_string_new(NULL);

    pci_print_info(out);
    g_assert_cmpstr(out->str, ==,
        "  Bus  0, device   0, function 0:\n"
        "    Host bridge: PCI device 8086:1237\n"
        "      PCI subsystem 1af4:1100\n"
        "      id \"\"\n"
        "  Bus  0, device   1, function 0:\n"
        "    ISA bridge: PCI device 8086:7000\n"
        "      PCI subsystem 1af4:1100\n"
        "      id \"\"\n"
        "  Bus  0, device   1, function 3:\n"
        "    Bridge: PCI device 8086:7113\n"
        "      PCI subsystem 1af4:1100\n"
        "      IRQ 0, pin A\n"
        "      id \"\"\n");
    g_string_free(out, true);
}

static void test_info_qtree(void)
{
    GString *out = g_string_new(NULL);

    qdev_print_qtree(out);
    g_assert_nonnull(strstr(out->str,
        "  dev: i440FX-pcihost, id \"\"\n"
        "    pci-hole64-size = 2147483648 (2 GiB)\n"
        "    short_root_bus = 0 (0x0)\n"
        "    x-pci-hole64-fix = true\n"
        "    x-config-reg-migration-enabled = true\n"
        "    bypass-iommu = false\n"
        "    bus: pci.0\n"
        "      type PCI\n"
        "      dev: PIIX4_PM, id \"\"\n"
        "        gpio-out \"smi-irq\" 1\n"
        "        gpio-out \"\" 1\n"
        "        smb_io_base = 45312 (0xb100)\n"
        "        disable_s3 = 0 (0x0)\n"
        "        disable_s4 = 0 (0x0)\n"
        "        s4_val = 2 (0x2)\n"
        "        acpi-pci-hotplug-with-bridge-support = true\n"
        "        acpi-root-pci-hotplug = true\n"
        "        memory-hotplug-support = true\n"
        "        smm-compat = false\n"
        "        smm-enabled = true\n"
        "        x-not-migrate-acpi-index = false\n"
        "        addr = 01.3\n"
        "        romfile = \"\"\n"
        "        romsize = 4294967295 (0xffffffff)\n"
        "        rombar = 1 (0x1)\n"
        "        multifunction = false\n"
        "        x-pcie-lnksta-dllla = true\n"
        "        x-pcie-extcap-init = true\n"
        "        failover_pair_id = \"\"\n"
        "        acpi-index = 0 (0x0)\n"
        "        class Bridge, addr 00:01.3, pci id 8086:7113 "
        "(sub 1af4:1100)\n"
        "        bus: i2c\n"
        "          type i2c-bus\n"
        "          dev: smbus-eeprom, id \"\"\n"
        "            address = 87 (0x57)\n"));
    g_assert_nonnull(strstr(out->str,
        "          dev: smbus-eeprom, id \"\"\n"
        "            address = 80 (0x50)\n"
        "      dev: PIIX3, id \"\"\n"
        "        addr = 01.0\n"
        "        romfile = \"\"\n"
        "        romsize = 4294967295 (0xffffffff)\n"
        "        rombar = 1 (0x1)\n"
        "        multifunction = true\n"
        "        x-pcie-lnksta-dllla = true\n"
        "        x-pcie-extcap-init = true\n"
        "        failover_pair_id = \"\"\n"
        "        acpi-index = 0 (0x0)\n"
        "        class ISA bridge, addr 00:01.0, pci id 8086:7000 "
        "(sub 1af4:1100)\n"
        "        bus: isa.0\n"
        "          type ISA\n"
        "          dev: isa-i8259, id \"\"\n"));
    g_assert_nonnull(strstr(out->str,
        "      dev: i440FX, id \"\"\n"
        "        addr = 00.0\n"));
    g_assert_nonnull(strstr(out->str,
        "        class Host bridge, addr 00:00.0, pci id 8086:1237 "
        "(sub 1af4:1100)\n"));
    g_string_free(out, true);
}

/*
 * ACPI PCI hotplug (runs last: the machine cannot be "un-created").
 * QEMU's DSDT reads PCI_UP / PCI_DOWN on GPE0 bit 1 and writes PCI_EJ.
 */
static void test_pcihp(void)
{
    json_t *args;
    Error *err = NULL;

    pm_enable();
    outp(PIIX4_GPE0_BLK + 2, 0x0002, 2);
    /* The chipset's slots 0 and 1 cannot be removed. */
    g_assert_cmphex(inp(0xae0c, 4), ==, 0xfffffffc);
    g_assert_cmphex(inp(0xae00, 4), ==, 0);

    qdev_machine_creation_done();
    args = json_pack("{s:s,s:s,s:s}", "driver", TYPE_TEST_INTX_DEV,
                     "addr", "5", "id", "hp");
    g_assert_nonnull(qdev_device_add_from_dict(args, false, &error_abort));
    json_decref(args);
    g_assert_cmphex(inp(PIIX4_GPE0_BLK, 2), ==, 0x0002);
    g_assert_cmpint(isa_level[9], ==, 1);
    g_assert_cmphex(inp(0xae00, 4), ==, 1u << 5);
    g_assert_cmphex(inp(0xae00, 4), ==, 0);        /* read clears */
    outp(PIIX4_GPE0_BLK, 0x0002, 1);
    g_assert_cmpint(isa_level[9], ==, 0);

    /* device_del: the slot is reported down; the guest's eject acks. */
    g_assert_true(qdev_device_del("hp", &error_abort));
    g_assert_cmphex(inp(0xae04, 4), ==, 1u << 5);
    g_assert_cmpint(isa_level[9], ==, 1);
    outp(PIIX4_GPE0_BLK, 0x0002, 1);
    outp(0xae08, 1u << 5, 4);
    g_assert_cmphex(inp(0xae04, 4), ==, 0);

    /* A guest ejecting a present device removes it. */
    args = json_pack("{s:s,s:s,s:s}", "driver", TYPE_TEST_INTX_DEV,
                     "addr", "6", "id", "hp2");
    g_assert_nonnull(qdev_device_add_from_dict(args, false, &error_abort));
    json_decref(args);
    g_assert_cmphex(cfg_read(PCI_DEVFN(6, 0), PCI_VENDOR_ID, 2), ==, 0x1234);
    outp(0xae08, 1u << 6, 4);
    g_assert_cmphex(cfg_read(PCI_DEVFN(6, 0), PCI_VENDOR_ID, 4), ==,
                    0xffffffff);
    g_assert_cmphex(inp(0xae04, 4), ==, 0);
    g_assert_null(qdev_find_device("hp2", &err));
    error_free(err);
    /* The built-in functions cannot be ejected. */
    outp(0xae08, 0x3, 4);
    g_assert_cmphex(cfg_read(PCI_DEVFN(1, 3), PCI_VENDOR_ID, 2), ==, 0x8086);
}

int main(int argc, char **argv)
{
    Object *machine;

    g_test_init(&argc, &argv, NULL);
    qemu_init_main_loop();
    type_register_static(&intx_dev_type);
    machine = object_new("none-machine");
    object_property_add_child(object_get_root(), "machine", machine);
    object_unref(machine);
    qdev_machine_init();
    memory_map_init();
    build_board();

    g_test_add_func("/i440fx/host/identity-and-defaults",
                    test_i440fx_identity);
    g_test_add_func("/i440fx/pam/bios-segment", test_pam_bios_segment);
    g_test_add_func("/i440fx/pam/expansion-segments-and-reset",
                    test_pam_expansion_segments);
    g_test_add_func("/i440fx/smram/open-lock-and-window", test_smram);
    g_test_add_func("/i440fx/pci-hole/properties", test_pci_hole);
    g_test_add_func("/piix3/identity-and-defaults", test_piix3_identity);
    g_test_add_func("/piix3/pirq-routing-to-isa-irqs",
                    test_piix3_pirq_routing);
    g_test_add_func("/piix3/pirq-level-through-elcr-and-8259",
                    test_piix3_pirq_elcr);
    g_test_add_func("/piix3/reset-control-0xcf9", test_piix3_reset_control);
    g_test_add_func("/piix4/pm/io-space-follows-pmba", test_pm_io_space);
    g_test_add_func("/piix4/pm/timer-3.58MHz-24-bit", test_pm_timer);
    g_test_add_func("/piix4/pm/timer-overflow-raises-sci",
                    test_pm_timer_overflow_sci);
    g_test_add_func("/piix4/pm/s5-requests-shutdown", test_pm_s5_shutdown);
    g_test_add_func("/piix4/pm/power-button-sets-status-and-sci",
                    test_pm_power_button);
    g_test_add_func("/piix4/pm/apm-acpi-enable-smi-and-gpe",
                    test_pm_apm_and_gpe);
    g_test_add_func("/piix4/smbus/spd-eeproms", test_pm_smbus_spd);
    g_test_add_func("/chipset/monitor/info-pci", test_info_pci);
    g_test_add_func("/chipset/monitor/info-qtree", test_info_qtree);
    g_test_add_func("/chipset/pcihp/plug-unplug-eject", test_pcihp);
    return g_test_run();
}
