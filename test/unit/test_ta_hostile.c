// SPDX-License-Identifier: BSD-3-Clause
/* Hostile-client rounds against the TA linked into a unit test: see test_ta_shim.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_ta_shim.h"

static uint32_t xorshift(uint32_t *state)
{
	uint32_t x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

static uint32_t random_type(uint32_t *rng)
{
	static const uint32_t common[] = { 0, 1, 2, 3, 5, 6, 7 };

	if (xorshift(rng) % 16 == 0)
		return xorshift(rng) % 16; /* now and then a reserved type */
	return common[xorshift(rng) % 7];
}

static size_t random_size(uint32_t *rng)
{
	static const size_t sizes[] = { 0, 1, 2, 7, 31, 32, 33, 64, 4096, 4097, 40000 };

	return sizes[xorshift(rng) % (sizeof(sizes) / sizeof(sizes[0]))];
}

static uint32_t random_value(uint32_t *rng)
{
	static const uint32_t special[] = { 0, 1, 2, 3, 16, 4096, 65536, 0x7fffffff, 0xffffffff };

	if (xorshift(rng) % 2)
		return special[xorshift(rng) % (sizeof(special) / sizeof(special[0]))];
	return xorshift(rng);
}

static bool skipped(uint32_t cmd, const uint32_t *skip, size_t nskip)
{
	for (size_t i = 0; i < nskip; i++)
		if (skip[i] == cmd)
			return true;
	return false;
}

static bool type_is_memref(uint32_t t)
{
	return t >= TEE_PARAM_TYPE_MEMREF_INPUT && t <= TEE_PARAM_TYPE_MEMREF_INOUT;
}

/* One random call; buffers are exactly the advertised size so overruns are caught. */
static void hostile_call(void *session, uint32_t cmd, uint32_t *rng)
{
	TEE_Param p[TEE_NUM_PARAMS];
	void *bufs[TEE_NUM_PARAMS] = { 0 };
	size_t given[TEE_NUM_PARAMS] = { 0 };
	uint32_t types = 0;
	TEE_Result res;

	for (int i = 0; i < TEE_NUM_PARAMS; i++) {
		uint32_t t = random_type(rng);

		types |= t << (4 * i);
		if (type_is_memref(t)) {
			given[i] = random_size(rng);
			if (given[i] && xorshift(rng) % 8) {
				bufs[i] = malloc(given[i]);
				for (size_t k = 0; k < given[i]; k++)
					((uint8_t *)bufs[i])[k] = (uint8_t)xorshift(rng);
			}
			p[i].memref.buffer = bufs[i];
			p[i].memref.size = given[i];
		} else {
			p[i].value.a = random_value(rng);
			p[i].value.b = random_value(rng);
		}
	}
	res = TA_InvokeCommandEntryPoint(session, cmd, types, p);
	for (int i = 0; i < TEE_NUM_PARAMS; i++) {
		uint32_t t = TEE_PARAM_TYPE_GET(types, i);

		if (res == TEE_SUCCESS && type_is_memref(t) && t != TEE_PARAM_TYPE_MEMREF_INPUT &&
		    p[i].memref.size > given[i])
			fail_msg("cmd %u types %#x: param %d grew from %zu to %zu on success", cmd,
				 types, i, given[i], p[i].memref.size);
		free(bufs[i]);
	}
}

void shim_hostile_rounds(void *session, uint32_t max_cmd, const uint32_t *skip, size_t nskip,
			 unsigned rounds, uint32_t seed)
{
	uint32_t rng = seed ? seed : 1;
	size_t old_limit = shim_heap_limit;

	shim_heap_limit = 1 << 20; /* bounded, so heap-eating commands end quickly */
	for (unsigned r = 0; r < rounds; r++) {
		uint32_t cmd = xorshift(&rng) % (max_cmd + 2);

		if (!skipped(cmd, skip, nskip))
			hostile_call(session, cmd, &rng);
	}
	shim_heap_limit = old_limit;
}
