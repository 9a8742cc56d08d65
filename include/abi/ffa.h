/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Arm Firmware Framework for A-profile (FF-A) v1.1 (DEN0077A v1.1 EAC0):
 * function IDs (§13, table 13.1), error codes (§7.2), endpoint IDs (§6.1)
 * and the partition information descriptor (§6.2.3, table 6.1).
 */
#ifndef ABI_FFA_H
#define ABI_FFA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FFA_ERROR		    0x84000060u
#define FFA_SUCCESS_32		    0x84000061u
#define FFA_SUCCESS_64		    0xc4000061u
#define FFA_INTERRUPT		    0x84000062u
#define FFA_VERSION		    0x84000063u
#define FFA_FEATURES		    0x84000064u
#define FFA_RX_RELEASE		    0x84000065u
#define FFA_RXTX_MAP_32		    0x84000066u
#define FFA_RXTX_MAP_64		    0xc4000066u
#define FFA_RXTX_UNMAP		    0x84000067u
#define FFA_PARTITION_INFO_GET	    0x84000068u
#define FFA_ID_GET		    0x84000069u
#define FFA_MSG_WAIT		    0x8400006bu
#define FFA_YIELD		    0x8400006cu
#define FFA_RUN			    0x8400006du
#define FFA_MSG_SEND_DIRECT_REQ_32  0x8400006fu
#define FFA_MSG_SEND_DIRECT_REQ_64  0xc400006fu
#define FFA_MSG_SEND_DIRECT_RESP_32 0x84000070u
#define FFA_MSG_SEND_DIRECT_RESP_64 0xc4000070u
#define FFA_SPM_ID_GET		    0x84000085u
/* Indirect messaging (FF-A v1.1 §7.2-7.4 RX buffer ownership; the FFA_RX_ACQUIRE and
 * FFA_MSG_SEND2 ABIs). */
#define FFA_RX_ACQUIRE 0x84000084u
#define FFA_MSG_SEND2  0x84000086u
/* FFA_MSG_SEND2 w2: bit 1 delay the schedule receiver interrupt (a partition's only), rest MBZ. */
#define FFA_MSG_SEND2_FLAG_DELAY_SRI (1u << 1)
/* FF-A v1.1 §13.3 / TF-A's SPMD: the SPMC hands a CPU back to the normal world after handling a
 * secure interrupt that stopped it (SPMC -> SPMD only). */
#define FFA_NORMAL_WORLD_RESUME 0x8400007cu

/*
 * Notifications (§10, §13.10-13.16). BIND/UNBIND/SET: w1 = sender << 16 | receiver, w3/w4 the
 * bitmap's low/high words. GET: w1 = vCPU ID << 16 | receiver. BITMAP_CREATE/DESTROY: w1 the VM.
 */
#define FFA_NOTIFICATION_BITMAP_CREATE	0x8400007du
#define FFA_NOTIFICATION_BITMAP_DESTROY 0x8400007eu
#define FFA_NOTIFICATION_BIND		0x8400007fu
#define FFA_NOTIFICATION_UNBIND		0x84000080u
#define FFA_NOTIFICATION_SET		0x84000081u
#define FFA_NOTIFICATION_GET		0x84000082u
#define FFA_NOTIFICATION_INFO_GET_32	0x84000083u
#define FFA_NOTIFICATION_INFO_GET_64	0xc4000083u
#define FFA_NOTIFICATION_COUNT		64u
/* BIND w2 bit 0 and SET w2 bit 0: per-vCPU; SET w2 bit 1: delay the SRI, [31:16] vCPU ID. */
#define FFA_NOTIF_FLAG_PER_VCPU	 (1u << 0)
#define FFA_NOTIF_FLAG_DELAY_SRI (1u << 1)
/* GET w2: which bitmaps (from partitions, from VMs, SPM framework, hypervisor framework). */
#define FFA_NOTIF_GET_SP  (1u << 0)
#define FFA_NOTIF_GET_VM  (1u << 1)
#define FFA_NOTIF_GET_SPM (1u << 2)
#define FFA_NOTIF_GET_HYP (1u << 3)
#define FFA_NOTIF_GET_ALL 0xfu
/* Framework notification "RX buffer full" (FF-A v1.1 §10, framework notifications): bit 0 of
 * the SPM framework bitmap (GET w6, the sender is a partition) or of the hypervisor's (w7, a VM).
 */
#define FFA_NOTIF_FWK_RX_FULL 1u
/* INFO_GET's w2: bit 0 more pending, [11:7] lists, 2 bits from bit 12 per list (vCPU IDs). */
#define FFA_NOTIF_INFO_MORE	   1u
#define FFA_NOTIF_INFO_LISTS_SHIFT 7
#define FFA_NOTIF_INFO_LIST_SHIFT  12

static inline bool ffa_is_notification(uint32_t fid)
{
	return (fid >= FFA_NOTIFICATION_BITMAP_CREATE && fid <= FFA_NOTIFICATION_INFO_GET_32) ||
	       fid == FFA_NOTIFICATION_INFO_GET_64;
}

/* FFA_FEATURES feature IDs (§13.3, table "Feature IDs"): bit 31 clear, IDs below 0x100. */
#define FFA_FEATURE_NPI 0x1u /* Notification pending interrupt */
#define FFA_FEATURE_SRI 0x2u /* Schedule receiver interrupt */
#define FFA_FEATURE_MEI 0x3u /* Managed exit interrupt */

/* FFA_PARTITION_INFO_GET flags (w5, §13.8) and FFA_RXTX_MAP page count (w3[5:0], §13.5). */
#define FFA_PARTITION_INFO_COUNT_ONLY 1u
#define FFA_RXTX_PAGE_COUNT_MASK      0x3fu
#define FFA_PAGE_SIZE		      4096u

/* FFA_VERSION: bit 31 MBZ, major [30:16], minor [15:0] (§13.2). */
#define FFA_VERSION_MAJOR_SHIFT 16
#define FFA_VERSION_1_0		(1u << FFA_VERSION_MAJOR_SHIFT)
#define FFA_VERSION_1_1		((1u << FFA_VERSION_MAJOR_SHIFT) | 1u)
#define FFA_VERSION_COMPILED	FFA_VERSION_1_1

/* Error codes carried in w2 of FFA_ERROR (§7.2, table 7.2). */
enum ffa_error {
	FFA_RET_NOT_SUPPORTED = -1,
	FFA_RET_INVALID_PARAMETERS = -2,
	FFA_RET_NO_MEMORY = -3,
	FFA_RET_BUSY = -4,
	FFA_RET_INTERRUPTED = -5,
	FFA_RET_DENIED = -6,
	FFA_RET_RETRY = -7,
	FFA_RET_ABORTED = -8,
	FFA_RET_NO_DATA = -9,
};

/* Endpoint IDs (§6.1): bit 15 set = secure world; 0 = hypervisor. */
typedef uint16_t ffa_id_t;
#define FFA_ID_SECURE_BIT 0x8000u
#define FFA_ID_HYPERVISOR 0x0000u
#define FFA_ID_SPMC	  0x8000u
#define FFA_ID_SPMD	  0xffffu

static inline int ffa_id_is_secure(ffa_id_t id)
{
	return (id & FFA_ID_SECURE_BIT) != 0;
}

/* A VM's ID: neither the hypervisor's (0) nor a secure endpoint's. */
static inline bool ffa_id_is_vm(ffa_id_t id)
{
	return id != FFA_ID_HYPERVISOR && !ffa_id_is_secure(id);
}

/* w1 of a direct message: sender in [31:16], receiver in [15:0] (§15.2). */
static inline ffa_id_t ffa_msg_sender(uint64_t w1)
{
	return (ffa_id_t)((w1 >> 16) & 0xffffu);
}
static inline ffa_id_t ffa_msg_receiver(uint64_t w1)
{
	return (ffa_id_t)(w1 & 0xffffu);
}
static inline uint64_t ffa_msg_ids(ffa_id_t sender, ffa_id_t receiver)
{
	return ((uint64_t)sender << 16) | receiver;
}

/* Direct message flags in w2: bit 31 framework message (§15.2). */
#define FFA_MSG_FLAG_FRAMEWORK (1u << 31)

/*
 * Framework messages, type in w2 [7:0] (§18.3, VM availability): the hypervisor (ID 0)
 * tells a partition that subscribed (properties bits 6/7) that VM w5 was created or
 * destroyed; the answer is a framework direct response of the next type with w3 = status.
 */
#define FFA_FWK_MSG_TYPE_MASK	  0xffu
#define FFA_FWK_VM_CREATED	  4u
#define FFA_FWK_VM_CREATED_RESP	  5u
#define FFA_FWK_VM_DESTROYED	  6u
#define FFA_FWK_VM_DESTROYED_RESP 7u

/* The eight argument/result registers of an FF-A call (SMCCC 1.1 view). */
struct ffa_value {
	uint64_t x[8];
};

/* Copy x0-x7 (unrolled: a struct assignment or a loop costs a memcpy call or a loop on the hot
 * path). */
/* All loads before the stores: the compiler may pair them (LDP/STP), dst and src may alias. */
static inline void ffa_copy(struct ffa_value *dst, const struct ffa_value *src)
{
	uint64_t x0 = src->x[0], x1 = src->x[1], x2 = src->x[2], x3 = src->x[3];
	uint64_t x4 = src->x[4], x5 = src->x[5], x6 = src->x[6], x7 = src->x[7];

	dst->x[0] = x0;
	dst->x[1] = x1;
	dst->x[2] = x2;
	dst->x[3] = x3;
	dst->x[4] = x4;
	dst->x[5] = x5;
	dst->x[6] = x6;
	dst->x[7] = x7;
}

static inline struct ffa_value ffa_error(int32_t code)
{
	struct ffa_value v = { { FFA_ERROR, 0, (uint64_t)(uint32_t)code, 0, 0, 0, 0, 0 } };
	return v;
}

static inline struct ffa_value ffa_success(uint64_t w2)
{
	struct ffa_value v = { { FFA_SUCCESS_32, 0, w2, 0, 0, 0, 0, 0 } };
	return v;
}

static inline int ffa_is_direct_req(uint64_t fid)
{
	return (uint32_t)fid == FFA_MSG_SEND_DIRECT_REQ_32 ||
	       (uint32_t)fid == FFA_MSG_SEND_DIRECT_REQ_64;
}

static inline int ffa_is_direct_resp(uint64_t fid)
{
	return (uint32_t)fid == FFA_MSG_SEND_DIRECT_RESP_32 ||
	       (uint32_t)fid == FFA_MSG_SEND_DIRECT_RESP_64;
}

/* Partition information descriptor, FF-A v1.1 §6.2.3 table 6.1. */
struct ffa_partition_info {
	uint16_t id;
	uint16_t exec_ctx_count;
	uint32_t properties;
	uint8_t uuid[16];
};
_Static_assert(sizeof(struct ffa_partition_info) == 24, "FF-A v1.1 table 6.1: 24 bytes");
_Static_assert(offsetof(struct ffa_partition_info, properties) == 4, "FF-A v1.1 table 6.1");
_Static_assert(offsetof(struct ffa_partition_info, uuid) == 8, "FF-A v1.1 table 6.1");

/* The v1.0 partition information descriptor (FF-A v1.0 §8.2.3 table 8.25): no UUID. */
struct ffa_partition_info_v1_0 {
	uint16_t id;
	uint16_t exec_ctx_count;
	uint32_t properties;
};
_Static_assert(sizeof(struct ffa_partition_info_v1_0) == 8, "FF-A v1.0 table 8.25: 8 bytes");

/*
 * FFA_VERSION (§13.2.1): the callee answers its own version when the caller's is compatible
 * with it (same major version, minor version not above the callee's), else NOT_SUPPORTED (-1 in
 * w0); bit 31 of the request MBZ (NOT_SUPPORTED too). The FF-A v1.1 ACS (`ffa_version`) asks
 * 0.0, 1.3, 2.1 and 0x80000001 and wants NOT_SUPPORTED for each. A compatible caller then uses
 * its own version, which decides the layout of what the callee writes for it (partition
 * information descriptors); *negotiated is updated only then.
 */
static inline bool ffa_version_compatible(uint32_t requested)
{
	return !(requested & (1u << 31)) &&
	       (requested >> FFA_VERSION_MAJOR_SHIFT) ==
		   (FFA_VERSION_COMPILED >> FFA_VERSION_MAJOR_SHIFT) &&
	       (requested & 0xffffu) <= (FFA_VERSION_COMPILED & 0xffffu);
}

static inline uint64_t ffa_version_answer(uint64_t requested, uint32_t *negotiated)
{
	uint32_t r = (uint32_t)requested;

	if (!ffa_version_compatible(r))
		return (uint64_t)(uint32_t)FFA_RET_NOT_SUPPORTED;
	*negotiated = r;
	return FFA_VERSION_COMPILED;
}

/* Partition properties (§6.2.3 table 6.2). */
#define FFA_PART_PROP_DIRECT_REQ_RECV (1u << 0)
#define FFA_PART_PROP_DIRECT_REQ_SEND (1u << 1)
#define FFA_PART_PROP_INDIRECT_MSG    (1u << 2) /* sends and receives indirect messages */
#define FFA_PART_PROP_VM_CREATED      (1u << 6) /* told when a VM is created */
#define FFA_PART_PROP_VM_DESTROYED    (1u << 7) /* told when a VM is destroyed */
#define FFA_PART_PROP_AARCH64	      (1u << 8)

/*
 * The v1.1 indirect message header at the start of a TX/RX buffer (FF-A v1.1 "partition message
 * header"; Hafnium's struct ffa_partition_rxtx_header, Linux's ffa_indirect_msg_hdr before v1.2):
 * flags and reserved MBZ, the payload at `offset` from the buffer's start (at least the header's
 * size), `ids` = sender << 16 | receiver, `size` bytes of payload.
 */
struct ffa_msg_header {
	uint32_t flags;
	uint32_t reserved;
	uint32_t offset;
	uint32_t ids;
	uint32_t size;
};
#define FFA_MSG_HEADER_SIZE 20u
_Static_assert(sizeof(struct ffa_msg_header) == FFA_MSG_HEADER_SIZE, "v1.1 header: 20 bytes");

/*
 * The endpoint RX/TX descriptor (FF-A v1.1 table 13.27): a hypervisor forwards a VM's
 * FFA_RXTX_MAP to the SPMC with w1 = w2 = 0 and this in its own TX buffer; each offset (from
 * the descriptor's start, 8-byte aligned) leads to a composite memory region descriptor
 * (struct ffa_composite_mem_region, <abi/ffa_mem.h>) of the RX or TX buffer.
 */
struct ffa_endpoint_rxtx_desc {
	uint16_t endpoint_id;
	uint16_t reserved;
	uint32_t rx_offset;
	uint32_t tx_offset;
	uint32_t pad;
};
_Static_assert(sizeof(struct ffa_endpoint_rxtx_desc) == 16, "FF-A v1.1 table 13.27");

#endif /* ABI_FFA_H */
