// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: the GP Client API conformance suite (test/payloads/guest/teec_conformance.c). TEE
 * "pay" hosts the wallet TA, TEE "vault" the vault and test TAs; guest1 may reach both and runs the
 * whole suite, guest2 is bound to "pay" only and runs the routing and policy checks.
 */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP("pay", 0x8001, 0x0e100000, 0xa1, SCENARIO_DEMO | TOS_TAS(TA_WALLET)),
	TOS_SP_SIZED("vault", 0x8002, 0x0e200000, 0xb2, SCENARIO_DEMO | TOS_TAS(TA_VAULT | TA_TEST),
		     MiB(2)),
};

static const struct sys_vm vms[] = {
	GUEST_VM("guest1", 1, 0x40400000, GUEST_TEEC_CONFORMANCE | (2 << 8), "pay", "vault"),
	GUEST_VM("guest2", 2, 0x40600000, GUEST_TEEC_CONFORMANCE | (1 << 8), "pay"),
};

const struct sys_desc system_desc = {
	.name = "teec",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
};
