/*
 * test-machine-config.c: -smp and -m parsing against a machine's limits,
 * UUID parsing, fd sets and run-state transitions.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include "hw/boards.h"
#include "sysemu/vl-config.h"
#include "sysemu/sysemu.h"
#include "sysemu/runstate.h"
#include "qemu/fdset.h"

static MachineClass test_mc = {
    .name = "test",
    .max_cpus = 255,
    .default_ram_size = 128 * MiB,
};

static QemuOpts *parse(const char *group, const char *str)
{
    QemuOptsList *list = qemu_find_opts(group);

    qemu_opts_reset(list);
    return qemu_opts_parse(list, str, true, &error_abort);
}

static char *smp_error(const char *str)
{
    CpuTopology t;
    Error *err = NULL;
    char *msg;

    g_assert_false(machine_parse_smp(&test_mc, parse("smp-opts", str), &t,
                                     &err));
    msg = g_strdup(error_get_pretty(err));
    error_free(err);
    return msg;
}

static void check_smp(const char *str, unsigned cpus, unsigned sockets,
                      unsigned cores, unsigned threads, unsigned maxcpus)
{
    CpuTopology t;

    g_assert_true(machine_parse_smp(&test_mc, parse("smp-opts", str), &t,
                                    &error_abort));
    g_assert_cmpuint(t.cpus, ==, cpus);
    g_assert_cmpuint(t.sockets, ==, sockets);
    g_assert_cmpuint(t.cores, ==, cores);
    g_assert_cmpuint(t.threads, ==, threads);
    g_assert_cmpuint(t.max_cpus, ==, maxcpus);
}

static void test_smp_derives_missing_values(void)
{
    check_smp("1", 1, 1, 1, 1, 1);
    /* Since 6.2 machine types prefer cores over sockets. */
    check_smp("4", 4, 1, 4, 1, 4);
    check_smp("4,sockets=2", 4, 2, 2, 1, 4);
    check_smp("4,cores=2", 4, 2, 2, 1, 4);
    check_smp("2,maxcpus=8", 2, 1, 8, 1, 8);
    check_smp("sockets=2,cores=2,threads=2", 8, 2, 2, 2, 8);
    check_smp("1,sockets=1,cores=1,threads=1", 1, 1, 1, 1, 1);
    test_mc.smp_prefer_sockets = true;
    check_smp("4", 4, 4, 1, 1, 4);
    test_mc.smp_prefer_sockets = false;
}

static void test_smp_rejects_bad_topologies(void)
{
    char *msg;

    msg = smp_error("2,sockets=3");
    g_assert_cmpstr(msg, ==, "Invalid CPU topology: product of the hierarchy "
                    "must match maxcpus: sockets (3) * cores (0) * threads "
                    "(1) != maxcpus (2)");
    g_free(msg);
    msg = smp_error("4,maxcpus=2");
    g_assert_cmpstr(msg, ==, "Invalid CPU topology: maxcpus must be equal to "
                    "or greater than smp: sockets (1) * cores (2) * threads "
                    "(1) == maxcpus (2) < smp_cpus (4)");
    g_free(msg);
    msg = smp_error("300");
    g_assert_cmpstr(msg, ==, "Invalid SMP CPUs 300. The max CPUs supported "
                    "by machine 'test' is 255");
    g_free(msg);
    msg = smp_error("2,dies=2");
    g_assert_cmpstr(msg, ==,
                    "dies not supported by this machine's CPU topology");
    g_free(msg);
    test_mc.dies_supported = true;
    msg = smp_error("4,sockets=1,dies=2,cores=3");
    g_assert_cmpstr(msg, ==, "Invalid CPU topology: product of the hierarchy "
                    "must match maxcpus: sockets (1) * dies (2) * cores (3) "
                    "* threads (0) != maxcpus (4)");
    g_free(msg);
    test_mc.dies_supported = false;
}

static void test_memory_sizes(void)
{
    uint64_t ram, maxram, slots;
    Error *err = NULL;

    g_assert_true(machine_parse_memory(&test_mc, NULL, &ram, &maxram, &slots,
                                       &error_abort));
    g_assert_cmpuint(ram, ==, 128 * MiB);
    /* A bare number is MiB. */
    g_assert_true(machine_parse_memory(&test_mc, parse("memory", "256"),
                                       &ram, &maxram, &slots, &error_abort));
    g_assert_cmpuint(ram, ==, 256 * MiB);
    g_assert_true(machine_parse_memory(&test_mc, parse("memory", "2G"),
                                       &ram, &maxram, &slots, &error_abort));
    g_assert_cmpuint(ram, ==, 2 * GiB);
    g_assert_true(machine_parse_memory(&test_mc,
                                       parse("memory", "1G,slots=2,maxmem=4G"),
                                       &ram, &maxram, &slots, &error_abort));
    g_assert_cmpuint(maxram, ==, 4 * GiB);
    g_assert_cmpuint(slots, ==, 2);
    g_assert_false(machine_parse_memory(&test_mc,
                                        parse("memory", "1G,slots=2"),
                                        &ram, &maxram, &slots, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "slots specified but no max-size");
    error_free(err);
    err = NULL;
    g_assert_false(machine_parse_memory(&test_mc,
                                        parse("memory", "1G,maxmem=512M"),
                                        &ram, &maxram, &slots, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "invalid value of maxmem: maximum memory size "
                    "(0x20000000) must be at least the initial memory size "
                    "(0x40000000)");
    error_free(err);
}

static void test_uuid_parse_and_print(void)
{
    uint8_t u[16];
    char out[37];

    g_assert_true(qemu_uuid_parse("1f8e6f7e-5a70-4780-89c1-464dc0e7f308", u));
    g_assert_cmphex(u[0], ==, 0x1f);
    g_assert_cmphex(u[15], ==, 0x08);
    qemu_uuid_unparse(u, out);
    g_assert_cmpstr(out, ==, "1f8e6f7e-5a70-4780-89c1-464dc0e7f308");
    g_assert_false(qemu_uuid_parse("foo", u));
    g_assert_false(qemu_uuid_parse("1f8e6f7e-5a70-4780-89c1-464dc0e7f30g", u));
    g_assert_false(qemu_uuid_parse("1f8e6f7e05a70-4780-89c1-464dc0e7f308", u));
}

static void test_fdset_open_matches_access_mode(void)
{
    char path[] = "/tmp/test-fdset-XXXXXX";
    int fd = mkstemp(path);
    int rd, dupfd;
    Error *err = NULL;

    g_assert_cmpint(fd, >=, 0);
    rd = open(path, O_RDONLY);
    unlink(path);
    g_assert_true(qemu_fdset_add_opts(fd, 7, "log", &error_abort));
    g_assert_true(qemu_fdset_add_opts(rd, 7, NULL, &error_abort));
    dupfd = qemu_open_fdset_or_path("/dev/fdset/7", O_WRONLY, &err);
    g_assert_cmpint(dupfd, <, 0);      /* the set has O_RDWR, not O_WRONLY */
    error_free(err);
    err = NULL;
    dupfd = qemu_open_fdset_or_path("/dev/fdset/7", O_RDWR, &error_abort);
    g_assert_cmpint(dupfd, >, 2);
    g_assert_cmpint(write(dupfd, "x", 1), ==, 1);
    close(dupfd);
    g_assert_cmpint(qemu_open_fdset_or_path("/dev/fdset/8", O_RDWR, &err),
                    ==, -1);
    error_free(err);
    err = NULL;
    g_assert_false(qemu_fdset_add_opts(1, 0, NULL, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "fd cannot be a standard I/O stream");
    error_free(err);
    err = NULL;
    g_assert_false(qemu_fdset_add_opts(999, 0, NULL, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "fd is not valid or already in use");
    error_free(err);
}

static void test_runstate_transitions(void)
{
    g_assert_true(runstate_transition_valid(RUN_STATE_PRELAUNCH,
                                            RUN_STATE_RUNNING));
    g_assert_true(runstate_transition_valid(RUN_STATE_RUNNING,
                                            RUN_STATE_PAUSED));
    g_assert_true(runstate_transition_valid(RUN_STATE_RUNNING,
                                            RUN_STATE_SHUTDOWN));
    g_assert_true(runstate_transition_valid(RUN_STATE_SHUTDOWN,
                                            RUN_STATE_PRELAUNCH));
    g_assert_false(runstate_transition_valid(RUN_STATE_SHUTDOWN,
                                             RUN_STATE_RUNNING));
    g_assert_false(runstate_transition_valid(RUN_STATE_SAVE_VM,
                                             RUN_STATE_PAUSED));
    g_assert_cmpstr(runstate_name(RUN_STATE_GUEST_PANICKED), ==,
                    "guest-panicked");
    g_assert_cmpstr(runstate_name(RUN_STATE_PRELAUNCH), ==, "prelaunch");
    /* vm_stop() on a VM that is not running leaves the state alone. */
    g_assert_true(runstate_check(RUN_STATE_PRELAUNCH));
    vm_stop(RUN_STATE_PAUSED);
    g_assert_true(runstate_check(RUN_STATE_PRELAUNCH));
    vm_start();
    g_assert_true(runstate_is_running());
    vm_stop(RUN_STATE_PAUSED);
    g_assert_true(runstate_check(RUN_STATE_PAUSED));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/machine/smp/derives-missing-values",
                    test_smp_derives_missing_values);
    g_test_add_func("/machine/smp/rejects-bad-topologies",
                    test_smp_rejects_bad_topologies);
    g_test_add_func("/machine/memory/sizes", test_memory_sizes);
    g_test_add_func("/vl/uuid", test_uuid_parse_and_print);
    g_test_add_func("/vl/fdset/open-matches-access-mode",
                    test_fdset_open_matches_access_mode);
    g_test_add_func("/runstate/transitions", test_runstate_transitions);
    return g_test_run();
}
