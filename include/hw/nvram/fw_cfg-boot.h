/*
 * fw_cfg-boot.h: boot order and boot menu settings for the firmware.
 *
 * Concepts
 * - A bootable device (disk, NIC, ...) with a `bootindex` property
 *   registers itself at realize with fw_boot_add() and leaves with
 *   fw_boot_del() at unrealize.  The list, sorted by bootindex, becomes the
 *   "bootorder" fw_cfg file that SeaBIOS reads: one Open Firmware style
 *   device path per line ("/pci@i0cf8/ide@1,1/drive@0/disk@0"), lines
 *   joined by '\n', the whole NUL-terminated; with -boot strict=on a last
 *   line "HALT" (when the list is not empty).
 * - A device path is built from the qdev tree, root first: each device's
 *   component comes from its bus (PCI: "name@slot[,fn]" as
 *   pci_dev_fw_name(); ISA: "name@iobase"; system bus: "name@mmio-base"),
 *   or from a component a board set with fw_dev_path_set_component() (the
 *   i440FX host bridge: "pci@i0cf8").  `suffix` extends the device's own
 *   path ("/disk@0").
 * - -boot menu=, splash=, splash-time=, reboot-timeout=, strict= (the
 *   "boot-opts" group, validated by vl.c) become FW_CFG_BOOT_MENU,
 *   "bootsplash.jpg"/"bootsplash.bmp", "etc/boot-menu-wait",
 *   "etc/boot-fail-wait" and the HALT line.  -boot order=/once= are the
 *   board's (x86: CMOS), as on the reference: FW_CFG_BOOT_DEVICE is not
 *   set for the PC.
 *
 * The list of boot devices is process-wide, like the one machine.
 */
#ifndef HW_NVRAM_FW_CFG_BOOT_H
#define HW_NVRAM_FW_CFG_BOOT_H

#include "hw/qdev-core.h"
#include "hw/nvram/fw_cfg.h"

/*
 * Register dev as boot device number bootindex (>= 0; a negative index,
 * the property's default -1, registers nothing), with suffix (may be
 * NULL) appended to its path.  Fails with "The bootindex N has already
 * been used" (QEMU's message).  A device may register several suffixes
 * (a disk and its partitions).
 */
bool fw_boot_add(DeviceState *dev, int32_t bootindex, const char *suffix,
                 Error **errp);
/*
 * Register a boot entry that is no device, by its path (an option ROM:
 * "/rom@genroms/linuxboot_dma.bin"); same errors.
 */
bool fw_boot_add_path(int32_t bootindex, const char *path, Error **errp);
/* Forget every registration of dev (unrealize, hot unplug). */
void fw_boot_del(DeviceState *dev);

/*
 * The firmware path of dev ("/pci@i0cf8/ethernet@3"); g_free it.  A
 * device on no bus is "/" followed by its component.
 */
char *fw_dev_path(DeviceState *dev);
/* Use component (e.g. "pci@i0cf8") for dev in every path. */
void fw_dev_path_set_component(DeviceState *dev, const char *component);

/*
 * The "bootorder" content (see above); *len counts the final NUL, 0 with
 * NULL returned when no device registered.  g_free it.
 */
char *fw_boot_order_list(size_t *len);

/*
 * At board init: FW_CFG_BOOT_MENU, the splash and timeout files, and the
 * files "bootorder" and "bios-geometry" (rebuilt at every machine reset,
 * so devices added later appear).  Fails with the reference's messages:
 * "splash-time is invalid,it should be a value between 0 and 65535",
 * "reboot timeout is invalid,it should be a value between -1 and 65535".
 * A missing or unreadable splash file is only a warning, as there.
 */
bool fw_cfg_boot_setup(FWCfgState *s, Error **errp);

#endif
