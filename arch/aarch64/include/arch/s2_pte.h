/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * AArch64 stage-2 descriptor encoding, 4 KiB granule (Arm ARM D8.3, D8.4.5;
 * bringup.md §3.4): MemAttr[5:2], S2AP[7:6], SH[9:8], AF[10], XN[54:53].
 */
#ifndef ARCH_S2_PTE_H
#define ARCH_S2_PTE_H

#include <lib/s2.h>
#include <stdbool.h>
#include <stdint.h>

#define S2PTE_VALID		   1ull
#define S2PTE_TABLE_OR_PAGE	   2ull
#define S2PTE_MEMATTR_DEVICE_NGNRE (1ull << 2)
#define S2PTE_MEMATTR_NORMAL_WB	   (0xfull << 2)
#define S2PTE_S2AP_R		   (1ull << 6)
#define S2PTE_S2AP_W		   (1ull << 7)
#define S2PTE_SH_INNER		   (3ull << 8)
#define S2PTE_AF		   (1ull << 10)
#define S2PTE_XN		   (2ull << 53)
#define S2PTE_ADDR_MASK		   0x0000fffffffff000ull

/*
 * Break-before-make step of lib/xlat/s2.c: the descriptor for `ipa` was just written invalid;
 * make that visible to the walker and drop every cached translation through it before the
 * new descriptor goes in. TLBI ALLE1IS rather than IPAS2E1IS + VMALLE1IS: those act on the
 * VMID (and, at S-EL2, the IPA space) live in VTTBR_EL2, which a space does not know and which
 * is often another VM's (a borrower's map, a lender's restore). The host test of the encoding
 * (TEST_AARCH64_PTE) records the calls instead.
 */
#ifdef TEST_AARCH64_PTE
void arch_s2_tlb_inval(uint64_t ipa);
#else
static inline void arch_s2_tlb_inval(uint64_t ipa)
{
	(void)ipa;
	__asm__ volatile("dsb ishst\n\ttlbi alle1is\n\tdsb ish\n\tisb" ::: "memory");
}
#endif

static inline uint64_t arch_s2_pte_table(uint64_t table_pa)
{
	return table_pa | S2PTE_TABLE_OR_PAGE | S2PTE_VALID;
}

static inline uint64_t arch_s2_pte_leaf(uint64_t pa, unsigned level, unsigned attr)
{
	uint64_t d = pa | S2PTE_VALID | S2PTE_AF;

	if (level == 3)
		d |= S2PTE_TABLE_OR_PAGE;
	d |= (attr & S2_DEVICE) ? S2PTE_MEMATTR_DEVICE_NGNRE
				: (S2PTE_MEMATTR_NORMAL_WB | S2PTE_SH_INNER);
	if (attr & S2_READ)
		d |= S2PTE_S2AP_R;
	if (attr & S2_WRITE)
		d |= S2PTE_S2AP_W;
	if (!(attr & S2_EXEC) || (attr & S2_DEVICE))
		d |= S2PTE_XN;
	return d;
}

static inline bool arch_s2_pte_valid(uint64_t pte)
{
	return (pte & S2PTE_VALID) != 0;
}

static inline bool arch_s2_pte_is_table(uint64_t pte, unsigned level)
{
	return level < 3 && (pte & 3) == 3;
}

static inline uint64_t arch_s2_pte_addr(uint64_t pte)
{
	return pte & S2PTE_ADDR_MASK;
}

static inline unsigned arch_s2_pte_attr(uint64_t pte)
{
	unsigned a = 0;

	if (pte & S2PTE_S2AP_R)
		a |= S2_READ;
	if (pte & S2PTE_S2AP_W)
		a |= S2_WRITE;
	if ((pte & (3ull << 53)) == 0)
		a |= S2_EXEC;
	if ((pte & (0xfull << 2)) == S2PTE_MEMATTR_DEVICE_NGNRE)
		a |= S2_DEVICE;
	return a;
}

#endif /* ARCH_S2_PTE_H */
