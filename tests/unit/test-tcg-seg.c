/*
 * test-tcg-seg.c: the software CPU's segmentation helpers that need no
 * CPU (target/i386/tcg/seg-helper.h): descriptor decoding checked on
 * descriptors real guests use (the flat GDT entries of Linux and
 * SeaBIOS, a 64-bit TSS, a byte-granular 16-bit segment), which
 * exceptions push an error code (SDM vol. 3 table 6-1), the double-fault
 * rules (table 6-5) and canonical addresses.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/seg-helper.h"

typedef struct DescCase {
    const char *what;
    uint64_t desc;
    uint32_t base, limit;
    int type, dpl;
    bool system, code, l, db, present;
} DescCase;

static const DescCase desc_cases[] = {
    /* Linux's __KERNEL_CS (64-bit) and __KERNEL_DS. */
    { "linux kernel cs64", 0x00af9b000000ffffull, 0, 0xffffffffu,
      0xb, 0, false, true, true, false, true },
    { "linux kernel ds", 0x00cf93000000ffffull, 0, 0xffffffffu,
      0x3, 0, false, false, false, true, true },
    /* Linux's __USER_CS (64-bit, DPL 3) and __USER32_CS. */
    { "linux user cs64", 0x00affb000000ffffull, 0, 0xffffffffu,
      0xb, 3, false, true, true, false, true },
    { "linux user cs32", 0x00cffb000000ffffull, 0, 0xffffffffu,
      0xb, 3, false, true, false, true, true },
    /* SeaBIOS's 16-bit code segment at 0xf0000, byte granular. */
    { "seabios cs16", 0x00009b0f0000ffffull, 0xf0000, 0xffff,
      0xb, 0, false, true, false, false, true },
    /* Not present, DPL 2 data, 4 KiB granular limit 0x12 pages. */
    { "not present", 0x00c0530000000012ull, 0, 0x12fff,
      0x3, 2, false, false, false, true, false },
};

static void test_desc_decoding(void)
{
    for (unsigned i = 0; i < ARRAY_SIZE(desc_cases); i++) {
        const DescCase *c = &desc_cases[i];
        uint32_t e1 = (uint32_t)c->desc, e2 = c->desc >> 32;

        g_test_message("%s", c->what);
        g_assert_cmphex(desc_base(e1, e2), ==, c->base);
        g_assert_cmphex(desc_limit(e1, e2), ==, c->limit);
        g_assert_cmpint(desc_type(e2), ==, c->type);
        g_assert_cmpint(desc_dpl(e2), ==, c->dpl);
        g_assert_cmpint(desc_is_system(e2), ==, c->system);
        g_assert_cmpint(desc_is_code(e2), ==, c->code);
        g_assert_cmpint(!!(e2 & DESC_L_MASK), ==, c->l);
        g_assert_cmpint(!!(e2 & DESC_B_MASK), ==, c->db);
        g_assert_cmpint(!!(e2 & DESC_P_MASK), ==, c->present);
    }
}

static void test_tss_descriptor(void)
{
    /* base 0x12345678, limit 0x67, type 9 (available 32-bit TSS), P. */
    uint32_t e1 = (0x5678u << 16) | 0x0067;
    uint32_t e2 = 0x12000000u | 0x34 | (0x89u << 8);

    g_assert_cmphex(desc_base(e1, e2), ==, 0x12345678);
    g_assert_cmphex(desc_limit(e1, e2), ==, 0x67);
    g_assert_true(desc_is_system(e2));
    g_assert_cmpint(desc_type(e2), ==, SYS_TSS32_AVAIL);
    /* LTR marks it busy: type 11. */
    g_assert_cmpint(desc_type(e2 | DESC_TSS_BUSY_MASK), ==, SYS_TSS32_BUSY);
}

static void test_gate_offset(void)
{
    /* An interrupt gate to 0x0010:0xc0123456, DPL 3, 32-bit. */
    uint32_t e1 = (0x0010u << 16) | 0x3456;
    uint32_t e2 = 0xc0120000u | DESC_P_MASK | (3 << DESC_DPL_SHIFT) |
                  (SYS_INTGATE32 << DESC_TYPE_SHIFT);

    g_assert_cmphex(gate_offset(e1, e2), ==, 0xc0123456);
    g_assert_cmphex(e1 >> 16, ==, 0x10);
    g_assert_cmpint(desc_dpl(e2), ==, 3);
    g_assert_cmpint(desc_type(e2), ==, SYS_INTGATE32);
}

static void test_error_code_vectors(void)
{
    /* SDM vol. 3 table 6-1: #DF, #TS, #NP, #SS, #GP, #PF, #AC, #CP. */
    for (int v = 0; v < 32; v++) {
        bool expect = v == 8 || (v >= 10 && v <= 14) || v == 17 || v == 21;

        g_assert_cmpint(excp_has_error_code(v), ==, expect);
    }
}

static void test_double_fault_table(void)
{
    static const int benign[] = { 1, 2, 3, 4, 5, 6, 7, 9, 16, 17, 18, 19 };
    static const int contributory[] = { 0, 10, 11, 12, 13 };
    unsigned i, j;

    /* First benign: everything is handled serially. */
    for (i = 0; i < ARRAY_SIZE(benign); i++) {
        for (j = 0; j < 32; j++) {
            g_assert_false(excp_is_double_fault(benign[i], j));
        }
    }
    /* First contributory: contributory -> #DF; page fault and benign
     * serially. */
    for (i = 0; i < ARRAY_SIZE(contributory); i++) {
        for (j = 0; j < ARRAY_SIZE(contributory); j++) {
            g_assert_true(excp_is_double_fault(contributory[i],
                                               contributory[j]));
        }
        g_assert_false(excp_is_double_fault(contributory[i], 14));
        for (j = 0; j < ARRAY_SIZE(benign); j++) {
            g_assert_false(excp_is_double_fault(contributory[i], benign[j]));
        }
    }
    /* First page fault: page fault or contributory -> #DF. */
    g_assert_true(excp_is_double_fault(14, 14));
    for (j = 0; j < ARRAY_SIZE(contributory); j++) {
        g_assert_true(excp_is_double_fault(14, contributory[j]));
    }
    for (j = 0; j < ARRAY_SIZE(benign); j++) {
        g_assert_false(excp_is_double_fault(14, benign[j]));
    }
}

static void test_canonical(void)
{
    g_assert_true(is_canonical(0));
    g_assert_true(is_canonical(0x00007fffffffffffull));
    g_assert_false(is_canonical(0x0000800000000000ull));
    g_assert_false(is_canonical(0x7fff800000000000ull));
    g_assert_true(is_canonical(0xffff800000000000ull));
    g_assert_false(is_canonical(0xfffe800000000000ull));
    g_assert_true(is_canonical(~0ull));
}

static void test_stack_width(void)
{
    g_assert_cmphex(stack_mask_of(0x00cf9300u), ==, 0xffffffffu);
    g_assert_cmphex(stack_mask_of(0x00009300u), ==, 0xffffu);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/tcg-seg/descriptor/decoding", test_desc_decoding);
    g_test_add_func("/tcg-seg/descriptor/tss", test_tss_descriptor);
    g_test_add_func("/tcg-seg/descriptor/gate-offset", test_gate_offset);
    g_test_add_func("/tcg-seg/exception/error-code-vectors",
                    test_error_code_vectors);
    g_test_add_func("/tcg-seg/exception/double-fault-table",
                    test_double_fault_table);
    g_test_add_func("/tcg-seg/canonical", test_canonical);
    g_test_add_func("/tcg-seg/stack-width", test_stack_width);
    return g_test_run();
}
