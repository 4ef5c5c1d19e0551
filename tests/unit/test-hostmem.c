/*
 * test-hostmem.c: the memory backends (memory-backend-ram, -file, -memfd)
 * created as -object/object-add create them, with QEMU 7.2's error texts;
 * the memory really mapped, shared or private, advised and preallocated
 * as asked; the board API (claim, lookup); and the machine QMP queries
 * (query-machines, query-memdev, query-fdsets, ...) through qmp_call().
 */
#include "qemu/osdep.h"
#include <sys/mman.h>
#include "qom/object.h"
#include "sysemu/hostmem.h"
#include "monitor/monitor.h"
#include "qapi/qmp-json.h"
#include "qemu/fdset.h"

/* ---- helpers ---- */

static json_t *jparse(const char *text)
{
    json_error_t jerr;
    json_t *v = json_loads(text, JSON_DECODE_ANY, &jerr);

    g_assert_nonnull(v);
    return v;
}

/* object-add style creation (typed values): the object or NULL, with the
 * error text in *msg. */
static Object *add(const char *type, const char *id, const char *props,
                   char **msg)
{
    json_t *p = jparse(props);
    Error *err = NULL;
    Object *obj = user_creatable_add_type(type, id, p, &err);

    json_decref(p);
    *msg = err ? g_strdup(error_get_pretty(err)) : NULL;
    error_free(err);
    return obj;
}

static Object *add_ok(const char *type, const char *id, const char *props)
{
    char *msg;
    Object *obj = add(type, id, props, &msg);

    g_assert_cmpstr(msg, ==, NULL);
    g_assert_nonnull(obj);
    return obj;
}

static void add_fails(const char *type, const char *props,
                      const char *expected)
{
    char *msg;
    Object *obj = add(type, "bad", props, &msg);

    g_assert_null(obj);
    g_assert_cmpstr(msg, ==, expected);
    g_free(msg);
    /* Nothing is left behind under /objects. */
    g_assert_null(object_resolve_path("/objects/bad", NULL));
}

/* -object key=value style creation: every value a string. */
static char *add_opts_error(const char *json)
{
    json_t *dict = jparse(json);
    Error *err = NULL;
    Object *obj = user_creatable_add_dict(dict, &err);
    char *msg = err ? g_strdup(error_get_pretty(err)) : NULL;

    json_decref(dict);
    error_free(err);
    if (obj) {
        user_creatable_del(object_get_canonical_path_component(obj), NULL);
    }
    return msg;
}

static void del(const char *id)
{
    Error *err = NULL;

    g_assert_true(user_creatable_del(id, &err));
    g_assert_null(err);
}

static char *set_error(Object *obj, const char *name, const char *value)
{
    json_t *v = jparse(value);
    Error *err = NULL;
    char *msg;

    object_property_set(obj, name, v, &err);
    json_decref(v);
    msg = err ? g_strdup(error_get_pretty(err)) : NULL;
    error_free(err);
    return msg;
}

/* Set a property (typed JSON text) and compare the error (NULL: none). */
static void assert_set(Object *obj, const char *name, const char *value,
                       const char *expected)
{
    char *msg = set_error(obj, name, value);

    g_assert_cmpstr(msg, ==, expected);
    g_free(msg);
}

static char *get_text(Object *obj, const char *name)
{
    json_t *v = object_property_get(obj, name, &error_abort);
    char *s = qmp_json_to_string(v, false);

    json_decref(v);
    return s;
}

static char *qmp_text(const char *cmd)
{
    json_t *args = json_object();
    Error *err = NULL;
    json_t *ret = qmp_call(cmd, args, &err);
    char *s;

    json_decref(args);
    if (!ret) {
        s = g_strdup(error_get_pretty(err));
        error_free(err);
        return s;
    }
    s = qmp_json_to_string(ret, false);
    json_decref(ret);
    return s;
}

/* The VmFlags of the mapping containing addr (" rd wr mr mw me dd "). */
static char *vm_flags(const void *addr)
{
    char *smaps = NULL, **lines, *flags = NULL;
    bool inside = false;
    int i;

    g_assert_true(g_file_get_contents("/proc/self/smaps", &smaps, NULL,
                                      NULL));
    lines = g_strsplit(smaps, "\n", -1);
    for (i = 0; lines[i] && !flags; i++) {
        unsigned long lo, hi;
        char perms[5];

        /* A mapping's header line; the field lines that follow are
         * "Name:   value". */
        if (sscanf(lines[i], "%lx-%lx %4s", &lo, &hi, perms) == 3) {
            inside = (uintptr_t)addr >= lo && (uintptr_t)addr < hi;
        } else if (inside && g_str_has_prefix(lines[i], "VmFlags:")) {
            flags = g_strdup_printf("%s ", lines[i] + strlen("VmFlags:"));
        }
    }
    g_strfreev(lines);
    g_free(smaps);
    g_assert_nonnull(flags);
    return flags;
}

static bool has_vm_flag(const void *addr, const char *flag)
{
    char *flags = vm_flags(addr);
    char *word = g_strdup_printf(" %s ", flag);
    bool ret = strstr(flags, word) != NULL;

    g_free(word);
    g_free(flags);
    return ret;
}

/* The permissions ("rw-p", "r--s") of the mapping containing addr. */
static char *map_perms(const void *addr)
{
    char *maps = NULL, **lines, *perms = NULL;
    int i;

    g_assert_true(g_file_get_contents("/proc/self/maps", &maps, NULL, NULL));
    lines = g_strsplit(maps, "\n", -1);
    for (i = 0; lines[i] && !perms; i++) {
        unsigned long lo, hi;
        char p[5];

        if (sscanf(lines[i], "%lx-%lx %4s", &lo, &hi, p) == 3 &&
            (uintptr_t)addr >= lo && (uintptr_t)addr < hi) {
            perms = g_strdup(p);
        }
    }
    g_strfreev(lines);
    g_free(maps);
    g_assert_nonnull(perms);
    return perms;
}

static void assert_perms(const void *addr, const char *expected)
{
    char *perms = map_perms(addr);

    g_assert_cmpstr(perms, ==, expected);
    g_free(perms);
}

static bool all_resident(void *ptr, size_t len)
{
    size_t page = getpagesize(), n = (len + page - 1) / page, i;
    unsigned char *vec = g_malloc(n);
    bool ret = true;

    g_assert_cmpint(mincore(ptr, len, vec), ==, 0);
    for (i = 0; i < n; i++) {
        ret = ret && (vec[i] & 1);
    }
    g_free(vec);
    return ret;
}

static char *tmpdir(void)
{
    char *dir = g_dir_make_tmp("test-hostmem-XXXXXX", NULL);

    g_assert_nonnull(dir);
    return dir;
}

static void rmtree(const char *dir)
{
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *name;

    while (d && (name = g_dir_read_name(d))) {
        char *path = g_build_filename(dir, name, NULL);
        unlink(path);
        g_free(path);
    }
    if (d) {
        g_dir_close(d);
    }
    rmdir(dir);
}

/* ---- memory-backend-ram ---- */

static void test_ram_maps_writable_memory(void)
{
    Object *obj = add_ok("memory-backend-ram", "ram0",
                         "{\"size\": 3145728}");
    uint8_t *ptr = host_memory_backend_get_ptr(obj);
    size_t i;

    g_assert_nonnull(ptr);
    g_assert_true(host_memory_backend_is_allocated(obj));
    g_assert_cmpuint(host_memory_backend_get_size(obj), ==, 3 * MiB);
    g_assert_cmpint(host_memory_backend_get_fd(obj), ==, -1);
    g_assert_cmpuint(host_memory_backend_get_page_size(obj), ==,
                     (uint64_t)getpagesize());
    /* Aligned for transparent huge pages. */
    g_assert_cmpuint((uintptr_t)ptr % (2 * MiB), ==, 0);
    for (i = 0; i < 3 * MiB; i += 4096) {
        ptr[i] = (uint8_t)(i >> 12);
    }
    for (i = 0; i < 3 * MiB; i += 4096) {
        g_assert_cmpuint(ptr[i], ==, (uint8_t)(i >> 12));
    }
    assert_perms(ptr, "rw-p");
    /* Not inherited by child processes. */
    g_assert_true(has_vm_flag(ptr, "dc"));
    del("ram0");
    g_assert_null(object_resolve_path("/objects/ram0", NULL));
}

static void test_ram_bad_input(void)
{
    add_fails("memory-backend-ram", "{}", "Parameter 'size' is missing");
    add_fails("memory-backend-ram", "{\"size\": 0}",
              "property 'size' of memory-backend-ram doesn't take value '0'");
    add_fails("memory-backend-ram", "{\"size\": \"1M\"}",
              "Parameter 'size' expects uint64");
    /* More than the address space: refused, never a crash. */
    add_fails("memory-backend-ram", "{\"size\": 1125899906842624}",
              "cannot set up guest memory 'bad': Cannot allocate memory");
    add_fails("memory-backend-ram", "{\"size\": -1}",
              "cannot set up guest memory 'bad': Cannot allocate memory");
    add_fails("memory-backend-ram",
              "{\"x-use-canonical-path-for-ramblock-id\": true, "
              "\"size\": 1125899906842624}",
              "cannot set up guest memory '/objects/bad': Cannot allocate "
              "memory");
    add_fails("memory-backend-ram", "{\"size\": 4096, \"policy\": \"foo\"}",
              "Parameter 'policy' does not accept value 'foo'");
    add_fails("memory-backend-ram", "{\"size\": 4096, \"policy\": \"bind\"}",
              "host-nodes must be set for policy bind");
    add_fails("memory-backend-ram", "{\"size\": 4096, \"host-nodes\": [0]}",
              "host-nodes must be empty for policy default, or you should "
              "explicitly specify a policy other than default");
    add_fails("memory-backend-ram",
              "{\"size\": 4096, \"host-nodes\": [128], \"policy\": \"bind\"}",
              "Invalid host-nodes value: 128");
    add_fails("memory-backend-ram",
              "{\"size\": 4096, \"host-nodes\": [70000]}",
              "Parameter 'null' expects uint16_t");
    add_fails("memory-backend-ram",
              "{\"size\": 4096, \"host-nodes\": [\"x\"]}",
              "Parameter 'host-nodes[0]' expects uint64");
    add_fails("memory-backend-ram", "{\"size\": 4096, \"host-nodes\": 0}",
              "Invalid parameter type for 'host-nodes', expected: array");
    add_fails("memory-backend-ram",
              "{\"size\": 4096, \"prealloc-threads\": 0}",
              "property 'prealloc-threads' of memory-backend-ram doesn't "
              "take value '0'");
    add_fails("memory-backend-ram",
              "{\"size\": 4096, \"prealloc-threads\": -1}",
              "Parameter 'prealloc-threads' expects uint32_t");
    add_fails("memory-backend-ram",
              "{\"size\": 4096, \"prealloc\": true, \"reserve\": false}",
              "'prealloc=on' and 'reserve=off' are incompatible");
    add_fails("memory-backend-ram",
              "{\"size\": 4096, \"reserve\": false, \"prealloc\": true}",
              "'prealloc=on' and 'reserve=off' are incompatible");
    add_fails("memory-backend-ram",
              "{\"size\": 4096, \"prealloc-context\": \"nope\"}",
              "Device 'nope' not found");
    add_fails("memory-backend-ram", "{\"size\": 4096, \"bogus\": 1}",
              "Parameter 'bogus' is unexpected");
    add_fails("memory-backend", "{\"size\": 4096}",
              "Parameter 'qom-type' does not accept value 'memory-backend'");
}

static void test_ram_command_line_values(void)
{
    char *msg;

    msg = add_opts_error("{\"qom-type\": \"memory-backend-ram\", \"id\": "
                         "\"m\", \"size\": \"foo\"}");
    g_assert_cmpstr(msg, ==, "Parameter 'size' expects a size value");
    g_free(msg);
    msg = add_opts_error("{\"qom-type\": \"memory-backend-ram\", \"id\": "
                         "\"m\", \"size\": \"1M\", \"host-nodes\": \"x\"}");
    g_assert_cmpstr(msg, ==,
                    "Parameter 'host-nodes' expects a uint64 value or range");
    g_free(msg);
    msg = add_opts_error("{\"qom-type\": \"memory-backend-ram\", \"id\": "
                         "\"m\", \"size\": \"1M\", \"host-nodes\": \"1-0\"}");
    g_assert_cmpstr(msg, ==,
                    "Parameter 'host-nodes' expects a uint64 value or range");
    g_free(msg);
    msg = add_opts_error("{\"qom-type\": \"memory-backend-ram\", \"id\": "
                         "\"m\", \"size\": \"1M\", \"prealloc-threads\": "
                         "\"5000000000\"}");
    g_assert_cmpstr(msg, ==, "Parameter 'prealloc-threads' expects uint32_t");
    g_free(msg);
    msg = add_opts_error("{\"qom-type\": \"memory-backend-ram\", \"id\": "
                         "\"m\", \"size\": \"2M\", \"merge\": \"off\", "
                         "\"dump\": \"off\"}");
    g_assert_cmpstr(msg, ==, NULL);
}

static void test_ram_host_nodes_ranges(void)
{
    Object *obj = object_new("memory-backend-ram");
    char *s;

    /* -object key=value gives a number or a range as text. */
    g_assert_true(object_property_parse(obj, "host-nodes", "2-4",
                                        &error_abort));
    s = get_text(obj, "host-nodes");
    g_assert_cmpstr(s, ==, "[2, 3, 4]");
    g_free(s);
    assert_set(obj, "host-nodes", "[5, 1, 5, 127]", NULL);
    s = get_text(obj, "host-nodes");
    g_assert_cmpstr(s, ==, "[1, 5, 127]");
    g_free(s);
    object_unref(obj);
}

static void test_ram_defaults_and_properties(void)
{
    Object *obj = add_ok("memory-backend-ram", "ram1", "{\"size\": 65536}");
    static const char *const expect[][2] = {
        { "size", "65536" }, { "merge", "true" }, { "dump", "true" },
        { "prealloc", "false" }, { "prealloc-threads", "1" },
        { "share", "false" }, { "reserve", "true" },
        { "policy", "\"default\"" }, { "host-nodes", "[]" },
        { "x-use-canonical-path-for-ramblock-id", "false" },
        { "prealloc-context", "\"\"" },
    };
    size_t i;

    for (i = 0; i < ARRAY_SIZE(expect); i++) {
        char *s = get_text(obj, expect[i][0]);
        g_assert_cmpstr(s, ==, expect[i][1]);
        g_free(s);
    }
    /* Once mapped, some properties are fixed, with QEMU's words. */
    assert_set(obj, "size", "4096",
               "cannot change property size of memory-backend-ram ");
    assert_set(obj, "share", "true", "cannot change property value");
    assert_set(obj, "reserve", "false", "cannot change property value");
    assert_set(obj, "policy", "\"interleave\"", NULL);
    assert_set(obj, "prealloc-threads", "3", NULL);
    del("ram1");
}

static void test_ram_dump_and_merge_advice(void)
{
    Object *obj = add_ok("memory-backend-ram", "ram2",
                         "{\"size\": 2097152, \"dump\": false}");
    void *ptr = host_memory_backend_get_ptr(obj);
    void *probe;
    bool ksm;

    g_assert_true(has_vm_flag(ptr, "dd"));
    assert_set(obj, "dump", "true", NULL);
    g_assert_false(has_vm_flag(ptr, "dd"));
    assert_set(obj, "dump", "false", NULL);
    g_assert_true(has_vm_flag(ptr, "dd"));

    /* KSM may be compiled out of the host kernel: then there is no flag. */
    probe = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ksm = madvise(probe, 4096, MADV_MERGEABLE) == 0;
    munmap(probe, 4096);
    if (ksm) {
        g_assert_true(has_vm_flag(ptr, "mg"));
        assert_set(obj, "merge", "false", NULL);
        g_assert_false(has_vm_flag(ptr, "mg"));
    }
    del("ram2");
}

static void test_ram_prealloc(void)
{
    Object *obj = add_ok("memory-backend-ram", "ram3",
                         "{\"size\": 8388608, \"prealloc\": true, "
                         "\"prealloc-threads\": 4}");

    g_assert_true(all_resident(host_memory_backend_get_ptr(obj), 8 * MiB));
    del("ram3");

    /* Turning prealloc on later preallocates at once. */
    obj = add_ok("memory-backend-ram", "ram4", "{\"size\": 4194304}");
    g_assert_false(all_resident(host_memory_backend_get_ptr(obj), 4 * MiB));
    assert_set(obj, "prealloc", "true", NULL);
    g_assert_true(all_resident(host_memory_backend_get_ptr(obj), 4 * MiB));
    /* ... and off again changes nothing. */
    assert_set(obj, "prealloc", "false", NULL);
    g_assert_true(object_property_get_bool(obj, "prealloc", &error_abort));
    del("ram4");
}

/* ---- memory-backend-file ---- */

static void test_file_backend_file_form(void)
{
    char *dir = tmpdir();
    char *path = g_build_filename(dir, "guest.ram", NULL);
    char *props = g_strdup_printf("{\"size\": 1048576, \"mem-path\": \"%s\","
                                  " \"share\": true}", path);
    Object *obj = add_ok("memory-backend-file", "file0", props);
    char *ptr = host_memory_backend_get_ptr(obj);
    int fd = host_memory_backend_get_fd(obj);
    struct stat st;
    char buf[6] = "";

    /* A new file is created with the backend's size. */
    g_assert_cmpint(stat(path, &st), ==, 0);
    g_assert_cmpint(st.st_size, ==, 1 * MiB);
    g_assert_cmpint(fd, >=, 0);
    assert_perms(ptr, "rw-s");
    /* share=on: the writes reach the file. */
    memcpy(ptr + 4096, "hello", 6);
    g_assert_cmpint(pread(fd, buf, 6, 4096), ==, 6);
    g_assert_cmpstr(buf, ==, "hello");
    del("file0");
    /* The file stays, with its contents. */
    g_assert_true(g_file_test(path, G_FILE_TEST_EXISTS));

    /* An existing file is used as it is: a private mapping sees its
     * contents but does not write back. */
    g_free(props);
    props = g_strdup_printf("{\"size\": 1048576, \"mem-path\": \"%s\"}",
                            path);
    obj = add_ok("memory-backend-file", "file1", props);
    ptr = host_memory_backend_get_ptr(obj);
    g_assert_cmpstr(ptr + 4096, ==, "hello");
    memcpy(ptr + 4096, "world", 6);
    g_assert_cmpint(pread(host_memory_backend_get_fd(obj), buf, 6, 4096), ==,
                    6);
    g_assert_cmpstr(buf, ==, "hello");
    assert_perms(ptr, "rw-p");
    del("file1");

    /* discard-data=on gives the pages back when the backend goes. */
    g_free(props);
    props = g_strdup_printf("{\"size\": 1048576, \"mem-path\": \"%s\", "
                            "\"share\": true, \"discard-data\": true}", path);
    obj = add_ok("memory-backend-file", "file2", props);
    g_assert_cmpstr((char *)host_memory_backend_get_ptr(obj) + 4096, ==,
                    "hello");
    del("file2");
    fd = open(path, O_RDONLY);
    g_assert_cmpint(pread(fd, buf, 6, 4096), ==, 6);
    close(fd);
    g_assert_cmpint(buf[0], ==, 0);

    g_free(props);
    g_free(path);
    rmtree(dir);
    g_free(dir);
}

static void test_file_backend_directory_form(void)
{
    char *dir = tmpdir();
    char *props = g_strdup_printf("{\"size\": 2097152, \"mem-path\": \"%s\"}",
                                  dir);
    Object *obj = add_ok("memory-backend-file", "file3", props);
    int fd = host_memory_backend_get_fd(obj);
    GDir *d = g_dir_open(dir, 0, NULL);
    char link[64], target[PATH_MAX];
    ssize_t len;
    struct stat st;
    char *prefix;

    /* A temporary file, already unlinked, named after the region. */
    g_assert_null(g_dir_read_name(d));
    g_dir_close(d);
    g_assert_cmpint(fstat(fd, &st), ==, 0);
    g_assert_cmpint(st.st_nlink, ==, 0);
    g_assert_cmpint(st.st_size, ==, 2 * MiB);
    snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
    len = readlink(link, target, sizeof(target) - 1);
    g_assert_cmpint(len, >, 0);
    target[len] = '\0';
    prefix = g_strdup_printf("%s/qemu_back_mem.file3.", dir);
    g_assert_true(g_str_has_prefix(target, prefix));
    memset(host_memory_backend_get_ptr(obj), 0x5a, 2 * MiB);
    del("file3");

    g_free(prefix);
    g_free(props);
    rmtree(dir);
    g_free(dir);
}

static void test_file_backend_bad_input(void)
{
    char *dir = tmpdir();
    char *small = g_build_filename(dir, "small", NULL);
    char *props, *expect;

    g_assert_true(g_file_set_contents(small, "0123456789abcdef", 16, NULL));
    g_assert_cmpint(truncate(small, 4096), ==, 0);

    add_fails("memory-backend-file", "{\"size\": 4096}",
              "Parameter 'mem-path' is missing");
    add_fails("memory-backend-file", "{\"mem-path\": \"/tmp\"}",
              "Parameter 'size' is missing");
    props = g_strdup_printf("{\"size\": 4096, \"mem-path\": "
                            "\"%s/missing/x\"}", dir);
    expect = g_strdup_printf("can't open backing store %s/missing/x for guest "
                             "RAM: No such file or directory", dir);
    add_fails("memory-backend-file", props, expect);
    g_free(props);
    g_free(expect);
    add_fails("memory-backend-file", "{\"size\": 4096, \"mem-path\": \"\"}",
              "can't open backing store  for guest RAM: No such file or "
              "directory");

    /* A path through a regular file: not a directory. */
    props = g_strdup_printf("{\"size\": 4096, \"mem-path\": \"%s/x\"}",
                            small);
    expect = g_strdup_printf("can't open backing store %s/x for guest RAM: "
                             "Not a directory", small);
    add_fails("memory-backend-file", props, expect);
    g_free(props);
    g_free(expect);

    props = g_strdup_printf("{\"size\": 8192, \"mem-path\": \"%s\"}", small);
    add_fails("memory-backend-file", props,
              "backing store size 0x1000 does not match 'size' option "
              "0x2000");
    g_free(props);
    props = g_strdup_printf("{\"size\": 4097, \"mem-path\": \"%s\"}", small);
    add_fails("memory-backend-file", props,
              "backing store size 0x1000 does not match 'size' option "
              "0x2000");
    g_free(props);

    props = g_strdup_printf("{\"size\": 4096, \"mem-path\": \"%s\", "
                            "\"align\": 3}", dir);
    add_fails("memory-backend-file", props,
              "alignment 0x3 must be multiples of page size 0x1000");
    g_free(props);
    props = g_strdup_printf("{\"size\": 4096, \"mem-path\": \"%s\", "
                            "\"align\": 12288}", dir);
    add_fails("memory-backend-file", props,
              "alignment 0x3000 must be a power of two");
    g_free(props);

    /* A file created for a backend that fails is removed again. */
    props = g_strdup_printf("{\"size\": 4096, \"mem-path\": \"%s/new\", "
                            "\"align\": 12288}", dir);
    add_fails("memory-backend-file", props,
              "alignment 0x3000 must be a power of two");
    g_free(props);
    expect = g_build_filename(dir, "new", NULL);
    g_assert_false(g_file_test(expect, G_FILE_TEST_EXISTS));
    g_free(expect);

    g_free(small);
    rmtree(dir);
    g_free(dir);
}

static void test_file_backend_options(void)
{
    char *dir = tmpdir();
    char *props = g_strdup_printf("{\"size\": 65536, \"mem-path\": \"%s/ro\","
                                  " \"readonly\": true, \"align\": 2097152}",
                                  dir);
    Object *obj = add_ok("memory-backend-file", "file4", props);
    void *ptr = host_memory_backend_get_ptr(obj);
    char *s;

    assert_perms(ptr, "r--p");
    g_assert_cmpuint((uintptr_t)ptr % (2 * MiB), ==, 0);
    s = get_text(obj, "align");
    g_assert_cmpstr(s, ==, "2097152");
    g_free(s);
    assert_set(obj, "mem-path", "\"/x\"",
               "cannot change property 'mem-path' of "
                    "memory-backend-file");
    assert_set(obj, "align", "0",
               "cannot change property 'align' of memory-backend-file");
    assert_set(obj, "pmem", "true",
               "cannot change property 'pmem' of memory-backend-file.");
    assert_set(obj, "readonly", "false",
               "cannot change property 'readonly' of "
                    "memory-backend-file.");
    assert_set(obj, "discard-data", "true", NULL);
    /* Preallocating a read-only mapping only reads it. */
    assert_set(obj, "prealloc", "true", NULL);
    g_assert_true(all_resident(ptr, 65536));
    del("file4");
    g_free(props);
    rmtree(dir);
    g_free(dir);
}

/* ---- memory-backend-memfd ---- */

static void test_memfd_shared_through_fd(void)
{
    Object *obj = add_ok("memory-backend-memfd", "memfd0",
                         "{\"size\": 1048576}");
    char *ptr = host_memory_backend_get_ptr(obj);
    int fd = host_memory_backend_get_fd(obj);
    int seals = fcntl(fd, F_GET_SEALS);
    char *other;

    g_assert_true(object_property_get_bool(obj, "share", &error_abort));
    g_assert_true(object_property_get_bool(obj, "seal", &error_abort));
    g_assert_cmpint(seals, ==, F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL);
    g_assert_cmpint(ftruncate(fd, 2 * MiB), <, 0);
    /* Another mapping of the descriptor sees the same memory. */
    other = mmap(NULL, MiB, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    g_assert_true(other != MAP_FAILED);
    strcpy(ptr + 100, "from the backend");
    g_assert_cmpstr(other + 100, ==, "from the backend");
    strcpy(other + 200, "from the other side");
    g_assert_cmpstr(ptr + 200, ==, "from the other side");
    munmap(other, MiB);
    del("memfd0");
}

static void test_memfd_private_and_unsealed(void)
{
    Object *obj = add_ok("memory-backend-memfd", "memfd1",
                         "{\"size\": 1048576, \"share\": false, "
                         "\"seal\": false}");
    char *ptr = host_memory_backend_get_ptr(obj);
    int fd = host_memory_backend_get_fd(obj);
    char buf[8] = "";

    g_assert_cmpint(fcntl(fd, F_GET_SEALS) & (F_SEAL_GROW | F_SEAL_SHRINK),
                    ==, 0);
    strcpy(ptr, "private");
    g_assert_cmpint(pread(fd, buf, sizeof(buf), 0), ==, sizeof(buf));
    g_assert_cmpint(buf[0], ==, 0);
    /* hugetlbsize is fixed once mapped; seal and hugetlb are not. */
    assert_set(obj, "hugetlbsize", "2097152", "cannot change property value");
    assert_set(obj, "seal", "true", NULL);
    del("memfd1");
}

static void test_memfd_bad_input(void)
{
    char *msg;
    Object *obj;

    add_fails("memory-backend-memfd", "{\"size\": 4096, \"hugetlb\": true, "
              "\"hugetlbsize\": 3145728}",
              "Hugepage size must be a power of 2");
    add_fails("memory-backend-memfd", "{\"size\": 4096, \"hugetlbsize\": 0}",
              "Property 'memory-backend-memfd.hugetlbsize' doesn't take "
              "value '0'");
    add_fails("memory-backend-memfd", "{\"size\": 1000}",
              "backing store size 0x3e8 does not match 'size' option "
              "0x1000");
    /* Huge pages: 1 MiB is no multiple of any huge page size (or the
     * host has no hugetlbfs); either way a clean error. */
    obj = add("memory-backend-memfd", "bad",
              "{\"size\": 1048576, \"hugetlb\": true}", &msg);
    g_assert_null(obj);
    g_assert_true(g_str_has_prefix(msg, "failed to resize memfd to 1048576") ||
                  g_str_has_prefix(msg, "failed to create memfd with flags"));
    g_free(msg);
}

/* ---- the board API ---- */

static void test_claim_and_find(void)
{
    Object *obj = add_ok("memory-backend-ram", "mem0", "{\"size\": 4096}");
    Error *err = NULL;

    g_assert_true(host_memory_backend_find("mem0", &error_abort) == obj);
    g_assert_null(host_memory_backend_find("nope", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "Memory backend 'nope' not found");
    error_free(err);
    err = NULL;

    g_assert_false(host_memory_backend_is_mapped(obj));
    g_assert_true(host_memory_backend_claim(obj, &error_abort));
    g_assert_true(host_memory_backend_is_mapped(obj));
    g_assert_false(host_memory_backend_claim(obj, &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "memory backend mem0 can't be used multiple times.");
    error_free(err);
    err = NULL;
    g_assert_false(user_creatable_del("mem0", &err));
    g_assert_cmpstr(error_get_pretty(err), ==,
                    "object 'mem0' is in use, can not be deleted");
    error_free(err);
    host_memory_backend_set_mapped(obj, false);
    del("mem0");
}

/* ---- -object TYPE,help ---- */

static void test_help_texts(void)
{
    if (g_test_subprocess()) {
        json_t *props = jparse("{\"help\": \"on\"}");

        g_assert_true(user_creatable_print_help("memory-backend-memfd",
                                                props));
        g_assert_true(user_creatable_print_help("memory-backend-file",
                                                props));
        json_decref(props);
        return;
    }
    g_test_trap_subprocess(NULL, 0, 0);
    g_test_trap_assert_passed();
    g_test_trap_assert_stdout(
        "memory-backend-memfd options:\n"
        "  dump=<bool>            - Set to 'off' to exclude from core dump\n"
        "  host-nodes=<int>       - Binds memory to the list of NUMA host "
        "nodes\n"
        "  hugetlb=<bool>         - Use huge pages\n"
        "  hugetlbsize=<int>      - Huge pages size (ex: 2M, 1G)\n"
        "  merge=<bool>           - Mark memory as mergeable\n"
        "  policy=<HostMemPolicy> - Set the NUMA policy\n"
        "  prealloc-context=<link<thread-context>> - Context to use for "
        "creating CPU threads for preallocation\n"
        "  prealloc-threads=<int> - Number of CPU threads to use for "
        "prealloc\n"
        "  prealloc=<bool>        - Preallocate memory\n"
        "  reserve=<bool>         - Reserve swap space (or huge pages) if "
        "applicable\n"
        "  seal=<bool>            - Seal growing & shrinking\n"
        "  share=<bool>           - Mark the memory as private to QEMU or "
        "shared\n"
        "  size=<int>             - Size of the memory region (ex: 500M)\n"
        "  x-use-canonical-path-for-ramblock-id=<bool>\n"
        "memory-backend-file options:\n"
        "  align=<int>\n"
        "  discard-data=<bool>\n"
        "*"
        "  mem-path=<string>\n"
        "*"
        "  pmem=<bool>\n"
        "*"
        "  readonly=<bool>\n"
        "*");
}

/* ---- QMP ---- */

static void test_qmp_query_memdev(void)
{
    char *s;

    s = qmp_text("query-memdev");
    g_assert_cmpstr(s, ==, "[]");
    g_free(s);
    add_ok("memory-backend-ram", "ma", "{\"size\": 4096, \"merge\": false}");
    add_ok("memory-backend-memfd", "mb", "{\"size\": 8192, \"dump\": false}");
    s = qmp_text("query-memdev");
    /* Newest first, as QEMU lists them, with its member order. */
    g_assert_cmpstr(s, ==,
        "[{\"share\": true, \"reserve\": true, \"prealloc\": false, "
        "\"host-nodes\": [], \"size\": 8192, \"merge\": true, \"dump\": "
        "false, \"policy\": \"default\", \"id\": \"mb\"}, "
        "{\"share\": false, \"reserve\": true, \"prealloc\": false, "
        "\"host-nodes\": [], \"size\": 4096, \"merge\": false, \"dump\": "
        "true, \"policy\": \"default\", \"id\": \"ma\"}]");
    g_free(s);
    del("ma");
    del("mb");
}

static void test_hmp_info_memdev(void)
{
    char *out;

    /* Node 0 exists everywhere; interleaving skips absent nodes. */
    add_ok("memory-backend-ram", "hm",
           "{\"size\": 1048576, \"host-nodes\": [0, 1, 3, 5, 6, 7], "
           "\"policy\": \"interleave\", \"prealloc\": true}");
    /* As human-monitor-command returns it: lines end in CR LF. */
    out = hmp_run_command("info memdev");
    g_assert_cmpstr(out, ==,
                    "memory backend: hm\r\n"
                    "  size:  1048576\r\n"
                    "  merge: true\r\n"
                    "  dump: true\r\n"
                    "  prealloc: true\r\n"
                    "  share: false\r\n"
                    "  reserve: true\r\n"
                    "  policy: interleave\r\n"
                    "  host nodes: 0-1,3,5-7\r\n"
                    "\r\n");
    g_free(out);
    del("hm");
    out = hmp_run_command("info memory_size_summary");
    g_assert_cmpstr(out, ==, "base memory: 0\r\nplugged memory: 0\r\n");
    g_free(out);
}

static void test_qmp_query_machines(void)
{
    json_t *args = json_object();
    json_t *ret = qmp_call("query-machines", args, &error_abort);
    static const char *const order[] = {
        "hotpluggable-cpus", "name", "numa-mem-supported",
        "default-cpu-type", "is-default", "cpu-max", "deprecated",
        "default-ram-id", "alias",
    };
    bool found = false;
    size_t i;
    json_t *m;

    json_decref(args);
    g_assert_true(json_array_size(ret) >= 1);
    json_array_foreach(ret, i, m) {
        const char *key;
        json_t *v;
        size_t next = 0;

        /* Every entry keeps QEMU's member order. */
        json_object_foreach(m, key, v) {
            while (next < ARRAY_SIZE(order) && strcmp(order[next], key)) {
                next++;
            }
            g_assert_cmpuint(next, <, ARRAY_SIZE(order));
        }
        if (!strcmp(json_string_value(json_object_get(m, "name")), "none")) {
            char *s = qmp_json_to_string(m, false);

            g_assert_cmpstr(s, ==,
                "{\"hotpluggable-cpus\": false, \"name\": \"none\", "
                "\"numa-mem-supported\": false, \"cpu-max\": 1, "
                "\"deprecated\": false, \"default-ram-id\": \"ram\"}");
            g_free(s);
            found = true;
        }
    }
    g_assert_true(found);
    json_decref(ret);
}

static void test_qmp_machine_queries(void)
{
    char *s;
    int fds[3];
    int i;

    s = qmp_text("query-current-machine");
    g_assert_cmpstr(s, ==, "{\"wakeup-suspend-support\": false}");
    g_free(s);
    s = qmp_text("query-memory-size-summary");
    g_assert_cmpstr(s, ==, "{\"base-memory\": 0, \"plugged-memory\": 0}");
    g_free(s);

    s = qmp_text("query-fdsets");
    g_assert_cmpstr(s, ==, "[]");
    g_free(s);
    for (i = 0; i < 3; i++) {
        fds[i] = open("/dev/null", O_RDONLY);
        g_assert_cmpint(fds[i], >, 2);
    }
    g_assert_true(qemu_fdset_add_opts(fds[0], 2, "first", &error_abort));
    g_assert_true(qemu_fdset_add_opts(fds[1], 7, NULL, &error_abort));
    g_assert_true(qemu_fdset_add_opts(fds[2], 2, NULL, &error_abort));
    s = qmp_text("query-fdsets");
    /* Highest set first, "fds" before "fdset-id", as QEMU prints them. */
    g_assert_true(g_regex_match_simple(
        "^\\[\\{\"fds\": \\[\\{\"fd\": \\d+\\}\\], \"fdset-id\": 7\\}, "
        "\\{\"fds\": \\[\\{\"fd\": \\d+, \"opaque\": \"first\"\\}, "
        "\\{\"fd\": \\d+\\}\\], \"fdset-id\": 2\\}\\]$", s, 0, 0));
    g_free(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/hostmem/ram/maps-writable-memory",
                    test_ram_maps_writable_memory);
    g_test_add_func("/hostmem/ram/bad-input", test_ram_bad_input);
    g_test_add_func("/hostmem/ram/command-line-values",
                    test_ram_command_line_values);
    g_test_add_func("/hostmem/ram/host-nodes-ranges",
                    test_ram_host_nodes_ranges);
    g_test_add_func("/hostmem/ram/defaults-and-properties",
                    test_ram_defaults_and_properties);
    g_test_add_func("/hostmem/ram/dump-and-merge-advice",
                    test_ram_dump_and_merge_advice);
    g_test_add_func("/hostmem/ram/prealloc", test_ram_prealloc);
    g_test_add_func("/hostmem/file/file-form", test_file_backend_file_form);
    g_test_add_func("/hostmem/file/directory-form",
                    test_file_backend_directory_form);
    g_test_add_func("/hostmem/file/bad-input", test_file_backend_bad_input);
    g_test_add_func("/hostmem/file/options", test_file_backend_options);
    g_test_add_func("/hostmem/memfd/shared-through-fd",
                    test_memfd_shared_through_fd);
    g_test_add_func("/hostmem/memfd/private-and-unsealed",
                    test_memfd_private_and_unsealed);
    g_test_add_func("/hostmem/memfd/bad-input", test_memfd_bad_input);
    g_test_add_func("/hostmem/api/claim-and-find", test_claim_and_find);
    g_test_add_func("/hostmem/help-texts", test_help_texts);
    g_test_add_func("/hostmem/qmp/query-memdev", test_qmp_query_memdev);
    g_test_add_func("/hostmem/qmp/query-machines", test_qmp_query_machines);
    g_test_add_func("/hostmem/hmp/info-memdev", test_hmp_info_memdev);
    g_test_add_func("/hostmem/qmp/machine-queries", test_qmp_machine_queries);
    return g_test_run();
}
