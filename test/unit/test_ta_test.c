// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host unit tests of the test TA's own logic (the conformance suite in QEMU relies on it
 * being right): each parameter command, open-session parameters, sessions, panic and the
 * heap stress, through the real entry points over the TA library shim.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <ta_test.h>

#include "test_ta_shim.h"

#define T_NONE TEE_PARAM_TYPE_NONE
#define T_VIN  TEE_PARAM_TYPE_VALUE_INPUT
#define T_VOUT TEE_PARAM_TYPE_VALUE_OUTPUT
#define T_VIO  TEE_PARAM_TYPE_VALUE_INOUT
#define T_MIN  TEE_PARAM_TYPE_MEMREF_INPUT
#define T_MOUT TEE_PARAM_TYPE_MEMREF_OUTPUT
#define T_MIO  TEE_PARAM_TYPE_MEMREF_INOUT

static void *session;

static int setup(void **state)
{
	(void)state;
	shim_reset();
	assert_int_equal(TA_CreateEntryPoint(), TEE_SUCCESS);
	assert_int_equal(TA_OpenSessionEntryPoint(0, NULL, &session), TEE_SUCCESS);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	TA_CloseSessionEntryPoint(session);
	TA_DestroyEntryPoint();
	assert_int_equal(shim_heap_used, 0);
	return 0;
}

static TEE_Result invoke(uint32_t cmd, uint32_t types, TEE_Param p[4])
{
	return TA_InvokeCommandEntryPoint(session, cmd, types, p);
}

static void memref(TEE_Param *p, void *buf, size_t size)
{
	p->memref.buffer = buf;
	p->memref.size = size;
}

static void test_values(void **state)
{
	TEE_Param p[4] = { 0 };

	(void)state;
	p[0].value.a = 41;
	p[0].value.b = 0xffffffff;
	assert_int_equal(invoke(TA_TEST_CMD_INC_VALUE, TEE_PARAM_TYPES(T_VIO, 0, 0, 0), p),
			 TEE_SUCCESS);
	assert_int_equal(p[0].value.a, 42);
	assert_int_equal(p[0].value.b, 0);
	assert_int_equal(invoke(TA_TEST_CMD_INC_VALUE, TEE_PARAM_TYPES(T_VIN, 0, 0, 0), p),
			 TEE_ERROR_BAD_PARAMETERS);
	p[0].value.a = 1;
	p[0].value.b = 2;
	p[1].value.a = 10;
	p[1].value.b = 20;
	assert_int_equal(
	    invoke(TA_TEST_CMD_ADD_VALUES, TEE_PARAM_TYPES(T_VIN, T_VIN, T_VOUT, 0), p),
	    TEE_SUCCESS);
	assert_int_equal(p[2].value.a, 11);
	assert_int_equal(p[2].value.b, 22);
}

static void test_memrefs(void **state)
{
	TEE_Param p[4] = { 0 };
	char in[] = "hello";
	char out[8] = { 0 };

	(void)state;
	memref(&p[0], in, 5);
	memref(&p[1], out, 4);
	assert_int_equal(invoke(TA_TEST_CMD_COPY_MEMREF, TEE_PARAM_TYPES(T_MIN, T_MOUT, 0, 0), p),
			 TEE_ERROR_SHORT_BUFFER);
	assert_int_equal(p[1].memref.size, 5);
	memref(&p[1], NULL, 100); /* a null memref asks for the size */
	assert_int_equal(invoke(TA_TEST_CMD_COPY_MEMREF, TEE_PARAM_TYPES(T_MIN, T_MOUT, 0, 0), p),
			 TEE_ERROR_SHORT_BUFFER);
	assert_int_equal(p[1].memref.size, 5);
	memref(&p[1], out, sizeof(out));
	assert_int_equal(invoke(TA_TEST_CMD_COPY_MEMREF, TEE_PARAM_TYPES(T_MIN, T_MOUT, 0, 0), p),
			 TEE_SUCCESS);
	assert_int_equal(p[1].memref.size, 5);
	assert_memory_equal(out, "hello", 5);

	memref(&p[0], out, sizeof(out));
	p[1].value.a = 0x1a7;
	p[1].value.b = 3;
	assert_int_equal(invoke(TA_TEST_CMD_FILL_MEMREF, TEE_PARAM_TYPES(T_MOUT, T_VIN, 0, 0), p),
			 TEE_SUCCESS);
	assert_int_equal(p[0].memref.size, 3);
	assert_memory_equal(out, "\xa7\xa7\xa7lo", 5);
	memref(&p[0], out, sizeof(out));
	p[1].value.b = 9;
	assert_int_equal(invoke(TA_TEST_CMD_FILL_MEMREF, TEE_PARAM_TYPES(T_MIO, T_VIN, 0, 0), p),
			 TEE_ERROR_SHORT_BUFFER);
	assert_int_equal(p[0].memref.size, 9);
	assert_int_equal(invoke(TA_TEST_CMD_FILL_MEMREF, TEE_PARAM_TYPES(T_MIN, T_VIN, 0, 0), p),
			 TEE_ERROR_BAD_PARAMETERS);

	memref(&p[0], in, 3);
	assert_int_equal(invoke(TA_TEST_CMD_REPORT_SIZE, TEE_PARAM_TYPES(T_MIN, T_VOUT, 0, 0), p),
			 TEE_SUCCESS);
	assert_int_equal(p[1].value.a, 3);
	assert_int_equal(p[1].value.b, 'h' + 'e' + 'l');
	assert_int_equal(invoke(TA_TEST_CMD_REPORT_SIZE, TEE_PARAM_TYPES(T_MOUT, T_VOUT, 0, 0), p),
			 TEE_SUCCESS);
	assert_int_equal(p[1].value.b, 0);

	memref(&p[0], in, 2);
	assert_int_equal(invoke(TA_TEST_CMD_INVERT_MEMREF, TEE_PARAM_TYPES(T_MIO, 0, 0, 0), p),
			 TEE_SUCCESS);
	assert_int_equal((uint8_t)in[0], (uint8_t) ~'h');
	assert_int_equal(in[2], 'l');
}

static void test_all_types(void **state)
{
	TEE_Param p[4] = { 0 };
	uint8_t a[3] = { 1, 2, 3 }, b[2] = { 0 };

	(void)state;
	p[0].value.a = 5;
	memref(&p[1], a, sizeof(a));
	memref(&p[2], b, sizeof(b));
	assert_int_equal(
	    invoke(TA_TEST_CMD_ALL_TYPES, TEE_PARAM_TYPES(T_VIO, T_MIO, T_MOUT, T_VOUT), p),
	    TEE_SUCCESS);
	assert_int_equal(p[0].value.a, 6);
	assert_memory_equal(a, "\x02\x03\x04", 3);
	assert_memory_equal(b, "\x03\x03", 2);
	assert_int_equal(p[3].value.a, 0x1003);
	assert_int_equal(p[3].value.b, 0x2003);
	assert_int_equal(invoke(TA_TEST_CMD_ALL_TYPES, TEE_PARAM_TYPES(4, 0, 0, 0), p),
			 TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(invoke(TA_TEST_CMD_ALL_TYPES, TEE_PARAM_TYPES(0, 0, 0, 8), p),
			 TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(invoke(1000, 0, p), TEE_ERROR_NOT_SUPPORTED);
}

static void test_open_session_params_and_count(void **state)
{
	TEE_Param p[4] = { 0 };
	void *second;

	(void)state;
	p[0].value.a = TA_TEST_OPEN_REFUSE;
	assert_int_equal(TA_OpenSessionEntryPoint(TEE_PARAM_TYPES(T_VIN, 0, 0, 0), p, &second),
			 TEE_ERROR_ACCESS_DENIED);
	p[0].value.a = 7;
	p[0].value.b = 8;
	assert_int_equal(TA_OpenSessionEntryPoint(TEE_PARAM_TYPES(T_VIO, 0, 0, 0), p, &second),
			 TEE_SUCCESS);
	assert_int_equal(p[0].value.a, 8);
	assert_int_equal(p[0].value.b, 9);
	assert_int_equal(TA_InvokeCommandEntryPoint(second, TA_TEST_CMD_SESSION_INFO,
						    TEE_PARAM_TYPES(T_VOUT, 0, 0, 0), p),
			 TEE_SUCCESS);
	assert_int_equal(p[0].value.a, 2);
	assert_int_equal(p[0].value.b, 2);
	TA_CloseSessionEntryPoint(second);
	assert_int_equal(invoke(TA_TEST_CMD_SESSION_INFO, TEE_PARAM_TYPES(T_VOUT, 0, 0, 0), p),
			 TEE_SUCCESS);
	assert_int_equal(p[0].value.a, 1);
	assert_int_equal(p[0].value.b, 1);
}

static void test_panic(void **state)
{
	TEE_Param p[4] = { 0 };

	(void)state;
	shim_panic_armed = 1;
	if (!setjmp(shim_panic_jmp)) {
		invoke(TA_TEST_CMD_PANIC, 0, p);
		fail_msg("TEE_Panic returned");
	}
	assert_int_equal(shim_panic_code, TA_TEST_PANIC_CODE);
	p[0].value.a = 0x1234;
	if (!setjmp(shim_panic_jmp)) {
		invoke(TA_TEST_CMD_PANIC, TEE_PARAM_TYPES(T_VIN, 0, 0, 0), p);
		fail_msg("TEE_Panic returned");
	}
	assert_int_equal(shim_panic_code, 0x1234);
}

static void test_malloc_stress(void **state)
{
	TEE_Param p[4] = { 0 };

	(void)state;
	shim_heap_limit = 10000;
	p[0].value.a = 1000;
	assert_int_equal(invoke(TA_TEST_CMD_MALLOC_STRESS, TEE_PARAM_TYPES(T_VIN, T_VOUT, 0, 0), p),
			 TEE_SUCCESS);
	assert_int_equal(p[1].value.a, 9); /* the session context takes a few bytes */
	assert_int_equal(p[1].value.b, 1);
	p[0].value.a = 8;
	assert_int_equal(invoke(TA_TEST_CMD_MALLOC_STRESS, TEE_PARAM_TYPES(T_VIN, T_VOUT, 0, 0), p),
			 TEE_ERROR_BAD_PARAMETERS);
}

static void test_log_and_wait(void **state)
{
	TEE_Param p[4] = { 0 };
	char text[] = "hi";

	(void)state;
	memref(&p[0], text, 2);
	assert_int_equal(invoke(TA_TEST_CMD_LOG, TEE_PARAM_TYPES(T_MIN, 0, 0, 0), p), TEE_SUCCESS);
	assert_string_equal(shim_last_log, "I/TA: hi");
	p[0].value.a = 5;
	p[0].value.b = TA_TEST_WAIT_UNMASK;
	assert_int_equal(invoke(TA_TEST_CMD_WAIT, TEE_PARAM_TYPES(T_VIN, T_VOUT, 0, 0), p),
			 TEE_SUCCESS);
	assert_int_equal(p[1].value.b, 1); /* the shim starts masked */
	p[0].value.b = 7;
	assert_int_equal(invoke(TA_TEST_CMD_WAIT, TEE_PARAM_TYPES(T_VIN, 0, 0, 0), p),
			 TEE_ERROR_BAD_PARAMETERS);
}

/* CLIENT_ID reports the identity and endpoint the trusted OS gives (issue 11). */
static void test_client_id(void **state)
{
	TEE_Param p[4] = { 0 };

	(void)state;
	assert_int_equal(invoke(TA_TEST_CMD_CLIENT_ID, TEE_PARAM_TYPES(T_VOUT, 0, 0, 0), p),
			 TEE_ERROR_ITEM_NOT_FOUND); /* the shim has no identity yet */
	shim_set_client(0x8001, TEE_LOGIN_GROUP, 0x42);
	assert_int_equal(invoke(TA_TEST_CMD_CLIENT_ID, TEE_PARAM_TYPES(T_VOUT, 0, 0, 0), p),
			 TEE_SUCCESS);
	assert_int_equal(p[0].value.a, TEE_LOGIN_GROUP);
	assert_int_equal(p[0].value.b, 0x8001);
	assert_int_equal(invoke(TA_TEST_CMD_CLIENT_ID, TEE_PARAM_TYPES(T_VIN, 0, 0, 0), p),
			 TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(invoke(TA_TEST_CMD_CLIENT_ID, TEE_PARAM_TYPES(T_VOUT, T_MIN, 0, 0), p),
			 TEE_ERROR_BAD_PARAMETERS);
}

/* Random hostile calls to every command that is not meant to crash or block. */
static void test_hostile_client(void **state)
{
	static const uint32_t crashing[] = { TA_TEST_CMD_PANIC, TA_TEST_CMD_FAULT };

	(void)state;
	shim_hostile_rounds(session, TA_TEST_CMD_CLIENT_ID, crashing, 2, 30000, 0x5eed);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_memrefs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_all_types, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_session_params_and_count, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_panic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_malloc_stress, setup, teardown),
		cmocka_unit_test_setup_teardown(test_log_and_wait, setup, teardown),
		cmocka_unit_test_setup_teardown(test_client_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_client, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
