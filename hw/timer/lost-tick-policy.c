/*
 * lost-tick-policy.c: the LostTickPolicy enum property (see
 * include/hw/timer/lost-tick-policy.h).
 */
#include "qemu/osdep.h"
#include "hw/timer/lost-tick-policy.h"

const char *const LostTickPolicy_lookup[] = {
    "discard", "delay", "slew", NULL
};

const PropertyInfo qdev_prop_losttickpolicy = {
    .name = "LostTickPolicy",
    .enum_table = LostTickPolicy_lookup,
    .get = qdev_propinfo_get_enum,
    .set = qdev_propinfo_set_enum,
    .set_default_value = qdev_propinfo_set_default_value_enum,
};
