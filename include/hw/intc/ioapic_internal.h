/*
 * ioapic_internal.h: the "ioapic-common" state shared by the userspace
 * IOAPIC (hw/intc/ioapic.c) and the KVM in-kernel one, so that the latter
 * copies the kernel's registers into the same fields (info pic, reset).
 *
 * A subclass's realize initializes io_memory with its own ops, then calls
 * ioapic_common_realize().
 */
#ifndef HW_INTC_IOAPIC_INTERNAL_H
#define HW_INTC_IOAPIC_INTERNAL_H

#include "hw/intc/ioapic.h"

/* Register indexes behind IOWIN (82093AA 3.1). */
#define IOAPIC_REG_ID       0x00
#define IOAPIC_REG_VER      0x01
#define IOAPIC_REG_ARB      0x02
#define IOAPIC_REG_REDTBL   0x10

/* Redirection table entry fields (82093AA 3.2.4). */
#define IOAPIC_VECTOR_MASK      0xffULL
#define IOAPIC_DM_SHIFT         8
#define IOAPIC_DM_MASK          (7ULL << IOAPIC_DM_SHIFT)
#define IOAPIC_DESTMODE_LOGICAL (1ULL << 11)
#define IOAPIC_DELIVERY_STATUS  (1ULL << 12)
#define IOAPIC_POLARITY_LOW     (1ULL << 13)
#define IOAPIC_REMOTE_IRR       (1ULL << 14)
#define IOAPIC_TRIGGER_LEVEL    (1ULL << 15)
#define IOAPIC_MASKED           (1ULL << 16)
#define IOAPIC_DEST_SHIFT       56
#define IOAPIC_RO_BITS          (IOAPIC_DELIVERY_STATUS | IOAPIC_REMOTE_IRR)

typedef struct IOAPICCommonState {
    SysBusDevice parent_obj;
    uint8_t version;            /* "version" property: 0x11 or 0x20 */
    uint8_t id;
    uint8_t ioregsel;
    uint32_t irr;               /* pins with a pending request */
    uint32_t line_level;        /* current input levels */
    uint64_t ioredtbl[IOAPIC_NUM_PINS];
    qemu_irq *in;               /* the inputs (gpio-in), one ref each */
    uint64_t irq_count[IOAPIC_NUM_PINS];    /* inputs raised (info irq) */
    MemoryRegion io_memory;
} IOAPICCommonState;

#define IOAPIC_COMMON(obj) \
    OBJECT_CHECK(IOAPICCommonState, (obj), TYPE_IOAPIC_COMMON)

/* Common part of realize: the MMIO window, the list of IOAPICs. */
bool ioapic_common_realize(IOAPICCommonState *s, Error **errp);
/* Power-on state: every pin masked, id 0. */
void ioapic_common_reset(IOAPICCommonState *s);

#endif
