/*
 * test-secret.c: "secret" objects as -object/object-add create them:
 * data= and file= (a path or an -add-fd descriptor set), raw and base64,
 * AES-256-CBC decryption with keyid=/iv= (checked against FIPS-197 and
 * vectors made with openssl), secret_keyring (a key of the kernel's key
 * store), QEMU 7.2's error texts, the lookup API and the -object
 * secret,help text.
 */
#include "qemu/osdep.h"
#include <sys/syscall.h>
#include "qom/object.h"
#include "crypto/secret.h"
#include "crypto/aes.h"
#include "qemu/fdset.h"

/* openssl enc -aes-256-cbc -K 000102..1f -iv 0f0e..00 of the text below */
#define KEY_B64 "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
#define IV_B64 "Dw4NDAsKCQgHBgUEAwIBAA=="
#define PLAINTEXT "libvirt master key test"
#define CIPHERTEXT_B64 "xlyTgz9MJymxwACH+LKl8Gj2yAFACgTfw9hNXbwZkks="
/* "0123456789abcdef" encrypted without padding: its last byte is 'f'. */
#define NOPAD_B64 "eGKgcdoZ8yhtzUynypxuPg=="

/* ---- helpers ---- */

static json_t *jparse(const char *text)
{
    json_error_t jerr;
    json_t *v = json_loads(text, JSON_DECODE_ANY, &jerr);

    g_assert_nonnull(v);
    return v;
}

/* Create a secret (typed values); return the error text or NULL. */
static char *add_secret(const char *id, const char *props)
{
    json_t *p = jparse(props);
    Error *err = NULL;
    Object *obj = user_creatable_add_type("secret", id, p, &err);
    char *msg = err ? g_strdup(error_get_pretty(err)) : NULL;

    json_decref(p);
    error_free(err);
    g_assert_true((obj == NULL) == (msg != NULL));
    return msg;
}

static void add_ok(const char *id, const char *props)
{
    char *msg = add_secret(id, props);

    g_assert_cmpstr(msg, ==, NULL);
}

static void add_fails(const char *props, const char *expected)
{
    char *msg = add_secret("bad", props);

    g_assert_cmpstr(msg, ==, expected);
    g_free(msg);
    g_assert_null(object_resolve_path("/objects/bad", NULL));
}

static void add_keyring_fails(const char *props, const char *expected)
{
    json_t *p = jparse(props);
    Error *err = NULL;

    g_assert_null(user_creatable_add_type("secret_keyring", "bad", p, &err));
    g_assert_cmpstr(error_get_pretty(err), ==, expected);
    error_free(err);
    json_decref(p);
}

static void del(const char *id)
{
    g_assert_true(user_creatable_del(id, &error_abort));
}

static void add_memory_backend(const char *id)
{
    json_t *props = jparse("{\"size\": 4096}");

    g_assert_nonnull(user_creatable_add_type("memory-backend-ram", id, props,
                                             &error_abort));
    json_decref(props);
}

/* The secret's bytes must be exactly (data, len). */
static void assert_secret(const char *id, const void *data, size_t len)
{
    uint8_t *got = NULL;
    size_t got_len = 0;

    g_assert_true(qcrypto_secret_lookup(id, &got, &got_len, &error_abort));
    g_assert_cmpuint(got_len, ==, len);
    g_assert_cmpmem(got, got_len, data, len);
    /* Terminated for callers that want a string. */
    g_assert_cmpint(got[len], ==, 0);
    g_free(got);
}

static char *lookup_error(const char *id)
{
    uint8_t *data = NULL;
    size_t len;
    Error *err = NULL;
    char *msg;

    g_assert_false(qcrypto_secret_lookup(id, &data, &len, &err));
    g_assert_null(data);
    msg = g_strdup(error_get_pretty(err));
    error_free(err);
    return msg;
}

static char *tmpfile_with(const void *data, size_t len)
{
    char *path = NULL;
    int fd = g_file_open_tmp("test-secret-XXXXXX", &path, NULL);

    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(write(fd, data, len), ==, (ssize_t)len);
    close(fd);
    return path;
}

static void unhex(const char *hex, uint8_t *out)
{
    size_t i;

    for (i = 0; hex[2 * i]; i++) {
        sscanf(hex + 2 * i, "%2hhx", &out[i]);
    }
}

/* ---- AES ---- */

static void test_aes_fips197_vectors(void)
{
    static const char *const vectors[][2] = {
        { "000102030405060708090a0b0c0d0e0f",
          "69c4e0d86a7b0430d8cdb78070b4c55a" },
        { "000102030405060708090a0b0c0d0e0f1011121314151617",
          "dda97ca4864cdfe06eaf70a0ec0d7191" },
        { "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
          "8ea2b7ca516745bfeafc49904b496089" },
    };
    uint8_t plain[16], key[32], in[16], out[16];
    QCryptoAESKey aes;
    size_t i;

    unhex("00112233445566778899aabbccddeeff", plain);
    for (i = 0; i < ARRAY_SIZE(vectors); i++) {
        unhex(vectors[i][0], key);
        unhex(vectors[i][1], in);
        g_assert_true(qcrypto_aes_set_key(&aes, key,
                                          strlen(vectors[i][0]) / 2));
        qcrypto_aes_decrypt_block(&aes, in, out);
        g_assert_cmpmem(out, 16, plain, 16);
        /* In place too. */
        qcrypto_aes_decrypt_block(&aes, in, in);
        g_assert_cmpmem(in, 16, plain, 16);
    }
    g_assert_false(qcrypto_aes_set_key(&aes, key, 20));
}

static void test_aes_cbc(void)
{
    gsize keylen, ivlen, ctlen;
    uint8_t *key = g_base64_decode(KEY_B64, &keylen);
    uint8_t *iv = g_base64_decode(IV_B64, &ivlen);
    uint8_t *ct = g_base64_decode(CIPHERTEXT_B64, &ctlen);
    uint8_t out[32];
    QCryptoAESKey aes;

    g_assert_cmpuint(ctlen, ==, 32);
    g_assert_true(qcrypto_aes_set_key(&aes, key, keylen));
    g_assert_true(qcrypto_aes_cbc_decrypt(&aes, iv, ct, out, ctlen));
    /* Two blocks chained, then PKCS#7 padding of 9 bytes. */
    g_assert_cmpmem(out, strlen(PLAINTEXT), PLAINTEXT, strlen(PLAINTEXT));
    g_assert_cmpint(out[31], ==, 9);
    g_assert_false(qcrypto_aes_cbc_decrypt(&aes, iv, ct, out, 17));
    /* In place gives the same. */
    g_assert_true(qcrypto_aes_cbc_decrypt(&aes, iv, ct, ct, ctlen));
    g_assert_cmpmem(ct, 32, out, 32);
    g_free(key);
    g_free(iv);
    g_free(ct);
}

/* ---- data= and file= ---- */

static void test_secret_inline_data(void)
{
    char *s;

    add_ok("sraw", "{\"data\": \"letmein\"}");
    assert_secret("sraw", "letmein", 7);
    s = qcrypto_secret_lookup_as_utf8("sraw", &error_abort);
    g_assert_cmpstr(s, ==, "letmein");
    g_free(s);

    add_ok("sb64", "{\"data\": \"aGVsbG8=\", \"format\": \"base64\"}");
    assert_secret("sb64", "hello", 5);
    /* As QEMU: newlines and misplaced padding are tolerated. */
    add_ok("sb64nl", "{\"data\": \"aGVs\\nbG8=\\n\", \"format\": \"base64\"}");
    assert_secret("sb64nl", "hello", 5);
    add_ok("sempty", "{\"data\": \"\"}");
    assert_secret("sempty", "", 0);

    /* The properties read back; loaded is read-only. */
    s = object_property_get_str(object_resolve_path("/objects/sb64", NULL),
                                "format", &error_abort);
    g_assert_cmpstr(s, ==, "base64");
    g_free(s);
    g_assert_true(object_property_get_bool(
        object_resolve_path("/objects/sb64", NULL), "loaded", &error_abort));
    s = object_property_get_str(object_resolve_path("/objects/sraw", NULL),
                                "file", &error_abort);
    g_assert_cmpstr(s, ==, "");
    g_free(s);

    del("sraw");
    del("sb64");
    del("sb64nl");
    del("sempty");
    s = lookup_error("sraw");
    g_assert_cmpstr(s, ==, "No secret with id 'sraw'");
    g_free(s);
}

static void test_secret_from_file(void)
{
    static const uint8_t binary[] = { 'a', 0, 0xff, '\n', 'z' };
    char *raw = tmpfile_with(binary, sizeof(binary));
    char *b64 = tmpfile_with("c2VjcmV0\n", 9);
    Error *err = NULL;
    char *props;

    props = g_strdup_printf("{\"file\": \"%s\"}", raw);
    add_ok("fraw", props);
    g_free(props);
    /* Raw files are taken byte for byte, NULs and newlines included. */
    assert_secret("fraw", binary, sizeof(binary));
    g_assert_null(qcrypto_secret_lookup_as_utf8("fraw", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Data from secret fraw is not valid UTF-8");
    error_free(err);

    props = g_strdup_printf("{\"file\": \"%s\", \"format\": \"base64\"}",
                            b64);
    add_ok("fb64", props);
    g_free(props);
    assert_secret("fb64", "secret", 6);

    del("fraw");
    del("fb64");
    unlink(raw);
    unlink(b64);
    g_free(raw);
    g_free(b64);
}

static void test_secret_from_fdset(void)
{
    char *path = tmpfile_with("from-an-fd", 10);
    int fd = open(path, O_RDONLY);
    int wfd = open(path, O_WRONLY);

    g_assert_cmpint(fd, >, 2);
    g_assert_true(qemu_fdset_add_opts(fd, 41, NULL, &error_abort));
    add_ok("fds", "{\"file\": \"/dev/fdset/41\"}");
    assert_secret("fds", "from-an-fd", 10);
    /* A second secret gets its own copy of the descriptor. */
    add_ok("fds2", "{\"file\": \"/dev/fdset/41\"}");
    assert_secret("fds2", "from-an-fd", 10);
    del("fds");
    del("fds2");

    /* No set (or no readable descriptor in it): read as a plain path,
     * failing as QEMU 7.2 does. */
    add_fails("{\"file\": \"/dev/fdset/42\"}",
              "Unable to read /dev/fdset/42: Failed to open file "
              "\u201c/dev/fdset/42\u201d: No such file or directory");
    g_assert_cmpint(wfd, >, 2);
    g_assert_true(qemu_fdset_add_opts(wfd, 43, NULL, &error_abort));
    add_fails("{\"file\": \"/dev/fdset/43\"}",
              "Unable to read /dev/fdset/43: Failed to open file "
              "\u201c/dev/fdset/43\u201d: No such file or directory");
    unlink(path);
    g_free(path);
}

static void test_secret_bad_input(void)
{
    char *dir = g_dir_make_tmp("test-secret-XXXXXX", NULL);
    char *nul = tmpfile_with("aGVs\0bG8=", 9);
    char *props, *expect;

    add_fails("{}", "Either 'file' or 'data' must be provided");
    add_fails("{\"data\": \"x\", \"file\": \"/etc/hostname\"}",
              "'file' and 'data' are mutually exclusive");
    add_fails("{\"data\": \"\", \"file\": \"\"}",
              "'file' and 'data' are mutually exclusive");
    props = g_strdup_printf("{\"file\": \"%s/missing\"}", dir);
    expect = g_strdup_printf("Unable to read %s/missing: Failed to open file "
                             "\u201c%s/missing\u201d: No such file or "
                             "directory", dir, dir);
    add_fails(props, expect);
    g_free(props);
    g_free(expect);
    props = g_strdup_printf("{\"file\": \"%s\"}", dir);
    expect = g_strdup_printf("Unable to read %s: Error reading file "
                             "\u201c%s\u201d: Is a directory", dir, dir);
    add_fails(props, expect);
    g_free(props);
    g_free(expect);
    add_fails("{\"data\": \"aGVs bG8=\", \"format\": \"base64\"}",
              "Base64 data contains invalid characters");
    add_fails("{\"data\": \"aGVsbG8=\\r\\n\", \"format\": \"base64\"}",
              "Base64 data contains invalid characters");
    props = g_strdup_printf("{\"file\": \"%s\", \"format\": \"base64\"}",
                            nul);
    add_fails(props, "Base64 data contains embedded NUL characters");
    g_free(props);
    add_fails("{\"data\": \"x\", \"format\": \"hex\"}",
              "Parameter 'format' does not accept value 'hex'");
    add_fails("{\"data\": 42}",
              "Invalid parameter type for 'data', expected: string");
    add_fails("{\"data\": \"x\", \"loaded\": true}",
              "Parameter 'loaded' is unexpected");

    unlink(nul);
    g_free(nul);
    rmdir(dir);
    g_free(dir);
}

/* ---- keyid= / iv= ---- */

static void test_secret_decrypts_with_master_key(void)
{
    gsize ctlen;
    uint8_t *ct = g_base64_decode(CIPHERTEXT_B64, &ctlen);
    char *ctfile = tmpfile_with(ct, ctlen);
    char *props;

    add_ok("master", "{\"data\": \"" KEY_B64 "\", \"format\": \"base64\"}");
    add_ok("enc", "{\"data\": \"" CIPHERTEXT_B64 "\", \"format\": "
           "\"base64\", \"keyid\": \"master\", \"iv\": \"" IV_B64 "\"}");
    assert_secret("enc", PLAINTEXT, strlen(PLAINTEXT));
    /* format=raw: the ciphertext bytes themselves (from a file). */
    props = g_strdup_printf("{\"file\": \"%s\", \"keyid\": \"master\", "
                            "\"iv\": \"" IV_B64 "\"}", ctfile);
    add_ok("encraw", props);
    g_free(props);
    assert_secret("encraw", PLAINTEXT, strlen(PLAINTEXT));
    /* iv without keyid is ignored. */
    add_ok("plainiv", "{\"data\": \"abc\", \"iv\": \"" IV_B64 "\"}");
    assert_secret("plainiv", "abc", 3);
    /* Empty ciphertext: an empty secret. */
    add_ok("encempty", "{\"data\": \"\", \"format\": \"base64\", "
           "\"keyid\": \"master\", \"iv\": \"" IV_B64 "\"}");
    assert_secret("encempty", "", 0);

    del("enc");
    del("encraw");
    del("plainiv");
    del("encempty");
    del("master");
    unlink(ctfile);
    g_free(ctfile);
    g_free(ct);
}

static void test_secret_decryption_errors(void)
{
    add_ok("master", "{\"data\": \"" KEY_B64 "\", \"format\": \"base64\"}");
    add_ok("short", "{\"data\": \"0123456789\"}");
    add_memory_backend("notsecret");

    add_fails("{\"data\": \"x\", \"keyid\": \"nope\"}",
              "No secret with id 'nope'");
    add_fails("{\"keyid\": \"nope\"}",
              "Either 'file' or 'data' must be provided");
    add_fails("{\"data\": \"x\", \"keyid\": \"notsecret\"}",
              "Object with id 'notsecret' is not a secret");
    add_fails("{\"data\": \"x\", \"keyid\": \"bad\"}",
              "Secret with id 'bad' has no data");
    add_fails("{\"data\": \"x\", \"keyid\": \"short\"}",
              "Key should be 32 bytes in length");
    add_fails("{\"data\": \"x\", \"keyid\": \"master\"}",
              "IV is required to decrypt secret");
    add_fails("{\"data\": \"x\", \"keyid\": \"master\", \"iv\": \"AAAA\"}",
              "IV should be 16 bytes in length not 3");
    add_fails("{\"data\": \"x\", \"keyid\": \"master\", \"iv\": \"!!\"}",
              "Base64 data contains invalid characters");
    add_fails("{\"data\": \"abcdefgh\", \"format\": \"base64\", "
              "\"keyid\": \"master\", \"iv\": \"" IV_B64 "\"}",
              "Length 6 must be a multiple of block size 16");
    add_fails("{\"data\": \"" CIPHERTEXT_B64 "\", \"keyid\": \"master\", "
              "\"iv\": \"" IV_B64 "\"}",
              "Length 44 must be a multiple of block size 16");
    add_fails("{\"data\": \"" NOPAD_B64 "\", \"format\": \"base64\", "
              "\"keyid\": \"master\", \"iv\": \"" IV_B64 "\"}",
              "Incorrect number of padding bytes (102) found on decrypted "
              "data");
    del("short");
    del("notsecret");
    del("master");
}

static void test_secret_lookup_errors(void)
{
    Error *err = NULL;
    char *msg;

    add_memory_backend("mem");
    msg = lookup_error("mem");
    g_assert_cmpstr(msg, ==, "Object with id 'mem' is not a secret");
    g_free(msg);
    msg = lookup_error("missing");
    g_assert_cmpstr(msg, ==, "No secret with id 'missing'");
    g_free(msg);
    g_assert_null(qcrypto_secret_lookup_as_utf8("missing", &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "No secret with id 'missing'");
    error_free(err);
    del("mem");
}

/* ---- secret_keyring ---- */

static void test_secret_keyring(void)
{
    static const char payload[] = "from-the-keyring";
    char *props, *expect;
    json_t *p;
    long serial;

    /* A key in this process's keyring (-2: KEY_SPEC_PROCESS_KEYRING). */
    serial = syscall(SYS_add_key, "user", "test-secret", payload,
                     strlen(payload), -2L);
    if (serial < 0) {
        g_test_skip("no kernel key store here");
        return;
    }
    props = g_strdup_printf("{\"serial\": %ld}", serial);
    p = jparse(props);
    g_assert_nonnull(user_creatable_add_type("secret_keyring", "kr", p,
                                             &error_abort));
    json_decref(p);
    g_free(props);
    assert_secret("kr", payload, strlen(payload));
    del("kr");

    add_keyring_fails("{}", "Parameter 'serial' is missing");
    add_keyring_fails("{\"serial\": 0}", "'serial' should not be equal to 0");
    add_keyring_fails("{\"serial\": 2147483648}",
                      "Parameter 'serial' expects int32_t");
    /* Keys are positive: a negative serial other than the special keyring
     * ids names nothing. */
    expect = g_strdup_printf("Unable to read serial key %08x: Required key "
                             "not available", (unsigned)-1000);
    add_keyring_fails("{\"serial\": -1000}", expect);
    g_free(expect);
}

static void test_secret_help(void)
{
    if (g_test_subprocess()) {
        json_t *props = jparse("{\"help\": \"on\"}");

        g_assert_true(user_creatable_print_help("secret", props));
        json_decref(props);
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_passed();
    g_test_trap_assert_stdout("secret options:\n"
                              "  data=<string>\n"
                              "  file=<string>\n"
                              "  format=<QCryptoSecretFormat>\n"
                              "  iv=<string>\n"
                              "  keyid=<string>\n");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/secret/aes/fips197-vectors", test_aes_fips197_vectors);
    g_test_add_func("/secret/aes/cbc", test_aes_cbc);
    g_test_add_func("/secret/inline-data", test_secret_inline_data);
    g_test_add_func("/secret/from-file", test_secret_from_file);
    g_test_add_func("/secret/from-fdset", test_secret_from_fdset);
    g_test_add_func("/secret/bad-input", test_secret_bad_input);
    g_test_add_func("/secret/decrypts-with-master-key",
                    test_secret_decrypts_with_master_key);
    g_test_add_func("/secret/decryption-errors",
                    test_secret_decryption_errors);
    g_test_add_func("/secret/lookup-errors", test_secret_lookup_errors);
    g_test_add_func("/secret/keyring", test_secret_keyring);
    g_test_add_func("/secret/help", test_secret_help);
    return g_test_run();
}
