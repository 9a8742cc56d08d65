// SPDX-License-Identifier: BSD-3-Clause
/* Host stand-in for the TA library: see test_ta_shim.h. */
#include "test_ta_shim.h"

#include <user_ta_header.h>

#include <stdlib.h>
#include <string.h>

unsigned shim_malloc_fail_in;
size_t shim_heap_limit;
size_t shim_heap_used;
jmp_buf shim_panic_jmp;
int shim_panic_armed;
TEE_Result shim_panic_code;
TEE_Result shim_attest_result;
char shim_last_log[512];
int64_t shim_client_endpoint = -1;
int shim_client_identity_set;
TEE_Identity shim_client_identity;
static uint8_t random_next;
static uint32_t fake_millis;
static bool cancel_masked = true;

void shim_reset(void)
{
	shim_malloc_fail_in = 0;
	shim_heap_limit = 0;
	shim_panic_armed = 0;
	shim_panic_code = 0;
	shim_attest_result = TEE_SUCCESS;
	shim_last_log[0] = '\0';
	shim_client_endpoint = -1;
	shim_client_identity_set = 0;
	memset(&shim_client_identity, 0, sizeof(shim_client_identity));
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
	if (propsetOrEnumerator == TEE_PROPSET_CURRENT_CLIENT &&
	    !strcmp(name, TEE_PROP_STR_CLIENT_ENDPOINT) && shim_client_endpoint >= 0) {
		*value = (uint32_t)shim_client_endpoint;
		return TEE_SUCCESS;
	}
	return TEE_ERROR_ITEM_NOT_FOUND;
}

void shim_set_client(int64_t endpoint, uint32_t login, uint8_t uuid_byte)
{
	shim_client_endpoint = endpoint;
	shim_client_identity_set = 1;
	shim_client_identity.login = login;
	memset(&shim_client_identity.uuid, uuid_byte, sizeof(shim_client_identity.uuid));
}

TEE_Result TEE_GetPropertyAsIdentity(TEE_PropSetHandle propsetOrEnumerator, const char *name,
				     TEE_Identity *value)
{
	if (propsetOrEnumerator == TEE_PROPSET_CURRENT_CLIENT &&
	    !strcmp(name, TEE_PROP_STR_CLIENT_IDENTITY) && shim_client_identity_set) {
		*value = shim_client_identity;
		return TEE_SUCCESS;
	}
	return TEE_ERROR_ITEM_NOT_FOUND;
}

TEE_Result TEE_GetPropertyAsUUID(TEE_PropSetHandle propsetOrEnumerator, const char *name,
				 TEE_UUID *value)
{
	(void)value;
	if (propsetOrEnumerator == TEE_PROPSET_CURRENT_CLIENT &&
	    !strcmp(name, TEE_PROP_STR_CLIENT_IDENTITY) && shim_client_identity_set)
		return TEE_ERROR_BAD_FORMAT; /* an Identity, as in ta/lib */
	return TEE_ERROR_ITEM_NOT_FOUND;
}

/* A fake token, "TOK" || challenge, with TEE_Attest's size rules (the TOS checks the length). */
TEE_Result TEE_Attest(const void *challenge, size_t challengeLen, void *token, size_t *tokenLen)
{
	size_t need = 3 + challengeLen;

	if (shim_attest_result != TEE_SUCCESS)
		return shim_attest_result;
	if (challengeLen < 8 || challengeLen > 64)
		return TEE_ERROR_BAD_PARAMETERS;
	if (*tokenLen < need) {
		*tokenLen = need;
		return TEE_ERROR_SHORT_BUFFER;
	}
	memcpy(token, "TOK", 3);
	memcpy((uint8_t *)token + 3, challenge, challengeLen);
	*tokenLen = need;
	return TEE_SUCCESS;
}
