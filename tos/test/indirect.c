// SPDX-License-Identifier: BSD-3-Clause
/*
 * Test command TOS_CMD_SEND2 (tos.h; test variant tos_test only): this partition's side of
 * FF-A v1.1 indirect messages (DEN0077A §7.2-7.4, FFA_MSG_SEND2; docs/abi/ffa.md "Indirect
 * messages"), driven by the guest scenario GUEST_INDIRECT: send a message to an endpoint from
 * our TX, check one in our RX (header, payload, the "RX buffer full" framework notification)
 * and release it, and the SPMC's refusals of bad headers and registers. Uses the trusted OS's
 * own buffer pair (ffa_bufs.c), mapped here if it was not yet.
 */
#include <arch/smc.h>
#include <lib/string.h>

#include "../ffa_bufs.h"
#include "../tos.h"
#include "tos_test.h"

static struct ffa_value call3(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
	struct ffa_value v = { { fid, a1, a2, a3 } };

	return arch_smc(v);
}

static int32_t error_of(struct ffa_value r)
{
	return (uint32_t)r.x[0] == FFA_SUCCESS_32 ? 0
	       : (uint32_t)r.x[0] == FFA_ERROR	  ? (int32_t)r.x[2]
						  : -100;
}

/* Our TX: a header (its fields as given) and the payload at offset 20. */
static void put(const struct ffa_mem_buffers *b, uint32_t flags, uint32_t reserved, uint32_t offset,
		uint32_t ids, uint32_t size)
{
	struct ffa_msg_header h = { flags, reserved, offset, ids, size };
	uint8_t *tx = b->tx;

	memcpy(tx, &h, sizeof(h));
	for (unsigned i = 0; i < TOS_SEND2_LEN; i++)
		tx[FFA_MSG_HEADER_SIZE + i] = (uint8_t)(0x30 + i);
}

static int32_t send(const struct ffa_mem_buffers *b, ffa_id_t self, ffa_id_t to)
{
	put(b, 0, 0, FFA_MSG_HEADER_SIZE, (uint32_t)ffa_msg_ids(self, to), TOS_SEND2_LEN);
	return error_of(call3(FFA_MSG_SEND2, 0, 0, 0));
}

/* Our RX holds a message from `from`: header, payload, the notification; then released. */
static void read_msg(const struct ffa_mem_buffers *b, ffa_id_t self, ffa_id_t from,
		     struct ffa_value *resp)
{
	struct ffa_msg_header h;
	const uint8_t *rx = b->rx;
	struct ffa_value g;
	uint64_t failed = 0;

	memcpy(&h, rx, sizeof(h));
	if (h.flags || h.reserved || h.offset != FFA_MSG_HEADER_SIZE ||
	    h.ids != ffa_msg_ids(from, self) || h.size != TOS_SEND2_LEN)
		failed |= 1;
	for (unsigned i = 0; i < TOS_SEND2_LEN; i++)
		if (rx[FFA_MSG_HEADER_SIZE + i] != (uint8_t)(0x30 + i))
			failed |= 2;
	if (error_of(call3(FFA_RX_RELEASE, 0, 0, 0)))
		failed |= 4;
	g = call3(FFA_NOTIFICATION_GET, self, FFA_NOTIF_GET_SPM | FFA_NOTIF_GET_HYP, 0);
	if ((uint32_t)g.x[0] != FFA_SUCCESS_32)
		failed |= 8;
	resp->x[6] = failed;
	resp->x[7] = (g.x[6] & 0xff) | (g.x[7] & 0xff) << 8;
}

/* Each bad header or register gets INVALID_PARAMETERS, and nothing reaches `to`. */
static uint64_t refusals(const struct ffa_mem_buffers *b, ffa_id_t self, ffa_id_t to)
{
	const uint32_t ids = (uint32_t)ffa_msg_ids(self, to);
	const struct {
		uint32_t flags, reserved, offset, ids, size;
	} bad[] = {
		{ 1, 0, FFA_MSG_HEADER_SIZE, ids, TOS_SEND2_LEN },		 /* flags MBZ */
		{ 0, 1, FFA_MSG_HEADER_SIZE, ids, TOS_SEND2_LEN },		 /* reserved MBZ */
		{ 0, 0, FFA_MSG_HEADER_SIZE - 1, ids, TOS_SEND2_LEN },		 /* in the header */
		{ 0, 0, FFA_MSG_HEADER_SIZE, ids, 4096 },			 /* past the TX */
		{ 0, 0, 0xfffffff0u, ids, 0x20 },				 /* wraps 32 bits */
		{ 0, 0, FFA_MSG_HEADER_SIZE, (uint32_t)ffa_msg_ids(to, to), 1 }, /* spoofed */
		{ 0, 0, FFA_MSG_HEADER_SIZE, (uint32_t)ffa_msg_ids(1, to), 1 },	 /* a VM's ID */
		{ 0, 0, FFA_MSG_HEADER_SIZE, (uint32_t)ffa_msg_ids(self, self), 1 },   /* itself */
		{ 0, 0, FFA_MSG_HEADER_SIZE, (uint32_t)ffa_msg_ids(self, 0x8009), 1 }, /* nobody */
	};
	uint64_t failed = 0;
	unsigned n;

	for (n = 0; n < sizeof(bad) / sizeof(bad[0]); n++) {
		put(b, bad[n].flags, bad[n].reserved, bad[n].offset, bad[n].ids, bad[n].size);
		if (error_of(call3(FFA_MSG_SEND2, 0, 0, 0)) != FFA_RET_INVALID_PARAMETERS)
			failed |= 1ull << n;
	}
	/* Registers: w1 (a sender VM only a hypervisor gives), w2 bit 0 (MBZ). */
	put(b, 0, 0, FFA_MSG_HEADER_SIZE, ids, TOS_SEND2_LEN);
	if (error_of(call3(FFA_MSG_SEND2, 1u << 16, 0, 0)) != FFA_RET_INVALID_PARAMETERS)
		failed |= 1ull << n;
	n++;
	if (error_of(call3(FFA_MSG_SEND2, 0, 1, 0)) != FFA_RET_INVALID_PARAMETERS)
		failed |= 1ull << n;
	n++;
	/* RX_ACQUIRE is a hypervisor's. */
	if (error_of(call3(FFA_RX_ACQUIRE, 1, 0, 0)) != FFA_RET_NOT_SUPPORTED)
		failed |= 1ull << n;
	return failed;
}

void tos_send2_command(ffa_id_t self, uint64_t cmd, uint64_t w3, struct ffa_value *resp)
{
	const struct ffa_mem_buffers *b = tos_ffa_buffers();
	ffa_id_t peer = (ffa_id_t)w3;

	if (!b) {
		resp->x[6] = (uint32_t)FFA_RET_NO_MEMORY;
		return;
	}
	switch ((cmd >> 8) & 0xff) {
	case TOS_SEND2_SEND:
		resp->x[6] = (uint32_t)send(b, self, peer);
		break;
	case TOS_SEND2_READ:
		read_msg(b, self, peer, resp);
		break;
	case TOS_SEND2_REFUSALS:
		resp->x[6] = refusals(b, self, peer);
		break;
	default:
		resp->x[6] = 0; /* only the buffers mapped */
		break;
	}
}
