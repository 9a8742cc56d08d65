// SPDX-License-Identifier: BSD-3-Clause
/*
 * The test TA: entry points, sessions and the dispatch of the commands in ta_test.h. The
 * parameter commands are here; the system ones (faults, wait, heap, access rights, random,
 * time, properties) are in test_sys.c.
 */
#include <tee_internal_api.h>

#include "test_ta.h"

struct session {
	uint32_t number;
};

static uint32_t sessions_open;
static uint32_t sessions_seen;

TEE_Result TA_CreateEntryPoint(void)
{
	sessions_open = 0;
	sessions_seen = 0;
	return TEE_SUCCESS;
}

void TA_DestroyEntryPoint(void)
{
}

TEE_Result TA_OpenSessionEntryPoint(uint32_t paramTypes, TEE_Param params[TEE_NUM_PARAMS],
				    void **sessionContext)
{
	struct session *s;
	uint32_t t0 = TEE_PARAM_TYPE_GET(paramTypes, 0);

	if (t0 == TEE_PARAM_TYPE_VALUE_INPUT && params[0].value.a == TA_TEST_OPEN_REFUSE)
		return TEE_ERROR_ACCESS_DENIED;
	s = TEE_Malloc(sizeof(*s), TEE_MALLOC_FILL_ZERO);
	if (!s)
		return TEE_ERROR_OUT_OF_MEMORY;
	if (t0 == TEE_PARAM_TYPE_VALUE_INOUT) {
		params[0].value.a++;
		params[0].value.b++;
	}
	s->number = ++sessions_seen;
	sessions_open++;
	*sessionContext = s;
	return TEE_SUCCESS;
}

void TA_CloseSessionEntryPoint(void *sessionContext)
{
	sessions_open--;
	TEE_Free(sessionContext);
}

/*
 * A client may pass a memref with a NULL buffer and a size (GP "null memory reference",
 * used to ask for the size an output needs): such a memref has no bytes to touch.
 */
static bool has_bytes(const TEE_Param *p)
{
	return p->memref.buffer && p->memref.size;
}

static bool null_with_size(const TEE_Param *p)
{
	return !p->memref.buffer && p->memref.size;
}

static TEE_Result cmd_inc_value(uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
{
	if (types != TA_TEST_TYPES1(VALUE_INOUT))
		return TEE_ERROR_BAD_PARAMETERS;
	params[0].value.a++;
	params[0].value.b++;
	return TEE_SUCCESS;
}

static TEE_Result cmd_add_values(uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
{
	if (types != TEE_PARAM_TYPES(TEE_PARAM_TYPE_VALUE_INPUT, TEE_PARAM_TYPE_VALUE_INPUT,
				     TEE_PARAM_TYPE_VALUE_OUTPUT, TEE_PARAM_TYPE_NONE))
		return TEE_ERROR_BAD_PARAMETERS;
	params[2].value.a = params[0].value.a + params[1].value.a;
	params[2].value.b = params[0].value.b + params[1].value.b;
	return TEE_SUCCESS;
}

static TEE_Result cmd_copy_memref(uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
{
	size_t n = params[0].memref.size;

	if (types != TA_TEST_TYPES2(MEMREF_INPUT, MEMREF_OUTPUT) || null_with_size(&params[0]))
		return TEE_ERROR_BAD_PARAMETERS;
	if (params[1].memref.size < n || (n && !params[1].memref.buffer)) {
		params[1].memref.size = n;
		return TEE_ERROR_SHORT_BUFFER;
	}
	if (n)
		TEE_MemMove(params[1].memref.buffer, params[0].memref.buffer, n);
	params[1].memref.size = n;
	return TEE_SUCCESS;
}

static TEE_Result cmd_fill_memref(uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
{
	uint32_t t0 = TEE_PARAM_TYPE_GET(types, 0);
	size_t n;

	if ((t0 != TEE_PARAM_TYPE_MEMREF_OUTPUT && t0 != TEE_PARAM_TYPE_MEMREF_INOUT) ||
	    (types & ~0xfu) != TA_TEST_TYPES2(NONE, VALUE_INPUT))
		return TEE_ERROR_BAD_PARAMETERS;
	n = params[1].value.b ? params[1].value.b : params[0].memref.size;
	if (params[0].memref.size < n || (n && !params[0].memref.buffer)) {
		params[0].memref.size = n;
		return TEE_ERROR_SHORT_BUFFER;
	}
	if (n)
		TEE_MemFill(params[0].memref.buffer, params[1].value.a, n);
	params[0].memref.size = n;
	return TEE_SUCCESS;
}

static bool is_memref(uint32_t type)
{
	return type == TEE_PARAM_TYPE_MEMREF_INPUT || type == TEE_PARAM_TYPE_MEMREF_OUTPUT ||
	       type == TEE_PARAM_TYPE_MEMREF_INOUT;
}

static uint32_t byte_sum(const void *buf, size_t n)
{
	const uint8_t *p = buf;
	uint32_t sum = 0;

	for (size_t i = 0; i < n; i++)
		sum += p[i];
	return sum;
}

static TEE_Result cmd_report_size(uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
{
	uint32_t t0 = TEE_PARAM_TYPE_GET(types, 0);

	if (!is_memref(t0) || (types & ~0xfu) != TA_TEST_TYPES2(NONE, VALUE_OUTPUT))
		return TEE_ERROR_BAD_PARAMETERS;
	params[1].value.a = (uint32_t)params[0].memref.size;
	params[1].value.b = t0 == TEE_PARAM_TYPE_MEMREF_OUTPUT || !has_bytes(&params[0])
				? 0
				: byte_sum(params[0].memref.buffer, params[0].memref.size);
	return TEE_SUCCESS;
}

static TEE_Result cmd_invert_memref(uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
{
	uint8_t *p = params[0].memref.buffer;

	if (types != TA_TEST_TYPES1(MEMREF_INOUT) || null_with_size(&params[0]))
		return TEE_ERROR_BAD_PARAMETERS;
	for (size_t i = 0; i < params[0].memref.size; i++)
		p[i] ^= 0xff;
	return TEE_SUCCESS;
}

static TEE_Result cmd_touch_memref(uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
{
	uint8_t *p = params[0].memref.buffer;
	uint32_t w;

	if (types != TA_TEST_TYPES1(MEMREF_INOUT) || !p || params[0].memref.size < sizeof(w))
		return TEE_ERROR_BAD_PARAMETERS;
	TEE_MemMove(&w, p, sizeof(w));
	w++;
	TEE_MemMove(p, &w, sizeof(w));
	return TEE_SUCCESS;
}

static void all_types_one(uint32_t type, uint32_t i, TEE_Param *p)
{
	uint8_t *bytes = p->memref.buffer;

	if (type >= TEE_PARAM_TYPE_MEMREF_INPUT && !has_bytes(p))
		return; /* a null memref: nothing to write */
	switch (type) {
	case TEE_PARAM_TYPE_VALUE_OUTPUT:
		p->value.a = 0x1000 + i;
		p->value.b = 0x2000 + i;
		break;
	case TEE_PARAM_TYPE_VALUE_INOUT:
		p->value.a++;
		p->value.b++;
		break;
	case TEE_PARAM_TYPE_MEMREF_OUTPUT:
		TEE_MemFill(bytes, i + 1, p->memref.size);
		break;
	case TEE_PARAM_TYPE_MEMREF_INOUT:
		for (size_t k = 0; k < p->memref.size; k++)
			bytes[k]++;
		break;
	default: /* NONE, VALUE_INPUT, MEMREF_INPUT: nothing to write */
		break;
	}
}

static TEE_Result cmd_all_types(uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
{
	for (uint32_t i = 0; i < TEE_NUM_PARAMS; i++) {
		uint32_t t = TEE_PARAM_TYPE_GET(types, i);

		if (t == 4 || t > TEE_PARAM_TYPE_MEMREF_INOUT)
			return TEE_ERROR_BAD_PARAMETERS;
	}
	for (uint32_t i = 0; i < TEE_NUM_PARAMS; i++)
		all_types_one(TEE_PARAM_TYPE_GET(types, i), i, &params[i]);
	return TEE_SUCCESS;
}

static TEE_Result cmd_session_info(struct session *s, uint32_t types,
				   TEE_Param params[TEE_NUM_PARAMS])
{
	if (types != TA_TEST_TYPES1(VALUE_OUTPUT))
		return TEE_ERROR_BAD_PARAMETERS;
	params[0].value.a = sessions_open;
	params[0].value.b = s->number;
	return TEE_SUCCESS;
}

static TEE_Result cmd_log(uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
{
	char text[201];
	size_t n = params[0].memref.size;

	if (types != TA_TEST_TYPES1(MEMREF_INPUT) || n > sizeof(text) - 1 ||
	    null_with_size(&params[0]))
		return TEE_ERROR_BAD_PARAMETERS;
	if (n)
		TEE_MemMove(text, params[0].memref.buffer, n);
	text[n] = '\0';
	IMSG("%s", text);
	return TEE_SUCCESS;
}

/* The kept address of MEMREF_PROBE KEEP (one per instance: the test uses one session). */
static volatile uint8_t *probe_kept;

static TEE_Result cmd_memref_probe(uint32_t types, TEE_Param params[TEE_NUM_PARAMS])
{
	uint32_t t0 = TEE_PARAM_TYPE_GET(types, 0), action = params[1].value.a;
	volatile uint8_t *buf = params[0].memref.buffer;

	if (TEE_PARAM_TYPE_GET(types, 1) != TEE_PARAM_TYPE_VALUE_INPUT)
		return TEE_ERROR_BAD_PARAMETERS;
	if (action == TA_TEST_PROBE_READ_KEPT) {
		if (!probe_kept)
			return TEE_ERROR_BAD_STATE;
		(void)probe_kept[0];
		return TEE_SUCCESS;
	}
	if (t0 < TEE_PARAM_TYPE_MEMREF_INPUT || t0 > TEE_PARAM_TYPE_MEMREF_INOUT || !buf ||
	    params[1].value.b >= params[0].memref.size)
		return TEE_ERROR_BAD_PARAMETERS;
	switch (action) {
	case TA_TEST_PROBE_WRITE:
		buf[params[1].value.b] = (uint8_t)~buf[params[1].value.b];
		return TEE_SUCCESS;
	case TA_TEST_PROBE_KEEP:
		probe_kept = buf;
		return TEE_SUCCESS;
	case TA_TEST_PROBE_EXEC:
		((void (*)(void))(uintptr_t)buf)();
		return TEE_SUCCESS;
	default:
		return TEE_ERROR_BAD_PARAMETERS;
	}
}

static TEE_Result dispatch_params(struct session *s, uint32_t cmd, uint32_t types,
				  TEE_Param params[TEE_NUM_PARAMS])
{
	switch (cmd) {
	case TA_TEST_CMD_INC_VALUE:
		return cmd_inc_value(types, params);
	case TA_TEST_CMD_ADD_VALUES:
		return cmd_add_values(types, params);
	case TA_TEST_CMD_COPY_MEMREF:
		return cmd_copy_memref(types, params);
	case TA_TEST_CMD_FILL_MEMREF:
		return cmd_fill_memref(types, params);
	case TA_TEST_CMD_REPORT_SIZE:
		return cmd_report_size(types, params);
	case TA_TEST_CMD_INVERT_MEMREF:
		return cmd_invert_memref(types, params);
	case TA_TEST_CMD_ALL_TYPES:
		return cmd_all_types(types, params);
	case TA_TEST_CMD_TOUCH_MEMREF:
		return cmd_touch_memref(types, params);
	case TA_TEST_CMD_SESSION_INFO:
		return cmd_session_info(s, types, params);
	case TA_TEST_CMD_LOG:
		return cmd_log(types, params);
	case TA_TEST_CMD_MEMREF_PROBE:
		return cmd_memref_probe(types, params);
	default:
		return TEE_ERROR_NOT_SUPPORTED;
	}
}

TEE_Result TA_InvokeCommandEntryPoint(void *sessionContext, uint32_t commandID, uint32_t paramTypes,
				      TEE_Param params[TEE_NUM_PARAMS])
{
	switch (commandID) {
	case TA_TEST_CMD_PANIC:
		return test_cmd_panic(paramTypes, params);
	case TA_TEST_CMD_FAULT:
		return test_cmd_fault(paramTypes, params);
	case TA_TEST_CMD_WAIT:
		return test_cmd_wait(paramTypes, params);
	case TA_TEST_CMD_MALLOC_STRESS:
		return test_cmd_malloc_stress(paramTypes, params);
	case TA_TEST_CMD_ACCESS_RIGHTS:
		return test_cmd_access_rights(paramTypes, params);
	case TA_TEST_CMD_RANDOM:
		return test_cmd_random(paramTypes, params);
	case TA_TEST_CMD_TIME:
		return test_cmd_time(paramTypes, params);
	case TA_TEST_CMD_PROPERTIES:
		return test_cmd_properties(paramTypes, params);
	case TA_TEST_CMD_CLIENT_ID:
		return test_cmd_client_id(paramTypes, params);
	case TA_TEST_CMD_LOOP:
		return test_cmd_loop(paramTypes, params);
	default:
		return dispatch_params(sessionContext, commandID, paramTypes, params);
	}
}
