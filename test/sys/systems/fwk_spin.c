// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: a partition that never answers a framework message cannot hold the machine
 * (test/sys/test_sched.py). "spinner" makes TEE A (test build, TOS_SPIN_AT_DESTROY) spin without
 * end in the VM_DESTROYED message nshyp sends about it, and powers off; the SPMC hands the CPU
 * back at nshyp's tick (FFA_INTERRUPT), nshyp resumes the message NSHYP_MAX_RESUMES times, then
 * leaves A preempted. "after" then finds A BUSY and B serving. In order, 1 ms quantum.
 */
#include "common.h"

#define SCHED(part) (GUEST_SCHED | (uint64_t)(part) << 8)

static const struct sys_sp sps[] = {
	TOS_SP("A", 0x8001, 0x0e100000, 0xa1, 0),
	TOS_SP("B", 0x8002, 0x0e200000, 0xb2, 0),
};

static const struct sys_vm vms[] = {
	GUEST_VM("spinner", 1, 0x40400000, SCHED(SCHED_DESTROY_SPIN), "A"),
	GUEST_VM("after", 2, 0x40600000, SCHED(SCHED_AFTER_SPIN), "A", "B"),
};

const struct sys_desc system_desc = {
	.name = "fwk_spin",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
	.sched = { .policy = SYS_SCHED_IN_ORDER, .quantum_us = 1000 },
};
