/*
 * sse-cvt.c: SSE/SSE2 conversions (CVT*).
 *
 * Float to integer is done in software: the value is rounded to an
 * integral double by MXCSR.RC (or truncated for the CVTT forms), PE when
 * that changed it; a NaN or a value outside the integer's range gives the
 * integer indefinite (the most negative value) and IE (SDM vol. 1
 * 4.8.3.7).  Integer to float and double to single use the host
 * conversion in the MXCSR rounding mode (PE, OE, UE from the host).
 * These conversions raise no DE except CVTSS2SD / CVTSD2SS / CVTPS2PD /
 * CVTPD2PS (SDM: their exception lists).
 */
#include "qemu/osdep.h"
#include <fenv.h>
#include <math.h>
#include "target/i386/tcg/sse-internal.h"

/* ---- scalar building blocks ---- */

static int64_t f2i(SseFp *f, uint64_t a, bool dbl, bool is64, bool trunc)
{
    int64_t indef = is64 ? INT64_MIN : INT32_MIN;
    double x, r;

    a = sse_fp_daz(f, a, dbl);
    if (sse_fp_is_nan(a, dbl)) {
        f->flags |= MXCSR_IE;
        return indef;
    }
    x = sse_fp_val(a, dbl);
    r = sse_round_double(x, trunc ? 3 : (f->mx & MXCSR_RC) >> MXCSR_RC_SHIFT);
    if (is64 ? !(r >= -9223372036854775808.0 && r < 9223372036854775808.0)
             : !(r >= -2147483648.0 && r <= 2147483647.0)) {
        f->flags |= MXCSR_IE;
        return indef;
    }
    if (r != x) {
        f->flags |= MXCSR_PE;
    }
    return (int64_t)r;
}

/* Host conversion of an integer in the current (MXCSR) rounding mode. */
static uint64_t i2f(SseFp *f, int64_t v, bool dbl)
{
    uint64_t r;

    sse_fp_elem_begin(f);
    if (dbl) {
        volatile int64_t x = v;
        volatile double z = x;
        memcpy(&r, (void *)&z, 8);
    } else {
        volatile int64_t x = v;
        volatile float z = x;
        uint32_t l;
        memcpy(&l, (void *)&z, 4);
        r = l;
    }
    if (sse_fp_elem_end(f) & FE_INEXACT) {
        f->flags |= MXCSR_PE;
    }
    return r;
}

/* Single to double: exact; NaN payloads move to the top of the fraction. */
static uint64_t s2d(SseFp *f, uint32_t a)
{
    uint64_t sign = (uint64_t)(a >> 31) << 63;
    double d;
    uint64_t r;

    a = sse_fp_daz(f, a, false);
    if (sse_fp_is_nan(a, false)) {
        if (sse_fp_is_snan(a, false)) {
            f->flags |= MXCSR_IE;
        }
        return sign | 0x7ff8000000000000ull | ((uint64_t)(a & 0x7fffff) << 29);
    }
    if (sse_fp_is_denormal(a, false)) {
        f->flags |= MXCSR_DE;
    }
    d = sse_fp_val(a, false);
    memcpy(&r, &d, 8);
    return r;
}

/* Double to single in the MXCSR rounding mode. */
static uint32_t d2s(SseFp *f, uint64_t a)
{
    uint32_t sign = (uint32_t)(a >> 63) << 31, r;
    volatile double x;
    volatile float z;
    int e;

    a = sse_fp_daz(f, a, true);
    if (sse_fp_is_nan(a, true)) {
        if (sse_fp_is_snan(a, true)) {
            f->flags |= MXCSR_IE;
        }
        return sign | 0x7fc00000u | (uint32_t)((a >> 29) & 0x7fffff);
    }
    if (sse_fp_is_denormal(a, true)) {
        f->flags |= MXCSR_DE;
    }
    sse_fp_elem_begin(f);
    memcpy((void *)&x, &a, 8);
    z = x;
    e = sse_fp_elem_end(f);
    memcpy(&r, (void *)&z, 4);
    return sse_fp_post(f, r, e, false, FOP_CVT, a, 0);
}

/* ---- with general registers ---- */

int64_t sse_cvt_f2i(uint64_t a, bool dbl, bool is64, bool trunc,
                    uint32_t *mxcsr)
{
    SseFp f = { *mxcsr, 0 };
    int64_t r = f2i(&f, a, dbl, is64, trunc);

    *mxcsr |= f.flags;
    return r;
}

uint64_t sse_cvt_i2f(int64_t v, bool dbl, uint32_t *mxcsr)
{
    SseFp f;
    uint64_t r;

    sse_fp_begin(&f, *mxcsr);
    r = i2f(&f, v, dbl);
    sse_fp_end(&f, mxcsr);
    return r;
}

/* ---- packed and scalar SseFn helpers ---- */

void sse_cvtss2sd(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    SseFp f = { *mx, 0 };

    d->q[0] = s2d(&f, s->l[0]);
    *mx |= f.flags;
}

void sse_cvtsd2ss(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    SseFp f;

    sse_fp_begin(&f, *mx);
    d->l[0] = d2s(&f, s->q[0]);
    sse_fp_end(&f, mx);
}

void sse_cvtps2pd(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    SseFp f = { *mx, 0 };
    uint32_t a0 = s->l[0], a1 = s->l[1];

    d->q[0] = s2d(&f, a0);
    d->q[1] = s2d(&f, a1);
    *mx |= f.flags;
}

void sse_cvtpd2ps(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    SseFp f;
    uint64_t a0 = s->q[0], a1 = s->q[1];

    sse_fp_begin(&f, *mx);
    d->l[0] = d2s(&f, a0);
    d->l[1] = d2s(&f, a1);
    d->q[1] = 0;
    sse_fp_end(&f, mx);
}

void sse_cvtdq2ps(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    SseFp f;
    int i;

    sse_fp_begin(&f, *mx);
    for (i = 0; i < 4; i++) {
        d->l[i] = i2f(&f, (int32_t)s->l[i], false);
    }
    sse_fp_end(&f, mx);
}

void sse_cvtdq2pd(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    SseFp f = { *mx, 0 };
    int32_t a0 = s->l[0], a1 = s->l[1];

    d->q[0] = i2f(&f, a0, true);
    d->q[1] = i2f(&f, a1, true);
}

static void ps2dq(XMMReg *d, const XMMReg *s, uint32_t *mx, bool trunc,
                  int n)
{
    SseFp f = { *mx, 0 };
    int i;

    for (i = 0; i < n; i++) {
        d->l[i] = f2i(&f, s->l[i], false, false, trunc);
    }
    *mx |= f.flags;
}

void sse_cvtps2dq(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    ps2dq(d, s, mx, false, 4);
}

void sse_cvttps2dq(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    ps2dq(d, s, mx, true, 4);
}

static void pd2dq(XMMReg *d, const XMMReg *s, uint32_t *mx, bool trunc)
{
    SseFp f = { *mx, 0 };
    uint64_t a0 = s->q[0], a1 = s->q[1];

    d->l[0] = f2i(&f, a0, true, false, trunc);
    d->l[1] = f2i(&f, a1, true, false, trunc);
    d->q[1] = 0;
    *mx |= f.flags;
}

void sse_cvtpd2dq(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    pd2dq(d, s, mx, false);
}

void sse_cvttpd2dq(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    pd2dq(d, s, mx, true);
}

/* MMX forms: the destination is the low 8 bytes (an MMX register). */
void sse_cvtpi2ps(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    SseFp f;
    int32_t a0 = s->l[0], a1 = s->l[1];

    sse_fp_begin(&f, *mx);
    d->l[0] = i2f(&f, a0, false);
    d->l[1] = i2f(&f, a1, false);
    sse_fp_end(&f, mx);
}

void sse_cvtpi2pd(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    sse_cvtdq2pd(d, s, mx, imm);
}

void sse_cvtps2pi(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    XMMReg t = *s;

    ps2dq(&t, s, mx, false, 2);
    d->q[0] = t.q[0];
}

void sse_cvttps2pi(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    XMMReg t = *s;

    ps2dq(&t, s, mx, true, 2);
    d->q[0] = t.q[0];
}

void sse_cvtpd2pi(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    XMMReg t;

    pd2dq(&t, s, mx, false);
    d->q[0] = t.q[0];
}

void sse_cvttpd2pi(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    XMMReg t;

    pd2dq(&t, s, mx, true);
    d->q[0] = t.q[0];
}

/* ---- registration ---- */

void sse_cvt_ops_init(void)
{
    unsigned fp = SD_FP;

    /* 0F 5A: CVTPS2PD, CVTPD2PS, CVTSS2SD, CVTSD2SS. */
    sse_reg(1, 0x5a, PFX_NONE, sse_cvtps2pd, fp | SD_M8, SSE_F_SSE2);
    sse_reg(1, 0x5a, PFX_66, sse_cvtpd2ps, fp | SD_ALIGN, SSE_F_SSE2);
    sse_reg(1, 0x5a, PFX_F3, sse_cvtss2sd, SD_FP | SD_M4, SSE_F_SSE2);
    sse_reg(1, 0x5a, PFX_F2, sse_cvtsd2ss, SD_FP | SD_M8, SSE_F_SSE2);
    /* 0F 5B: CVTDQ2PS, CVTPS2DQ, CVTTPS2DQ. */
    sse_reg(1, 0x5b, PFX_NONE, sse_cvtdq2ps, fp | SD_ALIGN, SSE_F_SSE2);
    sse_reg(1, 0x5b, PFX_66, sse_cvtps2dq, fp | SD_ALIGN, SSE_F_SSE2);
    sse_reg(1, 0x5b, PFX_F3, sse_cvttps2dq, fp | SD_ALIGN, SSE_F_SSE2);
    /* 0F E6: CVTTPD2DQ, CVTDQ2PD, CVTPD2DQ. */
    sse_reg(1, 0xe6, PFX_66, sse_cvttpd2dq, fp | SD_ALIGN, SSE_F_SSE2);
    sse_reg(1, 0xe6, PFX_F3, sse_cvtdq2pd, fp | SD_M8, SSE_F_SSE2);
    sse_reg(1, 0xe6, PFX_F2, sse_cvtpd2dq, fp | SD_ALIGN, SSE_F_SSE2);
    /* 0F 2A: CVTPI2PS (keeps the high half), CVTPI2PD. */
    sse_reg(1, 0x2a, PFX_NONE, sse_cvtpi2ps, SD_FP | SD_MMXSRC, SSE_F_SSE);
    sse_reg(1, 0x2a, PFX_66, sse_cvtpi2pd, fp | SD_MMXSRC, SSE_F_SSE2);
    /* 0F 2C / 2D: CVT(T)PS2PI (source m64), CVT(T)PD2PI (m128). */
    sse_reg(1, 0x2c, PFX_NONE, sse_cvttps2pi, fp | SD_MMXDST | SD_M8,
            SSE_F_SSE);
    sse_reg(1, 0x2c, PFX_66, sse_cvttpd2pi, fp | SD_MMXDST | SD_ALIGN,
            SSE_F_SSE2);
    sse_reg(1, 0x2d, PFX_NONE, sse_cvtps2pi, fp | SD_MMXDST | SD_M8,
            SSE_F_SSE);
    sse_reg(1, 0x2d, PFX_66, sse_cvtpd2pi, fp | SD_MMXDST | SD_ALIGN,
            SSE_F_SSE2);
}
