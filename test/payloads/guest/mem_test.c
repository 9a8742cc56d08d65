// SPDX-License-Identifier: BSD-3-Clause
/*
 * FF-A memory management conformance scenario of the test guest
 * (GUEST_MEM): every memory ABI a guest can reach, on its success path and
 * its error paths, through nshyp and the SPMC, with the trusted OS's
 * TOS_CMD_MEM test command (tos/memtest.c) on the borrowing side: a TEE
 * writes into memory the guest shared and the guest reads it back, a
 * multi-borrower share, fragments, the limits filled and released, a TEE
 * lending to the other TEE, what an endpoint gets when it touches memory it
 * does not own (a synchronous external abort at its EL1, injected by its
 * hypervisor, caught with a fault probe: the access never happens), and
 * finally a TEE writing a read-only share without a probe (its trusted OS
 * ends itself and is aborted; the guest reclaims its page and the other TEE
 * serves on).
 * Prints "CHECK mem_<name>: PASS/FAIL" for each, then a summary line.
 */
#include <abi/ffa.h>
#include <abi/ffa_mem.h>
#include <arch/smc.h>
#include <lib/ffa_mem_client.h>
#include <lib/print.h>
#include <lib/string.h>
#include <payload/fault_probe.h>

#include "../../../guest/guest.h"
#include "../../../tos/tos.h"
#include "tally.h"

#define TEE_A	     0x8001
#define TEE_B	     0x8002
#define POOL_PAGES   24
#define LENDER_LIMIT 8 /* MEM_QUOTA_PER_CLIENT in the SPMC */

static uint8_t rx_buf[4096] __attribute__((aligned(4096)));
static uint8_t tx_buf[4096] __attribute__((aligned(4096)));
static uint8_t pool[POOL_PAGES][4096] __attribute__((aligned(4096)));
static const struct ffa_mem_buffers bufs = { tx_buf, rx_buf, sizeof(tx_buf) };
static struct tally tally = { .prefix = "mem_" };
static ffa_id_t self;

static void check(const char *name, bool ok, int64_t got)
{
	tally_check(&tally, name, ok, (uint64_t)got);
}

static void expect_rc(const char *name, int32_t rc, int32_t want)
{
	check(name, rc == want, rc);
}

static struct ffa_value call(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4)
{
	struct ffa_value v = { { fid, a1, a2, a3, a4, 0, 0, 0 } };

	return arch_hvc(v);
}

static int32_t result(struct ffa_value r)
{
	if ((uint32_t)r.x[0] == FFA_SUCCESS_32)
		return 0;
	return (uint32_t)r.x[0] == FFA_ERROR ? (int32_t)r.x[2] : FFA_RET_ABORTED;
}

static uint64_t addr(unsigned page)
{
	return (uintptr_t)pool[page];
}

static int32_t share(uint32_t fid, ffa_id_t to, uint8_t perms, unsigned page, uint32_t flags,
		     uint64_t *handle)
{
	struct ffa_mem_grant g = { to, perms };
	struct ffa_mem_range r = { addr(page), 1 };
	uint16_t attr = fid == FFA_MEM_SHARE_32 ? FFA_MEM_ATTR_NORMAL_WB_INNER : 0;

	return ffa_mem_send(fid, &bufs, self, &g, 1, &r, 1, attr, flags, 0, 0, handle);
}

/* A raw descriptor (built, then possibly broken by the caller) sent as one fragment. */
static uint32_t build(uint8_t *d, ffa_id_t sender, const struct ffa_mem_grant *g, uint32_t ng,
		      const struct ffa_mem_range *r, uint32_t nr)
{
	return ffa_mem_desc_build(d, 4096, sender, g, ng, r, nr, FFA_MEM_ATTR_NORMAL_WB_INNER, 0,
				  0);
}

static int32_t send_raw(const uint8_t *d, uint32_t total, uint32_t frag)
{
	memcpy(tx_buf, d, frag);
	return result(call(FFA_MEM_SHARE_32, total, frag, 0, 0));
}

/*
 * TOS_CMD_MEM to `tee` (a _64 request: the pattern is in w4[63:32]): returns the TEE's status
 * (w6); *value gets w7.
 */
static int32_t tee_mem(ffa_id_t tee, uint64_t handle, unsigned op, ffa_id_t lender,
		       uint32_t pattern, uint64_t *value)
{
	struct ffa_value r =
	    call(FFA_MSG_SEND_DIRECT_REQ_64, ffa_msg_ids(self, tee), 0, handle,
		 TOS_CMD_MEM | op << 8 | (uint64_t)lender << 16 | (uint64_t)pattern << 32);

	if ((uint32_t)r.x[0] == FFA_ERROR)
		return (int32_t)r.x[2] == FFA_RET_ABORTED ? -100 : -101;
	if ((uint32_t)r.x[0] != FFA_MSG_SEND_DIRECT_RESP_64)
		return -102;
	if (value)
		*value = r.x[7];
	return (int32_t)(uint32_t)r.x[6];
}

static uint64_t word(unsigned page)
{
	return *(volatile uint64_t *)pool[page];
}

static void set_word(unsigned page, uint64_t v)
{
	*(volatile uint64_t *)pool[page] = v;
}

/* ---- refused requests: each gets the spec's error and changes nothing ------------------- */

static void refused_descriptors(bool bound_to_b)
{
	static uint8_t d[4096];
	struct ffa_mem_grant a = { TEE_A, FFA_MEM_DATA_RW };
	struct ffa_mem_range one = { addr(0), 1 };
	struct ffa_mem_range overlap[2] = { { addr(0), 2 }, { addr(1), 1 } };
	struct ffa_mem_range dup[2] = { { addr(0), 1 }, { addr(0), 1 } };
	struct ffa_mem_range many[17];
	struct ffa_mem_grant five[5] = {
		{ TEE_A, 2 }, { TEE_B, 2 }, { 0x8003, 2 }, { 0x8004, 2 }, { 0x8005, 2 }
	};
	struct ffa_mem_range huge = { addr(0), 1025 };
	struct ffa_mem_range secure = { 0x0e100000, 1 }, other_guest = { 0x40600000, 1 };
	struct ffa_mem_range uart = { 0x09000000, 1 };
	uint32_t len;
	uint64_t h;

	len = build(d, self, &a, 1, &secure, 1);
	expect_rc("share_secure_ram", send_raw(d, len, len), FFA_RET_DENIED);
	len = build(d, self, &a, 1, &other_guest, 1);
	expect_rc("share_not_own_memory", send_raw(d, len, len), FFA_RET_DENIED);
	len = build(d, self, &a, 1, &uart, 1);
	expect_rc("share_device", send_raw(d, len, len), FFA_RET_DENIED);
	len = build(d, self, &a, 1, overlap, 2);
	expect_rc("share_overlapping", send_raw(d, len, len), FFA_RET_INVALID_PARAMETERS);
	len = build(d, self, &a, 1, dup, 2);
	expect_rc("share_duplicate", send_raw(d, len, len), FFA_RET_INVALID_PARAMETERS);
	len = build(d, (ffa_id_t)(self + 1), &a, 1, &one, 1);
	expect_rc("share_other_sender", send_raw(d, len, len), FFA_RET_DENIED);
	len = build(d, self, &a, 1, &one, 1);
	expect_rc("share_fragment_over_total", send_raw(d, len, len + 16),
		  FFA_RET_INVALID_PARAMETERS);
	expect_rc("share_total_too_big", result(call(FFA_MEM_SHARE_32, 8192, len, 0, 0)),
		  FFA_RET_NO_MEMORY);
	expect_rc("share_missing_constituent", send_raw(d, len - 16, len - 16),
		  FFA_RET_INVALID_PARAMETERS);
	d[48 + 16] ^= 1; /* composite page count no longer the sum of the constituents */
	expect_rc("share_page_count_lies", send_raw(d, len, len), FFA_RET_INVALID_PARAMETERS);
	len = build(d, self, &a, 1, &one, 1);
	d[32] = 0xf0; /* access descriptors "at" offset 240: past the end */
	expect_rc("share_offset_past_end", send_raw(d, len, len), FFA_RET_INVALID_PARAMETERS);
	for (unsigned i = 0; i < 17; i++)
		many[i] = (struct ffa_mem_range){ addr(i), 1 };
	len = build(d, self, &a, 1, many, 17);
	expect_rc("share_too_many_ranges", send_raw(d, len, len), FFA_RET_NO_MEMORY);
	len = build(d, self, five, 5, &one, 1);
	expect_rc("share_too_many_borrowers", send_raw(d, len, len), FFA_RET_NO_MEMORY);
	len = build(d, self, &a, 1, &huge, 1);
	expect_rc("share_too_many_pages", send_raw(d, len, len), FFA_RET_NO_MEMORY);
	{
		struct ffa_mem_grant unknown = { 0x8009, FFA_MEM_DATA_RW };
		struct ffa_mem_grant vm = { (ffa_id_t)(self == 1 ? 2 : 1), FFA_MEM_DATA_RW };
		struct ffa_mem_grant b = { TEE_B, FFA_MEM_DATA_RW };

		len = build(d, self, &unknown, 1, &one, 1);
		expect_rc("share_unknown_partition", send_raw(d, len, len),
			  FFA_RET_INVALID_PARAMETERS);
		len = build(d, self, &vm, 1, &one, 1);
		expect_rc("share_with_a_vm", send_raw(d, len, len), FFA_RET_DENIED);
		if (!bound_to_b) {
			len = build(d, self, &b, 1, &one, 1);
			expect_rc("share_unbound_tee", send_raw(d, len, len), FFA_RET_DENIED);
		}
	}
	expect_rc("share_with_zero_flag", share(FFA_MEM_SHARE_32, TEE_A, 2, 0, 1, &h),
		  FFA_RET_INVALID_PARAMETERS);
	expect_rc("donate_from_guest",
		  share(FFA_MEM_DONATE_32, TEE_A, FFA_MEM_DATA_NOT_SPECIFIED, 0, 0, &h),
		  FFA_RET_DENIED);
	expect_rc("reclaim_unknown_handle", ffa_mem_reclaim(0x1234500, 0),
		  FFA_RET_INVALID_PARAMETERS);
	expect_rc("frag_tx_without_send", result(call(FFA_MEM_FRAG_TX, 1, 0, 16, 0)),
		  FFA_RET_INVALID_PARAMETERS);
	expect_rc("retrieve_by_guest", result(call(FFA_MEM_RETRIEVE_REQ_32, 64, 64, 0, 0)),
		  FFA_RET_NOT_SUPPORTED);
	expect_rc("features_share", result(call(FFA_FEATURES, FFA_MEM_SHARE_32, 0, 0, 0)), 0);
	expect_rc("features_retrieve", result(call(FFA_FEATURES, FFA_MEM_RETRIEVE_REQ_32, 0, 0, 0)),
		  FFA_RET_NOT_SUPPORTED);
}

/* ---- what works ------------------------------------------------------------------------- */

static void share_write_read_back(void)
{
	uint64_t h, v = 0;

	set_word(0, 0);
	expect_rc("share_rw", share(FFA_MEM_SHARE_32, TEE_A, FFA_MEM_DATA_RW, 0, 0, &h), 0);
	expect_rc("tee_writes_share", tee_mem(TEE_A, h, TOS_MEM_RW_WRITE, 0, 0xc0ffee01, &v), 0);
	check("guest_reads_tee_write", word(0) == 0xc0ffee01, (int64_t)word(0));
	expect_rc("share_again_same_page", share(FFA_MEM_SHARE_32, TEE_A, 2, 0, 0, &v),
		  FFA_RET_DENIED);
	expect_rc("reclaim_share", ffa_mem_reclaim(h, 0), 0);
	expect_rc("reclaim_twice", ffa_mem_reclaim(h, 0), FFA_RET_INVALID_PARAMETERS);
	expect_rc("retrieve_dead_handle", tee_mem(TEE_A, h, TOS_MEM_HOLD, 0, 5, 0),
		  FFA_RET_INVALID_PARAMETERS);
}

/*
 * A guest that negotiated FF-A v1.0 shares in the v1.0 layout (v1.0 Table 5.19: a 32-byte
 * header, a reserved word where v1.1 has ep_mem_access_size, the access descriptors right after
 * it): the v1.1 descriptor rewritten so, and TEE A writes the page through the share.
 */
static void share_in_v1_0_layout(void)
{
	static uint8_t d[4096];
	struct ffa_mem_grant g = { TEE_A, FFA_MEM_DATA_RW };
	struct ffa_mem_range r = { addr(0), 1 };
	uint32_t len = build(d, self, &g, 1, &r, 1);
	uint32_t c_off = FFA_MEM_REGION_V1_0_SIZE + 16; /* composite: after the one access */
	struct ffa_value v;
	uint64_t h, got = 0;

	const uint32_t cut = (uint32_t)sizeof(struct ffa_mem_region) - FFA_MEM_REGION_V1_0_SIZE;

	memset(d + 24, 0, 4);
	memmove(d + FFA_MEM_REGION_V1_0_SIZE, d + sizeof(struct ffa_mem_region),
		len - sizeof(struct ffa_mem_region));
	len -= cut;
	memcpy(d + FFA_MEM_REGION_V1_0_SIZE + offsetof(struct ffa_mem_access, composite_offset),
	       &c_off, sizeof(c_off));
	v = call(FFA_VERSION, FFA_VERSION_1_0, 0, 0, 0);
	check("version_1_0_negotiated", (uint32_t)v.x[0] == FFA_VERSION_1_1, (int64_t)v.x[0]);
	memcpy(tx_buf, d, len);
	v = call(FFA_MEM_SHARE_32, len, len, 0, 0);
	expect_rc("share_v1_0_layout", result(v), 0);
	h = (uint32_t)v.x[2] | (uint64_t)(uint32_t)v.x[3] << 32;
	set_word(0, 0);
	if (result(v) == 0) {
		expect_rc("tee_writes_v1_0_share",
			  tee_mem(TEE_A, h, TOS_MEM_RW_WRITE, 0, 0xc0ffee10, &got), 0);
		check("guest_reads_v1_0_share", word(0) == 0xc0ffee10, (int64_t)word(0));
		expect_rc("reclaim_v1_0_share", ffa_mem_reclaim(h, 0), 0);
	}
	/* The v1.1 layout from a v1.0 caller is not its layout. */
	len = build(tx_buf, self, &g, 1, &r, 1);
	expect_rc("v1_1_layout_from_v1_0_refused", result(call(FFA_MEM_SHARE_32, len, len, 0, 0)),
		  FFA_RET_INVALID_PARAMETERS);
	v = call(FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0);
	check("version_1_1_again", (uint32_t)v.x[0] == FFA_VERSION_1_1, (int64_t)v.x[0]);
}

/*
 * While page `page` is lent, its lender's EL1 gets a synchronous external abort at the page's
 * address for a read (which gives nothing), a write and a fetch (nshyp injects it).
 */
static void lender_probes(unsigned page)
{
	struct fault_probe f;
	uint64_t v = fault_probe_load(addr(page), 0x5e5e, &f);

	check("lender_read_gets_abort",
	      fault_probe_is_sea(&f, FAULT_EC_DABT_SAME, addr(page), false), (int64_t)f.esr);
	check("lender_read_gets_nothing", v == 0x5e5e, (int64_t)v);
	fault_probe_store(addr(page), 0xbad, &f);
	check("lender_write_gets_abort",
	      fault_probe_is_sea(&f, FAULT_EC_DABT_SAME, addr(page), true), (int64_t)f.esr);
	fault_probe_exec(addr(page), &f);
	check("lender_exec_gets_abort",
	      fault_probe_is_sea(&f, FAULT_EC_IABT_SAME, addr(page), false), (int64_t)f.esr);
}

/* The borrower's side (TOS_MEM_FAULT_PROBES): write a read-only share, the byte past it, and
 * the page after relinquishing it; each an abort at the TEE's S-EL1, the page unchanged. */
static void borrower_probes(void)
{
	uint64_t h, fails = 0xff;

	set_word(3, 0x7777);
	expect_rc("share_ro_for_probes", share(FFA_MEM_SHARE_32, TEE_A, FFA_MEM_DATA_RO, 3, 0, &h),
		  0);
	expect_rc("tee_fault_probes", tee_mem(TEE_A, h, TOS_MEM_FAULT_PROBES, 0, 0xbad, &fails), 0);
	check("tee_ro_write_gets_abort", !(fails & 1), (int64_t)fails);
	check("tee_past_share_gets_abort", !(fails & 2), (int64_t)fails);
	check("tee_relinquishes_after_probes", !(fails & 4), (int64_t)fails);
	check("tee_after_relinquish_gets_abort", !(fails & 8), (int64_t)fails);
	check("ro_share_unchanged_by_probe", word(3) == 0x7777, (int64_t)word(3));
	expect_rc("reclaim_after_probes", ffa_mem_reclaim(h, 0), 0);
}

static void lend_and_zero(void)
{
	struct fault_probe f;
	uint64_t h, v = 0xdead; /* a TEE that answers nothing must not pass the checks */

	set_word(1, 0x1111);
	expect_rc("lend", share(FFA_MEM_LEND_32, TEE_A, FFA_MEM_DATA_RW, 1, 0, &h), 0);
	expect_rc("tee_reads_lent", tee_mem(TEE_A, h, TOS_MEM_READ, 0, 5, &v), 0);
	check("tee_saw_guest_data", v == 0x1111, (int64_t)v);
	expect_rc("tee_writes_lent", tee_mem(TEE_A, h, TOS_MEM_RW_WRITE, 0, 0x2222, 0), 0);
	lender_probes(1);
	expect_rc("reclaim_lend", ffa_mem_reclaim(h, 0), 0);
	/* The TEE's data, not the probe's write (which never happened). */
	check("lent_page_back_with_tee_data", word(1) == 0x2222, (int64_t)word(1));
	check("reclaimed_page_no_abort", fault_probe_load(addr(1), 0, &f) == 0x2222 && !f.esr,
	      (int64_t)f.esr);

	set_word(2, 0x3333);
	expect_rc("lend_zeroed", share(FFA_MEM_LEND_32, TEE_A, FFA_MEM_DATA_RW, 2, 1, &h), 0);
	expect_rc("tee_reads_zeroed", tee_mem(TEE_A, h, TOS_MEM_READ, 0, 5, &v), 0);
	check("lend_was_zeroed", v == 0, (int64_t)v);
	expect_rc("reclaim_zeroed", ffa_mem_reclaim(h, 0), 0);
	check("zeroed_page_back", word(2) == 0, (int64_t)word(2));

	expect_rc("lend_for_zero_reclaim", share(FFA_MEM_LEND_32, TEE_A, 2, 2, 0, &h), 0);
	expect_rc("tee_writes_before_reclaim", tee_mem(TEE_A, h, TOS_MEM_RW_WRITE, 0, 0x44, 0), 0);
	expect_rc("reclaim_with_zero", ffa_mem_reclaim(h, FFA_MEM_RECLAIM_ZERO), 0);
	check("reclaim_zeroed_page", word(2) == 0, (int64_t)word(2));

	set_word(2, 0x55);
	expect_rc("lend_for_zero_relinquish", share(FFA_MEM_LEND_32, TEE_A, 2, 2, 0, &h), 0);
	expect_rc("tee_relinquishes_zeroing", tee_mem(TEE_A, h, TOS_MEM_WRITE_ZERO, 0, 0x66, 0), 0);
	expect_rc("reclaim_after_zero_relinquish", ffa_mem_reclaim(h, 0), 0);
	check("relinquish_zeroed_page", word(2) == 0, (int64_t)word(2));

	expect_rc("share_for_zero_refusals", share(FFA_MEM_SHARE_32, TEE_A, 2, 2, 0, &h), 0);
	expect_rc("relinquish_zero_of_share", tee_mem(TEE_A, h, TOS_MEM_WRITE_ZERO, 0, 0x66, 0),
		  FFA_RET_INVALID_PARAMETERS);
	expect_rc("tee_lets_go_of_share", tee_mem(TEE_A, h, TOS_MEM_RELEASE, 0, 5, 0), 0);
	/* FF-A v1.1 §16.8 (ACS reclaim_input_error_checks): zeroing is valid for a SHARE too. */
	expect_rc("reclaim_zero_of_share", ffa_mem_reclaim(h, FFA_MEM_RECLAIM_ZERO), 0);
	check("reclaim_zero_of_share_zeroed", word(2) == 0, (int64_t)word(2));
	expect_rc("reclaim_share_gone", ffa_mem_reclaim(h, 0), FFA_RET_INVALID_PARAMETERS);
}

static void retrieve_rules(bool bound_to_b)
{
	uint64_t h, v;

	expect_rc("share_for_hold", share(FFA_MEM_SHARE_32, TEE_A, FFA_MEM_DATA_RO, 3, 0, &h), 0);
	/* The TOS takes no lender from its requester (refused before any retrieve). */
	expect_rc("retrieve_wrong_lender", tee_mem(TEE_A, h, TOS_MEM_HOLD, 7, 5, 0),
		  FFA_RET_INVALID_PARAMETERS);
	expect_rc("retrieve_rw_of_ro", tee_mem(TEE_A, h, TOS_MEM_RW_WRITE, 0, 5, 0),
		  FFA_RET_DENIED);
	if (bound_to_b)
		expect_rc("retrieve_by_non_borrower", tee_mem(TEE_B, h, TOS_MEM_HOLD, 0, 5, 0),
			  FFA_RET_DENIED);
	expect_rc("tee_holds", tee_mem(TEE_A, h, TOS_MEM_HOLD, 0, 5, 0), 0);
	expect_rc("reclaim_while_retrieved", ffa_mem_reclaim(h, 0), FFA_RET_DENIED);
	expect_rc("tee_relinquishes", tee_mem(TEE_A, h, TOS_MEM_RELEASE, 0, 5, 0), 0);
	expect_rc("double_relinquish", tee_mem(TEE_A, h, TOS_MEM_RELEASE, 0, 5, &v),
		  FFA_RET_INVALID_PARAMETERS);
	expect_rc("reclaim_after_relinquish", ffa_mem_reclaim(h, 0), 0);
}

static void multi_borrower(void)
{
	struct ffa_mem_grant g[2] = { { TEE_A, FFA_MEM_DATA_RW }, { TEE_B, FFA_MEM_DATA_RO } };
	struct ffa_mem_range r = { addr(4), 1 };
	uint64_t h, v = 0xdead;

	expect_rc("share_two_borrowers",
		  ffa_mem_send(FFA_MEM_SHARE_32, &bufs, self, g, 2, &r, 1,
			       FFA_MEM_ATTR_NORMAL_WB_INNER, 0, 0, 0, &h),
		  0);
	expect_rc("borrower_a_writes", tee_mem(TEE_A, h, TOS_MEM_RW_WRITE, 0, 0xab, 0), 0);
	expect_rc("borrower_b_reads", tee_mem(TEE_B, h, TOS_MEM_READ, 0, 5, &v), 0);
	check("borrower_b_saw_a", v == 0xab, (int64_t)v);
	expect_rc("reclaim_two_borrowers", ffa_mem_reclaim(h, 0), 0);
}

static void fragments(void)
{
	struct ffa_mem_grant g = { TEE_A, FFA_MEM_DATA_RW };
	struct ffa_mem_range r[3] = { { addr(5), 1 }, { addr(7), 2 }, { addr(10), 1 } };
	uint64_t h;

	/* 48 + 16 + 16 + 3 * 16 = 128 bytes in fragments of 40, 40, 40 and 8. */
	expect_rc("share_in_fragments",
		  ffa_mem_send(FFA_MEM_SHARE_32, &bufs, self, &g, 1, r, 3,
			       FFA_MEM_ATTR_NORMAL_WB_INNER, 0, 0, 40, &h),
		  0);
	expect_rc("tee_writes_fragmented", tee_mem(TEE_A, h, TOS_MEM_RW_WRITE, 0, 0x77, 0), 0);
	check("fragmented_pages_written",
	      word(5) == 0x77 && word(7) == 0x77 && word(8) == 0x77 && word(10) == 0x77,
	      (int64_t)word(8));
	expect_rc("reclaim_fragmented", ffa_mem_reclaim(h, 0), 0);
}

/* Fill the per-lender limit, overflow it, release everything, and start again. */
static void limits(void)
{
	uint64_t h[LENDER_LIMIT + 1];
	unsigned ok = 0, freed = 0;

	for (unsigned i = 0; i < LENDER_LIMIT; i++)
		ok += share(FFA_MEM_SHARE_32, TEE_A, FFA_MEM_DATA_RW, 12 + i, 0, &h[i]) == 0;
	check("fill_to_limit", ok == LENDER_LIMIT, ok);
	expect_rc("over_limit", share(FFA_MEM_SHARE_32, TEE_A, 2, 12 + LENDER_LIMIT, 0, &h[8]),
		  FFA_RET_NO_MEMORY);
	for (unsigned i = 0; i < LENDER_LIMIT; i++)
		freed += ffa_mem_reclaim(h[i], 0) == 0;
	check("release_all", freed == LENDER_LIMIT, freed);
	ok = 0;
	for (unsigned i = 0; i < LENDER_LIMIT; i++)
		ok += share(FFA_MEM_SHARE_32, TEE_A, FFA_MEM_DATA_RW, 12 + i, 0, &h[i]) == 0;
	freed = 0;
	for (unsigned i = 0; i < LENDER_LIMIT; i++)
		freed += ffa_mem_reclaim(h[i], 0) == 0;
	check("fill_and_release_again", ok == LENDER_LIMIT && freed == LENDER_LIMIT, ok);
}

/*
 * Each TEE lends the other 8 pages (its whole reservation) and keeps them lent: the guest's
 * share still succeeds (its own reservation is untouched; before reservations, this filled
 * the shared 16-entry table). Everything is released: the system ends as it started.
 */
static void fill_spmc_table(void)
{
	uint64_t n = 0, h;

	expect_rc("tee_a_lends_8", tee_mem(TEE_A, TEE_B, TOS_MEM_LEND_MANY, 0, 8, &n), 0);
	check("tee_a_lent_8", n == 8, (int64_t)n);
	expect_rc("tee_b_lends_8", tee_mem(TEE_B, TEE_A, TOS_MEM_LEND_MANY, 0, 8, &n), 0);
	check("tee_b_lent_8", n == 8, (int64_t)n);
	expect_rc("share_while_tees_at_quota", share(FFA_MEM_SHARE_32, TEE_A, 2, 0, 0, &h), 0);
	expect_rc("reclaim_while_tees_at_quota", ffa_mem_reclaim(h, 0), 0);
	expect_rc("tee_a_reclaims", tee_mem(TEE_A, 4, TOS_MEM_RECLAIM_ALL, 0, 5, &n), 0);
	check("tee_a_reclaimed_8", n == 8, (int64_t)n);
	expect_rc("tee_b_reclaims", tee_mem(TEE_B, 4, TOS_MEM_RECLAIM_ALL, 0, 5, &n), 0);
	check("tee_b_reclaimed_8", n == 8, (int64_t)n);
	expect_rc("share_after_table_emptied", share(FFA_MEM_SHARE_32, TEE_A, 2, 0, 0, &h), 0);
	expect_rc("reclaim_after_table_emptied", ffa_mem_reclaim(h, 0), 0);
}

/* TEE A lends its own page to TEE B, which writes it; A reclaims and checks (TEE to TEE). */
static void tee_to_tee(void)
{
	uint64_t fails = 0xff;

	expect_rc("tee_lends_to_tee", tee_mem(TEE_A, TEE_B, TOS_MEM_LEND_TO_OTHER, 0, 0x99, &fails),
		  0);
	check("tee_to_tee_checks", fails == 0, (int64_t)fails);
}

/* Last: the borrower that writes a read-only share faults and is aborted; nothing else. */
static void read_only_write_faults(ffa_id_t victim, ffa_id_t survivor)
{
	uint64_t h;
	struct ffa_value r;

	expect_rc("share_ro_for_fault", share(FFA_MEM_SHARE_32, victim, FFA_MEM_DATA_RO, 11, 0, &h),
		  0);
	expect_rc("tee_writing_ro_aborted", tee_mem(victim, h, TOS_MEM_RO_WRITE, 0, 0xbad, 0),
		  -100);
	check("ro_page_unchanged", word(11) != 0xbad, (int64_t)word(11));
	expect_rc("reclaim_from_aborted_tee", ffa_mem_reclaim(h, 0), 0);
	expect_rc("aborted_tee_refuses", tee_mem(victim, 4, TOS_MEM_RELEASE, 0, 5, 0), -100);
	r = call(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, survivor), 0, 9, 0);
	check("other_tee_serves_on",
	      (uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_RESP_32 && r.x[3] == 81, (int64_t)r.x[0]);
}

/*
 * Last, for a guest that ends here: TEE A keeps a retrieval of our share (HOLD) and we power off
 * without asking it back. The retrieval belongs to us, so the "VM destroyed" message makes the
 * TEE relinquish it and nshyp can reclaim the share (test_mem.py: 0 transactions left).
 */
static void hold_left_for_vm_destroyed(void)
{
	uint64_t h;

	expect_rc("share_left_held", share(FFA_MEM_SHARE_32, TEE_A, FFA_MEM_DATA_RO, 3, 0, &h), 0);
	expect_rc("tee_holds_at_power_off", tee_mem(TEE_A, h, TOS_MEM_HOLD, 0, 5, 0), 0);
	expect_rc("held_at_power_off", ffa_mem_reclaim(h, 0), FFA_RET_DENIED);
}

/* `arg` bit 8: this guest may call TEE B as well as TEE A. */
void guest_mem_test(ffa_id_t id, unsigned arg)
{
	bool bound_to_b = arg & 1;
	uint64_t h;

	self = id;
	expect_rc("share_without_buffers",
		  share(FFA_MEM_SHARE_32, TEE_A, FFA_MEM_DATA_RW, 0, 0, &h), FFA_RET_DENIED);
	expect_rc("rxtx_map", ffa_rxtx_map(&bufs), 0);
	refused_descriptors(bound_to_b);
	share_write_read_back();
	share_in_v1_0_layout();
	lend_and_zero();
	borrower_probes();
	retrieve_rules(bound_to_b);
	fragments();
	limits();
	if (bound_to_b) {
		multi_borrower();
		tee_to_tee();
		fill_spmc_table();
		read_only_write_faults(TEE_B, TEE_A);
	} else {
		hold_left_for_vm_destroyed();
	}
	printk("mem test: %u checks, %u failed\n", tally.checks, tally.failures);
}
