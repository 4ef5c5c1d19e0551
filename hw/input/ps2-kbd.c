/*
 * ps2-kbd.c: the PS/2 (MF2) keyboard ("ps2-kbd").
 *
 * References: IBM PS/2 Hardware Interface Technical Reference, keyboard
 * commands; A. Brouwer, "Keyboard scancodes", sections 9 (scancode sets,
 * the 8042 translation table) and 11 (keyboard commands).
 *
 * Scancodes are produced for the set the guest selected (2 after reset):
 * set 1 is the key number itself, set 2 is set 1 run backwards through the
 * 8042 translation table (set 1 is translated set 2 for every key), set 3
 * comes from its own table.  When the controller translates (command byte
 * bit 6), every byte the keyboard sends goes through the table, an 0xf0
 * prefix setting bit 7 of the next byte, as the 8042 does; that also turns
 * the ID 0x83 into 0x41 and the scancode set numbers into 0x43/0x41/0x3f.
 *
 * As on the reference: a byte from the host discards the replies the guest
 * has not read yet (the keyboard abandons its output on a new command);
 * unsupported commands get RESEND; keys are dropped while scanning is
 * disabled; no fake shifts are generated around the navigation keys; in
 * set 3 every key sends a break code.
 */
#include "qemu/osdep.h"
#include "ps2-internal.h"

#define KBD_CMD_SET_LEDS        0xed
#define KBD_CMD_ECHO            0xee
#define KBD_CMD_SCANCODE        0xf0
#define KBD_CMD_GET_ID          0xf2
#define KBD_CMD_SET_RATE        0xf3
#define KBD_CMD_ENABLE          0xf4
#define KBD_CMD_RESET_DISABLE   0xf5
#define KBD_CMD_RESET_ENABLE    0xf6
#define KBD_CMD_SET_MAKE_BREAK  0xfc
#define KBD_CMD_RESET           0xff

#define KBD_REPLY_ID            0xab
#define KBD_ID_MF2              0x83

/* Key numbers with special sequences. */
#define QNUM_LCTRL      0x1d
#define QNUM_RCTRL      0x9d
#define QNUM_LSHIFT     0x2a
#define QNUM_RSHIFT     0x36
#define QNUM_LALT       0x38
#define QNUM_RALT       0xb8
#define QNUM_SYSRQ      0x54
#define QNUM_PRINT      0xb7
#define QNUM_PAUSE      0xc6

#define MOD_CTRL        0x03
#define MOD_SHIFT       0x0c
#define MOD_ALT         0x30

/* Host input goes to the newest keyboard (head of the list). */
static GSList *ps2_keyboards;

/*
 * The 8042 translation table for 0x00-0x7f (Brouwer, 9.3); from 0x80 on
 * bytes pass unchanged except 0x83 (-> 0x41, F7) and 0x84 (-> 0x54,
 * SysRq).
 */
static const uint8_t xlate_low[128] = {
    0xff, 0x43, 0x41, 0x3f, 0x3d, 0x3b, 0x3c, 0x58,
    0x64, 0x44, 0x42, 0x40, 0x3e, 0x0f, 0x29, 0x59,
    0x65, 0x38, 0x2a, 0x70, 0x1d, 0x10, 0x02, 0x5a,
    0x66, 0x71, 0x2c, 0x1f, 0x1e, 0x11, 0x03, 0x5b,
    0x67, 0x2e, 0x2d, 0x20, 0x12, 0x05, 0x04, 0x5c,
    0x68, 0x39, 0x2f, 0x21, 0x14, 0x13, 0x06, 0x5d,
    0x69, 0x31, 0x30, 0x23, 0x22, 0x15, 0x07, 0x5e,
    0x6a, 0x72, 0x32, 0x24, 0x16, 0x08, 0x09, 0x5f,
    0x6b, 0x33, 0x25, 0x17, 0x18, 0x0b, 0x0a, 0x60,
    0x6c, 0x34, 0x35, 0x26, 0x27, 0x19, 0x0c, 0x61,
    0x6d, 0x73, 0x28, 0x74, 0x1a, 0x0d, 0x62, 0x6e,
    0x3a, 0x36, 0x1c, 0x1b, 0x75, 0x2b, 0x63, 0x76,
    0x55, 0x56, 0x77, 0x78, 0x79, 0x7a, 0x0e, 0x7b,
    0x7c, 0x4f, 0x7d, 0x4b, 0x47, 0x7e, 0x7f, 0x6f,
    0x52, 0x53, 0x50, 0x4c, 0x4d, 0x48, 0x01, 0x45,
    0x57, 0x4e, 0x51, 0x4a, 0x37, 0x49, 0x46, 0x54,
};

static uint8_t xlate(uint8_t b)
{
    if (b < 0x80) {
        return xlate_low[b];
    }
    return b == 0x83 ? 0x41 : b == 0x84 ? 0x54 : b;
}

/* The set 2 code whose translation is set 1 code c (0x01-0x7f). */
static uint8_t set2_code(uint8_t c)
{
    int i;

    /* F7 and SysRq have set 2 codes above 0x7f. */
    if (c == 0x41 || c == 0x54) {
        return c == 0x41 ? 0x83 : 0x84;
    }
    for (i = 1; i < 0x80; i++) {
        if (xlate_low[i] == c) {
            return i;
        }
    }
    return 0;
}

/* Scancode set 3 by key number (0: the key has no set 3 code). */
static const uint8_t set3_codes[256] = {
    [0x01] = 0x08, [0x02] = 0x16, [0x03] = 0x1e, [0x04] = 0x26,
    [0x05] = 0x25, [0x06] = 0x2e, [0x07] = 0x36, [0x08] = 0x3d,
    [0x09] = 0x3e, [0x0a] = 0x46, [0x0b] = 0x45, [0x0c] = 0x4e,
    [0x0d] = 0x55, [0x0e] = 0x66, [0x0f] = 0x0d, [0x10] = 0x15,
    [0x11] = 0x1d, [0x12] = 0x24, [0x13] = 0x2d, [0x14] = 0x2c,
    [0x15] = 0x35, [0x16] = 0x3c, [0x17] = 0x43, [0x18] = 0x44,
    [0x19] = 0x4d, [0x1a] = 0x54, [0x1b] = 0x5b, [0x1c] = 0x5a,
    [0x1d] = 0x11, [0x1e] = 0x1c, [0x1f] = 0x1b, [0x20] = 0x23,
    [0x21] = 0x2b, [0x22] = 0x34, [0x23] = 0x33, [0x24] = 0x3b,
    [0x25] = 0x42, [0x26] = 0x4b, [0x27] = 0x4c, [0x28] = 0x52,
    [0x29] = 0x0e, [0x2a] = 0x12, [0x2b] = 0x5c, [0x2c] = 0x1a,
    [0x2d] = 0x22, [0x2e] = 0x21, [0x2f] = 0x2a, [0x30] = 0x32,
    [0x31] = 0x31, [0x32] = 0x3a, [0x33] = 0x41, [0x34] = 0x49,
    [0x35] = 0x4a, [0x36] = 0x59, [0x37] = 0x7e, [0x38] = 0x19,
    [0x39] = 0x29, [0x3a] = 0x14, [0x3b] = 0x07, [0x3c] = 0x0f,
    [0x3d] = 0x17, [0x3e] = 0x1f, [0x3f] = 0x27, [0x40] = 0x2f,
    [0x41] = 0x37, [0x42] = 0x3f, [0x43] = 0x47, [0x44] = 0x4f,
    [0x45] = 0x76, [0x46] = 0x5f, [0x47] = 0x6c, [0x48] = 0x75,
    [0x49] = 0x7d, [0x4a] = 0x4e, [0x4b] = 0x6b, [0x4c] = 0x73,
    [0x4d] = 0x74, [0x4e] = 0x7c, [0x4f] = 0x69, [0x50] = 0x72,
    [0x51] = 0x7a, [0x52] = 0x70, [0x53] = 0x71, [0x54] = 0x57,
    [0x56] = 0x13, [0x57] = 0x56, [0x58] = 0x5e, [0x70] = 0x87,
    [0x79] = 0x86, [0x7b] = 0x85, [0x7d] = 0x5d,
    [0x9c] = 0x79, [0x9d] = 0x58, [0xa0] = 0x9c, [0xae] = 0x9d,
    [0xb0] = 0x95, [0xb5] = 0x4a, [0xb7] = 0x57, [0xb8] = 0x39,
    [0xc6] = 0x62, [0xc7] = 0x6e, [0xc8] = 0x63, [0xc9] = 0x6f,
    [0xcb] = 0x61, [0xcd] = 0x6a, [0xcf] = 0x65, [0xd0] = 0x60,
    [0xd1] = 0x6d, [0xd2] = 0x67, [0xd3] = 0x64, [0xdb] = 0x8b,
    [0xdc] = 0x8c, [0xdd] = 0x8d,
};

/* ---- output ---- */

static void kbd_reply(PS2KbdState *s, uint8_t b)
{
    ps2_queue_reply(PS2_DEVICE(s), s->translate ? xlate(b) : b);
}

/* Queue one key's sequence, translated when the controller asks. */
static void kbd_event(PS2KbdState *s, const uint8_t *seq, int n)
{
    uint8_t out[8];
    bool high = false;
    int i, m = 0;

    if (!s->translate) {
        ps2_queue_event(PS2_DEVICE(s), seq, n);
        return;
    }
    for (i = 0; i < n; i++) {
        if (seq[i] == 0xf0) {
            high = true;
            continue;
        }
        out[m++] = xlate(seq[i]) | (high ? 0x80 : 0);
        high = false;
    }
    ps2_queue_event(PS2_DEVICE(s), out, m);
}

/* ---- host keys ---- */

static uint32_t modifier_bit(int qnum)
{
    switch (qnum) {
    case QNUM_LCTRL:
        return 0x01;
    case QNUM_RCTRL:
        return 0x02;
    case QNUM_LSHIFT:
        return 0x04;
    case QNUM_RSHIFT:
        return 0x08;
    case QNUM_LALT:
        return 0x10;
    case QNUM_RALT:
        return 0x20;
    default:
        return 0;
    }
}

/*
 * Print Screen: alone it sends fake-shift E0 2A/E0 12 around its code;
 * with Shift or Ctrl its code alone; with Alt it is SysRq (Brouwer 1.4).
 */
static int print_sequence(PS2KbdState *s, bool down, uint8_t *seq)
{
    static const uint8_t set1[2][4] = {
        { 0xe0, 0xb7, 0xe0, 0xaa }, { 0xe0, 0x2a, 0xe0, 0x37 },
    };
    static const uint8_t set2[2][6] = {
        { 0xe0, 0xf0, 0x7c, 0xe0, 0xf0, 0x12 }, { 0xe0, 0x12, 0xe0, 0x7c },
    };
    int n = 0;

    if (s->modifiers & MOD_ALT) {
        if (s->scancode_set == 1) {
            seq[n++] = down ? 0x54 : 0xd4;
        } else {
            if (!down) {
                seq[n++] = 0xf0;
            }
            seq[n++] = 0x84;
        }
    } else if (s->modifiers & (MOD_SHIFT | MOD_CTRL)) {
        seq[n++] = 0xe0;
        if (s->scancode_set == 1) {
            seq[n++] = down ? 0x37 : 0xb7;
        } else {
            if (!down) {
                seq[n++] = 0xf0;
            }
            seq[n++] = 0x7c;
        }
    } else if (s->scancode_set == 1) {
        memcpy(seq, set1[down], 4);
        n = 4;
    } else {
        n = down ? 4 : 6;
        memcpy(seq, set2[down], n);
    }
    return n;
}

/* Pause: make only, as Break (E0 46 / E0 7E) when Ctrl is held. */
static int pause_sequence(PS2KbdState *s, uint8_t *seq)
{
    static const uint8_t set1[] = { 0xe1, 0x1d, 0x45, 0xe1, 0x9d, 0xc5 };
    static const uint8_t set2[] = {
        0xe1, 0x14, 0x77, 0xe1, 0xf0, 0x14, 0xf0, 0x77
    };
    static const uint8_t brk1[] = { 0xe0, 0x46, 0xe0, 0xc6 };
    static const uint8_t brk2[] = { 0xe0, 0x7e, 0xe0, 0xf0, 0x7e };

    if (s->modifiers & MOD_CTRL) {
        if (s->scancode_set == 1) {
            memcpy(seq, brk1, sizeof(brk1));
            return sizeof(brk1);
        }
        memcpy(seq, brk2, sizeof(brk2));
        return sizeof(brk2);
    }
    if (s->scancode_set == 1) {
        memcpy(seq, set1, sizeof(set1));
        return sizeof(set1);
    }
    memcpy(seq, set2, sizeof(set2));
    return sizeof(set2);
}

/* The bytes for key qnum in the current set; 0 if it has none. */
static int key_sequence(PS2KbdState *s, int qnum, bool down, uint8_t *seq)
{
    uint8_t code = qnum & 0x7f;
    int n = 0;

    if (s->scancode_set == 3) {
        if (!set3_codes[qnum]) {
            return 0;
        }
        if (!down) {
            seq[n++] = 0xf0;
        }
        seq[n++] = set3_codes[qnum];
        return n;
    }
    if (qnum == QNUM_PRINT || qnum == QNUM_SYSRQ) {
        return print_sequence(s, down, seq);
    }
    if (qnum == QNUM_PAUSE) {
        return down ? pause_sequence(s, seq) : 0;
    }
    if (!code) {
        return 0;
    }
    if (qnum & 0x80) {
        seq[n++] = 0xe0;
    }
    if (s->scancode_set == 1) {
        seq[n++] = code | (down ? 0 : 0x80);
        return n;
    }
    if (!down) {
        seq[n++] = 0xf0;
    }
    seq[n++] = set2_code(code);
    return n;
}

void ps2_keyboard_put_keycode(DeviceState *dev, int qnum, bool down)
{
    PS2KbdState *s = PS2_KBD_DEVICE(dev);
    uint8_t seq[8];
    int n;

    if (qnum <= 0 || qnum > 0xff) {
        return;
    }
    if (down) {
        s->modifiers |= modifier_bit(qnum);
    } else {
        s->modifiers &= ~modifier_bit(qnum);
    }
    if (!s->scan_enabled) {
        return;
    }
    n = key_sequence(s, qnum, down, seq);
    if (n) {
        kbd_event(s, seq, n);
    }
}

int ps2_keyboard_get_leds(DeviceState *dev)
{
    return PS2_KBD_DEVICE(dev)->ledstate;
}

DeviceState *ps2_keyboard_get(void)
{
    return ps2_keyboards ? ps2_keyboards->data : NULL;
}

/* ---- guest commands ---- */

/* Reset (FF) and the F5/F6 defaults: set 2, LEDs off, buffer cleared. */
static void kbd_defaults(PS2KbdState *s)
{
    s->scan_enabled = true;
    s->scancode_set = 2;
    s->ledstate = 0;
    ps2_queue_reset(PS2_DEVICE(s));
}

static void kbd_command(PS2KbdState *s, uint8_t val)
{
    PS2State *ps2 = PS2_DEVICE(s);

    switch (val) {
    case 0x00:
        kbd_reply(s, PS2_REPLY_ACK);
        break;
    case KBD_CMD_SET_LEDS:
    case KBD_CMD_SCANCODE:
    case KBD_CMD_SET_RATE:
    case KBD_CMD_SET_MAKE_BREAK:
        ps2->write_cmd = val;
        kbd_reply(s, PS2_REPLY_ACK);
        break;
    case KBD_CMD_ECHO:
        kbd_reply(s, KBD_CMD_ECHO);
        break;
    case KBD_CMD_GET_ID:
        kbd_reply(s, PS2_REPLY_ACK);
        kbd_reply(s, KBD_REPLY_ID);
        kbd_reply(s, KBD_ID_MF2);
        break;
    case KBD_CMD_ENABLE:
        s->scan_enabled = true;
        kbd_reply(s, PS2_REPLY_ACK);
        break;
    case KBD_CMD_RESET_DISABLE:
        kbd_defaults(s);
        s->scan_enabled = false;
        kbd_reply(s, PS2_REPLY_ACK);
        break;
    case KBD_CMD_RESET_ENABLE:
        kbd_defaults(s);
        kbd_reply(s, PS2_REPLY_ACK);
        break;
    case KBD_CMD_RESET:
        kbd_defaults(s);
        kbd_reply(s, PS2_REPLY_ACK);
        kbd_reply(s, PS2_REPLY_BAT_OK);
        break;
    default:
        kbd_reply(s, PS2_REPLY_RESEND);
        break;
    }
}

void ps2_write_keyboard(PS2KbdState *s, uint8_t val)
{
    PS2State *ps2 = PS2_DEVICE(s);
    int cmd = ps2->write_cmd;
    int i;

    /* Unread replies are abandoned; queued keys stay. */
    for (i = ps2->queue.reply_count; i > 0; i--) {
        ps2_read_data(ps2);
    }
    ps2->write_cmd = -1;
    switch (cmd) {
    case KBD_CMD_SCANCODE:
        if (val == 0) {
            kbd_reply(s, PS2_REPLY_ACK);
            kbd_reply(s, s->scancode_set);
        } else if (val >= 1 && val <= 3) {
            s->scancode_set = val;
            kbd_reply(s, PS2_REPLY_ACK);
        } else {
            kbd_reply(s, PS2_REPLY_RESEND);
        }
        break;
    case KBD_CMD_SET_LEDS:
        s->ledstate = val & 0x07;
        kbd_reply(s, PS2_REPLY_ACK);
        break;
    case KBD_CMD_SET_RATE:
        s->typematic = val & 0x7f;
        kbd_reply(s, PS2_REPLY_ACK);
        break;
    case KBD_CMD_SET_MAKE_BREAK:
        kbd_reply(s, PS2_REPLY_ACK);
        break;
    default:
        kbd_command(s, val);
        break;
    }
}

void ps2_keyboard_set_translation(PS2KbdState *s, bool translate)
{
    s->translate = translate;
}

/* ---- device ---- */

static void ps2_kbd_reset(DeviceState *dev)
{
    PS2KbdState *s = PS2_KBD_DEVICE(dev);

    ps2_common_reset(PS2_DEVICE(dev));
    s->scan_enabled = true;
    s->translate = false;
    s->scancode_set = 2;
    s->ledstate = 0;
    s->typematic = 0;
    s->modifiers = 0;
}

static bool ps2_kbd_realize(DeviceState *dev, Error **errp)
{
    ps2_keyboards = g_slist_prepend(ps2_keyboards, dev);
    ps2_kbd_reset(dev);
    return true;
}

static void ps2_kbd_unrealize(DeviceState *dev)
{
    ps2_keyboards = g_slist_remove(ps2_keyboards, dev);
}

static void ps2_kbd_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->realize = ps2_kbd_realize;
    dc->unrealize = ps2_kbd_unrealize;
    dc->reset = ps2_kbd_reset;
}

static const TypeInfo ps2_kbd_type = {
    .name = TYPE_PS2_KBD_DEVICE,
    .parent = TYPE_PS2_DEVICE,
    .instance_size = sizeof(PS2KbdState),
    .class_init = ps2_kbd_class_init,
};

static void ps2_kbd_register_types(void)
{
    type_register_static(&ps2_kbd_type);
}

type_init(ps2_kbd_register_types)
