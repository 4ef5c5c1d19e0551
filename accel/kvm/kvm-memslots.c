/*
 * kvm-memslots.c: KVM memory slots following the flattened "memory"
 * address space.
 *
 * Every RAM or ROM section of the flat view becomes one slot (its
 * page-aligned part: the unaligned edges, if any, stay unmapped and reach
 * address_space_rw() through MMIO exits, which copies to or from the same
 * RAM).  ROM, ROM devices and read-only aliases (PAM shadowing) are
 * KVM_MEM_READONLY slots, so guest writes exit as MMIO and go through the
 * memory API, which drops them or hands them to the ROM device.  A region
 * with dirty logging enabled gets KVM_MEM_LOG_DIRTY_PAGES.
 *
 * KVM refuses overlapping slots, so the changes of one flat view update
 * (between the listener's begin and commit) are queued and applied as all
 * removals first, then flag updates, then additions.
 */
#include "qemu/osdep.h"
#include "accel/kvm/kvm-internal.h"

enum { SLOT_DEL, SLOT_UPDATE, SLOT_ADD };

static uint64_t host_page_size(void)
{
    static uint64_t size;

    if (!size) {
        size = (uint64_t)getpagesize();
    }
    return size;
}

static uint32_t kvm_section_flags(MemoryRegionSection *sec)
{
    MemoryRegion *mr = sec->mr;
    uint32_t flags = 0;

    if (sec->readonly || mr->readonly || mr->kind == MR_ROM ||
        mr->rom_device) {
        flags |= KVM_MEM_READONLY;
    }
    if (mr->dirty_log_mask) {
        flags |= KVM_MEM_LOG_DIRTY_PAGES;
    }
    return flags;
}

/*
 * The slot a section would get: false if it is not RAM-backed or has no
 * whole page (it is then served by MMIO exits).
 */
static bool kvm_section_to_change(MemoryRegionSection *sec,
                                  KVMSlotChange *c)
{
    uint64_t page = host_page_size();
    hwaddr start = sec->offset_within_address_space;
    uint64_t size, delta;
    uint8_t *host;

    if (sec->size == 0 || sec->size > (unsigned __int128)UINT64_MAX) {
        return false;
    }
    host = memory_region_get_ram_ptr(sec->mr);
    if (!host) {
        return false;
    }
    size = (uint64_t)sec->size;
    delta = QEMU_ALIGN_UP(start, page) - start;
    if (delta >= size) {
        return false;
    }
    size = QEMU_ALIGN_DOWN(size - delta, page);
    if (!size) {
        return false;
    }
    host += sec->offset_within_region + delta;
    if ((uintptr_t)host & (page - 1)) {
        return false;
    }
    c->start_addr = start + delta;
    c->size = size;
    c->ram = host;
    c->flags = kvm_section_flags(sec);
    return true;
}

static int kvm_set_user_memory(KVMState *s, KVMSlot *slot, uint64_t size)
{
    struct kvm_userspace_memory_region mem = {
        .slot = slot->slot,
        .flags = slot->flags,
        .guest_phys_addr = slot->start_addr,
        .memory_size = size,
        .userspace_addr = (uintptr_t)slot->ram,
    };

    return kvm_vm_ioctl(s, KVM_SET_USER_MEMORY_REGION, &mem);
}

static KVMSlot *kvm_find_slot(KVMState *s, hwaddr start, uint64_t size)
{
    for (int i = 0; i < s->nr_slots; i++) {
        KVMSlot *slot = &s->slots[i];

        if (slot->memory_size && slot->start_addr == start &&
            slot->memory_size == size) {
            return slot;
        }
    }
    return NULL;
}

static KVMSlot *kvm_free_slot(KVMState *s)
{
    for (int i = 0; i < s->nr_slots; i++) {
        if (!s->slots[i].memory_size) {
            return &s->slots[i];
        }
    }
    return NULL;
}

static void kvm_slot_add(KVMState *s, const KVMSlotChange *c)
{
    KVMSlot *slot = kvm_free_slot(s);
    int ret;

    if (!slot) {
        /* Still correct, only slow: the range is served by MMIO exits. */
        error_report("kvm: no free memory slot for 0x%" HWADDR_PRIx
                     "+0x%" PRIx64, c->start_addr, c->size);
        return;
    }
    slot->start_addr = c->start_addr;
    slot->ram = c->ram;
    slot->flags = c->flags;
    ret = kvm_set_user_memory(s, slot, c->size);
    if (ret < 0) {
        error_report("kvm: error registering slot 0x%" HWADDR_PRIx
                     "+0x%" PRIx64 ": %s", c->start_addr, c->size,
                     strerror(-ret));
        return;
    }
    slot->memory_size = c->size;
}

static void kvm_slot_del(KVMState *s, const KVMSlotChange *c)
{
    KVMSlot *slot = kvm_find_slot(s, c->start_addr, c->size);
    int ret;

    if (!slot) {
        return;
    }
    ret = kvm_set_user_memory(s, slot, 0);
    if (ret < 0) {
        error_report("kvm: error unregistering slot 0x%" HWADDR_PRIx
                     ": %s", c->start_addr, strerror(-ret));
    }
    slot->memory_size = 0;
}

/* Same range, new flags.  KVM can only toggle dirty logging in place. */
static void kvm_slot_update(KVMState *s, const KVMSlotChange *c)
{
    KVMSlot *slot = kvm_find_slot(s, c->start_addr, c->size);
    int ret;

    if (!slot) {
        kvm_slot_add(s, c);
        return;
    }
    if (slot->flags == c->flags && slot->ram == c->ram) {
        return;
    }
    if (((slot->flags ^ c->flags) & ~KVM_MEM_LOG_DIRTY_PAGES) ||
        slot->ram != c->ram) {
        kvm_slot_del(s, c);
        kvm_slot_add(s, c);
        return;
    }
    slot->flags = c->flags;
    ret = kvm_set_user_memory(s, slot, slot->memory_size);
    if (ret < 0) {
        error_report("kvm: error updating slot 0x%" HWADDR_PRIx ": %s",
                     c->start_addr, strerror(-ret));
    }
}

static void kvm_apply(KVMState *s, int kind, const KVMSlotChange *c)
{
    switch (kind) {
    case SLOT_DEL:
        kvm_slot_del(s, c);
        break;
    case SLOT_UPDATE:
        kvm_slot_update(s, c);
        break;
    default:
        kvm_slot_add(s, c);
        break;
    }
}

typedef struct KVMQueued {
    int kind;
    KVMSlotChange change;
} KVMQueued;

/* log: the new dirty-log state from log_start/log_stop, else -1. */
static void kvm_queue(KVMState *s, int kind, MemoryRegionSection *sec,
                      int log)
{
    KVMQueued q = { .kind = kind };

    if (!kvm_section_to_change(sec, &q.change)) {
        return;
    }
    if (log == 0) {
        q.change.flags &= ~KVM_MEM_LOG_DIRTY_PAGES;
    } else if (log > 0) {
        q.change.flags |= KVM_MEM_LOG_DIRTY_PAGES;
    }
    if (!s->in_transaction) {
        kvm_apply(s, kind, &q.change);
        return;
    }
    g_array_append_val(s->pending, q);
}

static KVMState *listener_state(MemoryListener *l)
{
    return container_of(l, KVMState, memory_listener);
}

static void kvm_listener_begin(MemoryListener *l)
{
    listener_state(l)->in_transaction = true;
}

static void kvm_listener_commit(MemoryListener *l)
{
    KVMState *s = listener_state(l);

    for (int kind = SLOT_DEL; kind <= SLOT_ADD; kind++) {
        for (guint i = 0; i < s->pending->len; i++) {
            KVMQueued *q = &g_array_index(s->pending, KVMQueued, i);

            if (q->kind == kind) {
                kvm_apply(s, kind, &q->change);
            }
        }
    }
    g_array_set_size(s->pending, 0);
    s->in_transaction = false;
}

static void kvm_region_add(MemoryListener *l, MemoryRegionSection *sec)
{
    kvm_queue(listener_state(l), SLOT_ADD, sec, -1);
}

static void kvm_region_del(MemoryListener *l, MemoryRegionSection *sec)
{
    kvm_queue(listener_state(l), SLOT_DEL, sec, -1);
}

static void kvm_region_nop(MemoryListener *l, MemoryRegionSection *sec)
{
    kvm_queue(listener_state(l), SLOT_UPDATE, sec, -1);
}

static void kvm_log_change(MemoryListener *l, MemoryRegionSection *sec,
                           int old, int new)
{
    kvm_queue(listener_state(l), SLOT_UPDATE, sec, new != 0);
}

void kvm_memory_listener_register(KVMState *s)
{
    s->pending = g_array_new(false, true, sizeof(KVMQueued));
    s->memory_listener = (MemoryListener) {
        .begin = kvm_listener_begin,
        .commit = kvm_listener_commit,
        .region_add = kvm_region_add,
        .region_del = kvm_region_del,
        .region_nop = kvm_region_nop,
        .log_start = kvm_log_change,
        .log_stop = kvm_log_change,
        .priority = 10,
        .name = "kvm-memory",
    };
    /* The map exists before the listener replays it. */
    get_system_memory();
    memory_listener_register(&s->memory_listener, &address_space_memory);
}
