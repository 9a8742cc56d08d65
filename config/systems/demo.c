// SPDX-License-Identifier: BSD-3-Clause
/*
 * The demo device: two trusted-OS instances and two guests. TEE "pay" is the minimal one: it
 * hosts the wallet TA only. TEE "vault" has more memory and hosts the vault TA only (the test
 * TA is for test systems: a product TEE does not serve it). Guest 1 may use both TEEs; guest 2
 * is bound to "pay" only. Each TEE's image is signed by its vendor's key ("payco",
 * "vaultco"; docs/secure-boot.md), and "pay" owns the secure timer (CNTP, PPI 30). Both
 * guests run the same app (guest/demo_app.c): a payment signed by the wallet, then a photo kept
 * in the vault, which refuses guest 2. A product description: it cannot be a test build
 * (docs/system-description.md).
 */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP_TIMER_SIGNED("pay", 0x8001, 0x0e100000, 0xa1, SCENARIO_DEMO | TOS_TAS(TA_WALLET),
			    MiB(1), "payco"),
	TOS_SP_SIGNED("vault", 0x8002, 0x0e200000, 0xb2, SCENARIO_DEMO | TOS_TAS(TA_VAULT), MiB(2),
		      "vaultco"),
};

static const struct sys_vm vms[] = {
	GUEST_VM("guest1", 1, 0x40400000, GUEST_TEEC_DEMO, "pay", "vault"),
	GUEST_VM("guest2", 2, 0x40600000, GUEST_TEEC_DEMO, "pay"),
};

const struct sys_desc system_desc = {
	.name = "demo",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
};
