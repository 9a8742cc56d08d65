// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: TEE A is the built-in trusted OS; partition "U" is a
 * user-supplied raw binary (test/sys/user_sp, built by the system test into
 * build/user_sp/user_sp.bin) at its own IPA, UUID and properties, reached by
 * guest1 exactly like a built-in TEE.
 */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP("A", 0x8001, 0x0e100000, 0xa1, SCENARIO_DEMO),
	{
	    .name = "U",
	    .image = "build/user_sp/user_sp.bin",
	    .ffa_id = 0x8002,
	    .uuid = { 0x55, 0x53, 0x45, 0x52, 0x2d, 0x53, 0x50, 0x00, 0, 0, 0, 0, 0, 0, 0, 1 },
	    .properties = 0x103, /* AArch64, sends and receives direct requests */
	    .mem = { .pa = 0x0e300000, .ipa = 0x20000000, .size = 0x10000, .entry_offset = 0 },
	    .devs = { SECURE_UART },
	    .dev_count = 1,
	},
};

static const struct sys_vm vms[] = {
	GUEST_VM("guest1", 1, 0x40400000, SCENARIO_DEMO, "A", "U"),
};

const struct sys_desc system_desc = {
	.name = "user_payload",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
};
