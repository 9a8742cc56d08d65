// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host unit tests of nshyp's OP-TEE SMC ABI mediator (hyp/role/nshyp/optee_mediator.c), with
 * guest_calls.c and the real mem_nshyp.c on the fake architecture. The guest is a buffer with
 * an OP-TEE window at its top; the secure world is a stub that plays the SPMC (the window's
 * share) and two OP-TEE FF-A TEEs that read each argument from the share, as a TOS does, plus
 * a bound partition that is no OP-TEE. Every OP-TEE SMC answer is checked to keep x4-x17.
 * Hostile arguments: outside the window, straddling its end, in the mediator page, unaligned,
 * too many parameters, NONCONTIG, RMEM, META where none belongs, foreign and unknown sessions,
 * resumes of calls that are not suspended; and a hostile TEE that scribbles over the slot.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include <abi/optee_ffa.h>
#include <abi/optee_smc.h>
#include <abi/smccc.h>
#include <arch/smc.h>
#include <hyp/mem_share.h>

#include "../../hyp/role/nshyp/nshyp.h"

#define VM_MEM	    (256 * 1024)
#define VM_IPA	    0x40000000ull
#define SHM	    (64 * 1024)
#define WIN_IPA	    (VM_IPA + VM_MEM - SHM)
#define MED	    SYS_OPTEE_MEDIATOR_SIZE
#define PART	    (WIN_IPA + MED) /* the guest's part of the window */
#define WIN_END	    (VM_IPA + VM_MEM)
#define A	    0x8001
#define B	    0x8002
#define U	    0x8003 /* bound, but no OP-TEE */
#define HANDLE	    0x100000005ull
#define RESUME_TAG  0x7e000000u
#define ERR_BAD	    0xffff0006u
#define ERR_NFOUND  0xffff0008u
#define ERR_NOMEM   0xffff000cu
#define ERR_COMM    0xffff000eu
#define ORIGIN_COMM 2u
#define ORIGIN_TEE  3u
#define ORIGIN_TA   4u
#define UUID_ON_A   0xaull
#define UUID_ON_B   0xbull
#define UUID_TA_NF  0xeeull /* hosted by A, whose TA answers ITEM_NOT_FOUND itself */

static uint8_t vm_mem[VM_MEM] __attribute__((aligned(4096)));
static s2_table_t tables[16] __attribute__((aligned(4096)));
static struct guest g, plain;

const struct sys_sp nshyp_sps[] = {
	{ .name = "A", .ffa_id = A, .uuid = { 1 }, .properties = 0x1c3 },
	{ .name = "B", .ffa_id = B, .uuid = { 2 }, .properties = 0x1c3 },
	{ .name = "U", .ffa_id = U, .uuid = { 3 }, .properties = 0x103 },
};
const unsigned nshyp_sp_count = 3;
const struct sys_vm nshyp_vms[2] = {
	{ .name = "guest1",
	  .vm_id = 1,
	  .mem = { (uintptr_t)vm_mem, VM_IPA, VM_MEM, 0 },
	  .optee_shm_size = SHM,
	  .allowed_sp = { U, A, B },
	  .allowed_sp_count = 3 },
	{ .name = "guest2", .vm_id = 2, .allowed_sp = { A }, .allowed_sp_count = 1 },
};
const unsigned nshyp_vm_count = 2;

/* ---- the secure world ---------------------------------------------------------------------- */

enum mode {
	NORMAL,
	TEE_INTERRUPT,	 /* the TOS suspends the call (RETURN_INTERRUPT) */
	SPMC_INTERRUPT,	 /* an interrupt preempts the partition (FFA_INTERRUPT) */
	TEE_BUSY,	 /* w3 = BUSY */
	SPMC_BUSY,	 /* FFA_ERROR(BUSY) */
	TEE_RPC,	 /* RETURN_RPC_CMD */
	WRONG_SENDER,	 /* a response that names another partition */
	SCRIBBLE,	 /* NORMAL, then overwrite attr/offset/handle of every slot param */
	SPMC_INTR_AGAIN, /* FFA_INTERRUPT, and again on every FFA_RUN */
};

struct tee {
	ffa_id_t id;
	uint32_t next_real;
	uint32_t sessions[64];
	unsigned session_count;
	uint32_t pending_off; /* the call it holds (suspended or preempted) */
	bool pending;
};

extern ffa_id_t host_busy_sp;	    /* test/fuzz/host_stubs.c */
extern unsigned host_resume_begins; /* test/fuzz/host_stubs.c */
static struct tee tees[2];
static enum mode next_mode;
static unsigned forwarded, requests, runs;
static uint8_t *tx_host;
static struct mem_tx shared;
static bool share_live;
static uint64_t reclaimed;
static struct ffa_value last_req;	      /* the last direct request a TEE got */
static uint64_t seen[OPTEE_MED_ARG_SIZE / 8]; /* the argument it read from the share */
static ffa_id_t seen_by;

static struct tee *tee_of(ffa_id_t id)
{
	return id == A ? &tees[0] : id == B ? &tees[1] : 0;
}

static uint8_t *share_at(uint64_t off)
{
	return vm_mem + (WIN_IPA - VM_IPA) + off;
}

static struct ffa_value resp(ffa_id_t tee, uint32_t w3, uint32_t w4, uint32_t w5, uint32_t w7)
{
	struct ffa_value v = { { FFA_MSG_SEND_DIRECT_RESP_32, ffa_msg_ids(tee, 1), 0, w3, w4, w5, 0,
				 w7 } };

	return v;
}

static bool has_session(struct tee *t, uint32_t real)
{
	for (unsigned i = 0; i < t->session_count; i++)
		if (t->sessions[i] == real)
			return true;
	return false;
}

static void drop_session(struct tee *t, uint32_t real)
{
	for (unsigned i = 0; i < t->session_count; i++)
		if (t->sessions[i] == real)
			t->sessions[i] = t->sessions[--t->session_count];
}

/* What the TOS does with an argument: a tiny TA per TEE. */
static void serve(struct tee *t, struct optee_msg_arg *a, bool scribble)
{
	a->ret = 0;
	a->ret_origin = ORIGIN_TEE;
	switch (a->cmd) {
	case OPTEE_MSG_CMD_OPEN_SESSION: {
		uint64_t uuid = a->params[0].u.value.a;

		if (uuid == UUID_TA_NF && t->id == A) {
			a->ret = ERR_NFOUND;
			a->ret_origin = ORIGIN_TA;
		} else if (uuid != (t->id == A ? UUID_ON_A : UUID_ON_B)) {
			a->ret = ERR_NFOUND;
		} else {
			a->session = t->next_real++;
			t->sessions[t->session_count++] = a->session;
		}
		break;
	}
	case OPTEE_MSG_CMD_INVOKE_COMMAND:
		if (!has_session(t, a->session)) {
			a->ret = ERR_BAD;
			break;
		}
		for (unsigned i = 0; i < a->num_params; i++) {
			struct optee_msg_param *p = &a->params[i];

			if (p->attr == OPTEE_MSG_ATTR_TYPE_VALUE_INOUT ||
			    p->attr == OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT) {
				p->u.value.a += 1;
				p->u.value.b = 0xb0b;
				p->u.value.c = 0xc0c;
			}
			if (p->attr == OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT ||
			    p->attr == OPTEE_MSG_ATTR_TYPE_FMEM_INOUT)
				p->u.fmem.size = 5;
			if (scribble && p->attr >= OPTEE_MSG_ATTR_TYPE_FMEM_INPUT) {
				p->u.fmem.offs_low = 0xdead;
				p->u.fmem.global_id = 0x5ca1ab1e;
			}
			if (scribble)
				p->attr = 0xffff;
		}
		break;
	case OPTEE_MSG_CMD_CLOSE_SESSION:
		a->ret = has_session(t, a->session) ? 0 : ERR_BAD;
		drop_session(t, a->session);
		break;
	default:
		break;
	}
}

static struct ffa_value finish(struct tee *t, uint32_t off, bool scribble)
{
	serve(t, (struct optee_msg_arg *)share_at(off), scribble);
	t->pending = false;
	return resp(t->id, 0, OPTEE_FFA_YIELDING_CALL_RETURN_DONE, 0, 0);
}

static struct ffa_value yielding_call(struct tee *t, const struct ffa_value *m)
{
	uint32_t off = (uint32_t)m->x[6];
	enum mode mode = next_mode;

	assert_int_equal(optee_ffa_handle((uint32_t)m->x[4], (uint32_t)m->x[5]), HANDLE);
	assert_true(off % OPTEE_MED_SLOT_SIZE == 0 && off < MED);
	memcpy(seen, share_at(off), sizeof(seen));
	seen_by = t->id;
	next_mode = NORMAL;
	switch (mode) {
	case TEE_INTERRUPT:
	case SPMC_INTERRUPT:
	case SPMC_INTR_AGAIN:
		t->pending = true;
		t->pending_off = off;
		if (mode == TEE_INTERRUPT)
			return resp(t->id, 0, OPTEE_FFA_YIELDING_CALL_RETURN_INTERRUPT, 0,
				    RESUME_TAG | off);
		next_mode = mode == SPMC_INTR_AGAIN ? SPMC_INTR_AGAIN : NORMAL;
		return (struct ffa_value){ { FFA_INTERRUPT, (uint64_t)t->id << 16 } };
	case TEE_BUSY:
		return resp(t->id, (uint32_t)FFA_RET_BUSY, 0, 0, 0);
	case SPMC_BUSY:
		return ffa_error(FFA_RET_BUSY);
	case TEE_RPC:
		return resp(t->id, 0, OPTEE_FFA_YIELDING_CALL_RETURN_RPC_CMD, 0, 0);
	case WRONG_SENDER:
		return resp(t->id == A ? B : A, 0, OPTEE_FFA_YIELDING_CALL_RETURN_DONE, 0, 0);
	default:
		return finish(t, off, mode == SCRIBBLE);
	}
}

static struct ffa_value tee_call(const struct ffa_value *m)
{
	struct tee *t = tee_of(ffa_msg_receiver(m->x[1]));

	assert_int_equal(ffa_msg_sender(m->x[1]), 1); /* always the guest's own ID */
	assert_int_equal(m->x[2], 0);
	if (!t) /* U: a partition that knows nothing of OP-TEE */
		return resp(ffa_msg_receiver(m->x[1]), 0x99, 0, 0, 0);
	switch ((uint32_t)m->x[3]) {
	case OPTEE_FFA_GET_API_VERSION:
		return resp(t->id, OPTEE_FFA_VERSION_MAJOR, 0, 0, 0);
	case OPTEE_FFA_EXCHANGE_CAPABILITIES:
		return resp(t->id, 0, 0, OPTEE_FFA_SEC_CAP_ARG_OFFSET, 0);
	case OPTEE_FFA_YIELDING_CALL_WITH_ARG:
		requests++;
		last_req = *m;
		if (t->pending && next_mode == NORMAL) /* the TOS has one call of ours at a time */
			return resp(t->id, (uint32_t)FFA_RET_BUSY, 0, 0, 0);
		return yielding_call(t, m);
	case OPTEE_FFA_YIELDING_CALL_RESUME:
		requests++;
		last_req = *m;
		assert_true(t->pending);
		assert_int_equal((uint32_t)m->x[7], RESUME_TAG | t->pending_off);
		return finish(t, t->pending_off, false);
	default:
		fail_msg("unexpected OP-TEE FF-A function 0x%x", (uint32_t)m->x[3]);
		return ffa_error(FFA_RET_NOT_SUPPORTED);
	}
}

static struct ffa_value run(const struct ffa_value *m)
{
	struct tee *t = tee_of((ffa_id_t)(m->x[1] >> 16));

	runs++;
	assert_non_null(t);
	assert_true(t->pending);
	if (next_mode == SPMC_INTR_AGAIN)
		return (struct ffa_value){ { FFA_INTERRUPT, (uint64_t)t->id << 16 } };
	return finish(t, t->pending_off, false);
}

static struct ffa_value mem_share(const struct ffa_value *m)
{
	assert_int_equal(
	    ffa_mem_desc_parse(tx_host, (uint32_t)m->x[2], FFA_MEM_SHARE_32, (ffa_id_t)1, &shared),
	    0);
	share_live = true;
	return (struct ffa_value){ { FFA_SUCCESS_32, 0, (uint32_t)HANDLE, HANDLE >> 32 } };
}

void nshyp_forward(struct ffa_value *m)
{
	forwarded++;
	switch ((uint32_t)m->x[0]) {
	case FFA_RXTX_MAP_64:
		tx_host = (uint8_t *)(uintptr_t)m->x[1];
		*m = ffa_success(0);
		return;
	case FFA_MEM_SHARE_32:
		*m = mem_share(m);
		return;
	case FFA_MEM_RECLAIM:
		reclaimed = (uint32_t)m->x[1] | (uint64_t)(uint32_t)m->x[2] << 32;
		share_live = false;
		*m = ffa_success(0);
		return;
	case FFA_MSG_SEND_DIRECT_REQ_32:
		*m = tee_call(m);
		return;
	case FFA_RUN:
		*m = run(m);
		return;
	default:
		fail_msg("unexpected forward 0x%x", (uint32_t)m->x[0]);
	}
}

struct ffa_value fake_smc(struct ffa_value in)
{
	(void)in;
	fail_msg("nshyp makes no endpoint SMC here");
	return in;
}

unsigned arch_enter_lower(struct arch_regs *regs)
{
	(void)regs;
	fail_msg("never runs a vCPU");
	return 0;
}

/* ---- the guest ----------------------------------------------------------------------------- */

static struct optee_msg_arg *arg_at(uint64_t ipa)
{
	return (struct optee_msg_arg *)(vm_mem + (ipa - VM_IPA));
}

/* An SMC from the guest; x4-x17 must come back as it set them. */
static struct ffa_value smc(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
	struct arch_regs *r = &g.vm.vcpus[0].regs;

	for (unsigned i = 4; i < 18; i++)
		r->x[i] = 0xfeed000000000000ull | i;
	r->x[0] = fid;
	r->x[1] = a1;
	r->x[2] = a2;
	r->x[3] = a3;
	g.vm.vcpus[0].state = VCPU_RUNNING;
	nshyp_guest_call(&g);
	for (unsigned i = 4; i < 18; i++)
		assert_int_equal(r->x[i], 0xfeed000000000000ull | i);
	return *vcpu_ffa(&g.vm.vcpus[0]);
}

static struct ffa_value call_arg(uint64_t ipa)
{
	return smc(OPTEE_SMC_CALL_WITH_ARG, ipa >> 32, (uint32_t)ipa, 0);
}

static struct optee_msg_arg *new_arg(uint64_t ipa, uint32_t cmd, uint32_t session, uint32_t n)
{
	struct optee_msg_arg *a = arg_at(ipa);

	memset(a, 0, OPTEE_MSG_GET_ARG_SIZE(n));
	a->cmd = cmd;
	a->session = session;
	a->num_params = n;
	a->ret = 0x5a5a5a5a;
	return a;
}

static struct optee_msg_arg *open_arg(uint64_t ipa, uint64_t uuid, uint32_t user)
{
	struct optee_msg_arg *a = new_arg(ipa, OPTEE_MSG_CMD_OPEN_SESSION, 0, 2 + user);

	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META;
	a->params[0].u.value.a = uuid;
	a->params[1].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META;
	a->params[1].u.value.c = OPTEE_MSG_LOGIN_USER;
	a->params[1].u.value.a = 0x1111;
	return a;
}

/* Open a session (a0 OK, ret 0) and return the guest-visible ID. */
static uint32_t open_session(uint64_t uuid)
{
	struct optee_msg_arg *a = open_arg(PART, uuid, 0);

	assert_int_equal(call_arg(PART).x[0], OPTEE_SMC_RETURN_OK);
	assert_int_equal(a->ret, 0);
	return a->session;
}

static void assert_answer(struct ffa_value r, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
	assert_int_equal(r.x[0], a0);
	assert_int_equal(r.x[1], a1);
	assert_int_equal(r.x[2], a2);
	assert_int_equal(r.x[3], a3);
}

/* A call the mediator refuses in the argument (a0 OK, ret/origin), reaching no TEE. */
static void assert_refused(uint64_t ipa, uint32_t ret, uint32_t origin)
{
	unsigned before = requests;

	assert_int_equal(call_arg(ipa).x[0], OPTEE_SMC_RETURN_OK);
	assert_int_equal(arg_at(ipa)->ret, ret);
	assert_int_equal(arg_at(ipa)->ret_origin, origin);
	assert_int_equal(requests, before);
}

static int setup(void **state)
{
	static struct s2_pool pool;

	(void)state;
	pool = (struct s2_pool){ .tables = tables, .count = 16 };
	memset(&g, 0, sizeof(g));
	memset(tees, 0, sizeof(tees));
	memset(vm_mem, 0, sizeof(vm_mem));
	tees[0] = (struct tee){ .id = A, .next_real = 100 };
	tees[1] = (struct tee){ .id = B, .next_real = 100 }; /* same numbers as A: remapped */
	next_mode = NORMAL;
	host_busy_sp = 0;
	forwarded = requests = runs = 0;
	share_live = false;
	reclaimed = 0;
	nshyp_mem_init();
	assert_int_equal(vm_init(&g.vm, 1, "guest1", &nshyp_vms[0].mem, 0, 0, 0, &pool), 0);
	nshyp_guest_init(&g, &nshyp_vms[0]);
	optee_mediator_guest_start(&g);
	return 0;
}

/* ---- tests --------------------------------------------------------------------------------- */

static void test_start_shares_window_and_takes_mediator_page(void **state)
{
	uint64_t pa;
	unsigned attr;

	assert_true(g.optee.ready);
	assert_int_equal(g.optee.tee_count, 2); /* U answered as no OP-TEE: skipped */
	assert_int_equal(g.optee.tees[0], A);
	assert_int_equal(g.optee.tees[1], B);
	assert_true(share_live);
	assert_int_equal(shared.lender, 1);
	assert_int_equal(shared.type, MEM_TX_SHARE);
	assert_int_equal(shared.borrower_count, 2);
	assert_int_equal(shared.borrowers[0].id, A);
	assert_int_equal(shared.borrowers[1].id, B);
	assert_int_equal(shared.borrowers[0].perms, FFA_MEM_DATA_RW);
	assert_int_equal(shared.attributes, FFA_MEM_ATTR_NORMAL_WB_INNER);
	assert_int_equal(shared.range_count, 1);
	assert_int_equal(shared.ranges[0].base, (uintptr_t)vm_mem + VM_MEM - SHM);
	assert_int_equal(shared.ranges[0].pages, SHM / 4096);
	/* The mediator page is nshyp's; the rest of the window stays the guest's. */
	assert_false(s2_lookup(&g.vm.s2, WIN_IPA, &pa, &attr));
	assert_true(s2_lookup(&g.vm.s2, PART, &pa, &attr));
	/* The guest cannot reclaim the share nshyp made for it. */
	vcpu_ffa(&g.vm.vcpus[0])->x[0] = FFA_MEM_RECLAIM;
	vcpu_ffa(&g.vm.vcpus[0])->x[1] = (uint32_t)HANDLE;
	vcpu_ffa(&g.vm.vcpus[0])->x[2] = HANDLE >> 32;
	vcpu_ffa(&g.vm.vcpus[0])->x[3] = 0;
	nshyp_guest_call(&g);
	assert_int_equal((uint32_t)vcpu_ffa(&g.vm.vcpus[0])->x[0], FFA_ERROR);
	assert_int_equal((int32_t)vcpu_ffa(&g.vm.vcpus[0])->x[2], FFA_RET_INVALID_PARAMETERS);
	assert_true(share_live);
}

static void test_fast_calls(void **state)
{
	static const uint32_t unknown[] = {
		OPTEE_SMC_CALLS_COUNT,
		OPTEE_SMC_GET_THREAD_COUNT,
		OPTEE_SMC_VM_CREATED,
		OPTEE_SMC_VM_DESTROYED,
		OPTEE_SMC_ENABLE_ASYNC_NOTIF,
		OPTEE_SMC_GET_ASYNC_NOTIF_VALUE,
		OPTEE_SMC_CALL_WITH_RPC_ARG,
		OPTEE_SMC_CALL_WITH_REGD_ARG,
		OPTEE_SMC_L2CC_MUTEX,
		OPTEE_SMC_BOOT_SECONDARY,
		0xb2000099u,
		0xf2000001u, /* SMC64 form of GET_OS_REVISION */
		0xb3000000u,
		0x3f000000u,
	};

	assert_answer(smc(OPTEE_SMC_CALLS_UID, 0, 0, 0), 0x384fb3e0, 0xe7f811e3, 0xaf630002,
		      0xa5d5c51b);
	assert_answer(smc(OPTEE_SMC_CALLS_REVISION | SMCCC_SVE_HINT, 0, 0, 0), 2, 0, 0, 0);
	assert_answer(smc(OPTEE_SMC_CALL_GET_OS_UUID, 0, 0, 0), 0x486178e0, 0xe7f811e3, 0xbc5e0002,
		      0xa5d5c51b);
	assert_answer(smc(OPTEE_SMC_CALL_GET_OS_REVISION, 0, 0, 0), 0, 1, 0, 0);
	assert_answer(smc(OPTEE_SMC_EXCHANGE_CAPABILITIES, OPTEE_SMC_NSEC_CAP_UNIPROCESSOR, 0, 0),
		      0, OPTEE_SMC_SEC_CAP_HAVE_RESERVED_SHM | OPTEE_SMC_SEC_CAP_MEMREF_NULL, 0, 0);
	assert_answer(smc(OPTEE_SMC_GET_SHM_CONFIG, 0, 0, 0), 0, PART, SHM - MED,
		      OPTEE_SMC_SHM_CACHED);
	assert_answer(smc(OPTEE_SMC_ENABLE_SHM_CACHE, 0, 0, 0), 0, 0, 0, 0);
	for (int i = 0; i < 3; i++) /* Linux loops until 7: it must come at once, every time */
		assert_answer(smc(OPTEE_SMC_DISABLE_SHM_CACHE, 0, 0, 0), 7, 0, 0, 0);
	for (unsigned i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		struct ffa_value r = smc(unknown[i], 11, 12, 13);

		assert_int_equal(r.x[0], OPTEE_SMC_RETURN_UNKNOWN_FUNCTION);
		assert_int_equal(r.x[1], 11); /* x0 only, as SMC_UNK */
		assert_int_equal(r.x[3], 13);
	}
	assert_int_equal(requests, 0);
}

static void test_guest_without_window_gets_smc_unk(void **state)
{
	static s2_table_t more[16] __attribute__((aligned(4096)));
	static struct s2_pool pool;
	struct sys_mem mem = { (uintptr_t)vm_mem, VM_IPA, 0x10000, 0 };
	unsigned before = forwarded;

	pool = (struct s2_pool){ .tables = more, .count = 16 };
	memset(&plain, 0, sizeof(plain));
	assert_int_equal(vm_init(&plain.vm, 2, "guest2", &mem, 0, 0, 0, &pool), 0);
	nshyp_guest_init(&plain, &nshyp_vms[1]);
	optee_mediator_guest_start(&plain);
	assert_false(plain.optee.ready);
	vcpu_ffa(&plain.vm.vcpus[0])->x[0] = OPTEE_SMC_CALLS_UID;
	vcpu_ffa(&plain.vm.vcpus[0])->x[4] = 44;
	nshyp_guest_call(&plain);
	assert_int_equal(vcpu_ffa(&plain.vm.vcpus[0])->x[0], SMCCC_UNKNOWN);
	assert_int_equal(vcpu_ffa(&plain.vm.vcpus[0])->x[4], 44);
	vcpu_ffa(&plain.vm.vcpus[0])->x[0] = OPTEE_SMC_CALL_WITH_ARG;
	nshyp_guest_call(&plain);
	assert_int_equal(vcpu_ffa(&plain.vm.vcpus[0])->x[0], SMCCC_UNKNOWN);
	assert_int_equal(forwarded, before);
}

static void test_open_invoke_close_routed_and_remapped(void **state)
{
	struct optee_msg_arg *a, *s = (struct optee_msg_arg *)seen;
	uint32_t sa, sb;
	uint64_t buf = PART + 0x2000;

	/* A hosts UUID_ON_A; UUID_ON_B: A answers ITEM_NOT_FOUND, then B opens it. */
	sa = open_session(UUID_ON_A);
	assert_int_equal(seen_by, A);
	requests = 0;
	a = open_arg(PART, UUID_ON_B, 1);
	a->params[2].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	a->params[2].u.value.a = 77;
	assert_int_equal(call_arg(PART).x[0], 0);
	assert_int_equal(requests, 2);
	assert_int_equal(seen_by, B);
	assert_int_equal(a->ret, 0);
	sb = a->session;
	assert_true(sa != 0 && sb != 0 &&
		    sa != sb); /* both TEEs said 100: the guest sees two IDs */
	/* The meta parameters (UUID, login, client identity) reach the TEE unchanged. */
	assert_int_equal(s->params[1].attr, OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META);
	assert_int_equal(s->params[1].u.value.c, OPTEE_MSG_LOGIN_USER);
	assert_int_equal(s->params[1].u.value.a, 0x1111);
	assert_int_equal(s->params[2].u.value.a, 77);

	/* INVOKE on B's session: the TEE sees its own number and FMEM memrefs. */
	a = new_arg(PART, OPTEE_MSG_CMD_INVOKE_COMMAND, sb, 3);
	a->func = 9;
	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INOUT;
	a->params[0].u.value.a = 41;
	a->params[1].attr = OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT;
	a->params[1].u.tmem.buf_ptr = buf;
	a->params[1].u.tmem.size = 64;
	a->params[1].u.tmem.shm_ref = 0xc00c1e;
	a->params[2].attr = OPTEE_MSG_ATTR_TYPE_TMEM_INPUT;
	a->params[2].u.tmem.size = 3; /* NULL memref */
	next_mode = SCRIBBLE;
	assert_int_equal(call_arg(PART).x[0], 0);
	assert_int_equal(seen_by, B);
	assert_int_equal(s->session, 100);
	assert_int_equal(s->func, 9);
	assert_int_equal(s->params[1].attr, OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT);
	assert_int_equal(optee_msg_fmem_offset(&s->params[1].u.fmem), buf - WIN_IPA);
	assert_int_equal(s->params[1].u.fmem.internal_offs, 0);
	assert_int_equal(s->params[1].u.fmem.global_id, HANDLE);
	assert_int_equal(s->params[1].u.fmem.size, 64);
	assert_int_equal(s->params[2].attr, OPTEE_MSG_ATTR_TYPE_FMEM_INPUT);
	assert_int_equal(s->params[2].u.fmem.global_id, OPTEE_MSG_FMEM_INVALID_GLOBAL_ID);
	assert_int_equal(s->params[2].u.fmem.size, 3);
	/* Outputs back; the guest's attributes, addresses and cookies untouched by the TEE. */
	assert_int_equal(a->ret, 0);
	assert_int_equal(a->ret_origin, ORIGIN_TEE);
	assert_int_equal(a->session, sb);
	assert_int_equal(a->params[0].attr, OPTEE_MSG_ATTR_TYPE_VALUE_INOUT);
	assert_int_equal(a->params[0].u.value.a, 42);
	assert_int_equal(a->params[0].u.value.b, 0xb0b);
	assert_int_equal(a->params[0].u.value.c, 0xc0c);
	assert_int_equal(a->params[1].attr, OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT);
	assert_int_equal(a->params[1].u.tmem.buf_ptr, buf);
	assert_int_equal(a->params[1].u.tmem.size, 5);
	assert_int_equal(a->params[1].u.tmem.shm_ref, 0xc00c1e);
	assert_int_equal(a->params[2].attr, OPTEE_MSG_ATTR_TYPE_TMEM_INPUT);
	assert_int_equal(a->params[2].u.tmem.size, 3); /* an input: not written back */
	assert_int_equal(a->params[2].u.tmem.buf_ptr, 0);

	/* CLOSE goes to B with its number; then the ID is dead. */
	new_arg(PART, OPTEE_MSG_CMD_CLOSE_SESSION, sb, 0);
	assert_int_equal(call_arg(PART).x[0], 0);
	assert_int_equal(seen_by, B);
	assert_int_equal(s->session, 100);
	assert_int_equal(tees[1].session_count, 0);
	new_arg(PART, OPTEE_MSG_CMD_INVOKE_COMMAND, sb, 0);
	assert_refused(PART, ERR_BAD, ORIGIN_TEE);
	/* A's session is still there, and only A gets it. */
	new_arg(PART, OPTEE_MSG_CMD_INVOKE_COMMAND, sa, 0);
	assert_int_equal(call_arg(PART).x[0], 0);
	assert_int_equal(seen_by, A);
	assert_int_equal(arg_at(PART)->ret, 0);
}

static void test_open_routing_ends(void **state)
{
	struct optee_msg_arg *a = open_arg(PART, 0x77, 0);

	/* Nobody hosts it: ITEM_NOT_FOUND after A and B. */
	assert_int_equal(call_arg(PART).x[0], 0);
	assert_int_equal(requests, 2);
	assert_int_equal(a->ret, ERR_NFOUND);
	/* The TA's own ITEM_NOT_FOUND is an answer: B is not asked. */
	requests = 0;
	a = open_arg(PART, UUID_TA_NF, 0);
	assert_int_equal(call_arg(PART).x[0], 0);
	assert_int_equal(requests, 1);
	assert_int_equal(a->ret, ERR_NFOUND);
	assert_int_equal(a->ret_origin, ORIGIN_TA);
	assert_int_equal(a->session, 0);
}

static void test_hostile_argument_addresses(void **state)
{
	static const uint64_t bad[] = {
		WIN_IPA,	      /* the mediator page */
		WIN_IPA + MED - 8,    /* header straddles into the guest part from the page */
		PART - 0x100000,      /* below the window */
		VM_IPA,		      /* the guest's own memory, not the window */
		WIN_END,	      /* past it */
		WIN_END - 16,	      /* header straddles the end */
		PART + 4,	      /* unaligned */
		0xffffffffffffffe0ull /* wraps */
	};
	unsigned before = forwarded;

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_answer(smc(OPTEE_SMC_CALL_WITH_ARG, bad[i] >> 32, (uint32_t)bad[i], 0),
			      OPTEE_SMC_RETURN_EBADADDR, 0, 0, 0);
	/* Parameters run past the end of the window. */
	new_arg(WIN_END - 64, OPTEE_MSG_CMD_INVOKE_COMMAND, 1, 0)->num_params = 2;
	assert_int_equal(call_arg(WIN_END - 64).x[0], OPTEE_SMC_RETURN_EBADADDR);
	/* More parameters than a slot holds. */
	new_arg(PART, OPTEE_MSG_CMD_INVOKE_COMMAND, 1, 0)->num_params = 7;
	assert_int_equal(call_arg(PART).x[0], OPTEE_SMC_RETURN_EBADADDR);
	new_arg(PART, OPTEE_MSG_CMD_INVOKE_COMMAND, 1, 0)->num_params = 0xffffffff;
	assert_int_equal(call_arg(PART).x[0], OPTEE_SMC_RETURN_EBADADDR);
	assert_int_equal(forwarded, before);
	for (unsigned i = 0; i < OPTEE_MED_THREADS; i++) /* every refused call freed its thread */
		assert_int_equal(g.optee.threads[i].state, OPTEE_MED_FREE);
}

static void set_tmem(struct optee_msg_param *p, uint64_t attr, uint64_t buf, uint64_t size)
{
	p->attr = attr;
	p->u.tmem.buf_ptr = buf;
	p->u.tmem.size = size;
	p->u.tmem.shm_ref = 1;
}

static void test_hostile_parameters(void **state)
{
	static const struct {
		uint64_t attr, buf, size;
	} bad[] = {
		{ OPTEE_MSG_ATTR_TYPE_TMEM_INPUT, WIN_IPA, 16 },      /* mediator page */
		{ OPTEE_MSG_ATTR_TYPE_TMEM_INPUT, PART - 8, 16 },     /* straddles into it */
		{ OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, WIN_END - 8, 16 }, /* past the end */
		{ OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, VM_IPA, 16 },      /* outside the window */
		{ OPTEE_MSG_ATTR_TYPE_TMEM_INOUT, PART, ~0ull },      /* wraps */
		{ OPTEE_MSG_ATTR_TYPE_TMEM_INPUT | OPTEE_MSG_ATTR_NONCONTIG, PART, 16 },
		{ OPTEE_MSG_ATTR_TYPE_TMEM_INPUT | (1u << OPTEE_MSG_ATTR_CACHE_SHIFT), PART, 16 },
		{ OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META, 0, 0 }, /* META */
		{ OPTEE_MSG_ATTR_TYPE_RMEM_INPUT, 0, 16 }, /* nothing registered */
		{ OPTEE_MSG_ATTR_TYPE_FMEM_INOUT, 0, 16 },
		{ 4, 0, 0 },
		{ 0xc, 0, 0 },
		{ 1ull << 40, 0, 0 },
	};
	uint32_t s = open_session(UUID_ON_A);
	struct optee_msg_arg *a;

	requests = 0;
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		a = new_arg(PART, OPTEE_MSG_CMD_INVOKE_COMMAND, s, 2);
		a->params[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
		set_tmem(&a->params[1], bad[i].attr, bad[i].buf, bad[i].size);
		assert_refused(PART, ERR_BAD, ORIGIN_COMM);
		assert_int_equal(a->params[1].u.tmem.buf_ptr, bad[i].buf); /* untouched */
	}
	/* A memref ending exactly at the end of the window is fine. */
	a = new_arg(PART, OPTEE_MSG_CMD_INVOKE_COMMAND, s, 1);
	set_tmem(&a->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INPUT, WIN_END - 16, 16);
	assert_int_equal(call_arg(PART).x[0], 0);
	assert_int_equal(a->ret, 0);
	/* Five client parameters; OPEN_SESSION without its meta parameters. */
	new_arg(PART, OPTEE_MSG_CMD_INVOKE_COMMAND, s, 5);
	assert_refused(PART, ERR_BAD, ORIGIN_COMM);
	open_arg(PART, UUID_ON_A, 0)->params[1].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	assert_refused(PART, ERR_BAD, ORIGIN_COMM);
	open_arg(PART, UUID_ON_A, 0)->num_params = 1;
	assert_refused(PART, ERR_BAD, ORIGIN_COMM);
	/* CLOSE/CANCEL carry no parameters; unknown and unoffered commands. */
	new_arg(PART, OPTEE_MSG_CMD_CLOSE_SESSION, s, 1);
	assert_refused(PART, ERR_BAD, ORIGIN_COMM);
	for (uint32_t cmd = OPTEE_MSG_CMD_REGISTER_SHM; cmd <= 12; cmd++) {
		new_arg(PART, cmd, s, 1)->params[0].attr =
		    OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG;
		assert_refused(PART, ERR_BAD, ORIGIN_COMM);
	}
	new_arg(PART, 0xffffffff, s, 0);
	assert_refused(PART, ERR_BAD, ORIGIN_COMM);
}

static void test_foreign_and_unknown_sessions(void **state)
{
	uint32_t s = open_session(UUID_ON_A);
	static const uint32_t bad[] = { 0, 100 /* the TEE's own number */, 12345, 0xffffffff };

	requests = 0;
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (bad[i] == s)
			continue;
		new_arg(PART, OPTEE_MSG_CMD_INVOKE_COMMAND, bad[i], 0);
		assert_refused(PART, ERR_BAD, ORIGIN_TEE);
		new_arg(PART, OPTEE_MSG_CMD_CLOSE_SESSION, bad[i], 0);
		assert_refused(PART, ERR_BAD, ORIGIN_TEE);
		new_arg(PART, OPTEE_MSG_CMD_CANCEL, bad[i], 0);
		assert_refused(PART, ERR_BAD, ORIGIN_TEE); /* 0: no OPEN_SESSION in flight */
	}
	assert_int_equal(tees[0].session_count, 1);
}

static void test_session_quota(void **state)
{
	for (unsigned i = 0; i < OPTEE_MED_SESSIONS; i++)
		open_session(UUID_ON_A);
	requests = 0;
	open_arg(PART, UUID_ON_A, 0);
	assert_refused(PART, ERR_NOMEM, ORIGIN_TEE);
	/* Closing one makes room again. */
	new_arg(PART, OPTEE_MSG_CMD_CLOSE_SESSION, g.optee.sessions[3].id, 0);
	assert_int_equal(call_arg(PART).x[0], 0);
	open_session(UUID_ON_A);
}

static void test_tee_suspension_and_resume(void **state)
{
	uint32_t s = open_session(UUID_ON_B);
	struct optee_msg_arg *a = new_arg(PART, OPTEE_MSG_CMD_INVOKE_COMMAND, s, 1);
	struct ffa_value r;
	uint32_t tid;

	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INOUT;
	a->params[0].u.value.a = 1;
	next_mode = TEE_INTERRUPT;
	r = call_arg(PART);
	assert_int_equal(r.x[0], OPTEE_SMC_RETURN_RPC_FOREIGN_INTR);
	tid = (uint32_t)r.x[3];
	assert_true(tid < OPTEE_MED_THREADS);
	assert_int_equal(a->ret, 0x5a5a5a5a); /* nothing written yet */
	/* Resumes of calls that are not suspended. */
	assert_int_equal(smc(OPTEE_SMC_CALL_RETURN_FROM_RPC, 0, 0, tid + 1).x[0],
			 OPTEE_SMC_RETURN_ERESUME);
	assert_int_equal(smc(OPTEE_SMC_CALL_RETURN_FROM_RPC, 0, 0, 0xffffffff).x[0],
			 OPTEE_SMC_RETURN_ERESUME);
	/* w3 is what counts (SMC32): the upper half of x3 is ignored, so this one resumes it. */
	assert_int_equal(smc(OPTEE_SMC_CALL_RETURN_FROM_RPC, 0, 0, 1ull << 32 | tid).x[0],
			 OPTEE_SMC_RETURN_OK);
	assert_int_equal(last_req.x[3], OPTEE_FFA_YIELDING_CALL_RESUME);
	assert_int_equal(a->ret, 0);
	assert_int_equal(a->params[0].u.value.a, 2);
	assert_int_equal(smc(OPTEE_SMC_CALL_RETURN_FROM_RPC, 0, 0, tid).x[0],
			 OPTEE_SMC_RETURN_ERESUME); /* done: no longer suspended */
}

static void test_interrupt_preemption_and_ffa_run(void **state)
{
	uint32_t s = open_session(UUID_ON_A);
	struct ffa_value r;

	new_arg(PART, OPTEE_MSG_CMD_INVOKE_COMMAND, s, 0);
	next_mode = SPMC_INTERRUPT;
	r = call_arg(PART);
	assert_int_equal(r.x[0], OPTEE_SMC_RETURN_RPC_FOREIGN_INTR);
	assert_int_equal(g.yielded_sp, 0); /* the mediator's, not the guest's FF-A request */
	/* The guest cannot FFA_RUN it itself. */
	vcpu_ffa(&g.vm.vcpus[0])->x[0] = FFA_RUN;
	vcpu_ffa(&g.vm.vcpus[0])->x[1] = (uint64_t)A << 16;
	nshyp_guest_call(&g);
	assert_int_equal((int32_t)vcpu_ffa(&g.vm.vcpus[0])->x[2], FFA_RET_DENIED);
	assert_int_equal(runs, 0);
	r = smc(OPTEE_SMC_CALL_RETURN_FROM_RPC, 0, 0, r.x[3]);
	assert_int_equal(r.x[0], OPTEE_SMC_RETURN_OK);
	assert_int_equal(runs, 1);
	assert_int_equal(arg_at(PART)->ret, 0);
}

static void test_busy_maps_to_thread_limit_only_with_a_call_in_flight(void **state)
{
	uint32_t sa = open_session(UUID_ON_A), sb = open_session(UUID_ON_B);
	struct optee_msg_arg *a;
	struct ffa_value r;

	/* Nothing of the guest's in flight: BUSY is a communication error in the argument. */
	a = new_arg(PART, OPTEE_MSG_CMD_INVOKE_COMMAND, sa, 0);
	next_mode = TEE_BUSY;
	assert_int_equal(call_arg(PART).x[0], OPTEE_SMC_RETURN_OK);
	assert_int_equal(a->ret, ERR_COMM);
	assert_int_equal(a->ret_origin, ORIGIN_COMM);
	a = new_arg(PART, OPTEE_MSG_CMD_INVOKE_COMMAND, sa, 0);
	next_mode = SPMC_BUSY;
	assert_int_equal(call_arg(PART).x[0], OPTEE_SMC_RETURN_OK);
	assert_int_equal(a->ret, ERR_COMM);
	/* A call suspended on A: BUSY from A now means "wait for it" (ETHREAD_LIMIT)... */
	new_arg(PART + 0x400, OPTEE_MSG_CMD_INVOKE_COMMAND, sa, 0);
	next_mode = TEE_INTERRUPT;
	r = call_arg(PART + 0x400);
	assert_int_equal(r.x[0], OPTEE_SMC_RETURN_RPC_FOREIGN_INTR);
	a = new_arg(PART, OPTEE_MSG_CMD_INVOKE_COMMAND, sa, 0);
	assert_int_equal(call_arg(PART).x[0], OPTEE_SMC_RETURN_ETHREAD_LIMIT); /* fake TOS: BUSY */
	assert_int_equal(a->ret, 0x5a5a5a5a);				       /* untouched */
	/* ...but not on B, where the guest has nothing in flight. */
	a = new_arg(PART, OPTEE_MSG_CMD_INVOKE_COMMAND, sb, 0);
	next_mode = TEE_BUSY;
	assert_int_equal(call_arg(PART).x[0], OPTEE_SMC_RETURN_OK);
	assert_int_equal(a->ret, ERR_COMM);
	/* The suspended call completes; the retry goes through. */
	assert_int_equal(smc(OPTEE_SMC_CALL_RETURN_FROM_RPC, 0, 0, r.x[3]).x[0], 0);
	a = new_arg(PART, OPTEE_MSG_CMD_INVOKE_COMMAND, sa, 0);
	assert_int_equal(call_arg(PART).x[0], OPTEE_SMC_RETURN_OK);
	assert_int_equal(a->ret, 0);
}

/*
 * The guest's own call is preempted in A (the SPMC answers a new request BUSY): the new call
 * (here a CANCEL, which Linux sends from another thread) is not ETHREAD_LIMIT, which would make
 * Linux wait for a call to end, but RPC_FOREIGN_INTR, and sent at its RETURN_FROM_RPC; again
 * RPC_FOREIGN_INTR while A is still busy with the preempted one.
 */
static void test_busy_with_its_own_preempted_call_is_sent_again(void **state)
{
	uint32_t s = open_session(UUID_ON_A);
	struct optee_msg_arg *a;
	struct ffa_value r, c;

	new_arg(PART, OPTEE_MSG_CMD_INVOKE_COMMAND, s, 0);
	next_mode = SPMC_INTERRUPT;
	r = call_arg(PART);
	assert_int_equal(r.x[0], OPTEE_SMC_RETURN_RPC_FOREIGN_INTR);
	a = new_arg(PART + 0x400, OPTEE_MSG_CMD_INVOKE_COMMAND, s, 0);
	next_mode = SPMC_BUSY;
	c = call_arg(PART + 0x400);
	assert_int_equal(c.x[0], OPTEE_SMC_RETURN_RPC_FOREIGN_INTR);
	assert_int_not_equal(c.x[3], r.x[3]); /* a thread of its own */
	assert_int_equal(a->ret, 0x5a5a5a5a); /* nothing done yet */
	next_mode = SPMC_BUSY;		      /* A still runs the preempted call */
	assert_int_equal(smc(OPTEE_SMC_CALL_RETURN_FROM_RPC, 0, 0, c.x[3]).x[0],
			 OPTEE_SMC_RETURN_RPC_FOREIGN_INTR);
	assert_int_equal(a->ret, 0x5a5a5a5a);
	/* The guest resumes the preempted call to its end; then the other one goes through. */
	assert_int_equal(smc(OPTEE_SMC_CALL_RETURN_FROM_RPC, 0, 0, r.x[3]).x[0], 0);
	assert_int_equal(arg_at(PART)->ret, 0);
	assert_int_equal(smc(OPTEE_SMC_CALL_RETURN_FROM_RPC, 0, 0, c.x[3]).x[0], 0);
	assert_int_equal(a->ret, 0);
	/* An SPMC BUSY with nothing of the guest's stopped in A is still a communication error. */
	a = new_arg(PART, OPTEE_MSG_CMD_INVOKE_COMMAND, s, 0);
	next_mode = SPMC_BUSY;
	assert_int_equal(call_arg(PART).x[0], OPTEE_SMC_RETURN_OK);
	assert_int_equal(a->ret, ERR_COMM);
}

/* Another guest's preempted call holds a TEE: the call waits in nshyp, nothing of it done. */
static void test_call_for_a_tee_another_guest_holds_waits(void **state)
{
	uint32_t sa = open_session(UUID_ON_A), sb = open_session(UUID_ON_B);
	unsigned before = requests;
	struct optee_msg_arg *a = new_arg(PART, OPTEE_MSG_CMD_INVOKE_COMMAND, sa, 0);
	struct ffa_value r, c;

	host_busy_sp = A;
	r = call_arg(PART);
	assert_int_equal(g.waiting_for, A); /* its SMC is made again once A is free */
	assert_int_equal(r.x[0], OPTEE_SMC_CALL_WITH_ARG);
	assert_int_equal(requests, before);
	assert_int_equal(a->ret, 0x5a5a5a5a);
	g.waiting_for = 0;
	/* B is not held: its calls go through. */
	a = new_arg(PART, OPTEE_MSG_CMD_INVOKE_COMMAND, sb, 0);
	assert_int_equal(call_arg(PART).x[0], OPTEE_SMC_RETURN_OK);
	assert_int_equal(a->ret, 0);
	/* An OPEN_SESSION whose first TEE is held waits too, and gives its reservation back. */
	open_arg(PART, UUID_ON_B, 0);
	assert_int_equal(call_arg(PART).x[0], OPTEE_SMC_CALL_WITH_ARG);
	assert_int_equal(g.waiting_for, A);
	g.waiting_for = 0;
	/* A guest holding a partition itself (a call preempted in B) never waits: its call gets
	 * RPC_FOREIGN_INTR and is sent at its RETURN_FROM_RPC (not ETHREAD_LIMIT, which would wait
	 * for one of its calls to end), RPC_FOREIGN_INTR again while A is still held. */
	new_arg(PART + 0x400, OPTEE_MSG_CMD_INVOKE_COMMAND, sb, 0);
	next_mode = SPMC_INTERRUPT;
	r = call_arg(PART + 0x400);
	assert_int_equal(r.x[0], OPTEE_SMC_RETURN_RPC_FOREIGN_INTR);
	assert_true(optee_mediator_holds(&g, B) && optee_mediator_holds(&g, 0));
	assert_false(optee_mediator_holds(&g, A));
	a = new_arg(PART, OPTEE_MSG_CMD_INVOKE_COMMAND, sa, 0);
	before = requests;
	c = call_arg(PART);
	assert_int_equal(c.x[0], OPTEE_SMC_RETURN_RPC_FOREIGN_INTR);
	assert_int_not_equal(c.x[3], r.x[3]);
	assert_int_equal(g.waiting_for, 0);
	assert_int_equal(requests, before); /* not sent */
	assert_int_equal(a->ret, 0x5a5a5a5a);
	assert_int_equal(smc(OPTEE_SMC_CALL_RETURN_FROM_RPC, 0, 0, c.x[3]).x[0],
			 OPTEE_SMC_RETURN_RPC_FOREIGN_INTR);
	assert_int_equal(requests, before);
	/* Its held call resumes (the partition is its own), then A is free again: sent. */
	assert_int_equal(smc(OPTEE_SMC_CALL_RETURN_FROM_RPC, 0, 0, r.x[3]).x[0], 0);
	assert_false(optee_mediator_holds(&g, 0));
	host_busy_sp = 0;
	assert_int_equal(smc(OPTEE_SMC_CALL_RETURN_FROM_RPC, 0, 0, c.x[3]).x[0], 0);
	assert_int_equal(a->ret, 0);
}

/* A call the TEE suspended resumes with a new request: it waits while another guest holds it. */
static void test_resume_of_a_suspended_call_waits_for_a_held_tee(void **state)
{
	uint32_t s = open_session(UUID_ON_A);
	struct ffa_value r;

	new_arg(PART, OPTEE_MSG_CMD_INVOKE_COMMAND, s, 0);
	next_mode = TEE_INTERRUPT;
	r = call_arg(PART);
	assert_int_equal(r.x[0], OPTEE_SMC_RETURN_RPC_FOREIGN_INTR);
	assert_false(optee_mediator_holds(&g, 0)); /* the TEE answered: it is free */
	host_busy_sp = A;
	assert_int_equal(smc(OPTEE_SMC_CALL_RETURN_FROM_RPC, 0, 0, r.x[3]).x[0],
			 OPTEE_SMC_CALL_RETURN_FROM_RPC);
	assert_int_equal(g.waiting_for, A);
	g.waiting_for = 0;
	host_busy_sp = 0;
	assert_int_equal(smc(OPTEE_SMC_CALL_RETURN_FROM_RPC, 0, 0, r.x[3]).x[0], 0);
	assert_int_equal(arg_at(PART)->ret, 0);
}

/* A framework message needs the TEE: nshyp runs the preempted call; the guest gets the answer. */
static void test_release_runs_a_preempted_call_to_its_answer(void **state)
{
	uint32_t s = open_session(UUID_ON_A);
	struct ffa_value r;

	new_arg(PART, OPTEE_MSG_CMD_INVOKE_COMMAND, s, 0);
	next_mode = SPMC_INTERRUPT;
	r = call_arg(PART);
	assert_int_equal(r.x[0], OPTEE_SMC_RETURN_RPC_FOREIGN_INTR);
	optee_mediator_release(&g, B); /* not the one it holds: nothing */
	assert_int_equal(runs, 0);
	optee_mediator_release(&g, A);
	assert_int_equal(runs, 1);
	assert_false(optee_mediator_holds(&g, A));
	assert_int_equal(arg_at(PART)->ret, 0x5a5a5a5a); /* the guest has not resumed yet */
	assert_int_equal(smc(OPTEE_SMC_CALL_RETURN_FROM_RPC, 0, 0, r.x[3]).x[0], 0);
	assert_int_equal(runs, 1); /* answered from what nshyp kept */
	assert_int_equal(arg_at(PART)->ret, 0);
}

static void test_bad_tee_answers(void **state)
{
	uint32_t s = open_session(UUID_ON_A);
	struct optee_msg_arg *a;

	a = new_arg(PART, OPTEE_MSG_CMD_INVOKE_COMMAND, s, 0);
	next_mode = TEE_RPC;
	assert_int_equal(call_arg(PART).x[0], 0);
	assert_int_equal(a->ret, ERR_COMM);
	a = new_arg(PART, OPTEE_MSG_CMD_INVOKE_COMMAND, s, 0);
	next_mode = WRONG_SENDER;
	assert_int_equal(call_arg(PART).x[0], 0);
	assert_int_equal(a->ret, ERR_COMM);
	for (unsigned i = 0; i < OPTEE_MED_THREADS; i++)
		assert_int_equal(g.optee.threads[i].state, OPTEE_MED_FREE);
}

static void test_thread_limit(void **state)
{
	uint32_t s = open_session(UUID_ON_A);
	struct ffa_value r;

	for (unsigned i = 0; i < OPTEE_MED_THREADS; i++) {
		uint64_t ipa = PART + i * 0x100;

		new_arg(ipa, OPTEE_MSG_CMD_INVOKE_COMMAND, s, 0);
		next_mode = TEE_INTERRUPT;
		tees[0].pending = false; /* the fake TOS takes any number of them */
		r = call_arg(ipa);
		assert_int_equal(r.x[0], OPTEE_SMC_RETURN_RPC_FOREIGN_INTR);
		assert_int_equal(r.x[3], i);
	}
	requests = 0;
	new_arg(PART + 0x2000, OPTEE_MSG_CMD_INVOKE_COMMAND, s, 0);
	assert_int_equal(call_arg(PART + 0x2000).x[0], OPTEE_SMC_RETURN_ETHREAD_LIMIT);
	assert_int_equal(requests, 0);
}

static void test_cancel_follows_the_call(void **state)
{
	uint32_t s = open_session(UUID_ON_B);
	struct optee_msg_arg *a, *seen_arg = (struct optee_msg_arg *)seen;
	struct ffa_value r;

	/* An OPEN_SESSION suspended in A: CANCEL with session 0 goes where that call is. */
	a = open_arg(PART, UUID_ON_B, 0);
	a->cancel_id = 55;
	next_mode = TEE_INTERRUPT;
	r = call_arg(PART);
	assert_int_equal(r.x[0], OPTEE_SMC_RETURN_RPC_FOREIGN_INTR);
	assert_int_equal(seen_by, A);
	a = new_arg(PART + 0x400, OPTEE_MSG_CMD_CANCEL, 0, 0);
	a->cancel_id = 55;
	tees[0].pending = false; /* the fake TOS takes the CANCEL beside it */
	assert_int_equal(call_arg(PART + 0x400).x[0], 0);
	assert_int_equal(seen_by, A);
	assert_int_equal(seen_arg->cmd, OPTEE_MSG_CMD_CANCEL);
	assert_int_equal(seen_arg->session, 0);
	assert_int_equal(seen_arg->cancel_id, 55);
	/* A different cancel_id matches no call: refused without a TEE. */
	new_arg(PART + 0x400, OPTEE_MSG_CMD_CANCEL, 0, 0)->cancel_id = 56;
	assert_refused(PART + 0x400, ERR_BAD, ORIGIN_TEE);
	/* CANCEL of an INVOKE on B's session: to B, with B's number. */
	new_arg(PART + 0x400, OPTEE_MSG_CMD_CANCEL, s, 0)->cancel_id = 7;
	assert_int_equal(call_arg(PART + 0x400).x[0], 0);
	assert_int_equal(seen_by, B);
	assert_int_equal(seen_arg->session, 100);
}

static void test_guest_stop_runs_preempted_calls_and_reclaims(void **state)
{
	uint32_t s = open_session(UUID_ON_A);
	struct ffa_value r;
	uint64_t pa;
	unsigned attr;

	new_arg(PART, OPTEE_MSG_CMD_INVOKE_COMMAND, s, 0);
	next_mode = SPMC_INTR_AGAIN;
	r = call_arg(PART);
	assert_int_equal(r.x[0], OPTEE_SMC_RETURN_RPC_FOREIGN_INTR);
	/* Preempted again on resume: still the guest's to resume. */
	assert_int_equal(smc(OPTEE_SMC_CALL_RETURN_FROM_RPC, 0, 0, r.x[3]).x[0],
			 OPTEE_SMC_RETURN_RPC_FOREIGN_INTR);
	next_mode = NORMAL;
	runs = 0;
	host_resume_begins = 0;
	nshyp_guest_stopped(&g);
	assert_int_equal(runs, 1); /* run to its end so the TEE can take VM_DESTROYED */
	assert_int_equal(host_resume_begins, 1); /* in a quantum: nshyp's tick is stopped */
	assert_false(g.optee.ready);
	assert_int_equal(g.yielded_sp, 0);
	assert_true(s2_lookup(&g.vm.s2, WIN_IPA, &pa, &attr)); /* its memory whole again */
	assert_int_equal(pa, (uintptr_t)vm_mem + VM_MEM - SHM);
	assert_int_equal(attr, S2_RWX);
	nshyp_mem_guest_stopped(&g);
	assert_int_equal(reclaimed, HANDLE);
	assert_false(share_live);
	assert_int_equal(nshyp_mem_live(), 0);
	/* A partition that keeps getting preempted is left to the FF-A loop, which gives up. */
}

static void test_guest_ffa_request_preempted_by_interrupt(void **state)
{
	struct ffa_value *m = vcpu_ffa(&g.vm.vcpus[0]);

	/* The guest's own FF-A request: FFA_INTERRUPT is tracked like FFA_YIELD. */
	next_mode = SPMC_INTERRUPT;
	memset(share_at(0), 0, 32);
	m->x[0] = FFA_MSG_SEND_DIRECT_REQ_32;
	m->x[1] = ffa_msg_ids(1, A);
	m->x[2] = 0;
	m->x[3] = OPTEE_FFA_YIELDING_CALL_WITH_ARG;
	m->x[4] = (uint32_t)HANDLE;
	m->x[5] = HANDLE >> 32;
	m->x[6] = 0;
	m->x[7] = 0;
	nshyp_guest_call(&g);
	assert_int_equal((uint32_t)m->x[0], FFA_INTERRUPT);
	assert_int_equal(g.yielded_sp, A);
	m->x[0] = FFA_RUN;
	m->x[1] = (uint64_t)A << 16;
	nshyp_guest_call(&g);
	assert_int_equal((uint32_t)m->x[0], FFA_MSG_SEND_DIRECT_RESP_32);
	assert_int_equal(g.yielded_sp, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_start_shares_window_and_takes_mediator_page, setup),
		cmocka_unit_test_setup(test_fast_calls, setup),
		cmocka_unit_test_setup(test_guest_without_window_gets_smc_unk, setup),
		cmocka_unit_test_setup(test_open_invoke_close_routed_and_remapped, setup),
		cmocka_unit_test_setup(test_open_routing_ends, setup),
		cmocka_unit_test_setup(test_hostile_argument_addresses, setup),
		cmocka_unit_test_setup(test_hostile_parameters, setup),
		cmocka_unit_test_setup(test_foreign_and_unknown_sessions, setup),
		cmocka_unit_test_setup(test_session_quota, setup),
		cmocka_unit_test_setup(test_tee_suspension_and_resume, setup),
		cmocka_unit_test_setup(test_interrupt_preemption_and_ffa_run, setup),
		cmocka_unit_test_setup(test_busy_maps_to_thread_limit_only_with_a_call_in_flight,
				       setup),
		cmocka_unit_test_setup(test_call_for_a_tee_another_guest_holds_waits, setup),
		cmocka_unit_test_setup(test_resume_of_a_suspended_call_waits_for_a_held_tee, setup),
		cmocka_unit_test_setup(test_busy_with_its_own_preempted_call_is_sent_again, setup),
		cmocka_unit_test_setup(test_release_runs_a_preempted_call_to_its_answer, setup),
		cmocka_unit_test_setup(test_bad_tee_answers, setup),
		cmocka_unit_test_setup(test_thread_limit, setup),
		cmocka_unit_test_setup(test_cancel_follows_the_call, setup),
		cmocka_unit_test_setup(test_guest_stop_runs_preempted_calls_and_reclaims, setup),
		cmocka_unit_test_setup(test_guest_ffa_request_preempted_by_interrupt, setup),
	};

	return cmocka_run_group_tests(tests, 0, 0);
}
