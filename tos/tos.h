/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test commands of the skeleton trusted OS, carried in w4 of a direct
 * request (w3 is the number to square). They exist so that a guest can drive
 * the SPMC's error paths from outside; the OP-TEE message protocol replaces
 * this ad-hoc protocol when TAs arrive.
 */
#ifndef TOS_TOS_H
#define TOS_TOS_H

#include <abi/ffa.h>
#include <stdint.h>

#define TOS_CMD_NONE	   0
#define TOS_CMD_YIELD	   1 /* FFA_YIELD once, then answer (w6 = what FFA_YIELD returned) */
#define TOS_CMD_MISBEHAVE  2 /* answer with a wrong receiver, then MSG_WAIT; w6/w7 = errors */
#define TOS_CMD_SELFTEST   3 /* run the partition-side FF-A checks; w6 = bitmask of failures */
#define TOS_CMD_CALL_OTHER 4 /* message the other TEE and check identities; w6 = failures */

uint64_t tos_selftest(ffa_id_t self);
uint64_t tos_call_other(ffa_id_t self);
void tos_hostile(ffa_id_t self, unsigned calls);

#endif
