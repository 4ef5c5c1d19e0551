/*
 * apic-common.c: "apic-common", the local APIC state and life cycle shared
 * by the userspace model (apic.c) and the KVM in-kernel one: the table of
 * APICs on the APIC bus, IA32_APIC_BASE, TPR, power-on/INIT state, the
 * 0xfee00000 window, and info lapic.
 *
 * Reference: Intel SDM vol. 3A chapter 10 (10.4.4 IA32_APIC_BASE, 10.4.7
 * local APIC state after power-up/reset and INIT, 10.12 x2APIC).
 */
#include "qemu/osdep.h"
#include "hw/i386/apic_internal.h"
#include "qapi/error.h"
#include "monitor/monitor.h"

APICCommonState *local_apics[MAX_APICS];

/* The APIC that owns the 0xfee00000 window in system memory. */
static APICCommonState *mmio_owner;

int apic_highest_bit(const uint32_t *tab)
{
    int i;

    for (i = 7; i >= 0; i--) {
        if (tab[i]) {
            return i * 32 + 31 - __builtin_clz(tab[i]);
        }
    }
    return -1;
}

uint32_t apic_x2apic_ldr(uint32_t id)
{
    return ((id >> 4) << 16) | (1U << (id & 0xf));
}

bool apic_is_bsp(APICCommonState *s)
{
    return s->apicbase & MSR_IA32_APICBASE_BSP;
}

/* ---- lookup ---- */

DeviceState *cpu_get_apic(CPUState *cpu)
{
    int i;

    if (!cpu) {
        return NULL;
    }
    for (i = 0; i < MAX_APICS; i++) {
        if (local_apics[i] && local_apics[i]->cpu == cpu) {
            return DEVICE(local_apics[i]);
        }
    }
    return NULL;
}

DeviceState *cpu_get_current_apic(void)
{
    return cpu_get_apic(current_cpu_get());
}

DeviceState *apic_new_for_cpu(CPUState *cpu, const char *type,
                              uint32_t apic_id)
{
    DeviceState *dev = qdev_new(type);
    APICCommonState *s = APIC_COMMON(dev);

    object_property_add_child(OBJECT(cpu), "lapic", OBJECT(dev));
    object_unref(OBJECT(dev));
    object_property_set_uint(OBJECT(dev), "id", apic_id, &error_abort);
    s->cpu = cpu;
    return dev;
}

/* ---- registers the CPU reaches directly ---- */

uint64_t cpu_get_apic_base(DeviceState *dev)
{
    return dev ? APIC_COMMON(dev)->apicbase : 0;
}

int cpu_set_apic_base(DeviceState *dev, uint64_t val)
{
    APICCommonState *s;
    APICCommonClass *k;
    uint64_t reserved = ~(MSR_IA32_APICBASE_BASE | MSR_IA32_APICBASE_BSP |
                          MSR_IA32_APICBASE_EXTD | MSR_IA32_APICBASE_ENABLE);
    bool was_x2, now_x2, was_on, now_on;

    if (!dev) {
        return 0;
    }
    s = APIC_COMMON(dev);
    k = APIC_COMMON_GET_CLASS(s);
    if (val & reserved & 0xffffffffULL) {
        return -1;
    }
    was_on = s->apicbase & MSR_IA32_APICBASE_ENABLE;
    now_on = val & MSR_IA32_APICBASE_ENABLE;
    was_x2 = was_on && (s->apicbase & MSR_IA32_APICBASE_EXTD);
    now_x2 = now_on && (val & MSR_IA32_APICBASE_EXTD);
    /* SDM 10.12.5: EXTD without EN, and x2APIC -> xAPIC, are invalid. */
    if ((val & MSR_IA32_APICBASE_EXTD) && !now_on) {
        return -1;
    }
    if (was_x2 && now_on && !now_x2) {
        return -1;
    }
    /* BSP is read-only (set by the platform). */
    s->apicbase = (val & ~MSR_IA32_APICBASE_BSP) |
                  (s->apicbase & MSR_IA32_APICBASE_BSP);
    if (!now_on) {
        /* Disabled: the APIC falls back to its power-up state. */
        apic_common_init_regs(s);
    } else if (now_x2 && !was_x2) {
        s->extended_log_dest = apic_x2apic_ldr(s->id);
    }
    if (k->set_base) {
        k->set_base(s, val);
    }
    return 0;
}

uint8_t cpu_get_apic_tpr(DeviceState *dev)
{
    APICCommonState *s;
    APICCommonClass *k;

    if (!dev) {
        return 0;
    }
    s = APIC_COMMON(dev);
    k = APIC_COMMON_GET_CLASS(s);
    return k->get_tpr ? k->get_tpr(s) : s->tpr >> 4;
}

void cpu_set_apic_tpr(DeviceState *dev, uint8_t val)
{
    APICCommonState *s;
    APICCommonClass *k;

    if (!dev) {
        return;
    }
    s = APIC_COMMON(dev);
    k = APIC_COMMON_GET_CLASS(s);
    if (k->set_tpr) {
        k->set_tpr(s, val);
    } else {
        s->tpr = (val & 0x0f) << 4;
    }
}

void apic_designate_bsp(DeviceState *dev, bool bsp)
{
    APICCommonState *s;

    if (!dev) {
        return;
    }
    s = APIC_COMMON(dev);
    if (bsp) {
        s->apicbase |= MSR_IA32_APICBASE_BSP;
    } else {
        s->apicbase &= ~MSR_IA32_APICBASE_BSP;
    }
}

/* ---- reset and INIT ---- */

/*
 * SDM 10.4.7.1: IRR, ISR, TMR, ICR, LDR, TPR, the timer counts and divide
 * configuration are cleared, DFR is all ones, every LVT entry is masked,
 * the SVR is 0xff (software disabled); the APIC id and base are kept.
 */
void apic_common_init_regs(APICCommonState *s)
{
    int i;

    s->tpr = 0;
    s->spurious_vec = 0xff;
    s->log_dest = 0;
    s->dest_mode = APIC_DFR_FLAT;
    s->extended_log_dest = 0;
    memset(s->isr, 0, sizeof(s->isr));
    memset(s->tmr, 0, sizeof(s->tmr));
    memset(s->irr, 0, sizeof(s->irr));
    for (i = 0; i < APIC_LVT_NB; i++) {
        s->lvt[i] = APIC_LVT_MASKED;
    }
    s->esr = 0;
    memset(s->icr, 0, sizeof(s->icr));
    s->divide_conf = 0;
    s->count_shift = 1;         /* DCR 0: divide by 2 */
    s->initial_count = 0;
    s->initial_count_load_time = 0;
    s->next_time = 0;
    s->tsc_deadline = 0;
    s->tsc_deadline_ns = 0;
    s->extint_pending = false;
    if (s->timer) {
        timer_del(s->timer);
    }
}

void apic_init_reset(DeviceState *dev)
{
    APICCommonState *s;
    APICCommonClass *k;

    if (!dev) {
        return;
    }
    s = APIC_COMMON(dev);
    k = APIC_COMMON_GET_CLASS(s);
    apic_common_init_regs(s);
    s->arb_id = s->id;
    /*
     * Only the BSP runs after INIT; the others wait for a start-up IPI.
     * A start-up IPI that arrived while the INIT was still pending in the
     * vCPU (INIT and SIPI sent back to back) must survive the INIT: the
     * CPU carries out the INIT first, then that SIPI.
     */
    s->wait_for_sipi = !apic_is_bsp(s);
    if (!(s->wait_for_sipi && s->cpu &&
          (__atomic_load_n(&s->cpu->interrupt_request, __ATOMIC_SEQ_CST) &
           CPU_INTERRUPT_SIPI))) {
        s->sipi_vector = -1;
    }
    if (k->reset) {
        k->reset(s);
    }
}

static void apic_common_reset(DeviceState *dev)
{
    APICCommonState *s = APIC_COMMON(dev);
    bool bsp = apic_is_bsp(s);

    s->apicbase = APIC_DEFAULT_ADDRESS | MSR_IA32_APICBASE_ENABLE |
                  (bsp ? MSR_IA32_APICBASE_BSP : 0);
    s->id = s->initial_apic_id;
    apic_init_reset(dev);
}

/* ---- realize ---- */

/*
 * The APIC has no bus, so the device-tree reset does not reach it: it
 * resets itself on every system reset (the CPU's reset may do it again).
 */
static void apic_common_system_reset(void *opaque)
{
    device_cold_reset(DEVICE(opaque));
}

static bool apic_common_realize(DeviceState *dev, Error **errp)
{
    APICCommonState *s = APIC_COMMON(dev);
    APICCommonClass *k = APIC_COMMON_GET_CLASS(s);
    int i;

    for (i = 0; i < MAX_APICS && local_apics[i]; i++) {
    }
    if (i == MAX_APICS) {
        error_setg(errp, "too many local APICs (at most %d)", MAX_APICS);
        return false;
    }
    if (k->realize && !k->realize(dev, errp)) {
        return false;
    }
    s->slot = i;
    local_apics[i] = s;
    s->id = s->initial_apic_id;
    /* CPU 0 is the BSP unless the board says otherwise. */
    if (s->cpu && s->cpu->cpu_index == 0) {
        s->apicbase |= MSR_IA32_APICBASE_BSP;
    }
    qemu_register_reset(apic_common_system_reset, s);
    /*
     * One window for all CPUs (an access reaches the APIC of the CPU that
     * makes it); above RAM and PCI holes, as the reference's priority 4096.
     */
    if (!mmio_owner && s->io_memory.ops) {
        memory_region_add_subregion_overlap(get_system_memory(),
                                            APIC_DEFAULT_ADDRESS,
                                            &s->io_memory, 0x1000);
        mmio_owner = s;
    }
    return true;
}

static void apic_common_unrealize(DeviceState *dev)
{
    APICCommonState *s = APIC_COMMON(dev);
    APICCommonClass *k = APIC_COMMON_GET_CLASS(s);

    if (mmio_owner == s) {
        memory_region_del_subregion(get_system_memory(), &s->io_memory);
        mmio_owner = NULL;
    }
    if (local_apics[s->slot] == s) {
        local_apics[s->slot] = NULL;
    }
    qemu_unregister_reset(apic_common_system_reset, s);
    if (k->unrealize) {
        k->unrealize(dev);
    }
}

/* ---- info lapic ---- */

static const char *const lapic_dm_names[8] = {
    "Fixed", "...", "SMI", "...", "NMI", "INIT", "...", "ExtINT",
};

static void lapic_dump_lvt(Monitor *mon, const char *name, uint32_t lvt,
                           bool is_timer)
{
    uint32_t dm = (lvt >> 8) & 7;
    uint32_t mode = (lvt >> APIC_LVT_TIMER_SHIFT) & 3;

    monitor_printf(mon, "%s\t 0x%08x %s %-5s %-6s %-7s %-12s %-6s", name,
                   lvt, lvt & APIC_LVT_INT_POLARITY ? "active-lo"
                                                    : "active-hi",
                   lvt & APIC_LVT_LEVEL_TRIGGER ? "level" : "edge",
                   lvt & APIC_LVT_MASKED ? "masked" : "",
                   lvt & APIC_LVT_DELIV_STS ? "pending" : "",
                   !is_timer ? "" :
                   mode == APIC_LVT_TIMER_PERIODIC ? "periodic" :
                   mode == APIC_LVT_TIMER_TSCDEADLINE ? "tsc-deadline"
                                                      : "one-shot",
                   lapic_dm_names[dm]);
    if (dm != APIC_DM_NMI) {
        monitor_printf(mon, " (vec %u)\n", lvt & 0xff);
    } else {
        monitor_printf(mon, "\n");
    }
}

static void lapic_dump_vectors(Monitor *mon, const char *name,
                               const uint32_t *tab, const uint32_t *tmr)
{
    bool empty = true;
    int i;

    monitor_printf(mon, "%s\t ", name);
    for (i = 0; i < 256; i++) {
        if (apic_get_bit(tab, i)) {
            monitor_printf(mon, "%u%s ", i,
                           apic_get_bit(tmr, i) ? "(level)" : "");
            empty = false;
        }
    }
    monitor_printf(mon, "%s\n", empty ? "(none)" : "");
}

static uint32_t lapic_ppr(APICCommonState *s)
{
    int isrv = apic_highest_bit(s->isr);

    if (isrv < 0 || (s->tpr >> 4) >= (isrv >> 4)) {
        return s->tpr;
    }
    return isrv & 0xf0;
}

static void lapic_dump(Monitor *mon, APICCommonState *s, int cpu_index)
{
    static const char *const shorthand[] = {
        "no-shorthand", "self", "all-self", "all"
    };
    bool x2 = s->apicbase & MSR_IA32_APICBASE_EXTD;
    uint32_t icr = s->icr[0], dcr = s->divide_conf & 0xb;
    uint32_t v = (dcr & 3) | ((dcr >> 1) & 4);
    uint32_t current = 0;
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    if (s->initial_count) {
        uint64_t d = (now - s->initial_count_load_time) >> s->count_shift;
        uint32_t mode = (s->lvt[APIC_LVT_TIMER] >> APIC_LVT_TIMER_SHIFT) & 3;

        if (mode == APIC_LVT_TIMER_PERIODIC) {
            current = s->initial_count - d % ((uint64_t)s->initial_count + 1);
        } else if (d < s->initial_count) {
            current = s->initial_count - d;
        }
    }
    monitor_printf(mon, "dumping local APIC state for CPU %-2d\n\n",
                   cpu_index);
    lapic_dump_lvt(mon, "LVT0", s->lvt[APIC_LVT_LINT0], false);
    lapic_dump_lvt(mon, "LVT1", s->lvt[APIC_LVT_LINT1], false);
    lapic_dump_lvt(mon, "LVTPC", s->lvt[APIC_LVT_PERFORM], false);
    lapic_dump_lvt(mon, "LVTERR", s->lvt[APIC_LVT_ERROR], false);
    lapic_dump_lvt(mon, "LVTTHMR", s->lvt[APIC_LVT_THERMAL], false);
    lapic_dump_lvt(mon, "LVTT", s->lvt[APIC_LVT_TIMER], true);
    monitor_printf(mon, "Timer\t DCR=0x%x (divide by %u) initial_count = %u"
                   " current_count = %u\n", dcr, v == 7 ? 1 : 2u << v,
                   s->initial_count, current);
    monitor_printf(mon, "SPIV\t 0x%08x APIC %s, focus=%s, spurious vec %u\n",
                   s->spurious_vec,
                   s->spurious_vec & APIC_SV_ENABLE ? "enabled" : "disabled",
                   s->spurious_vec & (1 << 9) ? "on" : "off",
                   s->spurious_vec & 0xff);
    monitor_printf(mon, "ICR\t 0x%08x %s %s %s %s\n", icr,
                   icr & (1 << 11) ? "logical" : "physical",
                   icr & (1 << 15) ? "level" : "edge",
                   icr & (1 << 14) ? "assert" : "de-assert",
                   shorthand[(icr >> 18) & 3]);
    monitor_printf(mon, "ICR2\t 0x%08x", s->icr[1]);
    if ((icr >> 18) & 3) {
        monitor_printf(mon, "\n");
    } else if (icr & (1 << 11)) {
        monitor_printf(mon, " mask %x\n", x2 ? s->icr[1] : s->icr[1] >> 24);
    } else {
        monitor_printf(mon, " cpu %u (%s)\n",
                       x2 ? s->icr[1] : s->icr[1] >> 24,
                       x2 ? "X2APIC ID" : "APIC ID");
    }
    monitor_printf(mon, "ESR\t 0x%08x\n", s->esr);
    lapic_dump_vectors(mon, "ISR", s->isr, s->tmr);
    lapic_dump_vectors(mon, "IRR", s->irr, s->tmr);
    monitor_printf(mon, "\nAPR 0x%02x TPR 0x%02x DFR 0x%02x LDR 0x%02x",
                   s->arb_id, s->tpr, s->dest_mode,
                   x2 ? s->extended_log_dest : s->log_dest);
    monitor_printf(mon, " PPR 0x%02x\n", lapic_ppr(s));
}

static void hmp_info_local_apic(Monitor *mon, const char *args)
{
    APICCommonState *s = NULL;
    CPUState *cpu = NULL;
    int i;

    if (args && *args) {
        char *end;
        long id = strtol(args, &end, 0);

        if (*end) {
            monitor_printf(mon, "invalid char '%c' in expression\n", *end);
            monitor_printf(mon, "Try \"help info lapic\" for more "
                           "information\n");
            return;
        }
        for (i = 0; i < MAX_APICS; i++) {
            if (local_apics[i] && local_apics[i]->id == id) {
                s = local_apics[i];
            }
        }
    } else {
        cpu = qemu_get_cpu(0);
        s = cpu ? (APICCommonState *)cpu_get_apic(cpu) : NULL;
    }
    if (!s) {
        monitor_printf(mon, "No CPU available\n");
        return;
    }
    if (s->cpu) {
        cpu_synchronize_state(s->cpu);
    }
    lapic_dump(mon, s, s->cpu ? s->cpu->cpu_index : 0);
}

/* ---- type ---- */

static Property apic_common_properties[] = {
    DEFINE_PROP("id", APICCommonState, initial_apic_id, qdev_prop_uint32,
                uint32_t),
    DEFINE_PROP_UINT8("version", APICCommonState, version, 0x14),
    DEFINE_PROP_BIT("vapic", APICCommonState, vapic_control, 0, true),
    DEFINE_PROP_END_OF_LIST(),
};

static void apic_common_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    device_class_set_props(dc, apic_common_properties);
    dc->realize = apic_common_realize;
    dc->unrealize = apic_common_unrealize;
    dc->reset = apic_common_reset;
    /* Created by the CPU it belongs to. */
    dc->user_creatable = false;
}

static const TypeInfo apic_common_type = {
    .name = TYPE_APIC_COMMON,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(APICCommonState),
    .class_size = sizeof(APICCommonClass),
    .abstract = true,
    .class_init = apic_common_class_init,
};

static void apic_common_register_types(void)
{
    type_register_static(&apic_common_type);
    hmp_register_info("lapic", "[apic-id]",
                      "show local apic state (apic-id: local apic to read, "
                      "default is which of current CPU)",
                      hmp_info_local_apic);
}

type_init(apic_common_register_types)
