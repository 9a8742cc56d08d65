/* SPDX-License-Identifier: BSD-3-Clause */
/* The OP-TEE FF-A ABI server (optee_server.c, docs/tos.md §2). */
#ifndef TOS_OPTEE_SERVER_H
#define TOS_OPTEE_SERVER_H

#include <abi/ffa.h>
#include <abi/optee_ffa.h>
#include <stdbool.h>
#include <stdint.h>

/*
 * Is a direct request with this w3 an OP-TEE FF-A call (else the diagnostic protocol)?
 * Blocking calls 0..3 and yielding calls 0x80000000..0x80000003 (WITH_ARG, RESUME and two
 * the server answers NOT_SUPPORTED): one test on the diagnostic fast path.
 */
static inline bool optee_is_call(uint32_t w3)
{
	return (w3 & ~(OPTEE_FFA_YIELDING_CALL(0) | 3u)) == 0;
}
_Static_assert(OPTEE_FFA_UNREGISTER_SHM == 3 && OPTEE_FFA_YIELDING_CALL_RESUME == 0x80000001u,
	       "every OP-TEE FF-A call we serve passes optee_is_call()");

/* Answer the request in *m (w3-w7 results; the caller fills w0-w2). */
void optee_server_handle(ffa_id_t self, ffa_id_t caller, struct ffa_value *m);

/*
 * Forget an endpoint that is gone (a VM destroyed): its calls in flight are run to their end
 * and dropped, its sessions closed, its shares relinquished. Returns calls | sessions << 8 |
 * shares << 16, the numbers dropped.
 */
uint32_t optee_server_forget(ffa_id_t self, ffa_id_t caller);

#endif /* TOS_OPTEE_SERVER_H */
