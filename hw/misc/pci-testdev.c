/*
 * pci-testdev.c: "pci-testdev" (1b36:0005), the PCI device QEMU offers
 * guests (kvm-unit-tests) to test low-level I/O, with the reference's
 * register layout (QEMU's docs/specs/pci-testdev.rst):
 *
 * BAR0 is a 4 KiB memory BAR ("pci-testdev-mmio"), BAR1 a 256-byte I/O
 * BAR ("pci-testdev-portio"), BAR2 with membar=SIZE a 64-bit prefetchable
 * memory BAR of that size with nothing behind it.  Each of BAR0/1 starts
 * with a test header:
 *
 *   +0  test     write: select test N of this BAR (N >= 3: none)
 *   +1  width    access width of the test (1)
 *   +4  offset   where in the BAR the test writes go
 *   +8  data     the value to write (0xfa; 0xce: any value counts)
 *   +12 count    writes seen since the test was selected
 *   +16 name     "mmio-no-eventfd", "portio-datamatch-eventfd", ...
 *
 * Reading either BAR returns the header of the selected test (of either
 * BAR), byte by byte; beyond it, and with no test selected, zeros.  The
 * tests of BAR0 are numbered 0-2 with offsets 0x800-0x802, those of BAR1
 * 3-5 with offsets 0x83-0x85.  A test counts writes of its data at its
 * offset (any data for the wildcard tests).  The reference can serve the
 * "eventfd" tests with KVM ioeventfds, which swallow the writes (the
 * count stays 0, which the tests accept); here every test counts.
 */
#include "qemu/osdep.h"
#include "hw/pci/pci.h"

#define TYPE_PCI_TEST_DEV "pci-testdev"
#define PCI_TEST_DEV(obj) \
    OBJECT_CHECK(PCITestDevState, (obj), TYPE_PCI_TEST_DEV)

#define IOTEST_MEMSIZE 2048         /* tests of BAR0 write above this */
#define IOTEST_IOSIZE 128           /* tests of BAR1 write above this */
#define IOTEST_MAX_TEST 3           /* tests per BAR */
#define IOTEST_MAX (2 * IOTEST_MAX_TEST)
#define IOTEST_DATAMATCH 0xfa
#define IOTEST_NOMATCH 0xce
#define IOTEST_HDR_SIZE 16
#define IOTEST_NAME_MAX 32

enum { IOTEST_MMIO = 0, IOTEST_PORTIO = 1 };

static const char *const iotest_test[IOTEST_MAX_TEST] = {
    "no-eventfd", "wildcard-eventfd", "datamatch-eventfd",
};
static const char *const iotest_type[2] = { "mmio", "portio" };

typedef struct IOTest {
    uint8_t buf[IOTEST_HDR_SIZE + IOTEST_NAME_MAX];    /* header + name */
    unsigned bufsize;
    bool match_data;
} IOTest;

typedef struct PCITestDevState {
    PCIDevice parent_obj;
    /* properties */
    uint64_t membar_size;
    /* state */
    MemoryRegion mmio;
    MemoryRegion portio;
    MemoryRegion membar;
    IOTest tests[IOTEST_MAX];
    int current;                    /* selected test, -1: none */
} PCITestDevState;

static uint32_t iotest_offset(const IOTest *t)
{
    return pci_get_long(t->buf + 4);
}

static uint64_t pci_testdev_read(void *opaque, hwaddr addr, unsigned size)
{
    PCITestDevState *d = opaque;
    IOTest *t;

    if (d->current < 0) {
        return 0;
    }
    t = &d->tests[d->current];
    return addr < t->bufsize ? t->buf[addr] : 0;
}

static void pci_testdev_write(PCITestDevState *d, hwaddr addr, uint64_t val,
                              int type)
{
    IOTest *t;

    if (addr == 0) {
        d->current = -1;
        if (val >= IOTEST_MAX_TEST) {
            return;
        }
        d->current = type * IOTEST_MAX_TEST + val;
        pci_set_long(d->tests[d->current].buf + 12, 0);
        return;
    }
    if (d->current < 0) {
        return;
    }
    t = &d->tests[d->current];
    if (addr != iotest_offset(t)) {
        return;
    }
    if (t->match_data && val != t->buf[8]) {
        return;
    }
    pci_set_long(t->buf + 12, pci_get_long(t->buf + 12) + 1);
}

static void pci_testdev_mmio_write(void *opaque, hwaddr addr, uint64_t val,
                                   unsigned size)
{
    pci_testdev_write(opaque, addr, val, IOTEST_MMIO);
}

static void pci_testdev_pio_write(void *opaque, hwaddr addr, uint64_t val,
                                  unsigned size)
{
    pci_testdev_write(opaque, addr, val, IOTEST_PORTIO);
}

/*
 * Byte registers: wider accesses are split by the memory core, and the
 * reference takes them at any alignment (a word written at 0x83 counts).
 */
static const MemoryRegionOps pci_testdev_mmio_ops = {
    .read = pci_testdev_read,
    .write = pci_testdev_mmio_write,
    .valid = { .unaligned = true },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

static const MemoryRegionOps pci_testdev_pio_ops = {
    .read = pci_testdev_read,
    .write = pci_testdev_pio_write,
    .valid = { .unaligned = true },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

static void pci_testdev_init_tests(PCITestDevState *d)
{
    int i;

    for (i = 0; i < IOTEST_MAX; i++) {
        IOTest *t = &d->tests[i];
        int type = i / IOTEST_MAX_TEST;
        const char *test = iotest_test[i % IOTEST_MAX_TEST];
        g_autofree char *name = g_strdup_printf("%s-%s", iotest_type[type],
                                                test);

        memset(t->buf, 0, sizeof(t->buf));
        t->match_data = strcmp(test, "wildcard-eventfd") != 0;
        t->buf[0] = i;
        t->buf[1] = 1;
        pci_set_long(t->buf + 4, (type == IOTEST_MMIO ? IOTEST_MEMSIZE :
                                  IOTEST_IOSIZE) + i);
        t->buf[8] = t->match_data ? IOTEST_DATAMATCH : IOTEST_NOMATCH;
        g_strlcpy((char *)t->buf + IOTEST_HDR_SIZE, name, IOTEST_NAME_MAX);
        t->bufsize = IOTEST_HDR_SIZE + strlen(name) + 1;
    }
}

static void pci_testdev_reset(PCIDevice *dev)
{
    PCI_TEST_DEV(dev)->current = -1;
}

static bool pci_testdev_realize(PCIDevice *dev, Error **errp)
{
    PCITestDevState *d = PCI_TEST_DEV(dev);
    uint64_t mb = d->membar_size;

    /* A BAR's size is a power of two (the reference asserts instead). */
    if (mb && (mb & (mb - 1))) {
        error_setg(errp, "membar size %" PRIu64 " is not a power of two",
                   mb);
        return false;
    }
    dev->config[PCI_INTERRUPT_PIN] = 0;
    memory_region_init_io(&d->mmio, OBJECT(d), &pci_testdev_mmio_ops, d,
                          "pci-testdev-mmio", IOTEST_MEMSIZE * 2);
    memory_region_init_io(&d->portio, OBJECT(d), &pci_testdev_pio_ops, d,
                          "pci-testdev-portio", IOTEST_IOSIZE * 2);
    pci_register_bar(dev, 0, PCI_BASE_ADDRESS_SPACE_MEMORY, &d->mmio);
    pci_register_bar(dev, 1, PCI_BASE_ADDRESS_SPACE_IO, &d->portio);
    if (mb) {
        memory_region_init(&d->membar, OBJECT(d), "pci-testdev-membar", mb);
        pci_register_bar(dev, 2, PCI_BASE_ADDRESS_SPACE_MEMORY |
                         PCI_BASE_ADDRESS_MEM_PREFETCH |
                         PCI_BASE_ADDRESS_MEM_TYPE_64, &d->membar);
    }
    pci_testdev_init_tests(d);
    d->current = -1;
    return true;
}

static Property pci_testdev_props[] = {
    DEFINE_PROP_SIZE("membar", PCITestDevState, membar_size, 0),
    DEFINE_PROP_END_OF_LIST(),
};

static void pci_testdev_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    PCIDeviceClass *k = PCI_DEVICE_CLASS(klass);

    k->realize = pci_testdev_realize;
    k->reset = pci_testdev_reset;
    k->vendor_id = PCI_VENDOR_ID_REDHAT;
    k->device_id = PCI_DEVICE_ID_REDHAT_TEST;
    k->revision = 0x00;
    k->class_id = PCI_CLASS_OTHERS;
    dc->desc = "PCI Test Device";
    device_class_set_category(dc, DEVICE_CATEGORY_MISC);
    device_class_set_props(dc, pci_testdev_props);
}

static const TypeInfo pci_testdev_type = {
    .name = TYPE_PCI_TEST_DEV,
    .parent = TYPE_PCI_DEVICE,
    .instance_size = sizeof(PCITestDevState),
    .class_init = pci_testdev_class_init,
    .interfaces = (InterfaceInfo[]) {
        { INTERFACE_CONVENTIONAL_PCI_DEVICE },
        { },
    },
};

static void pci_testdev_register_types(void)
{
    type_register_static(&pci_testdev_type);
}

type_init(pci_testdev_register_types)
