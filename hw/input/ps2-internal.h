/*
 * ps2-internal.h: what the PS/2 keyboard and mouse share (hw/input/ps2.c).
 */
#ifndef HW_INPUT_PS2_INTERNAL_H
#define HW_INPUT_PS2_INTERNAL_H

#include "hw/input/ps2.h"

/* Replies common to both devices (IBM PS/2 Technical Reference). */
#define PS2_REPLY_ACK       0xfa
#define PS2_REPLY_RESEND    0xfe
#define PS2_REPLY_BAT_OK    0xaa    /* power-on / reset self test passed */

/* A command reply, behind earlier replies but ahead of input events. */
void ps2_queue_reply(PS2State *s, uint8_t b);
/*
 * An input event of n bytes: queued whole if the event part of the queue
 * has room, else dropped (false).
 */
bool ps2_queue_event(PS2State *s, const uint8_t *buf, int n);
/* Room left for input events. */
int ps2_event_space(PS2State *s);
/* Empty the queue (device reset, reset command). */
void ps2_queue_reset(PS2State *s);
/* Power-on state of the common part. */
void ps2_common_reset(PS2State *s);

#endif
