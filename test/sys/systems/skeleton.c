// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: the walking skeleton's demo (issue 2), kept for its tests now that the demo
 * runs the libteec app: two TEEs, guest 1 bound to both, guest 2 to A only, and each guest
 * sends one diagnostic direct request to each TEE (guest/guest.c, SCENARIO_DEMO).
 */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP("A", 0x8001, 0x0e100000, 0xa1, SCENARIO_DEMO),
	TOS_SP("B", 0x8002, 0x0e200000, 0xb2, SCENARIO_DEMO),
};

static const struct sys_vm vms[] = {
	GUEST_VM("guest1", 1, 0x40400000, SCENARIO_DEMO, "A", "B"),
	GUEST_VM("guest2", 2, 0x40600000, SCENARIO_DEMO, "A"),
};

const struct sys_desc system_desc = {
	.name = "skeleton",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
};
