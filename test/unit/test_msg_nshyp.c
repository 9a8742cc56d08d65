// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host unit tests of guests' buffers and indirect messages at nshyp (hyp/role/nshyp/msg_nshyp.c,
 * through guest_calls.c; DEN0077A §7.2-7.4, FFA_MSG_SEND2, FFA_RX_ACQUIRE, FFA_RXTX_MAP
 * forwarded with the endpoint RX/TX descriptor, table 13.27). Four guests as in test_vm_msg;
 * the SPMC is a small model (spmc_*) of what it keeps for each VM's RX: empty (the SPMC's),
 * full (a partition's message, the VM's) or acquired (nshyp's). Covered: the forwarded map and
 * unmap, a refused forward, VM-to-VM delivery and RX ownership (BUSY, release, again), RX held
 * by a partition's message, the hypervisor framework notification in GET's w7, every refusal of
 * SEND2 (registers, header, spoofing, size, policy, no buffers, ended receiver), VM-to-partition
 * forwarding, discovery acquiring the RX, FFA_FEATURES, a guest's end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <abi/ffa_mem.h>
#include <cmocka.h>

#include "../../hyp/role/nshyp/msg_nshyp.h"
#include "../../hyp/role/nshyp/nshyp.h"
#include "../fuzz/host_guests.h"

#define VM_MEM (64 * 1024)
#define IPA    0x40000000ull
#define TX     0x1000u
#define RX     0x2000u
#define A      0x8001
#define B      0x8002
#define NG     4
#define INV    FFA_RET_INVALID_PARAMETERS

static uint8_t vm_mem[NG][VM_MEM] __attribute__((aligned(4096)));
static s2_table_t tables[64] __attribute__((aligned(4096)));
static uint8_t hyp_tx[4096] __attribute__((aligned(4096))); /* nshyp's own TX */
static struct guest gs[NG];
#define g1 (&gs[0])
#define g2 (&gs[1])
#define g3 (&gs[2])
#define g4 (&gs[3])

/* A takes indirect messages (bit 2), B does not; guest1 may use A, guest3 B. */
const struct sys_sp nshyp_sps[] = {
	{ .name = "A", .ffa_id = A, .uuid = { 1 }, .properties = 0x107 },
	{ .name = "B", .ffa_id = B, .uuid = { 2 }, .properties = 0x103 },
};
const unsigned nshyp_sp_count = 2;
/* guest1 and guest2 address each other; guest3 addresses guest2; nobody addresses guest4. */
const struct sys_vm nshyp_vms[NG] = {
	{ .name = "guest1",
	  .vm_id = 1,
	  .allowed_sp = { A },
	  .allowed_sp_count = 1,
	  .allowed_vm = { 2 },
	  .allowed_vm_count = 1 },
	{ .name = "guest2", .vm_id = 2, .allowed_vm = { 1 }, .allowed_vm_count = 1 },
	{ .name = "guest3",
	  .vm_id = 3,
	  .allowed_sp = { B },
	  .allowed_sp_count = 1,
	  .allowed_vm = { 2 },
	  .allowed_vm_count = 1 },
	{ .name = "guest4", .vm_id = 4 },
};
const unsigned nshyp_vm_count = NG;

/* ---- the SPMC's side, a model ------------------------------------------------------------- */

enum {
	EMPTY,
	FULL,
	ACQUIRED
};
static unsigned spmc_rx[NG + 1]; /* by VM ID */
static bool spmc_mapped[NG + 1];
static struct ffa_endpoint_rxtx_desc spmc_desc; /* the last forwarded map's */
static struct ffa_mem_constituent spmc_range[2];
static int32_t spmc_map_error, spmc_send2_error;
static struct ffa_value last; /* the last call nshyp forwarded */
static unsigned forwarded;
extern void *mem_stub_nshyp_tx;

static struct ffa_value answer(int32_t rc)
{
	return rc ? ffa_error(rc) : ffa_success(0);
}

static struct ffa_value spmc(const struct ffa_value *m)
{
	ffa_id_t vm = (ffa_id_t)m->x[1];

	switch ((uint32_t)m->x[0]) {
	case FFA_RXTX_MAP_64:
		memcpy(&spmc_desc, hyp_tx, sizeof(spmc_desc));
		memcpy(&spmc_range[0], hyp_tx + spmc_desc.rx_offset + 16, 16);
		memcpy(&spmc_range[1], hyp_tx + spmc_desc.tx_offset + 16, 16);
		if (!spmc_map_error)
			spmc_mapped[spmc_desc.endpoint_id] = true;
		return answer(spmc_map_error);
	case FFA_RXTX_UNMAP:
		spmc_mapped[m->x[1] >> 16] = false;
		return answer(0);
	case FFA_RX_ACQUIRE:
		if (spmc_rx[vm] != EMPTY)
			return answer(FFA_RET_DENIED);
		spmc_rx[vm] = ACQUIRED;
		return answer(0);
	case FFA_RX_RELEASE:
		if (spmc_rx[vm] == EMPTY)
			return answer(FFA_RET_DENIED);
		spmc_rx[vm] = EMPTY;
		return answer(0);
	case FFA_MSG_SEND2:
		return answer(spmc_send2_error);
	case FFA_NOTIFICATION_GET: {
		struct ffa_value v = ffa_success(0);

		v.x[6] = FFA_NOTIF_FWK_RX_FULL; /* as if a partition had sent */
		return v;
	}
	default:
		return ffa_error(FFA_RET_NOT_SUPPORTED);
	}
}

void nshyp_forward(struct ffa_value *m)
{
	forwarded++;
	last = *m;
	*m = spmc(m);
}

unsigned arch_enter_lower(struct arch_regs *regs)
{
	(void)regs;
	fail_msg("guest_calls.c never runs a vCPU");
	return 0;
}

static int setup(void **state)
{
	static struct s2_pool pool;

	(void)state;
	pool = (struct s2_pool){ .tables = tables, .count = 64 };
	memset(gs, 0, sizeof(gs));
	memset(vm_mem, 0, sizeof(vm_mem));
	memset(spmc_rx, 0, sizeof(spmc_rx));
	memset(spmc_mapped, 0, sizeof(spmc_mapped));
	spmc_map_error = spmc_send2_error = 0;
	forwarded = 0;
	mem_stub_nshyp_tx = hyp_tx;
	host_guest_count = NG;
	for (unsigned i = 0; i < NG; i++) {
		struct sys_mem mem = { (uintptr_t)vm_mem[i], IPA, VM_MEM, 0 };

		assert_int_equal(
		    vm_init(&gs[i].vm, nshyp_vms[i].vm_id, nshyp_vms[i].name, &mem, 0, 0, 0, &pool),
		    0);
		nshyp_guest_init(&gs[i], &nshyp_vms[i]);
		host_guests[i] = (struct host_guest){ .id = nshyp_vms[i].vm_id, .g = &gs[i] };
	}
	return 0;
}

static struct ffa_value call(struct guest *g, uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3)
{
	struct ffa_value *r = vcpu_ffa(&g->vm.vcpus[0]);
	const struct ffa_value in = { { x0, x1, x2, x3 } };

	*r = in;
	g->vm.vcpus[0].state = VCPU_RUNNING;
	nshyp_guest_call(g);
	return *r;
}

/* A call with w5 (PARTITION_INFO_GET's flags). */
static struct ffa_value call5(struct guest *g, uint64_t x0, uint64_t x5)
{
	struct ffa_value *r = vcpu_ffa(&g->vm.vcpus[0]);
	const struct ffa_value in = { { x0, 0, 0, 0, 0, x5 } };

	*r = in;
	g->vm.vcpus[0].state = VCPU_RUNNING;
	nshyp_guest_call(g);
	return *r;
}

static void assert_error(struct ffa_value r, int32_t code)
{
	assert_int_equal((uint32_t)r.x[0], FFA_ERROR);
	assert_int_equal((int32_t)r.x[2], code);
}

static void assert_ok(struct ffa_value r)
{
	assert_int_equal((uint32_t)r.x[0], FFA_SUCCESS_32);
	assert_int_equal(r.x[2], 0);
}

static unsigned idx(const struct guest *g)
{
	return (unsigned)(g - gs);
}

static void map(struct guest *g)
{
	assert_ok(call(g, FFA_RXTX_MAP_64, IPA + TX, IPA + RX, 1));
}

/* A message in g's TX: header, `size` bytes of 0x40 + n at offset 20. */
static void put_msg(struct guest *g, uint32_t ids, uint32_t size)
{
	struct ffa_msg_header h = { 0, 0, FFA_MSG_HEADER_SIZE, ids, size };
	uint8_t *tx = &vm_mem[idx(g)][TX];

	memcpy(tx, &h, sizeof(h));
	for (uint32_t n = 0; n < size && FFA_MSG_HEADER_SIZE + n < 4096; n++)
		tx[FFA_MSG_HEADER_SIZE + n] = (uint8_t)(0x40 + n);
}

static struct ffa_value send2(struct guest *g)
{
	return call(g, FFA_MSG_SEND2, 0, 0, 0);
}

/* ---- the pair at the SPMC ------------------------------------------------------------------ */

static void map_is_forwarded(void **state)
{
	(void)state;
	map(g1);
	assert_int_equal((uint32_t)last.x[0], FFA_RXTX_MAP_64);
	assert_int_equal(last.x[1] | last.x[2] | last.x[3], 0); /* the forwarded form */
	assert_int_equal(spmc_desc.endpoint_id, 1);
	assert_int_equal(spmc_desc.reserved | spmc_desc.pad, 0);
	assert_int_equal(spmc_range[0].address, (uintptr_t)&vm_mem[0][RX]); /* PAs */
	assert_int_equal(spmc_range[1].address, (uintptr_t)&vm_mem[0][TX]);
	assert_int_equal(spmc_range[0].page_count, 1);
	assert_true(g1->rxtx_at_spmc);
	/* Refused at nshyp (mapped already): nothing forwarded. */
	forwarded = 0;
	assert_error(call(g1, FFA_RXTX_MAP_64, IPA + TX, IPA + RX, 1), FFA_RET_DENIED);
	assert_int_equal(forwarded, 0);
	assert_ok(call(g1, FFA_RXTX_UNMAP, 0, 0, 0));
	assert_int_equal((uint32_t)last.x[0], FFA_RXTX_UNMAP);
	assert_int_equal(last.x[1], 1u << 16);
	assert_false(g1->rxtx_at_spmc);
	assert_false(spmc_mapped[1]);
}

static void map_refused_by_the_spmc(void **state)
{
	(void)state;
	spmc_map_error = FFA_RET_NO_MEMORY;
	assert_error(call(g1, FFA_RXTX_MAP_64, IPA + TX, IPA + RX, 1), FFA_RET_NO_MEMORY);
	assert_int_equal(g1->rxtx.tx_pa, 0); /* undone at nshyp too */
	/* An SPMC without it: the pair stays at nshyp alone. */
	spmc_map_error = FFA_RET_NOT_SUPPORTED;
	map(g1);
	assert_false(g1->rxtx_at_spmc);
	/* No TX of nshyp's own: nothing to forward from. */
	assert_ok(call(g1, FFA_RXTX_UNMAP, 0, 0, 0));
	spmc_map_error = 0;
	mem_stub_nshyp_tx = 0;
	forwarded = 0;
	map(g1);
	assert_false(g1->rxtx_at_spmc);
	assert_int_equal(forwarded, 0);
}

/* ---- VM to VM ------------------------------------------------------------------------------- */

static void vm_to_vm_delivered(void **state)
{
	struct ffa_msg_header h;
	struct ffa_value r;

	(void)state;
	map(g1);
	map(g2);
	put_msg(g1, ffa_msg_ids(1, 2), 4);
	assert_ok(send2(g1));
	assert_int_equal(spmc_rx[2], ACQUIRED); /* nshyp took it from the SPMC first */
	memcpy(&h, &vm_mem[1][RX], sizeof(h));
	assert_int_equal(h.ids, ffa_msg_ids(1, 2));
	assert_int_equal(h.offset, FFA_MSG_HEADER_SIZE);
	assert_memory_equal(&vm_mem[1][RX + FFA_MSG_HEADER_SIZE], "@ABC", 4);
	/* guest2 gets its NPI, as for a VM-to-VM SET (§10.7); the sender none. */
	assert_int_equal(host_guests[1].npis, 1);
	assert_int_equal(host_guests[0].npis, 0);
	/* guest2's GET: the SPMC's bitmaps, and nshyp's "RX full" in w7, once. */
	r = call(g2, FFA_NOTIFICATION_GET, 2, FFA_NOTIF_GET_ALL, 0);
	assert_int_equal((uint32_t)r.x[0], FFA_SUCCESS_32);
	assert_int_equal(r.x[6], FFA_NOTIF_FWK_RX_FULL);
	assert_int_equal(r.x[7], FFA_NOTIF_FWK_RX_FULL);
	r = call(g2, FFA_NOTIFICATION_GET, 2, FFA_NOTIF_GET_ALL, 0);
	assert_int_equal(r.x[7], 0);
	/* Full until guest2 releases it; the release goes to the SPMC. */
	assert_error(send2(g1), FFA_RET_BUSY);
	assert_ok(call(g2, FFA_RX_RELEASE, 0, 0, 0));
	assert_int_equal((uint32_t)last.x[0], FFA_RX_RELEASE);
	assert_int_equal(last.x[1], 2);
	assert_int_equal(spmc_rx[2], EMPTY);
	assert_error(call(g2, FFA_RX_RELEASE, 0, 0, 0), FFA_RET_DENIED);
	assert_int_equal(host_guests[1].npis, 1); /* the BUSY send injected nothing */
	assert_ok(send2(g1));
	assert_int_equal(host_guests[1].npis, 2);
	/* And back: guest2 to guest1. */
	put_msg(g2, ffa_msg_ids(2, 1), 1);
	assert_ok(send2(g2));
	assert_int_equal(vm_mem[0][RX + FFA_MSG_HEADER_SIZE], 0x40);
	assert_int_equal(host_guests[0].npis, 1);
}

/*
 * Without a framework bitmap wanted, nshyp's bit stays pending; either framework flag reads it
 * (as the SPMC answers, notif_spmc.c's GET), once.
 */
static void get_without_hyp_flag(void **state)
{
	(void)state;
	map(g1);
	map(g2);
	put_msg(g1, ffa_msg_ids(1, 2), 1);
	assert_ok(send2(g1));
	assert_int_equal(call(g2, FFA_NOTIFICATION_GET, 2, FFA_NOTIF_GET_VM, 0).x[7], 0);
	assert_int_equal(call(g2, FFA_NOTIFICATION_GET, 2, FFA_NOTIF_GET_SPM, 0).x[7],
			 FFA_NOTIF_FWK_RX_FULL);
	assert_int_equal(call(g2, FFA_NOTIFICATION_GET, 2, FFA_NOTIF_GET_HYP, 0).x[7], 0);
}

/* A partition's message in guest2's RX (the SPMC's FULL): BUSY for VMs and for discovery. */
static void rx_held_by_a_partitions_message(void **state)
{
	(void)state;
	map(g1);
	map(g2);
	spmc_rx[2] = FULL;
	put_msg(g1, ffa_msg_ids(1, 2), 1);
	assert_error(send2(g1), FFA_RET_BUSY);
	assert_int_equal(host_guests[1].npis, 0); /* refused: no NPI */
	assert_error(call(g2, FFA_PARTITION_INFO_GET, 0, 0, 0), FFA_RET_BUSY);
	assert_ok(call(g2, FFA_RX_RELEASE, 0, 0, 0)); /* guest2 read it */
	assert_ok(send2(g1));
}

static void send2_refusals(void **state)
{
	(void)state;
	map(g1);
	map(g2);
	map(g3);
	put_msg(g1, ffa_msg_ids(1, 2), 1);
	/* w1 (a sender only a hypervisor gives), w2 (flags: a partition's). */
	assert_error(call(g1, FFA_MSG_SEND2, 1u << 16, 0, 0), INV);
	assert_error(call(g1, FFA_MSG_SEND2, 0, FFA_MSG_SEND2_FLAG_DELAY_SRI, 0), INV);
	/* Header: spoofed sender, to itself, to the hypervisor, to no VM, MBZ, offset, size. */
	put_msg(g1, ffa_msg_ids(2, 2), 1);
	assert_error(send2(g1), INV);
	put_msg(g1, ffa_msg_ids(3, 2), 1);
	assert_error(send2(g1), INV);
	put_msg(g1, ffa_msg_ids(1, 1), 1);
	assert_error(send2(g1), INV);
	put_msg(g1, ffa_msg_ids(1, 0), 1);
	assert_error(send2(g1), INV);
	put_msg(g1, ffa_msg_ids(1, 9), 1);
	assert_error(send2(g1), INV);
	put_msg(g1, ffa_msg_ids(1, 2), 1);
	vm_mem[0][TX + 4] = 1; /* reserved */
	assert_error(send2(g1), INV);
	put_msg(g1, ffa_msg_ids(1, 2), 1);
	vm_mem[0][TX + 8] = 19; /* offset inside the header */
	assert_error(send2(g1), INV);
	put_msg(g1, ffa_msg_ids(1, 2), 4096 - FFA_MSG_HEADER_SIZE + 1);
	assert_error(send2(g1), INV);
	put_msg(g1, ffa_msg_ids(1, 2), UINT32_MAX);
	assert_error(send2(g1), INV);
	/* The VM-to-VM binding: guest1 names only guest2; guest4 names nobody. */
	put_msg(g1, ffa_msg_ids(1, 3), 1);
	assert_error(send2(g1), FFA_RET_DENIED);
	map(g4);
	put_msg(g4, ffa_msg_ids(4, 1), 1);
	assert_error(send2(g4), FFA_RET_DENIED);
	assert_false(g1->rxtx.rx_full || g2->rxtx.rx_full || g3->rxtx.rx_full);
	assert_int_equal(spmc_rx[2], EMPTY);
	/* Nothing mapped on either side. */
	assert_ok(call(g2, FFA_RXTX_UNMAP, 0, 0, 0));
	put_msg(g1, ffa_msg_ids(1, 2), 1);
	assert_error(send2(g1), FFA_RET_BUSY);
	assert_error(send2(g2), FFA_RET_DENIED); /* no TX */
	/* A receiver that ended. */
	map(g2);
	host_guests[1].ended = true;
	assert_error(send2(g1), FFA_RET_ABORTED);
	/* No refusal injected an NPI. */
	for (unsigned i = 0; i < 4; i++)
		assert_int_equal(host_guests[i].npis, 0);
}

/* Receiver's RX smaller than the sender's TX: the message must fit it. */
static void larger_than_receivers_rx(void **state)
{
	(void)state;
	assert_ok(call(g1, FFA_RXTX_MAP_64, IPA + 0x4000, IPA + 0x8000, 2));
	map(g2);
	{
		struct ffa_msg_header h = { 0, 0, FFA_MSG_HEADER_SIZE, ffa_msg_ids(1, 2), 5000 };

		memcpy(&vm_mem[0][0x4000], &h, sizeof(h));
	}
	assert_error(send2(g1), INV);
	assert_int_equal(spmc_rx[2], EMPTY); /* given back */
	assert_int_equal(host_guests[1].npis, 0);
}

/* ---- VM to partition --------------------------------------------------------------------------
 */

static void vm_to_partition_forwarded(void **state)
{
	(void)state;
	map(g1);
	put_msg(g1, ffa_msg_ids(1, A), 8);
	assert_ok(send2(g1));
	assert_int_equal((uint32_t)last.x[0], FFA_MSG_SEND2);
	assert_int_equal(last.x[1], 1u << 16); /* the VM it sends for */
	assert_int_equal(last.x[2], 0);
	spmc_send2_error = FFA_RET_BUSY; /* the SPMC's answer goes back as it is */
	assert_error(send2(g1), FFA_RET_BUSY);
	/* The binding policy first: guest1 may not use B; an unknown partition. */
	forwarded = 0;
	put_msg(g1, ffa_msg_ids(1, B), 8);
	assert_error(send2(g1), FFA_RET_DENIED);
	put_msg(g1, ffa_msg_ids(1, 0x8009), 8);
	assert_error(send2(g1), INV);
	assert_int_equal(forwarded, 0);
}

static void vm_to_partition_without_spmc_buffers(void **state)
{
	(void)state;
	spmc_map_error = FFA_RET_NOT_SUPPORTED;
	map(g1);
	put_msg(g1, ffa_msg_ids(1, A), 8);
	forwarded = 0;
	assert_error(send2(g1), FFA_RET_DENIED);
	assert_int_equal(forwarded, 0);
}

/* ---- discovery, features, the end --------------------------------------------------------------
 */

static void discovery_acquires_rx(void **state)
{
	(void)state;
	map(g1);
	assert_int_equal((uint32_t)call(g1, FFA_PARTITION_INFO_GET, 0, 0, 0).x[0], FFA_SUCCESS_32);
	assert_int_equal(spmc_rx[1], ACQUIRED);
	assert_error(call(g1, FFA_PARTITION_INFO_GET, 0, 0, 0), FFA_RET_BUSY);
	assert_ok(call(g1, FFA_RX_RELEASE, 0, 0, 0));
	assert_int_equal(spmc_rx[1], EMPTY);
	/* Count only writes nothing: no acquire. A refused discovery gives the RX back. */
	forwarded = 0;
	assert_int_equal(
	    (uint32_t)call5(g1, FFA_PARTITION_INFO_GET, FFA_PARTITION_INFO_COUNT_ONLY).x[0],
	    FFA_SUCCESS_32);
	assert_int_equal(forwarded, 0);
	assert_error(call(g1, FFA_PARTITION_INFO_GET, 1, 2, 3), INV); /* no such UUID */
	assert_int_equal(spmc_rx[1], EMPTY);
}

static void features(void **state)
{
	(void)state;
	assert_int_equal((uint32_t)call(g1, FFA_FEATURES, FFA_MSG_SEND2, 0, 0).x[0],
			 FFA_SUCCESS_32); /* a VM and A */
	assert_int_equal((uint32_t)call(g3, FFA_FEATURES, FFA_MSG_SEND2, 0, 0).x[0],
			 FFA_SUCCESS_32); /* a VM */
	assert_error(call(g4, FFA_FEATURES, FFA_MSG_SEND2, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(call(g1, FFA_FEATURES, FFA_RX_ACQUIRE, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(call(g1, FFA_RX_ACQUIRE, 1, 0, 0), FFA_RET_NOT_SUPPORTED); /* nshyp's only */
}

static void guest_end_unmaps_at_the_spmc(void **state)
{
	(void)state;
	map(g1);
	map(g2);
	put_msg(g1, ffa_msg_ids(1, 2), 1);
	assert_ok(send2(g1));
	nshyp_msg_guest_end(g2);
	assert_false(spmc_mapped[2]);
	assert_int_equal(g2->rxtx.tx_pa, 0);
	assert_int_equal(g2->fwk_pending, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(map_is_forwarded, setup),
		cmocka_unit_test_setup(map_refused_by_the_spmc, setup),
		cmocka_unit_test_setup(vm_to_vm_delivered, setup),
		cmocka_unit_test_setup(get_without_hyp_flag, setup),
		cmocka_unit_test_setup(rx_held_by_a_partitions_message, setup),
		cmocka_unit_test_setup(send2_refusals, setup),
		cmocka_unit_test_setup(larger_than_receivers_rx, setup),
		cmocka_unit_test_setup(vm_to_partition_forwarded, setup),
		cmocka_unit_test_setup(vm_to_partition_without_spmc_buffers, setup),
		cmocka_unit_test_setup(discovery_acquires_rx, setup),
		cmocka_unit_test_setup(features, setup),
		cmocka_unit_test_setup(guest_end_unmaps_at_the_spmc, setup),
	};

	return cmocka_run_group_tests(tests, 0, 0);
}
