/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Attestation for TAs (TEE_Attest, docs/attestation.md): the trusted OS measures the TA's
 * image, and asks the SPMC (HYPCALL_ATTEST) for a token naming it.
 */
#ifndef TOS_ATTEST_H
#define TOS_ATTEST_H

#include <abi/attest.h>
#include <stddef.h>
#include <stdint.h>
#include <tos/ta_abi.h>

/*
 * A token over challenge[0..len) naming the TA whose image is head[0..image_size): written to
 * token[0..cap), its length in *token_len. A TEE_Result (TEE_ERROR_SHORT_BUFFER: *token_len
 * says how much room it needs).
 */
uint32_t tos_attest(const struct ta_head *head, uint64_t image_size, const uint8_t *challenge,
		    size_t len, uint8_t *token, size_t cap, size_t *token_len);

#ifdef TESSERA_TEST_BUILD
/*
 * Test scenario TOS_ATTEST_PROBE (test/payloads/tos/attest_probe.c, test variant only): probe the
 * SPMC's HYPCALL_ATTEST with bad pages, sizes and requests and with another TEE's identity, once.
 */
void tos_attest_probe(uint16_t self);
#endif

#endif /* TOS_ATTEST_H */
