/*
 * int-ops2.c: data movement, the stack, near branches, bit operations,
 * compare-exchange, flag instructions and the BCD/legacy instructions.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/tcg-cpu.h"

uint64_t x86_atomic_rmw(CPUX86State *env, const X86Insn *in, int ot,
                        uint64_t (*fn)(CPUX86State *, const X86Insn *, int,
                                       uint64_t, uint64_t),
                        uint64_t src);

/* ---- moves ---- */

#define MOV_EG_BODY(env, in, ot, mod3)                                      \
do {                                                                        \
    uint64_t v_ = get_reg(env, in, in->reg, ot);                            \
    if (mod3) {                                                             \
        set_reg(env, in, in->rm, ot, v_);                                   \
    } else {                                                                \
        cpu_st_ot(env, insn_la(env, in), v_, ot);                           \
    }                                                                       \
    env->eip = in->next_eip;                                                \
} while (0)
X86_VARIANTS(op_mov_eg, MOV_EG_BODY);

#define MOV_GE_BODY(env, in, ot, mod3)                                      \
do {                                                                        \
    uint64_t v_ = mod3 ? get_reg(env, in, in->rm, ot)                       \
                       : cpu_ld_ot(env, insn_la(env, in), ot);              \
    set_reg(env, in, in->reg, ot, v_);                                      \
    env->eip = in->next_eip;                                                \
} while (0)
X86_VARIANTS(op_mov_ge, MOV_GE_BODY);

#define MOV_EI_BODY(env, in, ot, mod3)                                      \
do {                                                                        \
    if (mod3) {                                                             \
        set_reg(env, in, in->rm, ot, in->imm);                              \
    } else {                                                                \
        cpu_st_ot(env, insn_la(env, in), in->imm, ot);                      \
    }                                                                       \
    env->eip = in->next_eip;                                                \
} while (0)
X86_VARIANTS(op_mov_ei, MOV_EI_BODY);

/* B0+r, B8+r */
#define MOV_RI_BODY(env, in, ot, mod3)                                      \
do {                                                                        \
    (void)(mod3);                                                           \
    set_reg(env, in, in->reg, ot, in->imm);                                 \
    env->eip = in->next_eip;                                                \
} while (0)
X86_VARIANTS(op_mov_ri, MOV_RI_BODY);

/* A0-A3: moffs */
static void op_mov_A_moffs(CPUX86State *env, const X86Insn *in)
{
    set_reg(env, in, R_EAX, in->ot, cpu_ld_ot(env, insn_la(env, in), in->ot));
    env->eip = in->next_eip;
}

static void op_mov_moffs_A(CPUX86State *env, const X86Insn *in)
{
    cpu_st_ot(env, insn_la(env, in), get_reg(env, in, R_EAX, in->ot), in->ot);
    env->eip = in->next_eip;
}

#define LEA_BODY(env, in, ot, mod3)                                         \
do {                                                                        \
    (void)(mod3);                                                           \
    set_reg(env, in, in->reg, ot, insn_ea(env, in));                        \
    env->eip = in->next_eip;                                                \
} while (0)
X86_VARIANTS(op_lea, LEA_BODY);

/* MOVZX/MOVSX: the source size is fixed, the variants are by destination. */
#define MOVX_BODY(env, in, ot, mod3, SOT, SIGNED)                           \
do {                                                                        \
    uint64_t v_ = mod3 ? get_reg(env, in, in->rm, SOT)                      \
                       : cpu_ld_ot(env, insn_la(env, in), SOT);             \
    if (SIGNED) {                                                           \
        v_ = (uint64_t)sext_ot(v_, SOT);                                    \
    }                                                                       \
    set_reg(env, in, in->reg, ot, v_);                                      \
    env->eip = in->next_eip;                                                \
} while (0)
#define MOVZXB_BODY(env, in, ot, mod3) MOVX_BODY(env, in, ot, mod3, MO_8, 0)
#define MOVZXW_BODY(env, in, ot, mod3) MOVX_BODY(env, in, ot, mod3, MO_16, 0)
#define MOVSXB_BODY(env, in, ot, mod3) MOVX_BODY(env, in, ot, mod3, MO_8, 1)
#define MOVSXW_BODY(env, in, ot, mod3) MOVX_BODY(env, in, ot, mod3, MO_16, 1)
X86_VARIANTS(op_movzx_b, MOVZXB_BODY);
X86_VARIANTS(op_movzx_w, MOVZXW_BODY);
X86_VARIANTS(op_movsx_b, MOVSXB_BODY);
X86_VARIANTS(op_movsx_w, MOVSXW_BODY);

/* 63: MOVSXD in 64-bit mode, ARPL elsewhere (seg-helper.c). */
static void op_63(CPUX86State *env, const X86Insn *in)
{
    if (!(env->hflags & HF_CS64)) {
        x86_op_arpl(env, in);
        return;
    }
    if (in->ot == MO_64) {
        set_reg(env, in, in->reg, MO_64,
                (uint64_t)(int32_t)get_rm(env, in, MO_32));
    } else {
        set_reg(env, in, in->reg, in->ot, get_rm(env, in, in->ot));
    }
    env->eip = in->next_eip;
}

static uint64_t xchg_fn(CPUX86State *env, const X86Insn *in, int ot,
                        uint64_t a, uint64_t b)
{
    (void)env; (void)in; (void)ot; (void)a;
    return b;
}

/* 86/87: XCHG r/m, reg (locked with a memory operand, always). */
static void op_xchg_EG(CPUX86State *env, const X86Insn *in)
{
    int ot = in->ot;
    uint64_t r = get_reg(env, in, in->reg, ot), old;

    if (in->mod3) {
        old = get_reg(env, in, in->rm, ot);
        set_reg(env, in, in->rm, ot, r);
    } else {
        old = x86_atomic_rmw(env, in, ot, xchg_fn, r);
    }
    set_reg(env, in, in->reg, ot, old);
    env->eip = in->next_eip;
}

/* 91-97 (and 90 with REX.B): XCHG eAX, r. */
static void op_xchg_ar(CPUX86State *env, const X86Insn *in)
{
    int ot = in->ot;
    uint64_t a = get_reg(env, in, R_EAX, ot);

    if (in->reg == R_EAX) {
        /* 90: NOP (in 64-bit mode without zero-extending EAX). */
        env->eip = in->next_eip;
        return;
    }
    set_reg(env, in, R_EAX, ot, get_reg(env, in, in->reg, ot));
    set_reg(env, in, in->reg, ot, a);
    env->eip = in->next_eip;
}

static void op_nop(CPUX86State *env, const X86Insn *in)
{
    env->eip = in->next_eip;
}

/* F3 90: PAUSE; it ends its TB, so a spin loop looks at requests. */
static void op_pause(CPUX86State *env, const X86Insn *in)
{
    env->eip = in->next_eip;
}

static void op_cbw(CPUX86State *env, const X86Insn *in)
{
    switch (in->ot) {
    case MO_16:
        set_reg(env, in, R_EAX, MO_16, (uint64_t)(int8_t)env->regs[R_EAX]);
        break;
    case MO_32:
        set_reg(env, in, R_EAX, MO_32, (uint64_t)(int16_t)env->regs[R_EAX]);
        break;
    default:
        env->regs[R_EAX] = (uint64_t)(int32_t)env->regs[R_EAX];
    }
    env->eip = in->next_eip;
}

static void op_cwd(CPUX86State *env, const X86Insn *in)
{
    int ot = in->ot;
    int64_t a = sext_ot(env->regs[R_EAX], ot);

    set_reg(env, in, R_EDX, ot, a < 0 ? ~0ull : 0);
    env->eip = in->next_eip;
}

/* ---- the stack ---- */

#define PUSH_R_BODY(env, in, ot, mod3)                                      \
do {                                                                        \
    (void)(mod3);                                                           \
    x86_push(env, ot, get_reg(env, in, in->reg, ot));                       \
    env->eip = in->next_eip;                                                \
} while (0)
X86_VARIANTS(op_push_r, PUSH_R_BODY);

#define POP_R_BODY(env, in, ot, mod3)                                       \
do {                                                                        \
    uint64_t v_ = x86_pop(env, ot);                                         \
    (void)(mod3);                                                           \
    set_reg(env, in, in->reg, ot, v_);                                      \
    env->eip = in->next_eip;                                                \
} while (0)
X86_VARIANTS(op_pop_r, POP_R_BODY);

static void op_push_I(CPUX86State *env, const X86Insn *in)
{
    x86_push(env, in->ot, in->imm);
    env->eip = in->next_eip;
}

static void op_push_E(CPUX86State *env, const X86Insn *in)
{
    x86_push(env, in->ot, get_rm(env, in, in->ot));
    env->eip = in->next_eip;
}

/* 8F /0: POP r/m; the address uses RSP after the pop (SDM POP). */
static void op_pop_E(CPUX86State *env, const X86Insn *in)
{
    int ot = in->ot;
    uint64_t v = x86_peek(env, ot, 0);
    uint64_t old_sp = env->regs[R_ESP];

    if (in->mod3) {
        set_rsp(env, old_sp + (1u << ot));
        set_reg(env, in, in->rm, ot, v);
    } else {
        set_rsp(env, old_sp + (1u << ot));
        {
            uint64_t la = insn_la(env, in);

            env->regs[R_ESP] = old_sp;
            cpu_st_ot(env, la, v, ot);
            set_rsp(env, old_sp + (1u << ot));
        }
    }
    env->eip = in->next_eip;
}

static void op_pusha(CPUX86State *env, const X86Insn *in)
{
    int ot = in->ot, i;
    uint64_t sp = env->regs[R_ESP];

    /* A fault part way leaves RSP alone: the restart writes again. */
    for (i = 0; i < 8; i++) {
        uint64_t v = i == R_ESP ? sp : env->regs[i];

        cpu_st_ot(env, x86_stack_la(env, sp - ((i + 1) << ot)), v, ot);
    }
    set_rsp(env, sp - (8u << ot));
    env->eip = in->next_eip;
}

static void op_popa(CPUX86State *env, const X86Insn *in)
{
    int ot = in->ot, i;
    uint64_t v[8];

    for (i = 0; i < 8; i++) {
        v[7 - i] = x86_peek(env, ot, i << ot);
    }
    for (i = 0; i < 8; i++) {
        if (i != R_ESP) {
            set_reg(env, in, i, ot, v[i]);
        }
    }
    set_rsp(env, env->regs[R_ESP] + (8u << ot));
    env->eip = in->next_eip;
}

static void op_leave(CPUX86State *env, const X86Insn *in)
{
    int ot = in->ot;
    uint64_t bp = env->regs[R_EBP];
    uint64_t v = cpu_ld_ot(env, x86_stack_la(env, bp), ot);

    set_rsp(env, bp + (1u << ot));
    set_reg(env, in, R_EBP, ot, v);
    env->eip = in->next_eip;
}

static void op_enter(CPUX86State *env, const X86Insn *in)
{
    int ot = in->ot;
    unsigned size = 1u << ot, level = in->imm2 & 31, i;
    uint64_t m = stack_mask(env);
    uint64_t sp = env->regs[R_ESP], bp = env->regs[R_EBP];
    uint64_t frame;

#define STK(x) x86_stack_la(env, (x))
    sp -= size;
    cpu_st_ot(env, STK(sp), bp, ot);
    frame = sp;
    if (level) {
        for (i = 1; i < level; i++) {
            uint64_t v;

            bp -= size;
            v = cpu_ld_ot(env, STK(bp), ot);
            sp -= size;
            cpu_st_ot(env, STK(sp), v, ot);
        }
        sp -= size;
        cpu_st_ot(env, STK(sp), frame, ot);
    }
    sp -= in->imm;
    /* The whole new frame must be writable (SDM ENTER). */
    cpu_probe_write(env, STK(sp), 1, cpu_mmu_index(env));
#undef STK
    /* EBP gets the frame pointer at the stack's width. */
    set_reg(env, in, R_EBP, m == 0xffff ? MO_16 : m == 0xffffffff ? MO_32
                                                                    : MO_64,
            frame);
    set_rsp(env, sp);
    env->eip = in->next_eip;
}

/* ---- flags ---- */

static void op_pushf(CPUX86State *env, const X86Insn *in)
{
    uint64_t fl = cpu_compute_eflags(env) & ~(uint64_t)(VM_MASK | RF_MASK);

    if ((env->hflags & HF_VM) && ((env->eflags & IOPL_MASK) >> 12) < 3) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    x86_push(env, in->ot, fl);
    env->eip = in->next_eip;
}

static void op_popf(CPUX86State *env, const X86Insn *in)
{
    int ot = in->ot, cpl = cpu_cpl(env);
    unsigned iopl = (env->eflags & IOPL_MASK) >> 12;
    uint64_t mask = CC_MASK | TF_MASK | DF_MASK | NT_MASK | AC_MASK |
                    ID_MASK | RF_MASK;
    uint64_t v;

    if ((env->hflags & HF_VM) && iopl < 3) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    v = x86_pop(env, ot);
    if (cpl == 0) {
        mask |= IOPL_MASK | IF_MASK;
    } else if (cpl <= (int)iopl) {
        mask |= IF_MASK;
    }
    if (env->hflags & HF_VM) {
        mask |= IF_MASK;
        mask &= ~(uint64_t)IOPL_MASK;
    }
    if (ot == MO_16) {
        mask &= 0xffff;
    }
    cpu_load_eflags(env, v, mask);
    env->eip = in->next_eip;
}

static void op_lahf(CPUX86State *env, const X86Insn *in)
{
    if ((env->hflags & HF_CS64) &&
        !(env->features[FEAT_8000_0001_ECX] & CPUID_EXT3_LAHF_LM)) {
        raise_exception(env, EXCP06_ILLOP);
    }
    env->regs[R_EAX] = (env->regs[R_EAX] & ~0xff00ull) |
                       ((cpu_compute_eflags(env) & 0xff) << 8);
    env->eip = in->next_eip;
}

static void op_sahf(CPUX86State *env, const X86Insn *in)
{
    uint32_t f;

    if ((env->hflags & HF_CS64) &&
        !(env->features[FEAT_8000_0001_ECX] & CPUID_EXT3_LAHF_LM)) {
        raise_exception(env, EXCP06_ILLOP);
    }
    f = cc_compute_all(env) & CC_O;
    f |= (env->regs[R_EAX] >> 8) & (CC_S | CC_Z | CC_A | CC_P | CC_C);
    set_eflags_cc(env, f);
    env->eip = in->next_eip;
}

static void op_clc(CPUX86State *env, const X86Insn *in)
{
    set_eflags_cc(env, cc_compute_all(env) & ~CC_C);
    env->eip = in->next_eip;
}

static void op_stc(CPUX86State *env, const X86Insn *in)
{
    set_eflags_cc(env, cc_compute_all(env) | CC_C);
    env->eip = in->next_eip;
}

static void op_cmc(CPUX86State *env, const X86Insn *in)
{
    set_eflags_cc(env, cc_compute_all(env) ^ CC_C);
    env->eip = in->next_eip;
}

static void op_cld(CPUX86State *env, const X86Insn *in)
{
    env->eflags &= ~(uint64_t)DF_MASK;
    env->eip = in->next_eip;
}

static void op_std(CPUX86State *env, const X86Insn *in)
{
    env->eflags |= DF_MASK;
    env->eip = in->next_eip;
}

/* CLI/STI: CPL <= IOPL (no VME/PVI: not advertised). */
static void check_iopl(CPUX86State *env)
{
    unsigned iopl = (env->eflags & IOPL_MASK) >> 12;

    if ((env->hflags & HF_PE) && (unsigned)cpu_cpl(env) > iopl) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
}

static void op_cli(CPUX86State *env, const X86Insn *in)
{
    check_iopl(env);
    env->eflags &= ~(uint64_t)IF_MASK;
    env->eip = in->next_eip;
}

static void op_sti(CPUX86State *env, const X86Insn *in)
{
    check_iopl(env);
    if (!(env->eflags & IF_MASK)) {
        /* The interrupt shadow: one more instruction first. */
        env->hflags |= HF_INHIBIT_IRQ;
    }
    env->eflags |= IF_MASK;
    env->eip = in->next_eip;
}

/* ---- near branches ---- */

#define JCC(C)                                                              \
static void op_jcc_##C(CPUX86State *env, const X86Insn *in)                 \
{                                                                           \
    env->eip = cc_test(env, C) ? in->imm : in->next_eip;                    \
}                                                                           \
static void op_setcc_##C(CPUX86State *env, const X86Insn *in)               \
{                                                                           \
    set_rm(env, in, MO_8, cc_test(env, C));                                 \
    env->eip = in->next_eip;                                                \
}
JCC(0) JCC(1) JCC(2) JCC(3) JCC(4) JCC(5) JCC(6) JCC(7)
JCC(8) JCC(9) JCC(10) JCC(11) JCC(12) JCC(13) JCC(14) JCC(15)
static const X86InsnFn op_jcc[16] = {
    op_jcc_0, op_jcc_1, op_jcc_2, op_jcc_3, op_jcc_4, op_jcc_5, op_jcc_6,
    op_jcc_7, op_jcc_8, op_jcc_9, op_jcc_10, op_jcc_11, op_jcc_12,
    op_jcc_13, op_jcc_14, op_jcc_15 };
static const X86InsnFn op_setcc[16] = {
    op_setcc_0, op_setcc_1, op_setcc_2, op_setcc_3, op_setcc_4, op_setcc_5,
    op_setcc_6, op_setcc_7, op_setcc_8, op_setcc_9, op_setcc_10,
    op_setcc_11, op_setcc_12, op_setcc_13, op_setcc_14, op_setcc_15 };

static void op_jmp_rel(CPUX86State *env, const X86Insn *in)
{
    env->eip = in->imm;
}

static void op_call_rel(CPUX86State *env, const X86Insn *in)
{
    x86_push(env, in->ot, in->next_eip);
    env->eip = in->imm;
}

static uint64_t branch_target(CPUX86State *env, const X86Insn *in,
                              uint64_t t)
{
    if (in->ot == MO_16) {
        return (uint16_t)t;
    }
    if (in->ot == MO_32 || !(env->hflags & HF_CS64)) {
        return (uint32_t)t;
    }
    return t;
}

static void op_jmp_E(CPUX86State *env, const X86Insn *in)
{
    env->eip = branch_target(env, in, get_rm(env, in, in->ot));
}

static void op_call_E(CPUX86State *env, const X86Insn *in)
{
    uint64_t t = branch_target(env, in, get_rm(env, in, in->ot));

    x86_push(env, in->ot, in->next_eip);
    env->eip = t;
}

static void op_ret(CPUX86State *env, const X86Insn *in)
{
    uint64_t t = x86_pop(env, in->ot);

    env->eip = branch_target(env, in, t);
}

static void op_ret_imm(CPUX86State *env, const X86Insn *in)
{
    uint64_t t = x86_pop(env, in->ot);

    set_rsp(env, env->regs[R_ESP] + (uint16_t)in->imm);
    env->eip = branch_target(env, in, t);
}

/* The count register of LOOP/JrCXZ by address size. */
static inline uint64_t count_reg(CPUX86State *env, const X86Insn *in)
{
    uint64_t c = env->regs[R_ECX];

    return in->aflag == MO_16 ? (uint16_t)c : in->aflag == MO_32
                              ? (uint32_t)c : c;
}

static inline uint64_t dec_count(CPUX86State *env, const X86Insn *in)
{
    uint64_t c = env->regs[R_ECX] - 1;

    if (in->aflag == MO_16) {
        env->regs[R_ECX] = (env->regs[R_ECX] & ~0xffffull) | (uint16_t)c;
        return (uint16_t)c;
    }
    if (in->aflag == MO_32) {
        env->regs[R_ECX] = (uint32_t)c;
        return (uint32_t)c;
    }
    env->regs[R_ECX] = c;
    return c;
}

static void op_loop(CPUX86State *env, const X86Insn *in)
{
    uint64_t c = dec_count(env, in);
    bool take = c != 0;

    if (in->op == 0xe0) {
        take = take && !cc_test(env, 4);    /* LOOPNE: ZF = 0 */
    } else if (in->op == 0xe1) {
        take = take && cc_test(env, 4);     /* LOOPE: ZF = 1 */
    }
    env->eip = take ? in->imm : in->next_eip;
}

static void op_jcxz(CPUX86State *env, const X86Insn *in)
{
    env->eip = count_reg(env, in) == 0 ? in->imm : in->next_eip;
}

/* ---- conditional moves and sets ---- */

static void op_cmov(CPUX86State *env, const X86Insn *in)
{
    uint64_t v = get_rm(env, in, in->ot);

    if (cc_test(env, in->op & 0xf)) {
        set_reg(env, in, in->reg, in->ot, v);
    } else if (in->ot == MO_32) {
        /* The destination is written (zero-extended) either way. */
        set_reg(env, in, in->reg, MO_32, get_reg(env, in, in->reg, MO_32));
    }
    env->eip = in->next_eip;
}

/* ---- bit operations ---- */

static uint64_t bt_fn(CPUX86State *env, const X86Insn *in, int ot,
                      uint64_t a, uint64_t bit)
{
    uint64_t m = 1ull << bit;

    (void)ot;
    set_eflags_cc(env, (cc_compute_all(env) & ~CC_C) | ((a & m) ? CC_C : 0));
    switch (in->map == 1 && in->op == 0xba ? (in->modrm >> 3) & 3
                                           : (in->op >> 3) & 3) {
    case 1: return a | m;       /* BTS */
    case 2: return a & ~m;      /* BTR */
    case 3: return a ^ m;       /* BTC */
    default: return a;          /* BT */
    }
}

static void bit_op(CPUX86State *env, const X86Insn *in, int64_t off,
                   bool imm)
{
    int ot = in->ot;
    unsigned bits = 8u << ot;
    bool is_bt = in->map == 1 && (imm ? ((in->modrm >> 3) & 7) == 4
                                      : in->op == 0xa3);

    if (in->mod3) {
        uint64_t a = get_reg(env, in, in->rm, ot);
        uint64_t r = bt_fn(env, in, ot, a, (uint64_t)off & (bits - 1));

        if (!is_bt) {
            set_reg(env, in, in->rm, ot, r);
        }
    } else {
        X86Insn tmp = *in;
        unsigned bit;

        if (imm) {
            bit = (uint64_t)off & (bits - 1);
        } else {
            /* A register offset reaches outside the operand. */
            int64_t disp = (off >> (3 + ot)) << ot;

            tmp.disp += disp;
            bit = (uint64_t)off & (bits - 1);
        }
        if (is_bt) {
            uint64_t a = cpu_ld_ot(env, insn_la(env, &tmp), ot);

            bt_fn(env, in, ot, a, bit);
        } else if (in->prefix & PREFIX_LOCK) {
            x86_atomic_rmw(env, &tmp, ot, bt_fn, bit);
        } else {
            uint64_t la = insn_la(env, &tmp);
            uint64_t a = cpu_ld_ot(env, la, ot);

            cpu_probe_write(env, la, 1u << ot, cpu_mmu_index(env));
            cpu_st_ot(env, la, bt_fn(env, in, ot, a, bit), ot);
        }
    }
    env->eip = in->next_eip;
}

static void op_bt_G(CPUX86State *env, const X86Insn *in)
{
    bit_op(env, in, sext_ot(get_reg(env, in, in->reg, in->ot), in->ot),
           false);
}

static void op_bt_I(CPUX86State *env, const X86Insn *in)
{
    bit_op(env, in, (int64_t)(uint8_t)in->imm, true);
}

static void op_bsf(CPUX86State *env, const X86Insn *in)
{
    uint64_t v = get_rm(env, in, in->ot);
    uint32_t f = cc_compute_all(env) & ~CC_Z;

    if (!v) {
        set_eflags_cc(env, f | CC_Z);
    } else {
        set_reg(env, in, in->reg, in->ot, __builtin_ctzll(v));
        set_eflags_cc(env, f);
    }
    env->eip = in->next_eip;
}

static void op_bsr(CPUX86State *env, const X86Insn *in)
{
    uint64_t v = get_rm(env, in, in->ot);
    uint32_t f = cc_compute_all(env) & ~CC_Z;

    if (!v) {
        set_eflags_cc(env, f | CC_Z);
    } else {
        set_reg(env, in, in->reg, in->ot, 63 - __builtin_clzll(v));
        set_eflags_cc(env, f);
    }
    env->eip = in->next_eip;
}

/* F3 0F BC: TZCNT with BMI1, else BSF (the prefix is ignored). */
static void op_tzcnt(CPUX86State *env, const X86Insn *in)
{
    unsigned bits = 8u << in->ot;
    uint64_t v;
    unsigned n;

    if (!(env->features[FEAT_7_0_EBX] & (1u << 3))) {
        op_bsf(env, in);
        return;
    }
    v = get_rm(env, in, in->ot);
    n = v ? (unsigned)__builtin_ctzll(v) : bits;
    set_reg(env, in, in->reg, in->ot, n);
    set_eflags_cc(env, (n == bits ? CC_C : 0) | (n == 0 ? CC_Z : 0));
    env->eip = in->next_eip;
}

/* F3 0F BD: LZCNT with ABM, else BSR. */
static void op_lzcnt(CPUX86State *env, const X86Insn *in)
{
    unsigned bits = 8u << in->ot;
    uint64_t v;
    unsigned n;

    if (!(env->features[FEAT_8000_0001_ECX] & (1u << 5))) {
        op_bsr(env, in);
        return;
    }
    v = get_rm(env, in, in->ot);
    n = v ? (unsigned)__builtin_clzll(v) - (64 - bits) : bits;
    set_reg(env, in, in->reg, in->ot, n);
    set_eflags_cc(env, (n == bits ? CC_C : 0) | (n == 0 ? CC_Z : 0));
    env->eip = in->next_eip;
}

static void op_popcnt(CPUX86State *env, const X86Insn *in)
{
    uint64_t v;

    if (!(env->features[FEAT_1_ECX] & CPUID_EXT_POPCNT)) {
        raise_exception(env, EXCP06_ILLOP);
    }
    v = get_rm(env, in, in->ot);
    set_reg(env, in, in->reg, in->ot, __builtin_popcountll(v));
    set_eflags_cc(env, v ? 0 : CC_Z);
    env->eip = in->next_eip;
}

static void op_bswap(CPUX86State *env, const X86Insn *in)
{
    if (in->ot == MO_64) {
        env->regs[in->reg] = __builtin_bswap64(env->regs[in->reg]);
    } else if (in->ot == MO_32) {
        env->regs[in->reg] = __builtin_bswap32((uint32_t)env->regs[in->reg]);
    } else {
        /* Undefined; Intel CPUs clear the low word. */
        set_reg(env, in, in->reg, MO_16, 0);
    }
    env->eip = in->next_eip;
}

/* ---- exchange-and-add, compare-exchange ---- */

static uint64_t xadd_fn(CPUX86State *env, const X86Insn *in, int ot,
                        uint64_t a, uint64_t b)
{
    uint64_t r = a + b;

    (void)in;
    set_cc_op(env, CC_OP_ADDB + ot, r, b);
    return r;
}

static void op_xadd(CPUX86State *env, const X86Insn *in)
{
    int ot = in->ot;
    uint64_t b = get_reg(env, in, in->reg, ot), old;

    if (in->mod3) {
        old = get_reg(env, in, in->rm, ot);
        set_reg(env, in, in->reg, ot, old);
        set_reg(env, in, in->rm, ot, xadd_fn(env, in, ot, old, b));
    } else {
        if (in->prefix & PREFIX_LOCK) {
            old = x86_atomic_rmw(env, in, ot, xadd_fn, b);
        } else {
            uint64_t la = insn_la(env, in);

            old = cpu_ld_ot(env, la, ot);
            cpu_st_ot(env, la, xadd_fn(env, in, ot, old, b), ot);
        }
        set_reg(env, in, in->reg, ot, old);
    }
    env->eip = in->next_eip;
}

static uint64_t cmpxchg_fn(CPUX86State *env, const X86Insn *in, int ot,
                           uint64_t a, uint64_t b)
{
    uint64_t acc = get_reg(env, in, R_EAX, ot);
    uint64_t m = ot_mask(ot);

    set_cc_op(env, CC_OP_SUBB + ot, acc - a, a);
    return ((a & m) == (acc & m)) ? b : a;
}

static void op_cmpxchg(CPUX86State *env, const X86Insn *in)
{
    int ot = in->ot;
    uint64_t src = get_reg(env, in, in->reg, ot), old, m = ot_mask(ot);

    if (in->mod3) {
        old = get_reg(env, in, in->rm, ot);
        cmpxchg_fn(env, in, ot, old, src);
        if ((old & m) == (get_reg(env, in, R_EAX, ot) & m)) {
            /* Only a successful compare writes a register destination. */
            set_reg(env, in, in->rm, ot, src);
        }
    } else {
        /* The destination is written even on failure (SDM CMPXCHG). */
        old = x86_atomic_rmw(env, in, ot, cmpxchg_fn, src);
    }
    if ((old & m) != (get_reg(env, in, R_EAX, ot) & m)) {
        set_reg(env, in, R_EAX, ot, old);
    }
    env->eip = in->next_eip;
}

/* 0F C7 /1: CMPXCHG8B / CMPXCHG16B (REX.W). */
static void op_cmpxchg8b(CPUX86State *env, const X86Insn *in)
{
    uint64_t la = insn_la(env, in);
    uint32_t f = cc_compute_all(env) & ~CC_Z;

    if (in->rex_w) {
        unsigned __int128 expect, nv, cur;
        void *p;

        if (!(env->features[FEAT_1_ECX] & CPUID_EXT_CX16)) {
            raise_exception(env, EXCP06_ILLOP);
        }
        if (la & 15) {
            raise_exception_err(env, EXCP0D_GPF, 0);
        }
        expect = ((unsigned __int128)env->regs[R_EDX] << 64) |
                 env->regs[R_EAX];
        nv = ((unsigned __int128)env->regs[R_ECX] << 64) | env->regs[R_EBX];
        p = cpu_rw_ptr(env, la, 16, cpu_mmu_index(env));
        if (p) {
            cur = expect;
            if (__atomic_compare_exchange_n((unsigned __int128 *)p, &cur, nv,
                                            false, __ATOMIC_SEQ_CST,
                                            __ATOMIC_SEQ_CST)) {
                set_eflags_cc(env, f | CC_Z);
            } else {
                env->regs[R_EAX] = (uint64_t)cur;
                env->regs[R_EDX] = (uint64_t)(cur >> 64);
                set_eflags_cc(env, f);
            }
        } else {
            uint64_t lo = cpu_ldq(env, la), hi = cpu_ldq(env, la + 8);

            cur = ((unsigned __int128)hi << 64) | lo;
            cpu_probe_write(env, la, 16, cpu_mmu_index(env));
            if (cur == expect) {
                cpu_stq(env, la, (uint64_t)nv);
                cpu_stq(env, la + 8, (uint64_t)(nv >> 64));
                set_eflags_cc(env, f | CC_Z);
            } else {
                cpu_stq(env, la, lo);
                cpu_stq(env, la + 8, hi);
                env->regs[R_EAX] = lo;
                env->regs[R_EDX] = hi;
                set_eflags_cc(env, f);
            }
        }
    } else {
        uint64_t expect = ((uint64_t)(uint32_t)env->regs[R_EDX] << 32) |
                          (uint32_t)env->regs[R_EAX];
        uint64_t nv = ((uint64_t)(uint32_t)env->regs[R_ECX] << 32) |
                      (uint32_t)env->regs[R_EBX];
        void *p = cpu_rw_ptr(env, la, 8, cpu_mmu_index(env));
        uint64_t cur = expect;
        bool ok;

        if (p) {
            ok = __atomic_compare_exchange_n((uint64_t *)p, &cur, nv, false,
                                             __ATOMIC_SEQ_CST,
                                             __ATOMIC_SEQ_CST);
        } else {
            cur = cpu_ldq(env, la);
            ok = cur == expect;
            cpu_stq(env, la, ok ? nv : cur);
        }
        if (ok) {
            set_eflags_cc(env, f | CC_Z);
        } else {
            env->regs[R_EAX] = (uint32_t)cur;
            env->regs[R_EDX] = (uint32_t)(cur >> 32);
            set_eflags_cc(env, f);
        }
    }
    env->eip = in->next_eip;
}

/* ---- BCD and other legacy instructions ---- */

static void set_szp8(CPUX86State *env, uint8_t r, uint32_t keep)
{
    uint32_t f = keep;

    f |= r ? 0 : CC_Z;
    f |= (r & 0x80) ? CC_S : 0;
    f |= __builtin_parity(r) ? 0 : CC_P;
    set_eflags_cc(env, f);
}

static void op_daa(CPUX86State *env, const X86Insn *in)
{
    uint32_t f = cc_compute_all(env);
    uint8_t al = env->regs[R_EAX], old = al;
    bool cf = f & CC_C, af = false, ncf = false;

    if ((al & 0xf) > 9 || (f & CC_A)) {
        al += 6;
        af = true;
    }
    if (old > 0x99 || cf) {
        al += 0x60;
        ncf = true;
    }
    set_reg(env, in, R_EAX, MO_8, al);
    set_szp8(env, al, (af ? CC_A : 0) | (ncf ? CC_C : 0));
    env->eip = in->next_eip;
}

static void op_das(CPUX86State *env, const X86Insn *in)
{
    uint32_t f = cc_compute_all(env);
    uint8_t al = env->regs[R_EAX], old = al;
    bool cf = f & CC_C, af = false, ncf = false;

    if ((al & 0xf) > 9 || (f & CC_A)) {
        ncf = cf || al < 6;
        al -= 6;
        af = true;
    }
    if (old > 0x99 || cf) {
        al -= 0x60;
        ncf = true;
    }
    set_reg(env, in, R_EAX, MO_8, al);
    set_szp8(env, al, (af ? CC_A : 0) | (ncf ? CC_C : 0));
    env->eip = in->next_eip;
}

static void op_aaa_aas(CPUX86State *env, const X86Insn *in)
{
    uint32_t f = cc_compute_all(env) & ~(CC_A | CC_C);
    uint16_t ax = env->regs[R_EAX];

    if ((ax & 0xf) > 9 || (cc_compute_all(env) & CC_A)) {
        if (in->op == 0x37) {
            ax += 0x106;
        } else {
            ax -= 6;
            ax = (ax & 0xff) | (((ax >> 8) - 1) << 8);
        }
        f |= CC_A | CC_C;
    }
    ax &= 0xff0f;
    set_reg(env, in, R_EAX, MO_16, ax);
    set_eflags_cc(env, f);
    env->eip = in->next_eip;
}

static void op_aam(CPUX86State *env, const X86Insn *in)
{
    uint8_t base = in->imm, al = env->regs[R_EAX];

    if (!base) {
        raise_exception(env, EXCP00_DIVZ);
    }
    set_reg(env, in, R_EAX, MO_16, ((al / base) << 8) | (al % base));
    set_szp8(env, al % base, 0);
    env->eip = in->next_eip;
}

static void op_aad(CPUX86State *env, const X86Insn *in)
{
    uint8_t base = in->imm;
    uint16_t ax = env->regs[R_EAX];
    uint8_t al = (uint8_t)((ax & 0xff) + (ax >> 8) * base);

    set_reg(env, in, R_EAX, MO_16, al);
    set_szp8(env, al, 0);
    env->eip = in->next_eip;
}

static void op_salc(CPUX86State *env, const X86Insn *in)
{
    set_reg(env, in, R_EAX, MO_8, cc_compute_c(env) ? 0xff : 0);
    env->eip = in->next_eip;
}

static void op_xlat(CPUX86State *env, const X86Insn *in)
{
    uint64_t off = env->regs[R_EBX] + (uint8_t)env->regs[R_EAX];

    if (in->aflag == MO_16) {
        off = (uint16_t)off;
    } else if (in->aflag == MO_32) {
        off = (uint32_t)off;
    }
    set_reg(env, in, R_EAX, MO_8, cpu_ldub(env, linear_addr(env, in->seg,
                                                             off)));
    env->eip = in->next_eip;
}

static void op_bound(CPUX86State *env, const X86Insn *in)
{
    int ot = in->ot;
    uint64_t la = insn_la(env, in);
    int64_t idx = sext_ot(get_reg(env, in, in->reg, ot), ot);
    int64_t lo = sext_ot(cpu_ld_ot(env, la, ot), ot);
    int64_t hi = sext_ot(cpu_ld_ot(env, la + (1u << ot), ot), ot);

    if (idx < lo || idx > hi) {
        raise_exception(env, EXCP05_BOUND);
    }
    env->eip = in->next_eip;
}

/* ---- registration ---- */

void x86_int_ops2_init(void);
void x86_misc_ops_init(void);

#define VOP(map, op, v, flags) \
    x86_op_set_variants(map, op, OPM_ANY, OPM_ANY, OPM_ANY, OPM_ANY, v, flags)

void x86_int_ops2_init(void)
{
    int i;

    VOP(0, 0x88, op_mov_eg_v, OPF_MODRM | OPF_BYTE);
    VOP(0, 0x89, op_mov_eg_v, OPF_MODRM);
    VOP(0, 0x8a, op_mov_ge_v, OPF_MODRM | OPF_BYTE);
    VOP(0, 0x8b, op_mov_ge_v, OPF_MODRM);
    x86_op_set_variants(0, 0xc6, OPM_ANY, 0, OPM_ANY, OPM_ANY, op_mov_ei_v,
                        OPF_MODRM | OPF_BYTE | OPF_IMMZ);
    x86_op_set_variants(0, 0xc7, OPM_ANY, 0, OPM_ANY, OPM_ANY, op_mov_ei_v,
                        OPF_MODRM | OPF_IMMZ);
    for (i = 0; i < 8; i++) {
        VOP(0, 0xb0 + i, op_mov_ri_v, OPF_BYTE | OPF_IMMV);
        VOP(0, 0xb8 + i, op_mov_ri_v, OPF_IMMV);
        VOP(0, 0x50 + i, op_push_r_v, OPF_DEF64);
        VOP(0, 0x58 + i, op_pop_r_v, OPF_DEF64);
        x86_op(1, 0xc8 + i, op_bswap, 0);
    }
    x86_op(0, 0x90, op_xchg_ar, 0);
    x86_op_set(0, 0x90, PFX_F3, OPM_ANY, OPM_ANY, OPM_ANY, op_pause, OPF_END);
    for (i = 1; i < 8; i++) {
        x86_op(0, 0x90 + i, op_xchg_ar, 0);
    }
    x86_op(0, 0xa0, op_mov_A_moffs, OPF_BYTE | OPF_MOFFS);
    x86_op(0, 0xa1, op_mov_A_moffs, OPF_MOFFS);
    x86_op(0, 0xa2, op_mov_moffs_A, OPF_BYTE | OPF_MOFFS);
    x86_op(0, 0xa3, op_mov_moffs_A, OPF_MOFFS);
    VOP(0, 0x8d, op_lea_v, OPF_MODRM | OPF_MEM);
    VOP(1, 0xb6, op_movzx_b_v, OPF_MODRM);
    VOP(1, 0xb7, op_movzx_w_v, OPF_MODRM);
    VOP(1, 0xbe, op_movsx_b_v, OPF_MODRM);
    VOP(1, 0xbf, op_movsx_w_v, OPF_MODRM);
    x86_op(0, 0x63, op_63, OPF_MODRM);
    x86_op(0, 0x86, op_xchg_EG, OPF_MODRM | OPF_BYTE | OPF_LOCK);
    x86_op(0, 0x87, op_xchg_EG, OPF_MODRM | OPF_LOCK);
    x86_op(0, 0x98, op_cbw, 0);
    x86_op(0, 0x99, op_cwd, 0);

    x86_op(0, 0x68, op_push_I, OPF_IMMZ | OPF_DEF64);
    x86_op(0, 0x6a, op_push_I, OPF_IMM8 | OPF_DEF64);
    x86_op_grp(0, 0xff, 6, op_push_E, OPF_DEF64);
    x86_op_grp(0, 0x8f, 0, op_pop_E, OPF_DEF64);
    x86_op(0, 0x60, op_pusha, OPF_NO64);
    x86_op(0, 0x61, op_popa, OPF_NO64);
    x86_op(0, 0xc9, op_leave, OPF_DEF64);
    x86_op(0, 0xc8, op_enter, OPF_ENTER | OPF_DEF64);

    x86_op(0, 0x9c, op_pushf, OPF_DEF64);
    x86_op(0, 0x9d, op_popf, OPF_DEF64 | OPF_END);
    x86_op(0, 0x9f, op_lahf, 0);
    x86_op(0, 0x9e, op_sahf, 0);
    x86_op(0, 0xf8, op_clc, 0);
    x86_op(0, 0xf9, op_stc, 0);
    x86_op(0, 0xf5, op_cmc, 0);
    x86_op(0, 0xfc, op_cld, 0);
    x86_op(0, 0xfd, op_std, 0);
    x86_op(0, 0xfa, op_cli, 0);
    x86_op(0, 0xfb, op_sti, OPF_END);

    for (i = 0; i < 16; i++) {
        x86_op(0, 0x70 + i, op_jcc[i], OPF_REL8 | OPF_FORCE64);
        x86_op(1, 0x80 + i, op_jcc[i], OPF_RELZ | OPF_FORCE64);
        x86_op(1, 0x90 + i, op_setcc[i], OPF_MODRM | OPF_BYTE);
        x86_op(1, 0x40 + i, op_cmov, OPF_MODRM);
    }
    x86_op(0, 0xeb, op_jmp_rel, OPF_REL8 | OPF_FORCE64);
    x86_op(0, 0xe9, op_jmp_rel, OPF_RELZ | OPF_FORCE64);
    x86_op(0, 0xe8, op_call_rel, OPF_RELZ | OPF_FORCE64);
    x86_op_grp(0, 0xff, 2, op_call_E, OPF_FORCE64 | OPF_END);
    x86_op_grp(0, 0xff, 4, op_jmp_E, OPF_FORCE64 | OPF_END);
    x86_op(0, 0xc3, op_ret, OPF_FORCE64 | OPF_END);
    x86_op(0, 0xc2, op_ret_imm, OPF_IMM16 | OPF_FORCE64 | OPF_END);
    x86_op(0, 0xe0, op_loop, OPF_REL8 | OPF_FORCE64);
    x86_op(0, 0xe1, op_loop, OPF_REL8 | OPF_FORCE64);
    x86_op(0, 0xe2, op_loop, OPF_REL8 | OPF_FORCE64);
    x86_op(0, 0xe3, op_jcxz, OPF_REL8 | OPF_FORCE64);

    x86_op(1, 0xa3, op_bt_G, OPF_MODRM);
    x86_op(1, 0xab, op_bt_G, OPF_MODRM | OPF_LOCK);
    x86_op(1, 0xb3, op_bt_G, OPF_MODRM | OPF_LOCK);
    x86_op(1, 0xbb, op_bt_G, OPF_MODRM | OPF_LOCK);
    x86_op_grp(1, 0xba, 4, op_bt_I, OPF_IMM8U);
    for (i = 5; i < 8; i++) {
        x86_op_grp(1, 0xba, i, op_bt_I, OPF_IMM8U | OPF_LOCK);
    }
    x86_op(1, 0xbc, op_bsf, OPF_MODRM);
    x86_op(1, 0xbd, op_bsr, OPF_MODRM);
    x86_op_set(1, 0xbc, PFX_F3, OPM_ANY, OPM_ANY, OPM_ANY, op_tzcnt,
               OPF_MODRM);
    x86_op_set(1, 0xbd, PFX_F3, OPM_ANY, OPM_ANY, OPM_ANY, op_lzcnt,
               OPF_MODRM);
    x86_op_set(1, 0xb8, PFX_F3, OPM_ANY, OPM_ANY, OPM_ANY, op_popcnt,
               OPF_MODRM);
    x86_op(1, 0xc0, op_xadd, OPF_MODRM | OPF_BYTE | OPF_LOCK);
    x86_op(1, 0xc1, op_xadd, OPF_MODRM | OPF_LOCK);
    x86_op(1, 0xb0, op_cmpxchg, OPF_MODRM | OPF_BYTE | OPF_LOCK);
    x86_op(1, 0xb1, op_cmpxchg, OPF_MODRM | OPF_LOCK);
    x86_op_set(1, 0xc7, OPM_ANY, 1, 0, OPM_ANY, op_cmpxchg8b,
               OPF_MODRM | OPF_LOCK);

    x86_op(0, 0x27, op_daa, OPF_NO64);
    x86_op(0, 0x2f, op_das, OPF_NO64);
    x86_op(0, 0x37, op_aaa_aas, OPF_NO64);
    x86_op(0, 0x3f, op_aaa_aas, OPF_NO64);
    x86_op(0, 0xd4, op_aam, OPF_IMM8U | OPF_NO64);
    x86_op(0, 0xd5, op_aad, OPF_IMM8U | OPF_NO64);
    x86_op(0, 0xd6, op_salc, OPF_NO64);
    x86_op(0, 0xd7, op_xlat, 0);
    x86_op(0, 0x62, op_bound, OPF_MODRM | OPF_MEM | OPF_NO64);

    x86_op(1, 0x1f, op_nop, OPF_MODRM);
    for (i = 0x19; i <= 0x1e; i++) {
        x86_op(1, i, op_nop, OPF_MODRM);
    }
    x86_op(1, 0x18, op_nop, OPF_MODRM);
    x86_op(1, 0x0d, op_nop, OPF_MODRM);

    x86_misc_ops_init();
}
