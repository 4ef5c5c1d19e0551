/*
 * piix4.c: PIIX4 function 3 ("PIIX4_PM"), the ACPI power management
 * hardware of the "pc" board: PM1 event and control registers, the ACPI
 * PM timer, GPE0, the SCI, APM control, the SMBus host and the hotplug
 * registers QEMU's ACPI tables use.
 *
 * References: ACPI Specification 1.0b, 4.7 (fixed hardware: PM1 event,
 * control and timer registers, the SCI, sleeping states); Intel 82371AB
 * (PIIX4) datasheet, order number 290562, chapter 7 (power management and
 * SMBus registers).  See include/hw/acpi/piix4.h.
 */
#include "qemu/osdep.h"
#include "hw/acpi/piix4.h"
#include "hw/acpi/pcihp.h"
#include "hw/i2c/pm_smbus.h"
#include "hw/boards.h"
#include "hw/qdev-gpio.h"
#include "qemu/timer.h"
#include "sysemu/runstate.h"

#define PIIX4_PM(obj) OBJECT_CHECK(PIIX4PMState, (obj), TYPE_PIIX4_PM)

/* Configuration registers (datasheet 7.2). */
#define PIIX4_PMBA 0x40             /* PM base address, bit 0 reads 1 */
#define PIIX4_DEVACTB 0x58          /* device activity B, 0x5b bit 1: APMC */
#define PIIX4_DEVRESD 0x5f
#define PIIX4_DEVRESE 0x63
#define PIIX4_DEVRESF 0x67
#define PIIX4_PMREGMISC 0x80        /* bit 0: PM I/O space enable */
#define PIIX4_SMBBA 0x90            /* SMBus base address */
#define PIIX4_SMBHSTCFG 0xd2        /* bit 0: SMBus host enable */
#define DEVACTB_APMC_EN_BYTE3 0x02

/* The PM1 events that raise the SCI when enabled. */
#define PM1_COMMON_ENABLED (ACPI_BITMASK_RT_CLOCK_ENABLE | \
                            ACPI_BITMASK_POWER_BUTTON_ENABLE | \
                            ACPI_BITMASK_GLOBAL_LOCK_ENABLE | \
                            ACPI_BITMASK_TIMER_ENABLE)
#define PM_TMR_OVERFLOW_BIT 0x800000    /* bit 23 of the 24-bit counter */

typedef struct PIIX4PMState {
    PCIDevice parent_obj;
    /* properties (QEMU 7.2's, as info qtree shows them) */
    uint32_t smb_io_base;
    uint8_t disable_s3;
    uint8_t disable_s4;
    uint8_t s4_val;
    bool use_acpi_hotplug_bridge;
    bool use_acpi_root_pci_hotplug;
    bool memory_hotplug_support;
    bool smm_compat;
    bool smm_enabled;
    bool not_migrate_acpi_index;
    /* outputs: GPIO "" 0 (the SCI) and "smi-irq" 0 */
    qemu_irq sci_irq;
    qemu_irq smi_irq;
    /* I/O */
    MemoryRegion io;                /* "piix4-pm" at PMBA */
    MemoryRegion io_evt;
    MemoryRegion io_cnt;
    MemoryRegion io_tmr;
    MemoryRegion io_gpe;
    MemoryRegion io_apm;
    PMSMBus smb;
    AcpiPciHpState pcihp;
    /* registers */
    uint32_t io_base;               /* "pm_io_base": where PM I/O is */
    uint16_t pm1_sts;
    uint16_t pm1_en;
    uint16_t pm1_cnt;
    uint8_t gpe_sts[PIIX4_GPE0_BLK_LEN / 2];
    uint8_t gpe_en[PIIX4_GPE0_BLK_LEN / 2];
    uint8_t apmc;
    uint8_t apms;
    bool acpi_only;                 /* no SMM: SCI_EN is always set */
    /* PM timer: PM1_STS.TMR_STS is set once the counter reaches this. */
    int64_t tmr_overflow;
    QEMUTimer *tmr_timer;
    /* constants exposed as properties for the ACPI table builder */
    uint8_t sci_int;
    uint8_t acpi_enable_cmd;
    uint8_t acpi_disable_cmd;
    uint32_t gpe0_blk;
    uint32_t gpe0_blk_len;
} PIIX4PMState;

/* ---- the PM timer (ACPI 4.7.2.1) ---- */

static int64_t pm_tmr_ticks(void)
{
    return muldiv64(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL),
                    PM_TIMER_FREQUENCY, NANOSECONDS_PER_SECOND);
}

/* The next time bit 23 of the counter toggles. */
static void pm_tmr_calc_overflow(PIIX4PMState *s)
{
    s->tmr_overflow = (pm_tmr_ticks() + PM_TMR_OVERFLOW_BIT) &
                      ~(int64_t)(PM_TMR_OVERFLOW_BIT - 1);
}

static uint16_t pm1_sts_get(PIIX4PMState *s)
{
    if (pm_tmr_ticks() >= s->tmr_overflow) {
        s->pm1_sts |= ACPI_BITMASK_TIMER_STATUS;
    }
    return s->pm1_sts;
}

/*
 * The SCI is a level: any enabled PM1 event or GPE.  While the timer
 * overflow event is enabled and not yet pending, a timer wakes us at the
 * overflow (rounded up so that the counter has reached it).
 */
static void pm_update_sci(PIIX4PMState *s)
{
    uint16_t sts = pm1_sts_get(s);
    bool level = (sts & s->pm1_en & PM1_COMMON_ENABLED) ||
                 (s->gpe_sts[0] & s->gpe_en[0]) ||
                 (s->gpe_sts[1] & s->gpe_en[1]);

    qemu_set_irq(s->sci_irq, level);
    if ((s->pm1_en & ACPI_BITMASK_TIMER_ENABLE) &&
        !(sts & ACPI_BITMASK_TIMER_STATUS)) {
        uint64_t ns = muldiv64(s->tmr_overflow, NANOSECONDS_PER_SECOND,
                               PM_TIMER_FREQUENCY) + 1;

        timer_mod_ns(s->tmr_timer, ns);
    } else {
        timer_del(s->tmr_timer);
    }
}

static void pm_tmr_timer_cb(void *opaque)
{
    pm_update_sci(opaque);
}

static uint64_t pm_tmr_read(void *opaque, hwaddr addr, unsigned width)
{
    return pm_tmr_ticks() & 0xffffff;
}

static void pm_tmr_write(void *opaque, hwaddr addr, uint64_t val,
                         unsigned width)
{
    /* PM_TMR is read-only. */
}

/*
 * PM_TMR decodes dwords; like the reference, a narrower read at any of its
 * ports returns the low bytes of the count.
 */
static const MemoryRegionOps pm_tmr_ops = {
    .read = pm_tmr_read,
    .write = pm_tmr_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 4, .max_access_size = 4 },
};

/* ---- PM1 event block: PM1_STS (write 1 to clear), PM1_EN ---- */

static uint64_t pm_evt_read(void *opaque, hwaddr addr, unsigned width)
{
    PIIX4PMState *s = opaque;

    switch (addr) {
    case 0:
        return pm1_sts_get(s);
    case 2:
        return s->pm1_en;
    default:
        return 0;
    }
}

static void pm_evt_write(void *opaque, hwaddr addr, uint64_t val,
                         unsigned width)
{
    PIIX4PMState *s = opaque;

    switch (addr) {
    case 0: {
        uint16_t sts = pm1_sts_get(s);

        if (sts & val & ACPI_BITMASK_TIMER_STATUS) {
            /* Cleared: the next overflow is the one after now. */
            pm_tmr_calc_overflow(s);
        }
        s->pm1_sts = sts & ~val;
        pm_update_sci(s);
        break;
    }
    case 2:
        s->pm1_en = val;
        pm_update_sci(s);
        break;
    default:
        /* The odd bytes alone are not registers, as on the reference. */
        break;
    }
}

static const MemoryRegionOps pm_evt_ops = {
    .read = pm_evt_read,
    .write = pm_evt_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 2, .max_access_size = 2 },
};

/* ---- PM1 control: SCI_EN and sleeping (ACPI 4.7.2.4, 9.1) ---- */

static void pm1_cnt_write(PIIX4PMState *s, uint16_t val)
{
    s->pm1_cnt = val & ~ACPI_BITMASK_SLEEP_ENABLE;
    if (!(val & ACPI_BITMASK_SLEEP_ENABLE)) {
        return;
    }
    /*
     * SLP_TYP values are the ones QEMU's DSDT gives \_S3, \_S4, \_S5:
     * 0 soft off, 1 suspend to RAM (not supported: ignored), s4_val
     * hibernation, which leaves the machine off too.
     */
    switch ((val & ACPI_BITMASK_SLEEP_TYPE) >> 10) {
    case 0:
        qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
        break;
    case 1:
        break;
    default:
        if (((val & ACPI_BITMASK_SLEEP_TYPE) >> 10) == s->s4_val) {
            qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
        }
        break;
    }
}

static uint64_t pm_cnt_read(void *opaque, hwaddr addr, unsigned width)
{
    PIIX4PMState *s = opaque;

    return s->pm1_cnt >> (8 * addr);
}

static void pm_cnt_write(void *opaque, hwaddr addr, uint64_t val,
                         unsigned width)
{
    PIIX4PMState *s = opaque;

    if (addr == 1) {
        val = (val << 8) | (s->pm1_cnt & 0xff);
    }
    pm1_cnt_write(s, val);
}

static const MemoryRegionOps pm_cnt_ops = {
    .read = pm_cnt_read,
    .write = pm_cnt_write,
    .valid = { .min_access_size = 1, .max_access_size = 2 },
    .impl = { .min_access_size = 2, .max_access_size = 2 },
};

/* ---- GPE0: status bytes (write 1 to clear), then enable bytes ---- */

static uint64_t pm_gpe_read(void *opaque, hwaddr addr, unsigned width)
{
    PIIX4PMState *s = opaque;

    if (addr < PIIX4_GPE0_BLK_LEN / 2) {
        return s->gpe_sts[addr];
    }
    if (addr < PIIX4_GPE0_BLK_LEN) {
        return s->gpe_en[addr - PIIX4_GPE0_BLK_LEN / 2];
    }
    return 0;
}

static void pm_gpe_write(void *opaque, hwaddr addr, uint64_t val,
                         unsigned width)
{
    PIIX4PMState *s = opaque;

    if (addr < PIIX4_GPE0_BLK_LEN / 2) {
        s->gpe_sts[addr] &= ~val;
    } else if (addr < PIIX4_GPE0_BLK_LEN) {
        s->gpe_en[addr - PIIX4_GPE0_BLK_LEN / 2] = val;
    }
    pm_update_sci(s);
}

static const MemoryRegionOps pm_gpe_ops = {
    .read = pm_gpe_read,
    .write = pm_gpe_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

/* Hotplug controllers raise a GPE0 status bit (pcihp.c). */
static void piix4_gpe_raise(void *opaque, unsigned bit)
{
    PIIX4PMState *s = opaque;

    s->gpe_sts[bit / 8] |= 1 << (bit % 8);
    pm_update_sci(s);
}

/* ---- APM control (0xb2) and status (0xb3) ---- */

static uint64_t apm_read(void *opaque, hwaddr addr, unsigned width)
{
    PIIX4PMState *s = opaque;

    return addr == 0 ? s->apmc : s->apms;
}

/* ACPI 4.7.2.5: the OS switches to ACPI mode through SMI_CMD. */
static void apm_write(void *opaque, hwaddr addr, uint64_t val, unsigned width)
{
    PIIX4PMState *s = opaque;
    uint8_t *config = PCI_DEVICE(s)->config;

    if (addr) {
        s->apms = val;
        return;
    }
    s->apmc = val;
    if (val == ACPI_ENABLE || val == ACPI_DISABLE) {
        if (!s->acpi_only) {
            if (val == ACPI_ENABLE) {
                s->pm1_cnt |= ACPI_BITMASK_SCI_ENABLE;
            } else {
                s->pm1_cnt &= ~ACPI_BITMASK_SCI_ENABLE;
            }
        }
        return;
    }
    if (config[PIIX4_DEVACTB + 3] & DEVACTB_APMC_EN_BYTE3) {
        qemu_irq_raise(s->smi_irq);
    }
}

static const MemoryRegionOps apm_ops = {
    .read = apm_read,
    .write = apm_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

/* ---- power button ---- */

/* ACPI 4.7.2.2.1: the fixed power button sets PWRBTN_STS when enabled. */
static void piix4_pm_powerdown_req(void *opaque)
{
    PIIX4PMState *s = opaque;

    if (s->pm1_en & ACPI_BITMASK_POWER_BUTTON_ENABLE) {
        s->pm1_sts |= ACPI_BITMASK_POWER_BUTTON_STATUS;
        pm_update_sci(s);
    }
}

/* ---- configuration space ---- */

static void pm_io_space_update(PIIX4PMState *s)
{
    uint8_t *config = PCI_DEVICE(s)->config;
    bool enabled = config[PIIX4_PMREGMISC] & 1;

    if (enabled) {
        s->io_base = pci_get_long(config + PIIX4_PMBA) & 0xffc0;
    }
    memory_region_transaction_begin();
    memory_region_set_enabled(&s->io, enabled);
    memory_region_set_address(&s->io, s->io_base);
    memory_region_transaction_commit();
}

static void smbus_io_space_update(PIIX4PMState *s)
{
    uint8_t *config = PCI_DEVICE(s)->config;

    s->smb_io_base = pci_get_long(config + PIIX4_SMBBA) & 0xffc0;
    memory_region_transaction_begin();
    memory_region_set_enabled(&s->smb.io, config[PIIX4_SMBHSTCFG] & 1);
    memory_region_set_address(&s->smb.io, s->smb_io_base);
    memory_region_transaction_commit();
}

static void piix4_write_config(PCIDevice *dev, uint32_t addr, uint32_t val,
                               int len)
{
    PIIX4PMState *s = PIIX4_PM(dev);

    pci_default_write_config(dev, addr, val, len);
    if ((addr <= PIIX4_PMREGMISC && addr + len > PIIX4_PMREGMISC) ||
        (addr < PIIX4_PMBA + 4 && addr + len > PIIX4_PMBA)) {
        pm_io_space_update(s);
    }
    if ((addr <= PIIX4_SMBHSTCFG && addr + len > PIIX4_SMBHSTCFG) ||
        (addr < PIIX4_SMBBA + 4 && addr + len > PIIX4_SMBBA)) {
        smbus_io_space_update(s);
    }
}

/* Whether something answers at port addr (not just the open bus). */
static bool io_port_present(MemoryRegion *io, hwaddr addr)
{
    MemoryRegionSection sec = memory_region_find(io, addr, 1);

    return sec.mr && sec.mr != io;
}

static void piix4_pm_reset(PCIDevice *dev)
{
    PIIX4PMState *s = PIIX4_PM(dev);
    uint8_t *c = dev->config;
    MemoryRegion *io = pci_address_space_io(dev);

    pci_set_word(c + PCI_STATUS, PCI_STATUS_FAST_BACK |
                 PCI_STATUS_DEVSEL_MEDIUM);
    memset(c + PIIX4_DEVACTB, 0, 4);
    c[PIIX4_PMBA] = 0x01;           /* I/O space indicator */
    c[PIIX4_PMREGMISC] = 0;
    if (!s->smm_enabled) {
        /* Tell the firmware SMM is set up already: it has no SMIs. */
        c[PIIX4_DEVACTB + 3] = DEVACTB_APMC_EN_BYTE3;
    }
    /* Device resource registers: the legacy ports the board has. */
    c[PIIX4_DEVRESD] = 0x10 | (io_port_present(io, 0x378) ? 0x80 : 0);
    c[PIIX4_DEVRESE] = 0x60;
    c[PIIX4_DEVRESF] = (io_port_present(io, 0x3f8) ? 0x08 : 0) |
                       (io_port_present(io, 0x2f8) ? 0x90 : 0);

    s->pm1_sts = 0;
    s->pm1_en = 0;
    s->pm1_cnt = s->acpi_only ? ACPI_BITMASK_SCI_ENABLE : 0;
    s->tmr_overflow = 0;
    memset(s->gpe_sts, 0, sizeof(s->gpe_sts));
    memset(s->gpe_en, 0, sizeof(s->gpe_en));
    s->apmc = 0;
    s->apms = 0;
    timer_del(s->tmr_timer);
    pm_io_space_update(s);
    pm_smbus_reset(&s->smb);
    acpi_pcihp_reset(&s->pcihp);
    qemu_set_irq(s->sci_irq, 0);
}

static void piix4_pm_realize_io(PIIX4PMState *s)
{
    PCIDevice *dev = PCI_DEVICE(s);
    Object *obj = OBJECT(s);
    MemoryRegion *io = pci_address_space_io(dev);

    memory_region_set_enabled(&s->smb.io, dev->config[PIIX4_SMBHSTCFG] & 1);
    memory_region_add_subregion(io, s->smb_io_base, &s->smb.io);

    /* Disabled until the firmware sets PMBA and PMREGMISC. */
    memory_region_init(&s->io, obj, "piix4-pm", PIIX4_PM_IO_SIZE);
    memory_region_set_enabled(&s->io, false);
    memory_region_add_subregion(io, 0, &s->io);
    memory_region_init_io(&s->io_evt, obj, &pm_evt_ops, s, "acpi-evt", 4);
    memory_region_add_subregion(&s->io, 0, &s->io_evt);
    memory_region_init_io(&s->io_cnt, obj, &pm_cnt_ops, s, "acpi-cnt", 2);
    memory_region_add_subregion(&s->io, 4, &s->io_cnt);
    memory_region_init_io(&s->io_tmr, obj, &pm_tmr_ops, s, "acpi-tmr", 4);
    memory_region_add_subregion(&s->io, 8, &s->io_tmr);

    memory_region_init_io(&s->io_apm, obj, &apm_ops, s, "apm-io", 2);
    memory_region_add_subregion(io, ACPI_APM_CNT_IOPORT, &s->io_apm);
    memory_region_init_io(&s->io_gpe, obj, &pm_gpe_ops, s, "acpi-gpe0",
                          PIIX4_GPE0_BLK_LEN);
    memory_region_add_subregion(io, PIIX4_GPE0_BLK, &s->io_gpe);
}

static bool piix4_pm_realize(PCIDevice *dev, Error **errp)
{
    PIIX4PMState *s = PIIX4_PM(dev);
    uint8_t *c = dev->config;

    c[PCI_CLASS_PROG] = 0x00;
    c[PCI_INTERRUPT_PIN] = 0x01;    /* INTA */
    pci_set_long(c + PIIX4_SMBBA, s->smb_io_base | 1);
    c[PIIX4_SMBHSTCFG] = 0x09;      /* host enabled, interrupt on IRQ 9 */
    s->acpi_only = !s->smm_compat && !s->smm_enabled;
    s->tmr_timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, pm_tmr_timer_cb, s);

    pm_smbus_init(DEVICE(dev), &s->smb, true);
    piix4_pm_realize_io(s);
    acpi_pcihp_init(&s->pcihp, OBJECT(s), pci_address_space_io(dev),
                    pci_get_bus(dev), s->use_acpi_root_pci_hotplug,
                    piix4_gpe_raise, s);
    qemu_register_powerdown_notifier(piix4_pm_powerdown_req, s);
    piix4_pm_reset(dev);
    return true;
}

/* Unmap what realize mapped, so that the regions no longer pin us. */
static void piix4_pm_exit(PCIDevice *dev)
{
    PIIX4PMState *s = PIIX4_PM(dev);
    MemoryRegion *io = pci_address_space_io(dev);

    timer_del(s->tmr_timer);
    acpi_pcihp_fini(&s->pcihp, io);
    memory_region_transaction_begin();
    memory_region_del_subregion(io, &s->smb.io);
    memory_region_del_subregion(io, &s->io);
    memory_region_del_subregion(io, &s->io_apm);
    memory_region_del_subregion(io, &s->io_gpe);
    memory_region_transaction_commit();
}

static void piix4_pm_instance_init(Object *obj)
{
    PIIX4PMState *s = PIIX4_PM(obj);

    /* In this order, so that info qtree lists them as the reference. */
    qdev_init_gpio_out(DEVICE(obj), &s->sci_irq, 1);
    qdev_init_gpio_out_named(DEVICE(obj), &s->smi_irq, "smi-irq", 1);

    s->sci_int = PIIX4_PM_SCI_INT;
    s->acpi_enable_cmd = ACPI_ENABLE;
    s->acpi_disable_cmd = ACPI_DISABLE;
    s->gpe0_blk = PIIX4_GPE0_BLK;
    s->gpe0_blk_len = PIIX4_GPE0_BLK_LEN;
    object_property_add_uint8_ptr(obj, "sci-int", &s->sci_int,
                                  OBJ_PROP_FLAG_READ);
    object_property_add_uint8_ptr(obj, "acpi-enable-cmd", &s->acpi_enable_cmd,
                                  OBJ_PROP_FLAG_READ);
    object_property_add_uint8_ptr(obj, "acpi-disable-cmd",
                                  &s->acpi_disable_cmd, OBJ_PROP_FLAG_READ);
    object_property_add_uint32_ptr(obj, "gpe0_blk", &s->gpe0_blk,
                                   OBJ_PROP_FLAG_READ);
    object_property_add_uint32_ptr(obj, "gpe0_blk_len", &s->gpe0_blk_len,
                                   OBJ_PROP_FLAG_READ);
    object_property_add_uint32_ptr(obj, "pm_io_base", &s->io_base,
                                   OBJ_PROP_FLAG_READ);
}

static void piix4_pm_instance_finalize(Object *obj)
{
    timer_free(PIIX4_PM(obj)->tmr_timer);
}

void piix4_pm_set_irqs(PCIDevice *dev, qemu_irq sci_irq, qemu_irq smi_irq)
{
    qdev_connect_gpio_out(DEVICE(dev), 0, sci_irq);
    qdev_connect_gpio_out_named(DEVICE(dev), "smi-irq", 0, smi_irq);
}

PCIDevice *piix4_pm_init(PCIBus *bus, int devfn, uint32_t smb_io_base,
                         qemu_irq sci_irq, qemu_irq smi_irq,
                         bool smm_enabled, I2CBus **smbus, Error **errp)
{
    DeviceState *dev = qdev_new(TYPE_PIIX4_PM);
    PIIX4PMState *s = PIIX4_PM(dev);

    object_property_set_int(OBJECT(dev), "addr", devfn, &error_abort);
    object_property_set_uint(OBJECT(dev), "smb_io_base", smb_io_base,
                             &error_abort);
    object_property_set_bool(OBJECT(dev), "smm-enabled", smm_enabled,
                             &error_abort);
    piix4_pm_set_irqs(PCI_DEVICE(dev), sci_irq, smi_irq);
    if (!qdev_realize_and_unref(dev, BUS(bus), errp)) {
        return NULL;
    }
    if (smbus) {
        *smbus = s->smb.smbus;
    }
    return PCI_DEVICE(dev);
}

static Property piix4_pm_props[] = {
    DEFINE_PROP_UINT32("smb_io_base", PIIX4PMState, smb_io_base, 0),
    DEFINE_PROP_UINT8("disable_s3", PIIX4PMState, disable_s3, 0),
    DEFINE_PROP_UINT8("disable_s4", PIIX4PMState, disable_s4, 0),
    DEFINE_PROP_UINT8("s4_val", PIIX4PMState, s4_val, 2),
    DEFINE_PROP_BOOL("acpi-pci-hotplug-with-bridge-support", PIIX4PMState,
                     use_acpi_hotplug_bridge, true),
    DEFINE_PROP_BOOL("acpi-root-pci-hotplug", PIIX4PMState,
                     use_acpi_root_pci_hotplug, true),
    DEFINE_PROP_BOOL("memory-hotplug-support", PIIX4PMState,
                     memory_hotplug_support, true),
    DEFINE_PROP_BOOL("smm-compat", PIIX4PMState, smm_compat, false),
    DEFINE_PROP_BOOL("smm-enabled", PIIX4PMState, smm_enabled, false),
    DEFINE_PROP_BOOL("x-not-migrate-acpi-index", PIIX4PMState,
                     not_migrate_acpi_index, false),
    DEFINE_PROP_END_OF_LIST(),
};

static void piix4_pm_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    PCIDeviceClass *k = PCI_DEVICE_CLASS(klass);

    k->realize = piix4_pm_realize;
    k->exit = piix4_pm_exit;
    k->reset = piix4_pm_reset;
    k->config_write = piix4_write_config;
    k->vendor_id = PCI_VENDOR_ID_INTEL;
    k->device_id = PCI_DEVICE_ID_INTEL_82371AB_3;
    k->revision = 0x03;
    k->class_id = PCI_CLASS_BRIDGE_OTHER;
    dc->desc = "PM";
    /* Part of the chipset, wired by the board (SCI, SMI, SMBus). */
    dc->user_creatable = false;
    dc->hotpluggable = false;
    device_class_set_props(dc, piix4_pm_props);
}

static const TypeInfo piix4_pm_type = {
    .name = TYPE_PIIX4_PM,
    .parent = TYPE_PCI_DEVICE,
    .instance_size = sizeof(PIIX4PMState),
    .instance_init = piix4_pm_instance_init,
    .instance_finalize = piix4_pm_instance_finalize,
    .class_init = piix4_pm_class_init,
    .interfaces = (InterfaceInfo[]) {
        { INTERFACE_CONVENTIONAL_PCI_DEVICE },
        { },
    },
};

static void piix4_pm_register_types(void)
{
    type_register_static(&piix4_pm_type);
}

type_init(piix4_pm_register_types)
