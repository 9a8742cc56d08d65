/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A minimal CBOR encoder (RFC 8949, definite lengths only) for the attestation token's fixed
 * structure: heads, integers, byte and text strings, arrays, maps, tags. Writes into a caller's
 * buffer; an overflow is sticky (cbor_ok() false) so a caller checks once at the end.
 */
#ifndef ATTEST_CBOR_H
#define ATTEST_CBOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cbor {
	uint8_t *buf;
	size_t cap, len;
	bool overflow;
};

void cbor_init(struct cbor *c, uint8_t *buf, size_t cap);
void cbor_uint(struct cbor *c, uint64_t v);
void cbor_int(struct cbor *c, int64_t v);
void cbor_bstr(struct cbor *c, const void *data, size_t len);
void cbor_tstr(struct cbor *c, const char *s); /* NUL-terminated */
void cbor_tstr_n(struct cbor *c, const char *s, size_t len);
void cbor_array(struct cbor *c, size_t n);
void cbor_map(struct cbor *c, size_t n);
void cbor_tag(struct cbor *c, uint64_t tag);
/* A byte string's head only: the caller appends its `len` bytes with cbor_raw(). */
void cbor_bstr_head(struct cbor *c, size_t len);
void cbor_raw(struct cbor *c, const void *data, size_t len);

static inline bool cbor_ok(const struct cbor *c)
{
	return !c->overflow;
}

#endif /* ATTEST_CBOR_H */
