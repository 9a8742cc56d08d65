/* SPDX-License-Identifier: BSD-3-Clause */
/* The page pool: the trusted OS's memory after its image, handed out as zeroed 4 KiB pages. */
#ifndef TOS_PAGES_H
#define TOS_PAGES_H

#include <stdint.h>

#define PAGE_SIZE  4096ull
#define PAGE_SHIFT 12

void pages_init(uint64_t base, uint64_t end);
/* A zeroed page (its address == its IPA: the TOS maps itself 1:1), or 0 if none is left. */
uint64_t page_alloc(void);
/* A page as its last owner left it, or 0: for a caller that overwrites all of it at once. */
uint64_t page_alloc_dirty(void);
void page_free(uint64_t pa);
unsigned pages_free_count(void);

#endif /* TOS_PAGES_H */
