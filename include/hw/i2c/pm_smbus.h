/*
 * pm_smbus.h: the SMBus host controller of the PIIX4 power management
 * function (82371AB datasheet 7.3, SMBus host registers), embedded in the
 * PIIX4_PM device.  Its 64-byte I/O window ("pm-smbus") is placed by the
 * owner at the SMB base address register; transactions run to completion
 * when the guest sets START and report through the host status register
 * (completion or device error; no interrupt, like the reference).
 */
#ifndef HW_I2C_PM_SMBUS_H
#define HW_I2C_PM_SMBUS_H

#include "hw/i2c/smbus.h"
#include "exec/memory.h"

typedef struct PMSMBus {
    I2CBus *smbus;
    MemoryRegion io;
    uint8_t smb_stat;
    uint8_t smb_ctl;
    uint8_t smb_cmd;
    uint8_t smb_addr;
    uint8_t smb_data0;
    uint8_t smb_data1;
    uint8_t smb_data[32];       /* block buffer */
    uint8_t smb_index;
    uint8_t smb_auxctl;
    bool force_aux_blk;
} PMSMBus;

/* Set up the bus "i2c" under parent and the "pm-smbus" region (not mapped);
 * force_aux_blk: the auxiliary control register reads with its block
 * buffer bit set, as the PIIX4's does on the reference. */
void pm_smbus_init(DeviceState *parent, PMSMBus *smb, bool force_aux_blk);
void pm_smbus_reset(PMSMBus *smb);

#endif
