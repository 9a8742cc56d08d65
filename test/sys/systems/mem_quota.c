// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: memory reservations (test/payloads/guest/mem_quota.c). guest1 and guest2 each lend
 * their whole reservation (8 transactions) to TEE A, which keeps every one of them (test command
 * TOS_MEM_HOLD, and TOS_KEEPS_GONE_CLIENTS_MEMORY: it does not give them back on
 * VM_DESTROYED, standing for a partition that keeps memory) after they stop; guest3 must still
 * get its own 8.
 */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP("A", 0x8001, 0x0e100000, 0xa1, TOS_KEEPS_GONE_CLIENTS_MEMORY),
};

static const struct sys_vm vms[] = {
	GUEST_VM("guest1", 1, 0x40400000, GUEST_MEM_QUOTA | (1 << 8), "A"),
	GUEST_VM("guest2", 2, 0x40600000, GUEST_MEM_QUOTA | (1 << 8), "A"),
	GUEST_VM("guest3", 3, 0x40800000, GUEST_MEM_QUOTA, "A"),
};

const struct sys_desc system_desc = {
	.name = "mem_quota",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
};
