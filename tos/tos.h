/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The trusted OS's diagnostic protocol, served by its test variant only
 * (tos_test, tos/test/diag.c; a product trusted OS answers such a request
 * FFA_RET_NOT_SUPPORTED in w3). A direct request whose w3 is not an OP-TEE
 * FF-A function is answered with the square of w3, the sender ID it saw (w4)
 * and its own ID (w5); w4 of the request may carry a test command below. They
 * exist so that a guest can drive the SPMC's error paths from outside; TAs
 * are reached through the OP-TEE FF-A ABI instead (docs/tos.md).
 */
#ifndef TOS_TOS_H
#define TOS_TOS_H

#include <abi/ffa.h>
#include <stdint.h>

#define TOS_CMD_NONE	   0
#define TOS_CMD_YIELD	   1  /* FFA_YIELD once, then answer (w6 = what FFA_YIELD returned) */
#define TOS_CMD_MISBEHAVE  2  /* answer with a wrong receiver, then MSG_WAIT; w6/w7 = errors */
#define TOS_CMD_SELFTEST   3  /* run the partition-side FF-A checks; w6 = bitmask of failures */
#define TOS_CMD_CALL_OTHER 4  /* message the other TEE and check identities; w6 = failures */
#define TOS_CMD_MEM	   5  /* FF-A memory test (memtest.c): w3 handle, w4 as below */
#define TOS_CMD_FORGET_ME  6  /* drop the sender's OP-TEE calls, sessions, shares; w6 = counts */
#define TOS_CMD_SPIN	   7  /* compute for a while: w4 below; w6 = the result, w7 = 0 or error */
#define TOS_CMD_TIMER	   8  /* w6 = TEE_Waits the secure timer ended, w7 = time slices it ended */
#define TOS_CMD_NOTIF	   9  /* FF-A notifications with the requester: w4[15:8] below, w3 bitmap */
#define TOS_CMD_SEND2	   10 /* FF-A indirect messages: w4[15:8] below, w3 an endpoint ID */

/*
 * TOS_CMD_NOTIF: w4 = TOS_CMD_NOTIF | op << 8, w3 = the low word of a notification bitmap (IDs
 * 0-31, a _32 request); the requester (a VM) at the other end. w6 = 0 or the FF-A error, w7 =
 * those of the IDs in w3 that GETs (this one or an earlier one) got from VMs.
 */
#define TOS_NOTIF_BIND	 1 /* bind the requester as the sender of w3 (global) */
#define TOS_NOTIF_UNBIND 2 /* unbind them */
#define TOS_NOTIF_SET	 3 /* signal w3 to the requester */
#define TOS_NOTIF_GET	 4 /* get what is pending for this partition; w7 as above */
#define TOS_NOTIF_NPIS	 5 /* w6 = FFA_FEATURES(NPI)'s w2 (or the error), w7 = NPIs taken */
#define TOS_NOTIF_SETNOW 6 /* TOS_NOTIF_SET without "delay SRI": the SRI comes at once */

/*
 * TOS_CMD_SEND2 (test/payloads/guest/indirect.c): w4 = TOS_CMD_SEND2 | op << 8, w3 =
 * TOS_SEND2_W3(an endpoint ID): bit 16 set, so that it is never an OP-TEE call (w3 0-3 are, and
 * so would VM IDs 1-3 be). The message is a header and TOS_SEND2_LEN bytes 0x30 + i at offset 20
 * (FFA_MSG_HEADER_SIZE).
 */
#define TOS_SEND2_W3(id) ((uint32_t)(id) | 0x10000u)
#define TOS_SEND2_SEND	 1 /* send it to w3 (from our TX): w6 = 0 or the FF-A error */
#define TOS_SEND2_READ                                                                             \
	2		     /* check our RX holds one from w3, release it: w6 = failed checks     \
				(bit 0 header, 1 payload, 2 release, 3 GET), w7 = GET's framework  \
				bitmaps, w6 & 0xff | (w7 & 0xff) << 8 */
#define TOS_SEND2_REFUSALS 3 /* bad headers and registers to w3: w6 = failed checks */
#define TOS_SEND2_LEN	   16

/*
 * TOS_CMD_SPIN: w4 = TOS_SPIN_ARG(iterations, flags), all in w4 because a _32 direct message
 * carries only w3-w7 (FF-A v1.1 §15.2): w4[7:0] the command, w4[11:8] flags, w4[31:12] the
 * iterations in units of TOS_SPIN_UNIT. The result is w3 stepped `iterations` times through
 * x = x * 6364136223846793005 + 1442695040888963407 (mod 2^64), which an interrupted and resumed
 * run reproduces only if it lost nothing. With TOS_SPIN_IN_OTHER the other TEE computes it, in a
 * partition-to-partition request; with TOS_SPIN_MASKED the partition masks every exception
 * meanwhile (a Non-secure interrupt still preempts it: they go to S-EL2).
 */
#define TOS_SPIN_IN_OTHER 1u
#define TOS_SPIN_MASKED	  2u /* computes with every exception masked (PSTATE.DAIF) */
/* Computes nothing now: spins without end in the hypervisor's VM_DESTROYED message about the
 * requester, when it comes (a partition that never answers a framework message). */
#define TOS_SPIN_AT_DESTROY 4u
#define TOS_SPIN_UNIT	    4096u
#define TOS_SPIN_ARG(iterations, flags)                                                            \
	(TOS_CMD_SPIN | (uint32_t)(flags) << 8 | (uint32_t)(iterations) / TOS_SPIN_UNIT << 12)
#define TOS_SPIN_ITERATIONS(w4) (((uint32_t)(w4) >> 12) * TOS_SPIN_UNIT)

/*
 * TOS_CMD_MEM, sent as a _64 direct request (a _32 one carries only w3-w7, FF-A v1.1 §15.2):
 * w3 = handle, w4 = TOS_CMD_MEM | op << 8 | lender << 16 (0: the requester) | pattern << 32.
 * The answer's w6 is 0 or an FF-A error, w7 the first word read (or failures). A retrieval is
 * always of a transaction the requester lent (a lender other than 0 or the requester's own ID
 * is refused), and one the trusted OS keeps (HOLD, or a failed relinquish) belongs to the
 * requester: only it can RELEASE it, and it is released when the requester's VM is destroyed.
 * Pages lent with LEND_MANY are reclaimed by RECLAIM_ALL from the same requester, or then.
 */
#define TOS_MEM_RW_WRITE      1	 /* retrieve RW, write w3 into each page, relinquish */
#define TOS_MEM_READ	      2	 /* retrieve RO, read the first word (w7), relinquish */
#define TOS_MEM_RO_WRITE      3	 /* retrieve RO, write: must fault and abort this partition */
#define TOS_MEM_HOLD	      4	 /* retrieve and keep it */
#define TOS_MEM_RELEASE	      5	 /* relinquish one the requester's HOLD kept */
#define TOS_MEM_HOLD_READ     6	 /* retrieve RO, read the first word (w7), keep it */
#define TOS_MEM_LEND_TO_OTHER 7	 /* lend a page to partition `handle`, it writes; w7 = failures */
#define TOS_MEM_CYCLE	      8	 /* retrieve and relinquish without touching (benchmarks) */
#define TOS_MEM_WRITE_ZERO    9	 /* retrieve RW, write w3, relinquish asking for zeroing */
#define TOS_MEM_LEND_MANY     10 /* lend up to w4[63:32] pages, one per transaction, to `handle` */
#define TOS_MEM_RECLAIM_ALL   11 /* reclaim what LEND_MANY lent; w7 = how many */
/* Retrieve RO (one page), then touch what it does not own, catching each abort its S-EL1 gets:
 * write it, read the byte past it, relinquish, read it. w7 = failures (bit n: probe n). */
#define TOS_MEM_FAULT_PROBES 12

#endif
