// SPDX-License-Identifier: BSD-3-Clause
/* Host stand-in for the TA library: see test_ta_shim.h. */
#include "test_ta_shim.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

unsigned shim_malloc_fail_in;
size_t shim_heap_limit;
size_t shim_heap_used;
jmp_buf shim_panic_jmp;
int shim_panic_armed;
TEE_Result shim_panic_code;
char shim_last_log[512];
static uint8_t random_next;
static uint32_t fake_millis;
static bool cancel_masked = true;

void shim_reset(void)
{
	shim_malloc_fail_in = 0;
	shim_heap_limit = 0;
	shim_panic_armed = 0;
	shim_panic_code = 0;
	shim_last_log[0] = '\0';
	random_next = 0;
	cancel_masked = true;
}

/* Every block carries its size in front, so the shim can account for the heap. */
struct block {
	size_t size;
	max_align_t data[];
};

static bool may_allocate(size_t size)
{
	if (shim_malloc_fail_in && --shim_malloc_fail_in == 0)
		return false;
	return !shim_heap_limit ||
	       (shim_heap_used <= shim_heap_limit && size <= shim_heap_limit - shim_heap_used);
}

void *TEE_Malloc(size_t size, uint32_t hint)
{
	struct block *b;

	if (size > SIZE_MAX / 2 || !may_allocate(size))
		return NULL;
	b = malloc(sizeof(*b) + size);
	if (!b)
		return NULL;
	b->size = size;
	shim_heap_used += size;
	if (hint == TEE_MALLOC_FILL_ZERO)
		memset(b->data, 0, size);
	else
		memset(b->data, 0xcc, size); /* garbage, so missing initialisation shows */
	return b->data;
}

static struct block *block_of(void *p)
{
	return (struct block *)((char *)p - offsetof(struct block, data));
}

void TEE_Free(void *buffer)
{
	struct block *b;

	if (!buffer)
		return;
	b = block_of(buffer);
	shim_heap_used -= b->size;
	free(b);
}

void *TEE_Realloc(void *buffer, size_t newSize)
{
	void *p;
	size_t old;

	if (!buffer)
		return TEE_Malloc(newSize, TEE_MALLOC_FILL_ZERO);
	old = block_of(buffer)->size;
	p = TEE_Malloc(newSize, TEE_MALLOC_FILL_ZERO);
	if (!p)
		return NULL;
	memcpy(p, buffer, old < newSize ? old : newSize);
	TEE_Free(buffer);
	return p;
}

void TEE_MemMove(void *dest, const void *src, size_t size)
{
	memmove(dest, src, size);
}

int32_t TEE_MemCompare(const void *buffer1, const void *buffer2, size_t size)
{
	return memcmp(buffer1, buffer2, size);
}

void TEE_MemFill(void *buffer, uint32_t x, size_t size)
{
	memset(buffer, (int)(uint8_t)x, size);
}

/* A predictable stream (0, 1, 2, ...) so tests can recompute keys. */
void TEE_GenerateRandom(void *randomBuffer, size_t randomBufferLen)
{
	uint8_t *p = randomBuffer;

	for (size_t i = 0; i < randomBufferLen; i++)
		p[i] = random_next++;
}

void TEE_Panic(TEE_Result panicCode)
{
	shim_panic_code = panicCode;
	if (shim_panic_armed)
		longjmp(shim_panic_jmp, 1);
	abort();
}

void tee_user_log(const char *s, size_t len)
{
	if (len >= sizeof(shim_last_log))
		len = sizeof(shim_last_log) - 1;
	memcpy(shim_last_log, s, len);
	shim_last_log[len] = '\0';
}

void TEE_GetSystemTime(TEE_Time *time)
{
	fake_millis += 7;
	time->seconds = fake_millis / 1000;
	time->millis = fake_millis % 1000;
}

void TEE_GetREETime(TEE_Time *time)
{
	TEE_GetSystemTime(time);
}

TEE_Result TEE_Wait(uint32_t timeout)
{
	fake_millis += timeout == TEE_TIMEOUT_INFINITE ? 0 : timeout;
	return timeout == TEE_TIMEOUT_INFINITE ? TEE_ERROR_CANCEL : TEE_SUCCESS;
}

bool TEE_GetCancellationFlag(void)
{
	return false;
}

bool TEE_UnmaskCancellation(void)
{
	bool was = cancel_masked;

	cancel_masked = false;
	return was;
}

bool TEE_MaskCancellation(void)
{
	bool was = cancel_masked;

	cancel_masked = true;
	return was;
}

TEE_Result TEE_CheckMemoryAccessRights(uint32_t accessFlags, void *buffer, size_t size)
{
	(void)accessFlags;
	if (!buffer || (uintptr_t)buffer + size < (uintptr_t)buffer)
		return TEE_ERROR_ACCESS_DENIED;
	return TEE_SUCCESS;
}

TEE_Result TEE_GetPropertyAsString(TEE_PropSetHandle propsetOrEnumerator, const char *name,
				   char *valueBuffer, size_t *valueBufferLen)
{
	(void)propsetOrEnumerator;
	(void)name;
	(void)valueBuffer;
	(void)valueBufferLen;
	return TEE_ERROR_ITEM_NOT_FOUND;
}

TEE_Result TEE_GetPropertyAsBool(TEE_PropSetHandle propsetOrEnumerator, const char *name,
				 bool *value)
{
	(void)propsetOrEnumerator;
	(void)name;
	(void)value;
	return TEE_ERROR_ITEM_NOT_FOUND;
}

TEE_Result TEE_GetPropertyAsU32(TEE_PropSetHandle propsetOrEnumerator, const char *name,
				uint32_t *value)
{
	(void)propsetOrEnumerator;
	(void)name;
	(void)value;
	return TEE_ERROR_ITEM_NOT_FOUND;
}

TEE_Result TEE_GetPropertyAsUUID(TEE_PropSetHandle propsetOrEnumerator, const char *name,
				 TEE_UUID *value)
{
	(void)propsetOrEnumerator;
	(void)name;
	(void)value;
	return TEE_ERROR_ITEM_NOT_FOUND;
}

/* ---- hostile-client rounds ---- */

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
