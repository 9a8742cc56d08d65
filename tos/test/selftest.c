// SPDX-License-Identifier: BSD-3-Clause
/*
 * Partition-side FF-A conformance checks (TOS_CMD_SELFTEST; test variant
 * tos_test only): what the SPMC answers a secure partition for discovery,
 * RX/TX buffers and calls a partition may not make. Returns a bitmask with
 * one bit per failed check, so the guest that asked can report exactly which
 * one failed. The checks use the trusted OS's own buffer pair (ffa_bufs.c)
 * and leave it mapped as they found it: the OP-TEE server keeps using it.
 * Also the hostile-partition scenario (TOS_HOSTILE), with pages of its own.
 */
#include <arch/smc.h>
#include <lib/hostile.h>
#include <lib/print.h>
#include <stdbool.h>

#include "../ffa_bufs.h"
#include "tos_test.h"

/* Pages the hostile scenario passes to its random calls (never the real buffer pair). */
static uint8_t rx_buf[4096] __attribute__((aligned(4096)));
static uint8_t tx_buf[4096] __attribute__((aligned(4096)));

static struct ffa_value call(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a5)
{
	struct ffa_value v = { { fid, a1, a2, a3, 0, a5, 0, 0 } };
	return arch_smc(v);
}

static bool is_error(struct ffa_value r, int32_t code)
{
	return (uint32_t)r.x[0] == FFA_ERROR && (int32_t)r.x[2] == code;
}

/* Numbered checks: bit n of `failed` is set when check n failed. */
struct checks {
	const char *what;
	uint64_t failed;
	int n;
};

static void check(struct checks *c, bool ok)
{
	if (!ok) {
		c->failed |= 1ull << c->n;
		printk("%s check %d failed\n", c->what, c->n);
	}
	c->n++;
}

static bool is_success(struct ffa_value r)
{
	return (uint32_t)r.x[0] == FFA_SUCCESS_32;
}

/*
 * The buffer checks, run on the real pair (mapped when this starts): refused while mapped,
 * discovery through it, unmapped, refused mappings, and mapped again exactly as before.
 */
uint64_t tos_selftest(ffa_id_t self)
{
	const struct ffa_mem_buffers *b = tos_ffa_buffers();
	uint64_t tx = (uintptr_t)(b ? b->tx : 0), rx = (uintptr_t)(b ? b->rx : 0);
	struct checks c = { "selftest", 0, 0 };
	const struct ffa_partition_info *d = (const void *)rx;
	struct ffa_value r;

	check(&c, b != 0);
	if (!b)
		return c.failed;
	check(&c, is_error(call(FFA_RXTX_MAP_64, tx, rx, 1, 0), FFA_RET_DENIED));
	r = call(FFA_PARTITION_INFO_GET, 0, 0, 0, 0);
	check(&c, is_success(r) && r.x[2] >= 2 && r.x[3] == sizeof(*d));
	check(&c, d[0].id == 0x8001 && d[1].id == 0x8002 && d[0].exec_ctx_count == 1);
	check(&c, is_error(call(FFA_PARTITION_INFO_GET, 0, 0, 0, 0), FFA_RET_BUSY));
	check(&c, is_success(call(FFA_RX_RELEASE, 0, 0, 0, 0)));
	check(&c, is_error(call(FFA_RX_RELEASE, 0, 0, 0, 0), FFA_RET_DENIED));
	check(&c, is_error(call(FFA_PARTITION_INFO_GET, 0, 0, 0, 2), FFA_RET_INVALID_PARAMETERS));
	r = call(FFA_PARTITION_INFO_GET, 0, 0, 0, FFA_PARTITION_INFO_COUNT_ONLY);
	check(&c, is_success(r) && r.x[2] >= 2 && r.x[3] == 0);
	check(&c, is_success(call(FFA_RXTX_UNMAP, 0, 0, 0, 0)));
	check(&c, is_error(call(FFA_RXTX_UNMAP, 0, 0, 0, 0), FFA_RET_INVALID_PARAMETERS));
	check(&c, is_error(call(FFA_PARTITION_INFO_GET, 0, 0, 0, 0), FFA_RET_BUSY));
	check(&c, is_error(call(FFA_RXTX_MAP_64, tx + 8, rx, 1, 0), FFA_RET_INVALID_PARAMETERS));
	check(&c,
	      is_error(call(FFA_RXTX_MAP_64, tx, 0x0e300000, 1, 0), FFA_RET_INVALID_PARAMETERS));
	check(&c, is_error(call(FFA_RXTX_MAP_64, tx, tx, 1, 0), FFA_RET_INVALID_PARAMETERS));
	check(&c, is_error(call(FFA_RXTX_MAP_64, tx, rx, 0, 0), FFA_RET_INVALID_PARAMETERS));
	/* Mapped again: ffa_bufs.c still (rightly) believes the pair is registered. */
	check(&c, is_success(call(FFA_RXTX_MAP_64, tx, rx, 1, 0)));
	r = call(FFA_ID_GET, 0, 0, 0, 0);
	check(&c, is_success(r) && r.x[2] == self);
	check(&c, call(0x8400001f, 0, 0, 0, 0).x[0] == (uint64_t)-1);
	return c.failed;
}

/** TOS_CMD_CALL_OTHER: a direct request to the other TEE, and the identity checks on it. */
uint64_t tos_call_other(ffa_id_t self)
{
	ffa_id_t other = self == 0x8001 ? 0x8002 : 0x8001;
	struct checks c = { "call-other", 0, 0 };
	struct ffa_value r;

	r = call(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, other), 0, 5, 0);
	check(&c, (uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_RESP_32 && r.x[3] == 25 &&
		      r.x[1] == ffa_msg_ids(other, self) && r.x[4] == self);
	r = call(FFA_MSG_SEND_DIRECT_REQ_64, ffa_msg_ids(self, other), 0, 6, 0);
	check(&c, (uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_RESP_64 && r.x[3] == 36);
	check(&c, is_error(call(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(other, other), 0, 1, 0),
			   FFA_RET_INVALID_PARAMETERS)); /* claims the other's ID */
	check(&c, is_error(call(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(1, other), 0, 1, 0),
			   FFA_RET_INVALID_PARAMETERS)); /* claims a VM's ID */
	check(&c, is_error(call(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, self), 0, 1, 0),
			   FFA_RET_INVALID_PARAMETERS)); /* to itself */
	check(&c, is_error(call(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, 0x8009), 0, 1, 0),
			   FFA_RET_INVALID_PARAMETERS)); /* to no one */
	return c.failed;
}

/* Calls a partition may not issue at random: they end its own boot (tested elsewhere). */
static const uint32_t boot_enders[] = { FFA_MSG_WAIT, FFA_ERROR };

/** Hostile partition: random calls at boot; every result must be defined. */
void tos_hostile(ffa_id_t self, unsigned calls)
{
	const uint64_t addrs[] = { 0,	       (uintptr_t)rx_buf, (uintptr_t)tx_buf,	0x0e200000,
				   0x40000000, 0x09000000,	  (uintptr_t)rx_buf + 8 };
	struct hostile h = { .state = 0xd1b54a32d192ed03ull ^ self,
			     .exclude = boot_enders,
			     .exclude_count = 2,
			     .addrs = addrs,
			     .addr_count = sizeof(addrs) / sizeof(addrs[0]),
			     .use_hvc = true,
			     .self = self };
	unsigned undefined = hostile_run(&h, calls, 0, 0);

	/* Leave no buffers behind from the random calls. */
	call(FFA_RXTX_UNMAP, 0, 0, 0, 0);
	printk("HOSTILE calls=%u undefined=%u\n", calls, undefined);
}
