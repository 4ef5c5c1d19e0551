/*
 * smbus-eeprom.c: a 256-byte SMBus EEPROM ("smbus-eeprom"), the Serial
 * Presence Detect memory of a DIMM (JEDEC SPD on a 24C02-style part):
 * a write transfer sets the byte offset and stores any data bytes that
 * follow; each read returns the byte at the offset and advances it,
 * wrapping at 256.
 */
#include "qemu/osdep.h"
#include "hw/i2c/smbus.h"

#define SMBUS_EEPROM(obj) \
    OBJECT_CHECK(SMBusEEPROMDevice, (obj), TYPE_SMBUS_EEPROM)

typedef struct SMBusEEPROMDevice {
    SMBusDevice parent_obj;
    uint8_t data[SMBUS_EEPROM_SIZE];
    uint8_t offset;
} SMBusEEPROMDevice;

static int eeprom_write_data(SMBusDevice *dev, uint8_t *buf, uint8_t len)
{
    SMBusEEPROMDevice *e = SMBUS_EEPROM(dev);
    int i;

    if (!len) {
        return 0;
    }
    e->offset = buf[0];
    for (i = 1; i < len; i++) {
        e->data[e->offset++] = buf[i];
    }
    return 0;
}

static uint8_t eeprom_receive_byte(SMBusDevice *dev)
{
    SMBusEEPROMDevice *e = SMBUS_EEPROM(dev);

    return e->data[e->offset++];
}

static void eeprom_reset(DeviceState *dev)
{
    SMBUS_EEPROM(dev)->offset = 0;
}

void smbus_eeprom_init(I2CBus *bus, int nb_eeprom, const uint8_t *eeprom_spd,
                       int eeprom_spd_size)
{
    int i, done = 0;

    for (i = 0; i < nb_eeprom && i < 8; i++) {
        DeviceState *dev = qdev_new(TYPE_SMBUS_EEPROM);
        SMBusEEPROMDevice *e = SMBUS_EEPROM(dev);
        int n;

        if (eeprom_spd && done < eeprom_spd_size) {
            n = MIN(eeprom_spd_size - done, SMBUS_EEPROM_SIZE);
            memcpy(e->data, eeprom_spd + done, n);
            done += n;
        }
        object_property_set_uint(OBJECT(dev), "address", 0x50 + i,
                                 &error_abort);
        qdev_realize_and_unref(dev, BUS(bus), &error_abort);
    }
}

static void smbus_eeprom_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);
    SMBusDeviceClass *sc = SMBUS_DEVICE_CLASS(klass);

    sc->write_data = eeprom_write_data;
    sc->receive_byte = eeprom_receive_byte;
    dc->reset = eeprom_reset;
    /* Its contents come from the board (the RAM's SPD data). */
    dc->user_creatable = false;
}

static const TypeInfo smbus_eeprom_type = {
    .name = TYPE_SMBUS_EEPROM,
    .parent = TYPE_SMBUS_DEVICE,
    .instance_size = sizeof(SMBusEEPROMDevice),
    .class_init = smbus_eeprom_class_init,
};

static void smbus_eeprom_register_types(void)
{
    type_register_static(&smbus_eeprom_type);
}

type_init(smbus_eeprom_register_types)
