// SPDX-License-Identifier: BSD-3-Clause
/*
 * Trusted-OS scenario of the test guest (GUEST_OPTEE_RAW): the OP-TEE FF-A
 * ABI driven by hand, without libteec, so that the TOS's own checks can be
 * hit with messages no well-behaved client would send. It shares an argument
 * page and a data page with TEE "vault" (0x8002: vault and test TAs), then:
 * the blocking calls, sessions and every parameter type with the test TA,
 * SHORT_BUFFER, malformed messages and registers, TEE_Wait suspended and
 * resumed, cancellation, a TA that panics or faults (TARGET_DEAD, the TOS
 * and the vault TA carry on), session limits, UNREGISTER_SHM, client identities (login and
 * UUID to the TA, vault blobs per identity) and NULL memrefs of every direction. With
 * OPTEE_RAW_LEAVE the guest ends with a session open and a call suspended;
 * a second guest with OPTEE_RAW_INTRUDE then tries to reach them; with
 * OPTEE_RAW_RANDOM it only makes random calls and shares and stops mid-way. One line
 * "CHECK optee_<name>: PASS/FAIL" per check, then a summary (docs/tos.md).
 */
#include <abi/ffa.h>
#include <abi/ffa_mem.h>
#include <abi/optee_ffa.h>
#include <abi/optee_msg.h>
#include <arch/smc.h>
#include <lib/ffa_mem_client.h>
#include <lib/print.h>
#include <lib/string.h>

#include "../../../guest/guest.h"
#include "../../../ta/include/ta_test.h"
#include "../../../ta/include/ta_vault.h"
#include "../../../ta/include/ta_wallet.h"
#include "../../../tos/tos.h"
#include "tally.h"

#define TEE		  0x8002
#define ARG		  0    /* offset of the main argument in the argument page */
#define ARG2		  2048 /* a second argument (CANCEL while a call waits) */
#define ORIGIN_COMMS	  2
#define ORIGIN_TEE	  3
#define ORIGIN_TA	  4
#define ERR_BAD_PARAMS	  0xffff0006u
#define ERR_NOT_FOUND	  0xffff0008u
#define ERR_BUSY	  0xffff000du
#define ERR_SHORT	  0xffff0010u
#define ERR_CANCEL	  0xffff0002u
#define ERR_DEAD	  0xffff3024u
#define ERR_NO_MEMORY	  0xffff000cu
#define INVALID		  ((uint32_t)FFA_RET_INVALID_PARAMETERS)
#define OPTEE_RAW_LEAVE	  1u /* arg bit: leave a session and a suspended call behind */
#define OPTEE_RAW_INTRUDE 2u /* arg bit: only try to use another guest's session and call */
#define OPTEE_RAW_RANDOM  4u /* arg bit: only random OP-TEE calls and shares, then stop */

static uint8_t rx_buf[4096] __attribute__((aligned(4096)));
static uint8_t tx_buf[4096] __attribute__((aligned(4096)));
static uint8_t arg_page[4096] __attribute__((aligned(4096)));
static uint8_t data_page[2][4096] __attribute__((aligned(4096)));
static const struct ffa_mem_buffers bufs = { tx_buf, rx_buf, sizeof(tx_buf) };
static struct tally tally = { .prefix = "optee_" };
static ffa_id_t self;
static uint64_t arg_handle, data_handle;

static void check(const char *name, bool ok, uint64_t got)
{
	tally_check(&tally, name, ok, (uint64_t)got);
}

static struct ffa_value req(uint32_t w3, uint32_t w4, uint32_t w5, uint32_t w6, uint32_t w7)
{
	struct ffa_value v = { { FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, TEE), 0, w3, w4, w5,
				 w6, w7 } };

	return arch_hvc(v);
}

static struct optee_msg_arg *msg_at(unsigned off)
{
	return (struct optee_msg_arg *)(arg_page + off);
}

static struct optee_msg_arg *new_msg(unsigned off, uint32_t cmd, uint32_t session,
				     uint32_t num_params)
{
	struct optee_msg_arg *m = msg_at(off);

	memset(m, 0, OPTEE_MSG_GET_ARG_SIZE(6));
	m->cmd = cmd;
	m->session = session;
	m->num_params = num_params;
	m->ret = 0x5a5a5a5a; /* must be overwritten */
	return m;
}

static struct ffa_value call_at(unsigned off)
{
	return req(OPTEE_FFA_YIELDING_CALL_WITH_ARG, (uint32_t)arg_handle,
		   (uint32_t)(arg_handle >> 32), off, 0);
}

/* A yielding call that must end (DONE) without resumes; w3 returned (0 = done). */
static uint32_t call_done(unsigned off)
{
	struct ffa_value r = call_at(off);

	if ((uint32_t)r.x[3] == 0 && (uint32_t)r.x[4] != OPTEE_FFA_YIELDING_CALL_RETURN_DONE)
		return 0xdead;
	return (uint32_t)r.x[3];
}

static void set_uuid(struct optee_msg_param *p, uint32_t tl, uint16_t tm, uint16_t th,
		     const uint8_t clock[8])
{
	uint8_t o[16];

	optee_msg_uuid_to_octets(o, tl, tm, th, clock);
	p->attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META;
	optee_msg_octets_to_value(o, &p->u.value);
}

/* OPEN_SESSION to the test TA with `extra` client params already set by `fill`. */
static struct optee_msg_arg *open_msg(unsigned nparams)
{
	static const uint8_t clock[8] = { 0x84, 0xb8, 0x41, 0x03, 0x43, 0x76, 0xee, 0x2f };
	struct optee_msg_arg *m = new_msg(ARG, OPTEE_MSG_CMD_OPEN_SESSION, 0, 2 + nparams);

	set_uuid(&m->params[0], 0xb825973d, 0xddb6, 0x4a7c, clock);
	m->params[1].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META;
	m->params[1].u.value.c = OPTEE_MSG_LOGIN_PUBLIC;
	return m;
}

/* Open a session to the test TA; its number, 0 on failure. */
static uint32_t open_test(void)
{
	struct optee_msg_arg *m = open_msg(0);

	if (call_done(ARG) || m->ret)
		return 0;
	return m->session;
}

/* OPEN_SESSION to any TA by UUID initializer fields. */
struct uuid_fields {
	uint32_t tl;
	uint16_t tm, th;
	uint8_t clock[8];
};

static uint32_t open_uuid(const struct uuid_fields *u)
{
	struct optee_msg_arg *m = open_msg(0);

	set_uuid(&m->params[0], u->tl, u->tm, u->th, u->clock);
	if (call_done(ARG) || m->ret)
		return 0;
	return m->session;
}

static uint32_t close_session(uint32_t s)
{
	struct optee_msg_arg *m = new_msg(ARG, OPTEE_MSG_CMD_CLOSE_SESSION, s, 0);

	return call_done(ARG) ? 0xdead : m->ret;
}

static void set_value(struct optee_msg_param *p, uint32_t type, uint64_t a, uint64_t b)
{
	p->attr = type;
	p->u.value.a = a;
	p->u.value.b = b;
}

static void set_fmem(struct optee_msg_param *p, uint32_t type, uint64_t handle, uint64_t off,
		     uint64_t size)
{
	p->attr = type;
	optee_msg_fmem_set_offset(&p->u.fmem, off);
	p->u.fmem.internal_offs = 0;
	p->u.fmem.size = size;
	p->u.fmem.global_id = handle;
}

static struct optee_msg_arg *invoke_msg(uint32_t s, uint32_t func, unsigned nparams)
{
	struct optee_msg_arg *m = new_msg(ARG, OPTEE_MSG_CMD_INVOKE_COMMAND, s, nparams);

	m->func = func;
	return m;
}

static void check_blocking_calls(void)
{
	struct ffa_value r = req(OPTEE_FFA_GET_API_VERSION, 0, 0, 0, 0);

	check("api_version", r.x[3] == 1 && r.x[4] == 0, r.x[3]);
	r = req(OPTEE_FFA_GET_OS_VERSION, 0, 0, 0, 0);
	check("os_version", (uint32_t)r.x[0] == FFA_MSG_SEND_DIRECT_RESP_32, r.x[0]);
	r = req(OPTEE_FFA_EXCHANGE_CAPABILITIES, 0, 0, 0, 0);
	check("exchange_capabilities",
	      r.x[3] == 0 && r.x[4] == 0 && r.x[5] == OPTEE_FFA_SEC_CAP_ARG_OFFSET, r.x[5]);
	r = req(9, 0, 0, 0, 0);
	check("diagnostic_protocol_still_squares", r.x[3] == 81 && r.x[4] == self, r.x[3]);
	r = req(0x80000002u, 0, 0, 0, 0);
	check("undefined_yielding_call", (uint32_t)r.x[3] == (uint32_t)FFA_RET_NOT_SUPPORTED,
	      r.x[3]);
}

static void check_sessions_and_params(void)
{
	uint32_t s = open_test(), s2;
	struct optee_msg_arg *m;

	check("open_session", s != 0 && msg_at(ARG)->ret_origin == ORIGIN_TA, s);
	m = open_msg(1);
	set_value(&m->params[2], OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, 10, 20);
	check("open_session_param_writeback",
	      call_done(ARG) == 0 && m->ret == 0 && m->params[2].u.value.a == 11 &&
		  m->params[2].u.value.b == 21,
	      m->params[2].u.value.a);
	s2 = m->session;
	check("second_session_differs", s2 != 0 && s2 != s, s2);
	check("close_second", close_session(s2) == 0, 0);

	m = invoke_msg(s, TA_TEST_CMD_INC_VALUE, 1);
	set_value(&m->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, 41, 9);
	check("value_inout",
	      call_done(ARG) == 0 && m->ret == 0 && m->ret_origin == ORIGIN_TA &&
		  m->params[0].u.value.a == 42 && m->params[0].u.value.b == 10,
	      m->params[0].u.value.a);

	for (unsigned i = 0; i < 100; i++)
		data_page[0][i] = (uint8_t)(i * 7);
	memset(data_page[0] + 2048, 0, 200);
	m = invoke_msg(s, TA_TEST_CMD_COPY_MEMREF, 2);
	set_fmem(&m->params[0], OPTEE_MSG_ATTR_TYPE_FMEM_INPUT, data_handle, 0, 100);
	set_fmem(&m->params[1], OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT, data_handle, 2048, 150);
	check("memref_copy",
	      call_done(ARG) == 0 && m->ret == 0 && m->params[1].u.fmem.size == 100 &&
		  !memcmp(data_page[0], data_page[0] + 2048, 100) &&
		  m->params[1].u.fmem.global_id == data_handle,
	      m->ret);

	m = invoke_msg(s, TA_TEST_CMD_COPY_MEMREF, 2);
	set_fmem(&m->params[0], OPTEE_MSG_ATTR_TYPE_FMEM_INPUT, data_handle, 0, 100);
	set_fmem(&m->params[1], OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT, data_handle, 3000, 10);
	data_page[0][3000] = 0x77;
	check("memref_short_buffer",
	      call_done(ARG) == 0 && m->ret == ERR_SHORT && m->params[1].u.fmem.size == 100 &&
		  data_page[0][3000] == 0x77,
	      m->ret);

	/* A memref that spans both data pages (4000..4200), in place. */
	for (unsigned i = 4000; i < 4096; i++)
		data_page[0][i] = (uint8_t)i;
	for (unsigned i = 0; i < 104; i++)
		data_page[1][i] = (uint8_t)(i + 4096);
	m = invoke_msg(s, TA_TEST_CMD_INVERT_MEMREF, 1);
	set_fmem(&m->params[0], OPTEE_MSG_ATTR_TYPE_FMEM_INOUT, data_handle, 4000, 200);
	check("memref_inout_across_pages",
	      call_done(ARG) == 0 && m->ret == 0 && data_page[0][4000] == (uint8_t)~4000 &&
		  data_page[1][103] == (uint8_t) ~(103 + 4096),
	      m->ret);

	m = invoke_msg(s, TA_TEST_CMD_REPORT_SIZE, 2);
	set_fmem(&m->params[0], OPTEE_MSG_ATTR_TYPE_FMEM_INPUT, OPTEE_MSG_FMEM_INVALID_GLOBAL_ID, 0,
		 0);
	set_value(&m->params[1], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 5, 5);
	check("null_memref", call_done(ARG) == 0 && m->ret == 0 && m->params[1].u.value.a == 0,
	      m->ret);

	for (unsigned t = 0; t < 2; t++) {
		static const uint32_t fids[] = { TA_TEST_CMD_ACCESS_RIGHTS, TA_TEST_CMD_TIME };
		static const char *const names[] = { "ta_access_rights", "ta_time" };

		m = invoke_msg(s, fids[t], 2);
		if (t == 0) {
			set_fmem(&m->params[0], OPTEE_MSG_ATTR_TYPE_FMEM_INOUT, data_handle, 0, 64);
			set_value(&m->params[1], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 0, 0);
		} else {
			set_value(&m->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 0, 0);
			set_value(&m->params[1], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 0, 0);
		}
		check(names[t], call_done(ARG) == 0 && m->ret == 0, m->ret);
	}
	m = invoke_msg(s, TA_TEST_CMD_PROPERTIES, 1);
	set_value(&m->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 99, 0);
	check("ta_properties", call_done(ARG) == 0 && m->ret == 0 && m->params[0].u.value.a == 0,
	      m->params[0].u.value.a);
	m = invoke_msg(s, TA_TEST_CMD_MALLOC_STRESS, 2);
	set_value(&m->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT, 1024, 0);
	set_value(&m->params[1], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 0, 0);
	check("ta_malloc_stress",
	      call_done(ARG) == 0 && m->ret == 0 && m->params[1].u.value.a > 16 &&
		  m->params[1].u.value.b == 1,
	      m->params[1].u.value.a);
	memset(data_page[0], 0, 64);
	m = invoke_msg(s, TA_TEST_CMD_RANDOM, 1);
	set_fmem(&m->params[0], OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT, data_handle, 0, 64);
	check("ta_random",
	      call_done(ARG) == 0 && m->ret == 0 && (data_page[0][0] | data_page[0][63]), m->ret);
	check("close_session", close_session(s) == 0, 0);
}

/* A client UUID for identity checks: 12345678-9abc-5def-8123-456789abcdef + k. */
static void set_client(struct optee_msg_arg *m, uint32_t login, uint8_t k)
{
	static const uint8_t clock[8] = { 0x81, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef };

	set_uuid(&m->params[1], 0x12345678u + k, 0x9abc, 0x5def, clock);
	m->params[1].u.value.c = login;
}

/* Open the TA `u` (NULL: the test TA) as (login, UUID k); the session or 0. */
static uint32_t open_as(const struct uuid_fields *u, uint32_t login, uint8_t k)
{
	struct optee_msg_arg *m = open_msg(0);

	if (u)
		set_uuid(&m->params[0], u->tl, u->tm, u->th, u->clock);
	set_client(m, login, k);
	if (call_done(ARG) || m->ret)
		return 0;
	return m->session;
}

/* The test TA's CLIENT_ID on session s: true if it answers (login, self) and `text`. */
static bool client_id_is(uint32_t s, uint32_t login, const char *text)
{
	struct optee_msg_arg *m = invoke_msg(s, TA_TEST_CMD_CLIENT_ID, 2);

	set_value(&m->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 0, 0);
	set_fmem(&m->params[1], OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT, data_handle, 0, 64);
	memset(data_page[0], 0, 64);
	return call_done(ARG) == 0 && m->ret == 0 && m->params[0].u.value.a == login &&
	       m->params[0].u.value.b == self && m->params[1].u.fmem.size == strlen(text) + 1 &&
	       !strcmp((const char *)data_page[0], text);
}

/*
 * Issue 11: the login and client UUID of OPEN_SESSION reach the TA with this guest's FF-A
 * ID (gpd.client.identity, tessera.client.endpoint); PUBLIC and REE_KERNEL carry no UUID;
 * other logins are refused.
 */
static void check_client_identity(void)
{
	static const uint64_t bad[] = { 3, 0xf0000000u, 0x80000001u, 0x100000000ull };
	uint32_t s, refused = 0;
	struct optee_msg_arg *m;

	s = open_as(0, OPTEE_MSG_LOGIN_USER, 0);
	check("identity_user_reaches_ta",
	      s && client_id_is(s, OPTEE_MSG_LOGIN_USER, "1:12345678-9abc-5def-8123-456789abcdef"),
	      s);
	close_session(s);
	s = open_as(0, OPTEE_MSG_LOGIN_GROUP, 1);
	check("identity_group_reaches_ta",
	      s && client_id_is(s, OPTEE_MSG_LOGIN_GROUP, "2:12345679-9abc-5def-8123-456789abcdef"),
	      s);
	close_session(s);
	s = open_as(0, OPTEE_MSG_LOGIN_PUBLIC, 0); /* a UUID with PUBLIC is dropped */
	check("identity_public_has_nil_uuid",
	      s &&
		  client_id_is(s, OPTEE_MSG_LOGIN_PUBLIC, "0:00000000-0000-0000-0000-000000000000"),
	      s);
	close_session(s);
	s = open_as(0, OPTEE_MSG_LOGIN_REE_KERNEL, 0);
	check("identity_ree_kernel_has_nil_uuid",
	      s && client_id_is(s, OPTEE_MSG_LOGIN_REE_KERNEL,
				"2147483648:00000000-0000-0000-0000-000000000000"),
	      s);
	close_session(s);
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		m = open_msg(0);
		set_client(m, 0, 0);
		m->params[1].u.value.c = bad[i];
		refused += call_done(ARG) == 0 && m->ret == ERR_BAD_PARAMS &&
			   m->ret_origin == ORIGIN_COMMS && m->session == 0;
	}
	check("identity_unknown_logins_refused", refused == sizeof(bad) / sizeof(bad[0]), refused);
}

/* A vault command on session s with name `name` (and data for STORE); the result. */
static uint32_t vault_cmd(uint32_t s, uint32_t cmd, const char *name, const char *data)
{
	struct optee_msg_arg *m = invoke_msg(s, cmd, cmd == TA_VAULT_CMD_DELETE ? 1 : 2);
	uint32_t out = cmd == TA_VAULT_CMD_FETCH ? OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT
						 : OPTEE_MSG_ATTR_TYPE_FMEM_INPUT;

	memcpy(data_page[1], name, strlen(name));
	set_fmem(&m->params[0], OPTEE_MSG_ATTR_TYPE_FMEM_INPUT, data_handle, 4096, strlen(name));
	if (data)
		memcpy(data_page[1] + 64, data, strlen(data));
	set_fmem(&m->params[1], out, data_handle, 4096 + 64, data ? strlen(data) : 64);
	return call_done(ARG) ? 0xdead : m->ret;
}

/* LIST on session s: the number of blobs it sees, or ~0 on error. */
static uint32_t vault_count(uint32_t s)
{
	struct optee_msg_arg *m = invoke_msg(s, TA_VAULT_CMD_LIST, 2);

	set_fmem(&m->params[0], OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT, data_handle, 4096, 2048);
	set_value(&m->params[1], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 0, 0);
	return call_done(ARG) == 0 && m->ret == 0 ? (uint32_t)m->params[1].u.value.a : ~0u;
}

/*
 * Issue 11, in the vault: blobs belong to (guest, login, UUID); the quota is the guest's,
 * shared by its identities. Runs after check_vault_quota, which filled it as PUBLIC.
 */
static void check_vault_identities(void)
{
	static const struct uuid_fields vault = TA_VAULT_UUID;
	uint32_t pub = open_as(&vault, OPTEE_MSG_LOGIN_PUBLIC, 0);
	uint32_t a = open_as(&vault, OPTEE_MSG_LOGIN_USER, 0);
	uint32_t b = open_as(&vault, OPTEE_MSG_LOGIN_USER, 1);
	uint32_t r;

	check("vault_identity_sessions", pub && a && b, pub | (uint64_t)a << 32);
	r = vault_cmd(a, TA_VAULT_CMD_STORE, "id", "user-a");
	check("vault_identities_share_guest_quota", r == ERR_NO_MEMORY, r);
	r = vault_cmd(pub, TA_VAULT_CMD_DELETE, "qa", 0);
	r |= vault_cmd(a, TA_VAULT_CMD_STORE, "id", "user-a");
	check("vault_user_stores_in_freed_room", r == 0, r);
	check("vault_public_cannot_read_user_blob",
	      vault_cmd(pub, TA_VAULT_CMD_FETCH, "id", 0) == ERR_NOT_FOUND &&
		  vault_count(pub) == VAULT_MAX_BLOBS - 1,
	      vault_count(pub));
	check("vault_other_user_cannot_read_user_blob",
	      vault_cmd(b, TA_VAULT_CMD_FETCH, "id", 0) == ERR_NOT_FOUND && vault_count(b) == 0 &&
		  vault_cmd(b, TA_VAULT_CMD_DELETE, "id", 0) == ERR_NOT_FOUND,
	      vault_count(b));
	r = vault_cmd(a, TA_VAULT_CMD_FETCH, "id", 0);
	check("vault_user_reads_own_blob",
	      r == 0 && !memcmp(data_page[1] + 64, "user-a", 6) && vault_count(a) == 1, r);
	r = vault_cmd(a, TA_VAULT_CMD_DELETE, "id", 0);
	r |= vault_cmd(pub, TA_VAULT_CMD_STORE, "qa", "x");
	check("vault_identity_cleanup", r == 0, r);
	close_session(pub);
	close_session(a);
	close_session(b);
}

/* NULL memrefs (OPTEE_SMC_SEC_CAP_MEMREF_NULL): every direction with size 0; only OUTPUT sized. */
static void check_null_memrefs(void)
{
	static const uint32_t types[] = { OPTEE_MSG_ATTR_TYPE_FMEM_INPUT,
					  OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT,
					  OPTEE_MSG_ATTR_TYPE_FMEM_INOUT };
	uint32_t s = open_test(), ok = 0, sized = 0;
	struct optee_msg_arg *m;

	for (unsigned i = 0; i < 3; i++) {
		for (unsigned size = 0; size <= 40; size += 40) {
			bool want = size == 0 || types[i] == OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT;

			m = invoke_msg(s, TA_TEST_CMD_REPORT_SIZE, 2);
			set_fmem(&m->params[0], types[i], OPTEE_MSG_FMEM_INVALID_GLOBAL_ID, 0,
				 size);
			set_value(&m->params[1], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 5, 5);
			if (call_done(ARG))
				continue;
			if (want)
				ok += m->ret == 0 && m->params[1].u.value.a == size &&
				      m->params[1].u.value.b == 0;
			else
				sized += m->ret == ERR_BAD_PARAMS && m->ret_origin == ORIGIN_COMMS;
		}
	}
	check("null_memref_every_type", ok == 4, ok);
	check("null_memref_with_bytes_refused", sized == 2, sized);
	close_session(s);
}

/* Malformed messages and registers: defined errors, nothing else. */
static void check_malformed(void)
{
	uint32_t s = open_test();
	struct optee_msg_arg *m;
	struct ffa_value r;

	m = invoke_msg(s, TA_TEST_CMD_INC_VALUE, 7);
	check("too_many_params",
	      call_done(ARG) == 0 && m->ret == ERR_BAD_PARAMS && m->ret_origin == ORIGIN_COMMS,
	      m->ret);
	m = invoke_msg(s, TA_TEST_CMD_INC_VALUE, 1);
	m->params[0].attr = OPTEE_MSG_ATTR_TYPE_TMEM_INPUT;
	check("tmem_refused", call_done(ARG) == 0 && m->ret == ERR_BAD_PARAMS, m->ret);
	m = invoke_msg(s, TA_TEST_CMD_INC_VALUE, 1);
	m->params[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INOUT | OPTEE_MSG_ATTR_META;
	check("meta_in_invoke_refused", call_done(ARG) == 0 && m->ret == ERR_BAD_PARAMS, m->ret);
	m = invoke_msg(s, TA_TEST_CMD_INC_VALUE, 1);
	m->params[0].attr = 4; /* no such type */
	check("unknown_type_refused", call_done(ARG) == 0 && m->ret == ERR_BAD_PARAMS, m->ret);
	m = new_msg(ARG, 99, s, 0);
	check("unknown_command", call_done(ARG) == 0 && m->ret == ERR_BAD_PARAMS, m->ret);
	m = new_msg(ARG, OPTEE_MSG_CMD_REGISTER_SHM, s, 0);
	check("register_shm_refused", call_done(ARG) == 0 && m->ret == ERR_BAD_PARAMS, m->ret);
	m = open_msg(0);
	m->params[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT; /* META missing */
	check("open_without_meta", call_done(ARG) == 0 && m->ret == ERR_BAD_PARAMS, m->ret);
	m = open_msg(0);
	m->params[0].u.value.a ^= 1;
	check("open_unknown_uuid",
	      call_done(ARG) == 0 && m->ret == ERR_NOT_FOUND && m->ret_origin == ORIGIN_TEE,
	      m->ret);
	m = open_msg(0);
	{
		static const struct uuid_fields w = TA_WALLET_UUID;
		set_uuid(&m->params[0], w.tl, w.tm, w.th, w.clock);
	}
	check("open_ta_not_hosted_here", call_done(ARG) == 0 && m->ret == ERR_NOT_FOUND, m->ret);
	m = invoke_msg(s + 1000, TA_TEST_CMD_INC_VALUE, 0);
	check("invoke_unknown_session",
	      call_done(ARG) == 0 && m->ret == ERR_BAD_PARAMS && m->ret_origin == ORIGIN_TEE,
	      m->ret);
	m = invoke_msg(s, TA_TEST_CMD_REPORT_SIZE, 2);
	set_fmem(&m->params[0], OPTEE_MSG_ATTR_TYPE_FMEM_INPUT, data_handle, 8000, 500);
	check("memref_outside_share", call_done(ARG) == 0 && m->ret == ERR_BAD_PARAMS, m->ret);
	m = invoke_msg(s, TA_TEST_CMD_REPORT_SIZE, 2);
	set_fmem(&m->params[0], OPTEE_MSG_ATTR_TYPE_FMEM_INPUT, 0x1234567, 0, 8);
	check("memref_unknown_handle", call_done(ARG) == 0 && m->ret == ERR_BAD_PARAMS, m->ret);

	check("arg_offset_outside_share", call_done(8192) == INVALID, 0);
	check("arg_offset_unaligned", call_done(4) == INVALID, 0);
	check("arg_does_not_fit", call_done(4096 - 16) == INVALID, 0);
	r = req(OPTEE_FFA_YIELDING_CALL_WITH_ARG, 0x4242, 0, 0, 0);
	check("arg_unknown_handle", (uint32_t)r.x[3] == INVALID, r.x[3]);
	r = req(OPTEE_FFA_YIELDING_CALL_WITH_ARG, (uint32_t)arg_handle,
		(uint32_t)(arg_handle >> 32), 0, 1);
	check("arg_w7_not_zero", (uint32_t)r.x[3] == INVALID, r.x[3]);
	r = req(OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0, 0x7e000001);
	check("resume_nothing", (uint32_t)r.x[3] == INVALID, r.x[3]);
	r = req(OPTEE_FFA_UNREGISTER_SHM, 0x4242, 0, 0, 0);
	check("unregister_unknown", (uint32_t)r.x[3] == INVALID, r.x[3]);
	check("session_still_works_after_garbage", close_session(s) == 0, 0);
}

/* TEE_Wait: suspended, resumed, cancelled; BUSY for the instance meanwhile. */
static void check_wait_and_cancel(void)
{
	uint32_t s = open_test(), s2 = open_test(), resumes = 0;
	struct optee_msg_arg *m, *c;
	struct ffa_value r;

	m = invoke_msg(s, TA_TEST_CMD_WAIT, 2);
	m->cancel_id = 77;
	set_value(&m->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT, 0xffffffffu, TA_TEST_WAIT_UNMASK);
	set_value(&m->params[1], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 9, 9);
	r = call_at(ARG);
	check("wait_suspends",
	      r.x[3] == 0 && r.x[4] == OPTEE_FFA_YIELDING_CALL_RETURN_INTERRUPT && r.x[7] != 0,
	      r.x[4]);
	for (unsigned i = 0; i < 3; i++)
		r = req(OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0, (uint32_t)r.x[7]);
	check("infinite_wait_stays_suspended",
	      r.x[3] == 0 && r.x[4] == OPTEE_FFA_YIELDING_CALL_RETURN_INTERRUPT &&
		  m->ret == 0x5a5a5a5a,
	      r.x[4]);
	c = new_msg(ARG2, OPTEE_MSG_CMD_INVOKE_COMMAND, s2, 1);
	c->func = TA_TEST_CMD_INC_VALUE;
	set_value(&c->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, 1, 1);
	check("instance_busy_while_waiting",
	      call_done(ARG2) == 0 && c->ret == ERR_BUSY && c->ret_origin == ORIGIN_TEE, c->ret);
	check("unregister_busy_arg",
	      (uint32_t)req(OPTEE_FFA_UNREGISTER_SHM, (uint32_t)arg_handle,
			    (uint32_t)(arg_handle >> 32), 0, 0)
		      .x[3] == (uint32_t)FFA_RET_BUSY,
	      0);
	c = new_msg(ARG2, OPTEE_MSG_CMD_CANCEL, s, 0);
	c->cancel_id = 76; /* another operation: no effect */
	call_done(ARG2);
	r = req(OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0, (uint32_t)r.x[7]);
	check("cancel_other_id_ignored", r.x[4] == OPTEE_FFA_YIELDING_CALL_RETURN_INTERRUPT,
	      r.x[4]);
	c = new_msg(ARG2, OPTEE_MSG_CMD_CANCEL, s, 0);
	c->cancel_id = 77;
	check("cancel_accepted", call_done(ARG2) == 0 && c->ret == 0, c->ret);
	r = req(OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0, (uint32_t)r.x[7]);
	check("wait_cancelled",
	      r.x[3] == 0 && r.x[4] == OPTEE_FFA_YIELDING_CALL_RETURN_DONE &&
		  m->ret == ERR_CANCEL && m->ret_origin == ORIGIN_TA && m->params[1].u.value.a == 1,
	      m->ret);

	m = invoke_msg(s, TA_TEST_CMD_WAIT, 1);
	set_value(&m->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT, 20, TA_TEST_WAIT_AS_IS);
	r = call_at(ARG);
	while (r.x[3] == 0 && r.x[4] == OPTEE_FFA_YIELDING_CALL_RETURN_INTERRUPT &&
	       resumes < 100000) {
		r = req(OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0, (uint32_t)r.x[7]);
		resumes++;
	}
	check("wait_times_out", r.x[4] == OPTEE_FFA_YIELDING_CALL_RETURN_DONE && m->ret == 0,
	      m->ret);
	close_session(s2);
	close_session(s);
}

/* A TA that panics or faults dies alone: TARGET_DEAD for its sessions, others carry on. */
static void check_ta_death(void)
{
	static const struct {
		uint32_t kind;
		const char *name;
	} faults[] = {
		{ TA_TEST_FAULT_NULL_READ, "fault_null_read" },
		{ TA_TEST_FAULT_UNDEF, "fault_undef" },
		{ TA_TEST_FAULT_CODE_WRITE, "fault_code_write" },
		{ TA_TEST_FAULT_FP, "fault_fp_simd" },
		{ TA_TEST_FAULT_KERNEL_READ, "fault_kernel_read" },
		{ TA_TEST_FAULT_NS_READ, "fault_normal_world_read" },
		{ TA_TEST_FAULT_EXEC_HEAP, "fault_exec_heap" },
		{ TA_TEST_FAULT_MASK_IRQ, "fault_mask_irq" },
		{ TA_TEST_FAULT_SEC_TIMER, "fault_secure_timer" },
		{ TA_TEST_FAULT_EL0_TIMER, "fault_el0_counter" },
	};
	uint32_t s = open_test(), other = open_test();
	struct optee_msg_arg *m = invoke_msg(s, TA_TEST_CMD_PANIC, 0);

	check("panic_target_dead",
	      call_done(ARG) == 0 && m->ret == ERR_DEAD && m->ret_origin == ORIGIN_TEE, m->ret);
	m = invoke_msg(other, TA_TEST_CMD_INC_VALUE, 1);
	set_value(&m->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INOUT, 1, 1);
	check("other_session_of_instance_dead", call_done(ARG) == 0 && m->ret == ERR_DEAD, m->ret);
	check("close_dead_sessions", close_session(s) == 0 && close_session(other) == 0, 0);
	for (unsigned i = 0; i < sizeof(faults) / sizeof(faults[0]); i++) {
		s = open_test();
		m = invoke_msg(s, TA_TEST_CMD_FAULT, 1);
		set_value(&m->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT, faults[i].kind, 0);
		check(faults[i].name, s && call_done(ARG) == 0 && m->ret == ERR_DEAD, m->ret);
		close_session(s);
	}
	s = open_test();
	check("reopen_after_death", s != 0, 0);
	close_session(s);
}

static void check_limits_and_unregister(void)
{
	uint32_t sess[20], n = 0, last = 0;
	struct optee_msg_arg *m;

	while (n < 20) {
		m = open_msg(0);
		if (call_done(ARG) || m->ret) {
			last = m->ret;
			break;
		}
		sess[n++] = m->session;
	}
	check("session_limit_per_caller", n == 8 && last == ERR_NO_MEMORY, n);
	while (n)
		close_session(sess[--n]);
	check("open_after_limit", (n = open_test()) != 0, 0);
	close_session(n);
	check("unregister_data",
	      req(OPTEE_FFA_UNREGISTER_SHM, (uint32_t)data_handle, (uint32_t)(data_handle >> 32), 0,
		  0)
		      .x[3] == 0,
	      0);
	check("reclaim_after_unregister", ffa_mem_reclaim(data_handle, 0) == 0, 0);
}

/* Leave a session (and its instance busy in an infinite TEE_Wait) for the intruder. */
static void leave_behind(void)
{
	uint32_t s = open_test();
	struct optee_msg_arg *m = invoke_msg(s, TA_TEST_CMD_WAIT, 1);
	struct ffa_value r;

	set_value(&m->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT, 0xffffffffu, TA_TEST_WAIT_AS_IS);
	r = call_at(ARG);
	check("left_a_suspended_call",
	      s && r.x[3] == 0 && r.x[4] == OPTEE_FFA_YIELDING_CALL_RETURN_INTERRUPT, r.x[4]);
	printk("leaving session %u and a suspended call (resume info 0x%lx) behind\n", s,
	       (unsigned long)r.x[7]);
}

/*
 * What a destroyed VM leaves: the TOS forgets it (TOS_CMD_FORGET_ME, what a "VM destroyed"
 * message will do): the waiting call runs to its end, the session closes, the share goes back,
 * and the TA instance serves others again.
 */
static void check_forget(void)
{
	struct optee_msg_arg *m = open_msg(0);
	struct ffa_value r;
	uint32_t s;

	check("open_while_instance_waits_busy",
	      call_done(ARG) == 0 && m->ret == ERR_BUSY && m->ret_origin == ORIGIN_TEE, m->ret);
	r = req(10, TOS_CMD_FORGET_ME, 0, 0, 0);
	check("forget_me_drops_call_session_share",
	      r.x[3] == 100 && (uint32_t)r.x[6] == (1u | 1u << 8 | 1u << 16), r.x[6]);
	s = open_test(); /* the TOS retrieves the argument page again */
	check("instance_serves_again_after_forget", s != 0, s);
	check("close_after_forget", close_session(s) == 0, 0);
}

/*
 * The vault's quota is this guest's own (issue 10 item 7): it stores VAULT_MAX_BLOBS blobs
 * and the next is refused, whatever the guest before it left in the vault (guest1 leaves a
 * full quota of blobs behind; before, guest2 then could not store a single one).
 */
static void check_vault_quota(void)
{
	static const struct uuid_fields vault = TA_VAULT_UUID;
	uint32_t s = open_uuid(&vault), last = 0, list_count;
	unsigned stored = 0;
	struct optee_msg_arg *m;

	for (; stored <= VAULT_MAX_BLOBS; stored++) {
		m = invoke_msg(s, TA_VAULT_CMD_STORE, 2);
		data_page[0][0] = 'q';
		data_page[0][1] = (uint8_t)('a' + stored);
		data_page[0][64] = (uint8_t)self;
		set_fmem(&m->params[0], OPTEE_MSG_ATTR_TYPE_FMEM_INPUT, data_handle, 0, 2);
		set_fmem(&m->params[1], OPTEE_MSG_ATTR_TYPE_FMEM_INPUT, data_handle, 64, 1);
		if (call_done(ARG) != 0 || m->ret != 0) {
			last = m->ret;
			break;
		}
	}
	check("vault_own_full_quota", s && stored == VAULT_MAX_BLOBS && last == ERR_NO_MEMORY,
	      stored | (uint64_t)last << 32);
	m = invoke_msg(s, TA_VAULT_CMD_LIST, 2);
	set_fmem(&m->params[0], OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT, data_handle, 0, 4096);
	set_value(&m->params[1], OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT, 0, 0);
	list_count = call_done(ARG) == 0 && m->ret == 0 ? (uint32_t)m->params[1].u.value.a : 0;
	check("vault_lists_only_own_blobs", list_count == VAULT_MAX_BLOBS, list_count);
	close_session(s);
}

/*
 * A client that stops in the middle of anything (issue 10 item 6): random shares, reclaims,
 * OP-TEE calls naming its shares (as argument or memref, at any offset), waits left
 * suspended, resumes, unregisters, sessions left open; then the guest just stops. Whatever
 * it leaves, the TEE must give every share back when the guest is destroyed (nshyp reports
 * a share it cannot reclaim).
 */
#define RND_SHARES 6
static uint8_t rnd_pages[RND_SHARES][4096] __attribute__((aligned(4096)));

static uint32_t rnd_next(uint32_t *x)
{
	*x = *x * 1103515245u + 12345u;
	return *x >> 8;
}

/* A message in share k at `off`: open the test TA, or invoke it on `sess` with memrefs. */
static void rnd_message(unsigned k, unsigned off, uint32_t r, uint32_t sess, const uint64_t *h)
{
	static const uint8_t clock[8] = { 0x84, 0xb8, 0x41, 0x03, 0x43, 0x76, 0xee, 0x2f };
	struct optee_msg_arg *m = (struct optee_msg_arg *)(rnd_pages[k] + off);
	unsigned j = (r >> 3) % RND_SHARES;

	memset(m, 0, OPTEE_MSG_GET_ARG_SIZE(4));
	if (r % 3 == 0 || !sess) {
		m->cmd = OPTEE_MSG_CMD_OPEN_SESSION;
		m->num_params = 2;
		set_uuid(&m->params[0], 0xb825973d, 0xddb6, 0x4a7c, clock);
		m->params[1].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META;
		return;
	}
	m->cmd = r % 5 == 0 ? OPTEE_MSG_CMD_CLOSE_SESSION : OPTEE_MSG_CMD_INVOKE_COMMAND;
	m->session = sess;
	m->func = r % 2 ? TA_TEST_CMD_WAIT : TA_TEST_CMD_COPY_MEMREF;
	m->num_params = m->cmd == OPTEE_MSG_CMD_CLOSE_SESSION ? 0 : 2;
	if (m->func == TA_TEST_CMD_WAIT) {
		set_value(&m->params[0], OPTEE_MSG_ATTR_TYPE_VALUE_INPUT, r % 4 ? 0xffffffffu : 1,
			  TA_TEST_WAIT_AS_IS);
		m->num_params = m->cmd == OPTEE_MSG_CMD_CLOSE_SESSION ? 0 : 1;
		return;
	}
	set_fmem(&m->params[0], OPTEE_MSG_ATTR_TYPE_FMEM_INPUT, h[j], (r >> 6) % 4096, r % 300);
	set_fmem(&m->params[1], OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT, h[(j + 1) % RND_SHARES],
		 (r >> 9) % 4096, r % 200);
}

static void random_client(unsigned rounds)
{
	struct ffa_mem_grant g = { TEE, FFA_MEM_DATA_RW };
	uint64_t h[RND_SHARES] = { 0 };
	uint32_t x = 0x5eed0000u + self, infos[8] = { 0 }, sess = 0, calls = 0;

	for (unsigned i = 0; i < rounds; i++) {
		uint32_t r = rnd_next(&x), k = r % RND_SHARES, off = ((r >> 4) % 64) * 64;
		struct ffa_mem_range range = { (uintptr_t)rnd_pages[k], 1 };
		struct ffa_value v;

		switch ((r >> 12) % 8) {
		case 0:
			if (!h[k])
				ffa_mem_send(FFA_MEM_SHARE_32, &bufs, self, &g, 1, &range, 1,
					     FFA_MEM_ATTR_NORMAL_WB_INNER, 0, 0, 0, &h[k]);
			break;
		case 1:
			if (h[k] && ffa_mem_reclaim(h[k], 0) == 0)
				h[k] = 0;
			break;
		case 2:
			req(OPTEE_FFA_UNREGISTER_SHM, (uint32_t)h[k], (uint32_t)(h[k] >> 32), 0, 0);
			break;
		case 3:
		case 4:
		case 5:
			rnd_message(k, off, rnd_next(&x), sess, h);
			v = req(OPTEE_FFA_YIELDING_CALL_WITH_ARG, (uint32_t)h[k],
				(uint32_t)(h[k] >> 32), off, 0);
			calls++;
			if (v.x[3] == 0 && v.x[4] == OPTEE_FFA_YIELDING_CALL_RETURN_INTERRUPT)
				infos[r % 8] = (uint32_t)v.x[7];
			else if (v.x[3] == 0 &&
				 ((struct optee_msg_arg *)(rnd_pages[k] + off))->ret == 0 &&
				 ((struct optee_msg_arg *)(rnd_pages[k] + off))->session)
				sess = ((struct optee_msg_arg *)(rnd_pages[k] + off))->session;
			break;
		case 6:
			req(OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0, infos[r % 8]);
			break;
		default:
			req(r % 2 ? OPTEE_FFA_YIELDING_CALL_WITH_ARG : OPTEE_FFA_UNREGISTER_SHM,
			    (uint32_t)h[k] + (r % 3 == 0), (uint32_t)(h[k] >> 32), r % 8192, 0);
			break;
		}
	}
	printk("random client: %u rounds, %u calls; stopping with whatever it holds\n", rounds,
	       calls);
}

/*
 * Test commands (test build) never break the OP-TEE server's own state: once the TEE has mapped
 * its RX/TX pair and retrieved our argument page, SELFTEST runs its buffer checks on that pair and
 * leaves it mapped, and a RELEASE of the argument page's handle is refused (the TOS did not keep
 * that retrieval for a test command); the server then retrieves and uses shares as before.
 */
static void check_test_commands_spare_the_server(void)
{
	struct ffa_value rel = { { FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, TEE), 0,
				   arg_handle, TOS_CMD_MEM | TOS_MEM_RELEASE << 8 } };
	struct ffa_value r;
	uint32_t s = open_test(); /* the TEE retrieves the argument page: its buffers are mapped */

	check("server_state_before_test_commands", s != 0 && close_session(s) == 0, s);
	r = req(8, TOS_CMD_SELFTEST, 0, 0, 0);
	check("selftest_after_optee_calls", r.x[3] == 64 && r.x[6] == 0, r.x[6]);
	r = arch_hvc(rel);
	check("release_of_server_share_refused", (uint32_t)r.x[6] == INVALID, r.x[6]);
	s = open_test();
	check("server_serves_after_test_commands", s != 0 && close_session(s) == 0, s);
}

/* Another guest's sessions and calls are out of reach, whatever number is tried. */
static void intrude(void)
{
	static const struct uuid_fields vault = TA_VAULT_UUID;
	unsigned reached = 0, resumed = 0;
	uint32_t s;

	for (uint32_t id = 1; id <= 64; id++) {
		struct optee_msg_arg *m = invoke_msg(id, TA_TEST_CMD_INC_VALUE, 0);

		reached +=
		    call_done(ARG) != 0 || m->ret != ERR_BAD_PARAMS || m->ret_origin != ORIGIN_TEE;
		m = new_msg(ARG, OPTEE_MSG_CMD_CANCEL, id, 0);
		reached += call_done(ARG) != 0 || m->ret != ERR_BAD_PARAMS;
		m = new_msg(ARG, OPTEE_MSG_CMD_CLOSE_SESSION, id, 0);
		reached += call_done(ARG) != 0 || m->ret != ERR_BAD_PARAMS;
	}
	check("other_guests_sessions_unreachable", reached == 0, reached);
	for (uint32_t i = 0; i < 8; i++)
		resumed +=
		    (uint32_t)req(OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0, 0x7e000000u + i).x[3] !=
		    INVALID;
	check("other_guests_call_not_resumable", resumed == 0, resumed);
	s = open_uuid(&vault);
	check("own_session_in_same_tee", s != 0, s);
	check("own_session_closes", close_session(s) == 0, 0);
}

void guest_optee_raw(ffa_id_t me, unsigned arg)
{
	struct ffa_mem_grant g = { TEE, FFA_MEM_DATA_RW };
	struct ffa_mem_range arg_r = { (uintptr_t)arg_page, 1 };
	struct ffa_mem_range data_r = { (uintptr_t)data_page, 2 };
	int32_t rc;

	self = me;
	rc = ffa_rxtx_map(&bufs);
	if (arg & OPTEE_RAW_RANDOM) {
		random_client(arg >> 8 ? (arg >> 8) * 100 : 3000);
		return;
	}
	rc |= ffa_mem_send(FFA_MEM_SHARE_32, &bufs, self, &g, 1, &arg_r, 1,
			   FFA_MEM_ATTR_NORMAL_WB_INNER, 0, 0, 0, &arg_handle);
	rc |= ffa_mem_send(FFA_MEM_SHARE_32, &bufs, self, &g, 1, &data_r, 1,
			   FFA_MEM_ATTR_NORMAL_WB_INNER, 0, 0, 0, &data_handle);
	check("share_buffers", rc == 0, (uint64_t)rc);
	if (rc)
		return;
	check_vault_quota(); /* guest1 leaves its blobs: guest2 must still get its whole quota */
	if (arg & OPTEE_RAW_INTRUDE) {
		intrude();
		goto out;
	}
	check_blocking_calls();
	check_test_commands_spare_the_server();
	check_sessions_and_params();
	check_client_identity();
	check_vault_identities();
	check_null_memrefs();
	check_malformed();
	check_wait_and_cancel();
	check_ta_death();
	check_limits_and_unregister();
	if (arg & OPTEE_RAW_LEAVE) {
		leave_behind();
		check_forget();
		leave_behind(); /* again, for the guest that comes next */
		goto out;
	}
	check(
	    "unregister_arg",
	    req(OPTEE_FFA_UNREGISTER_SHM, (uint32_t)arg_handle, (uint32_t)(arg_handle >> 32), 0, 0)
			.x[3] == 0 &&
		ffa_mem_reclaim(arg_handle, 0) == 0,
	    0);
out:
	printk("OPTEE RAW %s: %u checks, %u failures\n", tally.failures ? "FAILED" : "PASSED",
	       tally.checks, tally.failures);
}
