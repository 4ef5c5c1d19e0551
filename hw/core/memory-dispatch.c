/*
 * memory-dispatch.c: accesses to an address space (see
 * include/exec/memory.h): RAM is copied, I/O is cut into the sizes the
 * region accepts and implements and handed to its callbacks, with the big
 * lock held.
 *
 * The rules are the reference's, because guests and firmware see them:
 * - A buffer access walks the flat ranges.  In RAM it copies up to the end
 *   of the range.  In I/O it issues accesses of at most valid.max bytes
 *   (0: 4), no larger than the address's alignment (unless the callbacks
 *   take unaligned accesses), a power of two; such an access is not cut
 *   at the end of the flat range: overlapping port decoders (0xcf8 with
 *   0xcf9 above it) expect the full width.
 * - A region refuses a misaligned access (valid.unaligned false) and a
 *   size outside valid.{min,max} (max 0: anything); RAM that is ROM
 *   refuses writes; nothing mapped refuses everything.  A refused access
 *   reads 0, is not written, gives MEMTX_DECODE_ERROR and is logged with
 *   -d guest_errors.  A write to RAM made read-only through an alias (PAM
 *   "read only" shadowing) is dropped silently, as the software MMU of the
 *   reference does.
 * - An accepted access is split into, or widened to, the callbacks'
 *   impl sizes; values are little-endian.
 */
#include "qemu/osdep.h"
#include "hw/core/memory-internal.h"
#include "qemu/main-loop.h"
#include "qemu/log.h"

void (*memory_ram_write_notify)(hwaddr addr, hwaddr len);

static bool log_guest_errors;

void memory_set_log_guest_errors(bool on)
{
    log_guest_errors = on;
}

static void QEMU_PRINTF(1, 2) guest_error(const char *fmt, ...)
{
    va_list ap;

    if (!log_guest_errors && !qemu_loglevel_mask(LOG_GUEST_ERROR)) {
        return;
    }
    va_start(ap, fmt);
    qemu_log_vprintf(fmt, ap);
    va_end(ap);
}

/* Device callbacks run under the BQL: take it if this thread lacks it. */
static bool bql_take(void)
{
    if (qemu_mutex_iothread_locked()) {
        return false;
    }
    qemu_mutex_lock_iothread();
    return true;
}

static void bql_drop(bool taken)
{
    if (taken) {
        qemu_mutex_unlock_iothread();
    }
}

static uint64_t le_load(const uint8_t *p, unsigned size)
{
    uint64_t v = 0;
    unsigned i;

    for (i = 0; i < size; i++) {
        v |= (uint64_t)p[i] << (8 * i);
    }
    return v;
}

static void le_store(uint8_t *p, unsigned size, uint64_t v)
{
    unsigned i;

    for (i = 0; i < size; i++) {
        p[i] = v >> (8 * i);
    }
}

/* ---- one access to a region ---- */

/* Whether mr takes this access; logs the refusal as the reference does.
 * mr NULL: nothing is mapped. */
static bool access_valid(MemoryRegion *mr, hwaddr addr, unsigned size,
                         bool is_write)
{
    const MemoryRegionOps *ops = mr ? mr->ops : NULL;
    const char *name = mr && mr->name ? mr->name : "(null)";
    const char *dir = is_write ? "write" : "read";

    if (!ops || (memory_region_has_ram(mr) && !mr->rom_device)) {
        guest_error("Invalid %s at addr 0x%" PRIX64 ", size %u, region '%s', "
                    "reason: rejected\n", dir, addr, size, name);
        return false;
    }
    if (!ops->valid.unaligned && (addr & (size - 1))) {
        guest_error("Invalid %s at addr 0x%" PRIX64 ", size %u, region '%s', "
                    "reason: unaligned\n", dir, addr, size, name);
        return false;
    }
    if (!ops->valid.max_access_size) {
        return true;
    }
    if (size > ops->valid.max_access_size ||
        size < ops->valid.min_access_size) {
        guest_error("Invalid %s at addr 0x%" PRIX64 ", size %u, region '%s', "
                    "reason: invalid size (min:%u max:%u)\n", dir, addr, size,
                    name, ops->valid.min_access_size,
                    ops->valid.max_access_size);
        return false;
    }
    return true;
}

/* The callbacks' access size for a guest access of `size` bytes. */
static unsigned impl_size(const MemoryRegionOps *ops, unsigned size)
{
    unsigned min = ops->impl.min_access_size ? ops->impl.min_access_size : 1;
    unsigned max = ops->impl.max_access_size ? ops->impl.max_access_size : 4;

    return MIN(MAX(MIN(size, max), min), 8);
}

static uint64_t size_mask(unsigned size)
{
    return size >= 8 ? UINT64_MAX : (UINT64_C(1) << (8 * size)) - 1;
}

static MemTxResult region_read(MemoryRegion *mr, hwaddr addr, unsigned size,
                               uint64_t *val)
{
    const MemoryRegionOps *ops;
    unsigned access, i;

    *val = 0;
    if (!access_valid(mr, addr, size, false)) {
        return MEMTX_DECODE_ERROR;
    }
    ops = mr->ops;
    if (!ops->read) {
        return MEMTX_OK;
    }
    access = impl_size(ops, size);
    memory_region_ref(mr);
    for (i = 0; i < size; i += access) {
        uint64_t v = ops->read(mr->opaque, addr + i, access);

        *val |= (v & size_mask(access)) << (8 * i);
    }
    memory_region_unref(mr);
    *val &= size_mask(size);
    return MEMTX_OK;
}

static MemTxResult region_write(MemoryRegion *mr, hwaddr addr, unsigned size,
                                uint64_t val)
{
    const MemoryRegionOps *ops;
    unsigned access, i;

    if (!access_valid(mr, addr, size, true)) {
        return MEMTX_DECODE_ERROR;
    }
    ops = mr->ops;
    if (!ops->write) {
        return MEMTX_OK;
    }
    access = impl_size(ops, size);
    memory_region_ref(mr);
    for (i = 0; i < size; i += access) {
        ops->write(mr->opaque, addr + i, (val >> (8 * i)) & size_mask(access),
                   access);
    }
    memory_region_unref(mr);
    return MEMTX_OK;
}

/*
 * How many bytes of len the next I/O access to mr at addr takes: at most
 * valid.max (0: 4), at most the alignment of addr unless the callbacks
 * take unaligned accesses, a power of two.  mr NULL: unassigned.
 */
static unsigned io_chunk(MemoryRegion *mr, hwaddr len, hwaddr addr)
{
    const MemoryRegionOps *ops = mr ? mr->ops : NULL;
    unsigned max = ops && ops->valid.max_access_size
                   ? MIN(ops->valid.max_access_size, 8) : 4;
    unsigned l;

    if (!ops || !ops->impl.unaligned) {
        hwaddr align = addr & -addr;

        if (align && align < max) {
            max = align;
        }
    }
    l = len < max ? (unsigned)len : max;
    while (l & (l - 1)) {
        l &= l - 1;
    }
    return l;
}

/* ---- buffer accesses ---- */

typedef enum AccessMode {
    ACCESS_READ,
    ACCESS_WRITE,
    ACCESS_WRITE_ROM,
} AccessMode;

/* Bytes from addr to the start of the next range (unmapped stretch). */
static hwaddr unmapped_span(FlatView *view, hwaddr addr, hwaddr len)
{
    unsigned i;

    for (i = 0; view && i < view->nr; i++) {
        if (view->ranges[i].start > addr) {
            return MIN(len, view->ranges[i].start - addr);
        }
    }
    return len;
}

/*
 * One step of a buffer access at addr: do it and return how many bytes it
 * covered (never 0 while len > 0).
 */
static hwaddr access_step(AddressSpace *as, hwaddr addr, uint8_t *buf,
                          hwaddr len, AccessMode mode, MemTxResult *res)
{
    FlatRange *fr = flatview_lookup(as->current_map, addr);
    bool is_write = mode != ACCESS_READ;
    MemoryRegion *mr;
    hwaddr off, avail, l;
    uint64_t val;

    if (!fr) {
        if (mode == ACCESS_WRITE_ROM) {
            return unmapped_span(as->current_map, addr, len);
        }
        l = io_chunk(NULL, len, addr);
        access_valid(NULL, addr, l, is_write);
        if (!is_write) {
            memset(buf, 0, l);
        }
        *res |= MEMTX_DECODE_ERROR;
        return l;
    }
    mr = fr->mr;
    off = fr->offset_in_region + (addr - fr->start);
    avail = MIN((u128)len, (u128)fr->start + fr->size - addr);

    if (memory_region_has_ram(mr) && mr->ram_ptr) {
        uint8_t *host = (uint8_t *)mr->ram_ptr + off;

        if (mode == ACCESS_READ) {
            memcpy(buf, host, avail);
            return avail;
        }
        if (mode == ACCESS_WRITE_ROM ||
            (memory_region_is_ram(mr) && !memory_region_is_rom(mr) &&
             !fr->readonly)) {
            memcpy(host, buf, avail);
            memory_region_set_dirty(mr, off, avail);
            if (memory_ram_write_notify) {
                memory_ram_write_notify(addr, avail);
            }
            return avail;
        }
        if (!mr->rom_device && !memory_region_is_rom(mr)) {
            /* Read-only through an alias: the write goes nowhere. */
            return avail;
        }
        /* ROM refuses the write; a ROM device takes it in its callbacks. */
    } else if (mode == ACCESS_WRITE_ROM) {
        return avail;
    }

    l = io_chunk(mr, len, off);
    if (is_write) {
        *res |= region_write(mr, off, l, le_load(buf, l));
    } else {
        *res |= region_read(mr, off, l, &val);
        le_store(buf, l, val);
    }
    return l;
}

static MemTxResult address_space_access(AddressSpace *as, hwaddr addr,
                                        uint8_t *buf, hwaddr len,
                                        AccessMode mode)
{
    MemTxResult res = MEMTX_OK;
    bool taken = bql_take();

    address_space_ready(as);
    while (len) {
        hwaddr l = access_step(as, addr, buf, len, mode, &res);

        addr += l;
        buf += l;
        len -= l;
    }
    bql_drop(taken);
    return res;
}

MemTxResult address_space_rw(AddressSpace *as, hwaddr addr, MemTxAttrs attrs,
                             void *buf, hwaddr len, bool is_write)
{
    return address_space_access(as, addr, buf, len,
                                is_write ? ACCESS_WRITE : ACCESS_READ);
}

MemTxResult address_space_read(AddressSpace *as, hwaddr addr,
                               MemTxAttrs attrs, void *buf, hwaddr len)
{
    return address_space_access(as, addr, buf, len, ACCESS_READ);
}

MemTxResult address_space_write(AddressSpace *as, hwaddr addr,
                                MemTxAttrs attrs, const void *buf, hwaddr len)
{
    return address_space_access(as, addr, (uint8_t *)buf, len, ACCESS_WRITE);
}

MemTxResult address_space_write_rom(AddressSpace *as, hwaddr addr,
                                    MemTxAttrs attrs, const void *buf,
                                    hwaddr len)
{
    return address_space_access(as, addr, (uint8_t *)buf, len,
                                ACCESS_WRITE_ROM);
}

/* ---- single values ---- */

/*
 * One access of `size` bytes, as a CPU instruction makes it: RAM inside
 * one range is copied; an I/O region gets the whole access (split only by
 * its impl sizes); anything else goes the buffer way.
 */
static MemTxResult single_access(AddressSpace *as, hwaddr addr,
                                 unsigned size, uint64_t *val, bool is_write)
{
    uint8_t bytes[8];
    MemTxResult res = MEMTX_OK;
    bool taken;
    FlatRange *fr;

    if (size != 1 && size != 2 && size != 4 && size != 8) {
        if (!is_write) {
            *val = 0;
        }
        return MEMTX_DECODE_ERROR;
    }
    taken = bql_take();
    fr = flatview_lookup(address_space_ready(as)->current_map, addr);
    if (fr && fr->mr->kind == MR_IO &&
        (u128)addr + size <= (u128)fr->start + fr->size) {
        hwaddr off = fr->offset_in_region + (addr - fr->start);

        res = is_write ? region_write(fr->mr, off, size, *val)
                       : region_read(fr->mr, off, size, val);
    } else if (is_write) {
        le_store(bytes, size, *val);
        res = address_space_access(as, addr, bytes, size, ACCESS_WRITE);
    } else {
        res = address_space_access(as, addr, bytes, size, ACCESS_READ);
        *val = le_load(bytes, size);
    }
    bql_drop(taken);
    return res;
}

MemTxResult address_space_load(AddressSpace *as, hwaddr addr, unsigned size,
                               uint64_t *val)
{
    return single_access(as, addr, size, val, false);
}

MemTxResult address_space_store(AddressSpace *as, hwaddr addr, unsigned size,
                                uint64_t val)
{
    return single_access(as, addr, size, &val, true);
}

void *address_space_map_ram(AddressSpace *as, hwaddr addr, hwaddr *plen,
                            bool is_write)
{
    bool taken = bql_take();
    FlatRange *fr = flatview_lookup(address_space_ready(as)->current_map,
                                    addr);
    MemoryRegion *mr = fr ? fr->mr : NULL;
    void *ptr = NULL;

    if (mr && memory_region_has_ram(mr) && mr->ram_ptr &&
        !(is_write && (fr->readonly || mr->rom_device ||
                       memory_region_is_rom(mr)))) {
        hwaddr off = fr->offset_in_region + (addr - fr->start);

        *plen = MIN((u128)*plen, (u128)fr->start + fr->size - addr);
        ptr = (uint8_t *)mr->ram_ptr + off;
        if (is_write) {
            memory_region_set_dirty(mr, off, *plen);
            if (memory_ram_write_notify) {
                memory_ram_write_notify(addr, *plen);
            }
        }
    }
    bql_drop(taken);
    return ptr;
}
