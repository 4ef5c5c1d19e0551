/*
 * string-ops.c: MOVS, CMPS, STOS, LODS, SCAS, INS, OUTS with REP prefixes.
 *
 * A repeated instruction runs at most REP_CHUNK elements per execution,
 * updating RCX/RSI/RDI after each, then leaves EIP on itself so the
 * executor can take interrupts in between (it ends its TB); a fault in
 * the middle leaves the registers describing the elements not yet done,
 * exactly as SDM vol. 1 7.3.9.1 describes.  Forward byte/word MOVS and
 * STOS over RAM go through host memory a page at a time.
 */
#include "qemu/osdep.h"
#include "target/i386/tcg/tcg-cpu.h"

#define REP_CHUNK 4096

static inline uint64_t amask(const X86Insn *in)
{
    return in->aflag == MO_16 ? 0xffff : in->aflag == MO_32 ? 0xffffffff
                                                            : ~0ull;
}

/* Store v into register r at address size (RSI/RDI/RCX updates). */
static inline void set_areg(CPUX86State *env, const X86Insn *in, int r,
                            uint64_t v)
{
    if (in->aflag == MO_16) {
        env->regs[r] = (env->regs[r] & ~0xffffull) | (uint16_t)v;
    } else if (in->aflag == MO_32) {
        env->regs[r] = (uint32_t)v;
    } else {
        env->regs[r] = v;
    }
}

static inline uint64_t src_la(CPUX86State *env, const X86Insn *in)
{
    return linear_addr(env, in->seg, env->regs[R_ESI] & amask(in));
}

static inline uint64_t dst_la(CPUX86State *env, const X86Insn *in)
{
    int seg = (env->hflags & HF_CS64) ? SEG_NONE : R_ES;

    return linear_addr(env, seg, env->regs[R_EDI] & amask(in));
}

static inline int64_t step(CPUX86State *env, int ot)
{
    return (env->eflags & DF_MASK) ? -(1 << ot) : (1 << ot);
}

/* A REP-prefixed instruction with nothing (left) to do finishes. */
static inline bool rep_done(CPUX86State *env, const X86Insn *in)
{
    return (env->regs[R_ECX] & amask(in)) == 0;
}

static inline void rep_dec(CPUX86State *env, const X86Insn *in)
{
    set_areg(env, in, R_ECX, (env->regs[R_ECX] & amask(in)) - 1);
}

/* Host pointer for reading [la, la + n) if it is RAM in one page. */
static void *read_ptr(CPUX86State *env, uint64_t la, unsigned n)
{
    int idx = cpu_mmu_index(env);
    CPUTLBEntry *e = tlb_entry(env, idx, la);

    if (!same_page(la, n)) {
        return NULL;
    }
    if (e->addr_read != (la & TARGET_PAGE_MASK)) {
        (void)cpu_ldub(env, la);        /* fill (or fault) */
        e = tlb_entry(env, idx, la);
        if (e->addr_read != (la & TARGET_PAGE_MASK)) {
            return NULL;
        }
    }
    return (void *)(uintptr_t)(la + e->addend);
}

/*
 * Fast forward MOVS/STOS: as many whole elements as fit in the current
 * source and destination pages; returns how many were done.
 */
static uint64_t fast_movs(CPUX86State *env, const X86Insn *in, uint64_t count,
                          bool stos)
{
    int ot = in->ot;
    unsigned size = 1u << ot;
    uint64_t d = dst_la(env, in), s = stos ? 0 : src_la(env, in);
    uint64_t room = (TARGET_PAGE_SIZE - (d & ~TARGET_PAGE_MASK)) / size;
    uint64_t n, i;
    uint8_t *dp, *sp = NULL;

    if (!stos) {
        uint64_t r2 = (TARGET_PAGE_SIZE - (s & ~TARGET_PAGE_MASK)) / size;

        room = MIN(room, r2);
    }
    n = MIN(count, room);
    /* Both pointers must stay in one page and inside the address size. */
    if (!n || ((env->regs[R_EDI] & amask(in)) + n * size - 1) > amask(in) ||
        (!stos && ((env->regs[R_ESI] & amask(in)) + n * size - 1) >
         amask(in))) {
        return 0;
    }
    dp = cpu_rw_ptr(env, d, n * size, cpu_mmu_index(env));
    if (!dp) {
        return 0;
    }
    if (stos) {
        uint64_t v = env->regs[R_EAX];

        if (size == 1) {
            memset(dp, (uint8_t)v, n);
        } else {
            for (i = 0; i < n; i++) {
                memcpy(dp + i * size, &v, size);
            }
        }
    } else {
        sp = read_ptr(env, s, n * size);
        if (!sp) {
            return 0;
        }
        if (dp >= sp + n * size || sp >= dp + n * size) {
            memcpy(dp, sp, n * size);
        } else {
            /* Overlap: element by element, as the CPU does. */
            for (i = 0; i < n; i++) {
                memmove(dp + i * size, sp + i * size, size);
            }
        }
    }
    return n;
}

static void op_movs(CPUX86State *env, const X86Insn *in)
{
    int ot = in->ot;
    bool rep = in->prefix & (PREFIX_REPZ | PREFIX_REPNZ);
    int64_t d = step(env, ot);
    unsigned n = 0;

    if (!rep) {
        cpu_st_ot(env, dst_la(env, in), cpu_ld_ot(env, src_la(env, in), ot),
                  ot);
        set_areg(env, in, R_ESI, env->regs[R_ESI] + d);
        set_areg(env, in, R_EDI, env->regs[R_EDI] + d);
        env->eip = in->next_eip;
        return;
    }
    while (n < REP_CHUNK && !rep_done(env, in)) {
        if (d > 0) {
            uint64_t k = fast_movs(env, in, env->regs[R_ECX] & amask(in),
                                   false);
            if (k) {
                set_areg(env, in, R_ESI, env->regs[R_ESI] + k * d);
                set_areg(env, in, R_EDI, env->regs[R_EDI] + k * d);
                set_areg(env, in, R_ECX, (env->regs[R_ECX] & amask(in)) - k);
                n += k;
                continue;
            }
        }
        cpu_st_ot(env, dst_la(env, in), cpu_ld_ot(env, src_la(env, in), ot),
                  ot);
        set_areg(env, in, R_ESI, env->regs[R_ESI] + d);
        set_areg(env, in, R_EDI, env->regs[R_EDI] + d);
        rep_dec(env, in);
        n++;
    }
    if (rep_done(env, in)) {
        env->eip = in->next_eip;
    }
}

static void op_stos(CPUX86State *env, const X86Insn *in)
{
    int ot = in->ot;
    bool rep = in->prefix & (PREFIX_REPZ | PREFIX_REPNZ);
    int64_t d = step(env, ot);
    uint64_t v = get_reg(env, in, R_EAX, ot);
    unsigned n = 0;

    if (!rep) {
        cpu_st_ot(env, dst_la(env, in), v, ot);
        set_areg(env, in, R_EDI, env->regs[R_EDI] + d);
        env->eip = in->next_eip;
        return;
    }
    while (n < REP_CHUNK && !rep_done(env, in)) {
        if (d > 0) {
            uint64_t k = fast_movs(env, in, env->regs[R_ECX] & amask(in),
                                   true);
            if (k) {
                set_areg(env, in, R_EDI, env->regs[R_EDI] + k * d);
                set_areg(env, in, R_ECX, (env->regs[R_ECX] & amask(in)) - k);
                n += k;
                continue;
            }
        }
        cpu_st_ot(env, dst_la(env, in), v, ot);
        set_areg(env, in, R_EDI, env->regs[R_EDI] + d);
        rep_dec(env, in);
        n++;
    }
    if (rep_done(env, in)) {
        env->eip = in->next_eip;
    }
}

static void op_lods(CPUX86State *env, const X86Insn *in)
{
    int ot = in->ot;
    bool rep = in->prefix & (PREFIX_REPZ | PREFIX_REPNZ);
    int64_t d = step(env, ot);
    unsigned n = 0;

    if (!rep) {
        set_reg(env, in, R_EAX, ot, cpu_ld_ot(env, src_la(env, in), ot));
        set_areg(env, in, R_ESI, env->regs[R_ESI] + d);
        env->eip = in->next_eip;
        return;
    }
    while (n < REP_CHUNK && !rep_done(env, in)) {
        set_reg(env, in, R_EAX, ot, cpu_ld_ot(env, src_la(env, in), ot));
        set_areg(env, in, R_ESI, env->regs[R_ESI] + d);
        rep_dec(env, in);
        n++;
    }
    if (rep_done(env, in)) {
        env->eip = in->next_eip;
    }
}

/* CMPS and SCAS: REPE/REPNE also stop on ZF. */
static void cmp_elem(CPUX86State *env, int ot, uint64_t a, uint64_t b)
{
    set_cc_op(env, CC_OP_SUBB + ot, a - b, b);
}

static void op_cmps(CPUX86State *env, const X86Insn *in)
{
    int ot = in->ot;
    int64_t d = step(env, ot);
    unsigned n = 0;
    bool repz = in->prefix & PREFIX_REPZ, repnz = in->prefix & PREFIX_REPNZ;

    if (!repz && !repnz) {
        uint64_t a = cpu_ld_ot(env, src_la(env, in), ot);
        uint64_t b = cpu_ld_ot(env, dst_la(env, in), ot);

        cmp_elem(env, ot, a, b);
        set_areg(env, in, R_ESI, env->regs[R_ESI] + d);
        set_areg(env, in, R_EDI, env->regs[R_EDI] + d);
        env->eip = in->next_eip;
        return;
    }
    while (n < REP_CHUNK && !rep_done(env, in)) {
        uint64_t a = cpu_ld_ot(env, src_la(env, in), ot);
        uint64_t b = cpu_ld_ot(env, dst_la(env, in), ot);
        bool z;

        cmp_elem(env, ot, a, b);
        set_areg(env, in, R_ESI, env->regs[R_ESI] + d);
        set_areg(env, in, R_EDI, env->regs[R_EDI] + d);
        rep_dec(env, in);
        n++;
        z = ((a - b) & ot_mask(ot)) == 0;
        if ((repz && !z) || (repnz && z)) {
            env->eip = in->next_eip;
            return;
        }
    }
    if (rep_done(env, in)) {
        env->eip = in->next_eip;
    }
}

static void op_scas(CPUX86State *env, const X86Insn *in)
{
    int ot = in->ot;
    int64_t d = step(env, ot);
    unsigned n = 0;
    bool repz = in->prefix & PREFIX_REPZ, repnz = in->prefix & PREFIX_REPNZ;
    uint64_t a = get_reg(env, in, R_EAX, ot);

    if (!repz && !repnz) {
        cmp_elem(env, ot, a, cpu_ld_ot(env, dst_la(env, in), ot));
        set_areg(env, in, R_EDI, env->regs[R_EDI] + d);
        env->eip = in->next_eip;
        return;
    }
    while (n < REP_CHUNK && !rep_done(env, in)) {
        uint64_t b = cpu_ld_ot(env, dst_la(env, in), ot);
        bool z;

        cmp_elem(env, ot, a, b);
        set_areg(env, in, R_EDI, env->regs[R_EDI] + d);
        rep_dec(env, in);
        n++;
        z = ((a - b) & ot_mask(ot)) == 0;
        if ((repz && !z) || (repnz && z)) {
            env->eip = in->next_eip;
            return;
        }
    }
    if (rep_done(env, in)) {
        env->eip = in->next_eip;
    }
}

static int io_size(const X86Insn *in)
{
    return in->ot == MO_8 ? MO_8 : in->ot == MO_16 ? MO_16 : MO_32;
}

static void op_ins(CPUX86State *env, const X86Insn *in)
{
    int ot = io_size(in);
    bool rep = in->prefix & (PREFIX_REPZ | PREFIX_REPNZ);
    int64_t d = step(env, ot);
    uint16_t port = (uint16_t)env->regs[R_EDX];
    unsigned n = 0;

    x86_check_io(env, port, ot);
    do {
        uint64_t la;

        if (rep && rep_done(env, in)) {
            break;
        }
        la = dst_la(env, in);
        /* The write must be possible before the port is read. */
        cpu_probe_write(env, la, 1u << ot, cpu_mmu_index(env));
        cpu_st_ot(env, la, x86_io_read(env, port, ot), ot);
        set_areg(env, in, R_EDI, env->regs[R_EDI] + d);
        if (rep) {
            rep_dec(env, in);
        }
        n++;
    } while (rep && n < REP_CHUNK);
    if (!rep || rep_done(env, in)) {
        env->eip = in->next_eip;
    }
}

static void op_outs(CPUX86State *env, const X86Insn *in)
{
    int ot = io_size(in);
    bool rep = in->prefix & (PREFIX_REPZ | PREFIX_REPNZ);
    int64_t d = step(env, ot);
    uint16_t port = (uint16_t)env->regs[R_EDX];
    unsigned n = 0;

    x86_check_io(env, port, ot);
    do {
        if (rep && rep_done(env, in)) {
            break;
        }
        x86_io_write(env, port, cpu_ld_ot(env, src_la(env, in), ot), ot);
        set_areg(env, in, R_ESI, env->regs[R_ESI] + d);
        if (rep) {
            rep_dec(env, in);
        }
        n++;
    } while (rep && n < REP_CHUNK);
    if (!rep || rep_done(env, in)) {
        env->eip = in->next_eip;
    }
}

void x86_string_ops_init(void)
{
    x86_op(0, 0xa4, op_movs, OPF_BYTE | OPF_END);
    x86_op(0, 0xa5, op_movs, OPF_END);
    x86_op(0, 0xa6, op_cmps, OPF_BYTE | OPF_END);
    x86_op(0, 0xa7, op_cmps, OPF_END);
    x86_op(0, 0xaa, op_stos, OPF_BYTE | OPF_END);
    x86_op(0, 0xab, op_stos, OPF_END);
    x86_op(0, 0xac, op_lods, OPF_BYTE | OPF_END);
    x86_op(0, 0xad, op_lods, OPF_END);
    x86_op(0, 0xae, op_scas, OPF_BYTE | OPF_END);
    x86_op(0, 0xaf, op_scas, OPF_END);
    x86_op(0, 0x6c, op_ins, OPF_BYTE | OPF_END);
    x86_op(0, 0x6d, op_ins, OPF_END);
    x86_op(0, 0x6e, op_outs, OPF_BYTE | OPF_END);
    x86_op(0, 0x6f, op_outs, OPF_END);
}
