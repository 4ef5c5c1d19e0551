/*
 * cutils.c: number, size and boolean parsers (see qemu/option.h and
 * qemu/cutils.h for the contract they share).
 *
 * The libc strto* functions are lenient in ways that surprise users (empty
 * strings parse as 0, trailing junk is ignored, overflow is only visible in
 * errno); these wrappers turn every such case into -EINVAL or -ERANGE so
 * that callers can print QEMU's messages.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include "qemu/cutils.h"

#include <math.h>

/*
 * Common tail of the integer parsers: ep is where libc stopped, err is
 * libc's errno.  Nothing converted is -EINVAL; so is trailing text when
 * the caller wants the whole string (end == NULL).
 */
static int strtox_result(const char *nptr, const char *ep, const char **end,
                         int err)
{
    if (end) {
        *end = ep;
    }
    if (ep == nptr) {
        return -EINVAL;
    }
    if (!end && *ep) {
        return -EINVAL;
    }
    return err ? -err : 0;
}

static bool strtox_null(const char *nptr, const char **end)
{
    if (nptr) {
        return false;
    }
    if (end) {
        *end = nptr;
    }
    return true;
}

int qemu_strtoi(const char *nptr, const char **end, int base, int *result)
{
    char *ep;
    long long v;

    if (strtox_null(nptr, end)) {
        return -EINVAL;
    }
    errno = 0;
    v = strtoll(nptr, &ep, base);
    if (v < INT_MIN) {
        *result = INT_MIN;
        errno = ERANGE;
    } else if (v > INT_MAX) {
        *result = INT_MAX;
        errno = ERANGE;
    } else {
        *result = (int)v;
    }
    return strtox_result(nptr, ep, end, errno);
}

int qemu_strtoui(const char *nptr, const char **end, int base,
                 unsigned int *result)
{
    char *ep;
    unsigned long long v;

    if (strtox_null(nptr, end)) {
        return -EINVAL;
    }
    errno = 0;
    v = strtoull(nptr, &ep, base);
    if (errno == ERANGE) {
        *result = UINT_MAX;
    } else if ((long long)v > (long long)UINT_MAX ||
               (long long)v < INT_MIN) {
        /*
         * strtoull() negates "-N" in 64 bits; a negative number is
         * accepted (and wraps) only while it fits in an int, as QEMU does.
         */
        *result = UINT_MAX;
        errno = ERANGE;
    } else {
        *result = (unsigned int)v;
    }
    return strtox_result(nptr, ep, end, errno);
}

int qemu_strtol(const char *nptr, const char **end, int base, long *result)
{
    char *ep;

    if (strtox_null(nptr, end)) {
        return -EINVAL;
    }
    errno = 0;
    *result = strtol(nptr, &ep, base);
    return strtox_result(nptr, ep, end, errno);
}

int qemu_strtoul(const char *nptr, const char **end, int base,
                 unsigned long *result)
{
    char *ep;

    if (strtox_null(nptr, end)) {
        return -EINVAL;
    }
    errno = 0;
    *result = strtoul(nptr, &ep, base);
    if (errno == ERANGE) {
        *result = ULONG_MAX;
    }
    return strtox_result(nptr, ep, end, errno);
}

int qemu_strtoi64(const char *nptr, const char **end, int base,
                  int64_t *result)
{
    char *ep;

    if (strtox_null(nptr, end)) {
        return -EINVAL;
    }
    errno = 0;
    *result = strtoll(nptr, &ep, base);
    return strtox_result(nptr, ep, end, errno);
}

int qemu_strtou64(const char *nptr, const char **end, int base,
                  uint64_t *result)
{
    char *ep;

    if (strtox_null(nptr, end)) {
        return -EINVAL;
    }
    errno = 0;
    *result = strtoull(nptr, &ep, base);
    if (errno == ERANGE) {
        *result = UINT64_MAX;
    }
    return strtox_result(nptr, ep, end, errno);
}

int qemu_strtod(const char *nptr, const char **end, double *result)
{
    char *ep;

    if (strtox_null(nptr, end)) {
        return -EINVAL;
    }
    errno = 0;
    *result = strtod(nptr, &ep);
    return strtox_result(nptr, ep, end, errno);
}

int qemu_strtod_finite(const char *nptr, const char **end, double *result)
{
    double d;
    int ret = qemu_strtod(nptr, end, &d);

    if (ret == 0 && !isfinite(d)) {
        if (end) {
            *end = nptr;
        }
        ret = -EINVAL;
    }
    if (ret != -EINVAL) {
        *result = d;
    }
    return ret;
}

/* ---- sizes ---- */

/* The multiplier of a size suffix (case-insensitive), or -1. */
static int64_t size_suffix_mul(char c, int64_t unit)
{
    static const char suffixes[] = "BKMGTPE";
    const char *s;
    int64_t mul = 1;

    if (!c) {
        return -1;
    }
    s = strchr(suffixes, g_ascii_toupper(c));
    if (!s) {
        return -1;
    }
    for (long i = 0; i < s - suffixes; i++) {
        mul *= unit;
    }
    return mul;
}

/*
 * A fraction in [0, 1) as a 0.64 fixed point number.  QEMU converts with a
 * plain cast, which on x86 hosts makes a fraction that rounds up to 1.0
 * ("0.99999999999999999999k") contribute 0; we keep that result.
 */
static uint64_t fraction_to_fixed(double d)
{
    if (d >= 1.0) {
        return 0;
    }
    return (uint64_t)ldexp(d, 64);
}

/*
 * Parse "<decimal>[.<fraction>][suffix]" or "0x<hex>[suffix]".  Without a
 * suffix, default_suffix applies.  A fraction needs a multiplier other than
 * 1 and is rounded to the nearest byte (halves up); exponents ("1e3") are
 * rejected; so is any '-'.
 */
static int parse_size(const char *nptr, const char **end,
                      char default_suffix, int64_t unit, uint64_t *result)
{
    const char *p = nptr;
    uint64_t whole = 0, frac = 0;
    bool hex = false;
    int64_t mul;
    int ret;

    ret = qemu_strtou64(nptr, &p, 10, &whole);
    if (ret) {
        goto out;
    }
    if (memchr(nptr, '-', p - nptr)) {
        p = nptr;
        ret = -EINVAL;
        goto out;
    }
    if (whole == 0 && (*p == 'x' || *p == 'X')) {
        ret = qemu_strtou64(nptr, &p, 16, &whole);
        if (ret) {
            goto out;
        }
        if (*p == '.') {
            p = nptr;
            ret = -EINVAL;
            goto out;
        }
        hex = true;
    } else if (*p == '.') {
        const char *f = p;
        double d;

        if (qemu_strtod_finite(f, &p, &d)) {
            /* "1.k": a dot without digits is allowed; step over it. */
            p++;
        } else if (memchr(f, 'e', p - f) || memchr(f, 'E', p - f)) {
            p = nptr;
            ret = -EINVAL;
            goto out;
        } else {
            frac = fraction_to_fixed(d);
        }
    }

    mul = size_suffix_mul(*p, unit);
    if (mul > 0) {
        if (hex) {
            warn_report("Using a multiplier suffix on hex numbers "
                        "is deprecated: %s", nptr);
        }
        p++;
    } else {
        mul = size_suffix_mul(default_suffix, unit);
    }

    if (mul == 1) {
        if (frac) {
            p = nptr;
            ret = -EINVAL;
            goto out;
        }
    } else {
        unsigned __int128 v = (unsigned __int128)whole * (uint64_t)mul;
        unsigned __int128 f = (unsigned __int128)frac * (uint64_t)mul;

        v += f >> 64;
        v += ((uint64_t)f) >> 63;
        if (v >> 64) {
            ret = -ERANGE;
            goto out;
        }
        whole = (uint64_t)v;
    }
    ret = 0;

out:
    if (end) {
        *end = p;
    } else if (*p) {
        ret = -EINVAL;
    }
    if (ret == 0) {
        *result = whole;
    }
    return ret;
}

int qemu_strtosz(const char *nptr, const char **end, uint64_t *result)
{
    return parse_size(nptr, end, 'B', 1024, result);
}

int qemu_strtosz_MiB(const char *nptr, const char **end, uint64_t *result)
{
    return parse_size(nptr, end, 'M', 1024, result);
}

int qemu_strtosz_metric(const char *nptr, const char **end,
                        uint64_t *result)
{
    return parse_size(nptr, end, 'B', 1000, result);
}

/* ---- booleans, help, identifiers ---- */

bool qapi_bool_parse(const char *name, const char *value, bool *obj,
                     Error **errp)
{
    static const char *const yes[] = { "on", "yes", "true", "y" };
    static const char *const no[] = { "off", "no", "false", "n" };

    for (size_t i = 0; value && i < ARRAY_SIZE(yes); i++) {
        if (!strcmp(value, yes[i])) {
            *obj = true;
            return true;
        }
        if (!strcmp(value, no[i])) {
            *obj = false;
            return true;
        }
    }
    error_setg(errp, "Parameter '%s' expects 'on' or 'off'", name);
    return false;
}

bool is_help_option(const char *s)
{
    return s && (!strcmp(s, "?") || !strcmp(s, "help"));
}

bool id_wellformed(const char *id)
{
    if (!id || !g_ascii_isalpha(id[0])) {
        return false;
    }
    for (const char *p = id + 1; *p; p++) {
        if (!g_ascii_isalnum(*p) && *p != '-' && *p != '.' && *p != '_') {
            return false;
        }
    }
    return true;
}

bool strstart(const char *str, const char *prefix, const char **ptr)
{
    size_t n = strlen(prefix);

    if (strncmp(str, prefix, n)) {
        return false;
    }
    if (ptr) {
        *ptr = str + n;
    }
    return true;
}
