/*
 * log-helper.c: the software CPU's lines in the debug log (-d int), in
 * the reference's format so that logs can be compared side by side:
 *
 *      N: v=VV e=EEEE i=I cpl=C IP=CCCC:RIP pc=LINEAR SP=SSSS:RSP X=...
 *
 * followed by the register dump with the lazy flags line.  N counts the
 * logged events of the process; X is "CR2=" for a page fault and
 * "env->regs[R_EAX]=" otherwise (the reference's literal text).  As in
 * the reference, events in real mode (CR0.PE clear) are not logged.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/tcg-cpu.h"
#include "qemu/log.h"

void x86_log_interrupt(CPUX86State *env, int intno, int is_int,
                       int error_code, uint64_t next_eip, bool is_hw)
{
    static int count;
    uint64_t pc, saved;

    if (!qemu_loglevel_mask(CPU_LOG_INT) || !(env->cr[0] & CR0_PE_MASK)) {
        return;
    }
    /* The reference adds the CS base as a signed 32-bit value. */
    pc = (uint64_t)(int64_t)(int32_t)env->segs[R_CS].base + env->eip;
    qemu_log_lock();
    qemu_log("%6d: v=%02x e=%04x i=%d cpl=%d IP=%04x:%016" PRIx64
             " pc=%016" PRIx64 " SP=%04x:%016" PRIx64,
             count, intno, error_code, is_int,
             (int)(env->hflags & HF_CPL_MASK), env->segs[R_CS].selector,
             env->eip, pc, env->segs[R_SS].selector, env->regs[R_ESP]);
    if (intno == 0x0e) {
        qemu_log(" CR2=%016" PRIx64 "\n", env->cr[2]);
    } else {
        qemu_log(" env->regs[R_EAX]=%016" PRIx64 "\n", env->regs[R_EAX]);
    }
    /* The arithmetic flags live in the lazy state while the CPU runs:
     * show the architectural EFLAGS, leaving the state as it was. */
    saved = env->eflags;
    env->eflags = cpu_compute_eflags(env);
    x86_cpu_log_state(CPU(env_archcpu(env)), CPU_DUMP_CCOP);
    env->eflags = saved;
    qemu_log_unlock();
    count++;
}

void x86_log_check_exception(CPUX86State *env, int intno)
{
    qemu_log_mask(CPU_LOG_INT, "check_exception old: 0x%x new 0x%x\n",
                  env->old_exception, intno);
}
