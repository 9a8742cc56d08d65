/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test commands of the trusted OS's diagnostic protocol, carried in w4 of a
 * direct request whose w3 is not an OP-TEE FF-A function (w3 is the number to
 * square). They exist so that a guest can drive the SPMC's error paths from
 * outside; TAs are reached through the OP-TEE FF-A ABI instead (docs/tos.md).
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
#define TOS_CMD_MEM	   5 /* FF-A memory test (memtest.c): w3 handle, w4 as below */
#define TOS_CMD_FORGET_ME  6 /* drop the sender's OP-TEE calls, sessions, shares; w6 = counts */

/*
 * TOS_CMD_MEM: w4 = TOS_CMD_MEM | op << 8 | lender << 16 (0: the requester) | pattern << 32.
 * The answer's w6 is 0 or an FF-A error, w7 the first word read (or failures).
 */
#define TOS_MEM_RW_WRITE      1	 /* retrieve RW, write w3 into each page, relinquish */
#define TOS_MEM_READ	      2	 /* retrieve RO, read the first word (w7), relinquish */
#define TOS_MEM_RO_WRITE      3	 /* retrieve RO, write: must fault and abort this partition */
#define TOS_MEM_HOLD	      4	 /* retrieve and keep it */
#define TOS_MEM_RELEASE	      5	 /* relinquish */
#define TOS_MEM_HOLD_READ     6	 /* retrieve RO, read the first word (w7), keep it */
#define TOS_MEM_LEND_TO_OTHER 7	 /* lend a page to partition `handle`, it writes; w7 = failures */
#define TOS_MEM_CYCLE	      8	 /* retrieve and relinquish without touching (benchmarks) */
#define TOS_MEM_WRITE_ZERO    9	 /* retrieve RW, write w3, relinquish asking for zeroing */
#define TOS_MEM_LEND_MANY     10 /* lend up to w4[63:32] pages, one per transaction, to `handle` */
#define TOS_MEM_RECLAIM_ALL   11 /* reclaim what LEND_MANY lent; w7 = how many */

uint64_t tos_selftest(ffa_id_t self);
uint64_t tos_call_other(ffa_id_t self);
void tos_hostile(ffa_id_t self, unsigned calls);
void tos_mem_command(ffa_id_t self, ffa_id_t sender, struct ffa_value *m, uint32_t pattern,
		     uint64_t handle, unsigned op, ffa_id_t lender);

#endif
