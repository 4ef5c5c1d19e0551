/*
 * sse4-fp.c: the SSE4.1 floating-point instructions: ROUNDPS/PD/SS/SD
 * and the dot products DPPS/DPPD (on the core of sse-arith.c).
 */
#include "qemu/osdep.h"
#include <math.h>
#include "target/i386/tcg/sse-internal.h"

/* ---- SSE4.1 dot products ---- */

/*
 * The dot products run in stages (products, then the sums pairwise), as
 * the hardware's flags show: a stage with an unmasked exception is the
 * last one, and reports only its pre-computation flags (IE, DE) when one
 * of those is unmasked, else all its flags, on top of the flags of the
 * stages before it.  DE counts denormal intermediate sums' inputs too.
 * Returns true when the instruction stops here.
 */
static bool stage_done(SseFp *f, uint32_t *total, uint32_t unmasked)
{
    uint32_t st = f->flags, pre = st & (MXCSR_IE | MXCSR_DE | MXCSR_ZE);

    f->flags = 0;
    if (pre & unmasked) {
        *total |= pre;
        return true;
    }
    *total |= st;
    return (st & unmasked) != 0;
}

/*
 * DPPS (SDM: DPPS): products of the elements selected by imm[7:4] (else
 * +0), summed pairwise ((0+1) + (2+3)) with a rounding at each step,
 * broadcast to the elements selected by imm[3:0] (else +0).
 */
void sse_dpps(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    SseFp f;
    uint64_t t[4], s01, s23, sum = 0;
    uint32_t unmasked = ~(*mx >> MXCSR_MASK_SHIFT) & MXCSR_FLAGS, total = 0;
    int i;

    sse_fp_begin(&f, *mx);
    for (i = 0; i < 4; i++) {
        t[i] = (imm >> (4 + i)) & 1
               ? sse_fp_op(&f, FOP_MUL, d->l[i], s->l[i], false) : 0;
    }
    if (!stage_done(&f, &total, unmasked)) {
        s01 = sse_fp_op(&f, FOP_ADD, t[0], t[1], false);
        s23 = sse_fp_op(&f, FOP_ADD, t[2], t[3], false);
        if (!stage_done(&f, &total, unmasked)) {
            sum = sse_fp_op(&f, FOP_ADD, s01, s23, false);
            stage_done(&f, &total, unmasked);
        }
    }
    f.flags = total;
    sse_fp_end(&f, mx);
    for (i = 0; i < 4; i++) {
        d->l[i] = (imm >> i) & 1 ? sum : 0;
    }
}

void sse_dppd(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    SseFp f;
    uint64_t t[2], sum = 0;
    uint32_t unmasked = ~(*mx >> MXCSR_MASK_SHIFT) & MXCSR_FLAGS, total = 0;
    int i;

    sse_fp_begin(&f, *mx);
    for (i = 0; i < 2; i++) {
        t[i] = (imm >> (4 + i)) & 1
               ? sse_fp_op(&f, FOP_MUL, d->q[i], s->q[i], true) : 0;
    }
    if (!stage_done(&f, &total, unmasked)) {
        sum = sse_fp_op(&f, FOP_ADD, t[0], t[1], true);
        stage_done(&f, &total, unmasked);
    }
    f.flags = total;
    sse_fp_end(&f, mx);
    for (i = 0; i < 2; i++) {
        d->q[i] = (imm >> i) & 1 ? sum : 0;
    }
}

/* ---- SSE4.1 rounding ---- */

double sse_round_double(double x, unsigned rc)
{
    double r;

    switch (rc & 3) {
    case 0: {
        /* Nearest, ties to even, without depending on the host mode. */
        double fl = floor(x), diff = x - fl;
        r = diff > 0.5 ? fl + 1 : diff < 0.5 ? fl
            : (fmod(fl, 2.0) == 0 ? fl : fl + 1);
        break;
    }
    case 1: r = floor(x); break;
    case 2: r = ceil(x); break;
    default: r = trunc(x); break;
    }
    if (r == 0) {
        r = copysign(0.0, x);
    }
    return r;
}

/*
 * ROUNDPS & co.: imm[1:0] the rounding mode unless imm[2] (then MXCSR.RC);
 * imm[3] suppresses PE.  Only SNaNs are invalid; no DE (SDM: ROUNDPS).
 */
static uint64_t round_one(SseFp *f, uint64_t a, bool dbl, unsigned imm)
{
    unsigned rc = imm & 4 ? (f->mx & MXCSR_RC) >> MXCSR_RC_SHIFT : imm & 3;
    double x, r;
    uint64_t out;

    a = sse_fp_daz(f, a, dbl);
    if (sse_fp_is_nan(a, dbl)) {
        if (sse_fp_is_snan(a, dbl)) {
            f->flags |= MXCSR_IE;
        }
        return sse_fp_quiet(a, dbl);
    }
    if (isinf(sse_fp_val(a, dbl)) || sse_fp_val(a, dbl) == 0) {
        return a;
    }
    x = sse_fp_val(a, dbl);
    r = sse_round_double(x, rc);
    if (r != x && !(imm & 8)) {
        f->flags |= MXCSR_PE;
    }
    if (dbl) {
        memcpy(&out, &r, 8);
    } else {
        float s = r;
        uint32_t l;
        memcpy(&l, &s, 4);
        out = l;
    }
    return out;
}

void sse_roundps(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    SseFp f = { *mx, 0 };
    int i;

    for (i = 0; i < 4; i++) {
        d->l[i] = round_one(&f, s->l[i], false, imm);
    }
    *mx |= f.flags;
}

void sse_roundpd(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    SseFp f = { *mx, 0 };
    int i;

    for (i = 0; i < 2; i++) {
        d->q[i] = round_one(&f, s->q[i], true, imm);
    }
    *mx |= f.flags;
}

void sse_roundss(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    SseFp f = { *mx, 0 };

    d->l[0] = round_one(&f, s->l[0], false, imm);
    *mx |= f.flags;
}

void sse_roundsd(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    SseFp f = { *mx, 0 };

    d->q[0] = round_one(&f, s->q[0], true, imm);
    *mx |= f.flags;
}

/* ---- registration ---- */

void sse4_fp_ops_init(void)
{
    /* 0F 3A 08-0B ROUND, 40 DPPS, 41 DPPD. */
    sse_reg(3, 0x08, PFX_66, sse_roundps,
            SD_FP | SD_IMM | SD_ALIGN, SSE_F_SSE41);
    sse_reg(3, 0x09, PFX_66, sse_roundpd,
            SD_FP | SD_IMM | SD_ALIGN, SSE_F_SSE41);
    sse_reg(3, 0x0a, PFX_66, sse_roundss, SD_FP | SD_IMM | SD_M4,
            SSE_F_SSE41);
    sse_reg(3, 0x0b, PFX_66, sse_roundsd, SD_FP | SD_IMM | SD_M8,
            SSE_F_SSE41);
    sse_reg(3, 0x40, PFX_66, sse_dpps,
            SD_FP | SD_IMM | SD_ALIGN | SD_STAGED, SSE_F_SSE41);
    sse_reg(3, 0x41, PFX_66, sse_dppd,
            SD_FP | SD_IMM | SD_ALIGN | SD_STAGED, SSE_F_SSE41);
}
