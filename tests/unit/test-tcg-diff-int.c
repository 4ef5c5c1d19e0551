/*
 * test-tcg-diff-int.c: integer arithmetic run in the software CPU and on
 * the host processor from the same registers, flags and memory
 * (tcg-harness.h, tcg-diff-int.h): ADD..CMP, NEG/NOT/INC/DEC/TEST, the
 * shifts and rotates (counts 0, 1, width - 1, width, beyond, by CL and
 * imm8), SHLD/SHRD, MUL/IMUL (1, 2, 3 operands), DIV/IDIV with #DE,
 * BT/BTS/BTR/BTC, BSF/BSR/TZCNT/LZCNT/POPCNT and the LOCK prefix rules.
 * Every destination register, the memory and the flags the SDM defines
 * for the instruction and input are compared, and the exception outcome.
 * Which flags are undefined, and what the emulator gives for them:
 * docs/tcg-undefined-flags.md.
 */
#define ITERS 1000
#include "tcg-diff-int.h"

/* ---- the harness itself ---- */

/*
 * The comparison sees a wrong result, wrong flags, a wrong exception and
 * a wrong store: run one instruction in the guest and another on the
 * host, expect a mismatch every time.
 */
static void test_harness_detects_differences(void)
{
    static const struct {
        const char *name;
        uint8_t g[4], glen, h[4], hlen;
        uint32_t flags;
    } pairs[] = {
        { "add vs sub", { 0x48, 0x01, 0xc8 }, 3, { 0x48, 0x29, 0xc8 }, 3, 0 },
        { "stc vs clc", { 0xf9 }, 1, { 0xf8 }, 1, DF_CF },
        { "ud2 vs nops", { 0x0f, 0x0b }, 2, { 0x90, 0x90 }, 2, 0 },
        { "store ecx vs eax", { 0x89, 0x0b }, 2, { 0x89, 0x03 }, 2, 0 },
    };
    DiffState in;
    unsigned k;
    int i;

    diff_set_quiet(true);
    for (k = 0; k < G_N_ELEMENTS(pairs); k++) {
        DiffCmp cmp = {
            .gpr_mask = DIFF_ALL_GPRS, .flags_mask = pairs[k].flags,
            .mem_len = 16,
        };

        for (i = 0; i < 20; i++) {
            diff_state_init(&in);
            in.gpr[DR_RAX] = diff_rand64() | 1;
            in.gpr[DR_RCX] = diff_rand64() | 2;
            in.gpr[DR_RBX] = diff_data_addr();
            g_assert_false(diff_check2(DIFF_MODE_64, pairs[k].name,
                                       pairs[k].g, pairs[k].glen, pairs[k].h,
                                       pairs[k].hlen, &in, &cmp));
        }
    }
    diff_set_quiet(false);
    diff_forget();
    /* and the same bytes agree */
    for (i = 0; i < 20; i++) {
        DiffCmp cmp = { .gpr_mask = DIFF_ALL_GPRS, .flags_mask = DF_OSZAPC };

        diff_state_init(&in);
        in.gpr[DR_RAX] = diff_rand64();
        in.gpr[DR_RCX] = diff_rand64();
        g_assert_true(diff_check(DIFF_MODE_64, "add", pairs[0].g, 3, &in,
                                 &cmp));
        g_assert_true(diff_check(DIFF_MODE_32, "add", pairs[0].g + 1, 2, &in,
                                 &cmp));
    }
}

/* ---- arithmetic and logic ---- */
static void add_alu(int op)
{
    const char *n = alu_names[op];
    bool logic = op == 1 || op == 4 || op == 6;
    uint32_t def = logic ? (DF_OSZAPC & ~DF_AF) : DF_OSZAPC;
    unsigned w;

    for (w = 0; w < G_N_ELEMENTS(widths); w++) {
        int bits = widths[w], b8 = bits == 8 ? 0 : 1;
        int immlen = bits == 8 ? 1 : bits == 16 ? 2 : 4;
        uint8_t g[1];
        Case *c;

        c = add1(nm("%s%d rax,rcx", n, bits), bits, 0, op * 8 + b8, 0xc8);
        c->defined = def;
        c = add1(nm("%s%d rcx,rax (G,E)", n, bits), bits, 0, op * 8 + 2 + b8,
                 0xc8);
        c->defined = def;
        c = add1(nm("%s%d r9,r10", n, bits), bits, 0x5, op * 8 + b8, 0xd1);
        c->defined = def;
        c = add1(nm("%s%d rax,[rbx]", n, bits), bits, 0, op * 8 + 2 + b8,
                 0x03);
        c->defined = def;
        c = add1(nm("%s%d [rbx],rcx", n, bits), bits, 0, op * 8 + b8, 0x0b);
        c->defined = def;
        c->mem = MEM_DST;
        c = add1(nm("lock %s%d [rbx],rcx", n, bits), bits, 0, op * 8 + b8,
                 0x0b);
        /* LOCK CMP: #UD */
        memmove(c->code + 1, c->code, c->len++);
        c->code[0] = 0xf0;
        c->defined = def;
        c->mem = MEM_DST;
        g[0] = bits == 8 ? 0x80 : 0x81;
        c = add_case(nm("%s%d rax,imm", n, bits), bits, 0, g, 1,
                     0xc0 | op << 3, immlen, 0, true);
        c->defined = def;
        g[0] = op * 8 + 4 + b8;
        c = add_case(nm("%s%d acc,imm", n, bits), bits, 0, g, 1, -1, immlen,
                     0, true);
        c->defined = def;
        if (bits != 8) {
            g[0] = 0x83;
            c = add_case(nm("%s%d rax,imm8", n, bits), bits, 0, g, 1,
                         0xc0 | op << 3, 1, 0, true);
            c->defined = def;
        } else {
            c = add1(nm("%s8 ah,ch", n), 8, 0, op * 8, 0xec);
            c->defined = def;
            c = add1(nm("%s8 sil,dil", n), 8, 0x40, op * 8, 0xfe);
            c->defined = def;
        }
    }
}

static void test_alu(void)
{
    int op;

    for (op = 0; op < 8; op++) {
        add_alu(op);
    }
    run_cases(ITERS);
}

/* NEG, NOT, INC, DEC, TEST. */
static void test_unary(void)
{
    unsigned w;

    for (w = 0; w < G_N_ELEMENTS(widths); w++) {
        int bits = widths[w], b8 = bits == 8 ? 0 : 1;
        int immlen = bits == 8 ? 1 : bits == 16 ? 2 : 4;
        uint8_t g[1];
        Case *c;

        add1(nm("neg%d rax", bits), bits, 0, 0xf6 + b8, 0xd8);
        c = add1(nm("neg%d [rbx]", bits), bits, 0, 0xf6 + b8, 0x1b);
        c->mem = MEM_DST;
        add1(nm("not%d rax", bits), bits, 0, 0xf6 + b8, 0xd0);
        c = add1(nm("not%d [rbx]", bits), bits, 0, 0xf6 + b8, 0x13);
        c->mem = MEM_DST;
        add1(nm("inc%d rax", bits), bits, 0, 0xfe + b8, 0xc0);
        add1(nm("dec%d rax", bits), bits, 0, 0xfe + b8, 0xc8);
        add1(nm("inc%d r11", bits), bits, 0x1, 0xfe + b8, 0xc3);
        c = add1(nm("inc%d [rbx]", bits), bits, 0, 0xfe + b8, 0x03);
        c->mem = MEM_DST;
        c = add1(nm("dec%d [rbx]", bits), bits, 0, 0xfe + b8, 0x0b);
        c->mem = MEM_DST;
        c = add1(nm("test%d rax,rcx", bits), bits, 0, 0x84 + b8, 0xc8);
        c->defined = DF_OSZAPC & ~DF_AF;
        c = add1(nm("test%d [rbx],rcx", bits), bits, 0, 0x84 + b8, 0x0b);
        c->defined = DF_OSZAPC & ~DF_AF;
        g[0] = 0xf6 + b8;
        c = add_case(nm("test%d rax,imm", bits), bits, 0, g, 1, 0xc0, immlen,
                     0, true);
        c->defined = DF_OSZAPC & ~DF_AF;
        g[0] = 0xa8 + b8;
        c = add_case(nm("test%d acc,imm", bits), bits, 0, g, 1, -1, immlen, 0,
                     true);
        c->defined = DF_OSZAPC & ~DF_AF;
    }
    run_cases(ITERS);
}

/* ---- shifts and rotates ---- */

static const char *const sh_names[] = {
    "rol", "ror", "rcl", "rcr", "shl", "shr", "sal", "sar"
};

static void fix_shift_imm(Case *c, DiffState *in, DiffCmp *cmp)
{
    cmp->flags_mask = shift_defined(c->arg, c->bits, c->code[c->len - 1]);
}

static void test_shifts(void)
{
    unsigned w, k;
    int op;

    for (op = 0; op < 8; op++) {
        for (w = 0; w < G_N_ELEMENTS(widths); w++) {
            int bits = widths[w], b8 = bits == 8 ? 0 : 1;
            uint8_t g[1];
            Case *c;

            c = add1(nm("%s%d rax,cl", sh_names[op], bits), bits, 0,
                     0xd2 + b8, 0xc0 | op << 3);
            c->arg = op;
            c->fixup = fix_shift_cl;
            c->no_edges = true;
            c = add1(nm("%s%d [rbx],cl", sh_names[op], bits), bits, 0,
                     0xd2 + b8, 0x03 | op << 3);
            c->arg = op;
            c->fixup = fix_shift_cl;
            c->mem = MEM_DST;
            c->no_edges = true;
            c = add1(nm("%s%d rax,1", sh_names[op], bits), bits, 0,
                     0xd0 + b8, 0xc0 | op << 3);
            c->defined = shift_defined(op, bits, 1);
            for (k = 0; k < G_N_ELEMENTS(sh_counts); k++) {
                g[0] = 0xc0 + b8;
                c = add_case(nm("%s%d rax,%d", sh_names[op], bits,
                                sh_counts[k]), bits, 0, g, 1,
                             0xc0 | op << 3, 1, sh_counts[k], false);
                c->arg = op;
                c->fixup = fix_shift_imm;
                c->no_edges = true;
            }
        }
    }
    run_cases(ITERS / 2);
}

/* SHLD/SHRD: count in CL or imm8. */
static void fix_shxd(Case *c, DiffState *in, DiffCmp *cmp)
{
    unsigned count, mc;

    if (c->arg & 1) {
        count = c->code[c->len - 1];
    } else {
        count = sh_counts[g_test_rand_int_range(0, G_N_ELEMENTS(sh_counts))];
        in->gpr[DR_RCX] = (in->gpr[DR_RCX] & ~0xffull) | count;
    }
    mc = count & (c->bits == 64 ? 63 : 31);
    if (mc == 0) {
        cmp->flags_mask = DF_OSZAPC;
    } else if (mc > (unsigned)c->bits) {
        /* SDM: result and flags undefined */
        cmp->flags_mask = 0;
        cmp->gpr_mask &= ~(1 << DR_RAX);
        cmp->mem_len = 0;
    } else {
        cmp->flags_mask = DF_SF | DF_ZF | DF_PF | DF_CF |
                          (mc == 1 ? DF_OF : 0);
    }
}

static void test_shld_shrd(void)
{
    static const int w3[] = { 16, 32, 64 };
    unsigned w, k;
    int right;

    for (right = 0; right < 2; right++) {
        const char *n = right ? "shrd" : "shld";
        uint8_t opc = right ? 0xac : 0xa4;

        for (w = 0; w < G_N_ELEMENTS(w3); w++) {
            int bits = w3[w];
            Case *c;

            /* shxd rax, rdx, cl (rcx holds the count) */
            c = add2(nm("%s%d rax,rdx,cl", n, bits), bits, 0, opc + 1, 0xd0);
            c->fixup = fix_shxd;
            c->no_edges = true;
            c = add2(nm("%s%d [rbx],rdx,cl", n, bits), bits, 0, opc + 1, 0x13);
            c->fixup = fix_shxd;
            c->mem = MEM_DST;
            c->no_edges = true;
            for (k = 0; k < G_N_ELEMENTS(sh_counts); k++) {
                uint8_t b[2] = { 0x0f, opc };

                c = add_case(nm("%s%d rax,rdx,%d", n, bits, sh_counts[k]),
                             bits, 0, b, 2, 0xd0, 1, sh_counts[k], false);
                c->arg = 1;
                c->fixup = fix_shxd;
                c->no_edges = true;
            }
        }
    }
    run_cases(ITERS);
}

/* ---- multiply and divide ---- */

static void test_mul(void)
{
    static const int w3[] = { 16, 32, 64 };
    const uint32_t def = DF_OF | DF_CF;
    unsigned w;

    for (w = 0; w < G_N_ELEMENTS(widths); w++) {
        int bits = widths[w], b8 = bits == 8 ? 0 : 1;
        Case *c;

        c = add1(nm("mul%d rcx", bits), bits, 0, 0xf6 + b8, 0xe1);
        c->defined = def;
        c = add1(nm("imul%d rcx", bits), bits, 0, 0xf6 + b8, 0xe9);
        c->defined = def;
        c = add1(nm("mul%d [rbx]", bits), bits, 0, 0xf6 + b8, 0x23);
        c->defined = def;
        c = add1(nm("imul%d [rbx]", bits), bits, 0, 0xf6 + b8, 0x2b);
        c->defined = def;
    }
    for (w = 0; w < G_N_ELEMENTS(w3); w++) {
        int bits = w3[w], immlen = bits == 16 ? 2 : 4;
        uint8_t g[1];
        Case *c;

        c = add2(nm("imul%d rax,rcx", bits), bits, 0, 0xaf, 0xc1);
        c->defined = def;
        c = add2(nm("imul%d rax,[rbx]", bits), bits, 0, 0xaf, 0x03);
        c->defined = def;
        g[0] = 0x69;
        c = add_case(nm("imul%d rax,rcx,imm", bits), bits, 0, g, 1, 0xc1,
                     immlen, 0, true);
        c->defined = def;
        g[0] = 0x6b;
        c = add_case(nm("imul%d rax,rcx,imm8", bits), bits, 0, g, 1, 0xc1, 1,
                     0, true);
        c->defined = def;
        g[0] = 0x6b;
        c = add_case(nm("imul%d rdx,[rbx],imm8", bits), bits, 0, g, 1, 0x13,
                     1, 0, true);
        c->defined = def;
    }
    run_cases(ITERS * 2);
}

static void test_div(void)
{
    unsigned w;

    for (w = 0; w < G_N_ELEMENTS(widths); w++) {
        int bits = widths[w], b8 = bits == 8 ? 0 : 1;
        Case *c;

        c = add1(nm("div%d rcx", bits), bits, 0, 0xf6 + b8, 0xf1);
        c->fixup = fix_div;
        c->no_edges = true;
        c = add1(nm("idiv%d rcx", bits), bits, 0, 0xf6 + b8, 0xf9);
        c->fixup = fix_div;
        c->arg = 1;
        c->no_edges = true;
        c = add1(nm("div%d [rbx]", bits), bits, 0, 0xf6 + b8, 0x33);
        c->fixup = fix_div;
        c->no_edges = true;
        c = add1(nm("idiv%d [rbx]", bits), bits, 0, 0xf6 + b8, 0x3b);
        c->fixup = fix_div;
        c->arg = 1;
        c->no_edges = true;
    }
    run_cases(ITERS * 4);
}

/* ---- bits ---- */

/*
 * BT* with a register offset into memory: the offset is signed and
 * reaches beyond the operand; keep it within +-8 KiB bits of [rbx] in
 * the middle of the data area.
 */
static void fix_bt_mem(Case *c, DiffState *in, DiffCmp *cmp)
{
    int64_t off = g_test_rand_int_range(-0x2000, 0x2000);
    uint8_t *d = diff_data_init();
    int i;

    for (i = 0; i < 0x800; i += 8) {
        stq_le_p(d + i, diff_rand64());
    }
    in->gpr[DR_RBX] = diff_data_addr() + 0x400;
    if (c->bits == 16) {
        in->gpr[DR_RCX] = (in->gpr[DR_RCX] & ~0xffffull) | (uint16_t)off;
    } else if (c->bits == 32) {
        in->gpr[DR_RCX] = (in->gpr[DR_RCX] & ~0xffffffffull) |
                          (uint32_t)off;
    } else {
        in->gpr[DR_RCX] = off;
    }
    cmp->mem_len = 0x800;
}

static void test_bt(void)
{
    static const int w3[] = { 16, 32, 64 };
    static const char *const n[] = { "bt", "bts", "btr", "btc" };
    const uint32_t def = DF_CF | DF_ZF;
    unsigned w;
    int k;

    for (k = 0; k < 4; k++) {
        for (w = 0; w < G_N_ELEMENTS(w3); w++) {
            int bits = w3[w];
            uint8_t b[2] = { 0x0f, 0xba };
            Case *c;

            c = add2(nm("%s%d rax,rcx", n[k], bits), bits, 0, 0xa3 + 8 * k,
                     0xc8);
            c->defined = def;
            c = add2(nm("%s%d [rbx],rcx", n[k], bits), bits, 0, 0xa3 + 8 * k,
                     0x0b);
            c->defined = def;
            c->fixup = fix_bt_mem;
            c->no_edges = true;
            c = add_case(nm("%s%d rax,imm", n[k], bits), bits, 0, b, 2,
                         0xe0 | k << 3, 1, 0, true);
            c->defined = def;
            c = add_case(nm("%s%d [rbx],imm", n[k], bits), bits, 0, b, 2,
                         0x23 | k << 3, 1, 0, true);
            c->defined = def;
            if (k) {
                c = add2(nm("lock %s%d [rbx],rcx", n[k], bits), bits, 0,
                         0xa3 + 8 * k, 0x0b);
                memmove(c->code + 1, c->code, c->len++);
                c->code[0] = 0xf0;
                c->defined = def;
                c->fixup = fix_bt_mem;
                c->no_edges = true;
            }
        }
    }
    run_cases(ITERS);
}

/* BSF/BSR: the destination is undefined for a zero source. */
static void fix_bsf(Case *c, DiffState *in, DiffCmp *cmp)
{
    uint64_t src = c->mem ? ldq_le_p(diff_data_init()) : in->gpr[DR_RCX];

    if (g_test_rand_int_range(0, 8) == 0) {
        src = 0;
    } else if (g_test_rand_bit()) {
        /* a single bit set, or a few */
        src = 1ull << g_test_rand_int_range(0, 64);
    }
    if (c->mem) {
        stq_le_p(diff_data_init(), src);
    } else {
        in->gpr[DR_RCX] = src;
    }
    if (!(src & width_mask(c->bits)) && c->arg) {
        cmp->gpr_mask &= ~(1 << DR_RAX);
    }
}

/* Host bytes for a guest encoding without its feature: drop the F3. */
static void check_fallback(Case *c, DiffState *in, DiffCmp *cmp)
{
    uint8_t host[15];
    int i, n = 0;

    for (i = 0; i < c->len; i++) {
        if (c->code[i] != 0xf3) {
            host[n++] = c->code[i];
        }
    }
    diff_check2(c->mode, c->name, c->code, c->len, host, n, in, cmp);
}

static void test_bitscan(void)
{
    static const int w3[] = { 16, 32, 64 };
    bool bmi1 = diff_guest_feature(FEAT_7_0_EBX) & (1u << 3);
    bool abm = diff_guest_feature(FEAT_8000_0001_ECX) & (1u << 5);
    bool popcnt = (diff_guest_feature(FEAT_1_ECX) & (1u << 23)) &&
                  diff_host_has(1, 0, R_ECX, 23);
    /* a feature the model has and the host lacks cannot be compared */
    bool skip_bmi1 = bmi1 && !diff_host_has(7, 0, R_EBX, 3);
    bool skip_abm = abm && !diff_host_has(0x80000001, 0, R_ECX, 5);
    DiffState in;
    unsigned w, k;
    int i;

    if (!bmi1 || !abm) {
        g_test_message("the model lacks %s%s: F3 0F BC/BD run as BSF/BSR "
                       "(compared with the host's BSF/BSR)",
                       bmi1 ? "" : "bmi1 ", abm ? "" : "abm");
    }
    for (w = 0; w < G_N_ELEMENTS(w3); w++) {
        int bits = w3[w];
        Case *c;

        c = add2(nm("bsf%d rax,rcx", bits), bits, 0, 0xbc, 0xc1);
        c->defined = DF_ZF;
        c->fixup = fix_bsf;
        c->arg = 1;
        c = add2(nm("bsr%d rax,rcx", bits), bits, 0, 0xbd, 0xc1);
        c->defined = DF_ZF;
        c->fixup = fix_bsf;
        c->arg = 1;
        c = add2(nm("bsf%d rax,[rbx]", bits), bits, 0, 0xbc, 0x03);
        c->defined = DF_ZF;
        c->fixup = fix_bsf;
        c->arg = 1;
        c = add2(nm("bsr%d rax,[rbx]", bits), bits, 0, 0xbd, 0x03);
        c->defined = DF_ZF;
        c->fixup = fix_bsf;
        c->arg = 1;
        if (popcnt) {
            uint8_t b[3] = { 0x0f, 0xb8 };

            c = add_case(nm("popcnt%d rax,rcx", bits), bits, 0, b, 2, 0xc1,
                         0, 0, false);
            memmove(c->code + 1, c->code, c->len++);
            c->code[0] = 0xf3;
            if (bits == 16) {   /* 66 before F3 is fine; keep F3 first */
                c->code[0] = 0x66;
                c->code[1] = 0xf3;
            }
            c->fixup = fix_bsf;
        }
    }
    run_cases(ITERS * 2);

    /* TZCNT/LZCNT, or their BSF/BSR fallbacks. */
    for (w = 0; w < G_N_ELEMENTS(w3); w++) {
        int bits = w3[w];

        for (k = 0; k < 2; k++) {
            bool have = k ? abm : bmi1;

            if (k ? skip_abm : skip_bmi1) {
                continue;
            }
            Case c = { 0 };
            int n = 0;

            g_strlcpy(c.name, nm("%s%d rax,rcx%s", k ? "lzcnt" : "tzcnt",
                                 bits, have ? "" : " (as bs*)"),
                      sizeof(c.name));
            if (bits == 16) {
                c.code[n++] = 0x66;
            }
            c.code[n++] = 0xf3;
            if (bits == 64) {
                c.code[n++] = 0x48;
            }
            c.code[n++] = 0x0f;
            c.code[n++] = k ? 0xbd : 0xbc;
            c.code[n++] = 0xc1;
            c.len = n;
            c.bits = bits;
            c.mode = DIFF_MODE_64;
            c.gprs = DIFF_ALL_GPRS;
            c.arg = !have;
            for (i = 0; i < ITERS * 2; i++) {
                DiffCmp cmp = { .gpr_mask = DIFF_ALL_GPRS };

                rand_input(&c, &in);
                fix_bsf(&c, &in, &cmp);
                cmp.flags_mask = have ? (DF_ZF | DF_CF) : DF_ZF;
                cmp.undef_mask = DF_OSZAPC & ~cmp.flags_mask;
                if (have) {
                    diff_check(c.mode, c.name, c.code, c.len, &in, &cmp);
                } else {
                    check_fallback(&c, &in, &cmp);
                }
            }
        }
    }
    diff_finish();
}

/* ---- the LOCK prefix ---- */

/*
 * LOCK is #UD unless the instruction is one of the lockable
 * read-modify-write forms with a memory destination.
 */
static void test_lock(void)
{
    static const struct { const char *n; uint8_t code[6]; int len; } f[] = {
        { "lock add rax,rcx", { 0xf0, 0x48, 0x01, 0xc8 }, 4 },
        { "lock add [rbx],rcx", { 0xf0, 0x48, 0x01, 0x0b }, 4 },
        { "lock add rcx,[rbx]", { 0xf0, 0x48, 0x03, 0x0b }, 4 },
        { "lock mov [rbx],rcx", { 0xf0, 0x48, 0x89, 0x0b }, 4 },
        { "lock inc rax", { 0xf0, 0x48, 0xff, 0xc0 }, 4 },
        { "lock inc [rbx]", { 0xf0, 0x48, 0xff, 0x03 }, 4 },
        { "lock not [rbx]", { 0xf0, 0x48, 0xf7, 0x13 }, 4 },
        { "lock neg [rbx]", { 0xf0, 0x48, 0xf7, 0x1b }, 4 },
        { "lock test [rbx],rcx", { 0xf0, 0x48, 0x85, 0x0b }, 4 },
        { "lock bt [rbx],rcx", { 0xf0, 0x48, 0x0f, 0xa3, 0x0b }, 5 },
        { "lock bts [rbx],5", { 0xf0, 0x48, 0x0f, 0xba, 0x2b, 0x05 }, 6 },
        { "lock bt [rbx],5", { 0xf0, 0x48, 0x0f, 0xba, 0x23, 0x05 }, 6 },
        { "lock xchg [rbx],rcx", { 0xf0, 0x48, 0x87, 0x0b }, 4 },
        { "lock xadd [rbx],rcx", { 0xf0, 0x48, 0x0f, 0xc1, 0x0b }, 5 },
        { "lock cmpxchg rdx,rcx", { 0xf0, 0x48, 0x0f, 0xb1, 0xca }, 5 },
        { "lock cmp [rbx],5", { 0xf0, 0x48, 0x83, 0x3b, 0x05 }, 5 },
        { "lock sbb [rbx],5", { 0xf0, 0x48, 0x83, 0x1b, 0x05 }, 5 },
        { "lock shl [rbx],1", { 0xf0, 0x48, 0xd1, 0x23 }, 4 },
        { "lock nop", { 0xf0, 0x90 }, 2 },
    };
    unsigned k;

    for (k = 0; k < G_N_ELEMENTS(f); k++) {
        Case *c = add_case(f[k].n, 32, 0, f[k].code, f[k].len, -1, 0, 0,
                           false);

        c->mem = MEM_DST;
        c->mem_len = 16;
        c->no_edges = true;
    }
    run_cases(20);
}

int main(int argc, char **argv)
{
    diff_test_init(&argc, &argv, "max");
    cases = g_array_new(false, true, sizeof(Case));

    g_test_add_func("/tcg-diff-int/harness-detects-differences",
                    test_harness_detects_differences);
    g_test_add_func("/tcg-diff-int/add-or-adc-sbb-and-sub-xor-cmp", test_alu);
    g_test_add_func("/tcg-diff-int/neg-not-inc-dec-test", test_unary);
    g_test_add_func("/tcg-diff-int/shifts-rotates", test_shifts);
    g_test_add_func("/tcg-diff-int/shld-shrd", test_shld_shrd);
    g_test_add_func("/tcg-diff-int/mul-imul", test_mul);
    g_test_add_func("/tcg-diff-int/div-idiv-de", test_div);
    g_test_add_func("/tcg-diff-int/bt-bts-btr-btc", test_bt);
    g_test_add_func("/tcg-diff-int/bsf-bsr-tzcnt-lzcnt-popcnt", test_bitscan);
    g_test_add_func("/tcg-diff-int/lock-prefix", test_lock);
    return g_test_run();
}
