// SPDX-License-Identifier: BSD-3-Clause
/*
 * TEE_Malloc/Realloc/Free over the TA's heap (TA_DATA_SIZE bytes of its
 * bss): first fit over a list of blocks laid end to end, each with a
 * 16-byte header; free neighbours merge while searching. A pointer that is
 * not a live block panics the TA (GP leaves it undefined; this is safer).
 */
#include <string.h>
#include <tee_internal_api.h>

#include "ta_lib.h"

#define ALIGN 16u
#define HDR   sizeof(struct block)
#define MAGIC 0x7e55a11cu

struct block {
	uint32_t magic;
	uint32_t used;
	size_t size; /* bytes after the header */
};
_Static_assert(sizeof(struct block) == ALIGN, "header keeps payloads aligned");

static uint8_t *heap, *heap_end;

void ta_heap_init(void *base, size_t size)
{
	struct block *b = base;

	heap = base;
	heap_end = heap + (size & ~(size_t)(ALIGN - 1));
	b->magic = MAGIC;
	b->used = 0;
	b->size = (size_t)(heap_end - heap) - HDR;
}

static struct block *next_of(struct block *b)
{
	uint8_t *n = (uint8_t *)b + HDR + b->size;

	return n < heap_end ? (struct block *)n : 0;
}

static void merge_free_after(struct block *b)
{
	struct block *n;

	while ((n = next_of(b)) && !n->used)
		b->size += HDR + n->size;
}

/* Split b so that it holds exactly `size` bytes, if the rest can hold a block. */
static void split(struct block *b, size_t size)
{
	if (b->size >= size + HDR + ALIGN) {
		struct block *rest = (struct block *)((uint8_t *)b + HDR + size);

		rest->magic = MAGIC;
		rest->used = 0;
		rest->size = b->size - size - HDR;
		b->size = size;
	}
}

static struct block *block_of(void *p)
{
	struct block *b = (struct block *)((uint8_t *)p - HDR);

	if ((uint8_t *)p < heap + HDR || (uint8_t *)p >= heap_end || ((uintptr_t)p % ALIGN) ||
	    b->magic != MAGIC || !b->used)
		TEE_Panic(TEE_ERROR_BAD_PARAMETERS);
	return b;
}

void *TEE_Malloc(size_t size, uint32_t hint)
{
	size_t want = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);

	if (want < size || hint > (TEE_MALLOC_NO_FILL | TEE_MALLOC_NO_SHARE))
		return 0;
	if (want == 0)
		want = ALIGN; /* a unique, non-NULL pointer for size 0 */
	for (struct block *b = (struct block *)heap; b; b = next_of(b)) {
		if (b->used)
			continue;
		merge_free_after(b);
		if (b->size < want)
			continue;
		split(b, want);
		b->used = 1;
		if (!(hint & TEE_MALLOC_NO_FILL))
			memset(b + 1, 0, b->size);
		return b + 1;
	}
	return 0;
}

void TEE_Free(void *buffer)
{
	if (!buffer)
		return;
	block_of(buffer)->used = 0;
}

void *TEE_Realloc(void *buffer, size_t newSize)
{
	struct block *b;
	void *n;

	if (!buffer)
		return TEE_Malloc(newSize, TEE_MALLOC_FILL_ZERO);
	b = block_of(buffer);
	if (newSize <= b->size)
		return buffer;
	n = TEE_Malloc(newSize, TEE_MALLOC_FILL_ZERO);
	if (!n)
		return 0; /* the old buffer stays valid */
	memcpy(n, buffer, b->size);
	TEE_Free(buffer);
	return n;
}
