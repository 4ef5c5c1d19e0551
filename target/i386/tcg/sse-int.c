/*
 * sse-int.c: packed integer instructions of MMX and SSE2 (and the MMX
 * extensions of SSE): add/subtract (wrapping and saturating), multiplies,
 * compares, logic, packs, unpacks, shifts, averages, min/max, PSADBW.
 *
 * The helpers compute on all 16 bytes; the MMX forms use the low 8 (the
 * results there are the same for element-wise operations).  Packs and
 * high unpacks, whose MMX results differ, have *_mmx variants.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/sse-internal.h"

static inline int sat_s8(int v)
{
    return v < -128 ? -128 : v > 127 ? 127 : v;
}

static inline int sat_u8(int v)
{
    return v < 0 ? 0 : v > 255 ? 255 : v;
}

static inline int sat_s16(int v)
{
    return v < -32768 ? -32768 : v > 32767 ? 32767 : v;
}

static inline int sat_u16(int v)
{
    return v < 0 ? 0 : v > 65535 ? 65535 : v;
}

/*
 * Element-wise operations: for each element i, a = d[i], b = s[i] as
 * unsigned values of the field's width; d[i] = expr.
 */
#define ELEMWISE(name, field, n, expr)                                      \
void name(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)          \
{                                                                           \
    int i;                                                                  \
    for (i = 0; i < n; i++) {                                               \
        uint64_t a = d->field[i], b = s->field[i];                          \
        d->field[i] = (expr);                                               \
    }                                                                       \
}

ELEMWISE(sse_paddb, b, 16, a + b)
ELEMWISE(sse_paddw, w, 8, a + b)
ELEMWISE(sse_paddd, l, 4, a + b)
ELEMWISE(sse_paddq, q, 2, a + b)
ELEMWISE(sse_psubb, b, 16, a - b)
ELEMWISE(sse_psubw, w, 8, a - b)
ELEMWISE(sse_psubd, l, 4, a - b)
ELEMWISE(sse_psubq, q, 2, a - b)
ELEMWISE(sse_paddsb, b, 16, sat_s8((int8_t)a + (int8_t)b))
ELEMWISE(sse_paddsw, w, 8, sat_s16((int16_t)a + (int16_t)b))
ELEMWISE(sse_psubsb, b, 16, sat_s8((int8_t)a - (int8_t)b))
ELEMWISE(sse_psubsw, w, 8, sat_s16((int16_t)a - (int16_t)b))
ELEMWISE(sse_paddusb, b, 16, sat_u8((int)a + (int)b))
ELEMWISE(sse_paddusw, w, 8, sat_u16((int)a + (int)b))
ELEMWISE(sse_psubusb, b, 16, sat_u8((int)a - (int)b))
ELEMWISE(sse_psubusw, w, 8, sat_u16((int)a - (int)b))
ELEMWISE(sse_pmullw, w, 8, a * b)
ELEMWISE(sse_pmulhw, w, 8, ((int32_t)(int16_t)a * (int16_t)b) >> 16)
ELEMWISE(sse_pmulhuw, w, 8, (a * b) >> 16)
ELEMWISE(sse_pmuludq, q, 2, (a & 0xffffffff) * (b & 0xffffffff))
ELEMWISE(sse_pcmpeqb, b, 16, a == b ? 0xff : 0)
ELEMWISE(sse_pcmpeqw, w, 8, a == b ? 0xffff : 0)
ELEMWISE(sse_pcmpeqd, l, 4, a == b ? 0xffffffffu : 0)
ELEMWISE(sse_pcmpgtb, b, 16, (int8_t)a > (int8_t)b ? 0xff : 0)
ELEMWISE(sse_pcmpgtw, w, 8, (int16_t)a > (int16_t)b ? 0xffff : 0)
ELEMWISE(sse_pcmpgtd, l, 4, (int32_t)a > (int32_t)b ? 0xffffffffu : 0)
ELEMWISE(sse_pand, q, 2, a & b)
ELEMWISE(sse_pandn, q, 2, ~a & b)
ELEMWISE(sse_por, q, 2, a | b)
ELEMWISE(sse_pxor, q, 2, a ^ b)
ELEMWISE(sse_pavgb, b, 16, (a + b + 1) >> 1)
ELEMWISE(sse_pavgw, w, 8, (a + b + 1) >> 1)
ELEMWISE(sse_pminub, b, 16, a < b ? a : b)
ELEMWISE(sse_pmaxub, b, 16, a > b ? a : b)
ELEMWISE(sse_pminsw, w, 8, (int16_t)a < (int16_t)b ? a : b)
ELEMWISE(sse_pmaxsw, w, 8, (int16_t)a > (int16_t)b ? a : b)

void sse_pmaddwd(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    int i;

    for (i = 0; i < 4; i++) {
        /* Only -32768 * -32768 twice overflows; it wraps to 0x80000000. */
        uint32_t p0 = (int32_t)(int16_t)d->w[2 * i] * (int16_t)s->w[2 * i];
        uint32_t p1 = (int32_t)(int16_t)d->w[2 * i + 1] *
                      (int16_t)s->w[2 * i + 1];
        d->l[i] = p0 + p1;
    }
}

void sse_psadbw(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    int h, i;

    for (h = 0; h < 2; h++) {
        unsigned sum = 0;

        for (i = 0; i < 8; i++) {
            int a = d->b[8 * h + i], b = s->b[8 * h + i];
            sum += a > b ? a - b : b - a;
        }
        d->q[h] = sum;
    }
}

/* ---- shifts (count: the low 64 bits of s, or the immediate) ---- */

#define SHIFT(name, field, n, bits, expr_in, expr_out)                      \
void name(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)          \
{                                                                           \
    uint64_t c = s->q[0];                                                   \
    int i;                                                                  \
    for (i = 0; i < n; i++) {                                               \
        uint64_t a = d->field[i];                                           \
        d->field[i] = c < bits ? (expr_in) : (expr_out);                    \
    }                                                                       \
}

SHIFT(sse_psrlw, w, 8, 16, a >> c, 0)
SHIFT(sse_psrld, l, 4, 32, a >> c, 0)
SHIFT(sse_psrlq, q, 2, 64, a >> c, 0)
SHIFT(sse_psllw, w, 8, 16, a << c, 0)
SHIFT(sse_pslld, l, 4, 32, a << c, 0)
SHIFT(sse_psllq, q, 2, 64, a << c, 0)
SHIFT(sse_psraw, w, 8, 16, (int16_t)a >> c, (int16_t)a >> 15)
SHIFT(sse_psrad, l, 4, 32, (int32_t)a >> c, (int32_t)a >> 31)

/* PSRLDQ / PSLLDQ: whole-register byte shifts by imm (above 15: zero). */
void sse_psrldq(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    XMMReg r;
    unsigned i;

    for (i = 0; i < 16; i++) {
        r.b[i] = i + imm < 16 ? d->b[i + imm] : 0;
    }
    *d = r;
}

void sse_pslldq(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    XMMReg r;
    unsigned i;

    for (i = 0; i < 16; i++) {
        r.b[i] = i >= imm ? d->b[i - imm] : 0;
    }
    *d = r;
}

/* ---- packs ---- */

static void packsswb(XMMReg *d, const XMMReg *s, int n)
{
    XMMReg r = { .q = { 0, 0 } };
    int i;

    for (i = 0; i < n; i++) {
        r.b[i] = sat_s8((int16_t)d->w[i]);
        r.b[n + i] = sat_s8((int16_t)s->w[i]);
    }
    *d = r;
}

static void packuswb(XMMReg *d, const XMMReg *s, int n)
{
    XMMReg r = { .q = { 0, 0 } };
    int i;

    for (i = 0; i < n; i++) {
        r.b[i] = sat_u8((int16_t)d->w[i]);
        r.b[n + i] = sat_u8((int16_t)s->w[i]);
    }
    *d = r;
}

static void packssdw(XMMReg *d, const XMMReg *s, int n)
{
    XMMReg r = { .q = { 0, 0 } };
    int i;

    for (i = 0; i < n; i++) {
        r.w[i] = sat_s16((int32_t)d->l[i]);
        r.w[n + i] = sat_s16((int32_t)s->l[i]);
    }
    *d = r;
}

void sse_packsswb(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    packsswb(d, s, 8);
}

void sse_packsswb_mmx(XMMReg *d, const XMMReg *s, uint32_t *mx,
                      unsigned imm)
{
    packsswb(d, s, 4);
}

void sse_packuswb(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    packuswb(d, s, 8);
}

void sse_packuswb_mmx(XMMReg *d, const XMMReg *s, uint32_t *mx,
                      unsigned imm)
{
    packuswb(d, s, 4);
}

void sse_packssdw(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    packssdw(d, s, 4);
}

void sse_packssdw_mmx(XMMReg *d, const XMMReg *s, uint32_t *mx,
                      unsigned imm)
{
    packssdw(d, s, 2);
}

/* SSE4.1 PACKUSDW: signed dwords to unsigned words. */
void sse_packusdw(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    XMMReg r;
    int i;

    for (i = 0; i < 4; i++) {
        int64_t a = (int32_t)d->l[i], b = (int32_t)s->l[i];
        r.w[i] = a < 0 ? 0 : a > 65535 ? 65535 : a;
        r.w[4 + i] = b < 0 ? 0 : b > 65535 ? 65535 : b;
    }
    *d = r;
}

/* ---- unpacks: interleave elements of size es from byte offset off ---- */

static void unpack(XMMReg *d, const XMMReg *s, int es, int off, int n)
{
    XMMReg r = { .q = { 0, 0 } };
    int i;

    for (i = 0; i < n / 2; i += es) {
        memcpy(&r.b[2 * i], &d->b[off + i], es);
        memcpy(&r.b[2 * i + es], &s->b[off + i], es);
    }
    *d = r;
}

#define UNPACK(name, es)                                                    \
void sse_punpckl##name(XMMReg *d, const XMMReg *s, uint32_t *mx,           \
                       unsigned imm)                                        \
{                                                                           \
    unpack(d, s, es, 0, 16);                                                \
}                                                                           \
void sse_punpckh##name(XMMReg *d, const XMMReg *s, uint32_t *mx,           \
                       unsigned imm)                                        \
{                                                                           \
    unpack(d, s, es, 8, 16);                                                \
}                                                                           \
void sse_punpckh##name##_mmx(XMMReg *d, const XMMReg *s, uint32_t *mx,     \
                             unsigned imm)                                  \
{                                                                           \
    unpack(d, s, es, 4, 8);                                                 \
}

UNPACK(bw, 1)
UNPACK(wd, 2)
UNPACK(dq, 4)

void sse_punpcklqdq(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    unpack(d, s, 8, 0, 16);
}

void sse_punpckhqdq(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    unpack(d, s, 8, 8, 16);
}

/* ---- shifts by immediate: groups 0F 71, 72, 73 (register form) ---- */

static const SseFn shift_grp[3][8] = {
    /* 0F 71: /2 PSRLW, /4 PSRAW, /6 PSLLW */
    { NULL, NULL, sse_psrlw, NULL, sse_psraw, NULL, sse_psllw, NULL },
    /* 0F 72: /2 PSRLD, /4 PSRAD, /6 PSLLD */
    { NULL, NULL, sse_psrld, NULL, sse_psrad, NULL, sse_pslld, NULL },
    /* 0F 73: /2 PSRLQ, /3 PSRLDQ (66), /6 PSLLQ, /7 PSLLDQ (66) */
    { NULL, NULL, sse_psrlq, sse_psrldq, NULL, NULL, sse_psllq, sse_pslldq },
};

static void op_shift_imm(CPUX86State *env, const X86Insn *in)
{
    unsigned r = (in->modrm >> 3) & 7;
    SseFn fn = shift_grp[in->op - 0x71][r];
    XMMReg d, s = { .q = { in->imm, 0 } };
    uint32_t mx = 0;
    bool mmx = in->pfx == PFX_NONE;

    sse_check(env, mmx ? SSE_F_MMX : SSE_F_SSE2, mmx);
    if (mmx) {
        d.q[0] = sse_mmx_get(env, in->rm);
        d.q[1] = 0;
        fn(&d, &s, &mx, in->imm);
        sse_mmx_set(env, in->rm, d.q[0]);
    } else {
        d = env->xmm_regs[in->rm];
        fn(&d, &s, &mx, in->imm);
        env->xmm_regs[in->rm] = d;
    }
    env->eip = in->next_eip;
}

/* ---- registration ---- */

/*
 * The MMX (no prefix) and SSE2 (66) forms of the 0F 60-7F and D0-FF
 * integer opcodes: mmx_feat is the feature of the MMX form (MMX, or SSE
 * for the SSE additions, SSE2 for PADDQ/PSUBQ/PMULUDQ, -1: none).
 */
static const struct {
    uint8_t op;
    int8_t mmx_feat;
    SseFn xmm, mmx;
} int_tab[] = {
    { 0x60, SSE_F_MMX, sse_punpcklbw, sse_punpcklbw },
    { 0x61, SSE_F_MMX, sse_punpcklwd, sse_punpcklwd },
    { 0x62, SSE_F_MMX, sse_punpckldq, sse_punpckldq },
    { 0x63, SSE_F_MMX, sse_packsswb, sse_packsswb_mmx },
    { 0x64, SSE_F_MMX, sse_pcmpgtb, sse_pcmpgtb },
    { 0x65, SSE_F_MMX, sse_pcmpgtw, sse_pcmpgtw },
    { 0x66, SSE_F_MMX, sse_pcmpgtd, sse_pcmpgtd },
    { 0x67, SSE_F_MMX, sse_packuswb, sse_packuswb_mmx },
    { 0x68, SSE_F_MMX, sse_punpckhbw, sse_punpckhbw_mmx },
    { 0x69, SSE_F_MMX, sse_punpckhwd, sse_punpckhwd_mmx },
    { 0x6a, SSE_F_MMX, sse_punpckhdq, sse_punpckhdq_mmx },
    { 0x6b, SSE_F_MMX, sse_packssdw, sse_packssdw_mmx },
    { 0x6c, -1, sse_punpcklqdq, NULL },
    { 0x6d, -1, sse_punpckhqdq, NULL },
    { 0x74, SSE_F_MMX, sse_pcmpeqb, sse_pcmpeqb },
    { 0x75, SSE_F_MMX, sse_pcmpeqw, sse_pcmpeqw },
    { 0x76, SSE_F_MMX, sse_pcmpeqd, sse_pcmpeqd },
    { 0xd1, SSE_F_MMX, sse_psrlw, sse_psrlw },
    { 0xd2, SSE_F_MMX, sse_psrld, sse_psrld },
    { 0xd3, SSE_F_MMX, sse_psrlq, sse_psrlq },
    { 0xd4, SSE_F_SSE2, sse_paddq, sse_paddq },
    { 0xd5, SSE_F_MMX, sse_pmullw, sse_pmullw },
    { 0xd8, SSE_F_MMX, sse_psubusb, sse_psubusb },
    { 0xd9, SSE_F_MMX, sse_psubusw, sse_psubusw },
    { 0xda, SSE_F_SSE, sse_pminub, sse_pminub },
    { 0xdb, SSE_F_MMX, sse_pand, sse_pand },
    { 0xdc, SSE_F_MMX, sse_paddusb, sse_paddusb },
    { 0xdd, SSE_F_MMX, sse_paddusw, sse_paddusw },
    { 0xde, SSE_F_SSE, sse_pmaxub, sse_pmaxub },
    { 0xdf, SSE_F_MMX, sse_pandn, sse_pandn },
    { 0xe0, SSE_F_SSE, sse_pavgb, sse_pavgb },
    { 0xe1, SSE_F_MMX, sse_psraw, sse_psraw },
    { 0xe2, SSE_F_MMX, sse_psrad, sse_psrad },
    { 0xe3, SSE_F_SSE, sse_pavgw, sse_pavgw },
    { 0xe4, SSE_F_SSE, sse_pmulhuw, sse_pmulhuw },
    { 0xe5, SSE_F_MMX, sse_pmulhw, sse_pmulhw },
    { 0xe8, SSE_F_MMX, sse_psubsb, sse_psubsb },
    { 0xe9, SSE_F_MMX, sse_psubsw, sse_psubsw },
    { 0xea, SSE_F_SSE, sse_pminsw, sse_pminsw },
    { 0xeb, SSE_F_MMX, sse_por, sse_por },
    { 0xec, SSE_F_MMX, sse_paddsb, sse_paddsb },
    { 0xed, SSE_F_MMX, sse_paddsw, sse_paddsw },
    { 0xee, SSE_F_SSE, sse_pmaxsw, sse_pmaxsw },
    { 0xef, SSE_F_MMX, sse_pxor, sse_pxor },
    { 0xf1, SSE_F_MMX, sse_psllw, sse_psllw },
    { 0xf2, SSE_F_MMX, sse_pslld, sse_pslld },
    { 0xf3, SSE_F_MMX, sse_psllq, sse_psllq },
    { 0xf4, SSE_F_SSE2, sse_pmuludq, sse_pmuludq },
    { 0xf5, SSE_F_MMX, sse_pmaddwd, sse_pmaddwd },
    { 0xf6, SSE_F_SSE, sse_psadbw, sse_psadbw },
    { 0xf8, SSE_F_MMX, sse_psubb, sse_psubb },
    { 0xf9, SSE_F_MMX, sse_psubw, sse_psubw },
    { 0xfa, SSE_F_MMX, sse_psubd, sse_psubd },
    { 0xfb, SSE_F_SSE2, sse_psubq, sse_psubq },
    { 0xfc, SSE_F_MMX, sse_paddb, sse_paddb },
    { 0xfd, SSE_F_MMX, sse_paddw, sse_paddw },
    { 0xfe, SSE_F_MMX, sse_paddd, sse_paddd },
};

void sse_int_ops_init(void)
{
    unsigned i, r;

    for (i = 0; i < ARRAY_SIZE(int_tab); i++) {
        sse_reg(1, int_tab[i].op, PFX_66, int_tab[i].xmm, SD_ALIGN,
                SSE_F_SSE2);
        if (int_tab[i].mmx) {
            sse_reg(1, int_tab[i].op, PFX_NONE, int_tab[i].mmx, SD_MMX,
                    int_tab[i].mmx_feat);
        }
    }
    for (i = 0; i < 3; i++) {
        for (r = 0; r < 8; r++) {
            if (!shift_grp[i][r]) {
                continue;
            }
            if (r != 3 && r != 7) {
                x86_op_set(1, 0x71 + i, PFX_NONE, r, 1, OPM_ANY,
                           op_shift_imm, OPF_MODRM | OPF_SSE | OPF_IMM8U);
            }
            x86_op_set(1, 0x71 + i, PFX_66, r, 1, OPM_ANY, op_shift_imm,
                       OPF_MODRM | OPF_SSE | OPF_IMM8U);
        }
    }
    /* SSE4.1 0F 38 2B PACKUSDW. */
    sse_reg(2, 0x2b, PFX_66, sse_packusdw, SD_ALIGN, SSE_F_SSE41);
}
