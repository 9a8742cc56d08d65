// SPDX-License-Identifier: BSD-3-Clause
/*
 * Stage-2 table drain scenario of the test guest (GUEST_S2_DRAIN, issue 10
 * item 5): with a large window, lend one page of each 2 MiB block to TEE A and
 * reclaim it (each lend splits a block in nshyp's stage 2 for this guest), and
 * share one page of each block with TEE A, which retrieves and relinquishes it
 * (each retrieval maps a page of a new 2 MiB region in TEE A's stage 2), for
 * several rounds. Tables that were never given back used to drain both
 * hypervisors' pools: the next guest could not be built (nshyp panicked) and
 * TEEs refused retrievals. Arguments: bits 15:8 the 2 MiB blocks of the window
 * after the image's first one, bits 23:16 the rounds. It ends by sharing a page
 * of its image with TEE A, so that a small later guest shows it is served.
 */
#include <abi/ffa.h>
#include <abi/ffa_mem.h>
#include <arch/smc.h>
#include <lib/ffa_mem_client.h>
#include <lib/print.h>

#include "../../../guest/guest.h"
#include "../../../tos/tos.h"

#define TEE_A	   0x8001
#define BLOCK	   0x200000ull
#define PAGE	   0x1000ull
#define WINDOW_IPA 0x40000000ull

static uint8_t rx_buf[4096] __attribute__((aligned(4096)));
static uint8_t tx_buf[4096] __attribute__((aligned(4096)));
static uint8_t own_page[4096] __attribute__((aligned(4096)));
static const struct ffa_mem_buffers bufs = { tx_buf, rx_buf, sizeof(tx_buf) };
static ffa_id_t self;

static int32_t send_one(uint32_t fid, uint64_t addr, uint64_t *handle)
{
	struct ffa_mem_grant g = { TEE_A, FFA_MEM_DATA_RW };
	struct ffa_mem_range r = { addr, 1 };
	uint16_t attr = fid == FFA_MEM_SHARE_32 ? FFA_MEM_ATTR_NORMAL_WB_INNER : 0;

	return ffa_mem_send(fid, &bufs, self, &g, 1, &r, 1, attr, 0, 0, 0, handle);
}

/* TEE A retrieves the transaction and relinquishes it (TOS_CMD_MEM, TOS_MEM_CYCLE). */
static int32_t tee_cycle(uint64_t handle)
{
	struct ffa_value v = { { FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, TEE_A), 0, handle,
				 TOS_CMD_MEM | (uint64_t)TOS_MEM_CYCLE << 8, 0, 0, 0 } };

	v = arch_hvc(v);
	if ((uint32_t)v.x[0] != FFA_MSG_SEND_DIRECT_RESP_32)
		return -100;
	/* A product TOS has no test commands: w3 = NOT_SUPPORTED (never a square's low word). */
	if ((uint32_t)v.x[3] == (uint32_t)FFA_RET_NOT_SUPPORTED)
		return FFA_RET_NOT_SUPPORTED;
	return (int32_t)(uint32_t)v.x[6];
}

/* Lend then reclaim; share, TEE A retrieves and relinquishes, reclaim. Returns failures. */
static unsigned drain_page(uint64_t addr, unsigned *lends, unsigned *retrievals)
{
	unsigned failed = 0;
	uint64_t h;
	int32_t rc;

	rc = send_one(FFA_MEM_LEND_32, addr, &h);
	if (rc == 0 && ffa_mem_reclaim(h, 0) == 0)
		(*lends)++;
	else
		failed++;
	if (rc && failed == 1 && *lends + *retrievals < 8)
		printk("lend of 0x%lx refused: %d\n", (unsigned long)addr, (int)rc);
	rc = send_one(FFA_MEM_SHARE_32, addr, &h);
	if (rc) {
		printk("share of 0x%lx refused: %d\n", (unsigned long)addr, (int)rc);
		return failed + 1;
	}
	rc = tee_cycle(h);
	if (rc == 0)
		(*retrievals)++;
	else
		failed++;
	if (ffa_mem_reclaim(h, 0))
		failed++;
	return failed;
}

void guest_s2_drain(ffa_id_t id, unsigned arg)
{
	unsigned blocks = arg & 0xff, rounds = (arg >> 8) & 0xff, lends = 0, retrievals = 0;
	unsigned failed = 0;

	self = id;
	if (ffa_rxtx_map(&bufs)) {
		printk("s2 drain: RXTX_MAP failed\n");
		return;
	}
	for (unsigned r = 0; r < rounds; r++)
		for (unsigned b = 1; b <= blocks; b++)
			failed += drain_page(WINDOW_IPA + b * BLOCK + (r % 512) * PAGE, &lends,
					     &retrievals);
	printk("s2 drain: %u lend/reclaim cycles, %u TEE retrievals, %u failures\n", lends,
	       retrievals, failed);
	lends = retrievals = 0;
	failed = drain_page((uint64_t)(uintptr_t)own_page, &lends, &retrievals);
	printk("s2 drain: a page of the image: %u lent, %u retrieved, %u failures\n", lends,
	       retrievals, failed);
}
