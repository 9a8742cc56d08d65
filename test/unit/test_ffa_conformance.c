// SPDX-License-Identifier: BSD-3-Clause
/*
 * FF-A v1.1 conformance of the SPMC's dispatcher (hyp/role/spmc/ffa_spmc.c), issue 16: each
 * test names the spec section and the test of Arm's FF-A ACS (ARM-software/ff-a-acs, test/v1.0
 * and test/v1.1) whose expected value it checks. Partitions are scripts: what a partition does
 * each time it runs, and what it found in x0-x7 when it ran (its answer to the previous call).
 * A: properties 0x103 (sends and takes direct requests), bound to VM 1; B: 0x101 (takes them,
 * sends none), bound to VM 1. The memory rules are in test_mem_spmc.c/test_mem_share.c; what a
 * VM sees through nshyp in test_mem_nshyp.c and the QEMU payload (test/sys/test_ffa.py).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <abi/smccc.h>

#include "../fuzz/spmc_host.h"

extern struct vcpu_exit fake_next_exit;

#define A	  0x8001
#define B	  0x8002
#define VM1	  1
#define STEPS	  16
#define MEM_BYTES (64 * 1024)
#define NOT_SUPP  0xffffffffu /* NOT_SUPPORTED in w0, zero-extended (as the ACS has it) */

/* Upper halves a _32 message's sender leaves in x1-x7: never seen by its receiver. */
#define HI 0x1125534400000000ull

static struct partition {
	uint64_t calls[STEPS][8];
	unsigned count, next;
	struct ffa_value found; /* x0-x7 when it last ran */
} part[2];

static uint8_t mem[2][MEM_BYTES] __attribute__((aligned(4096)));
static s2_table_t tables[32] __attribute__((aligned(4096)));
static struct sys_sp cfgs[2];

unsigned arch_enter_lower(struct arch_regs *r)
{
	unsigned i = &spmc_partitions[0].vm.vcpus[0].regs == r ? 0 : 1;
	struct partition *p = &part[i];

	memcpy(p->found.x, r->x, sizeof(p->found.x));
	assert_true(p->next < p->count); /* it ran more often than scripted */
	memcpy(r->x, p->calls[p->next++], sizeof(p->calls[0]));
	fake_next_exit.reason = VCPU_EXIT_CALL;
	return EXIT_SYNC;
}

/* Partition i's next run ends with the call x0-x7. */
static void then(unsigned i, uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3, uint64_t x4,
		 uint64_t x5, uint64_t x6, uint64_t x7)
{
	struct partition *p = &part[i];
	uint64_t *c;

	assert_true(p->count < STEPS);
	c = p->calls[p->count++];
	c[0] = x0, c[1] = x1, c[2] = x2, c[3] = x3, c[4] = x4, c[5] = x5, c[6] = x6, c[7] = x7;
}

static void then_call(unsigned i, uint64_t x0, uint64_t x1)
{
	then(i, x0, x1, 0, 0, 0, 0, 0, 0);
}

static struct ffa_value nwd(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3, uint64_t x4,
			    uint64_t x5, uint64_t x6, uint64_t x7)
{
	struct ffa_value m = { { x0, x1, x2, x3, x4, x5, x6, x7 } };

	spmc_nwd_call(&m);
	return m;
}

static void assert_error(struct ffa_value r, int32_t code)
{
	assert_int_equal(r.x[0], FFA_ERROR);
	assert_int_equal(r.x[2], (uint32_t)code);
}

static void assert_rest_zero(const struct ffa_value *r, unsigned from)
{
	for (unsigned i = from; i < 8; i++)
		assert_int_equal(r->x[i], 0);
}

static int setup(void **state)
{
	struct s2_pool pool = { .tables = tables, .count = 32 };

	(void)state;
	memset(spmc_partitions, 0, sizeof(spmc_partitions));
	memset(part, 0, sizeof(part));
	for (unsigned i = 0; i < 2; i++) {
		struct sys_sp *c = &cfgs[i];

		spmc_host_sp_cfg(c, i, i ? 0x101 : 0x103, mem[i], MEM_BYTES);
		c->allowed_vm[0] = VM1;
		c->allowed_vm_count = 1;
		then_call(i, FFA_MSG_WAIT, 0);
	}
	assert_int_equal(spmc_host_boot(cfgs, 2, &pool), 2);
	return 0;
}

/* ---- §15.2-15.3, SMCCC §2.6: the arguments of a _32 message are w1-w7 ------------------- */

/* ACS ffa_direct_message_32: x3 = 0x1125534411255344 reaches the partition as 0x11255344. */
static void direct_req_32_reaches_partition_zero_extended(void **state)
{
	struct ffa_value r;

	(void)state;
	then(0, FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(A, VM1), 0, 1, 2, 3, 4, 5);
	r = nwd(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(VM1, A), 0, HI | 3, HI | 4, HI | 5, HI | 6,
		HI | 7);
	assert_int_equal(r.x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	assert_int_equal(part[0].found.x[0], FFA_MSG_SEND_DIRECT_REQ_32);
	assert_int_equal(part[0].found.x[1], ffa_msg_ids(VM1, A));
	assert_int_equal(part[0].found.x[2], 0);
	for (unsigned i = 3; i < 8; i++)
		assert_int_equal(part[0].found.x[i], i);
}

/* The same off the common path (x0 with SMCCC's SVE hint, bit 16: the general handler). */
static void direct_req_32_general_path_zero_extended(void **state)
{
	(void)state;
	then(0, FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(A, VM1), 0, 0, 0, 0, 0, 0);
	nwd(FFA_MSG_SEND_DIRECT_REQ_32 | SMCCC_SVE_HINT | (HI & ~0xffffffffull),
	    ffa_msg_ids(VM1, A), 0, HI | 3, HI | 4, HI | 5, HI | 6, HI | 7);
	assert_int_equal(part[0].found.x[0], FFA_MSG_SEND_DIRECT_REQ_32); /* w0, no hint */
	for (unsigned i = 3; i < 8; i++)
		assert_int_equal(part[0].found.x[i], i);
}

/* ACS ffa_direct_message_64: a _64 message carries x3-x7 whole, both ways. */
static void direct_64_carries_whole_registers(void **state)
{
	struct ffa_value r;

	(void)state;
	then(0, FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(A, VM1), 0, HI | 1, HI | 2, HI | 3, HI | 4,
	     HI | 5);
	r = nwd(FFA_MSG_SEND_DIRECT_REQ_64, ffa_msg_ids(VM1, A), 0, HI | 3, HI | 4, HI | 5, HI | 6,
		HI | 7);
	for (unsigned i = 3; i < 8; i++) {
		assert_int_equal(part[0].found.x[i], HI | i);
		assert_int_equal(r.x[i], HI | (i - 2));
	}
}

/* ACS ffa_direct_message_32 (resp_data_32 -> expected_resp_data_32): the answer is w3-w7. */
static void direct_resp_32_reaches_vm_zero_extended(void **state)
{
	struct ffa_value r;

	(void)state;
	then(0, FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(A, VM1), 0, HI | 1, HI | 2, HI | 3, HI | 4,
	     HI | 5);
	r = nwd(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(VM1, A), 0, 0, 0, 0, 0, 0);
	assert_int_equal(r.x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	assert_int_equal(r.x[1], ffa_msg_ids(A, VM1));
	assert_int_equal(r.x[2], 0);
	for (unsigned i = 3; i < 8; i++)
		assert_int_equal(r.x[i], i - 2);
}

/* Partition to partition, both ways (A asks B inside VM 1's request). */
static void sp_to_sp_32_zero_extended_both_ways(void **state)
{
	struct ffa_value r;

	(void)state;
	then(0, FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(A, B), 0, HI | 3, HI | 4, HI | 5, HI | 6,
	     HI | 7);
	then(1, FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(B, A), 0, HI | 1, HI | 2, HI | 3, HI | 4,
	     HI | 5);
	then_call(1, FFA_MSG_WAIT, 0); /* unused: B waits after its answer */
	then(0, FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(A, VM1), 0, 0, 0, 0, 0, 0);
	r = nwd(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(VM1, A), 0, 0, 0, 0, 0, 0);
	assert_int_equal(r.x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	for (unsigned i = 3; i < 8; i++) {
		assert_int_equal(part[1].found.x[i], i);     /* B's request */
		assert_int_equal(part[0].found.x[i], i - 2); /* A's answer from B */
	}
}

/* ---- §15.3: a response with a reserved bit set is refused, the request stays pending ----- */

/* ACS ffa_direct_message_64 and _32 (server): w2 = 0xFFFF gets INVALID_PARAMETERS. */
static void direct_resp_with_reserved_w2_refused(void **state)
{
	struct ffa_value r;

	(void)state;
	then(0, FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(A, VM1), 0xffff, 9, 0, 0, 0, 0);
	then(0, FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(A, VM1), 1ull << 32, 9, 0, 0, 0, 0);
	then(0, FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(A, VM1), 0, 9, 0, 0, 0, 0);
	r = nwd(FFA_MSG_SEND_DIRECT_REQ_64, ffa_msg_ids(VM1, A), 0, 0, 0, 0, 0, 0);
	/* The VM got the third answer only; the partition got INVALID_PARAMETERS twice. */
	assert_int_equal(r.x[0], FFA_MSG_SEND_DIRECT_RESP_64);
	assert_int_equal(r.x[2], 0);
	assert_int_equal(r.x[3], 9);
	assert_int_equal(part[0].next, 4);
	assert_int_equal(spmc_partitions[0].requester, SPMC_NO_REQUESTER);
	/* The same for the 32-bit form, with w1 naming the partition itself as receiver too. */
	then(0, FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(A, VM1), 0xffff, 0, 0, 0, 0, 0);
	then(0, FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(A, A), 0, 0, 0, 0, 0, 0);
	then(0, FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(A, VM1), 0, 7, 0, 0, 0, 0);
	r = nwd(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(VM1, A), 0, 0, 0, 0, 0, 0);
	assert_int_equal(r.x[3], 7);
	assert_error(part[0].found, FFA_RET_INVALID_PARAMETERS);
}

/* ---- §13.2.1: FFA_VERSION ---------------------------------------------------------------- */

/* ACS ffa_version: 0.0, 1.2, 1.3 (minor above ours), 2.1, bit 31: NOT_SUPPORTED, x1-x7 zero. */
static void version_incompatible_not_supported(void **state)
{
	static const uint32_t bad[] = { 0x0, 0x10002, 0x10003, 0x20001, 0x80010001u };
	struct ffa_value r;

	(void)state;
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = nwd(FFA_VERSION, bad[i], 0, 0, 0, 0, 0, 0);
		assert_int_equal(r.x[0], NOT_SUPP);
		assert_rest_zero(&r, 1);
	}
	r = nwd(FFA_VERSION, FFA_VERSION_1_0, 0, 0, 0, 0, 0, 0);
	assert_int_equal(r.x[0], FFA_VERSION_1_1);
	assert_rest_zero(&r, 1);
}

/*
 * A partition's negotiated version governs its discovery descriptors; an incompatible request
 * leaves what it negotiated (v1.0: 8-byte descriptors, w3 = 0 in v1.0's FFA_SUCCESS).
 */
static void version_negotiated_by_a_partition(void **state)
{
	(void)state;
	then_call(0, FFA_VERSION, FFA_VERSION_1_0);
	then_call(0, FFA_VERSION, 0x20000);
	then(0, FFA_PARTITION_INFO_GET, 0, 0, 0, 0, FFA_PARTITION_INFO_COUNT_ONLY, 0, 0);
	then(0, FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(A, VM1), 0, 0, 0, 0, 0, 0);
	nwd(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(VM1, A), 0, 0, 0, 0, 0, 0);
	assert_int_equal(spmc_partitions[0].rxtx.version, FFA_VERSION_1_0);
	assert_int_equal(part[0].found.x[0], FFA_SUCCESS_32);
	assert_int_equal(part[0].found.x[2], 2); /* both partitions */
	assert_int_equal(part[0].found.x[3], 0);
}

/* ---- §13.3: FFA_FEATURES answers what works for the caller ----------------------------- */

struct feature {
	uint32_t fid;
	bool a, b; /* supported for partition A (sends and takes requests), B (takes only) */
};

/*
 * ACS ffa_features: direct requests only for a partition that may send them (properties bit
 * 1), direct responses only for one that takes them (bit 0); the normal world never answers
 * one; partitions do not FFA_RUN. Unused result registers MBZ.
 */
static void features_per_partition(void **state)
{
	static const struct feature f[] = {
		{ FFA_MSG_SEND_DIRECT_REQ_32, true, false },
		{ FFA_MSG_SEND_DIRECT_REQ_64, true, false },
		{ FFA_MSG_SEND_DIRECT_RESP_32, true, true },
		{ FFA_MSG_SEND_DIRECT_RESP_64, true, true },
		{ FFA_RUN, false, false },
		{ FFA_MSG_WAIT, true, true },
		{ FFA_VERSION, true, true },
		{ FFA_INTERRUPT, true, true }, /* mandatory (ACS ffa_features) */
		{ FFA_NOTIFICATION_BIND, true, true },
		{ FFA_NOTIFICATION_BITMAP_CREATE, false, false },
		{ FFA_NOTIFICATION_INFO_GET_64, false, false },
		{ 0x84000084, false, false },
	};
	unsigned n = sizeof(f) / sizeof(f[0]);

	(void)state;
	for (unsigned i = 0; i < n; i++) {
		for (unsigned p = 0; p < 2; p++) {
			bool want = p ? f[i].b : f[i].a;
			ffa_id_t self = (ffa_id_t)(A + p);

			memset(part, 0, sizeof(part));
			then_call(p, FFA_FEATURES, f[i].fid);
			then(p, FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(self, VM1), 0, 0, 0, 0, 0,
			     0);
			nwd(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(VM1, self), 0, 0, 0, 0, 0, 0);
			if (want) {
				assert_int_equal(part[p].found.x[0], FFA_SUCCESS_32);
				assert_rest_zero(&part[p].found, 1);
			} else {
				assert_error(part[p].found, FFA_RET_NOT_SUPPORTED);
			}
		}
	}
}

/* The normal world (its hypervisor): requests and FFA_RUN, never a response or a wait. */
static void features_for_the_normal_world(void **state)
{
	(void)state;
	assert_int_equal(nwd(FFA_FEATURES, FFA_MSG_SEND_DIRECT_REQ_64, 0, 0, 0, 0, 0, 0).x[0],
			 FFA_SUCCESS_32);
	assert_int_equal(nwd(FFA_FEATURES, FFA_RUN, 0, 0, 0, 0, 0, 0).x[0], FFA_SUCCESS_32);
	assert_int_equal(nwd(FFA_FEATURES, FFA_INTERRUPT, 0, 0, 0, 0, 0, 0).x[0], FFA_SUCCESS_32);
	/* Mandatory at every instance (ACS ffa_features): the hypervisor's own discovery. */
	assert_int_equal(nwd(FFA_FEATURES, FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0, 0).x[0],
			 FFA_SUCCESS_32);
	assert_int_equal(nwd(FFA_FEATURES, FFA_RX_RELEASE, 0, 0, 0, 0, 0, 0).x[0], FFA_SUCCESS_32);
	assert_error(nwd(FFA_FEATURES, FFA_MSG_SEND_DIRECT_RESP_32, 0, 0, 0, 0, 0, 0),
		     FFA_RET_NOT_SUPPORTED);
	assert_error(nwd(FFA_FEATURES, FFA_MSG_WAIT, 0, 0, 0, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(nwd(FFA_FEATURES, FFA_YIELD, 0, 0, 0, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(direct_req_32_reaches_partition_zero_extended, setup),
		cmocka_unit_test_setup(direct_req_32_general_path_zero_extended, setup),
		cmocka_unit_test_setup(direct_64_carries_whole_registers, setup),
		cmocka_unit_test_setup(direct_resp_32_reaches_vm_zero_extended, setup),
		cmocka_unit_test_setup(sp_to_sp_32_zero_extended_both_ways, setup),
		cmocka_unit_test_setup(direct_resp_with_reserved_w2_refused, setup),
		cmocka_unit_test_setup(version_incompatible_not_supported, setup),
		cmocka_unit_test_setup(version_negotiated_by_a_partition, setup),
		cmocka_unit_test_setup(features_per_partition, setup),
		cmocka_unit_test_setup(features_for_the_normal_world, setup),
	};

	return cmocka_run_group_tests(tests, 0, 0);
}
