// SPDX-License-Identifier: BSD-3-Clause
/*
 * The host model of the secure side for the memory-management tests and
 * fuzz targets (see spmc_world.h): physical memory at the platform's
 * addresses, partitions driven through the real dispatcher, and the
 * invariants that tie the SPMC's transaction table to its stage 2s.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <abi/smccc.h>
#include <arch/smc.h>
#include <arch/sysreg.h>

#include "fake_phys.h"
#include "spmc_world.h"

extern struct vcpu_exit fake_next_exit;

#define POOL_TABLES 96
#define SP_BYTES    (WORLD_SP_PAGES * FFA_PAGE_SIZE)
#define NS_BYTES    (WORLD_NS_POOL_PAGES * FFA_PAGE_SIZE)
/* The pages the invariants follow: every partition's, the NS pool, the NWd's two buffers. */
#define U_SP	 (WORLD_SPS * WORLD_SP_PAGES)
#define U_NS	 (U_SP + WORLD_NS_POOL_PAGES)
#define U_PAGES	 (U_NS + 2)
#define NO_OWNER 0xff

static s2_table_t *tables;
static struct sys_sp cfgs[WORLD_SPS];
static unsigned actor = WORLD_NWD;

/* What each partition does when it next runs. */
enum sp_phase {
	SP_IDLE,
	SP_CALL,
	SP_ANSWERED,
	SP_FAULT
};
static struct {
	enum sp_phase phase;
	struct ffa_value call, result;
} sps[WORLD_SPS];

/* Pages given away for good: the partition that owns them now (NO_OWNER: nobody new). */
static uint8_t donated_to[U_PAGES];
/*
 * Who held each page before each donation of it, newest last: where the SPMC gives it back
 * when the partition it was donated to is aborted (LOST: nobody, that one was aborted too).
 * Each partition keeps at most 8 donations (MEM_MAX_DONATIONS), so the depth is bounded.
 */
#define LOST	    0xfe
#define HELD_BEFORE 32
static uint8_t held_before[U_PAGES][HELD_BEFORE];
static uint8_t held_depth[U_PAGES];

/* Physical memory at the platform's addresses, once per process. */
static void map_physical_memory(void)
{
	fake_phys_map();
	/* The stage-2 tables live in secure RAM too, out of the partitions' way. */
	tables = (s2_table_t *)(uintptr_t)(PLAT_SEC_RAM_BASE + 0x800000);
}

static unsigned sp_of_regs(const struct arch_regs *r)
{
	for (unsigned i = 0; i < WORLD_SPS; i++)
		if (&spmc_partitions[i].vm.vcpus[0].regs == r)
			return i;
	abort();
}

/* The "partition": at boot it waits; in a request it makes its call, then responds. */
unsigned arch_enter_lower(struct arch_regs *r)
{
	unsigned i = sp_of_regs(r);
	struct sp *sp = &spmc_partitions[i];

	fake_next_exit.reason = VCPU_EXIT_CALL;
	switch (sps[i].phase) {
	case SP_CALL:
		memcpy(r->x, sps[i].call.x, sizeof(sps[i].call.x));
		sps[i].phase = SP_ANSWERED;
		return EXIT_SYNC;
	case SP_ANSWERED:
		memcpy(sps[i].result.x, r->x, sizeof(sps[i].result.x));
		memset(r->x, 0, sizeof(r->x));
		r->x[0] = spmc_request_is_64(sp) ? FFA_MSG_SEND_DIRECT_RESP_64
						 : FFA_MSG_SEND_DIRECT_RESP_32;
		r->x[1] = ffa_msg_ids(sp->vm.id, (ffa_id_t)sp->requester);
		sps[i].phase = SP_IDLE;
		return EXIT_SYNC;
	case SP_FAULT:
		fake_next_exit.reason = VCPU_EXIT_ABORT;
		sps[i].phase = SP_IDLE;
		return EXIT_SYNC;
	default:
		/* Nothing scripted: it answers a request at once, or waits. */
		memset(r->x, 0, sizeof(r->x));
		r->x[0] = FFA_MSG_WAIT;
		if (sp->requester != SPMC_NO_REQUESTER) {
			r->x[0] = spmc_request_is_64(sp) ? FFA_MSG_SEND_DIRECT_RESP_64
							 : FFA_MSG_SEND_DIRECT_RESP_32;
			r->x[1] = ffa_msg_ids(sp->vm.id, (ffa_id_t)sp->requester);
		}
		return EXIT_SYNC;
	}
}

static uint64_t u_pa(unsigned u)
{
	if (u < U_SP)
		return world_sp_pa(u / WORLD_SP_PAGES) + (u % WORLD_SP_PAGES) * FFA_PAGE_SIZE;
	if (u < U_NS)
		return WORLD_NS_POOL + (u - U_SP) * FFA_PAGE_SIZE;
	return WORLD_NWD_TX + (u - U_NS) * FFA_PAGE_SIZE;
}

/* The universe index of a PA, or -1. */
static int u_index(uint64_t pa)
{
	for (unsigned i = 0; i < WORLD_SPS; i++)
		if (pa >= world_sp_pa(i) && pa < world_sp_pa(i) + SP_BYTES)
			return (int)(i * WORLD_SP_PAGES + (pa - world_sp_pa(i)) / FFA_PAGE_SIZE);
	if (pa >= WORLD_NS_POOL && pa < WORLD_NS_POOL + NS_BYTES)
		return (int)(U_SP + (pa - WORLD_NS_POOL) / FFA_PAGE_SIZE);
	if (pa >= WORLD_NWD_TX && pa < WORLD_NWD_TX + 2 * FFA_PAGE_SIZE)
		return (int)(U_NS + (pa - WORLD_NWD_TX) / FFA_PAGE_SIZE);
	return -1;
}

static void fill_memory(void)
{
	for (unsigned i = 0; i < WORLD_SPS; i++)
		memset(world_ptr(world_sp_pa(i)), WORLD_FILL, SP_BYTES);
	memset(world_ptr(WORLD_NS_POOL), WORLD_FILL, NS_BYTES);
	memset(world_ptr(WORLD_NWD_TX), WORLD_FILL, 2 * FFA_PAGE_SIZE);
}

void world_reset(bool buffers)
{
	static struct s2_pool pool;

	map_physical_memory();
	fill_memory();
	memset(spmc_partitions, 0, sizeof(spmc_partitions));
	memset(sps, 0, sizeof(sps));
	memset(donated_to, NO_OWNER, sizeof(donated_to));
	memset(held_depth, 0, sizeof(held_depth));
	memset(spmc_cpus, 0, sizeof(spmc_cpus));
	memset(hyp_loaded_vcpu, 0, sizeof(hyp_loaded_vcpu[0]) * PLAT_MAX_CPUS);
	actor = WORLD_NWD;
	pool = (struct s2_pool){ .tables = tables, .count = POOL_TABLES };
	for (unsigned i = 0; i < WORLD_SPS; i++) {
		struct sys_sp *c = &cfgs[i];

		memset(c, 0, sizeof(*c));
		c->name = i == 0 ? "A" : i == 1 ? "B" : "C";
		c->ffa_id = WORLD_SP_ID(i);
		c->uuid[0] = (uint8_t)(i + 1);
		c->properties = 0x103;
		c->mem = (struct sys_mem){ world_sp_pa(i), WORLD_SP_IPA, SP_BYTES, 0 };
		/* A takes VM 1 and 2, B VM 1, C VM 2. */
		if (i != 2)
			c->allowed_vm[c->allowed_vm_count++] = 1;
		if (i != 1)
			c->allowed_vm[c->allowed_vm_count++] = 2;
	}
	spmc_mem_init();
	if (spmc_host_boot(cfgs, WORLD_SPS, &pool) != WORLD_SPS)
		abort();
	if (!buffers)
		return;
	for (unsigned i = 0; i < WORLD_SPS; i++) {
		struct ffa_value r = world_sp_call(
		    i, (struct ffa_value){
			   { FFA_RXTX_MAP_64, WORLD_SP_IPA + WORLD_SP_TX_PAGE * FFA_PAGE_SIZE,
			     WORLD_SP_IPA + WORLD_SP_RX_PAGE * FFA_PAGE_SIZE, 1 } });

		if ((uint32_t)r.x[0] != FFA_SUCCESS_32)
			abort();
	}
	if ((uint32_t)world_nwd_call(
		(struct ffa_value){ { FFA_RXTX_MAP_64, WORLD_NWD_TX, WORLD_NWD_RX, 1 } })
		.x[0] != FFA_SUCCESS_32)
		abort();
}

static struct ffa_value nwd_raw(struct ffa_value m)
{
	spmc_nwd_call(&m);
	return m;
}

uint8_t *world_sp_tx_now(unsigned i)
{
	const struct rxtx *b = &spmc_partitions[i].rxtx;

	return b->tx_pa ? world_ptr(b->tx_pa) : world_sp_tx(i);
}

uint8_t *world_sp_rx_now(unsigned i)
{
	const struct rxtx *b = &spmc_partitions[i].rxtx;

	return b->rx_pa ? world_ptr(b->rx_pa) : world_sp_rx(i);
}

static ffa_id_t vm_bound_to(unsigned i)
{
	return cfgs[i].allowed_vm[0];
}

static void index_table(const struct mem_table *t, const struct mem_slot *where[]);
static void settle_donations(void);

/* A DONATE retrieved: its pages are the retriever's from now on. */
static void note_donation(unsigned i, const struct mem_slot *before, const struct ffa_value *r)
{
	if ((uint32_t)r->x[0] != FFA_MEM_RETRIEVE_RESP || before->tx.type != MEM_TX_DONATE)
		return;
	for (uint32_t k = 0; k < before->tx.range_count; k++)
		world_note_donation(before->tx.ranges[k].base, before->tx.ranges[k].pages,
				    WORLD_SP_ID(i));
}

static struct ffa_value sp_raw(unsigned i, struct ffa_value c)
{
	struct mem_slot before = { 0 };
	struct ffa_value m = { { FFA_MSG_SEND_DIRECT_REQ_32,
				 ffa_msg_ids(vm_bound_to(i), WORLD_SP_ID(i)) } };

	if ((uint32_t)c.x[0] == FFA_MEM_RETRIEVE_REQ_32 ||
	    (uint32_t)c.x[0] == FFA_MEM_RETRIEVE_REQ_64) {
		uint64_t handle;
		const struct mem_slot *s;

		memcpy(&handle, world_sp_tx_now(i) + offsetof(struct ffa_mem_region, handle),
		       sizeof(handle));
		s = mem_tx_find(spmc_mem_table(), handle);
		if (s)
			before = *s;
	}
	sps[i].phase = SP_CALL;
	sps[i].call = c;
	memset(&sps[i].result, 0, sizeof(sps[i].result));
	spmc_nwd_call(&m);
	if (sps[i].phase != SP_IDLE) {
		/* It never ran (aborted, busy): the request's error is the answer. */
		sps[i].phase = SP_IDLE;
		return m;
	}
	if ((uint32_t)m.x[0] != FFA_MSG_SEND_DIRECT_RESP_32)
		abort(); /* the model's partition answered and the SPMC lost it */
	note_donation(i, &before, &sps[i].result);
	return sps[i].result;
}

bool world_strict;
void (*world_on_failure)(void);

/* A broken invariant: the unit tests fail the test case, the fuzz target aborts (a finding). */
void world_fail(void)
{
	if (world_on_failure)
		world_on_failure();
	abort();
}

static bool valid_result(const struct ffa_value *r)
{
	uint32_t w0 = (uint32_t)r->x[0];

	if (w0 == FFA_ERROR)
		return (int32_t)r->x[2] <= -1 && (int32_t)r->x[2] >= -9 && !r->x[1];
	return w0 == FFA_SUCCESS_32 || w0 == FFA_MEM_FRAG_RX || w0 == FFA_MEM_FRAG_TX ||
	       w0 == FFA_MEM_RETRIEVE_RESP || r->x[0] == (uint64_t)-1 /* SMCCC: unknown */;
}

/* Per function ID (low byte): calls answered and calls refused; TESSERA_FUZZ_STATS prints them. */
static unsigned long answered[256], refused[256];

static void print_stats(void)
{
	for (unsigned i = 0; i < 256; i++)
		if (answered[i] || refused[i])
			fprintf(stderr, "fid 0x%02x: %lu answered, %lu refused\n", i, answered[i],
				refused[i]);
}

static void count(const struct ffa_value *c, const struct ffa_value *r)
{
	static bool registered;

	if (!registered && getenv("TESSERA_FUZZ_STATS"))
		atexit(print_stats);
	registered = true;
	if ((uint32_t)r->x[0] == FFA_ERROR)
		refused[c->x[0] & 0xff]++;
	else
		answered[c->x[0] & 0xff]++;
}

/* One call, and (world_strict) the checks that must hold after any call. */
static struct ffa_value checked_call(unsigned who, struct ffa_value c)
{
	struct world_snapshot *snap = world_strict ? world_snapshot_take(0) : 0;
	struct ffa_value r = who == WORLD_NWD ? nwd_raw(c) : sp_raw(who, c);

	count(&c, &r);
	settle_donations();

	if (!snap)
		return r;
	/* Only FF-A calls must get an FF-A answer (SMCCC_VERSION answers a version number). */
	if (smccc_is_ffa(c.x[0]) && !valid_result(&r)) {
		fprintf(stderr, "call 0x%x by %u: result 0x%llx is no FF-A answer\n",
			(uint32_t)c.x[0], who, (unsigned long long)r.x[0]);
		world_fail();
	}
	if (!world_check()) {
		fprintf(stderr, "after call 0x%x by %u (result 0x%llx %d)\n", (uint32_t)c.x[0], who,
			(unsigned long long)r.x[0], (int)r.x[2]);
		world_fail();
	}
	if (world_s2_changed(snap) && !world_tlb_flushed(snap)) {
		fprintf(stderr, "call 0x%x by %u changed a stage 2 without a TLB flush\n",
			(uint32_t)c.x[0], who);
		world_fail();
	}
	if ((uint32_t)r.x[0] == FFA_ERROR && !world_snapshot_same(snap, true)) {
		fprintf(stderr, "call 0x%x by %u was refused (%d) but changed the world\n",
			(uint32_t)c.x[0], who, (int)r.x[2]);
		world_fail();
	}
	return r;
}

struct ffa_value world_nwd_call(struct ffa_value m)
{
	return checked_call(WORLD_NWD, m);
}

struct ffa_value world_sp_call(unsigned i, struct ffa_value c)
{
	return checked_call(i, c);
}

void world_sp_fault(unsigned i)
{
	struct ffa_value m = { { FFA_MSG_SEND_DIRECT_REQ_32,
				 ffa_msg_ids(vm_bound_to(i), WORLD_SP_ID(i)) } };

	sps[i].phase = SP_FAULT;
	spmc_nwd_call(&m);
	sps[i].phase = SP_IDLE;
	settle_donations();
}

bool world_sp_aborted(unsigned i)
{
	return spmc_partitions[i].vm.vcpus[0].state == VCPU_ABORTED;
}

void world_set_actor(unsigned a)
{
	actor = a;
}

int world_sp_index(ffa_id_t id)
{
	for (unsigned i = 0; i < WORLD_SPS; i++)
		if (WORLD_SP_ID(i) == id)
			return (int)i;
	return -1;
}

struct ffa_value (*world_other_actor)(unsigned actor, struct ffa_value in);

struct ffa_value fake_smc(struct ffa_value in)
{
	if (actor > WORLD_NWD && world_other_actor)
		return world_other_actor(actor, in);
	return actor == WORLD_NWD ? world_nwd_call(in) : world_sp_call(actor, in);
}

void world_note_donation(uint64_t pa, uint32_t pages, ffa_id_t new_owner)
{
	for (uint32_t p = 0; p < pages; p++) {
		int u = u_index(pa + (uint64_t)p * FFA_PAGE_SIZE);

		if (u < 0)
			continue;
		if (held_depth[u] == HELD_BEFORE)
			abort(); /* more donations than the SPMC keeps records of */
		held_before[u][held_depth[u]++] = donated_to[u];
		donated_to[u] = (uint8_t)world_sp_index(new_owner);
	}
}

/*
 * Pages donated to an aborted partition and in no transaction go back to whoever held them
 * before that donation (its owner at its own IPA, or the partition it had been donated to),
 * or to nobody if that one is aborted too (mem_spmc.c, settle_aborted()).
 */
static void settle_donations(void)
{
	const struct mem_slot *where[U_PAGES];

	index_table(spmc_mem_table(), where);
	for (unsigned u = 0; u < U_PAGES; u++) {
		unsigned j = donated_to[u], back;

		if (j >= WORLD_SPS || !world_sp_aborted(j) || where[u] || !held_depth[u])
			continue;
		back = held_before[u][--held_depth[u]];
		donated_to[u] = back;
		if (world_sp_aborted(back == NO_OWNER ? u / WORLD_SP_PAGES : back)) {
			donated_to[u] = LOST;
			held_depth[u] = 0;
		}
	}
}

/* ---- the invariants ------------------------------------------------------------------------ */

/* Stage-2 attributes for effective permissions, as the SPMC must map them. */
static unsigned expected_attr(uint8_t perms)
{
	unsigned a = S2_READ;

	if ((perms & FFA_MEM_DATA_MASK) == FFA_MEM_DATA_RW)
		a |= S2_WRITE;
	if ((perms & FFA_MEM_INSTR_MASK) == FFA_MEM_INSTR_X)
		a |= S2_EXEC;
	return a;
}

/* Where each followed page is in the table: the live slot that holds it, or NULL. */
static void index_table(const struct mem_table *t, const struct mem_slot *where[])
{
	memset(where, 0, sizeof(where[0]) * U_PAGES);
	for (unsigned s = 0; s < MEM_MAX_TRANSACTIONS; s++) {
		const struct mem_slot *slot = &t->slots[s];

		for (uint32_t r = 0; slot->handle && r < slot->tx.range_count; r++)
			for (uint32_t p = 0; p < slot->tx.ranges[r].pages; p++) {
				int u =
				    u_index(slot->tx.ranges[r].base + (uint64_t)p * FFA_PAGE_SIZE);

				if (u >= 0)
					where[u] = slot;
			}
	}
}

static bool check_mapping(const char *what, unsigned sp, const struct s2_space *s, uint64_t ipa,
			  uint64_t pa, bool mapped, unsigned attr)
{
	uint64_t got_pa;
	unsigned got_attr;
	bool is = s2_lookup(s, ipa, &got_pa, &got_attr);

	if (is == mapped && (!is || (got_pa == pa && (attr == ~0u || got_attr == attr))))
		return true;
	fprintf(stderr,
		"invariant: %s of partition %u, IPA 0x%llx: %s (PA 0x%llx attr 0x%x), expected "
		"%s (PA 0x%llx attr 0x%x)\n",
		what, sp, (unsigned long long)ipa, is ? "mapped" : "not mapped",
		(unsigned long long)(is ? got_pa : 0), is ? got_attr : 0,
		mapped ? "mapped" : "not mapped", (unsigned long long)pa, attr);
	return false;
}

static const struct mem_borrower *borrower_in(const struct mem_slot *s, ffa_id_t id)
{
	for (uint32_t b = 0; s && b < s->tx.borrower_count; b++)
		if (s->borrowers[b].id == id)
			return &s->borrowers[b];
	return 0;
}

/* Is page u where it should be in partition j's spaces? */
static bool check_page(unsigned u, unsigned j, const struct mem_slot *slot)
{
	const struct sp *sp = &spmc_partitions[j];
	uint64_t pa = u_pa(u);
	bool ns = u >= U_SP;
	const struct s2_space *home = ns ? &sp->s2_ns : &sp->vm.s2;
	const struct s2_space *other = ns ? &sp->vm.s2 : &sp->s2_ns;
	const struct mem_borrower *b = borrower_in(slot, sp->vm.id);
	bool lent_away = slot && slot->tx.type != MEM_TX_SHARE;
	bool mine = donated_to[u] == j;
	bool ok = true;

	/* A partition's own page at its own IPA: there until lent, donated or given away. */
	if (!ns && u / WORLD_SP_PAGES == j)
		ok &= check_mapping("own page", j, &sp->vm.s2,
				    WORLD_SP_IPA + (u % WORLD_SP_PAGES) * FFA_PAGE_SIZE, pa,
				    donated_to[u] == NO_OWNER && !lent_away, S2_RWX);
	/* At IPA == PA: a retrieval it holds, or a page donated to it and not lent on. */
	if (b && b->state == MEM_BORROWER_RETRIEVED)
		ok &= check_mapping("retrieved page", j, home, pa, pa, true,
				    expected_attr(b->mapped));
	else if (mine)
		ok &= check_mapping("donated page", j, home, pa, pa, !lent_away, ~0u);
	else
		ok &= check_mapping("page it does not hold", j, home, pa, pa, false, 0);
	ok &= check_mapping("page in the wrong IPA space", j, other, pa, pa, false, 0);
	return ok;
}

/* Does partition j still map the page at `pa` (at its own IPA, or at IPA == PA)? */
static bool sp_holds(unsigned j, uint64_t pa)
{
	const struct vm *vm = &spmc_partitions[j].vm;
	uint64_t got;
	unsigned attr;

	if (pa >= world_sp_pa(j) && pa < world_sp_pa(j) + SP_BYTES &&
	    s2_lookup(&vm->s2, WORLD_SP_IPA + (pa - world_sp_pa(j)), &got, &attr) && got == pa)
		return true;
	return s2_lookup(&vm->s2, pa, &got, &attr) && got == pa;
}

/* The SPMC writes a partition's RX and reads its TX: they must stay that partition's memory. */
static bool buffers_held(unsigned j)
{
	const struct rxtx *b = &spmc_partitions[j].rxtx;

	if (!b->tx_pa || world_sp_aborted(j))
		return true;
	for (uint32_t p = 0; p < b->pages; p++)
		if (!sp_holds(j, b->tx_pa + (uint64_t)p * FFA_PAGE_SIZE) ||
		    !sp_holds(j, b->rx_pa + (uint64_t)p * FFA_PAGE_SIZE)) {
			fprintf(
			    stderr,
			    "invariant: partition %u's RX/TX buffers (TX 0x%llx, RX 0x%llx) are "
			    "no longer its memory\n",
			    j, (unsigned long long)b->tx_pa, (unsigned long long)b->rx_pa);
			return false;
		}
	return true;
}

bool world_check(void)
{
	const struct mem_table *t = spmc_mem_table();
	const struct mem_slot *where[U_PAGES];

	if (!mem_table_check(t)) {
		fprintf(stderr, "invariant: mem_table_check failed\n");
		return false;
	}
	index_table(t, where);
	for (unsigned j = 0; j < WORLD_SPS; j++) {
		for (unsigned u = 0; u < U_PAGES; u++)
			if (!check_page(u, j, where[u]))
				return false;
		if (!buffers_held(j))
			return false;
	}
	return true;
}

/* ---- snapshots ----------------------------------------------------------------------------- */

struct lookup {
	uint64_t pa;
	unsigned attr;
	bool mapped;
};

struct world_snapshot {
	struct mem_table table;
	struct lookup s2[WORLD_SPS][3][U_PAGES]; /* own IPA, secure IPA == PA, NS IPA == PA */
	uint8_t sp_mem[WORLD_SPS][SP_BYTES];
	uint8_t ns_mem[NS_BYTES + 2 * FFA_PAGE_SIZE];
	unsigned long flushes;
};

static void read_s2(struct lookup out[WORLD_SPS][3][U_PAGES])
{
	memset(out, 0, sizeof(struct lookup) * WORLD_SPS * 3 * U_PAGES);
	for (unsigned j = 0; j < WORLD_SPS; j++) {
		const struct vm *vm = &spmc_partitions[j].vm;

		for (unsigned u = 0; u < U_PAGES; u++) {
			struct lookup *l = out[j][0] + u;

			if (u < WORLD_SP_PAGES)
				l->mapped = s2_lookup(&vm->s2, WORLD_SP_IPA + u * FFA_PAGE_SIZE,
						      &l->pa, &l->attr);
			l = out[j][1] + u;
			l->mapped = s2_lookup(&vm->s2, u_pa(u), &l->pa, &l->attr);
			l = out[j][2] + u;
			l->mapped = s2_lookup(&spmc_partitions[j].s2_ns, u_pa(u), &l->pa, &l->attr);
		}
	}
}

struct world_snapshot *world_snapshot_take(unsigned slot)
{
	static struct world_snapshot snaps[2];
	struct world_snapshot *snap = &snaps[slot];

	snap->table = *spmc_mem_table();
	read_s2(snap->s2);
	for (unsigned i = 0; i < WORLD_SPS; i++)
		memcpy(snap->sp_mem[i], world_ptr(world_sp_pa(i)), SP_BYTES);
	memcpy(snap->ns_mem, world_ptr(WORLD_NS_POOL), NS_BYTES);
	memcpy(snap->ns_mem + NS_BYTES, world_ptr(WORLD_NWD_TX), 2 * FFA_PAGE_SIZE);
	snap->flushes = fake_tlb_flushes;
	return snap;
}

bool world_s2_changed(const struct world_snapshot *s)
{
	static struct lookup now[WORLD_SPS][3][U_PAGES];

	read_s2(now);
	return memcmp(now, s->s2, sizeof(now)) != 0;
}

bool world_tlb_flushed(const struct world_snapshot *s)
{
	return fake_tlb_flushes != s->flushes;
}

bool world_snapshot_same(const struct world_snapshot *s, bool nwd_buffers)
{
	const struct mem_table *t = spmc_mem_table();

	/* The generation counter may move when a stage-2 failure undoes a transaction. */
	if (t->live != s->table.live || memcmp(t->slots, s->table.slots, sizeof(t->slots))) {
		fprintf(stderr, "refused call changed the transaction table\n");
		return false;
	}
	if (world_s2_changed(s)) {
		fprintf(stderr, "refused call changed a stage 2\n");
		return false;
	}
	for (unsigned i = 0; i < WORLD_SPS; i++)
		if (memcmp(s->sp_mem[i], world_ptr(world_sp_pa(i)), SP_BYTES)) {
			fprintf(stderr, "refused call changed partition %u's memory\n", i);
			return false;
		}
	if (memcmp(s->ns_mem, world_ptr(WORLD_NS_POOL), NS_BYTES) ||
	    (nwd_buffers &&
	     memcmp(s->ns_mem + NS_BYTES, world_ptr(WORLD_NWD_TX), 2 * FFA_PAGE_SIZE))) {
		fprintf(stderr, "refused call changed normal-world memory\n");
		return false;
	}
	return true;
}
