/*
 * test-tcg-smm.c: system management mode on the software CPU
 * (target/i386/tcg/smm-helper.c), on the long-mode guest of the
 * differential harness (tcg-harness.h; only its emulator side is used):
 *
 * - an SMI from 64-bit mode with paging: the state-save map at SMBASE +
 *   0xFE00 in the AMD64 layout (AMD64 APM vol. 2 table 10-2: segments,
 *   descriptor tables, EFER, revision 0x00020064, SMBASE, CR4/CR3/CR0,
 *   DR7/DR6, RFLAGS, RIP, the 16 registers), the entry state (CS base
 *   SMBASE, EIP 0x8000, CR0.PE/PG, CR4 and EFER clear, DR7 0x400, NMIs
 *   blocked), and the SMM memory view (SMRAM at 0xa0000 instead of the
 *   device there);
 * - RSM from the handler: back to 64-bit mode at the saved RIP with
 *   paging, registers from the map (edited by the handler), a relocated
 *   SMBASE, NMIs unblocked, the normal view;
 * - NMIs blocked before the SMI stay blocked after RSM;
 * - RSM outside SMM: #UD.
 */
#include "tcg-harness.c"
#include "target/i386/tcg/smm.h"

#define SMBASE_DEFAULT 0x30000
#define NEW_SMBASE 0xa0000
#define SMRAM_MARK 0x5a
#define DEVICE_BYTE 0xd7

static MemoryRegion smram, smram_low, device;

static uint64_t device_read(void *opaque, hwaddr addr, unsigned size)
{
    return DEVICE_BYTE;
}

static void device_write(void *opaque, hwaddr addr, uint64_t val,
                         unsigned size)
{
}

static const MemoryRegionOps device_ops = {
    .read = device_read,
    .write = device_write,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
};

/*
 * The board's part, as the i440FX does it: a device (the PCI space) over
 * RAM at 0xa0000-0xbffff, and SMRAM (RAM there) for the SMM view.
 */
static void setup_smram(void)
{
    memory_region_init_io(&device, NULL, &device_ops, NULL, "device",
                          0x20000);
    memory_region_add_subregion_overlap(get_system_memory(), 0xa0000,
                                        &device, 1);
    memory_region_init(&smram, NULL, "smram", 4 * GiB);
    memory_region_init_alias(&smram_low, NULL, "smram-low",
                             memory_region_find(get_system_memory(), 0,
                                                1).mr, 0xa0000, 0x20000);
    memory_region_add_subregion(&smram, 0xa0000, &smram_low);
    x86_smm_cpu_init(guest_cs);
    x86_cpu_set_smram(&smram);
    gram[0xa0000] = SMRAM_MARK;
}

static uint8_t view_byte(uint64_t pa)
{
    uint8_t b = 0;

    address_space_read(x86_cpu_phys_as(genv), pa, MEMTXATTRS_UNSPECIFIED,
                       &b, 1);
    return b;
}

static uint64_t map_q(uint32_t smbase, unsigned ofs)
{
    return ldq_le_p(gram + smbase + ofs);
}

static uint32_t map_l(uint32_t smbase, unsigned ofs)
{
    return ldl_le_p(gram + smbase + ofs);
}

static uint16_t map_w(uint32_t smbase, unsigned ofs)
{
    return lduw_le_p(gram + smbase + ofs);
}

/* 64-bit state with distinctive registers, RIP at a HLT in CODE_PA. */
static void set_long_mode_state(void)
{
    int i;

    guest_long_mode();
    for (i = 0; i < 16; i++) {
        genv->regs[i] = 0x0101010101010101ull * (i + 1);
    }
    genv->regs[R_ESP] = STACK_TOP;
    genv->eip = CODE_PA;
    gram[CODE_PA] = 0xf4;                       /* hlt */
    tb_invalidate_phys_range(CODE_PA, 0x1000);
    cpu_load_eflags(genv, 0x2 | CC_C | CC_Z | DF_MASK, DF_MASK | IF_MASK);
    genv->dr[6] = 0xffff0ff0;
    genv->dr[7] = 0x401;
    genv->hflags &= ~HF_NMI_BLOCKED;
    genv->smbase = SMBASE_DEFAULT;
}

/* Run from the SMM entry point until the HLT after RSM. */
static void run_to_hlt(void)
{
    int r, guard;

    guest_cs->halted = false;
    guest_cs->exception_index = -1;
    for (guard = 0; guard < 16; guard++) {
        r = tcg_cpu_exec(guest_cs);
        if (r == EXCP_HLT) {
            break;
        }
        guest_cs->halted = false;
    }
    g_assert_cmpint(r, ==, EXCP_HLT);
}

static void test_enter_map_and_rsm(void)
{
    const uint32_t sb = SMBASE_DEFAULT;
    uint64_t cr0, cr3, cr4, efer;
    uint32_t cs_flags;
    int i;

    set_long_mode_state();
    cr0 = genv->cr[0];
    cr3 = genv->cr[3];
    cr4 = genv->cr[4];
    efer = genv->efer;
    cs_flags = genv->segs[R_CS].flags;
    g_assert_cmphex(view_byte(0xa0000), ==, DEVICE_BYTE);

    x86_do_smm_enter(genv);

    /* The entry state (SDM vol. 3 34.5.1). */
    g_assert_true(genv->smm);
    g_assert_true(genv->hflags & HF_SMM);
    g_assert_true(genv->hflags & HF_NMI_BLOCKED);
    g_assert_cmphex(genv->eip, ==, 0x8000);
    g_assert_cmphex(genv->segs[R_CS].base, ==, sb);
    g_assert_cmphex(genv->segs[R_CS].selector, ==, sb >> 4);
    g_assert_cmphex(genv->segs[R_DS].base, ==, 0);
    g_assert_cmphex(genv->segs[R_DS].limit, ==, 0xffffffff);
    g_assert_cmphex(genv->cr[0] & (CR0_PE_MASK | CR0_PG_MASK | CR0_TS_MASK |
                                   CR0_EM_MASK), ==, 0);
    g_assert_cmphex(genv->cr[4], ==, 0);
    g_assert_cmphex(genv->efer, ==, 0);
    g_assert_cmphex(genv->dr[7], ==, 0x400);
    g_assert_cmphex(cpu_compute_eflags(genv), ==, 0x2);
    g_assert_false(genv->hflags & (HF_LMA | HF_CS64 | HF_PE | HF_PG));

    /* The map (AMD64 APM vol. 2 table 10-2). */
    g_assert_cmphex(map_l(sb, 0xfefc), ==, 0x00020064);
    g_assert_cmphex(map_l(sb, 0xff00), ==, sb);
    for (i = 0; i < 16; i++) {
        g_assert_cmphex(map_q(sb, 0xfff8 - 8 * i), ==,
                        i == R_ESP ? STACK_TOP
                                   : 0x0101010101010101ull * (i + 1));
    }
    g_assert_cmphex(map_q(sb, 0xff78), ==, CODE_PA);
    g_assert_cmphex(map_l(sb, 0xff70), ==, 0x2 | CC_C | CC_Z | DF_MASK);
    g_assert_cmphex(map_l(sb, 0xff68), ==, 0xffff0ff0);
    g_assert_cmphex(map_l(sb, 0xff60), ==, 0x401);
    g_assert_cmphex(map_l(sb, 0xff58), ==, (uint32_t)cr0);
    g_assert_cmphex(map_q(sb, 0xff50), ==, cr3);
    g_assert_cmphex(map_l(sb, 0xff48), ==, (uint32_t)cr4);
    g_assert_cmphex(map_q(sb, 0xfed0), ==, efer);
    g_assert_true(map_q(sb, 0xfed0) & MSR_EFER_LMA);
    g_assert_cmphex(map_q(sb, 0xfe68), ==, GDT_PA);
    g_assert_cmphex(map_l(sb, 0xfe64), ==, 0x1f);
    g_assert_cmphex(map_q(sb, 0xfe88), ==, IDT_PA);
    g_assert_cmphex(map_l(sb, 0xfe84), ==, 32 * 16 - 1);
    /* CS (second of ES, CS, SS, DS, FS, GS): selector, attributes. */
    g_assert_cmphex(map_w(sb, 0xfe10), ==, SEL_CODE64);
    g_assert_cmphex(map_w(sb, 0xfe12), ==, (cs_flags >> 8) & 0xf0ff);
    g_assert_cmphex(map_w(sb, 0xfe30), ==, SEL_DATA);

    /* The SMM view: SMRAM at 0xa0000. */
    g_assert_cmphex(view_byte(0xa0000), ==, SMRAM_MARK);

    /* The handler: RSM, with RAX and SMBASE edited in the map. */
    stq_le_p(gram + sb + 0xfff8, 0xfeedfacecafebeefull);
    stl_le_p(gram + sb + 0xff00, NEW_SMBASE);
    gram[sb + 0x8000] = 0x0f;
    gram[sb + 0x8001] = 0xaa;
    tb_invalidate_phys_range(sb + 0x8000, 0x1000);
    run_to_hlt();

    g_assert_false(genv->smm);
    g_assert_false(genv->hflags & HF_SMM);
    g_assert_false(genv->hflags & HF_NMI_BLOCKED);
    g_assert_true(genv->hflags & HF_CS64);
    g_assert_true(genv->efer & MSR_EFER_LMA);
    g_assert_cmphex(genv->cr[0], ==, cr0);
    g_assert_cmphex(genv->cr[3], ==, cr3);
    g_assert_cmphex(genv->cr[4], ==, cr4);
    g_assert_cmphex(genv->eip, ==, CODE_PA + 1);
    g_assert_cmphex(genv->regs[R_EAX], ==, 0xfeedfacecafebeefull);
    g_assert_cmphex(genv->regs[R_R15], ==, 0x1010101010101010ull);
    g_assert_cmphex(cpu_compute_eflags(genv) & 0xfff, ==,
                    0x2 | CC_C | CC_Z | DF_MASK);
    g_assert_cmphex(genv->dr[7], ==, 0x401);
    g_assert_cmphex(genv->smbase, ==, NEW_SMBASE);
    g_assert_cmphex(genv->segs[R_CS].selector, ==, SEL_CODE64);
    g_assert_cmphex(view_byte(0xa0000), ==, DEVICE_BYTE);
}

/* An SMI raised with cpu_interrupt() is taken between instructions; a
 * CPU whose NMIs were blocked keeps them blocked after RSM. */
static void test_smi_request_and_nmi_blocking(void)
{
    set_long_mode_state();
    genv->smbase = NEW_SMBASE;
    genv->hflags |= HF_NMI_BLOCKED;
    gram[NEW_SMBASE + 0x8000] = 0x0f;                  /* rsm */
    gram[NEW_SMBASE + 0x8001] = 0xaa;
    tb_invalidate_phys_range(NEW_SMBASE + 0x8000, 0x1000);
    /* The handler sits in SMRAM, hidden behind the device outside SMM. */
    g_assert_cmphex(view_byte(NEW_SMBASE + 0x8000), ==, DEVICE_BYTE);
    cpu_interrupt(guest_cs, CPU_INTERRUPT_SMI);
    run_to_hlt();

    g_assert_false(guest_cs->interrupt_request & CPU_INTERRUPT_SMI);
    g_assert_false(genv->smm);
    g_assert_true(genv->hflags & HF_NMI_BLOCKED);
    g_assert_cmphex(map_l(NEW_SMBASE, 0xfefc), ==, 0x00020064);
    g_assert_cmphex(map_q(NEW_SMBASE, 0xff78), ==, CODE_PA);
    g_assert_cmphex(genv->eip, ==, CODE_PA + 1);
    genv->hflags &= ~HF_NMI_BLOCKED;
}

static void test_rsm_outside_smm_is_ud(void)
{
    static const uint8_t rsm[] = { 0x0f, 0xaa };
    DiffState in, out;

    guest_long_mode();
    diff_state_init(&in);
    diff_run_guest(DIFF_MODE_64, rsm, sizeof(rsm), &in, &out, 0);
    g_assert_cmpint(out.vec, ==, 6);
    g_assert_cmpint(out.fault_off, ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qemu_init_main_loop();
    diff_init("qemu64");
    /* The page tables stay below the default SMBASE's map and handler. */
    g_assert_cmphex(pt_next + 0x4000, <=, SMBASE_DEFAULT);
    setup_smram();
    g_test_add_func("/tcg-smm/enter-save-map-and-rsm-from-long-mode",
                    test_enter_map_and_rsm);
    g_test_add_func("/tcg-smm/smi-request-and-nmi-blocking",
                    test_smi_request_and_nmi_blocking);
    g_test_add_func("/tcg-smm/rsm-outside-smm-is-ud",
                    test_rsm_outside_smm_is_ud);
    return g_test_run();
}
