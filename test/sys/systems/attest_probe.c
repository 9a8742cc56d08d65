// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test system for attestation (test/sys/test_attestation.py): the demo's two TEEs, test
 * variants with scenario TOS_ATTEST_PROBE (each probes HYPCALL_ATTEST on its first diagnostic
 * request, which guest1's FF-A conformance run sends), and guest2 running the demo app, whose
 * wallet attests itself before paying.
 */
#include "common.h"

static const struct sys_sp sps[] = {
	TOS_SP("pay", 0x8001, 0x0e100000, 0xa1, TOS_ATTEST_PROBE | TOS_TAS(TA_WALLET)),
	TOS_SP_SIZED("vault", 0x8002, 0x0e200000, 0xb2, TOS_ATTEST_PROBE | TOS_TAS(TA_VAULT),
		     MiB(2)),
};

static const struct sys_vm vms[] = {
	GUEST_VM("guest1", 1, 0x40400000, GUEST_CONFORMANCE | (2 << 8), "pay", "vault"),
	GUEST_VM("guest2", 2, 0x40600000, GUEST_TEEC_DEMO, "pay", "vault"),
};

const struct sys_desc system_desc = {
	.name = "attest_probe",
	.sps = sps,
	.sp_count = SYS_COUNT(sps),
	.vms = vms,
	.vm_count = SYS_COUNT(vms),
	.test_build = true,
};
