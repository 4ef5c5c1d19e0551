/*
 * boards.h: machine types.
 *
 * A machine type is a QOM class derived from TYPE_MACHINE named
 * "NAME-machine" ("none-machine", later "pc-i440fx-7.2-machine").  The
 * class says how to build the board (init), its limits (max_cpus), its
 * aliases and defaults; the MachineState instance ("/machine") carries the
 * -machine, -m and -smp settings.  vl.c picks the class from -machine
 * type=, sets the properties, and calls machine_run_board_init().
 */
#ifndef HW_BOARDS_H
#define HW_BOARDS_H

#include "hw/qdev-core.h"

#define TYPE_MACHINE "machine"
#define TYPE_MACHINE_SUFFIX "-machine"
#define MACHINE_TYPE_NAME(machinename) (machinename TYPE_MACHINE_SUFFIX)
#define MACHINE(obj) OBJECT_CHECK(MachineState, (obj), TYPE_MACHINE)
#define MACHINE_CLASS(klass) \
    OBJECT_CLASS_CHECK(MachineClass, (klass), TYPE_MACHINE)
#define MACHINE_GET_CLASS(obj) \
    OBJECT_GET_CLASS(MachineClass, (obj), TYPE_MACHINE)

typedef struct MachineState MachineState;

/* -smp as parsed and completed (sockets * dies * cores * threads = maxcpus). */
typedef struct CpuTopology {
    unsigned int cpus;
    unsigned int sockets;
    unsigned int dies;
    unsigned int clusters;
    unsigned int cores;
    unsigned int threads;
    unsigned int max_cpus;
} CpuTopology;

typedef struct MachineClass {
    ObjectClass parent_class;
    const char *name;           /* "none", "pc-i440fx-7.2" */
    const char *alias;          /* "pc" */
    const char *desc;
    /* -machine help groups: families alphabetically, newest first inside
     * one, then the machine types without a family. */
    const char *family;
    bool is_default;
    bool deprecated;
    int max_cpus;
    int min_cpus;
    int default_cpus;
    bool has_hotpluggable_cpus;
    bool numa_mem_supported;
    bool dies_supported;
    bool smp_prefer_sockets;    /* machine types before 6.2 */
    const char *default_cpu_type;
    const char *default_ram_id; /* "pc.ram"; NULL: no RAM by default */
    uint64_t default_ram_size;
    bool no_serial, no_parallel, no_floppy, no_cdrom, no_sdcard;
    int default_display_none;
    /* Build the board; errors are fatal at start-up. */
    bool (*init)(MachineState *ms, Error **errp);
    void (*reset)(MachineState *ms);
    /* true while this class is known but its board is a later release */
    bool not_supported_yet;
} MachineClass;

struct MachineState {
    Object parent_obj;
    char *accel;                /* legacy -machine accel=kvm:tcg */
    bool usb;
    bool usb_disabled;
    bool dump_guest_core;
    bool mem_merge;
    bool graphics;
    char *memory_backend;       /* id of a memory-backend-* object */
    char *kernel_filename, *initrd_filename, *kernel_cmdline, *firmware;
    char *dtb, *dumpdtb;
    bool suppress_vmdesc;
    uint64_t ram_size;
    uint64_t maxram_size;
    uint64_t ram_slots;
    Object *ram_backend;        /* the backend object, once resolved */
    CpuTopology smp;
    char *cpu_type;
    char *boot_order;
};

/* All machine classes (concrete), sorted by name. */
GSList *machine_class_list(void);
/* Find by name or alias; NULL if unknown. */
MachineClass *machine_class_find(const char *name);
MachineClass *machine_class_default(void);
/* -machine help output. */
void machine_print_help(GString *out);
MachineState *current_machine_get(void);
/*
 * A system reset: the machine class's reset (which resets the devices,
 * then what must follow them, such as the x86 local APICs), or else the
 * device tree and the reset handlers (qemu_devices_reset()).
 */
void machine_reset(void);

#endif
