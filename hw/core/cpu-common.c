/*
 * cpu-common.c: TYPE_CPU, the abstract device every CPU model derives from
 * (see hw/core/cpu.h).  Realizing a CPU starts its vCPU through the
 * accelerator; the architecture (target/i386) fills in the class hooks.
 */
#include "qemu/osdep.h"
#include "hw/core/cpu.h"

bool cpu_common_realize(DeviceState *dev, Error **errp)
{
    return qemu_init_vcpu_err(CPU(dev), errp);
}

static void cpu_common_instance_init(Object *obj)
{
    CPUState *cpu = CPU(obj);

    cpu->cpu_index = UNASSIGNED_CPU_INDEX;
    cpu->kvm_fd = -1;
    cpu->exception_index = -1;
    g_cond_init(&cpu->halt_cond);
}

static void cpu_common_instance_finalize(Object *obj)
{
    CPUState *cpu = CPU(obj);

    g_cond_clear(&cpu->halt_cond);
}

static void cpu_common_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = cpu_common_realize;
    device_class_set_category(dc, DEVICE_CATEGORY_CPU);
    /* CPUs are created by the board from -smp; no hotplug yet. */
    dc->user_creatable = false;
}

static const TypeInfo cpu_type_info = {
    .name = TYPE_CPU,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(CPUState),
    .instance_init = cpu_common_instance_init,
    .instance_finalize = cpu_common_instance_finalize,
    .abstract = true,
    .class_size = sizeof(CPUClass),
    .class_init = cpu_common_class_init,
};

static void cpu_register_types(void)
{
    type_register_static(&cpu_type_info);
}
type_init(cpu_register_types)
