// SPDX-License-Identifier: BSD-3-Clause
/*
 * What nshyp does with a guest's SMC or HVC: virtual PSCI (SYSTEM_OFF ends
 * that guest only), SMCCC discovery, and the FF-A proxy. FF-A calls that
 * concern only the guest (VERSION, ID_GET, FEATURES, RX/TX buffers,
 * partition discovery) are answered here; direct requests and FFA_RUN go to
 * the secure world after the sender ID is checked and the binding policy
 * applied, and so do notification calls (the guest's own ID checked). Calls
 * in the trusted-OS range go to the OP-TEE SMC ABI mediator (optee_mediator.c)
 * for a guest with an OP-TEE window. Everything else
 * answers SMC_UNK (-1), or FFA_ERROR(NOT_SUPPORTED) inside the FF-A range. Register rules and MBZ
 * checks: <abi/ffa_rules.h> (SMCCC answers write x0 only; FF-A answers x0-x7).
 */
#include <abi/ffa_rules.h>
#include <abi/psci.h>
#include <abi/smccc.h>
#include <hyp/test_hooks.h>
#include <lib/print.h>

#include "msg_nshyp.h"
#include "nshyp.h"
#include "vm_mem.h"

/* Every partition of the system (built once; IDs are checked exactly). */
struct idset nshyp_partitions;

void nshyp_guest_init(struct guest *g, const struct sys_vm *cfg)
{
	g->cfg = cfg;
	g->rxtx.self_vm = cfg->vm_id; /* a VM's discovery lists itself */
	vm_msg_guest_init(g);	      /* and the VMs it may address */
	for (unsigned i = 0; i < cfg->allowed_sp_count; i++)
		idset_add(&g->allowed_sps, cfg->allowed_sp[i]);
	for (unsigned i = 0; i < nshyp_sp_count; i++)
		idset_add(&nshyp_partitions, nshyp_sps[i].ffa_id);
	/* Indirect messages: to or from a VM of the VM-to-VM bindings, or a bound partition's. */
	g->rxtx.self_indirect = g->rxtx.self_receives || nshyp_msg_feature(g, FFA_MSG_SEND2);
}

static bool partition_exists(ffa_id_t id)
{
	return idset_has(&nshyp_partitions, id);
}

static bool policy_allows(struct guest *g, ffa_id_t sp)
{
	if (nshyp_test_skip_policy() || nshyp_bound(g, sp))
		return true;
	/* Rate-limited: a guest repeating a refused call must not keep nshyp printing. */
	printk_limited(&g->log, "denied: %s may not call partition 0x%x (binding policy)\n",
		       g->cfg->name, sp);
	return false;
}

void nshyp_guest_stopped(struct guest *g)
{
	ffa_id_t sp;
	struct ffa_value m = { { 0 } };

	log_limit_flush(&g->log, g->cfg->name);
	log_limit_flush(&g->vm.abort_log, g->cfg->name); /* its injected aborts' lines */
	vm_msg_guest_stopped(g);	 /* the VM waiting for its answer gets ABORTED */
	optee_mediator_guest_stopped(g); /* may leave a partition to the loop below */
	sp = g->yielded_sp;
	/* Each resume gets one quantum before nshyp's tick preempts it again (FFA_INTERRUPT),
	 * so a partition that loops costs at most NSHYP_MAX_RESUMES quanta here. */
	for (unsigned n = 0; g->yielded_sp && n < NSHYP_MAX_RESUMES; n++) {
		m = (struct ffa_value){ { FFA_RUN, (uint64_t)g->yielded_sp << 16 } };
		nshyp_resume_begin();
		nshyp_forward_track(g, &m);
		if ((uint32_t)m.x[0] == FFA_INTERRUPT)
			nshyp_resume_preempted();
	}
	if (!sp)
		return;
	if ((uint32_t)m.x[0] == FFA_ERROR)
		printk("%s stopped during a request to partition 0x%x, which then failed (%d)\n",
		       g->cfg->name, sp, (int)m.x[2]);
	else if (g->yielded_sp)
		printk("%s stopped during a request that partition 0x%x keeps yielding (or "
		       "interrupts keep preempting); it stays blocked\n",
		       g->cfg->name, sp);
	else
		printk("%s stopped during a request to partition 0x%x; ran it to the end so it "
		       "serves others again\n",
		       g->cfg->name, sp);
}

static bool ffa_is_busy(const struct ffa_value *m)
{
	return (uint32_t)m->x[0] == FFA_ERROR && (int32_t)m->x[2] == FFA_RET_BUSY;
}

/*
 * Send framework message *m to partition `sp` and return its answer. An interrupt that preempts
 * the partition in it (FFA_INTERRUPT: the SPMC hands the CPU back for framework messages too)
 * is taken, and the message resumed (FFA_RUN) with a fresh quantum, at most NSHYP_MAX_RESUMES
 * times: a partition that loops in it costs that many quanta, then stays PREEMPTED (no guest
 * may resume it; later requests to it get BUSY) and everyone else runs on.
 */
static void framework_send(struct ffa_value *m, ffa_id_t sp)
{
	nshyp_resume_begin();
	nshyp_forward(m);
	for (unsigned n = 0; (uint32_t)m->x[0] == FFA_INTERRUPT && n < NSHYP_MAX_RESUMES; n++) {
		nshyp_resume_preempted();
		*m = (struct ffa_value){ { FFA_RUN, (uint64_t)sp << 16 } };
		nshyp_resume_begin();
		nshyp_forward(m);
	}
	if ((uint32_t)m->x[0] == FFA_INTERRUPT) {
		nshyp_resume_preempted();
		printk("partition 0x%x still runs a framework message after %u quanta; it stays "
		       "preempted\n",
		       sp, NSHYP_MAX_RESUMES);
	}
}

/*
 * VM availability (FF-A v1.1 §18.3): tell each partition this guest may use, and that
 * subscribed to it (properties bit 6 or 7), that the guest was created or destroyed, so
 * that it can drop what it kept for the guest (sessions, calls in flight, shared memory).
 */
void nshyp_vm_availability(struct guest *g, uint32_t type)
{
	uint32_t wants =
	    type == FFA_FWK_VM_CREATED ? FFA_PART_PROP_VM_CREATED : FFA_PART_PROP_VM_DESTROYED;

	for (unsigned i = 0; i < nshyp_sp_count; i++) {
		const struct sys_sp *sp = &nshyp_sps[i];
		struct ffa_value m = { { FFA_MSG_SEND_DIRECT_REQ_32,
					 ffa_msg_ids(FFA_ID_HYPERVISOR, sp->ffa_id),
					 FFA_MSG_FLAG_FRAMEWORK | type, 0, 0, g->vm.id } };

		if (!(sp->properties & wants) || !idset_has(&g->allowed_sps, sp->ffa_id))
			continue;
		framework_send(&m, sp->ffa_id);
		/* Busy with another guest's request that an interrupt preempted: finish it. */
		if (ffa_is_busy(&m) && nshyp_partition_release(sp->ffa_id)) {
			m = (struct ffa_value){ { FFA_MSG_SEND_DIRECT_REQ_32,
						  ffa_msg_ids(FFA_ID_HYPERVISOR, sp->ffa_id),
						  FFA_MSG_FLAG_FRAMEWORK | type, 0, 0, g->vm.id } };
			framework_send(&m, sp->ffa_id);
		}
		if ((uint32_t)m.x[0] != FFA_MSG_SEND_DIRECT_RESP_32 ||
		    (uint32_t)m.x[2] != (FFA_MSG_FLAG_FRAMEWORK | (type + 1)) || m.x[3] != 0)
			printk("partition 0x%x did not take \"%s %s\" (0x%lx, w2 0x%lx, w3 %ld)\n",
			       sp->ffa_id, g->cfg->name,
			       type == FFA_FWK_VM_CREATED ? "created" : "destroyed",
			       (unsigned long)m.x[0], (unsigned long)m.x[2], (long)m.x[3]);
	}
}

static void direct_req(struct guest *g, struct ffa_value *m)
{
	ffa_id_t receiver = ffa_msg_receiver(m->x[1]);

	/* The sender field must name the caller: a guest never speaks for another endpoint. */
	if (!nshyp_direct_sender_ok(g, m->x[1]) || !partition_exists(receiver)) {
		*m = ffa_error(FFA_RET_INVALID_PARAMETERS);
		return;
	}
	/* Flags: reserved bits MBZ, and framework messages are the hypervisor's to send. */
	if (m->x[2] != 0) {
		*m = ffa_error(FFA_RET_INVALID_PARAMETERS);
		return;
	}
	if (!policy_allows(g, receiver)) {
		*m = ffa_error(FFA_RET_DENIED);
		return;
	}
	if (g->yielded_sp) {
		/* Finish (FFA_RUN) the request a partition yielded in first. */
		*m = ffa_error(FFA_RET_BUSY);
		return;
	}
	if (nshyp_sp_busy_elsewhere(g, receiver)) {
		/* One request at a time: this one is made again once the other one ended (or
		 * BUSY after a deadline); but never while a mediated call of this guest holds a
		 * partition (no cycle). */
		if (optee_mediator_holds(g, 0) || !nshyp_may_wait(g))
			*m = ffa_error(FFA_RET_BUSY);
		else
			g->waiting_for = receiver;
		return;
	}
	nshyp_forward_track(g, m);
}

static void run(struct guest *g, struct ffa_value *m)
{
	ffa_id_t target = (ffa_id_t)(m->x[1] >> 16);

	if (!partition_exists(target) || !ffa_run_args_ok(m->x[1])) {
		*m = ffa_error(FFA_RET_INVALID_PARAMETERS);
		return;
	}
	if (!policy_allows(g, target) || g->yielded_sp != target) {
		*m = ffa_error(FFA_RET_DENIED);
		return;
	}
	nshyp_forward_track(g, m);
}

/*
 * FF-A notifications (docs/abi/ffa.md "Notifications"; the SPMC keeps them, in the bitmap nshyp
 * created when the guest started): a guest binds, unbinds and gets its own (w1's receiver is
 * its ID) and sets them as itself (w1's sender), the other end a partition its binding policy
 * allows; with a VM at the other end they are nshyp's own (notif_nshyp.c), and a GET merges
 * both (the SPMC's partitions' bitmap, nshyp's VMs' bitmap). BITMAP_CREATE/DESTROY are
 * nshyp's: a guest gets INVALID_PARAMETERS for an ID that is no VM's, else DENIED (its own
 * exists; ACS notification_bitmap_*). INFO_GET is the scheduler's, nshyp: NOT_SUPPORTED.
 */
static void notification(struct guest *g, struct ffa_value *m)
{
	uint32_t fid = (uint32_t)m->x[0];
	bool sets = fid == FFA_NOTIFICATION_SET;
	ffa_id_t self = sets ? ffa_msg_sender(m->x[1]) : ffa_msg_receiver(m->x[1]);
	ffa_id_t other = sets ? ffa_msg_receiver(m->x[1]) : ffa_msg_sender(m->x[1]);
	uint64_t want;

	if (fid == FFA_NOTIFICATION_BITMAP_CREATE || fid == FFA_NOTIFICATION_BITMAP_DESTROY) {
		bool vm_id = m->x[1] != 0 && m->x[1] < FFA_ID_SECURE_BIT;

		*m = ffa_error(vm_id ? FFA_RET_DENIED : FFA_RET_INVALID_PARAMETERS);
		return;
	}
	if (fid != FFA_NOTIFICATION_BIND && fid != FFA_NOTIFICATION_UNBIND && !sets &&
	    fid != FFA_NOTIFICATION_GET) {
		*m = ffa_error(FFA_RET_NOT_SUPPORTED);
		return;
	}
	if (!ffa_direct_ids_ok(m->x[1]) || self != g->vm.id) {
		*m = ffa_error(FFA_RET_INVALID_PARAMETERS);
		return;
	}
	/* GET's w1[31:16] is a vCPU ID (the SPMC checks it), the others' the other end. */
	if (fid != FFA_NOTIFICATION_GET) {
		if (!ffa_id_is_secure(other)) {
			nshyp_notif_vm_call(g, m);
			return;
		}
		if (!partition_exists(other) || !policy_allows(g, other)) {
			*m = ffa_error(partition_exists(other) ? FFA_RET_DENIED
							       : FFA_RET_INVALID_PARAMETERS);
			return;
		}
		nshyp_forward(m);
		return;
	}
	want = m->x[2]; /* GET: the bitmaps wanted, for the framework ones (msg_nshyp.c) */
	nshyp_notif_vm_get(g, m);
	nshyp_msg_fwk_get(g, want, m);
}

/* A guest starts: the SPMC keeps its notifications from now on (a bitmap for its ID). */
void nshyp_notif_guest_start(struct guest *g)
{
	struct ffa_value m = { { FFA_NOTIFICATION_BITMAP_CREATE, g->vm.id, VM_MAX_VCPUS } };

	nshyp_notif_vm_reset(g);
	nshyp_forward(&m);
	if ((uint32_t)m.x[0] != FFA_SUCCESS_32)
		printk("%s: no notifications (BITMAP_CREATE: %d)\n", g->cfg->name, (int)m.x[2]);
}

/* A guest ended: what is pending for it is dropped (GET), then its bitmap and bindings. */
void nshyp_notif_guest_end(struct guest *g)
{
	struct ffa_value m = { { FFA_NOTIFICATION_GET, g->vm.id, FFA_NOTIF_GET_ALL } };

	nshyp_notif_vm_reset(g);
	nshyp_forward(&m);
	m = (struct ffa_value){ { FFA_NOTIFICATION_BITMAP_DESTROY, g->vm.id } };
	nshyp_forward(&m);
	if ((uint32_t)m.x[0] != FFA_SUCCESS_32)
		printk("%s: notification bitmap not destroyed (%d)\n", g->cfg->name, (int)m.x[2]);
}

/*
 * FFA_FEATURES for a guest (FF-A v1.1 §13.3): what works for it, nothing else. A guest sends
 * direct requests, resumes a partition (FFA_RUN), never yields (YIELD is a partition's); it
 * takes requests (MSG_WAIT, DIRECT_RESP) only if another guest's binding names it
 * (vm_msg_feature()).
 */
static bool guest_ffa_supported(uint32_t fid)
{
	if (nshyp_mem_supported(fid))
		return true;
	switch (fid) {
	case FFA_ERROR:
	case FFA_SUCCESS_32:
	case FFA_INTERRUPT: /* mandatory; a guest gets it when its request is preempted */
	case FFA_VERSION:
	case FFA_FEATURES:
	case FFA_ID_GET:
	case FFA_SPM_ID_GET:
	case FFA_MSG_SEND_DIRECT_REQ_32:
	case FFA_MSG_SEND_DIRECT_REQ_64:
	case FFA_RUN:
	case FFA_RXTX_MAP_32:
	case FFA_RXTX_MAP_64:
	case FFA_RXTX_UNMAP:
	case FFA_RX_RELEASE:
	case FFA_PARTITION_INFO_GET:
	case FFA_NOTIFICATION_BIND:
	case FFA_NOTIFICATION_UNBIND:
	case FFA_NOTIFICATION_SET:
	case FFA_NOTIFICATION_GET:
		return true;
	default:
		return false;
	}
}

/* FFA_FEATURES from guest g: what it may use (the SRI is nshyp's, never a guest's). */
static struct ffa_value features(const struct guest *g, uint32_t fid)
{
	uint32_t npi;

	if (fid == FFA_FEATURE_NPI) {
		npi = nshyp_notif_npi_feature(g);
		return npi ? ffa_success(npi) : ffa_error(FFA_RET_NOT_SUPPORTED);
	}
	if (vm_mem_feature(g, fid))
		return ffa_success(vm_mem_feature_bits(g, fid));
	return guest_ffa_supported(fid) || vm_msg_feature(g, fid) || nshyp_msg_feature(g, fid)
		   ? ffa_success(0)
		   : ffa_error(FFA_RET_NOT_SUPPORTED);
}

static void ffa_call(struct guest *g, struct ffa_value *m)
{
	switch ((uint32_t)m->x[0]) {
	case FFA_MSG_SEND_DIRECT_REQ_32:
	case FFA_MSG_SEND_DIRECT_REQ_64:
		if (vm_msg_is_vm(ffa_msg_receiver(m->x[1])))
			vm_msg_send(g, m);
		else
			direct_req(g, m);
		return;
	case FFA_MSG_SEND_DIRECT_RESP_32:
	case FFA_MSG_SEND_DIRECT_RESP_64:
		vm_msg_respond(g, m);
		return;
	case FFA_MSG_WAIT:
		vm_msg_wait(g, m);
		return;
	case FFA_RUN:
		run(g, m);
		return;
	case FFA_VERSION:
		*m = ffa_version_call(m->x[1], &g->rxtx.version);
		return;
	case FFA_FEATURES:
		*m = features(g, (uint32_t)m->x[1]);
		return;
	case FFA_SPM_ID_GET:
		*m = ffa_success(FFA_ID_SPMC);
		return;
	default:
		if (ffa_is_notification((uint32_t)m->x[0]))
			notification(g, m);
		else if (!nshyp_mem_call(g, m) && !nshyp_msg_call(g, m)) /* msg: RX/TX too */
			*m = ffa_error(FFA_RET_NOT_SUPPORTED);
		return;
	}
}

static bool psci_implemented(uint32_t fid)
{
	return fid == PSCI_VERSION || fid == PSCI_FEATURES || fid == PSCI_SYSTEM_OFF ||
	       fid == PSCI_SYSTEM_RESET || fid == PSCI_MIGRATE_INFO_TYPE || fid == SMCCC_VERSION;
}

/* Virtual PSCI 1.1 for one single-vCPU guest (PSCI_VERSION: nshyp_discovery_call()). */
static void psci_call(struct guest *g, const struct smccc_fid *fid, struct ffa_value *m)
{
	switch (fid->id) {
	case PSCI_FEATURES:
		smccc_answer(m, psci_implemented((uint32_t)m->x[1])
				    ? 0
				    : (uint64_t)(int64_t)PSCI_RET_NOT_SUPPORTED);
		return;
	case PSCI_MIGRATE_INFO_TYPE:
		smccc_answer(m, PSCI_TOS_NOT_PRESENT_MP);
		return;
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
		printk("%s powered off\n", g->cfg->name);
		g->vm.vcpus[0].state = VCPU_OFF;
		smccc_answer(m, 0);
		return;
	default:
		smccc_answer(m, SMCCC_UNKNOWN);
		return;
	}
}

void nshyp_guest_call(struct guest *g)
{
	struct ffa_value *m = vcpu_ffa(&g->vm.vcpus[0]);
	struct smccc_fid fid;

	if (nshyp_discovery_call(g, m, smccc_fid_id(m->x[0])))
		return;
	if (smccc_is_ffa(m->x[0])) {
		m->x[0] = smccc_fid_id(m->x[0]);
		ffa_call(g, m);
		return;
	}
	fid = smccc_decode(m->x[0]);
	switch (fid.service) {
	case SMCCC_SVC_PSCI:
		psci_call(g, &fid, m);
		return;
	case SMCCC_SVC_ARCH:
		smccc_answer(m, smccc_arch_answer(fid.id, m->x[1]));
		return;
	case SMCCC_SVC_TOS:
		if (!optee_mediator_call(g, m))
			smccc_answer(m, SMCCC_UNKNOWN);
		return;
	default:
		if (hyp_test_call(&g->vm.vcpus[0], m))
			return;
		smccc_answer(m, SMCCC_UNKNOWN);
		return;
	}
}
