/*
 * test-vmport.c: the VMware backdoor ("vmport") and its absolute pointer
 * ("vmmouse") on the ISA bus of a "none" machine, with an i8042.
 *
 * The backdoor reads its arguments from the calling vCPU's registers: the
 * test makes an x86 CPU object (never realized, so no accelerator
 * synchronizes it) the current CPU of its thread and uses its register
 * block as the guest's.  Expected values were recorded from QEMU 7.2 with
 * a guest calling the backdoor (see hw/misc/vmport.c) and match the
 * protocol the guest drivers use (open-vm-tools backdoor_def.h, Linux
 * drivers/input/mouse/vmmouse.c).
 */
#include "qemu/osdep.h"
#include "pcdev-test.h"
#include "hw/boards.h"
#include "hw/input/i8042.h"
#include "hw/input/ps2.h"
#include "hw/input/vmmouse.h"
#include "hw/misc/vmport.h"
#include "sysemu/sysemu.h"
#include "target/i386/cpu.h"

#define MAGIC VMPORT_MAGIC
#define PORT VMPORT_IOPORT

/* Guest registers before a call (recognizable junk). */
#define IN_EBX 0x11111111
#define IN_EDX PORT
#define IN_ESI 0x22222222
#define IN_EDI 0x33333333

#define KBD_DATA 0x60
#define KBD_CMD 0x64

static X86CPU *cpu;
static ISADevice *kbc;
static DeviceState *mouse;

/* The guest's registers before the IN: EAX, EBX, ECX; EDX..EDI fixed. */
static void set_regs(uint32_t eax, uint32_t ebx, uint32_t ecx)
{
    CPUX86State *env = &cpu->env;

    env->regs[R_EAX] = eax;
    env->regs[R_EBX] = ebx;
    env->regs[R_ECX] = ecx;
    env->regs[R_EDX] = IN_EDX;
    env->regs[R_ESI] = IN_ESI;
    env->regs[R_EDI] = IN_EDI;
}

static uint64_t reg(int r)
{
    return cpu->env.regs[r];
}

/* "in (%dx), %eax" with the backdoor's registers; returns EAX after it. */
static uint32_t backdoor_call(uint32_t ebx, uint32_t ecx)
{
    uint64_t v = 0;

    set_regs(MAGIC, ebx, ecx);
    g_assert_cmpint(address_space_load(&address_space_io, PORT, 4, &v), ==,
                    MEMTX_OK);
    /* x-read-set-eax: the register holds what the IN returned. */
    g_assert_cmphex(reg(R_EAX), ==, (uint32_t)v);
    return v;
}

/* GETVERSION: EAX = vmware-vmx-version, EBX = magic, ECX = vmx type. */
static void test_getversion(void)
{
    g_assert_cmphex(backdoor_call(IN_EBX, VMPORT_CMD_GETVERSION), ==, 6);
    g_assert_cmphex(reg(R_EBX), ==, MAGIC);
    g_assert_cmphex(reg(R_ECX), ==, 2);
    g_assert_cmphex(reg(R_EDX), ==, IN_EDX);
    g_assert_cmphex(reg(R_ESI), ==, IN_ESI);
    g_assert_cmphex(reg(R_EDI), ==, IN_EDI);

    /* Only ECX's low byte names the command. */
    g_assert_cmphex(backdoor_call(IN_EBX, 0xabcd0000 | VMPORT_CMD_GETVERSION),
                    ==, 6);
    g_assert_cmphex(reg(R_ECX), ==, 2);
}

/* GETRAMSIZE: the RAM size in EAX, 0x1177 in EBX. */
static void test_getramsize(void)
{
    g_assert_cmphex(backdoor_call(IN_EBX, VMPORT_CMD_GETRAMSIZE), ==,
                    300 * 1024 * 1024);
    g_assert_cmphex(reg(R_EBX), ==, 0x1177);
    g_assert_cmphex(reg(R_ECX), ==, VMPORT_CMD_GETRAMSIZE);
}

/* GETBIOSUUID: the -uuid bytes as four little-endian words. */
static void test_getbiosuuid(void)
{
    for (int i = 0; i < 16; i++) {
        qemu_uuid[i] = i + 1;
    }
    g_assert_cmphex(backdoor_call(IN_EBX, VMPORT_CMD_GETBIOSUUID), ==,
                    0x04030201);
    g_assert_cmphex(reg(R_EBX), ==, 0x08070605);
    g_assert_cmphex(reg(R_ECX), ==, 0x0c0b0a09);
    g_assert_cmphex(reg(R_EDX), ==, 0x100f0e0d);
    memset(qemu_uuid, 0, sizeof(qemu_uuid));
}

/* GETHZ without an accelerator: unknown APIC bus rate, EBX all ones. */
static void test_gethz_unknown(void)
{
    g_assert_cmphex(backdoor_call(IN_EBX, VMPORT_CMD_GETHZ), ==, MAGIC);
    g_assert_cmphex(reg(R_EBX), ==, 0xffffffff);
    g_assert_cmphex(reg(R_ECX), ==, VMPORT_CMD_GETHZ);
}

/* GET_VCPU_INFO: bit 3 when the vCPU has x2APIC. */
static void test_vcpu_info(void)
{
    uint64_t saved = cpu->env.features[FEAT_1_ECX];

    cpu->env.features[FEAT_1_ECX] &= ~(uint64_t)CPUID_EXT_X2APIC;
    g_assert_cmphex(backdoor_call(IN_EBX, VMPORT_CMD_GET_VCPU_INFO), ==, 0);
    cpu->env.features[FEAT_1_ECX] |= CPUID_EXT_X2APIC;
    g_assert_cmphex(backdoor_call(IN_EBX, VMPORT_CMD_GET_VCPU_INFO), ==, 8);
    g_assert_cmphex(reg(R_EBX), ==, IN_EBX);
    cpu->env.features[FEAT_1_ECX] = saved;
}

/*
 * Unknown commands (GETTIME 23 and GETTIMEFULL 46 are not implemented by
 * the reference either, 69 and above are beyond its table): all ones,
 * the other registers untouched.
 */
static void test_unknown_command(void)
{
    static const uint32_t cmds[] = { 0, 9, 23, 46, 69, 0xff };

    for (size_t i = 0; i < ARRAY_SIZE(cmds); i++) {
        g_assert_cmphex(backdoor_call(IN_EBX, cmds[i]), ==, 0xffffffff);
        g_assert_cmphex(reg(R_EBX), ==, IN_EBX);
        g_assert_cmphex(reg(R_ECX), ==, cmds[i]);
        g_assert_cmphex(reg(R_EDX), ==, IN_EDX);
    }
}

/* A wrong magic: all ones, nothing else changes. */
static void test_wrong_magic(void)
{
    uint64_t v = 0;

    set_regs(0x12345678, IN_EBX, VMPORT_CMD_GETVERSION);
    address_space_load(&address_space_io, PORT, 4, &v);
    g_assert_cmphex(v, ==, 0xffffffff);
    g_assert_cmphex(reg(R_EAX), ==, 0xffffffff);
    g_assert_cmphex(reg(R_EBX), ==, IN_EBX);
    g_assert_cmphex(reg(R_ECX), ==, VMPORT_CMD_GETVERSION);
}

/*
 * Access widths: a byte IN gets the low byte of the result (EAX holds all
 * of it); an OUT runs the command and leaves the result in EAX; the
 * region is one port wide, so a call at 0x5659 reaches nothing.
 */
static void test_access_widths(void)
{
    uint64_t v = 0;

    set_regs(MAGIC, IN_EBX, VMPORT_CMD_GETVERSION);
    address_space_load(&address_space_io, PORT, 1, &v);
    g_assert_cmphex(v, ==, 6);
    g_assert_cmphex(reg(R_EAX), ==, 6);
    g_assert_cmphex(reg(R_EBX), ==, MAGIC);

    set_regs(MAGIC, IN_EBX, VMPORT_CMD_GETVERSION);
    address_space_store(&address_space_io, PORT, 4, 0xdeadbeef);
    g_assert_cmphex(reg(R_EAX), ==, 6);
    g_assert_cmphex(reg(R_EBX), ==, MAGIC);
    g_assert_cmphex(reg(R_ECX), ==, 2);

    set_regs(MAGIC, IN_EBX, VMPORT_CMD_GETVERSION);
    address_space_load(&address_space_io, PORT + 1, 4, &v);
    g_assert_cmphex(reg(R_EBX), ==, IN_EBX);
    g_assert_cmphex(reg(R_EAX), ==, MAGIC);
}

/* A 32-bit result is written zero-extended; untouched registers keep
 * their upper halves. */
static void test_register_width(void)
{
    uint64_t v = 0;

    set_regs(MAGIC, IN_EBX, VMPORT_CMD_GETVERSION);
    cpu->env.regs[R_EAX] |= 0xaaaaaaaa00000000ull;
    cpu->env.regs[R_EBX] |= 0xbbbbbbbb00000000ull;
    cpu->env.regs[R_ESI] |= 0xcccccccc00000000ull;
    address_space_load(&address_space_io, PORT, 4, &v);
    g_assert_cmphex(reg(R_EAX), ==, 6);
    g_assert_cmphex(reg(R_EBX), ==, MAGIC);
    g_assert_cmphex(reg(R_ESI), ==, 0xcccccccc00000000ull | IN_ESI);
}

/* Without a current vCPU (the monitor) the port reads all ones. */
static void test_no_vcpu(void)
{
    uint64_t v = 0;

    current_cpu_set(NULL);
    address_space_load(&address_space_io, PORT, 4, &v);
    g_assert_cmphex(v, ==, 0xffffffff);
    address_space_store(&address_space_io, PORT, 4, 0);
    current_cpu_set(CPU(cpu));
}

/* ---- vmmouse ---- */

static uint32_t mouse_call(uint32_t cmd, uint32_t ebx)
{
    return backdoor_call(ebx, cmd);
}

static uint32_t mouse_status(void)
{
    return mouse_call(VMPORT_CMD_VMMOUSE_STATUS, IN_EBX);
}

#define READ_ID 0x45414552
#define REQ_ABS 0x53424152
#define REQ_REL 0x4c455252
#define DISABLE 0xf5
#define VERSION 0x3442554a

/* Read n queued words; returns EAX (the first). */
static uint32_t mouse_data(uint32_t n)
{
    return mouse_call(VMPORT_CMD_VMMOUSE_DATA, n);
}

/* Bytes waiting in the i8042 from its mouse, as "08 01 00". */
static char *kbc_aux_bytes(void)
{
    GString *s = g_string_new(NULL);

    for (int n = 0; n < 64 && (inb(KBD_CMD) & 0x01); n++) {
        g_assert_true(inb(KBD_CMD) & 0x20);
        g_string_append_printf(s, "%s%02x", s->len ? " " : "",
                               inb(KBD_DATA));
    }
    return g_string_free(s, false);
}

static void expect_aux(const char *want)
{
    g_autofree char *got = kbc_aux_bytes();

    g_assert_cmpstr(got, ==, want);
}

/* Reset: disabled (status 0xffff), empty queue, no host input taken. */
static void test_mouse_reset_state(void)
{
    qemu_devices_reset();
    g_assert_cmphex(mouse_status(), ==, 0xffff0000);
    g_assert_null(vmmouse_get_active());
    /* Disabled: host input is not taken. */
    vmmouse_pointer_event(mouse, 1, 2, 0, 0);
    g_assert_cmphex(mouse_status(), ==, 0xffff0000);
}

/*
 * The driver's probe: READ_ID queues the version word and enables the
 * device; DATA 1 returns it in EAX; REQUEST_ABSOLUTE makes the device the
 * host pointer.  Each event queues buttons/flags, x, y, wheel and sends
 * a one-count PS/2 packet so the driver looks at the queue.
 */
static void test_mouse_absolute_packets(void)
{
    qemu_devices_reset();
    /* The PS/2 mouse reporting, as the guest's psmouse driver sets it. */
    outb(KBD_CMD, 0xd4);
    outb(KBD_DATA, 0xf4);
    expect_aux("fa");

    g_assert_cmphex(mouse_call(VMPORT_CMD_VMMOUSE_COMMAND, READ_ID), ==,
                    MAGIC);
    g_assert_cmphex(mouse_status(), ==, 1);
    g_assert_cmphex(mouse_data(1), ==, VERSION);
    g_assert_cmphex(reg(R_EBX), ==, 1);
    g_assert_cmphex(mouse_status(), ==, 0);
    mouse_call(VMPORT_CMD_VMMOUSE_COMMAND, REQ_ABS);
    g_assert_true(vmmouse_get_active() == mouse);
    g_assert_true(vmmouse_is_absolute(mouse));

    vmmouse_pointer_event(mouse, 0x1234, 0x7fff, 1,
                          VMMOUSE_INPUT_LEFT | VMMOUSE_INPUT_MIDDLE);
    expect_aux("08 01 00");
    vmmouse_pointer_event(mouse, -5, 0x10000, 0, VMMOUSE_INPUT_RIGHT);
    expect_aux("08 01 00");
    g_assert_cmphex(mouse_status(), ==, 8);

    /* Word 0: left 0x20, middle 0x08; positions doubled; wheel negated. */
    g_assert_cmphex(mouse_data(4), ==, 0x28);
    g_assert_cmphex(reg(R_EBX), ==, 0x2468);
    g_assert_cmphex(reg(R_ECX), ==, 0xfffe);
    g_assert_cmphex(reg(R_EDX), ==, 0xffffffff);
    g_assert_cmphex(reg(R_ESI), ==, IN_ESI);
    g_assert_cmphex(mouse_status(), ==, 4);
    /* Out-of-range positions are clamped. */
    g_assert_cmphex(mouse_data(4), ==, 0x10);
    g_assert_cmphex(reg(R_EBX), ==, 0);
    g_assert_cmphex(reg(R_ECX), ==, 0xfffe);
    g_assert_cmphex(reg(R_EDX), ==, 0);
    g_assert_cmphex(mouse_status(), ==, 0);
}

/* Relative mode: motion as given, flag 0x00010000 in word 0. */
static void test_mouse_relative_packets(void)
{
    qemu_devices_reset();
    mouse_call(VMPORT_CMD_VMMOUSE_COMMAND, READ_ID);
    mouse_data(1);
    mouse_call(VMPORT_CMD_VMMOUSE_COMMAND, REQ_REL);
    g_assert_false(vmmouse_is_absolute(mouse));
    vmmouse_pointer_event(mouse, -3, 7, -2, 0);
    g_assert_cmphex(mouse_data(4), ==, 0x00010000);
    g_assert_cmphex(reg(R_EBX), ==, 0xfffffffd);
    g_assert_cmphex(reg(R_ECX), ==, 7);
    g_assert_cmphex(reg(R_EDX), ==, 2);
}

/* Six words at most, in EAX..EDI; the rest of the queue stays. */
static void test_mouse_read_six(void)
{
    qemu_devices_reset();
    mouse_call(VMPORT_CMD_VMMOUSE_COMMAND, READ_ID);
    mouse_call(VMPORT_CMD_VMMOUSE_COMMAND, REQ_ABS);
    vmmouse_pointer_event(mouse, 1, 2, 0, 0);
    vmmouse_pointer_event(mouse, 3, 4, 0, 0);
    g_assert_cmphex(mouse_status(), ==, 9);
    g_assert_cmphex(mouse_data(6), ==, VERSION);
    g_assert_cmphex(reg(R_EBX), ==, 0);
    g_assert_cmphex(reg(R_ECX), ==, 2);
    g_assert_cmphex(reg(R_EDX), ==, 4);
    g_assert_cmphex(reg(R_ESI), ==, 0);
    g_assert_cmphex(reg(R_EDI), ==, 0);
    g_assert_cmphex(mouse_status(), ==, 3);
    g_assert_cmphex(mouse_data(3), ==, 6);
    g_assert_cmphex(reg(R_EBX), ==, 8);
    g_assert_cmphex(reg(R_ECX), ==, 0);
    g_assert_cmphex(reg(R_EDX), ==, IN_EDX);
}

/*
 * A read beyond the queue (or of 0 or more than 6 words) disables the
 * device with the reference's message on stdout; the queue stays.
 * DISABLE does the same silently; READ_ID enables it again.
 */
static void test_mouse_errors(void)
{
    if (g_test_subprocess()) {
        qemu_devices_reset();
        mouse_call(VMPORT_CMD_VMMOUSE_COMMAND, READ_ID);
        g_assert_cmphex(mouse_data(5), ==, MAGIC);
        g_assert_cmphex(mouse_status(), ==, 0xffff0001);
        g_assert_null(vmmouse_get_active());
        mouse_call(VMPORT_CMD_VMMOUSE_COMMAND, READ_ID);
        g_assert_cmphex(mouse_status(), ==, 2);
        mouse_call(VMPORT_CMD_VMMOUSE_COMMAND, 0x99);
        g_assert_cmphex(mouse_status(), ==, 2);
        mouse_call(VMPORT_CMD_VMMOUSE_COMMAND, DISABLE);
        g_assert_cmphex(mouse_status(), ==, 0xffff0002);
        mouse_data(0);
        return;
    }
    g_test_trap_subprocess(NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed();
    g_test_trap_assert_stdout("vmmouse: driver requested too much data 5\n"
                              "vmmouse: unknown command 99\n"
                              "vmmouse: driver requested too much data 0\n");
}

/* The queue holds 1024 words: events beyond it are dropped. */
static void test_mouse_queue_full(void)
{
    qemu_devices_reset();
    mouse_call(VMPORT_CMD_VMMOUSE_COMMAND, READ_ID);
    mouse_data(1);
    mouse_call(VMPORT_CMD_VMMOUSE_COMMAND, REQ_ABS);
    for (int i = 0; i < 300; i++) {
        vmmouse_pointer_event(mouse, i, i, 0, 0);
    }
    g_assert_cmphex(mouse_status(), ==, 1024);
    g_assert_cmphex(mouse_data(4), ==, 0);
    g_assert_cmphex(reg(R_EBX), ==, 0);
    g_assert_cmphex(mouse_status(), ==, 1020);
    qemu_devices_reset();
    g_assert_cmphex(mouse_status(), ==, 0xffff0000);
}

/* vmmouse needs the i8042 link and a vmport, with the reference's errors. */
static void test_mouse_realize_errors(void)
{
    Error *err = NULL;
    ISADevice *d = isa_new(TYPE_VMMOUSE);

    g_assert_false(qdev_realize(DEVICE(d), BUS(isa_bus_get()), &err));
    g_assert_cmpstr(error_get_pretty(err), ==, "'i8042' link is not set");
    error_free(err);
    err = NULL;
    object_unref(OBJECT(d));

    /* The link is fixed once the device is realized. */
    g_assert_false(object_property_set_link(OBJECT(mouse), "i8042",
                                            OBJECT(kbc), &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Attempt to set link property 'i8042' on device '' "
                    "(type 'vmmouse') after it was realized");
    error_free(err);
}

int main(int argc, char **argv)
{
    ISABus *bus;

    g_test_init(&argc, &argv, NULL);
    bus = pcdev_test_init();
    MACHINE(qdev_get_machine())->ram_size = 300 * 1024 * 1024;
    kbc = isa_create_simple(bus, TYPE_I8042);
    isa_create_simple(bus, TYPE_VMPORT);
    mouse = DEVICE(isa_new(TYPE_VMMOUSE));
    object_property_set_link(OBJECT(mouse), TYPE_I8042, OBJECT(kbc),
                             &error_abort);
    qdev_realize_and_unref(mouse, BUS(bus), &error_abort);

    cpu = X86_CPU(object_new(X86_CPU_TYPE_NAME("qemu64")));
    current_cpu_set(CPU(cpu));

    g_test_add_func("/vmport/getversion", test_getversion);
    g_test_add_func("/vmport/getramsize", test_getramsize);
    g_test_add_func("/vmport/getbiosuuid", test_getbiosuuid);
    g_test_add_func("/vmport/gethz-unknown", test_gethz_unknown);
    g_test_add_func("/vmport/vcpu-info", test_vcpu_info);
    g_test_add_func("/vmport/unknown-command", test_unknown_command);
    g_test_add_func("/vmport/wrong-magic", test_wrong_magic);
    g_test_add_func("/vmport/access-widths", test_access_widths);
    g_test_add_func("/vmport/register-width", test_register_width);
    g_test_add_func("/vmport/no-vcpu", test_no_vcpu);
    g_test_add_func("/vmmouse/reset-state", test_mouse_reset_state);
    g_test_add_func("/vmmouse/absolute-packets", test_mouse_absolute_packets);
    g_test_add_func("/vmmouse/relative-packets", test_mouse_relative_packets);
    g_test_add_func("/vmmouse/read-six", test_mouse_read_six);
    g_test_add_func("/vmmouse/errors", test_mouse_errors);
    g_test_add_func("/vmmouse/queue-full", test_mouse_queue_full);
    g_test_add_func("/vmmouse/realize-errors", test_mouse_realize_errors);
    return g_test_run();
}
