// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host unit tests of nshyp's VM-to-VM direct messages (hyp/role/nshyp/vm_msg.c) through its
 * call handler (guest_calls.c), with the fake architecture: four guests, the run queue's view
 * stood in by test/fuzz/host_guests.h. Delivery of _32 and _64 requests and responses (w1-w7
 * zero-extended for _32), every refusal of a request (sender, flags, itself, no such VM,
 * binding, busy, ended) and of a response (none pending, width, IDs, flags), FFA_MSG_WAIT's
 * rules, FFA_FEATURES, chains without cycles, and a guest's end on either side. And the
 * VM-to-VM notifications nshyp keeps (notif_nshyp.c): bind, set, the receiver's NPI, GET merged
 * with the SPMC's answer, every refusal, a guest's end.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../hyp/role/nshyp/nshyp.h"
#include "../fuzz/host_guests.h"

#define VM_MEM (64 * 1024)
#define A      0x8001
#define NG     4

static uint8_t vm_mem[NG][VM_MEM] __attribute__((aligned(4096)));
static s2_table_t tables[64] __attribute__((aligned(4096)));
static struct guest gs[NG];
/* guest1 and guest2 address each other, guest2 guest3 too; nobody addresses guest4. */
#define g1 (&gs[0])
#define g2 (&gs[1])
#define g3 (&gs[2])
#define g4 (&gs[3])

const struct sys_sp nshyp_sps[] = {
	{ .name = "A", .ffa_id = A, .uuid = { 1 }, .properties = 0x103 },
};
const unsigned nshyp_sp_count = 1;
const struct sys_vm nshyp_vms[NG] = {
	{ .name = "guest1",
	  .vm_id = 1,
	  .allowed_sp = { A },
	  .allowed_sp_count = 1,
	  .allowed_vm = { 2 },
	  .allowed_vm_count = 1 },
	{ .name = "guest2", .vm_id = 2, .allowed_vm = { 1, 3 }, .allowed_vm_count = 2 },
	{ .name = "guest3", .vm_id = 3, .allowed_vm = { 2 }, .allowed_vm_count = 1 },
	{ .name = "guest4", .vm_id = 4 },
};
const unsigned nshyp_vm_count = NG;

static unsigned forwarded;

/* The SPMC's notifications bitmap from partitions, in its GET answers (w2). */
#define SP_BITS 0x70u

/* The SPMC's INFO_GET_64 answers, in turn (then NO_DATA). */
static struct ffa_value info_answers[4];
static unsigned info_count, info_next;

void nshyp_forward(struct ffa_value *m)
{
	forwarded++;
	if ((uint32_t)m->x[0] == FFA_NOTIFICATION_INFO_GET_64)
		*m =
		    info_next < info_count ? info_answers[info_next++] : ffa_error(FFA_RET_NO_DATA);
	else if ((uint32_t)m->x[0] == FFA_NOTIFICATION_GET && m->x[2] <= FFA_NOTIF_GET_ALL)
		*m = ffa_success(m->x[2] & FFA_NOTIF_GET_SP ? SP_BITS : 0);
	else
		*m = ffa_error(FFA_RET_NOT_SUPPORTED);
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
	pool = (struct s2_pool){ .tables = tables, .count = 64 }; /* the guests keep it */
	memset(gs, 0, sizeof(gs));
	forwarded = 0;
	info_count = info_next = 0;
	host_guest_count = NG;
	for (unsigned i = 0; i < NG; i++) {
		struct sys_mem mem = { (uintptr_t)vm_mem[i], 0x40000000ull, VM_MEM, 0 };

		assert_int_equal(
		    vm_init(&gs[i].vm, nshyp_vms[i].vm_id, nshyp_vms[i].name, &mem, 0, 0, 0, &pool),
		    0);
		nshyp_guest_init(&gs[i], &nshyp_vms[i]);
		host_guests[i] = (struct host_guest){ .id = nshyp_vms[i].vm_id, .g = &gs[i] };
	}
	return 0;
}

static struct ffa_value *regs(struct guest *g)
{
	return vcpu_ffa(&g->vm.vcpus[0]);
}

/* Guest g makes call x0-x7 (what the guest sees afterwards is its frame). */
static struct ffa_value call8(struct guest *g, const uint64_t x[8])
{
	memcpy(regs(g)->x, x, 8 * sizeof(uint64_t));
	g->vm.vcpus[0].state = VCPU_RUNNING;
	nshyp_guest_call(g);
	return *regs(g);
}

static struct ffa_value call(struct guest *g, uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3)
{
	const uint64_t x[8] = { x0, x1, x2, x3 };

	return call8(g, x);
}

static bool blocked(const struct guest *g)
{
	return host_guests[g - gs].blocked;
}

static void assert_error(struct ffa_value r, int32_t code)
{
	assert_int_equal((uint32_t)r.x[0], FFA_ERROR);
	assert_int_equal((int32_t)r.x[2], code);
}

static uint64_t ids(ffa_id_t from, ffa_id_t to)
{
	return ffa_msg_ids(from, to);
}

/* g waits for requests (FFA_MSG_WAIT): it is parked. */
static void wait_for_requests(struct guest *g)
{
	call(g, FFA_MSG_WAIT, 0, 0, 0);
	assert_true(blocked(g));
	assert_int_equal(g->msg.state, VM_MSG_RECEIVING);
}

/* A _32 request: the receiver gets w1-w7 zero-extended, the response comes back the same way. */
static void test_request_response_32(void **state)
{
	const uint64_t req[8] = { FFA_MSG_SEND_DIRECT_REQ_32,
				  ids(1, 2),
				  0,
				  0x1125534411255344ull,
				  0xffffffff00000004ull,
				  5,
				  0x8000000000000006ull,
				  7 };
	const uint64_t resp[8] = { FFA_MSG_SEND_DIRECT_RESP_32,
				   ids(2, 1),
				   0,
				   0xdead00000000beefull,
				   0x1ull << 40 | 2,
				   3,
				   4,
				   5 };
	struct ffa_value *d;

	wait_for_requests(g2);
	call8(g1, req);
	assert_true(blocked(g1));
	assert_false(blocked(g2));
	assert_int_equal(g1->msg.state, VM_MSG_SENDING);
	d = regs(g2);
	assert_int_equal(d->x[0], FFA_MSG_SEND_DIRECT_REQ_32);
	assert_int_equal(d->x[1], ids(1, 2));
	assert_int_equal(d->x[2], 0);
	assert_int_equal(d->x[3], 0x11255344);
	assert_int_equal(d->x[4], 4);
	assert_int_equal(d->x[5], 5);
	assert_int_equal(d->x[6], 6);
	assert_int_equal(d->x[7], 7);
	call8(g2, resp);
	assert_true(blocked(g2)); /* waits for its next message */
	assert_int_equal(g2->msg.state, VM_MSG_RECEIVING);
	assert_false(blocked(g1));
	assert_int_equal(g1->msg.state, VM_MSG_RUNNING);
	d = regs(g1);
	assert_int_equal(d->x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	assert_int_equal(d->x[1], ids(2, 1));
	assert_int_equal(d->x[2], 0);
	assert_int_equal(d->x[3], 0xbeef);
	assert_int_equal(d->x[4], 2);
	assert_int_equal(d->x[7], 5);
	assert_int_equal(forwarded, 0); /* nothing goes to the secure world */
}

/* A _64 request (SVE hint set) carries x3-x7 whole, both ways. */
static void test_request_response_64(void **state)
{
	const uint64_t req[8] = { FFA_MSG_SEND_DIRECT_REQ_64 | SMCCC_SVE_HINT,
				  ids(1, 2),
				  0,
				  0x1125534411255344ull,
				  1ull << 63,
				  5,
				  6,
				  0xffffffffffffffffull };
	const uint64_t resp[8] = { FFA_MSG_SEND_DIRECT_RESP_64,
				   ids(2, 1),
				   0,
				   0xdead00000000beefull,
				   0,
				   0,
				   0,
				   1ull << 32 };

	wait_for_requests(g2);
	call8(g1, req);
	assert_int_equal(regs(g2)->x[0], FFA_MSG_SEND_DIRECT_REQ_64); /* hint removed */
	assert_int_equal(regs(g2)->x[3], 0x1125534411255344ull);
	assert_int_equal(regs(g2)->x[4], 1ull << 63);
	assert_int_equal(regs(g2)->x[7], 0xffffffffffffffffull);
	/* The other width is not its response: refused, the request stays pending. */
	assert_error(call(g2, FFA_MSG_SEND_DIRECT_RESP_32, ids(2, 1), 0, 1),
		     FFA_RET_INVALID_PARAMETERS);
	assert_true(blocked(g1));
	call8(g2, resp);
	assert_int_equal(regs(g1)->x[0], FFA_MSG_SEND_DIRECT_RESP_64);
	assert_int_equal(regs(g1)->x[3], 0xdead00000000beefull);
	assert_int_equal(regs(g1)->x[7], 1ull << 32);
	assert_false(blocked(g1));
}

/* Every refusal of a request leaves both guests as they were. */
static void test_request_refusals(void **state)
{
	/* A receiver that never waited: BUSY. */
	assert_error(call(g1, FFA_MSG_SEND_DIRECT_REQ_32, ids(1, 2), 0, 1), FFA_RET_BUSY);
	assert_false(blocked(g1));
	wait_for_requests(g2);
	assert_error(call(g1, FFA_MSG_SEND_DIRECT_REQ_32, ids(1, 1), 0, 1),
		     FFA_RET_INVALID_PARAMETERS); /* itself */
	assert_error(call(g1, FFA_MSG_SEND_DIRECT_REQ_32, ids(1, 9), 0, 1),
		     FFA_RET_INVALID_PARAMETERS); /* no such VM */
	assert_error(call(g1, FFA_MSG_SEND_DIRECT_REQ_32, ids(3, 2), 0, 1),
		     FFA_RET_INVALID_PARAMETERS); /* claims another sender */
	assert_error(call(g1, FFA_MSG_SEND_DIRECT_REQ_32, 1ull << 32 | ids(1, 2), 0, 1),
		     FFA_RET_INVALID_PARAMETERS); /* x1[63:32] */
	assert_error(call(g1, FFA_MSG_SEND_DIRECT_REQ_32, ids(1, 2), 1u << 8, 1),
		     FFA_RET_INVALID_PARAMETERS); /* w2 MBZ */
	assert_error(call(g1, FFA_MSG_SEND_DIRECT_REQ_64, ids(1, 2),
			  FFA_MSG_FLAG_FRAMEWORK | FFA_FWK_VM_CREATED, 1),
		     FFA_RET_INVALID_PARAMETERS); /* framework messages are nshyp's */
	assert_error(call(g1, FFA_MSG_SEND_DIRECT_REQ_32, ids(1, 3), 0, 1),
		     FFA_RET_DENIED); /* exists, not in its binding */
	assert_error(call(g4, FFA_MSG_SEND_DIRECT_REQ_32, ids(4, 2), 0, 1),
		     FFA_RET_DENIED); /* a binding of none */
	assert_error(call(g3, FFA_MSG_SEND_DIRECT_REQ_32, ids(3, 1), 0, 1),
		     FFA_RET_DENIED); /* the binding is one way */
	assert_false(blocked(g1));
	assert_int_equal(g2->msg.state, VM_MSG_RECEIVING);
	assert_int_equal(g2->msg.requester, 0);
	assert_int_equal(forwarded, 0);
}

/* One request at a time: a receiver serving one, or itself waiting for an answer, is BUSY. */
static void test_busy_receivers_and_no_cycles(void **state)
{
	wait_for_requests(g2);
	call(g1, FFA_MSG_SEND_DIRECT_REQ_32, ids(1, 2), 0, 1);
	assert_error(call(g3, FFA_MSG_SEND_DIRECT_REQ_32, ids(3, 2), 0, 1),
		     FFA_RET_BUSY); /* guest2 is serving guest1 */
	assert_false(blocked(g3));
	/* A chain: guest2, serving guest1, asks guest3, which answers. */
	wait_for_requests(g3);
	call(g2, FFA_MSG_SEND_DIRECT_REQ_64, ids(2, 3), 0, 40);
	assert_true(blocked(g2));
	assert_int_equal(g2->msg.requester, 1); /* still holds guest1's request */
	assert_int_equal(regs(g3)->x[3], 40);
	/* guest3 cannot ask guest2 back (it waits for an answer, not for requests). */
	assert_error(call(g3, FFA_MSG_SEND_DIRECT_REQ_32, ids(3, 2), 0, 1), FFA_RET_BUSY);
	assert_error(call(g1, FFA_MSG_SEND_DIRECT_REQ_32, ids(1, 2), 0, 1), FFA_RET_BUSY);
	call(g3, FFA_MSG_SEND_DIRECT_RESP_64, ids(3, 2), 0, 41);
	assert_false(blocked(g2));
	assert_int_equal(regs(g2)->x[3], 41);
	call(g2, FFA_MSG_SEND_DIRECT_RESP_32, ids(2, 1), 0, 42);
	assert_false(blocked(g1));
	assert_int_equal(regs(g1)->x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	assert_int_equal(regs(g1)->x[3], 42);
	assert_true(blocked(g2) && blocked(g3));
}

/* Responses: only to the request held, exactly its response; MSG_WAIT only when free. */
static void test_response_refusals(void **state)
{
	assert_error(call(g2, FFA_MSG_SEND_DIRECT_RESP_32, ids(2, 1), 0, 1),
		     FFA_RET_DENIED); /* nobody asked */
	wait_for_requests(g2);
	call(g1, FFA_MSG_SEND_DIRECT_REQ_32, ids(1, 2), 0, 1);
	assert_error(call(g2, FFA_MSG_SEND_DIRECT_RESP_32, ids(2, 3), 0, 1),
		     FFA_RET_INVALID_PARAMETERS); /* to one that did not ask */
	assert_error(call(g2, FFA_MSG_SEND_DIRECT_RESP_32, ids(3, 1), 0, 1),
		     FFA_RET_INVALID_PARAMETERS); /* claims another sender */
	assert_error(call(g2, FFA_MSG_SEND_DIRECT_RESP_32, 1ull << 32 | ids(2, 1), 0, 1),
		     FFA_RET_INVALID_PARAMETERS); /* x1[63:32] */
	assert_error(call(g2, FFA_MSG_SEND_DIRECT_RESP_32, ids(2, 1), 0xffff, 1),
		     FFA_RET_INVALID_PARAMETERS); /* w2 MBZ (ACS ffa_direct_message_64) */
	assert_error(call(g2, FFA_MSG_SEND_DIRECT_RESP_64, ids(2, 1), 0, 1),
		     FFA_RET_INVALID_PARAMETERS);		       /* the other width */
	assert_error(call(g2, FFA_MSG_WAIT, 0, 0, 0), FFA_RET_DENIED); /* answer first */
	assert_true(blocked(g1));
	assert_int_equal(g2->msg.requester, 1);
	call(g2, FFA_MSG_SEND_DIRECT_RESP_32, ids(2, 1), 0, 1);
	assert_false(blocked(g1));
	/* A guest nobody may address takes no requests: as FFA_FEATURES says. */
	assert_error(call(g4, FFA_MSG_WAIT, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(call(g4, FFA_MSG_SEND_DIRECT_RESP_32, ids(4, 1), 0, 1), FFA_RET_NOT_SUPPORTED);
	assert_false(blocked(g4));
}

/* FFA_FEATURES advertises MSG_WAIT and the responses only to a guest another may address. */
static void test_features(void **state)
{
	static const uint32_t fids[] = { FFA_MSG_WAIT, FFA_MSG_SEND_DIRECT_RESP_32,
					 FFA_MSG_SEND_DIRECT_RESP_64 };

	for (unsigned i = 0; i < 3; i++) {
		assert_int_equal((uint32_t)call(g2, FFA_FEATURES, fids[i], 0, 0).x[0],
				 FFA_SUCCESS_32);
		assert_int_equal((uint32_t)call(g1, FFA_FEATURES, fids[i], 0, 0).x[0],
				 FFA_SUCCESS_32);
		assert_error(call(g4, FFA_FEATURES, fids[i], 0, 0), FFA_RET_NOT_SUPPORTED);
	}
	assert_int_equal((uint32_t)call(g4, FFA_FEATURES, FFA_MSG_SEND_DIRECT_REQ_32, 0, 0).x[0],
			 FFA_SUCCESS_32);
}

/* A guest whose request is stopped in a partition finishes that first. */
static void test_partition_held(void **state)
{
	wait_for_requests(g2);
	g1->yielded_sp = A;
	assert_error(call(g1, FFA_MSG_SEND_DIRECT_REQ_32, ids(1, 2), 0, 1), FFA_RET_BUSY);
	g1->yielded_sp = 0;
	g3->yielded_sp = A;
	assert_error(call(g3, FFA_MSG_WAIT, 0, 0, 0), FFA_RET_DENIED);
	assert_false(blocked(g3));
}

/* The receiver ends holding a request: the sender gets ABORTED, and so does any later one. */
static void test_receiver_end_aborts_sender(void **state)
{
	wait_for_requests(g2);
	call(g1, FFA_MSG_SEND_DIRECT_REQ_32, ids(1, 2), 0, 1);
	nshyp_guest_stopped(g2);
	host_guests[1].ended = true;
	assert_false(blocked(g1));
	assert_error(*regs(g1), FFA_RET_ABORTED);
	assert_int_equal(g1->msg.state, VM_MSG_RUNNING);
	assert_error(call(g1, FFA_MSG_SEND_DIRECT_REQ_32, ids(1, 2), 0, 1), FFA_RET_ABORTED);
	/* Ended while waiting for requests: nothing to release. */
	wait_for_requests(g3);
	nshyp_guest_stopped(g3);
	assert_int_equal(g3->msg.state, VM_MSG_RUNNING);
}

/* The sender ends waiting: the receiver's answer is dropped, and it waits for the next one. */
static void test_sender_end_drops_answer(void **state)
{
	wait_for_requests(g2);
	call(g1, FFA_MSG_SEND_DIRECT_REQ_32, ids(1, 2), 0, 1);
	nshyp_guest_stopped(g1);
	host_guests[0].ended = true;
	assert_int_equal(g1->msg.state, VM_MSG_RUNNING);
	regs(g1)->x[0] = 0;
	call(g2, FFA_MSG_SEND_DIRECT_RESP_32, ids(2, 1), 0, 1);
	assert_int_equal(regs(g1)->x[0], 0); /* nothing written to an ended guest */
	assert_true(blocked(g2));
	assert_int_equal(g2->msg.state, VM_MSG_RECEIVING);
	assert_int_equal(g2->msg.requester, 0);
	/* It serves others again. */
	call(g3, FFA_MSG_SEND_DIRECT_REQ_32, ids(3, 2), 0, 5);
	assert_int_equal(regs(g2)->x[1], ids(3, 2));
	assert_int_equal(regs(g2)->x[3], 5);
}

/* A virtual interrupt ends FFA_MSG_WAIT with FFA_INTERRUPT; a waiting sender stays parked. */
static void test_interrupt_ends_wait(void **state)
{
	wait_for_requests(g2);
	assert_false(vm_msg_sending(g2));
	vm_msg_resumed(g2);
	assert_int_equal(g2->msg.state, VM_MSG_RUNNING);
	assert_int_equal(regs(g2)->x[0], FFA_INTERRUPT);
	for (unsigned i = 1; i < 8; i++)
		assert_int_equal(regs(g2)->x[i], 0);
	/* Not waiting any more: a request finds it BUSY until it waits again. */
	assert_error(call(g1, FFA_MSG_SEND_DIRECT_REQ_32, ids(1, 2), 0, 1), FFA_RET_BUSY);
	wait_for_requests(g2);
	call(g1, FFA_MSG_SEND_DIRECT_REQ_32, ids(1, 2), 0, 1);
	assert_true(vm_msg_sending(g1));
	vm_msg_resumed(g1); /* not RECEIVING: nothing happens */
	assert_true(vm_msg_sending(g1));
	assert_true(vm_msg_blocked(g1));
}

/* Discovery (nil UUID): itself, then the VMs it may address (they take requests and indirect
 * messages), then its partitions; a guest another may address says so of itself too. */
static void test_discovery_lists_addressable_vms(void **state)
{
	const struct ffa_partition_info *d = (const void *)(vm_mem[1] + 0x2000);
	const uint32_t send = FFA_PART_PROP_DIRECT_REQ_SEND | FFA_PART_PROP_AARCH64;
	const uint32_t both = send | FFA_PART_PROP_DIRECT_REQ_RECV | FFA_PART_PROP_INDIRECT_MSG;
	struct ffa_value r;

	assert_int_equal((uint32_t)call(g2, FFA_RXTX_MAP_64, 0x40001000ull, 0x40002000ull, 1).x[0],
			 FFA_SUCCESS_32);
	r = call(g2, FFA_PARTITION_INFO_GET, 0, 0, 0);
	assert_int_equal((uint32_t)r.x[0], FFA_SUCCESS_32);
	assert_int_equal(r.x[2], 3);
	assert_int_equal(d[0].id, 2);
	assert_int_equal(d[0].properties, both);
	assert_int_equal(d[1].id, 1);
	assert_int_equal(d[1].properties, both);
	assert_int_equal(d[2].id, 3);
	assert_int_equal(d[2].exec_ctx_count, 1);
	/* guest1: itself, guest2, partition A; guest4 (no binding, nobody's peer): itself. */
	{
		const uint64_t x[8] = { FFA_PARTITION_INFO_GET,	      0, 0, 0, 0,
					FFA_PARTITION_INFO_COUNT_ONLY };

		assert_int_equal(call8(g1, x).x[2], 3);
		assert_int_equal(call8(g4, x).x[2], 1);
		assert_int_equal(call8(g3, x).x[2], 2);
	}
}

/* ---- VM-to-VM notifications (notif_nshyp.c; FF-A v1.1 §10.2, §13.12-13.15) ----------- */

static struct ffa_value notif(struct guest *g, uint32_t fid, uint64_t x1, uint64_t flags,
			      uint64_t bits)
{
	return call(g, fid, x1, flags, (uint32_t)bits) /* w3; w4 stays 0: IDs 0-31 */;
}

static void assert_ok(struct ffa_value r)
{
	assert_int_equal((uint32_t)r.x[0], FFA_SUCCESS_32);
}

/* guest1 (its binding names guest2) signals guest2: NPI, GET merged, cleared, unbound. */
static void test_vm_notifications(void **state)
{
	struct ffa_value r;

	(void)state;
	assert_ok(notif(g2, FFA_NOTIFICATION_BIND, ids(1, 2), 0, 0x6));
	assert_ok(notif(g2, FFA_NOTIFICATION_BIND, ids(1, 2), FFA_NOTIF_FLAG_PER_VCPU, 0x8));
	assert_ok(notif(g1, FFA_NOTIFICATION_SET, ids(1, 2), 0, 0x2));
	assert_int_equal(host_guests[1].npis, 1);
	assert_ok(notif(g1, FFA_NOTIFICATION_SET, ids(1, 2), FFA_NOTIF_FLAG_DELAY_SRI, 0x4));
	assert_ok(notif(g1, FFA_NOTIFICATION_SET, ids(1, 2), FFA_NOTIF_FLAG_PER_VCPU, 0x8));
	assert_int_equal(host_guests[1].npis, 3);
	/* GET without the VM flag: the SPMC's answer only, nshyp's stay pending. */
	r = notif(g2, FFA_NOTIFICATION_GET, 2, FFA_NOTIF_GET_SP, 0);
	assert_ok(r);
	assert_int_equal(r.x[2], SP_BITS);
	assert_int_equal(r.x[4], 0);
	/* Pending: not unbound. */
	assert_error(notif(g2, FFA_NOTIFICATION_UNBIND, ids(1, 2), 0, 0x2), FFA_RET_DENIED);
	r = notif(g2, FFA_NOTIFICATION_GET, 2, FFA_NOTIF_GET_ALL, 0);
	assert_ok(r);
	assert_int_equal(r.x[2], SP_BITS);
	assert_int_equal(r.x[4], 0xe);
	assert_int_equal(r.x[5], 0);
	assert_int_equal(notif(g2, FFA_NOTIFICATION_GET, 2, FFA_NOTIF_GET_VM, 0).x[4], 0);
	assert_ok(notif(g2, FFA_NOTIFICATION_UNBIND, ids(1, 2), 0, 0xe));
	assert_error(notif(g1, FFA_NOTIFICATION_SET, ids(1, 2), 0, 0x2), FFA_RET_DENIED);
	/* A GET the SPMC refuses (flags) is refused, nothing of nshyp's is taken. */
	assert_error(notif(g2, FFA_NOTIFICATION_GET, 2, 0x10, 0), FFA_RET_NOT_SUPPORTED);
	assert_int_equal(forwarded, 4);
}

static void test_vm_notification_refusals(void **state)
{
	(void)state;
	/* BIND: sender no VM of the system, itself, the hypervisor; flags MBZ; empty bitmap;
	 * for another receiver. */
	assert_error(notif(g2, FFA_NOTIFICATION_BIND, ids(9, 2), 0, 1), FFA_RET_INVALID_PARAMETERS);
	assert_error(notif(g2, FFA_NOTIFICATION_BIND, ids(2, 2), 0, 1), FFA_RET_INVALID_PARAMETERS);
	assert_error(notif(g2, FFA_NOTIFICATION_BIND, ids(0, 2), 0, 1), FFA_RET_INVALID_PARAMETERS);
	assert_error(notif(g2, FFA_NOTIFICATION_BIND, ids(1, 2), 0x10, 1),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(notif(g2, FFA_NOTIFICATION_BIND, ids(1, 2), 1ull << 32, 1),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(notif(g2, FFA_NOTIFICATION_BIND, ids(1, 2), 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_error(notif(g2, FFA_NOTIFICATION_BIND, ids(1, 3), 0, 1), FFA_RET_INVALID_PARAMETERS);
	/* The VM-to-VM policy: guest4 names nobody, guest1 does not name guest3. */
	assert_error(notif(g2, FFA_NOTIFICATION_BIND, ids(4, 2), 0, 1), FFA_RET_DENIED);
	assert_error(notif(g3, FFA_NOTIFICATION_BIND, ids(1, 3), 0, 1), FFA_RET_DENIED);
	assert_ok(notif(g2, FFA_NOTIFICATION_BIND, ids(1, 2), 0, 0x3));
	assert_ok(notif(g2, FFA_NOTIFICATION_BIND, ids(3, 2), 0, 0x4));
	/* Bound already (to the same sender or another). */
	assert_error(notif(g2, FFA_NOTIFICATION_BIND, ids(3, 2), 0, 0x1), FFA_RET_DENIED);
	assert_error(notif(g2, FFA_NOTIFICATION_BIND, ids(1, 2), 0, 0x1), FFA_RET_DENIED);
	/* SET: IDs bound to another sender, not bound, a receiver its binding does not name,
	 * itself, no such VM, the hypervisor; flags: per-vCPU mismatch, MBZ, vCPU 1, a vCPU with
	 * a global one; empty bitmap; as another sender. */
	assert_error(notif(g3, FFA_NOTIFICATION_SET, ids(3, 2), 0, 0x1), FFA_RET_DENIED);
	assert_error(notif(g1, FFA_NOTIFICATION_SET, ids(1, 2), 0, 0x8), FFA_RET_DENIED);
	assert_error(notif(g1, FFA_NOTIFICATION_SET, ids(1, 4), 0, 0x1), FFA_RET_DENIED);
	assert_error(notif(g1, FFA_NOTIFICATION_SET, ids(1, 1), 0, 0x1),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(notif(g1, FFA_NOTIFICATION_SET, ids(1, 9), 0, 0x1),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(notif(g1, FFA_NOTIFICATION_SET, ids(1, 0), 0, 0x1),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(notif(g1, FFA_NOTIFICATION_SET, ids(1, 2), FFA_NOTIF_FLAG_PER_VCPU, 0x1),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(notif(g1, FFA_NOTIFICATION_SET, ids(1, 2), 0x4, 0x1),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(notif(g1, FFA_NOTIFICATION_SET, ids(1, 2), 1 | 1u << 16, 0x1),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(notif(g1, FFA_NOTIFICATION_SET, ids(1, 2), 1u << 16, 0x1),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(notif(g1, FFA_NOTIFICATION_SET, ids(1, 2), 1ull << 32, 0x1),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(notif(g1, FFA_NOTIFICATION_SET, ids(1, 2), 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_error(notif(g1, FFA_NOTIFICATION_SET, ids(3, 2), 0, 0x4),
		     FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(host_guests[1].npis, 0);
	/* UNBIND: flags MBZ (the per-vCPU bit too), not bound to that sender. */
	assert_error(notif(g2, FFA_NOTIFICATION_UNBIND, ids(1, 2), 1, 0x1),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(notif(g2, FFA_NOTIFICATION_UNBIND, ids(3, 2), 0, 0x1), FFA_RET_DENIED);
	assert_error(notif(g2, FFA_NOTIFICATION_UNBIND, ids(1, 2), 0, 0x7), FFA_RET_DENIED);
	assert_ok(notif(g3, FFA_NOTIFICATION_SET, ids(3, 2), 0, 0x4));
	assert_int_equal(host_guests[1].npis, 1);
	assert_int_equal(forwarded, 0); /* none of it reached the SPMC */
}

/* A guest's end: a SET to it is refused; when it starts again nothing is left. */
static void test_vm_notifications_guest_end(void **state)
{
	(void)state;
	assert_ok(notif(g2, FFA_NOTIFICATION_BIND, ids(1, 2), 0, 0x1));
	assert_ok(notif(g1, FFA_NOTIFICATION_SET, ids(1, 2), 0, 0x1));
	host_guests[1].ended = true;
	nshyp_notif_guest_end(g2);
	assert_int_equal(g2->notif.bind.bound | g2->notif.pending, 0);
	assert_error(notif(g1, FFA_NOTIFICATION_SET, ids(1, 2), 0, 0x1), FFA_RET_DENIED);
	assert_int_equal(host_guests[1].npis, 1);
	host_guests[1].ended = false;
	nshyp_notif_guest_start(g2);
	assert_error(notif(g1, FFA_NOTIFICATION_SET, ids(1, 2), 0, 0x1), FFA_RET_DENIED);
}

/*
 * The SRI (nshyp_notif_sri()): INFO_GET_64 until nothing more; each listed guest gets its NPI,
 * partitions and unknown VMs nothing; a list with a vCPU ID skips it. Hostile answers (31 lists,
 * vCPU counts past the registers, an endless "more pending") read nothing past x7 and stop.
 */
static void test_sri_injects_listed_guests(void **state)
{
	(void)state;
	/* Lists: VM 2 with vCPU 0, partition A, VM 9 (none); more pending. Then VM 3. */
	info_answers[0] =
	    (struct ffa_value){ { FFA_SUCCESS_64, 0,
				  FFA_NOTIF_INFO_MORE | 3u << FFA_NOTIF_INFO_LISTS_SHIFT |
				      1u << FFA_NOTIF_INFO_LIST_SHIFT,
				  2 | (uint64_t)0 << 16 | (uint64_t)A << 32 | 9ull << 48 } };
	info_answers[1] =
	    (struct ffa_value){ { FFA_SUCCESS_64, 0, 1u << FFA_NOTIF_INFO_LISTS_SHIFT, 3 } };
	info_count = 2;
	nshyp_notif_sri();
	assert_int_equal(host_guests[0].npis, 0);
	assert_int_equal(host_guests[1].npis, 1);
	assert_int_equal(host_guests[2].npis, 1);
	assert_int_equal(forwarded, 2); /* the second said nothing more */
	/* Hostile: 31 lists of 3 vCPU IDs each, all IDs VM 4, "more" for ever. */
	for (unsigned i = 0; i < 4; i++)
		info_answers[i] = (struct ffa_value){
			{ FFA_SUCCESS_64, 0,
			  FFA_NOTIF_INFO_MORE | 31u << FFA_NOTIF_INFO_LISTS_SHIFT | 0xfffff000u,
			  0x0004000400040004ull, 0x0004000400040004ull, 0x0004000400040004ull,
			  0x0004000400040004ull, 0x0004000400040004ull }
		};
	info_count = 4;
	info_next = 0;
	forwarded = 0;
	nshyp_notif_sri();
	assert_int_equal(forwarded, 4);		      /* bounded */
	assert_int_equal(host_guests[3].npis, 4 * 5); /* 5 lists of 4 IDs fit in x3-x7 */
}

/* The NPI for a guest another VM may signal (no SRI from the SPMC here); never the SRI. */
static void test_npi_feature(void **state)
{
	struct ffa_value r;

	(void)state;
	r = call(g2, FFA_FEATURES, FFA_FEATURE_NPI, 0, 0);
	assert_ok(r);
	assert_int_equal(r.x[2], NSHYP_NPI_INTID);
	assert_error(call(g4, FFA_FEATURES, FFA_FEATURE_NPI, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(call(g2, FFA_FEATURES, FFA_FEATURE_SRI, 0, 0), FFA_RET_NOT_SUPPORTED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_request_response_32, setup),
		cmocka_unit_test_setup(test_request_response_64, setup),
		cmocka_unit_test_setup(test_request_refusals, setup),
		cmocka_unit_test_setup(test_busy_receivers_and_no_cycles, setup),
		cmocka_unit_test_setup(test_response_refusals, setup),
		cmocka_unit_test_setup(test_features, setup),
		cmocka_unit_test_setup(test_partition_held, setup),
		cmocka_unit_test_setup(test_receiver_end_aborts_sender, setup),
		cmocka_unit_test_setup(test_sender_end_drops_answer, setup),
		cmocka_unit_test_setup(test_interrupt_ends_wait, setup),
		cmocka_unit_test_setup(test_discovery_lists_addressable_vms, setup),
		cmocka_unit_test_setup(test_vm_notifications, setup),
		cmocka_unit_test_setup(test_vm_notification_refusals, setup),
		cmocka_unit_test_setup(test_vm_notifications_guest_end, setup),
		cmocka_unit_test_setup(test_npi_feature, setup),
		cmocka_unit_test_setup(test_sri_injects_listed_guests, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
