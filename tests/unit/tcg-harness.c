/*
 * tcg-harness.c: the differential harness (tcg-harness.h): the guest
 * built on the emulator's pieces and its runs, the comparison and its
 * reports, the operand generators.  The host side is tcg-harness-host.c
 * (included below).
 *
 * Included by each test-tcg-diff-*.c (the Makefile links one source per
 * test program).
 */
#include "tcg-harness.h"
#include <signal.h>
#include <setjmp.h>
#include <ucontext.h>
#include <cpuid.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <asm/ldt.h>
#include "exec/memory.h"
#include "hw/core/cpu.h"
#include "hw/qdev-core.h"
#include "hw/i386/x86-cpu.h"
#include "qemu/main-loop.h"
#include "sysemu/accel.h"
#include "target/i386/tcg/tcg-cpu.h"
#include "accel/tcg/tcg-exec.h"

/* ---- guest-physical layout ---- */

#define RAM_SIZE        (8 * MiB)
#define GDT_PA          0x1000
#define IDT_PA          0x2000
#define HANDLERS_PA     0x3000      /* 32 handlers, 32 bytes each */
#define CELLS_PA        0x5000      /* vector at +0, error code at +8 */
#define PT_POOL_PA      0x10000     /* page tables, allocated upwards */
#define PT_POOL_END     0x80000
#define STACK_TOP       0xff000
#define CODE_PA         0x100000    /* the snippet (identity-mapped) */
#define DATA_PA         0x400000    /* the data area, mapped at data_la */

#define SEL_CODE64      0x08
#define SEL_DATA        0x10
#define SEL_CODE32      0x18
#define SEL_CODE16      0x20        /* base CODE_PA, limit 64 KiB */

#define MAX_REPORTS     200         /* mismatches printed per test */
#define REPORTS_PER_CASE 2

static CPUState *guest_cs;
static CPUX86State *genv;
static uint8_t *gram;              /* host view of guest RAM */
static uint64_t pt_next = PT_POOL_PA;
static uint8_t *data_init;         /* the bytes both sides start from */
static uint8_t *host_data;         /* the host's data area (= data_la) */
static bool host_ldt_ok;            /* the 16-bit LDT segments exist */
static unsigned n_failures, n_reports, n_failed_cases;
static GHashTable *report_counts;  /* mismatches per case name */
static bool quiet;

/* Little-endian fields in guest memory and in FXSAVE images. */
static inline uint16_t lduw_le_p(const void *p)
{
    uint16_t v;

    memcpy(&v, p, 2);
    return v;
}
static inline uint32_t ldl_le_p(const void *p)
{
    uint32_t v;

    memcpy(&v, p, 4);
    return v;
}
static inline uint64_t ldq_le_p(const void *p)
{
    uint64_t v;

    memcpy(&v, p, 8);
    return v;
}
static inline void stw_le_p(void *p, uint16_t v)
{
    memcpy(p, &v, 2);
}
static inline void stl_le_p(void *p, uint32_t v)
{
    memcpy(p, &v, 4);
}
static inline void stq_le_p(void *p, uint64_t v)
{
    memcpy(p, &v, 8);
}

/* ---- page tables: 4-level, built in guest RAM ---- */

static uint64_t pt_alloc(void)
{
    uint64_t pa = pt_next;

    g_assert_cmphex(pa, <, PT_POOL_END);
    pt_next += 0x1000;
    memset(gram + pa, 0, 0x1000);
    return pa;
}

/* The table below entry idx of the table at pa, allocated if absent. */
static uint64_t pt_next_level(uint64_t pa, unsigned idx)
{
    uint64_t *e = (uint64_t *)(gram + pa) + idx;

    if (!(*e & 1)) {
        *e = pt_alloc() | 0x7;          /* P, RW, US */
    }
    g_assert_false(*e & 0x80);
    return *e & 0xffffffffff000ull;
}

/* Map the 4 KiB page (or 2 MiB page if big) at la to pa. */
static void pt_map(uint64_t la, uint64_t pa, bool big)
{
    uint64_t t = genv->cr[3];

    t = pt_next_level(t, (la >> 39) & 511);
    t = pt_next_level(t, (la >> 30) & 511);
    if (big) {
        ((uint64_t *)(gram + t))[(la >> 21) & 511] = pa | 0x87;
        return;
    }
    t = pt_next_level(t, (la >> 21) & 511);
    ((uint64_t *)(gram + t))[(la >> 12) & 511] = pa | 0x7;
}

/* ---- the guest's system structures ---- */

/*
 * Each exception handler: pop the error code (vectors that push one) into
 * the cell, store the vector, halt.  No register but RSP changes, so the
 * test sees the registers of the faulting moment; RIP and RFLAGS stay in
 * the frame on the stack.
 */
static void build_handlers(void)
{
    static const uint32_t with_err = (1u << 8) | (0x1fu << 10) | (1u << 17) |
                                     (1u << 21) | (1u << 29) | (1u << 30);
    int v;

    for (v = 0; v < 32; v++) {
        uint8_t *p = gram + HANDLERS_PA + v * 32;
        uint64_t gate_lo, h = HANDLERS_PA + v * 32;

        if (with_err & (1u << v)) {
            *p++ = 0x8f;                /* pop qword [CELLS_PA + 8] */
            *p++ = 0x04;
            *p++ = 0x25;
            stl_le_p(p, CELLS_PA + 8);
            p += 4;
        }
        *p++ = 0xc7;                    /* mov dword [CELLS_PA], v */
        *p++ = 0x04;
        *p++ = 0x25;
        stl_le_p(p, CELLS_PA);
        p += 4;
        stl_le_p(p, v);
        p += 4;
        *p++ = 0xf4;                    /* hlt */
        *p++ = 0xeb;                    /* jmp back to the hlt */
        *p++ = 0xfd;

        /* 64-bit interrupt gate, DPL 0, present. */
        gate_lo = (h & 0xffff) | ((uint64_t)SEL_CODE64 << 16) |
                  (0x8eull << 40) | ((h >> 16 & 0xffff) << 48);
        stq_le_p(gram + IDT_PA + v * 16, gate_lo);
        stq_le_p(gram + IDT_PA + v * 16 + 8, h >> 32);
    }
}

static void build_gdt(void)
{
    uint64_t *gdt = (uint64_t *)(gram + GDT_PA);

    gdt[0] = 0;
    gdt[SEL_CODE64 >> 3] = 0x00209b0000000000ull;  /* L, P, code */
    gdt[SEL_DATA >> 3] = 0x00cf93000000ffffull;    /* 4 GiB data */
    gdt[SEL_CODE32 >> 3] = 0x00cf9b000000ffffull;  /* D, 4 GiB code */
    gdt[SEL_CODE16 >> 3] = 0x00009b000000ffffull |
                           (uint64_t)CODE_PA << 16;  /* 16-bit code */
}

#define CODE_FLAGS (DESC_P_MASK | DESC_S_MASK | (0xb << DESC_TYPE_SHIFT))
#define DATA_FLAGS (DESC_P_MASK | DESC_S_MASK | DESC_G_MASK | DESC_B_MASK | \
                    (0x3 << DESC_TYPE_SHIFT))

/*
 * CS for the mode; DS and ES: flat, or in 16-bit code 64 KiB segments
 * based at the data area (what the host's LDT segments are).
 */
static void guest_set_mode(DiffMode mode)
{
    int s;

    if (mode == DIFF_MODE_64) {
        cpu_x86_load_seg_cache(genv, R_CS, SEL_CODE64, 0, 0xffffffff,
                               CODE_FLAGS | DESC_L_MASK | DESC_G_MASK);
    } else if (mode == DIFF_MODE_32) {
        cpu_x86_load_seg_cache(genv, R_CS, SEL_CODE32, 0, 0xffffffff,
                               CODE_FLAGS | DESC_B_MASK | DESC_G_MASK);
    } else {
        cpu_x86_load_seg_cache(genv, R_CS, SEL_CODE16, CODE_PA, 0xffff,
                               CODE_FLAGS);
    }
    for (s = R_ES; s <= R_DS; s++) {
        if (s == R_CS || s == R_SS) {
            continue;
        }
        if (mode == DIFF_MODE_16) {
            cpu_x86_load_seg_cache(genv, s, SEL_DATA, (uintptr_t)host_data,
                                   0xffff, DESC_P_MASK | DESC_S_MASK |
                                   (0x3 << DESC_TYPE_SHIFT));
        } else {
            cpu_x86_load_seg_cache(genv, s, SEL_DATA, 0, 0xffffffff,
                                   DATA_FLAGS);
        }
    }
}

static void guest_long_mode(void)
{
    int s;

    genv->gdt.base = GDT_PA;
    genv->gdt.limit = 0x1f;
    genv->idt.base = IDT_PA;
    genv->idt.limit = 32 * 16 - 1;
    x86_cpu_set_cr4(genv, CR4_PAE_MASK | CR4_OSFXSR_MASK |
                    CR4_OSXMMEXCPT_MASK);
    genv->cr[3] = pt_alloc();
    /* Identity: the first 4 MiB in two big pages. */
    pt_map(0, 0, true);
    pt_map(0x200000, 0x200000, true);
    x86_cpu_set_cr3(genv, genv->cr[3]);
    x86_cpu_set_efer(genv, MSR_EFER_LME | MSR_EFER_SCE | MSR_EFER_NXE);
    x86_cpu_set_cr0(genv, CR0_PE_MASK | CR0_MP_MASK | CR0_ET_MASK |
                    CR0_NE_MASK | CR0_WP_MASK | CR0_PG_MASK);
    g_assert_true(genv->efer & MSR_EFER_LMA);
    for (s = R_ES; s <= R_GS; s++) {
        if (s != R_CS) {
            cpu_x86_load_seg_cache(genv, s, SEL_DATA, 0, 0xffffffff,
                                   DATA_FLAGS);
        }
    }
    guest_set_mode(DIFF_MODE_64);
    g_assert_true(genv->hflags & HF_CS64);
}

/* ---- set-up ---- */

static void host_setup(void);

void diff_init(const char *model)
{
    Error *err = NULL;
    Object *accel;
    MemoryRegion *ram;
    g_autofree char *type = x86_cpu_type_for_model(model);
    X86CPU *cpu;
    uint64_t off;

    /*
     * Operands come from g_test_rand_*(): GTest prints its seed first
     * ("# random seed: R02S..."); --seed=R02S... repeats a run.
     */

    /*
     * The accelerator's init (opcode maps, code cache, memory listener,
     * the software CPU's feature set for the CPU models), but no vCPU
     * threads: this thread runs the vCPU.
     */
    accel = object_new(ACCEL_CLASS_NAME("tcg"));
    if (!ACCEL_GET_CLASS(accel)->init_machine((AccelState *)accel, &err)) {
        g_error("tcg accel: %s", error_get_pretty(err));
    }
    cpus_register_accel(NULL);

    ram = g_new0(MemoryRegion, 1);
    g_assert_true(memory_region_init_ram(ram, NULL, "diff.ram", RAM_SIZE,
                                         &error_abort));
    memory_region_add_subregion(get_system_memory(), 0, ram);
    gram = memory_region_get_ram_ptr(ram);

    g_assert_nonnull(type);
    cpu = X86_CPU(object_new(type));
    object_property_add_child(object_get_root(), "diff-cpu", OBJECT(cpu));
    object_property_set_uint(OBJECT(cpu), "apic-id", 0, &error_abort);
    if (!qdev_realize(DEVICE(cpu), NULL, &err)) {
        g_error("CPU %s: %s", model, error_get_pretty(err));
    }
    guest_cs = CPU(cpu);
    genv = &cpu->env;
    /* What the accelerator's init_vcpu does. */
    genv->tcg = g_new0(X86TCGState, 1);
    genv->tcg->cs = guest_cs;
    genv->old_exception = -1;
    tlb_flush(genv);
    tcg_import_state(guest_cs);

    build_gdt();
    build_handlers();
    guest_long_mode();

    host_setup();
    /* The data area: the host buffer's address, in the guest too. */
    for (off = 0; off < DIFF_DATA_SIZE; off += 0x1000) {
        pt_map((uintptr_t)host_data + off, DATA_PA + off, false);
    }
    data_init = g_malloc0(DIFF_DATA_SIZE);
    tcg_import_state(guest_cs);
    current_cpu_set(guest_cs);
}

void diff_test_init(int *argc, char ***argv, const char *model)
{
    char **args = g_new0(char *, *argc + 2);
    int i;

    for (i = 0; i < *argc; i++) {
        args[i] = (*argv)[i];
    }
    args[i++] = (char *)"--keep-going";
    *argc = i;
    *argv = args;
    g_test_init(argc, argv, NULL);
    qemu_init_main_loop();
    diff_init(model);
}

uint64_t diff_guest_feature(int word)
{
    return genv->features[word];
}

bool diff_host_has(uint32_t leaf, uint32_t subleaf, int reg, int bit)
{
    uint32_t r[4];

    __cpuid_count(leaf, subleaf, r[0], r[1], r[2], r[3]);
    /* r[] is EAX, EBX, ECX, EDX; reg uses R_EAX.. numbering */
    switch (reg) {
    case R_EAX: return r[0] >> bit & 1;
    case R_EBX: return r[1] >> bit & 1;
    case R_ECX: return r[2] >> bit & 1;
    default: return r[3] >> bit & 1;
    }
}

bool diff_have_mode16(void)
{
    return host_ldt_ok;
}

uint64_t diff_data_addr(void)
{
    return (uintptr_t)host_data;
}

uint8_t *diff_data_init(void)
{
    return data_init;
}

const uint8_t *diff_guest_data(void)
{
    return gram + DATA_PA;
}

const uint8_t *diff_host_data(void)
{
    return host_data;
}

/* ---- FPU state: the FXSAVE image <-> CPUX86State ---- */

static void fx_to_env(const uint8_t *fx, CPUX86State *env)
{
    uint16_t fsw = lduw_le_p(fx + 2);
    int i;

    env->fpuc = lduw_le_p(fx);
    env->fpstt = (fsw >> 11) & 7;
    env->fpus = fsw & ~0x3800;
    for (i = 0; i < 8; i++) {
        int phys = (env->fpstt + i) & 7;

        env->fpregs[phys].mant = ldq_le_p(fx + 32 + 16 * i);
        env->fpregs[phys].exp = lduw_le_p(fx + 40 + 16 * i);
    }
    for (i = 0; i < 8; i++) {
        env->fptags[i] = !(fx[4] >> i & 1);
    }
    env->mxcsr = ldl_le_p(fx + 24);
    for (i = 0; i < 16; i++) {
        memcpy(&env->xmm_regs[i], fx + 160 + 16 * i, 16);
    }
}

static void env_to_fx(CPUX86State *env, uint8_t *fx)
{
    int i;

    memset(fx, 0, 512);
    stw_le_p(fx, env->fpuc);
    stw_le_p(fx + 2, (env->fpus & ~0x3800) | (env->fpstt & 7) << 11);
    for (i = 0; i < 8; i++) {
        int phys = (env->fpstt + i) & 7;

        stq_le_p(fx + 32 + 16 * i, env->fpregs[phys].mant);
        stw_le_p(fx + 40 + 16 * i, env->fpregs[phys].exp);
        if (!env->fptags[i]) {
            fx[4] |= 1 << i;
        }
    }
    stl_le_p(fx + 24, env->mxcsr);
    for (i = 0; i < 16; i++) {
        memcpy(fx + 160 + 16 * i, &env->xmm_regs[i], 16);
    }
}

void diff_state_init(DiffState *s)
{
    memset(s, 0, sizeof(*s));
    *diff_fcw(s) = 0x37f;
    *diff_mxcsr(s) = 0x1f80;
    s->rflags = 2;
    s->vec = -1;
}

void diff_set_x87_stack(DiffState *s, int n, const uint64_t *mant,
                        const uint16_t *exp)
{
    int top = (8 - n) & 7, i;

    *diff_fsw(s) = (*diff_fsw(s) & ~0x3800) | top << 11;
    *diff_ftw(s) = 0;
    for (i = 0; i < 8; i++) {
        *diff_st_mant(s, i) = i < n ? mant[i] : 0;
        *diff_st_exp(s, i) = i < n ? exp[i] : 0;
        if (i < n) {
            *diff_ftw(s) |= 1 << ((top + i) & 7);
        }
    }
}

/* ---- the guest run ---- */

void diff_run_guest(DiffMode mode, const uint8_t *code, size_t len,
                    const DiffState *in, DiffState *out, size_t mem_len)
{
    uint64_t *cells = (uint64_t *)(gram + CELLS_PA);
    int i, r, guard;

    /* where the snippet starts within CS */
    uint64_t start = mode == DIFF_MODE_16 ? 0 : CODE_PA;

    g_assert_cmpuint(len, <, 4000);
    memcpy(gram + CODE_PA, code, len);
    gram[CODE_PA + len] = 0xf4;         /* hlt */
    tb_invalidate_phys_range(CODE_PA, 0x1000);
    memcpy(gram + DATA_PA, data_init, mem_len);

    guest_set_mode(mode);
    for (i = 0; i < 16; i++) {
        genv->regs[i] = in->gpr[i];
    }
    genv->regs[R_ESP] = STACK_TOP;
    genv->eip = start;
    cpu_load_eflags(genv, (in->rflags & (DF_OSZAPC | DF_DF)) | 2,
                    DF_DF | IF_MASK);
    fx_to_env(in->fx, genv);
    cells[0] = ~0ull;
    cells[1] = 0;

    guest_cs->halted = false;
    guest_cs->exception_index = -1;
    for (guard = 0; guard < 16; guard++) {
        r = tcg_cpu_exec(guest_cs);
        if (r == EXCP_HLT) {
            break;
        }
        guest_cs->halted = false;
    }
    g_assert_cmpint(r, ==, EXCP_HLT);

    memset(out, 0, sizeof(*out));
    for (i = 0; i < 16; i++) {
        out->gpr[i] = genv->regs[i];
    }
    out->rflags = cpu_compute_eflags(genv);
    env_to_fx(genv, out->fx);
    out->vec = -1;
    if ((uint32_t)cells[0] != 0xffffffffu) {
        uint64_t sp = genv->regs[R_ESP];

        g_assert_cmphex(sp, <, STACK_TOP);
        out->vec = (int)cells[0];
        out->err = cells[1];
        out->fault_off = ldq_le_p(gram + sp) - start;
        out->rflags = ldq_le_p(gram + sp + 16);
    } else {
        /* 0: ran to the hlt after the snippet, as expected */
        out->fault_off = genv->eip - 1 - start - len;
    }
    out->gpr[R_ESP] = in->gpr[R_ESP];
}

#include "tcg-harness-host.c"

/* ---- comparing ---- */

static void dump_state(GString *s, const char *label, DiffState *st,
                       const DiffCmp *cmp, bool is_input)
{
    int i;

    g_string_append_printf(s, "  %s:", label);
    for (i = 0; i < 16; i++) {
        if ((cmp->gpr_mask >> i & 1) || (is_input && st->gpr[i])) {
            g_string_append_printf(s, " r%d=%" PRIx64, i, st->gpr[i]);
        }
    }
    g_string_append_printf(s, " fl=%03" PRIx64, st->rflags & 0xfff);
    if (!is_input) {
        g_string_append_printf(s, " vec=%d err=%x at+%" PRIu64, st->vec,
                               st->err, st->fault_off);
    }
    for (i = 0; i < 16; i++) {
        if (cmp->xmm_mask >> i & 1) {
            g_string_append_printf(s, " xmm%d=%016" PRIx64 ":%016" PRIx64,
                                   i, diff_xmm(st, i)[1], diff_xmm(st, i)[0]);
        }
    }
    if (cmp->mxcsr) {
        g_string_append_printf(s, " mxcsr=%x", *diff_mxcsr(st));
    }
    if (cmp->x87) {
        g_string_append_printf(s, " fcw=%x fsw=%x ftw=%02x", *diff_fcw(st),
                               *diff_fsw(st), *diff_ftw(st));
        for (i = 0; i < 8; i++) {
            int top = (*diff_fsw(st) >> 11) & 7;

            if (*diff_ftw(st) >> ((top + i) & 7) & 1) {
                g_string_append_printf(s, " st%d=%04x:%016" PRIx64, i,
                                       *diff_st_exp(st, i),
                                       *diff_st_mant(st, i));
            }
        }
    }
    g_string_append_c(s, '\n');
}

static bool x87_equal(DiffState *g, DiffState *h, const DiffCmp *cmp)
{
    int top, i;

    if ((*diff_fsw(g) & cmp->fsw_mask) != (*diff_fsw(h) & cmp->fsw_mask) ||
        *diff_ftw(g) != *diff_ftw(h) || *diff_fcw(g) != *diff_fcw(h)) {
        return false;
    }
    top = (*diff_fsw(h) >> 11) & 7;
    for (i = 0; i < 8; i++) {
        if ((*diff_ftw(h) >> ((top + i) & 7) & 1) &&
            (*diff_st_mant(g, i) != *diff_st_mant(h, i) ||
             *diff_st_exp(g, i) != *diff_st_exp(h, i))) {
            return false;
        }
    }
    return true;
}

/* Mismatches printed per case: 2, or $TCG_DIFF_REPORTS. */
static unsigned reports_per_case(void)
{
    const char *e = getenv("TCG_DIFF_REPORTS");

    return e ? (unsigned)atoi(e) : REPORTS_PER_CASE;
}

/* $TCG_DIFF_STATS: print how each case ended (exception vectors). */
static bool stats_wanted(void)
{
    static int wanted = -1;

    if (wanted < 0) {
        wanted = getenv("TCG_DIFF_STATS") != NULL;
    }
    return wanted;
}

/*
 * Per case name: how often the architecturally undefined flags differ,
 * and how the runs ended.
 */
typedef struct UndefStat {
    unsigned runs, differ;
    uint32_t bits;
    unsigned outcome[33];       /* runs by vector + 1 (0: no exception) */
} UndefStat;

static GHashTable *undef_stats;
static GPtrArray *undef_order;

static void undef_record(const char *name, uint32_t mask, uint32_t diff,
                         int vec)
{
    UndefStat *u;

    if (!undef_stats) {
        undef_stats = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                            g_free);
        undef_order = g_ptr_array_new();
    }
    u = g_hash_table_lookup(undef_stats, name);
    if (!u) {
        char *key = g_strdup(name);

        u = g_new0(UndefStat, 1);
        g_hash_table_insert(undef_stats, key, u);
        g_ptr_array_add(undef_order, key);
    }
    u->runs++;
    u->outcome[vec >= -1 && vec < 32 ? vec + 1 : 0]++;
    if (diff & mask) {
        u->differ++;
        u->bits |= diff & mask;
    }
}

static void flag_names(GString *s, uint32_t bits)
{
    static const struct { uint32_t bit; const char *n; } f[] = {
        { DF_OF, "OF" }, { DF_SF, "SF" }, { DF_ZF, "ZF" }, { DF_AF, "AF" },
        { DF_PF, "PF" }, { DF_CF, "CF" }, { DF_DF, "DF" },
    };
    unsigned i;

    for (i = 0; i < G_N_ELEMENTS(f); i++) {
        if (bits & f[i].bit) {
            g_string_append_printf(s, " %s", f[i].n);
        }
    }
}

bool diff_check2(DiffMode mode, const char *name, const uint8_t *gcode,
                 size_t glen, const uint8_t *hcode, size_t hlen,
                 const DiffState *in, const DiffCmp *cmp)
{
    static DiffState g, h;
    uint64_t gmask = mode == DIFF_MODE_64 ? ~0ull : 0xffffffffull;
    uint16_t gprs = mode == DIFF_MODE_64 ? cmp->gpr_mask
                                         : (cmp->gpr_mask & 0xff);
    bool ok = true;
    unsigned nrep;
    int i;

    diff_run_host(mode, hcode, hlen, in, &h, cmp->mem_len);
    diff_run_guest(mode, gcode, glen, in, &g, cmp->mem_len);

    if (g.vec != h.vec || g.fault_off != h.fault_off ||
        (h.vec >= 0 && h.vec != EXCP0E_PAGE && g.err != h.err)) {
        ok = false;
    }
    for (i = 0; i < 16; i++) {
        if ((gprs >> i & 1) && ((g.gpr[i] ^ h.gpr[i]) & gmask)) {
            ok = false;
        }
    }
    if ((g.rflags ^ h.rflags) & cmp->flags_mask) {
        ok = false;
    }
    for (i = 0; i < 16; i++) {
        if ((cmp->xmm_mask >> i & 1) &&
            memcmp(diff_xmm(&g, i), diff_xmm(&h, i), 16)) {
            ok = false;
        }
    }
    if (cmp->mxcsr && *diff_mxcsr(&g) != *diff_mxcsr(&h)) {
        ok = false;
    }
    if (cmp->x87 && !x87_equal(&g, &h, cmp)) {
        ok = false;
    }
    if (cmp->mem_len && memcmp(gram + DATA_PA, host_data, cmp->mem_len)) {
        ok = false;
    }
    if (ok) {
        if (cmp->undef_mask || stats_wanted()) {
            undef_record(name, cmp->undef_mask, g.rflags ^ h.rflags, h.vec);
        }
        return true;
    }
    n_failures++;
    if (!report_counts) {
        report_counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                              NULL);
    }
    nrep = GPOINTER_TO_UINT(g_hash_table_lookup(report_counts, name));
    g_hash_table_insert(report_counts, g_strdup(name),
                        GUINT_TO_POINTER(nrep + 1));
    if (nrep == 0) {
        n_failed_cases++;
    }
    if (!quiet && nrep < reports_per_case() && n_reports++ < MAX_REPORTS) {
        GString *s = g_string_new(NULL);
        DiffState inc = *in;
        size_t k;

        g_string_append_printf(s, "MISMATCH %s (%s):", name,
                               mode == DIFF_MODE_64 ? "64-bit" :
                               mode == DIFF_MODE_32 ? "32-bit" : "16-bit");
        for (k = 0; k < glen; k++) {
            g_string_append_printf(s, " %02x", gcode[k]);
        }
        if (hcode != gcode) {
            g_string_append(s, " (host:");
            for (k = 0; k < hlen; k++) {
                g_string_append_printf(s, " %02x", hcode[k]);
            }
            g_string_append(s, ")");
        }
        g_string_append(s, "  flags compared:");
        flag_names(s, cmp->flags_mask);
        g_string_append_c(s, '\n');
        dump_state(s, "in  ", &inc, cmp, true);
        dump_state(s, "host", &h, cmp, false);
        dump_state(s, "emu ", &g, cmp, false);
        for (k = 0; k < cmp->mem_len; k++) {
            if (gram[DATA_PA + k] != host_data[k]) {
                g_string_append_printf(s, "  mem[%zu]: host %02x emu %02x\n",
                                       k, host_data[k], gram[DATA_PA + k]);
                break;
            }
        }
        fputs(s->str, stderr);
        g_string_free(s, true);
    }
    return false;
}

bool diff_check(DiffMode mode, const char *name, const uint8_t *code,
                size_t len, const DiffState *in, const DiffCmp *cmp)
{
    return diff_check2(mode, name, code, len, code, len, in, cmp);
}

void diff_undef_report(void)
{
    unsigned i;

    if (!undef_order) {
        return;
    }
    for (i = 0; i < undef_order->len; i++) {
        const char *name = g_ptr_array_index(undef_order, i);
        UndefStat *u = g_hash_table_lookup(undef_stats, name);
        GString *s;
        int v;

        if (stats_wanted()) {
            fprintf(stderr, "outcome %s:", name);
            for (v = 0; v < 33; v++) {
                if (u->outcome[v] && v) {
                    fprintf(stderr, " #%d %u", v - 1, u->outcome[v]);
                } else if (u->outcome[v]) {
                    fprintf(stderr, " ok %u", u->outcome[v]);
                }
            }
            fprintf(stderr, "\n");
        }
        if (!u->differ) {
            continue;
        }
        s = g_string_new(NULL);
        g_string_append_printf(s, "undefined flags differ: %s: %u/%u runs:",
                               name, u->differ, u->runs);
        flag_names(s, u->bits);
        g_test_message("%s", s->str);
        if (getenv("TCG_DIFF_UNDEF")) {
            fprintf(stderr, "%s\n", s->str);
        }
        g_string_free(s, true);
    }
    g_hash_table_remove_all(undef_stats);
    g_ptr_array_set_size(undef_order, 0);
}

unsigned diff_failures(void)
{
    return n_failures;
}

void diff_set_quiet(bool q)
{
    quiet = q;
}

void diff_forget(void)
{
    n_failures = 0;
    n_reports = 0;
    n_failed_cases = 0;
    if (report_counts) {
        g_hash_table_remove_all(report_counts);
    }
}

void diff_finish(void)
{
    diff_undef_report();
    if (n_failures) {
        g_test_message("%u mismatches in %u cases", n_failures,
                       n_failed_cases);
        fprintf(stderr, "%u mismatches in %u cases\n", n_failures,
                n_failed_cases);
        g_test_fail();
    }
    diff_forget();
}

/* ---- operands ---- */

const uint64_t diff_edges[] = {
    0, 1, 2, 0x7f, 0x80, 0x81, 0xff, 0x100, 0x7fff, 0x8000, 0x8001, 0xffff,
    0x10000, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff, 0x100000000ull,
    0x7fffffffffffffffull, 0x8000000000000000ull, 0x8000000000000001ull,
    0xfffffffffffffffeull, 0xffffffffffffffffull, 0x5555555555555555ull,
    0xaaaaaaaaaaaaaaaaull,
};
const int diff_n_edges = G_N_ELEMENTS(diff_edges);

uint64_t diff_rand64(void)
{
    return (uint64_t)g_test_rand_int() << 32 | (uint32_t)g_test_rand_int();
}

uint64_t diff_rand_operand(int bits)
{
    uint64_t v;
    uint64_t m = bits == 64 ? ~0ull : (1ull << bits) - 1;

    switch (g_test_rand_int_range(0, 8)) {
    case 0:
        v = diff_edges[g_test_rand_int_range(0, diff_n_edges)];
        break;
    case 1:     /* around the sign boundary */
        v = (1ull << (bits - 1)) + g_test_rand_int_range(-3, 4);
        break;
    case 2:     /* small */
        v = g_test_rand_int_range(-4, 5);
        break;
    default:
        v = diff_rand64();
        break;
    }
    /* Random upper bits beyond the width: must not matter. */
    return (v & m) | (diff_rand64() & ~m);
}
