// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: FF-A memory management (GUEST_MEM) from a guest bound to both TEEs (it ends by
 * making TEE B fault on a read-only share) and then from a guest bound to TEE A only.
 */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP("A", 0x8001, 0x0e100000, 0xa1, SCENARIO_DEMO),
	TOS_SP("B", 0x8002, 0x0e200000, 0xb2, SCENARIO_DEMO),
};

static const struct sys_vm vms[] = {
	GUEST_VM("guest1", 1, 0x40400000, GUEST_MEM | (1 << 8), "A", "B"),
	GUEST_VM("guest2", 2, 0x40600000, GUEST_MEM, "A"),
};

const struct sys_desc system_desc = {
	.name = "mem",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
};
