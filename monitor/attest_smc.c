// SPDX-License-Identifier: BSD-3-Clause
/*
 * The device attestation key at EL3 (docs/attestation.md): the SPMC's ATTEST_SIP_PUBKEY and
 * ATTEST_SIP_SIGN calls (include/abi/attest.h). The key is derived on the first call from the
 * device secret in secure flash (the stand-in for a fused secret, tools/attest_provision.py);
 * the monitor runs with its MMU off and reads it at its physical address. Only the secure
 * world may call: the SPMC assembles and vouches for the claims, the monitor signs their hash.
 */
#include <abi/attest.h>
#include <lib/string.h>
#include <monitor/world.h>
#include <plat/plat_def.h>

#include "../attest/attest_key.h"

static bool key_ready(void)
{
	uint8_t secret[ATTEST_SECRET_LEN];
	int rc;

	if (attest_key_public())
		return true;
	memcpy(secret, (const void *)(uintptr_t)(PLAT_FLASH_BASE + PLAT_ATTEST_SECRET_OFFSET),
	       sizeof(secret));
	rc = attest_key_init(secret);
	memset(secret, 0, sizeof(secret));
	__asm__ volatile("" : : "r"(secret) : "memory"); /* the wipe is not dead code */
	return rc == 0;
}

bool attest_monitor_call(struct monitor_cpu *cpu, struct arch_regs *r)
{
	uint32_t fid = (uint32_t)r->x[0];
	uint8_t buf[64];

	if (fid != ATTEST_SIP_PUBKEY && fid != ATTEST_SIP_SIGN)
		return false;
	if (cpu->current != WORLD_SECURE) {
		r->x[0] = SMCCC_UNKNOWN;
		return true;
	}
	if (!key_ready()) {
		r->x[0] = ATTEST_SIP_NO_KEY;
		return true;
	}
	if (fid == ATTEST_SIP_PUBKEY) {
		memcpy(buf, attest_key_public() + 1, sizeof(buf)); /* X || Y, without the 0x04 */
	} else {
		uint8_t hash[32];

		attest_reg_get(&r->x[1], hash, sizeof(hash));
		if (attest_key_sign_hash(hash, buf) != 0) {
			r->x[0] = ATTEST_SIP_NO_KEY;
			return true;
		}
	}
	r->x[0] = 0;
	attest_reg_put(&r->x[1], buf, sizeof(buf));
	return true;
}
