/*
 * misc-ops.c: CPUID, the TSC, MSRs, control and debug registers, HLT, port
 * I/O, cache and ordering instructions.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/tcg-cpu.h"
#include "hw/i386/apic.h"
#include <sys/random.h>

static void require_cpl0(CPUX86State *env)
{
    if (cpu_cpl(env) != 0) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
}

static void op_cpuid(CPUX86State *env, const X86Insn *in)
{
    uint32_t a, b, c, d;

    cpu_x86_cpuid(env, (uint32_t)env->regs[R_EAX], (uint32_t)env->regs[R_ECX],
                  &a, &b, &c, &d);
    env->regs[R_EAX] = a;
    env->regs[R_EBX] = b;
    env->regs[R_ECX] = c;
    env->regs[R_EDX] = d;
    env->eip = in->next_eip;
}

static void op_rdtsc(CPUX86State *env, const X86Insn *in)
{
    uint64_t tsc;

    if ((env->cr[4] & CR4_TSD_MASK) && cpu_cpl(env) != 0) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    tsc = x86_cpu_get_tsc(env);
    env->regs[R_EAX] = (uint32_t)tsc;
    env->regs[R_EDX] = tsc >> 32;
    env->eip = in->next_eip;
}

static void op_rdmsr(CPUX86State *env, const X86Insn *in)
{
    uint64_t v;

    require_cpl0(env);
    if (!x86_cpu_rdmsr(env, (uint32_t)env->regs[R_ECX], &v)) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    env->regs[R_EAX] = (uint32_t)v;
    env->regs[R_EDX] = v >> 32;
    env->eip = in->next_eip;
}

static void op_wrmsr(CPUX86State *env, const X86Insn *in)
{
    uint64_t v = ((uint64_t)(uint32_t)env->regs[R_EDX] << 32) |
                 (uint32_t)env->regs[R_EAX];

    require_cpl0(env);
    if (!x86_cpu_wrmsr(env, (uint32_t)env->regs[R_ECX], v)) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    env->eip = in->next_eip;
}

static void op_rdpmc(CPUX86State *env, const X86Insn *in)
{
    /* No performance counters are advertised (pmu=off). */
    (void)in;
    raise_exception_err(env, EXCP0D_GPF, 0);
}

/* ---- control registers (SDM vol. 3 2.5, MOV CR) ---- */

static uint64_t cr4_valid_bits(CPUX86State *env)
{
    uint64_t v = CR4_VME_MASK | CR4_PVI_MASK | CR4_TSD_MASK | CR4_DE_MASK |
                 CR4_PSE_MASK | CR4_PAE_MASK | CR4_MCE_MASK | CR4_PGE_MASK |
                 CR4_PCE_MASK | CR4_OSFXSR_MASK | CR4_OSXMMEXCPT_MASK;

    if (env->features[FEAT_7_0_ECX] & (1u << 2)) {
        v |= CR4_UMIP_MASK;
    }
    if (env->features[FEAT_7_0_EBX] & (1u << 0)) {
        v |= CR4_FSGSBASE_MASK;
    }
    if (env->features[FEAT_1_ECX] & (1u << 17)) {
        v |= CR4_PCIDE_MASK;
    }
    if (env->features[FEAT_1_ECX] & CPUID_EXT_XSAVE) {
        v |= CR4_OSXSAVE_MASK;
    }
    if (env->features[FEAT_7_0_EBX] & (1u << 7)) {
        v |= CR4_SMEP_MASK;
    }
    if (env->features[FEAT_7_0_EBX] & (1u << 20)) {
        v |= CR4_SMAP_MASK;
    }
    return v;
}

static void op_mov_from_cr(CPUX86State *env, const X86Insn *in)
{
    int ot = (env->hflags & HF_CS64) ? MO_64 : MO_32;
    uint64_t v;

    require_cpl0(env);
    switch (in->reg) {
    case 0: case 2: case 3: case 4:
        v = env->cr[in->reg];
        break;
    case 8:
        if (!(env->hflags & HF_CS64)) {
            raise_exception(env, EXCP06_ILLOP);
        }
        v = cpu_get_apic(CPU(env_archcpu(env)))
            ? cpu_get_apic_tpr(cpu_get_apic(CPU(env_archcpu(env)))) : 0;
        break;
    default:
        raise_exception(env, EXCP06_ILLOP);
    }
    set_reg(env, in, in->rm, ot, v);
    env->eip = in->next_eip;
}

static void op_mov_to_cr(CPUX86State *env, const X86Insn *in)
{
    bool lm = env->hflags & HF_LMA;
    uint64_t v = get_reg(env, in, in->rm, (env->hflags & HF_CS64) ? MO_64
                                                                  : MO_32);
    DeviceState *apic;

    require_cpl0(env);
    switch (in->reg) {
    case 0:
        if ((v >> 32) ||
            ((v & CR0_PG_MASK) && !(v & CR0_PE_MASK)) ||
            ((v & CR0_NW_MASK) && !(v & CR0_CD_MASK)) ||
            ((v & CR0_PG_MASK) && !(env->cr[0] & CR0_PG_MASK) &&
             (env->efer & MSR_EFER_LME) && !(env->cr[4] & CR4_PAE_MASK)) ||
            (!(v & CR0_PG_MASK) && (env->hflags & HF_CS64))) {
            raise_exception_err(env, EXCP0D_GPF, 0);
        }
        if ((v & CR0_PG_MASK) && !(env->cr[0] & CR0_PG_MASK) &&
            (env->efer & MSR_EFER_LME) &&
            (env->segs[R_CS].flags & DESC_L_MASK)) {
            raise_exception_err(env, EXCP0D_GPF, 0);
        }
        x86_cpu_set_cr0(env, v);
        break;
    case 2:
        env->cr[2] = v;
        break;
    case 3:
        if (lm && (v >> 52)) {
            raise_exception_err(env, EXCP0D_GPF, 0);
        }
        x86_cpu_set_cr3(env, lm ? v : (uint32_t)v);
        break;
    case 4:
        if ((v & ~cr4_valid_bits(env)) ||
            (lm && !(v & CR4_PAE_MASK))) {
            raise_exception_err(env, EXCP0D_GPF, 0);
        }
        x86_cpu_set_cr4(env, v);
        break;
    case 8:
        if (!(env->hflags & HF_CS64)) {
            raise_exception(env, EXCP06_ILLOP);
        }
        if (v >> 4) {
            raise_exception_err(env, EXCP0D_GPF, 0);
        }
        apic = cpu_get_apic(CPU(env_archcpu(env)));
        if (apic) {
            cpu_set_apic_tpr(apic, v);
        }
        break;
    default:
        raise_exception(env, EXCP06_ILLOP);
    }
    env->eip = in->next_eip;
}

/* Debug registers: stored and read back; breakpoints are not armed. */
static int dr_index(CPUX86State *env, int r)
{
    if (r > 7) {
        raise_exception(env, EXCP06_ILLOP);
    }
    if (r == 4 || r == 5) {
        if (env->cr[4] & CR4_DE_MASK) {
            raise_exception(env, EXCP06_ILLOP);
        }
        r += 2;
    }
    return r;
}

static void op_mov_from_dr(CPUX86State *env, const X86Insn *in)
{
    int ot = (env->hflags & HF_CS64) ? MO_64 : MO_32;
    int r;

    require_cpl0(env);
    r = dr_index(env, in->reg);
    set_reg(env, in, in->rm, ot, env->dr[r]);
    env->eip = in->next_eip;
}

static void op_mov_to_dr(CPUX86State *env, const X86Insn *in)
{
    uint64_t v = get_reg(env, in, in->rm, (env->hflags & HF_CS64) ? MO_64
                                                                  : MO_32);
    int r;

    require_cpl0(env);
    r = dr_index(env, in->reg);
    if (r >= 6 && (v >> 32)) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    if (r == 6) {
        v = (v & 0x1e00f) | 0xffff0ff0;
    } else if (r == 7) {
        v = (v & ~0xd800ull) | 0x400;
    }
    env->dr[r] = v;
    env->eip = in->next_eip;
}

/* ---- HLT, caches, ordering ---- */

static void op_hlt(CPUX86State *env, const X86Insn *in)
{
    CPUState *cs = CPU(env_archcpu(env));

    require_cpl0(env);
    env->eip = in->next_eip;
    env->hflags &= ~HF_INHIBIT_IRQ;
    cs->halted = true;
    cpu_loop_exit(env, EXCP_HLT);
}

static void op_wbinvd(CPUX86State *env, const X86Insn *in)
{
    require_cpl0(env);
    env->eip = in->next_eip;
}

static void op_ud2(CPUX86State *env, const X86Insn *in)
{
    (void)in;
    raise_exception(env, EXCP06_ILLOP);
}

static void op_mfence(CPUX86State *env, const X86Insn *in)
{
    /* The host is TSO too: only store-load order needs a real fence. */
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    env->eip = in->next_eip;
}

static void op_fence(CPUX86State *env, const X86Insn *in)
{
    env->eip = in->next_eip;
}

static void op_clflush(CPUX86State *env, const X86Insn *in)
{
    /* Faults like a byte read; caches are coherent for the emulator. */
    (void)cpu_ldub(env, insn_la(env, in));
    env->eip = in->next_eip;
}

/* ---- MOVBE, RDRAND, RDSEED ---- */

#define CPUID_EXT_MOVBE  (1U << 22)
#define CPUID_EXT_RDRAND (1U << 30)
#define CPUID_7_0_EBX_RDSEED (1U << 18)

/* 0F 38 F0/F1 (no prefix or 66: 16-bit), memory operand only. */
static int movbe_ot(CPUX86State *env, const X86Insn *in)
{
    if (!(env->features[FEAT_1_ECX] & CPUID_EXT_MOVBE)) {
        raise_exception(env, EXCP06_ILLOP);
    }
    return in->pfx == PFX_66 && !in->rex_w ? MO_16 : in->ot;
}

static uint64_t bswap_ot(uint64_t v, int ot)
{
    return ot == MO_16 ? __builtin_bswap16(v) : ot == MO_32
           ? __builtin_bswap32(v) : __builtin_bswap64(v);
}

static void op_movbe_load(CPUX86State *env, const X86Insn *in)
{
    int ot = movbe_ot(env, in);

    set_reg(env, in, in->reg, ot,
            bswap_ot(cpu_ld_ot(env, insn_la(env, in), ot), ot));
    env->eip = in->next_eip;
}

static void op_movbe_store(CPUX86State *env, const X86Insn *in)
{
    int ot = movbe_ot(env, in);

    cpu_st_ot(env, insn_la(env, in),
              bswap_ot(get_reg(env, in, in->reg, ot), ot), ot);
    env->eip = in->next_eip;
}

/* 0F C7 /6 (RDRAND), /7 (RDSEED), register form: host randomness. */
static void op_rdrand(CPUX86State *env, const X86Insn *in)
{
    bool seed = ((in->modrm >> 3) & 7) == 7;
    uint64_t v = 0;
    int ot = in->pfx == PFX_66 ? MO_16 : in->ot;

    if (seed ? !(env->features[FEAT_7_0_EBX] & CPUID_7_0_EBX_RDSEED)
             : !(env->features[FEAT_1_ECX] & CPUID_EXT_RDRAND)) {
        raise_exception(env, EXCP06_ILLOP);
    }
    if (getrandom(&v, sizeof(v), GRND_NONBLOCK) != sizeof(v)) {
        /* No entropy now: CF = 0 and a zero result, as the SDM allows. */
        set_reg(env, in, in->rm, ot, 0);
        set_eflags_cc(env, 0);
    } else {
        set_reg(env, in, in->rm, ot, v);
        set_eflags_cc(env, CC_C);
    }
    env->eip = in->next_eip;
}

/* ---- port I/O ---- */

static int io_size(const X86Insn *in)
{
    return in->ot == MO_8 ? MO_8 : in->ot == MO_16 ? MO_16 : MO_32;
}

static void op_in_imm(CPUX86State *env, const X86Insn *in)
{
    int ot = io_size(in);
    uint16_t port = (uint8_t)in->imm;

    x86_check_io(env, port, ot);
    set_reg(env, in, R_EAX, ot, x86_io_read(env, port, ot));
    env->eip = in->next_eip;
}

static void op_out_imm(CPUX86State *env, const X86Insn *in)
{
    int ot = io_size(in);
    uint16_t port = (uint8_t)in->imm;

    x86_check_io(env, port, ot);
    x86_io_write(env, port, get_reg(env, in, R_EAX, ot), ot);
    env->eip = in->next_eip;
}

static void op_in_dx(CPUX86State *env, const X86Insn *in)
{
    int ot = io_size(in);
    uint16_t port = (uint16_t)env->regs[R_EDX];

    x86_check_io(env, port, ot);
    set_reg(env, in, R_EAX, ot, x86_io_read(env, port, ot));
    env->eip = in->next_eip;
}

static void op_out_dx(CPUX86State *env, const X86Insn *in)
{
    int ot = io_size(in);
    uint16_t port = (uint16_t)env->regs[R_EDX];

    x86_check_io(env, port, ot);
    x86_io_write(env, port, get_reg(env, in, R_EAX, ot), ot);
    env->eip = in->next_eip;
}

void x86_misc_ops_init(void);

void x86_misc_ops_init(void)
{
    x86_op(1, 0xa2, op_cpuid, 0);
    x86_op(1, 0x31, op_rdtsc, 0);
    x86_op(1, 0x32, op_rdmsr, 0);
    x86_op(1, 0x30, op_wrmsr, OPF_END);
    x86_op(1, 0x33, op_rdpmc, 0);
    x86_op(1, 0x20, op_mov_from_cr, OPF_MODRM | OPF_MODRM_REG);
    x86_op(1, 0x22, op_mov_to_cr, OPF_MODRM | OPF_MODRM_REG | OPF_END);
    x86_op(1, 0x21, op_mov_from_dr, OPF_MODRM | OPF_MODRM_REG);
    x86_op(1, 0x23, op_mov_to_dr, OPF_MODRM | OPF_MODRM_REG | OPF_END);
    x86_op(0, 0xf4, op_hlt, OPF_END);
    x86_op(1, 0x08, op_wbinvd, 0);
    x86_op(1, 0x09, op_wbinvd, 0);
    x86_op(1, 0x0b, op_ud2, OPF_END);
    x86_op_set(1, 0xae, OPM_ANY, 5, 1, OPM_ANY, op_fence, OPF_MODRM);
    x86_op_set(1, 0xae, OPM_ANY, 6, 1, OPM_ANY, op_mfence, OPF_MODRM);
    x86_op_set(1, 0xae, OPM_ANY, 7, 1, OPM_ANY, op_fence, OPF_MODRM);
    x86_op_set(1, 0xae, PFX_NONE, 7, 0, OPM_ANY, op_clflush, OPF_MODRM);
    x86_op_set(2, 0xf0, PFX_NONE, OPM_ANY, 0, OPM_ANY, op_movbe_load,
               OPF_MODRM | OPF_SSE | OPF_MEM);
    x86_op_set(2, 0xf0, PFX_66, OPM_ANY, 0, OPM_ANY, op_movbe_load,
               OPF_MODRM | OPF_SSE | OPF_MEM);
    x86_op_set(2, 0xf1, PFX_NONE, OPM_ANY, 0, OPM_ANY, op_movbe_store,
               OPF_MODRM | OPF_SSE | OPF_MEM);
    x86_op_set(2, 0xf1, PFX_66, OPM_ANY, 0, OPM_ANY, op_movbe_store,
               OPF_MODRM | OPF_SSE | OPF_MEM);
    x86_op_set(1, 0xc7, OPM_ANY, 6, 1, OPM_ANY, op_rdrand, OPF_MODRM);
    x86_op_set(1, 0xc7, OPM_ANY, 7, 1, OPM_ANY, op_rdrand, OPF_MODRM);
    x86_op(0, 0xe4, op_in_imm, OPF_BYTE | OPF_IMM8U);
    x86_op(0, 0xe5, op_in_imm, OPF_IMM8U);
    x86_op(0, 0xe6, op_out_imm, OPF_BYTE | OPF_IMM8U);
    x86_op(0, 0xe7, op_out_imm, OPF_IMM8U);
    x86_op(0, 0xec, op_in_dx, OPF_BYTE);
    x86_op(0, 0xed, op_in_dx, 0);
    x86_op(0, 0xee, op_out_dx, OPF_BYTE);
    x86_op(0, 0xef, op_out_dx, 0);
}
