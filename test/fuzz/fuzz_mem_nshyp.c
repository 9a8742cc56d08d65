// SPDX-License-Identifier: BSD-3-Clause
/*
 * libFuzzer target for nshyp's FF-A memory management (hyp/role/nshyp/mem_nshyp.c
 * behind guest_calls.c) in front of the real SPMC, in the host model of
 * test/fuzz/nshyp_world.c. The input is a sequence of steps: a guest sends
 * DONATE/LEND/SHARE with descriptors naming its IPAs (built well-formed,
 * then mutated; whole or in fragments), FRAG_TX, RECLAIM of its own, another
 * guest's or made-up handles, (un)maps its buffers, or stops; a partition
 * retrieves or relinquishes what it was given. After every call the
 * invariants of nsw_check() and world_check() hold and a refused call
 * changed nothing on either side. At the end partitions give everything
 * back and guests reclaim it: only what a stopped guest lent may remain.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <lib/ffa_mem_client.h>

#include "../../hyp/role/nshyp/vm_mem.h"
#include "fuzz_input.h"
#include "nshyp_world.h"

static struct fuzz_input in;

static const uint32_t send_fids[] = {
	FFA_MEM_SHARE_32, FFA_MEM_LEND_32, FFA_MEM_DONATE_32,
	FFA_MEM_SHARE_64, FFA_MEM_LEND_64, FFA_MEM_DONATE_64,
};
static const uint8_t perm_choices[] = {
	FFA_MEM_DATA_RW,
	FFA_MEM_DATA_RO,
	FFA_MEM_DATA_RW | FFA_MEM_INSTR_X,
	FFA_MEM_DATA_NOT_SPECIFIED,
	FFA_MEM_DATA_RESERVED,
};

static unsigned take(unsigned n)
{
	return (unsigned)(fuzz_take(&in, 1) % n);
}

static struct ffa_value guest(unsigned g, uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3,
			      uint64_t x4)
{
	return nsw_guest_call(g, (struct ffa_value){ { x0, x1, x2, x3, x4 } });
}

static ffa_id_t some_id(void)
{
	switch (take(8)) {
	case 0:
		return (ffa_id_t)fuzz_take(&in, 2);
	case 1:
		return (ffa_id_t)(1 + take(3));
	default:
		return WORLD_SP_ID(take(WORLD_SPS));
	}
}

/* A guest address: mostly its own pages, sometimes past them, unaligned, or anything. */
static uint64_t some_ipa(void)
{
	switch (take(16)) {
	case 0:
		return fuzz_take(&in, 8);
	case 1:
		return NSW_GUEST_IPA + take(NSW_GUEST_PAGES) * FFA_PAGE_SIZE + 8;
	case 2:
		return nsw_guest_pa(take(NSW_GUESTS), take(NSW_GUEST_PAGES));
	default:
		return nsw_guest_ipa(take(NSW_GUEST_PAGES + 2));
	}
}

static uint32_t build_desc(unsigned g, uint32_t fid, uint8_t *d, uint32_t max)
{
	struct ffa_mem_grant grants[MEM_MAX_BORROWERS + 1];
	struct ffa_mem_range ranges[MEM_MAX_CONSTITUENTS + 1];
	uint32_t ng = 1 + take(2), nr = 1 + take(4), len, n;
	bool multi = (fid & 0xff) == 0x73 || ((fid & 0xff) == 0x72 && ng > 1);
	uint32_t flags = (fid & 0xff) != 0x73 && !take(4) ? FFA_MEM_FLAG_ZERO : 0;

	if (!take(16))
		ng = take(MEM_MAX_BORROWERS + 2);
	if (!take(32))
		nr = MEM_MAX_CONSTITUENTS + take(2);
	for (uint32_t i = 0; i < ng; i++)
		grants[i] =
		    (struct ffa_mem_grant){ take(4) ? WORLD_SP_ID(take(WORLD_SPS)) : some_id(),
					    perm_choices[take(sizeof(perm_choices))] };
	for (uint32_t i = 0; i < nr; i++)
		ranges[i] = (struct ffa_mem_range){ some_ipa(), 1 + take(3) };
	len = ffa_mem_desc_build(d, max, take(16) ? NSW_VM_ID(g) : some_id(), grants, ng, ranges,
				 nr, multi ? FFA_MEM_ATTR_NORMAL_WB_INNER : 0,
				 take(16) ? flags : (uint32_t)fuzz_take(&in, 4),
				 take(4) ? 0 : fuzz_take(&in, 1));
	for (n = take(8); n > 4 && len; n--)
		d[fuzz_take(&in, 2) % len] = (uint8_t)fuzz_take(&in, 1);
	return len;
}

static void send(unsigned g)
{
	static uint8_t desc[4096];
	uint32_t fid = send_fids[take(6)];
	uint32_t total = build_desc(g, fid, desc, sizeof(desc));
	uint32_t frag_max = take(3) ? 4096 : 16 + (uint32_t)(fuzz_take(&in, 2) % 400);
	uint8_t *tx = world_ptr(nsw_guest_pa(g, NSW_GUEST_TX_PAGE));
	uint32_t sent, frag;
	struct ffa_value r;

	if (!total)
		total = 1 + (uint32_t)(fuzz_take(&in, 2) % sizeof(desc));
	frag = total < frag_max ? total : frag_max;
	memcpy(tx, desc, frag);
	r = take(16) ? guest(g, fid, total, frag, 0, 0)
		     : guest(g, fid, fuzz_take(&in, 4), fuzz_take(&in, 4), take(2), 0);
	sent = frag;
	while ((uint32_t)r.x[0] == FFA_MEM_FRAG_RX && sent < total && take(32)) {
		frag = total - sent < frag_max ? total - sent : frag_max;
		memcpy(tx, desc + sent, frag);
		if (!take(32))
			frag = (uint32_t)fuzz_take(&in, 2);
		r = guest(g, FFA_MEM_FRAG_TX, take(16) ? r.x[1] : fuzz_take(&in, 4), r.x[2], frag,
			  0);
		sent += frag;
	}
}

/* A live transaction at the SPMC, or 0. */
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

static void reclaim(unsigned g)
{
	const struct mem_slot *s = some_slot();
	uint64_t h = s && take(8) ? s->handle : fuzz_take(&in, 8);

	if (s && take(4) && !ffa_id_is_secure(s->tx.lender) && !nsw_stopped[s->tx.lender - 1])
		g = s->tx.lender - 1u; /* usually its lender */
	guest(g, FFA_MEM_RECLAIM, (uint32_t)h, h >> 32, take(4) ? 0 : take(4), take(16) ? 0 : 1);
}

static struct ffa_mem_buffers sp_bufs(unsigned i)
{
	return (struct ffa_mem_buffers){ world_sp_tx(i), world_sp_rx(i), FFA_PAGE_SIZE };
}

/* A partition takes or gives back a guest's memory (well-formed: the SPMC side is fuzzed apart). */
static void partition_step(void)
{
	const struct mem_slot *s = some_slot();
	struct ffa_mem_buffers b;
	struct ffa_mem_retrieved out;
	unsigned i;
	int j;

	if (!s)
		return;
	j = world_sp_index(s->borrowers[take(s->tx.borrower_count)].id);
	i = j >= 0 ? (unsigned)j : take(WORLD_SPS);
	b = sp_bufs(i);
	world_set_actor(i);
	if (take(2))
		ffa_mem_retrieve(&b, WORLD_SP_ID(i), s->tx.lender, s->handle,
				 take(2) ? 0 : perm_choices[take(sizeof(perm_choices))],
				 take(4) ? 0 : FFA_MEM_FLAG_ZERO, &out);
	else
		ffa_mem_relinquish(&b, WORLD_SP_ID(i), s->handle,
				   take(4) ? 0 : FFA_MEM_RELINQUISH_ZERO);
}

/* Guest 2 takes or gives back what guest 1 lent it (nshyp's VM-to-VM table, vm_mem.c). */
static void vm_borrower_step(void)
{
	const struct mem_table *t = vm_mem_table();
	struct ffa_mem_buffers b = { world_ptr(nsw_guest_pa(1, NSW_GUEST_TX_PAGE)),
				     world_ptr(nsw_guest_pa(1, NSW_GUEST_RX_PAGE)), FFA_PAGE_SIZE };
	struct ffa_mem_retrieved out;
	unsigned k = t->live && take(8) ? take(t->live) + 1 : 0; /* mostly a live one */
	uint64_t h = k ? 0 : fuzz_take(&in, 8);

	for (unsigned n = 0; k && n < MEM_MAX_TRANSACTIONS; n++)
		if (t->slots[n].handle && !--k)
			h = t->slots[n].handle;
	if (nsw_stopped[1])
		return;
	world_set_actor(NSW_ACTOR(1));
	if (take(2))
		ffa_mem_retrieve(&b, NSW_VM_ID(1), take(8) ? NSW_VM_ID(0) : NSW_VM_ID(1), h,
				 take(2) ? 0 : perm_choices[take(sizeof(perm_choices))],
				 take(4) ? 0 : FFA_MEM_FLAG_ZERO << take(3), &out);
	else
		ffa_mem_relinquish(&b, NSW_VM_ID(1), h, take(4) ? 0 : FFA_MEM_RELINQUISH_ZERO);
}

static void stray(unsigned g)
{
	static const uint32_t fids[] = {
		FFA_MEM_FRAG_TX,    FFA_MEM_FRAG_RX, FFA_MEM_RETRIEVE_REQ_32,
		FFA_MEM_RELINQUISH, FFA_RXTX_MAP_64, FFA_RXTX_UNMAP,
		FFA_FEATURES,	    FFA_MEM_RECLAIM, FFA_PARTITION_INFO_GET,
	};
	uint64_t x[5];

	x[0] = fuzz_fid(&in, fids, sizeof(fids) / sizeof(fids[0]));
	for (int k = 1; k < 5; k++)
		x[k] = take(2) ? take(4) : take(2) ? some_ipa() : fuzz_take(&in, 8);
	/* Direct requests and FFA_RUN are fuzz_nshyp's; here the memory calls are. */
	if (ffa_is_direct_req((uint32_t)x[0]) || (uint32_t)x[0] == FFA_RUN)
		x[0] = FFA_FEATURES;
	guest(g, x[0], x[1], x[2], x[3], x[4]);
}

static void step(void)
{
	unsigned g = take(NSW_GUESTS), op = take(16);

	if (op >= 14) {
		partition_step();
		return;
	}
	if (op >= 12) {
		vm_borrower_step();
		return;
	}
	if (nsw_stopped[g])
		return;
	if (op < 5)
		send(g);
	else if (op < 8)
		reclaim(g);
	else if (op == 8 && !take(4)) {
		nsw_guest_stop(g);
	} else
		stray(g);
}

/* VM to VM: guest 2 relinquishes all it holds, guest 1 reclaims; only a stopped lender's stay. */
static void release_vm_to_vm(void)
{
	const struct mem_table *t = vm_mem_table();
	struct ffa_mem_buffers b = { world_ptr(nsw_guest_pa(1, NSW_GUEST_TX_PAGE)),
				     world_ptr(nsw_guest_pa(1, NSW_GUEST_RX_PAGE)), FFA_PAGE_SIZE };

	for (unsigned n = 0; n < MEM_MAX_TRANSACTIONS; n++) {
		uint64_t h = t->slots[n].handle;

		while (h && t->slots[n].handle == h && t->slots[n].borrowers[0].retrieves) {
			world_set_actor(NSW_ACTOR(1));
			assert(ffa_mem_relinquish(&b, NSW_VM_ID(1), h, 0) == 0);
		}
		if (t->slots[n].handle == h && h && !nsw_stopped[0])
			assert(
			    (uint32_t)guest(0, FFA_MEM_RECLAIM, (uint32_t)h, h >> 32, 0, 0).x[0] ==
			    FFA_SUCCESS_32);
	}
	assert(vm_mem_live() == 0 || nsw_stopped[0]);
}

/* Partitions give everything back; guests that still run reclaim what they lent. */
static void release_everything(void)
{
	const struct mem_table *t = spmc_mem_table();

	for (unsigned n = 0; n < MEM_MAX_TRANSACTIONS; n++) {
		const struct mem_slot *s = &t->slots[n];
		uint64_t h = s->handle;
		ffa_id_t lender = s->tx.lender;

		for (uint32_t b = 0; h && b < s->tx.borrower_count; b++) {
			int i = world_sp_index(s->borrowers[b].id);

			while (i >= 0 && s->borrowers[b].retrieves) {
				struct ffa_mem_buffers buf = sp_bufs((unsigned)i);

				world_set_actor((unsigned)i);
				assert(ffa_mem_relinquish(&buf, WORLD_SP_ID(i), h, 0) == 0);
			}
		}
		if (!h || ffa_id_is_secure(lender) || nsw_stopped[lender - 1])
			continue;
		assert((uint32_t)guest(lender - 1u, FFA_MEM_RECLAIM, (uint32_t)h, h >> 32, 0, 0)
			   .x[0] == FFA_SUCCESS_32);
	}
	for (unsigned n = 0; n < MEM_MAX_TRANSACTIONS; n++)
		assert(!t->slots[n].handle || nsw_stopped[t->slots[n].tx.lender - 1]);
	release_vm_to_vm();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	in = (struct fuzz_input){ data, size };
	world_strict = false;
	nsw_reset();
	world_strict = true;
	assert(nsw_check());
	while (in.left)
		step();
	release_everything();
	return 0;
}
