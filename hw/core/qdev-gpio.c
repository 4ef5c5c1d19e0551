/*
 * qdev-gpio.c: a device's GPIO lines (see include/hw/qdev-gpio.h).
 *
 * The groups of a device (name, inputs, outputs) are kept in a table
 * keyed by the device, because DeviceState has no room for them.  The
 * entry goes when the device goes: the device's properties are released
 * when it is finalized, and both kinds of line have a hook there, an
 * input through its unparent notification (it is a child of the device),
 * an output through its link property's release.
 */
#include "qemu/osdep.h"
#include "hw/qdev-gpio.h"
#include "hw/core/irq-internal.h"

typedef struct NamedGPIOList {
    char *name;                 /* NULL: unnamed */
    qemu_irq *in;
    int num_in;
    qemu_irq **out;             /* slots in the device's own state */
    int num_out;
} NamedGPIOList;

/* DeviceState * -> GList of NamedGPIOList, newest first. */
static GHashTable *gpio_table;
/* The link properties' own release, which ours wraps. */
static ObjectPropertyRelease *link_release;

static void gpio_list_free(gpointer data)
{
    NamedGPIOList *ngl = data;

    g_free(ngl->name);
    g_free(ngl->in);
    g_free(ngl->out);
    g_free(ngl);
}

static void gpio_device_gone(DeviceState *dev)
{
    GList *lists;

    if (!gpio_table || !(lists = g_hash_table_lookup(gpio_table, dev))) {
        return;
    }
    g_hash_table_remove(gpio_table, dev);
    g_list_free_full(lists, gpio_list_free);
}

static void gpio_in_unparented(struct IRQState *irq, Object *parent)
{
    irq->unparent_notify = NULL;
    if (parent && object_dynamic_cast(parent, TYPE_DEVICE)) {
        gpio_device_gone(DEVICE(parent));
    }
}

static void gpio_out_release(Object *obj, ObjectProperty *prop)
{
    gpio_device_gone(DEVICE(obj));
    if (link_release) {
        link_release(obj, prop);
    }
}

static NamedGPIOList *gpio_list_find(DeviceState *dev, const char *name)
{
    GList *l = gpio_table ? g_hash_table_lookup(gpio_table, dev) : NULL;

    for (; l; l = l->next) {
        NamedGPIOList *ngl = l->data;

        if (g_strcmp0(ngl->name, name) == 0) {
            return ngl;
        }
    }
    return NULL;
}

static NamedGPIOList *gpio_list_get(DeviceState *dev, const char *name)
{
    NamedGPIOList *ngl = gpio_list_find(dev, name);
    GList *lists;

    if (ngl) {
        return ngl;
    }
    if (!gpio_table) {
        gpio_table = g_hash_table_new(NULL, NULL);
    }
    ngl = g_new0(NamedGPIOList, 1);
    ngl->name = g_strdup(name);
    lists = g_hash_table_lookup(gpio_table, dev);
    g_hash_table_insert(gpio_table, dev, g_list_prepend(lists, ngl));
    return ngl;
}

void qdev_init_gpio_in_named_with_opaque(DeviceState *dev,
                                         qemu_irq_handler handler,
                                         void *opaque, const char *name,
                                         int n)
{
    NamedGPIOList *ngl = gpio_list_get(dev, name);
    const char *base = name ? name : "unnamed-gpio-in";
    int i;

    /* A named group is inputs or outputs, not both (as the reference). */
    assert(!ngl->num_out || !name);
    ngl->in = g_renew(qemu_irq, ngl->in, ngl->num_in + n);
    for (i = ngl->num_in; i < ngl->num_in + n; i++) {
        qemu_irq irq = qemu_allocate_irq(handler, opaque, i);
        char *prop = g_strdup_printf("%s[%d]", base, i);

        object_property_add_child(OBJECT(dev), prop, OBJECT(irq));
        object_unref(irq);
        irq->unparent_notify = gpio_in_unparented;
        ngl->in[i] = irq;
        g_free(prop);
    }
    ngl->num_in += n;
}

void qdev_init_gpio_in_named(DeviceState *dev, qemu_irq_handler handler,
                             const char *name, int n)
{
    qdev_init_gpio_in_named_with_opaque(dev, handler, dev, name, n);
}

void qdev_init_gpio_in(DeviceState *dev, qemu_irq_handler handler, int n)
{
    qdev_init_gpio_in_named(dev, handler, NULL, n);
}

void qdev_init_gpio_out_named(DeviceState *dev, qemu_irq *pins,
                              const char *name, int n)
{
    NamedGPIOList *ngl = gpio_list_get(dev, name);
    const char *base = name ? name : "unnamed-gpio-out";
    int i;

    assert(!ngl->num_in || !name);
    memset(pins, 0, sizeof(*pins) * n);
    ngl->out = g_renew(qemu_irq *, ngl->out, ngl->num_out + n);
    for (i = 0; i < n; i++) {
        char *name_i = g_strdup_printf("%s[%d]", base, ngl->num_out + i);
        ObjectProperty *prop;

        prop = object_property_add_link(OBJECT(dev), name_i, TYPE_IRQ,
                                        (Object **)&pins[i],
                                        object_property_allow_set_link,
                                        OBJ_PROP_LINK_STRONG);
        /* All links share one release function: keep it and chain it. */
        link_release = prop->release;
        prop->release = gpio_out_release;
        ngl->out[ngl->num_out + i] = &pins[i];
        g_free(name_i);
    }
    ngl->num_out += n;
}

void qdev_init_gpio_out(DeviceState *dev, qemu_irq *pins, int n)
{
    qdev_init_gpio_out_named(dev, pins, NULL, n);
}

qemu_irq qdev_get_gpio_in_named(DeviceState *dev, const char *name, int n)
{
    NamedGPIOList *ngl = gpio_list_find(dev, name);

    assert(ngl && n >= 0 && n < ngl->num_in);
    return ngl->in[n];
}

qemu_irq qdev_get_gpio_in(DeviceState *dev, int n)
{
    return qdev_get_gpio_in_named(dev, NULL, n);
}

void qdev_connect_gpio_out_named(DeviceState *dev, const char *name, int n,
                                 qemu_irq pin)
{
    NamedGPIOList *ngl = gpio_list_find(dev, name);
    Object *machine = qdev_get_machine();
    qemu_irq old;

    assert(ngl && n >= 0 && n < ngl->num_out);
    if (pin && !OBJECT(pin)->parent && machine) {
        object_property_add_child(container_get(machine, "/unattached"),
                                  "non-qdev-gpio[*]", OBJECT(pin));
    }
    /*
     * What the link property's setter would do, without needing the pin
     * to have a path (unit tests wire lines without a machine).
     */
    old = *ngl->out[n];
    object_ref(pin);
    *ngl->out[n] = pin;
    object_unref(old);
}

void qdev_connect_gpio_out(DeviceState *dev, int n, qemu_irq pin)
{
    qdev_connect_gpio_out_named(dev, NULL, n, pin);
}

qemu_irq qdev_get_gpio_out_connector(DeviceState *dev, const char *name,
                                     int n)
{
    NamedGPIOList *ngl = gpio_list_find(dev, name);

    return ngl && n >= 0 && n < ngl->num_out ? *ngl->out[n] : NULL;
}

int qdev_gpio_in_count(DeviceState *dev, const char *name)
{
    NamedGPIOList *ngl = gpio_list_find(dev, name);

    return ngl ? ngl->num_in : 0;
}

int qdev_gpio_out_count(DeviceState *dev, const char *name)
{
    NamedGPIOList *ngl = gpio_list_find(dev, name);

    return ngl ? ngl->num_out : 0;
}

void qdev_print_gpios(GString *out, DeviceState *dev, int indent)
{
    GList *l = gpio_table ? g_hash_table_lookup(gpio_table, dev) : NULL;

    for (; l; l = l->next) {
        NamedGPIOList *ngl = l->data;
        const char *name = ngl->name ? ngl->name : "";

        if (ngl->num_in) {
            g_string_append_printf(out, "%*sgpio-in \"%s\" %d\n", indent, "",
                                   name, ngl->num_in);
        }
        if (ngl->num_out) {
            g_string_append_printf(out, "%*sgpio-out \"%s\" %d\n", indent, "",
                                   name, ngl->num_out);
        }
    }
}
