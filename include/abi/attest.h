/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Attestation ABI between a trusted OS and the SPMC (HYPCALL_ATTEST, include/abi/hypcall.h):
 * the request a partition writes at the start of the page it passes. Everything here is a claim
 * the trusted OS makes about its TA; who the caller is (FF-A ID, UUID, name) and every
 * measurement of the boot chain and of the caller's own image the SPMC fills in itself.
 * Little-endian. docs/abi/attestation.md.
 */
#ifndef ABI_ATTEST_H
#define ABI_ATTEST_H

#include <stddef.h>
#include <stdint.h>

#define ATTEST_REQ_VERSION   1u
#define ATTEST_CHALLENGE_MAX 64u
#define ATTEST_CHALLENGE_MIN 8u	   /* below this, a challenge is no defence against replay */
#define ATTEST_BUF_MAX	     4096u /* one page: the request in, the token out */
#define ATTEST_TOKEN_MAX     2048u /* the largest token the SPMC writes (docs/attestation.md) */

struct attest_req {
	uint32_t version;	    /* ATTEST_REQ_VERSION */
	uint32_t challenge_len;	    /* ATTEST_CHALLENGE_MIN..ATTEST_CHALLENGE_MAX */
	uint8_t challenge[64];	    /* the relying party's nonce; bytes past challenge_len MBZ */
	uint8_t ta_uuid[16];	    /* the TA's identity, as its trusted OS reports it */
	uint8_t ta_measurement[32]; /* SHA-256 of the TA image, as its trusted OS computed it */
	uint32_t ta_svn;	    /* the TA's version, as its trusted OS reports it */
	uint32_t reserved;	    /* MBZ */
};

_Static_assert(sizeof(struct attest_req) == 128, "docs/abi/attestation.md");
_Static_assert(offsetof(struct attest_req, ta_uuid) == 72, "docs/abi/attestation.md");
_Static_assert(offsetof(struct attest_req, ta_measurement) == 88, "docs/abi/attestation.md");

/*
 * SPMC -> monitor: the device key lives at EL3 (docs/attestation.md). SiP service calls, fast,
 * SMC64, answered only for the secure world's S-EL2 (the SPMC; partitions' SMCs trap to it and
 * the normal world gets SMC_UNK). 32- and 64-byte values travel in x1-x4 and x1-x8, bytes
 * 8i..8i+7 in x(1+i), least significant byte first (attest_reg_put/attest_reg_get). Only
 * x0-x8 are written: x9-x17 keep the caller's values.
 *   ATTEST_SIP_PUBKEY: x0 = 0 and x1-x8 = X || Y of the device's public key (P-256).
 *   ATTEST_SIP_SIGN:   x1-x4 = a SHA-256 hash; x0 = 0 and x1-x8 = the ECDSA signature r || s.
 * x0 = ATTEST_SIP_NO_KEY if the key could not be derived.
 */
#define ATTEST_SIP_PUBKEY 0xc2000a00u
#define ATTEST_SIP_SIGN	  0xc2000a01u
#define ATTEST_SIP_NO_KEY ((uint64_t)-2)

static inline void attest_reg_put(uint64_t *x, const uint8_t *bytes, size_t len)
{
	for (size_t i = 0; i < len; i++)
		x[i / 8] = (i % 8 ? x[i / 8] : 0) | (uint64_t)bytes[i] << (8 * (i % 8));
}

static inline void attest_reg_get(const uint64_t *x, uint8_t *bytes, size_t len)
{
	for (size_t i = 0; i < len; i++)
		bytes[i] = (uint8_t)(x[i / 8] >> (8 * (i % 8)));
}

#endif /* ABI_ATTEST_H */
