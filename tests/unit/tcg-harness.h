/*
 * tcg-harness.h: differential testing of the software CPU against the
 * host processor (the test-tcg-diff-*.c programs).
 *
 * A test describes a snippet (instruction bytes, no RIP-relative
 * operands) and an input state (general registers, the arithmetic flags
 * and DF, the FXSAVE image holding the x87 and SSE state, and the first
 * bytes of a data area).  The snippet then runs twice:
 *
 * - in the emulator: a real X86CPU of the chosen model on a 64-bit
 *   long-mode guest built through the memory API (identity-mapped low
 *   RAM with the GDT, an IDT whose 32 exception handlers record the
 *   vector and error code and halt, a stack, the code page), run by
 *   tcg_cpu_exec() in the calling thread until the snippet's trailing
 *   HLT (or the handler's);
 * - on the host: the bytes copied into an executable page between a
 *   trampoline that loads the same state and one that stores it back; a
 *   fault comes back as a signal whose context gives the vector, the
 *   error code and the registers at the fault.
 *
 * The data area has the same linear address on both sides (the guest's
 * page tables map it where the host buffer lives), so a register holding
 * a pointer into it means the same thing to both.  RSP is the harness's
 * (each side has its own stack) and is neither loaded nor compared.
 *
 * Modes: DIFF_MODE_64 (64-bit code); DIFF_MODE_32 (32-bit code in
 * compatibility mode, CS.D = 1: the host runs it through its 32-bit user
 * code segment; the data area is below 4 GiB so pointers to it fit);
 * DIFF_MODE_16 (16-bit protected-mode code, CS.D = 0, with DS and ES
 * 64 KiB segments based at the data area: memory operands are offsets
 * into it; the host runs it from LDT segments made with modify_ldt(),
 * diff_have_mode16() says whether that worked).  Real mode and
 * virtual-8086 mode cannot run on a 64-bit host kernel.
 *
 * The harness is test code: it uses only the emulator's public pieces
 * (the accelerator's init steps, the CPU model types, the memory API,
 * tcg_cpu_exec()).  The Makefile builds each tests/unit/test-*.c alone,
 * so each differential test includes tcg-harness.c (the guest side and
 * the comparison; it includes tcg-harness-host.c, the host side).
 */
#ifndef TESTS_UNIT_TCG_HARNESS_H
#define TESTS_UNIT_TCG_HARNESS_H

#include "qemu/osdep.h"

/*
 * Size of the data area (bytes).  The page after it is mapped on neither
 * side: accesses that run off the end fault (#PF) on both.
 */
#define DIFF_DATA_SIZE 0x10000

/* General register numbers (as in the instruction encoding). */
enum {
    DR_RAX, DR_RCX, DR_RDX, DR_RBX, DR_RSP, DR_RBP, DR_RSI, DR_RDI,
    DR_R8, DR_R9, DR_R10, DR_R11, DR_R12, DR_R13, DR_R14, DR_R15
};

/* EFLAGS bits the tests use. */
#define DF_CF 0x0001
#define DF_PF 0x0004
#define DF_AF 0x0010
#define DF_ZF 0x0040
#define DF_SF 0x0080
#define DF_DF 0x0400
#define DF_OF 0x0800
#define DF_OSZAPC (DF_OF | DF_SF | DF_ZF | DF_AF | DF_PF | DF_CF)

typedef enum DiffMode {
    DIFF_MODE_64,
    DIFF_MODE_32,
    DIFF_MODE_16,
} DiffMode;

/*
 * One side's state.  The layout is fixed (the host trampoline uses the
 * offsets): gpr at 0, rflags at 128, the FXSAVE image at 144.
 */
typedef struct DiffState {
    uint64_t gpr[16];
    uint64_t rflags;            /* in: OSZAPC and DF are loaded */
    uint64_t pad;
    uint8_t fx[512] __attribute__((aligned(16)));
    /* Outcome (out only). */
    int vec;                    /* exception vector, or -1 */
    uint32_t err;               /* its error code (vectors that push one) */
    uint64_t fault_off;         /* faulting RIP - snippet start; without a
                                 * fault, where it stopped - snippet end
                                 * (0 unless the length decoded wrong) */
} DiffState;

/* FXSAVE image fields. */
static inline uint16_t *diff_fcw(DiffState *s)
{
    return (uint16_t *)(s->fx + 0);
}
static inline uint16_t *diff_fsw(DiffState *s)
{
    return (uint16_t *)(s->fx + 2);
}
/* The abridged tag byte: bit i set = physical register i holds a value. */
static inline uint8_t *diff_ftw(DiffState *s)
{
    return s->fx + 4;
}
static inline uint32_t *diff_mxcsr(DiffState *s)
{
    return (uint32_t *)(s->fx + 24);
}
/* ST(i): 64-bit significand, then sign and exponent. */
static inline uint64_t *diff_st_mant(DiffState *s, int i)
{
    return (uint64_t *)(s->fx + 32 + 16 * i);
}
static inline uint16_t *diff_st_exp(DiffState *s, int i)
{
    return (uint16_t *)(s->fx + 40 + 16 * i);
}
static inline uint64_t *diff_xmm(DiffState *s, int i)
{
    return (uint64_t *)(s->fx + 160 + 16 * i);
}

/* The power-on FPU/SSE state: FCW 037F, MXCSR 1F80, empty stack. */
void diff_state_init(DiffState *s);
/*
 * Put the x87 stack in s: n values (ST(0) = mant[0]/exp[0], ...), TOP
 * chosen so that they occupy physical registers 8 - n .. 7.
 */
void diff_set_x87_stack(DiffState *s, int n, const uint64_t *mant,
                        const uint16_t *exp);

/* What diff_check() compares. */
typedef struct DiffCmp {
    uint16_t gpr_mask;          /* registers (bit n: register n) */
    uint32_t flags_mask;        /* EFLAGS bits (the defined ones) */
    uint16_t xmm_mask;          /* XMM registers */
    bool mxcsr;
    bool x87;                   /* FSW & fsw_mask, FTW, the valid ST(i) */
    uint16_t fsw_mask;
    uint32_t mem_len;           /* bytes of the data area */
    /*
     * Flags the SDM leaves undefined for this input: not compared, but
     * how often host and emulator differ is reported per case name
     * (diff_finish(); also on stderr with TCG_DIFF_UNDEF=1).
     */
    uint32_t undef_mask;
} DiffCmp;

/* Compare every GPR but RSP, OSZAPC, nothing else. */
#define DIFF_ALL_GPRS 0xffef

/*
 * Build the guest (once per process): the accelerator's init steps, RAM,
 * a vCPU of CPU model model ("max", "qemu64", ...) with the software CPU's
 * features, long mode.  Prints the seed GTest uses.
 */
void diff_init(const char *model);
/*
 * A differential test program's start: g_test_init() with --keep-going
 * (a mismatch in one group must not hide the others), the main loop,
 * diff_init(model).
 */
void diff_test_init(int *argc, char ***argv, const char *model);
/* The emulated vCPU's CPUID feature words (to skip what it lacks). */
uint64_t diff_guest_feature(int word);
/* Can the host run 16-bit code (DIFF_MODE_16)? */
bool diff_have_mode16(void);
/* Does the host have CPUID.(leaf, subleaf).reg bit? */
bool diff_host_has(uint32_t leaf, uint32_t subleaf, int reg, int bit);

/*
 * The data area: its linear address (same on both sides) and the bytes
 * both sides start from (diff_check copies the first mem_len to each).
 */
uint64_t diff_data_addr(void);
uint8_t *diff_data_init(void);

/* Run code in one side (the tests use diff_check). */
void diff_run_guest(DiffMode mode, const uint8_t *code, size_t len,
                    const DiffState *in, DiffState *out, size_t mem_len);
void diff_run_host(DiffMode mode, const uint8_t *code, size_t len,
                   const DiffState *in, DiffState *out, size_t mem_len);
/* After a run: the data area of each side. */
const uint8_t *diff_guest_data(void);
const uint8_t *diff_host_data(void);

/*
 * Run code on both sides from in and compare what cmp says, plus the
 * exception outcome (vector, error code, faulting offset).  On a mismatch
 * print the snippet, the input and both outputs (the first few per test
 * program), count it, and return false.  name labels the case.
 */
bool diff_check(DiffMode mode, const char *name, const uint8_t *code,
                size_t len, const DiffState *in, const DiffCmp *cmp);
/*
 * The same with different bytes on each side (an encoding the emulated
 * model treats as another instruction, e.g. TZCNT as BSF without BMI1).
 */
bool diff_check2(DiffMode mode, const char *name, const uint8_t *gcode,
                 size_t glen, const uint8_t *hcode, size_t hlen,
                 const DiffState *in, const DiffCmp *cmp);
/* Print (g_test_message) the undefined-flag statistics and clear them. */
void diff_undef_report(void);
/* Mismatches seen so far; diff_finish() fails the test if any. */
unsigned diff_failures(void);
/* For the harness's own tests of its checks: print no mismatches, and
 * drop the mismatch count. */
void diff_set_quiet(bool quiet);
void diff_forget(void);
/*
 * End of a GTest case: report the undefined-flag statistics, fail the case
 * if it saw mismatches, reset the counts.
 */
void diff_finish(void);

/* Operand generation: random with a bias to the edges of width bits. */
uint64_t diff_rand_operand(int bits);
/* Edge values of width bits (0, 1, -1, signed min/max, ...). */
extern const uint64_t diff_edges[];
extern const int diff_n_edges;
uint64_t diff_rand64(void);

#endif
