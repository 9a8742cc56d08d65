// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: an interrupt storm from a guest's own device harms only that guest
 * (test/payloads/guest/sched.c SCHED_DEV_STORM, test/sys/test_sched.py). "storm" owns the RTC
 * (PL031) and its SPI, makes the device's level interrupt assert and takes it 2000 times without
 * clearing it, then silences the device; "progress" computes and prints beside it. 1 ms quantum.
 */
#include "common.h"

#define SCHED(part) (GUEST_SCHED | (uint64_t)(part) << 8)

static const struct sys_sp sps[] = {
	TOS_SP("A", 0x8001, 0x0e100000, 0xa1, 0),
};

static const struct sys_vm vms[] = {
	GUEST_VM("progress", 1, 0x40400000, SCHED(SCHED_PROGRESS), "A"),
	{
	    .name = "storm",
	    .image = "guest",
	    .vm_id = 2,
	    .mem = { .pa = 0x40600000, .ipa = GUEST_IPA, .size = MiB(2), .entry_offset = 0 },
	    .devs = { NS_UART, { .pa = 0x09010000, .size = PLAT_DEV_PAGE } }, /* and the RTC */
	    .dev_count = 2,
	    .irqs = { 34 }, /* the RTC's SPI */
	    .irq_count = 1,
	    .boot_arg = SCHED(SCHED_DEV_STORM),
	},
};

const struct sys_desc system_desc = {
	.name = "sched_storm",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
	.sched = { .policy = SYS_SCHED_ROUND_ROBIN, .quantum_us = 1000 },
};
