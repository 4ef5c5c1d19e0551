/*
 * serial.c: the 16550A UART ("serial"), independent of the bus.
 *
 * References: National Semiconductor / TI PC16550D datasheet (SNLS378),
 * "Registers" (8.x) and "FIFO Interrupt Mode Operation"; section numbers
 * below are that datasheet's.
 *
 * Departures from the silicon, all as on the reference:
 * - the modem inputs of a chardev are fixed at DCD, DSR and CTS asserted
 *   (a chardev has no modem lines); loopback drives them from MCR as the
 *   datasheet says, delta bits and interrupts included;
 * - transmission is as fast as the chardev accepts bytes; THRE/TEMT are
 *   set, and the THRE interrupt raised, only once the last byte has been
 *   handed to the chardev (if it cannot take it yet, a watch resumes the
 *   transmitter when it drains; the vCPU never waits);
 * - the interrupt output is not gated by MCR.OUT2;
 * - the transmit holding register is overwritten, and a full transmit FIFO
 *   drops the byte, when the guest writes without waiting for THRE.
 */
#include "qemu/osdep.h"
#include "hw/char/serial.h"
#include "hw/qdev-properties-system.h"
#include "qemu/main-loop.h"

/* Register offsets (8.1, table 2); DLAB=1 maps the divisor at 0 and 1. */
#define UART_RBR 0      /* receive buffer (read) / THR (write) */
#define UART_IER 1
#define UART_IIR 2      /* interrupt identification (read) / FCR (write) */
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_MSR 6
#define UART_SCR 7

#define UART_IER_RDI    0x01    /* received data available */
#define UART_IER_THRI   0x02    /* transmitter holding register empty */
#define UART_IER_RLSI   0x04    /* receiver line status */
#define UART_IER_MSI    0x08    /* modem status */

/* IIR values in priority order (8.6, table 4). */
#define UART_IIR_NO_INT 0x01
#define UART_IIR_RLSI   0x06
#define UART_IIR_RDI    0x04
#define UART_IIR_CTI    0x0c
#define UART_IIR_THRI   0x02
#define UART_IIR_MSI    0x00
#define UART_IIR_FE     0xc0    /* both bits set when the FIFOs are on */

#define UART_FCR_FE     0x01    /* FIFO enable */
#define UART_FCR_RFR    0x02    /* receiver FIFO reset */
#define UART_FCR_XFR    0x04    /* transmitter FIFO reset */
#define UART_FCR_DMS    0x08    /* DMA mode select */
#define UART_FCR_ITL    0xc0    /* receiver trigger level */

#define UART_LCR_WLS    0x03    /* word length - 5 */
#define UART_LCR_STB    0x04    /* 2 stop bits (1.5 with 5-bit words) */
#define UART_LCR_PEN    0x08    /* parity enable */
#define UART_LCR_DLAB   0x80

#define UART_MCR_DTR    0x01
#define UART_MCR_RTS    0x02
#define UART_MCR_OUT1   0x04
#define UART_MCR_OUT2   0x08
#define UART_MCR_LOOP   0x10

#define UART_LSR_DR     0x01
#define UART_LSR_OE     0x02
#define UART_LSR_PE     0x04
#define UART_LSR_FE     0x08
#define UART_LSR_BI     0x10
#define UART_LSR_THRE   0x20
#define UART_LSR_TEMT   0x40
#define UART_LSR_FIFOE  0x80    /* error in receiver FIFO */
#define UART_LSR_ERRORS (UART_LSR_OE | UART_LSR_PE | UART_LSR_FE | UART_LSR_BI)

#define UART_MSR_DCTS   0x01
#define UART_MSR_DDSR   0x02
#define UART_MSR_TERI   0x04
#define UART_MSR_DDCD   0x08
#define UART_MSR_CTS    0x10
#define UART_MSR_DSR    0x20
#define UART_MSR_RI     0x40
#define UART_MSR_DCD    0x80
#define UART_MSR_DELTAS 0x0f

/* What a chardev presents on the modem inputs. */
#define SERIAL_MODEM_INPUTS (UART_MSR_DCD | UART_MSR_DSR | UART_MSR_CTS)
/*
 * Watches that fire without the chardev taking the byte (a peer that hung
 * up) before the byte is dropped, so a dead peer cannot keep the
 * transmitter spinning.
 */
#define SERIAL_MAX_XMIT_RETRY 4

static const uint8_t rx_trigger_levels[4] = { 1, 4, 8, 14 };

/* ---- FIFOs ---- */

static void fifo_reset(SerialFifo *f)
{
    f->head = 0;
    f->count = 0;
}

static void fifo_push(SerialFifo *f, uint8_t b)
{
    f->data[(f->head + f->count) % UART_FIFO_LENGTH] = b;
    f->count++;
}

static uint8_t fifo_pop(SerialFifo *f)
{
    uint8_t b = f->data[f->head];

    f->head = (f->head + 1) % UART_FIFO_LENGTH;
    f->count--;
    return b;
}

static bool fifo_mode(SerialState *s)
{
    return s->fcr & UART_FCR_FE;
}

/* Bytes the receiver holds at most: the FIFO, or the one RBR. */
static unsigned rx_capacity(SerialState *s)
{
    return fifo_mode(s) ? UART_FIFO_LENGTH : 1;
}

static unsigned rx_trigger_level(SerialState *s)
{
    return rx_trigger_levels[(s->fcr & UART_FCR_ITL) >> 6];
}

/* ---- interrupts ---- */

/* The pending interrupt of highest priority (8.6, table 4). */
static uint8_t serial_iir(SerialState *s)
{
    if ((s->ier & UART_IER_RLSI) && (s->lsr & UART_LSR_ERRORS)) {
        return UART_IIR_RLSI;
    }
    if ((s->ier & UART_IER_RDI) && s->timeout_ipending) {
        return UART_IIR_CTI;
    }
    if ((s->ier & UART_IER_RDI) && (s->lsr & UART_LSR_DR) &&
        (!fifo_mode(s) || s->rx.count >= rx_trigger_level(s))) {
        return UART_IIR_RDI;
    }
    if ((s->ier & UART_IER_THRI) && s->thr_ipending) {
        return UART_IIR_THRI;
    }
    if ((s->ier & UART_IER_MSI) && (s->msr & UART_MSR_DELTAS)) {
        return UART_IIR_MSI;
    }
    return UART_IIR_NO_INT;
}

static void serial_update_irq(SerialState *s)
{
    int level = serial_iir(s) != UART_IIR_NO_INT;

    if (level != s->irq_level) {
        s->irq_level = level;
        qemu_set_irq(s->irq, level);
    }
}

/* ---- line parameters and modem status ---- */

/*
 * One character time at the programmed rate: start bit, 5-8 data bits,
 * parity, 1 or 2 stop bits (1.5 counted as 2).  A divisor of 0, or one
 * larger than the base rate, leaves the previous rate (the guest is midway
 * through programming it).
 */
static void serial_update_parameters(SerialState *s)
{
    int frame = 1 + 5 + (s->lcr & UART_LCR_WLS) +
                ((s->lcr & UART_LCR_STB) ? 2 : 1) +
                ((s->lcr & UART_LCR_PEN) ? 1 : 0);
    uint64_t speed;

    if (s->divider == 0 || s->divider > s->baudbase) {
        return;
    }
    speed = s->baudbase / s->divider;
    s->char_time_ns = NANOSECONDS_PER_SECOND * frame / speed;
}

/* The levels on CTS, DSR, RI, DCD: loopback wires them to MCR (8.7). */
static uint8_t serial_modem_inputs(SerialState *s)
{
    uint8_t in = 0;

    if (!(s->mcr & UART_MCR_LOOP)) {
        return SERIAL_MODEM_INPUTS;
    }
    if (s->mcr & UART_MCR_RTS) {
        in |= UART_MSR_CTS;
    }
    if (s->mcr & UART_MCR_DTR) {
        in |= UART_MSR_DSR;
    }
    if (s->mcr & UART_MCR_OUT1) {
        in |= UART_MSR_RI;
    }
    if (s->mcr & UART_MCR_OUT2) {
        in |= UART_MSR_DCD;
    }
    return in;
}

/* Latch new input levels and their deltas (8.9: TERI on RI's fall). */
static void serial_update_msr(SerialState *s)
{
    uint8_t in = serial_modem_inputs(s);
    uint8_t changed = (s->msr ^ in) & 0xf0;
    uint8_t delta = 0;

    if (changed & UART_MSR_CTS) {
        delta |= UART_MSR_DCTS;
    }
    if (changed & UART_MSR_DSR) {
        delta |= UART_MSR_DDSR;
    }
    if ((changed & UART_MSR_RI) && !(in & UART_MSR_RI)) {
        delta |= UART_MSR_TERI;
    }
    if (changed & UART_MSR_DCD) {
        delta |= UART_MSR_DDCD;
    }
    s->msr = in | (s->msr & UART_MSR_DELTAS) | delta;
}

/* ---- receiver ---- */

static void serial_accept_input(SerialState *s)
{
    if (!(s->mcr & UART_MCR_LOOP)) {
        qemu_chr_fe_accept_input(&s->chr);
    }
}

static void serial_arm_timeout(SerialState *s)
{
    timer_mod_ns(s->fifo_timeout, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
                                  4 * s->char_time_ns);
}

/* A byte reaches the receiver (from the chardev or the loopback). */
static void serial_receive_byte(SerialState *s, uint8_t b)
{
    if (fifo_mode(s)) {
        /* 8.4, LSR bit 1: a full FIFO keeps its bytes, the new one is lost. */
        if (s->rx.count >= UART_FIFO_LENGTH) {
            s->lsr |= UART_LSR_OE;
        } else {
            fifo_push(&s->rx, b);
        }
        /* The timeout counts from the last byte received (FIFO mode). */
        serial_arm_timeout(s);
    } else {
        /* The holding register is overwritten on overrun. */
        if (s->lsr & UART_LSR_DR) {
            s->lsr |= UART_LSR_OE;
        }
        fifo_reset(&s->rx);
        fifo_push(&s->rx, b);
    }
    s->lsr |= UART_LSR_DR;
}

/*
 * How much the chardev may deliver now.  Up to the trigger level at once,
 * then a byte at a time: handing over a whole FIFO in one go would pass the
 * trigger level before the guest ever saw the interrupt for it.
 */
static int serial_can_receive(void *opaque)
{
    SerialState *s = opaque;
    unsigned cap = rx_capacity(s);

    if (s->mcr & UART_MCR_LOOP) {
        return 0;       /* 8.7: the serial input is disconnected */
    }
    if (s->rx.count >= cap) {
        return 0;
    }
    if (fifo_mode(s) && s->rx.count < rx_trigger_level(s)) {
        return rx_trigger_level(s) - s->rx.count;
    }
    return 1;
}

static void serial_receive(void *opaque, const uint8_t *buf, int size)
{
    SerialState *s = opaque;
    int i;

    for (i = 0; i < size; i++) {
        serial_receive_byte(s, buf[i]);
    }
    serial_update_irq(s);
}

/* A break condition: a zero character flagged with BI (8.4, LSR bit 4). */
static void serial_receive_break(SerialState *s)
{
    serial_receive_byte(s, 0);
    s->lsr |= UART_LSR_BI;
    serial_update_irq(s);
}

static void serial_event(void *opaque, QEMUChrEvent event)
{
    SerialState *s = opaque;

    if (event == CHR_EVENT_BREAK && !(s->mcr & UART_MCR_LOOP)) {
        serial_receive_break(s);
    }
}

static void serial_fifo_timeout(void *opaque)
{
    SerialState *s = opaque;

    if (fifo_mode(s) && s->rx.count) {
        s->timeout_ipending = true;
        serial_update_irq(s);
    }
}

/* ---- transmitter ---- */

static void serial_xmit(SerialState *s);

static gboolean serial_watch_cb(void *do_not_use, GIOCondition cond,
                                void *opaque)
{
    SerialState *s = opaque;

    s->watch_tag = 0;
    serial_xmit(s);
    return G_SOURCE_REMOVE;
}

/*
 * Send what the transmitter holds.  Each byte goes through the shift
 * register; a chardev that takes nothing now (0, or EAGAIN) gets a watch
 * and the transmitter resumes from it.  A chardev that cannot watch, or
 * fails otherwise, loses the byte, as a line with nobody listening does.
 */
static void serial_xmit(SerialState *s)
{
    while (s->tsr_full || s->tx.count) {
        int rc;

        if (!s->tsr_full) {
            s->tsr = fifo_pop(&s->tx);
            s->tsr_full = true;
        }
        if (s->mcr & UART_MCR_LOOP) {
            serial_receive_byte(s, s->tsr);
            s->tsr_full = false;
            continue;
        }
        if (!qemu_chr_fe_backend_connected(&s->chr)) {
            s->tsr_full = false;
            continue;
        }
        errno = 0;
        rc = qemu_chr_fe_write(&s->chr, &s->tsr, 1);
        if (rc == 1) {
            s->tsr_full = false;
            s->tsr_retry = 0;
            continue;
        }
        if ((rc == 0 || errno == EAGAIN) &&
            s->tsr_retry < SERIAL_MAX_XMIT_RETRY) {
            s->watch_tag = qemu_chr_fe_add_watch(&s->chr, G_IO_OUT | G_IO_HUP,
                                                 serial_watch_cb, s);
            if (s->watch_tag) {
                s->tsr_retry++;
                serial_update_irq(s);
                return;
            }
        }
        s->tsr_full = false;
        s->tsr_retry = 0;
    }
    /* The last byte has left: THR and shift register are empty (8.4). */
    s->lsr |= UART_LSR_THRE | UART_LSR_TEMT;
    s->thr_ipending = true;
    serial_update_irq(s);
}

static void serial_write_thr(SerialState *s, uint8_t val)
{
    if (fifo_mode(s)) {
        if (s->tx.count < UART_FIFO_LENGTH) {
            fifo_push(&s->tx, val);
        }
    } else {
        fifo_reset(&s->tx);
        fifo_push(&s->tx, val);
    }
    s->thr_ipending = false;
    s->lsr &= ~(UART_LSR_THRE | UART_LSR_TEMT);
    serial_update_irq(s);
    if (!s->watch_tag) {
        serial_xmit(s);
    }
}

/* ---- register access ---- */

static void serial_write_ier(SerialState *s, uint8_t val)
{
    uint8_t changed = (s->ier ^ val) & 0x0f;

    s->ier = val & 0x0f;
    /*
     * Enabling THRI while THRE is set raises the THRE interrupt again even
     * if reading IIR had acknowledged it (not in the datasheet; Windows
     * and Linux's THRE probing rely on it, and the reference does it).
     */
    if (changed & UART_IER_THRI) {
        s->thr_ipending = (s->ier & UART_IER_THRI) &&
                          (s->lsr & UART_LSR_THRE);
    }
    serial_update_irq(s);
}

static void serial_write_fcr(SerialState *s, uint8_t val)
{
    /* Changing FIFO enable clears both FIFOs (8.5, FCR bit 0). */
    if ((val ^ s->fcr) & UART_FCR_FE) {
        val |= UART_FCR_RFR | UART_FCR_XFR;
    }
    if (val & UART_FCR_RFR) {
        fifo_reset(&s->rx);
        s->lsr &= ~(UART_LSR_DR | UART_LSR_BI | UART_LSR_FIFOE);
        s->timeout_ipending = false;
        timer_del(s->fifo_timeout);
    }
    if (val & UART_FCR_XFR) {
        fifo_reset(&s->tx);
        if (!s->tsr_full) {
            s->lsr |= UART_LSR_THRE | UART_LSR_TEMT;
            s->thr_ipending = true;
        }
    }
    s->fcr = val & (UART_FCR_FE | UART_FCR_DMS | UART_FCR_ITL);
    serial_update_irq(s);
    serial_accept_input(s);
}

static void serial_write_mcr(SerialState *s, uint8_t val)
{
    bool was_loop = s->mcr & UART_MCR_LOOP;

    s->mcr = val & 0x1f;
    serial_update_msr(s);
    serial_update_irq(s);
    if (was_loop && !(s->mcr & UART_MCR_LOOP)) {
        serial_accept_input(s);
        if (!s->watch_tag && (s->tsr_full || s->tx.count)) {
            serial_xmit(s);
        }
    }
}

static void serial_io_write(void *opaque, hwaddr addr, uint64_t val,
                            unsigned size)
{
    SerialState *s = opaque;

    switch (addr & 7) {
    case UART_RBR:
        if (s->lcr & UART_LCR_DLAB) {
            s->divider = (s->divider & 0xff00) | val;
            serial_update_parameters(s);
        } else {
            serial_write_thr(s, val);
        }
        break;
    case UART_IER:
        if (s->lcr & UART_LCR_DLAB) {
            s->divider = (s->divider & 0x00ff) | (val << 8);
            serial_update_parameters(s);
        } else {
            serial_write_ier(s, val);
        }
        break;
    case UART_IIR:
        serial_write_fcr(s, val);
        break;
    case UART_LCR:
        s->lcr = val;
        serial_update_parameters(s);
        break;
    case UART_MCR:
        serial_write_mcr(s, val);
        break;
    case UART_LSR:
    case UART_MSR:
        /* Read-only (factory test registers on the silicon). */
        break;
    case UART_SCR:
        s->scr = val;
        break;
    }
}

static uint8_t serial_read_rbr(SerialState *s)
{
    uint8_t ret;

    if (fifo_mode(s)) {
        ret = s->rx.count ? fifo_pop(&s->rx) : 0;
        /* 8.6: a read resets the timeout and its interrupt. */
        s->timeout_ipending = false;
        if (s->rx.count) {
            serial_arm_timeout(s);
        } else {
            timer_del(s->fifo_timeout);
        }
    } else {
        if (s->rx.count) {
            s->rbr = fifo_pop(&s->rx);
        }
        ret = s->rbr;
    }
    if (!s->rx.count) {
        s->lsr &= ~UART_LSR_DR;
    }
    serial_update_irq(s);
    serial_accept_input(s);
    return ret;
}

static uint8_t serial_read_iir(SerialState *s)
{
    uint8_t iir = serial_iir(s);

    /* Reading IIR acknowledges a THRE interrupt it reports (8.6). */
    if (iir == UART_IIR_THRI) {
        s->thr_ipending = false;
        serial_update_irq(s);
    }
    return iir | (fifo_mode(s) ? UART_IIR_FE : 0);
}

static uint8_t serial_read_lsr(SerialState *s)
{
    uint8_t ret = s->lsr;

    /*
     * The error bits clear on read; bit 7 reports an error among the FIFO
     * bytes, the break character being the only one a chardev produces.
     */
    if (fifo_mode(s) && (s->lsr & UART_LSR_BI)) {
        ret |= UART_LSR_FIFOE;
    }
    s->lsr &= ~(UART_LSR_ERRORS | UART_LSR_FIFOE);
    serial_update_irq(s);
    return ret;
}

static uint8_t serial_read_msr(SerialState *s)
{
    uint8_t ret;

    serial_update_msr(s);
    ret = s->msr;
    s->msr &= ~UART_MSR_DELTAS;
    serial_update_irq(s);
    return ret;
}

static uint64_t serial_io_read(void *opaque, hwaddr addr, unsigned size)
{
    SerialState *s = opaque;

    switch (addr & 7) {
    case UART_RBR:
        if (s->lcr & UART_LCR_DLAB) {
            return s->divider & 0xff;
        }
        return serial_read_rbr(s);
    case UART_IER:
        if (s->lcr & UART_LCR_DLAB) {
            return s->divider >> 8;
        }
        return s->ier;
    case UART_IIR:
        return serial_read_iir(s);
    case UART_LCR:
        return s->lcr;
    case UART_MCR:
        return s->mcr;
    case UART_LSR:
        return serial_read_lsr(s);
    case UART_MSR:
        return serial_read_msr(s);
    default:
        return s->scr;
    }
}

const MemoryRegionOps serial_io_ops = {
    .read = serial_io_read,
    .write = serial_io_write,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

/* ---- reset, realize ---- */

static void serial_cancel_watch(SerialState *s)
{
    if (s->watch_tag) {
        g_source_remove(s->watch_tag);
        s->watch_tag = 0;
    }
}

/* Master reset (8.10, table 5), with the reference's 9600 baud 8N1. */
static void serial_reset(DeviceState *dev)
{
    SerialState *s = SERIAL(dev);

    serial_cancel_watch(s);
    if (s->fifo_timeout) {
        timer_del(s->fifo_timeout);
    }
    s->divider = 0x0c;
    s->ier = 0;
    s->lcr = 0;
    /* As on the reference: OUT2 set, which PC BIOSes expect. */
    s->mcr = UART_MCR_OUT2;
    s->lsr = UART_LSR_TEMT | UART_LSR_THRE;
    s->msr = SERIAL_MODEM_INPUTS;
    s->scr = 0;
    s->fcr = 0;
    s->rbr = 0;
    s->thr_ipending = false;
    s->timeout_ipending = false;
    fifo_reset(&s->rx);
    fifo_reset(&s->tx);
    s->tsr_full = false;
    s->tsr_retry = 0;
    serial_update_parameters(s);
    serial_update_irq(s);
    serial_accept_input(s);
}

static bool serial_realize(DeviceState *dev, Error **errp)
{
    SerialState *s = SERIAL(dev);

    s->fifo_timeout = timer_new_ns(QEMU_CLOCK_VIRTUAL, serial_fifo_timeout,
                                   s);
    qemu_chr_fe_set_handlers(&s->chr, serial_can_receive, serial_receive,
                             serial_event, s, NULL, true);
    serial_reset(dev);
    return true;
}

static void serial_unrealize(DeviceState *dev)
{
    SerialState *s = SERIAL(dev);

    serial_cancel_watch(s);
    qemu_chr_fe_deinit(&s->chr, false);
    timer_free(s->fifo_timeout);
    s->fifo_timeout = NULL;
}

static Property serial_properties[] = {
    DEFINE_PROP_CHR("chardev", SerialState, chr),
    DEFINE_PROP_UINT32("baudbase", SerialState, baudbase, 115200),
    DEFINE_PROP_BOOL("wakeup", SerialState, wakeup, false),
    DEFINE_PROP_END_OF_LIST(),
};

static void serial_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = serial_realize;
    dc->unrealize = serial_unrealize;
    dc->reset = serial_reset;
    device_class_set_props(dc, serial_properties);
    /* Only as part of a bus wrapper (isa-serial, ...). */
    dc->user_creatable = false;
}

static const TypeInfo serial_type = {
    .name = TYPE_SERIAL,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(SerialState),
    .class_init = serial_class_init,
};

static void serial_register_types(void)
{
    type_register_static(&serial_type);
}

type_init(serial_register_types)
