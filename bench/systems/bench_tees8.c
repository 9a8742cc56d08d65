// SPDX-License-Identifier: BSD-3-Clause
/* Benchmark system: 8 TEE instances, one guest bound to all of them (generated shape, edit freely).
 */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP("T1", 0x8001, 0x0e100000, 0x01, SCENARIO_DEMO),
	TOS_SP("T2", 0x8002, 0x0e200000, 0x02, SCENARIO_DEMO),
	TOS_SP("T3", 0x8003, 0x0e300000, 0x03, SCENARIO_DEMO),
	TOS_SP("T4", 0x8004, 0x0e400000, 0x04, SCENARIO_DEMO),
	TOS_SP("T5", 0x8005, 0x0e500000, 0x05, SCENARIO_DEMO),
	TOS_SP("T6", 0x8006, 0x0e600000, 0x06, SCENARIO_DEMO),
	TOS_SP("T7", 0x8007, 0x0e700000, 0x07, SCENARIO_DEMO),
	TOS_SP("T8", 0x8008, 0x0e800000, 0x08, SCENARIO_DEMO),
};

static const struct sys_vm vms[] = {
	GUEST_VM("guest1", 1, 0x40400000, GUEST_BENCH | (8 << 8), "T1", "T2", "T3", "T4", "T5",
		 "T6", "T7", "T8"),
};

const struct sys_desc system_desc = {
	.name = "bench_tees8",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
};
