// SPDX-License-Identifier: BSD-3-Clause
/*
 * teec-check: GP TEE Client API conformance checks from a Linux guest, through Debian's
 * unmodified libteec (optee_client 3.19), the kernel's tee.ko/optee.ko and nshyp's OP-TEE
 * mediator, against the test TA (ta/include/ta_test.h, in TEE "vault" of test builds) and
 * the wallet TA (TEE "pay"). The Linux port of
 * test/payloads/guest/teec_conformance.c: sessions, every parameter type, SHORT_BUFFER with the
 * needed size, registered and allocated shared memory (whole/partial), NULL memrefs, cancellation
 * of a waiting TA, TA panic/fault -> TARGET_DEAD, many sessions, and the binding policy.
 *
 * Usage: teec-check [both|pay-only]: "both" (default) runs everything (a guest bound to both
 * TEEs); "pay-only" checks what a guest bound to "pay" only must see (wallet reachable, the
 * test TA not found). One line per case, "[teec-check] PASS <name>" or "[teec-check] FAIL
 * <name>: <why>", then "[teec-check] <passed>/<total> passed"; exit status 0 only if all pass.
 *
 * Cases of the bare-metal suite left out, because Linux's stack decides them, not Tessera:
 *  - selecting a TEE by name ("pay", "vault"): libteec 3.x accepts only NULL or "optee-tz";
 *    one guest sees one /dev/tee0 and nshyp routes by TA UUID;
 *  - LOGIN_USER refused by the API: the kernel supports it (it derives the client UUID);
 *    LOGIN_APPLICATION: Linux 6.1 refuses it in the kernel (tee_session_calc_client_uuid);
 *  - cancellation before the call starts: libteec 3.19 drops a TEEC_RequestCancellation
 *    whose operation has not started (operation->session is still NULL);
 *  - using a closed session or a released block: undefined in libteec 3.19 (stale ids);
 *  - allocating TEEC_CONFIG_SHAREDMEM_MAX_SIZE + 1 bytes: the limit is ULONG_MAX there.
 * Registered memory goes through libteec's shadow buffers in the static shared-memory pool,
 * since nshyp offers no dynamic shared memory; the checks see only the GP behaviour.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <ta_test.h>
#include <ta_wallet.h>
#include <tee_client_api.h>
#include <time.h>
#include <unistd.h>

#include "teec_util.h"

#define MANY_SESSIONS 8 /* the trusted OS allows 8 per caller (tos/ta_mgr.c) */
/* A wait that cancellation must cut short. Its end by timeout is TEEC_SUCCESS, so the result
 * alone tells a cancel from a timeout; long, so that a slow host's late cancel still comes first.
 */
#define WAIT_LONG_MS 60000u

static const TEEC_UUID test_uuid = TA_TEST_UUID;
static const TEEC_UUID wallet_uuid = TA_WALLET_UUID;
static const TEEC_UUID unknown_uuid = {
	0x01020304, 0x0506, 0x0708, { 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10 }
};

static unsigned total, passed;
static uint8_t page_buf[3 * 4096] __attribute__((aligned(4096)));

/* ---- reporting -------------------------------------------------------------------- */

static void pass(const char *name)
{
	total++;
	passed++;
	printf("[teec-check] PASS %s\n", name);
}

static void fail(const char *name, const char *fmt, ...)
{
	va_list ap;

	total++;
	printf("[teec-check] FAIL %s: ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* PASS if `ok`, else FAIL saying what came back. */
static void check(const char *name, bool ok, TEEC_Result r, uint32_t origin)
{
	if (ok)
		pass(name);
	else
		fail(name, "got %s (0x%08x), origin %s", teec_result_str(r), r,
		     teec_origin_str(origin));
}

static void expect(const char *name, TEEC_Result r, uint32_t origin, TEEC_Result want,
		   uint32_t want_origin)
{
	if (r == want && origin == want_origin)
		pass(name);
	else
		fail(name, "got %s (0x%08x) origin %s, want %s origin %s", teec_result_str(r), r,
		     teec_origin_str(origin), teec_result_str(want), teec_origin_str(want_origin));
}

/* ---- helpers ---------------------------------------------------------------------- */

static TEEC_Result open_test(TEEC_Context *ctx, TEEC_Session *s, TEEC_Operation *op,
			     uint32_t *origin)
{
	return TEEC_OpenSession(ctx, s, &test_uuid, TEEC_LOGIN_PUBLIC, NULL, op, origin);
}

static TEEC_Result invoke(TEEC_Session *s, uint32_t cmd, TEEC_Operation *op, uint32_t *origin)
{
	*origin = 0;
	return TEEC_InvokeCommand(s, cmd, op, origin);
}

static void fill_pattern(uint8_t *b, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		b[i] = (uint8_t)(i * 7 + seed);
}

static unsigned byte_sum(const uint8_t *b, size_t n)
{
	unsigned sum = 0;

	for (size_t i = 0; i < n; i++)
		sum += b[i];
	return sum;
}

/* ---- contexts --------------------------------------------------------------------- */

static void contexts(void)
{
	TEEC_Context ctx;
	TEEC_Result r;

	r = TEEC_InitializeContext("no-such-tee", &ctx);
	expect("context_unknown_name", r, TEEC_ORIGIN_API, TEEC_ERROR_ITEM_NOT_FOUND,
	       TEEC_ORIGIN_API);
	if (r == TEEC_SUCCESS)
		TEEC_FinalizeContext(&ctx);
	r = TEEC_InitializeContext(NULL, NULL);
	expect("context_null_pointer", r, TEEC_ORIGIN_API, TEEC_ERROR_BAD_PARAMETERS,
	       TEEC_ORIGIN_API);
	r = TEEC_InitializeContext("optee-tz", &ctx);
	check("context_optee_tz", r == TEEC_SUCCESS, r, TEEC_ORIGIN_API);
	if (r == TEEC_SUCCESS)
		TEEC_FinalizeContext(&ctx);
}

/* ---- sessions --------------------------------------------------------------------- */

static void session_basics(TEEC_Context *ctx)
{
	TEEC_Operation op = { 0 };
	uint32_t origin = 0;
	TEEC_Session s;
	TEEC_Result r;

	r = open_test(ctx, &s, NULL, &origin);
	check("session_open_close", r == TEEC_SUCCESS, r, origin);
	if (r == TEEC_SUCCESS)
		TEEC_CloseSession(&s);
	r = TEEC_OpenSession(ctx, &s, &unknown_uuid, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	expect("session_unknown_uuid", r, origin, TEEC_ERROR_ITEM_NOT_FOUND, TEEC_ORIGIN_TEE);
	if (r == TEEC_SUCCESS)
		TEEC_CloseSession(&s);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = TA_TEST_OPEN_REFUSE;
	r = open_test(ctx, &s, &op, &origin);
	expect("session_refused_by_ta", r, origin, TEEC_ERROR_ACCESS_DENIED,
	       TEEC_ORIGIN_TRUSTED_APP);
	if (r == TEEC_SUCCESS)
		TEEC_CloseSession(&s);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].value = (TEEC_Value){ 41, 99 };
	r = open_test(ctx, &s, &op, &origin);
	check("session_open_params_written_back",
	      r == TEEC_SUCCESS && op.params[0].value.a == 42 && op.params[0].value.b == 100, r,
	      origin);
	if (r == TEEC_SUCCESS)
		TEEC_CloseSession(&s);
}

/* The kernel derives a client UUID for USER and GROUP logins; the TA must accept them. */
static void session_logins(TEEC_Context *ctx)
{
	uint32_t origin = 0, gid = (uint32_t)getegid();
	TEEC_Session s;
	TEEC_Result r;

	r = TEEC_OpenSession(ctx, &s, &test_uuid, TEEC_LOGIN_USER, NULL, NULL, &origin);
	check("session_login_user", r == TEEC_SUCCESS, r, origin);
	if (r == TEEC_SUCCESS)
		TEEC_CloseSession(&s);
	r = TEEC_OpenSession(ctx, &s, &test_uuid, TEEC_LOGIN_GROUP, &gid, NULL, &origin);
	check("session_login_group", r == TEEC_SUCCESS, r, origin);
	if (r == TEEC_SUCCESS)
		TEEC_CloseSession(&s);
}

static void many_sessions(TEEC_Context *ctx)
{
	TEEC_Session many[MANY_SESSIONS], s;
	TEEC_Operation op = { 0 };
	uint32_t origin = 0;
	TEEC_Result r = TEEC_SUCCESS;
	unsigned opened, usable = 0;

	for (opened = 0; opened < MANY_SESSIONS; opened++) {
		r = open_test(ctx, &many[opened], NULL, &origin);
		if (r != TEEC_SUCCESS)
			break;
	}
	if (opened < MANY_SESSIONS)
		fail("many_sessions_open", "session %u of %u: %s, origin %s", opened + 1,
		     MANY_SESSIONS, teec_result_str(r), teec_origin_str(origin));
	else
		pass("many_sessions_open");
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	r = opened ? invoke(&many[opened - 1], TA_TEST_CMD_SESSION_INFO, &op, &origin)
		   : TEEC_ERROR_GENERIC;
	if (r == TEEC_SUCCESS && op.params[0].value.a >= MANY_SESSIONS)
		pass("many_sessions_counted_by_ta");
	else
		fail("many_sessions_counted_by_ta", "%s, the TA counts %u session(s)",
		     teec_result_str(r), op.params[0].value.a);
	for (unsigned i = 0; i < opened; i++) {
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
		op.params[0].value = (TEEC_Value){ i, i };
		if (invoke(&many[i], TA_TEST_CMD_INC_VALUE, &op, &origin) == TEEC_SUCCESS &&
		    op.params[0].value.a == i + 1)
			usable++;
	}
	if (opened == MANY_SESSIONS && usable == opened)
		pass("many_sessions_each_usable");
	else
		fail("many_sessions_each_usable", "%u of %u sessions answered INC_VALUE", usable,
		     MANY_SESSIONS);
	while (opened)
		TEEC_CloseSession(&many[--opened]);
	r = open_test(ctx, &s, NULL, &origin);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	if (r == TEEC_SUCCESS) {
		r = invoke(&s, TA_TEST_CMD_SESSION_INFO, &op, &origin);
		TEEC_CloseSession(&s);
	}
	if (r == TEEC_SUCCESS && op.params[0].value.a == 1)
		pass("many_sessions_all_closed");
	else
		fail("many_sessions_all_closed", "%s, the TA still counts %u session(s)",
		     teec_result_str(r), op.params[0].value.a);
}

/* ---- values and temporary memrefs ------------------------------------------------- */

static void values(TEEC_Session *s)
{
	TEEC_Operation op = { 0 };
	uint32_t origin;
	TEEC_Result r;

	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].value = (TEEC_Value){ 0xfffffffe, 7 };
	r = invoke(s, TA_TEST_CMD_INC_VALUE, &op, &origin);
	check("value_inout",
	      r == TEEC_SUCCESS && op.params[0].value.a == 0xffffffff && op.params[0].value.b == 8,
	      r, origin);
	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE);
	op.params[0].value = (TEEC_Value){ 1000, 1 };
	op.params[1].value = (TEEC_Value){ 234, 2 };
	op.params[2].value = (TEEC_Value){ 5, 5 };
	r = invoke(s, TA_TEST_CMD_ADD_VALUES, &op, &origin);
	check("value_input_and_output",
	      r == TEEC_SUCCESS && op.params[2].value.a == 1234 && op.params[2].value.b == 3 &&
		  op.params[0].value.a == 1000,
	      r, origin);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	r = invoke(s, TA_TEST_CMD_INC_VALUE, &op, &origin);
	expect("wrong_types_refused_by_ta", r, origin, TEEC_ERROR_BAD_PARAMETERS,
	       TEEC_ORIGIN_TRUSTED_APP);
	r = invoke(s, 0x7777, NULL, &origin);
	expect("unknown_command", r, origin, TEEC_ERROR_NOT_SUPPORTED, TEEC_ORIGIN_TRUSTED_APP);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_NONE, 4, TEEC_NONE, TEEC_NONE);
	r = invoke(s, TA_TEST_CMD_INC_VALUE, &op, &origin);
	expect("bad_param_type_refused_by_api", r, origin, TEEC_ERROR_BAD_PARAMETERS,
	       TEEC_ORIGIN_API);
}

static TEEC_Result copy_memref(TEEC_Session *s, void *in, size_t in_size, void *out,
			       size_t out_size, TEEC_Operation *op, uint32_t *origin)
{
	memset(op, 0, sizeof(*op));
	op->paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE, TEEC_NONE);
	op->params[0].tmpref = (TEEC_TempMemoryReference){ in, in_size };
	op->params[1].tmpref = (TEEC_TempMemoryReference){ out, out_size };
	return invoke(s, TA_TEST_CMD_COPY_MEMREF, op, origin);
}

static void temp_in_out(TEEC_Session *s, uint8_t *in, uint8_t *out)
{
	TEEC_Operation op;
	uint32_t origin;
	TEEC_Result r;

	fill_pattern(in, 100, 1);
	memset(out, 0, 100);
	r = copy_memref(s, in, 100, out, 100, &op, &origin);
	check("temp_input_output",
	      r == TEEC_SUCCESS && op.params[1].tmpref.size == 100 && !memcmp(in, out, 100), r,
	      origin);
	memset(out, 0xcc, 100);
	r = copy_memref(s, in, 100, out, 10, &op, &origin);
	if (r == TEEC_ERROR_SHORT_BUFFER && origin == TEEC_ORIGIN_TRUSTED_APP &&
	    op.params[1].tmpref.size == 100 && out[0] == 0xcc)
		pass("temp_short_buffer_size_written_back");
	else
		fail("temp_short_buffer_size_written_back",
		     "%s origin %s, size %zu (want SHORT_BUFFER, 100), out[0] 0x%x",
		     teec_result_str(r), teec_origin_str(origin), op.params[1].tmpref.size, out[0]);
	r = copy_memref(s, NULL, 5, out, 10, &op, &origin);
	expect("temp_null_input_with_size_refused", r, origin, TEEC_ERROR_BAD_PARAMETERS,
	       TEEC_ORIGIN_API);
	/* Multi-page, unaligned buffers: every byte crosses the shared pool intact. */
	fill_pattern(in + 3, 16384, 9);
	memset(out + 3, 0, 16384);
	r = copy_memref(s, in + 3, 16384, out + 3, 16384, &op, &origin);
	check("temp_16k_unaligned",
	      r == TEEC_SUCCESS && op.params[1].tmpref.size == 16384 &&
		  !memcmp(in + 3, out + 3, 16384),
	      r, origin);
}

static void temp_inout_and_sizes(TEEC_Session *s, uint8_t *in, uint8_t *out)
{
	TEEC_Operation op = { 0 };
	uint32_t origin;
	TEEC_Result r;

	fill_pattern(in, 64, 3);
	memcpy(out, in, 64);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INOUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref = (TEEC_TempMemoryReference){ out, 64 };
	r = invoke(s, TA_TEST_CMD_INVERT_MEMREF, &op, &origin);
	check("temp_inout",
	      r == TEEC_SUCCESS && op.params[0].tmpref.size == 64 && (out[0] ^ in[0]) == 0xff &&
		  (out[63] ^ in[63]) == 0xff,
	      r, origin);

	memset(&op, 0, sizeof(op));
	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT, TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE);
	memset(out, 0, 16);
	op.params[0].tmpref = (TEEC_TempMemoryReference){ out, 16 };
	op.params[1].value = (TEEC_Value){ 0xab, 5 };
	r = invoke(s, TA_TEST_CMD_FILL_MEMREF, &op, &origin);
	check("temp_output_shorter_than_buffer",
	      r == TEEC_SUCCESS && op.params[0].tmpref.size == 5 && out[4] == 0xab && out[5] == 0,
	      r, origin);

	memset(&op, 0, sizeof(op));
	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref = (TEEC_TempMemoryReference){ in, 0 };
	op.params[1].value = (TEEC_Value){ 77, 77 };
	r = invoke(s, TA_TEST_CMD_REPORT_SIZE, &op, &origin);
	check("temp_zero_size", r == TEEC_SUCCESS && op.params[1].value.a == 0, r, origin);
}

/*
 * NULL memrefs (buffer NULL, size 0): libteec passes them as such when the driver reports
 * TEE_GEN_CAP_MEMREF_NULL (OPTEE_SMC_SEC_CAP_MEMREF_NULL), else as a small allocation.
 */
static void null_memrefs(TEEC_Context *ctx, TEEC_Session *s, uint8_t *in)
{
	TEEC_Operation op = { 0 };
	uint32_t origin;
	TEEC_Result r;

	printf("[teec-check] note: the driver %s NULL memrefs (TEE_GEN_CAP_MEMREF_NULL)\n",
	       ctx->memref_null ? "passes" : "does not pass");
	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref = (TEEC_TempMemoryReference){ NULL, 0 };
	op.params[1].value = (TEEC_Value){ 77, 77 };
	r = invoke(s, TA_TEST_CMD_REPORT_SIZE, &op, &origin);
	check("null_memref_input", r == TEEC_SUCCESS && op.params[1].value.a == 0, r, origin);
	fill_pattern(in, 100, 1);
	r = copy_memref(s, in, 100, NULL, 0, &op, &origin);
	if (r == TEEC_ERROR_SHORT_BUFFER && op.params[1].tmpref.size == 100)
		pass("null_memref_output_size_query");
	else
		fail("null_memref_output_size_query",
		     "%s origin %s, size %zu (want SHORT_BUFFER, 100)", teec_result_str(r),
		     teec_origin_str(origin), op.params[1].tmpref.size);
}

/* ---- shared memory ---------------------------------------------------------------- */

static void registered_whole(TEEC_Session *s, TEEC_SharedMemory *shm)
{
	TEEC_Operation op = { 0 };
	uint32_t origin;
	TEEC_Result r;

	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = shm;
	r = invoke(s, TA_TEST_CMD_INVERT_MEMREF, &op, &origin);
	check("shm_registered_whole_inout",
	      r == TEEC_SUCCESS && page_buf[0] == (uint8_t)~5u &&
		  page_buf[8191] == (uint8_t) ~(uint8_t)(8191 * 7 + 5),
	      r, origin);
}

static void registered_partial(TEEC_Session *s, TEEC_SharedMemory *shm)
{
	TEEC_Operation op = { 0 };
	uint32_t origin;
	TEEC_Result r;

	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].memref = (TEEC_RegisteredMemoryReference){ shm, 50, 4090 };
	r = invoke(s, TA_TEST_CMD_REPORT_SIZE, &op, &origin);
	check("shm_registered_partial_input",
	      r == TEEC_SUCCESS && op.params[1].value.a == 50 &&
		  op.params[1].value.b == byte_sum(page_buf + 4090, 50),
	      r, origin);
	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_OUTPUT, TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].memref = (TEEC_RegisteredMemoryReference){ shm, 16, 100 };
	op.params[1].value = (TEEC_Value){ 0x5a, 0 };
	r = invoke(s, TA_TEST_CMD_FILL_MEMREF, &op, &origin);
	check("shm_registered_partial_output",
	      r == TEEC_SUCCESS && op.params[0].memref.size == 16 && page_buf[99] != 0x5a &&
		  page_buf[100] == 0x5a && page_buf[115] == 0x5a && page_buf[116] != 0x5a,
	      r, origin);
	op.params[0].memref = (TEEC_RegisteredMemoryReference){ shm, 4, 100 };
	op.params[1].value = (TEEC_Value){ 0x11, 8 };
	r = invoke(s, TA_TEST_CMD_FILL_MEMREF, &op, &origin);
	if (r == TEEC_ERROR_SHORT_BUFFER && op.params[0].memref.size == 8)
		pass("shm_partial_short_buffer_size_written_back");
	else
		fail("shm_partial_short_buffer_size_written_back",
		     "%s origin %s, size %zu (want SHORT_BUFFER, 8)", teec_result_str(r),
		     teec_origin_str(origin), op.params[0].memref.size);
	op.params[0].memref = (TEEC_RegisteredMemoryReference){ shm, 8000, 200 };
	r = invoke(s, TA_TEST_CMD_FILL_MEMREF, &op, &origin);
	expect("shm_partial_past_end_refused", r, origin, TEEC_ERROR_BAD_PARAMETERS,
	       TEEC_ORIGIN_API);
}

static void registered_memory(TEEC_Context *ctx, TEEC_Session *s)
{
	TEEC_SharedMemory shm = { .buffer = page_buf,
				  .size = 8192,
				  .flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT };
	TEEC_SharedMemory in_only = { .buffer = page_buf + 8192 + 16,
				      .size = 200,
				      .flags = TEEC_MEM_INPUT };
	TEEC_Operation op = { 0 };
	uint32_t origin = 0;
	TEEC_Result r;

	fill_pattern(page_buf, sizeof(page_buf), 5);
	r = TEEC_RegisterSharedMemory(ctx, &shm);
	check("shm_register", r == TEEC_SUCCESS, r, TEEC_ORIGIN_API);
	if (r != TEEC_SUCCESS)
		return;
	registered_whole(s, &shm);
	registered_partial(s, &shm);

	/* A block that does not start on a page: the TA sees exactly its bytes. */
	r = TEEC_RegisterSharedMemory(ctx, &in_only);
	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &in_only;
	if (r == TEEC_SUCCESS)
		r = invoke(s, TA_TEST_CMD_REPORT_SIZE, &op, &origin);
	check("shm_registered_unaligned_whole_input",
	      r == TEEC_SUCCESS && op.params[1].value.a == 200 &&
		  op.params[1].value.b == byte_sum(page_buf + 8192 + 16, 200),
	      r, origin);
	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_OUTPUT, TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].memref = (TEEC_RegisteredMemoryReference){ &in_only, 10, 0 };
	r = invoke(s, TA_TEST_CMD_FILL_MEMREF, &op, &origin);
	expect("shm_partial_direction_not_in_flags", r, origin, TEEC_ERROR_BAD_PARAMETERS,
	       TEEC_ORIGIN_API);
	TEEC_ReleaseSharedMemory(&in_only);
	TEEC_ReleaseSharedMemory(&shm);
}

/* ALL_TYPES: one call with four different kinds of parameter. */
static void all_types(TEEC_Session *s, TEEC_SharedMemory *shm)
{
	TEEC_Operation op = { 0 };
	uint8_t *b = shm->buffer;
	uint32_t origin;
	TEEC_Result r;

	memset(shm->buffer, 10, shm->size);
	memset(page_buf, 0, 32);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_MEMREF_TEMP_OUTPUT,
					 TEEC_MEMREF_PARTIAL_INOUT, TEEC_VALUE_INOUT);
	op.params[1].tmpref = (TEEC_TempMemoryReference){ page_buf, 32 };
	op.params[2].memref = (TEEC_RegisteredMemoryReference){ shm, 100, 4000 };
	op.params[3].value = (TEEC_Value){ 1, 2 };
	r = invoke(s, TA_TEST_CMD_ALL_TYPES, &op, &origin);
	check("all_types_in_one_call",
	      r == TEEC_SUCCESS && op.params[0].value.a == 0x1000 &&
		  op.params[0].value.b == 0x2000 && page_buf[0] == 2 && page_buf[31] == 2 &&
		  b[3999] == 10 && b[4000] == 11 && b[4099] == 11 && b[4100] == 10 &&
		  op.params[3].value.a == 2 && op.params[3].value.b == 3,
	      r, origin);
}

static void allocated_memory(TEEC_Context *ctx, TEEC_Session *s)
{
	TEEC_SharedMemory shm = { .size = 5000, .flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT };
	TEEC_SharedMemory huge = { .size = 512u << 20, .flags = TEEC_MEM_INPUT };
	TEEC_Operation op = { 0 };
	uint32_t origin;
	TEEC_Result r;

	r = TEEC_AllocateSharedMemory(ctx, &huge);
	expect("shm_allocate_larger_than_pool", r, TEEC_ORIGIN_API, TEEC_ERROR_OUT_OF_MEMORY,
	       TEEC_ORIGIN_API);
	if (r == TEEC_SUCCESS)
		TEEC_ReleaseSharedMemory(&huge);
	r = TEEC_AllocateSharedMemory(ctx, &shm);
	check("shm_allocate", r == TEEC_SUCCESS && shm.buffer, r, TEEC_ORIGIN_API);
	if (r != TEEC_SUCCESS)
		return;
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &shm;
	op.params[1].value = (TEEC_Value){ 0x77, 0 };
	r = invoke(s, TA_TEST_CMD_FILL_MEMREF, &op, &origin);
	check("shm_allocated_whole_output",
	      r == TEEC_SUCCESS && op.params[0].memref.size == 5000 &&
		  ((uint8_t *)shm.buffer)[0] == 0x77 && ((uint8_t *)shm.buffer)[4999] == 0x77,
	      r, origin);
	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	fill_pattern(shm.buffer, 5000, 13);
	op.params[0].memref = (TEEC_RegisteredMemoryReference){ &shm, 1000, 4000 };
	r = invoke(s, TA_TEST_CMD_REPORT_SIZE, &op, &origin);
	check("shm_allocated_partial_input",
	      r == TEEC_SUCCESS && op.params[1].value.a == 1000 &&
		  op.params[1].value.b == byte_sum((uint8_t *)shm.buffer + 4000, 1000),
	      r, origin);
	all_types(s, &shm);
	TEEC_ReleaseSharedMemory(&shm);
	check("shm_release_clears_buffer", shm.buffer == NULL, 0, 0);
}

/* Empty blocks: registering and allocating zero bytes works; the TA sees an empty memref. */
static void empty_memory(TEEC_Context *ctx, TEEC_Session *s)
{
	TEEC_SharedMemory reg = { .buffer = page_buf, .size = 0, .flags = TEEC_MEM_INPUT };
	TEEC_SharedMemory alloc = { .size = 0, .flags = TEEC_MEM_INPUT };
	TEEC_Operation op = { 0 };
	uint32_t origin = 0;
	TEEC_Result r;

	r = TEEC_RegisterSharedMemory(ctx, &reg);
	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &reg;
	op.params[1].value = (TEEC_Value){ 99, 99 };
	if (r == TEEC_SUCCESS) {
		r = invoke(s, TA_TEST_CMD_REPORT_SIZE, &op, &origin);
		TEEC_ReleaseSharedMemory(&reg);
	}
	check("shm_register_zero_size", r == TEEC_SUCCESS && op.params[1].value.a == 0, r, origin);
	r = TEEC_AllocateSharedMemory(ctx, &alloc);
	check("shm_allocate_zero_size", r == TEEC_SUCCESS && alloc.buffer != NULL, r, 0);
	if (r == TEEC_SUCCESS)
		TEEC_ReleaseSharedMemory(&alloc);
}

/* ---- cancellation ------------------------------------------------------------------- */

/*
 * A second thread cancels the operation every 100 ms from 200 ms on, until the call
 * returns: TEEC_RequestCancellation does nothing before the call has started.
 */
struct canceller {
	pthread_t thread;
	TEEC_Operation *op;
	volatile bool done;
	unsigned sent;
};

static void *cancel_loop(void *arg)
{
	struct canceller *c = arg;

	usleep(200 * 1000);
	while (!c->done) {
		TEEC_RequestCancellation(c->op);
		c->sent++;
		usleep(100 * 1000);
	}
	return NULL;
}

/* WAIT `ms` in the TA with cancellation `mode`, cancelled from a second thread if `cancel`. */
static TEEC_Result wait_in_ta(TEEC_Session *s, uint32_t ms, uint32_t mode, bool cancel,
			      TEEC_Operation *op, uint32_t *origin, uint64_t *elapsed)
{
	struct canceller c = { .op = op };
	uint64_t start = now_ms();
	TEEC_Result r;

	memset(op, 0, sizeof(*op));
	op->paramTypes =
	    TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	op->params[0].value = (TEEC_Value){ ms, mode };
	if (cancel && pthread_create(&c.thread, NULL, cancel_loop, &c)) {
		*origin = TEEC_ORIGIN_API;
		return TEEC_ERROR_OUT_OF_MEMORY;
	}
	r = invoke(s, TA_TEST_CMD_WAIT, op, origin);
	c.done = true;
	if (cancel)
		pthread_join(c.thread, NULL);
	*elapsed = now_ms() - start;
	return r;
}

static void cancellation(TEEC_Session *s)
{
	TEEC_Operation op;
	uint32_t origin;
	uint64_t ms;
	TEEC_Result r;

	r = wait_in_ta(s, 50, TA_TEST_WAIT_UNMASK, false, &op, &origin, &ms);
	check("wait_in_ta_returns", r == TEEC_SUCCESS && ms >= 50, r, origin);
	r = wait_in_ta(s, WAIT_LONG_MS, TA_TEST_WAIT_UNMASK, true, &op, &origin, &ms);
	if (r == TEEC_ERROR_CANCEL && origin == TEEC_ORIGIN_TRUSTED_APP &&
	    op.params[1].value.a == 1)
		pass("cancel_waiting_ta");
	else
		fail("cancel_waiting_ta",
		     "%s origin %s after %llu ms, cancellation flag %u (want CANCEL from the TA "
		     "before its %u ms timeout, flag 1)",
		     teec_result_str(r), teec_origin_str(origin), (unsigned long long)ms,
		     op.params[1].value.a, WAIT_LONG_MS);
	r = wait_in_ta(s, 500, TA_TEST_WAIT_MASK, true, &op, &origin, &ms);
	if (r == TEEC_SUCCESS && ms >= 500)
		pass("cancel_masked_is_ignored");
	else
		fail("cancel_masked_is_ignored",
		     "%s origin %s after %llu ms (want SUCCESS, 500 ms)", teec_result_str(r),
		     teec_origin_str(origin), (unsigned long long)ms);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	r = invoke(s, TA_TEST_CMD_INC_VALUE, &op, &origin);
	check("session_usable_after_cancel", r == TEEC_SUCCESS && op.params[0].value.a == 1, r,
	      origin);
}

/* ---- TA death --------------------------------------------------------------------- */

static void ta_death(TEEC_Context *ctx, uint32_t cmd, uint32_t arg, const char *what)
{
	TEEC_Operation op = { 0 };
	char name[64];
	uint32_t origin;
	TEEC_Session s;
	TEEC_Result r;

	r = open_test(ctx, &s, NULL, &origin);
	snprintf(name, sizeof(name), "%s_target_dead", what);
	if (r != TEEC_SUCCESS) {
		check(name, false, r, origin);
		return;
	}
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = arg;
	r = invoke(&s, cmd, &op, &origin);
	expect(name, r, origin, TEEC_ERROR_TARGET_DEAD, TEEC_ORIGIN_TEE);
	op.params[0].value = (TEEC_Value){ 1, 1 };
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	r = invoke(&s, TA_TEST_CMD_INC_VALUE, &op, &origin);
	snprintf(name, sizeof(name), "%s_session_stays_dead", what);
	expect(name, r, origin, TEEC_ERROR_TARGET_DEAD, TEEC_ORIGIN_TEE);
	TEEC_CloseSession(&s);
	r = open_test(ctx, &s, NULL, &origin);
	if (r == TEEC_SUCCESS) {
		r = invoke(&s, TA_TEST_CMD_INC_VALUE, &op, &origin);
		TEEC_CloseSession(&s);
	}
	snprintf(name, sizeof(name), "%s_new_session_works", what);
	check(name, r == TEEC_SUCCESS && op.params[0].value.a == 2, r, origin);
}

/* ---- contexts closing, routing and policy ----------------------------------------- */

/* Sessions a process leaves open are closed when it closes the device (FinalizeContext). */
static void finalize_closes_sessions(void)
{
	TEEC_Context ctx;
	TEEC_Session s1, s2, probe;
	TEEC_Operation op = { 0 };
	uint32_t origin = 0;
	TEEC_Result r = TEEC_InitializeContext(NULL, &ctx);

	if (r == TEEC_SUCCESS && (r = open_test(&ctx, &s1, NULL, &origin)) == TEEC_SUCCESS)
		r = open_test(&ctx, &s2, NULL, &origin);
	if (r == TEEC_SUCCESS)
		TEEC_FinalizeContext(&ctx); /* s1 and s2 still open */
	if (r == TEEC_SUCCESS)
		r = TEEC_InitializeContext(NULL, &ctx);
	if (r == TEEC_SUCCESS) {
		r = open_test(&ctx, &probe, NULL, &origin);
		op.paramTypes =
		    TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
		if (r == TEEC_SUCCESS)
			r = invoke(&probe, TA_TEST_CMD_SESSION_INFO, &op, &origin);
		TEEC_FinalizeContext(&ctx);
	}
	if (r == TEEC_SUCCESS && op.params[0].value.a == 1)
		pass("finalize_closes_open_sessions");
	else
		fail("finalize_closes_open_sessions", "%s, the TA counts %u session(s) (want 1)",
		     teec_result_str(r), op.params[0].value.a);
}

/* Open `uuid` on the one default device; nshyp picks the TEE by UUID. */
static void open_by_uuid(const char *name, const TEEC_UUID *uuid, TEEC_Result want)
{
	TEEC_Context ctx;
	TEEC_Session s;
	uint32_t origin = TEEC_ORIGIN_API;
	TEEC_Result r = TEEC_InitializeContext(NULL, &ctx);

	if (r == TEEC_SUCCESS) {
		r = TEEC_OpenSession(&ctx, &s, uuid, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
		if (r == TEEC_SUCCESS)
			TEEC_CloseSession(&s);
		TEEC_FinalizeContext(&ctx);
	}
	if (want == TEEC_SUCCESS)
		check(name, r == TEEC_SUCCESS, r, origin);
	else
		expect(name, r, origin, want, TEEC_ORIGIN_TEE);
}

/* ---- client identity (issue 11): the wallet keeps one key per (guest, login, client UUID) ---- */

/* The wallet's key fingerprint for a session of `ctx` opened with `login` by this euid. */
static bool fingerprint_in(TEEC_Context *ctx, uint32_t login, uint8_t fp[WALLET_KEY_ID_SIZE])
{
	TEEC_Operation op = { 0 };
	uint32_t origin = 0;
	TEEC_Session s;
	TEEC_Result r;

	r = TEEC_OpenSession(ctx, &s, &wallet_uuid, login, NULL, NULL, &origin);
	if (r != TEEC_SUCCESS)
		return false;
	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref.buffer = fp;
	op.params[0].tmpref.size = WALLET_KEY_ID_SIZE;
	r = TEEC_InvokeCommand(&s, TA_WALLET_CMD_GET_PUBLIC, &op, &origin);
	TEEC_CloseSession(&s);
	return r == TEEC_SUCCESS;
}

static bool wallet_fingerprint(uint32_t login, uint8_t fp[WALLET_KEY_ID_SIZE])
{
	TEEC_Context ctx;
	bool ok;

	if (TEEC_InitializeContext(NULL, &ctx) != TEEC_SUCCESS)
		return false;
	ok = fingerprint_in(&ctx, login, fp);
	TEEC_FinalizeContext(&ctx);
	return ok;
}

/*
 * The same for another user: a child opens /dev/tee0 as root (only root may), becomes `uid`,
 * and opens its session as that user; the kernel derives the client UUID from the caller's
 * euid at OpenSession.
 */
static bool wallet_fingerprint_as(uid_t uid, uint8_t fp[WALLET_KEY_ID_SIZE])
{
	int fds[2], status = 0;
	bool ok = false;
	pid_t child;

	if (pipe(fds) != 0)
		return false;
	child = fork();
	if (child == 0) {
		uint8_t mine[WALLET_KEY_ID_SIZE];
		TEEC_Context ctx;
		bool got = TEEC_InitializeContext(NULL, &ctx) == TEEC_SUCCESS && setuid(uid) == 0 &&
			   fingerprint_in(&ctx, TEEC_LOGIN_USER, mine);

		_exit(got && write(fds[1], mine, sizeof(mine)) == (ssize_t)sizeof(mine) ? 0 : 1);
	}
	close(fds[1]);
	if (child > 0) {
		ok = read(fds[0], fp, WALLET_KEY_ID_SIZE) == WALLET_KEY_ID_SIZE;
		ok = waitpid(child, &status, 0) == child && WIFEXITED(status) &&
		     WEXITSTATUS(status) == 0 && ok;
	}
	close(fds[0]);
	return ok;
}

/*
 * Two processes of one guest with different uids get different wallet keys (LOGIN_USER: the
 * kernel derives each one's client UUID), neither is the guest's PUBLIC key, and the same user
 * gets the same key again.
 */
static void wallet_identities(void)
{
	uint8_t pub[WALLET_KEY_ID_SIZE], root[WALLET_KEY_ID_SIZE], again[WALLET_KEY_ID_SIZE];
	uint8_t user[WALLET_KEY_ID_SIZE];

	if (!wallet_fingerprint(TEEC_LOGIN_PUBLIC, pub) ||
	    !wallet_fingerprint(TEEC_LOGIN_USER, root) ||
	    !wallet_fingerprint(TEEC_LOGIN_USER, again) || !wallet_fingerprint_as(1000, user)) {
		fail("wallet_key_per_user", "a wallet session or GET_PUBLIC failed");
		return;
	}
	if (memcmp(root, again, sizeof(root)))
		fail("wallet_key_same_user_same_key", "two sessions of one user got two keys");
	else
		pass("wallet_key_same_user_same_key");
	if (!memcmp(root, pub, sizeof(root)))
		fail("wallet_key_user_not_public", "LOGIN_USER got the guest's PUBLIC key");
	else
		pass("wallet_key_user_not_public");
	if (!memcmp(root, user, sizeof(root)) || !memcmp(user, pub, sizeof(user)))
		fail("wallet_key_per_user", "uid 1000 got the key of uid 0 or of PUBLIC");
	else
		pass("wallet_key_per_user");
}

static void full_suite(void)
{
	static uint8_t in[16384 + 3], out[16384 + 3];
	TEEC_Context ctx;
	uint32_t origin;
	TEEC_Session s;
	TEEC_Result r;

	r = TEEC_InitializeContext(NULL, &ctx);
	if (r != TEEC_SUCCESS) {
		check("context_default", false, r, TEEC_ORIGIN_API);
		return;
	}
	pass("context_default");
	session_basics(&ctx);
	session_logins(&ctx);
	many_sessions(&ctx);
	r = open_test(&ctx, &s, NULL, &origin);
	if (r != TEEC_SUCCESS) {
		check("session_for_the_suite", false, r, origin);
		TEEC_FinalizeContext(&ctx);
		return;
	}
	values(&s);
	temp_in_out(&s, in, out);
	temp_inout_and_sizes(&s, in, out);
	null_memrefs(&ctx, &s, in);
	registered_memory(&ctx, &s);
	allocated_memory(&ctx, &s);
	empty_memory(&ctx, &s);
	cancellation(&s);
	TEEC_CloseSession(&s);
	ta_death(&ctx, TA_TEST_CMD_PANIC, TA_TEST_PANIC_CODE, "ta_panic");
	ta_death(&ctx, TA_TEST_CMD_FAULT, TA_TEST_FAULT_NULL_READ, "ta_fault");
	TEEC_FinalizeContext(&ctx);
	finalize_closes_sessions();
	open_by_uuid("route_to_vault_test_ta", &test_uuid, TEEC_SUCCESS);
	open_by_uuid("route_to_pay_wallet_ta", &wallet_uuid, TEEC_SUCCESS);
	wallet_identities();
}

/* A guest bound to "pay" only: the wallet is there, the test TA of "vault" is not. */
static void pay_only_suite(void)
{
	TEEC_Context ctx;
	TEEC_Result r = TEEC_InitializeContext(NULL, &ctx);

	check("context_default", r == TEEC_SUCCESS, r, TEEC_ORIGIN_API);
	if (r != TEEC_SUCCESS)
		return;
	TEEC_FinalizeContext(&ctx);
	open_by_uuid("route_to_pay_wallet_ta", &wallet_uuid, TEEC_SUCCESS);
	open_by_uuid("policy_vault_test_ta_not_found", &test_uuid, TEEC_ERROR_ITEM_NOT_FOUND);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "both";

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (strcmp(mode, "both") && strcmp(mode, "pay-only")) {
		fprintf(stderr, "usage: teec-check [both|pay-only]\n");
		return 2;
	}
	printf("[teec-check] GP Client API checks through libteec and optee.ko (%s)\n", mode);
	contexts();
	if (!strcmp(mode, "both"))
		full_suite();
	else
		pay_only_suite();
	open_by_uuid("route_unknown_uuid_not_found", &unknown_uuid, TEEC_ERROR_ITEM_NOT_FOUND);
	printf("[teec-check] %u/%u passed\n", passed, total);
	return passed == total ? 0 : 1;
}
