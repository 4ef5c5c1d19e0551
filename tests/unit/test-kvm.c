/*
 * test-kvm.c: the KVM accelerator and the vCPU control layer with a real
 * /dev/kvm: a VM with 1 MiB of RAM built through the memory API, one vCPU
 * thread running tiny real-mode programs (bytes below, "out" to a test
 * port at 0xf4 to report), and checks of port and MMIO dispatch, read-only
 * (ROM) memory slots, register get/put, pause/resume, run_on_cpu, HLT with
 * the userspace irqchip and NMI wake-up, a triple fault ending in a reset
 * request carried out by the main loop, an internal error (code fetched
 * from MMIO) stopping the VM, kvmclock standing still while stopped, and
 * the in-kernel 8259/IOAPIC/PIT devices.
 *
 * Every test skips, with the reason, when /dev/kvm cannot be opened or
 * cannot create a VM.  This host's KVM may be a nested one that emulates
 * every instruction: the programs are a handful of instructions each.
 * The tests share one VM (one per process); those that need another
 * configuration (kernel_irqchip=off) run in a subprocess.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "exec/memory.h"
#include "hw/core/cpu.h"
#include "sysemu/kvm.h"
#include "sysemu/runstate.h"
#include "hw/i386/kvm/kvm-devices.h"
#include "monitor/monitor.h"
#include "hw/intc/i8259_internal.h"
#include "hw/intc/ioapic_internal.h"
#include "hw/timer/i8254_internal.h"
#include "hw/sysbus.h"
#include "target/i386/cpu.h"
#include <linux/kvm.h>
#include <sys/ioctl.h>

#define TYPE_TEST_CPU "kvm-test-x86_64-cpu"
#define CODE_ADDR 0x1000
#define TEST_PORT 0xf4
#define MMIO_BASE 0xe0000
#define ROM_BASE 0xd0000
#define WAIT_MS 10000

/* ---- the test CPU: qemu64, whose reset starts at CODE_ADDR ---- */

/*
 * The power-on state, but starting at 0000:1000 instead of the reset
 * vector at ffff0, so a program needs no firmware.
 */
static void test_cpu_reset(CPUState *cs)
{
    CPUX86State *env = &X86_CPU(cs)->env;

    x86_cpu_reset(cs);
    env->segs[R_CS].selector = 0;
    env->segs[R_CS].base = 0;
    env->eip = CODE_ADDR;
    env->regs[R_ESP] = 0x8000;
}

static void test_cpu_class_init(ObjectClass *oc, void *data)
{
    CPU_CLASS(oc)->reset = test_cpu_reset;
}

static const TypeInfo test_cpu_info = {
    .name = TYPE_TEST_CPU,
    .parent = X86_CPU_TYPE_NAME("qemu64"),
    .class_init = test_cpu_class_init,
};

/* ---- the test devices ---- */

typedef struct Access {
    hwaddr addr;
    uint64_t val;
    unsigned size;
} Access;

/* Writes seen by a region (the vCPU thread writes, the test reads). */
typedef struct Recorder {
    GMutex lock;
    Access log[64];
    int count;
    uint64_t read_val;
} Recorder;

static Recorder port_rec, mmio_rec;

static void rec_clear(Recorder *r)
{
    g_mutex_lock(&r->lock);
    r->count = 0;
    g_mutex_unlock(&r->lock);
}

static int rec_count(Recorder *r)
{
    int n;

    g_mutex_lock(&r->lock);
    n = r->count;
    g_mutex_unlock(&r->lock);
    return n;
}

static Access rec_get(Recorder *r, int i)
{
    Access a;

    g_mutex_lock(&r->lock);
    a = r->log[i % 64];
    g_mutex_unlock(&r->lock);
    return a;
}

static void rec_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    Recorder *r = opaque;

    /* Device callbacks run with the big lock, as the memory API says. */
    g_assert_true(qemu_mutex_iothread_locked());
    g_mutex_lock(&r->lock);
    r->log[r->count % 64] = (Access) { addr, val, size };
    r->count++;
    g_mutex_unlock(&r->lock);
}

static uint64_t rec_read(void *opaque, hwaddr addr, unsigned size)
{
    Recorder *r = opaque;

    return r->read_val;
}

static const MemoryRegionOps rec_ops = {
    .read = rec_read,
    .write = rec_write,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 4 },
};

/* ---- the VM ---- */

static CPUState *vcpu;
static MemoryRegion *ram;
static char *skip_reason;

/* Can this host run a VM at all?  NULL, or why not. */
static char *kvm_unusable_reason(void)
{
    int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
    int vm;

    if (fd < 0) {
        return g_strdup_printf("/dev/kvm not usable: %s", strerror(errno));
    }
    vm = ioctl(fd, KVM_CREATE_VM, 0);
    if (vm < 0) {
        char *r = g_strdup_printf("/dev/kvm not usable: KVM_CREATE_VM: %s",
                                  strerror(errno));
        close(fd);
        return r;
    }
    close(vm);
    close(fd);
    return NULL;
}

/* One VM per process, built on first use; false (test skipped) if KVM
 * is not usable here. */
static bool vm_setup(const char *kernel_irqchip)
{
    Error *err = NULL;
    Object *accel;
    MemoryRegion *port, *mmio, *rom;
    static const uint8_t rom_bytes[16] = { 0x42, 0x43 };

    if (vcpu) {
        return true;
    }
    if (!skip_reason) {
        skip_reason = kvm_unusable_reason();
    }
    if (skip_reason) {
        g_test_skip(skip_reason);
        return false;
    }
    if (!object_class_by_name(TYPE_TEST_CPU)) {
        type_register_static(&test_cpu_info);
    }

    accel = object_new(TYPE_KVM_ACCEL);
    g_assert_true(object_property_parse(accel, "kernel-irqchip",
                                        kernel_irqchip, &error_abort));
    if (!ACCEL_GET_CLASS(accel)->init_machine((AccelState *)accel, &err)) {
        skip_reason = g_strdup_printf("/dev/kvm not usable: %s",
                                      error_get_pretty(err));
        error_free(err);
        g_test_skip(skip_reason);
        return false;
    }
    accel_set_current((AccelState *)accel);
    g_assert_true(kvm_enabled());

    ram = g_new0(MemoryRegion, 1);
    g_assert_true(memory_region_init_ram(ram, NULL, "test.ram", 1 * MiB,
                                         &error_abort));
    memory_region_add_subregion(get_system_memory(), 0, ram);
    mmio = g_new0(MemoryRegion, 1);
    memory_region_init_io(mmio, NULL, &rec_ops, &mmio_rec, "test.mmio",
                          0x1000);
    memory_region_add_subregion_overlap(get_system_memory(), MMIO_BASE, mmio,
                                        1);
    rom = g_new0(MemoryRegion, 1);
    g_assert_true(memory_region_init_rom(rom, NULL, "test.rom", 0x1000,
                                         &error_abort));
    memory_region_add_subregion_overlap(get_system_memory(), ROM_BASE, rom,
                                        1);
    address_space_write_rom(&address_space_memory, ROM_BASE,
                            MEMTXATTRS_UNSPECIFIED, rom_bytes,
                            sizeof(rom_bytes));
    port = g_new0(MemoryRegion, 1);
    memory_region_init_io(port, NULL, &rec_ops, &port_rec, "test.port", 4);
    memory_region_add_subregion(get_system_io(), TEST_PORT, port);

    /* As -name debug-threads=on: the vCPU thread names itself. */
    qemu_debug_threads = true;
    vcpu = CPU(object_new(TYPE_TEST_CPU));
    /* A place in the tree of its own: there is no /machine here. */
    object_property_add_child(object_get_root(), "test-cpu", OBJECT(vcpu));
    object_property_set_uint(OBJECT(vcpu), "apic-id", 0, &error_abort);
    if (!qdev_realize(DEVICE(vcpu), NULL, &err)) {
        g_error("vCPU creation failed: %s", error_get_pretty(err));
    }
    g_assert_true(vcpu->created);
    g_assert_cmpint(vcpu->thread_id, >, 0);
    g_assert_true(cpu_is_stopped(vcpu));
    return true;
}

/* ---- waiting (with the BQL dropped, so the vCPU can dispatch) ---- */

static bool wait_until(bool (*cond)(void *), void *opaque)
{
    gint64 deadline = g_get_monotonic_time() + WAIT_MS * 1000;
    bool ok;

    qemu_mutex_unlock_iothread();
    while (!(ok = cond(opaque)) && g_get_monotonic_time() < deadline) {
        g_usleep(1000);
    }
    qemu_mutex_lock_iothread();
    return ok;
}

static bool port_writes_at_least(void *opaque)
{
    return rec_count(&port_rec) >= GPOINTER_TO_INT(opaque);
}

static void wait_port_writes(int n)
{
    if (!wait_until(port_writes_at_least, GINT_TO_POINTER(n))) {
        g_error("expected %d port writes, saw %d", n, rec_count(&port_rec));
    }
}

/* Stop the vCPU, load a program at CODE_ADDR, reset, let it run. */
static void run_program(const uint8_t *code, size_t len)
{
    pause_all_vcpus();
    g_assert_true(all_vcpus_paused());
    address_space_write(&address_space_memory, CODE_ADDR,
                        MEMTXATTRS_UNSPECIFIED, code, len);
    cpu_reset(vcpu);
    rec_clear(&port_rec);
    rec_clear(&mmio_rec);
    resume_all_vcpus();
}

/* ---- the tests ---- */

/* A byte and a word written with OUT reach the I/O region with their
 * size (the KVM_EXIT_IO data). */
static void test_port_io(void)
{
    static const uint8_t code[] = {
        0xb0, 0x5a,             /* mov al, 0x5a */
        0xe6, TEST_PORT,        /* out 0xf4, al */
        0xb8, 0x34, 0x12,       /* mov ax, 0x1234 */
        0xe7, TEST_PORT,        /* out 0xf4, ax */
        0xf4,                   /* hlt */
        0xeb, 0xfd,             /* jmp hlt */
    };
    Access a;

    if (!vm_setup("on")) {
        return;
    }
    run_program(code, sizeof(code));
    wait_port_writes(2);
    a = rec_get(&port_rec, 0);
    g_assert_cmphex(a.addr, ==, 0);
    g_assert_cmphex(a.val, ==, 0x5a);
    g_assert_cmpuint(a.size, ==, 1);
    a = rec_get(&port_rec, 1);
    g_assert_cmphex(a.val, ==, 0x1234);
    g_assert_cmpuint(a.size, ==, 2);
}

/* A store to an I/O region in memory space arrives as a write, a load
 * gets the region's value (KVM_EXIT_MMIO both ways). */
static void test_mmio(void)
{
    static const uint8_t code[] = {
        0xb8, 0x00, 0xe0,       /* mov ax, 0xe000 */
        0x8e, 0xd8,             /* mov ds, ax */
        0xc6, 0x06, 0x10, 0x00, 0xa5,   /* mov byte [0x10], 0xa5 */
        0xa0, 0x20, 0x00,       /* mov al, [0x20] */
        0xe6, TEST_PORT,        /* out 0xf4, al */
        0xf4, 0xeb, 0xfd,       /* hlt; jmp hlt */
    };
    Access a;

    if (!vm_setup("on")) {
        return;
    }
    mmio_rec.read_val = 0x3c;
    run_program(code, sizeof(code));
    wait_port_writes(1);
    g_assert_cmpint(rec_count(&mmio_rec), ==, 1);
    a = rec_get(&mmio_rec, 0);
    g_assert_cmphex(a.addr, ==, 0x10);
    g_assert_cmphex(a.val, ==, 0xa5);
    g_assert_cmpuint(a.size, ==, 1);
    g_assert_cmphex(rec_get(&port_rec, 0).val, ==, 0x3c);
}

/* ROM is a read-only slot: the guest reads it, its writes are dropped. */
static void test_rom_slot(void)
{
    static const uint8_t code[] = {
        0xb8, 0x00, 0xd0,       /* mov ax, 0xd000 */
        0x8e, 0xd8,             /* mov ds, ax */
        0xc6, 0x06, 0x00, 0x00, 0x99,   /* mov byte [0], 0x99 */
        0xa1, 0x00, 0x00,       /* mov ax, [0] */
        0xe7, TEST_PORT,        /* out 0xf4, ax */
        0xf4, 0xeb, 0xfd,       /* hlt; jmp hlt */
    };

    if (!vm_setup("on")) {
        return;
    }
    run_program(code, sizeof(code));
    wait_port_writes(1);
    g_assert_cmphex(rec_get(&port_rec, 0).val, ==, 0x4342);
}

/*
 * Registers written into the vCPU come back unchanged, and the guest sees
 * them: a full put, a scrambled copy, a get.
 */
static void test_register_round_trip(void)
{
    static const uint8_t code[] = {
        0x89, 0xd8,             /* mov ax, bx */
        0xe7, TEST_PORT,        /* out 0xf4, ax */
        0x66, 0xb9, 0x44, 0x33, 0x22, 0x11,     /* mov ecx, 0x11223344 */
        0x89, 0xc8,             /* mov ax, cx */
        0xe7, TEST_PORT,        /* out 0xf4, ax */
        0xf4, 0xeb, 0xfd,       /* hlt; jmp hlt */
    };
    CPUX86State *env;
    CPUX86State want;

    if (!vm_setup("on")) {
        return;
    }
    env = &X86_CPU(vcpu)->env;
    pause_all_vcpus();
    address_space_write(&address_space_memory, CODE_ADDR,
                        MEMTXATTRS_UNSPECIFIED, code, sizeof(code));
    cpu_reset(vcpu);

    cpu_synchronize_state(vcpu);
    env->regs[R_EBX] = 0x0123456789abcdefULL;
    env->regs[R_R15] = 0xfeedfacecafebeefULL;
    env->xmm_regs[3].q[0] = 0x1111222233334444ULL;
    env->xmm_regs[3].q[1] = 0x5555666677778888ULL;
    env->fpregs[env->fpstt & 7].mant = 0xc000000000000000ULL;
    env->fpregs[env->fpstt & 7].exp = 0x3fff;
    env->fptags[env->fpstt & 7] = 0;
    env->fpuc = 0x27f;
    env->mxcsr = 0x1fa0;
    env->star = 0x0023001000000000ULL;
    env->lstar = 0xffffffff81000000ULL;
    env->kernelgsbase = 0xffff888000001000ULL;
    env->sysenter_cs = 0x10;
    env->sysenter_esp = 0xffffc90000004000ULL;
    env->sysenter_eip = 0xffffffff81001000ULL;
    env->pat = 0x0007040600070106ULL;
    env->dr[0] = 0x4000;
    env->cr[2] = 0x12345000;
    want = *env;
    cpu_synchronize_all_post_init();
    g_assert_false(vcpu->vcpu_dirty);

    env->regs[R_EBX] = 0;
    env->regs[R_R15] = 0;
    memset(&env->xmm_regs[3], 0, sizeof(env->xmm_regs[3]));
    memset(env->fpregs, 0, sizeof(env->fpregs));
    env->fpuc = 0;
    env->mxcsr = 0;
    env->star = env->lstar = env->kernelgsbase = 0;
    env->sysenter_cs = 0;
    env->sysenter_esp = env->sysenter_eip = 0;
    env->pat = 0;
    env->dr[0] = 0;
    env->cr[2] = 0;
    cpu_synchronize_state(vcpu);
    g_assert_true(vcpu->vcpu_dirty);

    g_assert_cmphex(env->regs[R_EBX], ==, want.regs[R_EBX]);
    g_assert_cmphex(env->regs[R_R15], ==, want.regs[R_R15]);
    g_assert_cmphex(env->xmm_regs[3].q[0], ==, want.xmm_regs[3].q[0]);
    g_assert_cmphex(env->xmm_regs[3].q[1], ==, want.xmm_regs[3].q[1]);
    g_assert_cmpuint(env->fpstt, ==, want.fpstt);
    g_assert_cmphex(env->fpregs[env->fpstt & 7].mant, ==,
                    0xc000000000000000ULL);
    g_assert_cmphex(env->fpregs[env->fpstt & 7].exp, ==, 0x3fff);
    g_assert_cmpint(env->fptags[env->fpstt & 7], ==, 0);
    g_assert_cmphex(env->fpuc, ==, 0x27f);
    g_assert_cmphex(env->mxcsr, ==, 0x1fa0);
    g_assert_cmphex(env->star, ==, want.star);
    g_assert_cmphex(env->lstar, ==, want.lstar);
    g_assert_cmphex(env->kernelgsbase, ==, want.kernelgsbase);
    g_assert_cmphex(env->sysenter_cs, ==, 0x10);
    g_assert_cmphex(env->sysenter_esp, ==, want.sysenter_esp);
    g_assert_cmphex(env->sysenter_eip, ==, want.sysenter_eip);
    g_assert_cmphex(env->pat, ==, want.pat);
    g_assert_cmphex(env->dr[0], ==, 0x4000);
    g_assert_cmphex(env->cr[2], ==, 0x12345000);
    g_assert_cmphex(env->eip, ==, CODE_ADDR);
    g_assert_cmphex(env->segs[R_CS].flags & 0xff00, ==,
                    want.segs[R_CS].flags & 0xff00);

    /* The guest runs with those registers and changes ECX. */
    rec_clear(&port_rec);
    resume_all_vcpus();
    wait_port_writes(2);
    g_assert_cmphex(rec_get(&port_rec, 0).val, ==, 0xcdef);
    g_assert_cmphex(rec_get(&port_rec, 1).val, ==, 0x3344);
    pause_all_vcpus();
    cpu_synchronize_state(vcpu);
    g_assert_cmphex((uint32_t)env->regs[R_ECX], ==, 0x11223344);
}

static void record_thread(CPUState *cpu, void *data)
{
    int *out = data;

    out[0] = (int)gettid();
    out[1] = current_cpu_get() == cpu;
    out[2] = qemu_mutex_iothread_locked();
}

/*
 * A guest counting on the test port: paused, it stops writing; resumed,
 * it goes on.  run_on_cpu runs in the vCPU's own thread, with the BQL,
 * both while the vCPU runs and while it is paused.
 */
static void test_pause_resume_run_on_cpu(void)
{
    static const uint8_t code[] = {
        0x31, 0xc0,             /* xor ax, ax */
        0x40,                   /* inc ax */
        0xe7, TEST_PORT,        /* out 0xf4, ax */
        0xeb, 0xfb,             /* jmp inc */
    };
    int seen[3];
    int n;

    if (!vm_setup("on")) {
        return;
    }
    run_program(code, sizeof(code));
    wait_port_writes(5);

    memset(seen, 0, sizeof(seen));
    run_on_cpu(vcpu, record_thread, seen);
    g_assert_cmpint(seen[0], ==, vcpu->thread_id);
    g_assert_true(seen[1]);
    g_assert_true(seen[2]);
    g_assert_true(qemu_mutex_iothread_locked());

    pause_all_vcpus();
    g_assert_true(all_vcpus_paused());
    g_assert_true(cpu_is_stopped(vcpu));
    n = rec_count(&port_rec);
    /* Nothing may happen while paused: give it the time to. */
    qemu_mutex_unlock_iothread();
    g_usleep(100 * 1000);
    qemu_mutex_lock_iothread();
    g_assert_cmpint(rec_count(&port_rec), ==, n);
    g_assert_cmphex(rec_get(&port_rec, n - 1).val, ==, n);

    memset(seen, 0, sizeof(seen));
    run_on_cpu(vcpu, record_thread, seen);
    g_assert_cmpint(seen[0], ==, vcpu->thread_id);
    g_assert_true(all_vcpus_paused());

    resume_all_vcpus();
    g_assert_false(all_vcpus_paused());
    wait_port_writes(n + 5);
    pause_all_vcpus();
}

/* The monitor's view: info cpus, query-cpus-fast, info registers, cpu
 * (HMP output lines end in CR LF). */
static void test_monitor_cpus(void)
{
    Error *err = NULL;
    json_t *list, *cpu;
    char *out, *want;

    if (!vm_setup("on")) {
        return;
    }
    out = hmp_run_command("info cpus");
    want = g_strdup_printf("* CPU #0: thread_id=%d\r\n", vcpu->thread_id);
    g_assert_cmpstr(out, ==, want);
    g_free(out);
    g_free(want);

    list = qmp_call("query-cpus-fast", json_object(), &err);
    g_assert_null(err);
    g_assert_cmpint(json_array_size(list), ==, 1);
    cpu = json_array_get(list, 0);
    g_assert_cmpint(json_integer_value(json_object_get(cpu, "cpu-index")),
                    ==, 0);
    g_assert_cmpint(json_integer_value(json_object_get(cpu, "thread-id")),
                    ==, vcpu->thread_id);
    g_assert_cmpstr(json_string_value(json_object_get(cpu, "qom-path")), ==,
                    "/test-cpu");
    g_assert_cmpstr(json_string_value(json_object_get(cpu, "target")), ==,
                    "x86_64");
    g_assert_true(json_is_object(json_object_get(cpu, "props")));
    json_decref(list);

    out = hmp_run_command("info registers");
    g_assert_true(g_str_has_prefix(out, "\r\nCPU#0\r\n"));
    g_free(out);
    out = hmp_run_command("info registers 5");
    g_assert_cmpstr(out, ==, "CPU#5 not available\r\n");
    g_free(out);
    out = hmp_run_command("cpu 3");
    g_assert_cmpstr(out, ==, "invalid CPU index\r\n");
    g_free(out);
}

/* With -name debug-threads=on the thread is "CPU 0/KVM" (what ps and
 * taskset users see). */
static void test_vcpu_thread_name(void)
{
    char *path, *comm = NULL;

    if (!vm_setup("on")) {
        return;
    }
    path = g_strdup_printf("/proc/self/task/%d/comm", vcpu->thread_id);
    g_assert_true(g_file_get_contents(path, &comm, NULL, NULL));
    g_assert_cmpstr(comm, ==, "CPU 0/KVM\n");
    g_free(comm);
    g_free(path);
}

/* kernel-irqchip takes on, off and split, as QEMU's accelerator does. */
static void test_accel_kernel_irqchip_property(void)
{
    Object *accel = object_new(TYPE_KVM_ACCEL);
    Error *err = NULL;

    g_assert_true(object_property_parse(accel, "kernel-irqchip", "split",
                                        &error_abort));
    g_assert_false(object_property_parse(accel, "kernel-irqchip", "foo",
                                         &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Parameter 'kernel-irqchip' does not accept value 'foo'");
    error_free(err);
    object_unref(accel);
}

static bool reset_seen;
static bool reset_timed_out;

static void test_reset_handler(void *opaque)
{
    static const uint8_t parked[] = { 0xf4, 0xeb, 0xfd };   /* hlt loop */

    reset_seen = true;
    /* Run something harmless after the reset, then end the main loop. */
    address_space_write(&address_space_memory, CODE_ADDR,
                        MEMTXATTRS_UNSPECIFIED, parked, sizeof(parked));
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
}

static gboolean reset_timeout(gpointer opaque)
{
    reset_timed_out = true;
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
    return G_SOURCE_REMOVE;
}

/*
 * A fault with an empty IDT in protected mode cannot be delivered (#GP),
 * neither can the #GP nor the double fault: the CPU shuts down (SDM vol. 3,
 * 6.15, interrupt 8).  KVM_EXIT_SHUTDOWN becomes a guest reset request,
 * which the main loop carries out (pausing the vCPUs around the device
 * reset, then resuming them).
 */
static void test_triple_fault_resets(void)
{
    static const uint8_t code[] = {
        0xfa,                                   /* 1000: cli */
        0x2e, 0x0f, 0x01, 0x16, 0x30, 0x10,     /* lgdt cs:[0x1030] */
        0x0f, 0x20, 0xc0,                       /* mov eax, cr0 */
        0x0c, 0x01,                             /* or al, 1 (PE) */
        0x0f, 0x22, 0xc0,                       /* mov cr0, eax */
        0xea, 0x14, 0x10, 0x08, 0x00,           /* jmp 0x08:0x1014 */
        0x2e, 0x0f, 0x01, 0x1e, 0x38, 0x10,     /* 1014: lidt cs:[0x1038] */
        0x0f, 0x0b,                             /* ud2 */
        0xf4, 0x90, 0x90, 0x90,                 /* hlt (not reached) */
        /* 1020: GDT: null, 16-bit ring-0 code at base 0 */
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0xff, 0xff, 0x00, 0x00, 0x00, 0x9a, 0x00, 0x00,
        0x0f, 0x00, 0x20, 0x10, 0x00, 0x00, 0x00, 0x00, /* 1030: GDTR */
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00,     /* 1038: IDTR, limit 0 */
    };
    guint timer;

    if (!vm_setup("on")) {
        return;
    }
    pause_all_vcpus();
    address_space_write(&address_space_memory, CODE_ADDR,
                        MEMTXATTRS_UNSPECIFIED, code, sizeof(code));
    cpu_reset(vcpu);
    qemu_register_reset(test_reset_handler, NULL);
    timer = g_timeout_add(WAIT_MS, reset_timeout, NULL);

    vm_start();
    g_assert_true(runstate_is_running());
    qemu_main_loop();
    g_assert_false(reset_timed_out);
    g_assert_true(reset_seen);
    g_source_remove(timer);
    /* The reset put the vCPU back to work (on the parked loop). */
    g_assert_false(cpu_is_stopped(vcpu));
    vm_stop(RUN_STATE_PAUSED);
    g_assert_true(all_vcpus_paused());
    qemu_unregister_reset(test_reset_handler, NULL);
}

static bool vcpu_halted(void *opaque)
{
    return __atomic_load_n(&vcpu->halted, __ATOMIC_SEQ_CST);
}

/*
 * kernel_irqchip=off: HLT leaves the guest (KVM_EXIT_HLT), the vCPU
 * thread sleeps until an interrupt; an NMI wakes it and is injected
 * through the real-mode IVT entry 2.
 */
static void test_userspace_irqchip_hlt_nmi(void)
{
    static const uint8_t code[] = {
        0xb0, 0x01,             /* mov al, 1 */
        0xe6, TEST_PORT,        /* out 0xf4, al */
        0xf4,                   /* hlt */
        0xb0, 0x02,             /* mov al, 2 */
        0xe6, TEST_PORT,        /* out 0xf4, al */
        0xf4, 0xeb, 0xfd,       /* hlt; jmp hlt */
    };
    static const uint8_t nmi_handler[] = {
        0xb0, 0x77,             /* mov al, 0x77 */
        0xe6, TEST_PORT,        /* out 0xf4, al */
        0xcf,                   /* iret */
    };
    static const uint8_t ivt_nmi[4] = { 0x00, 0x20, 0x00, 0x00 }; /* 0:2000 */

    if (!g_test_subprocess()) {
        if (!skip_reason) {
            skip_reason = kvm_unusable_reason();
        }
        if (skip_reason) {
            g_test_skip(skip_reason);
            return;
        }
        g_test_trap_subprocess(NULL, 60 * G_USEC_PER_SEC,
                               G_TEST_SUBPROCESS_INHERIT_STDERR);
        g_test_trap_assert_passed();
        return;
    }

    g_assert_true(vm_setup("off"));
    g_assert_false(kvm_irqchip_in_kernel());
    address_space_write(&address_space_memory, 0x8, MEMTXATTRS_UNSPECIFIED,
                        ivt_nmi, sizeof(ivt_nmi));
    address_space_write(&address_space_memory, 0x2000,
                        MEMTXATTRS_UNSPECIFIED, nmi_handler,
                        sizeof(nmi_handler));
    run_program(code, sizeof(code));
    wait_port_writes(1);
    g_assert_true(wait_until(vcpu_halted, NULL));
    g_assert_cmpint(rec_count(&port_rec), ==, 1);

    cpu_interrupt(vcpu, CPU_INTERRUPT_NMI);
    wait_port_writes(3);
    g_assert_cmphex(rec_get(&port_rec, 1).val, ==, 0x77);
    g_assert_cmphex(rec_get(&port_rec, 2).val, ==, 2);
}

/*
 * Code cannot run from an I/O region: KVM cannot emulate the fetch and
 * reports an internal error (emulation failure).  In kernel mode that
 * stops the VM in the internal-error run state, the vCPU first.
 */
static void test_internal_error_stops_vm(void)
{
    static const uint8_t code[] = {
        0xea, 0x00, 0x00, 0x00, 0xe0,   /* jmp 0xe000:0000 (test.mmio) */
    };
    gint64 deadline;

    if (!g_test_subprocess()) {
        if (!skip_reason) {
            skip_reason = kvm_unusable_reason();
        }
        if (skip_reason) {
            g_test_skip(skip_reason);
            return;
        }
        g_test_trap_subprocess(NULL, 60 * G_USEC_PER_SEC,
                               G_TEST_SUBPROCESS_DEFAULT);
        g_test_trap_assert_passed();
        g_test_trap_assert_stderr("*KVM internal error. Suberror: 1\n"
                                  "*emulation failure\n*");
        return;
    }

    g_assert_true(vm_setup("on"));
    pause_all_vcpus();
    address_space_write(&address_space_memory, CODE_ADDR,
                        MEMTXATTRS_UNSPECIFIED, code, sizeof(code));
    cpu_reset(vcpu);
    vm_start();
    /* The vCPU asks the main loop to stop the VM (a bottom half). */
    deadline = g_get_monotonic_time() + WAIT_MS * 1000;
    while (!runstate_check(RUN_STATE_INTERNAL_ERROR) &&
           g_get_monotonic_time() < deadline) {
        main_loop_wait(true);
        qemu_mutex_unlock_iothread();
        g_usleep(1000);
        qemu_mutex_lock_iothread();
    }
    g_assert_cmpstr(runstate_name(runstate_get()), ==, "internal-error");
    g_assert_true(all_vcpus_paused());
}

static uint64_t kvm_clock_now(void)
{
    struct kvm_clock_data data = { 0 };

    g_assert_cmpint(kvm_vm_ioctl(kvm_state, KVM_GET_CLOCK, &data), ==, 0);
    return data.clock;
}

/*
 * With a kvmclock device, the guest clock stands still while the VM is
 * stopped: across a 300 ms stop it advances by far less than 300 ms.
 */
static void test_kvmclock_still_while_stopped(void)
{
    uint64_t before, after;

    if (!g_test_subprocess()) {
        if (!skip_reason) {
            skip_reason = kvm_unusable_reason();
        }
        if (skip_reason) {
            g_test_skip(skip_reason);
            return;
        }
        g_test_trap_subprocess(NULL, 60 * G_USEC_PER_SEC,
                               G_TEST_SUBPROCESS_INHERIT_STDERR);
        g_test_trap_assert_passed();
        return;
    }

    g_assert_true(vm_setup("on"));
    g_assert_nonnull(kvmclock_create(true, &error_abort));
    vm_start();
    before = kvm_clock_now();
    vm_stop(RUN_STATE_PAUSED);
    qemu_mutex_unlock_iothread();
    g_usleep(300 * 1000);
    qemu_mutex_lock_iothread();
    vm_start();
    after = kvm_clock_now();
    g_assert_cmpuint(after - before, <, 100 * 1000 * 1000);
    vm_stop(RUN_STATE_PAUSED);
}

/*
 * The in-kernel 8259 pair, IOAPIC and PIT as devices: created on an ISA
 * bus and the system bus, reset with the machine, programmed by the guest
 * through their ports, driven through their lines; when the VM stops
 * their common fields hold the kernel's state.  -global applies to
 * kvm-pit (lost_tick_policy=discard); slew is refused.
 */
static void test_in_kernel_devices(void)
{
    static const uint8_t code[] = {
        0xb0, 0x11, 0xe6, 0x20,     /* ICW1: edge, cascade, ICW4 */
        0xb0, 0x08, 0xe6, 0x21,     /* ICW2: vectors 0x08-0x0f */
        0xb0, 0x04, 0xe6, 0x21,     /* ICW3: slave on IR2 */
        0xb0, 0x01, 0xe6, 0x21,     /* ICW4: 8086 mode */
        0xb0, 0xfb, 0xe6, 0x21,     /* OCW1: all masked but IR2 */
        0xb0, 0x34, 0xe6, 0x43,     /* PIT counter 0: lo/hi, mode 2 */
        0xb0, 0x34, 0xe6, 0x40,     /* count 0x1234 */
        0xb0, 0x12, 0xe6, 0x40,
        0xb0, 0x01, 0xe6, TEST_PORT,    /* done */
        0xf4, 0xeb, 0xfd,           /* hlt; jmp hlt */
    };
    ISABus *bus;
    ISADevice *pit;
    DeviceState *ioapic, *dev;
    qemu_irq *isa;
    PITCommonState *p;
    PICCommonState *master = NULL;
    IOAPICCommonState *io;
    Error *err = NULL;
    GString *mtree;
    char *policy;

    if (!g_test_subprocess()) {
        if (!skip_reason) {
            skip_reason = kvm_unusable_reason();
        }
        if (skip_reason) {
            g_test_skip(skip_reason);
            return;
        }
        g_test_trap_subprocess(NULL, 60 * G_USEC_PER_SEC,
                               G_TEST_SUBPROCESS_INHERIT_STDERR);
        g_test_trap_assert_passed();
        return;
    }

    g_assert_true(vm_setup("on"));
    g_assert_true(kvm_pic_in_kernel());
    bus = isa_bus_new(NULL, get_system_memory(), get_system_io(),
                      &error_abort);
    qdev_prop_register_global("kvm-pit", "lost_tick_policy", "discard");
    pit = kvm_pit_init(bus, 0x40, &error_abort);
    policy = object_property_get_str(OBJECT(pit), "lost_tick_policy",
                                     &error_abort);
    g_assert_cmpstr(policy, ==, "discard");
    g_free(policy);
    isa = kvm_i8259_init(bus);
    ioapic = qdev_new(TYPE_KVM_IOAPIC);
    g_assert_true(sysbus_realize_and_unref(SYS_BUS_DEVICE(ioapic),
                                           &error_abort));
    ioapic_mmio_map(ioapic, IO_APIC_DEFAULT_ADDRESS);

    dev = qdev_new(TYPE_KVM_PIT);
    object_property_set_str(OBJECT(dev), "lost_tick_policy", "slew",
                            &error_abort);
    object_property_set_uint(OBJECT(dev), "iobase", 0x48, &error_abort);
    g_assert_false(qdev_realize_and_unref(dev, BUS(bus), &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Lost tick policy not supported.");
    error_free(err);

    mtree = g_string_new(NULL);
    memory_print_mtree(mtree, false);
    g_assert_nonnull(strstr(mtree->str, "0000000000000020-0000000000000021 "
                            "(prio 0, i/o): kvm-pic"));
    g_assert_nonnull(strstr(mtree->str, "00000000000004d0-00000000000004d0 "
                            "(prio 0, i/o): kvm-elcr"));
    g_assert_nonnull(strstr(mtree->str, "0000000000000040-0000000000000043 "
                            "(prio 0, i/o): kvm-pit"));
    g_assert_nonnull(strstr(mtree->str, "00000000fec00000-00000000fec00fff "
                            "(prio 0, i/o): kvm-ioapic"));
    g_string_free(mtree, true);

    qemu_devices_reset();
    run_program(code, sizeof(code));
    wait_port_writes(1);
    qemu_set_irq(isa[5], 1);
    qemu_set_irq(ioapic_get_irq(ioapic, 9), 1);
    vm_start();
    vm_stop(RUN_STATE_PAUSED);

    p = PIT_COMMON(pit);
    g_assert_cmpint(p->channels[0].mode, ==, 2);
    g_assert_cmphex(p->channels[0].count, ==, 0x1234);
    g_assert_cmpint(p->channels[2].gate, ==, 0);
    for (GSList *l = BUS(bus)->children; l; l = l->next) {
        if (object_dynamic_cast(l->data, TYPE_KVM_I8259) &&
            PIC_COMMON(l->data)->master) {
            master = PIC_COMMON(l->data);
        }
    }
    g_assert_nonnull(master);
    g_assert_cmphex(master->irq_base, ==, 0x08);
    g_assert_cmphex(master->imr, ==, 0xfb);
    g_assert_cmphex(master->irr & (1 << 5), ==, 1 << 5);
    io = IOAPIC_COMMON(ioapic);
    g_assert_cmphex(io->irr & ((1 << 5) | (1 << 9)), ==, (1 << 5) | (1 << 9));
    g_assert_cmphex(io->ioredtbl[5] & IOAPIC_MASKED, ==, IOAPIC_MASKED);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qemu_init_main_loop();

    g_test_add_func("/kvm/accel-kernel-irqchip-property",
                    test_accel_kernel_irqchip_property);
    g_test_add_func("/kvm/port-io", test_port_io);
    g_test_add_func("/kvm/mmio", test_mmio);
    g_test_add_func("/kvm/rom-slot-read-only", test_rom_slot);
    g_test_add_func("/kvm/register-round-trip", test_register_round_trip);
    g_test_add_func("/kvm/pause-resume-run-on-cpu",
                    test_pause_resume_run_on_cpu);
    g_test_add_func("/kvm/monitor-cpus", test_monitor_cpus);
    g_test_add_func("/kvm/vcpu-thread-name", test_vcpu_thread_name);
    g_test_add_func("/kvm/triple-fault-resets", test_triple_fault_resets);
    g_test_add_func("/kvm/userspace-irqchip-hlt-nmi",
                    test_userspace_irqchip_hlt_nmi);
    g_test_add_func("/kvm/internal-error-stops-vm",
                    test_internal_error_stops_vm);
    g_test_add_func("/kvm/kvmclock-still-while-stopped",
                    test_kvmclock_still_while_stopped);
    g_test_add_func("/kvm/in-kernel-devices", test_in_kernel_devices);
    return g_test_run();
}
