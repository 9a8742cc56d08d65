/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The normal-world half of the host model for the memory-management tests
 * (test/unit/test_mem_nshyp.c, test/fuzz/fuzz_mem_nshyp.c): nshyp's guest
 * calls (guest_calls.c) and its memory module (mem_nshyp.c) for two guests,
 * forwarding to the real SPMC of spmc_world.c. nshyp_forward() is the
 * monitor: it hands the call to the SPMC; nshyp's own RX/TX pair lives in
 * the test binary, not in NS RAM, so the model copies nshyp's TX to the
 * normal world's buffers (WORLD_NWD_TX) whenever nshyp passes a descriptor
 * on, which is when the SPMC reads it.
 *
 * Guest g (VM ID g + 1) has NSW_GUEST_PAGES pages at IPA NSW_GUEST_IPA backed
 * by the NS pool (guest 0 its first half, guest 1 the second); its TX and RX
 * are its last two pages; each also has a device page at NSW_DEVICE (IPA ==
 * PA). Guest 1 (VM 1) is bound to partitions A and B, guest 2 (VM 2) to C
 * only: stricter than the partitions' bindings (A takes VM 2), so nshyp's
 * own check is seen.
 */
#ifndef TEST_FUZZ_NSHYP_WORLD_H
#define TEST_FUZZ_NSHYP_WORLD_H

#include "../../hyp/role/nshyp/nshyp.h"
#include "spmc_world.h"

#define NSW_GUESTS	  2
#define NSW_GUEST_IPA	  0x40000000ull
#define NSW_GUEST_PAGES	  (WORLD_NS_POOL_PAGES / NSW_GUESTS)
#define NSW_GUEST_TX_PAGE (NSW_GUEST_PAGES - 2)
#define NSW_GUEST_RX_PAGE (NSW_GUEST_PAGES - 1)
#define NSW_DEVICE	  (PLAT_NS_RAM_BASE + 0x300000ull)
#define NSW_VM_ID(g)	  ((ffa_id_t)((g) + 1))
#define NSW_ACTOR(g)	  (WORLD_NWD + 1 + (g)) /* world_set_actor: guest g makes the calls */

extern struct guest nsw_guests[NSW_GUESTS];
extern bool nsw_stopped[NSW_GUESTS];

static inline uint64_t nsw_guest_pa(unsigned g, unsigned page)
{
	return WORLD_NS_POOL + ((uint64_t)g * NSW_GUEST_PAGES + page) * FFA_PAGE_SIZE;
}

static inline uint64_t nsw_guest_ipa(unsigned page)
{
	return NSW_GUEST_IPA + (uint64_t)page * FFA_PAGE_SIZE;
}

/* The secure side (world_reset), nshyp's memory module, and both guests with their buffers. */
void nsw_reset(void);

/*
 * A call by guest g through nshyp. With world_strict, the checks of
 * nsw_check() follow, and a refused call (FFA_ERROR) must have changed
 * nothing: no guest mapping, no transaction on either side, no memory.
 */
struct ffa_value nsw_guest_call(unsigned g, struct ffa_value c);

/* Guest g stops for good (nshyp_mem_guest_stopped: it reclaims what no partition holds). */
void nsw_guest_stop(unsigned g);

/*
 * nshyp's invariants on top of world_check(): each guest maps every page of
 * its memory except those in a live LEND/DONATE at the SPMC, at their own
 * PA; the transactions nshyp keeps are the SPMC's with a VM lender; a
 * guest's RX/TX stays its memory.
 */
bool nsw_check(void);

#endif /* TEST_FUZZ_NSHYP_WORLD_H */
