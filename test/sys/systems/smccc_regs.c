// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: the SMCCC/FF-A register rules a guest sees (test/payloads/guest/smccc_regs.c):
 * x1-x17 kept by SMCCC, PSCI and unknown-ID answers, FF-A answers with unused results zero and
 * x8-x17 kept, by HVC and by trapped SMC, through nshyp's C handlers and its fast path. guest2
 * smashes its stack: the stack protector stops it, and nshyp goes on.
 */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP("A", 0x8001, 0x0e100000, 0xa1, SCENARIO_DEMO),
};

static const struct sys_vm vms[] = {
	GUEST_VM("guest1", 1, 0x40400000, GUEST_SMCCC_REGS, "A"),
	GUEST_VM("guest2", 2, 0x40600000, GUEST_STACK_SMASH, "A"),
};

const struct sys_desc system_desc = {
	.name = "smccc_regs",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
};
