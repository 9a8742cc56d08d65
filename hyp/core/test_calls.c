// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test hypercalls, linked into the test variants of both hypervisors only
 * (spmc_test, nshyp_test; docs/testing.md "the test build"). HYPCALL_STATE_CHECK
 * reports which of the hypervisor's own EL2 registers lost what it programmed,
 * for the state-survival tests; HYPCALL_TEST_EL2_TIMER (nshyp only) arms its EL2
 * timer, a Non-secure interrupt that can arrive while a partition runs. Product
 * images answer both as unknown calls.
 */
#include <abi/ffa_rules.h>
#include <abi/hypcall.h>
#include <abi/smccc.h>
#include <hyp/test_hooks.h>
#include <hyp/vm.h>

bool hyp_test_call(const struct vcpu *v, struct ffa_value *c)
{
	switch (smccc_fid_id(c->x[0])) {
	case HYPCALL_STATE_CHECK:
		smccc_answer(c, arch_hyp_state_check(v)); /* SMCCC: x0 only, x1-x17 kept */
		return true;
	case HYPCALL_TEST_EL2_TIMER:
		if (hyp_role_secure) /* the SPMC never touches the normal world's EL2 timer */
			return false;
		arch_test_el2_timer(c->x[1]);
		smccc_answer(c, 0);
		return true;
	default:
		return false;
	}
}
