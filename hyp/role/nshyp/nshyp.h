/* SPDX-License-Identifier: BSD-3-Clause */
/* nshyp internals shared by its run loop and its guest-call handlers (and the host tests). */
#ifndef HYP_ROLE_NSHYP_H
#define HYP_ROLE_NSHYP_H

#include <abi/ffa.h>
#include <config/system.h>
#include <hyp/idmap.h>
#include <hyp/rxtx.h>
#include <hyp/vm.h>
#include <lib/print.h>

#include "optee_mediator.h"

struct guest {
	struct vm vm;
	const struct sys_vm *cfg;
	struct rxtx rxtx;
	ffa_id_t yielded_sp;	  /* partition that yielded in this guest's request (0: none) */
	struct idset allowed_sps; /* binding policy: the partitions it may call */
	struct log_limit log;	  /* what this guest's refused calls may print */
	/* Last: the fast path's offsets (asm_offsets.c) stay small. */
	struct optee_mediator optee; /* its OP-TEE SMC ABI calls (optee_mediator.c) */
};

/* Per-CPU state shared with the assembly fast path (nshyp_fast.S; offsets from asm_offsets.c). */
struct nshyp_cpu {
	struct guest *running; /* the guest whose vCPU runs on this CPU */
};

/* Every partition of the system, for exact existence checks (guest_calls.c). */
extern struct idset nshyp_partitions;

/* From the generated nshyp view of the system description. */
extern const struct sys_vm nshyp_vms[];
extern const unsigned nshyp_vm_count;
extern const struct sys_sp nshyp_sps[];
extern const unsigned nshyp_sp_count;

/*
 * Test builds only (nshyp_test): the description's test_nshyp_skip_policy, so a test can prove
 * the SPMC enforces the binding policy on its own. A product nshyp has no such switch.
 */
#ifdef TESSERA_TEST_BUILD
extern const bool nshyp_skip_policy;
static inline bool nshyp_test_skip_policy(void)
{
	return nshyp_skip_policy;
}
#else
static inline bool nshyp_test_skip_policy(void)
{
	return false;
}
#endif

/* Prepare guest `g` (its binding) and, once, the table of partitions; before its first call. */
void nshyp_guest_init(struct guest *g, const struct sys_vm *cfg);
/* A guest stopped (powered off or faulted): finish any request it left yielded in a partition. */
void nshyp_guest_stopped(struct guest *g);
/* Tell the partitions this guest may use that it was created or destroyed (FFA_FWK_VM_*). */
void nshyp_vm_availability(struct guest *g, uint32_t type);
/* Handle the SMC/HVC a guest just made; its x0-x7 hold the call and receive the result. */
void nshyp_guest_call(struct guest *g);
/* Pass an FF-A call to the secure world (the monitor relays it to the SPMC). */
void nshyp_forward(struct ffa_value *m);

/* FF-A memory management for guests (mem_nshyp.c); nshyp_mem_call is false for other IDs. */
void nshyp_mem_init(void);
bool nshyp_mem_call(struct guest *g, struct ffa_value *m);
bool nshyp_mem_supported(uint32_t fid);
void nshyp_mem_guest_stopped(struct guest *g);
/*
 * Share `pages` pages of the guest's memory at `ipa` on its behalf (lender = its VM ID) with
 * `count` partitions, read-write, normal write-back memory (the OP-TEE mediator's window). The
 * guest cannot reclaim it; nshyp_mem_guest_stopped does. 0 and the handle, or an FF-A error.
 */
int32_t nshyp_mem_share_pinned(struct guest *g, uint64_t ipa, uint32_t pages, const ffa_id_t *to,
			       unsigned count, uint64_t *handle);
unsigned nshyp_mem_live(void);

#endif /* HYP_ROLE_NSHYP_H */
