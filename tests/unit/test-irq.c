/*
 * test-irq.c: interrupt lines (include/hw/irq.h) and a device's GPIO lines
 * (include/hw/qdev-gpio.h): handlers get their line number and level,
 * split and inverted lines, the QOM names the reference gives the lines
 * (info qom-tree shows them), wiring outputs to inputs, and the "gpio-in"
 * / "gpio-out" lines of info qtree.
 */
#include "qemu/osdep.h"
#include "hw/irq.h"
#include "hw/qdev-gpio.h"

static GString *events;

static void record(void *opaque, int n, int level)
{
    g_string_append_printf(events, "%s:%d=%d ", (const char *)opaque, n,
                           level);
}

static char *take_events(void)
{
    char *s = g_strdup(g_strchomp(events->str));

    g_string_truncate(events, 0);
    return s;
}

static void assert_events(const char *expected)
{
    char *got = take_events();

    g_assert_cmpstr(got, ==, expected);
    g_free(got);
}

static void test_lines(void)
{
    qemu_irq *lines = qemu_allocate_irqs(record, "pic", 3);
    qemu_irq other = qemu_allocate_irq(record, "ioapic", 9);
    qemu_irq split, inv;

    qemu_irq_raise(lines[2]);
    qemu_irq_lower(lines[0]);
    qemu_irq_pulse(other);
    assert_events("pic:2=1 pic:0=0 ioapic:9=1 ioapic:9=0");

    /* A NULL line is an unconnected output: nothing happens. */
    qemu_set_irq(NULL, 1);
    assert_events("");

    split = qemu_irq_split(lines[1], other);
    qemu_set_irq(split, 1);
    assert_events("pic:1=1 ioapic:9=1");

    /* The inverter drives its target high at once, then the opposite. */
    inv = qemu_irq_invert(lines[0]);
    assert_events("pic:0=1");
    qemu_irq_raise(inv);
    assert_events("pic:0=0");

    g_assert_cmpstr(object_get_typename(OBJECT(split)), ==, TYPE_IRQ);
    qemu_free_irq(split);
    qemu_free_irq(inv);
    qemu_free_irq(other);
    qemu_free_irqs(lines, 3);
}

/* ---- a device with GPIOs ---- */

#define TYPE_GPIO_DEV "test-gpio-dev"

typedef struct GpioDev {
    DeviceState parent_obj;
    qemu_irq out[2];
    qemu_irq a20;
    const char *tag;
} GpioDev;

static void gpio_dev_in(void *opaque, int n, int level)
{
    GpioDev *d = opaque;

    g_string_append_printf(events, "%s:%d=%d ", d->tag, n, level);
}

static void gpio_dev_wake(void *opaque, int n, int level)
{
    GpioDev *d = opaque;

    g_string_append_printf(events, "%s:wake%d=%d ", d->tag, n, level);
}

static void gpio_dev_init(Object *obj)
{
    GpioDev *d = (GpioDev *)obj;
    DeviceState *dev = DEVICE(obj);

    d->tag = "dev";
    qdev_init_gpio_in(dev, gpio_dev_in, 4);
    qdev_init_gpio_out(dev, d->out, 2);
    qdev_init_gpio_out_named(dev, &d->a20, "a20", 1);
    qdev_init_gpio_in_named(dev, gpio_dev_wake, "wake", 1);
}

static const TypeInfo gpio_dev_info = {
    .name = TYPE_GPIO_DEV,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(GpioDev),
    .instance_init = gpio_dev_init,
};

static GpioDev *gpio_dev_new(const char *name, const char *tag)
{
    Object *obj = object_new(TYPE_GPIO_DEV);

    object_property_add_child(container_get(object_get_root(), "/machine"),
                              name, obj);
    object_unref(obj);
    ((GpioDev *)obj)->tag = tag;
    return (GpioDev *)obj;
}

static void test_gpio_qom_names(void)
{
    GpioDev *d = gpio_dev_new("g1", "g1");
    Object *obj = OBJECT(d);
    Object *in3;
    char *path;

    /* Inputs are children, outputs links, named as on the reference. */
    in3 = object_resolve_path_component(obj, "unnamed-gpio-in[3]");
    g_assert_true(in3 == OBJECT(qdev_get_gpio_in(DEVICE(d), 3)));
    g_assert_cmpstr(object_property_get_type(obj, "unnamed-gpio-in[3]",
                                             &error_abort), ==, "child<irq>");
    g_assert_cmpstr(object_property_get_type(obj, "unnamed-gpio-out[1]",
                                             &error_abort), ==, "link<irq>");
    g_assert_cmpstr(object_property_get_type(obj, "a20[0]", &error_abort),
                    ==, "link<irq>");
    g_assert_cmpstr(object_property_get_type(obj, "wake[0]", &error_abort),
                    ==, "child<irq>");
    path = object_get_canonical_path(in3);
    g_assert_cmpstr(path, ==, "/machine/g1/unnamed-gpio-in[3]");
    g_free(path);

    /* More inputs are numbered after the first ones. */
    qdev_init_gpio_in(DEVICE(d), gpio_dev_in, 2);
    g_assert_cmpint(qdev_gpio_in_count(DEVICE(d), NULL), ==, 6);
    g_assert_nonnull(object_resolve_path_component(obj,
                                                   "unnamed-gpio-in[5]"));
    qemu_irq_raise(qdev_get_gpio_in(DEVICE(d), 5));
    qemu_irq_raise(qdev_get_gpio_in_named(DEVICE(d), "wake", 0));
    assert_events("g1:5=1 g1:wake0=1");
    object_unparent(obj);
}

static void test_gpio_wiring(void)
{
    GpioDev *src = gpio_dev_new("src", "src");
    GpioDev *dst = gpio_dev_new("dst", "dst");
    qemu_irq loose = qemu_allocate_irq(record, "loose", 0);
    json_t *v;
    char *path;

    /* An unconnected output does nothing. */
    qemu_irq_raise(src->out[0]);
    assert_events("");

    qdev_connect_gpio_out(DEVICE(src), 0, qdev_get_gpio_in(DEVICE(dst), 2));
    qemu_irq_raise(src->out[0]);
    qemu_irq_lower(src->out[0]);
    assert_events("dst:2=1 dst:2=0");
    g_assert_true(qdev_get_gpio_out_connector(DEVICE(src), NULL, 0) ==
                  qdev_get_gpio_in(DEVICE(dst), 2));
    v = object_property_get(OBJECT(src), "unnamed-gpio-out[0]",
                            &error_abort);
    g_assert_cmpstr(json_string_value(v), ==,
                    "/machine/dst/unnamed-gpio-in[2]");
    json_decref(v);

    /* A line with no parent gets one under /machine/unattached. */
    qdev_connect_gpio_out_named(DEVICE(src), "a20", 0, loose);
    path = object_get_canonical_path(OBJECT(loose));
    g_assert_cmpstr(path, ==, "/machine/unattached/non-qdev-gpio[0]");
    g_free(path);
    qemu_irq_pulse(src->a20);
    assert_events("loose:0=1 loose:0=0");
    qemu_free_irq(loose);

    /* Disconnecting. */
    qdev_connect_gpio_out(DEVICE(src), 0, NULL);
    qemu_irq_raise(src->out[0]);
    assert_events("");

    object_unparent(OBJECT(src));
    object_unparent(OBJECT(dst));
}

static void test_gpio_qtree_lines(void)
{
    GpioDev *d = gpio_dev_new("q", "q");
    GString *out = g_string_new(NULL);
    qemu_irq extra[3], loose = qemu_allocate_irq(record, "loose", 7);
    int i;

    /* Outputs added one at a time, as sysbus IRQs are, form one group. */
    for (i = 0; i < 3; i++) {
        qdev_init_gpio_out_named(DEVICE(d), &extra[i], "sysbus-irq", 1);
    }
    g_assert_nonnull(object_property_find(OBJECT(d), "sysbus-irq[2]"));
    qdev_connect_gpio_out_named(DEVICE(d), "sysbus-irq", 2, loose);
    qemu_irq_raise(extra[2]);
    qemu_irq_raise(extra[1]);
    assert_events("loose:7=1");
    qemu_free_irq(loose);

    /* Newest group first; inputs before outputs within a group. */
    qdev_print_gpios(out, DEVICE(d), 4);
    g_assert_cmpstr(out->str, ==,
                    "    gpio-out \"sysbus-irq\" 3\n"
                    "    gpio-in \"wake\" 1\n"
                    "    gpio-out \"a20\" 1\n"
                    "    gpio-in \"\" 4\n"
                    "    gpio-out \"\" 2\n");
    g_assert_cmpint(qdev_gpio_out_count(DEVICE(d), "a20"), ==, 1);
    g_assert_cmpint(qdev_gpio_out_count(DEVICE(d), "nope"), ==, 0);
    object_unparent(OBJECT(d));
    g_string_free(out, true);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    events = g_string_new(NULL);
    type_register_static(&gpio_dev_info);
    container_get(object_get_root(), "/machine/unattached");

    g_test_add_func("/irq/lines/levels-split-invert", test_lines);
    g_test_add_func("/irq/gpio/qom-names-and-numbering", test_gpio_qom_names);
    g_test_add_func("/irq/gpio/wiring-outputs-to-inputs", test_gpio_wiring);
    g_test_add_func("/irq/gpio/qtree-lines", test_gpio_qtree_lines);
    return g_test_run();
}
