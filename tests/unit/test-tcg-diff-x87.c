/*
 * test-tcg-diff-x87.c: x87 instructions run whole in the software CPU
 * and on the host from the same state (tcg-harness.h): loads and stores
 * of every memory format, the arithmetic in each form, square root,
 * compares (FCOM, FUCOM, FCOMI, FTST, FXAM), FXCH, FCHS/FABS, FRNDINT,
 * FSCALE, FXTRACT, FPREM/FPREM1, the constants, FCMOVcc, the control
 * and status word moves, FFREE/FINCSTP/FDECSTP, #MF at FWAIT after an
 * unmasked exception, FNSTENV/FNSAVE/FXSAVE and FLDENV/FRSTOR/FXRSTOR.
 *
 * The stack holds 0 to 8 random values (biased to 2-3; empty and full
 * stacks give stack faults), each random with a bias to the edges of the
 * 80-bit format (zeros, denormals, pseudo-denormals, unnormals,
 * infinities, NaNs, the integer conversion limits); the control word
 * gets a random rounding and precision control and now and then unmasked
 * exceptions.  Compared: the control word, the status word (the
 * condition codes the SDM defines for the instruction, the exception
 * flags, TOP), the tag word, every valid ST(i), the data area, the
 * general registers and EFLAGS.  The transcendental instructions (FSIN,
 * FPATAN, F2XM1, ...) are left out: their last bits are the hardware's.
 */
#include "tcg-harness.c"

#define ITERS 3000

/* Status-word condition codes. */
#define SW_C0 0x0100
#define SW_C1 0x0200
#define SW_C2 0x0400
#define SW_C3 0x4000
#define SW_ALL 0xffff
/* Only C1 defined (the usual case: C0, C2, C3 undefined). */
#define SW_C1ONLY (SW_ALL & ~(SW_C0 | SW_C2 | SW_C3))

enum { M_NONE, M_F32, M_F64, M_F80, M_I16, M_I32, M_I64 };

typedef struct X87Op {
    const char *name;
    uint8_t code[3];
    uint8_t len;
    uint8_t mem;            /* memory operand at [rbx]: its format */
    uint16_t fsw_mask;
    uint32_t flags;         /* EFLAGS compared */
    bool sse3;              /* FISTTP */
} X87Op;

#define OP2(n, a, b, m, sw) { n, { a, b }, 2, m, sw, DF_OSZAPC, false }

static const X87Op ops[] = {
    /* loads */
    OP2("fld st1", 0xd9, 0xc1, M_NONE, SW_C1ONLY),
    OP2("fld m32", 0xd9, 0x03, M_F32, SW_C1ONLY),
    OP2("fld m64", 0xdd, 0x03, M_F64, SW_C1ONLY),
    OP2("fld m80", 0xdb, 0x2b, M_F80, SW_C1ONLY),
    OP2("fild m16", 0xdf, 0x03, M_I16, SW_C1ONLY),
    OP2("fild m32", 0xdb, 0x03, M_I32, SW_C1ONLY),
    OP2("fild m64", 0xdf, 0x2b, M_I64, SW_C1ONLY),
    OP2("fld1", 0xd9, 0xe8, M_NONE, SW_C1ONLY),
    OP2("fldz", 0xd9, 0xee, M_NONE, SW_C1ONLY),
    OP2("fldpi", 0xd9, 0xeb, M_NONE, SW_C1ONLY),
    OP2("fldl2e", 0xd9, 0xea, M_NONE, SW_C1ONLY),
    OP2("fldl2t", 0xd9, 0xe9, M_NONE, SW_C1ONLY),
    OP2("fldlg2", 0xd9, 0xec, M_NONE, SW_C1ONLY),
    OP2("fldln2", 0xd9, 0xed, M_NONE, SW_C1ONLY),
    /* stores */
    OP2("fst m32", 0xd9, 0x13, M_NONE, SW_C1ONLY),
    OP2("fstp m32", 0xd9, 0x1b, M_NONE, SW_C1ONLY),
    OP2("fst m64", 0xdd, 0x13, M_NONE, SW_C1ONLY),
    OP2("fstp m64", 0xdd, 0x1b, M_NONE, SW_C1ONLY),
    OP2("fstp m80", 0xdb, 0x3b, M_NONE, SW_C1ONLY),
    OP2("fst st1", 0xdd, 0xd1, M_NONE, SW_C1ONLY),
    OP2("fstp st1", 0xdd, 0xd9, M_NONE, SW_C1ONLY),
    OP2("fist m16", 0xdf, 0x13, M_NONE, SW_C1ONLY),
    OP2("fistp m16", 0xdf, 0x1b, M_NONE, SW_C1ONLY),
    OP2("fist m32", 0xdb, 0x13, M_NONE, SW_C1ONLY),
    OP2("fistp m32", 0xdb, 0x1b, M_NONE, SW_C1ONLY),
    OP2("fistp m64", 0xdf, 0x3b, M_NONE, SW_C1ONLY),
    { "fisttp m16", { 0xdf, 0x0b }, 2, M_NONE, SW_C1ONLY, DF_OSZAPC, true },
    { "fisttp m32", { 0xdb, 0x0b }, 2, M_NONE, SW_C1ONLY, DF_OSZAPC, true },
    { "fisttp m64", { 0xdd, 0x0b }, 2, M_NONE, SW_C1ONLY, DF_OSZAPC, true },
    /* arithmetic: st0 op st1, st1 op st0, pop forms, memory */
    OP2("fadd st,st1", 0xd8, 0xc1, M_NONE, SW_C1ONLY),
    OP2("fmul st,st1", 0xd8, 0xc9, M_NONE, SW_C1ONLY),
    OP2("fsub st,st1", 0xd8, 0xe1, M_NONE, SW_C1ONLY),
    OP2("fsubr st,st1", 0xd8, 0xe9, M_NONE, SW_C1ONLY),
    OP2("fdiv st,st1", 0xd8, 0xf1, M_NONE, SW_C1ONLY),
    OP2("fdivr st,st1", 0xd8, 0xf9, M_NONE, SW_C1ONLY),
    OP2("fadd st1,st", 0xdc, 0xc1, M_NONE, SW_C1ONLY),
    OP2("fmul st1,st", 0xdc, 0xc9, M_NONE, SW_C1ONLY),
    OP2("fsubr st1,st", 0xdc, 0xe1, M_NONE, SW_C1ONLY),
    OP2("fsub st1,st", 0xdc, 0xe9, M_NONE, SW_C1ONLY),
    OP2("fdivr st1,st", 0xdc, 0xf1, M_NONE, SW_C1ONLY),
    OP2("fdiv st1,st", 0xdc, 0xf9, M_NONE, SW_C1ONLY),
    OP2("faddp", 0xde, 0xc1, M_NONE, SW_C1ONLY),
    OP2("fmulp", 0xde, 0xc9, M_NONE, SW_C1ONLY),
    OP2("fsubrp", 0xde, 0xe1, M_NONE, SW_C1ONLY),
    OP2("fsubp", 0xde, 0xe9, M_NONE, SW_C1ONLY),
    OP2("fdivrp", 0xde, 0xf1, M_NONE, SW_C1ONLY),
    OP2("fdivp", 0xde, 0xf9, M_NONE, SW_C1ONLY),
    OP2("fadd m32", 0xd8, 0x03, M_F32, SW_C1ONLY),
    OP2("fmul m32", 0xd8, 0x0b, M_F32, SW_C1ONLY),
    OP2("fsub m32", 0xd8, 0x23, M_F32, SW_C1ONLY),
    OP2("fdivr m32", 0xd8, 0x3b, M_F32, SW_C1ONLY),
    OP2("fadd m64", 0xdc, 0x03, M_F64, SW_C1ONLY),
    OP2("fsubr m64", 0xdc, 0x2b, M_F64, SW_C1ONLY),
    OP2("fdiv m64", 0xdc, 0x33, M_F64, SW_C1ONLY),
    OP2("fiadd m32", 0xda, 0x03, M_I32, SW_C1ONLY),
    OP2("fimul m16", 0xde, 0x0b, M_I16, SW_C1ONLY),
    OP2("fisub m32", 0xda, 0x23, M_I32, SW_C1ONLY),
    OP2("fidiv m16", 0xde, 0x33, M_I16, SW_C1ONLY),
    OP2("fsqrt", 0xd9, 0xfa, M_NONE, SW_C1ONLY),
    OP2("fchs", 0xd9, 0xe0, M_NONE, SW_C1ONLY),
    OP2("fabs", 0xd9, 0xe1, M_NONE, SW_C1ONLY),
    OP2("frndint", 0xd9, 0xfc, M_NONE, SW_C1ONLY),
    OP2("fscale", 0xd9, 0xfd, M_NONE, SW_C1ONLY),
    OP2("fxtract", 0xd9, 0xf4, M_NONE, SW_C1ONLY),
    OP2("fprem", 0xd9, 0xf8, M_NONE, SW_ALL),
    OP2("fprem1", 0xd9, 0xf5, M_NONE, SW_ALL),
    OP2("fxch st1", 0xd9, 0xc9, M_NONE, SW_C1ONLY),
    OP2("fxch st3", 0xd9, 0xcb, M_NONE, SW_C1ONLY),
    /* compares */
    OP2("fcom st1", 0xd8, 0xd1, M_NONE, SW_ALL),
    OP2("fcomp st1", 0xd8, 0xd9, M_NONE, SW_ALL),
    OP2("fcompp", 0xde, 0xd9, M_NONE, SW_ALL),
    OP2("fucom st1", 0xdd, 0xe1, M_NONE, SW_ALL),
    OP2("fucomp st1", 0xdd, 0xe9, M_NONE, SW_ALL),
    OP2("fucompp", 0xda, 0xe9, M_NONE, SW_ALL),
    OP2("fcom m32", 0xd8, 0x13, M_F32, SW_ALL),
    OP2("fcomp m64", 0xdc, 0x1b, M_F64, SW_ALL),
    OP2("ficom m16", 0xde, 0x13, M_I16, SW_ALL),
    OP2("ficomp m32", 0xda, 0x1b, M_I32, SW_ALL),
    OP2("ftst", 0xd9, 0xe4, M_NONE, SW_ALL),
    OP2("fxam", 0xd9, 0xe5, M_NONE, SW_ALL),
    /* FCOMI: ZF PF CF set, OF SF AF cleared; C1 defined */
    OP2("fcomi st1", 0xdb, 0xf1, M_NONE, SW_C1ONLY),
    OP2("fucomi st1", 0xdb, 0xe9, M_NONE, SW_C1ONLY),
    OP2("fcomip st1", 0xdf, 0xf1, M_NONE, SW_C1ONLY),
    OP2("fucomip st1", 0xdf, 0xe9, M_NONE, SW_C1ONLY),
    /* FCMOVcc (flags random) */
    OP2("fcmovb", 0xda, 0xc1, M_NONE, SW_C1ONLY),
    OP2("fcmove", 0xda, 0xc9, M_NONE, SW_C1ONLY),
    OP2("fcmovbe", 0xda, 0xd1, M_NONE, SW_C1ONLY),
    OP2("fcmovu", 0xda, 0xd9, M_NONE, SW_C1ONLY),
    OP2("fcmovnb", 0xdb, 0xc1, M_NONE, SW_C1ONLY),
    OP2("fcmovne", 0xdb, 0xc9, M_NONE, SW_C1ONLY),
    OP2("fcmovnbe", 0xdb, 0xd1, M_NONE, SW_C1ONLY),
    OP2("fcmovnu", 0xdb, 0xd9, M_NONE, SW_C1ONLY),
    /* control */
    OP2("fnstsw ax", 0xdf, 0xe0, M_NONE, SW_ALL),
    OP2("fnstsw m16", 0xdd, 0x3b, M_NONE, SW_ALL),
    OP2("fnstcw m16", 0xd9, 0x3b, M_NONE, SW_ALL),
    OP2("fldcw m16", 0xd9, 0x2b, M_I16, SW_ALL),
    OP2("fnclex", 0xdb, 0xe2, M_NONE, SW_ALL),
    OP2("ffree st1", 0xdd, 0xc1, M_NONE, SW_ALL),
    OP2("fincstp", 0xd9, 0xf7, M_NONE, SW_C1ONLY),
    OP2("fdecstp", 0xd9, 0xf6, M_NONE, SW_C1ONLY),
    OP2("fnop", 0xd9, 0xd0, M_NONE, SW_ALL),
    /* a pending unmasked exception: #MF at the next FWAIT */
    { "fdiv; fwait", { 0xd8, 0xf1, 0x9b }, 3, M_NONE, SW_C1ONLY, DF_OSZAPC,
      false },
    { "fsqrt; fwait", { 0xd9, 0xfa, 0x9b }, 3, M_NONE, SW_C1ONLY, DF_OSZAPC,
      false },
    { "fist m16; fwait", { 0xdf, 0x13, 0x9b }, 3, M_NONE, SW_C1ONLY,
      DF_OSZAPC, false },
    { "fwait", { 0x9b }, 1, M_NONE, SW_ALL, DF_OSZAPC, false },
};

/* ---- operands ---- */

static void gen_f80(uint64_t *mant, uint16_t *exp)
{
    uint16_t sign = g_test_rand_bit() ? 0x8000 : 0;
    uint64_t m = diff_rand64();

    switch (g_test_rand_int_range(0, 16)) {
    case 0:     /* zero */
        *mant = 0;
        *exp = sign;
        return;
    case 1:     /* denormal, or pseudo-denormal (J = 1) */
        *mant = g_test_rand_bit() ? m >> 1 : m | (1ull << 63);
        *exp = sign;
        return;
    case 2:     /* infinity */
        *mant = 1ull << 63;
        *exp = sign | 0x7fff;
        return;
    case 3:     /* NaN: quiet or signalling */
        *mant = (1ull << 63) | (m >> (g_test_rand_bit() ? 1 : 2)) |
                (g_test_rand_bit() ? 1ull << 62 : 1);
        *exp = sign | 0x7fff;
        return;
    case 4:     /* unnormal (invalid operand) */
        *mant = m >> 1;
        *exp = sign | g_test_rand_int_range(1, 0x7fff);
        return;
    case 5:     /* integers near the conversion limits */
        *mant = (1ull << 63) | (m & 0xffff);
        *exp = sign | (0x3fff + (uint16_t)g_test_rand_int_range(14, 64));
        return;
    case 6:     /* small integers and halves */
        *mant = (1ull << 63) | (m & 0xc000000000000000ull) >> 1;
        *exp = sign | (0x3fff + (uint16_t)g_test_rand_int_range(-2, 6));
        return;
    case 7:     /* extreme exponents */
        *mant = m | (1ull << 63);
        *exp = sign | (g_test_rand_bit() ? g_test_rand_int_range(1, 70)
                       : g_test_rand_int_range(0x7f90, 0x7fff));
        return;
    default:    /* moderate */
        *mant = m | (1ull << 63);
        *exp = sign | (0x3fff + (uint16_t)g_test_rand_int_range(-40, 40));
        return;
    }
}

static void gen_mem(int type, uint8_t *d)
{
    uint64_t m;
    uint16_t e;

    switch (type) {
    case M_F32: {
        static const uint32_t edge[] = {
            0, 0x80000000, 1, 0x7f800000, 0xff800000, 0x7fc00000, 0x7f800001,
            0x3f800000, 0x007fffff, 0x7f7fffff,
        };
        uint32_t v = g_test_rand_bit() ?
            edge[g_test_rand_int_range(0, G_N_ELEMENTS(edge))] :
            (g_test_rand_int() & 0x807fffff) |
            (uint32_t)g_test_rand_int_range(100, 160) << 23;
        stl_le_p(d, v);
        break;
    }
    case M_F64: {
        static const uint64_t edge[] = {
            0, 0x8000000000000000ull, 1, 0x7ff0000000000000ull,
            0x7ff8000000000000ull, 0x7ff0000000000001ull,
            0x3ff0000000000000ull, 0x000fffffffffffffull,
            0x7fefffffffffffffull,
        };
        uint64_t v = g_test_rand_bit() ?
            edge[g_test_rand_int_range(0, G_N_ELEMENTS(edge))] :
            (diff_rand64() & 0x800fffffffffffffull) |
            (uint64_t)g_test_rand_int_range(0x3c0, 0x440) << 52;
        stq_le_p(d, v);
        break;
    }
    case M_F80:
        gen_f80(&m, &e);
        stq_le_p(d, m);
        stw_le_p(d + 8, e);
        break;
    case M_I16:
    case M_I32:
    case M_I64:
        stq_le_p(d, diff_rand_operand(type == M_I16 ? 16 :
                                      type == M_I32 ? 32 : 64));
        break;
    default:
        stq_le_p(d, diff_rand64());
        stq_le_p(d + 8, diff_rand64());
        break;
    }
}

/* Control word: random rounding and precision, exceptions mostly masked. */
static uint16_t gen_fcw(void)
{
    uint16_t cw = 0x37f & ~0xf00;

    cw |= (g_test_rand_int() & 0xf) << 8;
    if (g_test_rand_int_range(0, 8) == 0) {
        cw &= ~(g_test_rand_int() & 0x3f);
    }
    return cw;
}

static void run_op(const X87Op *o)
{
    static const int depth[] = { 0, 1, 2, 2, 3, 3, 3, 4, 5, 7, 8 };
    DiffCmp cmp = {
        .gpr_mask = DIFF_ALL_GPRS,
        .flags_mask = o->flags,
        .x87 = true,
        .fsw_mask = o->fsw_mask,
        .mem_len = 16,
    };
    DiffState in;
    int it, i;

    for (it = 0; it < ITERS; it++) {
        uint64_t mant[8];
        uint16_t exp[8];
        int n = depth[g_test_rand_int_range(0, G_N_ELEMENTS(depth))];

        diff_state_init(&in);
        for (i = 0; i < 16; i++) {
            in.gpr[i] = diff_rand64();
        }
        in.gpr[DR_RBX] = diff_data_addr();
        in.rflags = diff_rand64() & DF_OSZAPC;
        for (i = 0; i < n; i++) {
            gen_f80(&mant[i], &exp[i]);
        }
        /* Binary operations: often two close or equal values. */
        if (n >= 2 && g_test_rand_int_range(0, 4) == 0) {
            mant[1] = mant[0] ^ (g_test_rand_bit() ? 0 : 1);
            exp[1] = exp[0] ^ (g_test_rand_bit() ? 0 : 0x8000);
        }
        diff_set_x87_stack(&in, n, mant, exp);
        *diff_fcw(&in) = gen_fcw();
        /* Sticky flags set now and then (masked ones only). */
        if (g_test_rand_bit()) {
            *diff_fsw(&in) |= g_test_rand_int() & *diff_fcw(&in) & 0x3f;
        }
        gen_mem(o->mem, diff_data_init());
        if (o->mem == M_I16 && !strcmp(o->name, "fldcw m16")) {
            /* a control word, reserved bits random */
            stw_le_p(diff_data_init(),
                     gen_fcw() | (g_test_rand_int() & 0xf0c0));
        }
        diff_check(DIFF_MODE_64, o->name, o->code, o->len, &in, &cmp);
    }
}

static void run_range(const char *first, const char *last)
{
    bool on = false;
    bool sse3 = (diff_guest_feature(FEAT_1_ECX) & 1) &&
                diff_host_has(1, 0, R_ECX, 0);
    unsigned k;

    for (k = 0; k < G_N_ELEMENTS(ops); k++) {
        if (!strcmp(ops[k].name, first)) {
            on = true;
        }
        if (on && (!ops[k].sse3 || sse3)) {
            run_op(&ops[k]);
        }
        if (!strcmp(ops[k].name, last)) {
            break;
        }
    }
    diff_finish();
}

static void test_load(void)
{
    run_range("fld st1", "fldln2");
}

static void test_store(void)
{
    run_range("fst m32", "fisttp m64");
}

static void test_arith(void)
{
    run_range("fadd st,st1", "fxch st3");
}

static void test_compare(void)
{
    run_range("fcom st1", "fcmovnu");
}

static void test_control(void)
{
    run_range("fnstsw ax", "fnop");
}

static void test_fwait(void)
{
    run_range("fdiv; fwait", "fwait");
}

/* ---- saving and restoring the state ---- */

/*
 * The stores are followed by stores of zero over the fields that hold
 * the last instruction and operand pointers (FIP, FCS, FOP, FDP, FDS:
 * the two sides run the snippet at different addresses) and over
 * MXCSR_MASK (the host's has bits of its own, such as AMD's misaligned
 * SSE mode); everything else the instruction wrote is compared.
 */
/* mov dword [rbx + off], 0 */
#define MOVD0(off) 0xc7, 0x43, off, 0, 0, 0, 0

typedef struct SaveOp {
    const char *name;
    uint8_t code[48];
    uint8_t len;
    bool load;          /* loads an image from [rbx] */
    uint16_t image;     /* bytes of the image */
} SaveOp;

static const SaveOp save_ops[] = {
    { "fnstenv", { 0xd9, 0x33, MOVD0(12), MOVD0(16), MOVD0(20), MOVD0(24) },
      30, false, 28 },
    { "fnsave", { 0xdd, 0x33, MOVD0(12), MOVD0(16), MOVD0(20), MOVD0(24) },
      30, false, 108 },
    { "fxsave", { 0x0f, 0xae, 0x03, 0x66, 0xc7, 0x43, 6, 0, 0, MOVD0(8),
                  MOVD0(12), MOVD0(16), MOVD0(20), MOVD0(28) }, 44, false,
      512 },
    { "fxsave64", { 0x48, 0x0f, 0xae, 0x03, 0x66, 0xc7, 0x43, 6, 0, 0,
                    MOVD0(8), MOVD0(12), MOVD0(16), MOVD0(20), MOVD0(28) },
      45, false, 512 },
    { "fldenv", { 0xd9, 0x23 }, 2, true, 28 },
    { "frstor", { 0xdd, 0x23 }, 2, true, 108 },
    { "fxrstor", { 0x0f, 0xae, 0x0b }, 3, true, 512 },
    { "fxrstor64", { 0x48, 0x0f, 0xae, 0x0b }, 4, true, 512 },
};

/* A random image of the format the load instruction reads. */
static void gen_image(const SaveOp *o, uint8_t *d)
{
    int i, nregs = 8, regs;
    uint16_t sw = g_test_rand_int();

    for (i = 0; i < 512; i += 8) {
        stq_le_p(d + i, diff_rand64());
    }
    if (o->image == 512) {
        stw_le_p(d, gen_fcw());
        stw_le_p(d + 2, sw);
        d[4] = g_test_rand_int();
        stl_le_p(d + 24, g_test_rand_int_range(0, 16) ? 0x1f80 |
                 (g_test_rand_int() & 0xe07f) : g_test_rand_int());
        regs = 32;
        for (i = 0; i < 16; i++) {
            uint64_t q[2] = { diff_rand64(), diff_rand64() };

            memcpy(d + 160 + 16 * i, q, 16);
        }
    } else {
        stl_le_p(d, gen_fcw() | (g_test_rand_int() & 0xffff0000u));
        stl_le_p(d + 4, sw | (g_test_rand_int() & 0xffff0000u));
        stl_le_p(d + 8, g_test_rand_int());
        regs = 28;
        nregs = o->image == 108 ? 8 : 0;
    }
    for (i = 0; i < nregs; i++) {
        uint64_t m;
        uint16_t e;
        int stride = o->image == 512 ? 16 : 10;

        gen_f80(&m, &e);
        stq_le_p(d + regs + stride * i, m);
        stw_le_p(d + regs + stride * i + 8, e);
    }
}

static void test_save_restore(void)
{
    static const int depth[] = { 0, 1, 3, 8 };
    DiffCmp cmp = {
        .gpr_mask = DIFF_ALL_GPRS,
        .flags_mask = DF_OSZAPC,
        .x87 = true,
        .fsw_mask = SW_ALL,
        .xmm_mask = 0xffff,
        .mxcsr = true,
    };
    DiffState in;
    unsigned k;
    int it, i;

    for (k = 0; k < G_N_ELEMENTS(save_ops); k++) {
        const SaveOp *o = &save_ops[k];

        cmp.mem_len = 512;
        for (it = 0; it < ITERS / 4; it++) {
            uint64_t mant[8], q[2];
            uint16_t exp[8];
            int n = depth[g_test_rand_int_range(0, G_N_ELEMENTS(depth))];

            diff_state_init(&in);
            for (i = 0; i < 16; i++) {
                in.gpr[i] = diff_rand64();
                q[0] = diff_rand64();
                q[1] = diff_rand64();
                memcpy(diff_xmm(&in, i), q, 16);
            }
            in.gpr[DR_RBX] = diff_data_addr();
            in.rflags = diff_rand64() & DF_OSZAPC;
            for (i = 0; i < n; i++) {
                gen_f80(&mant[i], &exp[i]);
            }
            diff_set_x87_stack(&in, n, mant, exp);
            *diff_fcw(&in) = gen_fcw();
            *diff_fsw(&in) |= g_test_rand_int() & *diff_fcw(&in) & 0x3f;
            *diff_mxcsr(&in) = 0x1f80 | (g_test_rand_int() & 0xe07f);
            if (o->load) {
                gen_image(o, diff_data_init());
            } else {
                memset(diff_data_init(), 0x5a, 512);
            }
            diff_check(DIFF_MODE_64, o->name, o->code, o->len, &in, &cmp);
        }
    }
    diff_finish();
}

int main(int argc, char **argv)
{
    diff_test_init(&argc, &argv, "max");

    g_test_add_func("/tcg-diff-x87/loads-and-constants", test_load);
    g_test_add_func("/tcg-diff-x87/stores-and-integer-stores", test_store);
    g_test_add_func("/tcg-diff-x87/arithmetic-sqrt-rounding", test_arith);
    g_test_add_func("/tcg-diff-x87/compares-and-fcmov", test_compare);
    g_test_add_func("/tcg-diff-x87/control-status-tags", test_control);
    g_test_add_func("/tcg-diff-x87/pending-exception-fwait-mf",
                    test_fwait);
    g_test_add_func("/tcg-diff-x87/fnstenv-fnsave-fxsave-and-loads",
                    test_save_restore);
    return g_test_run();
}
