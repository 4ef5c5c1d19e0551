/*
 * piix.h: the PIIX3 south bridge (82371SB) as the "pc" board uses it.
 *
 * Function 0, "PIIX3" (8086:7000, ISA bridge, multifunction), bridges PCI
 * to the ISA bus "isa.0" it creates, and routes the four PCI interrupt
 * lines PIRQA-D to ISA IRQs through its PIRQ route control registers
 * (0x60-0x63, 82371SB datasheet 2.2.16): bits 3:0 the IRQ, bit 7 set
 * disables the route.  Several PIRQs may share an IRQ (the levels are
 * ORed); the ISA lines are level triggered for them once the firmware
 * programs the ELCR (0x4d0/0x4d1), which lives in the 8259 model as on
 * the reference.  On the i440FX board, INTx pin P of the function in
 * slot S drives PIRQ (P + S - 1) mod 4 (piix3_pci_slot_get_pirq), the
 * swizzle SeaBIOS and the ACPI _PRT assume.
 *
 * The Reset Control register at I/O 0xcf9 (datasheet 2.7.5): writing a
 * value with bit 2 (RCPU) set resets the machine (hard or soft reset per
 * bit 1, both a full reset here, as on the reference); bit 1 reads back.
 */
#ifndef HW_SOUTHBRIDGE_PIIX_H
#define HW_SOUTHBRIDGE_PIIX_H

#include "hw/pci/pci.h"
#include "hw/isa/isa.h"

#define TYPE_PIIX3_DEVICE "PIIX3"
#define PIIX_NUM_PIRQS 4
#define PIIX_PIRQCA 0x60        /* PIRQ route control A-D: 0x60-0x63 */
#define PIIX_RCR_IOPORT 0xcf9

/*
 * Create PIIX3 function 0 at devfn (multifunction) on bus, with its ISA
 * bus (*isa_bus, may be NULL), and route the bus's INTx through it.  The
 * board then wires the ISA bus's interrupts (isa_bus_irqs).  NULL with
 * errp on failure.
 */
PCIDevice *piix3_create(PCIBus *bus, int devfn, ISABus **isa_bus,
                        Error **errp);

/* The i440FX/PIIX3 interrupt swizzle: (pin + slot - 1) mod 4. */
int piix3_pci_slot_get_pirq(PCIDevice *dev, int pin);

#endif
