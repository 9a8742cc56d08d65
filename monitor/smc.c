// SPDX-License-Identifier: BSD-3-Clause
/*
 * SMC dispatch (SMCCC v1.2): the SMCCC arch calls and PSCI are served here
 * (FF-A goes to spmd.c first), the SPMC's attestation-key calls in attest_smc.c
 * (they return x0-x8); every other function ID, from either world, returns
 * SMC_UNK (-1). Only x0 is written: x1-x17 stay as the caller had them
 * (SMCCC v1.1+, <abi/ffa_rules.h>). The caller's world runs on.
 */
#include <abi/smccc.h>
#include <monitor/world.h>

struct world *smc_dispatch(struct monitor_cpu *cpu, struct world *w)
{
	struct arch_regs *r = &w->regs;
	struct smccc_fid fid = smccc_decode(r->x[0]);

	switch (fid.service) {
	case SMCCC_SVC_ARCH:
		r->x[0] = smccc_arch_answer(fid.id, r->x[1]);
		break;
	case SMCCC_SVC_PSCI:
		return psci_handle(cpu, fid.id, w);
	case SMCCC_SVC_TOS:
	case SMCCC_SVC_UNKNOWN:
	default:
		if (attest_monitor_call(cpu, r))
			break;
		r->x[0] = SMCCC_UNKNOWN;
		break;
	}
	return w;
}
