// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test hypercalls, linked into the test variants of both hypervisors only
 * (spmc_test, nshyp_test; docs/testing.md "the test build"). HYPCALL_STATE_CHECK
 * reports which of the hypervisor's own EL2 registers lost what it programmed,
 * for the state-survival tests; any other is the role's to answer (role_test_call():
 * nshyp's HYPCALL_TEST_EL2_TIMER arms its EL2 timer, a Non-secure interrupt that can
 * arrive while a partition runs). Product images answer all as unknown calls.
 */
#include <abi/ffa_rules.h>
#include <abi/hypcall.h>
#include <abi/smccc.h>
#include <hyp/role_hooks.h>
#include <hyp/test_hooks.h>
#include <hyp/vm.h>

bool hyp_test_call(const struct vcpu *v, struct ffa_value *c)
{
	switch (smccc_fid_id(c->x[0])) {
	case HYPCALL_STATE_CHECK:
		smccc_answer(c, arch_hyp_state_check(v)); /* SMCCC: x0 only, x1-x17 kept */
		return true;
	default:
		return role_test_call(v, c);
	}
}
