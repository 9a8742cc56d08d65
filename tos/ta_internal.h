/* SPDX-License-Identifier: BSD-3-Clause */
/* TA instances and sessions: shared by ta_mgr.c and syscall.c only. */
#ifndef TOS_TA_INTERNAL_H
#define TOS_TA_INTERNAL_H

#include <abi/ffa.h>
#include <stdbool.h>
#include <stdint.h>
#include <tos/ta_abi.h>

#include "mmu.h"
#include "ta_mgr.h"
#include "user.h"

struct ta_instance {
	bool in_use;
	const struct ta_head *head; /* the image in the TOS (read-only) */
	uint64_t blob_size;
	struct uspace as;
	struct user_ctx ctx;
	uint64_t tls;	       /* its TPIDR_EL0 while it does not run */
	uint64_t params_pa;    /* kernel address of its struct ta_param_page */
	struct tee_call *call; /* the call running or waiting in it, if any */
	bool per_session;      /* not a single-instance TA: counts in its client's quota */
	ffa_id_t owner;	       /* then: the client whose session it serves */
};

struct session {
	bool in_use, dead; /* dead: its instance was killed */
	bool orphan;	   /* its caller is gone: closed as soon as its instance is free */
	uint32_t id;
	ffa_id_t caller; /* the FF-A endpoint that opened it */
	struct ta_instance *inst;
	uint64_t ta_ctx; /* the TA's sessionContext */
	uint32_t login;
	uint8_t client_uuid[16];
	bool cancel_mask;
	struct tee_call *call;
};

#endif /* TOS_TA_INTERNAL_H */
