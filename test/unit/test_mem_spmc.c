// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host unit tests of the SPMC's FF-A memory management (hyp/role/spmc/mem_spmc.c
 * over hyp/core/mem_share.c), reached through the real dispatcher and the
 * endpoint library lib/ffa_mem_client.c, in the host model of
 * test/fuzz/spmc_world.c (three partitions A, B, C; VM 1 and 2 behind the
 * normal world; physical memory at the platform's addresses). Every call is
 * checked by the model (world_strict): the table is sound, every page is
 * mapped exactly where the table says, and a refused call changes nothing.
 * On top of that, each test names one flow or one error path of an ABI.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <lib/ffa_mem_client.h>

#include "../fuzz/spmc_world.h"

#define A   0
#define B   1
#define C   2
#define NWD WORLD_NWD
#define VM1 1
#define VM2 2
#define RW  FFA_MEM_DATA_RW
#define RO  FFA_MEM_DATA_RO
#define WB  FFA_MEM_ATTR_NORMAL_WB_INNER

static void invariant_broken(void)
{
	fail_msg("the model's invariants broke (see above)");
}

static int boot(bool buffers)
{
	world_strict = false;
	world_reset(buffers);
	world_strict = true;
	world_on_failure = invariant_broken;
	return 0;
}

static int setup(void **state)
{
	(void)state;
	return boot(true);
}

static int setup_no_buffers(void **state)
{
	(void)state;
	return boot(false);
}

static struct ffa_mem_buffers bufs(unsigned who)
{
	if (who == NWD)
		return (struct ffa_mem_buffers){ world_ptr(WORLD_NWD_TX), world_ptr(WORLD_NWD_RX),
						 FFA_PAGE_SIZE };
	return (struct ffa_mem_buffers){ world_sp_tx(who), world_sp_rx(who), FFA_PAGE_SIZE };
}

static ffa_id_t id_of(unsigned who, ffa_id_t vm)
{
	return who == NWD ? vm : WORLD_SP_ID(who);
}

/* A partition's page k by IPA, or an NS pool page by PA. */
static uint64_t sp_page(unsigned k)
{
	return WORLD_SP_IPA + (uint64_t)k * FFA_PAGE_SIZE;
}

static uint64_t ns_page(unsigned k)
{
	return WORLD_NS_POOL + (uint64_t)k * FFA_PAGE_SIZE;
}

static uint64_t sp_pa_page(unsigned sp, unsigned k)
{
	return world_sp_pa(sp) + (uint64_t)k * FFA_PAGE_SIZE;
}

/*
 * DONATE/LEND/SHARE of `count` ranges by `who` (as VM `vm` from the normal world), tag 0:
 * the library's retrieve requests carry tag 0.
 */
static int32_t send_ranges(unsigned who, ffa_id_t vm, uint32_t fid, const struct ffa_mem_grant *g,
			   uint32_t ng, const struct ffa_mem_range *r, uint32_t nr, uint16_t attr,
			   uint32_t flags, uint32_t frag_max, uint64_t *handle)
{
	struct ffa_mem_buffers b = bufs(who);

	world_set_actor(who);
	return ffa_mem_send(fid, &b, id_of(who, vm), g, ng, r, nr, attr, flags, 0, frag_max,
			    handle);
}

/* The common case: `pages` pages at `addr` to one borrower. */
static int32_t send1(unsigned who, ffa_id_t vm, uint32_t fid, uint64_t addr, uint32_t pages,
		     ffa_id_t to, uint8_t perms, uint32_t flags, uint64_t *handle)
{
	struct ffa_mem_grant g = { to, perms };
	struct ffa_mem_range r = { addr, pages };
	uint16_t attr = fid == FFA_MEM_SHARE_32 ? WB : 0;

	return send_ranges(who, vm, fid, &g, 1, &r, 1, attr, flags, 0, handle);
}

static int32_t retrieve(unsigned sp, ffa_id_t lender, uint64_t handle, uint8_t perms,
			uint32_t flags, struct ffa_mem_retrieved *out)
{
	struct ffa_mem_buffers b = bufs(sp);
	struct ffa_mem_retrieved ignored;

	world_set_actor(sp);
	return ffa_mem_retrieve(&b, WORLD_SP_ID(sp), lender, handle, perms, flags,
				out ? out : &ignored);
}

static int32_t relinquish(unsigned sp, uint64_t handle, uint32_t flags)
{
	struct ffa_mem_buffers b = bufs(sp);

	world_set_actor(sp);
	return ffa_mem_relinquish(&b, WORLD_SP_ID(sp), handle, flags);
}

static int32_t reclaim(unsigned who, uint64_t handle, uint32_t flags)
{
	world_set_actor(who);
	return ffa_mem_reclaim(handle, flags);
}

static struct ffa_value call(unsigned who, uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3,
			     uint64_t x4)
{
	struct ffa_value c = { { x0, x1, x2, x3, x4 } };

	return who == NWD ? world_nwd_call(c) : world_sp_call(who, c);
}

static void assert_error(struct ffa_value r, int32_t code)
{
	assert_int_equal((uint32_t)r.x[0], FFA_ERROR);
	assert_int_equal((int32_t)r.x[2], code);
}

/* A retrieve request written by hand into partition sp's TX (for the malformed ones). */
struct req {
	struct ffa_mem_region hdr;
	struct ffa_mem_access a;
};

static struct req good_req(unsigned sp, ffa_id_t lender, uint64_t handle)
{
	struct req q = { 0 };

	q.hdr.sender_id = lender;
	q.hdr.handle = handle;
	q.hdr.ep_mem_access_size = sizeof(q.a);
	q.hdr.ep_count = 1;
	q.hdr.ep_mem_access_offset = sizeof(q.hdr);
	q.a.receiver_id = WORLD_SP_ID(sp);
	return q;
}

static struct ffa_value retrieve_raw(unsigned sp, const struct req *q, uint32_t len)
{
	memcpy(world_sp_tx(sp), q, sizeof(*q));
	return call(sp, FFA_MEM_RETRIEVE_REQ_32, len, len, 0, 0);
}

static bool s2_maps(unsigned sp, bool ns, uint64_t ipa, unsigned *attr)
{
	const struct vm *vm = &spmc_partitions[sp].vm;
	uint64_t pa;
	unsigned a;

	if (!s2_lookup(ns ? &spmc_partitions[sp].s2_ns : &vm->s2, ipa, &pa, &a))
		return false;
	if (attr)
		*attr = a;
	return true;
}

static bool all_bytes(uint64_t pa, uint32_t pages, uint8_t v)
{
	const uint8_t *p = world_ptr(pa);

	for (size_t i = 0; i < (size_t)pages * FFA_PAGE_SIZE; i++)
		if (p[i] != v)
			return false;
	return true;
}

/* ---- the key flows ------------------------------------------------------------------------- */

static void vm_share_retrieve_relinquish_reclaim(void **state)
{
	struct ffa_mem_retrieved out;
	uint64_t h;
	unsigned attr;

	(void)state;
	assert_int_equal(
	    send1(NWD, VM1, FFA_MEM_SHARE_32, ns_page(0), 2, WORLD_SP_ID(A), RW, 0, &h), 0);
	assert_int_equal(spmc_mem_live(), 1);
	assert_false(s2_maps(A, true, ns_page(0), 0)); /* not before the retrieve */
	assert_int_equal(retrieve(A, VM1, h, 0, 0, &out), 0);
	assert_true(out.ns);
	assert_int_equal(out.range_count, 1);
	assert_int_equal(out.ranges[0].addr, ns_page(0));
	assert_int_equal(out.ranges[0].pages, 2);
	assert_int_equal(out.flags & FFA_MEM_FLAG_TYPE_MASK, FFA_MEM_FLAG_TYPE_SHARE);
	assert_true(s2_maps(A, true, ns_page(1), &attr));
	assert_int_equal(attr, S2_READ | S2_WRITE); /* a share is never executable */
	assert_false(s2_maps(A, false, ns_page(1), 0));
	assert_int_equal(relinquish(A, h, 0), 0);
	assert_false(s2_maps(A, true, ns_page(0), 0));
	assert_int_equal(reclaim(NWD, h, 0), 0);
	assert_int_equal(spmc_mem_live(), 0);
	/* The handle is dead now: a second reclaim is refused. */
	assert_int_equal(reclaim(NWD, h, 0), FFA_RET_INVALID_PARAMETERS);
}

static void sp_lend_unmaps_lender_reclaim_maps_back(void **state)
{
	struct ffa_mem_retrieved out;
	uint64_t h;
	unsigned attr;

	(void)state;
	assert_true(s2_maps(A, false, sp_page(3), &attr));
	assert_int_equal(attr, S2_RWX);
	assert_int_equal(send1(A, 0, FFA_MEM_LEND_32, sp_page(3), 2, WORLD_SP_ID(B), RW, 0, &h), 0);
	assert_false(s2_maps(A, false, sp_page(3), 0));
	assert_false(s2_maps(A, false, sp_page(4), 0));
	assert_int_equal(retrieve(B, WORLD_SP_ID(A), h, RW | FFA_MEM_INSTR_X, 0, &out), 0);
	assert_false(out.ns);
	assert_int_equal(out.ranges[0].addr, sp_pa_page(A, 3)); /* IPA == PA at the borrower */
	assert_true(s2_maps(B, false, sp_pa_page(A, 3), &attr));
	assert_int_equal(attr, S2_RWX);	       /* one borrower of a LEND may execute */
	world_ptr(sp_pa_page(A, 3))[0] = 0x42; /* B writes */
	assert_int_equal(relinquish(B, h, 0), 0);
	assert_false(s2_maps(B, false, sp_pa_page(A, 3), 0));
	assert_int_equal(reclaim(A, h, 0), 0);
	assert_true(s2_maps(A, false, sp_page(3), &attr));
	assert_int_equal(attr, S2_RWX);
	assert_int_equal(world_ptr(sp_pa_page(A, 3))[0], 0x42);
}

static void lend_zero_flag_zeroes_before_retrieve(void **state)
{
	struct ffa_mem_retrieved out;
	uint64_t h;

	(void)state;
	assert_true(all_bytes(sp_pa_page(A, 5), 1, WORLD_FILL));
	assert_int_equal(
	    send1(A, 0, FFA_MEM_LEND_32, sp_page(5), 1, WORLD_SP_ID(B), RW, FFA_MEM_FLAG_ZERO, &h),
	    0);
	assert_true(all_bytes(sp_pa_page(A, 5), 1, WORLD_FILL));
	assert_int_equal(retrieve(B, WORLD_SP_ID(A), h, 0, FFA_MEM_FLAG_ZERO, &out), 0);
	assert_true(all_bytes(sp_pa_page(A, 5), 1, 0));
	assert_true(out.flags & FFA_MEM_FLAG_ZERO); /* the response says it was zeroed */
	/* Only the first retrieval zeroes: what B wrote survives a second one. */
	world_ptr(sp_pa_page(A, 5))[7] = 1;
	assert_int_equal(retrieve(B, WORLD_SP_ID(A), h, 0, 0, 0), 0);
	assert_int_equal(world_ptr(sp_pa_page(A, 5))[7], 1);
	assert_int_equal(relinquish(B, h, 0), 0);
	assert_int_equal(relinquish(B, h, 0), 0);
	assert_int_equal(reclaim(A, h, 0), 0);
}

static void relinquish_and_reclaim_zero_flags_zero(void **state)
{
	uint64_t h;

	(void)state;
	assert_int_equal(send1(NWD, VM1, FFA_MEM_LEND_32, ns_page(4), 1, WORLD_SP_ID(A), RW, 0, &h),
			 0);
	assert_int_equal(retrieve(A, VM1, h, 0, 0, 0), 0);
	assert_true(all_bytes(ns_page(4), 1, WORLD_FILL));
	assert_int_equal(relinquish(A, h, FFA_MEM_RELINQUISH_ZERO), 0);
	assert_true(all_bytes(ns_page(4), 1, 0));
	memset(world_ptr(ns_page(4)), 0x33, FFA_PAGE_SIZE);
	assert_int_equal(reclaim(NWD, h, FFA_MEM_RECLAIM_ZERO), 0);
	assert_true(all_bytes(ns_page(4), 1, 0));
}

static void donate_moves_pages_for_good(void **state)
{
	uint64_t h;

	(void)state;
	assert_int_equal(send1(A, 0, FFA_MEM_DONATE_32, sp_page(6), 1, WORLD_SP_ID(C), 0, 0, &h),
			 0);
	assert_false(s2_maps(A, false, sp_page(6), 0));
	assert_int_equal(retrieve(C, WORLD_SP_ID(A), h, 0, 0, 0), 0);
	assert_true(s2_maps(C, false, sp_pa_page(A, 6), 0));
	assert_int_equal(spmc_mem_live(), 0);
	/* Gone for good: A cannot reclaim, C cannot relinquish. */
	assert_int_equal(reclaim(A, h, 0), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(relinquish(C, h, 0), FFA_RET_INVALID_PARAMETERS);
	/* C owns it now: it may lend it on (at its IPA == PA). */
	assert_int_equal(
	    send1(C, 0, FFA_MEM_LEND_32, sp_pa_page(A, 6), 1, WORLD_SP_ID(B), RW, 0, &h), 0);
	assert_false(s2_maps(C, false, sp_pa_page(A, 6), 0));
	assert_int_equal(reclaim(C, h, 0), 0);
	assert_true(s2_maps(C, false, sp_pa_page(A, 6), 0));
}

static void multi_borrower_share(void **state)
{
	struct ffa_mem_grant g[2] = { { WORLD_SP_ID(A), RW }, { WORLD_SP_ID(B), RO } };
	struct ffa_mem_range r = { ns_page(8), 1 };
	uint64_t h;
	unsigned attr;

	(void)state;
	assert_int_equal(send_ranges(NWD, VM1, FFA_MEM_SHARE_32, g, 2, &r, 1, WB, 0, 0, &h), 0);
	assert_int_equal(retrieve(A, VM1, h, 0, 0, 0), 0);
	assert_int_equal(retrieve(B, VM1, h, RW, 0, 0), FFA_RET_DENIED); /* B got RO */
	assert_int_equal(retrieve(B, VM1, h, 0, 0, 0), 0);
	assert_true(s2_maps(B, true, ns_page(8), &attr));
	assert_int_equal(attr, S2_READ);
	assert_int_equal(reclaim(NWD, h, 0), FFA_RET_DENIED);
	/* A cannot give back B's retrieval: a relinquish descriptor names the caller only. */
	memcpy(world_sp_tx(A), &(struct ffa_mem_relinquish){ .handle = h, .endpoint_count = 1 },
	       sizeof(struct ffa_mem_relinquish));
	memcpy(world_sp_tx(A) + sizeof(struct ffa_mem_relinquish), &(ffa_id_t){ WORLD_SP_ID(B) },
	       sizeof(ffa_id_t));
	assert_error(call(A, FFA_MEM_RELINQUISH, 0, 0, 0, 0), FFA_RET_DENIED);
	assert_int_equal(relinquish(A, h, 0), 0);
	assert_int_equal(reclaim(NWD, h, 0), FFA_RET_DENIED); /* B still holds it */
	assert_int_equal(relinquish(B, h, 0), 0);
	assert_int_equal(reclaim(NWD, h, 0), 0);
}

static void fragmented_send_from_vm(void **state)
{
	struct ffa_mem_grant g = { WORLD_SP_ID(A), RW };
	struct ffa_mem_range r[MEM_MAX_CONSTITUENTS];
	struct ffa_mem_retrieved out;
	uint64_t h;

	(void)state;
	for (unsigned k = 0; k < MEM_MAX_CONSTITUENTS; k++)
		r[k] = (struct ffa_mem_range){ ns_page(2 * k), 1 }; /* 16 separate ranges */
	assert_int_equal(
	    send_ranges(NWD, VM1, FFA_MEM_LEND_32, &g, 1, r, MEM_MAX_CONSTITUENTS, 0, 0, 40, &h),
	    0);
	assert_int_equal(retrieve(A, VM1, h, 0, 0, &out), 0);
	assert_int_equal(out.range_count, MEM_MAX_CONSTITUENTS);
	assert_int_equal(out.ranges[15].addr, ns_page(30));
	assert_int_equal(relinquish(A, h, 0), 0);
	assert_int_equal(reclaim(NWD, h, 0), 0);
}

/*
 * A retrieve response fits one RX buffer here (384 bytes at most), so FRAG_RX has nothing to
 * serve: every form of it is refused, before and after the retrieve.
 */
static void frag_rx_without_pending_fragments_invalid(void **state)
{
	struct ffa_value r;
	uint64_t h;
	struct req q;

	(void)state;
	assert_int_equal(
	    send1(NWD, VM1, FFA_MEM_SHARE_32, ns_page(0), 1, WORLD_SP_ID(A), RW, 0, &h), 0);
	assert_error(call(A, FFA_MEM_FRAG_RX, (uint32_t)h, h >> 32, 16, 0),
		     FFA_RET_INVALID_PARAMETERS);
	q = good_req(A, VM1, h);
	r = retrieve_raw(A, &q, sizeof(q));
	assert_int_equal((uint32_t)r.x[0], FFA_MEM_RETRIEVE_RESP);
	assert_int_equal((uint32_t)r.x[2], (uint32_t)r.x[1]); /* all of it at once */
	assert_error(call(A, FFA_MEM_FRAG_RX, (uint32_t)h, h >> 32, 16, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_int_equal((uint32_t)call(A, FFA_RX_RELEASE, 0, 0, 0, 0).x[0], FFA_SUCCESS_32);
	assert_error(call(A, FFA_MEM_FRAG_RX, (uint32_t)h, h >> 32, 16, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(call(A, FFA_MEM_FRAG_RX, (uint32_t)h, h >> 32, 0, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(call(B, FFA_MEM_FRAG_RX, (uint32_t)h, h >> 32, 16, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(relinquish(A, h, 0), 0);
	assert_int_equal(reclaim(NWD, h, 0), 0);
}

static void aborted_partition_gives_up_retrievals(void **state)
{
	uint64_t h, mine;

	(void)state;
	assert_int_equal(send1(NWD, VM1, FFA_MEM_LEND_32, ns_page(0), 1, WORLD_SP_ID(A), RW, 0, &h),
			 0);
	assert_int_equal(send1(A, 0, FFA_MEM_LEND_32, sp_page(2), 1, WORLD_SP_ID(B), RW, 0, &mine),
			 0);
	assert_int_equal(retrieve(A, VM1, h, 0, 0, 0), 0);
	assert_int_equal(retrieve(A, VM1, h, 0, 0, 0), 0); /* held twice */
	assert_int_equal(retrieve(B, WORLD_SP_ID(A), mine, 0, 0, 0), 0);
	assert_int_equal(reclaim(NWD, h, 0), FFA_RET_DENIED);
	world_sp_fault(A);
	assert_true(world_sp_aborted(A));
	assert_true(world_check());
	assert_false(s2_maps(A, true, ns_page(0), 0));
	assert_int_equal(reclaim(NWD, h, 0), 0);
	/* What A lent stays with B until B gives it back; then it is reclaimed for A. */
	assert_true(s2_maps(B, false, sp_pa_page(A, 2), 0));
	assert_int_equal(relinquish(B, mine, 0), 0);
	assert_int_equal(spmc_mem_live(), 0);
	assert_true(s2_maps(A, false, sp_page(2), 0));
	assert_int_equal(retrieve(B, WORLD_SP_ID(A), mine, 0, 0, 0), FFA_RET_INVALID_PARAMETERS);
}

/* What an aborted partition lent and nobody retrieved is reclaimed for it at once. */
static void aborted_lender_pending_reclaimed(void **state)
{
	uint64_t lend, donate;

	(void)state;
	assert_int_equal(send1(A, 0, FFA_MEM_LEND_32, sp_page(2), 1, WORLD_SP_ID(B), RW, 0, &lend),
			 0);
	assert_int_equal(
	    send1(A, 0, FFA_MEM_DONATE_32, sp_page(3), 1, WORLD_SP_ID(C), 0, 0, &donate), 0);
	assert_int_equal(spmc_mem_live(), 2);
	world_sp_fault(A);
	assert_int_equal(spmc_mem_live(), 0);
	assert_true(s2_maps(A, false, sp_page(2), 0) && s2_maps(A, false, sp_page(3), 0));
	assert_int_equal(retrieve(B, WORLD_SP_ID(A), lend, 0, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(retrieve(C, WORLD_SP_ID(A), donate, 0, 0, 0), FFA_RET_INVALID_PARAMETERS);
}

/* A DONATE retrieved by a partition that is then aborted: scrubbed, back to the donor. */
static void donation_to_aborted_partition_returns(void **state)
{
	uint64_t pa = sp_pa_page(A, 3), h;

	(void)state;
	assert_int_equal(send1(A, 0, FFA_MEM_DONATE_32, sp_page(3), 1, WORLD_SP_ID(B), 0, 0, &h),
			 0);
	assert_int_equal(retrieve(B, WORLD_SP_ID(A), h, 0, 0, 0), 0);
	memset(world_ptr(pa), 0x5b, FFA_PAGE_SIZE); /* B's secret */
	assert_true(s2_maps(B, false, pa, 0) && !s2_maps(A, false, sp_page(3), 0));
	world_sp_fault(B);
	assert_true(world_check());
	assert_false(s2_maps(B, false, pa, 0));
	assert_true(s2_maps(A, false, sp_page(3), 0));
	assert_true(all_bytes(pa, 1, 0));
	/* A owns it again: it can lend it. */
	assert_int_equal(send1(A, 0, FFA_MEM_LEND_32, sp_page(3), 1, WORLD_SP_ID(C), RW, 0, &h), 0);
}

/* Donor aborted too: the pages are scrubbed and mapped nowhere (owned by no one). */
static void donation_with_aborted_donor_unowned(void **state)
{
	uint64_t pa = sp_pa_page(A, 4), h;

	(void)state;
	assert_int_equal(send1(A, 0, FFA_MEM_DONATE_32, sp_page(4), 1, WORLD_SP_ID(B), 0, 0, &h),
			 0);
	assert_int_equal(retrieve(B, WORLD_SP_ID(A), h, 0, 0, 0), 0);
	world_sp_fault(A);
	assert_true(s2_maps(B, false, pa, 0)); /* B is alive: the pages are its own */
	world_sp_fault(B);
	assert_true(world_check());
	for (unsigned i = 0; i < WORLD_SPS; i++)
		assert_false(s2_maps(i, false, pa, 0) || s2_maps(i, true, pa, 0));
	assert_false(s2_maps(A, false, sp_page(4), 0));
	assert_true(all_bytes(pa, 1, 0));
}

/* Donated pages the dead partition had lent on come back to the donor once relinquished. */
static void donation_lent_on_returns_after_relinquish(void **state)
{
	uint64_t pa = sp_pa_page(A, 5), h, on;

	(void)state;
	assert_int_equal(send1(A, 0, FFA_MEM_DONATE_32, sp_page(5), 1, WORLD_SP_ID(B), 0, 0, &h),
			 0);
	assert_int_equal(retrieve(B, WORLD_SP_ID(A), h, 0, 0, 0), 0);
	assert_int_equal(send1(B, 0, FFA_MEM_LEND_32, pa, 1, WORLD_SP_ID(C), RW, 0, &on), 0);
	assert_int_equal(retrieve(C, WORLD_SP_ID(B), on, 0, 0, 0), 0);
	world_sp_fault(B);
	assert_true(s2_maps(C, false, pa, 0)); /* C keeps it until it gives it back */
	assert_false(s2_maps(A, false, sp_page(5), 0));
	assert_int_equal(relinquish(C, on, 0), 0);
	assert_int_equal(spmc_mem_live(), 0);
	assert_false(s2_maps(B, false, pa, 0) || s2_maps(C, false, pa, 0));
	assert_true(s2_maps(A, false, sp_page(5), 0));
}

/* A partition keeps records of at most 8 donations it received (MEM_MAX_DONATIONS). */
static void donation_records_limited(void **state)
{
	uint64_t h;
	unsigned k = 0;

	(void)state;
	for (; k < 8; k++) {
		assert_int_equal(
		    send1(A, 0, FFA_MEM_DONATE_32, sp_page(k), 1, WORLD_SP_ID(B), 0, 0, &h), 0);
		assert_int_equal(retrieve(B, WORLD_SP_ID(A), h, 0, 0, 0), 0);
	}
	assert_int_equal(send1(A, 0, FFA_MEM_DONATE_32, sp_page(k), 1, WORLD_SP_ID(B), 0, 0, &h),
			 0);
	assert_int_equal(retrieve(B, WORLD_SP_ID(A), h, 0, 0, 0), FFA_RET_NO_MEMORY);
	assert_int_equal(reclaim(A, h, 0), 0);
}

#define CLIENTS 5
#define QUOTA	MEM_QUOTA_PER_CLIENT

/* A send by client c (VM1, VM2, B, C: to A; A: to B) of its page n. */
static int32_t client_send(unsigned c, unsigned n, uint64_t *h)
{
	switch (c) {
	case 0:
		return send1(NWD, VM1, FFA_MEM_SHARE_32, ns_page(n), 1, WORLD_SP_ID(A), RW, 0, h);
	case 1:
		return send1(NWD, VM2, FFA_MEM_SHARE_32, ns_page(16 + n), 1, WORLD_SP_ID(A), RW, 0,
			     h);
	case 2:
		return send1(B, 0, FFA_MEM_SHARE_32, sp_page(n), 1, WORLD_SP_ID(A), RW, 0, h);
	case 3:
		return send1(C, 0, FFA_MEM_SHARE_32, sp_page(n), 1, WORLD_SP_ID(A), RW, 0, h);
	default:
		return send1(A, 0, FFA_MEM_SHARE_32, sp_page(n), 1, WORLD_SP_ID(B), RW, 0, h);
	}
}

static ffa_id_t client_id(unsigned c)
{
	static const ffa_id_t ids[] = { VM1, VM2, WORLD_SP_ID(B), WORLD_SP_ID(C), WORLD_SP_ID(A) };

	return ids[c];
}

static unsigned client_actor(unsigned c)
{
	static const unsigned actors[] = { NWD, NWD, B, C, A };

	return actors[c];
}

/*
 * Every client (two VMs, three partitions) fills its own reservation at once: its next send
 * is NO_MEMORY, nobody else's is. Then everything is released: as at the start.
 */
static void limits_fill_and_release(void **state)
{
	uint64_t h[CLIENTS][QUOTA], extra;
	struct world_snapshot *start = world_snapshot_take(1);

	(void)state;
	for (unsigned c = 0; c < CLIENTS; c++) {
		for (unsigned n = 0; n < QUOTA; n++)
			assert_int_equal(client_send(c, n, &h[c][n]), 0);
		assert_int_equal(client_send(c, QUOTA, &extra), FFA_RET_NO_MEMORY);
	}
	assert_int_equal(spmc_mem_live(), CLIENTS * QUOTA);
	for (unsigned c = 0; c < CLIENTS; c++)
		for (unsigned n = 0; n < QUOTA; n++)
			assert_int_equal(retrieve(c == 4 ? B : A, client_id(c), h[c][n], 0, 0, 0),
					 0);
	for (unsigned c = 0; c < CLIENTS; c++)
		for (unsigned n = 0; n < QUOTA; n++) {
			assert_int_equal(relinquish(c == 4 ? B : A, h[c][n], 0), 0);
			assert_int_equal(reclaim(client_actor(c), h[c][n], 0), 0);
		}
	assert_int_equal(spmc_mem_live(), 0);
	assert_false(world_s2_changed(start)); /* every stage 2 maps what it did at the start */
	assert_int_equal(client_send(0, 0, &extra), 0);
}

/*
 * A VM's transactions a partition keeps after the VM is gone count against that VM only:
 * another VM and the partitions still get their whole reservation.
 */
static void held_after_vm_gone_costs_only_that_vm(void **state)
{
	uint64_t h[QUOTA], extra;

	(void)state;
	for (unsigned n = 0; n < QUOTA; n++) {
		assert_int_equal(client_send(0, n, &h[n]), 0);
		assert_int_equal(retrieve(A, VM1, h[n], 0, 0, 0), 0);
		assert_int_equal(reclaim(NWD, h[n], 0), FFA_RET_DENIED); /* VM1 stopped: kept */
	}
	assert_int_equal(client_send(0, QUOTA, &extra), FFA_RET_NO_MEMORY);
	for (unsigned c = 1; c < CLIENTS; c++)
		for (unsigned n = 0; n < QUOTA; n++)
			assert_int_equal(client_send(c, n, &extra), 0);
}

/* The limits of one transaction and of one borrower's retrievals. */
static void descriptor_and_retrieval_limits(void **state)
{
	struct ffa_mem_grant five[5] = { { WORLD_SP_ID(A), RW },
					 { WORLD_SP_ID(B), RW },
					 { WORLD_SP_ID(C), RW },
					 { 0x8004, RW },
					 { 0x8005, RW } };
	struct ffa_mem_range r[MEM_MAX_CONSTITUENTS + 1];
	struct ffa_mem_range big = { PLAT_NS_RAM_BASE, MEM_MAX_PAGES + 1 };
	uint64_t h;
	unsigned n;

	(void)state;
	for (unsigned k = 0; k <= MEM_MAX_CONSTITUENTS; k++)
		r[k] = (struct ffa_mem_range){ ns_page(2 * k), 1 };
	assert_int_equal(send_ranges(NWD, VM1, FFA_MEM_SHARE_32, five, 5, r, 1, WB, 0, 0, &h),
			 FFA_RET_NO_MEMORY);
	assert_int_equal(send_ranges(NWD, VM1, FFA_MEM_SHARE_32, five, 1, r,
				     MEM_MAX_CONSTITUENTS + 1, WB, 0, 0, &h),
			 FFA_RET_NO_MEMORY);
	assert_int_equal(send_ranges(NWD, VM1, FFA_MEM_SHARE_32, five, 1, &big, 1, WB, 0, 0, &h),
			 FFA_RET_NO_MEMORY);
	assert_int_equal(spmc_mem_live(), 0);
	/* MEM_MAX_RETRIEVES retrievals of one share, one more refused, all given back. */
	assert_int_equal(
	    send1(NWD, VM1, FFA_MEM_SHARE_32, ns_page(0), 1, WORLD_SP_ID(A), RW, 0, &h), 0);
	world_strict = false; /* 500 calls: the checks run at the ends */
	for (n = 0; n < MEM_MAX_RETRIEVES; n++)
		assert_int_equal(retrieve(A, VM1, h, 0, 0, 0), 0);
	world_strict = true;
	assert_true(world_check());
	assert_int_equal(retrieve(A, VM1, h, 0, 0, 0), FFA_RET_NO_MEMORY);
	world_strict = false;
	for (n = 1; n < MEM_MAX_RETRIEVES; n++)
		assert_int_equal(relinquish(A, h, 0), 0);
	world_strict = true;
	assert_int_equal(reclaim(NWD, h, 0), FFA_RET_DENIED);
	assert_int_equal(relinquish(A, h, 0), 0);
	assert_int_equal(reclaim(NWD, h, 0), 0);
}

/* ---- DONATE/LEND/SHARE: error paths -------------------------------------------------------- */

static void send_without_buffers_denied(void **state)
{
	(void)state;
	assert_error(call(NWD, FFA_MEM_SHARE_32, 64, 64, 0, 0), FFA_RET_DENIED);
	assert_error(call(A, FFA_MEM_LEND_32, 64, 64, 0, 0), FFA_RET_DENIED);
	assert_error(call(A, FFA_MEM_RETRIEVE_REQ_32, 64, 64, 0, 0), FFA_RET_DENIED);
	assert_error(call(A, FFA_MEM_RELINQUISH, 0, 0, 0, 0), FFA_RET_DENIED);
}

static void send_lying_lengths_invalid(void **state)
{
	(void)state;
	assert_error(call(NWD, FFA_MEM_SHARE_32, 64, 0, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_error(call(NWD, FFA_MEM_SHARE_32, 64, 65, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_error(call(NWD, FFA_MEM_SHARE_32, 8192, 4097, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_error(call(NWD, FFA_MEM_SHARE_32, 64, 64, 1, 0), FFA_RET_INVALID_PARAMETERS);
	assert_error(call(NWD, FFA_MEM_SHARE_32, 64, 64, 0, 1), FFA_RET_INVALID_PARAMETERS);
	assert_error(call(NWD, FFA_MEM_SHARE_32, 1ull << 32 | 64, 64, 0, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(call(A, FFA_MEM_LEND_32, 4096 * 3, 4096, 0, 0), FFA_RET_NO_MEMORY);
	/* A descriptor that is shorter than it says it is. */
	assert_error(call(NWD, FFA_MEM_SHARE_32, 40, 40, 0, 0), FFA_RET_INVALID_PARAMETERS);
}

static void send_lying_offsets_invalid(void **state)
{
	struct ffa_mem_grant g = { WORLD_SP_ID(A), RW };
	struct ffa_mem_range r = { ns_page(0), 1 };
	uint8_t *tx = world_ptr(WORLD_NWD_TX);
	uint32_t len = ffa_mem_desc_build(tx, 4096, VM1, &g, 1, &r, 1, WB, 0, 0);
	uint32_t bad = 4000;

	(void)state;
	/* The access descriptor's composite offset points past the end. */
	memcpy(tx + sizeof(struct ffa_mem_region) + 4, &bad, sizeof(bad));
	assert_error(call(NWD, FFA_MEM_SHARE_32, len, len, 0, 0), FFA_RET_INVALID_PARAMETERS);
	/* A page count that disagrees with the constituents. */
	len = ffa_mem_desc_build(tx, 4096, VM1, &g, 1, &r, 1, WB, 0, 0);
	tx[sizeof(struct ffa_mem_region) + 16] = 2;
	assert_error(call(NWD, FFA_MEM_SHARE_32, len, len, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(spmc_mem_live(), 0);
}

static void vm_shares_secure_or_foreign_memory_denied(void **state)
{
	uint64_t h;

	(void)state;
	assert_int_equal(
	    send1(NWD, VM1, FFA_MEM_SHARE_32, sp_pa_page(B, 0), 1, WORLD_SP_ID(A), RW, 0, &h),
	    FFA_RET_DENIED);
	assert_int_equal(send1(NWD, VM1, FFA_MEM_LEND_32,
			       PLAT_NS_RAM_BASE + PLAT_NS_RAM_SIZE - FFA_PAGE_SIZE, 2,
			       WORLD_SP_ID(A), RW, 0, &h),
			 FFA_RET_DENIED);
	assert_int_equal(
	    send1(NWD, VM1, FFA_MEM_LEND_32, 0x80000000ull, 1, WORLD_SP_ID(A), RW, 0, &h),
	    FFA_RET_DENIED);
}

static void vm_donate_denied(void **state)
{
	uint64_t h;

	(void)state;
	assert_int_equal(
	    send1(NWD, VM1, FFA_MEM_DONATE_32, ns_page(0), 1, WORLD_SP_ID(A), 0, 0, &h),
	    FFA_RET_DENIED);
}

static void nwd_sender_must_be_a_vm(void **state)
{
	struct ffa_mem_grant g = { WORLD_SP_ID(A), RW };
	struct ffa_mem_range r = { ns_page(0), 1 };
	uint64_t h;

	(void)state;
	assert_int_equal(
	    send_ranges(NWD, WORLD_SP_ID(B), FFA_MEM_SHARE_32, &g, 1, &r, 1, WB, 0, 0, &h),
	    FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(
	    send_ranges(NWD, FFA_ID_HYPERVISOR, FFA_MEM_SHARE_32, &g, 1, &r, 1, WB, 0, 0, &h),
	    FFA_RET_INVALID_PARAMETERS);
	/* One byte of descriptor cannot even name the sender. */
	world_ptr(WORLD_NWD_TX)[0] = VM1;
	assert_error(call(NWD, FFA_MEM_SHARE_32, 1, 1, 0, 0), FFA_RET_INVALID_PARAMETERS);
}

static void borrower_not_bound_or_unknown(void **state)
{
	uint64_t h;

	(void)state;
	/* C takes only VM 2. */
	assert_int_equal(
	    send1(NWD, VM1, FFA_MEM_SHARE_32, ns_page(0), 1, WORLD_SP_ID(C), RW, 0, &h),
	    FFA_RET_DENIED);
	assert_int_equal(send1(NWD, VM1, FFA_MEM_SHARE_32, ns_page(0), 1, 0x8009, RW, 0, &h),
			 FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(send1(NWD, VM1, FFA_MEM_SHARE_32, ns_page(0), 1, VM2, RW, 0, &h),
			 FFA_RET_DENIED);
	assert_int_equal(send1(A, 0, FFA_MEM_SHARE_32, sp_page(0), 1, VM1, RW, 0, &h),
			 FFA_RET_DENIED);
	assert_int_equal(send1(A, 0, FFA_MEM_SHARE_32, sp_page(0), 1, WORLD_SP_ID(A), RW, 0, &h),
			 FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(spmc_mem_live(), 0);
}

static void partition_lends_what_it_does_not_own_denied(void **state)
{
	uint64_t h;

	(void)state;
	/* Past its memory; and B's memory by PA, which A does not map. */
	assert_int_equal(
	    send1(A, 0, FFA_MEM_LEND_32, sp_page(WORLD_SP_PAGES), 1, WORLD_SP_ID(B), RW, 0, &h),
	    FFA_RET_DENIED);
	assert_int_equal(
	    send1(A, 0, FFA_MEM_LEND_32, sp_page(WORLD_SP_PAGES - 1), 2, WORLD_SP_ID(B), RW, 0, &h),
	    FFA_RET_DENIED);
	assert_int_equal(
	    send1(A, 0, FFA_MEM_LEND_32, sp_pa_page(B, 0), 1, WORLD_SP_ID(C), RW, 0, &h),
	    FFA_RET_DENIED);
	/* A partition speaks only for itself. */
	assert_int_equal(send_ranges(A, 0, FFA_MEM_LEND_32,
				     &(struct ffa_mem_grant){ WORLD_SP_ID(C), RW }, 1,
				     &(struct ffa_mem_range){ sp_page(0), 1 }, 1, 0, 0, 0, &h),
			 0);
	assert_int_equal(reclaim(A, h, 0), 0);
	world_set_actor(A);
	assert_int_equal(
	    ffa_mem_send(FFA_MEM_LEND_32,
			 &(struct ffa_mem_buffers){ world_sp_tx(A), world_sp_rx(A), 4096 },
			 WORLD_SP_ID(B), &(struct ffa_mem_grant){ WORLD_SP_ID(C), RW }, 1,
			 &(struct ffa_mem_range){ sp_page(0), 1 }, 1, 0, 0, 0, 0, &h),
	    FFA_RET_DENIED);
}

static void overlapping_or_duplicate_constituents_invalid(void **state)
{
	struct ffa_mem_grant g = { WORLD_SP_ID(A), RW };
	struct ffa_mem_range dup[2] = { { ns_page(0), 1 }, { ns_page(0), 1 } };
	struct ffa_mem_range overlap[2] = { { ns_page(0), 3 }, { ns_page(2), 1 } };
	uint64_t h;

	(void)state;
	assert_int_equal(send_ranges(NWD, VM1, FFA_MEM_LEND_32, &g, 1, dup, 2, 0, 0, 0, &h),
			 FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(send_ranges(NWD, VM1, FFA_MEM_LEND_32, &g, 1, overlap, 2, 0, 0, 0, &h),
			 FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(
	    send_ranges(A, 0, FFA_MEM_LEND_32, &(struct ffa_mem_grant){ WORLD_SP_ID(B), RW }, 1,
			(struct ffa_mem_range[]){ { sp_page(1), 2 }, { sp_page(2), 1 } }, 2, 0, 0,
			0, &h),
	    FFA_RET_INVALID_PARAMETERS);
}

static void pages_already_in_a_transaction_denied(void **state)
{
	uint64_t h, h2;

	(void)state;
	assert_int_equal(
	    send1(NWD, VM1, FFA_MEM_SHARE_32, ns_page(0), 2, WORLD_SP_ID(A), RW, 0, &h), 0);
	assert_int_equal(
	    send1(NWD, VM2, FFA_MEM_SHARE_32, ns_page(1), 1, WORLD_SP_ID(A), RW, 0, &h2),
	    FFA_RET_DENIED);
	/* A partition's shared page stays mapped, but it cannot be shared twice either. */
	assert_int_equal(send1(B, 0, FFA_MEM_SHARE_32, sp_page(0), 1, WORLD_SP_ID(A), RW, 0, &h2),
			 0);
	assert_int_equal(send1(B, 0, FFA_MEM_LEND_32, sp_page(0), 1, WORLD_SP_ID(C), RW, 0, &h2),
			 FFA_RET_DENIED);
	/* A borrower cannot lend on what it retrieved. */
	assert_int_equal(send1(A, 0, FFA_MEM_LEND_32, sp_page(9), 1, WORLD_SP_ID(B), RW, 0, &h2),
			 0);
	assert_int_equal(retrieve(B, WORLD_SP_ID(A), h2, 0, 0, 0), 0);
	assert_int_equal(
	    send1(B, 0, FFA_MEM_LEND_32, sp_pa_page(A, 9), 1, WORLD_SP_ID(C), RW, 0, &h),
	    FFA_RET_DENIED);
}

/* The SPMC copies each fragment as it arrives: what the sender writes to TX later is not read. */
static void fragments_copied_as_they_arrive(void **state)
{
	struct ffa_mem_grant g = { WORLD_SP_ID(A), RW };
	struct ffa_mem_range r = { ns_page(0), 1 };
	uint8_t *tx = world_ptr(WORLD_NWD_TX);
	uint32_t len = ffa_mem_desc_build(tx, 4096, VM1, &g, 1, &r, 1, 0, 0, 0);
	struct ffa_value v;
	uint64_t h;

	(void)state;
	v = call(NWD, FFA_MEM_LEND_32, len, 48, 0, 0);
	assert_int_equal((uint32_t)v.x[0], FFA_MEM_FRAG_RX);
	assert_int_equal((uint32_t)v.x[3], 48);
	/* The header already sent is overwritten with the next fragment (and garbage after it). */
	memmove(tx, tx + 48, len - 48);
	memset(tx + len - 48, 0xff, 48);
	v = call(NWD, FFA_MEM_FRAG_TX, v.x[1], v.x[2], len - 48, 0);
	assert_int_equal((uint32_t)v.x[0], FFA_SUCCESS_32);
	h = (uint32_t)v.x[2] | v.x[3] << 32;
	assert_int_equal(retrieve(A, VM1, h, 0, 0, 0), 0);
	assert_int_equal(relinquish(A, h, 0), 0);
	assert_int_equal(reclaim(NWD, h, 0), 0);
}

/* The SPMC reads TX and writes RX: a partition cannot give those pages away while registered. */
static void buffer_pages_stay_with_their_partition(void **state)
{
	struct ffa_mem_buffers b;
	uint64_t h;

	(void)state;
	assert_int_equal(
	    send1(A, 0, FFA_MEM_LEND_32, sp_page(WORLD_SP_TX_PAGE), 1, WORLD_SP_ID(B), RW, 0, &h),
	    FFA_RET_DENIED);
	assert_int_equal(send1(A, 0, FFA_MEM_DONATE_32, sp_page(WORLD_SP_RX_PAGE - 1), 2,
			       WORLD_SP_ID(B), 0, 0, &h),
			 FFA_RET_DENIED);
	/* A share leaves them mapped: allowed. */
	assert_int_equal(
	    send1(A, 0, FFA_MEM_SHARE_32, sp_page(WORLD_SP_RX_PAGE), 1, WORLD_SP_ID(B), RO, 0, &h),
	    0);
	assert_int_equal(reclaim(A, h, 0), 0);
	/* B moves its buffers onto memory it borrowed: it must move them back to relinquish. */
	assert_int_equal(send1(A, 0, FFA_MEM_LEND_32, sp_page(7), 2, WORLD_SP_ID(B), RW, 0, &h), 0);
	assert_int_equal(retrieve(B, WORLD_SP_ID(A), h, 0, 0, 0), 0);
	assert_int_equal((uint32_t)call(B, FFA_RXTX_UNMAP, 0, 0, 0, 0).x[0], FFA_SUCCESS_32);
	assert_int_equal(
	    (uint32_t)call(B, FFA_RXTX_MAP_64, sp_pa_page(A, 7), sp_pa_page(A, 8), 1, 0).x[0],
	    FFA_SUCCESS_32);
	b = (struct ffa_mem_buffers){ world_ptr(sp_pa_page(A, 7)), world_ptr(sp_pa_page(A, 8)),
				      FFA_PAGE_SIZE };
	world_set_actor(B);
	assert_int_equal(ffa_mem_relinquish(&b, WORLD_SP_ID(B), h, 0), FFA_RET_DENIED);
	assert_int_equal((uint32_t)call(B, FFA_RXTX_UNMAP, 0, 0, 0, 0).x[0], FFA_SUCCESS_32);
	assert_int_equal((uint32_t)call(B, FFA_RXTX_MAP_64, sp_page(WORLD_SP_TX_PAGE),
					sp_page(WORLD_SP_RX_PAGE), 1, 0)
			     .x[0],
			 FFA_SUCCESS_32);
	assert_int_equal(relinquish(B, h, 0), 0);
	assert_int_equal(reclaim(A, h, 0), 0);
}

/* ---- FRAG_TX -------------------------------------------------------------------------------- */

static void frag_tx_error_paths(void **state)
{
	struct ffa_mem_grant g = { WORLD_SP_ID(A), RW };
	struct ffa_mem_range r = { ns_page(0), 1 };
	uint32_t len =
	    ffa_mem_desc_build(world_ptr(WORLD_NWD_TX), 4096, VM1, &g, 1, &r, 1, 0, 0, 0);
	struct ffa_value v;

	(void)state;
	assert_error(call(NWD, FFA_MEM_FRAG_TX, 0, 0, 16, 0), FFA_RET_INVALID_PARAMETERS);
	v = call(NWD, FFA_MEM_LEND_32, len, 32, 0, 0);
	assert_int_equal((uint32_t)v.x[0], FFA_MEM_FRAG_RX);
	assert_error(call(NWD, FFA_MEM_FRAG_TX, v.x[1] + 1, v.x[2], 16, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(call(NWD, FFA_MEM_FRAG_TX, v.x[1], v.x[2], len, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(call(NWD, FFA_MEM_FRAG_TX, v.x[1], v.x[2], 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_error(call(NWD, FFA_MEM_FRAG_TX, v.x[1], v.x[2], 16, 1), FFA_RET_INVALID_PARAMETERS);
	/* Another endpoint's session is not this one's. */
	assert_error(call(A, FFA_MEM_FRAG_TX, v.x[1], v.x[2], 16, 0), FFA_RET_INVALID_PARAMETERS);
	/* A new send abandons the unfinished one. */
	ffa_mem_desc_build(world_ptr(WORLD_NWD_TX), 4096, VM1, &g, 1, &r, 1, 0, 0, 0);
	assert_int_equal((uint32_t)call(NWD, FFA_MEM_LEND_32, len, 32, 0, 0).x[0], FFA_MEM_FRAG_RX);
	assert_error(call(NWD, FFA_MEM_FRAG_TX, v.x[1], v.x[2], len - 32, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(spmc_mem_live(), 0);
}

/* ---- RETRIEVE_REQ --------------------------------------------------------------------------- */

static void retrieve_by_non_borrower_denied(void **state)
{
	uint64_t h;

	(void)state;
	assert_int_equal(
	    send1(NWD, VM1, FFA_MEM_SHARE_32, ns_page(0), 1, WORLD_SP_ID(A), RW, 0, &h), 0);
	assert_int_equal(retrieve(B, VM1, h, 0, 0, 0), FFA_RET_DENIED);
	assert_int_equal(retrieve(C, VM1, h, 0, 0, 0), FFA_RET_DENIED);
}

static void retrieve_error_paths(void **state)
{
	struct req q;
	uint64_t h;

	(void)state;
	assert_int_equal(send1(NWD, VM1, FFA_MEM_LEND_32, ns_page(0), 1, WORLD_SP_ID(A), RO, 0, &h),
			 0);
	q = good_req(A, VM1, h + (1u << 8)); /* same slot, another generation */
	assert_error(retrieve_raw(A, &q, sizeof(q)), FFA_RET_INVALID_PARAMETERS);
	q = good_req(A, VM2, h); /* wrong lender: ACS donate_retrieve_input_checks4 wants DENIED */
	assert_error(retrieve_raw(A, &q, sizeof(q)), FFA_RET_DENIED);
	q = good_req(A, VM1, h);
	q.hdr.tag = 1;
	assert_error(retrieve_raw(A, &q, sizeof(q)), FFA_RET_INVALID_PARAMETERS);
	q = good_req(A, VM1, h);
	q.hdr.flags = FFA_MEM_FLAG_TYPE_SHARE; /* it was a LEND */
	assert_error(retrieve_raw(A, &q, sizeof(q)), FFA_RET_INVALID_PARAMETERS);
	q = good_req(A, VM1, h);
	q.hdr.ep_count = 2;
	assert_error(retrieve_raw(A, &q, sizeof(q)), FFA_RET_INVALID_PARAMETERS);
	q = good_req(A, VM1, h);
	q.hdr.reserved[0] = 1;
	assert_error(retrieve_raw(A, &q, sizeof(q)), FFA_RET_INVALID_PARAMETERS);
	q = good_req(A, VM1, h);
	q.a.composite_offset = 64;
	assert_error(retrieve_raw(A, &q, sizeof(q)), FFA_RET_INVALID_PARAMETERS);
	q = good_req(A, VM1, h);
	assert_error(retrieve_raw(A, &q, sizeof(q) - 1), FFA_RET_INVALID_PARAMETERS);
	assert_error(call(A, FFA_MEM_RETRIEVE_REQ_32, sizeof(q), sizeof(q) - 16, 0, 0),
		     FFA_RET_INVALID_PARAMETERS);
	q = good_req(A, VM1, h);
	q.a.receiver_id = WORLD_SP_ID(B); /* for someone else */
	assert_error(retrieve_raw(A, &q, sizeof(q)), FFA_RET_DENIED);
	q = good_req(A, VM1, h);
	q.a.permissions = RW; /* more than granted */
	assert_error(retrieve_raw(A, &q, sizeof(q)), FFA_RET_DENIED);
	q = good_req(A, VM1, h);
	q.a.permissions = 0xf0;
	assert_error(retrieve_raw(A, &q, sizeof(q)), FFA_RET_INVALID_PARAMETERS);
	/* RX full: BUSY until the partition releases it. */
	q = good_req(A, VM1, h);
	assert_int_equal((uint32_t)retrieve_raw(A, &q, sizeof(q)).x[0], FFA_MEM_RETRIEVE_RESP);
	assert_error(retrieve_raw(A, &q, sizeof(q)), FFA_RET_BUSY);
	call(A, FFA_RX_RELEASE, 0, 0, 0, 0);
	/* A second retrieval must ask for the same permissions as the first got. */
	q.a.permissions = RO | FFA_MEM_INSTR_X;
	assert_error(retrieve_raw(A, &q, sizeof(q)), FFA_RET_DENIED);
	assert_int_equal(relinquish(A, h, 0), 0);
	assert_int_equal(reclaim(NWD, h, 0), 0);
	q = good_req(A, VM1, h);
	assert_error(retrieve_raw(A, &q, sizeof(q)), FFA_RET_INVALID_PARAMETERS); /* dead */
}

static void retrieve_zero_flag_on_share_invalid(void **state)
{
	uint64_t h;

	(void)state;
	assert_int_equal(
	    send1(NWD, VM1, FFA_MEM_SHARE_32, ns_page(0), 1, WORLD_SP_ID(A), RW, 0, &h), 0);
	assert_int_equal(retrieve(A, VM1, h, 0, FFA_MEM_FLAG_ZERO, 0), FFA_RET_INVALID_PARAMETERS);
}

static void normal_world_borrows_nothing(void **state)
{
	(void)state;
	assert_error(call(NWD, FFA_MEM_RETRIEVE_REQ_32, 64, 64, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(call(NWD, FFA_MEM_RELINQUISH, 0, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(call(NWD, FFA_MEM_FRAG_RX, 0, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(call(NWD, FFA_FEATURES, FFA_MEM_DONATE_32, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(call(NWD, FFA_FEATURES, FFA_MEM_RETRIEVE_REQ_32, 0, 0, 0),
		     FFA_RET_NOT_SUPPORTED);
	assert_int_equal((uint32_t)call(NWD, FFA_FEATURES, FFA_MEM_LEND_32, 0, 0, 0).x[0],
			 FFA_SUCCESS_32);
	/*
	 * ACS ffa_features_nsbit: a v1.1 partition must say it handles the NS bit (input w2 bit
	 * 1), and then learns that the SPMC uses it (output w2 bit 1).
	 */
	assert_error(call(A, FFA_FEATURES, FFA_MEM_RETRIEVE_REQ_64, 0, 0, 0),
		     FFA_RET_NOT_SUPPORTED);
	assert_int_equal(call(A, FFA_FEATURES, FFA_MEM_RETRIEVE_REQ_64, 2, 0, 0).x[0],
			 FFA_SUCCESS_32);
	assert_int_equal(call(A, FFA_FEATURES, FFA_MEM_RETRIEVE_REQ_32, 2, 0, 0).x[2], 2);
	/* ACS ffa_features: RETRIEVE_REQ and RETRIEVE_RESP both, or neither. */
	assert_int_equal((uint32_t)call(A, FFA_FEATURES, FFA_MEM_RETRIEVE_RESP, 0, 0, 0).x[0],
			 FFA_SUCCESS_32);
	assert_error(call(NWD, FFA_FEATURES, FFA_MEM_RETRIEVE_RESP, 0, 0, 0),
		     FFA_RET_NOT_SUPPORTED);
}

/* ---- RELINQUISH ----------------------------------------------------------------------------- */

static void double_relinquish_invalid(void **state)
{
	uint64_t h;

	(void)state;
	assert_int_equal(
	    send1(NWD, VM1, FFA_MEM_SHARE_32, ns_page(0), 1, WORLD_SP_ID(A), RW, 0, &h), 0);
	assert_int_equal(relinquish(A, h, 0), FFA_RET_INVALID_PARAMETERS); /* never retrieved */
	assert_int_equal(retrieve(A, VM1, h, 0, 0, 0), 0);
	assert_int_equal(relinquish(A, h, 0), 0);
	assert_int_equal(relinquish(A, h, 0), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(reclaim(NWD, h, 0), 0);
}

static void relinquish_error_paths(void **state)
{
	struct ffa_mem_relinquish rel;
	ffa_id_t who = WORLD_SP_ID(A);
	uint64_t h, shared;

	(void)state;
	assert_int_equal(send1(NWD, VM1, FFA_MEM_LEND_32, ns_page(0), 1, WORLD_SP_ID(A), RO, 0, &h),
			 0);
	assert_int_equal(
	    send1(NWD, VM1, FFA_MEM_SHARE_32, ns_page(1), 1, WORLD_SP_ID(A), RW, 0, &shared), 0);
	assert_int_equal(retrieve(A, VM1, h, 0, 0, 0), 0);
	assert_int_equal(retrieve(A, VM1, shared, 0, 0, 0), 0);
	assert_int_equal(relinquish(B, h, 0), FFA_RET_DENIED); /* not a borrower */
	assert_int_equal(relinquish(A, h + 1, 0), FFA_RET_INVALID_PARAMETERS);
	/* Zeroing needs write access (DENIED), and never applies to a share. */
	assert_int_equal(relinquish(A, h, FFA_MEM_RELINQUISH_ZERO), FFA_RET_DENIED);
	assert_int_equal(relinquish(A, shared, FFA_MEM_RELINQUISH_ZERO),
			 FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(relinquish(A, h, 0x4), FFA_RET_INVALID_PARAMETERS);
	/* Hand-made descriptors: for someone else, two endpoints, stray registers. */
	rel = (struct ffa_mem_relinquish){ .handle = h, .endpoint_count = 1 };
	memcpy(world_sp_tx(A), &rel, sizeof(rel));
	who = WORLD_SP_ID(B);
	memcpy(world_sp_tx(A) + sizeof(rel), &who, sizeof(who));
	assert_error(call(A, FFA_MEM_RELINQUISH, 0, 0, 0, 0), FFA_RET_DENIED);
	rel.endpoint_count = 2;
	memcpy(world_sp_tx(A), &rel, sizeof(rel));
	assert_error(call(A, FFA_MEM_RELINQUISH, 0, 0, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_error(call(A, FFA_MEM_RELINQUISH, 1, 0, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(relinquish(A, h, 0), 0);
	assert_int_equal(relinquish(A, shared, 0), 0);
}

/* ---- RECLAIM -------------------------------------------------------------------------------- */

static void reclaim_while_retrieved_denied(void **state)
{
	uint64_t h;

	(void)state;
	assert_int_equal(send1(A, 0, FFA_MEM_LEND_32, sp_page(0), 1, WORLD_SP_ID(B), RW, 0, &h), 0);
	assert_int_equal(retrieve(B, WORLD_SP_ID(A), h, 0, 0, 0), 0);
	assert_int_equal(reclaim(A, h, 0), FFA_RET_DENIED);
	assert_false(s2_maps(A, false, sp_page(0), 0));
	assert_int_equal(relinquish(B, h, 0), 0);
	assert_int_equal(reclaim(A, h, 0), 0);
}

static void reclaim_error_paths(void **state)
{
	uint64_t h, vm_h;

	(void)state;
	assert_int_equal(send1(A, 0, FFA_MEM_SHARE_32, sp_page(0), 1, WORLD_SP_ID(B), RW, 0, &h),
			 0);
	assert_int_equal(
	    send1(NWD, VM1, FFA_MEM_SHARE_32, ns_page(0), 1, WORLD_SP_ID(A), RW, 0, &vm_h), 0);
	assert_int_equal(reclaim(B, h, 0), FFA_RET_INVALID_PARAMETERS);	  /* not the lender */
	assert_int_equal(reclaim(NWD, h, 0), FFA_RET_INVALID_PARAMETERS); /* a partition's */
	assert_int_equal(reclaim(A, vm_h, 0), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(reclaim(A, h, 0x4), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(reclaim(A, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(reclaim(A, FFA_MEM_HANDLE_INVALID, 0), FFA_RET_INVALID_PARAMETERS);
	assert_error(call(A, FFA_MEM_RECLAIM, (uint32_t)h, h >> 32, 0, 1),
		     FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(reclaim(A, h, 0), 0);
	assert_int_equal(reclaim(A, h, 0), FFA_RET_INVALID_PARAMETERS); /* reused */
	assert_int_equal(reclaim(NWD, vm_h, 0), 0);
}

/* ---- FF-A v1.1 conformance (issue 16; docs/abi/ffa-memory.md "Conformance") ---------------- */

/*
 * FF-A v1.1 §10.2: a first fragment that holds the whole descriptor fixes its length; a larger
 * total length is INVALID_PARAMETERS, not a fragmented send (ACS share_input_error_checks1,
 * lend_input_error_checks1, donate_input_error_checks2: total length + 0x10).
 */
static void complete_descriptor_with_larger_total_invalid(void **state)
{
	static const uint32_t fids[] = { FFA_MEM_SHARE_32, FFA_MEM_LEND_64, FFA_MEM_DONATE_32 };
	struct ffa_mem_grant g = { WORLD_SP_ID(B), RW };
	struct ffa_mem_range r = { sp_page(0), 1 };

	(void)state;
	for (unsigned i = 0; i < sizeof(fids) / sizeof(fids[0]); i++) {
		uint16_t attr = fids[i] == FFA_MEM_SHARE_32 ? WB : 0;
		struct ffa_mem_grant gi = { g.id, fids[i] == FFA_MEM_DONATE_32 ? 0 : RW };
		uint32_t len = ffa_mem_desc_build(world_sp_tx(A), 4096, WORLD_SP_ID(A), &gi, 1, &r,
						  1, attr, 0, 0);

		assert_error(call(A, fids[i], len + 0x10, len, 0, 0), FFA_RET_INVALID_PARAMETERS);
	}
	assert_int_equal(spmc_mem_live(), 0);
	/* A true first fragment (the constituents still to come) starts a session. */
	{
		uint32_t len =
		    ffa_mem_desc_build(world_ptr(WORLD_NWD_TX), 4096, VM1,
				       &(struct ffa_mem_grant){ WORLD_SP_ID(A), RW }, 1,
				       &(struct ffa_mem_range){ ns_page(0), 1 }, 1, 0, 0, 0);

		struct ffa_value v = call(NWD, FFA_MEM_LEND_32, len, 64, 0, 0);

		assert_int_equal((uint32_t)v.x[0], FFA_MEM_FRAG_RX);
		/* A refused complete descriptor in the middle of it overwrote the session's first
		 * fragment: the session is over, its next fragment is not spliced onto that one. */
		assert_error(call(NWD, FFA_MEM_LEND_32, len + 0x10, len, 0, 0),
			     FFA_RET_INVALID_PARAMETERS);
		memmove(world_ptr(WORLD_NWD_TX), world_ptr(WORLD_NWD_TX) + 64, len - 64);
		assert_error(call(NWD, FFA_MEM_FRAG_TX, v.x[1], v.x[2], len - 64, 0),
			     FFA_RET_INVALID_PARAMETERS);
		assert_int_equal(spmc_mem_live(), 0);
	}
}

/*
 * FF-A v1.1 §10.10.4, §10.11.1: a borrower may state the memory attributes of a transaction
 * whose lender left them unspecified (a LEND to one borrower, a DONATE); what the SPMC maps
 * (normal, write-back, inner shareable) is granted, device memory DENIED (ACS
 * donate_retrieve_input_checks3), other valid attributes DENIED, reserved encodings invalid.
 */
static void retrieve_states_attributes_the_lender_left_open(void **state)
{
	struct req q;
	uint64_t h;

	(void)state;
	assert_int_equal(send1(NWD, VM1, FFA_MEM_LEND_32, ns_page(0), 1, WORLD_SP_ID(A), RW, 0, &h),
			 0);
	q = good_req(A, VM1, h);
	q.hdr.attributes = FFA_MEM_ATTR_DEVICE;
	assert_error(retrieve_raw(A, &q, sizeof(q)), FFA_RET_DENIED);
	q.hdr.attributes =
	    FFA_MEM_ATTR_NORMAL | FFA_MEM_ATTR_NON_CACHEABLE | FFA_MEM_ATTR_INNER_SHAREABLE;
	assert_error(retrieve_raw(A, &q, sizeof(q)), FFA_RET_DENIED);
	q.hdr.attributes = FFA_MEM_ATTR_NORMAL | FFA_MEM_ATTR_INNER_SHAREABLE; /* cache b'00 */
	assert_error(retrieve_raw(A, &q, sizeof(q)), FFA_RET_INVALID_PARAMETERS);
	q.hdr.attributes = WB | 0x100; /* MBZ */
	assert_error(retrieve_raw(A, &q, sizeof(q)), FFA_RET_INVALID_PARAMETERS);
	q.hdr.attributes = WB;
	assert_int_equal((uint32_t)retrieve_raw(A, &q, sizeof(q)).x[0], FFA_MEM_RETRIEVE_RESP);
	call(A, FFA_RX_RELEASE, 0, 0, 0, 0);
	assert_int_equal(relinquish(A, h, 0), 0);
	assert_int_equal(reclaim(NWD, h, 0), 0);
}

/* §10.11.3: nobody executes memory lent to several borrowers or shared: DENIED, NX granted. */
static void retrieve_execute_of_multi_party_denied(void **state)
{
	struct ffa_mem_retrieved out;
	uint64_t h;

	(void)state;
	assert_int_equal(
	    send1(NWD, VM1, FFA_MEM_SHARE_32, ns_page(0), 1, WORLD_SP_ID(A), RW, 0, &h), 0);
	assert_int_equal(retrieve(A, VM1, h, RW | FFA_MEM_INSTR_X, 0, 0), FFA_RET_DENIED);
	assert_int_equal(retrieve(A, VM1, h, RW | FFA_MEM_INSTR_NX, 0, &out), 0);
	assert_int_equal(relinquish(A, h, 0), 0);
	assert_int_equal(reclaim(NWD, h, 0), 0);
}

/*
 * Retrieve flag bit 0 (zero before retrieval, table 10.21): for a read-only retrieval DENIED
 * (zeroing needs write access); after a first retrieval INVALID_PARAMETERS (ACS
 * lend_retrieve_input_checks: "MBZ if the Receiver has previously retrieved").
 */
static void retrieve_zero_flag_rules(void **state)
{
	uint64_t h;

	(void)state;
	assert_int_equal(send1(NWD, VM1, FFA_MEM_LEND_32, ns_page(0), 1, WORLD_SP_ID(A), RW,
			       FFA_MEM_FLAG_ZERO, &h),
			 0);
	assert_int_equal(retrieve(A, VM1, h, RO, FFA_MEM_FLAG_ZERO, 0), FFA_RET_DENIED);
	assert_int_equal(retrieve(A, VM1, h, RW, FFA_MEM_FLAG_ZERO, 0), 0);
	assert_true(all_bytes(ns_page(0), 1, 0));
	assert_int_equal(retrieve(A, VM1, h, RW, FFA_MEM_FLAG_ZERO, 0), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(relinquish(A, h, 0), 0);
	assert_int_equal(reclaim(NWD, h, 0), 0);
}

/*
 * Retrieve flag bit 2 (zero after relinquish) is valid for a LEND/DONATE (ACS lend and donate
 * state machines): the memory is zeroed at the borrower's last relinquish. Not for a SHARE
 * (INVALID_PARAMETERS), not read-only (DENIED).
 */
static void retrieve_zero_after_relinquish(void **state)
{
	uint64_t h, share;

	(void)state;
	assert_int_equal(send1(NWD, VM1, FFA_MEM_LEND_32, ns_page(0), 1, WORLD_SP_ID(A), RW, 0, &h),
			 0);
	assert_int_equal(
	    send1(NWD, VM1, FFA_MEM_SHARE_32, ns_page(1), 1, WORLD_SP_ID(A), RW, 0, &share), 0);
	assert_int_equal(retrieve(A, VM1, share, RW, FFA_MEM_FLAG_ZERO_AFTER_RELINQUISH, 0),
			 FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(retrieve(A, VM1, h, RO, FFA_MEM_FLAG_ZERO_AFTER_RELINQUISH, 0),
			 FFA_RET_DENIED);
	assert_int_equal(retrieve(A, VM1, h, RW, FFA_MEM_FLAG_ZERO_AFTER_RELINQUISH, 0), 0);
	assert_true(all_bytes(ns_page(0), 1, WORLD_FILL));
	assert_int_equal(relinquish(A, h, 0), 0);
	assert_true(all_bytes(ns_page(0), 1, 0));
	assert_int_equal(reclaim(NWD, h, 0), 0);
	/* The next transaction in that slot does not inherit it. */
	memset(world_ptr(ns_page(0)), WORLD_FILL, FFA_PAGE_SIZE);
	assert_int_equal(send1(NWD, VM1, FFA_MEM_LEND_32, ns_page(0), 1, WORLD_SP_ID(A), RW, 0, &h),
			 0);
	assert_int_equal(retrieve(A, VM1, h, RW, 0, 0), 0);
	assert_int_equal(relinquish(A, h, 0), 0);
	assert_true(all_bytes(ns_page(0), 1, WORLD_FILL));
	assert_int_equal(reclaim(NWD, h, 0), 0);
	assert_int_equal(reclaim(NWD, share, 0), 0);
	/* A borrower aborted while it holds the pages: zeroed all the same before the lender
	 * gets them back (its secrets never reach the lender). */
	assert_int_equal(send1(NWD, VM1, FFA_MEM_LEND_32, ns_page(0), 1, WORLD_SP_ID(A), RW, 0, &h),
			 0);
	assert_int_equal(retrieve(A, VM1, h, RW, FFA_MEM_FLAG_ZERO_AFTER_RELINQUISH, 0), 0);
	world_sp_fault(A);
	assert_true(world_sp_aborted(A));
	assert_true(all_bytes(ns_page(0), 1, 0));
	assert_int_equal(reclaim(NWD, h, 0), 0);
	assert_true(world_check());
}

/*
 * A retrieve request may list every borrower of a multi-borrower LEND, as the lender did (ACS
 * lend_retrieve_input_checks9); each must be a borrower (DENIED otherwise), once.
 */
static void retrieve_listing_every_borrower(void **state)
{
	struct {
		struct ffa_mem_region hdr;
		struct ffa_mem_access a[2];
	} q = { 0 };
	struct ffa_mem_grant g[2] = { { WORLD_SP_ID(A), RW }, { WORLD_SP_ID(B), RW } };
	struct ffa_mem_range r = { ns_page(0), 1 };
	uint64_t h;

	(void)state;
	assert_int_equal(send_ranges(NWD, VM1, FFA_MEM_LEND_32, g, 2, &r, 1, WB, 0, 0, &h), 0);
	q.hdr.sender_id = VM1;
	q.hdr.handle = h;
	q.hdr.attributes = WB;
	q.hdr.ep_mem_access_size = sizeof(q.a[0]);
	q.hdr.ep_count = 2;
	q.hdr.ep_mem_access_offset = sizeof(q.hdr);
	q.a[0] = (struct ffa_mem_access){ .receiver_id = WORLD_SP_ID(A), .permissions = RW };
	q.a[1] = (struct ffa_mem_access){ .receiver_id = WORLD_SP_ID(C), .permissions = RW };
	memcpy(world_sp_tx(A), &q, sizeof(q));
	assert_error(call(A, FFA_MEM_RETRIEVE_REQ_32, sizeof(q), sizeof(q), 0, 0), FFA_RET_DENIED);
	q.a[1].receiver_id = WORLD_SP_ID(A);
	memcpy(world_sp_tx(A), &q, sizeof(q));
	assert_error(call(A, FFA_MEM_RETRIEVE_REQ_32, sizeof(q), sizeof(q), 0, 0),
		     FFA_RET_INVALID_PARAMETERS);
	q.a[1].receiver_id = WORLD_SP_ID(B);
	memcpy(world_sp_tx(A), &q, sizeof(q));
	assert_int_equal(
	    (uint32_t)call(A, FFA_MEM_RETRIEVE_REQ_32, sizeof(q), sizeof(q), 0, 0).x[0],
	    FFA_MEM_RETRIEVE_RESP);
	call(A, FFA_RX_RELEASE, 0, 0, 0, 0);
	assert_int_equal(relinquish(A, h, 0), 0);
	assert_int_equal(reclaim(NWD, h, 0), 0);
}

/*
 * A partition that negotiated v1.0 retrieves in the v1.0 layout (v1.0 Table 5.19): a 32-byte
 * header (byte 3 and the word at offset 24 reserved), the access descriptors right after it;
 * the response comes back in the same layout, without the v1.1 NS bit.
 */
static void retrieve_in_v1_0_layout(void **state)
{
	uint8_t q[FFA_MEM_REGION_V1_0_SIZE + sizeof(struct ffa_mem_access)] = { 0 };
	struct ffa_mem_region hdr = { .sender_id = VM1, .ep_count = 1 };
	struct ffa_mem_access a = { .receiver_id = WORLD_SP_ID(A), .permissions = RW };
	struct ffa_composite_mem_region comp;
	struct ffa_mem_constituent k;
	const uint8_t *rx = world_sp_rx(A);
	struct ffa_value r;
	uint32_t word;
	uint64_t h;

	(void)state;
	assert_int_equal(send1(NWD, VM1, FFA_MEM_LEND_32, ns_page(0), 2, WORLD_SP_ID(A), RW, 0, &h),
			 0);
	world_strict = false; /* the model's checker knows no FFA_VERSION answer */
	assert_int_equal(call(A, FFA_VERSION, FFA_VERSION_1_0, 0, 0, 0).x[0], FFA_VERSION_1_1);
	world_strict = true;
	/* v1.0 reserves FFA_FEATURES(RETRIEVE_REQ) w2[31:1]: no NS-bit flag for this caller. */
	r = call(A, FFA_FEATURES, FFA_MEM_RETRIEVE_REQ_32, 0, 0, 0);
	assert_int_equal((uint32_t)r.x[0], FFA_SUCCESS_32);
	assert_int_equal(r.x[2], 0);
	hdr.handle = h;
	memcpy(q + FFA_MEM_REGION_V1_0_SIZE, &a, sizeof(a));
	/* The v1.1 layout from a v1.0 caller: its ep_mem_access_size is the v1.0 reserved word. */
	{
		struct req v11 = good_req(A, VM1, h);

		assert_error(retrieve_raw(A, &v11, sizeof(v11)), FFA_RET_INVALID_PARAMETERS);
	}
	hdr.attributes = 0x100; /* v1.0 byte 3, reserved */
	memcpy(q, &hdr, FFA_MEM_REGION_V1_0_SIZE);
	memcpy(world_sp_tx(A), q, sizeof(q));
	assert_error(call(A, FFA_MEM_RETRIEVE_REQ_32, sizeof(q), sizeof(q), 0, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(call(A, FFA_MEM_RETRIEVE_REQ_32, 31, 31, 0, 0), FFA_RET_INVALID_PARAMETERS);
	hdr.attributes = 0;
	memcpy(q, &hdr, FFA_MEM_REGION_V1_0_SIZE);
	memcpy(world_sp_tx(A), q, sizeof(q));
	r = call(A, FFA_MEM_RETRIEVE_REQ_32, sizeof(q), sizeof(q), 0, 0);
	assert_int_equal((uint32_t)r.x[0], FFA_MEM_RETRIEVE_RESP);
	assert_int_equal(r.x[1], 32 + 16 + 16 + 16);
	assert_int_equal(r.x[2], r.x[1]);
	memcpy(&hdr, rx, FFA_MEM_REGION_V1_0_SIZE);
	assert_int_equal(hdr.sender_id, VM1);
	assert_int_equal(hdr.attributes, WB); /* no NS bit: v1.0 has none */
	assert_int_equal(hdr.handle, h);
	assert_int_equal(hdr.flags, FFA_MEM_FLAG_TYPE_LEND);
	assert_int_equal(hdr.ep_mem_access_size, 0); /* v1.0: reserved */
	assert_int_equal(hdr.ep_count, 1);
	memcpy(&a, rx + FFA_MEM_REGION_V1_0_SIZE, sizeof(a));
	assert_int_equal(a.receiver_id, WORLD_SP_ID(A));
	assert_int_equal(a.permissions & FFA_MEM_DATA_MASK, RW);
	assert_int_equal(a.composite_offset, 48);
	memcpy(&comp, rx + 48, sizeof(comp));
	assert_int_equal(comp.page_count, 2);
	assert_int_equal(comp.constituent_count, 1);
	memcpy(&k, rx + 64, sizeof(k));
	assert_int_equal(k.address, ns_page(0));
	assert_int_equal(k.page_count, 2);
	memcpy(&word, rx + 24, sizeof(word));
	assert_int_equal(word, 0);
	assert_true(s2_maps(A, true, ns_page(1), 0));
	call(A, FFA_RX_RELEASE, 0, 0, 0, 0);
	assert_int_equal(relinquish(A, h, 0), 0);
	assert_int_equal(reclaim(NWD, h, 0), 0);
}

/* §16.8 (ACS reclaim_input_error_checks): a SHARE reclaimed with the zero flag is zeroed. */
static void reclaim_share_with_zero_flag(void **state)
{
	uint64_t h;

	(void)state;
	assert_int_equal(send1(A, 0, FFA_MEM_SHARE_32, sp_page(0), 1, WORLD_SP_ID(B), RW, 0, &h),
			 0);
	assert_int_equal(retrieve(B, WORLD_SP_ID(A), h, RW, 0, 0), 0);
	assert_int_equal(relinquish(B, h, 0), 0);
	assert_int_equal(reclaim(A, h, FFA_MEM_RECLAIM_ZERO), 0);
	assert_true(all_bytes(world_sp_pa(A) + 0 * FFA_PAGE_SIZE, 1, 0));
}

/* ---- the normal world's buffers at the SPMC ------------------------------------------------ */

/*
 * FF-A v1.1 §13.8 (PARTITION_INFO_GET and RX_RELEASE are mandatory at every instance: ACS
 * ffa_features): the hypervisor discovers every partition into its own RX, which stays its
 * until its RX_RELEASE (w1 = 0).
 */
static void nwd_discovery(void **state)
{
	const struct ffa_partition_info *d = (const void *)world_ptr(WORLD_NWD_RX);
	struct ffa_value r;

	(void)state;
	assert_int_equal((uint32_t)call(NWD, FFA_FEATURES, FFA_PARTITION_INFO_GET, 0, 0, 0).x[0],
			 FFA_SUCCESS_32);
	assert_int_equal((uint32_t)call(NWD, FFA_FEATURES, FFA_RX_RELEASE, 0, 0, 0).x[0],
			 FFA_SUCCESS_32);
	assert_error(call(NWD, FFA_RX_RELEASE, 0, 0, 0, 0), FFA_RET_DENIED); /* nothing in it */
	r = call(NWD, FFA_PARTITION_INFO_GET, 0, 0, 0, 0);
	assert_int_equal((uint32_t)r.x[0], FFA_SUCCESS_32);
	assert_int_equal(r.x[2], WORLD_SPS);
	assert_int_equal(r.x[3], sizeof(*d));
	for (unsigned i = 0; i < WORLD_SPS; i++)
		assert_int_equal(d[i].id, WORLD_SP_ID(i));
	assert_error(call(NWD, FFA_PARTITION_INFO_GET, 0, 0, 0, 0), FFA_RET_BUSY); /* RX full */
	assert_error(call(NWD, FFA_RX_RELEASE, 1, 0, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal((uint32_t)call(NWD, FFA_RX_RELEASE, 0, 0, 0, 0).x[0], FFA_SUCCESS_32);
	assert_error(call(NWD, FFA_PARTITION_INFO_GET, 1, 2, 3, 4), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal((uint32_t)call(NWD, FFA_RXTX_UNMAP, 0, 0, 0, 0).x[0], FFA_SUCCESS_32);
	assert_error(call(NWD, FFA_PARTITION_INFO_GET, 0, 0, 0, 0), FFA_RET_BUSY); /* no RX */
}

static void nwd_rxtx_map_error_paths(void **state)
{
	(void)state;
	assert_error(call(NWD, FFA_RXTX_MAP_64, WORLD_NWD_TX, WORLD_NWD_RX, 1, 0), FFA_RET_DENIED);
	assert_error(call(NWD, FFA_RXTX_UNMAP, 1u << 16, 0, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal((uint32_t)call(NWD, FFA_RXTX_UNMAP, 0, 0, 0, 0).x[0], FFA_SUCCESS_32);
	assert_error(call(NWD, FFA_RXTX_UNMAP, 0, 0, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_error(call(NWD, FFA_MEM_SHARE_32, 64, 64, 0, 0), FFA_RET_DENIED);
	assert_error(call(NWD, FFA_RXTX_MAP_64, WORLD_NWD_TX + 8, WORLD_NWD_RX, 1, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(call(NWD, FFA_RXTX_MAP_64, world_sp_pa(A), WORLD_NWD_RX, 1, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(call(NWD, FFA_RXTX_MAP_64, WORLD_NWD_TX, WORLD_NWD_TX, 1, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(call(NWD, FFA_RXTX_MAP_64, WORLD_NWD_TX, WORLD_NWD_RX, 2, 0),
		     FFA_RET_INVALID_PARAMETERS); /* overlap */
	assert_error(call(NWD, FFA_RXTX_MAP_64, WORLD_NWD_TX, WORLD_NWD_RX + 4096, 0, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(call(NWD, FFA_RXTX_MAP_64, WORLD_NWD_TX, WORLD_NWD_RX + 8192, 5, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(call(NWD, FFA_RXTX_MAP_64, PLAT_NS_RAM_BASE + PLAT_NS_RAM_SIZE - 4096,
			  WORLD_NWD_RX, 2, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(
	    (uint32_t)call(NWD, FFA_RXTX_MAP_32, WORLD_NWD_TX, WORLD_NWD_RX, 1, 0).x[0],
	    FFA_SUCCESS_32);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(vm_share_retrieve_relinquish_reclaim, setup),
		cmocka_unit_test_setup(sp_lend_unmaps_lender_reclaim_maps_back, setup),
		cmocka_unit_test_setup(lend_zero_flag_zeroes_before_retrieve, setup),
		cmocka_unit_test_setup(relinquish_and_reclaim_zero_flags_zero, setup),
		cmocka_unit_test_setup(donate_moves_pages_for_good, setup),
		cmocka_unit_test_setup(multi_borrower_share, setup),
		cmocka_unit_test_setup(fragmented_send_from_vm, setup),
		cmocka_unit_test_setup(frag_rx_without_pending_fragments_invalid, setup),
		cmocka_unit_test_setup(aborted_partition_gives_up_retrievals, setup),
		cmocka_unit_test_setup(limits_fill_and_release, setup),
		cmocka_unit_test_setup(held_after_vm_gone_costs_only_that_vm, setup),
		cmocka_unit_test_setup(aborted_lender_pending_reclaimed, setup),
		cmocka_unit_test_setup(donation_to_aborted_partition_returns, setup),
		cmocka_unit_test_setup(donation_with_aborted_donor_unowned, setup),
		cmocka_unit_test_setup(donation_lent_on_returns_after_relinquish, setup),
		cmocka_unit_test_setup(donation_records_limited, setup),
		cmocka_unit_test_setup(descriptor_and_retrieval_limits, setup),
		cmocka_unit_test_setup(send_without_buffers_denied, setup_no_buffers),
		cmocka_unit_test_setup(send_lying_lengths_invalid, setup),
		cmocka_unit_test_setup(send_lying_offsets_invalid, setup),
		cmocka_unit_test_setup(vm_shares_secure_or_foreign_memory_denied, setup),
		cmocka_unit_test_setup(vm_donate_denied, setup),
		cmocka_unit_test_setup(nwd_sender_must_be_a_vm, setup),
		cmocka_unit_test_setup(borrower_not_bound_or_unknown, setup),
		cmocka_unit_test_setup(partition_lends_what_it_does_not_own_denied, setup),
		cmocka_unit_test_setup(overlapping_or_duplicate_constituents_invalid, setup),
		cmocka_unit_test_setup(pages_already_in_a_transaction_denied, setup),
		cmocka_unit_test_setup(fragments_copied_as_they_arrive, setup),
		cmocka_unit_test_setup(buffer_pages_stay_with_their_partition, setup),
		cmocka_unit_test_setup(frag_tx_error_paths, setup),
		cmocka_unit_test_setup(retrieve_by_non_borrower_denied, setup),
		cmocka_unit_test_setup(retrieve_error_paths, setup),
		cmocka_unit_test_setup(retrieve_zero_flag_on_share_invalid, setup),
		cmocka_unit_test_setup(normal_world_borrows_nothing, setup),
		cmocka_unit_test_setup(double_relinquish_invalid, setup),
		cmocka_unit_test_setup(relinquish_error_paths, setup),
		cmocka_unit_test_setup(reclaim_while_retrieved_denied, setup),
		cmocka_unit_test_setup(reclaim_error_paths, setup),
		cmocka_unit_test_setup(complete_descriptor_with_larger_total_invalid, setup),
		cmocka_unit_test_setup(retrieve_states_attributes_the_lender_left_open, setup),
		cmocka_unit_test_setup(retrieve_execute_of_multi_party_denied, setup),
		cmocka_unit_test_setup(retrieve_zero_flag_rules, setup),
		cmocka_unit_test_setup(retrieve_zero_after_relinquish, setup),
		cmocka_unit_test_setup(retrieve_listing_every_borrower, setup),
		cmocka_unit_test_setup(retrieve_in_v1_0_layout, setup),
		cmocka_unit_test_setup(reclaim_share_with_zero_flag, setup),
		cmocka_unit_test_setup(nwd_rxtx_map_error_paths, setup),
		cmocka_unit_test_setup(nwd_discovery, setup),
	};

	return cmocka_run_group_tests(tests, 0, 0);
}
