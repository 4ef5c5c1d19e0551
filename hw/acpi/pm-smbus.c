/*
 * pm-smbus.c: the SMBus host controller of the PIIX4 (82371AB datasheet
 * 7.3, "SMBus host registers"), as the i2c-piix4 driver of Linux drives
 * it: program the slave address (bit 0: read), the command and data,
 * write the protocol to the control register with START, then poll the
 * status register until it reports completion (INTR) or an error, and
 * clear it by writing the bits back.
 *
 * Transactions complete during the START write, so HOST_BUSY is never
 * seen set.  The block buffer is read and written through SMBBLKDAT; a
 * read of the control register rewinds its index (datasheet 7.3.3).
 */
#include "qemu/osdep.h"
#include "hw/i2c/pm_smbus.h"

/* Register offsets. */
#define SMBHSTSTS 0x00
#define SMBHSTCNT 0x02
#define SMBHSTCMD 0x03
#define SMBHSTADD 0x04
#define SMBHSTDAT0 0x05
#define SMBHSTDAT1 0x06
#define SMBBLKDAT 0x07
#define SMBAUXCTL 0x0d

/* Host status bits; 1-4 are cleared by writing 1. */
#define STS_HOST_BUSY 0x01
#define STS_INTR 0x02
#define STS_DEV_ERR 0x04
#define STS_BUS_ERR 0x08
#define STS_FAILED 0x10
#define STS_W1C (STS_INTR | STS_DEV_ERR | STS_BUS_ERR | STS_FAILED)

/* Host control bits. */
#define CTL_INTEREN 0x01
#define CTL_KILL 0x02
#define CTL_PROT_SHIFT 2
#define CTL_PROT_MASK 0x1c
#define CTL_START 0x40

/* Protocols (SMB_CMD_PROT). */
#define PROT_QUICK 0
#define PROT_BYTE 1
#define PROT_BYTE_DATA 2
#define PROT_WORD_DATA 3
#define PROT_BLOCK_DATA 5

#define AUX_BLK 0x02

static void smb_transaction(PMSMBus *s)
{
    uint8_t addr = s->smb_addr >> 1;
    bool read = s->smb_addr & 1;
    int prot = (s->smb_ctl & CTL_PROT_MASK) >> CTL_PROT_SHIFT;
    int ret;

    switch (prot) {
    case PROT_QUICK:
        ret = smbus_quick_command(s->smbus, addr, read);
        break;
    case PROT_BYTE:
        if (read) {
            ret = smbus_receive_byte(s->smbus, addr);
            if (ret >= 0) {
                s->smb_data0 = ret;
            }
        } else {
            ret = smbus_send_byte(s->smbus, addr, s->smb_cmd);
        }
        break;
    case PROT_BYTE_DATA:
        if (read) {
            ret = smbus_read_byte(s->smbus, addr, s->smb_cmd);
            if (ret >= 0) {
                s->smb_data0 = ret;
            }
        } else {
            ret = smbus_write_byte(s->smbus, addr, s->smb_cmd, s->smb_data0);
        }
        break;
    case PROT_WORD_DATA:
        if (read) {
            ret = smbus_read_word(s->smbus, addr, s->smb_cmd);
            if (ret >= 0) {
                s->smb_data0 = ret & 0xff;
                s->smb_data1 = ret >> 8;
            }
        } else {
            ret = smbus_write_word(s->smbus, addr, s->smb_cmd,
                                   s->smb_data0 | (s->smb_data1 << 8));
        }
        break;
    case PROT_BLOCK_DATA:
        if (read) {
            ret = smbus_read_block(s->smbus, addr, s->smb_cmd, s->smb_data);
            if (ret >= 0) {
                s->smb_data0 = ret;
            }
        } else {
            ret = smbus_write_block(s->smbus, addr, s->smb_cmd, s->smb_data,
                                    s->smb_data0);
        }
        s->smb_index = 0;
        break;
    default:
        /* Reserved protocol encodings: the host reports a failure. */
        s->smb_stat |= STS_FAILED;
        return;
    }
    s->smb_stat |= ret < 0 ? STS_DEV_ERR : STS_INTR;
}

static void smb_ioport_write(void *opaque, hwaddr addr, uint64_t val,
                             unsigned width)
{
    PMSMBus *s = opaque;

    switch (addr) {
    case SMBHSTSTS:
        s->smb_stat &= ~(val & STS_W1C);
        break;
    case SMBHSTCNT:
        s->smb_ctl = val & ~(CTL_START | CTL_KILL);
        if (val & CTL_KILL) {
            s->smb_stat |= STS_FAILED;
        } else if (val & CTL_START) {
            smb_transaction(s);
        }
        break;
    case SMBHSTCMD:
        s->smb_cmd = val;
        break;
    case SMBHSTADD:
        s->smb_addr = val;
        break;
    case SMBHSTDAT0:
        s->smb_data0 = val;
        break;
    case SMBHSTDAT1:
        s->smb_data1 = val;
        break;
    case SMBBLKDAT:
        s->smb_data[s->smb_index++ & 31] = val;
        s->smb_index &= 31;
        break;
    case SMBAUXCTL:
        s->smb_auxctl = (val & AUX_BLK) | (s->force_aux_blk ? AUX_BLK : 0);
        break;
    default:
        break;
    }
}

static uint64_t smb_ioport_read(void *opaque, hwaddr addr, unsigned width)
{
    PMSMBus *s = opaque;
    uint8_t val;

    switch (addr) {
    case SMBHSTSTS:
        return s->smb_stat;
    case SMBHSTCNT:
        s->smb_index = 0;
        return s->smb_ctl;
    case SMBHSTCMD:
        return s->smb_cmd;
    case SMBHSTADD:
        return s->smb_addr;
    case SMBHSTDAT0:
        return s->smb_data0;
    case SMBHSTDAT1:
        return s->smb_data1;
    case SMBBLKDAT:
        val = s->smb_data[s->smb_index++ & 31];
        s->smb_index &= 31;
        return val;
    case SMBAUXCTL:
        return s->smb_auxctl;
    default:
        return 0;
    }
}

static const MemoryRegionOps pm_smbus_ops = {
    .read = smb_ioport_read,
    .write = smb_ioport_write,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

void pm_smbus_reset(PMSMBus *s)
{
    s->smb_stat = 0;
    s->smb_ctl = 0;
    s->smb_cmd = 0;
    s->smb_addr = 0;
    s->smb_data0 = 0;
    s->smb_data1 = 0;
    memset(s->smb_data, 0, sizeof(s->smb_data));
    s->smb_index = 0;
    s->smb_auxctl = s->force_aux_blk ? AUX_BLK : 0;
}

void pm_smbus_init(DeviceState *parent, PMSMBus *s, bool force_aux_blk)
{
    s->force_aux_blk = force_aux_blk;
    s->smbus = i2c_init_bus(parent, "i2c");
    memory_region_init_io(&s->io, OBJECT(parent), &pm_smbus_ops, s,
                          "pm-smbus", 64);
    pm_smbus_reset(s);
}
