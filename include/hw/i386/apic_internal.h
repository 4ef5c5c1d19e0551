/*
 * apic_internal.h: the "apic-common" state shared by the userspace local
 * APIC ("apic", hw/intc/apic.c) and the KVM in-kernel one ("kvm-apic"),
 * so the latter copies KVM_GET/SET_LAPIC to and from the same fields and
 * info lapic prints either.
 *
 * A subclass sets APICCommonClass.realize (initializing io_memory, named
 * "apic-msi", with its ops) and the hooks it needs; apic-common's realize
 * calls it, registers the APIC on the APIC bus and maps the first
 * io_memory at 0xfee00000.
 */
#ifndef HW_I386_APIC_INTERNAL_H
#define HW_I386_APIC_INTERNAL_H

#include "hw/i386/apic.h"
#include "exec/memory.h"
#include "qemu/timer.h"

/* Register indexes (MMIO offset >> 4, x2APIC MSR - 0x800), SDM table 10-1. */
#define APIC_REG_ID         0x02
#define APIC_REG_VERSION    0x03
#define APIC_REG_TPR        0x08
#define APIC_REG_APR        0x09
#define APIC_REG_PPR        0x0a
#define APIC_REG_EOI        0x0b
#define APIC_REG_LDR        0x0d
#define APIC_REG_DFR        0x0e
#define APIC_REG_SVR        0x0f
#define APIC_REG_ISR        0x10
#define APIC_REG_TMR        0x18
#define APIC_REG_IRR        0x20
#define APIC_REG_ESR        0x28
#define APIC_REG_ICR_LO     0x30
#define APIC_REG_ICR_HI     0x31
#define APIC_REG_LVT        0x32    /* timer, thermal, perf, LINT0/1, error */
#define APIC_REG_TIMER_ICR  0x38
#define APIC_REG_TIMER_CCR  0x39
#define APIC_REG_TIMER_DCR  0x3e
#define APIC_REG_SELF_IPI   0x3f    /* x2APIC only */

/* Local vector table entries, in register order. */
#define APIC_LVT_TIMER      0
#define APIC_LVT_THERMAL    1
#define APIC_LVT_PERFORM    2
#define APIC_LVT_LINT0      3
#define APIC_LVT_LINT1      4
#define APIC_LVT_ERROR      5
#define APIC_LVT_NB         6

#define APIC_LVT_MASKED         (1 << 16)
#define APIC_LVT_LEVEL_TRIGGER  (1 << 15)
#define APIC_LVT_REMOTE_IRR     (1 << 14)
#define APIC_LVT_INT_POLARITY   (1 << 13)
#define APIC_LVT_DELIV_STS      (1 << 12)
#define APIC_LVT_TIMER_SHIFT    17
#define APIC_LVT_TIMER_ONESHOT  0
#define APIC_LVT_TIMER_PERIODIC 1
#define APIC_LVT_TIMER_TSCDEADLINE 2

#define APIC_SV_ENABLE          (1 << 8)

/* ESR bits (SDM 10.5.3). */
#define APIC_ESR_SEND_ILLEGAL_VECTOR    (1 << 5)
#define APIC_ESR_RECV_ILLEGAL_VECTOR    (1 << 6)
#define APIC_ESR_ILLEGAL_ADDRESS        (1 << 7)

#define APIC_DFR_FLAT       0xf
#define APIC_DFR_CLUSTER    0x0

#define MAX_APICS 1024

typedef struct APICCommonState {
    DeviceState parent_obj;
    /* properties */
    uint32_t initial_apic_id;       /* "id" */
    uint8_t version;                /* "version" (0x14) */
    uint32_t vapic_control;         /* bit 0: "vapic" (accepted, no
                                       effect: no TPR patching) */
    /* wiring */
    CPUState *cpu;
    MemoryRegion io_memory;         /* "apic-msi" */
    int slot;                       /* index in local_apics[] */
    /* registers */
    uint64_t apicbase;              /* IA32_APIC_BASE */
    uint32_t id;                    /* APIC id (x2APIC: 32 bits) */
    uint8_t arb_id;
    uint8_t tpr;
    uint32_t spurious_vec;          /* SVR */
    uint8_t log_dest;               /* LDR[31:24] (xAPIC) */
    uint8_t dest_mode;              /* DFR[31:28] */
    uint32_t extended_log_dest;     /* x2APIC LDR */
    uint32_t isr[8];                /* in service, 256 bits */
    uint32_t tmr[8];                /* trigger mode (1 = level) */
    uint32_t irr[8];                /* requests */
    uint32_t lvt[APIC_LVT_NB];
    uint32_t esr;
    uint32_t icr[2];
    uint32_t divide_conf;
    int count_shift;                /* log2 of the timer divider */
    uint32_t initial_count;
    int64_t initial_count_load_time;    /* virtual ns */
    int64_t next_time;              /* next timer expiry, virtual ns */
    QEMUTimer *timer;
    uint64_t tsc_deadline;          /* armed IA32_TSC_DEADLINE, 0 = none */
    int64_t tsc_deadline_ns;
    int sipi_vector;            /* received start-up vector, -1: none */
    int wait_for_sipi;
    bool extint_pending;            /* an ExtINT message awaits INTA */
} APICCommonState;

typedef struct APICCommonClass {
    DeviceClass parent_class;
    /* The subclass's realize (io_memory, timer); may be NULL. */
    DeviceRealize *realize;
    DeviceUnrealize *unrealize;
    /* Hooks (NULL: the common behaviour only). */
    void (*set_base)(APICCommonState *s, uint64_t val);
    void (*set_tpr)(APICCommonState *s, uint8_t val);
    uint8_t (*get_tpr)(APICCommonState *s);
    void (*external_nmi)(APICCommonState *s);
    /* After the common register reset (stop timers, re-evaluate lines). */
    void (*reset)(APICCommonState *s);
} APICCommonClass;

#define APIC_COMMON(obj) \
    OBJECT_CHECK(APICCommonState, (obj), TYPE_APIC_COMMON)
#define APIC_COMMON_CLASS(klass) \
    OBJECT_CLASS_CHECK(APICCommonClass, (klass), TYPE_APIC_COMMON)
#define APIC_COMMON_GET_CLASS(obj) \
    OBJECT_GET_CLASS(APICCommonClass, (obj), TYPE_APIC_COMMON)

/* Every realized local APIC, by slot (NULL: free). */
extern APICCommonState *local_apics[MAX_APICS];

/* Bit helpers on the 256-bit IRR/ISR/TMR arrays. */
static inline void apic_set_bit(uint32_t *tab, int index)
{
    tab[index >> 5] |= 1U << (index & 31);
}
static inline void apic_reset_bit(uint32_t *tab, int index)
{
    tab[index >> 5] &= ~(1U << (index & 31));
}
static inline bool apic_get_bit(const uint32_t *tab, int index)
{
    return tab[index >> 5] & (1U << (index & 31));
}
/* Highest set bit of a 256-bit array, or -1. */
int apic_highest_bit(const uint32_t *tab);

/* Register state to its INIT values (keeps apicbase and id). */
void apic_common_init_regs(APICCommonState *s);
bool apic_is_bsp(APICCommonState *s);
/* The x2APIC logical id derived from the APIC id (SDM 10.12.10.2). */
uint32_t apic_x2apic_ldr(uint32_t id);

#endif
