// SPDX-License-Identifier: BSD-3-Clause
/*
 * The CBOR encoder of cbor.h: every item is a head (major type, argument in the shortest form
 * RFC 8949 §4.2.1 asks of deterministic encoding) and, for strings, its bytes.
 */
#include "cbor.h"

#include <lib/string.h>

#define MAJOR_UINT  0u
#define MAJOR_NINT  1u
#define MAJOR_BSTR  2u
#define MAJOR_TSTR  3u
#define MAJOR_ARRAY 4u
#define MAJOR_MAP   5u
#define MAJOR_TAG   6u

void cbor_init(struct cbor *c, uint8_t *buf, size_t cap)
{
	c->buf = buf;
	c->cap = cap;
	c->len = 0;
	c->overflow = false;
}

void cbor_raw(struct cbor *c, const void *data, size_t len)
{
	if (c->overflow || len > c->cap - c->len) {
		c->overflow = true;
		return;
	}
	if (len)
		memcpy(c->buf + c->len, data, len);
	c->len += len;
}

static void head(struct cbor *c, unsigned major, uint64_t v)
{
	uint8_t h[9];
	size_t n;
	unsigned ai;

	if (v < 24) {
		ai = (unsigned)v;
		n = 0;
	} else if (v <= 0xff) {
		ai = 24;
		n = 1;
	} else if (v <= 0xffff) {
		ai = 25;
		n = 2;
	} else if (v <= 0xffffffffu) {
		ai = 26;
		n = 4;
	} else {
		ai = 27;
		n = 8;
	}
	h[0] = (uint8_t)(major << 5 | ai);
	for (size_t i = 0; i < n; i++)
		h[1 + i] = (uint8_t)(v >> (8 * (n - 1 - i))); /* big-endian */
	cbor_raw(c, h, 1 + n);
}

void cbor_uint(struct cbor *c, uint64_t v)
{
	head(c, MAJOR_UINT, v);
}

void cbor_int(struct cbor *c, int64_t v)
{
	if (v >= 0)
		head(c, MAJOR_UINT, (uint64_t)v);
	else
		head(c, MAJOR_NINT,
		     (uint64_t)(-(v + 1))); /* -1 - n, without overflow at INT64_MIN */
}

void cbor_bstr_head(struct cbor *c, size_t len)
{
	head(c, MAJOR_BSTR, len);
}

void cbor_bstr(struct cbor *c, const void *data, size_t len)
{
	head(c, MAJOR_BSTR, len);
	cbor_raw(c, data, len);
}

void cbor_tstr_n(struct cbor *c, const char *s, size_t len)
{
	head(c, MAJOR_TSTR, len);
	cbor_raw(c, s, len);
}

void cbor_tstr(struct cbor *c, const char *s)
{
	cbor_tstr_n(c, s, strlen(s));
}

void cbor_array(struct cbor *c, size_t n)
{
	head(c, MAJOR_ARRAY, n);
}

void cbor_map(struct cbor *c, size_t n)
{
	head(c, MAJOR_MAP, n);
}

void cbor_tag(struct cbor *c, uint64_t tag)
{
	head(c, MAJOR_TAG, tag);
}
