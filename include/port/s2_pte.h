/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Port contract (docs/architecture.md §12): the stage-2 descriptor format that lib/xlat/s2.c
 * builds its tables with, a 4 KiB granule and levels 1-3 (see <lib/s2.h>). Implemented by
 * arch/<arch>/s2_pte.c: arch/aarch64 for the images, arch/fake for the host tests, whose format
 * differs on purpose (test_s2_fake proves the walker relies on nothing else).
 */
#ifndef PORT_S2_PTE_H
#define PORT_S2_PTE_H

#include <stdbool.h>
#include <stdint.h>

/* A table descriptor pointing at the table at `table_pa`. */
uint64_t port_s2_pte_table(uint64_t table_pa);
/* A leaf mapping `pa` at `level` (2: 2 MiB block, 3: 4 KiB page) with S2_* attributes. */
uint64_t port_s2_pte_leaf(uint64_t pa, unsigned level, unsigned attr);
bool port_s2_pte_valid(uint64_t pte);
/* Whether `pte` at `level` points at a next-level table (never at level 3). */
bool port_s2_pte_is_table(uint64_t pte, unsigned level);
/* The address a table or leaf descriptor holds. */
uint64_t port_s2_pte_addr(uint64_t pte);
/* The S2_* attributes of a leaf. */
unsigned port_s2_pte_attr(uint64_t pte);

/*
 * Break-before-make step: the descriptor for `ipa` was just written invalid; make that visible
 * to the walker and drop every cached translation through it before the new descriptor goes in.
 * AArch64: arch/aarch64/s2_pte.c; on the host the test harness provides it and counts the calls.
 */
void port_s2_tlb_inval(uint64_t ipa);

#endif /* PORT_S2_PTE_H */
