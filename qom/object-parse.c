/*
 * object-parse.c: reading property values.
 *
 * Every typed setter reads its value through one of the qom_parse_*
 * functions, so -device, -global, -object, qom-set and device_add accept
 * the same values.  What differs between them is where the value came
 * from (the input mode, see QomInputMode): QEMU 7.2 reads each source with
 * a different visitor and words its errors differently, and users' tools
 * see those words, so each mode keeps QEMU's texts.
 */
#include "qemu/osdep.h"
#include "qom/object.h"
#include "qemu/option.h"

static __thread QomInputMode input_mode;

QomInputMode qom_input_mode_set(QomInputMode mode)
{
    QomInputMode old = input_mode;

    input_mode = mode;
    return old;
}

QomInputMode qom_input_mode(void)
{
    return input_mode;
}

/* ---- value parsers ---- */

static void type_error(Error **errp, const char *name, const char *expected)
{
    error_setg(errp, "Invalid parameter type for '%s', expected: %s", name,
               expected);
}

/* A string from the command line: only outside QOM_INPUT_TYPED. */
static const char *cmdline_string(json_t *v)
{
    if (input_mode == QOM_INPUT_TYPED || !json_is_string(v)) {
        return NULL;
    }
    return json_string_value(v);
}

bool qom_parse_bool(const char *name, json_t *v, bool *out, Error **errp)
{
    const char *s = cmdline_string(v);

    if (json_is_boolean(v)) {
        *out = json_is_true(v);
        return true;
    }
    if (s) {
        return qapi_bool_parse(name, s, out, errp);
    }
    type_error(errp, name, "boolean");
    return false;
}

static const char *int_type_name(int64_t min, int64_t max)
{
    if (min == INT8_MIN && max == INT8_MAX) {
        return "int8_t";
    }
    if (min == INT16_MIN && max == INT16_MAX) {
        return "int16_t";
    }
    if (min == INT32_MIN && max == INT32_MAX) {
        return "int32_t";
    }
    return NULL;
}

bool qom_parse_int(const char *name, json_t *v, int64_t min, int64_t max,
                   int64_t *out, Error **errp)
{
    const char *s = cmdline_string(v);
    int64_t val;

    if (json_is_integer(v)) {
        val = json_integer_value(v);
    } else if (s) {
        if (qemu_strtoi64(s, NULL, 0, &val) < 0) {
            switch (input_mode) {
            case QOM_INPUT_KEYVAL:
                error_setg(errp, "Parameter '%s' expects integer", name);
                break;
            case QOM_INPUT_OPTS:
                error_setg(errp, "Parameter '%s' expects an int64 value",
                           name);
                break;
            default:
                error_setg(errp, "Parameter '%s' expects int64", name);
                break;
            }
            return false;
        }
    } else {
        type_error(errp, name, "integer");
        return false;
    }
    if (val < min || val > max) {
        const char *tn = int_type_name(min, max);

        if (tn) {
            error_setg(errp, "Parameter '%s' expects %s", name, tn);
        } else {
            error_setg(errp, "Parameter '%s' expects a value between %"
                       PRId64 " and %" PRId64, name, min, max);
        }
        return false;
    }
    *out = val;
    return true;
}

/*
 * A JSON number as uint64: integers (negative ones wrap, as QEMU accepts
 * them for unsigned properties), or a whole real from 2^63 to 2^64, the
 * only way jansson can carry such values.  A double has 53 bits of
 * mantissa, so UINT64_MAX arrives as 2^64: it saturates back.
 */
bool qom_json_to_uint(json_t *v, uint64_t *out)
{
    if (json_is_integer(v)) {
        *out = (uint64_t)json_integer_value(v);
        return true;
    }
    if (json_is_real(v)) {
        double d = json_real_value(v);

        if (d >= 18446744073709551616.0 && d <= 18446744073709551616.0) {
            *out = UINT64_MAX;
            return true;
        }
        if (d >= 9223372036854775808.0 && d < 18446744073709551616.0 &&
            d == (double)(uint64_t)d) {
            *out = (uint64_t)d;
            return true;
        }
    }
    return false;
}

json_t *qom_json_uint(uint64_t v)
{
    if (v <= INT64_MAX) {
        return json_integer((json_int_t)v);
    }
    return json_real((double)v);
}

static const char *uint_type_name(uint64_t max)
{
    switch (max) {
    case UINT8_MAX:
        return "uint8_t";
    case UINT16_MAX:
        return "uint16_t";
    case UINT32_MAX:
        return "uint32_t";
    default:
        return NULL;
    }
}

static bool check_uint_range(const char *name, uint64_t val, uint64_t max,
                             Error **errp)
{
    const char *tn;

    if (val <= max) {
        return true;
    }
    tn = uint_type_name(max);
    if (tn) {
        error_setg(errp, "Parameter '%s' expects %s", name, tn);
    } else {
        error_setg(errp, "Parameter '%s' expects a value no larger than %"
                   PRIu64, name, max);
    }
    return false;
}

bool qom_parse_uint(const char *name, json_t *v, uint64_t max,
                    uint64_t *out, Error **errp)
{
    const char *s = cmdline_string(v);
    uint64_t val;

    if (qom_json_to_uint(v, &val)) {
        /* typed value */
    } else if (s) {
        bool bad = qemu_strtou64(s, NULL, 0, &val) < 0;

        /* -object key=value refuses a sign; the others wrap it. */
        if (input_mode == QOM_INPUT_OPTS && strchr(s, '-')) {
            bad = true;
        }
        if (bad) {
            switch (input_mode) {
            case QOM_INPUT_KEYVAL:
                error_setg(errp, "Parameter '%s' expects integer", name);
                break;
            case QOM_INPUT_OPTS:
                error_setg(errp, "Parameter '%s' expects a uint64 value",
                           name);
                break;
            default:
                error_setg(errp, "Parameter '%s' expects uint64", name);
                break;
            }
            return false;
        }
    } else {
        error_setg(errp, "Parameter '%s' expects uint64", name);
        return false;
    }
    if (!check_uint_range(name, val, max, errp)) {
        return false;
    }
    *out = val;
    return true;
}

bool qom_parse_size(const char *name, json_t *v, uint64_t *out, Error **errp)
{
    const char *s = cmdline_string(v);

    if (qom_json_to_uint(v, out)) {
        return true;
    }
    if (!s) {
        error_setg(errp, "Parameter '%s' expects uint64", name);
        return false;
    }
    if (qemu_strtosz(s, NULL, out) < 0) {
        switch (input_mode) {
        case QOM_INPUT_KEYVAL:
            error_setg(errp, "Parameter '%s' expects size", name);
            break;
        case QOM_INPUT_OPTS:
            error_setg(errp, "Parameter '%s' expects a size value", name);
            break;
        default:
            error_setg(errp, "Parameter '%s' expects a non-negative number "
                       "below 2^64", name);
            error_append_hint(errp, "Optional suffix k, M, G, T, P or E "
                              "means kilo-, mega-, giga-, tera-, peta-\n"
                              "and exabytes, respectively.\n");
            break;
        }
        return false;
    }
    return true;
}

bool qom_parse_str(const char *name, json_t *v, const char **out,
                   Error **errp)
{
    if (!json_is_string(v)) {
        type_error(errp, name, "string");
        return false;
    }
    *out = json_string_value(v);
    return true;
}

bool qom_parse_enum(const char *name, json_t *v, const char *const *table,
                    int *out, Error **errp)
{
    const char *s;
    int i;

    if (!qom_parse_str(name, v, &s, errp)) {
        return false;
    }
    for (i = 0; table[i]; i++) {
        if (!strcmp(table[i], s)) {
            *out = i;
            return true;
        }
    }
    error_setg(errp, "Parameter '%s' does not accept value '%s'", name, s);
    return false;
}
