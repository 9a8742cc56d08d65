// SPDX-License-Identifier: BSD-3-Clause
/* Benchmark system: 2 TEE instances, one guest bound to all of them (generated shape, edit freely).
 */
#include "common.h"

static const struct sys_sp sps[] = {
	/* T1 hosts the test TA for the teec_* operations. */
	TOS_SP_SIZED("T1", 0x8001, 0x0e100000, 0x01, SCENARIO_DEMO | TOS_TAS(TA_TEST), MiB(2)),
	TOS_SP("T2", 0x8002, 0x0e300000, 0x02, SCENARIO_DEMO),
};

static const struct sys_vm vms[] = {
	GUEST_VM("guest1", 1, 0x40400000, GUEST_BENCH | (2 << 8), "T1", "T2"),
};

const struct sys_desc system_desc = {
	.name = "bench_tees2",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
};
