/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SPMC's run loop on the host (test/fuzz/spmc_host.c), for its unit tests and fuzz targets:
 * what exceptions.S and the other-world loop do on the hardware, with each partition's exits
 * scripted by the harness's arch_enter_lower() (hyp/arch/fake).
 */
#ifndef TEST_FUZZ_SPMC_HOST_H
#define TEST_FUZZ_SPMC_HOST_H

#include "../../hyp/role/spmc/spmc.h"

/* Boot the partitions until the normal world is next; returns how many serve (FFA_MSG_WAIT). */
unsigned spmc_host_boot(const struct sys_sp *cfgs, unsigned count, struct s2_pool *pool);
/*
 * Partition i (0 or 1) of the host tests' two: "A" (0x8001) or "B" (0x8002), UUID i + 1,
 * `properties`, its memory at `mem` (IPA 0x10000000), bound to no VM yet.
 */
void spmc_host_sp_cfg(struct sys_sp *c, unsigned i, uint32_t properties, void *mem, uint64_t bytes);
/* The normal world's FF-A call *m, run until the normal world is next; its answer in *m. */
void spmc_nwd_call(struct ffa_value *m);

#endif /* TEST_FUZZ_SPMC_HOST_H */
