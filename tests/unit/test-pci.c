/*
 * test-pci.c: the PCI core (hw/pci/) driven as a guest drives it, through
 * configuration mechanism #1 at 0xcf8/0xcfc on the I/O address space,
 * with a test host bridge, a test function and pci-testdev:
 * identification, the write / write-1-to-clear masks, BAR sizing and
 * mapping, INTx routing, the capability list, MSI, placement rules and
 * their errors, reset, and what info pci / query-pci / info qtree show.
 *
 * Spec references: PCI Local Bus Specification 3.0 (PCI LB) 3.2.2.3.2
 * (mechanism #1), 6.1-6.2 (header, command, status), 6.2.5 (BARs), 6.7
 * (capabilities), 6.8.1 (MSI).  Message texts are QEMU 7.2's.
 */
#include "qemu/osdep.h"
#include "hw/pci/pci.h"
#include "hw/pci/pci_host.h"
#include "hw/sysbus.h"
#include "qemu/main-loop.h"
#include "qapi/qmp-json.h"

#define TYPE_TEST_PCI_HOST "test-pci-host"
#define TYPE_TEST_PCI_DEV "test-pci-dev"
#define TEST_VENDOR 0x1234
#define TEST_DEVICE 0x5678
#define MSI_WINDOW ((hwaddr)0xfee00000)

typedef struct TestPCIDev {
    PCIDevice parent_obj;
    MemoryRegion mmio;
    MemoryRegion pio;
    MemoryRegion mem64;
    uint8_t vndr_cap;
} TestPCIDev;

#define TEST_PCI_DEV(obj) OBJECT_CHECK(TestPCIDev, (obj), TYPE_TEST_PCI_DEV)

static PCIBus *bus;
static MemoryRegion pci_mem;
static MemoryRegion msi_window;
static GString *msi_log;
static int line_level[4];

/* ---- the test host bridge, function and interrupt router ---- */

static bool test_host_realize(DeviceState *dev, Error **errp)
{
    PCIHostState *s = PCI_HOST_BRIDGE(dev);

    memory_region_add_subregion(get_system_io(), 0xcf8, &s->conf_mem);
    memory_region_add_subregion(get_system_io(), 0xcfc, &s->data_mem);
    return true;
}

static void test_host_class_init(ObjectClass *klass, void *data)
{
    DEVICE_CLASS(klass)->realize = test_host_realize;
}

/* A read of the BARs' regions gives a pattern naming the BAR. */
static uint64_t bar_read(void *opaque, hwaddr addr, unsigned size)
{
    return (uintptr_t)opaque << 24 | addr;
}

static void bar_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
}

static const MemoryRegionOps bar_ops = {
    .read = bar_read,
    .write = bar_write,
    .impl = { .min_access_size = 4, .max_access_size = 4 },
};

static bool test_dev_realize(PCIDevice *dev, Error **errp)
{
    TestPCIDev *t = TEST_PCI_DEV(dev);
    int off;

    dev->config[PCI_INTERRUPT_PIN] = 1;
    memory_region_init_io(&t->mmio, OBJECT(dev), &bar_ops, (void *)0xa0,
                          "test-mmio", 4096);
    memory_region_init_io(&t->pio, OBJECT(dev), &bar_ops, (void *)0xa1,
                          "test-pio", 32);
    memory_region_init_io(&t->mem64, OBJECT(dev), &bar_ops, (void *)0xa2,
                          "test-mem64", 1 * MiB);
    pci_register_bar(dev, 0, PCI_BASE_ADDRESS_SPACE_MEMORY, &t->mmio);
    pci_register_bar(dev, 1, PCI_BASE_ADDRESS_SPACE_IO, &t->pio);
    pci_register_bar(dev, 2, PCI_BASE_ADDRESS_SPACE_MEMORY |
                     PCI_BASE_ADDRESS_MEM_TYPE_64 |
                     PCI_BASE_ADDRESS_MEM_PREFETCH, &t->mem64);
    if (msi_init(dev, 0, 4, true, true, errp) < 0) {
        return false;
    }
    off = pci_add_capability(dev, PCI_CAP_ID_VNDR, 0, 8, errp);
    if (off < 0) {
        return false;
    }
    t->vndr_cap = off;
    return true;
}

static void test_dev_class_init(ObjectClass *klass, void *data)
{
    PCIDeviceClass *k = PCI_DEVICE_CLASS(klass);

    k->realize = test_dev_realize;
    k->vendor_id = TEST_VENDOR;
    k->device_id = TEST_DEVICE;
    k->revision = 0x07;
    k->class_id = PCI_CLASS_NETWORK_ETHERNET;
}

static const TypeInfo test_types[] = {
    {
        .name = TYPE_TEST_PCI_HOST,
        .parent = TYPE_PCI_HOST_BRIDGE,
        .instance_size = sizeof(PCIHostState),
        .class_init = test_host_class_init,
    },
    {
        .name = TYPE_TEST_PCI_DEV,
        .parent = TYPE_PCI_DEVICE,
        .instance_size = sizeof(TestPCIDev),
        .class_init = test_dev_class_init,
    },
};

/* Line of (devfn, pin): a swizzle different from the PIIX3's. */
static int test_map_irq(PCIDevice *dev, int pin)
{
    return (pin + PCI_SLOT(dev->devfn)) & 3;
}

static void test_set_irq(void *opaque, int line, int level)
{
    line_level[line] = level;
}

static uint64_t msi_read(void *opaque, hwaddr addr, unsigned size)
{
    return 0;
}

static void msi_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    g_string_append_printf(msi_log, "%" PRIx64 "=%" PRIx64 "/%u ",
                           MSI_WINDOW + addr, val, size);
}

static const MemoryRegionOps msi_ops = {
    .read = msi_read,
    .write = msi_write,
    .impl = { .min_access_size = 4, .max_access_size = 4 },
};

static void setup_bus(void)
{
    DeviceState *host = qdev_new(TYPE_TEST_PCI_HOST);

    memory_region_init(&pci_mem, NULL, "pci", UINT64_MAX);
    memory_region_add_subregion_overlap(get_system_memory(), 0, &pci_mem, -1);
    memory_region_init_io(&msi_window, NULL, &msi_ops, NULL, "msi", 1 * MiB);
    memory_region_add_subregion(get_system_memory(), MSI_WINDOW, &msi_window);
    bus = pci_root_bus_new(host, NULL, &pci_mem, get_system_io(), 0);
    PCI_HOST_BRIDGE(host)->bus = bus;
    g_assert_true(sysbus_realize_and_unref(SYS_BUS_DEVICE(host),
                                           &error_abort));
    pci_bus_irqs(bus, test_set_irq, test_map_irq, NULL, 4);
    msi_log = g_string_new(NULL);
}

/* ---- helpers: accesses as a vCPU's exits make them ---- */

static uint32_t as_read(AddressSpace *as, hwaddr addr, unsigned size)
{
    uint8_t buf[4] = { 0 };

    address_space_read(as, addr, MEMTXATTRS_UNSPECIFIED, buf, size);
    return pci_get_long(buf);
}

static void as_write(AddressSpace *as, hwaddr addr, uint32_t val,
                     unsigned size)
{
    uint8_t buf[4];

    pci_set_long(buf, val);
    address_space_write(as, addr, MEMTXATTRS_UNSPECIFIED, buf, size);
}

static void cfg_addr(int devfn, int off)
{
    as_write(&address_space_io, 0xcf8,
             0x80000000u | devfn << 8 | (off & 0xfc), 4);
}

static uint32_t cfg_read(int devfn, int off, int size)
{
    cfg_addr(devfn, off);
    return as_read(&address_space_io, 0xcfc + (off & 3), size);
}

static void cfg_write(int devfn, int off, uint32_t val, int size)
{
    cfg_addr(devfn, off);
    as_write(&address_space_io, 0xcfc + (off & 3), val, size);
}

static uint32_t mem_read(hwaddr addr)
{
    return as_read(&address_space_memory, addr, 4);
}

static uint32_t io_read(hwaddr addr)
{
    return as_read(&address_space_io, addr, 4);
}

static PCIDevice *add_dev_id(const char *type, const char *addr,
                             bool multifunction, const char *id, Error **errp)
{
    DeviceState *dev = qdev_new(type);

    if (id) {
        qdev_set_id(dev, g_strdup(id), &error_abort);
    }
    if (addr) {
        object_property_parse(OBJECT(dev), "addr", addr, &error_abort);
    }
    object_property_set_bool(OBJECT(dev), "multifunction", multifunction,
                             &error_abort);
    if (!qdev_realize_and_unref(dev, BUS(bus), errp)) {
        return NULL;
    }
    return PCI_DEVICE(dev);
}

static PCIDevice *add_dev(const char *type, const char *addr,
                          bool multifunction, Error **errp)
{
    return add_dev_id(type, addr, multifunction, NULL, errp);
}

static void del_dev(PCIDevice *d)
{
    object_unparent(OBJECT(d));
}

/* ---- configuration cycles ---- */

static void test_config_ids(void)
{
    PCIDevice *d = add_dev(TYPE_TEST_PCI_DEV, "04.0", false, &error_abort);
    int devfn = PCI_DEVFN(4, 0);

    g_assert_cmphex(cfg_read(devfn, PCI_VENDOR_ID, 4), ==,
                    TEST_DEVICE << 16 | TEST_VENDOR);
    g_assert_cmphex(cfg_read(devfn, PCI_DEVICE_ID, 2), ==, TEST_DEVICE);
    g_assert_cmphex(cfg_read(devfn, PCI_VENDOR_ID + 1, 1), ==, 0x12);
    /* Revision and class code: 02 00 00 07 (class, subclass, prog-if). */
    g_assert_cmphex(cfg_read(devfn, PCI_REVISION_ID, 4), ==, 0x02000007);
    g_assert_cmphex(cfg_read(devfn, PCI_HEADER_TYPE, 1), ==, 0x00);
    /* QEMU's subsystem IDs. */
    g_assert_cmphex(cfg_read(devfn, PCI_SUBSYSTEM_VENDOR_ID, 4), ==,
                    0x11001af4);
    g_assert_cmphex(cfg_read(devfn, PCI_INTERRUPT_PIN, 1), ==, 1);

    /* An empty slot, and CONFIG_ADDRESS without its enable bit: ones. */
    g_assert_cmphex(cfg_read(PCI_DEVFN(5, 0), 0, 4), ==, 0xffffffff);
    g_assert_cmphex(cfg_read(PCI_DEVFN(5, 0), 0, 1), ==, 0xff);
    as_write(&address_space_io, 0xcf8, devfn << 8, 4);
    g_assert_cmphex(io_read(0xcfc), ==, 0xffffffff);
    /* Byte writes to 0xcf8 are not CONFIG_ADDRESS; reads return it. */
    cfg_addr(devfn, 0);
    as_write(&address_space_io, 0xcf8, 0, 1);
    g_assert_cmphex(io_read(0xcf8), ==, 0x80000000u | devfn << 8);
    del_dev(d);
}

static void test_config_write_masks(void)
{
    PCIDevice *d = add_dev(TYPE_TEST_PCI_DEV, "04.0", false, &error_abort);
    int devfn = PCI_DEVFN(4, 0);

    /* Identification and class are read-only. */
    cfg_write(devfn, PCI_VENDOR_ID, 0xffffffff, 4);
    cfg_write(devfn, PCI_REVISION_ID, 0xffffffff, 4);
    g_assert_cmphex(cfg_read(devfn, PCI_VENDOR_ID, 4), ==,
                    TEST_DEVICE << 16 | TEST_VENDOR);
    g_assert_cmphex(cfg_read(devfn, PCI_REVISION_ID, 4), ==, 0x02000007);
    /* Command: I/O, memory, master, SERR#, INTx disable (6.2.2). */
    cfg_write(devfn, PCI_COMMAND, 0xffff, 2);
    g_assert_cmphex(cfg_read(devfn, PCI_COMMAND, 2), ==, 0x0507);
    cfg_write(devfn, PCI_COMMAND, 0, 2);
    /* Cache line size and interrupt line are the writable bytes. */
    cfg_write(devfn, PCI_CACHE_LINE_SIZE, 0xffffffff, 4);
    g_assert_cmphex(cfg_read(devfn, PCI_CACHE_LINE_SIZE, 4), ==, 0x000000ff);
    cfg_write(devfn, PCI_INTERRUPT_LINE, 0xffff, 2);
    g_assert_cmphex(cfg_read(devfn, PCI_INTERRUPT_LINE, 2), ==, 0x01ff);
    /* Device-specific space is writable, capabilities are not. */
    cfg_write(devfn, 0xf0, 0x12345678, 4);
    g_assert_cmphex(cfg_read(devfn, 0xf0, 4), ==, 0x12345678);
    cfg_write(devfn, TEST_PCI_DEV(d)->vndr_cap, 0xffffffff, 4);
    g_assert_cmphex(cfg_read(devfn, TEST_PCI_DEV(d)->vndr_cap, 1), ==,
                    PCI_CAP_ID_VNDR);
    /* A dword at 0xfe is clipped at the end of config space. */
    cfg_write(devfn, 0xfc, 0, 4);
    cfg_addr(devfn, 0xfc);
    as_write(&address_space_io, 0xcfe, 0xbeef, 2);
    g_assert_cmphex(cfg_read(devfn, 0xfc, 4), ==, 0xbeef0000);
    del_dev(d);
}

static void test_config_status_w1c(void)
{
    PCIDevice *d = add_dev(TYPE_TEST_PCI_DEV, "04.0", false, &error_abort);
    int devfn = PCI_DEVFN(4, 0);
    uint16_t sts;

    /* The function has recorded every error (6.2.3). */
    sts = pci_get_word(d->config + PCI_STATUS);
    g_assert_cmphex(sts, ==, PCI_STATUS_CAP_LIST);
    pci_set_word(d->config + PCI_STATUS, sts | 0xf900);
    /* Writing 0 changes nothing; ones clear only their bits. */
    cfg_write(devfn, PCI_STATUS, 0, 2);
    g_assert_cmphex(cfg_read(devfn, PCI_STATUS, 2), ==, 0xf910);
    cfg_write(devfn, PCI_STATUS, PCI_STATUS_SIG_SYSTEM_ERROR |
              PCI_STATUS_PARITY, 2);
    g_assert_cmphex(cfg_read(devfn, PCI_STATUS, 2), ==, 0xb810);
    /* Capability list and interrupt status cannot be written. */
    cfg_write(devfn, PCI_STATUS, 0xffff, 2);
    g_assert_cmphex(cfg_read(devfn, PCI_STATUS, 2), ==, 0x0010);
    /* A dword write at 0x04 touches command and status at once. */
    pci_set_word(d->config + PCI_STATUS, 0x8010);
    cfg_write(devfn, PCI_COMMAND, 0x80000002, 4);
    g_assert_cmphex(cfg_read(devfn, PCI_COMMAND, 4), ==, 0x00100002);
    del_dev(d);
}

/* ---- BARs ---- */

static void test_bar_sizing(void)
{
    PCIDevice *d = add_dev(TYPE_TEST_PCI_DEV, "04.0", false, &error_abort);
    int devfn = PCI_DEVFN(4, 0);

    /* Type bits before sizing (6.2.5.1). */
    g_assert_cmphex(cfg_read(devfn, 0x10, 4), ==, 0x0);
    g_assert_cmphex(cfg_read(devfn, 0x14, 4), ==, 0x1);
    g_assert_cmphex(cfg_read(devfn, 0x18, 4), ==, 0xc);
    /* All ones in, the size mask and the type bits out. */
    cfg_write(devfn, 0x10, 0xffffffff, 4);
    cfg_write(devfn, 0x14, 0xffffffff, 4);
    cfg_write(devfn, 0x18, 0xffffffff, 4);
    cfg_write(devfn, 0x1c, 0xffffffff, 4);
    cfg_write(devfn, 0x20, 0xffffffff, 4);
    cfg_write(devfn, PCI_ROM_ADDRESS, 0xffffffff, 4);
    g_assert_cmphex(cfg_read(devfn, 0x10, 4), ==, 0xfffff000);
    g_assert_cmphex(cfg_read(devfn, 0x14, 4), ==, 0xffffffe1);
    g_assert_cmphex(cfg_read(devfn, 0x18, 4), ==, 0xfff0000c);
    g_assert_cmphex(cfg_read(devfn, 0x1c, 4), ==, 0xffffffff);
    /* BAR4 and the ROM are not implemented: they stay 0. */
    g_assert_cmphex(cfg_read(devfn, 0x20, 4), ==, 0);
    g_assert_cmphex(cfg_read(devfn, PCI_ROM_ADDRESS, 4), ==, 0);
    g_assert_cmpuint(pci_bar_size(d, 2), ==, 1 * MiB);
    g_assert_cmpuint(pci_bar_size(d, 4), ==, 0);
    /* Sizing with decoding off maps nothing. */
    g_assert_cmphex(pci_get_bar_addr(d, 0), ==, PCI_BAR_UNMAPPED);
    del_dev(d);
}

static void test_bar_mapping(void)
{
    PCIDevice *d = add_dev(TYPE_TEST_PCI_DEV, "04.0", false, &error_abort);
    int devfn = PCI_DEVFN(4, 0);

    cfg_write(devfn, 0x10, 0xfebf0000, 4);
    cfg_write(devfn, 0x14, 0xc000, 4);
    /* Not decoded until the command register says so. */
    g_assert_cmphex(mem_read(0xfebf0004), ==, 0);
    g_assert_cmphex(io_read(0xc004), ==, 0xffffffff);
    g_assert_cmphex(pci_get_bar_addr(d, 0), ==, PCI_BAR_UNMAPPED);

    cfg_write(devfn, PCI_COMMAND, PCI_COMMAND_MEMORY, 2);
    g_assert_cmphex(mem_read(0xfebf0004), ==, 0xa0000004);
    g_assert_cmphex(io_read(0xc004), ==, 0xffffffff);
    g_assert_cmphex(pci_get_bar_addr(d, 0), ==, 0xfebf0000);
    cfg_write(devfn, PCI_COMMAND, PCI_COMMAND_MEMORY | PCI_COMMAND_IO, 2);
    g_assert_cmphex(io_read(0xc004), ==, 0xa1000004);

    /* Moving a decoded BAR moves the region; the low bits are ignored. */
    cfg_write(devfn, 0x10, 0xfebe0fff, 4);
    g_assert_cmphex(pci_get_bar_addr(d, 0), ==, 0xfebe0000);
    g_assert_cmphex(mem_read(0xfebf0004), ==, 0);
    g_assert_cmphex(mem_read(0xfebe0008), ==, 0xa0000008);
    /* Address 0 means "not programmed". */
    cfg_write(devfn, 0x14, 0, 4);
    g_assert_cmphex(pci_get_bar_addr(d, 1), ==, PCI_BAR_UNMAPPED);
    g_assert_cmphex(io_read(0xc004), ==, 0xffffffff);
    cfg_write(devfn, 0x14, 0xc020, 4);
    g_assert_cmphex(io_read(0xc024), ==, 0xa1000004);

    /* An I/O BAR beyond the 64 KiB port space decodes nothing a CPU
     * reaches, and costs nothing. */
    cfg_write(devfn, 0x14, 0xfffff000, 4);
    g_assert_cmphex(pci_get_bar_addr(d, 1), ==, 0xfffff000);
    g_assert_cmphex(io_read(0xc024), ==, 0xffffffff);
    cfg_write(devfn, 0x14, 0xffffffe0, 4);   /* would wrap past 4 GiB */
    g_assert_cmphex(pci_get_bar_addr(d, 1), ==, PCI_BAR_UNMAPPED);
    cfg_write(devfn, 0x14, 0xc020, 4);

    /* Turning decoding off unmaps. */
    cfg_write(devfn, PCI_COMMAND, 0, 2);
    g_assert_cmphex(mem_read(0xfebe0008), ==, 0);
    g_assert_cmphex(io_read(0xc024), ==, 0xffffffff);
    g_assert_cmphex(pci_get_bar_addr(d, 0), ==, PCI_BAR_UNMAPPED);

    /* Removing the function unmaps its BARs too. */
    cfg_write(devfn, PCI_COMMAND, PCI_COMMAND_MEMORY, 2);
    g_assert_cmphex(mem_read(0xfebe0008), ==, 0xa0000008);
    del_dev(d);
    g_assert_cmphex(mem_read(0xfebe0008), ==, 0);
}

static void test_bar_64bit_and_rom(void)
{
    g_autofree char *rom_path = NULL;
    g_autofree char *rom = g_malloc0(5000);
    PCIDevice *d;
    DeviceState *dev;
    int devfn = PCI_DEVFN(4, 0), fd;

    /* A 64-bit BAR above 4 GiB (6.2.5.1: the upper dword follows). */
    d = add_dev(TYPE_TEST_PCI_DEV, "04.0", false, &error_abort);
    cfg_write(devfn, 0x18, 0x00000000, 4);
    cfg_write(devfn, 0x1c, 0x00000002, 4);
    cfg_write(devfn, PCI_COMMAND, PCI_COMMAND_MEMORY, 2);
    g_assert_cmphex(pci_get_bar_addr(d, 2), ==, 0x200000000ULL);
    g_assert_cmphex(mem_read(0x200000010ULL), ==, 0xa2000010);
    del_dev(d);

    /* The expansion ROM: romfile rounded up to a power of two. */
    fd = g_file_open_tmp("test-pci-XXXXXX.rom", &rom_path, NULL);
    g_assert_cmpint(fd, >=, 0);
    rom[0] = 0x55;
    rom[1] = 0xaa;
    rom[4999] = 0x42;
    g_assert_cmpint(write(fd, rom, 5000), ==, 5000);
    close(fd);
    dev = qdev_new(TYPE_TEST_PCI_DEV);
    object_property_set_str(OBJECT(dev), "romfile", rom_path, &error_abort);
    object_property_set_int(OBJECT(dev), "addr", devfn, &error_abort);
    g_assert_true(qdev_realize_and_unref(dev, BUS(bus), &error_abort));
    d = PCI_DEVICE(dev);
    g_assert_cmpuint(pci_bar_size(d, PCI_ROM_SLOT), ==, 8192);
    g_assert_cmpuint(object_property_get_uint(OBJECT(d), "romsize", NULL),
                     ==, 8192);
    cfg_write(devfn, PCI_ROM_ADDRESS, 0xffffffff, 4);
    g_assert_cmphex(cfg_read(devfn, PCI_ROM_ADDRESS, 4), ==, 0xffffe001);
    /* Decoded only with its enable bit and memory space on. */
    cfg_write(devfn, PCI_ROM_ADDRESS, 0xfd000000, 4);
    cfg_write(devfn, PCI_COMMAND, PCI_COMMAND_MEMORY, 2);
    g_assert_cmphex(pci_get_bar_addr(d, PCI_ROM_SLOT), ==, PCI_BAR_UNMAPPED);
    cfg_write(devfn, PCI_ROM_ADDRESS, 0xfd000001, 4);
    g_assert_cmphex(mem_read(0xfd000000) & 0xffff, ==, 0xaa55);
    g_assert_cmphex(mem_read(0xfd000000 + 4996), ==, 0x42000000);
    del_dev(d);
    unlink(rom_path);
}

/* ---- INTx ---- */

static void test_intx_routing(void)
{
    PCIDevice *a = add_dev(TYPE_TEST_PCI_DEV, "04.0", false, &error_abort);
    PCIDevice *b = add_dev(TYPE_TEST_PCI_DEV, "08.0", false, &error_abort);
    int devfn = PCI_DEVFN(4, 0);

    /* INTA of slots 4 and 8 both land on line (0 + slot) & 3 = 0. */
    pci_set_irq(a, 1);
    g_assert_cmpint(line_level[0], ==, 1);
    g_assert_true(cfg_read(devfn, PCI_STATUS, 2) & PCI_STATUS_INTERRUPT);
    pci_set_irq(b, 1);
    pci_set_irq(a, 0);
    g_assert_cmpint(line_level[0], ==, 1);     /* b still asserts it */
    g_assert_false(cfg_read(devfn, PCI_STATUS, 2) & PCI_STATUS_INTERRUPT);
    pci_set_irq(b, 0);
    g_assert_cmpint(line_level[0], ==, 0);

    /* INTx Disable withdraws the pin; Interrupt Status still shows it. */
    pci_set_irq(a, 1);
    cfg_write(devfn, PCI_COMMAND, PCI_COMMAND_INTX_DISABLE, 2);
    g_assert_cmpint(line_level[0], ==, 0);
    g_assert_true(cfg_read(devfn, PCI_STATUS, 2) & PCI_STATUS_INTERRUPT);
    cfg_write(devfn, PCI_COMMAND, 0, 2);
    g_assert_cmpint(line_level[0], ==, 1);
    g_assert_cmpint(pci_bus_get_irq_level(bus, 0), ==, 1);

    /* Removing an asserting function lowers its line. */
    del_dev(a);
    g_assert_cmpint(line_level[0], ==, 0);
    del_dev(b);
}

/* ---- capabilities and MSI ---- */

static void test_cap_list_walk(void)
{
    PCIDevice *d = add_dev(TYPE_TEST_PCI_DEV, "04.0", false, &error_abort);
    int devfn = PCI_DEVFN(4, 0);
    uint8_t ptr, ids[4];
    int n = 0;
    Error *err = NULL;

    g_assert_true(cfg_read(devfn, PCI_STATUS, 2) & PCI_STATUS_CAP_LIST);
    for (ptr = cfg_read(devfn, PCI_CAPABILITY_LIST, 1); ptr && n < 4;
         ptr = cfg_read(devfn, ptr + PCI_CAP_LIST_NEXT, 1)) {
        g_assert_cmpint(ptr & 3, ==, 0);
        g_assert_cmpint(ptr, >=, 0x40);
        ids[n++] = cfg_read(devfn, ptr, 1);
    }
    /* The newest capability comes first. */
    g_assert_cmpint(n, ==, 2);
    g_assert_cmphex(ids[0], ==, PCI_CAP_ID_VNDR);
    g_assert_cmphex(ids[1], ==, PCI_CAP_ID_MSI);
    g_assert_cmphex(pci_find_capability(d, PCI_CAP_ID_MSI), ==, d->msi_cap);
    g_assert_cmphex(pci_find_capability(d, PCI_CAP_ID_PM), ==, 0);
    /* The list pointer is read-only. */
    cfg_write(devfn, PCI_CAPABILITY_LIST, 0, 1);
    g_assert_cmphex(cfg_read(devfn, PCI_CAPABILITY_LIST, 1), ==,
                    TEST_PCI_DEV(d)->vndr_cap);

    /* Overlapping an existing capability is refused. */
    g_assert_cmpint(pci_add_capability(d, PCI_CAP_ID_PM, d->msi_cap, 8,
                                       &err), ==, -1);
    g_assert_nonnull(err);
    error_free(err);
    /* Deleting one unlinks it and frees its bytes. */
    pci_del_capability(d, PCI_CAP_ID_VNDR, 8);
    g_assert_cmphex(cfg_read(devfn, PCI_CAPABILITY_LIST, 1), ==, d->msi_cap);
    del_dev(d);
}

static void test_msi(void)
{
    PCIDevice *d = add_dev(TYPE_TEST_PCI_DEV, "04.0", false, &error_abort);
    int devfn = PCI_DEVFN(4, 0), cap = d->msi_cap;

    /* 64-bit, per-vector masking, 4 vectors capable (MMC = 2). */
    g_assert_cmphex(cfg_read(devfn, cap + PCI_MSI_FLAGS, 2), ==, 0x0184);
    cfg_write(devfn, cap + PCI_MSI_ADDRESS_LO, 0xfee00003, 4);
    g_assert_cmphex(cfg_read(devfn, cap + PCI_MSI_ADDRESS_LO, 4), ==,
                    0xfee00000);
    cfg_write(devfn, cap + PCI_MSI_ADDRESS_HI, 0, 4);
    cfg_write(devfn, cap + PCI_MSI_DATA_64, 0x4041, 2);
    /* Asking for 32 vectors (MME 5) gets the 4 the function has. */
    cfg_write(devfn, cap + PCI_MSI_FLAGS, 0x0051, 2);
    g_assert_cmphex(cfg_read(devfn, cap + PCI_MSI_FLAGS, 2), ==, 0x01a5);
    g_assert_true(msi_enabled(d));
    g_assert_cmpuint(msi_nr_vectors_allocated(d), ==, 4);

    /* Without Bus Master Enable the write does not reach memory. */
    msi_notify(d, 3);
    g_assert_cmpstr(msi_log->str, ==, "");
    cfg_write(devfn, PCI_COMMAND, PCI_COMMAND_MASTER, 2);
    msi_notify(d, 3);
    g_assert_cmpstr(msi_log->str, ==, "fee00000=4043/4 ");
    g_string_truncate(msi_log, 0);

    /* A masked vector becomes pending, and is sent when unmasked. */
    cfg_write(devfn, cap + PCI_MSI_MASK_64, 0x2, 4);
    msi_notify(d, 1);
    g_assert_cmpstr(msi_log->str, ==, "");
    g_assert_cmphex(cfg_read(devfn, cap + PCI_MSI_PENDING_64, 4), ==, 0x2);
    cfg_write(devfn, cap + PCI_MSI_MASK_64, 0, 4);
    g_assert_cmpstr(msi_log->str, ==, "fee00000=4041/4 ");
    g_assert_cmphex(cfg_read(devfn, cap + PCI_MSI_PENDING_64, 4), ==, 0);
    g_string_truncate(msi_log, 0);

    /* Enabling MSI withdraws INTx. */
    cfg_write(devfn, cap + PCI_MSI_FLAGS, 0, 2);
    pci_set_irq(d, 1);
    g_assert_cmpint(line_level[0], ==, 1);
    cfg_write(devfn, cap + PCI_MSI_FLAGS, 1, 2);
    g_assert_cmpint(line_level[0], ==, 0);
    /* Disabled: nothing is sent. */
    cfg_write(devfn, cap + PCI_MSI_FLAGS, 0, 2);
    msi_notify(d, 0);
    g_assert_cmpstr(msi_log->str, ==, "");
    del_dev(d);
}

/* ---- placement ---- */

static void test_addr_property(void)
{
    DeviceState *dev = qdev_new(TYPE_TEST_PCI_DEV);
    Error *err = NULL;
    g_autofree char *printed = NULL;

    g_assert_cmpint(object_property_get_int(OBJECT(dev), "addr", NULL), ==,
                    -1);
    object_property_parse(OBJECT(dev), "addr", "0x1f.0x7", &error_abort);
    g_assert_cmpint(object_property_get_int(OBJECT(dev), "addr", NULL), ==,
                    0xff);
    object_property_parse(OBJECT(dev), "addr", "6", &error_abort);
    g_assert_cmpint(object_property_get_int(OBJECT(dev), "addr", NULL), ==,
                    0x30);
    g_assert_true(object_property_set_int(OBJECT(dev), "addr", 40,
                                          &error_abort));
    g_assert_cmpint(object_property_get_int(OBJECT(dev), "addr", NULL), ==,
                    40);

    g_assert_false(object_property_parse(OBJECT(dev), "addr", "4.8", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Property 'test-pci-dev.addr' doesn't take value '4.8'");
    g_clear_pointer(&err, error_free);
    g_assert_false(object_property_parse(OBJECT(dev), "addr", "0x20", &err));
    g_clear_pointer(&err, error_free);
    g_assert_false(object_property_parse(OBJECT(dev), "addr", "-1", &err));
    g_clear_pointer(&err, error_free);
    g_assert_false(object_property_set_int(OBJECT(dev), "addr", 256, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Parameter 'addr' expects a value between -1 and 255");
    g_clear_pointer(&err, error_free);
    object_unref(OBJECT(dev));
}

static void test_placement_errors(void)
{
    PCIDevice *a, *b, *c;
    DeviceState *dev;
    Error *err = NULL;

    /* No addr: the first free slot (function 0). */
    a = add_dev(TYPE_TEST_PCI_DEV, NULL, false, &error_abort);
    g_assert_cmphex(a->devfn, ==, PCI_DEVFN(0, 0));
    b = add_dev(TYPE_TEST_PCI_DEV, NULL, false, &error_abort);
    g_assert_cmphex(b->devfn, ==, PCI_DEVFN(1, 0));
    del_dev(a);
    del_dev(b);

    /* A taken address. */
    a = add_dev(TYPE_TEST_PCI_DEV, "4", false, &error_abort);
    dev = qdev_new(TYPE_TEST_PCI_DEV);
    qdev_set_id(dev, g_strdup("second"), &error_abort);
    object_property_parse(OBJECT(dev), "addr", "4", &error_abort);
    g_assert_false(qdev_realize(dev, BUS(bus), &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "PCI: slot 4 function 0 not available for test-pci-dev, "
                    "in use by test-pci-dev,id=(null)");
    g_clear_pointer(&err, error_free);
    object_unparent(OBJECT(dev));

    /* Function 4.2 beside a single-function 4.0, and the reverse. */
    g_assert_null(add_dev(TYPE_TEST_PCI_DEV, "4.2", false, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "PCI: single function device can't be populated in "
                    "function 4.2");
    g_clear_pointer(&err, error_free);
    del_dev(a);
    a = add_dev(TYPE_TEST_PCI_DEV, "4.1", false, &error_abort);
    g_assert_null(add_dev(TYPE_TEST_PCI_DEV, "4", false, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "PCI: 4.0 indicates single function, but 4.1 is already "
                    "populated.");
    g_clear_pointer(&err, error_free);

    /* multifunction=on at 4.0 allows the other functions. */
    b = add_dev(TYPE_TEST_PCI_DEV, "4.0", true, &error_abort);
    g_assert_cmphex(cfg_read(PCI_DEVFN(4, 0), PCI_HEADER_TYPE, 1), ==, 0x80);
    c = add_dev(TYPE_TEST_PCI_DEV, "0x4.0x7", false, &error_abort);
    g_assert_cmphex(cfg_read(PCI_DEVFN(4, 7), PCI_VENDOR_ID, 2), ==,
                    TEST_VENDOR);
    del_dev(c);
    del_dev(b);
    del_dev(a);

    /* romsize must be a power of two; a missing romfile is an error. */
    dev = qdev_new(TYPE_TEST_PCI_DEV);
    object_property_set_uint(OBJECT(dev), "romsize", 5000, &error_abort);
    g_assert_false(qdev_realize(dev, BUS(bus), &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "ROM size 5000 is not a power of two");
    g_clear_pointer(&err, error_free);
    object_unref(OBJECT(dev));
    dev = qdev_new(TYPE_TEST_PCI_DEV);
    object_property_set_str(OBJECT(dev), "romfile", "no-such.rom",
                            &error_abort);
    g_assert_false(qdev_realize(dev, BUS(bus), &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "failed to find romfile \"no-such.rom\"");
    g_clear_pointer(&err, error_free);
    object_unref(OBJECT(dev));
    /* The failed devices left the bus. */
    g_assert_cmphex(cfg_read(PCI_DEVFN(0, 0), PCI_VENDOR_ID, 4), ==,
                    0xffffffff);

    /* acpi-index: in range and unique. */
    a = add_dev(TYPE_TEST_PCI_DEV, "5", false, &error_abort);
    dev = qdev_new(TYPE_TEST_PCI_DEV);
    object_property_set_uint(OBJECT(dev), "acpi-index", 16384, &error_abort);
    g_assert_false(qdev_realize(dev, BUS(bus), &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "acpi-index should be less or equal to 16383");
    g_clear_pointer(&err, error_free);
    object_unref(OBJECT(dev));
    del_dev(a);
}

/* ---- reset ---- */

static void test_reset_clears_header(void)
{
    PCIDevice *d = add_dev(TYPE_TEST_PCI_DEV, "04.0", false, &error_abort);
    int devfn = PCI_DEVFN(4, 0);

    cfg_write(devfn, 0x10, 0xfebf0000, 4);
    cfg_write(devfn, PCI_COMMAND, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER,
              2);
    cfg_write(devfn, PCI_INTERRUPT_LINE, 11, 1);
    cfg_write(devfn, 0x40, 0xaa, 1);
    pci_set_irq(d, 1);
    g_assert_cmphex(mem_read(0xfebf0000), ==, 0xa0000000);

    device_cold_reset(DEVICE(d));
    g_assert_cmphex(cfg_read(devfn, PCI_COMMAND, 2), ==, 0);
    g_assert_cmphex(cfg_read(devfn, 0x10, 4), ==, 0);
    g_assert_cmphex(cfg_read(devfn, 0x18, 4), ==, 0xc);
    g_assert_cmphex(cfg_read(devfn, PCI_INTERRUPT_LINE, 1), ==, 0);
    g_assert_cmphex(mem_read(0xfebf0000), ==, 0);
    g_assert_cmpint(line_level[0], ==, 0);
    g_assert_false(msi_enabled(d));
    del_dev(d);
}

/* ---- what the monitors show ---- */

static void test_info_pci_and_query_pci(void)
{
    PCIDevice *d = add_dev_id(TYPE_TEST_PCI_DEV, "04.0", false, "nic",
                              &error_abort);
    int devfn = PCI_DEVFN(4, 0);
    GString *out = g_string_new(NULL);
    json_t *list, *dev, *regions;
    char *json;

    cfg_write(devfn, 0x14, 0xc000, 4);
    cfg_write(devfn, PCI_COMMAND, PCI_COMMAND_IO, 2);
    cfg_write(devfn, PCI_INTERRUPT_LINE, 10, 1);

    pci_print_info(out);
    g_assert_cmpstr(out->str, ==,
        "  Bus  0, device   4, function 0:\n"
        "    Ethernet controller: PCI device 1234:5678\n"
        "      PCI subsystem 1af4:1100\n"
        "      IRQ 10, pin A\n"
        "      BAR0: 32 bit memory at 0xffffffffffffffff [0x00000ffe].\n"
        "      BAR1: I/O at 0xc000 [0xc01f].\n"
        "      BAR2: 64 bit prefetchable memory at 0xffffffffffffffff "
        "[0x000ffffe].\n"
        "      id \"nic\"\n");

    list = pci_query_json();
    g_assert_cmpint(json_array_size(list), ==, 1);
    dev = json_array_get(json_object_get(json_array_get(list, 0), "devices"),
                         0);
    regions = json_incref(json_object_get(dev, "regions"));
    json_object_del(dev, "regions");
    json = qmp_json_to_string(dev, false);
    /* Keys in the reference's order. */
    g_assert_cmpstr(json, ==,
        "{\"irq_pin\": 1, \"bus\": 0, \"qdev_id\": \"nic\", \"irq\": 10, "
        "\"slot\": 4, \"class_info\": {\"class\": 512, \"desc\": "
        "\"Ethernet controller\"}, \"id\": {\"device\": 22136, "
        "\"subsystem-vendor\": 6900, \"vendor\": 4660, \"subsystem\": 4352},"
        " \"function\": 0}");
    g_free(json);
    json = qmp_json_to_string(regions, false);
    g_assert_cmpstr(json, ==,
        "[{\"prefetch\": false, \"mem_type_64\": false, \"bar\": 0, "
        "\"size\": 4096, \"address\": -1, \"type\": \"memory\"}, "
        "{\"bar\": 1, \"size\": 32, \"address\": 49152, \"type\": \"io\"}, "
        "{\"prefetch\": true, \"mem_type_64\": true, \"bar\": 2, "
        "\"size\": 1048576, \"address\": -1, \"type\": \"memory\"}]");
    g_free(json);
    json_decref(regions);
    json_decref(list);
    g_string_free(out, true);
    del_dev(d);
}

static void test_qtree_lines(void)
{
    PCIDevice *d = add_dev("pci-testdev", "06.3", false, &error_abort);
    GString *out = g_string_new(NULL);

    qdev_print_qtree(out);
    g_assert_nonnull(strstr(out->str,
        "      dev: pci-testdev, id \"\"\n"
        "        membar = 0 (0 B)\n"
        "        addr = 06.3\n"
        "        romfile = \"\"\n"
        "        romsize = 4294967295 (0xffffffff)\n"
        "        rombar = 1 (0x1)\n"
        "        multifunction = false\n"
        "        x-pcie-lnksta-dllla = true\n"
        "        x-pcie-extcap-init = true\n"
        "        failover_pair_id = \"\"\n"
        "        acpi-index = 0 (0x0)\n"
        "        class Class 00ff, addr 00:06.3, pci id 1b36:0005 "
        "(sub 1af4:1100)\n"
        "        bar 0: mem at 0xffffffffffffffff [0xffe]\n"
        "        bar 1: i/o at 0xffffffffffffffff [0xfe]\n"));
    g_assert_nonnull(strstr(out->str, "    bus: pci.0\n      type PCI\n"));
    g_string_free(out, true);
    del_dev(d);
}

/* ---- pci-testdev ---- */

static void test_testdev_registers(void)
{
    PCIDevice *d = add_dev("pci-testdev", "06.0", false, &error_abort);
    int devfn = PCI_DEVFN(6, 0), i;
    char name[32];

    g_assert_cmphex(cfg_read(devfn, 0, 4), ==, 0x00051b36);
    g_assert_cmphex(cfg_read(devfn, PCI_REVISION_ID, 4), ==, 0x00ff0000);
    g_assert_cmphex(cfg_read(devfn, PCI_INTERRUPT_PIN, 1), ==, 0);
    cfg_write(devfn, 0x10, 0xffffffff, 4);
    cfg_write(devfn, 0x14, 0xffffffff, 4);
    g_assert_cmphex(cfg_read(devfn, 0x10, 4), ==, 0xfffff000);
    g_assert_cmphex(cfg_read(devfn, 0x14, 4), ==, 0xffffff01);
    cfg_write(devfn, 0x10, 0xfe000000, 4);
    cfg_write(devfn, 0x14, 0xc000, 4);
    cfg_write(devfn, PCI_COMMAND, PCI_COMMAND_IO | PCI_COMMAND_MEMORY, 2);

    /* Nothing selected: zeros. */
    g_assert_cmphex(io_read(0xc000), ==, 0);
    /* Test 0 of the I/O BAR is test 3, writing 0xfa at 0x83. */
    as_write(&address_space_io, 0xc000, 0, 1);
    g_assert_cmphex(io_read(0xc000), ==, 0x00000103);
    g_assert_cmphex(io_read(0xc004), ==, 0x83);
    g_assert_cmphex(io_read(0xc008), ==, 0xfa);
    for (i = 0; i < 32; i++) {
        name[i] = as_read(&address_space_io, 0xc010 + i, 1);
    }
    g_assert_cmpstr(name, ==, "portio-no-eventfd");
    /* The header reads the same through the memory BAR. */
    g_assert_cmphex(mem_read(0xfe000004), ==, 0x83);

    as_write(&address_space_io, 0xc083, 0xfa, 1);
    as_write(&address_space_io, 0xc083, 0xfb, 1);  /* data */
    as_write(&address_space_io, 0xc084, 0xfa, 1);  /* offset */
    /* Any alignment: this word's first byte is the test write. */
    as_write(&address_space_io, 0xc083, 0x00fa, 2);
    g_assert_cmpuint(io_read(0xc00c), ==, 2);
    g_assert_cmphex(as_read(&address_space_io, 0xc011, 2), ==, 0x726f);

    /* The wildcard test counts any value; selecting resets the count. */
    as_write(&address_space_io, 0xc000, 1, 1);
    g_assert_cmphex(io_read(0xc008), ==, 0xce);
    as_write(&address_space_io, 0xc084, 0x12, 1);
    g_assert_cmpuint(io_read(0xc00c), ==, 1);
    as_write(&address_space_io, 0xc000, 1, 1);
    g_assert_cmpuint(io_read(0xc00c), ==, 0);

    /* Memory BAR tests are 0-2, at 0x800 + N. */
    as_write(&address_space_memory, 0xfe000000, 2, 1);
    g_assert_cmphex(mem_read(0xfe000000), ==, 0x00000102);
    g_assert_cmphex(mem_read(0xfe000004), ==, 0x802);
    as_write(&address_space_memory, 0xfe000802, 0xfa, 1);
    g_assert_cmpuint(mem_read(0xfe00000c), ==, 1);
    /* Past the last test: deselected. */
    as_write(&address_space_memory, 0xfe000000, 3, 1);
    g_assert_cmphex(mem_read(0xfe000000), ==, 0);
    del_dev(d);
}

static void test_testdev_membar(void)
{
    DeviceState *dev = qdev_new("pci-testdev");
    Error *err = NULL;
    PCIDevice *d;

    object_property_set_uint(OBJECT(dev), "membar", 5000, &error_abort);
    g_assert_false(qdev_realize(dev, BUS(bus), &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "membar size 5000 is not a power of two");
    error_free(err);
    object_unref(OBJECT(dev));

    dev = qdev_new("pci-testdev");
    object_property_set_uint(OBJECT(dev), "membar", 1 * MiB, &error_abort);
    g_assert_true(qdev_realize_and_unref(dev, BUS(bus), &error_abort));
    d = PCI_DEVICE(dev);
    g_assert_cmpuint(pci_bar_size(d, 2), ==, 1 * MiB);
    g_assert_cmphex(cfg_read(d->devfn, 0x18, 4), ==, 0x0c);
    /* pci-testdev is for -device; the chipset functions are not. */
    g_assert_true(DEVICE_GET_CLASS(d)->user_creatable);
    del_dev(d);
}

int main(int argc, char **argv)
{
    Object *machine;

    g_test_init(&argc, &argv, NULL);
    qemu_init_main_loop();
    type_register_static_array(test_types, ARRAY_SIZE(test_types));
    machine = object_new("none-machine");
    object_property_add_child(object_get_root(), "machine", machine);
    object_unref(machine);
    qdev_machine_init();
    memory_map_init();
    setup_bus();

    g_test_add_func("/pci/config/ids-through-0xcf8-0xcfc", test_config_ids);
    g_test_add_func("/pci/config/write-masks", test_config_write_masks);
    g_test_add_func("/pci/config/status-write-1-to-clear",
                    test_config_status_w1c);
    g_test_add_func("/pci/bar/sizing", test_bar_sizing);
    g_test_add_func("/pci/bar/mapping-follows-command-and-bar",
                    test_bar_mapping);
    g_test_add_func("/pci/bar/64-bit-and-expansion-rom",
                    test_bar_64bit_and_rom);
    g_test_add_func("/pci/intx/routing-sharing-and-intx-disable",
                    test_intx_routing);
    g_test_add_func("/pci/caps/list-walk", test_cap_list_walk);
    g_test_add_func("/pci/msi/message-mask-and-pending", test_msi);
    g_test_add_func("/pci/placement/addr-property", test_addr_property);
    g_test_add_func("/pci/placement/errors", test_placement_errors);
    g_test_add_func("/pci/reset/clears-standard-registers",
                    test_reset_clears_header);
    g_test_add_func("/pci/monitor/info-pci-and-query-pci",
                    test_info_pci_and_query_pci);
    g_test_add_func("/pci/monitor/qtree-lines", test_qtree_lines);
    g_test_add_func("/pci/testdev/register-layout", test_testdev_registers);
    g_test_add_func("/pci/testdev/membar", test_testdev_membar);
    return g_test_run();
}
