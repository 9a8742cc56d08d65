// SPDX-License-Identifier: BSD-3-Clause
/*
 * FF-A memory sharing between two guests (vm_mem.h; FF-A v1.1 chapters 10-11, §16;
 * docs/abi/ffa-memory.md "VM to VM"). The lender's DONATE/LEND/SHARE was parsed by the core
 * (mem_nshyp.c send_complete); here the one borrower must be another guest the lender's
 * VM-to-VM binding names. nshyp records the transaction in its own table (handle bit 63: the
 * hypervisor allocated it, §5.10.2), takes LEND/DONATE pages out of the lender's stage 2 at
 * once, maps them into the borrower only at its retrieval, at IPA = PA + VM_MEM_IPA_OFFSET with
 * the permissions granted, and unmaps them at its relinquish (break-before-make in lib/s2, TLB
 * invalidated). The lender reclaims after the relinquish; a DONATE is the borrower's once
 * retrieved. A guest's end gives back what it borrowed and reclaims what it lent once no
 * borrower holds it (orphan until then).
 */
#include <abi/ffa_mem.h>
#include <arch/sysreg.h>
#include <lib/print.h>
#include <lib/string.h>

#include "msg_nshyp.h"
#include "nshyp.h"
#include "vm_mem.h"

#define SLOT_MASK 0xffu /* the core's handle: slot index in bits [7:0] */
#define REQ_MAX	  (sizeof(struct ffa_mem_region) + MEM_MAX_BORROWERS * sizeof(struct ffa_mem_access))
#define RESP_MAX                                                                                   \
	(sizeof(struct ffa_mem_region) + sizeof(struct ffa_mem_access) +                           \
	 sizeof(struct ffa_composite_mem_region) +                                                 \
	 MEM_MAX_CONSTITUENTS * sizeof(struct ffa_mem_constituent))

/* What nshyp keeps beside the core's slot of the same index. */
struct vm_mem_rec {
	unsigned run_count; /* where the pages were in the lender (to give them back) */
	struct s2_run runs[MEM_MAX_CONSTITUENTS];
	bool zero_after; /* the borrower asked for zeroing after relinquish (retrieve flag 2) */
	bool orphan;	 /* the lender ended: reclaimed once the borrower lets go */
};

static struct mem_table table;
static struct vm_mem_rec recs[MEM_MAX_TRANSACTIONS];

void vm_mem_init(void)
{
	mem_table_init(&table, true);
	memset(recs, 0, sizeof(recs));
}

const struct mem_table *vm_mem_table(void)
{
	return &table;
}

unsigned vm_mem_live(void)
{
	return table.live;
}

static uint64_t call_handle(const struct ffa_value *m)
{
	return (uint32_t)m->x[1] | (uint64_t)(uint32_t)m->x[2] << 32;
}

static struct vm_mem_rec *rec_of(uint64_t handle)
{
	return &recs[handle & SLOT_MASK];
}

bool vm_mem_for_vms(const struct mem_tx *tx)
{
	for (uint32_t i = 0; i < tx->borrower_count; i++)
		if (vm_msg_is_vm(tx->borrowers[i].id))
			return true;
	return false;
}

bool vm_mem_runs_free(const struct s2_run *runs, unsigned count)
{
	for (unsigned i = 0; i < count; i++)
		if (!mem_range_available(&table, runs[i].pa, runs[i].pages))
			return false;
	return true;
}

/* Live transactions lent by `vm`: its reservation is MEM_QUOTA_PER_CLIENT, like the SPMC's. */
static unsigned lent_by(ffa_id_t vm)
{
	unsigned n = 0;

	for (unsigned i = 0; i < MEM_MAX_TRANSACTIONS; i++)
		n += table.slots[i].handle && table.slots[i].tx.lender == vm;
	return n;
}

/*
 * The borrower (FF-A v1.1 §10.2, Hafnium's rules for VMs): exactly one, a guest of the
 * description other than the lender (INVALID_PARAMETERS), named by the lender's VM-to-VM
 * binding and still running (DENIED). A partition beside it is DENIED: a transaction is either
 * the SPMC's or nshyp's, never both.
 */
static int32_t check_vm_borrower(const struct guest *g, const struct mem_tx *tx)
{
	ffa_id_t id = tx->borrowers[0].id;
	const struct guest *b;

	if (tx->borrower_count != 1)
		return FFA_RET_DENIED;
	b = nshyp_guest_by_id(id);
	if (!b || b == g)
		return FFA_RET_INVALID_PARAMETERS;
	if (!vm_msg_allowed(g, id) || !nshyp_guest_live(b))
		return FFA_RET_DENIED;
	return 0;
}

/* The transaction with the PAs of the runs as its ranges (what the table keeps). */
static void with_pas(struct mem_tx *out, const struct mem_tx *tx, const struct vm_mem_rec *r)
{
	*out = *tx;
	out->range_count = r->run_count;
	for (unsigned i = 0; i < r->run_count; i++)
		out->ranges[i] = (struct mem_range){ r->runs[i].pa, r->runs[i].pages };
}

struct ffa_value vm_mem_send(struct guest *g, const struct mem_tx *tx)
{
	struct vm_mem_rec r = { 0 };
	struct mem_tx pas;
	uint64_t handle = 0;
	int32_t rc = check_vm_borrower(g, tx);

	if (!rc)
		rc = nshyp_mem_translate(g, tx, r.runs, &r.run_count);
	/* Pages already in a transaction with a partition (a SHARE leaves them mapped). */
	if (!rc && nshyp_mem_runs_at_spmc(r.runs, r.run_count))
		rc = FFA_RET_DENIED;
	if (!rc && tx->type != MEM_TX_SHARE && nshyp_mem_holds_buffers(g, r.runs, r.run_count))
		rc = FFA_RET_DENIED; /* nshyp reads its TX and writes its RX */
	if (!rc && lent_by(g->vm.id) >= MEM_QUOTA_PER_CLIENT)
		rc = FFA_RET_NO_MEMORY;
	if (!rc) {
		with_pas(&pas, tx, &r);
		rc = mem_tx_create(&table, &pas, &handle); /* DENIED: a page is in another */
	}
	/* LEND/DONATE: the lender loses access now (§10.1), until the reclaim. */
	if (!rc && tx->type != MEM_TX_SHARE) {
		struct mem_result res;

		rc = s2_runs_unmap(&g->vm.s2, r.runs, r.run_count) == S2_OK ? 0 : FFA_RET_NO_MEMORY;
		arch_s2_tlb_flush_all();
		if (rc)
			mem_reclaim(&table, handle, g->vm.id, &res);
	}
	if (rc)
		return ffa_error(rc);
	*rec_of(handle) = r;
	return (struct ffa_value){ { FFA_SUCCESS_32, 0, (uint32_t)handle, handle >> 32 } };
}

/*
 * The borrower's mapping, made and taken down. The pages are cleaned and invalidated each time
 * (mem_ranges_clean()): the two guests may map them with different cacheability (one with its
 * MMU off), so neither may find a stale or dirty line of the other's (Cache rules,
 * docs/architecture.md).
 */
static void borrower_unmap(struct guest *b, const struct mem_result *res)
{
	for (uint32_t i = 0; i < res->range_count; i++)
		if (s2_unmap(&b->vm.s2, res->ranges[i].base + VM_MEM_IPA_OFFSET,
			     (uint64_t)res->ranges[i].pages * FFA_PAGE_SIZE) != S2_OK)
			panic("nshyp: cannot unmap relinquished memory from %s", b->cfg->name);
	arch_s2_tlb_flush_all();
	mem_ranges_clean(res->ranges, res->range_count); /* its dirty lines go to memory now */
}

/* Map the pages into the borrower at IPA = PA + offset; nothing changed on failure. */
static int32_t borrower_map(struct guest *b, const struct mem_result *res)
{
	for (uint32_t i = 0; i < res->range_count; i++) {
		const struct mem_range *r = &res->ranges[i];
		uint64_t ipa = r->base + VM_MEM_IPA_OFFSET,
			 size = (uint64_t)r->pages * FFA_PAGE_SIZE;

		if (ipa + size > (1ull << S2_IPA_BITS) ||
		    s2_map(&b->vm.s2, ipa, r->base, size, mem_s2_attr(res->perms)) != S2_OK) {
			struct mem_result done = *res;

			done.range_count = i;
			borrower_unmap(b, &done);
			return FFA_RET_NO_MEMORY;
		}
	}
	arch_s2_tlb_flush_all();
	/* The lender's dirty lines go to memory first. */
	mem_ranges_clean(res->ranges, res->range_count);
	return 0;
}

/*
 * The retrieve response (FF-A v1.1 §10.10, FFA_MEM_RETRIEVE_RESP in §16): the borrower's IPAs,
 * in the layout of the version it negotiated (v1.0: mem_region_header_put()).
 */
static uint32_t build_resp(uint8_t *d, const struct mem_slot *s, const struct mem_result *res,
			   bool v1_0)
{
	uint32_t comp_off = mem_region_header_size(v1_0) + sizeof(struct ffa_mem_access);
	uint32_t cons_off = comp_off + sizeof(struct ffa_composite_mem_region);
	struct ffa_mem_region hdr = {
		.sender_id = s->tx.lender,
		/* What nshyp maps; NS (v1.1): the pages are Non-secure (v1.0 has no such bit). */
		.attributes = FFA_MEM_ATTR_NORMAL_WB_INNER | (v1_0 ? 0 : FFA_MEM_ATTR_NS),
		.flags = (uint32_t)s->tx.type << FFA_MEM_FLAG_TYPE_SHIFT |
			 (res->zero ? FFA_MEM_FLAG_ZERO : 0),
		.handle = s->handle,
		.tag = s->tx.tag,
		.ep_count = 1,
	};
	struct ffa_mem_access a = { .receiver_id = s->tx.borrowers[0].id,
				    .permissions = res->perms,
				    .composite_offset = comp_off };
	struct ffa_composite_mem_region comp = { .page_count = res->total_pages,
						 .constituent_count = res->range_count };

	memcpy(d + mem_region_header_put(d, &hdr, v1_0), &a, sizeof(a));
	memcpy(d + comp_off, &comp, sizeof(comp));
	for (uint32_t i = 0; i < res->range_count; i++) {
		struct ffa_mem_constituent c = { res->ranges[i].base + VM_MEM_IPA_OFFSET,
						 res->ranges[i].pages, 0 };

		memcpy(d + cons_off + i * sizeof(c), &c, sizeof(c));
	}
	return cons_off + res->range_count * (uint32_t)sizeof(struct ffa_mem_constituent);
}

/* Copy `len` bytes of the guest's TX; false without buffers or for more than they hold. */
static bool copy_tx(const struct guest *g, void *buf, uint32_t len)
{
	const void *tx = nshyp_mem_guest_tx(g);

	if (!tx || len > g->rxtx.pages * FFA_PAGE_SIZE)
		return false;
	memcpy(buf, tx, len);
	return true;
}

/* Apply the retrieval to the borrower's stage 2; on failure the slot is as it was. */
static int32_t retrieve_apply(struct guest *g, uint64_t handle, uint8_t perms,
			      struct mem_result *res, struct mem_slot *before)
{
	unsigned idx = handle & SLOT_MASK;
	int32_t rc;

	*before = table.slots[idx];
	rc = mem_retrieve(&table, handle, g->vm.id, perms, res);
	if (!rc && res->s2_change && (rc = borrower_map(g, res)) != 0) {
		table.live += !table.slots[idx].handle; /* a DONATE freed its slot */
		table.slots[idx] = *before;
	}
	return rc;
}

/* FFA_MEM_RETRIEVE_REQ_32/64: w1 total = w2 fragment length, w3/w4 0; the request in TX. */
struct ffa_value vm_mem_retrieve(struct guest *g, const struct ffa_value *m)
{
	uint8_t req[REQ_MAX], resp[RESP_MAX];
	uint32_t len = (uint32_t)m->x[1], flags = 0, total;
	bool v1_0 = g->rxtx.version == FFA_VERSION_1_0;
	struct mem_slot before;
	struct mem_result res;
	uint64_t handle;
	uint8_t perms = 0;
	int32_t rc;

	/* No guest's binding names it: it borrows nothing. */
	if (!g->rxtx.self_receives)
		return ffa_error(FFA_RET_NOT_SUPPORTED);
	if (m->x[1] != m->x[2] || m->x[3] || m->x[4] ||
	    len > sizeof(req) - (v1_0 ? MEM_V1_0_GROWTH : 0) || len < mem_region_header_size(v1_0))
		return ffa_error(FFA_RET_INVALID_PARAMETERS);
	if (!copy_tx(g, req, len))
		return ffa_error(FFA_RET_DENIED);
	if (v1_0 && mem_retrieve_req_from_v1_0(req, &len))
		return ffa_error(FFA_RET_INVALID_PARAMETERS);
	if (g->rxtx.rx_full || !nshyp_msg_rx_acquire(g))
		return ffa_error(FFA_RET_BUSY);
	memcpy(&handle, req + offsetof(struct ffa_mem_region, handle), sizeof(handle));
	/* The SPMC's rules for a partition's request (the core), against nshyp's table. */
	rc =
	    mem_retrieve_req_check(req, len, g->vm.id, mem_tx_find(&table, handle), &perms, &flags);
	if (!rc)
		rc = retrieve_apply(g, handle, perms, &res, &before);
	if (rc) {
		nshyp_msg_rx_unacquire(g); /* nothing written: the SPMC's again */
		return ffa_error(rc);
	}
	total = build_resp(resp, &before, &res, v1_0);
	if (res.zero)
		mem_ranges_zero(res.ranges, res.range_count);
	if (res.done)
		memset(rec_of(handle), 0, sizeof(struct vm_mem_rec)); /* DONATE: the borrower's */
	else if (flags & FFA_MEM_FLAG_ZERO_AFTER_RELINQUISH)
		rec_of(handle)->zero_after = true;
	memcpy((void *)(uintptr_t)g->rxtx.rx_pa, resp, total);
	arch_dcache_clean_inval((void *)(uintptr_t)g->rxtx.rx_pa, total);
	g->rxtx.rx_full = true;
	return (struct ffa_value){ { FFA_MEM_RETRIEVE_RESP, total, total } };
}

/* The borrower's last retrieval ended: unmap, zero if asked; an orphan is then reclaimed. */
static void borrower_gone(struct guest *b, const struct mem_result *res, bool zero)
{
	struct vm_mem_rec *r = rec_of(res->handle);
	struct mem_result rec;

	borrower_unmap(b, res);
	if (zero || r->zero_after)
		mem_ranges_zero(res->ranges, res->range_count);
	r->zero_after = false;
	if (r->orphan && !mem_reclaim(&table, res->handle, res->lender, &rec))
		memset(r, 0, sizeof(*r)); /* its lender is gone: nobody maps the pages again */
}

/* Do the borrowed pages hold g's RX/TX buffers (it may map them there: RW memory)? */
static bool holds_buffers(const struct guest *g, const struct mem_result *res)
{
	struct s2_run runs[MEM_MAX_CONSTITUENTS];

	for (uint32_t i = 0; i < res->range_count; i++)
		runs[i] =
		    (struct s2_run){ .pa = res->ranges[i].base, .pages = res->ranges[i].pages };
	return nshyp_mem_holds_buffers(g, runs, res->range_count);
}

/* FFA_MEM_RELINQUISH: x1-x4 0; the relinquish descriptor (one endpoint, the caller) in TX. */
struct ffa_value vm_mem_relinquish(struct guest *g, const struct ffa_value *m)
{
	uint8_t buf[sizeof(struct ffa_mem_relinquish) + sizeof(ffa_id_t)];
	struct ffa_mem_relinquish rel;
	struct mem_slot before;
	struct mem_result res;
	int32_t rc;

	if (!g->rxtx.self_receives)
		return ffa_error(FFA_RET_NOT_SUPPORTED);
	if (m->x[1] || m->x[2] || m->x[3] || m->x[4])
		return ffa_error(FFA_RET_INVALID_PARAMETERS);
	if (!copy_tx(g, buf, sizeof(buf)))
		return ffa_error(FFA_RET_DENIED);
	rc = mem_relinquish_desc_check(buf, g->vm.id, &table, &rel);
	if (rc)
		return ffa_error(rc);
	before = table.slots[rel.handle & SLOT_MASK];
	rc = mem_relinquish(&table, rel.handle, g->vm.id, &res);
	/* Its RX/TX on the pages: it must unmap them first (nshyp writes RX). */
	if (!rc && res.s2_change && holds_buffers(g, &res))
		rc = FFA_RET_DENIED;
	if (!rc)
		rc = mem_relinquish_zero_check(rel.flags, &before, &res);
	if (rc) {
		table.slots[rel.handle & SLOT_MASK] = before;
		return ffa_error(rc);
	}
	if (res.s2_change)
		borrower_gone(g, &res, rel.flags & FFA_MEM_RELINQUISH_ZERO);
	return ffa_success(0);
}

/*
 * FFA_MEM_RECLAIM of nshyp's own handle: w3 flags (bit 0 zero), x4 0. Unknown handle or not
 * the lender: INVALID_PARAMETERS; the borrower still holds it: DENIED (§16.8).
 */
struct ffa_value vm_mem_reclaim(struct guest *g, const struct ffa_value *m)
{
	uint64_t handle = call_handle(m);
	uint32_t flags = (uint32_t)m->x[3];
	struct mem_result res;
	int32_t rc;

	if ((m->x[3] >> 32) || (flags & ~FFA_MEM_RECLAIM_ZERO) || m->x[4])
		return ffa_error(FFA_RET_INVALID_PARAMETERS);
	rc = mem_reclaim(&table, handle, g->vm.id, &res);
	if (rc)
		return ffa_error(rc);
	if (flags & FFA_MEM_RECLAIM_ZERO)
		mem_ranges_zero(res.ranges, res.range_count);
	if (res.s2_change) {
		struct vm_mem_rec *r = rec_of(handle);

		if (s2_runs_map(&g->vm.s2, r->runs, r->run_count) != S2_OK)
			panic("nshyp: cannot give %s back its memory", g->cfg->name);
		arch_s2_tlb_flush_all();
	}
	memset(rec_of(handle), 0, sizeof(struct vm_mem_rec));
	return ffa_success(0);
}

/*
 * FFA_FEATURES w2 for a memory ABI a guest may use (v1.1 §13.3): for RETRIEVE_REQ bit 1, "the
 * NS bit is set in retrieve responses" (build_resp()), to a guest that negotiated v1.1 (bits
 * [31:1] are reserved in v1.0); the input w2 is not required from a VM (ACS
 * ffa_features_nsbit asks a VM with input 0 and wants bit 1). 0 for the others.
 */
uint32_t vm_mem_feature_bits(const struct guest *g, uint32_t fid)
{
	if (fid != FFA_MEM_RETRIEVE_REQ_32 && fid != FFA_MEM_RETRIEVE_REQ_64)
		return 0;
	return g->rxtx.version == FFA_VERSION_1_0 ? 0 : FFA_FEATURES_RETRIEVE_NS_BIT;
}

bool vm_mem_feature(const struct guest *g, uint32_t fid)
{
	switch (fid) {
	case FFA_MEM_RETRIEVE_REQ_32:
	case FFA_MEM_RETRIEVE_REQ_64:
	case FFA_MEM_RETRIEVE_RESP: /* its answer: the ACS wants both or neither */
	case FFA_MEM_RELINQUISH:
		return g->rxtx.self_receives;
	case FFA_MEM_DONATE_32:
	case FFA_MEM_DONATE_64:
		return g->cfg->allowed_vm_count != 0;
	default:
		return false;
	}
}

/* g, ended, gives back every retrieval it holds of slot s (unmapped, zeroed if it asked). */
static void release_borrowed(struct guest *g, const struct mem_slot *s)
{
	struct mem_result res;

	while (!mem_relinquish(&table, s->handle, g->vm.id, &res))
		if (res.s2_change) {
			borrower_gone(g, &res, false);
			return;
		}
}

/* g, ended, lent slot s: reclaimed now if nobody holds it, else when its borrower lets go. */
static void release_lent(struct guest *g, const struct mem_slot *s)
{
	struct mem_result res;
	uint64_t handle = s->handle;

	if (!mem_reclaim(&table, handle, g->vm.id, &res)) {
		memset(rec_of(handle), 0, sizeof(struct vm_mem_rec)); /* nobody runs it again */
		return;
	}
	rec_of(handle)->orphan = true;
	printk("%s stopped while VM 0x%x still holds its memory (handle 0x%lx)\n", g->cfg->name,
	       s->tx.borrowers[0].id, (unsigned long)handle);
}

void vm_mem_guest_stopped(struct guest *g)
{
	for (unsigned i = 0; i < MEM_MAX_TRANSACTIONS; i++) {
		const struct mem_slot *s = &table.slots[i];

		if (s->handle && s->tx.borrowers[0].id == g->vm.id)
			release_borrowed(g, s);
		if (s->handle && s->tx.lender == g->vm.id && !rec_of(s->handle)->orphan)
			release_lent(g, s);
	}
}
