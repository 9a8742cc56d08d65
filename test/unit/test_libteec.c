// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host unit tests of libteec's transport-independent core (client/libteec:
 * teec_api.c, teec_marshal.c, teec_pages.c) over a fake transport that plays
 * the TEE in-process: it keeps a table of the pages shared with it (so a fake
 * TA can read and write memrefs through their FF-A handle like the TOS does),
 * records every message, and answers with what each test scripts.
 * Covered: every parameter type both ways, bad types and references, sizes
 * and SHORT_BUFFER write-back, NULL and zero-size memrefs, OPEN_SESSION meta
 * parameters and UUID octets, login methods, routing by UUID, name selection
 * errors, shared-memory sharing/moving/release, pre-start cancellation and
 * that every page and share a call used is given back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../client/libteec/teec_private.h"
#include <teec_ext.h>

/* ---- the fake transport ------------------------------------------------------ */

#define FAKE_TEES   3
#define FAKE_SHARES 32
#define FAKE_ID_A   0x8001
#define FAKE_ID_B   0x8002
#define FAKE_ID_C   0x8003 /* exists, never reachable */

struct fake_share {
	bool live;
	uint16_t tee;
	uintptr_t addr;
	uint32_t pages;
	uint64_t id;
};

typedef void (*fake_handler)(uint16_t tee, struct optee_msg_arg *m);

static struct {
	uint16_t reachable[FAKE_TEES];
	uint32_t reachable_count;
	TEEC_Result attach_result[FAKE_TEES];
	uint32_t users[FAKE_TEES];
	struct fake_share shares[FAKE_SHARES];
	uint64_t next_id;
	TEEC_Result share_result;
	TEEC_Result unshare_result;
	TEEC_Result call_result;
	fake_handler handler;
	unsigned calls;
	uint16_t called[16];
	struct optee_msg_arg sent_hdr;
	struct optee_msg_param sent[TEEC_MSG_MAX_PARAMS];
	uint8_t sent_bounce[4][64]; /* first bytes each memref named, as the TEE saw them */
	const struct teec_cancel *cancel;
	uint32_t cancel_seen;
	bool inline_on; /* offer an inline area in the message page (like ffa_transport.c) */
} fake;

static uint64_t msg_pages[FAKE_TEES][TEEC_PAGE_SIZE / 8];

static int tee_index(uint16_t tee)
{
	return tee >= FAKE_ID_A && tee <= FAKE_ID_C ? tee - FAKE_ID_A : -1;
}

static const char *const fake_names[FAKE_TEES] = { "pay", "vault", "spare" };

TEEC_Result teec_tp_select(const char *name, uint16_t ids[TEEC_IMPL_MAX_TEES], uint32_t *count)
{
	*count = 0;
	for (unsigned i = 0; i < FAKE_TEES; i++) {
		uint16_t id = (uint16_t)(FAKE_ID_A + i);
		bool bound = false;

		for (unsigned j = 0; j < fake.reachable_count; j++)
			bound |= fake.reachable[j] == id;
		if (name && !strcmp(name, fake_names[i])) {
			if (!bound)
				return TEEC_ERROR_ACCESS_DENIED;
			ids[0] = id;
			*count = 1;
			return TEEC_SUCCESS;
		}
		if (!name && bound)
			ids[(*count)++] = id;
	}
	return name || !*count ? TEEC_ERROR_ITEM_NOT_FOUND : TEEC_SUCCESS;
}

TEEC_Result teec_tp_attach(uint16_t tee)
{
	int i = tee_index(tee);

	assert_true(i >= 0);
	if (fake.attach_result[i] == TEEC_SUCCESS)
		fake.users[i]++;
	return fake.attach_result[i];
}

static struct fake_share *share_of(uint64_t id);

/* The message page as a share of its own, as the TEE sees it (inline area). */
#define FAKE_MSG_ID(tee) (0x4d5347000000ull | (tee))

void teec_tp_detach(uint16_t tee)
{
	int i = tee_index(tee);
	struct fake_share *s = share_of(FAKE_MSG_ID(tee));

	assert_true(i >= 0 && fake.users[i] > 0);
	if (!--fake.users[i] && s)
		s->live = false;
}

uint8_t *teec_tp_inline_area(uint16_t tee, uint64_t *global_id, uint32_t *offset, uint32_t *size)
{
	int i = tee_index(tee);

	assert_true(i >= 0 && fake.users[i] > 0);
	if (!fake.inline_on)
		return NULL;
	if (!share_of(FAKE_MSG_ID(tee))) {
		for (unsigned k = 0; k < FAKE_SHARES; k++) {
			if (!fake.shares[k].live) {
				fake.shares[k] =
				    (struct fake_share){ true, tee, (uintptr_t)msg_pages[i], 1,
							 FAKE_MSG_ID(tee) };
				break;
			}
		}
	}
	*global_id = FAKE_MSG_ID(tee);
	*offset = 256;
	*size = 1792;
	return (uint8_t *)msg_pages[i] + 256;
}

struct optee_msg_arg *teec_tp_msg(uint16_t tee)
{
	int i = tee_index(tee);

	assert_true(i >= 0);
	return (struct optee_msg_arg *)msg_pages[i];
}

static struct fake_share *share_of(uint64_t id)
{
	for (unsigned i = 0; i < FAKE_SHARES; i++)
		if (fake.shares[i].live && fake.shares[i].id == id)
			return &fake.shares[i];
	return NULL;
}

/* What the TOS does with an FMEM parameter: handle + offset -> memory, bounds checked. */
static uint8_t *fake_resolve(uint16_t tee, const struct optee_msg_param_fmem *f)
{
	struct fake_share *s = share_of(f->global_id);
	uint64_t at = optee_msg_fmem_offset(f) + f->internal_offs;

	if (f->global_id == OPTEE_MSG_FMEM_INVALID_GLOBAL_ID)
		return NULL;
	assert_non_null(s);
	assert_int_equal(s->tee, tee);
	assert_true(at + f->size <= (uint64_t)s->pages * TEEC_PAGE_SIZE);
	return (uint8_t *)s->addr + at;
}

TEEC_Result teec_tp_call(uint16_t tee, const struct teec_cancel *cancel)
{
	struct optee_msg_arg *m = teec_tp_msg(tee);
	unsigned user = m->cmd == OPTEE_MSG_CMD_OPEN_SESSION ? 2 : 0;

	assert_true(m->num_params <= TEEC_MSG_MAX_PARAMS);
	fake.called[fake.calls++ % 16] = tee;
	fake.sent_hdr = *m;
	memcpy(fake.sent, m->params, m->num_params * sizeof(m->params[0]));
	for (unsigned i = 0; i + user < m->num_params && i < 4; i++) {
		const struct optee_msg_param *p = &m->params[i + user];
		uint32_t t = p->attr & OPTEE_MSG_ATTR_TYPE_MASK;
		uint8_t *b;

		memset(fake.sent_bounce[i], 0, sizeof(fake.sent_bounce[i]));
		if (t < OPTEE_MSG_ATTR_TYPE_FMEM_INPUT || t > OPTEE_MSG_ATTR_TYPE_FMEM_INOUT)
			continue;
		b = fake_resolve(tee, &p->u.fmem);
		if (b)
			memcpy(fake.sent_bounce[i], b,
			       p->u.fmem.size < 64 ? (size_t)p->u.fmem.size : 64);
	}
	fake.cancel = cancel;
	if (fake.call_result != TEEC_SUCCESS)
		return fake.call_result;
	if (fake.handler)
		fake.handler(tee, m);
	return TEEC_SUCCESS;
}

TEEC_Result teec_tp_share(uint16_t tee, uintptr_t addr, uint32_t pages, uint64_t *global_id)
{
	assert_int_equal(addr % TEEC_PAGE_SIZE, 0);
	assert_true(pages > 0);
	if (fake.share_result != TEEC_SUCCESS)
		return fake.share_result;
	for (unsigned i = 0; i < FAKE_SHARES; i++) {
		struct fake_share *s = &fake.shares[i];

		if (s->live)
			continue;
		*s = (struct fake_share){ true, tee, addr, pages, ++fake.next_id | (1ull << 63) };
		*global_id = s->id;
		return TEEC_SUCCESS;
	}
	return TEEC_ERROR_OUT_OF_MEMORY;
}

TEEC_Result teec_tp_unshare(uint16_t tee, uint64_t global_id)
{
	struct fake_share *s = share_of(global_id);

	assert_non_null(s);
	assert_int_equal(s->tee, tee);
	if (fake.unshare_result != TEEC_SUCCESS)
		return fake.unshare_result;
	s->live = false;
	return TEEC_SUCCESS;
}

static unsigned live_shares(void)
{
	unsigned n = 0;

	for (unsigned i = 0; i < FAKE_SHARES; i++)
		n += fake.shares[i].live;
	return n;
}

/* ---- scripted TEEs ----------------------------------------------------------- */

static uint32_t script_ret = TEEC_SUCCESS;
static uint32_t script_origin = TEEC_ORIGIN_TRUSTED_APP;

static struct optee_msg_param *user_params(struct optee_msg_arg *m)
{
	return m->params + (m->cmd == OPTEE_MSG_CMD_OPEN_SESSION ? 2 : 0);
}

/* How many client params the message carries (libteec sends up to the last that is not NONE). */
static unsigned user_count(const struct optee_msg_arg *m)
{
	unsigned meta = m->cmd == OPTEE_MSG_CMD_OPEN_SESSION ? 2 : 0;

	return m->num_params > meta ? m->num_params - meta : 0;
}

static void tee_answers_script(uint16_t tee, struct optee_msg_arg *m)
{
	m->ret = script_ret;
	m->ret_origin = script_origin;
	if (m->cmd == OPTEE_MSG_CMD_OPEN_SESSION && script_ret == TEEC_SUCCESS)
		m->session = 0x100u + tee;
}

/* A TA that does what test TA's ALL_TYPES does: each slot by its type. */
static void tee_all_types(uint16_t tee, struct optee_msg_arg *m)
{
	struct optee_msg_param *p = user_params(m);

	for (unsigned i = 0; i < user_count(m) && i < 4; i++) {
		uint32_t t = p[i].attr & OPTEE_MSG_ATTR_TYPE_MASK;
		uint8_t *b;

		if (t == OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT) {
			p[i].u.value.a = 0x1000 + i;
			p[i].u.value.b = 0x2000 + i;
		} else if (t == OPTEE_MSG_ATTR_TYPE_VALUE_INOUT) {
			p[i].u.value.a++;
			p[i].u.value.b++;
		} else if (t == OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT) {
			b = fake_resolve(tee, &p[i].u.fmem);
			if (b)
				memset(b, (int)(i + 1), (size_t)p[i].u.fmem.size);
		} else if (t == OPTEE_MSG_ATTR_TYPE_FMEM_INOUT) {
			b = fake_resolve(tee, &p[i].u.fmem);
			for (uint64_t k = 0; b && k < p[i].u.fmem.size; k++)
				b[k]++;
		}
	}
	tee_answers_script(tee, m);
}

/* SHORT_BUFFER on params[0]: needs `short_need` bytes, writes nothing. */
static uint64_t short_need;
static void tee_short_buffer(uint16_t tee, struct optee_msg_arg *m)
{
	struct optee_msg_param *p = user_params(m);

	if (m->cmd != OPTEE_MSG_CMD_INVOKE_COMMAND) {
		tee_answers_script(tee, m);
		return;
	}
	p[0].u.fmem.size = short_need;
	m->ret = TEEC_ERROR_SHORT_BUFFER;
	m->ret_origin = TEEC_ORIGIN_TRUSTED_APP;
}

/* Writes the whole buffer and claims a larger size with SUCCESS (a hostile TEE). */
static void tee_claims_more(uint16_t tee, struct optee_msg_arg *m)
{
	struct optee_msg_param *p = user_params(m);
	uint8_t *b;

	if (m->cmd != OPTEE_MSG_CMD_INVOKE_COMMAND) {
		tee_answers_script(tee, m);
		return;
	}
	b = fake_resolve(tee, &p[0].u.fmem);
	memset(b, 0x5a, (size_t)p[0].u.fmem.size);
	p[0].u.fmem.size += 100;
	m->ret = TEEC_SUCCESS;
	m->ret_origin = TEEC_ORIGIN_TRUSTED_APP;
}

/* Holds TA X only: ITEM_NOT_FOUND origin TEE for any other UUID. */
static uint16_t tee_with_ta;
static void tee_routes(uint16_t tee, struct optee_msg_arg *m)
{
	if (m->cmd == OPTEE_MSG_CMD_OPEN_SESSION && tee != tee_with_ta) {
		m->ret = TEEC_ERROR_ITEM_NOT_FOUND;
		m->ret_origin = TEEC_ORIGIN_TEE;
		return;
	}
	script_ret = TEEC_SUCCESS;
	tee_answers_script(tee, m);
}

/* ---- fixtures -------------------------------------------------------------------- */

static uint32_t pool_at_start;

static int setup(void **state)
{
	memset(&fake, 0, sizeof(fake));
	fake.reachable[0] = FAKE_ID_A;
	fake.reachable[1] = FAKE_ID_B;
	fake.reachable_count = 2;
	fake.handler = tee_answers_script;
	script_ret = TEEC_SUCCESS;
	script_origin = TEEC_ORIGIN_TRUSTED_APP;
	pool_at_start = teec_pages_available();
	return 0;
}

/* Every test gives back every share and page it used. */
static int teardown(void **state)
{
	assert_int_equal(live_shares(), 0);
	assert_int_equal(teec_pages_available(), pool_at_start);
	for (unsigned i = 0; i < FAKE_TEES; i++)
		assert_int_equal(fake.users[i], 0);
	return 0;
}

static const TEEC_UUID uuid_x = {
	0x12345678, 0x9abc, 0xdef0, { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef }
};

static void open_ctx(TEEC_Context *ctx, const char *name)
{
	assert_int_equal(TEEC_InitializeContext(name, ctx), TEEC_SUCCESS);
}

static void open_session(TEEC_Context *ctx, TEEC_Session *s)
{
	uint32_t origin = 0;

	assert_int_equal(TEEC_OpenSession(ctx, s, &uuid_x, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin),
			 TEEC_SUCCESS);
	assert_int_equal(origin, TEEC_ORIGIN_TRUSTED_APP);
}

static TEEC_Result invoke(TEEC_Session *s, TEEC_Operation *op, uint32_t *origin)
{
	return TEEC_InvokeCommand(s, 42, op, origin);
}

/* ---- tests ------------------------------------------------------------------------- */

static void test_uuid_octets(void **state)
{
	struct optee_msg_param_value v;
	TEEC_UUID back;
	uint8_t octets[16];

	teec_uuid_to_value(&uuid_x, &v);
	memcpy(octets, &v.a, 8);
	memcpy(octets + 8, &v.b, 8);
	/* RFC 4122 order: time_low, time_mid, time_hi big-endian, then clock_seq_and_node. */
	static const uint8_t want[16] = { 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0,
					  0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef };
	assert_memory_equal(octets, want, 16);
	assert_int_equal(v.c, 0);
	teec_value_to_uuid(&v, &back);
	assert_memory_equal(&back, &uuid_x, sizeof(back));
}

static void test_open_session_meta_params(void **state)
{
	TEEC_Context ctx;
	TEEC_Session s;

	open_ctx(&ctx, "pay");
	open_session(&ctx, &s);
	assert_int_equal(fake.sent_hdr.cmd, OPTEE_MSG_CMD_OPEN_SESSION);
	/* No operation: the two meta params only (a missing client param is NONE). */
	assert_int_equal(fake.sent_hdr.num_params, 2);
	assert_int_equal(fake.sent[0].attr, OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META);
	assert_int_equal(fake.sent[1].attr, OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META);
	assert_int_equal(fake.sent[0].u.value.a, 0xf0debc9a78563412ull);
	assert_int_equal(fake.sent[0].u.value.b, 0xefcdab8967452301ull);
	assert_int_equal(fake.sent[1].u.value.a, 0); /* PUBLIC: client UUID all zero */
	assert_int_equal(fake.sent[1].u.value.b, 0);
	assert_int_equal(fake.sent[1].u.value.c, OPTEE_MSG_LOGIN_PUBLIC);
	assert_int_equal(s.session_id, 0x100 + FAKE_ID_A);
	assert_int_equal(s.tee_id, FAKE_ID_A);

	assert_int_equal(TEEC_InvokeCommand(&s, 7, NULL, NULL), TEEC_SUCCESS);
	assert_int_equal(fake.sent_hdr.cmd, OPTEE_MSG_CMD_INVOKE_COMMAND);
	assert_int_equal(fake.sent_hdr.func, 7);
	assert_int_equal(fake.sent_hdr.session, s.session_id);
	assert_int_equal(fake.sent_hdr.num_params, 0);

	TEEC_CloseSession(&s);
	assert_int_equal(fake.sent_hdr.cmd, OPTEE_MSG_CMD_CLOSE_SESSION);
	assert_int_equal(fake.sent_hdr.session, 0x100 + FAKE_ID_A);
	assert_int_equal(fake.sent_hdr.num_params, 0);
	/* A closed session is refused without a message. */
	unsigned calls = fake.calls;
	uint32_t origin = 0;
	assert_int_equal(TEEC_InvokeCommand(&s, 7, NULL, &origin), TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(origin, TEEC_ORIGIN_API);
	assert_int_equal(fake.calls, calls);
	TEEC_FinalizeContext(&ctx);
}

/* A message carries the params up to the last that is not NONE: the TEE copies no more. */
static void test_trailing_none_params_not_sent(void **state)
{
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op = { 0 };
	const TEEC_UUID uuid = uuid_x;

	open_ctx(&ctx, "pay");
	open_session(&ctx, &s);
	fake.handler = tee_all_types;
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_VALUE_INOUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].value = (TEEC_Value){ 1, 2 };
	assert_int_equal(invoke(&s, &op, NULL), TEEC_SUCCESS);
	assert_int_equal(fake.sent_hdr.num_params, 1);
	assert_int_equal(op.params[0].value.a, 2);
	assert_int_equal(op.params[0].value.b, 3);
	/* A NONE before a value is sent (as NONE): positions stay the TA's. */
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_NONE, TEEC_NONE, TEEC_VALUE_OUTPUT, TEEC_NONE);
	assert_int_equal(invoke(&s, &op, NULL), TEEC_SUCCESS);
	assert_int_equal(fake.sent_hdr.num_params, 3);
	assert_int_equal(fake.sent[0].attr, OPTEE_MSG_ATTR_TYPE_NONE);
	assert_int_equal(fake.sent[1].attr, OPTEE_MSG_ATTR_TYPE_NONE);
	assert_int_equal(op.params[2].value.a, 0x1002);
	/* OPEN_SESSION: the two meta params and the client's. */
	TEEC_CloseSession(&s);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_NONE, TEEC_VALUE_INOUT, TEEC_NONE, TEEC_NONE);
	op.params[1].value = (TEEC_Value){ 7, 8 };
	assert_int_equal(TEEC_OpenSession(&ctx, &s, &uuid, TEEC_LOGIN_PUBLIC, NULL, &op, NULL),
			 TEEC_SUCCESS);
	assert_int_equal(fake.sent_hdr.num_params, 4);
	assert_int_equal(op.params[1].value.a, 8);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

static void test_values_both_ways(void **state)
{
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op = { 0 };
	uint32_t origin;

	open_ctx(&ctx, "pay");
	open_session(&ctx, &s);
	fake.handler = tee_all_types;
	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_VALUE_INPUT, TEEC_VALUE_OUTPUT, TEEC_VALUE_INOUT, TEEC_NONE);
	op.params[0].value = (TEEC_Value){ 1, 2 };
	op.params[1].value = (TEEC_Value){ 3, 4 };
	op.params[2].value = (TEEC_Value){ 5, 6 };
	assert_int_equal(invoke(&s, &op, &origin), TEEC_SUCCESS);
	assert_int_equal(origin, TEEC_ORIGIN_TRUSTED_APP);
	assert_int_equal(fake.sent[0].attr, OPTEE_MSG_ATTR_TYPE_VALUE_INPUT);
	assert_int_equal(fake.sent[0].u.value.a, 1);
	assert_int_equal(fake.sent[0].u.value.b, 2);
	assert_int_equal(fake.sent[1].attr, OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT);
	assert_int_equal(fake.sent[1].u.value.a, 0); /* an output's old value is not sent */
	assert_int_equal(fake.sent[2].attr, OPTEE_MSG_ATTR_TYPE_VALUE_INOUT);
	assert_int_equal(fake.sent[2].u.value.a, 5);
	assert_int_equal(fake.sent[3].attr, OPTEE_MSG_ATTR_TYPE_NONE);
	assert_int_equal(op.params[0].value.a, 1); /* inputs untouched */
	assert_int_equal(op.params[1].value.a, 0x1001);
	assert_int_equal(op.params[1].value.b, 0x2001);
	assert_int_equal(op.params[2].value.a, 6);
	assert_int_equal(op.params[2].value.b, 7);
	assert_int_not_equal(op.started, 0);
	assert_ptr_equal(op.session, &s);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

static void test_temp_memrefs(void **state)
{
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op = { 0 };
	uint8_t in[5] = { 1, 2, 3, 4, 5 }, out[7] = { 0 }, io[3] = { 10, 20, 30 };

	open_ctx(&ctx, "pay");
	open_session(&ctx, &s);
	fake.handler = tee_all_types;
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_MEMREF_TEMP_OUTPUT,
					 TEEC_MEMREF_TEMP_INOUT, TEEC_NONE);
	op.params[0].tmpref = (TEEC_TempMemoryReference){ in, sizeof(in) };
	op.params[1].tmpref = (TEEC_TempMemoryReference){ out, sizeof(out) };
	op.params[2].tmpref = (TEEC_TempMemoryReference){ io, sizeof(io) };
	assert_int_equal(invoke(&s, &op, NULL), TEEC_SUCCESS);
	for (unsigned i = 0; i < 3; i++) {
		assert_int_equal(fake.sent[i].attr, OPTEE_MSG_ATTR_TYPE_FMEM_INPUT + i);
		assert_int_equal(fake.sent[i].u.fmem.internal_offs, 0);
		assert_int_equal(optee_msg_fmem_offset(&fake.sent[i].u.fmem) % TEEC_BOUNCE_ALIGN,
				 0);
		/* All temp memrefs of a call live in one bounce share. */
		assert_int_equal(fake.sent[i].u.fmem.global_id, fake.sent[0].u.fmem.global_id);
	}
	assert_int_equal(fake.sent[0].u.fmem.size, 5);
	assert_int_equal(fake.sent[1].u.fmem.size, 7);
	assert_int_equal(fake.sent[2].u.fmem.size, 3);
	assert_true(optee_msg_fmem_offset(&fake.sent[1].u.fmem) >=
		    optee_msg_fmem_offset(&fake.sent[0].u.fmem) + 5);
	assert_memory_equal(fake.sent_bounce[0], in, 5);
	static const uint8_t io_sent[3] = { 10, 20, 30 };
	assert_memory_equal(fake.sent_bounce[2], io_sent, 3);
	/* The bounce copy of an output starts zeroed: no stale data reaches the TA. */
	static const uint8_t zero[7];
	assert_memory_equal(fake.sent_bounce[1], zero, 7);
	/* Results copied back. */
	static const uint8_t out_want[7] = { 2, 2, 2, 2, 2, 2, 2 }, io_want[3] = { 11, 21, 31 };
	assert_memory_equal(out, out_want, 7);
	assert_memory_equal(io, io_want, 3);
	assert_int_equal(op.params[1].tmpref.size, 7);
	assert_int_equal(in[0], 1);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

static void test_short_buffer_size_write_back(void **state)
{
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op = { 0 };
	uint8_t out[10];
	uint32_t origin;

	open_ctx(&ctx, "pay");
	open_session(&ctx, &s);
	memset(out, 0xee, sizeof(out));
	fake.handler = tee_short_buffer;
	short_need = 100;
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref = (TEEC_TempMemoryReference){ out, sizeof(out) };
	assert_int_equal(invoke(&s, &op, &origin), TEEC_ERROR_SHORT_BUFFER);
	assert_int_equal(origin, TEEC_ORIGIN_TRUSTED_APP);
	assert_int_equal(op.params[0].tmpref.size, 100);
	assert_int_equal(out[0], 0xee); /* nothing copied on an error */

	/* The usual size query: a NULL buffer with a size is a NULL memref, the size comes back. */
	op.params[0].tmpref = (TEEC_TempMemoryReference){ NULL, 4 };
	assert_int_equal(invoke(&s, &op, &origin), TEEC_ERROR_SHORT_BUFFER);
	assert_int_equal(fake.sent[0].attr, OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT);
	assert_int_equal(fake.sent[0].u.fmem.global_id, OPTEE_MSG_FMEM_INVALID_GLOBAL_ID);
	assert_int_equal(fake.sent[0].u.fmem.size, 4);
	assert_int_equal(op.params[0].tmpref.size, 100);

	/* Registered partial output: the size comes back too. */
	TEEC_SharedMemory shm = { .size = 64, .flags = TEEC_MEM_OUTPUT };
	assert_int_equal(TEEC_AllocateSharedMemory(&ctx, &shm), TEEC_SUCCESS);
	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_PARTIAL_OUTPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].memref = (TEEC_RegisteredMemoryReference){ &shm, 16, 8 };
	short_need = 33;
	assert_int_equal(invoke(&s, &op, NULL), TEEC_ERROR_SHORT_BUFFER);
	assert_int_equal(op.params[0].memref.size, 33);
	assert_int_equal(op.params[0].memref.offset, 8);
	TEEC_ReleaseSharedMemory(&shm);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

static void test_tee_size_not_trusted(void **state)
{
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op = { 0 };
	uint8_t out[8 + 8];

	open_ctx(&ctx, "pay");
	open_session(&ctx, &s);
	memset(out, 0x11, sizeof(out));
	fake.handler = tee_claims_more;
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INOUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref = (TEEC_TempMemoryReference){ out, 8 };
	assert_int_equal(invoke(&s, &op, NULL), TEEC_SUCCESS);
	/* A size larger than the buffer: no copy at all, nothing past the buffer touched. */
	assert_int_equal(op.params[0].tmpref.size, 108);
	for (unsigned i = 0; i < sizeof(out); i++)
		assert_int_equal(out[i], 0x11);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

static void test_null_and_zero_size_temp(void **state)
{
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op = { 0 };
	uint8_t buf[4];
	uint32_t origin;
	unsigned calls;

	open_ctx(&ctx, "pay");
	open_session(&ctx, &s);
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_MEMREF_TEMP_OUTPUT,
					 TEEC_MEMREF_TEMP_INOUT, TEEC_NONE);
	op.params[0].tmpref = (TEEC_TempMemoryReference){ NULL, 0 };
	op.params[1].tmpref = (TEEC_TempMemoryReference){ buf, 0 };
	op.params[2].tmpref = (TEEC_TempMemoryReference){ NULL, 0 };
	assert_int_equal(invoke(&s, &op, NULL), TEEC_SUCCESS);
	for (unsigned i = 0; i < 3; i++) {
		assert_int_equal(fake.sent[i].u.fmem.global_id, OPTEE_MSG_FMEM_INVALID_GLOBAL_ID);
		assert_int_equal(fake.sent[i].u.fmem.size, 0);
	}
	/* NULL with a size carries no data: refused for input and inout, before any message. */
	calls = fake.calls;
	op.params[0].tmpref = (TEEC_TempMemoryReference){ NULL, 3 };
	assert_int_equal(invoke(&s, &op, &origin), TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(origin, TEEC_ORIGIN_API);
	op.params[0].tmpref = (TEEC_TempMemoryReference){ NULL, 0 };
	op.params[2].tmpref = (TEEC_TempMemoryReference){ NULL, 3 };
	assert_int_equal(invoke(&s, &op, &origin), TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(fake.calls, calls);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

static void test_bad_param_types(void **state)
{
	static const uint32_t bad[] = { 4, 8, 9, 0xa, 0xb };
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op = { 0 };
	uint32_t origin;
	unsigned calls;

	open_ctx(&ctx, "pay");
	open_session(&ctx, &s);
	calls = fake.calls;
	for (unsigned slot = 0; slot < 4; slot++) {
		for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			op.paramTypes = bad[i] << (4 * slot);
			origin = 0;
			assert_int_equal(invoke(&s, &op, &origin), TEEC_ERROR_BAD_PARAMETERS);
			assert_int_equal(origin, TEEC_ORIGIN_API);
			assert_int_equal(TEEC_OpenSession(&ctx, &s, &uuid_x, TEEC_LOGIN_PUBLIC,
							  NULL, &op, &origin),
					 TEEC_ERROR_BAD_PARAMETERS);
		}
	}
	op.paramTypes = 1u << 16; /* bits above the four nibbles */
	assert_int_equal(invoke(&s, &op, &origin), TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(fake.calls, calls); /* nothing reached the TEE */
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

static void test_registered_whole_and_partial(void **state)
{
	static uint8_t block[3 * TEEC_PAGE_SIZE] __attribute__((aligned(4096)));
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op = { 0 };
	TEEC_SharedMemory shm = { .buffer = block + 100,
				  .size = 5000,
				  .flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT };
	struct fake_share *sh;

	open_ctx(&ctx, "vault");
	open_session(&ctx, &s);
	assert_int_equal(TEEC_RegisterSharedMemory(&ctx, &shm), TEEC_SUCCESS);
	/* Shared at registration (one TEE), the pages holding [buffer, buffer + size). */
	sh = share_of(shm.global_id);
	assert_non_null(sh);
	assert_int_equal(sh->addr, (uintptr_t)block);
	assert_int_equal(sh->pages, 2);
	assert_int_equal(sh->tee, FAKE_ID_B);

	fake.handler = tee_all_types;
	memset(block, 0, sizeof(block));
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_MEMREF_PARTIAL_OUTPUT,
					 TEEC_MEMREF_PARTIAL_INPUT, TEEC_MEMREF_PARTIAL_INOUT);
	op.params[0].memref = (TEEC_RegisteredMemoryReference){ &shm, 0, 0 };
	op.params[1].memref = (TEEC_RegisteredMemoryReference){ &shm, 10, 4990 };
	op.params[2].memref = (TEEC_RegisteredMemoryReference){ &shm, 0, 5000 };
	op.params[3].memref = (TEEC_RegisteredMemoryReference){ &shm, 1, 0 };
	assert_int_equal(invoke(&s, &op, NULL), TEEC_SUCCESS);
	assert_int_equal(fake.sent[0].attr, OPTEE_MSG_ATTR_TYPE_FMEM_INOUT); /* from the flags */
	assert_int_equal(fake.sent[0].u.fmem.size, 5000);
	assert_int_equal(fake.sent[0].u.fmem.internal_offs, 100);
	assert_int_equal(optee_msg_fmem_offset(&fake.sent[0].u.fmem), 0);
	assert_int_equal(fake.sent[0].u.fmem.global_id, shm.global_id);
	assert_int_equal(fake.sent[1].attr, OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT);
	assert_int_equal(optee_msg_fmem_offset(&fake.sent[1].u.fmem), 4990);
	assert_int_equal(fake.sent[1].u.fmem.internal_offs, 100);
	assert_int_equal(fake.sent[2].attr, OPTEE_MSG_ATTR_TYPE_FMEM_INPUT);
	assert_int_equal(fake.sent[2].u.fmem.size, 0);
	assert_int_equal(fake.sent[3].attr, OPTEE_MSG_ATTR_TYPE_FMEM_INOUT);
	/* The TA wrote the client's memory directly: WHOLE (+1 everywhere), PARTIAL_OUTPUT
	 * (2 from 4990 on), PARTIAL_INOUT (+1 on the first byte). */
	assert_int_equal(block[100], 2);
	assert_int_equal(block[101], 1);
	assert_int_equal(block[100 + 4990], 2);
	assert_int_equal(block[100 + 4999], 2);
	assert_int_equal(block[100 + 5000], 0); /* nothing past the block */
	assert_int_equal(block[99], 0);
	assert_int_equal(live_shares(), 1); /* no bounce share for registered memory */
	TEEC_ReleaseSharedMemory(&shm);
	assert_null(shm.buffer);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

static void test_registered_refused(void **state)
{
	static uint8_t block[64];
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op = { 0 };
	TEEC_SharedMemory in_only = { .buffer = block, .size = 64, .flags = TEEC_MEM_INPUT };
	TEEC_SharedMemory never_registered = { .buffer = block,
					       .size = 64,
					       .flags = TEEC_MEM_INPUT };
	struct {
		uint32_t type;
		TEEC_SharedMemory *parent;
		size_t size, offset;
	} cases[] = {
		{ TEEC_MEMREF_WHOLE, NULL, 0, 0 },
		{ TEEC_MEMREF_WHOLE, &never_registered, 0, 0 },
		{ TEEC_MEMREF_PARTIAL_OUTPUT, &in_only, 8, 0 }, /* direction not in flags */
		{ TEEC_MEMREF_PARTIAL_INOUT, &in_only, 8, 0 },
		{ TEEC_MEMREF_PARTIAL_INPUT, &in_only, 65, 0 }, /* past the end */
		{ TEEC_MEMREF_PARTIAL_INPUT, &in_only, 1, 64 },
		{ TEEC_MEMREF_PARTIAL_INPUT, &in_only, SIZE_MAX, 2 }, /* offset + size wraps */
		{ TEEC_MEMREF_PARTIAL_INPUT, &in_only, 2, SIZE_MAX },
	};
	uint32_t origin;
	unsigned calls;

	open_ctx(&ctx, "pay");
	open_session(&ctx, &s);
	assert_int_equal(TEEC_RegisterSharedMemory(&ctx, &in_only), TEEC_SUCCESS);
	calls = fake.calls;
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		op.paramTypes = TEEC_PARAM_TYPES(TEEC_NONE, cases[i].type, TEEC_NONE, TEEC_NONE);
		op.params[1].memref =
		    (TEEC_RegisteredMemoryReference){ cases[i].parent, cases[i].size,
						      cases[i].offset };
		origin = 0;
		assert_int_equal(invoke(&s, &op, &origin), TEEC_ERROR_BAD_PARAMETERS);
		assert_int_equal(origin, TEEC_ORIGIN_API);
	}
	/* The edge that fits is fine. */
	op.params[1].memref = (TEEC_RegisteredMemoryReference){ &in_only, 0, 64 };
	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_NONE, TEEC_MEMREF_PARTIAL_INPUT, TEEC_NONE, TEEC_NONE);
	assert_int_equal(invoke(&s, &op, NULL), TEEC_SUCCESS);
	assert_int_equal(fake.calls, calls + 1);
	/* Released memory cannot be used any more. */
	TEEC_ReleaseSharedMemory(&in_only);
	assert_int_equal(invoke(&s, &op, &origin), TEEC_ERROR_BAD_PARAMETERS);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

static void test_shared_memory_calls(void **state)
{
	TEEC_Context ctx;
	TEEC_SharedMemory shm = { .size = 10, .flags = TEEC_MEM_INPUT };
	TEEC_SharedMemory big = { .size = TEEC_CONFIG_SHAREDMEM_MAX_SIZE + 1,
				  .flags = TEEC_MEM_INPUT };
	TEEC_SharedMemory bad_flags = { .size = 10, .flags = 4 };
	TEEC_SharedMemory null_buf = { .buffer = NULL, .size = 10, .flags = TEEC_MEM_INPUT };

	open_ctx(&ctx, "pay");
	assert_int_equal(TEEC_AllocateSharedMemory(&ctx, &shm), TEEC_SUCCESS);
	assert_non_null(shm.buffer);
	assert_int_equal((uintptr_t)shm.buffer % TEEC_PAGE_SIZE, 0);
	assert_int_equal(teec_pages_available(), pool_at_start - 1);
	assert_int_equal(live_shares(), 1);
	assert_int_equal(TEEC_AllocateSharedMemory(&ctx, &big), TEEC_ERROR_OUT_OF_MEMORY);
	assert_int_equal(TEEC_AllocateSharedMemory(&ctx, &bad_flags), TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(TEEC_AllocateSharedMemory(NULL, &shm), TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(TEEC_RegisterSharedMemory(&ctx, &null_buf), TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(TEEC_RegisterSharedMemory(&ctx, NULL), TEEC_ERROR_BAD_PARAMETERS);
	/* A share the transport refuses fails the allocation and gives the pages back. */
	fake.share_result = TEEC_ERROR_OUT_OF_MEMORY;
	TEEC_SharedMemory refused = { .size = 10, .flags = TEEC_MEM_OUTPUT };
	assert_int_equal(TEEC_AllocateSharedMemory(&ctx, &refused), TEEC_ERROR_OUT_OF_MEMORY);
	assert_null(refused.buffer);
	fake.share_result = TEEC_SUCCESS;
	TEEC_ReleaseSharedMemory(&shm);
	TEEC_ReleaseSharedMemory(&shm); /* twice: ignored */
	TEEC_ReleaseSharedMemory(NULL);
	assert_int_equal(teec_pages_available(), pool_at_start);
	/* The pool runs dry: OUT_OF_MEMORY, and the pool is whole again afterwards. */
	TEEC_SharedMemory all = { .size = TEEC_CONFIG_SHAREDMEM_MAX_SIZE, .flags = 1 };
	TEEC_SharedMemory one = { .size = 1, .flags = 1 };
	assert_int_equal(TEEC_AllocateSharedMemory(&ctx, &all), TEEC_SUCCESS);
	assert_int_equal(TEEC_AllocateSharedMemory(&ctx, &one), TEEC_ERROR_OUT_OF_MEMORY);
	TEEC_ReleaseSharedMemory(&all);
	TEEC_FinalizeContext(&ctx);
}

static void test_release_kept_by_tee(void **state)
{
	TEEC_Context ctx;
	TEEC_SharedMemory shm = { .size = 10, .flags = TEEC_MEM_INPUT };
	uint64_t id;

	open_ctx(&ctx, "pay");
	assert_int_equal(TEEC_AllocateSharedMemory(&ctx, &shm), TEEC_SUCCESS);
	id = shm.global_id;
	fake.unshare_result = TEEC_ERROR_BUSY;
	TEEC_ReleaseSharedMemory(&shm);
	/* The pages stay out of the pool while the TEE holds them. */
	assert_int_equal(teec_pages_available(), pool_at_start - 1);
	assert_null(shm.buffer);
	/* Clean up for the teardown checks: the fake TEE lets go, and the page is freed. */
	fake.unshare_result = TEEC_SUCCESS;
	assert_int_equal(teec_tp_unshare(FAKE_ID_A, id), TEEC_SUCCESS);
	pool_at_start--; /* the leaked page is the expected difference */
	TEEC_FinalizeContext(&ctx);
}

static void test_context_selection(void **state)
{
	TEEC_Context ctx;

	assert_int_equal(TEEC_InitializeContext("nonexistent", &ctx), TEEC_ERROR_ITEM_NOT_FOUND);
	assert_int_equal(TEEC_InitializeContext("spare", &ctx), TEEC_ERROR_ACCESS_DENIED);
	assert_int_equal(TEEC_InitializeContext("pay", NULL), TEEC_ERROR_BAD_PARAMETERS);
	open_ctx(&ctx, NULL);
	assert_int_equal(ctx.tee_count, 2);
	assert_int_equal(ctx.tee_ids[0], FAKE_ID_A);
	assert_int_equal(ctx.tee_ids[1], FAKE_ID_B);
	TEEC_FinalizeContext(&ctx);
	TEEC_FinalizeContext(&ctx); /* twice: ignored */

	/* A TEE that does not speak OP-TEE is left out of a NULL context... */
	fake.attach_result[0] = TEEC_ERROR_NOT_SUPPORTED;
	open_ctx(&ctx, NULL);
	assert_int_equal(ctx.tee_count, 1);
	assert_int_equal(ctx.tee_ids[0], FAKE_ID_B);
	TEEC_FinalizeContext(&ctx);
	/* ... and is an error when named. */
	assert_int_equal(TEEC_InitializeContext("pay", &ctx), TEEC_ERROR_NOT_SUPPORTED);
	fake.attach_result[0] = TEEC_SUCCESS;
	/* Nothing reachable. */
	fake.reachable_count = 0;
	assert_int_equal(TEEC_InitializeContext(NULL, &ctx), TEEC_ERROR_ITEM_NOT_FOUND);
	/* A context that failed to initialize is not usable. */
	TEEC_Session s;
	assert_int_equal(TEEC_OpenSession(&ctx, &s, &uuid_x, 0, NULL, NULL, NULL),
			 TEEC_ERROR_BAD_PARAMETERS);
}

static void test_routing_by_uuid(void **state)
{
	TEEC_Context ctx;
	TEEC_Session s;
	uint32_t origin;

	open_ctx(&ctx, NULL);
	fake.handler = tee_routes;
	tee_with_ta = FAKE_ID_B;
	fake.calls = 0;
	assert_int_equal(TEEC_OpenSession(&ctx, &s, &uuid_x, 0, NULL, NULL, &origin), TEEC_SUCCESS);
	assert_int_equal(fake.calls, 2); /* A said "no such TA", B has it */
	assert_int_equal(fake.called[0], FAKE_ID_A);
	assert_int_equal(fake.called[1], FAKE_ID_B);
	assert_int_equal(s.tee_id, FAKE_ID_B);
	assert_int_equal(s.session_id, 0x100 + FAKE_ID_B);
	/* Later calls go straight to B. */
	assert_int_equal(TEEC_InvokeCommand(&s, 1, NULL, NULL), TEEC_SUCCESS);
	assert_int_equal(fake.called[2], FAKE_ID_B);
	TEEC_CloseSession(&s);

	/* Found nowhere: ITEM_NOT_FOUND with the TEE's origin. */
	tee_with_ta = 0;
	assert_int_equal(TEEC_OpenSession(&ctx, &s, &uuid_x, 0, NULL, NULL, &origin),
			 TEEC_ERROR_ITEM_NOT_FOUND);
	assert_int_equal(origin, TEEC_ORIGIN_TEE);

	/* A TA that answers ITEM_NOT_FOUND itself is an answer: no second TEE is asked. */
	fake.handler = tee_answers_script;
	script_ret = TEEC_ERROR_ITEM_NOT_FOUND;
	script_origin = TEEC_ORIGIN_TRUSTED_APP;
	fake.calls = 0;
	assert_int_equal(TEEC_OpenSession(&ctx, &s, &uuid_x, 0, NULL, NULL, &origin),
			 TEEC_ERROR_ITEM_NOT_FOUND);
	assert_int_equal(origin, TEEC_ORIGIN_TRUSTED_APP);
	assert_int_equal(fake.calls, 1);
	/* Any other error stops routing too. */
	script_ret = TEEC_ERROR_ACCESS_DENIED;
	fake.calls = 0;
	assert_int_equal(TEEC_OpenSession(&ctx, &s, &uuid_x, 0, NULL, NULL, &origin),
			 TEEC_ERROR_ACCESS_DENIED);
	assert_int_equal(fake.calls, 1);
	TEEC_FinalizeContext(&ctx);
}

static void test_routing_moves_registered_memory(void **state)
{
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op = { 0 };
	TEEC_SharedMemory shm = { .size = 100, .flags = TEEC_MEM_INPUT };
	uint8_t tmp[8] = { 9 };

	open_ctx(&ctx, NULL);
	assert_int_equal(TEEC_AllocateSharedMemory(&ctx, &shm), TEEC_SUCCESS);
	assert_int_equal(live_shares(), 0); /* two TEEs: shared on first use */
	fake.handler = tee_routes;
	tee_with_ta = FAKE_ID_B;
	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_WHOLE, TEEC_MEMREF_TEMP_INPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].memref.parent = &shm;
	op.params[1].tmpref = (TEEC_TempMemoryReference){ tmp, sizeof(tmp) };
	assert_int_equal(TEEC_OpenSession(&ctx, &s, &uuid_x, 0, NULL, &op, NULL), TEEC_SUCCESS);
	/* It followed the routing: shared with B at the end, A's bounce share gone. */
	assert_int_equal(shm.shared_with, FAKE_ID_B);
	assert_int_equal(live_shares(), 1);
	assert_memory_equal(fake.sent_bounce[1], tmp, sizeof(tmp)); /* B saw the temp data */
	/* A share that cannot be moved back fails the call before any message. */
	fake.unshare_result = TEEC_ERROR_BUSY;
	tee_with_ta = FAKE_ID_A;
	TEEC_Session s2;
	uint32_t origin;
	unsigned calls = fake.calls;
	assert_int_equal(TEEC_OpenSession(&ctx, &s2, &uuid_x, 0, NULL, &op, &origin),
			 TEEC_ERROR_BUSY);
	assert_int_equal(origin, TEEC_ORIGIN_COMMS);
	assert_int_equal(fake.calls, calls);
	fake.unshare_result = TEEC_SUCCESS;
	TEEC_CloseSession(&s);
	TEEC_ReleaseSharedMemory(&shm);
	TEEC_FinalizeContext(&ctx);
}

static void test_login_methods(void **state)
{
	static const uint32_t not_supported[] = { TEEC_LOGIN_USER, TEEC_LOGIN_GROUP,
						  TEEC_LOGIN_APPLICATION,
						  TEEC_LOGIN_USER_APPLICATION,
						  TEEC_LOGIN_GROUP_APPLICATION };
	TEEC_Context ctx;
	TEEC_Session s;
	uint32_t origin, gid = 5;
	unsigned calls;

	open_ctx(&ctx, "pay");
	calls = fake.calls;
	for (unsigned i = 0; i < 5; i++) {
		assert_int_equal(
		    TEEC_OpenSession(&ctx, &s, &uuid_x, not_supported[i], &gid, NULL, &origin),
		    TEEC_ERROR_NOT_SUPPORTED);
		assert_int_equal(origin, TEEC_ORIGIN_API);
	}
	assert_int_equal(TEEC_OpenSession(&ctx, &s, &uuid_x, 3, NULL, NULL, &origin),
			 TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(
	    TEEC_OpenSession(&ctx, &s, &uuid_x, TEEC_LOGIN_PUBLIC, &gid, NULL, &origin),
	    TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(TEEC_OpenSession(&ctx, &s, NULL, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin),
			 TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(
	    TEEC_OpenSession(&ctx, NULL, &uuid_x, TEEC_LOGIN_PUBLIC, NULL, NULL, &origin),
	    TEEC_ERROR_BAD_PARAMETERS);
	assert_int_equal(origin, TEEC_ORIGIN_API);
	assert_int_equal(fake.calls, calls);
	TEEC_FinalizeContext(&ctx);
}

static void test_transport_failure(void **state)
{
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op = { 0 };
	uint8_t buf[16];
	uint32_t origin;

	open_ctx(&ctx, "pay");
	open_session(&ctx, &s);
	fake.call_result = TEEC_ERROR_COMMUNICATION;
	op.paramTypes = TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref = (TEEC_TempMemoryReference){ buf, sizeof(buf) };
	assert_int_equal(invoke(&s, &op, &origin), TEEC_ERROR_COMMUNICATION);
	assert_int_equal(origin, TEEC_ORIGIN_COMMS);
	assert_int_equal(op.params[0].tmpref.size, sizeof(buf)); /* untouched */
	fake.call_result = TEEC_SUCCESS;
	/* A bounce buffer the transport cannot share: the error, with origin COMMS. */
	fake.share_result = TEEC_ERROR_OUT_OF_MEMORY;
	assert_int_equal(invoke(&s, &op, &origin), TEEC_ERROR_OUT_OF_MEMORY);
	assert_int_equal(origin, TEEC_ORIGIN_COMMS);
	fake.share_result = TEEC_SUCCESS;
	/* The pool has no room left for the bounce buffer: libteec's own OUT_OF_MEMORY. */
	TEEC_SharedMemory hog = { .size = (size_t)teec_pages_available() * TEEC_PAGE_SIZE,
				  .flags = TEEC_MEM_INPUT };
	assert_int_equal(TEEC_AllocateSharedMemory(&ctx, &hog), TEEC_SUCCESS);
	assert_int_equal(invoke(&s, &op, &origin), TEEC_ERROR_OUT_OF_MEMORY);
	assert_int_equal(origin, TEEC_ORIGIN_API);
	TEEC_ReleaseSharedMemory(&hog);
	/* Temp memrefs larger than the pool. */
	static uint8_t huge[TEEC_CONFIG_SHAREDMEM_MAX_SIZE + 1];
	op.params[0].tmpref = (TEEC_TempMemoryReference){ huge, sizeof(huge) };
	assert_int_equal(invoke(&s, &op, &origin), TEEC_ERROR_OUT_OF_MEMORY);
	assert_int_equal(origin, TEEC_ORIGIN_API);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

static void test_cancellation(void **state)
{
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op = { 0 };
	uint32_t origin, first_id;
	unsigned calls;

	open_ctx(&ctx, "pay");
	open_session(&ctx, &s);
	/* The transport gets the session, a fresh cancel ID and the flag to poll. */
	assert_int_equal(invoke(&s, &op, NULL), TEEC_SUCCESS);
	assert_non_null(fake.cancel);
	first_id = fake.sent_hdr.cancel_id;
	assert_int_not_equal(first_id, 0);
	assert_int_equal(invoke(&s, &op, NULL), TEEC_SUCCESS);
	assert_int_not_equal(fake.sent_hdr.cancel_id, first_id);
	/* Cancelled before it started: not sent, CANCEL from the API, flag consumed. */
	calls = fake.calls;
	TEEC_RequestCancellation(&op);
	assert_int_equal(invoke(&s, &op, &origin), TEEC_ERROR_CANCEL);
	assert_int_equal(origin, TEEC_ORIGIN_API);
	assert_int_equal(fake.calls, calls);
	assert_int_equal(invoke(&s, &op, &origin), TEEC_SUCCESS);
	TEEC_RequestCancellation(NULL); /* ignored */
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

static unsigned hook_runs;
static void count_hook(void *arg)
{
	hook_runs += *(unsigned *)arg;
}

static void test_resume_hook(void **state)
{
	unsigned step = 3;

	teec_run_resume_hook(); /* none installed: nothing happens */
	teec_set_resume_hook(count_hook, &step);
	teec_run_resume_hook();
	teec_run_resume_hook();
	assert_int_equal(hook_runs, 6);
	teec_set_resume_hook(NULL, NULL);
	teec_run_resume_hook();
	assert_int_equal(hook_runs, 6);
}

static void test_page_pool(void **state)
{
	void *a = teec_pages_alloc(2), *b, *c;

	assert_non_null(a);
	assert_null(teec_pages_alloc(0));
	assert_null(teec_pages_alloc(TEEC_POOL_PAGES + 1));
	b = teec_pages_alloc(1);
	assert_ptr_equal(b, (uint8_t *)a + 2 * TEEC_PAGE_SIZE);
	teec_pages_free(a, 2);
	c = teec_pages_alloc(1); /* first fit reuses the hole */
	assert_ptr_equal(c, a);
	teec_pages_free((uint8_t *)c + 1, 1); /* not a page start: ignored */
	teec_pages_free(c, 1);
	teec_pages_free(b, 1);
	assert_int_equal(teec_share_pages((void *)0x1000, 0), 1);
	assert_int_equal(teec_share_pages((void *)0x1fff, 2), 2);
	assert_int_equal(teec_share_pages((void *)0x1000, 4096), 1);
	assert_int_equal(teec_share_pages((void *)0x1001, 4096), 2);
}

/* Sessions left open are closed by TEEC_FinalizeContext, each in its own TEE. */
static unsigned closes;
static uint32_t closed_ids[8];
static void tee_counts_closes(uint16_t tee, struct optee_msg_arg *m)
{
	if (m->cmd == OPTEE_MSG_CMD_CLOSE_SESSION)
		closed_ids[closes++ % 8] = m->session;
	tee_routes(tee, m);
}

static void test_finalize_closes_open_sessions(void **state)
{
	TEEC_Context ctx;
	TEEC_Session a, b, c;

	open_ctx(&ctx, NULL);
	fake.handler = tee_counts_closes;
	closes = 0;
	tee_with_ta = FAKE_ID_A;
	assert_int_equal(TEEC_OpenSession(&ctx, &a, &uuid_x, 0, NULL, NULL, NULL), TEEC_SUCCESS);
	tee_with_ta = FAKE_ID_B;
	assert_int_equal(TEEC_OpenSession(&ctx, &b, &uuid_x, 0, NULL, NULL, NULL), TEEC_SUCCESS);
	assert_int_equal(TEEC_OpenSession(&ctx, &c, &uuid_x, 0, NULL, NULL, NULL), TEEC_SUCCESS);
	TEEC_CloseSession(&c); /* closed by the client: not closed twice */
	assert_int_equal(closes, 1);
	TEEC_FinalizeContext(&ctx);
	assert_int_equal(closes, 3);
	assert_int_equal(closed_ids[1], 0x100 + FAKE_ID_A);
	assert_int_equal(fake.called[(fake.calls - 2) % 16], FAKE_ID_A);
	assert_int_equal(closed_ids[2], 0x100 + FAKE_ID_B);
	assert_int_equal(fake.called[(fake.calls - 1) % 16], FAKE_ID_B);
	/* The sessions are dead for the client too. */
	assert_int_equal(TEEC_InvokeCommand(&a, 1, NULL, NULL), TEEC_ERROR_BAD_PARAMETERS);
	TEEC_CloseSession(&b); /* ignored: no message */
	assert_int_equal(closes, 3);
}

/* Small temp memrefs travel in the message page: no share, offsets past the message. */
static void test_inline_temp_memrefs(void **state)
{
	static uint8_t big[1800];
	TEEC_Context ctx;
	TEEC_Session s;
	TEEC_Operation op = { 0 };
	uint8_t in[5] = { 1, 2, 3, 4, 5 }, out[7] = { 0 };
	unsigned shares;

	fake.inline_on = true;
	open_ctx(&ctx, "pay");
	open_session(&ctx, &s);
	fake.handler = tee_all_types;
	op.paramTypes =
	    TEEC_PARAM_TYPES(TEEC_MEMREF_TEMP_INPUT, TEEC_MEMREF_TEMP_OUTPUT, TEEC_NONE, TEEC_NONE);
	op.params[0].tmpref = (TEEC_TempMemoryReference){ in, sizeof(in) };
	op.params[1].tmpref = (TEEC_TempMemoryReference){ out, sizeof(out) };
	shares = (unsigned)fake.next_id;
	assert_int_equal(invoke(&s, &op, NULL), TEEC_SUCCESS);
	assert_int_equal(fake.next_id, shares); /* no FF-A share made */
	assert_int_equal(fake.sent[0].u.fmem.global_id, FAKE_MSG_ID(FAKE_ID_A));
	assert_int_equal(optee_msg_fmem_offset(&fake.sent[0].u.fmem), 256);
	assert_int_equal(optee_msg_fmem_offset(&fake.sent[1].u.fmem), 256 + 16);
	assert_memory_equal(fake.sent_bounce[0], in, 5);
	static const uint8_t out_want[7] = { 2, 2, 2, 2, 2, 2, 2 };
	assert_memory_equal(out, out_want, 7);
	/* Too big for the inline area: a share of its own, as before. */
	op.params[1].tmpref = (TEEC_TempMemoryReference){ big, sizeof(big) };
	assert_int_equal(invoke(&s, &op, NULL), TEEC_SUCCESS);
	assert_int_equal(fake.next_id, shares + 1);
	assert_int_not_equal(fake.sent[0].u.fmem.global_id, FAKE_MSG_ID(FAKE_ID_A));
	assert_int_equal(optee_msg_fmem_offset(&fake.sent[0].u.fmem), 0);
	assert_int_equal(big[1799], 2);
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

/* ---- a hostile TEE --------------------------------------------------------------------- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Sizes a TEE might claim: small, at the edges of the buffer, huge. */
static uint64_t hostile_size(void)
{
	static const uint64_t edges[] = { 0,  1,  15,	16,	    17,	   63,
					  64, 65, 4096, 1ull << 32, ~0ull, ~0ull >> 1 };

	return rnd() & 1 ? edges[rnd() % (sizeof(edges) / sizeof(edges[0]))] : rnd() % 200;
}

/* Scribbles over every field of the message it may write, and some it may not. */
static void tee_hostile(uint16_t tee, struct optee_msg_arg *m)
{
	struct optee_msg_param *p = m->params;

	for (unsigned i = 0; i < m->num_params && i < TEEC_MSG_MAX_PARAMS; i++) {
		if (rnd() & 1)
			p[i].attr = rnd();
		p[i].u.value.a = rnd();
		p[i].u.value.b = rnd();
		p[i].u.fmem.size = hostile_size();
		if (rnd() % 4 == 0)
			p[i].u.fmem.global_id = rnd();
	}
	m->ret = rnd() & 1 ? TEEC_SUCCESS : (uint32_t)rnd();
	m->ret_origin = (uint32_t)rnd();
	m->session = (uint32_t)rnd();
	m->num_params = (uint32_t)rnd();
}

#define GUARD 32

/* Random operations against the hostile TEE: no write outside the client's buffers, no crash. */
static void test_hostile_tee_answers(void **state)
{
	static uint8_t area[4][GUARD + 64 + GUARD];
	static const uint32_t types[] = { TEEC_NONE,
					  TEEC_VALUE_INPUT,
					  TEEC_VALUE_OUTPUT,
					  TEEC_VALUE_INOUT,
					  TEEC_MEMREF_TEMP_INPUT,
					  TEEC_MEMREF_TEMP_OUTPUT,
					  TEEC_MEMREF_TEMP_INOUT,
					  TEEC_MEMREF_WHOLE,
					  TEEC_MEMREF_PARTIAL_INPUT,
					  TEEC_MEMREF_PARTIAL_OUTPUT,
					  TEEC_MEMREF_PARTIAL_INOUT };
	TEEC_SharedMemory shm = { .size = 64, .flags = TEEC_MEM_INPUT | TEEC_MEM_OUTPUT };
	TEEC_Context ctx;
	TEEC_Session s;

	open_ctx(&ctx, "pay");
	open_session(&ctx, &s);
	assert_int_equal(TEEC_AllocateSharedMemory(&ctx, &shm), TEEC_SUCCESS);
	fake.handler = tee_hostile;
	for (unsigned round = 0; round < 5000; round++) {
		TEEC_Operation op = { 0 };
		size_t sizes[4];

		memset(area, 0xa5, sizeof(area));
		for (unsigned i = 0; i < 4; i++) {
			uint32_t t = types[rnd() % (sizeof(types) / sizeof(types[0]))];

			op.paramTypes |= t << (4 * i);
			sizes[i] = rnd() % 65;
			if (t >= TEEC_MEMREF_TEMP_INPUT && t <= TEEC_MEMREF_TEMP_INOUT)
				op.params[i].tmpref =
				    (TEEC_TempMemoryReference){ rnd() % 8 ? area[i] + GUARD : NULL,
								sizes[i] };
			else if (t >= TEEC_MEMREF_WHOLE)
				op.params[i].memref =
				    (TEEC_RegisteredMemoryReference){ &shm, sizes[i],
								      rnd() % (65 - sizes[i]) };
			else
				op.params[i].value =
				    (TEEC_Value){ (uint32_t)rnd(), (uint32_t)rnd() };
		}
		if (rnd() % 16 == 0)
			fake.call_result = TEEC_ERROR_COMMUNICATION;
		(void)TEEC_InvokeCommand(&s, (uint32_t)rnd(), &op, NULL);
		fake.call_result = TEEC_SUCCESS;
		for (unsigned i = 0; i < 4; i++) {
			uint32_t t = TEEC_PARAM_TYPE_GET(op.paramTypes, i);
			size_t n = op.params[i].tmpref.buffer ? sizes[i] : 0;

			for (unsigned k = 0; k < GUARD; k++) {
				assert_int_equal(area[i][k], 0xa5);
				assert_int_equal(area[i][GUARD + 64 + k], 0xa5);
			}
			/* Inside a temp input buffer nothing changes either. */
			if (t == TEEC_MEMREF_TEMP_INPUT)
				for (size_t k = 0; k < n; k++)
					assert_int_equal(area[i][GUARD + k], 0xa5);
		}
	}
	TEEC_ReleaseSharedMemory(&shm);
	fake.handler = tee_answers_script;
	TEEC_CloseSession(&s);
	TEEC_FinalizeContext(&ctx);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_uuid_octets),
		T(test_open_session_meta_params),
		T(test_trailing_none_params_not_sent),
		T(test_values_both_ways),
		T(test_temp_memrefs),
		T(test_short_buffer_size_write_back),
		T(test_tee_size_not_trusted),
		T(test_null_and_zero_size_temp),
		T(test_bad_param_types),
		T(test_registered_whole_and_partial),
		T(test_registered_refused),
		T(test_shared_memory_calls),
		T(test_release_kept_by_tee),
		T(test_context_selection),
		T(test_routing_by_uuid),
		T(test_routing_moves_registered_memory),
		T(test_login_methods),
		T(test_transport_failure),
		T(test_cancellation),
		T(test_resume_hook),
		T(test_page_pool),
		T(test_hostile_tee_answers),
		T(test_finalize_closes_open_sessions),
		T(test_inline_temp_memrefs),
	};

	return cmocka_run_group_tests_name("libteec", tests, NULL, NULL);
}
