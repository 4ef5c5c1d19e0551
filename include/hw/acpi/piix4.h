/*
 * piix4.h: the PIIX4 power management function ("PIIX4_PM", 8086:7113,
 * function 3 of the south bridge on the "pc" board), the board's ACPI
 * hardware (ACPI 1.0b chapter 4, 82371AB datasheet chapter 7):
 *
 * - PM I/O block at the PMBA register (0x40, enabled by bit 0 of PMREGMISC
 *   0x80; SeaBIOS puts it at 0x600): PM1a event block (PM1_STS,
 *   PM1_EN at +0/+2), PM1a control (PM1_CNT at +4: SCI_EN, SLP_TYP,
 *   SLP_EN) and the ACPI PM timer (PM_TMR at +8: 3.579545 MHz, 24 bits,
 *   following the guest's virtual clock).
 * - GPE0 block at 0xafe0 (status and enable, 2 bytes each): bit 1 is PCI
 *   hotplug.  PCI hotplug registers at 0xae00 (0x18 bytes) and the legacy
 *   CPU presence bitmap at 0xaf00 (0x20 bytes), as QEMU's DSDT expects.
 * - The SCI: a level output the board wires to ISA IRQ 9, high while an
 *   enabled PM1 event (timer overflow, power button, global lock, RTC
 *   alarm) or GPE is pending.  system_powerdown sets PWRBTN_STS when the
 *   guest enabled it.  SLP_EN with SLP_TYP 0 (S5, soft off) requests a
 *   guest shutdown, SLP_TYP s4_val (S4) too.
 * - APM control/status ports 0xb2/0xb3: ACPI_ENABLE (0xf1) and
 *   ACPI_DISABLE (0xf0) written to 0xb2 set and clear SCI_EN (the FADT's
 *   SMI_CMD); other values raise the SMI output when the guest enabled
 *   APMC SMIs (DEVACTB 0x58 bit 25).
 * - The SMBus host controller at the SMBBA register (0x90, enabled by bit
 *   0 of 0xd2; the board's default 0xb100, SeaBIOS moves it to 0x700) with
 *   the bus "i2c" for the SPD EEPROMs.
 */
#ifndef HW_ACPI_PIIX4_H
#define HW_ACPI_PIIX4_H

#include "hw/pci/pci.h"
#include "hw/i2c/smbus.h"

#define TYPE_PIIX4_PM "PIIX4_PM"

/* Fixed places the ACPI tables describe (FADT, DSDT). */
#define PIIX4_PM_SCI_INT 9
#define ACPI_APM_CNT_IOPORT 0xb2        /* SMI_CMD */
#define ACPI_ENABLE 0xf1
#define ACPI_DISABLE 0xf0
#define PIIX4_GPE0_BLK 0xafe0
#define PIIX4_GPE0_BLK_LEN 4
#define ACPI_PCIHP_ADDR 0xae00
#define ACPI_PCIHP_SIZE 0x18
#define PIIX4_CPU_HOTPLUG_IO_BASE 0xaf00
#define PIIX4_CPU_HOTPLUG_IO_SIZE 0x20
#define PIIX4_PM_IO_SIZE 0x40           /* PM1a_EVT +0, PM1a_CNT +4, TMR +8 */
#define PM_TIMER_FREQUENCY 3579545

/* PM1 register bits (ACPI 1.0b 4.7.3). */
#define ACPI_BITMASK_TIMER_STATUS 0x0001
#define ACPI_BITMASK_BUS_MASTER_STATUS 0x0010
#define ACPI_BITMASK_GLOBAL_LOCK_STATUS 0x0020
#define ACPI_BITMASK_POWER_BUTTON_STATUS 0x0100
#define ACPI_BITMASK_SLEEP_BUTTON_STATUS 0x0200
#define ACPI_BITMASK_RT_CLOCK_STATUS 0x0400
#define ACPI_BITMASK_WAKE_STATUS 0x8000
#define ACPI_BITMASK_TIMER_ENABLE 0x0001
#define ACPI_BITMASK_GLOBAL_LOCK_ENABLE 0x0020
#define ACPI_BITMASK_POWER_BUTTON_ENABLE 0x0100
#define ACPI_BITMASK_RT_CLOCK_ENABLE 0x0400
#define ACPI_BITMASK_SCI_ENABLE 0x0001
#define ACPI_BITMASK_SLEEP_TYPE 0x1c00
#define ACPI_BITMASK_SLEEP_ENABLE 0x2000

/*
 * Create PIIX4_PM at devfn of bus: SMBus at smb_io_base, the SCI on
 * sci_irq, SMIs (APMC writes) on smi_irq (may be NULL; then pass
 * smm_enabled false, and SeaBIOS skips its SMM setup).  *smbus (may be
 * NULL) receives the SMBus for smbus_eeprom_init().  NULL with errp on
 * failure.
 */
PCIDevice *piix4_pm_init(PCIBus *bus, int devfn, uint32_t smb_io_base,
                         qemu_irq sci_irq, qemu_irq smi_irq,
                         bool smm_enabled, I2CBus **smbus, Error **errp);

/* Wire the outputs of a PIIX4_PM created another way: its GPIO outputs
 * "" 0 (SCI) and "smi-irq" 0 (qdev_connect_gpio_out*). */
void piix4_pm_set_irqs(PCIDevice *dev, qemu_irq sci_irq, qemu_irq smi_irq);

#endif
