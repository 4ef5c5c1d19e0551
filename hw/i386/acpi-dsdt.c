/*
 * acpi-dsdt.c: the PC's DSDT, in AML.
 *
 * Reference: ACPI 6.4 chapter 6 (device configuration objects: _HID, _UID,
 * _STA, _CRS, _PRS, _SRS, _DIS, _PRT 6.2.13, _MAT 6.2.10, _EJ0, _SUN) and
 * 7.4.2 (\_Sx sleep packages); the PIIX3 datasheet (PIRQx route control
 * registers 0x60-0x63: bit 7 disables the link, bits 3:0 give the IRQ);
 * the 82371AB datasheet (PIIX4 PM); the layout of the reference's
 * pc-i440fx-7.2 DSDT (names, and the hotplug register protocol of
 * include/hw/acpi/pcihp.h).
 */
#include "qemu/osdep.h"
#include "acpi-build-internal.h"
#include "hw/acpi/piix4.h"
#include "hw/timer/hpet.h"
#include "hw/nvram/fw_cfg.h"

#define PCI_HOTPLUG_EJ      (ACPI_PCIHP_ADDR + 0x08)
#define PCI_HOTPLUG_SEL     (ACPI_PCIHP_ADDR + 0x10)

static Aml *named_int(const char *name, uint64_t v)
{
    return aml_name_decl(name, aml_int(v));
}

static Aml *named_eisaid(const char *name, const char *id)
{
    return aml_name_decl(name, aml_eisaid(id));
}

/* ---- the PCI host bridge ---- */

static Aml *build_pci0_crs(const AcpiBuildConfig *cfg)
{
    Aml *crs = aml_resource_template();

    aml_append(crs, aml_word_bus_number(0x00, 0xff));
    aml_append(crs, aml_io(0x0cf8, 0x0cf8, 0x01, 0x08));
    aml_append(crs, aml_word_io(0x0000, 0x0cf7));
    aml_append(crs, aml_word_io(0x0d00, 0xffff));
    aml_append(crs, aml_dword_memory(0x000a0000, 0x000bffff, true));
    if (cfg->pci_hole_end > cfg->pci_hole_start) {
        aml_append(crs, aml_dword_memory(cfg->pci_hole_start,
                                         cfg->pci_hole_end - 1, false));
    }
    if (cfg->pci_hole64_end > cfg->pci_hole64_start) {
        aml_append(crs, aml_qword_memory(cfg->pci_hole64_start,
                                         cfg->pci_hole64_end - 1, true));
    }
    return crs;
}

/* A 4-entry _PRT row: slot (all functions), pin, link, source index 0. */
static Aml *prt_entry(int slot, int pin, const char *link)
{
    Aml *p = aml_package();

    aml_append(p, aml_int((uint64_t)slot << 16 | 0xffff));
    aml_append(p, aml_int(pin));
    aml_append(p, aml_name("%s", link));
    aml_append(p, aml_int(0));
    return p;
}

/*
 * The i440FX board swizzle: slot s pin p goes to PIRQ (s + p) mod 4, i.e.
 * LNKD, LNKA, LNKB, LNKC for 0..3 (PIRQA is LNKA).  INTA of slot 1 (the
 * PIIX4 PM function raises the SCI on it) goes to LNKS instead.
 */
static Aml *build_prt(int piix_slot)
{
    static const char *const links[] = { "LNKD", "LNKA", "LNKB", "LNKC" };
    Aml *prt = aml_package();
    int slot, pin;

    for (slot = 0; slot < 32; slot++) {
        for (pin = 0; pin < 4; pin++) {
            const char *link = links[(slot + pin) & 3];

            if (slot == piix_slot && pin == 0) {
                link = "LNKS";
            }
            aml_append(prt, prt_entry(slot, pin, link));
        }
    }
    return aml_name_decl("_PRT", prt);
}

/* Interrupt(ResourceConsumer, Level, ActiveHigh, Shared) { irqs } */
static Aml *link_irqs(const uint32_t *irqs, int n)
{
    Aml *rt = aml_resource_template();

    aml_append(rt, aml_interrupt(false, false, true, irqs, n));
    return rt;
}

/* IQST: a route register's status; IQCR: its current resource. */
static void build_link_helpers(Aml *scope)
{
    static const uint32_t none = 0;
    Aml *m, *iff;

    m = aml_method("IQST", 1, false);
    iff = aml_if(aml_and(aml_int(0x80), aml_arg(0), NULL));
    aml_append(iff, aml_return(aml_int(0x09)));
    aml_append(m, iff);
    aml_append(m, aml_return(aml_int(0x0b)));
    aml_append(scope, m);

    m = aml_method("IQCR", 1, true);
    aml_append(m, aml_name_decl("PRR0", link_irqs(&none, 1)));
    aml_append(m, aml_create_dword_field(aml_name("PRR0"), aml_int(5),
                                         "PRRI"));
    iff = aml_if(aml_lless(aml_arg(0), aml_int(0x80)));
    aml_append(iff, aml_store(aml_arg(0), aml_name("PRRI")));
    aml_append(m, iff);
    aml_append(m, aml_return(aml_name("PRR0")));
    aml_append(scope, m);
}

/* LNKA..LNKD on the PIIX3 route registers PRQ0..PRQ3. */
static Aml *build_link(const char *name, int uid, const char *reg)
{
    static const uint32_t irqs[] = { 5, 10, 11 };
    Aml *dev = aml_device("%s", name);
    Aml *m;

    aml_append(dev, named_eisaid("_HID", "PNP0C0F"));
    aml_append(dev, named_int("_UID", uid));
    aml_append(dev, aml_name_decl("_PRS", link_irqs(irqs, 3)));
    m = aml_method("_STA", 0, false);
    aml_append(m, aml_return(aml_call("IQST", 1, aml_name("%s", reg))));
    aml_append(dev, m);
    m = aml_method("_DIS", 0, false);
    aml_append(m, aml_or(aml_name("%s", reg), aml_int(0x80),
                         aml_name("%s", reg)));
    aml_append(dev, m);
    m = aml_method("_CRS", 0, false);
    aml_append(m, aml_return(aml_call("IQCR", 1, aml_name("%s", reg))));
    aml_append(dev, m);
    m = aml_method("_SRS", 1, false);
    aml_append(m, aml_create_dword_field(aml_arg(0), aml_int(5), "PRRI"));
    aml_append(m, aml_store(aml_name("PRRI"), aml_name("%s", reg)));
    aml_append(dev, m);
    return dev;
}

/* LNKS: the SCI, fixed at IRQ 9. */
static Aml *build_link_sci(void)
{
    static const uint32_t sci = PIIX4_PM_SCI_INT;
    Aml *dev = aml_device("LNKS");
    Aml *m;

    aml_append(dev, named_eisaid("_HID", "PNP0C0F"));
    aml_append(dev, named_int("_UID", 4));
    aml_append(dev, aml_name_decl("_PRS", link_irqs(&sci, 1)));
    m = aml_method("_STA", 0, false);
    aml_append(m, aml_return(aml_int(0x0b)));
    aml_append(dev, m);
    aml_append(dev, aml_method("_DIS", 0, false));
    m = aml_method("_CRS", 0, false);
    aml_append(m, aml_return(aml_name("_PRS")));
    aml_append(dev, m);
    aml_append(dev, aml_method("_SRS", 1, false));
    return dev;
}

/* ---- ISA devices (on the PIIX3's ISA bus) ---- */

static uint64_t prop_uint(DeviceState *dev, const char *name, uint64_t def)
{
    Error *err = NULL;
    uint64_t v;

    if (!object_property_find(OBJECT(dev), name)) {
        return def;
    }
    v = object_property_get_uint(OBJECT(dev), name, &err);
    if (err) {
        error_free(err);
        return def;
    }
    return v;
}

static Aml *isa_simple(const char *name, const char *hid, int uid,
                       uint16_t port, uint8_t align, uint8_t len, int irq)
{
    Aml *dev = aml_device("%s", name);
    Aml *crs = aml_resource_template();

    aml_append(dev, named_eisaid("_HID", hid));
    if (uid >= 0) {
        aml_append(dev, named_int("_UID", uid));
        aml_append(dev, named_int("_STA", 0x0f));
    }
    aml_append(crs, aml_io(port, port, align, len));
    if (irq >= 0) {
        aml_append(crs, aml_irq_no_flags(irq));
    }
    aml_append(dev, aml_name_decl("_CRS", crs));
    return dev;
}

static void build_i8042(Aml *scope)
{
    Aml *kbd = aml_device("KBD"), *mou = aml_device("MOU");
    Aml *crs = aml_resource_template();

    aml_append(kbd, named_eisaid("_HID", "PNP0303"));
    aml_append(kbd, named_int("_STA", 0x0f));
    aml_append(crs, aml_io(0x60, 0x60, 1, 1));
    aml_append(crs, aml_io(0x64, 0x64, 1, 1));
    aml_append(crs, aml_irq_no_flags(1));
    aml_append(kbd, aml_name_decl("_CRS", crs));
    aml_append(scope, kbd);

    aml_append(mou, named_eisaid("_HID", "PNP0F13"));
    aml_append(mou, named_int("_STA", 0x0f));
    crs = aml_resource_template();
    aml_append(crs, aml_irq_no_flags(12));
    aml_append(mou, aml_name_decl("_CRS", crs));
    aml_append(scope, mou);
}

/* The floppy controller; _FDE (9.9.1): four drive flags and "no tape". */
static void build_fdc(Aml *scope)
{
    static const uint8_t fde[20] = { [16] = 2 };
    Aml *dev = aml_device("FDC0");
    Aml *crs = aml_resource_template();

    aml_append(dev, named_eisaid("_HID", "PNP0700"));
    aml_append(crs, aml_io(0x03f2, 0x03f2, 0, 4));
    aml_append(crs, aml_io(0x03f7, 0x03f7, 0, 1));
    aml_append(crs, aml_irq_no_flags(6));
    aml_append(crs, aml_dma8(2));
    aml_append(dev, aml_name_decl("_CRS", crs));
    aml_append(dev, aml_name_decl("_FDE", aml_buffer(sizeof(fde), fde)));
    aml_append(scope, dev);
}

/* pvpanic: the guest writes panic events to its port. */
static void build_pvpanic(Aml *scope, DeviceState *d)
{
    Aml *dev = aml_device("PEVT");
    Aml *crs = aml_resource_template();
    uint16_t port = prop_uint(d, "ioport", 0x505);

    aml_append(dev, aml_name_decl("_HID", aml_string("QEMU0001")));
    aml_append(crs, aml_io(port, port, 1, 1));
    aml_append(dev, aml_name_decl("_CRS", crs));
    aml_append(dev, named_int("_STA", 0x0f));
    aml_append(scope, dev);
}

static void build_isa_device(Aml *scope, DeviceState *d)
{
    const char *type = object_get_typename(OBJECT(d));

    if (!strcmp(type, "mc146818rtc")) {
        aml_append(scope, isa_simple("RTC", "PNP0B00", -1,
                                     prop_uint(d, "iobase", 0x70), 1, 8,
                                     prop_uint(d, "irq", 8)));
    } else if (!strcmp(type, "i8042")) {
        build_i8042(scope);
    } else if (!strcmp(type, "isa-fdc")) {
        build_fdc(scope);
    } else if (!strcmp(type, "isa-serial")) {
        unsigned idx = prop_uint(d, "index", 0);
        g_autofree char *name = g_strdup_printf("COM%u", idx + 1);

        aml_append(scope, isa_simple(name, "PNP0501", idx + 1,
                                     prop_uint(d, "iobase", 0x3f8), 0, 8,
                                     prop_uint(d, "irq", 4)));
    } else if (!strcmp(type, "isa-parallel")) {
        unsigned idx = prop_uint(d, "index", 0);
        g_autofree char *name = g_strdup_printf("LPT%u", idx + 1);

        aml_append(scope, isa_simple(name, "PNP0400", idx + 1,
                                     prop_uint(d, "iobase", 0x378), 8, 8,
                                     prop_uint(d, "irq", 7)));
    } else if (!strcmp(type, "pvpanic")) {
        build_pvpanic(scope, d);
    }
}

/* The PIIX3 slot: the route registers and the ISA devices. */
static void build_isa_bridge(Aml *dev, const AcpiBuildConfig *cfg)
{
    Aml *scope = aml_scope("\\_SB");
    g_autofree char *region = g_strdup_printf("PCI0.S%02X.P40C",
                                              cfg->piix3_devfn & ~7);
    Aml *field = aml_field(region, AML_BYTE_ACC, AML_NOLOCK, AML_PRESERVE);
    GSList *l;

    /* PIIX3 PIRQRC[A:D] (PIIX3 datasheet 2.2.15), seen from \_SB. */
    aml_append(dev, aml_operation_region("P40C", AML_PCI_CONFIG,
                                         aml_int(0x60), 4));
    aml_append(field, aml_named_field("PRQ0", 8));
    aml_append(field, aml_named_field("PRQ1", 8));
    aml_append(field, aml_named_field("PRQ2", 8));
    aml_append(field, aml_named_field("PRQ3", 8));
    aml_append(scope, field);
    aml_append(dev, scope);
    if (cfg->isa_bus) {
        for (l = BUS(cfg->isa_bus)->children; l; l = l->next) {
            build_isa_device(dev, l->data);
        }
    }
}

/* ---- PCI slots and hotplug ---- */

/* Whether the guest may eject what is in slot (or plug into it). */
static bool slot_hotpluggable(const AcpiBuildConfig *cfg, int slot)
{
    PCIDevice *d;

    if (slot == 0 || slot * 8 == cfg->piix3_devfn) {
        return false;
    }
    d = cfg->pci_bus ? pci_find_device(cfg->pci_bus, 0, slot * 8) : NULL;
    return !d || DEVICE_GET_CLASS(d)->hotpluggable;
}

static void build_hotplug_regs(Aml *scope)
{
    Aml *field, *m;

    aml_append(scope, aml_operation_region("PCST", AML_SYSTEM_IO,
                                           aml_int(ACPI_PCIHP_ADDR), 8));
    field = aml_field("PCST", AML_DWORD_ACC, AML_NOLOCK, AML_WRITE_AS_ZEROS);
    aml_append(field, aml_named_field("PCIU", 32));
    aml_append(field, aml_named_field("PCID", 32));
    aml_append(scope, field);
    aml_append(scope, aml_operation_region("SEJ", AML_SYSTEM_IO,
                                           aml_int(PCI_HOTPLUG_EJ), 4));
    field = aml_field("SEJ", AML_DWORD_ACC, AML_NOLOCK, AML_WRITE_AS_ZEROS);
    aml_append(field, aml_named_field("B0EJ", 32));
    aml_append(scope, field);
    aml_append(scope, aml_operation_region("BNMR", AML_SYSTEM_IO,
                                           aml_int(PCI_HOTPLUG_SEL), 8));
    field = aml_field("BNMR", AML_DWORD_ACC, AML_NOLOCK, AML_WRITE_AS_ZEROS);
    aml_append(field, aml_named_field("BNUM", 32));
    aml_append(field, aml_named_field("PIDX", 32));
    aml_append(scope, field);
    aml_append(scope, aml_mutex("BLCK", 0));

    /* PCEJ(bus, slot): eject the device in slot. */
    m = aml_method("PCEJ", 2, false);
    aml_append(m, aml_acquire(aml_name("BLCK"), 0xffff));
    aml_append(m, aml_store(aml_arg(0), aml_name("BNUM")));
    aml_append(m, aml_store(aml_shiftleft(aml_int(1), aml_arg(1), NULL),
                            aml_name("B0EJ")));
    aml_append(m, aml_release(aml_name("BLCK")));
    aml_append(m, aml_return(aml_int(0)));
    aml_append(scope, m);
}

static void build_slots(Aml *pci0, const AcpiBuildConfig *cfg)
{
    Aml *dvnt = aml_method("DVNT", 2, false);
    Aml *pcnt;
    int slot;

    if (cfg->pci_hotplug) {
        aml_append(pci0, named_int("BSEL", 0));
    }
    for (slot = 0; slot < 32; slot++) {
        bool hp = cfg->pci_hotplug && slot_hotpluggable(cfg, slot);
        bool isa = slot * 8 == cfg->piix3_devfn;
        Aml *dev, *m, *iff;

        if (!cfg->pci_hotplug && !isa) {
            continue;
        }
        dev = aml_device("S%02X", slot * 8);
        aml_append(dev, named_int("_ADR", (uint64_t)slot << 16));
        if (isa) {
            build_isa_bridge(dev, cfg);
        }
        if (hp) {
            aml_append(dev, named_int("_SUN", slot));
            m = aml_method("_EJ0", 1, false);
            aml_append(m, aml_call("PCEJ", 2, aml_name("BSEL"),
                                   aml_name("_SUN")));
            aml_append(dev, m);
            iff = aml_if(aml_and(aml_arg(0), aml_int(1u << slot), NULL));
            aml_append(iff, aml_notify(aml_name("S%02X", slot * 8),
                                       aml_arg(1)));
            aml_append(dvnt, iff);
        }
        aml_append(pci0, dev);
    }
    if (!cfg->pci_hotplug) {
        aml_free(dvnt);
        return;
    }
    aml_append(pci0, dvnt);
    /* PCNT: notify plugged (1: device check) and unplugged (3: eject). */
    pcnt = aml_method("PCNT", 0, false);
    aml_append(pcnt, aml_store(aml_int(0), aml_name("BNUM")));
    aml_append(pcnt, aml_call("DVNT", 2, aml_name("PCIU"), aml_int(1)));
    aml_append(pcnt, aml_call("DVNT", 2, aml_name("PCID"), aml_int(3)));
    aml_append(pci0, pcnt);
}

/* ---- processors ---- */

/* Processor objects for up to 255 CPUs (ProcessorID is a byte); Device
 * ACPI0007 beyond.  _MAT is the MADT entry of the CPU. */
static Aml *build_cpus(const AcpiBuildConfig *cfg)
{
    Aml *cpus = aml_device("\\_SB.CPUS");
    int i;

    aml_append(cpus, aml_name_decl("_HID", aml_string("ACPI0010")));
    aml_append(cpus, named_eisaid("_CID", "PNP0A05"));
    for (i = 0; i < cfg->nb_cpus; i++) {
        bool present = i < cfg->nb_present;
        uint32_t apic_id = cfg->apic_ids[i];
        Aml *cpu;

        if (cfg->nb_cpus <= 255 && apic_id < 255) {
            uint8_t mat[8] = { 0, 8, i, apic_id, present, 0, 0, 0 };

            cpu = aml_processor(i, 0, 0, "C%03X", i);
            aml_append(cpu, aml_name_decl("_MAT", aml_buffer(8, mat)));
        } else {
            uint8_t mat[16] = { 9, 16, 0, 0 };

            mat[4] = apic_id;
            mat[5] = apic_id >> 8;
            mat[6] = apic_id >> 16;
            mat[7] = apic_id >> 24;
            mat[8] = present;
            mat[12] = i;
            mat[13] = i >> 8;
            cpu = aml_device("C%03X", i);
            aml_append(cpu, aml_name_decl("_HID", aml_string("ACPI0007")));
            aml_append(cpu, named_int("_UID", i));
            aml_append(cpu, aml_name_decl("_MAT", aml_buffer(16, mat)));
        }
        aml_append(cpu, named_int("_STA", present ? 0x0f : 0x00));
        aml_append(cpus, cpu);
    }
    return cpus;
}

/* ---- the rest ---- */

static Aml *build_hpet(void)
{
    Aml *dev = aml_device("HPET");
    Aml *field, *m, *iff, *crs;

    aml_append(dev, named_eisaid("_HID", "PNP0103"));
    aml_append(dev, named_int("_UID", 0));
    aml_append(dev, aml_operation_region("HPTM", AML_SYSTEM_MEMORY,
                                         aml_int(HPET_BASE), HPET_LEN));
    field = aml_field("HPTM", AML_DWORD_ACC, AML_LOCK, AML_PRESERVE);
    aml_append(field, aml_named_field("VEND", 32));
    aml_append(field, aml_named_field("PRD", 32));
    aml_append(dev, field);
    /* Present when the vendor ID and the period look sane (HPET spec
     * 2.3.4: period at most 100 ns, i.e. 10^8 fs). */
    m = aml_method("_STA", 0, false);
    aml_append(m, aml_store(aml_name("VEND"), aml_local(0)));
    aml_append(m, aml_store(aml_name("PRD"), aml_local(1)));
    aml_append(m, aml_shiftright(aml_local(0), aml_int(16), aml_local(0)));
    iff = aml_if(aml_lor(aml_equal(aml_local(0), aml_int(0)),
                         aml_equal(aml_local(0), aml_int(0xffff))));
    aml_append(iff, aml_return(aml_int(0)));
    aml_append(m, iff);
    iff = aml_if(aml_lor(aml_equal(aml_local(1), aml_int(0)),
                         aml_lgreater(aml_local(1), aml_int(100000000))));
    aml_append(iff, aml_return(aml_int(0)));
    aml_append(m, iff);
    aml_append(m, aml_return(aml_int(0x0f)));
    aml_append(dev, m);
    crs = aml_resource_template();
    aml_append(crs, aml_memory32_fixed(HPET_BASE, HPET_LEN, false));
    aml_append(dev, aml_name_decl("_CRS", crs));
    return dev;
}

/* A PNP0A06 container reserving an I/O range (the reference's GPE0 and
 * PHPR devices), so that the OS does not hand it to another device. */
static Aml *build_io_reservation(const char *name, const char *uid,
                                 uint16_t port, uint8_t len)
{
    Aml *dev = aml_device("%s", name);
    Aml *crs = aml_resource_template();

    aml_append(dev, aml_name_decl("_HID", aml_string("PNP0A06")));
    aml_append(dev, aml_name_decl("_UID", aml_string("%s", uid)));
    aml_append(dev, named_int("_STA", 0x0b));
    aml_append(crs, aml_io(port, port, 1, len));
    aml_append(dev, aml_name_decl("_CRS", crs));
    return dev;
}

static Aml *sleep_package(const char *name, uint8_t typ)
{
    Aml *p = aml_package();

    aml_append(p, aml_int(typ));
    aml_append(p, aml_int(typ));
    aml_append(p, aml_int(0));
    aml_append(p, aml_int(0));
    return aml_name_decl(name, p);
}

Aml *acpi_dsdt_body(const AcpiBuildConfig *cfg)
{
    Aml *body = aml_block();
    Aml *sb = aml_scope("\\_SB");
    Aml *dev, *scope, *gpe, *m;
    FWCfgState *fw = fw_cfg_find();
    int piix_slot = cfg->piix3_devfn / 8;

    dev = aml_device("PCI0");
    aml_append(dev, named_eisaid("_HID", "PNP0A03"));
    aml_append(dev, named_int("_ADR", 0));
    aml_append(dev, named_int("_UID", 0));
    aml_append(sb, dev);
    aml_append(body, sb);

    if (cfg->pci_hotplug) {
        scope = aml_scope("\\_SB.PCI0");
        build_hotplug_regs(scope);
        aml_append(body, scope);
    }

    sb = aml_scope("\\_SB");
    scope = aml_scope("PCI0");
    aml_append(scope, build_prt(piix_slot));
    aml_append(sb, scope);
    build_link_helpers(sb);
    aml_append(sb, build_link("LNKA", 0, "PRQ0"));
    aml_append(sb, build_link("LNKB", 1, "PRQ1"));
    aml_append(sb, build_link("LNKC", 2, "PRQ2"));
    aml_append(sb, build_link("LNKD", 3, "PRQ3"));
    aml_append(sb, build_link_sci());
    if (cfg->hpet) {
        aml_append(sb, build_hpet());
    }
    aml_append(sb, build_cpus(cfg));
    aml_append(body, sb);

    gpe = aml_scope("_GPE");
    aml_append(gpe, aml_name_decl("_HID", aml_string("ACPI0006")));
    if (cfg->pci_hotplug) {
        m = aml_method("_E01", 0, false);
        aml_append(m, aml_acquire(aml_name("\\_SB.PCI0.BLCK"), 0xffff));
        aml_append(m, aml_call("\\_SB.PCI0.PCNT", 0));
        aml_append(m, aml_release(aml_name("\\_SB.PCI0.BLCK")));
        aml_append(gpe, m);
    }
    aml_append(body, gpe);

    scope = aml_scope("\\_SB.PCI0");
    aml_append(scope, aml_name_decl("_CRS", build_pci0_crs(cfg)));
    aml_append(scope, build_io_reservation("GPE0", "GPE0 resources",
                                           PIIX4_GPE0_BLK,
                                           PIIX4_GPE0_BLK_LEN));
    if (cfg->pci_hotplug) {
        aml_append(scope, build_io_reservation("PHPR",
                                               "PCI Hotplug resources",
                                               ACPI_PCIHP_ADDR,
                                               ACPI_PCIHP_SIZE));
    }
    aml_append(body, scope);

    scope = aml_scope("\\");
    if (!cfg->s3_disabled) {
        aml_append(scope, sleep_package("_S3", 1));
    }
    if (!cfg->s4_disabled) {
        aml_append(scope, sleep_package("_S4", cfg->s4_val));
    }
    aml_append(scope, sleep_package("_S5", 0));
    aml_append(body, scope);

    if (fw) {
        Aml *crs = aml_resource_template();

        scope = aml_scope("\\_SB.PCI0");
        dev = aml_device("FWCF");
        aml_append(dev, aml_name_decl("_HID", aml_string("QEMU0002")));
        aml_append(dev, named_int("_STA", 0x0b));
        aml_append(crs, aml_io(FW_CFG_IO_BASE, FW_CFG_IO_BASE, 1,
                               fw_cfg_dma_enabled(fw) ? 0x0c : 0x02));
        aml_append(dev, aml_name_decl("_CRS", crs));
        aml_append(scope, dev);
        aml_append(body, scope);
    }

    sb = aml_scope("\\_SB");
    scope = aml_scope("PCI0");
    build_slots(scope, cfg);
    aml_append(sb, scope);
    aml_append(body, sb);
    return body;
}
