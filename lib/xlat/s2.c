// SPDX-License-Identifier: BSD-3-Clause
/*
 * Stage-2 table construction (see <lib/s2.h>). Mappings use 2 MiB blocks where
 * both addresses and the remaining size allow it, 4 KiB pages otherwise.
 * s2_map checks the whole range first, so a failed call leaves the tables as
 * they were. Tables that map nothing any more go back to the pool (prune), and
 * s2_runs_map merges a full, contiguous level-3 table back into a block.
 */
#include <arch/s2_pte.h>
#include <lib/s2.h>
#include <lib/string.h>

#define L1_SHIFT	  30
#define L2_SHIFT	  21
#define L3_SHIFT	  12
#define BLOCK_2M	  (1ull << L2_SHIFT)
#define PAGE_4K		  (1ull << L3_SHIFT)
#define GIB_1		  (1ull << L1_SHIFT)
#define INDEX(ipa, shift) (((ipa) >> (shift)) & (S2_ENTRIES - 1))

/* Can `s` take one more table without taking one a quota (its own aside) reserved? */
static bool table_available(const struct s2_space *s, unsigned n)
{
	const struct s2_pool *p = s->pool;

	if (p->count - p->used < n)
		return false;
	if (s->quota)
		return s->quota->held + n <= s->quota->limit;
	return p->count - p->used >= p->reserved + n;
}

static uint64_t *table_alloc(struct s2_space *s)
{
	struct s2_pool *p = s->pool;
	uint64_t *t;

	if (!table_available(s, 1))
		return 0;
	if (p->free) {
		t = p->free;
		p->free = (uint64_t *)(uintptr_t)t[0];
	} else {
		t = p->tables[p->next++];
	}
	p->used++;
	if (s->quota) {
		s->quota->held++;
		p->reserved--;
	}
	memset(t, 0, sizeof(s2_table_t));
	return t;
}

static void table_free(struct s2_space *s, uint64_t *t)
{
	struct s2_pool *p = s->pool;

	t[0] = (uint64_t)(uintptr_t)p->free;
	p->free = t;
	p->used--;
	if (s->quota) {
		s->quota->held--;
		p->reserved++;
	}
}

/*
 * Break-before-make: replace the valid descriptor *e (covering `ipa`) by `desc` (0 to only
 * remove it): invalid first, then the TLB invalidation (its barriers included), then the new
 * descriptor. Used whenever a block becomes a table, a table a block, or a table is freed.
 */
static void replace_desc(uint64_t *e, uint64_t ipa, uint64_t desc)
{
	*(volatile uint64_t *)e = 0;
	arch_s2_tlb_inval(ipa);
	*(volatile uint64_t *)e = desc;
}

static uint64_t *table_at(uint64_t pte)
{
	return (uint64_t *)(uintptr_t)arch_s2_pte_addr(pte);
}

int s2_quota_init(struct s2_quota *q, struct s2_pool *pool, unsigned limit)
{
	if (pool->count - pool->used < pool->reserved + limit)
		return S2_ENOMEM;
	pool->reserved += limit;
	q->limit = limit;
	q->held = 0;
	return S2_OK;
}

int s2_init_quota(struct s2_space *s, struct s2_pool *pool, struct s2_quota *q)
{
	s->pool = pool;
	s->quota = q;
	s->root = table_alloc(s);
	return s->root ? S2_OK : S2_ENOMEM;
}

int s2_init(struct s2_space *s, struct s2_pool *pool)
{
	return s2_init_quota(s, pool, 0);
}

uint64_t s2_root_pa(const struct s2_space *s)
{
	return (uint64_t)(uintptr_t)s->root;
}

/* The next-level table under entry `e`, created if empty; NULL if a leaf is there or no memory. */
static uint64_t *next_table(struct s2_space *s, uint64_t *e, unsigned level)
{
	uint64_t *t;

	if (arch_s2_pte_is_table(*e, level))
		return table_at(*e);
	if (arch_s2_pte_valid(*e))
		return 0;
	t = table_alloc(s);
	if (t)
		*e = arch_s2_pte_table((uint64_t)(uintptr_t)t);
	return t;
}

static bool table_empty(const uint64_t *t)
{
	for (unsigned i = 0; i < S2_ENTRIES; i++)
		if (arch_s2_pte_valid(t[i]))
			return false;
	return true;
}

/* If *e points to a table that maps nothing, unhook it (break-before-make) and give it back. */
static void free_if_empty(struct s2_space *s, uint64_t *e, unsigned level, uint64_t ipa)
{
	uint64_t *t;

	if (!arch_s2_pte_is_table(*e, level) || !table_empty(table_at(*e)))
		return;
	t = table_at(*e);
	replace_desc(e, ipa, 0);
	table_free(s, t);
}

/* Give back the level-3, then level-2 tables under [ipa, ipa+size) that map nothing now. */
static void prune(struct s2_space *s, uint64_t ipa, uint64_t size)
{
	uint64_t end = ipa + size;

	for (uint64_t a = ipa & ~(BLOCK_2M - 1); a < end; a += BLOCK_2M) {
		uint64_t *l1e = &s->root[INDEX(a, L1_SHIFT)];

		if (arch_s2_pte_is_table(*l1e, 1))
			free_if_empty(s, &table_at(*l1e)[INDEX(a, L2_SHIFT)], 2, a);
	}
	for (uint64_t g = ipa & ~(GIB_1 - 1); g < end; g += GIB_1)
		free_if_empty(s, &s->root[INDEX(g, L1_SHIFT)], 1, g);
}

static bool range_free(const struct s2_space *s, uint64_t ipa, uint64_t size)
{
	for (uint64_t off = 0; off < size; off += PAGE_4K)
		if (s2_lookup(s, ipa + off, 0, 0))
			return false;
	return true;
}

static int map_one(struct s2_space *s, uint64_t ipa, uint64_t pa, uint64_t left, unsigned attr,
		   bool commit, uint64_t *step)
{
	uint64_t *l2 = next_table(s, &s->root[INDEX(ipa, L1_SHIFT)], 1);
	uint64_t *l3;

	if (!l2)
		return S2_ENOMEM;
	if (((ipa | pa) & (BLOCK_2M - 1)) == 0 && left >= BLOCK_2M &&
	    !arch_s2_pte_valid(l2[INDEX(ipa, L2_SHIFT)])) {
		if (commit)
			l2[INDEX(ipa, L2_SHIFT)] = arch_s2_pte_leaf(pa, 2, attr);
		*step = BLOCK_2M;
		return S2_OK;
	}
	l3 = next_table(s, &l2[INDEX(ipa, L2_SHIFT)], 2);
	if (!l3)
		return S2_ENOMEM;
	if (commit)
		l3[INDEX(ipa, L3_SHIFT)] = arch_s2_pte_leaf(pa, 3, attr);
	*step = PAGE_4K;
	return S2_OK;
}

/** Map [ipa, ipa+size) to [pa, pa+size) with `attr`. */
int s2_map(struct s2_space *s, uint64_t ipa, uint64_t pa, uint64_t size, unsigned attr)
{
	uint64_t step = 0;

	if (size == 0 || ((ipa | pa | size) & (PAGE_4K - 1)) != 0 || ipa >= (1ull << S2_IPA_BITS) ||
	    size > (1ull << S2_IPA_BITS) - ipa || pa + size < pa || (pa + size - 1) >> 48 != 0)
		return S2_EINVAL;
	if (!range_free(s, ipa, size))
		return S2_EEXIST;
	for (int commit = 0; commit <= 1; commit++) {
		for (uint64_t off = 0; off < size; off += step) {
			int rc = map_one(s, ipa + off, pa + off, size - off, attr, commit, &step);

			if (rc) {
				prune(s, ipa, size); /* the dry run's empty tables go back */
				return rc;
			}
		}
	}
	return S2_OK;
}

/** Translate one IPA; returns false if unmapped. pa/attr may be NULL. */
bool s2_lookup(const struct s2_space *s, uint64_t ipa, uint64_t *pa, unsigned *attr)
{
	const uint64_t *t = s->root;
	static const unsigned shifts[] = { L1_SHIFT, L2_SHIFT, L3_SHIFT };

	if (ipa >= (1ull << S2_IPA_BITS))
		return false;
	for (unsigned level = 1; level <= 3; level++) {
		unsigned shift = shifts[level - 1];
		uint64_t e = t[INDEX(ipa, shift)];

		if (!arch_s2_pte_valid(e))
			return false;
		if (level < 3 && arch_s2_pte_is_table(e, level)) {
			t = table_at(e);
			continue;
		}
		if (pa)
			*pa = arch_s2_pte_addr(e) | (ipa & ((1ull << shift) - 1));
		if (attr)
			*attr = arch_s2_pte_attr(e);
		return true;
	}
	return false;
}

static bool range_mapped(const struct s2_space *s, uint64_t ipa, uint64_t size)
{
	for (uint64_t off = 0; off < size; off += PAGE_4K)
		if (!s2_lookup(s, ipa + off, 0, 0))
			return false;
	return true;
}

/* The level-2 entry mapping `ipa` (the range is mapped, so the level-1 entry is a table). */
static uint64_t *l2_entry(const struct s2_space *s, uint64_t ipa)
{
	return &table_at(s->root[INDEX(ipa, L1_SHIFT)])[INDEX(ipa, L2_SHIFT)];
}

/* A 2 MiB block the range covers only partly, at the start or the end of the range? */
static bool block_split_needed(const struct s2_space *s, uint64_t ipa, uint64_t end)
{
	uint64_t *e = l2_entry(s, ipa);
	uint64_t block = ipa & ~(BLOCK_2M - 1);

	return !arch_s2_pte_is_table(*e, 2) && (block < ipa || block + BLOCK_2M > end);
}

/* Replace the block at *e (mapping `ipa`) by a level-3 table of the same pages and attributes. */
static void split_block(struct s2_space *s, uint64_t *e, uint64_t ipa)
{
	uint64_t *t = table_alloc(s); /* s2_unmap checked that there is one */
	uint64_t pa = arch_s2_pte_addr(*e);
	unsigned attr = arch_s2_pte_attr(*e);

	for (unsigned i = 0; i < S2_ENTRIES; i++)
		t[i] = arch_s2_pte_leaf(pa + (uint64_t)i * PAGE_4K, 3, attr);
	replace_desc(e, ipa & ~(BLOCK_2M - 1), arch_s2_pte_table((uint64_t)(uintptr_t)t));
}

/* Unmap [ipa, ipa+size); give back the tables that become empty unless `keep`. */
static int unmap_range(struct s2_space *s, uint64_t ipa, uint64_t size, bool keep)
{
	uint64_t end = ipa + size;
	unsigned splits = 0;

	if (size == 0 || ((ipa | size) & (PAGE_4K - 1)) != 0 || ipa >= (1ull << S2_IPA_BITS) ||
	    size > (1ull << S2_IPA_BITS) - ipa)
		return S2_EINVAL;
	if (!range_mapped(s, ipa, size))
		return S2_ENOENT;
	/* Only the first and the last 2 MiB region can hold a block the range cuts. */
	splits += block_split_needed(s, ipa, end);
	if (((end - 1) & ~(BLOCK_2M - 1)) != (ipa & ~(BLOCK_2M - 1)))
		splits += block_split_needed(s, end - 1, end);
	if (!table_available(s, splits))
		return S2_ENOMEM;
	for (uint64_t a = ipa; a < end;) {
		uint64_t *e = l2_entry(s, a);
		uint64_t block = a & ~(BLOCK_2M - 1);

		if (!arch_s2_pte_is_table(*e, 2)) {
			if (block == a && a + BLOCK_2M <= end) {
				*e = 0; /* the whole block goes */
				a += BLOCK_2M;
				continue;
			}
			split_block(s, e, a);
		}
		table_at(*e)[INDEX(a, L3_SHIFT)] = 0;
		a += PAGE_4K;
	}
	if (!keep)
		prune(s, ipa, size);
	return S2_OK;
}

/** Unmap [ipa, ipa+size); see <lib/s2.h>. */
int s2_unmap(struct s2_space *s, uint64_t ipa, uint64_t size)
{
	return unmap_range(s, ipa, size, false);
}

int s2_runs_collect(const struct s2_space *s, uint64_t ipa, uint64_t pages, unsigned mask,
		    unsigned want, struct s2_run *runs, unsigned *count, unsigned max)
{
	for (uint64_t p = 0; p < pages; p++) {
		uint64_t a = ipa + p * PAGE_4K, pa;
		struct s2_run *last = *count ? &runs[*count - 1] : 0;
		unsigned attr;

		if (!s2_lookup(s, a, &pa, &attr) || (attr & mask) != want)
			return S2_ENOENT;
		if (last && last->ipa + (uint64_t)last->pages * PAGE_4K == a &&
		    last->pa + (uint64_t)last->pages * PAGE_4K == pa && last->attr == attr) {
			last->pages++;
			continue;
		}
		if (*count == max)
			return S2_ENOMEM;
		runs[(*count)++] = (struct s2_run){ a, pa, 1, attr };
	}
	return S2_OK;
}

/* The level-3 table under the 2 MiB region of `ipa` maps all of it, contiguously, one attribute? */
static uint64_t *mergeable(const struct s2_space *s, uint64_t ipa, uint64_t **l2e)
{
	uint64_t l1e = s->root[INDEX(ipa, L1_SHIFT)], *t, pa;
	unsigned attr;

	if (!arch_s2_pte_is_table(l1e, 1))
		return 0;
	*l2e = &table_at(l1e)[INDEX(ipa, L2_SHIFT)];
	if (!arch_s2_pte_is_table(**l2e, 2))
		return 0;
	t = table_at(**l2e);
	pa = arch_s2_pte_addr(t[0]);
	attr = arch_s2_pte_attr(t[0]);
	if (pa & (BLOCK_2M - 1))
		return 0;
	for (unsigned i = 0; i < S2_ENTRIES; i++)
		if (!arch_s2_pte_valid(t[i]) || arch_s2_pte_addr(t[i]) != pa + i * PAGE_4K ||
		    arch_s2_pte_attr(t[i]) != attr)
			return 0;
	return t;
}

/* Make the 2 MiB region of `ipa` one block again if its level-3 table allows (break-before-make).
 */
static void try_merge(struct s2_space *s, uint64_t ipa)
{
	uint64_t *l2e, *t = mergeable(s, ipa, &l2e);

	if (!t)
		return;
	replace_desc(l2e, ipa & ~(BLOCK_2M - 1),
		     arch_s2_pte_leaf(arch_s2_pte_addr(t[0]), 2, arch_s2_pte_attr(t[0])));
	table_free(s, t);
}

int s2_runs_map(struct s2_space *s, const struct s2_run *runs, unsigned count)
{
	for (unsigned i = 0; i < count; i++) {
		uint64_t size = (uint64_t)runs[i].pages * PAGE_4K;
		int rc = s2_map(s, runs[i].ipa, runs[i].pa, size, runs[i].attr);

		if (rc)
			return rc;
		for (uint64_t a = runs[i].ipa & ~(BLOCK_2M - 1); a < runs[i].ipa + size;
		     a += BLOCK_2M)
			try_merge(s, a);
	}
	return S2_OK;
}

int s2_runs_unmap(struct s2_space *s, const struct s2_run *runs, unsigned count)
{
	for (unsigned i = 0; i < count; i++) {
		int rc = unmap_range(s, runs[i].ipa, (uint64_t)runs[i].pages * PAGE_4K, true);

		if (rc) {
			s2_runs_map(s, runs, i);
			return rc;
		}
	}
	return S2_OK;
}
