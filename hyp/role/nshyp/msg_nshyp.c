// SPDX-License-Identifier: BSD-3-Clause
/*
 * Guests' RX/TX buffers and FF-A v1.1 indirect messages at nshyp (DEN0077A §7.2-7.4, RX buffer
 * ownership; the FFA_MSG_SEND2 and FFA_RX_ACQUIRE ABIs; FFA_RXTX_MAP "forwarded by the
 * hypervisor" with the endpoint RX/TX descriptor, table 13.27; Hafnium's hypervisor side:
 * plat_ffa_rxtx_map_forward(), plat_ffa_acquire_receiver_rx(), plat_ffa_msg_send2_forward()).
 *
 * nshyp keeps each guest's pair (hyp/core/rxtx.c, its IPAs checked against the guest's stage 2)
 * and registers it at the SPMC too, under the guest's VM ID, from nshyp's own TX: the SPMC then
 * writes a partition's message straight into the guest's RX, and reads a guest's message to a
 * partition from its TX (nshyp checks the header and the binding policy, then forwards
 * FFA_MSG_SEND2 naming the guest). The guest's RX has two producers: the SPMC owns it once it
 * is mapped, and nshyp acquires it (FFA_RX_ACQUIRE; refused while a partition's message is in
 * it: BUSY to whoever asked) before it writes it itself (discovery, a VM-to-VM message); the
 * guest's FFA_RX_RELEASE is forwarded and gives it back to the SPMC. VM-to-VM messages stay in
 * nshyp, under the VM-to-VM binding (vm_msg.c): the receiver is told by the hypervisor
 * framework notification "RX buffer full", which nshyp adds to w7 of the receiver's forwarded
 * FFA_NOTIFICATION_GET, and by its NPI (as a VM-to-VM SET). If the SPMC does not take a guest's
 * pair (NOT_SUPPORTED, or nshyp's own buffers were refused), the guest keeps it at nshyp alone: no
 * indirect messages with partitions then (DENIED), the rest as above.
 */
#include <abi/ffa_mem.h>
#include <abi/ffa_rules.h>
#include <lib/print.h>
#include <lib/string.h>

#include "msg_nshyp.h"
#include "nshyp.h"

/* A call about g's buffers to the SPMC: 0, or its FF-A error (NOT_SUPPORTED if no answer). */
static int32_t spmc_call(uint32_t fid, uint64_t x1, uint64_t x2)
{
	struct ffa_value m = { { fid, x1, x2 } };

	nshyp_forward(&m);
	if ((uint32_t)m.x[0] == FFA_SUCCESS_32)
		return 0;
	return (uint32_t)m.x[0] == FFA_ERROR ? (int32_t)m.x[2] : FFA_RET_NOT_SUPPORTED;
}

/* ---- the pair at the SPMC ------------------------------------------------------------------ */

/* One composite memory region of one range, at `at` in nshyp's TX (table 13.27). */
static void put_range(uint8_t *at, uint64_t pa, uint32_t pages)
{
	struct ffa_composite_mem_region c = { pages, 1, 0 };
	struct ffa_mem_constituent r = { pa, pages, 0 };

	memcpy(at, &c, sizeof(c));
	memcpy(at + sizeof(c), &r, sizeof(r));
}

/* FFA_RXTX_MAP forwarded for g (w1 = w2 = w3 = 0): RX's region at 16, TX's at 48. */
static int32_t forward_map(const struct guest *g)
{
	struct ffa_endpoint_rxtx_desc d = { g->vm.id, 0, 16, 48, 0 };
	uint8_t *tx = nshyp_mem_tx();

	if (!tx)
		return FFA_RET_NOT_SUPPORTED;
	memcpy(tx, &d, sizeof(d));
	put_range(tx + 16, g->rxtx.rx_pa, g->rxtx.pages);
	put_range(tx + 48, g->rxtx.tx_pa, g->rxtx.pages);
	return spmc_call(FFA_RXTX_MAP_64, 0, 0);
}

static bool visible_to_guest(const struct sys_sp *sp, const void *caller)
{
	return nshyp_bound(caller, sp->ffa_id);
}

/* What nshyp answers alone (rxtx.c): map, unmap, release, discovery into g's RX. */
static void local_call(struct guest *g, struct ffa_value *m)
{
	rxtx_handle_call(&g->rxtx, &g->vm, m, nshyp_sps, nshyp_sp_count, visible_to_guest, g);
}

/* Mapped at nshyp, then at the SPMC: refused there (but not unsupported), unmapped again. */
static void map(struct guest *g, struct ffa_value *m)
{
	int32_t rc;

	local_call(g, m);
	if ((uint32_t)m->x[0] != FFA_SUCCESS_32)
		return;
	rc = forward_map(g);
	g->rxtx_at_spmc = rc == 0;
	if (rc && rc != FFA_RET_NOT_SUPPORTED) {
		rxtx_unmap(&g->rxtx);
		*m = ffa_error(rc);
	}
}

static void unmap(struct guest *g, struct ffa_value *m)
{
	local_call(g, m);
	if ((uint32_t)m->x[0] == FFA_SUCCESS_32 && g->rxtx_at_spmc) {
		g->rxtx_at_spmc = false;
		spmc_call(FFA_RXTX_UNMAP, (uint64_t)g->vm.id << 16, 0);
	}
}

/* RX_RELEASE: the SPMC knows who owns the RX (a partition's message, or nshyp's own). */
static void release(struct guest *g, struct ffa_value *m)
{
	int32_t rc;

	if (!g->rxtx_at_spmc || !ffa_rx_release_args_ok(m->x[1])) {
		local_call(g, m);
		return;
	}
	rc = spmc_call(FFA_RX_RELEASE, g->vm.id, 0);
	if (!rc)
		g->rxtx.rx_full = false;
	*m = rc ? ffa_error(rc) : ffa_success(0);
}

bool nshyp_msg_rx_acquire(struct guest *r)
{
	return !r->rxtx_at_spmc || spmc_call(FFA_RX_ACQUIRE, r->vm.id, 0) == 0;
}

void nshyp_msg_rx_unacquire(struct guest *r)
{
	if (r->rxtx_at_spmc)
		spmc_call(FFA_RX_RELEASE, r->vm.id, 0);
}

/* Discovery into RX (not count only, valid flags): with the RX acquired, else BUSY (full). */
static void info_get(struct guest *g, struct ffa_value *m)
{
	bool writes = ffa_partition_info_flags_ok(m->x[5]) &&
		      !(m->x[5] & FFA_PARTITION_INFO_COUNT_ONLY) && g->rxtx.tx_pa &&
		      !g->rxtx.rx_full;

	if (writes && !nshyp_msg_rx_acquire(g)) {
		*m = ffa_error(FFA_RET_BUSY);
		return;
	}
	local_call(g, m);
	if (writes && (uint32_t)m->x[0] != FFA_SUCCESS_32)
		nshyp_msg_rx_unacquire(g);
}

/* ---- FFA_MSG_SEND2 --------------------------------------------------------------------------- */

/* To partition `sp`: the binding policy here, the rest at the SPMC (which checks it again). */
static int32_t to_partition(struct guest *g, ffa_id_t sp)
{
	if (!idset_has(&nshyp_partitions, sp))
		return FFA_RET_INVALID_PARAMETERS;
	if (!nshyp_bound(g, sp) && !nshyp_test_skip_policy()) {
		printk_limited(&g->log,
			       "denied: %s may not send to partition 0x%x (binding policy)\n",
			       g->cfg->name, sp);
		return FFA_RET_DENIED;
	}
	if (!g->rxtx_at_spmc)
		return FFA_RET_DENIED; /* the SPMC has not got its buffers */
	return spmc_call(FFA_MSG_SEND2, (uint64_t)g->vm.id << 16, 0);
}

/* A VM's message is in r's RX: its hypervisor framework notification "RX buffer full", and its
 * NPI, as a VM-to-VM SET injects it (FF-A v1.1 §10.2, §10.7: a framework notification is
 * signalled as the others; Hafnium's msg_send2 path). */
static void deliver_notify(struct guest *r)
{
	r->fwk_pending |= FFA_NOTIF_FWK_RX_FULL;
	nshyp_guest_npi(r);
}

/* To VM `vm`, in nshyp: a VM of the description (INVALID_PARAMETERS) that g's VM-to-VM binding
 * names (DENIED), alive (ABORTED), its RX free (BUSY) and large enough (INVALID_PARAMETERS). */
static int32_t to_vm(struct guest *g, ffa_id_t vm, const struct ffa_msg_header *h)
{
	struct guest *r = nshyp_guest_by_id(vm);
	int32_t rc;

	if (!r)
		return FFA_RET_INVALID_PARAMETERS;
	if (!vm_msg_allowed(g, vm)) {
		printk_limited(&g->log,
			       "denied: %s may not send to VM %u (VM-to-VM binding policy)\n",
			       g->cfg->name, vm);
		return FFA_RET_DENIED;
	}
	if (!nshyp_guest_live(r))
		return FFA_RET_ABORTED;
	if (!r->rxtx.tx_pa || r->rxtx.rx_full || !nshyp_msg_rx_acquire(r))
		return FFA_RET_BUSY;
	rc = rxtx_msg_deliver(&r->rxtx, &g->rxtx, h);
	if (rc)
		nshyp_msg_rx_unacquire(r);
	else
		deliver_notify(r);
	return rc;
}

/*
 * A guest's FFA_MSG_SEND2: w1 MBZ (the sender VM ID is the hypervisor's to give), w2 MBZ (flags
 * are a partition's); the header in its TX names it as the sender (hyp/core/rxtx.c). A partition
 * receiver: forwarded; a VM: delivered here; the hypervisor (ID 0) receives nothing.
 */
static int32_t send2(struct guest *g, const struct ffa_value *m)
{
	struct ffa_msg_header h;
	ffa_id_t rcv;
	int32_t rc;

	if (m->x[1] || m->x[2])
		return FFA_RET_INVALID_PARAMETERS;
	rc = rxtx_msg_header(&g->rxtx, g->vm.id, &h);
	if (rc)
		return rc;
	rcv = ffa_msg_receiver(h.ids);
	if (ffa_id_is_secure(rcv))
		return to_partition(g, rcv);
	return rcv == FFA_ID_HYPERVISOR ? FFA_RET_INVALID_PARAMETERS : to_vm(g, rcv, &h);
}

/* ---- entries -----------------------------------------------------------------------------------
 */

bool nshyp_msg_call(struct guest *g, struct ffa_value *m)
{
	switch ((uint32_t)m->x[0]) {
	case FFA_MSG_SEND2: {
		int32_t rc = send2(g, m);

		*m = rc ? ffa_error(rc) : ffa_success(0);
		return true;
	}
	case FFA_RXTX_MAP_32:
	case FFA_RXTX_MAP_64:
		map(g, m);
		return true;
	case FFA_RXTX_UNMAP:
		unmap(g, m);
		return true;
	case FFA_RX_RELEASE:
		release(g, m);
		return true;
	case FFA_PARTITION_INFO_GET:
		info_get(g, m);
		return true;
	default:
		return false;
	}
}

bool nshyp_msg_feature(const struct guest *g, uint32_t fid)
{
	if (fid != FFA_MSG_SEND2)
		return false;
	if (g->rxtx.peer_vm_count)
		return true;
	for (unsigned i = 0; i < nshyp_sp_count; i++)
		if (nshyp_bound(g, nshyp_sps[i].ffa_id) &&
		    (nshyp_sps[i].properties & FFA_PART_PROP_INDIRECT_MSG))
			return true;
	return false;
}

void nshyp_msg_fwk_get(struct guest *g, uint64_t want, struct ffa_value *m)
{
	/* Either framework flag gets them, as at the SPMC (spmc_msg_fwk_get()). */
	if (!(want & (FFA_NOTIF_GET_SPM | FFA_NOTIF_GET_HYP)) ||
	    (uint32_t)m->x[0] != FFA_SUCCESS_32)
		return;
	m->x[7] |= g->fwk_pending;
	g->fwk_pending = 0;
}

void nshyp_msg_guest_end(struct guest *g)
{
	if (g->rxtx_at_spmc)
		spmc_call(FFA_RXTX_UNMAP, (uint64_t)g->vm.id << 16, 0);
	g->rxtx_at_spmc = false;
	g->fwk_pending = 0;
	rxtx_unmap(&g->rxtx);
}
