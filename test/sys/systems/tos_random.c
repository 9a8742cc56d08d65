// SPDX-License-Identifier: BSD-3-Clause
/*
 * Trusted-OS test (test/sys/test_tos.py): two guests make random OP-TEE calls and shares
 * against TEE "vault" (test/payloads/guest/optee_raw.c, OPTEE_RAW_RANDOM: waits left suspended,
 * sessions left open, shares named as argument and memref, unregistered or not) and stop in the
 * middle; the TEE must give everything back when each is destroyed, and a third guest then
 * runs the whole raw OP-TEE check list: after them (SYS_SCHED_IN_ORDER), since the random
 * clients' suspended waits keep the single-instance test TA busy while they run.
 */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP_SIZED("pay", 0x8001, 0x0e100000, 0xa1, TOS_TAS(TA_WALLET), MiB(2)),
	TOS_SP_SIZED("vault", 0x8002, 0x0e300000, 0xb2, TOS_TAS(TA_VAULT | TA_TEST), MiB(4)),
};

static const struct sys_vm vms[] = {
	GUEST_VM("guest1", 1, 0x40400000, GUEST_OPTEE_RAW | 4 << 8 | 30 << 16, "vault"),
	GUEST_VM("guest2", 2, 0x40600000, GUEST_OPTEE_RAW | 4 << 8 | 30 << 16, "vault"),
	GUEST_VM("guest3", 3, 0x40800000, GUEST_OPTEE_RAW, "pay", "vault"),
};

const struct sys_desc system_desc = {
	.name = "tos_random",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
	.sched = { .policy = SYS_SCHED_IN_ORDER },
};
