/*
 * acpi-build-internal.h: what the PC's table builder (acpi-build.c) and
 * its DSDT builder (acpi-dsdt.c) share.
 */
#ifndef HW_I386_ACPI_BUILD_INTERNAL_H
#define HW_I386_ACPI_BUILD_INTERNAL_H

#include "hw/i386/acpi-build.h"
#include "hw/acpi/aml-build.h"

/* The DSDT's definition block (without the table header). */
Aml *acpi_dsdt_body(const AcpiBuildConfig *cfg);

#endif
