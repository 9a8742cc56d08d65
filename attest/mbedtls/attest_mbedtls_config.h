// SPDX-License-Identifier: BSD-3-Clause
/*
 * mbedTLS 2.28 configuration for the attestation service (MBEDTLS_CONFIG_FILE): only what
 * deriving the key and signing needs (the monitor: HKDF-SHA256, ECDSA P-256, deterministic per
 * RFC 6979 with HMAC_DRBG, bignum) and hashing (the SPMC: SHA-256); freestanding: allocation
 * from a static arena (memory_buffer_alloc), no files, time, entropy or std functions. The same
 * file configures the host build of the unit tests.
 */
#ifndef ATTEST_MBEDTLS_CONFIG_H
#define ATTEST_MBEDTLS_CONFIG_H

#include <stddef.h>

#define MBEDTLS_HAVE_ASM
#define MBEDTLS_NO_UDBL_DIVISION /* no 128-bit division: no libgcc helper in the SPMC */

#define MBEDTLS_MD_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA256_SMALLER
#define MBEDTLS_HKDF_C
#define MBEDTLS_HMAC_DRBG_C
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_NIST_OPTIM
#define MBEDTLS_ECP_WINDOW_SIZE	      4
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 1
#define MBEDTLS_ECDSA_C
#define MBEDTLS_ECDSA_DETERMINISTIC
#define MBEDTLS_ASN1_PARSE_C /* ECDSA_C requires them; --gc-sections drops what is unused */
#define MBEDTLS_ASN1_WRITE_C

/* Platform: allocation from the SPMC's static arena only; no std functions at all. */
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY
#define MBEDTLS_PLATFORM_NO_STD_FUNCTIONS
#define MBEDTLS_MEMORY_BUFFER_ALLOC_C
#define MBEDTLS_MEMORY_ALIGN_MULTIPLE 16 /* its headers hold size_t: 8-byte aligned at EL3 too */
#define MBEDTLS_PLATFORM_EXIT_MACRO   attest_mbedtls_exit /* attest/attest_key.c: panics */
void attest_mbedtls_exit(int status);

#include "mbedtls/check_config.h"

#endif /* ATTEST_MBEDTLS_CONFIG_H */
