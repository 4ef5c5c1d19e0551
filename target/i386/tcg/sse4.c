/*
 * sse4.c: SSE4.1 / SSE4.2 packed integer instructions of the uniform
 * shape: sign/zero extension (PMOVSX/PMOVZX), min/max, PMULLD, PMULDQ,
 * PCMPEQQ, PCMPGTQ, PHMINPOSUW, MPSADBW.  (PACKUSDW is in sse-int.c,
 * the blends and INSERTPS in sse-shuffle.c, ROUND and DPPS in
 * sse-arith.c, the other shapes in sse-ops-special.c.)
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/sse-internal.h"

/* ---- PMOVSX / PMOVZX: n elements of s widened into d ---- */

#define PMOVX(name, dfield, sfield, n, cast)                                \
void name(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)          \
{                                                                           \
    XMMReg r;                                                               \
    int i;                                                                  \
    for (i = 0; i < n; i++) {                                               \
        r.dfield[i] = (cast)s->sfield[i];                                   \
    }                                                                       \
    *d = r;                                                                 \
}

PMOVX(sse_pmovsxbw, w, b, 8, int8_t)
PMOVX(sse_pmovsxbd, l, b, 4, int8_t)
PMOVX(sse_pmovsxbq, q, b, 2, int8_t)
PMOVX(sse_pmovsxwd, l, w, 4, int16_t)
PMOVX(sse_pmovsxwq, q, w, 2, int16_t)
PMOVX(sse_pmovsxdq, q, l, 2, int32_t)
PMOVX(sse_pmovzxbw, w, b, 8, uint8_t)
PMOVX(sse_pmovzxbd, l, b, 4, uint8_t)
PMOVX(sse_pmovzxbq, q, b, 2, uint8_t)
PMOVX(sse_pmovzxwd, l, w, 4, uint16_t)
PMOVX(sse_pmovzxwq, q, w, 2, uint16_t)
PMOVX(sse_pmovzxdq, q, l, 2, uint32_t)

/* ---- element-wise ---- */

#define ELEM4(name, field, n, type, expr)                                   \
void name(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)          \
{                                                                           \
    int i;                                                                  \
    for (i = 0; i < n; i++) {                                               \
        type a = d->field[i], b = s->field[i];                              \
        d->field[i] = (expr);                                               \
    }                                                                       \
}

ELEM4(sse_pminsb, b, 16, int8_t, a < b ? a : b)
ELEM4(sse_pmaxsb, b, 16, int8_t, a > b ? a : b)
ELEM4(sse_pminuw, w, 8, uint16_t, a < b ? a : b)
ELEM4(sse_pmaxuw, w, 8, uint16_t, a > b ? a : b)
ELEM4(sse_pminsd, l, 4, int32_t, a < b ? a : b)
ELEM4(sse_pmaxsd, l, 4, int32_t, a > b ? a : b)
ELEM4(sse_pminud, l, 4, uint32_t, a < b ? a : b)
ELEM4(sse_pmaxud, l, 4, uint32_t, a > b ? a : b)
ELEM4(sse_pmulld, l, 4, uint32_t, a * b)
ELEM4(sse_pcmpeqq, q, 2, uint64_t, a == b ? ~0ull : 0)
ELEM4(sse_pcmpgtq, q, 2, int64_t, a > b ? ~0ull : 0)

void sse_pmuldq(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    int64_t p0 = (int64_t)(int32_t)d->l[0] * (int32_t)s->l[0];
    int64_t p1 = (int64_t)(int32_t)d->l[2] * (int32_t)s->l[2];

    d->q[0] = p0;
    d->q[1] = p1;
}

/* PHMINPOSUW: the smallest unsigned word of s and its (lowest) index. */
void sse_phminposuw(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    unsigned i, idx = 0;

    for (i = 1; i < 8; i++) {
        if (s->w[i] < s->w[idx]) {
            idx = i;
        }
    }
    d->q[1] = 0;
    d->q[0] = s->w[idx] | (uint64_t)idx << 16;
}

/*
 * MPSADBW: eight sums of absolute differences between the 4-byte block
 * of s at imm[1:0] * 4 and the 4-byte windows of d starting at
 * imm[2] * 4 + i.
 */
void sse_mpsadbw(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    unsigned doff = (imm & 4), soff = (imm & 3) * 4, i, j;
    XMMReg r;

    for (i = 0; i < 8; i++) {
        unsigned sum = 0;

        for (j = 0; j < 4; j++) {
            int a = d->b[doff + i + j], b = s->b[soff + j];
            sum += a > b ? a - b : b - a;
        }
        r.w[i] = sum;
    }
    *d = r;
}

/* ---- registration ---- */

void sse4_ops_init(void)
{
    static const struct {
        uint8_t op;
        SseFn fn;
        uint16_t mem;
    } pmovx[] = {
        { 0x20, sse_pmovsxbw, SD_M8 }, { 0x21, sse_pmovsxbd, SD_M4 },
        { 0x22, sse_pmovsxbq, SD_M2 }, { 0x23, sse_pmovsxwd, SD_M8 },
        { 0x24, sse_pmovsxwq, SD_M4 }, { 0x25, sse_pmovsxdq, SD_M8 },
        { 0x30, sse_pmovzxbw, SD_M8 }, { 0x31, sse_pmovzxbd, SD_M4 },
        { 0x32, sse_pmovzxbq, SD_M2 }, { 0x33, sse_pmovzxwd, SD_M8 },
        { 0x34, sse_pmovzxwq, SD_M4 }, { 0x35, sse_pmovzxdq, SD_M8 },
    };
    static const struct {
        uint8_t op;
        SseFn fn;
    } ops[] = {
        { 0x28, sse_pmuldq }, { 0x29, sse_pcmpeqq },
        { 0x38, sse_pminsb }, { 0x39, sse_pminsd },
        { 0x3a, sse_pminuw }, { 0x3b, sse_pminud },
        { 0x3c, sse_pmaxsb }, { 0x3d, sse_pmaxsd },
        { 0x3e, sse_pmaxuw }, { 0x3f, sse_pmaxud },
        { 0x40, sse_pmulld }, { 0x41, sse_phminposuw },
    };
    unsigned i;

    for (i = 0; i < ARRAY_SIZE(pmovx); i++) {
        sse_reg(2, pmovx[i].op, PFX_66, pmovx[i].fn, pmovx[i].mem,
                SSE_F_SSE41);
    }
    for (i = 0; i < ARRAY_SIZE(ops); i++) {
        sse_reg(2, ops[i].op, PFX_66, ops[i].fn, SD_ALIGN, SSE_F_SSE41);
    }
    sse_reg(2, 0x37, PFX_66, sse_pcmpgtq, SD_ALIGN, SSE_F_SSE42);
    sse_reg(3, 0x42, PFX_66, sse_mpsadbw, SD_ALIGN | SD_IMM, SSE_F_SSE41);
}
