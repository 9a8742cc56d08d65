/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The register rules of an answer and the must-be-zero (MBZ) fields of the FF-A v1.1 calls
 * (DEN0077A v1.1) that the hypervisors serve, in one place: nshyp (for its guests), the SPMC
 * (for the normal world and its partitions) and their assembly fast paths apply exactly these,
 * and the unit tests of both roles check them (docs/abi/ffa.md "Register rules").
 *
 * Answers:
 *  - SMCCC and PSCI calls, and unknown function IDs (SMC_UNK), return their result in x0
 *    (x1-x3 only where a call defines results). Nothing else is written: SMCCC v1.1+ (DEN0028
 *    §2.6, §3.4) requires x4-x17 preserved, and Linux relies on it.
 *  - FF-A answers carry x0-x7; result registers a call does not use are MBZ (FF-A v1.1
 *    §11.2 and each ABI's table; the FF-A ACS checks them). x8-x17 are not written.
 * Arguments: a reserved field named MBZ that is not zero makes the call fail with
 * INVALID_PARAMETERS and change nothing. For 32-bit fields held in x registers (the IDs of
 * w1, the flags of w2, the page count of w3) bits [63:32] count as part of the reserved field.
 */
#ifndef ABI_FFA_RULES_H
#define ABI_FFA_RULES_H

#include <abi/ffa.h>
#include <stdbool.h>
#include <stdint.h>

/* An SMCCC/PSCI/SMC_UNK answer with one result: x0 only, x1-x17 stay as the caller had them. */
static inline void smccc_answer(struct ffa_value *m, uint64_t x0)
{
	m->x[0] = x0;
}

/* An FF-A answer whose only result is w0 (FFA_VERSION): x1-x7 MBZ. */
static inline struct ffa_value ffa_answer_w0(uint64_t w0)
{
	struct ffa_value v = { { w0, 0, 0, 0, 0, 0, 0, 0 } };
	return v;
}

/*
 * A 32-bit call's arguments and results are w1-w7 (SMCCC v1.2 §2.6: SMC32/HVC32 pass W
 * registers; the upper halves are not part of the call). A _32 direct message reaches its
 * receiver with w1-w7 zero-extended in every direction (FF-A v1.1 §15.2-15.3; the ACS's
 * ffa_direct_message_32 sends x3 = 0x1125534411255344 and expects 0x11255344 at the other end).
 */
static inline bool ffa_fid_is_64(uint64_t fid)
{
	return (fid & (1u << 30)) != 0; /* SMCCC_64BIT */
}

static inline void ffa_zero_extend_args(struct ffa_value *m)
{
	for (unsigned i = 1; i < 8; i++)
		m->x[i] = (uint32_t)m->x[i];
}

/* A 32-bit view of an x register's words (index 0: bits [31:0], little-endian). */
typedef uint32_t __attribute__((may_alias)) ffa_word_t;

/* w`i` of *m, loaded as one 32-bit word (zero-extended by the load itself). */
static inline uint32_t ffa_load_w(const struct ffa_value *m, unsigned i)
{
	return ((const ffa_word_t *)&m->x[i])[0];
}

/*
 * x3-x7 of a frame whose w1 and w2 were checked equal to 32-bit values lose their upper
 * halves: one 32-bit store of zero each, no load (the answer's fast path).
 */
static inline void ffa_zero_upper_x3_x7(struct ffa_value *m)
{
	for (unsigned i = 3; i < 8; i++)
		((ffa_word_t *)&m->x[i])[1] = 0;
}

/* Direct message w1: [31:16] sender, [15:0] receiver; nothing above (FF-A v1.1 §15.2). */
static inline bool ffa_direct_ids_ok(uint64_t x1)
{
	return (x1 >> 32) == 0;
}

/*
 * Direct message w2 flags (FF-A v1.1 §15.2, table 15.3): bit 31 framework message, [30:8]
 * MBZ, [7:0] the framework message type, MBZ for a partition message (so w2 = 0).
 */
static inline bool ffa_direct_flags_ok(uint64_t x2)
{
	if (x2 & FFA_MSG_FLAG_FRAMEWORK)
		return (x2 & ~(uint64_t)(FFA_MSG_FLAG_FRAMEWORK | FFA_FWK_MSG_TYPE_MASK)) == 0;
	return x2 == 0;
}

/* Both fields of a direct request or response. */
static inline bool ffa_direct_args_ok(const struct ffa_value *m)
{
	return ffa_direct_ids_ok(m->x[1]) && ffa_direct_flags_ok(m->x[2]);
}

/*
 * A direct response is the one its request takes (FF-A v1.1 §15.3): the request's width (`fid`,
 * w0 without the SVE hint), the request's IDs swapped (`w1`), w2 exactly (0, or the framework
 * response type). Anything else, reserved bits included, is not a response: INVALID_PARAMETERS,
 * and the request stays pending (ACS ffa_direct_message_64). One test of the three.
 */
static inline bool ffa_direct_resp_is(const struct ffa_value *m, uint32_t fid, uint64_t w1,
				      uint64_t w2)
{
	return ((m->x[0] ^ fid) | (m->x[1] ^ w1) | (m->x[2] ^ w2)) == 0;
}

/*
 * FFA_RUN w1 (FF-A v1.1 §13.13): [31:16] target, [15:0] vCPU index; nothing above. Every
 * partition has one execution context, so a vCPU index other than 0 is invalid too.
 */
static inline bool ffa_run_args_ok(uint64_t x1)
{
	return (x1 >> 32) == 0 && (x1 & 0xffffu) == 0;
}

/*
 * FFA_RXTX_MAP (FF-A v1.1 §13.5): w3[5:0] page count, w3[31:6] MBZ. The 32-bit form takes
 * 32-bit addresses in w1/w2. Returns the page count, or 0 for arguments that are invalid
 * before any address is looked at.
 */
static inline uint32_t ffa_rxtx_map_pages(const struct ffa_value *m)
{
	bool is32 = (uint32_t)m->x[0] == FFA_RXTX_MAP_32;

	if (m->x[3] & ~(uint64_t)FFA_RXTX_PAGE_COUNT_MASK)
		return 0;
	if (is32 && ((m->x[1] | m->x[2]) >> 32))
		return 0;
	return (uint32_t)m->x[3];
}

/*
 * FFA_RXTX_UNMAP (FF-A v1.1 §13.6): w1[31:16] the endpoint whose buffers go (a caller may
 * name only itself, or pass 0), w1[15:0] MBZ.
 */
static inline bool ffa_rxtx_unmap_args_ok(uint64_t x1, ffa_id_t self)
{
	return (x1 & ~(uint64_t)0xffff0000u) == 0 && ((x1 >> 16) == 0 || (x1 >> 16) == self);
}

/* FFA_RX_RELEASE (FF-A v1.1 §13.7): w1 names a VM only when a hypervisor forwards it. */
static inline bool ffa_rx_release_args_ok(uint64_t x1)
{
	return x1 == 0;
}

/* FFA_PARTITION_INFO_GET (FF-A v1.1 §13.8) w5 flags: bit 0 count only, [31:1] MBZ. */
static inline bool ffa_partition_info_flags_ok(uint64_t x5)
{
	return (x5 & ~(uint64_t)FFA_PARTITION_INFO_COUNT_ONLY) == 0;
}

/*
 * FFA_VERSION (FF-A v1.1 §13.2): bit 31 of the requested version MBZ; the answer is w0 =
 * the callee's version or NOT_SUPPORTED, x1-x7 zero. `*negotiated` becomes the caller's own
 * version when it is compatible (ffa_version_compatible(): major 1, minor not above ours), and
 * is left alone otherwise.
 */
static inline struct ffa_value ffa_version_call(uint64_t x1, uint32_t *negotiated)
{
	return ffa_answer_w0(ffa_version_answer(x1, negotiated));
}

/* The notification bitmap of BIND/UNBIND/SET (FF-A v1.1 §13.12-13.14): w3 low, w4 high words. */
static inline uint64_t ffa_notif_bitmap(const struct ffa_value *m)
{
	return (uint64_t)(uint32_t)m->x[3] | ((uint64_t)(uint32_t)m->x[4] << 32);
}

/*
 * A receiver's binding table (FF-A v1.1 §10.4): for each notification ID, whether it is bound,
 * to which sender, and whether per-vCPU. The SPMC keeps one per receiver for notifications with
 * a partition at either end, nshyp one per guest for VM-to-VM ones; the rules below are BIND's,
 * UNBIND's and SET's at both (§13.12-13.14; the errors are the ACS's, test/v1.1/notifications).
 */
struct ffa_notif_bindings {
	uint64_t bound;	   /* IDs bound to a sender */
	uint64_t per_vcpu; /* of those, the per-vCPU ones */
	ffa_id_t sender[FFA_NOTIFICATION_COUNT];
};

/* Are all of `bits` bound to `sender`? */
static inline bool ffa_notif_bound_to(const struct ffa_notif_bindings *b, ffa_id_t sender,
				      uint64_t bits)
{
	if ((b->bound & bits) != bits)
		return false;
	for (unsigned i = 0; i < FFA_NOTIFICATION_COUNT; i++)
		if ((bits >> i & 1) && b->sender[i] != sender)
			return false;
	return true;
}

/* BIND `bits` to `sender`: 0, or DENIED if any is bound already (to anyone). */
static inline int32_t ffa_notif_bind(struct ffa_notif_bindings *b, ffa_id_t sender, uint64_t bits,
				     bool per_vcpu)
{
	if (b->bound & bits)
		return FFA_RET_DENIED;
	for (unsigned i = 0; i < FFA_NOTIFICATION_COUNT; i++)
		if (bits >> i & 1)
			b->sender[i] = sender;
	b->bound |= bits;
	b->per_vcpu = per_vcpu ? b->per_vcpu | bits : b->per_vcpu & ~bits;
	return 0;
}

/* UNBIND `bits` from `sender`: 0, or DENIED unless all are bound to it and none is pending. */
static inline int32_t ffa_notif_unbind(struct ffa_notif_bindings *b, ffa_id_t sender, uint64_t bits,
				       uint64_t pending)
{
	if (!ffa_notif_bound_to(b, sender, bits) || (pending & bits))
		return FFA_RET_DENIED;
	b->bound &= ~bits;
	b->per_vcpu &= ~bits;
	return 0;
}

/* May `sender` SET `bits`? 0; DENIED if not all bound to it; INVALID_PARAMETERS if bound the
 * other way (global vs per-vCPU). */
static inline int32_t ffa_notif_set_check(const struct ffa_notif_bindings *b, ffa_id_t sender,
					  uint64_t bits, bool per_vcpu)
{
	if (!ffa_notif_bound_to(b, sender, bits))
		return FFA_RET_DENIED;
	if ((per_vcpu ? ~b->per_vcpu : b->per_vcpu) & bits)
		return FFA_RET_INVALID_PARAMETERS;
	return 0;
}

/* The answer to BIND, UNBIND or SET from a rule above: FFA_SUCCESS_32 or FFA_ERROR. */
static inline struct ffa_value ffa_notif_answer(int32_t err)
{
	return err ? ffa_error(err) : ffa_success(0);
}

#endif /* ABI_FFA_RULES_H */
