/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The device attestation key, held by the EL3 monitor (docs/attestation.md): derived from the
 * device-unique secret with HKDF-SHA256, an ECDSA P-256 key that signs the hashes the SPMC
 * gives it (deterministic ECDSA, RFC 6979). Neither the secret nor the private key ever leaves
 * EL3's memory; monitor/attest_smc.c is its only user.
 */
#ifndef ATTEST_KEY_H
#define ATTEST_KEY_H

#include <stddef.h>
#include <stdint.h>

#define ATTEST_SECRET_LEN 32
/* HKDF inputs: the host (tools/attest_provision.py) derives the same key from the same secret. */
#define ATTEST_HKDF_SALT "tessera-attest-v1"
#define ATTEST_HKDF_INFO "device attestation key ES256"

/*
 * Derive the key from `secret` (the caller wipes its copy afterwards). 0 on success; non-zero,
 * and no key, for a secret of one repeated byte (an unprovisioned sector: all 0x00 or 0xff).
 */
int attest_key_init(const uint8_t secret[ATTEST_SECRET_LEN]);
/* The uncompressed public key 0x04 || X || Y (65 bytes), or NULL before attest_key_init(). */
const uint8_t *attest_key_public(void);
/* ECDSA P-256 over a SHA-256 `hash`: r || s into sig. 0 on success. */
int attest_key_sign_hash(const uint8_t hash[32], uint8_t sig[64]);
/* mbedTLS's exit (MBEDTLS_PLATFORM_EXIT_MACRO): its allocator found its arena corrupt. */
void attest_mbedtls_exit(int status);

#endif /* ATTEST_KEY_H */
