// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host unit tests of libteec's FF-A transport (client/libteec/ffa_transport.c) with the real
 * core on top: every SMC goes to fake_smc() (arch/fake), which plays nshyp and a TEE at the
 * register level, and the FF-A memory calls are scripted here instead of lib/ffa_mem_client.c.
 * Covered: discovery against the TEE directory (bound, unbound, unknown names; malformed
 * partition info), the OP-TEE handshake (wrong version, error answers, another sender), the
 * yielding-call loop (DONE, INTERRUPT + resume info, FFA_YIELD + FFA_RUN, errors in w3, RPC
 * and garbage answers), cancellation (one CANCEL message in the second slot, right session and
 * cancel ID), and the end of a share (UNREGISTER_SHM then reclaim; BUSY keeps the pages).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../client/libteec/teec_private.h"
#include <abi/ffa_mem.h>
#include <abi/optee_ffa.h>
#include <arch/smc.h>
#include <config/tee_directory.h>
#include <lib/ffa_mem_client.h>
#include <teec_ext.h>

#define SELF   0x0001
#define PAY    0x8001
#define VAULT  0x8002
#define ORPHAN 0x8003 /* in the directory, never bound */
#define PLAIN  0x8004 /* a TEE without OPTEE_FFA_SEC_CAP_ARG_OFFSET */

const struct tee_directory_entry tee_directory[] = {
	{ "pay", { 0 }, PAY },
	{ "vault", { 0 }, VAULT },
	{ "orphan", { 0 }, ORPHAN },
	{ "plain", { 0 }, PLAIN },
};
const unsigned tee_directory_count = 4;

/* ---- the world above the guest ------------------------------------------------------ */

enum tee_mode {
	TEE_OK,
	TEE_WRONG_VERSION,
	TEE_ERROR_ANSWER,
	TEE_OTHER_SENDER
};

/* libteec maps its RX/TX pair once for the whole run (not reset between tests). */
static const struct ffa_mem_buffers *bufs;

static struct {
	uint16_t visible[4];
	uint32_t nvisible;
	uint32_t info_desc_size; /* 24, or something hostile */
	uint32_t info_count_extra;
	int32_t rxtx_result;
	enum tee_mode mode;
	uint32_t caps;
	/* yielding calls: a script of answers (w3, w4, w7), consumed one per request or resume */
	struct {
		uint64_t x0;
		uint32_t w3, w4, w7;
	} script[8];
	unsigned script_len, script_at;
	unsigned yields_before_answer;
	uint32_t last_resume_info;
	unsigned resumes, cancels, runs, unregisters, reclaims, shares;
	struct optee_msg_arg cancel_msg;
	uint32_t cancel_offset;
	int32_t unregister_result;
	int32_t reclaim_result;
	uint64_t next_handle;
	uint64_t live[16];
	unsigned nlive;
} w;

static struct ffa_value value(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3, uint64_t x4,
			      uint64_t x5, uint64_t x6, uint64_t x7)
{
	struct ffa_value v = { { x0, x1, x2, x3, x4, x5, x6, x7 } };
	return v;
}

static struct ffa_value resp(uint16_t from, uint32_t w3, uint32_t w4, uint32_t w5, uint32_t w6,
			     uint32_t w7)
{
	return value(FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(from, SELF), 0, w3, w4, w5, w6, w7);
}

static struct ffa_value error(int32_t e)
{
	return value(FFA_ERROR, 0, (uint32_t)e, 0, 0, 0, 0, 0);
}

static struct ffa_value partition_info(void)
{
	uint8_t *rx = bufs->rx;

	memset(rx, 0, TEEC_PAGE_SIZE);
	for (uint32_t i = 0; i < w.nvisible; i++) {
		struct ffa_partition_info d = { .id = w.visible[i], .exec_ctx_count = 1 };

		if ((uint64_t)(i + 1) * w.info_desc_size <= TEEC_PAGE_SIZE)
			memcpy(rx + i * w.info_desc_size, &d,
			       w.info_desc_size < sizeof(d) ? w.info_desc_size : sizeof(d));
	}
	return value(FFA_SUCCESS_32, 0, w.nvisible + w.info_count_extra, w.info_desc_size, 0, 0, 0,
		     0);
}

static struct ffa_value next_scripted(uint16_t tee)
{
	if (w.script_at >= w.script_len)
		return resp(tee, 0, OPTEE_FFA_YIELDING_CALL_RETURN_DONE, 0, 0, 0);
	if (w.script[w.script_at].x0 == FFA_YIELD)
		return value(FFA_YIELD, ffa_msg_ids(tee, 0), 0, 0, 0, 0, 0, w.script_at++);
	w.script_at++;
	return resp(tee, w.script[w.script_at - 1].w3, w.script[w.script_at - 1].w4, 0, 0,
		    w.script[w.script_at - 1].w7);
}

static struct ffa_value tee_request(struct ffa_value in)
{
	uint16_t tee = ffa_msg_receiver(in.x[1]);
	uint32_t fn = (uint32_t)in.x[3];

	assert_int_equal(ffa_msg_sender(in.x[1]), SELF);
	if (w.mode == TEE_ERROR_ANSWER)
		return error(FFA_RET_DENIED);
	if (w.mode == TEE_OTHER_SENDER)
		return resp(tee ^ 1, 1, 0, 0, 0, 0);
	switch (fn) {
	case OPTEE_FFA_GET_API_VERSION:
		return resp(tee, w.mode == TEE_WRONG_VERSION ? 2 : 1, 0, 0, 0, 0);
	case OPTEE_FFA_EXCHANGE_CAPABILITIES:
		return resp(tee, 0, 0, w.caps, 0, 0);
	case OPTEE_FFA_UNREGISTER_SHM:
		w.unregisters++;
		return resp(tee, (uint32_t)w.unregister_result, 0, 0, 0, 0);
	case OPTEE_FFA_YIELDING_CALL_WITH_ARG:
		if (in.x[6] != 0) {
			/* The CANCEL slot: copy what libteec wrote in its message page. */
			w.cancels++;
			w.cancel_offset = (uint32_t)in.x[6];
			memcpy(&w.cancel_msg, (uint8_t *)teec_tp_msg(tee) + w.cancel_offset,
			       sizeof(w.cancel_msg));
			return resp(tee, 0, OPTEE_FFA_YIELDING_CALL_RETURN_DONE, 0, 0, 0);
		}
		return next_scripted(tee);
	case OPTEE_FFA_YIELDING_CALL_RESUME:
		w.resumes++;
		w.last_resume_info = (uint32_t)in.x[7];
		return next_scripted(tee);
	default:
		return error(FFA_RET_NOT_SUPPORTED);
	}
}

struct ffa_value fake_smc(struct ffa_value in)
{
	switch ((uint32_t)in.x[0]) {
	case FFA_VERSION:
		return value(FFA_VERSION_1_1, 0, 0, 0, 0, 0, 0, 0);
	case FFA_ID_GET:
		return value(FFA_SUCCESS_32, 0, SELF, 0, 0, 0, 0, 0);
	case FFA_PARTITION_INFO_GET:
		return partition_info();
	case FFA_MSG_SEND_DIRECT_REQ_32:
		return tee_request(in);
	case FFA_RUN:
		w.runs++;
		return next_scripted((uint16_t)(in.x[1] >> 16));
	default:
		return error(FFA_RET_NOT_SUPPORTED);
	}
}

/* ---- FF-A memory calls (lib/ffa_mem_client.h), scripted ------------------------------ */

int32_t ffa_rxtx_map(const struct ffa_mem_buffers *buf)
{
	bufs = buf;
	return w.rxtx_result;
}

int32_t ffa_rx_release(void)
{
	return 0;
}

int32_t ffa_mem_send(uint32_t fid, const struct ffa_mem_buffers *buf, ffa_id_t self,
		     const struct ffa_mem_grant *grants, uint32_t grant_count,
		     const struct ffa_mem_range *ranges, uint32_t range_count, uint16_t attributes,
		     uint32_t flags, uint64_t tag, uint32_t frag_max, uint64_t *handle)
{
	assert_int_equal(fid, FFA_MEM_SHARE_32);
	assert_int_equal(self, SELF);
	assert_int_equal(grant_count, 1);
	assert_int_equal(grants[0].perms, FFA_MEM_DATA_RW);
	assert_int_equal(range_count, 1);
	assert_int_equal(ranges[0].addr % TEEC_PAGE_SIZE, 0);
	assert_int_equal(attributes, FFA_MEM_ATTR_NORMAL_WB_INNER);
	w.shares++;
	*handle = ++w.next_handle | FFA_MEM_HANDLE_ALLOCATOR_HYP;
	w.live[w.nlive++] = *handle;
	return 0;
}

int32_t ffa_mem_reclaim(uint64_t handle, uint32_t flags)
{
	w.reclaims++;
	if (w.reclaim_result)
		return w.reclaim_result;
	for (unsigned i = 0; i < w.nlive; i++) {
		if (w.live[i] == handle) {
			w.live[i] = w.live[--w.nlive];
			return 0;
		}
	}
	return FFA_RET_INVALID_PARAMETERS;
}

/* ---- tests ------------------------------------------------------------------------------ */

static uint32_t pool_at_start;

static int setup(void **state)
{
	memset(&w, 0, sizeof(w));
	w.visible[0] = PAY;
	w.visible[1] = VAULT;
	w.nvisible = 2;
	w.info_desc_size = sizeof(struct ffa_partition_info);
	w.caps = OPTEE_FFA_SEC_CAP_ARG_OFFSET;
	w.unregister_result = FFA_RET_INVALID_PARAMETERS; /* "never retrieved": fine */
	pool_at_start = teec_pages_available();
	return 0;
}

static int teardown(void **state)
{
	assert_int_equal(w.nlive, 0);
	assert_int_equal(teec_pages_available(), pool_at_start);
	return 0;
}

static const TEEC_UUID some_ta = { 1, 2, 3, { 4, 5, 6, 7, 8, 9, 10, 11 } };

static void test_select_by_name_and_binding(void **state)
{
	uint16_t ids[TEEC_IMPL_MAX_TEES];
	uint32_t n;

	assert_int_equal(teec_tp_select("vault", ids, &n), TEEC_SUCCESS);
	assert_int_equal(n, 1);
	assert_int_equal(ids[0], VAULT);
	assert_int_equal(teec_tp_select("orphan", ids, &n), TEEC_ERROR_ACCESS_DENIED);
	assert_int_equal(teec_tp_select("nope", ids, &n), TEEC_ERROR_ITEM_NOT_FOUND);
	assert_int_equal(teec_tp_select(NULL, ids, &n), TEEC_SUCCESS);
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], PAY);
	assert_int_equal(ids[1], VAULT);
	/* Discovery order does not matter: the directory's order routes. */
	w.visible[0] = VAULT;
	w.visible[1] = PAY;
	assert_int_equal(teec_tp_select(NULL, ids, &n), TEEC_SUCCESS);
	assert_int_equal(ids[0], PAY);
	/* Bound to one: the other is refused, NULL gives one. */
	w.nvisible = 1;
	assert_int_equal(teec_tp_select("pay", ids, &n), TEEC_ERROR_ACCESS_DENIED);
	assert_int_equal(teec_tp_select(NULL, ids, &n), TEEC_SUCCESS);
	assert_int_equal(n, 1);
	w.nvisible = 0;
	assert_int_equal(teec_tp_select(NULL, ids, &n), TEEC_ERROR_ITEM_NOT_FOUND);
}

static void test_hostile_partition_info(void **state)
{
	uint16_t ids[TEEC_IMPL_MAX_TEES];
	uint32_t n;

	/* Descriptors too small to hold an ID: nothing is reachable. */
	w.info_desc_size = 2;
	assert_int_equal(teec_tp_select(NULL, ids, &n), TEEC_ERROR_ITEM_NOT_FOUND);
	/* A count far past the RX buffer: read only what fits, nothing outside it. */
	w.info_desc_size = sizeof(struct ffa_partition_info);
	w.info_count_extra = 100000;
	assert_int_equal(teec_tp_select(NULL, ids, &n), TEEC_SUCCESS);
	assert_true(n <= TEEC_IMPL_MAX_TEES);
	/* A huge descriptor size. */
	w.info_desc_size = 0x80000000u;
	w.info_count_extra = 0;
	assert_int_equal(teec_tp_select(NULL, ids, &n), TEEC_ERROR_ITEM_NOT_FOUND);
}

static void test_handshake_refusals(void **state)
{
	TEEC_Context ctx;

	w.mode = TEE_WRONG_VERSION;
	assert_int_equal(TEEC_InitializeContext("pay", &ctx), TEEC_ERROR_NOT_SUPPORTED);
	w.mode = TEE_ERROR_ANSWER;
	assert_int_equal(TEEC_InitializeContext("vault", &ctx), TEEC_ERROR_ACCESS_DENIED);
	w.mode = TEE_OTHER_SENDER;
	assert_int_equal(TEEC_InitializeContext("vault", &ctx), TEEC_ERROR_COMMUNICATION);
	assert_int_equal(TEEC_InitializeContext(NULL, &ctx), TEEC_ERROR_COMMUNICATION);
	assert_int_equal(w.shares, 0);
	/* A well-behaved vault afterwards: pay stays "not OP-TEE" (probed), vault attaches. */
	w.mode = TEE_OK;
	assert_int_equal(TEEC_InitializeContext(NULL, &ctx), TEEC_SUCCESS);
	assert_int_equal(ctx.tee_count, 1);
	assert_int_equal(ctx.tee_ids[0], VAULT);
	assert_int_equal(w.shares, 1); /* the message page */
	TEEC_FinalizeContext(&ctx);
	assert_int_equal(w.unregisters, 1);
	assert_int_equal(w.reclaims, 1);
}

static void open_vault(TEEC_Context *ctx, TEEC_Session *s)
{
	w.script_len = 0;
	w.script_at = 0;
	assert_int_equal(TEEC_InitializeContext("vault", ctx), TEEC_SUCCESS);
	/* A DONE with ret 0 in the (zeroed) message: session 0 opened. */
	assert_int_equal(TEEC_OpenSession(ctx, s, &some_ta, TEEC_LOGIN_PUBLIC, NULL, NULL, NULL),
			 TEEC_SUCCESS);
}

static void script(unsigned i, uint64_t x0, uint32_t w3, uint32_t w4, uint32_t w7)
{
	w.script[i].x0 = x0;
	w.script[i].w3 = w3;
	w.script[i].w4 = w4;
	w.script[i].w7 = w7;
	w.script_len = i + 1;
	w.script_at = 0;
}

static unsigned hook_calls;
static TEEC_Operation *cancel_op;
static void hook(void *arg)
{
	if (++hook_calls == 2 && cancel_op)
		TEEC_RequestCancellation(cancel_op);
}

static void test_suspended_call_resumed_and_cancelled(void **state)
{
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op = { 0 };
	uint32_t origin;

	open_vault(&ctx, &s);
	script(0, 0, 0, OPTEE_FFA_YIELDING_CALL_RETURN_INTERRUPT, 0x1234);
	script(1, 0, 0, OPTEE_FFA_YIELDING_CALL_RETURN_INTERRUPT, 0x1234);
	script(2, 0, 0, OPTEE_FFA_YIELDING_CALL_RETURN_INTERRUPT, 0x1234);
	script(3, 0, 0, OPTEE_FFA_YIELDING_CALL_RETURN_DONE, 0);
	hook_calls = 0;
	cancel_op = &op;
	teec_set_resume_hook(hook, NULL);
	assert_int_equal(TEEC_InvokeCommand(&s, 9, &op, &origin), TEEC_SUCCESS);
	teec_set_resume_hook(NULL, NULL);
	assert_int_equal(w.resumes, 3);
	assert_int_equal(w.last_resume_info, 0x1234);
	assert_int_equal(hook_calls, 3);
	/* One CANCEL, in the second slot, naming the call's session and cancel ID. */
	assert_int_equal(w.cancels, 1);
	assert_int_equal(w.cancel_offset, 2048);
	assert_int_equal(w.cancel_msg.cmd, OPTEE_MSG_CMD_CANCEL);
	assert_int_equal(w.cancel_msg.session, s.session_id);
	assert_int_equal(w.cancel_msg.cancel_id, op.cancel_id);
	assert_int_equal(w.cancel_msg.num_params, 0);
	assert_int_equal(op.cancel_requested, 0); /* consumed with the operation */
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

static void test_no_cancel_slot_without_arg_offset(void **state)
{
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op = { 0 };

	w.visible[2] = PLAIN;
	w.nvisible = 3;
	w.caps = 0;
	assert_int_equal(TEEC_InitializeContext("plain", &ctx), TEEC_SUCCESS);
	assert_int_equal(TEEC_OpenSession(&ctx, &s, &some_ta, TEEC_LOGIN_PUBLIC, NULL, NULL, NULL),
			 TEEC_SUCCESS);
	script(0, 0, 0, OPTEE_FFA_YIELDING_CALL_RETURN_INTERRUPT, 7);
	script(1, 0, 0, OPTEE_FFA_YIELDING_CALL_RETURN_INTERRUPT, 7);
	script(2, 0, 0, OPTEE_FFA_YIELDING_CALL_RETURN_DONE, 0);
	hook_calls = 0;
	cancel_op = &op;
	teec_set_resume_hook(hook, NULL);
	/* Cancellation asked for, but the TEE has no second slot: the call runs to its end. */
	assert_int_equal(TEEC_InvokeCommand(&s, 9, &op, NULL), TEEC_SUCCESS);
	teec_set_resume_hook(NULL, NULL);
	assert_int_equal(hook_calls, 2);
	assert_int_equal(w.resumes, 2);
	assert_int_equal(w.cancels, 0);
	/* Cancelled before the start: never reaches the TEE. */
	unsigned resumes = w.resumes;
	TEEC_RequestCancellation(&op);
	assert_int_equal(TEEC_InvokeCommand(&s, 9, &op, NULL), TEEC_ERROR_CANCEL);
	assert_int_equal(w.resumes, resumes);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

static void test_yield_is_run_to_the_answer(void **state)
{
	TEEC_Context ctx;
	TEEC_Session s;

	open_vault(&ctx, &s);
	script(0, FFA_YIELD, 0, 0, 0);
	script(1, FFA_YIELD, 0, 0, 0);
	script(2, 0, 0, OPTEE_FFA_YIELDING_CALL_RETURN_DONE, 0);
	assert_int_equal(TEEC_InvokeCommand(&s, 1, NULL, NULL), TEEC_SUCCESS);
	assert_int_equal(w.runs, 2);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

static void test_bad_answers_are_communication_errors(void **state)
{
	static const struct {
		uint32_t w3, w4;
		TEEC_Result want;
	} cases[] = {
		{ (uint32_t)FFA_RET_BUSY, 0, TEEC_ERROR_BUSY },
		{ (uint32_t)FFA_RET_INVALID_PARAMETERS, 0, TEEC_ERROR_BAD_PARAMETERS },
		{ 0x12345678, 0, TEEC_ERROR_COMMUNICATION },
		{ 0, OPTEE_FFA_YIELDING_CALL_RETURN_RPC_CMD, TEEC_ERROR_COMMUNICATION },
		{ 0, 77, TEEC_ERROR_COMMUNICATION },
	};
	TEEC_Context ctx;
	TEEC_Session s;
	uint32_t origin;

	open_vault(&ctx, &s);
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		script(0, 0, cases[i].w3, cases[i].w4, 0);
		origin = 0;
		assert_int_equal(TEEC_InvokeCommand(&s, 1, NULL, &origin), cases[i].want);
		assert_int_equal(origin, TEEC_ORIGIN_COMMS);
	}
	/* An answer from another partition. */
	w.mode = TEE_OTHER_SENDER;
	assert_int_equal(TEEC_InvokeCommand(&s, 1, NULL, &origin), TEEC_ERROR_COMMUNICATION);
	w.mode = TEE_OK;
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

static void test_share_lifecycle(void **state)
{
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op = { 0 };
	static uint8_t buf[3000];
	TEEC_SharedMemory shm = { .size = 10, .flags = TEEC_MEM_INPUT };

	open_vault(&ctx, &s);
	/* A small temp memref rides in the message page: no FF-A memory call at all. */
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INOUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = buf;
	op.params[0].tmpref.size = 100;
	w.shares = w.unregisters = w.reclaims = 0;
	assert_int_equal(TEEC_InvokeCommand(&s, 1, &op, NULL), TEEC_SUCCESS);
	assert_int_equal(w.shares + w.unregisters + w.reclaims, 0);
	/* A larger one: one bounce share for the call, unregistered and reclaimed after it. */
	op.params[0].tmpref.size = sizeof(buf);
	assert_int_equal(TEEC_InvokeCommand(&s, 1, &op, NULL), TEEC_SUCCESS);
	assert_int_equal(w.shares, 1);
	assert_int_equal(w.unregisters, 1);
	assert_int_equal(w.reclaims, 1);
	/* The TEE still uses a block: BUSY, no reclaim, the pages stay out of the pool. */
	assert_int_equal(TEEC_AllocateSharedMemory(&ctx, &shm), TEEC_SUCCESS);
	w.unregister_result = FFA_RET_BUSY;
	w.reclaims = 0;
	TEEC_ReleaseSharedMemory(&shm);
	assert_int_equal(w.reclaims, 0);
	assert_int_equal(teec_pages_available(), pool_at_start - 2); /* message page + block */
	/* The TEE lets go later; reclaim by hand so the test ends clean. */
	w.unregister_result = 0;
	assert_int_equal(w.nlive, 2);
	assert_int_equal(ffa_mem_reclaim(w.live[1], 0), 0);
	pool_at_start--;
	/* A reclaim refused by the hypervisor keeps the message page out of the pool too. */
	TEEC_CloseSession(&s);
	w.reclaim_result = FFA_RET_DENIED;
	TEEC_FinalizeContext(&ctx);
	assert_int_equal(teec_pages_available(), pool_at_start - 1);
	w.reclaim_result = 0;
	assert_int_equal(ffa_mem_reclaim(w.live[0], 0), 0);
	pool_at_start--;
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_select_by_name_and_binding),
		T(test_hostile_partition_info),
		T(test_handshake_refusals),
		T(test_suspended_call_resumed_and_cancelled),
		T(test_no_cancel_slot_without_arg_offset),
		T(test_yield_is_run_to_the_answer),
		T(test_bad_answers_are_communication_errors),
		T(test_share_lifecycle),
	};

	return cmocka_run_group_tests_name("libteec_ffa_transport", tests, NULL, NULL);
}
