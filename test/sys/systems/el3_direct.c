// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: nsclient at NS-EL2 in place of nshyp, so its SMCs reach EL3 directly. It probes
 * the monitor with unknown function IDs and sends one direct request to TEE A as VM 1 (the VM
 * entry below only gives it that binding; its guest image is loaded, never run).
 */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP("A", 0x8001, 0x0e100000, 0xa1, SCENARIO_DEMO),
	TOS_SP("B", 0x8002, 0x0e200000, 0xb2, SCENARIO_DEMO),
};

static const struct sys_vm vms[] = {
	GUEST_VM("client", 1, 0x40400000, SCENARIO_DEMO, "A", "B"),
};

const struct sys_desc system_desc = {
	.name = "el3_direct",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
	.ns_el2_image = "nsclient",
};
