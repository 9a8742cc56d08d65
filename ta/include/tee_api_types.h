// SPDX-License-Identifier: BSD-3-Clause
/*
 * GlobalPlatform TEE Internal Core API types (GPD_SPE_010 v1.3.1, chapter 3 and 4), the
 * subset Tessera's Trusted Applications use. Names and layouts are the spec's; TEE_Param
 * uses the v1.2+ size_t memref size (a v1.1 TA that relies on uint32_t must be adapted).
 */
#ifndef TEE_API_TYPES_H
#define TEE_API_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint32_t TEE_Result;

/* GP v1.3.1 §3.2.4: RFC 4122 UUID, fields in host order. */
typedef struct {
	uint32_t timeLow;
	uint16_t timeMid;
	uint16_t timeHiAndVersion;
	uint8_t clockSeqAndNode[8];
} TEE_UUID;
_Static_assert(sizeof(TEE_UUID) == 16, "GP TEE_UUID is 16 bytes");

/* GP v1.3.1 §4.1.3: client identity of a session (login method + client UUID). */
typedef struct {
	uint32_t login;
	TEE_UUID uuid;
} TEE_Identity;

/* GP v1.3.1 §4.1.4: one of the four operation parameters; its type is in paramTypes. */
typedef union {
	struct {
		void *buffer;
		size_t size;
	} memref;
	struct {
		uint32_t a;
		uint32_t b;
	} value;
} TEE_Param;

/* Number of parameters of an operation (OP-TEE's name for the GP constant 4). */
#define TEE_NUM_PARAMS 4

/* GP v1.3.1 §4.1.5/§4.1.6: opaque handles. */
typedef struct __TEE_TASessionHandle *TEE_TASessionHandle;
typedef struct __TEE_PropSetHandle *TEE_PropSetHandle;

/* GP v1.3.1 §7.2.1: seconds and milliseconds. */
typedef struct {
	uint32_t seconds;
	uint32_t millis;
} TEE_Time;

#endif /* TEE_API_TYPES_H */
