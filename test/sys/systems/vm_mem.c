// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: FF-A memory sharing between two guests through nshyp (test/payloads/guest/
 * vm_mem.c, test/sys/test_vm_mem.py; docs/abi/ffa-memory.md "VM to VM"). "borrower" waits
 * for requests; "lender" may address it (its VM-to-VM binding, which governs both direct
 * messages and memory: the borrower must be in the lender's list), the borrower may address
 * no VM. Scheduled in description order, so the borrower waits before the lender runs.
 */
#include "common.h"

#define VM_MEM(part) (GUEST_VM_MEM | (uint64_t)(part) << 8)

/* A bare test guest bound to TEE A, with its VM-to-VM binding `...`. */
#define MEM_VM(nm, id, pa_, part, ...)                                                             \
	{                                                                                          \
		.name = nm, .image = "guest", .vm_id = id,                                         \
		.mem = { .pa = pa_, .ipa = GUEST_IPA, .size = MiB(2), .entry_offset = 0 },         \
		.devs = { NS_UART }, .dev_count = 1, .boot_arg = VM_MEM(part), .tees = { "A" },    \
		.vms = { __VA_ARGS__ },                                                            \
	}

static const struct sys_sp sps[] = {
	TOS_SP("A", 0x8001, 0x0e100000, 0xa1, 0),
};

static const struct sys_vm vms[] = {
	MEM_VM("borrower", 2, 0x40600000, VM_MEM_BORROWER),
	MEM_VM("lender", 1, 0x40400000, VM_MEM_LENDER, "borrower"),
};

const struct sys_desc system_desc = {
	.name = "vm_mem",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
	.sched = { .policy = SYS_SCHED_IN_ORDER },
};
