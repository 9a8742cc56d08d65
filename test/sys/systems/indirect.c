// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: FF-A v1.1 indirect messages in every direction (test/payloads/guest/indirect.c,
 * test/sys/test_ffa.py). TEEs A and B take indirect messages (properties bit 2); "receiver"
 * (VM 2) is bound to A only and waits for VM-to-VM messages; "sender" (VM 1) is bound to both
 * TEEs and may address the receiver. Scheduled in description order: the receiver's partition
 * checks run first, then it waits, then the sender runs.
 */
#define TOS_PROPERTIES 0x1c7 /* common.h's, and indirect messages */
#include "common.h"

#define PART(p) (GUEST_INDIRECT | (uint64_t)(p) << 8)

static const struct sys_sp sps[] = {
	TOS_SP("A", 0x8001, 0x0e100000, 0xa1, 0),
	TOS_SP("B", 0x8002, 0x0e200000, 0xb2, 0),
};

static const struct sys_vm vms[] = {
	GUEST_VM("receiver", 2, 0x40600000, PART(INDIRECT_RECEIVER), "A"),
	{
	    .name = "sender",
	    .image = "guest",
	    .vm_id = 1,
	    .mem = { .pa = 0x40400000, .ipa = GUEST_IPA, .size = MiB(2), .entry_offset = 0 },
	    .devs = { NS_UART },
	    .dev_count = 1,
	    .boot_arg = PART(INDIRECT_SENDER),
	    .tees = { "A", "B" },
	    .vms = { "receiver" },
	},
};

const struct sys_desc system_desc = {
	.name = "indirect",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
	.sched = { .policy = SYS_SCHED_IN_ORDER },
};
