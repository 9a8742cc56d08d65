// SPDX-License-Identifier: BSD-3-Clause
/*
 * The SPMC's FF-A dispatcher and partition runtime model (FF-A v1.1 §4.10,
 * §13-15). Each partition has one execution context whose state is one of
 * WAITING, RUNNING, BLOCKED (yielded inside a request), PREEMPTED (stopped by
 * a normal-world interrupt inside a VM's request) or ABORTED, and only these
 * transitions exist:
 *   WAITING -> RUNNING     a direct request is delivered (or at boot)
 *   RUNNING -> WAITING     FFA_MSG_WAIT (boot) or FFA_MSG_SEND_DIRECT_RESP (request)
 *   RUNNING -> BLOCKED     FFA_YIELD inside a request; the requester gets FFA_YIELD
 *   RUNNING -> PREEMPTED   an interrupt inside a VM's partition message; the VM gets
 *                          FFA_INTERRUPT and the partition's registers stay as they were
 *   BLOCKED -> RUNNING     FFA_RUN from the normal world (for a VM's request), or the SPMC
 *                          itself (for another partition's request, sp_to_sp_request)
 *   PREEMPTED -> RUNNING   FFA_RUN from the normal world: it resumes where it stopped
 *   RUNNING -> ABORTED     a fault, an unexpected trap, or FFA_ERROR from the partition
 * An interrupt anywhere else (boot, another partition's request, a framework
 * message) cannot give the CPU back: it is masked until that run ends (sp_run).
 * Every value from the normal world or a partition is checked; a bad one
 * gets the spec's error and changes nothing. The common case of a direct
 * request and its response runs in assembly (arch/aarch64/spmc_fast.S),
 * which keeps these structures exactly as this code would. Register rules and MBZ
 * checks: <abi/ffa_rules.h> (SMCCC answers write x0 only; FF-A answers x0-x7).
 */
#include <abi/ffa_rules.h>
#include <abi/smccc.h>
#include <hyp/test_hooks.h>
#include <lib/print.h>

#include "spmc.h"

struct sp spmc_partitions[SYS_MAX_SPS];
unsigned spmc_partition_count;
static const struct sys_sp *partition_cfgs; /* the description's array, for discovery */

/* Index of the partitions by the low byte of their ID (unique, validated on the host). */
struct sp *spmc_sp_by_low[256];

struct sp *spmc_find_sp(ffa_id_t id)
{
	struct sp *sp = spmc_sp_by_low[id & 0xff];

	return sp && sp->vm.id == id ? sp : 0;
}

/* Binding policy, enforced on the secure side whatever the normal world did. */
static bool vm_may_call(const struct sp *sp, ffa_id_t vm_id)
{
	return idset_has(&sp->allowed_vms, vm_id);
}

/* Partitions see every partition in discovery: there is no binding policy between partitions. */
static bool visible_to_sp(const struct sys_sp *sp, const void *caller)
{
	(void)sp;
	(void)caller;
	return true;
}

/* FFA_FEATURES: what the SPMC implements for the calling side. */
static bool ffa_supported(uint32_t fid, bool from_partition)
{
	if (spmc_mem_supported(fid, from_partition))
		return true;
	switch (fid) {
	case FFA_ERROR:
	case FFA_SUCCESS_32:
	case FFA_VERSION:
	case FFA_FEATURES:
	case FFA_ID_GET:
	case FFA_SPM_ID_GET:
		return true;
	case FFA_MSG_SEND_DIRECT_REQ_32:
	case FFA_MSG_SEND_DIRECT_REQ_64:
		return true;
	case FFA_RUN:
		return !from_partition;
	case FFA_RXTX_MAP_32:
	case FFA_RXTX_MAP_64:
	case FFA_RXTX_UNMAP:
		return true; /* the normal world's are those of its hypervisor (ID 0) */
	case FFA_MSG_SEND_DIRECT_RESP_32:
	case FFA_MSG_SEND_DIRECT_RESP_64:
	case FFA_MSG_WAIT:
	case FFA_YIELD:
	case FFA_RX_RELEASE:
	case FFA_PARTITION_INFO_GET:
		return from_partition;
	default:
		return false;
	}
}

/* FFA_VERSION, FFA_FEATURES, FFA_SPM_ID_GET, for a partition or the normal world. */
static bool common_call(struct ffa_value *m, bool from_partition)
{
	switch ((uint32_t)m->x[0]) {
	case FFA_VERSION: {
		/* The normal world's version is negotiated by nshyp with its guests. */
		uint32_t ignored;

		*m = ffa_version_call(m->x[1], &ignored);
		return true;
	}
	case FFA_FEATURES:
		*m = ffa_supported((uint32_t)m->x[1], from_partition)
			 ? ffa_success(spmc_mem_feature_bits((uint32_t)m->x[1]))
			 : ffa_error(FFA_RET_NOT_SUPPORTED);
		return true;
	case FFA_SPM_ID_GET:
		*m = ffa_success(FFA_ID_SPMC);
		return true;
	default:
		return false;
	}
}

static void sp_abort(struct sp *sp, const struct vcpu_exit *e)
{
	vm_report_fault(&sp->vm, e);
	sp->vm.vcpu.state = VCPU_ABORTED;
	sp->requester = SPMC_NO_REQUESTER;
	spmc_mem_partition_aborted(sp);
}

static void sp_run(struct sp *sp, struct ffa_value *m);

/* How often the SPMC resumes a partition that yields inside another partition's request. */
#define SP_CALL_MAX_RESUMES 64

/*
 * A direct request from partition `from` to another partition (FF-A v1.1 §15.2): the sender
 * must be `from` itself; the sender must send and the receiver take direct requests (their
 * partition properties); the receiver must be waiting. The receiver runs until it answers;
 * `from` stays RUNNING meanwhile, so a request back to it is BUSY and no cycle can form. A
 * receiver that yields is resumed at once (a partition cannot FFA_RUN another), and aborted
 * if it still yields after SP_CALL_MAX_RESUMES.
 */
static void sp_to_sp_request(struct sp *from, struct ffa_value *c)
{
	struct sp *to = spmc_find_sp(ffa_msg_receiver(c->x[1]));

	/* Partitions send partition messages only: w2 = 0. */
	if (ffa_msg_sender(c->x[1]) != from->vm.id || !ffa_direct_ids_ok(c->x[1]) || !to ||
	    to == from || c->x[2] != 0) {
		*c = ffa_error(FFA_RET_INVALID_PARAMETERS);
		return;
	}
	if (!(from->cfg->properties & FFA_PART_PROP_DIRECT_REQ_SEND) || !to->accepts_direct) {
		*c = ffa_error(FFA_RET_DENIED);
		return;
	}
	if (to->vm.vcpu.state != VCPU_WAITING) {
		*c = ffa_error(to->vm.vcpu.state == VCPU_ABORTED ? FFA_RET_ABORTED : FFA_RET_BUSY);
		return;
	}
	ffa_copy(vcpu_ffa(&to->vm.vcpu), c);
	to->requester = from->vm.id;
	to->request_kind = spmc_request_kind(c); /* never a framework message (checked above) */
	sp_run(to, c);
	for (unsigned n = 0; (uint32_t)c->x[0] == FFA_YIELD && n < SP_CALL_MAX_RESUMES; n++)
		sp_run(to, c);
	if ((uint32_t)c->x[0] == FFA_YIELD) {
		/* It keeps yielding and nobody else may resume it (its requester is a partition).
		 */
		printk("partition %s yields without end in a request from %s; aborting it\n",
		       to->vm.name, from->vm.name);
		to->vm.vcpu.state = VCPU_ABORTED;
		to->requester = SPMC_NO_REQUESTER;
		spmc_mem_partition_aborted(to);
		*c = ffa_error(FFA_RET_ABORTED);
	}
	/* `from` runs on: it is this CPU's running partition again. */
	spmc_this_cpu()->running = from;
	from->vm.vcpu.state = VCPU_RUNNING;
}

/* A call a partition makes that the SPMC answers without leaving it. */
static void sp_local_call(struct sp *sp, struct ffa_value *c)
{
	if ((uint32_t)c->x[0] == FFA_VERSION) {
		*c = ffa_version_call(c->x[1], &sp->rxtx.version);
		return;
	}
	if (common_call(c, true) || rxtx_handle_call(&sp->rxtx, &sp->vm, c, partition_cfgs,
						     spmc_partition_count, visible_to_sp, sp))
		return;
	switch (smccc_fid_id(c->x[0])) {
	case FFA_ID_GET:
		*c = ffa_success(sp->vm.id);
		return;
	case SMCCC_VERSION:
	case SMCCC_ARCH_FEATURES:
		smccc_answer(c, smccc_arch_answer(smccc_fid_id(c->x[0]), c->x[1]));
		return;
	case FFA_MSG_SEND_DIRECT_REQ_32:
	case FFA_MSG_SEND_DIRECT_REQ_64:
		sp_to_sp_request(sp, c);
		return;
	default:
		if (spmc_mem_sp_call(sp, c) || hyp_test_call(&sp->vm.vcpu, c))
			return;
		if (smccc_decode(c->x[0]).service == SMCCC_SVC_FFA)
			*c = ffa_error(FFA_RET_NOT_SUPPORTED);
		else
			smccc_answer(c, SMCCC_UNKNOWN);
		return;
	}
}

/*
 * A response names the partition and its requester, has the request's width, and the flags
 * of the request's kind: 0 for a partition message, the framework bit and the response type
 * for a framework message (FF-A v1.1 §15.3, §18.3: type + 1).
 */
static bool valid_response(const struct sp *sp, const struct ffa_value *c)
{
	bool is64 = (uint32_t)c->x[0] == FFA_MSG_SEND_DIRECT_RESP_64;
	uint32_t fwk = sp->request_kind >> 1;
	uint64_t flags = fwk ? (FFA_MSG_FLAG_FRAMEWORK | (fwk + 1u)) : 0;

	return ffa_direct_ids_ok(c->x[1]) && ffa_msg_sender(c->x[1]) == sp->vm.id &&
	       ffa_msg_receiver(c->x[1]) == sp->requester && is64 == spmc_request_is_64(sp) &&
	       c->x[2] == flags;
}

/* Interrupts masked for the rest of one sp_run() (interrupt_exit()). */
struct irq_mask {
	bool masked;
	uint64_t saved;
};

/*
 * A normal-world interrupt stopped partition `sp` (a Non-secure Group 1 interrupt is a FIQ while
 * the secure world runs, taken here through HCR_EL2.FMO). Inside a VM's partition message the
 * CPU goes back to the normal world at once (FF-A's "signaled" action, no managed exit): the
 * partition becomes PREEMPTED with every register as it was, and the VM gets FFA_INTERRUPT
 * (w1 = partition ID << 16 | vCPU 0, the rest 0) to resume it with FFA_RUN. Elsewhere (boot,
 * another partition's request, which runs nested on this stack, a framework message, whose
 * sender does not resume) the SPMC masks every interrupt for the rest of this run and resumes
 * the partition; sp_run() restores the mask before it returns to the outer partition or the
 * normal world. Returns true when sp_run() must return (*m holds FFA_INTERRUPT).
 */
static bool interrupt_exit(struct sp *sp, struct ffa_value *m, struct irq_mask *mask)
{
	if (sp->requester != SPMC_NO_REQUESTER && sp->requester != FFA_ID_HYPERVISOR &&
	    !ffa_id_is_secure((ffa_id_t)sp->requester)) {
		sp->vm.vcpu.state = VCPU_PREEMPTED;
		*m = ffa_answer_w0(FFA_INTERRUPT);
		m->x[1] = (uint64_t)sp->vm.id << 16;
		return true;
	}
	mask->saved = arch_irq_mask();
	mask->masked = true;
	return false;
}

/*
 * Run a partition until it leaves RUNNING. While handling a request, the
 * result for the requester (DIRECT_RESP, FFA_YIELD, FFA_INTERRUPT or an error) goes to *m.
 */
static void sp_run_masked(struct sp *sp, struct ffa_value *m, struct irq_mask *mask)
{
	struct spmc_cpu *cpu = spmc_this_cpu();

	sp->vm.vcpu.state = VCPU_RUNNING;
	cpu->running = sp;
	for (;;) {
		struct vcpu_exit e = vcpu_run(&sp->vm.vcpu);
		/*
		 * The partition that exited is cpu->running: the fast path may have
		 * delivered a new request to another partition meanwhile, having
		 * finished this one's answer itself (spmc_fast.S).
		 */
		struct vcpu *v = &(sp = cpu->running)->vm.vcpu;
		bool in_request = sp->requester != SPMC_NO_REQUESTER;
		struct ffa_value *c = vcpu_ffa(v);

		/* Once masked, nothing can interrupt it: another one is unexpected (abort). */
		if (e.reason == VCPU_EXIT_INTERRUPT && !mask->masked) {
			if (interrupt_exit(sp, m, mask))
				return;
			continue;
		}
		if (e.reason != VCPU_EXIT_CALL) {
			sp_abort(sp, &e);
			if (in_request)
				*m = ffa_error(FFA_RET_ABORTED);
			return;
		}
		if (smccc_is_ffa(c->x[0]))
			c->x[0] = smccc_fid_id(c->x[0]);
		switch ((uint32_t)c->x[0]) {
		case FFA_MSG_SEND_DIRECT_RESP_32:
		case FFA_MSG_SEND_DIRECT_RESP_64:
			if (!in_request) {
				*c = ffa_error(FFA_RET_DENIED);
			} else if (!valid_response(sp, c)) {
				*c = ffa_error(FFA_RET_INVALID_PARAMETERS);
			} else {
				ffa_copy(m, c);
				v->state = VCPU_WAITING;
				sp->requester = SPMC_NO_REQUESTER;
				return;
			}
			break;
		case FFA_MSG_WAIT:
			if (in_request) {
				/* A request must be answered with a direct response. */
				*c = ffa_error(FFA_RET_DENIED);
				break;
			}
			v->state = VCPU_WAITING;
			return;
		case FFA_YIELD:
			if (!in_request) {
				*c = ffa_success(0);
				break;
			}
			/* It resumes from FFA_YIELD with FFA_SUCCESS when the NWd runs it. */
			*c = ffa_success(0);
			v->state = VCPU_BLOCKED;
			*m = ffa_answer_w0(FFA_YIELD);
			m->x[1] = (uint64_t)sp->vm.id << 16;
			return;
		case FFA_ERROR:
			/* A partition reports a fatal error (in boot or in a request): abort it. */
			printk("partition %s reported error %d; aborting it\n", sp->vm.name,
			       (int)c->x[2]);
			v->state = VCPU_ABORTED;
			sp->requester = SPMC_NO_REQUESTER;
			spmc_mem_partition_aborted(sp);
			if (in_request)
				*m = ffa_error(FFA_RET_ABORTED);
			return;
		default:
			sp_local_call(sp, c);
			break;
		}
	}
}

static void sp_run(struct sp *sp, struct ffa_value *m)
{
	struct irq_mask mask = { false, 0 };

	sp_run_masked(sp, m, &mask);
	if (mask.masked)
		arch_irq_restore(mask.saved);
}

unsigned spmc_boot_partitions(const struct sys_sp *cfgs, unsigned count, struct s2_pool *pool)
{
	unsigned serving = 0;

	spmc_partition_count = count;
	partition_cfgs = cfgs;
	for (unsigned i = 0; i < count; i++) {
		struct sp *sp = &spmc_partitions[i];
		const struct sys_sp *cfg = &cfgs[i];

		sp->cfg = cfg;
		sp->requester = SPMC_NO_REQUESTER;
		spmc_sp_by_low[cfg->ffa_id & 0xff] = sp;
		sp->accepts_direct = (cfg->properties & FFA_PART_PROP_DIRECT_REQ_RECV) != 0;
		for (unsigned v = 0; v < cfg->allowed_vm_count; v++)
			idset_add(&sp->allowed_vms, cfg->allowed_vm[v]);
		if (vm_init(&sp->vm, cfg->ffa_id, cfg->name, &cfg->mem, cfg->devs, cfg->dev_count,
			    cfg->boot_arg, pool))
			panic("spmc: cannot build stage 2 for partition %s", cfg->name);
		printk("starting partition %s (ID 0x%x) at S-EL1, IPA 0x%lx -> PA 0x%lx\n",
		       cfg->name, cfg->ffa_id, (unsigned long)cfg->mem.ipa,
		       (unsigned long)cfg->mem.pa);
		sp_run(sp, 0);
		if (sp->vm.vcpu.state == VCPU_WAITING) {
			printk("partition %s is waiting for messages (FFA_MSG_WAIT)\n", cfg->name);
			serving++;
		} else {
			printk("partition %s failed to boot; it will not be served\n", cfg->name);
		}
	}
	return serving;
}

/* Common checks for a normal-world call addressed to partition `id`. */
static struct sp *nwd_target(ffa_id_t caller, ffa_id_t id, struct ffa_value *m)
{
	struct sp *sp = spmc_find_sp(id);

	/* The normal world speaks only for VMs (or the hypervisor, ID 0). */
	if (ffa_id_is_secure(caller) || !sp) {
		*m = ffa_error(FFA_RET_INVALID_PARAMETERS);
		return 0;
	}
	if (!vm_may_call(sp, caller)) {
		/* Rate-limited: the normal world repeating it must not keep the SPMC printing. */
		printk_limited(&sp->log, "denied: VM 0x%x is not bound to partition %s\n", caller,
			       sp->vm.name);
		*m = ffa_error(FFA_RET_DENIED);
		return 0;
	}
	if (sp->vm.vcpu.state == VCPU_ABORTED) {
		*m = ffa_error(FFA_RET_ABORTED);
		return 0;
	}
	return sp;
}

/*
 * A framework message from the normal world: only VM availability (VM created or
 * destroyed, §18.3), only from the hypervisor (ID 0), about a VM ID, to a partition
 * that subscribed to it. Returns the partition, or NULL with *m the error.
 */
static struct sp *vm_availability_target(struct ffa_value *m)
{
	uint32_t type = (uint32_t)m->x[2] & FFA_FWK_MSG_TYPE_MASK;
	struct sp *sp = spmc_find_sp(ffa_msg_receiver(m->x[1]));
	uint32_t wants =
	    type == FFA_FWK_VM_CREATED ? FFA_PART_PROP_VM_CREATED : FFA_PART_PROP_VM_DESTROYED;

	if (ffa_msg_sender(m->x[1]) != FFA_ID_HYPERVISOR || !sp ||
	    (type != FFA_FWK_VM_CREATED && type != FFA_FWK_VM_DESTROYED) ||
	    ((uint32_t)m->x[2] & ~(FFA_MSG_FLAG_FRAMEWORK | FFA_FWK_MSG_TYPE_MASK)) ||
	    m->x[5] == 0 || m->x[5] > 0x7fff) {
		*m = ffa_error(FFA_RET_INVALID_PARAMETERS);
		return 0;
	}
	if (!(sp->cfg->properties & wants)) {
		*m = ffa_error(FFA_RET_DENIED);
		return 0;
	}
	if (sp->vm.vcpu.state == VCPU_ABORTED) {
		*m = ffa_error(FFA_RET_ABORTED);
		return 0;
	}
	return sp;
}

static void direct_req(struct ffa_value *m)
{
	ffa_id_t sender = ffa_msg_sender(m->x[1]);
	struct sp *sp;

	if (!ffa_direct_args_ok(m)) {
		*m = ffa_error(FFA_RET_INVALID_PARAMETERS);
		return;
	}
	if (m->x[2] & FFA_MSG_FLAG_FRAMEWORK)
		sp = vm_availability_target(m);
	else
		sp = nwd_target(sender, ffa_msg_receiver(m->x[1]), m);
	if (!sp)
		return;
	/* Its messaging capabilities (partition properties) say whether it takes requests. */
	if (!sp->accepts_direct) {
		*m = ffa_error(FFA_RET_DENIED);
		return;
	}
	if (sp->vm.vcpu.state != VCPU_WAITING) {
		*m = ffa_error(FFA_RET_BUSY);
		return;
	}
	ffa_copy(vcpu_ffa(&sp->vm.vcpu), m);
	sp->requester = sender;
	sp->request_kind = spmc_request_kind(m);
	sp_run(sp, m);
}

/* FFA_RUN: w1 = [31:16] target partition, [15:0] execution context (only 0 exists). */
static void run(struct ffa_value *m)
{
	ffa_id_t target = (ffa_id_t)(m->x[1] >> 16);
	struct sp *sp = spmc_find_sp(target);

	if (!sp || !ffa_run_args_ok(m->x[1])) {
		*m = ffa_error(FFA_RET_INVALID_PARAMETERS);
		return;
	}
	switch (sp->vm.vcpu.state) {
	case VCPU_BLOCKED:
	case VCPU_PREEMPTED:
		/* Only a request from the normal world is the normal world's to resume. It goes
		 * on from where it yielded or was interrupted: no register is written here. */
		if (ffa_id_is_secure((ffa_id_t)sp->requester)) {
			*m = ffa_error(FFA_RET_DENIED);
			return;
		}
		sp_run(sp, m);
		return;
	case VCPU_WAITING:
		*m = ffa_success(0); /* nothing pending: it stays waiting */
		return;
	case VCPU_ABORTED:
		*m = ffa_error(FFA_RET_ABORTED);
		return;
	default:
		*m = ffa_error(FFA_RET_BUSY);
		return;
	}
}

void spmc_nwd_call(struct ffa_value *m)
{
	switch ((uint32_t)m->x[0]) {
	case FFA_MSG_SEND_DIRECT_REQ_32:
	case FFA_MSG_SEND_DIRECT_REQ_64:
		direct_req(m);
		return;
	case FFA_RUN:
		run(m);
		return;
	case FFA_ID_GET:
		*m = ffa_success(FFA_ID_HYPERVISOR);
		return;
	default:
		if (common_call(m, false) || spmc_mem_nwd_call(m))
			return;
		*m = ffa_error(FFA_RET_NOT_SUPPORTED);
		return;
	}
}
