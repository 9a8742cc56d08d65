// SPDX-License-Identifier: BSD-3-Clause
/*
 * Partition-side FF-A conformance checks (TOS_CMD_SELFTEST): what the SPMC
 * answers a secure partition for discovery, RX/TX buffers and calls a
 * partition may not make. Returns a bitmask with one bit per failed check,
 * so the guest that asked can report exactly which one failed.
 */
#include <arch/smc.h>
#include <stdbool.h>
#include <lib/print.h>

#include "tos.h"

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

static bool is_success(struct ffa_value r)
{
	return (uint32_t)r.x[0] == FFA_SUCCESS_32;
}

uint64_t tos_selftest(ffa_id_t self)
{
	uint64_t tx = (uintptr_t)tx_buf, rx = (uintptr_t)rx_buf, failed = 0;
	const struct ffa_partition_info *d = (const void *)rx_buf;
	struct ffa_value r;
	int bit = 0;

#define CHECK(cond)                                                                                \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			failed |= 1ull << bit;                                                     \
			printk("selftest check %d failed\n", bit);                                 \
		}                                                                                  \
		bit++;                                                                             \
	} while (0)

	CHECK(is_error(call(FFA_PARTITION_INFO_GET, 0, 0, 0, 0), FFA_RET_BUSY));
	CHECK(is_error(call(FFA_RXTX_MAP_64, tx + 8, rx, 1, 0), FFA_RET_INVALID_PARAMETERS));
	CHECK(is_error(call(FFA_RXTX_MAP_64, tx, 0x0e300000, 1, 0), FFA_RET_INVALID_PARAMETERS));
	CHECK(is_error(call(FFA_RXTX_MAP_64, tx, tx, 1, 0), FFA_RET_INVALID_PARAMETERS));
	CHECK(is_error(call(FFA_RXTX_MAP_64, tx, rx, 0, 0), FFA_RET_INVALID_PARAMETERS));
	CHECK(is_success(call(FFA_RXTX_MAP_64, tx, rx, 1, 0)));
	CHECK(is_error(call(FFA_RXTX_MAP_64, tx, rx, 1, 0), FFA_RET_DENIED));
	r = call(FFA_PARTITION_INFO_GET, 0, 0, 0, 0);
	CHECK(is_success(r) && r.x[2] >= 2 && r.x[3] == sizeof(*d));
	CHECK(d[0].id == 0x8001 && d[1].id == 0x8002 && d[0].exec_ctx_count == 1);
	CHECK(is_error(call(FFA_PARTITION_INFO_GET, 0, 0, 0, 0), FFA_RET_BUSY));
	CHECK(is_success(call(FFA_RX_RELEASE, 0, 0, 0, 0)));
	CHECK(is_error(call(FFA_RX_RELEASE, 0, 0, 0, 0), FFA_RET_DENIED));
	CHECK(is_error(call(FFA_PARTITION_INFO_GET, 0, 0, 0, 2), FFA_RET_INVALID_PARAMETERS));
	r = call(FFA_PARTITION_INFO_GET, 0, 0, 0, FFA_PARTITION_INFO_COUNT_ONLY);
	CHECK(is_success(r) && r.x[2] >= 2 && r.x[3] == 0);
	CHECK(is_success(call(FFA_RXTX_UNMAP, 0, 0, 0, 0)));
	CHECK(is_error(call(FFA_RXTX_UNMAP, 0, 0, 0, 0), FFA_RET_INVALID_PARAMETERS));
	r = call(FFA_ID_GET, 0, 0, 0, 0);
	CHECK(is_success(r) && r.x[2] == self);
	CHECK(is_error(call(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, 0x8002), 0, 0, 0),
		       FFA_RET_NOT_SUPPORTED));
	CHECK(call(0x8400001f, 0, 0, 0, 0).x[0] == (uint64_t)-1);
#undef CHECK
	return failed;
}
