/*
 * ps2.h: PS/2 keyboard ("ps2-kbd") and mouse ("ps2-mouse").
 *
 * A PS/2 device is a small system-bus device with a byte queue towards
 * its controller (the i8042) and one output line that is high while the
 * queue holds data.  The controller takes bytes with ps2_read_data() and
 * passes the guest's bytes on with ps2_write_keyboard()/ps2_write_mouse().
 *
 * Replies to commands go ahead of queued input events (a keyboard answers
 * a command at once, whatever it still has to report), input events are
 * limited to PS2_QUEUE_SIZE bytes (more are dropped, as a real keyboard's
 * buffer overflows), replies may use the rest of the buffer.
 *
 * Host input (HMP sendkey, VNC) enters through ps2_keyboard_put_keycode()
 * and ps2_mouse_event(); ps2_keyboard_get()/ps2_mouse_get() give the
 * devices that receive it (the most recently realized ones).  Keys are
 * given as "key numbers" (qnum), the PC/XT scancode set 1 make code of the
 * key, plus 0x80 for keys whose code has an 0xe0 prefix (0x9c: keypad
 * Enter, 0xd3: Delete), Pause being 0xc6 - the numbers QEMU's sendkey and
 * the RFB extended key event use.  The keyboard turns them into scancode
 * set 1, 2 or 3 as the guest selected, translated to set 1 when the
 * controller's command byte asks for it.  The caller drops input while the
 * VM is not running, as the reference does, and holds the big lock (the
 * main loop thread does).
 */
#ifndef HW_INPUT_PS2_H
#define HW_INPUT_PS2_H

#include "hw/sysbus.h"
#include "hw/irq.h"

#define TYPE_PS2_DEVICE "ps2-device"
#define TYPE_PS2_KBD_DEVICE "ps2-kbd"
#define TYPE_PS2_MOUSE_DEVICE "ps2-mouse"

#define PS2_DEVICE(obj) OBJECT_CHECK(PS2State, (obj), TYPE_PS2_DEVICE)
#define PS2_KBD_DEVICE(obj) \
    OBJECT_CHECK(PS2KbdState, (obj), TYPE_PS2_KBD_DEVICE)
#define PS2_MOUSE_DEVICE(obj) \
    OBJECT_CHECK(PS2MouseState, (obj), TYPE_PS2_MOUSE_DEVICE)

/* Whole buffer (replies included) and the part input events may fill. */
#define PS2_BUFFER_SIZE 256
#define PS2_QUEUE_SIZE 16

/* Mouse buttons for ps2_mouse_event(). */
#define PS2_MOUSE_BUTTON_LEFT   0x01
#define PS2_MOUSE_BUTTON_RIGHT  0x02
#define PS2_MOUSE_BUTTON_MIDDLE 0x04
#define PS2_MOUSE_BUTTON_SIDE   0x08
#define PS2_MOUSE_BUTTON_EXTRA  0x10

typedef struct PS2Queue {
    uint8_t data[PS2_BUFFER_SIZE];  /* data[0] is the next byte */
    int count;
    int reply_count;                /* leading bytes that are replies */
} PS2Queue;

typedef struct PS2State {
    SysBusDevice parent_obj;
    PS2Queue queue;
    int write_cmd;                  /* command awaiting its argument; -1 */
    uint8_t last_byte;              /* read again when the queue is empty */
    int irq_level;
    qemu_irq irq;                   /* high while the queue holds data */
} PS2State;

typedef struct PS2KbdState {
    PS2State parent_obj;
    bool scan_enabled;
    bool translate;                 /* the controller converts to set 1 */
    int scancode_set;               /* 1, 2 or 3 */
    uint8_t ledstate;
    uint8_t typematic;
    uint32_t modifiers;             /* PS2_MOD_* held down */
} PS2KbdState;

typedef struct PS2MouseState {
    PS2State parent_obj;
    uint8_t status;                 /* remote, enabled, 2:1 scaling */
    uint8_t resolution;
    uint8_t sample_rate;
    bool wrap;
    uint8_t type;                   /* 0 PS/2, 3 IntelliMouse, 4 Explorer */
    int detect_state;               /* sample-rate knock sequence */
    int dx, dy, dz;                 /* movement not yet reported */
    uint32_t buttons;
} PS2MouseState;

/* ---- controller side ---- */

/*
 * The next byte for the controller (the last one again when the queue
 * is empty).  The output line follows the queue.
 */
uint8_t ps2_read_data(PS2State *s);
/* Whether the queue holds data. */
bool ps2_has_data(PS2State *s);
/* A byte from the guest to the keyboard / mouse. */
void ps2_write_keyboard(PS2KbdState *s, uint8_t val);
void ps2_write_mouse(PS2MouseState *s, uint8_t val);
/* The controller's translation bit (command byte bit 6). */
void ps2_keyboard_set_translation(PS2KbdState *s, bool translate);

/* ---- host input ---- */

/* The devices host input goes to, or NULL. */
DeviceState *ps2_keyboard_get(void);
DeviceState *ps2_mouse_get(void);
/*
 * Key qnum (see above) pressed (down) or released on keyboard dev: its
 * scancodes are queued unless scanning is disabled.
 */
void ps2_keyboard_put_keycode(DeviceState *dev, int qnum, bool down);
/* The keyboard LEDs the guest set (bit 0 Scroll, 1 Num, 2 Caps Lock). */
int ps2_keyboard_get_leds(DeviceState *dev);
/*
 * Relative motion (dx right, dy down: screen directions), wheel steps
 * (dz > 0: towards the user) and the buttons now held (PS2_MOUSE_BUTTON_*)
 * on mouse dev.  In stream mode with reporting enabled, packets are
 * queued at once: at least one, more while the motion exceeds what one
 * packet carries and the queue has room.
 */
void ps2_mouse_event(DeviceState *dev, int dx, int dy, int dz,
                     uint32_t buttons);

#endif
