/*
 * null-machine.c: the "none" machine: no CPU, no RAM unless -m asks for it,
 * no devices.  A process that is only managed (QMP/HMP), as libvirt uses
 * for probing.
 */
#include "qemu/osdep.h"
#include "hw/boards.h"
#include "exec/memory.h"
#include "hw/core/machine-ram.h"

static bool machine_none_init(MachineState *ms, Error **errp)
{
    /* With -m (or memory-backend=) the RAM sits at address 0. */
    if (ms->ram_size) {
        MemoryRegion *ram = g_new0(MemoryRegion, 1);

        if (!machine_alloc_ram(ms, ram, errp)) {
            g_free(ram);
            return false;
        }
        memory_region_add_subregion(get_system_memory(), 0, ram);
    }
    /* With -cpu the reference creates that one CPU too. */
    if (ms->cpu_type) {
        DeviceState *cpu = qdev_new(ms->cpu_type);

        if (!qdev_realize_and_unref(cpu, NULL, errp)) {
            return false;
        }
    }
    return true;
}

static void machine_none_class_init(ObjectClass *oc, void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);

    mc->name = "none";
    mc->desc = "empty machine";
    mc->init = machine_none_init;
    mc->max_cpus = 1;
    mc->default_ram_size = 0;
    mc->default_ram_id = "ram";
    mc->no_serial = mc->no_parallel = mc->no_floppy = true;
    mc->no_cdrom = mc->no_sdcard = true;
}

static const TypeInfo machine_none_info = {
    .name = MACHINE_TYPE_NAME("none"),
    .parent = TYPE_MACHINE,
    .class_init = machine_none_class_init,
};

static void machine_none_register_types(void)
{
    type_register_static(&machine_none_info);
}
type_init(machine_none_register_types)
