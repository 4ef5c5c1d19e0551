/*
 * i8042.h: the PC keyboard controller ("i8042") at ports 0x60/0x64.
 *
 * The controller owns a PS/2 keyboard and mouse (its children "ps2kbd"
 * and "ps2mouse", which sit on the system bus as on the reference).  It
 * raises its two interrupt outputs (unnamed GPIO 0 and 1, wired at realize
 * to the ISA lines of the kbd-irq and mouse-irq properties, 1 and 12 by
 * default) when its output buffer holds keyboard or mouse data, and drives
 * the "a20" GPIO output from bit 1 of its output port; the board wires it
 * to the CPU's A20 gate.  A pulse of output port bit 0 (command 0xfe) or
 * writing it as 0 resets the machine.
 */
#ifndef HW_INPUT_I8042_H
#define HW_INPUT_I8042_H

#include "hw/isa/isa.h"

#define TYPE_I8042 "i8042"
#define I8042_A20_LINE "a20"

#endif
