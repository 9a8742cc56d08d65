// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system with product images (no test_build): the demo's TEEs ("pay": wallet; "vault":
 * vault). guest1 sends both TEEs every request that is a test command in a test build
 * (test/payloads/guest/product_probe.c) around its own GP calls; guest2, bound to both, then runs
 * the demo app. The product TEEs refuse each command with the OP-TEE FF-A ABI's error and serve on.
 */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP("pay", 0x8001, 0x0e100000, 0xa1, SCENARIO_DEMO | TOS_TAS(TA_WALLET)),
	TOS_SP_SIZED("vault", 0x8002, 0x0e200000, 0xb2, SCENARIO_DEMO | TOS_TAS(TA_VAULT), MiB(2)),
};

static const struct sys_vm vms[] = {
	GUEST_VM("guest1", 1, 0x40400000, GUEST_PRODUCT_PROBE, "pay", "vault"),
	GUEST_VM("guest2", 2, 0x40600000, GUEST_TEEC_DEMO, "pay", "vault"),
};

const struct sys_desc system_desc = {
	.name = "product_probe",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
};
