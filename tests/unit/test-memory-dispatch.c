/*
 * test-memory-dispatch.c: accesses through the memory API
 * (include/exec/memory.h): splitting and widening to the callbacks'
 * sizes, sizes and alignments a region refuses, unassigned memory (0 and
 * a decode error) and ports (all-ones), the -d guest_errors lines, RAM
 * and ROM copies, map_ram, dirty tracking, ROM devices, and callbacks
 * running under the big lock when a vCPU-like thread calls.
 *
 * Expected behaviour and texts are QEMU 7.2's (checked with -d
 * guest_errors and a small -bios guest on the reference).
 */
#include "qemu/osdep.h"
#include "memory-test.h"

static Object *dispatch_owner;

static void dispatch_setup(MemoryRegion *root, AddressSpace *as,
                           MemoryRegion *mr, const MemoryRegionOps *ops,
                           TestDev *d)
{
    dispatch_owner = owner_begin();
    memory_region_init(root, dispatch_owner, "root", UINT64_MAX);
    memory_region_init_io(mr, dispatch_owner, ops, d, "dev", 0x100);
    memory_region_add_subregion(root, 0x1000, mr);
    address_space_init(as, root, "dispatch");
}

static void dispatch_teardown(MemoryRegion *root, AddressSpace *as,
                              MemoryRegion *mr)
{
    address_space_destroy(as);
    memory_region_del_subregion(root, mr);
    owner_end(dispatch_owner);
}

static void test_dispatch_split_and_widen(void)
{
    static const MemoryRegionOps byte_ops = {
        .read = tdev_read, .write = tdev_write,
        .impl = { .max_access_size = 1 },
    };
    static const MemoryRegionOps dword_ops = {
        .read = tdev_read, .write = tdev_write,
        .impl = { .min_access_size = 4, .max_access_size = 4 },
    };
    static const MemoryRegionOps word_ops = {
        .read = tdev_read, .write = tdev_write,
        .valid = { .max_access_size = 8 },
        .impl = { .max_access_size = 2 },
    };
    static const MemoryRegionOps default_ops = {
        .read = tdev_read, .write = tdev_write,
    };
    TestDev d = { g_string_new(NULL) };
    MemoryRegion root, mr;
    AddressSpace as;
    uint8_t buf[8];
    uint64_t v;

    /* A 4-byte read of byte registers: four reads, little-endian. */
    dispatch_setup(&root, &as, &mr, &byte_ops, &d);
    g_assert_cmpint(address_space_read(&as, 0x1000, MEMTXATTRS_UNSPECIFIED,
                                       buf, 4), ==, MEMTX_OK);
    g_assert_cmpstr(tdev_log(&d), ==, "r0/1 r1/1 r2/1 r3/1");
    g_assert_cmphex(buf[0], ==, 0x10);
    g_assert_cmphex(buf[3], ==, 0x13);
    g_assert_cmpint(address_space_store(&as, 0x1004, 2, 0xbeef), ==,
                    MEMTX_OK);
    g_assert_cmpstr(tdev_log(&d), ==, "w4/1=ef w5/1=be");
    dispatch_teardown(&root, &as, &mr);

    /* A byte access to dword registers is widened at its address. */
    dispatch_setup(&root, &as, &mr, &dword_ops, &d);
    g_assert_cmpint(address_space_load(&as, 0x1008, 1, &v), ==, MEMTX_OK);
    g_assert_cmpstr(tdev_log(&d), ==, "r8/4");
    g_assert_cmphex(v, ==, 0x18);
    g_assert_cmpint(address_space_store(&as, 0x1008, 1, 0xab), ==,
                    MEMTX_OK);
    g_assert_cmpstr(tdev_log(&d), ==, "w8/4=ab");
    dispatch_teardown(&root, &as, &mr);

    /* An 8-byte access to 2-byte callbacks: four, ascending. */
    dispatch_setup(&root, &as, &mr, &word_ops, &d);
    g_assert_cmpint(address_space_load(&as, 0x1010, 8, &v), ==, MEMTX_OK);
    g_assert_cmpstr(tdev_log(&d), ==, "r10/2 r12/2 r14/2 r16/2");
    g_assert_cmphex(v, ==, 0x2726252423222120ull);
    dispatch_teardown(&root, &as, &mr);

    /* Default callbacks take up to 4 bytes: an 8-byte store is two. */
    dispatch_setup(&root, &as, &mr, &default_ops, &d);
    g_assert_cmpint(address_space_store(&as, 0x1020, 8, 0x1122334455667788ull),
                    ==, MEMTX_OK);
    g_assert_cmpstr(tdev_log(&d), ==, "w20/4=55667788 w24/4=11223344");
    /* A buffer is cut by alignment: 7 bytes at 0x21 are 1, 2, 4. */
    g_assert_cmpint(address_space_read(&as, 0x1021, MEMTXATTRS_UNSPECIFIED,
                                       buf, 7), ==, MEMTX_OK);
    g_assert_cmpstr(tdev_log(&d), ==, "r21/1 r22/2 r24/4");
    g_assert_cmphex(buf[6], ==, 0x10 + 0x27);
    dispatch_teardown(&root, &as, &mr);
    g_string_free(d.log, true);
}

static void test_dispatch_valid_sizes(void)
{
    static const MemoryRegionOps byte_only = {
        .read = tdev_read, .write = tdev_write,
        .valid = { .min_access_size = 1, .max_access_size = 1 },
    };
    static const MemoryRegionOps word_min = {
        .read = tdev_read, .write = tdev_write,
        .valid = { .min_access_size = 2, .max_access_size = 4 },
    };
    static const MemoryRegionOps aligned = {
        .read = tdev_read, .write = tdev_write,
        .valid = { .max_access_size = 4 },
    };
    TestDev d = { g_string_new(NULL) };
    MemoryRegion root, mr;
    AddressSpace as;
    uint8_t buf[4];
    uint64_t v;

    /* valid.max 1: a buffer goes byte by byte; a dword load is refused. */
    dispatch_setup(&root, &as, &mr, &byte_only, &d);
    g_assert_cmpint(address_space_read(&as, 0x1000, MEMTXATTRS_UNSPECIFIED,
                                       buf, 4), ==, MEMTX_OK);
    g_assert_cmpstr(tdev_log(&d), ==, "r0/1 r1/1 r2/1 r3/1");
    v = 42;
    g_assert_cmpint(address_space_load(&as, 0x1000, 4, &v), ==,
                    MEMTX_DECODE_ERROR);
    g_assert_cmphex(v, ==, 0);
    g_assert_cmpint(address_space_store(&as, 0x1000, 2, 7), ==,
                    MEMTX_DECODE_ERROR);
    g_assert_cmpstr(tdev_log(&d), ==, "");
    dispatch_teardown(&root, &as, &mr);

    /* valid.min 2: bytes are refused, words go through. */
    dispatch_setup(&root, &as, &mr, &word_min, &d);
    g_assert_cmpint(address_space_load(&as, 0x1002, 1, &v), ==,
                    MEMTX_DECODE_ERROR);
    g_assert_cmpint(address_space_load(&as, 0x1002, 2, &v), ==, MEMTX_OK);
    g_assert_cmpstr(tdev_log(&d), ==, "r2/2");
    dispatch_teardown(&root, &as, &mr);

    /* Misaligned single accesses are refused unless valid.unaligned. */
    dispatch_setup(&root, &as, &mr, &aligned, &d);
    g_assert_cmpint(address_space_load(&as, 0x1001, 2, &v), ==,
                    MEMTX_DECODE_ERROR);
    g_assert_cmpstr(tdev_log(&d), ==, "");
    g_assert_cmpint(address_space_read(&as, 0x1001, MEMTXATTRS_UNSPECIFIED,
                                       buf, 2), ==, MEMTX_OK);
    g_assert_cmpstr(tdev_log(&d), ==, "r1/1 r2/1");
    /* Odd sizes are no single access. */
    g_assert_cmpint(address_space_load(&as, 0x1000, 3, &v), ==,
                    MEMTX_DECODE_ERROR);
    dispatch_teardown(&root, &as, &mr);
    g_string_free(d.log, true);
}

static void test_dispatch_unassigned(void)
{
    MemoryRegion root;
    AddressSpace as;
    uint8_t buf[6];
    uint64_t v;

    /* Memory: nothing there reads 0 and reports a decode error. */
    Object *o = owner_begin();

    memory_region_init(&root, o, "root", UINT64_MAX);
    address_space_init(&as, &root, "empty");
    memset(buf, 0x55, sizeof(buf));
    g_assert_cmpint(address_space_read(&as, 0xe0000000,
                                       MEMTXATTRS_UNSPECIFIED, buf, 6), ==,
                    MEMTX_DECODE_ERROR);
    g_assert_cmpmem(buf, 6, "\0\0\0\0\0\0", 6);
    g_assert_cmpint(address_space_write(&as, 0xe0000000,
                                        MEMTXATTRS_UNSPECIFIED, buf, 6), ==,
                    MEMTX_DECODE_ERROR);
    g_assert_cmpint(address_space_load(&as, 0x108000, 4, &v), ==,
                    MEMTX_DECODE_ERROR);
    g_assert_cmphex(v, ==, 0);
    g_assert_null(address_space_map_ram(&as, 0, &(hwaddr){ 16 }, false));
    address_space_destroy(&as);
    owner_end(o);

    /* I/O: a port nobody decodes reads all-ones; writes vanish. */
    g_assert_cmpint(address_space_read(&address_space_io, 0x1234,
                                       MEMTXATTRS_UNSPECIFIED, buf, 3), ==,
                    MEMTX_OK);
    g_assert_cmpmem(buf, 3, "\xff\xff\xff", 3);
    g_assert_cmpint(address_space_load(&address_space_io, 0x80, 2, &v), ==,
                    MEMTX_OK);
    g_assert_cmphex(v, ==, 0xffff);
    g_assert_cmpint(address_space_store(&address_space_io, 0x80, 4, 1), ==,
                    MEMTX_OK);
    g_assert_cmpint(address_space_load(&address_space_io, 0xfffc, 4, &v), ==,
                    MEMTX_OK);
    g_assert_cmphex(v, ==, 0xffffffff);
}

/* -d guest_errors prints the reference's lines for refused accesses. */
static void test_dispatch_guest_error_log(void)
{
    static const MemoryRegionOps byte_only = {
        .read = tdev_read, .write = tdev_write,
        .valid = { .min_access_size = 1, .max_access_size = 1 },
    };

    if (g_test_subprocess()) {
        TestDev d = { g_string_new(NULL) };
        MemoryRegion root, mr, rom;
        AddressSpace as;
        uint64_t v;

        dispatch_setup(&root, &as, &mr, &byte_only, &d);
        g_assert_true(memory_region_init_rom(&rom, NULL, "pc.bios", 0x1000,
                                             &error_abort));
        memory_region_add_subregion(&root, 0x2000, &rom);
        memory_set_log_guest_errors(true);
        address_space_load(&as, 0x108000, 1, &v);
        address_space_load(&as, 0x1000, 4, &v);
        address_space_store(&as, 0x2004, 4, 0);
        memory_set_log_guest_errors(false);
        address_space_load(&as, 0x108000, 1, &v);
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_passed();
    g_test_trap_assert_stderr(
        "Invalid read at addr 0x108000, size 1, region '(null)', "
        "reason: rejected\n"
        "Invalid read at addr 0x0, size 4, region 'dev', "
        "reason: invalid size (min:1 max:1)\n"
        "Invalid write at addr 0x4, size 4, region 'pc.bios', "
        "reason: rejected\n");
}

static void test_ram_and_rom(void)
{
    MemoryRegion root, r1, r2, lo, hi, rom, shadow;
    AddressSpace as;
    uint8_t data[0x100], back[0x100];
    hwaddr len;
    Object *o = owner_begin();
    uint8_t *p;
    int i;

    memory_region_init(&root, o, "root", UINT64_MAX);
    g_assert_true(memory_region_init_ram(&r1, o, "r1", 0x2000,
                                         &error_abort));
    g_assert_true(memory_region_init_ram(&r2, o, "r2", 0x1000,
                                         &error_abort));
    memory_region_add_subregion(&root, 0x10000, &r1);
    memory_region_add_subregion(&root, 0x12000, &r2);
    address_space_init(&as, &root, "ram");
    for (i = 0; i < 0x100; i++) {
        data[i] = i;
    }

    /* Fresh RAM is zero; a copy may cross from one region to the next. */
    g_assert_cmpint(address_space_read(&as, 0x10000, MEMTXATTRS_UNSPECIFIED,
                                       back, 16), ==, MEMTX_OK);
    g_assert_cmpmem(back, 16, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16);
    g_assert_cmpint(address_space_write(&as, 0x11f80, MEMTXATTRS_UNSPECIFIED,
                                        data, 0x100), ==, MEMTX_OK);
    g_assert_cmpint(address_space_read(&as, 0x11f80, MEMTXATTRS_UNSPECIFIED,
                                       back, 0x100), ==, MEMTX_OK);
    g_assert_cmpmem(data, 0x100, back, 0x100);
    g_assert_cmphex(((uint8_t *)r2.ram_ptr)[0], ==, 0x80);

    /* map_ram: host memory, contiguous only within one region. */
    len = 0x100;
    p = address_space_map_ram(&as, 0x11f80, &len, true);
    g_assert_true(p == (uint8_t *)r1.ram_ptr + 0x1f80);
    g_assert_cmphex(len, ==, 0x80);
    len = 0x10000;
    p = address_space_map_ram(&as, 0x12010, &len, false);
    g_assert_true(p == (uint8_t *)r2.ram_ptr + 0x10);
    g_assert_cmphex(len, ==, 0xff0);

    /* Two aliases that continue each other in r1 are one range. */
    memory_region_init_alias(&lo, o, "lo", &r1, 0, 0x1000);
    memory_region_init_alias(&hi, o, "hi", &r1, 0x1000, 0x1000);
    memory_region_add_subregion(&root, 0x1f000, &lo);
    memory_region_add_subregion(&root, 0x20000, &hi);
    len = 0x1000;
    p = address_space_map_ram(&as, 0x1f800, &len, false);
    g_assert_true(p == (uint8_t *)r1.ram_ptr + 0x800);
    g_assert_cmphex(len, ==, 0x1000);

    /* ROM: guest writes are refused, firmware loading writes it. */
    g_assert_true(memory_region_init_rom(&rom, o, "rom", 0x1000,
                                         &error_abort));
    memory_region_add_subregion(&root, 0x30000, &rom);
    g_assert_cmpint(address_space_write_rom(&as, 0x30000,
                                            MEMTXATTRS_UNSPECIFIED, data, 16),
                    ==, MEMTX_OK);
    g_assert_cmpint(address_space_write(&as, 0x30000, MEMTXATTRS_UNSPECIFIED,
                                        back + 0x80, 16), ==,
                    MEMTX_DECODE_ERROR);
    g_assert_cmpint(address_space_read(&as, 0x30000, MEMTXATTRS_UNSPECIFIED,
                                       back, 16), ==, MEMTX_OK);
    g_assert_cmpmem(back, 16, data, 16);
    len = 16;
    g_assert_null(address_space_map_ram(&as, 0x30000, &len, true));
    g_assert_nonnull(address_space_map_ram(&as, 0x30000, &len, false));
    g_assert_true(memory_region_is_rom(&rom));
    g_assert_true(memory_region_is_ram(&rom));

    /* Read-only through an alias (PAM): writes vanish without error. */
    memory_region_init_alias(&shadow, o, "shadow", &r2, 0, 0x1000);
    memory_region_set_readonly(&shadow, true);
    memory_region_add_subregion(&root, 0x40000, &shadow);
    g_assert_cmpint(address_space_write(&as, 0x40000, MEMTXATTRS_UNSPECIFIED,
                                        back, 4), ==, MEMTX_OK);
    g_assert_cmphex(((uint8_t *)r2.ram_ptr)[0], ==, 0x80);
    g_assert_cmpint(address_space_write_rom(&as, 0x40000,
                                            MEMTXATTRS_UNSPECIFIED, back, 1),
                    ==, MEMTX_OK);
    g_assert_cmphex(((uint8_t *)r2.ram_ptr)[0], ==, 0);

    /* Dirty tracking follows writes while a client logs. */
    memory_region_set_log(&r1, true, DIRTY_MEMORY_VGA);
    g_assert_false(memory_region_test_and_clear_dirty(&r1, 0, 0x2000,
                                                      DIRTY_MEMORY_VGA));
    address_space_write(&as, 0x11000, MEMTXATTRS_UNSPECIFIED, data, 1);
    g_assert_false(memory_region_test_and_clear_dirty(&r1, 0, 0x1000,
                                                      DIRTY_MEMORY_VGA));
    g_assert_true(memory_region_test_and_clear_dirty(&r1, 0x1000, 0x1000,
                                                     DIRTY_MEMORY_VGA));
    g_assert_false(memory_region_test_and_clear_dirty(&r1, 0x1000, 0x1000,
                                                      DIRTY_MEMORY_VGA));
    memory_region_set_log(&r1, false, DIRTY_MEMORY_VGA);

    address_space_destroy(&as);
    owner_end(o);
}

/* A ROM device: reads from its RAM, writes to its callbacks. */
static void test_rom_device(void)
{
    static const MemoryRegionOps ops = { .read = tdev_read,
                                         .write = tdev_write };
    TestDev d = { g_string_new(NULL) };
    MemoryRegion root, flash;
    AddressSpace as;
    uint64_t v;
    Object *o = owner_begin();

    memory_region_init(&root, o, "root", UINT64_MAX);
    g_assert_true(memory_region_init_rom_device(&flash, o, &ops, &d,
                                                "flash", 0x1000,
                                                &error_abort));
    memory_region_add_subregion(&root, 0x8000, &flash);
    address_space_init(&as, &root, "romd");
    ((uint8_t *)memory_region_get_ram_ptr(&flash))[4] = 0x5a;
    g_assert_cmpint(address_space_load(&as, 0x8004, 1, &v), ==, MEMTX_OK);
    g_assert_cmphex(v, ==, 0x5a);
    g_assert_cmpint(address_space_store(&as, 0x8004, 2, 0x1234), ==,
                    MEMTX_OK);
    g_assert_cmpstr(tdev_log(&d), ==, "w4/2=1234");
    g_assert_cmpstr(memory_region_type_name(&flash), ==, "romd");
    g_assert_true(memory_region_is_romd(&flash));
    g_assert_false(memory_region_is_ram(&flash));
    address_space_destroy(&as);
    memory_region_del_subregion(&root, &flash);
    g_string_free(d.log, true);
    owner_end(o);
}

/* ---- locking ---- */

typedef struct BqlJob {
    AddressSpace *as;
    MemTxResult res;
    uint64_t value;
} BqlJob;

static gpointer bql_thread(gpointer opaque)
{
    BqlJob *job = opaque;

    g_assert_false(qemu_mutex_iothread_locked());
    job->res = address_space_load(job->as, 0x1000, 1, &job->value);
    g_assert_false(qemu_mutex_iothread_locked());
    return NULL;
}

static void test_dispatch_takes_bql(void)
{
    static const MemoryRegionOps ops = { .read = tdev_read,
                                         .write = tdev_write };
    TestDev d = { g_string_new(NULL) };
    MemoryRegion root, mr;
    AddressSpace as;
    BqlJob job = { &as };
    GThread *t;

    dispatch_setup(&root, &as, &mr, &ops, &d);
    t = g_thread_new("vcpu", bql_thread, &job);
    g_thread_join(t);
    g_assert_cmpint(job.res, ==, MEMTX_OK);
    g_assert_cmphex(job.value, ==, 0x10);
    g_assert_true(d.saw_bql);
    /* The lock is free again, and callers holding it keep it. */
    qemu_mutex_lock_iothread();
    d.saw_bql = false;
    address_space_load(&as, 0x1000, 1, &job.value);
    g_assert_true(d.saw_bql);
    g_assert_true(qemu_mutex_iothread_locked());
    qemu_mutex_unlock_iothread();
    dispatch_teardown(&root, &as, &mr);
    g_string_free(d.log, true);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    memory_test_create_machine();

    g_test_add_func("/memory/dispatch/split-and-widen",
                    test_dispatch_split_and_widen);
    g_test_add_func("/memory/dispatch/valid-sizes-refused",
                    test_dispatch_valid_sizes);
    g_test_add_func("/memory/dispatch/unassigned", test_dispatch_unassigned);
    g_test_add_func("/memory/dispatch/guest-error-log",
                    test_dispatch_guest_error_log);
    g_test_add_func("/memory/dispatch/takes-bql-from-other-threads",
                    test_dispatch_takes_bql);
    g_test_add_func("/memory/ram/copy-map-rom-dirty", test_ram_and_rom);
    g_test_add_func("/memory/ram/rom-device", test_rom_device);
    return g_test_run();
}
