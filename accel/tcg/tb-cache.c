/*
 * tb-cache.c: the software CPU's cache of decoded code.
 *
 * Translation blocks (tcg-cpu.h) are shared by all vCPUs.  They live in
 * one arena (a large reserved mapping, filled from the start and emptied
 * all at once when full), are found through a hash table keyed by the
 * guest-physical address of their first byte plus (linear pc, CS base,
 * mode flags), and are listed per guest-physical page so that a write to
 * the page drops them.  Each vCPU also keeps a direct-mapped jump cache
 * by linear pc, emptied on every TLB flush (the linear-to-physical
 * mapping may have changed).
 *
 * Locking: tb_lock guards the hash table, the page lists and the arena.
 * Executing a TB takes no lock: invalidation only marks it (tb->invalid)
 * and unlinks it, and the arena is reset only while every vCPU is outside
 * the executor (tcg_exclusive_start()).
 *
 * Pages are tracked in a two-level table indexed by guest-physical page
 * number (40-bit physical addresses).
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/tcg-cpu.h"
#include "tcg-exec.h"
#include "exec/memory.h"
#include <sys/mman.h>

#define ARENA_DEFAULT_MB 512
#define HASH_BITS 16
#define PHYS_BITS 40
#define L2_BITS 14
#define L1_BITS (PHYS_BITS - TARGET_PAGE_BITS - L2_BITS)

typedef struct PageDesc {
    TranslationBlock *first;    /* low bit: which page slot of the TB */
} PageDesc;

static GMutex tb_lock;
static uint8_t *arena;
static size_t arena_size;
static size_t arena_used;
static TranslationBlock *hash_table[1 << HASH_BITS];
static PageDesc *l1_map[1 << L1_BITS];
static unsigned tb_count;
unsigned tb_flush_gen;

static PageDesc *page_find(uint64_t pa, bool alloc)
{
    uint64_t pn = pa >> TARGET_PAGE_BITS;
    uint64_t i1 = pn >> L2_BITS;
    PageDesc *l2;

    if (i1 >= (1u << L1_BITS)) {
        return NULL;
    }
    l2 = __atomic_load_n(&l1_map[i1], __ATOMIC_ACQUIRE);
    if (!l2) {
        if (!alloc) {
            return NULL;
        }
        l2 = g_new0(PageDesc, 1u << L2_BITS);
        __atomic_store_n(&l1_map[i1], l2, __ATOMIC_RELEASE);
    }
    return &l2[pn & ((1u << L2_BITS) - 1)];
}

bool tb_page_has_code(uint64_t pa)
{
    PageDesc *p = page_find(pa, false);

    return p && __atomic_load_n(&p->first, __ATOMIC_ACQUIRE) != NULL;
}

static inline unsigned tb_hash(uint64_t phys_pc, uint64_t pc, uint32_t flags)
{
    uint64_t h = phys_pc * 0x9e3779b97f4a7c15ull ^ (pc >> 3) ^ flags;

    return (h ^ (h >> 29)) & ((1u << HASH_BITS) - 1);
}

static inline unsigned jc_hash(uint64_t pc)
{
    return (((pc >> TARGET_PAGE_BITS) ^ (pc >> 20)) << 6 ^ pc) &
           (TB_JMP_CACHE_SIZE - 1);
}

static void arena_init(void)
{
    void *p = mmap(NULL, arena_size, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

    if (p == MAP_FAILED) {
        g_error("tcg: cannot reserve the code cache: %s", strerror(errno));
    }
    arena = p;
}

/* ---- invalidation (tb_lock held) ---- */

static void tb_unlink_page(TranslationBlock *tb, int n)
{
    PageDesc *p = page_find(tb->phys_page[n], false);
    TranslationBlock **pp, *cur;

    if (!p) {
        return;
    }
    pp = &p->first;
    while ((cur = (TranslationBlock *)((uintptr_t)*pp & ~1ul)) != NULL) {
        int slot = (uintptr_t)*pp & 1;

        if (cur == tb && slot == n) {
            __atomic_store_n(pp, cur->page_next[slot], __ATOMIC_RELEASE);
            return;
        }
        pp = &cur->page_next[slot];
    }
}

static void tb_unlink_hash(TranslationBlock *tb)
{
    unsigned h = tb_hash(tb->phys_page[0] | (tb->pc & ~TARGET_PAGE_MASK),
                         tb->pc, tb->flags);
    TranslationBlock **pp = &hash_table[h];

    while (*pp) {
        if (*pp == tb) {
            *pp = tb->hash_next;
            return;
        }
        pp = &(*pp)->hash_next;
    }
}

static void tb_invalidate_locked(TranslationBlock *tb)
{
    if (tb->invalid) {
        return;
    }
    __atomic_store_n(&tb->invalid, 1, __ATOMIC_RELEASE);
    tb_unlink_hash(tb);
    tb_unlink_page(tb, 0);
    if (tb->phys_page[1] != (uint64_t)-1) {
        tb_unlink_page(tb, 1);
    }
    tb_count--;
}

void tb_invalidate_phys_range(uint64_t pa, uint64_t len)
{
    uint64_t page, end = pa + len;

    if (!len) {
        return;
    }
    g_mutex_lock(&tb_lock);
    for (page = pa & TARGET_PAGE_MASK; page < end; page += TARGET_PAGE_SIZE) {
        PageDesc *p = page_find(page, false);
        TranslationBlock *cur;

        if (!p) {
            /* Skip the whole unallocated second-level table. */
            uint64_t span = TARGET_PAGE_SIZE << L2_BITS;

            if ((page >> TARGET_PAGE_BITS) >> L2_BITS >= (1u << L1_BITS)) {
                break;
            }
            page = (page & ~(span - 1)) + span - TARGET_PAGE_SIZE;
            continue;
        }
        while ((cur = (TranslationBlock *)((uintptr_t)p->first & ~1ul))) {
            tb_invalidate_locked(cur);
        }
    }
    g_mutex_unlock(&tb_lock);
}

static void ram_write_notify(hwaddr addr, hwaddr len)
{
    uint64_t page, end = addr + len;

    /* Cheap test first: most DMA targets hold no code. */
    for (page = addr & TARGET_PAGE_MASK; page < end;
         page += TARGET_PAGE_SIZE) {
        if (tb_page_has_code(page)) {
            tb_invalidate_phys_range(addr, len);
            return;
        }
    }
}

void tb_stop(TranslationBlock *tb)
{
    for (unsigned i = 0; i < tb->n_insns; i++) {
        __atomic_store_n(&tb->insns[i].fn, NULL, __ATOMIC_RELAXED);
    }
}

/* ---- flushing everything ---- */

static void tb_flush_locked(void)
{
    memset(hash_table, 0, sizeof(hash_table));
    for (unsigned i = 0; i < (1u << L1_BITS); i++) {
        if (l1_map[i]) {
            memset(l1_map[i], 0, sizeof(PageDesc) << L2_BITS);
        }
    }
    arena_used = 0;
    tb_count = 0;
    __atomic_add_fetch(&tb_flush_gen, 1, __ATOMIC_SEQ_CST);
    /* Give the memory back; the next TBs fault it in again. */
    madvise(arena, arena_size, MADV_DONTNEED);
}

void tb_flush_all(void)
{
    CPUState *cs;

    tcg_exclusive_start();
    g_mutex_lock(&tb_lock);
    tb_flush_locked();
    g_mutex_unlock(&tb_lock);
    CPU_FOREACH(cs) {
        X86TCGState *t = X86_CPU(cs)->env.tcg;

        if (t) {
            memset(t->jmp_cache, 0, sizeof(t->jmp_cache));
            t->current_tb = NULL;
        }
    }
    tcg_exclusive_end();
}

/* ---- lookup and creation ---- */

static __thread TranslationBlock *scratch_tb;

/* The guest-physical address of linear pc for a code fetch (fills). */
static uint64_t code_phys(CPUX86State *env, uint64_t pc, bool probe,
                          bool *ok)
{
    int idx = cpu_cpl(env) == 3 ? MMU_USER_IDX : MMU_KERNEL_IDX;
    CPUTLBEntry *e = tlb_entry(env, idx, pc);

    *ok = true;
    if ((e->addr_code & ~TLB_MMIO) != (pc & TARGET_PAGE_MASK)) {
        if (!x86_tlb_fill(env, pc, 2, idx, probe)) {
            *ok = false;
            return 0;
        }
    }
    return env->tcg->tlb_full[idx][(pc >> TARGET_PAGE_BITS) &
                                   (CPU_TLB_SIZE - 1)].phys |
           (pc & ~TARGET_PAGE_MASK);
}

/* The key without the second page (checked outside tb_lock). */
static bool tb_matches(TranslationBlock *tb, uint64_t phys_pc, uint64_t pc,
                       uint64_t cs_base, uint32_t flags)
{
    return tb->pc == pc && tb->cs_base == cs_base && tb->flags == flags &&
           tb->phys_page[0] == (phys_pc & TARGET_PAGE_MASK);
}

/* Does the TB's second page still map where it did? */
static bool tb_page2_matches(CPUX86State *env, TranslationBlock *tb)
{
    uint64_t next = (tb->pc & TARGET_PAGE_MASK) + TARGET_PAGE_SIZE;
    uint64_t p2;
    bool ok;

    if (tb->phys_page[1] == (uint64_t)-1) {
        return true;
    }
    if (!(env->hflags & HF_CS64)) {
        next = (uint32_t)next;
    }
    p2 = code_phys(env, next, true, &ok);
    return ok && (p2 & TARGET_PAGE_MASK) == tb->phys_page[1];
}

static void tb_link_page(TranslationBlock *tb, int n)
{
    PageDesc *p = page_find(tb->phys_page[n], true);
    bool first;

    if (!p) {
        return;
    }
    first = p->first == NULL;
    tb->page_next[n] = p->first;
    __atomic_store_n(&p->first, (TranslationBlock *)((uintptr_t)tb | n),
                     __ATOMIC_RELEASE);
    if (first) {
        tlb_protect_code(tb->phys_page[n]);
    }
}

static TranslationBlock *tb_gen(CPUX86State *env, uint64_t phys_pc,
                                uint64_t pc, uint64_t cs_base,
                                uint32_t flags)
{
    TranslationBlock *tb;
    size_t size;
    unsigned h;

    if (!scratch_tb) {
        scratch_tb = g_malloc0(sizeof(TranslationBlock) +
                               (TB_MAX_INSNS + 1) * sizeof(X86Insn));
    }
    memset(scratch_tb, 0, sizeof(TranslationBlock));
    scratch_tb->pc = pc;
    scratch_tb->cs_base = cs_base;
    scratch_tb->flags = flags;
    /* May raise a fault for the first instruction: nothing to undo. */
    x86_decode_tb(env, scratch_tb);
    memset(&scratch_tb->insns[scratch_tb->n_insns], 0, sizeof(X86Insn));
    size = sizeof(TranslationBlock) +
           (scratch_tb->n_insns + 1) * sizeof(X86Insn);
    size = (size + 63) & ~(size_t)63;

    g_mutex_lock(&tb_lock);
    if (arena_used + size > arena_size) {
        g_mutex_unlock(&tb_lock);
        tb_flush_all();
        g_mutex_lock(&tb_lock);
    }
    tb = (TranslationBlock *)(arena + arena_used);
    arena_used += size;
    memcpy(tb, scratch_tb, sizeof(TranslationBlock) +
           (scratch_tb->n_insns + 1) * sizeof(X86Insn));
    (void)phys_pc;
    h = tb_hash(tb->phys_page[0] | (pc & ~TARGET_PAGE_MASK), pc, flags);
    tb->hash_next = hash_table[h];
    hash_table[h] = tb;
    tb_link_page(tb, 0);
    if (tb->phys_page[1] != (uint64_t)-1) {
        tb_link_page(tb, 1);
    }
    tb_count++;
    g_mutex_unlock(&tb_lock);
    return tb;
}

TranslationBlock *tb_lookup(CPUX86State *env)
{
    X86TCGState *t = env->tcg;
    uint64_t cs_base = env->segs[R_CS].base;
    uint32_t flags = env->hflags & TB_FLAGS_MASK;
    uint64_t pc, phys_pc;
    TranslationBlock *tb;
    unsigned jh, h;
    bool ok;

    if (env->hflags & HF_CS64) {
        cs_base = 0;
        pc = env->eip;
    } else {
        pc = (uint32_t)(cs_base + env->eip);
    }
    jh = jc_hash(pc);
    tb = t->jmp_cache[jh];
    if (tb && tb->pc == pc && tb->cs_base == cs_base && tb->flags == flags &&
        !tb->invalid) {
        return tb;
    }

    phys_pc = code_phys(env, pc, false, &ok);
    h = tb_hash(phys_pc, pc, flags);
    /*
     * The lock order is BQL before tb_lock (the memory listener
     * invalidates with the BQL held), and checking the second page may
     * take the BQL: do that outside tb_lock.
     */
    g_mutex_lock(&tb_lock);
    for (tb = hash_table[h]; tb; tb = tb->hash_next) {
        if (tb_matches(tb, phys_pc, pc, cs_base, flags)) {
            break;
        }
    }
    g_mutex_unlock(&tb_lock);
    if (tb && (!tb_page2_matches(env, tb) || tb->invalid)) {
        tb = NULL;
    }
    if (!tb) {
        tb = tb_gen(env, phys_pc, pc, cs_base, flags);
    }
    t->jmp_cache[jh] = tb;
    return tb;
}

void tb_cache_init(int64_t size_mb)
{
    if (!arena) {
        arena_size = (size_t)(size_mb ? size_mb : ARENA_DEFAULT_MB) << 20;
        arena_init();
        memory_ram_write_notify = ram_write_notify;
    }
}
