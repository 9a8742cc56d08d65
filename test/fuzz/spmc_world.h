/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A host model of the secure side for the memory-management tests and fuzz
 * targets (test/unit/test_mem_spmc.c, test/fuzz/fuzz_mem_spmc.c): the real
 * SPMC (ffa_spmc.c, mem_spmc.c, mem_share.c, rxtx.c, vm.c, s2.c) on the
 * fake architecture, with "physical memory" at the platform's own
 * addresses: secure RAM and NS RAM are mapped into the test process at
 * PLAT_SEC_RAM_BASE and PLAT_NS_RAM_BASE, so the SPMC's identity accesses
 * (PA == host address) and its NS-RAM checks work unchanged.
 *
 * Partition i (FF-A ID 0x8001 + i) has WORLD_SP_PAGES pages at IPA
 * WORLD_SP_IPA backed by world_sp_pa(i); its TX and RX buffers are its last
 * two pages. The normal world's buffers at the SPMC are WORLD_NWD_TX/RX; the
 * normal world lends from WORLD_NS_POOL. A partition's call goes through
 * the real dispatcher: the normal world sends it a direct request, it makes
 * the call, reports the answer and responds.
 */
#ifndef TEST_FUZZ_SPMC_WORLD_H
#define TEST_FUZZ_SPMC_WORLD_H

#include <hyp/mem_share.h>
#include <plat/plat_def.h>
#include <stdbool.h>
#include <stdint.h>

#include "spmc_host.h"

#define WORLD_SPS	    3
#define WORLD_SP_ID(i)	    ((ffa_id_t)(0x8001 + (i)))
#define WORLD_SP_IPA	    0x10000000ull
#define WORLD_SP_PAGES	    32u
#define WORLD_SP_TX_PAGE    (WORLD_SP_PAGES - 2)
#define WORLD_SP_RX_PAGE    (WORLD_SP_PAGES - 1)
#define WORLD_NWD_TX	    (PLAT_NS_RAM_BASE + 0x200000ull)
#define WORLD_NWD_RX	    (WORLD_NWD_TX + FFA_PAGE_SIZE)
#define WORLD_NS_POOL	    (PLAT_NS_RAM_BASE + 0x400000ull)
#define WORLD_NS_POOL_PAGES 64u
#define WORLD_NWD	    WORLD_SPS /* actor index of the normal world */
#define WORLD_FILL	    0xa5      /* what memory holds before anyone writes it */

/* Partition i's memory as the SPMC and the host see it. */
static inline uint64_t world_sp_pa(unsigned i)
{
	return PLAT_SEC_FW_END + (uint64_t)i * 0x100000;
}

static inline uint8_t *world_ptr(uint64_t pa)
{
	return (uint8_t *)(uintptr_t)pa;
}

static inline uint8_t *world_sp_tx(unsigned i)
{
	return world_ptr(world_sp_pa(i) + WORLD_SP_TX_PAGE * FFA_PAGE_SIZE);
}

static inline uint8_t *world_sp_rx(unsigned i)
{
	return world_ptr(world_sp_pa(i) + WORLD_SP_RX_PAGE * FFA_PAGE_SIZE);
}

/* Partition i's TX/RX as the SPMC has them registered now (else its usual pages). */
uint8_t *world_sp_tx_now(unsigned i);
uint8_t *world_sp_rx_now(unsigned i);

/* mem_spmc.c's table (its host-test accessor). */
const struct mem_table *spmc_mem_table(void);

/*
 * Reset everything and boot the partitions (all waiting); with `buffers`,
 * every partition and the normal world have mapped their RX/TX pair.
 * Memory is filled with WORLD_FILL.
 */
void world_reset(bool buffers);

/*
 * With world_strict, every call below is checked: its result is an FF-A
 * answer, world_check() holds after it, a stage-2 change came with a TLB
 * flush, and a refused call (FFA_ERROR) changed nothing (table, stage 2s,
 * memory). A violation prints why and aborts: a finding.
 */
extern bool world_strict;
/* Called on a violation before aborting (a unit test fails the case instead: it does not return).
 */
extern void (*world_on_failure)(void);
/* Report a broken invariant: world_on_failure, else abort. */
void world_fail(void);

/* A call by the normal world (through spmc_nwd_call). */
struct ffa_value world_nwd_call(struct ffa_value m);
/* A call by partition i (through the dispatcher, inside a request of a VM bound to it). */
struct ffa_value world_sp_call(unsigned i, struct ffa_value c);
/* Partition i takes a stage-2 fault in a request: the SPMC aborts it. */
void world_sp_fault(unsigned i);
bool world_sp_aborted(unsigned i);
/*
 * Who makes the calls of lib/ffa_mem_client.c (fake_smc): a partition or WORLD_NWD; an actor
 * above WORLD_NWD is world_other_actor's (nshyp_world.c: its guests).
 */
void world_set_actor(unsigned actor);
extern struct ffa_value (*world_other_actor)(unsigned actor, struct ffa_value in);
/* The partition with ID `id` (index), or -1. */
int world_sp_index(ffa_id_t id);

/*
 * The invariants, checked against the SPMC's table: the table is sound
 * (mem_table_check), every page of every partition and of the NS pool is
 * mapped exactly where the table says (borrowers that hold a retrieval, at
 * IPA == PA, with the retrieved permissions; lenders of LEND/DONATE not;
 * donated pages with their new owner). Returns false and prints why.
 */
bool world_check(void);

/*
 * A snapshot of what a refused call must leave alone: table, stage 2s, memory. Two can be
 * kept at once (`slot` 0 is the one every checked call takes).
 */
struct world_snapshot;
struct world_snapshot *world_snapshot_take(unsigned slot);
/*
 * Does the world still match the snapshot? (prints the first difference) Without
 * `nwd_buffers`, the normal world's RX/TX pages are not compared (nshyp writes its TX).
 */
bool world_snapshot_same(const struct world_snapshot *s, bool nwd_buffers);
/* Did some stage 2 change since the snapshot, and was the TLB flushed since? */
bool world_s2_changed(const struct world_snapshot *s);
bool world_tlb_flushed(const struct world_snapshot *s);

/* A donated page changed owner for good: record it for world_check (after a DONATE retrieve). */
void world_note_donation(uint64_t pa, uint32_t pages, ffa_id_t new_owner);

#endif /* TEST_FUZZ_SPMC_WORLD_H */
