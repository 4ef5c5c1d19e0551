/*
 * seg-helper.c: descriptor tables, segment register loads and the
 * delivery of exceptions and interrupts in every mode (SDM vol. 3
 * chapters 5 and 6).  Far transfers are in seg-far.c, task switches in
 * task-switch.c; docs/tcg-system.md gives the overview.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/seg-helper.h"
#include "sysemu/runstate.h"

/* ---- descriptor tables ---- */

static bool desc_addr(CPUX86State *env, uint32_t sel, unsigned off,
                      uint64_t *la)
{
    SegmentCache *dt = (sel & 4) ? &env->ldt : &env->gdt;
    uint32_t index = (sel & ~7u) + off;

    if (index + 7 > dt->limit) {
        return false;
    }
    *la = dt->base + index;
    if (!(env->hflags & HF_LMA)) {
        *la = (uint32_t)*la;
    }
    return true;
}

bool x86_read_desc(CPUX86State *env, uint32_t sel, uint32_t *e1,
                   uint32_t *e2)
{
    uint64_t la;

    if (!desc_addr(env, sel, 0, &la)) {
        return false;
    }
    *e1 = cpu_ldl_kernel(env, la);
    *e2 = cpu_ldl_kernel(env, la + 4);
    return true;
}

bool x86_read_desc_hi(CPUX86State *env, uint32_t sel, uint32_t *e3,
                      uint32_t *e4)
{
    uint64_t la;

    if (!desc_addr(env, sel, 8, &la)) {
        return false;
    }
    *e3 = cpu_ldl_kernel(env, la);
    *e4 = cpu_ldl_kernel(env, la + 4);
    return true;
}

void x86_write_desc_e2(CPUX86State *env, uint32_t sel, uint32_t e2)
{
    uint64_t la;

    if (desc_addr(env, sel, 0, &la)) {
        cpu_stl_kernel(env, la + 4, e2);
    }
}

void x86_set_desc_accessed(CPUX86State *env, uint32_t sel, uint32_t *e2)
{
    if (!(*e2 & DESC_A_MASK)) {
        *e2 |= DESC_A_MASK;
        x86_write_desc_e2(env, sel, *e2);
    }
}

void x86_load_seg_desc(CPUX86State *env, int seg, uint32_t sel,
                       uint32_t e1, uint32_t e2)
{
    cpu_x86_load_seg_cache(env, seg, sel, desc_base(e1, e2),
                           desc_limit(e1, e2), e2);
}

void x86_load_seg_real(CPUX86State *env, int seg, uint32_t sel)
{
    sel &= 0xffff;
    if (env->eflags & VM_MASK) {
        /* Virtual-8086 segments: 64K, present, read/write, DPL 3. */
        cpu_x86_load_seg_cache(env, seg, sel, (uint64_t)sel << 4, 0xffff,
                               DESC_P_MASK | DESC_S_MASK | DESC_W_MASK |
                               DESC_A_MASK | (3 << DESC_DPL_SHIFT));
    } else {
        /* Real mode changes only selector and base: the limit and the
         * attributes stay (what "unreal mode" relies on). */
        cpu_x86_load_seg_cache(env, seg, sel, (uint64_t)sel << 4,
                               env->segs[seg].limit, env->segs[seg].flags);
    }
}

void x86_load_seg_null(CPUX86State *env, int seg, uint32_t sel)
{
    uint32_t flags = 0;

    if (seg == R_SS) {
        /* A null SS (64-bit mode) keeps the DPL = CPL convention. */
        flags = (sel & 3) << DESC_DPL_SHIFT;
    }
    cpu_x86_load_seg_cache(env, seg, sel, 0, 0, flags);
}

void x86_set_cpl(CPUX86State *env, int cpl)
{
    env->hflags = (env->hflags & ~HF_CPL_MASK) | (cpl & 3);
    x86_update_hflags(env);
}

void x86_invalidate_data_segs(CPUX86State *env, int cpl)
{
    static const int segs[] = { R_ES, R_DS, R_FS, R_GS };

    for (unsigned i = 0; i < ARRAY_SIZE(segs); i++) {
        SegmentCache *sc = &env->segs[segs[i]];
        uint32_t e2 = sc->flags;

        /*
         * Data and non-conforming code with DPL < CPL become null.  A
         * segment that already holds a null selector is left alone: in
         * 64-bit mode FS and GS keep the base their MSRs gave them.
         */
        if ((sc->selector & 0xfffc) == 0) {
            continue;
        }
        if ((!(e2 & DESC_CS_MASK) || !(e2 & DESC_C_MASK)) &&
            desc_dpl(e2) < cpl) {
            /* Only the selector becomes null (SDM RET/IRET): the hidden
             * part is not reloaded, but the segment is unusable. */
            cpu_x86_load_seg_cache(env, segs[i], 0, sc->base, sc->limit,
                                   e2 & ~DESC_P_MASK);
        }
    }
}

/*
 * MOV/POP to a data segment register or SS (SDM vol. 2 MOV, vol. 3
 * 5.5-5.7): every check before anything changes.
 */
void x86_load_seg(CPUX86State *env, int seg, uint16_t selector)
{
    uint32_t sel = selector, e1, e2;
    int cpl = cpu_cpl(env), rpl = sel & 3, dpl;

    if (!(env->hflags & HF_PE) || (env->eflags & VM_MASK)) {
        x86_load_seg_real(env, seg, sel);
        return;
    }
    if ((sel & 0xfffc) == 0) {
        if (seg == R_SS) {
            /* Only 64-bit code at CPL < 3 may load a null SS, with
             * RPL = CPL. */
            if (!(env->hflags & HF_CS64) || cpl == 3 || rpl != cpl) {
                raise_exception_err(env, EXCP0D_GPF, 0);
            }
        }
        x86_load_seg_null(env, seg, sel);
        return;
    }
    if (!x86_read_desc(env, sel, &e1, &e2)) {
        raise_exception_err(env, EXCP0D_GPF, sel & 0xfffc);
    }
    if (desc_is_system(e2)) {
        raise_exception_err(env, EXCP0D_GPF, sel & 0xfffc);
    }
    dpl = desc_dpl(e2);
    if (seg == R_SS) {
        if (rpl != cpl || dpl != cpl || (e2 & DESC_CS_MASK) ||
            !(e2 & DESC_W_MASK)) {
            raise_exception_err(env, EXCP0D_GPF, sel & 0xfffc);
        }
        if (!(e2 & DESC_P_MASK)) {
            raise_exception_err(env, EXCP0C_STACK, sel & 0xfffc);
        }
    } else {
        if ((e2 & DESC_CS_MASK) && !(e2 & DESC_R_MASK)) {
            raise_exception_err(env, EXCP0D_GPF, sel & 0xfffc);
        }
        if (!(e2 & DESC_CS_MASK) || !(e2 & DESC_C_MASK)) {
            if (dpl < cpl || dpl < rpl) {
                raise_exception_err(env, EXCP0D_GPF, sel & 0xfffc);
            }
        }
        if (!(e2 & DESC_P_MASK)) {
            raise_exception_err(env, EXCP0B_NOSEG, sel & 0xfffc);
        }
    }
    x86_set_desc_accessed(env, sel, &e2);
    x86_load_seg_desc(env, seg, sel, e1, e2);
}

void x86_check_new_ss(CPUX86State *env, uint32_t ss, int cpl, int ext,
                      bool gp, uint32_t *e1, uint32_t *e2)
{
    int vec = gp ? EXCP0D_GPF : EXCP0A_TSS;
    uint32_t err = (ss & 0xfffc) | ext;

    if ((ss & 0xfffc) == 0) {
        raise_exception_err(env, vec, ext);
    }
    if ((int)(ss & 3) != cpl || !x86_read_desc(env, ss, e1, e2)) {
        raise_exception_err(env, vec, err);
    }
    if (desc_is_system(*e2) || (*e2 & DESC_CS_MASK) ||
        !(*e2 & DESC_W_MASK) || desc_dpl(*e2) != cpl) {
        raise_exception_err(env, vec, err);
    }
    if (!(*e2 & DESC_P_MASK)) {
        raise_exception_err(env, EXCP0C_STACK, err);
    }
}

/* ---- the TSS stack pointers ---- */

void x86_tss_stack(CPUX86State *env, int dpl, int ext, uint32_t *ss,
                   uint32_t *esp)
{
    int type = desc_type(env->tr.flags);
    uint32_t err = (env->tr.selector & 0xfffc) | ext;
    unsigned shift, off;

    if (!(env->tr.flags & DESC_P_MASK)) {
        raise_exception_err(env, EXCP0A_TSS, err);
    }
    shift = (type & 8) ? 1 : 0;     /* 32-bit TSS: 8-byte slots */
    off = (dpl * 4 + 2) << shift;
    if (off + (4 << shift) - 1 > env->tr.limit) {
        raise_exception_err(env, EXCP0A_TSS, err);
    }
    if (shift) {
        *esp = cpu_ldl_kernel(env, env->tr.base + off);
        *ss = cpu_ldl_kernel(env, env->tr.base + off + 4) & 0xffff;
    } else {
        uint32_t v = cpu_ldl_kernel(env, env->tr.base + off);

        *esp = v & 0xffff;
        *ss = v >> 16;
    }
}

uint64_t x86_tss_stack64(CPUX86State *env, int level, int ist, int ext)
{
    unsigned off = ist ? 0x1c + 8 * ist : 4 + 8 * level;

    if (!(env->tr.flags & DESC_P_MASK) || off + 7 > env->tr.limit) {
        raise_exception_err(env, EXCP0A_TSS,
                            (env->tr.selector & 0xfffc) | ext);
    }
    return cpu_ldq_kernel(env, env->tr.base + off);
}

/* ---- explicit stacks ---- */

void stack_init(CPUX86State *env, StackPtr *s, uint64_t base, uint64_t sp,
                uint64_t mask, int mmu_idx)
{
    s->base = base;
    s->sp = sp;
    s->mask = mask;
    s->mmu_idx = mmu_idx;
    s->wrap32 = !(env->hflags & HF_LMA) || mask != ~0ull;
}

static uint64_t stack_la(const StackPtr *s)
{
    uint64_t la = s->base + (s->sp & s->mask);

    return s->wrap32 ? (uint32_t)la : la;
}

void stack_push(CPUX86State *env, StackPtr *s, int size, uint64_t v)
{
    uint64_t la;

    s->sp -= size;
    la = stack_la(s);
    switch (size) {
    case 2: cpu_stw_mmu(env, la, v, s->mmu_idx); break;
    case 4: cpu_stl_mmu(env, la, v, s->mmu_idx); break;
    default: cpu_stq_mmu(env, la, v, s->mmu_idx); break;
    }
}

uint64_t stack_pop(CPUX86State *env, StackPtr *s, int size)
{
    uint64_t la = stack_la(s), v;

    switch (size) {
    case 2: v = cpu_lduw_mmu(env, la, s->mmu_idx); break;
    case 4: v = cpu_ldl_mmu(env, la, s->mmu_idx); break;
    default: v = cpu_ldq_mmu(env, la, s->mmu_idx); break;
    }
    s->sp += size;
    return v;
}

/* ---- interrupt and exception delivery (SDM vol. 3 6.12, 6.14) ---- */

typedef struct Event {
    int vec;
    bool is_int;            /* INT n / INT3 / INTO: the gate DPL applies */
    bool has_err;
    uint32_t err;
    int ext;                /* EXT bit of the faults delivery raises */
    uint64_t ret_eip;       /* the return address pushed */
} Event;

#define EFLAGS_CLEAR_MASK (TF_MASK | NT_MASK | RF_MASK | VM_MASK)

static void clear_eflags(CPUX86State *env, uint64_t eflags, uint64_t clear)
{
    cpu_load_eflags(env, eflags & ~clear, clear);
}

static void deliver_real(CPUX86State *env, const Event *ev)
{
    uint64_t la, eflags = cpu_compute_eflags(env);
    uint16_t off, sel;
    StackPtr s;

    if ((uint32_t)ev->vec * 4 + 3 > env->idt.limit) {
        raise_exception_err(env, EXCP0D_GPF, ev->vec * 8 + 2);
    }
    la = (uint32_t)(env->idt.base + ev->vec * 4);
    off = cpu_lduw_mmu(env, la, MMU_KERNEL_IDX);
    sel = cpu_lduw_mmu(env, la + 2, MMU_KERNEL_IDX);
    stack_init(env, &s, env->segs[R_SS].base, env->regs[R_ESP],
               stack_mask(env), MMU_KERNEL_IDX);
    stack_push(env, &s, 2, eflags);
    stack_push(env, &s, 2, env->segs[R_CS].selector);
    stack_push(env, &s, 2, ev->ret_eip);

    env->regs[R_ESP] = stack_new_rsp(&s, env->regs[R_ESP]);
    clear_eflags(env, eflags, IF_MASK | TF_MASK | AC_MASK);
    x86_load_seg_real(env, R_CS, sel);
    env->eip = off;
}

/* Push the error code of an exception delivered through a task gate. */
static void push_err_after_task_switch(CPUX86State *env, const Event *ev)
{
    StackPtr s;
    int size = (desc_type(env->tr.flags) & 8) ? 4 : 2;

    stack_init(env, &s, env->segs[R_SS].base, env->regs[R_ESP],
               stack_mask(env), cpu_cpl(env) == 3 ? MMU_USER_IDX
                                                  : MMU_KERNEL_IDX);
    stack_push(env, &s, size, ev->err);
    env->regs[R_ESP] = stack_new_rsp(&s, env->regs[R_ESP]);
}

static void deliver_task_gate(CPUX86State *env, const Event *ev,
                              uint32_t e1)
{
    uint32_t sel = e1 >> 16, te1, te2;
    uint32_t err = (sel & 0xfffc) | ev->ext;
    int type;

    if ((sel & 4) || !x86_read_desc(env, sel, &te1, &te2)) {
        raise_exception_err(env, EXCP0D_GPF, err);
    }
    type = desc_type(te2);
    if (!desc_is_system(te2) ||
        (type != SYS_TSS16_AVAIL && type != SYS_TSS32_AVAIL)) {
        raise_exception_err(env, EXCP0D_GPF, err);
    }
    if (!(te2 & DESC_P_MASK)) {
        raise_exception_err(env, EXCP0B_NOSEG, err);
    }
    x86_task_switch(env, sel, te1, te2, TS_INT, ev->ret_eip, ev->ext);
    if (ev->has_err) {
        push_err_after_task_switch(env, ev);
    }
}

/*
 * The target code segment of an interrupt/trap gate: checks, then the
 * new CPL (SDM vol. 3 6.12.1.1).  *inner says whether the stack
 * switches.
 */
static int gate_target(CPUX86State *env, const Event *ev, uint32_t sel,
                       uint32_t *ce1, uint32_t *ce2, bool *inner)
{
    uint32_t err = (sel & 0xfffc) | ev->ext;
    int cpl = cpu_cpl(env), dpl;

    if ((sel & 0xfffc) == 0) {
        raise_exception_err(env, EXCP0D_GPF, ev->ext);
    }
    if (!x86_read_desc(env, sel, ce1, ce2) || !desc_is_code(*ce2) ||
        desc_dpl(*ce2) > cpl) {
        raise_exception_err(env, EXCP0D_GPF, err);
    }
    if (!(*ce2 & DESC_P_MASK)) {
        raise_exception_err(env, EXCP0B_NOSEG, err);
    }
    dpl = desc_dpl(*ce2);
    if (!(*ce2 & DESC_C_MASK) && dpl < cpl) {
        *inner = true;
        return dpl;
    }
    *inner = false;
    return cpl;
}

static void deliver_prot(CPUX86State *env, const Event *ev)
{
    uint32_t idt_err = ev->vec * 8 + 2 + ev->ext;
    uint32_t e1, e2, ce1, ce2, sel, ss = 0, sse1 = 0, sse2 = 0;
    uint64_t la, eflags, offset, old_esp = env->regs[R_ESP];
    int type, new_cpl, size;
    bool inner, vm = (env->eflags & VM_MASK) != 0;
    StackPtr s;

    if ((uint32_t)ev->vec * 8 + 7 > env->idt.limit) {
        raise_exception_err(env, EXCP0D_GPF, idt_err);
    }
    la = (uint32_t)(env->idt.base + ev->vec * 8);
    e1 = cpu_ldl_kernel(env, la);
    e2 = cpu_ldl_kernel(env, la + 4);
    type = desc_type(e2);
    if (!desc_is_system(e2) ||
        (type != SYS_TASKGATE && type != SYS_INTGATE16 &&
         type != SYS_TRAPGATE16 && type != SYS_INTGATE32 &&
         type != SYS_TRAPGATE32)) {
        raise_exception_err(env, EXCP0D_GPF, idt_err);
    }
    if (ev->is_int && desc_dpl(e2) < cpu_cpl(env)) {
        raise_exception_err(env, EXCP0D_GPF, ev->vec * 8 + 2);
    }
    if (!(e2 & DESC_P_MASK)) {
        raise_exception_err(env, EXCP0B_NOSEG, idt_err);
    }
    if (type == SYS_TASKGATE) {
        deliver_task_gate(env, ev, e1);
        return;
    }
    sel = e1 >> 16;
    offset = gate_offset(e1, e2);
    size = (type & 8) ? 4 : 2;
    if (size == 2) {
        offset &= 0xffff;
    }
    new_cpl = gate_target(env, ev, sel, &ce1, &ce2, &inner);
    if (vm && (!inner || new_cpl != 0)) {
        /* From virtual-8086 mode only to a ring-0 handler. */
        raise_exception_err(env, EXCP0D_GPF, (sel & 0xfffc) | ev->ext);
    }
    if (offset > desc_limit(ce1, ce2)) {
        raise_exception_err(env, EXCP0D_GPF, ev->ext);
    }
    if (inner) {
        uint32_t esp;

        x86_tss_stack(env, new_cpl, ev->ext, &ss, &esp);
        x86_check_new_ss(env, ss, new_cpl, ev->ext, false, &sse1, &sse2);
        stack_init(env, &s, desc_base(sse1, sse2), esp,
                   stack_mask_of(sse2), MMU_KERNEL_IDX);
    } else {
        stack_init(env, &s, env->segs[R_SS].base, env->regs[R_ESP],
                   stack_mask(env),
                   new_cpl == 3 ? MMU_USER_IDX : MMU_KERNEL_IDX);
    }

    eflags = cpu_compute_eflags(env);
    if (vm) {
        stack_push(env, &s, size, env->segs[R_GS].selector);
        stack_push(env, &s, size, env->segs[R_FS].selector);
        stack_push(env, &s, size, env->segs[R_DS].selector);
        stack_push(env, &s, size, env->segs[R_ES].selector);
    }
    if (inner) {
        stack_push(env, &s, size, env->segs[R_SS].selector);
        stack_push(env, &s, size, old_esp);
    }
    stack_push(env, &s, size, eflags);
    stack_push(env, &s, size, env->segs[R_CS].selector);
    stack_push(env, &s, size, ev->ret_eip);
    if (ev->has_err) {
        stack_push(env, &s, size, ev->err);
    }

    /* Commit: nothing below faults. */
    clear_eflags(env, eflags, EFLAGS_CLEAR_MASK |
                 ((type & 1) ? 0 : IF_MASK));
    if (vm) {
        cpu_x86_load_seg_cache(env, R_ES, 0, 0, 0, 0);
        cpu_x86_load_seg_cache(env, R_DS, 0, 0, 0, 0);
        cpu_x86_load_seg_cache(env, R_FS, 0, 0, 0, 0);
        cpu_x86_load_seg_cache(env, R_GS, 0, 0, 0, 0);
    }
    if (inner) {
        x86_load_seg_desc(env, R_SS, (ss & 0xfffc) | new_cpl, sse1, sse2);
        env->regs[R_ESP] = stack_new_rsp(&s, old_esp);
    } else {
        env->regs[R_ESP] = stack_new_rsp(&s, env->regs[R_ESP]);
    }
    x86_load_seg_desc(env, R_CS, (sel & 0xfffc) | new_cpl, ce1, ce2);
    x86_set_cpl(env, new_cpl);
    env->eip = offset;
}

static void deliver_long(CPUX86State *env, const Event *ev)
{
    uint32_t idt_err = ev->vec * 8 + 2 + ev->ext;
    uint32_t e1, e2, e3, ce1, ce2, sel;
    uint64_t la, eflags, offset, rsp;
    int type, new_cpl, ist, old_ss = env->segs[R_SS].selector;
    bool inner;
    StackPtr s;

    if ((uint32_t)ev->vec * 16 + 15 > env->idt.limit) {
        raise_exception_err(env, EXCP0D_GPF, idt_err);
    }
    la = env->idt.base + ev->vec * 16;
    e1 = cpu_ldl_kernel(env, la);
    e2 = cpu_ldl_kernel(env, la + 4);
    e3 = cpu_ldl_kernel(env, la + 8);
    type = desc_type(e2);
    if (!desc_is_system(e2) ||
        (type != SYS_INTGATE32 && type != SYS_TRAPGATE32)) {
        raise_exception_err(env, EXCP0D_GPF, idt_err);
    }
    if (ev->is_int && desc_dpl(e2) < cpu_cpl(env)) {
        raise_exception_err(env, EXCP0D_GPF, ev->vec * 8 + 2);
    }
    if (!(e2 & DESC_P_MASK)) {
        raise_exception_err(env, EXCP0B_NOSEG, idt_err);
    }
    sel = e1 >> 16;
    offset = gate_offset(e1, e2) | ((uint64_t)e3 << 32);
    ist = e2 & 7;
    new_cpl = gate_target(env, ev, sel, &ce1, &ce2, &inner);
    if (!(ce2 & DESC_L_MASK) || (ce2 & DESC_B_MASK)) {
        /* The handler must be 64-bit code. */
        raise_exception_err(env, EXCP0D_GPF, (sel & 0xfffc) | ev->ext);
    }
    if (!is_canonical(offset)) {
        raise_exception_err(env, EXCP0D_GPF, ev->ext);
    }
    if (inner || ist) {
        rsp = x86_tss_stack64(env, new_cpl, ist, ev->ext);
    } else {
        rsp = env->regs[R_ESP];
    }
    rsp &= ~0xfull;     /* the frame is 16-byte aligned */
    if (!is_canonical(rsp)) {
        raise_exception_err(env, EXCP0C_STACK, ev->ext);
    }
    stack_init(env, &s, 0, rsp, ~0ull,
               new_cpl == 3 ? MMU_USER_IDX : MMU_KERNEL_IDX);
    eflags = cpu_compute_eflags(env);
    stack_push(env, &s, 8, old_ss);
    stack_push(env, &s, 8, env->regs[R_ESP]);
    stack_push(env, &s, 8, eflags);
    stack_push(env, &s, 8, env->segs[R_CS].selector);
    stack_push(env, &s, 8, ev->ret_eip);
    if (ev->has_err) {
        stack_push(env, &s, 8, ev->err);
    }

    clear_eflags(env, eflags, EFLAGS_CLEAR_MASK |
                 ((type & 1) ? 0 : IF_MASK));
    if (inner) {
        /* SS becomes null with RPL = the new CPL (SDM vol. 3 6.14.4). */
        x86_load_seg_null(env, R_SS, new_cpl);
    }
    env->regs[R_ESP] = s.sp;
    x86_load_seg_desc(env, R_CS, (sel & 0xfffc) | new_cpl, ce1, ce2);
    x86_set_cpl(env, new_cpl);
    env->eip = offset;
}

static G_NORETURN void triple_fault(CPUX86State *env)
{
    /* Shutdown: the board resets (or, with -no-reboot, powers off); this
     * vCPU must not run on meanwhile. */
    qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
    cpu_stop_current();
    cpu_loop_exit(env, EXCP_HALTED);
}

static void deliver_one(CPUX86State *env, const Event *ev)
{
    if (!(env->hflags & HF_PE)) {
        deliver_real(env, ev);
    } else if (env->hflags & HF_LMA) {
        deliver_long(env, ev);
    } else {
        deliver_prot(env, ev);
    }
}

/*
 * Deliver an event.  A fault raised while delivering it unwinds to here
 * (the executor's jump buffer is swapped out meanwhile) and the double
 * fault rules decide what is delivered next; a fault while delivering
 * #DF shuts the CPU down.  Nothing is committed before a delivery
 * succeeds, so each attempt starts from the same state.
 */
static void deliver(CPUX86State *env, int vec, bool is_int, bool is_hw,
                    uint32_t err, uint64_t ret_eip)
{
    X86TCGState *t = tcg_state(env);
    CPUState *cs = CPU(env_archcpu(env));
    sigjmp_buf saved;
    volatile int cur = vec, retries = 0;
    volatile uint32_t cur_err = err;
    volatile bool cur_int = is_int, cur_hw = is_hw;
    volatile uint64_t cur_ret = ret_eip;

    memcpy(&saved, &t->jmp_env, sizeof(saved));
    for (;;) {
        Event ev;
        int nvec;

        ev.vec = cur;
        ev.is_int = cur_int;
        ev.has_err = !cur_int && !cur_hw && excp_has_error_code(cur);
        ev.err = cur_err;
        ev.ext = cur_int ? 0 : 1;
        ev.ret_eip = cur_ret;
        if (!cur_int && !cur_hw) {
            x86_log_check_exception(env, cur);
        }
        env->old_exception = cur;
        x86_log_interrupt(env, cur, cur_int, cur_err, cur_ret, cur_hw);
        if (sigsetjmp(t->jmp_env, 0) == 0) {
            deliver_one(env, &ev);
            break;
        }
        nvec = cs->exception_index;
        if (nvec >= EXCP_INTERRUPT || nvec < 0) {
            /* Not a guest fault (e.g. the stack write hit decoded code):
             * nothing was committed, try again a few times. */
            if (++retries > 3) {
                memcpy(&t->jmp_env, &saved, sizeof(saved));
                env->old_exception = -1;
                cpu_loop_exit(env, nvec);
            }
            continue;
        }
        if (cur == EXCP08_DBLE && !cur_int && !cur_hw) {
            memcpy(&t->jmp_env, &saved, sizeof(saved));
            env->old_exception = -1;
            triple_fault(env);
        }
        if (!cur_int && !cur_hw && excp_is_double_fault(cur, nvec)) {
            cur = EXCP08_DBLE;
            cur_err = 0;
        } else {
            cur = nvec;
            cur_err = env->error_code;
        }
        /* The new fault is reported at the instruction that was being
         * interrupted (faults are restartable). */
        cur_int = false;
        cur_hw = false;
        cur_ret = env->eip;
    }
    memcpy(&t->jmp_env, &saved, sizeof(saved));
    env->old_exception = -1;
    cs->exception_index = -1;
}

void x86_cpu_do_interrupt(CPUX86State *env)
{
    CPUState *cs = CPU(env_archcpu(env));

    /* raise_exception() sets exception_next_eip to the faulting EIP;
     * software interrupts and traps to the next instruction's. */
    deliver(env, cs->exception_index, env->exception_is_int != 0, false,
            env->error_code, env->exception_next_eip);
}

void x86_do_hw_interrupt(CPUX86State *env, int vector)
{
    deliver(env, vector & 0xff, false, true, 0, env->eip);
}

void x86_do_nmi(CPUX86State *env)
{
    deliver(env, EXCP02_NMI, false, true, 0, env->eip);
    /* Set after delivery: the mode bookkeeping there recomputes hflags. */
    env->hflags |= HF_NMI_BLOCKED;
}
