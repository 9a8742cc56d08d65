// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: VM-to-VM direct messages through nshyp (test/payloads/guest/vm_msg.c,
 * test/sys/test_vm_msg.py). "server" waits for requests and may address "client" (to show
 * that a guest waiting for an answer is BUSY, no cycle); "client" may address "server";
 * "third" may address "client" only; "goner" may address "server", which ends it (test hook)
 * while it waits for the answer. Scheduled in description order, so the server waits before
 * the others run, and "third" and "goner" finish before the client starts.
 */
#include "common.h"

#define VM_MSG(part) (GUEST_VM_MSG | (uint64_t)(part) << 8)

/* A bare test guest bound to TEE A, with its VM-to-VM binding `...`. */
#define PEER_VM(nm, id, pa_, part, ...)                                                            \
	{                                                                                          \
		.name = nm, .image = "guest", .vm_id = id,                                         \
		.mem = { .pa = pa_, .ipa = GUEST_IPA, .size = MiB(2), .entry_offset = 0 },         \
		.devs = { NS_UART }, .dev_count = 1, .boot_arg = VM_MSG(part), .tees = { "A" },    \
		.vms = { __VA_ARGS__ },                                                            \
	}

static const struct sys_sp sps[] = {
	TOS_SP("A", 0x8001, 0x0e100000, 0xa1, 0),
};

static const struct sys_vm vms[] = {
	PEER_VM("server", 1, 0x40400000, VM_MSG_SERVER, "client"),
	PEER_VM("third", 3, 0x40800000, VM_MSG_THIRD, "client"),
	PEER_VM("goner", 4, 0x40a00000, VM_MSG_GONER, "server"),
	PEER_VM("client", 2, 0x40600000, VM_MSG_CLIENT, "server"),
};

const struct sys_desc system_desc = {
	.name = "vm_msg",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
	.sched = { .policy = SYS_SCHED_IN_ORDER },
};
