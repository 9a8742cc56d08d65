// SPDX-License-Identifier: BSD-3-Clause
/*
 * The GlobalPlatform TEE Internal Core API (GPD_SPE_010 v1.3.1) as Tessera's Trusted
 * Applications see it: the TA entry points a TA implements, and the subset of the API the
 * trusted OS provides (implemented over system calls in ta/lib/). Prototypes follow the
 * v1.2+ signatures (size_t lengths). Anything not declared here is not implemented.
 */
#ifndef TEE_INTERNAL_API_H
#define TEE_INTERNAL_API_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tee_api_defines.h>
#include <tee_api_types.h>
#include <trace.h>

/* ---- TA interface: implemented by each Trusted Application (GP §4.3) ---- */

TEE_Result TA_CreateEntryPoint(void);
void TA_DestroyEntryPoint(void);
TEE_Result TA_OpenSessionEntryPoint(uint32_t paramTypes, TEE_Param params[TEE_NUM_PARAMS],
				    void **sessionContext);
void TA_CloseSessionEntryPoint(void *sessionContext);
TEE_Result TA_InvokeCommandEntryPoint(void *sessionContext, uint32_t commandID, uint32_t paramTypes,
				      TEE_Param params[TEE_NUM_PARAMS]);

/* ---- Property access (GP §4.4): sets TEE_PROPSET_* only, no enumerators ---- */

TEE_Result TEE_GetPropertyAsString(TEE_PropSetHandle propsetOrEnumerator, const char *name,
				   char *valueBuffer, size_t *valueBufferLen);
TEE_Result TEE_GetPropertyAsBool(TEE_PropSetHandle propsetOrEnumerator, const char *name,
				 bool *value);
TEE_Result TEE_GetPropertyAsU32(TEE_PropSetHandle propsetOrEnumerator, const char *name,
				uint32_t *value);
TEE_Result TEE_GetPropertyAsUUID(TEE_PropSetHandle propsetOrEnumerator, const char *name,
				 TEE_UUID *value);
TEE_Result TEE_GetPropertyAsIdentity(TEE_PropSetHandle propsetOrEnumerator, const char *name,
				     TEE_Identity *value);

/* ---- Panics (GP §4.5) ---- */

void TEE_Panic(TEE_Result panicCode) __attribute__((noreturn));

/* ---- Cancellation (GP §4.10) ---- */

bool TEE_GetCancellationFlag(void);
bool TEE_UnmaskCancellation(void);
bool TEE_MaskCancellation(void);

/* ---- Memory management (GP §4.11) ---- */

TEE_Result TEE_CheckMemoryAccessRights(uint32_t accessFlags, void *buffer, size_t size);
void *TEE_Malloc(size_t size, uint32_t hint);
void *TEE_Realloc(void *buffer, size_t newSize);
void TEE_Free(void *buffer);
void TEE_MemMove(void *dest, const void *src, size_t size);
int32_t TEE_MemCompare(const void *buffer1, const void *buffer2, size_t size);
void TEE_MemFill(void *buffer, uint32_t x, size_t size);

/* ---- Random numbers (GP §6.6.1): from the CPU's RNDR via the trusted OS ---- */

void TEE_GenerateRandom(void *randomBuffer, size_t randomBufferLen);

/* ---- Time (GP §7.2) ---- */

void TEE_GetSystemTime(TEE_Time *time);
TEE_Result TEE_Wait(uint32_t timeout);
void TEE_GetREETime(TEE_Time *time);

/* ---- Tessera extension ---- */

/*
 * Write len bytes of s to the trusted OS console (one system call; the kernel prefixes
 * the TA's name and validates the buffer). The trace.h macros end up here.
 */
void tee_user_log(const char *s, size_t len);

/*
 * An attestation token (docs/attestation.md) over `challenge` (8..64 bytes, chosen by the
 * relying party): a COSE_Sign1 signed with the device key, naming the device, the boot chain,
 * this TEE's trusted OS and this TA (its UUID and the SHA-256 of its image). *tokenLen: in,
 * the room at `token`; out, the token's length. TEE_ERROR_SHORT_BUFFER if it does not fit,
 * TEE_ERROR_BAD_PARAMETERS for a bad challenge length, TEE_ERROR_NOT_SUPPORTED if the platform
 * cannot attest.
 */
TEE_Result TEE_Attest(const void *challenge, size_t challengeLen, void *token, size_t *tokenLen);

#endif /* TEE_INTERNAL_API_H */
