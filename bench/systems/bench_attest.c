// SPDX-License-Identifier: BSD-3-Clause
/* Benchmark system: attestation tokens from the wallet TA in TEE "T1" (guest_bench_attest). */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP("T1", 0x8001, 0x0e100000, 0x01, SCENARIO_DEMO | TOS_TAS(TA_WALLET)),
};

static const struct sys_vm vms[] = {
	GUEST_VM("guest1", 1, 0x40400000, GUEST_BENCH | BENCH_ATTEST, "T1"),
};

const struct sys_desc system_desc = {
	.name = "bench_attest",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
};
