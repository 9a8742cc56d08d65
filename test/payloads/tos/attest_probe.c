// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test scenario TOS_ATTEST_PROBE (test variant tos_test only; test/sys/test_attestation.py):
 * the trusted OS asks the SPMC for tokens the wrong way and prints what it got, one
 * "test: attest <probe>: PASS|FAIL" line each: pages that are not its own read-write memory,
 * bad sizes and request fields (FFA_RET_INVALID_PARAMETERS), the monitor's signing calls
 * straight from a partition (SMC_UNK: the SPMC never forwards them), and a request that tries
 * to pass for the other TEE (its FF-A ID in spare registers, its UUID as the TA's): the token
 * is printed ("test: attest token" lines) for the test to check it names this TEE only.
 */
#include <abi/attest.h>
#include <abi/ffa.h>
#include <abi/hypcall.h>
#include <abi/smccc.h>
#include <arch/smc.h>
#include <lib/print.h>
#include <lib/string.h>

#include "../../../tos/attest.h"

static uint8_t page[4096] __attribute__((aligned(4096)));
static bool probed;

static void request(struct attest_req *r)
{
	memset(page, 0, sizeof(page));
	memset(r, 0, sizeof(*r));
	r->version = ATTEST_REQ_VERSION;
	r->challenge_len = 16;
	memset(r->challenge, 0x5c, 16);
}

static struct ffa_value call(uint64_t ipa, uint64_t room)
{
	/* The other TEE's ID in every spare register: the SPMC must not look at them. */
	struct ffa_value v = { { HYPCALL_ATTEST, ipa, room, 0x8002, 0x8002, 0x8001, 0x8002, 0 } };

	return arch_smc(v);
}

static void expect(const char *name, uint64_t got, uint64_t want)
{
	printk("test: attest %s: %s (x0=0x%lx)\n", name, got == want ? "PASS" : "FAIL",
	       (unsigned long)got);
}

static void bad_pages(uint16_t self)
{
	const uint64_t inval = (uint64_t)(int64_t)FFA_RET_INVALID_PARAMETERS;
	uint64_t other_tee = self == 0x8001 ? 0x0e200000 : 0x0e100000;
	struct attest_req *r = (struct attest_req *)page;

	request(r);
	expect("unaligned", call((uintptr_t)page + 8, 4096).x[0], inval);
	expect("room_too_big", call((uintptr_t)page, 4097).x[0], inval);
	expect("room_too_small", call((uintptr_t)page, sizeof(*r) - 1).x[0], inval);
	expect("unmapped", call(0x7fff0000, 4096).x[0], inval);
	expect("device_page", call(0x09040000, 4096).x[0], inval);
	expect("other_tee_memory", call(other_tee, 4096).x[0], inval);
	expect("ipa_wraps", call(~0xfffull, 4096).x[0], inval);
}

static void bad_requests(void)
{
	const uint64_t inval = (uint64_t)(int64_t)FFA_RET_INVALID_PARAMETERS;
	struct attest_req *r = (struct attest_req *)page;

	request(r);
	r->version = 0;
	expect("bad_version", call((uintptr_t)page, 4096).x[0], inval);
	request(r);
	r->challenge_len = 7;
	expect("challenge_too_short", call((uintptr_t)page, 4096).x[0], inval);
	request(r);
	r->challenge_len = 65;
	expect("challenge_too_long", call((uintptr_t)page, 4096).x[0], inval);
	request(r);
	r->challenge[16] = 1;
	expect("junk_after_challenge", call((uintptr_t)page, 4096).x[0], inval);
	request(r);
	r->reserved = 1;
	expect("reserved_set", call((uintptr_t)page, 4096).x[0], inval);
	request(r);
	expect("token_no_room", call((uintptr_t)page, sizeof(*r)).x[0],
	       (uint64_t)(int64_t)FFA_RET_NO_MEMORY);
}

/* The monitor signs for the SPMC only: a partition's SMC never reaches it. */
static void monitor_calls(void)
{
	struct ffa_value sign = { { ATTEST_SIP_SIGN, 1, 2, 3, 4 } };
	struct ffa_value pub = { { ATTEST_SIP_PUBKEY } };

	expect("sip_sign_from_partition", arch_smc(sign).x[0], SMCCC_UNKNOWN);
	expect("sip_pubkey_from_partition", arch_smc(pub).x[0], SMCCC_UNKNOWN);
}

/* Claim to be the other TEE: its UUID as the TA's, its ID in the registers. */
static void impersonate(uint16_t self)
{
	static const uint8_t tee_uuid[15] = { 0x7e, 0x55, 0xe4, 0xa0, 0x54, 0x0c, 0x4b, 0x11,
					      0x9a, 0x3d, 0x1c, 0x0d, 0xe5, 0x7e, 0x55 };
	struct attest_req *r = (struct attest_req *)page;
	struct ffa_value v;

	request(r);
	memcpy(r->ta_uuid, tee_uuid, sizeof(tee_uuid));
	r->ta_uuid[15] = self == 0x8001 ? 0xb2 : 0xa1; /* the other TEE's partition UUID */
	memset(r->ta_measurement, 0x30, sizeof(r->ta_measurement));
	v = call((uintptr_t)page, 4096);
	expect("impersonate_answered", v.x[0], 0);
	if (v.x[0] != 0 || v.x[1] > sizeof(page))
		return;
	for (uint64_t i = 0; i < v.x[1]; i += 32) {
		printk("test: attest token ");
		for (uint64_t j = i; j < v.x[1] && j < i + 32; j++)
			printk("%02x", page[j]);
		printk("\n");
	}
	printk("test: attest token end (%lu bytes)\n", (unsigned long)v.x[1]);
}

void tos_attest_probe(uint16_t self)
{
	if (probed)
		return;
	probed = true;
	bad_pages(self);
	bad_requests();
	monitor_calls();
	impersonate(self);
}
