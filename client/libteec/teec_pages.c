// SPDX-License-Identifier: BSD-3-Clause
/*
 * libteec's pool of shareable pages: FF-A shares whole 4 KiB pages, so the
 * memory libteec shares on its own (message buffers, bounce buffers for temp
 * memrefs, TEEC_AllocateSharedMemory blocks) comes from this page-aligned
 * pool and never shares a page with anything else of the client.
 * First fit over a bitmap: small, and the pool is small.
 */
#include "teec_private.h"

static uint8_t pool[TEEC_POOL_PAGES][TEEC_PAGE_SIZE] __attribute__((aligned(TEEC_PAGE_SIZE)));
static uint8_t used[TEEC_POOL_PAGES];

static bool run_is_free(uint32_t first, uint32_t pages)
{
	for (uint32_t i = first; i < first + pages; i++)
		if (used[i])
			return false;
	return true;
}

static void mark(uint32_t first, uint32_t pages, uint8_t value)
{
	for (uint32_t i = first; i < first + pages; i++)
		used[i] = value;
}

void *teec_pages_alloc(uint32_t pages)
{
	if (!pages || pages > TEEC_POOL_PAGES)
		return NULL;
	for (uint32_t first = 0; first + pages <= TEEC_POOL_PAGES; first++) {
		if (run_is_free(first, pages)) {
			mark(first, pages, 1);
			return pool[first];
		}
	}
	return NULL;
}

void teec_pages_free(void *p, uint32_t pages)
{
	uintptr_t offset = (uintptr_t)p - (uintptr_t)pool;
	uint32_t first = (uint32_t)(offset / TEEC_PAGE_SIZE);

	/* Only whole runs this pool handed out: anything else is a libteec bug, ignored. */
	if (!p || (uintptr_t)p < (uintptr_t)pool || offset % TEEC_PAGE_SIZE ||
	    first + pages > TEEC_POOL_PAGES)
		return;
	mark(first, pages, 0);
}

uint32_t teec_pages_available(void)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < TEEC_POOL_PAGES; i++)
		n += !used[i];
	return n;
}
