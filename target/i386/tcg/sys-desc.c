/*
 * sys-desc.c: system instructions, part 2: the descriptor-table group
 * 0F 00 (SLDT, STR, LLDT, LTR, VERR, VERW), the memory forms of 0F 01
 * (SGDT, SIDT, LGDT, LIDT, SMSW, LMSW, INVLPG), LAR, LSL, ARPL and CLTS
 * (SDM vol. 2).  CR4.UMIP makes the stores of table registers and the
 * MSW privileged.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/seg-helper.h"

static G_NORETURN void ud(CPUX86State *env)
{
    raise_exception(env, EXCP06_ILLOP);
}

static G_NORETURN void gp0(CPUX86State *env)
{
    raise_exception_err(env, EXCP0D_GPF, 0);
}

/* The 0F 00 group, LAR, LSL and ARPL do not exist in real and
 * virtual-8086 mode. */
static void require_pmode(CPUX86State *env)
{
    if (!(env->hflags & HF_PE) || (env->eflags & VM_MASK)) {
        ud(env);
    }
}

static void require_cpl0(CPUX86State *env)
{
    if (cpu_cpl(env) != 0) {
        gp0(env);
    }
}

static void check_umip(CPUX86State *env)
{
    if ((env->cr[4] & CR4_UMIP_MASK) && cpu_cpl(env) > 0) {
        gp0(env);
    }
}

static void set_zf(CPUX86State *env, bool z)
{
    uint32_t f = cc_compute_all(env);

    set_eflags_cc(env, z ? (f | CC_Z) : (f & ~CC_Z));
}

/* A selector stored by SLDT/STR: memory gets 16 bits, a register the
 * selector zero-extended to the operand size. */
static void store_sel(CPUX86State *env, const X86Insn *in, uint16_t sel)
{
    if (in->mod3) {
        set_reg(env, in, in->rm, in->ot, sel);
    } else {
        cpu_stw(env, insn_la(env, in), sel);
    }
}

/* ---- 0F 00 ---- */

static void op_sldt(CPUX86State *env, const X86Insn *in)
{
    require_pmode(env);
    check_umip(env);
    store_sel(env, in, env->ldt.selector);
    env->eip = in->next_eip;
}

static void op_str(CPUX86State *env, const X86Insn *in)
{
    require_pmode(env);
    check_umip(env);
    store_sel(env, in, env->tr.selector);
    env->eip = in->next_eip;
}

/*
 * The LDT or TSS descriptor sel for LLDT/LTR: in the GDT, of one of the
 * given types, present; 16 bytes in long mode.
 */
static void read_sys_desc(CPUX86State *env, uint32_t sel, int type_a,
                          int type_b, uint32_t *e1, uint32_t *e2,
                          uint64_t *base)
{
    int type;

    if ((sel & 4) || !x86_read_desc(env, sel, e1, e2)) {
        raise_exception_err(env, EXCP0D_GPF, sel & 0xfffc);
    }
    type = desc_type(*e2);
    if (!desc_is_system(*e2) || (type != type_a && type != type_b)) {
        raise_exception_err(env, EXCP0D_GPF, sel & 0xfffc);
    }
    if (!(*e2 & DESC_P_MASK)) {
        raise_exception_err(env, EXCP0B_NOSEG, sel & 0xfffc);
    }
    *base = desc_base(*e1, *e2);
    if (env->hflags & HF_LMA) {
        uint32_t e3, e4;

        if (!x86_read_desc_hi(env, sel, &e3, &e4) ||
            ((e4 >> DESC_TYPE_SHIFT) & 0x1f) != 0) {
            raise_exception_err(env, EXCP0D_GPF, sel & 0xfffc);
        }
        *base |= (uint64_t)e3 << 32;
        if (!is_canonical(*base)) {
            raise_exception_err(env, EXCP0D_GPF, sel & 0xfffc);
        }
    }
}

static void op_lldt(CPUX86State *env, const X86Insn *in)
{
    uint32_t sel, e1 = 0, e2 = 0;
    uint64_t base = 0;

    require_pmode(env);
    require_cpl0(env);
    sel = get_rm(env, in, MO_16);
    if ((sel & 0xfffc) == 0) {
        /* A null selector leaves the LDT unusable. */
        env->ldt.selector = sel;
        env->ldt.base = 0;
        env->ldt.limit = 0;
        env->ldt.flags = 0;
    } else {
        read_sys_desc(env, sel, SYS_LDT, SYS_LDT, &e1, &e2, &base);
        env->ldt.selector = sel;
        env->ldt.base = base;
        env->ldt.limit = desc_limit(e1, e2);
        env->ldt.flags = e2;
    }
    env->eip = in->next_eip;
}

static void op_ltr(CPUX86State *env, const X86Insn *in)
{
    uint32_t sel, e1, e2;
    uint64_t base;
    bool lma = (env->hflags & HF_LMA) != 0;

    require_pmode(env);
    require_cpl0(env);
    sel = get_rm(env, in, MO_16);
    if ((sel & 0xfffc) == 0) {
        gp0(env);
    }
    read_sys_desc(env, sel, SYS_TSS32_AVAIL,
                  lma ? SYS_TSS32_AVAIL : SYS_TSS16_AVAIL, &e1, &e2, &base);
    e2 |= DESC_TSS_BUSY_MASK;
    x86_write_desc_e2(env, sel, e2);
    env->tr.selector = sel;
    env->tr.base = base;
    env->tr.limit = desc_limit(e1, e2);
    env->tr.flags = e2;
    env->eip = in->next_eip;
}

/* VERR (/4) and VERW (/5): ZF = the segment is readable/writable at the
 * current privilege. */
static void op_verr_verw(CPUX86State *env, const X86Insn *in)
{
    bool write = (in->reg & 7) == 5, ok = false;
    uint32_t sel, e1, e2;

    require_pmode(env);
    sel = get_rm(env, in, MO_16);
    if ((sel & 0xfffc) != 0 && x86_read_desc(env, sel, &e1, &e2) &&
        !desc_is_system(e2)) {
        int dpl = desc_dpl(e2), cpl = cpu_cpl(env), rpl = sel & 3;
        bool code = (e2 & DESC_CS_MASK) != 0;

        if (write) {
            ok = !code && (e2 & DESC_W_MASK);
        } else {
            ok = !code || (e2 & DESC_R_MASK);
        }
        if (ok && !(code && (e2 & DESC_C_MASK)) &&
            (dpl < cpl || dpl < rpl)) {
            ok = false;
        }
    }
    set_zf(env, ok);
    env->eip = in->next_eip;
}

/* ---- LAR, LSL, ARPL ---- */

/*
 * May LAR (lsl false) or LSL look at sel's descriptor?  System types
 * allowed per SDM vol. 2 LAR/LSL; long mode allows fewer.
 */
static bool lar_lsl_ok(CPUX86State *env, uint32_t sel, bool lsl,
                       uint32_t *e1, uint32_t *e2)
{
    int dpl, cpl = cpu_cpl(env), rpl = sel & 3;

    if ((sel & 0xfffc) == 0 || !x86_read_desc(env, sel, e1, e2)) {
        return false;
    }
    dpl = desc_dpl(*e2);
    if (desc_is_system(*e2)) {
        unsigned valid;

        if (env->hflags & HF_LMA) {
            valid = (1u << SYS_LDT) | (1u << SYS_TSS32_AVAIL) |
                    (1u << SYS_TSS32_BUSY) |
                    (lsl ? 0 : (1u << SYS_CALLGATE32));
        } else {
            valid = (1u << SYS_TSS16_AVAIL) | (1u << SYS_LDT) |
                    (1u << SYS_TSS16_BUSY) | (1u << SYS_TSS32_AVAIL) |
                    (1u << SYS_TSS32_BUSY);
            if (!lsl) {
                valid |= (1u << SYS_CALLGATE16) | (1u << SYS_TASKGATE) |
                         (1u << SYS_CALLGATE32);
            }
        }
        if (!(valid & (1u << desc_type(*e2)))) {
            return false;
        }
    } else if ((*e2 & DESC_CS_MASK) && (*e2 & DESC_C_MASK)) {
        return true;        /* conforming code: no privilege check */
    }
    return dpl >= cpl && dpl >= rpl;
}

/* 0F 02: LAR r, r/m16 */
static void op_lar(CPUX86State *env, const X86Insn *in)
{
    uint32_t sel, e1, e2;
    bool ok;

    require_pmode(env);
    sel = get_rm(env, in, MO_16);
    ok = lar_lsl_ok(env, sel, false, &e1, &e2);
    if (ok) {
        set_reg(env, in, in->reg, in->ot,
                e2 & (in->ot == MO_16 ? 0xff00u : 0x00f0ff00u));
    }
    set_zf(env, ok);
    env->eip = in->next_eip;
}

/* 0F 03: LSL r, r/m16 */
static void op_lsl(CPUX86State *env, const X86Insn *in)
{
    uint32_t sel, e1, e2;
    bool ok;

    require_pmode(env);
    sel = get_rm(env, in, MO_16);
    ok = lar_lsl_ok(env, sel, true, &e1, &e2);
    if (ok) {
        set_reg(env, in, in->reg, in->ot, desc_limit(e1, e2));
    }
    set_zf(env, ok);
    env->eip = in->next_eip;
}

void x86_op_arpl(CPUX86State *env, const X86Insn *in)
{
    uint16_t dst, src;

    require_pmode(env);
    dst = get_rm(env, in, MO_16);
    src = get_reg(env, in, in->reg, MO_16);
    if ((dst & 3) < (src & 3)) {
        set_rm(env, in, MO_16, (dst & ~3) | (src & 3));
        set_zf(env, true);
    } else {
        set_zf(env, false);
    }
    env->eip = in->next_eip;
}

/* ---- 0F 01 memory forms, CLTS ---- */

/* SGDT (/0) and SIDT (/1): limit, then the base (32 bits outside 64-bit
 * mode whatever the operand size, 64 in it). */
static void op_sgdt_sidt(CPUX86State *env, const X86Insn *in)
{
    SegmentCache *dt = (in->reg & 7) == 0 ? &env->gdt : &env->idt;
    uint64_t la = insn_la(env, in);

    check_umip(env);
    if (env->hflags & HF_CS64) {
        cpu_probe_write(env, la, 10, cpu_mmu_index(env));
        cpu_stw(env, la, dt->limit);
        cpu_stq(env, la + 2, dt->base);
    } else {
        cpu_probe_write(env, la, 6, cpu_mmu_index(env));
        cpu_stw(env, la, dt->limit);
        cpu_stl(env, (uint32_t)(la + 2), dt->base);
    }
    env->eip = in->next_eip;
}

/* LGDT (/2) and LIDT (/3): a 16-bit operand size keeps 24 bits of the
 * base. */
static void op_lgdt_lidt(CPUX86State *env, const X86Insn *in)
{
    SegmentCache *dt = (in->reg & 7) == 2 ? &env->gdt : &env->idt;
    uint64_t la = insn_la(env, in), base;
    uint16_t limit;

    require_cpl0(env);
    limit = cpu_lduw(env, la);
    if (env->hflags & HF_CS64) {
        base = cpu_ldq(env, la + 2);
        if (!is_canonical(base)) {
            gp0(env);
        }
    } else {
        base = cpu_ldl(env, (uint32_t)(la + 2));
        if (in->ot == MO_16) {
            base &= 0xffffff;
        }
    }
    dt->base = base;
    dt->limit = limit;
    env->eip = in->next_eip;
}

/* SMSW (/4): memory gets 16 bits, a register CR0 by operand size. */
static void op_smsw(CPUX86State *env, const X86Insn *in)
{
    check_umip(env);
    if (in->mod3) {
        set_reg(env, in, in->rm, in->ot, env->cr[0]);
    } else {
        cpu_stw(env, insn_la(env, in), env->cr[0]);
    }
    env->eip = in->next_eip;
}

/* LMSW (/6): PE, MP, EM, TS; it can set PE but not clear it. */
static void op_lmsw(CPUX86State *env, const X86Insn *in)
{
    uint16_t v;
    uint64_t cr0;

    require_cpl0(env);
    v = get_rm(env, in, MO_16);
    cr0 = (env->cr[0] & ~0xeull) | (v & 0xf) | (env->cr[0] & CR0_PE_MASK);
    x86_cpu_set_cr0(env, cr0);
    env->eip = in->next_eip;
}

/* INVLPG (/7, memory form). */
static void op_invlpg(CPUX86State *env, const X86Insn *in)
{
    require_cpl0(env);
    tlb_flush_page(env, insn_la(env, in));
    env->eip = in->next_eip;
}

/* 0F 06 */
static void op_clts(CPUX86State *env, const X86Insn *in)
{
    require_cpl0(env);
    x86_cpu_set_cr0(env, env->cr[0] & ~(uint64_t)CR0_TS_MASK);
    env->eip = in->next_eip;
}

void x86_sys_desc_ops_init(void)
{
    x86_op_grp(1, 0x00, 0, op_sldt, 0);
    x86_op_grp(1, 0x00, 1, op_str, 0);
    x86_op_grp(1, 0x00, 2, op_lldt, OPF_END);
    x86_op_grp(1, 0x00, 3, op_ltr, OPF_END);
    x86_op_grp(1, 0x00, 4, op_verr_verw, 0);
    x86_op_grp(1, 0x00, 5, op_verr_verw, 0);
    x86_op(1, 0x02, op_lar, OPF_MODRM);
    x86_op(1, 0x03, op_lsl, OPF_MODRM);
    x86_op(1, 0x06, op_clts, OPF_END);

    /* 0F 01 memory forms (mod = 0); the register forms are in sys-ops.c
     * and with their feature owners. */
    x86_op_set(1, 0x01, OPM_ANY, 0, 0, OPM_ANY, op_sgdt_sidt, OPF_MODRM);
    x86_op_set(1, 0x01, OPM_ANY, 1, 0, OPM_ANY, op_sgdt_sidt, OPF_MODRM);
    x86_op_set(1, 0x01, OPM_ANY, 2, 0, OPM_ANY, op_lgdt_lidt,
               OPF_MODRM | OPF_END);
    x86_op_set(1, 0x01, OPM_ANY, 3, 0, OPM_ANY, op_lgdt_lidt,
               OPF_MODRM | OPF_END);
    x86_op_grp(1, 0x01, 4, op_smsw, 0);
    x86_op_grp(1, 0x01, 6, op_lmsw, OPF_END);
    x86_op_set(1, 0x01, OPM_ANY, 7, 0, OPM_ANY, op_invlpg,
               OPF_MODRM | OPF_END);
}
