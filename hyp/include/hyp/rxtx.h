/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * An FF-A endpoint's RX/TX buffer pair as a hypervisor keeps it (FF-A v1.1
 * §7.2.2, §13.5-13.7): registered with FFA_RXTX_MAP inside the endpoint's own
 * memory, RX ownership handed to the endpoint when the hypervisor writes
 * into it and back with FFA_RX_RELEASE. Used by both roles: nshyp for its
 * guests, the SPMC for its partitions. Buffers are reached by physical
 * address (both hypervisors run with an identity stage 1).
 */
#ifndef HYP_RXTX_H
#define HYP_RXTX_H

#include <abi/ffa.h>
#include <config/system.h>
#include <hyp/vm.h>
#include <stdbool.h>
#include <stdint.h>

#define RXTX_MAX_PAGES 4

struct rxtx {
	uint64_t tx_pa; /* 0: no buffers registered */
	uint64_t rx_pa;
	uint32_t pages;
	bool rx_full;	  /* RX holds a message the endpoint has not released yet */
	uint32_t version; /* FF-A version negotiated with FFA_VERSION (0: never asked, v1.1) */
	/*
	 * A VM's own ID (0: the endpoint is a partition). Its nil-UUID discovery lists itself
	 * (FF-A v1.1 §13.8: "all partitions in the system, including the caller").
	 */
	ffa_id_t self_vm;
	/* A VM's: the VMs it may address, listed after it; another may address it (vm_msg.c). */
	const uint16_t *peer_vms;
	unsigned peer_vm_count;
	bool self_receives;
	bool self_indirect; /* it sends or receives indirect messages (properties bit 2) */
};

int32_t rxtx_map(struct rxtx *b, const struct vm *vm, uint64_t tx_ipa, uint64_t rx_ipa,
		 uint32_t pages);
int32_t rxtx_unmap(struct rxtx *b);
int32_t rxtx_release(struct rxtx *b);

/* Does `caller` get to see partition `sp` in discovery? */
typedef bool (*partition_visible_fn)(const struct sys_sp *sp, const void *caller);

/*
 * FFA_PARTITION_INFO_GET: the partitions of `sps` matching the UUID in w1-w4
 * (nil = all) that `caller` may see; descriptors go into b's RX unless the
 * count-only flag is set. Returns the FF-A result to give the caller.
 */
struct ffa_value ffa_partition_info_get(struct rxtx *b, const struct ffa_value *req,
					const struct sys_sp *sps, unsigned count,
					partition_visible_fn visible, const void *caller);

/* Map/unmap/release/info-get for endpoint `b` of `vm`: the common FF-A buffer ABIs. */
bool rxtx_handle_call(struct rxtx *b, const struct vm *vm, struct ffa_value *m,
		      const struct sys_sp *sps, unsigned count, partition_visible_fn visible,
		      const void *caller);

/*
 * FFA_MSG_SEND2 (FF-A v1.1 indirect messaging), both roles. rxtx_msg_header(): `sender`'s header
 * from its TX into *h, checked (flags and reserved 0, the sender is `sender`, the receiver not,
 * offset at least the header's size, offset + size inside the TX); 0 or the FF-A error (DENIED
 * without a TX, INVALID_PARAMETERS). rxtx_msg_deliver(): header and payload into `to`'s RX if
 * the producer owns it (mapped, released: else BUSY) and they fit (else INVALID_PARAMETERS);
 * RX is then the receiver's until FFA_RX_RELEASE. The caller applies its policy in between.
 */
int32_t rxtx_msg_header(const struct rxtx *from, ffa_id_t sender, struct ffa_msg_header *h);
int32_t rxtx_msg_deliver(struct rxtx *to, const struct rxtx *from, const struct ffa_msg_header *h);

#endif /* HYP_RXTX_H */
