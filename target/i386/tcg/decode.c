/*
 * decode.c: x86 instruction decoding into translation blocks.
 *
 * One table-driven decoder for every mode: legacy prefixes, REX, the
 * one-byte, 0F, 0F 38 and 0F 3A opcode maps, ModRM/SIB/displacement
 * (16-bit and 32/64-bit forms, RIP-relative), immediates.  The opcode
 * maps hold, per opcode, the forms registered by the instruction files
 * (x86_op_set()): a form may be narrowed by mandatory prefix (SSE), by
 * ModRM.reg (groups), by register/memory form and by ModRM.rm; the most
 * specific match wins.  Each decoded instruction gets every operand field
 * its handler reads at run time, so handlers never look at guest code.
 *
 * Code bytes are read through the code TLB (x86_tlb_fill() with access 2);
 * the guest-physical pages the TB came from are recorded for invalidation
 * when they are written.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/tcg-cpu.h"
#include "target/i386/tcg/smm.h"
#include "exec/memory.h"

typedef struct OpEntry {
    X86InsnFn fn;
    const X86InsnFn *variants;  /* [ot * 2 + register form], or NULL */
    uint32_t flags;
    int8_t pfx, reg, mod, rm;
} OpEntry;

typedef struct OpSlot {
    OpEntry *e;
    unsigned n;
} OpSlot;

static OpSlot op_table[4][256];

void x86_op_set(unsigned map, unsigned opcode, int pfx, int reg, int mod,
                int rm, X86InsnFn fn, uint32_t flags)
{
    OpSlot *s;
    OpEntry *e;

    g_assert(map < 4 && opcode < 256);
    s = &op_table[map][opcode];
    s->e = g_renew(OpEntry, s->e, s->n + 1);
    e = &s->e[s->n++];
    e->fn = fn;
    e->variants = NULL;
    e->flags = flags;
    e->pfx = pfx;
    e->reg = reg;
    e->mod = mod;
    e->rm = rm;
    g_assert(!!(s->e[0].flags & OPF_MODRM) == !!(flags & OPF_MODRM));
}

void x86_op_set_variants(unsigned map, unsigned opcode, int pfx, int reg,
                         int mod, int rm, const X86InsnFn variants[8],
                         uint32_t flags)
{
    OpSlot *s;

    x86_op_set(map, opcode, pfx, reg, mod, rm, variants[0], flags);
    s = &op_table[map][opcode];
    s->e[s->n - 1].variants = variants;
}

void x86_op_ud(CPUX86State *env, const X86Insn *in)
{
    (void)in;
    raise_exception(env, EXCP06_ILLOP);
}

static void op_gp_too_long(CPUX86State *env, const X86Insn *in)
{
    (void)in;
    raise_exception_err(env, EXCP0D_GPF, 0);
}

void x86_tcg_ops_init(void)
{
    static bool done;

    if (done) {
        return;
    }
    done = true;
    x86_int_ops_init();
    x86_string_ops_init();
    x86_sys_ops_init();
    x86_fpu_ops_init();
    x86_sse_ops_init();
    x86_smm_ops_init();
}

/* ---- code fetch ---- */

typedef struct DecodeCtx {
    CPUX86State *env;
    TranslationBlock *tb;
    uint64_t cs_base;
    uint64_t eip;           /* of the next byte */
    uint64_t eip_mask;
    bool code64;
    uint64_t page;          /* linear page of host, or -1 */
    const uint8_t *host;    /* NULL: read through the address space */
    uint64_t phys;          /* guest-physical page */
    bool probe;             /* a fetch failure ends the TB quietly */
    sigjmp_buf fail;
    unsigned insn_bytes;    /* bytes of the instruction so far */
} DecodeCtx;

static void ctx_map_page(DecodeCtx *c, uint64_t la)
{
    CPUX86State *env = c->env;
    int idx = cpu_cpl(env) == 3 ? MMU_USER_IDX : MMU_KERNEL_IDX;
    CPUTLBEntry *e = tlb_entry(env, idx, la);
    uint64_t page = la & TARGET_PAGE_MASK;
    CPUTLBEntryFull *full;
    TranslationBlock *tb = c->tb;

    if ((e->addr_code & ~TLB_MMIO) != page) {
        if (!x86_tlb_fill(env, la, 2, idx, c->probe)) {
            siglongjmp(c->fail, 1);
        }
        e = tlb_entry(env, idx, la);
    }
    full = &env->tcg->tlb_full[idx][(la >> TARGET_PAGE_BITS) &
                                    (CPU_TLB_SIZE - 1)];
    c->page = page;
    c->phys = full->phys;
    c->host = (e->addr_code & TLB_MMIO) ? NULL
              : (const uint8_t *)(uintptr_t)(page + e->addend);
    if (tb->phys_page[0] == (uint64_t)-1) {
        tb->phys_page[0] = c->phys;
    } else if (c->phys != tb->phys_page[0]) {
        if (tb->phys_page[1] != (uint64_t)-1 && tb->phys_page[1] != c->phys) {
            /* A third page: stop before this instruction. */
            siglongjmp(c->fail, 1);
        }
        tb->phys_page[1] = c->phys;
    }
}

static uint8_t fetch_b(DecodeCtx *c)
{
    uint64_t la = c->cs_base + (c->eip & c->eip_mask);
    uint8_t b;

    if (!c->code64) {
        la = (uint32_t)la;
    }
    if ((la & TARGET_PAGE_MASK) != c->page) {
        ctx_map_page(c, la);
    }
    if (c->host) {
        b = c->host[la & ~TARGET_PAGE_MASK];
    } else {
        uint64_t v = 0;
        address_space_load(&address_space_memory,
                           c->phys | (la & ~TARGET_PAGE_MASK), 1, &v);
        b = v;
    }
    c->eip++;
    c->insn_bytes++;
    return b;
}

static uint16_t fetch_w(DecodeCtx *c)
{
    uint16_t v = fetch_b(c);
    return v | (uint16_t)fetch_b(c) << 8;
}

static uint32_t fetch_l(DecodeCtx *c)
{
    uint32_t v = fetch_w(c);
    return v | (uint32_t)fetch_w(c) << 16;
}

static uint64_t fetch_q(DecodeCtx *c)
{
    uint64_t v = fetch_l(c);
    return v | (uint64_t)fetch_l(c) << 32;
}

/* ---- one instruction ---- */

static const OpEntry *match_entry(const OpSlot *s, int pfx, int reg,
                                  int mod3, int rm, bool has_modrm)
{
    const OpEntry *best = NULL;
    int best_score = -1;
    unsigned i;

    for (i = 0; i < s->n; i++) {
        const OpEntry *e = &s->e[i];
        int score = 0;

        if (e->pfx != OPM_ANY) {
            if (e->pfx != pfx) {
                continue;
            }
            score++;
        }
        if (has_modrm) {
            if (e->reg != OPM_ANY) {
                if (e->reg != reg) {
                    continue;
                }
                score++;
            }
            if (e->mod != OPM_ANY) {
                if (e->mod != mod3) {
                    continue;
                }
                score++;
            }
            if (e->rm != OPM_ANY) {
                if (!mod3 || e->rm != rm) {
                    continue;
                }
                score++;
            }
        }
        if (score >= best_score) {
            best = e;
            best_score = score;
        }
    }
    return best;
}

/* 16-bit ModRM memory forms (SDM vol. 2 table 2-1). */
static void decode_modrm16(DecodeCtx *c, X86Insn *in, int mod, int rm,
                           int *def_seg)
{
    static const uint8_t base16[8] = {
        R_EBX, R_EBX, R_EBP, R_EBP, R_ESI, R_EDI, R_EBP, R_EBX
    };
    static const uint8_t index16[8] = {
        R_ESI, R_EDI, R_ESI, R_EDI, REG_NONE, REG_NONE, REG_NONE, REG_NONE
    };

    in->base = base16[rm];
    in->index = index16[rm];
    in->scale = 0;
    if (mod == 0 && rm == 6) {
        in->base = REG_NONE;
        in->disp = fetch_w(c);
    } else if (mod == 1) {
        in->disp = (int8_t)fetch_b(c);
    } else if (mod == 2) {
        in->disp = (int16_t)fetch_w(c);
    }
    *def_seg = (in->base == R_EBP) ? R_SS : R_DS;
}

/* 32/64-bit ModRM memory forms with SIB (SDM vol. 2 tables 2-2, 2-3). */
static void decode_modrm32(DecodeCtx *c, X86Insn *in, int mod, int rm,
                           int rex, bool *riprel, int *def_seg)
{
    int base = rm;

    in->index = REG_NONE;
    in->scale = 0;
    if (rm == 4) {
        uint8_t sib = fetch_b(c);
        int index = ((sib >> 3) & 7) | ((rex & 2) << 2);

        in->scale = sib >> 6;
        if (index != 4) {
            in->index = index;
        }
        base = sib & 7;
        if (base == 5 && mod == 0) {
            in->base = REG_NONE;
            in->disp = (int32_t)fetch_l(c);
            *def_seg = R_DS;
            return;
        }
        in->base = base | ((rex & 1) << 3);
    } else if (rm == 5 && mod == 0) {
        in->base = REG_NONE;
        in->disp = (int32_t)fetch_l(c);
        *riprel = c->code64;
        *def_seg = R_DS;
        return;
    } else {
        in->base = base | ((rex & 1) << 3);
    }
    if (mod == 1) {
        in->disp = (int8_t)fetch_b(c);
    } else if (mod == 2) {
        in->disp = (int32_t)fetch_l(c);
    }
    *def_seg = (in->base == R_ESP || in->base == R_EBP) ? R_SS : R_DS;
}

/*
 * Decode the instruction at c->eip into in.  Returns the entry flags
 * (0 for an undefined encoding, decoded as #UD).
 */
static uint32_t decode_insn(DecodeCtx *c, X86Insn *in)
{
    CPUX86State *env = c->env;
    uint64_t start = c->eip;
    int seg_override = -1, rex = 0, last_rep = 0;
    unsigned prefix = 0, map = 0, op;
    int pfx, mod = 0, reg = 0, rm = 0, def_seg = R_DS;
    bool riprel = false, code32 = (c->tb->flags & HF_CS32) != 0;
    const OpEntry *e;
    const OpSlot *slot;
    uint32_t flags;
    int ot, aflag;

    memset(in, 0, sizeof(*in));
    in->eip = start & c->eip_mask;
    in->base = REG_NONE;
    in->index = REG_NONE;
    c->insn_bytes = 0;

    for (;;) {
        uint8_t b = fetch_b(c);

        switch (b) {
        case 0xf0: prefix |= PREFIX_LOCK; rex = 0; continue;
        case 0xf2: prefix |= PREFIX_REPNZ; last_rep = PFX_F2; rex = 0;
            continue;
        case 0xf3: prefix |= PREFIX_REPZ; last_rep = PFX_F3; rex = 0;
            continue;
        case 0x2e: seg_override = R_CS; rex = 0; continue;
        case 0x36: seg_override = R_SS; rex = 0; continue;
        case 0x3e: seg_override = R_DS; rex = 0; continue;
        case 0x26: seg_override = R_ES; rex = 0; continue;
        case 0x64: seg_override = R_FS; rex = 0; continue;
        case 0x65: seg_override = R_GS; rex = 0; continue;
        case 0x66: prefix |= PREFIX_DATA; rex = 0; continue;
        case 0x67: prefix |= PREFIX_ADR; rex = 0; continue;
        default:
            break;
        }
        if (c->code64 && b >= 0x40 && b <= 0x4f) {
            rex = b;
            continue;
        }
        op = b;
        break;
    }
    if (rex) {
        prefix |= PREFIX_REX;
    }
    if (seg_override >= 0) {
        prefix |= PREFIX_SEG;
    }
    if (op == 0x0f) {
        op = fetch_b(c);
        map = 1;
        if (op == 0x38) {
            op = fetch_b(c);
            map = 2;
        } else if (op == 0x3a) {
            op = fetch_b(c);
            map = 3;
        }
    }
    in->map = map;
    in->op = op;
    in->prefix = prefix;
    in->rex_w = (rex >> 3) & 1;

    slot = &op_table[map][op];
    if (!slot->n) {
        e = NULL;
        flags = 0;
    } else {
        bool has_modrm = slot->e[0].flags & OPF_MODRM;

        if (has_modrm) {
            in->modrm = fetch_b(c);
            mod = (slot->e[0].flags & OPF_MODRM_REG) ? 3 : in->modrm >> 6;
            reg = (in->modrm >> 3) & 7;
            rm = in->modrm & 7;
        }
        pfx = last_rep ? last_rep : (prefix & PREFIX_DATA) ? PFX_66
                                                            : PFX_NONE;
        e = match_entry(slot, pfx, reg, mod == 3, rm, has_modrm);
        flags = e ? e->flags : 0;
        if (e && e->pfx != OPM_ANY) {
            in->pfx = e->pfx;
            if (e->pfx == PFX_66) {
                prefix &= ~PREFIX_DATA;
            } else if (e->pfx == PFX_F3) {
                prefix &= ~PREFIX_REPZ;
            } else if (e->pfx == PFX_F2) {
                prefix &= ~PREFIX_REPNZ;
            }
            in->prefix = prefix;
        }
    }

    /* Operand and address sizes. */
    if (c->code64) {
        if (flags & OPF_FORCE64) {
            ot = MO_64;
        } else if (rex & 8) {
            ot = MO_64;
        } else if (prefix & PREFIX_DATA) {
            ot = MO_16;
        } else {
            ot = (flags & OPF_DEF64) ? MO_64 : MO_32;
        }
        aflag = (prefix & PREFIX_ADR) ? MO_32 : MO_64;
    } else {
        ot = (code32 ^ !!(prefix & PREFIX_DATA)) ? MO_32 : MO_16;
        aflag = (code32 ^ !!(prefix & PREFIX_ADR)) ? MO_32 : MO_16;
    }
    if (flags & OPF_BYTE) {
        ot = MO_8;
    }
    in->ot = ot;
    in->aflag = aflag;

    if (e && (flags & OPF_MODRM)) {
        in->reg = reg | ((rex & 4) << 1);
        if (mod == 3) {
            in->mod3 = 1;
            in->rm = rm | ((rex & 1) << 3);
        } else if (aflag == MO_16) {
            decode_modrm16(c, in, mod, rm, &def_seg);
        } else {
            decode_modrm32(c, in, mod, rm, rex, &riprel, &def_seg);
        }
    } else {
        /* +r forms (PUSH r, MOV r, imm, XCHG, BSWAP): low opcode bits. */
        in->reg = (op & 7) | ((rex & 1) << 3);
    }

    /* Immediates. */
    if (flags & OPF_MOFFS) {
        in->disp = aflag == MO_64 ? (int64_t)fetch_q(c)
                   : aflag == MO_32 ? (int64_t)fetch_l(c)
                                    : (int64_t)fetch_w(c);
        in->base = REG_NONE;
        in->index = REG_NONE;
    }
    if (flags & OPF_IMM8) {
        in->imm = (int64_t)(int8_t)fetch_b(c);
    } else if (flags & OPF_IMM8U) {
        in->imm = fetch_b(c);
    } else if (flags & OPF_IMM16) {
        in->imm = fetch_w(c);
    } else if (flags & OPF_IMM32) {
        in->imm = fetch_l(c);
    } else if (flags & OPF_IMMZ) {
        in->imm = ot == MO_8 ? (int64_t)(int8_t)fetch_b(c)
                  : ot == MO_16 ? (int64_t)(int16_t)fetch_w(c)
                                : (int64_t)(int32_t)fetch_l(c);
    } else if (flags & OPF_IMMV) {
        in->imm = ot == MO_8 ? fetch_b(c) : ot == MO_16 ? fetch_w(c)
                  : ot == MO_32 ? fetch_l(c) : fetch_q(c);
    } else if (flags & OPF_REL8) {
        in->imm = (int64_t)(int8_t)fetch_b(c);
    } else if (flags & OPF_RELZ) {
        in->imm = ot == MO_16 ? (int64_t)(int16_t)fetch_w(c)
                              : (int64_t)(int32_t)fetch_l(c);
    } else if (flags & OPF_FAR) {
        in->imm = ot == MO_16 ? fetch_w(c) : fetch_l(c);
        in->imm2 = fetch_w(c);
    } else if (flags & OPF_ENTER) {
        in->imm = fetch_w(c);
        in->imm2 = fetch_b(c);
    }

    in->len = c->insn_bytes;
    in->next_eip = (start + in->len) & c->eip_mask;
    if (flags & (OPF_REL8 | OPF_RELZ)) {
        uint64_t t = in->next_eip + in->imm;

        if (!c->code64) {
            t = ot == MO_16 ? (uint16_t)t : (uint32_t)t;
        }
        in->imm = t;
    }
    if (riprel) {
        in->disp += in->next_eip;
    }

    /* Segment of the memory operand. */
    {
        int s = seg_override >= 0 ? seg_override : def_seg;

        if (c->code64 && s != R_FS && s != R_GS) {
            s = SEG_NONE;
        }
        in->seg = s;
    }

    /* Encodings that are #UD or #GP however they execute. */
    if (in->len > 15) {
        in->fn = op_gp_too_long;
        return OPF_END;
    }
    if (!e || ((flags & OPF_NO64) && c->code64) ||
        ((flags & OPF_MEM) && in->mod3) ||
        ((flags & OPF_REGONLY) && (flags & OPF_MODRM) && !in->mod3) ||
        ((prefix & PREFIX_LOCK) &&
         (!(flags & OPF_LOCK) || !(flags & OPF_MODRM) || in->mod3))) {
        in->fn = x86_op_ud;
        return OPF_END;
    }
    in->fn = e->variants ? e->variants[in->ot * 2 + in->mod3] : e->fn;
    (void)env;
    return flags;
}

void x86_decode_tb(CPUX86State *env, TranslationBlock *tb)
{
    DecodeCtx c;
    volatile unsigned n = 0;
    uint64_t first_page;

    memset(&c, 0, sizeof(c));
    c.env = env;
    c.tb = tb;
    c.cs_base = tb->cs_base;
    c.code64 = (tb->flags & HF_CS64) != 0;
    c.eip_mask = c.code64 ? ~0ull : (tb->flags & HF_CS32) ? 0xffffffffull
                                                          : 0xffffull;
    c.eip = (tb->pc - tb->cs_base) & c.eip_mask;
    c.page = (uint64_t)-1;
    tb->phys_page[0] = (uint64_t)-1;
    tb->phys_page[1] = (uint64_t)-1;
    first_page = tb->pc & TARGET_PAGE_MASK;

    /* The first instruction's fetch faults are real faults. */
    c.probe = false;
    if (sigsetjmp(c.fail, 0)) {
        /* Unreachable for the first instruction: only probes fail. */
        g_assert_not_reached();
    }
    {
        uint32_t flags = decode_insn(&c, &tb->insns[0]);

        n = 1;
        if (flags & (OPF_END | OPF_REL8 | OPF_RELZ)) {
            goto done;
        }
    }
    c.probe = true;
    if (sigsetjmp(c.fail, 0)) {
        /* The bytes of instruction n could not be fetched: stop before. */
        goto done;
    }
    while (n < TB_MAX_INSNS && !(tb->flags & HF_TF)) {
        uint64_t la = c.cs_base + (c.eip & c.eip_mask);
        uint64_t saved_phys1 = tb->phys_page[1];
        uint32_t flags;

        if (!c.code64) {
            la = (uint32_t)la;
        }
        /* Stay on the first page (an instruction may straddle out). */
        if ((la & TARGET_PAGE_MASK) != first_page) {
            break;
        }
        flags = decode_insn(&c, &tb->insns[n]);
        if (tb->insns[n].fn == x86_op_ud) {
            /* Leave #UD to be the first instruction of a TB of its own,
             * so the bytes before it run first. */
            tb->phys_page[1] = saved_phys1;
            break;
        }
        n++;
        if (flags & (OPF_END | OPF_REL8 | OPF_RELZ)) {
            break;
        }
    }
done:
    tb->n_insns = n;
    {
        const X86Insn *last = &tb->insns[n - 1];
        uint64_t end_eip = last->eip + last->len;
        uint64_t start_eip = (tb->pc - tb->cs_base) & c.eip_mask;

        tb->size = (uint16_t)(end_eip - start_eip);
    }
}
