// SPDX-License-Identifier: BSD-3-Clause
/*
 * GlobalPlatform TEE Internal Core API constants (GPD_SPE_010 v1.3.1): return codes,
 * parameter types, login methods, origins, property sets, memory access flags and the
 * malloc hints. Values are the spec's (they cross the ABI to the normal world unchanged:
 * TEEC_ERROR_* in the Client API have the same numbers).
 */
#ifndef TEE_API_DEFINES_H
#define TEE_API_DEFINES_H

#define TEE_CORE_API_MAJOR_VERSION	 1U
#define TEE_CORE_API_MINOR_VERSION	 3U
#define TEE_CORE_API_MAINTENANCE_VERSION 1U

#define TEE_HANDLE_NULL			 0
#define TEE_TIMEOUT_INFINITE		 0xFFFFFFFFu

/* Return codes (GP v1.3.1 §3.3, Table 3-1). */
#define TEE_SUCCESS			  0x00000000u
#define TEE_ERROR_CORRUPT_OBJECT	  0xF0100001u
#define TEE_ERROR_CORRUPT_OBJECT_2	  0xF0100002u
#define TEE_ERROR_STORAGE_NOT_AVAILABLE	  0xF0100003u
#define TEE_ERROR_STORAGE_NOT_AVAILABLE_2 0xF0100004u
#define TEE_ERROR_UNSUPPORTED_VERSION	  0xF0100005u
#define TEE_ERROR_CIPHERTEXT_INVALID	  0xF0100006u
#define TEE_ERROR_GENERIC		  0xFFFF0000u
#define TEE_ERROR_ACCESS_DENIED		  0xFFFF0001u
#define TEE_ERROR_CANCEL		  0xFFFF0002u
#define TEE_ERROR_ACCESS_CONFLICT	  0xFFFF0003u
#define TEE_ERROR_EXCESS_DATA		  0xFFFF0004u
#define TEE_ERROR_BAD_FORMAT		  0xFFFF0005u
#define TEE_ERROR_BAD_PARAMETERS	  0xFFFF0006u
#define TEE_ERROR_BAD_STATE		  0xFFFF0007u
#define TEE_ERROR_ITEM_NOT_FOUND	  0xFFFF0008u
#define TEE_ERROR_NOT_IMPLEMENTED	  0xFFFF0009u
#define TEE_ERROR_NOT_SUPPORTED		  0xFFFF000Au
#define TEE_ERROR_NO_DATA		  0xFFFF000Bu
#define TEE_ERROR_OUT_OF_MEMORY		  0xFFFF000Cu
#define TEE_ERROR_BUSY			  0xFFFF000Du
#define TEE_ERROR_COMMUNICATION		  0xFFFF000Eu
#define TEE_ERROR_SECURITY		  0xFFFF000Fu
#define TEE_ERROR_SHORT_BUFFER		  0xFFFF0010u
#define TEE_ERROR_EXTERNAL_CANCEL	  0xFFFF0011u
#define TEE_ERROR_TIMEOUT		  0xFFFF3001u
#define TEE_ERROR_OVERFLOW		  0xFFFF300Fu
#define TEE_ERROR_TARGET_DEAD		  0xFFFF3024u
#define TEE_ERROR_STORAGE_NO_SPACE	  0xFFFF3041u
#define TEE_ERROR_MAC_INVALID		  0xFFFF3071u
#define TEE_ERROR_SIGNATURE_INVALID	  0xFFFF3072u
#define TEE_ERROR_TIME_NOT_SET		  0xFFFF5000u
#define TEE_ERROR_TIME_NEEDS_RESET	  0xFFFF5001u

/* Parameter types (GP v1.3.1 §4.1.4, Table 4-3); 4 is reserved. */
#define TEE_PARAM_TYPE_NONE	     0
#define TEE_PARAM_TYPE_VALUE_INPUT   1
#define TEE_PARAM_TYPE_VALUE_OUTPUT  2
#define TEE_PARAM_TYPE_VALUE_INOUT   3
#define TEE_PARAM_TYPE_MEMREF_INPUT  5
#define TEE_PARAM_TYPE_MEMREF_OUTPUT 6
#define TEE_PARAM_TYPE_MEMREF_INOUT  7

/* paramTypes packs four 4-bit types, parameter 0 in the low nibble. */
#define TEE_PARAM_TYPES(t0, t1, t2, t3)                                                            \
	((uint32_t)(t0) | ((uint32_t)(t1) << 4) | ((uint32_t)(t2) << 8) | ((uint32_t)(t3) << 12))
#define TEE_PARAM_TYPE_GET(t, i) ((((uint32_t)(t)) >> ((i)*4)) & 0xFu)

/* Login types (GP v1.3.1 §4.1.3, Table 4-2). */
#define TEE_LOGIN_PUBLIC	    0x00000000u
#define TEE_LOGIN_USER		    0x00000001u
#define TEE_LOGIN_GROUP		    0x00000002u
#define TEE_LOGIN_APPLICATION	    0x00000004u
#define TEE_LOGIN_APPLICATION_USER  0x00000005u
#define TEE_LOGIN_APPLICATION_GROUP 0x00000006u
#define TEE_LOGIN_TRUSTED_APP	    0xF0000000u
/* Extension (as OP-TEE's): a client inside the REE's kernel (Linux's TEE_IOCTL_LOGIN_REE_KERNEL).
 */
#define TEE_LOGIN_REE_KERNEL 0x80000000u

/* Origin codes (GP v1.3.1 §4.1.2, Table 4-1). */
#define TEE_ORIGIN_API	       0x00000001u
#define TEE_ORIGIN_COMMS       0x00000002u
#define TEE_ORIGIN_TEE	       0x00000003u
#define TEE_ORIGIN_TRUSTED_APP 0x00000004u

/* Property set pseudo-handles (GP v1.3.1 §4.4, Table 4-5). */
#define TEE_PROPSET_TEE_IMPLEMENTATION ((TEE_PropSetHandle)0xFFFFFFFDu)
#define TEE_PROPSET_CURRENT_CLIENT     ((TEE_PropSetHandle)0xFFFFFFFEu)
#define TEE_PROPSET_CURRENT_TA	       ((TEE_PropSetHandle)0xFFFFFFFFu)

/* Memory access rights (GP v1.3.1 §4.11.1, Table 4-8). */
#define TEE_MEMORY_ACCESS_READ	    0x00000001u
#define TEE_MEMORY_ACCESS_WRITE	    0x00000002u
#define TEE_MEMORY_ACCESS_ANY_OWNER 0x00000004u

/* TEE_Malloc hints (GP v1.3.1 §4.11.4, Table 4-9). */
#define TEE_MALLOC_FILL_ZERO 0x00000000u
#define TEE_MALLOC_NO_FILL   0x00000001u
#define TEE_MALLOC_NO_SHARE  0x00000002u

#endif /* TEE_API_DEFINES_H */
