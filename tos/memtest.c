// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test command TOS_CMD_MEM (tos.h): a guest (or the other TEE) drives this
 * trusted OS through FF-A memory retrieval, so that the system tests can
 * check what really reaches the partition: retrieve a handle, write or read
 * the pages, hold them, relinquish, try to write a read-only share (the
 * partition must fault and be aborted, nothing else), and lend its own
 * memory to the other TEE. The request's layout is in tos.h.
 */
#include <abi/ffa_mem.h>
#include <arch/smc.h>
#include <lib/ffa_mem_client.h>
#include <lib/print.h>

#include "ffa_bufs.h"
#include "tos.h"

/* A page of this partition's own memory to lend to the other TEE. */
static uint8_t lend_page[4096] __attribute__((aligned(4096)));

/* Pages lent one per transaction to fill the SPMC's tables (TOS_MEM_LEND_MANY). */
#define MANY_PAGES 8
static uint8_t many_pages[MANY_PAGES][4096] __attribute__((aligned(4096)));
static uint64_t many_handles[MANY_PAGES];
static unsigned many_count;

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

static int32_t retrieve(const struct ffa_mem_buffers *b, ffa_id_t self, ffa_id_t lender,
			uint64_t handle, uint8_t perms, struct ffa_mem_retrieved *r)
{
	return ffa_mem_retrieve(b, self, lender, handle, perms, 0, r);
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
	    (struct ffa_value){ { FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, other), 0, handle,
				  TOS_CMD_MEM | TOS_MEM_RW_WRITE << 8 | (uint64_t)pattern << 32 } };
	r = arch_smc(req);
	fails |= (uint64_t)(r.x[0] != FFA_MSG_SEND_DIRECT_RESP_32 || r.x[6] != 0) << 1;
	fails |= (uint64_t)(ffa_mem_reclaim(handle, 0) != 0) << 2;
	fails |= (uint64_t)(*(volatile uint64_t *)lend_page != pattern) << 3;
	fails |= (uint64_t)(lend_page[8] != 0) << 4;
	fails |= (uint64_t)(ffa_mem_reclaim(handle, 0) != FFA_RET_INVALID_PARAMETERS) << 5;
	return fails;
}

/* Lend up to `count` pages to `other`, one transaction each; stops at the first refusal. */
static int32_t lend_many(const struct ffa_mem_buffers *b, ffa_id_t self, ffa_id_t other,
			 uint32_t count, uint64_t *lent)
{
	struct ffa_mem_grant g = { other, FFA_MEM_DATA_RW };
	int32_t rc = 0;

	while (!rc && many_count < MANY_PAGES && many_count < count) {
		struct ffa_mem_range range = { (uintptr_t)many_pages[many_count], 1 };

		rc = ffa_mem_send(FFA_MEM_LEND_32, b, self, &g, 1, &range, 1, 0, 0, 0, 0,
				  &many_handles[many_count]);
		if (!rc)
			many_count++;
	}
	*lent = many_count;
	return rc;
}

static uint64_t reclaim_many(void)
{
	uint64_t n = 0;

	while (many_count)
		n += ffa_mem_reclaim(many_handles[--many_count], 0) == 0;
	return n;
}

void tos_mem_command(ffa_id_t self, ffa_id_t sender, struct ffa_value *m, uint32_t pattern,
		     uint64_t handle, unsigned op, ffa_id_t lender)
{
	const struct ffa_mem_buffers *b = tos_ffa_buffers();
	struct ffa_mem_retrieved r;
	int32_t rc = 0;

	if (!b) {
		m->x[6] = (uint32_t)FFA_RET_DENIED;
		return;
	}
	if (!lender)
		lender = sender;
	switch (op) {
	case TOS_MEM_RW_WRITE:
	case TOS_MEM_WRITE_ZERO:
		rc = retrieve(b, self, lender, handle, FFA_MEM_DATA_RW, &r);
		if (!rc) {
			write_pages(&r, pattern);
			m->x[7] = *first_word(&r, 0);
			rc = ffa_mem_relinquish(b, self, handle,
						op == TOS_MEM_WRITE_ZERO ? FFA_MEM_RELINQUISH_ZERO
									 : 0);
		}
		break;
	case TOS_MEM_READ:
	case TOS_MEM_HOLD_READ:
		rc = retrieve(b, self, lender, handle, FFA_MEM_DATA_RO, &r);
		if (!rc) {
			m->x[7] = *first_word(&r, 0);
			if (op == TOS_MEM_READ)
				rc = ffa_mem_relinquish(b, self, handle, 0);
		}
		break;
	case TOS_MEM_RO_WRITE:
		rc = retrieve(b, self, lender, handle, FFA_MEM_DATA_RO, &r);
		if (!rc) {
			printk(
			    "test: writing a read-only share (this partition must be aborted)\n");
			*first_word(&r, 0) = pattern;
			printk("wrote a read-only share (isolation failed!)\n");
		}
		break;
	case TOS_MEM_HOLD:
		rc = retrieve(b, self, lender, handle, FFA_MEM_DATA_NOT_SPECIFIED, &r);
		break;
	case TOS_MEM_RELEASE:
		rc = ffa_mem_relinquish(b, self, handle, 0);
		break;
	case TOS_MEM_CYCLE:
		rc = retrieve(b, self, lender, handle, FFA_MEM_DATA_NOT_SPECIFIED, &r);
		if (!rc)
			rc = ffa_mem_relinquish(b, self, handle, 0);
		break;
	case TOS_MEM_LEND_MANY:
		rc = lend_many(b, self, (ffa_id_t)handle, pattern, &m->x[7]);
		break;
	case TOS_MEM_RECLAIM_ALL:
		m->x[7] = reclaim_many();
		break;
	case TOS_MEM_LEND_TO_OTHER:
		m->x[7] = lend_to_other(b, self, (ffa_id_t)handle, pattern);
		break;
	default:
		rc = FFA_RET_INVALID_PARAMETERS;
		break;
	}
	m->x[6] = (uint32_t)rc;
}
