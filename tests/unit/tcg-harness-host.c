/*
 * tcg-harness-host.c: the host side of the differential harness
 * (tcg-harness.h): the trampolines that run a snippet on the host
 * processor in 64-, 32- and 16-bit code, the LDT segments for 16-bit
 * code, and the signal handler that turns a fault into a vector, an error
 * code and the registers of the faulting moment.
 *
 * Part of tcg-harness.c (included there, after the guest side).
 */

/* ---- the host run ---- */

/*
 * diff_host_call64(state, code): load state, call code (the snippet and a
 * RET), store state.  diff_host_call32(state): the same through the 32-bit
 * user code segment: a far jump to the snippet in a page below 4 GiB,
 * which ends with a far jump back to a 64-bit stub on that page, which
 * jumps back here.  Only RSP is the host's own.
 */
__asm__(
    ".text\n"
    ".globl diff_host_call64, diff_host_call32, diff_host_far32\n"
    ".hidden diff_host_call64, diff_host_call32, diff_host_far32\n"
    ".globl diff_host_ds\n"
    ".hidden diff_host_ds\n"
    ".hidden diff_host_back32_addr\n"
    ".p2align 4\n"
    "diff_host_call64:\n"
    "  push %rbx\n push %rbp\n push %r12\n push %r13\n push %r14\n"
    "  push %r15\n"
    "  mov %rdi, diff_host_ctx(%rip)\n"
    "  mov %rsi, diff_host_code(%rip)\n"
    "  fxsave64 diff_host_save(%rip)\n"
    "  fxrstor64 144(%rdi)\n"
    "  pushq 128(%rdi)\n popfq\n"
    "  mov 0(%rdi), %rax\n mov 8(%rdi), %rcx\n mov 16(%rdi), %rdx\n"
    "  mov 24(%rdi), %rbx\n mov 40(%rdi), %rbp\n mov 48(%rdi), %rsi\n"
    "  mov 64(%rdi), %r8\n mov 72(%rdi), %r9\n mov 80(%rdi), %r10\n"
    "  mov 88(%rdi), %r11\n mov 96(%rdi), %r12\n mov 104(%rdi), %r13\n"
    "  mov 112(%rdi), %r14\n mov 120(%rdi), %r15\n mov 56(%rdi), %rdi\n"
    "  call *diff_host_code(%rip)\n"
    "diff_host_back64:\n"
    "  pushfq\n"
    "  push %rax\n"
    "  mov diff_host_ctx(%rip), %rax\n"
    "  popq 0(%rax)\n"
    "  popq 128(%rax)\n"
    "  mov %rcx, 8(%rax)\n mov %rdx, 16(%rax)\n mov %rbx, 24(%rax)\n"
    "  mov %rbp, 40(%rax)\n mov %rsi, 48(%rax)\n mov %rdi, 56(%rax)\n"
    "  mov %r8, 64(%rax)\n mov %r9, 72(%rax)\n mov %r10, 80(%rax)\n"
    "  mov %r11, 88(%rax)\n mov %r12, 96(%rax)\n mov %r13, 104(%rax)\n"
    "  mov %r14, 112(%rax)\n mov %r15, 120(%rax)\n"
    "  fxsave64 144(%rax)\n"
    "  fxrstor64 diff_host_save(%rip)\n"
    "  cld\n"
    "  pop %r15\n pop %r14\n pop %r13\n pop %r12\n pop %rbp\n pop %rbx\n"
    "  ret\n"
    "\n"
    ".p2align 4\n"
    "diff_host_call32:\n"
    "  push %rbx\n push %rbp\n push %r12\n push %r13\n push %r14\n"
    "  push %r15\n"
    "  mov %rdi, diff_host_ctx(%rip)\n"
    "  mov %rsp, diff_host_rsp(%rip)\n"
    "  mov diff_host_ds(%rip), %eax\n mov %eax, %ds\n mov %eax, %es\n"
    "  fxsave64 diff_host_save(%rip)\n"
    "  fxrstor64 144(%rdi)\n"
    "  pushq 128(%rdi)\n popfq\n"
    "  mov 0(%rdi), %rax\n mov 8(%rdi), %rcx\n mov 16(%rdi), %rdx\n"
    "  mov 24(%rdi), %rbx\n mov 40(%rdi), %rbp\n mov 48(%rdi), %rsi\n"
    "  mov 56(%rdi), %rdi\n"
    "  ljmp *diff_host_far32(%rip)\n"
    "diff_host_back32:\n"
    "  mov diff_host_rsp(%rip), %rsp\n"
    "  pushfq\n"
    "  push %rax\n"
    "  mov diff_host_ctx(%rip), %rax\n"
    "  popq 0(%rax)\n"
    "  popq 128(%rax)\n"
    "  mov %rcx, 8(%rax)\n mov %rdx, 16(%rax)\n mov %rbx, 24(%rax)\n"
    "  mov %rbp, 40(%rax)\n mov %rsi, 48(%rax)\n mov %rdi, 56(%rax)\n"
    "  fxsave64 144(%rax)\n"
    "  fxrstor64 diff_host_save(%rip)\n"
    "  cld\n"
    "  pop %r15\n pop %r14\n pop %r13\n pop %r12\n pop %rbp\n pop %rbx\n"
    "  ret\n"
    "\n"
    ".data\n"
    ".p2align 4\n"
    "diff_host_save: .skip 512\n"
    "diff_host_ctx: .quad 0\n"
    "diff_host_code: .quad 0\n"
    "diff_host_rsp: .quad 0\n"
    "diff_host_far32: .long 0, 0x23\n"
    "diff_host_ds: .long 0x2b\n"
    ".globl diff_host_back32_addr\n"
    "diff_host_back32_addr: .quad diff_host_back32\n"
    ".text\n");

void diff_host_call64(DiffState *s, void *code);
void diff_host_call32(DiffState *s);
extern uint32_t diff_host_far32[2];
extern uint32_t diff_host_ds;
extern uint64_t diff_host_back32_addr;

static uint8_t *host_code;         /* RWX, below 4 GiB */
static sigjmp_buf host_jmp;
static volatile int host_active;
static DiffState *host_out;
static uintptr_t host_snippet;
static uint16_t host_ds0, host_es0; /* the process's own DS, ES */

/* LDT selectors of the host's 16-bit code and data segments. */
#define HOST_CS16 0x07
#define HOST_DS16 0x0f

#define HOST_STUB32 0x800           /* 64-bit return stub in host_code */

static void host_signal(int sig, siginfo_t *si, void *ctx)
{
    ucontext_t *uc = ctx;
    greg_t *g = uc->uc_mcontext.gregs;
    DiffState *o = host_out;

    if (!host_active) {
        signal(sig, SIG_DFL);
        raise(sig);
        return;
    }
    host_active = 0;
    o->gpr[DR_RAX] = g[REG_RAX];
    o->gpr[DR_RCX] = g[REG_RCX];
    o->gpr[DR_RDX] = g[REG_RDX];
    o->gpr[DR_RBX] = g[REG_RBX];
    o->gpr[DR_RBP] = g[REG_RBP];
    o->gpr[DR_RSI] = g[REG_RSI];
    o->gpr[DR_RDI] = g[REG_RDI];
    o->gpr[DR_R8] = g[REG_R8];
    o->gpr[DR_R9] = g[REG_R9];
    o->gpr[DR_R10] = g[REG_R10];
    o->gpr[DR_R11] = g[REG_R11];
    o->gpr[DR_R12] = g[REG_R12];
    o->gpr[DR_R13] = g[REG_R13];
    o->gpr[DR_R14] = g[REG_R14];
    o->gpr[DR_R15] = g[REG_R15];
    o->rflags = g[REG_EFL];
    o->vec = g[REG_TRAPNO];
    o->err = g[REG_ERR];
    o->fault_off = g[REG_RIP] - host_snippet;
    if (uc->uc_mcontext.fpregs) {
        memcpy(o->fx, uc->uc_mcontext.fpregs, 512);
    }
    siglongjmp(host_jmp, 1);
}

static void host_setup(void)
{
    static const int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP };
    struct sigaction sa;
    stack_t ss;
    uint8_t *p;
    unsigned i;

    host_code = mmap(NULL, 0x1000, PROT_READ | PROT_WRITE | PROT_EXEC,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
    g_assert(host_code != MAP_FAILED);
    /*
     * The data area, then a page nothing can touch: the guest does not map
     * it either, so an access running off the end faults on both sides.
     */
    host_data = mmap(NULL, DIFF_DATA_SIZE + 0x1000, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
    g_assert(host_data != MAP_FAILED);
    g_assert_cmpint(mprotect(host_data + DIFF_DATA_SIZE, 0x1000, PROT_NONE),
                    ==, 0);
    /* Clear of the guest's identity-mapped low 4 MiB. */
    g_assert_cmphex((uintptr_t)host_data, >=, 0x400000);

    /* The 64-bit stub the 32-bit snippet jumps back to. */
    p = host_code + HOST_STUB32;
    p[0] = 0xff;                        /* jmp *[rip + 0] */
    p[1] = 0x25;
    stl_le_p(p + 2, 0);
    stq_le_p(p + 6, diff_host_back32_addr);

    /*
     * 16-bit code: an LDT code segment based at host_code (limit 4 KiB)
     * and a data segment based at the data area (64 KiB), as the guest's.
     */
    {
        struct user_desc cd = {
            .entry_number = 0, .base_addr = (uintptr_t)host_code,
            .limit = 0xfff, .contents = MODIFY_LDT_CONTENTS_CODE,
            .useable = 1,
        };
        struct user_desc dd = {
            .entry_number = 1, .base_addr = (uintptr_t)host_data,
            .limit = 0xffff, .contents = MODIFY_LDT_CONTENTS_DATA,
            .useable = 1,
        };

        host_ldt_ok = !syscall(SYS_modify_ldt, 1, &cd, sizeof(cd)) &&
                      !syscall(SYS_modify_ldt, 1, &dd, sizeof(dd));
    }
    __asm__ volatile("mov %%ds, %0; mov %%es, %1"
                     : "=r"(host_ds0), "=r"(host_es0));

    ss.ss_sp = g_malloc(1 << 16);
    ss.ss_size = 1 << 16;
    ss.ss_flags = 0;
    g_assert_cmpint(sigaltstack(&ss, NULL), ==, 0);
    memset(&sa, 0, sizeof(sa));
    sa.sa_sigaction = host_signal;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    for (i = 0; i < G_N_ELEMENTS(sigs); i++) {
        sigaction(sigs[i], &sa, NULL);
    }
}

void diff_run_host(DiffMode mode, const uint8_t *code, size_t len,
                   const DiffState *in, DiffState *out, size_t mem_len)
{
    static DiffState st;
    uint8_t *p = host_code;

    g_assert_cmpuint(len, <, HOST_STUB32 - 16);
    memcpy(p, code, len);
    p += len;
    if (mode == DIFF_MODE_64) {
        *p = 0xc3;                      /* ret */
    } else if (mode == DIFF_MODE_16) {
        /* ljmp far cs:[0xf00] (m16:32): to {HOST_STUB32, 64-bit CS} */
        static const uint8_t jmp16[] = { 0x66, 0x2e, 0xff, 0x2e, 0x00, 0x0f };

        g_assert_true(host_ldt_ok);
        memcpy(p, jmp16, sizeof(jmp16));
        stl_le_p(host_code + 0xf00, (uintptr_t)host_code + HOST_STUB32);
        stw_le_p(host_code + 0xf04, 0x33);
        diff_host_far32[0] = 0;
        diff_host_far32[1] = HOST_CS16;
        diff_host_ds = HOST_DS16;
    } else {
        /* ljmp *[abs32]: to {HOST_STUB32, 64-bit user CS} */
        uint32_t far = (uintptr_t)host_code + 0xf00;

        p[0] = 0xff;
        p[1] = 0x2d;
        stl_le_p(p + 2, far);
        stl_le_p(host_code + 0xf00, (uintptr_t)host_code + HOST_STUB32);
        stw_le_p(host_code + 0xf04, 0x33);
        diff_host_far32[0] = (uintptr_t)host_code;
        diff_host_far32[1] = 0x23;      /* the 32-bit user code segment */
        diff_host_ds = 0x2b;
    }
    memcpy(host_data, data_init, mem_len);

    st = *in;
    st.rflags = (in->rflags & (DF_OSZAPC | DF_DF)) | 2;
    st.vec = -1;
    st.err = 0;
    host_out = &st;
    host_snippet = mode == DIFF_MODE_16 ? 0 : (uintptr_t)host_code;
    if (sigsetjmp(host_jmp, 1) == 0) {
        host_active = 1;
        if (mode == DIFF_MODE_64) {
            diff_host_call64(&st, host_code);
        } else {
            diff_host_call32(&st);
        }
        host_active = 0;
        st.fault_off = 0;     /* ran to the end of the snippet */
    } else {
        static uint8_t clean[512] __attribute__((aligned(16)));
        static bool have_clean;

        /* Back from a fault: the host's own FPU state and DF. */
        if (!have_clean) {
            __asm__ volatile("fninit");
            __asm__ volatile("fxsave64 %0" : "=m"(clean));
            stl_le_p(clean + 24, 0x1f80);
            have_clean = true;
        }
        __asm__ volatile("fxrstor64 %0; cld" : : "m"(clean));
    }
    if (mode != DIFF_MODE_64) {
        __asm__ volatile("mov %0, %%ds; mov %1, %%es"
                         : : "r"(host_ds0), "r"(host_es0));
    }
    st.gpr[R_ESP] = in->gpr[R_ESP];
    *out = st;
}

