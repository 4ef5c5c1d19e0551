/*
 * cpu-exec.c: the software CPU's executor.
 *
 * tcg_cpu_exec() alternates between two things until the vCPU halts or
 * its thread has something else to do:
 * - at a TB boundary, look at requests: another thread asked to leave
 *   (exit_request: stop, queued work), an exclusive section, a TLB flush,
 *   interrupts (INIT, SIPI, NMI, external through the PIC/APIC when
 *   EFLAGS.IF allows and no interrupt shadow is active);
 * - look up the TB at CS:EIP and run its instructions.
 * Faults unwind here by siglongjmp (raise_exception*()) and are delivered
 * through the IDT before the loop goes on.  A single-stepped instruction
 * (EFLAGS.TF) runs as a TB of its own and is followed by a #DB trap.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/tcg-cpu.h"
#include "target/i386/tcg/smm.h"
#include "tcg-exec.h"
#include "hw/i386/apic.h"
#include "qemu/main-loop.h"

/* ---- exclusive sections ---- */

static GMutex excl_lock;
static GCond excl_cond;
static int excl_running;        /* vCPUs inside tcg_cpu_exec() */
static int excl_pending;
static __thread bool excl_inside;

static void exec_enter(void)
{
    g_mutex_lock(&excl_lock);
    while (excl_pending) {
        g_cond_wait(&excl_cond, &excl_lock);
    }
    excl_running++;
    excl_inside = true;
    g_mutex_unlock(&excl_lock);
}

static void exec_leave(void)
{
    g_mutex_lock(&excl_lock);
    excl_running--;
    excl_inside = false;
    g_cond_broadcast(&excl_cond);
    g_mutex_unlock(&excl_lock);
}

void tcg_exclusive_start(void)
{
    CPUState *cs;

    g_mutex_lock(&excl_lock);
    while (excl_pending) {
        /* Someone else's section first (we count as outside meanwhile). */
        if (excl_inside) {
            excl_running--;
            g_cond_broadcast(&excl_cond);
        }
        g_cond_wait(&excl_cond, &excl_lock);
        if (excl_inside) {
            excl_running++;
        }
    }
    __atomic_store_n(&excl_pending, 1, __ATOMIC_SEQ_CST);
    if (excl_inside) {
        excl_running--;
    }
    g_mutex_unlock(&excl_lock);
    CPU_FOREACH(cs) {
        if (!qemu_cpu_is_self(cs)) {
            qemu_cpu_kick(cs);
        }
    }
    g_mutex_lock(&excl_lock);
    while (excl_running > 0) {
        g_cond_wait(&excl_cond, &excl_lock);
    }
    g_mutex_unlock(&excl_lock);
}

void tcg_exclusive_end(void)
{
    g_mutex_lock(&excl_lock);
    __atomic_store_n(&excl_pending, 0, __ATOMIC_SEQ_CST);
    if (excl_inside) {
        excl_running++;
    }
    g_cond_broadcast(&excl_cond);
    g_mutex_unlock(&excl_lock);
}

/* ---- register state ---- */

void tcg_import_state(CPUState *cs)
{
    CPUX86State *env = &X86_CPU(cs)->env;

    set_eflags_cc(env, env->eflags);
    env->eflags = (env->eflags & ~(uint64_t)CC_MASK) | 2;
    x86_update_hflags(env);
    tlb_flush(env);
}

void tcg_export_state(CPUState *cs)
{
    CPUX86State *env = &X86_CPU(cs)->env;
    uint64_t fl = cpu_compute_eflags(env);

    env->eflags = fl;
    set_eflags_cc(env, fl);
}

/* ---- requests between TBs ---- */

static void do_init(CPUState *cs)
{
    qemu_mutex_lock_iothread();
    x86_cpu_do_init(cs);
    qemu_mutex_unlock_iothread();
    tcg_import_state(cs);
    /* An AP now waits for a SIPI; nothing else wakes it. */
    X86_CPU(cs)->env.wait_sipi = cs->halted;
}

/*
 * An AP in the wait-for-SIPI state: take INIT and SIPI only.  Returns
 * true when the CPU starts running.
 */
static bool wait_sipi_requests(CPUState *cs, CPUX86State *env)
{
    uint32_t req = __atomic_load_n(&cs->interrupt_request, __ATOMIC_ACQUIRE);

    if (req & CPU_INTERRUPT_INIT) {
        cpu_reset_interrupt(cs, CPU_INTERRUPT_INIT);
        do_init(cs);
    }
    if (req & CPU_INTERRUPT_SIPI) {
        int vector;

        qemu_mutex_lock_iothread();
        vector = apic_sipi(cpu_get_apic(cs));
        qemu_mutex_unlock_iothread();
        cpu_reset_interrupt(cs, CPU_INTERRUPT_SIPI);
        if (vector >= 0) {
            x86_cpu_do_sipi(cs, vector);
            tcg_import_state(cs);
            env->wait_sipi = false;
            return true;
        }
    }
    return false;
}

/*
 * Handle what is pending; returns an EXCP_* reason to leave the executor,
 * or 0 to run the next TB.
 */
static int handle_requests_slow(CPUState *cs, CPUX86State *env)
{
    X86TCGState *t = env->tcg;
    uint32_t req;

    if (__atomic_load_n(&cs->exit_request, __ATOMIC_ACQUIRE)) {
        return EXCP_INTERRUPT;
    }
    if (__atomic_load_n(&excl_pending, __ATOMIC_ACQUIRE)) {
        exec_leave();
        exec_enter();
    }
    if (__atomic_load_n(&t->flush_pending, __ATOMIC_ACQUIRE)) {
        __atomic_store_n(&t->flush_pending, 0, __ATOMIC_SEQ_CST);
        tlb_flush(env);
    }
    req = __atomic_load_n(&cs->interrupt_request, __ATOMIC_ACQUIRE);
    if (!req) {
        if (env->hflags & HF_INHIBIT_IRQ) {
            env->hflags &= ~HF_INHIBIT_IRQ;
        }
        return 0;
    }
    if (req & CPU_INTERRUPT_POLL) {
        cpu_reset_interrupt(cs, CPU_INTERRUPT_POLL);
        qemu_mutex_lock_iothread();
        apic_poll_irq(cpu_get_apic(cs));
        qemu_mutex_unlock_iothread();
    }
    if (req & CPU_INTERRUPT_INIT) {
        cpu_reset_interrupt(cs, CPU_INTERRUPT_INIT);
        do_init(cs);
        if (cs->halted) {
            return EXCP_HALTED;
        }
    }
    if (req & CPU_INTERRUPT_SIPI) {
        int vector;

        qemu_mutex_lock_iothread();
        vector = apic_sipi(cpu_get_apic(cs));
        qemu_mutex_unlock_iothread();
        cpu_reset_interrupt(cs, CPU_INTERRUPT_SIPI);
        if (vector >= 0) {
            x86_cpu_do_sipi(cs, vector);
            tcg_import_state(cs);
        }
    }
    if (env->hflags & HF_INHIBIT_IRQ) {
        /* One instruction runs before an interrupt can come in. */
        env->hflags &= ~HF_INHIBIT_IRQ;
        return 0;
    }
    req = __atomic_load_n(&cs->interrupt_request, __ATOMIC_ACQUIRE);
    if ((req & CPU_INTERRUPT_SMI) && !env->smm) {
        /* An SMI outranks NMI and INTR; it waits for RSM inside SMM. */
        cpu_reset_interrupt(cs, CPU_INTERRUPT_SMI);
        x86_do_smm_enter(env);
    } else if ((req & CPU_INTERRUPT_NMI) && !(env->hflags & HF_NMI_BLOCKED)) {
        cpu_reset_interrupt(cs, CPU_INTERRUPT_NMI);
        x86_do_nmi(env);
    } else if ((req & CPU_INTERRUPT_HARD) && (env->eflags & IF_MASK)) {
        int vector;

        cpu_reset_interrupt(cs, CPU_INTERRUPT_HARD);
        qemu_mutex_lock_iothread();
        vector = cpu_get_pic_interrupt(cs);
        qemu_mutex_unlock_iothread();
        if (vector >= 0) {
            x86_do_hw_interrupt(env, vector);
        }
    }
    return 0;
}

/*
 * Between TBs.  Every request from another thread (stop, work, a TLB
 * flush, an exclusive section, an interrupt) comes with a kick, which
 * sets exit_request; a pending interrupt stays in interrupt_request.  So
 * one look at both words is enough when nothing is going on.
 */
static inline int handle_requests(CPUState *cs, CPUX86State *env)
{
    if (__builtin_expect(!(__atomic_load_n(&cs->exit_request,
                                           __ATOMIC_RELAXED) |
                           __atomic_load_n(&cs->interrupt_request,
                                           __ATOMIC_RELAXED)), 1)) {
        if (__builtin_expect(env->hflags & HF_INHIBIT_IRQ, 0)) {
            env->hflags &= ~HF_INHIBIT_IRQ;
        }
        return 0;
    }
    return handle_requests_slow(cs, env);
}

/* Run a TB's instructions up to its terminating entry. */
static inline __attribute__((always_inline)) void tb_run(CPUX86State *env,
                                             const X86Insn *in)
{
    X86InsnFn fn;

    while ((fn = __atomic_load_n(&in->fn, __ATOMIC_RELAXED)) != NULL) {
        fn(env, in);
        in++;
    }
}

/* ---- the loop ---- */

/*
 * The TB that follows last at the current CS:EIP, if last remembers it.
 * A remembered successor is valid while no TLB flush happened since last
 * ran (t->chain_ok) and it starts on last's linear page (so it was decoded
 * from the page last came from under the same mapping).
 */
static inline TranslationBlock *tb_chained(CPUX86State *env,
                                           TranslationBlock *last)
{
    uint64_t cs_base = env->segs[R_CS].base, pc;
    uint32_t flags = env->hflags & TB_FLAGS_MASK;
    int i;

    if (env->hflags & HF_CS64) {
        cs_base = 0;
        pc = env->eip;
    } else {
        pc = (uint32_t)(cs_base + env->eip);
    }
    for (i = 0; i < 2; i++) {
        TranslationBlock *n = last->succ[i];

        if (n && n->pc == pc && n->cs_base == cs_base && n->flags == flags &&
            !n->invalid) {
            return n;
        }
    }
    return NULL;
}

static int exec_loop(CPUState *cs, CPUX86State *env)
{
    X86TCGState *t = env->tcg;
    TranslationBlock *last = NULL;
    unsigned flush_gen = tb_flush_generation();

    for (;;) {
        TranslationBlock *tb = NULL;
        int r;

        r = handle_requests(cs, env);
        if (r) {
            return r;
        }
        if (last && t->chain_ok && flush_gen == tb_flush_generation()) {
            tb = tb_chained(env, last);
        }
        if (!tb) {
            tb = tb_lookup(env);
            flush_gen = tb_flush_generation();
            if (last && t->chain_ok &&
                ((last->pc ^ tb->pc) & TARGET_PAGE_MASK) == 0) {
                last->succ[last->succ[0] ? 1 : 0] = tb;
            }
        }
        t->chain_ok = 1;
        /* Left set afterwards: only a store inside a TB looks at it, and
         * stopping a TB that is not running is harmless. */
        t->current_tb = tb;
        tb_run(env, tb->insns);
        last = tb;
        if (__builtin_expect(tb->flags & HF_TF, 0)) {
            /*
             * Single step: a #DB trap after the instruction (DR6.BS),
             * except right after MOV SS / POP SS, whose shadow holds it
             * until the next instruction is done (SDM vol. 3 6.8.3).
             */
            uint32_t shadow = env->hflags & HF_MOVSS_SHADOW;

            env->hflags &= ~HF_MOVSS_SHADOW;
            if (!shadow) {
                env->dr[6] |= 1 << 14;
                raise_interrupt(env, EXCP01_DB, 0, 0, env->eip);
            }
        } else if (__builtin_expect(env->hflags & HF_MOVSS_SHADOW, 0)) {
            env->hflags &= ~HF_MOVSS_SHADOW;
        }
    }
}

int tcg_cpu_exec(CPUState *cs)
{
    X86CPU *cpu = X86_CPU(cs);
    CPUX86State *env = &cpu->env;
    volatile int ret = 0;

    if (env->wait_sipi) {
        if (!wait_sipi_requests(cs, env)) {
            cs->halted = true;
            return EXCP_HALTED;
        }
    }
    if (cs->halted) {
        if (!cpu_has_work(cs)) {
            return EXCP_HALTED;
        }
        cs->halted = false;
    }
    exec_enter();
    __atomic_store_n(&cs->exit_request, false, __ATOMIC_SEQ_CST);
    if (cs->vcpu_dirty) {
        tcg_import_state(cs);
        cs->vcpu_dirty = false;
    }
    if (sigsetjmp(env->tcg->jmp_env, 0)) {
        int idx;

        env = &X86_CPU(cs)->env;
        env->tcg->current_tb = NULL;
        idx = cs->exception_index;
        cs->exception_index = -1;
        if (idx >= EXCP_INTERRUPT) {
            ret = idx;
            goto out;
        }
        cs->exception_index = idx;
        x86_cpu_do_interrupt(env);
        cs->exception_index = -1;
    }
    ret = handle_requests_slow(cs, env);
    if (!ret) {
        ret = exec_loop(cs, env);
    }
out:
    exec_leave();
    return ret;
}
