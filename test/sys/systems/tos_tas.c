// SPDX-License-Identifier: BSD-3-Clause
/*
 * Trusted-OS tests (test/sys/test_tos.py): the two TEEs of the demo with
 * their TAs ("pay": wallet; "vault": vault and test, more memory) and a guest
 * that drives the OP-TEE FF-A ABI with raw, partly malformed requests
 * (test/payloads/guest/optee_raw.c); guest1 leaves a session and a suspended call behind and guest2
 * tries to reach them.
 */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP_SIZED("pay", 0x8001, 0x0e100000, 0xa1, TOS_TAS(TA_WALLET), MiB(2)),
	TOS_SP_SIZED("vault", 0x8002, 0x0e300000, 0xb2, TOS_TAS(TA_VAULT | TA_TEST), MiB(4)),
};

static const struct sys_vm vms[] = {
	GUEST_VM("guest1", 1, 0x40400000, GUEST_OPTEE_RAW | 1 << 8, "pay", "vault"),
	GUEST_VM("guest2", 2, 0x40600000, GUEST_OPTEE_RAW | 2 << 8, "vault"),
};

const struct sys_desc system_desc = {
	.name = "tos_tas",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
};
