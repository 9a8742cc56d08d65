// SPDX-License-Identifier: BSD-3-Clause
/*
 * GP TEE Client API conformance scenario (GUEST_TEEC_CONFORMANCE), modelled
 * on the client-side parts of OP-TEE's xtest regression 1xxx/4xxx: contexts
 * and name selection, sessions (open/close, many, unknown UUID, refused by
 * the TA, parameters on open), every parameter type both ways, buffer sizes
 * (SHORT_BUFFER with size write-back, zero-size and NULL buffers, multi-page
 * buffers), registered and allocated shared memory (whole/partial), errors
 * and their origins, cancellation of a TA waiting in TEE_Wait, a TA that
 * panics or faults (TARGET_DEAD, then new sessions work), routing by UUID
 * with a NULL context, and the binding policy. Runs against the test TA
 * (ta/include/ta_test.h) in TEE "vault" and the wallet TA in TEE "pay", and
 * the test TA built with TA_FLAG_MAP_MEMREFS (registered memory mapped into
 * the TA: in place, read-only inputs, never executable, gone after the call).
 * Prints "CHECK <name>: PASS" or "CHECK <name>: FAIL (...)" and a summary.
 */
#include <lib/print.h>
#include <lib/string.h>
#include <ta_test.h>
#include <ta_wallet.h>
#include <tee_client_api.h>
#include <teec_ext.h>

#include "../../../guest/guest.h"

#define TEE_PAY	      0x8001
#define TEE_VAULT     0x8002
#define WAIT_INFINITE 0xffffffffu /* TEE_TIMEOUT_INFINITE */

static const TEEC_UUID test_uuid = TA_TEST_UUID;
static const TEEC_UUID map_uuid = TA_TEST_MAP_UUID;
static const TEEC_UUID wallet_uuid = TA_WALLET_UUID;
static const TEEC_UUID unknown_uuid = {
	0x01020304, 0x0506, 0x0708, { 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10 }
};

static unsigned checks, failures;
static uint8_t page_buf[3 * 4096] __attribute__((aligned(4096)));
static uint8_t shm_pattern_copy[300];

static void check(const char *name, bool ok, TEEC_Result r, uint32_t origin)
{
	checks++;
	if (ok) {
		printk("CHECK %s: PASS\n", name);
		return;
	}
	failures++;
	printk("CHECK %s: FAIL (%s 0x%x, origin %s)\n", name, teec_result_name(r), r,
	       teec_origin_name(origin));
}

static void expect(const char *name, TEEC_Result r, uint32_t origin, TEEC_Result want,
		   uint32_t want_origin)
{
	check(name, r == want && origin == want_origin, r, origin);
}

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

/* ---- contexts --------------------------------------------------------------------- */

static void contexts(unsigned visible)
{
	TEEC_Context ctx;
	TEEC_Result r;

	r = TEEC_InitializeContext("no-such-tee", &ctx);
	expect("context_unknown_name", r, TEEC_ORIGIN_API, TEEC_ERROR_ITEM_NOT_FOUND,
	       TEEC_ORIGIN_API);
	r = TEEC_InitializeContext("pay", NULL);
	expect("context_null_pointer", r, TEEC_ORIGIN_API, TEEC_ERROR_BAD_PARAMETERS,
	       TEEC_ORIGIN_API);
	r = TEEC_InitializeContext(NULL, &ctx);
	check("context_null_name_reaches_bound_tees", r == TEEC_SUCCESS && ctx.tee_count == visible,
	      r, ctx.tee_count);
	if (r == TEEC_SUCCESS)
		TEEC_FinalizeContext(&ctx);
	r = TEEC_InitializeContext("pay", &ctx);
	check("context_by_name",
	      r == TEEC_SUCCESS && ctx.tee_count == 1 && ctx.tee_ids[0] == TEE_PAY, r, 0);
	if (r == TEEC_SUCCESS)
		TEEC_FinalizeContext(&ctx);
}

/* ---- sessions --------------------------------------------------------------------- */

#define MANY_SESSIONS 6

static void sessions(TEEC_Context *vault, TEEC_Context *pay)
{
	TEEC_Session s, many[MANY_SESSIONS];
	TEEC_Operation op = { 0 };
	uint32_t origin = 0;
	TEEC_Result r;
	unsigned opened = 0;

	r = open_test(vault, &s, NULL, &origin);
	expect("session_open", r, origin, TEEC_SUCCESS, TEEC_ORIGIN_TRUSTED_APP);
	if (r == TEEC_SUCCESS)
		TEEC_CloseSession(&s);
	r = TEEC_OpenSession(vault, &s, &unknown_uuid, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	expect("session_unknown_uuid", r, origin, TEEC_ERROR_ITEM_NOT_FOUND, TEEC_ORIGIN_TEE);
	r = open_test(pay, &s, NULL, &origin);
	expect("session_ta_not_in_this_tee", r, origin, TEEC_ERROR_ITEM_NOT_FOUND, TEEC_ORIGIN_TEE);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = TA_TEST_OPEN_REFUSE;
	r = open_test(vault, &s, &op, &origin);
	expect("session_refused_by_ta", r, origin, TEEC_ERROR_ACCESS_DENIED,
	       TEEC_ORIGIN_TRUSTED_APP);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].value = (TEEC_Value){ 41, 99 };
	r = open_test(vault, &s, &op, &origin);
	check("session_open_params_written_back",
	      r == TEEC_SUCCESS && op.params[0].value.a == 42 && op.params[0].value.b == 100, r,
	      origin);
	if (r == TEEC_SUCCESS)
		TEEC_CloseSession(&s);
	r = TEEC_OpenSession(vault, &s, &test_uuid, TEEC_LOGIN_USER, NULL, NULL, &origin);
	expect("session_login_user_not_supported", r, origin, TEEC_ERROR_NOT_SUPPORTED,
	       TEEC_ORIGIN_API);
	r = TEEC_OpenSession(vault, &s, &test_uuid, TEEC_LOGIN_PUBLIC, &origin, NULL, &origin);
	expect("session_public_with_data_refused", r, origin, TEEC_ERROR_BAD_PARAMETERS,
	       TEEC_ORIGIN_API);

	for (opened = 0; opened < MANY_SESSIONS; opened++)
		if (open_test(vault, &many[opened], NULL, &origin) != TEEC_SUCCESS)
			break;
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	r = opened ? invoke(&many[opened - 1], TA_TEST_CMD_SESSION_INFO, &op, &origin)
		   : TEEC_ERROR_GENERIC;
	check("many_sessions",
	      opened == MANY_SESSIONS && r == TEEC_SUCCESS && op.params[0].value.a >= MANY_SESSIONS,
	      r, origin);
	r = opened ? invoke(&many[0], TA_TEST_CMD_INC_VALUE, NULL, &origin) : TEEC_SUCCESS;
	expect("many_sessions_each_usable", r, origin, TEEC_ERROR_BAD_PARAMETERS,
	       TEEC_ORIGIN_TRUSTED_APP); /* INC_VALUE without its param: the TA's own check */
	while (opened)
		TEEC_CloseSession(&many[--opened]);
	r = invoke(&many[0], TA_TEST_CMD_SESSION_INFO, &op, &origin);
	expect("closed_session_refused", r, origin, TEEC_ERROR_BAD_PARAMETERS, TEEC_ORIGIN_API);
	r = open_test(vault, &s, NULL, &origin);
	check("session_after_closing_many", r == TEEC_SUCCESS, r, origin);
	if (r == TEEC_SUCCESS)
		TEEC_CloseSession(&s);
}

/* ---- values and temp memrefs ------------------------------------------------------ */

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

static void temp_memrefs(TEEC_Session *s)
{
	static uint8_t in[16384 + 3], out[16384 + 3];
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
	check("temp_short_buffer_size_written_back",
	      r == TEEC_ERROR_SHORT_BUFFER && origin == TEEC_ORIGIN_TRUSTED_APP &&
		  op.params[1].tmpref.size == 100 && out[0] == 0xcc,
	      r, origin);
	r = copy_memref(s, in, 100, NULL, 0, &op, &origin);
	check("temp_null_output_size_query",
	      r == TEEC_ERROR_SHORT_BUFFER && op.params[1].tmpref.size == 100, r, origin);
	r = copy_memref(s, NULL, 5, out, 10, &op, &origin);
	expect("temp_null_input_with_size_refused", r, origin, TEEC_ERROR_BAD_PARAMETERS,
	       TEEC_ORIGIN_API);
	/* Multi-page, unaligned buffers: every byte crosses the bounce pages intact. */
	fill_pattern(in + 3, 16384, 9);
	memset(out + 3, 0, 16384);
	r = copy_memref(s, in + 3, 16384, out + 3, 16384, &op, &origin);
	check("temp_16k_unaligned",
	      r == TEEC_SUCCESS && op.params[1].tmpref.size == 16384 &&
		  !memcmp(in + 3, out + 3, 16384),
	      r, origin);

	memset(&op, 0, sizeof(op));
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
	op.params[0].tmpref = (TEEC_TempMemoryReference){ NULL, 0 };
	r = invoke(s, TA_TEST_CMD_REPORT_SIZE, &op, &origin);
	check("temp_null_zero_size", r == TEEC_SUCCESS && op.params[1].value.a == 0, r, origin);
}

/* ---- shared memory ---------------------------------------------------------------- */

static unsigned byte_sum(const uint8_t *b, size_t n)
{
	unsigned sum = 0;

	for (size_t i = 0; i < n; i++)
		sum += b[i];
	return sum;
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
	uint32_t origin;
	TEEC_Result r;

	fill_pattern(page_buf, sizeof(page_buf), 5);
	r = TEEC_RegisterSharedMemory(ctx, &shm);
	check("shm_register", r == TEEC_SUCCESS, r, TEEC_ORIGIN_API);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &shm;
	r = invoke(s, TA_TEST_CMD_INVERT_MEMREF, &op, &origin);
	check("shm_registered_whole_inout",
	      r == TEEC_SUCCESS && page_buf[0] == (uint8_t)~5u &&
		  page_buf[8191] == (uint8_t) ~(uint8_t)(8191 * 7 + 5),
	      r, origin);
	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].memref = (TEEC_RegisteredMemoryReference){ &shm, 50, 4090 };
	r = invoke(s, TA_TEST_CMD_REPORT_SIZE, &op, &origin);
	check("shm_registered_partial_input",
	      r == TEEC_SUCCESS && op.params[1].value.a == 50 &&
		  op.params[1].value.b == byte_sum(page_buf + 4090, 50),
	      r, origin);
	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_OUTPUT, TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].memref = (TEEC_RegisteredMemoryReference){ &shm, 4, 100 };
	op.params[1].value = (TEEC_Value){ 0x11, 8 };
	r = invoke(s, TA_TEST_CMD_FILL_MEMREF, &op, &origin);
	check("shm_partial_short_buffer_size_written_back",
	      r == TEEC_ERROR_SHORT_BUFFER && op.params[0].memref.size == 8, r, origin);
	op.params[0].memref = (TEEC_RegisteredMemoryReference){ &shm, 8000, 200 };
	r = invoke(s, TA_TEST_CMD_FILL_MEMREF, &op, &origin);
	expect("shm_partial_past_end_refused", r, origin, TEEC_ERROR_BAD_PARAMETERS,
	       TEEC_ORIGIN_API);

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
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &shm;
	r = invoke(s, TA_TEST_CMD_INVERT_MEMREF, &op, &origin);
	expect("shm_released_refused", r, origin, TEEC_ERROR_BAD_PARAMETERS, TEEC_ORIGIN_API);
}

/* MEMREF_PROBE `action` at byte 0 of params[0] (a TEEC memref of type `t`, NONE if 0). */
static TEEC_Result probe(TEEC_Session *s, uint32_t t, TEEC_SharedMemory *shm, uint32_t size,
			 uint32_t offset, uint32_t action, uint32_t *origin)
{
	TEEC_Operation op = { 0 };

	op.paramTypes = TEEC_PARAM_TYPES(t, TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].memref = (TEEC_RegisteredMemoryReference){ shm, size, offset };
	op.params[1].value = (TEEC_Value){ action, 0 };
	return invoke(s, TA_TEST_CMD_MEMREF_PROBE, &op, origin);
}

/* A probe that must kill the mapping TA's instance; the session is reopened after. */
static void map_death(TEEC_Context *ctx, TEEC_Session *s, const char *name, TEEC_Result r,
		      uint32_t origin, bool unchanged)
{
	check(name, r == TEEC_ERROR_TARGET_DEAD && origin == TEEC_ORIGIN_TEE && unchanged, r,
	      origin);
	TEEC_CloseSession(s);
	r = TEEC_OpenSession(ctx, s, &map_uuid, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	if (r != TEEC_SUCCESS)
		check("map_session_reopens", false, r, origin);
}

/*
 * Registered memory mapped into a TA_FLAG_MAP_MEMREFS TA (docs/tos.md §4.3): the same results
 * as through bounce buffers, written in place; what mapping must never allow kills the TA.
 */
static void mapped_memory(TEEC_Context *ctx, TEEC_Session *bounced)
{
	static const uint32_t ret_insn = 0xd65f03c0; /* RET: harmless if it ever ran */
	TEEC_SharedMemory shm = { .buffer = page_buf,
				  .size = 8192,
				  .flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT };
	TEEC_Operation op = { 0 };
	TEEC_Session s;
	uint32_t origin;
	TEEC_Result r;

	fill_pattern(page_buf, sizeof(page_buf), 9);
	r = TEEC_RegisterSharedMemory(ctx, &shm);
	if (r == TEEC_SUCCESS)
		r = TEEC_OpenSession(ctx, &s, &map_uuid, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
	check("map_session_open", r == TEEC_SUCCESS, r, origin);
	if (r != TEEC_SUCCESS)
		return;
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &shm;
	r = invoke(&s, TA_TEST_CMD_INVERT_MEMREF, &op, &origin);
	check("map_whole_inout",
	      r == TEEC_SUCCESS && page_buf[0] == (uint8_t)~9u &&
		  page_buf[8191] == (uint8_t) ~(uint8_t)(8191 * 7 + 9),
	      r, origin);
	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].memref = (TEEC_RegisteredMemoryReference){ &shm, 50, 4090 };
	r = invoke(&s, TA_TEST_CMD_REPORT_SIZE, &op, &origin);
	check("map_partial_input_across_pages",
	      r == TEEC_SUCCESS && op.params[1].value.a == 50 &&
		  op.params[1].value.b == byte_sum(page_buf + 4090, 50),
	      r, origin);
	fill_pattern(page_buf, sizeof(page_buf), 9);
	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_OUTPUT, TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].memref = (TEEC_RegisteredMemoryReference){ &shm, 16, 100 };
	op.params[1].value = (TEEC_Value){ 0x22, 16 };
	r = invoke(&s, TA_TEST_CMD_FILL_MEMREF, &op, &origin);
	check("map_partial_output_in_place",
	      r == TEEC_SUCCESS && op.params[0].memref.size == 16 && page_buf[100] == 0x22 &&
		  page_buf[115] == 0x22 && page_buf[99] == (uint8_t)(99 * 7 + 9) &&
		  page_buf[116] == (uint8_t)(116 * 7 + 9),
	      r, origin);
	/* An input the TA writes anyway: mapped read-only, the TA dies, the byte stays. */
	r = probe(&s, TEEC_MEMREF_PARTIAL_INPUT, &shm, 16, 200, TA_TEST_PROBE_WRITE, &origin);
	map_death(ctx, &s, "map_input_is_read_only", r, origin,
		  page_buf[200] == (uint8_t)(200 * 7 + 9));
	/* Through a bounce buffer the same write lands in the TA's private copy only. */
	r = probe(bounced, TEEC_MEMREF_PARTIAL_INPUT, &shm, 16, 200, TA_TEST_PROBE_WRITE, &origin);
	check("bounce_input_write_stays_private",
	      r == TEEC_SUCCESS && page_buf[200] == (uint8_t)(200 * 7 + 9), r, origin);
	/* The mapping ends with the call: an address kept from it faults in the next one. */
	r = probe(&s, TEEC_MEMREF_WHOLE, &shm, 0, 0, TA_TEST_PROBE_KEEP, &origin);
	if (r == TEEC_SUCCESS)
		r = probe(&s, TEEC_NONE, NULL, 0, 0, TA_TEST_PROBE_READ_KEPT, &origin);
	map_death(ctx, &s, "map_gone_after_the_call", r, origin, true);
	/* Never executable, even read-write. */
	memcpy(page_buf, &ret_insn, sizeof(ret_insn));
	r = probe(&s, TEEC_MEMREF_WHOLE, &shm, 0, 0, TA_TEST_PROBE_EXEC, &origin);
	map_death(ctx, &s, "map_never_executable", r, origin, true);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].value = (TEEC_Value){ 1, 1 };
	r = invoke(&s, TA_TEST_CMD_INC_VALUE, &op, &origin);
	check("map_ta_serves_after_deaths", r == TEEC_SUCCESS && op.params[0].value.a == 2, r,
	      origin);
	TEEC_CloseSession(&s);
	TEEC_ReleaseSharedMemory(&shm);
}

static void allocated_memory(TEEC_Context *ctx, TEEC_Session *s)
{
	TEEC_SharedMemory shm = { .size = 5000, .flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT };
	TEEC_SharedMemory big = { .size = TEEC_CONFIG_SHAREDMEM_MAX_SIZE + 1,
				  .flags = TEEC_MEM_INPUT };
	TEEC_Operation op = { 0 };
	uint32_t origin;
	TEEC_Result r;

	r = TEEC_AllocateSharedMemory(ctx, &big);
	expect("shm_allocate_too_big", r, TEEC_ORIGIN_API, TEEC_ERROR_OUT_OF_MEMORY,
	       TEEC_ORIGIN_API);
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
	/* ALL_TYPES: one call with four different kinds of parameter. */
	memset(shm.buffer, 10, 5000);
	memset(page_buf, 0, 32);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_MEMREF_TEMP_OUTPUT,
					 TEEC_MEMREF_PARTIAL_INOUT, TEEC_VALUE_INOUT);
	op.params[1].tmpref = (TEEC_TempMemoryReference){ page_buf, 32 };
	op.params[2].memref = (TEEC_RegisteredMemoryReference){ &shm, 100, 4000 };
	op.params[3].value = (TEEC_Value){ 1, 2 };
	r = invoke(s, TA_TEST_CMD_ALL_TYPES, &op, &origin);
	check("all_types_in_one_call",
	      r == TEEC_SUCCESS && op.params[0].value.a == 0x1000 &&
		  op.params[0].value.b == 0x2000 && page_buf[0] == 2 && page_buf[31] == 2 &&
		  ((uint8_t *)shm.buffer)[3999] == 10 && ((uint8_t *)shm.buffer)[4000] == 11 &&
		  ((uint8_t *)shm.buffer)[4099] == 11 && ((uint8_t *)shm.buffer)[4100] == 10 &&
		  op.params[3].value.a == 2 && op.params[3].value.b == 3,
	      r, origin);
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
	if (r == TEEC_SUCCESS)
		r = invoke(s, TA_TEST_CMD_REPORT_SIZE, &op, &origin);
	check("shm_register_zero_size", r == TEEC_SUCCESS && op.params[1].value.a == 0, r, origin);
	TEEC_ReleaseSharedMemory(&reg);
	r = TEEC_AllocateSharedMemory(ctx, &alloc);
	check("shm_allocate_zero_size", r == TEEC_SUCCESS && alloc.buffer != NULL, r, 0);
	if (r == TEEC_SUCCESS)
		TEEC_ReleaseSharedMemory(&alloc);
}

/*
 * A NULL context shares a block on first use with the TEE a call goes to: the OPEN_SESSION
 * below is tried in "pay" first (no test TA there) and then in "vault", so the block moves.
 */
static void null_context_memory(void)
{
	TEEC_SharedMemory shm = { .size = 300, .flags = TEEC_MEM_INPUT };
	TEEC_Operation op = { 0 };
	TEEC_Context ctx;
	TEEC_Session s;
	uint32_t origin = 0;
	TEEC_Result r = TEEC_InitializeContext(NULL, &ctx);

	if (r != TEEC_SUCCESS) {
		check("null_context_memory_follows_routing", false, r, 0);
		return;
	}
	r = TEEC_AllocateSharedMemory(&ctx, &shm);
	if (r == TEEC_SUCCESS) {
		fill_pattern(shm.buffer, 300, 11);
		fill_pattern(shm_pattern_copy, 300, 11);
		op.paramTypes =
		    TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_NONE, TEEC_NONE, TEEC_NONE);
		op.params[0].memref.parent = &shm;
		r = open_test(&ctx, &s, &op, &origin);
		if (r == TEEC_SUCCESS) {
			op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_VALUE_OUTPUT,
							 TEEC_NONE, TEEC_NONE);
			r = invoke(&s, TA_TEST_CMD_REPORT_SIZE, &op, &origin);
			TEEC_CloseSession(&s);
		}
		TEEC_ReleaseSharedMemory(&shm);
	}
	check("null_context_memory_follows_routing",
	      r == TEEC_SUCCESS && s.tee_id == TEE_VAULT && op.params[1].value.a == 300 &&
		  op.params[1].value.b == byte_sum(shm_pattern_copy, 300),
	      r, origin);
	TEEC_FinalizeContext(&ctx);
}

/* Two contexts on one TEE share its message page: finalizing one leaves the other working. */
static void two_contexts(void)
{
	TEEC_Context a, b;
	TEEC_Session s;
	TEEC_Operation op = { 0 };
	uint32_t origin = 0;
	TEEC_Result r;

	if (TEEC_InitializeContext("vault", &a) != TEEC_SUCCESS) {
		check("two_contexts_one_tee", false, TEEC_ERROR_GENERIC, 0);
		return;
	}
	r = TEEC_InitializeContext("vault", &b);
	TEEC_FinalizeContext(&a);
	if (r == TEEC_SUCCESS) {
		r = open_test(&b, &s, NULL, &origin);
		if (r == TEEC_SUCCESS) {
			op.paramTypes =
			    TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
			r = invoke(&s, TA_TEST_CMD_INC_VALUE, &op, &origin);
			TEEC_CloseSession(&s);
		}
		TEEC_FinalizeContext(&b);
	}
	check("two_contexts_one_tee", r == TEEC_SUCCESS && op.params[0].value.a == 1, r, origin);
}

/* ---- cancellation, panics --------------------------------------------------------- */

static struct {
	TEEC_Operation *op;
	unsigned resumes;
	unsigned cancel_after;
} waiting;

static void on_resume(void *arg)
{
	if (++waiting.resumes == waiting.cancel_after && waiting.op)
		TEEC_RequestCancellation(waiting.op);
}

static TEEC_Result wait_in_ta(TEEC_Session *s, uint32_t ms, uint32_t mode, unsigned cancel_after,
			      TEEC_Operation *op, uint32_t *origin)
{
	memset(op, 0, sizeof(*op));
	op->paramTypes =
	    TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE);
	op->params[0].value = (TEEC_Value){ ms, mode };
	waiting.op = op;
	waiting.resumes = 0;
	waiting.cancel_after = cancel_after;
	teec_set_resume_hook(on_resume, NULL);
	TEEC_Result r = invoke(s, TA_TEST_CMD_WAIT, op, origin);
	teec_set_resume_hook(NULL, NULL);
	return r;
}

static void cancellation(TEEC_Session *s)
{
	TEEC_Operation op;
	uint32_t origin;
	TEEC_Result r;

	r = wait_in_ta(s, 1, TA_TEST_WAIT_UNMASK, 0, &op, &origin);
	check("wait_suspends_and_resumes", r == TEEC_SUCCESS && waiting.resumes >= 1, r, origin);
	r = wait_in_ta(s, WAIT_INFINITE, TA_TEST_WAIT_UNMASK, 3, &op, &origin);
	check("cancel_infinite_wait",
	      r == TEEC_ERROR_CANCEL && origin == TEEC_ORIGIN_TRUSTED_APP && waiting.resumes >= 3 &&
		  op.params[1].value.a == 1,
	      r, origin);
	r = wait_in_ta(s, 20, TA_TEST_WAIT_MASK, 2, &op, &origin);
	check("cancel_masked_is_ignored", r == TEEC_SUCCESS && waiting.resumes >= 2, r, origin);
	memset(&op, 0, sizeof(op));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].value = (TEEC_Value){ WAIT_INFINITE, TA_TEST_WAIT_UNMASK };
	TEEC_RequestCancellation(&op);
	r = invoke(s, TA_TEST_CMD_WAIT, &op, &origin);
	expect("cancel_before_start", r, origin, TEEC_ERROR_CANCEL, TEEC_ORIGIN_API);
	r = invoke(s, TA_TEST_CMD_INC_VALUE, NULL, &origin);
	expect("session_usable_after_cancel", r, origin, TEEC_ERROR_BAD_PARAMETERS,
	       TEEC_ORIGIN_TRUSTED_APP);
}

static void ta_death(TEEC_Context *ctx, uint32_t cmd, uint32_t arg, const char *dead,
		     const char *still_dead, const char *reopen)
{
	TEEC_Operation op = { 0 };
	TEEC_Session s;
	uint32_t origin;
	TEEC_Result r;

	r = open_test(ctx, &s, NULL, &origin);
	if (r != TEEC_SUCCESS) {
		check(dead, false, r, origin);
		return;
	}
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].value.a = arg;
	r = invoke(&s, cmd, &op, &origin);
	expect(dead, r, origin, TEEC_ERROR_TARGET_DEAD, TEEC_ORIGIN_TEE);
	op.params[0].value = (TEEC_Value){ 1, 1 };
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	r = invoke(&s, TA_TEST_CMD_INC_VALUE, &op, &origin);
	expect(still_dead, r, origin, TEEC_ERROR_TARGET_DEAD, TEEC_ORIGIN_TEE);
	TEEC_CloseSession(&s);
	r = open_test(ctx, &s, NULL, &origin);
	if (r == TEEC_SUCCESS) {
		r = invoke(&s, TA_TEST_CMD_INC_VALUE, &op, &origin);
		TEEC_CloseSession(&s);
	}
	check(reopen, r == TEEC_SUCCESS && op.params[0].value.a == 2, r, origin);
}

/* ---- routing and policy ------------------------------------------------------------- */

static void open_by_uuid(const char *name, const TEEC_UUID *uuid, TEEC_Result want,
			 uint16_t want_tee)
{
	TEEC_Context ctx;
	TEEC_Session s;
	uint32_t origin = TEEC_ORIGIN_API;
	TEEC_Result r = TEEC_InitializeContext(NULL, &ctx);

	if (r == TEEC_SUCCESS) {
		r = TEEC_OpenSession(&ctx, &s, uuid, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin);
		if (r == TEEC_SUCCESS) {
			check(name, want == TEEC_SUCCESS && s.tee_id == want_tee, r, s.tee_id);
			TEEC_CloseSession(&s);
			TEEC_FinalizeContext(&ctx);
			return;
		}
		TEEC_FinalizeContext(&ctx);
	}
	check(name, r == want && (r != TEEC_ERROR_ITEM_NOT_FOUND || origin == TEEC_ORIGIN_TEE), r,
	      origin);
}

static void policy(unsigned visible)
{
	TEEC_Context ctx;
	TEEC_Result r = TEEC_InitializeContext("vault", &ctx);

	if (visible >= 2) {
		check("name_selects_vault", r == TEEC_SUCCESS && ctx.tee_ids[0] == TEE_VAULT, r, 0);
		if (r == TEEC_SUCCESS)
			TEEC_FinalizeContext(&ctx);
		open_by_uuid("route_null_context_to_vault", &test_uuid, TEEC_SUCCESS, TEE_VAULT);
	} else {
		expect("policy_vault_denied", r, TEEC_ORIGIN_API, TEEC_ERROR_ACCESS_DENIED,
		       TEEC_ORIGIN_API);
		open_by_uuid("policy_vault_ta_unreachable_by_uuid", &test_uuid,
			     TEEC_ERROR_ITEM_NOT_FOUND, 0);
	}
	open_by_uuid("route_null_context_to_pay", &wallet_uuid, TEEC_SUCCESS, TEE_PAY);
	open_by_uuid("route_null_context_unknown_uuid", &unknown_uuid, TEEC_ERROR_ITEM_NOT_FOUND,
		     0);
}

/* Sessions the client forgets to close are closed by TEEC_FinalizeContext. */
static void finalize_closes_sessions(void)
{
	TEEC_Context ctx;
	TEEC_Session s1, s2, probe;
	TEEC_Operation op = { 0 };
	uint32_t origin = 0;
	TEEC_Result r = TEEC_InitializeContext("vault", &ctx);

	if (r == TEEC_SUCCESS && open_test(&ctx, &s1, NULL, &origin) == TEEC_SUCCESS)
		r = open_test(&ctx, &s2, NULL, &origin);
	if (r == TEEC_SUCCESS)
		TEEC_FinalizeContext(&ctx); /* s1 and s2 still open */
	if (r == TEEC_SUCCESS)
		r = TEEC_InitializeContext("vault", &ctx);
	if (r == TEEC_SUCCESS) {
		r = open_test(&ctx, &probe, NULL, &origin);
		op.paramTypes =
		    TEEC_PARAM_TYPES(TEEC_VALUE_OUTPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
		if (r == TEEC_SUCCESS)
			r = invoke(&probe, TA_TEST_CMD_SESSION_INFO, &op, &origin);
		TEEC_FinalizeContext(&ctx);
	}
	check("finalize_closes_open_sessions", r == TEEC_SUCCESS && op.params[0].value.a == 1, r,
	      op.params[0].value.a);
}

static void full_suite(void)
{
	TEEC_Context vault, pay;
	TEEC_Session s;
	uint32_t origin;
	TEEC_Result r;

	r = TEEC_InitializeContext("vault", &vault);
	if (r != TEEC_SUCCESS) {
		check("context_vault", false, r, TEEC_ORIGIN_API);
		return;
	}
	r = TEEC_InitializeContext("pay", &pay);
	if (r == TEEC_SUCCESS) {
		sessions(&vault, &pay);
		TEEC_FinalizeContext(&pay);
	}
	r = open_test(&vault, &s, NULL, &origin);
	if (r != TEEC_SUCCESS) {
		check("session_for_the_suite", false, r, origin);
		TEEC_FinalizeContext(&vault);
		return;
	}
	values(&s);
	temp_memrefs(&s);
	registered_memory(&vault, &s);
	mapped_memory(&vault, &s);
	allocated_memory(&vault, &s);
	empty_memory(&vault, &s);
	cancellation(&s);
	TEEC_CloseSession(&s);
	ta_death(&vault, TA_TEST_CMD_PANIC, TA_TEST_PANIC_CODE, "ta_panic_target_dead",
		 "ta_panic_session_stays_dead", "ta_panic_new_session_works");
	ta_death(&vault, TA_TEST_CMD_FAULT, TA_TEST_FAULT_NULL_READ, "ta_fault_target_dead",
		 "ta_fault_session_stays_dead", "ta_fault_new_session_works");
	TEEC_FinalizeContext(&vault);
	null_context_memory();
	two_contexts();
	finalize_closes_sessions();
}

/** Run the checks; `visible` = TEEs the binding lets this guest reach (2: all, 1: "pay"). */
void guest_teec_conformance(ffa_id_t self, unsigned visible)
{
	contexts(visible);
	if (visible >= 2)
		full_suite();
	policy(visible);
	printk("TEEC CONFORMANCE %s: %u checks, %u failures\n", failures ? "FAILED" : "PASSED",
	       checks, failures);
}
