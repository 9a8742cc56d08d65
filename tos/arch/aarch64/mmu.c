// SPDX-License-Identifier: BSD-3-Clause
/*
 * AArch64 stage-1 tables of the trusted OS (4 KiB granule, 4 GiB VA from
 * level 1). The kernel's mappings are global and shared by every address
 * space: L1[0] (devices, secure RAM, the TOS window) and L1[1] (normal-world
 * RAM, NS=1). Each TA instance has its own L1 root with those two entries
 * copied and L1[2] pointing at its own L2 for TA_VA_BASE, tagged with its
 * ASID (non-global pages). bringup.md §3.3: descriptor bit 5 (NS) selects the
 * non-secure IPA space, where the SPMC maps memory retrieved from the normal
 * world at IPA == PA.
 */
#include <arch/sysreg.h>
#include <lib/print.h>
#include <plat/plat_def.h>
#include <tos/ta_abi.h>

#include "../../mmu.h"
#include "../../pages.h"

#define DESC_TABLE  3ull /* L1/L2 table, L3 page */
#define DESC_BLOCK  1ull
#define ATTR_DEVICE (0ull << 2) /* MAIR index 0: Device-nGnRnE */
#define ATTR_NORMAL (1ull << 2) /* MAIR index 1: Normal WB RA/WA */
#define DESC_NS	    (1ull << 5)
#define AP_EL1_RW   (0ull << 6)
#define AP_ALL_RW   (1ull << 6)
#define AP_EL1_RO   (2ull << 6)
#define AP_ALL_RO   (3ull << 6)
#define AP_EL0	    (1ull << 6)
#define AP_RO	    (2ull << 6)
#define SH_INNER    (3ull << 8)
#define DESC_AF	    (1ull << 10)
#define DESC_NG	    (1ull << 11)
#define DESC_PXN    (1ull << 53)
#define DESC_UXN    (1ull << 54)
/* Software bit (ignored by the MMU): the page is borrowed (a client's share), not the pool's. */
#define DESC_BORROWED (1ull << 55)
#define DESC_XN	      (DESC_PXN | DESC_UXN)
#define OA_MASK	      0x0000fffffffff000ull
#define NORMAL	      (ATTR_NORMAL | SH_INNER | DESC_AF)
#define MAIR_VALUE    0xff00ull /* index 0 Device-nGnRnE, index 1 Normal WB non-transient */
#define BLOCK_2M      0x200000ull
#define MAX_WIN_L3    8 /* a window of up to 16 MiB */
#define USER_L1_INDEX 2 /* TA_VA_BASE = 2 GiB */

/* TCR_EL1: T0SZ 32 (4 GiB), WBWA inner/outer, inner shareable, 4 KiB, no TTBR1 walks (EPD1),
 * IPS 40 bits, 8-bit ASIDs taken from TTBR0. */
#define TCR_VALUE (32ull | (1ull << 8) | (1ull << 10) | (3ull << 12) | (1ull << 23) | (2ull << 32))
#define SCTLR_M	  (1ull << 0)
#define SCTLR_C	  (1ull << 2)
#define SCTLR_SA  (1ull << 3)
#define SCTLR_UMA (1ull << 9) /* EL0 may write DAIF: never for a TA */
#define SCTLR_I	  (1ull << 12)

_Static_assert(TA_VA_BASE >> 30 == USER_L1_INDEX, "TA space is the third GiB");

#define PT __attribute__((aligned(4096), section(".bss.pagetables")))
static uint64_t kl1[512] PT;
static uint64_t kl2_low[512] PT; /* 0-1 GiB: UART, secure RAM, the window */
static uint64_t kl2_ns[512] PT;	 /* 1-2 GiB: normal-world RAM */
static uint64_t kl3_dev[512] PT;
static uint64_t kl3_win[MAX_WIN_L3][512] PT;

static inline uint64_t *table(uint64_t pa)
{
	return (uint64_t *)(uintptr_t)pa;
}

static unsigned l2_index(uint64_t va)
{
	return (unsigned)(va >> 21) & 511u;
}

static unsigned l3_index(uint64_t va)
{
	return (unsigned)(va >> 12) & 511u;
}

static void map_window(uint64_t base, uint64_t size, uint64_t text_end)
{
	if (size > MAX_WIN_L3 * BLOCK_2M || (base & (BLOCK_2M - 1)))
		panic("mmu: window 0x%lx+0x%lx not supported", (unsigned long)base,
		      (unsigned long)size);
	for (uint64_t off = 0; off < size; off += PAGE_SIZE) {
		uint64_t va = base + off, *l3 = kl3_win[off / BLOCK_2M];
		bool text = va < text_end;

		kl2_low[l2_index(va)] = (uint64_t)(uintptr_t)l3 | DESC_TABLE;
		l3[l3_index(va)] =
		    va | DESC_TABLE | NORMAL | (text ? AP_EL1_RO | DESC_UXN : AP_EL1_RW | DESC_XN);
	}
}

void mmu_init(uint64_t win_base, uint64_t win_size, uint64_t text_end)
{
	uint64_t sctlr;

	kl1[0] = (uint64_t)(uintptr_t)kl2_low | DESC_TABLE;
	kl1[1] = (uint64_t)(uintptr_t)kl2_ns | DESC_TABLE;
	kl2_low[l2_index(PLAT_UART_S_BASE)] = (uint64_t)(uintptr_t)kl3_dev | DESC_TABLE;
	kl3_dev[l3_index(PLAT_UART_S_BASE)] =
	    PLAT_UART_S_BASE | DESC_TABLE | ATTR_DEVICE | DESC_AF | AP_EL1_RW | DESC_XN;
	for (uint64_t pa = SEC_RAM_BASE; pa < SEC_RAM_END; pa += BLOCK_2M)
		kl2_low[l2_index(pa)] = pa | DESC_BLOCK | NORMAL | AP_EL1_RW | DESC_XN;
	for (uint64_t pa = NS_RAM_BASE; pa < NS_RAM_END; pa += BLOCK_2M)
		kl2_ns[l2_index(pa)] = pa | DESC_BLOCK | NORMAL | DESC_NS | AP_EL1_RW | DESC_XN;
	map_window(win_base, win_size, text_end);

	write_sysreg(mair_el1, MAIR_VALUE);
	write_sysreg(tcr_el1, TCR_VALUE);
	write_sysreg(ttbr0_el1, (uint64_t)(uintptr_t)kl1);
	write_sysreg(cpacr_el1, 0); /* FP/SIMD traps to S-EL1: a TA using it is killed, not us */
	__asm__ volatile("dsb ish; tlbi vmalle1; dsb ish; isb" ::: "memory");
	/*
	 * TAs cannot mask our interrupts or reach any timer: with UMA clear an EL0 write to DAIF
	 * traps (the TA is killed), and CNTKCTL_EL1 = 0 gives EL0 no counter or EL1 timer
	 * (EL0PTEN clear: CNTP, the time slice's timer, traps to us from EL0). The kernel runs
	 * with DAIF masked as the SPMC entered it, so interrupts are taken from S-EL0 only.
	 */
	write_sysreg(cntkctl_el1, 0);
	sctlr = (read_sysreg(sctlr_el1) & ~SCTLR_UMA) | SCTLR_M | SCTLR_C | SCTLR_SA | SCTLR_I;
	write_sysreg(sctlr_el1, sctlr);
	isb();
}

int uspace_init(struct uspace *as, uint16_t asid)
{
	as->asid = asid;
	as->l1 = page_alloc();
	as->l2 = page_alloc();
	if (!as->l1 || !as->l2) {
		if (as->l1)
			page_free(as->l1);
		if (as->l2)
			page_free(as->l2);
		as->l1 = as->l2 = 0;
		return -1;
	}
	table(as->l1)[0] = kl1[0];
	table(as->l1)[1] = kl1[1];
	table(as->l1)[USER_L1_INDEX] = as->l2 | DESC_TABLE;
	return 0;
}

/* The L3 entry for user va, or NULL (allocating the L3 table when `create`). */
static uint64_t *user_pte(const struct uspace *as, uint64_t va, bool create)
{
	uint64_t *l2e;

	if (va >> 30 != USER_L1_INDEX || !as->l2)
		return 0;
	l2e = &table(as->l2)[l2_index(va)];
	if (!(*l2e & 1)) {
		uint64_t l3 = create ? page_alloc() : 0;

		if (!l3)
			return 0;
		*l2e = l3 | DESC_TABLE;
	}
	return &table(*l2e & OA_MASK)[l3_index(va)];
}

/* One user page; `extra`: DESC_NS and DESC_BORROWED for a share's page. */
static int map_page(struct uspace *as, uint64_t va, uint64_t pa, unsigned perm, uint64_t extra)
{
	uint64_t *pte = user_pte(as, va, true), attrs = NORMAL | DESC_NG | DESC_PXN | extra;

	if (!pte || (*pte & 1))
		return -1;
	if (perm & UMAP_W)
		attrs |= AP_ALL_RW | DESC_UXN;
	else
		attrs |= AP_ALL_RO | ((perm & UMAP_X) ? 0 : DESC_UXN);
	__asm__ volatile("dsb ishst" ::: "memory");
	*pte = (pa & OA_MASK) | DESC_TABLE | attrs;
	return 0;
}

int uspace_map(struct uspace *as, uint64_t va, uint64_t pa, unsigned perm)
{
	return map_page(as, va, pa, perm, 0);
}

int uspace_map_borrowed(struct uspace *as, uint64_t va, uint64_t pa, unsigned perm, bool ns)
{
	return map_page(as, va, pa, perm & UMAP_W, DESC_BORROWED | (ns ? DESC_NS : 0));
}

/* The page a user PTE maps goes back to the pool unless it was borrowed. */
static void free_mapped(uint64_t pte)
{
	if (!(pte & DESC_BORROWED))
		page_free(pte & OA_MASK);
}

static void tlb_flush_va(const struct uspace *as, uint64_t va)
{
	uint64_t arg = (va >> 12) | ((uint64_t)as->asid << 48);

	__asm__ volatile("dsb ishst; tlbi vae1is, %0; dsb ish; isb" : : "r"(arg) : "memory");
}

void uspace_unmap(struct uspace *as, uint64_t va, uint64_t size)
{
	for (uint64_t p = va; p < va + size; p += PAGE_SIZE) {
		uint64_t *pte = user_pte(as, p, false);

		if (!pte || !(*pte & 1))
			continue;
		uint64_t old = *pte;
		*pte = 0;
		tlb_flush_va(as, p);
		free_mapped(old);
	}
}

void uspace_destroy(struct uspace *as)
{
	uint64_t arg = (uint64_t)as->asid << 48;

	if (!as->l1)
		return;
	write_sysreg(ttbr0_el1, (uint64_t)(uintptr_t)kl1);
	isb();
	for (unsigned i = 0; i < 512; i++) {
		uint64_t l2e = table(as->l2)[i];

		if (!(l2e & 1))
			continue;
		for (unsigned j = 0; j < 512; j++) {
			uint64_t pte = table(l2e & OA_MASK)[j];

			if (pte & 1)
				free_mapped(pte);
		}
		page_free(l2e & OA_MASK);
	}
	page_free(as->l2);
	page_free(as->l1);
	as->l1 = as->l2 = 0;
	__asm__ volatile("dsb ishst; tlbi aside1is, %0; dsb ish; isb" : : "r"(arg) : "memory");
}

uint64_t uspace_page_addr(const struct uspace *as, uint64_t va, uint64_t len, bool write)
{
	const uint64_t *pte;

	if (len == 0 || len > PAGE_SIZE - (va & (PAGE_SIZE - 1)))
		return 0;
	pte = user_pte(as, va, false);
	if (!pte || !(*pte & 1) || !(*pte & AP_EL0) || (write && (*pte & AP_RO)))
		return 0;
	return (*pte & OA_MASK) | (va & (PAGE_SIZE - 1));
}

void uspace_activate(const struct uspace *as)
{
	write_sysreg(ttbr0_el1, as->l1 | ((uint64_t)as->asid << 48));
	isb();
}

void mmu_sync_code(uint64_t start, uint64_t len)
{
	for (uint64_t p = start & ~63ull; p < start + len; p += 64)
		__asm__ volatile("dc cvau, %0" : : "r"(p) : "memory");
	__asm__ volatile("dsb ish; ic iallu; dsb ish; isb" ::: "memory");
}
