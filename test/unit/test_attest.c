// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host unit tests of the attestation service (attest/): the CBOR encoder against RFC 8949's
 * examples, claims assembly from an event log (the caller's own measurement, nothing of
 * another partition), every refusal of attest_handle() (page, size, request fields, no key,
 * no measurement, no room, a failing signer), the device key (mbedTLS, host build) signing
 * and verifying, and the trusted OS's side (tos/attest.c) against the real service behind a
 * fake SMC: the TA's measurement and UUID, its size and error rules. `test_attest --dump DIR`
 * writes a token made with the real key, its challenge, public key and log for
 * test/sys/test_attestation.py, which decodes it with Python's cbor2 and verifies it with
 * tools/verify-token.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <abi/attest.h>
#include <abi/ffa.h>
#include <abi/hypcall.h>
#include <abi/smccc.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/sha256.h>

#include "../../attest/attest_key.h"
#include "../../attest/attest_service.h"
#include "../../attest/cbor.h"
#include "../../attest/token.h"
#include "../../tos/attest.h"
#include <arch/smc.h>
#include <lib/print.h>
#include <tee_api_defines.h>

void panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	abort();
}

/* ---- CBOR: RFC 8949 Appendix A ------------------------------------------------------ */

#define EXPECT_BYTES(c, ...)                                                                       \
	do {                                                                                       \
		static const uint8_t want_[] = { __VA_ARGS__ };                                    \
		assert_true(cbor_ok(c));                                                           \
		assert_int_equal((c)->len, sizeof(want_));                                         \
		assert_memory_equal((c)->buf, want_, sizeof(want_));                               \
	} while (0)

static void test_cbor_integers(void **state)
{
	uint8_t b[16];
	struct cbor c;
	const struct {
		int64_t v;
		uint8_t len, bytes[9];
	} cases[] = {
		{ 0, 1, { 0x00 } },
		{ 23, 1, { 0x17 } },
		{ 24, 2, { 0x18, 0x18 } },
		{ 100, 2, { 0x18, 0x64 } },
		{ 1000, 3, { 0x19, 0x03, 0xe8 } },
		{ 1000000, 5, { 0x1a, 0x00, 0x0f, 0x42, 0x40 } },
		{ 1000000000000, 9, { 0x1b, 0, 0, 0, 0xe8, 0xd4, 0xa5, 0x10, 0 } },
		{ -1, 1, { 0x20 } },
		{ -10, 1, { 0x29 } },
		{ -100, 2, { 0x38, 0x63 } },
		{ -1000, 3, { 0x39, 0x03, 0xe7 } },
		{ -70001, 5, { 0x3a, 0x00, 0x01, 0x11, 0x70 } },
		{ INT64_MIN, 9, { 0x3b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cbor_init(&c, b, sizeof(b));
		cbor_int(&c, cases[i].v);
		assert_true(cbor_ok(&c));
		assert_int_equal(c.len, cases[i].len);
		assert_memory_equal(b, cases[i].bytes, cases[i].len);
	}
	cbor_init(&c, b, sizeof(b));
	cbor_uint(&c, UINT64_MAX);
	EXPECT_BYTES(&c, 0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff);
}

static void test_cbor_strings_and_containers(void **state)
{
	uint8_t b[64];
	struct cbor c;

	(void)state;
	cbor_init(&c, b, sizeof(b));
	cbor_bstr(&c, NULL, 0);
	cbor_bstr(&c, "\x01\x02\x03\x04", 4);
	cbor_tstr(&c, "");
	cbor_tstr(&c, "a");
	cbor_array(&c, 0);
	cbor_array(&c, 3);
	cbor_uint(&c, 1);
	cbor_uint(&c, 2);
	cbor_uint(&c, 3);
	cbor_map(&c, 0);
	cbor_tag(&c, 18);
	cbor_tag(&c, 1000);
	EXPECT_BYTES(&c, 0x40, 0x44, 1, 2, 3, 4, 0x60, 0x61, 'a', 0x80, 0x83, 1, 2, 3, 0xa0, 0xd2,
		     0xd9, 0x03, 0xe8);
}

static void test_cbor_overflow_is_sticky(void **state)
{
	uint8_t b[4];
	struct cbor c;

	(void)state;
	cbor_init(&c, b, sizeof(b));
	cbor_bstr(&c, "abcd", 4); /* 5 bytes: does not fit */
	assert_false(cbor_ok(&c));
	assert_int_equal(c.len, 1); /* the head went in, nothing after the overflow */
	cbor_uint(&c, 1);
	assert_false(cbor_ok(&c));
	assert_int_equal(c.len, 1);
	cbor_init(&c, b, 0);
	cbor_uint(&c, 0);
	assert_false(cbor_ok(&c));
}

/* ---- claims from the event log ------------------------------------------------------ */

#define PAY   0x8001
#define VAULT 0x8002

static struct evlog log_;

static void log_add(const char *name, uint8_t fill, uint32_t svn, uint16_t signer, uint16_t id)
{
	struct evlog_entry *e = &log_.e[log_.count++];

	memset(e, 0, sizeof(*e));
	strncpy(e->name, name, sizeof(e->name));
	memset(e->sha256, fill, sizeof(e->sha256));
	e->svn = svn;
	e->signer = signer;
	e->ffa_id = id;
}

/* A log in boot's order (boot/boot.c): boot, description, keys, images (partitions, a guest). */
static void make_log(void)
{
	memset(&log_, 0, sizeof(log_));
	log_.magic = EVLOG_MAGIC;
	log_add("boot", 0x10, 1, 0, 0);
	log_add("sysdesc", 0x14, 5, 0, 0);
	/* key entries carry their own index in the package's key table as `signer` */
	log_add("key:platform", 0xa0, 0, 0, 0);
	log_add("key:vendor-pay", 0xa1, 0, 1, 0);
	log_add("monitor", 0x11, 2, 0, 0);
	log_add("spmc", 0x12, 3, 0, 0);
	log_add("nshyp", 0x13, 4, 0, 0);
	log_add("sp_pay", 0x20, 7, 1, PAY);
	log_add("sp_vault", 0x30, 9, 0, VAULT);
	log_add("vm_guest1", 0x40, 0, 0, 0);
}

static void test_components_for_caller(void **state)
{
	struct attest_claims c;

	(void)state;
	make_log();
	assert_true(attest_components_from_log(&log_, PAY, &c));
	assert_int_equal(c.comp_count, 5);
	assert_string_equal(c.comp[0].type, "boot");
	assert_string_equal(c.comp[1].type, "monitor");
	assert_string_equal(c.comp[2].type, "spmc");
	assert_string_equal(c.comp[3].type, "sysdesc");
	assert_string_equal(c.comp[4].type, "tos");
	assert_int_equal(c.comp[4].value[0], 0x20); /* pay's own image, not vault's */
	assert_int_equal(c.comp[4].svn, 7);
	assert_non_null(c.comp[4].signer_id); /* signer 1: the key entry whose signer is 1 */
	assert_int_equal(c.comp[4].signer_id[0], 0xa1);
	assert_int_equal(c.comp[0].signer_id[0], 0xa0);
	assert_true(attest_components_from_log(&log_, VAULT, &c));
	assert_int_equal(c.comp[4].value[0], 0x30);
}

static void test_components_refused(void **state)
{
	struct attest_claims c;

	(void)state;
	make_log();
	assert_false(attest_components_from_log(&log_, 0x8003, &c)); /* not measured */
	assert_false(attest_components_from_log(&log_, 0, &c));	     /* not a partition */
	assert_false(attest_components_from_log(NULL, PAY, &c));
	log_.magic = 0;
	assert_false(attest_components_from_log(&log_, PAY, &c));
	make_log();
	log_.count = EVLOG_MAX + 1;
	assert_false(attest_components_from_log(&log_, PAY, &c));
	/* A partition entry named like a platform component is not taken as one. */
	make_log();
	memset(&log_, 0, sizeof(log_));
	log_.magic = EVLOG_MAGIC;
	log_add("monitor", 0x66, 0, 0, VAULT);
	log_add("sp_pay", 0x20, 0, 0, PAY);
	assert_true(attest_components_from_log(&log_, PAY, &c));
	assert_int_equal(c.comp_count, 1);
	assert_string_equal(c.comp[0].type, "tos");
	/* A signer index past the keys: no signer ID, not a wrong one. */
	make_log();
	log_.e[7].signer = 5;
	assert_true(attest_components_from_log(&log_, PAY, &c));
	assert_null(c.comp[4].signer_id);
}

/* ---- attest_handle ------------------------------------------------------------------- */

static uint8_t page[4096] __attribute__((aligned(4096)));
#define PAGE_IPA 0x10020000ull
static const uint8_t pay_uuid[16] = { 0x7e, 0x55, 0xe4, 0xa0, [15] = 0xa1 };
static const uint8_t ueid[33] = { 0x01, 0xee };
static const uint8_t impl_id[32] = { 0x77 };
static int sign_calls, sign_fails;

static uint8_t *map_page(void *ctx, uint64_t ipa)
{
	(void)ctx;
	return ipa == PAGE_IPA ? page : NULL;
}

static int fake_sign(void *ctx, const uint8_t *msg, size_t len, uint8_t sig[64])
{
	(void)ctx, (void)msg, (void)len;
	sign_calls++;
	memset(sig, 0x5a, 64);
	return sign_fails ? -1 : 0;
}

static struct attest_device dev(void)
{
	struct attest_device d = { &log_, ueid, impl_id, fake_sign, NULL };

	return d;
}

static const struct attest_caller pay = { PAY, "pay", pay_uuid };

static struct attest_req *good_request(void)
{
	struct attest_req *r = (struct attest_req *)page;

	memset(page, 0xcc, sizeof(page));
	memset(r, 0, sizeof(*r));
	r->version = ATTEST_REQ_VERSION;
	r->challenge_len = 32;
	memset(r->challenge, 0xc5, 32);
	memset(r->ta_uuid, 0xd6, 16);
	memset(r->ta_measurement, 0xe7, 32);
	r->ta_svn = 3;
	make_log();
	sign_calls = sign_fails = 0;
	return r;
}

static int32_t handle(uint64_t ipa, uint64_t room, uint64_t *len)
{
	struct attest_device d = dev();

	return attest_handle(&d, &pay, ipa, room, map_page, NULL, len);
}

static void test_handle_ok(void **state)
{
	uint64_t len = 0;

	(void)state;
	good_request();
	assert_int_equal(handle(PAGE_IPA, 4096, &len), 0);
	assert_true(len > 300 && len < ATTEST_TOKEN_MAX);
	assert_int_equal(sign_calls, 1);
	assert_int_equal(page[0], 0xd2);   /* tag 18 */
	assert_int_equal(page[1], 0x84);   /* [4] */
	assert_int_equal(page[len], 0xcc); /* nothing written past the token */
}

static void test_handle_bad_page_or_size(void **state)
{
	uint64_t len = 99;

	(void)state;
	good_request();
	assert_int_equal(handle(PAGE_IPA + 8, 4096, &len), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(handle(PAGE_IPA + 4096, 4096, &len), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(handle(0, 4096, &len), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(handle(PAGE_IPA, 4097, &len), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(handle(PAGE_IPA, UINT64_MAX, &len), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(handle(PAGE_IPA, sizeof(struct attest_req) - 1, &len),
			 FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(handle(PAGE_IPA, 0, &len), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(len, 99);
	assert_int_equal(sign_calls, 0);
	assert_int_equal(page[200], 0xcc); /* the page is untouched */
}

static void test_handle_bad_request(void **state)
{
	uint64_t len;
	struct attest_req *r;

	(void)state;
	r = good_request();
	r->version = 2;
	assert_int_equal(handle(PAGE_IPA, 4096, &len), FFA_RET_INVALID_PARAMETERS);
	r = good_request();
	r->version = 0;
	assert_int_equal(handle(PAGE_IPA, 4096, &len), FFA_RET_INVALID_PARAMETERS);
	r = good_request();
	r->reserved = 1;
	assert_int_equal(handle(PAGE_IPA, 4096, &len), FFA_RET_INVALID_PARAMETERS);
	for (uint32_t bad = 0; bad < ATTEST_CHALLENGE_MIN; bad++) {
		r = good_request();
		r->challenge_len = bad;
		memset(r->challenge, 0, sizeof(r->challenge));
		assert_int_equal(handle(PAGE_IPA, 4096, &len), FFA_RET_INVALID_PARAMETERS);
	}
	r = good_request();
	r->challenge_len = ATTEST_CHALLENGE_MAX + 1;
	assert_int_equal(handle(PAGE_IPA, 4096, &len), FFA_RET_INVALID_PARAMETERS);
	r = good_request();
	r->challenge_len = UINT32_MAX;
	assert_int_equal(handle(PAGE_IPA, 4096, &len), FFA_RET_INVALID_PARAMETERS);
	r = good_request();
	r->challenge[40] = 1; /* past challenge_len (32): MBZ */
	assert_int_equal(handle(PAGE_IPA, 4096, &len), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(sign_calls, 0);
	/* The limits themselves are fine. */
	r = good_request();
	r->challenge_len = ATTEST_CHALLENGE_MIN;
	memset(r->challenge + ATTEST_CHALLENGE_MIN, 0, 64 - ATTEST_CHALLENGE_MIN);
	assert_int_equal(handle(PAGE_IPA, 4096, &len), 0);
	r = good_request();
	r->challenge_len = ATTEST_CHALLENGE_MAX;
	memset(r->challenge, 0xff, 64);
	assert_int_equal(handle(PAGE_IPA, 4096, &len), 0);
}

static void test_handle_denied_and_failures(void **state)
{
	struct attest_device d;
	struct attest_caller other = { 0x8003, "x", pay_uuid };
	uint64_t len = 0, need;

	(void)state;
	good_request();
	d = dev();
	d.ueid = NULL; /* no key */
	assert_int_equal(attest_handle(&d, &pay, PAGE_IPA, 4096, map_page, NULL, &len),
			 FFA_RET_DENIED);
	good_request();
	d = dev();
	assert_int_equal(attest_handle(&d, &other, PAGE_IPA, 4096, map_page, NULL, &len),
			 FFA_RET_DENIED); /* the log does not measure it */
	good_request();
	d.log = NULL;
	assert_int_equal(attest_handle(&d, &pay, PAGE_IPA, 4096, map_page, NULL, &len),
			 FFA_RET_DENIED);
	good_request();
	sign_fails = 1;
	assert_int_equal(handle(PAGE_IPA, 4096, &len), FFA_RET_ABORTED);
	assert_int_equal(page[200], 0xcc);
	good_request();
	assert_int_equal(handle(PAGE_IPA, 4096, &need), 0);
	good_request();
	assert_int_equal(handle(PAGE_IPA, need - 1, &len), FFA_RET_NO_MEMORY);
	assert_int_equal(page[200], 0xcc);
	good_request();
	assert_int_equal(handle(PAGE_IPA, need, &len), 0);
	assert_int_equal(len, need);
}

/* The token's payload: the bstr after the protected header and the empty map. */
static const uint8_t *payload_of(const uint8_t *tok, size_t *len)
{
	/* d2 84 43 a1 01 26 a0 59 <len16> */
	assert_int_equal(tok[7], 0x59);
	*len = (size_t)tok[8] << 8 | tok[9];
	return tok + 10;
}

static bool contains(const uint8_t *hay, size_t n, const uint8_t *needle, size_t m)
{
	for (size_t i = 0; i + m <= n; i++)
		if (!memcmp(hay + i, needle, m))
			return true;
	return false;
}

/* The caller's identity is the SPMC's: the same request from vault names vault. */
static void test_identity_from_caller(void **state)
{
	static const uint8_t vault_uuid[16] = { 0x7e, [15] = 0xb2 };
	struct attest_caller vault = { VAULT, "vault", vault_uuid };
	struct attest_device d = dev();
	uint8_t meas_pay[32], meas_vault[32], copy[4096];
	const uint8_t *p;
	uint64_t len;
	size_t plen;

	(void)state;
	memset(meas_pay, 0x20, 32);
	memset(meas_vault, 0x30, 32);
	good_request();
	assert_int_equal(attest_handle(&d, &vault, PAGE_IPA, 4096, map_page, NULL, &len), 0);
	memcpy(copy, page, len);
	p = payload_of(copy, &plen);
	assert_true(contains(p, plen, meas_vault, 32));
	assert_false(contains(p, plen, meas_pay, 32));
	assert_true(contains(p, plen, (const uint8_t *)"vault", 5));
	assert_true(contains(p, plen, (const uint8_t *)"\x19\x09\x5a\x19\x80\x02", 6)); /* ID */
	good_request();
	assert_int_equal(attest_handle(&d, &pay, PAGE_IPA, 4096, map_page, NULL, &len), 0);
	p = payload_of(page, &plen);
	assert_true(contains(p, plen, meas_pay, 32));
	assert_false(contains(p, plen, meas_vault, 32));
	assert_true(contains(p, plen, (const uint8_t *)"\x19\x09\x5a\x19\x80\x01", 6));
}

/* Two challenges, two tokens: the challenge is in the signed payload. */
static void test_challenge_in_token(void **state)
{
	struct attest_req *r;
	uint8_t first[4096];
	uint64_t len1, len2;

	(void)state;
	good_request();
	assert_int_equal(handle(PAGE_IPA, 4096, &len1), 0);
	memcpy(first, page, len1);
	r = good_request();
	r->challenge[0] ^= 1;
	assert_int_equal(handle(PAGE_IPA, 4096, &len2), 0);
	assert_int_equal(len1, len2);
	assert_memory_not_equal(first, page, len1);
}

/* ---- the device key (mbedTLS, host build) ---------------------------------------------- */

static const uint8_t secret[ATTEST_SECRET_LEN] = "tessera host test device secret";

static int key_sign(void *ctx, const uint8_t *msg, size_t len, uint8_t sig[64])
{
	uint8_t hash[32];

	(void)ctx;
	if (mbedtls_sha256_ret(msg, len, hash, 0))
		return -1;
	return attest_key_sign_hash(hash, sig);
}

static void test_key_signs_deterministically(void **state)
{
	uint8_t hash[32] = { 1, 2, 3 }, sig1[64], sig2[64], pub[65];
	mbedtls_ecp_group grp;
	mbedtls_ecp_point q;
	mbedtls_mpi r, s;

	(void)state;
	/* An unprovisioned secret (mkpkg's zeros, erased 0xff) gives no key: it is public. */
	memset(sig1, 0, ATTEST_SECRET_LEN);
	assert_int_not_equal(attest_key_init(sig1), 0);
	memset(sig1, 0xff, ATTEST_SECRET_LEN);
	assert_int_not_equal(attest_key_init(sig1), 0);
	assert_null(attest_key_public());
	assert_int_not_equal(attest_key_sign_hash(hash, sig1), 0);
	assert_int_equal(attest_key_init(secret), 0);
	memcpy(pub, attest_key_public(), sizeof(pub));
	assert_int_equal(pub[0], 0x04);
	assert_int_equal(attest_key_sign_hash(hash, sig1), 0);
	assert_int_equal(attest_key_sign_hash(hash, sig2), 0);
	assert_memory_equal(sig1, sig2, 64); /* RFC 6979 */
	hash[0] ^= 1;
	assert_int_equal(attest_key_sign_hash(hash, sig2), 0);
	assert_memory_not_equal(sig1, sig2, 64);
	/* mbedTLS itself verifies sig2 against the public key. */
	mbedtls_ecp_group_init(&grp);
	mbedtls_ecp_point_init(&q);
	mbedtls_mpi_init(&r);
	mbedtls_mpi_init(&s);
	assert_int_equal(mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP256R1), 0);
	assert_int_equal(mbedtls_ecp_point_read_binary(&grp, &q, pub, sizeof(pub)), 0);
	assert_int_equal(mbedtls_mpi_read_binary(&r, sig2, 32), 0);
	assert_int_equal(mbedtls_mpi_read_binary(&s, sig2 + 32, 32), 0);
	assert_int_equal(mbedtls_ecdsa_verify(&grp, hash, 32, &q, &r, &s), 0);
	hash[1] ^= 1;
	assert_int_not_equal(mbedtls_ecdsa_verify(&grp, hash, 32, &q, &r, &s), 0);
	mbedtls_mpi_free(&r);
	mbedtls_mpi_free(&s);
	mbedtls_ecp_point_free(&q);
	mbedtls_ecp_group_free(&grp);
}

/* ---- the trusted OS's side: tos_attest() over the service, behind a fake SMC ------------ */

static int64_t smc_override; /* nonzero: the SPMC's answer in x0 (x1 = smc_len) */
static uint64_t smc_len;

static uint8_t *host_page(void *ctx, uint64_t ipa)
{
	(void)ctx;
	return (uint8_t *)(uintptr_t)ipa; /* the trusted OS's page, by its host address */
}

struct ffa_value fake_smc(struct ffa_value in)
{
	struct attest_device d = { &log_, NULL, NULL, key_sign, NULL };
	static uint8_t id[33] = { 0x01 }, impl[32];
	struct ffa_value out = { { 0 } };
	uint64_t len = 0;

	assert_int_equal(in.x[0], HYPCALL_ATTEST);
	if (smc_override) {
		out.x[0] = (uint64_t)smc_override;
		out.x[1] = smc_len;
		return out;
	}
	d.ueid = id;
	d.impl_id = impl;
	out.x[0] =
	    (uint64_t)(int64_t)attest_handle(&d, &pay, in.x[1], in.x[2], host_page, NULL, &len);
	out.x[1] = len;
	return out;
}

/* A TA image as the trusted OS holds it: its header, then code. */
struct ta_image {
	struct ta_head head;
	uint8_t code[300];
};
static struct ta_image ta_image2,
    ta_image = { .head = { .magic = TA_HEAD_MAGIC,
			   .uuid = { 0xd698aa61,
				     0xdf92,
				     0x4b0f,
				     { 0xbc, 0x75, 0x9e, 0xbf, 0x1e, 0x98, 0xc1, 0x6d } } } };

static void test_tos_attest(void **state)
{
	static const uint8_t uuid[16] = { 0xd6, 0x98, 0xaa, 0x61, 0xdf, 0x92, 0x4b, 0x0f,
					  0xbc, 0x75, 0x9e, 0xbf, 0x1e, 0x98, 0xc1, 0x6d };
	uint8_t challenge[64], token[ATTEST_TOKEN_MAX], meas[32];
	size_t len, plen;
	const uint8_t *p;

	(void)state;
	make_log();
	smc_override = 0;
	assert_int_equal(attest_key_init(secret), 0);
	memset(challenge, 0x42, sizeof(challenge));
	memset(ta_image.code, 0x99, sizeof(ta_image.code));
	assert_int_equal(
	    tos_attest(&ta_image.head, sizeof(ta_image), challenge, 20, token, sizeof(token), &len),
	    TEE_SUCCESS);
	p = payload_of(token, &plen);
	mbedtls_sha256_ret((const uint8_t *)&ta_image, sizeof(ta_image), meas, 0);
	assert_true(contains(p, plen, meas, 32)); /* the TA's measurement: its whole image */
	assert_true(contains(p, plen, uuid, 16)); /* its UUID, RFC 4122 octets */
	assert_true(contains(p, plen, challenge, 20));
	/* Another image, one byte apart: another measurement. */
	ta_image2 = ta_image;
	ta_image2.code[299] ^= 1;
	mbedtls_sha256_ret((const uint8_t *)&ta_image2, sizeof(ta_image2), meas, 0);
	assert_int_equal(tos_attest(&ta_image2.head, sizeof(ta_image2), challenge, 20, token,
				    sizeof(token), &len),
			 TEE_SUCCESS);
	p = payload_of(token, &plen);
	assert_true(contains(p, plen, meas, 32));
	/* Room for less than the token: its size. */
	assert_int_equal(
	    tos_attest(&ta_image.head, sizeof(ta_image), challenge, 20, token, 100, &len),
	    TEE_ERROR_SHORT_BUFFER);
	assert_true(len > 100);
	/* Challenges out of range never reach the SPMC. */
	smc_override = 1; /* would fail the assertion below if called */
	assert_int_equal(
	    tos_attest(&ta_image.head, sizeof(ta_image), challenge, 7, token, sizeof(token), &len),
	    TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(
	    tos_attest(&ta_image.head, sizeof(ta_image), challenge, 65, token, sizeof(token), &len),
	    TEE_ERROR_BAD_PARAMETERS);
	assert_int_equal(len, 0);
	/* The SPMC's errors, and a length it cannot have written. */
	const struct {
		int64_t x0;
		uint64_t len;
		uint32_t want;
	} answers[] = {
		{ FFA_RET_INVALID_PARAMETERS, 0, TEE_ERROR_BAD_PARAMETERS },
		{ FFA_RET_DENIED, 0, TEE_ERROR_NOT_SUPPORTED },
		{ (int64_t)SMCCC_UNKNOWN, 0, TEE_ERROR_NOT_SUPPORTED }, /* an SPMC without it */
		{ FFA_RET_NO_MEMORY, 0, TEE_ERROR_SHORT_BUFFER },
		{ FFA_RET_ABORTED, 0, TEE_ERROR_GENERIC },
	};
	for (size_t i = 0; i < sizeof(answers) / sizeof(answers[0]); i++) {
		smc_override = answers[i].x0;
		assert_int_equal(tos_attest(&ta_image.head, sizeof(ta_image), challenge, 20, token,
					    sizeof(token), &len),
				 answers[i].want);
	}
	smc_override = 0;
}

/* --dump DIR: a real token for the Python side (test/sys/test_attestation.py). */
static int dump(const char *dir)
{
	static const uint8_t impl_text[] = "tessera qemu_virt";
	struct attest_device d = { &log_, NULL, NULL, key_sign, NULL };
	uint8_t id[33], impl[32];
	char path[512];
	uint64_t len;
	FILE *f;

	good_request();
	if (attest_key_init(secret))
		return 1;
	id[0] = 0x01;
	mbedtls_sha256_ret(attest_key_public(), 65, id + 1, 0);
	mbedtls_sha256_ret(impl_text, sizeof(impl_text) - 1, impl, 0);
	d.ueid = id;
	d.impl_id = impl;
	if (attest_handle(&d, &pay, PAGE_IPA, 4096, map_page, NULL, &len))
		return 1;
	snprintf(path, sizeof(path), "%s/token.bin", dir);
	f = fopen(path, "wb");
	if (!f || fwrite(page, 1, len, f) != len || fclose(f))
		return 1;
	snprintf(path, sizeof(path), "%s/secret.bin", dir);
	f = fopen(path, "wb");
	if (!f || fwrite(secret, 1, sizeof(secret), f) != sizeof(secret) || fclose(f))
		return 1;
	return 0;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cbor_integers),
		cmocka_unit_test(test_cbor_strings_and_containers),
		cmocka_unit_test(test_cbor_overflow_is_sticky),
		cmocka_unit_test(test_components_for_caller),
		cmocka_unit_test(test_components_refused),
		cmocka_unit_test(test_handle_ok),
		cmocka_unit_test(test_handle_bad_page_or_size),
		cmocka_unit_test(test_handle_bad_request),
		cmocka_unit_test(test_handle_denied_and_failures),
		cmocka_unit_test(test_identity_from_caller),
		cmocka_unit_test(test_challenge_in_token),
		cmocka_unit_test(test_key_signs_deterministically),
		cmocka_unit_test(test_tos_attest),
	};

	if (argc == 3 && !strcmp(argv[1], "--dump"))
		return dump(argv[2]);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
