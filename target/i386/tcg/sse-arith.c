/*
 * sse-arith.c: SSE/SSE2/SSE3/SSE4.1 floating-point arithmetic.
 *
 * The floating-point core: one element of a basic operation is done by
 * the host's IEEE arithmetic (correctly rounded in the rounding mode set
 * from MXCSR.RC; flags read back with fetestexcept(), per element when
 * an exception is unmasked or FTZ is on, else once per instruction).
 * All the x86-specific parts are software (SDM vol. 1 4.8.3, 11.5):
 *
 * - DAZ replaces denormal sources by zeros of the same sign before use;
 * - NaN sources: the first NaN source (destination first) is returned
 *   quieted, IE when any source is an SNaN; an invalid operation on
 *   non-NaNs returns the QNaN indefinite (sign set);
 * - DE is raised for a denormal source when DAZ is off, unless the
 *   element raised IE or ZE (they take precedence, SDM 11.5.2);
 * - tininess is detected after rounding (the host flags it so); with FTZ
 *   (or an unmasked underflow) a tiny result raises UE even when exact;
 *   FTZ returns a zero of the result's sign and adds PE.
 *
 * The volatile temporaries keep the compiler from moving or folding the
 * operations across the fenv calls (no -frounding-math in this build).
 */
#include "qemu/osdep.h"
#include <fenv.h>
#include <math.h>
#include "target/i386/tcg/sse-internal.h"

/* ---- format helpers ---- */

static inline uint64_t fmt_sign(bool dbl)
{
    return dbl ? 0x8000000000000000ull : 0x80000000ull;
}

static inline uint64_t fmt_exp(bool dbl)
{
    return dbl ? 0x7ff0000000000000ull : 0x7f800000ull;
}

static inline uint64_t fmt_frac(bool dbl)
{
    return dbl ? 0x000fffffffffffffull : 0x007fffffull;
}

static inline uint64_t fmt_qbit(bool dbl)
{
    return dbl ? 0x0008000000000000ull : 0x00400000ull;
}

static inline uint64_t fmt_default_nan(bool dbl)
{
    return dbl ? 0xfff8000000000000ull : 0xffc00000ull;
}

bool sse_fp_is_nan(uint64_t a, bool dbl)
{
    return (a & fmt_exp(dbl)) == fmt_exp(dbl) && (a & fmt_frac(dbl));
}

bool sse_fp_is_snan(uint64_t a, bool dbl)
{
    return sse_fp_is_nan(a, dbl) && !(a & fmt_qbit(dbl));
}

bool sse_fp_is_denormal(uint64_t a, bool dbl)
{
    return !(a & fmt_exp(dbl)) && (a & fmt_frac(dbl));
}

static bool is_inf(uint64_t a, bool dbl)
{
    return (a & ~fmt_sign(dbl)) == fmt_exp(dbl);
}

static bool is_zero(uint64_t a, bool dbl)
{
    return !(a & ~fmt_sign(dbl));
}

uint64_t sse_fp_quiet(uint64_t a, bool dbl)
{
    return a | fmt_qbit(dbl);
}

uint64_t sse_fp_daz(const SseFp *f, uint64_t a, bool dbl)
{
    if ((f->mx & MXCSR_DAZ) && sse_fp_is_denormal(a, dbl)) {
        return a & fmt_sign(dbl);
    }
    return a;
}

double sse_fp_val(uint64_t a, bool dbl)
{
    if (dbl) {
        double d;
        memcpy(&d, &a, 8);
        return d;
    } else {
        uint32_t l = a;
        float s;
        memcpy(&s, &l, 4);
        return s;
    }
}

static uint32_t host_flags(int e)
{
    uint32_t f = 0;

    if (e & FE_INVALID) {
        f |= MXCSR_IE;
    }
    if (e & FE_DIVBYZERO) {
        f |= MXCSR_ZE;
    }
    if (e & FE_OVERFLOW) {
        f |= MXCSR_OE;
    }
    if (e & FE_UNDERFLOW) {
        f |= MXCSR_UE;
    }
    if (e & FE_INEXACT) {
        f |= MXCSR_PE;
    }
    return f;
}

static const int host_round[4] = {
    FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO
};

void sse_fp_begin(SseFp *f, uint32_t mxcsr)
{
    f->mx = mxcsr;
    f->flags = 0;
    f->batch = (mxcsr & MXCSR_MASKS) == MXCSR_MASKS && !(mxcsr & MXCSR_FTZ);
    /* The host runs in round to nearest outside these brackets. */
    if (mxcsr & MXCSR_RC) {
        fesetround(host_round[(mxcsr & MXCSR_RC) >> MXCSR_RC_SHIFT]);
    }
    if (f->batch) {
        feclearexcept(FE_ALL_EXCEPT);
    }
}

void sse_fp_end(SseFp *f, uint32_t *mxcsr)
{
    if (f->batch) {
        f->flags |= host_flags(fetestexcept(FE_ALL_EXCEPT));
    }
    if (f->mx & MXCSR_RC) {
        fesetround(FE_TONEAREST);
    }
    *mxcsr |= f->flags;
}

/* Does the double v need more than bits significant bits? */
static bool needs_more_bits(double v, int bits)
{
    int e;
    double t = ldexp(frexp(v, &e), bits);

    return t != trunc(t);
}

/* x + y is not exact (round to nearest; no overflow at this scale). */
static bool sum_inexact(double x, double y, bool dbl)
{
    double s, bp, err;

    if (!dbl) {
        /* Floats add exactly in a double when their exponents are close;
         * the TwoSum error covers the other case. */
        s = x + y;
        bp = s - x;
        err = (x - (s - bp)) + (y - bp);
        return err != 0 || needs_more_bits(s, 24);
    } else {
        int ex, ey, m;

        frexp(x, &ex);
        frexp(y, &ey);
        if (x == 0 || y == 0) {
            return false;
        }
        if (abs(ex - ey) > 60) {
            return true;        /* the smaller one is below the last bit */
        }
        m = MAX(ex, ey);
        x = ldexp(x, -m);
        y = ldexp(y, -m);
        s = x + y;
        bp = s - x;
        err = (x - (s - bp)) + (y - bp);
        return err != 0;
    }
}

/*
 * With an unmasked overflow or underflow no result is delivered and PE
 * reports whether the result rounded to the format's precision with an
 * unbounded exponent is inexact (not whether the bounded one is).  The
 * operation is redone on operands scaled to a safe range, in round to
 * nearest (exactness does not depend on the rounding mode).
 */
static bool unbounded_inexact(int op, uint64_t a, uint64_t b, bool dbl)
{
    double x = sse_fp_val(a, dbl || op == FOP_CVT), y = sse_fp_val(b, dbl);
    int ex, ey;
    bool r;

    fesetround(FE_TONEAREST);
    switch (op) {
    case FOP_ADD:
    case FOP_SUB:
        /* A tiny sum is always exact; only overflow gets here inexact. */
        r = sum_inexact(x, op == FOP_SUB ? -y : y, dbl);
        break;
    case FOP_MUL: {
        double mx = frexp(x, &ex), my = frexp(y, &ey), p = mx * my;
        r = dbl ? fma(mx, my, -p) != 0 : needs_more_bits(p, 24);
        break;
    }
    case FOP_DIV: {
        double mx = frexp(x, &ex), my = frexp(y, &ey);
        if (dbl) {
            double q = mx / my;
            r = fma(-q, my, mx) != 0;
        } else {
            float qf = (float)mx / (float)my;
            r = fmaf(-qf, (float)my, (float)mx) != 0;
        }
        break;
    }
    default:                    /* FOP_CVT: double to single */
        r = needs_more_bits(x, 24);
        break;
    }
    return r;
}

uint64_t sse_fp_post(SseFp *f, uint64_t r, int e, bool dbl, int op,
                     uint64_t a, uint64_t b)
{
    uint32_t fl = host_flags(e);
    uint32_t unmasked = ~(f->mx >> MXCSR_MASK_SHIFT);
    bool tiny = (fl & MXCSR_UE) || sse_fp_is_denormal(r, dbl);

    if (sse_fp_is_nan(r, dbl)) {
        r = fmt_default_nan(dbl);
    }
    if (tiny) {
        if (unmasked & MXCSR_UE) {
            fl |= MXCSR_UE;
        } else if (f->mx & MXCSR_FTZ) {
            r &= fmt_sign(dbl);
            fl |= MXCSR_UE | MXCSR_PE;
        }
    }
    if (fl & unmasked & (MXCSR_OE | MXCSR_UE)) {
        int rm = fegetround();

        fl &= ~MXCSR_PE;
        if (unbounded_inexact(op, a, b, dbl)) {
            fl |= MXCSR_PE;
        }
        fesetround(rm);
    }
    f->flags |= fl;
    return r;
}

uint64_t sse_fp_op(SseFp *f, int op, uint64_t a, uint64_t b, bool dbl)
{
    int e;
    uint64_t r;
    bool den;

    a = sse_fp_daz(f, a, dbl);
    b = sse_fp_daz(f, b, dbl);
    if (op == FOP_SQRT) {
        b = 0;
    }
    if (sse_fp_is_nan(a, dbl) || sse_fp_is_nan(b, dbl)) {
        if (sse_fp_is_snan(a, dbl) || sse_fp_is_snan(b, dbl)) {
            f->flags |= MXCSR_IE;
        }
        return sse_fp_quiet(sse_fp_is_nan(a, dbl) ? a : b, dbl);
    }
    den = sse_fp_is_denormal(a, dbl) || sse_fp_is_denormal(b, dbl);
    sse_fp_elem_begin(f);
    if (dbl) {
        volatile double x, y, z;
        memcpy((void *)&x, &a, 8);
        memcpy((void *)&y, &b, 8);
        switch (op) {
        case FOP_ADD: z = x + y; break;
        case FOP_SUB: z = x - y; break;
        case FOP_MUL: z = x * y; break;
        case FOP_DIV: z = x / y; break;
        default: z = __builtin_sqrt(x); break;
        }
        memcpy(&r, (void *)&z, 8);
    } else {
        volatile float x, y, z;
        uint32_t a32 = a, b32 = b, r32;
        memcpy((void *)&x, &a32, 4);
        memcpy((void *)&y, &b32, 4);
        switch (op) {
        case FOP_ADD: z = x + y; break;
        case FOP_SUB: z = x - y; break;
        case FOP_MUL: z = x * y; break;
        case FOP_DIV: z = x / y; break;
        default: z = __builtin_sqrtf(x); break;
        }
        memcpy(&r32, (void *)&z, 4);
        r = r32;
    }
    e = sse_fp_elem_end(f);
    /* IE (a NaN from non-NaN sources) and ZE take precedence over DE. */
    if (den && !sse_fp_is_nan(r, dbl) &&
        !(op == FOP_DIV && is_zero(b, dbl) && !is_inf(a, dbl))) {
        f->flags |= MXCSR_DE;
    }
    return sse_fp_post(f, r, e, dbl, op, a, b);
}

int sse_fp_compare(SseFp *f, uint64_t a, uint64_t b, bool dbl,
                   bool signaling)
{
    double x, y;

    a = sse_fp_daz(f, a, dbl);
    b = sse_fp_daz(f, b, dbl);
    if (sse_fp_is_nan(a, dbl) || sse_fp_is_nan(b, dbl)) {
        if (signaling || sse_fp_is_snan(a, dbl) || sse_fp_is_snan(b, dbl)) {
            f->flags |= MXCSR_IE;
        }
        return 3;
    }
    if (sse_fp_is_denormal(a, dbl) || sse_fp_is_denormal(b, dbl)) {
        f->flags |= MXCSR_DE;
    }
    x = sse_fp_val(a, dbl);
    y = sse_fp_val(b, dbl);
    return x < y ? 0 : x == y ? 1 : 2;
}

uint32_t sse_comis(uint64_t a, uint64_t b, bool dbl, bool signaling,
                   uint32_t *mxcsr)
{
    SseFp f = { *mxcsr, 0 };
    static const uint32_t cc[4] = { CC_C, CC_Z, 0, CC_Z | CC_P | CC_C };
    int r = sse_fp_compare(&f, a, b, dbl, signaling);

    *mxcsr |= f.flags;
    return cc[r];
}

/* ---- packed and scalar arithmetic ---- */

static void arith_ps(XMMReg *d, const XMMReg *s, uint32_t *mx, int op,
                     int n)
{
    SseFp f;
    int i;

    sse_fp_begin(&f, *mx);
    for (i = 0; i < n; i++) {
        d->l[i] = sse_fp_op(&f, op, d->l[i], s->l[i], false);
    }
    sse_fp_end(&f, mx);
}

static void arith_pd(XMMReg *d, const XMMReg *s, uint32_t *mx, int op,
                     int n)
{
    SseFp f;
    int i;

    sse_fp_begin(&f, *mx);
    for (i = 0; i < n; i++) {
        d->q[i] = sse_fp_op(&f, op, d->q[i], s->q[i], true);
    }
    sse_fp_end(&f, mx);
}

/*
 * SQRT: the source is s; packed forms write every element, scalar forms
 * only element 0.
 */
static void sqrt_ps(XMMReg *d, const XMMReg *s, uint32_t *mx, int n)
{
    SseFp f;
    int i;

    sse_fp_begin(&f, *mx);
    for (i = 0; i < n; i++) {
        d->l[i] = sse_fp_op(&f, FOP_SQRT, s->l[i], 0, false);
    }
    sse_fp_end(&f, mx);
}

static void sqrt_pd(XMMReg *d, const XMMReg *s, uint32_t *mx, int n)
{
    SseFp f;
    int i;

    sse_fp_begin(&f, *mx);
    for (i = 0; i < n; i++) {
        d->q[i] = sse_fp_op(&f, FOP_SQRT, s->q[i], 0, true);
    }
    sse_fp_end(&f, mx);
}

#define ARITH(name, op)                                                      \
void sse_##name##ps(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm) \
{                                                                            \
    arith_ps(d, s, mx, op, 4);                                               \
}                                                                            \
void sse_##name##ss(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm) \
{                                                                            \
    arith_ps(d, s, mx, op, 1);                                               \
}                                                                            \
void sse_##name##pd(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm) \
{                                                                            \
    arith_pd(d, s, mx, op, 2);                                               \
}                                                                            \
void sse_##name##sd(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm) \
{                                                                            \
    arith_pd(d, s, mx, op, 1);                                               \
}

ARITH(add, FOP_ADD)
ARITH(sub, FOP_SUB)
ARITH(mul, FOP_MUL)
ARITH(div, FOP_DIV)

void sse_sqrtps(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    sqrt_ps(d, s, mx, 4);
}

void sse_sqrtss(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    sqrt_ps(d, s, mx, 1);
}

void sse_sqrtpd(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    sqrt_pd(d, s, mx, 2);
}

void sse_sqrtsd(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    sqrt_pd(d, s, mx, 1);
}

/*
 * MIN/MAX (SDM: MINPS): dest = (a < b) ? a : b (MAX: a > b), so equal
 * values (+0 / -0) and any NaN give the second source; every NaN is
 * invalid (a signaling comparison).  DAZ flushes the value returned too.
 */
static uint64_t minmax(SseFp *f, uint64_t a, uint64_t b, bool dbl, bool max)
{
    int c;

    a = sse_fp_daz(f, a, dbl);
    b = sse_fp_daz(f, b, dbl);
    c = sse_fp_compare(f, a, b, dbl, true);
    if (c == 3) {
        return b;
    }
    if (max) {
        return c == 2 ? a : b;
    }
    return c == 0 ? a : b;
}

static void minmax_v(XMMReg *d, const XMMReg *s, uint32_t *mx, bool dbl,
                     int n, bool max)
{
    SseFp f;
    int i;

    sse_fp_begin(&f, *mx);
    for (i = 0; i < n; i++) {
        if (dbl) {
            d->q[i] = minmax(&f, d->q[i], s->q[i], true, max);
        } else {
            d->l[i] = minmax(&f, d->l[i], s->l[i], false, max);
        }
    }
    sse_fp_end(&f, mx);
}

void sse_minps(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    minmax_v(d, s, mx, false, 4, false);
}

void sse_minss(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    minmax_v(d, s, mx, false, 1, false);
}

void sse_minpd(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    minmax_v(d, s, mx, true, 2, false);
}

void sse_minsd(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    minmax_v(d, s, mx, true, 1, false);
}

void sse_maxps(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    minmax_v(d, s, mx, false, 4, true);
}

void sse_maxss(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    minmax_v(d, s, mx, false, 1, true);
}

void sse_maxpd(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    minmax_v(d, s, mx, true, 2, true);
}

void sse_maxsd(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    minmax_v(d, s, mx, true, 1, true);
}

/*
 * CMPPS & co.: the predicates 0-7 (EQ LT LE UNORD NEQ NLT NLE ORD); LT,
 * LE, NLT, NLE are signaling (any NaN is invalid), the others quiet.
 */
static bool cmp_pred(SseFp *f, uint64_t a, uint64_t b, bool dbl,
                     unsigned pred)
{
    static const bool signaling[8] = { 0, 1, 1, 0, 0, 1, 1, 0 };
    int c = sse_fp_compare(f, a, b, dbl, signaling[pred & 7]);

    switch (pred & 7) {
    case 0: return c == 1;
    case 1: return c == 0;
    case 2: return c == 0 || c == 1;
    case 3: return c == 3;
    case 4: return c != 1;
    case 5: return c != 0;
    case 6: return c != 0 && c != 1;
    default: return c != 3;
    }
}

static void cmp_v(XMMReg *d, const XMMReg *s, uint32_t *mx, bool dbl, int n,
                  unsigned imm)
{
    SseFp f;
    int i;

    sse_fp_begin(&f, *mx);
    for (i = 0; i < n; i++) {
        if (dbl) {
            d->q[i] = cmp_pred(&f, d->q[i], s->q[i], true, imm) ? ~0ull : 0;
        } else {
            d->l[i] = cmp_pred(&f, d->l[i], s->l[i], false, imm) ? ~0u : 0;
        }
    }
    sse_fp_end(&f, mx);
}

void sse_cmpps(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    cmp_v(d, s, mx, false, 4, imm);
}

void sse_cmpss(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    cmp_v(d, s, mx, false, 1, imm);
}

void sse_cmppd(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    cmp_v(d, s, mx, true, 2, imm);
}

void sse_cmpsd(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    cmp_v(d, s, mx, true, 1, imm);
}

/* ---- logic on floating-point registers ---- */

void sse_andps(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    d->q[0] &= s->q[0];
    d->q[1] &= s->q[1];
}

void sse_andnps(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    d->q[0] = ~d->q[0] & s->q[0];
    d->q[1] = ~d->q[1] & s->q[1];
}

void sse_orps(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    d->q[0] |= s->q[0];
    d->q[1] |= s->q[1];
}

void sse_xorps(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    d->q[0] ^= s->q[0];
    d->q[1] ^= s->q[1];
}

/* ---- SSE3 horizontal and alternating forms ---- */

void sse_addsubps(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    SseFp f;
    int i;

    sse_fp_begin(&f, *mx);
    for (i = 0; i < 4; i++) {
        d->l[i] = sse_fp_op(&f, i & 1 ? FOP_ADD : FOP_SUB, d->l[i], s->l[i],
                            false);
    }
    sse_fp_end(&f, mx);
}

void sse_addsubpd(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    SseFp f;

    sse_fp_begin(&f, *mx);
    d->q[0] = sse_fp_op(&f, FOP_SUB, d->q[0], s->q[0], true);
    d->q[1] = sse_fp_op(&f, FOP_ADD, d->q[1], s->q[1], true);
    sse_fp_end(&f, mx);
}

static void hop_ps(XMMReg *d, const XMMReg *s, uint32_t *mx, int op)
{
    SseFp f;
    XMMReg r;

    sse_fp_begin(&f, *mx);
    r.l[0] = sse_fp_op(&f, op, d->l[0], d->l[1], false);
    r.l[1] = sse_fp_op(&f, op, d->l[2], d->l[3], false);
    r.l[2] = sse_fp_op(&f, op, s->l[0], s->l[1], false);
    r.l[3] = sse_fp_op(&f, op, s->l[2], s->l[3], false);
    sse_fp_end(&f, mx);
    *d = r;
}

static void hop_pd(XMMReg *d, const XMMReg *s, uint32_t *mx, int op)
{
    SseFp f;
    XMMReg r;

    sse_fp_begin(&f, *mx);
    r.q[0] = sse_fp_op(&f, op, d->q[0], d->q[1], true);
    r.q[1] = sse_fp_op(&f, op, s->q[0], s->q[1], true);
    sse_fp_end(&f, mx);
    *d = r;
}

void sse_haddps(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    hop_ps(d, s, mx, FOP_ADD);
}

void sse_hsubps(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    hop_ps(d, s, mx, FOP_SUB);
}

void sse_haddpd(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    hop_pd(d, s, mx, FOP_ADD);
}

void sse_hsubpd(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    hop_pd(d, s, mx, FOP_SUB);
}

/* ---- approximations ---- */

/*
 * RCPPS / RSQRTPS: the hardware gives a table-based approximation with a
 * relative error below 1.5 * 2^-12 (SDM: RCPPS); this CPU returns the
 * exact value rounded to single precision, which is within that bound.
 * Like the hardware: no exceptions and no MXCSR influence, denormal
 * sources count as zeros, tiny results are flushed to zero, negative
 * RSQRT sources give the QNaN indefinite.
 */
static uint32_t approx(uint32_t a, bool rsqrt)
{
    uint32_t sign = a & 0x80000000u, r;
    double x;
    float y;

    if (sse_fp_is_nan(a, false)) {
        return a | 0x00400000u;
    }
    if (sse_fp_is_denormal(a, false)) {
        a = sign;
    }
    if (is_zero(a, false)) {
        return sign | 0x7f800000u;
    }
    if (rsqrt && sign) {
        return 0xffc00000u;
    }
    if (is_inf(a, false)) {
        return sign;
    }
    x = sse_fp_val(a, false);
    y = rsqrt ? 1.0 / sqrt(x) : 1.0 / x;
    memcpy(&r, &y, 4);
    if (sse_fp_is_denormal(r, false)) {
        r &= 0x80000000u;
    }
    return r;
}

void sse_rcpps(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    int i;

    for (i = 0; i < 4; i++) {
        d->l[i] = approx(s->l[i], false);
    }
}

void sse_rcpss(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    d->l[0] = approx(s->l[0], false);
}

void sse_rsqrtps(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    int i;

    for (i = 0; i < 4; i++) {
        d->l[i] = approx(s->l[i], true);
    }
}

void sse_rsqrtss(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    d->l[0] = approx(s->l[0], true);
}

/* ---- registration ---- */

void sse_arith_ops_init(void)
{
    static const struct {
        uint8_t op;
        SseFn ps, pd, ss, sd;
    } tab[] = {
        { 0x51, sse_sqrtps, sse_sqrtpd, sse_sqrtss, sse_sqrtsd },
        { 0x58, sse_addps, sse_addpd, sse_addss, sse_addsd },
        { 0x59, sse_mulps, sse_mulpd, sse_mulss, sse_mulsd },
        { 0x5c, sse_subps, sse_subpd, sse_subss, sse_subsd },
        { 0x5d, sse_minps, sse_minpd, sse_minss, sse_minsd },
        { 0x5e, sse_divps, sse_divpd, sse_divss, sse_divsd },
        { 0x5f, sse_maxps, sse_maxpd, sse_maxss, sse_maxsd },
        { 0xc2, sse_cmpps, sse_cmppd, sse_cmpss, sse_cmpsd },
    };
    unsigned i;

    for (i = 0; i < ARRAY_SIZE(tab); i++) {
        unsigned imm = tab[i].op == 0xc2 ? SD_IMM : 0;
        unsigned fp = SD_FP | imm;

        sse_reg(1, tab[i].op, PFX_NONE, tab[i].ps, fp | SD_ALIGN,
                SSE_F_SSE);
        sse_reg(1, tab[i].op, PFX_66, tab[i].pd, fp | SD_ALIGN,
                SSE_F_SSE2);
        sse_reg(1, tab[i].op, PFX_F3, tab[i].ss, fp | SD_M4, SSE_F_SSE);
        sse_reg(1, tab[i].op, PFX_F2, tab[i].sd, fp | SD_M8, SSE_F_SSE2);
    }
    /* 0F 52 RSQRT, 53 RCP: single precision only, never raise. */
    sse_reg(1, 0x52, PFX_NONE, sse_rsqrtps, SD_ALIGN, SSE_F_SSE);
    sse_reg(1, 0x52, PFX_F3, sse_rsqrtss, SD_M4, SSE_F_SSE);
    sse_reg(1, 0x53, PFX_NONE, sse_rcpps, SD_ALIGN, SSE_F_SSE);
    sse_reg(1, 0x53, PFX_F3, sse_rcpss, SD_M4, SSE_F_SSE);
    /* 0F 54-57: AND, ANDN, OR, XOR (PS and PD are the same bits). */
    sse_reg(1, 0x54, PFX_NONE, sse_andps, SD_ALIGN, SSE_F_SSE);
    sse_reg(1, 0x54, PFX_66, sse_andps, SD_ALIGN, SSE_F_SSE2);
    sse_reg(1, 0x55, PFX_NONE, sse_andnps, SD_ALIGN, SSE_F_SSE);
    sse_reg(1, 0x55, PFX_66, sse_andnps, SD_ALIGN, SSE_F_SSE2);
    sse_reg(1, 0x56, PFX_NONE, sse_orps, SD_ALIGN, SSE_F_SSE);
    sse_reg(1, 0x56, PFX_66, sse_orps, SD_ALIGN, SSE_F_SSE2);
    sse_reg(1, 0x57, PFX_NONE, sse_xorps, SD_ALIGN, SSE_F_SSE);
    sse_reg(1, 0x57, PFX_66, sse_xorps, SD_ALIGN, SSE_F_SSE2);
    /* SSE3: 0F 7C HADD, 7D HSUB, D0 ADDSUB. */
    sse_reg(1, 0x7c, PFX_66, sse_haddpd, SD_FP | SD_ALIGN, SSE_F_SSE3);
    sse_reg(1, 0x7c, PFX_F2, sse_haddps, SD_FP | SD_ALIGN, SSE_F_SSE3);
    sse_reg(1, 0x7d, PFX_66, sse_hsubpd, SD_FP | SD_ALIGN, SSE_F_SSE3);
    sse_reg(1, 0x7d, PFX_F2, sse_hsubps, SD_FP | SD_ALIGN, SSE_F_SSE3);
    sse_reg(1, 0xd0, PFX_66, sse_addsubpd, SD_FP | SD_ALIGN, SSE_F_SSE3);
    sse_reg(1, 0xd0, PFX_F2, sse_addsubps, SD_FP | SD_ALIGN, SSE_F_SSE3);
}
