/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * GlobalPlatform TEE Client API v1.0 (GPD_SPE_007): the types, constants
 * and functions a normal-world client uses to reach Trusted Applications.
 * Names, values and the public struct members are those of the
 * specification (and of OP-TEE's tee_client_api.h), so a program written
 * against the usual header compiles unchanged; members marked
 * "implementation defined" are Tessera's own (client/libteec, docs/libteec.md).
 */
#ifndef TEE_CLIENT_API_H
#define TEE_CLIENT_API_H

#ifdef __cplusplus
extern "C" {
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Memory references per operation. */
#define TEEC_CONFIG_PAYLOAD_REF_COUNT 4

/* Largest shared memory block or temporary memref: libteec's shared page pool (256 KiB). */
#define TEEC_CONFIG_SHAREDMEM_MAX_SIZE (256u * 1024u)

/* Parameter types (TEEC_Operation.paramTypes, one nibble each). */
#define TEEC_NONE		   0x00000000
#define TEEC_VALUE_INPUT	   0x00000001
#define TEEC_VALUE_OUTPUT	   0x00000002
#define TEEC_VALUE_INOUT	   0x00000003
#define TEEC_MEMREF_TEMP_INPUT	   0x00000005
#define TEEC_MEMREF_TEMP_OUTPUT	   0x00000006
#define TEEC_MEMREF_TEMP_INOUT	   0x00000007
#define TEEC_MEMREF_WHOLE	   0x0000000C
#define TEEC_MEMREF_PARTIAL_INPUT  0x0000000D
#define TEEC_MEMREF_PARTIAL_OUTPUT 0x0000000E
#define TEEC_MEMREF_PARTIAL_INOUT  0x0000000F

/* TEEC_SharedMemory.flags: direction(s) the memory carries data in. */
#define TEEC_MEM_INPUT	0x00000001
#define TEEC_MEM_OUTPUT 0x00000002

/* Return codes (TEEC_Result). */
#define TEEC_SUCCESS			 0x00000000
#define TEEC_ERROR_STORAGE_NOT_AVAILABLE 0xF0100003
#define TEEC_ERROR_GENERIC		 0xFFFF0000
#define TEEC_ERROR_ACCESS_DENIED	 0xFFFF0001
#define TEEC_ERROR_CANCEL		 0xFFFF0002
#define TEEC_ERROR_ACCESS_CONFLICT	 0xFFFF0003
#define TEEC_ERROR_EXCESS_DATA		 0xFFFF0004
#define TEEC_ERROR_BAD_FORMAT		 0xFFFF0005
#define TEEC_ERROR_BAD_PARAMETERS	 0xFFFF0006
#define TEEC_ERROR_BAD_STATE		 0xFFFF0007
#define TEEC_ERROR_ITEM_NOT_FOUND	 0xFFFF0008
#define TEEC_ERROR_NOT_IMPLEMENTED	 0xFFFF0009
#define TEEC_ERROR_NOT_SUPPORTED	 0xFFFF000A
#define TEEC_ERROR_NO_DATA		 0xFFFF000B
#define TEEC_ERROR_OUT_OF_MEMORY	 0xFFFF000C
#define TEEC_ERROR_BUSY			 0xFFFF000D
#define TEEC_ERROR_COMMUNICATION	 0xFFFF000E
#define TEEC_ERROR_SECURITY		 0xFFFF000F
#define TEEC_ERROR_SHORT_BUFFER		 0xFFFF0010
#define TEE_ERROR_EXTERNAL_CANCEL	 0xFFFF0011
#define TEEC_ERROR_EXTERNAL_CANCEL	 0xFFFF0011
#define TEE_ERROR_OVERFLOW		 0xFFFF300F
#define TEE_ERROR_TARGET_DEAD		 0xFFFF3024
#define TEEC_ERROR_TARGET_DEAD		 0xFFFF3024
#define TEE_ERROR_STORAGE_NO_SPACE	 0xFFFF3041
#define TEEC_ERROR_STORAGE_NO_SPACE	 0xFFFF3041
#define TEE_ERROR_MAC_INVALID		 0xFFFF3071
#define TEE_ERROR_SIGNATURE_INVALID	 0xFFFF3072
#define TEE_ERROR_TIME_NOT_SET		 0xFFFF5000
#define TEE_ERROR_TIME_NEEDS_RESET	 0xFFFF5001

/* Where a return code comes from (returnOrigin). */
#define TEEC_ORIGIN_API		0x00000001
#define TEEC_ORIGIN_COMMS	0x00000002
#define TEEC_ORIGIN_TEE		0x00000003
#define TEEC_ORIGIN_TRUSTED_APP 0x00000004

/* Login methods (TEEC_OpenSession connectionMethod). */
#define TEEC_LOGIN_PUBLIC	     0x00000000
#define TEEC_LOGIN_USER		     0x00000001
#define TEEC_LOGIN_GROUP	     0x00000002
#define TEEC_LOGIN_APPLICATION	     0x00000004
#define TEEC_LOGIN_USER_APPLICATION  0x00000005
#define TEEC_LOGIN_GROUP_APPLICATION 0x00000006

/* paramTypes from four types, and the type of parameter i. */
#define TEEC_PARAM_TYPES(p0, p1, p2, p3) ((p0) | ((p1) << 4) | ((p2) << 8) | ((p3) << 12))
#define TEEC_PARAM_TYPE_GET(p, i)	 (((p) >> (i * 4)) & 0xF)

typedef uint32_t TEEC_Result;

/* Most TEEs one context may route to, sessions it tracks (implementation defined). */
#define TEEC_IMPL_MAX_TEES     8
#define TEEC_IMPL_MAX_SESSIONS 16

/* A connection to one TEE (by name) or to every TEE this guest may reach (NULL name). */
typedef struct {
	/* Implementation defined */
	uint16_t tee_ids[TEEC_IMPL_MAX_TEES]; /* FF-A IDs, in routing order */
	uint32_t tee_count;
	uint32_t magic; /* set while initialized */
	/* Open sessions (TEE, ID), closed by TEEC_FinalizeContext if the client did not. */
	uint32_t session_ids[TEEC_IMPL_MAX_SESSIONS];
	uint16_t session_tees[TEEC_IMPL_MAX_SESSIONS]; /* 0: free slot */
} TEEC_Context;

/* RFC 4122 UUID of a Trusted Application. */
typedef struct {
	uint32_t timeLow;
	uint16_t timeMid;
	uint16_t timeHiAndVersion;
	uint8_t clockSeqAndNode[8];
} TEEC_UUID;

/* A block of memory shared with the TEE, registered or allocated by libteec. */
typedef struct {
	void *buffer;
	size_t size;
	uint32_t flags;
	/* Implementation defined */
	TEEC_Context *context;
	void *pool_pages;     /* pages libteec allocated (or NULL when registered) */
	uint64_t global_id;   /* FF-A handle while shared, else all ones */
	uint32_t share_pages; /* pages the share covers */
	uint16_t shared_with; /* FF-A ID of the TEE it is shared with (0: none) */
	uint16_t leaked;      /* the TEE did not give it back (docs/libteec.md) */
	uint32_t magic;	      /* set while registered */
} TEEC_SharedMemory;

/* A buffer shared only for the duration of one operation. */
typedef struct {
	void *buffer;
	size_t size;
} TEEC_TempMemoryReference;

/* A region of a TEEC_SharedMemory block. */
typedef struct {
	TEEC_SharedMemory *parent;
	size_t size;
	size_t offset;
} TEEC_RegisteredMemoryReference;

/* Two 32-bit values. */
typedef struct {
	uint32_t a;
	uint32_t b;
} TEEC_Value;

typedef union {
	TEEC_TempMemoryReference tmpref;
	TEEC_RegisteredMemoryReference memref;
	TEEC_Value value;
} TEEC_Parameter;

/* An open session with a Trusted Application. */
typedef struct {
	/* Implementation defined */
	TEEC_Context *ctx;
	uint32_t session_id;
	uint16_t tee_id; /* the TEE that hosts the session */
	uint16_t pad;
	uint32_t magic; /* set while open */
} TEEC_Session;

/* The payload of an OpenSession or InvokeCommand, and its cancellation handle. */
typedef struct {
	uint32_t started;
	uint32_t paramTypes;
	TEEC_Parameter params[TEEC_CONFIG_PAYLOAD_REF_COUNT];
	/* Implementation defined */
	TEEC_Session *session;
	uint32_t cancel_id;
	volatile uint32_t cancel_requested;
} TEEC_Operation;

TEEC_Result TEEC_InitializeContext(const char *name, TEEC_Context *context);
void TEEC_FinalizeContext(TEEC_Context *context);
TEEC_Result TEEC_OpenSession(TEEC_Context *context, TEEC_Session *session,
			     const TEEC_UUID *destination, uint32_t connectionMethod,
			     const void *connectionData, TEEC_Operation *operation,
			     uint32_t *returnOrigin);
void TEEC_CloseSession(TEEC_Session *session);
TEEC_Result TEEC_InvokeCommand(TEEC_Session *session, uint32_t commandID, TEEC_Operation *operation,
			       uint32_t *returnOrigin);
void TEEC_RequestCancellation(TEEC_Operation *operation);
TEEC_Result TEEC_RegisterSharedMemory(TEEC_Context *context, TEEC_SharedMemory *sharedMem);
TEEC_Result TEEC_AllocateSharedMemory(TEEC_Context *context, TEEC_SharedMemory *sharedMem);
void TEEC_ReleaseSharedMemory(TEEC_SharedMemory *sharedMemory);

#ifdef __cplusplus
}
#endif

#endif /* TEE_CLIENT_API_H */
