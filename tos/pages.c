// SPDX-License-Identifier: BSD-3-Clause
/*
 * The page pool: a bitmap over the pages between the end of the trusted OS
 * image and the end of its memory window. TA instances (their copies, stacks,
 * heaps, bounce buffers) and their page tables come from here and go back
 * when the instance ends, so a TA that is killed leaves nothing behind.
 */
#include <lib/print.h>
#include <lib/string.h>
#include <stdbool.h>

#include "pages.h"

#define MAX_PAGES 4096 /* 16 MiB: more than any TEE gets */

static uint64_t pool_base;
static unsigned pool_pages, free_pages;
static uint64_t used[MAX_PAGES / 64];

void pages_init(uint64_t base, uint64_t end)
{
	pool_base = base;
	pool_pages = end > base ? (unsigned)((end - base) >> PAGE_SHIFT) : 0;
	if (pool_pages > MAX_PAGES)
		pool_pages = MAX_PAGES;
	free_pages = pool_pages;
	memset(used, 0, sizeof(used));
}

uint64_t page_alloc_dirty(void)
{
	for (unsigned w = 0; w * 64 < pool_pages; w++) {
		unsigned i;

		if (used[w] == ~0ull)
			continue;
		i = w * 64 + (unsigned)__builtin_ctzll(~used[w]);
		if (i >= pool_pages)
			break;
		used[w] |= 1ull << (i % 64);
		free_pages--;
		return pool_base + ((uint64_t)i << PAGE_SHIFT);
	}
	return 0;
}

uint64_t page_alloc(void)
{
	uint64_t pa = page_alloc_dirty();

	if (pa)
		memset((void *)(uintptr_t)pa, 0, PAGE_SIZE);
	return pa;
}

void page_free(uint64_t pa)
{
	uint64_t i = (pa - pool_base) >> PAGE_SHIFT;
	bool inside = pa >= pool_base && i < pool_pages && (pa & (PAGE_SIZE - 1)) == 0;

	if (!inside || !(used[i / 64] & (1ull << (i % 64))))
		panic("page_free: 0x%lx is not an allocated pool page", (unsigned long)pa);
	used[i / 64] &= ~(1ull << (i % 64));
	free_pages++;
}

unsigned pages_free_count(void)
{
	return free_pages;
}
