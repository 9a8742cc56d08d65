// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system (issue 13, the TOS's secure timer): TEE "vault" owns the secure timer
 * (TOS_ARG_TIMER; CNTP, PPI 30). guest1 runs the test TA in an endless loop, cancels one loop,
 * checks that the timer ends a TEE_Wait, and powers off while a loop that ignores
 * cancellation is suspended; guest2, time-sliced next to it, is answered BUSY by the
 * single-instance test TA until then and then uses it (a new instance) and the vault TA of the
 * same TOS (test/payloads/guest/lifecycle.c, bit 9).
 */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP_TIMER("vault", 0x8001, 0x0e100000, 0xb2, SCENARIO_DEMO | TOS_TAS(TA_TEST | TA_VAULT),
		     MiB(2)),
};

static const struct sys_vm vms[] = {
	GUEST_VM("guest1", 1, 0x40400000, GUEST_LIFECYCLE | (3 << 8), "vault"),
	GUEST_VM("guest2", 2, 0x40600000, GUEST_LIFECYCLE | (2 << 8), "vault"),
};

const struct sys_desc system_desc = {
	.name = "tos_loop",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
};
