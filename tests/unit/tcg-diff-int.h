/*
 * tcg-diff-int.h: what the integer differential tests
 * (test-tcg-diff-int.c, test-tcg-diff-move.c) share: a case is the bytes
 * of one instruction form, its operand width, where its memory operand
 * is, the flags the SDM defines, and an optional fixup that shapes the
 * random input (shift counts, dividends, pointers) and adjusts what is
 * compared.  run_cases() runs every queued case: a sweep of edge-value
 * pairs in RAX (destination) and RCX (source) for the register forms,
 * then random inputs (every register random with a bias to the edges of
 * the width, random flags, random memory).
 *
 * Test code included by both programs (the Makefile links one source per
 * test program); everything here is used by both.
 */
#ifndef TESTS_UNIT_TCG_DIFF_INT_H
#define TESTS_UNIT_TCG_DIFF_INT_H

#include "tcg-harness.c"

/* Random runs per case (a program may set more before including this). */
#ifndef ITERS
#define ITERS 300
#endif

enum { MEM_NONE, MEM_SRC, MEM_DST };

typedef struct Case Case;
struct Case {
    char name[48];
    uint8_t code[15];
    uint8_t len;
    uint8_t bits;           /* operand width: random operands of it */
    uint8_t mem;            /* [rbx] (data area) is the source/destination */
    uint8_t imm_off;        /* imm_len > 0: these code bytes are random */
    uint8_t imm_len;
    uint8_t modrm_off;      /* where the ModRM byte is */
    uint8_t disp_len;       /* 16-bit addressing: displacement bytes */
    DiffMode mode;
    uint32_t defined;       /* defined flags (unaffected ones included) */
    uint16_t gprs;          /* compared registers */
    uint32_t mem_len;       /* compared bytes of the data area */
    int arg;
    bool no_edges;
    /* Adjust a random input; may change cmp (flags, registers). */
    void (*fixup)(Case *c, DiffState *in, DiffCmp *cmp);
};

static GArray *cases;

/* ---- encoding ---- */

/*
 * Append a case: width prefix (66 for 16-bit, REX.W for 64), rex (REX
 * bits R/X/B, or 0x40 alone for SPL..DIL), opcode bytes, ModRM (< 0: none),
 * an immediate of imm_len bytes (random per run when rand_imm).
 */
static Case *add_case(const char *name, int bits, unsigned rex,
                      const uint8_t *op, int oplen, int modrm, int imm_len,
                      uint64_t imm, bool rand_imm)
{
    Case c = { 0 };
    int n = 0, i;

    g_strlcpy(c.name, name, sizeof(c.name));
    if (bits == 16) {
        c.code[n++] = 0x66;
    }
    if (bits == 64) {
        rex |= 0x48;
    }
    if (rex) {
        c.code[n++] = 0x40 | rex;
    }
    for (i = 0; i < oplen; i++) {
        c.code[n++] = op[i];
    }
    if (modrm >= 0) {
        c.modrm_off = n;
        c.code[n++] = modrm;
    }
    if (rand_imm) {
        c.imm_off = n;
        c.imm_len = imm_len;
    }
    for (i = 0; i < imm_len; i++) {
        c.code[n++] = imm >> (8 * i);
    }
    c.len = n;
    c.bits = bits;
    c.mode = DIFF_MODE_64;
    c.defined = DF_OSZAPC;
    c.gprs = DIFF_ALL_GPRS;
    /* ModRM mod 0 with r/m 3: [rbx] */
    if (modrm >= 0 && (modrm & 0xc7) == 0x03) {
        c.mem = MEM_SRC;
        c.mem_len = 16;
    }
    g_array_append_val(cases, c);
    return &g_array_index(cases, Case, cases->len - 1);
}

static Case *add1(const char *name, int bits, unsigned rex, uint8_t op,
                  int modrm)
{
    return add_case(name, bits, rex, &op, 1, modrm, 0, 0, false);
}

static Case *add2(const char *name, int bits, unsigned rex, uint8_t op,
                  int modrm)
{
    uint8_t b[2] = { 0x0f, op };

    return add_case(name, bits, rex, b, 2, modrm, 0, 0, false);
}

static const int widths[] = { 8, 16, 32, 64 };

static char *nm(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
static char *nm(const char *fmt, ...)
{
    static char buf[48];
    va_list ap;

    va_start(ap, fmt);
    g_vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    return buf;
}

/* ---- running ---- */

static uint64_t width_mask(int bits)
{
    return bits == 64 ? ~0ull : (1ull << bits) - 1;
}

static void rand_input(Case *c, DiffState *in)
{
    uint8_t *d = diff_data_init();
    int i;

    diff_state_init(in);
    for (i = 0; i < 16; i++) {
        in->gpr[i] = diff_rand_operand(c->bits);
    }
    in->rflags = diff_rand64() & DF_OSZAPC;
    for (i = 0; i < 8; i++) {
        uint64_t v = diff_rand_operand(c->bits);

        memcpy(d + 8 * i, &v, 8);
    }
    if (c->mem) {
        in->gpr[DR_RBX] = diff_data_addr();
        if (c->mode == DIFF_MODE_16) {
            /* [bx] is offset 0 of DS; the upper bits must not matter */
            in->gpr[DR_RBX] = diff_rand64() << 16;
        }
    }
    for (i = 0; i < c->imm_len; i++) {
        uint64_t v = diff_rand_operand(c->imm_len * 8);

        c->code[c->imm_off + i] = v >> (8 * i);
    }
}

static void run_one(Case *c, DiffState *in)
{
    DiffCmp cmp = {
        .gpr_mask = c->gprs,
        .flags_mask = c->defined,
        .mem_len = c->mem_len,
    };

    if (c->fixup) {
        c->fixup(c, in, &cmp);
    }
    cmp.undef_mask = DF_OSZAPC & ~cmp.flags_mask;
    diff_check(c->mode, c->name, c->code, c->len, in, &cmp);
}

static void run_all(int iters)
{
    DiffState in;
    unsigned k;
    int i, j;

    for (k = 0; k < cases->len; k++) {
        Case *c = &g_array_index(cases, Case, k);

        if (!c->no_edges && !c->imm_len) {
            for (i = 0; i < diff_n_edges; i += 2) {
                for (j = 1; j < diff_n_edges; j += 2) {
                    uint64_t a = diff_edges[i], b = diff_edges[j];

                    rand_input(c, &in);
                    in.gpr[DR_RAX] = a;
                    in.gpr[DR_RCX] = b;
                    memcpy(diff_data_init(), c->mem == MEM_DST ? &a : &b, 8);
                    run_one(c, &in);
                }
            }
        }
        for (i = 0; i < iters; i++) {
            rand_input(c, &in);
            run_one(c, &in);
        }
    }
    g_array_set_size(cases, 0);
}

/* Each case: edge pairs in RAX (destination) and RCX (source), then random. */
static void run_cases(int iters)
{
    run_all(iters);
    diff_finish();
}


static const char *const alu_names[] = {
    "add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"
};

static const int sh_counts[] = {
    0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 255
};

/* The flags the SDM defines for shift/rotate op by count (before masking). */
static uint32_t shift_defined(int op, int bits, unsigned count)
{
    unsigned mc = count & (bits == 64 ? 63 : 31);
    uint32_t d;

    if (mc == 0) {
        return DF_OSZAPC;           /* nothing changes */
    }
    if (op < 4) {
        /* rotates: SF ZF AF PF unaffected; CF defined; OF for 1-bit */
        d = DF_SF | DF_ZF | DF_AF | DF_PF | DF_CF;
    } else {
        d = DF_SF | DF_ZF | DF_PF | DF_CF;
        /* SHL/SHR: CF undefined once the count reaches the width */
        if (op != 7 && mc >= (unsigned)bits) {
            d &= ~DF_CF;
        }
    }
    if (mc == 1) {
        d |= DF_OF;
    }
    return d;
}

/* Count in CL: a random choice of the interesting counts. */
static void fix_shift_cl(Case *c, DiffState *in, DiffCmp *cmp)
{
    unsigned count = g_test_rand_bit() ?
        sh_counts[g_test_rand_int_range(0, G_N_ELEMENTS(sh_counts))] :
        (unsigned)g_test_rand_int_range(0, 256);

    in->gpr[DR_RCX] = (in->gpr[DR_RCX] & ~0xffull) | count;
    cmp->flags_mask = shift_defined(c->arg, c->bits, count);
}

/*
 * Dividends that mostly fit (high half below the divisor, or the sign
 * extension of the low half for IDIV), some that overflow (#DE), and
 * zero divisors.
 */
static void fix_div(Case *c, DiffState *in, DiffCmp *cmp)
{
    int bits = c->bits, half = bits == 8 ? 8 : bits;
    uint64_t m = width_mask(half);
    uint64_t div = c->mem ? ldq_le_p(diff_data_init()) : in->gpr[DR_RCX];
    uint64_t lo = bits == 8 ? in->gpr[DR_RAX] & 0xff : in->gpr[DR_RAX] & m;
    uint64_t hi;
    bool is_signed = c->arg;

    div &= m;
    switch (g_test_rand_int_range(0, 6)) {
    case 0:
        hi = diff_rand_operand(half) & m;       /* often #DE */
        break;
    case 1:
        div = 0;
        hi = 0;
        break;
    default:
        if (is_signed) {
            hi = (lo >> (half - 1) & 1) ? m : 0;
        } else {
            hi = div ? (diff_rand64() % div) & m : 0;
        }
        break;
    }
    if (c->mem) {
        uint64_t v = ldq_le_p(diff_data_init());

        v = (v & ~m) | div;
        stq_le_p(diff_data_init(), v);
    } else {
        in->gpr[DR_RCX] = (in->gpr[DR_RCX] & ~m) | div;
    }
    if (bits == 8) {
        in->gpr[DR_RAX] = (in->gpr[DR_RAX] & ~0xffffull) | hi << 8 | lo;
    } else {
        in->gpr[DR_RDX] = (in->gpr[DR_RDX] & ~m) | hi;
    }
    cmp->flags_mask = 0;            /* all undefined */
}

#endif
