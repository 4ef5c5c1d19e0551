/*
 * sse-internal.h: MMX and SSE..SSE4.2 of the software CPU, internal
 * interface.
 *
 * The instructions are split in two layers (docs/tcg-sse.md):
 *
 * - Pure helpers (sse-arith.c, sse-cvt.c, sse4-fp.c, sse-int.c,
 *   sse-shuffle.c, sse4.c, sse-str.c, sse-aes.c) compute one instruction
 *   on XMMReg values.  Most have the uniform SseFn shape: d is the
 *   destination (and first source), s the second source, *mxcsr the
 *   MXCSR in force; the helper ORs the exception flags it raises into
 *   *mxcsr (the caller passes the control bits with the flags clear, so
 *   afterwards the low six bits are exactly this instruction's flags).  imm is the immediate byte, if any.  The
 *   MMX forms use the low 8 bytes; helpers whose MMX form differs (lanes
 *   cross the 64-bit boundary) have a separate *_mmx variant.  These
 *   helpers need no CPU, so tests/unit/test-tcg-sse.c compares them with
 *   the host processor.
 * - Instruction handlers (sse-ops.c, sse-move.c, sse-ops-special.c) do
 *   the CPUID / CR0 / CR4 checks, load the operands (alignment, faults),
 *   call the helper, deliver unmasked SIMD exceptions (#XM or #UD) before
 *   anything is written, then write the destination.  Most opcodes go
 *   through one table-driven handler (sse_reg()).
 *
 * Floating point uses the host's IEEE arithmetic for the correctly
 * rounded basic operations (the rounding mode set with fesetround(), the
 * flags read with fetestexcept()); NaN propagation, DAZ, FTZ, the
 * denormal-operand flag, integer conversions and x86's special cases are
 * done in software so the result does not depend on the host's own rules.
 */
#ifndef TARGET_I386_TCG_SSE_INTERNAL_H
#define TARGET_I386_TCG_SSE_INTERNAL_H

#include <fenv.h>
#include "target/i386/tcg/tcg-cpu.h"

/* MXCSR (SDM vol. 1 10.2.3). */
#define MXCSR_IE   0x0001u      /* invalid operation */
#define MXCSR_DE   0x0002u      /* denormal operand */
#define MXCSR_ZE   0x0004u      /* divide by zero */
#define MXCSR_OE   0x0008u      /* overflow */
#define MXCSR_UE   0x0010u      /* underflow */
#define MXCSR_PE   0x0020u      /* precision */
#define MXCSR_FLAGS 0x003fu
#define MXCSR_DAZ  0x0040u      /* denormal source operands are zero */
#define MXCSR_MASKS 0x1f80u     /* IM DM ZM OM UM PM, flags << 7 */
#define MXCSR_MASK_SHIFT 7
#define MXCSR_RC_SHIFT 13       /* 0 nearest, 1 down, 2 up, 3 toward 0 */
#define MXCSR_RC   0x6000u
#define MXCSR_FTZ  0x8000u      /* tiny results are flushed to zero */
#define MXCSR_DEFAULT 0x1f80u

/* The uniform helper shape (see above). */
typedef void (*SseFn)(XMMReg *d, const XMMReg *s, uint32_t *mxcsr,
                      unsigned imm);

/* ---- registration of table-driven instructions (sse-ops.c) ---- */

/* Descriptor flags for sse_reg(). */
#define SD_MMX      0x0001  /* operands are MMX registers (m64) */
#define SD_FP       0x0002  /* SIMD floating point: may raise #XM */
#define SD_IMM      0x0004  /* has an imm8 */
#define SD_ALIGN    0x0008  /* a 16-byte memory operand must be aligned */
#define SD_M2       0x0010  /* memory operand of 2 bytes */
#define SD_M4       0x0020  /* 4 bytes (copied to every dword of s) */
#define SD_M8       0x0040  /* 8 bytes (both halves of s; else 16,
                             * or 8 with SD_MMX) */
#define SD_MMXSRC   0x0080  /* source mm/m64, destination xmm */
#define SD_MMXDST   0x0100  /* destination mm, source xmm */
#define SD_MZERO    0x0200  /* memory form: the destination starts zeroed */
#define SD_MEMONLY  0x0400  /* register form is #UD */
#define SD_REGONLY  0x0800  /* memory form is #UD */
#define SD_STAGED   0x1000  /* DPPS/DPPD: an unmasked exception reports
                             * every flag of the stage it stopped in */

/* Feature requirements: the CPUID word and bit. */
enum {
    SSE_F_MMX, SSE_F_SSE, SSE_F_SSE2, SSE_F_SSE3, SSE_F_SSSE3,
    SSE_F_SSE41, SSE_F_SSE42, SSE_F_AES, SSE_F_PCLMUL, SSE_F_NB
};

/* CPUID[1].ECX bits cpu.h does not name (cpu-features.c: "pclmulqdq", "aes"). */
#define SSE_CPUID_EXT_PCLMULQDQ (1U << 1)
#define SSE_CPUID_EXT_AES       (1U << 25)

/*
 * Register opcode map:op with mandatory prefix pfx as a table-driven
 * instruction: helper fn, descriptor flags SD_*, required feature SSE_F_*.
 */
void sse_reg(unsigned map, unsigned op, int pfx, SseFn fn, unsigned flags,
             int feat);

/*
 * The checks every instruction makes first: feature advertised, CR0.EM,
 * CR4.OSFXSR (not for MMX-register forms: mmx true) raise #UD; CR0.TS
 * raises #NM; MMX forms then raise #MF for a pending x87 exception.
 */
void sse_check(CPUX86State *env, int feat, bool mmx);
/* #MF for a pending unmasked x87 exception (MMX-register forms). */
void sse_check_x87_pending(CPUX86State *env);
/*
 * Deliver this instruction's SIMD flags: #XM/#UD on an unmasked one
 * (all: record every raised flag even for an unmasked IE/DE/ZE).
 */
void sse_commit_flags(CPUX86State *env, uint32_t raised, bool all);
/* Load / store 16 bytes (#GP(0) when align and misaligned). */
void sse_ld128(CPUX86State *env, uint64_t la, XMMReg *r, bool align);
void sse_st128(CPUX86State *env, uint64_t la, const XMMReg *r, bool align);
/* MMX registers: read, and write (with the MMX state transition done). */
static inline uint64_t sse_mmx_get(CPUX86State *env, int r)
{
    return env->fpregs[r & 7].mant;
}
void sse_mmx_set(CPUX86State *env, int r, uint64_t v);
/* The MMX transition (TOP = 0, tags valid). */
void sse_enter_mmx(CPUX86State *env);
/* Feature-check helpers shared by the special handlers. */
bool sse_has_feature(CPUX86State *env, int feat);

/* Registration of each file (called from x86_sse_ops_init()). */
void sse_move_ops_init(void);
void sse_special_ops_init(void);
void sse_arith_ops_init(void);
void sse_cvt_ops_init(void);
void sse_int_ops_init(void);
void sse_shuffle_ops_init(void);
void sse4_ops_init(void);
void sse4_fp_ops_init(void);
void sse_aes_ops_init(void);

/* ---- floating point core (sse-arith.c) ---- */

/*
 * One floating-point instruction's context: mx holds the MXCSR control
 * bits in force and collects the flags raised.  sse_fp_begin() sets the
 * host rounding mode from MXCSR.RC, sse_fp_end() restores it and ORs the
 * flags into *mxcsr.
 */
typedef struct SseFp {
    uint32_t mx;
    uint32_t flags;
    bool batch;         /* host flags read once per instruction */
} SseFp;

void sse_fp_begin(SseFp *f, uint32_t mxcsr);
void sse_fp_end(SseFp *f, uint32_t *mxcsr);

/*
 * Around one element's host operation: the host flags (FE_*) it raised,
 * or 0 in batch mode (every exception masked, no FTZ: nothing needs the
 * flags of one element, sse_fp_end() reads them for all).
 */
static inline void sse_fp_elem_begin(const SseFp *f)
{
    if (!f->batch) {
        feclearexcept(FE_ALL_EXCEPT);
    }
}

static inline int sse_fp_elem_end(const SseFp *f)
{
    return f->batch ? 0 : fetestexcept(FE_ALL_EXCEPT);
}

enum { FOP_ADD, FOP_SUB, FOP_MUL, FOP_DIV, FOP_SQRT, FOP_CVT };

/* One element: a op b (b unused for sqrt) in single (dbl false) or double. */
uint64_t sse_fp_op(SseFp *f, int op, uint64_t a, uint64_t b, bool dbl);
/* DAZ applied to a source operand (denormal -> signed zero). */
uint64_t sse_fp_daz(const SseFp *f, uint64_t a, bool dbl);
bool sse_fp_is_nan(uint64_t a, bool dbl);
bool sse_fp_is_snan(uint64_t a, bool dbl);
bool sse_fp_is_denormal(uint64_t a, bool dbl);
uint64_t sse_fp_quiet(uint64_t a, bool dbl);
/*
 * Finish a host result r (format dbl) whose host exception flags are e
 * (FE_*): QNaN indefinite, tininess, FTZ, PE under an unmasked OE/UE
 * (op, a, b: the operation, redone exactly); flags into f.
 */
uint64_t sse_fp_post(SseFp *f, uint64_t r, int e, bool dbl, int op,
                     uint64_t a, uint64_t b);
/* x rounded to an integral value: rc 0 nearest-even, 1 down, 2 up, 3 chop. */
double sse_round_double(double x, unsigned rc);
/* Host value of the bits. */
double sse_fp_val(uint64_t a, bool dbl);
/*
 * Compare for COMIS/UCOMIS/CMP: 0 less, 1 equal, 2 greater, 3 unordered;
 * signaling: any NaN is invalid (else only SNaNs).  DAZ and DE handled.
 */
int sse_fp_compare(SseFp *f, uint64_t a, uint64_t b, bool dbl,
                   bool signaling);

/* The EFLAGS (ZF PF CF) COMISS/UCOMISS/COMISD/UCOMISD produce. */
uint32_t sse_comis(uint64_t a, uint64_t b, bool dbl, bool signaling,
                   uint32_t *mxcsr);

/* ---- conversions with general registers (sse-cvt.c) ---- */

/*
 * CVTSS2SI / CVTSD2SI / CVTTSS2SI / CVTTSD2SI: a (single or double) to a
 * 32- or 64-bit signed integer, by MXCSR.RC or truncating.
 */
int64_t sse_cvt_f2i(uint64_t a, bool dbl, bool is64, bool trunc,
                    uint32_t *mxcsr);
/* CVTSI2SS / CVTSI2SD: v (32 or 64 bits) to single or double. */
uint64_t sse_cvt_i2f(int64_t v, bool dbl, uint32_t *mxcsr);

/* ---- SSE4.2 strings and CRC32 (sse-str.c) ---- */

/*
 * PCMPESTRI/PCMPESTRM (explicit: la, lb are EAX/EDX) and
 * PCMPISTRI/PCMPISTRM (implicit lengths).  Returns the EFLAGS
 * (CF ZF SF OF; AF PF clear) and the intermediate result IntRes2 in
 * *res (one bit per element); *index is what the I forms put in ECX,
 * *mask what the M forms put in XMM0.
 */
uint32_t sse_pcmpstr(const XMMReg *a, const XMMReg *b, int64_t la,
                     int64_t lb, unsigned imm, bool explicit_len,
                     unsigned *index, XMMReg *mask);
/* CRC32 (Castagnoli, bit-reflected) of the low bytes bytes of v. */
uint32_t sse_crc32(uint32_t crc, uint64_t v, unsigned bytes);

/* ---- helpers with other shapes ---- */

/* PMOVMSKB / MOVMSKPS / MOVMSKPD (n bytes: 8 for MMX). */
uint32_t sse_pmovmskb(const XMMReg *s, unsigned n);
uint32_t sse_movmskps(const XMMReg *s);
uint32_t sse_movmskpd(const XMMReg *s);
/* PTEST: the EFLAGS (ZF CF). */
uint32_t sse_ptest(const XMMReg *d, const XMMReg *s);
/* PBLENDVB / BLENDVPS / BLENDVPD (es: element size 1, 4, 8). */
void sse_blendv(XMMReg *d, const XMMReg *s, const XMMReg *mask, int es);

/* ---- the SseFn helpers ---- */
#include "target/i386/tcg/sse-helpers.h"

#endif
