/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Stage-2 translation tables, architecture-neutral: a 4 KiB-granule,
 * 4 GiB (32-bit) IPA space starting at level 1, built from a caller-provided
 * pool of tables. Leaf encoding comes from <arch/s2_pte.h> (arch/aarch64 for
 * the images, arch/fake for host unit tests). Used by both hypervisor roles.
 *
 * Tables are taken from the pool and given back: a table that no longer maps
 * anything returns to the pool, and s2_runs_map() turns a level-3 table that
 * maps a whole 2 MiB region contiguously again into a block. A space may have
 * a quota (s2_quota_init): tables reserved for it alone, and a cap. Replacing a
 * valid table or block descriptor follows break-before-make through
 * arch_s2_tlb_inval() (docs/architecture.md, "Cache rules").
 */
#ifndef LIB_S2_H
#define LIB_S2_H

#include <stdbool.h>
#include <stdint.h>

#define S2_ENTRIES  512
#define S2_IPA_BITS 32

/* Access attributes of a mapping. */
#define S2_READ	  (1u << 0)
#define S2_WRITE  (1u << 1)
#define S2_EXEC	  (1u << 2)
#define S2_DEVICE (1u << 3)
#define S2_RW	  (S2_READ | S2_WRITE)
#define S2_RWX	  (S2_READ | S2_WRITE | S2_EXEC)

typedef uint64_t s2_table_t[S2_ENTRIES];

struct s2_pool {
	s2_table_t *tables;
	unsigned count;
	unsigned used;	   /* tables handed out now */
	unsigned next;	   /* tables[next..count) were never handed out */
	uint64_t *free;	   /* given-back tables, linked through their first entry */
	unsigned reserved; /* promised to quotas and not handed out: only they may take these */
};

/*
 * A VM's or partition's share of a pool: `limit` tables are reserved for it at
 * s2_quota_init and it can never hold more; its spaces (an SP has two) draw from it.
 */
struct s2_quota {
	unsigned limit;
	unsigned held;
};

struct s2_space {
	struct s2_pool *pool;
	struct s2_quota *quota; /* NULL: no quota, only tables no quota has reserved */
	uint64_t *root;		/* level-1 table; only its first 4 entries are used */
};

enum s2_err {
	S2_OK = 0,
	S2_EINVAL = -1, /* unaligned, empty or outside the IPA space */
	S2_ENOMEM = -2, /* the pool is exhausted; nothing was changed */
	S2_EEXIST = -3, /* part of the range is already mapped */
	S2_ENOENT = -4, /* part of the range is not mapped */
};

/* Reserve q->limit tables of the pool for q; S2_ENOMEM if the unreserved tables are fewer. */
int s2_quota_init(struct s2_quota *q, struct s2_pool *pool, unsigned limit);
int s2_init(struct s2_space *s, struct s2_pool *pool);
/* As s2_init, with the root and every later table counted against `q` (may be NULL). */
int s2_init_quota(struct s2_space *s, struct s2_pool *pool, struct s2_quota *q);
int s2_map(struct s2_space *s, uint64_t ipa, uint64_t pa, uint64_t size, unsigned attr);
bool s2_lookup(const struct s2_space *s, uint64_t ipa, uint64_t *pa, unsigned *attr);
/*
 * Remove the mappings of [ipa, ipa+size), every page of which must be mapped. A 2 MiB
 * block only partly in the range is split into pages first, which takes a table from the
 * pool (or the quota): S2_ENOMEM if there is none. On any error nothing changed. Tables
 * that become empty go back to the pool. The caller invalidates the TLB for the range
 * afterwards (arch_s2_tlb_flush_all) before the VM runs again.
 */
int s2_unmap(struct s2_space *s, uint64_t ipa, uint64_t size);
uint64_t s2_root_pa(const struct s2_space *s);

/* A run of 4 KiB pages mapped contiguously: [ipa, ipa + pages * 4 KiB) -> pa, with attr. */
struct s2_run {
	uint64_t ipa;
	uint64_t pa;
	uint32_t pages;
	unsigned attr;
};

/*
 * Append the mappings of the `pages` pages at `ipa` to runs[*count..], page by page, one run
 * per physically contiguous stretch with the same attributes. Every page must be mapped with
 * (attr & mask) == want: S2_ENOENT otherwise, S2_ENOMEM past `max` runs. Used to check that
 * memory a VM gives away is its own (FF-A memory sharing) and to remember where it was.
 */
int s2_runs_collect(const struct s2_space *s, uint64_t ipa, uint64_t pages, unsigned mask,
		    unsigned want, struct s2_run *runs, unsigned *count, unsigned max);
/*
 * Unmap every run, or none: on a failure what was unmapped is mapped again. Tables that become
 * empty are kept (not given back), so that mapping the same runs again (s2_runs_map: a lender
 * getting its memory back) never needs a table and cannot fail for lack of one.
 */
int s2_runs_unmap(struct s2_space *s, const struct s2_run *runs, unsigned count);
/*
 * Map the runs again (as collected); returns the first error. A level-3 table that then maps
 * its whole 2 MiB region contiguously with one attribute becomes a block again and its table
 * goes back (only here, not in s2_map: giving a lender its memory back must not leave a split
 * behind, while a borrower's mapping must stay splittable without a new table).
 */
int s2_runs_map(struct s2_space *s, const struct s2_run *runs, unsigned count);

#endif /* LIB_S2_H */
