/*
 * machine-ram.h: the machine's guest RAM.
 *
 * A board asks for its main RAM once, in its init, and maps the region
 * (or aliases of it, "ram-below-4g"/"ram-above-4g") into the system
 * memory.  As on the reference, that RAM always comes from a memory
 * backend object: the one -machine memory-backend=ID names (ms->ram_backend,
 * resolved by vl.c), or else a default one made here at /objects/ID, where
 * ID is the machine class's default_ram_id ("pc.ram", "ram"):
 * memory-backend-ram of ms->ram_size bytes, or memory-backend-file on the
 * -mem-path given to memory_set_mem_path(); -mem-prealloc
 * (memory_set_mem_prealloc()) preallocates it.  The region is named after
 * the backend and is its QOM child (/objects/pc.ram/pc.ram[0]).
 */
#ifndef HW_CORE_MACHINE_RAM_H
#define HW_CORE_MACHINE_RAM_H

#include "exec/memory.h"
#include "hw/boards.h"

/*
 * Make `ram` the machine's RAM as described above (ms->ram_backend is set
 * to the backend used).  Returns true without touching `ram` when the
 * machine has no RAM (ram_size 0, no backend).  Errors are the
 * reference's: "cannot set up guest memory 'pc.ram': Cannot allocate
 * memory", "can't open backing store DIR for guest RAM: ...", "'-mem-path'
 * can't be used together with'-machine memory-backend'", "memory backend
 * ID can't be used multiple times.".
 */
bool machine_alloc_ram(MachineState *ms, MemoryRegion *ram, Error **errp);

#endif
