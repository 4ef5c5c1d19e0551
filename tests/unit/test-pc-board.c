/*
 * test-pc-board.c: the PC board built in process, without an accelerator
 * (the userspace interrupt controllers; the CPUs are not run): the RAM
 * split around the PCI hole, the BIOS ROM and its alias below 1 MiB, the
 * e820 map and CMOS bytes the firmware reads, APIC ids from the topology,
 * the machine types' compatibility properties against -global, isapc,
 * and the errors of bad firmware and boot orders.
 *
 * One machine per process: each test runs in a subprocess.  The BIOS is a
 * synthetic 64 KiB image (so the tests need no firmware package) whose
 * bytes are their offset's low byte, and whose last 16 bytes are a
 * marker.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include "qemu/config-file.h"
#include "qemu/main-loop.h"
#include "exec/memory.h"
#include "hw/boards.h"
#include "hw/i386/pc.h"
#include "hw/i386/apic.h"
#include "hw/i386/x86-fw-cfg.h"
#include "hw/rtc/mc146818rtc.h"
#include "target/i386/cpu.h"

#define BIOS_SIZE 0x10000
static const uint8_t bios_marker[16] = "test reset vec!";
static char *bios_path;

static void write_bios(void)
{
    uint8_t *img = g_malloc(BIOS_SIZE);
    int i;

    for (i = 0; i < BIOS_SIZE; i++) {
        img[i] = i & 0xff;
    }
    memcpy(img + BIOS_SIZE - 16, bios_marker, 16);
    bios_path = g_build_filename(g_get_tmp_dir(), "test-pc-board-bios.bin",
                                 NULL);
    g_assert_true(g_file_set_contents(bios_path, (char *)img, BIOS_SIZE,
                                      NULL));
    g_free(img);
}

/* A board like vl.c's: machine object, properties, then init. */
typedef struct BoardConfig {
    const char *type;           /* "pc-i440fx-7.2", "isapc" */
    uint64_t ram;
    unsigned cpus, sockets, cores;
    const char *props;          /* "max-ram-below-4g=1G", or NULL */
    const char *firmware;       /* NULL: the synthetic BIOS */
    const char *boot;           /* -boot, or NULL */
    const char *global;         /* a -global, or NULL */
} BoardConfig;

static PCMachineState *board_try(const BoardConfig *c, Error **errp)
{
    g_autofree char *type = g_strdup_printf("%s-machine", c->type);
    Object *obj = object_new(type);
    MachineState *ms = MACHINE(obj);

    object_property_add_child(object_get_root(), "machine", obj);
    object_unref(obj);
    qdev_machine_init();
    memory_map_init();
    if (c->boot) {
        qemu_opts_parse(qemu_find_opts("boot-opts"), c->boot, false,
                        &error_abort);
    }
    if (c->global) {
        g_assert_true(qdev_global_parse(c->global, &error_abort));
    }
    ms->ram_size = c->ram ? c->ram : 128 * MiB;
    ms->maxram_size = ms->ram_size;
    ms->smp = (CpuTopology) {
        .cpus = c->cpus ? c->cpus : 1,
        .sockets = c->sockets ? c->sockets : 1,
        .dies = 1, .clusters = 1,
        .cores = c->cores ? c->cores : 1,
        .threads = 1,
    };
    ms->smp.max_cpus = ms->smp.cpus;
    if (c->props) {
        g_auto(GStrv) kv = g_strsplit(c->props, "=", 2);
        g_assert_true(object_property_parse(obj, kv[0], kv[1],
                                            &error_abort));
    }
    object_property_parse(obj, "firmware",
                          c->firmware ? c->firmware : bios_path,
                          &error_abort);
    if (!MACHINE_GET_CLASS(ms)->init(ms, errp)) {
        return NULL;
    }
    MACHINE_GET_CLASS(ms)->reset(ms);
    return PC_MACHINE(obj);
}

static PCMachineState *board(const BoardConfig *c)
{
    return board_try(c, &error_abort);
}

static uint32_t ld32(hwaddr addr)
{
    uint64_t v = 0;

    address_space_load(&address_space_memory, addr, 4, &v);
    return v;
}

/* Does a write at addr stick (RAM, or shadowed ROM made writable)? */
static bool is_writable_ram(hwaddr addr)
{
    uint32_t old = ld32(addr);

    address_space_store(&address_space_memory, addr, 4, old ^ 0x5a5a5a5a);
    if (ld32(addr) != (old ^ 0x5a5a5a5a)) {
        return false;
    }
    address_space_store(&address_space_memory, addr, 4, old);
    return true;
}

static void run_in_subprocess(void)
{
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_passed();
}

/* ---- memory map ---- */

static void test_small_ram_is_all_below_4g(void)
{
    if (g_test_subprocess()) {
        PCMachineState *pcms = board(&(BoardConfig) { "pc-i440fx-7.2",
                                                      512 * MiB });
        uint8_t buf[16];

        g_assert_cmphex(pcms->below_4g_mem_size, ==, 512 * MiB);
        g_assert_cmphex(pcms->above_4g_mem_size, ==, 0);
        g_assert_true(is_writable_ram(0x1000));
        g_assert_true(is_writable_ram(512 * MiB - 4));
        g_assert_false(is_writable_ram(512 * MiB));
        /* The reset vector: the BIOS's last 16 bytes at 4 GiB - 16 ... */
        address_space_read(&address_space_memory, 0xfffffff0,
                           MEMTXATTRS_UNSPECIFIED, buf, 16);
        g_assert_cmpmem(buf, 16, bios_marker, 16);
        /* ... and through the alias below 1 MiB (a 64 KiB image: at
         * 0xf0000), read-only like the ROM. */
        address_space_read(&address_space_memory, 0xffff0, MEMTXATTRS_UNSPECIFIED,
                           buf, 16);
        g_assert_cmpmem(buf, 16, bios_marker, 16);
        g_assert_cmphex(ld32(0xf0100), ==, 0x03020100);
        g_assert_false(is_writable_ram(0xf0100));
        return;
    }
    run_in_subprocess();
}

static void test_large_ram_splits_at_3g(void)
{
    if (g_test_subprocess()) {
        PCMachineState *pcms = board(&(BoardConfig) { "pc-i440fx-7.2",
                                                      4 * GiB });

        g_assert_cmphex(pcms->below_4g_mem_size, ==, 3 * GiB);
        g_assert_cmphex(pcms->above_4g_mem_size, ==, GiB);
        g_assert_true(is_writable_ram(3 * GiB - 4));
        g_assert_false(is_writable_ram(3 * GiB));
        g_assert_true(is_writable_ram(4 * GiB));
        g_assert_true(is_writable_ram(5 * GiB - 4));
        g_assert_false(is_writable_ram(5 * GiB));
        return;
    }
    run_in_subprocess();
}

static void test_old_types_split_at_3_5g(void)
{
    if (g_test_subprocess()) {
        PCMachineState *pcms = board(&(BoardConfig) { "pc-i440fx-1.7",
                                                      4 * GiB });

        g_assert_cmphex(pcms->below_4g_mem_size, ==, 0xe0000000);
        g_assert_cmphex(pcms->above_4g_mem_size, ==, 512 * MiB);
        return;
    }
    run_in_subprocess();
}

static void test_max_ram_below_4g_moves_the_split(void)
{
    if (g_test_subprocess()) {
        PCMachineState *pcms = board(&(BoardConfig) {
            "pc-i440fx-7.2", 2 * GiB, .props = "max-ram-below-4g=1G" });

        g_assert_cmphex(pcms->below_4g_mem_size, ==, GiB);
        g_assert_cmphex(pcms->above_4g_mem_size, ==, GiB);
        g_assert_false(is_writable_ram(GiB));
        g_assert_true(is_writable_ram(4 * GiB));
        return;
    }
    run_in_subprocess();
}

/* e820 (ACPI 6.4, 15): RAM below and above 4 GiB; qemu64 is an AMD
 * model with 40 physical address bits: the HyperTransport range. */
static void test_e820_map(void)
{
    if (g_test_subprocess()) {
        PCMachineState *pcms = board(&(BoardConfig) { "pc-i440fx-7.2",
                                                      5 * GiB });
        static const struct { uint64_t addr, len; uint32_t type; } want[] = {
            { 0, 3 * GiB, E820_RAM },
            { 4 * GiB, 2 * GiB, E820_RAM },
            { PC_AMD_HT_START, PC_AMD_HT_END - PC_AMD_HT_START + 1,
              E820_RESERVED },
        };
        unsigned n, i;
        const uint8_t *e = x86_fw_cfg_e820(pcms->fw_cfg, &n);

        g_assert_cmpuint(n, ==, ARRAY_SIZE(want));
        for (i = 0; i < n; i++, e += 20) {
            uint64_t addr, len;
            uint32_t type;

            memcpy(&addr, e, 8);
            memcpy(&len, e + 8, 8);
            memcpy(&type, e + 16, 4);
            g_assert_cmphex(GUINT64_FROM_LE(addr), ==, want[i].addr);
            g_assert_cmphex(GUINT64_FROM_LE(len), ==, want[i].len);
            g_assert_cmpuint(GUINT32_FROM_LE(type), ==, want[i].type);
        }
        return;
    }
    run_in_subprocess();
}

/* ---- CMOS (SeaBIOS src/fw/paravirt.c, src/boot.c) ---- */

static int cmos(PCMachineState *pcms, int addr)
{
    return mc146818rtc_get_cmos_data(pcms->rtc, addr);
}

static void test_cmos_memory_cpus_and_boot_order(void)
{
    if (g_test_subprocess()) {
        PCMachineState *pcms = board(&(BoardConfig) {
            "pc-i440fx-7.2", 5 * GiB, .cpus = 3, .cores = 3,
            .boot = "order=dcn" });

        g_assert_cmphex(cmos(pcms, 0x15) | cmos(pcms, 0x16) << 8, ==, 640);
        g_assert_cmphex(cmos(pcms, 0x17) | cmos(pcms, 0x18) << 8, ==, 0xffff);
        g_assert_cmphex(cmos(pcms, 0x30) | cmos(pcms, 0x31) << 8, ==, 0xffff);
        /* (3 GiB - 16 MiB) / 64 KiB */
        g_assert_cmphex(cmos(pcms, 0x34) | cmos(pcms, 0x35) << 8, ==, 0xbf00);
        /* 2 GiB / 64 KiB */
        g_assert_cmphex(cmos(pcms, 0x5b) | cmos(pcms, 0x5c) << 8 |
                        cmos(pcms, 0x5d) << 16, ==, 0x8000);
        g_assert_cmphex(cmos(pcms, 0x5f), ==, 2);
        g_assert_cmphex(cmos(pcms, 0x3d), ==, 0x23);     /* d, c */
        g_assert_cmphex(cmos(pcms, 0x38), ==, 0x40);     /* n */
        g_assert_cmphex(cmos(pcms, 0x14), ==, 0x06);
        return;
    }
    run_in_subprocess();
}

static void test_cmos_small_ram(void)
{
    if (g_test_subprocess()) {
        PCMachineState *pcms = board(&(BoardConfig) { "pc-i440fx-7.2",
                                                      16 * MiB });

        g_assert_cmphex(cmos(pcms, 0x17) | cmos(pcms, 0x18) << 8, ==, 15360);
        g_assert_cmphex(cmos(pcms, 0x34) | cmos(pcms, 0x35) << 8, ==, 0);
        g_assert_cmphex(cmos(pcms, 0x3d), ==, 0x12);     /* default "cad" */
        g_assert_cmphex(cmos(pcms, 0x38), ==, 0x30);
        return;
    }
    run_in_subprocess();
}

static void check_board_error(const BoardConfig *c, const char *message)
{
    Error *err = NULL;

    g_assert_null(board_try(c, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, message);
    error_free(err);
}

static void test_boot_order_errors(void)
{
    if (g_test_subprocess()) {
        const char *which = g_getenv("TEST_PC_BOOT");

        if (!strcmp(which, "e")) {
            check_board_error(&(BoardConfig) { "pc-i440fx-7.2",
                                               .boot = "order=e" },
                              "Invalid boot device for PC: 'e'");
        } else {
            check_board_error(&(BoardConfig) { "pc-i440fx-7.2",
                                               .boot = "order=cdna" },
                              "Too many boot devices for PC");
        }
        return;
    }
    g_setenv("TEST_PC_BOOT", "e", true);
    run_in_subprocess();
    g_setenv("TEST_PC_BOOT", "cdna", true);
    run_in_subprocess();
}

/* ---- firmware errors ---- */

static void test_bios_errors(void)
{
    if (g_test_subprocess()) {
        g_autofree char *odd = g_build_filename(g_get_tmp_dir(),
                                                "test-pc-board-odd.bin",
                                                NULL);
        const char *which = g_getenv("TEST_PC_BIOS");

        if (!strcmp(which, "missing")) {
            check_board_error(&(BoardConfig) { "pc-i440fx-7.2",
                                               .firmware = "nonexist.bin" },
                              "qemu: could not load PC BIOS 'nonexist.bin'");
        } else {
            /* Not a whole number of 64 KiB blocks. */
            g_assert_true(g_file_set_contents(odd, "short", 5, NULL));
            check_board_error(&(BoardConfig) { "pc-i440fx-7.2",
                                               .firmware = odd },
                              g_strdup_printf("qemu: could not load PC BIOS "
                                              "'%s'", odd));
            unlink(odd);
        }
        return;
    }
    g_setenv("TEST_PC_BIOS", "missing", true);
    run_in_subprocess();
    g_setenv("TEST_PC_BIOS", "odd", true);
    run_in_subprocess();
}

/* ---- CPUs ---- */

/* 2 sockets of 3 cores: the core field of the APIC id is 2 bits wide
 * (SDM vol. 3 8.9.1), so socket 1's cores are 4, 5, 6. */
static void test_apic_ids_follow_the_topology(void)
{
    if (g_test_subprocess()) {
        PCMachineState *pcms = board(&(BoardConfig) {
            "pc-i440fx-7.2", .cpus = 6, .sockets = 2, .cores = 3 });
        static const uint32_t want[] = { 0, 1, 2, 4, 5, 6 };
        int i;

        g_assert_cmpint(cpu_count(), ==, 6);
        for (i = 0; i < 6; i++) {
            X86CPU *cpu = X86_CPU(qemu_get_cpu(i));

            g_assert_cmpuint(cpu->apic_id, ==, want[i]);
            g_assert_nonnull(cpu_get_apic(CPU(cpu)));
            /* The machine reset left every APIC enabled, CPU 0 the BSP. */
            g_assert_cmphex(cpu_get_apic_base(cpu_get_apic(CPU(cpu))), ==,
                            APIC_DEFAULT_ADDRESS | MSR_IA32_APICBASE_ENABLE |
                            (i ? 0 : MSR_IA32_APICBASE_BSP));
        }
        g_assert_cmpuint(pcms->apic_id_limit, ==, 7);
        return;
    }
    run_in_subprocess();
}

/* ---- machine types ---- */

static bool qom_bool(const char *path, const char *prop)
{
    Object *obj = object_resolve_path(path, NULL);

    g_assert_nonnull(obj);
    return object_property_get_bool(obj, prop, &error_abort);
}

static void test_compat_properties_of_old_types(void)
{
    if (g_test_subprocess()) {
        board(&(BoardConfig) { "pc-i440fx-2.0" });
        g_assert_false(qom_bool("/machine/i440fx", "x-pci-hole64-fix"));
        g_assert_false(qom_bool("/machine/fw_cfg", "dma_enabled"));
        return;
    }
    run_in_subprocess();
}

static void test_global_overrides_compat_property(void)
{
    if (g_test_subprocess()) {
        board(&(BoardConfig) { "pc-i440fx-2.0",
                               .global = "fw_cfg_io.dma_enabled=on" });
        g_assert_true(qom_bool("/machine/fw_cfg", "dma_enabled"));
        g_assert_false(qom_bool("/machine/i440fx", "x-pci-hole64-fix"));
        return;
    }
    run_in_subprocess();
}

static void test_current_type_has_no_compat_properties(void)
{
    if (g_test_subprocess()) {
        board(&(BoardConfig) { "pc-i440fx-7.2" });
        g_assert_true(qom_bool("/machine/i440fx", "x-pci-hole64-fix"));
        g_assert_true(qom_bool("/machine/fw_cfg", "dma_enabled"));
        return;
    }
    run_in_subprocess();
}

static void test_machine_type_list(void)
{
    MachineClass *mc = machine_class_find("pc");

    g_assert_nonnull(mc);
    g_assert_cmpstr(mc->name, ==, "pc-i440fx-7.2");
    g_assert_true(mc->is_default);
    g_assert_cmpint(mc->max_cpus, ==, 255);
    g_assert_cmpstr(mc->default_ram_id, ==, "pc.ram");
    g_assert_false(mc->smp_prefer_sockets);
    mc = machine_class_find("pc-i440fx-6.1");
    g_assert_true(mc->smp_prefer_sockets);
    mc = machine_class_find("pc-i440fx-1.4");
    g_assert_true(mc->deprecated);
    mc = machine_class_find("pc-i440fx-trusty");
    g_assert_nonnull(mc);
    g_assert_cmpstr(mc->desc, ==, "Ubuntu 14.04 PC (i440FX + PIIX, 1996)");
    mc = machine_class_find("isapc");
    g_assert_cmpint(mc->max_cpus, ==, 1);
    g_assert_cmpstr(mc->desc, ==, "ISA-only PC");
}

/* isapc: an ISA bus of its own, no IOAPIC, the BIOS and option ROM area in
 * RAM (no PAM to shadow them). */
static void test_isapc_board(void)
{
    if (g_test_subprocess()) {
        PCMachineState *pcms = board(&(BoardConfig) { "isapc" });

        g_assert_null(pcms->pci_bus);
        g_assert_null(pcms->ioapic);
        g_assert_null(pcms->hpet);
        g_assert_null(pcms->pm);
        g_assert_nonnull(pcms->isa_bus);
        g_assert_true(is_writable_ram(0xc0000));
        g_assert_true(is_writable_ram(0xf0100));
        g_assert_cmpstr(object_get_typename(OBJECT(qemu_get_cpu(0))), ==,
                        "486-x86_64-cpu");
        return;
    }
    run_in_subprocess();
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qemu_init_main_loop();
    write_bios();

    g_test_add_func("/pc/memory/small-ram-is-all-below-4g",
                    test_small_ram_is_all_below_4g);
    g_test_add_func("/pc/memory/large-ram-splits-at-3g",
                    test_large_ram_splits_at_3g);
    g_test_add_func("/pc/memory/old-types-split-at-3.5g",
                    test_old_types_split_at_3_5g);
    g_test_add_func("/pc/memory/max-ram-below-4g-moves-the-split",
                    test_max_ram_below_4g_moves_the_split);
    g_test_add_func("/pc/firmware/e820-map", test_e820_map);
    g_test_add_func("/pc/firmware/bios-errors", test_bios_errors);
    g_test_add_func("/pc/cmos/memory-cpus-and-boot-order",
                    test_cmos_memory_cpus_and_boot_order);
    g_test_add_func("/pc/cmos/small-ram-and-default-order",
                    test_cmos_small_ram);
    g_test_add_func("/pc/cmos/boot-order-errors", test_boot_order_errors);
    g_test_add_func("/pc/cpus/apic-ids-follow-the-topology",
                    test_apic_ids_follow_the_topology);
    g_test_add_func("/pc/types/list", test_machine_type_list);
    g_test_add_func("/pc/types/compat-properties-of-old-types",
                    test_compat_properties_of_old_types);
    g_test_add_func("/pc/types/global-overrides-compat-property",
                    test_global_overrides_compat_property);
    g_test_add_func("/pc/types/current-type-has-no-compat-properties",
                    test_current_type_has_no_compat_properties);
    g_test_add_func("/pc/isapc/board", test_isapc_board);
    return g_test_run();
}
