/*
 * hmp-memory.c: memory dumps from the monitor: HMP "x /fmt addr" (virtual
 * addresses, through the monitor's current CPU: "cpu N"), "xp /fmt addr"
 * (physical), "memsave" / "pmemsave" and their QMP commands
 * (qapi/memsave.json).
 *
 * The layout is the reference's: each line starts with the address in 16
 * hex digits and a colon, then up to 8 (bytes) or 16 bytes of items; a
 * read that fails ends the dump with "Cannot access memory".  The format
 * (x d u o c i) and the unit size (b h w g) are remembered from one
 * command to the next, as in the reference (initially x and w).
 *
 * Virtual addresses are translated with x86_cpu_get_phys_page_debug()
 * after cpu_synchronize_state(), page by page.
 *
 * "i" (disassemble): this emulator has no disassembler; it answers as the
 * reference does for a target without one, "0x%08x: Asm output not
 * supported on this arch" (or "unable to read memory").  The address is a
 * number (C syntax), not the reference's expression language ($eip...).
 */
#include "qemu/osdep.h"
#include "monitor/hmp.h"
#include "monitor/monitor.h"
#include "hw/core/cpu.h"
#include "target/i386/cpu.h"
#include "exec/memory.h"

/* The reference keeps one format and size for all monitors. */
static int default_fmt_format = 'x';
static int default_fmt_size = 4;

/* ---- reading ---- */

static bool read_physical(uint64_t addr, uint8_t *buf, size_t len)
{
    return address_space_read(&address_space_memory, addr,
                              MEMTXATTRS_UNSPECIFIED, buf, len) == MEMTX_OK;
}

/* Read len bytes at virtual address addr as cs sees them (registers
 * already synchronized). */
static bool read_virtual(CPUState *cs, uint64_t addr, uint8_t *buf,
                         size_t len)
{
    while (len) {
        size_t l = MIN(len, 4096 - (addr & 0xfff));
        uint64_t pa;

        if (!x86_cpu_get_phys_page_debug(X86_CPU(cs), addr, &pa) ||
            !read_physical(pa, buf, l)) {
            return false;
        }
        addr += l;
        buf += l;
        len -= l;
    }
    return true;
}

/* ---- x / xp ---- */

static void print_char(Monitor *mon, unsigned c)
{
    switch (c) {
    case '\'':
        monitor_printf(mon, "'\\''");
        break;
    case '\\':
        monitor_printf(mon, "'\\\\'");
        break;
    case '\n':
        monitor_printf(mon, "'\\n'");
        break;
    case '\r':
        monitor_printf(mon, "'\\r'");
        break;
    default:
        if (c >= 32 && c <= 126) {
            monitor_printf(mon, "'%c'", c);
        } else {
            monitor_printf(mon, "'\\x%02x'", c);
        }
        break;
    }
}

static void memory_dump(Monitor *mon, CPUState *cs, int count, int format,
                        int wsize, uint64_t addr, bool physical)
{
    int line_size, max_digits = 0;
    int64_t len;
    uint8_t buf[16];

    if (format == 'i') {
        uint8_t b;

        if (physical ? read_physical(addr, &b, 1)
                     : read_virtual(cs, addr, &b, 1)) {
            monitor_printf(mon, "0x%08" PRIx64
                           ": Asm output not supported on this arch\n", addr);
        } else {
            monitor_printf(mon, "0x%08" PRIx64 ": unable to read memory\n",
                           addr);
        }
        return;
    }
    /* As the reference: the length and line size use the unit size
     * given, even when 'c' then prints bytes. */
    len = (int64_t)wsize * count;
    line_size = wsize == 1 ? 8 : 16;
    switch (format) {
    case 'o':
        max_digits = (wsize * 8 + 2) / 3;
        break;
    case 'u':
    case 'd':
        max_digits = (wsize * 8 * 10 + 32) / 33;
        break;
    case 'c':
        wsize = 1;
        break;
    default:
        max_digits = wsize * 2;
        break;
    }
    while (len > 0) {
        int l = len > line_size ? line_size : (int)len;

        monitor_printf(mon, "%016" PRIx64 ":", addr);
        if (!(physical ? read_physical(addr, buf, l)
                       : read_virtual(cs, addr, buf, l))) {
            monitor_printf(mon, " Cannot access memory\n");
            break;
        }
        for (int i = 0; i < l; i += wsize) {
            uint64_t v = 0;

            memcpy(&v, buf + i, MIN(wsize, l - i));
            v = GUINT64_FROM_LE(v);
            monitor_printf(mon, " ");
            switch (format) {
            case 'o':
                monitor_printf(mon, "%#*" PRIo64, max_digits, v);
                break;
            case 'u':
                monitor_printf(mon, "%*" PRIu64, max_digits, v);
                break;
            case 'd':
                monitor_printf(mon, "%*" PRId64, max_digits, (int64_t)v);
                break;
            case 'c':
                print_char(mon, (unsigned)v);
                break;
            default:
                monitor_printf(mon, "0x%0*" PRIx64, max_digits, v);
                break;
            }
        }
        monitor_printf(mon, "\n");
        addr += l;
        len -= l;
    }
}

/* Parse "[/[count][fmt][size]] addr" as the reference does; false after
 * printing the problem. */
static bool parse_fmt_addr(Monitor *mon, const char *name, const char *p,
                           int *count, int *format, int *size,
                           uint64_t *addr)
{
    char *end;

    while (g_ascii_isspace(*p)) {
        p++;
    }
    *count = 1;
    *format = default_fmt_format;
    *size = *format == 'i' ? -1 : default_fmt_size;
    if (*p == '/') {
        int f = -1, s = -1;

        p++;
        if (g_ascii_isdigit(*p)) {
            *count = (int)strtoul(p, &end, 10);
            p = end;
        }
        for (;; p++) {
            if (strchr("oduxic", *p) && *p) {
                f = *p;
            } else if (*p == 'b') {
                s = 1;
            } else if (*p == 'h') {
                s = 2;
            } else if (*p == 'w') {
                s = 4;
            } else if (*p == 'g' || *p == 'L') {
                s = 8;
            } else {
                break;
            }
        }
        if (*p && !g_ascii_isspace(*p)) {
            monitor_printf(mon, "invalid char in format: '%c'\n", *p);
            return false;
        }
        if (f < 0) {
            f = default_fmt_format;
        }
        if (f != 'i') {
            if (s < 0) {
                s = default_fmt_size;
            }
            default_fmt_size = s;
        }
        default_fmt_format = f;
        *format = f;
        *size = s;
    }
    while (g_ascii_isspace(*p)) {
        p++;
    }
    if (!*p) {
        monitor_printf(mon, "unexpected end of expression\n");
        return false;
    }
    if (!g_ascii_isdigit(*p)) {
        monitor_printf(mon, "invalid char '%c' in expression\n", *p);
        return false;
    }
    errno = 0;
    *addr = g_ascii_strtoull(p, &end, 0);
    if (errno == ERANGE) {
        monitor_printf(mon, "number too large\n");
        return false;
    }
    p = end;
    while (g_ascii_isspace(*p)) {
        p++;
    }
    if (*p) {
        monitor_printf(mon, "%s: extraneous characters at the end of "
                       "line\n", name);
        return false;
    }
    return true;
}

static void do_dump(Monitor *mon, json_t *args, bool physical)
{
    const char *name = physical ? "xp" : "x";
    json_t *text = json_object_get(args, "fmt_addr");
    int count, format, size;
    uint64_t addr;
    CPUState *cs;

    if (!parse_fmt_addr(mon, name, text ? json_string_value(text) : "", &count,
                        &format, &size, &addr)) {
        monitor_printf(mon, "Try \"help %s\" for more information\n", name);
        return;
    }
    cs = qemu_get_cpu(monitor_get_cpu_index(mon));
    if (!cs && (format == 'i' || !physical)) {
        monitor_printf(mon, "Can not dump without CPU\n");
        return;
    }
    if (cs) {
        cpu_synchronize_state(cs);
    }
    memory_dump(mon, cs, count, format, size, addr, physical);
}

static void hmp_x(Monitor *mon, json_t *args)
{
    do_dump(mon, args, false);
}

static void hmp_xp(Monitor *mon, json_t *args)
{
    do_dump(mon, args, true);
}

/* ---- memsave / pmemsave ---- */

static bool save_memory(CPUState *cs, uint64_t addr, int64_t size,
                        const char *filename, Error **errp)
{
    uint8_t buf[1024];
    uint64_t a = addr;
    int64_t left = size;
    FILE *f;
    bool ok = true;

    if (size < 0) {
        error_setg(errp, "Invalid addr 0x%016" PRIx64 "/size %" PRId64
                   " specified", addr, size);
        return false;
    }
    f = fopen(filename, "wb");
    if (!f) {
        error_setg(errp, "Could not open '%s': %s", filename,
                   strerror(errno));
        return false;
    }
    while (left > 0) {
        size_t l = MIN((uint64_t)left, sizeof(buf));

        if (cs) {
            if (!read_virtual(cs, a, buf, l)) {
                error_setg(errp, "Invalid addr 0x%016" PRIx64 "/size %"
                           PRId64 " specified", addr, size);
                ok = false;
                break;
            }
        } else {
            /* As the reference: unassigned physical memory reads as
             * whatever the bus returns, not as an error. */
            address_space_read(&address_space_memory, a,
                               MEMTXATTRS_UNSPECIFIED, buf, l);
        }
        if (fwrite(buf, 1, l, f) != l) {
            error_setg(errp, "An IO error has occurred");
            ok = false;
            break;
        }
        a += l;
        left -= l;
    }
    if (fclose(f) != 0 && ok) {
        error_setg(errp, "An IO error has occurred");
        ok = false;
    }
    return ok;
}

static bool memsave(uint64_t addr, int64_t size, const char *filename,
                    int64_t cpu_index, Error **errp)
{
    CPUState *cs = cpu_index >= 0 && cpu_index <= INT_MAX ?
                   qemu_get_cpu((int)cpu_index) : NULL;

    if (!cs) {
        error_setg(errp, "Parameter 'cpu-index' expects a CPU number");
        return false;
    }
    cpu_synchronize_state(cs);
    return save_memory(cs, addr, size, filename, errp);
}

static json_t *qmp_memsave(json_t *args, Error **errp)
{
    json_t *idx = json_object_get(args, "cpu-index");

    if (!memsave(json_integer_value(json_object_get(args, "val")),
                 json_integer_value(json_object_get(args, "size")),
                 json_string_value(json_object_get(args, "filename")),
                 idx ? json_integer_value(idx) : 0, errp)) {
        return NULL;
    }
    return json_object();
}

static json_t *qmp_pmemsave(json_t *args, Error **errp)
{
    if (!save_memory(NULL, json_integer_value(json_object_get(args, "val")),
                     json_integer_value(json_object_get(args, "size")),
                     json_string_value(json_object_get(args, "filename")),
                     errp)) {
        return NULL;
    }
    return json_object();
}

static void hmp_memsave(Monitor *mon, json_t *args)
{
    Error *err = NULL;

    memsave(json_integer_value(json_object_get(args, "val")),
            json_integer_value(json_object_get(args, "size")),
            json_string_value(json_object_get(args, "filename")),
            monitor_get_cpu_index(mon), &err);
    hmp_handle_error(mon, err);
}

static void hmp_pmemsave(Monitor *mon, json_t *args)
{
    Error *err = NULL;

    save_memory(NULL, json_integer_value(json_object_get(args, "val")),
                json_integer_value(json_object_get(args, "size")),
                json_string_value(json_object_get(args, "filename")), &err);
    hmp_handle_error(mon, err);
}

/* ---- registration ---- */

static const HmpCommand memory_cmds[] = {
    { "x", "fmt_addr:S?", "/fmt addr",
      "virtual memory dump starting at 'addr'", hmp_x },
    { "xp", "fmt_addr:S?", "/fmt addr",
      "physical memory dump starting at 'addr'", hmp_xp },
    { "memsave", "val:l,size:i,filename:s", "addr size file",
      "save to disk virtual memory dump starting at 'addr' of size 'size'",
      hmp_memsave },
    { "pmemsave", "val:l,size:i,filename:s", "addr size file",
      "save to disk physical memory dump starting at 'addr' of size 'size'",
      hmp_pmemsave },
};

static void hmp_memory_register(void)
{
    for (size_t i = 0; i < ARRAY_SIZE(memory_cmds); i++) {
        hmp_register_command(&memory_cmds[i]);
    }
    qmp_register_command("memsave", qmp_memsave, QCO_NO_OPTIONS);
    qmp_register_command("pmemsave", qmp_pmemsave, QCO_NO_OPTIONS);
}

qmp_command_init(hmp_memory_register);
