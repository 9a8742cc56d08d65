// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system: the OP-TEE SMC ABI through nshyp's mediator (test/payloads/guest/optee_smc.c,
 * docs/abi/optee-smc.md). TEE "pay" hosts the wallet TA, TEE "vault" the vault and test TAs.
 * Both guests have a 128 KiB OP-TEE window at the top of their memory and act as a minimal
 * OP-TEE SMC driver: guest1, bound to both TEEs, runs the whole suite and powers off with a
 * session open and a call suspended; guest2, bound to "pay" only, checks the routing and
 * then touches the mediator page (a stage-2 fault).
 */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP("pay", 0x8001, 0x0e100000, 0xa1, SCENARIO_DEMO | TOS_TAS(TA_WALLET)),
	TOS_SP_SIZED("vault", 0x8002, 0x0e200000, 0xb2, SCENARIO_DEMO | TOS_TAS(TA_VAULT | TA_TEST),
		     MiB(2)),
};

#define OPTEE_GUEST(nm, id, pa_, arg, ...)                                                         \
	{                                                                                          \
		.name = nm, .image = "guest", .vm_id = id,                                         \
		.mem = { .pa = pa_, .ipa = GUEST_IPA, .size = MiB(4), .entry_offset = 0 },         \
		.devs = { NS_UART }, .dev_count = 1, .boot_arg = arg, .optee_shm_size = 0x20000,   \
		.tees = { __VA_ARGS__ },                                                           \
	}

static const struct sys_vm vms[] = {
	OPTEE_GUEST("guest1", 1, 0x40400000, GUEST_OPTEE_SMC, "pay", "vault"),
	OPTEE_GUEST("guest2", 2, 0x40800000, GUEST_OPTEE_SMC | (1 << 8), "pay"),
};

const struct sys_desc system_desc = {
	.name = "optee_smc",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
};
