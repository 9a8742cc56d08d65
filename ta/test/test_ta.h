// SPDX-License-Identifier: BSD-3-Clause
/* Internal interface of the test TA: the system-API commands (test_sys.c). */
#ifndef TEST_TA_H
#define TEST_TA_H

#include <ta_test.h>
#include <tee_internal_api.h>

/* paramTypes with the given types first and NONE after them. */
#define TA_TEST_TYPES1(a)                                                                          \
	TEE_PARAM_TYPES(TEE_PARAM_TYPE_##a, TEE_PARAM_TYPE_NONE, TEE_PARAM_TYPE_NONE,              \
			TEE_PARAM_TYPE_NONE)
#define TA_TEST_TYPES2(a, b)                                                                       \
	TEE_PARAM_TYPES(TEE_PARAM_TYPE_##a, TEE_PARAM_TYPE_##b, TEE_PARAM_TYPE_NONE,               \
			TEE_PARAM_TYPE_NONE)

TEE_Result test_cmd_panic(uint32_t types, TEE_Param params[TEE_NUM_PARAMS]);
TEE_Result test_cmd_fault(uint32_t types, TEE_Param params[TEE_NUM_PARAMS]);
TEE_Result test_cmd_wait(uint32_t types, TEE_Param params[TEE_NUM_PARAMS]);
TEE_Result test_cmd_malloc_stress(uint32_t types, TEE_Param params[TEE_NUM_PARAMS]);
TEE_Result test_cmd_access_rights(uint32_t types, TEE_Param params[TEE_NUM_PARAMS]);
TEE_Result test_cmd_random(uint32_t types, TEE_Param params[TEE_NUM_PARAMS]);
TEE_Result test_cmd_time(uint32_t types, TEE_Param params[TEE_NUM_PARAMS]);
TEE_Result test_cmd_properties(uint32_t types, TEE_Param params[TEE_NUM_PARAMS]);
TEE_Result test_cmd_loop(uint32_t types, TEE_Param params[TEE_NUM_PARAMS]);
TEE_Result test_cmd_client_id(uint32_t types, TEE_Param params[TEE_NUM_PARAMS]);

#endif /* TEST_TA_H */
