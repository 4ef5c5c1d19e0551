/*
 * i8254_internal.h: the "pit-common" state shared by the userspace 8254
 * (hw/timer/i8254.c) and the KVM in-kernel PIT, which copies
 * KVM_GET/SET_PIT2 into the same channel fields and provides its own
 * gate/info hooks.
 */
#ifndef HW_TIMER_I8254_INTERNAL_H
#define HW_TIMER_I8254_INTERNAL_H

#include "hw/timer/i8254.h"
#include "qemu/timer.h"

typedef struct PITChannelState {
    int count;                  /* initial count, 1..0x10000 (binary) */
    uint16_t latched_count;
    uint8_t count_latched;      /* access mode of a latched count, 0: none */
    uint8_t status_latched;
    uint8_t status;
    uint8_t read_state;
    uint8_t write_state;
    uint8_t write_latch;
    uint8_t rw_mode;            /* 1 LSB, 2 MSB, 3 LSB then MSB */
    uint8_t mode;               /* 0-5 */
    uint8_t bcd;
    uint8_t gate;
    bool waiting_count;         /* mode written, count not yet (NULL
                                   COUNT; the counter does not run) */
    int64_t count_load_time;    /* virtual ns when counting (re)started */
    int64_t gate_low_time;      /* when the gate went low (modes 0/2/3/4) */
    int64_t next_transition_time;
    QEMUTimer *irq_timer;       /* counter 0 only */
    qemu_irq irq;               /* counter 0: gpio-out 0 */
    int irq_level;
    uint32_t irq_disabled;      /* the HPET owns IRQ 0 */
} PITChannelState;

typedef struct PITCommonState {
    ISADevice parent_obj;
    uint32_t iobase;            /* "iobase" */
    MemoryRegion ioports;       /* "pit" */
    PITChannelState channels[3];
    qemu_irq *control_in;       /* [0]: the enable input (gpio-in 0) */
} PITCommonState;

typedef struct PITCommonClass {
    DeviceClass parent_class;
    /* The subclass's realize (after the common one maps the ports). */
    DeviceRealize *realize;
    void (*set_channel_gate)(PITCommonState *s, PITChannelState *sc,
                             int val);
    void (*get_channel_info)(PITCommonState *s, PITChannelState *sc,
                             PITChannelInfo *info);
} PITCommonClass;

#define PIT_COMMON(obj) OBJECT_CHECK(PITCommonState, (obj), TYPE_PIT_COMMON)
#define PIT_COMMON_CLASS(klass) \
    OBJECT_CLASS_CHECK(PITCommonClass, (klass), TYPE_PIT_COMMON)
#define PIT_COMMON_GET_CLASS(obj) \
    OBJECT_GET_CLASS(PITCommonClass, (obj), TYPE_PIT_COMMON)

#endif
