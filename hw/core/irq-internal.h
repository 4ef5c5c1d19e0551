/*
 * irq-internal.h: the layout of a qemu_irq, shared by hw/core/irq.c and
 * the qdev GPIO helpers (hw/core/qdev-gpio.c).  Devices use hw/irq.h.
 */
#ifndef HW_CORE_IRQ_INTERNAL_H
#define HW_CORE_IRQ_INTERNAL_H

#include "hw/irq.h"
#include "qom/object.h"

#define IRQ(obj) OBJECT_CHECK(struct IRQState, (obj), TYPE_IRQ)

struct IRQState {
    Object parent_obj;
    qemu_irq_handler handler;
    void *opaque;
    int n;
    void *owned;                /* freed with the line (split, invert) */
    /*
     * Called when the line leaves its QOM parent (still set), i.e. when
     * the device whose GPIO input it is goes away; NULL if none.
     */
    void (*unparent_notify)(struct IRQState *irq, Object *parent);
};

#endif
