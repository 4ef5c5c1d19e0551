/*
 * lost-tick-policy.h: what a periodic timer device does with ticks the
 * guest could not take in time ("lost_tick_policy" property of
 * mc146818rtc and kvm-pit; QAPI enum LostTickPolicy).
 *
 *   discard  drop them (the guest's clock falls behind);
 *   delay    deliver them late, one by one;
 *   slew     deliver them faster until caught up (the RTC re-injects
 *            one on each acknowledge; -rtc driftfix=slew selects it).
 */
#ifndef HW_TIMER_LOST_TICK_POLICY_H
#define HW_TIMER_LOST_TICK_POLICY_H

#include "hw/qdev-core.h"

typedef enum LostTickPolicy {
    LOST_TICK_POLICY_DISCARD,
    LOST_TICK_POLICY_DELAY,
    LOST_TICK_POLICY_SLEW,
    LOST_TICK_POLICY__MAX
} LostTickPolicy;

extern const char *const LostTickPolicy_lookup[];
extern const PropertyInfo qdev_prop_losttickpolicy;

#define DEFINE_PROP_LOSTTICKPOLICY(_n, _s, _f, _d) \
    DEFINE_PROP_SIGNED(_n, _s, _f, _d, qdev_prop_losttickpolicy, \
                       LostTickPolicy)

#endif
