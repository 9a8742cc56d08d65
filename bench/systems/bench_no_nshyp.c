// SPDX-License-Identifier: BSD-3-Clause
/*
 * Benchmark system without the normal-world hypervisor: nsclient runs at NS-EL2 in place of
 * nshyp and calls the two TEEs with SMC directly, to price the second hypervisor. The VM entry
 * only gives nsclient's VM ID 1 its binding (A and B); its guest image is loaded, never run.
 */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP("T1", 0x8001, 0x0e100000, 0x01, SCENARIO_DEMO),
	TOS_SP("T2", 0x8002, 0x0e200000, 0x02, SCENARIO_DEMO),
};

static const struct sys_vm vms[] = {
	GUEST_VM("client", 1, 0x40400000, SCENARIO_DEMO, "T1", "T2"),
};

const struct sys_desc system_desc = {
	.name = "bench_no_nshyp",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
	.ns_el2_image = "nsclient",
};
