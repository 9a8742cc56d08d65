/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SMC Calling Convention (Arm DEN0028, SMCCC v1.2): function-ID layout, the
 * arch-service IDs and the decoder every layer uses to classify a call.
 * Pure C, shared by every image, the host tools and the unit tests.
 */
#ifndef ABI_SMCCC_H
#define ABI_SMCCC_H

#include <stdbool.h>
#include <stdint.h>

/* SMCCC §2.5: bit 31 fast call, bit 30 SMC64, bits 29:24 owner, 15:0 number. */
#define SMCCC_FAST_CALL	  (1u << 31)
#define SMCCC_64BIT	  (1u << 30)
#define SMCCC_OWNER_SHIFT 24
#define SMCCC_OWNER_MASK  0x3fu
#define SMCCC_FUNC_MASK	  0xffffu
/* SMCCC v1.3 §2.10: bit 16 is the "no live SVE state" hint, not part of the ID. */
#define SMCCC_SVE_HINT (1u << 16)
/* Bits 23:17 must be zero for a fast call (SMCCC §2.5 table 2-1). */
#define SMCCC_FAST_MBZ_MASK 0x00fe0000u

#define SMCCC_UNKNOWN	    ((uint64_t)(int64_t)-1) /* SMC_UNK, SMCCC §5.2 */

enum smccc_owner {
	SMCCC_OWNER_ARCH = 0,
	SMCCC_OWNER_CPU = 1,
	SMCCC_OWNER_SIP = 2,
	SMCCC_OWNER_OEM = 3,
	SMCCC_OWNER_STD = 4,
	SMCCC_OWNER_STD_HYP = 5,
	SMCCC_OWNER_VENDOR_HYP = 6,
	SMCCC_OWNER_TAPP_FIRST = 48,
	SMCCC_OWNER_TOS_FIRST = 50,
	SMCCC_OWNER_TOS_LAST = 63,
};

#define SMCCC_VERSION	    0x80000000u
#define SMCCC_ARCH_FEATURES 0x80000001u
#define SMCCC_ARCH_SOC_ID   0x80000002u
#define SMCCC_VERSION_1_2   0x10002u

/* What a dispatcher needs to know about a function ID. */
enum smccc_service {
	SMCCC_SVC_ARCH,	   /* SMCCC_VERSION, ARCH_FEATURES, ... */
	SMCCC_SVC_PSCI,	   /* standard secure 0x00..0x1f */
	SMCCC_SVC_FFA,	   /* standard secure 0x60..0xff */
	SMCCC_SVC_TOS,	   /* trusted OS range, owners 50..63 */
	SMCCC_SVC_UNKNOWN, /* everything else: answer SMC_UNK */
};

struct smccc_fid {
	uint32_t id;   /* the ID with the SVE hint masked off */
	bool fast;     /* bit 31 */
	bool is_64bit; /* bit 30 */
	unsigned owner;
	unsigned func;
	enum smccc_service service;
};

/* Quick test for the FF-A range (fast calls 0x60..0xff of the standard secure service, SMC32 or
 * SMC64). */
static inline bool smccc_is_ffa(uint64_t x0)
{
	uint32_t f = (uint32_t)x0 & ~(SMCCC_64BIT | SMCCC_SVE_HINT);

	return f >= 0x84000060u && f <= 0x840000ffu;
}

/* w0 without the SMCCC v1.3 SVE hint, which callers may set on any call. */
static inline uint32_t smccc_fid_id(uint64_t x0)
{
	return (uint32_t)x0 & ~SMCCC_SVE_HINT;
}

/* Decode w0 of an SMC or HVC. Never fails: unknown IDs classify as SMCCC_SVC_UNKNOWN. */
static inline struct smccc_fid smccc_decode(uint64_t x0)
{
	struct smccc_fid f;
	uint32_t id = (uint32_t)x0 & ~SMCCC_SVE_HINT;

	f.id = id;
	f.fast = (id & SMCCC_FAST_CALL) != 0;
	f.is_64bit = (id & SMCCC_64BIT) != 0;
	f.owner = (id >> SMCCC_OWNER_SHIFT) & SMCCC_OWNER_MASK;
	f.func = id & SMCCC_FUNC_MASK;
	f.service = SMCCC_SVC_UNKNOWN;

	/* The upper 32 bits of x0 are ignored by SMCCC; the ID is w0. */
	if (f.owner >= SMCCC_OWNER_TOS_FIRST && f.owner <= SMCCC_OWNER_TOS_LAST) {
		f.service = SMCCC_SVC_TOS;
	} else if (!f.fast || (id & SMCCC_FAST_MBZ_MASK) != 0) {
		f.service = SMCCC_SVC_UNKNOWN;
	} else if (f.owner == SMCCC_OWNER_ARCH && !f.is_64bit) {
		f.service = SMCCC_SVC_ARCH;
	} else if (f.owner == SMCCC_OWNER_STD && f.func <= 0x1f) {
		f.service = SMCCC_SVC_PSCI;
	} else if (f.owner == SMCCC_OWNER_STD && f.func >= 0x60 && f.func <= 0xff) {
		f.service = SMCCC_SVC_FFA;
	}
	return f;
}

/*
 * The SMCCC arch calls every layer answers the same way: SMCCC_VERSION (1.2)
 * and SMCCC_ARCH_FEATURES, which reports only those two as implemented
 * (SMCCC §7.2, §7.3); any other arch call is SMC_UNK.
 */
static inline uint64_t smccc_arch_answer(uint32_t id, uint64_t x1)
{
	uint32_t queried = (uint32_t)x1;

	if (id == SMCCC_VERSION)
		return SMCCC_VERSION_1_2;
	if (id == SMCCC_ARCH_FEATURES)
		return queried == SMCCC_VERSION || queried == SMCCC_ARCH_FEATURES ? 0
										  : SMCCC_UNKNOWN;
	return SMCCC_UNKNOWN;
}

#endif /* ABI_SMCCC_H */
