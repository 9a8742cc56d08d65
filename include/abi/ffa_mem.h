/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FF-A v1.1 memory management ABI (DEN0077A v1.1 EAC0): the function IDs of
 * the FFA_MEM_* calls (table 13.1), the memory transaction descriptors as
 * they lie in a TX/RX buffer (§10.10 and §10.11; layout summary in the shared
 * reference abi.md §3.4), the relinquish descriptor (FFA_MEM_RELINQUISH,
 * chapter 16) and the bit fields of permissions, attributes, flags and
 * handles. Layout only: the validation is hyp/core/mem_share.c.
 */
#ifndef ABI_FFA_MEM_H
#define ABI_FFA_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FFA_MEM_DONATE_32	0x84000071u
#define FFA_MEM_DONATE_64	0xc4000071u
#define FFA_MEM_LEND_32		0x84000072u
#define FFA_MEM_LEND_64		0xc4000072u
#define FFA_MEM_SHARE_32	0x84000073u
#define FFA_MEM_SHARE_64	0xc4000073u
#define FFA_MEM_RETRIEVE_REQ_32 0x84000074u
#define FFA_MEM_RETRIEVE_REQ_64 0xc4000074u
#define FFA_MEM_RETRIEVE_RESP	0x84000075u
#define FFA_MEM_RELINQUISH	0x84000076u
#define FFA_MEM_RECLAIM		0x84000077u
#define FFA_MEM_FRAG_RX		0x8400007au
#define FFA_MEM_FRAG_TX		0x8400007bu

/*
 * FFA_FEATURES(FFA_MEM_RETRIEVE_REQ) w2, input and output (v1.1 §13.3, table 13.13): bit 1, the
 * NS bit of the memory region attributes is handled (by the caller) / used (by the callee).
 */
#define FFA_FEATURES_RETRIEVE_NS_BIT (1u << 1)

/* FFA_MEM_DONATE/LEND/SHARE in either width: the calls that start a transaction. */
static inline bool ffa_mem_is_send(uint32_t fid)
{
	switch (fid) {
	case FFA_MEM_DONATE_32:
	case FFA_MEM_DONATE_64:
	case FFA_MEM_LEND_32:
	case FFA_MEM_LEND_64:
	case FFA_MEM_SHARE_32:
	case FFA_MEM_SHARE_64:
		return true;
	default:
		return false;
	}
}

/*
 * Memory region (transaction) descriptor, §10.10 (v1.1 layout): used by
 * DONATE, LEND, SHARE, RETRIEVE_REQ and RETRIEVE_RESP. Followed, at
 * ep_mem_access_offset, by ep_count endpoint memory access descriptors of
 * ep_mem_access_size bytes each (16 in v1.1, 32 in v1.2).
 */
struct ffa_mem_region {
	uint16_t sender_id;	       /* owner/lender */
	uint16_t attributes;	       /* FFA_MEM_ATTR_* */
	uint32_t flags;		       /* FFA_MEM_FLAG_* */
	uint64_t handle;	       /* 0 in DONATE/LEND/SHARE */
	uint64_t tag;		       /* opaque, chosen by the sender */
	uint32_t ep_mem_access_size;   /* v1.0: reserved */
	uint32_t ep_count;	       /* number of borrowers */
	uint32_t ep_mem_access_offset; /* from the start of this descriptor; v1.0: reserved */
	uint8_t reserved[12];
};
_Static_assert(sizeof(struct ffa_mem_region) == 48, "FF-A v1.1 §10.10: 48 bytes");
_Static_assert(offsetof(struct ffa_mem_region, attributes) == 2, "FF-A v1.1 §10.10");
_Static_assert(offsetof(struct ffa_mem_region, flags) == 4, "FF-A v1.1 §10.10");
_Static_assert(offsetof(struct ffa_mem_region, handle) == 8, "FF-A v1.1 §10.10");
_Static_assert(offsetof(struct ffa_mem_region, tag) == 16, "FF-A v1.1 §10.10");
_Static_assert(offsetof(struct ffa_mem_region, ep_mem_access_size) == 24, "FF-A v1.1 §10.10");
_Static_assert(offsetof(struct ffa_mem_region, ep_count) == 28, "FF-A v1.1 §10.10");
_Static_assert(offsetof(struct ffa_mem_region, ep_mem_access_offset) == 32, "FF-A v1.1 §10.10");
_Static_assert(offsetof(struct ffa_mem_region, reserved) == 36, "FF-A v1.1 §10.10");
/*
 * The FF-A v1.0 header (v1.0 Table 5.19) is the first 32 bytes of the v1.1 one with attributes
 * one byte (then a reserved byte) and a reserved word at offset 24 (v1.1's ep_mem_access_size);
 * the access descriptors (16 bytes each, as in v1.1) start right after it.
 */
#define FFA_MEM_REGION_V1_0_SIZE 32u
_Static_assert(offsetof(struct ffa_mem_region, ep_mem_access_offset) == FFA_MEM_REGION_V1_0_SIZE,
	       "FF-A v1.0 Table 5.19: the v1.0 header ends where v1.1 adds its offset field");

/* Endpoint memory access descriptor, §10.10/§10.11 (v1.1: 16 bytes). */
struct ffa_mem_access {
	uint16_t receiver_id;
	uint8_t permissions;	   /* FFA_MEM_DATA_* | FFA_MEM_INSTR_* */
	uint8_t flags;		   /* FFA_MEM_ACCESS_FLAG_* */
	uint32_t composite_offset; /* from the descriptor's start; 0 in a retrieve request */
	uint64_t reserved;
};
_Static_assert(sizeof(struct ffa_mem_access) == 16, "FF-A v1.1 §10.10: 16 bytes");
_Static_assert(offsetof(struct ffa_mem_access, permissions) == 2, "FF-A v1.1 §10.11");
_Static_assert(offsetof(struct ffa_mem_access, flags) == 3, "FF-A v1.1 §10.10");
_Static_assert(offsetof(struct ffa_mem_access, composite_offset) == 4, "FF-A v1.1 §10.10");
_Static_assert(offsetof(struct ffa_mem_access, reserved) == 8, "FF-A v1.1 §10.10");
#define FFA_MEM_ACCESS_SIZE_V1_1 16u

/* Composite memory region descriptor, §10.10: followed by constituent_count constituents. */
struct ffa_composite_mem_region {
	uint32_t page_count; /* total, in 4 KiB pages */
	uint32_t constituent_count;
	uint64_t reserved;
};
_Static_assert(sizeof(struct ffa_composite_mem_region) == 16, "FF-A v1.1 §10.10: 16 bytes");
_Static_assert(offsetof(struct ffa_composite_mem_region, constituent_count) == 4,
	       "FF-A v1.1 §10.10");
_Static_assert(offsetof(struct ffa_composite_mem_region, reserved) == 8, "FF-A v1.1 §10.10");

/* Constituent memory region descriptor, §10.10. */
struct ffa_mem_constituent {
	uint64_t address; /* 4 KiB aligned */
	uint32_t page_count;
	uint32_t reserved;
};
_Static_assert(sizeof(struct ffa_mem_constituent) == 16, "FF-A v1.1 §10.10: 16 bytes");
_Static_assert(offsetof(struct ffa_mem_constituent, page_count) == 8, "FF-A v1.1 §10.10");
_Static_assert(offsetof(struct ffa_mem_constituent, reserved) == 12, "FF-A v1.1 §10.10");

/* Descriptor of FFA_MEM_RELINQUISH, in the caller's TX buffer (chapter 16). */
struct ffa_mem_relinquish {
	uint64_t handle;
	uint32_t flags; /* FFA_MEM_RELINQUISH_* */
	uint32_t endpoint_count;
	uint16_t endpoints[];
};
_Static_assert(sizeof(struct ffa_mem_relinquish) == 16, "FF-A v1.1 FFA_MEM_RELINQUISH: 16 bytes");
_Static_assert(offsetof(struct ffa_mem_relinquish, flags) == 8, "FF-A v1.1 FFA_MEM_RELINQUISH");
_Static_assert(offsetof(struct ffa_mem_relinquish, endpoint_count) == 12,
	       "FF-A v1.1 FFA_MEM_RELINQUISH");
_Static_assert(offsetof(struct ffa_mem_relinquish, endpoints) == 16,
	       "FF-A v1.1 FFA_MEM_RELINQUISH");

/* Memory access permissions, §10.11.1: data access [1:0], instruction access [3:2], [7:4] MBZ. */
#define FFA_MEM_DATA_MASK	    0x3u
#define FFA_MEM_DATA_NOT_SPECIFIED  0x0u
#define FFA_MEM_DATA_RO		    0x1u
#define FFA_MEM_DATA_RW		    0x2u
#define FFA_MEM_DATA_RESERVED	    0x3u
#define FFA_MEM_INSTR_MASK	    (0x3u << 2)
#define FFA_MEM_INSTR_NOT_SPECIFIED (0x0u << 2)
#define FFA_MEM_INSTR_NX	    (0x1u << 2)
#define FFA_MEM_INSTR_X		    (0x2u << 2)
#define FFA_MEM_INSTR_RESERVED	    (0x3u << 2)
#define FFA_MEM_PERM_MBZ	    0xf0u

/*
 * Memory region attributes, §10.10.4 (table 10.18): shareability [1:0],
 * cacheability (normal) or device type [3:2], memory type [5:4], NS [6]
 * (retrieve response only), [15:7] MBZ.
 */
#define FFA_MEM_ATTR_SHARE_MASK	     0x3u
#define FFA_MEM_ATTR_NON_SHAREABLE   0x0u
#define FFA_MEM_ATTR_SHARE_RESERVED  0x1u
#define FFA_MEM_ATTR_OUTER_SHAREABLE 0x2u
#define FFA_MEM_ATTR_INNER_SHAREABLE 0x3u
#define FFA_MEM_ATTR_CACHE_MASK	     (0x3u << 2)
#define FFA_MEM_ATTR_NON_CACHEABLE   (0x1u << 2)
#define FFA_MEM_ATTR_WRITE_BACK	     (0x3u << 2)
#define FFA_MEM_ATTR_TYPE_MASK	     (0x3u << 4)
#define FFA_MEM_ATTR_NOT_SPECIFIED   (0x0u << 4)
#define FFA_MEM_ATTR_DEVICE	     (0x1u << 4)
#define FFA_MEM_ATTR_NORMAL	     (0x2u << 4)
#define FFA_MEM_ATTR_TYPE_RESERVED   (0x3u << 4)
#define FFA_MEM_ATTR_NS		     (0x1u << 6)
#define FFA_MEM_ATTR_MBZ	     0xff80u
#define FFA_MEM_ATTR_NORMAL_WB_INNER                                                               \
	(FFA_MEM_ATTR_NORMAL | FFA_MEM_ATTR_WRITE_BACK | FFA_MEM_ATTR_INNER_SHAREABLE)

/*
 * Flags, §10.10 (tables of flag usage per ABI). DONATE/LEND/SHARE: bit 0
 * zero the memory (not for SHARE), bit 1 operation time slicing.
 * RETRIEVE_REQ: bit 0 zero before retrieval, bit 1 time slicing, bit 2 zero
 * after relinquish, [4:3] transaction type, [8:5] address range alignment
 * hint, bit 9 hint valid.
 */
#define FFA_MEM_FLAG_ZERO		   (1u << 0)
#define FFA_MEM_FLAG_TIME_SLICE		   (1u << 1)
#define FFA_MEM_FLAG_ZERO_AFTER_RELINQUISH (1u << 2)
#define FFA_MEM_FLAG_TYPE_SHIFT		   3
#define FFA_MEM_FLAG_TYPE_MASK		   (0x3u << FFA_MEM_FLAG_TYPE_SHIFT)
#define FFA_MEM_FLAG_TYPE_UNSPECIFIED	   (0x0u << FFA_MEM_FLAG_TYPE_SHIFT)
#define FFA_MEM_FLAG_TYPE_SHARE		   (0x1u << FFA_MEM_FLAG_TYPE_SHIFT)
#define FFA_MEM_FLAG_TYPE_LEND		   (0x2u << FFA_MEM_FLAG_TYPE_SHIFT)
#define FFA_MEM_FLAG_TYPE_DONATE	   (0x3u << FFA_MEM_FLAG_TYPE_SHIFT)
#define FFA_MEM_FLAG_ALIGN_HINT_MASK	   (0xfu << 5)
#define FFA_MEM_FLAG_ALIGN_HINT_VALID	   (1u << 9)

/* Endpoint memory access descriptor flags: bit 0 non-retrieval borrower. */
#define FFA_MEM_ACCESS_FLAG_NON_RETRIEVAL (1u << 0)

/* FFA_MEM_RELINQUISH flags: bit 0 zero after relinquish, bit 1 time slicing. */
#define FFA_MEM_RELINQUISH_ZERO	      (1u << 0)
#define FFA_MEM_RELINQUISH_TIME_SLICE (1u << 1)

/* FFA_MEM_RECLAIM flags (w3): bit 0 zero before reclaim, bit 1 time slicing. */
#define FFA_MEM_RECLAIM_ZERO	   (1u << 0)
#define FFA_MEM_RECLAIM_TIME_SLICE (1u << 1)

/* Memory handle (§10.10): bit 63 = which component allocated it, 0 SPMC, 1 hypervisor. */
#define FFA_MEM_HANDLE_ALLOCATOR_HYP (1ull << 63)
#define FFA_MEM_HANDLE_INVALID	     0xffffffffffffffffull

#endif /* ABI_FFA_MEM_H */
