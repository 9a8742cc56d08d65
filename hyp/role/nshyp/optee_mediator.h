/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nshyp's OP-TEE SMC ABI mediator (optee_mediator.c, docs/abi/optee-smc.md):
 * the per-guest state and the three entry points nshyp calls. A guest whose
 * description sets optee_shm_size speaks the OP-TEE SMC ABI to nshyp; the
 * mediator turns its calls into OP-TEE FF-A ABI direct requests to the TEEs
 * it is bound to, over one FF-A share of its OP-TEE window.
 */
#ifndef HYP_ROLE_NSHYP_OPTEE_MEDIATOR_H
#define HYP_ROLE_NSHYP_OPTEE_MEDIATOR_H

#include <abi/ffa.h>
#include <abi/optee_msg.h>
#include <config/system.h>
#include <lib/s2.h>
#include <stdbool.h>
#include <stdint.h>

/* TEEs one guest's window is shared with: the borrowers one FF-A transaction may name. */
#define OPTEE_MED_TEES 4
/* Parameters of one call: 4 client parameters and the 2 meta parameters of OPEN_SESSION. */
#define OPTEE_MED_MAX_PARAMS 6
/* The mediator page holds one argument slot per call in flight (the guest's "threads"). */
#define OPTEE_MED_SLOT_SIZE 256u
#define OPTEE_MED_THREADS   ((unsigned)(SYS_OPTEE_MEDIATOR_SIZE / OPTEE_MED_SLOT_SIZE))
/* Sessions one guest may have open through the mediator. */
#define OPTEE_MED_SESSIONS 32

#define OPTEE_MED_ARG_SIZE OPTEE_MSG_GET_ARG_SIZE(OPTEE_MED_MAX_PARAMS)

struct optee_med_session {
	uint32_t id;   /* what the guest sees; 0: free */
	uint32_t real; /* the TEE's own session number */
	uint8_t tee;   /* index in optee_mediator.tees */
	bool open;     /* false while its OPEN_SESSION is in flight */
};

enum optee_med_thread_state {
	OPTEE_MED_FREE,
	OPTEE_MED_BUSY,	     /* being handled now (nshyp runs one guest call at a time) */
	OPTEE_MED_SUSPENDED, /* the TEE answered RETURN_INTERRUPT: YIELDING_CALL_RESUME */
	OPTEE_MED_PREEMPTED, /* FFA_INTERRUPT or FFA_YIELD from the partition: FFA_RUN */
	OPTEE_MED_NEXT,	     /* not sent yet (an OPEN_SESSION's next TEE, or its TEE was busy
				with this guest's preempted call): send it */
	OPTEE_MED_ANSWERED,  /* nshyp ran the preempted partition to its answer (`answer`) */
};

/* One call in flight: the checked copy of the guest's argument, and where it stands. */
struct optee_med_thread {
	uint8_t state;
	uint8_t tee;	 /* index of the TEE serving it */
	bool started;	 /* the TEE has taken it (a BUSY now is no longer "try again") */
	int8_t session;	 /* OPEN_SESSION/CLOSE_SESSION: the session entry it changes, or -1 */
	uint32_t sid;	 /* that entry's guest-visible ID */
	uint32_t resume; /* w7 of RETURN_INTERRUPT */
	uint64_t arg_pa; /* the guest's optee_msg_arg (inside its part of the window) */
	/* OPTEE_MED_ANSWERED: the TEE's answer, taken at the guest's RETURN_FROM_RPC. */
	struct ffa_value answer;
	/* The guest's argument as checked, memrefs in FF-A form: never read from the guest again.
	 */
	uint64_t msg[OPTEE_MED_ARG_SIZE / sizeof(uint64_t)];
};

struct optee_mediator {
	bool ready;	   /* window shared and mediator page taken from the guest */
	uint8_t tee_count; /* TEEs routed to, in binding order */
	ffa_id_t tees[OPTEE_MED_TEES];
	uint64_t handle; /* FF-A handle of the window share */
	uint64_t win_ipa, win_pa, win_size;
	struct s2_run page; /* the mediator page as the guest's stage 2 had it */
	uint32_t next_session;
	struct optee_med_session sessions[OPTEE_MED_SESSIONS];
	struct optee_med_thread threads[OPTEE_MED_THREADS];
};

struct guest;

/*
 * The guest is about to start (after VM_CREATED): find its OP-TEE TEEs, share its window with
 * them and take the mediator page out of its stage 2. Nothing for a guest without a window.
 */
void optee_mediator_guest_start(struct guest *g);
/*
 * A call in the trusted-OS range (SMCCC owners 50-63; *fid decoded): answered in place with
 * x0-x3 and true, or false if this guest has no OP-TEE window (the caller answers SMC_UNK).
 */
bool optee_mediator_call(struct guest *g, struct ffa_value *m);
/*
 * The guest stopped: run the calls an interrupt preempted to their end in their partitions (so
 * that VM_DESTROYED finds them idle) and forget its calls and sessions. Its window share is
 * reclaimed with the rest of its memory (nshyp_mem_guest_stopped).
 */
void optee_mediator_guest_stopped(struct guest *g);
/*
 * A partition is stopped (an interrupt preempted it, or it yielded) in a call of this guest's
 * that only the guest's RETURN_FROM_RPC resumes: in `sp`, or in any partition for sp = 0.
 * Another guest's call to it waits meanwhile (nshyp_sp_busy_elsewhere()).
 */
bool optee_mediator_holds(const struct guest *g, ffa_id_t sp);
/*
 * A framework message needs `sp`: run this guest's calls stopped in it to their answers
 * (bounded), which the guest then gets at its RETURN_FROM_RPC.
 */
void optee_mediator_release(struct guest *g, ffa_id_t sp);

_Static_assert(OPTEE_MED_ARG_SIZE <= OPTEE_MED_SLOT_SIZE, "an argument fits its slot");
_Static_assert(SYS_OPTEE_MEDIATOR_SIZE % OPTEE_MED_SLOT_SIZE == 0, "whole slots");
_Static_assert(OPTEE_MED_THREADS >= 2 && OPTEE_MED_THREADS <= 127, "thread IDs");

#endif /* HYP_ROLE_NSHYP_OPTEE_MEDIATOR_H */
