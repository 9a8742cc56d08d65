// SPDX-License-Identifier: BSD-3-Clause
/*
 * Stage-2 table construction (see <lib/s2.h>). Mappings use 2 MiB blocks where
 * both addresses and the remaining size allow it, 4 KiB pages otherwise.
 * s2_map checks the whole range first, so a failed call leaves the tables as
 * they were (it may have taken empty tables from the pool).
 */
#include <arch/s2_pte.h>
#include <lib/s2.h>
#include <lib/string.h>

#define L1_SHIFT	  30
#define L2_SHIFT	  21
#define L3_SHIFT	  12
#define BLOCK_2M	  (1ull << L2_SHIFT)
#define PAGE_4K		  (1ull << L3_SHIFT)
#define INDEX(ipa, shift) (((ipa) >> (shift)) & (S2_ENTRIES - 1))

static uint64_t *table_alloc(struct s2_pool *pool)
{
	uint64_t *t;

	if (pool->used >= pool->count)
		return 0;
	t = pool->tables[pool->used++];
	memset(t, 0, sizeof(s2_table_t));
	return t;
}

static uint64_t *table_at(uint64_t pte)
{
	return (uint64_t *)(uintptr_t)arch_s2_pte_addr(pte);
}

int s2_init(struct s2_space *s, struct s2_pool *pool)
{
	s->pool = pool;
	s->root = table_alloc(pool);
	return s->root ? S2_OK : S2_ENOMEM;
}

uint64_t s2_root_pa(const struct s2_space *s)
{
	return (uint64_t)(uintptr_t)s->root;
}

/* The next-level table under entry `e`, created if empty; NULL if a leaf is there or no memory. */
static uint64_t *next_table(struct s2_pool *pool, uint64_t *e, unsigned level)
{
	uint64_t *t;

	if (arch_s2_pte_is_table(*e, level))
		return table_at(*e);
	if (arch_s2_pte_valid(*e))
		return 0;
	t = table_alloc(pool);
	if (t)
		*e = arch_s2_pte_table((uint64_t)(uintptr_t)t);
	return t;
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
	uint64_t *l2 = next_table(s->pool, &s->root[INDEX(ipa, L1_SHIFT)], 1);
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
	l3 = next_table(s->pool, &l2[INDEX(ipa, L2_SHIFT)], 2);
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

			if (rc)
				return rc;
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

/* Replace the block at *e by a level-3 table of the same pages and attributes. */
static void split_block(struct s2_pool *pool, uint64_t *e)
{
	uint64_t *t = table_alloc(pool);
	uint64_t pa = arch_s2_pte_addr(*e);
	unsigned attr = arch_s2_pte_attr(*e);

	for (unsigned i = 0; i < S2_ENTRIES; i++)
		t[i] = arch_s2_pte_leaf(pa + (uint64_t)i * PAGE_4K, 3, attr);
	*e = arch_s2_pte_table((uint64_t)(uintptr_t)t);
}

/** Unmap [ipa, ipa+size); see <lib/s2.h>. */
int s2_unmap(struct s2_space *s, uint64_t ipa, uint64_t size)
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
	if (s->pool->count - s->pool->used < splits)
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
			split_block(s->pool, e);
		}
		table_at(*e)[INDEX(a, L3_SHIFT)] = 0;
		a += PAGE_4K;
	}
	return S2_OK;
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

int s2_runs_map(struct s2_space *s, const struct s2_run *runs, unsigned count)
{
	for (unsigned i = 0; i < count; i++) {
		int rc = s2_map(s, runs[i].ipa, runs[i].pa, (uint64_t)runs[i].pages * PAGE_4K,
				runs[i].attr);

		if (rc)
			return rc;
	}
	return S2_OK;
}

int s2_runs_unmap(struct s2_space *s, const struct s2_run *runs, unsigned count)
{
	for (unsigned i = 0; i < count; i++) {
		int rc = s2_unmap(s, runs[i].ipa, (uint64_t)runs[i].pages * PAGE_4K);

		if (rc) {
			s2_runs_map(s, runs, i);
			return rc;
		}
	}
	return S2_OK;
}
