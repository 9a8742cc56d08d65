// SPDX-License-Identifier: BSD-3-Clause
/*
 * TEE_Attest in the trusted OS (tos/attest.h). The TA's claims are the trusted OS's to make:
 * its identity is its header's UUID and its measurement the SHA-256 of its image as built into
 * this trusted OS (the bytes the TA is loaded from, read-only). The request travels in a page
 * of the trusted OS's own memory, which the SPMC checks and overwrites with the token. Who this
 * TEE is, and what the boot chain and this trusted OS measure, the SPMC fills in itself.
 */
#include "attest.h"

#include <abi/attest.h>
#include <abi/ffa.h>
#include <abi/hypcall.h>
#include <arch/smc.h>
#include <lib/string.h>
#include <mbedtls/sha256.h>
#include <tee_api_defines.h>

static uint8_t attest_page[ATTEST_BUF_MAX] __attribute__((aligned(4096)));

/*
 * Measurements already made: a TA image is part of the trusted OS's read-only image, so its
 * hash cannot change while the trusted OS runs; hashing it once saves about 1.4 M instructions
 * per token (docs/attestation.md, Cost).
 */
#define MEASURED_MAX 8
static struct {
	const struct ta_head *head;
	uint8_t sha256[32];
} measured[MEASURED_MAX];

static int measure(const struct ta_head *head, uint64_t image_size, uint8_t out[32])
{
	unsigned i;

	for (i = 0; i < MEASURED_MAX && measured[i].head; i++)
		if (measured[i].head == head) {
			memcpy(out, measured[i].sha256, 32);
			return 0;
		}
	if (mbedtls_sha256_ret((const unsigned char *)head, image_size, out, 0))
		return -1;
	if (i < MEASURED_MAX) {
		memcpy(measured[i].sha256, out, 32);
		measured[i].head = head;
	}
	return 0;
}

/* The UUID's octets in RFC 4122 order (the fields big-endian), as GP and FF-A print it. */
static void uuid_octets(const struct ta_uuid *u, uint8_t out[16])
{
	for (int i = 0; i < 4; i++)
		out[i] = (uint8_t)(u->time_low >> (24 - 8 * i));
	out[4] = (uint8_t)(u->time_mid >> 8);
	out[5] = (uint8_t)u->time_mid;
	out[6] = (uint8_t)(u->time_hi >> 8);
	out[7] = (uint8_t)u->time_hi;
	memcpy(out + 8, u->clock, 8);
}

static uint32_t result_of(int64_t ffa)
{
	switch (ffa) {
	case FFA_RET_INVALID_PARAMETERS:
		return TEE_ERROR_BAD_PARAMETERS;
	case FFA_RET_NO_MEMORY:
		return TEE_ERROR_SHORT_BUFFER;
	case FFA_RET_DENIED:
	case FFA_RET_NOT_SUPPORTED:
		return TEE_ERROR_NOT_SUPPORTED;
	default:
		return TEE_ERROR_GENERIC;
	}
}

uint32_t tos_attest(const struct ta_head *head, uint64_t image_size, const uint8_t *challenge,
		    size_t len, uint8_t *token, size_t cap, size_t *token_len)
{
	struct attest_req *r = (struct attest_req *)attest_page;
	struct ffa_value v = { { HYPCALL_ATTEST, (uintptr_t)attest_page, sizeof(attest_page) } };

	*token_len = 0;
	if (len < ATTEST_CHALLENGE_MIN || len > ATTEST_CHALLENGE_MAX)
		return TEE_ERROR_BAD_PARAMETERS;
	memset(r, 0, sizeof(*r));
	r->version = ATTEST_REQ_VERSION;
	r->challenge_len = (uint32_t)len;
	memcpy(r->challenge, challenge, len);
	uuid_octets(&head->uuid, r->ta_uuid);
	if (measure(head, image_size, r->ta_measurement))
		return TEE_ERROR_GENERIC;
	v = arch_smc(v);
	if (v.x[0] != 0)
		return result_of((int64_t)v.x[0]);
	if (v.x[1] > sizeof(attest_page))
		return TEE_ERROR_GENERIC;
	*token_len = v.x[1];
	if (v.x[1] > cap)
		return TEE_ERROR_SHORT_BUFFER;
	memcpy(token, attest_page, v.x[1]);
	return TEE_SUCCESS;
}
