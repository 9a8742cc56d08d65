// SPDX-License-Identifier: BSD-3-Clause
/*
 * The normal-world half of the memory-management host model (see
 * nshyp_world.h): nshyp and two guests in front of the SPMC of spmc_world.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arch/sysreg.h>

#include "../../hyp/role/nshyp/vm_mem.h"
#include "host_guests.h"
#include "nshyp_world.h"

#define GUEST_TABLES 32

const struct sys_sp nshyp_sps[WORLD_SPS] = {
	{ .name = "A", .ffa_id = 0x8001, .uuid = { 1 }, .properties = 0x103 },
	{ .name = "B", .ffa_id = 0x8002, .uuid = { 2 }, .properties = 0x103 },
	{ .name = "C", .ffa_id = 0x8003, .uuid = { 3 }, .properties = 0x103 },
};
const unsigned nshyp_sp_count = WORLD_SPS;
const struct sys_vm nshyp_vms[NSW_GUESTS] = {
	{ .name = "guest1",
	  .vm_id = 1,
	  .allowed_sp = { 0x8001, 0x8002 },
	  .allowed_sp_count = 2,
	  .allowed_vm = { 2 }, /* VM to VM: guest1 may lend to guest2 (vm_mem.c) */
	  .allowed_vm_count = 1 },
	{ .name = "guest2", .vm_id = 2, .allowed_sp = { 0x8003 }, .allowed_sp_count = 1 },
};
const unsigned nshyp_vm_count = NSW_GUESTS;

struct guest nsw_guests[NSW_GUESTS];
bool nsw_stopped[NSW_GUESTS];
static uint64_t nshyp_tx_host; /* where nshyp's own TX really is (its RXTX_MAP) */

/* The monitor: nshyp's call goes to the SPMC, with nshyp's TX copied where the SPMC reads it. */
void nshyp_forward(struct ffa_value *m)
{
	uint32_t fid = (uint32_t)m->x[0];

	switch (fid) {
	case FFA_RXTX_MAP_64:
		if (!m->x[1]) { /* a guest's pair forwarded: the descriptor in nshyp's TX */
			memcpy(world_ptr(WORLD_NWD_TX), (void *)(uintptr_t)nshyp_tx_host,
			       FFA_PAGE_SIZE);
			break;
		}
		nshyp_tx_host = m->x[1];
		m->x[1] = WORLD_NWD_TX;
		m->x[2] = WORLD_NWD_RX;
		break;
	case FFA_MEM_SHARE_32:
	case FFA_MEM_LEND_32:
	case FFA_MEM_DONATE_32:
	case FFA_MEM_SHARE_64:
	case FFA_MEM_LEND_64:
	case FFA_MEM_DONATE_64:
		if ((uint32_t)m->x[2] <= FFA_PAGE_SIZE)
			memcpy(world_ptr(WORLD_NWD_TX), (void *)(uintptr_t)nshyp_tx_host,
			       (uint32_t)m->x[2]);
		break;
	case FFA_MEM_FRAG_TX:
		if ((uint32_t)m->x[3] <= FFA_PAGE_SIZE)
			memcpy(world_ptr(WORLD_NWD_TX), (void *)(uintptr_t)nshyp_tx_host,
			       (uint32_t)m->x[3]);
		break;
	default:
		break;
	}
	*m = world_nwd_call(*m);
}

static struct ffa_value guest_raw(unsigned g, struct ffa_value c)
{
	struct guest *gu = &nsw_guests[g];

	memcpy(vcpu_ffa(&gu->vm.vcpus[0]), &c, sizeof(c));
	gu->vm.vcpus[0].state = VCPU_RUNNING;
	nshyp_guest_call(gu);
	return *vcpu_ffa(&gu->vm.vcpus[0]);
}

/* lib/ffa_mem_client.c in a guest: its SMCs go to nshyp. */
static struct ffa_value guest_smc(unsigned actor, struct ffa_value in)
{
	return nsw_guest_call(actor - NSW_ACTOR(0), in);
}

void nsw_reset(void)
{
	static struct s2_pool pool;
	const struct sys_dev device = { NSW_DEVICE, FFA_PAGE_SIZE };
	bool strict = world_strict;

	world_strict = false;
	world_reset(true);
	/* The normal world's buffers at the SPMC are nshyp's: it registers them itself. */
	if ((uint32_t)world_nwd_call((struct ffa_value){ { FFA_RXTX_UNMAP } }).x[0] !=
	    FFA_SUCCESS_32)
		abort();
	nshyp_mem_init();
	world_other_actor = guest_smc;
	pool = (struct s2_pool){ .tables = (s2_table_t *)(uintptr_t)(PLAT_SEC_RAM_BASE + 0xc00000),
				 .count = GUEST_TABLES };
	memset(nsw_guests, 0, sizeof(nsw_guests));
	memset(nsw_stopped, 0, sizeof(nsw_stopped));
	host_guest_count = NSW_GUESTS;
	for (unsigned g = 0; g < NSW_GUESTS; g++) {
		struct guest *gu = &nsw_guests[g];
		struct sys_mem mem = { nsw_guest_pa(g, 0), NSW_GUEST_IPA,
				       NSW_GUEST_PAGES * FFA_PAGE_SIZE, 0 };

		host_guests[g] = (struct host_guest){ .id = NSW_VM_ID(g), .g = gu };
		nshyp_guest_init(gu, &nshyp_vms[g]);
		if (vm_init(&gu->vm, NSW_VM_ID(g), nshyp_vms[g].name, &mem, &device, 1, 0, &pool))
			abort();
		if ((uint32_t)guest_raw(
			g, (struct ffa_value){ { FFA_RXTX_MAP_64, nsw_guest_ipa(NSW_GUEST_TX_PAGE),
						 nsw_guest_ipa(NSW_GUEST_RX_PAGE), 1 } })
			.x[0] != FFA_SUCCESS_32)
			abort();
	}
	world_strict = strict;
}

/* ---- the invariants ------------------------------------------------------------------------ */

static bool live_lend_of(uint64_t pa, const struct mem_slot **which)
{
	const struct mem_table *t = spmc_mem_table();

	for (unsigned s = 0; s < MEM_MAX_TRANSACTIONS; s++)
		for (uint32_t r = 0; t->slots[s].handle && r < t->slots[s].tx.range_count; r++) {
			const struct mem_range *m = &t->slots[s].tx.ranges[r];

			if (pa >= m->base && pa < m->base + (uint64_t)m->pages * FFA_PAGE_SIZE) {
				*which = &t->slots[s];
				return t->slots[s].tx.type != MEM_TX_SHARE;
			}
		}
	*which = 0;
	return false;
}

/* A LEND/DONATE of nshyp's own (VM to VM) holding pa, or a page donated to the other guest. */
static bool vm_lend_of(unsigned g, uint64_t pa)
{
	const struct mem_table *t = vm_mem_table();
	uint64_t got;
	unsigned attr;

	for (unsigned s = 0; s < MEM_MAX_TRANSACTIONS; s++)
		for (uint32_t r = 0; t->slots[s].handle && r < t->slots[s].tx.range_count; r++) {
			const struct mem_range *m = &t->slots[s].tx.ranges[r];

			if (pa >= m->base && pa < m->base + (uint64_t)m->pages * FFA_PAGE_SIZE)
				return t->slots[s].tx.type != MEM_TX_SHARE;
		}
	return s2_lookup(&nsw_guests[1 - g].vm.s2, pa + VM_MEM_IPA_OFFSET, &got, &attr) &&
	       got == pa;
}

/*
 * The borrower side of nshyp's transactions: a retrieving borrower maps each page at
 * PA + VM_MEM_IPA_OFFSET with the effective permissions, a pending or relinquished one not.
 */
static bool check_vm_borrowers(void)
{
	const struct mem_table *t = vm_mem_table();

	for (unsigned s = 0; s < MEM_MAX_TRANSACTIONS; s++) {
		const struct mem_slot *sl = &t->slots[s];
		const struct guest *b;

		if (!sl->handle)
			continue;
		b = nshyp_guest_by_id(sl->borrowers[0].id);
		for (uint32_t r = 0; r < sl->tx.range_count; r++) {
			uint64_t pa = sl->tx.ranges[r].base, got;
			unsigned attr;
			bool held = sl->borrowers[0].retrieves != 0;
			bool mapped = s2_lookup(&b->vm.s2, pa + VM_MEM_IPA_OFFSET, &got, &attr);
			unsigned want = S2_READ | ((sl->borrowers[0].mapped & FFA_MEM_DATA_MASK) ==
							   FFA_MEM_DATA_RW
						       ? S2_WRITE
						       : 0);

			if (mapped != held || (held && (got != pa || (attr & S2_RW) != want))) {
				fprintf(stderr, "invariant: VM %u's borrowed page 0x%llx: %s\n",
					sl->borrowers[0].id, (unsigned long long)pa,
					mapped ? "mapped wrongly" : "not mapped");
				return false;
			}
		}
	}
	return true;
}

static bool check_guest(unsigned g)
{
	const struct guest *gu = &nsw_guests[g];

	for (unsigned p = 0; p < NSW_GUEST_PAGES; p++) {
		uint64_t pa = nsw_guest_pa(g, p), got;
		const struct mem_slot *s;
		bool lent = live_lend_of(pa, &s) || vm_lend_of(g, pa);
		unsigned attr;
		bool mapped = s2_lookup(&gu->vm.s2, nsw_guest_ipa(p), &got, &attr);

		if (s && s->tx.lender != gu->vm.id) {
			fprintf(stderr,
				"invariant: guest %u's page %u is in VM 0x%x's transaction\n", g, p,
				s->tx.lender);
			return false;
		}
		/* A stopped guest never runs again: what it got back need not be mapped. */
		if ((nsw_stopped[g] && !mapped && !lent) ||
		    (mapped == !lent && (!mapped || (got == pa && attr == S2_RWX))))
			continue;
		fprintf(stderr,
			"invariant: guest %u's page %u: %s (PA 0x%llx attr 0x%x), expected %s\n", g,
			p, mapped ? "mapped" : "not mapped", (unsigned long long)got,
			mapped ? attr : 0, lent ? "not mapped (lent)" : "mapped RWX");
		return false;
	}
	/* nshyp reads the guest's TX and writes its RX: they must stay the guest's. */
	if (gu->rxtx.tx_pa) {
		for (uint32_t p = 0; p < gu->rxtx.pages; p++) {
			const struct mem_slot *s;

			if (live_lend_of(gu->rxtx.tx_pa + p * FFA_PAGE_SIZE, &s) ||
			    live_lend_of(gu->rxtx.rx_pa + p * FFA_PAGE_SIZE, &s)) {
				fprintf(stderr,
					"invariant: guest %u's RX/TX buffers are lent away\n", g);
				return false;
			}
		}
	}
	return true;
}

void nsw_guest_stop(unsigned g)
{
	nsw_stopped[g] = true;
	host_guests[g].ended = true; /* nshyp_guest_live() is false from now on */
	nshyp_mem_guest_stopped(&nsw_guests[g]);
	if (world_strict && !nsw_check()) {
		fprintf(stderr, "after guest %u stopped\n", g);
		world_fail();
	}
}

bool nsw_check(void)
{
	const struct mem_table *t = spmc_mem_table();
	unsigned vm_lent = 0;

	if (!world_check())
		return false;
	for (unsigned s = 0; s < MEM_MAX_TRANSACTIONS; s++)
		vm_lent += t->slots[s].handle && !ffa_id_is_secure(t->slots[s].tx.lender);
	vm_lent += vm_mem_live(); /* nshyp's own, VM to VM */
	if (vm_lent != nshyp_mem_live()) {
		fprintf(stderr, "invariant: nshyp keeps %u transactions, the SPMC %u from VMs\n",
			nshyp_mem_live(), vm_lent);
		return false;
	}
	for (unsigned g = 0; g < NSW_GUESTS; g++)
		if (!check_guest(g))
			return false;
	return check_vm_borrowers() && mem_table_check(vm_mem_table());
}

/* A guest's view, for refusals: its stage 2 over its memory, and the memory itself. */
struct guest_view {
	struct {
		uint64_t pa;
		unsigned attr;
		bool mapped;
	} s2[NSW_GUESTS][NSW_GUEST_PAGES];
	unsigned live;
};

static void read_view(struct guest_view *v)
{
	memset(v, 0, sizeof(*v));
	for (unsigned g = 0; g < NSW_GUESTS; g++)
		for (unsigned p = 0; p < NSW_GUEST_PAGES; p++)
			v->s2[g][p].mapped = s2_lookup(&nsw_guests[g].vm.s2, nsw_guest_ipa(p),
						       &v->s2[g][p].pa, &v->s2[g][p].attr);
	v->live = nshyp_mem_live();
}

struct ffa_value nsw_guest_call(unsigned g, struct ffa_value c)
{
	static struct guest_view before, after;
	struct world_snapshot *snap;
	struct ffa_value r;
	unsigned long flushes;
	bool strict = world_strict;

	if (!strict)
		return guest_raw(g, c);
	read_view(&before);
	snap = world_snapshot_take(1);
	flushes = fake_tlb_flushes;
	/* The SPMC's own checks run on every forwarded call; the snapshot is nshyp's call's. */
	r = guest_raw(g, c);
	read_view(&after);
	if (memcmp(before.s2, after.s2, sizeof(before.s2)) && flushes == fake_tlb_flushes) {
		fprintf(stderr, "guest %u's call 0x%x changed its stage 2 without a TLB flush\n", g,
			(uint32_t)c.x[0]);
		world_fail();
	}
	if (!nsw_check()) {
		fprintf(stderr, "after guest %u's call 0x%x (result 0x%llx %d)\n", g,
			(uint32_t)c.x[0], (unsigned long long)r.x[0], (int)r.x[2]);
		world_fail();
	}
	if ((uint32_t)r.x[0] == FFA_ERROR) {
		if (memcmp(&before, &after, sizeof(before)) || !world_snapshot_same(snap, false)) {
			fprintf(stderr,
				"guest %u's call 0x%x was refused (%d) but changed the world\n", g,
				(uint32_t)c.x[0], (int)r.x[2]);
			world_fail();
		}
	}
	return r;
}
