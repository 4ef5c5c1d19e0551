/*
 * tcg-cpu.h: the software x86-64 CPU's internal interface.
 *
 * The software CPU ("-accel tcg") is an interpreter of predecoded
 * instructions (docs/tcg.md):
 *
 * - The decoder (decode.c) turns guest code into translation blocks
 *   (TBs): runs of at most TB_MAX_INSNS instructions, each an X86Insn
 *   holding its handler and every operand field the handler needs
 *   (register numbers with REX applied, the effective-address parts,
 *   immediates, the address of the next instruction).  A TB ends at a
 *   control transfer, at an instruction flagged OPF_END (one that changes
 *   the CPU mode, the interrupt flag or wants the loop to look at pending
 *   work), or at a page boundary.
 * - The executor (accel/tcg/cpu-exec.c) looks TBs up by (linear pc,
 *   CS base, mode flags) and calls each instruction's handler in turn.
 *   Between TBs it checks pending interrupts and requests.
 * - Handlers run on CPUX86State directly.  Contract for every handler:
 *   do everything that can fault (memory accesses, checks) before
 *   changing architectural state that a restart would see twice; finish
 *   by setting env->eip (in->next_eip for sequential flow).  A fault is
 *   raised with raise_exception*(), which unwinds (siglongjmp) to the
 *   executor with env->eip still at the faulting instruction.
 * - Arithmetic flags are lazy: an ALU instruction stores its operands and
 *   result (cc_src, cc_src2, cc_dst) and a CC_OP_* saying which operation
 *   produced them; cc_compute_all() / cc_compute_c() / cc_test() derive
 *   the flags when something reads them.  CC_OP_EFLAGS means cc_src holds
 *   OSZAPC as bits.  The other EFLAGS bits stay in env->eflags.
 * - Memory: every guest access goes through a software TLB per vCPU
 *   (accel/tcg/cputlb.c): direct-mapped, indexed by virtual page, one
 *   table per MMU index (kernel with SMAP, kernel, user), each entry
 *   giving the host address of a RAM page for reads, writes and code.
 *   A miss walks the guest page tables (x86_tlb_fill(), excp-helper.c);
 *   pages that are MMIO, or RAM holding translated code, are marked so
 *   their accesses take the slow path (device dispatch / code
 *   invalidation).
 *
 * Instruction handlers are registered in the opcode maps with
 * x86_op_set() by one init function per file (x86_*_ops_init(), called
 * from x86_tcg_ops_init()).
 */
#ifndef TARGET_I386_TCG_CPU_H
#define TARGET_I386_TCG_CPU_H

#include "target/i386/cpu.h"
#include <setjmp.h>

/* The helpers every instruction uses: always inlined. */
#define TCG_INLINE static inline __attribute__((always_inline))

/* ---- mode bits (env->hflags) ---- */

#define HF_CPL_MASK        0x00000003   /* current privilege level */
#define HF_INHIBIT_IRQ     (1u << 3)    /* interrupt shadow (STI, MOV SS) */
#define HF_CS32            (1u << 4)    /* CS.D: 32-bit code */
#define HF_SS32            (1u << 5)    /* SS.B: 32-bit stack */
#define HF_PE              (1u << 6)    /* CR0.PE */
#define HF_TF              (1u << 7)    /* EFLAGS.TF (single step) */
#define HF_MP              (1u << 8)    /* CR0.MP */
#define HF_EM              (1u << 9)    /* CR0.EM */
#define HF_TS              (1u << 10)   /* CR0.TS */
#define HF_LMA             (1u << 11)   /* EFER.LMA */
#define HF_CS64            (1u << 12)   /* 64-bit code (LMA and CS.L) */
#define HF_OSFXSR          (1u << 13)   /* CR4.OSFXSR */
#define HF_VM              (1u << 14)   /* EFLAGS.VM (virtual-8086) */
#define HF_SMM             (1u << 15)   /* system management mode */
#define HF_PG              (1u << 16)   /* CR0.PG */
#define HF_SMAP            (1u << 17)   /* CR4.SMAP */
#define HF_OSXSAVE         (1u << 18)   /* CR4.OSXSAVE */
#define HF_NMI_BLOCKED     (1u << 19)   /* in an NMI handler until IRET */
#define HF_RF              (1u << 20)   /* EFLAGS.RF seen at TB start */
#define HF_SEGCHECK        (1u << 22)   /* outside 64-bit mode, a segment
                                         * has a limit (or is null or
                                         * expand-down): check offsets */

/*
 * The bits a TB's lookup key includes: the decoding depends on the code
 * size and single-stepping; the privilege level keeps code fetched with
 * supervisor rights from being run at CPL 3 without the U/S check.
 */
#define TB_FLAGS_MASK (HF_CS32 | HF_CS64 | HF_TF | HF_CPL_MASK)

/* MMU indexes: one TLB each. */
enum {
    MMU_KSMAP_IDX = 0,  /* supervisor data access with SMAP enforced */
    MMU_KERNEL_IDX = 1, /* supervisor (no SMAP check, or implicit) */
    MMU_USER_IDX = 2,   /* CPL 3 */
    MMU_USER_AC_IDX = 3, /* CPL 3 with alignment checks (CR0.AM, EFLAGS.AC):
                          * every access takes the slow path */
    NB_MMU_MODES = 4
};

/* Exception vectors (SDM vol. 3 table 6-1). */
enum {
    EXCP00_DIVZ = 0, EXCP01_DB = 1, EXCP02_NMI = 2, EXCP03_INT3 = 3,
    EXCP04_INTO = 4, EXCP05_BOUND = 5, EXCP06_ILLOP = 6, EXCP07_PREX = 7,
    EXCP08_DBLE = 8, EXCP09_XERR = 9, EXCP0A_TSS = 10, EXCP0B_NOSEG = 11,
    EXCP0C_STACK = 12, EXCP0D_GPF = 13, EXCP0E_PAGE = 14, EXCP10_COPR = 16,
    EXCP11_ALGN = 17, EXCP12_MCHK = 18, EXCP13_XMM = 19,
};
/* Reasons to leave the executor that are not guest exceptions. */
#define EXCP_INTERRUPT 0x10000  /* exit_request / pending work */
#define EXCP_HLT       0x10001  /* the CPU halted */
#define EXCP_HALTED    0x10002  /* waiting for SIPI / stopped */
#define EXCP_SMC       0x10003  /* the running TB was overwritten */

/* Page-fault error code bits (SDM vol. 3 4.7). */
#define PG_ERROR_P_MASK    0x01
#define PG_ERROR_W_MASK    0x02
#define PG_ERROR_U_MASK    0x04
#define PG_ERROR_RSVD_MASK 0x08
#define PG_ERROR_I_D_MASK  0x10
#define PG_ERROR_PK_MASK   0x20

/* ---- lazy flags ---- */

/*
 * How the arithmetic flags follow from cc_dst/cc_src/cc_src2.  The ops
 * that come in four sizes are laid out B, W, L, Q so that
 * CC_OP_ADDB + ot is the right one.
 */
enum {
    CC_OP_EFLAGS = 0,   /* cc_src: the flags (CC_O|CC_S|CC_Z|CC_A|CC_P|CC_C) */
    CC_OP_ADDB = 4,     /* dst = result, src = second operand */
    CC_OP_ADCB = 8,     /* dst = result, src = second operand, src2 = carry */
    CC_OP_SUBB = 12,    /* dst = result, src = second operand (CMP too) */
    CC_OP_SBBB = 16,    /* dst = result, src = second operand, src2 = borrow */
    CC_OP_LOGICB = 20,  /* dst = result; C = O = 0 */
    CC_OP_INCB = 24,    /* dst = result, src = C before */
    CC_OP_DECB = 28,    /* dst = result, src = C before */
    CC_OP_SHLB = 32,    /* dst = result, src = operand << (count - 1) */
    CC_OP_SARB = 36,    /* dst = result, src = operand >> (count - 1)
                         * (SHR and SAR): C = src & 1, O = top bit of
                         * src ^ dst (SAR: 0; SHR by 1: the old top bit) */
    CC_OP_MULB = 40,    /* dst = low result, src = nonzero if C = O = 1 */
    CC_OP_BMILGB = 44,  /* dst = result, src = source: C = (src == 0) */
    CC_OP_NB = 48
};

/* OSZAPC in EFLAGS. */
#define CC_MASK (CC_O | CC_S | CC_Z | CC_A | CC_P | CC_C)

/* All six flags (as EFLAGS bits) from the lazy state. */
uint32_t cc_compute_all(CPUX86State *env);
/* CF alone. */
uint32_t cc_compute_c(CPUX86State *env);

/* The architectural EFLAGS value (lazy flags folded in). */
uint64_t cpu_compute_eflags(CPUX86State *env);
/*
 * Load EFLAGS: the arithmetic flags into the lazy state, the bits in
 * update_mask into env->eflags (bit 1 always set); hflags follow (TF, VM).
 */
void cpu_load_eflags(CPUX86State *env, uint64_t eflags, uint64_t update_mask);

TCG_INLINE void set_cc_op(CPUX86State *env, unsigned op, uint64_t dst,
                             uint64_t src)
{
    env->cc_op = op;
    env->cc_dst = dst;
    env->cc_src = src;
}

/* Operand sizes (X86Insn.ot, .aflag): bytes = 1 << ot. */
enum { MO_8 = 0, MO_16 = 1, MO_32 = 2, MO_64 = 3 };

TCG_INLINE uint64_t ot_mask(int ot)
{
    return ot == MO_64 ? ~0ull : (1ull << (8 << ot)) - 1;
}

TCG_INLINE int64_t sext_ot(uint64_t v, int ot)
{
    switch (ot) {
    case MO_8: return (int8_t)v;
    case MO_16: return (int16_t)v;
    case MO_32: return (int32_t)v;
    default: return (int64_t)v;
    }
}

/*
 * Condition code cond (the low nibble of Jcc/SETcc/CMOVcc: 0 = O,
 * 1 = NO, 2 = B, ..., 15 = NLE) true?  The common cases come straight
 * from the recorded operands: Z and S from any result, every condition
 * after SUB/CMP and after logic operations.
 */
TCG_INLINE bool cc_test(CPUX86State *env, unsigned cond)
{
    unsigned op = env->cc_op, kind = cond >> 1;
    int ot = op & 3;
    uint64_t m = ot_mask(ot);
    uint64_t dst = env->cc_dst & m;
    bool r;
    uint32_t f;

    if (op != CC_OP_EFLAGS) {
        if (kind == 2) {
            return (dst == 0) ^ (cond & 1);
        }
        if (kind == 4) {
            return (sext_ot(dst, ot) < 0) ^ (cond & 1);
        }
        if ((op & ~3u) == CC_OP_SUBB) {
            uint64_t src = env->cc_src & m;
            uint64_t a = (dst + src) & m;

            switch (kind) {
            case 0: goto slow;
            case 1: r = a < src; break;
            case 3: r = a <= src; break;
            case 5: goto slow;
            case 6: r = sext_ot(a, ot) < sext_ot(src, ot); break;
            default: r = sext_ot(a, ot) <= sext_ot(src, ot); break;
            }
            return r ^ (cond & 1);
        }
        if ((op & ~3u) == CC_OP_LOGICB) {
            switch (kind) {
            case 0: case 1: r = false; break;
            case 3: r = dst == 0; break;
            case 5: goto slow;
            case 6: r = sext_ot(dst, ot) < 0; break;
            default: r = sext_ot(dst, ot) <= 0; break;
            }
            return r ^ (cond & 1);
        }
    }
slow:
    f = cc_compute_all(env);
    switch (kind) {
    case 0: r = f & CC_O; break;
    case 1: r = f & CC_C; break;
    case 2: r = f & CC_Z; break;
    case 3: r = f & (CC_C | CC_Z); break;
    case 4: r = f & CC_S; break;
    case 5: r = f & CC_P; break;
    case 6: r = !(f & CC_S) != !(f & CC_O); break;
    default: r = (f & CC_Z) || (!(f & CC_S) != !(f & CC_O)); break;
    }
    return r ^ (cond & 1);
}

/* Replace the arithmetic flags outright. */
TCG_INLINE void set_eflags_cc(CPUX86State *env, uint32_t flags)
{
    env->cc_op = CC_OP_EFLAGS;
    env->cc_src = flags & CC_MASK;
}

/* ---- decoded instructions ---- */

typedef struct X86Insn X86Insn;
typedef void (*X86InsnFn)(CPUX86State *env, const X86Insn *in);

#define REG_NONE 16         /* X86Insn.base/.index: no register */
#define SEG_NONE 6          /* X86Insn.seg: no segment base (64-bit mode) */

/* X86Insn.prefix bits. */
#define PREFIX_REPZ   0x01
#define PREFIX_REPNZ  0x02
#define PREFIX_LOCK   0x04
#define PREFIX_DATA   0x08  /* 0x66 */
#define PREFIX_ADR    0x10  /* 0x67 */
#define PREFIX_REX    0x20  /* any REX byte (byte registers 4-7 = SPL..DIL) */
#define PREFIX_SEG    0x40  /* a segment override */

/* X86Insn.pfx: the mandatory prefix an SSE-style entry matched. */
enum { PFX_NONE = 0, PFX_66 = 1, PFX_F3 = 2, PFX_F2 = 3 };

struct X86Insn {
    X86InsnFn fn;
    uint64_t next_eip;      /* EIP after this instruction (wrapped) */
    uint64_t eip;           /* EIP of this instruction */
    int64_t disp;           /* displacement; RIP-relative already resolved
                             * to an absolute offset (base = REG_NONE) */
    uint64_t imm;           /* immediate, sign- or zero-extended per the
                             * entry flags; branch target for OPF_REL */
    uint16_t imm2;          /* second immediate (ENTER level, far
                             * pointer selector) */
    uint8_t len;
    uint8_t ot;             /* operand size MO_8..MO_64 */
    uint8_t aflag;          /* address size MO_16..MO_64 */
    uint8_t map;            /* 0: one-byte, 1: 0F, 2: 0F38, 3: 0F3A */
    uint8_t op;             /* opcode byte within the map */
    uint8_t modrm;
    uint8_t reg;            /* ModRM.reg + REX.R (or opcode low 3 bits +
                             * REX.B for +r forms) */
    uint8_t rm;             /* ModRM.rm + REX.B (register form) */
    uint8_t mod3;           /* 1: register form (mod == 3) */
    uint8_t base, index;    /* REG_NONE when absent; index + REX.X */
    uint8_t scale;          /* 0..3 */
    uint8_t seg;            /* R_ES..R_GS, or SEG_NONE */
    uint8_t prefix;         /* PREFIX_* */
    uint8_t pfx;            /* PFX_* */
    uint8_t rex_w;          /* REX.W */
};

#define TB_MAX_INSNS 64

typedef struct TranslationBlock TranslationBlock;
struct TranslationBlock {
    uint64_t pc;            /* linear address of the first byte */
    uint64_t cs_base;
    uint32_t flags;         /* hflags & TB_FLAGS_MASK */
    uint16_t n_insns;
    uint16_t size;          /* bytes of guest code */
    volatile int invalid;   /* set when its code page was written */
    uint64_t phys_page[2];  /* guest-physical pages holding the code
                             * (second: -1 when on one page) */
    TranslationBlock *page_next[2];   /* TBs of the same page */
    TranslationBlock *hash_next;
    TranslationBlock *succ[2];        /* last two successors (chaining) */
    /* n_insns instructions, then an entry with fn NULL that ends the run
     * (a TB that overwrote itself gets every fn cleared: tb_stop()). */
    X86Insn insns[];
};

/* ---- opcode maps (decode.c) ---- */

/* Entry flags. */
#define OPF_MODRM     (1u << 0)   /* has a ModRM byte */
#define OPF_BYTE      (1u << 1)   /* operand size is 8 bits */
#define OPF_IMM8      (1u << 2)   /* imm8, sign-extended */
#define OPF_IMM8U     (1u << 3)   /* imm8, zero-extended */
#define OPF_IMM16     (1u << 4)   /* imm16 */
#define OPF_IMMZ      (1u << 5)   /* imm16/32 by operand size, sign-extended
                                   * (imm8 when OPF_BYTE) */
#define OPF_IMMV      (1u << 6)   /* imm16/32/64 by operand size (MOV r,imm) */
#define OPF_REL8      (1u << 7)   /* rel8 branch: imm = target EIP */
#define OPF_RELZ      (1u << 8)   /* rel16/32 branch: imm = target EIP */
#define OPF_FAR       (1u << 9)   /* ptr16:16/32: imm = offset, imm2 = sel */
#define OPF_MOFFS     (1u << 10)  /* moffs (A0-A3): disp by address size */
#define OPF_ENTER     (1u << 11)  /* imm16 then imm8 (ENTER) */
#define OPF_DEF64     (1u << 12)  /* 64-bit operand by default in 64-bit mode
                                   * (66 gives 16) */
#define OPF_FORCE64   (1u << 13)  /* always 64-bit in 64-bit mode */
#define OPF_NO64      (1u << 14)  /* #UD in 64-bit mode */
#define OPF_END       (1u << 15)  /* ends the TB (branches, mode changes) */
#define OPF_LOCK      (1u << 16)  /* LOCK allowed (with a memory operand) */
#define OPF_MEM       (1u << 17)  /* ModRM must be a memory operand (#UD) */
#define OPF_REGONLY   (1u << 18)  /* ModRM must be a register (#UD) */
#define OPF_SSE       (1u << 19)  /* the 66 prefix selects, not resizes */
#define OPF_IMM32     (1u << 20)  /* imm32 zero-extended */
#define OPF_MODRM_REG (1u << 21)  /* ModRM always a register form, mod
                                   * ignored (MOV CR/DR) */

/* Match-anything values for x86_op_set(). */
#define OPM_ANY (-1)

/*
 * Register the handler of an opcode form.  map: 0 (one-byte), 1 (0F),
 * 2 (0F 38), 3 (0F 3A).  pfx: PFX_* mandatory prefix or OPM_ANY.  reg:
 * ModRM.reg (0-7) for group opcodes or OPM_ANY.  mod: 0 memory form, 1
 * register form, OPM_ANY.  rm: ModRM.rm (0-7, register form) or OPM_ANY.
 * The most specific matching entry wins.  All entries of one opcode must
 * agree on OPF_MODRM.  Unregistered forms decode to #UD.
 */
void x86_op_set(unsigned map, unsigned opcode, int pfx, int reg, int mod,
                int rm, X86InsnFn fn, uint32_t flags);
/* Shorthands. */
static inline void x86_op(unsigned map, unsigned opcode, X86InsnFn fn,
                          uint32_t flags)
{
    x86_op_set(map, opcode, OPM_ANY, OPM_ANY, OPM_ANY, OPM_ANY, fn, flags);
}
static inline void x86_op_grp(unsigned map, unsigned opcode, int reg,
                              X86InsnFn fn, uint32_t flags)
{
    x86_op_set(map, opcode, OPM_ANY, reg, OPM_ANY, OPM_ANY, fn,
               flags | OPF_MODRM);
}
static inline void x86_op_sse(unsigned map, unsigned opcode, int pfx,
                              X86InsnFn fn, uint32_t flags)
{
    x86_op_set(map, opcode, pfx, OPM_ANY, OPM_ANY, OPM_ANY, fn,
               flags | OPF_MODRM | OPF_SSE);
}

/*
 * The same, with one handler per operand size and form, chosen when the
 * instruction is decoded: variants[ot * 2 + (register form ? 1 : 0)].
 */
void x86_op_set_variants(unsigned map, unsigned opcode, int pfx, int reg,
                         int mod, int rm, const X86InsnFn variants[8],
                         uint32_t flags);

/*
 * Define NAME_v[8], the eight variants of a handler body
 * BODY(env, in, ot, mod3) with ot and mod3 as constants.
 */
#define X86_VARIANTS(NAME, BODY)                                            \
static void NAME##_0m(CPUX86State *env, const X86Insn *in)                  \
{ BODY(env, in, MO_8, 0); }                                                 \
static void NAME##_0r(CPUX86State *env, const X86Insn *in)                  \
{ BODY(env, in, MO_8, 1); }                                                 \
static void NAME##_1m(CPUX86State *env, const X86Insn *in)                  \
{ BODY(env, in, MO_16, 0); }                                                \
static void NAME##_1r(CPUX86State *env, const X86Insn *in)                  \
{ BODY(env, in, MO_16, 1); }                                                \
static void NAME##_2m(CPUX86State *env, const X86Insn *in)                  \
{ BODY(env, in, MO_32, 0); }                                                \
static void NAME##_2r(CPUX86State *env, const X86Insn *in)                  \
{ BODY(env, in, MO_32, 1); }                                                \
static void NAME##_3m(CPUX86State *env, const X86Insn *in)                  \
{ BODY(env, in, MO_64, 0); }                                                \
static void NAME##_3r(CPUX86State *env, const X86Insn *in)                  \
{ BODY(env, in, MO_64, 1); }                                                \
static const X86InsnFn NAME##_v[8] = {                                      \
    NAME##_0m, NAME##_0r, NAME##_1m, NAME##_1r,                             \
    NAME##_2m, NAME##_2r, NAME##_3m, NAME##_3r                              \
}

/* Fill the maps (once; every x86_*_ops_init below). */
void x86_tcg_ops_init(void);
void x86_int_ops_init(void);      /* int-ops*.c: integer instructions */
void x86_string_ops_init(void);   /* string-ops.c */
void x86_sys_ops_init(void);      /* sys-ops.c: system instructions */
void x86_fpu_ops_init(void);      /* fpu-ops*.c: x87 */
void x86_sse_ops_init(void);      /* sse-ops*.c: MMX, SSE..SSE4.2 */

/*
 * Decode the instructions of a TB starting at linear pc (code mode from
 * flags) into tb->insns (room for TB_MAX_INSNS).  Faults on the first
 * instruction's bytes are raised; a later instruction whose bytes cannot
 * be fetched ends the TB before it.
 */
void x86_decode_tb(CPUX86State *env, TranslationBlock *tb);

/* Handler for undefined encodings: #UD. */
void x86_op_ud(CPUX86State *env, const X86Insn *in);

/* ---- exceptions ---- */

/*
 * Raise a fault (env->eip = the faulting instruction) and unwind to the
 * executor, which delivers it through the IDT.
 */
G_NORETURN void raise_exception(CPUX86State *env, int vec);
G_NORETURN void raise_exception_err(CPUX86State *env, int vec, int err);
/*
 * A software interrupt (INT n, INT3, INTO: is_int = 1) or a trap
 * reported after the instruction: the return address pushed is
 * next_eip.
 */
G_NORETURN void raise_interrupt(CPUX86State *env, int vec, int is_int,
                                int err, uint64_t next_eip);
/* Leave the executor with a non-exception reason (EXCP_HLT, ...). */
G_NORETURN void cpu_loop_exit(CPUX86State *env, int reason);

/*
 * Deliver env's pending exception/interrupt (CPUState.exception_index,
 * env->error_code, exception_is_int, exception_next_eip) through the IDT
 * (or IVT) of the current mode, with the double/triple fault rules
 * (seg-helper.c).  A triple fault requests a reset.
 */
void x86_cpu_do_interrupt(CPUX86State *env);
/* Deliver an external interrupt (vector from the PIC/APIC) now. */
void x86_do_hw_interrupt(CPUX86State *env, int vector);
/* Take an NMI now. */
void x86_do_nmi(CPUX86State *env);

/* ---- mode bookkeeping (tcg-cpu.c) ---- */

/* Recompute hflags from CR0/CR4/EFER/EFLAGS/segments. */
void x86_update_hflags(CPUX86State *env);
/* Recompute the data MMU index (CPL, CR4.SMAP, EFLAGS.AC). */
void x86_update_mmu_idx(CPUX86State *env);
/* Writes that change the mode: TLB flushes and hflags as needed. */
void x86_cpu_set_cr0(CPUX86State *env, uint64_t val);
void x86_cpu_set_cr3(CPUX86State *env, uint64_t val);
void x86_cpu_set_cr4(CPUX86State *env, uint64_t val);
void x86_cpu_set_efer(CPUX86State *env, uint64_t val);
/*
 * Load a segment cache (no checks: the caller did them) and update
 * hflags for CS/SS.
 */
void cpu_x86_load_seg_cache(CPUX86State *env, int seg, uint32_t selector,
                            uint64_t base, uint32_t limit, uint32_t flags);
/* MSR access from RDMSR/WRMSR: false means #GP. */
bool x86_cpu_rdmsr(CPUX86State *env, uint32_t msr, uint64_t *val);
bool x86_cpu_wrmsr(CPUX86State *env, uint32_t msr, uint64_t val);
/* The guest TSC now. */
uint64_t x86_cpu_get_tsc(CPUX86State *env);

/* ---- the TLB and memory access (accel/tcg/cputlb.c) ---- */

#define TARGET_PAGE_BITS 12
#define TARGET_PAGE_SIZE (1ull << TARGET_PAGE_BITS)
#define TARGET_PAGE_MASK (~(TARGET_PAGE_SIZE - 1))

#define CPU_TLB_BITS 11
#define CPU_TLB_SIZE (1 << CPU_TLB_BITS)

/*
 * Tags hold the page's linear address; these low bits make the fast-path
 * compare fail so the access takes the slow path.
 */
#define TLB_INVALID   (1ull << 0)   /* no translation for this access */
#define TLB_MMIO      (1ull << 1)   /* not RAM: dispatch to the region */
#define TLB_NOTDIRTY  (1ull << 2)   /* RAM holding translated code */
#define TLB_ACHECK    (1ull << 3)   /* check alignment (#AC) first */

typedef struct CPUTLBEntry {
    uint64_t addr_read;
    uint64_t addr_write;
    uint64_t addr_code;
    uintptr_t addend;       /* host address = linear address + addend */
} CPUTLBEntry;

/* Per-entry data the slow path needs. */
typedef struct CPUTLBEntryFull {
    uint64_t phys;          /* guest-physical page */
    bool global;
} CPUTLBEntryFull;

/* A guest-physical RAM range and its host memory (cputlb.c's cache). */
typedef struct TCGPhysRange {
    uint64_t start, end;    /* [start, end) */
    uintptr_t host;         /* host address of start */
    uint32_t flags;         /* TCG_PHYS_* */
} TCGPhysRange;
#define TCG_PHYS_READONLY 1 /* ROM, or a read-only alias */
#define TCG_PHYS_SLOWWRITE 2 /* writes go through the address space
                              * (dirty logging, ROM devices) */
#define TCG_PHYS_CACHE 4

#define TB_JMP_CACHE_BITS 12
#define TB_JMP_CACHE_SIZE (1 << TB_JMP_CACHE_BITS)

typedef struct X86TCGState {
    CPUTLBEntry tlb[NB_MMU_MODES][CPU_TLB_SIZE];
    CPUTLBEntryFull tlb_full[NB_MMU_MODES][CPU_TLB_SIZE];
    TranslationBlock *jmp_cache[TB_JMP_CACHE_SIZE];
    sigjmp_buf jmp_env;
    TranslationBlock *current_tb;
    int chain_ok;               /* no TLB flush since the last TB ran */
    int mmu_idx;                /* data accesses (MMU_*_IDX) */
    unsigned flush_pending;     /* TLB flush requested by another thread */
    CPUState *cs;
    unsigned phys_gen;          /* memory map generation of phys_cache */
    unsigned phys_next;
    TCGPhysRange phys_cache[TCG_PHYS_CACHE];
} X86TCGState;

/*
 * Host pointer to guest-physical RAM [pa, pa + size) (one page at most),
 * or NULL when it is not RAM.  *flags gets the range's TCG_PHYS_* bits.
 */
uint8_t *tcg_phys_ram(CPUX86State *env, uint64_t pa, unsigned size,
                      uint32_t *flags);

static inline X86TCGState *tcg_state(CPUX86State *env)
{
    return env->tcg;
}

/*
 * Fill the TLB for an access to linear address la (access: 0 read,
 * 1 write, 2 code fetch) with MMU index mmu_idx: walk the page tables
 * (or identity without paging), check permissions, set A/D bits, install
 * the entry.  On a fault: raise #PF (or #GP for a non-canonical address),
 * unless probe is true, then return false.
 */
bool x86_tlb_fill(CPUX86State *env, uint64_t la, int access, int mmu_idx,
                  bool probe);
/*
 * Install a translation (x86_tlb_fill's last step): the 4 KiB page of la
 * maps to the guest-physical page of pa with prot (PAGE_*); global
 * entries survive tlb_flush_nonglobal().
 */
void tlb_set_page(CPUX86State *env, uint64_t la, uint64_t pa, int prot,
                  int mmu_idx, bool global);
#define PAGE_READ  1
#define PAGE_WRITE 2
#define PAGE_EXEC  4

void tlb_flush(CPUX86State *env);               /* all entries */
void tlb_flush_nonglobal(CPUX86State *env);     /* CR3 write */
void tlb_flush_page(CPUX86State *env, uint64_t la);   /* one page, all idx */
/* Ask every vCPU to flush its TLB (memory map changed). */
void tlb_flush_all_cpus(void);
/* Every vCPU's writes to the guest-physical page go to the slow path. */
void tlb_protect_code(uint64_t pa_page);
/* Follow the memory map (the accelerator's init). */
void tcg_memory_listener_register(void);

/* Slow paths (cputlb.c). */
uint64_t cpu_ld_slow(CPUX86State *env, uint64_t la, unsigned size,
                     int mmu_idx);
void cpu_st_slow(CPUX86State *env, uint64_t la, uint64_t val, unsigned size,
                 int mmu_idx);
/*
 * A host pointer through which [la, la + size) can be read and written,
 * after the checks of a write access (faults raised), or NULL when the
 * range is not plain RAM in one page (then use loads and stores).
 */
void *cpu_rw_ptr(CPUX86State *env, uint64_t la, unsigned size, int mmu_idx);
/*
 * Check that [la, la + size) could be written (faults raised), without
 * writing: for instructions that must not fault halfway (PUSHA, far calls,
 * FXSAVE).
 */
void cpu_probe_write(CPUX86State *env, uint64_t la, unsigned size,
                     int mmu_idx);

TCG_INLINE CPUTLBEntry *tlb_entry(CPUX86State *env, int mmu_idx,
                                     uint64_t la)
{
    return &env->tcg->tlb[mmu_idx][(la >> TARGET_PAGE_BITS) &
                                   (CPU_TLB_SIZE - 1)];
}

/* Does [la, la + size) stay within one page? */
TCG_INLINE bool same_page(uint64_t la, unsigned size)
{
    return (la & ~TARGET_PAGE_MASK) <= TARGET_PAGE_SIZE - size;
}

#define DEFINE_LD(name, type, size)                                         \
TCG_INLINE type name(CPUX86State *env, uint64_t la, int mmu_idx)         \
{                                                                           \
    CPUTLBEntry *e = tlb_entry(env, mmu_idx, la);                           \
    type v;                                                                 \
    if (__builtin_expect(e->addr_read == (la & TARGET_PAGE_MASK) &&         \
                         same_page(la, size), 1)) {                         \
        memcpy(&v, (void *)(uintptr_t)(la + e->addend), size);              \
        return v;                                                           \
    }                                                                       \
    return (type)cpu_ld_slow(env, la, size, mmu_idx);                       \
}
DEFINE_LD(cpu_ldub_mmu, uint8_t, 1)
DEFINE_LD(cpu_lduw_mmu, uint16_t, 2)
DEFINE_LD(cpu_ldl_mmu, uint32_t, 4)
DEFINE_LD(cpu_ldq_mmu, uint64_t, 8)
#undef DEFINE_LD

#define DEFINE_ST(name, type, size)                                         \
TCG_INLINE void name(CPUX86State *env, uint64_t la, type v, int mmu_idx) \
{                                                                           \
    CPUTLBEntry *e = tlb_entry(env, mmu_idx, la);                           \
    if (__builtin_expect(e->addr_write == (la & TARGET_PAGE_MASK) &&        \
                         same_page(la, size), 1)) {                         \
        memcpy((void *)(uintptr_t)(la + e->addend), &v, size);              \
        return;                                                             \
    }                                                                       \
    cpu_st_slow(env, la, v, size, mmu_idx);                                 \
}
DEFINE_ST(cpu_stb_mmu, uint8_t, 1)
DEFINE_ST(cpu_stw_mmu, uint16_t, 2)
DEFINE_ST(cpu_stl_mmu, uint32_t, 4)
DEFINE_ST(cpu_stq_mmu, uint64_t, 8)
#undef DEFINE_ST

/* Data accesses at the current privilege (the usual case). */
TCG_INLINE int cpu_mmu_index(CPUX86State *env)
{
    return env->tcg->mmu_idx;
}
TCG_INLINE uint8_t cpu_ldub(CPUX86State *env, uint64_t la)
{
    return cpu_ldub_mmu(env, la, cpu_mmu_index(env));
}
TCG_INLINE uint16_t cpu_lduw(CPUX86State *env, uint64_t la)
{
    return cpu_lduw_mmu(env, la, cpu_mmu_index(env));
}
TCG_INLINE uint32_t cpu_ldl(CPUX86State *env, uint64_t la)
{
    return cpu_ldl_mmu(env, la, cpu_mmu_index(env));
}
TCG_INLINE uint64_t cpu_ldq(CPUX86State *env, uint64_t la)
{
    return cpu_ldq_mmu(env, la, cpu_mmu_index(env));
}
TCG_INLINE void cpu_stb(CPUX86State *env, uint64_t la, uint8_t v)
{
    cpu_stb_mmu(env, la, v, cpu_mmu_index(env));
}
TCG_INLINE void cpu_stw(CPUX86State *env, uint64_t la, uint16_t v)
{
    cpu_stw_mmu(env, la, v, cpu_mmu_index(env));
}
TCG_INLINE void cpu_stl(CPUX86State *env, uint64_t la, uint32_t v)
{
    cpu_stl_mmu(env, la, v, cpu_mmu_index(env));
}
TCG_INLINE void cpu_stq(CPUX86State *env, uint64_t la, uint64_t v)
{
    cpu_stq_mmu(env, la, v, cpu_mmu_index(env));
}
/* Implicit supervisor accesses (descriptor tables, TSS, IDT). */
static inline uint32_t cpu_ldl_kernel(CPUX86State *env, uint64_t la)
{
    return cpu_ldl_mmu(env, la, MMU_KERNEL_IDX);
}
static inline uint64_t cpu_ldq_kernel(CPUX86State *env, uint64_t la)
{
    return cpu_ldq_mmu(env, la, MMU_KERNEL_IDX);
}
static inline void cpu_stl_kernel(CPUX86State *env, uint64_t la, uint32_t v)
{
    cpu_stl_mmu(env, la, v, MMU_KERNEL_IDX);
}

/* Sized access by operand size (ot). */
TCG_INLINE uint64_t cpu_ld_ot(CPUX86State *env, uint64_t la, int ot)
{
    switch (ot) {
    case MO_8: return cpu_ldub(env, la);
    case MO_16: return cpu_lduw(env, la);
    case MO_32: return cpu_ldl(env, la);
    default: return cpu_ldq(env, la);
    }
}
TCG_INLINE void cpu_st_ot(CPUX86State *env, uint64_t la, uint64_t v,
                             int ot)
{
    switch (ot) {
    case MO_8: cpu_stb(env, la, v); break;
    case MO_16: cpu_stw(env, la, v); break;
    case MO_32: cpu_stl(env, la, v); break;
    default: cpu_stq(env, la, v); break;
    }
}

/* Guest-physical accesses (page walks, DMA-like helpers). */
uint64_t x86_ldq_phys(CPUX86State *env, uint64_t pa);
uint32_t x86_ldl_phys(CPUX86State *env, uint64_t pa);
void x86_stl_phys(CPUX86State *env, uint64_t pa, uint32_t v);

/* ---- operands ---- */

TCG_INLINE uint64_t seg_base(CPUX86State *env, int seg)
{
    return seg == SEG_NONE ? 0 : env->segs[seg].base;
}

/* Effective address (offset within the segment), masked to aflag. */
TCG_INLINE uint64_t insn_ea(CPUX86State *env, const X86Insn *in)
{
    uint64_t a = in->disp;

    if (in->base != REG_NONE) {
        a += env->regs[in->base];
    }
    if (in->index != REG_NONE) {
        a += env->regs[in->index] << in->scale;
    }
    if (in->aflag == MO_32) {
        a = (uint32_t)a;
    } else if (in->aflag == MO_16) {
        a = (uint16_t)a;
    }
    return a;
}

/* Linear address of seg:offset (32-bit wrap outside 64-bit code). */
TCG_INLINE uint64_t linear_addr(CPUX86State *env, int seg, uint64_t off)
{
    uint64_t la = seg_base(env, seg) + off;

    if (!(env->hflags & HF_CS64)) {
        la = (uint32_t)la;
    }
    return la;
}

/*
 * Segment limit, null and expand-down checks for an access of size bytes
 * at offset ea of segment seg (#GP(0), #SS(0) for SS; SDM vol. 3 5.3).
 * Only needed while HF_SEGCHECK is set.
 */
void x86_seg_check(CPUX86State *env, int seg, uint64_t ea, unsigned size);

/* Linear address of the ModRM memory operand. */
TCG_INLINE uint64_t insn_la(CPUX86State *env, const X86Insn *in)
{
    uint64_t ea = insn_ea(env, in);

    if (__builtin_expect(env->hflags & HF_SEGCHECK, 0)) {
        x86_seg_check(env, in->seg, ea, 1u << in->ot);
    }
    return linear_addr(env, in->seg, ea);
}

/* General registers by size; byte registers 4-7 are AH..BH without REX. */
TCG_INLINE uint64_t get_reg(CPUX86State *env, const X86Insn *in, int r,
                               int ot)
{
    switch (ot) {
    case MO_8:
        if (r < 4 || r >= 8 || (in->prefix & PREFIX_REX)) {
            return (uint8_t)env->regs[r];
        }
        return (uint8_t)(env->regs[r - 4] >> 8);
    case MO_16: return (uint16_t)env->regs[r];
    case MO_32: return (uint32_t)env->regs[r];
    default: return env->regs[r];
    }
}

TCG_INLINE void set_reg(CPUX86State *env, const X86Insn *in, int r,
                           int ot, uint64_t v)
{
    switch (ot) {
    case MO_8:
        if (r < 4 || r >= 8 || (in->prefix & PREFIX_REX)) {
            env->regs[r] = (env->regs[r] & ~0xffull) | (uint8_t)v;
        } else {
            env->regs[r - 4] = (env->regs[r - 4] & ~0xff00ull) |
                               ((uint64_t)(uint8_t)v << 8);
        }
        break;
    case MO_16:
        env->regs[r] = (env->regs[r] & ~0xffffull) | (uint16_t)v;
        break;
    case MO_32:
        env->regs[r] = (uint32_t)v;     /* zero-extends in 64-bit mode */
        break;
    default:
        env->regs[r] = v;
    }
}

/* The ModRM r/m operand (register or memory) of size ot. */
TCG_INLINE uint64_t get_rm(CPUX86State *env, const X86Insn *in, int ot)
{
    if (in->mod3) {
        return get_reg(env, in, in->rm, ot);
    }
    return cpu_ld_ot(env, insn_la(env, in), ot);
}

TCG_INLINE void set_rm(CPUX86State *env, const X86Insn *in, int ot,
                          uint64_t v)
{
    if (in->mod3) {
        set_reg(env, in, in->rm, ot, v);
    } else {
        cpu_st_ot(env, insn_la(env, in), v, ot);
    }
}


/* Stack: push/pop of size ot (MO_16/32/64) on SS:RSP with its width. */
void x86_push(CPUX86State *env, int ot, uint64_t val);
uint64_t x86_pop(CPUX86State *env, int ot);
/* Linear address of SS:sp (sp masked to the stack width). */
uint64_t x86_stack_la(CPUX86State *env, uint64_t sp);
/* The value POP would return without changing RSP (for two-phase pops). */
uint64_t x86_peek(CPUX86State *env, int ot, unsigned offset);
/* The stack pointer mask for SS's width (0xffff, 0xffffffff, ~0). */
TCG_INLINE uint64_t stack_mask(CPUX86State *env)
{
    if (env->hflags & HF_CS64) {
        return ~0ull;
    }
    return (env->hflags & HF_SS32) ? 0xffffffffull : 0xffffull;
}
/* RSP = new value within the stack width (upper bits kept for 16-bit). */
TCG_INLINE void set_rsp(CPUX86State *env, uint64_t v)
{
    uint64_t m = stack_mask(env);

    env->regs[R_ESP] = (env->regs[R_ESP] & ~m) | (v & m);
}

/* The current privilege level. */
TCG_INLINE int cpu_cpl(CPUX86State *env)
{
    return env->hflags & HF_CPL_MASK;
}

/* Jump within CS (near branch); the caller masks the target. */
static inline void x86_jump(CPUX86State *env, uint64_t eip)
{
    env->eip = eip;
}

/* ARPL (seg-helper.c; opcode 63 outside 64-bit mode). */
void x86_op_arpl(CPUX86State *env, const X86Insn *in);

/* ---- CPUID (cpuid.c) and the I/O ports ---- */

uint64_t x86_io_read(CPUX86State *env, uint16_t port, int ot);
void x86_io_write(CPUX86State *env, uint16_t port, uint64_t val, int ot);
/* I/O permission: #GP unless CPL <= IOPL (or the TSS bitmap allows it). */
void x86_check_io(CPUX86State *env, uint16_t port, int ot);

/* ---- the code cache (accel/tcg/tb-cache.c) ---- */

/* The TB for the current CS:EIP, decoding it if needed. */
TranslationBlock *tb_lookup(CPUX86State *env);
/* Guest-physical range [pa, pa + len) was written outside the TLB fast
 * path: drop the TBs decoded from it. */
void tb_invalidate_phys_range(uint64_t pa, uint64_t len);
/* Is there decoded code on the guest-physical page? */
bool tb_page_has_code(uint64_t pa);
/* Drop every TB (exclusive: all vCPUs outside the executor). */
void tb_flush_all(void);
/*
 * Make every vCPU running tb stop after its current instruction (the TB
 * was invalidated under it: self-modifying code).
 */
void tb_stop(TranslationBlock *tb);

/* ---- segment registers (seg-helper.c) ---- */

/*
 * hflags bit set (with HF_INHIBIT_IRQ) by MOV SS, POP SS and LSS: a
 * single-step #DB is held back until after the next instruction (SDM
 * vol. 3 6.8.3).  The executor clears it after the TB that set it.
 */
#define HF_MOVSS_SHADOW    (1u << 21)

/*
 * Load data segment register or SS seg (R_ES..R_GS, not CS) with
 * selector as MOV/POP do: real and virtual-8086 mode set base =
 * selector << 4; protected mode checks the descriptor (SDM vol. 3 5.x)
 * and raises #GP/#SS/#NP(selector) before changing anything, then sets
 * the accessed bit and installs it with cpu_x86_load_seg_cache().
 * Setting the interrupt shadow of MOV/POP SS is the caller's.
 */
void x86_load_seg(CPUX86State *env, int seg, uint16_t selector);

/* ---- debug log (log-helper.c) ---- */

/*
 * -d int: log an event about to be delivered, in the reference's format
 * (the "N: v=.. e=.. i=.. cpl=.." line and the register dump), protected
 * mode only.  The executor calls it before each delivery attempt with
 * the vector, whether it is a software interrupt (INT n/INT3/INTO), the
 * error code (0 if none), the return EIP and whether it is an external
 * (hardware) interrupt.  Costs one mask test when -d int is off.
 */
void x86_log_interrupt(CPUX86State *env, int intno, int is_int,
                       int error_code, uint64_t next_eip, bool is_hw);
/*
 * -d int: the reference's "check_exception old: 0x%x new 0x%x" line,
 * logged for each exception (not INT n, not hardware interrupts) before
 * the double-fault rules are applied; env->old_exception is the old one
 * (-1: none, printed 0xffffffff).
 */
void x86_log_check_exception(CPUX86State *env, int intno);

#endif
