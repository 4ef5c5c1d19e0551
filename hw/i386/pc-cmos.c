/*
 * pc-cmos.c: the CMOS bytes the PC board fills in for the firmware, in
 * the layout of the IBM AT and the Bochs/SeaBIOS extensions (SeaBIOS
 * src/hw/rtc.h and src/fw/paravirt.c read them):
 *   0x10        floppy drive types (high nibble: A, low: B)
 *   0x12        hard disk types (0xf0: disk 0 present, 0x0f: disk 1)
 *   0x14        equipment byte (floppies, FPU, PS/2 mouse)
 *   0x15-0x16   base memory in KiB (640)
 *   0x17-0x18   extended memory in KiB (1 MiB-65 MiB, at most 0xffff);
 *   0x30-0x31   the same again
 *   0x34-0x35   memory between 16 MiB and 4 GiB, in 64 KiB units
 *   0x38        boot device 3 (high nibble), bit 0: skip the floppy
 *               signature check
 *   0x39        disk translation (2 bits per disk)
 *   0x3d        boot devices 1 (low nibble) and 2 (high)
 *   0x5b-0x5d   memory above 4 GiB, in 64 KiB units
 *   0x5f        number of CPUs - 1
 * The century (0x32) is the RTC's own.  Boot device nibbles: 1 floppy,
 * 2 hard disk, 3 CD-ROM, 4 network.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include "qemu/config-file.h"
#include "hw/i386/pc.h"
#include "hw/rtc/mc146818rtc.h"

#define CMOS_FLOPPY_TYPES 0x10
#define CMOS_DISK_TYPES 0x12
#define CMOS_EQUIPMENT 0x14
#define CMOS_BASE_MEM 0x15
#define CMOS_EXT_MEM 0x17
#define CMOS_EXT_MEM2 0x30
#define CMOS_MEM_ABOVE_16M 0x34
#define CMOS_BOOT_3 0x38
#define CMOS_DISK_TRANSLATION 0x39
#define CMOS_BOOT_1_2 0x3d
#define CMOS_MEM_ABOVE_4G 0x5b
#define CMOS_CPU_COUNT 0x5f
#define PC_MAX_BOOT_DEVICES 3

static void cmos_set16(ISADevice *rtc, int addr, unsigned val)
{
    mc146818rtc_set_cmos_data(rtc, addr, val & 0xff);
    mc146818rtc_set_cmos_data(rtc, addr + 1, (val >> 8) & 0xff);
}

static int boot_device_nibble(char c)
{
    switch (c) {
    case 'a':
    case 'b':
        return 1;
    case 'c':
        return 2;
    case 'd':
        return 3;
    case 'n':
        return 4;
    default:
        return 0;
    }
}

bool pc_cmos_set_boot_order(ISADevice *rtc, const char *order, Error **errp)
{
    int nibbles[PC_MAX_BOOT_DEVICES] = { 0 };
    size_t i, n = strlen(order);

    if (n > PC_MAX_BOOT_DEVICES) {
        error_setg(errp, "Too many boot devices for PC");
        return false;
    }
    for (i = 0; i < n; i++) {
        nibbles[i] = boot_device_nibble(order[i]);
        if (!nibbles[i]) {
            error_setg(errp, "Invalid boot device for PC: '%c'", order[i]);
            return false;
        }
    }
    mc146818rtc_set_cmos_data(rtc, CMOS_BOOT_1_2, nibbles[1] << 4 |
                                                  nibbles[0]);
    /* Bit 0 clear: check the floppy boot signature (-boot's default). */
    mc146818rtc_set_cmos_data(rtc, CMOS_BOOT_3, nibbles[2] << 4);
    return true;
}

/* -boot once=: the order at the next reset goes back to order=. */
typedef struct PCBootOnce {
    ISADevice *rtc;
    char *order;
    bool started;
} PCBootOnce;

static void pc_boot_once_reset(void *opaque)
{
    PCBootOnce *b = opaque;

    if (!b->started) {
        b->started = true;      /* the reset that starts the machine */
        return;
    }
    pc_cmos_set_boot_order(b->rtc, b->order, NULL);
    qemu_unregister_reset(pc_boot_once_reset, b);
    g_free(b->order);
    g_free(b);
}

bool pc_cmos_init(PCMachineState *pcms, ISADevice *rtc, Error **errp)
{
    MachineState *ms = MACHINE(pcms);
    QemuOpts *boot = qemu_opts_find(qemu_find_opts("boot-opts"), NULL);
    const char *order = boot ? qemu_opt_get(boot, "order") : NULL;
    const char *once = boot ? qemu_opt_get(boot, "once") : NULL;
    uint64_t low = pcms->below_4g_mem_size;
    uint64_t val;

    /* Memory sizes. */
    cmos_set16(rtc, CMOS_BASE_MEM, MIN(low / KiB, 640));
    val = low > MiB ? MIN((low - MiB) / KiB, 0xffff) : 0;
    cmos_set16(rtc, CMOS_EXT_MEM, val);
    cmos_set16(rtc, CMOS_EXT_MEM2, val);
    val = low > 16 * MiB ? MIN((low - 16 * MiB) / (64 * KiB), 0xffff) : 0;
    cmos_set16(rtc, CMOS_MEM_ABOVE_16M, val);
    val = pcms->above_4g_mem_size / (64 * KiB);
    mc146818rtc_set_cmos_data(rtc, CMOS_MEM_ABOVE_4G, val & 0xff);
    mc146818rtc_set_cmos_data(rtc, CMOS_MEM_ABOVE_4G + 1, (val >> 8) & 0xff);
    mc146818rtc_set_cmos_data(rtc, CMOS_MEM_ABOVE_4G + 2,
                              (val >> 16) & 0xff);

    /* CPUs present at boot. */
    mc146818rtc_set_cmos_data(rtc, CMOS_CPU_COUNT, ms->smp.cpus - 1);

    /*
     * Boot order ("cad" unless -boot order=; vl.c validated the
     * letters).  With once=, that order applies to the first boot only.
     */
    if (!order) {
        order = "cad";
    }
    if (!pc_cmos_set_boot_order(rtc, order, errp) ||
        (once && !pc_cmos_set_boot_order(rtc, once, errp))) {
        return false;
    }
    if (once) {
        PCBootOnce *b = g_new0(PCBootOnce, 1);

        b->rtc = rtc;
        b->order = g_strdup(order);
        qemu_register_reset(pc_boot_once_reset, b);
    }

    /*
     * Floppy drives and hard disks: none until the floppy and IDE
     * controllers of a later part exist; the equipment byte says an FPU
     * (bit 1) and a PS/2 mouse (bit 2) are present.
     */
    mc146818rtc_set_cmos_data(rtc, CMOS_FLOPPY_TYPES, 0);
    mc146818rtc_set_cmos_data(rtc, CMOS_DISK_TYPES, 0);
    mc146818rtc_set_cmos_data(rtc, CMOS_DISK_TRANSLATION, 0);
    mc146818rtc_set_cmos_data(rtc, CMOS_EQUIPMENT, 0x02 | 0x04);
    return true;
}
