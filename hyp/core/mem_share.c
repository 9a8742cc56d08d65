// SPDX-License-Identifier: BSD-3-Clause
/*
 * FF-A memory management core (see <hyp/mem_share.h>): the DONATE/LEND/SHARE
 * descriptor parser and the table of live transactions. Every check comes
 * before any change, so a call that fails leaves the table as it was. The
 * rules, and where the spec leaves room the choices made, are listed in
 * docs/abi/ffa-memory.md.
 */
#include <arch/sysreg.h>
#include <hyp/mem_share.h>
#include <lib/s2.h>
#include <lib/string.h>

#define PAGE		 FFA_PAGE_SIZE
#define HANDLE_SLOT_BITS 8
#define HANDLE_SLOT_MASK ((1ull << HANDLE_SLOT_BITS) - 1)
#define HANDLE_GEN_MAX	 ((FFA_MEM_HANDLE_ALLOCATOR_HYP >> HANDLE_SLOT_BITS) - 1)
#define DATA(perms)	 ((uint8_t)((perms)&FFA_MEM_DATA_MASK))
#define INSTR(perms)	 ((uint8_t)((perms)&FFA_MEM_INSTR_MASK))
#define DESC_ALIGN	 16u

_Static_assert(MEM_MAX_TRANSACTIONS <= HANDLE_SLOT_MASK + 1, "slot index must fit the handle");
_Static_assert(MEM_MAX_RETRIEVES < UINT32_MAX, "retrieval counter");

/* A share, or a lend to several borrowers: the attributes are the lender's, and nobody executes. */
static bool multi_party(enum mem_tx_type type, uint32_t borrowers)
{
	return type == MEM_TX_SHARE || (type == MEM_TX_LEND && borrowers > 1);
}

/* The lender's memory region attributes (§10.10.4). */
static int32_t check_send_attributes(enum mem_tx_type type, uint32_t borrowers, uint16_t attr)
{
	uint16_t mem_type = attr & FFA_MEM_ATTR_TYPE_MASK;
	uint16_t cache = attr & FFA_MEM_ATTR_CACHE_MASK;
	uint16_t share = attr & FFA_MEM_ATTR_SHARE_MASK;

	if ((attr & (FFA_MEM_ATTR_MBZ | FFA_MEM_ATTR_NS)) || mem_type == FFA_MEM_ATTR_TYPE_RESERVED)
		return FFA_RET_INVALID_PARAMETERS;
	/* DONATE, or LEND to one borrower: the borrower chooses; nothing may be specified. */
	if (!multi_party(type, borrowers))
		return attr ? FFA_RET_INVALID_PARAMETERS : 0;
	if (mem_type == FFA_MEM_ATTR_NOT_SPECIFIED)
		return FFA_RET_INVALID_PARAMETERS;
	if (mem_type == FFA_MEM_ATTR_DEVICE)
		return FFA_RET_DENIED;
	if ((cache != FFA_MEM_ATTR_NON_CACHEABLE && cache != FFA_MEM_ATTR_WRITE_BACK) ||
	    share == FFA_MEM_ATTR_SHARE_RESERVED)
		return FFA_RET_INVALID_PARAMETERS;
	/* Valid, but all Tessera maps is normal write-back inner-shareable memory. */
	return attr == FFA_MEM_ATTR_NORMAL_WB_INNER ? 0 : FFA_RET_DENIED;
}

/* The permissions the lender grants one borrower (§10.11). */
static int32_t check_send_perms(enum mem_tx_type type, uint8_t perms)
{
	if ((perms & FFA_MEM_PERM_MBZ) || DATA(perms) == FFA_MEM_DATA_RESERVED ||
	    INSTR(perms) != FFA_MEM_INSTR_NOT_SPECIFIED)
		return FFA_RET_INVALID_PARAMETERS;
	if (type == MEM_TX_DONATE)
		return DATA(perms) == FFA_MEM_DATA_NOT_SPECIFIED ? 0 : FFA_RET_INVALID_PARAMETERS;
	return DATA(perms) == FFA_MEM_DATA_NOT_SPECIFIED ? FFA_RET_INVALID_PARAMETERS : 0;
}

/*
 * Number of the first page after the `pages` pages at `base` (page-aligned);
 * 0 if they would run past the end of the 64-bit address space.
 */
static uint64_t range_end(uint64_t base, uint64_t pages)
{
	uint64_t first = base / PAGE;

	if (pages > UINT64_MAX / PAGE + 1 - first)
		return 0;
	return first + pages;
}

static bool ranges_overlap(uint64_t a, uint64_t a_pages, uint64_t b, uint64_t b_pages)
{
	return a / PAGE < range_end(b, b_pages) && b / PAGE < range_end(a, a_pages);
}

/* Aligned, non-empty, non-wrapping, disjoint, summing to `total`, within the limits. */
static int32_t check_ranges(const struct mem_range *r, uint32_t count, uint32_t total)
{
	uint64_t sum = 0;

	if (count == 0 || count > MEM_MAX_CONSTITUENTS)
		return FFA_RET_INVALID_PARAMETERS;
	for (uint32_t i = 0; i < count; i++) {
		if (r[i].base % PAGE || r[i].pages == 0 || range_end(r[i].base, r[i].pages) == 0)
			return FFA_RET_INVALID_PARAMETERS;
		for (uint32_t j = 0; j < i; j++)
			if (ranges_overlap(r[i].base, r[i].pages, r[j].base, r[j].pages))
				return FFA_RET_INVALID_PARAMETERS;
		sum += r[i].pages;
	}
	if (sum != total)
		return FFA_RET_INVALID_PARAMETERS;
	return sum > MEM_MAX_PAGES ? FFA_RET_NO_MEMORY : 0;
}

/* Every rule a transaction obeys, whether it comes from a descriptor or from a caller. */
static int32_t check_tx(const struct mem_tx *tx)
{
	uint32_t n = tx->borrower_count;
	int32_t rc;

	if (tx->type != MEM_TX_SHARE && tx->type != MEM_TX_LEND && tx->type != MEM_TX_DONATE)
		return FFA_RET_INVALID_PARAMETERS;
	if (n == 0 || n > MEM_MAX_BORROWERS || (tx->type == MEM_TX_DONATE && n != 1))
		return FFA_RET_INVALID_PARAMETERS;
	if (tx->flags & ~(tx->type == MEM_TX_SHARE ? 0u : FFA_MEM_FLAG_ZERO))
		return FFA_RET_INVALID_PARAMETERS;
	for (uint32_t i = 0; i < n; i++) {
		rc = check_send_perms(tx->type, tx->borrowers[i].perms);
		if (rc)
			return rc;
		if (tx->borrowers[i].id == tx->lender)
			return FFA_RET_INVALID_PARAMETERS;
		for (uint32_t j = 0; j < i; j++)
			if (tx->borrowers[j].id == tx->borrowers[i].id)
				return FFA_RET_INVALID_PARAMETERS;
	}
	rc = check_send_attributes(tx->type, n, tx->attributes);
	if (rc)
		return rc;
	return check_ranges(tx->ranges, tx->range_count, tx->total_pages);
}

static bool all_zero(const uint8_t *p, size_t n)
{
	uint8_t acc = 0;

	for (size_t i = 0; i < n; i++)
		acc |= p[i];
	return acc == 0;
}

/*
 * The header in the v1.1 layout, and its size: a v1.0 one (its reserved byte after the one-byte
 * attributes and its reserved word at offset 24 MBZ) fills the same fields, with the access
 * descriptors right after its 32 bytes. 0 or INVALID_PARAMETERS.
 */
static int32_t read_header(const uint8_t *p, uint32_t length, uint32_t version,
			   struct ffa_mem_region *h, uint32_t *size)
{
	if (version != FFA_VERSION_1_0) {
		if (length < sizeof(*h))
			return FFA_RET_INVALID_PARAMETERS;
		memcpy(h, p, sizeof(*h));
		*size = sizeof(*h);
		return 0;
	}
	if (length < FFA_MEM_REGION_V1_0_SIZE)
		return FFA_RET_INVALID_PARAMETERS;
	memset(h, 0, sizeof(*h));
	memcpy(h, p, FFA_MEM_REGION_V1_0_SIZE);
	if (h->attributes > 0xff || h->ep_mem_access_size != 0)
		return FFA_RET_INVALID_PARAMETERS;
	h->ep_mem_access_size = FFA_MEM_ACCESS_SIZE_V1_1; /* the same 16 bytes in v1.0 */
	h->ep_mem_access_offset = FFA_MEM_REGION_V1_0_SIZE;
	*size = FFA_MEM_REGION_V1_0_SIZE;
	return 0;
}

int32_t ffa_mem_desc_parse(const void *buf, uint32_t length, uint32_t fid, ffa_id_t caller,
			   struct mem_tx *out)
{
	return ffa_mem_desc_parse_v(buf, length, fid, caller, FFA_VERSION_1_1, out);
}

/*
 * The layout checks: header, access descriptor array, composite descriptor
 * and constituents follow each other without overlapping, and the last
 * constituent ends exactly at `length`. Each part is copied out once; the
 * semantic checks then run on `out` (check_tx()).
 */
int32_t ffa_mem_desc_parse_v(const void *buf, uint32_t length, uint32_t fid, ffa_id_t caller,
			     uint32_t version, struct mem_tx *out)
{
	const uint8_t *p = buf;
	struct ffa_mem_region h;
	uint32_t h_size;
	struct ffa_composite_mem_region c;
	uint64_t ep_end, c_off = 0;

	memset(out, 0, sizeof(*out));
	switch (fid) {
	case FFA_MEM_SHARE_32:
	case FFA_MEM_SHARE_64:
		out->type = MEM_TX_SHARE;
		break;
	case FFA_MEM_LEND_32:
	case FFA_MEM_LEND_64:
		out->type = MEM_TX_LEND;
		break;
	case FFA_MEM_DONATE_32:
	case FFA_MEM_DONATE_64:
		out->type = MEM_TX_DONATE;
		break;
	default:
		return FFA_RET_NOT_SUPPORTED;
	}
	if (read_header(p, length, version, &h, &h_size))
		return FFA_RET_INVALID_PARAMETERS;
	if (h.sender_id != caller)
		return FFA_RET_DENIED;
	if (h.handle != 0 || !all_zero(h.reserved, sizeof(h.reserved)) ||
	    h.ep_mem_access_size != FFA_MEM_ACCESS_SIZE_V1_1 || h.ep_count == 0 ||
	    h.ep_mem_access_offset < h_size || h.ep_mem_access_offset % DESC_ALIGN)
		return FFA_RET_INVALID_PARAMETERS;
	ep_end = h.ep_mem_access_offset + (uint64_t)h.ep_count * sizeof(struct ffa_mem_access);
	if (ep_end + sizeof(c) > length)
		return FFA_RET_INVALID_PARAMETERS;
	if (h.ep_count > MEM_MAX_BORROWERS)
		return FFA_RET_NO_MEMORY;
	out->lender = h.sender_id;
	out->attributes = h.attributes;
	out->flags = h.flags;
	out->tag = h.tag;
	out->borrower_count = h.ep_count;
	for (uint32_t i = 0; i < h.ep_count; i++) {
		struct ffa_mem_access a;

		memcpy(&a, p + h.ep_mem_access_offset + i * sizeof(a), sizeof(a));
		if (a.flags || a.reserved || (i && a.composite_offset != c_off))
			return FFA_RET_INVALID_PARAMETERS;
		c_off = a.composite_offset;
		out->borrowers[i] = (struct mem_grant){ a.receiver_id, a.permissions };
	}
	if (c_off < ep_end || c_off % DESC_ALIGN || c_off + sizeof(c) > length)
		return FFA_RET_INVALID_PARAMETERS;
	memcpy(&c, p + c_off, sizeof(c));
	if (c.reserved || c.constituent_count == 0 ||
	    length - (c_off + sizeof(c)) !=
		(uint64_t)c.constituent_count * sizeof(struct ffa_mem_constituent))
		return FFA_RET_INVALID_PARAMETERS;
	if (c.constituent_count > MEM_MAX_CONSTITUENTS)
		return FFA_RET_NO_MEMORY;
	out->total_pages = c.page_count;
	out->range_count = c.constituent_count;
	for (uint32_t i = 0; i < c.constituent_count; i++) {
		struct ffa_mem_constituent k;

		memcpy(&k, p + c_off + sizeof(c) + i * sizeof(k), sizeof(k));
		if (k.reserved)
			return FFA_RET_INVALID_PARAMETERS;
		out->ranges[i] = (struct mem_range){ k.address, k.page_count };
	}
	return check_tx(out);
}

void mem_table_init(struct mem_table *t, bool hyp_allocator)
{
	memset(t, 0, sizeof(*t));
	t->allocator = hyp_allocator ? FFA_MEM_HANDLE_ALLOCATOR_HYP : 0;
	t->next_generation = 1;
}

bool mem_range_available(const struct mem_table *t, uint64_t pa, uint64_t pages)
{
	if (pa % PAGE || range_end(pa, pages) == 0)
		return false;
	for (unsigned i = 0; i < MEM_MAX_TRANSACTIONS; i++) {
		const struct mem_slot *s = &t->slots[i];

		if (!s->handle)
			continue;
		for (uint32_t r = 0; r < s->tx.range_count; r++)
			if (pages &&
			    ranges_overlap(pa, pages, s->tx.ranges[r].base, s->tx.ranges[r].pages))
				return false;
	}
	return true;
}

static struct mem_slot *find_slot(struct mem_table *t, uint64_t handle)
{
	uint64_t idx = handle & HANDLE_SLOT_MASK;

	if (handle == 0 || idx >= MEM_MAX_TRANSACTIONS || t->slots[idx].handle != handle)
		return NULL;
	return &t->slots[idx];
}

const struct mem_slot *mem_tx_find(const struct mem_table *t, uint64_t handle)
{
	return find_slot((struct mem_table *)t, handle);
}

static struct mem_borrower *find_borrower(struct mem_slot *s, ffa_id_t id)
{
	for (uint32_t i = 0; i < s->tx.borrower_count; i++)
		if (s->borrowers[i].id == id)
			return &s->borrowers[i];
	return NULL;
}

static void free_slot(struct mem_table *t, struct mem_slot *s)
{
	memset(s, 0, sizeof(*s));
	t->live--;
}

static void fill_result(struct mem_result *out, const struct mem_slot *s, uint8_t perms)
{
	memset(out, 0, sizeof(*out));
	out->handle = s->handle;
	out->type = s->tx.type;
	out->lender = s->tx.lender;
	out->perms = perms;
	out->total_pages = s->tx.total_pages;
	out->range_count = s->tx.range_count;
	memcpy(out->ranges, s->tx.ranges, s->tx.range_count * sizeof(out->ranges[0]));
}

int32_t mem_tx_create(struct mem_table *t, const struct mem_tx *tx, uint64_t *handle)
{
	struct mem_slot *s;
	int32_t rc = check_tx(tx);
	unsigned idx = 0;

	if (rc)
		return rc;
	for (uint32_t r = 0; r < tx->range_count; r++)
		if (!mem_range_available(t, tx->ranges[r].base, tx->ranges[r].pages))
			return FFA_RET_DENIED;
	while (idx < MEM_MAX_TRANSACTIONS && t->slots[idx].handle)
		idx++;
	if (idx == MEM_MAX_TRANSACTIONS || t->next_generation > HANDLE_GEN_MAX)
		return FFA_RET_NO_MEMORY;
	s = &t->slots[idx];
	s->handle = t->allocator | (t->next_generation++ << HANDLE_SLOT_BITS) | idx;
	s->tx = *tx;
	memset(&s->tx.borrowers[tx->borrower_count], 0,
	       (MEM_MAX_BORROWERS - tx->borrower_count) * sizeof(s->tx.borrowers[0]));
	memset(&s->tx.ranges[tx->range_count], 0,
	       (MEM_MAX_CONSTITUENTS - tx->range_count) * sizeof(s->tx.ranges[0]));
	for (uint32_t i = 0; i < tx->borrower_count; i++) {
		s->borrowers[i].id = tx->borrowers[i].id;
		s->borrowers[i].granted = tx->borrowers[i].perms;
	}
	t->live++;
	*handle = s->handle;
	return 0;
}

/*
 * What a borrower asking for `req` gets: data access at most what was granted
 * (not specified = as granted; a DONATE grants RW), and execute only from a
 * LEND to one borrower or a DONATE that asks for it (otherwise NX; asking for it
 * in a multi-party transaction is DENIED).
 */
static int32_t retrieve_perms(const struct mem_slot *s, const struct mem_borrower *b, uint8_t req,
			      uint8_t *eff)
{
	uint8_t data = DATA(req), instr = INSTR(req);

	if ((req & FFA_MEM_PERM_MBZ) || data == FFA_MEM_DATA_RESERVED ||
	    instr == FFA_MEM_INSTR_RESERVED)
		return FFA_RET_INVALID_PARAMETERS;
	if (DATA(b->granted) == FFA_MEM_DATA_RO && data == FFA_MEM_DATA_RW)
		return FFA_RET_DENIED;
	if (data == FFA_MEM_DATA_NOT_SPECIFIED)
		data = DATA(b->granted) == FFA_MEM_DATA_RO ? FFA_MEM_DATA_RO : FFA_MEM_DATA_RW;
	if (multi_party(s->tx.type, s->tx.borrower_count)) {
		/* Nobody executes shared memory: asking is DENIED, NX is what it gets anyway
		 * (FF-A v1.1 §10.11.3; ACS lend_retrieve_input_checks: DENIED, not INVALID). */
		if (instr == FFA_MEM_INSTR_X)
			return FFA_RET_DENIED;
		instr = FFA_MEM_INSTR_NX;
	} else if (instr != FFA_MEM_INSTR_X) {
		instr = FFA_MEM_INSTR_NX;
	}
	*eff = data | instr;
	return 0;
}

int32_t mem_retrieve(struct mem_table *t, uint64_t handle, ffa_id_t borrower, uint8_t perms,
		     struct mem_result *out)
{
	struct mem_slot *s = find_slot(t, handle);
	struct mem_borrower *b;
	uint8_t eff;
	int32_t rc;

	if (!s)
		return FFA_RET_INVALID_PARAMETERS;
	b = find_borrower(s, borrower);
	if (!b)
		return FFA_RET_DENIED;
	rc = retrieve_perms(s, b, perms, &eff);
	if (rc)
		return rc;
	if (b->retrieves && eff != b->mapped)
		return FFA_RET_DENIED;
	if (b->retrieves >= MEM_MAX_RETRIEVES)
		return FFA_RET_NO_MEMORY;
	fill_result(out, s, eff);
	out->s2_change = b->retrieves == 0;
	out->zero = !s->retrieved_once && (s->tx.flags & FFA_MEM_FLAG_ZERO);
	if (s->tx.type == MEM_TX_DONATE) {
		out->done = true; /* the pages are the borrower's now */
		free_slot(t, s);
		return 0;
	}
	b->retrieves++;
	b->state = MEM_BORROWER_RETRIEVED;
	b->mapped = eff;
	s->retrieved_once = true;
	return 0;
}

int32_t mem_relinquish(struct mem_table *t, uint64_t handle, ffa_id_t borrower,
		       struct mem_result *out)
{
	struct mem_slot *s = find_slot(t, handle);
	struct mem_borrower *b;

	if (!s)
		return FFA_RET_INVALID_PARAMETERS;
	b = find_borrower(s, borrower);
	if (!b)
		return FFA_RET_DENIED;
	if (b->retrieves == 0)
		return FFA_RET_INVALID_PARAMETERS;
	fill_result(out, s, b->mapped);
	out->s2_change = b->retrieves == 1;
	if (--b->retrieves == 0) {
		b->state = MEM_BORROWER_RELINQUISHED;
		b->mapped = 0;
	}
	return 0;
}

int32_t mem_reclaim(struct mem_table *t, uint64_t handle, ffa_id_t lender, struct mem_result *out)
{
	struct mem_slot *s = find_slot(t, handle);

	if (!s || s->tx.lender != lender)
		return FFA_RET_INVALID_PARAMETERS;
	for (uint32_t i = 0; i < s->tx.borrower_count; i++)
		if (s->borrowers[i].retrieves)
			return FFA_RET_DENIED;
	fill_result(out, s, 0);
	out->s2_change = s->tx.type != MEM_TX_SHARE;
	out->done = true;
	free_slot(t, s);
	return 0;
}

static bool borrower_sound(const struct mem_slot *s, uint32_t i)
{
	const struct mem_borrower *b = &s->borrowers[i];

	if (i >= s->tx.borrower_count)
		return all_zero((const uint8_t *)b, sizeof(*b));
	if (b->id != s->tx.borrowers[i].id || b->granted != s->tx.borrowers[i].perms)
		return false;
	switch (b->state) {
	case MEM_BORROWER_PENDING:
	case MEM_BORROWER_RELINQUISHED:
		return b->retrieves == 0 && b->mapped == 0 &&
		       (b->state == MEM_BORROWER_PENDING || s->retrieved_once);
	case MEM_BORROWER_RETRIEVED:
		return b->retrieves >= 1 && b->retrieves <= MEM_MAX_RETRIEVES && b->mapped &&
		       s->retrieved_once && s->tx.type != MEM_TX_DONATE;
	default:
		return false;
	}
}

static bool pages_free_before(const struct mem_table *t, unsigned end, const struct mem_range *r)
{
	for (unsigned j = 0; j < end; j++)
		for (uint32_t q = 0; t->slots[j].handle && q < t->slots[j].tx.range_count; q++)
			if (ranges_overlap(r->base, r->pages, t->slots[j].tx.ranges[q].base,
					   t->slots[j].tx.ranges[q].pages))
				return false;
	return true;
}

bool mem_table_check(const struct mem_table *t)
{
	uint32_t live = 0;

	if ((t->allocator & ~FFA_MEM_HANDLE_ALLOCATOR_HYP) || t->next_generation == 0 ||
	    t->next_generation > HANDLE_GEN_MAX + 1)
		return false;
	for (unsigned i = 0; i < MEM_MAX_TRANSACTIONS; i++) {
		const struct mem_slot *s = &t->slots[i];
		uint64_t gen = (s->handle & ~FFA_MEM_HANDLE_ALLOCATOR_HYP) >> HANDLE_SLOT_BITS;

		if (!s->handle) {
			if (!all_zero((const uint8_t *)s, sizeof(*s)))
				return false;
			continue;
		}
		live++;
		if ((s->handle & HANDLE_SLOT_MASK) != i ||
		    (s->handle & FFA_MEM_HANDLE_ALLOCATOR_HYP) != t->allocator || gen == 0 ||
		    gen >= t->next_generation || check_tx(&s->tx))
			return false;
		for (uint32_t b = 0; b < MEM_MAX_BORROWERS; b++)
			if (!borrower_sound(s, b))
				return false;
		/* No page in two live transactions: the earlier slots must not hold these ranges.
		 */
		for (uint32_t r = 0; r < s->tx.range_count; r++)
			if (!pages_free_before(t, i, &s->tx.ranges[r]))
				return false;
	}
	return live == t->live;
}

/*
 * The length of the descriptor the first fragment `p` (`frag` bytes) announces, once it holds
 * the header, the access descriptors and the composite descriptor (which counts the
 * constituents); 0 if it does not hold them yet. `version` is the sender's negotiated one,
 * which fixes the header's layout.
 */
static uint64_t announced_length(const uint8_t *p, uint32_t frag, uint32_t version)
{
	struct ffa_mem_region h;
	struct ffa_mem_access a;
	struct ffa_composite_mem_region c;
	uint32_t h_size;
	uint64_t ep_end;

	if (read_header(p, frag, version, &h, &h_size))
		return 0;
	ep_end = h.ep_mem_access_offset + (uint64_t)h.ep_count * sizeof(a);
	if (h.ep_mem_access_size != sizeof(a) || h.ep_count == 0 || ep_end > frag)
		return 0;
	memcpy(&a, p + h.ep_mem_access_offset, sizeof(a));
	if ((uint64_t)a.composite_offset + sizeof(c) > frag)
		return 0;
	memcpy(&c, p + a.composite_offset, sizeof(c));
	return a.composite_offset + sizeof(c) +
	       (uint64_t)c.constituent_count * sizeof(struct ffa_mem_constituent);
}

int32_t mem_frags_send(struct mem_frags *f, const struct ffa_value *m, const void *tx,
		       uint32_t tx_size, uint64_t tag, uint32_t version)
{
	uint32_t total = (uint32_t)m->x[1], frag = (uint32_t)m->x[2];

	if (!tx)
		return FFA_RET_DENIED;
	if (m->x[3] || m->x[4] || (m->x[1] >> 32) || (m->x[2] >> 32) || frag == 0 || frag > total ||
	    frag > tx_size)
		return FFA_RET_INVALID_PARAMETERS;
	if (total > MEM_DESC_MAX)
		return FFA_RET_NO_MEMORY;
	memcpy(f->data, tx, frag); /* copy once, then only the copy is read */
	/*
	 * A first fragment that already describes the whole transaction announces its length: a
	 * total length that differs is invalid, not the start of a fragmented send (FF-A v1.1
	 * §10.2; ACS share/lend_input_error_checks1, donate_input_error_checks2 send a complete
	 * descriptor with total length + 0x10).
	 */
	if (frag < total) {
		uint64_t announced = announced_length(f->data, frag, version);

		if (announced && announced != total) {
			f->active = false; /* its data was overwritten: no session goes on */
			return FFA_RET_INVALID_PARAMETERS;
		}
	}
	f->fid = (uint32_t)m->x[0];
	f->total = total;
	f->done = frag;
	f->active = frag < total;
	if (f->active)
		f->handle = tag | ++f->sessions;
	return f->active;
}

int32_t mem_frags_tx(struct mem_frags *f, const struct ffa_value *m, const void *tx,
		     uint32_t tx_size)
{
	uint32_t frag = (uint32_t)m->x[3];
	uint64_t handle = (uint32_t)m->x[1] | (uint64_t)(uint32_t)m->x[2] << 32;

	if (!f->active || handle != f->handle || m->x[4] || (m->x[3] >> 32) || frag == 0 ||
	    frag > f->total - f->done || frag > tx_size || !tx)
		return FFA_RET_INVALID_PARAMETERS;
	memcpy(f->data + f->done, tx, frag);
	f->done += frag;
	f->active = f->done < f->total;
	return f->active;
}

/* ---- the retrieve request (nshyp's VM-to-VM transactions) ------------------------------- */

/*
 * The access descriptors of a retrieve request (FF-A v1.1 §16.4): the caller's alone or every
 * borrower's, each a borrower once, the caller among them (only a hypervisor retrieves for
 * another: DENIED), composite offset 0 (the hypervisor chooses the addresses), flags and
 * reserved MBZ.
 */
static int32_t retrieve_req_access(const uint8_t *d, uint32_t count, ffa_id_t self,
				   const struct mem_slot *s, uint8_t *perms)
{
	bool found = false;

	if (count != 1 && count != s->tx.borrower_count)
		return FFA_RET_INVALID_PARAMETERS;
	for (uint32_t i = 0; i < count; i++) {
		struct ffa_mem_access a;
		uint32_t listed = 0, seen = 0;

		memcpy(&a, d + sizeof(struct ffa_mem_region) + i * sizeof(a), sizeof(a));
		if (a.composite_offset || a.flags || a.reserved)
			return FFA_RET_INVALID_PARAMETERS;
		for (uint32_t j = 0; j < s->tx.borrower_count; j++)
			listed += s->tx.borrowers[j].id == a.receiver_id;
		for (uint32_t j = 0; j < i; j++)
			seen += !memcmp(d + sizeof(struct ffa_mem_region) + j * sizeof(a), &a,
					sizeof(a.receiver_id));
		if (seen)
			return FFA_RET_INVALID_PARAMETERS;
		if (!listed)
			return FFA_RET_DENIED;
		if (a.receiver_id == self) {
			found = true;
			*perms = a.permissions;
		}
	}
	return found ? 0 : FFA_RET_DENIED;
}

/*
 * Retrieve flags (§10.10.4.1, table 10.21): the type or 0; zero before retrieval only if the
 * lender asked for zeroing, at the first retrieval, never for a SHARE; zero after relinquish
 * only with one borrower; either zero flag with read-only access is DENIED.
 */
static int32_t retrieve_req_flags(const struct mem_slot *s, ffa_id_t self, uint32_t flags,
				  uint8_t req)
{
	const struct mem_borrower *b = find_borrower((struct mem_slot *)s, self);
	uint32_t type = (flags & FFA_MEM_FLAG_TYPE_MASK) >> FFA_MEM_FLAG_TYPE_SHIFT;
	uint8_t data = DATA(req) == FFA_MEM_DATA_NOT_SPECIFIED && b ? DATA(b->granted) : DATA(req);

	if ((flags &
	     ~(FFA_MEM_FLAG_TYPE_MASK | FFA_MEM_FLAG_ZERO | FFA_MEM_FLAG_ZERO_AFTER_RELINQUISH)) ||
	    (type && type != (uint32_t)s->tx.type))
		return FFA_RET_INVALID_PARAMETERS;
	if (!(flags & (FFA_MEM_FLAG_ZERO | FFA_MEM_FLAG_ZERO_AFTER_RELINQUISH)))
		return 0;
	if (s->tx.type == MEM_TX_SHARE ||
	    ((flags & FFA_MEM_FLAG_ZERO) &&
	     (!(s->tx.flags & FFA_MEM_FLAG_ZERO) || (b && b->retrieves))) ||
	    ((flags & FFA_MEM_FLAG_ZERO_AFTER_RELINQUISH) && s->tx.borrower_count != 1))
		return FFA_RET_INVALID_PARAMETERS;
	return data == FFA_MEM_DATA_RO ? FFA_RET_DENIED : 0;
}

/* Stated attributes (§10.10.4): 0, the lender's, or (lender left them open) normal WB inner. */
static int32_t retrieve_req_attributes(const struct mem_slot *s, uint16_t attr)
{
	uint16_t type = attr & FFA_MEM_ATTR_TYPE_MASK, cache = attr & FFA_MEM_ATTR_CACHE_MASK;

	if (attr == 0)
		return 0;
	if ((attr & (FFA_MEM_ATTR_MBZ | FFA_MEM_ATTR_NS)) || type == FFA_MEM_ATTR_TYPE_RESERVED ||
	    type == FFA_MEM_ATTR_NOT_SPECIFIED)
		return FFA_RET_INVALID_PARAMETERS;
	if (type == FFA_MEM_ATTR_DEVICE)
		return FFA_RET_DENIED; /* ACS donate_retrieve_input_checks3 */
	if ((cache != FFA_MEM_ATTR_NON_CACHEABLE && cache != FFA_MEM_ATTR_WRITE_BACK) ||
	    (attr & FFA_MEM_ATTR_SHARE_MASK) == FFA_MEM_ATTR_SHARE_RESERVED)
		return FFA_RET_INVALID_PARAMETERS;
	if (s->tx.attributes)
		return attr == s->tx.attributes ? 0 : FFA_RET_INVALID_PARAMETERS;
	return attr == FFA_MEM_ATTR_NORMAL_WB_INNER ? 0 : FFA_RET_DENIED;
}

int32_t mem_retrieve_req_check(const void *buf, uint32_t len, ffa_id_t self,
			       const struct mem_slot *s, uint8_t *perms, uint32_t *flags)
{
	const uint8_t *d = buf;
	struct ffa_mem_region hdr;
	int32_t rc;

	if (len < sizeof(hdr))
		return FFA_RET_INVALID_PARAMETERS;
	memcpy(&hdr, d, sizeof(hdr));
	if (hdr.ep_mem_access_size != sizeof(struct ffa_mem_access) || hdr.ep_count == 0 ||
	    hdr.ep_count > MEM_MAX_BORROWERS || hdr.ep_mem_access_offset != sizeof(hdr) ||
	    len != sizeof(hdr) + hdr.ep_count * sizeof(struct ffa_mem_access) ||
	    !all_zero(hdr.reserved, sizeof(hdr.reserved)) || !s || hdr.handle != s->handle)
		return FFA_RET_INVALID_PARAMETERS;
	if (hdr.sender_id != s->tx.lender)
		return FFA_RET_DENIED; /* ACS lend_retrieve_input_checks6 */
	if (hdr.tag != s->tx.tag)
		return FFA_RET_INVALID_PARAMETERS;
	rc = retrieve_req_access(d, hdr.ep_count, self, s, perms);
	if (!rc)
		rc = retrieve_req_flags(s, self, hdr.flags, *perms);
	if (!rc)
		rc = retrieve_req_attributes(s, hdr.attributes);
	*flags = hdr.flags;
	return rc;
}

/* ---- the FF-A v1.0 layout of retrieve requests and responses ------------------------------ */

int32_t mem_retrieve_req_from_v1_0(uint8_t *req, uint32_t *len)
{
	struct ffa_mem_region hdr = { 0 };

	if (*len < FFA_MEM_REGION_V1_0_SIZE)
		return FFA_RET_INVALID_PARAMETERS;
	memcpy(&hdr, req, FFA_MEM_REGION_V1_0_SIZE);
	if (hdr.attributes > 0xff || hdr.ep_mem_access_size != 0)
		return FFA_RET_INVALID_PARAMETERS;
	memmove(req + sizeof(hdr), req + FFA_MEM_REGION_V1_0_SIZE, *len - FFA_MEM_REGION_V1_0_SIZE);
	memset(req + FFA_MEM_REGION_V1_0_SIZE, 0, MEM_V1_0_GROWTH);
	hdr.ep_mem_access_size = sizeof(struct ffa_mem_access);
	hdr.ep_mem_access_offset = sizeof(hdr);
	memcpy(req, &hdr, sizeof(hdr));
	*len += MEM_V1_0_GROWTH;
	return 0;
}

uint32_t mem_region_header_put(uint8_t *d, const struct ffa_mem_region *hdr, bool v1_0)
{
	struct ffa_mem_region h = *hdr;

	h.ep_mem_access_size = v1_0 ? 0 : sizeof(struct ffa_mem_access);
	h.ep_mem_access_offset = sizeof(h);
	if (v1_0)
		h.attributes &= (uint16_t)~FFA_MEM_ATTR_NS; /* v1.1 added the bit */
	memcpy(d, &h, mem_region_header_size(v1_0));
	return mem_region_header_size(v1_0);
}

void mem_ranges_clean(const struct mem_range *r, uint32_t count)
{
	for (uint32_t i = 0; i < count; i++)
		arch_dcache_clean_inval((void *)(uintptr_t)r[i].base,
					(uint64_t)r[i].pages * FFA_PAGE_SIZE);
}

void mem_ranges_zero(const struct mem_range *r, uint32_t count)
{
	for (uint32_t i = 0; i < count; i++)
		memset((void *)(uintptr_t)r[i].base, 0, (size_t)r[i].pages * FFA_PAGE_SIZE);
	mem_ranges_clean(r, count);
}

unsigned mem_s2_attr(uint8_t perms)
{
	unsigned a = S2_READ;

	if ((perms & FFA_MEM_DATA_MASK) == FFA_MEM_DATA_RW)
		a |= S2_WRITE;
	if ((perms & FFA_MEM_INSTR_MASK) == FFA_MEM_INSTR_X)
		a |= S2_EXEC;
	return a;
}

int32_t mem_relinquish_desc_check(const uint8_t *buf, ffa_id_t self, const struct mem_table *t,
				  struct ffa_mem_relinquish *out)
{
	ffa_id_t who;

	memcpy(out, buf, sizeof(*out));
	memcpy(&who, buf + sizeof(*out), sizeof(who));
	if (out->endpoint_count != 1 || (out->flags & ~FFA_MEM_RELINQUISH_ZERO) ||
	    !mem_tx_find(t, out->handle))
		return FFA_RET_INVALID_PARAMETERS;
	return who == self ? 0 : FFA_RET_DENIED; /* only a hypervisor relinquishes for another */
}

int32_t mem_relinquish_zero_check(uint32_t flags, const struct mem_slot *before,
				  const struct mem_result *res)
{
	if (!(flags & FFA_MEM_RELINQUISH_ZERO))
		return 0;
	if ((res->perms & FFA_MEM_DATA_MASK) != FFA_MEM_DATA_RW)
		return FFA_RET_DENIED;
	if (before->tx.type == MEM_TX_SHARE || before->tx.borrower_count != 1 || !res->s2_change)
		return FFA_RET_INVALID_PARAMETERS;
	return 0;
}
