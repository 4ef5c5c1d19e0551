/*
 * fpu-ops.c: x87 instructions of the software CPU: the common checks,
 * the register stack, loads and stores, and the control instructions.
 *
 * The escape opcodes D8-DF are registered twice each, memory form and
 * register form, with one handler per form that switches on ModRM.reg
 * (and ModRM.rm for the D9/DB/DE/DF groups).  REX bits never change an
 * x87 operand: the handlers read in->modrm, not in->reg/in->rm.
 *
 * Exceptions (SDM vol. 1 8.5-8.7, vol. 3 2.5): CR0.EM or
 * CR0.TS gives #NM before anything else; a waiting instruction first
 * reports a pending unmasked exception (status ES) as #MF when CR0.NE is
 * set.  With CR0.NE clear a PC reports it through FERR#/IRQ13, which is
 * not modelled: the exception stays pending in the status word and
 * execution continues (docs/tcg-fpu.md).  Unmasked IE/DE/ZE leave the
 * destination and the stack alone; unmasked OE/UE store the result with
 * a wrapped exponent; unmasked PE stores normally.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/fpu-internal.h"

/* ---- common helpers ---- */

void fpu_begin_nowait(CPUX86State *env)
{
    if (env->hflags & (HF_EM | HF_TS)) {
        raise_exception(env, EXCP07_PREX);
    }
}

void fpu_begin(CPUX86State *env, const X86Insn *in, bool control)
{
    fpu_begin_nowait(env);
    if ((env->fpus & FPUS_ES) && (env->cr[0] & CR0_NE_MASK)) {
        raise_exception(env, EXCP10_COPR);
    }
    if (!control) {
        env->fpip = in->eip;
        env->fpop = ((in->op & 7) << 8) | in->modrm;
        if (!in->mod3) {
            env->fpdp = insn_ea(env, in);
        }
    }
}

void fpu_update_es(CPUX86State *env)
{
    if (env->fpus & ~env->fpuc & FPUS_EXC) {
        env->fpus |= FPUS_ES | FPUS_B;
    } else {
        env->fpus &= ~(FPUS_ES | FPUS_B);
    }
}

void fpu_merge(CPUX86State *env, const FPCtx *c)
{
    env->fpus = (env->fpus & ~FPUS_C1) |
                (c->sw & (FPUS_EXC | FPUS_SF | FPUS_C1));
    fpu_update_es(env);
}

bool fpu_underflow(CPUX86State *env)
{
    env->fpus = (env->fpus & ~FPUS_C1) | FPUS_IE | FPUS_SF;
    fpu_update_es(env);
    return env->fpuc & FPUS_IE;
}

bool fpu_overflow(CPUX86State *env)
{
    env->fpus |= FPUS_IE | FPUS_SF | FPUS_C1;
    fpu_update_es(env);
    return env->fpuc & FPUS_IE;
}

void fpu_push(CPUX86State *env, FPReg v)
{
    unsigned top = (env->fpstt - 1) & 7;

    if (!env->fptags[top]) {
        if (!fpu_overflow(env)) {
            return;
        }
        v = fp_indefinite();
    }
    env->fpstt = top;
    env->fpregs[top] = v;
    env->fptags[top] = 0;
}

void x86_fpu_enter_mmx(CPUX86State *env)
{
    env->fpstt = 0;
    memset(env->fptags, 0, sizeof(env->fptags));
}

void x86_fpu_reset_state(CPUX86State *env)
{
    env->fpuc = 0x37f;
    env->fpus = 0;
    env->fpstt = 0;
    memset(env->fptags, 1, sizeof(env->fptags));
    env->fpop = 0;
    env->fpip = 0;
    env->fpdp = 0;
}

/* Is push possible without overflow (for instructions that check first)? */
static bool push_room(CPUX86State *env)
{
    return env->fptags[(env->fpstt - 1) & 7] != 0;
}

static void finish(CPUX86State *env, const X86Insn *in)
{
    env->eip = in->next_eip;
}

/* ---- memory operands ---- */

static FPReg ld_m80(CPUX86State *env, uint64_t la)
{
    FPReg r;

    r.mant = cpu_ldq(env, la);
    r.exp = cpu_lduw(env, la + 8);
    return r;
}

static void st_m80(CPUX86State *env, uint64_t la, FPReg v)
{
    if (!same_page(la, 10)) {
        cpu_probe_write(env, la, 10, cpu_mmu_index(env));
    }
    cpu_stq(env, la, v.mant);
    cpu_stw(env, la + 8, v.exp);
}

static void ld_bytes10(CPUX86State *env, uint64_t la, uint8_t b[10])
{
    uint64_t q = cpu_ldq(env, la);
    uint16_t w = cpu_lduw(env, la + 8);

    memcpy(b, &q, 8);
    memcpy(b + 8, &w, 2);
}

static void st_bytes10(CPUX86State *env, uint64_t la, const uint8_t b[10])
{
    uint64_t q;
    uint16_t w;

    memcpy(&q, b, 8);
    memcpy(&w, b + 8, 2);
    if (!same_page(la, 10)) {
        cpu_probe_write(env, la, 10, cpu_mmu_index(env));
    }
    cpu_stq(env, la, q);
    cpu_stw(env, la + 8, w);
}

/* FLD m32fp / m64fp / m80fp and FILD m16/m32/m64, FBLD. */
enum { LD_F32, LD_F64, LD_F80, LD_I16, LD_I32, LD_I64, LD_BCD };

static void do_load(CPUX86State *env, const X86Insn *in, int kind)
{
    uint64_t la;
    FPCtx c;
    FPReg v;

    fpu_begin(env, in, false);
    la = insn_la(env, in);
    c = fpu_ctx(env);
    switch (kind) {
    case LD_F32: v = fp_from_f32(&c, cpu_ldl(env, la)); break;
    case LD_F64: v = fp_from_f64(&c, cpu_ldq(env, la)); break;
    case LD_F80: v = ld_m80(env, la); break;
    case LD_I16: v = fp_from_int((int16_t)cpu_lduw(env, la)); break;
    case LD_I32: v = fp_from_int((int32_t)cpu_ldl(env, la)); break;
    case LD_I64: v = fp_from_int((int64_t)cpu_ldq(env, la)); break;
    default: {
        uint8_t b[10];

        ld_bytes10(env, la, b);
        v = fp_from_bcd(b);
        break;
    }
    }
    if (!push_room(env)) {
        fpu_push(env, v);       /* overflow: the masked response or none */
        finish(env, in);
        return;
    }
    /* an unmasked DE still loads (measured); an unmasked IE does not */
    if (c.sw & ~c.cw & FPUS_IE) {
        fpu_merge(env, &c);
        finish(env, in);
        return;
    }
    c.sw &= ~FPUS_C1;
    fpu_merge(env, &c);
    fpu_push(env, v);
    finish(env, in);
}

/* FST/FSTP m32fp/m64fp/m80fp, FIST/FISTP/FISTTP, FBSTP. */
enum { ST_F32, ST_F64, ST_F80, ST_I16, ST_I32, ST_I64, ST_BCD };

static void do_store(CPUX86State *env, const X86Insn *in, int kind,
                     bool pop, bool truncate)
{
    static const int ibits[] = { 16, 32, 64 };
    uint64_t la, v = 0;
    uint8_t bcd[10];
    FPCtx c;
    bool ok = true;

    fpu_begin(env, in, false);
    la = insn_la(env, in);
    c = fpu_ctx(env);
    if (fpu_empty(env, 0)) {
        /* stack underflow: the masked response stores the indefinite */
        c.sw = FPUS_IE | FPUS_SF;
        if (!(c.cw & FPUS_IE)) {
            ok = false;
        } else {
            switch (kind) {
            case ST_F32: v = 0xffc00000u; break;
            case ST_F64: v = 0xfff8000000000000ull; break;
            case ST_BCD:
                memset(bcd, 0, sizeof(bcd));
                bcd[7] = 0xc0;
                bcd[8] = bcd[9] = 0xff;
                break;
            case ST_F80: break;
            default: v = 1ull << (ibits[kind - ST_I16] - 1); break;
            }
        }
    } else {
        FPReg a = *fpu_st(env, 0);

        switch (kind) {
        case ST_F32: {
            uint32_t f = 0;

            ok = fp_to_f32(&c, a, &f);
            v = f;
            break;
        }
        case ST_F64: ok = fp_to_f64(&c, a, &v); break;
        case ST_F80: break;
        case ST_BCD: ok = fp_to_bcd(&c, a, bcd); break;
        default: {
            int64_t i = 0;

            ok = fp_to_int(&c, a, ibits[kind - ST_I16], truncate, &i);
            v = (uint64_t)i;
            break;
        }
        }
    }
    if (ok) {
        switch (kind) {
        case ST_F32: cpu_stl(env, la, (uint32_t)v); break;
        case ST_F64: cpu_stq(env, la, v); break;
        case ST_F80:
            st_m80(env, la, fpu_empty(env, 0) ? fp_indefinite()
                                              : *fpu_st(env, 0));
            break;
        case ST_BCD: st_bytes10(env, la, bcd); break;
        case ST_I16: cpu_stw(env, la, (uint16_t)v); break;
        case ST_I32: cpu_stl(env, la, (uint32_t)v); break;
        default: cpu_stq(env, la, v); break;
        }
    }
    fpu_merge(env, &c);
    if (ok && pop) {
        fpu_pop(env);
    }
    finish(env, in);
}

/* ---- control ---- */

static void op_fnstcw(CPUX86State *env, const X86Insn *in)
{
    fpu_begin_nowait(env);
    cpu_stw(env, insn_la(env, in), env->fpuc);
    finish(env, in);
}

static void op_fldcw(CPUX86State *env, const X86Insn *in)
{
    uint16_t cw;

    fpu_begin(env, in, true);
    cw = cpu_lduw(env, insn_la(env, in));
    env->fpuc = (cw & 0x1f3f) | 0x40;  /* reserved bits 0, bit 6 reads 1 */
    fpu_update_es(env);
    finish(env, in);
}

static void op_fnstsw_mem(CPUX86State *env, const X86Insn *in)
{
    fpu_begin_nowait(env);
    cpu_stw(env, insn_la(env, in), x86_fpu_status(env));
    finish(env, in);
}

static void op_fnstsw_ax(CPUX86State *env, const X86Insn *in)
{
    fpu_begin_nowait(env);
    env->regs[R_EAX] = (env->regs[R_EAX] & ~0xffffull) | x86_fpu_status(env);
    finish(env, in);
}

static void op_fnclex(CPUX86State *env, const X86Insn *in)
{
    fpu_begin_nowait(env);
    env->fpus &= ~(FPUS_EXC | FPUS_SF | FPUS_ES | FPUS_B);
    finish(env, in);
}

static void op_fninit(CPUX86State *env, const X86Insn *in)
{
    fpu_begin_nowait(env);
    x86_fpu_reset_state(env);
    finish(env, in);
}

/* 9B FWAIT: #NM only when both CR0.TS and CR0.MP are set. */
static void op_fwait(CPUX86State *env, const X86Insn *in)
{
    if ((env->hflags & (HF_TS | HF_MP)) == (HF_TS | HF_MP)) {
        raise_exception(env, EXCP07_PREX);
    }
    if ((env->fpus & FPUS_ES) && (env->cr[0] & CR0_NE_MASK)) {
        raise_exception(env, EXCP10_COPR);
    }
    finish(env, in);
}

/* 0F 77 EMMS: every x87 tag empty. */
static void op_emms(CPUX86State *env, const X86Insn *in)
{
    if (!fpu_has(env, FEAT_1_EDX, CPUID_MMX) || (env->hflags & HF_EM)) {
        raise_exception(env, EXCP06_ILLOP);
    }
    if (env->hflags & HF_TS) {
        raise_exception(env, EXCP07_PREX);
    }
    if ((env->fpus & FPUS_ES) && (env->cr[0] & CR0_NE_MASK)) {
        raise_exception(env, EXCP10_COPR);
    }
    memset(env->fptags, 1, sizeof(env->fptags));
    finish(env, in);
}

/* ---- register moves ---- */

static void do_fld_sti(CPUX86State *env, const X86Insn *in, int i)
{
    FPReg v;

    fpu_begin(env, in, false);
    if (fpu_empty(env, i)) {
        /* underflow is reported, not a second (overflow) fault */
        if (fpu_underflow(env)) {
            env->fpstt = (env->fpstt - 1) & 7;
            fpu_set_st(env, 0, fp_indefinite());
        }
        finish(env, in);
        return;
    } else {
        v = *fpu_st(env, i);
    }
    if (push_room(env)) {
        env->fpus &= ~FPUS_C1;
    }
    fpu_push(env, v);
    finish(env, in);
}

static void do_fxch(CPUX86State *env, const X86Insn *in, int i)
{
    FPReg a, b;

    fpu_begin(env, in, false);
    if (fpu_empty(env, 0) || fpu_empty(env, i)) {
        if (!fpu_underflow(env)) {
            finish(env, in);
            return;
        }
        a = fpu_empty(env, 0) ? fp_indefinite() : *fpu_st(env, 0);
        b = fpu_empty(env, i) ? fp_indefinite() : *fpu_st(env, i);
    } else {
        a = *fpu_st(env, 0);
        b = *fpu_st(env, i);
        env->fpus &= ~FPUS_C1;
    }
    fpu_set_st(env, 0, b);
    fpu_set_st(env, i, a);
    finish(env, in);
}

static void do_fst_sti(CPUX86State *env, const X86Insn *in, int i, bool pop)
{
    fpu_begin(env, in, false);
    if (fpu_empty(env, 0)) {
        if (!fpu_underflow(env)) {
            finish(env, in);
            return;
        }
        fpu_set_st(env, i, fp_indefinite());
    } else {
        env->fpus &= ~FPUS_C1;
        fpu_set_st(env, i, *fpu_st(env, 0));
    }
    if (pop) {
        fpu_pop(env);
    }
    finish(env, in);
}

static void do_ffree(CPUX86State *env, const X86Insn *in, int i, bool pop)
{
    fpu_begin(env, in, false);
    env->fptags[(env->fpstt + i) & 7] = 1;
    env->fpus &= ~FPUS_C1;      /* measured: FFREE clears C1 */
    if (pop) {
        fpu_pop(env);
    }
    finish(env, in);
}

/* ---- the escape opcodes' load/store/control forms ---- */

static bool has_sse3(CPUX86State *env)
{
    return fpu_has(env, FEAT_1_ECX, CPUID_EXT_SSE3);
}

/* D9 memory: FLD m32, FST(P) m32, FLDENV, FLDCW, FNSTENV, FNSTCW. */
static void op_d9_mem(CPUX86State *env, const X86Insn *in)
{
    switch ((in->modrm >> 3) & 7) {
    case 0: do_load(env, in, LD_F32); break;
    case 2: do_store(env, in, ST_F32, false, false); break;
    case 3: do_store(env, in, ST_F32, true, false); break;
    case 4: x86_fpu_fldenv(env, in); break;
    case 5: op_fldcw(env, in); break;
    case 6: x86_fpu_fnstenv(env, in); break;
    case 7: op_fnstcw(env, in); break;
    default: x86_op_ud(env, in); break;
    }
}

/* DB memory: FILD m32, FISTTP m32, FIST(P) m32, FLD m80, FSTP m80. */
static void op_db_mem(CPUX86State *env, const X86Insn *in)
{
    switch ((in->modrm >> 3) & 7) {
    case 0: do_load(env, in, LD_I32); break;
    case 1:
        if (!has_sse3(env)) {
            x86_op_ud(env, in);
        }
        do_store(env, in, ST_I32, true, true);
        break;
    case 2: do_store(env, in, ST_I32, false, false); break;
    case 3: do_store(env, in, ST_I32, true, false); break;
    case 5: do_load(env, in, LD_F80); break;
    case 7: do_store(env, in, ST_F80, true, false); break;
    default: x86_op_ud(env, in); break;
    }
}

/* DD memory: FLD m64, FISTTP m64, FST(P) m64, FRSTOR, FNSAVE, FNSTSW. */
static void op_dd_mem(CPUX86State *env, const X86Insn *in)
{
    switch ((in->modrm >> 3) & 7) {
    case 0: do_load(env, in, LD_F64); break;
    case 1:
        if (!has_sse3(env)) {
            x86_op_ud(env, in);
        }
        do_store(env, in, ST_I64, true, true);
        break;
    case 2: do_store(env, in, ST_F64, false, false); break;
    case 3: do_store(env, in, ST_F64, true, false); break;
    case 4: x86_fpu_frstor(env, in); break;
    case 6: x86_fpu_fnsave(env, in); break;
    case 7: op_fnstsw_mem(env, in); break;
    default: x86_op_ud(env, in); break;
    }
}

/* DF memory: FILD m16, FISTTP m16, FIST(P) m16, FBLD, FILD m64, FBSTP,
 * FISTP m64. */
static void op_df_mem(CPUX86State *env, const X86Insn *in)
{
    switch ((in->modrm >> 3) & 7) {
    case 0: do_load(env, in, LD_I16); break;
    case 1:
        if (!has_sse3(env)) {
            x86_op_ud(env, in);
        }
        do_store(env, in, ST_I16, true, true);
        break;
    case 2: do_store(env, in, ST_I16, false, false); break;
    case 3: do_store(env, in, ST_I16, true, false); break;
    case 4: do_load(env, in, LD_BCD); break;
    case 5: do_load(env, in, LD_I64); break;
    case 6: do_store(env, in, ST_BCD, true, false); break;
    default: do_store(env, in, ST_I64, true, false); break;
    }
}

/*
 * D9 register: FLD ST(i), FXCH, FNOP, FSTP ST(i) (D9 D8+i, a reserved
 * alias that behaves as FSTP), then the D9 E0-FF group (fpu-ops-arith.c).
 */
static void op_d9_reg(CPUX86State *env, const X86Insn *in)
{
    int i = in->modrm & 7;

    switch ((in->modrm >> 3) & 7) {
    case 0: do_fld_sti(env, in, i); break;
    case 1: do_fxch(env, in, i); break;
    case 2:
        if (i) {
            x86_op_ud(env, in);
        }
        fpu_begin(env, in, false);          /* FNOP */
        finish(env, in);
        break;
    case 3: do_fst_sti(env, in, i, true); break;
    default: x86_fpu_d9_group(env, in); break;
    }
}

/* DB register E0-E7: FNENI, FNDISI, FNSETPM (8087/287: no-ops), FNCLEX,
 * FNINIT. */
static void op_db_e0(CPUX86State *env, const X86Insn *in)
{
    switch (in->modrm & 7) {
    case 0: case 1: case 4:
        fpu_begin_nowait(env);
        finish(env, in);
        break;
    case 2: op_fnclex(env, in); break;
    case 3: op_fninit(env, in); break;
    default: x86_op_ud(env, in); break;
    }
}

/* DD register: FFREE, FXCH alias, FST, FSTP, FUCOM(P) (fpu-ops-arith.c). */
static void op_dd_reg(CPUX86State *env, const X86Insn *in)
{
    int i = in->modrm & 7;

    switch ((in->modrm >> 3) & 7) {
    case 0: do_ffree(env, in, i, false); break;
    case 1: do_fxch(env, in, i); break;
    case 2: do_fst_sti(env, in, i, false); break;
    case 3: do_fst_sti(env, in, i, true); break;
    case 4: case 5: x86_fpu_compare_reg(env, in); break;
    default: x86_op_ud(env, in); break;
    }
}

/* DF register: FFREEP, FXCH and FSTP aliases, FNSTSW AX, FUCOMIP,
 * FCOMIP. */
static void op_df_reg(CPUX86State *env, const X86Insn *in)
{
    int i = in->modrm & 7;

    switch ((in->modrm >> 3) & 7) {
    case 0: do_ffree(env, in, i, true); break;
    case 1: do_fxch(env, in, i); break;
    case 2: case 3: do_fst_sti(env, in, i, true); break;
    case 4:
        if (i) {
            x86_op_ud(env, in);
        }
        op_fnstsw_ax(env, in);
        break;
    case 5: case 6: x86_fpu_compare_reg(env, in); break;
    default: x86_op_ud(env, in); break;
    }
}

/* DB register: FCMOVNcc, the E0 group, FUCOMI, FCOMI. */
static void op_db_reg(CPUX86State *env, const X86Insn *in)
{
    switch ((in->modrm >> 3) & 7) {
    case 0: case 1: case 2: case 3: x86_fpu_fcmov(env, in); break;
    case 4: op_db_e0(env, in); break;
    case 5: case 6: x86_fpu_compare_reg(env, in); break;
    default: x86_op_ud(env, in); break;
    }
}

static X86InsnFn escape_fns[8][2];

void x86_fpu_set_escape(unsigned op, bool mod3, X86InsnFn fn)
{
    escape_fns[op & 7][mod3] = fn;
    x86_op_set(0, op, OPM_ANY, OPM_ANY, mod3, OPM_ANY, fn, OPF_MODRM);
}

X86InsnFn x86_fpu_escape_handler(unsigned op, bool mod3)
{
    return escape_fns[op & 7][mod3];
}

void x86_fpu_ops_init(void)
{
    x86_fpu_set_escape(0xd9, false, op_d9_mem);
    x86_fpu_set_escape(0xd9, true, op_d9_reg);
    x86_fpu_set_escape(0xdb, false, op_db_mem);
    x86_fpu_set_escape(0xdb, true, op_db_reg);
    x86_fpu_set_escape(0xdd, false, op_dd_mem);
    x86_fpu_set_escape(0xdd, true, op_dd_reg);
    x86_fpu_set_escape(0xdf, false, op_df_mem);
    x86_fpu_set_escape(0xdf, true, op_df_reg);
    x86_op(0, 0x9b, op_fwait, 0);
    x86_op(1, 0x77, op_emms, 0);
    x86_fpu_arith_ops_init();
    x86_fpu_env_ops_init();
}
