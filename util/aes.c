/*
 * aes.c: AES decryption (see include/crypto/aes.h), written from FIPS-197.
 * The S-boxes are computed once from their definition (multiplicative
 * inverse in GF(2^8), then the affine map) rather than typed in.
 */
#include "qemu/osdep.h"
#include "crypto/aes.h"

static uint8_t sbox[256];
static uint8_t inv_sbox[256];

/* Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1. */
static uint8_t gf_mul(uint8_t a, uint8_t b)
{
    uint8_t r = 0;

    while (b) {
        if (b & 1) {
            r ^= a;
        }
        a = (uint8_t)((a << 1) ^ (a & 0x80 ? 0x1b : 0));
        b >>= 1;
    }
    return r;
}

static uint8_t rotl8(uint8_t x, int n)
{
    return (uint8_t)((x << n) | (x >> (8 - n)));
}

static void aes_init_tables(void)
{
    static gsize done;
    int x;

    if (!g_once_init_enter(&done)) {
        return;
    }
    for (x = 0; x < 256; x++) {
        uint8_t inv = 0, s;
        int y;

        /* x^254 is the inverse of x (and maps 0 to 0). */
        if (x) {
            inv = 1;
            for (y = 0; y < 254; y++) {
                inv = gf_mul(inv, (uint8_t)x);
            }
        }
        s = inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^
            rotl8(inv, 4) ^ 0x63;
        sbox[x] = s;
        inv_sbox[s] = (uint8_t)x;
    }
    g_once_init_leave(&done, 1);
}

bool qcrypto_aes_set_key(QCryptoAESKey *key, const uint8_t *data, size_t len)
{
    uint8_t w[60][4];
    int nk = (int)(len / 4);
    int total, i, j;
    uint8_t rcon = 1;

    if (len != 16 && len != 24 && len != 32) {
        return false;
    }
    aes_init_tables();
    key->rounds = nk + 6;
    total = 4 * (key->rounds + 1);
    for (i = 0; i < nk; i++) {
        memcpy(w[i], data + 4 * i, 4);
    }
    for (i = nk; i < total; i++) {
        uint8_t t[4];

        memcpy(t, w[i - 1], 4);
        if (i % nk == 0) {
            /* RotWord, SubWord, then the round constant. */
            uint8_t first = t[0];

            t[0] = sbox[t[1]] ^ rcon;
            t[1] = sbox[t[2]];
            t[2] = sbox[t[3]];
            t[3] = sbox[first];
            rcon = gf_mul(rcon, 2);
        } else if (nk > 6 && i % nk == 4) {
            for (j = 0; j < 4; j++) {
                t[j] = sbox[t[j]];
            }
        }
        for (j = 0; j < 4; j++) {
            w[i][j] = w[i - nk][j] ^ t[j];
        }
    }
    for (i = 0; i <= key->rounds; i++) {
        memcpy(key->round_key[i], w[4 * i], QCRYPTO_AES_BLOCK_SIZE);
    }
    return true;
}

static void add_round_key(uint8_t *s, const uint8_t *rk)
{
    int i;

    for (i = 0; i < QCRYPTO_AES_BLOCK_SIZE; i++) {
        s[i] ^= rk[i];
    }
}

/* The state is column-major: byte (row r, column c) is s[r + 4 * c]. */
static void inv_shift_sub(uint8_t *s)
{
    uint8_t t[QCRYPTO_AES_BLOCK_SIZE];
    int r, c;

    for (r = 0; r < 4; r++) {
        for (c = 0; c < 4; c++) {
            t[r + 4 * ((c + r) % 4)] = inv_sbox[s[r + 4 * c]];
        }
    }
    memcpy(s, t, sizeof(t));
}

static void inv_mix_columns(uint8_t *s)
{
    int c;

    for (c = 0; c < 4; c++) {
        uint8_t *a = s + 4 * c;
        uint8_t a0 = a[0], a1 = a[1], a2 = a[2], a3 = a[3];

        a[0] = gf_mul(a0, 14) ^ gf_mul(a1, 11) ^ gf_mul(a2, 13) ^
               gf_mul(a3, 9);
        a[1] = gf_mul(a0, 9) ^ gf_mul(a1, 14) ^ gf_mul(a2, 11) ^
               gf_mul(a3, 13);
        a[2] = gf_mul(a0, 13) ^ gf_mul(a1, 9) ^ gf_mul(a2, 14) ^
               gf_mul(a3, 11);
        a[3] = gf_mul(a0, 11) ^ gf_mul(a1, 13) ^ gf_mul(a2, 9) ^
               gf_mul(a3, 14);
    }
}

void qcrypto_aes_decrypt_block(const QCryptoAESKey *key,
                               const uint8_t in[QCRYPTO_AES_BLOCK_SIZE],
                               uint8_t out[QCRYPTO_AES_BLOCK_SIZE])
{
    uint8_t s[QCRYPTO_AES_BLOCK_SIZE];
    int round;

    memcpy(s, in, sizeof(s));
    add_round_key(s, key->round_key[key->rounds]);
    for (round = key->rounds - 1; round > 0; round--) {
        inv_shift_sub(s);
        add_round_key(s, key->round_key[round]);
        inv_mix_columns(s);
    }
    inv_shift_sub(s);
    add_round_key(s, key->round_key[0]);
    memcpy(out, s, sizeof(s));
}

bool qcrypto_aes_cbc_decrypt(const QCryptoAESKey *key,
                             const uint8_t iv[QCRYPTO_AES_BLOCK_SIZE],
                             const uint8_t *in, uint8_t *out, size_t len)
{
    uint8_t prev[QCRYPTO_AES_BLOCK_SIZE], cur[QCRYPTO_AES_BLOCK_SIZE];
    size_t off;
    int i;

    if (len % QCRYPTO_AES_BLOCK_SIZE) {
        return false;
    }
    memcpy(prev, iv, sizeof(prev));
    for (off = 0; off < len; off += QCRYPTO_AES_BLOCK_SIZE) {
        /* Keep the ciphertext block: out may overwrite in. */
        memcpy(cur, in + off, sizeof(cur));
        qcrypto_aes_decrypt_block(key, cur, out + off);
        for (i = 0; i < QCRYPTO_AES_BLOCK_SIZE; i++) {
            out[off + i] ^= prev[i];
        }
        memcpy(prev, cur, sizeof(prev));
    }
    return true;
}
