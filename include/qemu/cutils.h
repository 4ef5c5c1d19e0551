/*
 * cutils.h: small string helpers shared across the tree.
 *
 * The size and integer parsers that option groups and QOM property setters
 * use are declared in qemu/option.h (qemu_strtosz(), qemu_strtou64(), ...);
 * this header adds the less common ones.  All parsers follow one contract:
 *   - return 0 on success, -EINVAL when the text is not a number (or, with
 *     end == NULL, when anything follows it), -ERANGE when it does not fit;
 *   - with end != NULL, *end is set to the first character not parsed and
 *     trailing text is allowed.
 */
#ifndef QEMU_CUTILS_H
#define QEMU_CUTILS_H

#include "qemu/osdep.h"

/*
 * Parse a floating point number (strtod syntax, leading white space
 * allowed).  On -ERANGE *result holds strtod's clamped value.
 */
int qemu_strtod(const char *nptr, const char **end, double *result);
/* As qemu_strtod(), but infinities and NaNs are -EINVAL. */
int qemu_strtod_finite(const char *nptr, const char **end, double *result);
/* Signed long and unsigned int variants of the integer parsers. */
int qemu_strtol(const char *nptr, const char **end, int base, long *result);
int qemu_strtoui(const char *nptr, const char **end, int base,
                 unsigned int *result);

/*
 * Like qemu_strtosz(), but with an SI unit (k = 1000) instead of 1024
 * (used for frequencies and bandwidths).
 */
int qemu_strtosz_metric(const char *nptr, const char **end,
                        uint64_t *result);

/*
 * True if id is a valid identifier for -chardev/-device/-netdev ids:
 * letters, digits, '-', '.', '_', starting with a letter.
 */
bool id_wellformed(const char *id);

/*
 * If str starts with prefix, return true and (if ptr) point *ptr just past
 * the prefix in str.
 */
bool strstart(const char *str, const char *prefix, const char **ptr);

#endif
