/*
 * fpu-ops-math.c: x87 remainder, scale, extract, examine, the constants
 * and the transcendental instructions.
 *
 * FPREM/FPREM1, FSCALE and FXTRACT are exact and computed on integers
 * like the rest of fpu-ops-float.c.  FPREM reduces at most 63 exponent
 * steps per execution: when the exponents differ by 64 or more it
 * computes a partial remainder whose exponent difference to the divisor
 * is left a multiple of 32 (measured on this project's AMD EPYC host: the
 * reduction N of SDM vol. 2 "FPREM", "between 32 and 63", is
 * 32 + (d - 32) mod 32) and sets C2.
 *
 * The transcendentals (F2XM1, FYL2X, FYL2XP1, FPTAN, FPATAN, FSIN, FCOS,
 * FSINCOS) evaluate the host libm in long double, which on x86-64 is the
 * 80-bit extended format itself; the host's floating-point exception
 * flags (<fenv.h>) become the x87 flags.  They round to nearest whatever
 * the guest's rounding control; the last bit may differ from a real x87
 * (whose own results are not correctly rounded either).
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/fpu-internal.h"
#include <fenv.h>
#include <float.h>
#include <math.h>

_Static_assert(LDBL_MANT_DIG == 64 && LDBL_MAX_EXP == 16384,
               "long double must be the x87 extended format");

typedef unsigned __int128 u128;

static FPReg zero_r(int sign)
{
    return fp_make(sign, 0, 0);
}

static FPReg inf_r(int sign)
{
    return fp_make(sign, FP_EXP_MAX, FP_INT_BIT);
}

static FPReg quiet(FPCtx *c, FPReg a)
{
    if (fp_is_snan(a)) {
        c->sw |= FPUS_IE;
    }
    a.mant |= FP_QNAN_BIT;
    return a;
}

/* NaN result of two operands (the rule of fp_add: larger significand). */
static FPReg nan2(FPCtx *c, FPReg a, FPReg b)
{
    FPCtx t = { .cw = c->cw | FPUS_DE, .sw = 0 };
    FPReg r = fp_add(&t, a, b);

    c->sw |= t.sw & FPUS_IE;
    return r;
}

/* Normalized significand and unbiased exponent of a finite nonzero. */
static void norm(FPReg a, uint64_t *m, int32_t *e)
{
    *m = a.mant;
    *e = fp_expf(a) - FP_BIAS;
    if (fp_expf(a) == 0) {
        int sh = __builtin_clzll(a.mant);

        *m <<= sh;
        *e = 1 - FP_BIAS - sh;
    }
}

/* The operand checks shared by the one- and two-operand instructions. */
static bool bad_or_nan(FPCtx *c, FPReg a, FPReg b, bool two, FPReg *r)
{
    if (fp_is_unsupported(a) || (two && fp_is_unsupported(b))) {
        c->sw |= FPUS_IE;
        *r = fp_indefinite();
        return true;
    }
    if (fp_is_nan(a) || (two && fp_is_nan(b))) {
        *r = two ? nan2(c, a, b) : quiet(c, a);
        return true;
    }
    if (fp_is_denormal(a) || (two && fp_is_denormal(b))) {
        c->sw |= FPUS_DE;
        if (!(c->cw & FPUS_DE)) {
            *r = a;
            return true;
        }
    }
    return false;
}

FPReg fp_prem(FPCtx *c, FPReg a, FPReg b, bool ieee, uint16_t *cc,
              uint16_t *ccmask)
{
    uint64_t ma, mb;
    int32_t ea, eb, d;
    int sign = fp_sign(a);
    u128 num, q2, r2, big, q;
    FPReg r;

    /* NaN or invalid operands: C2 = 0, the others stay (measured) */
    *cc = 0;
    *ccmask = FPUS_C2;
    if (!fp_is_unsupported(a) && !fp_is_unsupported(b) && !fp_is_nan(a) &&
        !fp_is_nan(b) && (fp_is_inf(a) || fp_is_zero(b))) {
        c->sw |= FPUS_IE;       /* before DE */
        return fp_indefinite();
    }
    if (bad_or_nan(c, a, b, true, &r)) {
        return r;
    }
    *ccmask = FPUS_CC;
    if (fp_is_zero(a)) {
        return a;
    }
    norm(a, &ma, &ea);
    if (fp_is_inf(b)) {
        return fp_round_pack(c, sign, ea + FP_BIAS, (u128)ma << 64, 64);
    }
    norm(b, &mb, &eb);
    d = ea - eb;
    if (d >= 64) {
        /* partial: reduce by 2^k, k a multiple of 32, N = d - k */
        int32_t k = 32 * ((d - 32) / 32);
        int n = d - k;

        num = (u128)ma << n;
        r2 = num % mb;
        *cc = FPUS_C2;
        if (!r2) {
            return zero_r(sign);
        }
        {
            int sh = __builtin_clzll((uint64_t)r2);

            return fp_round_pack(c, sign, eb + k + FP_BIAS - sh,
                                 (u128)((uint64_t)r2 << sh) << 64, 64);
        }
    }
    if (d < -1) {
        return fp_round_pack(c, sign, ea + FP_BIAS, (u128)ma << 64, 64);
    }
    /*
     * In units of 2^(eb - 64) (half the divisor's last place):
     * 2a = q2 * b + r2, so a = (q2 >> 1) * b + R with R below 2 * mb.
     */
    num = (u128)ma << (d + 1);
    q2 = num / mb;
    r2 = num % mb;
    q = q2 >> 1;
    big = (q2 & 1) ? r2 + mb : r2;          /* R, in half-places */
    if (ieee && (big > mb || (big == mb && (q & 1)))) {
        big = 2 * (u128)mb - big;
        q++;
        sign ^= 1;
    }
    *cc = ((q & 4) ? FPUS_C0 : 0) | ((q & 2) ? FPUS_C3 : 0) |
          ((q & 1) ? FPUS_C1 : 0);
    if (!big) {
        return zero_r(fp_sign(a));
    }
    /* big < 2^65: value = big * 2^(eb - 64) */
    {
        int sh;
        u128 sig;

        if (big >> 64) {
            sh = -1;
            sig = big << 63;
        } else {
            sh = __builtin_clzll((uint64_t)big);
            sig = (u128)((uint64_t)big << sh) << 64;
        }
        /* sig / 2^127 * 2^e = big * 2^(eb - 64) */
        return fp_round_pack(c, sign, eb - 1 - sh + FP_BIAS, sig, 64);
    }
}

FPReg fp_scale(FPCtx *c, FPReg a, FPReg b)
{
    uint64_t m;
    int32_t e, n;
    FPReg r;

    if (bad_or_nan(c, a, b, true, &r)) {
        return r;
    }
    if (fp_is_inf(b)) {
        bool neg = fp_sign(b);

        if ((fp_is_zero(a) && !neg) || (fp_is_inf(a) && neg)) {
            c->sw |= FPUS_IE;
            return fp_indefinite();
        }
        if (fp_is_zero(a) || fp_is_inf(a)) {
            return a;
        }
        return neg ? zero_r(fp_sign(a)) : inf_r(fp_sign(a));
    }
    if (fp_is_zero(a) || fp_is_inf(a)) {
        return a;
    }
    /* trunc(b), clamped well beyond any finite result */
    if (fp_is_zero(b) || fp_expf(b) < FP_BIAS) {
        n = 0;
    } else if (fp_expf(b) - FP_BIAS >= 20) {
        n = 1 << 20;
    } else {
        n = (int32_t)(b.mant >> (63 - (fp_expf(b) - FP_BIAS)));
    }
    if (fp_sign(b)) {
        n = -n;
    }
    norm(a, &m, &e);
    e += n + FP_BIAS;
    /*
     * Unmasked overflow/underflow that the 24576 wrap cannot bring into
     * range: the hardware delivers infinity / zero.
     */
    if (e > FP_EXP_MAX - 1 + 24576 && !(c->cw & FPUS_OE)) {
        c->sw |= FPUS_OE | FPUS_PE | FPUS_C1;
        return inf_r(fp_sign(a));
    }
    if (e < 1 - 24576 && !(c->cw & FPUS_UE)) {
        c->sw = (c->sw & ~FPUS_C1) | FPUS_UE | FPUS_PE;
        return zero_r(fp_sign(a));
    }
    return fp_round_pack(c, fp_sign(a), e, (u128)m << 64, 64);
}

FPReg fp_xtract(FPCtx *c, FPReg a, FPReg *sig)
{
    uint64_t m;
    int32_t e;
    FPReg r;

    if (bad_or_nan(c, a, a, false, &r)) {
        *sig = r;
        return r;
    }
    if (fp_is_zero(a)) {
        c->sw |= FPUS_ZE;
        *sig = a;
        return inf_r(1);
    }
    if (fp_is_inf(a)) {
        *sig = a;
        return inf_r(0);
    }
    norm(a, &m, &e);
    *sig = fp_make(fp_sign(a), FP_BIAS, m);
    return fp_from_int(e);
}

uint16_t fp_examine(FPReg a, bool empty)
{
    uint16_t cc = fp_sign(a) ? FPUS_C1 : 0;

    if (empty) {
        return cc | FPUS_C3 | FPUS_C0;
    }
    if (fp_is_unsupported(a)) {
        return cc;
    }
    if (fp_is_nan(a)) {
        return cc | FPUS_C0;
    }
    if (fp_is_inf(a)) {
        return cc | FPUS_C2 | FPUS_C0;
    }
    if (fp_is_zero(a)) {
        return cc | FPUS_C3;
    }
    if (fp_is_denormal(a)) {
        return cc | FPUS_C3 | FPUS_C2;
    }
    return cc | FPUS_C2;
}

/* ---- the constants ---- */

FPReg fp_const(unsigned idx, unsigned rc)
{
    /*
     * Significands of 1, log2(10), log2(e), pi, log10(2), ln(2), 0
     * truncated to 64 bits, and whether the bits beyond are above half
     * a place (round-to-nearest goes up) - SDM vol. 1 8.3.8: the
     * constants are held with more precision and rounded by RC.
     */
    static const struct {
        uint16_t exp;
        uint64_t mant;
        bool nearest_up;
        bool inexact;
    } k[7] = {
        { 0x3fff, 0x8000000000000000ull, false, false },
        { 0x4000, 0xd49a784bcd1b8afeull, false, true },
        { 0x3fff, 0xb8aa3b295c17f0bbull, true, true },
        { 0x4000, 0xc90fdaa22168c234ull, true, true },
        { 0x3ffd, 0x9a209a84fbcff798ull, true, true },
        { 0x3ffe, 0xb17217f7d1cf79abull, true, true },
        { 0, 0, false, false },
    };
    FPReg r;

    idx = idx < 7 ? idx : 6;
    r = fp_make(0, k[idx].exp, k[idx].mant);
    if (k[idx].inexact &&
        ((rc == FPRC_NEAREST && k[idx].nearest_up) || rc == FPRC_UP)) {
        r.mant++;
    }
    return r;
}

/* ---- transcendentals on the host's long double ---- */

static long double to_ld(FPReg a)
{
    long double v = 0;

    memcpy(&v, &a.mant, 8);
    memcpy((uint8_t *)&v + 8, &a.exp, 2);
    return v;
}

static FPReg from_ld(long double v)
{
    FPReg r;

    memcpy(&r.mant, &v, 8);
    memcpy(&r.exp, (uint8_t *)&v + 8, 2);
    return r;
}

/* Host flags cleared; libm assumes round-to-nearest (the thread's default,
 * restored here in case other code left another mode set). */
static void host_begin(void)
{
    if (fegetround() != FE_TONEAREST) {
        fesetround(FE_TONEAREST);
    }
    feclearexcept(FE_ALL_EXCEPT);
}

/* The host's flags for a result r: invalid gives the indefinite. */
static FPReg host_end(FPCtx *c, long double v)
{
    int f = fetestexcept(FE_ALL_EXCEPT);
    FPReg r = from_ld(v);

    c->sw &= ~FPUS_C1;
    if (f & FE_INVALID) {
        c->sw |= FPUS_IE;
        return fp_indefinite();
    }
    if (f & FE_DIVBYZERO) {
        c->sw |= FPUS_ZE;
    }
    if (f & FE_OVERFLOW) {
        c->sw |= FPUS_OE;
    }
    if ((f & FE_UNDERFLOW) && (f & FE_INEXACT)) {
        c->sw |= FPUS_UE;
    }
    if (f & FE_INEXACT) {
        c->sw |= FPUS_PE;
    }
    return r;
}

#define LN2_L 0.693147180559945309417232121458176568L

FPReg fp_f2xm1(FPCtx *c, FPReg a)
{
    FPReg r;
    long double x;

    if (bad_or_nan(c, a, a, false, &r)) {
        return r;
    }
    if (fp_is_zero(a)) {
        return a;
    }
    if (fp_is_inf(a)) {
        return fp_sign(a) ? fp_make(1, FP_BIAS, FP_INT_BIT) : a;
    }
    x = to_ld(a);
    host_begin();
    return host_end(c, expm1l(x * LN2_L));
}

FPReg fp_yl2x(FPCtx *c, FPReg x, FPReg y)
{
    FPReg r;
    long double lx;

    if (bad_or_nan(c, x, y, true, &r)) {
        return r;
    }
    lx = to_ld(x);
    if (fp_sign(x) && !fp_is_zero(x)) {
        c->sw |= FPUS_IE;
        return fp_indefinite();
    }
    host_begin();
    return host_end(c, to_ld(y) * log2l(lx));
}

FPReg fp_yl2xp1(FPCtx *c, FPReg x, FPReg y)
{
    FPReg r;

    if (bad_or_nan(c, x, y, true, &r)) {
        return r;
    }
    host_begin();
    return host_end(c, to_ld(y) * (log1pl(to_ld(x)) / LN2_L));
}

FPReg fp_patan(FPCtx *c, FPReg x, FPReg y)
{
    FPReg r;

    if (bad_or_nan(c, x, y, true, &r)) {
        return r;
    }
    host_begin();
    return host_end(c, atan2l(to_ld(y), to_ld(x)));
}

/* |a| < 2^63: the range of FSIN/FCOS/FSINCOS/FPTAN (else C2, no change). */
static bool trig_range(FPReg a)
{
    return fp_expf(a) < FP_BIAS + 63;
}

bool fp_sincos(FPCtx *c, FPReg a, FPReg *s, FPReg *co)
{
    FPReg r;
    long double x, vs, vc;

    if (bad_or_nan(c, a, a, false, &r)) {
        *s = *co = r;
        return true;
    }
    if (fp_is_inf(a)) {
        c->sw |= FPUS_IE;
        *s = *co = fp_indefinite();
        return true;
    }
    if (!trig_range(a)) {
        return false;
    }
    if (fp_is_zero(a)) {
        *s = a;
        *co = fp_make(0, FP_BIAS, FP_INT_BIT);
        return true;
    }
    x = to_ld(a);
    host_begin();
    vs = sinl(x);
    vc = cosl(x);
    *s = host_end(c, vs);
    *co = from_ld(vc);
    c->sw |= FPUS_PE;       /* never exact for a nonzero argument */
    return true;
}

bool fp_tan(FPCtx *c, FPReg a, FPReg *t)
{
    FPReg r;

    if (bad_or_nan(c, a, a, false, &r)) {
        *t = r;
        return true;
    }
    if (fp_is_inf(a)) {
        c->sw |= FPUS_IE;
        *t = fp_indefinite();
        return true;
    }
    if (!trig_range(a)) {
        return false;
    }
    if (fp_is_zero(a)) {
        *t = a;
        return true;
    }
    host_begin();
    *t = host_end(c, tanl(to_ld(a)));
    c->sw |= FPUS_PE;
    return true;
}
