/* SPDX-License-Identifier: BSD-3-Clause */
/* nshyp internals shared by its run loop and its guest-call handlers (and the host tests). */
#ifndef HYP_ROLE_NSHYP_H
#define HYP_ROLE_NSHYP_H

#include <abi/ffa.h>
#include <abi/ffa_rules.h>
#include <abi/psci.h>
#include <abi/smccc.h>
#include <config/system.h>
#include <hyp/idmap.h>
#include <hyp/rxtx.h>
#include <hyp/vm.h>
#include <lib/print.h>

#include "notif_nshyp.h"
#include "optee_mediator.h"
#include "vgic.h"
#include "vm_msg.h"

struct guest {
	struct vm vm;
	const struct sys_vm *cfg;
	struct rxtx rxtx;
	/* msg_nshyp.c: its pair is registered at the SPMC too; the hypervisor framework
	 * notifications nshyp raised for it ("RX buffer full" from a VM), for its GET's w7. */
	bool rxtx_at_spmc;
	uint32_t fwk_pending;
	union {
		/* 0: its direct requests may take the fast path (nshyp_direct_req_passes()). */
		uint32_t gate;
		struct {
			/*
			 * The partition stopped in a request of this guest (FFA_YIELD,
			 * FFA_INTERRUPT), which only this guest may resume with FFA_RUN (0:
			 * none); the guest's own or its OP-TEE mediator's.
			 */
			ffa_id_t yielded_sp;
			/* Another guest's request is stopped in a partition: this guest's
			 * requests take the general path, which waits while the partition
			 * they go to is busy (nshyp.c gates_update()). */
			uint16_t others_stopped;
		};
	};
	/* The partition its last request found busy with another guest's: the request is made
	 * again (its call instruction re-executed) once that one ended (0: none). */
	ffa_id_t waiting_for;
	/* When its FF-A request first found the partition busy (0: it is not waiting): the
	 * wait's deadline (nshyp_may_wait()). */
	uint64_t busy_since;
	struct idset allowed_sps;    /* binding policy: the partitions it may call */
	struct log_limit log;	     /* what this guest's refused calls may print */
	unsigned tables_at_start;    /* stage-2 tables it held when it started (its report) */
	struct optee_mediator optee; /* its OP-TEE SMC ABI calls (optee_mediator.c) */
	/* The scheduler's (nshyp.c, sched.c). */
	unsigned slot;	     /* its run-queue slot: its index in the description */
	bool call_preempted; /* an interrupt preempted its request: nshyp resumes it (FFA_RUN)
				before the guest runs again, the guest sees only the answer */
	bool entered;	     /* it ran at least once */
	unsigned long slices, waits; /* times it was given the CPU, WFIs that ended its slice */
	struct arch_fp fp;	     /* fp_simd: its FP/SIMD registers while another's are loaded */
	struct {
		bool virtual;  /* its UART accesses trap to nshyp (vcons.c) */
		unsigned len;  /* characters of the line not yet written out */
		char buf[256]; /* longer lines go out in pieces */
	} con;
	struct vgic_cpu vgic; /* its virtual GIC (vgic.c) */
	struct vm_msg msg;    /* its VM-to-VM direct messages (vm_msg.c) */
	/* What other guests signal it (VM-to-VM notifications, notif_nshyp.c). */
	struct vm_notif notif;
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

/*
 * The rules of a guest's direct request that the common case passes, each written once for
 * the fast path (nshyp.c role_vcpu_call) and the general handler (guest_calls.c direct_req):
 * the sender field names the guest itself, flags MBZ (a guest sends partition messages), the
 * binding allows the receiver (a bound partition exists: checked on the host), and no request
 * of the guest is stopped in a partition (it must FFA_RUN that one first) nor, for the fast
 * path, any other guest's (the general path checks that the receiver is not the busy one).
 */
static inline bool nshyp_direct_sender_ok(const struct guest *g, uint64_t x1)
{
	/* x1 >> 16 is the sender only when x1[63:32] is 0 (ffa_direct_ids_ok()). */
	return (x1 >> 16) == g->vm.id;
}

static inline bool nshyp_bound(const struct guest *g, ffa_id_t sp)
{
	return idset_has(&g->allowed_sps, sp);
}

static inline bool nshyp_direct_req_passes(const struct guest *g, const struct ffa_value *m)
{
	return nshyp_direct_sender_ok(g, m->x[1]) && m->x[2] == 0 &&
	       nshyp_bound(g, ffa_msg_receiver(m->x[1])) && !g->gate;
}

/* Pass an FF-A call to the secure world (the monitor relays it to the SPMC). */
void nshyp_forward(struct ffa_value *m);

/*
 * Forward, and remember a partition that yielded or that an interrupt preempted (FFA_INTERRUPT,
 * w1 = its ID << 16) in this guest's request, so that only this guest may resume it (FFA_RUN).
 */
static inline void nshyp_track(struct guest *g, const struct ffa_value *m)
{
	uint32_t f = (uint32_t)m->x[0];
	uint32_t stopped = (f == FFA_YIELD) | (f == FFA_INTERRUPT);

	/* Arithmetic, not a branch: the fast path then needs no stack frame. */
	g->yielded_sp = (ffa_id_t)(ffa_msg_sender(m->x[1]) & (0u - stopped));
}

static inline void nshyp_forward_track(struct guest *g, struct ffa_value *m)
{
	nshyp_forward(m);
	nshyp_track(g, m);
}

/*
 * The discovery calls answered from the guest's registers alone (fid: w0 without the SVE hint):
 * PSCI_VERSION and SMCCC_VERSION write x0 only, FFA_ID_GET is an FF-A answer. False for any
 * other call.
 */
static inline bool nshyp_discovery_call(const struct guest *g, struct ffa_value *m, uint32_t fid)
{
	switch (fid) {
	case PSCI_VERSION:
		smccc_answer(m, PSCI_VERSION_1_1);
		return true;
	case SMCCC_VERSION:
		smccc_answer(m, smccc_arch_answer(SMCCC_VERSION, m->x[1]));
		return true;
	case FFA_ID_GET:
		*m = ffa_success(g->vm.id);
		return true;
	default:
		return false;
	}
}

/* Prepare guest `g` (its binding) and, once, the table of partitions; before its first call. */
void nshyp_guest_init(struct guest *g, const struct sys_vm *cfg);
/* A guest stopped (powered off or faulted): finish any request it left yielded in a partition. */
void nshyp_guest_stopped(struct guest *g);
/*
 * For nshyp_guest_stopped()'s resumes of a partition (nshyp.c): give the partition a fresh
 * quantum before FFA_RUN, and take the interrupt that preempted it (FFA_INTERRUPT) after.
 */
void nshyp_resume_begin(void);
void nshyp_resume_preempted(void);
#ifdef TESSERA_TEST_BUILD
/* HYPCALL_TEST_EL2_TIMER: nshyp's tick `ticks` from now, or (0) the slice's own again. */
void nshyp_test_tick(uint64_t ticks);
#endif
/* How often nshyp resumes a partition for a stopped guest, or for a framework message. */
#define NSHYP_MAX_RESUMES 64
/*
 * Partition `sp` is stopped in a request of a guest other than `g` (it would answer BUSY):
 * nshyp.c; guest_calls.c then leaves g's request to be made again (g->waiting_for).
 */
bool nshyp_sp_busy_elsewhere(const struct guest *g, ffa_id_t sp);
/*
 * g's FF-A direct request found its partition busy: true if g may wait for it (the caller sets
 * g->waiting_for), false once it has waited NSHYP_BUSY_WAIT_QUANTA quanta: then the request is
 * answered BUSY, as FF-A does (another guest may hold a partition for as long as it likes: a
 * stop only it may resume).
 */
#define NSHYP_BUSY_WAIT_QUANTA 100
bool nshyp_may_wait(struct guest *g);
/*
 * A framework message found `sp` BUSY: run the requests that interrupts preempted in it for
 * guests (nshyp resumes those) to their end, each at most NSHYP_MAX_RESUMES times; true if
 * `sp` is free then.
 */
bool nshyp_partition_release(ffa_id_t sp);
/* Tell the partitions this guest may use that it was created or destroyed (FFA_FWK_VM_*). */
void nshyp_vm_availability(struct guest *g, uint32_t type);
/* The guest's notification bitmap at the SPMC: created when it starts, destroyed (with what
 * is pending for it) when it ends (guest_calls.c). */
void nshyp_notif_guest_start(struct guest *g);
void nshyp_notif_guest_end(struct guest *g);
/*
 * Handle the SMC/HVC a guest just made (every case; role_vcpu_call() tries the common ones
 * first); its x0-x7 hold the call and receive the result. A guest that powered off is left in
 * VCPU_OFF.
 */
void nshyp_guest_call(struct guest *g);

/*
 * The guests' virtual console (vcons.c): which device it replaces, the emulation of a trapped
 * access (false: not a console access, a fault), and the flush of a partial line.
 */
bool nshyp_vcons_owns(const struct sys_dev *d);
bool nshyp_vcons_access(struct guest *g, struct vcpu *v, const struct vcpu_exit *e);
void nshyp_vcons_flush(struct guest *g);

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
