// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test hypercalls, linked into the test variants of both hypervisors only
 * (spmc_test, nshyp_test; docs/testing.md "the test build"). HYPCALL_STATE_CHECK
 * reports which of the hypervisor's own EL2 registers lost what it programmed,
 * for the state-survival tests; product images answer it as an unknown call.
 */
#include <abi/ffa_rules.h>
#include <abi/hypcall.h>
#include <abi/smccc.h>
#include <hyp/test_hooks.h>
#include <hyp/vm.h>

bool hyp_test_call(const struct vcpu *v, struct ffa_value *c)
{
	if (smccc_fid_id(c->x[0]) != HYPCALL_STATE_CHECK)
		return false;
	smccc_answer(c, arch_hyp_state_check(v)); /* SMCCC: x0 only, x1-x17 kept */
	return true;
}
