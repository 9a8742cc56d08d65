// SPDX-License-Identifier: BSD-3-Clause
/*
 * Hostile-client regression system (issue 10): product images, the demo's two TEEs, and four
 * guests. guest1 (128 MiB window) attacks the platform: EL1 registers, stage-2 tables, memory
 * sharing, SMCCC rules, random calls; guest2 (64 MiB) attacks the TEEs: the trusted OS's former
 * test commands and exhaustion through the GP Client API (test/payloads/guest/attacker.c). Both
 * stop holding whatever they got. guest3 then runs the demo app in both TEEs and guest4 reads the
 * EL1 registers it inherited. test_hostile_client.py compares what guest3 and guest4 see with
 * hostile_client_baseline, where the attackers only say hello: it must be the same.
 */
#include "common.h"

#ifndef HOSTILE_CLIENT_ATTACK
#define HOSTILE_CLIENT_ATTACK GUEST_ATTACKER
#define HOSTILE_CLIENT_NAME   "hostile_client"
#endif

#define ATTACKER(nm, id, pa_, size_, part)                                                         \
	{                                                                                          \
		.name = nm, .image = "guest", .vm_id = id,                                         \
		.mem = { .pa = pa_, .ipa = GUEST_IPA, .size = size_, .entry_offset = 0 },          \
		.devs = { NS_UART }, .dev_count = 1,                                               \
		.boot_arg = HOSTILE_CLIENT_ATTACK | (part) << 8, .tees = { "pay", "vault" },       \
	}

static const struct sys_sp sps[] = {
	TOS_SP("pay", 0x8001, 0x0e100000, 0xa1, TOS_TAS(TA_WALLET)),
	TOS_SP_SIZED("vault", 0x8002, 0x0e200000, 0xb2, TOS_TAS(TA_VAULT), MiB(2)),
};

static const struct sys_vm vms[] = {
	ATTACKER("guest1", 1, 0x40400000, MiB(128), 0),
	ATTACKER("guest2", 2, 0x48400000, MiB(64), 1),
	GUEST_VM("guest3", 3, 0x4c400000, GUEST_TEEC_DEMO, "pay", "vault"),
	GUEST_VM("guest4", 4, 0x4c600000, GUEST_LEAK_PROBE | (1 << 8), "pay"),
};

const struct sys_desc system_desc = {
	.name = HOSTILE_CLIENT_NAME,
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
};
