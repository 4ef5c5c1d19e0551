/*
 * test-tcg-sse-insn.c: MMX/SSE..SSE4.2 instructions run whole (decoder,
 * handler, operand loads and stores, checks) in the software CPU and on
 * the host processor, with the same bytes, registers and memory.
 *
 * The guest is a bare CPUX86State in 64-bit mode with three pages mapped
 * straight into its TLB (code at CODE_LA, data at DATA_LA); the memory
 * forms address [rsi].  Compared: XMM0, XMM1, MM1, RAX, RCX, RDX, MXCSR,
 * the data page, the arithmetic flags where the instruction defines them,
 * and whether and how it faults (a host SIGSEGV is #GP: misaligned
 * operands and bad MXCSR values; SIGFPE is #XM with the MXCSR and XMM1 of
 * the faulting moment).  The CPUID, CR0.EM/TS and CR4.OSFXSR/OSXMMEXCPT
 * checks are tested on the guest alone against the SDM's rules.
 */
#include "qemu/osdep.h"
#include "hw/i386/x86-cpu.h"
#include "target/i386/tcg/tcg-cpu.h"
#include "target/i386/tcg/fpu-internal.h"
#include "tcg-sse-test.h"

#define CODE_LA 0x10000ull
#define DATA_LA 0x11000ull
#define INSN_ITERS 150

static X86CPU *cpu;
static CPUX86State *env;
static TranslationBlock *tb;
static uint8_t *gmem;       /* guest: the code page, then the data page */
static uint8_t *hdata;      /* the host's copy of the data page */

static void map_page(uint64_t la, uint8_t *host)
{
    int idx;

    for (idx = 0; idx < NB_MMU_MODES; idx++) {
        CPUTLBEntry *e = tlb_entry(env, idx, la);
        CPUTLBEntryFull *f = &env->tcg->tlb_full[idx][(la >> TARGET_PAGE_BITS)
                                                      & (CPU_TLB_SIZE - 1)];

        e->addr_read = e->addr_write = e->addr_code = la;
        e->addend = (uintptr_t)host - la;
        f->phys = la;
    }
}

static void guest_setup(void)
{
    g_autofree char *type = x86_cpu_type_for_model("qemu64");

    cpu = X86_CPU(object_new(type));
    env = &cpu->env;
    env->tcg = g_new0(X86TCGState, 1);
    env->tcg->mmu_idx = MMU_KERNEL_IDX;
    env->tcg->cs = CPU(cpu);
    gmem = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    g_assert(gmem != MAP_FAILED);
    hdata = gmem + 2 * 4096;
    map_page(CODE_LA, gmem);
    map_page(DATA_LA, gmem + 4096);
    tb = g_malloc0(sizeof(*tb) + TB_MAX_INSNS * sizeof(X86Insn));
    x86_sse_ops_init();
}

/* The mode every run starts from: 64-bit, CPL 0, SSE enabled. */
static void guest_reset_mode(void)
{
    env->features[FEAT_1_EDX] |= CPUID_MMX | CPUID_SSE | CPUID_SSE2;
    env->features[FEAT_1_ECX] |= CPUID_EXT_SSE3 | CPUID_EXT_SSSE3 |
                                 CPUID_EXT_SSE41 | CPUID_EXT_SSE42 |
                                 SSE_CPUID_EXT_AES | SSE_CPUID_EXT_PCLMULQDQ;
    env->hflags = HF_CS64 | HF_CS32 | HF_LMA | HF_PE | HF_OSFXSR;
    env->cr[0] = CR0_PE_MASK | CR0_ET_MASK | CR0_NE_MASK;
    env->cr[4] = CR4_OSFXSR_MASK | CR4_OSXMMEXCPT_MASK | CR4_PAE_MASK;
}

/*
 * Run insn in the guest on the state in c (rsi: an offset in the data
 * page); the results go back into c.  Returns the exception vector, or
 * -1 when none.
 */
static int guest_run(const uint8_t *insn, int len, bool has_imm,
                     uint8_t imm, HwCtx *c)
{
    volatile int vec = -1;

    memset(gmem, 0xd6, 4096);           /* SALC: not registered here */
    memcpy(gmem, insn, len);
    if (has_imm) {
        gmem[len] = imm;
    }
    memset(tb, 0, sizeof(*tb));
    tb->pc = CODE_LA;
    tb->flags = HF_CS64 | HF_CS32;
    env->xmm_regs[0] = c->x0;
    env->xmm_regs[1] = c->d;
    env->xmm_regs[2] = c->s;
    env->fpregs[1].mant = c->d.q[0];
    env->fpregs[2].mant = c->s.q[0];
    env->regs[R_EAX] = c->rax;
    env->regs[R_ECX] = c->rcx;
    env->regs[R_EDX] = c->rdx;
    env->regs[R_ESI] = DATA_LA + c->rsi;
    env->mxcsr = c->mxcsr;
    set_eflags_cc(env, 0);
    env->eip = CODE_LA;
    if (sigsetjmp(env->tcg->jmp_env, 0)) {
        vec = CPU(cpu)->exception_index;
    } else {
        x86_decode_tb(env, tb);
        tb->insns[0].fn(env, &tb->insns[0]);
        g_assert_cmphex(env->eip, ==, CODE_LA + tb->insns[0].len);
    }
    c->x0 = env->xmm_regs[0];
    c->d = env->xmm_regs[1];
    c->mm1 = env->fpregs[1].mant;
    c->rax = env->regs[R_EAX];
    c->rcx = env->regs[R_ECX];
    c->rdx = env->regs[R_EDX];
    c->mxcsr = env->mxcsr;
    c->flags = cc_compute_all(env);
    return vec;
}

static int sig_to_vec(int sig)
{
    switch (sig) {
    case 0: return -1;
    case SIGSEGV: case SIGBUS: return EXCP0D_GPF;
    case SIGFPE: return EXCP13_XMM;
    case SIGILL: return EXCP06_ILLOP;
    default: return 1000 + sig;
    }
}

#define EFL_CC (CC_O | CC_S | CC_Z | CC_A | CC_P | CC_C)

/* Test flags. */
#define T_FLAGS   0x01      /* compare the arithmetic flags */
#define T_IMM     0x02      /* imm8 follows (random & imm_mask) */
#define T_NOVAL   0x04      /* approximate result: compare faults only */
#define T_MXCSRV  0x08      /* the memory operand is an MXCSR value */
#define T_UNMASK  0x10      /* random unmasked exceptions */

/*
 * One differential run of insn: random registers, memory at an offset
 * (misaligned when misalign), MXCSR; returns true when both sides agree.
 */
static bool diff_once(const char *name, const uint8_t *insn, int len,
                      int gen, unsigned tflags, uint8_t imm_mask,
                      bool misalign)
{
    HwCtx h = { 0 }, g;
    uint8_t imm = rnd32() & imm_mask;
    unsigned off = 64 + 16 * (rnd32() % 8) + (misalign ? 4 : 0), i;
    int hv, gv;
    bool ok;

    gen_xmm(&h.d, gen);
    gen_xmm(&h.s, gen);
    gen_xmm(&h.x0, gen);
    h.rax = rnd32() % 2 ? rnd64() : (int64_t)(int32_t)(rnd32() % 40) - 20;
    h.rcx = rnd64();
    h.rdx = (int64_t)(int32_t)(rnd32() % 40) - 20;
    h.mxcsr = gen_mxcsr();
    if (tflags & T_UNMASK) {
        h.mxcsr &= ~(rnd32() & MXCSR_MASKS);
    }
    for (i = 0; i < 4096; i += 16) {
        XMMReg m;
        gen_xmm(&m, gen);
        memcpy(hdata + i, &m, 16);
    }
    if (tflags & T_MXCSRV) {
        uint32_t v = rnd32() % 4 ? gen_mxcsr() : rnd32();
        memcpy(hdata + off, &v, 4);
    }
    memcpy(gmem + 4096, hdata, 4096);

    g = h;
    g.rsi = off;
    h.rsi = (uintptr_t)(hdata + off);
    hv = sig_to_vec(hw_run(&h, insn, len, tflags & T_IMM, imm));
    gv = guest_run(insn, len, tflags & T_IMM, imm, &g);

    if (hv == EXCP13_XMM) {
        /* The host's state at the fault: MXCSR flags, XMM1 not written. */
        ok = gv == hv && g.mxcsr == hw_fault_mxcsr &&
             !memcmp(&g.d, &hw_fault_xmm1, 16);
    } else if (hv != -1) {
        ok = gv == hv;
    } else {
        ok = gv == -1 && !memcmp(hdata, gmem + 4096, 4096);
        if (ok && !(tflags & T_NOVAL)) {
            ok = !memcmp(&h.d, &g.d, 16) && !memcmp(&h.x0, &g.x0, 16) &&
                 h.mm1 == g.mm1 && h.rax == g.rax && h.rcx == g.rcx &&
                 h.rdx == g.rdx && h.mxcsr == g.mxcsr;
        }
        if (ok && (tflags & T_FLAGS)) {
            ok = (h.flags & EFL_CC) == (g.flags & EFL_CC);
        }
    }
    if (!ok) {
        g_test_message("%s (imm %02x, offset %u): host vec %d xmm1 %016"
                       PRIx64 "%016" PRIx64 " rax %" PRIx64 " mxcsr %04x"
                       " flags %02x / guest vec %d xmm1 %016" PRIx64
                       "%016" PRIx64 " rax %" PRIx64 " mxcsr %04x flags %02x",
                       name, imm, off, hv, h.d.q[1], h.d.q[0], h.rax,
                       hv == EXCP13_XMM ? hw_fault_mxcsr : h.mxcsr,
                       (unsigned)(h.flags & EFL_CC), gv, g.d.q[1], g.d.q[0],
                       g.rax, g.mxcsr, (unsigned)(g.flags & EFL_CC));
    }
    return ok;
}

static int diff_insn(const char *name, const uint8_t *insn, int len, int gen,
                     unsigned tflags, uint8_t imm_mask)
{
    int it, fails = 0;

    guest_reset_mode();
    for (it = 0; it < INSN_ITERS && fails < 3; it++) {
        fails += !diff_once(name, insn, len, gen, tflags, imm_mask,
                            it % 8 == 7);
    }
    return fails;
}

/* A table entry in its register form (ModRM 0xCA) and memory form. */
static int diff_both_forms(const char *name, const uint8_t *enc, int len,
                           int gen, unsigned tflags, uint8_t imm_mask)
{
    uint8_t mem[16];
    int f = diff_insn(name, enc, len, gen, tflags, imm_mask);

    memcpy(mem, enc, len);
    g_assert_cmphex(mem[len - 1], ==, 0xca);
    mem[len - 1] = 0x0e;                /* xmm1/mm1, [rsi] */
    return f + diff_insn(name, mem, len, gen, tflags, imm_mask);
}

static unsigned case_tflags(unsigned f)
{
    return (f & F_IMM ? T_IMM : 0) | (f & F_TOL ? T_NOVAL : 0);
}

static void test_uniform_tables(void)
{
    int fails = 0;
    unsigned i;

    if (!host_check()) {
        return;
    }
    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        fails += diff_both_forms(cases[i].name, (const uint8_t *)cases[i].enc,
                                 strlen(cases[i].enc), cases[i].gen,
                                 case_tflags(cases[i].flags),
                                 cases[i].imm_mask);
    }
    for (i = 0; i < G_N_ELEMENTS(int_cases) + G_N_ELEMENTS(aes_cases); i++) {
        const IntCase *k = i < G_N_ELEMENTS(int_cases) ? &int_cases[i]
                           : &aes_cases[i - G_N_ELEMENTS(int_cases)];
        uint8_t enc[8];
        int n = 0;

        enc[n++] = 0x66;
        enc[n++] = 0x0f;
        if (k->map != 1) {
            enc[n++] = k->map == 2 ? 0x38 : 0x3a;
        }
        enc[n++] = k->op;
        enc[n++] = 0xca;
        fails += diff_both_forms(k->name, enc, n, G_INT,
                                 case_tflags(k->flags), k->imm_mask);
        if (k->mmx) {
            fails += diff_both_forms(k->name, enc + 1, n - 1, G_INT,
                                     case_tflags(k->flags), k->imm_mask);
        }
    }
    g_assert_cmpint(fails, ==, 0);
}

/* Unmasked SIMD exceptions: #XM with the flags recorded, XMM1 kept. */
static void test_unmasked(void)
{
    int fails = 0;
    unsigned i;

    if (!host_check()) {
        return;
    }
    for (i = 0; i < G_N_ELEMENTS(cases); i++) {
        if (cases[i].gen == G_INT || (cases[i].flags & F_TOL)) {
            continue;
        }
        fails += diff_insn(cases[i].name, (const uint8_t *)cases[i].enc,
                           strlen(cases[i].enc), cases[i].gen,
                           case_tflags(cases[i].flags) | T_UNMASK,
                           cases[i].imm_mask);
    }
    g_assert_cmpint(fails, ==, 0);
}

/*
 * The other shapes: stores (ModRM 0xD1: xmm2/mm2 -> xmm1/mm1; 0x16:
 * -> [rsi]), general registers (0xC8/0xC2: rax), flags, XMM0, CRC32...
 */
static const struct {
    const char *name, *enc;
    int gen;
    unsigned tflags;
    uint8_t imm_mask;
} special[] = {
    { "movups st", "\x0f\x11\xd1", G_INT, 0, 0 },
    { "movups st m", "\x0f\x11\x16", G_INT, 0, 0 },
    { "movupd st m", "\x66\x0f\x11\x16", G_INT, 0, 0 },
    { "movss st", "\xf3\x0f\x11\xd1", G_INT, 0, 0 },
    { "movss st m", "\xf3\x0f\x11\x16", G_INT, 0, 0 },
    { "movsd st", "\xf2\x0f\x11\xd1", G_INT, 0, 0 },
    { "movsd st m", "\xf2\x0f\x11\x16", G_INT, 0, 0 },
    { "movlps st", "\x0f\x13\x16", G_INT, 0, 0 },
    { "movlpd st", "\x66\x0f\x13\x16", G_INT, 0, 0 },
    { "movhps st", "\x0f\x17\x16", G_INT, 0, 0 },
    { "movhpd st", "\x66\x0f\x17\x16", G_INT, 0, 0 },
    { "movaps st", "\x0f\x29\xd1", G_INT, 0, 0 },
    { "movaps st m", "\x0f\x29\x16", G_INT, 0, 0 },
    { "movapd st m", "\x66\x0f\x29\x16", G_INT, 0, 0 },
    { "movntps", "\x0f\x2b\x16", G_INT, 0, 0 },
    { "movntpd", "\x66\x0f\x2b\x16", G_INT, 0, 0 },
    { "movmskps", "\x0f\x50\xc2", G_F32, 0, 0 },
    { "movmskpd", "\x66\x0f\x50\xc2", G_F64, 0, 0 },
    { "movd mm,r", "\x0f\x6e\xc8", G_INT, 0, 0 },
    { "movd mm,m", "\x0f\x6e\x0e", G_INT, 0, 0 },
    { "movq mm,r", "\x48\x0f\x6e\xc8", G_INT, 0, 0 },
    { "movd xmm,r", "\x66\x0f\x6e\xc8", G_INT, 0, 0 },
    { "movd xmm,m", "\x66\x0f\x6e\x0e", G_INT, 0, 0 },
    { "movq xmm,r", "\x66\x48\x0f\x6e\xc8", G_INT, 0, 0 },
    { "movq xmm,m", "\x66\x48\x0f\x6e\x0e", G_INT, 0, 0 },
    { "movd r,mm", "\x0f\x7e\xc8", G_INT, 0, 0 },
    { "movq r,mm", "\x48\x0f\x7e\xc8", G_INT, 0, 0 },
    { "movd m,xmm", "\x66\x0f\x7e\x0e", G_INT, 0, 0 },
    { "movd r,xmm", "\x66\x0f\x7e\xc8", G_INT, 0, 0 },
    { "movq r,xmm", "\x66\x48\x0f\x7e\xc8", G_INT, 0, 0 },
    { "movq mm st", "\x0f\x7f\xd1", G_INT, 0, 0 },
    { "movq mm st m", "\x0f\x7f\x16", G_INT, 0, 0 },
    { "movdqa st", "\x66\x0f\x7f\xd1", G_INT, 0, 0 },
    { "movdqa st m", "\x66\x0f\x7f\x16", G_INT, 0, 0 },
    { "movdqu st m", "\xf3\x0f\x7f\x16", G_INT, 0, 0 },
    { "movdqu ld m", "\xf3\x0f\x6f\x0e", G_INT, 0, 0 },
    { "movdqa ld m", "\x66\x0f\x6f\x0e", G_INT, 0, 0 },
    { "movups ld m", "\x0f\x10\x0e", G_INT, 0, 0 },
    { "ldmxcsr", "\x0f\xae\x16", G_INT, T_MXCSRV, 0 },
    { "stmxcsr", "\x0f\xae\x1e", G_INT, 0, 0 },
    { "movnti", "\x0f\xc3\x06", G_INT, 0, 0 },
    { "movnti64", "\x48\x0f\xc3\x06", G_INT, 0, 0 },
    { "pinsrw mm", "\x0f\xc4\xc8", G_INT, T_IMM, 0xff },
    { "pinsrw xmm", "\x66\x0f\xc4\xc8", G_INT, T_IMM, 0xff },
    { "pinsrw xmm m", "\x66\x0f\xc4\x0e", G_INT, T_IMM, 0xff },
    { "pextrw mm", "\x0f\xc5\xc2", G_INT, T_IMM, 0xff },
    { "pextrw xmm", "\x66\x0f\xc5\xc2", G_INT, T_IMM, 0xff },
    { "movq st", "\x66\x0f\xd6\xd1", G_INT, 0, 0 },
    { "movq st m", "\x66\x0f\xd6\x16", G_INT, 0, 0 },
    { "movq2dq", "\xf3\x0f\xd6\xca", G_INT, 0, 0 },
    { "movdq2q", "\xf2\x0f\xd6\xca", G_INT, 0, 0 },
    { "pmovmskb mm", "\x0f\xd7\xc2", G_INT, 0, 0 },
    { "pmovmskb", "\x66\x0f\xd7\xc2", G_INT, 0, 0 },
    { "movntq", "\x0f\xe7\x16", G_INT, 0, 0 },
    { "movntdq", "\x66\x0f\xe7\x16", G_INT, 0, 0 },
    { "lddqu", "\xf2\x0f\xf0\x0e", G_INT, 0, 0 },
    { "movntdqa", "\x66\x0f\x38\x2a\x0e", G_INT, 0, 0 },
    { "comiss", "\x0f\x2f\xca", G_F32, T_FLAGS, 0 },
    { "comiss m", "\x0f\x2f\x0e", G_F32, T_FLAGS, 0 },
    { "ucomiss", "\x0f\x2e\xca", G_F32, T_FLAGS, 0 },
    { "comisd m", "\x66\x0f\x2f\x0e", G_F64, T_FLAGS, 0 },
    { "ucomisd", "\x66\x0f\x2e\xca", G_F64, T_FLAGS, 0 },
    { "cvtsi2ss", "\xf3\x0f\x2a\xc8", G_INT, 0, 0 },
    { "cvtsi2ss m", "\xf3\x0f\x2a\x0e", G_INT, 0, 0 },
    { "cvtsi2sd q", "\xf2\x48\x0f\x2a\xc8", G_INT, 0, 0 },
    { "cvtss2si", "\xf3\x0f\x2d\xc2", G_F32, 0, 0 },
    { "cvtss2si m", "\xf3\x0f\x2d\x06", G_F32, 0, 0 },
    { "cvttsd2si q", "\xf2\x48\x0f\x2c\xc2", G_F64, 0, 0 },
    { "cvtsd2si m", "\xf2\x0f\x2d\x06", G_F64, 0, 0 },
    { "cvtpi2ps m", "\x0f\x2a\x0e", G_INT, 0, 0 },
    { "cvtps2pi m", "\x0f\x2d\x0e", G_F32, 0, 0 },
    { "pextrb", "\x66\x0f\x3a\x14\xc8", G_INT, T_IMM, 0xff },
    { "pextrb m", "\x66\x0f\x3a\x14\x0e", G_INT, T_IMM, 0xff },
    { "pextrw", "\x66\x0f\x3a\x15\xc8", G_INT, T_IMM, 0xff },
    { "pextrw m", "\x66\x0f\x3a\x15\x0e", G_INT, T_IMM, 0xff },
    { "pextrd", "\x66\x0f\x3a\x16\xc8", G_INT, T_IMM, 0xff },
    { "pextrq m", "\x66\x48\x0f\x3a\x16\x0e", G_INT, T_IMM, 0xff },
    { "extractps", "\x66\x0f\x3a\x17\xc8", G_INT, T_IMM, 0xff },
    { "extractps m", "\x66\x0f\x3a\x17\x0e", G_INT, T_IMM, 0xff },
    { "pinsrb", "\x66\x0f\x3a\x20\xc8", G_INT, T_IMM, 0xff },
    { "pinsrb m", "\x66\x0f\x3a\x20\x0e", G_INT, T_IMM, 0xff },
    { "pinsrd", "\x66\x0f\x3a\x22\xc8", G_INT, T_IMM, 0xff },
    { "pinsrq", "\x66\x48\x0f\x3a\x22\xc8", G_INT, T_IMM, 0xff },
    { "pinsrq m", "\x66\x48\x0f\x3a\x22\x0e", G_INT, T_IMM, 0xff },
    { "insertps m", "\x66\x0f\x3a\x21\x0e", G_INT, T_IMM, 0xff },
    { "ptest", "\x66\x0f\x38\x17\xca", G_INT, T_FLAGS, 0 },
    { "ptest m", "\x66\x0f\x38\x17\x0e", G_INT, T_FLAGS, 0 },
    { "pblendvb", "\x66\x0f\x38\x10\xca", G_INT, 0, 0 },
    { "blendvps m", "\x66\x0f\x38\x14\x0e", G_INT, 0, 0 },
    { "blendvpd", "\x66\x0f\x38\x15\xca", G_INT, 0, 0 },
    { "pcmpestrm", "\x66\x0f\x3a\x60\xca", G_STR, T_FLAGS | T_IMM, 0x7f },
    { "pcmpestri m", "\x66\x0f\x3a\x61\x0e", G_STR, T_FLAGS | T_IMM, 0x7f },
    { "pcmpistrm m", "\x66\x0f\x3a\x62\x0e", G_STR, T_FLAGS | T_IMM, 0x7f },
    { "pcmpistri", "\x66\x0f\x3a\x63\xca", G_STR, T_FLAGS | T_IMM, 0x7f },
    { "pcmpestri q", "\x66\x48\x0f\x3a\x61\xca", G_STR, T_FLAGS | T_IMM,
      0x7f },
    { "crc32b", "\xf2\x0f\x38\xf0\xc1", G_INT, 0, 0 },
    { "crc32b m", "\xf2\x0f\x38\xf0\x06", G_INT, 0, 0 },
    { "crc32w", "\x66\xf2\x0f\x38\xf1\xc1", G_INT, 0, 0 },
    { "crc32l m", "\xf2\x0f\x38\xf1\x06", G_INT, 0, 0 },
    { "crc32q", "\xf2\x48\x0f\x38\xf1\xc1", G_INT, 0, 0 },
    { "psrlw imm", "\x66\x0f\x71\xd1", G_INT, T_IMM, 0x1f },
    { "psraw imm mm", "\x0f\x71\xe1", G_INT, T_IMM, 0x1f },
    { "pslld imm", "\x66\x0f\x72\xf1", G_INT, T_IMM, 0x3f },
    { "psrldq", "\x66\x0f\x73\xd9", G_INT, T_IMM, 0x1f },
    { "pslldq", "\x66\x0f\x73\xf9", G_INT, T_IMM, 0x1f },
    { "psllq imm mm", "\x0f\x73\xf1", G_INT, T_IMM, 0x7f },
};

static void test_special(void)
{
    int fails = 0;
    unsigned i;

    if (!host_check()) {
        return;
    }
    for (i = 0; i < G_N_ELEMENTS(special); i++) {
        fails += diff_insn(special[i].name, (const uint8_t *)special[i].enc,
                           strlen(special[i].enc), special[i].gen,
                           special[i].tflags, special[i].imm_mask);
    }
    g_assert_cmpint(fails, ==, 0);
}

/* MASKMOVDQU / MASKMOVQ store to [rdi]: checked against the SDM rule. */
static void test_maskmov(void)
{
    int it, mmx;

    guest_reset_mode();
    for (mmx = 0; mmx < 2; mmx++) {
        for (it = 0; it < 200; it++) {
            static const uint8_t enc[2][4] = { { 0x66, 0x0f, 0xf7, 0xca },
                                               { 0x0f, 0xf7, 0xca } };
            HwCtx c = { 0 };
            uint8_t before[32];
            unsigned n = mmx ? 8 : 16, i;

            gen_xmm(&c.d, G_INT);
            gen_xmm(&c.s, G_INT);
            memset(gmem + 4096, 0x5a, 64);
            memcpy(before, gmem + 4096 + 8, 32);
            env->regs[R_EDI] = DATA_LA + 8;
            g_assert_cmpint(guest_run(enc[mmx], 4 - mmx, false, 0, &c), ==,
                            -1);
            for (i = 0; i < 32; i++) {
                uint8_t want = before[i];

                if (i < n && (c.s.b[i] & 0x80)) {
                    want = c.d.b[i];
                }
                g_assert_cmphex(gmem[4096 + 8 + i], ==, want);
            }
        }
    }
}

/*
 * SDM vol. 2 "SIMD floating-point exceptions" / "Exceptions (all
 * operating modes)": #UD without the CPUID feature, with CR0.EM, with
 * CR4.OSFXSR clear (XMM forms); #NM with CR0.TS; an unmasked SIMD
 * exception is #UD when CR4.OSXMMEXCPT is clear.
 */
static void test_checks(void)
{
    static const struct {
        const char *enc;
        bool mmx;
    } k[] = {
        { "\x0f\x58\xca", false },          /* ADDPS */
        { "\x66\x0f\xfe\xca", false },      /* PADDD xmm */
        { "\x0f\xfe\xca", true },           /* PADDD mm */
        { "\x66\x0f\x38\x01\xca", false },  /* PHADDW */
        { "\x66\x0f\x3a\x0f\xca\x03", false },  /* PALIGNR */
        { "\x66\x0f\x7e\xc8", false },      /* MOVD r, xmm */
        { "\x0f\x11\xd1", false },          /* MOVUPS store */
        { "\x0f\x2f\xca", false },          /* COMISS */
    };
    unsigned i;

    for (i = 0; i < G_N_ELEMENTS(k); i++) {
        const uint8_t *e = (const uint8_t *)k[i].enc;
        int len = strlen(k[i].enc);
        HwCtx c = { 0 };

        guest_reset_mode();
        c.mxcsr = MXCSR_DEFAULT;
        g_assert_cmpint(guest_run(e, len, false, 0, &c), ==, -1);

        env->features[FEAT_1_EDX] &= ~(CPUID_MMX | CPUID_SSE | CPUID_SSE2);
        env->features[FEAT_1_ECX] &= ~(CPUID_EXT_SSSE3 | CPUID_EXT_SSE41);
        g_assert_cmpint(guest_run(e, len, false, 0, &c), ==, EXCP06_ILLOP);

        guest_reset_mode();
        env->hflags |= HF_EM;
        g_assert_cmpint(guest_run(e, len, false, 0, &c), ==, EXCP06_ILLOP);

        guest_reset_mode();
        env->hflags |= HF_TS;
        g_assert_cmpint(guest_run(e, len, false, 0, &c), ==, EXCP07_PREX);

        guest_reset_mode();
        env->hflags &= ~HF_OSFXSR;
        g_assert_cmpint(guest_run(e, len, false, 0, &c), ==,
                        k[i].mmx ? -1 : EXCP06_ILLOP);
    }

    /* 1.0 / 0.0 with ZE unmasked: #XM, or #UD without OSXMMEXCPT. */
    {
        HwCtx c = { 0 };
        const uint8_t *divss = (const uint8_t *)"\xf3\x0f\x5e\xca";

        guest_reset_mode();
        c.d.l[0] = 0x3f800000;
        c.mxcsr = MXCSR_DEFAULT & ~(MXCSR_ZE << MXCSR_MASK_SHIFT);
        g_assert_cmpint(guest_run(divss, 4, false, 0, &c), ==, EXCP13_XMM);
        g_assert_cmphex(c.mxcsr & MXCSR_FLAGS, ==, MXCSR_ZE);
        g_assert_cmphex(c.d.l[0], ==, 0x3f800000);
        env->cr[4] &= ~CR4_OSXMMEXCPT_MASK;
        c.mxcsr = MXCSR_DEFAULT & ~(MXCSR_ZE << MXCSR_MASK_SHIFT);
        g_assert_cmpint(guest_run(divss, 4, false, 0, &c), ==, EXCP06_ILLOP);
    }
}

/*
 * SDM vol. 1 9.5.1: an MMX instruction sets TOP to 0 and every tag to
 * valid; a write to an MMX register sets bits 79:64 to all ones.
 */
static void test_mmx_state(void)
{
    HwCtx c = { 0 };
    int i;

    guest_reset_mode();
    env->fpstt = 5;
    memset(env->fptags, 1, sizeof(env->fptags));
    env->fpregs[1].exp = 0x1234;
    c.mxcsr = MXCSR_DEFAULT;
    g_assert_cmpint(guest_run((const uint8_t *)"\x0f\xfe\xca", 3, false, 0,
                              &c), ==, -1);
    g_assert_cmpuint(env->fpstt, ==, 0);
    for (i = 0; i < 8; i++) {
        g_assert_cmpuint(env->fptags[i], ==, 0);
    }
    g_assert_cmphex(env->fpregs[1].exp, ==, 0xffff);

    /* A pending unmasked x87 exception is #MF first (CR0.NE set). */
    env->fpus |= FPUS_ES;
    g_assert_cmpint(guest_run((const uint8_t *)"\x0f\xfe\xca", 3, false, 0,
                              &c), ==, EXCP10_COPR);
    g_assert_cmpint(guest_run((const uint8_t *)"\x66\x0f\xfe\xca", 4, false,
                              0, &c), ==, -1);
    env->fpus &= ~FPUS_ES;
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    hw_init();
    guest_setup();
    g_test_add_func("/tcg-sse-insn/cpuid-cr0-cr4-checks", test_checks);
    g_test_add_func("/tcg-sse-insn/mmx-enters-mmx-state", test_mmx_state);
    g_test_add_func("/tcg-sse-insn/maskmov-stores-selected-bytes",
                    test_maskmov);
    g_test_add_func("/tcg-sse-insn/uniform-ops-match-host",
                    test_uniform_tables);
    g_test_add_func("/tcg-sse-insn/unmasked-exceptions-match-host",
                    test_unmasked);
    g_test_add_func("/tcg-sse-insn/moves-and-special-match-host",
                    test_special);
    return g_test_run();
}
