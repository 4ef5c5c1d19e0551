/*
 * pc-testdev.c: the test device kvm-unit-tests drives ("pc-testdev").
 *
 * Its layout, as on the reference:
 *   I/O 0xe0-0xe3  "pc-testdev-ioport": a 32-bit scratch register that
 *                  accesses of any size and offset read and write in place;
 *   I/O 0xe4-0xe7  "pc-testdev-flush-page": a 32-bit write of a guest
 *                  physical address drops the host mappings of that page
 *                  so the accelerator has to fault it in again (a TLB /
 *                  EPT invalidation test); reads return 0;
 *   I/O 0xe8-0xeb  "pc-testdev-ioport-byte": the same scratch register
 *                  through byte-wide accesses only (wider ones are split);
 *   I/O 0x2000-0x2017 "pc-testdev-irq-line": writing V to 0x2000+N sets
 *                  ISA interrupt line N to V != 0 (lines 16-23 go
 *                  nowhere: the ISA bus has 16);
 *   memory 0xff000000-0xff00ffff "pc-testdev-iomem": 64 KiB of scratch
 *                  MMIO that reads back what was written.
 */
#include "qemu/osdep.h"
#include <sys/mman.h>
#include "hw/isa/isa.h"

#define TYPE_PC_TESTDEV "pc-testdev"
#define IOMEM_BASE 0xff000000
#define IOMEM_LEN 0x10000
#define IRQ_LINES 24

typedef struct PCTestdevState {
    ISADevice parent_obj;
    MemoryRegion ioport;
    MemoryRegion flush;
    MemoryRegion ioport_byte;
    MemoryRegion irq;
    MemoryRegion iomem;
    uint32_t ioport_data;
    uint8_t iomem_buf[IOMEM_LEN];
} PCTestdevState;

#define PC_TESTDEV(obj) OBJECT_CHECK(PCTestdevState, (obj), TYPE_PC_TESTDEV)

/* ---- the scratch register ---- */

static uint32_t field_mask(hwaddr addr, unsigned size)
{
    return (size >= 4 ? 0xffffffffu : (1u << (size * 8)) - 1)
           << ((addr & 3) * 8);
}

static uint64_t testdev_ioport_read(void *opaque, hwaddr addr, unsigned size)
{
    PCTestdevState *s = opaque;

    return (s->ioport_data & field_mask(addr, size)) >> ((addr & 3) * 8);
}

static void testdev_ioport_write(void *opaque, hwaddr addr, uint64_t val,
                                 unsigned size)
{
    PCTestdevState *s = opaque;
    uint32_t mask = field_mask(addr, size);

    s->ioport_data = (s->ioport_data & ~mask) |
                     (((uint32_t)val << ((addr & 3) * 8)) & mask);
}

static const MemoryRegionOps testdev_ioport_ops = {
    .read = testdev_ioport_read,
    .write = testdev_ioport_write,
    .valid = { .min_access_size = 1, .max_access_size = 4,
               .unaligned = true },
    .impl = { .min_access_size = 1, .max_access_size = 4,
              .unaligned = true },
};

static const MemoryRegionOps testdev_ioport_byte_ops = {
    .read = testdev_ioport_read,
    .write = testdev_ioport_write,
    .valid = { .min_access_size = 1, .max_access_size = 4,
               .unaligned = true },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

/* ---- page flush ---- */

/*
 * Taking write permission away and giving it back makes the kernel
 * invalidate every secondary mapping of the page (KVM's EPT/shadow
 * entries) through its MMU notifiers; the guest's next access faults the
 * page in again.  Only whole, page-aligned guest RAM pages are touched;
 * read permission stays, so other threads reading the page are safe.
 */
static void testdev_flush_write(void *opaque, hwaddr addr, uint64_t val,
                                unsigned size)
{
    long host_page = sysconf(_SC_PAGESIZE);
    hwaddr page = (uint32_t)val & ~(hwaddr)0xfff;
    hwaddr len = 0x1000;
    void *p = address_space_map_ram(&address_space_memory, page, &len, true);

    if (!p || len < 0x1000 || host_page != 0x1000 ||
        ((uintptr_t)p & (host_page - 1))) {
        return;
    }
    if (mprotect(p, len, PROT_READ) == 0) {
        mprotect(p, len, PROT_READ | PROT_WRITE);
    }
}

static uint64_t testdev_flush_read(void *opaque, hwaddr addr, unsigned size)
{
    return 0;
}

static const MemoryRegionOps testdev_flush_ops = {
    .read = testdev_flush_read,
    .write = testdev_flush_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
};

/* ---- interrupt lines ---- */

static void testdev_irq_write(void *opaque, hwaddr addr, uint64_t val,
                              unsigned size)
{
    PCTestdevState *s = opaque;

    if (addr < ISA_NUM_IRQS) {
        qemu_set_irq(isa_get_irq(ISA_DEVICE(s), addr), val != 0);
    }
}

static uint64_t testdev_irq_read(void *opaque, hwaddr addr, unsigned size)
{
    return 0;
}

static const MemoryRegionOps testdev_irq_ops = {
    .read = testdev_irq_read,
    .write = testdev_irq_write,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

/* ---- scratch memory ---- */

static uint64_t testdev_iomem_read(void *opaque, hwaddr addr, unsigned size)
{
    PCTestdevState *s = opaque;
    uint64_t v = 0;

    if (addr + size > IOMEM_LEN) {
        return 0;
    }
    memcpy(&v, &s->iomem_buf[addr], size);
    return le64toh(v);
}

static void testdev_iomem_write(void *opaque, hwaddr addr, uint64_t val,
                                unsigned size)
{
    PCTestdevState *s = opaque;
    uint64_t v = htole64(val);

    if (addr + size > IOMEM_LEN) {
        return;
    }
    memcpy(&s->iomem_buf[addr], &v, size);
}

static const MemoryRegionOps testdev_iomem_ops = {
    .read = testdev_iomem_read,
    .write = testdev_iomem_write,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
    .impl = { .min_access_size = 1, .max_access_size = 8 },
};

/* ---- device ---- */

static bool testdev_realize(DeviceState *dev, Error **errp)
{
    PCTestdevState *s = PC_TESTDEV(dev);
    ISADevice *isa = ISA_DEVICE(dev);
    MemoryRegion *io = isa_address_space_io(isa);
    Object *obj = OBJECT(dev);

    memory_region_init_io(&s->ioport, obj, &testdev_ioport_ops, s,
                          "pc-testdev-ioport", 4);
    memory_region_init_io(&s->flush, obj, &testdev_flush_ops, s,
                          "pc-testdev-flush-page", 4);
    memory_region_init_io(&s->ioport_byte, obj, &testdev_ioport_byte_ops, s,
                          "pc-testdev-ioport-byte", 4);
    memory_region_init_io(&s->irq, obj, &testdev_irq_ops, s,
                          "pc-testdev-irq-line", IRQ_LINES);
    memory_region_init_io(&s->iomem, obj, &testdev_iomem_ops, s,
                          "pc-testdev-iomem", IOMEM_LEN);
    memory_region_add_subregion(io, 0xe0, &s->ioport);
    memory_region_add_subregion(io, 0xe4, &s->flush);
    memory_region_add_subregion(io, 0xe8, &s->ioport_byte);
    memory_region_add_subregion(io, 0x2000, &s->irq);
    memory_region_add_subregion(isa_address_space(isa), IOMEM_BASE,
                                &s->iomem);
    return true;
}

static void testdev_unrealize(DeviceState *dev)
{
    PCTestdevState *s = PC_TESTDEV(dev);
    ISADevice *isa = ISA_DEVICE(dev);
    MemoryRegion *io = isa_address_space_io(isa);

    memory_region_del_subregion(io, &s->ioport);
    memory_region_del_subregion(io, &s->flush);
    memory_region_del_subregion(io, &s->ioport_byte);
    memory_region_del_subregion(io, &s->irq);
    memory_region_del_subregion(isa_address_space(isa), &s->iomem);
}

static void testdev_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = testdev_realize;
    dc->unrealize = testdev_unrealize;
    dc->user_creatable = true;
    device_class_set_category(dc, DEVICE_CATEGORY_MISC);
}

static const TypeInfo testdev_type = {
    .name = TYPE_PC_TESTDEV,
    .parent = TYPE_ISA_DEVICE,
    .instance_size = sizeof(PCTestdevState),
    .class_init = testdev_class_init,
};

static void testdev_register_types(void)
{
    type_register_static(&testdev_type);
}

type_init(testdev_register_types)
