// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: guest1 powers off in the middle of a TEE call (a TA waiting in TEE_Wait,
 * with memory it shared); guest2 then uses the same single-instance TA
 * (test/payloads/guest/lifecycle.c).
 */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP_SIZED("vault", 0x8001, 0x0e100000, 0xb2, SCENARIO_DEMO | TOS_TAS(TA_TEST), MiB(2)),
};

static const struct sys_vm vms[] = {
	GUEST_VM("guest1", 1, 0x40400000, GUEST_LIFECYCLE | (1 << 8), "vault"),
	GUEST_VM("guest2", 2, 0x40600000, GUEST_LIFECYCLE, "vault"),
};

const struct sys_desc system_desc = {
	.name = "lifecycle",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
};
