/*
 * test-cpu-debug.c: x86_cpu_get_phys_page_debug() (target/i386/cpu.h), the
 * debugger's page walk: page tables are built in a RAM region of system
 * memory for each paging mode (SDM vol. 3 4.3 32-bit paging with PSE and
 * PSE-36, 4.4 PAE, 4.5 4-level), then translations, not-present levels,
 * non-canonical addresses and tables outside RAM are checked, and the
 * entries must be unchanged afterwards (no accessed/dirty updates).
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "target/i386/cpu.h"
#include "exec/memory.h"

#define RAM_SIZE (16 * 1024 * 1024)
#define P   0x001ULL
#define RW  0x002ULL
#define PS  0x080ULL

static uint8_t *ram;
static X86CPU *cpu;

static void put32(uint64_t pa, uint32_t v)
{
    v = GUINT32_TO_LE(v);
    memcpy(ram + pa, &v, 4);
}

static void put64(uint64_t pa, uint64_t v)
{
    v = GUINT64_TO_LE(v);
    memcpy(ram + pa, &v, 8);
}

static void reset_state(uint64_t cr0, uint64_t cr3, uint64_t cr4,
                        uint64_t efer)
{
    CPUX86State *env = &cpu->env;

    memset(ram, 0, 0x100000);
    env->cr[0] = cr0;
    env->cr[3] = cr3;
    env->cr[4] = cr4;
    env->efer = efer;
    env->a20_mask_enabled = 1;
}

static uint64_t xlate(uint64_t la)
{
    uint64_t pa = 0;

    g_assert_true(x86_cpu_get_phys_page_debug(cpu, la, &pa));
    return pa;
}

static bool mapped(uint64_t la)
{
    uint64_t pa;

    return x86_cpu_get_phys_page_debug(cpu, la, &pa);
}

static void test_no_paging(void)
{
    reset_state(0x11, 0, 0, 0);
    g_assert_cmphex(xlate(0x123456), ==, 0x123456);
    g_assert_cmphex(xlate(0xfffffff0), ==, 0xfffffff0);
    /* A20 closed: bit 20 is forced to 0. */
    cpu->env.a20_mask_enabled = 0;
    g_assert_cmphex(xlate(0x123456), ==, 0x023456);
}

static void test_32bit(void)
{
    uint8_t before[0x3000];

    reset_state(0x80000011, 0x10000, 0, 0);
    put32(0x10000 + 0 * 4, 0x11000 | P | RW);       /* 0-4M: a table */
    put32(0x11000 + 5 * 4, 0x200000 | P);           /* page 5 */
    put32(0x11000 + 6 * 4, 0x201000);               /* not present */
    put32(0x10000 + 1 * 4, 0x800000 | PS | P);      /* 4-8M: 4M page */
    put32(0x10000 + 2 * 4, 0xc00000 | (3 << 13) | PS | P); /* PSE-36 */
    put32(0x10000 + 1023 * 4, 0x12000 | P);
    put32(0x12000 + 1023 * 4, 0x345000 | P);
    memcpy(before, ram + 0x10000, sizeof(before));

    g_assert_cmphex(xlate(0x5123), ==, 0x200123);
    g_assert_cmphex(xlate(0xfffffabc), ==, 0x345abc);
    g_assert_false(mapped(0x6000));                 /* PTE not present */
    g_assert_false(mapped(0x7000));                 /* PTE 0 */
    g_assert_false(mapped(0xc00000));               /* PDE 3: 0 */
    /* Without CR4.PSE the PS bit is ignored: 0x800000 is a table (0s). */
    g_assert_false(mapped(0x400abc));
    cpu->env.cr[4] = CR4_PSE_MASK;
    g_assert_cmphex(xlate(0x400abc), ==, 0x800abc);
    g_assert_cmphex(xlate(0x801234), ==, 0x300c01234ULL);
    /* Linear addresses are 32 bits wide in this mode. */
    g_assert_cmphex(xlate(0x100005123ULL), ==, 0x200123);
    /* Nothing written: no accessed or dirty bits. */
    g_assert_cmpmem(before, sizeof(before), ram + 0x10000, sizeof(before));
    /* CR3 outside RAM: the walk fails instead of reading a device. */
    cpu->env.cr[3] = 0xfee00000;
    g_assert_false(mapped(0x5123));
}

static void test_pae(void)
{
    uint8_t before[0x3000];

    reset_state(0x80000011, 0x20020, CR4_PAE_MASK, 0);
    put64(0x20020 + 1 * 8, 0x21000 | P);            /* 1G-2G */
    put64(0x21000 + 0 * 8, 0x400000 | PS | P | RW); /* 2M page */
    put64(0x21000 + 1 * 8, 0x22000 | P);
    put64(0x22000 + 3 * 8, 0x1234300000ULL | P);    /* above 4G */
    put64(0x22000 + 4 * 8, 0x300000);               /* not present */
    memcpy(before, ram + 0x20000, sizeof(before));

    g_assert_cmphex(xlate(0x40012345), ==, 0x412345);
    g_assert_cmphex(xlate(0x40203abc), ==, 0x1234300abcULL);
    g_assert_false(mapped(0x40204000));
    g_assert_false(mapped(0x80000000));             /* PDPTE 2 */
    g_assert_false(mapped(0x00001000));             /* PDPTE 0 */
    g_assert_false(mapped(0x40400000));             /* PDE 2 */
    g_assert_cmpmem(before, sizeof(before), ram + 0x20000, sizeof(before));
}

static void test_4level(void)
{
    uint8_t before[0x5000];

    reset_state(0x80000011, 0x30000, CR4_PAE_MASK,
                MSR_EFER_LMA | (1 << 8));
    put64(0x30000 + 0 * 8, 0x31000 | P | RW);
    put64(0x30000 + 511 * 8, 0x31000 | P);          /* the top 512G too */
    put64(0x31000 + 1 * 8, 0x80000000ULL | PS | P); /* 1G page */
    put64(0x31000 + 0 * 8, 0x32000 | P);
    put64(0x32000 + 2 * 8, 0x600000 | PS | P);      /* 2M page */
    put64(0x32000 + 3 * 8, 0x33000 | P);
    put64(0x33000 + 4 * 8, 0x700000 | P);
    put64(0x33000 + 5 * 8, 0x701000 | RW);          /* not present */
    memcpy(before, ram + 0x30000, sizeof(before));

    g_assert_cmphex(xlate(0x400123), ==, 0x600123);
    g_assert_cmphex(xlate(0x604567), ==, 0x700567);
    g_assert_false(mapped(0x605000));
    g_assert_cmphex(xlate(0x40001234), ==, 0x80001234);
    g_assert_cmphex(xlate(0xffffff8000400123ULL), ==, 0x600123);
    g_assert_false(mapped(0x0000008000000000ULL));  /* PML4E 1 */
    g_assert_false(mapped(0x80000000));             /* PDPTE 2 */
    /* Not canonical. */
    g_assert_false(mapped(0x0000800000000000ULL));
    g_assert_false(mapped(0xff00000000400123ULL));
    g_assert_cmpmem(before, sizeof(before), ram + 0x30000, sizeof(before));
}

int main(int argc, char **argv)
{
    MemoryRegion *mr = g_new0(MemoryRegion, 1);

    g_test_init(&argc, &argv, NULL);
    qemu_init_main_loop();
    g_assert_true(memory_region_init_ram(mr, NULL, "ram", RAM_SIZE,
                                         &error_abort));
    memory_region_add_subregion(get_system_memory(), 0, mr);
    ram = memory_region_get_ram_ptr(mr);
    /* Only the register state is used: no QOM device needed. */
    cpu = g_new0(X86CPU, 1);

    g_test_add_func("/cpu-debug/no-paging", test_no_paging);
    g_test_add_func("/cpu-debug/32bit", test_32bit);
    g_test_add_func("/cpu-debug/pae", test_pae);
    g_test_add_func("/cpu-debug/4level", test_4level);
    return g_test_run();
}
