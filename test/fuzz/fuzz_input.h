/* SPDX-License-Identifier: BSD-3-Clause */
/* A byte-stream reader for the fuzz targets: every decision the harness makes comes from here. */
#ifndef TEST_FUZZ_INPUT_H
#define TEST_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>

struct fuzz_input {
	const uint8_t *data;
	size_t left;
};

static inline uint64_t fuzz_take(struct fuzz_input *in, unsigned bytes)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < bytes && in->left; i++, in->left--)
		v |= (uint64_t)*in->data++ << (8 * i);
	return v;
}

/* A function ID: usually one of `hot`, sometimes any 32-bit value. */
static inline uint32_t fuzz_fid(struct fuzz_input *in, const uint32_t *hot, unsigned count)
{
	uint8_t sel = (uint8_t)fuzz_take(in, 1);

	if (sel < 224)
		return hot[sel % count];
	return (uint32_t)fuzz_take(in, 4);
}

#endif
