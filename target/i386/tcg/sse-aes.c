/*
 * sse-aes.c: AES-NI (AESENC, AESENCLAST, AESDEC, AESDECLAST, AESIMC,
 * AESKEYGENASSIST) and PCLMULQDQ.
 *
 * The AES round steps follow FIPS-197: the state is the 16 bytes of the
 * register in column order (byte i is row i % 4 of column i / 4).  The
 * S-box is computed once (multiplicative inverse in GF(2^8) followed by
 * the affine transform) instead of being typed in.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/sse-internal.h"

static uint8_t sbox[256], inv_sbox[256];

static uint8_t gf_mul(uint8_t a, uint8_t b)
{
    uint8_t r = 0;

    while (b) {
        if (b & 1) {
            r ^= a;
        }
        a = (a << 1) ^ (a & 0x80 ? 0x1b : 0);
        b >>= 1;
    }
    return r;
}

static void aes_tables(void)
{
    static gsize done;

    if (g_once_init_enter(&done)) {
        int x;

        for (x = 0; x < 256; x++) {
            uint8_t inv = 0, s;
            int y;

            for (y = 1; y < 256 && x; y++) {
                if (gf_mul(x, y) == 1) {
                    inv = y;
                    break;
                }
            }
            s = inv ^ (uint8_t)(inv << 1 | inv >> 7) ^
                (uint8_t)(inv << 2 | inv >> 6) ^
                (uint8_t)(inv << 3 | inv >> 5) ^
                (uint8_t)(inv << 4 | inv >> 4) ^ 0x63;
            sbox[x] = s;
            inv_sbox[s] = x;
        }
        g_once_init_leave(&done, 1);
    }
}

static void shift_rows(uint8_t *st, bool inv)
{
    uint8_t t[16];
    int r, c;

    for (c = 0; c < 4; c++) {
        for (r = 0; r < 4; r++) {
            if (inv) {
                t[r + 4 * ((c + r) % 4)] = st[r + 4 * c];
            } else {
                t[r + 4 * c] = st[r + 4 * ((c + r) % 4)];
            }
        }
    }
    memcpy(st, t, 16);
}

static void sub_bytes(uint8_t *st, bool inv)
{
    int i;

    for (i = 0; i < 16; i++) {
        st[i] = inv ? inv_sbox[st[i]] : sbox[st[i]];
    }
}

static void mix_columns(uint8_t *st, bool inv)
{
    static const uint8_t fwd[4] = { 2, 3, 1, 1 }, bwd[4] = { 14, 11, 13, 9 };
    const uint8_t *m = inv ? bwd : fwd;
    int r, c, k;

    for (c = 0; c < 4; c++) {
        uint8_t col[4];

        memcpy(col, st + 4 * c, 4);
        for (r = 0; r < 4; r++) {
            uint8_t v = 0;

            for (k = 0; k < 4; k++) {
                v ^= gf_mul(col[k], m[(k - r + 4) % 4]);
            }
            st[4 * c + r] = v;
        }
    }
}

static void aes_round(XMMReg *d, const XMMReg *key, bool dec, bool last)
{
    aes_tables();
    shift_rows(d->b, dec);
    sub_bytes(d->b, dec);
    if (!last) {
        mix_columns(d->b, dec);
    }
    d->q[0] ^= key->q[0];
    d->q[1] ^= key->q[1];
}

void sse_aesenc(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    aes_round(d, s, false, false);
}

void sse_aesenclast(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    aes_round(d, s, false, true);
}

void sse_aesdec(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    aes_round(d, s, true, false);
}

void sse_aesdeclast(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    aes_round(d, s, true, true);
}

void sse_aesimc(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    *d = *s;
    mix_columns(d->b, true);
}

static uint32_t sub_word(uint32_t w)
{
    return sbox[w & 0xff] | sbox[(w >> 8) & 0xff] << 8 |
           sbox[(w >> 16) & 0xff] << 16 | (uint32_t)sbox[w >> 24] << 24;
}

static uint32_t rot_word(uint32_t w)
{
    return w >> 8 | w << 24;
}

void sse_aeskeygenassist(XMMReg *d, const XMMReg *s, uint32_t *mx,
                         unsigned imm)
{
    uint32_t x1, x3;

    aes_tables();
    x1 = sub_word(s->l[1]);
    x3 = sub_word(s->l[3]);
    d->l[0] = x1;
    d->l[1] = rot_word(x1) ^ (imm & 0xff);
    d->l[2] = x3;
    d->l[3] = rot_word(x3) ^ (imm & 0xff);
}

/* PCLMULQDQ: carry-less product of d.q[imm bit 0] and s.q[imm bit 4]. */
void sse_pclmulqdq(XMMReg *d, const XMMReg *s, uint32_t *mx, unsigned imm)
{
    uint64_t a = d->q[imm & 1], b = s->q[(imm >> 4) & 1], lo = 0, hi = 0;
    int i;

    for (i = 0; i < 64; i++) {
        if (b >> i & 1) {
            lo ^= a << i;
            hi ^= i ? a >> (64 - i) : 0;
        }
    }
    d->q[0] = lo;
    d->q[1] = hi;
}

void sse_aes_ops_init(void)
{
    aes_tables();
    sse_reg(2, 0xdb, PFX_66, sse_aesimc, SD_ALIGN, SSE_F_AES);
    sse_reg(2, 0xdc, PFX_66, sse_aesenc, SD_ALIGN, SSE_F_AES);
    sse_reg(2, 0xdd, PFX_66, sse_aesenclast, SD_ALIGN, SSE_F_AES);
    sse_reg(2, 0xde, PFX_66, sse_aesdec, SD_ALIGN, SSE_F_AES);
    sse_reg(2, 0xdf, PFX_66, sse_aesdeclast, SD_ALIGN, SSE_F_AES);
    sse_reg(3, 0xdf, PFX_66, sse_aeskeygenassist, SD_ALIGN | SD_IMM,
            SSE_F_AES);
    sse_reg(3, 0x44, PFX_66, sse_pclmulqdq, SD_ALIGN | SD_IMM,
            SSE_F_PCLMUL);
}
