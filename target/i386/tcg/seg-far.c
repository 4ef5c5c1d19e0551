/*
 * seg-far.c: far JMP, far CALL, far RET and IRET in every mode (SDM
 * vol. 2 JMP/CALL/RET/IRET, vol. 3 5.8 "privilege level checking when
 * transferring program control between code segments").  Each transfer
 * reads and checks everything (descriptors, the new stack, the frame)
 * before it changes any register, so a fault restarts it cleanly.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/seg-helper.h"

static bool legacy_mode(CPUX86State *env)
{
    return !(env->hflags & HF_PE) || (env->eflags & VM_MASK);
}

/* The current stack, for explicit accesses at the current privilege. */
static void cur_stack(CPUX86State *env, StackPtr *s)
{
    stack_init(env, s, (env->hflags & HF_CS64) ? 0 : env->segs[R_SS].base,
               env->regs[R_ESP], stack_mask(env), cpu_mmu_index(env));
}

static bool target_is_64(CPUX86State *env, uint32_t e2)
{
    return (env->hflags & HF_LMA) && (e2 & DESC_L_MASK);
}

/* The new EIP must lie within the target code segment (or be canonical
 * for 64-bit code). */
static uint64_t check_target_eip(CPUX86State *env, uint32_t e1, uint32_t e2,
                                 uint64_t eip)
{
    if (target_is_64(env, e2)) {
        if (!is_canonical(eip)) {
            raise_exception_err(env, EXCP0D_GPF, 0);
        }
        return eip;
    }
    eip = (uint32_t)eip;
    if (eip > desc_limit(e1, e2)) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    return eip;
}

/*
 * A code segment reached directly by JMP/CALL (no gate): conforming
 * needs DPL <= CPL, non-conforming RPL <= CPL and DPL = CPL.
 */
static void check_direct_code(CPUX86State *env, uint32_t sel, uint32_t e2)
{
    int cpl = cpu_cpl(env), dpl = desc_dpl(e2);

    if (!desc_is_code(e2)) {
        raise_exception_err(env, EXCP0D_GPF, sel & 0xfffc);
    }
    if (e2 & DESC_C_MASK) {
        if (dpl > cpl) {
            raise_exception_err(env, EXCP0D_GPF, sel & 0xfffc);
        }
    } else if ((int)(sel & 3) > cpl || dpl != cpl) {
        raise_exception_err(env, EXCP0D_GPF, sel & 0xfffc);
    }
    if (!(e2 & DESC_P_MASK)) {
        raise_exception_err(env, EXCP0B_NOSEG, sel & 0xfffc);
    }
    if ((env->hflags & HF_LMA) && (e2 & DESC_L_MASK) && (e2 & DESC_B_MASK)) {
        raise_exception_err(env, EXCP0D_GPF, sel & 0xfffc);
    }
}

/* JMP/CALL to a TSS or through a task gate (not in long mode). */
static void far_task(CPUX86State *env, uint32_t sel, uint32_t e1,
                     uint32_t e2, int source, uint64_t next_eip)
{
    int cpl = cpu_cpl(env), dpl = desc_dpl(e2);
    int type = desc_type(e2);

    if (dpl < cpl || dpl < (int)(sel & 3)) {
        raise_exception_err(env, EXCP0D_GPF, sel & 0xfffc);
    }
    if (!(e2 & DESC_P_MASK)) {
        raise_exception_err(env, EXCP0B_NOSEG, sel & 0xfffc);
    }
    if (type == SYS_TASKGATE) {
        uint32_t tsel = e1 >> 16;

        if ((tsel & 4) || !x86_read_desc(env, tsel, &e1, &e2)) {
            raise_exception_err(env, EXCP0D_GPF, tsel & 0xfffc);
        }
        type = desc_type(e2);
        if (!desc_is_system(e2) ||
            (type != SYS_TSS16_AVAIL && type != SYS_TSS32_AVAIL)) {
            raise_exception_err(env, EXCP0D_GPF, tsel & 0xfffc);
        }
        if (!(e2 & DESC_P_MASK)) {
            raise_exception_err(env, EXCP0B_NOSEG, tsel & 0xfffc);
        }
        sel = tsel;
    }
    x86_task_switch(env, sel, e1, e2, source, next_eip, 0);
}

/*
 * A call gate's checks and target (SDM vol. 3 5.8.4).  Returns the
 * offset; *gsel, *ce1, *ce2 the target code segment.
 */
static uint64_t call_gate_target(CPUX86State *env, uint32_t sel,
                                 uint32_t e1, uint32_t e2, uint32_t *gsel,
                                 uint32_t *ce1, uint32_t *ce2)
{
    int cpl = cpu_cpl(env), dpl = desc_dpl(e2);
    uint64_t off = gate_offset(e1, e2);

    if (dpl < cpl || dpl < (int)(sel & 3)) {
        raise_exception_err(env, EXCP0D_GPF, sel & 0xfffc);
    }
    if (!(e2 & DESC_P_MASK)) {
        raise_exception_err(env, EXCP0B_NOSEG, sel & 0xfffc);
    }
    if (env->hflags & HF_LMA) {
        uint32_t e3, e4;

        if (!x86_read_desc_hi(env, sel, &e3, &e4) ||
            ((e4 >> DESC_TYPE_SHIFT) & 0x1f) != 0) {
            raise_exception_err(env, EXCP0D_GPF, sel & 0xfffc);
        }
        off |= (uint64_t)e3 << 32;
    } else if (desc_type(e2) == SYS_CALLGATE16) {
        off &= 0xffff;
    }
    *gsel = e1 >> 16;
    if ((*gsel & 0xfffc) == 0) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    if (!x86_read_desc(env, *gsel, ce1, ce2) || !desc_is_code(*ce2) ||
        desc_dpl(*ce2) > cpl) {
        raise_exception_err(env, EXCP0D_GPF, *gsel & 0xfffc);
    }
    if (!(*ce2 & DESC_P_MASK)) {
        raise_exception_err(env, EXCP0B_NOSEG, *gsel & 0xfffc);
    }
    if ((env->hflags & HF_LMA) &&
        (!(*ce2 & DESC_L_MASK) || (*ce2 & DESC_B_MASK))) {
        raise_exception_err(env, EXCP0D_GPF, *gsel & 0xfffc);
    }
    return off;
}

static bool is_call_gate(CPUX86State *env, int type)
{
    if (env->hflags & HF_LMA) {
        return type == SYS_CALLGATE32;
    }
    return type == SYS_CALLGATE16 || type == SYS_CALLGATE32;
}

static bool is_task_target(CPUX86State *env, int type)
{
    return !(env->hflags & HF_LMA) &&
           (type == SYS_TSS16_AVAIL || type == SYS_TSS32_AVAIL ||
            type == SYS_TASKGATE);
}

void x86_far_jmp(CPUX86State *env, uint32_t sel, uint64_t offset,
                 uint64_t next_eip)
{
    uint32_t e1, e2, gsel, ce1, ce2;
    int cpl = cpu_cpl(env), type;

    sel &= 0xffff;
    if (legacy_mode(env)) {
        if (offset > env->segs[R_CS].limit) {
            raise_exception_err(env, EXCP0D_GPF, 0);
        }
        x86_load_seg_real(env, R_CS, sel);
        env->eip = offset;
        return;
    }
    if ((sel & 0xfffc) == 0) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    if (!x86_read_desc(env, sel, &e1, &e2)) {
        raise_exception_err(env, EXCP0D_GPF, sel & 0xfffc);
    }
    if (!desc_is_system(e2)) {
        check_direct_code(env, sel, e2);
        offset = check_target_eip(env, e1, e2, offset);
        x86_set_desc_accessed(env, sel, &e2);
        x86_load_seg_desc(env, R_CS, (sel & 0xfffc) | cpl, e1, e2);
        env->eip = offset;
        return;
    }
    type = desc_type(e2);
    if (is_task_target(env, type)) {
        far_task(env, sel, e1, e2, TS_JMP, next_eip);
        return;
    }
    if (!is_call_gate(env, type)) {
        raise_exception_err(env, EXCP0D_GPF, sel & 0xfffc);
    }
    offset = call_gate_target(env, sel, e1, e2, &gsel, &ce1, &ce2);
    /* JMP through a gate never changes privilege. */
    if ((ce2 & DESC_C_MASK) ? desc_dpl(ce2) > cpl : desc_dpl(ce2) != cpl) {
        raise_exception_err(env, EXCP0D_GPF, gsel & 0xfffc);
    }
    offset = check_target_eip(env, ce1, ce2, offset);
    x86_set_desc_accessed(env, gsel, &ce2);
    x86_load_seg_desc(env, R_CS, (gsel & 0xfffc) | cpl, ce1, ce2);
    env->eip = offset;
}

/* CALL through a call gate (SDM vol. 3 5.8.5, 5.8.6). */
static void call_gate(CPUX86State *env, uint32_t sel, uint32_t e1,
                      uint32_t e2, uint64_t next_eip)
{
    uint32_t gsel, ce1, ce2, ss = 0, sse1 = 0, sse2 = 0;
    uint64_t offset, old_esp = env->regs[R_ESP];
    int cpl = cpu_cpl(env), new_cpl, gsize, params;
    bool lma = (env->hflags & HF_LMA) != 0, inner;
    StackPtr s;

    offset = call_gate_target(env, sel, e1, e2, &gsel, &ce1, &ce2);
    gsize = lma ? 8 : desc_type(e2) == SYS_CALLGATE32 ? 4 : 2;
    params = lma ? 0 : (e2 & 0x1f);
    inner = !(ce2 & DESC_C_MASK) && desc_dpl(ce2) < cpl;
    new_cpl = inner ? desc_dpl(ce2) : cpl;
    offset = check_target_eip(env, ce1, ce2, offset);

    if (inner && lma) {
        uint64_t rsp = x86_tss_stack64(env, new_cpl, 0, 0);

        if (!is_canonical(rsp)) {
            raise_exception_err(env, EXCP0C_STACK, 0);
        }
        stack_init(env, &s, 0, rsp, ~0ull, MMU_KERNEL_IDX);
        stack_push(env, &s, 8, env->segs[R_SS].selector);
        stack_push(env, &s, 8, old_esp);
    } else if (inner) {
        uint32_t esp;
        StackPtr old;

        x86_tss_stack(env, new_cpl, 0, &ss, &esp);
        x86_check_new_ss(env, ss, new_cpl, 0, false, &sse1, &sse2);
        stack_init(env, &s, desc_base(sse1, sse2), esp, stack_mask_of(sse2),
                   MMU_KERNEL_IDX);
        stack_push(env, &s, gsize, env->segs[R_SS].selector);
        stack_push(env, &s, gsize, old_esp);
        /* Copy the parameters, the deepest first, so they keep their
         * order on the new stack. */
        cur_stack(env, &old);
        old.mmu_idx = cpl == 3 ? MMU_USER_IDX : MMU_KERNEL_IDX;
        for (int i = params - 1; i >= 0; i--) {
            StackPtr p = old;

            p.sp += i * gsize;
            stack_push(env, &s, gsize, stack_pop(env, &p, gsize));
        }
    } else {
        cur_stack(env, &s);
    }
    stack_push(env, &s, gsize, env->segs[R_CS].selector);
    stack_push(env, &s, gsize, next_eip);
    x86_set_desc_accessed(env, gsel, &ce2);

    if (inner && lma) {
        x86_load_seg_null(env, R_SS, new_cpl);
        env->regs[R_ESP] = s.sp;
    } else if (inner) {
        x86_load_seg_desc(env, R_SS, (ss & 0xfffc) | new_cpl, sse1, sse2);
        env->regs[R_ESP] = stack_new_rsp(&s, old_esp);
    } else {
        env->regs[R_ESP] = stack_new_rsp(&s, old_esp);
    }
    x86_load_seg_desc(env, R_CS, (gsel & 0xfffc) | new_cpl, ce1, ce2);
    if (new_cpl != cpl) {
        x86_set_cpl(env, new_cpl);
    }
    env->eip = offset;
}

void x86_far_call(CPUX86State *env, uint32_t sel, uint64_t offset, int ot,
                  uint64_t next_eip)
{
    int size = 1 << ot, cpl = cpu_cpl(env), type;
    uint32_t e1, e2;
    StackPtr s;

    sel &= 0xffff;
    if (legacy_mode(env)) {
        if (offset > env->segs[R_CS].limit) {
            raise_exception_err(env, EXCP0D_GPF, 0);
        }
        cur_stack(env, &s);
        stack_push(env, &s, size, env->segs[R_CS].selector);
        stack_push(env, &s, size, next_eip);
        env->regs[R_ESP] = stack_new_rsp(&s, env->regs[R_ESP]);
        x86_load_seg_real(env, R_CS, sel);
        env->eip = offset;
        return;
    }
    if ((sel & 0xfffc) == 0) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    if (!x86_read_desc(env, sel, &e1, &e2)) {
        raise_exception_err(env, EXCP0D_GPF, sel & 0xfffc);
    }
    if (!desc_is_system(e2)) {
        check_direct_code(env, sel, e2);
        offset = check_target_eip(env, e1, e2, offset);
        cur_stack(env, &s);
        stack_push(env, &s, size, env->segs[R_CS].selector);
        stack_push(env, &s, size, next_eip);
        x86_set_desc_accessed(env, sel, &e2);
        env->regs[R_ESP] = stack_new_rsp(&s, env->regs[R_ESP]);
        x86_load_seg_desc(env, R_CS, (sel & 0xfffc) | cpl, e1, e2);
        env->eip = offset;
        return;
    }
    type = desc_type(e2);
    if (is_task_target(env, type)) {
        far_task(env, sel, e1, e2, TS_CALL, next_eip);
        return;
    }
    if (!is_call_gate(env, type)) {
        raise_exception_err(env, EXCP0D_GPF, sel & 0xfffc);
    }
    call_gate(env, sel, e1, e2, next_eip);
}

/*
 * The code segment RETF/IRET return to (SDM RET "protected mode"): RPL
 * >= CPL, conforming DPL <= RPL, non-conforming DPL = RPL.
 */
static void check_return_cs(CPUX86State *env, uint32_t cs, uint32_t *e1,
                            uint32_t *e2)
{
    int rpl = cs & 3, dpl;

    if ((cs & 0xfffc) == 0) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    if (!x86_read_desc(env, cs, e1, e2) || !desc_is_code(*e2) ||
        rpl < cpu_cpl(env)) {
        raise_exception_err(env, EXCP0D_GPF, cs & 0xfffc);
    }
    dpl = desc_dpl(*e2);
    if ((*e2 & DESC_C_MASK) ? dpl > rpl : dpl != rpl) {
        raise_exception_err(env, EXCP0D_GPF, cs & 0xfffc);
    }
    if (!(*e2 & DESC_P_MASK)) {
        raise_exception_err(env, EXCP0B_NOSEG, cs & 0xfffc);
    }
    if ((env->hflags & HF_LMA) && (*e2 & DESC_L_MASK) &&
        (*e2 & DESC_B_MASK)) {
        raise_exception_err(env, EXCP0D_GPF, cs & 0xfffc);
    }
}

/*
 * The SS of a return to an outer level (or of IRET in 64-bit mode):
 * null only for a 64-bit target at CPL < 3.  Returns true for null.
 */
static bool check_return_ss(CPUX86State *env, uint32_t ss, int rpl,
                            uint32_t cs_e2, uint32_t *e1, uint32_t *e2)
{
    if ((ss & 0xfffc) == 0 && target_is_64(env, cs_e2) && rpl != 3) {
        return true;
    }
    x86_check_new_ss(env, ss, rpl, 0, true, e1, e2);
    return false;
}

/*
 * The common tail of RETF and IRET in protected mode: install CS and,
 * for an outer return, SS:ESP; new_esp is the popped ESP (outer) and
 * s the stack past the frame (same level).
 */
static void return_commit(CPUX86State *env, uint32_t cs, uint32_t ce1,
                          uint32_t ce2, bool outer, uint32_t ss,
                          bool ss_null, uint32_t sse1, uint32_t sse2,
                          uint64_t new_esp, const StackPtr *s)
{
    int cpl = cpu_cpl(env), rpl = cs & 3;

    /* The accessed bits are written (and may fault) before anything
     * changes. */
    x86_set_desc_accessed(env, cs, &ce2);
    if (outer && !ss_null) {
        x86_set_desc_accessed(env, ss, &sse2);
    }
    x86_load_seg_desc(env, R_CS, cs, ce1, ce2);
    if (!outer) {
        env->regs[R_ESP] = stack_new_rsp(s, env->regs[R_ESP]);
        return;
    }
    if (ss_null) {
        x86_load_seg_null(env, R_SS, rpl);
    } else {
        x86_load_seg_desc(env, R_SS, ss, sse1, sse2);
    }
    {
        uint64_t mask = target_is_64(env, ce2) ? ~0ull
                        : stack_mask_of(sse2);

        env->regs[R_ESP] = (env->regs[R_ESP] & ~mask) | (new_esp & mask);
    }
    if (rpl != cpl) {
        x86_set_cpl(env, rpl);
        x86_invalidate_data_segs(env, rpl);
    }
}

void x86_far_ret(CPUX86State *env, int ot, uint32_t imm)
{
    int size = 1 << ot, cpl = cpu_cpl(env), rpl;
    uint32_t cs, ce1, ce2, ss = 0, sse1 = 0, sse2 = 0;
    uint64_t eip, new_esp = 0;
    bool outer, ss_null = false;
    StackPtr s;

    cur_stack(env, &s);
    eip = stack_pop(env, &s, size);
    cs = stack_pop(env, &s, size) & 0xffff;
    if (legacy_mode(env)) {
        if (eip > env->segs[R_CS].limit) {
            raise_exception_err(env, EXCP0D_GPF, 0);
        }
        s.sp += imm;
        env->regs[R_ESP] = stack_new_rsp(&s, env->regs[R_ESP]);
        x86_load_seg_real(env, R_CS, cs);
        env->eip = eip;
        return;
    }
    check_return_cs(env, cs, &ce1, &ce2);
    rpl = cs & 3;
    outer = rpl > cpl;
    s.sp += imm;
    if (outer) {
        new_esp = stack_pop(env, &s, size);
        ss = stack_pop(env, &s, size) & 0xffff;
        ss_null = check_return_ss(env, ss, rpl, ce2, &sse1, &sse2);
        new_esp += imm;
    }
    eip = check_target_eip(env, ce1, ce2, eip);
    return_commit(env, cs, ce1, ce2, outer, ss, ss_null, sse1, sse2,
                  new_esp, &s);
    env->eip = eip;
}

/* IRET with NT = 1: return to the task in the back link (SDM 7.3). */
static void iret_task(CPUX86State *env, uint64_t next_eip)
{
    uint32_t link, e1, e2;
    int type;

    if (env->tr.limit < 1) {
        raise_exception_err(env, EXCP0A_TSS, env->tr.selector & 0xfffc);
    }
    link = cpu_lduw_mmu(env, env->tr.base, MMU_KERNEL_IDX);
    if ((link & 4) || !x86_read_desc(env, link, &e1, &e2)) {
        raise_exception_err(env, EXCP0A_TSS, link & 0xfffc);
    }
    type = desc_type(e2);
    if (!desc_is_system(e2) ||
        (type != SYS_TSS16_BUSY && type != SYS_TSS32_BUSY)) {
        raise_exception_err(env, EXCP0A_TSS, link & 0xfffc);
    }
    if (!(e2 & DESC_P_MASK)) {
        raise_exception_err(env, EXCP0B_NOSEG, link & 0xfffc);
    }
    x86_task_switch(env, link, e1, e2, TS_IRET, next_eip, 0);
}

/* IRET from protected mode to virtual-8086 mode (SDM IRET
 * "RETURN-TO-VIRTUAL-8086-MODE"). */
static void iret_to_v86(CPUX86State *env, StackPtr *s, uint64_t eip,
                        uint32_t cs, uint64_t eflags)
{
    uint32_t esp, ss, es, ds, fs, gs;

    esp = stack_pop(env, s, 4);
    ss = stack_pop(env, s, 4) & 0xffff;
    es = stack_pop(env, s, 4) & 0xffff;
    ds = stack_pop(env, s, 4) & 0xffff;
    fs = stack_pop(env, s, 4) & 0xffff;
    gs = stack_pop(env, s, 4) & 0xffff;

    cpu_load_eflags(env, eflags, ~0ull);
    x86_load_seg_real(env, R_CS, cs);
    x86_load_seg_real(env, R_SS, ss);
    x86_load_seg_real(env, R_ES, es);
    x86_load_seg_real(env, R_DS, ds);
    x86_load_seg_real(env, R_FS, fs);
    x86_load_seg_real(env, R_GS, gs);
    env->regs[R_ESP] = esp;
    x86_set_cpl(env, 3);
    env->eip = eip & 0xffff;
}

void x86_iret(CPUX86State *env, int ot, uint64_t next_eip)
{
    int size = 1 << ot, cpl = cpu_cpl(env), rpl;
    int iopl = (env->eflags & IOPL_MASK) >> 12;
    uint32_t cs, ce1, ce2, ss = 0, sse1 = 0, sse2 = 0;
    uint64_t eip, eflags, mask, new_esp = 0;
    bool outer, ss_null = false;
    StackPtr s;

    if ((env->hflags & HF_PE) && !(env->eflags & VM_MASK) &&
        (env->eflags & NT_MASK)) {
        if (env->hflags & HF_LMA) {
            raise_exception_err(env, EXCP0D_GPF, 0);
        }
        iret_task(env, next_eip);
        env->hflags &= ~HF_NMI_BLOCKED;
        return;
    }
    if ((env->eflags & VM_MASK) && iopl != 3) {
        raise_exception_err(env, EXCP0D_GPF, 0);
    }
    cur_stack(env, &s);
    eip = stack_pop(env, &s, size);
    cs = stack_pop(env, &s, size) & 0xffff;
    eflags = stack_pop(env, &s, size);

    if (legacy_mode(env)) {
        mask = TF_MASK | AC_MASK | ID_MASK | IF_MASK | DF_MASK | NT_MASK |
               RF_MASK | CC_MASK;
        if (!(env->eflags & VM_MASK)) {
            mask |= IOPL_MASK;
        }
        if (size == 2) {
            mask &= 0xffff;
        }
        if (eip > env->segs[R_CS].limit) {
            raise_exception_err(env, EXCP0D_GPF, 0);
        }
        env->regs[R_ESP] = stack_new_rsp(&s, env->regs[R_ESP]);
        cpu_load_eflags(env, eflags, mask);
        x86_load_seg_real(env, R_CS, cs);
        env->eip = eip;
        env->hflags &= ~HF_NMI_BLOCKED;
        return;
    }
    if (size == 4 && (eflags & VM_MASK) && cpl == 0 &&
        !(env->hflags & HF_LMA)) {
        iret_to_v86(env, &s, eip, cs, eflags);
        env->hflags &= ~HF_NMI_BLOCKED;
        return;
    }
    check_return_cs(env, cs, &ce1, &ce2);
    rpl = cs & 3;
    outer = rpl > cpl || (env->hflags & HF_CS64);
    if (outer) {
        new_esp = stack_pop(env, &s, size);
        ss = stack_pop(env, &s, size) & 0xffff;
        ss_null = check_return_ss(env, ss, rpl, ce2, &sse1, &sse2);
    }
    eip = check_target_eip(env, ce1, ce2, eip);

    mask = TF_MASK | AC_MASK | ID_MASK | RF_MASK | NT_MASK | DF_MASK |
           CC_MASK;
    if (cpl == 0) {
        mask |= IOPL_MASK | VIF_MASK | VIP_MASK;
    }
    if (cpl <= iopl) {
        mask |= IF_MASK;
    }
    if (size == 2) {
        mask &= 0xffff;
    }
    return_commit(env, cs, ce1, ce2, outer, ss, ss_null, sse1, sse2,
                  new_esp, &s);
    cpu_load_eflags(env, eflags, mask);
    env->eip = eip;
    env->hflags &= ~HF_NMI_BLOCKED;
}
