/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * VM-to-VM FF-A direct messages through nshyp (vm_msg.c; docs/abi/ffa.md "VM-to-VM direct
 * messages"). A guest that takes requests calls FFA_MSG_WAIT and blocks (RECEIVING); another
 * guest whose VM-to-VM binding names it sends FFA_MSG_SEND_DIRECT_REQ_32/64, which the receiver
 * gets as the return of its FFA_MSG_WAIT, and blocks (SENDING) until the receiver answers with
 * FFA_MSG_SEND_DIRECT_RESP of the same width; the receiver then blocks again (RECEIVING) and its
 * response call returns with its next message. Blocking is a scheduling state (nshyp.c parks
 * the vCPU, its slice ends), not a wait on a C stack.
 */
#ifndef HYP_ROLE_NSHYP_VM_MSG_H
#define HYP_ROLE_NSHYP_VM_MSG_H

#include <abi/ffa.h>
#include <stdbool.h>
#include <stdint.h>

enum vm_msg_state {
	VM_MSG_RUNNING,	  /* not blocked in a VM-to-VM call */
	VM_MSG_RECEIVING, /* blocked in FFA_MSG_WAIT (or its response): takes one request */
	VM_MSG_SENDING,	  /* blocked in its direct request to VM `peer` until that answers */
};

struct vm_msg {
	uint8_t state;	    /* enum vm_msg_state */
	bool req_64;	    /* the request it holds is _64: so must its response be */
	ffa_id_t peer;	    /* SENDING: the VM it asked */
	ffa_id_t requester; /* the VM whose request it holds, to answer (0: none) */
};

struct guest;

/* A direct message's receiver ID that names a VM (not the hypervisor, not a partition). */
static inline bool vm_msg_is_vm(ffa_id_t id)
{
	return id != FFA_ID_HYPERVISOR && !ffa_id_is_secure(id);
}

/* Guest g's discovery (after nshyp_guest_init's): the VMs it may address, and whether it
 * takes requests. */
void vm_msg_guest_init(struct guest *g);
/* The guest's calls: a direct request to a VM, FFA_MSG_WAIT, a direct response. */
void vm_msg_send(struct guest *g, struct ffa_value *m);
void vm_msg_wait(struct guest *g, struct ffa_value *m);
void vm_msg_respond(struct guest *g, struct ffa_value *m);
/* FFA_FEATURES: MSG_WAIT and the responses work for a guest that another may address. */
bool vm_msg_feature(const struct guest *g, uint32_t fid);
/* g is blocked in a VM-to-VM call: its slice ends. */
bool vm_msg_blocked(const struct guest *g);
/* A blocked guest runs again for a virtual interrupt only while RECEIVING. */
bool vm_msg_sending(const struct guest *g);
/* A RECEIVING guest is scheduled again (a virtual interrupt): FFA_MSG_WAIT returns FFA_INTERRUPT.
 */
void vm_msg_resumed(struct guest *g);
/* g ended: the VM waiting for its answer gets ABORTED; what it asked of another is dropped. */
void vm_msg_guest_stopped(struct guest *g);
/* May g send direct requests to VM `id` (its VM-to-VM binding)? */
bool vm_msg_allowed(const struct guest *g, ffa_id_t id);

/*
 * From nshyp.c (the host tests have their own, test/fuzz/host_stubs.c): the guest with VM ID
 * `id` (NULL: none in the description), whether it still runs (not ended), and its scheduling
 * state: blocked (its slice ends; it runs again only once unblocked, or for an interrupt while
 * RECEIVING) or runnable.
 */
struct guest *nshyp_guest_by_id(ffa_id_t id);
bool nshyp_guest_live(const struct guest *g);
void nshyp_guest_block(struct guest *g);
void nshyp_guest_unblock(struct guest *g);

#endif /* HYP_ROLE_NSHYP_VM_MSG_H */
