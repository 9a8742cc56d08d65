// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host unit tests of nshyp's guest-call handling (hyp/role/nshyp/guest_calls.c)
 * with the fake architecture: the FF-A proxy (sender check, binding policy,
 * the yielded-request rule, FFA_RUN), discovery and RX/TX through the guest's
 * own stage 2, version negotiation, virtual PSCI and unknown IDs. The secure
 * world is a stub that records what was forwarded and answers as scripted.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <abi/psci.h>
#include <abi/smccc.h>

#include "../../hyp/role/nshyp/nshyp.h"
#include "../../hyp/role/nshyp/sched.h"

/* nshyp's scheduler hooks around a stopped guest's resumes (test/fuzz/host_stubs.c). */
extern unsigned host_resume_begins, host_resume_preempted;
extern ffa_id_t host_busy_sp;

#define VM_MEM (64 * 1024)
#define VM_IPA 0x40000000ull
#define A      0x8001
#define B      0x8002

static uint8_t vm_mem[VM_MEM] __attribute__((aligned(4096)));
static s2_table_t tables[16] __attribute__((aligned(4096)));
static struct guest g;

const struct sys_sp nshyp_sps[] = {
	{ .name = "A", .ffa_id = A, .uuid = { 1 }, .properties = 0x103 },
	{ .name = "B", .ffa_id = B, .uuid = { 2 }, .properties = 0x103 },
};
const unsigned nshyp_sp_count = 2;
static const struct sys_vm vm_cfg = {
	.name = "guest1", .vm_id = 1, .allowed_sp = { A }, .allowed_sp_count = 1
};
const struct sys_vm nshyp_vms[1];
const unsigned nshyp_vm_count = 1;

/* The secure world: what it was sent, and what it answers next. */
static unsigned forwarded;
static struct ffa_value last_forwarded, next_answer;

void nshyp_forward(struct ffa_value *m)
{
	forwarded++;
	last_forwarded = *m;
	*m = next_answer;
}

unsigned arch_enter_lower(struct arch_regs *regs)
{
	(void)regs;
	fail_msg("guest_calls.c never runs a vCPU");
	return 0;
}

static int setup(void **state)
{
	struct s2_pool pool = { .tables = tables, .count = 16 };
	struct sys_mem mem = { (uintptr_t)vm_mem, VM_IPA, VM_MEM, 0 };

	(void)state;
	memset(&g, 0, sizeof(g));
	forwarded = 0;
	host_resume_begins = host_resume_preempted = 0;
	host_busy_sp = 0;
	next_answer =
	    (struct ffa_value){ { FFA_MSG_SEND_DIRECT_RESP_32, ((uint64_t)A << 16) | 1 } };
	assert_int_equal(vm_init(&g.vm, 1, "guest1", &mem, 0, 0, 0, &pool), 0);
	nshyp_guest_init(&g, &vm_cfg);
	return 0;
}

static struct ffa_value guest(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3, uint64_t x5)
{
	struct ffa_value *m = vcpu_ffa(&g.vm.vcpus[0]);

	*m = (struct ffa_value){ { x0, x1, x2, x3, 0, x5 } };
	g.vm.vcpus[0].state = VCPU_RUNNING;
	nshyp_guest_call(&g);
	return *m;
}

static void assert_error(struct ffa_value r, int32_t code)
{
	assert_int_equal((uint32_t)r.x[0], FFA_ERROR);
	assert_int_equal((int32_t)r.x[2], code);
}

static void test_direct_request_forwarded_as_sent(void **state)
{
	struct ffa_value r =
	    guest(FFA_MSG_SEND_DIRECT_REQ_64 | SMCCC_SVE_HINT, ((uint64_t)1 << 16) | A, 0, 7, 0);

	assert_int_equal(forwarded, 1);
	assert_int_equal(last_forwarded.x[0], FFA_MSG_SEND_DIRECT_REQ_64); /* hint removed */
	assert_int_equal(last_forwarded.x[1], ((uint64_t)1 << 16) | A);
	assert_int_equal(last_forwarded.x[3], 7);
	assert_int_equal((uint32_t)r.x[0], FFA_MSG_SEND_DIRECT_RESP_32);
}

static void test_direct_request_refusals(void **state)
{
	assert_error(guest(FFA_MSG_SEND_DIRECT_REQ_32, (2u << 16) | A, 0, 1, 0),
		     FFA_RET_INVALID_PARAMETERS); /* claims VM 2 */
	assert_error(guest(FFA_MSG_SEND_DIRECT_REQ_32, ((uint64_t)B << 16) | A, 0, 1, 0),
		     FFA_RET_INVALID_PARAMETERS); /* claims a partition's ID */
	assert_error(guest(FFA_MSG_SEND_DIRECT_REQ_32, (1ull << 32) | (1u << 16) | A, 0, 1, 0),
		     FFA_RET_INVALID_PARAMETERS); /* upper bits of x1 */
	assert_error(guest(FFA_MSG_SEND_DIRECT_REQ_32, (1u << 16) | 0x8009, 0, 1, 0),
		     FFA_RET_INVALID_PARAMETERS); /* no such partition */
	assert_error(guest(FFA_MSG_SEND_DIRECT_REQ_32, (1u << 16) | 2, 0, 1, 0),
		     FFA_RET_INVALID_PARAMETERS); /* a VM ID that names no VM */
	assert_error(guest(FFA_MSG_SEND_DIRECT_REQ_32, (1u << 16) | B, 0, 1, 0),
		     FFA_RET_DENIED); /* not bound */
	assert_int_equal(forwarded, 0);
}

static void test_yield_then_run(void **state)
{
	struct ffa_value r;

	next_answer = (struct ffa_value){ { FFA_YIELD, (uint64_t)A << 16 } };
	r = guest(FFA_MSG_SEND_DIRECT_REQ_32, (1u << 16) | A, 0, 1, 0);
	assert_int_equal((uint32_t)r.x[0], FFA_YIELD);
	assert_int_equal(g.yielded_sp, A);
	/* Until it is finished: new requests are BUSY, FFA_RUN only for that partition. */
	assert_error(guest(FFA_MSG_SEND_DIRECT_REQ_32, (1u << 16) | A, 0, 1, 0), FFA_RET_BUSY);
	assert_error(guest(FFA_RUN, (uint64_t)B << 16, 0, 0, 0), FFA_RET_DENIED);
	assert_error(guest(FFA_RUN, ((uint64_t)A << 16) | 1, 0, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(forwarded, 1);
	next_answer =
	    (struct ffa_value){ { FFA_MSG_SEND_DIRECT_RESP_32, ((uint64_t)A << 16) | 1 } };
	r = guest(FFA_RUN, (uint64_t)A << 16, 0, 0, 0);
	assert_int_equal((uint32_t)r.x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	assert_int_equal(last_forwarded.x[0], FFA_RUN);
	assert_int_equal(g.yielded_sp, 0);
	assert_error(guest(FFA_RUN, (uint64_t)A << 16, 0, 0, 0),
		     FFA_RET_DENIED); /* nothing pending */
}

/* A partition preempted by a Normal-world interrupt is this guest's to resume, as a yield. */
static void test_interrupt_then_run(void **state)
{
	next_answer = (struct ffa_value){ { FFA_INTERRUPT, (uint64_t)A << 16 } };
	assert_int_equal((uint32_t)guest(FFA_MSG_SEND_DIRECT_REQ_32, (1u << 16) | A, 0, 1, 0).x[0],
			 FFA_INTERRUPT);
	assert_int_equal(g.yielded_sp, A);
	assert_error(guest(FFA_MSG_SEND_DIRECT_REQ_32, (1u << 16) | A, 0, 1, 0), FFA_RET_BUSY);
	assert_error(guest(FFA_RUN, (uint64_t)B << 16, 0, 0, 0), FFA_RET_DENIED);
	next_answer =
	    (struct ffa_value){ { FFA_MSG_SEND_DIRECT_RESP_32, ((uint64_t)A << 16) | 1 } };
	assert_int_equal((uint32_t)guest(FFA_RUN, (uint64_t)A << 16, 0, 0, 0).x[0],
			 FFA_MSG_SEND_DIRECT_RESP_32);
	assert_int_equal(g.yielded_sp, 0);
}

static void test_stopped_guest_finishes_its_request(void **state)
{
	next_answer = (struct ffa_value){ { FFA_YIELD, (uint64_t)A << 16 } };
	guest(FFA_MSG_SEND_DIRECT_REQ_32, (1u << 16) | A, 0, 1, 0);
	/* The partition keeps yielding: nshyp gives up after 64 resumes; later it answers. */
	nshyp_guest_stopped(&g);
	assert_int_equal(forwarded, 1 + 64);
	assert_int_equal(g.yielded_sp, A);
	next_answer =
	    (struct ffa_value){ { FFA_MSG_SEND_DIRECT_RESP_32, ((uint64_t)A << 16) | 1 } };
	nshyp_guest_stopped(&g);
	assert_int_equal(g.yielded_sp, 0);
}

/*
 * Issue 13: each resume of a stopped guest's request gets a fresh quantum first, and an
 * interrupt that preempts it (FFA_INTERRUPT) is taken before the next: at most 64 quanta.
 */
static void test_stopped_guest_resumes_are_bounded_under_interrupts(void **state)
{
	next_answer = (struct ffa_value){ { FFA_INTERRUPT, (uint64_t)A << 16 } };
	guest(FFA_MSG_SEND_DIRECT_REQ_32, (1u << 16) | A, 0, 1, 0);
	assert_int_equal(g.yielded_sp, A);
	nshyp_guest_stopped(&g);
	assert_int_equal(forwarded, 1 + 64);
	assert_int_equal(host_resume_begins, 64);
	assert_int_equal(host_resume_preempted, 64);
	assert_int_equal(last_forwarded.x[0], FFA_RUN);
	assert_int_equal(last_forwarded.x[1], (uint64_t)A << 16);
}

/*
 * A request to a partition that is stopped in another guest's request is not forwarded (it
 * would be BUSY): the guest's registers stay as they were, for the call to be made again.
 */
static void test_request_to_a_busy_partition_waits(void **state)
{
	struct ffa_value r;

	host_busy_sp = A;
	r = guest(FFA_MSG_SEND_DIRECT_REQ_32, (1u << 16) | A, 0, 9, 0);
	assert_int_equal(forwarded, 0);
	assert_int_equal(g.waiting_for, A);
	assert_int_equal((uint32_t)r.x[0], FFA_MSG_SEND_DIRECT_REQ_32);
	assert_int_equal(r.x[3], 9);
	/* Its own rules come first: a refused request is refused, not made to wait. */
	g.waiting_for = 0;
	assert_error(guest(FFA_MSG_SEND_DIRECT_REQ_32, (2u << 16) | A, 0, 1, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(g.waiting_for, 0);
	/* Free again: forwarded. */
	host_busy_sp = 0;
	r = guest(FFA_MSG_SEND_DIRECT_REQ_32, (1u << 16) | A, 0, 9, 0);
	assert_int_equal(forwarded, 1);
	assert_int_equal((uint32_t)r.x[0], FFA_MSG_SEND_DIRECT_RESP_32);
}

/* The run queue (sched.c): who runs next, as data. */
static unsigned pending_slots; /* bit i: slot i has something pending */

static bool fake_pending(unsigned i, void *ctx)
{
	(void)ctx;
	return (pending_slots >> i) & 1u;
}

static int next(struct sched *q)
{
	return sched_next(q, fake_pending, NULL);
}

static void test_run_queue_round_robin(void **state)
{
	struct sched q;

	(void)state;
	sched_init(&q, 3, false);
	assert_int_equal(next(&q), SCHED_EMPTY);
	for (unsigned i = 0; i < 3; i++)
		sched_set(&q, i, SCHED_READY);
	/* Description order, starting at slot 0, wrapping around. */
	assert_int_equal(next(&q), 0);
	assert_int_equal(next(&q), 1);
	assert_int_equal(next(&q), 2);
	assert_int_equal(next(&q), 0);
	assert_int_equal(q.switches, 4); /* the first pick counts as one (from the last slot) */
	assert_int_equal(sched_live(&q), 3);
	/* Alone, a slot runs again (no switch). */
	sched_set(&q, 1, SCHED_OFF);
	sched_set(&q, 2, SCHED_OFF);
	assert_int_equal(next(&q), 0);
	assert_int_equal(next(&q), 0);
	assert_int_equal(q.switches, 4);
	/* Out of range: ignored. */
	sched_set(&q, 7, SCHED_READY);
	assert_int_equal(sched_live(&q), 1);
}

/* SYS_SCHED_IN_ORDER: every pick starts at slot 0; a later slot runs only while 0 waits. */
static void test_run_queue_in_order(void **state)
{
	struct sched q;

	(void)state;
	sched_init(&q, 3, true);
	for (unsigned i = 0; i < 3; i++)
		sched_set(&q, i, SCHED_READY);
	assert_int_equal(next(&q), 0);
	assert_int_equal(next(&q), 0);
	sched_set(&q, 0, SCHED_WAITING);
	pending_slots = 0;
	assert_int_equal(next(&q), 1);
	assert_int_equal(next(&q), 1);
	pending_slots = 1u << 0;
	assert_int_equal(next(&q), 0);
	sched_set(&q, 0, SCHED_OFF);
	sched_set(&q, 1, SCHED_OFF);
	assert_int_equal(next(&q), 2);
}

static void test_run_queue_wfi(void **state)
{
	struct sched q;

	(void)state;
	sched_init(&q, 3, false);
	for (unsigned i = 0; i < 3; i++)
		sched_set(&q, i, SCHED_READY);
	assert_int_equal(next(&q), 0);
	/* Slot 0 waits: the others share the CPU without it. */
	sched_set(&q, 0, SCHED_WAITING);
	pending_slots = 0;
	assert_int_equal(next(&q), 1);
	assert_int_equal(next(&q), 2);
	assert_int_equal(next(&q), 1);
	/* Something pending for it: it is READY again, in its round-robin turn. */
	pending_slots = 1u << 0;
	assert_int_equal(next(&q), 2);
	assert_int_equal(next(&q), 0);
	assert_int_equal(q.state[0], SCHED_READY);
	/* Every live slot waits: idle until something is pending. */
	for (unsigned i = 0; i < 3; i++)
		sched_set(&q, i, SCHED_WAITING);
	pending_slots = 0;
	assert_int_equal(next(&q), SCHED_IDLE);
	pending_slots = 1u << 2;
	assert_int_equal(next(&q), 2);
}

static void test_run_queue_guest_end_and_last_guest(void **state)
{
	struct sched q;

	(void)state;
	sched_init(&q, 3, false);
	for (unsigned i = 0; i < 3; i++)
		sched_set(&q, i, SCHED_READY);
	assert_int_equal(next(&q), 0);
	/* Slot 1 ends: skipped from now on. */
	sched_set(&q, 1, SCHED_OFF);
	assert_int_equal(next(&q), 2);
	assert_int_equal(next(&q), 0);
	/* The one that ran ends: the next after it runs. */
	sched_set(&q, 0, SCHED_OFF);
	assert_int_equal(next(&q), 2);
	/* A waiting last guest that never has anything pending: idle, not empty. */
	sched_set(&q, 2, SCHED_WAITING);
	pending_slots = 0;
	assert_int_equal(next(&q), SCHED_IDLE);
	/* The last guest ends: nothing left (nshyp powers off). */
	sched_set(&q, 2, SCHED_OFF);
	assert_int_equal(sched_live(&q), 0);
	assert_int_equal(next(&q), SCHED_EMPTY);
}

static void test_discovery_and_buffers(void **state)
{
	uint64_t tx = VM_IPA + 0x1000, rx = VM_IPA + 0x2000;
	const uint8_t *rx_pa = vm_mem + 0x2000;
	struct ffa_value r;

	assert_error(guest(FFA_PARTITION_INFO_GET, 0, 0, 0, 0), FFA_RET_BUSY);
	r = guest(FFA_PARTITION_INFO_GET, 0, 0, 0, FFA_PARTITION_INFO_COUNT_ONLY);
	assert_int_equal(r.x[2], 2); /* itself and A, its binding (FF-A v1.1 §13.8) */
	assert_error(guest(FFA_RXTX_MAP_64, tx, VM_IPA + VM_MEM, 1, 0),
		     FFA_RET_INVALID_PARAMETERS); /* RX outside its memory */
	assert_error(guest(FFA_RXTX_MAP_64, tx + 8, rx, 1, 0), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal((uint32_t)guest(FFA_RXTX_MAP_64, tx, rx, 1, 0).x[0], FFA_SUCCESS_32);
	r = guest(FFA_PARTITION_INFO_GET, 0, 0, 0, 0);
	assert_int_equal(r.x[2], 2);
	assert_int_equal(r.x[3], 24);
	assert_int_equal(((const struct ffa_partition_info *)rx_pa)[0].id, g.vm.id);
	assert_int_equal(((const struct ffa_partition_info *)rx_pa)[1].id, A);
	assert_error(guest(FFA_PARTITION_INFO_GET, 0, 0, 0, 0), FFA_RET_BUSY); /* RX full */
	assert_int_equal((uint32_t)guest(FFA_RX_RELEASE, 0, 0, 0, 0).x[0], FFA_SUCCESS_32);
	/* After negotiating v1.0: 8-byte descriptors. */
	assert_int_equal(guest(FFA_VERSION, FFA_VERSION_1_0, 0, 0, 0).x[0], FFA_VERSION_1_1);
	r = guest(FFA_PARTITION_INFO_GET, 0, 0, 0, 0);
	assert_int_equal(r.x[3], 0); /* v1.0: w3 reserved */
	assert_int_equal(((const struct ffa_partition_info_v1_0 *)rx_pa)[1].id, A);
	assert_int_equal(forwarded, 0);
}

static void test_local_answers(void **state)
{
	struct ffa_value r = guest(FFA_ID_GET, 0, 0, 0, 0);

	assert_int_equal((uint32_t)r.x[0], FFA_SUCCESS_32);
	assert_int_equal(r.x[2], 1);
	assert_int_equal(guest(FFA_VERSION, 1u << 31, 0, 0, 0).x[0], 0xffffffffu); /* §13.2.1 */
	assert_int_equal(guest(PSCI_VERSION, 0, 0, 0, 0).x[0], PSCI_VERSION_1_1);
	assert_int_equal(guest(PSCI_FEATURES, PSCI_CPU_ON64, 0, 0, 0).x[0],
			 (uint64_t)(int64_t)PSCI_RET_NOT_SUPPORTED);
	assert_int_equal(guest(SMCCC_ARCH_FEATURES, SMCCC_VERSION, 0, 0, 0).x[0], 0);
	assert_int_equal(guest(0x82000000, 0, 0, 0, 0).x[0], SMCCC_UNKNOWN);
	assert_error(guest(FFA_MSG_WAIT, 0, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(guest(FFA_FEATURES, FFA_MSG_WAIT, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_int_equal(g.vm.vcpus[0].state, VCPU_RUNNING);
	guest(PSCI_SYSTEM_OFF, 0, 0, 0, 0);
	assert_int_equal(g.vm.vcpus[0].state, VCPU_OFF);
	assert_int_equal(forwarded, 0);
}

/* Make call x0/x1 with x2-x17 set to patterns; return the 18 registers the guest gets back. */
static void guest_regs(uint64_t x0, uint64_t x1, uint64_t out[18])
{
	uint64_t *x = g.vm.vcpus[0].regs.x;

	for (unsigned i = 0; i < 18; i++)
		x[i] = 0xa5a5000000005a00ull + i;
	x[0] = x0;
	x[1] = x1;
	g.vm.vcpus[0].state = VCPU_RUNNING;
	nshyp_guest_call(&g);
	memcpy(out, x, 18 * sizeof(uint64_t));
}

/* SMCCC v1.1+: SMCCC, PSCI and SMC_UNK answers write x0 only; x1-x17 stay as the guest had them. */
static void test_smccc_answers_keep_x1_to_x17(void **state)
{
	static const uint64_t calls[][3] = {
		{ PSCI_VERSION, 0x1234, PSCI_VERSION_1_1 },
		{ PSCI_FEATURES, PSCI_VERSION, 0 },
		{ PSCI_FEATURES, PSCI_CPU_ON64, (uint64_t)(int64_t)PSCI_RET_NOT_SUPPORTED },
		{ PSCI_MIGRATE_INFO_TYPE, 0x1234, PSCI_TOS_NOT_PRESENT_MP },
		{ SMCCC_VERSION, 0x1234, SMCCC_VERSION_1_2 },
		{ SMCCC_ARCH_FEATURES, SMCCC_VERSION, 0 },
		{ 0x80007fff, 0x1234, SMCCC_UNKNOWN },
		{ 0x82000000, 0x1234, SMCCC_UNKNOWN },
		{ 0xc3000001, 0x1234, SMCCC_UNKNOWN },
		{ 0xb2000000, 0x1234, SMCCC_UNKNOWN }, /* trusted OS range */
	};
	uint64_t r[18];

	for (unsigned c = 0; c < sizeof(calls) / sizeof(calls[0]); c++) {
		guest_regs(calls[c][0], calls[c][1], r);
		assert_int_equal(r[0], calls[c][2]);
		assert_int_equal(r[1], calls[c][1]);
		for (unsigned i = 2; i < 18; i++)
			assert_int_equal(r[i], 0xa5a5000000005a00ull + i);
	}
	assert_int_equal(forwarded, 0);
}

/* FF-A answers: x0-x7, unused results zero (FFA_VERSION: x1-x7); x8-x17 untouched. */
static void test_ffa_answers_zero_unused_results(void **state)
{
	uint64_t r[18];

	guest_regs(FFA_VERSION, FFA_VERSION_1_1, r);
	assert_int_equal(r[0], FFA_VERSION_1_1);
	for (unsigned i = 1; i < 8; i++)
		assert_int_equal(r[i], 0);
	for (unsigned i = 8; i < 18; i++)
		assert_int_equal(r[i], 0xa5a5000000005a00ull + i);
	guest_regs(FFA_ID_GET, 0, r);
	assert_int_equal(r[0], FFA_SUCCESS_32);
	assert_int_equal(r[2], 1);
	assert_int_equal(r[1] | r[3] | r[4] | r[5] | r[6] | r[7], 0);
	guest_regs(0x840000fe, 0, r);
	assert_int_equal(r[0], FFA_ERROR);
	assert_int_equal(r[1] | r[3] | r[4] | r[5] | r[6] | r[7], 0);
	for (unsigned i = 8; i < 18; i++)
		assert_int_equal(r[i], 0xa5a5000000005a00ull + i);
}

/* Every MBZ field of the FF-A calls nshyp serves (ffa_rules.h): INVALID_PARAMETERS, no effect. */
static void test_mbz_fields(void **state)
{
	uint64_t ids = (1u << 16) | A, tx = VM_IPA, rx = VM_IPA + 0x1000;

	assert_error(guest(FFA_MSG_SEND_DIRECT_REQ_64, (1ull << 40) | ids, 0, 1, 0),
		     FFA_RET_INVALID_PARAMETERS); /* x1[63:32] */
	assert_error(guest(FFA_MSG_SEND_DIRECT_REQ_32, ids, 1, 1, 0),
		     FFA_RET_INVALID_PARAMETERS); /* w2[7:0] of a partition message */
	assert_error(guest(FFA_MSG_SEND_DIRECT_REQ_32, ids, 0x100, 1, 0),
		     FFA_RET_INVALID_PARAMETERS); /* w2[30:8] */
	assert_error(guest(FFA_MSG_SEND_DIRECT_REQ_32, ids, FFA_MSG_FLAG_FRAMEWORK | 4, 1, 0),
		     FFA_RET_INVALID_PARAMETERS); /* framework messages are the hypervisor's */
	assert_error(guest(FFA_MSG_SEND_DIRECT_REQ_32, ids, 1ull << 32, 1, 0),
		     FFA_RET_INVALID_PARAMETERS); /* x2[63:32] */
	assert_error(guest(FFA_RUN, (1ull << 32) | ((uint64_t)A << 16), 0, 0, 0),
		     FFA_RET_INVALID_PARAMETERS); /* x1[63:32] */
	assert_error(guest(FFA_RUN, ((uint64_t)A << 16) | 1, 0, 0, 0),
		     FFA_RET_INVALID_PARAMETERS); /* no vCPU 1 */
	assert_int_equal(forwarded, 0);
	/* RXTX_MAP: w3[31:6] MBZ (0x41 is not "1 page"); the 32-bit form takes 32-bit addresses. */
	assert_error(guest(FFA_RXTX_MAP_64, tx, rx, 0x41, 0), FFA_RET_INVALID_PARAMETERS);
	assert_error(guest(FFA_RXTX_MAP_64, tx, rx, (1ull << 32) | 1, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(guest(FFA_RXTX_MAP_32, (1ull << 32) | tx, rx, 1, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(g.rxtx.tx_pa, 0);
	assert_int_equal((uint32_t)guest(FFA_RXTX_MAP_32, tx, rx, 1, 0).x[0], FFA_SUCCESS_32);
	/* PARTITION_INFO_GET w5[31:1], RX_RELEASE w1, RXTX_UNMAP w1[15:0] and others' IDs. */
	assert_error(guest(FFA_PARTITION_INFO_GET, 0, 0, 0, 2), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal((uint32_t)guest(FFA_PARTITION_INFO_GET, 0, 0, 0, 0).x[0], FFA_SUCCESS_32);
	assert_error(guest(FFA_RX_RELEASE, 1, 0, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_true(g.rxtx.rx_full);
	assert_int_equal((uint32_t)guest(FFA_RX_RELEASE, 0, 0, 0, 0).x[0], FFA_SUCCESS_32);
	assert_error(guest(FFA_RXTX_UNMAP, 1, 0, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_error(guest(FFA_RXTX_UNMAP, 2u << 16, 0, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_int_not_equal(g.rxtx.tx_pa, 0);
	/* A caller may name itself (Linux's driver does). */
	assert_int_equal((uint32_t)guest(FFA_RXTX_UNMAP, 1u << 16, 0, 0, 0).x[0], FFA_SUCCESS_32);
}

/* A guest repeating a refused call gets the same answer every time but prints a bounded amount. */
static void test_denials_are_rate_limited(void **state)
{
	for (unsigned i = 0; i < 1000; i++)
		assert_error(guest(FFA_MSG_SEND_DIRECT_REQ_32, (1u << 16) | B, 0, 1, 0),
			     FFA_RET_DENIED);
	/* Dropped since the last line the refill let through (one per LOG_LIMIT_REFILL calls). */
	assert_int_equal(g.log.suppressed, 1000 % LOG_LIMIT_REFILL);
	nshyp_guest_stopped(&g);
	assert_int_equal(g.log.suppressed, 0); /* reported when the guest stopped */
}

/*
 * Notifications: the guest's own ID as receiver (BIND, UNBIND, GET) or sender (SET), a partition
 * its binding allows at the other end; forwarded as sent. The rest stays here.
 */
static void test_notifications(void **state)
{
	static const uint32_t own[] = { FFA_NOTIFICATION_BIND, FFA_NOTIFICATION_UNBIND };

	next_answer = ffa_success(0);
	for (unsigned i = 0; i < 2; i++) {
		assert_int_equal(guest(own[i], ((uint64_t)A << 16) | 1, 1, 5, 0).x[0],
				 FFA_SUCCESS_32);
		assert_int_equal(last_forwarded.x[0], own[i]);
		assert_int_equal(last_forwarded.x[1], ((uint64_t)A << 16) | 1);
		assert_int_equal(last_forwarded.x[2], 1);
		/* For another VM; a sender not a partition, not bound to it, a VM that is no
		 * guest of the system (VM-to-VM: test_vm_msg.c). */
		assert_error(guest(own[i], ((uint64_t)A << 16) | 2, 0, 1, 0),
			     FFA_RET_INVALID_PARAMETERS);
		assert_error(guest(own[i], (0xffffull << 16) | 1, 0, 1, 0),
			     FFA_RET_INVALID_PARAMETERS);
		assert_error(guest(own[i], ((uint64_t)B << 16) | 1, 0, 1, 0), FFA_RET_DENIED);
		assert_error(guest(own[i], (2ull << 16) | 1, 0, 1, 0), FFA_RET_INVALID_PARAMETERS);
		assert_error(guest(own[i], (1ull << 32) | ((uint64_t)A << 16) | 1, 0, 1, 0),
			     FFA_RET_INVALID_PARAMETERS);
	}
	assert_int_equal(forwarded, 2);
	assert_int_equal(guest(FFA_NOTIFICATION_SET, (1u << 16) | A, 0, 5, 0).x[0], FFA_SUCCESS_32);
	assert_error(guest(FFA_NOTIFICATION_SET, (2u << 16) | A, 0, 1, 0),
		     FFA_RET_INVALID_PARAMETERS); /* as VM 2 */
	assert_error(guest(FFA_NOTIFICATION_SET, (1u << 16) | 0xffff, 0, 1, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(guest(FFA_NOTIFICATION_SET, (1u << 16) | B, 0, 1, 0), FFA_RET_DENIED);
	assert_error(guest(FFA_NOTIFICATION_SET, (1u << 16) | 2, 0, 1, 0),
		     FFA_RET_INVALID_PARAMETERS);
	/* GET: its own receiver ID; the vCPU ID and flags are the SPMC's to check. */
	assert_int_equal(guest(FFA_NOTIFICATION_GET, 1, 0xf, 0, 0).x[0], FFA_SUCCESS_32);
	assert_int_equal(guest(FFA_NOTIFICATION_GET, (7u << 16) | 1, 0, 0, 0).x[0], FFA_SUCCESS_32);
	assert_error(guest(FFA_NOTIFICATION_GET, 2, 0xf, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_error(guest(FFA_NOTIFICATION_GET, 0xffff, 0xf, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(forwarded, 5);
	/* nshyp's own: BITMAP_CREATE/DESTROY (ACS: bad ID invalid, else DENIED), INFO_GET. */
	assert_error(guest(FFA_NOTIFICATION_BITMAP_CREATE, 0xffff, 1, 0, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(guest(FFA_NOTIFICATION_BITMAP_CREATE, 1, 1, 0, 0), FFA_RET_DENIED);
	assert_error(guest(FFA_NOTIFICATION_BITMAP_DESTROY, 0xffff, 0, 0, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(guest(FFA_NOTIFICATION_BITMAP_DESTROY, 2, 0, 0, 0), FFA_RET_DENIED);
	assert_error(guest(FFA_NOTIFICATION_INFO_GET_32, 0, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(guest(FFA_NOTIFICATION_INFO_GET_64, 0, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_int_equal(forwarded, 5);
	/* What FFA_FEATURES tells the guest. */
	assert_int_equal(guest(FFA_FEATURES, FFA_NOTIFICATION_SET, 0, 0, 0).x[0], FFA_SUCCESS_32);
	assert_int_equal(guest(FFA_FEATURES, FFA_NOTIFICATION_GET, 0, 0, 0).x[0], FFA_SUCCESS_32);
	assert_error(guest(FFA_FEATURES, FFA_NOTIFICATION_BITMAP_CREATE, 0, 0, 0),
		     FFA_RET_NOT_SUPPORTED);
	assert_error(guest(FFA_FEATURES, FFA_NOTIFICATION_INFO_GET_64, 0, 0, 0),
		     FFA_RET_NOT_SUPPORTED);
	/* No SRI from the SPMC (not asked here), no VM may signal it: no NPI; never the SRI. */
	assert_error(guest(FFA_FEATURES, FFA_FEATURE_NPI, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(guest(FFA_FEATURES, FFA_FEATURE_SRI, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(guest(FFA_FEATURES, FFA_FEATURE_MEI, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
}

/* Its start creates its bitmap at the SPMC; its end drops what is pending, then destroys it. */
static void test_notification_bitmap_lifetime(void **state)
{
	g.cfg = &vm_cfg;
	next_answer = ffa_success(0);
	nshyp_notif_guest_start(&g);
	assert_int_equal(last_forwarded.x[0], FFA_NOTIFICATION_BITMAP_CREATE);
	assert_int_equal(last_forwarded.x[1], 1);
	assert_int_equal(last_forwarded.x[2], 1);
	nshyp_notif_guest_end(&g);
	assert_int_equal(forwarded, 3);
	assert_int_equal(last_forwarded.x[0], FFA_NOTIFICATION_BITMAP_DESTROY);
	assert_int_equal(last_forwarded.x[1], 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_direct_request_forwarded_as_sent, setup),
		cmocka_unit_test_setup(test_direct_request_refusals, setup),
		cmocka_unit_test_setup(test_yield_then_run, setup),
		cmocka_unit_test_setup(test_interrupt_then_run, setup),
		cmocka_unit_test_setup(test_stopped_guest_finishes_its_request, setup),
		cmocka_unit_test_setup(test_stopped_guest_resumes_are_bounded_under_interrupts,
				       setup),
		cmocka_unit_test_setup(test_request_to_a_busy_partition_waits, setup),
		cmocka_unit_test(test_run_queue_round_robin),
		cmocka_unit_test(test_run_queue_wfi),
		cmocka_unit_test(test_run_queue_in_order),
		cmocka_unit_test(test_run_queue_guest_end_and_last_guest),
		cmocka_unit_test_setup(test_discovery_and_buffers, setup),
		cmocka_unit_test_setup(test_local_answers, setup),
		cmocka_unit_test_setup(test_smccc_answers_keep_x1_to_x17, setup),
		cmocka_unit_test_setup(test_ffa_answers_zero_unused_results, setup),
		cmocka_unit_test_setup(test_mbz_fields, setup),
		cmocka_unit_test_setup(test_denials_are_rate_limited, setup),
		cmocka_unit_test_setup(test_notifications, setup),
		cmocka_unit_test_setup(test_notification_bitmap_lifetime, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
