/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The hypervisor's own stage-1 translation (its EL2 regime): an identity map
 * of a few regions, each normal (write-back, inner shareable) or device
 * (nGnRnE) memory, secure or non-secure, executable or not. Both roles run
 * with it and with their caches on: the SPMC also because only a stage-1
 * descriptor with NS=1 reaches non-secure memory from the secure world, and
 * both because the stage-2 walker reads their tables write-back cacheable
 * (docs/architecture.md, "Cache rules").
 */
#ifndef HYP_STAGE1_H
#define HYP_STAGE1_H

#include <stdbool.h>
#include <stdint.h>

struct s1_region {
	uint64_t base; /* 4 KiB aligned; mapped with 2 MiB blocks where aligned */
	uint64_t size; /* multiple of 4 KiB, below 4 GiB in all */
	bool device;
	bool non_secure;
	bool exec;
	bool read_only;
};

/*
 * Build the identity map of `regions` and turn the EL2 MMU and caches on; `self` is the
 * hypervisor's own window, whose stale cache lines are dropped first. Panics on a bad list
 * (fixed at build time, never input).
 */
void arch_hyp_stage1_enable(const struct s1_region *regions, unsigned count,
			    const struct s1_region *self);

#endif /* HYP_STAGE1_H */
