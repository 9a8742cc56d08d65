/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The hypervisor's own stage-1 translation (its EL2 regime): an identity map
 * of a few regions, each normal or device memory, secure or non-secure. The
 * SPMC needs it because only a stage-1 descriptor with NS=1 reaches
 * non-secure memory from the secure world (the TX buffers of the normal
 * world and the pages it shares); nshyp runs with its stage 1 off.
 */
#ifndef HYP_STAGE1_H
#define HYP_STAGE1_H

#include <stdbool.h>
#include <stdint.h>

struct s1_region {
	uint64_t base; /* 2 MiB aligned */
	uint64_t size; /* multiple of 2 MiB, below 4 GiB in all */
	bool device;
	bool non_secure;
	bool exec;
};

/* Build the identity map of `regions` and turn the EL2 MMU and caches on. Panics on a bad list. */
void arch_hyp_stage1_enable(const struct s1_region *regions, unsigned count);

#endif /* HYP_STAGE1_H */
