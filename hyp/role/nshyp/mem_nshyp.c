// SPDX-License-Identifier: BSD-3-Clause
/*
 * FF-A memory management in nshyp (docs/abi/ffa-memory.md): a guest lends
 * or shares its pages with partitions. nshyp checks the guest's descriptor
 * (copied once out of the guest's TX buffer), translates each IPA through
 * the guest's stage 2 (only the guest's own read-write RAM passes),
 * forwards the request with PAs from its own TX buffer, which it registered
 * at the SPMC, and takes lent pages out of the guest's stage 2 until the
 * guest reclaims them. The SPMC keeps the transaction (and allocates the
 * handle); nshyp keeps what it needs to give pages back. A guest cannot
 * donate its memory to the secure world. Transactions whose borrower is
 * another guest stay in the normal world: vm_mem.c (VM to VM), reached from
 * here.
 */
#include <abi/ffa_mem.h>
#include <arch/sysreg.h>
#include <hyp/mem_share.h>
#include <lib/ffa_mem_client.h>
#include <lib/print.h>
#include <lib/string.h>

#include "msg_nshyp.h"
#include "nshyp.h"
#include "vm_mem.h"

/* Each guest's own reservation, the SPMC's per-VM quota: no guest can take another's records. */
#define NSHYP_MEM_MAX	 (SYS_MAX_VMS * MEM_QUOTA_PER_CLIENT)
#define FRAG_HANDLE_TAG	 (FFA_MEM_HANDLE_ALLOCATOR_HYP | (0x7full << 56))
#define NSHYP_RXTX_PAGES 1u

struct ns_share {
	uint64_t handle; /* 0: free */
	ffa_id_t vm;
	bool orphan; /* its guest stopped while a partition held it: reclaimed later */
	bool pinned; /* made by nshyp for the guest (OP-TEE window): not the guest's to reclaim */
	enum mem_tx_type type;
	unsigned run_count; /* where its pages were in the guest's IPA space */
	struct s2_run runs[MEM_MAX_CONSTITUENTS];
};

static uint8_t nshyp_tx[NSHYP_RXTX_PAGES * FFA_PAGE_SIZE] __attribute__((aligned(4096)));
static uint8_t nshyp_rx[NSHYP_RXTX_PAGES * FFA_PAGE_SIZE] __attribute__((aligned(4096)));
static bool buffers_ready;
static struct ns_share shares[NSHYP_MEM_MAX];
static struct mem_frags frags[SYS_MAX_VMS]; /* descriptors guests send */

/*
 * Register nshyp's own RX/TX pair at the SPMC (FF-A ID 0: the hypervisor's buffers). Starts
 * from no transaction and no fragments (boot, and the host tests between cases).
 */
void nshyp_mem_init(void)
{
	struct ffa_value m = { { FFA_RXTX_MAP_64, (uintptr_t)nshyp_tx, (uintptr_t)nshyp_rx,
				 NSHYP_RXTX_PAGES } };

	memset(shares, 0, sizeof(shares));
	memset(frags, 0, sizeof(frags));
	vm_mem_init();
	nshyp_forward(&m);
	buffers_ready = (uint32_t)m.x[0] == FFA_SUCCESS_32;
	if (!buffers_ready)
		printk("the SPMC refused nshyp's RX/TX buffers (%d): no memory sharing\n",
		       (int)m.x[2]);
}

/* For msg_nshyp.c: a guest's buffers forwarded to the SPMC (one call, nothing kept in it). */
void *nshyp_mem_tx(void)
{
	return buffers_ready ? nshyp_tx : 0;
}

static struct mem_frags *frag_of(const struct guest *g)
{
	return &frags[g->cfg - nshyp_vms];
}

static struct ns_share *share_of(ffa_id_t vm, uint64_t handle)
{
	for (unsigned i = 0; i < NSHYP_MEM_MAX; i++)
		if (shares[i].handle == handle && handle && shares[i].vm == vm)
			return &shares[i];
	return 0;
}

static struct ffa_value handle_value(uint32_t fid, uint64_t handle, uint32_t w3)
{
	struct ffa_value v = { { fid, (uint32_t)handle, handle >> 32, w3 } };

	return v;
}

/* The guest's IPAs to PAs, page by page: its own RAM, mapped read-write (not a device). */
int32_t nshyp_mem_translate(const struct guest *g, const struct mem_tx *tx, struct s2_run *runs,
			    unsigned *count)
{
	for (uint32_t r = 0; r < tx->range_count; r++) {
		int rc =
		    s2_runs_collect(&g->vm.s2, tx->ranges[r].base, tx->ranges[r].pages,
				    S2_RW | S2_DEVICE, S2_RW, runs, count, MEM_MAX_CONSTITUENTS);

		if (rc)
			return rc == S2_ENOMEM ? FFA_RET_NO_MEMORY : FFA_RET_DENIED;
	}
	return 0;
}

static int32_t translate(const struct guest *g, const struct mem_tx *tx, struct ns_share *out)
{
	return nshyp_mem_translate(g, tx, out->runs, &out->run_count);
}

/* Do the guest's runs (PAs) hold its RX/TX buffers? */
bool nshyp_mem_holds_buffers(const struct guest *g, const struct s2_run *runs, unsigned count)
{
	uint64_t len = (uint64_t)g->rxtx.pages * FFA_PAGE_SIZE;

	for (uint32_t i = 0; g->rxtx.tx_pa && i < count; i++) {
		uint64_t lo = runs[i].pa, hi = lo + (uint64_t)runs[i].pages * FFA_PAGE_SIZE;

		if ((lo < g->rxtx.tx_pa + len && g->rxtx.tx_pa < hi) ||
		    (lo < g->rxtx.rx_pa + len && g->rxtx.rx_pa < hi))
			return true;
	}
	return false;
}

/* Is a page of the runs in a live transaction with the SPMC (a guest's SHARE keeps it mapped)? */
bool nshyp_mem_runs_at_spmc(const struct s2_run *runs, unsigned count)
{
	for (unsigned i = 0; i < NSHYP_MEM_MAX; i++)
		for (unsigned r = 0; shares[i].handle && r < shares[i].run_count; r++)
			for (unsigned k = 0; k < count; k++) {
				const struct s2_run *a = &shares[i].runs[r], *b = &runs[k];

				if (a->pa < b->pa + (uint64_t)b->pages * FFA_PAGE_SIZE &&
				    b->pa < a->pa + (uint64_t)a->pages * FFA_PAGE_SIZE)
					return true;
			}
	return false;
}

/* Borrowers must be partitions this guest is bound to. */
static int32_t check_borrowers(const struct guest *g, const struct mem_tx *tx)
{
	for (uint32_t i = 0; i < tx->borrower_count; i++) {
		ffa_id_t id = tx->borrowers[i].id;

		if (!idset_has(&nshyp_partitions, id))
			return ffa_id_is_secure(id) ? FFA_RET_INVALID_PARAMETERS : FFA_RET_DENIED;
		if (!nshyp_test_skip_policy() && !idset_has(&g->allowed_sps, id))
			return FFA_RET_DENIED;
	}
	return 0;
}

/* A free record within the guest's reservation, or NULL once it has MEM_QUOTA_PER_CLIENT. */
static struct ns_share *free_share(const struct guest *g)
{
	struct ns_share *free = 0;
	unsigned mine = 0;

	for (unsigned i = 0; i < NSHYP_MEM_MAX; i++) {
		if (!shares[i].handle)
			free = free ? free : &shares[i];
		else
			mine += shares[i].vm == g->vm.id;
	}
	return mine < MEM_QUOTA_PER_CLIENT ? free : 0;
}

/* Rebuild the request with PAs in nshyp's TX and send it; returns the SPMC's answer. */
static struct ffa_value forward_send(uint32_t fid, const struct mem_tx *tx,
				     const struct ns_share *s)
{
	struct ffa_mem_grant grants[MEM_MAX_BORROWERS];
	struct ffa_mem_range ranges[MEM_MAX_CONSTITUENTS];
	uint32_t len;
	struct ffa_value m;

	for (uint32_t i = 0; i < tx->borrower_count; i++)
		grants[i] = (struct ffa_mem_grant){ tx->borrowers[i].id, tx->borrowers[i].perms };
	for (uint32_t i = 0; i < s->run_count; i++)
		ranges[i] = (struct ffa_mem_range){ s->runs[i].pa, s->runs[i].pages };
	len = ffa_mem_desc_build(nshyp_tx, sizeof(nshyp_tx), tx->lender, grants, tx->borrower_count,
				 ranges, s->run_count, tx->attributes, tx->flags, tx->tag);
	if (!len)
		return ffa_error(FFA_RET_NO_MEMORY);
	m = (struct ffa_value){ { fid, len, len } };
	nshyp_forward(&m);
	return m;
}

static void remap_runs(struct guest *g, const struct ns_share *s)
{
	if (s2_runs_map(&g->vm.s2, s->runs, s->run_count) != S2_OK)
		panic("nshyp: cannot give %s back its memory", g->cfg->name);
	arch_s2_tlb_flush_all();
}

/* Take lent pages away from the guest; false (and nothing changed) if a table is missing. */
static bool take_pages(struct guest *g, const struct ns_share *s)
{
	int rc = s2_runs_unmap(&g->vm.s2, s->runs, s->run_count);

	arch_s2_tlb_flush_all();
	return rc == S2_OK;
}

static struct ffa_value send_complete(struct guest *g, uint32_t fid, const uint8_t *desc,
				      uint32_t len)
{
	struct ns_share *slot = free_share(g), s = { 0 };
	struct ffa_value m;
	struct mem_tx tx;
	int32_t rc;

	/* A guest that negotiated v1.0 sends the v1.0 layout; nshyp forwards v1.1 (below). */
	rc = ffa_mem_desc_parse_v(desc, len, fid, g->vm.id, g->rxtx.version, &tx);
	if (!rc && vm_mem_for_vms(&tx))
		return vm_mem_send(g, &tx); /* a guest borrows: the normal world's own */
	if (!rc && tx.type == MEM_TX_DONATE)
		rc = FFA_RET_DENIED; /* normal-world memory is not given to the secure world */
	if (!rc)
		rc = check_borrowers(g, &tx);
	if (!rc)
		rc = translate(g, &tx, &s);
	if (!rc && tx.type != MEM_TX_SHARE && nshyp_mem_holds_buffers(g, s.runs, s.run_count))
		rc = FFA_RET_DENIED; /* nshyp uses its RX/TX: they stay the guest's */
	if (!rc && !vm_mem_runs_free(s.runs, s.run_count))
		rc = FFA_RET_DENIED; /* in a VM-to-VM transaction: shared, or borrowed */
	if (!rc && (!slot || !buffers_ready))
		rc = FFA_RET_NO_MEMORY;
	if (rc)
		return ffa_error(rc);
	m = forward_send(fid, &tx, &s);
	if ((uint32_t)m.x[0] != FFA_SUCCESS_32)
		return m;
	s.handle = (uint32_t)m.x[2] | (uint64_t)(uint32_t)m.x[3] << 32;
	s.vm = g->vm.id;
	s.type = tx.type;
	if (tx.type != MEM_TX_SHARE && !take_pages(g, &s)) {
		struct ffa_value undo = { { FFA_MEM_RECLAIM, (uint32_t)s.handle, s.handle >> 32 } };

		nshyp_forward(&undo);
		return ffa_error(FFA_RET_NO_MEMORY);
	}
	*slot = s;
	m = (struct ffa_value){ { FFA_SUCCESS_32, 0, (uint32_t)s.handle, s.handle >> 32 } };
	return m;
}

/* Where a descriptor's arrival stands: an error, the next fragment asked for, or done. */
static struct ffa_value descriptor_arrived(struct guest *g, struct mem_frags *f, int32_t rc)
{
	if (rc < 0)
		return ffa_error(rc);
	if (rc > 0)
		return handle_value(FFA_MEM_FRAG_RX, f->handle, f->done);
	return send_complete(g, f->fid, f->data, f->total);
}

/*
 * The guest's TX buffer (nshyp's stage 1 is an identity map: a PA is an address), cleaned and
 * invalidated first: a guest with its caches off wrote it to memory (Cache rules).
 */
const void *nshyp_mem_guest_tx(const struct guest *g)
{
	if (!g->rxtx.tx_pa)
		return 0;
	arch_dcache_clean_inval((const void *)(uintptr_t)g->rxtx.tx_pa,
				(uint64_t)g->rxtx.pages * FFA_PAGE_SIZE);
	return (const void *)(uintptr_t)g->rxtx.tx_pa;
}

/* FFA_MEM_LEND/SHARE/DONATE from a guest: w1 total, w2 fragment length, w3/w4 0. */
static struct ffa_value guest_mem_send(struct guest *g, const struct ffa_value *m)
{
	struct mem_frags *f = frag_of(g);

	return descriptor_arrived(g, f,
				  mem_frags_send(f, m, nshyp_mem_guest_tx(g),
						 g->rxtx.pages * FFA_PAGE_SIZE, FRAG_HANDLE_TAG,
						 g->rxtx.version));
}

/* FFA_MEM_FRAG_TX: w1/w2 the session handle from FRAG_RX, w3 fragment length. */
static struct ffa_value guest_frag_tx(struct guest *g, const struct ffa_value *m)
{
	struct mem_frags *f = frag_of(g);

	return descriptor_arrived(
	    g, f, mem_frags_tx(f, m, nshyp_mem_guest_tx(g), g->rxtx.pages * FFA_PAGE_SIZE));
}

/* FFA_MEM_RECLAIM: only of the guest's own transactions; pages come back once the SPMC agrees. */
static struct ffa_value guest_reclaim(struct guest *g, const struct ffa_value *m)
{
	uint64_t handle = (uint32_t)m->x[1] | (uint64_t)(uint32_t)m->x[2] << 32;
	struct ns_share *s = share_of(g->vm.id, handle);
	struct ffa_value r = { { FFA_MEM_RECLAIM, (uint32_t)handle, handle >> 32,
				 (uint32_t)m->x[3] } };

	if (handle & FFA_MEM_HANDLE_ALLOCATOR_HYP)
		return vm_mem_reclaim(g, m); /* nshyp's own: VM to VM */
	if (!s || s->pinned || (m->x[3] >> 32) || m->x[4])
		return ffa_error(FFA_RET_INVALID_PARAMETERS);
	nshyp_forward(&r);
	if ((uint32_t)r.x[0] != FFA_SUCCESS_32)
		return r;
	if (s->type != MEM_TX_SHARE)
		remap_runs(g, s);
	memset(s, 0, sizeof(*s));
	return r;
}

int32_t nshyp_mem_share_pinned(struct guest *g, uint64_t ipa, uint32_t pages, const ffa_id_t *to,
			       unsigned count, uint64_t *handle)
{
	struct ns_share *slot = free_share(g), s = { 0 };
	struct mem_tx tx = { .type = MEM_TX_SHARE,
			     .lender = g->vm.id,
			     .attributes = FFA_MEM_ATTR_NORMAL_WB_INNER,
			     .borrower_count = count,
			     .total_pages = pages,
			     .range_count = 1,
			     .ranges = { { ipa, pages } } };
	struct ffa_value m;
	int32_t rc;

	if (count == 0 || count > MEM_MAX_BORROWERS || pages == 0 || pages > MEM_MAX_PAGES)
		return FFA_RET_INVALID_PARAMETERS;
	for (unsigned i = 0; i < count; i++)
		tx.borrowers[i] = (struct mem_grant){ to[i], FFA_MEM_DATA_RW };
	rc = translate(g, &tx, &s);
	if (!rc && !vm_mem_runs_free(s.runs, s.run_count))
		rc = FFA_RET_DENIED; /* shared with, or borrowed from, another guest */
	if (!rc && (!slot || !buffers_ready))
		rc = FFA_RET_NO_MEMORY;
	if (rc)
		return rc;
	m = forward_send(FFA_MEM_SHARE_32, &tx, &s);
	if ((uint32_t)m.x[0] != FFA_SUCCESS_32)
		return (uint32_t)m.x[0] == FFA_ERROR ? (int32_t)m.x[2] : FFA_RET_ABORTED;
	s.handle = (uint32_t)m.x[2] | (uint64_t)(uint32_t)m.x[3] << 32;
	s.vm = g->vm.id;
	s.type = MEM_TX_SHARE;
	s.pinned = true;
	*slot = s;
	*handle = s.handle;
	return 0;
}

bool nshyp_mem_call(struct guest *g, struct ffa_value *m)
{
	uint32_t fid = (uint32_t)m->x[0];

	if (ffa_mem_is_send(fid))
		*m = guest_mem_send(g, m);
	else if (fid == FFA_MEM_FRAG_TX)
		*m = guest_frag_tx(g, m);
	else if (fid == FFA_MEM_RECLAIM)
		*m = guest_reclaim(g, m);
	else if (fid == FFA_MEM_RETRIEVE_REQ_32 || fid == FFA_MEM_RETRIEVE_REQ_64)
		*m = vm_mem_retrieve(g, m);
	else if (fid == FFA_MEM_RELINQUISH)
		*m = vm_mem_relinquish(g, m);
	else
		return false;
	return true;
}

bool nshyp_mem_supported(uint32_t fid)
{
	switch (fid) {
	case FFA_MEM_LEND_32:
	case FFA_MEM_SHARE_32:
	case FFA_MEM_LEND_64:
	case FFA_MEM_SHARE_64:
	case FFA_MEM_FRAG_TX:
	case FFA_MEM_RECLAIM:
		return true;
	default:
		return false;
	}
}

/* Reclaim a stopped guest's transaction at the SPMC; true if it is gone. */
static bool reclaim_stopped(struct ns_share *s)
{
	struct ffa_value r = { { FFA_MEM_RECLAIM, (uint32_t)s->handle, s->handle >> 32 } };

	nshyp_forward(&r);
	if ((uint32_t)r.x[0] != FFA_SUCCESS_32)
		return false;
	memset(s, 0, sizeof(*s));
	return true;
}

/*
 * A guest stopped (after the partitions were told, VM_DESTROYED): take back what it still
 * lends or shares. A partition may keep some for a while (FF-A lets it finish, say, a DMA):
 * such a transaction stays an orphan, counted against the stopped guest only, and is
 * retried whenever another guest stops. The pages stay out of every guest's stage 2.
 */
void nshyp_mem_guest_stopped(struct guest *g)
{
	vm_mem_guest_stopped(g);
	for (unsigned i = 0; i < NSHYP_MEM_MAX; i++) {
		struct ns_share *s = &shares[i];

		if (!s->handle || (s->vm != g->vm.id && !s->orphan) || reclaim_stopped(s))
			continue;
		if (!s->orphan)
			printk("%s stopped while partitions still hold its memory (handle 0x%lx)\n",
			       g->cfg->name, (unsigned long)s->handle);
		s->orphan = true;
	}
}

unsigned nshyp_mem_live(void)
{
	unsigned n = vm_mem_live();

	for (unsigned i = 0; i < NSHYP_MEM_MAX; i++)
		n += shares[i].handle != 0;
	return n;
}
