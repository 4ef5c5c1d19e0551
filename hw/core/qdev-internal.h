/*
 * qdev-internal.h: what the qdev files (qdev.c, bus.c, qdev-properties.c,
 * qdev-monitor.c, sysbus.c) share and nobody else needs.
 */
#ifndef HW_CORE_QDEV_INTERNAL_H
#define HW_CORE_QDEV_INTERNAL_H

#include "hw/qdev-core.h"

/* Plug child into bus (newest first) with a "child[N]" link; takes a ref. */
void bus_add_child(BusState *bus, DeviceState *child);
/* Undo bus_add_child(); drops the bus's reference on child. */
void bus_remove_child(BusState *bus, DeviceState *child);
/* Mark bus realized; unrealizing unrealizes the devices on it first. */
void qbus_set_realized(BusState *bus, bool value);
/* Apply the -global values that match dev's type (instance_post_init). */
void qdev_prop_set_globals(DeviceState *dev);
/* The alias of a device type ("virtio-net" for "virtio-net-pci"), or
 * NULL; and the type an alias stands for, or NULL. */
const char *qdev_alias_of(const char *typename);
const char *qdev_type_of_alias(const char *alias);

#endif
