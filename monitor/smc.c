// SPDX-License-Identifier: BSD-3-Clause
/*
 * SMC dispatch (SMCCC v1.2): the SMCCC arch calls, PSCI and FF-A are served;
 * every other function ID, from either world, returns SMC_UNK (-1).
 */
#include <abi/smccc.h>
#include <monitor/world.h>

static uint64_t smccc_arch_call(const struct smccc_fid *fid, const struct arch_regs *r)
{
	switch (fid->id) {
	case SMCCC_VERSION:
		return SMCCC_VERSION_1_2;
	case SMCCC_ARCH_FEATURES:
		/* Only the discovery calls themselves are implemented (SMCCC §7.3.2). */
		return (uint32_t)r->x[1] == SMCCC_VERSION ||
			       (uint32_t)r->x[1] == SMCCC_ARCH_FEATURES
			   ? 0
			   : SMCCC_UNKNOWN;
	default:
		return SMCCC_UNKNOWN;
	}
}

void smc_dispatch(struct monitor_cpu *cpu)
{
	struct arch_regs *r = &cpu->worlds[cpu->current].regs;
	struct smccc_fid fid = smccc_decode(r->x[0]);

	switch (fid.service) {
	case SMCCC_SVC_ARCH:
		r->x[0] = smccc_arch_call(&fid, r);
		return;
	case SMCCC_SVC_PSCI:
		if (!psci_handle(cpu, &fid, r))
			r->x[0] = SMCCC_UNKNOWN;
		return;
	case SMCCC_SVC_TOS:
	case SMCCC_SVC_UNKNOWN:
	default:
		r->x[0] = SMCCC_UNKNOWN;
		return;
	}
}
