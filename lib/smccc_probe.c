// SPDX-License-Identifier: BSD-3-Clause
/*
 * Probe of unknown SMC/HVC function IDs, used by the test scenarios of the
 * guest and the trusted OS: every ID outside the implemented services must
 * come back as SMC_UNK (-1), and an unimplemented ID in the FF-A range as
 * FFA_ERROR(NOT_SUPPORTED); the caller keeps running either way.
 */
#include <abi/ffa.h>
#include <lib/print.h>
#include <lib/smccc_probe.h>
#include <port/call.h>

static const uint32_t unknown_ids[] = {
	0x82000000, /* SiP, fast, SMC32 */
	0xc3000042, /* OEM, fast, SMC64 */
	0x8400001f, /* PSCI range, unimplemented */
	0x85000000, /* standard hypervisor service */
	0x00000000, /* yielding arch call */
	0x81ff0000, /* fast call with bits 23:17 set (malformed) */
};

void smccc_probe_unknown(void)
{
	struct ffa_value ffa = { { 0x840000f0 } };

	for (unsigned i = 0; i < sizeof(unknown_ids) / sizeof(unknown_ids[0]); i++) {
		struct ffa_value by_smc = { { unknown_ids[i], 0x1111, 0x2222, 0x3333 } };
		struct ffa_value by_hvc = by_smc;

		port_smc(&by_smc);
		port_hvc(&by_hvc);
		printk("unknown ID 0x%08x: smc -> %ld, hvc -> %ld\n", unknown_ids[i],
		       (long)(int64_t)by_smc.x[0], (long)(int64_t)by_hvc.x[0]);
	}
	port_smc(&ffa);
	printk("unknown FF-A ID 0x840000f0: w0=0x%lx w2=%d\n", (unsigned long)ffa.x[0],
	       (int)ffa.x[2]);
}
