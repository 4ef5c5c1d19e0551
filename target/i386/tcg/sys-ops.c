/*
 * sys-ops.c: system instructions, part 1: segment register moves,
 * pushes and pops, far pointers (LDS..LGS), far JMP/CALL/RET, IRET,
 * INT n/INT3/INTO/INT1, SYSCALL/SYSRET, SYSENTER/SYSEXIT, SWAPGS,
 * RDTSCP, MONITOR/MWAIT, CLAC/STAC and the FS/GS base instructions.
 * The descriptor-table group (0F 00, 0F 01 memory forms, LAR, LSL,
 * ARPL, CLTS) is in sys-desc.c.  The transfers themselves are in
 * seg-far.c and seg-helper.c; docs/tcg-system.md.
 *
 * Every instruction that changes CS, SS, the CPL, IF or the mode ends
 * its TB (OPF_END) so the executor looks at the new state.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/seg-helper.h"

/* CPUID bits this file tests that cpu.h does not name. */
#define CPUID_EXT_MONITOR   (1u << 3)       /* CPUID[1].ECX */
#define CPUID_7_0_EBX_FSGSBASE (1u << 0)
#define CPUID_7_0_EBX_SMAP  (1u << 20)

static G_NORETURN void ud(CPUX86State *env)
{
    raise_exception(env, EXCP06_ILLOP);
}

static G_NORETURN void gp0(CPUX86State *env)
{
    raise_exception_err(env, EXCP0D_GPF, 0);
}

/* ---- segment registers ---- */

/* 06/0E/16/1E and 0F A0/A8: the segment is opcode bits 5:3. */
static void op_push_seg(CPUX86State *env, const X86Insn *in)
{
    x86_push(env, in->ot, env->segs[(in->op >> 3) & 7].selector);
    env->eip = in->next_eip;
}

/* 07/17/1F and 0F A1/A9. */
static void op_pop_seg(CPUX86State *env, const X86Insn *in)
{
    int seg = (in->op >> 3) & 7;
    uint64_t mask = stack_mask(env), sp = env->regs[R_ESP];
    uint16_t sel = x86_peek(env, in->ot, 0);

    x86_load_seg(env, seg, sel);
    /* ESP moves by the old stack's width. */
    env->regs[R_ESP] = (sp & ~mask) | ((sp + (1u << in->ot)) & mask);
    if (seg == R_SS) {
        env->hflags |= HF_INHIBIT_IRQ | HF_MOVSS_SHADOW;
    }
    env->eip = in->next_eip;
}

/* 8C: MOV r/m, Sreg (a register gets the selector zero-extended). */
static void op_mov_from_seg(CPUX86State *env, const X86Insn *in)
{
    int seg = in->reg & 7;
    uint16_t sel;

    if (seg > R_GS) {
        ud(env);
    }
    sel = env->segs[seg].selector;
    if (in->mod3) {
        set_reg(env, in, in->rm, in->ot, sel);
    } else {
        cpu_stw(env, insn_la(env, in), sel);
    }
    env->eip = in->next_eip;
}

/* 8E: MOV Sreg, r/m (CS is #UD; SS opens an interrupt shadow). */
static void op_mov_to_seg(CPUX86State *env, const X86Insn *in)
{
    int seg = in->reg & 7;
    uint16_t sel;

    if (seg == R_CS || seg > R_GS) {
        ud(env);
    }
    sel = in->mod3 ? get_reg(env, in, in->rm, MO_16)
                   : cpu_lduw(env, insn_la(env, in));
    x86_load_seg(env, seg, sel);
    if (seg == R_SS) {
        env->hflags |= HF_INHIBIT_IRQ | HF_MOVSS_SHADOW;
    }
    env->eip = in->next_eip;
}

/* The linear address of the selector word after a far pointer's
 * offset. */
static uint64_t far_sel_la(CPUX86State *env, const X86Insn *in)
{
    uint64_t ea = insn_ea(env, in) + (1u << in->ot);

    if (in->aflag == MO_32) {
        ea = (uint32_t)ea;
    } else if (in->aflag == MO_16) {
        ea = (uint16_t)ea;
    }
    return linear_addr(env, in->seg, ea);
}

/* C4 LES, C5 LDS, 0F B2 LSS, 0F B4 LFS, 0F B5 LGS. */
static void op_lxs(CPUX86State *env, const X86Insn *in)
{
    int seg;
    uint64_t off;
    uint16_t sel;

    switch (in->op) {
    case 0xc4: seg = R_ES; break;
    case 0xc5: seg = R_DS; break;
    case 0xb2: seg = R_SS; break;
    case 0xb4: seg = R_FS; break;
    default: seg = R_GS; break;
    }
    off = cpu_ld_ot(env, insn_la(env, in), in->ot);
    sel = cpu_lduw(env, far_sel_la(env, in));
    x86_load_seg(env, seg, sel);
    set_reg(env, in, in->reg, in->ot, off);
    if (seg == R_SS) {
        env->hflags |= HF_INHIBIT_IRQ | HF_MOVSS_SHADOW;
    }
    env->eip = in->next_eip;
}

/* ---- far transfers ---- */

static void op_jmp_far(CPUX86State *env, const X86Insn *in)
{
    x86_far_jmp(env, in->imm2, in->imm, in->next_eip);
}

static void op_call_far(CPUX86State *env, const X86Insn *in)
{
    x86_far_call(env, in->imm2, in->imm, in->ot, in->next_eip);
}

/* FF /5: JMP m16:16/32/64. */
static void op_jmp_far_mem(CPUX86State *env, const X86Insn *in)
{
    uint64_t off = cpu_ld_ot(env, insn_la(env, in), in->ot);
    uint16_t sel = cpu_lduw(env, far_sel_la(env, in));

    x86_far_jmp(env, sel, off, in->next_eip);
}

/* FF /3: CALL m16:16/32/64. */
static void op_call_far_mem(CPUX86State *env, const X86Insn *in)
{
    uint64_t off = cpu_ld_ot(env, insn_la(env, in), in->ot);
    uint16_t sel = cpu_lduw(env, far_sel_la(env, in));

    x86_far_call(env, sel, off, in->ot, in->next_eip);
}

/* CA/CB */
static void op_retf(CPUX86State *env, const X86Insn *in)
{
    x86_far_ret(env, in->ot, in->op == 0xca ? (uint16_t)in->imm : 0);
}

/* CF */
static void op_iret(CPUX86State *env, const X86Insn *in)
{
    x86_iret(env, in->ot, in->next_eip);
}

/* ---- software interrupts ---- */

/* CD ib: IOPL-sensitive in virtual-8086 mode (no VME). */
static void op_int(CPUX86State *env, const X86Insn *in)
{
    if ((env->eflags & VM_MASK) && (env->eflags & IOPL_MASK) != IOPL_MASK) {
        gp0(env);
    }
    raise_interrupt(env, in->imm & 0xff, 1, 0, in->next_eip);
}

static void op_int3(CPUX86State *env, const X86Insn *in)
{
    raise_interrupt(env, EXCP03_INT3, 1, 0, in->next_eip);
}

static void op_into(CPUX86State *env, const X86Insn *in)
{
    if (cc_compute_all(env) & CC_O) {
        raise_interrupt(env, EXCP04_INTO, 1, 0, in->next_eip);
    }
    env->eip = in->next_eip;
}

/* F1: INT1 / ICEBP: a #DB trap delivered like a hardware one (no gate
 * DPL check). */
static void op_int1(CPUX86State *env, const X86Insn *in)
{
    raise_interrupt(env, EXCP01_DB, 0, 0, in->next_eip);
}

/* ---- fast system calls ---- */

#define FLAT_LIMIT 0xffffffffu
#define CODE_FLAGS (DESC_G_MASK | DESC_P_MASK | DESC_S_MASK | DESC_CS_MASK | \
                    DESC_R_MASK | DESC_A_MASK)
#define DATA_FLAGS (DESC_G_MASK | DESC_B_MASK | DESC_P_MASK | DESC_S_MASK | \
                    DESC_W_MASK | DESC_A_MASK)

static void load_flat(CPUX86State *env, int seg, uint32_t sel, int dpl,
                      uint32_t flags)
{
    cpu_x86_load_seg_cache(env, seg, sel, 0, FLAT_LIMIT,
                           flags | (dpl << DESC_DPL_SHIFT));
}

/* 0F 05 (SDM vol. 2 SYSCALL; the legacy-mode form as AMD defines it). */
static void op_syscall(CPUX86State *env, const X86Insn *in)
{
    uint32_t sel = (env->star >> 32) & 0xfffc;
    uint64_t eflags;

    if (!(env->features[FEAT_8000_0001_EDX] & CPUID_EXT2_SYSCALL) ||
        !(env->efer & MSR_EFER_SCE)) {
        ud(env);
    }
    eflags = cpu_compute_eflags(env);
    if (env->hflags & HF_LMA) {
        bool code64 = (env->hflags & HF_CS64) != 0;

        env->regs[R_ECX] = in->next_eip;
        env->regs[11] = eflags;
        cpu_load_eflags(env, eflags & ~(env->fmask | RF_MASK), ~0ull);
        load_flat(env, R_CS, sel, 0, CODE_FLAGS | DESC_L_MASK);
        load_flat(env, R_SS, sel + 8, 0, DATA_FLAGS);
        env->eip = code64 ? env->lstar : env->cstar;
    } else {
        env->regs[R_ECX] = (uint32_t)in->next_eip;
        cpu_load_eflags(env, eflags & ~(IF_MASK | RF_MASK | VM_MASK),
                        ~0ull);
        load_flat(env, R_CS, sel, 0, CODE_FLAGS | DESC_B_MASK);
        load_flat(env, R_SS, sel + 8, 0, DATA_FLAGS);
        env->eip = (uint32_t)env->star;
    }
}

/* 0F 07 */
static void op_sysret(CPUX86State *env, const X86Insn *in)
{
    uint32_t sel = (env->star >> 48) & 0xffff;

    if (!(env->features[FEAT_8000_0001_EDX] & CPUID_EXT2_SYSCALL) ||
        !(env->efer & MSR_EFER_SCE)) {
        ud(env);
    }
    if (!(env->hflags & HF_PE) || cpu_cpl(env) != 0) {
        gp0(env);
    }
    if (env->hflags & HF_LMA) {
        uint64_t rip = env->regs[R_ECX];

        if (in->rex_w) {
            if (!is_canonical(rip)) {
                gp0(env);
            }
            load_flat(env, R_CS, ((sel + 16) & 0xfffc) | 3, 3,
                      CODE_FLAGS | DESC_L_MASK);
        } else {
            rip = (uint32_t)rip;
            load_flat(env, R_CS, sel | 3, 3, CODE_FLAGS | DESC_B_MASK);
        }
        cpu_load_eflags(env, (env->regs[11] & 0x3c7fd7) | 2, ~0ull);
        load_flat(env, R_SS, ((sel + 8) & 0xfffc) | 3, 3, DATA_FLAGS);
        env->eip = rip;
    } else {
        load_flat(env, R_CS, sel | 3, 3, CODE_FLAGS | DESC_B_MASK);
        load_flat(env, R_SS, ((sel + 8) & 0xfffc) | 3, 3, DATA_FLAGS);
        cpu_load_eflags(env, cpu_compute_eflags(env) | IF_MASK, IF_MASK);
        env->eip = (uint32_t)env->regs[R_ECX];
    }
}

/* 0F 34 */
static void op_sysenter(CPUX86State *env, const X86Insn *in)
{
    uint32_t cs = env->sysenter_cs & 0xfffc;
    bool lma = (env->hflags & HF_LMA) != 0;

    if (!(env->features[FEAT_1_EDX] & CPUID_SEP)) {
        ud(env);
    }
    if (!(env->hflags & HF_PE) || cs == 0) {
        gp0(env);
    }
    cpu_load_eflags(env, cpu_compute_eflags(env) &
                    ~(VM_MASK | IF_MASK | RF_MASK), ~0ull);
    load_flat(env, R_CS, cs, 0,
              CODE_FLAGS | (lma ? DESC_L_MASK : DESC_B_MASK));
    load_flat(env, R_SS, (cs + 8) & 0xfffc, 0, DATA_FLAGS);
    env->regs[R_ESP] = lma ? env->sysenter_esp
                           : (uint32_t)env->sysenter_esp;
    env->eip = lma ? env->sysenter_eip : (uint32_t)env->sysenter_eip;
}

/* 0F 35 */
static void op_sysexit(CPUX86State *env, const X86Insn *in)
{
    uint32_t cs = env->sysenter_cs & 0xfffc;

    if (!(env->features[FEAT_1_EDX] & CPUID_SEP)) {
        ud(env);
    }
    if (!(env->hflags & HF_PE) || cpu_cpl(env) != 0 || cs == 0) {
        gp0(env);
    }
    if (in->rex_w) {
        if (!is_canonical(env->regs[R_EDX]) ||
            !is_canonical(env->regs[R_ECX])) {
            gp0(env);
        }
        load_flat(env, R_CS, ((cs + 32) & 0xfffc) | 3, 3,
                  CODE_FLAGS | DESC_L_MASK);
        load_flat(env, R_SS, ((cs + 40) & 0xfffc) | 3, 3, DATA_FLAGS);
        env->regs[R_ESP] = env->regs[R_ECX];
        env->eip = env->regs[R_EDX];
    } else {
        load_flat(env, R_CS, ((cs + 16) & 0xfffc) | 3, 3,
                  CODE_FLAGS | DESC_B_MASK);
        load_flat(env, R_SS, ((cs + 24) & 0xfffc) | 3, 3, DATA_FLAGS);
        env->regs[R_ESP] = (uint32_t)env->regs[R_ECX];
        env->eip = (uint32_t)env->regs[R_EDX];
    }
}

/* 0F 01 F8 */
static void op_swapgs(CPUX86State *env, const X86Insn *in)
{
    uint64_t t;

    if (!(env->hflags & HF_CS64)) {
        ud(env);
    }
    if (cpu_cpl(env) != 0) {
        gp0(env);
    }
    t = env->segs[R_GS].base;
    env->segs[R_GS].base = env->kernelgsbase;
    env->kernelgsbase = t;
    env->eip = in->next_eip;
}

/* 0F 01 F9 */
static void op_rdtscp(CPUX86State *env, const X86Insn *in)
{
    uint64_t tsc;

    if (!(env->features[FEAT_8000_0001_EDX] & CPUID_EXT2_RDTSCP)) {
        ud(env);
    }
    if ((env->cr[4] & CR4_TSD_MASK) && cpu_cpl(env) != 0) {
        gp0(env);
    }
    tsc = x86_cpu_get_tsc(env);
    env->regs[R_EAX] = (uint32_t)tsc;
    env->regs[R_EDX] = tsc >> 32;
    env->regs[R_ECX] = (uint32_t)env->tsc_aux;
    env->eip = in->next_eip;
}

/*
 * 0F 01 C8 / C9: MONITOR / MWAIT, only when advertised.  MWAIT returns at
 * once (a wake-up event may always end the wait early).
 */
static void op_monitor_mwait(CPUX86State *env, const X86Insn *in)
{
    if (!(env->features[FEAT_1_ECX] & CPUID_EXT_MONITOR) ||
        cpu_cpl(env) != 0) {
        ud(env);
    }
    if ((in->rm & 7) == 0 && env->regs[R_ECX] != 0) {
        gp0(env);       /* MONITOR: no extensions defined */
    }
    env->eip = in->next_eip;
}

/* 0F 01 CA / CB: CLAC / STAC (SMAP). */
static void op_clac_stac(CPUX86State *env, const X86Insn *in)
{
    uint64_t eflags;

    if (!(env->features[FEAT_7_0_EBX] & CPUID_7_0_EBX_SMAP) ||
        cpu_cpl(env) != 0) {
        ud(env);
    }
    eflags = cpu_compute_eflags(env);
    eflags = (in->rm & 7) == 3 ? (eflags | AC_MASK) : (eflags & ~AC_MASK);
    cpu_load_eflags(env, eflags, AC_MASK);
    env->eip = in->next_eip;
}

/* F3 0F AE /0../3 (register form): RDFSBASE, RDGSBASE, WRFSBASE,
 * WRGSBASE. */
static void op_fsgsbase(CPUX86State *env, const X86Insn *in)
{
    int ot = in->rex_w ? MO_64 : MO_32;
    int seg = (in->reg & 1) ? R_GS : R_FS;

    if (!(env->hflags & HF_CS64) ||
        !(env->features[FEAT_7_0_EBX] & CPUID_7_0_EBX_FSGSBASE) ||
        !(env->cr[4] & CR4_FSGSBASE_MASK)) {
        ud(env);
    }
    if ((in->reg & 7) < 2) {
        set_reg(env, in, in->rm, ot, env->segs[seg].base);
    } else {
        uint64_t v = get_reg(env, in, in->rm, ot);

        if (!is_canonical(v)) {
            gp0(env);
        }
        env->segs[seg].base = v;
    }
    env->eip = in->next_eip;
}

void x86_sys_ops_init(void)
{
    static const uint8_t push_seg[] = { 0x06, 0x0e, 0x16, 0x1e };
    static const uint8_t pop_seg[] = { 0x07, 0x1f };

    for (unsigned i = 0; i < ARRAY_SIZE(push_seg); i++) {
        x86_op(0, push_seg[i], op_push_seg, OPF_NO64);
    }
    for (unsigned i = 0; i < ARRAY_SIZE(pop_seg); i++) {
        x86_op(0, pop_seg[i], op_pop_seg, OPF_NO64);
    }
    x86_op(0, 0x17, op_pop_seg, OPF_NO64 | OPF_END);         /* POP SS */
    x86_op(1, 0xa0, op_push_seg, OPF_DEF64);
    x86_op(1, 0xa8, op_push_seg, OPF_DEF64);
    x86_op(1, 0xa1, op_pop_seg, OPF_DEF64);
    x86_op(1, 0xa9, op_pop_seg, OPF_DEF64);

    x86_op(0, 0x8c, op_mov_from_seg, OPF_MODRM);
    x86_op(0, 0x8e, op_mov_to_seg, OPF_MODRM);
    x86_op_grp(0, 0x8e, R_SS, op_mov_to_seg, OPF_END);

    x86_op(0, 0xc4, op_lxs, OPF_MODRM | OPF_MEM | OPF_NO64);   /* LES */
    x86_op(0, 0xc5, op_lxs, OPF_MODRM | OPF_MEM | OPF_NO64);   /* LDS */
    x86_op(1, 0xb2, op_lxs, OPF_MODRM | OPF_MEM | OPF_END);    /* LSS */
    x86_op(1, 0xb4, op_lxs, OPF_MODRM | OPF_MEM);              /* LFS */
    x86_op(1, 0xb5, op_lxs, OPF_MODRM | OPF_MEM);              /* LGS */

    x86_op(0, 0x9a, op_call_far, OPF_FAR | OPF_NO64 | OPF_END);
    x86_op(0, 0xea, op_jmp_far, OPF_FAR | OPF_NO64 | OPF_END);
    x86_op_grp(0, 0xff, 3, op_call_far_mem, OPF_MEM | OPF_END);
    x86_op_grp(0, 0xff, 5, op_jmp_far_mem, OPF_MEM | OPF_END);
    x86_op(0, 0xca, op_retf, OPF_IMM16 | OPF_END);
    x86_op(0, 0xcb, op_retf, OPF_END);
    x86_op(0, 0xcf, op_iret, OPF_END);

    x86_op(0, 0xcc, op_int3, OPF_END);
    x86_op(0, 0xcd, op_int, OPF_IMM8U | OPF_END);
    x86_op(0, 0xce, op_into, OPF_NO64 | OPF_END);
    x86_op(0, 0xf1, op_int1, OPF_END);

    x86_op(1, 0x05, op_syscall, OPF_END);
    x86_op(1, 0x07, op_sysret, OPF_END);
    x86_op(1, 0x34, op_sysenter, OPF_END);
    x86_op(1, 0x35, op_sysexit, OPF_END);

    /* 0F 01 register forms: mod = 1, reg, rm. */
    x86_op_set(1, 0x01, OPM_ANY, 1, 1, 0, op_monitor_mwait,
               OPF_MODRM | OPF_END);
    x86_op_set(1, 0x01, OPM_ANY, 1, 1, 1, op_monitor_mwait,
               OPF_MODRM | OPF_END);
    x86_op_set(1, 0x01, OPM_ANY, 1, 1, 2, op_clac_stac,
               OPF_MODRM | OPF_END);
    x86_op_set(1, 0x01, OPM_ANY, 1, 1, 3, op_clac_stac,
               OPF_MODRM | OPF_END);
    x86_op_set(1, 0x01, OPM_ANY, 7, 1, 0, op_swapgs, OPF_MODRM | OPF_END);
    x86_op_set(1, 0x01, OPM_ANY, 7, 1, 1, op_rdtscp, OPF_MODRM);

    for (int r = 0; r < 4; r++) {
        x86_op_set(1, 0xae, PFX_F3, r, 1, OPM_ANY, op_fsgsbase, OPF_MODRM);
    }

    x86_sys_desc_ops_init();
}
