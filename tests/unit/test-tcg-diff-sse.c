/*
 * test-tcg-diff-sse.c: SSE, SSE2, SSE3, SSSE3, SSE4.1 and SSE4.2
 * instructions run whole in the software CPU (through tcg_cpu_exec(): the
 * decoder, the handlers, the memory path, #XM/#GP delivery) and on the
 * host from the same state (tcg-harness.h).  Compared: all sixteen XMM
 * registers, MXCSR (exception flags included), the general registers, the
 * arithmetic flags, the data area and the exception outcome.
 *
 * Each instruction runs in its register form (XMM1 <- XMM2), with REX
 * (XMM9 <- XMM10) and its memory form ([rbx], 16-byte aligned, now and
 * then misaligned: #GP for the forms that require alignment), and in
 * 32-bit code (register and [ebx] forms).  Operands
 * are random with a bias to the edges of the element type (zeros,
 * denormals, infinities, NaNs, integer and conversion limits); MXCSR gets
 * a random rounding mode, DAZ, FTZ and sticky flags, and now and then
 * unmasked exceptions (#XM).  RCPPS/RSQRTPS and their scalar forms are
 * left out: their precision is implementation-specific.
 */
#include "tcg-harness.c"

#define ITERS 500

enum { T_INT, T_F32, T_F64 };
enum {
    K_XX,       /* xmm, xmm/m */
    K_GX,       /* gpr (ModRM.reg), xmm/m */
    K_XG,       /* xmm, gpr/m */
    K_EX,       /* gpr/m (ModRM.rm) destination, xmm source */
    K_GG,       /* gpr, gpr/m (CRC32) */
};
/* feature bits (CPUID.1:ECX / EDX) */
enum { F_SSE, F_SSE2, F_SSE3, F_SSSE3, F_SSE41, F_SSE42, F_PCLMUL };

typedef struct SseOp {
    const char *name;
    uint8_t pfx;            /* 0, 0x66, 0xf3, 0xf2 */
    uint8_t map;            /* 1: 0F, 2: 0F38, 3: 0F3A */
    uint8_t op;
    uint8_t kind;
    uint8_t type;
    uint8_t feat;
    int8_t imm;             /* -1: none; else imm8 < imm (0: any) */
    bool rexw;
    bool no_mem;            /* register form only */
    bool mem_only;
} SseOp;

/*
 * XX: packed (the memory form must be aligned); XS: scalar or narrow
 * memory operand.  Both run misaligned now and then: the hardware says
 * which fault.
 */
#define XX(n, p, m, o, t, f) { n, p, m, o, K_XX, t, f, -1 }
#define XXI(n, p, m, o, t, f, i) { n, p, m, o, K_XX, t, f, i }
#define XS XX
#define XSI XXI

static const SseOp ops[] = {
    /* SSE */
    XX("addps", 0, 1, 0x58, T_F32, F_SSE),
    XS("addss", 0xf3, 1, 0x58, T_F32, F_SSE),
    XX("mulps", 0, 1, 0x59, T_F32, F_SSE),
    XS("mulss", 0xf3, 1, 0x59, T_F32, F_SSE),
    XX("subps", 0, 1, 0x5c, T_F32, F_SSE),
    XS("subss", 0xf3, 1, 0x5c, T_F32, F_SSE),
    XX("minps", 0, 1, 0x5d, T_F32, F_SSE),
    XS("minss", 0xf3, 1, 0x5d, T_F32, F_SSE),
    XX("divps", 0, 1, 0x5e, T_F32, F_SSE),
    XS("divss", 0xf3, 1, 0x5e, T_F32, F_SSE),
    XX("maxps", 0, 1, 0x5f, T_F32, F_SSE),
    XS("maxss", 0xf3, 1, 0x5f, T_F32, F_SSE),
    XX("sqrtps", 0, 1, 0x51, T_F32, F_SSE),
    XS("sqrtss", 0xf3, 1, 0x51, T_F32, F_SSE),
    XX("andps", 0, 1, 0x54, T_F32, F_SSE),
    XX("andnps", 0, 1, 0x55, T_F32, F_SSE),
    XX("orps", 0, 1, 0x56, T_F32, F_SSE),
    XX("xorps", 0, 1, 0x57, T_F32, F_SSE),
    XXI("cmpps", 0, 1, 0xc2, T_F32, F_SSE, 8),
    XSI("cmpss", 0xf3, 1, 0xc2, T_F32, F_SSE, 8),
    XXI("shufps", 0, 1, 0xc6, T_F32, F_SSE, 0),
    XX("unpcklps", 0, 1, 0x14, T_F32, F_SSE),
    XX("unpckhps", 0, 1, 0x15, T_F32, F_SSE),
    XX("movaps", 0, 1, 0x28, T_F32, F_SSE),
    XS("movups", 0, 1, 0x10, T_F32, F_SSE),
    XS("movss", 0xf3, 1, 0x10, T_F32, F_SSE),
    XS("comiss", 0, 1, 0x2f, T_F32, F_SSE),
    XS("ucomiss", 0, 1, 0x2e, T_F32, F_SSE),
    { "cvtsi2ss", 0xf3, 1, 0x2a, K_XG, T_INT, F_SSE, -1 },
    { "cvtsi2ss q", 0xf3, 1, 0x2a, K_XG, T_INT, F_SSE, -1, true },
    { "cvttss2si", 0xf3, 1, 0x2c, K_GX, T_F32, F_SSE, -1 },
    { "cvttss2si q", 0xf3, 1, 0x2c, K_GX, T_F32, F_SSE, -1, true },
    { "cvtss2si", 0xf3, 1, 0x2d, K_GX, T_F32, F_SSE, -1 },
    { "cvtss2si q", 0xf3, 1, 0x2d, K_GX, T_F32, F_SSE, -1, true },
    { "movmskps", 0, 1, 0x50, K_GX, T_F32, F_SSE, -1, false, true },
    { "movhlps", 0, 1, 0x12, K_XX, T_F32, F_SSE, -1, false, true },
    { "movlhps", 0, 1, 0x16, K_XX, T_F32, F_SSE, -1, false, true },
    { "movlps", 0, 1, 0x12, K_XX, T_F32, F_SSE, -1, false, false, true },
    { "movhps", 0, 1, 0x16, K_XX, T_F32, F_SSE, -1, false, false, true },
    /* SSE2 floating point */
    XX("addpd", 0x66, 1, 0x58, T_F64, F_SSE2),
    XS("addsd", 0xf2, 1, 0x58, T_F64, F_SSE2),
    XX("mulpd", 0x66, 1, 0x59, T_F64, F_SSE2),
    XS("mulsd", 0xf2, 1, 0x59, T_F64, F_SSE2),
    XX("subpd", 0x66, 1, 0x5c, T_F64, F_SSE2),
    XS("subsd", 0xf2, 1, 0x5c, T_F64, F_SSE2),
    XX("minpd", 0x66, 1, 0x5d, T_F64, F_SSE2),
    XS("minsd", 0xf2, 1, 0x5d, T_F64, F_SSE2),
    XX("divpd", 0x66, 1, 0x5e, T_F64, F_SSE2),
    XS("divsd", 0xf2, 1, 0x5e, T_F64, F_SSE2),
    XX("maxpd", 0x66, 1, 0x5f, T_F64, F_SSE2),
    XS("maxsd", 0xf2, 1, 0x5f, T_F64, F_SSE2),
    XX("sqrtpd", 0x66, 1, 0x51, T_F64, F_SSE2),
    XS("sqrtsd", 0xf2, 1, 0x51, T_F64, F_SSE2),
    XX("andpd", 0x66, 1, 0x54, T_F64, F_SSE2),
    XX("andnpd", 0x66, 1, 0x55, T_F64, F_SSE2),
    XX("orpd", 0x66, 1, 0x56, T_F64, F_SSE2),
    XX("xorpd", 0x66, 1, 0x57, T_F64, F_SSE2),
    XXI("cmppd", 0x66, 1, 0xc2, T_F64, F_SSE2, 8),
    XSI("cmpsd", 0xf2, 1, 0xc2, T_F64, F_SSE2, 8),
    XXI("shufpd", 0x66, 1, 0xc6, T_F64, F_SSE2, 4),
    XX("unpcklpd", 0x66, 1, 0x14, T_F64, F_SSE2),
    XX("unpckhpd", 0x66, 1, 0x15, T_F64, F_SSE2),
    XS("movsd", 0xf2, 1, 0x10, T_F64, F_SSE2),
    XS("comisd", 0x66, 1, 0x2f, T_F64, F_SSE2),
    XS("ucomisd", 0x66, 1, 0x2e, T_F64, F_SSE2),
    { "cvtsi2sd", 0xf2, 1, 0x2a, K_XG, T_INT, F_SSE2, -1 },
    { "cvtsi2sd q", 0xf2, 1, 0x2a, K_XG, T_INT, F_SSE2, -1, true },
    { "cvttsd2si", 0xf2, 1, 0x2c, K_GX, T_F64, F_SSE2, -1 },
    { "cvttsd2si q", 0xf2, 1, 0x2c, K_GX, T_F64, F_SSE2, -1, true },
    { "cvtsd2si", 0xf2, 1, 0x2d, K_GX, T_F64, F_SSE2, -1 },
    { "cvtsd2si q", 0xf2, 1, 0x2d, K_GX, T_F64, F_SSE2, -1, true },
    { "movmskpd", 0x66, 1, 0x50, K_GX, T_F64, F_SSE2, -1, false, true },
    XS("cvtps2pd", 0, 1, 0x5a, T_F32, F_SSE2),
    XX("cvtpd2ps", 0x66, 1, 0x5a, T_F64, F_SSE2),
    XS("cvtss2sd", 0xf3, 1, 0x5a, T_F32, F_SSE2),
    XS("cvtsd2ss", 0xf2, 1, 0x5a, T_F64, F_SSE2),
    XX("cvtdq2ps", 0, 1, 0x5b, T_INT, F_SSE2),
    XX("cvtps2dq", 0x66, 1, 0x5b, T_F32, F_SSE2),
    XX("cvttps2dq", 0xf3, 1, 0x5b, T_F32, F_SSE2),
    XS("cvtdq2pd", 0xf3, 1, 0xe6, T_INT, F_SSE2),
    XX("cvtpd2dq", 0xf2, 1, 0xe6, T_F64, F_SSE2),
    XX("cvttpd2dq", 0x66, 1, 0xe6, T_F64, F_SSE2),
    /* SSE2 integer */
    XX("paddb", 0x66, 1, 0xfc, T_INT, F_SSE2),
    XX("paddw", 0x66, 1, 0xfd, T_INT, F_SSE2),
    XX("paddd", 0x66, 1, 0xfe, T_INT, F_SSE2),
    XX("paddq", 0x66, 1, 0xd4, T_INT, F_SSE2),
    XX("psubb", 0x66, 1, 0xf8, T_INT, F_SSE2),
    XX("psubw", 0x66, 1, 0xf9, T_INT, F_SSE2),
    XX("psubd", 0x66, 1, 0xfa, T_INT, F_SSE2),
    XX("psubq", 0x66, 1, 0xfb, T_INT, F_SSE2),
    XX("paddsb", 0x66, 1, 0xec, T_INT, F_SSE2),
    XX("paddsw", 0x66, 1, 0xed, T_INT, F_SSE2),
    XX("paddusb", 0x66, 1, 0xdc, T_INT, F_SSE2),
    XX("paddusw", 0x66, 1, 0xdd, T_INT, F_SSE2),
    XX("psubsb", 0x66, 1, 0xe8, T_INT, F_SSE2),
    XX("psubsw", 0x66, 1, 0xe9, T_INT, F_SSE2),
    XX("psubusb", 0x66, 1, 0xd8, T_INT, F_SSE2),
    XX("psubusw", 0x66, 1, 0xd9, T_INT, F_SSE2),
    XX("pmullw", 0x66, 1, 0xd5, T_INT, F_SSE2),
    XX("pmulhw", 0x66, 1, 0xe5, T_INT, F_SSE2),
    XX("pmulhuw", 0x66, 1, 0xe4, T_INT, F_SSE2),
    XX("pmuludq", 0x66, 1, 0xf4, T_INT, F_SSE2),
    XX("pmaddwd", 0x66, 1, 0xf5, T_INT, F_SSE2),
    XX("psadbw", 0x66, 1, 0xf6, T_INT, F_SSE2),
    XX("pavgb", 0x66, 1, 0xe0, T_INT, F_SSE2),
    XX("pavgw", 0x66, 1, 0xe3, T_INT, F_SSE2),
    XX("pminub", 0x66, 1, 0xda, T_INT, F_SSE2),
    XX("pmaxub", 0x66, 1, 0xde, T_INT, F_SSE2),
    XX("pminsw", 0x66, 1, 0xea, T_INT, F_SSE2),
    XX("pmaxsw", 0x66, 1, 0xee, T_INT, F_SSE2),
    XX("pand", 0x66, 1, 0xdb, T_INT, F_SSE2),
    XX("pandn", 0x66, 1, 0xdf, T_INT, F_SSE2),
    XX("por", 0x66, 1, 0xeb, T_INT, F_SSE2),
    XX("pxor", 0x66, 1, 0xef, T_INT, F_SSE2),
    XX("pcmpeqb", 0x66, 1, 0x74, T_INT, F_SSE2),
    XX("pcmpeqw", 0x66, 1, 0x75, T_INT, F_SSE2),
    XX("pcmpeqd", 0x66, 1, 0x76, T_INT, F_SSE2),
    XX("pcmpgtb", 0x66, 1, 0x64, T_INT, F_SSE2),
    XX("pcmpgtw", 0x66, 1, 0x65, T_INT, F_SSE2),
    XX("pcmpgtd", 0x66, 1, 0x66, T_INT, F_SSE2),
    XX("packsswb", 0x66, 1, 0x63, T_INT, F_SSE2),
    XX("packuswb", 0x66, 1, 0x67, T_INT, F_SSE2),
    XX("packssdw", 0x66, 1, 0x6b, T_INT, F_SSE2),
    XX("punpcklbw", 0x66, 1, 0x60, T_INT, F_SSE2),
    XX("punpcklwd", 0x66, 1, 0x61, T_INT, F_SSE2),
    XX("punpckldq", 0x66, 1, 0x62, T_INT, F_SSE2),
    XX("punpckhbw", 0x66, 1, 0x68, T_INT, F_SSE2),
    XX("punpckhwd", 0x66, 1, 0x69, T_INT, F_SSE2),
    XX("punpckhdq", 0x66, 1, 0x6a, T_INT, F_SSE2),
    XX("punpcklqdq", 0x66, 1, 0x6c, T_INT, F_SSE2),
    XX("punpckhqdq", 0x66, 1, 0x6d, T_INT, F_SSE2),
    XX("psllw", 0x66, 1, 0xf1, T_INT, F_SSE2),
    XX("pslld", 0x66, 1, 0xf2, T_INT, F_SSE2),
    XX("psllq", 0x66, 1, 0xf3, T_INT, F_SSE2),
    XX("psrlw", 0x66, 1, 0xd1, T_INT, F_SSE2),
    XX("psrld", 0x66, 1, 0xd2, T_INT, F_SSE2),
    XX("psrlq", 0x66, 1, 0xd3, T_INT, F_SSE2),
    XX("psraw", 0x66, 1, 0xe1, T_INT, F_SSE2),
    XX("psrad", 0x66, 1, 0xe2, T_INT, F_SSE2),
    XXI("pshufd", 0x66, 1, 0x70, T_INT, F_SSE2, 0),
    XXI("pshufhw", 0xf3, 1, 0x70, T_INT, F_SSE2, 0),
    XXI("pshuflw", 0xf2, 1, 0x70, T_INT, F_SSE2, 0),
    XX("movdqa", 0x66, 1, 0x6f, T_INT, F_SSE2),
    XS("movdqu", 0xf3, 1, 0x6f, T_INT, F_SSE2),
    XS("movq xmm", 0xf3, 1, 0x7e, T_INT, F_SSE2),
    { "pmovmskb", 0x66, 1, 0xd7, K_GX, T_INT, F_SSE2, -1, false, true },
    { "pextrw", 0x66, 1, 0xc5, K_GX, T_INT, F_SSE2, 0, false, true },
    { "pinsrw", 0x66, 1, 0xc4, K_XG, T_INT, F_SSE2, 0 },
    { "movd xmm,r", 0x66, 1, 0x6e, K_XG, T_INT, F_SSE2, -1 },
    { "movq xmm,r", 0x66, 1, 0x6e, K_XG, T_INT, F_SSE2, -1, true },
    { "movd r,xmm", 0x66, 1, 0x7e, K_EX, T_INT, F_SSE2, -1 },
    { "movq r,xmm", 0x66, 1, 0x7e, K_EX, T_INT, F_SSE2, -1, true },
    /* SSE3 */
    XX("addsubps", 0xf2, 1, 0xd0, T_F32, F_SSE3),
    XX("addsubpd", 0x66, 1, 0xd0, T_F64, F_SSE3),
    XX("haddps", 0xf2, 1, 0x7c, T_F32, F_SSE3),
    XX("haddpd", 0x66, 1, 0x7c, T_F64, F_SSE3),
    XX("hsubps", 0xf2, 1, 0x7d, T_F32, F_SSE3),
    XX("hsubpd", 0x66, 1, 0x7d, T_F64, F_SSE3),
    XX("movsldup", 0xf3, 1, 0x12, T_F32, F_SSE3),
    XX("movshdup", 0xf3, 1, 0x16, T_F32, F_SSE3),
    XS("movddup", 0xf2, 1, 0x12, T_F64, F_SSE3),
    { "lddqu", 0xf2, 1, 0xf0, K_XX, T_INT, F_SSE3, -1, false, false, true },
    /* SSSE3 */
    XX("pshufb", 0x66, 2, 0x00, T_INT, F_SSSE3),
    XX("phaddw", 0x66, 2, 0x01, T_INT, F_SSSE3),
    XX("phaddd", 0x66, 2, 0x02, T_INT, F_SSSE3),
    XX("phaddsw", 0x66, 2, 0x03, T_INT, F_SSSE3),
    XX("pmaddubsw", 0x66, 2, 0x04, T_INT, F_SSSE3),
    XX("phsubw", 0x66, 2, 0x05, T_INT, F_SSSE3),
    XX("phsubd", 0x66, 2, 0x06, T_INT, F_SSSE3),
    XX("phsubsw", 0x66, 2, 0x07, T_INT, F_SSSE3),
    XX("psignb", 0x66, 2, 0x08, T_INT, F_SSSE3),
    XX("psignw", 0x66, 2, 0x09, T_INT, F_SSSE3),
    XX("psignd", 0x66, 2, 0x0a, T_INT, F_SSSE3),
    XX("pmulhrsw", 0x66, 2, 0x0b, T_INT, F_SSSE3),
    XX("pabsb", 0x66, 2, 0x1c, T_INT, F_SSSE3),
    XX("pabsw", 0x66, 2, 0x1d, T_INT, F_SSSE3),
    XX("pabsd", 0x66, 2, 0x1e, T_INT, F_SSSE3),
    XXI("palignr", 0x66, 3, 0x0f, T_INT, F_SSSE3, 0),
    /* SSE4.1 */
    XX("pblendvb", 0x66, 2, 0x10, T_INT, F_SSE41),
    XX("blendvps", 0x66, 2, 0x14, T_F32, F_SSE41),
    XX("blendvpd", 0x66, 2, 0x15, T_F64, F_SSE41),
    XX("ptest", 0x66, 2, 0x17, T_INT, F_SSE41),
    XS("pmovsxbw", 0x66, 2, 0x20, T_INT, F_SSE41),
    XS("pmovsxbd", 0x66, 2, 0x21, T_INT, F_SSE41),
    XS("pmovsxbq", 0x66, 2, 0x22, T_INT, F_SSE41),
    XS("pmovsxwd", 0x66, 2, 0x23, T_INT, F_SSE41),
    XS("pmovsxwq", 0x66, 2, 0x24, T_INT, F_SSE41),
    XS("pmovsxdq", 0x66, 2, 0x25, T_INT, F_SSE41),
    XS("pmovzxbw", 0x66, 2, 0x30, T_INT, F_SSE41),
    XS("pmovzxbd", 0x66, 2, 0x31, T_INT, F_SSE41),
    XS("pmovzxbq", 0x66, 2, 0x32, T_INT, F_SSE41),
    XS("pmovzxwd", 0x66, 2, 0x33, T_INT, F_SSE41),
    XS("pmovzxwq", 0x66, 2, 0x34, T_INT, F_SSE41),
    XS("pmovzxdq", 0x66, 2, 0x35, T_INT, F_SSE41),
    XX("pmuldq", 0x66, 2, 0x28, T_INT, F_SSE41),
    XX("pcmpeqq", 0x66, 2, 0x29, T_INT, F_SSE41),
    { "movntdqa", 0x66, 2, 0x2a, K_XX, T_INT, F_SSE41, -1, false, false,
      true },
    XX("packusdw", 0x66, 2, 0x2b, T_INT, F_SSE41),
    XX("pminsb", 0x66, 2, 0x38, T_INT, F_SSE41),
    XX("pminsd", 0x66, 2, 0x39, T_INT, F_SSE41),
    XX("pminuw", 0x66, 2, 0x3a, T_INT, F_SSE41),
    XX("pminud", 0x66, 2, 0x3b, T_INT, F_SSE41),
    XX("pmaxsb", 0x66, 2, 0x3c, T_INT, F_SSE41),
    XX("pmaxsd", 0x66, 2, 0x3d, T_INT, F_SSE41),
    XX("pmaxuw", 0x66, 2, 0x3e, T_INT, F_SSE41),
    XX("pmaxud", 0x66, 2, 0x3f, T_INT, F_SSE41),
    XX("pmulld", 0x66, 2, 0x40, T_INT, F_SSE41),
    XX("phminposuw", 0x66, 2, 0x41, T_INT, F_SSE41),
    XXI("roundps", 0x66, 3, 0x08, T_F32, F_SSE41, 16),
    XXI("roundpd", 0x66, 3, 0x09, T_F64, F_SSE41, 16),
    XSI("roundss", 0x66, 3, 0x0a, T_F32, F_SSE41, 16),
    XSI("roundsd", 0x66, 3, 0x0b, T_F64, F_SSE41, 16),
    XXI("blendps", 0x66, 3, 0x0c, T_F32, F_SSE41, 16),
    XXI("blendpd", 0x66, 3, 0x0d, T_F64, F_SSE41, 4),
    XXI("pblendw", 0x66, 3, 0x0e, T_INT, F_SSE41, 0),
    { "pextrb", 0x66, 3, 0x14, K_EX, T_INT, F_SSE41, 0 },
    { "pextrw 3a", 0x66, 3, 0x15, K_EX, T_INT, F_SSE41, 0 },
    { "pextrd", 0x66, 3, 0x16, K_EX, T_INT, F_SSE41, 0 },
    { "pextrq", 0x66, 3, 0x16, K_EX, T_INT, F_SSE41, 0, true },
    { "extractps", 0x66, 3, 0x17, K_EX, T_F32, F_SSE41, 0 },
    { "pinsrb", 0x66, 3, 0x20, K_XG, T_INT, F_SSE41, 0 },
    XSI("insertps", 0x66, 3, 0x21, T_F32, F_SSE41, 0),
    { "pinsrd", 0x66, 3, 0x22, K_XG, T_INT, F_SSE41, 0 },
    { "pinsrq", 0x66, 3, 0x22, K_XG, T_INT, F_SSE41, 0, true },
    XXI("dpps", 0x66, 3, 0x40, T_F32, F_SSE41, 0),
    XXI("dppd", 0x66, 3, 0x41, T_F64, F_SSE41, 0),
    XXI("mpsadbw", 0x66, 3, 0x42, T_INT, F_SSE41, 0),
    /* SSE4.2 */
    XX("pcmpgtq", 0x66, 2, 0x37, T_INT, F_SSE42),
    XSI("pcmpestrm", 0x66, 3, 0x60, T_INT, F_SSE42, 0),
    XSI("pcmpestri", 0x66, 3, 0x61, T_INT, F_SSE42, 0),
    XSI("pcmpistrm", 0x66, 3, 0x62, T_INT, F_SSE42, 0),
    XSI("pcmpistri", 0x66, 3, 0x63, T_INT, F_SSE42, 0),
    { "crc32 b", 0xf2, 2, 0xf0, K_GG, T_INT, F_SSE42, -1 },
    { "crc32 d", 0xf2, 2, 0xf1, K_GG, T_INT, F_SSE42, -1 },
    { "crc32 q", 0xf2, 2, 0xf1, K_GG, T_INT, F_SSE42, -1, true },
    XXI("pclmulqdq", 0x66, 3, 0x44, T_INT, F_PCLMUL, 0),
};

static bool has_feat(int f, bool guest)
{
    static const struct { int reg, bit; } fb[] = {
        [F_SSE] = { R_EDX, 25 }, [F_SSE2] = { R_EDX, 26 },
        [F_SSE3] = { R_ECX, 0 }, [F_SSSE3] = { R_ECX, 9 },
        [F_SSE41] = { R_ECX, 19 }, [F_SSE42] = { R_ECX, 20 },
        [F_PCLMUL] = { R_ECX, 1 },
    };

    if (guest) {
        uint64_t w = diff_guest_feature(fb[f].reg == R_EDX ? FEAT_1_EDX
                                                           : FEAT_1_ECX);
        return w >> fb[f].bit & 1;
    }
    return diff_host_has(1, 0, fb[f].reg, fb[f].bit);
}

/* ---- operands ---- */

static const uint32_t f32_edges[] = {
    0x00000000, 0x80000000, 0x00000001, 0x807fffff, 0x00800000, 0x7f7fffff,
    0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7f800001, 0x7fa00000,
    0x3f800000, 0xbf800000, 0x3f000000, 0x3fc00000, 0x40200000, 0xc0200000,
    0x4f000000, 0xcf000000, 0x4effffff, 0xcf000001, 0x5f000000, 0xdf000000,
    0x5effffff, 0x3effffff, 0x00fffffe, 0x4b000001, 0xcb7fffff,
};

static const uint64_t f64_edges[] = {
    0, 0x8000000000000000ull, 1, 0x800fffffffffffffull,
    0x0010000000000000ull, 0x7fefffffffffffffull, 0x7ff0000000000000ull,
    0xfff0000000000000ull, 0x7ff8000000000000ull, 0xfff8000000000000ull,
    0x7ff0000000000001ull, 0x7ff4000000000000ull, 0x3ff0000000000000ull,
    0xbff0000000000000ull, 0x3fe0000000000000ull, 0x3ff8000000000000ull,
    0x4004000000000000ull, 0x41e0000000000000ull, 0xc1e0000000000000ull,
    0x41dfffffffc00000ull, 0xc1e0000000200000ull, 0x41dfffffffffffffull,
    0x43e0000000000000ull, 0xc3e0000000000000ull, 0x43dfffffffffffffull,
    0x47efffffe0000000ull, 0x3690000000000000ull, 0x380fffffffffffffull,
    0x4330000000000001ull,
};

static uint32_t gen_f32(void)
{
    uint32_t r = g_test_rand_int();

    switch (g_test_rand_int_range(0, 6)) {
    case 0:
        return f32_edges[g_test_rand_int_range(0, G_N_ELEMENTS(f32_edges))];
    case 1:     /* exponent near the ends or the middle */
        return (r & 0x807fffff) |
               (uint32_t)(g_test_rand_bit() ? g_test_rand_int_range(0, 4)
                          : g_test_rand_int_range(100, 160)) << 23;
    default:    /* moderate magnitudes: inexact but finite results */
        return (r & 0x807fffff) |
               (uint32_t)g_test_rand_int_range(110, 145) << 23;
    }
}

static uint64_t gen_f64(void)
{
    uint64_t r = diff_rand64();

    switch (g_test_rand_int_range(0, 6)) {
    case 0:
        return f64_edges[g_test_rand_int_range(0, G_N_ELEMENTS(f64_edges))];
    case 1:
        return (r & 0x800fffffffffffffull) |
               (uint64_t)(g_test_rand_bit() ? g_test_rand_int_range(0, 4)
                          : g_test_rand_int_range(0x380, 0x480)) << 52;
    default:
        return (r & 0x800fffffffffffffull) |
               (uint64_t)g_test_rand_int_range(0x3e0, 0x420) << 52;
    }
}

static uint64_t gen_int64(void)
{
    static const uint8_t lanes[] = { 0, 0x7f, 0x80, 0xff, 1, 0xfe };
    uint64_t v = diff_rand64();
    int i;

    switch (g_test_rand_int_range(0, 4)) {
    case 0:
        for (i = 0; i < 8; i++) {
            v = v << 8 | lanes[g_test_rand_int_range(0, sizeof(lanes))];
        }
        return v;
    case 1:
        return diff_rand_operand(64);
    case 2:     /* small values in every lane (shift counts, lengths) */
        return v & 0x0f0f0f0f0f0f0f0full;
    default:
        return v;
    }
}

static void gen_xmm(uint64_t *q, int type)
{
    int i;

    for (i = 0; i < 2; i++) {
        switch (type) {
        case T_F32:
            q[i] = gen_f32() | (uint64_t)gen_f32() << 32;
            break;
        case T_F64:
            q[i] = gen_f64();
            break;
        default:
            q[i] = gen_int64();
            break;
        }
    }
}

/* Random MXCSR: rounding, DAZ, FTZ, sticky flags; unmasked now and then. */
static uint32_t gen_mxcsr(void)
{
    uint32_t m = 0x1f80 | (g_test_rand_int() & 0x603f) |
                 (g_test_rand_bit() ? 0x8000 : 0);

    if (g_test_rand_int_range(0, 10) == 0) {
        m &= ~(g_test_rand_int() & 0x1f80);
        m &= ~0x3f;     /* a pending unmasked flag would fault at once */
    }
    return m;
}

/* ---- running ---- */

static int encode(const SseOp *o, bool mem, bool rexhi, uint8_t imm,
                  uint8_t *code)
{
    int n = 0;
    uint8_t rex = (o->rexw ? 0x48 : 0) | (rexhi ? 0x45 : 0);
    uint8_t modrm;

    if (o->pfx) {
        code[n++] = o->pfx;
    }
    if (rex) {
        code[n++] = rex | 0x40;
    }
    code[n++] = 0x0f;
    if (o->map == 2) {
        code[n++] = 0x38;
    } else if (o->map == 3) {
        code[n++] = 0x3a;
    }
    code[n++] = o->op;
    switch (o->kind) {
    case K_GX:          /* reg = eax/r8, rm = xmm2/xmm10 */
        modrm = mem ? 0x03 : 0xc2;
        break;
    case K_GG:          /* crc32 eax, ecx */
        modrm = mem ? 0x03 : 0xc1;
        break;
    case K_XG:          /* reg = xmm1, rm = eax */
    case K_EX:          /* rm = eax (destination), reg = xmm1 */
        modrm = mem ? 0x0b : 0xc8;
        break;
    default:            /* xmm1, xmm2 */
        modrm = mem ? 0x0b : 0xca;
        break;
    }
    code[n++] = modrm;
    if (o->imm >= 0) {
        code[n++] = imm;
    }
    return n;
}

static void run_op(const SseOp *o)
{
    DiffCmp cmp = {
        .gpr_mask = DIFF_ALL_GPRS,
        .flags_mask = DF_OSZAPC,
        .xmm_mask = 0xffff,
        .mxcsr = true,
        .mem_len = 64,
    };
    uint8_t code[16];
    DiffState in;
    int it, form, i, len;

    /* 64-bit: xmm1,xmm2; xmm9,xmm10; [rbx]; 32-bit code: xmm1,xmm2; [ebx] */
    for (form = 0; form < 5; form++) {
        bool mem = form == 2 || form == 4, rexhi = form == 1;
        DiffMode mode = form < 3 ? DIFF_MODE_64 : DIFF_MODE_32;

        if ((mem && o->no_mem) || (!mem && o->mem_only) ||
            (rexhi && o->kind == K_GG) ||
            (mode == DIFF_MODE_32 && o->rexw)) {
            continue;
        }
        for (it = 0; it < ITERS; it++) {
            uint8_t *d = diff_data_init();
            uint8_t imm = 0;
            int off = 0;

            diff_state_init(&in);
            for (i = 0; i < 16; i++) {
                in.gpr[i] = o->kind == K_XG || o->kind == K_GG ?
                            gen_int64() : diff_rand64();
                gen_xmm(diff_xmm(&in, i), o->type);
            }
            /* PCMPESTR* lengths in RAX/RDX: mostly within -20..20 */
            if (o->map == 3 && (o->op & 0xfc) == 0x60) {
                in.gpr[DR_RAX] = g_test_rand_int_range(-20, 21);
                in.gpr[DR_RDX] = g_test_rand_int_range(-20, 21);
                if (!g_test_rand_int_range(0, 6)) {
                    in.gpr[DR_RAX] |= diff_rand64() << 32;
                }
            }
            in.rflags = diff_rand64() & DF_OSZAPC;
            *diff_mxcsr(&in) = gen_mxcsr();
            for (i = 0; i < 8; i++) {
                uint64_t q[2];

                gen_xmm(q, o->type);
                memcpy(d + 16 * i, q, 16);
            }
            if (mem && !g_test_rand_int_range(0, 8)) {
                off = g_test_rand_int_range(1, 16);
            }
            in.gpr[DR_RBX] = diff_data_addr() + off;
            if (o->imm > 0) {
                imm = g_test_rand_int_range(0, o->imm);
            } else if (o->imm == 0) {
                imm = g_test_rand_int();
            }
            len = encode(o, mem, rexhi, imm, code);
            diff_check(mode, o->name, code, len, &in, &cmp);
        }
    }
}

static void run_group(int first_feat, int last_feat)
{
    unsigned k;

    for (k = 0; k < G_N_ELEMENTS(ops); k++) {
        const SseOp *o = &ops[k];

        if (o->feat < first_feat || o->feat > last_feat) {
            continue;
        }
        if (!has_feat(o->feat, true) || !has_feat(o->feat, false)) {
            g_test_message("%s: not on the %s, skipped", o->name,
                           has_feat(o->feat, true) ? "host" : "model");
            continue;
        }
        run_op(o);
    }
    diff_finish();
}

static void test_sse(void)
{
    run_group(F_SSE, F_SSE);
}

static void test_sse2(void)
{
    run_group(F_SSE2, F_SSE2);
}

static void test_sse3_ssse3(void)
{
    run_group(F_SSE3, F_SSSE3);
}

static void test_sse41(void)
{
    run_group(F_SSE41, F_SSE41);
}

static void test_sse42(void)
{
    run_group(F_SSE42, F_PCLMUL);
}

/* LDMXCSR with reserved bits: #GP; STMXCSR round trip. */
static void test_mxcsr_load(void)
{
    static const uint8_t ld[] = { 0x0f, 0xae, 0x13 };     /* ldmxcsr [rbx] */
    static const uint8_t st[] = { 0x0f, 0xae, 0x1b };     /* stmxcsr [rbx] */
    DiffCmp cmp = {
        .gpr_mask = DIFF_ALL_GPRS, .flags_mask = DF_OSZAPC,
        .mxcsr = true, .mem_len = 16,
    };
    DiffState in;
    int it;

    for (it = 0; it < ITERS * 4; it++) {
        uint32_t v = g_test_rand_bit() ? gen_mxcsr() : g_test_rand_int();

        if (g_test_rand_bit()) {
            v &= 0xffff;
        }
        diff_state_init(&in);
        in.gpr[DR_RBX] = diff_data_addr();
        stl_le_p(diff_data_init(), v);
        diff_check(DIFF_MODE_64, "ldmxcsr", ld, sizeof(ld), &in, &cmp);
        *diff_mxcsr(&in) = gen_mxcsr();
        diff_check(DIFF_MODE_64, "stmxcsr", st, sizeof(st), &in, &cmp);
    }
    diff_finish();
}

int main(int argc, char **argv)
{
    diff_test_init(&argc, &argv, "max");

    g_test_add_func("/tcg-diff-sse/sse", test_sse);
    g_test_add_func("/tcg-diff-sse/sse2", test_sse2);
    g_test_add_func("/tcg-diff-sse/sse3-ssse3", test_sse3_ssse3);
    g_test_add_func("/tcg-diff-sse/sse4.1", test_sse41);
    g_test_add_func("/tcg-diff-sse/sse4.2-pclmul", test_sse42);
    g_test_add_func("/tcg-diff-sse/ldmxcsr-stmxcsr", test_mxcsr_load);
    return g_test_run();
}
