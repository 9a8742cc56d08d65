/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Trusted Applications inside the trusted OS: the TA images built into this
 * image, the ones this instance hosts (its boot_arg's TA mask), their
 * instances (address space, registers) and sessions, and one call at a time
 * per instance run at S-EL0. A call is OPEN_SESSION, INVOKE_COMMAND or
 * CLOSE_SESSION; it either finishes or is suspended, in TEE_Wait or at the end
 * of its time slice (resumed by the normal world, docs/tos.md §3). The secure
 * physical timer, when this instance owns it, ends time slices and TEE_Waits.
 */
#ifndef TOS_TA_MGR_H
#define TOS_TA_MGR_H

#include <abi/ffa.h>
#include <stdbool.h>
#include <stdint.h>

#include "msg.h"
#include "shm.h"

struct ta_instance;
struct session;

/* One call from the normal world in flight (a "thread" of the OP-TEE FF-A ABI). */
struct tee_call {
	bool in_use;
	bool slot; /* one of optee_server.c's call slots, counted in its caller's quota */
	ffa_id_t self, caller;
	struct shm *arg_shm; /* where the optee_msg_arg lives, and its offset */
	uint64_t arg_off;
	uint32_t ret, origin, session_id; /* results */
	struct tee_msg msg;
	struct tee_param outs[OPTEE_MSG_MAX_CLIENT_PARAMS];
	/* Private to ta_mgr.c while the call runs or waits. */
	struct session *sess;
	struct ta_instance *inst;
	struct shm *param_shm[OPTEE_MSG_MAX_CLIENT_PARAMS];
	uint64_t param_va[OPTEE_MSG_MAX_CLIENT_PARAMS];
	uint64_t bounce_end;   /* memrefs take [TA_VA_BOUNCE, bounce_end): what to unmap */
	uint64_t deadline;     /* TEE_Wait: counter value, UINT64_MAX = no timeout */
	uint64_t suspended_at; /* counter value when its TEE_Wait began */
	bool waiting, cancelled;
	bool wait_expired; /* the timer saw its TEE_Wait's deadline pass: the next resume ends it */
	bool preempted;	   /* its time slice ended while the TA ran: the next resume continues it */
	bool abandoned; /* its caller is gone: every TEE_Wait ends at once, results are dropped */
	bool evicted;	/* suspended past the deadline while another client needed its instance:
			 * it was run to its end (TEE_Wait returned TEE_ERROR_CANCEL); the results
			 * wait for the caller's next resume */
	bool opening;	/* OPEN_SESSION: the session is freed if the TA refuses */
	/* bit i: params[i] is the share's own pages, not a bounce buffer (in the padding after
	 * the flags: the call's size decides whether call_take()'s clear stays inline) */
	uint8_t param_mapped;
};

#define CALL_DONE      0
#define CALL_SUSPENDED 1

/*
 * Time slices (docs/tos.md §3.1): a TA runs at most TOS_TA_SLICE_MS of the counter per start
 * or resume of its call before the call is suspended (the client resumes it); an entry point
 * that cannot be suspended (create, close, destroy) is killed after TOS_ENTRY_SLICES slices.
 * A test build may set shorter ones.
 */
#ifndef TOS_TA_SLICE_MS
#define TOS_TA_SLICE_MS 10
#endif
#define TOS_ENTRY_SLICES 100
#define TOS_TIMER_INTID	 30 /* CNTP, the EL1 physical timer's PPI: the secure timer */

/*
 * Pick the built-in TA images this instance hosts (TA_* mask from include/abi/scenario.h);
 * owns_timer: the system description gave this instance the secure timer (TOS_ARG_TIMER).
 */
void ta_mgr_init(unsigned ta_mask, bool owns_timer);

/*
 * The SPMC's notification pending interrupt (FF-A v1.1 §10.7.1; FFA_FEATURES(NPI) answers it):
 * this TOS consumes no notification itself, it only counts them (its test commands read it).
 */
#define TOS_NPI_INTID 5

/*
 * A virtual interrupt reached the TOS while it waited (FFA_INTERRUPT, w2 = intid): the timer
 * ends the TEE_Waits whose deadline passed and is set for the next one; the NPI is counted;
 * other INTIDs are ignored. Returns true if it was the timer's.
 */
bool ta_mgr_interrupt(uint32_t intid);
/* How many NPIs reached the TOS since boot. */
unsigned ta_mgr_npis(void);
/* How many TEE_Waits the timer ended (wait_expired) and time slices it ended, since boot. */
void ta_mgr_timer_stats(uint64_t *waits, uint64_t *slices);

/* Run a parsed OPEN_SESSION / INVOKE_COMMAND / CLOSE_SESSION; results in the call. */
int tee_call_start(struct tee_call *c);
/* Continue a suspended call (CALL_DONE at once if it is not waiting any more). */
int tee_call_resume(struct tee_call *c);
/* OPTEE_MSG_CMD_CANCEL: a TEE_Result. */
uint32_t tee_cancel(ffa_id_t caller, uint32_t session, uint32_t cancel_id);

/*
 * The caller is gone: run its suspended call `c` to its end (its TEE_Waits return
 * TEE_ERROR_CANCEL at once), so that the TA instance serves others again; a TA that uses up
 * its time slice on the way (it loops) is killed instead, as if it had panicked.
 */
void tee_call_abandon(struct tee_call *c);
/* Close every session of the caller (the TAs' close entry points run); how many. */
unsigned tee_close_all(ffa_id_t caller);

#endif /* TOS_TA_MGR_H */
