/*
 * irq.h: interrupt lines between devices.
 *
 * A qemu_irq is the input end of a line: a handler and its opaque, with a
 * line number.  A device keeps the qemu_irq of whatever it is wired to
 * (the PIC input 4 for a COM1 serial port) and calls qemu_set_irq() with
 * the new level; devices only signal when the level changes.
 */
#ifndef HW_IRQ_H
#define HW_IRQ_H

#include "qemu/osdep.h"

typedef struct IRQState *qemu_irq;
typedef void (*qemu_irq_handler)(void *opaque, int n, int level);

qemu_irq qemu_allocate_irq(qemu_irq_handler handler, void *opaque, int n);
/* n lines numbered 0..n-1 sharing a handler; free with qemu_free_irqs. */
qemu_irq *qemu_allocate_irqs(qemu_irq_handler handler, void *opaque, int n);
void qemu_free_irq(qemu_irq irq);
void qemu_free_irqs(qemu_irq *irqs, int n);
void qemu_set_irq(qemu_irq irq, int level);
static inline void qemu_irq_raise(qemu_irq irq) { qemu_set_irq(irq, 1); }
static inline void qemu_irq_lower(qemu_irq irq) { qemu_set_irq(irq, 0); }
static inline void qemu_irq_pulse(qemu_irq irq)
{
    qemu_set_irq(irq, 1);
    qemu_set_irq(irq, 0);
}
/* A line that drives two others (e.g. the PIC and the IOAPIC). */
qemu_irq qemu_irq_split(qemu_irq a, qemu_irq b);

#endif
