/*
 * sse-ops.c: MMX and SSE..SSE4.2: the common checks, operand access and
 * the table-driven handler most of these instructions use.
 *
 * An instruction of the uniform shape (destination register = f(itself,
 * source register or memory, imm8)) is registered with sse_reg(): the
 * descriptor (helper, operand sizes, alignment, MMX or XMM registers,
 * CPUID feature) is stored per (map, opcode, mandatory prefix) and one
 * handler, op_sse(), runs them all.  Instructions of other shapes have
 * their own handlers (sse-move.c, sse-ops-special.c, sse4.c).
 *
 * Order of the checks (SDM vol. 2, the exception lists of each
 * instruction):
 * #UD for a feature not advertised, CR0.EM set, CR4.OSFXSR clear (XMM
 * forms); then #NM for CR0.TS; then the memory operand (#GP(0) for a
 * misaligned 16-byte operand of an aligned form, page faults); then the
 * SIMD floating-point exceptions; only then is anything written.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/sse-internal.h"
#include "target/i386/tcg/fpu-internal.h"

typedef struct SseDesc {
    SseFn fn;
    uint16_t flags;
    uint8_t feat;
} SseDesc;

static SseDesc sse_desc[4][256][4];

/* ---- checks ---- */

bool sse_has_feature(CPUX86State *env, int feat)
{
    switch (feat) {
    case SSE_F_MMX: return env->features[FEAT_1_EDX] & CPUID_MMX;
    case SSE_F_SSE: return env->features[FEAT_1_EDX] & CPUID_SSE;
    case SSE_F_SSE2: return env->features[FEAT_1_EDX] & CPUID_SSE2;
    case SSE_F_SSE3: return env->features[FEAT_1_ECX] & CPUID_EXT_SSE3;
    case SSE_F_SSSE3: return env->features[FEAT_1_ECX] & CPUID_EXT_SSSE3;
    case SSE_F_SSE41: return env->features[FEAT_1_ECX] & CPUID_EXT_SSE41;
    case SSE_F_SSE42: return env->features[FEAT_1_ECX] & CPUID_EXT_SSE42;
    case SSE_F_AES: return env->features[FEAT_1_ECX] & SSE_CPUID_EXT_AES;
    case SSE_F_PCLMUL:
        return env->features[FEAT_1_ECX] & SSE_CPUID_EXT_PCLMULQDQ;
    default: return false;
    }
}

void sse_check(CPUX86State *env, int feat, bool mmx)
{
    if (!sse_has_feature(env, feat) || (env->hflags & HF_EM) ||
        (!mmx && !(env->hflags & HF_OSFXSR))) {
        raise_exception(env, EXCP06_ILLOP);
    }
    if (env->hflags & HF_TS) {
        raise_exception(env, EXCP07_PREX);
    }
    if (mmx) {
        sse_check_x87_pending(env);
    }
}

/*
 * Instructions on MMX registers first report a pending unmasked x87
 * exception (status ES) as #MF, when CR0.NE (SDM vol. 2: "#MF" in the
 * exceptions of each MMX instruction).
 */
void sse_check_x87_pending(CPUX86State *env)
{
    if ((env->fpus & FPUS_ES) && (env->cr[0] & CR0_NE_MASK)) {
        raise_exception(env, EXCP10_COPR);
    }
}

/*
 * SDM vol. 1 11.5.1: with an unmasked pre-computation exception (IE, DE,
 * ZE) only those flags are recorded; otherwise all the flags of the
 * operation are.  Then #XM, or #UD when CR4.OSXMMEXCPT is clear.
 */
void sse_commit_flags(CPUX86State *env, uint32_t raised, bool all)
{
    uint32_t unmasked = raised & ~(env->mxcsr >> MXCSR_MASK_SHIFT) &
                        MXCSR_FLAGS;

    if (unmasked) {
        uint32_t pre = raised & (MXCSR_IE | MXCSR_DE | MXCSR_ZE);

        env->mxcsr |= (pre & unmasked) && !all ? pre : raised;
        raise_exception(env, (env->cr[4] & CR4_OSXMMEXCPT_MASK)
                             ? EXCP13_XMM : EXCP06_ILLOP);
    }
    env->mxcsr |= raised;
}

/* ---- operands ---- */

void sse_ld128(CPUX86State *env, uint64_t la, XMMReg *r, bool align)
{
    if (align && (la & 15)) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    r->q[0] = cpu_ldq(env, la);
    r->q[1] = cpu_ldq(env, la + 8);
}

void sse_st128(CPUX86State *env, uint64_t la, const XMMReg *r, bool align)
{
    if (align && (la & 15)) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    if (!same_page(la, 16)) {
        cpu_probe_write(env, la, 16, cpu_mmu_index(env));
    }
    cpu_stq(env, la, r->q[0]);
    cpu_stq(env, la + 8, r->q[1]);
}

void sse_enter_mmx(CPUX86State *env)
{
    x86_fpu_enter_mmx(env);
}

/*
 * SDM vol. 1 9.5.1: writing an MMX register also sets the exponent
 * field (bits 79:64) of the x87 register to all ones.
 */
void sse_mmx_set(CPUX86State *env, int r, uint64_t v)
{
    sse_enter_mmx(env);
    env->fpregs[r & 7].mant = v;
    env->fpregs[r & 7].exp = 0xffff;
}

/* ---- the table-driven handler ---- */

static void op_sse(CPUX86State *env, const X86Insn *in)
{
    const SseDesc *dsc = &sse_desc[in->map][in->op][in->pfx];
    unsigned fl = dsc->flags;
    bool mmx_src = fl & (SD_MMX | SD_MMXSRC);
    bool mmx_dst = fl & (SD_MMX | SD_MMXDST);
    XMMReg d, s;
    uint32_t mx;

    sse_check(env, dsc->feat, fl & SD_MMX);
    if (fl & (SD_MMXSRC | SD_MMXDST)) {
        sse_check_x87_pending(env);
    }
    if (in->mod3) {
        if (mmx_src) {
            s.q[0] = sse_mmx_get(env, in->rm);
            s.q[1] = 0;
        } else {
            s = env->xmm_regs[in->rm];
        }
    } else {
        uint64_t la = insn_la(env, in);

        if (fl & SD_M2) {
            s.q[0] = s.q[1] = 0;
            s.w[0] = cpu_lduw(env, la);
        } else if (fl & SD_M4) {
            s.l[0] = s.l[1] = s.l[2] = s.l[3] = cpu_ldl(env, la);
        } else if (fl & SD_M8 || mmx_src) {
            s.q[0] = s.q[1] = cpu_ldq(env, la);
        } else {
            sse_ld128(env, la, &s, fl & SD_ALIGN);
        }
    }
    if (mmx_dst) {
        d.q[0] = sse_mmx_get(env, in->reg);
        d.q[1] = 0;
    } else if ((fl & SD_MZERO) && !in->mod3) {
        memset(&d, 0, sizeof(d));
    } else {
        d = env->xmm_regs[in->reg];
    }
    mx = env->mxcsr & ~MXCSR_FLAGS;
    dsc->fn(&d, &s, &mx, in->imm);
    if (fl & SD_FP) {
        sse_commit_flags(env, mx & MXCSR_FLAGS, fl & SD_STAGED);
    }
    if (mmx_dst) {
        sse_mmx_set(env, in->reg, d.q[0]);
    } else {
        env->xmm_regs[in->reg] = d;
        if (mmx_src && in->mod3) {
            sse_enter_mmx(env);
        }
    }
    env->eip = in->next_eip;
}

void sse_reg(unsigned map, unsigned op, int pfx, SseFn fn, unsigned flags,
             int feat)
{
    SseDesc *dsc = &sse_desc[map][op][pfx];
    uint32_t opf = 0;

    dsc->fn = fn;
    dsc->flags = flags;
    dsc->feat = feat;
    if (flags & SD_IMM) {
        opf |= OPF_IMM8U;
    }
    if (flags & SD_MEMONLY) {
        opf |= OPF_MEM;
    }
    if (flags & SD_REGONLY) {
        opf |= OPF_REGONLY;
    }
    x86_op_sse(map, op, pfx, op_sse, opf);
}

void x86_sse_ops_init(void)
{
    sse_arith_ops_init();
    sse_cvt_ops_init();
    sse_int_ops_init();
    sse_shuffle_ops_init();
    sse4_ops_init();
    sse4_fp_ops_init();
    sse_aes_ops_init();
    sse_move_ops_init();
    sse_special_ops_init();
}
