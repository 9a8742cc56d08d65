// SPDX-License-Identifier: BSD-3-Clause
/*
 * The C allocation functions for TA code written against libc (as OP-TEE's libutils offers
 * them): thin wrappers of TEE_Malloc/TEE_Realloc/TEE_Free (ta/libc/stdlib.c); abort() panics
 * the TA. The TA heap is TA_DATA_SIZE bytes.
 */
#ifndef TA_LIBC_STDLIB_H
#define TA_LIBC_STDLIB_H

#include <stddef.h>

void *malloc(size_t size);
void *calloc(size_t count, size_t size);
void *realloc(void *ptr, size_t size);
void free(void *ptr);
void abort(void) __attribute__((noreturn));

#endif /* TA_LIBC_STDLIB_H */
