/*
 * sysbus.h: the system bus and its devices.
 *
 * The system bus (type "System", named "main-system-bus", at
 * /machine/unattached/sysbus) is the root of the device tree: devices that
 * sit directly in the address spaces (interrupt controllers, fw_cfg, the
 * PCI host bridge) plug into it.  A SysBusDevice records its MMIO windows
 * so that info qtree can show them ("mmio 00000000fec00000/0000000000001000",
 * the address is all ones until the window is mapped).  SysBusDevices are
 * not user-creatable unless a subclass says so.
 */
#ifndef HW_SYSBUS_H
#define HW_SYSBUS_H

#include "hw/qdev-core.h"

#define TYPE_SYSTEM_BUS "System"
#define TYPE_SYS_BUS_DEVICE "sys-bus-device"
#define SYS_BUS_DEVICE(obj) \
    OBJECT_CHECK(SysBusDevice, (obj), TYPE_SYS_BUS_DEVICE)

#define QDEV_MAX_MMIO 32
#define SYSBUS_ADDR_UNMAPPED UINT64_MAX

typedef struct SysBusMMIO {
    uint64_t addr;              /* SYSBUS_ADDR_UNMAPPED until mapped */
    uint64_t size;
} SysBusMMIO;

typedef struct SysBusDevice {
    DeviceState parent_obj;
    int num_mmio;
    SysBusMMIO mmio[QDEV_MAX_MMIO];
} SysBusDevice;

/* Declare MMIO window n (returned) of the given size, not yet mapped. */
int sysbus_init_mmio_window(SysBusDevice *dev, uint64_t size);
/* Record that window n is mapped at addr. */
void sysbus_mmio_set_addr(SysBusDevice *dev, int n, uint64_t addr);
/* qdev_realize() onto the main system bus (and drop the reference). */
bool sysbus_realize(SysBusDevice *dev, Error **errp);
bool sysbus_realize_and_unref(SysBusDevice *dev, Error **errp);

#endif
