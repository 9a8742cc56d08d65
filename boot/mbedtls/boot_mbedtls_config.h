// SPDX-License-Identifier: BSD-3-Clause
/*
 * mbedTLS 2.28 configuration for boot (EL3, MBEDTLS_CONFIG_FILE): only what verifying the
 * package needs: SHA-256 and RSA-2048 RSASSA-PSS verification (bignum, RSA, MD for MGF1).
 * ECDSA P-256 was measured first and costs 17.4 M instructions per verification here
 * (docs/secure-boot.md). Freestanding: no libc allocator, files, time or entropy. mbedTLS
 * allocates bignum limbs through boot_mbedtls_calloc/free, a bump arena in boot's RAM
 * (boot/verify.c). SHA-256's block function is ours (MBEDTLS_SHA256_PROCESS_ALT,
 * boot/arch/aarch64/sha256_ce.S): mbedTLS 2.28 has no A64 crypto-extension path.
 */
#ifndef BOOT_MBEDTLS_CONFIG_H
#define BOOT_MBEDTLS_CONFIG_H

#include <stddef.h>

#define MBEDTLS_HAVE_ASM /* bn_mul.h's aarch64 multiply-accumulate */
#define MBEDTLS_SHA256_C
#ifndef BOOT_MBEDTLS_HOST /* the host tests use mbedTLS's C rounds */
#define MBEDTLS_SHA256_PROCESS_ALT
#endif
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_MD_C /* PSS's MGF1 */
#define MBEDTLS_RSA_C
#define MBEDTLS_PKCS1_V21
#define MBEDTLS_OID_C	     /* required by check_config.h for RSA_C; oid.c is not built (unused) */
#define MBEDTLS_ASN1_PARSE_C /* likewise; asn1parse.c is not built */

#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY
#define MBEDTLS_PLATFORM_NO_STD_FUNCTIONS
#define MBEDTLS_PLATFORM_CALLOC_MACRO boot_mbedtls_calloc
#define MBEDTLS_PLATFORM_FREE_MACRO   boot_mbedtls_free

void *boot_mbedtls_calloc(size_t count, size_t size);
void boot_mbedtls_free(void *ptr);

#include "mbedtls/check_config.h"

#endif /* BOOT_MBEDTLS_CONFIG_H */
