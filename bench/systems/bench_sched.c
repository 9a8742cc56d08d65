// SPDX-License-Identifier: BSD-3-Clause
/*
 * Benchmark system: the cost of a guest switch in nshyp (bench/run.py, docs/performance.md).
 * Two guests compute side by side for BENCH_SCHED_MS milliseconds of counter time with the
 * shortest quantum (test/payloads/guest/sched.c, SCHED_BENCH), so every switch is nshyp's
 * tick: the interrupt exit, the scheduler, the EL1/stage-2 switch and the return. bench/run.py
 * traces two runs of different lengths and divides nshyp's extra instructions by the extra
 * switches. BENCH_SCHED_FP 1: the guests have fp_simd, so nshyp switches FP/SIMD too.
 */
#include "common.h"

#ifndef BENCH_SCHED_FP
#define BENCH_SCHED_FP 0
#endif
#ifndef BENCH_SCHED_MS
#define BENCH_SCHED_MS 20
#endif

#define BENCH_VM(nm, id, pa_)                                                                      \
	{                                                                                          \
		.name = nm, .image = "guest", .vm_id = id, .fp_simd = BENCH_SCHED_FP,              \
		.mem = { .pa = pa_, .ipa = GUEST_IPA, .size = MiB(2), .entry_offset = 0 },         \
		.devs = { NS_UART }, .dev_count = 1, .tees = { "A" },                              \
		.boot_arg =                                                                        \
		    GUEST_SCHED | (uint64_t)SCHED_BENCH << 8 | (uint64_t)BENCH_SCHED_MS << 16,     \
	}

static const struct sys_sp sps[] = {
	TOS_SP("A", 0x8001, 0x0e100000, 0xa1, SCENARIO_DEMO),
};

static const struct sys_vm vms[] = {
	BENCH_VM("guest1", 1, 0x40400000),
	BENCH_VM("guest2", 2, 0x40600000),
};

const struct sys_desc system_desc = {
	.name = "bench_sched",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
	.sched = { .policy = SYS_SCHED_ROUND_ROBIN, .quantum_us = SYS_SCHED_QUANTUM_MIN_US },
};
