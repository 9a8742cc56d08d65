/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The attestation token (docs/attestation.md): the claims the SPMC assembles for a caller, from
 * the measured-boot event log (<abi/evlog.h>), the caller's identity and its trusted OS's TA
 * claims; encoded as an Entity Attestation Token (RFC 9711) in a tagged COSE_Sign1 (RFC 9052),
 * claim keys of the PSA attestation token (RFC 9783). No crypto here: the signature comes
 * from a callback (attest_key.c in the SPMC, a test signer on the host).
 */
#ifndef ATTEST_TOKEN_H
#define ATTEST_TOKEN_H

#include <abi/evlog.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Claim keys (RFC 9711 for nonce/ueid/profile, RFC 9783 for the PSA ones; Tessera's private). */
#define EAT_NONCE		 10
#define EAT_UEID		 256
#define EAT_PROFILE		 265
#define PSA_CLIENT_ID		 2394
#define PSA_LIFECYCLE		 2395
#define PSA_IMPLEMENTATION_ID	 2396
#define PSA_SW_COMPONENTS	 2399
#define TESSERA_PARTITION	 (-70001) /* {1: name, 2: FF-A UUID} of the calling TEE */
#define TESSERA_TA_UUID		 (-70002) /* the TA's UUID, as its trusted OS reports it */
#define SWC_TYPE		 1
#define SWC_VALUE		 2
#define SWC_VERSION		 4
#define SWC_SIGNER_ID		 5
#define SWC_DESC		 6
#define ATTEST_PROFILE		 "tag:tessera.dev,2026:tee-attestation"
#define ATTEST_LIFECYCLE_SECURED 0x3000u /* PSA "secured": see docs/attestation.md */

#define ATTEST_MAX_COMPONENTS	 8
#define ATTEST_SIG_LEN		 64 /* ECDSA P-256: r || s, 32 bytes each (RFC 9053 §2.1) */

struct attest_component {
	char type[16];		  /* "boot", "monitor", "spmc", "sysdesc", "tos", "ta" */
	const uint8_t *value;	  /* 32 bytes of SHA-256 */
	uint32_t svn;		  /* security version, as a decimal string in the token */
	const uint8_t *signer_id; /* 32 bytes (the signing key's hash) or NULL */
};

struct attest_claims {
	const uint8_t *challenge;
	size_t challenge_len;
	const uint8_t *ueid;	       /* 33 bytes: 0x01 (RAND type) || SHA-256 of the public key */
	const uint8_t *impl_id;	       /* 32 bytes */
	uint16_t client_id;	       /* the caller's FF-A ID, from the SPMC */
	const char *partition_name;    /* the caller's name in the system description */
	const uint8_t *partition_uuid; /* 16 bytes, the caller's FF-A UUID */
	const uint8_t *ta_uuid;	       /* 16 bytes, from the trusted OS */
	struct attest_component comp[ATTEST_MAX_COMPONENTS];
	unsigned comp_count;
};

/* ECDSA P-256 over SHA-256 of `msg`: r || s into sig; 0 on success. */
typedef int (*attest_sign_fn)(void *ctx, const uint8_t *msg, size_t len,
			      uint8_t sig[ATTEST_SIG_LEN]);

/* Whether `log` is a well-formed event log (magic, count in range). */
bool attest_evlog_valid(const struct evlog *log);

/*
 * The software components a token from partition `caller` names, in this order: boot, monitor,
 * spmc, sysdesc (those the log has), then the caller's own image (the log's first entry with
 * ffa_id == caller, type "tos"). Nothing of another partition. Returns false if the log has no
 * entry for the caller (a token would not say what the TEE runs). claims->comp_count is set.
 */
bool attest_components_from_log(const struct evlog *log, uint16_t caller,
				struct attest_claims *claims);

/*
 * Encode the claims as a tagged COSE_Sign1 into out[0..cap): `scratch` (at least 2 * cap
 * bytes) holds the payload and the bytes signed. Returns the token's length, 0 if it does not
 * fit or the signer failed.
 */
size_t attest_token_encode(const struct attest_claims *claims, attest_sign_fn sign, void *sign_ctx,
			   uint8_t *out, size_t cap, uint8_t *scratch);

#endif /* ATTEST_TOKEN_H */
