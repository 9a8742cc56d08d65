// SPDX-License-Identifier: BSD-3-Clause
/* Names of GP results and origins for the log lines of our Linux GP client programs. */
#include "teec_util.h"

#include <time.h>

struct name {
	uint32_t value;
	const char *name;
};

#define NAME(x)                                                                                    \
	{                                                                                          \
		x, #x                                                                              \
	}

static const struct name results[] = {
	NAME(TEEC_SUCCESS),
	NAME(TEEC_ERROR_GENERIC),
	NAME(TEEC_ERROR_ACCESS_DENIED),
	NAME(TEEC_ERROR_CANCEL),
	NAME(TEEC_ERROR_ACCESS_CONFLICT),
	NAME(TEEC_ERROR_EXCESS_DATA),
	NAME(TEEC_ERROR_BAD_FORMAT),
	NAME(TEEC_ERROR_BAD_PARAMETERS),
	NAME(TEEC_ERROR_BAD_STATE),
	NAME(TEEC_ERROR_ITEM_NOT_FOUND),
	NAME(TEEC_ERROR_NOT_IMPLEMENTED),
	NAME(TEEC_ERROR_NOT_SUPPORTED),
	NAME(TEEC_ERROR_NO_DATA),
	NAME(TEEC_ERROR_OUT_OF_MEMORY),
	NAME(TEEC_ERROR_BUSY),
	NAME(TEEC_ERROR_COMMUNICATION),
	NAME(TEEC_ERROR_SECURITY),
	NAME(TEEC_ERROR_SHORT_BUFFER),
	NAME(TEEC_ERROR_EXTERNAL_CANCEL),
	NAME(TEEC_ERROR_TARGET_DEAD),
	NAME(TEEC_ERROR_MAC_INVALID),
};

static const struct name origins[] = {
	NAME(TEEC_ORIGIN_API),
	NAME(TEEC_ORIGIN_COMMS),
	NAME(TEEC_ORIGIN_TEE),
	NAME(TEEC_ORIGIN_TRUSTED_APP),
};

static const char *lookup(const struct name *t, size_t n, uint32_t v)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].value == v)
			return t[i].name;
	return "unknown";
}

const char *teec_result_str(TEEC_Result r)
{
	return lookup(results, sizeof(results) / sizeof(results[0]), r);
}

const char *teec_origin_str(uint32_t origin)
{
	return lookup(origins, sizeof(origins) / sizeof(origins[0]), origin);
}

uint64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}
