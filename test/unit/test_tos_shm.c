// SPDX-License-Identifier: BSD-3-Clause
/*
 * Unit tests of the trusted OS's shared-memory table (tos/shm.c) with the
 * FF-A calls faked (the SPMC's side: which handles it counts as retrieved by
 * us): a handle is retrieved once per caller and then found, the table is
 * bounded per caller and shared fairly (however the other clients fill it, a
 * client's first SHM_RESERVED shares never fail), failed retrieves and shares
 * outside RAM leave nothing behind (relinquished at once, also a retrieve the
 * SPMC granted but whose response the TOS could not use),
 * UNREGISTER_SHM refuses unknown and busy handles, and reads and writes stay
 * inside the share, across its ranges.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include <lib/print.h>

#include "../../tos/ffa_bufs.h"
#include "../../tos/quota.h"
#include "../../tos/shm.h"

#define SELF	  0x8002
#define N_HANDLES 2048
#define N_CALLERS (TOS_MAX_CLIENTS + 1)
#define H(c, i)	  ((uint64_t)(c)*64 + (i)) /* handle i of caller c */

static uint8_t tx[4096], rx[4096];
static const struct ffa_mem_buffers bufs = { tx, rx, 4096 };
static unsigned retrieves, relinquishes;
static int32_t retrieve_rc;
static bool granted_then_failed; /* the SPMC grants, then our parsing fails */
static bool relinquish_refused;	 /* the SPMC cannot take a relinquish now */
static struct ffa_mem_retrieved next;
static unsigned held[N_HANDLES]; /* retrievals by us the SPMC counts, per handle */

const struct ffa_mem_buffers *tos_ffa_buffers(void)
{
	return &bufs;
}

int32_t ffa_mem_retrieve(const struct ffa_mem_buffers *b, ffa_id_t self, ffa_id_t sender,
			 uint64_t handle, uint8_t perms, uint32_t flags,
			 struct ffa_mem_retrieved *out)
{
	assert_ptr_equal(b, &bufs);
	assert_int_equal(self, SELF);
	assert_int_equal(perms, FFA_MEM_DATA_RW);
	assert_true(handle < N_HANDLES);
	retrieves++;
	if (granted_then_failed) {
		held[handle]++;
		return FFA_RET_ABORTED;
	}
	if (retrieve_rc)
		return retrieve_rc;
	held[handle]++;
	*out = next;
	return 0;
}

int32_t ffa_mem_relinquish(const struct ffa_mem_buffers *b, ffa_id_t self, uint64_t handle,
			   uint32_t flags)
{
	relinquishes++;
	if (relinquish_refused)
		return FFA_RET_NO_MEMORY;
	if (handle >= N_HANDLES || !held[handle])
		return FFA_RET_INVALID_PARAMETERS; /* not retrieved by us: the SPMC refuses */
	held[handle]--;
	return 0;
}

static unsigned held_count(void)
{
	unsigned n = 0;

	for (unsigned i = 0; i < N_HANDLES; i++)
		n += held[i] != 0;
	return n;
}

void printk(const char *fmt, ...)
{
	(void)fmt;
}

static void ns_pages(uint64_t addr, uint32_t pages)
{
	memset(&next, 0, sizeof(next));
	next.ns = true;
	next.range_count = 1;
	next.ranges[0].addr = addr;
	next.ranges[0].pages = pages;
}

/* Forget every share of the callers used here (the table is static). */
static int reset(void **state)
{
	relinquish_refused = false;
	for (ffa_id_t c = 1; c <= N_CALLERS; c++) {
		for (uint64_t h = 0; h < N_HANDLES; h++)
			shm_unregister(SELF, c, h);
		shm_forget(SELF, c);
	}
	assert_int_equal(held_count(), 0);
	retrieves = relinquishes = 0;
	retrieve_rc = 0;
	granted_then_failed = false;
	ns_pages(0x40400000, 2);
	return 0;
}

static void test_retrieved_once_then_found(void **state)
{
	int32_t err = 0;
	struct shm *a = shm_get(SELF, 1, 7, &err), *b = shm_get(SELF, 1, 7, &err);

	assert_non_null(a);
	assert_ptr_equal(a, b);
	assert_int_equal(retrieves, 1);
	assert_int_equal(a->size, 8192);
	/* Another caller naming the same handle is another entry (the SPMC judges it). */
	assert_ptr_not_equal(shm_get(SELF, 2, 7, &err), a);
	assert_int_equal(retrieves, 2);
}

static void test_bounded_per_caller(void **state)
{
	int32_t err = 0;
	uint64_t h;

	for (h = 0; h < SHM_MAX_PER_CALLER; h++)
		assert_non_null(shm_get(SELF, 1, H(1, h), &err));
	assert_null(shm_get(SELF, 1, H(1, h), &err));
	assert_int_equal(err, FFA_RET_BUSY);
	assert_int_equal(retrieves, SHM_MAX_PER_CALLER); /* refused before any retrieve */
	assert_int_equal(shm_unregister(SELF, 1, H(1, 0)), 0);
	assert_non_null(shm_get(SELF, 1, H(1, h), &err));
}

/* Callers 1.. take all they can, in turn; how many each got. */
static void fill(unsigned callers, unsigned got[])
{
	int32_t err = 0;

	for (ffa_id_t c = 1; c <= callers; c++) {
		got[c] = 0;
		while (got[c] < 64 && shm_get(SELF, c, H(c, got[c]), &err))
			got[c]++;
		assert_int_equal(err, FFA_RET_BUSY);
	}
}

static void test_fair_share(void **state)
{
	unsigned got[N_CALLERS + 1], total = 0;
	int32_t err = 0;

	/* Every client the TOS may have grabs all it can: each still gets its reservation. */
	fill(TOS_MAX_CLIENTS, got);
	for (unsigned c = 1; c <= TOS_MAX_CLIENTS; c++) {
		assert_true(got[c] >= SHM_RESERVED);
		assert_true(got[c] <= SHM_MAX_PER_CALLER);
		total += got[c];
	}
	assert_int_equal(got[1], SHM_MAX_PER_CALLER); /* the first one found the pool empty */
	assert_true(total <= SHM_MAX);
	assert_int_equal(held_count(), total);
	/* The last client got exactly its reservation: the greedy ones left it no more. */
	assert_int_equal(got[TOS_MAX_CLIENTS], SHM_RESERVED);
	/* One that gives a share back can take it again; the others' reservations stay. */
	assert_int_equal(shm_unregister(SELF, 1, H(1, 0)), 0);
	assert_non_null(shm_get(SELF, 1, H(1, 0), &err));
}

/* Two greedy clients: a third's first shares never fail (before: the table was full). */
static void test_two_clients_leave_the_third_its_share(void **state)
{
	unsigned got[4];
	int32_t err = 0;

	fill(2, got);
	for (unsigned i = 0; i < SHM_RESERVED; i++)
		assert_non_null(shm_get(SELF, 3, H(3, i), &err));
}

static void test_failed_retrieve_leaves_nothing(void **state)
{
	int32_t err = 0;

	retrieve_rc = FFA_RET_DENIED;
	assert_null(shm_get(SELF, 1, 9, &err));
	assert_int_equal(err, FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(held_count(), 0);
	retrieve_rc = 0;
	assert_non_null(shm_get(SELF, 1, 9, &err));
	assert_int_equal(retrieves, 2);
}

/*
 * Issue 10 item 6: the SPMC granted the retrieve but the TOS could not use the response
 * (e.g. more ranges than it keeps): the memory must go back, not stay held by the TEE.
 */
static void test_granted_but_unusable_retrieve_is_relinquished(void **state)
{
	int32_t err = 0;
	struct shm *mine;

	granted_then_failed = true;
	assert_null(shm_get(SELF, 1, 9, &err));
	assert_int_equal(err, FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(held_count(), 0);
	/* A handle another caller's entry holds is never relinquished for a failed retrieve. */
	granted_then_failed = false;
	mine = shm_get(SELF, 1, 10, &err);
	assert_non_null(mine);
	retrieve_rc = FFA_RET_DENIED;
	relinquishes = 0;
	assert_null(shm_get(SELF, 2, 10, &err));
	assert_int_equal(relinquishes, 0);
	assert_true(held[10]);
}

static void test_ranges_outside_ram_are_given_back(void **state)
{
	static const struct {
		bool ns;
		uint64_t addr;
		uint32_t pages;
		bool ok;
	} cases[] = {
		{ true, 0x40000000, 1, true },	 { true, 0x7ffff000, 1, true },
		{ true, 0x7ffff000, 2, false },	 { true, 0x0e100000, 1, false },
		{ true, 0x40000800, 1, false },	 { true, 0x40000000, 0, false },
		{ false, 0x0e200000, 4, true },	 { false, 0x40000000, 1, false },
		{ false, 0x0f000000, 1, false }, { true, 0xfffffffffffff000ull, 0x100, false },
	};
	int32_t err = 0;

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct shm *s;

		ns_pages(cases[i].addr, cases[i].pages);
		next.ns = cases[i].ns;
		relinquishes = 0;
		s = shm_get(SELF, 1, 100 + i, &err);
		if ((s != NULL) != cases[i].ok)
			fail_msg("case %u: %s", i, s ? "accepted" : "refused");
		assert_int_equal(relinquishes, cases[i].ok ? 0 : 1);
		if (s)
			shm_unregister(SELF, 1, 100 + i);
	}
	ns_pages(0x40000000, 1);
	next.range_count = 0;
	assert_null(shm_get(SELF, 1, 50, &err));
	next.range_count = FFA_MEM_CLIENT_MAX_RANGES + 1;
	assert_null(shm_get(SELF, 1, 50, &err));
}

static void test_unregister(void **state)
{
	int32_t err = 0;
	struct shm *s;

	assert_int_equal(shm_unregister(SELF, 1, 5), FFA_RET_INVALID_PARAMETERS);
	s = shm_get(SELF, 1, 5, &err);
	assert_int_equal(shm_unregister(SELF, 2, 5), FFA_RET_INVALID_PARAMETERS); /* not theirs */
	s->users = 1;
	assert_int_equal(shm_unregister(SELF, 1, 5), FFA_RET_BUSY);
	assert_int_equal(relinquishes, 0);
	s->users = 0;
	assert_int_equal(shm_unregister(SELF, 1, 5), 0);
	assert_int_equal(relinquishes, 1);
	assert_int_equal(shm_unregister(SELF, 1, 5), FFA_RET_INVALID_PARAMETERS);
	shm_get(SELF, 1, 5, &err);
	assert_int_equal(retrieves, 2); /* retrieved again after unregister */
}

/*
 * Forgetting a caller whose relinquish the SPMC refuses (issue 10 item 6: memory a TEE keeps
 * after its guest stopped): the shares are out of the caller's reach at once and are tried
 * again at the next forget, so they do not stay held for good.
 */
static void test_forget_retries_refused_relinquish(void **state)
{
	int32_t err = 0;

	assert_non_null(shm_get(SELF, 1, H(1, 0), &err));
	assert_non_null(shm_get(SELF, 1, H(1, 1), &err));
	assert_non_null(shm_get(SELF, 2, H(2, 0), &err));
	relinquish_refused = true;
	assert_int_equal(shm_forget(SELF, 1), 0);
	assert_int_equal(held_count(), 3);
	assert_int_equal(shm_unregister(SELF, 1, H(1, 0)), FFA_RET_INVALID_PARAMETERS);
	relinquish_refused = false;
	assert_int_equal(shm_forget(SELF, 3), 0); /* another caller goes: the retry */
	assert_int_equal(held_count(), 1);
	assert_int_equal(shm_forget(SELF, 2), 1);
	assert_int_equal(held_count(), 0);
}

static void test_read_write_across_ranges(void **state)
{
	static uint8_t p0[4096], p1[8192];
	struct shm s = { .size = 3 * 4096 };
	uint8_t out[64], in[64];

	s.mem.range_count = 2;
	s.mem.ranges[0].addr = (uintptr_t)p0;
	s.mem.ranges[0].pages = 1;
	s.mem.ranges[1].addr = (uintptr_t)p1;
	s.mem.ranges[1].pages = 2;
	for (unsigned i = 0; i < 64; i++)
		in[i] = (uint8_t)(i + 1);
	assert_true(shm_write(&s, 4096 - 20, in, 64));
	assert_memory_equal(p0 + 4096 - 20, in, 20);
	assert_memory_equal(p1, in + 20, 44);
	assert_true(shm_read(&s, 4096 - 20, out, 64));
	assert_memory_equal(out, in, 64);
	assert_true(shm_read(&s, 3 * 4096 - 64, out, 64));
	assert_false(shm_read(&s, 3 * 4096 - 63, out, 64));
	assert_false(shm_write(&s, 3 * 4096 + 1, in, 0));
	assert_false(shm_read(&s, UINT64_MAX - 8, out, 16)); /* wrapping range */
	assert_true(shm_read(&s, 3 * 4096, out, 0));
	/* shm_span: the same bounds, and only what one range holds. */
	assert_ptr_equal(shm_span(&s, 8, 64), p0 + 8);
	assert_ptr_equal(shm_span(&s, 4096 - 64, 64), p0 + 4096 - 64);
	assert_null(shm_span(&s, 4096 - 20, 64)); /* across ranges: shm_read/shm_write */
	assert_ptr_equal(shm_span(&s, 4096 + 100, 8192 - 100), p1 + 100);
	assert_null(shm_span(&s, 3 * 4096 - 63, 64));
	assert_null(shm_span(&s, UINT64_MAX - 8, 16));
	assert_null(shm_span(&s, 3 * 4096 + 1, 0));
	s.size = 4 * 4096; /* a size larger than its ranges (never retrieved so): nothing */
	assert_null(shm_span(&s, 3 * 4096, 8));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_retrieved_once_then_found, reset),
		cmocka_unit_test_setup(test_bounded_per_caller, reset),
		cmocka_unit_test_setup(test_fair_share, reset),
		cmocka_unit_test_setup(test_two_clients_leave_the_third_its_share, reset),
		cmocka_unit_test_setup(test_failed_retrieve_leaves_nothing, reset),
		cmocka_unit_test_setup(test_granted_but_unusable_retrieve_is_relinquished, reset),
		cmocka_unit_test_setup(test_ranges_outside_ram_are_given_back, reset),
		cmocka_unit_test_setup(test_unregister, reset),
		cmocka_unit_test_setup(test_forget_retries_refused_relinquish, reset),
		cmocka_unit_test_setup(test_read_write_across_ranges, reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
