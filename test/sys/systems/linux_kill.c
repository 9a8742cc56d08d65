// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: a Linux guest killed in the middle of a call leaves nothing behind in the TEE.
 * linux1 opens sessions to the test TA, starts a call that waits in the TA for ever and powers
 * itself off while it is in flight (teec-kill); linux2, running beside it, waits for its end and
 * then finds only its own session in the test TA and a short wait still working (teec-kill
 * check). TEE "vault" hosts the test TA (a
 * test build).
 *
 * linux1 powers off 300 ms into its WAIT, well inside TOS_SUSPEND_DEADLINE_MS (1000 ms): past
 * the deadline, linux2's open may end the WAIT first (a deadline for anything that waits), and
 * linux1 would then die with no call in flight, which is not what this system tests.
 */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP_SIZED("vault", 0x8002, 0x0e200000, 0xb2, SCENARIO_DEMO | TOS_TAS(TA_TEST), MiB(2)),
};

#define KILL_CMDLINE "console=ttyAMA0 arm64.nosve arm64.nosme cma=16M quiet tessera.app="

static const struct sys_vm vms[] = {
	LINUX_VM("linux1", 1, 0x40400000, MiB(192), "debian", "tessera",
		 KILL_CMDLINE "teec-kill,300", "vault"),
	LINUX_VM("linux2", 2, 0x4c400000, MiB(192), "debian", "tessera",
		 KILL_CMDLINE "teec-kill,check", "vault"),
};

const struct sys_desc system_desc = {
	.name = "linux_kill",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
};
