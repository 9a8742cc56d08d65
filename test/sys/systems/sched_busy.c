// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: a guest holds TEE A (a request A yielded in, which only that guest may resume,
 * and it never does) while another guest's request to A waits in nshyp; the wait has a
 * deadline (NSHYP_BUSY_WAIT_QUANTA quanta), then the request is answered BUSY
 * (test/payloads/guest/sched.c, test/sys/test_sched.py). 1 ms quantum.
 */
#include "common.h"

#define SCHED(part) (GUEST_SCHED | (uint64_t)(part) << 8)

static const struct sys_sp sps[] = {
	TOS_SP("A", 0x8001, 0x0e100000, 0xa1, 0),
};

static const struct sys_vm vms[] = {
	GUEST_VM("holder", 1, 0x40400000, SCHED(SCHED_HOLD), "A"),
	GUEST_VM("asker", 2, 0x40600000, SCHED(SCHED_BUSY_WAIT) | (uint64_t)1 << 16, "A"),
};

const struct sys_desc system_desc = {
	.name = "sched_busy",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
	.sched = { .policy = SYS_SCHED_ROUND_ROBIN, .quantum_us = 1000 },
};
