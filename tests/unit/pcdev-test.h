/*
 * pcdev-test.h: what the PC interrupt controller and timer device tests
 * share: a machine ("none") with the system memory and I/O spaces, the ISA
 * bus, port and MMIO accessors, recorded interrupt lines, and the virtual
 * clock in the test's hand (qemu_clock_set_manual / qemu_clock_step).
 */
#ifndef TESTS_UNIT_PCDEV_TEST_H
#define TESTS_UNIT_PCDEV_TEST_H

#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/memory.h"
#include "hw/isa/isa.h"
#include "hw/irq.h"
#include "qemu/timer.h"
#include "hw/core/cpu.h"
#include "hw/i386/apic.h"

/* Call from main() before the tests: /machine, the ISA bus, a frozen
 * virtual clock. */
static inline ISABus *pcdev_test_init(void)
{
    Object *machine = object_new("none-machine");

    object_property_add_child(object_get_root(), "machine", machine);
    object_unref(machine);
    qdev_machine_init();
    qemu_clock_set_manual(true);
    return isa_bus_new(NULL, get_system_memory(), get_system_io(),
                       &error_abort);
}

static inline void outb(uint16_t port, uint8_t val)
{
    g_assert_cmpint(address_space_store(&address_space_io, port, 1, val),
                    ==, MEMTX_OK);
}

static inline uint8_t inb(uint16_t port)
{
    uint64_t v = 0;

    g_assert_cmpint(address_space_load(&address_space_io, port, 1, &v), ==,
                    MEMTX_OK);
    return v;
}

static inline void writel(hwaddr addr, uint32_t val)
{
    address_space_store(&address_space_memory, addr, 4, val);
}

static inline uint32_t readl(hwaddr addr)
{
    uint64_t v = 0;

    address_space_load(&address_space_memory, addr, 4, &v);
    return v;
}

static inline void writeq(hwaddr addr, uint64_t val)
{
    address_space_store(&address_space_memory, addr, 8, val);
}

static inline uint64_t readq(hwaddr addr)
{
    uint64_t v = 0;

    address_space_load(&address_space_memory, addr, 8, &v);
    return v;
}

/*
 * An interrupt line whose level the test reads back, counting rising
 * edges (a pulse counts as one).
 */
typedef struct TestLine {
    qemu_irq irq;
    int level;
    int edges;
} TestLine;

static inline void test_line_handler(void *opaque, int n, int level)
{
    TestLine *l = opaque;

    if (level && !l->level) {
        l->edges++;
    }
    l->level = level;
}

static inline void test_line_init(TestLine *l)
{
    l->level = 0;
    l->edges = 0;
    l->irq = qemu_allocate_irq(test_line_handler, l, 0);
}

/* Advance the virtual clock by ns, firing the timers that fall due. */
static inline void clock_step(int64_t ns)
{
    qemu_clock_step(ns);
}

static inline int64_t clock_now(void)
{
    return qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
}

/*
 * A bare CPU for the APIC tests: it has no accelerator (no thread), so
 * what the APIC asks of it stays visible in cpu->interrupt_request.
 */
#define TYPE_TEST_CPU "test-cpu"

static inline void pcdev_register_test_cpu(void)
{
    static const TypeInfo info = {
        .name = TYPE_TEST_CPU,
        .parent = TYPE_CPU,
        .instance_size = sizeof(CPUState),
        .class_size = sizeof(CPUClass),
    };

    type_register_static(&info);
}

/* A realized test CPU with a realized "apic" of id apic_id. */
static inline CPUState *test_cpu_new(uint32_t apic_id, DeviceState **apic)
{
    DeviceState *dev = qdev_new(TYPE_TEST_CPU);

    qdev_realize(dev, NULL, &error_abort);
    *apic = apic_new_for_cpu(CPU(dev), TYPE_APIC, apic_id);
    qdev_realize(*apic, NULL, &error_abort);
    return CPU(dev);
}

static inline bool cpu_has_irq(CPUState *cpu, int mask)
{
    return __atomic_load_n(&cpu->interrupt_request, __ATOMIC_SEQ_CST) & mask;
}

#endif
