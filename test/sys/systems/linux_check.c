// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: Debian's unmodified kernel, optee.ko and libteec against our TEEs. TEE "pay"
 * hosts the wallet TA, TEE "vault" the vault and test TAs (a test build: the test TA and the
 * test variants of the images). One Linux guest, bound to both, boots our initramfs and runs
 * the GP Client API checks teec-check (tessera.app=teec-check), then powers off.
 */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP("pay", 0x8001, 0x0e100000, 0xa1, SCENARIO_DEMO | TOS_TAS(TA_WALLET)),
	TOS_SP_SIZED("vault", 0x8002, 0x0e200000, 0xb2, SCENARIO_DEMO | TOS_TAS(TA_VAULT | TA_TEST),
		     MiB(2)),
};

static const struct sys_vm vms[] = {
	LINUX_VM("linux1", 1, 0x40400000, MiB(192), "debian", "tessera",
		 "console=ttyAMA0 earlycon=pl011,0x9000000 arm64.nosve arm64.nosme cma=16M quiet "
		 "tessera.app=teec-check",
		 "pay", "vault"),
};

const struct sys_desc system_desc = {
	.name = "linux_check",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
};
