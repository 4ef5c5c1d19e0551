/*
 * smbus.c: the I2C/SMBus bus ("i2c-bus") and the base of SMBus slaves,
 * with the protocol transactions a host controller runs on them
 * (System Management Bus Specification 2.0, 5.5).  See
 * include/hw/i2c/smbus.h.
 */
#include "qemu/osdep.h"
#include "hw/i2c/smbus.h"

struct I2CBus {
    BusState qbus;
};

I2CBus *i2c_init_bus(DeviceState *parent, const char *name)
{
    return I2C_BUS(qbus_new(TYPE_I2C_BUS, parent, name));
}

SMBusDevice *smbus_find(I2CBus *bus, uint8_t addr)
{
    GSList *l;

    for (l = BUS(bus)->children; l; l = l->next) {
        SMBusDevice *d = SMBUS_DEVICE(l->data);

        if (d->address == addr) {
            return d;
        }
    }
    return NULL;
}

static int smbus_write(SMBusDevice *d, uint8_t *buf, uint8_t len)
{
    SMBusDeviceClass *sc = SMBUS_DEVICE_GET_CLASS(d);

    return sc->write_data ? sc->write_data(d, buf, len) : 0;
}

static uint8_t smbus_recv(SMBusDevice *d)
{
    SMBusDeviceClass *sc = SMBUS_DEVICE_GET_CLASS(d);

    /* An idle bus reads as ones (the lines are pulled up). */
    return sc->receive_byte ? sc->receive_byte(d) : 0xff;
}

int smbus_quick_command(I2CBus *bus, uint8_t addr, int read)
{
    SMBusDevice *d = smbus_find(bus, addr);
    SMBusDeviceClass *sc;

    if (!d) {
        return -1;
    }
    sc = SMBUS_DEVICE_GET_CLASS(d);
    if (sc->quick_cmd) {
        sc->quick_cmd(d, read);
    }
    return 0;
}

int smbus_send_byte(I2CBus *bus, uint8_t addr, uint8_t data)
{
    SMBusDevice *d = smbus_find(bus, addr);

    return d ? smbus_write(d, &data, 1) : -1;
}

int smbus_receive_byte(I2CBus *bus, uint8_t addr)
{
    SMBusDevice *d = smbus_find(bus, addr);

    return d ? smbus_recv(d) : -1;
}

int smbus_write_byte(I2CBus *bus, uint8_t addr, uint8_t command,
                     uint8_t data)
{
    SMBusDevice *d = smbus_find(bus, addr);
    uint8_t buf[2] = { command, data };

    return d ? smbus_write(d, buf, 2) : -1;
}

int smbus_read_byte(I2CBus *bus, uint8_t addr, uint8_t command)
{
    SMBusDevice *d = smbus_find(bus, addr);

    if (!d) {
        return -1;
    }
    smbus_write(d, &command, 1);
    return smbus_recv(d);
}

int smbus_write_word(I2CBus *bus, uint8_t addr, uint8_t command,
                     uint16_t data)
{
    SMBusDevice *d = smbus_find(bus, addr);
    uint8_t buf[3] = { command, data & 0xff, data >> 8 };

    return d ? smbus_write(d, buf, 3) : -1;
}

int smbus_read_word(I2CBus *bus, uint8_t addr, uint8_t command)
{
    SMBusDevice *d = smbus_find(bus, addr);
    int lo;

    if (!d) {
        return -1;
    }
    smbus_write(d, &command, 1);
    lo = smbus_recv(d);
    return lo | (smbus_recv(d) << 8);
}

int smbus_write_block(I2CBus *bus, uint8_t addr, uint8_t command,
                      const uint8_t *data, int len)
{
    SMBusDevice *d = smbus_find(bus, addr);
    uint8_t buf[34];

    if (!d) {
        return -1;
    }
    len = MIN(MAX(len, 0), 32);
    buf[0] = command;
    buf[1] = len;
    memcpy(buf + 2, data, len);
    return smbus_write(d, buf, len + 2);
}

int smbus_read_block(I2CBus *bus, uint8_t addr, uint8_t command,
                     uint8_t *data)
{
    SMBusDevice *d = smbus_find(bus, addr);
    int len, i;

    if (!d) {
        return -1;
    }
    smbus_write(d, &command, 1);
    len = MIN(smbus_recv(d), 32);
    for (i = 0; i < len; i++) {
        data[i] = smbus_recv(d);
    }
    return len;
}

static Property smbus_device_props[] = {
    DEFINE_PROP_UINT8("address", SMBusDevice, address, 0),
    DEFINE_PROP_END_OF_LIST(),
};

static void smbus_device_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->bus_type = TYPE_I2C_BUS;
    device_class_set_props(dc, smbus_device_props);
}

static const TypeInfo smbus_types[] = {
    {
        .name = TYPE_I2C_BUS,
        .parent = TYPE_BUS,
        .instance_size = sizeof(I2CBus),
    },
    {
        .name = TYPE_SMBUS_DEVICE,
        .parent = TYPE_DEVICE,
        .instance_size = sizeof(SMBusDevice),
        .abstract = true,
        .class_size = sizeof(SMBusDeviceClass),
        .class_init = smbus_device_class_init,
    },
};

static void smbus_register_types(void)
{
    type_register_static_array(smbus_types, ARRAY_SIZE(smbus_types));
}

type_init(smbus_register_types)
