// SPDX-License-Identifier: BSD-3-Clause
/*
 * Unit tests of smccc_decode() (include/abi/smccc.h), the function-ID classifier that the
 * monitor, the SPMC and nshyp all dispatch on. Known IDs from PSCI, FF-A, the SMCCC arch calls
 * and OP-TEE's trusted-OS range are checked against the service they must reach; reserved
 * encodings (yielding calls outside the trusted-OS range, fast calls with bits 23:17 set) must
 * come out as UNKNOWN. The SVE hint (bit 16) and the upper half of x0 must not change anything.
 * A pseudo-random sweep compares every field with an independent model of SMCCC §2.5.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <abi/ffa_rules.h>
#include <abi/smccc.h>

static void expect_service(uint64_t x0, enum smccc_service service)
{
	struct smccc_fid f = smccc_decode(x0);

	if (f.service != service)
		print_error("x0 0x%llx: service %d, want %d\n", (unsigned long long)x0, f.service,
			    service);
	assert_int_equal(f.service, service);
}

static void test_psci(void **state)
{
	static const uint32_t ids[] = {
		0x84000000, /* PSCI_VERSION */
		0x84000001, /* CPU_SUSPEND (SMC32) */
		0xc4000001, /* CPU_SUSPEND (SMC64) */
		0x84000002, /* CPU_OFF */
		0xc4000003, /* CPU_ON (SMC64) */
		0x84000008, /* SYSTEM_OFF */
		0x84000009, /* SYSTEM_RESET */
		0x8400000a, /* PSCI_FEATURES */
		0x8400001f, /* last of the PSCI range */
	};

	for (unsigned i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		expect_service(ids[i], SMCCC_SVC_PSCI);
	/* Owner 4 past PSCI but before FF-A (SDEI, TRNG, ...) is not served. */
	expect_service(0x84000020, SMCCC_SVC_UNKNOWN);
	expect_service(0xc4000021, SMCCC_SVC_UNKNOWN);
	expect_service(0x84000050, SMCCC_SVC_UNKNOWN); /* TRNG_VERSION */
	expect_service(0x8400005f, SMCCC_SVC_UNKNOWN);
}

static void test_ffa(void **state)
{
	for (uint32_t id = 0x84000060; id <= 0x840000ff; id++)
		expect_service(id, SMCCC_SVC_FFA);
	for (uint32_t id = 0xc4000060; id <= 0xc40000ff; id++)
		expect_service(id, SMCCC_SVC_FFA);
	expect_service(0x84000063, SMCCC_SVC_FFA); /* FFA_VERSION */
	expect_service(0xc400006f, SMCCC_SVC_FFA); /* FFA_MSG_SEND_DIRECT_REQ (SMC64) */
	expect_service(0x84000100, SMCCC_SVC_UNKNOWN);
	expect_service(0xc4000100, SMCCC_SVC_UNKNOWN);
	expect_service(0x8400ff60, SMCCC_SVC_UNKNOWN); /* function number is 16 bits */
	/* Another owner with FF-A's function numbers. */
	expect_service(0x85000060, SMCCC_SVC_UNKNOWN);
	expect_service(0x82000060, SMCCC_SVC_UNKNOWN);
	expect_service(0x80000060, SMCCC_SVC_ARCH);
}

static void test_arch(void **state)
{
	expect_service(SMCCC_VERSION, SMCCC_SVC_ARCH);
	expect_service(SMCCC_ARCH_FEATURES, SMCCC_SVC_ARCH);
	expect_service(SMCCC_ARCH_SOC_ID, SMCCC_SVC_ARCH);
	expect_service(0x80008000, SMCCC_SVC_ARCH); /* SMCCC_ARCH_WORKAROUND_1 */
	expect_service(0x8000ffff, SMCCC_SVC_ARCH);
	/* The arch calls are SMC32 only. */
	expect_service(0xc0000000, SMCCC_SVC_UNKNOWN);
	expect_service(0xc0000001, SMCCC_SVC_UNKNOWN);
}

static void test_trusted_os(void **state)
{
	/* OP-TEE: yielding and fast calls, owner 50. */
	expect_service(0x32000004, SMCCC_SVC_TOS); /* OPTEE_SMC_CALL_WITH_ARG */
	expect_service(0x32000003, SMCCC_SVC_TOS); /* OPTEE_SMC_RETURN_FROM_RPC */
	expect_service(0xb2000000, SMCCC_SVC_TOS); /* OPTEE_SMC_CALL_GET_OS_UUID */
	expect_service(0xb2000009, SMCCC_SVC_TOS); /* OPTEE_SMC_EXCHANGE_CAPABILITIES */
	expect_service(0xbf00ff01, SMCCC_SVC_TOS); /* owner 63, fast */
	expect_service(0x3f00ffff, SMCCC_SVC_TOS); /* owner 63, yielding */
	expect_service(0xf2000000, SMCCC_SVC_TOS); /* owner 50, fast SMC64 */
	expect_service(0x72000000, SMCCC_SVC_TOS); /* owner 50, yielding SMC64 */
	for (uint32_t owner = 50; owner <= 63; owner++) {
		expect_service(0x80000000 | owner << 24, SMCCC_SVC_TOS);
		expect_service(owner << 24 | 0x1234, SMCCC_SVC_TOS);
	}
	/* Trusted applications (48, 49) are not a trusted OS. */
	expect_service(0xb0000000, SMCCC_SVC_UNKNOWN);
	expect_service(0xb1000000, SMCCC_SVC_UNKNOWN);
	expect_service(0x31000000, SMCCC_SVC_UNKNOWN);
}

static void test_yielding_unknown(void **state)
{
	/* Bit 31 clear outside owners 50..63: PSCI, FF-A and arch numbers all unknown. */
	expect_service(0x00000000, SMCCC_SVC_UNKNOWN);
	expect_service(0x04000000, SMCCC_SVC_UNKNOWN);
	expect_service(0x04000063, SMCCC_SVC_UNKNOWN);
	expect_service(0x44000003, SMCCC_SVC_UNKNOWN);
	expect_service(0x02000001, SMCCC_SVC_UNKNOWN);
	expect_service(0x31ffffff, SMCCC_SVC_UNKNOWN);
	for (uint32_t owner = 0; owner < 50; owner++)
		expect_service(owner << 24, SMCCC_SVC_UNKNOWN);
}

static void test_fast_mbz(void **state)
{
	/* Any of bits 23:17 set makes a fast call reserved, whatever the rest says. */
	for (unsigned bit = 17; bit <= 23; bit++) {
		expect_service(0x84000000 | 1u << bit, SMCCC_SVC_UNKNOWN);
		expect_service(0x84000063 | 1u << bit, SMCCC_SVC_UNKNOWN);
		expect_service(0xc4000003 | 1u << bit, SMCCC_SVC_UNKNOWN);
		expect_service(SMCCC_VERSION | 1u << bit, SMCCC_SVC_UNKNOWN);
	}
	expect_service(0x84fe0000, SMCCC_SVC_UNKNOWN);
	expect_service(0x84ff0000, SMCCC_SVC_UNKNOWN);
	/* The trusted-OS range is matched first and forwarded as is, MBZ bits or not. */
	expect_service(0xb2fe0000, SMCCC_SVC_TOS);
	expect_service(0xffffffff, SMCCC_SVC_TOS);
}

static void test_sve_hint(void **state)
{
	struct smccc_fid f = smccc_decode(0x84010000), g = smccc_decode(0x84000000);

	assert_int_equal(f.service, SMCCC_SVC_PSCI);
	assert_int_equal(f.id, 0x84000000);
	assert_int_equal(f.id, g.id);
	assert_int_equal(f.func, g.func);
	assert_int_equal(f.owner, g.owner);
	expect_service(0xc4010003, SMCCC_SVC_PSCI);
	expect_service(0x84010063, SMCCC_SVC_FFA);
	expect_service(0xc401006f, SMCCC_SVC_FFA);
	expect_service(0x80010000, SMCCC_SVC_ARCH);
	assert_int_equal(smccc_decode(0x80010000).id, SMCCC_VERSION);
	/* The hint does not rescue a fast call with other bits of 23:17 set. */
	expect_service(0x84030000, SMCCC_SVC_UNKNOWN);
}

static void test_upper_bits_ignored(void **state)
{
	static const uint64_t highs[] = {
		0x0000000100000000ull,
		0xffffffff00000000ull,
		0x8000000000000000ull,
		0x1234567800000000ull,
	};

	for (unsigned i = 0; i < sizeof(highs) / sizeof(highs[0]); i++) {
		expect_service(highs[i] | 0x84000000, SMCCC_SVC_PSCI);
		expect_service(highs[i] | 0xc4000003, SMCCC_SVC_PSCI);
		expect_service(highs[i] | 0x84000063, SMCCC_SVC_FFA);
		expect_service(highs[i] | SMCCC_VERSION, SMCCC_SVC_ARCH);
		expect_service(highs[i] | 0x32000004, SMCCC_SVC_TOS);
		expect_service(highs[i] | 0x04000000, SMCCC_SVC_UNKNOWN);
		expect_service(highs[i], SMCCC_SVC_UNKNOWN);
		assert_int_equal(smccc_decode(highs[i] | 0x84000063).id, 0x84000063);
	}
	/* SMCCC_UNKNOWN (-1) as x0 is owner 63, fast: a trusted OS call. */
	expect_service(SMCCC_UNKNOWN, SMCCC_SVC_TOS);
}

static void test_fields(void **state)
{
	struct smccc_fid f;

	f = smccc_decode(0xc4000003);
	assert_int_equal(f.id, 0xc4000003);
	assert_true(f.fast);
	assert_true(f.is_64bit);
	assert_int_equal(f.owner, SMCCC_OWNER_STD);
	assert_int_equal(f.func, 3);

	f = smccc_decode(0x84000063);
	assert_true(f.fast);
	assert_false(f.is_64bit);
	assert_int_equal(f.owner, 4);
	assert_int_equal(f.func, 0x63);

	f = smccc_decode(0x32000004);
	assert_false(f.fast);
	assert_false(f.is_64bit);
	assert_int_equal(f.owner, 50);
	assert_int_equal(f.func, 4);

	f = smccc_decode(0xbf00ff01);
	assert_true(f.fast);
	assert_false(f.is_64bit);
	assert_int_equal(f.owner, 63);
	assert_int_equal(f.func, 0xff01);

	f = smccc_decode(0xffffffff00000000ull | 0x7f01abcd);
	assert_int_equal(f.id, 0x7f00abcd);
	assert_false(f.fast);
	assert_true(f.is_64bit);
	assert_int_equal(f.owner, 63);
	assert_int_equal(f.func, 0xabcd);
	assert_int_equal(f.service, SMCCC_SVC_TOS);

	f = smccc_decode(0x86000001);
	assert_int_equal(f.owner, SMCCC_OWNER_VENDOR_HYP);
	assert_int_equal(f.service, SMCCC_SVC_UNKNOWN);
}

/* An independent reading of SMCCC §2.5 and of the services Tessera serves. */
static enum smccc_service model(uint32_t w0)
{
	uint32_t id = w0 & ~(1u << 16);
	unsigned owner = (id >> 24) & 0x3f, func = id & 0xffff;
	bool fast = id >> 31, smc64 = (id >> 30) & 1;

	if (owner >= 50)
		return SMCCC_SVC_TOS;
	if (!fast || ((id >> 17) & 0x7f) != 0)
		return SMCCC_SVC_UNKNOWN;
	if (owner == 0 && !smc64)
		return SMCCC_SVC_ARCH;
	if (owner == 4 && func < 0x20)
		return SMCCC_SVC_PSCI;
	if (owner == 4 && func >= 0x60 && func < 0x100)
		return SMCCC_SVC_FFA;
	return SMCCC_SVC_UNKNOWN;
}

static uint64_t xorshift64(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void test_random(void **state)
{
	uint64_t seed = 0x7e55e4a0540c4b11ull;
	unsigned seen[SMCCC_SVC_UNKNOWN + 1] = { 0 };

	for (unsigned i = 0; i < 1000000; i++) {
		uint64_t x0 = xorshift64(&seed);
		uint32_t w0;
		struct smccc_fid f;

		/* Bias half the IDs towards owners 0..15, valid fast calls, small numbers. */
		if (i % 4 == 1)
			x0 &= 0xffffffffcf01ffffull;
		else if (i % 4 == 3)
			x0 &= 0xffffffffcf0100ffull;
		w0 = (uint32_t)x0;
		f = smccc_decode(x0);
		if (f.service != model(w0))
			print_error("x0 0x%llx\n", (unsigned long long)x0);
		assert_int_equal(f.service, model(w0));
		assert_int_equal(f.id, w0 & ~SMCCC_SVE_HINT);
		assert_int_equal(f.fast, w0 >> 31);
		assert_int_equal(f.is_64bit, (w0 >> 30) & 1);
		assert_int_equal(f.owner, (w0 >> 24) & 0x3f);
		assert_int_equal(f.func, w0 & 0xffff);
		assert_int_equal(smccc_decode(w0).service, f.service);
		assert_int_equal(smccc_decode(x0 ^ SMCCC_SVE_HINT).service, f.service);
		seen[f.service]++;
	}
	/* The sweep reached every service. */
	for (unsigned s = 0; s <= SMCCC_SVC_UNKNOWN; s++)
		assert_true(seen[s] > 0);
}

/* <abi/ffa_rules.h>: the answer builders and every MBZ check both hypervisors use. */
static void test_ffa_rules(void **state)
{
	struct ffa_value v = { { 1, 2, 3, 4, 5, 6, 7, 8 } };
	struct ffa_value map = { { FFA_RXTX_MAP_64, 0x1000, 0x2000, 1 } };
	uint32_t negotiated = 0;

	(void)state;
	smccc_answer(&v, 9);
	assert_int_equal(v.x[0], 9);
	for (unsigned i = 1; i < 8; i++)
		assert_int_equal(v.x[i], i + 1);
	v = ffa_version_call(FFA_VERSION_1_0, &negotiated);
	assert_int_equal(v.x[0], FFA_VERSION_1_1);
	assert_int_equal(negotiated, FFA_VERSION_1_0);
	for (unsigned i = 1; i < 8; i++)
		assert_int_equal(v.x[i], 0);
	/* FF-A v1.1 §13.2.1, ACS ffa_version: NOT_SUPPORTED is w0 = 0xffffffff, zero-extended. */
	assert_int_equal(ffa_version_call(1u << 31, &negotiated).x[0], 0xffffffffu);
	assert_true(ffa_direct_ids_ok(0x00018001));
	assert_false(ffa_direct_ids_ok(1ull << 32 | 0x00018001));
	assert_true(ffa_direct_flags_ok(0));
	assert_true(ffa_direct_flags_ok(FFA_MSG_FLAG_FRAMEWORK | 6));
	assert_false(ffa_direct_flags_ok(1));
	assert_false(ffa_direct_flags_ok(FFA_MSG_FLAG_FRAMEWORK | 0x100));
	assert_false(ffa_direct_flags_ok(1ull << 32));
	assert_true(ffa_run_args_ok(0x80010000));
	assert_false(ffa_run_args_ok(0x80010001));
	assert_false(ffa_run_args_ok(1ull << 32 | 0x80010000));
	assert_int_equal(ffa_rxtx_map_pages(&map), 1);
	map.x[3] = 0x41;
	assert_int_equal(ffa_rxtx_map_pages(&map), 0);
	map.x[3] = 1;
	map.x[0] = FFA_RXTX_MAP_32;
	map.x[2] = 1ull << 32;
	assert_int_equal(ffa_rxtx_map_pages(&map), 0);
	assert_true(ffa_rxtx_unmap_args_ok(0, 5));
	assert_true(ffa_rxtx_unmap_args_ok(5u << 16, 5));
	assert_false(ffa_rxtx_unmap_args_ok(6u << 16, 5));
	assert_false(ffa_rxtx_unmap_args_ok(1, 5));
	assert_true(ffa_rx_release_args_ok(0));
	assert_false(ffa_rx_release_args_ok(1));
	assert_true(ffa_partition_info_flags_ok(1));
	assert_false(ffa_partition_info_flags_ok(2));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_psci),
		cmocka_unit_test(test_ffa),
		cmocka_unit_test(test_ffa_rules),
		cmocka_unit_test(test_arch),
		cmocka_unit_test(test_trusted_os),
		cmocka_unit_test(test_yielding_unknown),
		cmocka_unit_test(test_fast_mbz),
		cmocka_unit_test(test_sve_hint),
		cmocka_unit_test(test_upper_bits_ignored),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_random),
	};

	return cmocka_run_group_tests_name("smccc_decode", tests, NULL, NULL);
}
