// SPDX-License-Identifier: BSD-3-Clause
/*
 * FF-A v1.1 indirect messages at the SPMC (DEN0077A §7.2-7.4, RX buffer ownership; the
 * FFA_MSG_SEND2, FFA_RX_ACQUIRE and forwarded FFA_RXTX_MAP/UNMAP/RX_RELEASE ABIs; expected
 * errors as Hafnium's api_ffa_msg_send2(), api_ffa_rx_acquire(), api_ffa_rx_release()).
 *
 * Endpoints: the partitions with properties bit 2 (their own buffer pairs), and the VMs whose
 * hypervisor forwarded their FFA_RXTX_MAP (the endpoint RX/TX descriptor, table 13.27, in the
 * hypervisor's TX; PAs of NS memory). A message goes from the sender's TX into the receiver's
 * RX (hyp/core/rxtx.c checks the header and ownership): partition to partition (both with bit
 * 2: there is no binding policy between partitions, as for their direct requests), partition to
 * VM and VM to partition (the binding policy allows the pair, and the partition has bit 2).
 * VM to VM is the hypervisor's own. The receiver owns its RX until FFA_RX_RELEASE (a VM's, as
 * its hypervisor forwards it) and is told by the framework notification "RX buffer full",
 * bit 0 of the SPM framework bitmap (GET w6) when a partition sent, of the hypervisor's (w7)
 * when a VM did: notif_spmc.c keeps it, raises the partition's NPI or sends the SRI for a VM
 * (with FFA_MSG_SEND2's "delay SRI" flag, after the partition's run), and INFO_GET lists it. A VM's
 * RX has a third owner: its hypervisor, between FFA_RX_ACQUIRE and the forwarded release, when it
 * writes the RX itself. Nothing blocks: the sender runs on. Nothing here runs on the direct-message
 * path.
 */
#include <abi/ffa_mem.h>
#include <abi/ffa_rules.h>
#include <arch/sysreg.h>
#include <string.h>

#include "msg_spmc.h"
#include "notif_spmc.h"
#include "spmc.h"

/* A VM's buffer pair, registered by its hypervisor. */
struct vm_bufs {
	ffa_id_t id;	  /* 0: a free slot */
	bool acquired;	  /* its hypervisor holds the RX (FFA_RX_ACQUIRE until RX_RELEASE) */
	struct rxtx rxtx; /* rx_full: a message the VM has not released */
};
static struct vm_bufs vm_bufs[SYS_MAX_VMS];

void spmc_msg_init(void)
{
	memset(vm_bufs, 0, sizeof(vm_bufs));
}

static struct vm_bufs *vm_slot(ffa_id_t id)
{
	for (unsigned i = 0; i < SYS_MAX_VMS; i++)
		if (vm_bufs[i].id == id)
			return &vm_bufs[i];
	return 0;
}

static bool sends_indirect(const struct sp *sp)
{
	return (sp->cfg->properties & FFA_PART_PROP_INDIRECT_MSG) != 0;
}

bool spmc_msg_supported(uint32_t fid, const struct sp *sp)
{
	/* The normal world: its hypervisor forwards its VMs' messages and acquires their RX. */
	if (fid == FFA_MSG_SEND2)
		return !sp || sends_indirect(sp);
	return fid == FFA_RX_ACQUIRE && !sp;
}

static struct ffa_value status(int32_t rc)
{
	return rc ? ffa_error(rc) : ffa_success(0);
}

/* ---- sending ----------------------------------------------------------------------------- */

/* To partition `to` from endpoint `sender` (a partition, or a VM the policy lets call it); its
 * NPI is raised (notif_spmc.c). */
static int32_t to_partition(struct sp *to, ffa_id_t sender, const struct rxtx *from,
			    const struct ffa_msg_header *h)
{
	int32_t rc;

	if (!sends_indirect(to) || (ffa_id_is_vm(sender) && !idset_has(&to->allowed_vms, sender)))
		return FFA_RET_DENIED;
	if (to->vm.vcpus[0].state == VCPU_ABORTED)
		return FFA_RET_ABORTED;
	rc = rxtx_msg_deliver(&to->rxtx, from, h);
	if (!rc)
		spmc_notif_fwk_rx_full(sender, to->vm.id, false);
	return rc;
}

/* To VM `vm` from partition `from`: the binding policy first, so that a partition the policy
 * keeps from a VM does not learn whether that VM has buffers. The normal world gets the SRI,
 * after `from`'s run with `delay_sri` (notif_spmc.c). */
static int32_t to_vm(struct sp *from, ffa_id_t vm, const struct ffa_msg_header *h, bool delay_sri)
{
	struct vm_bufs *b;
	int32_t rc;

	if (!idset_has(&from->allowed_vms, vm))
		return FFA_RET_DENIED;
	b = vm_slot(vm);
	if (!b)
		return FFA_RET_INVALID_PARAMETERS; /* no buffers forwarded (Hafnium: not found) */
	if (b->acquired)
		return FFA_RET_BUSY; /* its hypervisor writes it */
	rc = rxtx_msg_deliver(&b->rxtx, &from->rxtx, h);
	if (!rc)
		spmc_notif_fwk_rx_full(from->vm.id, vm, delay_sri);
	return rc;
}

/*
 * FFA_MSG_SEND2 from partition `from`: w1 MBZ (a sender VM ID only a hypervisor forwards), w2
 * flags: bit 1 delay SRI (to a VM: the SRI when the normal world runs again, as SET's flag), the
 * rest MBZ. Then, in Hafnium's
 * order: the header (INVALID_PARAMETERS; DENIED without a TX), the sender takes part (DENIED),
 * the receiver exists (INVALID_PARAMETERS), may be addressed (DENIED), is alive (ABORTED), its RX
 * is free (BUSY) and large enough (INVALID_PARAMETERS).
 */
static int32_t sp_send2(struct sp *from, const struct ffa_value *m)
{
	struct ffa_msg_header h;
	ffa_id_t rcv;
	struct sp *to;
	int32_t rc;

	if (m->x[1] != 0 || (m->x[2] & ~(uint64_t)FFA_MSG_SEND2_FLAG_DELAY_SRI))
		return FFA_RET_INVALID_PARAMETERS;
	rc = rxtx_msg_header(&from->rxtx, from->vm.id, &h);
	if (rc)
		return rc;
	if (!sends_indirect(from))
		return FFA_RET_DENIED;
	rcv = ffa_msg_receiver(h.ids);
	if (ffa_id_is_vm(rcv))
		return to_vm(from, rcv, &h, m->x[2] & FFA_MSG_SEND2_FLAG_DELAY_SRI);
	to = spmc_find_sp(rcv);
	return to ? to_partition(to, from->vm.id, &from->rxtx, &h) : FFA_RET_INVALID_PARAMETERS;
}

/*
 * FFA_MSG_SEND2 forwarded by the hypervisor: w1[31:16] the sending VM ([15:0] MBZ), w2 MBZ
 * (flags are a partition's). The VM's TX is the one its hypervisor registered here (none:
 * DENIED); the receiver must be a partition (VM to VM is the hypervisor's: INVALID_PARAMETERS).
 */
static int32_t vm_send2(const struct ffa_value *m)
{
	ffa_id_t vm = ffa_msg_sender(m->x[1]);
	struct ffa_msg_header h;
	struct vm_bufs *b;
	struct sp *to;
	int32_t rc;

	if ((m->x[1] & ~(uint64_t)0xffff0000u) || !ffa_id_is_vm(vm) || m->x[2])
		return FFA_RET_INVALID_PARAMETERS;
	b = vm_slot(vm);
	if (!b)
		return FFA_RET_DENIED;
	rc = rxtx_msg_header(&b->rxtx, vm, &h);
	if (rc)
		return rc;
	to = spmc_find_sp(ffa_msg_receiver(h.ids));
	return to ? to_partition(to, vm, &b->rxtx, &h) : FFA_RET_INVALID_PARAMETERS;
}

/* ---- a VM's buffers, as its hypervisor forwards them --------------------------------------- */

static bool in_ns_ram(uint64_t pa, uint64_t pages)
{
	uint64_t end = pa + pages * FFA_PAGE_SIZE;

	return pa >= PLAT_NS_RAM_BASE && end > pa && end <= PLAT_NS_RAM_BASE + PLAT_NS_RAM_SIZE;
}

/*
 * One buffer of the endpoint RX/TX descriptor at `d` (`len` bytes): a composite memory region
 * at `offset` (8-byte aligned, inside the descriptor) of one contiguous range of 1 to
 * RXTX_MAX_PAGES pages of NS memory, its reserved fields 0. Its PA and pages, or false.
 */
static bool desc_buffer(const uint8_t *d, uint32_t len, uint32_t offset, uint64_t *pa,
			uint32_t *pages)
{
	struct ffa_composite_mem_region c;
	struct ffa_mem_constituent r;

	if (offset % 8 || offset < sizeof(struct ffa_endpoint_rxtx_desc) ||
	    (uint64_t)offset + sizeof(c) + sizeof(r) > len)
		return false;
	memcpy(&c, d + offset, sizeof(c));
	memcpy(&r, d + offset + sizeof(c), sizeof(r));
	*pa = r.address;
	*pages = r.page_count;
	return c.constituent_count == 1 && c.page_count == r.page_count && !c.reserved &&
	       !r.reserved && r.page_count && r.page_count <= RXTX_MAX_PAGES &&
	       r.address % FFA_PAGE_SIZE == 0 && in_ns_ram(r.address, r.page_count);
}

/*
 * FFA_RXTX_MAP forwarded (w1 = w2 = 0, w3 MBZ): the descriptor in the hypervisor's TX names a
 * VM and its two buffers, of one size, not overlapping. A VM registered already: DENIED; no
 * slot left: NO_MEMORY.
 */
static int32_t vm_map(const struct ffa_value *m)
{
	const struct rxtx *hyp = spmc_mem_nwd_buffers();
	uint32_t len = hyp->pages * FFA_PAGE_SIZE, rx_pages, tx_pages;
	struct ffa_endpoint_rxtx_desc d;
	uint64_t rx, tx, bytes;
	struct vm_bufs *b;

	if (m->x[3] || !hyp->tx_pa)
		return FFA_RET_INVALID_PARAMETERS;
	arch_dcache_clean_inval((const void *)(uintptr_t)hyp->tx_pa, len); /* caches off? */
	memcpy(&d, (const void *)(uintptr_t)hyp->tx_pa, sizeof(d));
	if (!ffa_id_is_vm(d.endpoint_id) || d.reserved || d.pad ||
	    !desc_buffer((const uint8_t *)(uintptr_t)hyp->tx_pa, len, d.rx_offset, &rx,
			 &rx_pages) ||
	    !desc_buffer((const uint8_t *)(uintptr_t)hyp->tx_pa, len, d.tx_offset, &tx, &tx_pages))
		return FFA_RET_INVALID_PARAMETERS;
	bytes = (uint64_t)rx_pages * FFA_PAGE_SIZE;
	if (rx_pages != tx_pages || (rx < tx + bytes && tx < rx + bytes))
		return FFA_RET_INVALID_PARAMETERS;
	if (vm_slot(d.endpoint_id))
		return FFA_RET_DENIED;
	b = vm_slot(0);
	if (!b)
		return FFA_RET_NO_MEMORY;
	*b = (struct vm_bufs){ .id = d.endpoint_id };
	b->rxtx = (struct rxtx){ .tx_pa = tx, .rx_pa = rx, .pages = rx_pages };
	return 0;
}

/* The VM named by a forwarded call's w1 ([31:16] for UNMAP, [15:0] else): its slot, or NULL. */
static struct vm_bufs *named_vm(uint64_t x1, bool high)
{
	ffa_id_t vm = (ffa_id_t)(high ? x1 >> 16 : x1);

	if (x1 >> 32 || (high ? (x1 & 0xffff) : (x1 >> 16)) || !ffa_id_is_vm(vm))
		return 0;
	return vm_slot(vm);
}

/* FFA_RXTX_UNMAP forwarded (w1[31:16] the VM): what was pending for it goes too. */
static int32_t vm_unmap(uint64_t x1)
{
	struct vm_bufs *b = named_vm(x1, true);

	if (!b)
		return FFA_RET_INVALID_PARAMETERS;
	spmc_notif_fwk_drop(b->id);
	memset(b, 0, sizeof(*b));
	return 0;
}

/* FFA_RX_ACQUIRE (w1 the VM): its hypervisor writes the RX next; refused while a message the
 * VM has not released is in it, or the hypervisor holds it already (DENIED). */
static int32_t rx_acquire(uint64_t x1)
{
	struct vm_bufs *b = named_vm(x1, false);

	if (!b)
		return FFA_RET_INVALID_PARAMETERS;
	if (b->acquired || b->rxtx.rx_full)
		return FFA_RET_DENIED;
	b->acquired = true;
	return 0;
}

/* FFA_RX_RELEASE forwarded (w1 the VM): the RX, full or acquired, is the producers' again. */
static int32_t vm_rx_release(uint64_t x1)
{
	struct vm_bufs *b = named_vm(x1, false);

	if (!b)
		return FFA_RET_INVALID_PARAMETERS;
	if (!b->acquired && !b->rxtx.rx_full)
		return FFA_RET_DENIED;
	b->acquired = b->rxtx.rx_full = false;
	return 0;
}

/* ---- entries ------------------------------------------------------------------------------ */

bool spmc_msg_sp_call(struct sp *sp, struct ffa_value *m)
{
	uint32_t fid = (uint32_t)m->x[0];

	if (fid == FFA_RX_ACQUIRE)
		*m = ffa_error(FFA_RET_NOT_SUPPORTED); /* a hypervisor's */
	else if (fid == FFA_MSG_SEND2)
		*m = status(sp_send2(sp, m));
	else
		return false;
	return true;
}

bool spmc_msg_nwd_call(struct ffa_value *m)
{
	switch ((uint32_t)m->x[0]) {
	case FFA_RXTX_MAP_32:
	case FFA_RXTX_MAP_64:
		if (m->x[1] || m->x[2])
			return false; /* the hypervisor's own pair (mem_spmc.c) */
		*m = status(vm_map(m));
		return true;
	case FFA_RXTX_UNMAP:
		if (!(m->x[1] >> 16))
			return false; /* the hypervisor's own pair */
		*m = status(vm_unmap(m->x[1]));
		return true;
	case FFA_RX_RELEASE:
		if (!m->x[1])
			return false; /* the hypervisor's own RX: nothing writes it (NOT_SUPPORTED)
				       */
		*m = status(vm_rx_release(m->x[1]));
		return true;
	case FFA_RX_ACQUIRE:
		*m = status(rx_acquire(m->x[1]));
		return true;
	case FFA_MSG_SEND2:
		*m = status(vm_send2(m));
		return true;
	default:
		return false;
	}
}
