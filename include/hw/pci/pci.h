/*
 * pci.h: PCI buses and devices (conventional PCI, type 0 headers).
 *
 * A PCIDevice has 256 bytes of configuration space with three masks that
 * define what the guest may change: wmask (writable bits), w1cmask
 * (write-1-to-clear bits, e.g. status) and cmask (bits checked when
 * loading state).  Writes from the guest go through the device class's
 * config_write (default pci_default_write_config), which applies the masks
 * and then reacts to changes of the command register and BARs: the memory
 * and I/O BARs are mapped into the address spaces of the bus when their
 * decoding is enabled and the address is valid, and unmapped otherwise.
 *
 * Addressing: a device is at devfn = (slot << 3) | function on its bus;
 * the "addr" property takes "SLOT[.FN]" in hex ("0x1.0x2", "04.0", "4").
 * Functions other than 0 require function 0 to be multifunction (or the
 * device to set multifunction=on).
 *
 * Interrupts: a device raises INTx with pci_set_irq(); the bus maps
 * (devfn, pin) to one of the host bridge's lines (for the i440FX/PIIX3:
 * PIRQ A-D, routed by the PIIX3 to ISA IRQs).  MSI is a capability whose
 * writes go to the APIC address range.
 */
#ifndef HW_PCI_PCI_H
#define HW_PCI_PCI_H

#include "hw/qdev-core.h"
#include "hw/irq.h"
#include "exec/memory.h"

#define TYPE_PCI_BUS "PCI"
#define TYPE_PCI_DEVICE "pci-device"
#define INTERFACE_CONVENTIONAL_PCI_DEVICE "conventional-pci-device"

#define PCI_DEVFN(slot, func) ((((slot) & 0x1f) << 3) | ((func) & 0x07))
#define PCI_SLOT(devfn) (((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn) ((devfn) & 0x07)
#define PCI_CONFIG_SPACE_SIZE 0x100
#define PCI_NUM_REGIONS 7       /* 6 BARs and the expansion ROM */
#define PCI_ROM_SLOT 6
#define PCI_NUM_PINS 4

/* Config space offsets (PCI Local Bus Specification 3.0, 6.1). */
#define PCI_VENDOR_ID 0x00
#define PCI_DEVICE_ID 0x02
#define PCI_COMMAND 0x04
#define  PCI_COMMAND_IO 0x1
#define  PCI_COMMAND_MEMORY 0x2
#define  PCI_COMMAND_MASTER 0x4
#define  PCI_COMMAND_INTX_DISABLE 0x400
#define PCI_STATUS 0x06
#define  PCI_STATUS_INTERRUPT 0x08
#define  PCI_STATUS_CAP_LIST 0x10
#define PCI_REVISION_ID 0x08
#define PCI_CLASS_PROG 0x09
#define PCI_CLASS_DEVICE 0x0a
#define PCI_CACHE_LINE_SIZE 0x0c
#define PCI_LATENCY_TIMER 0x0d
#define PCI_HEADER_TYPE 0x0e
#define  PCI_HEADER_TYPE_MULTI_FUNCTION 0x80
#define PCI_BASE_ADDRESS_0 0x10
#define  PCI_BASE_ADDRESS_SPACE_IO 0x01
#define  PCI_BASE_ADDRESS_MEM_TYPE_64 0x04
#define  PCI_BASE_ADDRESS_MEM_PREFETCH 0x08
#define PCI_SUBSYSTEM_VENDOR_ID 0x2c
#define PCI_SUBSYSTEM_ID 0x2e
#define PCI_ROM_ADDRESS 0x30
#define PCI_CAPABILITY_LIST 0x34
#define PCI_INTERRUPT_LINE 0x3c
#define PCI_INTERRUPT_PIN 0x3d
#define PCI_CAP_ID_MSI 0x05
#define PCI_CAP_ID_MSIX 0x11
#define PCI_CAP_ID_VNDR 0x09

typedef struct PCIBus PCIBus;
typedef struct PCIDevice PCIDevice;

typedef uint64_t pcibus_t;
#define PCI_BAR_UNMAPPED (~(pcibus_t)0)

typedef struct PCIBarRegion {
    pcibus_t addr;              /* current mapping, or PCI_BAR_UNMAPPED */
    pcibus_t size;
    uint8_t type;               /* PCI_BASE_ADDRESS_* bits */
    MemoryRegion *memory;
    MemoryRegion *address_space;
} PCIBarRegion;

struct PCIDevice {
    DeviceState qdev;
    uint8_t config[PCI_CONFIG_SPACE_SIZE];
    uint8_t cmask[PCI_CONFIG_SPACE_SIZE];
    uint8_t wmask[PCI_CONFIG_SPACE_SIZE];
    uint8_t w1cmask[PCI_CONFIG_SPACE_SIZE];
    uint8_t used[PCI_CONFIG_SPACE_SIZE];    /* bytes taken by capabilities */
    int32_t devfn;              /* "addr" property; -1: first free slot */
    char name[64];
    PCIBarRegion io_regions[PCI_NUM_REGIONS];
    AddressSpace bus_master_as;
    int irq_state;              /* bit per pin */
    bool multifunction;         /* "multifunction" property */
    char *romfile;              /* "romfile" property */
    uint32_t rom_bar;           /* "rombar" property */
    MemoryRegion rom;
    uint8_t msi_cap;            /* offset of the MSI capability, or 0 */
};

typedef struct PCIDeviceClass {
    DeviceClass parent_class;
    bool (*realize)(PCIDevice *dev, Error **errp);
    void (*exit)(PCIDevice *dev);
    uint32_t (*config_read)(PCIDevice *dev, uint32_t addr, int len);
    void (*config_write)(PCIDevice *dev, uint32_t addr, uint32_t val,
                         int len);
    uint16_t vendor_id;
    uint16_t device_id;
    uint8_t revision;
    uint16_t class_id;
    uint16_t subsystem_vendor_id;
    uint16_t subsystem_id;
    bool is_bridge;
    const char *romfile;        /* default ROM file */
} PCIDeviceClass;

#define PCI_DEVICE(obj) OBJECT_CHECK(PCIDevice, (obj), TYPE_PCI_DEVICE)
#define PCI_DEVICE_CLASS(klass) \
    OBJECT_CLASS_CHECK(PCIDeviceClass, (klass), TYPE_PCI_DEVICE)
#define PCI_DEVICE_GET_CLASS(obj) \
    OBJECT_GET_CLASS(PCIDeviceClass, (obj), TYPE_PCI_DEVICE)
#define PCI_BUS(obj) OBJECT_CHECK(PCIBus, (obj), TYPE_PCI_BUS)

/* (devfn, pin) -> host bridge line; and the line's handler. */
typedef int (*pci_map_irq_fn)(PCIDevice *dev, int pin);
typedef void (*pci_set_irq_fn)(void *opaque, int line, int level);

PCIBus *pci_root_bus_new(DeviceState *parent, const char *name,
                         MemoryRegion *address_space_mem,
                         MemoryRegion *address_space_io,
                         uint8_t devfn_min);
void pci_bus_irqs(PCIBus *bus, pci_set_irq_fn set_irq, pci_map_irq_fn map_irq,
                  void *opaque, int nirq);
PCIBus *pci_get_bus(const PCIDevice *dev);
PCIDevice *pci_find_device(PCIBus *bus, int bus_num, uint8_t devfn);
int pci_bus_num(PCIBus *bus);

/* Config space access from the host bridge (0xcf8/0xcfc). */
void pci_host_config_write(PCIBus *bus, uint32_t addr, uint32_t val,
                           int len);
uint32_t pci_host_config_read(PCIBus *bus, uint32_t addr, int len);

/* Device side. */
PCIDevice *pci_create_simple(PCIBus *bus, int devfn, const char *name);
PCIDevice *pci_create_simple_multifunction(PCIBus *bus, int devfn,
                                           bool multifunction,
                                           const char *name);
void pci_register_bar(PCIDevice *dev, int region_num, uint8_t type,
                      MemoryRegion *memory);
pcibus_t pci_get_bar_addr(PCIDevice *dev, int region_num);
void pci_set_irq(PCIDevice *dev, int level);
uint32_t pci_default_read_config(PCIDevice *dev, uint32_t addr, int len);
void pci_default_write_config(PCIDevice *dev, uint32_t addr, uint32_t val,
                              int len);
/* Add a capability of `size` bytes at offset (0: first free); returns the
 * offset or -1 with errp. */
int pci_add_capability(PCIDevice *dev, uint8_t cap_id, uint8_t offset,
                       uint8_t size, Error **errp);
uint8_t pci_find_capability(PCIDevice *dev, uint8_t cap_id);
/* MSI capability with nr_vectors (1, 2, 4, ..., 32). */
int msi_init(PCIDevice *dev, uint8_t offset, unsigned nr_vectors,
             bool msi64bit, bool per_vector_mask, Error **errp);
void msi_notify(PCIDevice *dev, unsigned vector);
bool msi_enabled(const PCIDevice *dev);

static inline void pci_set_byte(uint8_t *c, uint8_t v) { *c = v; }
static inline uint8_t pci_get_byte(const uint8_t *c) { return *c; }
static inline void pci_set_word(uint8_t *c, uint16_t v)
{
    c[0] = v; c[1] = v >> 8;
}
static inline uint16_t pci_get_word(const uint8_t *c)
{
    return c[0] | (c[1] << 8);
}
static inline void pci_set_long(uint8_t *c, uint32_t v)
{
    c[0] = v; c[1] = v >> 8; c[2] = v >> 16; c[3] = v >> 24;
}
static inline uint32_t pci_get_long(const uint8_t *c)
{
    return c[0] | (c[1] << 8) | (c[2] << 16) | ((uint32_t)c[3] << 24);
}
static inline void pci_set_quad(uint8_t *c, uint64_t v)
{
    pci_set_long(c, v);
    pci_set_long(c + 4, v >> 32);
}
static inline uint64_t pci_get_quad(const uint8_t *c)
{
    return pci_get_long(c) | ((uint64_t)pci_get_long(c + 4) << 32);
}

/* info pci / query-pci */
void pci_print_info(GString *out);
json_t *pci_query_json(void);

#endif
