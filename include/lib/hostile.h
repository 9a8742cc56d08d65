/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Hostile-input generator for the test payloads: random SMC/HVC calls over
 * every function-ID range with random or deliberately nasty arguments, and
 * a check that each result is one the ABIs define. Deterministic (xorshift).
 */
#ifndef LIB_HOSTILE_H
#define LIB_HOSTILE_H

#include <abi/ffa.h>
#include <stdbool.h>
#include <stdint.h>

struct hostile {
	uint64_t state;		 /* PRNG state, never 0 */
	const uint32_t *exclude; /* function IDs this caller must not issue (e.g. SYSTEM_OFF) */
	unsigned exclude_count;
	const uint64_t *addrs; /* "interesting" addresses mixed into the arguments */
	unsigned addr_count;
	bool use_hvc;  /* also use HVC as a conduit (guests), else SMC only */
	uint16_t self; /* the caller's own FF-A ID, so some messages pass the sender check */
};

uint64_t hostile_rand(struct hostile *h);
/* Make one random call; returns its result, with the function ID issued in *fid. */
struct ffa_value hostile_call(struct hostile *h, uint32_t *fid);
/* Is r a result some ABI defines (SMC_UNK, FFA_ERROR with a valid code, a success, ...)? */
bool hostile_result_defined(const struct ffa_value *r);
/*
 * Make `calls` random calls, reporting each result that no ABI defines; after call i
 * (1-based), each(ctx, &result, i) if each is not NULL. Returns how many were undefined.
 */
unsigned hostile_run(struct hostile *h, unsigned calls,
		     void (*each)(void *ctx, const struct ffa_value *r, unsigned i), void *ctx);

#endif
