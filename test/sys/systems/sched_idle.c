// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: two guests that only wait for their virtual timers with WFI
 * (test/payloads/guest/sched.c, SCHED_WAITER; test/sys/test_sched.py), so that every live guest
 * waits at once and nshyp itself waits for the first deadline (WFI at EL2).
 */
#include "common.h"

#define WAITER(nm, id, pa_) GUEST_VM(nm, id, pa_, GUEST_SCHED | (uint64_t)SCHED_WAITER << 8, "A")

static const struct sys_sp sps[] = {
	TOS_SP("A", 0x8001, 0x0e100000, 0xa1, 0),
};

static const struct sys_vm vms[] = {
	WAITER("waiter1", 1, 0x40400000),
	WAITER("waiter2", 2, 0x40600000),
};

const struct sys_desc system_desc = {
	.name = "sched_idle",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
	.sched = { .policy = SYS_SCHED_ROUND_ROBIN, .quantum_us = 1000 },
};
