// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: Normal-world interrupts preempt TEE calls, guests drive their virtual GICs and
 * own FP/SIMD one after another (test/payloads/guest/preempt.c, test/sys/test_preempt.py).
 * "owner" and "next" use their virtual GIC and FP/SIMD; "hostile" writes every register of its
 * virtual GIC between them; "bare" has no FP/SIMD. Two TEEs, so
 * that A can ask B to compute while an interrupt arrives.
 */
#include "common.h"

#define OWNER_VM(nm, id, pa_, part)                                                                \
	{                                                                                          \
		.name = nm, .image = "guest", .vm_id = id, .fp_simd = true,                        \
		.mem = { .pa = pa_, .ipa = GUEST_IPA, .size = MiB(2), .entry_offset = 0 },         \
		.devs = { NS_UART }, .dev_count = 1, .boot_arg = GUEST_PREEMPT | (part) << 8,      \
		.tees = { "A" },                                                                   \
	}

static const struct sys_sp sps[] = {
	TOS_SP("A", 0x8001, 0x0e100000, 0xa1, 0),
	TOS_SP("B", 0x8002, 0x0e200000, 0xb2, 0),
};

static const struct sys_vm vms[] = {
	OWNER_VM("owner", 1, 0x40400000, PREEMPT_OWNER),
	GUEST_VM("hostile", 4, 0x40a00000, GUEST_PREEMPT | (PREEMPT_HOSTILE << 8), "A"),
	OWNER_VM("next", 2, 0x40600000, PREEMPT_NEXT),
	GUEST_VM("bare", 3, 0x40800000, GUEST_PREEMPT | (PREEMPT_BARE << 8), "A"),
};

const struct sys_desc system_desc = {
	.name = "preempt",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
};
