// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: two guests one after the other. guest1 writes EL1 registers it must not be able
 * to pass on (PAC keys, breakpoint/watchpoint values, PMU controls) and powers off; guest2 reads
 * the same registers and must find its own (fresh) values, never guest1's (issue 10 item 2).
 */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP("A", 0x8001, 0x0e100000, 0xa1, SCENARIO_DEMO),
};

static const struct sys_vm vms[] = {
	GUEST_VM("guest1", 1, 0x40400000, GUEST_LEAK_PROBE, "A"),
	GUEST_VM("guest2", 2, 0x40600000, GUEST_LEAK_PROBE | (1 << 8), "A"),
};

const struct sys_desc system_desc = {
	.name = "el1_leak",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
};
