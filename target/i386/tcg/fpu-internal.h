/*
 * fpu-internal.h: the x87 FPU of the software CPU, internal interface.
 *
 * The x87 registers live in CPUX86State (target/i386/cpu.h) in the layout
 * the KVM accelerator also uses: fpregs[] indexed physically, fpstt = TOP
 * so ST(i) = fpregs[(fpstt + i) & 7], fpus = status word without TOP,
 * fpuc = control word, fptags[i] = 1 when physical register i is empty.
 *
 * The arithmetic is a software implementation of the 80-bit extended
 * format (fpu-ops-float.c): every basic operation (add, subtract,
 * multiply, divide, square root, conversions, compare, round to integer,
 * remainder, scale, extract) rounds exactly as the hardware does under the
 * control word's precision and rounding control, sets the exception flags
 * IE DE ZE OE UE PE and C1 (round-up indication), and delivers the masked
 * responses (QNaN indefinite, integer indefinite, denormalized results,
 * infinity or the largest finite number on overflow) or, for unmasked
 * overflow/underflow to a register, the result with its exponent biased
 * by 24576.  The transcendental instructions (fpu-ops-math.c) use the
 * host's long double libm (x86-64 long double is this very format); their
 * last bit may differ from a real x87.
 *
 * These helpers are pure (no CPU, no memory): an FPCtx carries the control
 * word in and the raised flags out, so tests/unit/test-tcg-fpu.c compares
 * them with the host's x87 directly.  docs/tcg-fpu.md has the details.
 */
#ifndef TARGET_I386_TCG_FPU_INTERNAL_H
#define TARGET_I386_TCG_FPU_INTERNAL_H

#include "target/i386/tcg/tcg-cpu.h"

/* Status word bits (SDM vol. 1 8.1.3). */
#define FPUS_IE  0x0001     /* invalid operation */
#define FPUS_DE  0x0002     /* denormal operand */
#define FPUS_ZE  0x0004     /* divide by zero */
#define FPUS_OE  0x0008     /* overflow */
#define FPUS_UE  0x0010     /* underflow */
#define FPUS_PE  0x0020     /* precision (inexact) */
#define FPUS_SF  0x0040     /* stack fault */
#define FPUS_ES  0x0080     /* error summary */
#define FPUS_C0  0x0100
#define FPUS_C1  0x0200
#define FPUS_C2  0x0400
#define FPUS_TOP 0x3800
#define FPUS_C3  0x4000
#define FPUS_B   0x8000     /* busy (mirrors ES) */
#define FPUS_EXC 0x003f     /* the six exception flags */
#define FPUS_CC  (FPUS_C0 | FPUS_C1 | FPUS_C2 | FPUS_C3)

/* Control word fields (SDM vol. 1 8.1.5). */
#define FPUC_EM  0x003f     /* exception masks, same bits as FPUS_EXC */
#define FPUC_PC  0x0300     /* precision: 0 single, 2 double, 3 extended */
#define FPUC_RC  0x0c00     /* rounding: 0 nearest, 1 down, 2 up, 3 chop */
#define FPUC_PC_SHIFT 8
#define FPUC_RC_SHIFT 10
enum { FPRC_NEAREST = 0, FPRC_DOWN = 1, FPRC_UP = 2, FPRC_CHOP = 3 };

/* MXCSR (SDM vol. 1 10.2.3); the bits this CPU allows (MXCSR_MASK). */
#define MXCSR_MASK_VALUE 0x0000ffffu

/* Offsets in the FXSAVE / XSAVE image (SDM vol. 1 tables 10-2, 13-1). */
#define FXS_FCW     0
#define FXS_FSW     2
#define FXS_FTW     4       /* abridged: one bit per register, 1 valid */
#define FXS_FOP     6
#define FXS_FIP     8       /* 64-bit form: 8 bytes; else FIP + FCS */
#define FXS_FCS     12
#define FXS_FDP     16
#define FXS_FDS     20
#define FXS_MXCSR   24
#define FXS_MXCSR_MASK 28
#define FXS_ST0     32      /* 8 x 16 bytes */
#define FXS_XMM0    160     /* 16 x 16 bytes */
#define FXS_SIZE    512
#define XSAVE_HDR   512     /* XSTATE_BV, XCOMP_BV, reserved */
#define XSAVE_YMMH  576     /* component 2: upper halves of YMM0-15 */

/* XCR0 components (SDM vol. 1 13.1). */
#define XSTATE_X87  (1ull << 0)
#define XSTATE_SSE  (1ull << 1)
#define XSTATE_YMM  (1ull << 2)

/* The special values. */
#define FP_EXP_MAX      0x7fff
#define FP_BIAS         16383
#define FP_QNAN_BIT     0x4000000000000000ull
#define FP_INT_BIT      0x8000000000000000ull
/* QNaN indefinite: sign 1, exponent all ones, significand 1100...0. */
static inline FPReg fp_indefinite(void)
{
    FPReg r = { 0xc000000000000000ull, 0xffff };
    return r;
}
static inline FPReg fp_make(int sign, uint16_t exp, uint64_t mant)
{
    FPReg r = { mant, (uint16_t)((sign ? 0x8000 : 0) | exp) };
    return r;
}
static inline int fp_sign(FPReg a)
{
    return a.exp >> 15;
}
static inline int fp_expf(FPReg a)
{
    return a.exp & FP_EXP_MAX;
}
static inline bool fp_is_nan(FPReg a)
{
    return fp_expf(a) == FP_EXP_MAX && (a.mant & FP_INT_BIT) &&
           (a.mant << 1) != 0;
}
static inline bool fp_is_snan(FPReg a)
{
    return fp_is_nan(a) && !(a.mant & FP_QNAN_BIT);
}
static inline bool fp_is_inf(FPReg a)
{
    return fp_expf(a) == FP_EXP_MAX && a.mant == FP_INT_BIT;
}
static inline bool fp_is_zero(FPReg a)
{
    return fp_expf(a) == 0 && a.mant == 0;
}
/* Unnormals, pseudo-NaNs, pseudo-infinities: invalid on a 387 and later. */
static inline bool fp_is_unsupported(FPReg a)
{
    return fp_expf(a) != 0 && !(a.mant & FP_INT_BIT);
}
/* Denormals and pseudo-denormals (exponent 0, significand nonzero). */
static inline bool fp_is_denormal(FPReg a)
{
    return fp_expf(a) == 0 && a.mant != 0;
}

/*
 * The context of one operation: cw is the control word in force (masks,
 * precision, rounding); sw collects the exception flags raised (FPUS_EXC
 * bits) and C1 (FPUS_C1: the result was rounded up).  The caller merges
 * sw into the status word.
 */
typedef struct FPCtx {
    uint16_t cw;
    uint16_t sw;
} FPCtx;

/* Did the operation raise an unmasked IE, DE or ZE (destination kept)? */
static inline bool fp_unmasked_fault(const FPCtx *c)
{
    return (c->sw & ~c->cw & (FPUS_IE | FPUS_DE | FPUS_ZE)) != 0;
}

/* ---- fpu-ops-float.c: basic arithmetic ---- */

/* ST = a + b, a - b, a * b, a / b, sqrt(a) with precision control. */
FPReg fp_add(FPCtx *c, FPReg a, FPReg b);
FPReg fp_sub(FPCtx *c, FPReg a, FPReg b);
FPReg fp_mul(FPCtx *c, FPReg a, FPReg b);
FPReg fp_div(FPCtx *c, FPReg a, FPReg b);
FPReg fp_sqrt(FPCtx *c, FPReg a);
/* Round to an integral value by the rounding control (FRNDINT). */
FPReg fp_round_int(FPCtx *c, FPReg a);
/*
 * Compare: returns 0 less, 1 equal, 2 greater, 3 unordered.  quiet: FUCOM
 * (only SNaNs are invalid), else FCOM (any NaN is invalid).
 */
int fp_compare(FPCtx *c, FPReg a, FPReg b, bool quiet);
/*
 * Round the value sig / 2^127 * 2^(exp - 16383) (sig normalized to bit
 * 127, or 0) to the extended format with prec bits of precision (24, 53,
 * 64): the masked and unmasked overflow/underflow responses, C1, PE.
 */
FPReg fp_round_pack(FPCtx *c, int sign, int32_t exp, unsigned __int128 sig,
                    int prec);

/* ---- conversions (fpu-ops-float.c) ---- */

/* Binary32/64 to extended, exact: SNaN quieted with IE, denormal DE. */
FPReg fp_from_f32(FPCtx *c, uint32_t v);
FPReg fp_from_f64(FPCtx *c, uint64_t v);
/*
 * The same for the memory operand of an arithmetic instruction: an SNaN
 * stays signaling (the operation raises IE and applies the NaN rules, in
 * which a QNaN operand wins over it).
 */
FPReg fp_from_f32_raw(FPCtx *c, uint32_t v);
FPReg fp_from_f64_raw(FPCtx *c, uint64_t v);
/* A signed integer, exact. */
FPReg fp_from_int(int64_t v);
/*
 * To single / double by the rounding control.  Returns false when an
 * unmasked exception forbids the store (nothing must be written).
 */
bool fp_to_f32(FPCtx *c, FPReg a, uint32_t *out);
bool fp_to_f64(FPCtx *c, FPReg a, uint64_t *out);
/*
 * To a signed integer of bits 16/32/64 by the rounding control (or
 * truncating: FISTTP).  Out of range or NaN: IE and the integer indefinite
 * (the most negative value).  Returns false on unmasked IE (no store).
 */
bool fp_to_int(FPCtx *c, FPReg a, int bits, bool truncate, int64_t *out);
/* Packed BCD (10 bytes, little-endian) to and from the extended format. */
FPReg fp_from_bcd(const uint8_t bcd[10]);
bool fp_to_bcd(FPCtx *c, FPReg a, uint8_t bcd[10]);

/* ---- fpu-ops-math.c: the rest of the arithmetic ---- */

/*
 * Partial remainder of a / b (FPREM: truncated quotient; FPREM1: round to
 * nearest).  *cc gets C0 C1 C2 C3 (status word bits): C2 set when the
 * reduction is incomplete, else C0 C3 C1 = quotient bits 2, 1, 0.
 * *ccmask: the condition bits the instruction changes (only C2 for NaN
 * and invalid operands).
 */
FPReg fp_prem(FPCtx *c, FPReg a, FPReg b, bool ieee, uint16_t *cc,
              uint16_t *ccmask);
/* a * 2^trunc(b) (FSCALE). */
FPReg fp_scale(FPCtx *c, FPReg a, FPReg b);
/* FXTRACT: *sig = the significand (exponent 0), returns the exponent. */
FPReg fp_xtract(FPCtx *c, FPReg a, FPReg *sig);
/* The FXAM class code as status bits C0 C2 C3 (C1 = sign). */
uint16_t fp_examine(FPReg a, bool empty);
/*
 * Transcendentals (host libm in long double): 2^a - 1, y * log2(x),
 * y * log2(x + 1), atan(y / x) with the quadrant of (x, y).
 */
FPReg fp_f2xm1(FPCtx *c, FPReg a);
FPReg fp_yl2x(FPCtx *c, FPReg x, FPReg y);
FPReg fp_yl2xp1(FPCtx *c, FPReg x, FPReg y);
FPReg fp_patan(FPCtx *c, FPReg x, FPReg y);
/*
 * sin and cos / tan of a; false (nothing computed: the instruction sets
 * C2) when |a| >= 2^63.
 */
bool fp_sincos(FPCtx *c, FPReg a, FPReg *s, FPReg *co);
bool fp_tan(FPCtx *c, FPReg a, FPReg *t);

/*
 * The constants of FLD1..FLDZ (D9 E8..EE: index 0..6) rounded by the
 * rounding control as the hardware does.
 */
FPReg fp_const(unsigned idx, unsigned rc);

/* ---- fpu-ops-env.c: the state images ---- */

/* The full tag word (2 bits per register: valid, zero, special, empty). */
uint16_t x86_fpu_tag_word(CPUX86State *env);
/* The status word with TOP. */
uint16_t x86_fpu_status(CPUX86State *env);
void x86_fpu_set_status(CPUX86State *env, uint16_t fsw);

/* Parts of the FXSAVE legacy region (x86_fxsave_image()). */
#define FXP_X87   1u        /* FCW..FDS, the 8 registers */
#define FXP_MXCSR 2u        /* MXCSR and MXCSR_MASK */
#define FXP_XMM   4u        /* the XMM registers */
/*
 * Fill the 512-byte FXSAVE legacy region buf with the parts asked for
 * (other bytes untouched).  wide: the 64-bit (REX.W) layout, FIP and FDP
 * 8 bytes each; else 32-bit offsets with FCS/FDS (written 0).  nregs:
 * XMM registers saved (8 outside 64-bit mode, 16 in it).
 */
void x86_fxsave_image(CPUX86State *env, uint8_t *buf, bool wide,
                      unsigned parts, int nregs);
/*
 * Load the parts of an FXSAVE image.  Returns false, loading nothing,
 * when the MXCSR image has bits outside MXCSR_MASK (#GP).
 */
bool x86_fxrstor_image(CPUX86State *env, const uint8_t *buf, bool wide,
                       unsigned parts, int nregs);
/* FNINIT's state (without touching MXCSR). */
void x86_fpu_reset_state(CPUX86State *env);

/* ---- fpu-ops.c: helpers of the instruction handlers ---- */

static inline FPReg *fpu_st(CPUX86State *env, int i)
{
    return &env->fpregs[(env->fpstt + i) & 7];
}
static inline bool fpu_empty(CPUX86State *env, int i)
{
    return env->fptags[(env->fpstt + i) & 7] != 0;
}
static inline void fpu_set_st(CPUX86State *env, int i, FPReg v)
{
    env->fpregs[(env->fpstt + i) & 7] = v;
    env->fptags[(env->fpstt + i) & 7] = 0;
}
static inline FPCtx fpu_ctx(CPUX86State *env)
{
    FPCtx c = { .cw = env->fpuc, .sw = 0 };
    return c;
}
static inline void fpu_pop(CPUX86State *env)
{
    env->fptags[env->fpstt & 7] = 1;
    env->fpstt = (env->fpstt + 1) & 7;
}
/*
 * The checks that start a waiting x87 instruction: #NM when CR0.EM or
 * CR0.TS, #MF for a pending unmasked exception when CR0.NE (with NE = 0
 * the legacy FERR# report is not modelled: the instruction goes on).
 * Records FIP/FOP (and FDP for a memory operand) unless control is set
 * (the control instructions leave them).
 */
void fpu_begin(CPUX86State *env, const X86Insn *in, bool control);
/* #NM check alone: the non-waiting control instructions (FNINIT...). */
void fpu_begin_nowait(CPUX86State *env);
/* ES and B from the flags and the masks. */
void fpu_update_es(CPUX86State *env);
/* Merge an operation's flags and C1 into the status word. */
void fpu_merge(CPUX86State *env, const FPCtx *c);
/*
 * Stack underflow (an empty register read) / overflow (a push onto a
 * full register): IE and SF, C1 = 0 / 1.  Returns true when IE is masked
 * (the caller delivers the masked response).
 */
bool fpu_underflow(CPUX86State *env);
bool fpu_overflow(CPUX86State *env);
/* Push v (stack overflow: the indefinite when masked, else nothing). */
void fpu_push(CPUX86State *env, FPReg v);
/* Does the CPU model have feature bit of word? */
static inline bool fpu_has(CPUX86State *env, FeatureWord w, uint64_t bit)
{
    return (env->features[w] & bit) != 0;
}

/*
 * Instruction registration of the other FPU files (called from
 * x86_fpu_ops_init()).
 */
void x86_fpu_arith_ops_init(void);
void x86_fpu_env_ops_init(void);

/*
 * The handler of escape opcode op (0xd8-0xdf), memory form (mod3 false)
 * or register form: x86_fpu_set_escape() registers it in the opcode map
 * and remembers it; x86_fpu_escape_handler() returns it (the unit tests
 * run the handlers without the decoder).
 */
void x86_fpu_set_escape(unsigned op, bool mod3, X86InsnFn fn);
X86InsnFn x86_fpu_escape_handler(unsigned op, bool mod3);

/* Handlers shared between the FPU files (in->modrm selects the form). */
void x86_fpu_d9_group(CPUX86State *env, const X86Insn *in);   /* D9 E0-FF */
void x86_fpu_compare_reg(CPUX86State *env, const X86Insn *in); /* FUCOM... */
void x86_fpu_fcmov(CPUX86State *env, const X86Insn *in);
void x86_fpu_fldenv(CPUX86State *env, const X86Insn *in);
void x86_fpu_fnstenv(CPUX86State *env, const X86Insn *in);
void x86_fpu_frstor(CPUX86State *env, const X86Insn *in);
void x86_fpu_fnsave(CPUX86State *env, const X86Insn *in);

/*
 * An MMX instruction's effect on the x87 state (SDM vol. 1 9.5.1):
 * TOP = 0 and every tag valid.  The MMX handlers (sse-ops.c) call it.
 */
void x86_fpu_enter_mmx(CPUX86State *env);

#endif
