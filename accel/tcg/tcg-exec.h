/*
 * tcg-exec.h: the software CPU's executor, between accel/tcg files.
 *
 * tcg_cpu_exec() runs a vCPU until it halts, is asked to stop, or has
 * work for its thread (accel/tcg/cpu-exec.c).  Exclusive sections stop
 * every other vCPU at a TB boundary (code cache flush).
 */
#ifndef ACCEL_TCG_TCG_EXEC_H
#define ACCEL_TCG_TCG_EXEC_H

#include "hw/core/cpu.h"

/* Run cs (in its thread); returns the EXCP_* reason it stopped. */
int tcg_cpu_exec(CPUState *cs);
/*
 * Wait until every other vCPU is outside tcg_cpu_exec(), and keep them
 * out until tcg_exclusive_end().  Callable from a vCPU thread inside the
 * executor or from any other thread.
 */
void tcg_exclusive_start(void);
void tcg_exclusive_end(void);
/* The code cache (tb-cache.c): size_mb MiB (0: the default, 512). */
void tb_cache_init(int64_t size_mb);
/* Bumped by every code cache flush (remembered TB pointers die). */
extern unsigned tb_flush_gen;
static inline unsigned tb_flush_generation(void)
{
    return __atomic_load_n(&tb_flush_gen, __ATOMIC_ACQUIRE);
}
/* Registers -> software CPU form (lazy flags, hflags) and back. */
void tcg_import_state(CPUState *cs);
void tcg_export_state(CPUState *cs);

#endif
