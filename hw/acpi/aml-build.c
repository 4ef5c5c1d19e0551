/*
 * aml-build.c: the AML encoder.
 *
 * Reference: ACPI 6.4 chapter 20 (AML grammar: 20.2.2 name objects,
 * 20.2.3 data objects, 20.2.4 package length, 20.2.5 term objects and
 * opcodes) and 6.4 (resource data types: 6.4.2 small, 6.4.3 large
 * descriptors).  A term is built as its opcode and operands; blocks keep
 * their content apart until they are appended, when their PkgLength (and
 * element count, buffer size, End Tag) is known.
 */
#include "qemu/osdep.h"
#include "hw/acpi/aml-build.h"

/* Opcodes (20.3 "AML Byte Stream Byte Values"). */
#define ZERO_OP             0x00
#define ONE_OP              0x01
#define NAME_OP             0x08
#define BYTE_PREFIX         0x0a
#define WORD_PREFIX         0x0b
#define DWORD_PREFIX        0x0c
#define STRING_PREFIX       0x0d
#define QWORD_PREFIX        0x0e
#define SCOPE_OP            0x10
#define BUFFER_OP           0x11
#define PACKAGE_OP          0x12
#define METHOD_OP           0x14
#define DUAL_NAME_PREFIX    0x2e
#define MULTI_NAME_PREFIX   0x2f
#define EXT_OP_PREFIX       0x5b
#define ROOT_CHAR           '\\'
#define PARENT_PREFIX       '^'
#define LOCAL0_OP           0x60
#define ARG0_OP             0x68
#define STORE_OP            0x70
#define ADD_OP              0x72
#define INCREMENT_OP        0x75
#define SUBTRACT_OP         0x74
#define SHIFT_LEFT_OP       0x79
#define SHIFT_RIGHT_OP      0x7a
#define AND_OP              0x7b
#define OR_OP               0x7d
#define DEREF_OF_OP         0x83
#define NOTIFY_OP           0x86
#define SIZE_OF_OP          0x87
#define INDEX_OP            0x88
#define CREATE_DWORD_FIELD_OP 0x8a
#define LAND_OP             0x90
#define LOR_OP              0x91
#define LNOT_OP             0x92
#define LEQUAL_OP           0x93
#define LGREATER_OP         0x94
#define LLESS_OP            0x95
#define IF_OP               0xa0
#define ELSE_OP             0xa1
#define WHILE_OP            0xa2
#define RETURN_OP           0xa4
#define BREAK_OP            0xa5
/* After EXT_OP_PREFIX. */
#define MUTEX_OP            0x01
#define ACQUIRE_OP          0x23
#define RELEASE_OP          0x27
#define DEBUG_OP            0x31
#define OP_REGION_OP        0x80
#define FIELD_OP            0x81
#define DEVICE_OP           0x82
#define PROCESSOR_OP        0x83

typedef enum AmlKind {
    AML_RAW,            /* bytes as they are */
    AML_BLOCK,          /* op PkgLength content */
    AML_EXT_BLOCK,      /* 0x5b op PkgLength content */
    AML_PACKAGE,        /* 0x12 PkgLength NumElements content */
    AML_BUFFER,         /* 0x11 PkgLength BufferSize content */
    AML_RES_TEMPLATE,   /* a buffer of descriptors + End Tag */
} AmlKind;

struct Aml {
    GByteArray *buf;
    AmlKind kind;
    uint8_t op;
    unsigned elements;          /* appended children (packages) */
};

static Aml *aml_new(AmlKind kind, uint8_t op)
{
    Aml *a = g_new0(Aml, 1);

    a->buf = g_byte_array_new();
    a->kind = kind;
    a->op = op;
    return a;
}

void aml_free(Aml *a)
{
    if (a) {
        g_byte_array_unref(a->buf);
        g_free(a);
    }
}

static void put_byte(Aml *a, uint8_t b)
{
    g_byte_array_append(a->buf, &b, 1);
}

static void put_le(Aml *a, uint64_t v, int n)
{
    while (n--) {
        put_byte(a, v);
        v >>= 8;
    }
}

static void put_bytes(Aml *a, const void *data, size_t len)
{
    g_byte_array_append(a->buf, data, len);
}

int aml_pkglen_encode(size_t len, uint8_t out[4])
{
    int n;

    /* The length counts the PkgLength bytes themselves. */
    if (len + 1 < 0x40) {
        out[0] = len + 1;
        return 1;
    }
    for (n = 2; n <= 4; n++) {
        size_t total = len + n;
        int i;

        if (total >= (size_t)1 << (4 + 8 * (n - 1))) {
            continue;
        }
        out[0] = (n - 1) << 6 | (total & 0x0f);
        for (i = 1; i < n; i++) {
            out[i] = total >> (4 + 8 * (i - 1));
        }
        return n;
    }
    return 0;
}

/* A PkgLength that counts only the value, not itself (field widths). */
static void put_pkglen_value(Aml *a, unsigned v)
{
    if (v < 0x40) {
        put_byte(a, v);
    } else if (v < 1u << 12) {
        put_byte(a, 1 << 6 | (v & 0x0f));
        put_byte(a, v >> 4);
    } else if (v < 1u << 20) {
        put_byte(a, 2 << 6 | (v & 0x0f));
        put_byte(a, v >> 4);
        put_byte(a, v >> 12);
    } else {
        put_byte(a, 3 << 6 | (v & 0x0f));
        put_byte(a, v >> 4);
        put_byte(a, v >> 12);
        put_byte(a, v >> 20);
    }
}

static void put_int(Aml *a, uint64_t v)
{
    if (v == 0) {
        put_byte(a, ZERO_OP);
    } else if (v == 1) {
        put_byte(a, ONE_OP);
    } else if (v <= 0xff) {
        put_byte(a, BYTE_PREFIX);
        put_byte(a, v);
    } else if (v <= 0xffff) {
        put_byte(a, WORD_PREFIX);
        put_le(a, v, 2);
    } else if (v <= 0xffffffff) {
        put_byte(a, DWORD_PREFIX);
        put_le(a, v, 4);
    } else {
        put_byte(a, QWORD_PREFIX);
        put_le(a, v, 8);
    }
}

/* Wrap content with op and its PkgLength (prefix bytes before the op). */
static void put_block(GByteArray *out, const uint8_t *prefix, int nprefix,
                      const uint8_t *content, size_t len)
{
    uint8_t pkg[4];
    int n = aml_pkglen_encode(len, pkg);

    g_assert(n);
    g_byte_array_append(out, prefix, nprefix);
    g_byte_array_append(out, pkg, n);
    g_byte_array_append(out, content, len);
}

/* The full encoding of a (consumed) into out. */
static void aml_encode(GByteArray *out, Aml *a)
{
    uint8_t prefix[2];

    switch (a->kind) {
    case AML_RAW:
        g_byte_array_append(out, a->buf->data, a->buf->len);
        break;
    case AML_BLOCK:
        prefix[0] = a->op;
        put_block(out, prefix, 1, a->buf->data, a->buf->len);
        break;
    case AML_EXT_BLOCK:
        prefix[0] = EXT_OP_PREFIX;
        prefix[1] = a->op;
        put_block(out, prefix, 2, a->buf->data, a->buf->len);
        break;
    case AML_PACKAGE: {
        GByteArray *c = g_byte_array_new();
        uint8_t n = a->elements;

        g_assert(a->elements <= 255);
        g_byte_array_append(c, &n, 1);
        g_byte_array_append(c, a->buf->data, a->buf->len);
        prefix[0] = PACKAGE_OP;
        put_block(out, prefix, 1, c->data, c->len);
        g_byte_array_unref(c);
        break;
    }
    case AML_RES_TEMPLATE:
        /* End Tag (6.4.2.9): checksum 0 means "no checksum". */
        put_byte(a, 0x79);
        put_byte(a, 0x00);
        /* fall through */
    case AML_BUFFER: {
        Aml *c = aml_new(AML_RAW, 0);

        put_int(c, a->buf->len);
        put_bytes(c, a->buf->data, a->buf->len);
        prefix[0] = BUFFER_OP;
        put_block(out, prefix, 1, c->buf->data, c->buf->len);
        aml_free(c);
        break;
    }
    }
    aml_free(a);
}

/* Append the encoding of child (consumed) to a's content. */
static void put_aml(Aml *a, Aml *child)
{
    aml_encode(a->buf, child);
}

void aml_append(Aml *parent, Aml *child)
{
    put_aml(parent, child);
    parent->elements++;
}

uint8_t *aml_take_bytes(Aml *a, size_t *len)
{
    GByteArray *out = g_byte_array_new();

    aml_encode(out, a);
    *len = out->len;
    return g_byte_array_free(out, false);
}

Aml *aml_block(void)
{
    return aml_new(AML_RAW, 0);
}

/* ---- names ---- */

static void put_nameseg(Aml *a, const char *seg, size_t len)
{
    char s[4] = { '_', '_', '_', '_' };

    g_assert(len >= 1 && len <= 4);
    memcpy(s, seg, len);
    put_bytes(a, s, 4);
}

/* A NameString (20.2.2): prefixes, then 0, 1, 2 or more segments. */
static void put_namestring(Aml *a, const char *name)
{
    g_auto(GStrv) segs = NULL;
    int n, i;

    while (*name == ROOT_CHAR || *name == PARENT_PREFIX) {
        put_byte(a, *name++);
    }
    if (!*name) {
        put_byte(a, 0x00);      /* NullName */
        return;
    }
    segs = g_strsplit(name, ".", -1);
    n = g_strv_length(segs);
    if (n == 2) {
        put_byte(a, DUAL_NAME_PREFIX);
    } else if (n > 2) {
        put_byte(a, MULTI_NAME_PREFIX);
        put_byte(a, n);
    }
    for (i = 0; i < n; i++) {
        put_nameseg(a, segs[i], strlen(segs[i]));
    }
}

Aml *aml_name(const char *fmt, ...)
{
    Aml *a = aml_new(AML_RAW, 0);
    g_autofree char *name = NULL;
    va_list ap;

    va_start(ap, fmt);
    name = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    put_namestring(a, name);
    return a;
}

Aml *aml_name_decl(const char *name, Aml *value)
{
    Aml *a = aml_new(AML_RAW, 0);

    put_byte(a, NAME_OP);
    put_namestring(a, name);
    put_aml(a, value);
    return a;
}

/* ---- data ---- */

Aml *aml_int(uint64_t v)
{
    Aml *a = aml_new(AML_RAW, 0);

    put_int(a, v);
    return a;
}

Aml *aml_string(const char *fmt, ...)
{
    Aml *a = aml_new(AML_RAW, 0);
    g_autofree char *s = NULL;
    va_list ap;

    va_start(ap, fmt);
    s = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    put_byte(a, STRING_PREFIX);
    put_bytes(a, s, strlen(s) + 1);
    return a;
}

static unsigned hexval(char c)
{
    return g_ascii_isdigit(c) ? c - '0' : g_ascii_toupper(c) - 'A' + 10;
}

Aml *aml_eisaid(const char *id)
{
    Aml *a = aml_new(AML_RAW, 0);
    uint32_t v;

    g_assert(strlen(id) == 7);
    /* Three 5-bit letters, then four hex digits; stored big-endian. */
    v = (uint32_t)((id[0] - 0x40) & 0x1f) << 26 |
        (uint32_t)((id[1] - 0x40) & 0x1f) << 21 |
        (uint32_t)((id[2] - 0x40) & 0x1f) << 16 |
        hexval(id[3]) << 12 | hexval(id[4]) << 8 |
        hexval(id[5]) << 4 | hexval(id[6]);
    put_byte(a, DWORD_PREFIX);
    put_byte(a, v >> 24);
    put_byte(a, v >> 16);
    put_byte(a, v >> 8);
    put_byte(a, v);
    return a;
}

Aml *aml_buffer(size_t len, const uint8_t *data)
{
    Aml *a = aml_new(AML_BUFFER, BUFFER_OP);

    if (data) {
        put_bytes(a, data, len);
    } else {
        g_byte_array_set_size(a->buf, len);
        memset(a->buf->data, 0, len);
    }
    return a;
}

Aml *aml_package(void)
{
    return aml_new(AML_PACKAGE, PACKAGE_OP);
}

static Aml *aml_op(uint8_t op)
{
    Aml *a = aml_new(AML_RAW, 0);

    put_byte(a, op);
    return a;
}

Aml *aml_local(int n)
{
    g_assert(n >= 0 && n < 8);
    return aml_op(LOCAL0_OP + n);
}

Aml *aml_arg(int n)
{
    g_assert(n >= 0 && n < 7);
    return aml_op(ARG0_OP + n);
}

Aml *aml_debug(void)
{
    Aml *a = aml_op(EXT_OP_PREFIX);

    put_byte(a, DEBUG_OP);
    return a;
}

/* ---- named objects ---- */

static Aml *aml_named_block(AmlKind kind, uint8_t op, const char *fmt,
                            va_list ap)
{
    Aml *a = aml_new(kind, op);
    g_autofree char *name = g_strdup_vprintf(fmt, ap);

    put_namestring(a, name);
    return a;
}

Aml *aml_scope(const char *fmt, ...)
{
    va_list ap;
    Aml *a;

    va_start(ap, fmt);
    a = aml_named_block(AML_BLOCK, SCOPE_OP, fmt, ap);
    va_end(ap);
    return a;
}

Aml *aml_device(const char *fmt, ...)
{
    va_list ap;
    Aml *a;

    va_start(ap, fmt);
    a = aml_named_block(AML_EXT_BLOCK, DEVICE_OP, fmt, ap);
    va_end(ap);
    return a;
}

Aml *aml_method(const char *name, int nargs, bool serialized)
{
    Aml *a = aml_new(AML_BLOCK, METHOD_OP);

    g_assert(nargs >= 0 && nargs <= 7);
    put_namestring(a, name);
    put_byte(a, nargs | (serialized ? 0x08 : 0));
    return a;
}

Aml *aml_processor(uint8_t id, uint32_t pblk_addr, uint8_t pblk_len,
                   const char *fmt, ...)
{
    va_list ap;
    Aml *a;

    va_start(ap, fmt);
    a = aml_named_block(AML_EXT_BLOCK, PROCESSOR_OP, fmt, ap);
    va_end(ap);
    put_byte(a, id);
    put_le(a, pblk_addr, 4);
    put_byte(a, pblk_len);
    return a;
}

Aml *aml_mutex(const char *name, uint8_t sync_level)
{
    Aml *a = aml_op(EXT_OP_PREFIX);

    put_byte(a, MUTEX_OP);
    put_namestring(a, name);
    put_byte(a, sync_level & 0x0f);
    return a;
}

Aml *aml_operation_region(const char *name, AmlRegionSpace space,
                          Aml *offset, uint32_t len)
{
    Aml *a = aml_op(EXT_OP_PREFIX);

    put_byte(a, OP_REGION_OP);
    put_namestring(a, name);
    put_byte(a, space);
    put_aml(a, offset);
    put_int(a, len);
    return a;
}

Aml *aml_field(const char *region, AmlAccessType access, AmlLockRule lock,
               AmlUpdateRule update)
{
    Aml *a = aml_new(AML_EXT_BLOCK, FIELD_OP);

    put_namestring(a, region);
    put_byte(a, access | lock << 4 | update << 5);
    return a;
}

Aml *aml_named_field(const char *name, unsigned bits)
{
    Aml *a = aml_new(AML_RAW, 0);

    put_nameseg(a, name, strlen(name));
    put_pkglen_value(a, bits);
    return a;
}

Aml *aml_reserved_field(unsigned bits)
{
    Aml *a = aml_op(0x00);

    put_pkglen_value(a, bits);
    return a;
}

Aml *aml_create_dword_field(Aml *buffer, Aml *index, const char *name)
{
    Aml *a = aml_op(CREATE_DWORD_FIELD_OP);

    put_aml(a, buffer);
    put_aml(a, index);
    put_namestring(a, name);
    return a;
}

/* ---- statements and expressions ---- */

Aml *aml_if(Aml *predicate)
{
    Aml *a = aml_new(AML_BLOCK, IF_OP);

    put_aml(a, predicate);
    return a;
}

Aml *aml_else(void)
{
    return aml_new(AML_BLOCK, ELSE_OP);
}

Aml *aml_while(Aml *predicate)
{
    Aml *a = aml_new(AML_BLOCK, WHILE_OP);

    put_aml(a, predicate);
    return a;
}

Aml *aml_break(void)
{
    return aml_op(BREAK_OP);
}

Aml *aml_return(Aml *value)
{
    Aml *a = aml_op(RETURN_OP);

    put_aml(a, value);
    return a;
}

Aml *aml_notify(Aml *object, Aml *value)
{
    Aml *a = aml_op(NOTIFY_OP);

    put_aml(a, object);
    put_aml(a, value);
    return a;
}

static Aml *aml_op1(uint8_t op, Aml *x)
{
    Aml *a = aml_op(op);

    put_aml(a, x);
    return a;
}

static Aml *aml_op2(uint8_t op, Aml *x, Aml *y)
{
    Aml *a = aml_op1(op, x);

    put_aml(a, y);
    return a;
}

/* Operand, operand, target (NullName when there is none). */
static Aml *aml_op2_target(uint8_t op, Aml *x, Aml *y, Aml *target)
{
    Aml *a = aml_op2(op, x, y);

    if (target) {
        put_aml(a, target);
    } else {
        put_byte(a, 0x00);
    }
    return a;
}

Aml *aml_store(Aml *value, Aml *target)
{
    return aml_op2(STORE_OP, value, target);
}

Aml *aml_and(Aml *a, Aml *b, Aml *target)
{
    return aml_op2_target(AND_OP, a, b, target);
}

Aml *aml_or(Aml *a, Aml *b, Aml *target)
{
    return aml_op2_target(OR_OP, a, b, target);
}

Aml *aml_add(Aml *a, Aml *b, Aml *target)
{
    return aml_op2_target(ADD_OP, a, b, target);
}

Aml *aml_subtract(Aml *a, Aml *b, Aml *target)
{
    return aml_op2_target(SUBTRACT_OP, a, b, target);
}

Aml *aml_shiftleft(Aml *a, Aml *count, Aml *target)
{
    return aml_op2_target(SHIFT_LEFT_OP, a, count, target);
}

Aml *aml_shiftright(Aml *a, Aml *count, Aml *target)
{
    return aml_op2_target(SHIFT_RIGHT_OP, a, count, target);
}

Aml *aml_index(Aml *object, Aml *index, Aml *target)
{
    return aml_op2_target(INDEX_OP, object, index, target);
}

Aml *aml_increment(Aml *a)
{
    return aml_op1(INCREMENT_OP, a);
}

Aml *aml_derefof(Aml *a)
{
    return aml_op1(DEREF_OF_OP, a);
}

Aml *aml_sizeof(Aml *a)
{
    return aml_op1(SIZE_OF_OP, a);
}

Aml *aml_equal(Aml *a, Aml *b)
{
    return aml_op2(LEQUAL_OP, a, b);
}

Aml *aml_lless(Aml *a, Aml *b)
{
    return aml_op2(LLESS_OP, a, b);
}

Aml *aml_lgreater(Aml *a, Aml *b)
{
    return aml_op2(LGREATER_OP, a, b);
}

Aml *aml_land(Aml *a, Aml *b)
{
    return aml_op2(LAND_OP, a, b);
}

Aml *aml_lor(Aml *a, Aml *b)
{
    return aml_op2(LOR_OP, a, b);
}

Aml *aml_lnot(Aml *a)
{
    return aml_op1(LNOT_OP, a);
}

Aml *aml_acquire(Aml *mutex, uint16_t timeout)
{
    Aml *a = aml_op(EXT_OP_PREFIX);

    put_byte(a, ACQUIRE_OP);
    put_aml(a, mutex);
    put_le(a, timeout, 2);
    return a;
}

Aml *aml_release(Aml *mutex)
{
    Aml *a = aml_op(EXT_OP_PREFIX);

    put_byte(a, RELEASE_OP);
    put_aml(a, mutex);
    return a;
}

Aml *aml_call(const char *name, int n, ...)
{
    Aml *a = aml_new(AML_RAW, 0);
    va_list ap;
    int i;

    put_namestring(a, name);
    va_start(ap, n);
    for (i = 0; i < n; i++) {
        put_aml(a, va_arg(ap, Aml *));
    }
    va_end(ap);
    return a;
}

/* ---- resource descriptors ---- */

Aml *aml_resource_template(void)
{
    return aml_new(AML_RES_TEMPLATE, BUFFER_OP);
}

Aml *aml_io(uint16_t min, uint16_t max, uint8_t align, uint8_t len)
{
    Aml *a = aml_op(0x47);              /* 6.4.2.5 I/O port, 7 bytes */

    put_byte(a, 0x01);                  /* 16-bit decode */
    put_le(a, min, 2);
    put_le(a, max, 2);
    put_byte(a, align);
    put_byte(a, len);
    return a;
}

Aml *aml_irq_no_flags(uint8_t irq)
{
    Aml *a = aml_op(0x22);              /* 6.4.2.1 IRQ, 2-byte form */

    g_assert(irq < 16);
    put_le(a, 1u << irq, 2);
    return a;
}

Aml *aml_dma8(uint8_t channel)
{
    Aml *a = aml_op(0x2a);              /* 6.4.2.2 DMA */

    put_byte(a, 1u << channel);
    put_byte(a, 0x00);                  /* compatibility, 8-bit, no BM */
    return a;
}

Aml *aml_memory32_fixed(uint32_t base, uint32_t len, bool read_write)
{
    Aml *a = aml_op(0x86);              /* 6.4.3.4 32-bit fixed memory */

    put_le(a, 9, 2);
    put_byte(a, read_write);
    put_le(a, base, 4);
    put_le(a, len, 4);
    return a;
}

Aml *aml_interrupt(bool edge, bool active_low, bool shared,
                   const uint32_t *irqs, int n)
{
    Aml *a = aml_op(0x89);              /* 6.4.3.6 extended interrupt */
    int i;

    g_assert(n > 0 && n < 256);
    put_le(a, 2 + 4 * n, 2);
    put_byte(a, 0x01 | edge << 1 | active_low << 2 | shared << 3);
    put_byte(a, n);
    for (i = 0; i < n; i++) {
        put_le(a, irqs[i], 4);
    }
    return a;
}

/*
 * Address space descriptors (6.4.3.5): producer, positive decode, fixed
 * minimum and maximum (general flags 0x0c), zero granularity and
 * translation, length max - min + 1.
 */
static Aml *aml_addr_space(uint8_t tag, uint8_t type, uint8_t type_flags,
                           uint64_t min, uint64_t max, int size)
{
    Aml *a = aml_op(tag);

    put_le(a, 3 + 5 * size, 2);
    put_byte(a, type);
    put_byte(a, 0x0c);
    put_byte(a, type_flags);
    put_le(a, 0, size);                 /* granularity */
    put_le(a, min, size);
    put_le(a, max, size);
    put_le(a, 0, size);                 /* translation */
    put_le(a, max - min + 1, size);
    return a;
}

Aml *aml_word_bus_number(uint16_t min, uint16_t max)
{
    return aml_addr_space(0x88, 2, 0x00, min, max, 2);
}

Aml *aml_word_io(uint16_t min, uint16_t max)
{
    return aml_addr_space(0x88, 1, 0x03, min, max, 2);  /* EntireRange */
}

/* Memory type flags: ReadWrite (bit 0), cacheability (bits 2:1). */
Aml *aml_dword_memory(uint32_t min, uint32_t max, bool cacheable)
{
    return aml_addr_space(0x87, 0, 0x01 | (cacheable ? 0x02 : 0), min, max,
                          4);
}

Aml *aml_qword_memory(uint64_t min, uint64_t max, bool cacheable)
{
    return aml_addr_space(0x8a, 0, 0x01 | (cacheable ? 0x02 : 0), min, max,
                          8);
}
