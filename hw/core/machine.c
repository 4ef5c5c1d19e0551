/*
 * machine.c: TYPE_MACHINE, the base of every machine type, with the
 * -machine properties shared by all boards, and the machine type registry
 * used by -machine help and query-machines.
 */
#include "qemu/osdep.h"
#include "hw/boards.h"

typedef struct MachineStrProp {
    const char *name;
    size_t offset;
    const char *desc;
} MachineStrProp;

static const MachineStrProp str_props[] = {
    { "kernel", offsetof(MachineState, kernel_filename),
      "Linux kernel image file" },
    { "initrd", offsetof(MachineState, initrd_filename),
      "Linux initial ramdisk file" },
    { "append", offsetof(MachineState, kernel_cmdline),
      "Linux kernel command line" },
    { "firmware", offsetof(MachineState, firmware), "Firmware image" },
    { "dtb", offsetof(MachineState, dtb), "Linux kernel device tree file" },
    { "dumpdtb", offsetof(MachineState, dumpdtb),
      "Dump current dtb to a file and quit" },
};

static char **str_field(Object *obj, ObjectProperty *prop)
{
    const MachineStrProp *p = prop->opaque;
    return (char **)((char *)obj + p->offset);
}

static json_t *machine_get_str(Object *obj, ObjectProperty *prop,
                               Error **errp)
{
    char *v = *str_field(obj, prop);
    return v ? json_string(v) : json_string("");
}

static bool machine_set_str(Object *obj, ObjectProperty *prop, json_t *value,
                            Error **errp)
{
    const char *s;
    char **field = str_field(obj, prop);

    if (!qom_parse_str(prop->name, value, &s, errp)) {
        return false;
    }
    g_free(*field);
    *field = g_strdup(s);
    return true;
}

#define MACHINE_BOOL_PROP(field) \
    static bool machine_get_##field(Object *obj, Error **errp) \
    { return MACHINE(obj)->field; } \
    static void machine_set_##field(Object *obj, bool v, Error **errp) \
    { MACHINE(obj)->field = v; }

MACHINE_BOOL_PROP(dump_guest_core)
MACHINE_BOOL_PROP(mem_merge)
MACHINE_BOOL_PROP(graphics)
MACHINE_BOOL_PROP(suppress_vmdesc)

static bool machine_get_usb(Object *obj, Error **errp)
{
    return MACHINE(obj)->usb;
}

static void machine_set_usb(Object *obj, bool v, Error **errp)
{
    MachineState *ms = MACHINE(obj);

    ms->usb = v;
    ms->usb_disabled = !v;
}

static json_t *machine_get_memdev(Object *obj, ObjectProperty *prop,
                                  Error **errp)
{
    MachineState *ms = MACHINE(obj);
    return json_string(ms->memory_backend ? ms->memory_backend : "");
}

static bool machine_set_memdev(Object *obj, ObjectProperty *prop,
                               json_t *value, Error **errp)
{
    MachineState *ms = MACHINE(obj);
    const char *s;

    if (!qom_parse_str(prop->name, value, &s, errp)) {
        return false;
    }
    g_free(ms->memory_backend);
    ms->memory_backend = g_strdup(s);
    return true;
}

static void machine_instance_init(Object *obj)
{
    MachineState *ms = MACHINE(obj);

    ms->dump_guest_core = true;
    ms->mem_merge = true;
    ms->graphics = true;
}

static void machine_instance_finalize(Object *obj)
{
    MachineState *ms = MACHINE(obj);

    g_free(ms->accel);
    g_free(ms->memory_backend);
    g_free(ms->kernel_filename);
    g_free(ms->initrd_filename);
    g_free(ms->kernel_cmdline);
    g_free(ms->firmware);
    g_free(ms->dtb);
    g_free(ms->dumpdtb);
    g_free(ms->cpu_type);
    g_free(ms->boot_order);
}

static void machine_class_init(ObjectClass *oc, void *data)
{
    size_t i;

    for (i = 0; i < ARRAY_SIZE(str_props); i++) {
        object_class_property_add(oc, str_props[i].name, "string",
                                  machine_get_str, machine_set_str, NULL,
                                  (void *)&str_props[i]);
        object_class_property_set_description(oc, str_props[i].name,
                                              str_props[i].desc);
    }
    object_class_property_add_bool(oc, "dump-guest-core",
                                   machine_get_dump_guest_core,
                                   machine_set_dump_guest_core);
    object_class_property_set_description(oc, "dump-guest-core",
        "Include guest memory in a core dump");
    object_class_property_add_bool(oc, "mem-merge", machine_get_mem_merge,
                                   machine_set_mem_merge);
    object_class_property_set_description(oc, "mem-merge",
        "Enable/disable memory merge support");
    object_class_property_add_bool(oc, "usb", machine_get_usb,
                                   machine_set_usb);
    object_class_property_set_description(oc, "usb",
        "Set on/off to enable/disable usb");
    object_class_property_add_bool(oc, "graphics", machine_get_graphics,
                                   machine_set_graphics);
    object_class_property_set_description(oc, "graphics",
        "Set on/off to enable/disable graphics emulation");
    object_class_property_add_bool(oc, "suppress-vmdesc",
                                   machine_get_suppress_vmdesc,
                                   machine_set_suppress_vmdesc);
    object_class_property_set_description(oc, "suppress-vmdesc",
        "Set on to disable self-describing migration");
    object_class_property_add(oc, "memory-backend", "link<memory-backend>",
                              machine_get_memdev, machine_set_memdev, NULL,
                              NULL);
    object_class_property_set_description(oc, "memory-backend",
        "Set RAM backend. Valid value is ID of hostmem based backend");
}

static const TypeInfo machine_info = {
    .name = TYPE_MACHINE,
    .parent = TYPE_OBJECT,
    .abstract = true,
    .class_size = sizeof(MachineClass),
    .class_init = machine_class_init,
    .instance_size = sizeof(MachineState),
    .instance_init = machine_instance_init,
    .instance_finalize = machine_instance_finalize,
};

static void machine_register_types(void)
{
    type_register_static(&machine_info);
}
type_init(machine_register_types)

/* ---- registry ---- */

/* The reference's -machine help order (see MachineClass.family). */
static gint machine_class_cmp(gconstpointer a, gconstpointer b)
{
    const MachineClass *ma = a, *mb = b;
    int res;

    if (!ma->family || !mb->family) {
        if (!ma->family && !mb->family) {
            return strcmp(ma->name, mb->name);
        }
        return ma->family ? -1 : 1;
    }
    res = strcmp(ma->family, mb->family);
    return res ? res : strcmp(mb->name, ma->name);
}

GSList *machine_class_list(void)
{
    GSList *l = object_class_get_list(TYPE_MACHINE, false);
    return g_slist_sort(l, machine_class_cmp);
}

MachineClass *machine_class_find(const char *name)
{
    GSList *l, *list = machine_class_list();
    MachineClass *found = NULL;

    for (l = list; l; l = l->next) {
        MachineClass *mc = l->data;
        if (!strcmp(mc->name, name) || (mc->alias && !strcmp(mc->alias, name))) {
            found = mc;
            break;
        }
    }
    g_slist_free(list);
    return found;
}

MachineClass *machine_class_default(void)
{
    GSList *l, *list = machine_class_list();
    MachineClass *found = NULL;

    for (l = list; l; l = l->next) {
        MachineClass *mc = l->data;
        if (mc->is_default) {
            found = mc;
        }
    }
    g_slist_free(list);
    return found;
}

void machine_print_help(GString *out)
{
    GSList *l, *list = machine_class_list();

    g_string_append(out, "Supported machines are:\n");
    for (l = list; l; l = l->next) {
        MachineClass *mc = l->data;
        if (mc->alias) {
            g_string_append_printf(out, "%-20s %s (alias of %s)\n",
                                   mc->alias, mc->desc, mc->name);
        }
        g_string_append_printf(out, "%-20s %s%s%s\n", mc->name, mc->desc,
                               mc->is_default ? " (default)" : "",
                               mc->deprecated ? " (deprecated)" : "");
    }
    g_slist_free(list);
}

MachineState *current_machine_get(void)
{
    Object *obj = object_resolve_path("/machine", NULL);
    return obj ? MACHINE(obj) : NULL;
}

void machine_reset(void)
{
    MachineState *ms = current_machine_get();
    MachineClass *mc = ms ? MACHINE_GET_CLASS(ms) : NULL;

    if (mc && mc->reset) {
        mc->reset(ms);
    } else {
        qemu_devices_reset();
    }
}
