// SPDX-License-Identifier: BSD-3-Clause
/*
 * mbedTLS 2.28 configuration for the wallet TA (MBEDTLS_CONFIG_FILE): only what HMAC-SHA256
 * needs (md, sha256, constant-time compare, zeroize), freestanding: no libc allocator, no
 * files, sockets, time or entropy sources. mbedTLS allocates (the HMAC context) through
 * tessera_mbedtls_calloc/free, which the wallet implements with TEE_Malloc/TEE_Free.
 * The same file configures the host build the unit tests link against.
 */
#ifndef TESSERA_MBEDTLS_CONFIG_H
#define TESSERA_MBEDTLS_CONFIG_H

#include <stddef.h>

/* Modules. */
#define MBEDTLS_MD_C
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA256_SMALLER /* a loop instead of unrolled rounds: code size over speed */

/* Platform: allocation only, through our hooks; no std functions at all. */
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY
#define MBEDTLS_PLATFORM_NO_STD_FUNCTIONS
#define MBEDTLS_PLATFORM_CALLOC_MACRO tessera_mbedtls_calloc
#define MBEDTLS_PLATFORM_FREE_MACRO   tessera_mbedtls_free

void *tessera_mbedtls_calloc(size_t count, size_t size);
void tessera_mbedtls_free(void *ptr);

#include "mbedtls/check_config.h"

#endif /* TESSERA_MBEDTLS_CONFIG_H */
