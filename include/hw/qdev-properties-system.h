/*
 * qdev-properties-system.h: device properties that refer to backends
 * living outside the device tree.
 *
 * DEFINE_PROP_CHR("chardev", State, field) declares a string property
 * whose value is a chardev id (-chardev id=..., -serial's "serialN"): the
 * setter finds the chardev and attaches the CharBackend `field` to it as
 * its frontend, so a chardev serves at most one device.  The getter
 * returns the id ("" when none).  The backend is detached when the device
 * goes away.  Errors as QEMU 7.2: "Property 'TYPE.NAME' can't find value
 * 'ID'", "Property 'TYPE.NAME' can't take value 'ID': Device 'ID' is in
 * use".
 */
#ifndef HW_QDEV_PROPERTIES_SYSTEM_H
#define HW_QDEV_PROPERTIES_SYSTEM_H

#include "hw/qdev-core.h"
#include "chardev/char.h"

extern const PropertyInfo qdev_prop_chr;

/* The field must be a CharBackend (checked through its address). */
#define DEFINE_PROP_CHR(_n, _s, _f) { \
        .name = (_n), .info = &qdev_prop_chr, \
        .offset = offsetof(_s, _f) \
            + 0 * sizeof(&((_s *)0)->_f == (CharBackend *)0) }

#endif
