/*
 * cputlb.c: the software CPU's TLB and its slow paths.
 *
 * Each vCPU has one direct-mapped table per MMU index (tcg-cpu.h).  An
 * entry's three tags (read, write, code) hold the linear page address
 * when that access may use the host pointer directly; low tag bits send
 * an access to the slow path here: TLB_MMIO (not plain RAM: device
 * dispatch through the memory API, or ROM writes), TLB_NOTDIRTY (RAM
 * holding decoded code: the write invalidates those TBs first).
 *
 * Guest-physical RAM is found through a small per-vCPU cache of flat-view
 * ranges (tcg_phys_ram()), so page walks and fills do not take the big
 * lock.  A memory listener bumps a generation number on every change of
 * the memory map, which empties those caches and flushes every TLB, and
 * drops the TBs decoded from ranges that changed.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/tcg-cpu.h"
#include "target/i386/tcg/smm.h"
#include "exec/memory.h"
#include "qemu/main-loop.h"

static unsigned phys_generation = 1;

/* ---- guest-physical RAM lookup ---- */

uint8_t *tcg_phys_ram(CPUX86State *env, uint64_t pa, unsigned size,
                      uint32_t *flags)
{
    X86TCGState *t = env->tcg;
    /* The cache holds one view: the memory map's generation and SMM. */
    unsigned gen = (__atomic_load_n(&phys_generation, __ATOMIC_ACQUIRE) << 1) |
                   env->smm;
    MemoryRegionSection sec;
    TCGPhysRange *r;
    bool locked;
    int i;

    if (t->phys_gen != gen) {
        memset(t->phys_cache, 0, sizeof(t->phys_cache));
        t->phys_gen = gen;
    }
    for (i = 0; i < TCG_PHYS_CACHE; i++) {
        r = &t->phys_cache[i];
        if (pa >= r->start && pa + size <= r->end) {
            if (flags) {
                *flags = r->flags;
            }
            return (uint8_t *)(r->host + (pa - r->start));
        }
    }

    locked = qemu_mutex_iothread_locked();
    if (!locked) {
        qemu_mutex_lock_iothread();
    }
    sec = address_space_find(x86_cpu_phys_as(env), pa);
    if (!sec.mr || (sec.mr->kind != MR_RAM && sec.mr->kind != MR_ROM) ||
        !sec.mr->ram_ptr || pa + size > sec.offset_within_address_space +
                                        (uint64_t)sec.size) {
        if (!locked) {
            qemu_mutex_unlock_iothread();
        }
        return NULL;
    }
    r = &t->phys_cache[t->phys_next++ % TCG_PHYS_CACHE];
    r->start = sec.offset_within_address_space;
    r->end = r->start + (uint64_t)sec.size;
    r->host = (uintptr_t)sec.mr->ram_ptr + sec.offset_within_region;
    r->flags = 0;
    if (sec.readonly || sec.mr->kind == MR_ROM) {
        r->flags |= TCG_PHYS_READONLY;
    }
    if (sec.mr->rom_device || sec.mr->dirty_log_mask) {
        r->flags |= TCG_PHYS_SLOWWRITE;
    }
    if (!locked) {
        qemu_mutex_unlock_iothread();
    }
    if (flags) {
        *flags = r->flags;
    }
    return (uint8_t *)(r->host + (pa - r->start));
}

/* ---- filling and flushing ---- */

static inline CPUTLBEntryFull *tlb_full(CPUX86State *env, int mmu_idx,
                                        uint64_t la)
{
    return &env->tcg->tlb_full[mmu_idx][(la >> TARGET_PAGE_BITS) &
                                        (CPU_TLB_SIZE - 1)];
}

void tlb_set_page(CPUX86State *env, uint64_t la, uint64_t pa, int prot,
                  int mmu_idx, bool global)
{
    CPUTLBEntry *e = tlb_entry(env, mmu_idx, la);
    CPUTLBEntryFull *full = tlb_full(env, mmu_idx, la);
    uint64_t page = la & TARGET_PAGE_MASK;
    uint64_t pa_page = pa & TARGET_PAGE_MASK;
    uint32_t flags = 0;
    uint8_t *host = tcg_phys_ram(env, pa_page, TARGET_PAGE_SIZE, &flags);
    uint64_t mmio = host ? 0 : TLB_MMIO;
    uint64_t wflags = mmio;

    if (host && (flags & (TCG_PHYS_READONLY | TCG_PHYS_SLOWWRITE))) {
        wflags |= TLB_MMIO;
    }
    if (host && tb_page_has_code(pa_page)) {
        wflags |= TLB_NOTDIRTY;
    }
    full->phys = pa_page;
    full->global = global;
    e->addend = host ? (uintptr_t)host - page : 0;
    if (mmu_idx == MMU_USER_AC_IDX) {
        /* Data accesses check their alignment in the slow path. */
        e->addr_read = (prot & PAGE_READ) ? page | mmio | TLB_ACHECK
                                          : TLB_INVALID;
        e->addr_code = (prot & PAGE_EXEC) ? page | mmio : TLB_INVALID;
        e->addr_write = (prot & PAGE_WRITE) ? page | wflags | TLB_ACHECK
                                            : TLB_INVALID;
        return;
    }
    e->addr_read = (prot & PAGE_READ) ? page | mmio : TLB_INVALID;
    e->addr_code = (prot & PAGE_EXEC) ? page | mmio : TLB_INVALID;
    __atomic_store_n(&e->addr_write,
                     (prot & PAGE_WRITE) ? page | wflags : TLB_INVALID,
                     __ATOMIC_RELAXED);
    /*
     * Pairs with tlb_protect_code(): either it sees this entry, or this
     * sees the page marked as code.
     */
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (host && (prot & PAGE_WRITE) && !(wflags & TLB_NOTDIRTY) &&
        tb_page_has_code(pa_page)) {
        __atomic_fetch_or(&e->addr_write, TLB_NOTDIRTY, __ATOMIC_SEQ_CST);
    }
}

static void tlb_jmp_cache_clear(CPUX86State *env)
{
    memset(env->tcg->jmp_cache, 0, sizeof(env->tcg->jmp_cache));
    env->tcg->chain_ok = 0;
}

void tlb_flush(CPUX86State *env)
{
    X86TCGState *t = env->tcg;

    if (!t) {
        return;
    }
    memset(t->tlb, 0xff, sizeof(t->tlb));
    memset(t->tlb_full, 0, sizeof(t->tlb_full));
    tlb_jmp_cache_clear(env);
}

void tlb_flush_nonglobal(CPUX86State *env)
{
    X86TCGState *t = env->tcg;
    int idx, i;

    if (!t) {
        return;
    }
    for (idx = 0; idx < NB_MMU_MODES; idx++) {
        for (i = 0; i < CPU_TLB_SIZE; i++) {
            if (!t->tlb_full[idx][i].global) {
                memset(&t->tlb[idx][i], 0xff, sizeof(CPUTLBEntry));
            }
        }
    }
    tlb_jmp_cache_clear(env);
}

void tlb_flush_page(CPUX86State *env, uint64_t la)
{
    X86TCGState *t = env->tcg;
    uint64_t page = la & TARGET_PAGE_MASK;
    int idx;

    if (!t) {
        return;
    }
    for (idx = 0; idx < NB_MMU_MODES; idx++) {
        CPUTLBEntry *e = tlb_entry(env, idx, la);

        if ((e->addr_read & TARGET_PAGE_MASK) == page ||
            (e->addr_write & TARGET_PAGE_MASK) == page ||
            (e->addr_code & TARGET_PAGE_MASK) == page) {
            memset(e, 0xff, sizeof(*e));
            tlb_full(env, idx, la)->global = false;
        }
    }
    /* TBs are looked up by linear address: forget the page's. */
    tlb_jmp_cache_clear(env);
}

/*
 * Make every vCPU's writes to guest-physical page pa_page take the slow
 * path (the page now holds decoded code).
 */
void tlb_protect_code(uint64_t pa_page)
{
    CPUState *cs;

    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    CPU_FOREACH(cs) {
        X86TCGState *t = X86_CPU(cs)->env.tcg;
        int idx, i;

        if (!t) {
            continue;
        }
        for (idx = 0; idx < NB_MMU_MODES; idx++) {
            for (i = 0; i < CPU_TLB_SIZE; i++) {
                CPUTLBEntry *e = &t->tlb[idx][i];
                uint64_t w = __atomic_load_n(&e->addr_write,
                                             __ATOMIC_RELAXED);

                if (!(w & (TLB_INVALID | TLB_MMIO | TLB_NOTDIRTY)) &&
                    t->tlb_full[idx][i].phys == pa_page) {
                    __atomic_fetch_or(&e->addr_write, TLB_NOTDIRTY,
                                      __ATOMIC_SEQ_CST);
                }
            }
        }
    }
}

void tlb_flush_all_cpus(void)
{
    CPUState *cs;

    CPU_FOREACH(cs) {
        X86TCGState *t = X86_CPU(cs)->env.tcg;

        if (t) {
            __atomic_store_n(&t->flush_pending, 1, __ATOMIC_SEQ_CST);
            qemu_cpu_kick(cs);
        }
    }
}

/* ---- slow paths ---- */

/* The entry for la, filled for access if it does not translate la. */
static CPUTLBEntry *tlb_fill_entry(CPUX86State *env, uint64_t la, int access,
                                   int mmu_idx)
{
    CPUTLBEntry *e = tlb_entry(env, mmu_idx, la);
    uint64_t page = la & TARGET_PAGE_MASK;
    uint64_t tag = access == 1 ? e->addr_write
                   : access == 2 ? e->addr_code : e->addr_read;

    if ((tag & ~(TLB_MMIO | TLB_NOTDIRTY | TLB_ACHECK)) != page) {
        x86_tlb_fill(env, la, access, mmu_idx, false);
        e = tlb_entry(env, mmu_idx, la);
    }
    return e;
}

/* #AC(0) for a misaligned access with alignment checking on (SDM 6.15). */
static inline void check_align(CPUX86State *env, uint64_t la, unsigned size,
                               int mmu_idx)
{
    if (mmu_idx == MMU_USER_AC_IDX && (la & (size - 1))) {
        raise_exception_err(env, EXCP11_ALGN, 0);
    }
}

uint64_t cpu_ld_slow(CPUX86State *env, uint64_t la, unsigned size,
                     int mmu_idx)
{
    CPUTLBEntry *e;
    uint64_t v = 0;

    check_align(env, la, size, mmu_idx);

    if (!same_page(la, size)) {
        unsigned i;

        /* Both pages first, so a fault leaves nothing half done. */
        tlb_fill_entry(env, la, 0, mmu_idx);
        tlb_fill_entry(env, la + size - 1, 0, mmu_idx);
        for (i = 0; i < size; i++) {
            v |= (uint64_t)cpu_ldub_mmu(env, la + i, mmu_idx) << (8 * i);
        }
        return v;
    }
    e = tlb_fill_entry(env, la, 0, mmu_idx);
    if (e->addr_read & TLB_MMIO) {
        CPUTLBEntryFull *full = tlb_full(env, mmu_idx, la);

        address_space_load(x86_cpu_phys_as(env),
                           full->phys | (la & ~TARGET_PAGE_MASK), size, &v);
        return v;
    }
    memcpy(&v, (void *)(uintptr_t)(la + e->addend), size);
    return v;
}

void cpu_st_slow(CPUX86State *env, uint64_t la, uint64_t val, unsigned size,
                 int mmu_idx)
{
    X86TCGState *t = env->tcg;
    CPUTLBEntry *e;
    CPUTLBEntryFull *full;
    uint64_t pa;

    check_align(env, la, size, mmu_idx);
    if (!same_page(la, size)) {
        unsigned i;

        tlb_fill_entry(env, la, 1, mmu_idx);
        tlb_fill_entry(env, la + size - 1, 1, mmu_idx);
        for (i = 0; i < size; i++) {
            cpu_stb_mmu(env, la + i, val >> (8 * i), mmu_idx);
        }
        return;
    }
    e = tlb_fill_entry(env, la, 1, mmu_idx);
    full = tlb_full(env, mmu_idx, la);
    pa = full->phys | (la & ~TARGET_PAGE_MASK);
    if (e->addr_write & TLB_MMIO) {
        address_space_store(x86_cpu_phys_as(env), pa, size, val);
        return;
    }
    if (e->addr_write & TLB_NOTDIRTY) {
        tb_invalidate_phys_range(pa, size);
        if (t->current_tb && t->current_tb->invalid) {
            /* This TB overwrote itself: stop after this instruction. */
            tb_stop(t->current_tb);
        }
        memcpy((void *)(uintptr_t)(la + e->addend), &val, size);
        if (!tb_page_has_code(full->phys)) {
            __atomic_fetch_and(&e->addr_write, ~TLB_NOTDIRTY,
                               __ATOMIC_SEQ_CST);
        }
        return;
    }
    memcpy((void *)(uintptr_t)(la + e->addend), &val, size);
}

void *cpu_rw_ptr(CPUX86State *env, uint64_t la, unsigned size, int mmu_idx)
{
    CPUTLBEntry *e;

    if (!same_page(la, size)) {
        return NULL;
    }
    e = tlb_fill_entry(env, la, 1, mmu_idx);
    if (e->addr_write & (TLB_MMIO | TLB_NOTDIRTY | TLB_ACHECK)) {
        return NULL;
    }
    return (void *)(uintptr_t)(la + e->addend);
}

void cpu_probe_write(CPUX86State *env, uint64_t la, unsigned size,
                     int mmu_idx)
{
    tlb_fill_entry(env, la, 1, mmu_idx);
    if (size > 1 && !same_page(la, size)) {
        tlb_fill_entry(env, la + size - 1, 1, mmu_idx);
    }
}

/* ---- following the memory map ---- */

static void tcg_listener_range(MemoryListener *l, MemoryRegionSection *s)
{
    (void)l;
    if (s->mr && (s->mr->kind == MR_RAM || s->mr->kind == MR_ROM)) {
        tb_invalidate_phys_range(s->offset_within_address_space,
                                 (uint64_t)s->size);
    }
}

static void tcg_listener_commit(MemoryListener *l)
{
    (void)l;
    __atomic_add_fetch(&phys_generation, 1, __ATOMIC_SEQ_CST);
    tlb_flush_all_cpus();
}

static MemoryListener tcg_memory_listener = {
    .region_add = tcg_listener_range,
    .region_del = tcg_listener_range,
    .commit = tcg_listener_commit,
    .priority = 10,
    .name = "tcg",
};

void tcg_memory_listener_register(void)
{
    memory_listener_register(&tcg_memory_listener, &address_space_memory);
}
