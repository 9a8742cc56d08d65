// SPDX-License-Identifier: BSD-3-Clause
/* Printable names of TEEC result codes and origins, for logs and test output (teec_ext.h). */
#include <teec_ext.h>

#include "teec_private.h"

struct teec_name {
	uint32_t value;
	const char *name;
};

static const struct teec_name results[] = {
	{ TEEC_SUCCESS, "TEEC_SUCCESS" },
	{ TEEC_ERROR_STORAGE_NOT_AVAILABLE, "TEEC_ERROR_STORAGE_NOT_AVAILABLE" },
	{ TEEC_ERROR_GENERIC, "TEEC_ERROR_GENERIC" },
	{ TEEC_ERROR_ACCESS_DENIED, "TEEC_ERROR_ACCESS_DENIED" },
	{ TEEC_ERROR_CANCEL, "TEEC_ERROR_CANCEL" },
	{ TEEC_ERROR_ACCESS_CONFLICT, "TEEC_ERROR_ACCESS_CONFLICT" },
	{ TEEC_ERROR_EXCESS_DATA, "TEEC_ERROR_EXCESS_DATA" },
	{ TEEC_ERROR_BAD_FORMAT, "TEEC_ERROR_BAD_FORMAT" },
	{ TEEC_ERROR_BAD_PARAMETERS, "TEEC_ERROR_BAD_PARAMETERS" },
	{ TEEC_ERROR_BAD_STATE, "TEEC_ERROR_BAD_STATE" },
	{ TEEC_ERROR_ITEM_NOT_FOUND, "TEEC_ERROR_ITEM_NOT_FOUND" },
	{ TEEC_ERROR_NOT_IMPLEMENTED, "TEEC_ERROR_NOT_IMPLEMENTED" },
	{ TEEC_ERROR_NOT_SUPPORTED, "TEEC_ERROR_NOT_SUPPORTED" },
	{ TEEC_ERROR_NO_DATA, "TEEC_ERROR_NO_DATA" },
	{ TEEC_ERROR_OUT_OF_MEMORY, "TEEC_ERROR_OUT_OF_MEMORY" },
	{ TEEC_ERROR_BUSY, "TEEC_ERROR_BUSY" },
	{ TEEC_ERROR_COMMUNICATION, "TEEC_ERROR_COMMUNICATION" },
	{ TEEC_ERROR_SECURITY, "TEEC_ERROR_SECURITY" },
	{ TEEC_ERROR_SHORT_BUFFER, "TEEC_ERROR_SHORT_BUFFER" },
	{ TEEC_ERROR_EXTERNAL_CANCEL, "TEEC_ERROR_EXTERNAL_CANCEL" },
	{ TEE_ERROR_OVERFLOW, "TEE_ERROR_OVERFLOW" },
	{ TEEC_ERROR_TARGET_DEAD, "TEEC_ERROR_TARGET_DEAD" },
	{ TEEC_ERROR_STORAGE_NO_SPACE, "TEEC_ERROR_STORAGE_NO_SPACE" },
	{ TEE_ERROR_MAC_INVALID, "TEE_ERROR_MAC_INVALID" },
	{ TEE_ERROR_SIGNATURE_INVALID, "TEE_ERROR_SIGNATURE_INVALID" },
	{ TEE_ERROR_TIME_NOT_SET, "TEE_ERROR_TIME_NOT_SET" },
	{ TEE_ERROR_TIME_NEEDS_RESET, "TEE_ERROR_TIME_NEEDS_RESET" },
};

static const char *const origins[] = { "0", "API", "COMMS", "TEE", "TRUSTED_APP" };

const char *teec_result_name(TEEC_Result r)
{
	for (unsigned i = 0; i < sizeof(results) / sizeof(results[0]); i++)
		if (results[i].value == r)
			return results[i].name;
	return "unknown TEEC result";
}

const char *teec_origin_name(uint32_t origin)
{
	return origin < sizeof(origins) / sizeof(origins[0]) ? origins[origin] : "unknown origin";
}
