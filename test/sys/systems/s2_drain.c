// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: stage-2 table drain (issue 10 item 5). guest1 has a 128 MiB window and lends,
 * and shares for TEE A to retrieve, one page of each of its 63 free 2 MiB blocks, three times
 * over (GUEST_S2_DRAIN); guest2, a small guest started after it, must still be built and
 * served by both TEEs.
 */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP("A", 0x8001, 0x0e100000, 0xa1, SCENARIO_DEMO),
	TOS_SP("B", 0x8002, 0x0e200000, 0xb2, SCENARIO_DEMO),
};

static const struct sys_vm vms[] = {
	{
	    .name = "guest1",
	    .image = "guest",
	    .vm_id = 1,
	    .mem = { .pa = 0x40400000, .ipa = GUEST_IPA, .size = MiB(128), .entry_offset = 0 },
	    .devs = { NS_UART },
	    .dev_count = 1,
	    .boot_arg = GUEST_S2_DRAIN | 63 << 8 | 3 << 16,
	    .tees = { "A", "B" },
	},
	GUEST_VM("guest2", 2, 0x48400000, GUEST_S2_DRAIN, "A", "B"),
};

const struct sys_desc system_desc = {
	.name = "s2_drain",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
};
