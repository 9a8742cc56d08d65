// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host unit tests of the SPMC's partition runtime model and FF-A dispatcher
 * (hyp/role/spmc/ffa_spmc.c) with the fake architecture: each partition is a
 * script of what it does each time it runs (an FF-A call, or a fault), and
 * the tests check every transition of FF-A v1.1 §4.10 as implemented and the
 * error the normal world or the partition gets on each wrong path.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <abi/hypcall.h>
#include <abi/psci.h>
#include <abi/smccc.h>

#include "../fuzz/spmc_host.h"

extern struct vcpu_exit fake_next_exit;
extern unsigned fake_irq_masked, fake_irq_mask_count;
extern bool fake_abort_injectable; /* hyp/arch/fake/vm_arch.c */

#define SP_MEM (64 * 1024)
#define A      0x8001
#define B      0x8002
#define VM1    1
#define VM2    2

struct step {
	bool fault;
	bool interrupt;	 /* an interrupt arrives: it exits with its registers untouched */
	uint32_t secure; /* a secure interrupt (this INTID, raised at the fake GIC) arrives */
	uint64_t x[8];
};

static struct {
	struct step steps[40];
	unsigned count, next;
	struct ffa_value seen;		   /* x0-x7 it found when it last ran */
	uint64_t seen_hi[10];		   /* and x8-x17 */
	uint64_t seen_x0[40], seen_x2[40]; /* x0 and x2 it found before each step */
	bool seen_vi[40];		   /* and whether HCR_EL2.VI was set */
} script[2];

/* The fake GIC (test/fuzz/spmc_gic_fake.c). */
extern bool fake_gic_active[], fake_gic_disabled[], fake_vi;
extern unsigned fake_gic_deactivations, fake_gic_acks;
void fake_gic_reset(void);
void fake_gic_raise(uint32_t intid);

static bool looping_yield;    /* partition B yields every time it runs */
static bool boot_interrupted; /* an interrupt arrives while A boots */
static bool boot_secure_irq;  /* B's SPI (41) fires while A boots, before B exists */
static uint8_t sp_mem[2][SP_MEM] __attribute__((aligned(4096)));
static s2_table_t tables[32] __attribute__((aligned(4096)));
static struct sys_sp cfgs[2];

static unsigned index_of(const struct arch_regs *r)
{
	for (unsigned i = 0; i < 2; i++)
		if (&spmc_partitions[i].vm.vcpus[0].regs == r)
			return i;
	fail_msg("unknown vCPU");
	return 0;
}

unsigned arch_enter_lower(struct arch_regs *r)
{
	unsigned i = index_of(r);
	struct step *s;

	memcpy(script[i].seen.x, r->x, sizeof(script[i].seen.x));
	memcpy(script[i].seen_hi, &r->x[8], sizeof(script[i].seen_hi));
	if (looping_yield && i == 1) {
		fake_next_exit.reason = VCPU_EXIT_CALL;
		memset(r->x, 0, sizeof(r->x));
		r->x[0] = FFA_YIELD;
		return EXIT_SYNC;
	}
	assert_true(script[i].next < script[i].count); /* the partition ran more than scripted */
	script[i].seen_x0[script[i].next] = r->x[0];
	script[i].seen_x2[script[i].next] = r->x[2];
	script[i].seen_vi[script[i].next] = fake_vi;
	s = &script[i].steps[script[i].next++];
	if (s->interrupt)
		return EXIT_FIQ;
	if (s->secure) {
		fake_gic_raise(s->secure);
		return EXIT_IRQ;
	}
	fake_next_exit.reason = s->fault ? VCPU_EXIT_ABORT : VCPU_EXIT_CALL;
	memcpy(r->x, s->x, sizeof(s->x));
	return EXIT_SYNC;
}

static void then_call(unsigned sp, uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3)
{
	struct step *s;

	assert_true(script[sp].count < sizeof(script[sp].steps) / sizeof(script[sp].steps[0]));
	s = &script[sp].steps[script[sp].count++];
	memset(s, 0, sizeof(*s));
	s->x[0] = x0;
	s->x[1] = x1;
	s->x[2] = x2;
	s->x[3] = x3;
}

static void then_fault(unsigned sp)
{
	assert_true(script[sp].count < sizeof(script[sp].steps) / sizeof(script[sp].steps[0]));
	script[sp].steps[script[sp].count++] = (struct step){ .fault = true };
}

static void then_interrupt(unsigned sp)
{
	assert_true(script[sp].count < sizeof(script[sp].steps) / sizeof(script[sp].steps[0]));
	script[sp].steps[script[sp].count++] = (struct step){ .interrupt = true };
}

static void then_secure_irq(unsigned sp, uint32_t intid)
{
	assert_true(script[sp].count < sizeof(script[sp].steps) / sizeof(script[sp].steps[0]));
	script[sp].steps[script[sp].count++] = (struct step){ .secure = intid };
}

static void then_answer(unsigned sp, ffa_id_t self, ffa_id_t to, uint64_t w3)
{
	then_call(sp, FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(self, to), 0, w3);
}

static struct ffa_value nwd(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3)
{
	struct ffa_value m = { { x0, x1, x2, x3 } };

	spmc_nwd_call(&m);
	return m;
}

static struct ffa_value req(ffa_id_t from, ffa_id_t to, uint64_t w3)
{
	return nwd(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(from, to), 0, w3);
}

static void assert_error(struct ffa_value r, int32_t code)
{
	assert_int_equal((uint32_t)r.x[0], FFA_ERROR);
	assert_int_equal((int32_t)r.x[2], code);
}

static enum vcpu_state state(unsigned sp)
{
	return spmc_partitions[sp].vm.vcpus[0].state;
}

/* Two partitions; A accepts VM 1 and 2, B only VM 1. Both boot with FFA_MSG_WAIT unless told. */
static void boot(bool b_fails)
{
	struct s2_pool pool = { .tables = tables, .count = 32 };

	memset(spmc_partitions, 0, sizeof(spmc_partitions));
	memset(script, 0, sizeof(script));
	for (unsigned i = 0; i < 2; i++) {
		struct sys_sp *c = &cfgs[i];

		memset(c, 0, sizeof(*c));
		c->name = i ? "B" : "A";
		c->ffa_id = (uint16_t)(A + i);
		c->uuid[0] = (uint8_t)(i + 1);
		c->properties = 0x103;
		c->mem = (struct sys_mem){ (uintptr_t)sp_mem[i], 0x10000000, SP_MEM, 0 };
		c->allowed_vm[0] = VM1;
		c->allowed_vm[1] = VM2;
		c->allowed_vm_count = i ? 1 : 2;
		/* A owns the secure timer and an SPI; B another SPI. */
		c->irqs[0] = (uint16_t)(i ? 41 : SYS_IRQ_SEC_TIMER);
		c->irqs[1] = 40;
		c->irq_count = i ? 1 : 2;
	}
	fake_irq_masked = fake_irq_mask_count = 0;
	fake_gic_reset();
	if (boot_interrupted)
		then_interrupt(0);
	if (boot_secure_irq)
		then_secure_irq(0, 41);
	then_call(0, FFA_MSG_WAIT, 0, 0, 0);
	if (b_fails)
		then_call(1, FFA_ERROR, 0, (uint64_t)(uint32_t)FFA_RET_ABORTED, 0);
	else
		then_call(1, FFA_MSG_WAIT, 0, 0, 0);
	if (boot_secure_irq && !b_fails)
		then_call(1, FFA_MSG_WAIT, 0, 0, 0); /* its interrupt run */
	assert_int_equal(spmc_host_boot(cfgs, 2, &pool), b_fails ? 1 : 2);
}

static int setup(void **state_)
{
	(void)state_;
	boot(false);
	return 0;
}

static void test_boot_states(void **state_)
{
	assert_int_equal(state(0), VCPU_WAITING);
	assert_int_equal(state(1), VCPU_WAITING);
	boot(true);
	assert_int_equal(state(1), VCPU_ABORTED);
	assert_error(req(VM1, B, 1), FFA_RET_ABORTED);
}

static void test_request_and_answer(void **state_)
{
	struct ffa_value r;

	then_answer(0, A, VM1, 49);
	r = req(VM1, A, 7);
	assert_int_equal((uint32_t)r.x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	assert_int_equal(r.x[1], ffa_msg_ids(A, VM1));
	assert_int_equal(r.x[3], 49);
	/* What the partition found: the request exactly as sent. */
	assert_int_equal(script[0].seen.x[0], FFA_MSG_SEND_DIRECT_REQ_32);
	assert_int_equal(script[0].seen.x[1], ffa_msg_ids(VM1, A));
	assert_int_equal(script[0].seen.x[3], 7);
	assert_int_equal(state(0), VCPU_WAITING);
	assert_int_equal(spmc_partitions[0].requester, SPMC_NO_REQUESTER);
}

static void test_bad_answers_are_refused_and_it_runs_on(void **state_)
{
	struct ffa_value r;

	then_answer(0, A, VM2, 1);					      /* wrong receiver */
	then_call(0, FFA_MSG_SEND_DIRECT_RESP_64, ffa_msg_ids(A, VM1), 0, 1); /* wrong width */
	then_call(0, FFA_MSG_WAIT, 0, 0, 0); /* must answer, not wait */
	then_answer(0, A, VM1, 2);
	r = req(VM1, A, 7);
	assert_int_equal((uint32_t)r.x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	assert_int_equal(r.x[3], 2);
	/* The last error it was given before answering right: DENIED for the MSG_WAIT. */
	assert_int_equal((uint32_t)script[0].seen.x[0], FFA_ERROR);
	assert_int_equal((int32_t)script[0].seen.x[2], FFA_RET_DENIED);
}

static void test_run_on_a_waiting_partition(void **state_)
{
	/* B, already waiting, is run with FFA_RUN: nothing pending, it stays waiting. */
	struct ffa_value r = nwd(FFA_RUN, (uint64_t)B << 16, 0, 0);

	assert_int_equal((uint32_t)r.x[0], FFA_SUCCESS_32);
	assert_int_equal(state(1), VCPU_WAITING);
}

static void test_yield_blocked_busy_run(void **state_)
{
	struct ffa_value r;

	then_call(0, FFA_YIELD, 0, 0, 0);
	r = req(VM1, A, 3);
	assert_int_equal((uint32_t)r.x[0], FFA_YIELD);
	assert_int_equal(r.x[1], (uint64_t)A << 16);
	assert_int_equal(state(0), VCPU_BLOCKED);
	assert_error(req(VM2, A, 1), FFA_RET_BUSY);
	assert_error(nwd(FFA_RUN, ((uint64_t)A << 16) | 1, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_error(nwd(FFA_RUN, (uint64_t)0x8009 << 16, 0, 0), FFA_RET_INVALID_PARAMETERS);
	then_answer(0, A, VM1, 9);
	r = nwd(FFA_RUN, (uint64_t)A << 16, 0, 0);
	assert_int_equal((uint32_t)r.x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	assert_int_equal(r.x[3], 9);
	/* It came back from FFA_YIELD with FFA_SUCCESS. */
	assert_int_equal((uint32_t)script[0].seen.x[0], FFA_SUCCESS_32);
	assert_int_equal(state(0), VCPU_WAITING);
}

static void test_fault_and_error_abort(void **state_)
{
	then_fault(0);
	assert_error(req(VM1, A, 1), FFA_RET_ABORTED);
	assert_int_equal(state(0), VCPU_ABORTED);
	assert_error(req(VM1, A, 1), FFA_RET_ABORTED);
	assert_error(nwd(FFA_RUN, (uint64_t)A << 16, 0, 0), FFA_RET_ABORTED);
	/* B is unaffected; then B reports a fatal error inside a request. */
	then_answer(1, B, VM1, 4);
	assert_int_equal((uint32_t)req(VM1, B, 2).x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	then_call(1, FFA_ERROR, 0, (uint64_t)(uint32_t)FFA_RET_ABORTED, 0);
	assert_error(req(VM1, B, 2), FFA_RET_ABORTED);
	assert_int_equal(state(1), VCPU_ABORTED);
}

/*
 * A partition whose S-EL1 takes its stage-2 aborts (vm_inject_abort()) runs on: it faults 12
 * times in a request, then answers it. Its lines are rate-limited: a burst, the rest counted.
 */
static void test_fault_taken_by_partition_runs_on(void **state_)
{
	struct ffa_value r;

	fake_abort_injectable = true;
	for (unsigned i = 0; i < 12; i++)
		then_fault(0);
	then_answer(0, A, VM1, 5);
	r = req(VM1, A, 1);
	fake_abort_injectable = false;
	assert_int_equal((uint32_t)r.x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	assert_int_equal(r.x[3], 5);
	assert_int_equal(state(0), VCPU_WAITING);
	assert_int_equal(spmc_partitions[0].vm.aborts_injected, 12);
	assert_int_equal(spmc_partitions[0].vm.abort_log.suppressed, 12 - LOG_LIMIT_BURST);
	/* One it cannot take (its vector faults) aborts it, and reports what was suppressed. */
	then_fault(0);
	assert_error(req(VM1, A, 1), FFA_RET_ABORTED);
	assert_int_equal(state(0), VCPU_ABORTED);
	assert_int_equal(spmc_partitions[0].vm.abort_log.suppressed, 0);
}

static void test_request_checks(void **state_)
{
	assert_error(req(0x8002, A, 1), FFA_RET_INVALID_PARAMETERS);   /* secure sender */
	assert_error(req(VM1, 0x8009, 1), FFA_RET_INVALID_PARAMETERS); /* no such partition */
	assert_error(req(VM1, 0x8101, 1), FFA_RET_INVALID_PARAMETERS); /* same low byte as A */
	assert_error(req(VM2, B, 1), FFA_RET_DENIED);		       /* not bound */
	for (unsigned i = 0; i < 100; i++) /* repeated: same answer, bounded log */
		assert_error(req(VM2, B, 1), FFA_RET_DENIED);
	/* A burst, one more line at call LOG_LIMIT_REFILL (reporting the drops), then drops. */
	assert_int_equal(spmc_partitions[1].log.suppressed, 101 - LOG_LIMIT_REFILL);
	assert_error(req(0, A, 1), FFA_RET_DENIED); /* the hypervisor is not bound */
	assert_error(
	    nwd(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(VM1, A), FFA_MSG_FLAG_FRAMEWORK, 1),
	    FFA_RET_INVALID_PARAMETERS);
	spmc_partitions[0].accepts_direct = 0;
	assert_error(req(VM1, A, 1), FFA_RET_DENIED);
	/* None of these ran a partition or changed a state. */
	assert_int_equal(script[0].next, 1);
	assert_int_equal(state(0), VCPU_WAITING);
}

/* A VM availability framework message (FF-A v1.1 §18.3) from `from` to `to`. */
static struct ffa_value vm_message(ffa_id_t from, ffa_id_t to, uint32_t type, uint64_t vm)
{
	struct ffa_value m = { { FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(from, to),
				 FFA_MSG_FLAG_FRAMEWORK | type, 0, 0, vm } };

	spmc_nwd_call(&m);
	return m;
}

static void test_vm_availability_messages(void **state_)
{
	struct ffa_value r;

	cfgs[0].properties = 0x1c3; /* A subscribes to VM created and destroyed; B does not */
	assert_error(vm_message(VM1, A, FFA_FWK_VM_DESTROYED, VM1), FFA_RET_INVALID_PARAMETERS);
	assert_error(vm_message(0, A, 2, VM1),
		     FFA_RET_INVALID_PARAMETERS); /* not VM availability */
	assert_error(vm_message(0, A, FFA_FWK_VM_DESTROYED | 0x100, VM1),
		     FFA_RET_INVALID_PARAMETERS); /* reserved bits */
	assert_error(vm_message(0, A, FFA_FWK_VM_DESTROYED, 0), FFA_RET_INVALID_PARAMETERS);
	assert_error(vm_message(0, A, FFA_FWK_VM_DESTROYED, 0x8001), FFA_RET_INVALID_PARAMETERS);
	assert_error(vm_message(0, 0x8009, FFA_FWK_VM_DESTROYED, VM1), FFA_RET_INVALID_PARAMETERS);
	assert_error(vm_message(0, B, FFA_FWK_VM_DESTROYED, VM1), FFA_RET_DENIED);
	assert_int_equal(script[0].next, 1); /* nothing reached a partition */
	/* From the hypervisor to a subscriber: delivered, and its framework answer comes back. */
	then_call(0, FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(A, 0),
		  FFA_MSG_FLAG_FRAMEWORK | FFA_FWK_VM_DESTROYED_RESP, 0);
	then_call(0, FFA_MSG_WAIT, 0, 0, 0);
	r = vm_message(0, A, FFA_FWK_VM_DESTROYED, VM1);
	assert_int_equal((uint32_t)r.x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	assert_int_equal(r.x[2], FFA_MSG_FLAG_FRAMEWORK | FFA_FWK_VM_DESTROYED_RESP);
	assert_int_equal(state(0), VCPU_WAITING);
	cfgs[0].properties = 0x103;
}

/* Calls a partition makes that the SPMC answers on the spot; each followed by its answer. */
static void test_partition_local_calls(void **state_)
{
	static const struct {
		uint64_t call, arg, want_x0;
		int64_t want_x2;
	} cases[] = {
		{ FFA_ID_GET, 0, FFA_SUCCESS_32, A },
		{ FFA_FEATURES, FFA_MSG_SEND_DIRECT_REQ_32, FFA_SUCCESS_32, 0 },
		{ FFA_FEATURES, FFA_RUN, FFA_ERROR, FFA_RET_NOT_SUPPORTED },
		{ FFA_FEATURES, FFA_MSG_WAIT, FFA_SUCCESS_32, 0 },
		{ FFA_MSG_SEND_DIRECT_REQ_32, ((uint64_t)B << 16) | B, FFA_ERROR,
		  FFA_RET_INVALID_PARAMETERS }, /* claims B's ID */
		{ FFA_MSG_SEND_DIRECT_REQ_32, ((uint64_t)VM1 << 16) | B, FFA_ERROR,
		  FFA_RET_INVALID_PARAMETERS }, /* claims a VM's ID */
		{ FFA_MSG_SEND_DIRECT_REQ_32, ((uint64_t)A << 16) | A, FFA_ERROR,
		  FFA_RET_INVALID_PARAMETERS }, /* to itself */
		{ SMCCC_VERSION | SMCCC_SVE_HINT, 0, SMCCC_VERSION_1_2, 0 },
		{ 0x82000000, 0, SMCCC_UNKNOWN, 0 },
		{ 0x840000fe, 0, FFA_ERROR, FFA_RET_NOT_SUPPORTED },
		{ FFA_MSG_SEND_DIRECT_RESP_32 | SMCCC_SVE_HINT, ((uint64_t)A << 16) | VM2,
		  FFA_ERROR, FFA_RET_INVALID_PARAMETERS },
	};

	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ffa_value r;

		then_call(0, cases[i].call, cases[i].arg, 0, 0);
		then_answer(0, A, VM1, i);
		r = req(VM1, A, 1);
		assert_int_equal((uint32_t)r.x[0], FFA_MSG_SEND_DIRECT_RESP_32);
		assert_int_equal(r.x[3], i);
		/* What it found when it ran again after its call: the SPMC's answer. */
		assert_int_equal(script[0].seen.x[0], cases[i].want_x0);
		if (cases[i].want_x0 == FFA_ERROR || cases[i].want_x0 == FFA_SUCCESS_32)
			assert_int_equal((int64_t)(int32_t)script[0].seen.x[2], cases[i].want_x2);
	}
}

/* A partition messages another: it gets the answer; a request back to it meanwhile is BUSY. */
static void test_sp_to_sp(void **state_)
{
	struct ffa_value r;

	then_call(0, FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(A, B), 0, 6); /* A -> B */
	then_call(1, FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(B, A), 0, 1); /* B -> A: cycle */
	then_answer(1, B, A, 36);					   /* B answers A */
	then_answer(0, A, VM1, 99);					   /* A answers VM 1 */
	r = req(VM1, A, 1);
	assert_int_equal((uint32_t)r.x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	assert_int_equal(r.x[3], 99);
	/* B's request back to A was refused as BUSY before B answered. */
	assert_int_equal((uint32_t)script[1].seen.x[0], FFA_ERROR);
	assert_int_equal((int32_t)script[1].seen.x[2], FFA_RET_BUSY);
	/* A got B's answer to its request. */
	assert_int_equal((uint32_t)script[0].seen.x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	assert_int_equal(script[0].seen.x[1], ffa_msg_ids(B, A));
	assert_int_equal(script[0].seen.x[3], 36);
	assert_int_equal(state(0), VCPU_WAITING);
	assert_int_equal(state(1), VCPU_WAITING);
	assert_int_equal(spmc_partitions[1].requester, SPMC_NO_REQUESTER);
}

static void test_sp_to_sp_refusals(void **state_)
{
	/* A may not send (properties bit 1 clear): DENIED; B never runs. */
	cfgs[0].properties = 0x101;
	then_call(0, FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(A, B), 0, 1);
	then_answer(0, A, VM1, 1);
	req(VM1, A, 1);
	assert_int_equal((int32_t)script[0].seen.x[2], FFA_RET_DENIED);
	assert_int_equal(script[1].next, 1);
	cfgs[0].properties = 0x103;
	/* B does not take requests: DENIED. */
	spmc_partitions[1].accepts_direct = 0;
	then_call(0, FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(A, B), 0, 1);
	then_answer(0, A, VM1, 1);
	req(VM1, A, 1);
	assert_int_equal((int32_t)script[0].seen.x[2], FFA_RET_DENIED);
	spmc_partitions[1].accepts_direct = 1;
	/* B aborted: ABORTED. */
	spmc_partitions[1].vm.vcpus[0].state = VCPU_ABORTED;
	then_call(0, FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(A, B), 0, 1);
	then_answer(0, A, VM1, 1);
	req(VM1, A, 1);
	assert_int_equal((int32_t)script[0].seen.x[2], FFA_RET_ABORTED);
	/* Upper bits of w1 set: INVALID_PARAMETERS. */
	then_call(0, FFA_MSG_SEND_DIRECT_REQ_32, (1ull << 32) | ffa_msg_ids(A, B), 0, 1);
	then_answer(0, A, VM1, 1);
	req(VM1, A, 1);
	assert_int_equal((int32_t)script[0].seen.x[2], FFA_RET_INVALID_PARAMETERS);
}

static void test_sp_to_sp_receiver_yields(void **state_)
{
	/* B yields once inside A's request: the SPMC resumes it; A gets the answer. */
	then_call(0, FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(A, B), 0, 2);
	then_call(1, FFA_YIELD, 0, 0, 0);
	then_answer(1, B, A, 4);
	then_answer(0, A, VM1, 0);
	req(VM1, A, 1);
	assert_int_equal((uint32_t)script[0].seen.x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	assert_int_equal(script[0].seen.x[3], 4);
	assert_int_equal(state(1), VCPU_WAITING);
}

static void test_sp_to_sp_receiver_yields_forever(void **state_)
{
	/* B yields more often than the SPMC resumes it: B is aborted, A gets ABORTED. */
	then_call(0, FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(A, B), 0, 2);
	then_answer(0, A, VM1, 0);
	looping_yield = true;
	req(VM1, A, 1);
	looping_yield = false;
	assert_int_equal((uint32_t)script[0].seen.x[0], FFA_ERROR);
	assert_int_equal((int32_t)script[0].seen.x[2], FFA_RET_ABORTED);
	assert_int_equal(state(1), VCPU_ABORTED);
	assert_int_equal(state(0), VCPU_WAITING);
}

static void test_normal_world_calls(void **state_)
{
	struct ffa_value r = nwd(FFA_VERSION, FFA_VERSION_1_1, 0, 0);

	assert_int_equal(r.x[0], FFA_VERSION_1_1);
	assert_int_equal(nwd(FFA_VERSION, 1u << 31, 0, 0).x[0], 0xffffffffu); /* §13.2.1 */
	assert_int_equal(nwd(FFA_SPM_ID_GET, 0, 0, 0).x[2], FFA_ID_SPMC);
	assert_int_equal((uint32_t)nwd(FFA_FEATURES, FFA_RUN, 0, 0).x[0], FFA_SUCCESS_32);
	assert_error(nwd(FFA_FEATURES, FFA_MSG_WAIT, 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(nwd(FFA_MSG_WAIT, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
	/* Memory management (and the NWd RX/TX it needs) is tested in QEMU: host stubs here. */
	assert_error(nwd(FFA_RXTX_MAP_64, 0x40000000, 0x40001000, 1), FFA_RET_NOT_SUPPORTED);
}

#define PAT(i) (0xa5a5000000005a00ull + (i))

/* Partition A makes call x0/x1 with x2-x17 patterns; returns what it finds when it runs again. */
static void sp_call_regs(uint64_t x0, uint64_t x1, uint64_t out[18])
{
	struct step *s;

	then_call(0, x0, x1, 0, 0);
	s = &script[0].steps[script[0].count - 1];
	for (unsigned i = 2; i < 8; i++)
		s->x[i] = PAT(i);
	for (unsigned i = 8; i < 18; i++)
		spmc_partitions[0].vm.vcpus[0].regs.x[i] = PAT(i);
	then_answer(0, A, VM1, 0);
	assert_int_equal((uint32_t)req(VM1, A, 1).x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	memcpy(out, script[0].seen.x, 8 * sizeof(uint64_t));
	memcpy(&out[8], script[0].seen_hi, 10 * sizeof(uint64_t));
}

/* SMCCC answers to a partition write x0 only; FF-A answers zero unused results, keep x8-x17. */
static void test_partition_answer_registers(void **state_)
{
	static const uint64_t smccc[][3] = {
		{ SMCCC_VERSION, 0x1234, SMCCC_VERSION_1_2 },
		{ SMCCC_ARCH_FEATURES, SMCCC_VERSION, 0 },
		{ 0x82000000, 0x1234, SMCCC_UNKNOWN },
		{ PSCI_VERSION, 0x1234, SMCCC_UNKNOWN }, /* the SPMC offers partitions no PSCI */
	};
	uint64_t r[18];

	for (unsigned c = 0; c < sizeof(smccc) / sizeof(smccc[0]); c++) {
		sp_call_regs(smccc[c][0], smccc[c][1], r);
		assert_int_equal(r[0], smccc[c][2]);
		assert_int_equal(r[1], smccc[c][1]);
		for (unsigned i = 2; i < 18; i++)
			assert_int_equal(r[i], PAT(i));
	}
	sp_call_regs(FFA_VERSION, FFA_VERSION_1_1, r);
	assert_int_equal(r[0], FFA_VERSION_1_1);
	for (unsigned i = 1; i < 8; i++)
		assert_int_equal(r[i], 0);
	for (unsigned i = 8; i < 18; i++)
		assert_int_equal(r[i], PAT(i));
	sp_call_regs(FFA_ID_GET, 0, r);
	assert_int_equal(r[0], FFA_SUCCESS_32);
	assert_int_equal(r[1] | r[3] | r[4] | r[5] | r[6] | r[7], 0);
	for (unsigned i = 8; i < 18; i++)
		assert_int_equal(r[i], PAT(i));
}

/* The partition's answer for call x0..x3, found when it next runs. */
static struct ffa_value sp_call(uint64_t x0, uint64_t x1, uint64_t x2, uint64_t x3)
{
	then_call(0, x0, x1, x2, x3);
	then_answer(0, A, VM1, 0);
	assert_int_equal((uint32_t)req(VM1, A, 1).x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	return script[0].seen;
}

/* The same MBZ fields as nshyp (ffa_rules.h), from the normal world and from a partition. */
static void test_mbz_fields(void **state_)
{
	uint64_t ids = ffa_msg_ids(VM1, A), tx = 0x10000000, rx = 0x10001000;
	struct ffa_value r;

	/* Normal world: direct request x1[63:32], w2 reserved bits; FFA_RUN x1[63:32], vCPU. */
	assert_error(nwd(FFA_MSG_SEND_DIRECT_REQ_64, (1ull << 40) | ids, 0, 1),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(nwd(FFA_MSG_SEND_DIRECT_REQ_32, ids, 1, 1), FFA_RET_INVALID_PARAMETERS);
	assert_error(nwd(FFA_MSG_SEND_DIRECT_REQ_32, ids, 0x100, 1), FFA_RET_INVALID_PARAMETERS);
	assert_error(nwd(FFA_MSG_SEND_DIRECT_REQ_32, ids, 1ull << 32, 1),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(nwd(FFA_RUN, (1ull << 32) | ((uint64_t)A << 16), 0, 0),
		     FFA_RET_INVALID_PARAMETERS);
	assert_error(nwd(FFA_RUN, ((uint64_t)A << 16) | 1, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(script[0].next, 1); /* nothing reached a partition */
	/* Partition: a request to another with flags, RXTX_MAP w3 = 0x41, UNMAP/RELEASE w1. */
	r = sp_call(FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(A, B), 1, 0);
	assert_error(r, FFA_RET_INVALID_PARAMETERS);
	assert_error(sp_call(FFA_RXTX_MAP_64, tx, rx, 0x41), FFA_RET_INVALID_PARAMETERS);
	assert_int_equal(spmc_partitions[0].rxtx.tx_pa, 0);
	assert_int_equal((uint32_t)sp_call(FFA_RXTX_MAP_64, tx, rx, 1).x[0], FFA_SUCCESS_32);
	then_call(0, FFA_PARTITION_INFO_GET, 0, 0, 0);
	script[0].steps[script[0].count - 1].x[5] = 2; /* w5[31:1] MBZ */
	then_answer(0, A, VM1, 0);
	req(VM1, A, 1);
	assert_error(script[0].seen, FFA_RET_INVALID_PARAMETERS);
	assert_error(sp_call(FFA_RX_RELEASE, A, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_error(sp_call(FFA_RXTX_UNMAP, 1, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_error(sp_call(FFA_RXTX_UNMAP, (uint64_t)B << 16, 0, 0), FFA_RET_INVALID_PARAMETERS);
	assert_int_not_equal(spmc_partitions[0].rxtx.tx_pa, 0);
	assert_int_equal((uint32_t)sp_call(FFA_RXTX_UNMAP, (uint64_t)A << 16, 0, 0).x[0],
			 FFA_SUCCESS_32);
}

/* A partition's direct response: x1[63:32] and w2 MBZ (w2 = 0 answering a partition message). */
static void test_response_mbz_fields(void **state_)
{
	struct ffa_value r;

	then_call(0, FFA_MSG_SEND_DIRECT_RESP_32, (1ull << 32) | ffa_msg_ids(A, VM1), 0, 5);
	then_call(0, FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(A, VM1), 1, 5);
	then_call(0, FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(A, VM1),
		  FFA_MSG_FLAG_FRAMEWORK | FFA_FWK_VM_DESTROYED_RESP, 5);
	then_answer(0, A, VM1, 6);
	r = req(VM1, A, 1);
	assert_int_equal((uint32_t)r.x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	assert_int_equal(r.x[3], 6); /* the three bad answers were refused, the good one passed */
	assert_int_equal(script[0].next, script[0].count);
	/* Answering a framework message with a partition-message response is refused too. */
	cfgs[0].properties = 0x1c3;
	then_call(0, FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(A, 0), 0, 0);
	then_call(0, FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(A, 0),
		  FFA_MSG_FLAG_FRAMEWORK | FFA_FWK_VM_DESTROYED_RESP, 0);
	r = vm_message(0, A, FFA_FWK_VM_DESTROYED, VM1);
	assert_int_equal(r.x[2], FFA_MSG_FLAG_FRAMEWORK | FFA_FWK_VM_DESTROYED_RESP);
	assert_error(script[0].seen, FFA_RET_INVALID_PARAMETERS);
	cfgs[0].properties = 0x103;
}

static void assert_interrupt(struct ffa_value r, ffa_id_t sp)
{
	assert_int_equal((uint32_t)r.x[0], FFA_INTERRUPT);
	assert_int_equal(r.x[1], (uint64_t)sp << 16);
	for (unsigned i = 2; i < 8; i++)
		assert_int_equal(r.x[i], 0);
}

static void test_interrupt_preempts_a_vm_request(void **state_)
{
	struct ffa_value r;

	then_interrupt(0);
	r = req(VM1, A, 3);
	assert_interrupt(r, A);
	assert_int_equal(state(0), VCPU_PREEMPTED);
	assert_int_equal(spmc_partitions[0].requester, VM1);
	assert_error(req(VM2, A, 1), FFA_RET_BUSY);
	then_answer(1, B, VM1, 4); /* another partition serves meanwhile */
	assert_int_equal((uint32_t)req(VM1, B, 2).x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	/* FFA_RUN resumes it with nothing written: it still sees its request. */
	then_interrupt(0);
	assert_interrupt(nwd(FFA_RUN, (uint64_t)A << 16, 0, 0), A);
	then_answer(0, A, VM1, 9);
	r = nwd(FFA_RUN, (uint64_t)A << 16, 0, 0);
	assert_int_equal((uint32_t)r.x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	assert_int_equal(r.x[3], 9);
	assert_int_equal(script[0].seen.x[0], FFA_MSG_SEND_DIRECT_REQ_32);
	assert_int_equal(script[0].seen.x[1], ffa_msg_ids(VM1, A));
	assert_int_equal(script[0].seen.x[3], 3);
	assert_int_equal(state(0), VCPU_WAITING);
	assert_int_equal(fake_irq_mask_count, 0);
}

/*
 * VM1 -> A -> B: an interrupt while B works for A preempts B (not masked), VM1 gets
 * FFA_INTERRUPT naming A (the partition it called), FFA_RUN(A) resumes B where it was; B itself
 * is not the normal world's to run, and A stays BUSY to everybody meanwhile.
 */
static void test_interrupt_in_a_vm_call_chain_preempts_its_tail(void **state_)
{
	struct ffa_value r;

	then_call(0, FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(A, B), 0, 6);
	then_interrupt(1); /* B is preempted: the normal world runs */
	r = req(VM1, A, 1);
	assert_interrupt(r, A);
	assert_int_equal(state(1), VCPU_PREEMPTED);
	assert_int_equal(state(0), VCPU_CALLING);
	assert_int_equal(fake_irq_mask_count, 0);
	assert_error(nwd(FFA_RUN, (uint64_t)B << 16, 0, 0), FFA_RET_DENIED);
	assert_error(req(VM2, A, 1), FFA_RET_BUSY);
	assert_error(req(VM1, B, 1), FFA_RET_BUSY);
	/* Resumed through A: interrupted again, then B answers, then A. */
	then_interrupt(1);
	assert_interrupt(nwd(FFA_RUN, (uint64_t)A << 16, 0, 0), A);
	then_answer(1, B, A, 36);
	then_answer(0, A, VM1, 99);
	r = nwd(FFA_RUN, (uint64_t)A << 16, 0, 0);
	assert_int_equal((uint32_t)r.x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	assert_int_equal(r.x[3], 99);
	assert_int_equal(script[0].seen.x[3], 36); /* B's answer, as the interrupt left it */
	assert_int_equal(script[1].seen.x[3], 6);  /* B's request, as the interrupt left it */
	assert_int_equal(state(0), VCPU_WAITING);
	assert_int_equal(state(1), VCPU_WAITING);
}

/*
 * The hypervisor's framework message is a normal-world request too: an interrupt in it, also in
 * B working for A inside it, hands the CPU back (FFA_INTERRUPT naming A) and FFA_RUN of A
 * resumes it, so a partition that loops there cannot hold the machine (nshyp bounds its resumes).
 */
static void test_interrupt_in_a_framework_message_preempts(void **state_)
{
	struct ffa_value r;

	cfgs[0].properties = 0x1c3;
	then_interrupt(0);
	then_call(0, FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(A, B), 0, 6);
	then_interrupt(1);
	then_answer(1, B, A, 36);
	then_call(0, FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(A, 0),
		  FFA_MSG_FLAG_FRAMEWORK | FFA_FWK_VM_DESTROYED_RESP, 0);
	assert_interrupt(vm_message(0, A, FFA_FWK_VM_DESTROYED, VM1), A);
	assert_int_equal(state(0), VCPU_PREEMPTED);
	assert_interrupt(nwd(FFA_RUN, (uint64_t)A << 16, 0, 0), A); /* now in B, for A */
	assert_int_equal(state(1), VCPU_PREEMPTED);
	assert_int_equal(state(0), VCPU_CALLING);
	assert_error(nwd(FFA_RUN, (uint64_t)B << 16, 0, 0), FFA_RET_DENIED);
	r = nwd(FFA_RUN, (uint64_t)A << 16, 0, 0);
	assert_int_equal((uint32_t)r.x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	assert_int_equal((uint32_t)r.x[2], FFA_MSG_FLAG_FRAMEWORK | FFA_FWK_VM_DESTROYED_RESP);
	assert_int_equal(script[0].seen.x[3], 36);
	assert_int_equal(fake_irq_mask_count, 0);
	assert_int_equal(state(0), VCPU_WAITING);
	assert_int_equal(state(1), VCPU_WAITING);
	cfgs[0].properties = 0x103;
}

/* At boot nobody could resume a partition: an interrupt is masked until its boot run ends. */
static void test_interrupt_at_boot_is_masked(void **state_)
{
	boot_interrupted = true;
	boot(false);
	boot_interrupted = false;
	assert_int_equal(state(0), VCPU_WAITING);
	assert_int_equal(fake_irq_mask_count, 1);
	assert_int_equal(fake_irq_masked, 0);
}

/* ---- Secure interrupts (irq_spmc.c and the transitions in ffa_spmc.c) ---- */

#define NWR FFA_NORMAL_WORLD_RESUME

/* The SPMD hands the SPMC a secure interrupt that stopped the normal world. */
static struct ffa_value spmd_interrupt(void)
{
	return nwd(FFA_INTERRUPT, 0, 0, 0);
}

static void assert_resume(struct ffa_value r)
{
	assert_int_equal((uint32_t)r.x[0], NWR);
	for (unsigned i = 1; i < 8; i++)
		assert_int_equal(r.x[i], 0);
}

/* The secure timer is the partition's that lists it: the SPMC gives CNTP to that one only. */
static void test_secure_timer_owner(void **state_)
{
	(void)state_;
	assert_true(spmc_irq_owns(spmc_find_sp(A), SYS_IRQ_SEC_TIMER));
	assert_false(spmc_irq_owns(spmc_find_sp(B), SYS_IRQ_SEC_TIMER));
	assert_false(spmc_irq_owns(spmc_find_sp(A), SYS_IRQ_CNTPS));
	assert_true(spmc_irq_owns(spmc_find_sp(B), 41));
}

static void test_secure_irq_to_a_waiting_partition(void **state_)
{
	then_call(0, FFA_MSG_WAIT, 0, 0, 0);
	fake_gic_raise(SYS_IRQ_SEC_TIMER);
	assert_resume(spmd_interrupt());
	/* A got FFA_INTERRUPT, w1 = 0, w2 = the INTID, the rest 0. */
	assert_int_equal(script[0].seen.x[0], FFA_INTERRUPT);
	assert_int_equal(script[0].seen.x[1], 0);
	assert_int_equal(script[0].seen.x[2], SYS_IRQ_SEC_TIMER);
	for (unsigned i = 3; i < 8; i++)
		assert_int_equal(script[0].seen.x[i], 0);
	assert_int_equal(state(0), VCPU_WAITING);
	/* Active while A handled it; deactivated when its FFA_MSG_WAIT ended the run. */
	assert_false(fake_gic_active[SYS_IRQ_SEC_TIMER]);
	assert_int_equal(fake_gic_deactivations, 1);
	assert_false(fake_vi);
	/* Nothing pending, and A serves requests as before. */
	then_answer(0, A, VM1, 5);
	assert_int_equal(req(VM1, A, 1).x[3], 5);
}

extern uint64_t fake_counter_step;

/* `n` deliveries of the secure timer to A, each handled at once (FFA_MSG_WAIT), `step` apart. */
static void deliveries(unsigned n, uint64_t step)
{
	fake_counter_step = step;
	for (unsigned i = 0; i < n; i++) {
		script[0].count = script[0].next = 0; /* a script of one step, again */
		then_call(0, FFA_MSG_WAIT, 0, 0, 0);
		fake_gic_raise(SYS_IRQ_SEC_TIMER);
		assert_resume(spmd_interrupt());
		assert_int_equal(script[0].seen.x[2], SYS_IRQ_SEC_TIMER);
	}
}

/*
 * A level source its handler never silences fires again as soon as the run ended: the 64th
 * delivery in a row "at once" (the counter does not move) is a storm: disabled, never run, and
 * the normal world goes on. One after a pause starts the count again.
 */
static void test_secure_irq_storm_is_disabled(void **state_)
{
	deliveries(63, 0);
	assert_false(fake_gic_disabled[SYS_IRQ_SEC_TIMER]);
	fake_gic_raise(SYS_IRQ_SEC_TIMER);
	assert_resume(spmd_interrupt());
	assert_true(fake_gic_disabled[SYS_IRQ_SEC_TIMER]);
	assert_false(fake_gic_active[SYS_IRQ_SEC_TIMER]);
	assert_int_equal(fake_gic_deactivations, 64);
	assert_int_equal(state(0), VCPU_WAITING);
	/* After a pause, deliveries count from 0 again. */
	fake_gic_disabled[SYS_IRQ_SEC_TIMER] = false;
	deliveries(1, 62500000);
	deliveries(63, 0);
	assert_false(fake_gic_disabled[SYS_IRQ_SEC_TIMER]);
	script[0].count = script[0].next = 0;
	then_answer(0, A, VM1, 5);
	assert_int_equal(req(VM1, A, 1).x[3], 5);
}

static void test_secure_irq_while_its_partition_runs(void **state_)
{
	struct ffa_value r;

	then_secure_irq(0, 40);
	then_call(0, HYPCALL_INTERRUPT_GET, 0, 0, 0);
	then_call(0, HYPCALL_INTERRUPT_GET, 0, 0, 0);
	then_answer(0, A, VM1, 8);
	r = req(VM1, A, 2);
	assert_int_equal(r.x[3], 8);
	/* Signalled with HCR_EL2.VI, read once with HYPCALL_INTERRUPT_GET, then none (1023). */
	assert_true(script[0].seen_vi[2]); /* (step 0 was its boot) */
	assert_int_equal(script[0].seen_x0[3], 40);
	assert_false(script[0].seen_vi[3]);
	assert_int_equal(script[0].seen_x0[4], 1023);
	/* Active during the run (priority dropped), deactivated at its end. */
	assert_int_equal(fake_gic_acks, 1);
	assert_false(fake_gic_active[40]);
	assert_false(fake_vi);
	/* Never read: deactivated at the run's end all the same, VI gone. */
	then_secure_irq(0, SYS_IRQ_SEC_TIMER);
	then_answer(0, A, VM1, 9);
	assert_int_equal(req(VM1, A, 2).x[3], 9);
	assert_true(script[0].seen_vi[6]);
	assert_false(fake_gic_active[SYS_IRQ_SEC_TIMER]);
	assert_false(fake_vi);
}

static void test_secure_irq_for_another_partition_waits_for_the_run(void **state_)
{
	struct ffa_value r;

	then_secure_irq(1, SYS_IRQ_SEC_TIMER); /* A's timer while B serves VM 1 */
	then_answer(1, B, VM1, 77);
	then_call(0, FFA_MSG_WAIT, 0, 0, 0);
	r = req(VM1, B, 3);
	/* B finished, A handled its interrupt, then VM 1 got B's answer, untouched. */
	assert_int_equal((uint32_t)r.x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	assert_int_equal(r.x[1], ffa_msg_ids(B, VM1));
	assert_int_equal(r.x[3], 77);
	assert_int_equal(script[0].seen.x[0], FFA_INTERRUPT);
	assert_int_equal(script[0].seen.x[2], SYS_IRQ_SEC_TIMER);
	assert_false(script[1].seen_vi[2]); /* B never saw A's interrupt */
	assert_false(fake_gic_active[SYS_IRQ_SEC_TIMER]);
}

static void test_secure_irq_of_a_stopped_partition_is_signalled_on_ffa_run(void **state_)
{
	struct ffa_value r;

	then_call(0, FFA_YIELD, 0, 0, 0);
	assert_int_equal((uint32_t)req(VM1, A, 4).x[0], FFA_YIELD);
	assert_int_equal(state(0), VCPU_BLOCKED);
	/* Blocked in a VM's request: the interrupt stays pending (and active), the normal world
	 * resumes at once; A is not run. */
	fake_gic_raise(SYS_IRQ_SEC_TIMER);
	assert_resume(spmd_interrupt());
	assert_int_equal(state(0), VCPU_BLOCKED);
	assert_true(fake_gic_active[SYS_IRQ_SEC_TIMER]);
	/* Resumed by FFA_RUN, A is signalled its interrupt at once (HCR_EL2.VI, resume_irqs()):
	 * it reads it and answers; the INTID is deactivated when that run ends. */
	then_call(0, HYPCALL_INTERRUPT_GET, 0, 0, 0);
	then_answer(0, A, VM1, 16);
	r = nwd(FFA_RUN, (uint64_t)A << 16, 0, 0);
	assert_int_equal(r.x[3], 16);
	assert_true(script[0].seen_vi[2]);
	assert_int_equal(script[0].seen_x0[3], SYS_IRQ_SEC_TIMER);
	assert_false(fake_gic_active[SYS_IRQ_SEC_TIMER]);
	assert_false(fake_vi);
	assert_int_equal(state(0), VCPU_WAITING);
}

static void test_interrupt_run_preempted_and_bounded(void **state_)
{
	struct ffa_value r;

	/* A Non-secure interrupt in the handler: the normal world resumes at once. */
	then_interrupt(0);
	then_interrupt(0);
	then_call(0, FFA_MSG_WAIT, 0, 0, 0);
	fake_gic_raise(SYS_IRQ_SEC_TIMER);
	assert_resume(spmd_interrupt());
	assert_int_equal(state(0), VCPU_PREEMPTED);
	assert_true(fake_gic_active[SYS_IRQ_SEC_TIMER]); /* still handled: no storm */
	/* Not the VM's to resume; the return of the refusal resumes the handler, which is stopped
	 * again (the second interrupt), and the refusal still reaches the normal world. */
	assert_error(nwd(FFA_RUN, (uint64_t)A << 16, 0, 0), FFA_RET_DENIED);
	assert_int_equal(state(0), VCPU_PREEMPTED);
	/* A request to it is BUSY; on that return the handler finishes (FFA_MSG_WAIT). */
	assert_error(req(VM1, A, 1), FFA_RET_BUSY);
	assert_int_equal(state(0), VCPU_WAITING);
	assert_false(fake_gic_active[SYS_IRQ_SEC_TIMER]);
	r = nwd(FFA_ID_GET, 0, 0, 0);
	assert_int_equal((uint32_t)r.x[0], FFA_SUCCESS_32);
	/* A handler that never finishes is aborted after SP_IRQ_MAX_PREEMPTS (16) stops. */
	fake_gic_raise(SYS_IRQ_SEC_TIMER);
	for (unsigned i = 0; i < 17; i++)
		then_interrupt(0);
	assert_resume(spmd_interrupt());
	for (unsigned i = 0; i < 16; i++)
		assert_int_equal((uint32_t)nwd(FFA_ID_GET, 0, 0, 0).x[0], FFA_SUCCESS_32);
	assert_int_equal(state(0), VCPU_ABORTED);
	assert_false(fake_gic_active[SYS_IRQ_SEC_TIMER]);
	assert_error(req(VM1, A, 1), FFA_RET_ABORTED);
	/* Its next interrupt is dropped and its source disabled. */
	unsigned dropped = spmc_irq_dropped;

	fake_gic_raise(SYS_IRQ_SEC_TIMER);
	assert_resume(spmd_interrupt());
	assert_int_equal(spmc_irq_dropped, dropped + 1);
	assert_true(fake_gic_disabled[SYS_IRQ_SEC_TIMER]);
	assert_false(fake_gic_active[SYS_IRQ_SEC_TIMER]);
}

/*
 * A return to the normal world made for a Non-secure interrupt (a VM's request preempted) does
 * not resume a preempted handler: that interrupt is still pending, so the handler would be
 * stopped before it ran and lose one of its SP_IRQ_MAX_PREEMPTS for another partition's stop.
 */
static void test_ns_interrupt_return_does_not_resume_a_handler(void **state_)
{
	struct ffa_value r;

	then_interrupt(0); /* A's handler is stopped once */
	fake_gic_raise(SYS_IRQ_SEC_TIMER);
	assert_resume(spmd_interrupt());
	assert_int_equal(state(0), VCPU_PREEMPTED);
	/* B, in VM 1's request, is preempted again and again: A does not run on those returns. */
	for (unsigned i = 0; i < 20; i++)
		then_interrupt(1);
	assert_interrupt(req(VM1, B, 1), B);
	for (unsigned i = 1; i < 20; i++)
		assert_interrupt(nwd(FFA_RUN, (uint64_t)B << 16, 0, 0), B);
	assert_int_equal(script[0].next, 2); /* its boot and the one stopped step */
	assert_int_equal(state(0), VCPU_PREEMPTED);
	assert_int_equal(spmc_partitions[0].irq_preempts, 1);
	/* B answers: on that return A's handler goes on and finishes; VM 1 gets B's answer. */
	then_answer(1, B, VM1, 42);
	then_call(0, FFA_MSG_WAIT, 0, 0, 0);
	r = nwd(FFA_RUN, (uint64_t)B << 16, 0, 0);
	assert_int_equal((uint32_t)r.x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	assert_int_equal(r.x[3], 42);
	assert_int_equal(state(0), VCPU_WAITING);
	assert_false(fake_gic_active[SYS_IRQ_SEC_TIMER]);
}

/*
 * An interrupt of a partition that has not booted yet (the monitor enabled every secure INTID
 * before the SPMC started) waits for it: delivered once the boot is over, not dropped and
 * disabled as unowned.
 */
static void test_secure_irq_before_its_partition_booted_waits_for_it(void **state_)
{
	const struct ffa_value *ow;
	unsigned dropped = spmc_irq_dropped;

	boot_secure_irq = true;
	boot(false);
	boot_secure_irq = false;
	assert_int_equal(spmc_irq_dropped, dropped);
	assert_false(fake_gic_disabled[41]);
	assert_false(script[0].seen_vi[1]); /* A, booting, never saw it */
	assert_int_equal(script[1].seen_x0[1], FFA_INTERRUPT);
	assert_int_equal(script[1].seen_x2[1], 41);
	assert_false(fake_gic_active[41]);
	assert_int_equal(state(1), VCPU_WAITING);
	/* The monitor still gets the end of the boot. */
	ow = (const struct ffa_value *)(uintptr_t)spmc_this_cpu()->other_world.regs.x[SPMC_OW_ARGS];
	assert_int_equal((uint32_t)ow->x[0], FFA_MSG_WAIT);
}

static void test_spurious_unowned_and_aborted_owner(void **state_)
{
	unsigned dropped = spmc_irq_dropped;

	/* Nothing pending any more (spurious): the normal world resumes, nothing runs. */
	assert_resume(spmd_interrupt());
	assert_int_equal(fake_gic_acks, 0);
	/* An INTID no partition owns: deactivated, disabled, counted, never delivered. */
	fake_gic_raise(100);
	assert_resume(spmd_interrupt());
	assert_int_equal(spmc_irq_dropped, dropped + 1);
	assert_true(fake_gic_disabled[100]);
	assert_false(fake_gic_active[100]);
	fake_gic_raise(1019); /* out of the table's range */
	assert_resume(spmd_interrupt());
	assert_int_equal(spmc_irq_dropped, dropped + 2);
	/* B aborted at boot: its SPI is dropped, even while A runs. */
	boot(true);
	then_secure_irq(0, 41);
	then_answer(0, A, VM1, 1);
	assert_int_equal(req(VM1, A, 1).x[3], 1);
	assert_int_equal(spmc_irq_dropped, dropped + 3);
	assert_false(fake_gic_active[41]);
	assert_false(script[0].seen_vi[2]);
}

static void test_interrupt_get_and_features(void **state_)
{
	static const uint32_t ids[] = { FFA_FEATURE_NPI, FFA_FEATURE_MEI, FFA_FEATURE_SRI };

	/* A partition with nothing pending gets 1023; x1-x7 stay as they were. */
	then_call(0, HYPCALL_INTERRUPT_GET, 0x11, 0x22, 0x33);
	then_answer(0, A, VM1, 0);
	req(VM1, A, 0);
	assert_int_equal(script[0].seen_x0[2], 1023);
	assert_int_equal(script[0].seen_x2[2], 0x22);
	/* The normal world reaching the SPMC with it (the monitor answers it SMC_UNK first). */
	assert_error(nwd(HYPCALL_INTERRUPT_GET, 0, 0, 0), FFA_RET_NOT_SUPPORTED);
	/* No managed exit; the NPI is a partition's (INTID 5), the SRI the normal world's (8). */
	assert_error(nwd(FFA_FEATURES, ids[0], 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_error(nwd(FFA_FEATURES, ids[1], 0, 0), FFA_RET_NOT_SUPPORTED);
	assert_int_equal(nwd(FFA_FEATURES, ids[2], 0, 0).x[2], SYS_IRQ_SRI);
	for (unsigned i = 0; i < 3; i++)
		then_call(0, FFA_FEATURES, ids[i], 0, 0);
	then_answer(0, A, VM1, 0);
	req(VM1, A, 0);
	assert_int_equal(script[0].seen_x0[script[0].next - 3], FFA_SUCCESS_32);
	assert_int_equal(script[0].seen_x2[script[0].next - 3], SPMC_NPI_INTID);
	for (unsigned i = 2; i <= 3; i++) {
		assert_int_equal(script[0].seen_x0[script[0].next - 4 + i], FFA_ERROR);
		assert_int_equal((int32_t)script[0].seen_x2[script[0].next - 4 + i],
				 FFA_RET_NOT_SUPPORTED);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_boot_states, setup),
		cmocka_unit_test_setup(test_request_and_answer, setup),
		cmocka_unit_test_setup(test_bad_answers_are_refused_and_it_runs_on, setup),
		cmocka_unit_test_setup(test_run_on_a_waiting_partition, setup),
		cmocka_unit_test_setup(test_yield_blocked_busy_run, setup),
		cmocka_unit_test_setup(test_fault_and_error_abort, setup),
		cmocka_unit_test_setup(test_fault_taken_by_partition_runs_on, setup),
		cmocka_unit_test_setup(test_request_checks, setup),
		cmocka_unit_test_setup(test_vm_availability_messages, setup),
		cmocka_unit_test_setup(test_partition_local_calls, setup),
		cmocka_unit_test_setup(test_sp_to_sp, setup),
		cmocka_unit_test_setup(test_sp_to_sp_refusals, setup),
		cmocka_unit_test_setup(test_sp_to_sp_receiver_yields, setup),
		cmocka_unit_test_setup(test_sp_to_sp_receiver_yields_forever, setup),
		cmocka_unit_test_setup(test_normal_world_calls, setup),
		cmocka_unit_test_setup(test_partition_answer_registers, setup),
		cmocka_unit_test_setup(test_mbz_fields, setup),
		cmocka_unit_test_setup(test_response_mbz_fields, setup),
		cmocka_unit_test_setup(test_interrupt_preempts_a_vm_request, setup),
		cmocka_unit_test_setup(test_interrupt_in_a_framework_message_preempts, setup),
		cmocka_unit_test_setup(test_interrupt_in_a_vm_call_chain_preempts_its_tail, setup),
		cmocka_unit_test_setup(test_secure_timer_owner, setup),
		cmocka_unit_test_setup(test_secure_irq_to_a_waiting_partition, setup),
		cmocka_unit_test_setup(test_secure_irq_while_its_partition_runs, setup),
		cmocka_unit_test_setup(test_secure_irq_for_another_partition_waits_for_the_run,
				       setup),
		cmocka_unit_test_setup(
		    test_secure_irq_of_a_stopped_partition_is_signalled_on_ffa_run, setup),
		cmocka_unit_test_setup(test_interrupt_run_preempted_and_bounded, setup),
		cmocka_unit_test_setup(test_ns_interrupt_return_does_not_resume_a_handler, setup),
		cmocka_unit_test_setup(test_secure_irq_before_its_partition_booted_waits_for_it,
				       setup),
		cmocka_unit_test_setup(test_spurious_unowned_and_aborted_owner, setup),
		cmocka_unit_test_setup(test_secure_irq_storm_is_disabled, setup),
		cmocka_unit_test_setup(test_interrupt_get_and_features, setup),
		cmocka_unit_test_setup(test_interrupt_at_boot_is_masked, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
