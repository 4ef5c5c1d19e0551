/*
 * ioapic.c: the I/O APIC ("ioapic") and its "ioapic-common" base.
 *
 * Reference: Intel 82093AA I/O APIC datasheet (order no. 290566):
 * 3.0 register description (IOREGSEL at 0x00, IOWIN at 0x10), 3.2.1
 * IOAPICID, 3.2.2 IOAPICVER, 3.2.3 IOAPICARB, 3.2.4 IOREDTBL (vector,
 * delivery mode, destination mode, delivery status, polarity, remote IRR,
 * trigger mode, mask, destination).  Version 0x20 adds the EOI register at
 * offset 0x40 (as the ICH's IOxAPIC, used by KVM and the reference).
 *
 * Messages go to the local APICs as MSI-format writes at 0xfee00000.  Pin
 * polarity is recorded but not applied: GSIs are modelled active-high as
 * the firmware tables describe them.
 */
#include "qemu/osdep.h"
#include "hw/intc/ioapic_internal.h"
#include "hw/i386/apic.h"
#include "qapi/error.h"
#include "monitor/monitor.h"
#include "hw/qdev-gpio.h"

#define IOAPIC_IOREGSEL     0x00
#define IOAPIC_IOWIN        0x10
#define IOAPIC_EOI          0x40
#define IOAPIC_VER_MAX_REDIR_SHIFT 16
#define IOAPIC_ID_MASK      0xf
#define MAX_IOAPICS         8

static IOAPICCommonState *ioapics[MAX_IOAPICS];

/* ---- delivery ---- */

/*
 * Send every pending, unmasked request (82093AA 3.2.4): an edge request
 * is consumed when sent; a level request sets remote IRR and is not sent
 * again until the EOI clears it.
 */
/*
 * A redirection entry as an APIC bus message: an MSI-format write to
 * 0xfeeDD00x (SDM vol. 3 10.11.1/10.11.2) on the memory address space,
 * so it reaches whichever local APIC model owns that window (the
 * userspace one, or the accelerator's with kernel_irqchip=split).
 */
static uint64_t ioapic_msi_addr(uint64_t entry)
{
    return APIC_DEFAULT_ADDRESS |
           ((entry >> IOAPIC_DEST_SHIFT) & 0xff) << 12 |
           (entry & IOAPIC_DESTMODE_LOGICAL ? 1 << 2 : 0);
}

static uint32_t ioapic_msi_data(uint64_t entry)
{
    return (entry & IOAPIC_VECTOR_MASK) |
           ((entry & IOAPIC_DM_MASK) >> IOAPIC_DM_SHIFT) << 8 |
           (entry & IOAPIC_TRIGGER_LEVEL ? 1 << 15 : 0);
}

static IOAPICRouteNotifier *route_notifier;

void ioapic_set_route_notifier(IOAPICRouteNotifier *fn)
{
    route_notifier = fn;
}

static void ioapic_send_message(uint64_t entry)
{
    uint64_t addr = ioapic_msi_addr(entry);
    uint32_t data = ioapic_msi_data(entry);
    uint8_t buf[4] = { data, data >> 8, data >> 16, data >> 24 };

    address_space_write(&address_space_memory, addr, MEMTXATTRS_UNSPECIFIED,
                        buf, sizeof(buf));
}

static void ioapic_service(IOAPICCommonState *s)
{
    int pin;

    for (pin = 0; pin < IOAPIC_NUM_PINS; pin++) {
        uint32_t mask = 1U << pin;
        uint64_t entry = s->ioredtbl[pin];

        if (!(s->irr & mask) || (entry & IOAPIC_MASKED)) {
            continue;
        }
        if (entry & IOAPIC_TRIGGER_LEVEL) {
            if (entry & IOAPIC_REMOTE_IRR) {
                continue;
            }
            s->ioredtbl[pin] |= IOAPIC_REMOTE_IRR;
        } else {
            s->irr &= ~mask;
        }
        ioapic_send_message(entry);
    }
}

static void ioapic_set_irq(void *opaque, int line, int level)
{
    IOAPICCommonState *s = opaque;
    /* ISA IRQ 0 (GSI 0) is wired to pin 2 (MADT interrupt override). */
    int pin = line == 0 ? 2 : line;
    uint32_t mask = 1U << pin;
    uint32_t old = s->line_level & mask;
    uint64_t entry;

    if (pin >= IOAPIC_NUM_PINS) {
        return;
    }
    entry = s->ioredtbl[pin];
    if (level) {
        s->irq_count[line]++;
        s->line_level |= mask;
    } else {
        s->line_level &= ~mask;
    }
    if (entry & IOAPIC_TRIGGER_LEVEL) {
        if (level) {
            s->irr |= mask;
            ioapic_service(s);
        } else {
            s->irr &= ~mask;
        }
    } else if (level && !old && !(entry & IOAPIC_MASKED)) {
        /* A rising edge; edges on a masked pin are lost (3.2.4 bit 16). */
        s->irr |= mask;
        ioapic_service(s);
    }
}

static void ioapic_eoi_one(IOAPICCommonState *s, int vector)
{
    int pin;

    for (pin = 0; pin < IOAPIC_NUM_PINS; pin++) {
        uint64_t entry = s->ioredtbl[pin];

        if ((entry & IOAPIC_VECTOR_MASK) != (uint64_t)vector ||
            !(entry & IOAPIC_TRIGGER_LEVEL) ||
            !(entry & IOAPIC_REMOTE_IRR)) {
            continue;
        }
        s->ioredtbl[pin] &= ~IOAPIC_REMOTE_IRR;
    }
    /* Lines still asserted are sent again. */
    ioapic_service(s);
}

void ioapic_eoi_broadcast(int vector)
{
    int i;

    for (i = 0; i < MAX_IOAPICS; i++) {
        if (ioapics[i]) {
            ioapic_eoi_one(ioapics[i], vector);
        }
    }
}

/* ---- registers ---- */

static uint32_t ioapic_reg_read(IOAPICCommonState *s)
{
    int index;

    switch (s->ioregsel) {
    case IOAPIC_REG_ID:
        return (uint32_t)(s->id & IOAPIC_ID_MASK) << 24;
    case IOAPIC_REG_VER:
        return s->version |
               ((IOAPIC_NUM_PINS - 1) << IOAPIC_VER_MAX_REDIR_SHIFT);
    case IOAPIC_REG_ARB:
        return 0;
    default:
        index = (s->ioregsel - IOAPIC_REG_REDTBL) >> 1;
        if (s->ioregsel < IOAPIC_REG_REDTBL || index >= IOAPIC_NUM_PINS) {
            return 0;
        }
        if (s->ioregsel & 1) {
            return s->ioredtbl[index] >> 32;
        }
        return s->ioredtbl[index] & 0xffffffff;
    }
}

static void ioapic_reg_write(IOAPICCommonState *s, uint32_t val)
{
    uint64_t ro, entry;
    int index;

    switch (s->ioregsel) {
    case IOAPIC_REG_ID:
        s->id = (val >> 24) & IOAPIC_ID_MASK;
        return;
    case IOAPIC_REG_VER:
    case IOAPIC_REG_ARB:
        return;
    }
    index = (s->ioregsel - IOAPIC_REG_REDTBL) >> 1;
    if (s->ioregsel < IOAPIC_REG_REDTBL || index >= IOAPIC_NUM_PINS) {
        return;
    }
    entry = s->ioredtbl[index];
    ro = entry & IOAPIC_RO_BITS;
    if (s->ioregsel & 1) {
        entry = (entry & 0xffffffffULL) | ((uint64_t)val << 32);
    } else {
        entry = (entry & ~0xffffffffULL) | val;
    }
    entry = (entry & ~IOAPIC_RO_BITS) | ro;
    /* An edge-triggered pin has no remote IRR to wait for. */
    if (!(entry & IOAPIC_TRIGGER_LEVEL)) {
        entry &= ~IOAPIC_REMOTE_IRR;
    }
    s->ioredtbl[index] = entry;
    if (route_notifier) {
        route_notifier(index, ioapic_msi_addr(entry), ioapic_msi_data(entry));
    }
    /* Unmasking (or retargeting) a level pin still asserted sends it. */
    if ((entry & IOAPIC_TRIGGER_LEVEL) && (s->line_level & (1U << index))) {
        s->irr |= 1U << index;
    }
    ioapic_service(s);
}

static uint64_t ioapic_mem_read(void *opaque, hwaddr addr, unsigned size)
{
    IOAPICCommonState *s = opaque;

    switch (addr & 0xff) {
    case IOAPIC_IOREGSEL:
        return s->ioregsel;
    case IOAPIC_IOWIN:
        if (size != 4) {
            return 0;
        }
        return ioapic_reg_read(s);
    default:
        return 0;
    }
}

static void ioapic_mem_write(void *opaque, hwaddr addr, uint64_t val,
                             unsigned size)
{
    IOAPICCommonState *s = opaque;

    switch (addr & 0xff) {
    case IOAPIC_IOREGSEL:
        s->ioregsel = val;
        break;
    case IOAPIC_IOWIN:
        if (size == 4) {
            ioapic_reg_write(s, val);
        }
        break;
    case IOAPIC_EOI:
        if (s->version >= 0x20) {
            ioapic_eoi_one(s, val & 0xff);
        }
        break;
    }
}

static const MemoryRegionOps ioapic_io_ops = {
    .read = ioapic_mem_read,
    .write = ioapic_mem_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

/* ---- info pic ---- */

static const char *const delivery_mode_names[8] = {
    "fixed", "lowest", "SMI", "...", "NMI", "INIT", "...", "extINT",
};

static void ioapic_print_pins(Monitor *mon, const char *name, uint32_t pins)
{
    int pin;

    monitor_printf(mon, "  %-8s ", name);
    if (!pins) {
        monitor_printf(mon, "(none)\n");
        return;
    }
    for (pin = 0; pin < IOAPIC_NUM_PINS; pin++) {
        if (pins & (1U << pin)) {
            monitor_printf(mon, "%-2d ", pin);
        }
    }
    monitor_printf(mon, "\n");
}

static void ioapic_print_one(Monitor *mon, IOAPICCommonState *s, int n)
{
    uint32_t remote_irr = 0;
    int pin;

    monitor_printf(mon, "ioapic%d: ver=0x%x id=0x%02x sel=0x%02x", n,
                   s->version, s->id, s->ioregsel);
    if (s->ioregsel >= IOAPIC_REG_REDTBL) {
        monitor_printf(mon, " (redir[%u])",
                       (s->ioregsel - IOAPIC_REG_REDTBL) >> 1);
    }
    monitor_printf(mon, "\n");
    for (pin = 0; pin < IOAPIC_NUM_PINS; pin++) {
        uint64_t e = s->ioredtbl[pin];

        monitor_printf(mon, "  pin %-2d 0x%016" PRIx64 " dest=%" PRIx64
                       " vec=%-3" PRIu64 " %s %-5s %-6s %-6s %s\n", pin, e,
                       /* physical: a 4-bit APIC id (3.2.4) */
                       (e >> IOAPIC_DEST_SHIFT) &
                       (e & IOAPIC_DESTMODE_LOGICAL ? 0xff : 0xf),
                       (uint64_t)(e & 0xff),
                       e & IOAPIC_POLARITY_LOW ? "active-lo" : "active-hi",
                       e & IOAPIC_TRIGGER_LEVEL ? "level" : "edge",
                       e & IOAPIC_MASKED ? "masked" : "",
                       delivery_mode_names[(e & IOAPIC_DM_MASK) >>
                                           IOAPIC_DM_SHIFT],
                       e & IOAPIC_DESTMODE_LOGICAL ? "logical" : "physical");
        if (e & IOAPIC_REMOTE_IRR) {
            remote_irr |= 1U << pin;
        }
    }
    ioapic_print_pins(mon, "IRR", s->irr);
    ioapic_print_pins(mon, "Remote IRR", remote_irr);
}

void ioapic_print_info(Monitor *mon)
{
    int i;

    for (i = 0; i < MAX_IOAPICS; i++) {
        if (ioapics[i]) {
            ioapic_print_one(mon, ioapics[i], i);
        }
    }
}

void ioapic_print_irq_stats(Monitor *mon)
{
    int i, pin;

    for (i = 0; i < MAX_IOAPICS; i++) {
        if (!ioapics[i]) {
            continue;
        }
        monitor_printf(mon, "IRQ statistics for %s:\n",
                       object_get_typename(OBJECT(ioapics[i])));
        for (pin = 0; pin < IOAPIC_NUM_PINS; pin++) {
            if (ioapics[i]->irq_count[pin]) {
                monitor_printf(mon, "%2d: %" PRIu64 "\n", pin,
                               ioapics[i]->irq_count[pin]);
            }
        }
    }
}

/* ---- board interface ---- */

void ioapic_mmio_map(DeviceState *dev, hwaddr addr)
{
    IOAPICCommonState *s = IOAPIC_COMMON(dev);

    memory_region_add_subregion(get_system_memory(), addr, &s->io_memory);
    sysbus_mmio_set_addr(SYS_BUS_DEVICE(dev), 0, addr);
}

qemu_irq ioapic_get_irq(DeviceState *dev, int pin)
{
    IOAPICCommonState *s = IOAPIC_COMMON(dev);

    if (!s->in || pin < 0 || pin >= IOAPIC_NUM_PINS) {
        return NULL;
    }
    return s->in[pin];
}

/* ---- life cycle ---- */

void ioapic_common_reset(IOAPICCommonState *s)
{
    int pin;

    s->id = 0;
    s->ioregsel = 0;
    s->irr = 0;
    for (pin = 0; pin < IOAPIC_NUM_PINS; pin++) {
        s->ioredtbl[pin] = IOAPIC_MASKED;
    }
}

bool ioapic_common_realize(IOAPICCommonState *s, Error **errp)
{
    int i;

    for (i = 0; i < MAX_IOAPICS && ioapics[i]; i++) {
    }
    if (i == MAX_IOAPICS) {
        error_setg(errp, "Only %d ioapics allowed", MAX_IOAPICS);
        return false;
    }
    ioapics[i] = s;
    sysbus_init_mmio_window(SYS_BUS_DEVICE(s), IOAPIC_MMIO_SIZE);
    return true;
}

static void ioapic_common_unrealize(DeviceState *dev)
{
    IOAPICCommonState *s = IOAPIC_COMMON(dev);
    int i;

    for (i = 0; i < MAX_IOAPICS; i++) {
        if (ioapics[i] == s) {
            ioapics[i] = NULL;
        }
    }
    if (s->io_memory.container) {
        memory_region_del_subregion(s->io_memory.container, &s->io_memory);
    }
    if (s->in) {
        qemu_free_irqs(s->in, IOAPIC_NUM_PINS);
        s->in = NULL;
    }
}

static void ioapic_reset(DeviceState *dev)
{
    ioapic_common_reset(IOAPIC_COMMON(dev));
}

static bool ioapic_realize(DeviceState *dev, Error **errp)
{
    IOAPICCommonState *s = IOAPIC_COMMON(dev);
    int i;

    if (s->version != 0x11 && s->version != 0x20) {
        error_setg(errp, "IOAPIC only supports version 0x11 or 0x20 "
                   "(default: 0x20).");
        return false;
    }
    memory_region_init_io(&s->io_memory, OBJECT(dev), &ioapic_io_ops, s,
                          "ioapic", IOAPIC_MMIO_SIZE);
    if (!ioapic_common_realize(s, errp)) {
        return false;
    }
    /* gpio-in "" 24 as the reference; s->in holds a reference each. */
    qdev_init_gpio_in(dev, ioapic_set_irq, IOAPIC_NUM_PINS);
    s->in = g_new0(qemu_irq, IOAPIC_NUM_PINS);
    for (i = 0; i < IOAPIC_NUM_PINS; i++) {
        s->in[i] = qdev_get_gpio_in(dev, i);
        object_ref(s->in[i]);
    }
    ioapic_common_reset(s);
    return true;
}

static Property ioapic_properties[] = {
    DEFINE_PROP_UINT8("version", IOAPICCommonState, version, 0x20),
    DEFINE_PROP_END_OF_LIST(),
};

static void ioapic_common_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->unrealize = ioapic_common_unrealize;
    /* Wired by the board (GSI lines, MMIO window). */
    dc->user_creatable = false;
}

static void ioapic_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = ioapic_realize;
    dc->reset = ioapic_reset;
    device_class_set_props(dc, ioapic_properties);
}

static const TypeInfo ioapic_types[] = {
    {
        .name = TYPE_IOAPIC_COMMON,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(IOAPICCommonState),
        .abstract = true,
        .class_init = ioapic_common_class_init,
    },
    {
        .name = TYPE_IOAPIC,
        .parent = TYPE_IOAPIC_COMMON,
        .instance_size = sizeof(IOAPICCommonState),
        .class_init = ioapic_class_init,
    },
};

static void ioapic_register_types(void)
{
    type_register_static_array(ioapic_types, ARRAY_SIZE(ioapic_types));
}

type_init(ioapic_register_types)
