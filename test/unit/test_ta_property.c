// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host unit tests of the TA library's property API (ta/lib/property.c) for the current
 * client (issue 11): gpd.client.identity is of type Identity (TEE_GetPropertyAsIdentity
 * gives the login and UUID the trusted OS recorded for the session, AsString
 * "<login>:<uuid>", the other getters TEE_ERROR_BAD_FORMAT), tessera.client.endpoint a U32;
 * a failing system call means ITEM_NOT_FOUND; SHORT_BUFFER sizes. The system call is a fake
 * that writes what the test sets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <tee_internal_api.h>
#include <user_ta_header.h>

#include "../../ta/lib/ta_lib.h"
#include "test_ta_property.h"

static const TEE_UUID own_uuid = { 1, 2, 3, { 4, 5, 6, 7, 8, 9, 10, 11 } };
const struct ta_props ta_props = { &own_uuid, 0, 4096, 4096, "desc", "1.0" };

/* What the fake TA_SYS_CLIENT_ID answers. */
static struct ta_client_id fake_id;
static uint64_t fake_result;
static unsigned syscalls;

struct ta_sys_ret ta_syscall(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2)
{
	(void)a1, (void)a2;
	syscalls++;
	assert_int_equal(nr, TA_SYS_CLIENT_ID);
	if (fake_result == TEE_SUCCESS)
		memcpy((void *)(uintptr_t)a0, &fake_id, sizeof(fake_id));
	return (struct ta_sys_ret){ fake_result, 0 };
}

void TEE_Panic(TEE_Result code)
{
	mock_assert(0, "TEE_Panic", __FILE__, __LINE__);
	(void)code;
	abort();
}

static int setup(void **state)
{
	static const uint8_t uuid[16] = { 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0x5d, 0xef,
					  0x81, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef };

	(void)state;
	fake_id.login = TEE_LOGIN_USER;
	fake_id.endpoint = 0x8001;
	memcpy(fake_id.uuid, uuid, 16);
	fake_result = TEE_SUCCESS;
	syscalls = 0;
	return 0;
}

static void test_identity(void **state)
{
	TEE_Identity id;

	(void)state;
	assert_int_equal(TEE_GetPropertyAsIdentity(TEE_PROPSET_CURRENT_CLIENT,
						   TEE_PROP_STR_CLIENT_IDENTITY, &id),
			 TEE_SUCCESS);
	assert_int_equal(id.login, TEE_LOGIN_USER);
	assert_int_equal(id.uuid.timeLow, 0x12345678);
	assert_int_equal(id.uuid.timeMid, 0x9abc);
	assert_int_equal(id.uuid.timeHiAndVersion, 0x5def);
	assert_int_equal(id.uuid.clockSeqAndNode[0], 0x81);
	assert_int_equal(id.uuid.clockSeqAndNode[7], 0xef);
	assert_int_equal(syscalls, 1); /* asked at every request: nothing cached in the TA */
	fake_id.login = TEE_LOGIN_REE_KERNEL;
	memset(fake_id.uuid, 0, 16);
	assert_int_equal(TEE_GetPropertyAsIdentity(TEE_PROPSET_CURRENT_CLIENT,
						   TEE_PROP_STR_CLIENT_IDENTITY, &id),
			 TEE_SUCCESS);
	assert_int_equal(id.login, TEE_LOGIN_REE_KERNEL);
	assert_int_equal(id.uuid.timeLow, 0);
	assert_int_equal(syscalls, 2);
}

static void test_identity_as_string(void **state)
{
	char s[64];
	size_t len = sizeof(s);

	(void)state;
	assert_int_equal(TEE_GetPropertyAsString(TEE_PROPSET_CURRENT_CLIENT,
						 TEE_PROP_STR_CLIENT_IDENTITY, s, &len),
			 TEE_SUCCESS);
	assert_string_equal(s, "1:12345678-9abc-5def-8123-456789abcdef");
	assert_int_equal(len, strlen(s) + 1);
	fake_id.login = TEE_LOGIN_REE_KERNEL;
	len = 10;
	assert_int_equal(TEE_GetPropertyAsString(TEE_PROPSET_CURRENT_CLIENT,
						 TEE_PROP_STR_CLIENT_IDENTITY, s, &len),
			 TEE_ERROR_SHORT_BUFFER);
	assert_int_equal(len, strlen("2147483648:12345678-9abc-5def-8123-456789abcdef") + 1);
	assert_int_equal(TEE_GetPropertyAsString(TEE_PROPSET_CURRENT_CLIENT,
						 TEE_PROP_STR_CLIENT_IDENTITY, s, &len),
			 TEE_SUCCESS);
	assert_string_equal(s, "2147483648:12345678-9abc-5def-8123-456789abcdef");
}

/* GP: a getter of another type answers BAD_FORMAT (before issue 11 AsUUID gave the UUID). */
static void test_identity_other_getters(void **state)
{
	TEE_UUID uuid;
	uint32_t u32;
	bool b;

	(void)state;
	assert_int_equal(
	    TEE_GetPropertyAsUUID(TEE_PROPSET_CURRENT_CLIENT, TEE_PROP_STR_CLIENT_IDENTITY, &uuid),
	    TEE_ERROR_BAD_FORMAT);
	assert_int_equal(
	    TEE_GetPropertyAsU32(TEE_PROPSET_CURRENT_CLIENT, TEE_PROP_STR_CLIENT_IDENTITY, &u32),
	    TEE_ERROR_BAD_FORMAT);
	assert_int_equal(
	    TEE_GetPropertyAsBool(TEE_PROPSET_CURRENT_CLIENT, TEE_PROP_STR_CLIENT_IDENTITY, &b),
	    TEE_ERROR_BAD_FORMAT);
}

static void test_endpoint(void **state)
{
	TEE_Identity id;
	uint32_t ep;
	char s[16];
	size_t len = sizeof(s);

	(void)state;
	assert_int_equal(
	    TEE_GetPropertyAsU32(TEE_PROPSET_CURRENT_CLIENT, TEE_PROP_STR_CLIENT_ENDPOINT, &ep),
	    TEE_SUCCESS);
	assert_int_equal(ep, 0x8001);
	assert_int_equal(TEE_GetPropertyAsString(TEE_PROPSET_CURRENT_CLIENT,
						 TEE_PROP_STR_CLIENT_ENDPOINT, s, &len),
			 TEE_SUCCESS);
	assert_string_equal(s, "32769");
	assert_int_equal(TEE_GetPropertyAsIdentity(TEE_PROPSET_CURRENT_CLIENT,
						   TEE_PROP_STR_CLIENT_ENDPOINT, &id),
			 TEE_ERROR_BAD_FORMAT);
}

/* No client (create/destroy entry points), or a failing call: not found, nothing written. */
static void test_no_client(void **state)
{
	TEE_Identity id = { 0x55, { 0 } };

	(void)state;
	fake_result = TEE_ERROR_ACCESS_DENIED;
	assert_int_equal(TEE_GetPropertyAsIdentity(TEE_PROPSET_CURRENT_CLIENT,
						   TEE_PROP_STR_CLIENT_IDENTITY, &id),
			 TEE_ERROR_ITEM_NOT_FOUND);
	assert_int_equal(id.login, 0x55);
	/* Identity is a client property only. */
	fake_result = TEE_SUCCESS;
	assert_int_equal(
	    TEE_GetPropertyAsIdentity(TEE_PROPSET_CURRENT_TA, TEE_PROP_STR_CLIENT_IDENTITY, &id),
	    TEE_ERROR_ITEM_NOT_FOUND);
	assert_int_equal(
	    TEE_GetPropertyAsIdentity(TEE_PROPSET_CURRENT_CLIENT, "gpd.client.nope", &id),
	    TEE_ERROR_ITEM_NOT_FOUND);
	assert_int_equal(syscalls, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_identity, setup),
		cmocka_unit_test_setup(test_identity_as_string, setup),
		cmocka_unit_test_setup(test_identity_other_getters, setup),
		cmocka_unit_test_setup(test_endpoint, setup),
		cmocka_unit_test_setup(test_no_client, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
