/*
 * sse-shuffle.c: data movement inside registers: register moves of the
 * uniform shape, shuffles (SHUFPS, PSHUF*), unpacks of floats, SSE3
 * duplicates, SSSE3 (PSHUFB, horizontal add/subtract, PMADDUBSW,
 * PMULHRSW, PSIGN, PABS, PALIGNR) and the SSE4.1 immediate blends and
 * INSERTPS.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/sse-internal.h"

static inline int sat_s16(int v)
{
    return v < -32768 ? -32768 : v > 32767 ? 32767 : v;
}

/* ---- moves (memory forms of 4/8 bytes replicate the value in s) ---- */

void sse_mov(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    *d = *s;
}

void sse_movss(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    d->l[0] = s->l[0];
}

void sse_movsd(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    d->q[0] = s->q[0];
}

/* MOVQ xmm, xmm/m64: the high half is cleared. */
void sse_movq(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    d->q[0] = s->q[0];
    d->q[1] = 0;
}

/* MOVHLPS (register) and MOVLPS (m64 replicated in s). */
void sse_movhlps(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    d->q[0] = s->q[1];
}

/* MOVLHPS (register) and MOVHPS / MOVHPD (m64). */
void sse_movlhps(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    d->q[1] = s->q[0];
}

void sse_movsldup(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    XMMReg r = { .l = { s->l[0], s->l[0], s->l[2], s->l[2] } };

    *d = r;
}

void sse_movshdup(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    XMMReg r = { .l = { s->l[1], s->l[1], s->l[3], s->l[3] } };

    *d = r;
}

void sse_movddup(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    d->q[0] = s->q[0];
    d->q[1] = s->q[0];
}

/* ---- shuffles ---- */

void sse_shufps(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    XMMReg r = { .l = { d->l[imm & 3], d->l[(imm >> 2) & 3],
                        s->l[(imm >> 4) & 3], s->l[(imm >> 6) & 3] } };

    *d = r;
}

void sse_shufpd(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    XMMReg r = { .q = { d->q[imm & 1], s->q[(imm >> 1) & 1] } };

    *d = r;
}

void sse_pshufd(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    XMMReg r;
    int i;

    for (i = 0; i < 4; i++) {
        r.l[i] = s->l[(imm >> (2 * i)) & 3];
    }
    *d = r;
}

/* PSHUFLW, and PSHUFW (MMX: the low four words are the result). */
void sse_pshuflw(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    XMMReg r;
    int i;

    for (i = 0; i < 4; i++) {
        r.w[i] = s->w[(imm >> (2 * i)) & 3];
    }
    r.q[1] = s->q[1];
    *d = r;
}

void sse_pshufhw(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    XMMReg r;
    int i;

    r.q[0] = s->q[0];
    for (i = 0; i < 4; i++) {
        r.w[4 + i] = s->w[4 + ((imm >> (2 * i)) & 3)];
    }
    *d = r;
}

/* ---- SSSE3 ---- */

void sse_pshufb(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    XMMReg r;
    int i;

    for (i = 0; i < 16; i++) {
        r.b[i] = s->b[i] & 0x80 ? 0 : d->b[s->b[i] & 15];
    }
    *d = r;
}

void sse_pshufb_mmx(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    XMMReg r = { .q = { 0, 0 } };
    int i;

    for (i = 0; i < 8; i++) {
        r.b[i] = s->b[i] & 0x80 ? 0 : d->b[s->b[i] & 7];
    }
    *d = r;
}

enum { H_ADD, H_SUB, H_ADDS, H_SUBS };

/* Horizontal word ops: n pairs from d, then n pairs from s. */
static void hop_w(XMMReg *d, const XMMReg *s, int n, int op)
{
    XMMReg r = { .q = { 0, 0 } };
    int i;

    for (i = 0; i < 2 * n; i++) {
        const XMMReg *src = i < n ? d : s;
        int j = i < n ? i : i - n;
        int a = (int16_t)src->w[2 * j], b = (int16_t)src->w[2 * j + 1];

        switch (op) {
        case H_ADD: r.w[i] = a + b; break;
        case H_SUB: r.w[i] = a - b; break;
        case H_ADDS: r.w[i] = sat_s16(a + b); break;
        default: r.w[i] = sat_s16(a - b); break;
        }
    }
    *d = r;
}

static void hop_d(XMMReg *d, const XMMReg *s, int n, bool sub)
{
    XMMReg r = { .q = { 0, 0 } };
    int i;

    for (i = 0; i < 2 * n; i++) {
        const XMMReg *src = i < n ? d : s;
        int j = i < n ? i : i - n;

        r.l[i] = sub ? src->l[2 * j] - src->l[2 * j + 1]
                     : src->l[2 * j] + src->l[2 * j + 1];
    }
    *d = r;
}

#define HOPS(name, call_xmm, call_mmx)                                      \
void sse_##name(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)    \
{                                                                           \
    call_xmm;                                                               \
}                                                                           \
void sse_##name##_mmx(XMMReg *d, const XMMReg *s, uint32_t *mx,            \
                      unsigned imm)                                         \
{                                                                           \
    call_mmx;                                                               \
}

HOPS(phaddw, hop_w(d, s, 4, H_ADD), hop_w(d, s, 2, H_ADD))
HOPS(phsubw, hop_w(d, s, 4, H_SUB), hop_w(d, s, 2, H_SUB))
HOPS(phaddsw, hop_w(d, s, 4, H_ADDS), hop_w(d, s, 2, H_ADDS))
HOPS(phsubsw, hop_w(d, s, 4, H_SUBS), hop_w(d, s, 2, H_SUBS))
HOPS(phaddd, hop_d(d, s, 2, false), hop_d(d, s, 1, false))
HOPS(phsubd, hop_d(d, s, 2, true), hop_d(d, s, 1, true))

void sse_pmaddubsw(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    int i;

    for (i = 0; i < 8; i++) {
        int v = d->b[2 * i] * (int8_t)s->b[2 * i] +
                d->b[2 * i + 1] * (int8_t)s->b[2 * i + 1];
        d->w[i] = sat_s16(v);
    }
}

void sse_pmulhrsw(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    int i;

    for (i = 0; i < 8; i++) {
        int32_t p = (int32_t)(int16_t)d->w[i] * (int16_t)s->w[i];
        d->w[i] = ((p >> 14) + 1) >> 1;
    }
}

#define SIGN_ABS(sz, field, n, stype)                                       \
void sse_psign##sz(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm) \
{                                                                           \
    int i;                                                                  \
    for (i = 0; i < n; i++) {                                               \
        stype b = s->field[i];                                              \
        d->field[i] = b < 0 ? -d->field[i] : b == 0 ? 0 : d->field[i];      \
    }                                                                       \
}                                                                           \
void sse_pabs##sz(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)  \
{                                                                           \
    int i;                                                                  \
    for (i = 0; i < n; i++) {                                               \
        stype b = s->field[i];                                              \
        d->field[i] = b < 0 ? -s->field[i] : s->field[i];                   \
    }                                                                       \
}

SIGN_ABS(b, b, 16, int8_t)
SIGN_ABS(w, w, 8, int16_t)
SIGN_ABS(d, l, 4, int32_t)

/* PALIGNR: (d:s) shifted right by imm bytes, the low half kept. */
void sse_palignr(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    uint8_t t[32];
    XMMReg r;
    unsigned i;

    memcpy(t, s->b, 16);
    memcpy(t + 16, d->b, 16);
    for (i = 0; i < 16; i++) {
        r.b[i] = i + imm < 32 ? t[i + imm] : 0;
    }
    *d = r;
}

void sse_palignr_mmx(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    uint8_t t[16];
    XMMReg r = { .q = { 0, 0 } };
    unsigned i;

    memcpy(t, s->b, 8);
    memcpy(t + 8, d->b, 8);
    for (i = 0; i < 8; i++) {
        r.b[i] = i + imm < 16 ? t[i + imm] : 0;
    }
    *d = r;
}

/* ---- SSE4.1 blends and INSERTPS ---- */

void sse_blendps(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    int i;

    for (i = 0; i < 4; i++) {
        if (imm & (1 << i)) {
            d->l[i] = s->l[i];
        }
    }
}

void sse_blendpd(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    int i;

    for (i = 0; i < 2; i++) {
        if (imm & (1 << i)) {
            d->q[i] = s->q[i];
        }
    }
}

void sse_pblendw(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    int i;

    for (i = 0; i < 8; i++) {
        if (imm & (1 << i)) {
            d->w[i] = s->w[i];
        }
    }
}

/*
 * INSERTPS: element imm[7:6] of s (the m32 operand: replicated in every
 * element) into element imm[5:4] of d, then the elements in imm[3:0]
 * cleared.
 */
void sse_insertps(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    int i;

    d->l[(imm >> 4) & 3] = s->l[(imm >> 6) & 3];
    for (i = 0; i < 4; i++) {
        if (imm & (1 << i)) {
            d->l[i] = 0;
        }
    }
}

/* ---- registration ---- */

void sse_shuffle_ops_init(void)
{
    static const struct {
        uint8_t op;
        SseFn xmm, mmx;
    } ssse3[] = {
        { 0x00, sse_pshufb, sse_pshufb_mmx },
        { 0x01, sse_phaddw, sse_phaddw_mmx },
        { 0x02, sse_phaddd, sse_phaddd_mmx },
        { 0x03, sse_phaddsw, sse_phaddsw_mmx },
        { 0x04, sse_pmaddubsw, sse_pmaddubsw },
        { 0x05, sse_phsubw, sse_phsubw_mmx },
        { 0x06, sse_phsubd, sse_phsubd_mmx },
        { 0x07, sse_phsubsw, sse_phsubsw_mmx },
        { 0x08, sse_psignb, sse_psignb },
        { 0x09, sse_psignw, sse_psignw },
        { 0x0a, sse_psignd, sse_psignd },
        { 0x0b, sse_pmulhrsw, sse_pmulhrsw },
        { 0x1c, sse_pabsb, sse_pabsb },
        { 0x1d, sse_pabsw, sse_pabsw },
        { 0x1e, sse_pabsd, sse_pabsd },
    };
    unsigned i;

    for (i = 0; i < ARRAY_SIZE(ssse3); i++) {
        sse_reg(2, ssse3[i].op, PFX_66, ssse3[i].xmm, SD_ALIGN, SSE_F_SSSE3);
        sse_reg(2, ssse3[i].op, PFX_NONE, ssse3[i].mmx, SD_MMX, SSE_F_SSSE3);
    }
    sse_reg(3, 0x0f, PFX_66, sse_palignr, SD_ALIGN | SD_IMM, SSE_F_SSSE3);
    sse_reg(3, 0x0f, PFX_NONE, sse_palignr_mmx, SD_MMX | SD_IMM,
            SSE_F_SSSE3);

    /* 0F 10: MOVUPS, MOVUPD, MOVSS, MOVSD (loads). */
    sse_reg(1, 0x10, PFX_NONE, sse_mov, 0, SSE_F_SSE);
    sse_reg(1, 0x10, PFX_66, sse_mov, 0, SSE_F_SSE2);
    sse_reg(1, 0x10, PFX_F3, sse_movss, SD_M4 | SD_MZERO, SSE_F_SSE);
    sse_reg(1, 0x10, PFX_F2, sse_movsd, SD_M8 | SD_MZERO, SSE_F_SSE2);
    /* 0F 12: MOVLPS / MOVHLPS, MOVLPD, MOVSLDUP, MOVDDUP. */
    sse_reg(1, 0x12, PFX_NONE, sse_movhlps, SD_M8, SSE_F_SSE);
    sse_reg(1, 0x12, PFX_66, sse_movsd, SD_M8 | SD_MEMONLY, SSE_F_SSE2);
    sse_reg(1, 0x12, PFX_F3, sse_movsldup, SD_ALIGN, SSE_F_SSE3);
    sse_reg(1, 0x12, PFX_F2, sse_movddup, SD_M8, SSE_F_SSE3);
    /* 0F 14 / 15: UNPCKLPS/PD, UNPCKHPS/PD. */
    sse_reg(1, 0x14, PFX_NONE, sse_punpckldq, SD_ALIGN, SSE_F_SSE);
    sse_reg(1, 0x14, PFX_66, sse_punpcklqdq, SD_ALIGN, SSE_F_SSE2);
    sse_reg(1, 0x15, PFX_NONE, sse_punpckhdq, SD_ALIGN, SSE_F_SSE);
    sse_reg(1, 0x15, PFX_66, sse_punpckhqdq, SD_ALIGN, SSE_F_SSE2);
    /* 0F 16: MOVHPS / MOVLHPS, MOVHPD, MOVSHDUP. */
    sse_reg(1, 0x16, PFX_NONE, sse_movlhps, SD_M8, SSE_F_SSE);
    sse_reg(1, 0x16, PFX_66, sse_movlhps, SD_M8 | SD_MEMONLY, SSE_F_SSE2);
    sse_reg(1, 0x16, PFX_F3, sse_movshdup, SD_ALIGN, SSE_F_SSE3);
    /* 0F 28: MOVAPS, MOVAPD. */
    sse_reg(1, 0x28, PFX_NONE, sse_mov, SD_ALIGN, SSE_F_SSE);
    sse_reg(1, 0x28, PFX_66, sse_mov, SD_ALIGN, SSE_F_SSE2);
    /* 0F 6F: MOVQ mm, MOVDQA, MOVDQU. */
    sse_reg(1, 0x6f, PFX_NONE, sse_mov, SD_MMX, SSE_F_MMX);
    sse_reg(1, 0x6f, PFX_66, sse_mov, SD_ALIGN, SSE_F_SSE2);
    sse_reg(1, 0x6f, PFX_F3, sse_mov, 0, SSE_F_SSE2);
    /* 0F 70: PSHUFW, PSHUFD, PSHUFHW, PSHUFLW. */
    sse_reg(1, 0x70, PFX_NONE, sse_pshuflw, SD_MMX | SD_IMM, SSE_F_SSE);
    sse_reg(1, 0x70, PFX_66, sse_pshufd, SD_ALIGN | SD_IMM, SSE_F_SSE2);
    sse_reg(1, 0x70, PFX_F3, sse_pshufhw, SD_ALIGN | SD_IMM, SSE_F_SSE2);
    sse_reg(1, 0x70, PFX_F2, sse_pshuflw, SD_ALIGN | SD_IMM, SSE_F_SSE2);
    /* F3 0F 7E: MOVQ xmm, xmm/m64. */
    sse_reg(1, 0x7e, PFX_F3, sse_movq, SD_M8, SSE_F_SSE2);
    /* 0F C6: SHUFPS, SHUFPD. */
    sse_reg(1, 0xc6, PFX_NONE, sse_shufps, SD_ALIGN | SD_IMM, SSE_F_SSE);
    sse_reg(1, 0xc6, PFX_66, sse_shufpd, SD_ALIGN | SD_IMM, SSE_F_SSE2);
    /* F2 0F F0: LDDQU (unaligned). */
    sse_reg(1, 0xf0, PFX_F2, sse_mov, SD_MEMONLY, SSE_F_SSE3);
    /* SSE4.1: 0F 38 2A MOVNTDQA; 0F 3A 0C-0E blends, 21 INSERTPS. */
    sse_reg(2, 0x2a, PFX_66, sse_mov, SD_ALIGN | SD_MEMONLY, SSE_F_SSE41);
    sse_reg(3, 0x0c, PFX_66, sse_blendps, SD_ALIGN | SD_IMM, SSE_F_SSE41);
    sse_reg(3, 0x0d, PFX_66, sse_blendpd, SD_ALIGN | SD_IMM, SSE_F_SSE41);
    sse_reg(3, 0x0e, PFX_66, sse_pblendw, SD_ALIGN | SD_IMM, SSE_F_SSE41);
    sse_reg(3, 0x21, PFX_66, sse_insertps, SD_M4 | SD_IMM, SSE_F_SSE41);
}
