/*
 * i8259_internal.h: the "pic-common" state shared by the userspace 8259
 * ("isa-i8259", hw/intc/i8259.c) and the KVM in-kernel one ("kvm-i8259"),
 * so the latter can copy its registers to and from the kernel
 * (KVM_GET/SET_IRQCHIP) in the same fields.
 */
#ifndef HW_INTC_I8259_INTERNAL_H
#define HW_INTC_I8259_INTERNAL_H

#include "hw/intc/i8259.h"

typedef struct PICCommonState {
    ISADevice parent_obj;
    /* properties */
    uint32_t iobase;            /* 0x20 / 0xa0 */
    uint32_t elcr_addr;         /* 0x4d0 / 0x4d1 */
    uint8_t elcr_mask;          /* writable ELCR bits: 0xf8 / 0xde */
    uint32_t master;            /* bit 0 ("master", on/off as on the
                                   reference) */
    /* registers (8259A datasheet names) */
    uint8_t last_irr;           /* input line levels, for edge detection */
    uint8_t irr;                /* interrupt request register */
    uint8_t imr;                /* interrupt mask register (OCW1) */
    uint8_t isr;                /* in-service register */
    uint8_t priority_add;       /* line with the highest priority */
    uint8_t irq_base;           /* ICW2 vector base (T7-T3) */
    uint8_t read_reg_select;    /* OCW3 RIS: 1 reads ISR, 0 IRR */
    uint8_t poll;               /* OCW3 P: next read is a poll */
    uint8_t special_mask;       /* OCW3 SMM */
    uint8_t init_state;         /* 0 ready, 1-3 waiting for ICW2-ICW4 */
    uint8_t auto_eoi;           /* ICW4 AEOI */
    uint8_t rotate_on_auto_eoi; /* OCW2 R with AEOI */
    uint8_t special_fully_nested_mode;  /* ICW4 SFNM */
    uint8_t init4;              /* ICW1 IC4: ICW4 follows */
    uint8_t single_mode;        /* ICW1 SNGL: no ICW3 */
    uint8_t ltim;               /* ICW1 LTIM: all lines level triggered */
    uint8_t elcr;               /* edge/level control (PIIX3 ELCR1/2) */
    /* wiring */
    qemu_irq int_out;           /* INT output, gpio-out 0 (master: CPU;
                                   slave: the master's IR2) */
    int int_level;              /* last level driven on int_out */
    uint64_t irq_count[8];      /* inputs raised (info irq) */
    MemoryRegion base_io;       /* "pic" */
    MemoryRegion elcr_io;       /* "elcr" */
} PICCommonState;

#define PIC_COMMON(obj) OBJECT_CHECK(PICCommonState, (obj), TYPE_PIC_COMMON)

#endif
