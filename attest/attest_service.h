/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SPMC's attestation service (HYPCALL_ATTEST, docs/abi/attestation.md): checks a
 * partition's request, assembles the claims (who the caller is comes from the SPMC, what it
 * runs from the event log, only the TA's claims from the request) and writes the signed token
 * into the caller's page. Independent of the SPMC's structures so that the host tests drive it.
 */
#ifndef ATTEST_SERVICE_H
#define ATTEST_SERVICE_H

#include <abi/evlog.h>
#include <stdint.h>

#include "token.h"

/* The caller, as the SPMC knows it (never as it says). */
struct attest_caller {
	uint16_t ffa_id;
	const char *name;
	const uint8_t *uuid; /* 16 bytes */
};

/*
 * Where the caller's page is: a pointer to the 4 KiB page at `ipa` in the caller's own
 * read-write memory, or NULL if it is not that (unmapped, read-only, device, not aligned).
 */
typedef uint8_t *(*attest_map_fn)(void *ctx, uint64_t ipa);

struct attest_device {
	const struct evlog *log;
	const uint8_t *ueid; /* NULL: no key (the service answers DENIED) */
	const uint8_t *impl_id;
	attest_sign_fn sign;
	void *sign_ctx;
};

/*
 * Answer a request: 0 and *token_len on success, the token at the start of the page; else a
 * negative FF-A error code (FFA_RET_INVALID_PARAMETERS for a bad page, size or request,
 * FFA_RET_NO_MEMORY if the token does not fit in `room`, FFA_RET_DENIED if there is no key or
 * the log does not measure the caller).
 */
int32_t attest_handle(const struct attest_device *dev, const struct attest_caller *who,
		      uint64_t ipa, uint64_t room, attest_map_fn map, void *map_ctx,
		      uint64_t *token_len);

#endif /* ATTEST_SERVICE_H */
