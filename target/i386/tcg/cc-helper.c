/*
 * cc-helper.c: the lazy arithmetic flags of the software CPU.
 *
 * ALU instructions record what they computed (cc_op, cc_dst, cc_src,
 * cc_src2, see tcg-cpu.h); the flags are derived here only when read.
 * Flag definitions: SDM vol. 1 3.4.3 and appendix A, per instruction in
 * vol. 2.  Flags the SDM leaves undefined get the values docs/tcg.md
 * lists (those of the Intel processors the differential tests run on).
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/tcg-cpu.h"

static inline uint32_t parity(uint64_t v)
{
    return __builtin_parity((uint8_t)v) ? 0 : CC_P;
}

static inline uint32_t szp(uint64_t dst, int ot)
{
    uint64_t m = ot_mask(ot);
    uint32_t f = parity(dst);

    if (!(dst & m)) {
        f |= CC_Z;
    }
    if ((dst >> ((8 << ot) - 1)) & 1) {
        f |= CC_S;
    }
    return f;
}

/* O for an addition a + b = r: the operands agree in sign, r does not. */
static inline uint32_t add_of(uint64_t a, uint64_t b, uint64_t r, int ot)
{
    return (((~(a ^ b) & (a ^ r)) >> ((8 << ot) - 1)) & 1) ? CC_O : 0;
}

/* O for a subtraction a - b = r. */
static inline uint32_t sub_of(uint64_t a, uint64_t b, uint64_t r, int ot)
{
    return ((((a ^ b) & (a ^ r)) >> ((8 << ot) - 1)) & 1) ? CC_O : 0;
}

uint32_t cc_compute_all(CPUX86State *env)
{
    unsigned op = env->cc_op;
    int ot = op & 3;
    uint64_t m = ot_mask(ot);
    uint64_t dst = env->cc_dst & m, src = env->cc_src & m, a, c;
    uint32_t f;

    switch (op & ~3u) {
    case CC_OP_EFLAGS:
        return env->cc_src & CC_MASK;
    case CC_OP_ADDB:
        a = (dst - src) & m;
        f = szp(dst, ot) | add_of(a, src, dst, ot);
        f |= (dst < a) ? CC_C : 0;
        f |= (a ^ src ^ dst) & CC_A;
        return f;
    case CC_OP_ADCB:
        c = env->cc_src2 & 1;
        a = (dst - src - c) & m;
        f = szp(dst, ot) | add_of(a, src, dst, ot);
        f |= (c ? dst <= a : dst < a) ? CC_C : 0;
        f |= (a ^ src ^ dst) & CC_A;
        return f;
    case CC_OP_SUBB:
        a = (dst + src) & m;
        f = szp(dst, ot) | sub_of(a, src, dst, ot);
        f |= (a < src) ? CC_C : 0;
        f |= (a ^ src ^ dst) & CC_A;
        return f;
    case CC_OP_SBBB:
        c = env->cc_src2 & 1;
        a = (dst + src + c) & m;
        f = szp(dst, ot) | sub_of(a, src, dst, ot);
        f |= (c ? a <= src : a < src) ? CC_C : 0;
        f |= (a ^ src ^ dst) & CC_A;
        return f;
    case CC_OP_LOGICB:
        return szp(dst, ot);
    case CC_OP_INCB:
        a = (dst - 1) & m;
        f = szp(dst, ot) | (env->cc_src & CC_C);
        f |= (dst == ((m >> 1) + 1)) ? CC_O : 0;
        f |= (a ^ 1 ^ dst) & CC_A;
        return f;
    case CC_OP_DECB:
        a = (dst + 1) & m;
        f = szp(dst, ot) | (env->cc_src & CC_C);
        f |= (dst == (m >> 1)) ? CC_O : 0;
        f |= (a ^ 1 ^ dst) & CC_A;
        return f;
    case CC_OP_SHLB:
        f = szp(dst, ot);
        f |= ((env->cc_src >> ((8 << ot) - 1)) & 1) ? CC_C : 0;
        f |= (((dst ^ src) >> ((8 << ot) - 1)) & 1) ? CC_O : 0;
        return f;
    case CC_OP_SARB:
        f = szp(dst, ot);
        f |= (env->cc_src & 1) ? CC_C : 0;
        f |= (((dst ^ src) >> ((8 << ot) - 1)) & 1) ? CC_O : 0;
        return f;
    case CC_OP_MULB:
        f = szp(dst, ot);
        f |= env->cc_src ? (CC_C | CC_O) : 0;
        return f;
    case CC_OP_BMILGB:
        f = szp(dst, ot) & ~CC_P;
        f |= src == 0 ? CC_C : 0;
        return f;
    default:
        g_assert_not_reached();
    }
}

uint32_t cc_compute_c(CPUX86State *env)
{
    unsigned op = env->cc_op;
    int ot = op & 3;
    uint64_t m = ot_mask(ot);
    uint64_t dst = env->cc_dst & m, src = env->cc_src & m, a, c;

    switch (op & ~3u) {
    case CC_OP_EFLAGS:
        return env->cc_src & CC_C;
    case CC_OP_ADDB:
        return dst < src ? CC_C : 0;
    case CC_OP_ADCB:
        c = env->cc_src2 & 1;
        a = (dst - src - c) & m;
        return (c ? dst <= a : dst < a) ? CC_C : 0;
    case CC_OP_SUBB:
        a = (dst + src) & m;
        return a < src ? CC_C : 0;
    case CC_OP_SBBB:
        c = env->cc_src2 & 1;
        a = (dst + src + c) & m;
        return (c ? a <= src : a < src) ? CC_C : 0;
    case CC_OP_LOGICB:
        return 0;
    case CC_OP_INCB:
    case CC_OP_DECB:
        return env->cc_src & CC_C;
    case CC_OP_SHLB:
        return ((env->cc_src >> ((8 << ot) - 1)) & 1) ? CC_C : 0;
    case CC_OP_SARB:
        return (env->cc_src & 1) ? CC_C : 0;
    case CC_OP_MULB:
        return env->cc_src ? CC_C : 0;
    case CC_OP_BMILGB:
        return src == 0 ? CC_C : 0;
    default:
        g_assert_not_reached();
    }
}

uint64_t cpu_compute_eflags(CPUX86State *env)
{
    return (env->eflags & ~(uint64_t)CC_MASK) | cc_compute_all(env) | 2;
}

void cpu_load_eflags(CPUX86State *env, uint64_t eflags, uint64_t update_mask)
{
    set_eflags_cc(env, eflags);
    update_mask &= ~(uint64_t)CC_MASK;
    env->eflags = (env->eflags & ~update_mask) | (eflags & update_mask) | 2;
    env->eflags &= ~(uint64_t)CC_MASK;
    if (env->eflags & TF_MASK) {
        env->hflags |= HF_TF;
    } else {
        env->hflags &= ~HF_TF;
    }
    if (env->eflags & VM_MASK) {
        env->hflags |= HF_VM;
    } else {
        env->hflags &= ~HF_VM;
    }
    x86_update_mmu_idx(env);
}
