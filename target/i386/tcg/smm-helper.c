/*
 * smm-helper.c: system management mode on the software CPU: the SMM
 * memory view of each CPU, SMI entry and RSM (see smm.h).
 *
 * The state-save map is the AMD64 one (AMD64 APM vol. 2, 10.2.3 "SMRAM
 * State-Save Area"), at SMBASE + 0xFE00 .. 0xFFFF; the reference uses it
 * for every CPU model of qemu-system-x86_64, and SeaBIOS recognises it by
 * its revision identifier 0x00020064 at 0xFEFC and relocates SMBASE by
 * writing 0xFF00.  Segment attributes are stored as the descriptor's
 * high dword bits 8-15 and 20-23 shifted down by 8 (what the reference
 * stores, and what RSM reads back).
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/tcg-cpu.h"
#include "target/i386/tcg/seg-helper.h"
#include "target/i386/tcg/smm.h"
#include "exec/memory.h"

/* Offsets in the state-save map (from SMBASE), AMD64 APM table 10-2. */
#define SMM_OFS_SEGS        0xfe00      /* ES, CS, SS, DS, FS, GS: 16 each */
#define SMM_OFS_GDTR_LIMIT  0xfe64
#define SMM_OFS_GDTR_BASE   0xfe68
#define SMM_OFS_LDTR        0xfe70      /* selector, attributes, limit, base */
#define SMM_OFS_IDTR_LIMIT  0xfe84
#define SMM_OFS_IDTR_BASE   0xfe88
#define SMM_OFS_TR          0xfe90
#define SMM_OFS_EFER        0xfed0
#define SMM_OFS_CR4         0xff48
#define SMM_OFS_CR3         0xff50
#define SMM_OFS_CR0         0xff58
#define SMM_OFS_DR7         0xff60
#define SMM_OFS_DR6         0xff68
#define SMM_OFS_RFLAGS      0xff70
#define SMM_OFS_RIP         0xff78
#define SMM_OFS_GPR_LAST    0xfff8      /* RAX here, R15 at 0xff80 */

/* Segment attributes in the map (see the file comment). */
#define SMM_ATTR_MASK       0xf0ff

typedef struct X86SMMView X86SMMView;

struct X86SMMView {
    MemoryRegion root;          /* "memory" */
    MemoryRegion system;        /* alias "memory" of the system memory */
    MemoryRegion smram;         /* alias "smram" of the board's SMRAM */
    bool has_smram;
    AddressSpace as;            /* "cpu-smm-N" */
};

/* The board's SMRAM region, once named (x86_cpu_set_smram()). */
static MemoryRegion *machine_smram;

/* ---- the SMM memory view ---- */

static void smm_view_add_smram(X86SMMView *v, Object *owner)
{
    if (v->has_smram || !machine_smram) {
        return;
    }
    memory_region_init_alias(&v->smram, owner, "smram", machine_smram, 0,
                             4 * GiB);
    memory_region_add_subregion_overlap(&v->root, 0, &v->smram, 1);
    v->has_smram = true;
}

void x86_smm_cpu_init(CPUState *cs)
{
    CPUX86State *env = &X86_CPU(cs)->env;
    g_autofree char *name = NULL;
    X86SMMView *v;

    if (env->smm_view) {
        return;
    }
    v = g_new0(X86SMMView, 1);
    memory_region_init(&v->root, OBJECT(cs), "memory", UINT64_MAX);
    memory_region_init_alias(&v->system, OBJECT(cs), "memory",
                             get_system_memory(), 0, UINT64_MAX);
    memory_region_add_subregion_overlap(&v->root, 0, &v->system, 0);
    smm_view_add_smram(v, OBJECT(cs));
    name = g_strdup_printf("cpu-smm-%d", cs->cpu_index);
    address_space_init(&v->as, &v->root, name);
    env->smm_view = v;
}

void x86_cpu_set_smram(MemoryRegion *smram)
{
    CPUState *cs;

    machine_smram = smram;
    CPU_FOREACH(cs) {
        X86SMMView *v = X86_CPU(cs)->env.smm_view;

        if (v) {
            smm_view_add_smram(v, OBJECT(cs));
        }
    }
}

AddressSpace *x86_cpu_phys_as(CPUX86State *env)
{
    if (env->smm && env->smm_view) {
        return &env->smm_view->as;
    }
    return &address_space_memory;
}

/* ---- the state-save map ---- */

/* Little-endian fields of the map (buffer index = offset - 0xFE00). */
static void put16(uint8_t *map, unsigned ofs, uint16_t v)
{
    v = GUINT16_TO_LE(v);
    memcpy(map + ofs - SMM_SAVE_BASE, &v, sizeof(v));
}

static void put32(uint8_t *map, unsigned ofs, uint32_t v)
{
    v = GUINT32_TO_LE(v);
    memcpy(map + ofs - SMM_SAVE_BASE, &v, sizeof(v));
}

static void put64(uint8_t *map, unsigned ofs, uint64_t v)
{
    v = GUINT64_TO_LE(v);
    memcpy(map + ofs - SMM_SAVE_BASE, &v, sizeof(v));
}

static uint16_t get16(const uint8_t *map, unsigned ofs)
{
    uint16_t v;

    memcpy(&v, map + ofs - SMM_SAVE_BASE, sizeof(v));
    return GUINT16_FROM_LE(v);
}

static uint32_t get32(const uint8_t *map, unsigned ofs)
{
    uint32_t v;

    memcpy(&v, map + ofs - SMM_SAVE_BASE, sizeof(v));
    return GUINT32_FROM_LE(v);
}

static uint64_t get64(const uint8_t *map, unsigned ofs)
{
    uint64_t v;

    memcpy(&v, map + ofs - SMM_SAVE_BASE, sizeof(v));
    return GUINT64_FROM_LE(v);
}

/* A segment's 16 bytes: selector, attributes, limit, base. */
static void save_seg(uint8_t *map, unsigned ofs, const SegmentCache *sc)
{
    put16(map, ofs, sc->selector);
    put16(map, ofs + 2, (sc->flags >> 8) & SMM_ATTR_MASK);
    put32(map, ofs + 4, sc->limit);
    put64(map, ofs + 8, sc->base);
}

static void load_seg(const uint8_t *map, unsigned ofs, SegmentCache *sc)
{
    sc->selector = get16(map, ofs);
    sc->flags = (uint32_t)(get16(map, ofs + 2) & SMM_ATTR_MASK) << 8;
    sc->limit = get32(map, ofs + 4);
    sc->base = get64(map, ofs + 8);
}

static void smm_save_state(CPUX86State *env, uint8_t *map)
{
    int i;

    memset(map, 0, SMM_SAVE_SIZE);
    for (i = 0; i < 6; i++) {
        save_seg(map, SMM_OFS_SEGS + i * 16, &env->segs[i]);
    }
    put32(map, SMM_OFS_GDTR_LIMIT, env->gdt.limit);
    put64(map, SMM_OFS_GDTR_BASE, env->gdt.base);
    save_seg(map, SMM_OFS_LDTR, &env->ldt);
    put32(map, SMM_OFS_IDTR_LIMIT, env->idt.limit);
    put64(map, SMM_OFS_IDTR_BASE, env->idt.base);
    save_seg(map, SMM_OFS_TR, &env->tr);
    put64(map, SMM_OFS_EFER, env->efer);
    put32(map, SMM_OFS_REVISION, SMM_REVISION_ID);
    put32(map, SMM_OFS_SMBASE, env->smbase);
    put32(map, SMM_OFS_CR4, env->cr[4]);
    put64(map, SMM_OFS_CR3, env->cr[3]);
    put32(map, SMM_OFS_CR0, env->cr[0]);
    put32(map, SMM_OFS_DR7, env->dr[7]);
    put32(map, SMM_OFS_DR6, env->dr[6]);
    put32(map, SMM_OFS_RFLAGS, cpu_compute_eflags(env));
    put64(map, SMM_OFS_RIP, env->eip);
    for (i = 0; i < CPU_NB_REGS; i++) {
        put64(map, SMM_OFS_GPR_LAST - i * 8, env->regs[i]);
    }
}

/* ---- entering and leaving SMM ---- */

/* The memory view changes: forget every translation of the old one. */
static void smm_switch_view(CPUX86State *env, bool smm)
{
    env->smm = smm;
    if (smm) {
        env->hflags |= HF_SMM;
    } else {
        env->hflags &= ~HF_SMM;
    }
    tlb_flush(env);
}

/*
 * SDM vol. 3 34.5.1 / AMD64 APM vol. 2 10.3.3: the processor state on
 * SMM entry.  CS is a 4 GiB segment at SMBASE, the other data segments
 * 4 GiB flat; CR0.PE/EM/TS/PG, CR4 and EFER are cleared, DR7 reset.
 */
void x86_do_smm_enter(CPUX86State *env)
{
    const uint32_t flat = DESC_P_MASK | DESC_S_MASK | DESC_W_MASK |
                          DESC_G_MASK | DESC_A_MASK;
    uint8_t map[SMM_SAVE_SIZE];
    int i;

    smm_save_state(env, map);
    env->smm_nmi_blocked = (env->hflags & HF_NMI_BLOCKED) != 0;
    env->hflags |= HF_NMI_BLOCKED;
    env->hflags &= ~(HF_INHIBIT_IRQ | HF_MOVSS_SHADOW);
    smm_switch_view(env, true);
    address_space_write(x86_cpu_phys_as(env), env->smbase + SMM_SAVE_BASE,
                        MEMTXATTRS_UNSPECIFIED, map, SMM_SAVE_SIZE);

    env->efer = 0;
    cpu_load_eflags(env, 0, ~(uint64_t)0);
    env->eip = SMM_ENTRY_EIP;
    env->cr[0] &= ~(uint64_t)(CR0_PE_MASK | CR0_EM_MASK | CR0_TS_MASK |
                              CR0_PG_MASK);
    env->cr[4] = 0;
    env->dr[7] = 0x400;
    cpu_x86_load_seg_cache(env, R_CS, (env->smbase >> 4) & 0xffff,
                           (uint32_t)env->smbase, 0xffffffff, flat);
    for (i = 0; i < 6; i++) {
        if (i != R_CS) {
            cpu_x86_load_seg_cache(env, i, 0, 0, 0xffffffff, flat);
        }
    }
    x86_update_hflags(env);
    tlb_flush(env);
}

/*
 * RSM: reload the state-save map (control registers first, so the mode
 * the segments are loaded in is the saved one), pick up a relocated
 * SMBASE when the revision allows it, and leave SMM.
 */
static void op_rsm(CPUX86State *env, const X86Insn *in)
{
    uint8_t map[SMM_SAVE_SIZE];
    uint32_t rev;
    uint64_t cr0;
    int i;

    if (!env->smm) {
        raise_exception(env, EXCP06_ILLOP);
    }
    address_space_read(x86_cpu_phys_as(env), env->smbase + SMM_SAVE_BASE,
                       MEMTXATTRS_UNSPECIFIED, map, SMM_SAVE_SIZE);

    /* EFER.LMA follows CR0.PG and EFER.LME (x86_cpu_set_cr0 below). */
    env->efer = get64(map, SMM_OFS_EFER) & ~(uint64_t)MSR_EFER_LMA;
    env->cr[4] = get32(map, SMM_OFS_CR4);
    env->cr[3] = get64(map, SMM_OFS_CR3);
    cr0 = get32(map, SMM_OFS_CR0);
    env->cr[0] = cr0 & ~(uint64_t)CR0_PG_MASK;
    x86_cpu_set_cr0(env, cr0);

    for (i = 0; i < 6; i++) {
        load_seg(map, SMM_OFS_SEGS + i * 16, &env->segs[i]);
    }
    env->gdt.limit = get32(map, SMM_OFS_GDTR_LIMIT);
    env->gdt.base = get64(map, SMM_OFS_GDTR_BASE);
    load_seg(map, SMM_OFS_LDTR, &env->ldt);
    env->idt.limit = get32(map, SMM_OFS_IDTR_LIMIT);
    env->idt.base = get64(map, SMM_OFS_IDTR_BASE);
    load_seg(map, SMM_OFS_TR, &env->tr);
    for (i = 0; i < CPU_NB_REGS; i++) {
        env->regs[i] = get64(map, SMM_OFS_GPR_LAST - i * 8);
    }
    env->eip = get64(map, SMM_OFS_RIP);
    env->dr[6] = get32(map, SMM_OFS_DR6);
    env->dr[7] = get32(map, SMM_OFS_DR7);
    rev = get32(map, SMM_OFS_REVISION);
    if (rev & SMM_REV_RELOCATION) {
        env->smbase = get32(map, SMM_OFS_SMBASE);
    }

    if (!env->smm_nmi_blocked) {
        env->hflags &= ~HF_NMI_BLOCKED;
    }
    smm_switch_view(env, false);
    cpu_load_eflags(env, get32(map, SMM_OFS_RFLAGS), ~(uint64_t)0);
    x86_update_hflags(env);
    tlb_flush(env);
}

void x86_smm_ops_init(void)
{
    x86_op(1, 0xaa, op_rsm, OPF_END);
}
