// SPDX-License-Identifier: BSD-3-Clause
/*
 * FF-A v1.1 notifications at the SPMC (DEN0077A chapter 10, §13.10-13.16; the expected errors
 * are those of Arm's FF-A ACS, test/v1.1/notifications). Every partition is a receiver from
 * its boot; a VM is one from FFA_NOTIFICATION_BITMAP_CREATE (its hypervisor, nshyp, calls it
 * when the VM starts) to BITMAP_DESTROY. A receiver has, for each of the 64 notification IDs,
 * the sender it is bound to (global or per-vCPU), and what is pending by the kind of its sender
 * (a partition or a VM), and the framework notification "RX buffer full" that msg_spmc.c (indirect
 * messages) sets, read by GET's w6/w7; it is listed and signalled as the others (§10.2, §10.7;
 * Hafnium's msg_send2 path). Senders and receivers are pairs of a VM and a
 * partition its binding policy allows, or two partitions (no policy between partitions, as in
 * discovery); VM-to-VM notifications are nshyp's and it has none. A partition that gets a
 * notification gets its notification pending interrupt (NPI, irq_spmc.c); a VM's scheduler
 * (nshyp) gets the schedule receiver interrupt (SRI, a Non-secure SGI) when a partition signals
 * a VM, and asks INFO_GET which ones, which lists each pending notification once (§10.7). One
 * vCPU per endpoint: per-vCPU notifications name vCPU 0.
 * The normal world is trusted with the IDs it states (as for direct requests): nshyp stamps
 * each guest's own ID. Nothing here runs on the direct-message path.
 */
#include <abi/ffa_rules.h>
#include <string.h>

#include "notif_spmc.h"
#include "spmc.h"

struct notif_rx {
	ffa_id_t id;			/* the receiver; 0: a free VM slot */
	struct ffa_notif_bindings bind; /* bound to whom, global or per-vCPU */
	uint64_t from_sp, from_vm;	/* pending, by the kind of their sender */
	uint64_t listed;		/* pending ones INFO_GET already listed */
	uint64_t fwk;	 /* framework ones: [31:0] SPM's (w6), [63:32] hypervisor's (w7) */
	bool fwk_listed; /* INFO_GET listed them (until a GET takes them) */
};

static struct notif_rx sp_rx[SYS_MAX_SPS];
static struct notif_rx vm_rx[SYS_MAX_VMS]; /* at most one per VM of the description */
/* An SRI was sent (or is delayed) and no INFO_GET came since: no other one (as Hafnium's
 * TRIGGERED state): the scheduler learns of every VM at once from INFO_GET. */
static bool sri_sent;

void spmc_notif_init(void)
{
	memset(sp_rx, 0, sizeof(sp_rx));
	memset(vm_rx, 0, sizeof(vm_rx));
	sri_sent = false;
	for (unsigned i = 0; i < spmc_partition_count; i++)
		sp_rx[i].id = spmc_partitions[i].cfg->ffa_id;
}

void spmc_notif_partition_aborted(const struct sp *sp)
{
	struct notif_rx *rx = &sp_rx[sp - spmc_partitions];
	ffa_id_t id = rx->id;

	memset(rx, 0, sizeof(*rx));
	rx->id = id;
}

static bool is_vm_id(ffa_id_t id)
{
	return id != FFA_ID_HYPERVISOR && !ffa_id_is_secure(id);
}

static struct notif_rx *vm_slot(ffa_id_t id)
{
	for (unsigned i = 0; i < SYS_MAX_VMS; i++)
		if (vm_rx[i].id == id)
			return &vm_rx[i];
	return 0;
}

/* The receiver state of endpoint `id`: a partition's, or a VM's with a bitmap; NULL if none. */
static struct notif_rx *rx_of(ffa_id_t id)
{
	struct sp *sp;

	if (is_vm_id(id))
		return vm_slot(id);
	sp = spmc_find_sp(id); /* once it booted */
	return sp ? &sp_rx[sp - spmc_partitions] : 0;
}

static uint64_t pending(const struct notif_rx *rx)
{
	return rx->from_sp | rx->from_vm;
}

/*
 * A VM and a partition its binding policy allows, or two partitions: the pairs that may bind
 * (sender, receiver), both existing. Checked after the IDs' form (pair_ok()).
 */
static bool policy_allows(ffa_id_t sender, ffa_id_t receiver)
{
	if (is_vm_id(sender))
		return idset_has(&spmc_find_sp(receiver)->allowed_vms, sender);
	if (is_vm_id(receiver))
		return idset_has(&spmc_find_sp(sender)->allowed_vms, receiver);
	return true;
}

/*
 * The IDs of a BIND, UNBIND or SET from `caller` (a partition, or the normal world's ID 0): the
 * receiver is the caller itself (BIND, UNBIND; a VM's when the normal world calls) or the sender
 * is (SET); the other end is a partition, or a VM when a partition calls; never itself.
 */
static bool pair_ok(ffa_id_t caller, ffa_id_t sender, ffa_id_t receiver, bool caller_receives)
{
	ffa_id_t self = caller_receives ? receiver : sender;
	ffa_id_t other = caller_receives ? sender : receiver;

	if (caller == FFA_ID_HYPERVISOR)
		return is_vm_id(self) && spmc_find_sp(other);
	return self == caller && other != self && (is_vm_id(other) || spmc_find_sp(other));
}

/*
 * BIND (w2: bit 0 per-vCPU, the rest MBZ) and UNBIND (w2 MBZ): IDs already bound, to anyone,
 * are not bound again (DENIED); only IDs bound to that sender and not pending are unbound.
 */
static struct ffa_value bind(ffa_id_t caller, const struct ffa_value *m, bool is_bind)
{
	ffa_id_t snd = ffa_msg_sender(m->x[1]), rcv = ffa_msg_receiver(m->x[1]);
	uint64_t flags_allowed = is_bind ? FFA_NOTIF_FLAG_PER_VCPU : 0;
	uint64_t bits = ffa_notif_bitmap(m);
	struct notif_rx *rx;

	if (!ffa_direct_ids_ok(m->x[1]) || (m->x[2] & ~flags_allowed) || bits == 0 ||
	    !pair_ok(caller, snd, rcv, true) || !(rx = rx_of(rcv)))
		return ffa_error(FFA_RET_INVALID_PARAMETERS);
	if (!policy_allows(snd, rcv))
		return ffa_error(FFA_RET_DENIED);
	if (is_bind)
		return ffa_notif_answer(
		    ffa_notif_bind(&rx->bind, snd, bits, m->x[2] & FFA_NOTIF_FLAG_PER_VCPU));
	return ffa_notif_answer(ffa_notif_unbind(&rx->bind, snd, bits, pending(rx)));
}

/*
 * A notification of `snd` became pending for `rcv` (FF-A v1.1 §10.7): a partition gets its NPI;
 * for a VM a partition signalled, the normal world gets the SRI, at once or, with SET's
 * "delay SRI" flag, when the normal world runs again (the partition's run is over: an SGI now
 * would preempt it at once). A VM's SET to a VM never reaches the SPMC.
 */
static void signal_receiver(ffa_id_t snd, ffa_id_t rcv, bool delay_sri)
{
	if (!is_vm_id(rcv)) {
		spmc_npi_raise(spmc_find_sp(rcv));
		return;
	}
	if (!ffa_id_is_secure(snd) || sri_sent)
		return;
	sri_sent = true;
	if (delay_sri)
		spmc_this_cpu()->on_return |= SPMC_RETURN_SRI;
	else
		spmc_arch_sri_send();
}

/*
 * Framework notification "RX buffer full" for `rcv` (a partition, or a VM with a bitmap; none:
 * nothing records it, as no GET could read it): a message from `snd` is in its RX (msg_spmc.c).
 * SPM framework bit 0 when a partition sent, hypervisor framework bit 0 when a VM did. Signalled
 * as a SET's (§10.2: framework notifications are pending notifications like the others; Hafnium's
 * msg_send2 sets it and then triggers the NPI or SRI): the partition's NPI, or the SRI for a VM,
 * delayed with FFA_MSG_SEND2's "delay SRI" flag. Listed again by INFO_GET only once a GET took it.
 */
void spmc_notif_fwk_rx_full(ffa_id_t snd, ffa_id_t rcv, bool delay_sri)
{
	struct notif_rx *rx = rx_of(rcv);
	uint64_t bit =
	    ffa_id_is_secure(snd) ? FFA_NOTIF_FWK_RX_FULL : (uint64_t)FFA_NOTIF_FWK_RX_FULL << 32;

	if (!rx)
		return;
	rx->fwk |= bit; /* fwk_listed is false unless it was pending and listed already */
	signal_receiver(snd, rcv, delay_sri);
}

void spmc_notif_fwk_drop(ffa_id_t vm)
{
	struct notif_rx *rx = vm_slot(vm);

	if (rx) {
		rx->fwk = 0;
		rx->fwk_listed = false;
	}
}

/*
 * SET. w2: bit 0 per-vCPU, bit 1 delay SRI (signal_receiver()),
 * [15:2] MBZ, [31:16] the receiver's vCPU (0 for a global one; per-vCPU: below its count, 1).
 * IDs not bound to this sender: DENIED (ACS notification_set); bound the other way (global or
 * per-vCPU): INVALID_PARAMETERS.
 */
static struct ffa_value set(ffa_id_t caller, const struct ffa_value *m)
{
	ffa_id_t snd = ffa_msg_sender(m->x[1]), rcv = ffa_msg_receiver(m->x[1]);
	bool per_vcpu = m->x[2] & FFA_NOTIF_FLAG_PER_VCPU;
	uint64_t vcpu = m->x[2] >> 16, bits = ffa_notif_bitmap(m);
	struct notif_rx *rx;
	int32_t err;

	if (!ffa_direct_ids_ok(m->x[1]) || (m->x[2] & 0xfffcu) || vcpu >= VM_MAX_VCPUS ||
	    (!per_vcpu && vcpu) || bits == 0 || !pair_ok(caller, snd, rcv, false) ||
	    !(rx = rx_of(rcv)))
		return ffa_error(FFA_RET_INVALID_PARAMETERS);
	err = ffa_notif_set_check(&rx->bind, snd, bits, per_vcpu);
	if (err)
		return ffa_error(err);
	if (ffa_id_is_secure(snd))
		rx->from_sp |= bits;
	else
		rx->from_vm |= bits;
	signal_receiver(snd, rcv, m->x[2] & FFA_NOTIF_FLAG_DELAY_SRI);
	return ffa_success(0); /* one listed and still pending stays listed */
}

/*
 * GET (w1: [31:16] vCPU, [15:0] the receiver: the calling partition, or a VM with a bitmap when
 * the normal world calls; w2: the bitmaps wanted, bits [3:0], the rest MBZ): FFA_SUCCESS_32 with
 * w2/w3 from partitions, w4/w5 from VMs, w6 SPM and w7 hypervisor framework (always 0); the
 * bitmaps asked for are cleared.
 */
static struct ffa_value get(ffa_id_t caller, const struct ffa_value *m)
{
	ffa_id_t rcv = (ffa_id_t)m->x[1];
	uint64_t want = m->x[2];
	struct ffa_value v = ffa_success(0);
	struct notif_rx *rx;

	if ((m->x[1] >> 16) != 0 || (want & ~(uint64_t)FFA_NOTIF_GET_ALL) ||
	    (caller != FFA_ID_HYPERVISOR ? rcv != caller : !is_vm_id(rcv)) || !(rx = rx_of(rcv)))
		return ffa_error(FFA_RET_INVALID_PARAMETERS);
	if (want & FFA_NOTIF_GET_SP) {
		v.x[2] = (uint32_t)rx->from_sp;
		v.x[3] = rx->from_sp >> 32;
		rx->listed &= ~rx->from_sp;
		rx->from_sp = 0;
	}
	if (want & FFA_NOTIF_GET_VM) {
		v.x[4] = (uint32_t)rx->from_vm;
		v.x[5] = rx->from_vm >> 32;
		rx->listed &= ~rx->from_vm;
		rx->from_vm = 0;
	}
	/* Either framework flag gets both bitmaps, as Hafnium answers (the ACS's partition that
	 * received from a VM asks with the SPM flag and reads the RX-full bit in w7). */
	if (want & (FFA_NOTIF_GET_SPM | FFA_NOTIF_GET_HYP)) {
		v.x[6] = (uint32_t)rx->fwk;
		v.x[7] = rx->fwk >> 32;
		rx->fwk = 0;
		rx->fwk_listed = false;
	}
	if (caller != FFA_ID_HYPERVISOR) /* its NPI is raised again by the next SET or message */
		spmc_npi_got(spmc_find_sp(caller), pending(rx) == 0 && !rx->fwk);
	return v;
}

/* Endpoint ID number `k` of INFO_GET's list: 16 bits each from w3/x3 on. */
static void put_id(struct ffa_value *v, unsigned k, unsigned per_reg, ffa_id_t id)
{
	v->x[3 + k / per_reg] |= (uint64_t)id << (16 * (k % per_reg));
}

/* One receiver's list (its ID, then vCPU 0 if a per-vCPU one is pending); false: no room. */
static bool list_rx(struct ffa_value *v, struct notif_rx *rx, unsigned *ids, unsigned *lists,
		    unsigned per_reg)
{
	uint64_t fresh = pending(rx) & ~rx->listed;
	unsigned vcpus = (fresh & rx->bind.per_vcpu) ? 1 : 0;
	bool fwk = rx->fwk && !rx->fwk_listed; /* framework ones are global: no vCPU ID */

	if (!fresh && !fwk)
		return true;
	if (*ids + 1 + vcpus > 5 * per_reg)
		return false;
	put_id(v, (*ids)++, per_reg, rx->id);
	if (vcpus)
		put_id(v, (*ids)++, per_reg, 0);
	v->x[2] |= (uint64_t)vcpus << (FFA_NOTIF_INFO_LIST_SHIFT + 2 * (*lists)++);
	rx->listed |= fresh;
	rx->fwk_listed |= fwk;
	return true;
}

/*
 * INFO_GET_32/_64 (the normal world's scheduler; w1-w7 SBZ): the receivers (VMs, then
 * partitions) with notifications pending that no INFO_GET listed yet (listed ones are listed
 * again only once GET took them and they are set again), each listed once: up to
 * 10 IDs in w3-w7 (_32) or 20 in x3-x7 (_64), the rest flagged "more pending" for the next call;
 * nothing new: NO_DATA.
 */
static struct ffa_value info_get(bool is_64)
{
	struct ffa_value v = { { is_64 ? FFA_SUCCESS_64 : FFA_SUCCESS_32 } };
	unsigned per_reg = is_64 ? 4 : 2, ids = 0, lists = 0;
	bool room = true;

	sri_sent = false; /* the scheduler looks: the next SET to a VM sends one again */
	for (unsigned i = 0; i < SYS_MAX_VMS && room; i++)
		if (vm_rx[i].id)
			room = list_rx(&v, &vm_rx[i], &ids, &lists, per_reg);
	for (unsigned i = 0; i < spmc_partition_count && room; i++)
		room = list_rx(&v, &sp_rx[i], &ids, &lists, per_reg);
	if (!lists)
		return ffa_error(FFA_RET_NO_DATA);
	v.x[2] |= (uint64_t)lists << FFA_NOTIF_INFO_LISTS_SHIFT | (room ? 0 : FFA_NOTIF_INFO_MORE);
	return v;
}

/*
 * BITMAP_CREATE (w1: the VM, [31:16] MBZ; w2: its vCPU count, 1 here) and BITMAP_DESTROY (w1):
 * the normal world's hypervisor only. Created twice, or destroyed when absent or with
 * notifications pending (framework ones too): DENIED; more VMs than the description can have:
 * NO_MEMORY.
 */
static struct ffa_value bitmap(const struct ffa_value *m, bool create)
{
	ffa_id_t vm = (ffa_id_t)m->x[1];
	struct notif_rx *rx;

	if (m->x[1] >> 16 || !is_vm_id(vm) || (create && m->x[2] != VM_MAX_VCPUS))
		return ffa_error(FFA_RET_INVALID_PARAMETERS);
	rx = vm_slot(vm);
	if (create ? rx != 0 : !rx || pending(rx) || rx->fwk)
		return ffa_error(FFA_RET_DENIED);
	if (create && !(rx = vm_slot(0)))
		return ffa_error(FFA_RET_NO_MEMORY);
	memset(rx, 0, sizeof(*rx));
	rx->id = create ? vm : 0;
	return ffa_success(0);
}

uint32_t spmc_notif_feature_bits(uint32_t fid)
{
	if (fid == FFA_FEATURE_NPI)
		return SPMC_NPI_INTID;
	return fid == FFA_FEATURE_SRI ? SYS_IRQ_SRI : 0;
}

bool spmc_notif_supported(uint32_t fid, bool from_partition)
{
	switch (fid) {
	case FFA_NOTIFICATION_BIND:
	case FFA_NOTIFICATION_UNBIND:
	case FFA_NOTIFICATION_SET:
	case FFA_NOTIFICATION_GET:
		return true;
	case FFA_NOTIFICATION_BITMAP_CREATE:
	case FFA_NOTIFICATION_BITMAP_DESTROY:
	case FFA_NOTIFICATION_INFO_GET_32:
	case FFA_NOTIFICATION_INFO_GET_64:
		return !from_partition;
	default:
		return false;
	}
}

/* A notification call from `caller` (a partition, or ID 0 for the normal world). */
static bool notif_call(ffa_id_t caller, struct ffa_value *m)
{
	uint32_t fid = (uint32_t)m->x[0];

	if (!ffa_is_notification(fid))
		return false;
	if (!spmc_notif_supported(fid, caller != FFA_ID_HYPERVISOR)) {
		*m = ffa_error(FFA_RET_NOT_SUPPORTED);
		return true;
	}
	switch (fid) {
	case FFA_NOTIFICATION_BITMAP_CREATE:
	case FFA_NOTIFICATION_BITMAP_DESTROY:
		*m = bitmap(m, fid == FFA_NOTIFICATION_BITMAP_CREATE);
		return true;
	case FFA_NOTIFICATION_BIND:
	case FFA_NOTIFICATION_UNBIND:
		*m = bind(caller, m, fid == FFA_NOTIFICATION_BIND);
		return true;
	case FFA_NOTIFICATION_SET:
		*m = set(caller, m);
		return true;
	case FFA_NOTIFICATION_GET:
		*m = get(caller, m);
		return true;
	default:
		*m = info_get(fid == FFA_NOTIFICATION_INFO_GET_64);
		return true;
	}
}

bool spmc_notif_nwd_call(struct ffa_value *m)
{
	return notif_call(FFA_ID_HYPERVISOR, m);
}

bool spmc_notif_sp_call(struct sp *sp, struct ffa_value *m)
{
	return notif_call(sp->vm.id, m);
}
