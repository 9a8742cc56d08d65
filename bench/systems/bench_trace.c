// SPDX-License-Identifier: BSD-3-Clause
/*
 * Benchmark system for the per-component breakdown: the guest does exactly
 * BENCH_TRACE_ITERS direct round trips to TEE A (default 100; bench/run.py
 * builds it twice with different counts and subtracts).
 */
#include "common.h"

#ifndef BENCH_TRACE_ITERS
#define BENCH_TRACE_ITERS 100
#endif
#ifndef BENCH_TRACE_ALTERNATING /* 1: alternate TEE A and TEE B */
#define BENCH_TRACE_ALTERNATING 0
#endif
#ifndef BENCH_TRACE_OP /* BENCH_OP_TEEC_*: a libteec operation to the test TA in TEE A */
#define BENCH_TRACE_OP 0
#endif

#if BENCH_TRACE_OP
#define TEE_A	   TOS_SP_SIZED("A", 0x8001, 0x0e100000, 0xa1, SCENARIO_DEMO | TOS_TAS(TA_TEST), MiB(2))
#define TEE_B_BASE 0x0e300000
#else
#define TEE_A	   TOS_SP("A", 0x8001, 0x0e100000, 0xa1, SCENARIO_DEMO)
#define TEE_B_BASE 0x0e200000
#endif

static const struct sys_sp sps[] = {
	TEE_A,
	TOS_SP("B", 0x8002, TEE_B_BASE, 0xb2, SCENARIO_DEMO),
};

static const struct sys_vm vms[] = {
	GUEST_VM("guest1", 1, 0x40400000,
		 GUEST_BENCH | (2 << 8) | (BENCH_TRACE_ITERS << 16) |
		     ((uint64_t)BENCH_TRACE_ALTERNATING << 31) | BENCH_ARG_OP(BENCH_TRACE_OP),
		 "A", "B"),
};

const struct sys_desc system_desc = {
	.name = "bench_trace",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
};
