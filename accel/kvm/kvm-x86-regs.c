/*
 * kvm-x86-regs.c: copying a vCPU's registers between CPUX86State and the
 * kernel (KVM_GET/SET_REGS, SREGS, XSAVE or FPU, XCRS, MSRS, VCPU_EVENTS,
 * DEBUGREGS, MP_STATE, and the local APIC page through kvm-apic).
 *
 * Runs in the vCPU's thread (run_on_cpu) or while the vCPU is out of the
 * guest.  Put levels (kvm-internal.h): the run-time level writes what the
 * guest itself changes; reset and full also write the MSRs with side
 * effects (TSC, kvmclock, MTRRs), the multiprocessing state and the APIC.
 *
 * x87 registers: CPUX86State.fpregs is indexed by physical register and
 * fpstt is TOP, so ST(i) = fpregs[(fpstt + i) & 7]; the FXSAVE image
 * stores ST(0)..ST(7) in order and its abridged tag word by physical
 * register (SDM vol. 1, 10.5.1).
 */
#include "qemu/osdep.h"
#include "accel/kvm/kvm-x86.h"
#include "hw/i386/apic_internal.h"
#include "hw/i386/kvm/kvm-devices.h"

/* XSAVE layout, standard (non-compacted) form (SDM vol. 1, 13.4). */
#define XSAVE_FCW       0
#define XSAVE_FSW       2
#define XSAVE_FTW       4
#define XSAVE_FOP       6
#define XSAVE_FIP       8
#define XSAVE_FDP       16
#define XSAVE_MXCSR     24
#define XSAVE_ST0       32
#define XSAVE_XMM0      160
#define XSAVE_XSTATE_BV 512
#define XSAVE_YMMH0     576
#define XSTATE_FP_SSE   3ULL
#define XSTATE_YMM      4ULL

static void stw_le(uint8_t *p, uint16_t v)
{
    p[0] = v;
    p[1] = v >> 8;
}

static uint16_t lduw_le(const uint8_t *p)
{
    return p[0] | (p[1] << 8);
}

static void stq_le(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        p[i] = v >> (8 * i);
    }
}

static uint64_t ldq_le(const uint8_t *p)
{
    uint64_t v = 0;

    for (int i = 0; i < 8; i++) {
        v |= (uint64_t)p[i] << (8 * i);
    }
    return v;
}

static X86CPU *x86(CPUState *cpu)
{
    return X86_CPU(cpu);
}

/* The local APIC device of cpu if it is the in-kernel one. */
static DeviceState *kvm_apic_of(CPUState *cpu)
{
    DeviceState *apic = cpu_get_apic(cpu);

    if (apic && object_dynamic_cast(OBJECT(apic), TYPE_KVM_APIC)) {
        return apic;
    }
    return NULL;
}

bool kvm_x86_is_bsp(CPUState *cpu)
{
    DeviceState *apic = cpu_get_apic(cpu);

    if (apic) {
        return cpu_get_apic_base(apic) & MSR_IA32_APICBASE_BSP;
    }
    return cpu->cpu_index == 0;
}

/* ---- general registers ---- */

static int kvm_put_regs(CPUState *cpu)
{
    CPUX86State *env = &x86(cpu)->env;
    struct kvm_regs r = {
        .rax = env->regs[R_EAX], .rbx = env->regs[R_EBX],
        .rcx = env->regs[R_ECX], .rdx = env->regs[R_EDX],
        .rsi = env->regs[R_ESI], .rdi = env->regs[R_EDI],
        .rsp = env->regs[R_ESP], .rbp = env->regs[R_EBP],
        .r8 = env->regs[R_R8], .r9 = env->regs[R_R9],
        .r10 = env->regs[R_R10], .r11 = env->regs[R_R11],
        .r12 = env->regs[R_R12], .r13 = env->regs[R_R13],
        .r14 = env->regs[R_R14], .r15 = env->regs[R_R15],
        .rip = env->eip, .rflags = env->eflags,
    };

    return kvm_vcpu_ioctl(cpu, KVM_SET_REGS, &r);
}

static int kvm_get_regs(CPUState *cpu)
{
    CPUX86State *env = &x86(cpu)->env;
    struct kvm_regs r;
    int ret = kvm_vcpu_ioctl(cpu, KVM_GET_REGS, &r);

    if (ret < 0) {
        return ret;
    }
    env->regs[R_EAX] = r.rax;
    env->regs[R_EBX] = r.rbx;
    env->regs[R_ECX] = r.rcx;
    env->regs[R_EDX] = r.rdx;
    env->regs[R_ESI] = r.rsi;
    env->regs[R_EDI] = r.rdi;
    env->regs[R_ESP] = r.rsp;
    env->regs[R_EBP] = r.rbp;
    env->regs[R_R8] = r.r8;
    env->regs[R_R9] = r.r9;
    env->regs[R_R10] = r.r10;
    env->regs[R_R11] = r.r11;
    env->regs[R_R12] = r.r12;
    env->regs[R_R13] = r.r13;
    env->regs[R_R14] = r.r14;
    env->regs[R_R15] = r.r15;
    env->eip = r.rip;
    env->eflags = r.rflags;
    return 0;
}

/* ---- segments and control registers ---- */

static void seg_to_kvm(struct kvm_segment *k, const SegmentCache *c)
{
    uint32_t f = c->flags;

    memset(k, 0, sizeof(*k));
    k->selector = c->selector;
    k->base = c->base;
    k->limit = c->limit;
    k->type = (f >> DESC_TYPE_SHIFT) & 15;
    k->present = !!(f & DESC_P_MASK);
    k->dpl = (f >> DESC_DPL_SHIFT) & 3;
    k->db = !!(f & DESC_B_MASK);
    k->s = !!(f & DESC_S_MASK);
    k->l = !!(f & DESC_L_MASK);
    k->g = !!(f & DESC_G_MASK);
    k->avl = !!(f & DESC_AVL_MASK);
    k->unusable = !k->present;
}

/* Virtual-8086 mode: every data/code segment is a 64 KiB ring-3 one. */
static void v86_seg_to_kvm(struct kvm_segment *k, const SegmentCache *c)
{
    memset(k, 0, sizeof(*k));
    k->selector = c->selector;
    k->base = c->base;
    k->limit = c->limit;
    k->type = 3;
    k->present = 1;
    k->dpl = 3;
    k->s = 1;
}

static void seg_from_kvm(SegmentCache *c, const struct kvm_segment *k)
{
    c->selector = k->selector;
    c->base = k->base;
    c->limit = k->limit;
    c->flags = (k->type << DESC_TYPE_SHIFT) |
               ((k->present && !k->unusable) ? DESC_P_MASK : 0) |
               (k->dpl << DESC_DPL_SHIFT) |
               (k->db ? DESC_B_MASK : 0) |
               (k->s ? DESC_S_MASK : 0) |
               (k->l ? DESC_L_MASK : 0) |
               (k->g ? DESC_G_MASK : 0) |
               (k->avl ? DESC_AVL_MASK : 0);
}

static int kvm_put_sregs(CPUState *cpu)
{
    CPUX86State *env = &x86(cpu)->env;
    DeviceState *apic = cpu_get_apic(cpu);
    struct kvm_sregs s;
    struct kvm_segment *segs[6];

    memset(&s, 0, sizeof(s));
    segs[R_ES] = &s.es;
    segs[R_CS] = &s.cs;
    segs[R_SS] = &s.ss;
    segs[R_DS] = &s.ds;
    segs[R_FS] = &s.fs;
    segs[R_GS] = &s.gs;
    for (int i = 0; i < 6; i++) {
        if (env->eflags & VM_MASK) {
            v86_seg_to_kvm(segs[i], &env->segs[i]);
        } else {
            seg_to_kvm(segs[i], &env->segs[i]);
        }
    }
    seg_to_kvm(&s.tr, &env->tr);
    seg_to_kvm(&s.ldt, &env->ldt);
    s.idt.base = env->idt.base;
    s.idt.limit = env->idt.limit;
    s.gdt.base = env->gdt.base;
    s.gdt.limit = env->gdt.limit;
    s.cr0 = env->cr[0];
    s.cr2 = env->cr[2];
    s.cr3 = env->cr[3];
    s.cr4 = env->cr[4];
    s.cr8 = apic ? cpu_get_apic_tpr(apic) : 0;
    s.apic_base = apic ? cpu_get_apic_base(apic) : env->apic_base;
    s.efer = env->efer;
    if (env->interrupt_injected >= 0 && env->interrupt_injected < 256) {
        s.interrupt_bitmap[env->interrupt_injected / 64] |=
            1ULL << (env->interrupt_injected % 64);
    }
    return kvm_vcpu_ioctl(cpu, KVM_SET_SREGS, &s);
}

static int kvm_get_sregs(CPUState *cpu)
{
    CPUX86State *env = &x86(cpu)->env;
    struct kvm_sregs s;
    int ret = kvm_vcpu_ioctl(cpu, KVM_GET_SREGS, &s);

    if (ret < 0) {
        return ret;
    }
    env->interrupt_injected = -1;
    for (int i = 0; i < 4; i++) {
        if (s.interrupt_bitmap[i]) {
            env->interrupt_injected = i * 64 +
                                      __builtin_ctzll(s.interrupt_bitmap[i]);
            break;
        }
    }
    seg_from_kvm(&env->segs[R_CS], &s.cs);
    seg_from_kvm(&env->segs[R_DS], &s.ds);
    seg_from_kvm(&env->segs[R_ES], &s.es);
    seg_from_kvm(&env->segs[R_FS], &s.fs);
    seg_from_kvm(&env->segs[R_GS], &s.gs);
    seg_from_kvm(&env->segs[R_SS], &s.ss);
    seg_from_kvm(&env->tr, &s.tr);
    seg_from_kvm(&env->ldt, &s.ldt);
    env->idt.base = s.idt.base;
    env->idt.limit = s.idt.limit;
    env->gdt.base = s.gdt.base;
    env->gdt.limit = s.gdt.limit;
    env->cr[0] = s.cr0;
    env->cr[2] = s.cr2;
    env->cr[3] = s.cr3;
    env->cr[4] = s.cr4;
    env->efer = s.efer;
    env->apic_base = s.apic_base;
    return 0;
}

/* ---- x87, SSE, AVX ---- */

static void env_to_fxsave(CPUX86State *env, uint8_t *p)
{
    uint16_t fsw = (env->fpus & ~0x3800) | ((env->fpstt & 7) << 11);
    uint8_t ftw = 0;

    for (int i = 0; i < 8; i++) {
        ftw |= (!env->fptags[i]) << i;
    }
    stw_le(p + XSAVE_FCW, env->fpuc);
    stw_le(p + XSAVE_FSW, fsw);
    p[XSAVE_FTW] = ftw;
    p[XSAVE_FTW + 1] = 0;
    stw_le(p + XSAVE_FOP, env->fpop);
    stq_le(p + XSAVE_FIP, env->fpip);
    stq_le(p + XSAVE_FDP, env->fpdp);
    memcpy(p + XSAVE_MXCSR, &env->mxcsr, 4);
    for (int i = 0; i < 8; i++) {
        const FPReg *r = &env->fpregs[(env->fpstt + i) & 7];
        uint8_t *slot = p + XSAVE_ST0 + 16 * i;

        memset(slot, 0, 16);
        stq_le(slot, r->mant);
        stw_le(slot + 8, r->exp);
    }
    for (int i = 0; i < 16; i++) {
        memcpy(p + XSAVE_XMM0 + 16 * i, env->xmm_regs[i].b, 16);
    }
}

static void env_from_fxsave(CPUX86State *env, const uint8_t *p)
{
    uint16_t fsw = lduw_le(p + XSAVE_FSW);
    uint8_t ftw = p[XSAVE_FTW];

    env->fpuc = lduw_le(p + XSAVE_FCW);
    env->fpstt = (fsw >> 11) & 7;
    env->fpus = fsw & ~0x3800;
    for (int i = 0; i < 8; i++) {
        env->fptags[i] = !((ftw >> i) & 1);
    }
    env->fpop = lduw_le(p + XSAVE_FOP);
    env->fpip = ldq_le(p + XSAVE_FIP);
    env->fpdp = ldq_le(p + XSAVE_FDP);
    memcpy(&env->mxcsr, p + XSAVE_MXCSR, 4);
    for (int i = 0; i < 8; i++) {
        FPReg *r = &env->fpregs[(env->fpstt + i) & 7];
        const uint8_t *slot = p + XSAVE_ST0 + 16 * i;

        r->mant = ldq_le(slot);
        r->exp = lduw_le(slot + 8);
    }
    for (int i = 0; i < 16; i++) {
        memcpy(env->xmm_regs[i].b, p + XSAVE_XMM0 + 16 * i, 16);
    }
}

static int kvm_put_fpu(CPUState *cpu)
{
    CPUX86State *env = &x86(cpu)->env;
    struct kvm_fpu fpu;
    uint8_t image[512] = { 0 };

    /* struct kvm_fpu carries the FXSAVE fields one by one. */
    env_to_fxsave(env, image);
    memset(&fpu, 0, sizeof(fpu));
    for (int i = 0; i < 8; i++) {
        memcpy(fpu.fpr[i], image + XSAVE_ST0 + 16 * i, 16);
    }
    fpu.fcw = env->fpuc;
    fpu.fsw = lduw_le(image + XSAVE_FSW);
    fpu.ftwx = image[XSAVE_FTW];
    fpu.last_opcode = env->fpop;
    fpu.last_ip = env->fpip;
    fpu.last_dp = env->fpdp;
    memcpy(fpu.xmm, image + XSAVE_XMM0, sizeof(fpu.xmm));
    fpu.mxcsr = env->mxcsr;
    return kvm_vcpu_ioctl(cpu, KVM_SET_FPU, &fpu);
}

static int kvm_get_fpu(CPUState *cpu)
{
    struct kvm_fpu fpu;
    uint8_t image[512] = { 0 };
    int ret = kvm_vcpu_ioctl(cpu, KVM_GET_FPU, &fpu);

    if (ret < 0) {
        return ret;
    }
    for (int i = 0; i < 8; i++) {
        memcpy(image + XSAVE_ST0 + 16 * i, fpu.fpr[i], 16);
    }
    stw_le(image + XSAVE_FCW, fpu.fcw);
    stw_le(image + XSAVE_FSW, fpu.fsw);
    image[XSAVE_FTW] = fpu.ftwx;
    stw_le(image + XSAVE_FOP, fpu.last_opcode);
    stq_le(image + XSAVE_FIP, fpu.last_ip);
    stq_le(image + XSAVE_FDP, fpu.last_dp);
    memcpy(image + XSAVE_MXCSR, &fpu.mxcsr, 4);
    memcpy(image + XSAVE_XMM0, fpu.xmm, sizeof(fpu.xmm));
    env_from_fxsave(&x86(cpu)->env, image);
    return 0;
}

static bool ymmh_nonzero(CPUX86State *env)
{
    for (int i = 0; i < 16; i++) {
        if (env->ymmh_regs[i].q[0] || env->ymmh_regs[i].q[1]) {
            return true;
        }
    }
    return false;
}

static int kvm_put_xsave(CPUState *cpu)
{
    CPUX86State *env = &x86(cpu)->env;
    KVMX86Vcpu *v = kvm_x86_vcpu(cpu);
    uint8_t *p = (uint8_t *)v->xsave->region;
    uint64_t bv;

    if (!kvm_state->has_xsave) {
        return kvm_put_fpu(cpu);
    }
    env_to_fxsave(env, p);
    bv = ldq_le(p + XSAVE_XSTATE_BV) | XSTATE_FP_SSE;
    if (env->features[FEAT_1_ECX] & KVM_X86_CPUID_1_ECX_AVX) {
        for (int i = 0; i < 16; i++) {
            memcpy(p + XSAVE_YMMH0 + 16 * i, env->ymmh_regs[i].b, 16);
        }
        if (ymmh_nonzero(env)) {
            bv |= XSTATE_YMM;
        }
    }
    stq_le(p + XSAVE_XSTATE_BV, bv);
    return kvm_vcpu_ioctl(cpu, KVM_SET_XSAVE, v->xsave);
}

static int kvm_get_xsave(CPUState *cpu)
{
    CPUX86State *env = &x86(cpu)->env;
    KVMX86Vcpu *v = kvm_x86_vcpu(cpu);
    const uint8_t *p = (const uint8_t *)v->xsave->region;
    int ret;

    if (!kvm_state->has_xsave) {
        return kvm_get_fpu(cpu);
    }
    ret = kvm_vcpu_ioctl(cpu, kvm_state->has_xsave2 ? KVM_GET_XSAVE2
                                                    : KVM_GET_XSAVE,
                         v->xsave);
    if (ret < 0) {
        return ret;
    }
    v->xsave_valid = true;
    env_from_fxsave(env, p);
    if (ldq_le(p + XSAVE_XSTATE_BV) & XSTATE_YMM) {
        for (int i = 0; i < 16; i++) {
            memcpy(env->ymmh_regs[i].b, p + XSAVE_YMMH0 + 16 * i, 16);
        }
    } else {
        memset(env->ymmh_regs, 0, sizeof(env->ymmh_regs));
    }
    return 0;
}

static int kvm_put_xcrs(CPUState *cpu)
{
    CPUX86State *env = &x86(cpu)->env;
    struct kvm_xcrs xcrs;

    if (!kvm_state->has_xcrs) {
        return 0;
    }
    memset(&xcrs, 0, sizeof(xcrs));
    xcrs.nr_xcrs = 1;
    xcrs.xcrs[0].xcr = 0;
    /* x87 state can never be disabled (SDM vol. 1, 13.3). */
    xcrs.xcrs[0].value = env->xcr0 | 1;
    return kvm_vcpu_ioctl(cpu, KVM_SET_XCRS, &xcrs);
}

static int kvm_get_xcrs(CPUState *cpu)
{
    CPUX86State *env = &x86(cpu)->env;
    struct kvm_xcrs xcrs;
    int ret;

    if (!kvm_state->has_xcrs) {
        return 0;
    }
    ret = kvm_vcpu_ioctl(cpu, KVM_GET_XCRS, &xcrs);
    if (ret < 0) {
        return ret;
    }
    for (uint32_t i = 0; i < xcrs.nr_xcrs && i < KVM_MAX_XCRS; i++) {
        if (xcrs.xcrs[i].xcr == 0) {
            env->xcr0 = xcrs.xcrs[i].value;
        }
    }
    return 0;
}

/* ---- MSRs ---- */

typedef struct MSRList {
    struct kvm_msrs hdr;
    struct kvm_msr_entry e[96];
} MSRList;

/* A field of CPUX86State backing an MSR. */
typedef struct MSRSlot {
    uint32_t index;
    uint64_t *field;
} MSRSlot;

static bool kvm_has_msr(uint32_t index)
{
    struct kvm_msr_list *l = kvm_state->msr_list;

    for (uint32_t i = 0; l && i < l->nmsrs; i++) {
        if (l->indices[i] == index) {
            return true;
        }
    }
    return false;
}

static void msr_add(MSRList *l, MSRSlot *slots, uint32_t index,
                    uint64_t *field)
{
    uint32_t n = l->hdr.nmsrs;

    if (n >= ARRAY_SIZE(l->e)) {
        return;
    }
    l->e[n].index = index;
    l->e[n].reserved = 0;
    l->e[n].data = *field;
    slots[n].index = index;
    slots[n].field = field;
    l->hdr.nmsrs = n + 1;
}

/*
 * The MSRs this vCPU has, for `level` (0 for get: all of them).  sysenter
 * ones hold 32-bit CS in a 64-bit field, so cs goes through `scratch`.
 */
static void kvm_build_msr_list(CPUState *cpu, int level, MSRList *l,
                               MSRSlot *slots, uint64_t *scratch)
{
    CPUX86State *env = &x86(cpu)->env;
    uint32_t kvm_feat = env->features[FEAT_KVM];
    bool all = level == 0;

    l->hdr.nmsrs = 0;
    *scratch = env->sysenter_cs;
    msr_add(l, slots, KVM_MSR_IA32_SYSENTER_CS, scratch);
    msr_add(l, slots, KVM_MSR_IA32_SYSENTER_ESP, &env->sysenter_esp);
    msr_add(l, slots, KVM_MSR_IA32_SYSENTER_EIP, &env->sysenter_eip);
    msr_add(l, slots, KVM_MSR_PAT, &env->pat);
    msr_add(l, slots, KVM_MSR_STAR, &env->star);
    msr_add(l, slots, KVM_MSR_LSTAR, &env->lstar);
    msr_add(l, slots, KVM_MSR_CSTAR, &env->cstar);
    msr_add(l, slots, KVM_MSR_FMASK, &env->fmask);
    msr_add(l, slots, KVM_MSR_KERNEL_GS_BASE, &env->kernelgsbase);
    if (kvm_has_msr(KVM_MSR_IA32_MISC_ENABLE)) {
        msr_add(l, slots, KVM_MSR_IA32_MISC_ENABLE, &env->misc_enable);
    }
    if ((env->features[FEAT_8000_0001_EDX] & CPUID_EXT2_RDTSCP) &&
        kvm_has_msr(KVM_MSR_TSC_AUX)) {
        msr_add(l, slots, KVM_MSR_TSC_AUX, &env->tsc_aux);
    }
    if (kvm_has_msr(KVM_MSR_IA32_TSC_ADJUST)) {
        msr_add(l, slots, KVM_MSR_IA32_TSC_ADJUST, &env->tsc_adjust);
    }
    if ((env->features[FEAT_7_0_EDX] & KVM_X86_CPUID_7_EDX_SPEC_CTRL) &&
        kvm_has_msr(KVM_MSR_IA32_SPEC_CTRL)) {
        msr_add(l, slots, KVM_MSR_IA32_SPEC_CTRL, &env->spec_ctrl);
    }
    if ((env->features[FEAT_1_ECX] & CPUID_EXT_TSC_DEADLINE_TIMER) &&
        kvm_has_msr(KVM_MSR_IA32_TSC_DEADLINE)) {
        msr_add(l, slots, KVM_MSR_IA32_TSC_DEADLINE, &env->tsc_deadline);
    }

    /* Side effects on the guest: only on reset, full writes and reads. */
    if (!all && level < KVM_PUT_RESET_STATE) {
        return;
    }
    msr_add(l, slots, KVM_MSR_IA32_TSC, &env->tsc);
    if (kvm_feat & (1U << KVM_X86_FEATURE_CLOCKSOURCE)) {
        msr_add(l, slots, KVM_MSR_PV_SYSTEM_TIME, &env->system_time_msr);
        msr_add(l, slots, KVM_MSR_PV_WALL_CLOCK, &env->wall_clock_msr);
    }
    if (kvm_feat & (1U << KVM_X86_FEATURE_CLOCKSOURCE2)) {
        msr_add(l, slots, KVM_MSR_PV_SYSTEM_TIME_NEW, &env->system_time_msr);
        msr_add(l, slots, KVM_MSR_PV_WALL_CLOCK_NEW, &env->wall_clock_msr);
    }
    if ((kvm_feat & (1U << KVM_X86_FEATURE_ASYNC_PF)) &&
        kvm_has_msr(KVM_MSR_PV_ASYNC_PF_EN)) {
        msr_add(l, slots, KVM_MSR_PV_ASYNC_PF_EN, &env->async_pf_en_msr);
    }
    if ((kvm_feat & (1U << KVM_X86_FEATURE_PV_EOI)) &&
        kvm_has_msr(KVM_MSR_PV_EOI_EN)) {
        msr_add(l, slots, KVM_MSR_PV_EOI_EN, &env->pv_eoi_en_msr);
    }
    if ((kvm_feat & (1U << KVM_X86_FEATURE_STEAL_TIME)) &&
        kvm_has_msr(KVM_MSR_PV_STEAL_TIME)) {
        msr_add(l, slots, KVM_MSR_PV_STEAL_TIME, &env->steal_time_msr);
    }
    if (env->features[FEAT_1_EDX] & KVM_X86_CPUID_1_EDX_MTRR) {
        msr_add(l, slots, KVM_MSR_MTRR_DEF_TYPE, &env->mtrr_deftype);
        msr_add(l, slots, KVM_MSR_MTRR_FIX64K_00000, &env->mtrr_fixed[0]);
        msr_add(l, slots, KVM_MSR_MTRR_FIX16K_80000, &env->mtrr_fixed[1]);
        msr_add(l, slots, KVM_MSR_MTRR_FIX16K_A0000, &env->mtrr_fixed[2]);
        for (int i = 0; i < 8; i++) {
            msr_add(l, slots, KVM_MSR_MTRR_FIX4K_C0000 + i,
                    &env->mtrr_fixed[3 + i]);
        }
        for (int i = 0; i < MSR_MTRR_VAR_COUNT; i++) {
            msr_add(l, slots, KVM_MSR_MTRR_PHYS_BASE(i),
                    &env->mtrr_var_base[i]);
            msr_add(l, slots, KVM_MSR_MTRR_PHYS_MASK(i),
                    &env->mtrr_var_mask[i]);
        }
    }
}

static int kvm_put_msrs(CPUState *cpu, int level)
{
    MSRList l;
    MSRSlot slots[ARRAY_SIZE(l.e)];
    uint64_t cs;
    int ret;

    kvm_build_msr_list(cpu, level, &l, slots, &cs);
    ret = kvm_vcpu_ioctl(cpu, KVM_SET_MSRS, &l);
    if (ret < 0) {
        return ret;
    }
    if ((uint32_t)ret < l.hdr.nmsrs) {
        error_report("error: failed to set MSR 0x%x to 0x%" PRIx64,
                     l.e[ret].index, (uint64_t)l.e[ret].data);
        return -EINVAL;
    }
    return 0;
}

static int kvm_get_msrs(CPUState *cpu)
{
    CPUX86State *env = &x86(cpu)->env;
    MSRList l;
    MSRSlot slots[ARRAY_SIZE(l.e)];
    uint64_t cs;
    int ret;

    kvm_build_msr_list(cpu, 0, &l, slots, &cs);
    ret = kvm_vcpu_ioctl(cpu, KVM_GET_MSRS, &l);
    if (ret < 0) {
        return ret;
    }
    /* The kernel stops at the first MSR it refuses: keep what it read. */
    for (int i = 0; i < ret && (uint32_t)i < l.hdr.nmsrs; i++) {
        *slots[i].field = l.e[i].data;
    }
    env->sysenter_cs = (uint32_t)cs;
    return 0;
}

/* ---- events, debug registers, multiprocessing state ---- */

static int kvm_put_vcpu_events(CPUState *cpu, int level)
{
    CPUX86State *env = &x86(cpu)->env;
    struct kvm_vcpu_events e;

    memset(&e, 0, sizeof(e));
    e.exception.injected = env->exception_injected || env->exception_pending;
    e.exception.nr = env->exception_nr >= 0 ? env->exception_nr : 0;
    e.exception.has_error_code = env->exception_has_error_code;
    e.exception.error_code = env->error_code;
    e.interrupt.injected = env->interrupt_injected >= 0;
    e.interrupt.nr = env->interrupt_injected >= 0 ? env->interrupt_injected
                                                  : 0;
    e.interrupt.soft = env->soft_interrupt;
    e.interrupt.shadow = env->interrupt_shadow;
    e.nmi.injected = env->nmi_injected;
    e.nmi.pending = env->nmi_pending;
    e.nmi.masked = kvm_x86_vcpu(cpu)->nmi_masked;
    e.sipi_vector = env->sipi_vector;
    e.flags = KVM_VCPUEVENT_VALID_SHADOW;
    if (level >= KVM_PUT_RESET_STATE) {
        e.flags |= KVM_VCPUEVENT_VALID_NMI_PENDING;
        if (env->mp_state == KVM_MP_STATE_SIPI_RECEIVED) {
            e.flags |= KVM_VCPUEVENT_VALID_SIPI_VECTOR;
        }
    }
    return kvm_vcpu_ioctl(cpu, KVM_SET_VCPU_EVENTS, &e);
}

static int kvm_get_vcpu_events(CPUState *cpu)
{
    CPUX86State *env = &x86(cpu)->env;
    struct kvm_vcpu_events e;
    int ret = kvm_vcpu_ioctl(cpu, KVM_GET_VCPU_EVENTS, &e);

    if (ret < 0) {
        return ret;
    }
    env->exception_injected = e.exception.injected;
    env->exception_pending = false;
    env->exception_nr = e.exception.injected ? e.exception.nr : -1;
    env->exception_has_error_code = e.exception.has_error_code;
    env->error_code = e.exception.error_code;
    env->interrupt_injected = e.interrupt.injected ? e.interrupt.nr : -1;
    env->soft_interrupt = e.interrupt.soft;
    if (e.flags & KVM_VCPUEVENT_VALID_SHADOW) {
        env->interrupt_shadow = e.interrupt.shadow;
    }
    env->nmi_injected = e.nmi.injected;
    env->nmi_pending = e.nmi.pending;
    kvm_x86_vcpu(cpu)->nmi_masked = e.nmi.masked;
    env->sipi_vector = e.sipi_vector;
    return 0;
}

static int kvm_put_debugregs(CPUState *cpu)
{
    CPUX86State *env = &x86(cpu)->env;
    struct kvm_debugregs d;

    if (!kvm_state->has_debugregs) {
        return 0;
    }
    memset(&d, 0, sizeof(d));
    for (int i = 0; i < 4; i++) {
        d.db[i] = env->dr[i];
    }
    d.dr6 = env->dr[6];
    d.dr7 = env->dr[7];
    return kvm_vcpu_ioctl(cpu, KVM_SET_DEBUGREGS, &d);
}

static int kvm_get_debugregs(CPUState *cpu)
{
    CPUX86State *env = &x86(cpu)->env;
    struct kvm_debugregs d;
    int ret;

    if (!kvm_state->has_debugregs) {
        return 0;
    }
    ret = kvm_vcpu_ioctl(cpu, KVM_GET_DEBUGREGS, &d);
    if (ret < 0) {
        return ret;
    }
    for (int i = 0; i < 4; i++) {
        env->dr[i] = d.db[i];
    }
    env->dr[4] = env->dr[6] = d.dr6;
    env->dr[5] = env->dr[7] = d.dr7;
    return 0;
}

static int kvm_put_mp_state(CPUState *cpu)
{
    struct kvm_mp_state mp = { .mp_state = x86(cpu)->env.mp_state };

    return kvm_vcpu_ioctl(cpu, KVM_SET_MP_STATE, &mp);
}

static int kvm_get_mp_state(CPUState *cpu)
{
    struct kvm_mp_state mp;
    int ret = kvm_vcpu_ioctl(cpu, KVM_GET_MP_STATE, &mp);

    if (ret < 0) {
        return ret;
    }
    x86(cpu)->env.mp_state = mp.mp_state;
    if (kvm_irqchip_in_kernel()) {
        cpu->halted = mp.mp_state == KVM_MP_STATE_HALTED;
    }
    return 0;
}

/* ---- all of it ---- */

int kvm_arch_put_registers(CPUState *cpu, int level)
{
    DeviceState *apic = kvm_apic_of(cpu);
    int ret;

    if ((ret = kvm_put_regs(cpu)) < 0 ||
        (ret = kvm_put_xsave(cpu)) < 0 ||
        (ret = kvm_put_xcrs(cpu)) < 0 ||
        (ret = kvm_put_sregs(cpu)) < 0 ||
        (ret = kvm_put_msrs(cpu, level)) < 0 ||
        (ret = kvm_put_vcpu_events(cpu, level)) < 0) {
        return ret;
    }
    if (level >= KVM_PUT_RESET_STATE) {
        if ((ret = kvm_put_mp_state(cpu)) < 0) {
            return ret;
        }
        if (apic && (ret = kvm_apic_put_state(apic)) < 0) {
            return ret;
        }
    }
    return kvm_put_debugregs(cpu);
}

int kvm_arch_get_registers(CPUState *cpu)
{
    DeviceState *apic = kvm_apic_of(cpu);
    int ret;

    if ((ret = kvm_get_regs(cpu)) < 0 ||
        (ret = kvm_get_xsave(cpu)) < 0 ||
        (ret = kvm_get_xcrs(cpu)) < 0 ||
        (ret = kvm_get_sregs(cpu)) < 0 ||
        (ret = kvm_get_msrs(cpu)) < 0 ||
        (ret = kvm_get_mp_state(cpu)) < 0 ||
        (apic && (ret = kvm_apic_get_state(apic)) < 0) ||
        (ret = kvm_get_vcpu_events(cpu)) < 0 ||
        (ret = kvm_get_debugregs(cpu)) < 0) {
        return ret;
    }
    return 0;
}
