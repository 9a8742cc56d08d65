// SPDX-License-Identifier: BSD-3-Clause
/*
 * The SPMC's FF-A dispatcher and partition runtime model (FF-A v1.1 §4.10,
 * §13-15), as data: every handler takes the vCPU that stopped (a partition, or
 * the normal world as the other-world vCPU) and returns the vCPU to run next;
 * the exit vectors (hyp/arch/aarch64/exceptions.S) and the other-world loop
 * (arch/aarch64/other_world.S) only move registers. Each partition has one
 * execution context whose state is one of WAITING, RUNNING, BLOCKED (yielded
 * inside a request), PREEMPTED (stopped by a normal-world interrupt inside a
 * VM's request), CALLING (waiting for another partition's answer) or ABORTED,
 * and only these transitions exist:
 *   OFF -> RUNNING         its turn to boot (after the previous partition's boot)
 *   WAITING -> RUNNING     a direct request is delivered
 *   RUNNING -> WAITING     FFA_MSG_WAIT (boot: the next partition boots, or the normal world
 *                          gets FFA_MSG_WAIT after the last) or FFA_MSG_SEND_DIRECT_RESP
 *                          (the requester runs next with it)
 *   RUNNING -> CALLING     a direct request to another partition, which runs next
 *   CALLING -> RUNNING     that partition's response, or FFA_ERROR(ABORTED) if it aborted
 *   RUNNING -> BLOCKED     FFA_YIELD inside a VM's request; the VM gets FFA_YIELD. Inside a
 *                          partition's request it is resumed at once instead (nobody else
 *                          may resume it), and aborted after SP_CALL_MAX_RESUMES
 *   RUNNING -> PREEMPTED   an interrupt inside a normal-world message (a VM's, or the
 *                          hypervisor's framework message), or inside a request of a call
 *                          chain one started; its sender gets FFA_INTERRUPT (naming the
 *                          chain's head) and the partition's registers stay as they were
 *   BLOCKED, PREEMPTED -> RUNNING   FFA_RUN from the normal world (a normal-world request
 *                          only; a chain's preempted tail through FFA_RUN of its head)
 *   RUNNING -> ABORTED     a fault, an unexpected trap, or FFA_ERROR from the partition
 * and, for secure interrupts (irq_spmc.c keeps the sets; docs/abi/ffa.md):
 *   WAITING -> RUNNING     one of its interrupts is pending and the normal world would run
 *                          next: it gets FFA_INTERRUPT (w1 = 0, w2 = INTID), an interrupt run
 *   RUNNING -> WAITING     FFA_MSG_WAIT ends an interrupt run: its INTID is deactivated and
 *                          the normal world goes on (FFA_NORMAL_WORLD_RESUME to the monitor if
 *                          the interrupt stopped it, else the answer it was about to get)
 *   RUNNING -> PREEMPTED   a normal-world interrupt in an interrupt run: the normal world
 *                          runs; the run resumes (-> RUNNING) the next time the SPMC would
 *                          return to the normal world, and aborts after SP_IRQ_MAX_PREEMPTS
 * A secure interrupt for the partition that runs is signalled to it (HCR_EL2.VI,
 * HYPCALL_INTERRUPT_GET) and deactivated when that run ends.
 * An interrupt anywhere else (boot, a chain a secure interrupt's handler
 * started) cannot give the CPU back: it is masked at the GIC until that run of
 * the partition ends (struct spmc_cpu.on_return, run_ended()). No partition runs
 * inside a C call of another: a call between partitions is the CALLING state.
 * Every value from the normal world or a partition is checked; a bad one
 * gets the spec's error and changes nothing. The common cases (a VM's direct
 * request delivered, a partition's direct response) are the first tests of
 * the two entries and use the same checks as every other path. Register rules
 * and MBZ checks: <abi/ffa_rules.h> (SMCCC answers write x0 only; FF-A
 * answers x0-x7).
 */
#include <abi/ffa_rules.h>
#include <abi/hypcall.h>
#include <abi/smccc.h>
#include <hyp/test_hooks.h>
#include <lib/print.h>
#include <stddef.h>

#include "msg_spmc.h"
#include "notif_spmc.h"
#include "spmc.h"

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

struct sp spmc_partitions[SYS_MAX_SPS];
struct spmc_cpu spmc_cpus[PLAT_MAX_CPUS];
unsigned spmc_partition_count;
unsigned spmc_serving;
static const struct sys_sp *partition_cfgs; /* the description's array, for discovery */

/* Boot: the next partition to start, the pool their stage 2 comes from, its use after boot. */
static unsigned boot_index;
static struct s2_pool *boot_pool;
static unsigned booted_tables;

/* The normal world, seen from here: the pseudo-VM 0 (Hafnium's HF_OTHER_WORLD_ID). */
static struct vm other_world_vm = { .id = FFA_ID_HYPERVISOR, .name = "normal world" };

/* Index of the partitions by the low byte of their ID (unique, validated on the host). */
static struct sp *sp_by_low[256];

struct sp *spmc_find_sp(ffa_id_t id)
{
	struct sp *sp = sp_by_low[id & 0xff];

	return sp && sp->vm.id == id ? sp : 0;
}

static inline struct sp *sp_of(struct vcpu *v)
{
	/* Its only vCPU (v->vm with more: one load more on the hot path, once SMP needs it). */
	_Static_assert(VM_MAX_VCPUS == 1, "one vCPU per VM");
	return (struct sp *)(void *)((char *)v - offsetof(struct sp, vm.vcpus[0]));
}

/* Binding policy, enforced on the secure side whatever the normal world did. */
static inline bool vm_may_call(const struct sp *sp, ffa_id_t vm_id)
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

/*
 * FFA_FEATURES (FF-A v1.1 §13.3): what works for this caller, nothing else (a conformance
 * suite skips what is not advertised and tests what is). `sp` is the calling partition, NULL
 * for the normal world (its hypervisor, ID 0). A partition may send direct requests only with
 * property bit 1 and answers them only with bit 0 (table 6.2; ACS ffa_features cross-checks
 * both against the partition's properties); the normal world sends requests and never
 * answers one.
 */
static bool ffa_supported(uint32_t fid, const struct sp *sp)
{
	bool from_partition = sp != NULL;

	if (spmc_mem_supported(fid, from_partition) || spmc_notif_supported(fid, from_partition) ||
	    spmc_msg_supported(fid, sp))
		return true;
	switch (fid) {
	case FFA_ERROR:
	case FFA_SUCCESS_32:
	case FFA_INTERRUPT: /* mandatory: a preempted request's answer, a secure interrupt's run */
	case FFA_VERSION:
	case FFA_FEATURES:
	case FFA_ID_GET:
	case FFA_SPM_ID_GET:
		return true;
	case FFA_SUCCESS_64: /* the answer of FFA_NOTIFICATION_INFO_GET_64, the normal world's */
		return !from_partition;
	case FFA_MSG_SEND_DIRECT_REQ_32:
	case FFA_MSG_SEND_DIRECT_REQ_64:
		return !sp || (sp->cfg->properties & FFA_PART_PROP_DIRECT_REQ_SEND);
	case FFA_MSG_SEND_DIRECT_RESP_32:
	case FFA_MSG_SEND_DIRECT_RESP_64:
		return sp && sp->accepts_direct;
	case FFA_RUN:
		return !from_partition;
	case FFA_FEATURE_NPI: /* a partition's, SPMC_NPI_INTID (§10.7.1) */
		return from_partition;
	case FFA_FEATURE_SRI: /* the normal world's scheduler's, SYS_IRQ_SRI (§10.7.2) */
		return !from_partition;
	case FFA_FEATURE_MEI: /* Non-secure interrupts are "signaled", never a managed exit */
		return false;
	case FFA_RXTX_MAP_32:
	case FFA_RXTX_MAP_64:
	case FFA_RXTX_UNMAP:
		return true; /* the normal world's are those of its hypervisor (ID 0) */
	case FFA_RX_RELEASE: /* the normal world's: of its hypervisor's RX or, forwarded, a VM's */
	case FFA_PARTITION_INFO_GET:
		return true;
	case FFA_MSG_WAIT:
	case FFA_YIELD:
		return from_partition;
	default:
		return false;
	}
}

/* FFA_VERSION, FFA_FEATURES, FFA_SPM_ID_GET, for a partition `sp` or the normal world (NULL). */
static bool common_call(struct ffa_value *m, const struct sp *sp)
{
	switch ((uint32_t)m->x[0]) {
	case FFA_VERSION: {
		/* The normal world's version is negotiated by nshyp with its guests. */
		uint32_t ignored;

		*m = ffa_version_call(m->x[1], &ignored);
		return true;
	}
	case FFA_FEATURES: {
		uint32_t fid = (uint32_t)m->x[1];

		*m =
		    ffa_supported(fid, sp) && spmc_mem_feature_input_ok(fid, (uint32_t)m->x[2], sp)
			? ffa_success(spmc_mem_feature_bits(fid, sp) | spmc_notif_feature_bits(fid))
			: ffa_error(FFA_RET_NOT_SUPPORTED);
		return true;
	}
	case FFA_SPM_ID_GET:
		*m = ffa_success(FFA_ID_SPMC);
		return true;
	default:
		return false;
	}
}

/* A call a partition makes that the SPMC answers without leaving it. */
static void sp_local_call(struct sp *sp, struct ffa_value *c)
{
	if ((uint32_t)c->x[0] == FFA_VERSION) {
		*c = ffa_version_call(c->x[1], &sp->rxtx.version);
		return;
	}
	if (common_call(c, sp) || rxtx_handle_call(&sp->rxtx, &sp->vm, c, partition_cfgs,
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
	case HYPCALL_INTERRUPT_GET:
		smccc_answer(c, spmc_irq_get(sp));
		return;
	default:
		if (spmc_mem_sp_call(sp, c) || spmc_notif_sp_call(sp, c) ||
		    spmc_msg_sp_call(sp, c) || spmc_attest_call(sp, c) ||
		    hyp_test_call(&sp->vm.vcpus[0], c))
			return;
		if (smccc_decode(c->x[0]).service == SMCCC_SVC_FFA)
			*c = ffa_error(FFA_RET_NOT_SUPPORTED);
		else
			smccc_answer(c, SMCCC_UNKNOWN);
		return;
	}
}

/*
 * A response is the one its request takes (struct sp: resp_*, set by deliver()): its width,
 * the IDs swapped, w2 exactly (0, or the framework response type): a reserved bit of w2 set is
 * not a response (FF-A v1.1 §15.3; ACS ffa_direct_message_64: w2 = 0xFFFF gets
 * INVALID_PARAMETERS from sp_call() and the request stays pending). One test of the three
 * (no short circuit: fewer branches on the answer's path).
 */
static inline bool valid_response(const struct sp *sp, const struct ffa_value *c)
{
	return ((smccc_fid_id(c->x[0]) ^ sp->resp_fid) | (c->x[1] ^ sp->resp_w1) |
		(c->x[2] ^ sp->resp_w2)) == 0;
}

/* How often the SPMC resumes a partition that yields inside another partition's request. */
#define SP_CALL_MAX_RESUMES 64

/* The interrupts masked for the run that just ended come back (interrupt_exit()), and the
 * secure interrupts it handled are deactivated. */
static __attribute__((noinline)) void unmask(struct spmc_cpu *cpu)
{
	if (cpu->on_return & SPMC_RETURN_UNMASK)
		arch_irq_restore(cpu->irq_saved);
	if (cpu->on_return & SPMC_RETURN_DEACT)
		spmc_irq_run_ended(cpu->deact_sp);
	cpu->on_return &= (uint8_t) ~(SPMC_RETURN_UNMASK | SPMC_RETURN_DEACT);
}

/* A partition's run ended (it answered, waits, yielded, was preempted or aborted). */
static inline void run_ended(struct spmc_cpu *cpu)
{
	if (unlikely(cpu->on_return & (SPMC_RETURN_UNMASK | SPMC_RETURN_DEACT)))
		unmask(cpu);
}

/* Partition sp's run holds active secure INTIDs: deactivated when it ends (run_ended()). */
static void hold_active(struct spmc_cpu *cpu, struct sp *sp)
{
	cpu->deact_sp = sp;
	cpu->on_return |= SPMC_RETURN_DEACT;
}

static struct vcpu *irq_detour(struct spmc_cpu *cpu);

/*
 * What must happen before the CPU goes back to the normal world (struct spmc_cpu): the run that
 * ended is cleaned up, and secure interrupts waiting for their partitions are handled first
 * (irq_detour(): the answer for the normal world waits in its own frame meanwhile), unless this
 * return is for a Non-secure interrupt (SPMC_RETURN_NS_IRQ).
 */
static __attribute__((noinline)) struct vcpu *before_return(struct spmc_cpu *cpu)
{
	uint8_t keep;

	run_ended(cpu);
	if ((cpu->on_return & (SPMC_RETURN_IRQ | SPMC_RETURN_NS_IRQ)) == SPMC_RETURN_IRQ) {
		struct vcpu *v = irq_detour(cpu);

		if (v)
			return v;
	}
	if ((cpu->on_return & (SPMC_RETURN_REPORT | SPMC_RETURN_NS_IRQ)) == SPMC_RETURN_REPORT)
		/* What the VM's sharing left in the partitions' stage 2 (nothing, normally). */
		printk("VM %lu gone: %u stage-2 tables in use (%u after boot)\n",
		       (unsigned long)cpu->gone_vm, boot_pool ? boot_pool->used : 0, booted_tables);
	/* Kept: an interrupt that waits for its partition; the report of a VM_DESTROYED message
	 * an interrupt preempted (made once the message is answered). */
	if (cpu->on_return & SPMC_RETURN_SRI)
		spmc_arch_sri_send(); /* a delayed one: the partitions' runs are over */
	keep = SPMC_RETURN_IRQ;
	if (cpu->on_return & SPMC_RETURN_NS_IRQ)
		keep |= SPMC_RETURN_REPORT;
	cpu->on_return &= keep;
	return &cpu->other_world;
}

/*
 * The normal world runs next, with the x0-x7 of *frame: a vCPU's frame that nothing changes
 * before the other-world loop's SMC carries it (struct spmc_cpu: SPMC_OW_ARGS).
 */
static inline struct vcpu *to_other_world_with(const struct ffa_value *frame)
{
	struct spmc_cpu *cpu = spmc_this_cpu();

	cpu->other_world.regs.x[SPMC_OW_ARGS] = (uint64_t)(uintptr_t)frame;
	if (unlikely(cpu->on_return != 0))
		return before_return(cpu);
	return &cpu->other_world;
}

/* The normal world runs next, with *answer (copied into its frame). */
static struct vcpu *to_other_world(const struct ffa_value *answer)
{
	struct vcpu *ow = &spmc_this_cpu()->other_world;

	ffa_copy(vcpu_ffa(ow), answer);
	return to_other_world_with(vcpu_ffa(ow));
}

/* The partition that waits for this answer (CALLING) runs next with it. */
static __attribute__((noinline)) struct vcpu *to_caller(struct sp *caller,
							const struct ffa_value *answer)
{
	run_ended(spmc_this_cpu());
	ffa_copy(vcpu_ffa(&caller->vm.vcpus[0]), answer);
	caller->vm.vcpus[0].state = VCPU_RUNNING;
	return &caller->vm.vcpus[0];
}

/*
 * A request ended: its requester (a partition waiting in CALLING, or a VM) runs next with
 * *answer, which is in a vCPU's frame (the answering partition's) or copied (`copy`).
 */
static inline struct vcpu *to_requester(uint32_t requester, const struct ffa_value *answer,
					bool copy)
{
	if (unlikely(ffa_id_is_secure((ffa_id_t)requester)))
		return to_caller(spmc_find_sp((ffa_id_t)requester), answer);
	return copy ? to_other_world(answer) : to_other_world_with(answer);
}

/* Partition `sp` takes request *m from `requester` and runs next. */
static inline struct vcpu *deliver(struct sp *sp, const struct ffa_value *m, uint32_t requester)
{
	uint64_t fwk = (m->x[2] & FFA_MSG_FLAG_FRAMEWORK) ? m->x[2] & FFA_FWK_MSG_TYPE_MASK : 0;

	sp->requester = requester;
	/* The response of either width is the request's function ID + 1 (m: a direct request). */
	_Static_assert(FFA_MSG_SEND_DIRECT_RESP_32 == FFA_MSG_SEND_DIRECT_REQ_32 + 1 &&
			   FFA_MSG_SEND_DIRECT_RESP_64 == FFA_MSG_SEND_DIRECT_REQ_64 + 1,
		       "FF-A direct message IDs");
	sp->resp_fid = (uint32_t)m->x[0] + 1;
	sp->resp_w1 = ffa_msg_ids(sp->vm.id, (ffa_id_t)requester);
	/* A framework type here is one already validated (VM created or destroyed). */
	sp->resp_w2 = fwk ? FFA_MSG_FLAG_FRAMEWORK | (fwk + 1) : 0;
	sp->vm.vcpus[0].state = VCPU_RUNNING;
	ffa_copy(vcpu_ffa(&sp->vm.vcpus[0]), m);
	vcpu_ffa(&sp->vm.vcpus[0])->x[0] = (uint32_t)m->x[0];
	if (!ffa_fid_is_64(m->x[0]))
		ffa_zero_extend_args(vcpu_ffa(&sp->vm.vcpus[0]));
	return &sp->vm.vcpus[0];
}

/*
 * deliver() for the normal world's common case, a partition message DIRECT_REQ_32 (w0 exactly,
 * w1 checked with nothing above bit 31, w2 = 0): w3-w7 are loaded as 32-bit words, so the
 * partition gets them zero-extended (ffa_zero_extend_args()) at no cost over a copy.
 */
static inline struct vcpu *deliver_32(struct sp *sp, const struct ffa_value *m, uint64_t x1,
				      ffa_id_t requester)
{
	struct ffa_value *d = vcpu_ffa(&sp->vm.vcpus[0]);
	uint32_t fid = (uint32_t)m->x[0];
	uint64_t a, b;

	/* fid is FFA_MSG_SEND_DIRECT_REQ_32, already in a register: not rebuilt as a constant. */
	__asm__("" : "+r"(fid));
	sp->requester = requester;
	sp->resp_fid = fid + 1;
	/* ffa_msg_ids(receiver, sender): w1's halves swapped (x1[63:32] is 0: one ROR). */
	sp->resp_w1 = (uint32_t)((x1 >> 16) | (x1 << 16));
	sp->resp_w2 = 0;
	sp->vm.vcpus[0].state = VCPU_RUNNING;
	/* Pairs loaded before they are stored (STP), few registers live: no stack frame. */
	d->x[0] = fid;
	d->x[1] = x1;
	a = ffa_load_w(m, 3);
	d->x[2] = 0;
	d->x[3] = a;
	a = ffa_load_w(m, 4);
	b = ffa_load_w(m, 5);
	d->x[4] = a;
	d->x[5] = b;
	a = ffa_load_w(m, 6);
	b = ffa_load_w(m, 7);
	d->x[6] = a;
	d->x[7] = b;
	return &sp->vm.vcpus[0];
}

/* Partition `sp` answered its request with *c (a valid response): it waits again. */
static inline struct vcpu *request_done(struct sp *sp, const struct ffa_value *c)
{
	uint32_t requester = sp->requester;

	sp->vm.vcpus[0].state = VCPU_WAITING;
	sp->requester = SPMC_NO_REQUESTER;
	sp->resp_fid = SPMC_NO_RESPONSE;
	/* c is its frame, which nothing changes until the answer has left: no copy. */
	return to_requester(requester, c, false);
}

static struct vcpu *boot_next(void);
static struct vcpu *irq_run_done(struct spmc_cpu *cpu);

/* A booting partition stopped: waiting (it serves) or aborted. The next one boots. */
static struct vcpu *boot_done(struct sp *sp)
{
	run_ended(spmc_this_cpu());
	if (sp->vm.vcpus[0].state == VCPU_WAITING) {
		printk("partition %s is waiting for messages (FFA_MSG_WAIT)\n", sp->vm.name);
		spmc_serving++;
	} else {
		printk("partition %s failed to boot; it will not be served\n", sp->vm.name);
	}
	return boot_next();
}

/* Partition `sp` stops for good; whoever waits for it (its requester, or the boot) goes on. */
static struct vcpu *abort_partition(struct sp *sp)
{
	uint32_t requester = sp->requester;
	struct ffa_value aborted = ffa_error(FFA_RET_ABORTED);

	sp->vm.vcpus[0].state = VCPU_ABORTED;
	sp->requester = SPMC_NO_REQUESTER;
	sp->resp_fid = SPMC_NO_RESPONSE;
	spmc_mem_partition_aborted(sp);
	if (unlikely(spmc_this_cpu()->on_return & SPMC_RETURN_DEACT) &&
	    spmc_this_cpu()->deact_sp == sp)
		spmc_this_cpu()->on_return &= (uint8_t)~SPMC_RETURN_DEACT;
	spmc_irq_partition_aborted(sp);
	spmc_notif_partition_aborted(sp);
	if (spmc_this_cpu()->irq_sp == sp)
		return irq_run_done(spmc_this_cpu());
	if (requester == SPMC_NO_REQUESTER)
		return boot_done(sp);
	return to_requester(requester, &aborted, true);
}

/*
 * A direct request from partition `from` to another partition (FF-A v1.1 §15.2): the sender
 * must be `from` itself; the sender must send and the receiver take direct requests (their
 * partition properties); the receiver must be waiting. The receiver runs next and `from` waits
 * for its answer (CALLING), so a request back to it is BUSY and no cycle can form.
 */
static struct vcpu *sp_to_sp_request(struct sp *from, struct ffa_value *c)
{
	struct sp *to = spmc_find_sp(ffa_msg_receiver(c->x[1]));

	/* Partitions send partition messages only: w2 = 0. */
	if (ffa_msg_sender(c->x[1]) != from->vm.id || !ffa_direct_ids_ok(c->x[1]) || !to ||
	    to == from || c->x[2] != 0) {
		*c = ffa_error(FFA_RET_INVALID_PARAMETERS);
		return &from->vm.vcpus[0];
	}
	if (!(from->cfg->properties & FFA_PART_PROP_DIRECT_REQ_SEND) || !to->accepts_direct) {
		*c = ffa_error(FFA_RET_DENIED);
		return &from->vm.vcpus[0];
	}
	if (to->vm.vcpus[0].state != VCPU_WAITING) {
		*c = ffa_error(to->vm.vcpus[0].state == VCPU_ABORTED ? FFA_RET_ABORTED
								     : FFA_RET_BUSY);
		return &from->vm.vcpus[0];
	}
	from->vm.vcpus[0].state = VCPU_CALLING;
	run_ended(spmc_this_cpu()); /* its secure interrupts are deactivated, VI cleared */
	to->resumes = 0;
	return deliver(to, c, from->vm.id); /* never a framework message (checked above) */
}

/*
 * FFA_YIELD inside a request (it resumes from FFA_YIELD with FFA_SUCCESS). A VM's request:
 * the partition is BLOCKED and the VM gets FFA_YIELD to resume it with FFA_RUN. A partition's
 * request: nobody else may resume it, so it is resumed at once, and aborted if it still yields
 * after SP_CALL_MAX_RESUMES.
 */
static struct vcpu *yield_in_request(struct sp *sp)
{
	struct ffa_value m = ffa_answer_w0(FFA_YIELD);

	if (ffa_id_is_secure((ffa_id_t)sp->requester)) {
		if (sp->resumes++ < SP_CALL_MAX_RESUMES) {
			run_ended(spmc_this_cpu()); /* and a new one starts */
			return &sp->vm.vcpus[0];
		}
		printk("partition %s yields without end in a request from %s; aborting it\n",
		       sp->vm.name, spmc_find_sp((ffa_id_t)sp->requester)->vm.name);
		return abort_partition(sp);
	}
	sp->vm.vcpus[0].state = VCPU_BLOCKED;
	m.x[1] = (uint64_t)sp->vm.id << 16;
	return to_other_world(&m);
}

/*
 * A request from the normal world: a VM's, or the hypervisor's framework message (not a
 * partition's, nor nobody's: boot). Its sender can resume the partition with FFA_RUN.
 */
static inline bool nwd_request(const struct sp *sp)
{
	return sp->requester != SPMC_NO_REQUESTER && !ffa_id_is_secure((ffa_id_t)sp->requester);
}

/*
 * The head of sp's call chain: the partition whose request came from outside the secure world
 * (or from nobody), following each requester that is a partition (CALLING). A chain is at most
 * one link per partition: a CALLING partition is BUSY to every request, so none forms a cycle.
 */
static struct sp *chain_head(struct sp *sp)
{
	for (unsigned n = 0; n < SYS_MAX_SPS && ffa_id_is_secure((ffa_id_t)sp->requester); n++) {
		struct sp *caller = spmc_find_sp((ffa_id_t)sp->requester);

		if (!caller)
			break;
		sp = caller;
	}
	return sp;
}

/* The end of the chain that starts at `head`: the partition no request of it waits for. */
static struct sp *chain_tail(struct sp *head)
{
	struct sp *sp = head;

	for (unsigned n = 0; n < SYS_MAX_SPS && sp->vm.vcpus[0].state == VCPU_CALLING; n++) {
		struct sp *callee = 0;

		for (unsigned i = 0; i < spmc_partition_count && !callee; i++)
			if (spmc_partitions[i].requester == sp->vm.id)
				callee = &spmc_partitions[i];
		if (!callee)
			break;
		sp = callee;
	}
	return sp;
}

/*
 * A normal-world interrupt stopped partition `sp` (a Non-secure Group 1 interrupt is a FIQ while
 * the secure world runs, taken here through HCR_EL2.FMO). Inside a normal-world request (a VM's,
 * or the hypervisor's framework message), also one that reached `sp` through other partitions'
 * requests (a call chain whose head the normal world called), the CPU goes back to the normal
 * world at once (FF-A's "signaled" action, no managed exit): `sp` becomes PREEMPTED with every
 * register as it was (the partitions before it stay CALLING), and the sender gets FFA_INTERRUPT
 * (w1 = the chain head's ID << 16 | vCPU 0, the rest 0) to resume it with FFA_RUN of the head,
 * the only partition it knows (run() resumes the chain's tail). Elsewhere (boot, a chain a
 * secure interrupt's handler started: nobody would resume it) the SPMC masks every interrupt
 * until this run of the partition ends (run_ended()) and resumes it.
 */
static struct vcpu *irq_run_preempted(struct spmc_cpu *cpu, struct sp *sp);

static struct vcpu *interrupt_exit(struct sp *sp, struct spmc_cpu *cpu)
{
	struct sp *head;

	if (sp == cpu->irq_sp)
		return irq_run_preempted(cpu, sp);
	head = chain_head(sp);
	if (nwd_request(head)) {
		struct ffa_value m = ffa_answer_w0(FFA_INTERRUPT);

		sp->vm.vcpus[0].state = VCPU_PREEMPTED;
		m.x[1] = (uint64_t)head->vm.id << 16;
		cpu->on_return |= SPMC_RETURN_NS_IRQ; /* no interrupt run on this return */
		return to_other_world(&m);
	}
	cpu->irq_saved = arch_irq_mask();
	cpu->on_return |= SPMC_RETURN_UNMASK;
	return &sp->vm.vcpus[0];
}

/* ---- Secure interrupts (docs/abi/ffa.md, "Secure interrupts") ---- */

/* How often a Non-secure interrupt may stop one interrupt run before the partition is aborted. */
#define SP_IRQ_MAX_PREEMPTS 16

/* Partition sp (WAITING) handles `intid`: FFA_INTERRUPT, w1 = 0, w2 = the INTID. */
static struct vcpu *irq_run_start(struct spmc_cpu *cpu, struct sp *sp, uint32_t intid)
{
	struct ffa_value m = ffa_answer_w0(FFA_INTERRUPT);

	m.x[2] = intid;
	cpu->irq_sp = sp;
	sp->irq_preempts = 0;
	hold_active(cpu, sp);
	sp->vm.vcpus[0].state = VCPU_RUNNING;
	ffa_copy(vcpu_ffa(&sp->vm.vcpus[0]), &m);
	return &sp->vm.vcpus[0];
}

/*
 * Before the normal world runs: a partition whose interrupt run was preempted goes on, or a
 * waiting partition takes its next pending interrupt. The normal world's answer (or
 * FFA_NORMAL_WORLD_RESUME) waits in its own frame, which no partition's run touches. NULL: no
 * such work; SPMC_RETURN_IRQ stays set only while an interrupt waits for a partition that is
 * not WAITING (BLOCKED, PREEMPTED, CALLING in a request).
 */
static struct vcpu *irq_detour(struct spmc_cpu *cpu)
{
	struct ffa_value *args =
	    (struct ffa_value *)(uintptr_t)cpu->other_world.regs.x[SPMC_OW_ARGS];
	bool waiting = false;
	uint32_t intid;

	if (args != vcpu_ffa(&cpu->other_world)) {
		ffa_copy(vcpu_ffa(&cpu->other_world), args);
		cpu->other_world.regs.x[SPMC_OW_ARGS] =
		    (uint64_t)(uintptr_t)vcpu_ffa(&cpu->other_world);
	}
	for (unsigned i = 0; i < spmc_partition_count; i++) {
		struct sp *sp = &spmc_partitions[i];

		if (sp->irq_preempted) {
			sp->irq_preempted = 0;
			cpu->irq_sp = sp;
			hold_active(cpu, sp);
			spmc_irq_vi(sp, true);
			sp->vm.vcpus[0].state = VCPU_RUNNING;
			return &sp->vm.vcpus[0];
		}
	}
	for (unsigned i = 0; i < spmc_partition_count; i++) {
		struct sp *sp = &spmc_partitions[i];

		if (sp->vm.vcpus[0].state == VCPU_WAITING && spmc_irq_next(sp, &intid))
			return irq_run_start(cpu, sp, intid);
		waiting |= spmc_irq_waits(sp);
	}
	if (!waiting)
		cpu->on_return &= (uint8_t)~SPMC_RETURN_IRQ;
	return 0;
}

/* An interrupt run ended (FFA_MSG_WAIT, or the partition aborted): the normal world is next. */
static struct vcpu *irq_run_done(struct spmc_cpu *cpu)
{
	cpu->irq_sp = 0;
	run_ended(cpu);
	return to_other_world_with(vcpu_ffa(&cpu->other_world));
}

/*
 * A Non-secure interrupt stopped an interrupt run: the normal world runs at once (its answer or
 * FFA_NORMAL_WORLD_RESUME is in its frame), so a partition that does not finish cannot hold
 * the CPU beyond the normal world's next interrupt. Its INTID stays active (no storm); the run
 * goes on the next time the SPMC returns to the normal world (irq_detour()), and the partition
 * is aborted if it is stopped SP_IRQ_MAX_PREEMPTS times in one run.
 */
static struct vcpu *irq_run_preempted(struct spmc_cpu *cpu, struct sp *sp)
{
	if (++sp->irq_preempts > SP_IRQ_MAX_PREEMPTS) {
		printk("partition %s did not finish its interrupt handling in %d normal-world "
		       "interrupts; aborting it\n",
		       sp->vm.name, SP_IRQ_MAX_PREEMPTS);
		cpu->on_return |= SPMC_RETURN_NS_IRQ; /* the next handler: on the next return */
		return abort_partition(sp);
	}
	sp->irq_preempted = 1;
	sp->vm.vcpus[0].state = VCPU_PREEMPTED;
	spmc_irq_vi(sp, false);
	cpu->irq_sp = 0;
	cpu->on_return = (uint8_t)((cpu->on_return & ~SPMC_RETURN_DEACT) | SPMC_RETURN_IRQ);
	cpu->other_world.regs.x[SPMC_OW_ARGS] = (uint64_t)(uintptr_t)vcpu_ffa(&cpu->other_world);
	return &cpu->other_world; /* not before_return(): that would resume it at once */
}

/*
 * A secure interrupt (a Secure Group 1 interrupt is an IRQ at S-EL2, HCR_EL2.IMO) while
 * partition `sp` runs: acknowledged here. Its own: signalled at once (HCR_EL2.VI). Another
 * partition's: handled before the normal world runs again (SPMC_RETURN_IRQ). sp runs on.
 */
static struct vcpu *secure_irq_exit(struct sp *sp, struct spmc_cpu *cpu)
{
	uint32_t intid;
	struct sp *owner = spmc_irq_take(&intid);

	if (owner == sp) {
		spmc_irq_signal_running(sp);
		hold_active(cpu, sp);
	} else if (owner) {
		cpu->on_return |= SPMC_RETURN_IRQ;
	}
	return &sp->vm.vcpus[0];
}

/*
 * FFA_INTERRUPT from the SPMD (the monitor stopped the normal world for a secure interrupt;
 * the normal world cannot send it, the monitor refuses that): acknowledge it, let its partition
 * handle it, then FFA_NORMAL_WORLD_RESUME gives the CPU back. A spurious one resumes at once.
 */
static struct vcpu *spmd_interrupt(struct vcpu *ow, struct ffa_value *m)
{
	uint32_t intid;

	if (spmc_irq_take(&intid))
		spmc_this_cpu()->on_return |= SPMC_RETURN_IRQ;
	*m = ffa_answer_w0(FFA_NORMAL_WORLD_RESUME);
	return to_other_world_with(m);
}

/*
 * A partition's exit that is not a call: an interrupt, a stage-2 abort its S-EL1 takes (it
 * runs on), or the end of it.
 */
struct vcpu *role_vcpu_exit(struct vcpu *current, const struct vcpu_exit *e)
{
	struct sp *sp = sp_of(current);
	struct spmc_cpu *cpu = spmc_this_cpu();

	/* Once masked, nothing can interrupt it: another one is unexpected (abort). */
	if (e->reason == VCPU_EXIT_INTERRUPT && !(cpu->on_return & SPMC_RETURN_UNMASK))
		return e->syndrome == EXIT_IRQ ? secure_irq_exit(sp, cpu) : interrupt_exit(sp, cpu);
	if (vm_inject_abort(current, e))
		return current;
	vm_report_fault(&sp->vm, e);
	return abort_partition(sp);
}

/* A partition's call, every case but a valid direct response (role_vcpu_call()). */
static __attribute__((noinline)) struct vcpu *sp_call(struct sp *sp, struct ffa_value *c)
{
	struct vcpu *v = &sp->vm.vcpus[0];
	bool in_request = sp->requester != SPMC_NO_REQUESTER;

	if (smccc_is_ffa(c->x[0]))
		c->x[0] = smccc_fid_id(c->x[0]);
	switch ((uint32_t)c->x[0]) {
	case FFA_MSG_SEND_DIRECT_RESP_32:
	case FFA_MSG_SEND_DIRECT_RESP_64:
		*c = ffa_error(in_request ? FFA_RET_INVALID_PARAMETERS : FFA_RET_DENIED);
		return v;
	case FFA_MSG_WAIT:
		if (in_request) {
			/* A request must be answered with a direct response. */
			*c = ffa_error(FFA_RET_DENIED);
			return v;
		}
		v->state = VCPU_WAITING;
		if (spmc_this_cpu()->irq_sp == sp)
			return irq_run_done(spmc_this_cpu());
		return boot_done(sp);
	case FFA_YIELD:
		*c = ffa_success(0);
		return in_request ? yield_in_request(sp) : v;
	case FFA_ERROR:
		/* A partition reports a fatal error (in boot or in a request): abort it. */
		printk("partition %s reported error %d; aborting it\n", sp->vm.name, (int)c->x[2]);
		return abort_partition(sp);
	case FFA_MSG_SEND_DIRECT_REQ_32:
	case FFA_MSG_SEND_DIRECT_REQ_64:
		return sp_to_sp_request(sp, c);
	default:
		sp_local_call(sp, c);
		return v;
	}
}

/*
 * A partition's SMC or HVC (exceptions.S, vm_arch.c). First, the common case: the answer to
 * its request, which its requester (the normal world, usually) gets next.
 */
struct vcpu *role_vcpu_call(struct vcpu *current)
{
	struct sp *sp = sp_of(current);
	struct ffa_value *c = vcpu_ffa(current);

	if (likely(valid_response(sp, c))) {
		c->x[0] = smccc_fid_id(c->x[0]);
		/* w1, w2 are the expected 32-bit values; x3-x7 lose their upper halves. */
		if (likely(!ffa_fid_is_64(sp->resp_fid)))
			ffa_zero_upper_x3_x7(c);
		return request_done(sp, c);
	}
	return sp_call(sp, c);
}

/* Partition `sp` with its description: its stage 2, binding and vCPU. */
static void sp_init(struct sp *sp, const struct sys_sp *cfg)
{
	sp->cfg = cfg;
	sp->requester = SPMC_NO_REQUESTER;
	sp->resp_fid = SPMC_NO_RESPONSE;
	sp_by_low[cfg->ffa_id & 0xff] = sp;
	sp->accepts_direct = (cfg->properties & FFA_PART_PROP_DIRECT_REQ_RECV) != 0;
	for (unsigned v = 0; v < cfg->allowed_vm_count; v++)
		idset_add(&sp->allowed_vms, cfg->allowed_vm[v]);
	if (vm_init(&sp->vm, cfg->ffa_id, cfg->name, &cfg->mem, cfg->devs, cfg->dev_count,
		    cfg->boot_arg, boot_pool))
		panic("spmc: cannot build stage 2 for partition %s", cfg->name);
}

/* The next partition boots; after the last, the normal world gets FFA_MSG_WAIT. */
static struct vcpu *boot_next(void)
{
	struct ffa_value wait = ffa_answer_w0(FFA_MSG_WAIT);

	if (boot_index < spmc_partition_count) {
		struct sp *sp = &spmc_partitions[boot_index];
		const struct sys_sp *cfg = &partition_cfgs[boot_index++];

		sp_init(sp, cfg);
		printk("starting partition %s (ID 0x%x) at S-EL1, IPA 0x%lx -> PA 0x%lx\n",
		       cfg->name, cfg->ffa_id, (unsigned long)cfg->mem.ipa,
		       (unsigned long)cfg->mem.pa);
		sp->vm.vcpus[0].state = VCPU_RUNNING;
		return &sp->vm.vcpus[0];
	}
	printk("all partitions booted (%u stage-2 tables of %u used); telling the monitor with "
	       "FFA_MSG_WAIT\n",
	       boot_pool->used, boot_pool->count);
	booted_tables = boot_pool->used;
	spmc_arch_timer_revoke();
	return to_other_world(&wait);
}

struct vcpu *spmc_boot_partitions(const struct sys_sp *cfgs, unsigned count, struct s2_pool *pool)
{
	struct spmc_cpu *cpu = spmc_this_cpu();

	spmc_partition_count = count;
	partition_cfgs = cfgs;
	boot_pool = pool;
	boot_index = 0;
	spmc_serving = 0;
	cpu->other_world = (struct vcpu){ .other_world = 1, .vm = &other_world_vm };
	cpu->other_world.regs.x[SPMC_OW_ARGS] = (uint64_t)(uintptr_t)vcpu_ffa(&cpu->other_world);
	cpu->on_return = 0;
	cpu->irq_sp = cpu->deact_sp = 0;
	/* INTIDs are owned before any boot (the monitor enabled them): one that fires in an
	 * earlier partition's boot waits for its owner (OFF), not dropped as unowned. */
	for (unsigned i = 0; i < count; i++) {
		spmc_partitions[i].cfg = &cfgs[i];
		spmc_irq_add_owner(&spmc_partitions[i]);
	}
	spmc_notif_init();
	spmc_msg_init();
	return boot_next();
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
	if (sp->vm.vcpus[0].state == VCPU_ABORTED) {
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
	if (sp->vm.vcpus[0].state == VCPU_ABORTED) {
		*m = ffa_error(FFA_RET_ABORTED);
		return 0;
	}
	return sp;
}

/* Is *m the hypervisor telling a partition that a VM is gone (FF-A v1.1 §18.3)? */
static bool vm_destroyed_msg(const struct ffa_value *m)
{
	return (uint32_t)m->x[0] == FFA_MSG_SEND_DIRECT_REQ_32 &&
	       (uint32_t)m->x[2] == (FFA_MSG_FLAG_FRAMEWORK | FFA_FWK_VM_DESTROYED);
}

/* A framework message: the partition it may go to, or NULL with *m the error. */
static struct sp *framework_target(struct ffa_value *m)
{
	if (vm_destroyed_msg(m)) {
		struct spmc_cpu *cpu = spmc_this_cpu();

		/* Reported when the normal world runs again, whatever the outcome. */
		cpu->gone_vm = m->x[5];
		cpu->on_return |= SPMC_RETURN_REPORT;
	}
	return vm_availability_target(m);
}

/* A direct request from the normal world: the partition runs next, or the error goes back. */
static inline struct vcpu *direct_req(struct vcpu *ow, struct ffa_value *m)
{
	ffa_id_t sender = ffa_msg_sender(m->x[1]);
	struct sp *sp;

	if (!ffa_direct_args_ok(m)) {
		*m = ffa_error(FFA_RET_INVALID_PARAMETERS);
		return ow;
	}
	if (unlikely(m->x[2] & FFA_MSG_FLAG_FRAMEWORK))
		sp = framework_target(m);
	else
		sp = nwd_target(sender, ffa_msg_receiver(m->x[1]), m);
	if (!sp)
		return ow;
	/* Its messaging capabilities (partition properties) say whether it takes requests. */
	if (!sp->accepts_direct) {
		*m = ffa_error(FFA_RET_DENIED);
		return ow;
	}
	if (sp->vm.vcpus[0].state != VCPU_WAITING) {
		*m = ffa_error(FFA_RET_BUSY);
		return ow;
	}
	return deliver(sp, m, sender);
}

/*
 * A partition resumed by FFA_RUN: its own secure interrupts that fired while it was stopped
 * (kept pending: it could not take them then), and those it had not read yet, are signalled
 * now (HCR_EL2.VI), as for a secure interrupt while it runs (secure_irq_exit()). Without this
 * a partition that keeps being preempted, like a trusted OS running a TA that loops, would
 * never see its own timer.
 */
static void resume_irqs(struct sp *sp)
{
	if (!spmc_irq_waits(sp) && !sp->irq_vi)
		return;
	spmc_irq_signal_running(sp);
	hold_active(spmc_this_cpu(), sp);
}

/* FFA_RUN: w1 = [31:16] target partition, [15:0] execution context (only 0 exists). */
static struct vcpu *run(struct vcpu *ow, struct ffa_value *m)
{
	ffa_id_t target = (ffa_id_t)(m->x[1] >> 16);
	struct sp *sp = spmc_find_sp(target);

	if (!sp || !ffa_run_args_ok(m->x[1])) {
		*m = ffa_error(FFA_RET_INVALID_PARAMETERS);
		return ow;
	}
	if (sp->vm.vcpus[0].state == VCPU_CALLING && nwd_request(sp)) {
		/* The head of a normal-world call chain: the normal world resumes its tail. */
		struct sp *tail = chain_tail(sp);

		if (tail->vm.vcpus[0].state != VCPU_PREEMPTED) {
			*m = ffa_error(FFA_RET_BUSY);
			return ow;
		}
		sp = tail;
	}
	switch (sp->vm.vcpus[0].state) {
	case VCPU_BLOCKED:
	case VCPU_PREEMPTED:
		/* Only a request from the normal world is the normal world's to resume (a chain's
		 * tail through its head, above). It goes on from where it yielded or was
		 * interrupted: no register is written here. */
		if (ffa_id_is_secure((ffa_id_t)sp->requester) && target == sp->vm.id) {
			*m = ffa_error(FFA_RET_DENIED);
			return ow;
		}
		sp->vm.vcpus[0].state = VCPU_RUNNING;
		resume_irqs(sp);
		return &sp->vm.vcpus[0];
	case VCPU_WAITING:
		*m = ffa_success(0); /* nothing pending: it stays waiting */
		return ow;
	case VCPU_ABORTED:
		*m = ffa_error(FFA_RET_ABORTED);
		return ow;
	default:
		*m = ffa_error(FFA_RET_BUSY);
		return ow;
	}
}

/*
 * The hypervisor's own discovery (FF-A v1.1 §13.8, mandatory at every instance: ACS
 * ffa_features): PARTITION_INFO_GET into its own RX (ID 0's pair, registered at the SPMC),
 * listing every partition, and RX_RELEASE (w1 = 0) of that RX. Its VMs' RX_RELEASE
 * (w1 = a VM) is msg_spmc.c's.
 */
static bool nwd_discovery_call(struct ffa_value *m)
{
	struct rxtx *own = spmc_mem_nwd_buffers();

	switch ((uint32_t)m->x[0]) {
	case FFA_PARTITION_INFO_GET:
		*m = ffa_partition_info_get(own, m, partition_cfgs, spmc_partition_count,
					    visible_to_sp, NULL);
		return true;
	case FFA_RX_RELEASE:
		*m = !ffa_rx_release_args_ok(m->x[1]) ? ffa_error(FFA_RET_INVALID_PARAMETERS)
		     : rxtx_release(own)	      ? ffa_error(FFA_RET_DENIED)
						      : ffa_success(0);
		return true;
	default:
		return false;
	}
}

/* Every other call of the normal world is answered here: it runs again. */
static struct vcpu *nwd_local_call(struct vcpu *ow, struct ffa_value *m)
{
	if ((uint32_t)m->x[0] == FFA_ID_GET)
		*m = ffa_success(FFA_ID_HYPERVISOR);
	else if (!common_call(m, NULL) && !spmc_msg_nwd_call(m) && !nwd_discovery_call(m) &&
		 !spmc_mem_nwd_call(m) && !spmc_notif_nwd_call(m))
		*m = ffa_error(FFA_RET_NOT_SUPPORTED);
	return ow;
}

/* Every call of the normal world but the common direct request (spmc_other_world_exit()). */
static __attribute__((noinline)) struct vcpu *nwd_call(struct vcpu *ow, struct ffa_value *m)
{
	struct vcpu *next;
	uint32_t fid;

	/* w0 is the function ID: no upper half, no SMCCC v1.3 SVE hint (as for partitions). */
	if (smccc_is_ffa(m->x[0]))
		m->x[0] = smccc_fid_id(m->x[0]);
	fid = (uint32_t)m->x[0];

	if ((fid & ~SMCCC_64BIT) == FFA_MSG_SEND_DIRECT_REQ_32)
		next = direct_req(ow, m);
	else if (fid == FFA_RUN)
		next = run(ow, m);
	else if (fid == FFA_INTERRUPT)
		return spmd_interrupt(ow, m);
	else
		next = nwd_local_call(ow, m);
	if (next == ow && unlikely(spmc_this_cpu()->on_return != 0))
		return before_return(spmc_this_cpu());
	return next;
}

/*
 * The normal world's next FF-A call is in its registers (hyp_other_world_loop). First, the
 * common case: a VM's 32-bit partition message (DIRECT_REQ_32, what OP-TEE's driver and the
 * benchmarks send) to a partition bound to it that takes it now, which runs next. Its rules are
 * direct_req()'s, in one conjunction; anything else (the 64-bit form, every refusal too) is
 * nwd_call()'s.
 */
struct vcpu *spmc_other_world_exit(struct vcpu *ow)
{
	struct ffa_value *m = vcpu_ffa(ow);
	ffa_id_t sender = ffa_msg_sender(m->x[1]);
	struct sp *sp;

	if (likely((uint32_t)m->x[0] == FFA_MSG_SEND_DIRECT_REQ_32 && m->x[2] == 0 &&
		   ffa_direct_ids_ok(m->x[1]) && !ffa_id_is_secure(sender))) {
		sp = spmc_find_sp(ffa_msg_receiver(m->x[1]));
		if (likely(sp && vm_may_call(sp, sender) && sp->accepts_direct &&
			   sp->vm.vcpus[0].state == VCPU_WAITING))
			return deliver_32(sp, m, m->x[1], sender);
	}
	return nwd_call(ow, m);
}
