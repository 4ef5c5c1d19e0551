/*
 * cpu-dump.c: the power-on register state and `info registers`.
 *
 * The reset values are the SDM's (vol. 3A 9.1.1, table 9-1: CS selector
 * F000h with base FFFF0000h and EIP FFF0h, so the first fetch is at
 * FFFFFFF0h; EDX holds the CPUID version; CR0 60000010h: caches disabled,
 * ET set), plus the MSR defaults the reference uses.  The dump prints in
 * the reference's text layout, 32-bit or 64-bit by the mode of the code
 * segment.
 */
#include "qemu/osdep.h"
#include "target/i386/cpu-internal.h"
#include "hw/i386/apic.h"
#include "qemu/log.h"

/* KVM_MP_STATE_* values (linux/kvm.h): the AP waits for INIT/SIPI. */
#define MP_STATE_RUNNABLE 0
#define MP_STATE_UNINITIALIZED 1

#define DR6_FIXED_1 0xffff0ff0
#define DR7_FIXED_1 0x00000400
#define PAT_POWER_ON 0x0007040600070406ULL
#define MISC_ENABLE_FAST_STRING (1ULL << 0)
#define MISC_ENABLE_MWAIT (1ULL << 18)
#define SMBASE_DEFAULT 0x30000
#define APIC_BASE_DEFAULT 0xfee00000ULL
#define APIC_BASE_BSP (1ULL << 8)
#define APIC_BASE_ENABLE (1ULL << 11)

/* Segment descriptor types (SDM vol. 3A 3.4.5.1). */
#define SEG_TYPE_ACCESSED 0x1
#define SEG_TYPE_RW 0x2             /* data: writable; code: readable */
#define SEG_TYPE_DOWN_CONFORM 0x4   /* data: expand-down; code: conforming */
#define SEG_TYPE_CODE 0x8
#define SYS_TYPE_LDT 0x2
#define SYS_TYPE_TSS32_BUSY 0xb

static void set_seg(SegmentCache *sc, uint32_t selector, uint64_t base,
                    uint32_t limit, uint32_t flags)
{
    sc->selector = selector;
    sc->base = base;
    sc->limit = limit;
    sc->flags = flags;
}

void x86_cpu_reset(CPUState *cs)
{
    X86CPU *cpu = X86_CPU(cs);
    CPUX86State *env = &cpu->env;
    bool bsp = cs->cpu_index <= 0;
    const uint32_t data = DESC_P_MASK | DESC_S_MASK |
        ((SEG_TYPE_RW | SEG_TYPE_ACCESSED) << DESC_TYPE_SHIFT);

    /* -d cpu_reset: the state before the reset, as the reference logs it. */
    if (qemu_loglevel_mask(CPU_LOG_RESET)) {
        qemu_log_lock();
        /* The first reset runs before the CPU joins the list: it gets
         * the next index then (the reference numbers it earlier). */
        qemu_log("CPU Reset (CPU %d)\n",
                 cs->cpu_index >= 0 ? cs->cpu_index : cpu_count());
        x86_cpu_log_state(cs, CPU_DUMP_FPU | CPU_DUMP_CCOP);
        qemu_log_unlock();
    }
    memset(env->regs, 0, sizeof(env->regs));
    memset(env->cr, 0, sizeof(env->cr));
    memset(env->dr, 0, sizeof(env->dr));
    memset(env->fpregs, 0, sizeof(env->fpregs));
    memset(env->xmm_regs, 0, sizeof(env->xmm_regs));
    memset(env->ymmh_regs, 0, sizeof(env->ymmh_regs));
    memset(env->mtrr_fixed, 0, sizeof(env->mtrr_fixed));
    memset(env->mtrr_var_base, 0, sizeof(env->mtrr_var_base));
    memset(env->mtrr_var_mask, 0, sizeof(env->mtrr_var_mask));

    env->regs[R_EDX] = env->cpuid_version;
    env->eip = 0xfff0;
    env->eflags = 0x2;
    env->cr[0] = CR0_CD_MASK | CR0_NW_MASK | CR0_ET_MASK;
    for (int i = 0; i < 6; i++) {
        set_seg(&env->segs[i], 0, 0, 0xffff, data);
    }
    set_seg(&env->segs[R_CS], 0xf000, 0xffff0000, 0xffff,
            DESC_P_MASK | DESC_S_MASK |
            ((SEG_TYPE_CODE | SEG_TYPE_RW | SEG_TYPE_ACCESSED)
             << DESC_TYPE_SHIFT));
    set_seg(&env->ldt, 0, 0, 0xffff,
            DESC_P_MASK | (SYS_TYPE_LDT << DESC_TYPE_SHIFT));
    set_seg(&env->tr, 0, 0, 0xffff,
            DESC_P_MASK | (SYS_TYPE_TSS32_BUSY << DESC_TYPE_SHIFT));
    set_seg(&env->gdt, 0, 0, 0xffff, 0);
    set_seg(&env->idt, 0, 0, 0xffff, 0);
    env->dr[6] = DR6_FIXED_1;
    env->dr[7] = DR7_FIXED_1;
    env->xcr0 = 1;              /* x87 state only */
    env->a20_mask_enabled = 1;
    env->smm = false;

    /* x87 FNINIT state; SSE MXCSR with every exception masked */
    env->fpuc = 0x37f;
    env->fpus = 0;
    env->fpstt = 0;
    memset(env->fptags, 1, sizeof(env->fptags));
    env->fpop = 0;
    env->fpip = env->fpdp = 0;
    env->mxcsr = 0x1f80;

    env->efer = 0;
    env->star = env->lstar = env->cstar = env->fmask = 0;
    env->kernelgsbase = 0;
    env->sysenter_cs = 0;
    env->sysenter_esp = env->sysenter_eip = 0;
    env->tsc = env->tsc_aux = env->tsc_deadline = env->tsc_adjust = 0;
    env->pat = PAT_POWER_ON;
    env->apic_base = APIC_BASE_DEFAULT | APIC_BASE_ENABLE |
                     (bsp ? APIC_BASE_BSP : 0);
    env->misc_enable = MISC_ENABLE_FAST_STRING;
    env->feature_control = 0;
    if (env->features[FEAT_1_ECX] & (1ULL << 3)) {
        env->misc_enable |= MISC_ENABLE_MWAIT;      /* monitor */
    }
    env->spec_ctrl = 0;
    env->mtrr_deftype = 0;
    env->mcg_status = 0;
    env->system_time_msr = env->wall_clock_msr = 0;
    env->async_pf_en_msr = env->pv_eoi_en_msr = env->steal_time_msr = 0;
    env->smbase = SMBASE_DEFAULT;

    env->exception_nr = -1;
    env->exception_pending = env->exception_injected = false;
    env->exception_has_error_code = false;
    env->error_code = 0;
    env->interrupt_injected = -1;
    env->soft_interrupt = false;
    env->nmi_injected = env->nmi_pending = false;
    env->interrupt_shadow = 0;
    env->sipi_pending = false;
    env->sipi_vector = 0;
    /* Application processors wait for INIT/SIPI. */
    env->mp_state = bsp ? MP_STATE_RUNNABLE : MP_STATE_UNINITIALIZED;
    cs->halted = !bsp || cpu->start_powered_off;
    cs->exception_index = -1;
}

/* ---- info registers ---- */

static const char *const seg_names[6] = { "ES", "CS", "SS", "DS", "FS", "GS" };

/* System descriptor types by mode (SDM vol. 3A table 3-2). */
static const char *const sys_types32[16] = {
    "Reserved", "TSS16-avl", "LDT", "TSS16-busy", "CallGate16", "TaskGate",
    "IntGate16", "TrapGate16", "Reserved", "TSS32-avl", "Reserved",
    "TSS32-busy", "CallGate32", "Reserved", "IntGate32", "TrapGate32",
};
static const char *const sys_types64[16] = {
    "<hiword>", "Reserved", "LDT", "Reserved", "Reserved", "Reserved",
    "Reserved", "Reserved", "Reserved", "TSS64-avl", "Reserved",
    "TSS64-busy", "CallGate64", "Reserved", "IntGate64", "TrapGate64",
};

static void dump_seg(GString *out, CPUX86State *env, const char *name,
                     const SegmentCache *sc, bool lma, bool cs64)
{
    unsigned type = (sc->flags >> DESC_TYPE_SHIFT) & 0xf;

    if (cs64) {
        g_string_append_printf(out, "%-3s=%04x %016" PRIx64 " %08x %08x",
                               name, sc->selector, sc->base, sc->limit,
                               sc->flags & 0x00ffff00);
    } else {
        g_string_append_printf(out, "%-3s=%04x %08x %08x %08x", name,
                               sc->selector, (uint32_t)sc->base, sc->limit,
                               sc->flags & 0x00ffff00);
    }
    if ((env->cr[0] & CR0_PE_MASK) && (sc->flags & DESC_P_MASK)) {
        g_string_append_printf(out, " DPL=%d ",
                               (sc->flags >> DESC_DPL_SHIFT) & 3);
        if (!(sc->flags & DESC_S_MASK)) {
            g_string_append(out, (lma ? sys_types64 : sys_types32)[type]);
        } else if (type & SEG_TYPE_CODE) {
            g_string_append_printf(out, "%s [%c%c%c]",
                (sc->flags & DESC_L_MASK) ? "CS64" :
                (sc->flags & DESC_B_MASK) ? "CS32" : "CS16",
                (type & SEG_TYPE_DOWN_CONFORM) ? 'C' : '-',
                (type & SEG_TYPE_RW) ? 'R' : '-',
                (type & SEG_TYPE_ACCESSED) ? 'A' : '-');
        } else {
            g_string_append_printf(out, "%s [%c%c%c]",
                ((sc->flags & DESC_B_MASK) || lma) ? "DS  " : "DS16",
                (type & SEG_TYPE_DOWN_CONFORM) ? 'E' : '-',
                (type & SEG_TYPE_RW) ? 'W' : '-',
                (type & SEG_TYPE_ACCESSED) ? 'A' : '-');
        }
    }
    g_string_append_c(out, '\n');
}

static int current_cpl(CPUX86State *env)
{
    if (!(env->cr[0] & CR0_PE_MASK)) {
        return 0;
    }
    if (env->eflags & VM_MASK) {
        return 3;
    }
    return (env->segs[R_SS].flags >> DESC_DPL_SHIFT) & 3;
}

void x86_cpu_dump_state(CPUState *cs, GString *out, int flags)
{
    X86CPU *cpu = X86_CPU(cs);
    CPUX86State *env = &cpu->env;
    bool lma = env->efer & MSR_EFER_LMA;
    bool cs64 = lma && (env->segs[R_CS].flags & DESC_L_MASK);
    uint32_t efl = env->eflags;
    char eflags[8] = {
        efl & DF_MASK ? 'D' : '-', efl & CC_O ? 'O' : '-',
        efl & CC_S ? 'S' : '-', efl & CC_Z ? 'Z' : '-',
        efl & CC_A ? 'A' : '-', efl & CC_P ? 'P' : '-',
        efl & CC_C ? 'C' : '-', 0,
    };
    static const char *const r64[16] = {
        "RAX", "RBX", "RCX", "RDX", "RSI", "RDI", "RBP", "RSP",
        "R8 ", "R9 ", "R10", "R11", "R12", "R13", "R14", "R15",
    };
    static const int r64_index[16] = {
        R_EAX, R_EBX, R_ECX, R_EDX, R_ESI, R_EDI, R_EBP, R_ESP,
        R_R8, R_R9, R_R10, R_R11, R_R12, R_R13, R_R14, R_R15,
    };

    if (cs64) {
        for (int i = 0; i < 16; i++) {
            g_string_append_printf(out, "%s=%016" PRIx64 "%c", r64[i],
                                   env->regs[r64_index[i]],
                                   (i & 3) == 3 ? '\n' : ' ');
        }
        g_string_append_printf(out, "RIP=%016" PRIx64 " RFL=%08x",
                               env->eip, efl);
    } else {
        for (int i = 0; i < 8; i++) {
            g_string_append_printf(out, "E%s=%08x%c", r64[i] + 1,
                                   (uint32_t)env->regs[r64_index[i]],
                                   (i & 3) == 3 ? '\n' : ' ');
        }
        g_string_append_printf(out, "EIP=%08x EFL=%08x",
                               (uint32_t)env->eip, efl);
    }
    g_string_append_printf(out, " [%s] CPL=%d II=%d A20=%d SMM=%d HLT=%d\n",
                           eflags, current_cpl(env),
                           env->interrupt_shadow ? 1 : 0,
                           env->a20_mask_enabled ? 1 : 0, env->smm ? 1 : 0,
                           cs->halted ? 1 : 0);
    for (int i = 0; i < 6; i++) {
        dump_seg(out, env, seg_names[i], &env->segs[i], lma, cs64);
    }
    dump_seg(out, env, "LDT", &env->ldt, lma, cs64);
    dump_seg(out, env, "TR", &env->tr, lma, cs64);
    /* Long mode (compatibility mode too) shows 64-bit tables and CRs. */
    if (lma) {
        g_string_append_printf(out, "GDT=     %016" PRIx64 " %08x\n",
                               env->gdt.base, env->gdt.limit);
        g_string_append_printf(out, "IDT=     %016" PRIx64 " %08x\n",
                               env->idt.base, env->idt.limit);
        g_string_append_printf(out, "CR0=%08x CR2=%016" PRIx64 " CR3=%016"
                               PRIx64 " CR4=%08x\n", (uint32_t)env->cr[0],
                               env->cr[2], env->cr[3], (uint32_t)env->cr[4]);
    } else {
        g_string_append_printf(out, "GDT=     %08x %08x\n",
                               (uint32_t)env->gdt.base, env->gdt.limit);
        g_string_append_printf(out, "IDT=     %08x %08x\n",
                               (uint32_t)env->idt.base, env->idt.limit);
        g_string_append_printf(out, "CR0=%08x CR2=%08x CR3=%08x CR4=%08x\n",
                               (uint32_t)env->cr[0], (uint32_t)env->cr[2],
                               (uint32_t)env->cr[3], (uint32_t)env->cr[4]);
    }
    for (int i = 0; i < 4; i++) {
        g_string_append_printf(out, "DR%d=%016" PRIx64 " ", i, env->dr[i]);
    }
    g_string_append_printf(out, "\nDR6=%016" PRIx64 " DR7=%016" PRIx64 "\n",
                           env->dr[6], env->dr[7]);
    g_string_append_printf(out, "EFER=%016" PRIx64 "\n", env->efer);
    if (flags & CPU_DUMP_FPU) {
        unsigned ftw = 0;
        int nregs = cs64 ? 16 : 8;

        for (int i = 0; i < 8; i++) {
            ftw |= (!env->fptags[i]) << i;
        }
        g_string_append_printf(out, "FCW=%04x FSW=%04x [ST=%d] FTW=%02x "
                               "MXCSR=%08x\n", env->fpuc,
                               (env->fpus & ~0x3800) | (env->fpstt & 7) << 11,
                               env->fpstt & 7, ftw, env->mxcsr);
        for (int i = 0; i < 8; i++) {
            g_string_append_printf(out, "FPR%d=%016" PRIx64 " %04x%c", i,
                                   env->fpregs[i].mant, env->fpregs[i].exp,
                                   (i & 1) ? '\n' : ' ');
        }
        for (int i = 0; i < nregs; i++) {
            if (env->xcr0 & (1ULL << 2)) {
                /* AVX state enabled: the whole YMM register, one a line */
                g_string_append_printf(out, "YMM%02d=%016" PRIx64 " %016"
                                       PRIx64 " %016" PRIx64 " %016" PRIx64
                                       "\n", i, env->ymmh_regs[i].q[1],
                                       env->ymmh_regs[i].q[0],
                                       env->xmm_regs[i].q[1],
                                       env->xmm_regs[i].q[0]);
            } else {
                g_string_append_printf(out, "XMM%02d=%016" PRIx64 " %016"
                                       PRIx64 "%c", i, env->xmm_regs[i].q[1],
                                       env->xmm_regs[i].q[0],
                                       (i & 1) ? '\n' : ' ');
            }
        }
    }
}

/* The bootstrap processor (IA32_APIC_BASE.BSP; CPU 0 without an APIC). */
bool x86_cpu_is_bsp(CPUState *cpu)
{
    DeviceState *apic = cpu_get_apic(cpu);

    if (apic) {
        return cpu_get_apic_base(apic) & MSR_IA32_APICBASE_BSP;
    }
    return cpu->cpu_index == 0;
}

/*
 * INIT (SDM vol. 3, table 9-1): registers to their power-on values except
 * x87/SSE state and the MSRs, which INIT leaves alone.
 */
void x86_cpu_do_init(CPUState *cpu)
{
    X86CPU *x = X86_CPU(cpu);
    CPUClass *cc = CPU_GET_CLASS(cpu);
    CPUX86State *save = g_memdup2(&x->env, sizeof(x->env));
    CPUX86State *env = &x->env;
    uint32_t sipi = cpu->interrupt_request & CPU_INTERRUPT_SIPI;

    if (cc->reset) {
        cc->reset(cpu);
    }
    cpu->interrupt_request = sipi;
    memcpy(env->fpregs, save->fpregs, sizeof(env->fpregs));
    env->fpstt = save->fpstt;
    env->fpus = save->fpus;
    env->fpuc = save->fpuc;
    memcpy(env->fptags, save->fptags, sizeof(env->fptags));
    env->mxcsr = save->mxcsr;
    memcpy(env->xmm_regs, save->xmm_regs, sizeof(env->xmm_regs));
    memcpy(env->ymmh_regs, save->ymmh_regs, sizeof(env->ymmh_regs));
    env->sysenter_cs = save->sysenter_cs;
    env->sysenter_esp = save->sysenter_esp;
    env->sysenter_eip = save->sysenter_eip;
    env->star = save->star;
    env->lstar = save->lstar;
    env->cstar = save->cstar;
    env->fmask = save->fmask;
    env->kernelgsbase = save->kernelgsbase;
    env->pat = save->pat;
    env->tsc = save->tsc;
    env->mtrr_deftype = save->mtrr_deftype;
    memcpy(env->mtrr_fixed, save->mtrr_fixed, sizeof(env->mtrr_fixed));
    memcpy(env->mtrr_var_base, save->mtrr_var_base,
           sizeof(env->mtrr_var_base));
    memcpy(env->mtrr_var_mask, save->mtrr_var_mask,
           sizeof(env->mtrr_var_mask));
    env->apic_base = save->apic_base;
    g_free(save);
    if (cpu_get_apic(cpu)) {
        apic_init_reset(cpu_get_apic(cpu));
    }
    cpu->halted = !x86_cpu_is_bsp(cpu);
    env->mp_state = MP_STATE_RUNNABLE;
}

/* SIPI: start in real mode at vector << 12 (SDM vol. 3, 8.4.4.1). */
void x86_cpu_do_sipi(CPUState *cpu, int vector)
{
    CPUX86State *env = &X86_CPU(cpu)->env;

    env->segs[R_CS].selector = vector << 8;
    env->segs[R_CS].base = (uint64_t)vector << 12;
    env->eip = 0;
    cpu->halted = false;
}
