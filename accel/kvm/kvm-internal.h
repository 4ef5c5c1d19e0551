/*
 * kvm-internal.h: state shared by the files of the KVM accelerator
 * (kvm-all.c: init and ioctls; kvm-memslots.c: the memory listener;
 * kvm-irqchip.c: irqchip and GSI routing; kvm-vcpu.c: vCPU threads and
 * exits; kvm-x86.c / kvm-x86-cpuid.c: x86 registers and CPUID).
 */
#ifndef ACCEL_KVM_INTERNAL_H
#define ACCEL_KVM_INTERNAL_H

#include "sysemu/kvm.h"
#include "exec/memory.h"
#include <linux/kvm.h>

typedef enum OnOffSplit {
    ON_OFF_SPLIT_ON,
    ON_OFF_SPLIT_OFF,
    ON_OFF_SPLIT_SPLIT,
    ON_OFF_SPLIT__MAX
} OnOffSplit;

/* One KVM memory slot: a page-aligned piece of one RAM/ROM region. */
typedef struct KVMSlot {
    hwaddr start_addr;
    uint64_t memory_size;       /* 0: free */
    void *ram;
    uint32_t flags;             /* KVM_MEM_READONLY, KVM_MEM_LOG_DIRTY_PAGES */
    int slot;                   /* the kernel's slot id */
} KVMSlot;

/* A change to the slots queued between listener begin and commit. */
typedef struct KVMSlotChange {
    bool add;
    hwaddr start_addr;
    uint64_t size;
    void *ram;
    uint32_t flags;
} KVMSlotChange;

struct KVMState {
    AccelState parent_obj;
    /* properties */
    int kernel_irqchip;         /* OnOffSplit, or -1 when not given */
    int64_t shadow_mem;         /* kvm-shadow-mem, -1: kernel default */

    int fd;                     /* /dev/kvm */
    int vmfd;
    int vcpu_mmap_size;
    bool irqchip_in_kernel;
    bool irqchip_split;
    uint64_t identity_base;     /* EPT identity map page; TSS after it */

    /* optional capabilities */
    bool has_xsave;
    int xsave_size;             /* bytes of struct kvm_xsave */
    bool has_xsave2;
    bool has_xcrs;
    bool has_vcpu_events;
    bool has_debugregs;
    bool has_irq_inject_status;
    bool has_signal_msi;
    bool has_internal_error_data;

    /* memory slots */
    KVMSlot *slots;
    int nr_slots;
    MemoryListener memory_listener;
    GArray *pending;            /* KVMSlotChange between begin and commit */
    bool in_transaction;

    /* GSI routing */
    struct kvm_irq_routing *irq_routes;
    int nr_allocated_irq_routes;

    /* x86 */
    struct kvm_cpuid2 *supported_cpuid;
    struct kvm_msr_list *msr_list;
};

#define KVM_STATE(obj) OBJECT_CHECK(KVMState, (obj), TYPE_KVM_ACCEL)

/* Levels of kvm_arch_put_registers(). */
enum {
    KVM_PUT_RUNTIME_STATE = 1,  /* what changes while the guest runs */
    KVM_PUT_RESET_STATE = 2,    /* plus what a reset changes */
    KVM_PUT_FULL_STATE = 3,     /* everything (after init or loading) */
};

/* kvm-all.c */
extern bool kvm_allowed;

/* kvm-memslots.c */
void kvm_memory_listener_register(KVMState *s);

/* kvm-irqchip.c */
bool kvm_irqchip_create(KVMState *s, Error **errp);

/* kvm-vcpu.c */
extern const AccelOpsClass kvm_accel_ops;
bool kvm_init_cpu_signals(Error **errp);

/* kvm-x86.c: registers of one vCPU (in its thread or while it is out). */
bool kvm_arch_init_vcpu(CPUState *cpu, Error **errp);
int kvm_arch_put_registers(CPUState *cpu, int level);
int kvm_arch_get_registers(CPUState *cpu);
void kvm_arch_reset_vcpu(CPUState *cpu);
/* Before/after KVM_RUN (userspace irqchip interrupt injection). */
void kvm_arch_pre_run(CPUState *cpu, struct kvm_run *run);
void kvm_arch_post_run(CPUState *cpu, struct kvm_run *run);
/* Pending INIT/SIPI/halt wake-up with the userspace irqchip: true when
 * the vCPU stays halted. */
bool kvm_arch_process_async_events(CPUState *cpu);
/* x86 exits not handled generically; 0 to continue, else EXCP_*. */
int kvm_arch_handle_exit(CPUState *cpu, struct kvm_run *run);
bool kvm_arch_stop_on_emulation_error(CPUState *cpu);

/* kvm-x86-cpuid.c */
bool kvm_arch_set_cpuid(CPUState *cpu, Error **errp);
/* Tell the CPU models what KVM supports (x86_cpu_set_accel). */
void kvm_arch_register_cpu_accel(void);

/* Return values of kvm_cpu_exec() and the exit handlers. */
#define EXCP_INTERRUPT 0x10000  /* back to the vCPU loop */
#define EXCP_HLT       0x10001  /* halted (userspace irqchip) */
#define EXCP_DEBUG     0x10002

#endif
