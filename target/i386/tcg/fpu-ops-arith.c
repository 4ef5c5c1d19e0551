/*
 * fpu-ops-arith.c: x87 arithmetic, comparison and the D9 E0-FF group.
 *
 * D8 (m32fp / ST(i)), DC (m64fp / reversed register forms), DA (m32int,
 * FCMOVcc), DE (m16int / popping register forms): ModRM.reg selects
 * ADD MUL COM COMP SUB SUBR DIV DIVR.  In the DC and DE register forms
 * the destination is ST(i), and the Intel mnemonics swap SUB/SUBR and
 * DIV/DIVR relative to the reg field (DC E0+i is FSUBR ST(i), ST0:
 * ST(i) = ST0 - ST(i)), which is the same operation as reg 4 of D8 seen
 * from the destination's side; the table below is written from the
 * destination's side.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/fpu-internal.h"

enum { A_ADD, A_MUL, A_COM, A_COMP, A_SUB, A_SUBR, A_DIV, A_DIVR };

/* dest = dest op src. */
static FPReg arith(FPCtx *c, int op, FPReg dest, FPReg src)
{
    switch (op) {
    case A_ADD: return fp_add(c, dest, src);
    case A_MUL: return fp_mul(c, dest, src);
    case A_SUB: return fp_sub(c, dest, src);
    case A_SUBR: return fp_sub(c, src, dest);
    case A_DIV: return fp_div(c, dest, src);
    default: return fp_div(c, src, dest);
    }
}

static void finish(CPUX86State *env, const X86Insn *in)
{
    env->eip = in->next_eip;
}

/* The condition codes of a comparison result (0 <, 1 =, 2 >, 3 unord.). */
static const uint16_t cmp_cc[4] = {
    FPUS_C0, FPUS_C3, 0, FPUS_C0 | FPUS_C2 | FPUS_C3
};

static void set_cc(CPUX86State *env, uint16_t cc)
{
    env->fpus = (env->fpus & ~FPUS_CC) | cc;
}

/*
 * FCOM/FUCOM family on ST0 and b (b_empty: the source register is
 * empty), popping pops times; eflags: the FCOMI form (ZF PF CF).
 * load_sw: flags of the memory operand's conversion.  The result is
 * reported even when the invalid (or denormal) exception is unmasked,
 * as "unordered" for a stack underflow (measured); then nothing pops.
 * C1 is cleared by FCOM, kept by FCOMI (measured).
 */
static void do_compare_sw(CPUX86State *env, const X86Insn *in, FPReg b,
                          bool b_empty, bool quiet, int pops, bool eflags,
                          uint16_t load_sw)
{
    static const uint32_t cmp_flags[4] = {
        CC_C, CC_Z, 0, CC_Z | CC_P | CC_C
    };
    bool fault;
    int rel;

    if (fpu_empty(env, 0) || b_empty) {
        fault = !fpu_underflow(env);
        rel = 3;
    } else {
        FPCtx c = fpu_ctx(env);

        c.sw = load_sw;
        rel = fp_compare(&c, *fpu_st(env, 0), b, quiet);
        env->fpus |= c.sw & FPUS_EXC;
        fpu_update_es(env);
        fault = fp_unmasked_fault(&c);
    }
    if (eflags) {
        set_eflags_cc(env, cmp_flags[rel]);
    } else {
        set_cc(env, cmp_cc[rel]);
    }
    while (!fault && pops--) {
        fpu_pop(env);
    }
    finish(env, in);
}

static void do_compare(CPUX86State *env, const X86Insn *in, FPReg b,
                       bool b_empty, bool quiet, int pops, bool eflags)
{
    do_compare_sw(env, in, b, b_empty, quiet, pops, eflags, 0);
}

/* ST(d) = ST(d) op src for a memory source (already converted in c). */
static void do_arith_mem(CPUX86State *env, const X86Insn *in, int op,
                         FPCtx *c, FPReg src)
{
    FPReg r;

    /*
     * A denormal binary32/64 source (DE from the conversion) counts only
     * when the operation reaches the denormal check: not with a NaN or
     * unsupported ST0, nor when ST0 is the zero divisor (ZE alone).
     */
    if (!fpu_empty(env, 0)) {
        FPReg a = *fpu_st(env, 0);

        if (fp_is_nan(a) || fp_is_unsupported(a) || fp_is_nan(src) ||
            (op == A_DIVR && fp_is_zero(a))) {
            c->sw &= ~FPUS_DE;
        }
    }
    if (op == A_COM || op == A_COMP) {
        do_compare_sw(env, in, src, false, false, op == A_COMP, false,
                      c->sw & FPUS_EXC);
        return;
    }
    if (fpu_empty(env, 0)) {
        if (fpu_underflow(env)) {
            fpu_set_st(env, 0, fp_indefinite());
        }
        finish(env, in);
        return;
    }
    if (!fp_unmasked_fault(c)) {
        r = arith(c, op, *fpu_st(env, 0), src);
        if (!fp_unmasked_fault(c)) {
            fpu_set_st(env, 0, r);
        }
    }
    fpu_merge(env, c);
    finish(env, in);
}

/* D8 m32fp, DC m64fp, DA m32int, DE m16int. */
static void op_arith_mem(CPUX86State *env, const X86Insn *in)
{
    int op = (in->modrm >> 3) & 7;
    uint64_t la;
    FPCtx c;
    FPReg src;

    fpu_begin(env, in, false);
    la = insn_la(env, in);
    c = fpu_ctx(env);
    switch (in->op) {
    case 0xd8: src = fp_from_f32_raw(&c, cpu_ldl(env, la)); break;
    case 0xdc: src = fp_from_f64_raw(&c, cpu_ldq(env, la)); break;
    case 0xda: src = fp_from_int((int32_t)cpu_ldl(env, la)); break;
    default: src = fp_from_int((int16_t)cpu_lduw(env, la)); break;
    }
    do_arith_mem(env, in, op, &c, src);
}

/* ST(d) = ST(d) op ST(s), then pop if asked. */
static void do_arith_reg(CPUX86State *env, const X86Insn *in, int op, int d,
                         int s, bool pop)
{
    FPCtx c;
    FPReg r;

    if (fpu_empty(env, d) || fpu_empty(env, s)) {
        if (fpu_underflow(env)) {
            fpu_set_st(env, d, fp_indefinite());
            if (pop) {
                fpu_pop(env);
            }
        }
        finish(env, in);
        return;
    }
    c = fpu_ctx(env);
    r = arith(&c, op, *fpu_st(env, d), *fpu_st(env, s));
    fpu_merge(env, &c);
    if (!fp_unmasked_fault(&c)) {
        fpu_set_st(env, d, r);
        if (pop) {
            fpu_pop(env);
        }
    }
    finish(env, in);
}

/* D8 register: ST0 = ST0 op ST(i); FCOM/FCOMP ST(i). */
static void op_d8_reg(CPUX86State *env, const X86Insn *in)
{
    int op = (in->modrm >> 3) & 7, i = in->modrm & 7;

    fpu_begin(env, in, false);
    if (op == A_COM || op == A_COMP) {
        do_compare(env, in, *fpu_st(env, i), fpu_empty(env, i), false,
                   op == A_COMP, false);
        return;
    }
    do_arith_reg(env, in, op, 0, i, false);
}

/* From the destination ST(i)'s side: DC/DE reg 4..7 are SUBR SUB DIVR DIV. */
static const uint8_t rev_op[8] = {
    A_ADD, A_MUL, A_COM, A_COMP, A_SUBR, A_SUB, A_DIVR, A_DIV
};

/* DC register: ST(i) = ST(i) op ST0; DC D0/D8 are FCOM/FCOMP aliases. */
static void op_dc_reg(CPUX86State *env, const X86Insn *in)
{
    int op = (in->modrm >> 3) & 7, i = in->modrm & 7;

    fpu_begin(env, in, false);
    if (op == A_COM || op == A_COMP) {
        do_compare(env, in, *fpu_st(env, i), fpu_empty(env, i), false,
                   op == A_COMP, false);
        return;
    }
    do_arith_reg(env, in, rev_op[op], i, 0, false);
}

/* DE register: the popping forms; DE D0+i FCOMP alias, DE D9 FCOMPP. */
static void op_de_reg(CPUX86State *env, const X86Insn *in)
{
    int op = (in->modrm >> 3) & 7, i = in->modrm & 7;

    if (op == A_COMP && i != 1) {
        x86_op_ud(env, in);
    }
    fpu_begin(env, in, false);
    if (op == A_COM || op == A_COMP) {
        do_compare(env, in, *fpu_st(env, i), fpu_empty(env, i), false,
                   op == A_COMP ? 2 : 1, false);
        return;
    }
    do_arith_reg(env, in, rev_op[op], i, 0, true);
}

/* DA register: FCMOVB/E/BE/U, DA E9 FUCOMPP. */
static void op_da_reg(CPUX86State *env, const X86Insn *in)
{
    int op = (in->modrm >> 3) & 7;

    if (op < 4) {
        x86_fpu_fcmov(env, in);
    } else if (op == 5 && (in->modrm & 7) == 1) {
        fpu_begin(env, in, false);
        do_compare(env, in, *fpu_st(env, 1), fpu_empty(env, 1), true, 2,
                   false);
    } else {
        x86_op_ud(env, in);
    }
}

static bool has_cmov(CPUX86State *env)
{
    return fpu_has(env, FEAT_1_EDX, CPUID_CMOV);
}

/* DA/DB C0-DF: FCMOVcc ST0, ST(i) on the EFLAGS condition. */
void x86_fpu_fcmov(CPUX86State *env, const X86Insn *in)
{
    static const uint8_t cond[2][4] = {
        { 0x2, 0x4, 0x6, 0xa },     /* B, E, BE, P */
        { 0x3, 0x5, 0x7, 0xb },     /* NB, NE, NBE, NP */
    };
    int i = in->modrm & 7;
    bool take;

    if (!has_cmov(env)) {
        x86_op_ud(env, in);
    }
    fpu_begin(env, in, false);
    take = cc_test(env, cond[in->op == 0xdb][(in->modrm >> 3) & 3]);
    if (fpu_empty(env, 0) || fpu_empty(env, i)) {
        /* the masked response, whatever the condition */
        if (fpu_underflow(env)) {
            fpu_set_st(env, 0, fp_indefinite());
        }
        finish(env, in);
        return;
    }
    if (take) {
        fpu_set_st(env, 0, *fpu_st(env, i));     /* C1 kept (measured) */
    }
    finish(env, in);
}

/*
 * DD E0/E8 FUCOM(P) ST(i), DB E8/F0 FUCOMI/FCOMI, DF E8/F0
 * FUCOMIP/FCOMIP.
 */
void x86_fpu_compare_reg(CPUX86State *env, const X86Insn *in)
{
    int op = (in->modrm >> 3) & 7, i = in->modrm & 7;
    bool eflags = in->op != 0xdd;

    if (eflags && !has_cmov(env)) {
        x86_op_ud(env, in);
    }
    fpu_begin(env, in, false);
    if (!eflags) {
        do_compare(env, in, *fpu_st(env, i), fpu_empty(env, i), true,
                   op == 5, false);
        return;
    }
    do_compare(env, in, *fpu_st(env, i), fpu_empty(env, i), op == 5,
               in->op == 0xdf, true);
}

/* ---- the D9 E0-FF group ---- */

typedef FPReg (*UnaryFn)(FPCtx *c, FPReg a);
typedef FPReg (*BinaryFn)(FPCtx *c, FPReg x, FPReg y);

/* ST0 = fn(ST0). */
static void do_unary(CPUX86State *env, const X86Insn *in, UnaryFn fn)
{
    FPCtx c;
    FPReg r;

    if (fpu_empty(env, 0)) {
        if (fpu_underflow(env)) {
            fpu_set_st(env, 0, fp_indefinite());
        }
        finish(env, in);
        return;
    }
    c = fpu_ctx(env);
    r = fn(&c, *fpu_st(env, 0));
    fpu_merge(env, &c);
    if (!fp_unmasked_fault(&c)) {
        fpu_set_st(env, 0, r);
    }
    finish(env, in);
}

/* ST1 = fn(ST0, ST1) then pop (pop: FYL2X, FPATAN...), or ST0 = fn(ST0,
 * ST1) without (FSCALE). */
static void do_binary(CPUX86State *env, const X86Insn *in, BinaryFn fn,
                      bool pop)
{
    int d = pop ? 1 : 0;
    FPCtx c;
    FPReg r;

    if (fpu_empty(env, 0) || fpu_empty(env, 1)) {
        if (fpu_underflow(env)) {
            fpu_set_st(env, d, fp_indefinite());
            if (pop) {
                fpu_pop(env);
            }
        }
        finish(env, in);
        return;
    }
    c = fpu_ctx(env);
    r = fn(&c, *fpu_st(env, 0), *fpu_st(env, 1));
    fpu_merge(env, &c);
    if (!fp_unmasked_fault(&c)) {
        fpu_set_st(env, d, r);
        if (pop) {
            fpu_pop(env);
        }
    }
    finish(env, in);
}

static FPReg chs(FPCtx *c, FPReg a)
{
    a.exp ^= 0x8000;
    return a;
}

static FPReg fabs_(FPCtx *c, FPReg a)
{
    a.exp &= 0x7fff;
    return a;
}

static FPReg scale(FPCtx *c, FPReg x, FPReg y)
{
    return fp_scale(c, x, y);
}

static void do_ftst(CPUX86State *env, const X86Insn *in)
{
    do_compare(env, in, fp_make(0, 0, 0), false, false, 0, false);
}

static void do_fxam(CPUX86State *env, const X86Insn *in)
{
    set_cc(env, fp_examine(*fpu_st(env, 0), fpu_empty(env, 0)));
    finish(env, in);
}

static void do_fldconst(CPUX86State *env, const X86Insn *in, unsigned idx)
{
    if (env->fptags[(env->fpstt - 1) & 7]) {
        env->fpus &= ~FPUS_C1;
    }
    fpu_push(env, fp_const(idx, (env->fpuc & FPUC_RC) >> FPUC_RC_SHIFT));
    finish(env, in);
}

/*
 * Instructions replacing ST0 and pushing a second result (FPTAN,
 * FSINCOS, FXTRACT): kind 0 tan, 1 sincos, 2 xtract.
 */
static void do_two_results(CPUX86State *env, const X86Insn *in, int kind)
{
    FPCtx c;
    FPReg r0, r1;
    bool in_range = true;

    if (fpu_empty(env, 0) || !env->fptags[(env->fpstt - 1) & 7]) {
        bool masked = fpu_empty(env, 0) ? fpu_underflow(env)
                                        : fpu_overflow(env);

        if (masked) {
            /* both results are the indefinite, the push overwrites */
            fpu_set_st(env, 0, fp_indefinite());
            env->fpstt = (env->fpstt - 1) & 7;
            fpu_set_st(env, 0, fp_indefinite());
        }
        finish(env, in);
        return;
    }
    c = fpu_ctx(env);
    switch (kind) {
    case 0:
        in_range = fp_tan(&c, *fpu_st(env, 0), &r0);
        r1 = fp_make(0, FP_BIAS, FP_INT_BIT);
        break;
    case 1:
        in_range = fp_sincos(&c, *fpu_st(env, 0), &r0, &r1);
        break;
    default:
        r0 = fp_xtract(&c, *fpu_st(env, 0), &r1);
        break;
    }
    if (!in_range) {
        env->fpus = (env->fpus & ~FPUS_C1) | FPUS_C2;
        finish(env, in);
        return;
    }
    if (kind != 2) {
        env->fpus &= ~FPUS_C2;      /* FXTRACT leaves C2 undefined */
    }
    fpu_merge(env, &c);
    if (!fp_unmasked_fault(&c)) {
        fpu_set_st(env, 0, r0);
        fpu_push(env, r1);
    }
    finish(env, in);
}

/* FSIN / FCOS. */
static void do_trig(CPUX86State *env, const X86Insn *in, bool cosine)
{
    FPCtx c;
    FPReg s, co;

    if (fpu_empty(env, 0)) {
        if (fpu_underflow(env)) {
            fpu_set_st(env, 0, fp_indefinite());
        }
        finish(env, in);
        return;
    }
    c = fpu_ctx(env);
    if (!fp_sincos(&c, *fpu_st(env, 0), &s, &co)) {
        env->fpus = (env->fpus & ~FPUS_C1) | FPUS_C2;
        finish(env, in);
        return;
    }
    env->fpus &= ~FPUS_C2;
    fpu_merge(env, &c);
    if (!fp_unmasked_fault(&c)) {
        fpu_set_st(env, 0, cosine ? co : s);
    }
    finish(env, in);
}

static void do_prem(CPUX86State *env, const X86Insn *in, bool ieee)
{
    FPCtx c;
    FPReg r;
    uint16_t cc, ccmask;

    if (fpu_empty(env, 0) || fpu_empty(env, 1)) {
        if (fpu_underflow(env)) {
            fpu_set_st(env, 0, fp_indefinite());
        }
        env->fpus &= ~FPUS_C2;
        finish(env, in);
        return;
    }
    c = fpu_ctx(env);
    r = fp_prem(&c, *fpu_st(env, 0), *fpu_st(env, 1), ieee, &cc, &ccmask);
    fpu_merge(env, &c);
    env->fpus = (env->fpus & ~ccmask) | cc;     /* even unmasked */
    if (!fp_unmasked_fault(&c)) {
        fpu_set_st(env, 0, r);
    }
    finish(env, in);
}

static void do_stack_step(CPUX86State *env, const X86Insn *in, int delta)
{
    env->fpstt = (env->fpstt + delta) & 7;
    env->fpus &= ~FPUS_C1;
    finish(env, in);
}

void x86_fpu_d9_group(CPUX86State *env, const X86Insn *in)
{
    unsigned sub = in->modrm & 0x1f;    /* E0-FF: 0..31 */

    switch (sub) {
    case 0x02: case 0x03: case 0x06: case 0x07: case 0x0f:
        x86_op_ud(env, in);
        return;
    default:
        break;
    }
    fpu_begin(env, in, false);
    switch (sub) {
    case 0x00: do_unary(env, in, chs); break;
    case 0x01: do_unary(env, in, fabs_); break;
    case 0x04: do_ftst(env, in); break;
    case 0x05: do_fxam(env, in); break;
    case 0x08: case 0x09: case 0x0a: case 0x0b: case 0x0c: case 0x0d:
    case 0x0e:
        do_fldconst(env, in, sub - 0x08);
        break;
    case 0x10: do_unary(env, in, fp_f2xm1); break;
    case 0x11: do_binary(env, in, fp_yl2x, true); break;
    case 0x12: do_two_results(env, in, 0); break;
    case 0x13: do_binary(env, in, fp_patan, true); break;
    case 0x14: do_two_results(env, in, 2); break;
    case 0x15: do_prem(env, in, true); break;
    case 0x16: do_stack_step(env, in, -1); break;
    case 0x17: do_stack_step(env, in, 1); break;
    case 0x18: do_prem(env, in, false); break;
    case 0x19: do_binary(env, in, fp_yl2xp1, true); break;
    case 0x1a: do_unary(env, in, fp_sqrt); break;
    case 0x1b: do_two_results(env, in, 1); break;
    case 0x1c: do_unary(env, in, fp_round_int); break;
    case 0x1d: do_binary(env, in, scale, false); break;
    case 0x1e: do_trig(env, in, false); break;
    default: do_trig(env, in, true); break;
    }
}

void x86_fpu_arith_ops_init(void)
{
    static const uint8_t mem_ops[] = { 0xd8, 0xda, 0xdc, 0xde };

    for (size_t i = 0; i < ARRAY_SIZE(mem_ops); i++) {
        x86_fpu_set_escape(mem_ops[i], false, op_arith_mem);
    }
    x86_fpu_set_escape(0xd8, true, op_d8_reg);
    x86_fpu_set_escape(0xda, true, op_da_reg);
    x86_fpu_set_escape(0xdc, true, op_dc_reg);
    x86_fpu_set_escape(0xde, true, op_de_reg);
}
