/*
 * accel.h: accelerators (the engines that run guest CPUs).
 *
 * Each accelerator is a QOM class "NAME-accel" (kvm-accel, tcg-accel)
 * derived from TYPE_ACCEL; -accel NAME (repeatable, tried in order) and the
 * legacy -machine accel=A:B pick one at start-up.  The PC board and the
 * vCPU interface come with the accelerators in later parts of the project;
 * the "none" machine runs no vCPU and needs no accelerator.
 */
#ifndef SYSEMU_ACCEL_H
#define SYSEMU_ACCEL_H

#include "qom/object.h"

#define TYPE_ACCEL "accel"
#define ACCEL_CLASS_SUFFIX "-accel"
#define ACCEL_CLASS_NAME(a) (a ACCEL_CLASS_SUFFIX)

typedef struct AccelState {
    Object parent_obj;
} AccelState;

typedef struct AccelClass {
    ObjectClass parent_class;
    const char *name;
    /* Open the host side (e.g. /dev/kvm); false with errp if unusable. */
    bool (*init_machine)(AccelState *as, Error **errp);
} AccelClass;

#define ACCEL_CLASS(klass) OBJECT_CLASS_CHECK(AccelClass, (klass), TYPE_ACCEL)
#define ACCEL_GET_CLASS(obj) OBJECT_GET_CLASS(AccelClass, (obj), TYPE_ACCEL)

/* The accelerator class for a name ("kvm"), or NULL. */
AccelClass *accel_find(const char *name);
/* Names known to the reference that this build may not provide yet. */
bool accel_name_is_known(const char *name);
/* -accel help */
void accel_print_help(GString *out);
/* The accelerator in use, or NULL (none machine without -accel). */
AccelState *current_accel(void);
void accel_set_current(AccelState *as);

#endif
