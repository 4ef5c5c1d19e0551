/*
 * test-tcg-log.c: the software CPU's -d int lines (x86_log_interrupt(),
 * target/i386/tcg/log-helper.c) and the -d cpu_reset dump with its lazy
 * flags line (x86_cpu_log_state()), written to a -D file.
 *
 * The expected block is the reference's first event for
 * tests/guests/cpu-softint.S (INT3 in compatibility mode), from
 * "qemu-system-x86_64 -accel tcg -d int -D FILE -bios cpu-softint.bin".
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "target/i386/tcg/tcg-cpu.h"

static const char int3_block[] =
"     0: v=03 e=0000 i=1 cpl=0 IP=0008:00000000ffff07ce pc=00000000ffff07ce "
"SP=0010:0000000000007000 env->regs[R_EAX]=00000000ffff0788\n"
"EAX=ffff0788 EBX=00000000 ECX=00000000 EDX=00000000\n"
"ESI=000011e8 EDI=0000c068 EBP=00000000 ESP=00007000\n"
"EIP=ffff07ce EFL=00000006 [-----P-] CPL=0 II=0 A20=1 SMM=0 HLT=0\n"
"ES =0010 00000000 ffffffff 00cf9300 DPL=0 DS   [-WA]\n"
"CS =0008 00000000 ffffffff 00cf9a00 DPL=0 CS32 [-R-]\n"
"SS =0010 00000000 ffffffff 00cf9300 DPL=0 DS   [-WA]\n"
"DS =0010 00000000 ffffffff 00cf9300 DPL=0 DS   [-WA]\n"
"FS =0010 00000000 ffffffff 00cf9300 DPL=0 DS   [-WA]\n"
"GS =0010 00000000 ffffffff 00cf9300 DPL=0 DS   [-WA]\n"
"LDT=0000 00000000 0000ffff 00008200 DPL=0 LDT\n"
"TR =0040 0000c000 00000067 00008900 DPL=0 TSS64-avl\n"
"GDT=     0000000000007800 0000004f\n"
"IDT=     000000000000a000 00000fff\n"
"CR0=e0000011 CR2=0000000000000000 CR3=0000000000010000 CR4=00000020\n"
"DR0=0000000000000000 DR1=0000000000000000 DR2=0000000000000000 "
"DR3=0000000000000000 \n"
"DR6=00000000ffff0ff0 DR7=0000000000000400\n"
"CCS=0001fffe CCD=0000ffff CCO=SARL\n"
"EFER=0000000000000d00\n";

static X86CPU *cpu;
static char *log_path;

static void set_seg(SegmentCache *s, uint16_t sel, uint64_t base,
                    uint32_t limit, uint32_t flags)
{
    s->selector = sel;
    s->base = base;
    s->limit = limit;
    s->flags = flags;
}

/* The reference's state at the guest's INT3. */
static void int3_state(CPUX86State *env)
{
    memset(env->regs, 0, sizeof(env->regs));
    env->regs[R_EAX] = 0xffff0788;
    env->regs[R_ESI] = 0x11e8;
    env->regs[R_EDI] = 0xc068;
    env->regs[R_ESP] = 0x7000;
    env->eip = 0xffff07ce;
    env->eflags = 0x2;
    env->hflags = 0;
    env->interrupt_shadow = 0;
    env->a20_mask_enabled = 1;
    env->smm = 0;
    for (int i = 0; i < 6; i++) {
        set_seg(&env->segs[i], 0x10, 0, 0xffffffff, 0x00cf9300);
    }
    set_seg(&env->segs[R_CS], 0x08, 0, 0xffffffff, 0x00cf9a00);
    set_seg(&env->ldt, 0, 0, 0xffff, 0x00008200);
    set_seg(&env->tr, 0x40, 0xc000, 0x67, 0x00008900);
    env->gdt.base = 0x7800;
    env->gdt.limit = 0x4f;
    env->idt.base = 0xa000;
    env->idt.limit = 0xfff;
    env->cr[0] = 0xe0000011;
    env->cr[2] = 0;
    env->cr[3] = 0x10000;
    env->cr[4] = 0x20;
    memset(env->dr, 0, sizeof(env->dr));
    env->dr[6] = 0xffff0ff0;
    env->dr[7] = 0x400;
    env->efer = 0xd00;
    /* PF from the lazy flags: SAR of 32 bits, result 0xffff. */
    env->cc_op = CC_OP_SARB + 2;
    env->cc_src = 0x1fffe;
    env->cc_dst = 0xffff;
    /* As the executor holds it: OSZAPC only in the lazy state (PF). */
    env->eflags = 0x2;
}

static char *take_log(void)
{
    char *text = NULL;

    g_assert_true(g_file_get_contents(log_path, &text, NULL, NULL));
    g_assert_true(qemu_set_log_filename_flags(log_path, qemu_loglevel,
                                              &error_abort));
    return text;
}

static void test_int_line_and_dump(void)
{
    CPUX86State *env = &cpu->env;
    char *text;

    g_assert_true(qemu_set_log_filename_flags(log_path, CPU_LOG_INT,
                                              &error_abort));
    int3_state(env);
    x86_log_interrupt(env, 3, 1, 0, env->eip + 1, false);
    text = take_log();
    g_assert_cmpstr(text, ==, int3_block);
    g_free(text);
    /* Logging changed nothing. */
    g_assert_cmphex(env->eflags, ==, 0x2);
    g_assert_cmpuint(env->cc_op, ==, CC_OP_SARB + 2);

    /* A page fault shows CR2 instead of EAX; the counter went on. */
    env->cr[2] = 0xdeadb000;
    x86_log_interrupt(env, 14, 0, 2, env->eip, false);
    text = take_log();
    g_assert_true(g_str_has_prefix(text, "     1: v=0e e=0002 i=0 cpl=0 "
        "IP=0008:00000000ffff07ce pc=00000000ffff07ce "
        "SP=0010:0000000000007000 CR2=00000000deadb000\nEAX="));
    g_free(text);

    /* Real mode is not logged; nor is anything without -d int. */
    env->cr[0] = 0x10;
    x86_log_interrupt(env, 8, 0, 0, env->eip, true);
    env->cr[0] = 0xe0000011;
    g_assert_true(qemu_set_log(LOG_GUEST_ERROR, &error_abort));
    x86_log_interrupt(env, 8, 0, 0, env->eip, true);
    x86_log_check_exception(env, 13);
    text = take_log();
    g_assert_cmpstr(text, ==, "");
    g_free(text);

    g_assert_true(qemu_set_log(CPU_LOG_INT, &error_abort));
    env->old_exception = -1;
    x86_log_check_exception(env, 5);
    text = take_log();
    g_assert_cmpstr(text, ==, "check_exception old: 0xffffffff new 0x5\n");
    g_free(text);
    qemu_log_close();
}

int main(int argc, char **argv)
{
    char *dir;
    int ret;

    g_test_init(&argc, &argv, NULL);
    cpu = X86_CPU(object_new(X86_CPU_TYPE_NAME("qemu64")));
    dir = g_dir_make_tmp("test-tcg-log-XXXXXX", NULL);
    log_path = g_build_filename(dir, "log.txt", NULL);
    g_test_add_func("/tcg-log/int", test_int_line_and_dump);
    ret = g_test_run();
    unlink(log_path);
    rmdir(dir);
    g_free(log_path);
    g_free(dir);
    return ret;
}
