/*
 * tcg-sse-test.h: the host side of the SSE differential tests
 * (test-tcg-sse.c: the pure helpers; test-tcg-sse-insn.c: whole
 * instructions through the decoder and the handlers).
 *
 * Each instruction runs on the host from a small stub assembled at run
 * time into an executable page: load XMM1/XMM2/XMM0 (and MM1/MM2),
 * RAX/RCX/RDX/RSI and MXCSR from a context, run the instruction's bytes
 * (any immediate included), store the registers, RFLAGS and MXCSR back.
 * Operands are random with a bias to the edges (zeros, denormals,
 * infinities, NaNs, integer and saturation boundaries, values next to
 * the conversion limits) and MXCSR random in rounding mode, DAZ and FTZ.
 * The tables list the instructions by encoding (ModRM 0xCA: XMM1/MM1
 * destination, XMM2/MM2 source) with the helper that computes them.
 */
#ifndef TESTS_UNIT_TCG_SSE_TEST_H
#define TESTS_UNIT_TCG_SSE_TEST_H

#include <signal.h>
#include <setjmp.h>
#include <ucontext.h>
#include <sys/mman.h>
#include "target/i386/tcg/sse-internal.h"

#define ITERS 3000

/* ---- the host side ---- */

typedef struct HwCtx {
    XMMReg d;           /* 0x00: xmm1, mm1 (in) */
    XMMReg s;           /* 0x10: xmm2, mm2 */
    XMMReg x0;          /* 0x20: xmm0 */
    uint32_t mxcsr;     /* 0x30 */
    uint32_t pad;
    uint64_t rax;       /* 0x38 */
    uint64_t rcx;       /* 0x40 */
    uint64_t rdx;       /* 0x48 */
    uint64_t flags;     /* 0x50 */
    uint64_t mm1;       /* 0x58: mm1 (out) */
    uint64_t rsi;       /* 0x60: memory operand address ([rsi] forms) */
} HwCtx;

static uint8_t *jit;
static bool host_ok;

static const uint8_t stub_head[] = {
    0xf3, 0x0f, 0x6f, 0x4f, 0x00,       /* movdqu 0x00(%rdi), %xmm1 */
    0xf3, 0x0f, 0x6f, 0x57, 0x10,       /* movdqu 0x10(%rdi), %xmm2 */
    0xf3, 0x0f, 0x6f, 0x47, 0x20,       /* movdqu 0x20(%rdi), %xmm0 */
    0x0f, 0x6f, 0x4f, 0x00,             /* movq 0x00(%rdi), %mm1 */
    0x0f, 0x6f, 0x57, 0x10,             /* movq 0x10(%rdi), %mm2 */
    0x0f, 0xae, 0x57, 0x30,             /* ldmxcsr 0x30(%rdi) */
    0x48, 0x8b, 0x47, 0x38,             /* mov 0x38(%rdi), %rax */
    0x48, 0x8b, 0x4f, 0x40,             /* mov 0x40(%rdi), %rcx */
    0x48, 0x8b, 0x57, 0x48,             /* mov 0x48(%rdi), %rdx */
    0x48, 0x8b, 0x77, 0x60,             /* mov 0x60(%rdi), %rsi */
};

static const uint8_t stub_tail[] = {
    0x9c,                               /* pushfq */
    0x8f, 0x47, 0x50,                   /* popq 0x50(%rdi) */
    0x0f, 0xae, 0x5f, 0x30,             /* stmxcsr 0x30(%rdi) */
    0x48, 0x89, 0x47, 0x38,             /* mov %rax, 0x38(%rdi) */
    0x48, 0x89, 0x4f, 0x40,             /* mov %rcx, 0x40(%rdi) */
    0x48, 0x89, 0x57, 0x48,             /* mov %rdx, 0x48(%rdi) */
    0xf3, 0x0f, 0x7f, 0x4f, 0x00,       /* movdqu %xmm1, 0x00(%rdi) */
    0xf3, 0x0f, 0x7f, 0x47, 0x20,       /* movdqu %xmm0, 0x20(%rdi) */
    0x0f, 0x7f, 0x4f, 0x58,             /* movq %mm1, 0x58(%rdi) */
    0x0f, 0x77,                         /* emms */
    0xc3,                               /* ret */
};

/*
 * A fault in the stub (SIGSEGV/SIGBUS: #GP, SIGFPE: #XM, SIGILL: #UD)
 * comes back here with the MXCSR and XMM1 of the faulting moment.
 */
static sigjmp_buf hw_fault_jmp;
static volatile sig_atomic_t hw_in_stub;
static uint32_t hw_fault_mxcsr;
static XMMReg hw_fault_xmm1;

static void hw_fault(int sig, siginfo_t *si, void *uc_)
{
    ucontext_t *uc = uc_;

    if (!hw_in_stub) {
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    hw_fault_mxcsr = uc->uc_mcontext.fpregs->mxcsr;
    memcpy(&hw_fault_xmm1, &uc->uc_mcontext.fpregs->_xmm[1], 16);
    siglongjmp(hw_fault_jmp, sig);
}

/*
 * Run insn (len bytes, then imm if has_imm) on the host; 0, or the
 * signal number of the fault it raised.
 */
static inline int hw_run(HwCtx *c, const uint8_t *insn, int len,
                         bool has_imm, uint8_t imm)
{
    uint8_t *p = jit;
    uint32_t saved;
    int sig;

    memcpy(p, stub_head, sizeof(stub_head));
    p += sizeof(stub_head);
    memcpy(p, insn, len);
    p += len;
    if (has_imm) {
        *p++ = imm;
    }
    memcpy(p, stub_tail, sizeof(stub_tail));
    asm volatile("stmxcsr %0" : "=m"(saved));
    sig = sigsetjmp(hw_fault_jmp, 1);
    if (!sig) {
        hw_in_stub = 1;
        ((void (*)(HwCtx *))jit)(c);
    }
    hw_in_stub = 0;
    asm volatile("emms\n\tldmxcsr %0" : : "m"(saved));
    return sig;
}

static inline bool host_check(void)
{
    if (!host_ok) {
        g_test_skip("host lacks SSE4.2 or an executable page: skipped");
    }
    return host_ok;
}

/* Check the host and prepare the stub page and the fault handler. */
static inline void hw_init(void)
{
    struct sigaction sa;

    __builtin_cpu_init();
    if (__builtin_cpu_supports("sse4.2")) {
        jit = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        host_ok = jit != MAP_FAILED;
    }
    if (!host_ok) {
        printf("# host without SSE4.2 (or no executable memory): "
               "differential tests skipped\n");
        return;
    }
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = hw_fault;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
}

/* ---- operand generators ---- */

static const uint32_t f32_edge[] = {
    0x00000000, 0x80000000, 0x00000001, 0x807fffff, 0x00400000,
    0x00800000, 0x80800000, 0x00800001, 0x7f7fffff, 0xff7fffff,
    0x7f800000, 0xff800000, 0x7fc00000, 0xffc00001, 0x7f800001,
    0xffa00000, 0x3f800000, 0xbf800000, 0x3f000000, 0x3fc00000,
    0x40200000, 0xc0200000, 0x4f000000, 0xcf000000, 0x4effffff,
    0xcf000001, 0x5f000000, 0xdf000000, 0x5effffff, 0xdf000001,
    0x0c000000, 0x7e800000, 0x3effffff, 0x1f800000, 0x00fffffe,
};

static const uint64_t f64_edge[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x0000000000000001ull,
    0x800fffffffffffffull, 0x0008000000000000ull, 0x0010000000000000ull,
    0x8010000000000000ull, 0x7fefffffffffffffull, 0xffefffffffffffffull,
    0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull,
    0xfff8000000000001ull, 0x7ff0000000000001ull, 0xfff4000000000000ull,
    0x3ff0000000000000ull, 0xbff0000000000000ull, 0x3fe0000000000000ull,
    0x3ff8000000000000ull, 0x4004000000000000ull, 0x41e0000000000000ull,
    0xc1e0000000000000ull, 0x41dfffffffc00000ull, 0xc1e0000000200000ull,
    0x41dfffffffffffffull, 0x43e0000000000000ull, 0xc3e0000000000000ull,
    0x43dfffffffffffffull, 0x47efffffe0000000ull, 0x47efffff00000000ull,
    0x36a0000000000000ull, 0x3810000000000000ull, 0x380fffffffffffffull,
    0x7fe0000000000000ull, 0x0020000000000000ull,
};

static inline uint32_t rnd32(void)
{
    return g_random_int();
}

static inline uint64_t rnd64(void)
{
    return (uint64_t)rnd32() << 32 | rnd32();
}

static inline uint32_t gen_f32(void)
{
    static const int exps[] = { 0, 1, 2, 24, 100, 126, 127, 128, 150, 157,
                                190, 253, 254, 255 };
    uint32_t r = rnd32(), e;

    switch (r % 4) {
    case 0:
        return f32_edge[rnd32() % G_N_ELEMENTS(f32_edge)];
    case 1:
        e = exps[rnd32() % G_N_ELEMENTS(exps)];
        return (rnd32() & 0x807fffff) | e << 23;
    case 2:
        /* Near 1 and small integers: rounding and conversion cases. */
        return (rnd32() & 0x8000ffff) | (uint32_t)(120 + rnd32() % 40) << 23;
    default:
        return rnd32();
    }
}

static inline uint64_t gen_f64(void)
{
    static const int exps[] = { 0, 1, 2, 100, 800, 1022, 1023, 1024, 1050,
                                1054, 1086, 1100, 2045, 2046, 2047 };
    uint32_t r = rnd32();
    uint64_t e;

    switch (r % 4) {
    case 0:
        return f64_edge[rnd32() % G_N_ELEMENTS(f64_edge)];
    case 1:
        e = exps[rnd32() % G_N_ELEMENTS(exps)];
        return (rnd64() & 0x800fffffffffffffull) | e << 52;
    case 2:
        return (rnd64() & 0x80000000ffffffffull) |
               (uint64_t)(1000 + rnd32() % 70) << 52;
    default:
        return rnd64();
    }
}

static inline uint8_t gen_byte(void)
{
    static const uint8_t edge[] = { 0, 1, 0x7f, 0x80, 0x81, 0xfe, 0xff };

    return rnd32() % 3 ? (uint8_t)rnd32() : edge[rnd32() % sizeof(edge)];
}

enum { G_INT, G_F32, G_F64, G_STR };

static inline void gen_xmm(XMMReg *x, int g)
{
    int i;

    switch (g) {
    case G_F32:
        for (i = 0; i < 4; i++) {
            x->l[i] = gen_f32();
        }
        break;
    case G_F64:
        for (i = 0; i < 2; i++) {
            x->q[i] = gen_f64();
        }
        break;
    case G_STR:
        /* Small alphabets so that matches and zero terminators happen. */
        for (i = 0; i < 16; i++) {
            x->b[i] = rnd32() % 8 ? "abc\0A\x80z"[rnd32() % 7] : 0;
        }
        break;
    default:
        if (rnd32() % 4 == 0) {
            /* Word/dword edges: saturation boundaries. */
            static const uint16_t w[] = { 0, 1, 0x7fff, 0x8000, 0x8001,
                                          0xffff, 0x00ff, 0xff80, 0x007f };
            for (i = 0; i < 8; i++) {
                x->w[i] = rnd32() % 2 ? w[rnd32() % G_N_ELEMENTS(w)]
                                      : (uint16_t)rnd32();
            }
        } else {
            for (i = 0; i < 16; i++) {
                x->b[i] = gen_byte();
            }
        }
        break;
    }
}

static inline uint32_t gen_mxcsr(void)
{
    uint32_t m = MXCSR_MASKS | (rnd32() & 3) << MXCSR_RC_SHIFT;

    if (rnd32() % 3 == 0) {
        m |= MXCSR_DAZ;
    }
    if (rnd32() % 3 == 0) {
        m |= MXCSR_FTZ;
    }
    return m;
}

/* ---- the table of SseFn instructions ---- */

#define F_MMX     0x01  /* MMX registers: 8-byte results (mm1) */
#define F_IMM     0x02  /* imm8 (random, & imm_mask) */
#define F_TOL     0x04  /* RCP/RSQRT: approximate comparison */
#define F_MMXDST  0x08  /* destination mm1, source xmm2 */
#define F_MMXSRC  0x10  /* destination xmm1, source mm2 */
#define F_SHIFTI  0x20  /* shift by imm: the helper's count is imm */

typedef struct SseCase {
    const char *name;
    SseFn fn;
    const char *enc;    /* instruction bytes: xmm1/mm1 dst, xmm2/mm2 src */
    int gen;
    unsigned flags;
    uint8_t imm_mask;
} SseCase;

#define C(n, f, e, g, fl, im) { n, f, e, g, fl, im }
/* ModRM 0xCA: reg 1, rm 2. */
static const SseCase cases[] = {
    /* SSE/SSE2 arithmetic */
    C("addps", sse_addps, "\x0f\x58\xca", G_F32, 0, 0),
    C("addss", sse_addss, "\xf3\x0f\x58\xca", G_F32, 0, 0),
    C("addpd", sse_addpd, "\x66\x0f\x58\xca", G_F64, 0, 0),
    C("addsd", sse_addsd, "\xf2\x0f\x58\xca", G_F64, 0, 0),
    C("subps", sse_subps, "\x0f\x5c\xca", G_F32, 0, 0),
    C("subss", sse_subss, "\xf3\x0f\x5c\xca", G_F32, 0, 0),
    C("subpd", sse_subpd, "\x66\x0f\x5c\xca", G_F64, 0, 0),
    C("subsd", sse_subsd, "\xf2\x0f\x5c\xca", G_F64, 0, 0),
    C("mulps", sse_mulps, "\x0f\x59\xca", G_F32, 0, 0),
    C("mulss", sse_mulss, "\xf3\x0f\x59\xca", G_F32, 0, 0),
    C("mulpd", sse_mulpd, "\x66\x0f\x59\xca", G_F64, 0, 0),
    C("mulsd", sse_mulsd, "\xf2\x0f\x59\xca", G_F64, 0, 0),
    C("divps", sse_divps, "\x0f\x5e\xca", G_F32, 0, 0),
    C("divss", sse_divss, "\xf3\x0f\x5e\xca", G_F32, 0, 0),
    C("divpd", sse_divpd, "\x66\x0f\x5e\xca", G_F64, 0, 0),
    C("divsd", sse_divsd, "\xf2\x0f\x5e\xca", G_F64, 0, 0),
    C("sqrtps", sse_sqrtps, "\x0f\x51\xca", G_F32, 0, 0),
    C("sqrtss", sse_sqrtss, "\xf3\x0f\x51\xca", G_F32, 0, 0),
    C("sqrtpd", sse_sqrtpd, "\x66\x0f\x51\xca", G_F64, 0, 0),
    C("sqrtsd", sse_sqrtsd, "\xf2\x0f\x51\xca", G_F64, 0, 0),
    C("minps", sse_minps, "\x0f\x5d\xca", G_F32, 0, 0),
    C("minss", sse_minss, "\xf3\x0f\x5d\xca", G_F32, 0, 0),
    C("minpd", sse_minpd, "\x66\x0f\x5d\xca", G_F64, 0, 0),
    C("minsd", sse_minsd, "\xf2\x0f\x5d\xca", G_F64, 0, 0),
    C("maxps", sse_maxps, "\x0f\x5f\xca", G_F32, 0, 0),
    C("maxss", sse_maxss, "\xf3\x0f\x5f\xca", G_F32, 0, 0),
    C("maxpd", sse_maxpd, "\x66\x0f\x5f\xca", G_F64, 0, 0),
    C("maxsd", sse_maxsd, "\xf2\x0f\x5f\xca", G_F64, 0, 0),
    C("cmpps", sse_cmpps, "\x0f\xc2\xca", G_F32, F_IMM, 7),
    C("cmpss", sse_cmpss, "\xf3\x0f\xc2\xca", G_F32, F_IMM, 7),
    C("cmppd", sse_cmppd, "\x66\x0f\xc2\xca", G_F64, F_IMM, 7),
    C("cmpsd", sse_cmpsd, "\xf2\x0f\xc2\xca", G_F64, F_IMM, 7),
    C("rcpps", sse_rcpps, "\x0f\x53\xca", G_F32, F_TOL, 0),
    C("rcpss", sse_rcpss, "\xf3\x0f\x53\xca", G_F32, F_TOL, 0),
    C("rsqrtps", sse_rsqrtps, "\x0f\x52\xca", G_F32, F_TOL, 0),
    C("rsqrtss", sse_rsqrtss, "\xf3\x0f\x52\xca", G_F32, F_TOL, 0),
    C("andps", sse_andps, "\x0f\x54\xca", G_INT, 0, 0),
    C("andnpd", sse_andnps, "\x66\x0f\x55\xca", G_INT, 0, 0),
    C("orps", sse_orps, "\x0f\x56\xca", G_INT, 0, 0),
    C("xorpd", sse_xorps, "\x66\x0f\x57\xca", G_INT, 0, 0),
    /* SSE3 */
    C("addsubps", sse_addsubps, "\xf2\x0f\xd0\xca", G_F32, 0, 0),
    C("addsubpd", sse_addsubpd, "\x66\x0f\xd0\xca", G_F64, 0, 0),
    C("haddps", sse_haddps, "\xf2\x0f\x7c\xca", G_F32, 0, 0),
    C("haddpd", sse_haddpd, "\x66\x0f\x7c\xca", G_F64, 0, 0),
    C("hsubps", sse_hsubps, "\xf2\x0f\x7d\xca", G_F32, 0, 0),
    C("hsubpd", sse_hsubpd, "\x66\x0f\x7d\xca", G_F64, 0, 0),
    C("movsldup", sse_movsldup, "\xf3\x0f\x12\xca", G_INT, 0, 0),
    C("movshdup", sse_movshdup, "\xf3\x0f\x16\xca", G_INT, 0, 0),
    C("movddup", sse_movddup, "\xf2\x0f\x12\xca", G_INT, 0, 0),
    /* conversions */
    C("cvtps2pd", sse_cvtps2pd, "\x0f\x5a\xca", G_F32, 0, 0),
    C("cvtpd2ps", sse_cvtpd2ps, "\x66\x0f\x5a\xca", G_F64, 0, 0),
    C("cvtss2sd", sse_cvtss2sd, "\xf3\x0f\x5a\xca", G_F32, 0, 0),
    C("cvtsd2ss", sse_cvtsd2ss, "\xf2\x0f\x5a\xca", G_F64, 0, 0),
    C("cvtdq2ps", sse_cvtdq2ps, "\x0f\x5b\xca", G_INT, 0, 0),
    C("cvtps2dq", sse_cvtps2dq, "\x66\x0f\x5b\xca", G_F32, 0, 0),
    C("cvttps2dq", sse_cvttps2dq, "\xf3\x0f\x5b\xca", G_F32, 0, 0),
    C("cvtdq2pd", sse_cvtdq2pd, "\xf3\x0f\xe6\xca", G_INT, 0, 0),
    C("cvtpd2dq", sse_cvtpd2dq, "\xf2\x0f\xe6\xca", G_F64, 0, 0),
    C("cvttpd2dq", sse_cvttpd2dq, "\x66\x0f\xe6\xca", G_F64, 0, 0),
    C("cvtpi2ps", sse_cvtpi2ps, "\x0f\x2a\xca", G_INT, F_MMXSRC, 0),
    C("cvtpi2pd", sse_cvtpi2pd, "\x66\x0f\x2a\xca", G_INT, F_MMXSRC, 0),
    C("cvtps2pi", sse_cvtps2pi, "\x0f\x2d\xca", G_F32, F_MMXDST, 0),
    C("cvttps2pi", sse_cvttps2pi, "\x0f\x2c\xca", G_F32, F_MMXDST, 0),
    C("cvtpd2pi", sse_cvtpd2pi, "\x66\x0f\x2d\xca", G_F64, F_MMXDST, 0),
    C("cvttpd2pi", sse_cvttpd2pi, "\x66\x0f\x2c\xca", G_F64, F_MMXDST, 0),
    /* SSE4.1 floating point */
    C("roundps", sse_roundps, "\x66\x0f\x3a\x08\xca", G_F32, F_IMM, 15),
    C("roundpd", sse_roundpd, "\x66\x0f\x3a\x09\xca", G_F64, F_IMM, 15),
    C("roundss", sse_roundss, "\x66\x0f\x3a\x0a\xca", G_F32, F_IMM, 15),
    C("roundsd", sse_roundsd, "\x66\x0f\x3a\x0b\xca", G_F64, F_IMM, 15),
    C("dpps", sse_dpps, "\x66\x0f\x3a\x40\xca", G_F32, F_IMM, 0xff),
    C("dppd", sse_dppd, "\x66\x0f\x3a\x41\xca", G_F64, F_IMM, 0x33),
    /* shuffles and unpacks of floats */
    C("shufps", sse_shufps, "\x0f\xc6\xca", G_INT, F_IMM, 0xff),
    C("shufpd", sse_shufpd, "\x66\x0f\xc6\xca", G_INT, F_IMM, 3),
    C("unpcklps", sse_punpckldq, "\x0f\x14\xca", G_INT, 0, 0),
    C("unpckhps", sse_punpckhdq, "\x0f\x15\xca", G_INT, 0, 0),
    C("unpcklpd", sse_punpcklqdq, "\x66\x0f\x14\xca", G_INT, 0, 0),
    C("unpckhpd", sse_punpckhqdq, "\x66\x0f\x15\xca", G_INT, 0, 0),
    C("movhlps", sse_movhlps, "\x0f\x12\xca", G_INT, 0, 0),
    C("movlhps", sse_movlhps, "\x0f\x16\xca", G_INT, 0, 0),
    C("movss", sse_movss, "\xf3\x0f\x10\xca", G_INT, 0, 0),
    C("movsd", sse_movsd, "\xf2\x0f\x10\xca", G_INT, 0, 0),
    C("movq", sse_movq, "\xf3\x0f\x7e\xca", G_INT, 0, 0),
    C("movaps", sse_mov, "\x0f\x28\xca", G_INT, 0, 0),
};

/* Packed integer ops: both the XMM (66) and the MMX (no prefix) form. */
typedef struct IntCase {
    const char *name;
    uint8_t map, op;        /* map 1: 0F, 2: 0F 38, 3: 0F 3A */
    SseFn xmm, mmx;         /* mmx NULL: XMM only */
    unsigned flags;
    uint8_t imm_mask;
} IntCase;

static const IntCase int_cases[] = {
    { "punpcklbw", 1, 0x60, sse_punpcklbw, sse_punpcklbw, 0, 0 },
    { "punpcklwd", 1, 0x61, sse_punpcklwd, sse_punpcklwd, 0, 0 },
    { "punpckldq", 1, 0x62, sse_punpckldq, sse_punpckldq, 0, 0 },
    { "packsswb", 1, 0x63, sse_packsswb, sse_packsswb_mmx, 0, 0 },
    { "pcmpgtb", 1, 0x64, sse_pcmpgtb, sse_pcmpgtb, 0, 0 },
    { "pcmpgtw", 1, 0x65, sse_pcmpgtw, sse_pcmpgtw, 0, 0 },
    { "pcmpgtd", 1, 0x66, sse_pcmpgtd, sse_pcmpgtd, 0, 0 },
    { "packuswb", 1, 0x67, sse_packuswb, sse_packuswb_mmx, 0, 0 },
    { "punpckhbw", 1, 0x68, sse_punpckhbw, sse_punpckhbw_mmx, 0, 0 },
    { "punpckhwd", 1, 0x69, sse_punpckhwd, sse_punpckhwd_mmx, 0, 0 },
    { "punpckhdq", 1, 0x6a, sse_punpckhdq, sse_punpckhdq_mmx, 0, 0 },
    { "packssdw", 1, 0x6b, sse_packssdw, sse_packssdw_mmx, 0, 0 },
    { "punpcklqdq", 1, 0x6c, sse_punpcklqdq, NULL, 0, 0 },
    { "punpckhqdq", 1, 0x6d, sse_punpckhqdq, NULL, 0, 0 },
    { "pshufd/w", 1, 0x70, sse_pshufd, sse_pshuflw, F_IMM, 0xff },
    { "pcmpeqb", 1, 0x74, sse_pcmpeqb, sse_pcmpeqb, 0, 0 },
    { "pcmpeqw", 1, 0x75, sse_pcmpeqw, sse_pcmpeqw, 0, 0 },
    { "pcmpeqd", 1, 0x76, sse_pcmpeqd, sse_pcmpeqd, 0, 0 },
    { "psrlw", 1, 0xd1, sse_psrlw, sse_psrlw, 0, 0 },
    { "psrld", 1, 0xd2, sse_psrld, sse_psrld, 0, 0 },
    { "psrlq", 1, 0xd3, sse_psrlq, sse_psrlq, 0, 0 },
    { "paddq", 1, 0xd4, sse_paddq, sse_paddq, 0, 0 },
    { "pmullw", 1, 0xd5, sse_pmullw, sse_pmullw, 0, 0 },
    { "psubusb", 1, 0xd8, sse_psubusb, sse_psubusb, 0, 0 },
    { "psubusw", 1, 0xd9, sse_psubusw, sse_psubusw, 0, 0 },
    { "pminub", 1, 0xda, sse_pminub, sse_pminub, 0, 0 },
    { "pand", 1, 0xdb, sse_pand, sse_pand, 0, 0 },
    { "paddusb", 1, 0xdc, sse_paddusb, sse_paddusb, 0, 0 },
    { "paddusw", 1, 0xdd, sse_paddusw, sse_paddusw, 0, 0 },
    { "pmaxub", 1, 0xde, sse_pmaxub, sse_pmaxub, 0, 0 },
    { "pandn", 1, 0xdf, sse_pandn, sse_pandn, 0, 0 },
    { "pavgb", 1, 0xe0, sse_pavgb, sse_pavgb, 0, 0 },
    { "psraw", 1, 0xe1, sse_psraw, sse_psraw, 0, 0 },
    { "psrad", 1, 0xe2, sse_psrad, sse_psrad, 0, 0 },
    { "pavgw", 1, 0xe3, sse_pavgw, sse_pavgw, 0, 0 },
    { "pmulhuw", 1, 0xe4, sse_pmulhuw, sse_pmulhuw, 0, 0 },
    { "pmulhw", 1, 0xe5, sse_pmulhw, sse_pmulhw, 0, 0 },
    { "psubsb", 1, 0xe8, sse_psubsb, sse_psubsb, 0, 0 },
    { "psubsw", 1, 0xe9, sse_psubsw, sse_psubsw, 0, 0 },
    { "pminsw", 1, 0xea, sse_pminsw, sse_pminsw, 0, 0 },
    { "por", 1, 0xeb, sse_por, sse_por, 0, 0 },
    { "paddsb", 1, 0xec, sse_paddsb, sse_paddsb, 0, 0 },
    { "paddsw", 1, 0xed, sse_paddsw, sse_paddsw, 0, 0 },
    { "pmaxsw", 1, 0xee, sse_pmaxsw, sse_pmaxsw, 0, 0 },
    { "pxor", 1, 0xef, sse_pxor, sse_pxor, 0, 0 },
    { "psllw", 1, 0xf1, sse_psllw, sse_psllw, 0, 0 },
    { "pslld", 1, 0xf2, sse_pslld, sse_pslld, 0, 0 },
    { "psllq", 1, 0xf3, sse_psllq, sse_psllq, 0, 0 },
    { "pmuludq", 1, 0xf4, sse_pmuludq, sse_pmuludq, 0, 0 },
    { "pmaddwd", 1, 0xf5, sse_pmaddwd, sse_pmaddwd, 0, 0 },
    { "psadbw", 1, 0xf6, sse_psadbw, sse_psadbw, 0, 0 },
    { "psubb", 1, 0xf8, sse_psubb, sse_psubb, 0, 0 },
    { "psubw", 1, 0xf9, sse_psubw, sse_psubw, 0, 0 },
    { "psubd", 1, 0xfa, sse_psubd, sse_psubd, 0, 0 },
    { "psubq", 1, 0xfb, sse_psubq, sse_psubq, 0, 0 },
    { "paddb", 1, 0xfc, sse_paddb, sse_paddb, 0, 0 },
    { "paddw", 1, 0xfd, sse_paddw, sse_paddw, 0, 0 },
    { "paddd", 1, 0xfe, sse_paddd, sse_paddd, 0, 0 },
    /* SSSE3 */
    { "pshufb", 2, 0x00, sse_pshufb, sse_pshufb_mmx, 0, 0 },
    { "phaddw", 2, 0x01, sse_phaddw, sse_phaddw_mmx, 0, 0 },
    { "phaddd", 2, 0x02, sse_phaddd, sse_phaddd_mmx, 0, 0 },
    { "phaddsw", 2, 0x03, sse_phaddsw, sse_phaddsw_mmx, 0, 0 },
    { "pmaddubsw", 2, 0x04, sse_pmaddubsw, sse_pmaddubsw, 0, 0 },
    { "phsubw", 2, 0x05, sse_phsubw, sse_phsubw_mmx, 0, 0 },
    { "phsubd", 2, 0x06, sse_phsubd, sse_phsubd_mmx, 0, 0 },
    { "phsubsw", 2, 0x07, sse_phsubsw, sse_phsubsw_mmx, 0, 0 },
    { "psignb", 2, 0x08, sse_psignb, sse_psignb, 0, 0 },
    { "psignw", 2, 0x09, sse_psignw, sse_psignw, 0, 0 },
    { "psignd", 2, 0x0a, sse_psignd, sse_psignd, 0, 0 },
    { "pmulhrsw", 2, 0x0b, sse_pmulhrsw, sse_pmulhrsw, 0, 0 },
    { "pabsb", 2, 0x1c, sse_pabsb, sse_pabsb, 0, 0 },
    { "pabsw", 2, 0x1d, sse_pabsw, sse_pabsw, 0, 0 },
    { "pabsd", 2, 0x1e, sse_pabsd, sse_pabsd, 0, 0 },
    { "palignr", 3, 0x0f, sse_palignr, sse_palignr_mmx, F_IMM, 0x1f },
    /* SSE4.1 / SSE4.2 */
    { "pmovsxbw", 2, 0x20, sse_pmovsxbw, NULL, 0, 0 },
    { "pmovsxbd", 2, 0x21, sse_pmovsxbd, NULL, 0, 0 },
    { "pmovsxbq", 2, 0x22, sse_pmovsxbq, NULL, 0, 0 },
    { "pmovsxwd", 2, 0x23, sse_pmovsxwd, NULL, 0, 0 },
    { "pmovsxwq", 2, 0x24, sse_pmovsxwq, NULL, 0, 0 },
    { "pmovsxdq", 2, 0x25, sse_pmovsxdq, NULL, 0, 0 },
    { "pmuldq", 2, 0x28, sse_pmuldq, NULL, 0, 0 },
    { "pcmpeqq", 2, 0x29, sse_pcmpeqq, NULL, 0, 0 },
    { "packusdw", 2, 0x2b, sse_packusdw, NULL, 0, 0 },
    { "pmovzxbw", 2, 0x30, sse_pmovzxbw, NULL, 0, 0 },
    { "pmovzxbd", 2, 0x31, sse_pmovzxbd, NULL, 0, 0 },
    { "pmovzxbq", 2, 0x32, sse_pmovzxbq, NULL, 0, 0 },
    { "pmovzxwd", 2, 0x33, sse_pmovzxwd, NULL, 0, 0 },
    { "pmovzxwq", 2, 0x34, sse_pmovzxwq, NULL, 0, 0 },
    { "pmovzxdq", 2, 0x35, sse_pmovzxdq, NULL, 0, 0 },
    { "pcmpgtq", 2, 0x37, sse_pcmpgtq, NULL, 0, 0 },
    { "pminsb", 2, 0x38, sse_pminsb, NULL, 0, 0 },
    { "pminsd", 2, 0x39, sse_pminsd, NULL, 0, 0 },
    { "pminuw", 2, 0x3a, sse_pminuw, NULL, 0, 0 },
    { "pminud", 2, 0x3b, sse_pminud, NULL, 0, 0 },
    { "pmaxsb", 2, 0x3c, sse_pmaxsb, NULL, 0, 0 },
    { "pmaxsd", 2, 0x3d, sse_pmaxsd, NULL, 0, 0 },
    { "pmaxuw", 2, 0x3e, sse_pmaxuw, NULL, 0, 0 },
    { "pmaxud", 2, 0x3f, sse_pmaxud, NULL, 0, 0 },
    { "pmulld", 2, 0x40, sse_pmulld, NULL, 0, 0 },
    { "phminposuw", 2, 0x41, sse_phminposuw, NULL, 0, 0 },
    { "blendps", 3, 0x0c, sse_blendps, NULL, F_IMM, 0x0f },
    { "blendpd", 3, 0x0d, sse_blendpd, NULL, F_IMM, 0x03 },
    { "pblendw", 3, 0x0e, sse_pblendw, NULL, F_IMM, 0xff },
    { "insertps", 3, 0x21, sse_insertps, NULL, F_IMM, 0xff },
    { "mpsadbw", 3, 0x42, sse_mpsadbw, NULL, F_IMM, 0x07 },
};

/* AES-NI and PCLMULQDQ (checked separately: own CPUID bits). */
static const IntCase aes_cases[] = {
    { "aesimc", 2, 0xdb, sse_aesimc, NULL, 0, 0 },
    { "aesenc", 2, 0xdc, sse_aesenc, NULL, 0, 0 },
    { "aesenclast", 2, 0xdd, sse_aesenclast, NULL, 0, 0 },
    { "aesdec", 2, 0xde, sse_aesdec, NULL, 0, 0 },
    { "aesdeclast", 2, 0xdf, sse_aesdeclast, NULL, 0, 0 },
    { "aeskeygenassist", 3, 0xdf, sse_aeskeygenassist, NULL, F_IMM, 0xff },
    { "pclmulqdq", 3, 0x44, sse_pclmulqdq, NULL, F_IMM, 0x11 },
};

/* ---- comparison ---- */

#endif
