// SPDX-License-Identifier: BSD-3-Clause
/*
 * FF-A v1.1 indirect messages between partitions at the SPMC (hyp/role/spmc/msg_spmc.c and the
 * header checks of hyp/core/rxtx.c; DEN0077A §7.2-7.4, the FFA_MSG_SEND2 ABI; expected errors
 * as Hafnium's api_ffa_msg_send2()), in the test_spmc harness's model: delivery, RX ownership
 * (full -> BUSY, released -> delivered again), the "RX buffer full" framework notification seen
 * by GET, every header field, sender spoofing, sizes, unmapped buffers, the properties policy
 * (DENIED), an aborted receiver, FFA_FEATURES. A partition's call is made inside a request from
 * VM 1 (its script: the call, then the response). Both partitions take indirect messages
 * (properties 0x107) unless a test says otherwise.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../fuzz/spmc_host.h"

extern struct vcpu_exit fake_next_exit;

#define A	  0x8001
#define B	  0x8002
#define VM1	  1
#define MEM_BYTES (64 * 1024)
#define INV	  FFA_RET_INVALID_PARAMETERS
#define IPA	  0x10000000ull
#define TX	  0x1000u /* offsets in each partition's memory: TX, RX (one page each) */
#define RX	  0x3000u
#define PROPS	  0x107u /* direct requests both ways, indirect messages, AArch64 */

static struct partition {
	uint64_t calls[4][8];
	unsigned count, next;
	struct ffa_value found[4]; /* x0-x7 at each run: the answer to its previous call */
} part[2];

static uint8_t mem[2][MEM_BYTES] __attribute__((aligned(4096)));
static s2_table_t tables[32] __attribute__((aligned(4096)));
static struct sys_sp cfgs[2];

unsigned arch_enter_lower(struct arch_regs *r)
{
	unsigned i = &spmc_partitions[0].vm.vcpus[0].regs == r ? 0 : 1;
	struct partition *p = &part[i];

	assert_true(p->next < p->count);
	memcpy(p->found[p->next].x, r->x, sizeof(p->found[0].x));
	memcpy(r->x, p->calls[p->next++], sizeof(p->calls[0]));
	fake_next_exit.reason = VCPU_EXIT_CALL;
	return EXIT_SYNC;
}

static void then(unsigned i, uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3)
{
	uint64_t *c = part[i].calls[part[i].count++];

	memset(c, 0, sizeof(part[i].calls[0]));
	c[0] = x0, c[1] = x1, c[2] = x2, c[3] = x3;
}

static struct ffa_value nwd(uint64_t x0, uint64_t x1, uint64_t x2)
{
	struct ffa_value m = { { x0, x1, x2 } };

	spmc_nwd_call(&m);
	return m;
}

/* Partition i makes one call inside a request of VM 1: its answer. */
static struct ffa_value sp(unsigned i, uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3)
{
	ffa_id_t self = (ffa_id_t)(A + i);

	memset(&part[i], 0, sizeof(part[i]));
	then(i, x0, x1, x2, x3);
	then(i, FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(self, VM1), 0, 0);
	assert_int_equal(nwd(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(VM1, self), 0).x[0],
			 FFA_MSG_SEND_DIRECT_RESP_32);
	return part[i].found[1];
}

static void assert_error(struct ffa_value r, int32_t code)
{
	assert_int_equal(r.x[0], FFA_ERROR);
	assert_int_equal(r.x[2], (uint32_t)code);
}

static void assert_ok(struct ffa_value r)
{
	assert_int_equal(r.x[0], FFA_SUCCESS_32);
	assert_int_equal(r.x[2], 0);
}

static void boot(uint32_t props_a, uint32_t props_b)
{
	struct s2_pool pool = { .tables = tables, .count = 32 };

	memset(spmc_partitions, 0, sizeof(spmc_partitions));
	memset(part, 0, sizeof(part));
	memset(mem, 0, sizeof(mem));
	for (unsigned i = 0; i < 2; i++) {
		spmc_host_sp_cfg(&cfgs[i], i, i ? props_b : props_a, mem[i], MEM_BYTES);
		cfgs[i].allowed_vm_count = 1;
		cfgs[i].allowed_vm[0] = VM1;
		then(i, FFA_MSG_WAIT, 0, 0, 0);
	}
	assert_int_equal(spmc_host_boot(cfgs, 2, &pool), 2);
}

static void map(unsigned i)
{
	assert_ok(sp(i, FFA_RXTX_MAP_64, IPA + TX, IPA + RX, 1));
}

static int setup(void **state)
{
	(void)state;
	boot(PROPS, PROPS);
	map(0);
	map(1);
	return 0;
}

/* Partition i's TX: a header and `size` bytes of payload at `offset` (pattern 0x40 + n). */
static void write_msg(unsigned i, uint32_t flags, uint32_t reserved, uint32_t offset, uint32_t ids,
		      uint32_t size)
{
	struct ffa_msg_header h = { flags, reserved, offset, ids, size };

	memcpy(&mem[i][TX], &h, sizeof(h));
	for (uint32_t n = 0; n < size && (uint64_t)offset + n < 4096; n++)
		mem[i][TX + offset + n] = (uint8_t)(0x40 + n);
}

static struct ffa_value send2(unsigned i)
{
	return sp(i, FFA_MSG_SEND2, 0, 0, 0);
}

static struct ffa_value get(unsigned i, uint64_t want)
{
	return sp(i, FFA_NOTIFICATION_GET, A + i, want, 0);
}

/* ---- delivery and RX ownership (§7.2-7.4) ---------------------------------------------- */

static void delivered_into_rx(void **state)
{
	struct ffa_msg_header h;
	struct ffa_value r;

	(void)state;
	write_msg(0, 0, 0, FFA_MSG_HEADER_SIZE, ffa_msg_ids(A, B), 5);
	assert_ok(send2(0));
	memcpy(&h, &mem[1][RX], sizeof(h));
	assert_int_equal(h.flags, 0);
	assert_int_equal(h.reserved, 0);
	assert_int_equal(h.offset, FFA_MSG_HEADER_SIZE);
	assert_int_equal(h.ids, ffa_msg_ids(A, B));
	assert_int_equal(h.size, 5);
	assert_memory_equal(&mem[1][RX + FFA_MSG_HEADER_SIZE], "@ABCD", 5);
	assert_true(spmc_partitions[1].rxtx.rx_full);
	/* The receiver is told: SPM framework bit 0 ("RX buffer full") in w6, once. */
	r = get(1, FFA_NOTIF_GET_ALL);
	assert_int_equal(r.x[0], FFA_SUCCESS_32);
	assert_int_equal(r.x[2] | r.x[3] | r.x[4] | r.x[5] | r.x[7], 0);
	assert_int_equal(r.x[6], FFA_NOTIF_FWK_RX_FULL);
	assert_int_equal(get(1, FFA_NOTIF_GET_ALL).x[6], 0);
	/* B's TX holds zeros: offset 0, sender 0 (not B). */
	assert_error(send2(1), INV);
}

static void full_rx_is_busy_until_released(void **state)
{
	(void)state;
	write_msg(0, 0, 0, 32, ffa_msg_ids(A, B), 100);
	assert_ok(send2(0));
	assert_error(send2(0), FFA_RET_BUSY); /* the receiver owns its RX */
	/* Discovery into the full RX is BUSY too: one owner rule for every producer. */
	assert_error(sp(1, FFA_PARTITION_INFO_GET, 0, 0, 0), FFA_RET_BUSY);
	assert_ok(sp(1, FFA_RX_RELEASE, 0, 0, 0));
	assert_error(sp(1, FFA_RX_RELEASE, 0, 0, 0), FFA_RET_DENIED);
	mem[1][RX + 32] = 0;
	assert_ok(send2(0));
	assert_int_equal(mem[1][RX + 32], 0x40);
	/* The GET between two sends does not matter: one "RX full" pending, then none. */
	assert_int_equal(get(1, FFA_NOTIF_GET_SPM).x[6], FFA_NOTIF_FWK_RX_FULL);
	/* B to A as well. */
	write_msg(1, 0, 0, FFA_MSG_HEADER_SIZE, ffa_msg_ids(B, A), 1);
	assert_ok(send2(1));
	assert_int_equal(get(0, FFA_NOTIF_GET_SPM).x[6], FFA_NOTIF_FWK_RX_FULL);
}

/* GET without the SPM framework flag neither reports nor clears it. */
static void get_flags_select_framework(void **state)
{
	struct ffa_value r;

	(void)state;
	write_msg(0, 0, 0, FFA_MSG_HEADER_SIZE, ffa_msg_ids(A, B), 1);
	assert_ok(send2(0));
	r = get(1, FFA_NOTIF_GET_SP | FFA_NOTIF_GET_VM | FFA_NOTIF_GET_HYP);
	assert_int_equal(r.x[6] | r.x[7], 0);
	assert_int_equal(get(1, FFA_NOTIF_GET_SPM).x[6], FFA_NOTIF_FWK_RX_FULL);
}

/* ---- refusals ---------------------------------------------------------------------------- */

static void header_fields_checked(void **state)
{
	(void)state;
	/* MBZ fields, sender spoofing (another partition, a VM), to itself, to nobody. */
	write_msg(0, 1, 0, FFA_MSG_HEADER_SIZE, ffa_msg_ids(A, B), 1);
	assert_error(send2(0), INV);
	write_msg(0, 0, 0x80000000u, FFA_MSG_HEADER_SIZE, ffa_msg_ids(A, B), 1);
	assert_error(send2(0), INV);
	write_msg(0, 0, 0, FFA_MSG_HEADER_SIZE, ffa_msg_ids(B, B), 1);
	assert_error(send2(0), INV);
	write_msg(0, 0, 0, FFA_MSG_HEADER_SIZE, ffa_msg_ids(VM1, B), 1);
	assert_error(send2(0), INV);
	write_msg(0, 0, 0, FFA_MSG_HEADER_SIZE, ffa_msg_ids(A, A), 1);
	assert_error(send2(0), INV);
	write_msg(0, 0, 0, FFA_MSG_HEADER_SIZE, ffa_msg_ids(A, 0x8009), 1);
	assert_error(send2(0), INV);
	write_msg(0, 0, 0, FFA_MSG_HEADER_SIZE, ffa_msg_ids(A, 0xffff), 1);
	assert_error(send2(0), INV);
	/* Offsets inside the header. */
	write_msg(0, 0, 0, 0, ffa_msg_ids(A, B), 1);
	assert_error(send2(0), INV);
	write_msg(0, 0, 0, FFA_MSG_HEADER_SIZE - 1, ffa_msg_ids(A, B), 1);
	assert_error(send2(0), INV);
	assert_false(spmc_partitions[1].rxtx.rx_full);
	assert_int_equal(get(1, FFA_NOTIF_GET_SPM).x[6], 0);
}

static void sizes_checked(void **state)
{
	(void)state;
	/* Past the sender's TX, and sums that overflow 32 bits. */
	write_msg(0, 0, 0, FFA_MSG_HEADER_SIZE, ffa_msg_ids(A, B), 4096 - FFA_MSG_HEADER_SIZE + 1);
	assert_error(send2(0), INV);
	write_msg(0, 0, 0, FFA_MSG_HEADER_SIZE, ffa_msg_ids(A, B), UINT32_MAX);
	assert_error(send2(0), INV);
	write_msg(0, 0, 0, UINT32_MAX, ffa_msg_ids(A, B), 2);
	assert_error(send2(0), INV);
	write_msg(0, 0, 0, 4096, ffa_msg_ids(A, B), 1);
	assert_error(send2(0), INV); /* the payload starts at the end */
	assert_false(spmc_partitions[1].rxtx.rx_full);
	/* Exactly the whole TX; and an empty payload. */
	write_msg(0, 0, 0, FFA_MSG_HEADER_SIZE, ffa_msg_ids(A, B), 4096 - FFA_MSG_HEADER_SIZE);
	assert_ok(send2(0));
	assert_ok(sp(1, FFA_RX_RELEASE, 0, 0, 0));
	write_msg(0, 0, 0, 64, ffa_msg_ids(A, B), 0);
	assert_ok(send2(0));
}

/* A sender's TX of two pages, a receiver's RX of one: the message does not fit. */
static void larger_than_receivers_rx(void **state)
{
	(void)state;
	assert_ok(sp(0, FFA_RXTX_UNMAP, 0, 0, 0));
	assert_ok(sp(0, FFA_RXTX_MAP_64, IPA + 0x8000, IPA + 0xa000, 2));
	{
		struct ffa_msg_header h = { 0, 0, FFA_MSG_HEADER_SIZE, ffa_msg_ids(A, B), 5000 };

		memcpy(&mem[0][0x8000], &h, sizeof(h));
	}
	assert_error(send2(0), INV);
	assert_false(spmc_partitions[1].rxtx.rx_full);
}

static void register_arguments_checked(void **state)
{
	(void)state;
	write_msg(0, 0, 0, FFA_MSG_HEADER_SIZE, ffa_msg_ids(A, B), 1);
	/* w1: a sender VM ID only a hypervisor forwards; w2: only bit 1 (delay SRI). */
	assert_error(sp(0, FFA_MSG_SEND2, (uint64_t)VM1 << 16, 0, 0), INV);
	assert_error(sp(0, FFA_MSG_SEND2, 1ull << 32, 0, 0), INV);
	assert_error(sp(0, FFA_MSG_SEND2, 0, 1, 0), INV);
	assert_error(sp(0, FFA_MSG_SEND2, 0, 1ull << 32, 0), INV);
	assert_ok(sp(0, FFA_MSG_SEND2, 0, FFA_MSG_SEND2_FLAG_DELAY_SRI, 0));
	/* The SVE hint (bit 16 of w0) is not part of the ID. */
	assert_ok(sp(1, FFA_RX_RELEASE, 0, 0, 0));
	assert_ok(sp(0, FFA_MSG_SEND2 | (1u << 16), 0, 0, 0));
}

static void unmapped_buffers(void **state)
{
	(void)state;
	write_msg(0, 0, 0, FFA_MSG_HEADER_SIZE, ffa_msg_ids(A, B), 1);
	assert_ok(sp(1, FFA_RXTX_UNMAP, 0, 0, 0));
	assert_error(send2(0), FFA_RET_BUSY); /* no RX to deliver into (Hafnium: busy) */
	assert_ok(sp(0, FFA_RXTX_UNMAP, 0, 0, 0));
	assert_error(send2(0), FFA_RET_DENIED); /* no TX to send from */
	map(0);
	map(1);
	assert_ok(send2(0));
	/* Unmapping a full RX drops the message: mapped again, it is free. */
	assert_ok(sp(1, FFA_RXTX_UNMAP, 0, 0, 0));
	map(1);
	assert_ok(send2(0));
}

/* Properties bit 2 on both ends (Hafnium's plat_ffa_is_indirect_msg_supported()): DENIED. */
static void properties_policy(void **state)
{
	(void)state;
	boot(PROPS, 0x103);
	map(0);
	map(1);
	write_msg(0, 0, 0, FFA_MSG_HEADER_SIZE, ffa_msg_ids(A, B), 1);
	assert_error(send2(0), FFA_RET_DENIED);
	write_msg(1, 0, 0, FFA_MSG_HEADER_SIZE, ffa_msg_ids(B, A), 1);
	assert_error(send2(1), FFA_RET_DENIED); /* B does not send them either */
	assert_false(spmc_partitions[0].rxtx.rx_full || spmc_partitions[1].rxtx.rx_full);
	/* FFA_FEATURES: only where it works. */
	assert_int_equal(sp(0, FFA_FEATURES, FFA_MSG_SEND2, 0, 0).x[0], FFA_SUCCESS_32);
	assert_error(sp(1, FFA_FEATURES, FFA_MSG_SEND2, 0, 0), FFA_RET_NOT_SUPPORTED);
}

static void aborted_receiver(void **state)
{
	(void)state;
	write_msg(0, 0, 0, FFA_MSG_HEADER_SIZE, ffa_msg_ids(A, B), 1);
	memset(&part[1], 0, sizeof(part[1]));
	then(1, FFA_ERROR, 0, (uint32_t)FFA_RET_ABORTED, 0); /* B reports an error: aborted */
	assert_error(nwd(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(VM1, B), 0), FFA_RET_ABORTED);
	assert_error(send2(0), FFA_RET_ABORTED);
}

/* The normal world has no indirect messages at the SPMC; RX_ACQUIRE is nobody's here. */
static void features_and_normal_world(void **state)
{
	(void)state;
	assert_int_equal(sp(0, FFA_FEATURES, FFA_MSG_SEND2, 0, 0).x[0], FFA_SUCCESS_32);
	assert_error(sp(0, FFA_FEATURES, FFA_RX_ACQUIRE, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(sp(0, FFA_RX_ACQUIRE, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(nwd(FFA_FEATURES, FFA_MSG_SEND2, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(nwd(FFA_FEATURES, FFA_RX_ACQUIRE, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(nwd(FFA_MSG_SEND2, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(nwd(FFA_RX_ACQUIRE, VM1, 0), FFA_RET_NOT_SUPPORTED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(delivered_into_rx, setup),
		cmocka_unit_test_setup(full_rx_is_busy_until_released, setup),
		cmocka_unit_test_setup(get_flags_select_framework, setup),
		cmocka_unit_test_setup(header_fields_checked, setup),
		cmocka_unit_test_setup(sizes_checked, setup),
		cmocka_unit_test_setup(larger_than_receivers_rx, setup),
		cmocka_unit_test_setup(register_arguments_checked, setup),
		cmocka_unit_test_setup(unmapped_buffers, setup),
		cmocka_unit_test_setup(properties_policy, setup),
		cmocka_unit_test_setup(aborted_receiver, setup),
		cmocka_unit_test_setup(features_and_normal_world, setup),
	};

	return cmocka_run_group_tests(tests, 0, 0);
}
