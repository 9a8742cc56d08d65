// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: a guest that shares and lends pages to TEE "vault", makes random OP-TEE and
 * FF-A calls (no test command) and stops without cleaning up (test/payloads/guest/mem_quota.c);
 * every one of its transactions must be released. guest2 then lends its whole reservation to TEE A.
 */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP("A", 0x8001, 0x0e100000, 0xa1, SCENARIO_DEMO),
	TOS_SP_SIZED("vault", 0x8002, 0x0e200000, 0xb2, SCENARIO_DEMO | TOS_TAS(TA_VAULT | TA_TEST),
		     MiB(2)),
};

static const struct sys_vm vms[] = {
	GUEST_VM("guest1", 1, 0x40400000, GUEST_MEM_QUOTA | (2 << 8), "vault"),
	GUEST_VM("guest2", 2, 0x40600000, GUEST_MEM_QUOTA, "A"),
};

const struct sys_desc system_desc = {
	.name = "mem_hostile",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
};
