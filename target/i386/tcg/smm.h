/*
 * smm.h: system management mode on the software CPU (smm-helper.c).
 *
 * An SMI (CPU_INTERRUPT_SMI) is taken between instructions, outside SMM
 * only: the CPU saves its state in the AMD64 layout at SMBASE + 0xFE00
 * (revision 0x00020064, SMBASE relocation supported), enters a real-mode
 * like state with CS base SMBASE and EIP 0x8000, blocks NMIs, and from
 * then on sees memory through its SMM view.  RSM (0F AA, #UD outside SMM)
 * reloads the saved state, a possibly relocated SMBASE, and leaves SMM.
 *
 * The SMM view of CPU N is the address space "cpu-smm-N": a container
 * "memory" holding the machine's SMRAM region ("smram", priority 1, given
 * by the board through x86_cpu_set_smram()) over an alias of the system
 * memory, as on the reference.  Memory accesses of a CPU go through
 * x86_cpu_phys_as(), which picks that view while the CPU is in SMM.
 */
#ifndef TARGET_I386_TCG_SMM_H
#define TARGET_I386_TCG_SMM_H

#include "target/i386/cpu.h"

struct AddressSpace;

/* Offsets in the state-save map, relative to SMBASE (AMD64 layout). */
#define SMM_SAVE_BASE       0xfe00      /* first byte of the map */
#define SMM_SAVE_SIZE       0x200
#define SMM_ENTRY_EIP       0x8000
#define SMM_OFS_REVISION    0xfefc
#define SMM_OFS_SMBASE      0xff00
#define SMM_REVISION_ID     0x00020064  /* AMD64 map, bit 17: relocation */
#define SMM_REV_RELOCATION  0x00020000

/*
 * Create CPU cs's SMM view ("cpu-smm-N"); the software CPU calls it when
 * it sets up a vCPU.  The SMRAM alias is added when the board names
 * SMRAM (x86_cpu_set_smram()), before or after.
 */
void x86_smm_cpu_init(CPUState *cs);

/*
 * The address space env's physical accesses use now: the SMM view in
 * SMM, the system memory otherwise.
 */
struct AddressSpace *x86_cpu_phys_as(CPUX86State *env);

/* Take an SMI now (the caller checked !env->smm). */
void x86_do_smm_enter(CPUX86State *env);

/* Register RSM (0F AA) in the decoder's maps. */
void x86_smm_ops_init(void);

#endif
