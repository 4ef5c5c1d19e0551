/*
 * sse-str.c: the pure parts of the SSE4.2 string compares (PCMPESTRI,
 * PCMPESTRM, PCMPISTRI, PCMPISTRM), CRC32, PTEST and the mask moves.
 *
 * PCMPxSTRx (SDM vol. 2 4.1 "Imm8 control byte operation for PCMPESTRI /
 * PCMPESTRM / PCMPISTRI / PCMPISTRM"): imm[1:0] element format (unsigned
 * bytes, unsigned words, signed bytes, signed words), imm[3:2]
 * aggregation (equal any, ranges, equal each, equal ordered), imm[5:4]
 * polarity, imm[6] index / mask selection.  Elements past the length
 * (explicit: |EAX|, |EDX| saturated to the element count; implicit: from
 * the first zero element) are invalid and force the comparison results
 * of the SDM's table 4-7.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/sse-internal.h"

static int elem(const XMMReg *x, int i, unsigned imm)
{
    switch (imm & 3) {
    case 0: return x->b[i];
    case 1: return x->w[i];
    case 2: return (int8_t)x->b[i];
    default: return (int16_t)x->w[i];
    }
}

static int str_len(const XMMReg *x, int64_t explicit_v, bool explicit_len,
                   int n, unsigned imm)
{
    int i;

    if (explicit_len) {
        if (explicit_v < -n || explicit_v > n) {
            return n;
        }
        return explicit_v < 0 ? -explicit_v : explicit_v;
    }
    for (i = 0; i < n; i++) {
        if (elem(x, i, imm) == 0) {
            break;
        }
    }
    return i;
}

uint32_t sse_pcmpstr(const XMMReg *a, const XMMReg *b, int64_t la,
                     int64_t lb, unsigned imm, bool explicit_len,
                     unsigned *index, XMMReg *mask)
{
    int n = imm & 1 ? 8 : 16;
    int lena = str_len(a, la, explicit_len, n, imm);
    int lenb = str_len(b, lb, explicit_len, n, imm);
    unsigned res1 = 0, res2, all = (1u << n) - 1;
    uint32_t flags = 0;
    int i, j;

    switch ((imm >> 2) & 3) {
    case 0:     /* equal any: b[j] is one of the valid a[i] */
        for (j = 0; j < lenb; j++) {
            for (i = 0; i < lena; i++) {
                if (elem(a, i, imm) == elem(b, j, imm)) {
                    res1 |= 1u << j;
                    break;
                }
            }
        }
        break;
    case 1:     /* ranges: a holds pairs [lo, hi] */
        for (j = 0; j < lenb; j++) {
            int v = elem(b, j, imm);

            for (i = 0; i + 1 < lena; i += 2) {
                if (v >= elem(a, i, imm) && v <= elem(a, i + 1, imm)) {
                    res1 |= 1u << j;
                    break;
                }
            }
        }
        break;
    case 2:     /* equal each: both invalid counts as equal */
        for (i = 0; i < n; i++) {
            bool va = i < lena, vb = i < lenb;

            if (va && vb ? elem(a, i, imm) == elem(b, i, imm) : !va && !vb) {
                res1 |= 1u << i;
            }
        }
        break;
    default:    /* equal ordered: the needle a starts at b[j] */
        for (j = 0; j < n; j++) {
            bool match = true;

            for (i = 0; i < n - j && i < lena; i++) {
                if (j + i >= lenb || elem(a, i, imm) != elem(b, j + i, imm)) {
                    match = false;
                    break;
                }
            }
            if (match) {
                res1 |= 1u << j;
            }
        }
        break;
    }

    switch ((imm >> 4) & 3) {
    case 1:
        res2 = res1 ^ all;
        break;
    case 3:
        res2 = res1 ^ ((1u << lenb) - 1);
        break;
    default:
        res2 = res1;
        break;
    }

    if (res2) {
        flags |= CC_C;
    }
    if (lenb < n) {
        flags |= CC_Z;
    }
    if (lena < n) {
        flags |= CC_S;
    }
    if (res2 & 1) {
        flags |= CC_O;
    }
    if (index) {
        if (!res2) {
            *index = n;
        } else if (imm & 0x40) {
            *index = 31 - __builtin_clz(res2);
        } else {
            *index = __builtin_ctz(res2);
        }
    }
    if (mask) {
        memset(mask, 0, sizeof(*mask));
        if (!(imm & 0x40)) {
            mask->w[0] = res2;
        } else {
            for (i = 0; i < n; i++) {
                if (res2 & (1u << i)) {
                    if (n == 16) {
                        mask->b[i] = 0xff;
                    } else {
                        mask->w[i] = 0xffff;
                    }
                }
            }
        }
    }
    return flags;
}

/* CRC-32C (polynomial 0x1EDC6F41, bit-reflected: 0x82F63B78). */
uint32_t sse_crc32(uint32_t crc, uint64_t v, unsigned bytes)
{
    unsigned i, k;

    for (i = 0; i < bytes; i++) {
        crc ^= (uint8_t)(v >> (8 * i));
        for (k = 0; k < 8; k++) {
            crc = (crc >> 1) ^ (0x82f63b78u & -(crc & 1));
        }
    }
    return crc;
}

uint32_t sse_ptest(const XMMReg *d, const XMMReg *s)
{
    uint32_t f = 0;

    if (!((d->q[0] & s->q[0]) | (d->q[1] & s->q[1]))) {
        f |= CC_Z;
    }
    if (!((~d->q[0] & s->q[0]) | (~d->q[1] & s->q[1]))) {
        f |= CC_C;
    }
    return f;
}

uint32_t sse_pmovmskb(const XMMReg *s, unsigned n)
{
    uint32_t m = 0;
    unsigned i;

    for (i = 0; i < n; i++) {
        m |= (uint32_t)(s->b[i] >> 7) << i;
    }
    return m;
}

uint32_t sse_movmskps(const XMMReg *s)
{
    uint32_t m = 0;
    int i;

    for (i = 0; i < 4; i++) {
        m |= (s->l[i] >> 31) << i;
    }
    return m;
}

uint32_t sse_movmskpd(const XMMReg *s)
{
    return (uint32_t)(s->q[0] >> 63) | (uint32_t)(s->q[1] >> 63) << 1;
}

/* BLENDVPS / BLENDVPD / PBLENDVB: by the sign bits of mask (XMM0). */
void sse_blendv(XMMReg *d, const XMMReg *s, const XMMReg *mask, int es)
{
    int i;

    for (i = 0; i < 16; i += es) {
        if (mask->b[i + es - 1] & 0x80) {
            memcpy(&d->b[i], &s->b[i], es);
        }
    }
}
