// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test command TOS_CMD_MEM (tos.h; test variant tos_test only): a guest (or
 * the other TEE) drives this trusted OS through FF-A memory retrieval, so
 * that the system tests can check what really reaches the partition:
 * retrieve a handle, write or read the pages, hold them, relinquish, try to
 * write a read-only share (the partition must fault and be aborted, nothing
 * else), catch the abort of each access to memory it does not own (fault
 * probes: the SPMC injects it), and lend its own memory to the other TEE. The request's layout is
 * in tos.h. Even here a requester can only reach its own transactions: the lender is always the
 * requester, every retrieval kept is recorded for it (only it may release it; tos_mem_forget()
 * releases it when it is gone), and RELEASE never touches a retrieval this file did not make (such
 * as the OP-TEE server's shared memory, shm.c).
 */
#include <abi/ffa_mem.h>
#include <arch/smc.h>
#include <lib/ffa_mem_client.h>
#include <lib/print.h>
#include <payload/fault_probe.h>

#include "../ffa_bufs.h"
#include "../tos.h"
#include "tos_test.h"

/* A page of this partition's own memory to lend to the other TEE. */
static uint8_t lend_page[4096] __attribute__((aligned(4096)));

/* Pages lent one per transaction to fill the SPMC's tables (TOS_MEM_LEND_MANY). */
#define MANY_PAGES 8
static uint8_t many_pages[MANY_PAGES][4096] __attribute__((aligned(4096)));
static uint64_t many_handles[MANY_PAGES];
static ffa_id_t many_owner[MANY_PAGES]; /* the requester each page is lent for; 0: not lent */

/* Retrievals kept after a command, each recorded for the requester that asked. */
#define MAX_HELD 24 /* mem_quota: two gone guests hold 8 each, a third works beside them */
static struct held {
	ffa_id_t client; /* 0: free */
	uint64_t handle;
} held[MAX_HELD];

static struct held *held_find(ffa_id_t client, uint64_t handle)
{
	for (unsigned i = 0; i < MAX_HELD; i++)
		if (held[i].client && held[i].client == client && held[i].handle == handle)
			return &held[i];
	return 0;
}

static struct held *held_free_slot(void)
{
	for (unsigned i = 0; i < MAX_HELD; i++)
		if (!held[i].client)
			return &held[i];
	return 0;
}

static volatile uint64_t *first_word(const struct ffa_mem_retrieved *r, uint32_t i)
{
	return (volatile uint64_t *)(uintptr_t)r->ranges[i].addr;
}

static void write_pages(const struct ffa_mem_retrieved *r, uint64_t pattern)
{
	for (uint32_t i = 0; i < r->range_count; i++)
		for (uint32_t p = 0; p < r->ranges[i].pages; p++)
			*(volatile uint64_t *)(uintptr_t)(r->ranges[i].addr + p * 4096ull) =
			    pattern;
}

/* Retrieve the requester's transaction; refused if it could not be recorded when kept. */
static int32_t retrieve(const struct ffa_mem_buffers *b, ffa_id_t self, ffa_id_t client,
			uint64_t handle, uint8_t perms, struct ffa_mem_retrieved *r)
{
	if (!held_free_slot())
		return FFA_RET_NO_MEMORY;
	return ffa_mem_retrieve(b, self, client, handle, perms, 0, r);
}

/* A retrieval that stays mapped belongs to the requester (RELEASE, tos_mem_forget). */
static void keep(ffa_id_t client, uint64_t handle)
{
	struct held *h = held_free_slot(); /* retrieve() made sure there is one */

	h->client = client;
	h->handle = handle;
}

/* Relinquish after a command; if the SPMC refuses, the retrieval stays the requester's. */
static int32_t let_go(const struct ffa_mem_buffers *b, ffa_id_t self, ffa_id_t client,
		      uint64_t handle, uint32_t flags)
{
	int32_t rc = ffa_mem_relinquish(b, self, handle, flags);

	if (rc)
		keep(client, handle);
	return rc;
}

static int32_t release(const struct ffa_mem_buffers *b, ffa_id_t self, ffa_id_t client,
		       uint64_t handle)
{
	struct held *h = held_find(client, handle);
	int32_t rc;

	if (!h)
		return FFA_RET_INVALID_PARAMETERS; /* not a retrieval kept for this requester */
	rc = ffa_mem_relinquish(b, self, handle, 0);
	if (!rc)
		h->client = 0;
	return rc;
}

/* While lend_page is lent: a read and a write get an abort (bits 0-1), the read gave nothing. */
static uint64_t lent_page_probes(void)
{
	uint64_t a = (uintptr_t)lend_page, fails = 0;
	struct fault_probe f;

	fails |= (uint64_t)(fault_probe_load(a, 0x5e5e, &f) != 0x5e5e ||
			    !fault_probe_is_sea(&f, FAULT_EC_DABT_SAME, a, false));
	fault_probe_store(a, 0xbad, &f);
	fails |= (uint64_t)!fault_probe_is_sea(&f, FAULT_EC_DABT_SAME, a, true) << 1;
	return fails;
}

/*
 * TOS_MEM_FAULT_PROBES on retrieval r (read-only, one page): a write gets an abort (WnR), the
 * byte past the share too, then after the relinquish a read of it; bit 2: the relinquish failed.
 */
static uint64_t fault_probes(const struct ffa_mem_buffers *b, ffa_id_t self, ffa_id_t client,
			     uint64_t handle, const struct ffa_mem_retrieved *r, uint32_t pattern)
{
	uint64_t a = r->ranges[0].addr, end = a + r->ranges[0].pages * 4096ull, fails = 0;
	struct fault_probe f;

	fault_probe_store(a, pattern, &f);
	fails |= (uint64_t)!fault_probe_is_sea(&f, FAULT_EC_DABT_SAME, a, true);
	fails |= (uint64_t)(fault_probe_load(end, 0x5e5e, &f) != 0x5e5e ||
			    !fault_probe_is_sea(&f, FAULT_EC_DABT_SAME, end, false))
		 << 1;
	fails |= (uint64_t)(let_go(b, self, client, handle, 0) != 0) << 2;
	fails |= (uint64_t)(fault_probe_load(a, 0x5e5e, &f) != 0x5e5e ||
			    !fault_probe_is_sea(&f, FAULT_EC_DABT_SAME, a, false))
		 << 3;
	return fails;
}

/* Lend a zeroed-on-retrieve page to `other`, have it write `pattern`, reclaim, check. */
static uint64_t lend_to_other(const struct ffa_mem_buffers *b, ffa_id_t self, ffa_id_t other,
			      uint32_t pattern)
{
	struct ffa_mem_grant g = { other, FFA_MEM_DATA_RW };
	struct ffa_mem_range range = { (uintptr_t)lend_page, 1 };
	uint64_t handle, fails = 0;
	struct ffa_value req, r;

	lend_page[8] = 0x5a; /* must read back as 0: the lend asks for zeroing */
	if (ffa_mem_send(FFA_MEM_LEND_32, b, self, &g, 1, &range, 1, 0, FFA_MEM_FLAG_ZERO, 0, 0,
			 &handle))
		return 1;
	req =
	    (struct ffa_value){ { FFA_MSG_SEND_DIRECT_REQ_64, ffa_msg_ids(self, other), 0, handle,
				  TOS_CMD_MEM | TOS_MEM_RW_WRITE << 8 | (uint64_t)pattern << 32 } };
	r = arch_smc(req);
	fails |= (uint64_t)(r.x[0] != FFA_MSG_SEND_DIRECT_RESP_64 || r.x[6] != 0) << 1;
	fails |= lent_page_probes() << 6;
	fails |= (uint64_t)(ffa_mem_reclaim(handle, 0) != 0) << 2;
	/* The other TEE's data: the write of the probe did not land. */
	fails |= (uint64_t)(*(volatile uint64_t *)lend_page != pattern) << 3;
	fails |= (uint64_t)(lend_page[8] != 0) << 4;
	fails |= (uint64_t)(ffa_mem_reclaim(handle, 0) != FFA_RET_INVALID_PARAMETERS) << 5;
	return fails;
}

static unsigned lent_count(void)
{
	unsigned n = 0;

	for (unsigned i = 0; i < MANY_PAGES; i++)
		n += many_owner[i] != 0;
	return n;
}

/* Lend pages to `other` until `count` are lent, one transaction each; stops at a refusal. */
static int32_t lend_many(const struct ffa_mem_buffers *b, ffa_id_t self, ffa_id_t client,
			 ffa_id_t other, uint32_t count, uint64_t *lent)
{
	struct ffa_mem_grant g = { other, FFA_MEM_DATA_RW };
	int32_t rc = 0;

	for (unsigned i = 0; !rc && i < MANY_PAGES && lent_count() < count; i++) {
		struct ffa_mem_range range = { (uintptr_t)many_pages[i], 1 };

		if (many_owner[i])
			continue;
		rc = ffa_mem_send(FFA_MEM_LEND_32, b, self, &g, 1, &range, 1, 0, 0, 0, 0,
				  &many_handles[i]);
		if (!rc)
			many_owner[i] = client;
	}
	*lent = lent_count();
	return rc;
}

/* Reclaim the pages lent for `client`; how many came back. */
static uint64_t reclaim_many(ffa_id_t client)
{
	uint64_t n = 0;

	for (unsigned i = 0; i < MANY_PAGES; i++) {
		if (many_owner[i] != client || ffa_mem_reclaim(many_handles[i], 0) != 0)
			continue;
		many_owner[i] = 0;
		n++;
	}
	return n;
}

unsigned tos_mem_forget(ffa_id_t self, ffa_id_t client)
{
	const struct ffa_mem_buffers *b = tos_ffa_buffers();
	unsigned n = (unsigned)reclaim_many(client);

	for (unsigned i = 0; b && i < MAX_HELD; i++) {
		if (held[i].client != client || ffa_mem_relinquish(b, self, held[i].handle, 0))
			continue;
		held[i].client = 0;
		n++;
	}
	return n;
}

/* The operations that retrieve the requester's transaction `handle` (w3). */
static int32_t retrieval_op(const struct ffa_mem_buffers *b, ffa_id_t self, ffa_id_t client,
			    struct ffa_value *m, uint32_t pattern, uint64_t handle, unsigned op)
{
	uint8_t perms =
	    (uint8_t)(op == TOS_MEM_RW_WRITE || op == TOS_MEM_WRITE_ZERO ? FFA_MEM_DATA_RW
		      : op == TOS_MEM_HOLD || op == TOS_MEM_CYCLE ? FFA_MEM_DATA_NOT_SPECIFIED
								  : FFA_MEM_DATA_RO);
	struct ffa_mem_retrieved r;
	int32_t rc = retrieve(b, self, client, handle, perms, &r);

	if (rc)
		return rc;
	switch (op) {
	case TOS_MEM_RW_WRITE:
	case TOS_MEM_WRITE_ZERO:
		write_pages(&r, pattern);
		m->x[7] = *first_word(&r, 0);
		return let_go(b, self, client, handle,
			      op == TOS_MEM_WRITE_ZERO ? FFA_MEM_RELINQUISH_ZERO : 0);
	case TOS_MEM_READ:
		m->x[7] = *first_word(&r, 0);
		return let_go(b, self, client, handle, 0);
	case TOS_MEM_HOLD_READ:
		m->x[7] = *first_word(&r, 0);
		keep(client, handle);
		return 0;
	case TOS_MEM_RO_WRITE:
		keep(client, handle);
		printk("test: writing a read-only share (this partition must be aborted)\n");
		*first_word(&r, 0) = pattern;
		printk("wrote a read-only share (isolation failed!)\n");
		return 0;
	case TOS_MEM_CYCLE:
		return let_go(b, self, client, handle, 0);
	case TOS_MEM_FAULT_PROBES:
		m->x[7] = fault_probes(b, self, client, handle, &r, pattern);
		return 0;
	default: /* TOS_MEM_HOLD */
		keep(client, handle);
		return 0;
	}
}

void tos_mem_command(ffa_id_t self, ffa_id_t sender, struct ffa_value *m, uint32_t pattern,
		     uint64_t handle, unsigned op, ffa_id_t lender)
{
	const struct ffa_mem_buffers *b = tos_ffa_buffers();
	int32_t rc;

	if (!b) {
		m->x[6] = (uint32_t)FFA_RET_DENIED;
		return;
	}
	/* Never a lender the requester names: only its own transactions (no confused deputy). */
	if (lender && lender != sender) {
		m->x[6] = (uint32_t)FFA_RET_INVALID_PARAMETERS;
		return;
	}
	switch (op) {
	case TOS_MEM_RW_WRITE:
	case TOS_MEM_WRITE_ZERO:
	case TOS_MEM_READ:
	case TOS_MEM_HOLD_READ:
	case TOS_MEM_RO_WRITE:
	case TOS_MEM_HOLD:
	case TOS_MEM_CYCLE:
	case TOS_MEM_FAULT_PROBES:
		rc = retrieval_op(b, self, sender, m, pattern, handle, op);
		break;
	case TOS_MEM_RELEASE:
		rc = release(b, self, sender, handle);
		break;
	case TOS_MEM_LEND_MANY:
		rc = lend_many(b, self, sender, (ffa_id_t)handle, pattern, &m->x[7]);
		break;
	case TOS_MEM_RECLAIM_ALL:
		m->x[7] = reclaim_many(sender);
		rc = 0;
		break;
	case TOS_MEM_LEND_TO_OTHER:
		m->x[7] = lend_to_other(b, self, (ffa_id_t)handle, pattern);
		rc = 0;
		break;
	default:
		rc = FFA_RET_INVALID_PARAMETERS;
		break;
	}
	m->x[6] = (uint32_t)rc;
}
