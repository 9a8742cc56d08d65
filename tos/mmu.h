/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Stage-1 translation of the trusted OS (S-EL1): the kernel's identity map
 * (its window, its UART, secure RAM NS=0, normal-world RAM NS=1, all EL1-only)
 * and one address space per TA instance (own TTBR0 root and ASID) that adds
 * the TA's pages at TA_VA_BASE on top of the kernel's shared tables.
 */
#ifndef TOS_MMU_H
#define TOS_MMU_H

#include <plat/plat_def.h>
#include <stdbool.h>
#include <stdint.h>

#define NS_RAM_BASE  0x40000000ull
#define NS_RAM_END   (PLAT_NS_RAM_BASE + PLAT_NS_RAM_SIZE)
#define SEC_RAM_BASE 0x0e000000ull
#define SEC_RAM_END  0x0f000000ull

/* Access a TA gets to a page. */
#define UMAP_R 0u /* read (always) */
#define UMAP_W 1u /* read/write, never executable */
#define UMAP_X 2u /* read/execute */

struct uspace {
	uint64_t l1, l2; /* table pages from the pool (IPA == kernel VA) */
	uint16_t asid;
};

void mmu_init(uint64_t win_base, uint64_t win_size, uint64_t text_end);

int uspace_init(struct uspace *as, uint16_t asid);
/* Map one page; -1 when out of pages or the VA is already mapped. */
int uspace_map(struct uspace *as, uint64_t va, uint64_t pa, unsigned perm);
/*
 * Map one page of a client's share (ns: normal-world memory): never executable, kept out of
 * the pool (unmap and destroy leave it alone). perm is UMAP_R or UMAP_W.
 */
int uspace_map_borrowed(struct uspace *as, uint64_t va, uint64_t pa, unsigned perm, bool ns);
/* Unmap [va, va + size) and return its pages to the pool (borrowed ones to nobody). */
void uspace_unmap(struct uspace *as, uint64_t va, uint64_t size);
/* Free every page (not the borrowed ones) and table of the address space; drop its TLBs. */
void uspace_destroy(struct uspace *as);
/*
 * The kernel address of user [va, va + len) if the TA may access all of it
 * (write: also write it) and it does not cross a page; 0 otherwise.
 */
uint64_t uspace_page_addr(const struct uspace *as, uint64_t va, uint64_t len, bool write);
void uspace_activate(const struct uspace *as);
/* Code was written to [start, start + len): make instruction fetches see it. */
void mmu_sync_code(uint64_t start, uint64_t len);

#endif /* TOS_MMU_H */
