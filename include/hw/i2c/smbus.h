/*
 * smbus.h: the SMBus (an I2C bus, type "i2c-bus") and its slave devices.
 *
 * A host controller (the PIIX4's, hw/acpi/pm-smbus.c) owns a bus and runs
 * SMBus protocol transactions (System Management Bus Specification 2.0,
 * 5.5) on the slave at a 7-bit address.  A slave (TYPE_SMBUS_DEVICE,
 * property "address") implements three primitives:
 *   quick_cmd     the Quick Command's read/write bit;
 *   write_data    a write transfer: buf[0] is the command byte, then data
 *                 (Send Byte is a one-byte write);
 *   receive_byte  one byte of a read transfer (Receive Byte, and the data
 *                 phase of Read Byte/Word/Block after the command write).
 * The PC's SPD EEPROMs ("smbus-eeprom", 256 bytes each, at 0x50-0x57) are
 * such slaves: a write sets the offset (and stores any further bytes),
 * reads return successive bytes.
 */
#ifndef HW_I2C_SMBUS_H
#define HW_I2C_SMBUS_H

#include "hw/qdev-core.h"

#define TYPE_I2C_BUS "i2c-bus"
#define TYPE_SMBUS_DEVICE "smbus-device"
#define TYPE_SMBUS_EEPROM "smbus-eeprom"
#define SMBUS_EEPROM_SIZE 256

typedef struct I2CBus I2CBus;

typedef struct SMBusDevice {
    DeviceState parent_obj;
    uint8_t address;            /* "address": 7-bit slave address */
} SMBusDevice;

typedef struct SMBusDeviceClass {
    DeviceClass parent_class;
    void (*quick_cmd)(SMBusDevice *dev, uint8_t read);
    int (*write_data)(SMBusDevice *dev, uint8_t *buf, uint8_t len);
    uint8_t (*receive_byte)(SMBusDevice *dev);
} SMBusDeviceClass;

#define I2C_BUS(obj) OBJECT_CHECK(I2CBus, (obj), TYPE_I2C_BUS)
#define SMBUS_DEVICE(obj) OBJECT_CHECK(SMBusDevice, (obj), TYPE_SMBUS_DEVICE)
#define SMBUS_DEVICE_CLASS(klass) \
    OBJECT_CLASS_CHECK(SMBusDeviceClass, (klass), TYPE_SMBUS_DEVICE)
#define SMBUS_DEVICE_GET_CLASS(obj) \
    OBJECT_GET_CLASS(SMBusDeviceClass, (obj), TYPE_SMBUS_DEVICE)

/* A new bus called name under parent (the host controller). */
I2CBus *i2c_init_bus(DeviceState *parent, const char *name);
/* The slave at addr, or NULL. */
SMBusDevice *smbus_find(I2CBus *bus, uint8_t addr);

/*
 * Transactions; each returns -1 when no slave answers at addr (the host
 * reports a device error), else 0 or the value read.
 */
int smbus_quick_command(I2CBus *bus, uint8_t addr, int read);
int smbus_send_byte(I2CBus *bus, uint8_t addr, uint8_t data);
int smbus_receive_byte(I2CBus *bus, uint8_t addr);
int smbus_write_byte(I2CBus *bus, uint8_t addr, uint8_t command,
                     uint8_t data);
int smbus_read_byte(I2CBus *bus, uint8_t addr, uint8_t command);
int smbus_write_word(I2CBus *bus, uint8_t addr, uint8_t command,
                     uint16_t data);
int smbus_read_word(I2CBus *bus, uint8_t addr, uint8_t command);
/* Block write of len (<= 32) bytes: command, count, data. */
int smbus_write_block(I2CBus *bus, uint8_t addr, uint8_t command,
                      const uint8_t *data, int len);
/* Block read: the slave's count byte (clipped to 32), then that many
 * bytes into data; returns the count. */
int smbus_read_block(I2CBus *bus, uint8_t addr, uint8_t command,
                     uint8_t *data);

/*
 * Create nb_eeprom EEPROMs at 0x50, 0x51, ... on bus (at most 8); the
 * first eeprom_spd_size bytes of eeprom_spd (may be NULL) fill them in
 * order, the rest reads as zero.
 */
void smbus_eeprom_init(I2CBus *bus, int nb_eeprom, const uint8_t *eeprom_spd,
                       int eeprom_spd_size);

#endif
