// SPDX-License-Identifier: BSD-3-Clause
/*
 * The demo device: two trusted-OS instances ("A" and "B") and two guests.
 * Guest 1 may use both TEEs; guest 2 is bound to TEE A only.
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
	.name = "demo",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
};
