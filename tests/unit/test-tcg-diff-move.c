/*
 * test-tcg-diff-move.c: data movement and the other code sizes, run in
 * the software CPU and on the host processor from the same state
 * (tcg-harness.h, tcg-diff-int.h): CMPXCHG/CMPXCHG8B/CMPXCHG16B, XADD,
 * XCHG, BSWAP, MOVZX/MOVSX/MOVSXD, CMOVcc and SETcc for all 16
 * conditions, CBW..CQO, LAHF/SAHF, CLC/STC/CMC, the string instructions
 * (MOVS, CMPS, STOS, LODS, SCAS with and without REP/REPNE, both
 * directions, overlapping, 32-bit addresses); 32-bit code (DAA/DAS/AAA/
 * AAS/AAM/AAD, the one-byte INC/DEC, ALU); 16-bit code (ALU, MUL/DIV,
 * BCD, the 16-bit addressing modes with wrap-around, string instructions
 * on SI/DI/CX) and data segment limits; running off the end of the
 * mapped memory (#PF) with string, plain and locked instructions.
 */
#include "tcg-diff-int.h"

/* ---- exchange ---- */

/* CMPXCHG: the accumulator equals the destination half of the time. */
static void fix_cmpxchg(Case *c, DiffState *in, DiffCmp *cmp)
{
    if (g_test_rand_bit()) {
        uint64_t dst = c->mem ? ldq_le_p(diff_data_init()) : in->gpr[DR_RDX];

        in->gpr[DR_RAX] = (in->gpr[DR_RAX] & ~width_mask(c->bits)) |
                          (dst & width_mask(c->bits));
    }
}

/* CMPXCHG8B/16B at [rsi]: EDX:EAX / RDX:RAX equal to memory half the time;
 * 16B with a misaligned operand now and then (#GP). */
static void fix_cmpxchg8b(Case *c, DiffState *in, DiffCmp *cmp)
{
    uint8_t *d = diff_data_init();
    int off = 16 * g_test_rand_int_range(0, 4);

    if (c->arg && g_test_rand_int_range(0, 8) == 0) {
        off += g_test_rand_int_range(1, 16);
    }
    in->gpr[DR_RSI] = diff_data_addr() + off;
    if (g_test_rand_bit()) {
        if (c->arg) {
            in->gpr[DR_RAX] = ldq_le_p(d + off);
            in->gpr[DR_RDX] = ldq_le_p(d + off + 8);
        } else {
            in->gpr[DR_RAX] = (in->gpr[DR_RAX] & ~0xffffffffull) |
                              ldl_le_p(d + off);
            in->gpr[DR_RDX] = (in->gpr[DR_RDX] & ~0xffffffffull) |
                              ldl_le_p(d + off + 4);
        }
    }
    cmp->mem_len = 0x60;
}

static void test_xchg(void)
{
    static const int w3[] = { 16, 32, 64 };
    unsigned w;
    Case *c;

    for (w = 0; w < G_N_ELEMENTS(widths); w++) {
        int bits = widths[w], b8 = bits == 8 ? 0 : 1;

        c = add2(nm("cmpxchg%d rdx,rcx", bits), bits, 0, 0xb0 + b8, 0xca);
        c->fixup = fix_cmpxchg;
        c = add2(nm("cmpxchg%d [rbx],rcx", bits), bits, 0, 0xb0 + b8, 0x0b);
        c->fixup = fix_cmpxchg;
        c->mem = MEM_DST;
        c = add2(nm("lock cmpxchg%d [rbx],rcx", bits), bits, 0, 0xb0 + b8,
                 0x0b);
        memmove(c->code + 1, c->code, c->len++);
        c->code[0] = 0xf0;
        c->fixup = fix_cmpxchg;
        c->mem = MEM_DST;
        add2(nm("xadd%d rax,rcx", bits), bits, 0, 0xc0 + b8, 0xc8);
        c = add2(nm("xadd%d [rbx],rcx", bits), bits, 0, 0xc0 + b8, 0x0b);
        c->mem = MEM_DST;
        add1(nm("xchg%d rax,rcx", bits), bits, 0, 0x86 + b8, 0xc8);
        c = add1(nm("xchg%d [rbx],rcx", bits), bits, 0, 0x86 + b8, 0x0b);
        c->mem = MEM_DST;
        if (bits != 8) {
            add1(nm("xchg%d rax,r9", bits), bits, 0x1, 0x91, -1);
        } else {
            add1("xchg8 ah,ch", 8, 0, 0x86, 0xec);
        }
    }
    c = add2("cmpxchg8b [rsi]", 32, 0, 0xc7, 0x0e);
    c->fixup = fix_cmpxchg8b;
    c->no_edges = true;
    if ((diff_guest_feature(FEAT_1_ECX) & (1u << 13)) &&
        diff_host_has(1, 0, R_ECX, 13)) {
        c = add2("cmpxchg16b [rsi]", 64, 0, 0xc7, 0x0e);
        c->fixup = fix_cmpxchg8b;
        c->arg = 1;
        c->no_edges = true;
        c = add2("lock cmpxchg16b [rsi]", 64, 0, 0xc7, 0x0e);
        memmove(c->code + 1, c->code, c->len++);
        c->code[0] = 0xf0;
        c->fixup = fix_cmpxchg8b;
        c->arg = 1;
        c->no_edges = true;
    }
    for (w = 1; w < G_N_ELEMENTS(w3); w++) {
        add2(nm("bswap%d rax", w3[w]), w3[w], 0, 0xc8, -1);
        add2(nm("bswap%d r13", w3[w]), w3[w], 0x1, 0xcd, -1);
    }
    run_cases(ITERS);
}

/* ---- moves and conversions ---- */

static void fix_random_df(Case *c, DiffState *in, DiffCmp *cmp)
{
    in->rflags |= g_test_rand_bit() ? DF_DF : 0;
}

static void fix_xlat(Case *c, DiffState *in, DiffCmp *cmp)
{
    uint8_t *d = diff_data_init();
    int i;

    for (i = 0; i < 256; i += 8) {
        stq_le_p(d + i, diff_rand64());
    }
    in->gpr[DR_RBX] = diff_data_addr();
}

static void test_movx(void)
{
    static const int w3[] = { 16, 32, 64 };
    unsigned w, k;
    int cc;
    Case *c;

    for (w = 0; w < G_N_ELEMENTS(w3); w++) {
        int bits = w3[w];

        add2(nm("movzx%d rax,cl", bits), bits, 0, 0xb6, 0xc1);
        add2(nm("movsx%d rax,cl", bits), bits, 0, 0xbe, 0xc1);
        add2(nm("movzx%d rax,ch", bits), bits, 0, 0xb6, 0xc5);
        add2(nm("movsx%d rax,[rbx]8", bits), bits, 0, 0xbe, 0x03);
        add2(nm("movzx%d rax,cx", bits), bits, 0, 0xb7, 0xc1);
        add2(nm("movsx%d rax,cx", bits), bits, 0, 0xbf, 0xc1);
        add2(nm("movsx%d rax,[rbx]16", bits), bits, 0, 0xbf, 0x03);
        add1(nm("movsxd%d rax,ecx", bits), bits, 0, 0x63, 0xc1);
        add1(nm("movsxd%d rax,[rbx]", bits), bits, 0, 0x63, 0x03);
        for (cc = 0; cc < 16; cc++) {
            add2(nm("cmov%x%d rax,rcx", cc, bits), bits, 0, 0x40 + cc, 0xc1);
            if (bits == 32) {
                add2(nm("cmov%x%d rax,[rbx]", cc, bits), bits, 0, 0x40 + cc,
                     0x03);
            }
        }
    }
    for (cc = 0; cc < 16; cc++) {
        add2(nm("set%x al", cc), 8, 0, 0x90 + cc, 0xc0);
        add2(nm("set%x ch", cc), 8, 0, 0x90 + cc, 0xc5);
        c = add2(nm("set%x [rbx]", cc), 8, 0, 0x90 + cc, 0x03);
        c->mem = MEM_DST;
    }
    add1("cbw", 16, 0, 0x98, -1);
    add1("cwde", 32, 0, 0x98, -1);
    add1("cdqe", 64, 0, 0x98, -1);
    add1("cwd", 16, 0, 0x99, -1);
    add1("cdq", 32, 0, 0x99, -1);
    add1("cqo", 64, 0, 0x99, -1);
    add1("lahf", 8, 0, 0x9f, -1);
    add1("sahf", 8, 0, 0x9e, -1);
    add1("cmc", 8, 0, 0xf5, -1);
    add1("clc", 8, 0, 0xf8, -1);
    add1("stc", 8, 0, 0xf9, -1);
    c = add1("cld", 8, 0, 0xfc, -1);
    c->defined = DF_OSZAPC | DF_DF;
    c->fixup = fix_random_df;
    c = add1("std", 8, 0, 0xfd, -1);
    c->defined = DF_OSZAPC | DF_DF;
    c->fixup = fix_random_df;
    /* xlat: al = [rbx + al] */
    c = add1("xlat", 8, 0, 0xd7, -1);
    c->fixup = fix_xlat;
    c->no_edges = true;
    /* mov al/eax/rax <-> moffs64 (the data area's address) */
    for (k = 0; k < 4; k++) {
        uint8_t b[1] = { 0xa0 + k };

        c = add_case(nm("mov moffs64 %02x", 0xa0 + k), k & 1 ? 64 : 8, 0, b,
                     1, -1, 8, diff_data_addr(), false);
        c->mem_len = 16;
        c = add_case(nm("mov moffs64 %02x", 0xa0 + k), k & 1 ? 32 : 8, 0, b,
                     1, -1, 8, diff_data_addr() + 3, false);
        c->mem_len = 16;
    }
    run_cases(ITERS);
}

/* ---- branches ---- */

/*
 * Jcc (rel8, rel32), LOOP/LOOPE/LOOPNE and JRCXZ/JECXZ over an INC EAX:
 * whether the branch was taken shows in RAX, RCX carries the count.
 */
static void fix_loop(Case *c, DiffState *in, DiffCmp *cmp)
{
    static const uint64_t counts[] = { 0, 1, 2, 0x100000000ull,
                                       0x100000001ull, ~0ull };

    in->gpr[DR_RCX] = g_test_rand_bit() ?
        counts[g_test_rand_int_range(0, G_N_ELEMENTS(counts))] :
        diff_rand64();
}

static void test_branch(void)
{
    static const uint8_t inc[] = { 0xff, 0xc0 };    /* inc eax */
    int cc, k;
    Case *c;

    for (cc = 0; cc < 16; cc++) {
        uint8_t b8[4] = { 0x70 + cc, 2 };
        uint8_t b32[8] = { 0x0f, 0x80 + cc, 2, 0, 0, 0 };

        memcpy(b8 + 2, inc, 2);
        memcpy(b32 + 6, inc, 2);
        add_case(nm("j%x rel8", cc), 32, 0, b8, 4, -1, 0, 0, false);
        add_case(nm("j%x rel32", cc), 32, 0, b32, 8, -1, 0, 0, false);
    }
    for (k = 0; k < 4; k++) {
        uint8_t b[5] = { 0x67, 0xe0 + k, 2 };
        static const char *const n[] = { "loopne", "loope", "loop",
                                         "jrcxz" };

        memcpy(b + 3, inc, 2);
        c = add_case(n[k], 32, 0, b + 1, 4, -1, 0, 0, false);
        c->fixup = fix_loop;
        c->no_edges = true;
        c = add_case(nm("%s a32", n[k]), 32, 0, b, 5, -1, 0, 0, false);
        c->fixup = fix_loop;
        c->no_edges = true;
    }
    run_cases(ITERS);
}

/* ---- addressing forms (the decoder) ---- */

/*
 * LEA and the multi-byte NOP (0F 1F /0) with random ModRM, SIB and
 * displacement, REX.R/X/B/W and the 67 and 66 prefixes: LEA shows the
 * effective address (register, base, index, scale, displacement and
 * their wrap-around), the NOP the instruction length.  RIP-relative
 * forms and RSP/R12 as base or destination are left out (the snippets
 * sit at different addresses, the stacks differ).
 */
static int rand_addressing(uint8_t *p, DiffMode mode, const bool *a16)
{
    int n = 0, mod, rm, reg;

    /* Not RSP (4 or 12): it is each side's own (destination or base). */
    do {
        reg = g_test_rand_int_range(0, 8);
    } while (reg == 4);

    do {
        mod = g_test_rand_int_range(0, 3);
        rm = g_test_rand_int_range(0, 8);
    } while (mod == 0 && rm == 5 && mode == DIFF_MODE_64 && !*a16);
    p[n++] = mod << 6 | reg << 3 | rm;
    if (*a16) {
        /* 16-bit addressing: no SIB; mod 0 r/m 6 is disp16 */
        if (mod == 1) {
            p[n++] = g_test_rand_int();
        } else if (mod == 2 || (mod == 0 && rm == 6)) {
            p[n++] = g_test_rand_int();
            p[n++] = g_test_rand_int();
        }
        return n;
    }
    if (rm == 4) {
        uint8_t sib = g_test_rand_int();

        if ((sib & 7) == 4) {
            sib ^= 1;                   /* base RSP -> RBP */
        }
        p[n++] = sib;
        if (mod == 0 && (sib & 7) == 5) {
            mod = 2;                    /* disp32, no base */
        }
    }
    if (mod == 1) {
        p[n++] = g_test_rand_int();
    } else if (mod == 2 || (mod == 0 && rm == 5)) {
        stl_le_p(p + n, g_test_rand_bit() ? g_test_rand_int()
                 : (uint32_t)g_test_rand_int_range(-256, 256));
        n += 4;
    }
    return n;
}

static void test_addressing(void)
{
    static const DiffMode modes[] = { DIFF_MODE_64, DIFF_MODE_32,
                                      DIFF_MODE_16 };
    DiffCmp cmp = { .gpr_mask = DIFF_ALL_GPRS, .flags_mask = DF_OSZAPC };
    DiffState in;
    unsigned m;
    int it, i;

    for (m = 0; m < G_N_ELEMENTS(modes); m++) {
        DiffMode mode = modes[m];

        if (mode == DIFF_MODE_16 && !diff_have_mode16()) {
            continue;
        }
        for (it = 0; it < ITERS * 20; it++) {
            uint8_t code[16];
            bool lea = g_test_rand_bit(), a67 = g_test_rand_bit();
            bool a16 = mode == DIFF_MODE_16 ? !a67
                       : mode == DIFF_MODE_32 && a67;
            int n = 0;

            if (g_test_rand_bit()) {
                code[n++] = 0x66;
            }
            if (a67) {
                code[n++] = 0x67;
            }
            if (mode == DIFF_MODE_64 && g_test_rand_bit()) {
                code[n++] = 0x40 | g_test_rand_int_range(0, 16);
            }
            if (lea) {
                code[n++] = 0x8d;
            } else {
                code[n++] = 0x0f;
                code[n++] = 0x1f;
            }
            n += rand_addressing(code + n, mode, &a16);
            diff_state_init(&in);
            for (i = 0; i < 16; i++) {
                in.gpr[i] = diff_rand_operand(64);
            }
            in.rflags = diff_rand64() & DF_OSZAPC;
            diff_check(mode, lea ? "lea" : "nop m", code, n, &in, &cmp);
        }
    }
    diff_finish();
}

/* ---- string instructions ---- */

/*
 * RSI and RDI in the middle of a 2 KiB window (overlapping ranges now and
 * then), RCX 0..40, DF either way, the window random with runs of equal
 * bytes so REPE/REPNE stop at different places, RAX sometimes a value the
 * window holds.
 */
static void fix_string(Case *c, DiffState *in, DiffCmp *cmp)
{
    uint8_t *d = diff_data_init();
    int i, src = g_test_rand_int_range(0x200, 0x600);
    int dst = g_test_rand_int_range(0, 4) ?
              g_test_rand_int_range(0x200, 0x600) :
              src + g_test_rand_int_range(-16, 17);
    uint8_t fill = g_test_rand_int();

    for (i = 0; i < 0x800; i += 8) {
        /* one byte in 8 random, on average: runs of equal bytes */
        uint64_t r = diff_rand64(), pick = diff_rand64();
        int k;

        for (k = 0; k < 8; k++, r >>= 8, pick >>= 8) {
            d[i + k] = (pick & 7) ? fill : (uint8_t)r;
        }
    }
    in->gpr[DR_RSI] = diff_data_addr() + src;
    in->gpr[DR_RDI] = diff_data_addr() + dst;
    if (c->arg) {   /* address size 32: upper halves must not matter */
        in->gpr[DR_RSI] |= diff_rand64() << 32;
        in->gpr[DR_RDI] |= diff_rand64() << 32;
        in->gpr[DR_RCX] = (diff_rand64() << 32) |
                          g_test_rand_int_range(0, 41);
    } else {
        in->gpr[DR_RCX] = g_test_rand_int_range(0, 41);
    }
    if (g_test_rand_bit()) {
        memcpy(&in->gpr[DR_RAX], d + src, 8);
        if (g_test_rand_bit()) {
            in->gpr[DR_RAX] = fill * 0x0101010101010101ull;
        }
    }
    in->rflags |= g_test_rand_bit() ? DF_DF : 0;
    cmp->flags_mask |= DF_DF;
    cmp->mem_len = 0x800;
}

static void test_string(void)
{
    static const struct { const char *n; uint8_t op; bool cond; } ops[] = {
        { "movs", 0xa4, false }, { "cmps", 0xa6, true },
        { "stos", 0xaa, false }, { "lods", 0xac, false },
        { "scas", 0xae, true },
    };
    static const uint8_t reps[] = { 0, 0xf3, 0xf2 };
    unsigned k, w, r;
    int a32;

    for (k = 0; k < G_N_ELEMENTS(ops); k++) {
        for (w = 0; w < G_N_ELEMENTS(widths); w++) {
            int bits = widths[w];

            for (r = 0; r < 3; r++) {
                for (a32 = 0; a32 < 2; a32++) {
                    Case *c;

                    if (r == 2 && !ops[k].cond) {
                        continue;
                    }
                    c = add1(nm("%s%s%d%s", r == 0 ? "" : r == 1 ? "rep " :
                                "repne ", ops[k].n, bits,
                                a32 ? " a32" : ""), bits, 0,
                             ops[k].op + (bits != 8), -1);
                    if (r) {
                        memmove(c->code + 1, c->code, c->len++);
                        c->code[0] = reps[r];
                    }
                    if (a32) {
                        memmove(c->code + 1, c->code, c->len++);
                        c->code[0] = 0x67;
                    }
                    c->fixup = fix_string;
                    c->arg = a32;
                    c->no_edges = true;
                }
            }
        }
    }
    run_cases(ITERS);
}

/*
 * Running off the end of the data area into an unmapped page: a REP
 * string instruction stops with the registers of the elements it did
 * (#PF, restartable), a page-split store writes nothing, a page-split
 * load changes nothing.
 */
static void fix_page_end(Case *c, DiffState *in, DiffCmp *cmp)
{
    uint64_t end = diff_data_addr() + DIFF_DATA_SIZE;
    uint8_t *d = diff_data_init();
    int i;

    for (i = DIFF_DATA_SIZE - 0x400; i < DIFF_DATA_SIZE; i += 8) {
        stq_le_p(d + i, diff_rand64());
    }
    in->gpr[DR_RSI] = end - 0x200 - g_test_rand_int_range(0, 64);
    in->gpr[DR_RDI] = end - g_test_rand_int_range(1, 80);
    in->gpr[DR_RBX] = end - g_test_rand_int_range(1, 8);
    in->gpr[DR_RCX] = g_test_rand_int_range(0, 100);
    in->rflags &= ~(uint64_t)DF_DF;
    cmp->mem_len = DIFF_DATA_SIZE;
    cmp->flags_mask |= DF_DF;
}

static void test_page_end(void)
{
    static const struct { const char *n; uint8_t code[4]; int len; } f[] = {
        { "rep movsb", { 0xf3, 0xa4 }, 2 },
        { "rep movsd", { 0xf3, 0xa5 }, 2 },
        { "rep movsq", { 0xf3, 0x48, 0xa5 }, 3 },
        { "rep stosb", { 0xf3, 0xaa }, 2 },
        { "rep stosq", { 0xf3, 0x48, 0xab }, 3 },
        { "repe cmpsb", { 0xf3, 0xa6 }, 2 },
        { "repne scasw", { 0xf2, 0x66, 0xaf }, 3 },
        { "mov [rbx],rcx", { 0x48, 0x89, 0x0b }, 3 },
        { "mov rax,[rbx]", { 0x48, 0x8b, 0x03 }, 3 },
        { "add [rbx],ecx", { 0x01, 0x0b }, 2 },
    };
    unsigned k;

    for (k = 0; k < G_N_ELEMENTS(f); k++) {
        Case *c = add_case(f[k].n, 32, 0, f[k].code, f[k].len, -1, 0, 0,
                           false);

        c->fixup = fix_page_end;
        c->no_edges = true;
    }
    run_cases(ITERS / 2);
}

/*
 * The same for the locked read-modify-write forms (and CMPXCHG, which the
 * emulator always runs as one).  They run in a child
 * process with a deadline: a fault in the middle of a locked access must
 * not leave a lock behind (the next one would wait for ever).
 */
static void test_page_end_locked(void)
{
    static const struct { const char *n; uint8_t code[5]; int len; } f[] = {
        { "xchg [rbx],rcx", { 0x48, 0x87, 0x0b }, 3 },
        { "cmpxchg [rbx],rcx", { 0x48, 0x0f, 0xb1, 0x0b }, 4 },
        { "lock add [rbx],ecx", { 0xf0, 0x01, 0x0b }, 3 },
        { "lock cmpxchg [rbx],rcx", { 0xf0, 0x48, 0x0f, 0xb1, 0x0b }, 5 },
        { "lock xadd [rbx],ecx", { 0xf0, 0x0f, 0xc1, 0x0b }, 4 },
    };
    unsigned k;

    if (!g_test_subprocess()) {
        g_test_trap_subprocess(NULL, 10 * G_USEC_PER_SEC,
                               G_TEST_SUBPROCESS_INHERIT_STDERR);
        if (!g_test_trap_has_passed()) {
            /* not g_test_trap_assert_passed(): the other tests go on */
            g_test_message("the child %s",
                           g_test_trap_reached_timeout() ?
                           "hung (timed out): a locked access that faulted "
                           "left its lock held?" : "failed");
            g_test_fail();
        }
        return;
    }
    for (k = 0; k < G_N_ELEMENTS(f); k++) {
        Case *c = add_case(f[k].n, 32, 0, f[k].code, f[k].len, -1, 0, 0,
                           false);

        c->fixup = fix_page_end;
        c->no_edges = true;
    }
    run_cases(ITERS / 2);
}

/* ---- the stack ---- */

/*
 * PUSH, POP, PUSHF, POPF, ENTER and LEAVE on a stack in the data area:
 * the snippet swaps RSP with R15 around the instruction (xchg rsp, r15),
 * so R15 shows the stack pointer after it and the data area what was
 * pushed.  RBP (ENTER's frame pointer) points into the data area too.
 */
static void fix_stack(Case *c, DiffState *in, DiffCmp *cmp)
{
    uint8_t *d = diff_data_init();
    int i;

    for (i = 0; i < 0x1000; i += 8) {
        stq_le_p(d + i, diff_rand64());
    }
    in->gpr[DR_R15] = diff_data_addr() + 0x800 -
                      (g_test_rand_int_range(0, 4) ? 0 :
                       g_test_rand_int_range(1, 8));
    /* POPF: a value without TF, IF, AC and the other system bits */
    stq_le_p(d + (in->gpr[DR_R15] - diff_data_addr()),
             diff_rand64() & (DF_OSZAPC | DF_DF));
    in->gpr[DR_RBP] = diff_data_addr() + 0x900 + 8 * g_test_rand_int_range(0,
                                                                       32);
    in->gpr[DR_RBX] = diff_data_addr() + 0x400;
    in->rflags |= g_test_rand_bit() ? DF_DF : 0;
    cmp->flags_mask |= DF_DF;
    cmp->mem_len = 0x1000;
}

static void test_stack(void)
{
    static const struct { const char *n; uint8_t code[10]; int len; } f[] = {
        { "push rax", { 0x50 }, 1 },
        { "push r9", { 0x41, 0x51 }, 2 },
        { "push ax", { 0x66, 0x50 }, 2 },
        { "push imm8", { 0x6a, 0x80 }, 2 },
        { "push imm32", { 0x68, 0x78, 0x56, 0x34, 0x92 }, 5 },
        { "push imm16", { 0x66, 0x68, 0x34, 0x92 }, 4 },
        { "push [rbx]", { 0xff, 0x33 }, 2 },
        { "push word [rbx]", { 0x66, 0xff, 0x33 }, 3 },
        { "pop rax", { 0x58 }, 1 },
        { "pop r9", { 0x41, 0x59 }, 2 },
        { "pop ax", { 0x66, 0x58 }, 2 },
        { "pop [rbx]", { 0x8f, 0x03 }, 2 },
        { "pop word [rbx]", { 0x66, 0x8f, 0x03 }, 3 },
        /* then and [rsp], 0xcd5: IF, RF, ... are each side's own */
        { "pushf", { 0x9c, 0x81, 0x24, 0x24, 0xd5, 0x0c, 0, 0 }, 8 },
        { "pushfw", { 0x66, 0x9c, 0x66, 0x81, 0x24, 0x24, 0xd5, 0x0c }, 8 },
        { "popf", { 0x9d }, 1 },
        { "leave", { 0xc9 }, 1 },
        { "leave16", { 0x66, 0xc9 }, 2 },
        { "enter 0x20,0", { 0xc8, 0x20, 0x00, 0 }, 4 },
        { "enter 0x10,1", { 0xc8, 0x10, 0x00, 1 }, 4 },
        { "enter 0x08,2", { 0xc8, 0x08, 0x00, 2 }, 4 },
        { "enter 0x100,5", { 0xc8, 0x00, 0x01, 5 }, 4 },
        { "enter 0,31", { 0xc8, 0x00, 0x00, 31 }, 4 },
        { "enter 0,33", { 0xc8, 0x00, 0x00, 33 }, 4 },
        { "enter16 0x10,3", { 0x66, 0xc8, 0x10, 0x00, 3 }, 5 },
    };
    static const uint8_t swap[] = { 0x4c, 0x87, 0xfc };  /* xchg rsp, r15 */
    unsigned k;

    for (k = 0; k < G_N_ELEMENTS(f); k++) {
        uint8_t code[16];
        Case *c;

        memcpy(code, swap, 3);
        memcpy(code + 3, f[k].code, f[k].len);
        memcpy(code + 3 + f[k].len, swap, 3);
        c = add_case(f[k].n, 32, 0, code, f[k].len + 6, -1, 0, 0, false);
        c->bits = 64;                   /* 64-bit random operands */
        c->fixup = fix_stack;
        c->no_edges = true;
    }
    run_cases(ITERS / 2);
}

/* ---- 32-bit code (compatibility mode) ---- */

static Case *in32(Case *c)
{
    c->mode = DIFF_MODE_32;
    c->gprs &= 0xef;
    return c;
}

static void test_bcd_32(void)
{
    Case *c;
    unsigned w;
    int op;

    c = in32(add1("daa", 8, 0, 0x27, -1));
    c->defined = DF_OSZAPC & ~DF_OF;
    c = in32(add1("das", 8, 0, 0x2f, -1));
    c->defined = DF_OSZAPC & ~DF_OF;
    c = in32(add1("aaa", 8, 0, 0x37, -1));
    c->defined = DF_AF | DF_CF;
    c = in32(add1("aas", 8, 0, 0x3f, -1));
    c->defined = DF_AF | DF_CF;
    c = in32(add_case("aam", 8, 0, (const uint8_t[]){ 0xd4 }, 1, -1, 1, 10,
                      false));
    c->defined = DF_SF | DF_ZF | DF_PF;
    c = in32(add_case("aam imm", 8, 0, (const uint8_t[]){ 0xd4 }, 1, -1, 1, 0,
                      true));
    c->defined = DF_SF | DF_ZF | DF_PF;
    c = in32(add_case("aad", 8, 0, (const uint8_t[]){ 0xd5 }, 1, -1, 1, 10,
                      false));
    c->defined = DF_SF | DF_ZF | DF_PF;
    c = in32(add_case("aad imm", 8, 0, (const uint8_t[]){ 0xd5 }, 1, -1, 1, 0,
                      true));
    c->defined = DF_SF | DF_ZF | DF_PF;
    for (w = 0; w < 3; w++) {
        int bits = widths[w];

        if (bits != 8) {
            in32(add1(nm("inc%d eax (40)", bits), bits, 0, 0x40, -1));
            in32(add1(nm("dec%d ecx (49)", bits), bits, 0, 0x49, -1));
        }
        for (op = 0; op < 8; op++) {
            bool logic = op == 1 || op == 4 || op == 6;

            c = in32(add1(nm("%s%d eax,ecx", alu_names[op], bits), bits, 0,
                          op * 8 + (bits != 8), 0xc8));
            c->defined = logic ? DF_OSZAPC & ~DF_AF : DF_OSZAPC;
            c = in32(add1(nm("%s%d [ebx],ecx", alu_names[op], bits), bits, 0,
                          op * 8 + (bits != 8), 0x0b));
            c->defined = logic ? DF_OSZAPC & ~DF_AF : DF_OSZAPC;
            c->mem = MEM_DST;
        }
        c = in32(add1(nm("mul%d ecx", bits), bits, 0, 0xf6 + (bits != 8),
                      0xe1));
        c->defined = DF_OF | DF_CF;
        c = in32(add1(nm("shl%d eax,cl", bits), bits, 0, 0xd2 + (bits != 8),
                      0xe0));
        c->arg = 4;
        c->fixup = fix_shift_cl;
        c->no_edges = true;
    }
    run_cases(ITERS * 4);
}

/* ---- 16-bit code ---- */

/*
 * A case in 16-bit code: 66 selects 32-bit operands; ModRM 07 | reg << 3
 * is [bx].
 */
static Case *add16(const char *name, int bits, const uint8_t *op, int oplen,
                   int modrm, int imm_len, uint64_t imm, bool rand_imm)
{
    Case *c = add_case(name, bits == 32 ? 16 : bits == 16 ? 32 : bits, 0,
                       op, oplen, modrm, imm_len, imm, rand_imm);

    c->bits = bits;
    c->mode = DIFF_MODE_16;
    c->gprs &= 0xef;
    if (modrm >= 0 && (modrm & 0xc7) == 0x07) {
        c->mem = MEM_SRC;
        c->mem_len = 16;
    }
    return c;
}

static Case *add16_1(const char *name, int bits, uint8_t op, int modrm)
{
    return add16(name, bits, &op, 1, modrm, 0, 0, false);
}

/* String operations with SI, DI, CX (offsets into DS = ES = the data
 * area; the upper register halves must not matter). */
static void fix_string16(Case *c, DiffState *in, DiffCmp *cmp)
{
    fix_string(c, in, cmp);
    in->gpr[DR_RSI] = (in->gpr[DR_RSI] - diff_data_addr()) |
                      diff_rand64() << 16;
    in->gpr[DR_RDI] = (in->gpr[DR_RDI] - diff_data_addr()) |
                      diff_rand64() << 16;
    in->gpr[DR_RCX] |= diff_rand64() << 16;
}

/* The 16-bit effective address of ModRM r/m (mod 0-2) and disp. */
static uint16_t ea16(const DiffState *in, int modrm, uint16_t disp)
{
    static const int8_t base[8] = { DR_RBX, DR_RBX, DR_RBP, DR_RBP, -1, -1,
                                    DR_RBP, DR_RBX };
    static const int8_t index[8] = { DR_RSI, DR_RDI, DR_RSI, DR_RDI, DR_RSI,
                                     DR_RDI, -1, -1 };
    int rm = modrm & 7;
    uint16_t a = disp;

    if ((modrm >> 6) == 0 && rm == 6) {
        return disp;
    }
    if (base[rm] >= 0) {
        a += in->gpr[base[rm]];
    }
    if (index[rm] >= 0) {
        a += in->gpr[index[rm]];
    }
    return a;
}

/*
 * BX, SI, DI anywhere in 64 KiB (sums wrap around), the operand inside
 * the segment; with arg set, now and then across its limit (#GP).
 */
static void fix_addr16(Case *c, DiffState *in, DiffCmp *cmp)
{
    int modrm = c->code[c->modrm_off];
    const uint8_t *dp = c->code + c->modrm_off + 1;
    uint16_t disp = c->disp_len == 1 ? (int8_t)dp[0] :
                    c->disp_len == 2 ? lduw_le_p(dp) : 0;
    int size = c->bits / 8;

    do {
        int r;

        for (r = DR_RBX; r <= DR_RDI; r++) {
            if (r != DR_RSP && r != DR_RBP) {
                in->gpr[r] = diff_rand64();
            }
        }
        if (c->arg && g_test_rand_bit()) {
            /* put the operand at 0xffff - k */
            uint16_t want = 0x10000 - g_test_rand_int_range(1, 5);

            in->gpr[DR_RBX] += want - ea16(in, modrm, disp);
        }
    } while (!c->arg && ea16(in, modrm, disp) > 0x10000 - size);
    cmp->mem_len = DIFF_DATA_SIZE;
}

static void add_addr16(bool limit);

static void test_code16(void)
{
    unsigned w;
    int op;
    Case *c;

    if (!diff_have_mode16()) {
        g_test_skip("the host cannot make 16-bit LDT segments "
                    "(modify_ldt)");
        return;
    }
    for (w = 0; w < 3; w++) {
        int bits = widths[w], b8 = bits != 8;

        for (op = 0; op < 8; op++) {
            bool logic = op == 1 || op == 4 || op == 6;

            c = add16_1(nm("%s%d ax,cx (16)", alu_names[op], bits), bits,
                        op * 8 + b8, 0xc8);
            c->defined = logic ? DF_OSZAPC & ~DF_AF : DF_OSZAPC;
            c = add16_1(nm("%s%d [bx],cx (16)", alu_names[op], bits), bits,
                        op * 8 + b8, 0x0f);
            c->defined = logic ? DF_OSZAPC & ~DF_AF : DF_OSZAPC;
            c->mem = MEM_DST;
        }
        c = add16_1(nm("mul%d cx (16)", bits), bits, 0xf6 + b8, 0xe1);
        c->defined = DF_OF | DF_CF;
        c = add16_1(nm("div%d [bx] (16)", bits), bits, 0xf6 + b8, 0x37);
        c->fixup = fix_div;
        c->no_edges = true;
        c = add16_1(nm("idiv%d cx (16)", bits), bits, 0xf6 + b8, 0xf9);
        c->fixup = fix_div;
        c->arg = 1;
        c->no_edges = true;
        c = add16_1(nm("shl%d ax,cl (16)", bits), bits, 0xd2 + b8, 0xe0);
        c->arg = 4;
        c->fixup = fix_shift_cl;
        c->no_edges = true;
        c = add16_1(nm("rcr%d ax,cl (16)", bits), bits, 0xd2 + b8, 0xd8);
        c->arg = 3;
        c->fixup = fix_shift_cl;
        c->no_edges = true;
        if (bits != 8) {
            add16_1(nm("inc%d ax (40) (16)", bits), bits, 0x40, -1);
            add16_1(nm("dec%d cx (49) (16)", bits), bits, 0x49, -1);
            add16_1(nm("cwd/cdq%d (16)", bits), bits, 0x99, -1);
            add16_1(nm("cbw/cwde%d (16)", bits), bits, 0x98, -1);
        }
    }
    c = add16_1("daa (16)", 8, 0x27, -1);
    c->defined = DF_OSZAPC & ~DF_OF;
    c = add16_1("aas (16)", 8, 0x3f, -1);
    c->defined = DF_AF | DF_CF;
    c = add16("aad (16)", 8, (const uint8_t[]){ 0xd5 }, 1, -1, 1, 10, false);
    c->defined = DF_SF | DF_ZF | DF_PF;
    run_cases(ITERS * 2);

    add_addr16(false);
    run_cases(ITERS * 2);
}

/* Addressing modes and wrap-around (limit false), or operands across the
 * segment limit (limit true). */
static void add_addr16(bool limit)
{
    static const struct { const char *n; uint8_t rm; int disp; } am[] = {
        { "[bx+si]", 0x00, 0 }, { "[bx+di+7f]", 0x41, 1 },
        { "[si]", 0x04, 0 }, { "[di]", 0x05, 0 }, { "[fff8]", 0x06, 2 },
        { "[bx+8000]", 0x87, 2 },
    };
    uint8_t *d = diff_data_init();
    unsigned w, k;
    int i;
    Case *c;

    for (i = 0; i < DIFF_DATA_SIZE; i++) {
        d[i] = g_test_rand_int();
    }
    for (k = 0; k < G_N_ELEMENTS(am); k++) {
        for (w = 1; w < 3; w++) {
            int bits = widths[w];
            uint8_t b[1];

            b[0] = 0x8b;    /* mov ax, m */
            c = add16(nm("mov%d ax,%s (16)", bits, am[k].n), bits, b, 1,
                      am[k].rm, am[k].disp,
                      am[k].disp == 1 ? 0x7f : am[k].rm == 6 ? 0xfff8
                                                             : 0x8000, false);
            c->fixup = fix_addr16;
            c->arg = limit;
            c->disp_len = am[k].disp;
            c->no_edges = true;
            b[0] = 0x01;    /* add m, cx */
            c = add16(nm("add%d %s,cx (16)", bits, am[k].n), bits, b, 1,
                      am[k].rm | 0x08, am[k].disp,
                      am[k].disp == 1 ? 0x7f : am[k].rm == 6 ? 0xfff8
                                                             : 0x8000, false);
            c->fixup = fix_addr16;
            c->arg = limit;
            c->disp_len = am[k].disp;
            c->no_edges = true;
        }
    }
    for (i = 0; i < (int)cases->len; i++) {
        g_array_index(cases, Case, i).mem = MEM_NONE;
    }
}

/* Operands across the data segment's limit: #GP(0), nothing written. */
static void test_code16_limit(void)
{
    if (!diff_have_mode16()) {
        g_test_skip("the host cannot make 16-bit LDT segments "
                    "(modify_ldt)");
        return;
    }
    add_addr16(true);
    run_cases(ITERS);
}

static void test_string16(void)
{
    static const struct { const char *n; uint8_t op; bool cond; } ops[] = {
        { "movs", 0xa4, false }, { "cmps", 0xa6, true },
        { "stos", 0xaa, false }, { "lods", 0xac, false },
        { "scas", 0xae, true },
    };
    unsigned k, w;
    int r;

    if (!diff_have_mode16()) {
        g_test_skip("the host cannot make 16-bit LDT segments "
                    "(modify_ldt)");
        return;
    }
    for (k = 0; k < G_N_ELEMENTS(ops); k++) {
        for (w = 0; w < 3; w++) {
            for (r = 0; r < 3; r++) {
                Case *c;

                if (r == 2 && !ops[k].cond) {
                    continue;
                }
                c = add16_1(nm("%s%s%d (16)", r == 0 ? "" : r == 1 ? "rep "
                               : "repne ", ops[k].n, widths[w]), widths[w],
                            ops[k].op + (widths[w] != 8), -1);
                if (r) {
                    memmove(c->code + 1, c->code, c->len++);
                    c->code[0] = r == 1 ? 0xf3 : 0xf2;
                }
                c->fixup = fix_string16;
                c->no_edges = true;
            }
        }
    }
    run_cases(ITERS * 2);
}

int main(int argc, char **argv)
{
    diff_test_init(&argc, &argv, "max");
    cases = g_array_new(false, true, sizeof(Case));

    g_test_add_func("/tcg-diff-move/cmpxchg-xadd-xchg-bswap", test_xchg);
    g_test_add_func("/tcg-diff-move/movzx-movsx-cmov-setcc-cbw-lahf",
                    test_movx);
    g_test_add_func("/tcg-diff-move/jcc-loop-jrcxz", test_branch);
    g_test_add_func("/tcg-diff-move/lea-nop-addressing-forms",
                    test_addressing);
    g_test_add_func("/tcg-diff-move/string-ops", test_string);
    g_test_add_func("/tcg-diff-move/page-end-faults", test_page_end);
    g_test_add_func("/tcg-diff-move/page-end-faults-locked",
                    test_page_end_locked);
    g_test_add_func("/tcg-diff-move/push-pop-enter-leave", test_stack);
    g_test_add_func("/tcg-diff-move/bcd-and-alu-32bit", test_bcd_32);
    g_test_add_func("/tcg-diff-move/code16-alu-bcd-addressing", test_code16);
    g_test_add_func("/tcg-diff-move/code16-string-ops", test_string16);
    g_test_add_func("/tcg-diff-move/code16-segment-limit",
                    test_code16_limit);
    return g_test_run();
}
