// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: the demo binding (guest2 -> A only) with nshyp's policy filter
 * switched off, to prove the SPMC refuses guest2's request to B on its own.
 */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP("A", 0x8001, 0x0e100000, 0xa1, SCENARIO_DEMO),
	TOS_SP("B", 0x8002, 0x0e200000, 0xb2, SCENARIO_DEMO),
};

static const struct sys_vm vms[] = {
	GUEST_VM("guest1", 1, 0x40400000, SCENARIO_DEMO, "A", "B"),
	GUEST_VM("guest2", 2, 0x40600000, SCENARIO_DEMO, "A"),
};

const struct sys_desc system_desc = {
	.name = "policy_unfiltered",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
	.test_nshyp_skip_policy = true,
};
