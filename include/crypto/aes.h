/*
 * aes.h: AES block decryption (FIPS-197) and CBC mode, for the few places
 * that must decrypt without a crypto library: "secret" objects encrypted
 * with the master key (keyid=/iv=, AES-256-CBC, as libvirt sends them).
 *
 * Table-driven and not constant-time: fine for decrypting a local secret
 * once, not for data an attacker can time.
 */
#ifndef CRYPTO_AES_H
#define CRYPTO_AES_H

#include "qemu/osdep.h"

#define QCRYPTO_AES_BLOCK_SIZE 16

/* An expanded key: rounds + 1 round keys (10, 12 or 14 rounds). */
typedef struct QCryptoAESKey {
    uint8_t round_key[15][QCRYPTO_AES_BLOCK_SIZE];
    int rounds;
} QCryptoAESKey;

/* Expand a 16, 24 or 32 byte key; false for any other length. */
bool qcrypto_aes_set_key(QCryptoAESKey *key, const uint8_t *data,
                         size_t len);
/* Decrypt one block (in and out may be the same buffer). */
void qcrypto_aes_decrypt_block(const QCryptoAESKey *key,
                               const uint8_t in[QCRYPTO_AES_BLOCK_SIZE],
                               uint8_t out[QCRYPTO_AES_BLOCK_SIZE]);
/*
 * CBC decryption of len bytes (a multiple of the block size; false
 * otherwise, nothing written).  in and out may be the same buffer.
 */
bool qcrypto_aes_cbc_decrypt(const QCryptoAESKey *key,
                             const uint8_t iv[QCRYPTO_AES_BLOCK_SIZE],
                             const uint8_t *in, uint8_t *out, size_t len);

#endif
