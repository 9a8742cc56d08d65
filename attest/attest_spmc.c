// SPDX-License-Identifier: BSD-3-Clause
/*
 * HYPCALL_ATTEST in the SPMC (docs/abi/attestation.md): a partition asks for an attestation
 * token. The SPMC names the caller by what it knows of it (FF-A ID, name, UUID), never by what
 * the caller says, assembles the claims (attest/attest_service.c) and has the monitor sign
 * their hash with the device key, which lives at EL3 (monitor/attest_smc.c): the SPMC never
 * holds the key or the device secret.
 */
#include <abi/attest.h>
#include <abi/evlog.h>
#include <abi/ffa_rules.h>
#include <abi/hypcall.h>
#include <lib/string.h>
#include <mbedtls/sha256.h>

#include "../hyp/role/spmc/spmc.h"
#include "attest_service.h"

/* The implementation ID is the SHA-256 of this text (tools/attest_provision.py: the same). */
#define ATTEST_IMPL_TEXT "tessera qemu_virt"

/*
 * The measured-boot event log the tokens report: the one boot wrote at PLAT_EVLOG_BASE before
 * anything it loaded ran (docs/secure-boot.md), mapped read-only in the SPMC's stage 1
 * (hyp/role/spmc/spmc.c), so no partition and not the SPMC itself can change what it says.
 * NULL unless boot left a well-formed log there.
 */
static const struct evlog *spmc_attest_evlog(void)
{
	const struct evlog *log = (const struct evlog *)PLAT_EVLOG_BASE;

	return attest_evlog_valid(log) ? log : NULL;
}

static uint8_t ueid[33], impl_id[32];
static bool have_ids;

/* An ATTEST_SIP_* call to the monitor: x0-x8 in r[], x9-x17 untouched (the lower EL's). */
static void monitor_call(uint64_t r[9])
{
	register uint64_t x0 __asm__("x0") = r[0], x1 __asm__("x1") = r[1], x2 __asm__("x2") = r[2],
			     x3 __asm__("x3") = r[3], x4 __asm__("x4") = r[4];
	register uint64_t x5 __asm__("x5") = 0, x6 __asm__("x6") = 0, x7 __asm__("x7") = 0,
			     x8 __asm__("x8") = 0;

	__asm__ volatile("smc #0"
			 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x5), "+r"(x6),
			   "+r"(x7), "+r"(x8)
			 :
			 : "memory");
	r[0] = x0, r[1] = x1, r[2] = x2, r[3] = x3, r[4] = x4;
	r[5] = x5, r[6] = x6, r[7] = x7, r[8] = x8;
}

/* The device's IDs, once: UEID = 0x01 (RAND) || SHA-256 of the public key 0x04 || X || Y. */
static bool ids_ready(void)
{
	uint64_t r[9] = { ATTEST_SIP_PUBKEY };
	uint8_t pub[65];

	if (have_ids)
		return true;
	monitor_call(r);
	if (r[0] != 0)
		return false;
	pub[0] = 0x04;
	attest_reg_get(&r[1], pub + 1, 64);
	ueid[0] = 0x01;
	have_ids = mbedtls_sha256_ret(pub, sizeof(pub), ueid + 1, 0) == 0 &&
		   mbedtls_sha256_ret((const unsigned char *)ATTEST_IMPL_TEXT,
				      sizeof(ATTEST_IMPL_TEXT) - 1, impl_id, 0) == 0;
	return have_ids;
}

/* attest_sign_fn: the monitor signs SHA-256(msg) with the device key. */
static int monitor_sign(void *ctx, const uint8_t *msg, size_t len, uint8_t sig[64])
{
	uint64_t r[9] = { ATTEST_SIP_SIGN };
	uint8_t hash[32];

	(void)ctx;
	if (mbedtls_sha256_ret(msg, len, hash, 0) != 0)
		return -1;
	attest_reg_put(&r[1], hash, sizeof(hash));
	monitor_call(r);
	if (r[0] != 0)
		return -1;
	attest_reg_get(&r[1], sig, 64);
	return 0;
}

/* The caller's page at `ipa`: mapped read-write normal memory of its own, in secure RAM. */
static uint8_t *caller_page(void *ctx, uint64_t ipa)
{
	const struct sp *sp = ctx;
	uint64_t pa;
	unsigned attr;

	if (!s2_lookup(&sp->vm.s2, ipa, &pa, &attr) || (attr & (S2_RW | S2_DEVICE)) != S2_RW ||
	    pa < PLAT_SEC_FW_END || pa >= PLAT_SEC_RAM_BASE + PLAT_SEC_RAM_SIZE)
		return NULL;
	return (uint8_t *)(uintptr_t)pa;
}

bool spmc_attest_call(struct sp *sp, struct ffa_value *c)
{
	struct attest_device dev = { .sign = monitor_sign };
	struct attest_caller who = { sp->cfg->ffa_id, sp->cfg->name, sp->cfg->uuid };
	uint64_t len = 0;
	int32_t rc;

	if (smccc_fid_id(c->x[0]) != HYPCALL_ATTEST)
		return false;
	if (ids_ready()) {
		dev.ueid = ueid;
		dev.impl_id = impl_id;
	}
	dev.log = spmc_attest_evlog();
	rc = attest_handle(&dev, &who, c->x[1], c->x[2], caller_page, sp, &len);
	c->x[0] = (uint64_t)(int64_t)rc;
	c->x[1] = len;
	return true;
}
