// SPDX-License-Identifier: BSD-3-Clause
/* Test system: TEE A reads TEE B's memory on its first request; B and both guests must carry on. */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP("A", 0x8001, 0x0e100000, 0xa1, TOS_TOUCH_OTHER_TOS),
	TOS_SP("B", 0x8002, 0x0e200000, 0xb2, SCENARIO_DEMO),
};

static const struct sys_vm vms[] = {
	GUEST_VM("guest1", 1, 0x40400000, SCENARIO_DEMO, "A", "B"),
	GUEST_VM("guest2", 2, 0x40600000, SCENARIO_DEMO, "A", "B"),
};

const struct sys_desc system_desc = {
	.name = "tos_isolation",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
};
