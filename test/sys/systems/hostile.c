// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: a hostile partition (TEE A fires 3000 random calls at boot), a
 * well-behaved guest, a hostile guest (4000 random calls, with valid requests
 * interleaved), and another well-behaved guest after it.
 */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP("A", 0x8001, 0x0e100000, 0xa1, TOS_HOSTILE),
	TOS_SP("B", 0x8002, 0x0e200000, 0xb2, SCENARIO_DEMO),
};

static const struct sys_vm vms[] = {
	GUEST_VM("guest1", 1, 0x40400000, SCENARIO_DEMO, "A", "B"),
	GUEST_VM("guest2", 2, 0x40600000, GUEST_HOSTILE | (4000 << 8), "A", "B"),
	GUEST_VM("guest3", 3, 0x40800000, SCENARIO_DEMO, "A", "B"),
};

const struct sys_desc system_desc = {
	.name = "hostile",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
};
