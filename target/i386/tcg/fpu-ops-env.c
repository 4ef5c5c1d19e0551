/*
 * fpu-ops-env.c: saving and loading the x87/SSE state: FNSTENV/FLDENV,
 * FNSAVE/FRSTOR, FXSAVE/FXRSTOR (0F AE /0 /1), XSAVE/XRSTOR/XSAVEOPT
 * (0F AE /4 /5 /6), XGETBV/XSETBV (0F 01 D0/D1) and the XCR0 rules.
 *
 * Layouts: SDM vol. 1 8.1.10 (figures 8-9 to 8-12: the 14/28-byte
 * environment in real and protected mode), 10.5.1 (FXSAVE region, the
 * REX.W form with 64-bit FIP/FDP), 13.4-13.8 (XSAVE standard format,
 * header, XSTATE_BV, MXCSR loaded whenever RFBM[1] or RFBM[2] is set).
 * The selectors FCS/FDS of the last instruction and operand are not
 * tracked (the shared CPUX86State layout has no field for them): the
 * images carry the current CS and DS selectors, which they are unless
 * the code switched segments since its last x87 instruction.  Reserved
 * high halves of the 32-bit environment read as ones, as
 * the hardware writes them.  The compacted format (XSAVEC/XSAVES) is not
 * implemented: an XRSTOR of a compacted image is #GP.
 *
 * Every memory operand is probed (stores) or read completely (loads)
 * before any register changes, so a fault leaves the state unchanged.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/fpu-internal.h"

/* ---- words ---- */

uint16_t x86_fpu_status(CPUX86State *env)
{
    return (env->fpus & ~FPUS_TOP) | ((env->fpstt & 7) << 11);
}

void x86_fpu_set_status(CPUX86State *env, uint16_t fsw)
{
    env->fpus = fsw & ~FPUS_TOP;
    env->fpstt = (fsw >> 11) & 7;
}

uint16_t x86_fpu_tag_word(CPUX86State *env)
{
    uint16_t ftw = 0;

    for (int i = 0; i < 8; i++) {
        FPReg r = env->fpregs[i];
        unsigned t;

        if (env->fptags[i]) {
            t = 3;
        } else if (fp_is_zero(r)) {
            t = 1;
        } else if (fp_expf(r) == FP_EXP_MAX || fp_expf(r) == 0 ||
                   !(r.mant & FP_INT_BIT)) {
            t = 2;              /* NaN, infinity, denormal, unsupported */
        } else {
            t = 0;
        }
        ftw |= t << (2 * i);
    }
    return ftw;
}

static void set_tags_full(CPUX86State *env, uint16_t ftw)
{
    for (int i = 0; i < 8; i++) {
        env->fptags[i] = ((ftw >> (2 * i)) & 3) == 3;
    }
}

/* FCS and FDS as saved (see above). */
static uint16_t fpu_fcs(CPUX86State *env)
{
    return (uint16_t)env->segs[R_CS].selector;
}

static uint16_t fpu_fds(CPUX86State *env)
{
    return (uint16_t)env->segs[R_DS].selector;
}

/*
 * Before a multi-store write: within one page the first store faults
 * before anything is written or none does; across pages probe first.
 */
static void probe_range(CPUX86State *env, uint64_t la, unsigned size)
{
    if (!same_page(la, size)) {
        cpu_probe_write(env, la, size, cpu_mmu_index(env));
    }
}

static uint64_t la_add(CPUX86State *env, uint64_t la, unsigned off)
{
    la += off;
    return (env->hflags & HF_CS64) ? la : (uint32_t)la;
}

/* ---- FNSTENV / FLDENV / FNSAVE / FRSTOR ---- */

/* Real-address (or virtual-8086) format?  16-bit operand size format? */
static bool env_real(CPUX86State *env)
{
    return !(env->hflags & HF_PE) || (env->hflags & HF_VM);
}

static unsigned env_size(const X86Insn *in)
{
    return in->ot == MO_16 ? 14 : 28;
}

/* Write the 14/28-byte environment at la (already probed). */
static void store_env(CPUX86State *env, const X86Insn *in, uint64_t la)
{
    uint32_t fip = (uint32_t)env->fpip, fdp = (uint32_t)env->fpdp;
    uint16_t fop = env->fpop & 0x7ff;
    uint16_t w[3] = {
        env->fpuc, x86_fpu_status(env), x86_fpu_tag_word(env)
    };

    if (in->ot == MO_16) {
        uint16_t v[7] = { w[0], w[1], w[2], 0, 0, 0, 0 };

        if (env_real(env)) {
            v[3] = (uint16_t)fip;
            v[4] = (uint16_t)(((fip >> 16) & 0xf) << 12) | fop;
            v[5] = (uint16_t)fdp;
            v[6] = (uint16_t)(((fdp >> 16) & 0xf) << 12);
        } else {
            v[3] = (uint16_t)fip;
            v[4] = fpu_fcs(env);
            v[5] = (uint16_t)fdp;
            v[6] = fpu_fds(env);
        }
        for (int i = 0; i < 7; i++) {
            cpu_stw(env, la_add(env, la, 2 * i), v[i]);
        }
    } else {
        uint32_t v[7] = {
            0xffff0000u | w[0], 0xffff0000u | w[1], 0xffff0000u | w[2],
            0, 0, 0, 0
        };

        if (env_real(env)) {
            v[3] = 0xffff0000u | (fip & 0xffff);
            v[4] = ((fip >> 16) << 12) | fop;
            v[5] = 0xffff0000u | (fdp & 0xffff);
            v[6] = (fdp >> 16) << 12;
        } else {
            v[3] = fip;
            v[4] = ((uint32_t)fop << 16) | fpu_fcs(env);
            v[5] = fdp;
            v[6] = 0xffff0000u | fpu_fds(env);
        }
        for (int i = 0; i < 7; i++) {
            cpu_stl(env, la_add(env, la, 4 * i), v[i]);
        }
    }
}

typedef struct FpuEnvImage {
    uint16_t fcw, fsw, ftw, fop;
    uint32_t fip, fdp;
} FpuEnvImage;

static void load_env(CPUX86State *env, const X86Insn *in, uint64_t la,
                     FpuEnvImage *e)
{
    if (in->ot == MO_16) {
        uint16_t v[7];

        for (int i = 0; i < 7; i++) {
            v[i] = cpu_lduw(env, la_add(env, la, 2 * i));
        }
        e->fcw = v[0];
        e->fsw = v[1];
        e->ftw = v[2];
        if (env_real(env)) {
            e->fip = v[3] | ((uint32_t)(v[4] >> 12) << 16);
            e->fop = v[4] & 0x7ff;
            e->fdp = v[5] | ((uint32_t)(v[6] >> 12) << 16);
        } else {
            e->fip = v[3];
            e->fop = 0;
            e->fdp = v[5];
        }
    } else {
        uint32_t v[7];

        for (int i = 0; i < 7; i++) {
            v[i] = cpu_ldl(env, la_add(env, la, 4 * i));
        }
        e->fcw = (uint16_t)v[0];
        e->fsw = (uint16_t)v[1];
        e->ftw = (uint16_t)v[2];
        if (env_real(env)) {
            e->fip = (v[3] & 0xffff) | (((v[4] >> 12) & 0xffff) << 16);
            e->fop = v[4] & 0x7ff;
            e->fdp = (v[5] & 0xffff) | (((v[6] >> 12) & 0xffff) << 16);
        } else {
            e->fip = v[3];
            e->fop = (v[4] >> 16) & 0x7ff;
            e->fdp = v[5];
        }
    }
}

static void commit_env(CPUX86State *env, const FpuEnvImage *e)
{
    env->fpuc = (e->fcw & 0x1f3f) | 0x40;
    x86_fpu_set_status(env, e->fsw);
    set_tags_full(env, e->ftw);
    env->fpip = e->fip;
    env->fpdp = e->fdp;
    env->fpop = e->fop;
    fpu_update_es(env);
}

void x86_fpu_fnstenv(CPUX86State *env, const X86Insn *in)
{
    uint64_t la;

    fpu_begin_nowait(env);
    la = insn_la(env, in);
    probe_range(env, la, env_size(in));
    store_env(env, in, la);
    env->fpuc |= FPUC_EM;       /* then every exception is masked */
    fpu_update_es(env);
    env->eip = in->next_eip;
}

void x86_fpu_fldenv(CPUX86State *env, const X86Insn *in)
{
    FpuEnvImage e;

    fpu_begin(env, in, true);
    load_env(env, in, insn_la(env, in), &e);
    commit_env(env, &e);
    env->eip = in->next_eip;
}

void x86_fpu_fnsave(CPUX86State *env, const X86Insn *in)
{
    uint64_t la;
    unsigned off = env_size(in);

    fpu_begin_nowait(env);
    la = insn_la(env, in);
    probe_range(env, la, off + 80);
    store_env(env, in, la);
    for (int i = 0; i < 8; i++) {
        FPReg r = *fpu_st(env, i);

        cpu_stq(env, la_add(env, la, off + 10 * i), r.mant);
        cpu_stw(env, la_add(env, la, off + 10 * i + 8), r.exp);
    }
    x86_fpu_reset_state(env);
    env->eip = in->next_eip;
}

void x86_fpu_frstor(CPUX86State *env, const X86Insn *in)
{
    FpuEnvImage e;
    FPReg regs[8];
    uint64_t la;
    unsigned off = env_size(in);

    fpu_begin(env, in, true);
    la = insn_la(env, in);
    load_env(env, in, la, &e);
    for (int i = 0; i < 8; i++) {
        regs[i].mant = cpu_ldq(env, la_add(env, la, off + 10 * i));
        regs[i].exp = cpu_lduw(env, la_add(env, la, off + 10 * i + 8));
    }
    commit_env(env, &e);
    for (int i = 0; i < 8; i++) {
        *fpu_st(env, i) = regs[i];
    }
    env->eip = in->next_eip;
}

/* ---- the FXSAVE region ---- */

static void put16(uint8_t *p, uint16_t v)
{
    memcpy(p, &v, 2);
}

static void put32(uint8_t *p, uint32_t v)
{
    memcpy(p, &v, 4);
}

static void put64(uint8_t *p, uint64_t v)
{
    memcpy(p, &v, 8);
}

static uint16_t get16(const uint8_t *p)
{
    uint16_t v;

    memcpy(&v, p, 2);
    return v;
}

static uint32_t get32(const uint8_t *p)
{
    uint32_t v;

    memcpy(&v, p, 4);
    return v;
}

static uint64_t get64(const uint8_t *p)
{
    uint64_t v;

    memcpy(&v, p, 8);
    return v;
}

void x86_fxsave_image(CPUX86State *env, uint8_t *buf, bool wide,
                      unsigned parts, int nregs)
{
    if (parts & FXP_X87) {
        uint8_t ftw = 0;

        for (int i = 0; i < 8; i++) {
            ftw |= (!env->fptags[i]) << i;
        }
        memset(buf, 0, 24);
        put16(buf + FXS_FCW, env->fpuc);
        put16(buf + FXS_FSW, x86_fpu_status(env));
        buf[FXS_FTW] = ftw;
        put16(buf + FXS_FOP, env->fpop & 0x7ff);
        if (wide) {
            put64(buf + FXS_FIP, env->fpip);
            put64(buf + FXS_FDP, env->fpdp);
        } else {
            put32(buf + FXS_FIP, (uint32_t)env->fpip);
            put16(buf + FXS_FCS, fpu_fcs(env));
            put32(buf + FXS_FDP, (uint32_t)env->fpdp);
            put16(buf + FXS_FDS, fpu_fds(env));
        }
        for (int i = 0; i < 8; i++) {
            FPReg r = *fpu_st(env, i);
            uint8_t *p = buf + FXS_ST0 + 16 * i;

            memset(p, 0, 16);
            put64(p, r.mant);
            put16(p + 8, r.exp);
        }
    }
    if (parts & FXP_MXCSR) {
        put32(buf + FXS_MXCSR, env->mxcsr);
        put32(buf + FXS_MXCSR_MASK, MXCSR_MASK_VALUE);
    }
    if (parts & FXP_XMM) {
        memcpy(buf + FXS_XMM0, env->xmm_regs, 16 * nregs);
    }
}

bool x86_fxrstor_image(CPUX86State *env, const uint8_t *buf, bool wide,
                       unsigned parts, int nregs)
{
    if ((parts & FXP_MXCSR) && (get32(buf + FXS_MXCSR) & ~MXCSR_MASK_VALUE)) {
        return false;
    }
    if (parts & FXP_X87) {
        uint8_t ftw = buf[FXS_FTW];

        env->fpuc = get16(buf + FXS_FCW);
        x86_fpu_set_status(env, get16(buf + FXS_FSW));
        for (int i = 0; i < 8; i++) {
            env->fptags[i] = !((ftw >> i) & 1);
        }
        env->fpop = get16(buf + FXS_FOP) & 0x7ff;
        if (wide) {
            env->fpip = get64(buf + FXS_FIP);
            env->fpdp = get64(buf + FXS_FDP);
        } else {
            env->fpip = get32(buf + FXS_FIP);
            env->fpdp = get32(buf + FXS_FDP);
        }
        for (int i = 0; i < 8; i++) {
            const uint8_t *p = buf + FXS_ST0 + 16 * i;
            FPReg *r = fpu_st(env, i);

            r->mant = get64(p);
            r->exp = get16(p + 8);
        }
        fpu_update_es(env);
    }
    if (parts & FXP_MXCSR) {
        env->mxcsr = get32(buf + FXS_MXCSR);
    }
    if (parts & FXP_XMM) {
        memcpy(env->xmm_regs, buf + FXS_XMM0, 16 * nregs);
    }
    return true;
}

/* Guest memory in 8-byte granules: [from, to) of the image at la. */
static void mem_write(CPUX86State *env, uint64_t la, const uint8_t *buf,
                      unsigned from, unsigned to)
{
    for (unsigned o = from; o < to; o += 8) {
        cpu_stq(env, la_add(env, la, o), get64(buf + o));
    }
}

static void mem_read(CPUX86State *env, uint64_t la, uint8_t *buf,
                     unsigned from, unsigned to)
{
    for (unsigned o = from; o < to; o += 8) {
        put64(buf + o, cpu_ldq(env, la_add(env, la, o)));
    }
}

static int xmm_count(CPUX86State *env)
{
    return (env->hflags & HF_CS64) ? 16 : 8;
}

/* #UD without FXSR, #NM with CR0.TS or CR0.EM, #GP unless 16-aligned. */
static uint64_t fxsave_checks(CPUX86State *env, const X86Insn *in)
{
    uint64_t la;

    if (!fpu_has(env, FEAT_1_EDX, CPUID_FXSR)) {
        raise_exception(env, EXCP06_ILLOP);
    }
    if (env->hflags & (HF_EM | HF_TS)) {
        raise_exception(env, EXCP07_PREX);
    }
    la = insn_la(env, in);
    if (la & 15) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    return la;
}

/* The XMM part only with CR4.OSFXSR (SDM: implementation-dependent). */
static unsigned fxsave_parts(CPUX86State *env)
{
    return FXP_X87 | ((env->hflags & HF_OSFXSR) ? FXP_MXCSR | FXP_XMM : 0);
}

static void op_fxsave(CPUX86State *env, const X86Insn *in)
{
    uint8_t buf[FXS_SIZE];
    uint64_t la = fxsave_checks(env, in);
    unsigned parts = fxsave_parts(env), end;
    int n = xmm_count(env);

    end = (parts & FXP_XMM) ? FXS_XMM0 + 16 * n : FXS_XMM0;
    probe_range(env, la, end);
    memset(buf, 0, sizeof(buf));
    x86_fxsave_image(env, buf, in->rex_w, parts, n);
    if (parts & FXP_MXCSR) {
        mem_write(env, la, buf, 0, end);
    } else {
        mem_write(env, la, buf, 0, FXS_MXCSR);
        mem_write(env, la, buf, FXS_ST0, end);
    }
    env->eip = in->next_eip;
}

static void op_fxrstor(CPUX86State *env, const X86Insn *in)
{
    uint8_t buf[FXS_SIZE];
    uint64_t la = fxsave_checks(env, in);
    unsigned parts = fxsave_parts(env);
    int n = xmm_count(env);

    mem_read(env, la, buf, 0, FXS_XMM0 + 16 * n);
    if (!x86_fxrstor_image(env, buf, in->rex_w, parts, n)) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    env->eip = in->next_eip;
}

/* ---- XSAVE ---- */

/* The XCR0 bits this CPU model supports (CPUID leaf 0xD, EDX:EAX). */
static uint64_t xcr0_supported(CPUX86State *env)
{
    return (env->features[FEAT_XSAVE_COMP_LO] & 0xffffffffull) |
           (env->features[FEAT_XSAVE_COMP_HI] << 32);
}

/*
 * Components whose state is kept: x87, SSE, and the AVX upper halves
 * (ymmh_regs).  Others XCR0 may enable (MPX, PKRU...) belong to
 * instructions this CPU does not execute: always in their initial
 * configuration, saved as XSTATE_BV = 0 and never loaded.
 */
#define XSTATE_KEPT (XSTATE_X87 | XSTATE_SSE | XSTATE_YMM)

static bool xcr0_valid(CPUX86State *env, uint64_t v)
{
    if (v & ~xcr0_supported(env)) {
        return false;
    }
    if (!(v & XSTATE_X87)) {
        return false;
    }
    if ((v & XSTATE_YMM) && !(v & XSTATE_SSE)) {
        return false;
    }
    if (!!(v & (1ull << 3)) != !!(v & (1ull << 4))) {
        return false;               /* MPX: BNDREGS and BNDCSR together */
    }
    if ((v & 0xe0) && ((v & 0xe0) != 0xe0 || !(v & XSTATE_YMM))) {
        return false;               /* AVX-512: all three, with AVX */
    }
    if (!!(v & (1ull << 17)) != !!(v & (1ull << 18))) {
        return false;               /* AMX: TILECFG and TILEDATA */
    }
    return true;
}

/* #UD without XSAVE or CR4.OSXSAVE, #NM with CR0.TS, #GP unless
 * 64-aligned. */
static uint64_t xsave_checks(CPUX86State *env, const X86Insn *in)
{
    uint64_t la;

    if (!fpu_has(env, FEAT_1_ECX, CPUID_EXT_XSAVE) ||
        !(env->hflags & HF_OSXSAVE)) {
        raise_exception(env, EXCP06_ILLOP);
    }
    if (env->hflags & HF_TS) {
        raise_exception(env, EXCP07_PREX);
    }
    la = insn_la(env, in);
    if (la & 63) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    return la;
}

static uint64_t rfbm(CPUX86State *env)
{
    return env->xcr0 & ((env->regs[R_EDX] << 32) |
                        (uint32_t)env->regs[R_EAX]);
}

static void do_xsave(CPUX86State *env, const X86Insn *in)
{
    uint8_t buf[XSAVE_YMMH + 256];
    uint64_t la = xsave_checks(env, in), mask = rfbm(env), bv;
    int n = xmm_count(env);
    unsigned end = XSAVE_HDR + 8, parts = 0;

    if (mask & XSTATE_YMM) {
        end = XSAVE_YMMH + 16 * n;
    }
    bv = cpu_ldq(env, la_add(env, la, XSAVE_HDR));
    probe_range(env, la, end);
    memset(buf, 0, sizeof(buf));
    if (mask & XSTATE_X87) {
        parts |= FXP_X87;
    }
    if (mask & (XSTATE_SSE | XSTATE_YMM)) {
        parts |= FXP_MXCSR;
    }
    if (mask & XSTATE_SSE) {
        parts |= FXP_XMM;
    }
    x86_fxsave_image(env, buf, in->rex_w, parts, n);
    if (parts & FXP_X87) {
        mem_write(env, la, buf, 0, FXS_MXCSR);
        mem_write(env, la, buf, FXS_ST0, FXS_XMM0);
    }
    if (parts & FXP_MXCSR) {
        mem_write(env, la, buf, FXS_MXCSR, FXS_ST0);
    }
    if (parts & FXP_XMM) {
        mem_write(env, la, buf, FXS_XMM0, FXS_XMM0 + 16 * n);
    }
    if (mask & XSTATE_YMM) {
        memcpy(buf + XSAVE_YMMH, env->ymmh_regs, 16 * n);
        mem_write(env, la, buf, XSAVE_YMMH, XSAVE_YMMH + 16 * n);
    }
    /* XSTATE_BV: the saved components in use; the others untouched */
    bv = (bv & ~mask) | (mask & XSTATE_KEPT);
    cpu_stq(env, la_add(env, la, XSAVE_HDR), bv);
    env->eip = in->next_eip;
}

static void op_xsave(CPUX86State *env, const X86Insn *in)
{
    do_xsave(env, in);
}

/* XSAVEOPT: XSAVE without the optional modified/init optimizations. */
static void op_xsaveopt(CPUX86State *env, const X86Insn *in)
{
    if (!fpu_has(env, FEAT_XSAVE, 1)) {
        raise_exception(env, EXCP06_ILLOP);
    }
    do_xsave(env, in);
}

static void op_xrstor(CPUX86State *env, const X86Insn *in)
{
    uint8_t buf[XSAVE_YMMH + 256];
    uint64_t la = xsave_checks(env, in), mask = rfbm(env), bv;
    int n = xmm_count(env);
    unsigned parts = 0;

    mem_read(env, la, buf, XSAVE_HDR, XSAVE_HDR + 64);
    bv = get64(buf + XSAVE_HDR);
    /* standard form only: XCOMP_BV and the next 8 bytes must be 0 */
    if (get64(buf + XSAVE_HDR + 8) || get64(buf + XSAVE_HDR + 16) ||
        (bv & ~env->xcr0)) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    if (mask & XSTATE_X87) {
        mem_read(env, la, buf, 0, FXS_MXCSR);
        mem_read(env, la, buf, FXS_ST0, FXS_XMM0);
    }
    if (mask & (XSTATE_SSE | XSTATE_YMM)) {
        mem_read(env, la, buf, FXS_MXCSR, FXS_ST0);
        parts |= FXP_MXCSR;
    }
    if (mask & XSTATE_SSE) {
        mem_read(env, la, buf, FXS_XMM0, FXS_XMM0 + 16 * n);
    }
    if (mask & XSTATE_YMM) {
        mem_read(env, la, buf, XSAVE_YMMH, XSAVE_YMMH + 16 * n);
    }
    if ((parts & FXP_MXCSR) &&
        (get32(buf + FXS_MXCSR) & ~MXCSR_MASK_VALUE)) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    /* Nothing can fault from here on. */
    if (mask & XSTATE_X87) {
        if (bv & XSTATE_X87) {
            x86_fxrstor_image(env, buf, in->rex_w, FXP_X87, n);
        } else {
            x86_fpu_reset_state(env);
            memset(env->fpregs, 0, sizeof(env->fpregs));
        }
    }
    if (parts & FXP_MXCSR) {
        env->mxcsr = get32(buf + FXS_MXCSR);
    }
    if (mask & XSTATE_SSE) {
        if (bv & XSTATE_SSE) {
            memcpy(env->xmm_regs, buf + FXS_XMM0, 16 * n);
        } else {
            memset(env->xmm_regs, 0, 16 * n);
        }
    }
    if (mask & XSTATE_YMM) {
        if (bv & XSTATE_YMM) {
            memcpy(env->ymmh_regs, buf + XSAVE_YMMH, 16 * n);
        } else {
            memset(env->ymmh_regs, 0, 16 * n);
        }
    }
    env->eip = in->next_eip;
}

/* 0F 01 D0 XGETBV: ECX 0 = XCR0, 1 = XCR0 & XINUSE (with XGETBV1). */
static void op_xgetbv(CPUX86State *env, const X86Insn *in)
{
    uint32_t ecx = (uint32_t)env->regs[R_ECX];
    uint64_t v;

    if (!fpu_has(env, FEAT_1_ECX, CPUID_EXT_XSAVE) ||
        !(env->hflags & HF_OSXSAVE)) {
        raise_exception(env, EXCP06_ILLOP);
    }
    if (ecx == 0) {
        v = env->xcr0;
    } else if (ecx == 1 && fpu_has(env, FEAT_XSAVE, 1u << 2)) {
        v = env->xcr0 & XSTATE_KEPT;
    } else {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    env->regs[R_EAX] = (uint32_t)v;
    env->regs[R_EDX] = v >> 32;
    env->eip = in->next_eip;
}

/* 0F 01 D1 XSETBV: CPL 0, ECX = 0, a valid XCR0. */
static void op_xsetbv(CPUX86State *env, const X86Insn *in)
{
    uint64_t v = ((env->regs[R_EDX] & 0xffffffffull) << 32) |
                 (uint32_t)env->regs[R_EAX];

    if (!fpu_has(env, FEAT_1_ECX, CPUID_EXT_XSAVE) ||
        !(env->hflags & HF_OSXSAVE)) {
        raise_exception(env, EXCP06_ILLOP);
    }
    if (cpu_cpl(env) != 0 || (uint32_t)env->regs[R_ECX] != 0 ||
        !xcr0_valid(env, v)) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    env->xcr0 = v;
    env->eip = in->next_eip;
}

void x86_fpu_env_ops_init(void)
{
    /* memory forms of 0F AE, no mandatory prefix (NP) */
    x86_op_set(1, 0xae, PFX_NONE, 0, 0, OPM_ANY, op_fxsave, OPF_MODRM);
    x86_op_set(1, 0xae, PFX_NONE, 1, 0, OPM_ANY, op_fxrstor, OPF_MODRM);
    x86_op_set(1, 0xae, PFX_NONE, 4, 0, OPM_ANY, op_xsave, OPF_MODRM);
    x86_op_set(1, 0xae, PFX_NONE, 5, 0, OPM_ANY, op_xrstor, OPF_MODRM);
    x86_op_set(1, 0xae, PFX_NONE, 6, 0, OPM_ANY, op_xsaveopt, OPF_MODRM);
    x86_op_set(1, 0x01, OPM_ANY, 2, 1, 0, op_xgetbv, OPF_MODRM);
    x86_op_set(1, 0x01, OPM_ANY, 2, 1, 1, op_xsetbv, OPF_MODRM);
}
