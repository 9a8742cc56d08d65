// SPDX-License-Identifier: BSD-3-Clause
/* Test system: a guest and a TEE probe unknown SMC/HVC function IDs; all get -1 and carry on. */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP("A", 0x8001, 0x0e100000, 0xa1, TOS_UNKNOWN_CALLS),
	TOS_SP("B", 0x8002, 0x0e200000, 0xb2, SCENARIO_DEMO),
};

static const struct sys_vm vms[] = {
	GUEST_VM("guest1", 1, 0x40400000, GUEST_UNKNOWN_CALLS, "A", "B"),
};

const struct sys_desc system_desc = {
	.name = "unknown_ids",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
};
