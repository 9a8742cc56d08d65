// SPDX-License-Identifier: BSD-3-Clause
/* Test system: the FF-A conformance scenario from a guest bound to both TEEs and one bound to A. */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP("A", 0x8001, 0x0e100000, 0xa1, SCENARIO_DEMO),
	TOS_SP("B", 0x8002, 0x0e200000, 0xb2, SCENARIO_DEMO),
};

static const struct sys_vm vms[] = {
	GUEST_VM("guest1", 1, 0x40400000, GUEST_CONFORMANCE | (2 << 8), "A", "B"),
	GUEST_VM("guest2", 2, 0x40600000, GUEST_CONFORMANCE | (1 << 8), "A"),
};

const struct sys_desc system_desc = {
	.name = "ffa_conformance",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	/*
	 * One guest after the other: both use TEE A's notifications, and the checks expect one
	 * guest's timing of the SRI (one until the next INFO_GET) and of its NPI. Interleaved,
	 * the other guest's SRI can stand in for this one's, or list it early, so a request of
	 * this guest may correctly come back FFA_INTERRUPT at a point the checks do not expect.
	 */
	.sched = { .policy = SYS_SCHED_IN_ORDER },
	.test_build = true,
};
