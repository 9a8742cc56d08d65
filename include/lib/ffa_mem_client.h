/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The endpoint side of FF-A v1.1 memory management, for anything that runs
 * at EL1 and talks FF-A through SMC (test guests, libteec's transport, the
 * trusted OS): build the transaction descriptor in the caller's TX buffer,
 * make the call, fragment descriptors larger than the buffer (FFA_MEM_FRAG_TX)
 * and reassemble retrieve responses larger than it (FFA_MEM_FRAG_RX).
 * Every function returns 0 or a negative FF-A error code (FFA_RET_*).
 *
 * Addresses are the caller's own: a guest names its IPAs (nshyp translates
 * them); a partition gets back, in a retrieve response, the addresses at
 * which the SPMC mapped the memory in its own IPA space: IPA == PA, in the
 * non-secure IPA space when `ns` is set (map them with stage-1 NS=1), in
 * the secure IPA space otherwise (docs/abi/ffa-memory.md).
 */
#ifndef LIB_FFA_MEM_CLIENT_H
#define LIB_FFA_MEM_CLIENT_H

#include <abi/ffa.h>
#include <abi/ffa_mem.h>
#include <stdbool.h>
#include <stdint.h>

#define FFA_MEM_CLIENT_MAX_RANGES 16

/* The caller's RX/TX pair, already registered with FFA_RXTX_MAP. */
struct ffa_mem_buffers {
	void *tx;
	void *rx;
	uint32_t size; /* bytes in each buffer (a multiple of 4096) */
};

/* `pages` 4 KiB pages at `addr`. */
struct ffa_mem_range {
	uint64_t addr;
	uint32_t pages;
};

/* One borrower and the access it is given: FFA_MEM_DATA_* | FFA_MEM_INSTR_*. */
struct ffa_mem_grant {
	ffa_id_t id;
	uint8_t perms;
};

/* What a successful retrieve gave the borrower. */
struct ffa_mem_retrieved {
	uint32_t range_count;
	struct ffa_mem_range ranges[FFA_MEM_CLIENT_MAX_RANGES];
	uint8_t perms;	/* what was granted, as the response says */
	bool ns;	/* memory attributes bit 6: map it in the non-secure IPA space */
	uint32_t flags; /* the response's flags: transaction type, bit 0 if it was zeroed */
};

/*
 * FFA_MEM_SHARE/LEND/DONATE (`fid`, 32-bit ID) of `ranges` from `self` to
 * `grants`, with memory `attributes` (FFA_MEM_ATTR_NORMAL_WB_INNER for a SHARE
 * or a LEND to several borrowers, 0 otherwise: the borrower chooses), `flags`
 * (FFA_MEM_FLAG_ZERO for LEND/DONATE), `tag`. A descriptor larger than
 * `frag_max` bytes (or than the TX buffer) is sent in fragments of at most
 * that size. On success *handle is the transaction's handle.
 */
int32_t ffa_mem_send(uint32_t fid, const struct ffa_mem_buffers *buf, ffa_id_t self,
		     const struct ffa_mem_grant *grants, uint32_t grant_count,
		     const struct ffa_mem_range *ranges, uint32_t range_count, uint16_t attributes,
		     uint32_t flags, uint64_t tag, uint32_t frag_max, uint64_t *handle);

/*
 * Lay out a DONATE/LEND/SHARE descriptor (v1.1: header, access descriptors,
 * composite, constituents) at `d`; returns its length, or 0 if it would
 * exceed `max` bytes or a count is 0.
 * No call is made (nshyp uses it to forward a guest's request with PAs).
 */
uint32_t ffa_mem_desc_build(uint8_t *d, uint32_t max, ffa_id_t self,
			    const struct ffa_mem_grant *grants, uint32_t grant_count,
			    const struct ffa_mem_range *ranges, uint32_t range_count,
			    uint16_t attributes, uint32_t flags, uint64_t tag);

/* FFA_MEM_RECLAIM of `handle`; `flags` bit 0 asks for the memory to be zeroed. */
int32_t ffa_mem_reclaim(uint64_t handle, uint32_t flags);

/*
 * FFA_MEM_RETRIEVE_REQ of `handle` (lent by `sender`) for `self` with
 * `perms`; `flags` carries the transaction type (FFA_MEM_FLAG_TYPE_*, 0 =
 * any) and FFA_MEM_FLAG_ZERO. Reads the response out of RX (following
 * FFA_MEM_FRAG_RX when it is fragmented) and releases RX.
 */
int32_t ffa_mem_retrieve(const struct ffa_mem_buffers *buf, ffa_id_t self, ffa_id_t sender,
			 uint64_t handle, uint8_t perms, uint32_t flags,
			 struct ffa_mem_retrieved *out);

/* FFA_MEM_RELINQUISH of `handle` by `self`; `flags` bit 0 zeroes the memory. */
int32_t ffa_mem_relinquish(const struct ffa_mem_buffers *buf, ffa_id_t self, uint64_t handle,
			   uint32_t flags);

/* FFA_RXTX_MAP_64 of one buffer pair (`pages` 4 KiB pages each); FFA_RX_RELEASE. */
int32_t ffa_rxtx_map(const struct ffa_mem_buffers *buf);
int32_t ffa_rx_release(void);

#endif /* LIB_FFA_MEM_CLIENT_H */
