// SPDX-License-Identifier: BSD-3-Clause
/*
 * The SPMC's run loop on the host: the normal world's call goes into the other-world vCPU's
 * registers, spmc_other_world_exit() picks the next vCPU, and fake_run() (hyp/arch/fake) runs
 * partitions until the normal world is next again, as hyp_other_world_loop does on the hardware.
 */
#include "spmc_host.h"

unsigned spmc_host_boot(const struct sys_sp *cfgs, unsigned count, struct s2_pool *pool)
{
	fake_run(spmc_boot_partitions(cfgs, count, pool));
	return spmc_serving;
}

void spmc_host_sp_cfg(struct sys_sp *c, unsigned i, uint32_t properties, void *mem, uint64_t bytes)
{
	*c = (struct sys_sp){ .name = i ? "B" : "A", .ffa_id = (uint16_t)(0x8001 + i) };
	c->uuid[0] = (uint8_t)(i + 1);
	c->properties = properties;
	c->mem = (struct sys_mem){ (uintptr_t)mem, 0x10000000, bytes, 0 };
}

void spmc_nwd_call(struct ffa_value *m)
{
	struct vcpu *ow = &spmc_this_cpu()->other_world;

	ffa_copy(vcpu_ffa(ow), m);
	fake_run(spmc_other_world_exit(ow));
	/* What the other-world loop's SMC would carry, and where its result lands. */
	ffa_copy(m, (const struct ffa_value *)(uintptr_t)ow->regs.x[SPMC_OW_ARGS]);
	ow->regs.x[SPMC_OW_ARGS] = (uint64_t)(uintptr_t)vcpu_ffa(ow);
}

/*
 * HYPCALL_ATTEST needs the monitor's device key (attest/attest_spmc.c, aarch64 only): in the
 * host model it is an unknown call. test/unit/test_attest.c tests the service itself.
 */
bool spmc_attest_call(struct sp *sp, struct ffa_value *c)
{
	(void)sp;
	(void)c;
	return false;
}
