// SPDX-License-Identifier: BSD-3-Clause
/*
 * libFuzzer target for the SPMC's FF-A memory management as a whole
 * (hyp/role/spmc/mem_spmc.c over hyp/core/mem_share.c, reached through the
 * real dispatcher ffa_spmc.c and the client library lib/ffa_mem_client.c),
 * in the host model of test/fuzz/spmc_world.c. The input is a sequence of
 * steps by the normal world and three partitions: DONATE/LEND/SHARE with
 * descriptors that start well-formed (ffa_mem_desc_build) and are then
 * mutated, sent whole or in fragments; RETRIEVE_REQ (with FRAG_RX),
 * RELINQUISH and RECLAIM naming live or made-up handles; stray FRAG_TX and
 * FRAG_RX; buffer (un)mapping; a partition faulting. After every step the
 * invariants of world_check() hold, a refused call changed nothing (table,
 * stage 2s, memory), and a stage-2 change came with a TLB flush. At the end
 * everyone gives back what they can, and only what an aborted partition
 * lent may remain. Any violation, sanitizer report or panic is a finding.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lib/ffa_mem_client.h>

#include "fuzz_input.h"
#include "spmc_world.h"

static struct fuzz_input in;

static const uint32_t send_fids[] = {
	FFA_MEM_SHARE_32, FFA_MEM_LEND_32, FFA_MEM_DONATE_32,
	FFA_MEM_SHARE_64, FFA_MEM_LEND_64, FFA_MEM_DONATE_64,
};
static const uint8_t perm_choices[] = {
	FFA_MEM_DATA_RW,
	FFA_MEM_DATA_RO,
	FFA_MEM_DATA_RW | FFA_MEM_INSTR_NX,
	FFA_MEM_DATA_NOT_SPECIFIED,
	FFA_MEM_DATA_RW | FFA_MEM_INSTR_X,
	FFA_MEM_DATA_RESERVED,
};

static unsigned take(unsigned n)
{
	return (unsigned)(fuzz_take(&in, 1) % n);
}

static uint8_t *tx_of(unsigned actor)
{
	return actor == WORLD_NWD ? world_ptr(WORLD_NWD_TX) : world_sp_tx_now(actor);
}

static uint8_t *rx_of(unsigned actor)
{
	return actor == WORLD_NWD ? world_ptr(WORLD_NWD_RX) : world_sp_rx_now(actor);
}

static struct ffa_value call(unsigned actor, uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3,
			     uint64_t x4)
{
	struct ffa_value c = { { x0, x1, x2, x3, x4 } };

	return actor == WORLD_NWD ? world_nwd_call(c) : world_sp_call(actor, c);
}

/* An endpoint ID: usually a partition or a VM this system has, sometimes anything. */
static ffa_id_t some_id(void)
{
	switch (take(8)) {
	case 0:
		return (ffa_id_t)fuzz_take(&in, 2);
	case 1:
	case 2:
		return (ffa_id_t)(1 + take(3));
	default:
		return WORLD_SP_ID(take(WORLD_SPS));
	}
}

/* An address the actor might name: mostly its own memory, sometimes anyone's or anything. */
static uint64_t some_addr(unsigned actor)
{
	switch (take(16)) {
	case 0:
		return fuzz_take(&in, 8);
	case 1:
		return world_sp_pa(take(WORLD_SPS)) + take(WORLD_SP_PAGES) * FFA_PAGE_SIZE;
	case 2:
		return WORLD_NWD_TX + take(2) * FFA_PAGE_SIZE;
	case 3:
		return WORLD_NS_POOL + take(WORLD_NS_POOL_PAGES) * FFA_PAGE_SIZE + take(2) * 8;
	default:
		break;
	}
	if (actor == WORLD_NWD)
		return WORLD_NS_POOL + take(WORLD_NS_POOL_PAGES + 2) * FFA_PAGE_SIZE;
	return WORLD_SP_IPA + take(WORLD_SP_PAGES + 2) * FFA_PAGE_SIZE;
}

/* A descriptor: well-formed for the chosen ranges and borrowers, then bytes changed. */
static uint32_t build_send_desc(unsigned actor, uint32_t fid, uint8_t *d, uint32_t max)
{
	struct ffa_mem_grant grants[MEM_MAX_BORROWERS + 1];
	struct ffa_mem_range ranges[MEM_MAX_CONSTITUENTS + 1];
	uint32_t ng = 1 + take(3), nr = 1 + take(4);
	bool donate = (fid & 0xff) == 0x71, share = (fid & 0xff) == 0x73;
	ffa_id_t self = actor == WORLD_NWD ? (ffa_id_t)(1 + take(2)) : WORLD_SP_ID(actor);
	uint16_t attr = 0;
	uint32_t flags = 0, len, mutations;

	if (!take(16))
		ng = take(MEM_MAX_BORROWERS + 2);
	if (!take(32))
		nr = MEM_MAX_CONSTITUENTS + take(2);
	if (!take(16))
		self = some_id();
	for (uint32_t i = 0; i < ng; i++) {
		grants[i].id = some_id();
		grants[i].perms = donate ? 0 : perm_choices[take(sizeof(perm_choices))];
		if (!take(16))
			grants[i].perms = (uint8_t)fuzz_take(&in, 1);
	}
	for (uint32_t i = 0; i < nr; i++)
		ranges[i] = (struct ffa_mem_range){ some_addr(actor), 1 + take(3) };
	if (share || (!donate && ng > 1))
		attr = FFA_MEM_ATTR_NORMAL_WB_INNER;
	if (!share && take(4) == 0)
		flags = FFA_MEM_FLAG_ZERO;
	if (!take(16))
		attr = (uint16_t)fuzz_take(&in, 2);
	if (!take(16))
		flags = (uint32_t)fuzz_take(&in, 4);
	len = ffa_mem_desc_build(d, max, self, grants, ng, ranges, nr, attr, flags,
				 fuzz_take(&in, 1));
	if (!len)
		return 0;
	for (mutations = take(8); mutations > 4 && len; mutations--) {
		uint32_t at = (uint32_t)(fuzz_take(&in, 2) % len);

		d[at] = (uint8_t)fuzz_take(&in, 1);
	}
	return len;
}

/* DONATE/LEND/SHARE by `actor`, whole or in fragments, sometimes with lying lengths. */
static struct ffa_value send(unsigned actor)
{
	static uint8_t desc[2 * 4096];
	uint32_t fid = send_fids[take(6)];
	uint32_t total = build_send_desc(actor, fid, desc, sizeof(desc));
	uint32_t frag_max = take(3) ? 4096 : 16 + (uint32_t)(fuzz_take(&in, 2) % 600);
	uint32_t sent, frag;
	uint8_t *tx = tx_of(actor);
	struct ffa_value r;

	if (!total)
		total = 1 + (uint32_t)(fuzz_take(&in, 2) % sizeof(desc));
	frag = total < frag_max ? total : frag_max;
	memcpy(tx, desc, frag);
	if (!take(16))
		r = call(actor, fid, fuzz_take(&in, 4), fuzz_take(&in, 4), take(2), 0);
	else
		r = call(actor, fid, total, frag, 0, 0);
	sent = frag;
	while ((uint32_t)r.x[0] == FFA_MEM_FRAG_RX && sent < total) {
		frag = total - sent < frag_max ? total - sent : frag_max;
		memcpy(tx, desc + sent, frag);
		if (!take(16))
			tx[take(frag)] ^= 0xff; /* the sender changes it as it goes */
		if (!take(32))
			frag = (uint32_t)fuzz_take(&in, 2);
		r = call(actor, FFA_MEM_FRAG_TX, take(16) ? r.x[1] : fuzz_take(&in, 4), r.x[2],
			 frag, 0);
		sent += frag;
		if (!take(32))
			break; /* the sender gives up half way */
	}
	return r;
}

/* A live transaction, or 0 (none, or the input says so). */
static const struct mem_slot *some_slot(void)
{
	const struct mem_table *t = spmc_mem_table();
	unsigned k;

	if (!t->live || !take(16))
		return 0;
	k = take(t->live);
	for (unsigned n = 0; n < MEM_MAX_TRANSACTIONS; n++)
		if (t->slots[n].handle && !k--)
			return &t->slots[n];
	return 0;
}

/* Usually the partition that should make a call about `s` (a borrower of it), else `i`. */
static unsigned steer(unsigned i, const struct mem_slot *s, bool holding)
{
	const struct mem_borrower *b;
	int j;

	if (!s || !take(4))
		return i;
	b = &s->borrowers[take(s->tx.borrower_count)];
	j = world_sp_index(b->id);
	if (j < 0 || world_sp_aborted((unsigned)j) || (holding && !b->retrieves))
		return i;
	return (unsigned)j;
}

static uint64_t some_handle(const struct mem_slot *s)
{
	if (s && take(8))
		return s->handle;
	return take(2) ? fuzz_take(&in, 8) : (fuzz_take(&in, 2) << 8) | take(MEM_MAX_TRANSACTIONS);
}

/* RETRIEVE_REQ by partition i of a live transaction (mostly as it should be) and its fragments. */
static struct ffa_value retrieve(unsigned i)
{
	const struct mem_slot *s = some_slot();
	struct ffa_mem_region hdr = { 0 };
	struct ffa_mem_access a = { 0 };
	uint8_t *tx = world_sp_tx_now(i = steer(i, s, false));
	uint32_t len = sizeof(hdr) + sizeof(a), total, got;
	struct ffa_value r;

	hdr.sender_id = s && take(8) ? s->tx.lender : some_id();
	hdr.handle = some_handle(s);
	hdr.tag = s && take(8) ? s->tx.tag : fuzz_take(&in, 1);
	hdr.flags = s && take(2) ? (uint32_t)s->tx.type << FFA_MEM_FLAG_TYPE_SHIFT : 0;
	if (!take(8))
		hdr.flags |= FFA_MEM_FLAG_ZERO;
	hdr.ep_mem_access_size = sizeof(a);
	hdr.ep_count = 1;
	hdr.ep_mem_access_offset = sizeof(hdr);
	a.receiver_id = take(16) ? WORLD_SP_ID(i) : some_id();
	a.permissions = take(2) ? 0 : perm_choices[take(sizeof(perm_choices))];
	if (s && take(2))
		a.permissions = s->tx.borrowers[take(s->tx.borrower_count)].perms;
	memcpy(tx, &hdr, sizeof(hdr));
	memcpy(tx + sizeof(hdr), &a, sizeof(a));
	if (!take(8))
		tx[take(len)] = (uint8_t)fuzz_take(&in, 1);
	if (!take(16))
		len = (uint32_t)fuzz_take(&in, 2);
	r = world_sp_call(
	    i, (struct ffa_value){ { take(2) ? FFA_MEM_RETRIEVE_REQ_32 : FFA_MEM_RETRIEVE_REQ_64,
				     len, take(16) ? len : fuzz_take(&in, 4) } });
	if ((uint32_t)r.x[0] != FFA_MEM_RETRIEVE_RESP)
		return r;
	total = (uint32_t)r.x[1];
	got = (uint32_t)r.x[2];
	assert(got && got <= total && got <= FFA_PAGE_SIZE);
	while (got < total && take(8)) {
		uint64_t h = hdr.handle;

		if (take(8))
			world_sp_call(i, (struct ffa_value){ { FFA_RX_RELEASE } });
		r = world_sp_call(i, (struct ffa_value){ { FFA_MEM_FRAG_RX, (uint32_t)h, h >> 32,
							   take(16) ? got : fuzz_take(&in, 2) } });
		if ((uint32_t)r.x[0] != FFA_MEM_FRAG_TX)
			break;
		assert((uint32_t)r.x[3] && (uint32_t)r.x[3] <= total - got);
		got += (uint32_t)r.x[3];
	}
	world_sp_call(i, (struct ffa_value){ { FFA_RX_RELEASE } });
	return r;
}

/* RELINQUISH by partition i. */
static struct ffa_value relinquish(unsigned i)
{
	const struct mem_slot *s = some_slot();
	struct ffa_mem_relinquish rel = { .handle = some_handle(s), .endpoint_count = 1 };
	ffa_id_t self;
	uint8_t *tx = world_sp_tx_now(i = steer(i, s, true));

	self = take(16) ? WORLD_SP_ID(i) : some_id();

	if (!take(4))
		rel.flags = FFA_MEM_RELINQUISH_ZERO;
	if (!take(16))
		rel.flags = (uint32_t)fuzz_take(&in, 4);
	if (!take(16))
		rel.endpoint_count = (uint32_t)fuzz_take(&in, 4);
	memcpy(tx, &rel, sizeof(rel));
	memcpy(tx + sizeof(rel), &self, sizeof(self));
	return call(i, FFA_MEM_RELINQUISH, 0, 0, 0, take(16) ? 0 : 1);
}

/* RECLAIM by the normal world or a partition. */
static struct ffa_value reclaim(unsigned actor)
{
	const struct mem_slot *s = some_slot();
	uint64_t h = some_handle(s);
	uint32_t flags = take(4) ? 0 : FFA_MEM_RECLAIM_ZERO;
	int lender = s ? world_sp_index(s->tx.lender) : -2;

	/* Usually the lender reclaims (a VM's transactions through the normal world). */
	if (lender != -2 && take(4))
		actor = lender < 0			     ? WORLD_NWD
			: world_sp_aborted((unsigned)lender) ? actor
							     : (unsigned)lender;

	if (!take(16))
		flags = (uint32_t)fuzz_take(&in, 4);
	return call(actor, FFA_MEM_RECLAIM, (uint32_t)h, h >> 32, flags, 0);
}

/* The client library's whole flows, as firmware uses them. */
static struct ffa_value client_flow(unsigned actor)
{
	struct ffa_mem_buffers buf = { tx_of(actor), rx_of(actor), FFA_PAGE_SIZE };
	const struct mem_slot *s = some_slot();
	int32_t rc;

	world_set_actor(actor);
	if (actor == WORLD_NWD || take(2)) {
		struct ffa_mem_grant g[2] = { { WORLD_SP_ID(take(WORLD_SPS)), FFA_MEM_DATA_RW },
					      { WORLD_SP_ID(take(WORLD_SPS)), FFA_MEM_DATA_RO } };
		struct ffa_mem_range r[MEM_MAX_CONSTITUENTS];
		uint32_t nr = 1 + take(MEM_MAX_CONSTITUENTS), ng = 1 + take(2);
		uint64_t handle;

		for (uint32_t k = 0; k < nr; k++)
			r[k] = (struct ffa_mem_range){ some_addr(actor), 1 };
		rc = ffa_mem_send(ng == 1 ? FFA_MEM_LEND_32 : FFA_MEM_SHARE_32, &buf,
				  actor == WORLD_NWD ? 1 : WORLD_SP_ID(actor), g, ng, r, nr,
				  ng == 1 ? 0 : FFA_MEM_ATTR_NORMAL_WB_INNER, 0, 0, 32 + take(200),
				  &handle);
	} else {
		struct ffa_mem_retrieved out;

		if (!s)
			return ffa_error(FFA_RET_INVALID_PARAMETERS);
		rc =
		    ffa_mem_retrieve(&buf, WORLD_SP_ID(actor), s->tx.lender, s->handle, 0, 0, &out);
	}
	return rc ? ffa_error(rc) : ffa_success(0);
}

/* Any call, with any arguments: stray fragments, buffers, unknown IDs. */
static struct ffa_value stray(unsigned actor)
{
	static const uint32_t fids[] = {
		FFA_MEM_FRAG_TX,	 FFA_MEM_FRAG_RX,    FFA_RXTX_MAP_64,
		FFA_RXTX_UNMAP,		 FFA_RX_RELEASE,     FFA_MEM_RECLAIM,
		FFA_MEM_RETRIEVE_REQ_32, FFA_MEM_RELINQUISH, FFA_MEM_SHARE_32,
		FFA_MEM_LEND_64,	 FFA_FEATURES,
	};
	uint64_t x[5];

	x[0] = fuzz_fid(&in, fids, sizeof(fids) / sizeof(fids[0]));
	for (int k = 1; k < 5; k++)
		x[k] = take(2) ? take(4) : take(2) ? some_addr(actor) : fuzz_take(&in, 8);
	if (x[0] == FFA_RXTX_MAP_64 && actor != WORLD_NWD && take(2)) {
		x[1] = WORLD_SP_IPA + take(WORLD_SP_PAGES) * FFA_PAGE_SIZE;
		x[2] = WORLD_SP_IPA + take(WORLD_SP_PAGES) * FFA_PAGE_SIZE;
	}
	/* A partition's memory calls come from partitions only: that is what the model runs. */
	if (actor != WORLD_NWD && ffa_is_direct_resp((uint32_t)x[0]))
		x[0] = FFA_FEATURES;
	return call(actor, x[0], x[1], x[2], x[3], x[4]);
}

/* One step by `actor`; false for a fault (no call, no result). */
static bool step(unsigned actor, struct ffa_value *r)
{
	unsigned op = take(16);

	if (actor == WORLD_NWD) {
		switch (op % 5) {
		case 0:
		case 1:
			*r = send(actor);
			return true;
		case 2:
			*r = reclaim(actor);
			return true;
		case 3:
			*r = client_flow(actor);
			return true;
		default:
			*r = stray(actor);
			return true;
		}
	}
	switch (op) {
	case 0:
	case 1:
	case 2:
		*r = send(actor);
		return true;
	case 3:
	case 4:
	case 5:
	case 6:
		*r = retrieve(actor);
		return true;
	case 7:
	case 8:
	case 9:
		*r = relinquish(actor);
		return true;
	case 10:
	case 11:
		*r = reclaim(actor);
		return true;
	case 12:
		*r = client_flow(actor);
		return true;
	case 13:
		if (take(4) == 0) {
			world_sp_fault(actor);
			return false;
		}
		/* fall through */
	default:
		*r = stray(actor);
		return true;
	}
}

/* Do the slot's pages hold the partition's RX/TX buffers? */
static bool holds_buffers(const struct mem_slot *s, const struct rxtx *b)
{
	for (uint32_t r = 0; r < s->tx.range_count; r++) {
		uint64_t lo = s->tx.ranges[r].base, hi = lo + s->tx.ranges[r].pages * FFA_PAGE_SIZE;

		if ((b->tx_pa < hi && lo < b->tx_pa + b->pages * FFA_PAGE_SIZE) ||
		    (b->rx_pa < hi && lo < b->rx_pa + b->pages * FFA_PAGE_SIZE))
			return true;
	}
	return false;
}

/*
 * Partition i gives back one retrieval of `s`. It needs its TX for that, outside the
 * retrieved pages; if it has none (the input left it so), it is stopped instead, which
 * gives back everything it holds.
 */
static void give_back(unsigned i, const struct mem_slot *s)
{
	const struct rxtx *b = &spmc_partitions[i].rxtx;
	int32_t rc;

	if (!b->tx_pa)
		world_sp_call(
		    i, (struct ffa_value){
			   { FFA_RXTX_MAP_64, WORLD_SP_IPA + WORLD_SP_TX_PAGE * FFA_PAGE_SIZE,
			     WORLD_SP_IPA + WORLD_SP_RX_PAGE * FFA_PAGE_SIZE, 1 } });
	world_set_actor(i);
	rc = b->tx_pa ? ffa_mem_relinquish(&(struct ffa_mem_buffers){ world_ptr(b->tx_pa),
								      world_ptr(b->rx_pa), 4096 },
					   WORLD_SP_ID(i), s->handle, 0)
		      : FFA_RET_DENIED;
	if (rc) {
		assert(rc == FFA_RET_DENIED && (!b->tx_pa || holds_buffers(s, b)));
		world_sp_fault(i);
		assert(world_check());
	}
}

/*
 * Everyone gives back what they hold, lenders reclaim. An aborted lender's transactions are
 * reclaimed by the SPMC itself once nobody holds them: nothing may remain.
 */
static void release_everything(void)
{
	const struct mem_table *t = spmc_mem_table();

	for (unsigned n = 0; n < MEM_MAX_TRANSACTIONS; n++) {
		const struct mem_slot *s = &t->slots[n];
		uint64_t h = s->handle;
		int lender = h ? world_sp_index(s->tx.lender) : -1;

		for (uint32_t b = 0; h && b < s->tx.borrower_count; b++) {
			int i = world_sp_index(s->borrowers[b].id);

			while (i >= 0 && s->handle == h && s->borrowers[b].retrieves)
				give_back((unsigned)i, s);
		}
		if (!h || s->handle != h)
			continue;
		assert(lender < 0 || !world_sp_aborted((unsigned)lender));
		world_set_actor(lender >= 0 ? (unsigned)lender : WORLD_NWD);
		assert(ffa_mem_reclaim(h, 0) == 0);
	}
	for (unsigned n = 0; n < MEM_MAX_TRANSACTIONS; n++)
		assert(!t->slots[n].handle);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	in = (struct fuzz_input){ data, size };
	world_strict = false;
	world_reset(true);
	world_strict = true; /* from here every call is checked (spmc_world.h) */
	assert(world_check());
	while (in.left) {
		unsigned actor = take(WORLD_SPS + 1);
		struct ffa_value r;

		if (actor != WORLD_NWD && world_sp_aborted(actor))
			continue;
		step(actor, &r);
		assert(world_check());
	}
	release_everything();
	return 0;
}
