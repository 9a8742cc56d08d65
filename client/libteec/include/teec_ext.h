/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Tessera extensions to the GP TEE Client API (not part of GPD_SPE_007).
 *
 * A bare-metal guest has one thread, so nobody else could call
 * TEEC_RequestCancellation while TEEC_InvokeCommand waits for a TA that is
 * suspended in TEE_Wait. The resume hook is that "other thread": libteec
 * calls it each time the TEE hands a suspended call back to the normal
 * world, before it resumes the call. The hook may call
 * TEEC_RequestCancellation (and nothing else of the TEEC API).
 */
#ifndef TEEC_EXT_H
#define TEEC_EXT_H

#include <tee_client_api.h>

typedef void (*teec_resume_hook_fn)(void *arg);

/* Install (or with NULL remove) the hook; returns nothing, never fails. */
void teec_set_resume_hook(teec_resume_hook_fn hook, void *arg);

/* "TEEC_ERROR_SHORT_BUFFER", "TRUSTED_APP": names for log lines. */
const char *teec_result_name(TEEC_Result r);
const char *teec_origin_name(uint32_t origin);

#endif /* TEEC_EXT_H */
