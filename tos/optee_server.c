// SPDX-License-Identifier: BSD-3-Clause
/*
 * The OP-TEE FF-A ABI server of the trusted OS (docs/tos.md §2): the
 * blocking calls answered from registers, and yielding calls that carry an
 * optee_msg_arg in memory shared with FF-A. The argument is copied out of
 * shared memory before it is checked; results go back field by field at the
 * end. A call whose TA waits is kept in a small table of calls in flight
 * (OP-TEE's "threads") until the caller resumes it.
 */
#include <abi/optee_ffa.h>
#include <lib/print.h>
#include <lib/string.h>
#include <tee_api_defines.h>

#include "optee_server.h"
#include "quota.h"
#include "ta_mgr.h"

/*
 * Calls that may wait, shared fairly (quota.h): one slot per client that no other can take,
 * a few more in common, at most MAX_CALLS_PER_CALLER for one client.
 */
#define CALLS_RESERVED	     1
#define MAX_CALLS	     (TOS_MAX_CLIENTS * CALLS_RESERVED + 5)
#define MAX_CALLS_PER_CALLER 3
#define TOS_OS_MAJOR	     0
#define TOS_OS_MINOR	     1
#define RESUME_INFO_TAG	     0x7e000000u /* resume info = tag | call index: never 0 */

static struct tee_call calls[MAX_CALLS];
static struct quota quota = QUOTA_INIT(MAX_CALLS, CALLS_RESERVED, MAX_CALLS_PER_CALLER);

static void reply(struct ffa_value *m, uint64_t w3, uint64_t w4, uint64_t w5, uint64_t w6,
		  uint64_t w7)
{
	m->x[3] = (uint32_t)w3;
	m->x[4] = (uint32_t)w4;
	m->x[5] = (uint32_t)w5;
	m->x[6] = (uint32_t)w6;
	m->x[7] = (uint32_t)w7;
}

/* Where the next message is parsed: a free slot (not taken yet: call_take()), else `local`. */
static struct tee_call *call_place(struct tee_call *local)
{
	for (unsigned i = 0; i < MAX_CALLS; i++)
		if (!calls[i].in_use)
			return &calls[i];
	return local;
}

/* Zero `c` but its message and outs (run_message() sets them); take the slot if it may wait. */
static bool call_take(struct tee_call *c, ffa_id_t caller, bool wait)
{
	size_t after = offsetof(struct tee_call, outs) + sizeof(c->outs);

	_Static_assert(offsetof(struct tee_call, outs) ==
			   offsetof(struct tee_call, msg) + sizeof(c->msg),
		       "outs follows msg");

	if (wait && (!(c >= calls && c < calls + MAX_CALLS) || !quota_take(&quota, caller)))
		return false;
	/* Fixed sizes: the compiler stores zero pairs inline (issue 15), no call of memset(). */
	__builtin_memset(c, 0, offsetof(struct tee_call, msg));
	__builtin_memset((uint8_t *)c + after, 0, sizeof(*c) - after);
	c->in_use = wait;
	c->slot = wait;
	return true;
}

/* A slot's call is over (completed or forgotten). Locals (CANCEL, CLOSE) have no slot. */
static void call_free(struct tee_call *c)
{
	if (c->slot)
		quota_give(&quota, c->caller);
	c->slot = false;
	c->in_use = false;
}

/* Write the results into the caller's argument and free the call. */
static void call_complete(struct tee_call *c, struct ffa_value *m)
{
	struct msg_write w[MSG_MAX_WRITES];
	unsigned n = msg_outputs(&c->msg, c->ret, c->origin, c->session_id, c->outs, w);
	uint64_t end = 0;
	uint8_t *arg;

	/* All in one range of the share (libteec's page): stores to aligned fields; else shm_write.
	 */
	for (unsigned i = 0; i < n; i++)
		end = w[i].offset + w[i].size > end ? w[i].offset + w[i].size : end;
	arg = shm_span(c->arg_shm, c->arg_off, end);
	for (unsigned i = 0; i < n; i++) {
		if (!arg)
			shm_write(c->arg_shm, c->arg_off + w[i].offset, &w[i].value, w[i].size);
		else if (w[i].size == 4)
			*(volatile uint32_t *)(void *)(arg + w[i].offset) = (uint32_t)w[i].value;
		else
			*(volatile uint64_t *)(void *)(arg + w[i].offset) = w[i].value;
	}
	c->arg_shm->users--;
	call_free(c);
	reply(m, 0, OPTEE_FFA_YIELDING_CALL_RETURN_DONE, 0, 0, 0);
}

static void call_outcome(struct tee_call *c, int rc, struct ffa_value *m)
{
	if (rc == CALL_SUSPENDED)
		reply(m, 0, OPTEE_FFA_YIELDING_CALL_RETURN_INTERRUPT, 0, 0,
		      RESUME_INFO_TAG | (uint32_t)(c - calls));
	else
		call_complete(c, m);
}

static void run_message(struct tee_call *c, int parsed, struct ffa_value *m)
{
	for (unsigned i = 0; i < OPTEE_MSG_MAX_CLIENT_PARAMS; i++)
		c->outs[i] = c->msg.params[i];
	if (parsed != MSG_OK) {
		c->ret = TEE_ERROR_BAD_PARAMETERS;
		c->origin = TEE_ORIGIN_COMMS;
		call_complete(c, m);
		return;
	}
	if (c->msg.cmd == OPTEE_MSG_CMD_CANCEL) {
		c->ret = tee_cancel(c->caller, c->msg.session, c->msg.cancel_id);
		c->origin = TEE_ORIGIN_TEE;
		call_complete(c, m);
		return;
	}
	call_outcome(c, tee_call_start(c), m);
}

/* Copy the header, then only the params it counts (at most 6; never past the share's end). */
static uint64_t copy_arg(const struct shm *s, uint64_t off, uint8_t copy[MSG_MAX_SIZE])
{
	const uint64_t head = sizeof(struct optee_msg_arg);
	uint64_t room = s->size - off, len;
	uint32_t n;

	if (room < head)
		return 0; /* msg_parse(): too short */
	shm_read(s, off, copy, head);
	n = ((const struct optee_msg_arg *)(const void *)copy)->num_params;
	len = OPTEE_MSG_GET_ARG_SIZE(n < MSG_MAX_PARAMS ? n : MSG_MAX_PARAMS);
	len = len < room ? len : room;
	shm_read(s, off + head, copy + head, len - head);
	return len;
}

static void yielding_call(ffa_id_t self, ffa_id_t caller, struct ffa_value *m)
{
	uint64_t handle = optee_ffa_handle((uint32_t)m->x[4], (uint32_t)m->x[5]);
	uint64_t off = (uint32_t)m->x[6];
	uint8_t copy[MSG_MAX_SIZE] __attribute__((aligned(8)));
	struct tee_call local, *c;
	struct shm *s;
	int32_t err = FFA_RET_INVALID_PARAMETERS;
	uint64_t len;
	int parsed;

	if ((uint32_t)m->x[7] != 0 || off % 8)
		return reply(m, (uint32_t)FFA_RET_INVALID_PARAMETERS, 0, 0, 0, 0);
	s = shm_get(self, caller, handle, &err);
	if (!s || off >= s->size)
		return reply(m, (uint32_t)err, 0, 0, 0, 0);
	len = copy_arg(s, off, copy);
	c = call_place(&local);
	parsed = msg_parse(copy, len, &c->msg);
	if (parsed == MSG_TOO_SHORT)
		return reply(m, (uint32_t)FFA_RET_INVALID_PARAMETERS, 0, 0, 0, 0);
	/* Only OPEN_SESSION and INVOKE_COMMAND can wait in a TA; the rest end now, without a
	 * slot, so a CANCEL gets through however many calls its caller has waiting. */
	if (!call_take(c, caller,
		       parsed == MSG_OK && (c->msg.cmd == OPTEE_MSG_CMD_OPEN_SESSION ||
					    c->msg.cmd == OPTEE_MSG_CMD_INVOKE_COMMAND)))
		return reply(m, (uint32_t)FFA_RET_BUSY, 0, 0, 0, 0);
	c->self = self;
	c->caller = caller;
	c->arg_shm = s;
	c->arg_off = off;
	s->users++;
	run_message(c, parsed, m);
}

static void resume_call(ffa_id_t caller, struct ffa_value *m)
{
	uint32_t info = (uint32_t)m->x[7], i = info - RESUME_INFO_TAG;
	struct tee_call *c = i < MAX_CALLS ? &calls[i] : 0;

	/* A call ended for another client (evicted) waits here for its results to be taken. */
	if (!c || !c->in_use || !(c->waiting || c->preempted || c->evicted) ||
	    c->caller != caller || m->x[4] || m->x[5] || m->x[6])
		return reply(m, (uint32_t)FFA_RET_INVALID_PARAMETERS, 0, 0, 0, 0);
	call_outcome(c, tee_call_resume(c), m);
}

uint32_t optee_server_forget(ffa_id_t self, ffa_id_t caller)
{
	unsigned dropped = 0, closed, shares;

	for (unsigned i = 0; i < MAX_CALLS; i++) {
		struct tee_call *c = &calls[i];

		if (!c->in_use || c->caller != caller)
			continue;
		tee_call_abandon(c); /* no results are written: nobody reads them */
		c->arg_shm->users--;
		call_free(c);
		dropped++;
	}
	closed = tee_close_all(caller);
	shares = shm_forget(self, caller);
	printk("forgot endpoint 0x%x: %u call(s), %u session(s), %u share(s)\n", caller, dropped,
	       closed, shares);
	return dropped | closed << 8 | shares << 16;
}

void optee_server_handle(ffa_id_t self, ffa_id_t caller, struct ffa_value *m)
{
	uint32_t fn = (uint32_t)m->x[3];

	switch (fn) {
	case OPTEE_FFA_GET_API_VERSION:
		return reply(m, OPTEE_FFA_VERSION_MAJOR, OPTEE_FFA_VERSION_MINOR, 0, 0, 0);
	case OPTEE_FFA_GET_OS_VERSION:
		return reply(m, TOS_OS_MAJOR, TOS_OS_MINOR, 0, 0, 0);
	case OPTEE_FFA_EXCHANGE_CAPABILITIES:
		return reply(m, 0, 0, OPTEE_FFA_SEC_CAP_ARG_OFFSET, 0, 0);
	case OPTEE_FFA_UNREGISTER_SHM:
		return reply(
		    m,
		    (uint32_t)shm_unregister(
			self, caller, optee_ffa_handle((uint32_t)m->x[4], (uint32_t)m->x[5])),
		    0, 0, 0, 0);
	case OPTEE_FFA_YIELDING_CALL_WITH_ARG:
		return yielding_call(self, caller, m);
	case OPTEE_FFA_YIELDING_CALL_RESUME:
		return resume_call(caller, m);
	default:
		return reply(m, (uint32_t)FFA_RET_NOT_SUPPORTED, 0, 0, 0, 0);
	}
}
