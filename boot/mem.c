// SPDX-License-Identifier: BSD-3-Clause
/*
 * Boot's bulk copy and zeroing. Boot runs with the MMU off, where every
 * access is Device memory (no unaligned access, no DC ZVA), so the only way
 * to make this cheap in instructions is wide, unrolled aligned accesses: 64
 * bytes per iteration (LDP/STP pairs) instead of lib/string.c's 8. Zeroing
 * the partitions' and guests' windows was most of boot's cost before
 * (docs/secure-boot.md, "Cost").
 */
#include <boot/boot.h>
#include <lib/string.h>

static int aligned8(const void *p)
{
	return ((uintptr_t)p & 7) == 0;
}

void boot_copy(void *dst, const void *src, size_t n)
{
	uint64_t *d = dst;
	const uint64_t *s = src;

	if (aligned8(dst) && aligned8(src)) {
		for (; n >= 64; n -= 64, d += 8, s += 8) {
			uint64_t a = s[0], b = s[1], c = s[2], e = s[3], f = s[4], g = s[5],
				 h = s[6], i = s[7];

			d[0] = a, d[1] = b, d[2] = c, d[3] = e, d[4] = f, d[5] = g, d[6] = h,
			d[7] = i;
		}
	}
	memcpy(d, s, n);
}

void boot_zero(void *dst, size_t n)
{
	uint8_t *b = dst;
	uint64_t *d;

	for (; n && !aligned8(b); n--)
		*b++ = 0;
	for (d = (uint64_t *)(void *)b; n >= 64; n -= 64, d += 8)
		d[0] = d[1] = d[2] = d[3] = d[4] = d[5] = d[6] = d[7] = 0;
	memset(d, 0, n);
}
