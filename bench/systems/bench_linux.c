// SPDX-License-Identifier: BSD-3-Clause
/*
 * Benchmark system for the Linux path (bench/linux.py, docs/performance.md): one TEE with the
 * test TA and one Debian Linux guest that runs teec-bench (guest/linux/teec_bench.c), which
 * times TEEC_InvokeCommand with one value to the test TA. nshyp_test prints the boot time to
 * the guest's first instruction (hyp/role/nshyp/test_bench.c).
 */
#include "common.h"

static const struct sys_sp sps[] = {
	/* T1 hosts the test TA (test builds only). */
	TOS_SP_SIZED("T1", 0x8001, 0x0e100000, 0x01, SCENARIO_DEMO | TOS_TAS(TA_TEST), MiB(2)),
};

static const struct sys_vm vms[] = {
	LINUX_VM("linux1", 1, 0x48000000, MiB(192), "debian", "tessera",
		 "console=ttyAMA0 arm64.nosve arm64.nosme quiet tessera.app=teec-bench", "T1"),
};

const struct sys_desc system_desc = {
	.name = "bench_linux",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
};
