// SPDX-License-Identifier: BSD-3-Clause
/*
 * VM-to-VM FF-A direct messages through nshyp (vm_msg.h). FF-A v1.1 §15 (DEN0077A) between
 * two guests as between a guest and a partition: the receiver waits in FFA_MSG_WAIT, a
 * request whose receiver is a VM its VM-to-VM binding names (sys_vm.vms, default none) is
 * delivered as the return of that FFA_MSG_WAIT, the sender blocks until the receiver answers
 * with FFA_MSG_SEND_DIRECT_RESP of the request's width, then gets that response. No queue: a
 * receiver that is not waiting (running, serving another request, or itself waiting for an
 * answer) is BUSY, so a chain A->B->A cannot form. A guest's end releases what it held: the
 * sender of the request it held gets ABORTED; the answer to a request it sent is dropped when
 * it comes. Errors as the SPMC gives them for partitions and Hafnium for VMs
 * (api_ffa_msg_send_direct_req / _resp): docs/abi/ffa.md.
 */
#include <abi/ffa_rules.h>
#include <lib/print.h>

#include "nshyp.h"

/* The description's guest with VM ID `id`, or NULL (an ID that names no VM). */
static const struct sys_vm *described_vm(ffa_id_t id)
{
	for (unsigned i = 0; i < nshyp_vm_count; i++)
		if (nshyp_vms[i].vm_id == id)
			return &nshyp_vms[i];
	return NULL;
}

static bool lists_vm(const struct sys_vm *cfg, ffa_id_t id)
{
	for (unsigned i = 0; i < cfg->allowed_vm_count && i < SYS_MAX_VMS; i++)
		if (cfg->allowed_vm[i] == id)
			return true;
	return false;
}

bool vm_msg_allowed(const struct guest *g, ffa_id_t id)
{
	return lists_vm(g->cfg, id);
}

/* Some other guest's binding names g: g may take requests (FFA_FEATURES). */
static bool addressable(const struct guest *g)
{
	for (unsigned i = 0; i < nshyp_vm_count; i++)
		if (lists_vm(&nshyp_vms[i], g->cfg->vm_id))
			return true;
	return false;
}

void vm_msg_guest_init(struct guest *g)
{
	g->rxtx.peer_vms = g->cfg->allowed_vm;
	g->rxtx.peer_vm_count = g->cfg->allowed_vm_count;
	g->rxtx.self_receives = addressable(g);
}

bool vm_msg_feature(const struct guest *g, uint32_t fid)
{
	return (fid == FFA_MSG_WAIT || fid == FFA_MSG_SEND_DIRECT_RESP_32 ||
		fid == FFA_MSG_SEND_DIRECT_RESP_64) &&
	       addressable(g);
}

bool vm_msg_blocked(const struct guest *g)
{
	return g->msg.state != VM_MSG_RUNNING;
}

bool vm_msg_sending(const struct guest *g)
{
	return g->msg.state == VM_MSG_SENDING;
}

/* A request of g holds a partition (its own, or its OP-TEE mediator's): it must finish that. */
static bool holds_partition(const struct guest *g)
{
	return g->yielded_sp || optee_mediator_holds(g, 0);
}

/* The checks of a request that do not depend on the receiver's state; 0 if it may go. */
static int32_t send_refusal(struct guest *g, const struct ffa_value *m, ffa_id_t to)
{
	/* The sender field names the caller (nothing above bit 31), flags MBZ (partition
	 * messages only: framework messages are the hypervisor's), not to itself. */
	if (!nshyp_direct_sender_ok(g, m->x[1]) || m->x[2] != 0 || to == g->vm.id ||
	    !described_vm(to))
		return FFA_RET_INVALID_PARAMETERS;
	if (!vm_msg_allowed(g, to)) {
		printk_limited(&g->log,
			       "denied: %s may not send to VM %u (VM-to-VM binding policy)\n",
			       g->cfg->name, to);
		return FFA_RET_DENIED;
	}
	/* No new request while one of g's is stopped in a partition (FFA_RUN it first). */
	if (holds_partition(g))
		return FFA_RET_BUSY;
	return 0;
}

void vm_msg_send(struct guest *g, struct ffa_value *m)
{
	ffa_id_t to = ffa_msg_receiver(m->x[1]);
	int32_t refused = send_refusal(g, m, to);
	struct guest *r;
	struct ffa_value *d;

	if (refused) {
		*m = ffa_error(refused);
		return;
	}
	r = nshyp_guest_by_id(to);
	if (!r || !nshyp_guest_live(r)) {
		*m = ffa_error(FFA_RET_ABORTED); /* it ended: it will never answer */
		return;
	}
	if (r->msg.state != VM_MSG_RECEIVING) {
		*m = ffa_error(FFA_RET_BUSY);
		return;
	}
	/* Delivered as the return of its FFA_MSG_WAIT: x0-x7, a _32 one zero-extended. */
	d = vcpu_ffa(&r->vm.vcpus[0]);
	*d = *m;
	if (!ffa_fid_is_64(m->x[0]))
		ffa_zero_extend_args(d);
	r->msg = (struct vm_msg){ .state = VM_MSG_RUNNING,
				  .req_64 = ffa_fid_is_64(m->x[0]),
				  .requester = g->vm.id };
	nshyp_guest_unblock(r);
	g->msg.state = VM_MSG_SENDING;
	g->msg.peer = to;
	nshyp_guest_block(g);
}

void vm_msg_wait(struct guest *g, struct ffa_value *m)
{
	/* Only for a guest that another may address (as FFA_FEATURES says): else it would
	 * wait for nothing. */
	if (!addressable(g)) {
		*m = ffa_error(FFA_RET_NOT_SUPPORTED);
		return;
	}
	/* A request it holds must be answered with a direct response first (as the SPMC does
	 * for partitions); a partition it holds stopped must be finished (FFA_RUN). */
	if (g->msg.requester || holds_partition(g)) {
		*m = ffa_error(FFA_RET_DENIED);
		return;
	}
	g->msg.state = VM_MSG_RECEIVING;
	nshyp_guest_block(g);
}

/* The sender `s` that waits for an answer resumes with *answer. */
static void answer_sender(struct guest *s, const struct ffa_value *answer)
{
	*vcpu_ffa(&s->vm.vcpus[0]) = *answer;
	s->msg.state = VM_MSG_RUNNING;
	s->msg.peer = 0;
	nshyp_guest_unblock(s);
}

/* The guest that waits for g's answer (SENDING to g), or NULL: it ended. */
static struct guest *waiting_sender(const struct guest *g)
{
	struct guest *s = nshyp_guest_by_id(g->msg.requester);

	if (!s || !nshyp_guest_live(s) || s->msg.state != VM_MSG_SENDING || s->msg.peer != g->vm.id)
		return NULL;
	return s;
}

void vm_msg_respond(struct guest *g, struct ffa_value *m)
{
	uint32_t fid = g->msg.req_64 ? FFA_MSG_SEND_DIRECT_RESP_64 : FFA_MSG_SEND_DIRECT_RESP_32;
	struct guest *s;

	if (!addressable(g)) {
		*m = ffa_error(FFA_RET_NOT_SUPPORTED);
		return;
	}
	if (!g->msg.requester) {
		*m = ffa_error(FFA_RET_DENIED); /* no request to answer */
		return;
	}
	/* The request's width, the IDs swapped, w2 = 0: anything else is not its response, and
	 * the request stays pending (as the SPMC's valid_response()). */
	if (!ffa_direct_resp_is(m, fid, ffa_msg_ids(g->vm.id, g->msg.requester), 0)) {
		*m = ffa_error(FFA_RET_INVALID_PARAMETERS);
		return;
	}
	s = waiting_sender(g);
	if (s) {
		if (!g->msg.req_64)
			ffa_zero_extend_args(m);
		answer_sender(s, m);
	} else {
		printk("%s answered VM %u, which ended meanwhile: answer dropped\n", g->cfg->name,
		       g->msg.requester);
	}
	/* It waits for its next message, the return of this call (FF-A v1.1 §15.3). */
	g->msg = (struct vm_msg){ .state = VM_MSG_RECEIVING };
	nshyp_guest_block(g);
}

void vm_msg_resumed(struct guest *g)
{
	if (g->msg.state != VM_MSG_RECEIVING)
		return;
	/* A virtual interrupt ended its wait: it handles it and may call FFA_MSG_WAIT again. */
	*vcpu_ffa(&g->vm.vcpus[0]) = ffa_answer_w0(FFA_INTERRUPT);
	g->msg.state = VM_MSG_RUNNING;
}

void vm_msg_guest_stopped(struct guest *g)
{
	struct guest *s = g->msg.requester ? waiting_sender(g) : NULL;
	struct ffa_value aborted = ffa_error(FFA_RET_ABORTED);

	if (s) {
		printk("%s ended holding a request of VM %u: it gets ABORTED\n", g->cfg->name,
		       g->msg.requester);
		answer_sender(s, &aborted);
	}
	/* A request it sent stays with its receiver, whose answer is then dropped. */
	g->msg = (struct vm_msg){ .state = VM_MSG_RUNNING };
}
