/*
 * i8259.c: the 8259A programmable interrupt controller ("isa-i8259") and
 * the "pic-common" base it shares with the KVM in-kernel model.
 *
 * References: Intel 8259A datasheet (order no. 231468), sections
 * "Interrupt Sequence", "Programming the 8259A" (ICW1-ICW4, OCW1-OCW3),
 * "Operating modes" (fully nested, special fully nested, rotation, special
 * mask, poll, AEOI), "Edge and level triggered modes"; Intel 82371SB
 * (PIIX3) datasheet 4.1.6, ELCR1/ELCR2 at 0x4d0/0x4d1.
 *
 * Priorities are kept as a rotating window: priority_add is the line with
 * the highest priority, the others follow in circular order, so specific
 * and automatic rotation only move priority_add.
 */
#include "qemu/osdep.h"
#include "hw/intc/i8259_internal.h"
#include "hw/intc/ioapic.h"
#include "qapi/error.h"
#include "monitor/monitor.h"
#include "hw/qdev-gpio.h"

/* ICW1 (A0 = 0, D4 = 1) */
#define ICW1_IC4    0x01        /* ICW4 will follow */
#define ICW1_SNGL   0x02        /* single: no ICW3 */
#define ICW1_LTIM   0x08        /* level triggered mode */
#define ICW1_SEL    0x10
/* OCW3 (A0 = 0, D4 = 0, D3 = 1) */
#define OCW3_SEL    0x08
#define OCW3_RIS    0x01
#define OCW3_RR     0x02
#define OCW3_P      0x04
#define OCW3_SMM    0x20
#define OCW3_ESMM   0x40
/* ICW4 */
#define ICW4_AEOI   0x02
#define ICW4_SFNM   0x10
/* OCW2 R/SL/EOI field (bits 7-5) */
#define OCW2_ROTATE_AEOI_CLEAR  0
#define OCW2_EOI                1
#define OCW2_NOP                2
#define OCW2_SPECIFIC_EOI       3
#define OCW2_ROTATE_AEOI_SET    4
#define OCW2_ROTATE_EOI         5
#define OCW2_SET_PRIORITY       6
#define OCW2_ROTATE_SPECIFIC    7

DeviceState *isa_pic;

/* ---- priority resolution ---- */

/* Rank (0 = highest) of the best line in mask, 8 if none. */
static int get_priority(PICCommonState *s, uint8_t mask)
{
    int rank;

    for (rank = 0; rank < 8; rank++) {
        if (mask & (1 << ((rank + s->priority_add) & 7))) {
            return rank;
        }
    }
    return 8;
}

/*
 * The line the chip would present on INT now, or -1: the best unmasked
 * request must outrank every level in service ("fully nested mode").  In
 * special mask mode, masked in-service levels stop blocking; in special
 * fully nested mode the master lets a slave interrupt through while
 * another one from the same slave is in service (datasheet, "Special
 * Fully Nested Mode").
 */
static int pic_get_irq(PICCommonState *s)
{
    uint8_t in_service = s->isr;
    int req = get_priority(s, s->irr & ~s->imr);

    if (req == 8) {
        return -1;
    }
    if (s->special_mask) {
        in_service &= ~s->imr;
    }
    if (s->special_fully_nested_mode && s->master) {
        in_service &= ~(1 << 2);
    }
    if (req < get_priority(s, in_service)) {
        return (req + s->priority_add) & 7;
    }
    return -1;
}

static void pic_update_irq(PICCommonState *s)
{
    int level = pic_get_irq(s) >= 0;

    if (level != s->int_level) {
        s->int_level = level;
        if (s->int_out) {
            qemu_set_irq(s->int_out, level);
        }
    }
}

/* An input line changed (the qemu_irq handler of the 8 inputs). */
static void pic_set_irq(void *opaque, int n, int level)
{
    PICCommonState *s = opaque;
    uint8_t mask = 1 << n;

    if ((s->elcr | (s->ltim ? 0xff : 0)) & mask) {
        /* Level triggered: IRR follows the line. */
        if (level) {
            s->irr |= mask;
        } else {
            s->irr &= ~mask;
        }
    } else if (level && !(s->last_irr & mask)) {
        /* Edge triggered: a rising edge latches the request. */
        s->irr |= mask;
    }
    if (level) {
        s->irq_count[n]++;
        s->last_irr |= mask;
    } else {
        s->last_irr &= ~mask;
    }
    pic_update_irq(s);
}

/*
 * Second INTA pulse: the request moves to in-service (unless AEOI, which
 * may rotate).  An edge request is consumed; a level request stays in IRR
 * as long as its line is high.
 */
static void pic_intack(PICCommonState *s, int irq)
{
    if (s->auto_eoi) {
        if (s->rotate_on_auto_eoi) {
            s->priority_add = (irq + 1) & 7;
        }
    } else {
        s->isr |= 1 << irq;
    }
    if (!((s->elcr | (s->ltim ? 0xff : 0)) & (1 << irq))) {
        s->irr &= ~(1 << irq);
    }
}

static PICCommonState *pic_slave_of(PICCommonState *master)
{
    ISADevice *d = ISA_DEVICE(master);
    BusState *bus = DEVICE(d)->parent_bus;
    GSList *l;

    for (l = bus ? bus->children : NULL; l; l = l->next) {
        Object *o = object_dynamic_cast(l->data, TYPE_PIC_COMMON);
        if (o && !PIC_COMMON(o)->master) {
            return PIC_COMMON(o);
        }
    }
    return NULL;
}

int pic_read_irq(DeviceState *dev)
{
    PICCommonState *s = PIC_COMMON(dev);
    PICCommonState *slave = pic_slave_of(s);
    int irq = pic_get_irq(s), vector;

    if (irq < 0) {
        /* Nothing left to acknowledge: the 8259A answers with IR7. */
        vector = s->irq_base + 7;
    } else if (irq == 2 && slave) {
        int irq2 = pic_get_irq(slave);

        if (irq2 >= 0) {
            pic_intack(slave, irq2);
        } else {
            irq2 = 7;           /* spurious on the slave: IRQ 15 */
        }
        vector = slave->irq_base + irq2;
        pic_intack(s, irq);
    } else {
        vector = s->irq_base + irq;
        pic_intack(s, irq);
    }
    if (slave) {
        pic_update_irq(slave);
    }
    pic_update_irq(s);
    return vector;
}

int pic_get_output(DeviceState *dev)
{
    return PIC_COMMON(dev)->int_level;
}

/* Poll command (datasheet, "The Poll Command"): the read acts as INTA. */
static uint8_t pic_poll_read(PICCommonState *s)
{
    int irq = pic_get_irq(s);

    s->poll = 0;
    if (irq < 0) {
        return 0;
    }
    pic_intack(s, irq);
    pic_update_irq(s);
    return 0x80 | irq;
}

/* ---- initialization and commands ---- */

/*
 * ICW1 resets the chip (datasheet, "Initialization Command Words"): the
 * edge latches are cleared, the mask is cleared, IR7 gets the lowest
 * priority, special mask mode is off and reads return IRR; without IC4
 * the ICW4 functions are cleared.  Line levels are remembered so that a
 * level-triggered line still high is seen at once.
 */
static void pic_init_reset(PICCommonState *s)
{
    s->irr = s->last_irr & (s->elcr | (s->ltim ? 0xff : 0));
    s->imr = 0;
    s->isr = 0;
    s->priority_add = 0;
    s->irq_base = 0;
    s->read_reg_select = 0;
    s->poll = 0;
    s->special_mask = 0;
    s->init_state = 0;
    s->auto_eoi = 0;
    s->rotate_on_auto_eoi = 0;
    s->special_fully_nested_mode = 0;
    s->init4 = 0;
    s->single_mode = 0;
    s->ltim = 0;
}

static void pic_write_ocw2(PICCommonState *s, uint8_t val)
{
    int level = val & 7, irq;

    switch (val >> 5) {
    case OCW2_ROTATE_AEOI_CLEAR:
    case OCW2_ROTATE_AEOI_SET:
        s->rotate_on_auto_eoi = (val >> 5) == OCW2_ROTATE_AEOI_SET;
        break;
    case OCW2_EOI:
    case OCW2_ROTATE_EOI:
        /* Non-specific EOI: the highest level in service. */
        irq = get_priority(s, s->isr);
        if (irq != 8) {
            irq = (irq + s->priority_add) & 7;
            s->isr &= ~(1 << irq);
            if ((val >> 5) == OCW2_ROTATE_EOI) {
                s->priority_add = (irq + 1) & 7;
            }
        }
        break;
    case OCW2_SPECIFIC_EOI:
        s->isr &= ~(1 << level);
        break;
    case OCW2_ROTATE_SPECIFIC:
        s->isr &= ~(1 << level);
        s->priority_add = (level + 1) & 7;
        break;
    case OCW2_SET_PRIORITY:
        /* Line L becomes the lowest priority. */
        s->priority_add = (level + 1) & 7;
        break;
    case OCW2_NOP:
        break;
    }
}

static void pic_command_write(PICCommonState *s, uint8_t val)
{
    if (val & ICW1_SEL) {
        pic_init_reset(s);
        s->init_state = 1;
        s->init4 = val & ICW1_IC4;
        s->single_mode = !!(val & ICW1_SNGL);
        s->ltim = !!(val & ICW1_LTIM);
        if (s->ltim) {
            s->irr = s->last_irr;
        }
    } else if (val & OCW3_SEL) {
        if (val & OCW3_P) {
            s->poll = 1;
        }
        if (val & OCW3_RR) {
            s->read_reg_select = val & OCW3_RIS;
        }
        if (val & OCW3_ESMM) {
            s->special_mask = !!(val & OCW3_SMM);
        }
    } else {
        pic_write_ocw2(s, val);
    }
}

static void pic_data_write(PICCommonState *s, uint8_t val)
{
    switch (s->init_state) {
    case 0:                     /* OCW1: the mask */
        s->imr = val;
        break;
    case 1:                     /* ICW2: vector base T7-T3 */
        s->irq_base = val & 0xf8;
        s->init_state = s->single_mode ? (s->init4 ? 3 : 0) : 2;
        break;
    case 2:                     /* ICW3: the cascade is wired by the board */
        s->init_state = s->init4 ? 3 : 0;
        break;
    case 3:                     /* ICW4 */
        s->special_fully_nested_mode = !!(val & ICW4_SFNM);
        s->auto_eoi = !!(val & ICW4_AEOI);
        s->init_state = 0;
        break;
    }
}

static void pic_ioport_write(void *opaque, hwaddr addr, uint64_t val,
                             unsigned size)
{
    PICCommonState *s = opaque;

    if (addr == 0) {
        pic_command_write(s, val);
    } else {
        pic_data_write(s, val);
    }
    pic_update_irq(s);
}

static uint64_t pic_ioport_read(void *opaque, hwaddr addr, unsigned size)
{
    PICCommonState *s = opaque;

    if (s->poll) {
        return pic_poll_read(s);
    }
    if (addr == 0) {
        return s->read_reg_select ? s->isr : s->irr;
    }
    return s->imr;
}

static const MemoryRegionOps pic_base_ioport_ops = {
    .read = pic_ioport_read,
    .write = pic_ioport_write,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

/* ELCR (PIIX3 4.1.6): bits outside elcr_mask (IRQ 0, 1, 2, 8, 13) stay 0. */
static void elcr_ioport_write(void *opaque, hwaddr addr, uint64_t val,
                              unsigned size)
{
    PICCommonState *s = opaque;

    s->elcr = val & s->elcr_mask;
}

static uint64_t elcr_ioport_read(void *opaque, hwaddr addr, unsigned size)
{
    return ((PICCommonState *)opaque)->elcr;
}

static const MemoryRegionOps pic_elcr_ioport_ops = {
    .read = elcr_ioport_read,
    .write = elcr_ioport_write,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

/* ---- info pic ---- */

static void pic_print_one(Monitor *mon, PICCommonState *s)
{
    monitor_printf(mon, "pic%d: irr=%02x imr=%02x isr=%02x hprio=%d "
                   "irq_base=%02x rr_sel=%d elcr=%02x fnm=%d\n",
                   s->master ? 0 : 1, s->irr, s->imr, s->isr,
                   s->priority_add, s->irq_base, s->read_reg_select,
                   s->elcr, s->special_fully_nested_mode);
}

/* As QEMU: the IOAPIC's state, then the two 8259s. */
static void hmp_info_pic(Monitor *mon, const char *args)
{
    PICCommonState *master, *slave;

    ioapic_print_info(mon);
    if (!isa_pic) {
        return;
    }
    master = PIC_COMMON(isa_pic);
    slave = pic_slave_of(master);
    if (slave) {
        pic_print_one(mon, slave);
    }
    pic_print_one(mon, master);
}

/* The master speaks for the pair: ISA lines 0-15. */
static void hmp_info_irq(Monitor *mon, const char *args)
{
    PICCommonState *master, *slave;
    uint64_t count;
    int i;

    ioapic_print_irq_stats(mon);
    if (!isa_pic) {
        return;
    }
    master = PIC_COMMON(isa_pic);
    slave = pic_slave_of(master);
    monitor_printf(mon, "IRQ statistics for %s:\n",
                   object_get_typename(OBJECT(master)));
    for (i = 0; i < 16; i++) {
        count = i < 8 ? master->irq_count[i]
                      : slave ? slave->irq_count[i - 8] : 0;
        if (count) {
            monitor_printf(mon, "%2d: %" PRIu64 "\n", i, count);
        }
    }
}

/* ---- life cycle ---- */

static void pic_reset(DeviceState *dev)
{
    PICCommonState *s = PIC_COMMON(dev);

    s->elcr = 0;
    pic_init_reset(s);
    pic_update_irq(s);
}

static bool pic_realize(DeviceState *dev, Error **errp)
{
    PICCommonState *s = PIC_COMMON(dev);
    ISADevice *isa = ISA_DEVICE(dev);

    if (s->iobase > 0xfffe || s->elcr_addr > 0xffff) {
        error_setg(errp, "i8259: iobase and elcr_addr must be set");
        return false;
    }
    memory_region_init_io(&s->base_io, OBJECT(dev), &pic_base_ioport_ops, s,
                          "pic", 2);
    memory_region_init_io(&s->elcr_io, OBJECT(dev), &pic_elcr_ioport_ops, s,
                          "elcr", 1);
    isa_register_ioport(isa, &s->base_io, s->iobase);
    isa_register_ioport(isa, &s->elcr_io, s->elcr_addr);
    /* As the reference: gpio-out "" 1 (INT), gpio-in "" 8 (IR0-7). */
    qdev_init_gpio_out(dev, &s->int_out, 1);
    qdev_init_gpio_in(dev, pic_set_irq, 8);
    return true;
}

static void pic_unrealize(DeviceState *dev)
{
    PICCommonState *s = PIC_COMMON(dev);

    if (isa_pic == dev) {
        isa_pic = NULL;
    }
    memory_region_del_subregion(isa_address_space_io(ISA_DEVICE(dev)),
                                &s->base_io);
    memory_region_del_subregion(isa_address_space_io(ISA_DEVICE(dev)),
                                &s->elcr_io);
}

qemu_irq *i8259_init(ISABus *bus, qemu_irq parent_irq)
{
    qemu_irq *irqs = g_new0(qemu_irq, ISA_NUM_IRQS);
    DeviceState *dev, *master;
    int i;

    dev = qdev_new(TYPE_I8259);
    object_property_set_uint(OBJECT(dev), "iobase", 0x20, &error_abort);
    object_property_set_uint(OBJECT(dev), "elcr_addr", 0x4d0, &error_abort);
    object_property_set_uint(OBJECT(dev), "elcr_mask", 0xf8, &error_abort);
    object_property_set_bool(OBJECT(dev), "master", true, &error_abort);
    qdev_realize_and_unref(dev, BUS(bus), &error_abort);
    qdev_connect_gpio_out(dev, 0, parent_irq);
    for (i = 0; i < 8; i++) {
        irqs[i] = qdev_get_gpio_in(dev, i);
    }
    master = isa_pic = dev;

    dev = qdev_new(TYPE_I8259);
    object_property_set_uint(OBJECT(dev), "iobase", 0xa0, &error_abort);
    object_property_set_uint(OBJECT(dev), "elcr_addr", 0x4d1, &error_abort);
    object_property_set_uint(OBJECT(dev), "elcr_mask", 0xde, &error_abort);
    qdev_realize_and_unref(dev, BUS(bus), &error_abort);
    /* The cascade: the slave's INT is the master's IR2. */
    qdev_connect_gpio_out(dev, 0, qdev_get_gpio_in(master, 2));
    for (i = 0; i < 8; i++) {
        irqs[8 + i] = qdev_get_gpio_in(dev, i);
    }
    return irqs;
}

static Property pic_common_properties[] = {
    DEFINE_PROP_UINT32("iobase", PICCommonState, iobase, -1),
    DEFINE_PROP_UINT32("elcr_addr", PICCommonState, elcr_addr, -1),
    DEFINE_PROP_UINT8("elcr_mask", PICCommonState, elcr_mask, -1),
    DEFINE_PROP_BIT("master", PICCommonState, master, 0, false),
    DEFINE_PROP_END_OF_LIST(),
};

static void pic_common_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    device_class_set_props(dc, pic_common_properties);
    /* The pair is wired by the board (cascade, CPU output). */
    dc->user_creatable = false;
}

static void i8259_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = pic_realize;
    dc->unrealize = pic_unrealize;
    dc->reset = pic_reset;
}

static const TypeInfo i8259_types[] = {
    {
        .name = TYPE_PIC_COMMON,
        .parent = TYPE_ISA_DEVICE,
        .instance_size = sizeof(PICCommonState),
        .abstract = true,
        .class_init = pic_common_class_init,
    },
    {
        .name = TYPE_I8259,
        .parent = TYPE_PIC_COMMON,
        .instance_size = sizeof(PICCommonState),
        .class_init = i8259_class_init,
    },
};

static void i8259_register_types(void)
{
    type_register_static_array(i8259_types, ARRAY_SIZE(i8259_types));
    hmp_register_info("pic", "", "show PIC state", hmp_info_pic);
    hmp_register_info("irq", "", "show the interrupts statistics (if "
                      "available)", hmp_info_irq);
}

type_init(i8259_register_types)
