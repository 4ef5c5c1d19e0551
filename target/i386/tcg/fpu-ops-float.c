/*
 * fpu-ops-float.c: the x87 extended-precision arithmetic in software.
 *
 * Add, subtract, multiply, divide and square root are computed exactly
 * on 128-bit significands and rounded once (fp_round_pack) to the
 * precision control's 24, 53 or 64 bits within the extended exponent
 * range, by the rounding control, so no double rounding can occur.  The
 * exception rules follow SDM vol. 1 chapter 4.9 and 8.5: invalid
 * operands (SNaN, unnormals and the other unsupported encodings, the
 * invalid combinations) give IE and, masked, the QNaN indefinite; a
 * denormal operand gives DE; tininess is detected after rounding (to the
 * precision with an unbounded exponent), UE is
 * flagged when masked only if the result is also inexact; masked overflow
 * gives infinity or the largest finite value by rounding direction;
 * unmasked overflow/underflow of a register result wraps the exponent by
 * 24576.  C1 reports a rounded-up magnitude.
 *
 * GCC's unsigned __int128 carries the wide significands.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/fpu-internal.h"

typedef unsigned __int128 u128;

#define BIAS_ADJUST 24576

/* An operand taken apart: value = mant / 2^63 * 2^exp, mant normalized. */
enum { K_ZERO, K_FINITE, K_INF, K_NAN, K_BAD };

typedef struct Unp {
    int kind;
    int sign;
    int32_t exp;            /* unbiased */
    uint64_t mant;
    bool denormal;          /* the encoding was a (pseudo-)denormal */
} Unp;

static Unp unpack(FPReg a)
{
    Unp u;
    int e = fp_expf(a);

    u.sign = fp_sign(a);
    u.mant = a.mant;
    u.denormal = false;
    u.exp = e - FP_BIAS;
    if (e == FP_EXP_MAX) {
        if (!(a.mant & FP_INT_BIT)) {
            u.kind = K_BAD;
        } else {
            u.kind = (a.mant << 1) ? K_NAN : K_INF;
        }
    } else if (e == 0) {
        if (!a.mant) {
            u.kind = K_ZERO;
        } else {
            int sh = __builtin_clzll(a.mant);

            u.kind = K_FINITE;
            u.denormal = true;
            u.mant <<= sh;
            u.exp = 1 - FP_BIAS - sh;
        }
    } else {
        u.kind = (a.mant & FP_INT_BIT) ? K_FINITE : K_BAD;
    }
    return u;
}

static FPReg fp_zero(int sign)
{
    return fp_make(sign, 0, 0);
}

static FPReg fp_inf(int sign)
{
    return fp_make(sign, FP_EXP_MAX, FP_INT_BIT);
}

static FPReg invalid(FPCtx *c)
{
    c->sw |= FPUS_IE;
    return fp_indefinite();
}

/*
 * The NaN result of an operation with at least one NaN operand (SDM
 * vol. 1 table 4-7): a QNaN operand wins over an SNaN one, otherwise the
 * larger significand; SNaNs raise IE and are quieted.
 */
static FPReg nan_result(FPCtx *c, FPReg a, FPReg b, bool two)
{
    bool na = fp_is_nan(a), nb = two && fp_is_nan(b);
    FPReg r;

    if (fp_is_snan(a) || (two && fp_is_snan(b))) {
        c->sw |= FPUS_IE;
    }
    if (na && nb) {
        bool sa = fp_is_snan(a), sb = fp_is_snan(b);

        if (sa != sb) {
            r = sa ? b : a;
        } else {
            uint64_t ma = a.mant | FP_QNAN_BIT, mb = b.mant | FP_QNAN_BIT;

            if (ma != mb) {
                r = ma > mb ? a : b;
            } else {
                r = fp_sign(a) ? b : a;
            }
        }
    } else {
        r = na ? a : b;
    }
    r.mant |= FP_QNAN_BIT;
    return r;
}

static u128 shift_right_sticky(u128 v, int n)
{
    if (n <= 0) {
        return v;
    }
    if (n >= 128) {
        return v != 0;
    }
    return (v >> n) | ((v & (((u128)1 << n) - 1)) != 0);
}

static int precision_bits(FPCtx *c)
{
    switch ((c->cw & FPUC_PC) >> FPUC_PC_SHIFT) {
    case 0: return 24;
    case 2: return 53;
    default: return 64;
    }
}

enum { RND_OK, RND_INF, RND_NOSTORE };

/* Would rounding sig at bit drop carry out of bit 127? */
static bool carries(FPCtx *c, int sign, u128 sig, int drop)
{
    int rc = (c->cw & FPUC_RC) >> FPUC_RC_SHIFT;
    u128 unit = (u128)1 << drop, rem = sig & (unit - 1);

    if ((sig | (unit - 1)) != ~(u128)0 || !rem) {
        return false;
    }
    switch (rc) {
    case FPRC_NEAREST: return rem >= (unit >> 1);
    case FPRC_DOWN: return sign;
    case FPRC_UP: return !sign;
    default: return false;
    }
}

/*
 * Round value sig / 2^127 * 2^*pe (sig normalized to bit 127) to prec
 * bits with normal exponents in [emin, emax].  adjust: the exponent wrap
 * for unmasked overflow/underflow (register results); 0 means such a
 * result must not be stored (RND_NOSTORE).  On return *psig holds the
 * rounded significand (bit 127 clear for a denormal or zero) and *pe the
 * exponent (emin for denormals).
 */
static int round_core(FPCtx *c, int sign, int32_t *pe, u128 *psig, int prec,
                      int32_t emin, int32_t emax, int32_t adjust)
{
    int rc = (c->cw & FPUC_RC) >> FPUC_RC_SHIFT;
    int32_t e = *pe;
    u128 sig = *psig, unit, rem, half;
    uint16_t sw0 = c->sw & ~FPUS_C1;
    bool tiny = false, inc = false;
    int drop = 128 - prec;

    c->sw &= ~FPUS_C1;
    if (e < emin && !(e == emin - 1 && carries(c, sign, sig, drop))) {
        if (!(c->cw & FPUS_UE)) {
            c->sw |= FPUS_UE;
            if (!adjust) {
                return RND_NOSTORE;
            }
            e += adjust;
        }
        if (e < emin) {
            sig = shift_right_sticky(sig, emin - e);
            e = emin;
            tiny = true;
        }
    }
    unit = (u128)1 << drop;
    half = unit >> 1;
    rem = sig & (unit - 1);
    sig -= rem;
    if (rem) {
        switch (rc) {
        case FPRC_NEAREST:
            inc = rem > half || (rem == half && (sig & unit));
            break;
        case FPRC_DOWN:
            inc = sign;
            break;
        case FPRC_UP:
            inc = !sign;
            break;
        default:
            break;
        }
        c->sw |= FPUS_PE;
        if (tiny) {
            c->sw |= FPUS_UE;
        }
    }
    if (inc) {
        c->sw |= FPUS_C1;
        sig += unit;
        if (!sig) {
            sig = (u128)1 << 127;
            e++;
        }
    }
    if (e > emax) {
        c->sw |= FPUS_OE;
        if (!(c->cw & FPUS_OE)) {
            if (!adjust) {
                c->sw = sw0 | FPUS_OE;      /* nothing stored: OE alone */
                return RND_NOSTORE;
            }
            e -= adjust;
        } else {
            c->sw |= FPUS_PE;
            if (rc == FPRC_NEAREST || (rc == FPRC_UP && !sign) ||
                (rc == FPRC_DOWN && sign)) {
                c->sw |= FPUS_C1;
                return RND_INF;
            }
            c->sw &= ~FPUS_C1;
            sig = ~(u128)0 << drop;
            e = emax;
        }
    }
    *pe = e;
    *psig = sig;
    return RND_OK;
}

FPReg fp_round_pack(FPCtx *c, int sign, int32_t exp, u128 sig, int prec)
{
    int32_t e = exp - FP_BIAS;
    uint64_t mant;

    if (!sig) {
        return fp_zero(sign);
    }
    if (round_core(c, sign, &e, &sig, prec, 1 - FP_BIAS, FP_BIAS,
                   BIAS_ADJUST) == RND_INF) {
        return fp_inf(sign);
    }
    mant = (uint64_t)(sig >> 64);
    if (!(mant & FP_INT_BIT)) {
        return fp_make(sign, 0, mant);
    }
    return fp_make(sign, (uint16_t)(e + FP_BIAS), mant);
}

static FPReg pack_unp(FPCtx *c, int sign, int32_t exp, u128 sig, int prec)
{
    int sh;

    if (!sig) {
        return fp_zero(sign);
    }
    /* normalize to bit 127 (a sticky bit moves up with it, harmlessly) */
    if (sig >> 64) {
        sh = __builtin_clzll((uint64_t)(sig >> 64));
    } else {
        sh = 64 + __builtin_clzll((uint64_t)sig);
    }
    sig <<= sh;
    return fp_round_pack(c, sign, exp - sh + FP_BIAS, sig, prec);
}

/*
 * The common checks of a two-operand arithmetic instruction: returns true
 * with *r set when the result is decided (NaN, invalid, or the caller must
 * not go on because of an unmasked DE).
 */
static bool check_two(FPCtx *c, FPReg a, FPReg b, Unp *ua, Unp *ub,
                      FPReg *r, bool div)
{
    *ua = unpack(a);
    *ub = unpack(b);
    if (ua->kind == K_BAD || ub->kind == K_BAD) {
        *r = invalid(c);
        return true;
    }
    if (ua->kind == K_NAN || ub->kind == K_NAN) {
        *r = nan_result(c, a, b, true);
        return true;
    }
    /* a division by zero is reported alone (no DE) */
    if ((ua->denormal || ub->denormal) && !(div && ub->kind == K_ZERO)) {
        c->sw |= FPUS_DE;
        if (!(c->cw & FPUS_DE)) {
            *r = a;
            return true;
        }
    }
    return false;
}

static FPReg addsub(FPCtx *c, FPReg a, FPReg b, int negb)
{
    Unp ua, ub;
    FPReg r;
    int rc = (c->cw & FPUC_RC) >> FPUC_RC_SHIFT;
    u128 sa, sb;
    int32_t e;
    int d;

    if (check_two(c, a, b, &ua, &ub, &r, false)) {
        return r;
    }
    ub.sign ^= negb;
    if (ua.kind == K_INF || ub.kind == K_INF) {
        if (ua.kind == K_INF && ub.kind == K_INF && ua.sign != ub.sign) {
            return invalid(c);
        }
        return fp_inf(ua.kind == K_INF ? ua.sign : ub.sign);
    }
    if (ua.kind == K_ZERO && ub.kind == K_ZERO) {
        if (ua.sign == ub.sign) {
            return fp_zero(ua.sign);
        }
        return fp_zero(rc == FPRC_DOWN);
    }
    if (ub.kind == K_ZERO) {
        return pack_unp(c, ua.sign, ua.exp, (u128)ua.mant << 64,
                        precision_bits(c));
    }
    if (ua.kind == K_ZERO) {
        return pack_unp(c, ub.sign, ub.exp, (u128)ub.mant << 64,
                        precision_bits(c));
    }
    /* Align on the larger exponent; bit 126 holds the leading one. */
    if (ua.exp < ub.exp || (ua.exp == ub.exp && ua.mant < ub.mant)) {
        Unp t = ua;
        ua = ub;
        ub = t;
    }
    d = ua.exp - ub.exp;
    sa = (u128)ua.mant << 63;
    sb = shift_right_sticky((u128)ub.mant << 63, d);
    e = ua.exp + 1;             /* value = sig / 2^127 * 2^e */
    if (ua.sign == ub.sign) {
        sa += sb;
    } else {
        sa -= sb;
        if (!sa) {
            return fp_zero(rc == FPRC_DOWN);
        }
    }
    return pack_unp(c, ua.sign, e, sa, precision_bits(c));
}

FPReg fp_add(FPCtx *c, FPReg a, FPReg b)
{
    return addsub(c, a, b, 0);
}

FPReg fp_sub(FPCtx *c, FPReg a, FPReg b)
{
    return addsub(c, a, b, 1);
}

FPReg fp_mul(FPCtx *c, FPReg a, FPReg b)
{
    Unp ua, ub;
    FPReg r;
    int sign;

    if (check_two(c, a, b, &ua, &ub, &r, false)) {
        return r;
    }
    sign = ua.sign ^ ub.sign;
    if (ua.kind == K_INF || ub.kind == K_INF) {
        if (ua.kind == K_ZERO || ub.kind == K_ZERO) {
            return invalid(c);
        }
        return fp_inf(sign);
    }
    if (ua.kind == K_ZERO || ub.kind == K_ZERO) {
        return fp_zero(sign);
    }
    /* mant_a * mant_b / 2^126 = product / 2^127 * 2 */
    return pack_unp(c, sign, ua.exp + ub.exp + 1,
                    (u128)ua.mant * ub.mant, precision_bits(c));
}

FPReg fp_div(FPCtx *c, FPReg a, FPReg b)
{
    Unp ua, ub;
    FPReg r;
    int sign;
    u128 num, q1, q2, rem;

    if (check_two(c, a, b, &ua, &ub, &r, true)) {
        return r;
    }
    sign = ua.sign ^ ub.sign;
    if (ua.kind == K_INF) {
        if (ub.kind == K_INF) {
            return invalid(c);
        }
        return fp_inf(sign);
    }
    if (ub.kind == K_INF) {
        return fp_zero(sign);
    }
    if (ub.kind == K_ZERO) {
        if (ua.kind == K_ZERO) {
            return invalid(c);
        }
        c->sw |= FPUS_ZE;
        if (!(c->cw & FPUS_ZE)) {
            return a;
        }
        return fp_inf(sign);
    }
    if (ua.kind == K_ZERO) {
        return fp_zero(sign);
    }
    /* 128 quotient bits: ma * 2^63 / mb, then the remainder's 64 more */
    num = (u128)ua.mant << 63;
    q1 = num / ub.mant;
    rem = num % ub.mant;
    num = rem << 64;
    q2 = num / ub.mant;
    rem = num % ub.mant;
    /* (q1 * 2^64 + q2) / 2^127 * 2^(ea - eb) */
    return pack_unp(c, sign, ua.exp - ub.exp,
                    (q1 << 64) | q2 | (rem != 0), precision_bits(c));
}

/* floor(sqrt(n)) for a 128-bit n, bit by bit. */
static uint64_t isqrt128(u128 n, u128 *rem)
{
    u128 root = 0, bit = (u128)1 << 126;

    while (bit > n) {
        bit >>= 2;
    }
    while (bit) {
        if (n >= root + bit) {
            n -= root + bit;
            root = (root >> 1) + bit;
        } else {
            root >>= 1;
        }
        bit >>= 2;
    }
    *rem = n;
    return (uint64_t)root;
}

FPReg fp_sqrt(FPCtx *c, FPReg a)
{
    Unp ua = unpack(a);
    u128 n, rem, sig;
    uint64_t root;
    int32_t e;

    if (ua.kind == K_BAD) {
        return invalid(c);
    }
    if (ua.kind == K_NAN) {
        return nan_result(c, a, a, false);
    }
    if (ua.kind == K_ZERO) {
        return a;
    }
    if (ua.sign) {
        return invalid(c);      /* before DE */
    }
    if (ua.denormal) {
        c->sw |= FPUS_DE;
        if (!(c->cw & FPUS_DE)) {
            return a;
        }
    }
    if (ua.kind == K_INF) {
        return a;
    }
    /* value = m / 2^63 * 2^e; make e even: n = m * 2^64 or m * 2^63 */
    if (ua.exp & 1) {
        n = (u128)ua.mant << 64;
        e = ua.exp - 1;
    } else {
        n = (u128)ua.mant << 63;
        e = ua.exp;
    }
    /* sqrt(n) in [2^63, 2^64): sqrt(value) = root / 2^63 * 2^(e / 2) */
    root = isqrt128(n, &rem);
    sig = (u128)root << 64;
    if (rem > root) {
        sig |= (u128)1 << 63;   /* (root + 1/2)^2 < n: never equal */
    }
    if (rem) {
        sig |= 1;
    }
    return fp_round_pack(c, 0, e / 2 + FP_BIAS, sig, precision_bits(c));
}

static bool round_to_u64(FPCtx *c, const Unp *u, int rc, uint64_t *mag,
                         bool *inexact, bool *up);

FPReg fp_round_int(FPCtx *c, FPReg a)
{
    Unp ua = unpack(a);
    uint64_t mag;
    bool inexact, up;
    int sh;

    if (ua.kind == K_BAD) {
        return invalid(c);
    }
    if (ua.kind == K_NAN) {
        return nan_result(c, a, a, false);
    }
    if (ua.denormal) {
        c->sw |= FPUS_DE;
        if (!(c->cw & FPUS_DE)) {
            return a;
        }
    }
    if (ua.kind != K_FINITE || ua.exp >= 63) {
        /* already integral (a pseudo-denormal cannot get here) */
        return a;
    }
    /* |a| < 2^63: the rounded magnitude fits (2^63 at most) */
    round_to_u64(c, &ua, (c->cw & FPUC_RC) >> FPUC_RC_SHIFT, &mag,
                 &inexact, &up);
    c->sw &= ~FPUS_C1;
    if (inexact) {
        c->sw |= FPUS_PE;
    }
    if (up) {
        c->sw |= FPUS_C1;
    }
    if (!mag) {
        return fp_zero(ua.sign);
    }
    sh = __builtin_clzll(mag);
    return fp_make(ua.sign, (uint16_t)(63 - sh + FP_BIAS), mag << sh);
}

int fp_compare(FPCtx *c, FPReg a, FPReg b, bool quiet)
{
    Unp ua = unpack(a), ub = unpack(b);
    int r;

    if (ua.kind == K_BAD || ub.kind == K_BAD) {
        c->sw |= FPUS_IE;
        return 3;
    }
    if (ua.kind == K_NAN || ub.kind == K_NAN) {
        if (!quiet || fp_is_snan(a) || fp_is_snan(b)) {
            c->sw |= FPUS_IE;
        }
        return 3;
    }
    if (ua.denormal || ub.denormal) {
        c->sw |= FPUS_DE;
    }
    if (ua.kind == K_ZERO && ub.kind == K_ZERO) {
        return 1;
    }
    if (ua.kind == K_ZERO) {
        return ub.sign ? 2 : 0;
    }
    if (ub.kind == K_ZERO) {
        return ua.sign ? 0 : 2;
    }
    if (ua.sign != ub.sign) {
        return ua.sign ? 0 : 2;
    }
    if (ua.kind == K_INF || ub.kind == K_INF) {
        if (ua.kind == ub.kind) {
            return 1;
        }
        r = ua.kind == K_INF ? 2 : 0;
    } else if (ua.exp != ub.exp) {
        r = ua.exp > ub.exp ? 2 : 0;
    } else if (ua.mant != ub.mant) {
        r = ua.mant > ub.mant ? 2 : 0;
    } else {
        return 1;
    }
    return ua.sign ? 2 - r : r;
}

/* ---- conversions ---- */

/*
 * Binary32/64 to extended: exact.  SNaNs raise IE and are quieted (quiet)
 * or stay signaling for the operation to see, denormals raise DE (and are
 * normalized).
 */
static FPReg from_ieee(FPCtx *c, uint64_t v, int mbits, int ebits,
                       bool quiet)
{
    int sign = (v >> (mbits + ebits)) & 1;
    int emax = (1 << ebits) - 1, bias = emax >> 1;
    int e = (v >> mbits) & emax;
    uint64_t m = v & ((1ull << mbits) - 1);

    if (e == emax) {
        if (!m) {
            return fp_inf(sign);
        }
        if (!quiet) {
            return fp_make(sign, FP_EXP_MAX, FP_INT_BIT | (m << (63 - mbits)));
        }
        if (!(m >> (mbits - 1))) {
            c->sw |= FPUS_IE;
        }
        return fp_make(sign, FP_EXP_MAX,
                       FP_INT_BIT | FP_QNAN_BIT | (m << (63 - mbits)));
    }
    if (e == 0) {
        int sh;

        if (!m) {
            return fp_zero(sign);
        }
        c->sw |= FPUS_DE;
        sh = __builtin_clzll(m) - (63 - mbits);    /* to bit mbits */
        m <<= sh;
        e = 1 - sh;
    }
    return fp_make(sign, (uint16_t)(e - bias + FP_BIAS),
                   FP_INT_BIT | (m << (63 - mbits)));
}

FPReg fp_from_f32(FPCtx *c, uint32_t v)
{
    return from_ieee(c, v, 23, 8, true);
}

FPReg fp_from_f64(FPCtx *c, uint64_t v)
{
    return from_ieee(c, v, 52, 11, true);
}

FPReg fp_from_f32_raw(FPCtx *c, uint32_t v)
{
    return from_ieee(c, v, 23, 8, false);
}

FPReg fp_from_f64_raw(FPCtx *c, uint64_t v)
{
    return from_ieee(c, v, 52, 11, false);
}

FPReg fp_from_int(int64_t v)
{
    uint64_t m;
    int sh;

    if (!v) {
        return fp_zero(0);
    }
    m = v < 0 ? -(uint64_t)v : (uint64_t)v;
    sh = __builtin_clzll(m);
    return fp_make(v < 0, (uint16_t)(63 - sh + FP_BIAS), m << sh);
}

/* Extended to binary32/64 by the rounding control (not the precision). */
static bool to_ieee(FPCtx *c, FPReg a, int mbits, int ebits, uint64_t *out)
{
    Unp ua = unpack(a);
    int emax = (1 << ebits) - 1, bias = emax >> 1;
    uint64_t sign = (uint64_t)ua.sign << (mbits + ebits);
    uint64_t inf = sign | ((uint64_t)emax << mbits);
    int32_t e;
    u128 sig;
    int res;

    switch (ua.kind) {
    case K_BAD:
        c->sw |= FPUS_IE;
        if (!(c->cw & FPUS_IE)) {
            return false;
        }
        /* the indefinite: sign 1, quiet, rest 0 */
        *out = (1ull << (mbits + ebits)) | ((uint64_t)emax << mbits) |
               (1ull << (mbits - 1));
        return true;
    case K_NAN:
        if (fp_is_snan(a)) {
            c->sw |= FPUS_IE;
            if (!(c->cw & FPUS_IE)) {
                return false;
            }
        }
        *out = inf | (1ull << (mbits - 1)) |
               ((a.mant & ~FP_INT_BIT) >> (63 - mbits));
        return true;
    case K_INF:
        *out = inf;
        return true;
    case K_ZERO:
        *out = sign;
        return true;
    default:
        break;
    }
    e = ua.exp;
    sig = (u128)ua.mant << 64;
    res = round_core(c, ua.sign, &e, &sig, mbits + 1, 1 - bias, bias, 0);
    if (res == RND_NOSTORE) {
        return false;
    }
    if (res == RND_INF) {
        *out = inf;
        return true;
    }
    if (!(sig >> 127)) {
        /* denormal or zero */
        *out = sign | (uint64_t)(sig >> (127 - mbits));
        return true;
    }
    *out = sign | ((uint64_t)(e + bias) << mbits) |
           ((uint64_t)(sig >> (127 - mbits)) & ((1ull << mbits) - 1));
    return true;
}

bool fp_to_f32(FPCtx *c, FPReg a, uint32_t *out)
{
    uint64_t v;

    if (!to_ieee(c, a, 23, 8, &v)) {
        return false;
    }
    *out = (uint32_t)v;
    return true;
}

bool fp_to_f64(FPCtx *c, FPReg a, uint64_t *out)
{
    return to_ieee(c, a, 52, 11, out);
}

/*
 * The magnitude of a finite value rounded to an integer (by rc), true
 * when it fits in 64 bits.  Sets PE/C1 in c when inexact.
 */
static bool round_to_u64(FPCtx *c, const Unp *u, int rc, uint64_t *mag,
                         bool *inexact, bool *up)
{
    u128 v;
    uint64_t ip, frac;
    bool inc = false;

    *inexact = *up = false;
    if (u->kind == K_ZERO) {
        *mag = 0;
        return true;
    }
    if (u->exp > 63) {
        return false;
    }
    v = (u128)u->mant << 64;
    v = shift_right_sticky(v, 63 - u->exp);
    ip = (uint64_t)(v >> 64);
    frac = (uint64_t)v;
    if (frac) {
        *inexact = true;
        switch (rc) {
        case FPRC_NEAREST:
            inc = frac > FP_INT_BIT || (frac == FP_INT_BIT && (ip & 1));
            break;
        case FPRC_DOWN:
            inc = u->sign;
            break;
        case FPRC_UP:
            inc = !u->sign;
            break;
        default:
            break;
        }
    }
    if (inc) {
        ip++;
        if (!ip) {
            return false;
        }
    }
    *up = inc;
    *mag = ip;
    return true;
}

bool fp_to_int(FPCtx *c, FPReg a, int bits, bool truncate, int64_t *out)
{
    Unp ua = unpack(a);
    int rc = truncate ? FPRC_CHOP : (c->cw & FPUC_RC) >> FPUC_RC_SHIFT;
    uint64_t mag, lim = 1ull << (bits - 1);
    bool inexact, up;

    c->sw &= ~FPUS_C1;
    if (ua.kind == K_FINITE || ua.kind == K_ZERO) {
        if (round_to_u64(c, &ua, rc, &mag, &inexact, &up) &&
            (ua.sign ? mag <= lim : mag < lim)) {
            if (inexact) {
                c->sw |= FPUS_PE;
            }
            if (up) {
                c->sw |= FPUS_C1;
            }
            *out = ua.sign ? (int64_t)(0 - mag) : (int64_t)mag;
            return true;
        }
    }
    c->sw |= FPUS_IE;
    if (!(c->cw & FPUS_IE)) {
        return false;
    }
    *out = (int64_t)(~0ull << (bits - 1));
    return true;
}

FPReg fp_from_bcd(const uint8_t bcd[10])
{
    int64_t v = 0;
    FPReg r;

    for (int i = 8; i >= 0; i--) {
        v = v * 100 + (bcd[i] >> 4) * 10 + (bcd[i] & 15);
    }
    r = fp_from_int(v);
    if (bcd[9] & 0x80) {
        r.exp |= 0x8000;        /* -0 stays -0 */
    }
    return r;
}

bool fp_to_bcd(FPCtx *c, FPReg a, uint8_t bcd[10])
{
    Unp ua = unpack(a);
    int rc = (c->cw & FPUC_RC) >> FPUC_RC_SHIFT;
    uint64_t mag;
    bool inexact, up;

    c->sw &= ~FPUS_C1;
    if ((ua.kind == K_FINITE || ua.kind == K_ZERO) &&
        round_to_u64(c, &ua, rc, &mag, &inexact, &up) &&
        mag <= 999999999999999999ull) {
        if (inexact) {
            c->sw |= FPUS_PE;
        }
        if (up) {
            c->sw |= FPUS_C1;
        }
        for (int i = 0; i < 9; i++) {
            bcd[i] = (uint8_t)((mag % 10) | ((mag / 10 % 10) << 4));
            mag /= 100;
        }
        bcd[9] = ua.sign ? 0x80 : 0;
        return true;
    }
    c->sw |= FPUS_IE;
    if (!(c->cw & FPUS_IE)) {
        return false;
    }
    /* the packed BCD indefinite: FFFF C000 0000 0000 0000 */
    memset(bcd, 0, 10);
    bcd[7] = 0xc0;
    bcd[8] = 0xff;
    bcd[9] = 0xff;
    return true;
}
