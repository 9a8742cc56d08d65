/* SPDX-License-Identifier: BSD-3-Clause */
/* SPMC internals shared by its boot code and its FF-A dispatcher (and the host tests). */
#ifndef HYP_ROLE_SPMC_H
#define HYP_ROLE_SPMC_H

#include <abi/ffa.h>
#include <config/system.h>
#include <hyp/idmap.h>
#include <hyp/rxtx.h>
#include <hyp/vm.h>

#define SPMC_NO_REQUESTER 0xffffffffu

/* A secure partition as the SPMC runs it. */
struct sp {
	struct vm vm; /* vm.vcpu.state is the FF-A runtime state */
	const struct sys_sp *cfg;
	struct rxtx rxtx;
	uint32_t requester; /* endpoint whose direct request it is handling, or SPMC_NO_REQUESTER */
	bool request_64;    /* that request was the 64-bit form: the response must be too */
	struct idset allowed_vms; /* binding policy: the VMs that may message it */
};

extern struct sp spmc_partitions[SYS_MAX_SPS];
extern unsigned spmc_partition_count;

/* Build and boot every partition of the description; returns how many are serving. */
unsigned spmc_boot_partitions(const struct sys_sp *cfgs, unsigned count, struct s2_pool *pool);
/* Handle one FF-A call from the normal world; the answer replaces *m. */
void spmc_nwd_call(struct ffa_value *m);

#endif /* HYP_ROLE_SPMC_H */
