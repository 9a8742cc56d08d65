// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host unit tests of nshyp's FF-A memory management (hyp/role/nshyp/mem_nshyp.c
 * behind guest_calls.c), with the real SPMC behind it, in the host model of
 * test/fuzz/nshyp_world.c: two guests (VM 1 bound to A and B, VM 2 to C)
 * send with the endpoint library lib/ffa_mem_client.c or by hand, and
 * partitions retrieve what they were given. Every call is checked by the
 * model (world_strict): each guest maps exactly the pages it has not lent,
 * nshyp and the SPMC agree on the transactions, and a refused call changes
 * nothing on either side.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <lib/ffa_mem_client.h>

#include "../../hyp/role/nshyp/vm_mem.h"
#include "../fuzz/host_guests.h"
#include "../fuzz/nshyp_world.h"

#define G1 0
#define G2 1
#define A  0
#define B  1
#define C  2
#define RW FFA_MEM_DATA_RW
#define RO FFA_MEM_DATA_RO
#define WB FFA_MEM_ATTR_NORMAL_WB_INNER

static void invariant_broken(void)
{
	fail_msg("the model's invariants broke (see above)");
}

static int setup(void **state)
{
	(void)state;
	world_strict = false;
	nsw_reset();
	world_strict = true;
	world_on_failure = invariant_broken;
	return 0;
}

static struct ffa_mem_buffers guest_bufs(unsigned g)
{
	return (struct ffa_mem_buffers){ world_ptr(nsw_guest_pa(g, NSW_GUEST_TX_PAGE)),
					 world_ptr(nsw_guest_pa(g, NSW_GUEST_RX_PAGE)),
					 FFA_PAGE_SIZE };
}

static int32_t send_as(unsigned g, ffa_id_t self, uint32_t fid, uint64_t ipa, uint32_t pages,
		       ffa_id_t to, uint8_t perms, uint32_t frag_max, uint64_t *h)
{
	struct ffa_mem_buffers b = guest_bufs(g);
	struct ffa_mem_grant grant = { to, perms };
	struct ffa_mem_range r = { ipa, pages };

	world_set_actor(NSW_ACTOR(g));
	return ffa_mem_send(fid, &b, self, &grant, 1, &r, 1, fid == FFA_MEM_SHARE_32 ? WB : 0, 0, 0,
			    frag_max, h);
}

static int32_t send(unsigned g, uint32_t fid, unsigned page, uint32_t pages, ffa_id_t to,
		    uint8_t perms, uint64_t *h)
{
	return send_as(g, NSW_VM_ID(g), fid, nsw_guest_ipa(page), pages, to, perms, 0, h);
}

static int32_t retrieve(unsigned sp, unsigned g, uint64_t h, struct ffa_mem_retrieved *out)
{
	struct ffa_mem_buffers b = { world_sp_tx(sp), world_sp_rx(sp), FFA_PAGE_SIZE };
	struct ffa_mem_retrieved ignored;

	world_set_actor(sp);
	return ffa_mem_retrieve(&b, WORLD_SP_ID(sp), NSW_VM_ID(g), h, 0, 0, out ? out : &ignored);
}

static int32_t relinquish(unsigned sp, uint64_t h)
{
	struct ffa_mem_buffers b = { world_sp_tx(sp), world_sp_rx(sp), FFA_PAGE_SIZE };

	world_set_actor(sp);
	return ffa_mem_relinquish(&b, WORLD_SP_ID(sp), h, 0);
}

static int32_t reclaim(unsigned g, uint64_t h)
{
	world_set_actor(NSW_ACTOR(g));
	return ffa_mem_reclaim(h, 0);
}

static struct ffa_value guest(unsigned g, uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3,
			      uint64_t x4)
{
	return nsw_guest_call(g, (struct ffa_value){ { x0, x1, x2, x3, x4 } });
}

static void assert_error(struct ffa_value r, int32_t code)
{
	assert_int_equal((uint32_t)r.x[0], FFA_ERROR);
	assert_int_equal((int32_t)r.x[2], code);
}

static bool guest_maps(unsigned g, unsigned page)
{
	uint64_t pa;
	unsigned attr;

	return s2_lookup(&nsw_guests[g].vm.s2, nsw_guest_ipa(page), &pa, &attr);
}

/* ---- flows ---------------------------------------------------------------------------------- */

static void guest_lend_unmaps_and_reclaim_maps_back(void **state)
{
	struct ffa_mem_retrieved out;
	uint64_t h;

	(void)state;
	assert_int_equal(send(G1, FFA_MEM_LEND_32, 3, 2, WORLD_SP_ID(A), RW, &h), 0);
	assert_false(guest_maps(G1, 3));
	assert_false(guest_maps(G1, 4));
	assert_true(guest_maps(G1, 5));
	assert_int_equal(nshyp_mem_live(), 1);
	/* The partition sees the PAs nshyp translated, in its NS IPA space. */
	assert_int_equal(retrieve(A, G1, h, &out), 0);
	assert_true(out.ns);
	assert_int_equal(out.ranges[0].addr, nsw_guest_pa(G1, 3));
	assert_int_equal(out.ranges[0].pages, 2);
	assert_int_equal(relinquish(A, h), 0);
	assert_int_equal(reclaim(G1, h), 0);
	assert_true(guest_maps(G1, 3));
	assert_true(guest_maps(G1, 4));
	assert_int_equal(nshyp_mem_live(), 0);
	assert_int_equal(spmc_mem_live(), 0);
}

static void guest_share_partition_writes_guest_reads(void **state)
{
	struct ffa_mem_retrieved out;
	uint64_t h;

	(void)state;
	assert_int_equal(send(G2, FFA_MEM_SHARE_32, 0, 1, WORLD_SP_ID(C), RW, &h), 0);
	assert_true(guest_maps(G2, 0)); /* a share stays with the guest */
	assert_int_equal(retrieve(C, G2, h, &out), 0);
	memcpy(world_ptr(out.ranges[0].addr), "from C", 7); /* C writes at its IPA == PA */
	assert_string_equal((const char *)world_ptr(nsw_guest_pa(G2, 0)), "from C");
	assert_int_equal(relinquish(C, h), 0);
	assert_int_equal(reclaim(G2, h), 0);
}

/* A LEND with the zero flag: the SPMC clears the guest's pages before the partition sees them. */
static void guest_lend_zero_flag(void **state)
{
	struct ffa_mem_buffers b = guest_bufs(G1);
	struct ffa_mem_grant grant = { WORLD_SP_ID(B), RW };
	struct ffa_mem_range r = { nsw_guest_ipa(6), 1 };
	uint8_t *page = world_ptr(nsw_guest_pa(G1, 6));
	uint64_t h;

	(void)state;
	memset(page, 0x5a, FFA_PAGE_SIZE); /* the guest's secret */
	world_set_actor(NSW_ACTOR(G1));
	assert_int_equal(ffa_mem_send(FFA_MEM_LEND_32, &b, NSW_VM_ID(G1), &grant, 1, &r, 1, 0,
				      FFA_MEM_FLAG_ZERO, 0, 0, &h),
			 0);
	assert_int_equal(page[100], 0x5a);
	assert_int_equal(retrieve(B, G1, h, 0), 0);
	for (unsigned i = 0; i < FFA_PAGE_SIZE; i++)
		assert_int_equal(page[i], 0);
	assert_int_equal(relinquish(B, h), 0);
	assert_int_equal(reclaim(G1, h), 0);
}

static void fragmented_guest_send(void **state)
{
	struct ffa_mem_buffers b = guest_bufs(G1);
	struct ffa_mem_grant grants[2] = { { WORLD_SP_ID(A), RW }, { WORLD_SP_ID(B), RO } };
	struct ffa_mem_range r[8];
	struct ffa_mem_retrieved out;
	uint64_t h;

	(void)state;
	for (unsigned k = 0; k < 8; k++)
		r[k] = (struct ffa_mem_range){ nsw_guest_ipa(2 * k), 1 };
	world_set_actor(NSW_ACTOR(G1));
	assert_int_equal(
	    ffa_mem_send(FFA_MEM_LEND_32, &b, NSW_VM_ID(G1), grants, 2, r, 8, WB, 0, 0, 50, &h), 0);
	for (unsigned k = 0; k < 8; k++)
		assert_false(guest_maps(G1, 2 * k));
	assert_int_equal(retrieve(B, G1, h, &out), 0);
	assert_int_equal(out.range_count, 8);
	assert_int_equal(relinquish(B, h), 0);
	assert_int_equal(reclaim(G1, h), 0);
	for (unsigned k = 0; k < 8; k++)
		assert_true(guest_maps(G1, 2 * k));
}

static void guest_stopped_reclaims_what_no_partition_holds(void **state)
{
	uint64_t held, pending;

	(void)state;
	assert_int_equal(send(G1, FFA_MEM_LEND_32, 1, 1, WORLD_SP_ID(A), RW, &held), 0);
	assert_int_equal(send(G1, FFA_MEM_LEND_32, 2, 1, WORLD_SP_ID(B), RW, &pending), 0);
	assert_int_equal(retrieve(A, G1, held, 0), 0);
	nsw_guest_stop(G1);
	assert_int_equal(spmc_mem_live(), 1); /* A still holds its page */
	assert_int_equal(nshyp_mem_live(), 1);
	assert_int_equal(relinquish(A, held), 0);
}

/* The SPMC's per-lender limit reaches the guest as NO_MEMORY; everything goes back. */
static void per_vm_limit_and_release(void **state)
{
	uint64_t h[9];

	(void)state;
	for (unsigned n = 0; n < 8; n++)
		assert_int_equal(send(G1, FFA_MEM_LEND_32, n, 1, WORLD_SP_ID(A), RW, &h[n]), 0);
	assert_int_equal(send(G1, FFA_MEM_LEND_32, 8, 1, WORLD_SP_ID(A), RW, &h[8]),
			 FFA_RET_NO_MEMORY);
	assert_true(guest_maps(G1, 8));
	for (unsigned n = 0; n < 8; n++)
		assert_int_equal(reclaim(G1, h[n]), 0);
	for (unsigned n = 0; n < NSW_GUEST_PAGES; n++)
		assert_true(guest_maps(G1, n));
	assert_int_equal(nshyp_mem_live(), 0);
	assert_int_equal(spmc_mem_live(), 0);
}

/* A partition that keeps a stopped guest's memory: reclaimed when it lets go and another guest
 * stops (nshyp retries its orphans then). */
static void orphan_reclaimed_when_next_guest_stops(void **state)
{
	uint64_t held;

	(void)state;
	assert_int_equal(send(G1, FFA_MEM_LEND_32, 1, 1, WORLD_SP_ID(A), RW, &held), 0);
	assert_int_equal(retrieve(A, G1, held, 0), 0);
	nsw_guest_stop(G1);
	assert_int_equal(nshyp_mem_live(), 1);
	assert_int_equal(relinquish(A, held), 0);
	nsw_guest_stop(G2);
	assert_int_equal(nshyp_mem_live(), 0);
	assert_int_equal(spmc_mem_live(), 0);
}

/* Each guest has its own MEM_QUOTA_PER_CLIENT records at nshyp: a stopped guest's orphans and a
 * guest at its limit leave the other guest its whole reservation. */
static void per_guest_records(void **state)
{
	uint64_t h[MEM_QUOTA_PER_CLIENT], extra;

	(void)state;
	for (unsigned n = 0; n < MEM_QUOTA_PER_CLIENT; n++) {
		assert_int_equal(send(G1, FFA_MEM_SHARE_32, n, 1, WORLD_SP_ID(A), RW, &h[n]), 0);
		assert_int_equal(retrieve(A, G1, h[n], 0), 0);
	}
	assert_int_equal(send(G1, FFA_MEM_SHARE_32, 9, 1, WORLD_SP_ID(A), RW, &extra),
			 FFA_RET_NO_MEMORY);
	nsw_guest_stop(G1); /* A keeps all eight */
	assert_int_equal(nshyp_mem_live(), MEM_QUOTA_PER_CLIENT);
	for (unsigned n = 0; n < MEM_QUOTA_PER_CLIENT; n++)
		assert_int_equal(send(G2, FFA_MEM_SHARE_32, n, 1, WORLD_SP_ID(C), RW, &extra), 0);
	assert_int_equal(nshyp_mem_live(), 2 * MEM_QUOTA_PER_CLIENT);
}

/* ---- DONATE/LEND/SHARE: error paths -------------------------------------------------------- */

static void guest_donate_denied(void **state)
{
	uint64_t h;

	(void)state;
	assert_int_equal(send(G1, FFA_MEM_DONATE_32, 0, 1, WORLD_SP_ID(A), 0, &h), FFA_RET_DENIED);
}

static void guest_shares_memory_it_does_not_have(void **state)
{
	uint64_t h;

	(void)state;
	/* Past its memory; the other guest's memory by PA; unaligned. */
	assert_int_equal(send(G1, FFA_MEM_LEND_32, NSW_GUEST_PAGES - 1, 2, WORLD_SP_ID(A), RW, &h),
			 FFA_RET_DENIED);
	assert_int_equal(send_as(G1, NSW_VM_ID(G1), FFA_MEM_LEND_32, nsw_guest_pa(G2, 0), 1,
				 WORLD_SP_ID(A), RW, 0, &h),
			 FFA_RET_DENIED);
	assert_int_equal(send_as(G1, NSW_VM_ID(G1), FFA_MEM_LEND_32, nsw_guest_ipa(0) + 8, 1,
				 WORLD_SP_ID(A), RW, 0, &h),
			 FFA_RET_INVALID_PARAMETERS);
	/* Its device page is mapped, but it is no memory to lend. */
	assert_int_equal(
	    send_as(G1, NSW_VM_ID(G1), FFA_MEM_SHARE_32, NSW_DEVICE, 1, WORLD_SP_ID(A), RW, 0, &h),
	    FFA_RET_DENIED);
	/* Pages it already lent are no longer its to lend. */
	assert_int_equal(send(G1, FFA_MEM_LEND_32, 4, 1, WORLD_SP_ID(A), RW, &h), 0);
	assert_int_equal(send(G1, FFA_MEM_SHARE_32, 4, 1, WORLD_SP_ID(B), RW, &h), FFA_RET_DENIED);
}

static void guest_speaks_only_for_itself(void **state)
{
	uint64_t h;

	(void)state;
	assert_int_equal(send_as(G1, NSW_VM_ID(G2), FFA_MEM_SHARE_32, nsw_guest_ipa(0), 1,
				 WORLD_SP_ID(A), RW, 0, &h),
			 FFA_RET_DENIED);
	assert_int_equal(send_as(G1, WORLD_SP_ID(B), FFA_MEM_SHARE_32, nsw_guest_ipa(0), 1,
				 WORLD_SP_ID(A), RW, 0, &h),
			 FFA_RET_DENIED);
}

static void borrower_not_bound_or_unknown(void **state)
{
	uint64_t h;

	(void)state;
	assert_int_equal(send(G1, FFA_MEM_SHARE_32, 0, 1, WORLD_SP_ID(C), RW, &h), FFA_RET_DENIED);
	assert_int_equal(send(G2, FFA_MEM_SHARE_32, 0, 1, WORLD_SP_ID(B), RW, &h), FFA_RET_DENIED);
	/* A would take VM 2, but nshyp's binding does not let guest 2 reach it. */
	assert_int_equal(send(G2, FFA_MEM_SHARE_32, 0, 1, WORLD_SP_ID(A), RW, &h), FFA_RET_DENIED);
	assert_int_equal(send(G1, FFA_MEM_SHARE_32, 0, 1, 0x8009, RW, &h),
			 FFA_RET_INVALID_PARAMETERS);
	/* VM to VM: guest 2's binding names no VM; VM 9 is no guest of the description. */
	assert_int_equal(send(G2, FFA_MEM_SHARE_32, 0, 1, NSW_VM_ID(G1), RW, &h), FFA_RET_DENIED);
	assert_int_equal(send(G1, FFA_MEM_SHARE_32, 0, 1, 9, RW, &h), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(nshyp_mem_live(), 0);
}

static void guest_lends_its_buffers_denied(void **state)
{
	uint64_t h;

	(void)state;
	assert_int_equal(send(G1, FFA_MEM_LEND_32, NSW_GUEST_TX_PAGE, 1, WORLD_SP_ID(A), RW, &h),
			 FFA_RET_DENIED);
	assert_int_equal(
	    send(G1, FFA_MEM_LEND_32, NSW_GUEST_RX_PAGE - 3, 4, WORLD_SP_ID(A), RW, &h),
	    FFA_RET_DENIED);
	/* Sharing leaves them with the guest: allowed. */
	assert_int_equal(send(G1, FFA_MEM_SHARE_32, NSW_GUEST_RX_PAGE, 1, WORLD_SP_ID(A), RO, &h),
			 0);
	assert_int_equal(reclaim(G1, h), 0);
}

static void send_lying_lengths(void **state)
{
	(void)state;
	assert_error(guest(G1, FFA_MEM_LEND_32, 64, 0, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_error(guest(G1, FFA_MEM_LEND_32, 64, 65, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_error(guest(G1, FFA_MEM_LEND_32, 8192, 4097, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_error(guest(G1, FFA_MEM_LEND_32, 64, 64, 0, 1), FFA_RET_INVALID_PARAMETERS);
	assert_error(guest(G1, FFA_MEM_LEND_32, 1ull << 32 | 64, 64, 0, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(guest(G1, FFA_MEM_LEND_32, 4096, 4096, 0, 0), FFA_RET_NO_MEMORY);
	/* Garbage that claims to be a descriptor: someone else's, then the guest's own. */
	assert_error(guest(G1, FFA_MEM_LEND_32, 100, 100, 0, 0), FFA_RET_DENIED);
	memcpy(world_ptr(nsw_guest_pa(G1, NSW_GUEST_TX_PAGE)), &(ffa_id_t){ NSW_VM_ID(G1) },
	       sizeof(ffa_id_t));
	assert_error(guest(G1, FFA_MEM_LEND_32, 100, 100, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal((uint32_t)guest(G1, FFA_RXTX_UNMAP, 0, 0, 0, 0).x[0], FFA_SUCCESS_32);
	assert_error(guest(G1, FFA_MEM_LEND_32, 64, 64, 0, 0), FFA_RET_DENIED);
}

static void frag_tx_error_paths(void **state)
{
	struct ffa_mem_grant g = { WORLD_SP_ID(A), RW };
	struct ffa_mem_range r = { nsw_guest_ipa(0), 1 };
	uint8_t *tx = world_ptr(nsw_guest_pa(G1, NSW_GUEST_TX_PAGE));
	uint32_t len = ffa_mem_desc_build(tx, 4096, NSW_VM_ID(G1), &g, 1, &r, 1, 0, 0, 0);
	struct ffa_value v;

	(void)state;
	assert_error(guest(G1, FFA_MEM_FRAG_TX, 0, 0, 16, 0), FFA_RET_INVALID_PARAMETERS);
	v = guest(G1, FFA_MEM_LEND_32, len, 32, 0, 0);
	assert_int_equal((uint32_t)v.x[0], FFA_MEM_FRAG_RX);
	assert_int_equal((uint32_t)v.x[3], 32);
	assert_error(guest(G1, FFA_MEM_FRAG_TX, v.x[1] + 1, v.x[2], 16, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(guest(G1, FFA_MEM_FRAG_TX, v.x[1], v.x[2], len, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(guest(G1, FFA_MEM_FRAG_TX, v.x[1], v.x[2], 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_error(guest(G2, FFA_MEM_FRAG_TX, v.x[1], v.x[2], 16, 0),
		     FFA_RET_INVALID_PARAMETERS); /* the other guest's session */
	/* The rest, as the sender goes on: it completes. */
	memmove(tx, tx + 32, len - 32);
	v = guest(G1, FFA_MEM_FRAG_TX, v.x[1], v.x[2], len - 32, 0);
	assert_int_equal((uint32_t)v.x[0], FFA_SUCCESS_32);
	assert_false(guest_maps(G1, 0));
	assert_int_equal(reclaim(G1, (uint32_t)v.x[2] | v.x[3] << 32), 0);
}

/* ---- RECLAIM -------------------------------------------------------------------------------- */

static void reclaim_error_paths(void **state)
{
	uint64_t h;

	(void)state;
	assert_int_equal(send(G1, FFA_MEM_LEND_32, 0, 1, WORLD_SP_ID(A), RW, &h), 0);
	assert_int_equal(reclaim(G2, h), FFA_RET_INVALID_PARAMETERS); /* not its own */
	assert_int_equal(reclaim(G1, h + 1), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(reclaim(G1, 0), FFA_RET_INVALID_PARAMETERS);
	assert_error(guest(G1, FFA_MEM_RECLAIM, (uint32_t)h, h >> 32, 0, 1),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(guest(G1, FFA_MEM_RECLAIM, (uint32_t)h, h >> 32, 0x4, 0),
		     FFA_RET_INVALID_PARAMETERS); /* the SPMC checks the flags */
	/* While a partition holds it: DENIED, and the page stays away from the guest. */
	assert_int_equal(retrieve(A, G1, h, 0), 0);
	assert_int_equal(reclaim(G1, h), FFA_RET_DENIED);
	assert_false(guest_maps(G1, 0));
	assert_int_equal(relinquish(A, h), 0);
	assert_int_equal(reclaim(G1, h), 0);
	assert_int_equal(reclaim(G1, h), FFA_RET_INVALID_PARAMETERS); /* dead */
}

/* ---- FF-A v1.1 conformance, what a VM sees (issue 16; docs/abi/ffa.md "Conformance") ------ */

/* §13.2.1 (ACS ffa_version): an incompatible version is NOT_SUPPORTED (w0 0xffffffff). */
static void guest_version_negotiation(void **state)
{
	static const uint32_t bad[] = { 0x0, 0x10002, 0x20001, 0x80010001u };
	struct ffa_value r;

	(void)state;
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		r = guest(G1, FFA_VERSION, bad[i], 0, 0, 0);
		assert_int_equal(r.x[0], 0xffffffffu);
		for (unsigned k = 1; k < 8; k++)
			assert_int_equal(r.x[k], 0);
	}
	assert_int_equal(guest(G1, FFA_VERSION, FFA_VERSION_1_0, 0, 0, 0).x[0], FFA_VERSION_1_1);
	assert_int_equal(nsw_guests[G1].rxtx.version, FFA_VERSION_1_0);
	guest(G1, FFA_VERSION, 0x20000, 0, 0, 0); /* refused: what it negotiated stays */
	assert_int_equal(nsw_guests[G1].rxtx.version, FFA_VERSION_1_0);
}

/* §13.3 (ACS ffa_features): FFA_INTERRUPT is mandatory; a VM never answers a request. */
static void guest_features(void **state)
{
	(void)state;
	assert_int_equal((uint32_t)guest(G1, FFA_FEATURES, FFA_INTERRUPT, 0, 0, 0).x[0],
			 FFA_SUCCESS_32);
	assert_int_equal((uint32_t)guest(G1, FFA_FEATURES, FFA_RUN, 0, 0, 0).x[0], FFA_SUCCESS_32);
	assert_error(guest(G1, FFA_FEATURES, FFA_MSG_SEND_DIRECT_RESP_64, 0, 0, 0),
		     FFA_RET_NOT_SUPPORTED);
	assert_error(guest(G1, FFA_FEATURES, FFA_YIELD, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
}

/*
 * §13.8 (ACS ffa_partition_info_get): a nil UUID lists every partition the caller may address,
 * the caller included: the VM itself first (one vCPU, sends direct requests, AArch64, and
 * indirect messages to VM 2, which its VM-to-VM binding names), then the partitions of its
 * binding. A partition's UUID lists that partition only.
 */
static void guest_discovery_lists_itself(void **state)
{
	const struct ffa_partition_info *d =
	    (const void *)world_ptr(nsw_guest_pa(G1, NSW_GUEST_RX_PAGE));
	struct ffa_value r;

	(void)state;
	r = guest(G1, FFA_PARTITION_INFO_GET, 0, 0, 0, 0);
	assert_int_equal((uint32_t)r.x[0], FFA_SUCCESS_32);
	assert_int_equal(r.x[2], 4); /* itself, VM 2 (its VM-to-VM binding), A, B */
	assert_int_equal(r.x[3], sizeof(*d));
	assert_int_equal(d[0].id, NSW_VM_ID(G1));
	assert_int_equal(d[0].exec_ctx_count, 1);
	assert_int_equal(d[0].properties, FFA_PART_PROP_DIRECT_REQ_SEND | FFA_PART_PROP_AARCH64 |
					      FFA_PART_PROP_INDIRECT_MSG);
	assert_int_equal(d[1].id, NSW_VM_ID(G2));
	assert_int_equal(d[2].id, WORLD_SP_ID(A));
	assert_int_equal(d[3].id, WORLD_SP_ID(B));
	assert_int_equal((uint32_t)guest(G1, FFA_RX_RELEASE, 0, 0, 0, 0).x[0], FFA_SUCCESS_32);
}

/* §10.2 (ACS share_input_error_checks1): a complete descriptor with total length + 0x10. */
static void guest_complete_descriptor_with_larger_total_invalid(void **state)
{
	struct ffa_mem_grant g = { WORLD_SP_ID(A), RW };
	struct ffa_mem_range r = { nsw_guest_ipa(0), 1 };
	uint32_t len = ffa_mem_desc_build(world_ptr(nsw_guest_pa(G1, NSW_GUEST_TX_PAGE)),
					  FFA_PAGE_SIZE, NSW_VM_ID(G1), &g, 1, &r, 1, WB, 0, 0);

	(void)state;
	assert_error(guest(G1, FFA_MEM_SHARE_32, len + 0x10, len, 0, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(nshyp_mem_live(), 0);
	assert_int_equal(spmc_mem_live(), 0);
}

/* §16.8 (ACS reclaim_input_error_checks): a VM's SHARE reclaimed with the zero flag. */
static void guest_reclaims_share_zeroed(void **state)
{
	uint8_t *page = world_ptr(nsw_guest_pa(G2, 1));
	uint64_t h;

	(void)state;
	memset(page, 0x5a, FFA_PAGE_SIZE);
	assert_int_equal(send(G2, FFA_MEM_SHARE_32, 1, 1, WORLD_SP_ID(C), RW, &h), 0);
	assert_int_equal(retrieve(C, G2, h, 0), 0);
	assert_int_equal(relinquish(C, h), 0);
	world_set_actor(NSW_ACTOR(G2));
	assert_int_equal(ffa_mem_reclaim(h, FFA_MEM_RECLAIM_ZERO), 0);
	for (unsigned i = 0; i < FFA_PAGE_SIZE; i++)
		assert_int_equal(page[i], 0);
}

static void guests_borrow_nothing(void **state)
{
	(void)state;
	assert_error(guest(G1, FFA_MEM_RETRIEVE_REQ_32, 64, 64, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(guest(G1, FFA_MEM_RELINQUISH, 0, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(guest(G1, FFA_MEM_FRAG_RX, 0, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(guest(G2, FFA_FEATURES, FFA_MEM_DONATE_32, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_int_equal((uint32_t)guest(G1, FFA_FEATURES, FFA_MEM_SHARE_64, 0, 0, 0).x[0],
			 FFA_SUCCESS_32);
}

/* ---- VM to VM (vm_mem.c): guest 1 may lend to guest 2 (its VM-to-VM binding) --------------- */

#define VM2 NSW_VM_ID(G2)

static int32_t vm_retrieve(unsigned g, uint64_t h, uint8_t perms, uint32_t flags,
			   struct ffa_mem_retrieved *out)
{
	struct ffa_mem_buffers b = guest_bufs(g);
	struct ffa_mem_retrieved ignored;

	world_set_actor(NSW_ACTOR(g));
	return ffa_mem_retrieve(&b, NSW_VM_ID(g), NSW_VM_ID(G1), h, perms, flags,
				out ? out : &ignored);
}

static int32_t vm_relinquish(unsigned g, uint64_t h, uint32_t flags)
{
	struct ffa_mem_buffers b = guest_bufs(g);

	world_set_actor(NSW_ACTOR(g));
	return ffa_mem_relinquish(&b, NSW_VM_ID(g), h, flags);
}

/* Does guest g map `pa` where nshyp puts borrowed memory, and with write access? */
static bool borrower_maps(unsigned g, uint64_t pa, bool *writable)
{
	uint64_t got;
	unsigned attr = 0;
	bool mapped = s2_lookup(&nsw_guests[g].vm.s2, pa + VM_MEM_IPA_OFFSET, &got, &attr);

	*writable = attr & S2_WRITE;
	return mapped && got == pa;
}

/*
 * A guest that negotiated v1.0 retrieves in the v1.0 layout (v1.0 Table 5.19: 32-byte header,
 * its word at offset 24 reserved) and gets its response in it; the v1.1 layout is refused.
 */
static void vm_retrieve_in_v1_0_layout(void **state)
{
	uint8_t *tx = world_ptr(nsw_guest_pa(G2, NSW_GUEST_TX_PAGE));
	const uint8_t *rx = world_ptr(nsw_guest_pa(G2, NSW_GUEST_RX_PAGE));
	uint64_t pa = nsw_guest_pa(G1, 2), h;
	struct ffa_mem_region hdr = { .sender_id = NSW_VM_ID(G1), .ep_count = 1 };
	struct ffa_mem_access a = { .receiver_id = VM2, .permissions = RW };
	struct ffa_mem_constituent k;
	struct ffa_value r;
	uint32_t word;

	(void)state;
	assert_int_equal(send(G1, FFA_MEM_LEND_32, 2, 1, VM2, RW, &h), 0);
	assert_int_equal(guest(G2, FFA_VERSION, FFA_VERSION_1_0, 0, 0, 0).x[0], FFA_VERSION_1_1);
	hdr.handle = h;
	memset(tx, 0, 64);
	memcpy(tx, &hdr, FFA_MEM_REGION_V1_0_SIZE);
	memcpy(tx + FFA_MEM_REGION_V1_0_SIZE, &a, sizeof(a));
	tx[3] = 1; /* v1.0's reserved byte after the one-byte attributes */
	assert_error(guest(G2, FFA_MEM_RETRIEVE_REQ_32, 48, 48, 0, 0), FFA_RET_INVALID_PARAMETERS);
	tx[3] = 0;
	assert_error(guest(G2, FFA_MEM_RETRIEVE_REQ_32, 64, 64, 0, 0), FFA_RET_INVALID_PARAMETERS);
	r = guest(G2, FFA_MEM_RETRIEVE_REQ_32, 48, 48, 0, 0);
	assert_int_equal((uint32_t)r.x[0], FFA_MEM_RETRIEVE_RESP);
	assert_int_equal(r.x[1], 32 + 16 + 16 + 16);
	assert_int_equal(rx[2], FFA_MEM_ATTR_NORMAL_WB_INNER); /* v1.0's one byte: no NS bit */
	assert_int_equal(rx[3], 0);
	memcpy(&word, rx + 24, sizeof(word));
	assert_int_equal(word, 0);
	memcpy(&a, rx + FFA_MEM_REGION_V1_0_SIZE, sizeof(a));
	assert_int_equal(a.receiver_id, VM2);
	assert_int_equal(a.composite_offset, 48);
	memcpy(&k, rx + 64, sizeof(k));
	assert_int_equal(k.address, pa + VM_MEM_IPA_OFFSET);
	assert_int_equal(k.page_count, 1);
	assert_int_equal((uint32_t)guest(G2, FFA_RX_RELEASE, 0, 0, 0, 0).x[0], FFA_SUCCESS_32);
	assert_int_equal(vm_relinquish(G2, h, 0), 0);
	assert_int_equal(reclaim(G1, h), 0);
	/* v1.0 reserves FFA_FEATURES' w2: 0, as its responses carry no NS bit. */
	r = guest(G2, FFA_FEATURES, FFA_MEM_RETRIEVE_REQ_32, 0, 0, 0);
	assert_int_equal((uint32_t)r.x[0], FFA_SUCCESS_32);
	assert_int_equal(r.x[2], 0);
}

/* §10.1, §16.4-16.8: LEND, retrieve at nshyp's IPA, relinquish, reclaim; the handle is nshyp's. */
static void vm_lend_retrieve_relinquish_reclaim(void **state)
{
	uint64_t pa = nsw_guest_pa(G1, 2), h;
	struct ffa_mem_retrieved out;
	bool w;

	(void)state;
	memset(world_ptr(pa), 0xa5, FFA_PAGE_SIZE);
	assert_int_equal(send(G1, FFA_MEM_LEND_32, 2, 1, VM2, RW, &h), 0);
	assert_true(h & FFA_MEM_HANDLE_ALLOCATOR_HYP); /* §5.10.2: the hypervisor allocated it */
	assert_int_equal(spmc_mem_live(), 0);	       /* the SPMC never sees it */
	assert_false(guest_maps(G1, 2));	       /* the lender lost access at once */
	assert_false(borrower_maps(G2, pa, &w));       /* the borrower gets it only at retrieval */
	assert_int_equal(vm_retrieve(G2, h, 0, 0, &out), 0);
	assert_int_equal(out.range_count, 1);
	assert_int_equal(out.ranges[0].addr, pa + VM_MEM_IPA_OFFSET);
	assert_int_equal(out.ranges[0].pages, 1);
	assert_int_equal(out.perms & FFA_MEM_DATA_MASK, RW);
	assert_true(out.ns); /* v1.1: the NS bit, as FFA_FEATURES says (ACS ffa_features_nsbit) */
	assert_int_equal(out.flags & FFA_MEM_FLAG_TYPE_MASK, FFA_MEM_FLAG_TYPE_LEND);
	assert_true(borrower_maps(G2, pa, &w));
	assert_true(w);
	assert_int_equal(world_ptr(pa)[7], 0xa5);	  /* the lender's data, not zeroed */
	assert_int_equal(reclaim(G1, h), FFA_RET_DENIED); /* still retrieved */
	assert_int_equal(vm_relinquish(G2, h, 0), 0);
	assert_false(borrower_maps(G2, pa, &w));
	assert_int_equal(reclaim(G1, h), 0);
	assert_true(guest_maps(G1, 2));
	assert_int_equal(nshyp_mem_live(), 0);
	assert_int_equal(reclaim(G1, h), FFA_RET_INVALID_PARAMETERS); /* a dead handle */
}

/* A read-only SHARE: the lender keeps its page, the borrower maps it without write access. */
static void vm_share_read_only(void **state)
{
	uint64_t pa = nsw_guest_pa(G1, 4), h;
	struct ffa_mem_retrieved out;
	bool w;

	(void)state;
	assert_int_equal(send(G1, FFA_MEM_SHARE_32, 4, 1, VM2, RO, &h), 0);
	assert_true(guest_maps(G1, 4));
	assert_int_equal(vm_retrieve(G2, h, RW, 0, &out), FFA_RET_DENIED); /* more than granted */
	assert_int_equal(vm_retrieve(G2, h, 0, FFA_MEM_FLAG_TYPE_LEND, &out),
			 FFA_RET_INVALID_PARAMETERS); /* not a LEND */
	assert_int_equal(vm_retrieve(G2, h, 0, 0, &out), 0);
	assert_int_equal(out.perms & FFA_MEM_DATA_MASK, RO);
	assert_true(borrower_maps(G2, pa, &w));
	assert_false(w);
	assert_int_equal(vm_relinquish(G2, h, FFA_MEM_RELINQUISH_ZERO), FFA_RET_DENIED); /* RO */
	assert_int_equal(vm_relinquish(G2, h, 0), 0);
	assert_int_equal(reclaim(G1, h), 0);
}

/* DONATE: the retrieval ends the transaction; the pages are the borrower's for good. */
static void vm_donate_moves_ownership(void **state)
{
	uint64_t pa = nsw_guest_pa(G1, 5), h;
	bool w;

	(void)state;
	/* §10.11.1: a DONATE states no access (INVALID_PARAMETERS), as for a partition. */
	assert_int_equal(send(G1, FFA_MEM_DONATE_32, 5, 1, VM2, RW, &h),
			 FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(send(G1, FFA_MEM_DONATE_32, 5, 1, VM2, 0, &h), 0);
	assert_false(guest_maps(G1, 5));
	assert_int_equal(vm_retrieve(G2, h, 0, 0, 0), 0);
	assert_int_equal(nshyp_mem_live(), 0);
	assert_true(borrower_maps(G2, pa, &w));
	assert_int_equal(reclaim(G1, h), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(vm_relinquish(G2, h, 0), FFA_RET_INVALID_PARAMETERS);
	assert_false(guest_maps(G1, 5)); /* gone from the donor */
	/* The new owner may give it on: here back to nobody (guest 2 has no VM binding). */
	assert_int_equal((uint32_t)guest(G2, FFA_FEATURES, FFA_MEM_DONATE_32, 0, 0, 0).x[0],
			 FFA_ERROR);
}

/* Zero flags: zero before retrieval (lender's LEND flag), after relinquish (retrieve flag). */
static void vm_lend_zeroing(void **state)
{
	uint64_t pa = nsw_guest_pa(G1, 6), h;
	struct ffa_mem_buffers b = guest_bufs(G1);
	struct ffa_mem_grant grant = { VM2, RW };
	struct ffa_mem_range r = { nsw_guest_ipa(6), 1 };
	struct ffa_mem_retrieved out;

	(void)state;
	memset(world_ptr(pa), 0x77, FFA_PAGE_SIZE);
	world_set_actor(NSW_ACTOR(G1));
	assert_int_equal(ffa_mem_send(FFA_MEM_LEND_32, &b, NSW_VM_ID(G1), &grant, 1, &r, 1, 0,
				      FFA_MEM_FLAG_ZERO, 0, 0, &h),
			 0);
	assert_int_equal(vm_retrieve(G2, h, 0, FFA_MEM_FLAG_ZERO_AFTER_RELINQUISH, &out), 0);
	assert_true(out.flags & FFA_MEM_FLAG_ZERO);
	assert_int_equal(world_ptr(pa)[100], 0);
	memset(world_ptr(pa), 0x33, FFA_PAGE_SIZE); /* the borrower writes */
	/* A second retrieval (counted, §13) may not ask for zeroing before it. */
	assert_int_equal(vm_retrieve(G2, h, 0, FFA_MEM_FLAG_ZERO, &out),
			 FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(vm_relinquish(G2, h, 0), 0);
	assert_int_equal(world_ptr(pa)[100], 0); /* zeroed after the relinquish */
	assert_int_equal(reclaim(G1, h), 0);
}

/* Every refusal of retrieve, relinquish and reclaim; a refused call changes nothing. */
static void vm_mem_error_paths(void **state)
{
	uint8_t *tx = world_ptr(nsw_guest_pa(G2, NSW_GUEST_TX_PAGE));
	struct ffa_mem_region *hdr = (void *)tx;
	struct ffa_mem_access *acc = (void *)(tx + sizeof(*hdr));
	uint64_t h, sp_h;

	(void)state;
	assert_int_equal(send(G1, FFA_MEM_LEND_32, 3, 1, VM2, RW, &h), 0);
	assert_int_equal(send(G1, FFA_MEM_SHARE_32, 8, 1, WORLD_SP_ID(A), RW, &sp_h), 0);
	/* The lender is not a borrower: nobody's binding names guest 1, it borrows nothing. */
	assert_int_equal(vm_retrieve(G1, h, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(guest(G1, FFA_MEM_RELINQUISH, 0, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
	/* Wrong handles: unknown, the SPMC's (a guest borrows only from guests), dead. */
	assert_int_equal(vm_retrieve(G2, h + 0x100, 0, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(vm_retrieve(G2, sp_h, 0, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(vm_relinquish(G2, h, 0), FFA_RET_INVALID_PARAMETERS); /* not retrieved */
	/* Registers: lengths differ, MBZ set. */
	assert_error(guest(G2, FFA_MEM_RETRIEVE_REQ_32, 64, 48, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_error(guest(G2, FFA_MEM_RETRIEVE_REQ_32, 64, 64, 1, 0), FFA_RET_INVALID_PARAMETERS);
	assert_error(guest(G2, FFA_MEM_RELINQUISH, 1, 0, 0, 0), FFA_RET_INVALID_PARAMETERS);
	/* Bad retrieve descriptors, each built right and then broken once. */
	memset(tx, 0, 64);
	*hdr = (struct ffa_mem_region){ .sender_id = NSW_VM_ID(G1),
					.handle = h,
					.ep_mem_access_size = sizeof(*acc),
					.ep_count = 1,
					.ep_mem_access_offset = sizeof(*hdr) };
	*acc = (struct ffa_mem_access){ .receiver_id = VM2, .permissions = RW };
	hdr->sender_id =
	    NSW_VM_ID(G2); /* another lender: DENIED (ACS lend_retrieve_input_checks6) */
	assert_error(guest(G2, FFA_MEM_RETRIEVE_REQ_32, 64, 64, 0, 0), FFA_RET_DENIED);
	hdr->sender_id = NSW_VM_ID(G1);
	hdr->tag = 1;
	assert_error(guest(G2, FFA_MEM_RETRIEVE_REQ_32, 64, 64, 0, 0), FFA_RET_INVALID_PARAMETERS);
	hdr->tag = 0;
	acc->receiver_id = NSW_VM_ID(G1); /* wrong receiver: not a borrower */
	assert_error(guest(G2, FFA_MEM_RETRIEVE_REQ_32, 64, 64, 0, 0), FFA_RET_DENIED);
	acc->receiver_id = VM2;
	acc->composite_offset = 48;
	assert_error(guest(G2, FFA_MEM_RETRIEVE_REQ_32, 64, 64, 0, 0), FFA_RET_INVALID_PARAMETERS);
	acc->composite_offset = 0;
	hdr->attributes = FFA_MEM_ATTR_DEVICE; /* ACS donate_retrieve_input_checks3 */
	assert_error(guest(G2, FFA_MEM_RETRIEVE_REQ_32, 64, 64, 0, 0), FFA_RET_DENIED);
	hdr->attributes = 0;
	hdr->flags = FFA_MEM_FLAG_TIME_SLICE;
	assert_error(guest(G2, FFA_MEM_RETRIEVE_REQ_32, 64, 64, 0, 0), FFA_RET_INVALID_PARAMETERS);
	hdr->flags = 0;
	assert_int_equal((uint32_t)guest(G2, FFA_MEM_RETRIEVE_REQ_32, 64, 64, 0, 0).x[0],
			 FFA_MEM_RETRIEVE_RESP);
	/* Retrieve again with RX still full: BUSY; with other permissions: DENIED. */
	assert_error(guest(G2, FFA_MEM_RETRIEVE_REQ_32, 64, 64, 0, 0), FFA_RET_BUSY);
	assert_int_equal((uint32_t)guest(G2, FFA_RX_RELEASE, 0, 0, 0, 0).x[0], FFA_SUCCESS_32);
	assert_int_equal(vm_retrieve(G2, h, RO, 0, 0), FFA_RET_DENIED);
	assert_int_equal(vm_retrieve(G2, h, RW, 0, 0), 0); /* the second, counted */
	/* Reclaim: not the lender, the borrower holds it, MBZ flags. */
	assert_int_equal(reclaim(G2, h), FFA_RET_INVALID_PARAMETERS);
	assert_error(guest(G1, FFA_MEM_RECLAIM, (uint32_t)h, h >> 32, 2, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(vm_relinquish(G2, h, 0), 0);
	assert_int_equal(reclaim(G1, h), FFA_RET_DENIED); /* one retrieval left */
	/* Relinquish naming another endpoint: DENIED. */
	{
		struct ffa_mem_relinquish *rel = (void *)tx;

		rel->handle = h;
		rel->flags = 0;
		rel->endpoint_count = 1;
		rel->endpoints[0] = NSW_VM_ID(G1);
		assert_error(guest(G2, FFA_MEM_RELINQUISH, 0, 0, 0, 0), FFA_RET_DENIED);
		rel->endpoint_count = 2;
		assert_error(guest(G2, FFA_MEM_RELINQUISH, 0, 0, 0, 0), FFA_RET_INVALID_PARAMETERS);
	}
	/* Its RX/TX moved onto the borrowed page: the relinquish waits for their unmap. */
	assert_int_equal((uint32_t)guest(G2, FFA_RXTX_UNMAP, 0, 0, 0, 0).x[0], FFA_SUCCESS_32);
	assert_int_equal((uint32_t)guest(G2, FFA_RXTX_MAP_64,
					 nsw_guest_pa(G1, 3) + VM_MEM_IPA_OFFSET,
					 nsw_guest_ipa(NSW_GUEST_RX_PAGE), 1, 0)
			     .x[0],
			 FFA_SUCCESS_32);
	memcpy(world_ptr(nsw_guest_pa(G1, 3)), tx, sizeof(struct ffa_mem_relinquish) + 2);
	((struct ffa_mem_relinquish *)world_ptr(nsw_guest_pa(G1, 3)))->endpoints[0] = VM2;
	((struct ffa_mem_relinquish *)world_ptr(nsw_guest_pa(G1, 3)))->endpoint_count = 1;
	assert_error(guest(G2, FFA_MEM_RELINQUISH, 0, 0, 0, 0), FFA_RET_DENIED);
	assert_int_equal((uint32_t)guest(G2, FFA_RXTX_UNMAP, 0, 0, 0, 0).x[0], FFA_SUCCESS_32);
	assert_int_equal((uint32_t)guest(G2, FFA_RXTX_MAP_64, nsw_guest_ipa(NSW_GUEST_TX_PAGE),
					 nsw_guest_ipa(NSW_GUEST_RX_PAGE), 1, 0)
			     .x[0],
			 FFA_SUCCESS_32);
	assert_int_equal(vm_relinquish(G2, h, 0), 0);
	assert_int_equal(reclaim(G1, h), 0);
	assert_int_equal(nshyp_mem_live(), 1); /* the partition's share */
}

/* Sends to a VM: the binding, one borrower, no partition beside it, no page twice. */
static void vm_send_refusals(void **state)
{
	struct ffa_mem_buffers b = guest_bufs(G1);
	struct ffa_mem_grant two[2] = { { VM2, RW }, { WORLD_SP_ID(A), RW } };
	struct ffa_mem_range r = { nsw_guest_ipa(1), 1 };
	struct ffa_value f;
	uint64_t h, h2;

	(void)state;
	world_set_actor(NSW_ACTOR(G1));
	assert_int_equal(
	    ffa_mem_send(FFA_MEM_SHARE_32, &b, NSW_VM_ID(G1), two, 2, &r, 1, WB, 0, 0, 0, &h),
	    FFA_RET_DENIED); /* a VM and a partition: refused */
	assert_int_equal(send(G1, FFA_MEM_SHARE_32, 0, 1, NSW_VM_ID(G1), RW, &h),
			 FFA_RET_INVALID_PARAMETERS); /* to itself */
	assert_int_equal(send(G1, FFA_MEM_LEND_32, NSW_GUEST_TX_PAGE, 1, VM2, RW, &h),
			 FFA_RET_DENIED); /* its TX buffer */
	/* A page in a share with a partition cannot go to a VM, and the reverse. */
	assert_int_equal(send(G1, FFA_MEM_SHARE_32, 1, 1, WORLD_SP_ID(A), RW, &h), 0);
	assert_int_equal(send(G1, FFA_MEM_SHARE_32, 1, 1, VM2, RW, &h2), FFA_RET_DENIED);
	assert_int_equal(send(G1, FFA_MEM_SHARE_32, 2, 1, VM2, RW, &h2), 0);
	assert_int_equal(send(G1, FFA_MEM_SHARE_32, 2, 1, WORLD_SP_ID(A), RW, &h), FFA_RET_DENIED);
	assert_int_equal(send(G1, FFA_MEM_SHARE_32, 2, 1, VM2, RW, &h), FFA_RET_DENIED); /* twice */
	/* FFA_FEATURES: guest 2 borrows (guest 1's binding names it), guest 1 donates. A v1.1
	 * guest's RETRIEVE_REQ: w2 bit 1, the NS bit is set in responses; no input needed from a
	 * VM (ACS ffa_features_nsbit asks with 0). */
	f = guest(G2, FFA_FEATURES, FFA_MEM_RETRIEVE_REQ_64, 0, 0, 0);
	assert_int_equal((uint32_t)f.x[0], FFA_SUCCESS_32);
	assert_int_equal(f.x[2], FFA_FEATURES_RETRIEVE_NS_BIT);
	assert_int_equal((uint32_t)guest(G2, FFA_FEATURES, FFA_MEM_RELINQUISH, 0, 0, 0).x[0],
			 FFA_SUCCESS_32);
	assert_int_equal((uint32_t)guest(G1, FFA_FEATURES, FFA_MEM_DONATE_64, 0, 0, 0).x[0],
			 FFA_SUCCESS_32);
	assert_error(guest(G1, FFA_FEATURES, FFA_MEM_RETRIEVE_REQ_32, 0, 0, 0),
		     FFA_RET_NOT_SUPPORTED);
}

/* Per-lender reservation: guest 1's ninth VM-to-VM transaction is NO_MEMORY. */
static void vm_lender_quota(void **state)
{
	uint64_t h[MEM_QUOTA_PER_CLIENT + 1];

	(void)state;
	for (unsigned i = 0; i < MEM_QUOTA_PER_CLIENT; i++)
		assert_int_equal(send(G1, FFA_MEM_SHARE_32, i, 1, VM2, RW, &h[i]), 0);
	assert_int_equal(send(G1, FFA_MEM_SHARE_32, 9, 1, VM2, RW, &h[8]), FFA_RET_NO_MEMORY);
	/* Guest 2's own reservation at the SPMC is untouched. */
	assert_int_equal(send(G2, FFA_MEM_SHARE_32, 0, 1, WORLD_SP_ID(C), RW, &h[8]), 0);
	assert_int_equal(reclaim(G1, h[0]), 0);
	assert_int_equal(send(G1, FFA_MEM_SHARE_32, 9, 1, VM2, RW, &h[0]), 0);
}

/* The borrower's end gives its retrievals back (zeroed if asked); the lender reclaims. */
static void vm_borrower_stops(void **state)
{
	uint64_t pa = nsw_guest_pa(G1, 7), h, h2;
	bool w;

	(void)state;
	assert_int_equal(send(G1, FFA_MEM_LEND_32, 7, 1, VM2, RW, &h), 0);
	assert_int_equal(send(G1, FFA_MEM_SHARE_32, 8, 1, VM2, RW, &h2), 0);
	assert_int_equal(vm_retrieve(G2, h, 0, FFA_MEM_FLAG_ZERO_AFTER_RELINQUISH, 0), 0);
	memset(world_ptr(pa), 0x11, FFA_PAGE_SIZE);
	nsw_guest_stop(G2);
	host_guests[G2].ended = true;
	assert_false(borrower_maps(G2, pa, &w));
	assert_int_equal(world_ptr(pa)[0], 0);
	assert_int_equal(reclaim(G1, h), 0);
	assert_int_equal(reclaim(G1, h2), 0);
	assert_int_equal(send(G1, FFA_MEM_SHARE_32, 8, 1, VM2, RW, &h2), FFA_RET_DENIED); /* gone */
}

/* The lender's end: pending transactions are reclaimed, a held one when the borrower lets go. */
static void vm_lender_stops(void **state)
{
	uint64_t h, h2;

	(void)state;
	assert_int_equal(send(G1, FFA_MEM_LEND_32, 7, 1, VM2, RW, &h), 0);
	assert_int_equal(send(G1, FFA_MEM_SHARE_32, 8, 1, VM2, RW, &h2), 0);
	assert_int_equal(vm_retrieve(G2, h, 0, 0, 0), 0);
	nsw_guest_stop(G1);
	host_guests[G1].ended = true;
	assert_int_equal(nshyp_mem_live(), 1); /* h: guest 2 still holds it */
	assert_int_equal(vm_retrieve(G2, h2, 0, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(vm_relinquish(G2, h, 0), 0);
	assert_int_equal(nshyp_mem_live(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(guest_lend_unmaps_and_reclaim_maps_back, setup),
		cmocka_unit_test_setup(guest_share_partition_writes_guest_reads, setup),
		cmocka_unit_test_setup(guest_lend_zero_flag, setup),
		cmocka_unit_test_setup(fragmented_guest_send, setup),
		cmocka_unit_test_setup(guest_stopped_reclaims_what_no_partition_holds, setup),
		cmocka_unit_test_setup(per_vm_limit_and_release, setup),
		cmocka_unit_test_setup(orphan_reclaimed_when_next_guest_stops, setup),
		cmocka_unit_test_setup(per_guest_records, setup),
		cmocka_unit_test_setup(guest_donate_denied, setup),
		cmocka_unit_test_setup(guest_shares_memory_it_does_not_have, setup),
		cmocka_unit_test_setup(guest_speaks_only_for_itself, setup),
		cmocka_unit_test_setup(borrower_not_bound_or_unknown, setup),
		cmocka_unit_test_setup(guest_lends_its_buffers_denied, setup),
		cmocka_unit_test_setup(send_lying_lengths, setup),
		cmocka_unit_test_setup(frag_tx_error_paths, setup),
		cmocka_unit_test_setup(reclaim_error_paths, setup),
		cmocka_unit_test_setup(guests_borrow_nothing, setup),
		cmocka_unit_test_setup(guest_version_negotiation, setup),
		cmocka_unit_test_setup(guest_features, setup),
		cmocka_unit_test_setup(guest_discovery_lists_itself, setup),
		cmocka_unit_test_setup(guest_complete_descriptor_with_larger_total_invalid, setup),
		cmocka_unit_test_setup(guest_reclaims_share_zeroed, setup),
		cmocka_unit_test_setup(vm_lend_retrieve_relinquish_reclaim, setup),
		cmocka_unit_test_setup(vm_retrieve_in_v1_0_layout, setup),
		cmocka_unit_test_setup(vm_share_read_only, setup),
		cmocka_unit_test_setup(vm_donate_moves_ownership, setup),
		cmocka_unit_test_setup(vm_lend_zeroing, setup),
		cmocka_unit_test_setup(vm_mem_error_paths, setup),
		cmocka_unit_test_setup(vm_send_refusals, setup),
		cmocka_unit_test_setup(vm_lender_quota, setup),
		cmocka_unit_test_setup(vm_borrower_stops, setup),
		cmocka_unit_test_setup(vm_lender_stops, setup),
	};

	return cmocka_run_group_tests(tests, 0, 0);
}
