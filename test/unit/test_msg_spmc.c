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

#include <abi/ffa_mem.h>

#include "../fuzz/fake_phys.h"
#include "../fuzz/spmc_host.h"

extern struct vcpu_exit fake_next_exit;
extern unsigned fake_sri_sent;

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

static unsigned npis[2]; /* NPI interrupt runs each partition took (outside its script) */
static uint8_t mem[2][MEM_BYTES] __attribute__((aligned(4096)));
static s2_table_t tables[32] __attribute__((aligned(4096)));
static struct sys_sp cfgs[2];

unsigned arch_enter_lower(struct arch_regs *r)
{
	unsigned i = &spmc_partitions[0].vm.vcpus[0].regs == r ? 0 : 1;
	struct partition *p = &part[i];

	if (r->x[0] == FFA_INTERRUPT && r->x[2] == SPMC_NPI_INTID && p->next == p->count) {
		npis[i]++; /* a waiting partition's NPI run: it waits again */
		memset(r->x, 0, sizeof(p->calls[0]));
		r->x[0] = FFA_MSG_WAIT;
		fake_next_exit.reason = VCPU_EXIT_CALL;
		return EXIT_SYNC;
	}
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

static struct ffa_value nwd3(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3)
{
	struct ffa_value m = { { x0, x1, x2, x3 } };

	spmc_nwd_call(&m);
	return m;
}

static struct ffa_value nwd(uint64_t x0, uint64_t x1, uint64_t x2)
{
	return nwd3(x0, x1, x2, 0);
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
	memset(npis, 0, sizeof(npis));
	memset(mem, 0, sizeof(mem));
	fake_sri_sent = 0;
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
	r = get(1, FFA_NOTIF_GET_SP | FFA_NOTIF_GET_VM);
	assert_int_equal(r.x[6] | r.x[7], 0); /* no framework flag: nothing read, still pending */
	/*
	 * Either framework flag reads both bitmaps, as Hafnium answers: the ACS's partition that
	 * received from a VM asks with the SPM flag and reads the RX-full bit in w7.
	 */
	r = get(1, FFA_NOTIF_GET_HYP);
	assert_int_equal(r.x[6], FFA_NOTIF_FWK_RX_FULL);
	assert_int_equal(r.x[7], 0);
	assert_int_equal(get(1, FFA_NOTIF_GET_SPM).x[6], 0); /* read once */
}

/* INFO_GET_32 lists exactly `id` (one list, no vCPU ID). */
static void assert_listed(ffa_id_t id)
{
	struct ffa_value r = nwd(FFA_NOTIFICATION_INFO_GET_32, 0, 0);

	assert_int_equal(r.x[0], FFA_SUCCESS_32);
	assert_int_equal(r.x[2], 1u << 7);
	assert_int_equal(r.x[3], id);
	assert_int_equal(r.x[4] | r.x[5] | r.x[6] | r.x[7], 0);
}

static void assert_nothing_listed(void)
{
	assert_error(nwd(FFA_NOTIFICATION_INFO_GET_64, 0, 0), FFA_RET_NO_DATA);
}

/*
 * "RX buffer full" is a pending notification like the others (FF-A v1.1 §10.2, §10.7; Hafnium's
 * msg_send2 path): the receiver's NPI once until its GET, no SRI for a partition, listed by
 * INFO_GET once until a GET took it.
 */
static void rx_full_raises_npi_and_is_listed(void **state)
{
	(void)state;
	write_msg(0, 0, 0, FFA_MSG_HEADER_SIZE, ffa_msg_ids(A, B), 1);
	assert_ok(send2(0));
	assert_int_equal(npis[1], 1);
	assert_int_equal(npis[0], 0);
	assert_int_equal(fake_sri_sent, 0);
	assert_listed(B);
	assert_nothing_listed(); /* listed once */
	/* A GET without a framework flag takes nothing: still pending, not listed again. */
	assert_int_equal(get(1, FFA_NOTIF_GET_SP | FFA_NOTIF_GET_VM).x[6], 0);
	assert_nothing_listed();
	/* Refused sends (BUSY: the RX is full; a bad header) raise nothing. */
	assert_error(send2(0), FFA_RET_BUSY);
	assert_int_equal(npis[1], 1);
	assert_int_equal(get(1, FFA_NOTIF_GET_SPM).x[6], FFA_NOTIF_FWK_RX_FULL);
	assert_nothing_listed(); /* taken */
	write_msg(0, 0, 0, 0, ffa_msg_ids(A, B), 1);
	assert_ok(sp(1, FFA_RX_RELEASE, 0, 0, 0));
	assert_error(send2(0), INV);
	assert_int_equal(npis[1], 1);
	assert_nothing_listed();
	/* Taken, then a new message: its NPI and its listing again. */
	write_msg(0, 0, 0, FFA_MSG_HEADER_SIZE, ffa_msg_ids(A, B), 1);
	assert_ok(send2(0));
	assert_int_equal(npis[1], 2);
	assert_listed(B);
	/* Not read: the next message (after a release) raises no second NPI (once until GET). */
	assert_ok(sp(1, FFA_RX_RELEASE, 0, 0, 0));
	assert_ok(send2(0));
	assert_int_equal(npis[1], 2);
	assert_nothing_listed(); /* pending all along, listed already */
	assert_int_equal(fake_sri_sent, 0);
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

/* RX_ACQUIRE is the hypervisor's; SEND2 works for the normal world (forwarded for its VMs). */
static void features(void **state)
{
	(void)state;
	assert_int_equal(sp(0, FFA_FEATURES, FFA_MSG_SEND2, 0, 0).x[0], FFA_SUCCESS_32);
	assert_error(sp(0, FFA_FEATURES, FFA_RX_ACQUIRE, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(sp(0, FFA_RX_ACQUIRE, VM1, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_int_equal(nwd(FFA_FEATURES, FFA_MSG_SEND2, 0).x[0], FFA_SUCCESS_32);
	assert_int_equal(nwd(FFA_FEATURES, FFA_RX_ACQUIRE, 0).x[0], FFA_SUCCESS_32);
	/* Nothing registered for a VM yet. */
	assert_error(nwd(FFA_RX_ACQUIRE, VM1, 0), INV);
	assert_error(nwd(FFA_RX_RELEASE, VM1, 0), INV);
	assert_error(nwd(FFA_RXTX_UNMAP, (uint64_t)VM1 << 16, 0), INV);
	assert_error(nwd(FFA_MSG_SEND2, (uint64_t)VM1 << 16, 0), FFA_RET_DENIED);
}

/* ---- VMs' buffers, forwarded by the hypervisor (FF-A v1.1 §13.x FFA_RXTX_MAP, table 13.27) -- */

#define NS(off)	    ((uint64_t)PLAT_NS_RAM_BASE + (off))
#define HYP_TX	    0x0000u /* the hypervisor's own pair */
#define HYP_RX	    0x1000u
#define VM_RX(vm)   (0x10000u * (vm))
#define VM_TX(vm)   (0x10000u * (vm) + 0x1000u)
#define VM2	    2
#define NS_PTR(off) ((uint8_t *)(uintptr_t)NS(off))

/* One composite memory region of one range at `at` in the hypervisor's TX. */
static void put_range(uint32_t at, uint64_t pa, uint32_t pages)
{
	struct ffa_composite_mem_region c = { pages, 1, 0 };
	struct ffa_mem_constituent r = { pa, pages, 0 };

	memcpy(NS_PTR(HYP_TX + at), &c, sizeof(c));
	memcpy(NS_PTR(HYP_TX + at + sizeof(c)), &r, sizeof(r));
}

/* The endpoint RX/TX descriptor of VM `vm` (its RX at 16, its TX at 48), then the call. */
static void put_desc(ffa_id_t vm, uint64_t rx, uint64_t tx)
{
	struct ffa_endpoint_rxtx_desc d = { vm, 0, 16, 48, 0 };

	memset(NS_PTR(HYP_TX), 0, 4096);
	memcpy(NS_PTR(HYP_TX), &d, sizeof(d));
	put_range(16, rx, 1);
	put_range(48, tx, 1);
}

static struct ffa_value fwd_map(void)
{
	return nwd(FFA_RXTX_MAP_64, 0, 0);
}

static void vm_map(ffa_id_t vm)
{
	put_desc(vm, NS(VM_RX(vm)), NS(VM_TX(vm)));
	assert_ok(fwd_map());
}

/* The hypervisor's own pair (mem_spmc.c's on the target; test/fuzz/mem_stubs.c here). */
extern const struct rxtx *mem_stub_nwd_rxtx;
static struct rxtx hyp_pair;

static int setup_vms(void **state)
{
	static bool mapped;

	if (!mapped)
		fake_phys_map();
	mapped = true;
	setup(state);
	memset(NS_PTR(0), 0, 0x100000);
	hyp_pair = (struct rxtx){ .tx_pa = NS(HYP_TX), .rx_pa = NS(HYP_RX), .pages = 1 };
	mem_stub_nwd_rxtx = &hyp_pair;
	return 0;
}

static void forwarded_map_checked(void **state)
{
	struct ffa_endpoint_rxtx_desc *d = (void *)NS_PTR(HYP_TX);

	(void)state;
	vm_map(VM1);
	put_desc(VM1, NS(VM_RX(VM1)), NS(VM_TX(VM1)));
	assert_error(fwd_map(), FFA_RET_DENIED); /* registered already */
	/* The descriptor's fields, one at a time. */
	put_desc(0, NS(VM_RX(3)), NS(VM_TX(3)));
	assert_error(fwd_map(), INV); /* the hypervisor is no VM */
	put_desc(A, NS(VM_RX(3)), NS(VM_TX(3)));
	assert_error(fwd_map(), INV);
	put_desc(3, NS(VM_RX(3)), NS(VM_TX(3)));
	d->reserved = 1;
	assert_error(fwd_map(), INV);
	put_desc(3, NS(VM_RX(3)), NS(VM_TX(3)));
	d->rx_offset = 20; /* not 8-byte aligned */
	assert_error(fwd_map(), INV);
	put_desc(3, NS(VM_RX(3)), NS(VM_TX(3)));
	d->tx_offset = 4096 - 16; /* its constituent past the TX */
	assert_error(fwd_map(), INV);
	put_desc(3, NS(VM_RX(3)), NS(VM_TX(3)));
	d->tx_offset = 8; /* inside the descriptor itself */
	assert_error(fwd_map(), INV);
	put_desc(3, NS(VM_RX(3)), NS(VM_TX(3)));
	NS_PTR(HYP_TX + 16 + 4)[0] = 2; /* two constituents */
	assert_error(fwd_map(), INV);
	put_desc(3, NS(VM_RX(3)), NS(VM_TX(3)));
	NS_PTR(HYP_TX + 16)[0] = 2; /* composite pages != the range's */
	assert_error(fwd_map(), INV);
	put_desc(3, NS(VM_RX(3)) + 8, NS(VM_TX(3)));
	assert_error(fwd_map(), INV); /* unaligned */
	put_desc(3, 0x0e100000, NS(VM_TX(3)));
	assert_error(fwd_map(), INV); /* secure memory */
	put_desc(3, NS(VM_RX(3)), NS(VM_RX(3)));
	assert_error(fwd_map(), INV); /* overlapping */
	put_desc(3, NS(VM_RX(3)), NS(VM_TX(3)));
	put_range(48, NS(VM_TX(3)), 2);
	assert_error(fwd_map(), INV); /* sizes differ */
	put_range(48, NS(VM_TX(3)), 0);
	assert_error(fwd_map(), INV); /* no pages */
	put_desc(3, NS(VM_RX(3)), NS(VM_TX(3)));
	assert_error(nwd3(FFA_RXTX_MAP_64, 0, 0, 1), INV); /* w3 MBZ in the forwarded form */
	assert_ok(fwd_map());
	/* The table holds one pair per VM the description can have. */
	for (ffa_id_t vm = 4; vm <= SYS_MAX_VMS + 2; vm++) {
		put_desc(vm, NS(VM_RX(vm)), NS(VM_TX(vm)));
		if (vm <= SYS_MAX_VMS + 1) /* VMs 1 and 3 to 9: eight */
			assert_ok(fwd_map());
		else
			assert_error(fwd_map(), FFA_RET_NO_MEMORY);
	}
}

/* Without the hypervisor's own pair there is no descriptor to read. */
static void forwarded_map_needs_hypervisors_tx(void **state)
{
	(void)state;
	hyp_pair.tx_pa = 0;
	put_desc(VM1, NS(VM_RX(VM1)), NS(VM_TX(VM1)));
	assert_error(fwd_map(), INV);
}

/* A message in VM `vm`'s TX (header at its start, payload right after). */
static void vm_msg(ffa_id_t vm, uint32_t ids, uint32_t size)
{
	struct ffa_msg_header h = { 0, 0, FFA_MSG_HEADER_SIZE, ids, size };

	memcpy(NS_PTR(VM_TX(vm)), &h, sizeof(h));
	memset(NS_PTR(VM_TX(vm) + FFA_MSG_HEADER_SIZE), 0x5a, size);
}

static void partition_to_vm(void **state)
{
	struct ffa_msg_header h;
	struct ffa_value r;

	(void)state;
	vm_map(VM1);
	vm_map(VM2);
	assert_ok(nwd(FFA_NOTIFICATION_BITMAP_CREATE, VM1, 1));
	write_msg(0, 0, 0, FFA_MSG_HEADER_SIZE, ffa_msg_ids(A, VM1), 3);
	assert_ok(send2(0));
	memcpy(&h, NS_PTR(VM_RX(VM1)), sizeof(h));
	assert_int_equal(h.ids, ffa_msg_ids(A, VM1));
	assert_int_equal(h.size, 3);
	assert_memory_equal(NS_PTR(VM_RX(VM1) + FFA_MSG_HEADER_SIZE), "@AB", 3);
	/* The VM's GET (its hypervisor's call): SPM framework "RX full", once. */
	r = nwd3(FFA_NOTIFICATION_GET, VM1, FFA_NOTIF_GET_ALL, 0);
	assert_int_equal(r.x[0], FFA_SUCCESS_32);
	assert_int_equal(r.x[6], FFA_NOTIF_FWK_RX_FULL);
	assert_int_equal(r.x[7], 0);
	assert_int_equal(nwd3(FFA_NOTIFICATION_GET, VM1, FFA_NOTIF_GET_ALL, 0).x[6], 0);
	/* Its RX is the VM's now: BUSY, and its hypervisor cannot acquire it either. */
	assert_error(send2(0), FFA_RET_BUSY);
	assert_error(nwd(FFA_RX_ACQUIRE, VM1, 0), FFA_RET_DENIED);
	assert_ok(nwd(FFA_RX_RELEASE, VM1, 0));
	assert_error(nwd(FFA_RX_RELEASE, VM1, 0), FFA_RET_DENIED);
	/* The hypervisor holds it: BUSY for partitions until it releases it. */
	assert_ok(nwd(FFA_RX_ACQUIRE, VM1, 0));
	assert_error(nwd(FFA_RX_ACQUIRE, VM1, 0), FFA_RET_DENIED);
	assert_error(send2(0), FFA_RET_BUSY);
	assert_ok(nwd(FFA_RX_RELEASE, VM1, 0));
	assert_ok(send2(0));
	/* The forwarded calls' w1: the VM where it belongs, nothing else. */
	assert_error(nwd(FFA_RX_ACQUIRE, VM1 | 1u << 16, 0), INV);
	assert_error(nwd(FFA_RX_ACQUIRE, (uint64_t)VM1 << 32, 0), INV);
	assert_error(nwd(FFA_RX_ACQUIRE, A, 0), INV);
	assert_error(nwd(FFA_RX_RELEASE, VM1 | 1u << 16, 0), INV);
	assert_error(nwd(FFA_RXTX_UNMAP, (uint64_t)VM1 << 16 | 1, 0), INV);
	assert_error(nwd(FFA_RXTX_UNMAP, (uint64_t)A << 16, 0), INV);
	assert_ok(nwd(FFA_RX_RELEASE, VM1, 0)); /* the message above, released */
	/* The binding policy: no partition here may address VM 2 (DENIED, buffers or not). */
	write_msg(0, 0, 0, FFA_MSG_HEADER_SIZE, ffa_msg_ids(A, VM2), 3);
	assert_error(send2(0), FFA_RET_DENIED);
	write_msg(0, 0, 0, FFA_MSG_HEADER_SIZE, ffa_msg_ids(A, 9), 3);
	assert_error(send2(0), FFA_RET_DENIED);
	/* VM 1's buffers gone (its hypervisor forwards RXTX_UNMAP): nothing to deliver into. */
	assert_ok(nwd(FFA_RXTX_UNMAP, (uint64_t)VM1 << 16, 0));
	assert_error(nwd(FFA_RXTX_UNMAP, (uint64_t)VM1 << 16, 0), INV);
	write_msg(0, 0, 0, FFA_MSG_HEADER_SIZE, ffa_msg_ids(A, VM1), 3);
	assert_error(send2(0), INV);
}

/*
 * A partition's message to a VM: the SRI for its scheduler (at once, or after the partition's run
 * with "delay SRI", as SET's flag), INFO_GET lists the VM once until its GET; none for a VM
 * without a bitmap (nothing could read it), a refused send, or after the buffers are unmapped.
 */
static void partition_to_vm_sri(void **state)
{
	(void)state;
	vm_map(VM1);
	write_msg(0, 0, 0, FFA_MSG_HEADER_SIZE, ffa_msg_ids(A, VM1), 3);
	assert_ok(send2(0)); /* no bitmap yet: delivered, not signalled */
	assert_int_equal(fake_sri_sent, 0);
	assert_nothing_listed();
	assert_ok(nwd(FFA_RX_RELEASE, VM1, 0));
	assert_ok(nwd(FFA_NOTIFICATION_BITMAP_CREATE, VM1, 1));
	assert_ok(send2(0));
	assert_int_equal(fake_sri_sent, 1);
	assert_int_equal(part[0].found[1].x[0], FFA_SUCCESS_32);
	assert_error(send2(0), FFA_RET_BUSY); /* refused: no SRI (one is sent already anyway) */
	assert_listed(VM1);
	assert_nothing_listed();
	assert_error(send2(0), FFA_RET_BUSY);
	assert_int_equal(fake_sri_sent, 1); /* refused after INFO_GET: none */
	assert_int_equal(nwd3(FFA_NOTIFICATION_GET, VM1, FFA_NOTIF_GET_SPM, 0).x[6],
			 FFA_NOTIF_FWK_RX_FULL);
	/* With "delay SRI": sent as the normal world runs again, after A's response. */
	assert_ok(nwd(FFA_RX_RELEASE, VM1, 0));
	assert_ok(sp(0, FFA_MSG_SEND2, 0, FFA_MSG_SEND2_FLAG_DELAY_SRI, 0));
	assert_int_equal(fake_sri_sent, 2);
	assert_listed(VM1);
	/* Unmapped: what was pending goes, nothing to list. */
	assert_ok(nwd(FFA_RX_RELEASE, VM1, 0));
	assert_ok(send2(0));
	assert_int_equal(fake_sri_sent, 3);
	assert_ok(nwd(FFA_RXTX_UNMAP, (uint64_t)VM1 << 16, 0));
	assert_nothing_listed();
	assert_int_equal(nwd3(FFA_NOTIFICATION_GET, VM1, FFA_NOTIF_GET_ALL, 0).x[6], 0);
	assert_int_equal(npis[0] + npis[1], 0);
}

static void vm_to_partition(void **state)
{
	struct ffa_msg_header h;
	struct ffa_value r;

	(void)state;
	vm_map(VM1);
	vm_map(VM2);
	vm_msg(VM1, ffa_msg_ids(VM1, A), 7);
	assert_ok(nwd(FFA_MSG_SEND2, (uint64_t)VM1 << 16, 0));
	memcpy(&h, &mem[0][RX], sizeof(h));
	assert_int_equal(h.ids, ffa_msg_ids(VM1, A));
	assert_int_equal(mem[0][RX + FFA_MSG_HEADER_SIZE + 6], 0x5a);
	/* A takes its NPI (no SRI: the receiver is a partition), INFO_GET lists it once. */
	assert_int_equal(npis[0], 1);
	assert_int_equal(fake_sri_sent, 0);
	assert_listed(A);
	assert_nothing_listed();
	/* A is told through the hypervisor framework bitmap (w7): the sender is a VM. */
	r = get(0, FFA_NOTIF_GET_ALL);
	assert_int_equal(r.x[6], 0);
	assert_int_equal(r.x[7], FFA_NOTIF_FWK_RX_FULL);
	assert_error(nwd(FFA_MSG_SEND2, (uint64_t)VM1 << 16, 0), FFA_RET_BUSY);
	assert_ok(sp(0, FFA_RX_RELEASE, 0, 0, 0));
	assert_ok(nwd(FFA_MSG_SEND2, (uint64_t)VM1 << 16, 0));
	assert_ok(sp(0, FFA_RX_RELEASE, 0, 0, 0));
	/* Register and header refusals. */
	assert_error(nwd(FFA_MSG_SEND2, (uint64_t)VM1 << 16, 1), INV);		/* flags */
	assert_error(nwd(FFA_MSG_SEND2, (uint64_t)VM1 << 16 | A, 0), INV);	/* w1[15:0] */
	assert_error(nwd(FFA_MSG_SEND2, 0, 0), INV);				/* no VM */
	assert_error(nwd(FFA_MSG_SEND2, (uint64_t)A << 16, 0), INV);		/* a partition */
	assert_error(nwd(FFA_MSG_SEND2, (uint64_t)3 << 16, 0), FFA_RET_DENIED); /* no buffers */
	vm_msg(VM1, ffa_msg_ids(VM2, A), 7);
	assert_error(nwd(FFA_MSG_SEND2, (uint64_t)VM1 << 16, 0), INV); /* spoofs VM 2 */
	vm_msg(VM1, ffa_msg_ids(A, A), 7);
	assert_error(nwd(FFA_MSG_SEND2, (uint64_t)VM1 << 16, 0), INV);
	vm_msg(VM1, ffa_msg_ids(VM1, VM2), 7);
	assert_error(nwd(FFA_MSG_SEND2, (uint64_t)VM1 << 16, 0), INV); /* VM to VM: nshyp's */
	vm_msg(VM1, ffa_msg_ids(VM1, 0x8009), 7);
	assert_error(nwd(FFA_MSG_SEND2, (uint64_t)VM1 << 16, 0), INV);
	vm_msg(VM1, ffa_msg_ids(VM1, A), 4096);
	assert_error(nwd(FFA_MSG_SEND2, (uint64_t)VM1 << 16, 0), INV); /* past its TX */
	/* The binding policy: VM 2 may not call A. */
	vm_msg(VM2, ffa_msg_ids(VM2, A), 7);
	assert_error(nwd(FFA_MSG_SEND2, (uint64_t)VM2 << 16, 0), FFA_RET_DENIED);
	assert_false(spmc_partitions[0].rxtx.rx_full);
	/* The second message (after A's GET took the first): a second NPI, listed again; the
	 * refusals raised nothing more. */
	assert_int_equal(npis[0], 2);
	assert_listed(A);
	assert_int_equal(get(0, FFA_NOTIF_GET_HYP).x[7], FFA_NOTIF_FWK_RX_FULL);
	assert_nothing_listed();
}

/* A partition without indirect messages takes none from a VM either. */
static void vm_to_partition_without_bit_2(void **state)
{
	(void)state;
	boot(PROPS, 0x103);
	map(1);
	vm_map(VM1);
	vm_msg(VM1, ffa_msg_ids(VM1, B), 1);
	assert_error(nwd(FFA_MSG_SEND2, (uint64_t)VM1 << 16, 0), FFA_RET_DENIED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(delivered_into_rx, setup),
		cmocka_unit_test_setup(full_rx_is_busy_until_released, setup),
		cmocka_unit_test_setup(get_flags_select_framework, setup),
		cmocka_unit_test_setup(rx_full_raises_npi_and_is_listed, setup),
		cmocka_unit_test_setup(header_fields_checked, setup),
		cmocka_unit_test_setup(sizes_checked, setup),
		cmocka_unit_test_setup(larger_than_receivers_rx, setup),
		cmocka_unit_test_setup(register_arguments_checked, setup),
		cmocka_unit_test_setup(unmapped_buffers, setup),
		cmocka_unit_test_setup(properties_policy, setup),
		cmocka_unit_test_setup(aborted_receiver, setup),
		cmocka_unit_test_setup(features, setup),
		cmocka_unit_test_setup(forwarded_map_checked, setup_vms),
		cmocka_unit_test_setup(forwarded_map_needs_hypervisors_tx, setup_vms),
		cmocka_unit_test_setup(partition_to_vm, setup_vms),
		cmocka_unit_test_setup(partition_to_vm_sri, setup_vms),
		cmocka_unit_test_setup(vm_to_partition, setup_vms),
		cmocka_unit_test_setup(vm_to_partition_without_bit_2, setup_vms),
	};

	return cmocka_run_group_tests(tests, 0, 0);
}
