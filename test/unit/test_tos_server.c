// SPDX-License-Identifier: BSD-3-Clause
/*
 * Unit tests of the trusted OS's OP-TEE FF-A ABI server (tos/optee_server.c,
 * with the real msg.c) against a scripted TA manager and one shared page:
 * the blocking calls' registers, every refusal of YIELDING_CALL_WITH_ARG
 * (handle, offset, alignment, w7, a message that does not fit), refused
 * messages answered in the argument, results written back only at the end
 * and only where allowed, suspension and resume (resume info, caller, MBZ
 * registers), the call slots (per caller, and fairly shared: whatever the
 * others hold, a client's first call never gets BUSY; CANCEL and CLOSE need
 * none), a call ended for another client (evicted) handing its results to its
 * caller's next resume, UNREGISTER_SHM, and forgetting a caller.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <abi/optee_ffa.h>
#include <lib/print.h>
#include <tee_api_defines.h>

#include "../../tos/optee_server.h"
#include "../../tos/quota.h"
#include "../../tos/ta_mgr.h"

#define SELF   0x8002
#define GUEST  0x0001
#define OTHER  0x0002
#define HANDLE 0x1234500000077ull

/* ---- Fakes: one share per caller over one host page each; a scripted TA manager ---------- */

#define NC (TOS_MAX_CLIENTS + 1) /* callers 1..NC, one share each */

static uint8_t page[NC][4096] __attribute__((aligned(8)));
static struct shm shares[NC];
static int32_t unregister_rc;
static unsigned forgets;
static uint64_t bytes_read; /* by shm_read(), since the test began */

static struct shm *share_of(ffa_id_t caller)
{
	return caller >= 1 && caller <= NC ? &shares[caller - 1] : 0;
}

struct shm *shm_get(ffa_id_t self, ffa_id_t caller, uint64_t handle, int32_t *err)
{
	struct shm *s = share_of(caller);

	if (!s || handle != HANDLE) {
		*err = FFA_RET_INVALID_PARAMETERS;
		return 0;
	}
	return s;
}

bool shm_read(const struct shm *s, uint64_t off, void *dst, uint64_t len)
{
	if (off > 4096 || len > 4096 - off)
		return false;
	bytes_read += len;
	memcpy(dst, page[s - shares] + off, len);
	return true;
}

bool shm_write(const struct shm *s, uint64_t off, const void *src, uint64_t len)
{
	if (off > 4096 || len > 4096 - off)
		return false;
	memcpy(page[s - shares] + off, src, len);
	return true;
}

/* Results as stores into one range (span_on) or field by field through shm_write(). */
static bool span_on;
void *shm_span(const struct shm *s, uint64_t off, uint64_t len)
{
	if (!span_on || off > 4096 || len > 4096 - off)
		return 0;
	return page[s - shares] + off;
}

int32_t shm_unregister(ffa_id_t self, ffa_id_t caller, uint64_t handle)
{
	struct shm *s = share_of(caller);

	if (!s || handle != HANDLE)
		return FFA_RET_INVALID_PARAMETERS;
	return s->users ? FFA_RET_BUSY : unregister_rc;
}

unsigned shm_forget(ffa_id_t self, ffa_id_t caller)
{
	forgets++;
	return 1;
}

/*
 * The TA manager: INVOKE with func = 1000 + n waits n resumes; results in ret = func.
 * INVOKE with func = EVICT ends the last call that waited as ta_mgr.c does when its
 * suspension is overdue and another client needs the instance.
 */
#define EVICT 999
static unsigned starts, cancels, closes_all, abandons;
static uint32_t last_cancel_session, last_cancel_id;
static struct tee_call *last_waiting;

int tee_call_start(struct tee_call *c)
{
	starts++;
	if (c->msg.func == EVICT && last_waiting && last_waiting->waiting) {
		last_waiting->evicted = true;
		last_waiting->waiting = false;
		last_waiting->ret = TEE_ERROR_CANCEL; /* what the TA returned after TEE_Wait */
	}
	c->ret = c->msg.func;
	c->origin = TEE_ORIGIN_TRUSTED_APP;
	c->session_id = 0x42;
	for (unsigned i = 0; i < OPTEE_MSG_MAX_CLIENT_PARAMS; i++) {
		c->outs[i] = c->msg.params[i];
		c->outs[i].a = 0xa0 + i; /* what the TA left */
		c->outs[i].b = 0xb0 + i;
		c->outs[i].size = 0x50 + i;
	}
	if (c->msg.cmd == OPTEE_MSG_CMD_INVOKE_COMMAND && c->msg.func >= 2000) {
		c->preempted = true; /* its time slice ended: a TA that computes (or loops) */
		c->deadline = c->msg.func - 2000;
		return CALL_SUSPENDED;
	}
	if (c->msg.cmd == OPTEE_MSG_CMD_INVOKE_COMMAND && c->msg.func >= 1000) {
		c->waiting = true;
		c->deadline = c->msg.func - 1000; /* resumes to go */
		last_waiting = c;
		return CALL_SUSPENDED;
	}
	return CALL_DONE;
}

int tee_call_resume(struct tee_call *c)
{
	if (!c->waiting && !c->preempted)
		return CALL_DONE; /* ended meanwhile: its results are in the call */
	if (c->deadline && !c->abandoned) {
		c->deadline--;
		return CALL_SUSPENDED;
	}
	c->waiting = c->preempted = false;
	c->ret = c->abandoned ? TEE_ERROR_CANCEL : 0;
	return CALL_DONE;
}

void tee_call_abandon(struct tee_call *c)
{
	abandons++;
	c->abandoned = true;
	tee_call_resume(c);
}

unsigned tee_close_all(ffa_id_t caller)
{
	closes_all++;
	return 2;
}

uint32_t tee_cancel(ffa_id_t caller, uint32_t session, uint32_t cancel_id)
{
	cancels++;
	last_cancel_session = session;
	last_cancel_id = cancel_id;
	return TEE_SUCCESS;
}

void printk(const char *fmt, ...)
{
	(void)fmt;
}

/* ---- Helpers ---------------------------------------------------------------------------- */

static struct ffa_value call(ffa_id_t caller, uint32_t w3, uint32_t w4, uint32_t w5, uint32_t w6,
			     uint32_t w7)
{
	struct ffa_value m = { { FFA_MSG_SEND_DIRECT_REQ_32, 0, 0, w3, w4, w5, w6, w7 } };

	optee_server_handle(SELF, caller, &m);
	return m;
}

static struct ffa_value with_arg(ffa_id_t caller, uint32_t off)
{
	return call(caller, OPTEE_FFA_YIELDING_CALL_WITH_ARG, (uint32_t)HANDLE,
		    (uint32_t)(HANDLE >> 32), off, 0);
}

static struct optee_msg_arg *msg(ffa_id_t caller, uint32_t off, uint32_t cmd, uint32_t func,
				 uint32_t nparams)
{
	struct optee_msg_arg *a = (struct optee_msg_arg *)(page[caller - 1] + off);

	memset(a, 0, OPTEE_MSG_GET_ARG_SIZE(6));
	a->cmd = cmd;
	a->func = func;
	a->session = 9;
	a->cancel_id = 3;
	a->num_params = nparams;
	a->ret = 0x5a5a5a5a;
	a->ret_origin = 0x5a5a5a5a;
	return a;
}

/* Start a call that waits `resumes` resumes; its resume info. */
static uint32_t start_waiting(ffa_id_t caller, uint32_t off, unsigned resumes)
{
	struct ffa_value r;

	msg(caller, off, OPTEE_MSG_CMD_INVOKE_COMMAND, 1000 + resumes, 0);
	r = with_arg(caller, off);
	assert_int_equal(r.x[3], 0);
	assert_int_equal(r.x[4], OPTEE_FFA_YIELDING_CALL_RETURN_INTERRUPT);
	assert_int_not_equal(r.x[7], 0);
	return (uint32_t)r.x[7];
}

static int setup(void **state)
{
	/* Drop anything a previous test left waiting, then start afresh. */
	for (ffa_id_t c = 1; c <= NC; c++)
		optee_server_forget(SELF, c);
	span_on = true;
	memset(page, 0, sizeof(page));
	memset(shares, 0, sizeof(shares));
	for (unsigned i = 0; i < NC; i++)
		shares[i].size = 4096;
	last_waiting = 0;
	unregister_rc = 0;
	starts = cancels = closes_all = abandons = forgets = 0;
	return 0;
}

/* ---- Tests ------------------------------------------------------------------------------ */

static void test_blocking_calls(void **state)
{
	struct ffa_value r = call(GUEST, OPTEE_FFA_GET_API_VERSION, 0, 0, 0, 0);

	assert_int_equal(r.x[3], 1);
	assert_int_equal(r.x[4], 0);
	r = call(GUEST, OPTEE_FFA_GET_OS_VERSION, 0, 0, 0, 0);
	assert_int_equal(r.x[5], 0);
	r = call(GUEST, OPTEE_FFA_EXCHANGE_CAPABILITIES, 0, 0, 0, 0);
	assert_int_equal(r.x[3], 0);
	assert_int_equal(r.x[4], 0); /* no RPC parameters */
	assert_int_equal(r.x[5], OPTEE_FFA_SEC_CAP_ARG_OFFSET);
	r = call(GUEST, 0x80000002u, 0, 0, 0, 0);
	assert_int_equal(r.x[3], (uint32_t)FFA_RET_NOT_SUPPORTED);
	assert_true(optee_is_call(0) && optee_is_call(3) && optee_is_call(0x80000001u));
	assert_false(optee_is_call(4) || optee_is_call(0x80000004u) || optee_is_call(0x40000000u));
}

static void test_with_arg_refusals(void **state)
{
	const uint32_t bad = (uint32_t)FFA_RET_INVALID_PARAMETERS;

	msg(GUEST, 0, OPTEE_MSG_CMD_INVOKE_COMMAND, 0, 0);
	assert_int_equal(call(GUEST, OPTEE_FFA_YIELDING_CALL_WITH_ARG, 1, 2, 0, 0).x[3], bad);
	assert_int_equal(call(0x0099, OPTEE_FFA_YIELDING_CALL_WITH_ARG, (uint32_t)HANDLE,
			      (uint32_t)(HANDLE >> 32), 0, 0)
			     .x[3],
			 bad);					/* not this caller's handle */
	assert_int_equal(with_arg(GUEST, 4).x[3], bad);		/* unaligned */
	assert_int_equal(with_arg(GUEST, 4096).x[3], bad);	/* outside */
	assert_int_equal(with_arg(GUEST, 4096 - 24).x[3], bad); /* header does not fit */
	msg(GUEST, 4096 - 64, OPTEE_MSG_CMD_INVOKE_COMMAND, 0, 2);
	assert_int_equal(with_arg(GUEST, 4096 - 64).x[3], bad); /* params do not fit */
	assert_int_equal(call(GUEST, OPTEE_FFA_YIELDING_CALL_WITH_ARG, (uint32_t)HANDLE,
			      (uint32_t)(HANDLE >> 32), 0, 1)
			     .x[3],
			 bad); /* w7 */
	assert_int_equal(starts, 0);
	assert_int_equal(shares[0].users, 0);
}

/* The message is copied before it is checked, but only the header and the params it counts. */
static void test_copies_only_what_is_used(void **state)
{
	struct optee_msg_arg *a = msg(GUEST, 512, OPTEE_MSG_CMD_INVOKE_COMMAND, 0x77, 1);

	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INOUT;
	bytes_read = 0;
	assert_int_equal(with_arg(GUEST, 512).x[4], OPTEE_FFA_YIELDING_CALL_RETURN_DONE);
	assert_int_equal(bytes_read, OPTEE_MSG_GET_ARG_SIZE(1));
	assert_int_equal(a->ret, 0x77);
	assert_int_equal(a->params[0].u.value.a, 0xa0);
	/* A count above the largest message: the largest is copied, the message refused. */
	a = msg(GUEST, 512, OPTEE_MSG_CMD_INVOKE_COMMAND, 0x77, 0);
	a->num_params = 1000;
	bytes_read = 0;
	assert_int_equal(with_arg(GUEST, 512).x[4], OPTEE_FFA_YIELDING_CALL_RETURN_DONE);
	assert_int_equal(bytes_read, OPTEE_MSG_GET_ARG_SIZE(6));
	assert_int_equal(a->ret, TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(a->ret_origin, TEE_ORIGIN_COMMS);
	/* The share's end bounds the copy: a header alone that fits is read, then refused. */
	struct optee_msg_arg last = { .cmd = OPTEE_MSG_CMD_INVOKE_COMMAND, .num_params = 1 };

	memcpy(page[GUEST - 1] + 4096 - sizeof(last), &last, sizeof(last));
	bytes_read = 0;
	assert_int_equal(with_arg(GUEST, 4096 - 32).x[3], (uint32_t)FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(bytes_read, 32);
	assert_int_equal(starts, 1);
	assert_int_equal(shares[0].users, 0);
}

static void test_refused_message_answered_in_place(void **state)
{
	struct optee_msg_arg *a = msg(GUEST, 0, OPTEE_MSG_CMD_INVOKE_COMMAND, 0, 1);
	struct ffa_value r;

	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_TMEM_INPUT;
	r = with_arg(GUEST, 0);
	assert_int_equal(r.x[3], 0);
	assert_int_equal(r.x[4], OPTEE_FFA_YIELDING_CALL_RETURN_DONE);
	assert_int_equal(a->ret, TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(a->ret_origin, TEE_ORIGIN_COMMS);
	assert_int_equal(a->session, 9);
	assert_int_equal(starts, 0);
}

static void test_results_written_where_allowed(void **state)
{
	struct optee_msg_arg *a = msg(GUEST, 256, OPTEE_MSG_CMD_INVOKE_COMMAND, 0x77, 3);
	struct ffa_value r;

	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	a->params[0].u.value.a = 1;
	a->params[1].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INOUT;
	a->params[1].u.value.c = 0xcc;
	a->params[2].attr = OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT;
	a->params[2].u.fmem.global_id = HANDLE;
	a->params[2].u.fmem.offs_low = 8;
	r = with_arg(GUEST, 256);
	assert_int_equal(r.x[4], OPTEE_FFA_YIELDING_CALL_RETURN_DONE);
	assert_int_equal(a->ret, 0x77);
	assert_int_equal(a->ret_origin, TEE_ORIGIN_TRUSTED_APP);
	assert_int_equal(a->session, 9); /* not OPEN_SESSION: untouched */
	assert_int_equal(a->params[0].u.value.a, 1);
	assert_int_equal(a->params[1].u.value.a, 0xa1);
	assert_int_equal(a->params[1].u.value.b, 0xb1);
	assert_int_equal(a->params[1].u.value.c, 0xcc);
	assert_int_equal(a->params[2].u.fmem.size, 0x52);
	assert_int_equal(a->params[2].u.fmem.global_id, HANDLE);
	assert_int_equal(a->params[2].u.fmem.offs_low, 8);
	assert_int_equal(a->params[2].attr, OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT);
	assert_int_equal(shares[0].users, 0);
}

/* The same, written field by field (a message across two ranges of its share). */
static void test_results_written_field_by_field(void **state)
{
	span_on = false;
	test_results_written_where_allowed(state);
	span_on = true;
}

static void test_open_session_writes_session(void **state)
{
	struct optee_msg_arg *a = msg(GUEST, 0, OPTEE_MSG_CMD_OPEN_SESSION, 0, 2);

	a->params[0].attr = a->params[1].attr =
	    OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META;
	assert_int_equal(with_arg(GUEST, 0).x[3], 0);
	assert_int_equal(a->ret, 0);
	assert_int_equal(a->session, 0x42);
}

static void test_suspend_and_resume(void **state)
{
	uint32_t info = start_waiting(GUEST, 0, 2);
	struct optee_msg_arg *a = (struct optee_msg_arg *)page[0];
	struct ffa_value r;

	assert_int_equal(a->ret, 0x5a5a5a5a); /* nothing written while it waits */
	assert_int_equal(shares[0].users, 1);
	assert_int_equal(
	    call(GUEST, OPTEE_FFA_UNREGISTER_SHM, (uint32_t)HANDLE, (uint32_t)(HANDLE >> 32), 0, 0)
		.x[3],
	    (uint32_t)FFA_RET_BUSY);
	r = call(OTHER, OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0, info);
	assert_int_equal(r.x[3], (uint32_t)FFA_RET_INVALID_PARAMETERS); /* not its call */
	r = call(GUEST, OPTEE_FFA_YIELDING_CALL_RESUME, 1, 0, 0, info);
	assert_int_equal(r.x[3], (uint32_t)FFA_RET_INVALID_PARAMETERS); /* w4 MBZ */
	r = call(GUEST, OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0, info + 1);
	assert_int_equal(r.x[3], (uint32_t)FFA_RET_INVALID_PARAMETERS); /* no such call */
	r = call(GUEST, OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0, 0);
	assert_int_equal(r.x[3], (uint32_t)FFA_RET_INVALID_PARAMETERS);
	r = call(GUEST, OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0, info);
	assert_int_equal(r.x[4], OPTEE_FFA_YIELDING_CALL_RETURN_INTERRUPT);
	assert_int_equal(r.x[7], info);
	r = call(GUEST, OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0, info);
	assert_int_equal(r.x[4], OPTEE_FFA_YIELDING_CALL_RETURN_INTERRUPT);
	r = call(GUEST, OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0, info);
	assert_int_equal(r.x[3], 0);
	assert_int_equal(r.x[4], OPTEE_FFA_YIELDING_CALL_RETURN_DONE);
	assert_int_equal(a->ret, 0);
	assert_int_equal(shares[0].users, 0);
	/* Finished: the same resume info names nothing any more. */
	r = call(GUEST, OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0, info);
	assert_int_equal(r.x[3], (uint32_t)FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(
	    call(GUEST, OPTEE_FFA_UNREGISTER_SHM, (uint32_t)HANDLE, (uint32_t)(HANDLE >> 32), 0, 0)
		.x[3],
	    0);
}

static void test_call_slots(void **state)
{
	struct optee_msg_arg *c;

	start_waiting(GUEST, 0, 100);
	start_waiting(GUEST, 512, 100);
	start_waiting(GUEST, 1024, 100);
	/* A fourth call that may wait: not for this caller... */
	msg(GUEST, 1536, OPTEE_MSG_CMD_INVOKE_COMMAND, 1, 0);
	assert_int_equal(with_arg(GUEST, 1536).x[3], (uint32_t)FFA_RET_BUSY);
	/* ...but CANCEL and CLOSE still get through, and another caller gets the last slot. */
	c = msg(GUEST, 2048, OPTEE_MSG_CMD_CANCEL, 0, 0);
	assert_int_equal(with_arg(GUEST, 2048).x[4], OPTEE_FFA_YIELDING_CALL_RETURN_DONE);
	assert_int_equal(c->ret, 0);
	assert_int_equal(c->ret_origin, TEE_ORIGIN_TEE);
	assert_int_equal(cancels, 1);
	assert_int_equal(last_cancel_session, 9);
	assert_int_equal(last_cancel_id, 3);
	msg(GUEST, 2048, OPTEE_MSG_CMD_CLOSE_SESSION, 0, 0);
	assert_int_equal(with_arg(GUEST, 2048).x[3], 0);
	assert_int_equal(shares[0].users, 3);
}

/* Every client leaves as many calls waiting as it may: the last one still gets its first. */
static void test_call_slots_fairly_shared(void **state)
{
	unsigned total = 0;

	for (ffa_id_t c = 1; c <= TOS_MAX_CLIENTS; c++) {
		unsigned n = 0;

		for (;;) {
			struct ffa_value r;

			msg(c, 512 * n, OPTEE_MSG_CMD_INVOKE_COMMAND, 1100, 0);
			r = with_arg(c, 512 * n);
			if (r.x[3] == (uint32_t)FFA_RET_BUSY)
				break;
			assert_int_equal(r.x[4], OPTEE_FFA_YIELDING_CALL_RETURN_INTERRUPT);
			n++;
		}
		assert_true(n >= 1 && n <= 3);
		total += n;
	}
	assert_true(total > TOS_MAX_CLIENTS); /* the common slots were used too */
}

/*
 * A call suspended past the deadline that ta_mgr.c ended for another client: its caller's
 * next resume gets DONE and the results (not INVALID_PARAMETERS), and the slot is free.
 */
static void test_evicted_call_results_reach_its_caller(void **state)
{
	uint32_t info = start_waiting(GUEST, 0, 100);
	struct optee_msg_arg *a = (struct optee_msg_arg *)page[0];
	struct ffa_value r;

	msg(OTHER, 0, OPTEE_MSG_CMD_INVOKE_COMMAND, EVICT, 0);
	assert_int_equal(with_arg(OTHER, 0).x[4], OPTEE_FFA_YIELDING_CALL_RETURN_DONE);
	assert_int_equal(a->ret, 0x5a5a5a5a); /* nothing written before GUEST asks */
	r = call(OTHER, OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0, info);
	assert_int_equal(r.x[3], (uint32_t)FFA_RET_INVALID_PARAMETERS); /* still not OTHER's */
	r = call(GUEST, OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0, info);
	assert_int_equal(r.x[3], 0);
	assert_int_equal(r.x[4], OPTEE_FFA_YIELDING_CALL_RETURN_DONE);
	assert_int_equal(a->ret, TEE_ERROR_CANCEL);
	assert_int_equal(shares[0].users, 0);
	r = call(GUEST, OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0, info);
	assert_int_equal(r.x[3], (uint32_t)FFA_RET_INVALID_PARAMETERS);
}

static void test_unregister(void **state)
{
	assert_int_equal(call(GUEST, OPTEE_FFA_UNREGISTER_SHM, 1, 0, 0, 0).x[3],
			 (uint32_t)FFA_RET_INVALID_PARAMETERS);
	unregister_rc = FFA_RET_ABORTED; /* the relinquish itself failed */
	assert_int_equal(
	    call(GUEST, OPTEE_FFA_UNREGISTER_SHM, (uint32_t)HANDLE, (uint32_t)(HANDLE >> 32), 0, 0)
		.x[3],
	    (uint32_t)FFA_RET_ABORTED);
}

static void test_forget_a_caller(void **state)
{
	uint32_t info = start_waiting(GUEST, 0, 100), kept = start_waiting(OTHER, 0, 1);
	struct optee_msg_arg *a = (struct optee_msg_arg *)page[0];
	uint32_t counts = optee_server_forget(SELF, GUEST);

	assert_int_equal(counts, 1 | 2 << 8 | 1 << 16);
	assert_int_equal(abandons, 1);
	assert_int_equal(a->ret, 0x5a5a5a5a); /* nothing written for a forgotten caller */
	assert_int_equal(shares[0].users, 0);
	assert_int_equal(call(GUEST, OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0, info).x[3],
			 (uint32_t)FFA_RET_INVALID_PARAMETERS);
	/* The other caller's call is untouched. */
	assert_int_equal(call(OTHER, OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0, kept).x[4],
			 OPTEE_FFA_YIELDING_CALL_RETURN_INTERRUPT);
}

/*
 * A call suspended at the end of its time slice (not in TEE_Wait) is resumed like a waiting
 * one by its caller only; once its caller is forgotten its resume info names nothing.
 */
static void test_preempted_call_resumed_then_forgotten(void **state)
{
	struct ffa_value r;
	uint32_t info;

	msg(GUEST, 0, OPTEE_MSG_CMD_INVOKE_COMMAND, 2001, 0);
	r = with_arg(GUEST, 0);
	assert_int_equal(r.x[4], OPTEE_FFA_YIELDING_CALL_RETURN_INTERRUPT);
	info = (uint32_t)r.x[7];
	assert_int_equal(call(OTHER, OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0, info).x[3],
			 (uint32_t)FFA_RET_INVALID_PARAMETERS);
	r = call(GUEST, OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0, info);
	assert_int_equal(r.x[4], OPTEE_FFA_YIELDING_CALL_RETURN_INTERRUPT);
	assert_int_equal(r.x[7], info);
	r = call(GUEST, OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0, info);
	assert_int_equal(r.x[4], OPTEE_FFA_YIELDING_CALL_RETURN_DONE);
	/* Again, left suspended, then its caller is forgotten (VM destroyed). */
	msg(GUEST, 0, OPTEE_MSG_CMD_INVOKE_COMMAND, 2100, 0);
	info = (uint32_t)with_arg(GUEST, 0).x[7];
	assert_int_equal(optee_server_forget(SELF, GUEST) & 0xff, 1);
	assert_int_equal(abandons, 1);
	assert_int_equal(shares[0].users, 0);
	assert_int_equal(call(GUEST, OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0, info).x[3],
			 (uint32_t)FFA_RET_INVALID_PARAMETERS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_blocking_calls, setup),
		cmocka_unit_test_setup(test_with_arg_refusals, setup),
		cmocka_unit_test_setup(test_copies_only_what_is_used, setup),
		cmocka_unit_test_setup(test_refused_message_answered_in_place, setup),
		cmocka_unit_test_setup(test_results_written_where_allowed, setup),
		cmocka_unit_test_setup(test_results_written_field_by_field, setup),
		cmocka_unit_test_setup(test_open_session_writes_session, setup),
		cmocka_unit_test_setup(test_suspend_and_resume, setup),
		cmocka_unit_test_setup(test_preempted_call_resumed_then_forgotten, setup),
		cmocka_unit_test_setup(test_call_slots, setup),
		cmocka_unit_test_setup(test_call_slots_fairly_shared, setup),
		cmocka_unit_test_setup(test_evicted_call_results_reach_its_caller, setup),
		cmocka_unit_test_setup(test_unregister, setup),
		cmocka_unit_test_setup(test_forget_a_caller, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
