/*
 * seg-helper.h: segmentation internals of the software CPU, shared by
 * seg-helper.c (descriptors, segment loads, interrupt delivery),
 * seg-far.c (far transfers, IRET), task-switch.c and sys-ops*.c.
 *
 * Descriptors are handled as the two dwords the SDM draws (vol. 3 3.4.5):
 * e1 (limit 15:0, base 15:0) and e2 (base 23:16, type, S, DPL, P,
 * limit 19:16, AVL, L, D/B, G, base 31:24).  SegmentCache.flags holds e2
 * as is, so a descriptor's attributes need no conversion.  System
 * descriptors and gates in long mode take 16 bytes: e3 holds the upper
 * 32 bits of the base or offset, e4 must have type 0.
 *
 * The pure helpers here (decoding, exception classes) are inline so the
 * unit tests (tests/unit/test-tcg-seg.c) use them without the CPU.
 */
#ifndef TARGET_I386_TCG_SEG_HELPER_H
#define TARGET_I386_TCG_SEG_HELPER_H

#include "target/i386/tcg/tcg-cpu.h"

/* Type bits of e2 for code/data segments (S = 1). */
#define DESC_A_MASK   (1u << 8)     /* accessed */
#define DESC_W_MASK   (1u << 9)     /* data: writable */
#define DESC_R_MASK   (1u << 9)     /* code: readable */
#define DESC_E_MASK   (1u << 10)    /* data: expand-down */
#define DESC_C_MASK   (1u << 10)    /* code: conforming */
#define DESC_CS_MASK  (1u << 11)    /* code segment */
#define DESC_TSS_BUSY_MASK (1u << 9) /* system type 3/11: busy TSS */

/* System descriptor types (S = 0), e2 bits 11:8. */
enum {
    SYS_TSS16_AVAIL = 1, SYS_LDT = 2, SYS_TSS16_BUSY = 3,
    SYS_CALLGATE16 = 4, SYS_TASKGATE = 5, SYS_INTGATE16 = 6,
    SYS_TRAPGATE16 = 7, SYS_TSS32_AVAIL = 9, SYS_TSS32_BUSY = 11,
    SYS_CALLGATE32 = 12, SYS_INTGATE32 = 14, SYS_TRAPGATE32 = 15,
};

static inline uint32_t desc_base(uint32_t e1, uint32_t e2)
{
    return (e1 >> 16) | ((e2 & 0xff) << 16) | (e2 & 0xff000000u);
}

/* The limit in bytes (granularity applied). */
static inline uint32_t desc_limit(uint32_t e1, uint32_t e2)
{
    uint32_t limit = (e1 & 0xffff) | (e2 & 0x000f0000u);

    if (e2 & DESC_G_MASK) {
        limit = (limit << 12) | 0xfff;
    }
    return limit;
}

static inline int desc_dpl(uint32_t e2)
{
    return (e2 >> DESC_DPL_SHIFT) & 3;
}

static inline int desc_type(uint32_t e2)
{
    return (e2 >> DESC_TYPE_SHIFT) & 0xf;
}

static inline bool desc_is_system(uint32_t e2)
{
    return !(e2 & DESC_S_MASK);
}

static inline bool desc_is_code(uint32_t e2)
{
    return (e2 & DESC_S_MASK) && (e2 & DESC_CS_MASK);
}

/* A gate's target offset (16/32-bit gates: e1 low word, e2 high word). */
static inline uint32_t gate_offset(uint32_t e1, uint32_t e2)
{
    return (e2 & 0xffff0000u) | (e1 & 0xffff);
}

/* Does exception vec push an error code (SDM vol. 3 table 6-1)? */
static inline bool excp_has_error_code(int vec)
{
    return vec == EXCP08_DBLE || (vec >= EXCP0A_TSS && vec <= EXCP0E_PAGE) ||
           vec == EXCP11_ALGN || vec == 21;
}

/* Exception classes for the double-fault rules (SDM vol. 3 table 6-4). */
enum { EXC_BENIGN, EXC_CONTRIBUTORY, EXC_PAGE_FAULT };

static inline int excp_class(int vec)
{
    switch (vec) {
    case EXCP00_DIVZ: case EXCP0A_TSS: case EXCP0B_NOSEG:
    case EXCP0C_STACK: case EXCP0D_GPF:
        return EXC_CONTRIBUTORY;
    case EXCP0E_PAGE:
        return EXC_PAGE_FAULT;
    default:
        return EXC_BENIGN;
    }
}

/*
 * What happens when exception second is raised while delivering first
 * (SDM vol. 3 table 6-5): 1 = a double fault, 0 = deliver second
 * serially.  (A fault while delivering #DF itself is a triple fault;
 * the caller checks that first.)
 */
static inline bool excp_is_double_fault(int first, int second)
{
    int c1 = excp_class(first), c2 = excp_class(second);

    if (c1 == EXC_CONTRIBUTORY) {
        return c2 == EXC_CONTRIBUTORY;
    }
    if (c1 == EXC_PAGE_FAULT) {
        return c2 != EXC_BENIGN;
    }
    return false;
}

/* Canonical in 48-bit linear addressing. */
static inline bool is_canonical(uint64_t a)
{
    return (uint64_t)(((int64_t)a << 16) >> 16) == a;
}

/* ---- seg-helper.c ---- */

/*
 * Read the descriptor of selector sel from the GDT or LDT: false when
 * the index lies beyond the table limit.
 */
bool x86_read_desc(CPUX86State *env, uint32_t sel, uint32_t *e1,
                   uint32_t *e2);
/* Read the upper 8 bytes of a 16-byte system descriptor (long mode). */
bool x86_read_desc_hi(CPUX86State *env, uint32_t sel, uint32_t *e3,
                      uint32_t *e4);
/* Write e2 of sel's descriptor back (accessed and busy bits). */
void x86_write_desc_e2(CPUX86State *env, uint32_t sel, uint32_t e2);
/* Set the accessed bit of a code/data descriptor if clear. */
void x86_set_desc_accessed(CPUX86State *env, uint32_t sel, uint32_t *e2);
/* Install a descriptor into a segment register (cache). */
void x86_load_seg_desc(CPUX86State *env, int seg, uint32_t sel,
                       uint32_t e1, uint32_t e2);
/* Real mode / v86 mode load: base = sel << 4 (v86: limit 64K, DPL 3). */
void x86_load_seg_real(CPUX86State *env, int seg, uint32_t sel);
/* Load a null selector (protected mode). */
void x86_load_seg_null(CPUX86State *env, int seg, uint32_t sel);
/*
 * Check and load SS for a privilege change to cpl (interrupts, call
 * gates, task switches): faults are #TS(sel) (#SS if not present) with
 * ext in the error code, or #GP when gp is true (RETF/IRET).
 */
void x86_check_new_ss(CPUX86State *env, uint32_t ss, int cpl, int ext,
                      bool gp, uint32_t *e1, uint32_t *e2);
/* The CPL after a transfer: hflags updated, MMU index follows. */
void x86_set_cpl(CPUX86State *env, int cpl);
/* Read SS:ESP for privilege level dpl from the current 16/32-bit TSS. */
void x86_tss_stack(CPUX86State *env, int dpl, int ext, uint32_t *ss,
                   uint32_t *esp);
/* Read RSPn (ist = 0) or ISTn from the 64-bit TSS. */
uint64_t x86_tss_stack64(CPUX86State *env, int level, int ist, int ext);
/* After a return to an outer level: null the data segments the new CPL
 * may not use (SDM vol. 3 5.8.6). */
void x86_invalidate_data_segs(CPUX86State *env, int cpl);

/* ---- stack access with an explicit SS:ESP (transfers build frames on
 * a stack that is not yet the current one) ---- */

typedef struct StackPtr {
    uint64_t base;          /* SS base */
    uint64_t sp;            /* the pointer, before masking */
    uint64_t mask;          /* 0xffff, 0xffffffff or ~0 */
    int mmu_idx;
    bool wrap32;            /* linear addresses wrap at 4G */
} StackPtr;

void stack_init(CPUX86State *env, StackPtr *s, uint64_t base, uint64_t sp,
                uint64_t mask, int mmu_idx);
/* Push/pop size bytes (2, 4 or 8). */
void stack_push(CPUX86State *env, StackPtr *s, int size, uint64_t v);
uint64_t stack_pop(CPUX86State *env, StackPtr *s, int size);
/* The new RSP value with the bits outside mask kept from old_rsp. */
static inline uint64_t stack_new_rsp(const StackPtr *s, uint64_t old_rsp)
{
    return (old_rsp & ~s->mask) | (s->sp & s->mask);
}
/* The mask of a stack whose SS has flags e2 (B bit), or 64-bit. */
static inline uint64_t stack_mask_of(uint32_t e2)
{
    return (e2 & DESC_B_MASK) ? 0xffffffffull : 0xffffull;
}

/* ---- seg-far.c ---- */

/* Far JMP/CALL to sel:offset (the CALL's return address next_eip, its
 * push size 1 << ot). */
void x86_far_jmp(CPUX86State *env, uint32_t sel, uint64_t offset,
                 uint64_t next_eip);
void x86_far_call(CPUX86State *env, uint32_t sel, uint64_t offset, int ot,
                  uint64_t next_eip);
/* RETF [imm16] and IRET with operand size ot. */
void x86_far_ret(CPUX86State *env, int ot, uint32_t imm);
void x86_iret(CPUX86State *env, int ot, uint64_t next_eip);

/* ---- task-switch.c ---- */

enum { TS_JMP, TS_CALL, TS_IRET, TS_INT };

/*
 * Switch to the task of TSS selector sel (descriptor e1/e2, already
 * checked to be a TSS of the right busy state by the caller or checked
 * here) for the reason source; next_eip is saved as the old task's EIP.
 * ext goes into the error codes of the faults it raises.
 */
void x86_task_switch(CPUX86State *env, uint32_t sel, uint32_t e1,
                     uint32_t e2, int source, uint64_t next_eip, int ext);

/* ---- sys-desc.c ---- */

/* Register the 0F 00 / 0F 01 table instructions, LAR, LSL, CLTS (called
 * by x86_sys_ops_init()). */
void x86_sys_desc_ops_init(void);

#endif
