/*
 * cpu-debug.c: the CPU's debugging aids shared by both accelerators: a
 * page walk for debuggers (HMP x, memsave, a gdbstub) and the register
 * dump written to the debug log.
 *
 * The walk follows SDM vol. 3 4.3 (32-bit paging, PSE and PSE-36 4-MByte
 * pages), 4.4 (PAE: four PDPTEs from CR3[31:5]) and 4.5 (4-level paging,
 * 1-GByte and 2-MByte pages).  It reads the entries only from RAM, so
 * pointing CR3 at a device cannot trigger its callbacks, and never
 * writes: no accessed/dirty bit changes, no permission checks.
 */
#include "qemu/osdep.h"
#include "target/i386/cpu.h"
#include "target/i386/tcg/tcg-cpu.h"
#include "exec/memory.h"
#include "qemu/log.h"

#define PTE_P       (1ULL << 0)
#define PTE_PS      (1ULL << 7)
/* Bits 51:12 of an entry: the next table or the 4-KByte page frame. */
#define ADDR_MASK   0x000ffffffffff000ULL

/* Read one page-table entry (size 4 or 8) from RAM, side-effect free. */
static bool read_entry(hwaddr addr, unsigned size, uint64_t *val)
{
    MemoryRegionSection sec = address_space_find(&address_space_memory,
                                                  addr);
    uint8_t buf[8] = { 0 };

    if (!sec.mr || !(memory_region_is_ram(sec.mr) ||
                     memory_region_is_rom(sec.mr))) {
        return false;
    }
    if (address_space_read(&address_space_memory, addr,
                           MEMTXATTRS_UNSPECIFIED, buf, size) != MEMTX_OK) {
        return false;
    }
    memcpy(val, buf, 8);
    *val = GUINT64_FROM_LE(*val);
    if (size == 4) {
        *val &= 0xffffffffULL;
    }
    return true;
}

/* PAE and 4-level paging below the PDPT: the page directory and table. */
static bool walk_pd(uint64_t pdpte, uint64_t la, uint64_t *pa)
{
    uint64_t pde, pte;

    if (!read_entry((pdpte & ADDR_MASK) + ((la >> 21) & 511) * 8, 8, &pde) ||
        !(pde & PTE_P)) {
        return false;
    }
    if (pde & PTE_PS) {
        *pa = (pde & ADDR_MASK & ~0x1fffffULL) | (la & 0x1fffff);
        return true;
    }
    if (!read_entry((pde & ADDR_MASK) + ((la >> 12) & 511) * 8, 8, &pte) ||
        !(pte & PTE_P)) {
        return false;
    }
    *pa = (pte & ADDR_MASK) | (la & 0xfff);
    return true;
}

static bool walk_4level(CPUX86State *env, uint64_t la, uint64_t *pa)
{
    uint64_t pml4e, pdpte;

    /* Bits 63:47 must all equal bit 47 (SDM vol. 1 3.3.7.1). */
    if ((uint64_t)((int64_t)(la << 16) >> 16) != la) {
        return false;
    }
    if (!read_entry((env->cr[3] & ADDR_MASK) + ((la >> 39) & 511) * 8, 8,
                    &pml4e) || !(pml4e & PTE_P)) {
        return false;
    }
    if (!read_entry((pml4e & ADDR_MASK) + ((la >> 30) & 511) * 8, 8,
                    &pdpte) || !(pdpte & PTE_P)) {
        return false;
    }
    if (pdpte & PTE_PS) {
        *pa = (pdpte & ADDR_MASK & ~0x3fffffffULL) | (la & 0x3fffffff);
        return true;
    }
    return walk_pd(pdpte, la, pa);
}

static bool walk_pae(CPUX86State *env, uint64_t la, uint64_t *pa)
{
    uint64_t pdpte;

    la &= 0xffffffffULL;
    if (!read_entry((env->cr[3] & 0xffffffe0ULL) + (la >> 30) * 8, 8,
                    &pdpte) || !(pdpte & PTE_P)) {
        return false;
    }
    return walk_pd(pdpte, la, pa);
}

static bool walk_32bit(CPUX86State *env, uint64_t la, uint64_t *pa)
{
    uint64_t pde, pte;

    la &= 0xffffffffULL;
    if (!read_entry((env->cr[3] & 0xfffff000ULL) + (la >> 22) * 4, 4,
                    &pde) || !(pde & PTE_P)) {
        return false;
    }
    if ((pde & PTE_PS) && (env->cr[4] & CR4_PSE_MASK)) {
        /* PSE-36/40: PDE bits 20:13 are physical address bits 39:32. */
        *pa = (pde & 0xffc00000ULL) | ((pde & 0x1fe000ULL) << 19) |
              (la & 0x3fffff);
        return true;
    }
    if (!read_entry((pde & 0xfffff000ULL) + ((la >> 12) & 1023) * 4, 4,
                    &pte) || !(pte & PTE_P)) {
        return false;
    }
    *pa = (pte & 0xfffff000ULL) | (la & 0xfff);
    return true;
}

bool x86_cpu_get_phys_page_debug(X86CPU *cpu, uint64_t la, uint64_t *pa)
{
    CPUX86State *env = &cpu->env;
    uint64_t addr;
    bool ok;

    if (!(env->cr[0] & CR0_PG_MASK)) {
        /* As the reference's debugger view: no 32-bit wrap here. */
        addr = la;
        ok = true;
    } else if (env->efer & MSR_EFER_LMA) {
        ok = walk_4level(env, la, &addr);
    } else if (env->cr[4] & CR4_PAE_MASK) {
        ok = walk_pae(env, la, &addr);
    } else {
        ok = walk_32bit(env, la, &addr);
    }
    if (!ok) {
        return false;
    }
    if (!env->a20_mask_enabled) {
        addr &= ~(1ULL << 20);
    }
    *pa = addr;
    return true;
}

/* ---- the register dump in the log ---- */

/* The reference's name of a lazy-flags state ("SUBL", "EFLAGS"). */
static void cc_op_name(uint32_t op, char *buf, size_t len)
{
    static const char *const kinds[] = {
        NULL, "ADD", "ADC", "SUB", "SBB", "LOGIC", "INC", "DEC", "SHL",
        "SAR", "MUL", "BMILG",
    };

    if (op == CC_OP_EFLAGS) {
        snprintf(buf, len, "EFLAGS");
    } else if (op < CC_OP_NB && op / 4 < ARRAY_SIZE(kinds) && kinds[op / 4]) {
        snprintf(buf, len, "%s%c", kinds[op / 4], "BWLQ"[op & 3]);
    } else {
        snprintf(buf, len, "[%u]", op);
    }
}

void x86_cpu_log_state(CPUState *cs, int flags)
{
    CPUX86State *env = &X86_CPU(cs)->env;
    GString *out = g_string_new(NULL);

    x86_cpu_dump_state(cs, out, flags);
    if (flags & CPU_DUMP_CCOP) {
        bool cs64 = (env->efer & MSR_EFER_LMA) &&
                    (env->segs[R_CS].flags & DESC_L_MASK);
        const char *efer = strstr(out->str, "\nEFER=");
        char name[16];
        char *line;

        cc_op_name(env->cc_op, name, sizeof(name));
        if (cs64) {
            line = g_strdup_printf("CCS=%016" PRIx64 " CCD=%016" PRIx64
                                   " CCO=%s\n", env->cc_src, env->cc_dst,
                                   name);
        } else {
            line = g_strdup_printf("CCS=%08x CCD=%08x CCO=%s\n",
                                   (uint32_t)env->cc_src,
                                   (uint32_t)env->cc_dst, name);
        }
        g_string_insert(out, efer ? efer - out->str + 1 : (gssize)out->len,
                        line);
        g_free(line);
    }
    qemu_log("%s", out->str);
    g_string_free(out, true);
}
