/*
 * sse-move.c: MMX/SSE moves that are not of the uniform shape: stores to
 * r/m, transfers with general registers (MOVD/MOVQ), the mask moves
 * (MOVMSKPS/PD, PMOVMSKB, MASKMOVQ, MASKMOVDQU), the non-temporal stores
 * (MOVNTPS/PD/DQ/Q, MOVNTI: plain stores here, there is no cache to
 * bypass), MOVQ2DQ / MOVDQ2Q, and LDMXCSR / STMXCSR.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/sse-internal.h"
#include "target/i386/tcg/fpu-internal.h"

/* The feature of an XMM instruction by its prefix: none SSE, else SSE2. */
static int xmm_feat(const X86Insn *in)
{
    return in->pfx == PFX_NONE || in->pfx == PFX_F3 ? SSE_F_SSE : SSE_F_SSE2;
}

/*
 * Stores xmm -> xmm/m of size bytes (16, 8 or 4): 0F 11 MOVUPS/UPD/SS/SD,
 * 0F 29 MOVAPS/APD, 0F 2B MOVNTPS/PD, 66/F3 0F 7F MOVDQA/MOVDQU,
 * 66 0F E7 MOVNTDQ.  A register destination keeps its other bytes.
 */
static void store_xmm(CPUX86State *env, const X86Insn *in, int feat,
                      unsigned size, bool align)
{
    const XMMReg *src;

    sse_check(env, feat, false);
    src = &env->xmm_regs[in->reg];
    if (in->mod3) {
        XMMReg *dst = &env->xmm_regs[in->rm];

        if (size == 16) {
            *dst = *src;
        } else if (size == 8) {
            dst->q[0] = src->q[0];
        } else {
            dst->l[0] = src->l[0];
        }
    } else {
        uint64_t la = insn_la(env, in);

        if (size == 16) {
            sse_st128(env, la, src, align);
        } else if (size == 8) {
            cpu_stq(env, la, src->q[0]);
        } else {
            cpu_stl(env, la, src->l[0]);
        }
    }
    env->eip = in->next_eip;
}

static void op_movups_st(CPUX86State *env, const X86Insn *in)
{
    static const uint8_t size[4] = { 16, 16, 4, 8 };

    store_xmm(env, in, in->pfx == PFX_NONE || in->pfx == PFX_F3
                       ? SSE_F_SSE : SSE_F_SSE2, size[in->pfx], false);
}

static void op_movaps_st(CPUX86State *env, const X86Insn *in)
{
    store_xmm(env, in, xmm_feat(in), 16, true);
}

static void op_movdq_st(CPUX86State *env, const X86Insn *in)
{
    store_xmm(env, in, SSE_F_SSE2, 16, in->pfx == PFX_66);
}

/* 0F 13 MOVLPS/MOVLPD, 0F 17 MOVHPS/MOVHPD: m64 <- low / high half. */
static void op_movlhp_st(CPUX86State *env, const X86Insn *in)
{
    sse_check(env, xmm_feat(in), false);
    cpu_stq(env, insn_la(env, in), env->xmm_regs[in->reg].q[in->op == 0x17]);
    env->eip = in->next_eip;
}

/* 66 0F D6: MOVQ xmm/m64, xmm (a register destination's top is cleared). */
static void op_movq_st(CPUX86State *env, const X86Insn *in)
{
    uint64_t v;

    sse_check(env, SSE_F_SSE2, false);
    v = env->xmm_regs[in->reg].q[0];
    if (in->mod3) {
        env->xmm_regs[in->rm].q[0] = v;
        env->xmm_regs[in->rm].q[1] = 0;
    } else {
        cpu_stq(env, insn_la(env, in), v);
    }
    env->eip = in->next_eip;
}

/* 0F 7F MOVQ mm/m64, mm; 0F E7 MOVNTQ m64, mm. */
static void op_movq_mm_st(CPUX86State *env, const X86Insn *in)
{
    uint64_t v;

    sse_check(env, in->op == 0xe7 ? SSE_F_SSE : SSE_F_MMX, true);
    v = sse_mmx_get(env, in->reg);
    if (in->mod3) {
        sse_mmx_set(env, in->rm, v);
    } else {
        cpu_stq(env, insn_la(env, in), v);
        sse_enter_mmx(env);
    }
    env->eip = in->next_eip;
}

/* 0F 6E MOVD/MOVQ mm|xmm, r/m32|64 (REX.W: 64). */
static void op_movd_load(CPUX86State *env, const X86Insn *in)
{
    bool mmx = in->pfx == PFX_NONE;
    int ot = in->rex_w ? MO_64 : MO_32;
    uint64_t v;

    sse_check(env, mmx ? SSE_F_MMX : SSE_F_SSE2, mmx);
    v = get_rm(env, in, ot);
    if (mmx) {
        sse_mmx_set(env, in->reg, v);
    } else {
        env->xmm_regs[in->reg].q[0] = v;
        env->xmm_regs[in->reg].q[1] = 0;
    }
    env->eip = in->next_eip;
}

/* 0F 7E MOVD/MOVQ r/m32|64, mm|xmm. */
static void op_movd_store(CPUX86State *env, const X86Insn *in)
{
    bool mmx = in->pfx == PFX_NONE;
    int ot = in->rex_w ? MO_64 : MO_32;
    uint64_t v;

    sse_check(env, mmx ? SSE_F_MMX : SSE_F_SSE2, mmx);
    v = mmx ? sse_mmx_get(env, in->reg) : env->xmm_regs[in->reg].q[0];
    set_rm(env, in, ot, v);
    if (mmx) {
        sse_enter_mmx(env);
    }
    env->eip = in->next_eip;
}

/* 0F 50 MOVMSKPS / 66 0F 50 MOVMSKPD r32, xmm. */
static void op_movmsk(CPUX86State *env, const X86Insn *in)
{
    const XMMReg *s;

    sse_check(env, xmm_feat(in), false);
    s = &env->xmm_regs[in->rm];
    env->regs[in->reg] = in->pfx == PFX_66 ? sse_movmskpd(s)
                                           : sse_movmskps(s);
    env->eip = in->next_eip;
}

/* 0F D7 PMOVMSKB r32, mm|xmm. */
static void op_pmovmskb(CPUX86State *env, const X86Insn *in)
{
    bool mmx = in->pfx == PFX_NONE;
    XMMReg s;

    sse_check(env, mmx ? SSE_F_SSE : SSE_F_SSE2, mmx);
    if (mmx) {
        s.q[0] = sse_mmx_get(env, in->rm);
        s.q[1] = 0;
        sse_enter_mmx(env);
    } else {
        s = env->xmm_regs[in->rm];
    }
    env->regs[in->reg] = sse_pmovmskb(&s, mmx ? 8 : 16);
    env->eip = in->next_eip;
}

/*
 * 0F F7 MASKMOVQ / 66 0F F7 MASKMOVDQU: the bytes of reg whose byte in
 * rm has its top bit set go to DS:rDI (segment override allowed).  The
 * whole range is checked first so a fault leaves memory untouched.
 */
static void op_maskmov(CPUX86State *env, const X86Insn *in)
{
    bool mmx = in->pfx == PFX_NONE;
    unsigned n = mmx ? 8 : 16, i;
    XMMReg v, m;
    uint64_t la;

    sse_check(env, mmx ? SSE_F_SSE : SSE_F_SSE2, mmx);
    if (mmx) {
        v.q[0] = sse_mmx_get(env, in->reg);
        m.q[0] = sse_mmx_get(env, in->rm);
    } else {
        v = env->xmm_regs[in->reg];
        m = env->xmm_regs[in->rm];
    }
    la = env->regs[R_EDI] & ot_mask(in->aflag);
    la = linear_addr(env, in->seg, la);
    if (sse_pmovmskb(&m, n)) {
        cpu_probe_write(env, la, n, cpu_mmu_index(env));
        for (i = 0; i < n; i++) {
            if (m.b[i] & 0x80) {
                cpu_stb(env, la + i, v.b[i]);
            }
        }
    }
    if (mmx) {
        sse_enter_mmx(env);
    }
    env->eip = in->next_eip;
}

/* 0F C3 MOVNTI m32|64, r (SSE2; an integer store: no CR0/CR4 checks). */
static void op_movnti(CPUX86State *env, const X86Insn *in)
{
    int ot = in->rex_w ? MO_64 : MO_32;

    if (!sse_has_feature(env, SSE_F_SSE2)) {
        raise_exception(env, EXCP06_ILLOP);
    }
    cpu_st_ot(env, insn_la(env, in), env->regs[in->reg] & ot_mask(ot), ot);
    env->eip = in->next_eip;
}

/* F3 0F D6 MOVQ2DQ xmm, mm; F2 0F D6 MOVDQ2Q mm, xmm. */
static void op_movq2dq(CPUX86State *env, const X86Insn *in)
{
    sse_check(env, SSE_F_SSE2, false);
    sse_check_x87_pending(env);
    env->xmm_regs[in->reg].q[0] = sse_mmx_get(env, in->rm);
    env->xmm_regs[in->reg].q[1] = 0;
    sse_enter_mmx(env);
    env->eip = in->next_eip;
}

static void op_movdq2q(CPUX86State *env, const X86Insn *in)
{
    sse_check(env, SSE_F_SSE2, false);
    sse_check_x87_pending(env);
    sse_mmx_set(env, in->reg, env->xmm_regs[in->rm].q[0]);
    env->eip = in->next_eip;
}

/* 0F AE /2 LDMXCSR m32: reserved bits set is #GP(0). */
static void op_ldmxcsr(CPUX86State *env, const X86Insn *in)
{
    uint32_t v;

    sse_check(env, SSE_F_SSE, false);
    v = cpu_ldl(env, insn_la(env, in));
    if (v & ~MXCSR_MASK_VALUE) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    env->mxcsr = v;
    env->eip = in->next_eip;
}

/* 0F AE /3 STMXCSR m32. */
static void op_stmxcsr(CPUX86State *env, const X86Insn *in)
{
    sse_check(env, SSE_F_SSE, false);
    cpu_stl(env, insn_la(env, in), env->mxcsr);
    env->eip = in->next_eip;
}

void sse_move_ops_init(void)
{
    const uint32_t f = 0, fm = OPF_MEM, fr = OPF_REGONLY;
    int p;

    for (p = PFX_NONE; p <= PFX_F2; p++) {
        x86_op_sse(1, 0x11, p, op_movups_st, f);
    }
    x86_op_sse(1, 0x13, PFX_NONE, op_movlhp_st, fm);
    x86_op_sse(1, 0x13, PFX_66, op_movlhp_st, fm);
    x86_op_sse(1, 0x17, PFX_NONE, op_movlhp_st, fm);
    x86_op_sse(1, 0x17, PFX_66, op_movlhp_st, fm);
    x86_op_sse(1, 0x29, PFX_NONE, op_movaps_st, f);
    x86_op_sse(1, 0x29, PFX_66, op_movaps_st, f);
    x86_op_sse(1, 0x2b, PFX_NONE, op_movaps_st, fm);
    x86_op_sse(1, 0x2b, PFX_66, op_movaps_st, fm);
    x86_op_sse(1, 0x50, PFX_NONE, op_movmsk, fr);
    x86_op_sse(1, 0x50, PFX_66, op_movmsk, fr);
    x86_op_sse(1, 0x6e, PFX_NONE, op_movd_load, f);
    x86_op_sse(1, 0x6e, PFX_66, op_movd_load, f);
    x86_op_sse(1, 0x7e, PFX_NONE, op_movd_store, f);
    x86_op_sse(1, 0x7e, PFX_66, op_movd_store, f);
    x86_op_sse(1, 0x7f, PFX_NONE, op_movq_mm_st, f);
    x86_op_sse(1, 0x7f, PFX_66, op_movdq_st, f);
    x86_op_sse(1, 0x7f, PFX_F3, op_movdq_st, f);
    x86_op_sse(1, 0xc3, PFX_NONE, op_movnti, fm);
    x86_op_sse(1, 0xd6, PFX_66, op_movq_st, f);
    x86_op_sse(1, 0xd6, PFX_F3, op_movq2dq, fr);
    x86_op_sse(1, 0xd6, PFX_F2, op_movdq2q, fr);
    x86_op_sse(1, 0xd7, PFX_NONE, op_pmovmskb, fr);
    x86_op_sse(1, 0xd7, PFX_66, op_pmovmskb, fr);
    x86_op_sse(1, 0xe7, PFX_NONE, op_movq_mm_st, fm);
    x86_op_sse(1, 0xe7, PFX_66, op_movdq_st, fm);
    x86_op_sse(1, 0xf7, PFX_NONE, op_maskmov, fr);
    x86_op_sse(1, 0xf7, PFX_66, op_maskmov, fr);
    x86_op_set(1, 0xae, PFX_NONE, 2, 0, OPM_ANY, op_ldmxcsr, OPF_MODRM);
    x86_op_set(1, 0xae, PFX_NONE, 3, 0, OPM_ANY, op_stmxcsr, OPF_MODRM);
}
