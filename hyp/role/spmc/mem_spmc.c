// SPDX-License-Identifier: BSD-3-Clause
/*
 * FF-A memory management in the SPMC (FF-A v1.1 chapters 10 and 16;
 * docs/abi/ffa-memory.md): DONATE/LEND/SHARE from partitions and from the
 * normal world (nshyp, on behalf of a guest, with PAs it translated),
 * RETRIEVE_REQ/RELINQUISH by partitions, RECLAIM by the lender, and the
 * fragments of both directions (FRAG_TX, FRAG_RX). The transaction table
 * and the descriptor checks are the shared core (hyp/core/mem_share.c);
 * this file owns the stage 2s: it unmaps what a partition lends, maps what
 * a partition retrieves (IPA == PA; NS memory in its non-secure IPA space)
 * and zeroes memory when asked.
 *
 * Every operation is transactional: the slot it changes is saved and put
 * back if a stage-2 change fails, so a refused call changes nothing.
 *
 * Capacity is reserved, not shared: each lender (every partition, and every
 * VM a partition is bound to) may have MEM_QUOTA_PER_CLIENT live
 * transactions, and the table has room for all of them at once, so one
 * client's use never becomes another's NO_MEMORY. When a partition is
 * aborted, its retrievals are given up, what it lent is reclaimed as soon as
 * no borrower holds it, and pages donated to it are scrubbed and returned to
 * their donor (docs/abi/ffa-memory.md §12).
 */
#include <abi/ffa_mem.h>
#include <abi/ffa_rules.h>
#include <arch/sysreg.h>
#include <hyp/mem_share.h>
#include <lib/print.h>
#include <lib/string.h>
#include <plat/plat_def.h>

#include "spmc.h"

/* Every possible lender's whole quota fits in the table: partitions, and the VMs of the
 * description (only a VM bound to every borrower may lend). */
_Static_assert((SYS_MAX_SPS + SYS_MAX_VMS) * MEM_QUOTA_PER_CLIENT <= MEM_MAX_TRANSACTIONS,
	       "the transaction table must hold every client's reservation");
/* DONATEs a partition may have retrieved: each keeps a record to give the pages back. */
#define MEM_MAX_DONATIONS 8u
/* Fragment-session handles carry this tag in bits [62:56]; they name no transaction. */
#define FRAG_HANDLE_TAG (0x7full << 56)

/* Where the lender's pages were in its own IPA space, to give them back on reclaim. */
struct lender_runs {
	unsigned count;
	struct s2_run run[MEM_MAX_CONSTITUENTS];
};

/* Pages donated to a partition and where they were in the donor, to return them if it dies. */
struct donation {
	ffa_id_t donor; /* 0: free record */
	uint64_t seq;	/* newer records win when the same pages came back and were donated again */
	struct lender_runs from;
};

/* One endpoint side: index 0 is the normal world, 1 + i is partition i. */
#define SIDES (1 + SYS_MAX_SPS)

static struct mem_table table;
static struct lender_runs runs[MEM_MAX_TRANSACTIONS];
/*
 * The sole borrower of the transaction in this slot asked, when it retrieved it, for zeroing
 * after its relinquish (retrieve flag bit 2, FF-A v1.1 table 10.21): done at its last one.
 */
static bool zero_after_relinquish[MEM_MAX_TRANSACTIONS];
static struct donation received[SYS_MAX_SPS][MEM_MAX_DONATIONS];
static uint64_t donation_seq;
static struct mem_frags incoming[SIDES];
static struct mem_frags outgoing[SIDES];
static struct rxtx nwd_rxtx; /* the normal-world hypervisor's buffers (PAs, NS) */

static void settle_aborted(void);

/* Boot (and the host tests, between cases): no transaction, no fragments, no NWd buffers. */
void spmc_mem_init(void)
{
	mem_table_init(&table, false);
	memset(runs, 0, sizeof(runs));
	memset(received, 0, sizeof(received));
	donation_seq = 0;
	memset(incoming, 0, sizeof(incoming));
	memset(outgoing, 0, sizeof(outgoing));
	memset(&nwd_rxtx, 0, sizeof(nwd_rxtx));
}

/* For host tests and fuzzing only (test/fuzz/spmc_world.c): the live table, to check it. */
const struct mem_table *spmc_mem_table(void);
const struct mem_table *spmc_mem_table(void)
{
	return &table;
}

static unsigned side_of(const struct sp *sp)
{
	return sp ? 1 + (unsigned)(sp - spmc_partitions) : 0;
}

static unsigned slot_of(uint64_t handle)
{
	return (unsigned)(handle & 0xff);
}

static bool aborted(const struct sp *sp)
{
	return sp && sp->vm.vcpus[0].state == VCPU_ABORTED;
}

/* A slot saved before an operation, put back if its stage-2 change fails. */
struct slot_backup {
	unsigned idx;
	uint32_t live;
	struct mem_slot slot;
};

static void slot_save(struct slot_backup *b, uint64_t handle)
{
	b->idx = slot_of(handle);
	b->live = table.live;
	b->slot = table.slots[b->idx];
}

static void slot_restore(const struct slot_backup *b)
{
	table.slots[b->idx] = b->slot;
	table.live = b->live;
}

/* FFA_SUCCESS with a handle: w2/w3. */
static struct ffa_value success_handle(uint64_t handle)
{
	struct ffa_value v = { { FFA_SUCCESS_32, 0, (uint32_t)handle, handle >> 32 } };

	return v;
}

/* FFA_MEM_FRAG_RX / FFA_MEM_FRAG_TX: w1/w2 handle, w3 offset or fragment length. */
static struct ffa_value frag_value(uint32_t fid, uint64_t handle, uint32_t w3)
{
	struct ffa_value v = { { fid, (uint32_t)handle, handle >> 32, w3 } };

	return v;
}

static uint64_t call_handle(const struct ffa_value *m)
{
	return (uint32_t)m->x[1] | (uint64_t)(uint32_t)m->x[2] << 32;
}

static bool in_ns_ram(uint64_t pa, uint64_t pages)
{
	uint64_t end = pa + pages * FFA_PAGE_SIZE;

	return pa >= PLAT_NS_RAM_BASE && end > pa && end <= PLAT_NS_RAM_BASE + PLAT_NS_RAM_SIZE;
}

/* The S-EL2 stage 1 maps secure RAM and NS RAM 1:1 (spmc.c), so a PA is its own address. */
static void *pa_ptr(uint64_t pa)
{
	return (void *)(uintptr_t)pa;
}

/* ---- the sender's side: DONATE, LEND, SHARE ---------------------------------------------- */

/* Count the live transactions `lender` has made. */
static uint32_t lender_load(ffa_id_t lender)
{
	uint32_t n = 0;

	for (unsigned i = 0; i < MEM_MAX_TRANSACTIONS; i++)
		n += table.slots[i].handle && table.slots[i].tx.lender == lender;
	return n;
}

/*
 * A partition's IPAs to PAs, page by page, through its secure stage 2: every page must be
 * its own read-write normal memory. Contiguous pages become one run; tx gets the PAs.
 */
static int32_t translate_sp_ranges(const struct sp *sp, struct mem_tx *tx, struct lender_runs *out)
{
	for (uint32_t r = 0; r < tx->range_count; r++) {
		int rc = s2_runs_collect(&sp->vm.s2, tx->ranges[r].base, tx->ranges[r].pages,
					 S2_RW | S2_DEVICE, S2_RW, out->run, &out->count,
					 MEM_MAX_CONSTITUENTS);

		if (rc)
			return rc == S2_ENOMEM ? FFA_RET_NO_MEMORY : FFA_RET_DENIED;
	}
	for (uint32_t i = 0; i < out->count; i++)
		tx->ranges[i] = (struct mem_range){ out->run[i].pa, out->run[i].pages };
	tx->range_count = out->count;
	return 0;
}

/* Take a lender partition's access to its runs, all or nothing. */
static int lender_unmap(struct sp *sp, const struct lender_runs *lr)
{
	int rc = s2_runs_unmap(&sp->vm.s2, lr->run, lr->count);

	arch_s2_tlb_flush_all();
	return rc;
}

static void lender_remap(struct sp *sp, const struct lender_runs *lr)
{
	if (s2_runs_map(&sp->vm.s2, lr->run, lr->count) != S2_OK)
		panic("spmc: cannot give partition %s back its memory", sp->vm.name);
	arch_s2_tlb_flush_all();
}

/* Every borrower must be a partition; a VM lender must be bound to each. */
static int32_t check_borrowers(const struct mem_tx *tx, const struct sp *lender)
{
	for (uint32_t i = 0; i < tx->borrower_count; i++) {
		struct sp *b = spmc_find_sp(tx->borrowers[i].id);

		if (!b)
			return ffa_id_is_secure(tx->borrowers[i].id) ? FFA_RET_INVALID_PARAMETERS
								     : FFA_RET_DENIED;
		if (!lender && !idset_has(&b->allowed_vms, tx->lender))
			return FFA_RET_DENIED;
	}
	return 0;
}

/*
 * Do any of `r` (PAs) hold the partition's RX/TX buffers? The SPMC keeps reading TX and
 * writing RX there, so those pages must stay the partition's: not lent, donated or
 * relinquished while registered.
 */
static bool overlaps_buffers(const struct sp *sp, const struct mem_range *r, uint32_t count)
{
	const struct rxtx *b = &sp->rxtx;
	uint64_t len = (uint64_t)b->pages * FFA_PAGE_SIZE;

	for (uint32_t i = 0; b->tx_pa && i < count; i++) {
		uint64_t lo = r[i].base, hi = lo + (uint64_t)r[i].pages * FFA_PAGE_SIZE;

		if ((lo < b->tx_pa + len && b->tx_pa < hi) ||
		    (lo < b->rx_pa + len && b->rx_pa < hi))
			return true;
	}
	return false;
}

/* The descriptor layout a sender uses: a partition's negotiated version; nshyp sends v1.1. */
static uint32_t sender_version(const struct sp *sp)
{
	return sp ? sp->rxtx.version : FFA_VERSION_1_1;
}

/* A whole descriptor from `sp` (or the normal world when sp is NULL): record the transaction. */
static struct ffa_value send_complete(struct sp *sp, uint32_t fid, const uint8_t *desc,
				      uint32_t len)
{
	struct mem_tx tx;
	struct lender_runs lr = { 0 };
	ffa_id_t caller;
	uint64_t handle;
	int32_t rc;

	if (sp) {
		caller = sp->vm.id;
	} else {
		/* The normal world speaks for its VMs (as for direct requests): a VM ID. */
		if (len < 2)
			return ffa_error(FFA_RET_INVALID_PARAMETERS);
		memcpy(&caller, desc, sizeof(caller));
		if (caller == FFA_ID_HYPERVISOR || ffa_id_is_secure(caller))
			return ffa_error(FFA_RET_INVALID_PARAMETERS);
	}
	rc = ffa_mem_desc_parse_v(desc, len, fid, caller, sender_version(sp), &tx);
	if (!rc)
		rc = check_borrowers(&tx, sp);
	if (rc)
		return ffa_error(rc);
	if (sp) {
		rc = translate_sp_ranges(sp, &tx, &lr);
		if (!rc && tx.type != MEM_TX_SHARE &&
		    overlaps_buffers(sp, tx.ranges, tx.range_count))
			rc = FFA_RET_DENIED;
	} else {
		/* Normal-world memory only; a VM cannot give the secure world its pages for good.
		 */
		for (uint32_t i = 0; i < tx.range_count && !rc; i++)
			if (!in_ns_ram(tx.ranges[i].base, tx.ranges[i].pages))
				rc = FFA_RET_DENIED;
		if (!rc && tx.type == MEM_TX_DONATE)
			rc = FFA_RET_DENIED;
	}
	if (!rc && lender_load(caller) >= MEM_QUOTA_PER_CLIENT)
		rc = FFA_RET_NO_MEMORY; /* its reservation is used up; nobody else's is touched */
	if (!rc)
		rc = mem_tx_create(&table, &tx, &handle);
	if (rc)
		return ffa_error(rc);
	if (sp && tx.type != MEM_TX_SHARE && lender_unmap(sp, &lr)) {
		struct mem_result undo;

		mem_reclaim(&table, handle, caller, &undo);
		return ffa_error(FFA_RET_NO_MEMORY);
	}
	runs[slot_of(handle)] = lr;
	zero_after_relinquish[slot_of(handle)] = false;
	return success_handle(handle);
}

static struct rxtx *rxtx_of(struct sp *sp)
{
	return sp ? &sp->rxtx : &nwd_rxtx;
}

struct rxtx *spmc_mem_nwd_buffers(void)
{
	return &nwd_rxtx;
}

static uint32_t rx_size(const struct rxtx *b)
{
	return b->pages * FFA_PAGE_SIZE;
}

/* Where a descriptor's arrival stands: an error, the next fragment asked for, or done. */
static struct ffa_value descriptor_arrived(struct sp *sp, struct mem_frags *in, int32_t rc)
{
	if (rc < 0)
		return ffa_error(rc);
	if (rc > 0)
		return frag_value(FFA_MEM_FRAG_RX, in->handle, in->done);
	return send_complete(sp, in->fid, in->data, in->total);
}

static const void *tx_of(const struct rxtx *b)
{
	if (!b->tx_pa)
		return 0;
	arch_dcache_clean_inval(pa_ptr(b->tx_pa), rx_size(b)); /* written with caches off? */
	return pa_ptr(b->tx_pa);
}

/* FFA_MEM_DONATE/LEND/SHARE: w1 total length, w2 fragment length, w3/w4 0 (the TX buffer). */
static struct ffa_value mem_send(struct sp *sp, const struct ffa_value *m)
{
	struct mem_frags *in = &incoming[side_of(sp)];
	struct rxtx *b = rxtx_of(sp);

	return descriptor_arrived(
	    sp, in,
	    mem_frags_send(in, m, tx_of(b), rx_size(b), FRAG_HANDLE_TAG, sender_version(sp)));
}

/* FFA_MEM_FRAG_TX: w1/w2 the fragment session's handle, w3 fragment length, w4 0. */
static struct ffa_value mem_frag_tx(struct sp *sp, const struct ffa_value *m)
{
	struct mem_frags *in = &incoming[side_of(sp)];
	struct rxtx *b = rxtx_of(sp);

	return descriptor_arrived(sp, in, mem_frags_tx(in, m, tx_of(b), rx_size(b)));
}

/* ---- the borrower's side: RETRIEVE_REQ, FRAG_RX, RELINQUISH ------------------------------- */

/* Copy the caller's TX into `buf` (len bytes, checked against the buffer) once. */
static bool copy_tx(const struct rxtx *b, void *buf, uint32_t len)
{
	if (!b->tx_pa || len > rx_size(b))
		return false;
	arch_dcache_clean_inval(pa_ptr(b->tx_pa), len); /* written with caches off? */
	memcpy(buf, pa_ptr(b->tx_pa), len);
	return true;
}

/* The borrower's IPA space for a range: non-secure memory goes in its NS IPA space. */
static struct s2_space *space_for(struct sp *sp, const struct mem_range *r)
{
	return in_ns_ram(r->base, r->pages) ? &sp->s2_ns : &sp->vm.s2;
}

static int borrower_map(struct sp *sp, const struct mem_result *res)
{
	for (uint32_t i = 0; i < res->range_count; i++) {
		const struct mem_range *r = &res->ranges[i];

		if (s2_map(space_for(sp, r), r->base, r->base, (uint64_t)r->pages * FFA_PAGE_SIZE,
			   mem_s2_attr(res->perms)) != S2_OK) {
			while (i--)
				s2_unmap(space_for(sp, &res->ranges[i]), res->ranges[i].base,
					 (uint64_t)res->ranges[i].pages * FFA_PAGE_SIZE);
			arch_s2_tlb_flush_all();
			return -1;
		}
	}
	/* No stale line from before it owned them. */
	mem_ranges_clean(res->ranges, res->range_count);
	return 0;
}

static void borrower_unmap(struct sp *sp, const struct mem_result *res)
{
	for (uint32_t i = 0; i < res->range_count; i++) {
		const struct mem_range *r = &res->ranges[i];

		if (s2_unmap(space_for(sp, r), r->base, (uint64_t)r->pages * FFA_PAGE_SIZE) !=
		    S2_OK)
			panic("spmc: cannot unmap relinquished memory from %s", sp->vm.name);
	}
	arch_s2_tlb_flush_all();
	mem_ranges_clean(res->ranges, res->range_count); /* its dirty lines go to memory now */
}

/*
 * sp's last retrieval of slot idx ended (relinquished, or sp aborted): unmapped, and zeroed if
 * it asks now (`zero`) or asked when it retrieved (retrieve flag bit 2): the lender never sees
 * what it left there.
 */
static void borrower_gone(struct sp *sp, unsigned idx, const struct mem_result *res, bool zero)
{
	borrower_unmap(sp, res);
	if (zero || zero_after_relinquish[idx])
		mem_ranges_zero(res->ranges, res->range_count);
	zero_after_relinquish[idx] = false;
}

/*
 * Lay out the retrieve response: the transaction as the lender described it, PAs as addresses.
 * For a v1.0 caller in the v1.0 layout (v1.0 Table 5.19): the header's first 32 bytes, its word
 * at offset 24 reserved, the access descriptors right after it, and no NS bit (v1.1 added it).
 */
static uint32_t build_retrieve_resp(uint8_t *d, const struct mem_slot *s,
				    const struct mem_result *res, ffa_id_t self, bool v1_0)
{
	struct ffa_mem_region hdr = { 0 };
	struct ffa_composite_mem_region comp = { 0 };
	uint32_t n = s->tx.borrower_count;
	uint32_t hdr_size = mem_region_header_size(v1_0);
	uint32_t comp_off = hdr_size + n * (uint32_t)sizeof(struct ffa_mem_access);
	uint32_t cons_off = comp_off + (uint32_t)sizeof(comp);

	hdr.sender_id = s->tx.lender;
	/* What the SPMC mapped: always normal, write-back, inner shareable; NS if it is. */
	hdr.attributes = FFA_MEM_ATTR_NORMAL_WB_INNER;
	if (!v1_0 && res->range_count && in_ns_ram(res->ranges[0].base, res->ranges[0].pages))
		hdr.attributes |= FFA_MEM_ATTR_NS;
	hdr.flags = (uint32_t)s->tx.type << FFA_MEM_FLAG_TYPE_SHIFT;
	if (res->zero)
		hdr.flags |= FFA_MEM_FLAG_ZERO; /* the memory was zeroed before this retrieval */
	hdr.handle = s->handle;
	hdr.tag = s->tx.tag;
	hdr.ep_count = n;
	mem_region_header_put(d, &hdr, v1_0);
	for (uint32_t i = 0; i < n; i++) {
		struct ffa_mem_access a = { .receiver_id = s->tx.borrowers[i].id,
					    .permissions = s->tx.borrowers[i].perms,
					    .composite_offset = comp_off };

		if (a.receiver_id == self)
			a.permissions = res->perms; /* the access it was given */

		memcpy(d + hdr_size + i * sizeof(a), &a, sizeof(a));
	}
	comp.page_count = res->total_pages;
	comp.constituent_count = res->range_count;
	memcpy(d + comp_off, &comp, sizeof(comp));
	for (uint32_t i = 0; i < res->range_count; i++) {
		struct ffa_mem_constituent c = { .address = res->ranges[i].base,
						 .page_count = res->ranges[i].pages };

		memcpy(d + cons_off + i * sizeof(c), &c, sizeof(c));
	}
	return cons_off + res->range_count * (uint32_t)sizeof(struct ffa_mem_constituent);
}

/* Put the next fragment of `out` into the partition's RX; returns its length. */
static uint32_t send_fragment(struct sp *sp, struct mem_frags *out, uint32_t offset)
{
	uint32_t len = out->total - offset;

	if (len > rx_size(&sp->rxtx))
		len = rx_size(&sp->rxtx);
	memcpy(pa_ptr(sp->rxtx.rx_pa), out->data + offset, len);
	arch_dcache_clean_inval(pa_ptr(sp->rxtx.rx_pa), len); /* read with caches off? */
	sp->rxtx.rx_full = true;
	return len;
}

/* A free donation record of `sp`, or NULL. */
static struct donation *donation_free(const struct sp *sp)
{
	struct donation *d = received[sp - spmc_partitions];

	for (unsigned i = 0; i < MEM_MAX_DONATIONS; i++)
		if (!d[i].donor)
			return &d[i];
	return 0;
}

/*
 * FFA_MEM_RETRIEVE_REQ: w1 total = w2 fragment length, w3/w4 0 (the TX buffer). The request and
 * the response are in the layout of the version the caller negotiated (v1.0 or v1.1).
 */
static struct ffa_value mem_retrieve_req(struct sp *sp, const struct ffa_value *m)
{
	uint8_t
	    req[sizeof(struct ffa_mem_region) + MEM_MAX_BORROWERS * sizeof(struct ffa_mem_access)];
	bool v1_0 = sp->rxtx.version == FFA_VERSION_1_0;
	struct mem_frags *out = &outgoing[side_of(sp)];
	uint32_t len = (uint32_t)m->x[1];
	const struct mem_slot *s;
	struct donation *don = 0;
	struct slot_backup bk;
	struct mem_result res;
	struct ffa_value r;
	uint64_t handle;
	uint32_t flags;
	uint8_t perms = 0;
	int32_t rc;

	if (m->x[1] != m->x[2] || m->x[3] || m->x[4] ||
	    len > sizeof(req) - (v1_0 ? MEM_V1_0_GROWTH : 0) ||
	    len < (v1_0 ? FFA_MEM_REGION_V1_0_SIZE : sizeof(struct ffa_mem_region)))
		return ffa_error(FFA_RET_INVALID_PARAMETERS);
	if (!copy_tx(&sp->rxtx, req, len))
		return ffa_error(FFA_RET_DENIED);
	if (sp->rxtx.rx_full)
		return ffa_error(FFA_RET_BUSY);
	if (v1_0 && mem_retrieve_req_from_v1_0(req, &len))
		return ffa_error(FFA_RET_INVALID_PARAMETERS);
	memcpy(&handle, req + offsetof(struct ffa_mem_region, handle), sizeof(handle));
	s = mem_tx_find(&table, handle);
	rc = mem_retrieve_req_check(req, len, sp->vm.id, s, &perms, &flags);
	if (rc)
		return ffa_error(rc);
	slot_save(&bk, handle);
	rc = mem_retrieve(&table, handle, sp->vm.id, perms, &res);
	/* A DONATE is the borrower's for good: keep where it came from, in case the borrower dies.
	 */
	if (!rc && res.done && !(don = donation_free(sp)))
		rc = FFA_RET_NO_MEMORY;
	if (!rc && res.s2_change && borrower_map(sp, &res))
		rc = FFA_RET_NO_MEMORY;
	if (rc) {
		slot_restore(&bk);
		return ffa_error(rc);
	}
	if (res.s2_change)
		arch_s2_tlb_flush_all();
	out->total = build_retrieve_resp(out->data, &bk.slot, &res, sp->vm.id, v1_0);
	out->handle = handle;
	if (don) {
		*don = (struct donation){ res.lender, ++donation_seq, runs[bk.idx] };
		memset(&runs[bk.idx], 0, sizeof(runs[0]));
	}
	if (res.zero)
		mem_ranges_zero(res.ranges, res.range_count);
	if (!res.done && (flags & FFA_MEM_FLAG_ZERO_AFTER_RELINQUISH))
		zero_after_relinquish[bk.idx] = true;
	r.x[0] = FFA_MEM_RETRIEVE_RESP;
	r.x[1] = out->total;
	r.x[2] = send_fragment(sp, out, 0);
	out->active = r.x[2] < out->total; /* FRAG_RX serves the rest, once each */
	for (unsigned i = 3; i < 8; i++)
		r.x[i] = 0;
	return r;
}

/* FFA_MEM_FRAG_RX by a borrower: w1/w2 handle, w3 offset of the fragment it wants next. */
static struct ffa_value mem_frag_rx(struct sp *sp, const struct ffa_value *m)
{
	struct mem_frags *out = &outgoing[side_of(sp)];
	uint32_t offset = (uint32_t)m->x[3], len;

	if (!out->active || call_handle(m) != out->handle || (m->x[3] >> 32) || m->x[4] ||
	    offset == 0 || offset >= out->total)
		return ffa_error(FFA_RET_INVALID_PARAMETERS);
	if (sp->rxtx.rx_full)
		return ffa_error(FFA_RET_BUSY);
	len = send_fragment(sp, out, offset);
	out->active = offset + len < out->total; /* the last fragment closes the session */
	return frag_value(FFA_MEM_FRAG_TX, out->handle, len);
}

/* FFA_MEM_RELINQUISH: the relinquish descriptor (one endpoint, the caller) in TX. */
static struct ffa_value mem_relinquish_req(struct sp *sp, const struct ffa_value *m)
{
	uint8_t buf[sizeof(struct ffa_mem_relinquish) + sizeof(ffa_id_t)];
	struct ffa_mem_relinquish rel;
	struct slot_backup bk;
	struct mem_result res;
	int32_t rc;

	if (m->x[1] || m->x[2] || m->x[3] || m->x[4])
		return ffa_error(FFA_RET_INVALID_PARAMETERS);
	if (!copy_tx(&sp->rxtx, buf, sizeof(buf)))
		return ffa_error(FFA_RET_DENIED);
	rc = mem_relinquish_desc_check(buf, sp->vm.id, &table, &rel);
	if (rc)
		return ffa_error(rc);
	slot_save(&bk, rel.handle);
	rc = mem_relinquish(&table, rel.handle, sp->vm.id, &res);
	if (!rc && res.s2_change && overlaps_buffers(sp, res.ranges, res.range_count))
		rc = FFA_RET_DENIED; /* it must unmap its RX/TX from there first */
	if (!rc)
		rc = mem_relinquish_zero_check(rel.flags, &bk.slot, &res);
	if (rc) {
		slot_restore(&bk);
		return ffa_error(rc);
	}
	if (res.s2_change) /* (ZERO was refused without it) */
		borrower_gone(sp, bk.idx, &res, rel.flags & FFA_MEM_RELINQUISH_ZERO);
	settle_aborted();
	return ffa_success(0);
}

/* ---- the lender's side again: RECLAIM ---------------------------------------------------- */

/*
 * FFA_MEM_RECLAIM: w1/w2 handle, w3 flags (bit 0 zero). From the NWd the lender is a VM. Zeroing
 * is valid for every type, a SHARE too (FF-A v1.1 §16.8; ACS reclaim_input_error_checks): no
 * borrower holds the memory any more.
 */
static struct ffa_value mem_reclaim_req(struct sp *sp, const struct ffa_value *m)
{
	uint64_t handle = call_handle(m);
	const struct mem_slot *s = mem_tx_find(&table, handle);
	uint32_t flags = (uint32_t)m->x[3];
	struct mem_result res;
	ffa_id_t lender;
	int32_t rc;

	if ((m->x[3] >> 32) || (flags & ~FFA_MEM_RECLAIM_ZERO) || m->x[4] || !s)
		return ffa_error(FFA_RET_INVALID_PARAMETERS);
	lender = sp ? sp->vm.id : s->tx.lender;
	if (!sp && ffa_id_is_secure(lender))
		return ffa_error(FFA_RET_INVALID_PARAMETERS);
	rc = mem_reclaim(&table, handle, lender, &res);
	if (rc)
		return ffa_error(rc);
	if (flags & FFA_MEM_RECLAIM_ZERO)
		mem_ranges_zero(res.ranges, res.range_count);
	if (sp && res.s2_change)
		lender_remap(sp, &runs[slot_of(handle)]);
	memset(&runs[slot_of(handle)], 0, sizeof(runs[0]));
	return ffa_success(0);
}

/* ---- the normal world's buffers at the SPMC ---------------------------------------------- */

/* FFA_RXTX_MAP from the normal-world hypervisor: PAs of NS memory. */
static struct ffa_value nwd_rxtx_map(const struct ffa_value *m)
{
	uint64_t tx = m->x[1], rx = m->x[2];
	uint32_t pages = ffa_rxtx_map_pages(m); /* 0 if an MBZ field is set (ffa_rules.h) */
	uint64_t len = (uint64_t)pages * FFA_PAGE_SIZE;

	if (nwd_rxtx.tx_pa)
		return ffa_error(FFA_RET_DENIED);
	if (pages == 0 || pages > RXTX_MAX_PAGES || (tx | rx) % FFA_PAGE_SIZE ||
	    !in_ns_ram(tx, pages) || !in_ns_ram(rx, pages) || (tx < rx + len && rx < tx + len))
		return ffa_error(FFA_RET_INVALID_PARAMETERS);
	nwd_rxtx.tx_pa = tx;
	nwd_rxtx.rx_pa = rx;
	nwd_rxtx.pages = pages;
	nwd_rxtx.rx_full = false;
	return ffa_success(0);
}

/* The lender's calls, alike from a partition and from the normal world (sp NULL). */
static bool lender_call(struct sp *sp, struct ffa_value *m)
{
	uint32_t fid = (uint32_t)m->x[0];

	if (ffa_mem_is_send(fid))
		*m = mem_send(sp, m);
	else if (fid == FFA_MEM_FRAG_TX)
		*m = mem_frag_tx(sp, m);
	else if (fid == FFA_MEM_RECLAIM)
		*m = mem_reclaim_req(sp, m);
	else
		return false;
	return true;
}

bool spmc_mem_nwd_call(struct ffa_value *m)
{
	switch ((uint32_t)m->x[0]) {
	case FFA_RXTX_MAP_32:
	case FFA_RXTX_MAP_64:
		*m = nwd_rxtx_map(m);
		return true;
	case FFA_RXTX_UNMAP:
		/* w1[31:16]: the endpoint whose buffers go; the hypervisor's own are ID 0. */
		*m = !ffa_rxtx_unmap_args_ok(m->x[1], FFA_ID_HYPERVISOR)
			 ? ffa_error(FFA_RET_INVALID_PARAMETERS)
			 : (rxtx_unmap(&nwd_rxtx) ? ffa_error(FFA_RET_INVALID_PARAMETERS)
						  : ffa_success(0));
		return true;
	default:
		/* Not RETRIEVE_REQ, RELINQUISH or FRAG_RX: the normal world borrows nothing. */
		return lender_call(0, m);
	}
}

bool spmc_mem_sp_call(struct sp *sp, struct ffa_value *c)
{
	if (lender_call(sp, c))
		return true;
	switch ((uint32_t)c->x[0]) {
	case FFA_MEM_RETRIEVE_REQ_32:
	case FFA_MEM_RETRIEVE_REQ_64:
		*c = mem_retrieve_req(sp, c);
		return true;
	case FFA_MEM_FRAG_RX:
		*c = mem_frag_rx(sp, c);
		return true;
	case FFA_MEM_RELINQUISH:
		*c = mem_relinquish_req(sp, c);
		return true;
	default:
		return false;
	}
}

/*
 * FFA_FEATURES w2 for the memory ABIs (v1.1 §13.3): RETRIEVE_REQ: bit 1, the NS bit of
 * the memory attributes is used in retrieve responses; bit 0 (dynamic buffers) clear. A
 * partition that negotiated v1.0 gets 0: bits [31:1] are reserved in v1.0 and its retrieve
 * responses carry no NS bit (build_retrieve_resp()).
 */
uint32_t spmc_mem_feature_bits(uint32_t fid, const struct sp *sp)
{
	if (sp && sp->rxtx.version == FFA_VERSION_1_0)
		return 0;
	return fid == FFA_MEM_RETRIEVE_REQ_32 || fid == FFA_MEM_RETRIEVE_REQ_64
		   ? FFA_FEATURES_RETRIEVE_NS_BIT
		   : 0;
}

/*
 * FFA_FEATURES(RETRIEVE_REQ)'s input properties (v1.1 §13.3, table 13.13): a v1.1 caller sets
 * bit 1 to say it handles the NS bit in retrieve responses; one that does not is told
 * NOT_SUPPORTED (ACS ffa_features_nsbit, as Hafnium does). A v1.0 caller's w2 is reserved.
 */
bool spmc_mem_feature_input_ok(uint32_t fid, uint32_t input, const struct sp *sp)
{
	if ((fid != FFA_MEM_RETRIEVE_REQ_32 && fid != FFA_MEM_RETRIEVE_REQ_64) ||
	    (sp && sp->rxtx.version == FFA_VERSION_1_0))
		return true;
	return (input & FFA_FEATURES_RETRIEVE_NS_BIT) != 0;
}

bool spmc_mem_supported(uint32_t fid, bool from_partition)
{
	switch (fid) {
	case FFA_MEM_LEND_32:
	case FFA_MEM_SHARE_32:
	case FFA_MEM_LEND_64:
	case FFA_MEM_SHARE_64:
	case FFA_MEM_FRAG_TX:
	case FFA_MEM_RECLAIM:
		return true;
	case FFA_MEM_DONATE_32:
	case FFA_MEM_DONATE_64:
	case FFA_MEM_RETRIEVE_REQ_32:
	case FFA_MEM_RETRIEVE_REQ_64:
	case FFA_MEM_RETRIEVE_RESP: /* its answer: the ACS wants both or neither */
	case FFA_MEM_FRAG_RX:
	case FFA_MEM_RELINQUISH:
		return from_partition;
	default:
		return false;
	}
}

/* ---- aborted partitions ------------------------------------------------------------------ */

/*
 * What an aborted partition lent, shared or donated is reclaimed for it as soon as no
 * borrower holds it: the pages go back where they were in its (dead) stage 2, its slots
 * are free again, and a later retrieval of the handle fails.
 */
static void reclaim_dead_lenders(void)
{
	for (unsigned i = 0; i < MEM_MAX_TRANSACTIONS; i++) {
		const struct mem_slot *s = &table.slots[i];
		struct sp *lender = s->handle ? spmc_find_sp(s->tx.lender) : 0;
		struct mem_result res;

		if (!aborted(lender) || mem_reclaim(&table, s->handle, lender->vm.id, &res))
			continue;
		if (res.s2_change &&
		    s2_runs_map(&lender->vm.s2, runs[i].run, runs[i].count) != S2_OK)
			printk("spmc: pages lent by aborted %s stay unmapped\n", lender->vm.name);
		arch_s2_tlb_flush_all();
		memset(&runs[i], 0, sizeof(runs[i]));
	}
}

/* Is the page at `pa` still the dead partition's: mapped at IPA == PA, in no transaction? */
static bool still_held(const struct sp *sp, uint64_t pa)
{
	uint64_t got;
	unsigned attr;

	return s2_lookup(&sp->vm.s2, pa, &got, &attr) && got == pa &&
	       mem_range_available(&table, pa, 1);
}

/*
 * Take `pages` pages at `pa` (IPA == PA) from the dead `sp`, scrub them and give them back
 * to the donor at `ipa`. A donor that is gone too gets nothing: the pages stay unmapped
 * everywhere, zeroed, owned by no one until reboot.
 */
static void return_span(struct sp *sp, struct sp *donor, const struct s2_run *r, uint64_t first,
			uint64_t pages)
{
	uint64_t pa = r->pa + first * FFA_PAGE_SIZE, len = pages * FFA_PAGE_SIZE;
	const struct mem_range span = { .base = pa, .pages = (uint32_t)pages };

	if (s2_unmap(&sp->vm.s2, pa, len) != S2_OK) {
		printk("spmc: pages donated to aborted %s stay mapped there\n", sp->vm.name);
		return;
	}
	arch_s2_tlb_flush_all();
	mem_ranges_zero(&span, 1); /* scrubbed, and the zeroes in memory (cache rules) */
	if (donor && !aborted(donor) &&
	    s2_map(&donor->vm.s2, r->ipa + first * FFA_PAGE_SIZE, pa, len, r->attr) != S2_OK)
		printk("spmc: pages donated by %s could not be given back\n", donor->vm.name);
}

/* Every page of donation `d` the dead `sp` still holds goes back, in maximal spans. */
static void return_donation(struct sp *sp, const struct donation *d)
{
	struct sp *donor = spmc_find_sp(d->donor);

	for (unsigned k = 0; k < d->from.count; k++) {
		const struct s2_run *r = &d->from.run[k];
		uint64_t p = 0, n;

		for (; p < r->pages; p += n ? n : 1) {
			for (n = 0;
			     p + n < r->pages && still_held(sp, r->pa + (p + n) * FFA_PAGE_SIZE);
			     n++)
				;
			if (n)
				return_span(sp, donor, r, p, n);
		}
	}
}

/* Newest record first: pages donated, given back and donated again go to the last donor. */
static void return_donations(struct sp *sp)
{
	const struct donation *d = received[sp - spmc_partitions];
	uint64_t below = UINT64_MAX;

	for (;;) {
		const struct donation *next = 0;

		for (unsigned i = 0; i < MEM_MAX_DONATIONS; i++)
			if (d[i].donor && d[i].seq < below && (!next || d[i].seq > next->seq))
				next = &d[i];
		if (!next)
			return;
		below = next->seq;
		return_donation(sp, next);
	}
}

/* After anything that can free pages of an aborted partition: reclaim and return them. */
static void settle_aborted(void)
{
	reclaim_dead_lenders();
	for (unsigned i = 0; i < spmc_partition_count; i++)
		if (aborted(&spmc_partitions[i]))
			return_donations(&spmc_partitions[i]);
}

/*
 * A partition was aborted: it will never relinquish, so give up every retrieval it holds
 * (its stage 2 loses the pages, zeroed if it asked for that when it retrieved them, as its own
 * last relinquish would) and drop its unfinished fragments, so that lenders can
 * reclaim. What it lent comes back to it once its borrowers relinquish; what was donated
 * to it goes back to the donor (settle_aborted()).
 */
void spmc_mem_partition_aborted(struct sp *sp)
{
	for (unsigned i = 0; i < MEM_MAX_TRANSACTIONS; i++) {
		const struct mem_slot *s = &table.slots[i];

		for (uint32_t b = 0; s->handle && b < s->tx.borrower_count; b++) {
			struct mem_result res;

			if (s->borrowers[b].id != sp->vm.id)
				continue;
			while (s->borrowers[b].retrieves &&
			       mem_relinquish(&table, s->handle, sp->vm.id, &res) == 0)
				if (res.s2_change)
					borrower_gone(sp, i, &res, false);
		}
	}
	incoming[side_of(sp)].active = false;
	outgoing[side_of(sp)].active = false;
	settle_aborted();
}

uint32_t spmc_mem_live(void)
{
	return table.live;
}
