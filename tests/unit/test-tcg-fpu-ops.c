/*
 * test-tcg-fpu-ops.c: the x87 instruction handlers against the host CPU.
 *
 * Random sequences of x87 instructions (register and memory forms, loads
 * and stores of every format, compares, FCMOV/FCOMI, stack overflow and
 * underflow, control word changes, exceptions masked and unmasked) are
 * encoded as machine code, run on this x86-64 host, and run through the
 * software CPU's handlers (target/i386/tcg/fpu-ops*.c) on a CPUX86State.
 * The memory they wrote and the final x87 state (control, status, tags,
 * the eight registers) must be identical.  The operands live at a fixed
 * low address mapped in this process, which both sides address with an
 * absolute disp32, so the handlers' memory accesses go through software
 * TLB entries that map that page to itself.
 *
 * Transcendental instructions are left out (their last bit and C1 are
 * allowed to differ, see docs/tcg-fpu.md); FIP/FDP/FOP are not compared.
 * The corners the SDM leaves undefined follow what an AMD host does
 * (docs/tcg-fpu.md); on another host the instructions whose undefined
 * bits differ between vendors (C1 after FFREE/FCMOV/FCOMI, the FPREM
 * partial-remainder step) are left out of the sequences.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/fpu-internal.h"
#include <sys/mman.h>
#include <cpuid.h>

#define DATA_ADDR 0x10000000ul
#define DATA ((uint8_t *)DATA_ADDR)
#define DATA_SIZE 0x1000
#define OUT_OFF 0x200       /* stores go to DATA + 0x200..0x2ff */
#define SW_OFF 0x300        /* per-instruction status (unmasked runs) */
#define FX_OFF 0xe00        /* the host's final FXSAVE image */

typedef struct Insn {
    uint8_t op, modrm;
    bool mem;
    bool o16;           /* 66 prefix: the 16-bit FNSTENV/FNSAVE formats */
    uint32_t disp;
} Insn;

/*
 * The environment images (FNSTENV/FLDENV, FNSAVE/FRSTOR) in 32- and
 * 16-bit formats, each at its own place; their FIP/FCS/FOP/FDP/FDS bytes
 * are not compared.
 */
static const struct {
    uint16_t off;
    uint8_t op, store, load;
    bool o16;
    uint8_t ptr_from, ptr_to;
} images[4] = {
    { 0x400, 0xd9, 6, 4, false, 12, 28 },
    { 0x440, 0xd9, 6, 4, true, 6, 14 },
    { 0x480, 0xdd, 6, 4, false, 12, 28 },
    { 0x500, 0xdd, 6, 4, true, 6, 14 },
};

#define MAX_INSNS 96

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static bool host_amd;

static uint64_t rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static unsigned rn(unsigned n)
{
    return (unsigned)(rnd() % n);
}

/* ---- the instruction pool ---- */

static Insn reg_insn(uint8_t op, uint8_t modrm)
{
    Insn i = { op, modrm, false, false, 0 };
    return i;
}

static Insn mem_insn(uint8_t op, int reg, uint32_t off)
{
    Insn i = { op, (uint8_t)((reg << 3) | 4), true, false,
               (uint32_t)(DATA_ADDR + off) };
    return i;
}

/* Instructions whose undefined corners are vendor-specific. */
static bool vendor_specific(const Insn *in)
{
    if (in->mem) {
        return false;
    }
    switch (in->op) {
    case 0xd9: return in->modrm == 0xf5 || in->modrm == 0xf8;  /* FPREM */
    case 0xda: return in->modrm < 0xe0;                     /* FCMOV */
    case 0xdb: return in->modrm < 0xe0 || in->modrm >= 0xe8; /* FCMOV FCOMI */
    case 0xdd: return in->modrm < 0xc8;                     /* FFREE */
    case 0xdf: return in->modrm < 0xc8 || in->modrm >= 0xe8; /* FFREEP... */
    default: return false;
    }
}

/* A save or (after its save) a restore of one of the images. */
static Insn image_insn(unsigned *saved)
{
    unsigned k = rn(4);
    bool load = (*saved & (1u << k)) && rn(2);
    Insn i = mem_insn(images[k].op, load ? images[k].load : images[k].store,
                      images[k].off);

    i.o16 = images[k].o16;
    *saved |= 1u << k;
    return i;
}

static Insn random_insn(void)
{
    static const uint8_t group[] = {
        0xe0, 0xe1, 0xe4, 0xe5, 0xe8, 0xe9, 0xea, 0xeb, 0xec, 0xed, 0xee,
        0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xfa, 0xfc, 0xfd,
    };
    /* stores: (opcode, reg) of FST(P) m32/m64/m80, FIST(T)(P), FBSTP... */
    static const uint8_t stores[][2] = {
        { 0xd9, 2 }, { 0xd9, 3 }, { 0xdd, 2 }, { 0xdd, 3 }, { 0xdb, 7 },
        { 0xdb, 1 }, { 0xdb, 2 }, { 0xdb, 3 }, { 0xdd, 1 }, { 0xdf, 1 },
        { 0xdf, 2 }, { 0xdf, 3 }, { 0xdf, 7 }, { 0xdf, 6 }, { 0xdd, 7 },
        { 0xd9, 7 },
    };
    static const uint8_t loads[][2] = {
        { 0xd9, 0 }, { 0xdd, 0 }, { 0xdb, 5 }, { 0xdb, 0 }, { 0xdf, 0 },
        { 0xdf, 5 },
    };
    unsigned i = rn(8);

    switch (rn(12)) {
    case 0:
        return reg_insn(0xd9, group[rn(ARRAY_SIZE(group))]);
    case 1:
        return reg_insn(0xd9, 0xc0 + rn(16));           /* FLD, FXCH */
    case 2:
        return reg_insn(0xd8, 0xc0 + rn(64));           /* ST0 op ST(i) */
    case 3: {
        static const uint8_t rows[] = { 0, 1, 4, 5, 6, 7 };
        uint8_t op = rn(2) ? 0xdc : 0xde;

        if (!rn(8)) {
            return op == 0xde ? reg_insn(0xde, 0xd9) : reg_insn(0xda, 0xe9);
        }
        return reg_insn(op, 0xc0 + 8 * rows[rn(6)] + i);
    }
    case 4: {
        static const uint8_t rows[] = { 0xc0, 0xd0, 0xd8, 0xe0, 0xe8 };

        return reg_insn(0xdd, rows[rn(5)] + i);         /* FFREE FST... */
    }
    case 5:                                             /* FCMOVcc */
        return reg_insn(rn(2) ? 0xda : 0xdb, 0xc0 + rn(32));
    case 6:                                             /* FCOMI family */
        return reg_insn(rn(2) ? 0xdb : 0xdf, (rn(2) ? 0xe8 : 0xf0) + i);
    case 7: {                                           /* arith m32/m64 */
        static const uint8_t ops[] = { 0xd8, 0xdc, 0xda, 0xde };
        uint8_t op = ops[rn(4)];

        return mem_insn(op, rn(8), op == 0xdc ? 8 * rn(16) : 4 * rn(32));
    }
    case 8: case 9: {
        const uint8_t *l = loads[rn(ARRAY_SIZE(loads))];

        return mem_insn(l[0], l[1], l[0] == 0xdb && l[1] == 5 ?
                        16 * rn(8) : 4 * rn(30));
    }
    case 10: {
        const uint8_t *s = stores[rn(ARRAY_SIZE(stores))];

        return mem_insn(s[0], s[1], OUT_OFF + 16 * rn(16));
    }
    default:
        if (!rn(4)) {
            return mem_insn(0xd9, 5, 0x88 + 16 * rn(4));  /* FLDCW */
        }
        return reg_insn(0xdf, 0xc0 + i);                /* FFREEP */
    }
}

/* ---- running it ---- */

static unsigned encode(const Insn *in, uint8_t *p)
{
    unsigned n = 0;

    if (in->o16) {
        p[n++] = 0x66;
    }
    p[n++] = in->op;
    p[n++] = in->modrm;
    if (!in->mem) {
        return n;
    }
    p[n++] = 0x25;              /* SIB: no base, no index: disp32 */
    memcpy(p + n, &in->disp, 4);
    return n + 4;
}

static void fill_data(uint64_t seed)
{
    static const uint16_t exps[] = {
        0x3fff, 0x4005, 0x3ff0, 0x0000, 0x7fff, 0x401e, 0x403e, 0x0001,
        0x3f81, 0x43fe, 0x3c01, 0x4400,
    };
    static const uint16_t cws[4] = { 0x037f, 0x0f7f, 0x027f, 0x047f };
    uint64_t save = rng;

    rng = seed;
    memset(DATA, 0, DATA_SIZE);
    for (int i = 0; i < 8; i++) {
        uint64_t m = rnd();
        uint16_t e = exps[rn(ARRAY_SIZE(exps))] | (rn(2) ? 0x8000 : 0);

        if ((e & 0x7fff) && rn(8)) {
            m |= 1ull << 63;
        }
        if (rn(2)) {
            m &= 0xfffffff000000000ull;
        }
        memcpy(DATA + 16 * i, &m, 8);
        memcpy(DATA + 16 * i + 8, &e, 2);
    }
    for (int i = 0; i < 4; i++) {
        memcpy(DATA + 0x88 + 16 * i, &cws[i], 2);
    }
    rng = save;
}

static uint8_t *code_buf;

static void run_host(const Insn *seq, unsigned n, bool unmasked,
                     uint16_t cw)
{
    static const uint8_t pre[] = {
        0xdb, 0xe3,                                 /* fninit */
        0xd9, 0xee, 0xd9, 0xee, 0xd9, 0xee, 0xd9, 0xee,     /* 8 x fldz */
        0xd9, 0xee, 0xd9, 0xee, 0xd9, 0xee, 0xd9, 0xee,
        0xdb, 0xe3,                                 /* fninit */
        0x31, 0xc0,                                 /* xor eax, eax */
    };
    uint8_t *p = code_buf;
    Insn t;

    memcpy(p, pre, sizeof(pre));
    p += sizeof(pre);
    if (unmasked) {
        memcpy(DATA + 0x80, &cw, 2);
        t = mem_insn(0xd9, 5, 0x80);
        p += encode(&t, p);
    }
    for (unsigned i = 0; i < n; i++) {
        p += encode(&seq[i], p);
        if (unmasked) {
            t = mem_insn(0xdd, 7, SW_OFF + 2 * i);  /* fnstsw */
            p += encode(&t, p);
            *p++ = 0xdb;                            /* fnclex */
            *p++ = 0xe2;
        }
    }
    t = mem_insn(0xae, 0, FX_OFF);                  /* 0f ae /0 fxsave */
    *p++ = 0x0f;
    p += encode(&t, p);
    *p++ = 0xdb;
    *p++ = 0xe3;                                    /* fninit */
    *p++ = 0xc3;                                    /* ret */
    ((void (*)(void))code_buf)();
}

static CPUX86State env;
static X86TCGState tcg_state_buf;

static void run_insn(const Insn *s, uint64_t eip)
{
    X86Insn in;

    memset(&in, 0, sizeof(in));
    in.op = s->op;
    in.modrm = s->modrm;
    in.ot = s->o16 ? MO_16 : MO_32;
    in.aflag = MO_64;
    in.base = in.index = REG_NONE;
    in.seg = SEG_NONE;
    in.eip = eip;
    in.next_eip = eip + (s->mem ? 7 : 2);
    if (s->mem) {
        in.disp = s->disp;
    } else {
        in.mod3 = 1;
        in.rm = s->modrm & 7;
    }
    x86_fpu_escape_handler(s->op, !s->mem)(&env, &in);
}

static void run_emu(const Insn *seq, unsigned n, bool unmasked, uint16_t cw)
{
    x86_fpu_reset_state(&env);
    memset(env.fpregs, 0, sizeof(env.fpregs));
    env.cc_op = CC_OP_EFLAGS;
    env.cc_src = CC_Z | CC_P;
    if (unmasked) {
        memcpy(DATA + 0x80, &cw, 2);
        run_insn(&(Insn){ 0xd9, 0x2c, true, false, DATA_ADDR + 0x80 }, 0);
    }
    for (unsigned i = 0; i < n; i++) {
        run_insn(&seq[i], i);
        if (unmasked) {
            uint16_t sw = x86_fpu_status(&env);

            memcpy(DATA + SW_OFF + 2 * i, &sw, 2);
            env.fpus &= ~(FPUS_EXC | FPUS_SF | FPUS_ES | FPUS_B);
        }
    }
}

static void setup_env(void)
{
    CPUTLBEntry *e;

    env.tcg = &tcg_state_buf;
    memset(&tcg_state_buf, 0, sizeof(tcg_state_buf));
    memset(tcg_state_buf.tlb, 0xff, sizeof(tcg_state_buf.tlb));
    tcg_state_buf.mmu_idx = 0;
    e = tlb_entry(&env, 0, DATA_ADDR);
    e->addr_read = e->addr_write = DATA_ADDR;
    e->addend = 0;              /* the page is mapped at its own address */
    env.hflags = HF_CS64 | HF_PE | HF_OSFXSR;
    env.cr[0] = CR0_PE_MASK | CR0_NE_MASK;
    env.features[FEAT_1_EDX] = CPUID_FP87 | CPUID_CMOV | CPUID_FXSR |
                               CPUID_MMX;
    env.features[FEAT_1_ECX] = CPUID_EXT_SSE3;
}

static void run_sequences(bool unmasked, unsigned count)
{
    static const uint16_t ucws[] = { 0x0360, 0x037e, 0x0b73, 0x0065 };
    static uint8_t host[DATA_SIZE], emu[FX_OFF + 160];
    unsigned failures = 0;

    if (!code_buf) {
        g_test_skip("no executable or fixed mapping");
        return;
    }
    setup_env();
    for (unsigned s = 0; s < count; s++) {
        Insn seq[MAX_INSNS];
        unsigned n = 5 + rn(unmasked ? 20 : 40);
        uint16_t cw = ucws[rn(ARRAY_SIZE(ucws))];
        uint64_t seed = rnd();

        unsigned saved = 0;

        for (unsigned i = 0; i < n; i++) {
            do {
                seq[i] = random_insn();
            } while (!host_amd && vendor_specific(&seq[i]));
            if (!unmasked && !rn(12)) {
                seq[i] = image_insn(&saved);
            }
            if (unmasked && seq[i].op == 0xd9 && seq[i].modrm == 0x2c) {
                seq[i] = reg_insn(0xd9, 0xe8);  /* keep cw: FLD1 */
            }
        }
        fill_data(seed);
        run_host(seq, n, unmasked, cw);
        memcpy(host, DATA, DATA_SIZE);
        fill_data(seed);
        run_emu(seq, n, unmasked, cw);
        memcpy(emu, DATA, FX_OFF);
        x86_fxsave_image(&env, emu + FX_OFF, false, FXP_X87, 8);
        for (unsigned k = 0; k < ARRAY_SIZE(images); k++) {
            unsigned o = images[k].off + images[k].ptr_from;
            unsigned len = images[k].ptr_to - images[k].ptr_from;

            memset(host + o, 0, len);
            memset(emu + o, 0, len);
        }
        /* FCW FSW FTW, the registers; the stores and status words */
        if (memcmp(host, emu, FX_OFF) || memcmp(host + FX_OFF,
                                               emu + FX_OFF, 6) ||
            memcmp(host + FX_OFF + 32, emu + FX_OFF + 32, 128)) {
            if (failures++ < 5) {
                GString *t = g_string_new(NULL);

                for (unsigned i = 0; i < n; i++) {
                    g_string_append_printf(t, " %02x%02x%s", seq[i].op,
                                           seq[i].modrm,
                                           seq[i].mem ? "m" : "");
                }
                g_test_message("sequence %u (cw %04x):%s", s, cw, t->str);
                g_string_free(t, TRUE);
            }
        }
    }
    g_assert_cmpuint(failures, ==, 0);
}

static void test_sequences_masked(void)
{
    run_sequences(false, 20000);
}

static void test_sequences_unmasked(void)
{
    run_sequences(true, 20000);
}

int main(int argc, char **argv)
{
    void *d, *c;

    unsigned a, b, cx, dx;

    g_test_init(&argc, &argv, NULL);
    __cpuid(0, a, b, cx, dx);
    host_amd = b == 0x68747541 && dx == 0x69746e65 && cx == 0x444d4163;
    x86_fpu_ops_init();
    d = mmap((void *)DATA_ADDR, DATA_SIZE, PROT_READ | PROT_WRITE,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    c = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
             MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (d == (void *)DATA_ADDR && c != MAP_FAILED) {
        code_buf = c;
    }
    g_test_add_func("/tcg-fpu-ops/sequences/masked", test_sequences_masked);
    g_test_add_func("/tcg-fpu-ops/sequences/unmasked",
                    test_sequences_unmasked);
    return g_test_run();
}
