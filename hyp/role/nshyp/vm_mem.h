/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FF-A memory sharing between two guests through nshyp (vm_mem.c; docs/abi/ffa-memory.md
 * "VM to VM"), and the helpers of mem_nshyp.c it shares. A guest lends, shares or donates its
 * pages to one other guest its VM-to-VM binding names (sys_vm.vms, the list that governs
 * direct messages too); nshyp keeps the transaction (handle bit 63 set: the hypervisor
 * allocated it) in its own table of the core (hyp/core/mem_share.c), maps the pages into the
 * borrower at retrieval and takes them out at relinquish. The SPMC is not involved.
 */
#ifndef HYP_ROLE_NSHYP_VM_MEM_H
#define HYP_ROLE_NSHYP_VM_MEM_H

#include <hyp/mem_share.h>
#include <lib/s2.h>

struct guest;

/* Where a borrowed page appears in the borrower: IPA = PA + this (its own RAM is lower). */
#define VM_MEM_IPA_OFFSET 0x40000000ull

/* From mem_nshyp.c: the guest's IPAs to PAs (its own read-write RAM), its RX/TX inside the
 * runs, its TX buffer (cleaned), and whether a page is in one of its sends to the SPMC. */
int32_t nshyp_mem_translate(const struct guest *g, const struct mem_tx *tx, struct s2_run *runs,
			    unsigned *count);
bool nshyp_mem_holds_buffers(const struct guest *g, const struct s2_run *runs, unsigned count);
const void *nshyp_mem_guest_tx(const struct guest *g);
bool nshyp_mem_runs_at_spmc(const struct s2_run *runs, unsigned count);

void vm_mem_init(void);
/* Does the transaction name a VM among its borrowers (then it is vm_mem_send's)? */
bool vm_mem_for_vms(const struct mem_tx *tx);
/* A parsed DONATE/LEND/SHARE of guest g to a VM: the answer (FFA_SUCCESS with the handle). */
struct ffa_value vm_mem_send(struct guest *g, const struct mem_tx *tx);
/* Are none of these pages in a live VM-to-VM transaction (mem_nshyp.c's sends check it)? */
bool vm_mem_runs_free(const struct s2_run *runs, unsigned count);
/* FFA_MEM_RETRIEVE_REQ_32/64, FFA_MEM_RELINQUISH, and RECLAIM of a handle with bit 63 set. */
struct ffa_value vm_mem_retrieve(struct guest *g, const struct ffa_value *m);
struct ffa_value vm_mem_relinquish(struct guest *g, const struct ffa_value *m);
struct ffa_value vm_mem_reclaim(struct guest *g, const struct ffa_value *m);
/* FFA_FEATURES: retrieve/relinquish for a guest some binding names, DONATE for one with peers. */
bool vm_mem_feature(const struct guest *g, uint32_t fid);
/* Its w2 (for a feature vm_mem_feature() grants): the NS bit for a v1.1 guest's RETRIEVE_REQ. */
uint32_t vm_mem_feature_bits(const struct guest *g, uint32_t fid);
/* g ended: what it borrowed goes back, what it lent is reclaimed once nobody holds it. */
void vm_mem_guest_stopped(struct guest *g);
unsigned vm_mem_live(void);
/* nshyp's VM-to-VM table (host tests' invariants). */
const struct mem_table *vm_mem_table(void);

#endif /* HYP_ROLE_NSHYP_VM_MEM_H */
