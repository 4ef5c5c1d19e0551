/*
 * qdev-gpio.h: a device's interrupt lines (GPIOs), as on the reference.
 *
 * A device declares its inputs with qdev_init_gpio_in(): each is a
 * qemu_irq (hw/irq.h) whose handler is the device's, a QOM child of the
 * device ("unnamed-gpio-in[N]", or "NAME[N]" for a named group).  It
 * declares its outputs with qdev_init_gpio_out() on an array of qemu_irq
 * in its own state: each slot is a link property ("unnamed-gpio-out[N]",
 * "NAME[N]") that the board fills with qdev_connect_gpio_out(), usually
 * with another device's input from qdev_get_gpio_in().  The device raises
 * and lowers its output slots with qemu_set_irq() (an unconnected slot is
 * NULL and ignored).
 *
 * info qtree lists each device's groups ("gpio-in \"\" 24", "gpio-out
 * \"a20\" 1"), newest group first: qdev_print_gpios() prints them.
 * Declare lines in instance_init or realize, before the board wires them.
 */
#ifndef HW_QDEV_GPIO_H
#define HW_QDEV_GPIO_H

#include "hw/qdev-core.h"
#include "hw/irq.h"

/* n more inputs, numbered after the existing ones; handler gets dev. */
void qdev_init_gpio_in(DeviceState *dev, qemu_irq_handler handler, int n);
void qdev_init_gpio_in_named(DeviceState *dev, qemu_irq_handler handler,
                             const char *name, int n);
/* The same with another opaque for the handler. */
void qdev_init_gpio_in_named_with_opaque(DeviceState *dev,
                                         qemu_irq_handler handler,
                                         void *opaque, const char *name,
                                         int n);
/*
 * n more outputs in pins[0..n-1] (set to NULL), numbered after the
 * group's existing ones (sysbus IRQs are made one at a time this way).
 * A named group holds inputs or outputs, not both.
 */
void qdev_init_gpio_out(DeviceState *dev, qemu_irq *pins, int n);
void qdev_init_gpio_out_named(DeviceState *dev, qemu_irq *pins,
                              const char *name, int n);
/* Input n of the group (unnamed: name NULL); n must exist. */
qemu_irq qdev_get_gpio_in(DeviceState *dev, int n);
qemu_irq qdev_get_gpio_in_named(DeviceState *dev, const char *name, int n);
/*
 * Wire output n to pin (NULL: disconnect).  A pin without a QOM parent
 * goes under /machine/unattached as "non-qdev-gpio[N]".
 */
void qdev_connect_gpio_out(DeviceState *dev, int n, qemu_irq pin);
void qdev_connect_gpio_out_named(DeviceState *dev, const char *name, int n,
                                 qemu_irq pin);
/* What output n is wired to (NULL if nothing). */
qemu_irq qdev_get_gpio_out_connector(DeviceState *dev, const char *name,
                                     int n);
/* Number of inputs / outputs of a group (0 if none). */
int qdev_gpio_in_count(DeviceState *dev, const char *name);
int qdev_gpio_out_count(DeviceState *dev, const char *name);
/*
 * info qtree's lines for dev's groups, each indented by `indent` spaces:
 * `gpio-in "NAME" N` and `gpio-out "NAME" N` ("" for unnamed), newest
 * group first.  The qtree printer calls this right after the "dev:" line.
 */
void qdev_print_gpios(GString *out, DeviceState *dev, int indent);

#endif
