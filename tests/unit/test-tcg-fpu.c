/*
 * test-tcg-fpu.c: the software x87 arithmetic against the host's x87.
 *
 * Each helper of target/i386/tcg/fpu-internal.h runs on the same operands
 * and control word as the corresponding instruction executed by this
 * (x86-64) host; results, exception flags and C1 must agree bit for bit
 * for the basic arithmetic and the conversions.  Operands are edge cases
 * (zeros, denormals, pseudo-denormals, unnormals, infinities, NaNs, the
 * extremes of the exponent range, values near rounding boundaries) and
 * pseudo-random values, under every rounding control, every precision
 * control, with exceptions masked and unmasked.  The FXSAVE image is
 * checked for layout and round trip.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/fpu-internal.h"
#include <math.h>
#include <cpuid.h>

/* ---- the host's answer ---- */

typedef struct Host {
    FPReg r;            /* ST0 after the operation */
    FPReg r2;           /* ST1 after it (FXTRACT, FPTAN...) */
    uint16_t sw;
    uint64_t mem;       /* stores to memory */
    uint8_t bcd[10];
} Host;

enum {
    OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_SQRT, OP_RNDINT, OP_COM, OP_UCOM,
    OP_ST32, OP_ST64, OP_IST16, OP_IST32, OP_IST64, OP_ISTT16, OP_ISTT32,
    OP_ISTT64, OP_BST, OP_LD32, OP_LD64, OP_PREM, OP_PREM1, OP_SCALE,
    OP_XTRACT, OP_XAM,
};

static void load_tbyte(uint8_t *p, FPReg a)
{
    memcpy(p, &a.mant, 8);
    memcpy(p + 8, &a.exp, 2);
}

static FPReg get_tbyte(const uint8_t *p)
{
    FPReg a;

    memcpy(&a.mant, p, 8);
    memcpy(&a.exp, p + 8, 2);
    return a;
}

/*
 * Run op on the host with ST0 = a, ST1 = b and control word cw; the
 * status word is read right after the operation and the exceptions
 * cleared before anything else waits.
 */
static Host host_run(int op, uint16_t cw, FPReg a, FPReg b)
{
    uint8_t ta[10], tb[10], tr[10] = { 0 }, tr2[10] = { 0 };
    uint16_t sw = 0, sw0 = 0, m16 = 0;
    uint32_t m32 = 0;
    bool popped = false;
    Host h;

    memset(&h, 0, sizeof(h));
    load_tbyte(ta, a);
    load_tbyte(tb, b);
    __asm__ volatile("fninit\n\tfldcw %0\n\tfldt %1\n\tfldt %2"
                     : : "m"(cw), "m"(tb), "m"(ta));
    switch (op) {
    case OP_ADD: __asm__ volatile("fadd %%st(1), %%st" ::: "memory"); break;
    case OP_SUB: __asm__ volatile("fsub %%st(1), %%st" ::: "memory"); break;
    case OP_MUL: __asm__ volatile("fmul %%st(1), %%st" ::: "memory"); break;
    case OP_DIV: __asm__ volatile("fdiv %%st(1), %%st" ::: "memory"); break;
    case OP_SQRT: __asm__ volatile("fsqrt" ::: "memory"); break;
    case OP_RNDINT: __asm__ volatile("frndint" ::: "memory"); break;
    case OP_COM: __asm__ volatile("fcom %%st(1)" ::: "memory"); break;
    case OP_UCOM: __asm__ volatile("fucom %%st(1)" ::: "memory"); break;
    case OP_PREM: __asm__ volatile("fprem" ::: "memory"); break;
    case OP_PREM1: __asm__ volatile("fprem1" ::: "memory"); break;
    case OP_SCALE: __asm__ volatile("fscale" ::: "memory"); break;
    case OP_XTRACT: __asm__ volatile("fxtract" ::: "memory"); break;
    case OP_XAM: __asm__ volatile("fxam" ::: "memory"); break;
    case OP_ST32:
        __asm__ volatile("fsts %0" : "=m"(m32) :: "memory");
        h.mem = m32;
        break;
    case OP_ST64:
        __asm__ volatile("fstl %0" : "=m"(h.mem) :: "memory");
        break;
    case OP_IST16:
        __asm__ volatile("fists %0" : "=m"(m16) :: "memory");
        h.mem = m16;
        break;
    case OP_IST32:
        __asm__ volatile("fistl %0" : "=m"(m32) :: "memory");
        h.mem = m32;
        break;
    case OP_IST64:
        __asm__ volatile("fistpll %0\n\tfnstsw %1\n\tfnclex\n\tfldz"
                         : "=m"(h.mem), "=m"(sw0) :: "memory");
        popped = true;
        break;
    case OP_ISTT16:
        __asm__ volatile("fisttps %0\n\tfnstsw %1\n\tfnclex\n\tfldz"
                         : "=m"(m16), "=m"(sw0) :: "memory");
        popped = true;
        h.mem = m16;
        break;
    case OP_ISTT32:
        __asm__ volatile("fisttpl %0\n\tfnstsw %1\n\tfnclex\n\tfldz"
                         : "=m"(m32), "=m"(sw0) :: "memory");
        popped = true;
        h.mem = m32;
        break;
    case OP_ISTT64:
        __asm__ volatile("fisttpll %0\n\tfnstsw %1\n\tfnclex\n\tfldz"
                         : "=m"(h.mem), "=m"(sw0) :: "memory");
        popped = true;
        break;
    case OP_BST:
        __asm__ volatile("fbstp %0\n\tfnstsw %1\n\tfnclex\n\tfldz"
                         : "=m"(h.bcd), "=m"(sw0) :: "memory");
        popped = true;
        break;
    case OP_LD32:
        m32 = (uint32_t)a.mant;
        __asm__ volatile("fstp %%st(0)\n\tflds %0" : : "m"(m32) : "memory");
        break;
    case OP_LD64:
        __asm__ volatile("fstp %%st(0)\n\tfldl %0" : : "m"(a.mant)
                         : "memory");
        break;
    }
    __asm__ volatile("fnstsw %0\n\tfnclex\n\tfstpt %1\n\tfstpt %2\n\tfninit"
                     : "=m"(sw), "=m"(tr), "=m"(tr2) : : "memory");
    h.sw = popped ? sw0 : sw;
    h.r = get_tbyte(tr);
    h.r2 = get_tbyte(tr2);
    return h;
}

/* ---- operands ---- */

static uint64_t rng_state = 0x853c49e6748fea9bull;

static uint64_t rnd64(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static const FPReg edge[] = {
    { 0, 0 }, { 0, 0x8000 },                                 /* +-0 */
    { 0x8000000000000000ull, 0x3fff }, { 0x8000000000000000ull, 0xbfff },
    { 0xc000000000000000ull, 0x4000 },                       /* 3 */
    { 0xffffffffffffffffull, 0x3ffe },
    { 0x8000000000000001ull, 0x3fff },
    { 0xaaaaaaaaaaaaaaabull, 0x3ffd },                       /* 1/3 */
    { 0x8000000000000000ull, 0x7fff }, { 0x8000000000000000ull, 0xffff },
    { 0xc000000000000000ull, 0x7fff },                       /* QNaN */
    { 0xc000000000000000ull, 0xffff },                       /* indef. */
    { 0xa000000000000000ull, 0x7fff },                       /* SNaN */
    { 0xe123456789abcdefull, 0xffff },
    { 0x8000000000000001ull, 0x7fff },
    { 0x0000000000000001ull, 0x0000 },                       /* denormal */
    { 0x4000000000000000ull, 0x8000 },
    { 0x7fffffffffffffffull, 0x0000 },
    { 0x8000000000000000ull, 0x0000 },                       /* pseudo-d. */
    { 0x8000000000000000ull, 0x0001 },                       /* min norm */
    { 0xffffffffffffffffull, 0x7ffe }, { 0xffffffffffffffffull, 0xfffe },
    { 0x4000000000000000ull, 0x3fff },                       /* unnormal */
    { 0x0000000000000000ull, 0x7fff },                       /* pseudo-inf */
    { 0x4000000000000000ull, 0x7fff },                       /* pseudo-NaN */
    { 0x8000000000000000ull, 0x403e },                       /* 2^63 */
    { 0xffffffffffffffffull, 0x403d },
    { 0x8000000000000000ull, 0xc03e },
    { 0xfffe000000000000ull, 0x400e },                       /* 65535 */
    { 0x8000000000000000ull, 0x3ffe },                       /* 0.5 */
    { 0xc000000000000000ull, 0x3fff },                       /* 1.5 */
    { 0xa000000000000000ull, 0x4000 },                       /* 2.5 */
    { 0x8000000000000000ull, 0x3f81 },                       /* 2^-126 */
    { 0xffffff8000000000ull, 0x407e },                       /* FLT_MAX */
    { 0x8000000000000000ull, 0x3c01 },                       /* 2^-1022 */
    { 0xfffffffffffff800ull, 0x43fe },                       /* DBL_MAX */
    { 0x8000000000000000ull, 0x3f6a },                       /* f32 denorm */
    { 0x8000000000000000ull, 0x3bcd },                       /* f64 denorm */
    { 0xde0b6b3a763fffffull, 0x403a },                       /* ~10^18 */
    { 0x8000000000000000ull, 0x4040 },                       /* 2^65 */
    { 0x8000000000000000ull, 0x3fbf },                       /* 2^-64 */
    { 0xc90fdaa22168c235ull, 0x4000 },                       /* pi */
    { 0x8000008000000000ull, 0x3fff },                       /* 1+2^-24 */
    { 0x8000000000000400ull, 0x3fff },                       /* 1+2^-53 */
};

/* A random operand: mostly finite values around interesting exponents. */
static FPReg rnd_fp(void)
{
    uint64_t r = rnd64();
    FPReg a;

    switch (r & 15) {
    case 0:
        return edge[(r >> 8) % ARRAY_SIZE(edge)];
    case 1:             /* tiny */
        a.exp = (uint16_t)((r >> 8) & 0x7f);
        break;
    case 2:             /* huge */
        a.exp = (uint16_t)(0x7ffe - ((r >> 8) & 0x7f));
        break;
    case 3:             /* near the single / double ranges */
        a.exp = (uint16_t)(((r >> 8) & 1 ? 0x3f81 : 0x3c01) +
                           (int)((r >> 9) & 63) - 32);
        break;
    case 4:             /* integers of all sizes */
        a.exp = (uint16_t)(0x3fff + ((r >> 8) & 63));
        break;
    default:
        a.exp = (uint16_t)(0x3fff + (int)((r >> 8) & 127) - 64);
        break;
    }
    a.mant = rnd64();
    switch ((r >> 20) & 7) {
    case 0: a.mant &= 0xffffff0000000000ull; break;    /* short mantissas */
    case 1: a.mant |= 0x00000000ffffffffull; break;
    case 2: a.mant &= 0xfffffffffffff800ull; break;
    default: break;
    }
    if (a.exp) {
        a.mant |= FP_INT_BIT;
    }
    if ((r >> 24) & 1) {
        a.exp |= 0x8000;
    }
    return a;
}

/* A control word: masks all, or one of them clear; any PC and RC. */
static uint16_t rnd_cw(void)
{
    uint64_t r = rnd64();
    uint16_t cw = 0x3f | ((r & 3) << 8) | (((r >> 2) & 3) << 10);

    if (((r >> 4) & 7) == 0) {
        cw &= ~(1u << ((r >> 7) % 6));
    }
    if (((cw >> 8) & 3) == 1) {
        cw |= 0x300;        /* reserved precision: not compared */
    }
    return cw;
}

static bool same_fp(FPReg a, FPReg b)
{
    return a.mant == b.mant && a.exp == b.exp;
}

static unsigned failures;

static void report(const char *what, int op, uint16_t cw, FPReg a, FPReg b,
                   FPReg got, uint16_t gsw, FPReg want, uint16_t wsw)
{
    static unsigned per_op[64];

    failures++;
    if (per_op[op & 63]++ < 4) {
        g_test_message("%s op %d cw %04x a %04x:%016" PRIx64 " b %04x:%016"
                       PRIx64 " got %04x:%016" PRIx64 " sw %04x want %04x:%016"
                       PRIx64 " sw %04x", what, op, cw, a.exp, a.mant, b.exp,
                       b.mant, got.exp, got.mant, gsw, want.exp, want.mant,
                       wsw);
    }
}

/* ---- the arithmetic ---- */

/* The status bits an arithmetic result defines: flags and C1. */
#define ARITH_SW (FPUS_EXC | FPUS_C1)

static void check_arith(int op, uint16_t cw, FPReg a, FPReg b)
{
    FPCtx c = { .cw = cw, .sw = 0 };
    Host h = host_run(op, cw, a, b);
    FPReg r;

    switch (op) {
    case OP_ADD: r = fp_add(&c, a, b); break;
    case OP_SUB: r = fp_sub(&c, a, b); break;
    case OP_MUL: r = fp_mul(&c, a, b); break;
    case OP_DIV: r = fp_div(&c, a, b); break;
    case OP_SQRT: r = fp_sqrt(&c, a); break;
    default: r = fp_round_int(&c, a); break;
    }
    if (fp_unmasked_fault(&c)) {
        r = a;      /* the destination keeps its value */
    }
    if (!same_fp(r, h.r) || (c.sw & ARITH_SW) != (h.sw & ARITH_SW)) {
        report("arith", op, cw, a, b, r, c.sw, h.r, h.sw);
    }
}

static void test_arith_edges(void)
{
    static const uint16_t cws[] = {
        0x037f, 0x077f, 0x0b7f, 0x0f7f, 0x027f, 0x007f, 0x0360, 0x0372,
        0x0377, 0x036f, 0x035f, 0x033f, 0x037e, 0x037d, 0x037b,
    };

    failures = 0;
    for (int op = OP_ADD; op <= OP_RNDINT; op++) {
        for (size_t i = 0; i < ARRAY_SIZE(edge); i++) {
            for (size_t j = 0; j < ARRAY_SIZE(edge); j++) {
                for (size_t k = 0; k < ARRAY_SIZE(cws); k++) {
                    check_arith(op, cws[k], edge[i], edge[j]);
                }
            }
        }
    }
    g_assert_cmpuint(failures, ==, 0);
}

static void test_arith_random(void)
{
    failures = 0;
    for (int n = 0; n < 300000; n++) {
        int op = OP_ADD + (int)(rnd64() % (OP_RNDINT - OP_ADD + 1));
        FPReg a = rnd_fp(), b = rnd_fp();

        if (op == OP_ADD || op == OP_SUB) {
            /* near cancellation and near alignment */
            if (n & 1) {
                b.exp = (uint16_t)((b.exp & 0x8000) |
                                   ((a.exp + (int)(rnd64() % 130) - 65) &
                                    0x7fff));
            }
        }
        check_arith(op, rnd_cw(), a, b);
    }
    g_assert_cmpuint(failures, ==, 0);
}

static void check_compare(uint16_t cw, FPReg a, FPReg b)
{
    static const uint16_t cc[4] = {
        FPUS_C0, FPUS_C3, 0, FPUS_C0 | FPUS_C2 | FPUS_C3
    };

    for (int quiet = 0; quiet < 2; quiet++) {
        FPCtx c = { .cw = cw, .sw = 0 };
        Host h = host_run(quiet ? OP_UCOM : OP_COM, cw, a, b);
        int rel = fp_compare(&c, a, b, quiet);
        uint16_t sw = cc[rel] | c.sw;
        uint16_t m = FPUS_EXC | FPUS_C0 | FPUS_C2 | FPUS_C3;

        if ((sw & m) != (h.sw & m)) {
            report("compare", quiet, cw, a, b, a, sw, b, h.sw);
        }
    }
}

static void test_compare(void)
{
    failures = 0;
    for (size_t i = 0; i < ARRAY_SIZE(edge); i++) {
        for (size_t j = 0; j < ARRAY_SIZE(edge); j++) {
            check_compare(0x037f, edge[i], edge[j]);
        }
    }
    for (int n = 0; n < 20000; n++) {
        FPReg a = rnd_fp(), b = (n & 1) ? a : rnd_fp();

        check_compare(0x037f, a, b);
    }
    g_assert_cmpuint(failures, ==, 0);
}

/* ---- conversions ---- */

static void check_store(int op, uint16_t cw, FPReg a)
{
    FPCtx c = { .cw = cw, .sw = 0 };
    Host h = host_run(op, cw, a, a);
    uint64_t got = 0, want = h.mem;
    bool stored = true;
    uint16_t m = FPUS_EXC | FPUS_C1;

    switch (op) {
    case OP_ST32: {
        uint32_t v = 0;

        stored = fp_to_f32(&c, a, &v);
        got = v;
        want = (uint32_t)want;
        break;
    }
    case OP_ST64:
        stored = fp_to_f64(&c, a, &got);
        break;
    default: {
        static const int bits[] = { 16, 32, 64, 16, 32, 64 };
        int i = op - OP_IST16;
        int64_t v = 0;

        stored = fp_to_int(&c, a, bits[i], i >= 3, &v);
        got = (uint64_t)v & (bits[i] == 64 ? ~0ull : (1ull << bits[i]) - 1);
        want &= bits[i] == 64 ? ~0ull : (1ull << bits[i]) - 1;
        break;
    }
    }
    if (!stored) {
        got = 0;    /* the host image starts at 0: no store there either */
    }
    if (got != want || (c.sw & m) != (h.sw & m)) {
        FPReg g = { got, 0 }, w = { want, 0 };

        report("store", op, cw, a, a, g, c.sw, w, h.sw);
    }
}

static void check_bcd(uint16_t cw, FPReg a)
{
    FPCtx c = { .cw = cw, .sw = 0 };
    Host h = host_run(OP_BST, cw, a, a);
    uint8_t got[10] = { 0 };
    uint16_t m = FPUS_EXC | FPUS_C1;

    if (!fp_to_bcd(&c, a, got)) {
        memset(got, 0, sizeof(got));
    }
    if (memcmp(got, h.bcd, 10) || (c.sw & m) != (h.sw & m)) {
        report("bcd", 0, cw, a, a, get_tbyte(got), c.sw, get_tbyte(h.bcd),
               h.sw);
    }
    if (!(c.sw & FPUS_IE)) {
        FPReg back = fp_from_bcd(got), want;
        FPCtx t = { .cw = cw | FPUS_DE, .sw = 0 };

        want = fp_round_int(&t, a);
        if (!same_fp(back, want)) {
            report("bcd back", 0, cw, a, a, back, 0, want, 0);
        }
    }
}

static void test_store_conversions(void)
{
    static const uint16_t cws[] = {
        0x037f, 0x077f, 0x0b7f, 0x0f7f, 0x0377, 0x036f, 0x035f, 0x037e,
    };

    failures = 0;
    for (int op = OP_ST32; op <= OP_ISTT64; op++) {
        for (size_t i = 0; i < ARRAY_SIZE(edge); i++) {
            for (size_t k = 0; k < ARRAY_SIZE(cws); k++) {
                check_store(op, cws[k], edge[i]);
            }
        }
        for (int n = 0; n < 30000; n++) {
            check_store(op, rnd_cw(), rnd_fp());
        }
    }
    for (size_t i = 0; i < ARRAY_SIZE(edge); i++) {
        for (size_t k = 0; k < ARRAY_SIZE(cws); k++) {
            check_bcd(cws[k], edge[i]);
        }
    }
    for (int n = 0; n < 30000; n++) {
        check_bcd(rnd_cw(), rnd_fp());
    }
    g_assert_cmpuint(failures, ==, 0);
}

static void check_load(int op, uint64_t v)
{
    FPCtx c = { .cw = 0x37f, .sw = 0 };
    FPReg in = { v, 0 };
    Host h = host_run(op, 0x37f, in, in);
    FPReg r = op == OP_LD32 ? fp_from_f32(&c, (uint32_t)v)
                            : fp_from_f64(&c, v);

    if (!same_fp(r, h.r) || (c.sw & FPUS_EXC) != (h.sw & FPUS_EXC)) {
        report("load", op, 0x37f, in, in, r, c.sw, h.r, h.sw);
    }
}

static void test_load_conversions(void)
{
    static const uint64_t v32[] = {
        0, 0x80000000, 1, 0x807fffff, 0x00800000, 0x7f800000, 0xff800000,
        0x7fc00000, 0x7f800001, 0xffbfffff, 0x3f800000, 0x7f7fffff,
    };
    static const uint64_t v64[] = {
        0, 1ull << 63, 1, 0x800fffffffffffffull, 0x0010000000000000ull,
        0x7ff0000000000000ull, 0x7ff8000000000000ull, 0x7ff0000000000001ull,
        0xfff7ffffffffffffull, 0x3ff0000000000000ull, 0x7fefffffffffffffull,
    };

    failures = 0;
    for (size_t i = 0; i < ARRAY_SIZE(v32); i++) {
        check_load(OP_LD32, v32[i]);
    }
    for (size_t i = 0; i < ARRAY_SIZE(v64); i++) {
        check_load(OP_LD64, v64[i]);
    }
    for (int n = 0; n < 20000; n++) {
        uint64_t r = rnd64();

        check_load(OP_LD32, (n & 1) ? (r & 0x807fffff) : (uint32_t)r);
        check_load(OP_LD64, (n & 1) ? (r & 0x800fffffffffffffull) : r);
    }
    g_assert_cmpuint(failures, ==, 0);
}

static void test_integer_indefinite(void)
{
    FPCtx c = { .cw = 0x37f, .sw = 0 };
    FPReg big = { 0x8000000000000000ull, 0x3fff + 40 };
    int64_t v = 0;

    g_assert_true(fp_to_int(&c, big, 32, false, &v));
    g_assert_cmpint(v, ==, INT32_MIN);
    g_assert_cmphex(c.sw & FPUS_IE, ==, FPUS_IE);
    c.sw = 0;
    g_assert_true(fp_to_int(&c, fp_indefinite(), 16, false, &v));
    g_assert_cmpint(v, ==, INT16_MIN);
    big.exp = 0x3fff + 70;
    c.cw = 0x37e;
    c.sw = 0;
    g_assert_false(fp_to_int(&c, big, 64, true, &v));
    g_assert_cmphex(c.sw & FPUS_IE, ==, FPUS_IE);
}

/* ---- remainder, scale, extract, examine ---- */

/* The FPREM partial-remainder step is implementation-specific: AMD's. */
static bool host_amd(void)
{
    unsigned a, b, c, d;

    __cpuid(0, a, b, c, d);
    return b == 0x68747541 && d == 0x69746e65 && c == 0x444d4163;
}

static void check_prem(int op, uint16_t cw, FPReg a, FPReg b)
{
    FPCtx c = { .cw = cw, .sw = 0 };
    Host h = host_run(op, cw, a, b);

    if ((h.sw & FPUS_C2) && !host_amd()) {
        return;
    }
    uint16_t cc = 0, ccmask = 0;
    FPReg r = fp_prem(&c, a, b, op == OP_PREM1, &cc, &ccmask);
    uint16_t m = FPUS_EXC | (ccmask & FPUS_CC);

    if (fp_unmasked_fault(&c)) {
        r = a;
    }
    if (!same_fp(r, h.r) || ((c.sw | cc) & m) != (h.sw & m)) {
        report("prem", op, cw, a, b, r, c.sw | cc, h.r, h.sw);
    }
}

static void check_scale(uint16_t cw, FPReg a, FPReg b)
{
    FPCtx c = { .cw = cw, .sw = 0 };
    Host h = host_run(OP_SCALE, cw, a, b);
    FPReg r = fp_scale(&c, a, b);

    if (fp_unmasked_fault(&c)) {
        r = a;
    }
    if (!same_fp(r, h.r) || (c.sw & ARITH_SW) != (h.sw & ARITH_SW)) {
        report("scale", OP_SCALE, cw, a, b, r, c.sw, h.r, h.sw);
    }
}

static void check_xtract(uint16_t cw, FPReg a)
{
    FPCtx c = { .cw = cw, .sw = 0 };
    Host h = host_run(OP_XTRACT, cw, a, a);
    FPReg sig, e = fp_xtract(&c, a, &sig);

    if (fp_unmasked_fault(&c)) {
        return;     /* the host leaves its stack alone: not comparable */
    }
    /* ST0 = significand, ST1 = exponent */
    if (!same_fp(sig, h.r) || !same_fp(e, h.r2) ||
        (c.sw & FPUS_EXC) != (h.sw & FPUS_EXC)) {
        report("xtract", OP_XTRACT, cw, a, a, sig, c.sw, h.r, h.sw);
    }
}

static void check_xam(FPReg a)
{
    Host h = host_run(OP_XAM, 0x37f, a, a);
    uint16_t cc = fp_examine(a, false);

    if (cc != (h.sw & FPUS_CC)) {
        report("xam", OP_XAM, 0x37f, a, a, a, cc, a, h.sw);
    }
}

static void test_prem_scale_xtract(void)
{
    failures = 0;
    for (size_t i = 0; i < ARRAY_SIZE(edge); i++) {
        check_xam(edge[i]);
        check_xtract(0x37f, edge[i]);
        check_xtract(0x37b, edge[i]);
        for (size_t j = 0; j < ARRAY_SIZE(edge); j++) {
            check_prem(OP_PREM, 0x37f, edge[i], edge[j]);
            check_prem(OP_PREM1, 0x37f, edge[i], edge[j]);
            check_scale(0x37f, edge[i], edge[j]);
            check_scale(0xf7f, edge[i], edge[j]);
        }
    }
    for (int n = 0; n < 100000; n++) {
        FPReg a = rnd_fp(), b = rnd_fp();
        uint16_t cw = rnd_cw();

        /* exponent differences around the partial-remainder steps */
        if (n & 1) {
            a.exp = (uint16_t)((a.exp & 0x8000) |
                               (((b.exp & 0x7fff) + (int)(rnd64() % 300) -
                                 20) & 0x7fff));
            if (!(a.exp & 0x7fff)) {
                a.exp |= 1;
            }
            a.mant |= FP_INT_BIT;
        }
        check_prem(n & 2 ? OP_PREM1 : OP_PREM, cw, a, b);
        /* scale factors of every size */
        b = fp_from_int((int64_t)(rnd64() % 70000) - 35000);
        if (n & 4) {
            b.mant |= rnd64() >> 20;
        }
        check_scale(cw, a, b);
        check_xtract(cw, a);
        check_xam(a);
    }
    g_assert_cmpuint(failures, ==, 0);
}

/* FPREM's quotient bits on exact cases: 7.5 rem 1 = 0.5, q = 7. */
static void test_prem_quotient_bits(void)
{
    FPCtx c = { .cw = 0x37f, .sw = 0 };
    uint16_t cc, ccmask;
    FPReg a = { 0xf000000000000000ull, 0x4001 };    /* 7.5 */
    FPReg one = { FP_INT_BIT, 0x3fff };
    FPReg r = fp_prem(&c, a, one, false, &cc, &ccmask);

    g_assert_cmphex(cc, ==, FPUS_C0 | FPUS_C3 | FPUS_C1);
    g_assert_cmphex(r.exp, ==, 0x3ffe);
    /* FPREM1: 7.5 - 8 = -0.5, q = 8 */
    r = fp_prem(&c, a, one, true, &cc, &ccmask);
    g_assert_cmphex(cc, ==, 0);
    g_assert_cmphex(r.exp, ==, 0xbffe);
    g_assert_cmphex(c.sw & FPUS_EXC, ==, 0);
}

/* ---- constants and transcendentals ---- */

static void test_constants(void)
{
    for (unsigned rc = 0; rc < 4; rc++) {
        uint16_t cw = 0x37f | (rc << 10);
        uint8_t t[7][10];

        __asm__ volatile("fninit\n\tfldcw %7\n\t"
                         "fld1\n\tfstpt %0\n\tfldl2t\n\tfstpt %1\n\t"
                         "fldl2e\n\tfstpt %2\n\tfldpi\n\tfstpt %3\n\t"
                         "fldlg2\n\tfstpt %4\n\tfldln2\n\tfstpt %5\n\t"
                         "fldz\n\tfstpt %6\n\tfninit"
                         : "=m"(t[0]), "=m"(t[1]), "=m"(t[2]), "=m"(t[3]),
                           "=m"(t[4]), "=m"(t[5]), "=m"(t[6])
                         : "m"(cw));
        for (unsigned i = 0; i < 7; i++) {
            FPReg want = get_tbyte(t[i]), got = fp_const(i, rc);

            g_assert_cmphex(got.exp, ==, want.exp);
            g_assert_cmphex(got.mant, ==, want.mant);
        }
    }
}

/* Distance in units of the last place (same sign and exponent nearby). */
static uint64_t ulps(FPReg a, FPReg b)
{
    long double x, y;
    int e;

    if (same_fp(a, b)) {
        return 0;
    }
    memcpy(&x, &a.mant, 8);
    memcpy((uint8_t *)&x + 8, &a.exp, 2);
    memcpy(&y, &b.mant, 8);
    memcpy((uint8_t *)&y + 8, &b.exp, 2);
    if (fp_is_nan(a) || fp_is_nan(b)) {
        return fp_is_nan(a) && fp_is_nan(b) ? 0 : ~0ull;
    }
    e = (b.exp & 0x7fff) - 63 - 16383;
    return (uint64_t)fabsl(ldexpl(x - y, -e));
}

static void test_transcendentals(void)
{
    failures = 0;
    for (int n = 0; n < 20000; n++) {
        FPReg a = rnd_fp(), s, co, t;
        FPCtx c = { .cw = 0x37f, .sw = 0 };
        uint8_t ta[10], r1[10], r2[10];
        uint16_t sw;

        /*
         * Below 1 in magnitude: the x87 reduces larger arguments with a
         * 66-bit pi, libm with an exact one (docs/tcg-fpu.md).
         */
        a.exp = (uint16_t)((a.exp & 0x8000) | (0x3fe0 + rnd64() % 31));
        a.mant |= FP_INT_BIT;
        load_tbyte(ta, a);
        __asm__ volatile("fninit\n\tfldt %3\n\tfsincos\n\tfnstsw %2\n\t"
                         "fstpt %1\n\tfstpt %0\n\tfninit"
                         : "=m"(r1), "=m"(r2), "=m"(sw) : "m"(ta));
        g_assert_true(fp_sincos(&c, a, &s, &co));
        if (ulps(s, get_tbyte(r1)) > 2 || ulps(co, get_tbyte(r2)) > 2) {
            report("fsincos", 0, 0x37f, a, a, s, c.sw, get_tbyte(r1), sw);
        }
        __asm__ volatile("fninit\n\tfldt %2\n\tfptan\n\tfstp %%st(0)\n\t"
                         "fnstsw %1\n\tfstpt %0\n\tfninit"
                         : "=m"(r1), "=m"(sw) : "m"(ta));
        g_assert_true(fp_tan(&c, a, &t));
        if (ulps(t, get_tbyte(r1)) > 2) {
            report("fptan", 1, 0x37f, a, a, t, c.sw, get_tbyte(r1), sw);
        }
        if ((a.exp & 0x7fff) < 0x3fff) {
            __asm__ volatile("fninit\n\tfldt %2\n\tf2xm1\n\t"
                             "fnstsw %1\n\tfstpt %0\n\tfninit"
                             : "=m"(r1), "=m"(sw) : "m"(ta));
            t = fp_f2xm1(&c, a);
            if (ulps(t, get_tbyte(r1)) > 2) {
                report("f2xm1", 2, 0x37f, a, a, t, c.sw, get_tbyte(r1), sw);
            }
        }
        a.exp &= 0x7fff;
        load_tbyte(ta, a);
        __asm__ volatile("fninit\n\tfld1\n\tfldt %2\n\tfyl2x\n\t"
                         "fnstsw %1\n\tfstpt %0\n\tfninit"
                         : "=m"(r1), "=m"(sw) : "m"(ta));
        t = fp_yl2x(&c, a, fp_const(0, 0));
        if (ulps(t, get_tbyte(r1)) > 2) {
            report("fyl2x", 3, 0x37f, a, a, t, c.sw, get_tbyte(r1), sw);
        }
        __asm__ volatile("fninit\n\tfld1\n\tfldt %2\n\tfpatan\n\t"
                         "fnstsw %1\n\tfstpt %0\n\tfninit"
                         : "=m"(r1), "=m"(sw) : "m"(ta));
        t = fp_patan(&c, a, fp_const(0, 0));
        if (ulps(t, get_tbyte(r1)) > 2) {
            report("fpatan", 4, 0x37f, a, a, t, c.sw, get_tbyte(r1), sw);
        }
    }
    g_assert_cmpuint(failures, ==, 0);
}

/* ---- the FXSAVE image ---- */

static CPUX86State fx_env;

/* A host x87 state with values of every tag class, saved by FXSAVE. */
static void host_fxsave(uint8_t img[512], uint8_t fenv[28], bool wide)
{
    static const FPReg vals[5] = {
        { 0x8000000000000000ull, 0x3fff },      /* valid */
        { 0, 0x8000 },                          /* zero */
        { 0xc000000000000000ull, 0x7fff },      /* special: NaN */
        { 0x0000000000000001ull, 0x0000 },      /* special: denormal */
        { 0xc90fdaa22168c235ull, 0xc000 },
    };
    uint8_t t[5][10] __attribute__((aligned(16)));
    uint8_t area[512] __attribute__((aligned(16)));
    uint16_t cw = 0x0b72;

    for (int i = 0; i < 5; i++) {
        load_tbyte(t[i], vals[i]);
    }
    memset(area, 0xa5, sizeof(area));
    __asm__ volatile("fninit\n\tfldcw %7\n\tfldt %1\n\tfldt %2\n\tfldt %3\n\t"
                     "fldt %4\n\tfldt %5\n\tfincstp\n\tfdivr %%st(2), %%st\n\t"
                     "fnstenv %6\n\tfldcw %7"
                     : "+m"(area) : "m"(t[0]), "m"(t[1]), "m"(t[2]),
                       "m"(t[3]), "m"(t[4]), "m"(*(uint8_t (*)[28])fenv),
                       "m"(cw)
                     : "memory");
    if (wide) {
        __asm__ volatile("fxsave64 %0\n\tfninit" : "=m"(area) :: "memory");
    } else {
        __asm__ volatile("fxsave %0\n\tfninit" : "=m"(area) :: "memory");
    }
    memcpy(img, area, 512);
}

static void test_fxsave_layout(void)
{
    for (int wide = 0; wide < 2; wide++) {
        uint8_t host[512], mine[512], fenv[28];
        uint16_t ftw;

        host_fxsave(host, fenv, wide);
        memset(&fx_env, 0, sizeof(fx_env));
        g_assert_true(x86_fxrstor_image(&fx_env, host, wide,
                                        FXP_X87 | FXP_MXCSR | FXP_XMM, 16));
        /* the full tag word and status word against the host's FNSTENV */
        memcpy(&ftw, fenv + 8, 2);
        g_assert_cmphex(x86_fpu_tag_word(&fx_env), ==, ftw);
        g_assert_cmphex(x86_fpu_status(&fx_env), ==,
                        (uint16_t)(fenv[4] | fenv[5] << 8));
        g_assert_cmphex(fx_env.fpuc, ==, 0x0b72);
        g_assert_cmpuint(fx_env.fpstt, ==, 4);
        /* FINCSTP leaves the old top (physical 3) valid */
        g_assert_cmpuint(fx_env.fptags[2], ==, 1);
        g_assert_cmpuint(fx_env.fptags[3], ==, 0);
        /* ST1 is the old ST2 (the NaN) */
        g_assert_true(fp_is_nan(*fpu_st(&fx_env, 1)));
        g_assert_cmphex(fx_env.mxcsr, ==,
                        host[24] | host[25] << 8 | host[26] << 16 |
                        (uint32_t)host[27] << 24);

        /* saving again gives the host's bytes (MXCSR_MASK aside) */
        memset(mine, 0xa5, sizeof(mine));
        x86_fxsave_image(&fx_env, mine, wide, FXP_X87 | FXP_MXCSR | FXP_XMM,
                         16);
        g_assert_cmpmem(mine, 28, host, 28);
        g_assert_cmpmem(mine + 32, 512 - 32 - 48, host + 32, 512 - 32 - 48);
        g_assert_cmphex(mine[28] | mine[29] << 8, ==, 0xffff);
        /* bytes 464..511 are the software's: never written */
        for (int i = 464; i < 512; i++) {
            g_assert_cmphex(mine[i], ==, 0xa5);
        }
    }
}

static void test_fxsave_round_trip(void)
{
    uint8_t img[512], again[512];

    for (int n = 0; n < 200; n++) {
        bool wide = n & 1;

        for (size_t i = 0; i < sizeof(img); i += 8) {
            uint64_t r = rnd64();

            memcpy(img + i, &r, 8);
        }
        /* fields with reserved bits: FOP 11 bits, FTW one byte, MXCSR */
        img[5] = 0;
        img[7] &= 7;
        if (!wide) {
            /* FCS, FDS: the current selectors (0 here) */
            memset(img + 12, 0, 4);
            memset(img + 20, 0, 4);
        }
        img[26] = img[27] = 0;
        img[28] = img[29] = 0xff;
        img[30] = img[31] = 0;
        for (int r = 0; r < 8; r++) {
            memset(img + 32 + 16 * r + 10, 0, 6);
        }
        memset(&fx_env, 0, sizeof(fx_env));
        g_assert_true(x86_fxrstor_image(&fx_env, img, wide,
                                        FXP_X87 | FXP_MXCSR | FXP_XMM, 16));
        memcpy(again, img, sizeof(again));
        memset(again, 0x5a, 416);
        x86_fxsave_image(&fx_env, again, wide, FXP_X87 | FXP_MXCSR | FXP_XMM,
                         16);
        /* the status word's ES/B follow the flags and masks */
        again[2] = img[2];
        again[3] = (again[3] & 0x7f) | (img[3] & 0x80);
        g_assert_cmpmem(again, 512, img, 512);
    }
    /* reserved MXCSR bits: #GP, nothing loaded */
    memset(&fx_env, 0, sizeof(fx_env));
    memset(img, 0, sizeof(img));
    img[26] = 1;
    img[0] = 0x7f;
    g_assert_false(x86_fxrstor_image(&fx_env, img, false,
                                     FXP_X87 | FXP_MXCSR, 8));
    g_assert_cmphex(fx_env.fpuc, ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/tcg-fpu/arith/edge-cases", test_arith_edges);
    g_test_add_func("/tcg-fpu/arith/random", test_arith_random);
    g_test_add_func("/tcg-fpu/compare", test_compare);
    g_test_add_func("/tcg-fpu/convert/store", test_store_conversions);
    g_test_add_func("/tcg-fpu/convert/load", test_load_conversions);
    g_test_add_func("/tcg-fpu/convert/integer-indefinite",
                    test_integer_indefinite);
    g_test_add_func("/tcg-fpu/prem-scale-xtract", test_prem_scale_xtract);
    g_test_add_func("/tcg-fpu/prem-quotient-bits", test_prem_quotient_bits);
    g_test_add_func("/tcg-fpu/constants", test_constants);
    g_test_add_func("/tcg-fpu/transcendentals", test_transcendentals);
    g_test_add_func("/tcg-fpu/fxsave/layout", test_fxsave_layout);
    g_test_add_func("/tcg-fpu/fxsave/round-trip", test_fxsave_round_trip);
    return g_test_run();
}
