/*
 * task-switch.c: hardware task switching (SDM vol. 3 7.3) for JMP/CALL
 * to a TSS or task gate, interrupts through task gates and IRET with
 * NT = 1.  32-bit and 16-bit TSS formats; long mode has no task
 * switching (the callers refuse it).
 *
 * The new TSS is read completely before the old one is written; once the
 * state is saved and TR loaded, the new task's segment descriptors are
 * checked and a fault there is taken in the context of the new task, as
 * the SDM describes.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/seg-helper.h"

typedef struct TaskState {
    uint32_t cr3, eip, eflags, ldt;
    uint32_t regs[8];
    uint32_t segs[6];           /* R_ES..R_GS */
} TaskState;

static uint16_t ldw_k(CPUX86State *env, uint64_t la)
{
    return cpu_lduw_mmu(env, la, MMU_KERNEL_IDX);
}

static void stw_k(CPUX86State *env, uint64_t la, uint16_t v)
{
    cpu_stw_mmu(env, la, v, MMU_KERNEL_IDX);
}

static void read_tss(CPUX86State *env, uint64_t base, bool is32,
                     TaskState *ts)
{
    memset(ts, 0, sizeof(*ts));
    if (is32) {
        ts->cr3 = cpu_ldl_kernel(env, base + 0x1c);
        ts->eip = cpu_ldl_kernel(env, base + 0x20);
        ts->eflags = cpu_ldl_kernel(env, base + 0x24);
        for (int i = 0; i < 8; i++) {
            ts->regs[i] = cpu_ldl_kernel(env, base + 0x28 + 4 * i);
        }
        for (int i = 0; i < 6; i++) {
            ts->segs[i] = ldw_k(env, base + 0x48 + 4 * i);
        }
        ts->ldt = ldw_k(env, base + 0x60);
    } else {
        ts->eip = ldw_k(env, base + 0x0e);
        ts->eflags = ldw_k(env, base + 0x10);
        for (int i = 0; i < 8; i++) {
            ts->regs[i] = ldw_k(env, base + 0x12 + 2 * i);
        }
        for (int i = 0; i < 4; i++) {
            ts->segs[i] = ldw_k(env, base + 0x22 + 2 * i);
        }
        ts->ldt = ldw_k(env, base + 0x2a);
    }
}

static void save_tss(CPUX86State *env, uint64_t base, bool is32,
                     uint32_t eip, uint32_t eflags)
{
    if (is32) {
        cpu_stl_kernel(env, base + 0x20, eip);
        cpu_stl_kernel(env, base + 0x24, eflags);
        for (int i = 0; i < 8; i++) {
            cpu_stl_kernel(env, base + 0x28 + 4 * i, env->regs[i]);
        }
        for (int i = 0; i < 6; i++) {
            stw_k(env, base + 0x48 + 4 * i, env->segs[i].selector);
        }
    } else {
        stw_k(env, base + 0x0e, eip);
        stw_k(env, base + 0x10, eflags);
        for (int i = 0; i < 8; i++) {
            stw_k(env, base + 0x12 + 2 * i, env->regs[i]);
        }
        for (int i = 0; i < 4; i++) {
            stw_k(env, base + 0x22 + 2 * i, env->segs[i].selector);
        }
    }
}

static void set_busy(CPUX86State *env, uint32_t sel, bool busy)
{
    uint32_t e1, e2;

    if (x86_read_desc(env, sel, &e1, &e2)) {
        e2 = busy ? (e2 | DESC_TSS_BUSY_MASK) : (e2 & ~DESC_TSS_BUSY_MASK);
        x86_write_desc_e2(env, sel, e2);
    }
}

/* Load the new task's LDT (#TS(selector) on a bad one). */
static void load_task_ldt(CPUX86State *env, uint32_t sel, int ext)
{
    uint32_t e1, e2, err = (sel & 0xfffc) | ext;

    if (sel & 4) {
        raise_exception_err(env, EXCP0A_TSS, err);
    }
    if ((sel & 0xfffc) == 0) {
        return;
    }
    if (!x86_read_desc(env, sel, &e1, &e2) || !desc_is_system(e2) ||
        desc_type(e2) != SYS_LDT || !(e2 & DESC_P_MASK)) {
        raise_exception_err(env, EXCP0A_TSS, err);
    }
    env->ldt.selector = sel;
    env->ldt.base = desc_base(e1, e2);
    env->ldt.limit = desc_limit(e1, e2);
    env->ldt.flags = e2;
}

static void load_task_cs(CPUX86State *env, uint32_t sel, int ext)
{
    uint32_t e1, e2, err = (sel & 0xfffc) | ext;
    int rpl = sel & 3, dpl;

    if ((sel & 0xfffc) == 0 || !x86_read_desc(env, sel, &e1, &e2) ||
        !desc_is_code(e2)) {
        raise_exception_err(env, EXCP0A_TSS, err);
    }
    dpl = desc_dpl(e2);
    if ((e2 & DESC_C_MASK) ? dpl > rpl : dpl != rpl) {
        raise_exception_err(env, EXCP0A_TSS, err);
    }
    if (!(e2 & DESC_P_MASK)) {
        raise_exception_err(env, EXCP0B_NOSEG, err);
    }
    x86_set_desc_accessed(env, sel, &e2);
    x86_load_seg_desc(env, R_CS, sel, e1, e2);
}

static void load_task_data(CPUX86State *env, int seg, uint32_t sel, int ext)
{
    uint32_t e1, e2, err = (sel & 0xfffc) | ext;
    int cpl = cpu_cpl(env), dpl;

    if ((sel & 0xfffc) == 0) {
        x86_load_seg_null(env, seg, sel);
        return;
    }
    if (!x86_read_desc(env, sel, &e1, &e2) || desc_is_system(e2) ||
        ((e2 & DESC_CS_MASK) && !(e2 & DESC_R_MASK))) {
        raise_exception_err(env, EXCP0A_TSS, err);
    }
    dpl = desc_dpl(e2);
    if ((!(e2 & DESC_CS_MASK) || !(e2 & DESC_C_MASK)) &&
        (dpl < cpl || dpl < (int)(sel & 3))) {
        raise_exception_err(env, EXCP0A_TSS, err);
    }
    if (!(e2 & DESC_P_MASK)) {
        raise_exception_err(env, EXCP0B_NOSEG, err);
    }
    x86_set_desc_accessed(env, sel, &e2);
    x86_load_seg_desc(env, seg, sel, e1, e2);
}

void x86_task_switch(CPUX86State *env, uint32_t sel, uint32_t e1,
                     uint32_t e2, int source, uint64_t next_eip, int ext)
{
    bool new32 = (desc_type(e2) & 8) != 0;
    bool old32 = (desc_type(env->tr.flags) & 8) != 0;
    uint64_t base = desc_base(e1, e2), old_base = env->tr.base;
    uint32_t limit = desc_limit(e1, e2), old_eflags;
    uint32_t err = (sel & 0xfffc) | ext;
    TaskState ts;

    if (!(e2 & DESC_P_MASK)) {
        raise_exception_err(env, EXCP0B_NOSEG, err);
    }
    if (limit < (new32 ? 0x67u : 0x2bu)) {
        raise_exception_err(env, EXCP0A_TSS, err);
    }
    if (env->tr.limit < (old32 ? 0x5fu : 0x29u)) {
        raise_exception_err(env, EXCP0A_TSS,
                            (env->tr.selector & 0xfffc) | ext);
    }
    read_tss(env, base, new32, &ts);

    /* Save the outgoing task (its EIP is where it resumes). */
    old_eflags = cpu_compute_eflags(env);
    if (source == TS_IRET) {
        old_eflags &= ~NT_MASK;
    }
    save_tss(env, old_base, old32, next_eip, old_eflags);
    if (source == TS_JMP || source == TS_IRET) {
        set_busy(env, env->tr.selector, false);
    }
    if (source == TS_CALL || source == TS_INT) {
        stw_k(env, base, env->tr.selector);
        ts.eflags |= NT_MASK;
    }
    if (source != TS_IRET) {
        set_busy(env, sel, true);
        e2 |= DESC_TSS_BUSY_MASK;
    }

    /* The new task: TR, CR0.TS, CR3, registers, then the segments. */
    env->tr.selector = sel;
    env->tr.base = base;
    env->tr.limit = limit;
    env->tr.flags = e2;
    x86_cpu_set_cr0(env, env->cr[0] | CR0_TS_MASK);
    if (new32 && (env->cr[0] & CR0_PG_MASK)) {
        x86_cpu_set_cr3(env, ts.cr3);
    }
    if (new32) {
        cpu_load_eflags(env, ts.eflags, ~0ull);
        for (int i = 0; i < 8; i++) {
            env->regs[i] = ts.regs[i];
        }
    } else {
        cpu_load_eflags(env, ts.eflags, 0xffff);
        for (int i = 0; i < 8; i++) {
            env->regs[i] = (env->regs[i] & ~0xffffull) | ts.regs[i];
        }
    }
    env->eip = ts.eip;
    env->ldt.selector = 0;
    env->ldt.base = 0;
    env->ldt.limit = 0;
    env->ldt.flags = 0;
    if (ts.eflags & VM_MASK) {
        for (int i = 0; i < 6; i++) {
            x86_load_seg_real(env, i, ts.segs[i]);
        }
        x86_set_cpl(env, 3);
        load_task_ldt(env, ts.ldt, ext);
        return;
    }
    /* Selectors first, so a fault below leaves the new task's values. */
    for (int i = 0; i < 6; i++) {
        env->segs[i].selector = ts.segs[i];
    }
    load_task_ldt(env, ts.ldt, ext);
    /* The new CPL is CS.RPL; hflags take it from SS.DPL once SS is
     * loaded, and SS must match it. */
    load_task_cs(env, ts.segs[R_CS], ext);
    {
        uint32_t sse1, sse2;

        x86_check_new_ss(env, ts.segs[R_SS], ts.segs[R_CS] & 3, ext, false,
                         &sse1, &sse2);
        x86_set_desc_accessed(env, ts.segs[R_SS], &sse2);
        x86_load_seg_desc(env, R_SS, ts.segs[R_SS], sse1, sse2);
    }
    load_task_data(env, R_ES, ts.segs[R_ES], ext);
    load_task_data(env, R_DS, ts.segs[R_DS], ext);
    load_task_data(env, R_FS, ts.segs[R_FS], ext);
    load_task_data(env, R_GS, ts.segs[R_GS], ext);
}
