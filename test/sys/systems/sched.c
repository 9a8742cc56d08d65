// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: nshyp time-slices eight guests (test/payloads/guest/sched.c,
 * test/sys/test_sched.py) with a 1 ms quantum. "progress" computes and prints while "spin"
 * spins without end; "waiter" waits for its virtual timer with WFI; "wild" has its virtual
 * timer firing and every exception masked; "teespin" asks TEE B for a long computation that
 * the tick preempts; "teecalls" makes many short requests to TEE A while ticks land; "fp1" and
 * "fp2" keep their own FP/SIMD values. When "progress" is done it stops "spin" and "teespin"
 * (the test hook HYPCALL_TEST_GUEST_STOP), which never end by themselves.
 */
#include "common.h"

#define SCHED(part) (GUEST_SCHED | (uint64_t)(part) << 8)
#define STOPS(a, b) ((uint64_t)(a) << 16 | (uint64_t)(b) << 32)
#define FP_VM(nm, id, pa_)                                                                         \
	{                                                                                          \
		.name = nm, .image = "guest", .vm_id = id, .fp_simd = true,                        \
		.mem = { .pa = pa_, .ipa = GUEST_IPA, .size = MiB(2), .entry_offset = 0 },         \
		.devs = { NS_UART }, .dev_count = 1, .boot_arg = SCHED(SCHED_FP),                  \
	}

static const struct sys_sp sps[] = {
	TOS_SP("A", 0x8001, 0x0e100000, 0xa1, 0),
	TOS_SP("B", 0x8002, 0x0e200000, 0xb2, 0),
};

static const struct sys_vm vms[] = {
	GUEST_VM("progress", 1, 0x40400000, SCHED(SCHED_PROGRESS) | STOPS(2, 5), "A"),
	GUEST_VM("spin", 2, 0x40600000, SCHED(SCHED_SPIN), "A"),
	GUEST_VM("waiter", 3, 0x40800000, SCHED(SCHED_WAITER), "A"),
	GUEST_VM("wild", 4, 0x40a00000, SCHED(SCHED_WILD), "A"),
	GUEST_VM("teespin", 5, 0x40c00000, SCHED(SCHED_TEE_SPIN), "B"),
	GUEST_VM("teecalls", 6, 0x40e00000, SCHED(SCHED_TEE_CALLS), "A"),
	FP_VM("fp1", 7, 0x41000000),
	FP_VM("fp2", 8, 0x41200000),
};

const struct sys_desc system_desc = {
	.name = "sched",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
	.sched = { .policy = SYS_SCHED_ROUND_ROBIN, .quantum_us = 1000 },
};
