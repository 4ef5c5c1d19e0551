/*
 * irq.c: interrupt lines (see include/hw/irq.h), QOM objects of type
 * "irq" as on the reference.
 */
#include "qemu/osdep.h"
#include "hw/core/irq-internal.h"

static void irq_finalize(Object *obj)
{
    struct IRQState *irq = IRQ(obj);

    g_free(irq->owned);
    irq->owned = NULL;
}

static void irq_unparent(Object *obj)
{
    struct IRQState *irq = IRQ(obj);

    if (irq->unparent_notify) {
        irq->unparent_notify(irq, obj->parent);
    }
}

static void irq_class_init(ObjectClass *oc, void *data)
{
    oc->unparent = irq_unparent;
}

static const TypeInfo irq_type_info = {
    .name = TYPE_IRQ,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(struct IRQState),
    .instance_finalize = irq_finalize,
    .class_init = irq_class_init,
};

static void irq_register_types(void)
{
    type_register_static(&irq_type_info);
}
type_init(irq_register_types)

qemu_irq qemu_allocate_irq(qemu_irq_handler handler, void *opaque, int n)
{
    struct IRQState *irq = IRQ(object_new(TYPE_IRQ));

    irq->handler = handler;
    irq->opaque = opaque;
    irq->n = n;
    return irq;
}

qemu_irq *qemu_allocate_irqs(qemu_irq_handler handler, void *opaque, int n)
{
    qemu_irq *irqs = g_new0(qemu_irq, MAX(n, 1));
    int i;

    for (i = 0; i < n; i++) {
        irqs[i] = qemu_allocate_irq(handler, opaque, i);
    }
    return irqs;
}

void qemu_free_irq(qemu_irq irq)
{
    object_unref(irq);
}

void qemu_free_irqs(qemu_irq *irqs, int n)
{
    int i;

    for (i = 0; irqs && i < n; i++) {
        qemu_free_irq(irqs[i]);
    }
    g_free(irqs);
}

void qemu_set_irq(qemu_irq irq, int level)
{
    if (irq && irq->handler) {
        irq->handler(irq->opaque, irq->n, level);
    }
}

static void split_handler(void *opaque, int n, int level)
{
    qemu_irq *pair = opaque;

    qemu_set_irq(pair[0], level);
    qemu_set_irq(pair[1], level);
}

qemu_irq qemu_irq_split(qemu_irq a, qemu_irq b)
{
    qemu_irq *pair = g_new(qemu_irq, 2);
    qemu_irq irq;

    pair[0] = a;
    pair[1] = b;
    irq = qemu_allocate_irq(split_handler, pair, 0);
    irq->owned = pair;
    return irq;
}

static void invert_handler(void *opaque, int n, int level)
{
    qemu_set_irq(opaque, !level);
}

qemu_irq qemu_irq_invert(qemu_irq irq)
{
    /* The reference's inverter starts by driving the line high. */
    qemu_irq_raise(irq);
    return qemu_allocate_irq(invert_handler, irq, 0);
}
