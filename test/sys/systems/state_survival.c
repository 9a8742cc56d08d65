// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: two guests and two TEEs that all check, on every call, that
 * their registers and EL1 state (and the hypervisors' EL2 state) survived
 * every world, guest and partition switch.
 */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP("A", 0x8001, 0x0e100000, 0xa1, TOS_STATE_CHECK),
	TOS_SP("B", 0x8002, 0x0e200000, 0xb2, TOS_STATE_CHECK),
};

static const struct sys_vm vms[] = {
	GUEST_VM("guest1", 1, 0x40400000, GUEST_STATE_CHECK | (400 << 8), "A", "B"),
	GUEST_VM("guest2", 2, 0x40600000, GUEST_STATE_CHECK | (400 << 8), "A", "B"),
};

const struct sys_desc system_desc = {
	.name = "state_survival",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
	/* The shortest quantum: nshyp's tick lands in the middle of many requests, which
	 * nshyp resumes (FFA_RUN) after the other guest's slice. */
	.sched = { .policy = SYS_SCHED_ROUND_ROBIN, .quantum_us = SYS_SCHED_QUANTUM_MIN_US },
};
