/*
 * secret.c: the "secret_common" base and the "secret" and
 * "secret_keyring" object types (see include/crypto/secret.h), with QEMU
 * 7.2's properties and error texts.
 *
 * The bytes are loaded once, at completion: data= or file=, then either
 * base64-decoded (format=base64) or, with keyid=, decrypted.  Buffers that
 * held secret bytes are wiped before they are freed.
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include "crypto/secret.h"
#include "crypto/aes.h"
#include "qemu/fdset.h"

typedef enum QCryptoSecretFormat {
    QCRYPTO_SECRET_FORMAT_RAW,
    QCRYPTO_SECRET_FORMAT_BASE64,
} QCryptoSecretFormat;

static const char *const QCryptoSecretFormat_lookup[] = {
    "raw", "base64", NULL,
};

typedef struct SecretCommon {
    Object parent_obj;
    uint8_t *rawdata;           /* NULL until loaded */
    size_t rawlen;
    int format;
    char *keyid;
    char *iv;
} SecretCommon;

typedef struct SecretCommonClass {
    ObjectClass parent_class;
    /* The input bytes (before decoding or decryption); g_free()d by the
     * caller. */
    bool (*load_data)(SecretCommon *secret, uint8_t **out, size_t *outlen,
                      Error **errp);
} SecretCommonClass;

typedef struct Secret {
    SecretCommon parent_obj;
    char *data;
    char *file;
} Secret;

#define SECRET_COMMON(obj) \
    OBJECT_CHECK(SecretCommon, (obj), TYPE_QCRYPTO_SECRET_COMMON)
#define SECRET_COMMON_GET_CLASS(obj) \
    OBJECT_GET_CLASS(SecretCommonClass, (obj), TYPE_QCRYPTO_SECRET_COMMON)
#define SECRET_COMMON_CLASS(klass) \
    OBJECT_CLASS_CHECK(SecretCommonClass, (klass), TYPE_QCRYPTO_SECRET_COMMON)
#define SECRET(obj) OBJECT_CHECK(Secret, (obj), TYPE_QCRYPTO_SECRET)

/* AES-256-CBC with the master key, as libvirt encrypts secrets. */
#define SECRET_KEY_LEN 32
#define SECRET_IV_LEN 16

static void secret_wipe_free(void *p, size_t len)
{
    if (p) {
        explicit_bzero(p, len);
        g_free(p);
    }
}

/*
 * base64 as QEMU reads it: only the alphabet, '=' and newlines (anywhere),
 * then GLib's decoder.
 */
static uint8_t *secret_base64_decode(const char *in, size_t len,
                                     size_t *outlen, Error **errp)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\n";
    char *copy;
    uint8_t *out;
    gsize n;

    if (memchr(in, '\0', len)) {
        error_setg(errp, "Base64 data contains embedded NUL characters");
        return NULL;
    }
    copy = g_strndup(in, len);
    if (strspn(copy, alphabet) != len) {
        secret_wipe_free(copy, len);
        error_setg(errp, "Base64 data contains invalid characters");
        return NULL;
    }
    out = g_base64_decode(copy, &n);
    secret_wipe_free(copy, len);
    *outlen = n;
    return out;
}

static bool secret_decrypt(SecretCommon *secret, const uint8_t *input,
                           size_t inputlen, uint8_t **output,
                           size_t *outputlen, Error **errp)
{
    uint8_t *key = NULL, *iv = NULL, *ciphertext = NULL, *plaintext = NULL;
    size_t keylen = 0, ivlen = 0, ctlen = 0, len;
    QCryptoAESKey aes;
    bool ok = false;
    uint8_t pad;

    if (!qcrypto_secret_lookup(secret->keyid, &key, &keylen, errp)) {
        return false;
    }
    if (keylen != SECRET_KEY_LEN) {
        error_setg(errp, "Key should be %d bytes in length", SECRET_KEY_LEN);
        goto out;
    }
    if (!secret->iv) {
        error_setg(errp, "IV is required to decrypt secret");
        goto out;
    }
    iv = secret_base64_decode(secret->iv, strlen(secret->iv), &ivlen, errp);
    if (!iv) {
        goto out;
    }
    if (ivlen != SECRET_IV_LEN) {
        error_setg(errp, "IV should be %d bytes in length not %zu",
                   SECRET_IV_LEN, ivlen);
        goto out;
    }
    qcrypto_aes_set_key(&aes, key, keylen);
    if (secret->format == QCRYPTO_SECRET_FORMAT_BASE64) {
        ciphertext = secret_base64_decode((const char *)input, inputlen,
                                          &ctlen, errp);
        if (!ciphertext) {
            goto out;
        }
    } else {
        ciphertext = g_memdup2(input, inputlen);
        ctlen = inputlen;
    }
    if (ctlen % QCRYPTO_AES_BLOCK_SIZE) {
        error_setg(errp, "Length %zu must be a multiple of block size %d",
                   ctlen, QCRYPTO_AES_BLOCK_SIZE);
        goto out;
    }
    plaintext = g_new0(uint8_t, ctlen + 1);
    qcrypto_aes_cbc_decrypt(&aes, iv, ciphertext, plaintext, ctlen);
    len = ctlen;
    /*
     * PKCS#7 padding: as QEMU, only the count in the last byte is checked.
     * Empty ciphertext decrypts to an empty secret.
     */
    if (len) {
        pad = plaintext[len - 1];
        if (pad > QCRYPTO_AES_BLOCK_SIZE || pad > len) {
            error_setg(errp, "Incorrect number of padding bytes (%d) found "
                       "on decrypted data", pad);
            goto out;
        }
        explicit_bzero(plaintext + len - pad, pad);
        len -= pad;
    }
    *output = plaintext;
    *outputlen = len;
    plaintext = NULL;
    ok = true;
out:
    explicit_bzero(&aes, sizeof(aes));
    secret_wipe_free(key, keylen);
    g_free(iv);
    secret_wipe_free(ciphertext, ctlen);
    secret_wipe_free(plaintext, ctlen);
    return ok;
}

/* ---- secret_common ---- */

static bool secret_common_complete(Object *obj, Error **errp)
{
    SecretCommon *secret = SECRET_COMMON(obj);
    SecretCommonClass *sc = SECRET_COMMON_GET_CLASS(obj);
    uint8_t *input = NULL, *output = NULL;
    size_t inputlen = 0, outputlen = 0;
    bool ok;

    if (secret->rawdata) {
        error_setg(errp, "Secret already loaded");
        return false;
    }
    if (!sc->load_data(secret, &input, &inputlen, errp)) {
        return false;
    }
    if (secret->keyid) {
        ok = secret_decrypt(secret, input, inputlen, &output, &outputlen,
                            errp);
    } else if (secret->format == QCRYPTO_SECRET_FORMAT_BASE64) {
        output = secret_base64_decode((const char *)input, inputlen,
                                      &outputlen, errp);
        ok = output != NULL;
    } else {
        output = input;
        outputlen = inputlen;
        input = NULL;
        ok = true;
    }
    secret_wipe_free(input, inputlen);
    if (ok) {
        secret->rawdata = output;
        secret->rawlen = outputlen;
    }
    return ok;
}

static bool secret_common_get_loaded(Object *obj, Error **errp)
{
    return SECRET_COMMON(obj)->rawdata != NULL;
}

static int secret_common_get_format(Object *obj, Error **errp)
{
    return SECRET_COMMON(obj)->format;
}

static void secret_common_set_format(Object *obj, int value, Error **errp)
{
    SECRET_COMMON(obj)->format = value;
}

static char *secret_common_get_keyid(Object *obj, Error **errp)
{
    return g_strdup(SECRET_COMMON(obj)->keyid);
}

static void secret_common_set_keyid(Object *obj, const char *value,
                                    Error **errp)
{
    SecretCommon *secret = SECRET_COMMON(obj);

    g_free(secret->keyid);
    secret->keyid = g_strdup(value);
}

static char *secret_common_get_iv(Object *obj, Error **errp)
{
    return g_strdup(SECRET_COMMON(obj)->iv);
}

static void secret_common_set_iv(Object *obj, const char *value,
                                 Error **errp)
{
    SecretCommon *secret = SECRET_COMMON(obj);

    g_free(secret->iv);
    secret->iv = g_strdup(value);
}

static void secret_common_finalize(Object *obj)
{
    SecretCommon *secret = SECRET_COMMON(obj);

    secret_wipe_free(secret->rawdata, secret->rawlen);
    g_free(secret->keyid);
    g_free(secret->iv);
}

static void secret_common_class_init(ObjectClass *oc, void *data)
{
    UserCreatableClass *ucc = USER_CREATABLE_CLASS(oc);

    ucc->complete = secret_common_complete;

    object_class_property_add_bool(oc, "loaded", secret_common_get_loaded,
                                   NULL);
    object_class_property_add_enum(oc, "format", "QCryptoSecretFormat",
                                   QCryptoSecretFormat_lookup,
                                   secret_common_get_format,
                                   secret_common_set_format);
    object_class_property_add_str(oc, "keyid", secret_common_get_keyid,
                                  secret_common_set_keyid);
    object_class_property_add_str(oc, "iv", secret_common_get_iv,
                                  secret_common_set_iv);
}

/* ---- secret ---- */

/*
 * The whole of a descriptor from -add-fd, with GLib's wording on errors.
 * The descriptors of a set share one file offset, so a file is read from
 * its start with pread(); pipes and sockets with read().
 */
static bool secret_read_fd(const char *path, int fd, char **out,
                           size_t *outlen, Error **errp)
{
    GByteArray *buf = g_byte_array_new();
    bool seekable = true;
    uint8_t chunk[4096];
    ssize_t n;

    for (;;) {
        if (seekable) {
            n = pread(fd, chunk, sizeof(chunk), (off_t)buf->len);
            if (n < 0 && errno == ESPIPE) {
                seekable = false;
                continue;
            }
        } else {
            n = read(fd, chunk, sizeof(chunk));
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            error_setg(errp, "Unable to read %s: Error reading file \u201c%s"
                       "\u201d: %s", path, path, strerror(errno));
            explicit_bzero(chunk, sizeof(chunk));
            secret_wipe_free(buf->data, buf->len);
            g_byte_array_free(buf, false);
            return false;
        }
        if (n == 0) {
            break;
        }
        g_byte_array_append(buf, chunk, (guint)n);
    }
    explicit_bzero(chunk, sizeof(chunk));
    g_byte_array_append(buf, (const guint8 *)"", 1);
    *outlen = buf->len - 1;
    *out = (char *)g_byte_array_free(buf, false);
    return true;
}

static bool secret_read_file(const char *path, char **out, size_t *outlen,
                             Error **errp)
{
    GError *gerr = NULL;
    Error *err = NULL;
    gsize len;
    bool ok;
    int fd;

    /*
     * A descriptor set of -add-fd when there is one by that name; else the
     * path is read as QEMU 7.2 reads any path (and fails with its text).
     */
    if (g_str_has_prefix(path, "/dev/fdset/")) {
        fd = qemu_open_fdset_or_path(path, O_RDONLY, &err);
        if (fd >= 0) {
            ok = secret_read_fd(path, fd, out, outlen, errp);
            close(fd);
            return ok;
        }
        error_free(err);
    }
    if (!g_file_get_contents(path, out, &len, &gerr)) {
        error_setg(errp, "Unable to read %s: %s", path, gerr->message);
        g_error_free(gerr);
        return false;
    }
    *outlen = len;
    return true;
}

static bool secret_load_data(SecretCommon *common, uint8_t **out,
                             size_t *outlen, Error **errp)
{
    Secret *secret = SECRET(common);
    char *data;

    if (secret->file) {
        if (secret->data) {
            error_setg(errp, "'file' and 'data' are mutually exclusive");
            return false;
        }
        if (!secret_read_file(secret->file, &data, outlen, errp)) {
            return false;
        }
        *out = (uint8_t *)data;
        return true;
    }
    if (secret->data) {
        *outlen = strlen(secret->data);
        *out = (uint8_t *)g_strdup(secret->data);
        return true;
    }
    error_setg(errp, "Either 'file' or 'data' must be provided");
    return false;
}

static char *secret_get_data(Object *obj, Error **errp)
{
    return g_strdup(SECRET(obj)->data);
}

static void secret_set_data(Object *obj, const char *value, Error **errp)
{
    Secret *secret = SECRET(obj);

    if (secret->data) {
        secret_wipe_free(secret->data, strlen(secret->data));
    }
    secret->data = g_strdup(value);
}

static char *secret_get_file(Object *obj, Error **errp)
{
    return g_strdup(SECRET(obj)->file);
}

static void secret_set_file(Object *obj, const char *value, Error **errp)
{
    Secret *secret = SECRET(obj);

    g_free(secret->file);
    secret->file = g_strdup(value);
}

static void secret_finalize(Object *obj)
{
    Secret *secret = SECRET(obj);

    if (secret->data) {
        secret_wipe_free(secret->data, strlen(secret->data));
    }
    g_free(secret->file);
}

static void secret_class_init(ObjectClass *oc, void *data)
{
    SecretCommonClass *sc = SECRET_COMMON_CLASS(oc);

    sc->load_data = secret_load_data;
    object_class_property_add_str(oc, "data", secret_get_data,
                                  secret_set_data);
    object_class_property_add_str(oc, "file", secret_get_file,
                                  secret_set_file);
}

/* ---- secret_keyring ---- */

/* keyctl(2) operation reading a key's payload (linux/keyctl.h). */
#define SECRET_KEYCTL_READ 11

typedef struct SecretKeyring {
    SecretCommon parent_obj;
    int32_t serial;             /* 0: not set */
} SecretKeyring;

#define SECRET_KEYRING(obj) \
    OBJECT_CHECK(SecretKeyring, (obj), TYPE_QCRYPTO_SECRET_KEYRING)

/* The payload of a key in the kernel's key store (keyctl read). */
static bool secret_keyring_load_data(SecretCommon *common, uint8_t **out,
                                     size_t *outlen, Error **errp)
{
    SecretKeyring *secret = SECRET_KEYRING(common);
    uint8_t *buf;
    long len, got;

    if (!secret->serial) {
        error_setg(errp, "Parameter 'serial' is missing");
        return false;
    }
    len = syscall(SYS_keyctl, SECRET_KEYCTL_READ, (long)secret->serial,
                  NULL, 0L);
    if (len < 0) {
        error_setg_errno(errp, errno, "Unable to read serial key %08x",
                         (uint32_t)secret->serial);
        return false;
    }
    buf = g_new0(uint8_t, len + 1);
    got = syscall(SYS_keyctl, SECRET_KEYCTL_READ, (long)secret->serial, buf,
                  len);
    if (got < 0) {
        error_setg_errno(errp, errno, "Unable to read serial key %08x",
                         (uint32_t)secret->serial);
        secret_wipe_free(buf, len + 1);
        return false;
    }
    /* The key may have shrunk in between; it never grows past len here. */
    *out = buf;
    *outlen = MIN(got, len);
    return true;
}

static json_t *secret_keyring_get_serial(Object *obj, ObjectProperty *prop,
                                         Error **errp)
{
    return json_integer(SECRET_KEYRING(obj)->serial);
}

static bool secret_keyring_set_serial(Object *obj, ObjectProperty *prop,
                                      json_t *value, Error **errp)
{
    int64_t v;

    if (!qom_parse_int(prop->name, value, INT32_MIN, INT32_MAX, &v, errp)) {
        return false;
    }
    if (!v) {
        error_setg(errp, "'serial' should not be equal to 0");
        return false;
    }
    SECRET_KEYRING(obj)->serial = (int32_t)v;
    return true;
}

static void secret_keyring_class_init(ObjectClass *oc, void *data)
{
    SecretCommonClass *sc = SECRET_COMMON_CLASS(oc);

    sc->load_data = secret_keyring_load_data;
    object_class_property_add(oc, "serial", "int32_t",
                              secret_keyring_get_serial,
                              secret_keyring_set_serial, NULL, NULL);
}

static const TypeInfo secret_types[] = {
    {
        .name = TYPE_QCRYPTO_SECRET_COMMON,
        .parent = TYPE_OBJECT,
        .abstract = true,
        .instance_size = sizeof(SecretCommon),
        .instance_finalize = secret_common_finalize,
        .class_size = sizeof(SecretCommonClass),
        .class_init = secret_common_class_init,
        .interfaces = (InterfaceInfo[]) {
            { TYPE_USER_CREATABLE },
            { }
        },
    },
    {
        .name = TYPE_QCRYPTO_SECRET,
        .parent = TYPE_QCRYPTO_SECRET_COMMON,
        .instance_size = sizeof(Secret),
        .instance_finalize = secret_finalize,
        .class_init = secret_class_init,
    },
    {
        .name = TYPE_QCRYPTO_SECRET_KEYRING,
        .parent = TYPE_QCRYPTO_SECRET_COMMON,
        .instance_size = sizeof(SecretKeyring),
        .class_init = secret_keyring_class_init,
    },
};

static void secret_register_types(void)
{
    type_register_static_array(secret_types, ARRAY_SIZE(secret_types));
}
type_init(secret_register_types)

/* ---- lookup ---- */

bool qcrypto_secret_lookup(const char *id, uint8_t **data, size_t *len,
                           Error **errp)
{
    Object *obj = object_resolve_path_component(object_get_objects_root(),
                                                id);
    SecretCommon *secret;

    if (!obj) {
        error_setg(errp, "No secret with id '%s'", id);
        return false;
    }
    secret = (SecretCommon *)object_dynamic_cast(obj,
                                                 TYPE_QCRYPTO_SECRET_COMMON);
    if (!secret) {
        error_setg(errp, "Object with id '%s' is not a secret", id);
        return false;
    }
    if (!secret->rawdata) {
        error_setg(errp, "Secret with id '%s' has no data", id);
        return false;
    }
    *data = g_new0(uint8_t, secret->rawlen + 1);
    memcpy(*data, secret->rawdata, secret->rawlen);
    *len = secret->rawlen;
    return true;
}

char *qcrypto_secret_lookup_as_utf8(const char *id, Error **errp)
{
    uint8_t *data;
    size_t len;

    if (!qcrypto_secret_lookup(id, &data, &len, errp)) {
        return NULL;
    }
    if (!g_utf8_validate((const char *)data, (gssize)len, NULL)) {
        error_setg(errp, "Data from secret %s is not valid UTF-8", id);
        secret_wipe_free(data, len);
        return NULL;
    }
    return (char *)data;
}
