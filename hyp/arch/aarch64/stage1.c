// SPDX-License-Identifier: BSD-3-Clause
/*
 * EL2 stage 1 for AArch64 (hyp/stage1.h): 4 KiB granule, 4 GiB of VA
 * (T0SZ=32) starting at level 1, four level-2 tables (one per GiB) holding
 * 2 MiB blocks, and a few level-3 tables for regions that are not 2 MiB
 * aligned. Identity only: VA == PA. In the secure EL2 regime the NS bit picks
 * the physical address space (Arm ARM D8.3, bringup.md §3.3). The cache rules
 * this follows are in docs/architecture.md ("Cache rules").
 */
#include <arch/sysreg.h>
#include <hyp/stage1.h>
#include <lib/print.h>

#define PAGE_SIZE  0x1000ull
#define BLOCK_SIZE 0x200000ull
#define GIB	   0x40000000ull
#define ENTRIES	   512
#define VA_GIB	   4
#define L3_TABLES  4 /* regions not 2 MiB aligned: nshyp's code and its UART page */

/* Descriptor fields (VMSAv8-64 stage 1, EL2 regime without E2H). */
#define DESC_BLOCK	0x1ull
#define DESC_TABLE	0x3ull		     /* also a level-3 page */
#define DESC_ATTR(i)	((uint64_t)(i) << 2) /* MAIR index */
#define DESC_NS		(1ull << 5)
#define DESC_RO		(1ull << 7) /* AP[2] */
#define DESC_SH_INNER	(3ull << 8)
#define DESC_AF		(1ull << 10)
#define DESC_XN		(1ull << 54)
#define DESC_ADDR	0x0000fffffffff000ull
#define MAIR_IDX_NORMAL 0
#define MAIR_IDX_DEVICE 1
#define MAIR_VALUE	0x00ffull /* attr0 normal WB RW-allocate, attr1 Device-nGnRnE */

/* TCR_EL2: T0SZ=32, IRGN0/ORGN0 WB RA WA, SH0 inner, TG0 4K, PS 40 bits, RES1 bits 31 and 23. */
#define TCR_VALUE                                                                                  \
	((1ull << 31) | (1ull << 23) | (2ull << 16) | (3ull << 12) | (1ull << 10) | (1ull << 8) |  \
	 32ull)
#define SCTLR_M (1ull << 0)
#define SCTLR_C (1ull << 2)
#define SCTLR_I (1ull << 12)

static uint64_t l1[ENTRIES] __attribute__((aligned(4096)));
static uint64_t l2[VA_GIB][ENTRIES] __attribute__((aligned(4096)));
static uint64_t l3[L3_TABLES][ENTRIES] __attribute__((aligned(4096)));
static unsigned l3_used;

static uint64_t leaf_attrs(const struct s1_region *r)
{
	uint64_t d = DESC_AF;

	d |= r->device ? DESC_ATTR(MAIR_IDX_DEVICE) : DESC_ATTR(MAIR_IDX_NORMAL) | DESC_SH_INNER;
	if (r->non_secure)
		d |= DESC_NS;
	if (!r->exec || r->device)
		d |= DESC_XN;
	if (r->read_only)
		d |= DESC_RO;
	return d;
}

static void overlap(uint64_t pa)
{
	panic("stage 1: regions overlap at 0x%lx", (unsigned long)pa);
}

/* The level-3 table under the level-2 slot of `pa`, created if the slot is empty. */
static uint64_t *l3_table(uint64_t pa)
{
	uint64_t *slot = &l2[pa / GIB][(pa % GIB) / BLOCK_SIZE];

	if ((*slot & 3) == DESC_TABLE)
		return (uint64_t *)(uintptr_t)(*slot & DESC_ADDR);
	if (*slot)
		overlap(pa);
	if (l3_used == L3_TABLES)
		panic("stage 1: more than %d regions need 4 KiB pages", L3_TABLES);
	*slot = (uint64_t)(uintptr_t)l3[l3_used] | DESC_TABLE;
	return l3[l3_used++];
}

/* Map one 2 MiB block or one 4 KiB page at `pa`; returns its size. */
static uint64_t map_one(uint64_t pa, uint64_t end, const struct s1_region *r)
{
	uint64_t *slot;

	if ((pa & (BLOCK_SIZE - 1)) == 0 && end - pa >= BLOCK_SIZE) {
		slot = &l2[pa / GIB][(pa % GIB) / BLOCK_SIZE];
		if (*slot)
			overlap(pa);
		*slot = pa | DESC_BLOCK | leaf_attrs(r);
		return BLOCK_SIZE;
	}
	slot = &l3_table(pa)[(pa % BLOCK_SIZE) / PAGE_SIZE];
	if (*slot)
		overlap(pa);
	*slot = pa | DESC_TABLE | leaf_attrs(r);
	return PAGE_SIZE;
}

static void map_region(const struct s1_region *r)
{
	uint64_t end = r->base + r->size;

	if ((r->base | r->size) & (PAGE_SIZE - 1) || r->size == 0 || end > VA_GIB * GIB ||
	    end < r->base)
		panic("stage 1: bad region 0x%lx+0x%lx", (unsigned long)r->base,
		      (unsigned long)r->size);
	for (uint64_t pa = r->base; pa < end;)
		pa += map_one(pa, end, r);
}

/* Drop every data cache line of [base, base+size) (to the point of coherency), no write-back. */
static void dcache_inval(uint64_t base, uint64_t size)
{
	uint64_t line = 4ull << ((read_sysreg(ctr_el0) >> 16) & 0xf); /* DminLine, in bytes */

	for (uint64_t a = base & ~(line - 1); a < base + size; a += line)
		__asm__ volatile("dc ivac, %0" ::"r"(a) : "memory");
	dsb_sy();
}

void arch_hyp_stage1_enable(const struct s1_region *regions, unsigned count,
			    const struct s1_region *self)
{
	uint64_t sctlr;

	for (unsigned i = 0; i < count; i++)
		map_region(&regions[i]);
	for (unsigned g = 0; g < VA_GIB; g++)
		l1[g] = (uint64_t)(uintptr_t)l2[g] | DESC_TABLE;
	dsb_sy();
	/*
	 * Everything this hypervisor wrote so far (its data, stacks and these tables) went to
	 * memory with the caches off. Any line of its window a cache still holds (from reset,
	 * or a speculative fill by another world's cacheable alias) is stale: drop it, do not
	 * write it back. The same for the instruction cache.
	 */
	dcache_inval(self->base, self->size);
	__asm__ volatile("ic iallu\n\tdsb sy" ::: "memory");
	write_sysreg(mair_el2, MAIR_VALUE);
	write_sysreg(tcr_el2, TCR_VALUE);
	write_sysreg(ttbr0_el2, (uint64_t)(uintptr_t)l1);
	isb();
	__asm__ volatile("tlbi alle2\n\tdsb sy" ::: "memory");
	isb();
	sctlr = read_sysreg(sctlr_el2) | SCTLR_M | SCTLR_C | SCTLR_I;
	write_sysreg(sctlr_el2, sctlr);
	isb();
}
