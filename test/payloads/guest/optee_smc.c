// SPDX-License-Identifier: BSD-3-Clause
/*
 * OP-TEE SMC ABI scenario of the test guest (GUEST_OPTEE_SMC): the guest is a minimal OP-TEE
 * SMC driver, doing what Linux's optee.ko does, against nshyp's mediator
 * (docs/abi/optee-smc.md): the probe sequence, OPEN_SESSION routed by TA UUID (the test TA
 * lives in "vault", the wallet in "pay", the enumeration pseudo TA nowhere), invokes with
 * every parameter form as TMEM in its window, SHORT_BUFFER, a NULL memref, TEE_Wait
 * suspended (RPC_FOREIGN_INTR) and resumed (RETURN_FROM_RPC) and cancelled, a dying TA, and
 * hostile calls (arguments and memrefs outside the window, straddling it or in the mediator
 * page, unaligned, too many parameters, NONCONTIG, unknown sessions, resumes of nothing).
 * Every OP-TEE SMC is checked to keep x4-x30. Bits 15:8 of the scenario: 0 = guest bound to
 * both TEEs, which ends with a session open and a call suspended (nshyp and the TEEs must
 * drop them); OPTEE_SMC_ROUTING = bound to "pay" only, which ends by touching the mediator
 * page (a stage-2 fault). One line "CHECK osmc_<name>: PASS/FAIL" per check, then a summary.
 */
#include <abi/optee_msg.h>
#include <abi/optee_smc.h>
#include <abi/psci.h>
#include <arch/smc.h>
#include <lib/print.h>
#include <lib/string.h>
#include <payload/state_check.h>
#include <stdbool.h>

#include "../../../guest/guest.h"
#include "../../../ta/include/ta_test.h"
#include "../../../ta/include/ta_wallet.h"
#include "tally.h"

#define OPTEE_SMC_ROUTING 1u
#define GUEST_END                                                                                  \
	0x40400000ull /* its 4 MiB window (test/sys/systems/optee_smc.c): the OP-TEE window is at  \
			 the top */
#define ORIGIN_COMMS   2u
#define ORIGIN_TEE     3u
#define ORIGIN_TA      4u
#define ERR_BAD_PARAMS 0xffff0006u
#define ERR_NOT_FOUND  0xffff0008u
#define ERR_BUSY       0xffff000du
#define ERR_SHORT      0xffff0010u
#define ERR_CANCEL     0xffff0002u
#define ERR_DEAD       0xffff3024u
#define UNTOUCHED      0x5a5a5a5au
#define MAX_RESUMES    100000u

struct uuid_fields {
	uint32_t tl;
	uint16_t tm, th;
	uint8_t clock[8];
};

static const struct uuid_fields test_ta = TA_TEST_UUID, wallet_ta = TA_WALLET_UUID;
/* The device-enumeration pseudo TA Linux opens at probe; no TEE here has it. */
static const struct uuid_fields enum_pta = {
	0x7011a688, 0xddde, 0x4053, { 0xa5, 0xa9, 0x7b, 0x3c, 0x4d, 0xdf, 0x13, 0xb8 }
};
static uint8_t outside[64] __attribute__((aligned(64))); /* the guest's memory, not the window */
static struct tally tally = { .prefix = "osmc_" };
static unsigned reg_failures;
static uint64_t shm_start, shm_end, seed = 0x5eed000000000000ull;

static void check(const char *name, bool ok, uint64_t got)
{
	tally_check(&tally, name, ok, (uint64_t)got);
}

/* An OP-TEE SMC (trapped by nshyp) or HVC; x4-x7 and x8-x30 must come back unchanged. */
static struct ffa_value call4(bool hvc, uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
	struct ffa_value v = { { fid, a1, a2, a3, seed | 4, seed | 5, seed | 6, seed | 7 } };
	uint64_t changed = hvc ? arch_hvc_check_gprs(&v, seed) : arch_smc_check_gprs(&v, seed);

	for (unsigned i = 4; i < 8; i++)
		if (v.x[i] != (seed | i))
			changed |= 1ull << i;
	if (changed) {
		reg_failures++;
		printk("registers not preserved by 0x%x: mask 0x%lx\n", fid,
		       (unsigned long)changed);
	}
	seed += 1ull << 32;
	return v;
}

static struct ffa_value osmc(uint32_t fid, uint64_t a1, uint64_t a2, uint64_t a3)
{
	return call4(false, fid, a1, a2, a3);
}

static struct optee_msg_arg *msg(uint64_t ipa)
{
	return (struct optee_msg_arg *)(uintptr_t)ipa;
}

static struct optee_msg_arg *new_msg(uint64_t at, uint32_t cmd, uint32_t session, uint32_t n)
{
	struct optee_msg_arg *m = msg(at);

	memset(m, 0, OPTEE_MSG_GET_ARG_SIZE(n));
	m->cmd = cmd;
	m->session = session;
	m->num_params = n;
	m->ret = UNTOUCHED;
	return m;
}

static struct ffa_value call_arg(uint64_t at)
{
	return osmc(OPTEE_SMC_CALL_WITH_ARG, at >> 32, (uint32_t)at, 0);
}

/* As Linux does: resume after each foreign interrupt until the call ends; its a0. */
static uint32_t call_done(uint64_t at)
{
	struct ffa_value r = call_arg(at);

	for (unsigned n = 0; r.x[0] == OPTEE_SMC_RETURN_RPC_FOREIGN_INTR && n < MAX_RESUMES; n++)
		r = osmc(OPTEE_SMC_CALL_RETURN_FROM_RPC, r.x[1], r.x[2], r.x[3]);
	return (uint32_t)r.x[0];
}

static void set_value(struct optee_msg_param *p, uint32_t type, uint64_t a, uint64_t b)
{
	p->attr = type;
	p->u.value.a = a;
	p->u.value.b = b;
}

static void set_tmem(struct optee_msg_param *p, uint64_t type, uint64_t buf, uint64_t size)
{
	p->attr = type;
	p->u.tmem.buf_ptr = buf;
	p->u.tmem.size = size;
	p->u.tmem.shm_ref = buf ? 0xc0de0000u | (buf & 0xffff) : 0;
}

static struct optee_msg_arg *open_msg(uint64_t at, const struct uuid_fields *u, uint32_t user)
{
	struct optee_msg_arg *m = new_msg(at, OPTEE_MSG_CMD_OPEN_SESSION, 0, 2 + user);
	uint8_t octets[16];

	optee_msg_uuid_to_octets(octets, u->tl, u->tm, u->th, u->clock);
	m->params[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META;
	optee_msg_octets_to_value(octets, &m->params[0].u.value);
	m->params[1].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META;
	m->params[1].u.value.c = OPTEE_MSG_LOGIN_PUBLIC;
	return m;
}

static uint32_t open_ta(const struct uuid_fields *u)
{
	struct optee_msg_arg *m = open_msg(shm_start, u, 0);

	return call_done(shm_start) == 0 && m->ret == 0 ? m->session : 0;
}

static uint32_t close_session(uint32_t s)
{
	struct optee_msg_arg *m = new_msg(shm_start, OPTEE_MSG_CMD_CLOSE_SESSION, s, 0);

	return call_done(shm_start) ? 0xdead : m->ret;
}

static struct optee_msg_arg *invoke_msg(uint64_t at, uint32_t s, uint32_t func, uint32_t n)
{
	struct optee_msg_arg *m = new_msg(at, OPTEE_MSG_CMD_INVOKE_COMMAND, s, n);

	m->func = func;
	return m;
}

/* The probe sequence of Linux's optee.ko, and the fast calls it does not make. */
static void check_probe(void)
{
	struct ffa_value r = osmc(OPTEE_SMC_CALLS_UID, 0, 0, 0);

	check("calls_uid",
	      r.x[0] == OPTEE_MSG_UID_0 && r.x[1] == OPTEE_MSG_UID_1 && r.x[2] == OPTEE_MSG_UID_2 &&
		  r.x[3] == OPTEE_MSG_UID_3,
	      r.x[0]);
	r = call4(true, OPTEE_SMC_CALLS_UID, 0, 0, 0);
	check("calls_uid_by_hvc", r.x[0] == OPTEE_MSG_UID_0 && r.x[3] == OPTEE_MSG_UID_3, r.x[0]);
	r = osmc(OPTEE_SMC_CALL_GET_OS_REVISION, 0, 0, 0);
	check("os_revision", r.x[0] == 0 && r.x[1] == 1, r.x[1]);
	r = osmc(OPTEE_SMC_CALLS_REVISION, 0, 0, 0);
	check("calls_revision", r.x[0] == 2 && r.x[1] == 0, r.x[0]);
	r = osmc(OPTEE_SMC_CALL_GET_OS_UUID, 0, 0, 0);
	check("os_uuid", r.x[0] == OPTEE_MSG_OS_OPTEE_UUID_0, r.x[0]);
	r = osmc(OPTEE_SMC_EXCHANGE_CAPABILITIES, OPTEE_SMC_NSEC_CAP_UNIPROCESSOR, 0, 0);
	check("exchange_capabilities",
	      r.x[0] == 0 &&
		  r.x[1] == (OPTEE_SMC_SEC_CAP_HAVE_RESERVED_SHM | OPTEE_SMC_SEC_CAP_MEMREF_NULL),
	      r.x[1]);
	r = osmc(OPTEE_SMC_GET_SHM_CONFIG, 0, 0, 0);
	shm_start = r.x[1];
	shm_end = r.x[1] + r.x[2];
	check("shm_config",
	      r.x[0] == 0 && r.x[3] == OPTEE_SMC_SHM_CACHED && shm_end == GUEST_END &&
		  shm_start % 4096 == 0 && r.x[2] >= 0x8000,
	      r.x[1]);
	r = osmc(OPTEE_SMC_DISABLE_SHM_CACHE, 0, 0, 0);
	check("disable_shm_cache_enotavail", r.x[0] == OPTEE_SMC_RETURN_ENOTAVAIL, r.x[0]);
	r = osmc(OPTEE_SMC_ENABLE_SHM_CACHE, 0, 0, 0);
	check("enable_shm_cache", r.x[0] == 0, r.x[0]);
	r = osmc(OPTEE_SMC_GET_THREAD_COUNT, 0, 0, 0);
	check("unknown_fast_call", r.x[0] == OPTEE_SMC_RETURN_UNKNOWN_FUNCTION, r.x[0]);
	r = osmc(OPTEE_SMC_CALL_WITH_RPC_ARG, 0, 0, 0);
	check("rpc_arg_not_offered", r.x[0] == OPTEE_SMC_RETURN_UNKNOWN_FUNCTION, r.x[0]);
	r = osmc(OPTEE_SMC_CALL_RETURN_FROM_RPC, 0, 0, 3);
	check("resume_nothing_suspended", r.x[0] == OPTEE_SMC_RETURN_ERESUME, r.x[0]);
}

static void check_sessions_and_params(void)
{
	uint64_t data = shm_start + 0x1000;
	uint8_t *d = (uint8_t *)(uintptr_t)data;
	struct optee_msg_arg *m = open_msg(shm_start, &enum_pta, 0);
	uint32_t s, w;

	check("enumeration_pta_not_found", call_done(shm_start) == 0 && m->ret == ERR_NOT_FOUND,
	      m->ret);
	/* The test TA lives in "vault", second in the binding: "pay" says not found first. */
	m = open_msg(shm_start, &test_ta, 1);
	set_value(&m->params[2], OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, 10, 20);
	check("open_routed_to_second_tee",
	      call_done(shm_start) == 0 && m->ret == 0 && m->session != 0 &&
		  m->ret_origin == ORIGIN_TA && m->params[2].u.value.a == 11 &&
		  m->params[2].u.value.b == 21,
	      m->ret);
	s = m->session;
	w = open_ta(&wallet_ta);
	check("open_wallet_in_first_tee", w != 0 && w != s, w);
	check("close_wallet", close_session(w) == 0, 0);

	m = invoke_msg(shm_start, s, TA_TEST_CMD_INC_VALUE, 1);
	set_value(&m->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, 41, 9);
	check("value_inout",
	      call_done(shm_start) == 0 && m->ret == 0 && m->params[0].u.value.a == 42 &&
		  m->params[0].u.value.b == 10,
	      m->params[0].u.value.a);

	for (unsigned i = 0; i < 100; i++)
		d[i] = (uint8_t)(i * 7);
	memset(d + 2048, 0, 200);
	m = invoke_msg(shm_start, s, TA_TEST_CMD_COPY_MEMREF, 2);
	set_tmem(&m->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INPUT, data, 100);
	set_tmem(&m->params[1], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, data + 2048, 150);
	check("tmem_copy",
	      call_done(shm_start) == 0 && m->ret == 0 && m->params[1].u.tmem.size == 100 &&
		  !memcmp(d, d + 2048, 100) &&
		  m->params[1].attr == OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT &&
		  m->params[1].u.tmem.buf_ptr == data + 2048 &&
		  m->params[1].u.tmem.shm_ref == (0xc0de0000u | ((data + 2048) & 0xffff)),
	      m->ret);
	m = invoke_msg(shm_start, s, TA_TEST_CMD_COPY_MEMREF, 2);
	set_tmem(&m->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INPUT, data, 100);
	set_tmem(&m->params[1], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT, data + 3000, 10);
	d[3000] = 0x77;
	check("tmem_short_buffer",
	      call_done(shm_start) == 0 && m->ret == ERR_SHORT && m->params[1].u.tmem.size == 100 &&
		  d[3000] == 0x77,
	      m->ret);
	for (unsigned i = 0; i < 200; i++)
		d[5000 + i] = (uint8_t)i;
	m = invoke_msg(shm_start, s, TA_TEST_CMD_INVERT_MEMREF, 1);
	set_tmem(&m->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INOUT, data + 5000, 200);
	check("tmem_inout",
	      call_done(shm_start) == 0 && m->ret == 0 && d[5000] == 0xff &&
		  d[5199] == (uint8_t)~199u,
	      m->ret);
	m = invoke_msg(shm_start, s, TA_TEST_CMD_REPORT_SIZE, 2);
	set_tmem(&m->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INPUT, 0, 0);
	set_value(&m->params[1], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 5, 5);
	check("null_memref",
	      call_done(shm_start) == 0 && m->ret == 0 && m->params[1].u.value.a == 0, m->ret);
	m = invoke_msg(shm_start, s, TA_TEST_CMD_REPORT_SIZE, 2);
	set_tmem(&m->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INPUT, shm_end - 16, 16);
	set_value(&m->params[1], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 0, 0);
	check("tmem_at_window_end",
	      call_done(shm_start) == 0 && m->ret == 0 && m->params[1].u.value.a == 16, m->ret);
	check("close_session", close_session(s) == 0, 0);
}

/* An argument nshyp refuses before any TEE: EBADADDR in a0. */
static void check_bad_address(const char *name, uint64_t at)
{
	check(name, call_arg(at).x[0] == OPTEE_SMC_RETURN_EBADADDR, at);
}

/* A message nshyp refuses in the argument: a0 OK, ret/origin as given. */
static void check_refused(const char *name, struct optee_msg_arg *m, uint32_t ret, uint32_t origin)
{
	check(name, call_done((uintptr_t)m) == 0 && m->ret == ret && m->ret_origin == origin,
	      m->ret);
}

static void check_hostile(void)
{
	uint32_t s = open_ta(&test_ta);
	struct optee_msg_arg *m;

	check_bad_address("arg_in_mediator_page", shm_start - 4096);
	check_bad_address("arg_outside_window", (uintptr_t)outside);
	check_bad_address("arg_straddles_window_end", shm_end - 16);
	check_bad_address("arg_unaligned", shm_start + 4);
	check_bad_address("arg_above_4g", 0x140000000ull);
	invoke_msg(shm_start, s, TA_TEST_CMD_INC_VALUE, 0)->num_params = 7;
	check_bad_address("arg_too_many_params", shm_start);

	m = invoke_msg(shm_start, s, TA_TEST_CMD_REPORT_SIZE, 1);
	set_tmem(&m->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INPUT, (uintptr_t)outside, 16);
	check_refused("memref_outside_window", m, ERR_BAD_PARAMS, ORIGIN_COMMS);
	m = invoke_msg(shm_start, s, TA_TEST_CMD_REPORT_SIZE, 1);
	set_tmem(&m->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INPUT, shm_start - 4096, 16);
	check_refused("memref_in_mediator_page", m, ERR_BAD_PARAMS, ORIGIN_COMMS);
	m = invoke_msg(shm_start, s, TA_TEST_CMD_REPORT_SIZE, 1);
	set_tmem(&m->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INPUT, shm_end - 8, 16);
	check_refused("memref_straddles_window_end", m, ERR_BAD_PARAMS, ORIGIN_COMMS);
	m = invoke_msg(shm_start, s, TA_TEST_CMD_REPORT_SIZE, 1);
	set_tmem(&m->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_INPUT | OPTEE_MSG_ATTR_NONCONTIG,
		 shm_start + 0x1000, 16);
	check_refused("noncontig_refused", m, ERR_BAD_PARAMS, ORIGIN_COMMS);
	m = invoke_msg(shm_start, s, TA_TEST_CMD_REPORT_SIZE, 1);
	set_tmem(&m->params[0], OPTEE_MSG_ATTR_TYPE_RMEM_INPUT, 0, 16);
	check_refused("rmem_refused", m, ERR_BAD_PARAMS, ORIGIN_COMMS);
	m = invoke_msg(shm_start, s, TA_TEST_CMD_INC_VALUE, 1);
	set_value(&m->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INOUT | OPTEE_MSG_ATTR_META, 1, 1);
	check_refused("meta_in_invoke_refused", m, ERR_BAD_PARAMS, ORIGIN_COMMS);
	m = new_msg(shm_start, OPTEE_MSG_CMD_REGISTER_SHM, 0, 1);
	set_tmem(&m->params[0], OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT | OPTEE_MSG_ATTR_NONCONTIG,
		 shm_start + 0x1000, 4096);
	check_refused("register_shm_refused", m, ERR_BAD_PARAMS, ORIGIN_COMMS);
	m = open_msg(shm_start, &test_ta, 0);
	m->params[1].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	check_refused("open_without_meta", m, ERR_BAD_PARAMS, ORIGIN_COMMS);
	check_refused("invoke_unknown_session",
		      invoke_msg(shm_start, s + 1000, TA_TEST_CMD_INC_VALUE, 0), ERR_BAD_PARAMS,
		      ORIGIN_TEE);
	check_refused("close_unknown_session",
		      new_msg(shm_start, OPTEE_MSG_CMD_CLOSE_SESSION, 0x7fff, 0), ERR_BAD_PARAMS,
		      ORIGIN_TEE);
	check_refused("cancel_nothing_opening", new_msg(shm_start, OPTEE_MSG_CMD_CANCEL, 0, 0),
		      ERR_BAD_PARAMS, ORIGIN_TEE);
	m = invoke_msg(shm_start, s, TA_TEST_CMD_INC_VALUE, 1);
	set_value(&m->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, 1, 1);
	check("session_survives_garbage",
	      call_done(shm_start) == 0 && m->ret == 0 && m->params[0].u.value.a == 2, m->ret);
	check("close_after_garbage", close_session(s) == 0, 0);
}

/* TEE_Wait: RPC_FOREIGN_INTR with a thread ID, resumed, CANCEL routed by session. */
static void check_wait_and_cancel(void)
{
	uint32_t s = open_ta(&test_ta), s2 = open_ta(&test_ta);
	uint64_t arg2 = shm_start + 0x400;
	struct optee_msg_arg *m, *c;
	struct ffa_value r;
	uint32_t tid;

	m = invoke_msg(shm_start, s, TA_TEST_CMD_WAIT, 2);
	m->cancel_id = 77;
	set_value(&m->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT, 0xffffffffu, TA_TEST_WAIT_UNMASK);
	set_value(&m->params[1], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 9, 9);
	r = call_arg(shm_start);
	tid = (uint32_t)r.x[3];
	check("wait_foreign_intr",
	      r.x[0] == OPTEE_SMC_RETURN_RPC_FOREIGN_INTR && m->ret == UNTOUCHED, r.x[0]);
	r = osmc(OPTEE_SMC_CALL_RETURN_FROM_RPC, r.x[1], r.x[2], tid);
	check("wait_stays_suspended",
	      r.x[0] == OPTEE_SMC_RETURN_RPC_FOREIGN_INTR && r.x[3] == tid && m->ret == UNTOUCHED,
	      r.x[0]);
	r = osmc(OPTEE_SMC_CALL_RETURN_FROM_RPC, 0, 0, tid + 1);
	check("resume_wrong_thread", r.x[0] == OPTEE_SMC_RETURN_ERESUME, r.x[0]);
	c = invoke_msg(arg2, s2, TA_TEST_CMD_INC_VALUE, 1);
	set_value(&c->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, 1, 1);
	check_refused("instance_busy_while_waiting", c, ERR_BUSY, ORIGIN_TEE);
	c = new_msg(arg2, OPTEE_MSG_CMD_CANCEL, s, 0);
	c->cancel_id = 77;
	check("cancel_routed", call_done(arg2) == 0 && c->ret == 0, c->ret);
	r = osmc(OPTEE_SMC_CALL_RETURN_FROM_RPC, 0, 0, tid);
	/* nshyp's tick may preempt the cancelled call on its way out (guests are time-sliced). */
	for (unsigned n = 0; r.x[0] == OPTEE_SMC_RETURN_RPC_FOREIGN_INTR && n < MAX_RESUMES; n++)
		r = osmc(OPTEE_SMC_CALL_RETURN_FROM_RPC, r.x[1], r.x[2], r.x[3]);
	check("wait_cancelled",
	      r.x[0] == 0 && m->ret == ERR_CANCEL && m->ret_origin == ORIGIN_TA &&
		  m->params[1].u.value.a == 1,
	      m->ret);
	r = osmc(OPTEE_SMC_CALL_RETURN_FROM_RPC, 0, 0, tid);
	check("resume_after_end", r.x[0] == OPTEE_SMC_RETURN_ERESUME, r.x[0]);
	m = invoke_msg(shm_start, s, TA_TEST_CMD_WAIT, 1);
	set_value(&m->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT, 20, TA_TEST_WAIT_AS_IS);
	check("wait_times_out", call_done(shm_start) == 0 && m->ret == 0, m->ret);
	m = invoke_msg(shm_start, s2, TA_TEST_CMD_PANIC, 0);
	check("panic_target_dead", call_done(shm_start) == 0 && m->ret == ERR_DEAD, m->ret);
	close_session(s2);
	close_session(s);
}

/* Leave a session open and a call suspended: nshyp and the TEE must drop them at power-off. */
static void leave_state_behind(void)
{
	uint32_t s = open_ta(&test_ta), w = open_ta(&wallet_ta);
	struct optee_msg_arg *m = invoke_msg(shm_start, s, TA_TEST_CMD_WAIT, 1);
	struct ffa_value r;

	set_value(&m->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT, 0xffffffffu, TA_TEST_WAIT_AS_IS);
	r = call_arg(shm_start);
	check("left_suspended", s && w && r.x[0] == OPTEE_SMC_RETURN_RPC_FOREIGN_INTR, r.x[0]);
}

/* Bound to "pay" only: the test TA is not found, and nobody else's session is reachable. */
static void check_routing_only(void)
{
	uint32_t w, refused = 0;

	check("probe_exchange_capabilities",
	      osmc(OPTEE_SMC_EXCHANGE_CAPABILITIES, 1, 0, 0).x[0] == 0, 0);
	check("open_unbound_ta_not_found",
	      open_ta(&test_ta) == 0 && msg(shm_start)->ret == ERR_NOT_FOUND &&
		  msg(shm_start)->ret_origin == ORIGIN_TEE,
	      msg(shm_start)->ret);
	w = open_ta(&wallet_ta);
	check("open_bound_ta", w != 0, w);
	for (uint32_t id = 1; id < 64; id++) {
		struct optee_msg_arg *m = invoke_msg(shm_start, id, 0, 0);

		if (id == w)
			continue;
		refused += call_done(shm_start) == 0 && m->ret == ERR_BAD_PARAMS &&
			   m->ret_origin == ORIGIN_TEE;
	}
	check("other_session_ids_refused", refused == 62, refused);
}

void guest_optee_smc(unsigned arg)
{
	bool routing = (arg & 0xff) == OPTEE_SMC_ROUTING;

	check_probe();
	if (routing) {
		check_routing_only();
	} else {
		check_sessions_and_params();
		check_hostile();
		check_wait_and_cancel();
		leave_state_behind();
	}
	check("registers_preserved", reg_failures == 0, reg_failures);
	printk("optee smc: %u checks, %u failures\n", tally.checks, tally.failures);
	if (routing) {
		/* The mediator page is nshyp's: touching it is a stage-2 fault, an external abort
		 * here that ends us (payload_exception). */
		printk("reading the mediator page at 0x%lx\n", (unsigned long)(shm_start - 4096));
		printk("read 0x%lx (mediator page reachable!)\n",
		       (unsigned long)*(volatile uint64_t *)(uintptr_t)(shm_start - 4096));
	}
	arch_hvc((struct ffa_value){ { PSCI_SYSTEM_OFF } });
}
