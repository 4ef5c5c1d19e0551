/*
 * secret.h: "secret" objects (-object secret,...): passwords and keys
 * handed to the emulator without putting them on the command line.
 *
 * A secret's bytes come from data= (inline) or file= (a path, or
 * /dev/fdset/N for a descriptor passed with -add-fd), in format=raw or
 * base64.  With keyid=ID the bytes are AES-256-CBC ciphertext, decrypted
 * with the 32-byte secret ID (libvirt's master key) and iv= (16 bytes,
 * base64).  The bytes are loaded when the object is completed; other
 * subsystems (VNC passwords, disk credentials, TLS keys) fetch them by id
 * with the lookup functions below.  Texts follow QEMU 7.2.
 */
#ifndef CRYPTO_SECRET_H
#define CRYPTO_SECRET_H

#include "qom/object.h"

/*
 * The abstract base (format, keyid, iv, loaded) and the concrete types:
 * "secret" (data=/file=) and "secret_keyring" (serial=: a key in the Linux
 * kernel key store, read with keyctl).
 */
#define TYPE_QCRYPTO_SECRET_COMMON "secret_common"
#define TYPE_QCRYPTO_SECRET "secret"
#define TYPE_QCRYPTO_SECRET_KEYRING "secret_keyring"

/*
 * The bytes of the secret /objects/ID: *data (g_free() it, and
 * NUL-terminated for convenience) and *len.  Errors: "No secret with id
 * 'ID'", "Object with id 'ID' is not a secret", "Secret with id 'ID' has
 * no data".
 */
bool qcrypto_secret_lookup(const char *id, uint8_t **data, size_t *len,
                           Error **errp);

/*
 * The secret as a string (g_free() it), or NULL: the errors above and
 * "Data from secret ID is not valid UTF-8".
 */
char *qcrypto_secret_lookup_as_utf8(const char *id, Error **errp);

#endif
