// SPDX-License-Identifier: BSD-3-Clause
/*
 * Freestanding mem and str functions for the firmware images. With the MMU
 * off every access is Device memory, where unaligned accesses fault, so the
 * word loops run only when both pointers are 8-byte aligned (the build uses
 * -fno-tree-loop-distribute-patterns so these loops are not turned back
 * into calls to themselves).
 */
#include <lib/string.h>
#include <stdint.h>

static int both_aligned(const void *a, const void *b)
{
	return (((uintptr_t)a | (uintptr_t)b) & 7) == 0;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (both_aligned(d, s)) {
		/* 32 bytes a step, all loaded before any store (memmove's forward copy relies on
		 * it): two load and two store pairs (issue 15: the trusted OS's bounce copies). */
		for (; n >= 32; n -= 32, d += 32, s += 32) {
			const uint64_t *s8 = (const uint64_t *)(const void *)s;
			uint64_t *d8 = (uint64_t *)(void *)d;
			uint64_t w0 = s8[0], w1 = s8[1], w2 = s8[2], w3 = s8[3];

			d8[0] = w0;
			d8[1] = w1;
			d8[2] = w2;
			d8[3] = w3;
		}
		for (; n >= 8; n -= 8, d += 8, s += 8)
			*(uint64_t *)(void *)d = *(const uint64_t *)(const void *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	uint64_t pattern = 0x0101010101010101ull * (unsigned char)c;

	/* Bytes up to an 8-byte boundary, then words: boot zeroes MiBs from unaligned ends. */
	for (; n && !both_aligned(d, d); n--)
		*d++ = (unsigned char)c;
	for (; n >= 32; n -= 32, d += 32) {
		uint64_t *d8 = (uint64_t *)(void *)d;

		d8[0] = pattern;
		d8[1] = pattern;
		d8[2] = pattern;
		d8[3] = pattern;
	}
	for (; n >= 8; n -= 8, d += 8)
		*(uint64_t *)(void *)d = pattern;
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}
