// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system for secure boot (test_secure_boot.py): two TEEs from two vendors ("payco" signs
 * A, "vaultco" signs B), one guest. Small, so that the package's metadata (what the bit-flip
 * sweep flips) is small.
 */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP_SIGNED("A", 0x8001, 0x0e100000, 0xa1, SCENARIO_DEMO, MiB(1), "payco"),
	TOS_SP_SIGNED("B", 0x8002, 0x0e200000, 0xb2, SCENARIO_DEMO, MiB(1), "vaultco"),
};

static const struct sys_vm vms[] = {
	GUEST_VM("guest1", 1, 0x40400000, SCENARIO_DEMO, "A", "B"),
};

const struct sys_desc system_desc = {
	.name = "secure_boot",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
};
