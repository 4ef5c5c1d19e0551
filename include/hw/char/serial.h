/*
 * serial.h: the 16550A UART ("serial") and its ISA wrapper ("isa-serial").
 *
 * The UART model is a device of its own, TYPE_SERIAL, that knows nothing
 * of buses: it has eight byte-wide registers (serial_io_ops, mapped by the
 * wrapper), an interrupt output (SerialState.irq) and a chardev backend
 * (properties chardev, baudbase, wakeup).  A bus wrapper embeds it as its
 * QOM child "serial", maps the registers and wires the interrupt, as
 * "isa-serial" does (hw/char/serial-isa.c) with the COM1-COM4 defaults.
 *
 * Data flow: bytes from the chardev enter the receive FIFO as far as it
 * has room (can_read); bytes the guest writes leave through
 * qemu_chr_fe_write() without ever blocking: when the chardev cannot take
 * more, the transmitter waits on a chardev watch and the line status keeps
 * THRE clear meanwhile, so a guest that polls THRE (or waits for the THRE
 * interrupt) is held back instead of losing data.  Transmission is as fast
 * as the chardev takes it, not at the programmed baud rate; the receive
 * FIFO's character timeout uses the programmed rate on the virtual clock.
 */
#ifndef HW_CHAR_SERIAL_H
#define HW_CHAR_SERIAL_H

#include "hw/qdev-core.h"
#include "hw/irq.h"
#include "hw/isa/isa.h"
#include "exec/memory.h"
#include "chardev/char.h"
#include "qemu/timer.h"

#define TYPE_SERIAL "serial"
#define TYPE_ISA_SERIAL "isa-serial"
#define SERIAL(obj) OBJECT_CHECK(SerialState, (obj), TYPE_SERIAL)

/* Depth of each of the 16550A's FIFOs. */
#define UART_FIFO_LENGTH 16
/* COM1..COM4. */
#define MAX_ISA_SERIAL_PORTS 4

/* A byte ring of UART_FIFO_LENGTH entries. */
typedef struct SerialFifo {
    uint8_t data[UART_FIFO_LENGTH];
    uint8_t head;               /* index of the oldest byte */
    uint8_t count;
} SerialFifo;

typedef struct SerialState {
    DeviceState parent_obj;
    /* properties */
    CharBackend chr;
    uint32_t baudbase;
    bool wakeup;
    /* wiring, set by the bus wrapper */
    qemu_irq irq;
    MemoryRegion io;            /* 8 registers; the wrapper maps it */
    /* registers */
    uint16_t divider;
    uint8_t ier;
    uint8_t lcr;
    uint8_t mcr;
    uint8_t lsr;
    uint8_t msr;
    uint8_t scr;
    uint8_t fcr;                /* FIFO enable, DMA mode, trigger level */
    uint8_t rbr;                /* last byte read (non-FIFO mode) */
    int irq_level;
    bool thr_ipending;          /* THRE interrupt not yet acknowledged */
    bool timeout_ipending;      /* character timeout (FIFO mode) */
    /* FIFOs and the transmit shift register */
    SerialFifo rx;
    SerialFifo tx;
    uint8_t tsr;
    bool tsr_full;              /* a byte is waiting to leave */
    int tsr_retry;              /* watches fired without progress */
    guint watch_tag;            /* waiting for the chardev to drain */
    /* timing */
    int64_t char_time_ns;       /* one character at the programmed rate */
    QEMUTimer *fifo_timeout;
} SerialState;

/*
 * Register access for the wrapper's MemoryRegion (8 ports, byte-wide;
 * opaque is the SerialState).
 */
extern const MemoryRegionOps serial_io_ops;

/*
 * Create and realize an "isa-serial" on bus for COM(index+1) with chr as
 * its backend (NULL: none).  Returns the device (the bus holds it).
 */
ISADevice *serial_isa_init(ISABus *bus, int index, Chardev *chr);

/*
 * The board's serial ports from -serial: an isa-serial with index i for
 * each chardev "serial<i>" that exists, from <= i < to.
 */
void serial_hds_isa_init(ISABus *bus, int from, int to);

#endif
