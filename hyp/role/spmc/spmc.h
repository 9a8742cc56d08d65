/* SPDX-License-Identifier: BSD-3-Clause */
/* SPMC internals shared by its boot code and its FF-A dispatcher (and the host tests). */
#ifndef HYP_ROLE_SPMC_H
#define HYP_ROLE_SPMC_H

#include <abi/ffa.h>
#include <config/system.h>
#include <hyp/idmap.h>
#include <hyp/rxtx.h>
#include <hyp/vm.h>
#include <lib/print.h>
#include <plat/plat_def.h>

#define SPMC_NO_REQUESTER 0xffffffffu

/* A secure partition as the SPMC runs it. */
struct sp {
	struct vm vm; /* vm.vcpu.state is the FF-A runtime state */
	const struct sys_sp *cfg;
	struct rxtx rxtx;
	uint32_t requester; /* endpoint whose direct request it is handling, or SPMC_NO_REQUESTER */
	/* That request: bit 0 its 64-bit form (the response must be too), bits [7:1] its framework
	 * message type (0: a partition message). */
	uint8_t request_kind;
	uint8_t accepts_direct; /* properties bit 0: it receives direct requests */
	uint8_t resumes;	/* yields resumed in a partition's request (SP_CALL_MAX_RESUMES) */
	struct idset allowed_vms; /* binding policy: the VMs that may message it */
	struct log_limit log;	  /* what refused calls to it may print */
};

/*
 * Per CPU: the normal world as a vCPU (Hafnium's other world, VM ID 0: its x0-x7 are the FF-A
 * call it made or the answer it gets, hyp_other_world_loop), and what is pending
 * (`on_return`): interrupts masked for a partition's run that could not give the CPU back (undone
 * when that run ends), a VM_DESTROYED message to report (when the normal world runs again).
 */
struct spmc_cpu {
	struct vcpu other_world;
	uint8_t on_return;  /* SPMC_RETURN_* bits */
	uint64_t irq_saved; /* SPMC_RETURN_UNMASK: what arch_irq_restore() puts back */
	uint64_t gone_vm;   /* SPMC_RETURN_REPORT: the VM a VM_DESTROYED message was about */
};
#define SPMC_RETURN_UNMASK 1u
#define SPMC_RETURN_REPORT 2u

extern struct spmc_cpu spmc_cpus[PLAT_MAX_CPUS];

static inline struct spmc_cpu *spmc_this_cpu(void)
{
	return &spmc_cpus[arch_this_cpu()];
}

extern struct sp spmc_partitions[SYS_MAX_SPS];
extern unsigned spmc_partition_count;
/* Partitions that finished their boot with FFA_MSG_WAIT (they serve requests). */
extern unsigned spmc_serving;

/*
 * Prepare the partitions of the description and return the first vCPU to run: the first
 * partition to boot. Each one's FFA_MSG_WAIT boots the next; after the last, the normal world
 * (spmc_this_cpu()->other_world) is next, with FFA_MSG_WAIT in its registers.
 */
struct vcpu *spmc_boot_partitions(const struct sys_sp *cfgs, unsigned count, struct s2_pool *pool);
/* The normal world's call is in other_world's x0-x7 (hyp_other_world_loop): the next vCPU. */
struct vcpu *spmc_other_world_exit(struct vcpu *other_world);

/* The request_kind of direct request *m (a framework type is one already validated: 4 or 6),
 * and what it says of the request. */
static inline uint8_t spmc_request_kind(const struct ffa_value *m)
{
	uint8_t fwk = (m->x[2] & FFA_MSG_FLAG_FRAMEWORK) ? (uint8_t)(m->x[2] & 0x7f) : 0;

	return (uint8_t)((fwk << 1) | ((uint32_t)m->x[0] == FFA_MSG_SEND_DIRECT_REQ_64));
}
static inline bool spmc_request_is_64(const struct sp *sp)
{
	return sp->request_kind & 1;
}

/* The partition with FF-A ID `id`, or NULL. */
struct sp *spmc_find_sp(ffa_id_t id);

/* FF-A memory management (mem_spmc.c). The *_call functions return false for other IDs. */
void spmc_mem_init(void);
bool spmc_mem_nwd_call(struct ffa_value *m);
bool spmc_mem_sp_call(struct sp *sp, struct ffa_value *c);
bool spmc_mem_supported(uint32_t fid, bool from_partition);
uint32_t spmc_mem_feature_bits(uint32_t fid); /* w2 of FFA_FEATURES(fid) */
uint32_t spmc_mem_live(void);		      /* live transactions, for reports */
void spmc_mem_partition_aborted(struct sp *sp);

#endif /* HYP_ROLE_SPMC_H */
