/*
 * sse-ops-special.c: SSE instructions with general registers or EFLAGS
 * as operands: COMISS/UCOMISS/COMISD/UCOMISD, CVTSI2SS/SD and
 * CVT(T)SS/SD2SI, PINSRx, PEXTRx, EXTRACTPS, PTEST, the variable blends
 * (XMM0 as the mask), PCMPESTRI/M and PCMPISTRI/M, CRC32.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/sse-internal.h"

/* The XMM source operand rm: register, or size bytes of memory. */
static void load_src(CPUX86State *env, const X86Insn *in, XMMReg *s,
                     unsigned size, bool align)
{
    if (in->mod3) {
        *s = env->xmm_regs[in->rm];
        return;
    }
    if (size == 16) {
        sse_ld128(env, insn_la(env, in), s, align);
    } else if (size == 8) {
        s->q[0] = cpu_ldq(env, insn_la(env, in));
        s->q[1] = 0;
    } else {
        s->q[0] = s->q[1] = 0;
        s->l[0] = cpu_ldl(env, insn_la(env, in));
    }
}

/* 0F 2E UCOMISS, 0F 2F COMISS (66: the double forms). */
static void op_comis(CPUX86State *env, const X86Insn *in)
{
    bool dbl = in->pfx == PFX_66;
    uint32_t mx, cc;
    XMMReg s;

    sse_check(env, dbl ? SSE_F_SSE2 : SSE_F_SSE, false);
    load_src(env, in, &s, dbl ? 8 : 4, false);
    mx = env->mxcsr & ~MXCSR_FLAGS;
    cc = dbl ? sse_comis(env->xmm_regs[in->reg].q[0], s.q[0], true,
                         in->op == 0x2f, &mx)
             : sse_comis(env->xmm_regs[in->reg].l[0], s.l[0], false,
                         in->op == 0x2f, &mx);
    sse_commit_flags(env, mx & MXCSR_FLAGS, false);
    set_eflags_cc(env, cc);
    env->eip = in->next_eip;
}

/* F3 0F 2A CVTSI2SS, F2 0F 2A CVTSI2SD xmm, r/m32|64. */
static void op_cvtsi2s(CPUX86State *env, const X86Insn *in)
{
    bool dbl = in->pfx == PFX_F2;
    int ot = in->rex_w ? MO_64 : MO_32;
    int64_t v;
    uint64_t r;
    uint32_t mx;

    sse_check(env, dbl ? SSE_F_SSE2 : SSE_F_SSE, false);
    v = sext_ot(get_rm(env, in, ot), ot);
    mx = env->mxcsr & ~MXCSR_FLAGS;
    r = sse_cvt_i2f(v, dbl, &mx);
    sse_commit_flags(env, mx & MXCSR_FLAGS, false);
    if (dbl) {
        env->xmm_regs[in->reg].q[0] = r;
    } else {
        env->xmm_regs[in->reg].l[0] = r;
    }
    env->eip = in->next_eip;
}

/* F3/F2 0F 2C CVTTSS2SI/CVTTSD2SI, 0F 2D CVTSS2SI/CVTSD2SI r32|64. */
static void op_cvts2si(CPUX86State *env, const X86Insn *in)
{
    bool dbl = in->pfx == PFX_F2;
    int64_t r;
    uint32_t mx;
    XMMReg s;

    sse_check(env, dbl ? SSE_F_SSE2 : SSE_F_SSE, false);
    load_src(env, in, &s, dbl ? 8 : 4, false);
    mx = env->mxcsr & ~MXCSR_FLAGS;
    r = sse_cvt_f2i(dbl ? s.q[0] : s.l[0], dbl, in->rex_w, in->op == 0x2c,
                    &mx);
    sse_commit_flags(env, mx & MXCSR_FLAGS, false);
    env->regs[in->reg] = in->rex_w ? (uint64_t)r : (uint32_t)r;
    env->eip = in->next_eip;
}

/* 0F C4 PINSRW mm|xmm, r32/m16, imm8. */
static void op_pinsrw(CPUX86State *env, const X86Insn *in)
{
    bool mmx = in->pfx == PFX_NONE;
    uint16_t v;

    sse_check(env, mmx ? SSE_F_SSE : SSE_F_SSE2, mmx);
    v = get_rm(env, in, MO_16);
    if (mmx) {
        uint64_t m = sse_mmx_get(env, in->reg);
        unsigned sh = (in->imm & 3) * 16;

        m = (m & ~(0xffffull << sh)) | (uint64_t)v << sh;
        sse_mmx_set(env, in->reg, m);
    } else {
        env->xmm_regs[in->reg].w[in->imm & 7] = v;
    }
    env->eip = in->next_eip;
}

/* 0F C5 PEXTRW r32, mm|xmm, imm8. */
static void op_pextrw_c5(CPUX86State *env, const X86Insn *in)
{
    bool mmx = in->pfx == PFX_NONE;

    sse_check(env, mmx ? SSE_F_SSE : SSE_F_SSE2, mmx);
    if (mmx) {
        env->regs[in->reg] = (uint16_t)(sse_mmx_get(env, in->rm) >>
                                        ((in->imm & 3) * 16));
        sse_enter_mmx(env);
    } else {
        env->regs[in->reg] = env->xmm_regs[in->rm].w[in->imm & 7];
    }
    env->eip = in->next_eip;
}

/*
 * 66 0F 3A 14-17 PEXTRB, PEXTRW, PEXTRD/Q, EXTRACTPS r/m, xmm, imm8: a
 * register destination gets the element zero-extended.
 */
static void op_pextr(CPUX86State *env, const X86Insn *in)
{
    const XMMReg *s;
    uint64_t v;
    int ot;

    sse_check(env, SSE_F_SSE41, false);
    s = &env->xmm_regs[in->reg];
    switch (in->op) {
    case 0x14: ot = MO_8; v = s->b[in->imm & 15]; break;
    case 0x15: ot = MO_16; v = s->w[in->imm & 7]; break;
    case 0x16:
        ot = in->rex_w ? MO_64 : MO_32;
        v = in->rex_w ? s->q[in->imm & 1] : s->l[in->imm & 3];
        break;
    default: ot = MO_32; v = s->l[in->imm & 3]; break;
    }
    if (in->mod3) {
        env->regs[in->rm] = v;
    } else {
        cpu_st_ot(env, insn_la(env, in), v, ot);
    }
    env->eip = in->next_eip;
}

/* 66 0F 3A 20 PINSRB, 22 PINSRD/Q xmm, r/m, imm8. */
static void op_pinsr(CPUX86State *env, const X86Insn *in)
{
    XMMReg *d;
    uint64_t v;

    sse_check(env, SSE_F_SSE41, false);
    if (in->op == 0x20) {
        v = in->mod3 ? (uint8_t)env->regs[in->rm]
                     : cpu_ldub(env, insn_la(env, in));
        d = &env->xmm_regs[in->reg];
        d->b[in->imm & 15] = v;
    } else {
        v = get_rm(env, in, in->rex_w ? MO_64 : MO_32);
        d = &env->xmm_regs[in->reg];
        if (in->rex_w) {
            d->q[in->imm & 1] = v;
        } else {
            d->l[in->imm & 3] = v;
        }
    }
    env->eip = in->next_eip;
}

/* 66 0F 38 17 PTEST: ZF, CF; OF SF AF PF cleared. */
static void op_ptest(CPUX86State *env, const X86Insn *in)
{
    XMMReg s;

    sse_check(env, SSE_F_SSE41, false);
    load_src(env, in, &s, 16, true);
    set_eflags_cc(env, sse_ptest(&env->xmm_regs[in->reg], &s));
    env->eip = in->next_eip;
}

/* 66 0F 38 10 PBLENDVB, 14 BLENDVPS, 15 BLENDVPD (mask: XMM0). */
static void op_blendv(CPUX86State *env, const X86Insn *in)
{
    XMMReg s;

    sse_check(env, SSE_F_SSE41, false);
    load_src(env, in, &s, 16, true);
    sse_blendv(&env->xmm_regs[in->reg], &s, &env->xmm_regs[0],
               in->op == 0x10 ? 1 : in->op == 0x14 ? 4 : 8);
    env->eip = in->next_eip;
}

/*
 * 66 0F 3A 60 PCMPESTRM, 61 PCMPESTRI, 62 PCMPISTRM, 63 PCMPISTRI.  The
 * explicit lengths are EAX/EDX (RAX/RDX with REX.W); the index goes to
 * ECX, the mask to XMM0.  Memory operands need no alignment.
 */
static void op_pcmpstr(CPUX86State *env, const X86Insn *in)
{
    bool explicit_len = in->op < 0x62, want_index = in->op & 1;
    int64_t la = 0, lb = 0;
    unsigned index;
    XMMReg s, mask;
    uint32_t cc;

    sse_check(env, SSE_F_SSE42, false);
    load_src(env, in, &s, 16, false);
    if (explicit_len) {
        la = in->rex_w ? (int64_t)env->regs[R_EAX]
                       : (int64_t)(int32_t)env->regs[R_EAX];
        lb = in->rex_w ? (int64_t)env->regs[R_EDX]
                       : (int64_t)(int32_t)env->regs[R_EDX];
    }
    cc = sse_pcmpstr(&env->xmm_regs[in->reg], &s, la, lb, in->imm,
                     explicit_len, want_index ? &index : NULL,
                     want_index ? NULL : &mask);
    if (want_index) {
        env->regs[R_ECX] = index;
    } else {
        env->xmm_regs[0] = mask;
    }
    set_eflags_cc(env, cc);
    env->eip = in->next_eip;
}

/*
 * F2 0F 38 F0 CRC32 r32|64, r/m8; F2 0F 38 F1 CRC32 r32|64, r/m16|32|64
 * (66 gives 16 bits, REX.W 64).  An integer instruction: only the CPUID
 * bit is checked.  The result is 32 bits, zero-extended.
 */
static void op_crc32(CPUX86State *env, const X86Insn *in)
{
    int ot = in->op == 0xf0 ? MO_8 : in->ot;
    uint64_t v;

    if (!sse_has_feature(env, SSE_F_SSE42)) {
        raise_exception(env, EXCP06_ILLOP);
    }
    v = get_rm(env, in, ot);
    env->regs[in->reg] = sse_crc32((uint32_t)env->regs[in->reg], v, 1 << ot);
    env->eip = in->next_eip;
}

void sse_special_ops_init(void)
{
    const uint32_t f = 0;
    int p;

    x86_op_sse(1, 0x2e, PFX_NONE, op_comis, f);
    x86_op_sse(1, 0x2e, PFX_66, op_comis, f);
    x86_op_sse(1, 0x2f, PFX_NONE, op_comis, f);
    x86_op_sse(1, 0x2f, PFX_66, op_comis, f);
    x86_op_sse(1, 0x2a, PFX_F3, op_cvtsi2s, f);
    x86_op_sse(1, 0x2a, PFX_F2, op_cvtsi2s, f);
    for (p = PFX_F3; p <= PFX_F2; p++) {
        x86_op_sse(1, 0x2c, p, op_cvts2si, f);
        x86_op_sse(1, 0x2d, p, op_cvts2si, f);
    }
    x86_op_sse(1, 0xc4, PFX_NONE, op_pinsrw, OPF_IMM8U);
    x86_op_sse(1, 0xc4, PFX_66, op_pinsrw, OPF_IMM8U);
    x86_op_sse(1, 0xc5, PFX_NONE, op_pextrw_c5, OPF_IMM8U | OPF_REGONLY);
    x86_op_sse(1, 0xc5, PFX_66, op_pextrw_c5, OPF_IMM8U | OPF_REGONLY);
    for (p = 0x14; p <= 0x17; p++) {
        x86_op_sse(3, p, PFX_66, op_pextr, OPF_IMM8U);
    }
    x86_op_sse(3, 0x20, PFX_66, op_pinsr, OPF_IMM8U);
    x86_op_sse(3, 0x22, PFX_66, op_pinsr, OPF_IMM8U);
    x86_op_sse(2, 0x17, PFX_66, op_ptest, f);
    x86_op_sse(2, 0x10, PFX_66, op_blendv, f);
    x86_op_sse(2, 0x14, PFX_66, op_blendv, f);
    x86_op_sse(2, 0x15, PFX_66, op_blendv, f);
    for (p = 0x60; p <= 0x63; p++) {
        x86_op_sse(3, p, PFX_66, op_pcmpstr, OPF_IMM8U);
    }
    x86_op_sse(2, 0xf0, PFX_F2, op_crc32, f);
    x86_op_sse(2, 0xf1, PFX_F2, op_crc32, f);
}
