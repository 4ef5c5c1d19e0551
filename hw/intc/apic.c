/*
 * apic.c: the userspace local APIC ("apic"), used with kernel_irqchip=off
 * and on the software CPU, and the APIC bus between the local APICs.
 *
 * Reference: Intel SDM vol. 3A chapter 10: 10.4 (enabling, IA32_APIC_BASE),
 * 10.5 (LVT, error handling, timer), 10.6 (ICR, IPIs, destination modes,
 * shorthands, lowest priority), 10.8 (IRR/ISR/TMR, TPR/PPR, EOI), 10.9
 * (spurious interrupt), 10.11 (MSI format), 10.12 (x2APIC MSRs).
 *
 * The timer counts bus clocks of 1 ns on the virtual clock, divided by the
 * DCR; the TSC-deadline mode takes its expiry time from the CPU, which
 * owns the TSC.
 *
 * Raising the CPU's interrupt line: CPU_INTERRUPT_HARD is set whenever an
 * APIC vector outranks the processor priority, an ExtINT message waits,
 * or the 8259's INT reaches this CPU; it is cleared when none of these
 * holds.  The accelerator then calls cpu_get_pic_interrupt().
 */
#include "qemu/osdep.h"
#include "hw/i386/apic_internal.h"
#include "hw/intc/ioapic.h"
#include "hw/intc/i8259.h"
#include "qapi/error.h"
#include "sysemu/accel.h"

#define APIC_SHORTHAND_NONE     0
#define APIC_SHORTHAND_SELF     1
#define APIC_SHORTHAND_ALL      2
#define APIC_SHORTHAND_OTHERS   3

#define ICR_DEST_MODE_LOGICAL   (1 << 11)
#define ICR_LEVEL_ASSERT        (1 << 14)
#define ICR_TRIGGER_LEVEL       (1 << 15)
#define ICR_SHORTHAND_SHIFT     18

#define APIC_BROADCAST_XAPIC    0xff
#define APIC_BROADCAST_X2APIC   0xffffffffU

static void apic_update_irq(APICCommonState *s);
static void apic_timer_update(APICCommonState *s, int64_t now);

static APICCommonState *apic_of(DeviceState *dev)
{
    return dev ? APIC_COMMON(dev) : NULL;
}

static bool apic_x2apic_mode(APICCommonState *s)
{
    return (s->apicbase & MSR_IA32_APICBASE_ENABLE) &&
           (s->apicbase & MSR_IA32_APICBASE_EXTD);
}

/* ---- priorities (SDM 10.8.3) ---- */

static uint8_t apic_get_ppr(APICCommonState *s)
{
    int isrv = apic_highest_bit(s->isr);

    if (isrv < 0 || (s->tpr >> 4) >= (isrv >> 4)) {
        return s->tpr;
    }
    return isrv & 0xf0;
}

/*
 * The vector the APIC would hand to the CPU: > 0 when one outranks the
 * PPR, -1 when requests wait below it, 0 when IRR is empty.
 */
static int apic_irq_pending(APICCommonState *s)
{
    int irrv = apic_highest_bit(s->irr);
    uint8_t ppr;

    if (irrv < 0) {
        return 0;
    }
    ppr = apic_get_ppr(s);
    if (ppr && (irrv & 0xf0) <= (ppr & 0xf0)) {
        return -1;
    }
    return irrv;
}

static bool apic_pic_reaches_cpu(APICCommonState *s)
{
    return apic_accept_pic_intr(DEVICE(s)) > 0 && isa_pic &&
           pic_get_output(isa_pic);
}

static void apic_update_irq(APICCommonState *s)
{
    CPUState *cpu = s->cpu;
    bool hard;

    if (!cpu) {
        return;
    }
    hard = s->extint_pending || apic_pic_reaches_cpu(s) ||
           apic_has_interrupt(DEVICE(s));
    if (hard) {
        /* Kick only on a change: a vCPU signal costs an exit. */
        if (!(__atomic_load_n(&cpu->interrupt_request, __ATOMIC_SEQ_CST) &
              CPU_INTERRUPT_HARD)) {
            cpu_interrupt(cpu, CPU_INTERRUPT_HARD);
        }
    } else {
        cpu_reset_interrupt(cpu, CPU_INTERRUPT_HARD);
    }
}

/* ---- accepting interrupts ---- */

static void apic_set_irq(APICCommonState *s, int vector, int trigger_mode)
{
    if (vector < 16) {
        /* Vectors 0-15 are reserved (SDM 10.5.2). */
        s->esr |= APIC_ESR_RECV_ILLEGAL_VECTOR;
        return;
    }
    apic_set_bit(s->irr, vector);
    if (trigger_mode == APIC_TRIGGER_LEVEL) {
        apic_set_bit(s->tmr, vector);
    } else {
        apic_reset_bit(s->tmr, vector);
    }
    apic_update_irq(s);
}

/* An interrupt from the local vector table entry n (SDM 10.5.1). */
static void apic_local_deliver(APICCommonState *s, int n)
{
    uint32_t lvt = s->lvt[n];
    int trigger = APIC_TRIGGER_EDGE;

    if ((lvt & APIC_LVT_MASKED) || !s->cpu) {
        return;
    }
    switch ((lvt >> 8) & 7) {
    case APIC_DM_SMI:
        cpu_interrupt(s->cpu, CPU_INTERRUPT_SMI);
        break;
    case APIC_DM_NMI:
        cpu_interrupt(s->cpu, CPU_INTERRUPT_NMI);
        break;
    case APIC_DM_EXTINT:
        cpu_interrupt(s->cpu, CPU_INTERRUPT_HARD);
        break;
    case APIC_DM_FIXED:
        /* Only LINT0/LINT1 can be level triggered. */
        if ((n == APIC_LVT_LINT0 || n == APIC_LVT_LINT1) &&
            (lvt & APIC_LVT_LEVEL_TRIGGER)) {
            trigger = APIC_TRIGGER_LEVEL;
        }
        apic_set_irq(s, lvt & 0xff, trigger);
        break;
    }
}

int apic_accept_pic_intr(DeviceState *dev)
{
    APICCommonState *s = apic_of(dev);
    uint32_t lvt0;

    if (!s) {
        return -1;
    }
    /* A hardware-disabled APIC passes INTR straight to the CPU. */
    if (!(s->apicbase & MSR_IA32_APICBASE_ENABLE)) {
        return 1;
    }
    lvt0 = s->lvt[APIC_LVT_LINT0];
    return !(lvt0 & APIC_LVT_MASKED) && ((lvt0 >> 8) & 7) == APIC_DM_EXTINT;
}

void apic_deliver_pic_intr(DeviceState *dev, int level)
{
    APICCommonState *s = apic_of(dev);
    uint32_t lvt;

    if (!s) {
        return;
    }
    lvt = s->lvt[APIC_LVT_LINT0];
    if (level) {
        if (s->apicbase & MSR_IA32_APICBASE_ENABLE) {
            apic_local_deliver(s, APIC_LVT_LINT0);
        }
    } else if (((lvt >> 8) & 7) == APIC_DM_FIXED &&
               (lvt & APIC_LVT_LEVEL_TRIGGER)) {
        /* A level LINT0 request goes away with its line. */
        apic_reset_bit(s->irr, lvt & 0xff);
    }
    apic_update_irq(s);
}

void apic_deliver_nmi(DeviceState *dev)
{
    APICCommonState *s = apic_of(dev);

    if (s) {
        apic_local_deliver(s, APIC_LVT_LINT1);
    }
}

int apic_get_interrupt(DeviceState *dev)
{
    APICCommonState *s = apic_of(dev);
    int intno;

    if (!s || !(s->spurious_vec & APIC_SV_ENABLE) ||
        !(s->apicbase & MSR_IA32_APICBASE_ENABLE)) {
        return -1;
    }
    intno = apic_irq_pending(s);
    if (intno <= 0) {
        return -1;
    }
    apic_reset_bit(s->irr, intno);
    apic_set_bit(s->isr, intno);
    apic_update_irq(s);
    return intno;
}

bool apic_has_interrupt(DeviceState *dev)
{
    APICCommonState *s = apic_of(dev);

    return s && (s->spurious_vec & APIC_SV_ENABLE) &&
           (s->apicbase & MSR_IA32_APICBASE_ENABLE) &&
           apic_irq_pending(s) > 0;
}

void apic_poll_irq(DeviceState *dev)
{
    APICCommonState *s = apic_of(dev);

    if (s) {
        apic_update_irq(s);
    }
}

int cpu_get_pic_interrupt(CPUState *cpu)
{
    APICCommonState *s = apic_of(cpu_get_apic(cpu));
    int vector;

    if (s) {
        vector = apic_get_interrupt(DEVICE(s));
        if (vector >= 0) {
            return vector;
        }
        if (!s->extint_pending && !apic_pic_reaches_cpu(s)) {
            apic_update_irq(s);
            return -1;
        }
        s->extint_pending = false;
    } else if (!isa_pic || !pic_get_output(isa_pic)) {
        return -1;
    }
    if (!isa_pic) {
        return -1;
    }
    vector = pic_read_irq(isa_pic);
    if (s) {
        apic_update_irq(s);
    }
    return vector;
}

static void apic_pic_output_handler(void *opaque, int n, int level)
{
    CPUState *cpu0 = qemu_get_cpu(0);
    int i;

    if (cpu0 && !cpu_get_apic(cpu0)) {
        if (level) {
            cpu_interrupt(cpu0, CPU_INTERRUPT_HARD);
        } else {
            cpu_reset_interrupt(cpu0, CPU_INTERRUPT_HARD);
        }
        return;
    }
    for (i = 0; i < MAX_APICS; i++) {
        if (local_apics[i] && apic_accept_pic_intr(DEVICE(local_apics[i]))) {
            apic_deliver_pic_intr(DEVICE(local_apics[i]), level);
        }
    }
}

qemu_irq apic_pic_output_line(void)
{
    return qemu_allocate_irq(apic_pic_output_handler, NULL, 0);
}

int apic_sipi(DeviceState *dev)
{
    APICCommonState *s = apic_of(dev);
    int vector;

    if (!s) {
        return -1;
    }
    if (s->cpu) {
        cpu_reset_interrupt(s->cpu, CPU_INTERRUPT_SIPI);
    }
    if (!s->wait_for_sipi || s->sipi_vector < 0) {
        return -1;
    }
    s->wait_for_sipi = 0;
    vector = s->sipi_vector;
    s->sipi_vector = -1;
    return vector;
}

/* ---- the APIC bus (SDM 10.6.2) ---- */

static bool apic_match_dest(APICCommonState *a, uint32_t dest, int dest_mode,
                            bool broadcast)
{
    if (!(a->apicbase & MSR_IA32_APICBASE_ENABLE)) {
        return false;
    }
    if (broadcast) {
        return true;
    }
    if (dest_mode == APIC_DESTMODE_PHYSICAL) {
        return a->id == dest;
    }
    if (apic_x2apic_mode(a)) {
        return (dest >> 16) == (a->extended_log_dest >> 16) &&
               (dest & a->extended_log_dest & 0xffff);
    }
    dest &= 0xff;
    if (a->dest_mode == APIC_DFR_FLAT) {
        return dest & a->log_dest;
    }
    /* Cluster model: cluster in bits 7:4 (15 = all), members in 3:0. */
    return ((dest >> 4) == 0xf || (dest >> 4) == (a->log_dest >> 4)) &&
           (dest & a->log_dest & 0xf);
}

static void apic_startup(APICCommonState *a, int vector)
{
    if (!a->wait_for_sipi || !a->cpu) {
        return;
    }
    a->sipi_vector = vector;
    cpu_interrupt(a->cpu, CPU_INTERRUPT_SIPI);
}

/* Deliver to one APIC (fixed/NMI/SMI/INIT/ExtINT). */
static void apic_accept(APICCommonState *a, int delivery_mode, int vector,
                        int trigger_mode)
{
    switch (delivery_mode) {
    case APIC_DM_FIXED:
    case APIC_DM_LOWPRI:
        apic_set_irq(a, vector, trigger_mode);
        break;
    case APIC_DM_SMI:
        if (a->cpu) {
            cpu_interrupt(a->cpu, CPU_INTERRUPT_SMI);
        }
        break;
    case APIC_DM_NMI:
        if (a->cpu) {
            cpu_interrupt(a->cpu, CPU_INTERRUPT_NMI);
        }
        break;
    case APIC_DM_INIT:
        if (a->cpu) {
            /*
             * The APIC waits for a start-up IPI from now on, even before
             * the vCPU carries the INIT out: a SIPI sent right behind it
             * (Linux sends them microseconds apart) must not be lost.
             */
            a->wait_for_sipi = !apic_is_bsp(a);
            cpu_interrupt(a->cpu, CPU_INTERRUPT_INIT);
        }
        break;
    case APIC_DM_EXTINT:
        /* The CPU's INTA cycle goes to the 8259 (cpu_get_pic_interrupt). */
        a->extint_pending = true;
        apic_update_irq(a);
        break;
    case APIC_DM_SIPI:
        apic_startup(a, vector);
        break;
    }
}

/*
 * Send a message to the APICs in `targets` (slots).  Lowest priority
 * goes to the one target with the lowest task priority (the first on a
 * tie), as SDM 10.6.2.4 allows when no focus processor is modelled.
 */
static void apic_bus_deliver(const bool *targets, int delivery_mode,
                             int vector, int trigger_mode)
{
    int i, best = -1;

    if (delivery_mode == APIC_DM_LOWPRI) {
        for (i = 0; i < MAX_APICS; i++) {
            if (targets[i] &&
                (best < 0 || local_apics[i]->tpr < local_apics[best]->tpr)) {
                best = i;
            }
        }
        if (best >= 0) {
            apic_accept(local_apics[best], delivery_mode, vector,
                        trigger_mode);
        }
        return;
    }
    for (i = 0; i < MAX_APICS; i++) {
        if (targets[i]) {
            apic_accept(local_apics[i], delivery_mode, vector, trigger_mode);
        }
    }
}

static void apic_deliver_to(uint32_t dest, int dest_mode, bool broadcast,
                            int delivery_mode, int vector, int trigger_mode)
{
    bool targets[MAX_APICS];
    int i;

    for (i = 0; i < MAX_APICS; i++) {
        targets[i] = local_apics[i] &&
                     apic_match_dest(local_apics[i], dest, dest_mode,
                                     broadcast);
    }
    apic_bus_deliver(targets, delivery_mode, vector, trigger_mode);
}

void apic_deliver_irq(uint8_t dest, uint8_t dest_mode, uint8_t delivery_mode,
                      uint8_t vector, uint8_t trigger_mode)
{
    apic_deliver_to(dest, dest_mode,
                    dest_mode == APIC_DESTMODE_PHYSICAL &&
                    dest == APIC_BROADCAST_XAPIC,
                    delivery_mode, vector, trigger_mode);
}

/* MSI address 0xfeeDDxxx: bits 19:12 destination, 3 RH, 2 DM; data bits
 * 7:0 vector, 10:8 delivery mode, 15 trigger (SDM 10.11). */
void apic_send_msi(uint64_t addr, uint32_t data)
{
    apic_deliver_irq((addr >> 12) & 0xff, (addr >> 2) & 1, (data >> 8) & 7,
                     data & 0xff, (data >> 15) & 1);
}

/* An IPI from the ICR (SDM 10.6.1). */
static void apic_send_ipi(APICCommonState *s)
{
    uint32_t lo = s->icr[0];
    uint32_t dest = apic_x2apic_mode(s) ? s->icr[1] : s->icr[1] >> 24;
    int delivery_mode = (lo >> 8) & 7, vector = lo & 0xff, i;
    int dest_mode = !!(lo & ICR_DEST_MODE_LOGICAL);
    int trigger = !!(lo & ICR_TRIGGER_LEVEL);
    bool targets[MAX_APICS];

    if (delivery_mode == APIC_DM_INIT && trigger && !(lo & ICR_LEVEL_ASSERT)) {
        /* INIT level de-assert: every APIC syncs its arbitration id. */
        for (i = 0; i < MAX_APICS; i++) {
            if (local_apics[i]) {
                local_apics[i]->arb_id = local_apics[i]->id;
            }
        }
        return;
    }
    if ((delivery_mode == APIC_DM_FIXED || delivery_mode == APIC_DM_LOWPRI) &&
        vector < 16) {
        s->esr |= APIC_ESR_SEND_ILLEGAL_VECTOR;
        return;
    }
    for (i = 0; i < MAX_APICS; i++) {
        APICCommonState *a = local_apics[i];

        targets[i] = false;
        if (!a) {
            continue;
        }
        switch ((lo >> ICR_SHORTHAND_SHIFT) & 3) {
        case APIC_SHORTHAND_NONE:
            targets[i] = apic_match_dest(a, dest, dest_mode,
                                         dest_mode == APIC_DESTMODE_PHYSICAL &&
                                         dest == (apic_x2apic_mode(s) ?
                                                  APIC_BROADCAST_X2APIC :
                                                  APIC_BROADCAST_XAPIC));
            break;
        case APIC_SHORTHAND_SELF:
            targets[i] = a == s;
            break;
        case APIC_SHORTHAND_ALL:
            targets[i] = apic_match_dest(a, 0, 0, true);
            break;
        case APIC_SHORTHAND_OTHERS:
            targets[i] = a != s && apic_match_dest(a, 0, 0, true);
            break;
        }
    }
    /* Edge for everything but a level fixed IPI (SDM 10.6.1). */
    apic_bus_deliver(targets, delivery_mode, vector,
                     delivery_mode <= APIC_DM_LOWPRI ? trigger : 0);
}

static void apic_eoi(APICCommonState *s)
{
    int isrv = apic_highest_bit(s->isr);

    if (isrv < 0) {
        return;
    }
    apic_reset_bit(s->isr, isrv);
    /* Level-triggered: tell the IOAPICs (EOI-broadcast suppression is
     * not offered: version bit 24 is clear, SVR bit 12 reserved). */
    if (apic_get_bit(s->tmr, isrv)) {
        ioapic_eoi_broadcast(isrv);
    }
    apic_update_irq(s);
}

/* ---- timer (SDM 10.5.4) ---- */

static int apic_timer_mode(APICCommonState *s)
{
    return (s->lvt[APIC_LVT_TIMER] >> APIC_LVT_TIMER_SHIFT) & 3;
}

/* Next expiry after `now`, or false when the timer is idle. */
static bool apic_next_timer(APICCommonState *s, int64_t now, int64_t *next)
{
    uint64_t ticks, period;

    if (apic_timer_mode(s) == APIC_LVT_TIMER_TSCDEADLINE) {
        *next = s->tsc_deadline_ns;
        return s->tsc_deadline != 0;
    }
    if (!s->initial_count) {
        return false;
    }
    period = s->initial_count;
    ticks = now > s->initial_count_load_time ?
            (uint64_t)(now - s->initial_count_load_time) >> s->count_shift : 0;
    if (apic_timer_mode(s) == APIC_LVT_TIMER_PERIODIC) {
        ticks = (ticks / period + 1) * period;
    } else if (ticks >= period) {
        return false;
    } else {
        ticks = period;
    }
    *next = s->initial_count_load_time + (int64_t)(ticks << s->count_shift);
    return true;
}

static void apic_timer_update(APICCommonState *s, int64_t now)
{
    int64_t next;

    if (s->timer && apic_next_timer(s, now, &next)) {
        s->next_time = next;
        timer_mod_ns(s->timer, next);
    } else if (s->timer) {
        timer_del(s->timer);
    }
}

static void apic_timer_cb(void *opaque)
{
    APICCommonState *s = opaque;

    apic_local_deliver(s, APIC_LVT_TIMER);
    if (apic_timer_mode(s) == APIC_LVT_TIMER_TSCDEADLINE) {
        s->tsc_deadline = 0;    /* the MSR reads 0 once it fired */
        return;
    }
    apic_timer_update(s, s->next_time);
}

static uint32_t apic_get_current_count(APICCommonState *s)
{
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    uint64_t ticks;

    if (!s->initial_count ||
        apic_timer_mode(s) == APIC_LVT_TIMER_TSCDEADLINE) {
        return 0;
    }
    ticks = now > s->initial_count_load_time ?
            (uint64_t)(now - s->initial_count_load_time) >> s->count_shift : 0;
    if (apic_timer_mode(s) == APIC_LVT_TIMER_PERIODIC) {
        return s->initial_count - ticks % s->initial_count;
    }
    return ticks >= s->initial_count ? 0 : s->initial_count - ticks;
}

void apic_set_tsc_deadline(DeviceState *dev, uint64_t value,
                           int64_t deadline_ns)
{
    APICCommonState *s = apic_of(dev);

    /* Ignored outside TSC-deadline mode (SDM 10.5.4.1). */
    if (!s || apic_timer_mode(s) != APIC_LVT_TIMER_TSCDEADLINE) {
        return;
    }
    s->tsc_deadline = value;
    s->tsc_deadline_ns = deadline_ns;
    apic_timer_update(s, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL));
}

uint64_t apic_get_tsc_deadline(DeviceState *dev)
{
    APICCommonState *s = apic_of(dev);

    if (!s || apic_timer_mode(s) != APIC_LVT_TIMER_TSCDEADLINE) {
        return 0;
    }
    return s->tsc_deadline;
}

/* ---- registers ---- */

static void apic_write_lvt(APICCommonState *s, int n, uint32_t val)
{
    int old_mode = apic_timer_mode(s);

    if (!(s->spurious_vec & APIC_SV_ENABLE)) {
        val |= APIC_LVT_MASKED;
    }
    s->lvt[n] = val & ~APIC_LVT_DELIV_STS;
    if (n == APIC_LVT_TIMER) {
        int mode = apic_timer_mode(s);

        /* Entering or leaving TSC-deadline mode disarms the timer. */
        if (mode != old_mode && (mode == APIC_LVT_TIMER_TSCDEADLINE ||
                                 old_mode == APIC_LVT_TIMER_TSCDEADLINE)) {
            s->initial_count = 0;
            s->tsc_deadline = 0;
        }
        apic_timer_update(s, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL));
    } else if (n == APIC_LVT_LINT0) {
        apic_update_irq(s);
    }
}

static void apic_write_svr(APICCommonState *s, uint32_t val)
{
    int i;

    s->spurious_vec = val & 0x3ff;
    if (!(val & APIC_SV_ENABLE)) {
        /* Software disable masks every LVT entry (SDM 10.4.7.2). */
        for (i = 0; i < APIC_LVT_NB; i++) {
            s->lvt[i] |= APIC_LVT_MASKED;
        }
    }
    apic_update_irq(s);
}

static void apic_write_divide(APICCommonState *s, uint32_t val)
{
    uint32_t v;

    s->divide_conf = val & 0xb;
    v = (s->divide_conf & 3) | ((s->divide_conf >> 1) & 4);
    s->count_shift = (v + 1) & 7;   /* 111 divides by 1 */
}

static void apic_write_initial_count(APICCommonState *s, uint32_t val)
{
    if (apic_timer_mode(s) == APIC_LVT_TIMER_TSCDEADLINE) {
        return;
    }
    s->initial_count = val;
    s->initial_count_load_time = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    apic_timer_update(s, s->initial_count_load_time);
}

/* Registers readable in both modes; false for reserved/write-only. */
static bool apic_reg_read(APICCommonState *s, int index, uint32_t *val)
{
    switch (index) {
    case APIC_REG_ID:
        *val = apic_x2apic_mode(s) ? s->id : s->id << 24;
        break;
    case APIC_REG_VERSION:
        *val = s->version | ((APIC_LVT_NB - 1) << 16);
        break;
    case APIC_REG_TPR:
        *val = s->tpr;
        break;
    case APIC_REG_PPR:
        *val = apic_get_ppr(s);
        break;
    case APIC_REG_LDR:
        *val = apic_x2apic_mode(s) ? s->extended_log_dest
                                   : (uint32_t)s->log_dest << 24;
        break;
    case APIC_REG_SVR:
        *val = s->spurious_vec;
        break;
    case APIC_REG_ISR ... APIC_REG_ISR + 7:
        *val = s->isr[index - APIC_REG_ISR];
        break;
    case APIC_REG_TMR ... APIC_REG_TMR + 7:
        *val = s->tmr[index - APIC_REG_TMR];
        break;
    case APIC_REG_IRR ... APIC_REG_IRR + 7:
        *val = s->irr[index - APIC_REG_IRR];
        break;
    case APIC_REG_ESR:
        *val = s->esr;
        break;
    case APIC_REG_ICR_LO:
        *val = s->icr[0];
        break;
    case APIC_REG_LVT ... APIC_REG_LVT + APIC_LVT_NB - 1:
        *val = s->lvt[index - APIC_REG_LVT];
        break;
    case APIC_REG_TIMER_ICR:
        *val = s->initial_count;
        break;
    case APIC_REG_TIMER_CCR:
        *val = apic_get_current_count(s);
        break;
    case APIC_REG_TIMER_DCR:
        *val = s->divide_conf;
        break;
    default:
        return false;
    }
    return true;
}

/* Registers writable in both modes (ID, LDR, DFR, ICR2 are per mode). */
static bool apic_reg_write(APICCommonState *s, int index, uint32_t val)
{
    switch (index) {
    case APIC_REG_TPR:
        s->tpr = val & 0xff;
        apic_update_irq(s);
        break;
    case APIC_REG_EOI:
        apic_eoi(s);
        break;
    case APIC_REG_SVR:
        apic_write_svr(s, val);
        break;
    case APIC_REG_ESR:
        s->esr = 0;
        break;
    case APIC_REG_LVT ... APIC_REG_LVT + APIC_LVT_NB - 1:
        apic_write_lvt(s, index - APIC_REG_LVT, val);
        break;
    case APIC_REG_TIMER_ICR:
        apic_write_initial_count(s, val);
        break;
    case APIC_REG_TIMER_DCR:
        apic_write_divide(s, val);
        break;
    default:
        return false;
    }
    return true;
}

static uint64_t apic_mem_read(void *opaque, hwaddr addr, unsigned size)
{
    APICCommonState *s = apic_of(cpu_get_current_apic());
    int index = (addr >> 4) & 0xff;
    uint32_t val = 0;

    if (!s || size < 4 || addr > 0xfff || apic_x2apic_mode(s)) {
        return 0;
    }
    switch (index) {
    case APIC_REG_APR:
        val = s->arb_id;
        break;
    case APIC_REG_DFR:
        val = ((uint32_t)s->dest_mode << 28) | 0x0fffffff;
        break;
    case APIC_REG_ICR_HI:
        val = s->icr[1];
        break;
    case APIC_REG_EOI:
        break;
    default:
        if (!apic_reg_read(s, index, &val)) {
            s->esr |= APIC_ESR_ILLEGAL_ADDRESS;
        }
        break;
    }
    return val;
}

static void apic_mem_write(void *opaque, hwaddr addr, uint64_t val,
                           unsigned size)
{
    APICCommonState *s;
    int index = (addr >> 4) & 0xff;

    /*
     * MSIs and the APIC registers share the window: a message (a device
     * write to 0xfeeDD00x) never hits register index 0, which is reserved.
     */
    if (addr > 0xfff || index == 0) {
        apic_send_msi(APIC_DEFAULT_ADDRESS + addr, val);
        return;
    }
    s = apic_of(cpu_get_current_apic());
    if (!s || size < 4 || apic_x2apic_mode(s)) {
        return;
    }
    switch (index) {
    case APIC_REG_ID:
        s->id = (val >> 24) & 0xff;
        break;
    case APIC_REG_LDR:
        s->log_dest = val >> 24;
        break;
    case APIC_REG_DFR:
        s->dest_mode = val >> 28;
        break;
    case APIC_REG_ICR_LO:
        s->icr[0] = val & ~APIC_LVT_DELIV_STS;
        apic_send_ipi(s);
        break;
    case APIC_REG_ICR_HI:
        s->icr[1] = val;
        break;
    case APIC_REG_VERSION:
    case APIC_REG_APR:
    case APIC_REG_PPR:
    case APIC_REG_ISR ... APIC_REG_IRR + 7:
    case APIC_REG_TIMER_CCR:
        break;                  /* read-only */
    default:
        if (!apic_reg_write(s, index, val)) {
            s->esr |= APIC_ESR_ILLEGAL_ADDRESS;
        }
        break;
    }
}

static const MemoryRegionOps apic_io_ops = {
    .read = apic_mem_read,
    .write = apic_mem_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

int apic_msr_read(DeviceState *dev, int index, uint64_t *val)
{
    APICCommonState *s = apic_of(dev);
    uint32_t v;

    if (!s || !apic_x2apic_mode(s)) {
        return -1;
    }
    if (index == APIC_REG_ICR_LO) {
        *val = ((uint64_t)s->icr[1] << 32) | s->icr[0];
        return 0;
    }
    if (!apic_reg_read(s, index, &v)) {
        return -1;
    }
    *val = v;
    return 0;
}

int apic_msr_write(DeviceState *dev, int index, uint64_t val)
{
    APICCommonState *s = apic_of(dev);

    if (!s || !apic_x2apic_mode(s)) {
        return -1;
    }
    switch (index) {
    case APIC_REG_ICR_LO:
        s->icr[1] = val >> 32;
        s->icr[0] = val & ~(uint64_t)APIC_LVT_DELIV_STS & 0xffffffff;
        apic_send_ipi(s);
        return 0;
    case APIC_REG_SELF_IPI:
        if (val >> 8) {
            return -1;
        }
        apic_set_irq(s, val & 0xff, APIC_TRIGGER_EDGE);
        return 0;
    case APIC_REG_EOI:
    case APIC_REG_ESR:
        /* SDM 10.12.1.3: a non-zero write raises #GP. */
        if (val) {
            return -1;
        }
        break;
    }
    if (val >> 32) {
        return -1;
    }
    return apic_reg_write(s, index, val) ? 0 : -1;
}

/* ---- class hooks and life cycle ---- */

static void apic_set_base_hook(APICCommonState *s, uint64_t val)
{
    apic_update_irq(s);
}

static void apic_set_tpr_hook(APICCommonState *s, uint8_t val)
{
    s->tpr = (val & 0x0f) << 4;
    apic_update_irq(s);
}

static void apic_reset_hook(APICCommonState *s)
{
    if (s->timer) {
        timer_del(s->timer);
    }
    apic_update_irq(s);
}

static bool apic_realize(DeviceState *dev, Error **errp)
{
    APICCommonState *s = APIC_COMMON(dev);

    memory_region_init_io(&s->io_memory, OBJECT(dev), &apic_io_ops, s,
                          "apic-msi", APIC_SPACE_SIZE);
    s->timer = timer_new_ns(QEMU_CLOCK_VIRTUAL, apic_timer_cb, s);
    /*
     * The reference warns, per CPU, that this model is not meant for
     * KVM (kernel_irqchip=off); only the accelerator's name is looked at.
     */
    if (current_accel() &&
        !strcmp(object_get_typename(OBJECT(current_accel())),
                ACCEL_CLASS_NAME("kvm"))) {
        warn_report("Userspace local APIC is deprecated for KVM.");
        warn_report("Do not use kernel-irqchip except for the -M isapc "
                    "machine type.");
    }
    return true;
}

static void apic_unrealize(DeviceState *dev)
{
    APICCommonState *s = APIC_COMMON(dev);

    timer_free(s->timer);
    s->timer = NULL;
}

static void apic_class_init(ObjectClass *klass, void *data)
{
    APICCommonClass *k = APIC_COMMON_CLASS(klass);

    k->realize = apic_realize;
    k->unrealize = apic_unrealize;
    k->set_base = apic_set_base_hook;
    k->set_tpr = apic_set_tpr_hook;
    k->reset = apic_reset_hook;
}

static const TypeInfo apic_type = {
    .name = TYPE_APIC,
    .parent = TYPE_APIC_COMMON,
    .instance_size = sizeof(APICCommonState),
    .class_size = sizeof(APICCommonClass),
    .class_init = apic_class_init,
};

static void apic_register_types(void)
{
    type_register_static(&apic_type);
}

type_init(apic_register_types)
