// SPDX-License-Identifier: BSD-3-Clause
/*
 * malloc and friends for TA code written against libc, on the TA heap (TEE_Malloc and
 * co., ta/lib). malloc leaves memory uninitialised as C allows; calloc zeroes it and checks
 * the multiplication.
 */
#include <stdint.h>
#include <stdlib.h>
#include <tee_internal_api.h>

void *malloc(size_t size)
{
	return TEE_Malloc(size, TEE_MALLOC_NO_FILL);
}

void *calloc(size_t count, size_t size)
{
	if (size && count > SIZE_MAX / size)
		return NULL;
	return TEE_Malloc(count * size, TEE_MALLOC_FILL_ZERO);
}

void *realloc(void *ptr, size_t size)
{
	return TEE_Realloc(ptr, size);
}

void free(void *ptr)
{
	TEE_Free(ptr);
}

void abort(void)
{
	TEE_Panic(TEE_ERROR_GENERIC);
}
