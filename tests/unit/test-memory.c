/*
 * test-memory.c: the memory API's tree (include/exec/memory.h): how a
 * region tree flattens (priority, overlap, aliases, disabled and read-only
 * regions, 2^64 spaces, shared views), what listeners are told on each
 * change (PAM-style toggling between RAM, ROM and the PCI window
 * included), info mtree's text, the regions' QOM placement, and the
 * machine's RAM from memory backends.  Accesses are in
 * test-memory-dispatch.c.
 *
 * Expected behaviour and texts are QEMU 7.2's (info mtree shapes taken
 * from `qemu-system-x86_64 -M pc -accel tcg -monitor stdio`).  The tests
 * share one process (one /machine); those that need a fresh one (the
 * global memory map, the machine's RAM) run in a subprocess.
 */
#include "qemu/osdep.h"
#include "memory-test.h"
#include "hw/core/machine-ram.h"
#include "hw/boards.h"
#include "monitor/monitor.h"

/* ---- flattening ---- */

static void test_flatten_priority_overlap(void)
{
    static const MemoryRegionOps ops = { .read = tdev_read,
                                         .write = tdev_write };
    TestDev d = { g_string_new(NULL) };
    MemoryRegion root, a, b, c, dd;
    AddressSpace as;
    Object *o = owner_begin();

    memory_region_init(&root, o, "root", 0x10000);
    g_assert_true(memory_region_init_ram(&a, o, "A", 0x4000,
                                         &error_abort));
    memory_region_init_io(&b, o, &ops, &d, "B", 0x1000);
    memory_region_init_io(&c, o, &ops, &d, "C", 0x2000);
    memory_region_init_io(&dd, o, &ops, &d, "D", 0x800);
    address_space_init(&as, &root, "test");
    assert_flat(&as, "");

    memory_region_add_subregion(&root, 0, &a);
    memory_region_add_subregion_overlap(&root, 0x1000, &b, 1);
    memory_region_add_subregion_overlap(&root, 0x3000, &c, -1);
    /* Same priority as A and added later: D wins where they overlap. */
    memory_region_add_subregion(&root, 0x3800, &dd);
    assert_flat(&as, "0-fff A\n"
                     "1000-1fff B\n"
                     "2000-37ff A@2000\n"
                     "3800-3fff D\n"
                     "4000-4fff C@1000\n");

    /* Disabled: what lay below shows through, and A's pieces merge. */
    memory_region_set_enabled(&b, false);
    assert_flat(&as, "0-37ff A\n3800-3fff D\n4000-4fff C@1000\n");
    memory_region_set_enabled(&b, true);

    /* Moving and resizing re-render. */
    memory_region_set_address(&b, 0x8000);
    memory_region_set_size(&dd, 0x1000);
    assert_flat(&as, "0-37ff A\n"
                     "3800-47ff D\n"
                     "4800-4fff C@1800\n"
                     "8000-8fff B\n");
    g_assert_cmpint(b.priority, ==, 1);

    /* A region with subregions of its own shows through their gaps; a
     * subregion is clipped to its container. */
    memory_region_del_subregion(&root, &dd);
    memory_region_add_subregion(&c, 0x1100, &dd);
    assert_flat(&as, "0-3fff A\n"
                     "4000-40ff C@1000\n"
                     "4100-4fff D\n"
                     "8000-8fff B\n");

    /* Read-only RAM is "rom" and its ranges say so. */
    memory_region_set_readonly(&a, true);
    g_assert_true(memory_region_is_rom(&a));
    assert_flat(&as, "0-3fff A ro\n"
                     "4000-40ff C@1000\n"
                     "4100-4fff D\n"
                     "8000-8fff B\n");

    /* A region past the container's end is clipped. */
    memory_region_set_address(&b, 0xf800);
    assert_flat(&as, "0-3fff A ro\n"
                     "4000-40ff C@1000\n"
                     "4100-4fff D\n"
                     "f800-ffff B\n");

    address_space_destroy(&as);
    memory_region_del_subregion(&c, &dd);
    memory_region_del_subregion(&root, &a);
    memory_region_del_subregion(&root, &b);
    memory_region_del_subregion(&root, &c);
    g_string_free(d.log, true);
    owner_end(o);
}

static void test_flatten_aliases(void)
{
    static const MemoryRegionOps ops = { .read = tdev_read,
                                         .write = tdev_write };
    TestDev d = { g_string_new(NULL) };
    MemoryRegion root, ram, low, hi, pci, dev, pam, shadow, box, boxed, a2;
    AddressSpace as;
    Object *o = owner_begin();

    memory_region_init(&root, o, "root", UINT64_MAX);
    g_assert_true(memory_region_init_ram(&ram, o, "ram", 0x10000,
                                         &error_abort));
    address_space_init(&as, &root, "test");

    /* An alias shows its target from alias_offset. */
    memory_region_init_alias(&low, o, "low", &ram, 0x1000, 0x2000);
    memory_region_add_subregion(&root, 0, &low);
    memory_region_init_alias(&hi, o, "hi", &ram, 0x8000, 0x8000);
    memory_region_add_subregion(&root, 0x100000, &hi);

    /* An alias of a container shows what the container holds there. */
    memory_region_init(&pci, o, "pci", UINT64_MAX);
    memory_region_init_io(&dev, o, &ops, &d, "dev", 0x4000);
    memory_region_add_subregion(&pci, 0xc0000, &dev);
    memory_region_init_alias(&pam, o, "pam", &pci, 0xc0000, 0x8000);
    memory_region_add_subregion_overlap(&root, 0xc0000, &pam, 1);

    /* Read-only through the alias only. */
    memory_region_init_alias(&shadow, o, "shadow", &ram, 0, 0x1000);
    memory_region_set_readonly(&shadow, true);
    memory_region_add_subregion(&root, 0x200000, &shadow);

    /* Nothing inside a disabled container shows. */
    memory_region_init(&box, o, "box", 0x1000);
    memory_region_init_alias(&boxed, o, "boxed", &ram, 0, 0x1000);
    memory_region_add_subregion(&box, 0, &boxed);
    memory_region_set_enabled(&box, false);
    memory_region_add_subregion(&root, 0x300000, &box);

    /* An alias of an alias. */
    memory_region_init_alias(&a2, o, "a2", &low, 0x100, 0x100);
    memory_region_add_subregion(&root, 0x400000, &a2);

    assert_flat(&as, "0-1fff ram@1000\n"
                     "c0000-c3fff dev\n"
                     "100000-107fff ram@8000\n"
                     "200000-200fff ram ro\n"
                     "400000-4000ff ram@1100\n");
    g_assert_true(memory_region_get_ram_ptr(&a2) ==
                  (uint8_t *)ram.ram_ptr + 0x1100);
    g_assert_cmpstr(memory_region_type_name(&pam), ==, "i/o");
    g_assert_cmpstr(memory_region_type_name(&low), ==, "ram");

    /* Moving an alias's window. */
    memory_region_set_alias_offset(&low, 0x3000);
    memory_region_set_enabled(&box, true);
    assert_flat(&as, "0-1fff ram@3000\n"
                     "c0000-c3fff dev\n"
                     "100000-107fff ram@8000\n"
                     "200000-200fff ram ro\n"
                     "300000-300fff ram\n"
                     "400000-4000ff ram@3100\n");

    address_space_destroy(&as);
    g_string_free(d.log, true);
    owner_end(o);
}

static void test_flatten_whole_space(void)
{
    MemoryRegion root, top, all;
    AddressSpace as, as_all;
    uint8_t buf[8] = { 1, 2, 3, 4, 5, 6, 7, 8 }, back[8];
    MemoryRegionSection s;
    uint64_t v;
    Object *o = owner_begin();

    memory_region_init(&root, o, "big", UINT64_MAX);
    g_assert_cmpuint(memory_region_size(&root), ==, UINT64_MAX);
    g_assert_true(root.size == (unsigned __int128)1 << 64);
    g_assert_true(memory_region_init_ram(&top, o, "top", 0x1000,
                                         &error_abort));
    memory_region_add_subregion(&root, 0xfffffffffffff000ull, &top);
    address_space_init(&as, &root, "big");
    assert_flat(&as, "fffffffffffff000-ffffffffffffffff top\n");

    g_assert_cmpint(address_space_write(&as, 0xfffffffffffffff8ull,
                                        MEMTXATTRS_UNSPECIFIED, buf, 8),
                    ==, MEMTX_OK);
    g_assert_cmpint(address_space_read(&as, 0xfffffffffffffff8ull,
                                       MEMTXATTRS_UNSPECIFIED, back, 8),
                    ==, MEMTX_OK);
    g_assert_cmpmem(buf, 8, back, 8);
    g_assert_cmpint(address_space_load(&as, 0xffffffffffffffffull, 1, &v),
                    ==, MEMTX_OK);
    g_assert_cmpuint(v, ==, 8);

    s = memory_region_find(&root, 0xfffffffffffff800ull, 0x10000);
    g_assert_true(s.mr == &top);
    g_assert_cmphex(s.offset_within_region, ==, 0x800);
    g_assert_true(s.size == 0x800);
    s = memory_region_find(&root, 0x1000, 0x1000);
    g_assert_null(s.mr);

    /* A single region as large as the space. */
    memory_region_init_ram_ptr(&all, o, "all", UINT64_MAX, NULL);
    address_space_init(&as_all, &all, "all");
    assert_flat(&as_all, "0-ffffffffffffffff all\n");
    s = address_space_find(&as_all, 42);
    g_assert_true(s.size == (unsigned __int128)1 << 64);

    address_space_destroy(&as_all);
    address_space_destroy(&as);
    memory_region_del_subregion(&root, &top);
    owner_end(o);
}

/*
 * info mtree -f names the region a view renders: a container's only
 * child covering it from 0 (the reference's "-M none -m 64" shows "Root
 * memory region: ram"), through whole aliases; nothing enabled: none.
 * Address spaces rendering the same region share the view.
 */
static void test_flatten_view_roots(void)
{
    Object *o = owner_begin();
    MemoryRegion sys, ram, ram2, whole, box, gate;
    AddressSpace as1, as2, as3, as4;

    memory_region_init(&sys, o, "system", UINT64_MAX);
    address_space_init(&as1, &sys, "memory");
    g_assert_null(as1.current_map->root);
    g_assert_true(memory_region_init_ram(&ram, o, "ram", 0x4000000,
                                         &error_abort));
    memory_region_add_subregion(&sys, 0, &ram);
    g_assert_true(as1.current_map->root == &ram);

    memory_region_init_alias(&whole, o, "whole", &sys, 0, UINT64_MAX);
    address_space_init(&as2, &whole, "cpu-memory-0");
    g_assert_true(as2.current_map == as1.current_map);

    /* A bus master space with mastering off renders nothing. */
    memory_region_init(&box, o, "bus master container", UINT64_MAX);
    memory_region_init_alias(&gate, o, "bus master", &sys, 0, UINT64_MAX);
    memory_region_set_enabled(&gate, false);
    memory_region_add_subregion(&box, 0, &gate);
    address_space_init(&as3, &box, "dev-a");
    address_space_init(&as4, &box, "dev-b");
    g_assert_null(as3.current_map->root);
    g_assert_cmpuint(as3.current_map->nr, ==, 0);
    memory_region_set_enabled(&gate, true);
    g_assert_true(as3.current_map == as1.current_map);
    g_assert_true(as4.current_map == as1.current_map);

    /* A second child: the container itself is the root. */
    memory_region_set_enabled(&gate, false);
    memory_region_init_ram_ptr(&ram2, o, "ram2", 0x1000, NULL);
    memory_region_add_subregion(&sys, 0x8000000, &ram2);
    g_assert_true(as1.current_map->root == &sys);
    memory_region_del_subregion(&sys, &ram2);

    address_space_destroy(&as4);
    address_space_destroy(&as3);
    address_space_destroy(&as2);
    address_space_destroy(&as1);
    memory_region_del_subregion(&sys, &ram);
    memory_region_del_subregion(&box, &gate);
    owner_end(o);
}

/* ---- listeners ---- */

typedef struct TestListener {
    MemoryListener l;
    const char *tag;
    GString *log;
} TestListener;

static void tl_event(MemoryListener *l, const char *what,
                     MemoryRegionSection *s)
{
    TestListener *t = container_of(l, TestListener, l);

    g_string_append_printf(t->log, "%s:%s", t->tag, what);
    if (s) {
        g_string_append_printf(t->log, " %" PRIx64 "-%" PRIx64 " %s",
                               s->offset_within_address_space,
                               (uint64_t)(s->offset_within_address_space +
                                          s->size - 1),
                               memory_region_name(s->mr));
        if (s->offset_within_region) {
            g_string_append_printf(t->log, "@%" PRIx64,
                                   s->offset_within_region);
        }
        if (s->readonly) {
            g_string_append(t->log, " ro");
        }
    }
    g_string_append_c(t->log, '\n');
}

static void tl_begin(MemoryListener *l) { tl_event(l, "begin", NULL); }
static void tl_commit(MemoryListener *l) { tl_event(l, "commit", NULL); }
static void tl_add(MemoryListener *l, MemoryRegionSection *s)
{
    tl_event(l, "add", s);
}
static void tl_del(MemoryListener *l, MemoryRegionSection *s)
{
    tl_event(l, "del", s);
}
static void tl_nop(MemoryListener *l, MemoryRegionSection *s)
{
    tl_event(l, "nop", s);
}
static void tl_log_start(MemoryListener *l, MemoryRegionSection *s, int old,
                         int new)
{
    char *what = g_strdup_printf("log_start %d>%d", old, new);

    tl_event(l, what, s);
    g_free(what);
}

static void tl_init(TestListener *t, const char *tag, int priority,
                    GString *log)
{
    *t = (TestListener) {
        .l = {
            .begin = tl_begin, .commit = tl_commit, .region_add = tl_add,
            .region_del = tl_del, .region_nop = tl_nop,
            .log_start = tl_log_start, .priority = priority, .name = tag,
        },
        .tag = tag,
        .log = log,
    };
}

static void assert_log(GString *log, const char *expected)
{
    g_assert_cmpstr(log->str, ==, expected);
    g_string_truncate(log, 0);
}

/*
 * An i440FX-like map: RAM below, the PCI window (prio -1) with a ROM,
 * and a PAM segment at 0xc0000 that routes either to the PCI window
 * ("pam-pci"), to RAM ("pam-ram"), or to RAM read-only.
 */
static void test_listener_pam_toggling(void)
{
    GString *log = g_string_new(NULL);
    MemoryRegion sys, ram, ram_low, pci, rom, bios, pam_pci, pam_ram;
    TestListener l1, l10;
    AddressSpace as;
    Object *o = owner_begin();

    memory_region_init(&sys, o, "sys", UINT64_MAX);
    g_assert_true(memory_region_init_ram(&ram, o, "ram", 0x100000,
                                         &error_abort));
    memory_region_init_alias(&ram_low, o, "ram-low", &ram, 0, 0x100000);
    memory_region_add_subregion(&sys, 0, &ram_low);
    memory_region_init(&pci, o, "pci", UINT64_MAX);
    memory_region_add_subregion_overlap(&sys, 0, &pci, -1);
    g_assert_true(memory_region_init_rom(&rom, o, "pc.rom", 0x20000,
                                         &error_abort));
    memory_region_add_subregion_overlap(&pci, 0xc0000, &rom, 1);
    g_assert_true(memory_region_init_rom(&bios, o, "bios", 0x20000,
                                         &error_abort));
    memory_region_add_subregion(&pci, 0xfffe0000, &bios);
    memory_region_init_alias(&pam_pci, o, "pam-pci", &pci, 0xc0000,
                             0x4000);
    memory_region_add_subregion_overlap(&sys, 0xc0000, &pam_pci, 1);
    memory_region_init_alias(&pam_ram, o, "pam-ram", &ram, 0xc0000,
                             0x4000);
    memory_region_set_enabled(&pam_ram, false);
    memory_region_add_subregion_overlap(&sys, 0xc0000, &pam_ram, 1);
    address_space_init(&as, &sys, "test");

    /* Registration replays the current map to the newcomer alone. */
    tl_init(&l10, "L10", 10, log);
    memory_listener_register(&l10.l, &as);
    assert_log(log, "L10:begin\n"
                    "L10:add 0-bffff ram\n"
                    "L10:add c0000-c3fff pc.rom\n"
                    "L10:add c4000-fffff ram@c4000\n"
                    "L10:add fffe0000-ffffffff bios\n"
                    "L10:commit\n");
    tl_init(&l1, "L1", 1, log);
    memory_listener_register(&l1.l, &as);
    g_string_truncate(log, 0);

    /* PAM "read/write": RAM replaces the PCI window.  Removals go to the
     * higher priority first; everything else in ascending priority. */
    memory_region_transaction_begin();
    memory_region_set_enabled(&pam_pci, false);
    memory_region_set_enabled(&pam_ram, true);
    assert_log(log, "");
    memory_region_transaction_commit();
    assert_log(log, "L1:begin\nL10:begin\n"
                    "L10:del 0-bffff ram\nL1:del 0-bffff ram\n"
                    "L10:del c0000-c3fff pc.rom\nL1:del c0000-c3fff pc.rom\n"
                    "L10:del c4000-fffff ram@c4000\n"
                    "L1:del c4000-fffff ram@c4000\n"
                    "L1:add 0-fffff ram\nL10:add 0-fffff ram\n"
                    "L1:nop fffe0000-ffffffff bios\n"
                    "L10:nop fffe0000-ffffffff bios\n"
                    "L1:commit\nL10:commit\n");
    memory_listener_unregister(&l10.l);
    g_string_truncate(log, 0);

    /* PAM "read only": the same RAM, now read-only: delete and add. */
    memory_region_set_readonly(&pam_ram, true);
    assert_log(log, "L1:begin\n"
                    "L1:del 0-fffff ram\n"
                    "L1:add 0-bffff ram\n"
                    "L1:add c0000-c3fff ram@c0000 ro\n"
                    "L1:add c4000-fffff ram@c4000\n"
                    "L1:nop fffe0000-ffffffff bios\n"
                    "L1:commit\n");

    /* Back to the PCI window. */
    memory_region_transaction_begin();
    memory_region_set_enabled(&pam_ram, false);
    memory_region_set_enabled(&pam_pci, true);
    memory_region_transaction_commit();
    assert_log(log, "L1:begin\n"
                    "L1:del c0000-c3fff ram@c0000 ro\n"
                    "L1:nop 0-bffff ram\n"
                    "L1:add c0000-c3fff pc.rom\n"
                    "L1:nop c4000-fffff ram@c4000\n"
                    "L1:nop fffe0000-ffffffff bios\n"
                    "L1:commit\n");

    /* A change that changes nothing visible still reaches everyone. */
    memory_region_set_enabled(&pam_ram, false);
    assert_log(log, "");

    /* Dirty logging starts on the ranges that show the region. */
    memory_region_set_log(&ram_low, true, DIRTY_MEMORY_VGA);
    g_assert_cmpint(ram.dirty_log_mask, ==, 1);
    assert_log(log, "L1:begin\n"
                    "L1:nop 0-bffff ram\n"
                    "L1:log_start 0>1 0-bffff ram\n"
                    "L1:nop c0000-c3fff pc.rom\n"
                    "L1:nop c4000-fffff ram@c4000\n"
                    "L1:log_start 0>1 c4000-fffff ram@c4000\n"
                    "L1:nop fffe0000-ffffffff bios\n"
                    "L1:commit\n");
    memory_region_set_log(&ram, false, DIRTY_MEMORY_VGA);
    g_string_truncate(log, 0);

    /* Unregistering replays removals; destroying drops the rest. */
    memory_listener_unregister(&l1.l);
    assert_log(log, "L1:begin\n"
                    "L1:del 0-bffff ram\n"
                    "L1:del c0000-c3fff pc.rom\n"
                    "L1:del c4000-fffff ram@c4000\n"
                    "L1:del fffe0000-ffffffff bios\n"
                    "L1:commit\n");
    memory_listener_register(&l1.l, &as);
    g_string_truncate(log, 0);
    address_space_destroy(&as);
    g_assert_null(l1.l.address_space);
    g_assert_true(g_str_has_prefix(log->str, "L1:begin\nL1:del 0-bffff"));
    g_string_free(log, true);
    owner_end(o);
}

/* ---- info mtree ---- */

static uint64_t nop_read(void *opaque, hwaddr addr, unsigned size)
{
    return 0;
}

static void nop_write(void *opaque, hwaddr addr, uint64_t v, unsigned size)
{
}

static const MemoryRegionOps nop_ops = { .read = nop_read,
                                         .write = nop_write };

/* A subset of the reference's pc board, with its region names. */
static void build_pc_like_map(void)
{
    MemoryRegion *sys = get_system_memory(), *io = get_system_io();
    MemoryRegion *ram = g_new0(MemoryRegion, 1);
    MemoryRegion *mr;
    MemoryRegion *pci = g_new0(MemoryRegion, 1);
    MemoryRegion *bios = g_new0(MemoryRegion, 1);
    MemoryRegion *acpi = g_new0(MemoryRegion, 1);
    MemoryRegion *rtc = g_new0(MemoryRegion, 1);
    MemoryRegion *bm = g_new0(MemoryRegion, 1);

    g_assert_true(memory_region_init_ram(ram, NULL, "pc.ram", 128 * MiB,
                                         &error_abort));
    mr = g_new0(MemoryRegion, 1);
    memory_region_init_alias(mr, NULL, "ram-below-4g", ram, 0, 128 * MiB);
    memory_region_add_subregion(sys, 0, mr);
    memory_region_init(pci, NULL, "pci", UINT64_MAX);
    memory_region_add_subregion_overlap(sys, 0, pci, -1);
    mr = g_new0(MemoryRegion, 1);
    g_assert_true(memory_region_init_rom(mr, NULL, "pc.rom", 0x20000,
                                         &error_abort));
    memory_region_add_subregion_overlap(pci, 0xc0000, mr, 1);
    g_assert_true(memory_region_init_rom(bios, NULL, "pc.bios", 0x40000,
                                         &error_abort));
    memory_region_add_subregion(pci, 0xfffc0000, bios);
    mr = g_new0(MemoryRegion, 1);
    memory_region_init_alias(mr, NULL, "isa-bios", bios, 0x20000, 0x20000);
    memory_region_add_subregion_overlap(pci, 0xe0000, mr, 1);
    mr = g_new0(MemoryRegion, 1);
    memory_region_init_alias(mr, NULL, "pam-pci", pci, 0xc0000, 0x4000);
    memory_region_add_subregion_overlap(sys, 0xc0000, mr, 1);
    mr = g_new0(MemoryRegion, 1);
    memory_region_init_alias(mr, NULL, "pam-ram", ram, 0xc0000, 0x4000);
    memory_region_set_enabled(mr, false);
    memory_region_add_subregion_overlap(sys, 0xc0000, mr, 1);
    mr = g_new0(MemoryRegion, 1);
    memory_region_init_io(mr, NULL, &nop_ops, NULL, "ioapic", 0x1000);
    memory_region_add_subregion(sys, 0xfec00000, mr);
    mr = g_new0(MemoryRegion, 1);
    memory_region_init_io(mr, NULL, &nop_ops, NULL, "apic-msi", 0x100000);
    memory_region_add_subregion_overlap(sys, 0xfee00000, mr, 4096);

    /* A disabled container (not mapped yet) still lists its children. */
    memory_region_init(acpi, NULL, "piix4-pm", 64);
    memory_region_set_enabled(acpi, false);
    mr = g_new0(MemoryRegion, 1);
    memory_region_init_io(mr, NULL, &nop_ops, NULL, "acpi-evt", 4);
    memory_region_add_subregion(acpi, 0, mr);
    memory_region_add_subregion(io, 0, acpi);
    memory_region_init_io(rtc, NULL, &nop_ops, NULL, "rtc", 2);
    mr = g_new0(MemoryRegion, 1);
    memory_region_init_io(mr, NULL, &nop_ops, NULL, "rtc-index", 1);
    memory_region_add_subregion(rtc, 0, mr);
    memory_region_add_subregion(io, 0x70, rtc);
    mr = g_new0(MemoryRegion, 1);
    memory_region_init_io(mr, NULL, &nop_ops, NULL, "pci-conf-idx", 4);
    memory_region_add_subregion(io, 0xcf8, mr);
    mr = g_new0(MemoryRegion, 1);
    memory_region_init_io(mr, NULL, &nop_ops, NULL, "piix3-reset-control",
                          1);
    memory_region_add_subregion_overlap(io, 0xcf9, mr, 1);

    /* A CPU's view of the same memory, and a PCI bus master space with
     * bus mastering off. */
    address_space_init(g_new0(AddressSpace, 1), sys, "cpu-memory-0");
    memory_region_init(bm, NULL, "bus master container", UINT64_MAX);
    mr = g_new0(MemoryRegion, 1);
    memory_region_init_alias(mr, NULL, "bus master", sys, 0, UINT64_MAX);
    memory_region_set_enabled(mr, false);
    memory_region_add_subregion(bm, 0, mr);
    address_space_init(g_new0(AddressSpace, 1), bm, "i440FX");
}

#define SYSTEM_TREE \
    "  0000000000000000-ffffffffffffffff (prio 0, i/o): system\n" \
    "    0000000000000000-0000000007ffffff (prio 0, ram): alias " \
    "ram-below-4g @pc.ram 0000000000000000-0000000007ffffff\n" \
    "    0000000000000000-ffffffffffffffff (prio -1, i/o): pci\n" \
    "      00000000000c0000-00000000000dffff (prio 1, rom): pc.rom\n" \
    "      00000000000e0000-00000000000fffff (prio 1, rom): alias " \
    "isa-bios @pc.bios 0000000000020000-000000000003ffff\n" \
    "      00000000fffc0000-00000000ffffffff (prio 0, rom): pc.bios\n" \
    "    00000000000c0000-00000000000c3fff (prio 1, i/o): alias " \
    "pam-pci @pci 00000000000c0000-00000000000c3fff\n" \
    "    00000000fec00000-00000000fec00fff (prio 0, i/o): ioapic\n" \
    "    00000000fee00000-00000000feefffff (prio 4096, i/o): apic-msi\n"

static const char expected_tree[] =
    "address-space: cpu-memory-0\n"
    "address-space: memory\n"
    SYSTEM_TREE
    "\n"
    "address-space: I/O\n"
    "  0000000000000000-000000000000ffff (prio 0, i/o): io\n"
    "      0000000000000000-0000000000000003 (prio 0, i/o): acpi-evt\n"
    "    0000000000000070-0000000000000071 (prio 0, i/o): rtc\n"
    "      0000000000000070-0000000000000070 (prio 0, i/o): rtc-index\n"
    "    0000000000000cf8-0000000000000cfb (prio 0, i/o): pci-conf-idx\n"
    "    0000000000000cf9-0000000000000cf9 (prio 1, i/o): "
    "piix3-reset-control\n"
    "\n"
    "address-space: i440FX\n"
    "  0000000000000000-ffffffffffffffff (prio 0, i/o): bus master container\n"
    "\n"
    "memory-region: pc.ram\n"
    "  0000000000000000-0000000007ffffff (prio 0, ram): pc.ram\n"
    "\n"
    "memory-region: pc.bios\n"
    "  00000000fffc0000-00000000ffffffff (prio 0, rom): pc.bios\n"
    "\n"
    "memory-region: pci\n"
    "  0000000000000000-ffffffffffffffff (prio -1, i/o): pci\n"
    "    00000000000c0000-00000000000dffff (prio 1, rom): pc.rom\n"
    "    00000000000e0000-00000000000fffff (prio 1, rom): alias "
    "isa-bios @pc.bios 0000000000020000-000000000003ffff\n"
    "    00000000fffc0000-00000000ffffffff (prio 0, rom): pc.bios\n"
    "\n"
    "memory-region: system\n"
    SYSTEM_TREE
    "\n";

static const char expected_flat[] =
    "FlatView #0\n"
    " AS \"memory\", root: system\n"
    " AS \"cpu-memory-0\", root: system\n"
    " Root memory region: system\n"
    "  0000000000000000-00000000000bffff (prio 0, ram): pc.ram\n"
    "  00000000000c0000-00000000000c3fff (prio 1, rom): pc.rom\n"
    "  00000000000c4000-0000000007ffffff (prio 0, ram): pc.ram "
    "@00000000000c4000\n"
    "  00000000fec00000-00000000fec00fff (prio 0, i/o): ioapic\n"
    "  00000000fee00000-00000000feefffff (prio 4096, i/o): apic-msi\n"
    "  00000000fffc0000-00000000ffffffff (prio 0, rom): pc.bios\n"
    "\n"
    "FlatView #1\n"
    " AS \"I/O\", root: io\n"
    " Root memory region: io\n"
    "  0000000000000000-000000000000006f (prio 0, i/o): io\n"
    "  0000000000000070-0000000000000070 (prio 0, i/o): rtc-index\n"
    "  0000000000000071-0000000000000071 (prio 0, i/o): rtc "
    "@0000000000000001\n"
    "  0000000000000072-0000000000000cf7 (prio 0, i/o): io "
    "@0000000000000072\n"
    "  0000000000000cf8-0000000000000cf8 (prio 0, i/o): pci-conf-idx\n"
    "  0000000000000cf9-0000000000000cf9 (prio 1, i/o): "
    "piix3-reset-control\n"
    "  0000000000000cfa-0000000000000cfb (prio 0, i/o): pci-conf-idx "
    "@0000000000000002\n"
    "  0000000000000cfc-000000000000ffff (prio 0, i/o): io "
    "@0000000000000cfc\n"
    "\n"
    "FlatView #2\n"
    " AS \"i440FX\", root: bus master container\n"
    " Root memory region: (none)\n"
    "  No rendered FlatView\n"
    "\n";

static bool fake_kvm_has_memory(AddressSpace *as, hwaddr addr, hwaddr size)
{
    return !strcmp(as->name, "memory") && addr == 0 && size == 0xc0000;
}

/* What the human monitor prints, with its "\r\n" turned back to "\n". */
static char *hmp(const char *cmdline)
{
    char *raw = hmp_run_command(cmdline);
    char **lines = g_strsplit(raw, "\r\n", -1);
    char *text = g_strjoinv("\n", lines);

    g_strfreev(lines);
    g_free(raw);
    return text;
}

static void test_mtree_output(void)
{
    GString *out;
    char *text;

    if (!g_test_subprocess()) {
        g_test_trap_subprocess(NULL, 0, 0);
        g_test_trap_assert_passed();
        return;
    }
    build_pc_like_map();
    out = g_string_new(NULL);
    memory_print_mtree(out, false);
    g_assert_cmpstr(out->str, ==, expected_tree);
    g_string_truncate(out, 0);
    memory_print_mtree(out, true);
    g_assert_cmpstr(out->str, ==, expected_flat);

    /* The monitor command, its flags and its errors. */
    text = hmp("info mtree -f");
    g_assert_cmpstr(text, ==, expected_flat);
    g_free(text);
    text = hmp("info mtree -o -f");
    g_assert_true(g_str_has_prefix(text, "mtree: unsupported option -f\n"));
    g_free(text);
    text = hmp("info mtree -f -o");
    g_assert_nonnull(strstr(text, "): io parent:{obj path=/machine/unattached}\n"
                                 "  0000000000000070"));
    g_free(text);
    text = hmp("info mtree -D");
    g_assert_nonnull(strstr(text, "    00000000000c0000-00000000000c3fff "
                                 "(prio 1, ram): alias pam-ram @pc.ram "
                                 "00000000000c0000-00000000000c3fff "
                                 "[disabled]\n"));
    g_assert_nonnull(strstr(text, "    0000000000000000-000000000000003f "
                                 "(prio 0, i/o): piix4-pm [disabled]\n"));
    g_free(text);

    /* The accelerator names the ranges it maps. */
    memory_set_accel_has_memory("KVM", fake_kvm_has_memory);
    g_string_truncate(out, 0);
    memory_print_mtree(out, true);
    g_assert_nonnull(strstr(out->str, "(prio 0, ram): pc.ram KVM\n"
                                      "  00000000000c0000"));
    memory_set_accel_has_memory(NULL, NULL);
    g_string_free(out, true);
}

/* ---- QOM ---- */

static void test_qom_placement(void)
{
    MemoryRegion unowned, owned, alias;
    Object *owner = container_get(object_get_root(), "/test-owner");
    json_t *v;
    char *path;

    memory_region_init(&unowned, NULL, "a/b[1]", 0x1000);
    path = object_get_canonical_path(OBJECT(&unowned));
    g_assert_cmpstr(path, ==, "/machine/unattached/a\\x2fb\\x5b1\\x5d[0]");
    g_free(path);

    memory_region_init_io(&owned, owner, &nop_ops, NULL, "regs", 0x10);
    path = object_get_canonical_path(OBJECT(&owned));
    g_assert_cmpstr(path, ==, "/test-owner/regs[0]");
    g_free(path);
    memory_region_init_alias(&alias, owner, "regs", &owned, 0, 8);
    path = object_get_canonical_path(OBJECT(&alias));
    g_assert_cmpstr(path, ==, "/test-owner/regs[1]");
    g_free(path);

    /* The read-only properties the reference has. */
    memory_region_add_subregion_overlap(&unowned, 0x800, &owned, -2);
    g_assert_cmpuint(object_property_get_uint(OBJECT(&owned), "addr",
                                              &error_abort), ==, 0x800);
    g_assert_cmpuint(object_property_get_uint(OBJECT(&owned), "size",
                                              &error_abort), ==, 0x10);
    g_assert_cmpint(object_property_get_int(OBJECT(&owned), "priority",
                                            &error_abort), ==, -2);
    v = object_property_get(OBJECT(&owned), "container", &error_abort);
    g_assert_cmpstr(json_string_value(v), ==,
                    "/machine/unattached/a\\x2fb\\x5b1\\x5d[0]");
    json_decref(v);
    g_assert_cmpstr(object_property_get_type(OBJECT(&owned), "container",
                                             &error_abort), ==,
                    "link<memory-region>");

    /* Containment keeps the owner alive; taking it out lets go. */
    g_assert_cmpuint(owner->ref, ==, 2);
    memory_region_del_subregion(&unowned, &owned);
    g_assert_cmpuint(owner->ref, ==, 1);
    object_unparent(OBJECT(&alias));
    object_unparent(OBJECT(&owned));
    object_unparent(OBJECT(&unowned));
    g_assert_null(object_resolve_path("/test-owner/regs[0]", NULL));
}

/* ---- the machine's RAM ---- */

static void test_machine_ram(void)
{
    MachineState *ms = current_machine_get();
    MemoryRegion ram, again;
    Error *err = NULL;
    char *path;

    if (!g_test_subprocess()) {
        g_test_trap_subprocess(NULL, 0, 0);
        g_test_trap_assert_passed();
        return;
    }
    /* No RAM asked for: nothing made. */
    ms->ram_size = 0;
    g_assert_true(machine_alloc_ram(ms, &ram, &error_abort));
    g_assert_null(ms->ram_backend);

    /* The default backend, named after the machine's default RAM id. */
    ms->ram_size = 8 * MiB;
    memory_set_mem_prealloc(true);
    g_assert_true(machine_alloc_ram(ms, &ram, &error_abort));
    g_assert_cmpstr(object_get_typename(ms->ram_backend), ==,
                    "memory-backend-ram");
    path = object_get_canonical_path(OBJECT(&ram));
    g_assert_cmpstr(path, ==, "/objects/ram/ram[0]");
    g_free(path);
    g_assert_cmpuint(memory_region_size(&ram), ==, 8 * MiB);
    g_assert_true(memory_region_is_ram(&ram));
    g_assert_true(object_property_get_bool(ms->ram_backend, "prealloc",
                                           &error_abort));
    ((uint8_t *)ram.ram_ptr)[8 * MiB - 1] = 7;

    /* A backend serves one user. */
    g_assert_false(machine_alloc_ram(ms, &again, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "memory backend ram can't be used multiple times.");
    error_free(err);
    err = NULL;

    /* -mem-path does not go with -machine memory-backend. */
    memory_set_mem_path("/tmp");
    g_assert_false(machine_alloc_ram(ms, &again, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "'-mem-path' can't be used together with"
                    "'-machine memory-backend'");
    error_free(err);
    memory_set_mem_path(NULL);
    memory_set_mem_prealloc(false);
}

static void test_machine_ram_mem_path(void)
{
    MachineState *ms = current_machine_get();
    char *dir, *missing, *expected;
    MemoryRegion ram;
    Error *err = NULL;
    GDir *d;

    if (!g_test_subprocess()) {
        g_test_trap_subprocess(NULL, 0, 0);
        g_test_trap_assert_passed();
        return;
    }
    dir = g_dir_make_tmp("test-memory-XXXXXX", NULL);
    g_assert_nonnull(dir);

    /* A missing directory on the way: the reference's message. */
    missing = g_strdup_printf("%s/no/such/file", dir);
    memory_set_mem_path(missing);
    ms->ram_size = 4 * MiB;
    g_assert_false(machine_alloc_ram(ms, &ram, &err));
    expected = g_strdup_printf("can't open backing store %s for guest RAM: "
                               "No such file or directory", missing);
    g_assert_cmpstr(error_get_pretty(err), ==, expected);
    error_free(err);
    g_free(expected);
    g_free(missing);
    g_assert_null(object_resolve_path("/objects/ram", NULL));

    /* A directory: an unlinked temporary file in it. */
    memory_set_mem_path(dir);
    g_assert_true(machine_alloc_ram(ms, &ram, &error_abort));
    g_assert_cmpstr(object_get_typename(ms->ram_backend), ==,
                    "memory-backend-file");
    g_assert_cmpint(ram.ram_fd, >=, 0);
    ((uint8_t *)ram.ram_ptr)[0] = 1;
    d = g_dir_open(dir, 0, NULL);
    g_assert_null(g_dir_read_name(d));
    g_dir_close(d);
    rmdir(dir);
    g_free(dir);
    memory_set_mem_path(NULL);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    memory_test_create_machine();

    g_test_add_func("/memory/flatten/priority-overlap-disable-readonly",
                    test_flatten_priority_overlap);
    g_test_add_func("/memory/flatten/aliases", test_flatten_aliases);
    g_test_add_func("/memory/flatten/whole-2^64-space",
                    test_flatten_whole_space);
    g_test_add_func("/memory/flatten/view-roots-and-sharing",
                    test_flatten_view_roots);
    g_test_add_func("/memory/listener/pam-toggling-add-del-nop",
                    test_listener_pam_toggling);
    g_test_add_func("/memory/mtree/reference-shape", test_mtree_output);
    g_test_add_func("/memory/qom/placement-and-properties",
                    test_qom_placement);
    g_test_add_func("/memory/machine-ram/default-backend", test_machine_ram);
    g_test_add_func("/memory/machine-ram/mem-path", test_machine_ram_mem_path);
    return g_test_run();
}
