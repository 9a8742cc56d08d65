/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Stage-2 translation tables, architecture-neutral: a 4 KiB-granule,
 * 4 GiB (32-bit) IPA space starting at level 1, built from a caller-provided
 * pool of tables. Leaf encoding comes from <arch/s2_pte.h> (arch/aarch64 for
 * the images, arch/fake for host unit tests). Used by both hypervisor roles.
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
	unsigned used;
};

struct s2_space {
	struct s2_pool *pool;
	uint64_t *root; /* level-1 table; only its first 4 entries are used */
};

enum s2_err {
	S2_OK = 0,
	S2_EINVAL = -1, /* unaligned, empty or outside the IPA space */
	S2_ENOMEM = -2, /* the pool is exhausted; nothing was changed */
	S2_EEXIST = -3, /* part of the range is already mapped */
	S2_ENOENT = -4, /* part of the range is not mapped */
};

int s2_init(struct s2_space *s, struct s2_pool *pool);
int s2_map(struct s2_space *s, uint64_t ipa, uint64_t pa, uint64_t size, unsigned attr);
bool s2_lookup(const struct s2_space *s, uint64_t ipa, uint64_t *pa, unsigned *attr);
/*
 * Remove the mappings of [ipa, ipa+size), every page of which must be mapped. A 2 MiB
 * block only partly in the range is split into pages first, which takes a table from the
 * pool. On any error nothing changed. Tables that become empty stay allocated. The caller
 * invalidates the TLB for the range afterwards (architecture-specific).
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
/* Unmap every run, or none: on a failure what was unmapped is mapped again. */
int s2_runs_unmap(struct s2_space *s, const struct s2_run *runs, unsigned count);
/* Map the runs again (as collected); returns the first error. */
int s2_runs_map(struct s2_space *s, const struct s2_run *runs, unsigned count);

#endif /* LIB_S2_H */
