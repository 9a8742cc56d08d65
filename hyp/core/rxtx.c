// SPDX-License-Identifier: BSD-3-Clause
/*
 * RX/TX buffers and partition discovery, shared by both hypervisor roles
 * (see <hyp/rxtx.h>). Every address comes from a less privileged endpoint
 * and is checked against that endpoint's own stage 2 before it is used.
 */
#include <abi/ffa_rules.h>
#include <arch/sysreg.h>
#include <hyp/rxtx.h>
#include <lib/string.h>

/* The PA of `pages` pages at `ipa`, if all are mapped read-write and physically contiguous. */
static bool buffer_pa(const struct vm *vm, uint64_t ipa, uint32_t pages, uint64_t *pa)
{
	for (uint32_t i = 0; i < pages; i++) {
		uint64_t p;
		unsigned attr;

		if (!s2_lookup(&vm->s2, ipa + (uint64_t)i * FFA_PAGE_SIZE, &p, &attr) ||
		    (attr & (S2_RW | S2_DEVICE)) != S2_RW)
			return false;
		if (i == 0)
			*pa = p;
		else if (p != *pa + (uint64_t)i * FFA_PAGE_SIZE)
			return false;
	}
	return true;
}

int32_t rxtx_map(struct rxtx *b, const struct vm *vm, uint64_t tx_ipa, uint64_t rx_ipa,
		 uint32_t pages)
{
	uint64_t tx_pa, rx_pa, len = (uint64_t)pages * FFA_PAGE_SIZE;

	if (b->tx_pa)
		return FFA_RET_DENIED;
	if (pages == 0 || pages > RXTX_MAX_PAGES || (tx_ipa | rx_ipa) % FFA_PAGE_SIZE != 0)
		return FFA_RET_INVALID_PARAMETERS;
	if (tx_ipa < rx_ipa + len && rx_ipa < tx_ipa + len)
		return FFA_RET_INVALID_PARAMETERS;
	if (!buffer_pa(vm, tx_ipa, pages, &tx_pa) || !buffer_pa(vm, rx_ipa, pages, &rx_pa))
		return FFA_RET_INVALID_PARAMETERS;
	b->tx_pa = tx_pa;
	b->rx_pa = rx_pa;
	b->pages = pages;
	b->rx_full = false;
	return 0;
}

int32_t rxtx_unmap(struct rxtx *b)
{
	if (!b->tx_pa)
		return FFA_RET_INVALID_PARAMETERS;
	b->tx_pa = b->rx_pa = 0;
	b->pages = 0;
	b->rx_full = false;
	return 0;
}

int32_t rxtx_release(struct rxtx *b)
{
	if (!b->tx_pa || !b->rx_full)
		return FFA_RET_DENIED;
	b->rx_full = false;
	return 0;
}

/* UUID in w1-w4, each register holding four bytes in little-endian order. */
static void uuid_from_regs(const struct ffa_value *req, uint8_t uuid[16])
{
	for (int i = 0; i < 16; i++)
		uuid[i] = (uint8_t)(req->x[1 + i / 4] >> (8 * (i % 4)));
}

static bool uuid_matches(const uint8_t want[16], const uint8_t have[16])
{
	static const uint8_t nil[16];

	return memcmp(want, nil, 16) == 0 || memcmp(want, have, 16) == 0;
}

/* A VM's properties in discovery: it sends direct requests; AArch64 (v1.1 only); bits 0 and 2
 * (takes requests, indirect messages) where a binding allows it, always for the caller's peers. */
#define VM_PROPERTIES_V1_0 FFA_PART_PROP_DIRECT_REQ_SEND
#define VM_PROPERTIES_V1_1 (FFA_PART_PROP_DIRECT_REQ_SEND | FFA_PART_PROP_AARCH64)

/* Descriptor `index` (of `size` bytes) into the RX buffer; false if it does not fit. */
static bool put_info(const struct rxtx *b, uint32_t index, uint32_t size,
		     const struct ffa_partition_info *d)
{
	if ((index + 1) * size > b->pages * FFA_PAGE_SIZE)
		return false;
	/* The v1.0 descriptor is the v1.1 one without its UUID. */
	memcpy((void *)(uintptr_t)(b->rx_pa + index * size), d, size);
	return true;
}

struct ffa_value ffa_partition_info_get(struct rxtx *b, const struct ffa_value *req,
					const struct sys_sp *sps, unsigned count,
					partition_visible_fn visible, const void *caller)
{
	bool count_only = (req->x[5] & FFA_PARTITION_INFO_COUNT_ONLY) != 0;
	/* A caller that negotiated v1.0 gets v1.0 descriptors (no UUID) and w3 = 0. */
	bool v1_0 = b->version == FFA_VERSION_1_0;
	uint32_t size =
	    v1_0 ? sizeof(struct ffa_partition_info_v1_0) : sizeof(struct ffa_partition_info);
	static const uint8_t nil[16];
	uint8_t uuid[16];
	uint32_t found = 0;
	struct ffa_value ok;

	if (!ffa_partition_info_flags_ok(req->x[5]))
		return ffa_error(FFA_RET_INVALID_PARAMETERS);
	if (!count_only && (!b->tx_pa || b->rx_full))
		return ffa_error(FFA_RET_BUSY);
	uuid_from_regs(req, uuid);
	/* A VM (nil UUID, one vCPU) is in its own view, then the VMs it may address (RECV). */
	if (b->self_vm && memcmp(uuid, nil, sizeof(nil)) == 0) {
		struct ffa_partition_info d = { .exec_ctx_count = 1 };

		for (unsigned i = 0; i <= b->peer_vm_count; i++, found++) {
			d.id = i ? b->peer_vms[i - 1] : b->self_vm;
			d.properties =
			    (v1_0 ? VM_PROPERTIES_V1_0 : VM_PROPERTIES_V1_1) |
			    ((i || b->self_receives) ? FFA_PART_PROP_DIRECT_REQ_RECV : 0) |
			    ((i || b->self_indirect) ? FFA_PART_PROP_INDIRECT_MSG : 0);
			if (!count_only && !put_info(b, found, size, &d))
				return ffa_error(FFA_RET_NO_MEMORY);
		}
	}
	for (unsigned i = 0; i < count; i++) {
		struct ffa_partition_info d;

		if (!uuid_matches(uuid, sps[i].uuid) || !visible(&sps[i], caller))
			continue;
		d.id = sps[i].ffa_id;
		d.exec_ctx_count = 1;
		d.properties = sps[i].properties;
		memcpy(d.uuid, sps[i].uuid, sizeof(d.uuid));
		if (!count_only && !put_info(b, found, size, &d))
			return ffa_error(FFA_RET_NO_MEMORY);
		found++;
	}
	if (found == 0)
		return ffa_error(FFA_RET_INVALID_PARAMETERS);
	if (!count_only) {
		/* A reader with its caches off reads memory (docs/architecture.md, Cache rules). */
		arch_dcache_clean_inval((const void *)(uintptr_t)b->rx_pa, found * size);
		b->rx_full = true;
	}
	ok = ffa_success(found);
	ok.x[3] = count_only || v1_0 ? 0 : size;
	return ok;
}

static void set_status(struct ffa_value *m, int32_t rc)
{
	*m = rc ? ffa_error(rc) : ffa_success(0);
}

bool rxtx_handle_call(struct rxtx *b, const struct vm *vm, struct ffa_value *m,
		      const struct sys_sp *sps, unsigned count, partition_visible_fn visible,
		      const void *caller)
{
	switch ((uint32_t)m->x[0]) {
	case FFA_RXTX_MAP_32:
	case FFA_RXTX_MAP_64: {
		uint32_t pages = ffa_rxtx_map_pages(m); /* 0 if an MBZ field is set */

		set_status(m, rxtx_map(b, vm, m->x[1], m->x[2], pages));
		return true;
	}
	case FFA_RXTX_UNMAP:
		set_status(m, ffa_rxtx_unmap_args_ok(m->x[1], vm->id) ? rxtx_unmap(b)
								      : FFA_RET_INVALID_PARAMETERS);
		return true;
	case FFA_RX_RELEASE:
		set_status(m, ffa_rx_release_args_ok(m->x[1]) ? rxtx_release(b)
							      : FFA_RET_INVALID_PARAMETERS);
		return true;
	case FFA_PARTITION_INFO_GET:
		*m = ffa_partition_info_get(b, m, sps, count, visible, caller);
		return true;
	default:
		return false;
	}
}

/* ---- Indirect messages (FF-A v1.1 §7.2-7.4; docs/abi/ffa.md "Indirect messages") ---- */

static uint64_t buffer_bytes(const struct rxtx *b)
{
	return (uint64_t)b->pages * FFA_PAGE_SIZE;
}

int32_t rxtx_msg_header(const struct rxtx *from, ffa_id_t sender, struct ffa_msg_header *h)
{
	const void *tx = (const void *)(uintptr_t)from->tx_pa;

	if (!from->tx_pa)
		return FFA_RET_DENIED; /* no TX to send from (Hafnium: DENIED) */
	/* One copy, checked and then used: the sender cannot change what was checked. */
	arch_dcache_clean_inval(tx, sizeof(*h)); /* written with caches off? */
	memcpy(h, tx, sizeof(*h));
	/* The header's MBZ fields, the sender is the caller, not to itself, and the payload after
	 * the header and inside the sender's TX (64-bit sum: no overflow). */
	if (h->flags || h->reserved || ffa_msg_sender(h->ids) != sender ||
	    ffa_msg_receiver(h->ids) == sender || h->offset < FFA_MSG_HEADER_SIZE ||
	    (uint64_t)h->offset + h->size > buffer_bytes(from))
		return FFA_RET_INVALID_PARAMETERS;
	return 0;
}

int32_t rxtx_msg_deliver(struct rxtx *to, const struct rxtx *from, const struct ffa_msg_header *h)
{
	uint64_t end = (uint64_t)h->offset + h->size;
	uint8_t *rx = (uint8_t *)(uintptr_t)to->rx_pa;
	const uint8_t *tx = (const uint8_t *)(uintptr_t)from->tx_pa;

	/* The producer owns RX only while it is mapped and released (§7.2-7.4). */
	if (!to->tx_pa || to->rx_full)
		return FFA_RET_BUSY;
	if (end > buffer_bytes(to))
		return FFA_RET_INVALID_PARAMETERS;
	arch_dcache_clean_inval(tx + FFA_MSG_HEADER_SIZE, end - FFA_MSG_HEADER_SIZE);
	memcpy(rx, h, sizeof(*h));
	memcpy(rx + FFA_MSG_HEADER_SIZE, tx + FFA_MSG_HEADER_SIZE, end - FFA_MSG_HEADER_SIZE);
	arch_dcache_clean_inval(rx, end); /* read with caches off? */
	to->rx_full = true;		  /* the receiver's until its FFA_RX_RELEASE */
	return 0;
}
