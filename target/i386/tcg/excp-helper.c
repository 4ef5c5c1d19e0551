/*
 * excp-helper.c: raising exceptions and walking the page tables.
 *
 * Exceptions unwind to the executor with siglongjmp (the executor then
 * delivers them, seg-helper.c).  The page walk covers every paging mode
 * of SDM vol. 3 chapter 4: 32-bit (4 KiB and, with CR4.PSE, 4 MiB pages,
 * PSE-36), PAE (4 KiB and 2 MiB, NX) and 4-level (4 KiB, 2 MiB, 1 GiB
 * when advertised); it sets the accessed and dirty bits atomically (other
 * vCPUs walk the same tables), checks reserved bits, U/S, R/W with
 * CR0.WP, NX, SMEP and SMAP, and reports faults with the error code of
 * SDM 4.7 and CR2.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/tcg-cpu.h"
#include "exec/memory.h"

/* ---- exceptions ---- */

void raise_exception_err(CPUX86State *env, int vec, int err)
{
    CPUState *cs = CPU(env_archcpu(env));

    cs->exception_index = vec;
    env->error_code = err;
    env->exception_is_int = 0;
    env->exception_next_eip = env->eip;
    siglongjmp(env->tcg->jmp_env, 1);
}

void raise_exception(CPUX86State *env, int vec)
{
    raise_exception_err(env, vec, 0);
}

void raise_interrupt(CPUX86State *env, int vec, int is_int, int err,
                     uint64_t next_eip)
{
    CPUState *cs = CPU(env_archcpu(env));

    cs->exception_index = vec;
    env->error_code = err;
    env->exception_is_int = is_int;
    env->exception_next_eip = next_eip;
    siglongjmp(env->tcg->jmp_env, 1);
}

void cpu_loop_exit(CPUX86State *env, int reason)
{
    CPUState *cs = CPU(env_archcpu(env));

    cs->exception_index = reason;
    siglongjmp(env->tcg->jmp_env, 1);
}

/* ---- guest-physical accesses for the walk ---- */

uint64_t x86_ldq_phys(CPUX86State *env, uint64_t pa)
{
    uint8_t *p = tcg_phys_ram(env, pa, 8, NULL);
    uint64_t v = 0;

    if (p) {
        return __atomic_load_n((uint64_t *)p, __ATOMIC_RELAXED);
    }
    address_space_load(&address_space_memory, pa, 8, &v);
    return v;
}

uint32_t x86_ldl_phys(CPUX86State *env, uint64_t pa)
{
    uint8_t *p = tcg_phys_ram(env, pa, 4, NULL);
    uint64_t v = 0;

    if (p) {
        return __atomic_load_n((uint32_t *)p, __ATOMIC_RELAXED);
    }
    address_space_load(&address_space_memory, pa, 4, &v);
    return v;
}

void x86_stl_phys(CPUX86State *env, uint64_t pa, uint32_t v)
{
    uint8_t *p = tcg_phys_ram(env, pa, 4, NULL);

    if (p) {
        __atomic_store_n((uint32_t *)p, v, __ATOMIC_RELAXED);
        return;
    }
    address_space_store(&address_space_memory, pa, 4, v);
}

/*
 * Set bits in a page-table entry (A, D) atomically; entries outside RAM
 * are left alone (hardware would write them, nothing reads them back).
 */
static void pte_set_bits(CPUX86State *env, uint64_t pa, uint64_t bits,
                         bool is64)
{
    uint32_t flags;
    uint8_t *p = tcg_phys_ram(env, pa, is64 ? 8 : 4, &flags);

    if (!p || (flags & TCG_PHYS_READONLY)) {
        return;
    }
    if (is64) {
        __atomic_fetch_or((uint64_t *)p, bits, __ATOMIC_SEQ_CST);
    } else {
        __atomic_fetch_or((uint32_t *)p, (uint32_t)bits, __ATOMIC_SEQ_CST);
    }
    /* The page table may share a page with decoded code. */
    if (tb_page_has_code(pa)) {
        tb_invalidate_phys_range(pa, is64 ? 8 : 4);
    }
}

/* ---- the walk ---- */

#define PG_P    (1ull << 0)
#define PG_RW   (1ull << 1)
#define PG_US   (1ull << 2)
#define PG_A    (1ull << 5)
#define PG_D    (1ull << 6)
#define PG_PS   (1ull << 7)
#define PG_G    (1ull << 8)
#define PG_NX   (1ull << 63)

static G_NORETURN void page_fault(CPUX86State *env, uint64_t la, int err)
{
    env->cr[2] = la;
    raise_exception_err(env, EXCP0E_PAGE, err);
}

static uint64_t phys_addr_mask(CPUX86State *env)
{
    uint32_t bits = env_archcpu(env)->phys_bits;

    if (!bits) {
        bits = 40;
    }
    return ((1ull << bits) - 1) & ~0xfffull;
}

bool x86_tlb_fill(CPUX86State *env, uint64_t la, int access, int mmu_idx,
                  bool probe)
{
    uint64_t cr0 = env->cr[0], cr4 = env->cr[4];
    bool is_user = mmu_idx == MMU_USER_IDX || mmu_idx == MMU_USER_AC_IDX;
    bool is_write = access == 1, is_fetch = access == 2;
    bool nxe = (env->efer & MSR_EFER_NXE) != 0;
    uint64_t pa, pte, pte_addr, page_size, rsvd;
    uint64_t user_ok = PG_US, write_ok = PG_RW, nx = 0;
    uint64_t addr_mask = phys_addr_mask(env);
    uint64_t entry_addr[4];
    bool entry_64 = true;
    int levels = 0, level, err, prot, i;
    bool global = false;

    if (!(cr0 & CR0_PG_MASK)) {
        pa = (env->hflags & HF_LMA) ? la : (uint32_t)la;
        tlb_set_page(env, la, pa, PAGE_READ | PAGE_WRITE | PAGE_EXEC,
                     mmu_idx, false);
        return true;
    }

    /* Address bits beyond MAXPHYADDR (up to bit 51), and NX without NXE. */
    rsvd = ~addr_mask & 0x000ffffffffff000ull;
    if (!nxe) {
        rsvd |= PG_NX;
    }

    if (env->efer & MSR_EFER_LMA) {
        /* 4-level paging: canonical check first. */
        if ((int64_t)(la << 16) >> 16 != (int64_t)la) {
            if (probe) {
                return false;
            }
            raise_exception_err(env, EXCP0D_GPF, 0);
        }
        pte_addr = (env->cr[3] & addr_mask) + (((la >> 39) & 0x1ff) << 3);
        level = 4;
    } else if (cr4 & CR4_PAE_MASK) {
        /* PAE: the PDPTE (no R/W, U/S, NX at this level). */
        pte_addr = (env->cr[3] & 0xffffffe0ull) + (((la >> 30) & 3) << 3);
        pte = x86_ldq_phys(env, pte_addr);
        if (!(pte & PG_P)) {
            goto not_present;
        }
        if (pte & ((rsvd & ~PG_NX) | PG_NX | 0x1e6ull)) {
            goto reserved;
        }
        pte_addr = (pte & addr_mask) + (((la >> 21) & 0x1ff) << 3);
        level = 2;
    } else {
        /* 32-bit paging. */
        entry_64 = false;
        pte_addr = (env->cr[3] & 0xfffff000ull) + (((la >> 22) & 0x3ff) << 2);
        pte = x86_ldl_phys(env, pte_addr);
        entry_addr[levels++] = pte_addr;
        if (!(pte & PG_P)) {
            goto not_present;
        }
        user_ok &= pte;
        write_ok &= pte;
        if ((pte & PG_PS) && (cr4 & CR4_PSE_MASK)) {
            /* 4 MiB page; PSE-36 puts bits 39:32 in PDE bits 20:13. */
            page_size = 1ull << 22;
            if (pte & (1ull << 21)) {
                goto reserved;
            }
            pa = (pte & 0xffc00000ull) | ((pte & 0x1fe000ull) << 19);
            pa &= addr_mask;
            goto leaf_pa;
        }
        pte_addr = (pte & 0xfffff000ull) + (((la >> 12) & 0x3ff) << 2);
        pte = x86_ldl_phys(env, pte_addr);
        entry_addr[levels++] = pte_addr;
        if (!(pte & PG_P)) {
            goto not_present;
        }
        user_ok &= pte;
        write_ok &= pte;
        page_size = 4096;
        pa = pte & 0xfffff000ull;
        goto leaf_pa;
    }

    /*
     * The 64-bit table levels, from `level` down to 1 (the page table):
     * level 4 is the PML4 (PS reserved), 3 the PDPT (1 GiB pages when
     * advertised), 2 the page directory (2 MiB pages).
     */
    for (;; level--) {
        pte = x86_ldq_phys(env, pte_addr);
        entry_addr[levels++] = pte_addr;
        if (!(pte & PG_P)) {
            goto not_present;
        }
        if (pte & rsvd) {
            goto reserved;
        }
        user_ok &= pte;
        write_ok &= pte;
        nx |= pte & PG_NX;
        if (level == 1) {
            page_size = 4096;
            break;
        }
        if (pte & PG_PS) {
            if (level == 4) {
                goto reserved;
            }
            if (level == 3) {
                if (!(env->features[FEAT_8000_0001_EDX] &
                      CPUID_EXT2_PDPE1GB) || (pte & 0x3fffe000ull)) {
                    goto reserved;
                }
                page_size = 1ull << 30;
            } else {
                if (pte & 0x1fe000ull) {
                    goto reserved;
                }
                page_size = 1ull << 21;
            }
            break;
        }
        pte_addr = (pte & addr_mask) +
                   (((la >> (12 + 9 * (level - 2))) & 0x1ff) << 3);
    }

    pa = pte & addr_mask & ~(page_size - 1);
leaf_pa:
    if (!nxe) {
        nx = 0;
    }
    /* Permissions (SDM 4.6). */
    err = PG_ERROR_P_MASK;
    if (is_user) {
        if (!user_ok || (is_write && !write_ok) || (is_fetch && nx)) {
            goto fault;
        }
    } else {
        if (is_write && !write_ok && (cr0 & CR0_WP_MASK)) {
            goto fault;
        }
        if (is_fetch) {
            if (nx || (user_ok && (cr4 & CR4_SMEP_MASK))) {
                goto fault;
            }
        } else if (user_ok && mmu_idx == MMU_KSMAP_IDX) {
            goto fault;
        }
    }
    if (is_user) {
        prot = PAGE_READ;
        if (write_ok) {
            prot |= PAGE_WRITE;
        }
    } else {
        prot = PAGE_READ;
        if (write_ok || !(cr0 & CR0_WP_MASK)) {
            prot |= PAGE_WRITE;
        }
    }
    if (!nx && !(user_ok && !is_user && (cr4 & CR4_SMEP_MASK))) {
        prot |= PAGE_EXEC;
    }

    /* Accessed bits on every level, dirty on the leaf for a write. */
    for (i = 0; i < levels; i++) {
        uint64_t e = entry_64 ? x86_ldq_phys(env, entry_addr[i])
                              : x86_ldl_phys(env, entry_addr[i]);
        bool leaf_entry = i == levels - 1;
        uint64_t bits = PG_A;

        if (leaf_entry && is_write) {
            bits |= PG_D;
        }
        if ((e & bits) != bits) {
            pte_set_bits(env, entry_addr[i], bits, entry_64);
        }
    }
    /* Not yet dirty: the first write must come back here to set D. */
    if (!is_write && !(pte & PG_D)) {
        prot &= ~PAGE_WRITE;
    }
    if ((cr4 & CR4_PGE_MASK) && (pte & PG_G)) {
        global = true;
    }
    pa = (pa & ~(page_size - 1)) | (la & (page_size - 1) & TARGET_PAGE_MASK);
    tlb_set_page(env, la, pa, prot, mmu_idx, global);
    return true;

not_present:
    err = 0;
    goto fault;
reserved:
    err = PG_ERROR_RSVD_MASK | PG_ERROR_P_MASK;
fault:
    if (probe) {
        return false;
    }
    if (is_write) {
        err |= PG_ERROR_W_MASK;
    }
    if (is_user) {
        err |= PG_ERROR_U_MASK;
    }
    if (is_fetch && (nxe || (cr4 & CR4_SMEP_MASK))) {
        err |= PG_ERROR_I_D_MASK;
    }
    page_fault(env, la, err);
}
