/*
 * int-ops.c: integer arithmetic: ADD/OR/ADC/SBB/AND/SUB/XOR/CMP, INC/DEC,
 * TEST, NOT/NEG, MUL/IMUL/DIV/IDIV, shifts and rotates, SHLD/SHRD.
 *
 * The eight ALU operations are generated per operation (so each handler
 * is straight-line code) and per operand form.  Memory destinations with
 * a LOCK prefix are updated with a host compare-and-swap on the guest
 * page, so they are atomic against the other vCPUs.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/tcg-cpu.h"

enum { ALU_ADD, ALU_OR, ALU_ADC, ALU_SBB, ALU_AND, ALU_SUB, ALU_XOR,
       ALU_CMP };

/* a op b; records the flags.  op is a constant at every call site. */
static inline uint64_t alu(CPUX86State *env, int op, int ot, uint64_t a,
                           uint64_t b)
{
    uint64_t r, c;

    switch (op) {
    case ALU_ADD:
        r = a + b;
        set_cc_op(env, CC_OP_ADDB + ot, r, b);
        return r;
    case ALU_OR:
        r = a | b;
        set_cc_op(env, CC_OP_LOGICB + ot, r, 0);
        return r;
    case ALU_ADC:
        c = cc_compute_c(env) ? 1 : 0;
        r = a + b + c;
        set_cc_op(env, CC_OP_ADCB + ot, r, b);
        env->cc_src2 = c;
        return r;
    case ALU_SBB:
        c = cc_compute_c(env) ? 1 : 0;
        r = a - b - c;
        set_cc_op(env, CC_OP_SBBB + ot, r, b);
        env->cc_src2 = c;
        return r;
    case ALU_AND:
        r = a & b;
        set_cc_op(env, CC_OP_LOGICB + ot, r, 0);
        return r;
    case ALU_SUB:
    case ALU_CMP:
        r = a - b;
        set_cc_op(env, CC_OP_SUBB + ot, r, b);
        return r;
    default:
        r = a ^ b;
        set_cc_op(env, CC_OP_LOGICB + ot, r, 0);
        return r;
    }
}

/* Compare-and-swap of an ot-sized value at host p. */
static inline bool cas_ot(void *p, int ot, uint64_t *expected, uint64_t v)
{
    switch (ot) {
    case MO_8: {
        uint8_t e = *expected;
        bool ok = __atomic_compare_exchange_n((uint8_t *)p, &e, (uint8_t)v,
                                              false, __ATOMIC_SEQ_CST,
                                              __ATOMIC_SEQ_CST);
        *expected = e;
        return ok;
    }
    case MO_16: {
        uint16_t e = *expected;
        bool ok = __atomic_compare_exchange_n((uint16_t *)p, &e,
                                              (uint16_t)v, false,
                                              __ATOMIC_SEQ_CST,
                                              __ATOMIC_SEQ_CST);
        *expected = e;
        return ok;
    }
    case MO_32: {
        uint32_t e = *expected;
        bool ok = __atomic_compare_exchange_n((uint32_t *)p, &e,
                                              (uint32_t)v, false,
                                              __ATOMIC_SEQ_CST,
                                              __ATOMIC_SEQ_CST);
        *expected = e;
        return ok;
    }
    default:
        return __atomic_compare_exchange_n((uint64_t *)p, expected, v, false,
                                           __ATOMIC_SEQ_CST,
                                           __ATOMIC_SEQ_CST);
    }
}

static inline uint64_t load_host_ot(void *p, int ot)
{
    switch (ot) {
    case MO_8: return __atomic_load_n((uint8_t *)p, __ATOMIC_RELAXED);
    case MO_16: return __atomic_load_n((uint16_t *)p, __ATOMIC_RELAXED);
    case MO_32: return __atomic_load_n((uint32_t *)p, __ATOMIC_RELAXED);
    default: return __atomic_load_n((uint64_t *)p, __ATOMIC_RELAXED);
    }
}

/* Locked operations that cannot use the host page (MMIO, code pages). */
static GMutex lock_fallback;

uint64_t x86_atomic_rmw(CPUX86State *env, const X86Insn *in, int ot,
                        uint64_t (*fn)(CPUX86State *, const X86Insn *, int,
                                       uint64_t, uint64_t),
                        uint64_t src);

/*
 * Apply fn(old, src) to the memory operand atomically; returns the old
 * value.  fn may record flags (it runs again if the CAS loses a race, so
 * the last run's flags are the ones kept).
 */
uint64_t x86_atomic_rmw(CPUX86State *env, const X86Insn *in, int ot,
                        uint64_t (*fn)(CPUX86State *, const X86Insn *, int,
                                       uint64_t, uint64_t),
                        uint64_t src)
{
    uint64_t la = insn_la(env, in);
    void *p = cpu_rw_ptr(env, la, 1u << ot, cpu_mmu_index(env));
    uint64_t old, nv;

    if (p) {
        old = load_host_ot(p, ot);
        do {
            nv = fn(env, in, ot, old, src);
        } while (!cas_ot(p, ot, &old, nv));
        return old;
    }
    /*
     * Fault now, not while holding the lock (a fault unwinds past the
     * unlock): the operand must be writable, which makes it readable.
     */
    cpu_probe_write(env, la, 1u << ot, cpu_mmu_index(env));
    g_mutex_lock(&lock_fallback);
    old = cpu_ld_ot(env, la, ot);
    nv = fn(env, in, ot, old, src);
    cpu_st_ot(env, la, nv, ot);
    g_mutex_unlock(&lock_fallback);
    return old;
}

/* r/m op= reg */
#define ALU_EG_BODY(env, in, ot, mod3, OP, FN)                              \
do {                                                                        \
    uint64_t b_ = get_reg(env, in, in->reg, ot), r_;                        \
    if (mod3) {                                                             \
        r_ = alu(env, OP, ot, get_reg(env, in, in->rm, ot), b_);            \
        if (OP != ALU_CMP) {                                                \
            set_reg(env, in, in->rm, ot, r_);                               \
        }                                                                   \
    } else if (OP != ALU_CMP && (in->prefix & PREFIX_LOCK)) {               \
        x86_atomic_rmw(env, in, ot, FN, b_);                                \
    } else {                                                                \
        uint64_t la_ = insn_la(env, in);                                    \
        r_ = alu(env, OP, ot, cpu_ld_ot(env, la_, ot), b_);                 \
        if (OP != ALU_CMP) {                                                \
            cpu_st_ot(env, la_, r_, ot);                                    \
        }                                                                   \
    }                                                                       \
    env->eip = in->next_eip;                                                \
} while (0)

/* reg op= r/m */
#define ALU_GE_BODY(env, in, ot, mod3, OP)                                  \
do {                                                                        \
    uint64_t s_ = mod3 ? get_reg(env, in, in->rm, ot)                       \
                       : cpu_ld_ot(env, insn_la(env, in), ot);              \
    uint64_t r_ = alu(env, OP, ot, get_reg(env, in, in->reg, ot), s_);      \
    if (OP != ALU_CMP) {                                                    \
        set_reg(env, in, in->reg, ot, r_);                                  \
    }                                                                       \
    env->eip = in->next_eip;                                                \
} while (0)

/* AL/eAX op= imm */
#define ALU_AI_BODY(env, in, ot, mod3, OP)                                  \
do {                                                                        \
    uint64_t r_ = alu(env, OP, ot, get_reg(env, in, R_EAX, ot), in->imm);   \
    (void)(mod3);                                                           \
    if (OP != ALU_CMP) {                                                    \
        set_reg(env, in, R_EAX, ot, r_);                                    \
    }                                                                       \
    env->eip = in->next_eip;                                                \
} while (0)

/* r/m op= imm (group 1) */
#define ALU_EI_BODY(env, in, ot, mod3, OP, FN)                              \
do {                                                                        \
    uint64_t r_;                                                            \
    if (mod3) {                                                             \
        r_ = alu(env, OP, ot, get_reg(env, in, in->rm, ot), in->imm);       \
        if (OP != ALU_CMP) {                                                \
            set_reg(env, in, in->rm, ot, r_);                               \
        }                                                                   \
    } else if (OP != ALU_CMP && (in->prefix & PREFIX_LOCK)) {               \
        x86_atomic_rmw(env, in, ot, FN, in->imm);                           \
    } else {                                                                \
        uint64_t la_ = insn_la(env, in);                                    \
        r_ = alu(env, OP, ot, cpu_ld_ot(env, la_, ot), in->imm);            \
        if (OP != ALU_CMP) {                                                \
            cpu_st_ot(env, la_, r_, ot);                                    \
        }                                                                   \
    }                                                                       \
    env->eip = in->next_eip;                                                \
} while (0)

#define ALU_OPS(NAME, OP)                                                   \
static uint64_t alu_fn_##NAME(CPUX86State *env, const X86Insn *in, int ot, \
                              uint64_t a, uint64_t b)                       \
{                                                                           \
    (void)in;                                                               \
    return alu(env, OP, ot, a, b);                                          \
}                                                                           \
static inline __attribute__((always_inline)) void                           \
NAME##_eg_body(CPUX86State *env, const X86Insn *in, int ot, int mod3)      \
{                                                                           \
    ALU_EG_BODY(env, in, ot, mod3, OP, alu_fn_##NAME);                      \
}                                                                           \
static inline __attribute__((always_inline)) void                           \
NAME##_ge_body(CPUX86State *env, const X86Insn *in, int ot, int mod3)      \
{                                                                           \
    ALU_GE_BODY(env, in, ot, mod3, OP);                                     \
}                                                                           \
static inline __attribute__((always_inline)) void                           \
NAME##_ai_body(CPUX86State *env, const X86Insn *in, int ot, int mod3)      \
{                                                                           \
    ALU_AI_BODY(env, in, ot, mod3, OP);                                     \
}                                                                           \
static inline __attribute__((always_inline)) void                           \
NAME##_ei_body(CPUX86State *env, const X86Insn *in, int ot, int mod3)      \
{                                                                           \
    ALU_EI_BODY(env, in, ot, mod3, OP, alu_fn_##NAME);                      \
}                                                                           \
X86_VARIANTS(op_##NAME##_eg, NAME##_eg_body);                               \
X86_VARIANTS(op_##NAME##_ge, NAME##_ge_body);                               \
X86_VARIANTS(op_##NAME##_ai, NAME##_ai_body);                               \
X86_VARIANTS(op_##NAME##_ei, NAME##_ei_body);

ALU_OPS(add, ALU_ADD)
ALU_OPS(or, ALU_OR)
ALU_OPS(adc, ALU_ADC)
ALU_OPS(sbb, ALU_SBB)
ALU_OPS(and, ALU_AND)
ALU_OPS(sub, ALU_SUB)
ALU_OPS(xor, ALU_XOR)
ALU_OPS(cmp, ALU_CMP)

static const X86InsnFn *const alu_eg[8] = {
    op_add_eg_v, op_or_eg_v, op_adc_eg_v, op_sbb_eg_v, op_and_eg_v,
    op_sub_eg_v, op_xor_eg_v, op_cmp_eg_v };
static const X86InsnFn *const alu_ge[8] = {
    op_add_ge_v, op_or_ge_v, op_adc_ge_v, op_sbb_ge_v, op_and_ge_v,
    op_sub_ge_v, op_xor_ge_v, op_cmp_ge_v };
static const X86InsnFn *const alu_ai[8] = {
    op_add_ai_v, op_or_ai_v, op_adc_ai_v, op_sbb_ai_v, op_and_ai_v,
    op_sub_ai_v, op_xor_ai_v, op_cmp_ai_v };
static const X86InsnFn *const alu_ei[8] = {
    op_add_ei_v, op_or_ei_v, op_adc_ei_v, op_sbb_ei_v, op_and_ei_v,
    op_sub_ei_v, op_xor_ei_v, op_cmp_ei_v };

/* ---- INC, DEC, NOT, NEG, TEST ---- */

static uint64_t inc_fn(CPUX86State *env, const X86Insn *in, int ot,
                       uint64_t a, uint64_t b)
{
    uint64_t r = a + 1;

    (void)in; (void)b;
    env->cc_src = cc_compute_c(env);
    env->cc_dst = r;
    env->cc_op = CC_OP_INCB + ot;
    return r;
}

static uint64_t dec_fn(CPUX86State *env, const X86Insn *in, int ot,
                       uint64_t a, uint64_t b)
{
    uint64_t r = a - 1;

    (void)in; (void)b;
    env->cc_src = cc_compute_c(env);
    env->cc_dst = r;
    env->cc_op = CC_OP_DECB + ot;
    return r;
}

static uint64_t not_fn(CPUX86State *env, const X86Insn *in, int ot,
                       uint64_t a, uint64_t b)
{
    (void)env; (void)in; (void)ot; (void)b;
    return ~a;
}

static uint64_t neg_fn(CPUX86State *env, const X86Insn *in, int ot,
                       uint64_t a, uint64_t b)
{
    uint64_t r = -a;

    (void)in; (void)b;
    set_cc_op(env, CC_OP_SUBB + ot, r, a);
    return r;
}

/* A read-modify-write of r/m through fn (LOCK honoured). */
static inline void unary_rm(CPUX86State *env, const X86Insn *in,
                            uint64_t (*fn)(CPUX86State *, const X86Insn *,
                                           int, uint64_t, uint64_t))
{
    int ot = in->ot;

    if (in->mod3) {
        set_reg(env, in, in->rm, ot,
                fn(env, in, ot, get_reg(env, in, in->rm, ot), 0));
    } else if (in->prefix & PREFIX_LOCK) {
        x86_atomic_rmw(env, in, ot, fn, 0);
    } else {
        uint64_t la = insn_la(env, in);

        cpu_st_ot(env, la, fn(env, in, ot, cpu_ld_ot(env, la, ot), 0), ot);
    }
    env->eip = in->next_eip;
}

static void op_inc_E(CPUX86State *env, const X86Insn *in)
{
    unary_rm(env, in, inc_fn);
}

static void op_dec_E(CPUX86State *env, const X86Insn *in)
{
    unary_rm(env, in, dec_fn);
}

static void op_not_E(CPUX86State *env, const X86Insn *in)
{
    unary_rm(env, in, not_fn);
}

static void op_neg_E(CPUX86State *env, const X86Insn *in)
{
    unary_rm(env, in, neg_fn);
}

/* 40+r / 48+r (not in 64-bit mode, where they are REX). */
static void op_inc_r(CPUX86State *env, const X86Insn *in)
{
    set_reg(env, in, in->reg, in->ot,
            inc_fn(env, in, in->ot, get_reg(env, in, in->reg, in->ot), 0));
    env->eip = in->next_eip;
}

static void op_dec_r(CPUX86State *env, const X86Insn *in)
{
    set_reg(env, in, in->reg, in->ot,
            dec_fn(env, in, in->ot, get_reg(env, in, in->reg, in->ot), 0));
    env->eip = in->next_eip;
}

static void op_test_EG(CPUX86State *env, const X86Insn *in)
{
    uint64_t r = get_rm(env, in, in->ot) & get_reg(env, in, in->reg, in->ot);

    set_cc_op(env, CC_OP_LOGICB + in->ot, r, 0);
    env->eip = in->next_eip;
}

static void op_test_EI(CPUX86State *env, const X86Insn *in)
{
    uint64_t r = get_rm(env, in, in->ot) & in->imm;

    set_cc_op(env, CC_OP_LOGICB + in->ot, r, 0);
    env->eip = in->next_eip;
}

static void op_test_AI(CPUX86State *env, const X86Insn *in)
{
    uint64_t r = get_reg(env, in, R_EAX, in->ot) & in->imm;

    set_cc_op(env, CC_OP_LOGICB + in->ot, r, 0);
    env->eip = in->next_eip;
}

/* ---- multiply and divide ---- */

static void op_mul_E(CPUX86State *env, const X86Insn *in)
{
    int ot = in->ot;
    uint64_t b = get_rm(env, in, ot), a, lo, hi;
    unsigned __int128 p;

    switch (ot) {
    case MO_8:
        lo = (uint8_t)env->regs[R_EAX] * (uint8_t)b;
        set_reg(env, in, R_EAX, MO_16, lo);
        set_cc_op(env, CC_OP_MULB, lo, (lo >> 8) != 0);
        break;
    case MO_16:
        lo = (uint16_t)env->regs[R_EAX] * (uint64_t)(uint16_t)b;
        set_reg(env, in, R_EAX, MO_16, lo);
        set_reg(env, in, R_EDX, MO_16, lo >> 16);
        set_cc_op(env, CC_OP_MULB + 1, lo, (lo >> 16) != 0);
        break;
    case MO_32:
        lo = (uint32_t)env->regs[R_EAX] * (uint64_t)(uint32_t)b;
        set_reg(env, in, R_EAX, MO_32, lo);
        set_reg(env, in, R_EDX, MO_32, lo >> 32);
        set_cc_op(env, CC_OP_MULB + 2, lo, (lo >> 32) != 0);
        break;
    default:
        a = env->regs[R_EAX];
        p = (unsigned __int128)a * b;
        lo = (uint64_t)p;
        hi = (uint64_t)(p >> 64);
        env->regs[R_EAX] = lo;
        env->regs[R_EDX] = hi;
        set_cc_op(env, CC_OP_MULB + 3, lo, hi != 0);
        break;
    }
    env->eip = in->next_eip;
}

/* Signed a * b for ot; returns the low part, *ovf: not representable. */
static inline __attribute__((always_inline)) uint64_t
imul_ot(int ot, uint64_t a, uint64_t b, uint64_t *hi, bool *ovf)
{
    __int128 p;

    switch (ot) {
    case MO_8:
        p = (int8_t)a * (int8_t)b;
        *ovf = p != (int8_t)p;
        *hi = (uint64_t)(p >> 8);
        return (uint64_t)p;
    case MO_16:
        p = (int16_t)a * (int16_t)b;
        *ovf = p != (int16_t)p;
        *hi = (uint64_t)(p >> 16);
        return (uint64_t)p;
    case MO_32:
        p = (int64_t)(int32_t)a * (int32_t)b;
        *ovf = p != (int32_t)p;
        *hi = (uint64_t)(p >> 32);
        return (uint64_t)p;
    default:
        p = (__int128)(int64_t)a * (int64_t)b;
        *ovf = p != (int64_t)p;
        *hi = (uint64_t)(p >> 64);
        return (uint64_t)p;
    }
}

static void op_imul_E(CPUX86State *env, const X86Insn *in)
{
    int ot = in->ot;
    uint64_t b = get_rm(env, in, ot), hi, lo;
    bool ovf;

    lo = imul_ot(ot, env->regs[R_EAX], b, &hi, &ovf);
    if (ot == MO_8) {
        set_reg(env, in, R_EAX, MO_16, lo);
    } else {
        set_reg(env, in, R_EAX, ot, lo);
        set_reg(env, in, R_EDX, ot, hi);
    }
    set_cc_op(env, CC_OP_MULB + ot, lo, ovf);
    env->eip = in->next_eip;
}

/* IMUL Gv, Ev (0F AF), IMUL Gv, Ev, imm (69, 6B). */
#define IMUL_BODY(env, in, ot, mod3, IMM)                                   \
do {                                                                        \
    uint64_t hi_, lo_, s_;                                                  \
    bool ovf_;                                                              \
    s_ = mod3 ? get_reg(env, in, in->rm, ot)                                \
              : cpu_ld_ot(env, insn_la(env, in), ot);                       \
    lo_ = imul_ot(ot, IMM ? s_ : get_reg(env, in, in->reg, ot),             \
                  IMM ? in->imm : s_, &hi_, &ovf_);                         \
    set_reg(env, in, in->reg, ot, lo_);                                     \
    set_cc_op(env, CC_OP_MULB + ot, lo_, ovf_);                             \
    env->eip = in->next_eip;                                                \
} while (0)
#define IMUL_GE_BODY(env, in, ot, mod3) IMUL_BODY(env, in, ot, mod3, 0)
#define IMUL_GEI_BODY(env, in, ot, mod3) IMUL_BODY(env, in, ot, mod3, 1)
X86_VARIANTS(op_imul_ge, IMUL_GE_BODY);
X86_VARIANTS(op_imul_gei, IMUL_GEI_BODY);

static void op_div_E(CPUX86State *env, const X86Insn *in)
{
    int ot = in->ot;
    uint64_t d = get_rm(env, in, ot), q, r;

    if (!d) {
        raise_exception(env, EXCP00_DIVZ);
    }
    switch (ot) {
    case MO_8: {
        uint32_t n = (uint16_t)env->regs[R_EAX];

        q = n / d;
        r = n % d;
        if (q > 0xff) {
            raise_exception(env, EXCP00_DIVZ);
        }
        set_reg(env, in, R_EAX, MO_16, (r << 8) | q);
        break;
    }
    case MO_16: {
        uint32_t n = ((uint32_t)(uint16_t)env->regs[R_EDX] << 16) |
                     (uint16_t)env->regs[R_EAX];

        q = n / d;
        r = n % d;
        if (q > 0xffff) {
            raise_exception(env, EXCP00_DIVZ);
        }
        set_reg(env, in, R_EAX, MO_16, q);
        set_reg(env, in, R_EDX, MO_16, r);
        break;
    }
    case MO_32: {
        uint64_t n = ((uint64_t)(uint32_t)env->regs[R_EDX] << 32) |
                     (uint32_t)env->regs[R_EAX];

        q = n / d;
        r = n % d;
        if (q > 0xffffffffull) {
            raise_exception(env, EXCP00_DIVZ);
        }
        set_reg(env, in, R_EAX, MO_32, q);
        set_reg(env, in, R_EDX, MO_32, r);
        break;
    }
    default: {
        unsigned __int128 n = ((unsigned __int128)env->regs[R_EDX] << 64) |
                              env->regs[R_EAX];
        unsigned __int128 q128 = n / d;

        if (q128 >> 64) {
            raise_exception(env, EXCP00_DIVZ);
        }
        env->regs[R_EAX] = (uint64_t)q128;
        env->regs[R_EDX] = (uint64_t)(n % d);
        break;
    }
    }
    env->eip = in->next_eip;
}

static void op_idiv_E(CPUX86State *env, const X86Insn *in)
{
    int ot = in->ot;
    int64_t d = sext_ot(get_rm(env, in, ot), ot);

    if (!d) {
        raise_exception(env, EXCP00_DIVZ);
    }
    switch (ot) {
    case MO_8: {
        int32_t n = (int16_t)env->regs[R_EAX];
        int32_t q = n / d, r = n % d;

        if (q != (int8_t)q) {
            raise_exception(env, EXCP00_DIVZ);
        }
        set_reg(env, in, R_EAX, MO_16, ((uint32_t)(uint8_t)r << 8) |
                                       (uint8_t)q);
        break;
    }
    case MO_16: {
        int32_t n = (int32_t)(((uint32_t)(uint16_t)env->regs[R_EDX] << 16) |
                              (uint16_t)env->regs[R_EAX]);
        int32_t q, r;

        if (n == INT32_MIN && d == -1) {
            raise_exception(env, EXCP00_DIVZ);
        }
        q = n / d;
        r = n % d;
        if (q != (int16_t)q) {
            raise_exception(env, EXCP00_DIVZ);
        }
        set_reg(env, in, R_EAX, MO_16, q);
        set_reg(env, in, R_EDX, MO_16, r);
        break;
    }
    case MO_32: {
        int64_t n = (int64_t)(((uint64_t)(uint32_t)env->regs[R_EDX] << 32) |
                              (uint32_t)env->regs[R_EAX]);
        int64_t q, r;

        if (n == INT64_MIN && d == -1) {
            raise_exception(env, EXCP00_DIVZ);
        }
        q = n / d;
        r = n % d;
        if (q != (int32_t)q) {
            raise_exception(env, EXCP00_DIVZ);
        }
        set_reg(env, in, R_EAX, MO_32, q);
        set_reg(env, in, R_EDX, MO_32, r);
        break;
    }
    default: {
        __int128 n = (__int128)(((unsigned __int128)env->regs[R_EDX] << 64) |
                                env->regs[R_EAX]);
        __int128 q, r;

        if (d == -1 && (unsigned __int128)n == ((unsigned __int128)1) << 127) {
            raise_exception(env, EXCP00_DIVZ);
        }
        q = n / d;
        r = n % d;
        if (q != (int64_t)q) {
            raise_exception(env, EXCP00_DIVZ);
        }
        env->regs[R_EAX] = (uint64_t)q;
        env->regs[R_EDX] = (uint64_t)r;
        break;
    }
    }
    env->eip = in->next_eip;
}

/* ---- shifts and rotates ---- */

/* Replace C and O in the current flags. */
static void set_co(CPUX86State *env, bool c, bool o)
{
    uint32_t f = cc_compute_all(env) & ~(CC_C | CC_O);

    set_eflags_cc(env, f | (c ? CC_C : 0) | (o ? CC_O : 0));
}

static inline __attribute__((always_inline)) uint64_t
shift_op(CPUX86State *env, int kind, int ot, uint64_t a, unsigned count)
{
    unsigned bits = 8u << ot;
    uint64_t m = ot_mask(ot), r;
    bool c, o;

    count &= ot == MO_64 ? 63 : 31;
    a &= m;
    if (kind == 2 || kind == 3) {
        /* RCL/RCR rotate bits + 1 positions through CF. */
        count %= bits + 1;
    }
    if (!count) {
        return a;
    }
    switch (kind) {
    case 0: /* ROL */
        count %= bits;
        r = count ? ((a << count) | (a >> (bits - count))) & m : a;
        c = r & 1;
        o = ((r >> (bits - 1)) & 1) ^ c;
        set_co(env, c, o);
        return r;
    case 1: /* ROR */
        count %= bits;
        r = count ? ((a >> count) | (a << (bits - count))) & m : a;
        c = (r >> (bits - 1)) & 1;
        o = c ^ ((r >> (bits - 2)) & 1);
        set_co(env, c, o);
        return r;
    case 2: { /* RCL */
        unsigned __int128 w = ((unsigned __int128)(cc_compute_c(env) ? 1 : 0)
                               << bits) | a;
        unsigned __int128 full = (((unsigned __int128)1) << (bits + 1)) - 1;

        w = ((w << count) | (w >> (bits + 1 - count))) & full;
        r = (uint64_t)w & m;
        c = (w >> bits) & 1;
        o = ((r >> (bits - 1)) & 1) ^ c;
        set_co(env, c, o);
        return r;
    }
    case 3: { /* RCR */
        bool cin = cc_compute_c(env) != 0;
        unsigned __int128 w = ((unsigned __int128)cin << bits) | a;
        unsigned __int128 full = (((unsigned __int128)1) << (bits + 1)) - 1;

        o = ((a >> (bits - 1)) & 1) ^ cin;
        w = ((w >> count) | (w << (bits + 1 - count))) & full;
        r = (uint64_t)w & m;
        c = (w >> bits) & 1;
        set_co(env, c, o);
        return r;
    }
    case 4: /* SHL */
    case 6:
        r = (a << count) & m;
        set_cc_op(env, CC_OP_SHLB + ot, r, count <= 64 ?
                  (count == 64 ? 0 : a << (count - 1)) : 0);
        return r;
    case 5: /* SHR */
        r = count >= 64 ? 0 : a >> count;
        set_cc_op(env, CC_OP_SARB + ot, r, a >> (count - 1));
        return r;
    default: { /* SAR */
        int64_t s = sext_ot(a, ot);

        r = (uint64_t)(s >> (count > 63 ? 63 : count)) & m;
        set_cc_op(env, CC_OP_SARB + ot, r, (uint64_t)(s >> (count - 1)));
        return r;
    }
    }
}

/*
 * Group 2 specialized by operation, count source (0: imm8, 1: one,
 * 2: CL), operand size and form: the shifts are hot in compression and
 * crypto code.
 */
#define SHIFT_BODY(env, in, ot, mod3, KIND, SRC)                            \
do {                                                                        \
    unsigned c_ = SRC == 0 ? (unsigned)in->imm : SRC == 1 ? 1               \
                  : (uint8_t)env->regs[R_ECX];                              \
    if (mod3) {                                                             \
        uint64_t a_ = get_reg(env, in, in->rm, ot);                         \
        set_reg(env, in, in->rm, ot, shift_op(env, KIND, ot, a_, c_));      \
    } else {                                                                \
        uint64_t la_ = insn_la(env, in);                                    \
        uint64_t a_ = cpu_ld_ot(env, la_, ot);                              \
        if (c_ & (ot == MO_64 ? 63 : 31)) {                                 \
            cpu_probe_write(env, la_, 1u << ot, cpu_mmu_index(env));        \
            cpu_st_ot(env, la_, shift_op(env, KIND, ot, a_, c_), ot);       \
        }                                                                   \
    }                                                                       \
    env->eip = in->next_eip;                                                \
} while (0)

#define SHIFT_KIND(NAME, KIND)                                              \
static inline __attribute__((always_inline)) void                           \
NAME##_imm_body(CPUX86State *env, const X86Insn *in, int ot, int mod3)     \
{ SHIFT_BODY(env, in, ot, mod3, KIND, 0); }                                 \
static inline __attribute__((always_inline)) void                           \
NAME##_one_body(CPUX86State *env, const X86Insn *in, int ot, int mod3)     \
{ SHIFT_BODY(env, in, ot, mod3, KIND, 1); }                                 \
static inline __attribute__((always_inline)) void                           \
NAME##_cl_body(CPUX86State *env, const X86Insn *in, int ot, int mod3)      \
{ SHIFT_BODY(env, in, ot, mod3, KIND, 2); }                                 \
X86_VARIANTS(op_##NAME##_imm, NAME##_imm_body);                             \
X86_VARIANTS(op_##NAME##_one, NAME##_one_body);                             \
X86_VARIANTS(op_##NAME##_cl, NAME##_cl_body);

SHIFT_KIND(rol, 0)
SHIFT_KIND(ror, 1)
SHIFT_KIND(shl, 4)
SHIFT_KIND(shr, 5)
SHIFT_KIND(sar, 7)

/* Group 2: count from imm8 (C0/C1), 1 (D0/D1) or CL (D2/D3). */
static inline void shift_rm(CPUX86State *env, const X86Insn *in,
                            unsigned count)
{
    int ot = in->ot, kind = (in->modrm >> 3) & 7;

    if (in->mod3) {
        uint64_t a = get_reg(env, in, in->rm, ot);
        set_reg(env, in, in->rm, ot, shift_op(env, kind, ot, a, count));
    } else {
        uint64_t la = insn_la(env, in);
        uint64_t a = cpu_ld_ot(env, la, ot);
        unsigned c = count & (ot == MO_64 ? 63 : 31);

        if (c) {
            /* Check the write before the flags change. */
            cpu_probe_write(env, la, 1u << ot, cpu_mmu_index(env));
            cpu_st_ot(env, la, shift_op(env, kind, ot, a, count), ot);
        }
    }
    env->eip = in->next_eip;
}

static void op_shift_imm(CPUX86State *env, const X86Insn *in)
{
    shift_rm(env, in, (unsigned)in->imm);
}

static void op_shift_1(CPUX86State *env, const X86Insn *in)
{
    shift_rm(env, in, 1);
}

static void op_shift_cl(CPUX86State *env, const X86Insn *in)
{
    shift_rm(env, in, (uint8_t)env->regs[R_ECX]);
}

/* SHLD/SHRD Ev, Gv, imm8/CL. */
static void shld_shrd(CPUX86State *env, const X86Insn *in, unsigned count,
                      bool right)
{
    int ot = in->ot;
    unsigned bits = 8u << ot;
    uint64_t m = ot_mask(ot), a, b, r, last;
    uint64_t la = 0;

    count &= ot == MO_64 ? 63 : 31;
    if (in->mod3) {
        a = get_reg(env, in, in->rm, ot);
    } else {
        la = insn_la(env, in);
        a = cpu_ld_ot(env, la, ot);
    }
    if (!count) {
        if (in->mod3 && ot == MO_32) {
            /* The 32-bit destination is written (zero-extended) anyway. */
            set_reg(env, in, in->rm, MO_32, a);
        }
        env->eip = in->next_eip;
        return;
    }
    b = get_reg(env, in, in->reg, ot);
    if (right) {
        /* b:a shifted right; a 16-bit count above 16 (undefined) keeps
         * rotating b in, as Intel CPUs do. */
        unsigned __int128 w = ((unsigned __int128)b << bits) | a;

        if (count > bits) {
            w |= (unsigned __int128)a << (2 * bits);
        }
        r = (uint64_t)(w >> count) & m;
        last = (uint64_t)(w >> (count - 1)) & 1;
    } else {
        unsigned __int128 w = ((unsigned __int128)a << bits) | b;

        if (count > bits) {
            w = (w << bits) | a;
            r = (uint64_t)(w >> (2 * bits - count)) & m;
            last = (uint64_t)(w >> (3 * bits - count)) & 1;
        } else {
            r = (uint64_t)(w >> (bits - count)) & m;
            last = (uint64_t)(w >> (2 * bits - count)) & 1;
        }
    }
    if (in->mod3) {
        set_reg(env, in, in->rm, ot, r);
    } else {
        cpu_st_ot(env, la, r, ot);
    }
    {
        uint32_t f = 0;
        uint64_t top = (r >> (bits - 1)) & 1;

        f |= last ? CC_C : 0;
        f |= (top ^ ((a >> (bits - 1)) & 1)) ? CC_O : 0;
        f |= (r & m) ? 0 : CC_Z;
        f |= top ? CC_S : 0;
        f |= __builtin_parity((uint8_t)r) ? 0 : CC_P;
        set_eflags_cc(env, f);
    }
    env->eip = in->next_eip;
}

static void op_shld_imm(CPUX86State *env, const X86Insn *in)
{
    shld_shrd(env, in, (unsigned)in->imm, false);
}

static void op_shld_cl(CPUX86State *env, const X86Insn *in)
{
    shld_shrd(env, in, (uint8_t)env->regs[R_ECX], false);
}

static void op_shrd_imm(CPUX86State *env, const X86Insn *in)
{
    shld_shrd(env, in, (unsigned)in->imm, true);
}

static void op_shrd_cl(CPUX86State *env, const X86Insn *in)
{
    shld_shrd(env, in, (uint8_t)env->regs[R_ECX], true);
}

/* ---- registration ---- */

void x86_int_ops2_init(void);

void x86_int_ops_init(void)
{
    int i;

    for (i = 0; i < 8; i++) {
        unsigned base = i << 3;

        /* CMP does not write its operand: LOCK CMP is #UD. */
        uint32_t lock = i == ALU_CMP ? 0 : OPF_LOCK;

        x86_op_set_variants(0, base + 0, OPM_ANY, OPM_ANY, OPM_ANY, OPM_ANY,
                            alu_eg[i], OPF_MODRM | OPF_BYTE | lock);
        x86_op_set_variants(0, base + 1, OPM_ANY, OPM_ANY, OPM_ANY, OPM_ANY,
                            alu_eg[i], OPF_MODRM | lock);
        x86_op_set_variants(0, base + 2, OPM_ANY, OPM_ANY, OPM_ANY, OPM_ANY,
                            alu_ge[i], OPF_MODRM | OPF_BYTE);
        x86_op_set_variants(0, base + 3, OPM_ANY, OPM_ANY, OPM_ANY, OPM_ANY,
                            alu_ge[i], OPF_MODRM);
        x86_op_set_variants(0, base + 4, OPM_ANY, OPM_ANY, OPM_ANY, OPM_ANY,
                            alu_ai[i], OPF_BYTE | OPF_IMMZ);
        x86_op_set_variants(0, base + 5, OPM_ANY, OPM_ANY, OPM_ANY, OPM_ANY,
                            alu_ai[i], OPF_IMMZ);
        x86_op_set_variants(0, 0x80, OPM_ANY, i, OPM_ANY, OPM_ANY, alu_ei[i],
                            OPF_MODRM | OPF_BYTE | OPF_IMMZ | lock);
        x86_op_set_variants(0, 0x81, OPM_ANY, i, OPM_ANY, OPM_ANY, alu_ei[i],
                            OPF_MODRM | OPF_IMMZ | lock);
        x86_op_set_variants(0, 0x82, OPM_ANY, i, OPM_ANY, OPM_ANY, alu_ei[i],
                            OPF_MODRM | OPF_BYTE | OPF_IMMZ | lock |
                            OPF_NO64);
        x86_op_set_variants(0, 0x83, OPM_ANY, i, OPM_ANY, OPM_ANY, alu_ei[i],
                            OPF_MODRM | OPF_IMM8 | lock);
    }
    for (i = 0; i < 8; i++) {
        x86_op(0, 0x40 + i, op_inc_r, 0);
        x86_op(0, 0x48 + i, op_dec_r, 0);
    }
    x86_op_grp(0, 0xfe, 0, op_inc_E, OPF_BYTE | OPF_LOCK);
    x86_op_grp(0, 0xfe, 1, op_dec_E, OPF_BYTE | OPF_LOCK);
    x86_op_grp(0, 0xff, 0, op_inc_E, OPF_LOCK);
    x86_op_grp(0, 0xff, 1, op_dec_E, OPF_LOCK);

    x86_op(0, 0x84, op_test_EG, OPF_MODRM | OPF_BYTE);
    x86_op(0, 0x85, op_test_EG, OPF_MODRM);
    x86_op(0, 0xa8, op_test_AI, OPF_BYTE | OPF_IMMZ);
    x86_op(0, 0xa9, op_test_AI, OPF_IMMZ);
    x86_op_grp(0, 0xf6, 0, op_test_EI, OPF_BYTE | OPF_IMMZ);
    x86_op_grp(0, 0xf6, 1, op_test_EI, OPF_BYTE | OPF_IMMZ);
    x86_op_grp(0, 0xf6, 2, op_not_E, OPF_BYTE | OPF_LOCK);
    x86_op_grp(0, 0xf6, 3, op_neg_E, OPF_BYTE | OPF_LOCK);
    x86_op_grp(0, 0xf6, 4, op_mul_E, OPF_BYTE);
    x86_op_grp(0, 0xf6, 5, op_imul_E, OPF_BYTE);
    x86_op_grp(0, 0xf6, 6, op_div_E, OPF_BYTE);
    x86_op_grp(0, 0xf6, 7, op_idiv_E, OPF_BYTE);
    x86_op_grp(0, 0xf7, 0, op_test_EI, OPF_IMMZ);
    x86_op_grp(0, 0xf7, 1, op_test_EI, OPF_IMMZ);
    x86_op_grp(0, 0xf7, 2, op_not_E, OPF_LOCK);
    x86_op_grp(0, 0xf7, 3, op_neg_E, OPF_LOCK);
    x86_op_grp(0, 0xf7, 4, op_mul_E, 0);
    x86_op_grp(0, 0xf7, 5, op_imul_E, 0);
    x86_op_grp(0, 0xf7, 6, op_div_E, 0);
    x86_op_grp(0, 0xf7, 7, op_idiv_E, 0);
    x86_op_set_variants(1, 0xaf, OPM_ANY, OPM_ANY, OPM_ANY, OPM_ANY,
                        op_imul_ge_v, OPF_MODRM);
    x86_op_set_variants(0, 0x69, OPM_ANY, OPM_ANY, OPM_ANY, OPM_ANY,
                        op_imul_gei_v, OPF_MODRM | OPF_IMMZ);
    x86_op_set_variants(0, 0x6b, OPM_ANY, OPM_ANY, OPM_ANY, OPM_ANY,
                        op_imul_gei_v, OPF_MODRM | OPF_IMM8);

    {
        static const struct {
            int kind;
            const X86InsnFn *imm, *one, *cl;
        } fast[] = {
            { 0, op_rol_imm_v, op_rol_one_v, op_rol_cl_v },
            { 1, op_ror_imm_v, op_ror_one_v, op_ror_cl_v },
            { 4, op_shl_imm_v, op_shl_one_v, op_shl_cl_v },
            { 6, op_shl_imm_v, op_shl_one_v, op_shl_cl_v },
            { 5, op_shr_imm_v, op_shr_one_v, op_shr_cl_v },
            { 7, op_sar_imm_v, op_sar_one_v, op_sar_cl_v },
        };

        for (i = 0; i < (int)G_N_ELEMENTS(fast); i++) {
            int k = fast[i].kind;

            x86_op_set_variants(0, 0xc0, OPM_ANY, k, OPM_ANY, OPM_ANY,
                                fast[i].imm, OPF_MODRM | OPF_BYTE | OPF_IMM8U);
            x86_op_set_variants(0, 0xc1, OPM_ANY, k, OPM_ANY, OPM_ANY,
                                fast[i].imm, OPF_MODRM | OPF_IMM8U);
            x86_op_set_variants(0, 0xd0, OPM_ANY, k, OPM_ANY, OPM_ANY,
                                fast[i].one, OPF_MODRM | OPF_BYTE);
            x86_op_set_variants(0, 0xd1, OPM_ANY, k, OPM_ANY, OPM_ANY,
                                fast[i].one, OPF_MODRM);
            x86_op_set_variants(0, 0xd2, OPM_ANY, k, OPM_ANY, OPM_ANY,
                                fast[i].cl, OPF_MODRM | OPF_BYTE);
            x86_op_set_variants(0, 0xd3, OPM_ANY, k, OPM_ANY, OPM_ANY,
                                fast[i].cl, OPF_MODRM);
        }
    }
    /* RCL, RCR: the generic handlers. */
    for (i = 2; i < 4; i++) {
        x86_op_grp(0, 0xc0, i, op_shift_imm, OPF_BYTE | OPF_IMM8U);
        x86_op_grp(0, 0xc1, i, op_shift_imm, OPF_IMM8U);
        x86_op_grp(0, 0xd0, i, op_shift_1, OPF_BYTE);
        x86_op_grp(0, 0xd1, i, op_shift_1, 0);
        x86_op_grp(0, 0xd2, i, op_shift_cl, OPF_BYTE);
        x86_op_grp(0, 0xd3, i, op_shift_cl, 0);
    }
    x86_op(1, 0xa4, op_shld_imm, OPF_MODRM | OPF_IMM8U);
    x86_op(1, 0xa5, op_shld_cl, OPF_MODRM);
    x86_op(1, 0xac, op_shrd_imm, OPF_MODRM | OPF_IMM8U);
    x86_op(1, 0xad, op_shrd_cl, OPF_MODRM);

    x86_int_ops2_init();
}
