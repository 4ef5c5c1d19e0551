/*
 * port92.h: System Control Port A ("port92", I/O port 0x92).
 *
 * Bit 1 gates address line A20 (the "a20" GPIO output, which the board
 * wires to the CPU's A20 mask together with the i8042's), bit 0 set from 0
 * resets the machine (a fast reset that bypasses the keyboard controller).
 */
#ifndef HW_MISC_PORT92_H
#define HW_MISC_PORT92_H

#define TYPE_PORT92 "port92"
#define PORT92_A20_LINE "a20"

#endif
