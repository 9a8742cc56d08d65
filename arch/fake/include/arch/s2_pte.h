/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host-only "fake" stage-2 descriptor encoding, used by the unit tests (build/host/test_s2_fake)
 * in place of arch/aarch64/include/arch/s2_pte.h. It implements the same inline functions with a
 * deliberately different layout, so that a test passing with both proves lib/xlat/s2.c relies
 * only on this interface and not on the AArch64 format: valid and table markers are in the top
 * bits (bits 1:0 are part of the address and mean nothing), the access attributes and the leaf
 * level sit in bits 59:56 and 61:60, and the address is stored as a page frame number in bits
 * 35:0 rather than in place. It also traps (assert) on inputs the walker must never produce:
 * unaligned table or output addresses, or a leaf at a level other than 2 (2 MiB) or 3 (4 KiB).
 * arch_s2_tlb_inval (the break-before-make TLB step) is a function the harness defines
 * (test/unit/test_s2.c records it; hyp/arch/fake/vm_arch.c counts it).
 */
#ifndef ARCH_S2_PTE_H
#define ARCH_S2_PTE_H

#include <assert.h>
#include <lib/s2.h>
#include <stdbool.h>
#include <stdint.h>

#define FAKE_PTE_VALID	     (1ull << 63)
#define FAKE_PTE_TABLE	     (1ull << 62)
#define FAKE_PTE_LEVEL_SHIFT 60 /* leaves only: 2 or 3 */
#define FAKE_PTE_LEVEL_MASK  (3ull << FAKE_PTE_LEVEL_SHIFT)
#define FAKE_PTE_ATTR_SHIFT  56 /* S2_READ | S2_WRITE | S2_EXEC | S2_DEVICE */
#define FAKE_PTE_ATTR_MASK   (0xfull << FAKE_PTE_ATTR_SHIFT)
#define FAKE_PTE_PFN_MASK    ((1ull << 36) - 1) /* address >> 12: 48-bit addresses */
#define FAKE_PAGE_SHIFT	     12

void arch_s2_tlb_inval(uint64_t ipa);

static inline uint64_t fake_pte_pfn(uint64_t pa)
{
	assert((pa & ((1ull << FAKE_PAGE_SHIFT) - 1)) == 0);
	assert((pa >> FAKE_PAGE_SHIFT) <= FAKE_PTE_PFN_MASK);
	return pa >> FAKE_PAGE_SHIFT;
}

static inline uint64_t arch_s2_pte_table(uint64_t table_pa)
{
	return FAKE_PTE_VALID | FAKE_PTE_TABLE | fake_pte_pfn(table_pa);
}

static inline uint64_t arch_s2_pte_leaf(uint64_t pa, unsigned level, unsigned attr)
{
	assert(level == 2 || level == 3);
	assert(level == 3 || (pa & ((1ull << 21) - 1)) == 0);
	/* Device memory is never executable, as in the AArch64 encoding. */
	if (attr & S2_DEVICE)
		attr &= ~S2_EXEC;
	return FAKE_PTE_VALID | ((uint64_t)level << FAKE_PTE_LEVEL_SHIFT) |
	       (((uint64_t)attr << FAKE_PTE_ATTR_SHIFT) & FAKE_PTE_ATTR_MASK) | fake_pte_pfn(pa);
}

static inline bool arch_s2_pte_valid(uint64_t pte)
{
	return (pte & FAKE_PTE_VALID) != 0;
}

static inline bool arch_s2_pte_is_table(uint64_t pte, unsigned level)
{
	return level < 3 &&
	       (pte & (FAKE_PTE_VALID | FAKE_PTE_TABLE)) == (FAKE_PTE_VALID | FAKE_PTE_TABLE);
}

static inline uint64_t arch_s2_pte_addr(uint64_t pte)
{
	return (pte & FAKE_PTE_PFN_MASK) << FAKE_PAGE_SHIFT;
}

static inline unsigned arch_s2_pte_attr(uint64_t pte)
{
	return (unsigned)((pte & FAKE_PTE_ATTR_MASK) >> FAKE_PTE_ATTR_SHIFT);
}

#endif /* ARCH_S2_PTE_H */
