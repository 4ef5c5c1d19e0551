/*
 * tcg-cpu.c: mode bookkeeping of the software CPU: hflags, control
 * register and EFER writes, segment caches, MSRs, the TSC, the stack and
 * I/O ports.
 *
 * hflags caches what the executor and the handlers ask on every
 * instruction (CPL, code and stack width, paging, FPU traps): it is
 * recomputed whenever the state it is derived from changes, so handlers
 * never decode CR0 or a descriptor themselves.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/tcg-cpu.h"
#include "exec/memory.h"
#include "hw/i386/apic.h"
#include "qemu/timer.h"
#include "qemu/log.h"

/* MSR numbers (SDM vol. 4). */
#define MSR_IA32_TSC            0x10
#define MSR_IA32_PLATFORM_ID    0x17
#define MSR_IA32_FEATURE_CONTROL 0x3a
#define MSR_IA32_TSC_ADJUST     0x3b
#define MSR_IA32_SPEC_CTRL      0x48
#define MSR_IA32_PRED_CMD       0x49
#define MSR_IA32_UCODE_WRITE    0x79
#define MSR_IA32_UCODE_REV      0x8b
#define MSR_MTRRcap             0xfe
#define MSR_IA32_SYSENTER_CS    0x174
#define MSR_IA32_SYSENTER_ESP   0x175
#define MSR_IA32_SYSENTER_EIP   0x176
#define MSR_MCG_CAP             0x179
#define MSR_MCG_STATUS          0x17a
#define MSR_MCG_CTL             0x17b
#define MSR_IA32_MISC_ENABLE    0x1a0
#define MSR_MTRR_PHYSBASE0      0x200
#define MSR_MTRR_FIX64K_00000   0x250
#define MSR_MTRR_FIX16K_80000   0x258
#define MSR_MTRR_FIX16K_A0000   0x259
#define MSR_MTRR_FIX4K_C0000    0x268
#define MSR_PAT                 0x277
#define MSR_MTRR_DEF_TYPE       0x2ff
#define MSR_MC0_CTL             0x400
#define MSR_EFER                0xc0000080
#define MSR_STAR                0xc0000081
#define MSR_LSTAR               0xc0000082
#define MSR_CSTAR               0xc0000083
#define MSR_FMASK               0xc0000084
#define MSR_FSBASE              0xc0000100
#define MSR_GSBASE              0xc0000101
#define MSR_KERNELGSBASE        0xc0000102
#define MSR_TSC_AUX             0xc0000103
#define MSR_AMD64_SYSCFG        0xc0010010
#define MSR_AMD64_HWCR          0xc0010015
#define MSR_K8_INT_PENDING_MSG  0xc0010055

#define MCE_BANKS 10

/* ---- hflags ---- */

void x86_update_mmu_idx(CPUX86State *env)
{
    X86TCGState *t = env->tcg;

    if (!t) {
        return;
    }
    if (cpu_cpl(env) == 3) {
        t->mmu_idx = ((env->cr[0] & CR0_AM_MASK) && (env->eflags & AC_MASK))
                     ? MMU_USER_AC_IDX : MMU_USER_IDX;
    } else if ((env->hflags & HF_SMAP) && !(env->eflags & AC_MASK)) {
        t->mmu_idx = MMU_KSMAP_IDX;
    } else {
        t->mmu_idx = MMU_KERNEL_IDX;
    }
}

/* Does segment i need offset checks (not 4 GiB expand-up, or null)? */
static bool seg_is_limited(CPUX86State *env, int i, uint32_t h)
{
    const SegmentCache *sc = &env->segs[i];
    uint32_t type = (sc->flags >> DESC_TYPE_SHIFT) & 0xf;

    if (i == R_CS) {
        return false;           /* code fetches are not checked here */
    }
    if ((h & HF_PE) && !(h & (HF_VM | HF_LMA)) &&
        !(sc->flags & DESC_P_MASK)) {
        return true;
    }
    if (!(sc->flags & DESC_P_MASK)) {
        /* Null in IA-32e mode (loaded in 64-bit code): not checked. */
        return false;
    }
    if ((sc->flags & DESC_S_MASK) && !(type & 8) && (type & 4)) {
        return true;
    }
    return sc->limit != 0xffffffff;
}

void x86_update_hflags(CPUX86State *env)
{
    uint32_t h = env->hflags & (HF_INHIBIT_IRQ | HF_MOVSS_SHADOW |
                                HF_NMI_BLOCKED | HF_RF);
    uint64_t cr0 = env->cr[0], cr4 = env->cr[4];

    if (cr0 & CR0_PE_MASK) {
        h |= HF_PE;
        if (env->eflags & VM_MASK) {
            h |= HF_VM | 3;
        } else {
            h |= (env->segs[R_SS].flags >> DESC_DPL_SHIFT) & 3;
        }
    }
    if (cr0 & CR0_PG_MASK) {
        h |= HF_PG;
    }
    if (cr0 & CR0_MP_MASK) {
        h |= HF_MP;
    }
    if (cr0 & CR0_EM_MASK) {
        h |= HF_EM;
    }
    if (cr0 & CR0_TS_MASK) {
        h |= HF_TS;
    }
    if (cr4 & CR4_OSFXSR_MASK) {
        h |= HF_OSFXSR;
    }
    if (cr4 & CR4_SMAP_MASK) {
        h |= HF_SMAP;
    }
    if (cr4 & CR4_OSXSAVE_MASK) {
        h |= HF_OSXSAVE;
    }
    if (env->eflags & TF_MASK) {
        h |= HF_TF;
    }
    if (env->efer & MSR_EFER_LMA) {
        h |= HF_LMA;
        if (env->segs[R_CS].flags & DESC_L_MASK) {
            h |= HF_CS64;
        }
    }
    if (!(h & HF_CS64) && (env->segs[R_CS].flags & DESC_B_MASK) &&
        !(h & HF_VM)) {
        h |= HF_CS32;
    }
    if ((env->segs[R_SS].flags & DESC_B_MASK) && !(h & HF_VM)) {
        h |= HF_SS32;
    }
    if (env->smm) {
        h |= HF_SMM;
    }
    if (!(h & HF_CS64)) {
        for (int i = 0; i < 6; i++) {
            if (seg_is_limited(env, i, h)) {
                h |= HF_SEGCHECK;
                break;
            }
        }
    }
    env->hflags = h;
    x86_update_mmu_idx(env);
}

void x86_seg_check(CPUX86State *env, int seg, uint64_t ea, unsigned size)
{
    const SegmentCache *sc;
    uint32_t type;
    uint64_t last = ea + size - 1, lo, hi;
    int vec;

    if (seg == SEG_NONE) {
        return;
    }
    sc = &env->segs[seg];
    vec = seg == R_SS ? EXCP0C_STACK : EXCP0D_GPF;
    type = (sc->flags >> DESC_TYPE_SHIFT) & 0xf;
    if (!(sc->flags & DESC_P_MASK)) {
        if ((env->hflags & HF_PE) && !(env->hflags & (HF_VM | HF_LMA))) {
            /* A null segment in protected mode. */
            raise_exception_err(env, vec, 0);
        }
        return;
    }
    if ((sc->flags & DESC_S_MASK) && !(type & 8) && (type & 4)) {
        /* Expand-down: valid offsets are above the limit. */
        lo = (uint64_t)sc->limit + 1;
        hi = (sc->flags & DESC_B_MASK) ? 0xffffffffull : 0xffffull;
    } else {
        lo = 0;
        hi = sc->limit;
    }
    if (ea < lo || last > hi || last < ea) {
        raise_exception_err(env, vec, 0);
    }
}

void cpu_x86_load_seg_cache(CPUX86State *env, int seg, uint32_t selector,
                            uint64_t base, uint32_t limit, uint32_t flags)
{
    SegmentCache *sc = &env->segs[seg];

    sc->selector = selector;
    sc->base = base;
    sc->limit = limit;
    sc->flags = flags;
    x86_update_hflags(env);
}

/* ---- control registers ---- */

void x86_cpu_set_cr0(CPUX86State *env, uint64_t val)
{
    uint64_t old = env->cr[0];

    val |= CR0_ET_MASK;
    if ((val & CR0_PG_MASK) && !(old & CR0_PG_MASK) &&
        (env->efer & MSR_EFER_LME)) {
        env->efer |= MSR_EFER_LMA;
    } else if (!(val & CR0_PG_MASK) && (old & CR0_PG_MASK)) {
        env->efer &= ~(uint64_t)MSR_EFER_LMA;
    }
    env->cr[0] = val;
    if ((old ^ val) & (CR0_PG_MASK | CR0_WP_MASK | CR0_PE_MASK)) {
        tlb_flush(env);
    }
    x86_update_hflags(env);
}

void x86_cpu_set_cr3(CPUX86State *env, uint64_t val)
{
    env->cr[3] = val;
    if (env->cr[0] & CR0_PG_MASK) {
        tlb_flush_nonglobal(env);
    }
}

void x86_cpu_set_cr4(CPUX86State *env, uint64_t val)
{
    uint64_t old = env->cr[4];

    env->cr[4] = val;
    if ((old ^ val) & (CR4_PGE_MASK | CR4_PAE_MASK | CR4_PSE_MASK |
                       CR4_SMEP_MASK | CR4_SMAP_MASK | CR4_PCIDE_MASK)) {
        tlb_flush(env);
    }
    x86_update_hflags(env);
}

void x86_cpu_set_efer(CPUX86State *env, uint64_t val)
{
    uint64_t old = env->efer;

    /* LMA is the CPU's to set (x86_cpu_set_cr0). */
    env->efer = (val & ~(uint64_t)MSR_EFER_LMA) | (old & MSR_EFER_LMA);
    if ((old ^ env->efer) & MSR_EFER_NXE) {
        tlb_flush(env);
    }
    x86_update_hflags(env);
}

/* ---- TSC ---- */

static int64_t tsc_khz(CPUX86State *env)
{
    int64_t khz = env_archcpu(env)->tsc_khz;

    return khz > 0 ? khz : 1000000;     /* 1 GHz unless configured */
}

uint64_t x86_cpu_get_tsc(CPUX86State *env)
{
    int64_t ns = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    return (uint64_t)((__int128)ns * tsc_khz(env) / 1000000) +
           env->tsc_adjust;
}

/* Virtual-clock time at which the TSC reaches tsc. */
static int64_t tsc_to_ns(CPUX86State *env, uint64_t tsc)
{
    uint64_t now = x86_cpu_get_tsc(env);
    int64_t ns = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    if (tsc <= now) {
        return ns;
    }
    return ns + (int64_t)((__int128)(tsc - now) * 1000000 / tsc_khz(env));
}

/* ---- MSRs ---- */

static bool has_feature(CPUX86State *env, FeatureWord w, uint64_t bit)
{
    return (env->features[w] & bit) != 0;
}

static DeviceState *my_apic(CPUX86State *env)
{
    return cpu_get_apic(CPU(env_archcpu(env)));
}

bool x86_cpu_rdmsr(CPUX86State *env, uint32_t msr, uint64_t *val)
{
    DeviceState *apic = my_apic(env);

    switch (msr) {
    case MSR_IA32_TSC:
        *val = x86_cpu_get_tsc(env);
        return true;
    case MSR_IA32_TSC_ADJUST:
        *val = env->tsc_adjust;
        return true;
    case MSR_IA32_APICBASE:
        *val = apic ? cpu_get_apic_base(apic) : env->apic_base;
        return true;
    case MSR_IA32_TSCDEADLINE:
        if (!has_feature(env, FEAT_1_ECX, CPUID_EXT_TSC_DEADLINE_TIMER)) {
            return false;
        }
        *val = apic ? apic_get_tsc_deadline(apic) : 0;
        return true;
    case MSR_IA32_FEATURE_CONTROL:
        *val = env->feature_control;
        return true;
    case MSR_IA32_PLATFORM_ID:
    case MSR_MCG_CTL:
    case MSR_AMD64_SYSCFG:      /* no SME, MTRR fixed-range extensions off */
    case MSR_AMD64_HWCR:
    case MSR_K8_INT_PENDING_MSG: /* no C1E (the E400 erratum check) */
        *val = 0;
        return true;
    case MSR_IA32_UCODE_REV:
        *val = env->ucode_rev;
        return true;
    case MSR_IA32_SPEC_CTRL:
        *val = env->spec_ctrl;
        return true;
    case MSR_MTRRcap:
        *val = 0x500 | MSR_MTRR_VAR_COUNT;     /* WC, fixed, 8 variable */
        return true;
    case MSR_IA32_SYSENTER_CS:
        *val = env->sysenter_cs;
        return true;
    case MSR_IA32_SYSENTER_ESP:
        *val = env->sysenter_esp;
        return true;
    case MSR_IA32_SYSENTER_EIP:
        *val = env->sysenter_eip;
        return true;
    case MSR_MCG_CAP:
        *val = MCE_BANKS | (1ull << 8);         /* banks, MCG_CTL_P */
        return true;
    case MSR_MCG_STATUS:
        *val = env->mcg_status;
        return true;
    case MSR_IA32_MISC_ENABLE:
        *val = env->misc_enable;
        return true;
    case MSR_PAT:
        *val = env->pat;
        return true;
    case MSR_MTRR_DEF_TYPE:
        *val = env->mtrr_deftype;
        return true;
    case MSR_MTRR_FIX64K_00000:
        *val = env->mtrr_fixed[0];
        return true;
    case MSR_MTRR_FIX16K_80000:
    case MSR_MTRR_FIX16K_A0000:
        *val = env->mtrr_fixed[1 + msr - MSR_MTRR_FIX16K_80000];
        return true;
    case MSR_EFER:
        *val = env->efer;
        return true;
    case MSR_STAR:
        *val = env->star;
        return true;
    case MSR_LSTAR:
        *val = env->lstar;
        return true;
    case MSR_CSTAR:
        *val = env->cstar;
        return true;
    case MSR_FMASK:
        *val = env->fmask;
        return true;
    case MSR_FSBASE:
        *val = env->segs[R_FS].base;
        return true;
    case MSR_GSBASE:
        *val = env->segs[R_GS].base;
        return true;
    case MSR_KERNELGSBASE:
        *val = env->kernelgsbase;
        return true;
    case MSR_TSC_AUX:
        if (!has_feature(env, FEAT_8000_0001_EDX, CPUID_EXT2_RDTSCP)) {
            return false;
        }
        *val = env->tsc_aux;
        return true;
    default:
        break;
    }
    if (msr >= MSR_MTRR_FIX4K_C0000 && msr < MSR_MTRR_FIX4K_C0000 + 8) {
        *val = env->mtrr_fixed[3 + msr - MSR_MTRR_FIX4K_C0000];
        return true;
    }
    if (msr >= MSR_MTRR_PHYSBASE0 &&
        msr < MSR_MTRR_PHYSBASE0 + 2 * MSR_MTRR_VAR_COUNT) {
        unsigned i = (msr - MSR_MTRR_PHYSBASE0) / 2;

        *val = (msr & 1) ? env->mtrr_var_mask[i] : env->mtrr_var_base[i];
        return true;
    }
    if (msr >= MSR_MC0_CTL && msr < MSR_MC0_CTL + 4 * MCE_BANKS) {
        *val = 0;
        return true;
    }
    if (msr >= MSR_X2APIC_BASE && msr <= MSR_X2APIC_END && apic) {
        return apic_msr_read(apic, msr - MSR_X2APIC_BASE, val) == 0;
    }
    qemu_log_mask(LOG_UNIMP, "rdmsr: unknown MSR 0x%x: #GP\n", msr);
    return false;
}

bool x86_cpu_wrmsr(CPUX86State *env, uint32_t msr, uint64_t val)
{
    DeviceState *apic = my_apic(env);
    uint64_t efer_ok;

    switch (msr) {
    case MSR_IA32_TSC:
        env->tsc_adjust += val - x86_cpu_get_tsc(env);
        return true;
    case MSR_IA32_TSC_ADJUST:
        env->tsc_adjust = val;
        return true;
    case MSR_IA32_APICBASE:
        if (!apic) {
            env->apic_base = val;
            return true;
        }
        return cpu_set_apic_base(apic, val) == 0;
    case MSR_IA32_TSCDEADLINE:
        if (!has_feature(env, FEAT_1_ECX, CPUID_EXT_TSC_DEADLINE_TIMER)) {
            return false;
        }
        if (apic) {
            apic_set_tsc_deadline(apic, val, val ? tsc_to_ns(env, val) : 0);
        }
        return true;
    case MSR_IA32_SPEC_CTRL:
        env->spec_ctrl = val;
        return true;
    case MSR_IA32_FEATURE_CONTROL:
        /* Locked (bit 0) until reset; VMX is not offered, so only the lock
         * and the LMCE bit may be set. */
        if ((env->feature_control & 1) || (val & ~0x100001ull)) {
            return false;
        }
        env->feature_control = val;
        return true;
    case MSR_IA32_PRED_CMD:
    case MSR_IA32_UCODE_WRITE:
    case MSR_MCG_CTL:
    case MSR_AMD64_SYSCFG:
    case MSR_AMD64_HWCR:
    case MSR_K8_INT_PENDING_MSG:
        return true;
    case MSR_IA32_UCODE_REV:
        return true;
    case MSR_IA32_SYSENTER_CS:
        env->sysenter_cs = val & 0xffff;
        return true;
    case MSR_IA32_SYSENTER_ESP:
        env->sysenter_esp = val;
        return true;
    case MSR_IA32_SYSENTER_EIP:
        env->sysenter_eip = val;
        return true;
    case MSR_MCG_STATUS:
        env->mcg_status = val;
        return true;
    case MSR_IA32_MISC_ENABLE:
        env->misc_enable = val;
        return true;
    case MSR_PAT:
        env->pat = val;
        return true;
    case MSR_MTRR_DEF_TYPE:
        env->mtrr_deftype = val;
        return true;
    case MSR_MTRR_FIX64K_00000:
        env->mtrr_fixed[0] = val;
        return true;
    case MSR_MTRR_FIX16K_80000:
    case MSR_MTRR_FIX16K_A0000:
        env->mtrr_fixed[1 + msr - MSR_MTRR_FIX16K_80000] = val;
        return true;
    case MSR_EFER:
        efer_ok = MSR_EFER_NXE * has_feature(env, FEAT_8000_0001_EDX,
                                             CPUID_EXT2_NX) |
                  MSR_EFER_SCE * has_feature(env, FEAT_8000_0001_EDX,
                                             CPUID_EXT2_SYSCALL) |
                  MSR_EFER_LME * has_feature(env, FEAT_8000_0001_EDX,
                                             CPUID_EXT2_LM) |
                  MSR_EFER_LMA;
        if (val & ~efer_ok) {
            return false;
        }
        /* LME cannot change while paging is on. */
        if (((val ^ env->efer) & MSR_EFER_LME) &&
            (env->cr[0] & CR0_PG_MASK)) {
            return false;
        }
        x86_cpu_set_efer(env, val);
        return true;
    case MSR_STAR:
        env->star = val;
        return true;
    case MSR_LSTAR:
    case MSR_CSTAR:
    case MSR_FSBASE:
    case MSR_GSBASE:
    case MSR_KERNELGSBASE:
        /* Canonical addresses only. */
        if ((int64_t)(val << 16) >> 16 != (int64_t)val) {
            return false;
        }
        if (msr == MSR_LSTAR) {
            env->lstar = val;
        } else if (msr == MSR_CSTAR) {
            env->cstar = val;
        } else if (msr == MSR_FSBASE) {
            env->segs[R_FS].base = val;
        } else if (msr == MSR_GSBASE) {
            env->segs[R_GS].base = val;
        } else {
            env->kernelgsbase = val;
        }
        return true;
    case MSR_FMASK:
        env->fmask = (uint32_t)val;
        return true;
    case MSR_TSC_AUX:
        if (!has_feature(env, FEAT_8000_0001_EDX, CPUID_EXT2_RDTSCP)) {
            return false;
        }
        env->tsc_aux = (uint32_t)val;
        return true;
    default:
        break;
    }
    if (msr >= MSR_MTRR_FIX4K_C0000 && msr < MSR_MTRR_FIX4K_C0000 + 8) {
        env->mtrr_fixed[3 + msr - MSR_MTRR_FIX4K_C0000] = val;
        return true;
    }
    if (msr >= MSR_MTRR_PHYSBASE0 &&
        msr < MSR_MTRR_PHYSBASE0 + 2 * MSR_MTRR_VAR_COUNT) {
        unsigned i = (msr - MSR_MTRR_PHYSBASE0) / 2;

        if (msr & 1) {
            env->mtrr_var_mask[i] = val;
        } else {
            env->mtrr_var_base[i] = val;
        }
        return true;
    }
    if (msr >= MSR_MC0_CTL && msr < MSR_MC0_CTL + 4 * MCE_BANKS) {
        return true;
    }
    if (msr >= MSR_X2APIC_BASE && msr <= MSR_X2APIC_END && apic) {
        return apic_msr_write(apic, msr - MSR_X2APIC_BASE, val) == 0;
    }
    qemu_log_mask(LOG_UNIMP, "wrmsr: unknown MSR 0x%x (value 0x%" PRIx64
                  "): #GP\n", msr, val);
    return false;
}

/* ---- the stack ---- */

static inline uint64_t ss_base(CPUX86State *env)
{
    return (env->hflags & HF_CS64) ? 0 : env->segs[R_SS].base;
}

uint64_t x86_stack_la(CPUX86State *env, uint64_t sp)
{
    uint64_t la = ss_base(env) + (sp & stack_mask(env));

    if (!(env->hflags & HF_CS64)) {
        if (env->hflags & HF_SEGCHECK) {
            x86_seg_check(env, R_SS, sp & stack_mask(env), 1);
        }
        la = (uint32_t)la;
    } else if ((int64_t)(la << 16) >> 16 != (int64_t)la) {
        /* A non-canonical stack address is #SS(0), not #GP (SDM 6.15). */
        raise_exception_err(env, EXCP0C_STACK, 0);
    }
    return la;
}

void x86_push(CPUX86State *env, int ot, uint64_t val)
{
    uint64_t sp = env->regs[R_ESP] - (1u << ot);

    cpu_st_ot(env, x86_stack_la(env, sp), val, ot);
    set_rsp(env, sp);
}

uint64_t x86_pop(CPUX86State *env, int ot)
{
    uint64_t sp = env->regs[R_ESP];
    uint64_t v = cpu_ld_ot(env, x86_stack_la(env, sp), ot);

    set_rsp(env, sp + (1u << ot));
    return v;
}

uint64_t x86_peek(CPUX86State *env, int ot, unsigned offset)
{
    return cpu_ld_ot(env, x86_stack_la(env, env->regs[R_ESP] + offset), ot);
}

/* ---- I/O ports ---- */

uint64_t x86_io_read(CPUX86State *env, uint16_t port, int ot)
{
    uint64_t v = 0;

    (void)env;
    address_space_load(&address_space_io, port, 1u << ot, &v);
    return v;
}

void x86_io_write(CPUX86State *env, uint16_t port, uint64_t val, int ot)
{
    (void)env;
    address_space_store(&address_space_io, port, 1u << ot, val);
}

void x86_check_io(CPUX86State *env, uint16_t port, int ot)
{
    unsigned iopl = (env->eflags & IOPL_MASK) >> 12;
    unsigned type = (env->tr.flags >> DESC_TYPE_SHIFT) & 0xf;
    uint32_t off, bits;

    if (!(env->hflags & HF_PE) ||
        (!(env->hflags & HF_VM) && cpu_cpl(env) <= iopl)) {
        return;
    }
    /* The I/O permission bitmap of a 32/64-bit TSS (SDM vol. 1 18.5.2). */
    if (!(env->tr.flags & DESC_P_MASK) || (type != 9 && type != 11) ||
        env->tr.limit < 103) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    off = cpu_lduw_mmu(env, env->tr.base + 0x66, MMU_KERNEL_IDX);
    off += port >> 3;
    if (off + 1 > env->tr.limit) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    bits = cpu_lduw_mmu(env, env->tr.base + off, MMU_KERNEL_IDX);
    if ((bits >> (port & 7)) & ((1u << (1u << ot)) - 1)) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
}
