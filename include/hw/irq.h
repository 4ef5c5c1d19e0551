/*
 * irq.h: interrupt lines between devices.
 *
 * A qemu_irq is the input end of a line: a handler and its opaque, with a
 * line number.  A device keeps the qemu_irq of whatever it is wired to
 * (the PIC input 4 for a COM1 serial port) and calls qemu_set_irq() with
 * the new level; devices only signal when the level changes.
 *
 * As on the reference, a line is a QOM object of type "irq": the input
 * lines a device declares with qdev_init_gpio_in() (hw/qdev-gpio.h) are its
 * children ("unnamed-gpio-in[N]"), which is how info qom-tree shows them.
 * A line made with qemu_allocate_irq() has no parent until something
 * places it (qdev_connect_gpio_out() puts it under /machine/unattached as
 * "non-qdev-gpio[N]").  Lines are used with the big lock held.
 */
#ifndef HW_IRQ_H
#define HW_IRQ_H

#include "qemu/osdep.h"

#define TYPE_IRQ "irq"

typedef struct IRQState *qemu_irq;
typedef void (*qemu_irq_handler)(void *opaque, int n, int level);

/* A new line (one reference, no QOM parent). */
qemu_irq qemu_allocate_irq(qemu_irq_handler handler, void *opaque, int n);
/* n lines numbered 0..n-1 sharing a handler; free with qemu_free_irqs. */
qemu_irq *qemu_allocate_irqs(qemu_irq_handler handler, void *opaque, int n);
/* Drop the reference qemu_allocate_irq() gave (NULL is ignored). */
void qemu_free_irq(qemu_irq irq);
void qemu_free_irqs(qemu_irq *irqs, int n);
/* Call the line's handler with level; a NULL line (not wired) is ignored. */
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
/* A line that drives irq with the opposite level. */
qemu_irq qemu_irq_invert(qemu_irq irq);

#endif
