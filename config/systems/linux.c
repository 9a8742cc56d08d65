// SPDX-License-Identifier: BSD-3-Clause
/*
 * The demo's story with Linux (`make run SYS=linux`): the TEEs of the demo, "pay" (the wallet
 * TA) and "vault" (the vault TA), and Debian 12's unmodified arm64 kernel in two guests that
 * use them through optee.ko and libteec. linux1 is bound to both TEEs; linux2 to "pay" only, so
 * the vault TA is not found for it. Both run the GP client tessera-demo from our initramfs
 * (tessera.app=...). A bare-metal guest bound to "pay" runs the demo app after them, as in
 * demo.c. Guests run one after another. "pay" owns the secure timer (CNTP, PPI 30). A product
 * description: it cannot be a test build.
 */
#include "common.h"

#define LINUX_CMDLINE_BASE                                                                         \
	"console=ttyAMA0 earlycon=pl011,0x9000000 arm64.nosve arm64.nosme cma=16M quiet "

static const struct sys_sp sps[] = {
	TOS_SP_TIMER("pay", 0x8001, 0x0e100000, 0xa1, SCENARIO_DEMO | TOS_TAS(TA_WALLET), MiB(1)),
	TOS_SP_SIZED("vault", 0x8002, 0x0e200000, 0xb2, SCENARIO_DEMO | TOS_TAS(TA_VAULT), MiB(2)),
};

static const struct sys_vm vms[] = {
	LINUX_VM("linux1", 1, 0x40400000, MiB(192), "debian", "tessera",
		 LINUX_CMDLINE_BASE "tessera.app=tessera-demo,both", "pay", "vault"),
	LINUX_VM("linux2", 2, 0x4c400000, MiB(192), "debian", "tessera",
		 LINUX_CMDLINE_BASE "tessera.app=tessera-demo,pay-only", "pay"),
	GUEST_VM("guest3", 3, 0x58400000, GUEST_TEEC_DEMO, "pay"),
};

const struct sys_desc system_desc = {
	.name = "linux",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
};
