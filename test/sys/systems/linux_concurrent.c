// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: two unmodified Debian Linux guests and a bare-metal guest running at once, each
 * on its own virtual GIC (issue 13 item 3; test/sys/test_linux.py
 * test_two_linux_guests_and_a_bare_one_at_once). linux1 and linux2 run tessera-demo against
 * "pay" (and linux1 "vault"), the bare-metal guest3 the GP client demo; nshyp time-slices all
 * three (a Linux guest's mediated call waits while another guest's call holds its TEE).
 */
#include "common.h"

#define CONCURRENT_CMDLINE                                                                         \
	"console=ttyAMA0 earlycon=pl011,0x9000000 arm64.nosve arm64.nosme cma=16M quiet "

static const struct sys_sp sps[] = {
	TOS_SP("pay", 0x8001, 0x0e100000, 0xa1, SCENARIO_DEMO | TOS_TAS(TA_WALLET)),
	TOS_SP_SIZED("vault", 0x8002, 0x0e200000, 0xb2, SCENARIO_DEMO | TOS_TAS(TA_VAULT), MiB(2)),
};

static const struct sys_vm vms[] = {
	LINUX_VM("linux1", 1, 0x40400000, MiB(192), "debian", "tessera",
		 CONCURRENT_CMDLINE "tessera.app=tessera-demo,both", "pay", "vault"),
	LINUX_VM("linux2", 2, 0x4c400000, MiB(192), "debian", "tessera",
		 CONCURRENT_CMDLINE "tessera.app=tessera-demo,pay-only", "pay"),
	GUEST_VM("guest3", 3, 0x58400000, GUEST_TEEC_DEMO, "pay"),
};

const struct sys_desc system_desc = {
	.name = "linux_concurrent",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
};
