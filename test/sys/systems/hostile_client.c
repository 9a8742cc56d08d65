// SPDX-License-Identifier: BSD-3-Clause
/*
 * Hostile-client regression system (issue 10): product images, the demo's two TEEs, and three
 * guests. guest1 (128 MiB window) runs every attack of the isolation review and stops holding
 * whatever it got (GUEST_ATTACKER, guest/attacker.c); guest2 then runs the demo app in both TEEs
 * and guest3 reads the EL1 registers it inherited. test_hostile_client.py compares what guest2
 * and guest3 see with hostile_client_baseline, where guest1 only says hello: it must be the same.
 * HOSTILE_CLIENT_GUEST1 lets the baseline reuse this file.
 */
#include "common.h"

#ifndef HOSTILE_CLIENT_GUEST1
#define HOSTILE_CLIENT_GUEST1 GUEST_ATTACKER
#define HOSTILE_CLIENT_NAME   "hostile_client"
#endif

static const struct sys_sp sps[] = {
	TOS_SP("pay", 0x8001, 0x0e100000, 0xa1, TOS_TAS(TA_WALLET)),
	TOS_SP_SIZED("vault", 0x8002, 0x0e200000, 0xb2, TOS_TAS(TA_VAULT), MiB(2)),
};

static const struct sys_vm vms[] = {
	{
	    .name = "guest1",
	    .image = "guest",
	    .vm_id = 1,
	    .mem = { .pa = 0x40400000, .ipa = GUEST_IPA, .size = MiB(128), .entry_offset = 0 },
	    .devs = { NS_UART },
	    .dev_count = 1,
	    .boot_arg = HOSTILE_CLIENT_GUEST1,
	    .tees = { "pay", "vault" },
	},
	GUEST_VM("guest2", 2, 0x48400000, GUEST_TEEC_DEMO, "pay", "vault"),
	GUEST_VM("guest3", 3, 0x48600000, GUEST_LEAK_PROBE | (1 << 8), "pay"),
};

const struct sys_desc system_desc = {
	.name = HOSTILE_CLIENT_NAME,
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
};
