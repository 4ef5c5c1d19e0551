/*
 * memory-test.h: what test-memory.c and test-memory-dispatch.c share: a
 * printable flat map, a per-test owner for the regions on a test's stack,
 * and a logging device model.
 */
#ifndef TESTS_UNIT_MEMORY_TEST_H
#define TESTS_UNIT_MEMORY_TEST_H

#include "qemu/osdep.h"
#include "exec/memory.h"
#include "hw/core/memory-internal.h"
#include "qemu/main-loop.h"
#include "hw/qdev-core.h"

/* The flattened map, one "START-END NAME[@OFF][ ro]" line per range. */
static inline char *flat(AddressSpace *as)
{
    GString *s = g_string_new(NULL);
    FlatView *v = as->current_map;
    unsigned i;

    for (i = 0; i < v->nr; i++) {
        FlatRange *fr = &v->ranges[i];

        g_string_append_printf(s, "%" PRIx64 "-%" PRIx64 " %s",
                               fr->start,
                               (uint64_t)(fr->start + fr->size - 1),
                               memory_region_name(fr->mr));
        if (fr->offset_in_region) {
            g_string_append_printf(s, "@%" PRIx64, fr->offset_in_region);
        }
        g_string_append(s, fr->readonly ? " ro\n" : "\n");
    }
    return g_string_free(s, false);
}

static inline void assert_flat(AddressSpace *as, const char *expected)
{
    char *got = flat(as);

    g_assert_cmpstr(got, ==, expected);
    g_free(got);
}

/*
 * The regions of a test live on its stack: they belong to an owner object
 * that the test drops at the end, which must then be the last reference
 * (address spaces, views and containers all let go).
 */
static inline Object *owner_begin(void)
{
    Object *o = object_new(TYPE_CONTAINER);

    object_property_add_child(object_get_root(), "test-owner", o);
    object_unref(o);
    return o;
}

static inline void owner_end(Object *o)
{
    g_assert_cmpuint(o->ref, ==, 1);
    object_unparent(o);
}

/* A device model for dispatch tests: every call is logged as
 * "rADDR/SIZE" or "wADDR/SIZE=VAL"; a read of byte k at addr gives
 * 0x10 + addr + k. */
typedef struct TestDev {
    GString *log;
    bool saw_bql;
} TestDev;

static inline uint64_t tdev_read(void *opaque, hwaddr addr, unsigned size)
{
    TestDev *d = opaque;
    uint64_t v = 0;
    unsigned k;

    g_string_append_printf(d->log, "r%" PRIx64 "/%u ", addr, size);
    d->saw_bql = qemu_mutex_iothread_locked();
    for (k = 0; k < size; k++) {
        v |= (uint64_t)((0x10 + addr + k) & 0xff) << (8 * k);
    }
    return v;
}

static inline void tdev_write(void *opaque, hwaddr addr, uint64_t data,
                       unsigned size)
{
    TestDev *d = opaque;

    g_string_append_printf(d->log, "w%" PRIx64 "/%u=%" PRIx64 " ", addr,
                           size, data);
}

static inline const char *tdev_log(TestDev *d)
{
    static char *last;

    g_free(last);
    last = g_strdup(d->log->str);
    g_string_truncate(d->log, 0);
    g_strchomp(last);
    return last;
}


/* The process's machine ("none"), so that regions land where they do in
 * QEMU (/machine/unattached); call from main() before the tests. */
static inline void memory_test_create_machine(void)
{
    Object *machine = object_new("none-machine");

    object_property_add_child(object_get_root(), "machine", machine);
    object_unref(machine);
    qdev_machine_init();
}

#endif
