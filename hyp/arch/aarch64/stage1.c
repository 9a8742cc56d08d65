// SPDX-License-Identifier: BSD-3-Clause
/*
 * EL2 stage 1 for AArch64 (hyp/stage1.h): 4 KiB granule, 4 GiB of VA
 * (T0SZ=32) starting at level 1, 2 MiB blocks from four level-2 tables, one
 * per GiB. Identity only: VA == PA. In the secure EL2 regime the block's NS
 * bit picks the physical address space (Arm ARM D8.3, bringup.md §3.3).
 */
#include <arch/sysreg.h>
#include <hyp/stage1.h>
#include <lib/print.h>

#define BLOCK_SIZE 0x200000ull
#define GIB	   0x40000000ull
#define L2_ENTRIES 512
#define VA_GIB	   4

/* Block descriptor fields (VMSAv8-64 stage 1, EL2 regime without E2H). */
#define DESC_BLOCK	0x1ull
#define DESC_TABLE	0x3ull
#define DESC_ATTR(i)	((uint64_t)(i) << 2) /* MAIR index */
#define DESC_NS		(1ull << 5)
#define DESC_SH_INNER	(3ull << 8)
#define DESC_AF		(1ull << 10)
#define DESC_XN		(1ull << 54)
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

static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l2[VA_GIB][L2_ENTRIES] __attribute__((aligned(4096)));

static uint64_t block_desc(uint64_t pa, const struct s1_region *r)
{
	uint64_t d = pa | DESC_BLOCK | DESC_AF;

	d |= r->device ? DESC_ATTR(MAIR_IDX_DEVICE) : DESC_ATTR(MAIR_IDX_NORMAL) | DESC_SH_INNER;
	if (r->non_secure)
		d |= DESC_NS;
	if (!r->exec || r->device)
		d |= DESC_XN;
	return d;
}

static void map_region(const struct s1_region *r)
{
	if ((r->base | r->size) & (BLOCK_SIZE - 1) || r->size == 0 ||
	    r->base + r->size > VA_GIB * GIB || r->base + r->size < r->base)
		panic("stage 1: bad region 0x%lx+0x%lx", (unsigned long)r->base,
		      (unsigned long)r->size);
	for (uint64_t pa = r->base; pa < r->base + r->size; pa += BLOCK_SIZE) {
		uint64_t *slot = &l2[pa / GIB][(pa % GIB) / BLOCK_SIZE];

		if (*slot)
			panic("stage 1: regions overlap at 0x%lx", (unsigned long)pa);
		*slot = block_desc(pa, r);
	}
}

void arch_hyp_stage1_enable(const struct s1_region *regions, unsigned count)
{
	uint64_t sctlr;

	for (unsigned i = 0; i < count; i++)
		map_region(&regions[i]);
	for (unsigned g = 0; g < VA_GIB; g++)
		l1[g] = (uint64_t)(uintptr_t)l2[g] | DESC_TABLE;
	dsb_sy();
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
