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
 *
 * Writing a device model: derive from TYPE_PCI_DEVICE, fill the IDs in
 * PCIDeviceClass and set PCIDeviceClass.realize / exit / reset (not the
 * DeviceClass hooks: the core's realize places the device on its bus and
 * initialises the standard header first; its reset first runs the model's
 * reset and then clears the standard registers, command, status, BARs,
 * interrupt line, MSI, as a PCI bus reset does).  Register BARs in realize
 * with pci_register_bar(); the core maps them.  Do DMA with pci_dma_read()
 * / pci_dma_write(): they go through the device's bus master address space,
 * which only reaches memory while the guest has set Bus Master Enable.
 *
 * ROMs: romfile=FILE (found with qemu_find_file) becomes the expansion ROM
 * BAR (slot 6, "NAME.rom", size a power of two, romsize= to force one).
 * With rombar=0 the core loads nothing: the file is the firmware
 * configuration's to pass (fw_cfg "genroms/"), see pci_for_each_device().
 *
 * Everything a guest writes into config space is masked and range checked
 * here; a device's config_write sees only the result.
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
#define  PCI_COMMAND_SPECIAL 0x8
#define  PCI_COMMAND_INVALIDATE 0x10
#define  PCI_COMMAND_VGA_PALETTE 0x20
#define  PCI_COMMAND_PARITY 0x40
#define  PCI_COMMAND_SERR 0x100
#define  PCI_COMMAND_FAST_BACK 0x200
#define PCI_STATUS 0x06
#define  PCI_STATUS_INTERRUPT 0x08
#define  PCI_STATUS_CAP_LIST 0x10
#define  PCI_STATUS_66MHZ 0x20
#define  PCI_STATUS_FAST_BACK 0x80
#define  PCI_STATUS_PARITY 0x100
#define  PCI_STATUS_DEVSEL_MEDIUM 0x200
#define  PCI_STATUS_SIG_TARGET_ABORT 0x800
#define  PCI_STATUS_REC_TARGET_ABORT 0x1000
#define  PCI_STATUS_REC_MASTER_ABORT 0x2000
#define  PCI_STATUS_SIG_SYSTEM_ERROR 0x4000
#define  PCI_STATUS_DETECTED_PARITY 0x8000
#define PCI_REVISION_ID 0x08
#define PCI_CLASS_PROG 0x09
#define PCI_CLASS_DEVICE 0x0a
#define PCI_CACHE_LINE_SIZE 0x0c
#define PCI_LATENCY_TIMER 0x0d
#define PCI_BIST 0x0f
#define PCI_HEADER_TYPE 0x0e
#define  PCI_HEADER_TYPE_NORMAL 0x00
#define  PCI_HEADER_TYPE_BRIDGE 0x01
#define  PCI_HEADER_TYPE_MULTI_FUNCTION 0x80
#define PCI_BASE_ADDRESS_0 0x10
#define  PCI_BASE_ADDRESS_SPACE_MEMORY 0x00
#define  PCI_BASE_ADDRESS_SPACE_IO 0x01
#define  PCI_BASE_ADDRESS_MEM_TYPE_32 0x00
#define  PCI_BASE_ADDRESS_MEM_TYPE_64 0x04
#define  PCI_BASE_ADDRESS_MEM_PREFETCH 0x08
#define  PCI_BASE_ADDRESS_IO_MASK (~0x03u)
#define  PCI_BASE_ADDRESS_MEM_MASK (~0x0fu)
#define PCI_SUBSYSTEM_VENDOR_ID 0x2c
#define PCI_SUBSYSTEM_ID 0x2e
#define PCI_ROM_ADDRESS 0x30
#define  PCI_ROM_ADDRESS_ENABLE 0x01
#define  PCI_ROM_ADDRESS_MASK (~0x7ffu)
#define PCI_CAPABILITY_LIST 0x34
#define PCI_INTERRUPT_LINE 0x3c
#define PCI_INTERRUPT_PIN 0x3d
#define PCI_MIN_GNT 0x3e
#define PCI_MAX_LAT 0x3f
#define PCI_CONFIG_HEADER_SIZE 0x40
#define PCI_CAP_ID_PM 0x01
#define PCI_CAP_ID_MSI 0x05
#define PCI_CAP_ID_MSIX 0x11
#define PCI_CAP_ID_VNDR 0x09
#define PCI_CAP_LIST_ID 0
#define PCI_CAP_LIST_NEXT 1
#define PCI_FUNC_MAX 8
#define PCI_SLOT_MAX 32

/* MSI capability (PCI Local Bus Specification 3.0, 6.8.1). */
#define PCI_MSI_FLAGS 2             /* message control */
#define  PCI_MSI_FLAGS_ENABLE 0x0001
#define  PCI_MSI_FLAGS_QMASK 0x000e /* multiple message capable */
#define  PCI_MSI_FLAGS_QSIZE 0x0070 /* multiple message enable */
#define  PCI_MSI_FLAGS_64BIT 0x0080
#define  PCI_MSI_FLAGS_MASKBIT 0x0100
#define PCI_MSI_ADDRESS_LO 4
#define PCI_MSI_ADDRESS_HI 8        /* 64-bit capable functions only */
#define PCI_MSI_DATA_32 8
#define PCI_MSI_DATA_64 12
#define PCI_MSI_MASK_32 12
#define PCI_MSI_MASK_64 16
#define PCI_MSI_PENDING_32 16
#define PCI_MSI_PENDING_64 20

/* Vendor IDs and the subsystem IDs QEMU gives its devices. */
#define PCI_VENDOR_ID_INTEL 0x8086
#define PCI_VENDOR_ID_REDHAT_QUMRANET 0x1af4
#define PCI_VENDOR_ID_REDHAT 0x1b36
#define PCI_SUBVENDOR_ID_REDHAT_QUMRANET 0x1af4
#define PCI_SUBDEVICE_ID_QEMU 0x1100
#define PCI_DEVICE_ID_INTEL_82441 0x1237
#define PCI_DEVICE_ID_INTEL_82371SB_0 0x7000
#define PCI_DEVICE_ID_INTEL_82371AB_3 0x7113
#define PCI_DEVICE_ID_REDHAT_TEST 0x0005

/* Class codes (base class << 8 | subclass). */
#define PCI_CLASS_STORAGE_IDE 0x0101
#define PCI_CLASS_NETWORK_ETHERNET 0x0200
#define PCI_CLASS_DISPLAY_VGA 0x0300
#define PCI_CLASS_BRIDGE_HOST 0x0600
#define PCI_CLASS_BRIDGE_ISA 0x0601
#define PCI_CLASS_BRIDGE_PCI 0x0604
#define PCI_CLASS_BRIDGE_OTHER 0x0680
#define PCI_CLASS_SERIAL_USB 0x0c03
#define PCI_CLASS_OTHERS 0x00ff

/* Bits of PCIDevice.cap_present (the x-pcie-* properties live there). */
#define QEMU_PCIE_LNKSTA_DLLLA_BITNR 0
#define QEMU_PCIE_EXTCAP_INIT_BITNR 1
#define QEMU_PCI_CAP_MULTIFUNCTION_BITNR 2

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
    bool multifunction;         /* "multifunction" (a cap_present bit),
                                 * copied here at realize */
    char *romfile;              /* "romfile" property */
    uint32_t rom_bar;           /* "rombar" property */
    MemoryRegion rom;
    uint8_t msi_cap;            /* offset of the MSI capability, or 0 */
    /* Added by the PCI core (properties as QEMU 7.2 shows them). */
    uint32_t rom_size;          /* "romsize"; UINT32_MAX: from the file */
    uint32_t cap_present;       /* QEMU_PCIE_* bits: "x-pcie-*" */
    char *failover_pair_id;     /* "failover_pair_id" */
    uint32_t acpi_index;        /* "acpi-index" */
    bool has_rom;               /* rom is initialised (BAR 6 registered) */
    /* Bus mastering: bus_master_as has the container as its root; the
     * alias onto system memory is enabled by PCI_COMMAND_MASTER. */
    MemoryRegion bus_master_container_region;
    MemoryRegion bus_master_enable_region;
    bool bus_master_as_ready;
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
    /* Model reset; the core then clears the standard registers. */
    void (*reset)(PCIDevice *dev);
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

/*
 * A root bus called name (NULL: "pci.N" after the parent, "pci.0" on the
 * PC) under the host bridge parent; BARs map into address_space_mem and
 * address_space_io; addr-less functions start at devfn_min.  The bus
 * accepts hotplugged functions.
 */
PCIBus *pci_root_bus_new(DeviceState *parent, const char *name,
                         MemoryRegion *address_space_mem,
                         MemoryRegion *address_space_io,
                         uint8_t devfn_min);
/* Install the interrupt router: nirq host bridge lines, map_irq choosing
 * the line of (function, pin), set_irq driving it (opaque, line, level). */
void pci_bus_irqs(PCIBus *bus, pci_set_irq_fn set_irq, pci_map_irq_fn map_irq,
                  void *opaque, int nirq);
/* The bus dev sits on (NULL before it is plugged). */
PCIBus *pci_get_bus(const PCIDevice *dev);
/* The function at devfn of bus number bus_num, or NULL. */
PCIDevice *pci_find_device(PCIBus *bus, int bus_num, uint8_t devfn);
/* The bus number (0 for a root bus). */
int pci_bus_num(PCIBus *bus);

/* Config space access from the host bridge (0xcf8/0xcfc); addr: see
 * "Bus side" below. */
void pci_host_config_write(PCIBus *bus, uint32_t addr, uint32_t val,
                           int len);
uint32_t pci_host_config_read(PCIBus *bus, uint32_t addr, int len);

/* Device side. */
/* Create and realize a function of type name at devfn (-1: first free);
 * board code only: failures are fatal. */
PCIDevice *pci_create_simple(PCIBus *bus, int devfn, const char *name);
PCIDevice *pci_create_simple_multifunction(PCIBus *bus, int devfn,
                                           bool multifunction,
                                           const char *name);
/* BAR region_num (6: the expansion ROM) decodes memory (whose size must
 * be a power of two); type: PCI_BASE_ADDRESS_* bits.  Call in realize. */
void pci_register_bar(PCIDevice *dev, int region_num, uint8_t type,
                      MemoryRegion *memory);
/* Where the BAR is mapped now, or PCI_BAR_UNMAPPED. */
pcibus_t pci_get_bar_addr(PCIDevice *dev, int region_num);
/* Drive the function's INTx pin (its Interrupt Pin register). */
void pci_set_irq(PCIDevice *dev, int level);
/* The default config cycles: masked write with side effects (see the
 * comment at the top), plain read. */
uint32_t pci_default_read_config(PCIDevice *dev, uint32_t addr, int len);
void pci_default_write_config(PCIDevice *dev, uint32_t addr, uint32_t val,
                              int len);
/* Add a capability of `size` bytes at offset (0: first free); returns the
 * offset or -1 with errp. */
int pci_add_capability(PCIDevice *dev, uint8_t cap_id, uint8_t offset,
                       uint8_t size, Error **errp);
/* Offset of the first capability cap_id in the list, or 0. */
uint8_t pci_find_capability(PCIDevice *dev, uint8_t cap_id);
/* MSI capability with nr_vectors (1, 2, 4, ..., 32); returns its offset
 * or -1 with errp. */
int msi_init(PCIDevice *dev, uint8_t offset, unsigned nr_vectors,
             bool msi64bit, bool per_vector_mask, Error **errp);
/* Send vector (or mark it pending while masked); nothing while MSI is
 * off.  The write goes through the bus master address space. */
void msi_notify(PCIDevice *dev, unsigned vector);
/* The guest has enabled MSI. */
bool msi_enabled(const PCIDevice *dev);

/*
 * Bus side, added by the PCI core.
 *
 * pci_host_config_read/write take the bus-relative configuration address
 * of mechanism #1 without its enable bit: bus << 16 | devfn << 8 | offset
 * (offset 0..255, any alignment; len 1, 2 or 4, clipped at the end of
 * config space).  A function that does not exist reads as all ones and
 * ignores writes.
 */
/* Call fn for every device on bus, in devfn order. */
void pci_for_each_device(PCIBus *bus,
                         void (*fn)(PCIBus *bus, PCIDevice *dev, void *opaque),
                         void *opaque);
/* Every root bus (pci_root_bus_new), oldest first; the list is borrowed. */
GSList *pci_root_buses(void);
/* The memory and I/O containers BARs of the bus are mapped into. */
MemoryRegion *pci_address_space(PCIDevice *dev);
MemoryRegion *pci_address_space_io(PCIDevice *dev);
/* Level of host bridge line `line` (OR of the INTx routed to it). */
int pci_bus_get_irq_level(PCIBus *bus, int line);
/* PCI_DEVFN of the first free slot at or after devfn_min (function 0),
 * or -1; what an addr-less device would get. */
int pci_bus_first_free_devfn(PCIBus *bus);
/*
 * Called after a device is realized on the bus while the machine runs
 * (device_add, plugged = true) and before one is unrealized (plugged =
 * false): the ACPI hotplug controller tells the guest.  One per bus.
 */
typedef void PCIHotplugNotify(void *opaque, PCIDevice *dev, bool plugged);
void pci_bus_set_hotplug_notify(PCIBus *bus, PCIHotplugNotify *fn,
                                void *opaque);

/* Device side, added by the PCI core. */
/* Lower INTx (device reset, MSI enabled). */
void pci_device_deassert_intx(PCIDevice *dev);
static inline void pci_irq_assert(PCIDevice *dev) { pci_set_irq(dev, 1); }
static inline void pci_irq_deassert(PCIDevice *dev) { pci_set_irq(dev, 0); }
/* The pin (0 = INTA) the device raises, from its interrupt pin register. */
int pci_intx(PCIDevice *dev);
/* Size of BAR region_num, 0 if not registered. */
pcibus_t pci_bar_size(PCIDevice *dev, int region_num);
/* DMA through the bus master address space (see above). */
AddressSpace *pci_get_address_space(PCIDevice *dev);
MemTxResult pci_dma_read(PCIDevice *dev, uint64_t addr, void *buf,
                         uint64_t len);
MemTxResult pci_dma_write(PCIDevice *dev, uint64_t addr, const void *buf,
                          uint64_t len);
/* bus number << 8 | devfn (the requester ID of MSI writes). */
uint16_t pci_requester_id(PCIDevice *dev);
/* Remove a capability added with pci_add_capability (size as given). */
void pci_del_capability(PCIDevice *dev, uint8_t cap_id, uint8_t size);
/*
 * The firmware path component of dev ("ide@1,1", "ethernet@3",
 * "pci1b36,5@4"), as the reference builds boot order entries; g_free it.
 */
char *pci_dev_fw_name(PCIDevice *dev);
/* "Class description" of a class code (e.g. "Host bridge"), or NULL. */
const char *pci_class_description(uint16_t class_id);

/* MSI, besides msi_init/msi_notify/msi_enabled above. */
void msi_uninit(PCIDevice *dev);
/* Back to the state after msi_init (disabled, nothing pending). */
void msi_reset(PCIDevice *dev);
/* Vectors the guest enabled (1..32), 0 if MSI is off. */
unsigned msi_nr_vectors_allocated(const PCIDevice *dev);
/* Whether vector is masked (per-vector masking) or MSI is off. */
bool msi_is_masked(const PCIDevice *dev, unsigned vector);
/* The message (address, data) vector would send now. */
void msi_get_message(PCIDevice *dev, unsigned vector, uint64_t *address,
                     uint32_t *data);
/* Config writes touching the MSI capability (called by the core). */
void msi_write_config(PCIDevice *dev, uint32_t addr, uint32_t val, int len);

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

/* info pci / query-pci (hw/pci/pci-info.c): every root bus. */
void pci_print_info(GString *out);
json_t *pci_query_json(void);

#endif
