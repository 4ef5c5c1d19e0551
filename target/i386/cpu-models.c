/*
 * cpu-models.c: the x86 CPU models, as facts read from the reference
 * (query-cpu-definitions, query-cpu-model-expansion and a guest's CPUID
 * for the caches; scripts/x86-cpu-facts.py prints this table).
 *
 * Each model is listed with version 1 in full and each later version as
 * its changes to the previous one.  Flags are the names of
 * cpu-features.c; "hypervisor" is implied (the loader adds it), and the
 * accelerator's own defaults (kvmclock & co. on KVM) are applied later.
 */
#include "qemu/osdep.h"
#include "target/i386/cpu-internal.h"

/* ---- caches (CPUID leaf 4 / 0x8000_001D layout, SDM vol. 2A) ---- */

#define CACHE(t, lvl, sz, ways, nsets, ...) \
    &(const X86CPUCacheInfo) { .type = (t), .level = (lvl), .size = (sz), \
        .line_size = 64, .associativity = (ways), .partitions = 1, \
        .sets = (nsets), .lines_per_tag = 1, __VA_ARGS__ }
#define KiB_ (1024u)
#define MiB_ (1024u * 1024u)

/* QEMU's fixed caches: leaf 2 describes one set, leaf 4 another and the
 * AMD leaves a third (they never agreed). */
const X86CPUCaches legacy_caches_cpuid2 = {
    .l1d = CACHE(X86_CACHE_DATA, 1, 32 * KiB_, 8, 64),
    .l1i = CACHE(X86_CACHE_INSTRUCTION, 1, 32 * KiB_, 8, 64),
    .l2 = CACHE(X86_CACHE_UNIFIED, 2, 2 * MiB_, 8, 4096),
    .l3 = CACHE(X86_CACHE_UNIFIED, 3, 16 * MiB_, 16, 16384),
};

const X86CPUCaches legacy_caches_cpuid4 = {
    .l1d = CACHE(X86_CACHE_DATA, 1, 32 * KiB_, 8, 64,
                 .self_init = true, .no_invd_sharing = true),
    .l1i = CACHE(X86_CACHE_INSTRUCTION, 1, 32 * KiB_, 8, 64,
                 .self_init = true, .no_invd_sharing = true),
    .l2 = CACHE(X86_CACHE_UNIFIED, 2, 4 * MiB_, 16, 4096,
                .self_init = true, .no_invd_sharing = true),
    .l3 = CACHE(X86_CACHE_UNIFIED, 3, 16 * MiB_, 16, 16384,
                .self_init = true, .inclusive = true,
                .complex_indexing = true),
};

const X86CPUCaches legacy_caches_amd = {
    .l1d = CACHE(X86_CACHE_DATA, 1, 64 * KiB_, 2, 512,
                 .self_init = true, .no_invd_sharing = true),
    .l1i = CACHE(X86_CACHE_INSTRUCTION, 1, 64 * KiB_, 2, 512,
                 .self_init = true, .no_invd_sharing = true),
    .l2 = CACHE(X86_CACHE_UNIFIED, 2, 512 * KiB_, 16, 512),
    .l3 = CACHE(X86_CACHE_UNIFIED, 3, 16 * MiB_, 16, 16384,
                .self_init = true, .inclusive = true,
                .complex_indexing = true),
};

/* Zen-era models describe their own caches (one set for every leaf). */
static const X86CPUCaches epyc_cache_info = {
    .l1d = CACHE(X86_CACHE_DATA, 1, 32 * KiB_, 8, 64,
                 .self_init = true, .no_invd_sharing = true),
    .l1i = CACHE(X86_CACHE_INSTRUCTION, 1, 64 * KiB_, 4, 256,
                 .self_init = true, .no_invd_sharing = true),
    .l2 = CACHE(X86_CACHE_UNIFIED, 2, 512 * KiB_, 8, 1024),
    .l3 = CACHE(X86_CACHE_UNIFIED, 3, 8 * MiB_, 16, 8192,
                .self_init = true, .inclusive = true,
                .complex_indexing = true),
};

static const X86CPUCaches epyc_rome_cache_info = {
    .l1d = CACHE(X86_CACHE_DATA, 1, 32 * KiB_, 8, 64,
                 .self_init = true, .no_invd_sharing = true),
    .l1i = CACHE(X86_CACHE_INSTRUCTION, 1, 32 * KiB_, 8, 64,
                 .self_init = true, .no_invd_sharing = true),
    .l2 = CACHE(X86_CACHE_UNIFIED, 2, 512 * KiB_, 8, 1024),
    .l3 = CACHE(X86_CACHE_UNIFIED, 3, 16 * MiB_, 16, 16384,
                .self_init = true, .inclusive = true,
                .complex_indexing = true),
};

static const X86CPUCaches epyc_milan_cache_info = {
    .l1d = CACHE(X86_CACHE_DATA, 1, 32 * KiB_, 8, 64,
                 .self_init = true, .no_invd_sharing = true),
    .l1i = CACHE(X86_CACHE_INSTRUCTION, 1, 32 * KiB_, 8, 64,
                 .self_init = true, .no_invd_sharing = true),
    .l2 = CACHE(X86_CACHE_UNIFIED, 2, 512 * KiB_, 8, 1024),
    .l3 = CACHE(X86_CACHE_UNIFIED, 3, 32 * MiB_, 16, 32768,
                .self_init = true, .inclusive = true,
                .complex_indexing = true),
};

#define dhyana_cache_info epyc_cache_info

/* ---- nested-VMX capability sets, shared by a CPU generation ---- */

static const char vmx_broadwell[] =
    "vmx-activity-hlt vmx-apicv-register vmx-apicv-vid "
    "vmx-apicv-x2apic vmx-apicv-xapic vmx-cr3-load-noexit "
    "vmx-cr3-store-noexit vmx-cr8-load-exit vmx-cr8-store-exit "
    "vmx-desc-exit vmx-entry-ia32e-mode vmx-entry-load-efer "
    "vmx-entry-load-pat vmx-entry-load-perf-global-ctrl "
    "vmx-entry-noload-debugctl vmx-ept vmx-ept-1gb vmx-ept-2mb "
    "vmx-ept-execonly vmx-eptad vmx-eptp-switching "
    "vmx-exit-ack-intr vmx-exit-load-efer vmx-exit-load-pat "
    "vmx-exit-load-perf-global-ctrl vmx-exit-nosave-debugctl "
    "vmx-exit-save-efer vmx-exit-save-pat "
    "vmx-exit-save-preemption-timer vmx-flexpriority vmx-hlt-exit "
    "vmx-ins-outs vmx-intr-exit vmx-invept vmx-invept-all-context "
    "vmx-invept-single-context vmx-invept-single-context-noglobals "
    "vmx-invlpg-exit vmx-invpcid-exit vmx-invvpid "
    "vmx-invvpid-all-context vmx-invvpid-single-addr vmx-io-bitmap "
    "vmx-io-exit vmx-monitor-exit vmx-movdr-exit vmx-msr-bitmap "
    "vmx-mtf vmx-mwait-exit vmx-nmi-exit vmx-page-walk-4 "
    "vmx-pause-exit vmx-pml vmx-posted-intr vmx-preemption-timer "
    "vmx-rdpmc-exit vmx-rdrand-exit vmx-rdseed-exit vmx-rdtsc-exit "
    "vmx-rdtscp-exit vmx-secondary-ctls vmx-shadow-vmcs "
    "vmx-store-lma vmx-true-ctls vmx-tsc-offset "
    "vmx-unrestricted-guest vmx-vintr-pending vmx-vmfunc "
    "vmx-vmwrite-vmexit-fields vmx-vnmi vmx-vnmi-pending vmx-vpid "
    "vmx-wbinvd-exit";
static const char vmx_cascadelake_server[] =
    "vmx-activity-hlt vmx-apicv-register vmx-apicv-vid "
    "vmx-apicv-x2apic vmx-apicv-xapic vmx-cr3-load-noexit "
    "vmx-cr3-store-noexit vmx-cr8-load-exit vmx-cr8-store-exit "
    "vmx-desc-exit vmx-entry-ia32e-mode vmx-entry-load-efer "
    "vmx-entry-load-pat vmx-entry-load-perf-global-ctrl "
    "vmx-entry-noload-debugctl vmx-ept vmx-ept-1gb vmx-ept-2mb "
    "vmx-ept-execonly vmx-eptad vmx-exit-ack-intr "
    "vmx-exit-load-efer vmx-exit-load-pat "
    "vmx-exit-load-perf-global-ctrl vmx-exit-nosave-debugctl "
    "vmx-exit-save-efer vmx-exit-save-pat "
    "vmx-exit-save-preemption-timer vmx-flexpriority vmx-hlt-exit "
    "vmx-ins-outs vmx-intr-exit vmx-invept vmx-invept-all-context "
    "vmx-invept-single-context vmx-invept-single-context-noglobals "
    "vmx-invlpg-exit vmx-invpcid-exit vmx-invvpid "
    "vmx-invvpid-all-context vmx-invvpid-single-addr vmx-io-bitmap "
    "vmx-io-exit vmx-monitor-exit vmx-movdr-exit vmx-msr-bitmap "
    "vmx-mtf vmx-mwait-exit vmx-nmi-exit vmx-page-walk-4 "
    "vmx-pause-exit vmx-pml vmx-posted-intr vmx-preemption-timer "
    "vmx-rdpmc-exit vmx-rdrand-exit vmx-rdseed-exit vmx-rdtsc-exit "
    "vmx-rdtscp-exit vmx-secondary-ctls vmx-shadow-vmcs "
    "vmx-store-lma vmx-true-ctls vmx-tsc-offset "
    "vmx-unrestricted-guest vmx-vintr-pending vmx-vmfunc "
    "vmx-vmwrite-vmexit-fields vmx-vnmi vmx-vnmi-pending vmx-vpid "
    "vmx-wbinvd-exit";
static const char vmx_conroe[] =
    "vmx-activity-hlt vmx-apicv-xapic vmx-cr8-load-exit "
    "vmx-cr8-store-exit vmx-entry-ia32e-mode vmx-exit-ack-intr "
    "vmx-flexpriority vmx-hlt-exit vmx-ins-outs vmx-intr-exit "
    "vmx-invlpg-exit vmx-io-bitmap vmx-io-exit vmx-monitor-exit "
    "vmx-movdr-exit vmx-msr-bitmap vmx-mwait-exit vmx-nmi-exit "
    "vmx-pause-exit vmx-rdpmc-exit vmx-rdtsc-exit "
    "vmx-secondary-ctls vmx-tsc-offset vmx-vintr-pending vmx-vnmi "
    "vmx-vnmi-pending";
static const char vmx_coreduo[] =
    "vmx-activity-hlt vmx-exit-ack-intr vmx-hlt-exit vmx-intr-exit "
    "vmx-invlpg-exit vmx-io-bitmap vmx-io-exit vmx-monitor-exit "
    "vmx-movdr-exit vmx-msr-bitmap vmx-mwait-exit vmx-nmi-exit "
    "vmx-pause-exit vmx-rdpmc-exit vmx-rdtsc-exit vmx-tsc-offset "
    "vmx-vintr-pending";
static const char vmx_denverton[] =
    "vmx-activity-hlt vmx-apicv-register vmx-apicv-vid "
    "vmx-apicv-x2apic vmx-apicv-xapic vmx-cr3-load-noexit "
    "vmx-cr3-store-noexit vmx-cr8-load-exit vmx-cr8-store-exit "
    "vmx-desc-exit vmx-entry-ia32e-mode vmx-entry-load-efer "
    "vmx-entry-load-pat vmx-entry-load-perf-global-ctrl "
    "vmx-entry-noload-debugctl vmx-ept vmx-ept-1gb vmx-ept-2mb "
    "vmx-ept-execonly vmx-eptad vmx-eptp-switching "
    "vmx-exit-ack-intr vmx-exit-load-efer vmx-exit-load-pat "
    "vmx-exit-load-perf-global-ctrl vmx-exit-nosave-debugctl "
    "vmx-exit-save-efer vmx-exit-save-pat "
    "vmx-exit-save-preemption-timer vmx-flexpriority vmx-hlt-exit "
    "vmx-ins-outs vmx-intr-exit vmx-invept vmx-invept-all-context "
    "vmx-invept-single-context vmx-invept-single-context-noglobals "
    "vmx-invlpg-exit vmx-invvpid vmx-invvpid-all-context "
    "vmx-invvpid-single-addr vmx-io-bitmap vmx-io-exit "
    "vmx-monitor-exit vmx-movdr-exit vmx-msr-bitmap vmx-mtf "
    "vmx-mwait-exit vmx-nmi-exit vmx-page-walk-4 vmx-pause-exit "
    "vmx-pml vmx-posted-intr vmx-preemption-timer vmx-rdpmc-exit "
    "vmx-rdrand-exit vmx-rdseed-exit vmx-rdtsc-exit "
    "vmx-rdtscp-exit vmx-secondary-ctls vmx-shadow-vmcs "
    "vmx-store-lma vmx-true-ctls vmx-tsc-offset "
    "vmx-unrestricted-guest vmx-vintr-pending vmx-vmfunc "
    "vmx-vmwrite-vmexit-fields vmx-vnmi vmx-vnmi-pending vmx-vpid "
    "vmx-wbinvd-exit";
static const char vmx_haswell[] =
    "vmx-activity-hlt vmx-apicv-register vmx-apicv-vid "
    "vmx-apicv-x2apic vmx-apicv-xapic vmx-cr3-load-noexit "
    "vmx-cr3-store-noexit vmx-cr8-load-exit vmx-cr8-store-exit "
    "vmx-desc-exit vmx-entry-ia32e-mode vmx-entry-load-efer "
    "vmx-entry-load-pat vmx-entry-load-perf-global-ctrl "
    "vmx-entry-noload-debugctl vmx-ept vmx-ept-1gb vmx-ept-2mb "
    "vmx-ept-execonly vmx-eptad vmx-eptp-switching "
    "vmx-exit-ack-intr vmx-exit-load-efer vmx-exit-load-pat "
    "vmx-exit-load-perf-global-ctrl vmx-exit-nosave-debugctl "
    "vmx-exit-save-efer vmx-exit-save-pat "
    "vmx-exit-save-preemption-timer vmx-flexpriority vmx-hlt-exit "
    "vmx-ins-outs vmx-intr-exit vmx-invept vmx-invept-all-context "
    "vmx-invept-single-context vmx-invept-single-context-noglobals "
    "vmx-invlpg-exit vmx-invpcid-exit vmx-invvpid "
    "vmx-invvpid-all-context vmx-invvpid-single-addr vmx-io-bitmap "
    "vmx-io-exit vmx-monitor-exit vmx-movdr-exit vmx-msr-bitmap "
    "vmx-mtf vmx-mwait-exit vmx-nmi-exit vmx-page-walk-4 "
    "vmx-pause-exit vmx-posted-intr vmx-preemption-timer "
    "vmx-rdpmc-exit vmx-rdrand-exit vmx-rdtsc-exit vmx-rdtscp-exit "
    "vmx-secondary-ctls vmx-shadow-vmcs vmx-store-lma "
    "vmx-true-ctls vmx-tsc-offset vmx-unrestricted-guest "
    "vmx-vintr-pending vmx-vmfunc vmx-vmwrite-vmexit-fields "
    "vmx-vnmi vmx-vnmi-pending vmx-vpid vmx-wbinvd-exit";
static const char vmx_icelake_server[] =
    "vmx-activity-hlt vmx-apicv-register vmx-apicv-vid "
    "vmx-apicv-x2apic vmx-apicv-xapic vmx-cr3-load-noexit "
    "vmx-cr3-store-noexit vmx-cr8-load-exit vmx-cr8-store-exit "
    "vmx-desc-exit vmx-entry-ia32e-mode vmx-entry-load-efer "
    "vmx-entry-load-pat vmx-entry-load-perf-global-ctrl "
    "vmx-entry-noload-debugctl vmx-ept vmx-ept-1gb vmx-ept-2mb "
    "vmx-ept-execonly vmx-eptad vmx-exit-ack-intr "
    "vmx-exit-load-efer vmx-exit-load-pat "
    "vmx-exit-load-perf-global-ctrl vmx-exit-nosave-debugctl "
    "vmx-exit-save-efer vmx-exit-save-pat "
    "vmx-exit-save-preemption-timer vmx-flexpriority vmx-hlt-exit "
    "vmx-ins-outs vmx-intr-exit vmx-invept vmx-invept-all-context "
    "vmx-invept-single-context vmx-invept-single-context-noglobals "
    "vmx-invlpg-exit vmx-invpcid-exit vmx-invvpid "
    "vmx-invvpid-all-context vmx-invvpid-single-addr vmx-io-bitmap "
    "vmx-io-exit vmx-monitor-exit vmx-movdr-exit vmx-msr-bitmap "
    "vmx-mtf vmx-mwait-exit vmx-nmi-exit vmx-page-walk-4 "
    "vmx-pause-exit vmx-posted-intr vmx-preemption-timer "
    "vmx-rdpmc-exit vmx-rdrand-exit vmx-rdtsc-exit vmx-rdtscp-exit "
    "vmx-secondary-ctls vmx-shadow-vmcs vmx-store-lma "
    "vmx-true-ctls vmx-tsc-offset vmx-unrestricted-guest "
    "vmx-vintr-pending vmx-vmfunc vmx-vmwrite-vmexit-fields "
    "vmx-vnmi vmx-vnmi-pending vmx-vpid vmx-wbinvd-exit";
static const char vmx_ivybridge[] =
    "vmx-activity-hlt vmx-apicv-register vmx-apicv-vid "
    "vmx-apicv-x2apic vmx-apicv-xapic vmx-cr3-load-noexit "
    "vmx-cr3-store-noexit vmx-cr8-load-exit vmx-cr8-store-exit "
    "vmx-desc-exit vmx-entry-ia32e-mode vmx-entry-load-efer "
    "vmx-entry-load-pat vmx-entry-load-perf-global-ctrl "
    "vmx-entry-noload-debugctl vmx-ept vmx-ept-1gb vmx-ept-2mb "
    "vmx-ept-execonly vmx-exit-ack-intr vmx-exit-load-efer "
    "vmx-exit-load-pat vmx-exit-load-perf-global-ctrl "
    "vmx-exit-nosave-debugctl vmx-exit-save-efer vmx-exit-save-pat "
    "vmx-exit-save-preemption-timer vmx-flexpriority vmx-hlt-exit "
    "vmx-ins-outs vmx-intr-exit vmx-invept vmx-invept-all-context "
    "vmx-invept-single-context vmx-invept-single-context-noglobals "
    "vmx-invlpg-exit vmx-invvpid vmx-invvpid-all-context "
    "vmx-invvpid-single-addr vmx-io-bitmap vmx-io-exit "
    "vmx-monitor-exit vmx-movdr-exit vmx-msr-bitmap vmx-mtf "
    "vmx-mwait-exit vmx-nmi-exit vmx-page-walk-4 vmx-pause-exit "
    "vmx-posted-intr vmx-preemption-timer vmx-rdpmc-exit "
    "vmx-rdrand-exit vmx-rdtsc-exit vmx-rdtscp-exit "
    "vmx-secondary-ctls vmx-store-lma vmx-true-ctls vmx-tsc-offset "
    "vmx-unrestricted-guest vmx-vintr-pending vmx-vnmi "
    "vmx-vnmi-pending vmx-vpid vmx-wbinvd-exit";
static const char vmx_kvm64[] =
    "vmx-activity-hlt vmx-cr8-load-exit vmx-cr8-store-exit "
    "vmx-entry-ia32e-mode vmx-exit-ack-intr vmx-flexpriority "
    "vmx-hlt-exit vmx-intr-exit vmx-invlpg-exit vmx-io-bitmap "
    "vmx-io-exit vmx-monitor-exit vmx-movdr-exit vmx-mwait-exit "
    "vmx-nmi-exit vmx-pause-exit vmx-rdpmc-exit vmx-rdtsc-exit "
    "vmx-tsc-offset vmx-vintr-pending";
static const char vmx_nehalem[] =
    "vmx-activity-hlt vmx-apicv-x2apic vmx-apicv-xapic "
    "vmx-cr3-load-noexit vmx-cr3-store-noexit vmx-cr8-load-exit "
    "vmx-cr8-store-exit vmx-desc-exit vmx-entry-ia32e-mode "
    "vmx-entry-load-efer vmx-entry-load-pat "
    "vmx-entry-load-perf-global-ctrl vmx-entry-noload-debugctl "
    "vmx-ept vmx-ept-1gb vmx-ept-2mb vmx-ept-execonly "
    "vmx-exit-ack-intr vmx-exit-load-efer vmx-exit-load-pat "
    "vmx-exit-load-perf-global-ctrl vmx-exit-nosave-debugctl "
    "vmx-exit-save-efer vmx-exit-save-pat "
    "vmx-exit-save-preemption-timer vmx-flexpriority vmx-hlt-exit "
    "vmx-ins-outs vmx-intr-exit vmx-invept vmx-invept-all-context "
    "vmx-invept-single-context vmx-invept-single-context-noglobals "
    "vmx-invlpg-exit vmx-invvpid vmx-invvpid-all-context "
    "vmx-invvpid-single-addr vmx-io-bitmap vmx-io-exit "
    "vmx-monitor-exit vmx-movdr-exit vmx-msr-bitmap vmx-mtf "
    "vmx-mwait-exit vmx-nmi-exit vmx-page-walk-4 vmx-pause-exit "
    "vmx-preemption-timer vmx-rdpmc-exit vmx-rdtsc-exit "
    "vmx-secondary-ctls vmx-true-ctls vmx-tsc-offset "
    "vmx-vintr-pending vmx-vnmi vmx-vnmi-pending vmx-vpid "
    "vmx-wbinvd-exit";
static const char vmx_penryn[] =
    "vmx-activity-hlt vmx-apicv-xapic vmx-cr8-load-exit "
    "vmx-cr8-store-exit vmx-entry-ia32e-mode "
    "vmx-entry-load-perf-global-ctrl vmx-exit-ack-intr "
    "vmx-exit-load-perf-global-ctrl vmx-flexpriority vmx-hlt-exit "
    "vmx-ins-outs vmx-intr-exit vmx-invlpg-exit vmx-io-bitmap "
    "vmx-io-exit vmx-monitor-exit vmx-movdr-exit vmx-msr-bitmap "
    "vmx-mwait-exit vmx-nmi-exit vmx-pause-exit vmx-rdpmc-exit "
    "vmx-rdtsc-exit vmx-secondary-ctls vmx-tsc-offset "
    "vmx-vintr-pending vmx-vnmi vmx-vnmi-pending vmx-wbinvd-exit";
static const char vmx_sandybridge[] =
    "vmx-activity-hlt vmx-apicv-x2apic vmx-apicv-xapic "
    "vmx-cr3-load-noexit vmx-cr3-store-noexit vmx-cr8-load-exit "
    "vmx-cr8-store-exit vmx-desc-exit vmx-entry-ia32e-mode "
    "vmx-entry-load-efer vmx-entry-load-pat "
    "vmx-entry-load-perf-global-ctrl vmx-entry-noload-debugctl "
    "vmx-ept vmx-ept-1gb vmx-ept-2mb vmx-ept-execonly "
    "vmx-exit-ack-intr vmx-exit-load-efer vmx-exit-load-pat "
    "vmx-exit-load-perf-global-ctrl vmx-exit-nosave-debugctl "
    "vmx-exit-save-efer vmx-exit-save-pat "
    "vmx-exit-save-preemption-timer vmx-flexpriority vmx-hlt-exit "
    "vmx-ins-outs vmx-intr-exit vmx-invept vmx-invept-all-context "
    "vmx-invept-single-context vmx-invept-single-context-noglobals "
    "vmx-invlpg-exit vmx-invvpid vmx-invvpid-all-context "
    "vmx-invvpid-single-addr vmx-io-bitmap vmx-io-exit "
    "vmx-monitor-exit vmx-movdr-exit vmx-msr-bitmap vmx-mtf "
    "vmx-mwait-exit vmx-nmi-exit vmx-page-walk-4 vmx-pause-exit "
    "vmx-preemption-timer vmx-rdpmc-exit vmx-rdtsc-exit "
    "vmx-rdtscp-exit vmx-secondary-ctls vmx-store-lma "
    "vmx-true-ctls vmx-tsc-offset vmx-unrestricted-guest "
    "vmx-vintr-pending vmx-vnmi vmx-vnmi-pending vmx-vpid "
    "vmx-wbinvd-exit";
static const char vmx_skylake_client[] =
    "vmx-activity-hlt vmx-apicv-xapic vmx-cr3-load-noexit "
    "vmx-cr3-store-noexit vmx-cr8-load-exit vmx-cr8-store-exit "
    "vmx-desc-exit vmx-entry-ia32e-mode vmx-entry-load-efer "
    "vmx-entry-load-pat vmx-entry-load-perf-global-ctrl "
    "vmx-entry-noload-debugctl vmx-ept vmx-ept-1gb vmx-ept-2mb "
    "vmx-ept-execonly vmx-eptad vmx-eptp-switching "
    "vmx-exit-ack-intr vmx-exit-load-efer vmx-exit-load-pat "
    "vmx-exit-load-perf-global-ctrl vmx-exit-nosave-debugctl "
    "vmx-exit-save-efer vmx-exit-save-pat "
    "vmx-exit-save-preemption-timer vmx-flexpriority vmx-hlt-exit "
    "vmx-ins-outs vmx-intr-exit vmx-invept vmx-invept-all-context "
    "vmx-invept-single-context vmx-invept-single-context-noglobals "
    "vmx-invlpg-exit vmx-invpcid-exit vmx-invvpid "
    "vmx-invvpid-all-context vmx-invvpid-single-addr vmx-io-bitmap "
    "vmx-io-exit vmx-monitor-exit vmx-movdr-exit vmx-msr-bitmap "
    "vmx-mtf vmx-mwait-exit vmx-nmi-exit vmx-page-walk-4 "
    "vmx-pause-exit vmx-pml vmx-preemption-timer vmx-rdpmc-exit "
    "vmx-rdrand-exit vmx-rdseed-exit vmx-rdtsc-exit "
    "vmx-rdtscp-exit vmx-secondary-ctls vmx-shadow-vmcs "
    "vmx-store-lma vmx-true-ctls vmx-tsc-offset "
    "vmx-unrestricted-guest vmx-vintr-pending vmx-vmfunc "
    "vmx-vmwrite-vmexit-fields vmx-vnmi vmx-vnmi-pending vmx-vpid "
    "vmx-wbinvd-exit";
static const char vmx_westmere[] =
    "vmx-activity-hlt vmx-apicv-x2apic vmx-apicv-xapic "
    "vmx-cr3-load-noexit vmx-cr3-store-noexit vmx-cr8-load-exit "
    "vmx-cr8-store-exit vmx-desc-exit vmx-entry-ia32e-mode "
    "vmx-entry-load-efer vmx-entry-load-pat "
    "vmx-entry-load-perf-global-ctrl vmx-entry-noload-debugctl "
    "vmx-ept vmx-ept-1gb vmx-ept-2mb vmx-ept-execonly "
    "vmx-exit-ack-intr vmx-exit-load-efer vmx-exit-load-pat "
    "vmx-exit-load-perf-global-ctrl vmx-exit-nosave-debugctl "
    "vmx-exit-save-efer vmx-exit-save-pat "
    "vmx-exit-save-preemption-timer vmx-flexpriority vmx-hlt-exit "
    "vmx-ins-outs vmx-intr-exit vmx-invept vmx-invept-all-context "
    "vmx-invept-single-context vmx-invept-single-context-noglobals "
    "vmx-invlpg-exit vmx-invvpid vmx-invvpid-all-context "
    "vmx-invvpid-single-addr vmx-io-bitmap vmx-io-exit "
    "vmx-monitor-exit vmx-movdr-exit vmx-msr-bitmap vmx-mtf "
    "vmx-mwait-exit vmx-nmi-exit vmx-page-walk-4 vmx-pause-exit "
    "vmx-preemption-timer vmx-rdpmc-exit vmx-rdtsc-exit "
    "vmx-secondary-ctls vmx-store-lma vmx-true-ctls vmx-tsc-offset "
    "vmx-unrestricted-guest vmx-vintr-pending vmx-vnmi "
    "vmx-vnmi-pending vmx-vpid vmx-wbinvd-exit";

/* ---- the models, sorted by name ignoring case ---- */

const X86CPUDefinition builtin_x86_defs[] = {
    {
        .name = "486",
        .vendor = "GenuineIntel", .family = 4, .model = 8, .stepping = 0,
        .level = 0x1, .xlevel = 0x0, .xlevel2 = 0x0,
        .model_id = "",
        .flags = "fpu pse vme",
    },
    {
        .name = "athlon",
        .vendor = "AuthenticAMD", .family = 6, .model = 2, .stepping = 3,
        .level = 0x2, .xlevel = 0x80000008, .xlevel2 = 0x0,
        .model_id = "QEMU Virtual CPU version 2.5+",
        .flags = "3dnow 3dnowext apic cmov cx8 de fpu fxsr mca mce "
                 "mmx mmxext msr mtrr pae pat pge pse pse36 sep "
                 "sse sse2 tsc vme",
    },
    {
        .name = "Broadwell",
        .vendor = "GenuineIntel", .family = 6, .model = 61, .stepping = 2,
        .level = 0xd, .xlevel = 0x80000008, .xlevel2 = 0x0,
        .model_id = "Intel Core Processor (Broadwell)",
        .flags = "3dnowprefetch abm adx aes apic arat avx avx2 "
                 "bmi1 bmi2 clflush cmov cx16 cx8 de erms f16c fma "
                 "fpu fsgsbase fxsr hle invpcid lahf-lm lm mca mce "
                 "mmx movbe msr mtrr nx pae pat pcid pclmulqdq pge "
                 "pni popcnt pse pse36 rdrand rdseed rdtscp rtm "
                 "sep smap smep sse sse2 sse4.1 sse4.2 ssse3 "
                 "syscall tsc tsc-deadline vme x2apic xsave "
                 "xsaveopt",
        .vmx = vmx_broadwell,
        .versions = (const X86CPUVersion[]) {
            { .version = 1 },
            { .version = 2, .alias = "Broadwell-noTSX",
              .model_id = "Intel Core Processor (Broadwell, no TSX)",
              .props = "-hle -rtm" },
            { .version = 3, .alias = "Broadwell-IBRS",
              .model_id = "Intel Core Processor (Broadwell, IBRS)",
              .props = "+hle +rtm +spec-ctrl" },
            { .version = 4, .alias = "Broadwell-noTSX-IBRS",
              .model_id = "Intel Core Processor (Broadwell, no TSX, IBRS)",
              .props = "-hle -rtm" },
            { 0 }
        },
    },
    {
        .name = "Cascadelake-Server",
        .vendor = "GenuineIntel", .family = 6, .model = 85, .stepping = 6,
        .level = 0xd, .xlevel = 0x80000008, .xlevel2 = 0x0,
        .model_id = "Intel Xeon Processor (Cascadelake)",
        .flags = "3dnowprefetch abm adx aes apic arat avx avx2 "
                 "avx512bw avx512cd avx512dq avx512f avx512vl "
                 "avx512vnni bmi1 bmi2 clflush clflushopt clwb "
                 "cmov cx16 cx8 de erms f16c fma fpu fsgsbase fxsr "
                 "hle invpcid lahf-lm lm mca mce mmx movbe msr "
                 "mtrr nx pae pat pcid pclmulqdq pdpe1gb pge pku "
                 "pni popcnt pse pse36 rdrand rdseed rdtscp rtm "
                 "sep smap smep spec-ctrl ssbd sse sse2 sse4.1 "
                 "sse4.2 ssse3 syscall tsc tsc-deadline vme x2apic "
                 "xgetbv1 xsave xsavec xsaveopt",
        .vmx = vmx_cascadelake_server,
        .versions = (const X86CPUVersion[]) {
            { .version = 1 },
            { .version = 2, .note = "ARCH_CAPABILITIES",
              .props = "+arch-capabilities +ibrs-all +mds-no "
                        "+rdctl-no +skip-l1dfl-vmentry" },
            { .version = 3, .alias = "Cascadelake-Server-noTSX",
              .note = "ARCH_CAPABILITIES, no TSX", .props = "-hle -rtm" },
            { .version = 4,
              .note = "ARCH_CAPABILITIES, EPT switching, no TSX",
              .props = "+vmx-eptp-switching" },
            { .version = 5,
              .note = "ARCH_CAPABILITIES, EPT switching, XSAVES, no TSX",
              .props = "+vmx-xsaves +xsaves" },
            { 0 }
        },
    },
    {
        .name = "Conroe",
        .vendor = "GenuineIntel", .family = 6, .model = 15, .stepping = 3,
        .level = 0xa, .xlevel = 0x80000008, .xlevel2 = 0x0,
        .model_id = "Intel Celeron_4x0 (Conroe/Merom Class Core 2)",
        .flags = "apic clflush cmov cx8 de fpu fxsr lahf-lm lm mca "
                 "mce mmx msr mtrr nx pae pat pge pni pse pse36 "
                 "sep sse sse2 ssse3 syscall tsc vme",
        .vmx = vmx_conroe,
    },
    {
        .name = "Cooperlake",
        .vendor = "GenuineIntel", .family = 6, .model = 85, .stepping = 10,
        .level = 0xd, .xlevel = 0x80000008, .xlevel2 = 0x0,
        .model_id = "Intel Xeon Processor (Cooperlake)",
        .flags = "3dnowprefetch abm adx aes apic arat "
                 "arch-capabilities avx avx2 avx512-bf16 avx512bw "
                 "avx512cd avx512dq avx512f avx512vl avx512vnni "
                 "bmi1 bmi2 clflush clflushopt clwb cmov cx16 cx8 "
                 "de erms f16c fma fpu fsgsbase fxsr hle ibrs-all "
                 "invpcid lahf-lm lm mca mce mds-no mmx movbe msr "
                 "mtrr nx pae pat pcid pclmulqdq pdpe1gb pge pku "
                 "pni popcnt pschange-mc-no pse pse36 rdctl-no "
                 "rdrand rdseed rdtscp rtm sep skip-l1dfl-vmentry "
                 "smap smep spec-ctrl ssbd sse sse2 sse4.1 sse4.2 "
                 "ssse3 stibp syscall taa-no tsc tsc-deadline vme "
                 "x2apic xgetbv1 xsave xsavec xsaveopt",
        .vmx = vmx_broadwell,
        .versions = (const X86CPUVersion[]) {
            { .version = 1 },
            { .version = 2, .note = "XSAVES", .props = "+vmx-xsaves +xsaves" },
            { 0 }
        },
    },
    {
        .name = "core2duo",
        .vendor = "GenuineIntel", .family = 6, .model = 15, .stepping = 11,
        .level = 0xa, .xlevel = 0x80000008, .xlevel2 = 0x0,
        .model_id = "Intel(R) Core(TM)2 Duo CPU     T7700  @ 2.40GHz",
        .flags = "acpi apic clflush cmov cx16 cx8 de fpu fxsr "
                 "lahf-lm lm mca mce mmx monitor msr mtrr nx pae "
                 "pat pge pni pse pse36 sep ss sse sse2 ssse3 "
                 "syscall tsc vme",
        .vmx = vmx_conroe,
    },
    {
        .name = "coreduo",
        .vendor = "GenuineIntel", .family = 6, .model = 14, .stepping = 8,
        .level = 0xa, .xlevel = 0x80000008, .xlevel2 = 0x0,
        .model_id = "Genuine Intel(R) CPU           T2600  @ 2.16GHz",
        .flags = "acpi apic clflush cmov cx8 de fpu fxsr mca mce "
                 "mmx monitor msr mtrr nx pae pat pge pni pse sep "
                 "ss sse sse2 tsc vme",
        .vmx = vmx_coreduo,
    },
    {
        .name = "Denverton",
        .vendor = "GenuineIntel", .family = 6, .model = 95, .stepping = 1,
        .level = 0x15, .xlevel = 0x80000008, .xlevel2 = 0x0,
        .model_id = "Intel Atom Processor (Denverton)",
        .flags = "3dnowprefetch aes apic arat arch-capabilities "
                 "clflush clflushopt cmov cx16 cx8 de erms fpu "
                 "fsgsbase fxsr lahf-lm lm mca mce mmx monitor "
                 "movbe mpx msr mtrr nx pae pat pclmulqdq pdpe1gb "
                 "pge pni popcnt pse pse36 rdctl-no rdrand rdseed "
                 "rdtscp sep sha-ni skip-l1dfl-vmentry smap smep "
                 "spec-ctrl ssbd sse sse2 sse4.1 sse4.2 ssse3 "
                 "syscall tsc tsc-deadline vme x2apic xgetbv1 "
                 "xsave xsavec xsaveopt",
        .vmx = vmx_denverton,
        .versions = (const X86CPUVersion[]) {
            { .version = 1 },
            { .version = 2, .note = "no MPX, no MONITOR",
              .props = "-monitor -mpx" },
            { .version = 3, .note = "XSAVES, no MPX, no MONITOR",
              .props = "+vmx-xsaves +xsaves" },
            { 0 }
        },
    },
    {
        .name = "Dhyana",
        .vendor = "HygonGenuine", .family = 24, .model = 0, .stepping = 1,
        .level = 0xd, .xlevel = 0x8000001e, .xlevel2 = 0x0,
        .model_id = "Hygon Dhyana Processor",
        .cache_info = &dhyana_cache_info,
        .flags = "3dnowprefetch abm adx apic arat avx avx2 bmi1 "
                 "bmi2 clflush clflushopt cmov cr8legacy cx16 cx8 "
                 "de f16c fma fpu fsgsbase fxsr fxsr-opt ibpb "
                 "lahf-lm lm mca mce misalignsse mmx mmxext "
                 "monitor movbe msr mtrr npt nrip-save nx osvw pae "
                 "pat pdpe1gb pge pni popcnt pse pse36 rdrand "
                 "rdseed rdtscp sep smap smep sse sse2 sse4.1 "
                 "sse4.2 sse4a ssse3 svm syscall topoext tsc vme "
                 "xgetbv1 xsave xsavec xsaveopt",
        .versions = (const X86CPUVersion[]) {
            { .version = 1 },
            { .version = 2, .note = "XSAVES", .props = "+xsaves" },
            { 0 }
        },
    },
    {
        .name = "EPYC",
        .vendor = "AuthenticAMD", .family = 23, .model = 1, .stepping = 2,
        .level = 0xd, .xlevel = 0x8000001e, .xlevel2 = 0x0,
        .model_id = "AMD EPYC Processor",
        .cache_info = &epyc_cache_info,
        .flags = "3dnowprefetch abm adx aes apic arat avx avx2 "
                 "bmi1 bmi2 clflush clflushopt cmov cr8legacy cx16 "
                 "cx8 de f16c fma fpu fsgsbase fxsr fxsr-opt "
                 "lahf-lm lm mca mce misalignsse mmx mmxext "
                 "monitor movbe msr mtrr npt nrip-save nx osvw pae "
                 "pat pclmulqdq pdpe1gb pge pni popcnt pse pse36 "
                 "rdrand rdseed rdtscp sep sha-ni smap smep sse "
                 "sse2 sse4.1 sse4.2 sse4a ssse3 svm syscall "
                 "topoext tsc vme xgetbv1 xsave xsavec xsaveopt",
        .versions = (const X86CPUVersion[]) {
            { .version = 1 },
            { .version = 2, .alias = "EPYC-IBPB",
              .model_id = "AMD EPYC Processor (with IBPB)", .props = "+ibpb" },
            { .version = 3, .model_id = "AMD EPYC Processor",
              .props = "+clzero +perfctr-core +xsaveerptr +xsaves" },
            { 0 }
        },
    },
    {
        .name = "EPYC-Milan",
        .vendor = "AuthenticAMD", .family = 25, .model = 1, .stepping = 1,
        .level = 0xd, .xlevel = 0x8000001e, .xlevel2 = 0x0,
        .model_id = "AMD EPYC-Milan Processor",
        .cache_info = &epyc_milan_cache_info,
        .flags = "3dnowprefetch abm adx aes amd-ssbd amd-stibp "
                 "apic arat avx avx2 bmi1 bmi2 clflush clflushopt "
                 "clwb clzero cmov cr8legacy cx16 cx8 de erms f16c "
                 "fma fpu fsgsbase fsrm fxsr fxsr-opt ibpb ibrs "
                 "invpcid lahf-lm lm mca mce misalignsse mmx "
                 "mmxext monitor movbe msr mtrr npt nrip-save nx "
                 "osvw pae pat pcid pclmulqdq pdpe1gb perfctr-core "
                 "pge pku pni popcnt pse pse36 rdpid rdrand rdseed "
                 "rdtscp sep sha-ni smap smep sse sse2 sse4.1 "
                 "sse4.2 sse4a ssse3 svm svme-addr-chk syscall "
                 "topoext tsc umip vme wbnoinvd xgetbv1 xsave "
                 "xsavec xsaveerptr xsaveopt xsaves",
    },
    {
        .name = "EPYC-Rome",
        .vendor = "AuthenticAMD", .family = 23, .model = 49, .stepping = 0,
        .level = 0xd, .xlevel = 0x8000001e, .xlevel2 = 0x0,
        .model_id = "AMD EPYC-Rome Processor",
        .cache_info = &epyc_rome_cache_info,
        .flags = "3dnowprefetch abm adx aes amd-stibp apic arat "
                 "avx avx2 bmi1 bmi2 clflush clflushopt clwb "
                 "clzero cmov cr8legacy cx16 cx8 de f16c fma fpu "
                 "fsgsbase fxsr fxsr-opt ibpb lahf-lm lm mca mce "
                 "misalignsse mmx mmxext monitor movbe msr mtrr "
                 "npt nrip-save nx osvw pae pat pclmulqdq pdpe1gb "
                 "perfctr-core pge pni popcnt pse pse36 rdpid "
                 "rdrand rdseed rdtscp sep sha-ni smap smep sse "
                 "sse2 sse4.1 sse4.2 sse4a ssse3 svm syscall "
                 "topoext tsc umip vme wbnoinvd xgetbv1 xsave "
                 "xsavec xsaveerptr xsaveopt xsaves",
        .versions = (const X86CPUVersion[]) {
            { .version = 1 },
            { .version = 2, .props = "+amd-ssbd +ibrs" },
            { 0 }
        },
    },
    {
        .name = "Haswell",
        .vendor = "GenuineIntel", .family = 6, .model = 60, .stepping = 4,
        .level = 0xd, .xlevel = 0x80000008, .xlevel2 = 0x0,
        .model_id = "Intel Core Processor (Haswell)",
        .flags = "abm aes apic arat avx avx2 bmi1 bmi2 clflush "
                 "cmov cx16 cx8 de erms f16c fma fpu fsgsbase fxsr "
                 "hle invpcid lahf-lm lm mca mce mmx movbe msr "
                 "mtrr nx pae pat pcid pclmulqdq pge pni popcnt "
                 "pse pse36 rdrand rdtscp rtm sep smep sse sse2 "
                 "sse4.1 sse4.2 ssse3 syscall tsc tsc-deadline vme "
                 "x2apic xsave xsaveopt",
        .vmx = vmx_haswell,
        .versions = (const X86CPUVersion[]) {
            { .version = 1 },
            { .version = 2, .alias = "Haswell-noTSX",
              .model_id = "Intel Core Processor (Haswell, no TSX)",
              .props = "-hle -rtm stepping=1" },
            { .version = 3, .alias = "Haswell-IBRS",
              .model_id = "Intel Core Processor (Haswell, IBRS)",
              .props = "+hle +rtm +spec-ctrl stepping=4" },
            { .version = 4, .alias = "Haswell-noTSX-IBRS",
              .model_id = "Intel Core Processor (Haswell, no TSX, IBRS)",
              .props = "-hle -rtm stepping=1" },
            { 0 }
        },
    },
    {
        .name = "Icelake-Server",
        .vendor = "GenuineIntel", .family = 6, .model = 134, .stepping = 0,
        .level = 0xd, .xlevel = 0x80000008, .xlevel2 = 0x0,
        .model_id = "Intel Xeon Processor (Icelake)",
        .flags = "3dnowprefetch abm adx aes apic arat avx avx2 "
                 "avx512-vpopcntdq avx512bitalg avx512bw avx512cd "
                 "avx512dq avx512f avx512vbmi avx512vbmi2 avx512vl "
                 "avx512vnni bmi1 bmi2 clflush clflushopt clwb "
                 "cmov cx16 cx8 de erms f16c fma fpu fsgsbase fxsr "
                 "gfni hle invpcid la57 lahf-lm lm mca mce mmx "
                 "movbe msr mtrr nx pae pat pcid pclmulqdq pdpe1gb "
                 "pge pku pni popcnt pse pse36 rdrand rdseed "
                 "rdtscp rtm sep smap smep spec-ctrl ssbd sse sse2 "
                 "sse4.1 sse4.2 ssse3 syscall tsc tsc-deadline "
                 "umip vaes vme vpclmulqdq wbnoinvd x2apic xgetbv1 "
                 "xsave xsavec xsaveopt",
        .vmx = vmx_icelake_server,
        .versions = (const X86CPUVersion[]) {
            { .version = 1 },
            { .version = 2, .alias = "Icelake-Server-noTSX", .note = "no TSX",
              .props = "-hle -rtm" },
            { .version = 3, .props = "+arch-capabilities +ibrs-all +mds-no "
                        "+pschange-mc-no +rdctl-no "
                        "+skip-l1dfl-vmentry +taa-no" },
            { .version = 4, .props = "+avx512ifma +fsrm +rdpid +sha-ni "
                        "+vmx-eptp-switching +vmx-pml "
                        "+vmx-rdseed-exit model=106" },
            { .version = 5, .note = "XSAVES", .props = "+vmx-xsaves +xsaves" },
            { .version = 6, .note = "5-level EPT",
              .props = "+vmx-page-walk-5" },
            { 0 }
        },
    },
    {
        .name = "IvyBridge",
        .vendor = "GenuineIntel", .family = 6, .model = 58, .stepping = 9,
        .level = 0xd, .xlevel = 0x80000008, .xlevel2 = 0x0,
        .model_id = "Intel Xeon E3-12xx v2 (Ivy Bridge)",
        .flags = "aes apic arat avx clflush cmov cx16 cx8 de erms "
                 "f16c fpu fsgsbase fxsr lahf-lm lm mca mce mmx "
                 "msr mtrr nx pae pat pclmulqdq pge pni popcnt pse "
                 "pse36 rdrand rdtscp sep smep sse sse2 sse4.1 "
                 "sse4.2 ssse3 syscall tsc tsc-deadline vme x2apic "
                 "xsave xsaveopt",
        .vmx = vmx_ivybridge,
        .versions = (const X86CPUVersion[]) {
            { .version = 1 },
            { .version = 2, .alias = "IvyBridge-IBRS",
              .model_id = "Intel Xeon E3-12xx v2 (Ivy Bridge, IBRS)",
              .props = "+spec-ctrl" },
            { 0 }
        },
    },
    {
        .name = "KnightsMill",
        .vendor = "GenuineIntel", .family = 6, .model = 133, .stepping = 0,
        .level = 0xd, .xlevel = 0x80000008, .xlevel2 = 0x0,
        .model_id = "Intel Xeon Phi Processor (Knights Mill)",
        .flags = "3dnowprefetch abm adx aes apic arat avx avx2 "
                 "avx512-4fmaps avx512-4vnniw avx512-vpopcntdq "
                 "avx512cd avx512er avx512f avx512pf bmi1 bmi2 "
                 "clflush cmov cx16 cx8 de erms f16c fma fpu "
                 "fsgsbase fxsr lahf-lm lm mca mce mmx movbe msr "
                 "mtrr nx pae pat pclmulqdq pdpe1gb pge pni popcnt "
                 "pse pse36 rdrand rdseed rdtscp sep smep ss sse "
                 "sse2 sse4.1 sse4.2 ssse3 syscall tsc "
                 "tsc-deadline vme x2apic xsave xsaveopt",
    },
    {
        .name = "kvm32",
        .vendor = "GenuineIntel", .family = 15, .model = 6, .stepping = 1,
        .level = 0x5, .xlevel = 0x80000008, .xlevel2 = 0x0,
        .model_id = "Common 32-bit KVM processor",
        .flags = "apic clflush cmov cx8 de fpu fxsr mca mce mmx "
                 "msr mtrr pae pat pge pni pse pse36 sep sse sse2 "
                 "tsc vme",
        .vmx = vmx_coreduo,
    },
    {
        .name = "kvm64",
        .vendor = "GenuineIntel", .family = 15, .model = 6, .stepping = 1,
        .level = 0xd, .xlevel = 0x80000008, .xlevel2 = 0x0,
        .model_id = "Common KVM processor",
        .flags = "apic clflush cmov cx16 cx8 de fpu fxsr lm mca "
                 "mce mmx msr mtrr nx pae pat pge pni pse pse36 "
                 "sep sse sse2 syscall tsc vme",
        .vmx = vmx_kvm64,
    },
    {
        .name = "n270",
        .vendor = "GenuineIntel", .family = 6, .model = 28, .stepping = 2,
        .level = 0xa, .xlevel = 0x80000008, .xlevel2 = 0x0,
        .model_id = "Intel(R) Atom(TM) CPU N270   @ 1.60GHz",
        .flags = "acpi apic clflush cmov cx8 de fpu fxsr lahf-lm "
                 "mca mce mmx monitor movbe msr mtrr nx pae pat "
                 "pge pni pse sep ss sse sse2 ssse3 tsc vme",
    },
    {
        .name = "Nehalem",
        .vendor = "GenuineIntel", .family = 6, .model = 26, .stepping = 3,
        .level = 0xb, .xlevel = 0x80000008, .xlevel2 = 0x0,
        .model_id = "Intel Core i7 9xx (Nehalem Class Core i7)",
        .flags = "apic clflush cmov cx16 cx8 de fpu fxsr lahf-lm "
                 "lm mca mce mmx msr mtrr nx pae pat pge pni "
                 "popcnt pse pse36 sep sse sse2 sse4.1 sse4.2 "
                 "ssse3 syscall tsc vme",
        .vmx = vmx_nehalem,
        .versions = (const X86CPUVersion[]) {
            { .version = 1 },
            { .version = 2, .alias = "Nehalem-IBRS",
              .model_id = "Intel Core i7 9xx (Nehalem Core i7, IBRS update)",
              .props = "+spec-ctrl" },
            { 0 }
        },
    },
    {
        .name = "Opteron_G1",
        .vendor = "AuthenticAMD", .family = 15, .model = 6, .stepping = 1,
        .level = 0x5, .xlevel = 0x80000008, .xlevel2 = 0x0,
        .model_id = "AMD Opteron 240 (Gen 1 Class Opteron)",
        .flags = "apic clflush cmov cx8 de fpu fxsr lm mca mce mmx "
                 "msr mtrr nx pae pat pge pni pse pse36 sep sse "
                 "sse2 syscall tsc vme",
    },
    {
        .name = "Opteron_G2",
        .vendor = "AuthenticAMD", .family = 15, .model = 6, .stepping = 1,
        .level = 0x5, .xlevel = 0x80000008, .xlevel2 = 0x0,
        .model_id = "AMD Opteron 22xx (Gen 2 Class Opteron)",
        .flags = "apic clflush cmov cx16 cx8 de fpu fxsr lahf-lm "
                 "lm mca mce mmx msr mtrr nx pae pat pge pni pse "
                 "pse36 sep sse sse2 svm syscall tsc vme",
    },
    {
        .name = "Opteron_G3",
        .vendor = "AuthenticAMD", .family = 16, .model = 2, .stepping = 3,
        .level = 0x5, .xlevel = 0x80000008, .xlevel2 = 0x0,
        .model_id = "AMD Opteron 23xx (Gen 3 Class Opteron)",
        .flags = "abm apic clflush cmov cx16 cx8 de fpu fxsr "
                 "lahf-lm lm mca mce misalignsse mmx monitor msr "
                 "mtrr nx pae pat pge pni popcnt pse pse36 rdtscp "
                 "sep sse sse2 sse4a svm syscall tsc vme",
    },
    {
        .name = "Opteron_G4",
        .vendor = "AuthenticAMD", .family = 21, .model = 1, .stepping = 2,
        .level = 0xd, .xlevel = 0x8000001a, .xlevel2 = 0x0,
        .model_id = "AMD Opteron 62xx class CPU",
        .flags = "3dnowprefetch abm aes apic avx clflush cmov cx16 "
                 "cx8 de fma4 fpu fxsr lahf-lm lm mca mce "
                 "misalignsse mmx msr mtrr npt nrip-save nx pae "
                 "pat pclmulqdq pdpe1gb pge pni popcnt pse pse36 "
                 "rdtscp sep sse sse2 sse4.1 sse4.2 sse4a ssse3 "
                 "svm syscall tsc vme xop xsave",
    },
    {
        .name = "Opteron_G5",
        .vendor = "AuthenticAMD", .family = 21, .model = 2, .stepping = 0,
        .level = 0xd, .xlevel = 0x8000001a, .xlevel2 = 0x0,
        .model_id = "AMD Opteron 63xx class CPU",
        .flags = "3dnowprefetch abm aes apic avx clflush cmov cx16 "
                 "cx8 de f16c fma fma4 fpu fxsr lahf-lm lm mca mce "
                 "misalignsse mmx msr mtrr npt nrip-save nx pae "
                 "pat pclmulqdq pdpe1gb pge pni popcnt pse pse36 "
                 "rdtscp sep sse sse2 sse4.1 sse4.2 sse4a ssse3 "
                 "svm syscall tbm tsc vme xop xsave",
    },
    {
        .name = "Penryn",
        .vendor = "GenuineIntel", .family = 6, .model = 23, .stepping = 3,
        .level = 0xa, .xlevel = 0x80000008, .xlevel2 = 0x0,
        .model_id = "Intel Core 2 Duo P9xxx (Penryn Class Core 2)",
        .flags = "apic clflush cmov cx16 cx8 de fpu fxsr lahf-lm "
                 "lm mca mce mmx msr mtrr nx pae pat pge pni pse "
                 "pse36 sep sse sse2 sse4.1 ssse3 syscall tsc vme",
        .vmx = vmx_penryn,
    },
    {
        .name = "pentium",
        .vendor = "GenuineIntel", .family = 5, .model = 4, .stepping = 3,
        .level = 0x1, .xlevel = 0x0, .xlevel2 = 0x0,
        .model_id = "",
        .flags = "apic cx8 de fpu mce mmx msr pse tsc vme",
    },
    {
        .name = "pentium2",
        .vendor = "GenuineIntel", .family = 6, .model = 5, .stepping = 2,
        .level = 0x2, .xlevel = 0x0, .xlevel2 = 0x0,
        .model_id = "",
        .flags = "apic cmov cx8 de fpu fxsr mca mce mmx msr mtrr "
                 "pae pat pge pse pse36 sep tsc vme",
    },
    {
        .name = "pentium3",
        .vendor = "GenuineIntel", .family = 6, .model = 7, .stepping = 3,
        .level = 0x3, .xlevel = 0x0, .xlevel2 = 0x0,
        .model_id = "",
        .flags = "apic cmov cx8 de fpu fxsr mca mce mmx msr mtrr "
                 "pae pat pge pse pse36 sep sse tsc vme",
    },
    {
        .name = "phenom",
        .vendor = "AuthenticAMD", .family = 16, .model = 2, .stepping = 3,
        .level = 0x5, .xlevel = 0x8000001a, .xlevel2 = 0x0,
        .model_id = "AMD Phenom(tm) 9550 Quad-Core Processor",
        .flags = "3dnow 3dnowext abm apic clflush cmov cx16 cx8 de "
                 "fpu fxsr fxsr-opt lahf-lm lm mca mce mmx mmxext "
                 "monitor msr mtrr npt nx pae pat pdpe1gb pge pni "
                 "popcnt pse pse36 rdtscp sep sse sse2 sse4a svm "
                 "syscall tsc vme",
    },
    {
        .name = "qemu32",
        .vendor = "GenuineIntel", .family = 6, .model = 6, .stepping = 3,
        .level = 0x4, .xlevel = 0x80000004, .xlevel2 = 0x0,
        .model_id = "QEMU Virtual CPU version 2.5+",
        .flags = "apic cmov cx8 de fpu fxsr mce mmx msr pae pat "
                 "pge pni pse sep sse sse2 tsc",
    },
    {
        .name = "qemu64",
        .vendor = "AuthenticAMD", .family = 15, .model = 107, .stepping = 1,
        .level = 0xd, .xlevel = 0x8000000a, .xlevel2 = 0x0,
        .model_id = "QEMU Virtual CPU version 2.5+",
        .flags = "apic clflush cmov cx16 cx8 de fpu fxsr lahf-lm "
                 "lm mca mce mmx msr mtrr nx pae pat pge pni pse "
                 "pse36 sep sse sse2 svm syscall tsc",
    },
    {
        .name = "SandyBridge",
        .vendor = "GenuineIntel", .family = 6, .model = 42, .stepping = 1,
        .level = 0xd, .xlevel = 0x80000008, .xlevel2 = 0x0,
        .model_id = "Intel Xeon E312xx (Sandy Bridge)",
        .flags = "aes apic arat avx clflush cmov cx16 cx8 de fpu "
                 "fxsr lahf-lm lm mca mce mmx msr mtrr nx pae pat "
                 "pclmulqdq pge pni popcnt pse pse36 rdtscp sep "
                 "sse sse2 sse4.1 sse4.2 ssse3 syscall tsc "
                 "tsc-deadline vme x2apic xsave xsaveopt",
        .vmx = vmx_sandybridge,
        .versions = (const X86CPUVersion[]) {
            { .version = 1 },
            { .version = 2, .alias = "SandyBridge-IBRS",
              .model_id = "Intel Xeon E312xx (Sandy Bridge, IBRS update)",
              .props = "+spec-ctrl" },
            { 0 }
        },
    },
    {
        .name = "Skylake-Client",
        .vendor = "GenuineIntel", .family = 6, .model = 94, .stepping = 3,
        .level = 0xd, .xlevel = 0x80000008, .xlevel2 = 0x0,
        .model_id = "Intel Core Processor (Skylake)",
        .flags = "3dnowprefetch abm adx aes apic arat avx avx2 "
                 "bmi1 bmi2 clflush cmov cx16 cx8 de erms f16c fma "
                 "fpu fsgsbase fxsr hle invpcid lahf-lm lm mca mce "
                 "mmx movbe msr mtrr nx pae pat pcid pclmulqdq pge "
                 "pni popcnt pse pse36 rdrand rdseed rdtscp rtm "
                 "sep smap smep sse sse2 sse4.1 sse4.2 ssse3 "
                 "syscall tsc tsc-deadline vme x2apic xgetbv1 "
                 "xsave xsavec xsaveopt",
        .vmx = vmx_skylake_client,
        .versions = (const X86CPUVersion[]) {
            { .version = 1 },
            { .version = 2, .alias = "Skylake-Client-IBRS",
              .model_id = "Intel Core Processor (Skylake, IBRS)",
              .props = "+spec-ctrl" },
            { .version = 3, .alias = "Skylake-Client-noTSX-IBRS",
              .model_id = "Intel Core Processor (Skylake, IBRS, no TSX)",
              .props = "-hle -rtm" },
            { .version = 4, .note = "IBRS, XSAVES, no TSX",
              .props = "+vmx-xsaves +xsaves" },
            { 0 }
        },
    },
    {
        .name = "Skylake-Server",
        .vendor = "GenuineIntel", .family = 6, .model = 85, .stepping = 4,
        .level = 0xd, .xlevel = 0x80000008, .xlevel2 = 0x0,
        .model_id = "Intel Xeon Processor (Skylake)",
        .flags = "3dnowprefetch abm adx aes apic arat avx avx2 "
                 "avx512bw avx512cd avx512dq avx512f avx512vl bmi1 "
                 "bmi2 clflush clflushopt clwb cmov cx16 cx8 de "
                 "erms f16c fma fpu fsgsbase fxsr hle invpcid "
                 "lahf-lm lm mca mce mmx movbe msr mtrr nx pae pat "
                 "pcid pclmulqdq pdpe1gb pge pku pni popcnt pse "
                 "pse36 rdrand rdseed rdtscp rtm sep smap smep sse "
                 "sse2 sse4.1 sse4.2 ssse3 syscall tsc "
                 "tsc-deadline vme x2apic xgetbv1 xsave xsavec "
                 "xsaveopt",
        .vmx = vmx_cascadelake_server,
        .versions = (const X86CPUVersion[]) {
            { .version = 1 },
            { .version = 2, .alias = "Skylake-Server-IBRS",
              .model_id = "Intel Xeon Processor (Skylake, IBRS)",
              .props = "+spec-ctrl -clflushopt" },
            { .version = 3, .alias = "Skylake-Server-noTSX-IBRS",
              .model_id = "Intel Xeon Processor (Skylake, IBRS, no TSX)",
              .props = "-hle -rtm" },
            { .version = 4, .note = "IBRS, EPT switching, no TSX",
              .props = "+vmx-eptp-switching" },
            { .version = 5, .note = "IBRS, XSAVES, EPT switching, no TSX",
              .props = "+vmx-xsaves +xsaves" },
            { 0 }
        },
    },
    {
        .name = "Snowridge",
        .vendor = "GenuineIntel", .family = 6, .model = 134, .stepping = 1,
        .level = 0x1b, .xlevel = 0x80000008, .xlevel2 = 0x0,
        .model_id = "Intel Atom Processor (SnowRidge)",
        .flags = "3dnowprefetch aes apic arat arch-capabilities "
                 "cldemote clflush clflushopt clwb cmov "
                 "core-capability cx16 cx8 de erms fpu fsgsbase "
                 "fxsr gfni lahf-lm lm mca mce mmx monitor movbe "
                 "movdir64b movdiri mpx msr mtrr nx pae pat "
                 "pclmulqdq pdpe1gb pge pni popcnt pse pse36 "
                 "rdrand rdseed rdtscp sep sha-ni smap smep "
                 "spec-ctrl split-lock-detect ssbd sse sse2 sse4.1 "
                 "sse4.2 ssse3 syscall tsc tsc-deadline umip vme "
                 "x2apic xgetbv1 xsave xsavec xsaveopt",
        .vmx = vmx_denverton,
        .versions = (const X86CPUVersion[]) {
            { .version = 1 },
            { .version = 2,
              .model_id = "Intel Atom Processor (Snowridge, no MPX)",
              .props = "-mpx" },
            { .version = 3, .note = "XSAVES, no MPX",
              .props = "+vmx-xsaves +xsaves" },
            { .version = 4,
              .note = "no split lock detect, no core-capability",
              .props = "-core-capability -split-lock-detect" },
            { 0 }
        },
    },
    {
        .name = "Westmere",
        .vendor = "GenuineIntel", .family = 6, .model = 44, .stepping = 1,
        .level = 0xb, .xlevel = 0x80000008, .xlevel2 = 0x0,
        .model_id = "Westmere E56xx/L56xx/X56xx (Nehalem-C)",
        .flags = "aes apic arat clflush cmov cx16 cx8 de fpu fxsr "
                 "lahf-lm lm mca mce mmx msr mtrr nx pae pat "
                 "pclmulqdq pge pni popcnt pse pse36 sep sse sse2 "
                 "sse4.1 sse4.2 ssse3 syscall tsc vme",
        .vmx = vmx_westmere,
        .versions = (const X86CPUVersion[]) {
            { .version = 1 },
            { .version = 2, .alias = "Westmere-IBRS",
              .model_id = "Westmere E56xx/L56xx/X56xx (IBRS update)",
              .props = "+spec-ctrl" },
            { 0 }
        },
    },
};
const int builtin_x86_defs_count = ARRAY_SIZE(builtin_x86_defs);
