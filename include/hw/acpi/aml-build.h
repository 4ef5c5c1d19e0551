/*
 * aml-build.h: building ACPI Machine Language (AML) byte code.
 *
 * Concepts (ACPI 6.4, chapter 20 "ACPI Machine Language Specification")
 * - An Aml is one term being built: an object (integer, string, buffer,
 *   package, name), an expression (Store, And, LEqual...), a statement
 *   (If, While, Return, Notify) or a named block (Scope, Device, Method,
 *   Processor, Field) that holds a list of terms appended to it.
 * - Blocks that carry a PkgLength (20.2.4: 1 to 4 bytes, the count of
 *   bytes in the block including the PkgLength itself) are encoded when
 *   the block is appended to its parent, once its content is complete.
 *   A Package counts its elements, a Buffer gets its size, a resource
 *   template gets its End Tag (6.4.2.9) the same way.
 * - Ownership: every function taking an Aml argument consumes it (it
 *   becomes part of the result), and aml_append() consumes the child.  So
 *   each Aml is used exactly once; the root is released with aml_free()
 *   or turned into bytes with aml_take_bytes().
 * - Names: "PCI0", "\\_SB.PCI0.ISA", "^FOO"; segments shorter than 4
 *   characters are padded with '_' (20.2.2 NameSeg).
 * - Resource descriptors (6.4: small and large resource data types) are
 *   Aml terms too, appended to an aml_resource_template().
 */
#ifndef HW_ACPI_AML_BUILD_H
#define HW_ACPI_AML_BUILD_H

#include "qemu/osdep.h"

typedef struct Aml Aml;

/* ---- blocks, bytes ---- */

/* Append child (consumed) to parent: a term of a block, an element of a
 * package, a descriptor of a resource template. */
void aml_append(Aml *parent, Aml *child);
/* The encoded bytes of a (consumed); *len their count; g_free them. */
uint8_t *aml_take_bytes(Aml *a, size_t *len);
void aml_free(Aml *a);
/* A container whose appended terms are concatenated (a table body). */
Aml *aml_block(void);

/* ---- data objects (20.2.3) ---- */

/* Zero, One, or the shortest of Byte/Word/DWord/QWord constant. */
Aml *aml_int(uint64_t v);
Aml *aml_string(const char *fmt, ...) QEMU_PRINTF(1, 2);
/* A compressed EISA ID ("PNP0A03") as a DWord constant. */
Aml *aml_eisaid(const char *id);
/* A name reference; printf-style. */
Aml *aml_name(const char *fmt, ...) QEMU_PRINTF(1, 2);
/* Name(name, value) */
Aml *aml_name_decl(const char *name, Aml *value);
/* Buffer(len) { data } (data may be NULL: zeros). */
Aml *aml_buffer(size_t len, const uint8_t *data);
/* Package(n) { ... }: elements appended; n counted. */
Aml *aml_package(void);
Aml *aml_local(int n);
Aml *aml_arg(int n);
Aml *aml_debug(void);

/* ---- named objects and blocks ---- */

Aml *aml_scope(const char *fmt, ...) QEMU_PRINTF(1, 2);
Aml *aml_device(const char *fmt, ...) QEMU_PRINTF(1, 2);
/* Method(name, nargs, Serialized/NotSerialized) */
Aml *aml_method(const char *name, int nargs, bool serialized);
/* Processor(name, id, pblk address, pblk length) */
Aml *aml_processor(uint8_t id, uint32_t pblk_addr, uint8_t pblk_len,
                   const char *fmt, ...) QEMU_PRINTF(4, 5);
Aml *aml_mutex(const char *name, uint8_t sync_level);

typedef enum AmlRegionSpace {
    AML_SYSTEM_MEMORY = 0,
    AML_SYSTEM_IO = 1,
    AML_PCI_CONFIG = 2,
} AmlRegionSpace;
Aml *aml_operation_region(const char *name, AmlRegionSpace space,
                          Aml *offset, uint32_t len);

typedef enum AmlAccessType {
    AML_ANY_ACC = 0, AML_BYTE_ACC = 1, AML_WORD_ACC = 2, AML_DWORD_ACC = 3,
    AML_QWORD_ACC = 4, AML_BUFFER_ACC = 5,
} AmlAccessType;
typedef enum AmlLockRule { AML_NOLOCK = 0, AML_LOCK = 1 } AmlLockRule;
typedef enum AmlUpdateRule {
    AML_PRESERVE = 0, AML_WRITE_AS_ONES = 1, AML_WRITE_AS_ZEROS = 2,
} AmlUpdateRule;
/* Field(region, ...) { fields appended } */
Aml *aml_field(const char *region, AmlAccessType access, AmlLockRule lock,
               AmlUpdateRule update);
/* A named field of `bits` bits; a reserved gap of `bits` bits. */
Aml *aml_named_field(const char *name, unsigned bits);
Aml *aml_reserved_field(unsigned bits);
/* CreateDWordField(buffer, byte index, name) */
Aml *aml_create_dword_field(Aml *buffer, Aml *index, const char *name);

/* ---- statements and expressions (20.2.5) ---- */

Aml *aml_if(Aml *predicate);
Aml *aml_else(void);
Aml *aml_while(Aml *predicate);
Aml *aml_break(void);
Aml *aml_return(Aml *value);
Aml *aml_notify(Aml *object, Aml *value);
Aml *aml_store(Aml *value, Aml *target);
/* Operators with an optional target (NULL: none). */
Aml *aml_and(Aml *a, Aml *b, Aml *target);
Aml *aml_or(Aml *a, Aml *b, Aml *target);
Aml *aml_add(Aml *a, Aml *b, Aml *target);
Aml *aml_subtract(Aml *a, Aml *b, Aml *target);
Aml *aml_shiftleft(Aml *a, Aml *count, Aml *target);
Aml *aml_shiftright(Aml *a, Aml *count, Aml *target);
Aml *aml_index(Aml *object, Aml *index, Aml *target);
Aml *aml_increment(Aml *a);
Aml *aml_derefof(Aml *a);
Aml *aml_sizeof(Aml *a);
Aml *aml_equal(Aml *a, Aml *b);
Aml *aml_lless(Aml *a, Aml *b);
Aml *aml_lgreater(Aml *a, Aml *b);
Aml *aml_land(Aml *a, Aml *b);
Aml *aml_lor(Aml *a, Aml *b);
Aml *aml_lnot(Aml *a);
Aml *aml_acquire(Aml *mutex, uint16_t timeout);
Aml *aml_release(Aml *mutex);
/* Call method `name` with n arguments (consumed). */
Aml *aml_call(const char *name, int n, ...);

/* ---- resource descriptors (6.4) ---- */

/* ResourceTemplate() { descriptors appended }: a Buffer with End Tag. */
Aml *aml_resource_template(void);
/* IO(Decode16, min, max, align, len) */
Aml *aml_io(uint16_t min, uint16_t max, uint8_t align, uint8_t len);
/* IRQNoFlags() { irq } */
Aml *aml_irq_no_flags(uint8_t irq);
/* DMA(Compatibility, NotBusMaster, Transfer8) { channel } */
Aml *aml_dma8(uint8_t channel);
/* Memory32Fixed(ReadWrite/ReadOnly, base, len) */
Aml *aml_memory32_fixed(uint32_t base, uint32_t len, bool read_write);
/* Interrupt(ResourceConsumer, level/edge, high/low, shared) { irqs } */
Aml *aml_interrupt(bool edge, bool active_low, bool shared,
                   const uint32_t *irqs, int n);
/* WordBusNumber(ResourceProducer, MinFixed, MaxFixed, PosDecode, ...) */
Aml *aml_word_bus_number(uint16_t min, uint16_t max);
/* WordIO(ResourceProducer, MinFixed, MaxFixed, PosDecode, EntireRange) */
Aml *aml_word_io(uint16_t min, uint16_t max);
/* DWordMemory(ResourceProducer, PosDecode, MinFixed, MaxFixed,
 * Cacheable/NonCacheable, ReadWrite, ...) */
Aml *aml_dword_memory(uint32_t min, uint32_t max, bool cacheable);
/* QWordMemory(... the same, 64-bit) */
Aml *aml_qword_memory(uint64_t min, uint64_t max, bool cacheable);

/* ---- helpers for tests ---- */

/* The PkgLength encoding (20.2.4) of a block whose content is `len`
 * bytes: writes 1..4 bytes to out, returns their count (0 if too big). */
int aml_pkglen_encode(size_t len, uint8_t out[4]);

#endif
