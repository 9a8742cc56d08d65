// SPDX-License-Identifier: BSD-3-Clause
/*
 * libFuzzer target for the FF-A memory management core (hyp/core/mem_share.c).
 * Each input drives a sequence of steps on one transaction table: parse a
 * descriptor (built from the input, then damaged at random, and copied to a
 * heap buffer of exactly its length so that ASan sees any read outside it),
 * create transactions over a small pool of pages so that they collide,
 * retrieve, relinquish and reclaim with handles, borrowers and permissions
 * from the input. A model beside the table predicts what must happen. After
 * every step: the table is sound (mem_table_check: no page in two live
 * transactions, states and counters consistent), a refused call changed no
 * byte of it, a dead handle is refused by every call, no handle is issued
 * twice, and a successful parse satisfies every rule and parses again, from
 * its canonical encoding, to the same result.
 */
#include <assert.h>
#include <hyp/mem_share.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_input.h"

#define PAGE	  0x1000ull
#define LENDER	  0x0001
#define POOL_BASE 0x40000000ull
#define MAX_STEPS 256
#define MAX_SEEN  1024

static const ffa_id_t ids[] = { 0x8001, 0x8002, 0x0002, 0x0003, 0x8003, LENDER };

struct model {
	bool live;
	bool retrieved; /* by anyone, ever */
	uint64_t handle;
	struct mem_tx tx;
	uint32_t held[MEM_MAX_BORROWERS];  /* retrievals not relinquished */
	uint8_t mapped[MEM_MAX_BORROWERS]; /* what the first of them got */
};

static struct fuzz_input in;
static struct mem_table table, snapshot;
static struct model model[MEM_MAX_TRANSACTIONS];
static uint64_t issued[MAX_SEEN], dead[MAX_SEEN];
static unsigned n_issued, n_dead;
static uint8_t desc[4096] __attribute__((aligned(16)));

static uint8_t pick_perms(void)
{
	static const uint8_t common[] = { 0x0, 0x1, 0x2, 0x5, 0x6, 0x9, 0xa, 0x4, 0x8 };
	uint8_t sel = (uint8_t)fuzz_take(&in, 1);

	return sel < 224 ? common[sel % sizeof(common)] : (uint8_t)fuzz_take(&in, 1);
}

static uint16_t pick_attributes(void)
{
	/* Not specified, the one Tessera maps, device, non-cacheable, outer, two reserved. */
	static const uint16_t common[] = {
		0, FFA_MEM_ATTR_NORMAL_WB_INNER, FFA_MEM_ATTR_DEVICE, 0x27, 0x2e, 0x23, 0x2d
	};
	uint8_t sel = (uint8_t)fuzz_take(&in, 1);

	return sel < 224 ? common[sel % 7] : (uint16_t)fuzz_take(&in, 2);
}

/*
 * A transaction over pages of a 256-page pool, shaped by the input; now and
 * then with a shape no descriptor could have (type, counts, addresses), which
 * mem_tx_create must refuse on its own.
 */
static void pick_tx(struct mem_tx *tx)
{
	uint8_t odd;

	memset(tx, 0, sizeof(*tx));
	tx->type = (enum mem_tx_type)(1 + fuzz_take(&in, 1) % 3);
	tx->lender = LENDER;
	tx->borrower_count = 1 + fuzz_take(&in, 1) % MEM_MAX_BORROWERS;
	tx->attributes = pick_attributes();
	tx->flags = fuzz_take(&in, 1) & 1 ? FFA_MEM_FLAG_ZERO : 0;
	for (uint32_t i = 0; i < tx->borrower_count; i++)
		tx->borrowers[i] = (struct mem_grant){ ids[fuzz_take(&in, 1) % 6], pick_perms() };
	tx->range_count = 1 + fuzz_take(&in, 1) % 4;
	for (uint32_t i = 0; i < tx->range_count; i++) {
		uint8_t size = (uint8_t)fuzz_take(&in, 1);

		tx->ranges[i].base = POOL_BASE + (fuzz_take(&in, 1) % 256) * PAGE;
		tx->ranges[i].pages = size < 192 ? 1 : 1 + size % 8;
		tx->total_pages += tx->ranges[i].pages;
	}
	odd = (uint8_t)fuzz_take(&in, 1);
	switch (odd < 240 ? 0 : odd % 6) {
	case 1:
		tx->type = (enum mem_tx_type)(odd & 4);
		break;
	case 2:
		tx->borrower_count = odd & 1 ? 0 : MEM_MAX_BORROWERS + 1;
		break;
	case 3:
		tx->range_count = odd & 1 ? 0 : MEM_MAX_CONSTITUENTS + 1;
		break;
	case 4: /* near the top of the address space */
		tx->ranges[0].base = (UINT64_MAX << 12) - fuzz_take(&in, 1) * PAGE;
		tx->ranges[0].pages = (uint32_t)fuzz_take(&in, 4);
		break;
	case 5:
		tx->total_pages = (uint32_t)fuzz_take(&in, 4);
		break;
	default:
		break;
	}
}

/* The canonical encoding of `tx` (header, access array, composite, constituents). */
static uint32_t encode(const struct mem_tx *tx, uint8_t *out)
{
	uint32_t nb = tx->borrower_count, c_off = 48 + 16 * nb;
	struct ffa_mem_region h = { .sender_id = tx->lender,
				    .attributes = tx->attributes,
				    .flags = tx->flags,
				    .tag = tx->tag,
				    .ep_mem_access_size = 16,
				    .ep_count = nb,
				    .ep_mem_access_offset = 48 };
	struct ffa_composite_mem_region c = { .page_count = tx->total_pages,
					      .constituent_count = tx->range_count };

	memcpy(out, &h, sizeof(h));
	for (uint32_t i = 0; i < nb; i++) {
		struct ffa_mem_access a = { .receiver_id = tx->borrowers[i].id,
					    .permissions = tx->borrowers[i].perms,
					    .composite_offset = c_off };

		memcpy(out + 48 + 16 * i, &a, sizeof(a));
	}
	memcpy(out + c_off, &c, sizeof(c));
	for (uint32_t i = 0; i < tx->range_count; i++) {
		struct ffa_mem_constituent k = { .address = tx->ranges[i].base,
						 .page_count = tx->ranges[i].pages };

		memcpy(out + c_off + 16 + 16 * i, &k, sizeof(k));
	}
	return c_off + 16 + 16 * tx->range_count;
}

static int32_t parse_copy(const uint8_t *src, uint32_t len, uint32_t fid, ffa_id_t caller,
			  struct mem_tx *out)
{
	uint8_t *copy = malloc(len ? len : 1);
	int32_t rc;

	assert(copy);
	memcpy(copy, src, len);
	rc = ffa_mem_desc_parse(copy, len, fid, caller, out);
	free(copy);
	return rc;
}

static uint32_t tx_fid(enum mem_tx_type type)
{
	return type == MEM_TX_SHARE  ? FFA_MEM_SHARE_32
	       : type == MEM_TX_LEND ? FFA_MEM_LEND_64
				     : FFA_MEM_DONATE_32;
}

/* Everything a parse that succeeded promises. */
static void check_parsed(const struct mem_tx *tx, uint32_t fid, ffa_id_t caller)
{
	uint64_t sum = 0;
	struct mem_tx again;
	static uint8_t enc[4096];

	assert(tx->lender == caller);
	assert(tx->borrower_count >= 1 && tx->borrower_count <= MEM_MAX_BORROWERS);
	assert(tx->type != MEM_TX_DONATE || tx->borrower_count == 1);
	assert(tx->range_count >= 1 && tx->range_count <= MEM_MAX_CONSTITUENTS);
	assert(tx->flags == 0 || (tx->flags == FFA_MEM_FLAG_ZERO && tx->type != MEM_TX_SHARE));
	for (uint32_t i = 0; i < tx->borrower_count; i++) {
		assert(tx->borrowers[i].id != caller);
		assert((tx->borrowers[i].perms & ~FFA_MEM_DATA_MASK) == 0);
		for (uint32_t j = 0; j < i; j++)
			assert(tx->borrowers[i].id != tx->borrowers[j].id);
	}
	for (uint32_t i = 0; i < tx->range_count; i++) {
		const struct mem_range *r = &tx->ranges[i];

		assert(r->base % PAGE == 0 && r->pages > 0);
		assert(r->base + r->pages * PAGE - 1 >= r->base);
		for (uint32_t j = 0; j < i; j++)
			assert(r->base + r->pages * PAGE <= tx->ranges[j].base ||
			       tx->ranges[j].base + tx->ranges[j].pages * PAGE <= r->base);
		sum += r->pages;
	}
	assert(sum == tx->total_pages && sum <= MEM_MAX_PAGES);
	/* Whatever the layout was, the canonical one says the same. */
	assert(parse_copy(enc, encode(tx, enc), fid, caller, &again) == 0);
	assert(memcmp(&again, tx, sizeof(again)) == 0);
}

static void remember_dead(uint64_t handle)
{
	if (n_dead < MAX_SEEN)
		dead[n_dead++] = handle;
}

static struct model *model_of(uint64_t handle)
{
	for (unsigned i = 0; i < MEM_MAX_TRANSACTIONS; i++)
		if (model[i].live && model[i].handle == handle)
			return &model[i];
	return NULL;
}

static bool pages_in_model(const struct mem_range *r)
{
	for (unsigned i = 0; i < MEM_MAX_TRANSACTIONS; i++)
		for (uint32_t k = 0; model[i].live && k < model[i].tx.range_count; k++) {
			const struct mem_range *m = &model[i].tx.ranges[k];

			if (r->base < m->base + m->pages * PAGE &&
			    m->base < r->base + r->pages * PAGE)
				return true;
		}
	return false;
}

static int32_t create(const struct mem_tx *tx)
{
	uint64_t handle = 0;
	bool busy = false;
	unsigned live = 0, slot = MEM_MAX_TRANSACTIONS;
	int32_t rc;

	for (uint32_t r = 0; r < tx->range_count && r < MEM_MAX_CONSTITUENTS; r++)
		busy |= pages_in_model(&tx->ranges[r]);
	for (unsigned i = 0; i < MEM_MAX_TRANSACTIONS; i++) {
		live += model[i].live;
		if (!model[i].live && slot == MEM_MAX_TRANSACTIONS)
			slot = i;
	}
	rc = mem_tx_create(&table, tx, &handle);
	if (rc) {
		assert(rc == FFA_RET_INVALID_PARAMETERS || rc == FFA_RET_DENIED ||
		       rc == FFA_RET_NO_MEMORY);
		return rc;
	}
	assert(!busy && live < MEM_MAX_TRANSACTIONS);
	assert((handle & FFA_MEM_HANDLE_ALLOCATOR_HYP) == table.allocator && handle != 0);
	for (unsigned i = 0; i < n_issued; i++)
		assert(issued[i] != handle);
	if (n_issued < MAX_SEEN)
		issued[n_issued++] = handle;
	model[slot] = (struct model){ .live = true, .handle = handle, .tx = *tx };
	return 0;
}

/* A handle: one of the model's (live or dead), or made up. */
static uint64_t pick_handle(void)
{
	uint8_t sel = (uint8_t)fuzz_take(&in, 1);

	if (sel < 160)
		return model[sel % MEM_MAX_TRANSACTIONS].handle;
	if (sel < 224 && n_dead)
		return dead[sel % n_dead];
	return fuzz_take(&in, 8);
}

static int borrower_index(const struct model *m, ffa_id_t id)
{
	for (uint32_t i = 0; m && i < m->tx.borrower_count; i++)
		if (m->tx.borrowers[i].id == id)
			return (int)i;
	return -1;
}

static int32_t retrieve(uint64_t handle, ffa_id_t who, uint8_t perms)
{
	struct model *m = model_of(handle);
	int b = borrower_index(m, who);
	struct mem_result res;
	int32_t rc = mem_retrieve(&table, handle, who, perms, &res);

	if (!m) {
		assert(rc == FFA_RET_INVALID_PARAMETERS);
		return rc;
	}
	if (b < 0) {
		assert(rc == FFA_RET_DENIED);
		return rc;
	}
	if (rc) {
		assert(rc == FFA_RET_INVALID_PARAMETERS || rc == FFA_RET_DENIED ||
		       (rc == FFA_RET_NO_MEMORY && m->held[b] == MEM_MAX_RETRIEVES));
		return rc;
	}
	assert(res.handle == handle && res.type == m->tx.type && res.lender == LENDER);
	assert(res.s2_change == (m->held[b] == 0));
	assert(res.range_count == m->tx.range_count && res.total_pages == m->tx.total_pages);
	assert(memcmp(res.ranges, m->tx.ranges, res.range_count * sizeof(res.ranges[0])) == 0);
	assert((res.perms & ~(FFA_MEM_DATA_MASK | FFA_MEM_INSTR_MASK)) == 0);
	assert((res.perms & FFA_MEM_DATA_MASK) == FFA_MEM_DATA_RO ||
	       (res.perms & FFA_MEM_DATA_MASK) == FFA_MEM_DATA_RW);
	assert((res.perms & FFA_MEM_INSTR_MASK) == FFA_MEM_INSTR_NX ||
	       (res.perms & FFA_MEM_INSTR_MASK) == FFA_MEM_INSTR_X);
	if ((m->tx.borrowers[b].perms & FFA_MEM_DATA_MASK) == FFA_MEM_DATA_RO)
		assert((res.perms & FFA_MEM_DATA_MASK) == FFA_MEM_DATA_RO);
	if (m->tx.type == MEM_TX_SHARE || m->tx.borrower_count > 1)
		assert((res.perms & FFA_MEM_INSTR_MASK) == FFA_MEM_INSTR_NX);
	assert(res.zero == (m->tx.flags == FFA_MEM_FLAG_ZERO && !m->retrieved));
	if (m->tx.type == MEM_TX_DONATE) {
		assert(res.done);
		m->live = false;
		remember_dead(handle);
		return 0;
	}
	assert(!res.done && m->held[b] < MEM_MAX_RETRIEVES);
	if (m->held[b])
		assert(res.perms == m->mapped[b]);
	m->mapped[b] = res.perms;
	m->held[b]++;
	m->retrieved = true;
	return 0;
}

static int32_t relinquish(uint64_t handle, ffa_id_t who)
{
	struct model *m = model_of(handle);
	int b = borrower_index(m, who);
	struct mem_result res;
	int32_t rc = mem_relinquish(&table, handle, who, &res);

	if (!m) {
		assert(rc == FFA_RET_INVALID_PARAMETERS);
		return rc;
	}
	if (b < 0) {
		assert(rc == FFA_RET_DENIED);
		return rc;
	}
	if (m->held[b] == 0) {
		assert(rc == FFA_RET_INVALID_PARAMETERS);
		return rc;
	}
	assert(rc == 0 && res.s2_change == (m->held[b] == 1) && !res.done);
	assert(res.perms == m->mapped[b]);
	m->held[b]--;
	return 0;
}

static int32_t reclaim(uint64_t handle, ffa_id_t who)
{
	struct model *m = model_of(handle);
	struct mem_result res;
	int32_t rc = mem_reclaim(&table, handle, who, &res);
	bool held = false;

	if (!m || who != LENDER) {
		assert(rc == FFA_RET_INVALID_PARAMETERS);
		return rc;
	}
	for (uint32_t i = 0; i < m->tx.borrower_count; i++)
		held |= m->held[i] != 0;
	if (held) {
		assert(rc == FFA_RET_DENIED);
		return rc;
	}
	assert(rc == 0 && res.done && res.s2_change == (m->tx.type != MEM_TX_SHARE));
	assert(res.range_count == m->tx.range_count);
	m->live = false;
	remember_dead(handle);
	return 0;
}

/* mem_range_available against the model, including ranges that wrap. */
static int32_t query(void)
{
	struct mem_range r;
	uint64_t pages = fuzz_take(&in, 1) & 1 ? fuzz_take(&in, 8) : fuzz_take(&in, 1);
	bool avail;

	r.base = fuzz_take(&in, 1) & 1 ? POOL_BASE + fuzz_take(&in, 2) * (PAGE / 2)
				       : (UINT64_MAX << 12) - fuzz_take(&in, 1) * PAGE;
	avail = mem_range_available(&table, r.base, pages);
	if (r.base % PAGE || pages > (UINT64_MAX - r.base) / PAGE + 1) {
		assert(!avail);
	} else if (pages <= UINT32_MAX) {
		r.pages = (uint32_t)pages;
		assert(avail == (pages == 0 || !pages_in_model(&r)));
	}
	return 0;
}

/* Many small lends in a row, to fill the table. */
static int32_t burst_create(void)
{
	unsigned n = 1 + fuzz_take(&in, 1) % (MEM_MAX_TRANSACTIONS + 2);
	uint64_t first = fuzz_take(&in, 1);
	int32_t rc = 0;

	for (unsigned i = 0; i < n; i++) {
		struct mem_tx tx = { .type = MEM_TX_LEND, .lender = LENDER, .borrower_count = 1 };

		tx.borrowers[0] = (struct mem_grant){ ids[i % 5], FFA_MEM_DATA_RW };
		tx.range_count = 1;
		tx.total_pages = 1;
		tx.ranges[0] = (struct mem_range){ POOL_BASE + ((first + i) % 256) * PAGE, 1 };
		memcpy(&snapshot, &table, sizeof(table));
		rc = create(&tx);
		assert(rc == 0 || memcmp(&snapshot, &table, sizeof(table)) == 0);
	}
	memcpy(&snapshot, &table, sizeof(table));
	return 0;
}

/* The same retrieval many times, past MEM_MAX_RETRIEVES. */
static int32_t burst_retrieve(void)
{
	uint64_t handle = pick_handle();
	ffa_id_t who = ids[fuzz_take(&in, 1) % 6];
	uint8_t perms = pick_perms();
	unsigned n = fuzz_take(&in, 2) % (MEM_MAX_RETRIEVES + 8);

	for (unsigned i = 0; i < n; i++) {
		int32_t rc;

		memcpy(&snapshot, &table, sizeof(table));
		rc = retrieve(handle, who, perms);
		assert(rc == 0 || memcmp(&snapshot, &table, sizeof(table)) == 0);
	}
	memcpy(&snapshot, &table, sizeof(table));
	return 0;
}

/* A descriptor from the input: usually a canonical one with a few bytes changed. */
static int32_t parse_step(void)
{
	struct mem_tx tx, out;
	uint32_t len, fid;
	ffa_id_t caller = (fuzz_take(&in, 1) % 8) ? LENDER : ids[fuzz_take(&in, 1) % 6];
	int32_t rc;

	memset(desc, 0, sizeof(desc));
	pick_tx(&tx);
	if (tx.borrower_count == 0 || tx.borrower_count > MEM_MAX_BORROWERS)
		tx.borrower_count = 1;
	if (tx.range_count > MEM_MAX_CONSTITUENTS)
		tx.range_count = MEM_MAX_CONSTITUENTS;
	tx.tag = fuzz_take(&in, 1);
	len = encode(&tx, desc);
	if (fuzz_take(&in, 1) % 16 == 0) {
		/* Constituents past the limit, appended (they come last). */
		uint32_t c_off = 48 + 16 * tx.borrower_count;
		struct ffa_composite_mem_region c;

		memcpy(&c, desc + c_off, sizeof(c));
		while (c.constituent_count <= MEM_MAX_CONSTITUENTS) {
			struct ffa_mem_constituent k = { POOL_BASE + (0x1000 + len) * PAGE, 1, 0 };

			memcpy(desc + len, &k, sizeof(k));
			len += sizeof(k);
			c.constituent_count++;
			c.page_count++;
		}
		memcpy(desc + c_off, &c, sizeof(c));
	}
	for (unsigned n = fuzz_take(&in, 1) % 4; n; n--)
		desc[fuzz_take(&in, 2) % len] = (uint8_t)fuzz_take(&in, 1);
	if (fuzz_take(&in, 1) % 4 == 0)
		len = (uint32_t)(len + (int8_t)fuzz_take(&in, 1)) % sizeof(desc);
	fid = fuzz_take(&in, 1) % 8
		  ? tx_fid(tx.type)
		  : (uint32_t)fuzz_fid(&in,
				       (const uint32_t[]){ FFA_MEM_LEND_32, FFA_MEM_SHARE_64,
							   FFA_MEM_DONATE_64, FFA_MEM_RECLAIM },
				       4);
	rc = parse_copy(desc, len, fid, caller, &out);
	assert(rc == 0 || rc == FFA_RET_INVALID_PARAMETERS || rc == FFA_RET_DENIED ||
	       rc == FFA_RET_NO_MEMORY || rc == FFA_RET_NOT_SUPPORTED);
	if (rc)
		return rc;
	check_parsed(&out, fid, caller);
	return create(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	in = (struct fuzz_input){ data, size };
	mem_table_init(&table, fuzz_take(&in, 1) & 1);
	memset(model, 0, sizeof(model));
	n_issued = n_dead = 0;
	for (unsigned step = 0; in.left && step < MAX_STEPS; step++) {
		struct mem_tx tx;
		uint32_t live = 0;
		int32_t rc;

		memcpy(&snapshot, &table, sizeof(table));
		switch (fuzz_take(&in, 1) % 11) {
		case 0:
		case 1:
			pick_tx(&tx);
			rc = create(&tx);
			break;
		case 2:
		case 3:
			rc = retrieve(pick_handle(), ids[fuzz_take(&in, 1) % 6], pick_perms());
			break;
		case 4:
			rc = relinquish(pick_handle(), ids[fuzz_take(&in, 1) % 6]);
			break;
		case 5:
			rc = reclaim(pick_handle(),
				     fuzz_take(&in, 1) % 4 ? LENDER : ids[fuzz_take(&in, 1) % 6]);
			break;
		case 6:
			rc = query();
			break;
		case 7:
			rc = burst_create();
			break;
		case 8:
			rc = burst_retrieve();
			break;
		default:
			rc = parse_step();
			break;
		}
		/* A refusal changes nothing; whatever happened, the table is sound. */
		assert(rc == 0 || memcmp(&snapshot, &table, sizeof(table)) == 0);
		assert(mem_table_check(&table));
		/* The model and the table agree on what is live; a dead handle stays dead. */
		for (unsigned i = 0; i < MEM_MAX_TRANSACTIONS; i++)
			live += model[i].live;
		assert(live == table.live);
		for (unsigned i = 0; i < n_dead; i++)
			for (unsigned j = 0; j < MEM_MAX_TRANSACTIONS; j++)
				assert(table.slots[j].handle != dead[i]);
	}
	return 0;
}
