// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host stand-in for the TA library (ta/lib) so TA code runs in cmocka tests: the GP
 * functions over libc, with knobs to make allocations fail, catch TEE_Panic and see logs.
 */
#ifndef TEST_TA_SHIM_H
#define TEST_TA_SHIM_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <tee_internal_api.h>

/* Fail the n-th TEE_Malloc/TEE_Realloc from now (1 = the next one); 0 = never. */
extern unsigned shim_malloc_fail_in;
/* Refuse allocations that would take more than this many bytes in all; 0 = no limit. */
extern size_t shim_heap_limit;
/* Bytes currently allocated through TEE_Malloc/TEE_Realloc. */
extern size_t shim_heap_used;
/* TEE_Panic longjmps here (with 1) after storing its code, when shim_panic_armed. */
extern jmp_buf shim_panic_jmp;
extern int shim_panic_armed;
extern TEE_Result shim_panic_code;
/* What "tessera.client.endpoint" answers for the current client; < 0: ITEM_NOT_FOUND. */
extern int64_t shim_client_endpoint;
/* What "gpd.client.identity" answers, if shim_client_identity_set (else ITEM_NOT_FOUND). */
extern int shim_client_identity_set;
extern TEE_Identity shim_client_identity;
/* What TEE_Attest answers; on TEE_SUCCESS its token is "TOK" || the challenge. */
extern TEE_Result shim_attest_result;
/* The next session's client: endpoint, login and a UUID whose every byte is uuid_byte. */
void shim_set_client(int64_t endpoint, uint32_t login, uint8_t uuid_byte);
/* The last line logged with tee_user_log, NUL-terminated. */
extern char shim_last_log[512];
/* Resets all knobs and the random stream. */
void shim_reset(void);

#endif /* TEST_TA_SHIM_H */

/*
 * Hostile-client rounds: invokes random commands (0..max_cmd + 1, minus those in skip) on
 * the TA linked into the test, with random parameter types (reserved ones included), values,
 * and memrefs of random sizes, some with a NULL buffer and a non-zero size (the GP "null
 * memory reference"). Fails the test if the TA reports a successful output memref larger
 * than the buffer it got; sanitizers catch any out-of-bounds access. Deterministic per seed.
 */
void shim_hostile_rounds(void *session, uint32_t max_cmd, const uint32_t *skip, size_t nskip,
			 unsigned rounds, uint32_t seed);
