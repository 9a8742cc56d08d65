// SPDX-License-Identifier: BSD-3-Clause
/*
 * nshyp's part of FF-A v1.1 notifications (DEN0077A chapter 10; docs/abi/ffa.md
 * "Notifications"). Two things:
 *
 * The interrupts (§10.7). nshyp is the normal world's scheduler: the SPMC sends it the schedule
 * receiver interrupt (SRI, a Non-secure SGI whose INTID FFA_FEATURES(SRI) gives, 8) when a
 * partition signals a VM; nshyp then asks INFO_GET which endpoints have notifications and
 * injects each listed guest's notification pending interrupt (NPI, a virtual SGI). A guest never
 * gets the SRI itself (FFA_FEATURES(SRI) from a guest: NOT_SUPPORTED).
 *
 * VM-to-VM notifications (§10.2: the hypervisor keeps the bitmaps of notifications between VMs,
 * the SPMC those with a partition at either end). A guest binds a VM sender, the sender sets,
 * the receiver gets; only between VMs whose VM-to-VM binding lets the sender address the
 * receiver (`vms` of the sender's description, as for direct messages, vm_msg.c). The rules and
 * errors are the SPMC's (notif_spmc.c) for the same calls. Setting one injects the receiver's
 * NPI. A guest's GET merges: the SPMC's answer (partitions' bitmap) and nshyp's (VMs' bitmap).
 */
#include <abi/ffa_rules.h>
#include <lib/print.h>
#include <string.h>

#include "nshyp.h"

/* INFO_GET_64 calls for one SRI: each lists up to 20 IDs, enough for every endpoint twice. */
#define SRI_MAX_INFO_GETS 4

static uint32_t sri_intid;
static struct log_limit sri_log;

void nshyp_notif_init(void)
{
	struct ffa_value m = { { FFA_FEATURES, FFA_FEATURE_SRI } };

	nshyp_forward(&m);
	/* Only an SGI can be it: nshyp enables SYS_IRQ_SRI at its GIC (vgic_hw_init()). */
	sri_intid = (uint32_t)m.x[0] == FFA_SUCCESS_32 && m.x[2] == SYS_IRQ_SRI ? SYS_IRQ_SRI : 0;
	if (sri_intid)
		printk("notifications: schedule receiver interrupt SGI %u; guests' NPI: virtual "
		       "SGI %u\n",
		       sri_intid, NSHYP_NPI_INTID);
}

uint32_t nshyp_notif_sri_intid(void)
{
	return sri_intid;
}

/* The guest with VM ID `id` gets its NPI if it still runs (a partition's ID: none). */
static void npi_to(ffa_id_t id)
{
	struct guest *g = vm_msg_is_vm(id) ? nshyp_guest_by_id(id) : NULL;

	if (g && nshyp_guest_live(g)) {
		printk_limited(&sri_log,
			       "schedule receiver interrupt: INFO_GET lists %s (VM %u): its NPI "
			       "injected\n",
			       g->cfg->name, id);
		nshyp_guest_npi(g);
	}
}

/* INFO_GET_64's lists (§13.16): w2[11:7] lists, two bits of vCPU count each from bit 12; the
 * IDs 16 bits each from x3, four per register. Each list's first ID is the endpoint. */
static void npi_listed(const struct ffa_value *m)
{
	unsigned lists = (unsigned)(m->x[2] >> FFA_NOTIF_INFO_LISTS_SHIFT) & 0x1fu, k = 0;

	for (unsigned i = 0; i < lists && k < 20; i++) {
		unsigned vcpus = (unsigned)(m->x[2] >> (FFA_NOTIF_INFO_LIST_SHIFT + 2 * i)) & 3u;

		npi_to((ffa_id_t)(m->x[3 + k / 4] >> (16 * (k % 4))));
		k += 1 + vcpus;
	}
}

void nshyp_notif_sri(void)
{
	for (unsigned n = 0; n < SRI_MAX_INFO_GETS; n++) {
		struct ffa_value m = { { FFA_NOTIFICATION_INFO_GET_64 } };

		nshyp_forward(&m);
		if ((uint32_t)m.x[0] != FFA_SUCCESS_64)
			return; /* NO_DATA: all listed already */
		npi_listed(&m);
		if (!(m.x[2] & FFA_NOTIF_INFO_MORE))
			return;
	}
}

/*
 * A guest can get an NPI if partitions can signal it (the SPMC has an SRI) or another guest's
 * VM-to-VM binding names it (vm_msg_feature(): it may be addressed).
 */
uint32_t nshyp_notif_npi_feature(const struct guest *g)
{
	return sri_intid || vm_msg_feature(g, FFA_MSG_WAIT) ? NSHYP_NPI_INTID : 0;
}

void nshyp_notif_vm_reset(struct guest *g)
{
	memset(&g->notif, 0, sizeof(g->notif));
}

/*
 * BIND (w2 bit 0 per-vCPU, the rest MBZ) and UNBIND (w2 MBZ) for receiver g, sender VM `snd`:
 * INVALID_PARAMETERS for flags, an empty bitmap, itself or no VM of the system as sender;
 * DENIED if snd's VM-to-VM binding does not name g, for BIND IDs bound already (to anyone), for
 * UNBIND IDs not bound to snd or pending (§13.12-13.13, as the SPMC).
 */
static struct ffa_value bind(struct guest *g, const struct ffa_value *m, bool is_bind)
{
	ffa_id_t snd = ffa_msg_sender(m->x[1]);
	struct guest *s = nshyp_guest_by_id(snd);
	uint64_t allowed = is_bind ? FFA_NOTIF_FLAG_PER_VCPU : 0, bits = ffa_notif_bitmap(m);
	struct vm_notif *n = &g->notif;

	if ((m->x[2] & ~allowed) || bits == 0 || snd == g->vm.id || !s)
		return ffa_error(FFA_RET_INVALID_PARAMETERS);
	if (!vm_msg_allowed(s, g->vm.id))
		return ffa_error(FFA_RET_DENIED);
	if (is_bind)
		return ffa_notif_answer(
		    ffa_notif_bind(&n->bind, snd, bits, m->x[2] & FFA_NOTIF_FLAG_PER_VCPU));
	return ffa_notif_answer(ffa_notif_unbind(&n->bind, snd, bits, n->pending));
}

/*
 * SET by g to VM `rcv` (§13.14; w2: bit 0 per-vCPU, bit 1 delay SRI, which has nothing to delay
 * here, [15:2] MBZ, [31:16] the vCPU: 0): INVALID_PARAMETERS for the flags, an empty bitmap,
 * itself, no VM of the system as receiver; DENIED if g's VM-to-VM binding does not name rcv or
 * the IDs are not bound to g (so for a guest that ended: its end unbound everything);
 * INVALID_PARAMETERS if bound the other way (global, per-vCPU). The receiver's NPI is injected.
 */
static struct ffa_value set(struct guest *g, const struct ffa_value *m)
{
	ffa_id_t rcv = ffa_msg_receiver(m->x[1]);
	struct guest *r = nshyp_guest_by_id(rcv);
	bool per_vcpu = m->x[2] & FFA_NOTIF_FLAG_PER_VCPU;
	uint64_t vcpu = m->x[2] >> 16, bits = ffa_notif_bitmap(m);
	int32_t err;

	if ((m->x[2] & 0xfffcu) || vcpu >= VM_MAX_VCPUS || (!per_vcpu && vcpu) || bits == 0 ||
	    rcv == g->vm.id || !r)
		return ffa_error(FFA_RET_INVALID_PARAMETERS);
	if (!vm_msg_allowed(g, rcv))
		return ffa_error(FFA_RET_DENIED);
	err = ffa_notif_set_check(&r->notif.bind, g->vm.id, bits, per_vcpu);
	if (err)
		return ffa_error(err);
	r->notif.pending |= bits;
	if (nshyp_guest_live(r)) /* an ended one has nothing bound: not here */
		nshyp_guest_npi(r);
	return ffa_success(0);
}

void nshyp_notif_vm_call(struct guest *g, struct ffa_value *m)
{
	uint32_t fid = (uint32_t)m->x[0];

	if (fid == FFA_NOTIFICATION_SET)
		*m = set(g, m);
	else
		*m = bind(g, m, fid == FFA_NOTIFICATION_BIND);
}

void nshyp_notif_vm_get(struct guest *g, struct ffa_value *m)
{
	uint64_t want = m->x[2];

	nshyp_forward(m); /* the SPMC checks w1 and the flags, and answers its bitmaps */
	if ((uint32_t)m->x[0] != FFA_SUCCESS_32 || !(want & FFA_NOTIF_GET_VM))
		return;
	m->x[4] |= (uint32_t)g->notif.pending;
	m->x[5] |= g->notif.pending >> 32;
	g->notif.pending = 0;
}
