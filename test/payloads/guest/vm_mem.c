// SPDX-License-Identifier: BSD-3-Clause
/*
 * FF-A memory sharing between two guests through nshyp (GUEST_VM_MEM, test/sys/test_vm_mem.py;
 * test system "vm_mem", scheduled in description order; docs/abi/ffa-memory.md "VM to VM").
 * Two parts (boot_arg bits 15:8):
 *   VM_MEM_BORROWER  waits in FFA_MSG_WAIT and does what each _64 request asks (x4 the
 *                    operation, x3 the handle, x5/x6 its arguments): retrieve, relinquish,
 *                    read or write an address through a fault probe, share a page back (its
 *                    binding names no VM: DENIED), power off holding what it retrieved;
 *                    answers x3 = the FF-A result, x4-x7 what the operation saw;
 *   VM_MEM_LENDER    (its VM-to-VM binding names the borrower) lends, shares read-only and
 *                    donates pages of its own, drives the borrower through the flows and the
 *                    refusals, and checks what each side sees: data both ways, a read-only
 *                    share enforced (the borrower's write is an injected abort), pages gone
 *                    from the lender while lent or donated and from the borrower after its
 *                    relinquish or the reclaim, and the borrower's end releasing its retrieval.
 * Every check prints "CHECK vm_mem_<name>: PASS|FAIL" (tally.h).
 */
#include <abi/ffa.h>
#include <abi/ffa_mem.h>
#include <abi/psci.h>
#include <abi/scenario.h>
#include <arch/smc.h>
#include <lib/ffa_mem_client.h>
#include <lib/print.h>
#include <payload/fault_probe.h>

#include "../../../guest/guest.h"
#include "tally.h"

#define LENDER	 1
#define BORROWER 2
#define NOBODY	 9

/* x4 of a request: what the borrower does. */
#define OP_RETRIEVE   1 /* x5 perms, x6 flags; answers x4 = first IPA, x5 = perms, x6 = flags */
#define OP_RELINQUISH 2 /* x5 flags */
#define OP_READ	      3 /* x5 address; answers x4 = value, x5 = ESR (0: no fault), x6 = FAR */
#define OP_WRITE      4 /* x5 address, x6 value; answers x5 = ESR, x6 = FAR */
#define OP_SHARE_BACK 5 /* shares one of its pages with the lender (outside its binding) */
#define OP_DIE	      6 /* powers off holding what it retrieved */

#define PAGES	      5
#define NO_FAULT      0xdeadull
#define PATTERN(n)    (0x1111111111111111ull * (n))

static uint8_t rx_buf[4096] __attribute__((aligned(4096)));
static uint8_t tx_buf[4096] __attribute__((aligned(4096)));
static uint8_t pool[PAGES][4096] __attribute__((aligned(4096)));
static const struct ffa_mem_buffers bufs = { tx_buf, rx_buf, sizeof(tx_buf) };
static struct tally tally = { .prefix = "vm_mem_" };

static void check(const char *name, bool ok, uint64_t got)
{
	tally_check(&tally, name, ok, got);
}

static uint64_t addr(unsigned page)
{
	return (uintptr_t)pool[page];
}

static volatile uint64_t *word(unsigned page)
{
	return (volatile uint64_t *)pool[page];
}

/* ---- the borrower ----------------------------------------------------------------------- */

static struct ffa_value answer(int32_t rc, uint64_t x4, uint64_t x5, uint64_t x6)
{
	return (struct ffa_value){ { FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(BORROWER, LENDER), 0,
				     (uint64_t)(int64_t)rc, x4, x5, x6, 0 } };
}

static struct ffa_value op_retrieve(uint64_t handle, uint8_t perms, uint32_t flags)
{
	struct ffa_mem_retrieved out = { 0 };
	int32_t rc = ffa_mem_retrieve(&bufs, BORROWER, LENDER, handle, perms, flags, &out);

	return answer(rc, out.range_count ? out.ranges[0].addr : 0, out.perms, out.flags);
}

static struct ffa_value op_access(uint64_t x4, uint64_t a, uint64_t value)
{
	struct fault_probe f = { 0 };
	uint64_t v = 0;

	if (x4 == OP_READ)
		v = fault_probe_load(a, NO_FAULT, &f);
	else
		fault_probe_store(a, value, &f);
	return answer(0, v, f.esr, f.far);
}

static struct ffa_value serve(const struct ffa_value *r)
{
	struct ffa_mem_grant g = { LENDER, FFA_MEM_DATA_RW };
	struct ffa_mem_range range = { addr(0), 1 };
	uint64_t h = 0;

	switch (r->x[4]) {
	case OP_RETRIEVE:
		return op_retrieve(r->x[3], (uint8_t)r->x[5], (uint32_t)r->x[6]);
	case OP_RELINQUISH:
		return answer(ffa_mem_relinquish(&bufs, BORROWER, r->x[3], (uint32_t)r->x[5]), 0, 0,
			      0);
	case OP_READ:
	case OP_WRITE:
		return op_access(r->x[4], r->x[5], r->x[6]);
	case OP_SHARE_BACK:
		return answer(ffa_mem_send(FFA_MEM_SHARE_32, &bufs, BORROWER, &g, 1, &range, 1,
					   FFA_MEM_ATTR_NORMAL_WB_INNER, 0, 0, 0, &h),
			      0, 0, 0);
	default:
		return answer(FFA_RET_NOT_SUPPORTED, 0, 0, 0);
	}
}

static void borrower(void)
{
	struct ffa_value r =
	    arch_hvc((struct ffa_value){ { FFA_FEATURES, FFA_MEM_RETRIEVE_REQ_32 } });

	/* w2 bit 1: nshyp sets the NS bit in its retrieve responses (v1.1 §13.3). */
	check("borrower_features_retrieve",
	      (uint32_t)r.x[0] == FFA_SUCCESS_32 && r.x[2] == FFA_FEATURES_RETRIEVE_NS_BIT, 0);
	check("borrower_features_no_donate",
	      (uint32_t)arch_hvc((struct ffa_value){ { FFA_FEATURES, FFA_MEM_DONATE_32 } }).x[0] ==
		  FFA_ERROR,
	      0);
	printk("waiting for requests\n");
	r = arch_hvc((struct ffa_value){ { FFA_MSG_WAIT } });
	while ((uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_REQ_64 && r.x[4] != OP_DIE) {
		struct ffa_value a = serve(&r);

		r = arch_hvc(a); /* the answer goes; the next request comes back */
	}
	printk("vm_mem borrower: %u checks, %u failed; powering off holding its retrieval\n",
	       tally.checks, tally.failures);
}

/* ---- the lender ------------------------------------------------------------------------- */

static struct ffa_value ask(uint64_t op, uint64_t handle, uint64_t a5, uint64_t a6)
{
	return arch_hvc((struct ffa_value){
	    { FFA_MSG_SEND_DIRECT_REQ_64, ffa_msg_ids(LENDER, BORROWER), 0, handle, op, a5, a6 } });
}

/* The borrower's FF-A result for an operation (ABORTED if the request itself failed). */
static int32_t asked(uint64_t op, uint64_t handle, uint64_t a5, uint64_t a6, struct ffa_value *r)
{
	*r = ask(op, handle, a5, a6);
	if ((uint32_t)r->x[0] != FFA_MSG_SEND_DIRECT_RESP_64)
		return (uint32_t)r->x[0] == FFA_ERROR ? (int32_t)r->x[2] - 1000 : -2000;
	return (int32_t)r->x[3];
}

static void expect(const char *name, int32_t rc, int32_t want)
{
	check(name, rc == want, (uint64_t)(int64_t)rc);
}

static int32_t send(uint32_t fid, unsigned page, uint8_t perms, ffa_id_t to, uint64_t *h)
{
	struct ffa_mem_grant g = { to, perms };
	struct ffa_mem_range r = { addr(page), 1 };
	uint16_t attr = fid == FFA_MEM_SHARE_32 ? FFA_MEM_ATTR_NORMAL_WB_INNER : 0;

	return ffa_mem_send(fid, &bufs, LENDER, &g, 1, &r, 1, attr, 0, 0, 0, h);
}

/* The lender's own access to its page: true if it faulted with the injected abort. */
static bool lender_faults(unsigned page, bool write)
{
	struct fault_probe f = { 0 };

	if (write)
		fault_probe_store(addr(page), 1, &f);
	else
		fault_probe_load(addr(page), NO_FAULT, &f);
	return fault_probe_is_sea(&f, FAULT_EC_DABT_SAME, addr(page), write);
}

/* The borrower reads `ipa`: its value, or NO_FAULT if the access faulted (an injected SEA). */
static uint64_t borrower_reads(uint64_t ipa)
{
	struct ffa_value r;

	asked(OP_READ, 0, ipa, 0, &r);
	if (r.x[5])
		return r.x[6] == ipa && (r.x[5] >> 26) == FAULT_EC_DABT_SAME ? NO_FAULT : 0;
	return r.x[4];
}

/* The borrower writes `ipa`: true if the write faulted with an injected abort (WnR). */
static bool borrower_write_faults(uint64_t ipa, uint64_t v)
{
	struct ffa_value r;

	asked(OP_WRITE, 0, ipa, v, &r);
	return r.x[5] == ((uint64_t)FAULT_EC_DABT_SAME << 26 | 1ull << 25 | 1ull << 6 | 0x10u) &&
	       r.x[6] == ipa;
}

/* LEND: retrieve (twice: counted), data both ways, reclaim refused until both relinquish. */
static void lend_flow(void)
{
	struct ffa_value r;
	uint64_t h = 0, ipa;

	*word(0) = PATTERN(1);
	expect("lend", send(FFA_MEM_LEND_32, 0, FFA_MEM_DATA_RW, BORROWER, &h), 0);
	check("handle_is_the_hypervisors", h & FFA_MEM_HANDLE_ALLOCATOR_HYP, h);
	check("lender_loses_lent_page", lender_faults(0, false), 0);
	expect("relinquish_without_retrieve", asked(OP_RELINQUISH, h, 0, 0, &r),
	       FFA_RET_INVALID_PARAMETERS);
	expect("retrieve_wrong_handle", asked(OP_RETRIEVE, h ^ 0x100, 0, 0, &r),
	       FFA_RET_INVALID_PARAMETERS);
	expect("retrieve_wrong_type", asked(OP_RETRIEVE, h, 0, FFA_MEM_FLAG_TYPE_SHARE, &r),
	       FFA_RET_INVALID_PARAMETERS);
	expect("retrieve_lend", asked(OP_RETRIEVE, h, 0, 0, &r), 0);
	ipa = r.x[4];
	check("retrieve_ipa", ipa >= 0x80000000ull && (ipa & 0xfff) == 0, ipa);
	check("retrieve_rw", (r.x[5] & FFA_MEM_DATA_MASK) == FFA_MEM_DATA_RW, r.x[5]);
	check("borrower_sees_lenders_data", borrower_reads(ipa) == PATTERN(1), 0);
	check("borrower_writes", !borrower_write_faults(ipa, PATTERN(2)), 0);
	expect("retrieve_twice_counted", asked(OP_RETRIEVE, h, 0, 0, &r), 0);
	expect("reclaim_while_retrieved", ffa_mem_reclaim(h, 0), FFA_RET_DENIED);
	expect("relinquish_first", asked(OP_RELINQUISH, h, 0, 0, &r), 0);
	expect("reclaim_while_still_retrieved", ffa_mem_reclaim(h, 0), FFA_RET_DENIED);
	check("borrower_keeps_page_until_last_relinquish", borrower_reads(ipa) == PATTERN(2), 0);
	expect("relinquish_second", asked(OP_RELINQUISH, h, 0, 0, &r), 0);
	check("borrower_loses_page_after_relinquish", borrower_reads(ipa) == NO_FAULT, 0);
	expect("relinquish_again", asked(OP_RELINQUISH, h, 0, 0, &r), FFA_RET_INVALID_PARAMETERS);
	expect("reclaim", ffa_mem_reclaim(h, 0), 0);
	check("lender_sees_borrowers_data", *word(0) == PATTERN(2), *word(0));
	check("borrower_cannot_touch_after_reclaim", borrower_reads(ipa) == NO_FAULT, 0);
	expect("retrieve_after_reclaim", asked(OP_RETRIEVE, h, 0, 0, &r),
	       FFA_RET_INVALID_PARAMETERS);
}

/* A read-only SHARE: the lender keeps writing, the borrower reads, and its write faults. */
static void share_ro_flow(void)
{
	struct ffa_value r;
	uint64_t h = 0, ipa;

	*word(1) = PATTERN(3);
	expect("share_ro", send(FFA_MEM_SHARE_32, 1, FFA_MEM_DATA_RO, BORROWER, &h), 0);
	expect("retrieve_ro_asking_rw", asked(OP_RETRIEVE, h, FFA_MEM_DATA_RW, 0, &r),
	       FFA_RET_DENIED);
	expect("retrieve_ro", asked(OP_RETRIEVE, h, 0, 0, &r), 0);
	ipa = r.x[4];
	check("retrieve_ro_perms", (r.x[5] & FFA_MEM_DATA_MASK) == FFA_MEM_DATA_RO, r.x[5]);
	check("borrower_reads_share", borrower_reads(ipa) == PATTERN(3), 0);
	check("ro_share_write_aborts", borrower_write_faults(ipa, PATTERN(9)), 0);
	*word(1) = PATTERN(4); /* a SHARE leaves the lender its access */
	check("borrower_sees_lender_write_in_share", borrower_reads(ipa) == PATTERN(4), 0);
	expect("relinquish_share", asked(OP_RELINQUISH, h, 0, 0, &r), 0);
	expect("reclaim_share", ffa_mem_reclaim(h, 0), 0);
	check("share_unchanged_by_ro_write", *word(1) == PATTERN(4), *word(1));
}

/* DONATE: the page is the borrower's for good; the donor cannot reclaim or touch it. */
static void donate_flow(void)
{
	struct ffa_value r;
	uint64_t h = 0, ipa;

	*word(2) = PATTERN(5);
	expect("donate_stating_access", send(FFA_MEM_DONATE_32, 2, FFA_MEM_DATA_RW, BORROWER, &h),
	       FFA_RET_INVALID_PARAMETERS);
	expect("donate", send(FFA_MEM_DONATE_32, 2, 0, BORROWER, &h), 0);
	expect("retrieve_donate", asked(OP_RETRIEVE, h, 0, 0, &r), 0);
	ipa = r.x[4];
	check("borrower_reads_donation", borrower_reads(ipa) == PATTERN(5), 0);
	expect("reclaim_donated", ffa_mem_reclaim(h, 0), FFA_RET_INVALID_PARAMETERS);
	check("donor_touch_aborts", lender_faults(2, true), 0);
	expect("relinquish_donated", asked(OP_RELINQUISH, h, 0, 0, &r), FFA_RET_INVALID_PARAMETERS);
}

/* The binding and the borrower list. */
static void refusals(void)
{
	struct ffa_value r;
	uint64_t h;

	expect("share_to_no_such_vm", send(FFA_MEM_SHARE_32, 3, FFA_MEM_DATA_RW, NOBODY, &h),
	       FFA_RET_INVALID_PARAMETERS);
	expect("share_to_itself", send(FFA_MEM_SHARE_32, 3, FFA_MEM_DATA_RW, LENDER, &h),
	       FFA_RET_INVALID_PARAMETERS);
	expect("borrower_share_back_denied", asked(OP_SHARE_BACK, 0, 0, 0, &r), FFA_RET_DENIED);
	check("lender_features_donate",
	      (uint32_t)arch_hvc((struct ffa_value){ { FFA_FEATURES, FFA_MEM_DONATE_64 } }).x[0] ==
		  FFA_SUCCESS_32,
	      0);
	check("lender_features_no_retrieve",
	      (uint32_t)arch_hvc((struct ffa_value){ { FFA_FEATURES, FFA_MEM_RETRIEVE_REQ_32 } })
		      .x[0] == FFA_ERROR,
	      0);
}

/* The borrower powers off holding a retrieval: its end gives the page back to the lender. */
static void borrower_end(void)
{
	struct ffa_value r;
	uint64_t h = 0;

	*word(4) = PATTERN(6);
	expect("lend_last", send(FFA_MEM_LEND_32, 4, FFA_MEM_DATA_RW, BORROWER, &h), 0);
	expect("retrieve_last", asked(OP_RETRIEVE, h, 0, 0, &r), 0);
	r = ask(OP_DIE, 0, 0, 0);
	check("borrower_ended_holding_it",
	      (uint32_t)r.x[0] == FFA_ERROR && (int32_t)r.x[2] == FFA_RET_ABORTED, r.x[2]);
	expect("reclaim_after_borrowers_end", ffa_mem_reclaim(h, 0), 0);
	check("lender_has_page_back", *word(4) == PATTERN(6), *word(4));
}

static void lender(void)
{
	lend_flow();
	share_ro_flow();
	donate_flow();
	refusals();
	borrower_end();
	printk("vm_mem lender: %u checks, %u failed\n", tally.checks, tally.failures);
}

void guest_vm_mem(unsigned part)
{
	check("rxtx_map", ffa_rxtx_map(&bufs) == 0, 0);
	if (part == VM_MEM_BORROWER)
		borrower();
	else
		lender();
	arch_hvc((struct ffa_value){ { PSCI_SYSTEM_OFF } });
}
