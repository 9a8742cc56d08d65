// SPDX-License-Identifier: BSD-3-Clause
/*
 * Unit tests of the trusted OS's OP-TEE message checks (tos/msg.c): every
 * command's accepted shape, each parameter type, and the malformed messages
 * a normal world could send (too many parameters, bad or unknown attributes,
 * TMEM on the FF-A transport, missing META, truncated copies, wrapping
 * memref ranges, logins that do not fit); the client identity of OPEN_SESSION
 * (every login method, the UUID kept or cleared, hostile meta parameters) and
 * NULL memrefs of every direction; then which fields the TOS writes back
 * (msg_outputs) and where, against the optee_msg_arg layout.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../tos/msg.h"

static uint8_t buf[MSG_MAX_SIZE + 64] __attribute__((aligned(8)));

static struct optee_msg_arg *arg(uint32_t cmd, uint32_t num_params)
{
	struct optee_msg_arg *a = (struct optee_msg_arg *)buf;

	memset(buf, 0, sizeof(buf));
	a->cmd = cmd;
	a->num_params = num_params;
	a->session = 7;
	a->func = 3;
	a->cancel_id = 11;
	return a;
}

static void meta(struct optee_msg_param *p, uint8_t first)
{
	uint8_t o[16];

	for (unsigned i = 0; i < 16; i++)
		o[i] = (uint8_t)(first + i);
	p->attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META;
	optee_msg_octets_to_value(o, &p->u.value);
}

static struct optee_msg_arg *open_arg(uint32_t client_params)
{
	struct optee_msg_arg *a = arg(OPTEE_MSG_CMD_OPEN_SESSION, 2 + client_params);

	meta(&a->params[0], 0x10);
	meta(&a->params[1], 0x80);
	a->params[1].u.value.c = OPTEE_MSG_LOGIN_APPLICATION;
	return a;
}

static int parse(struct tee_msg *m)
{
	return msg_parse(buf, MSG_MAX_SIZE, m);
}

static void test_open_session(void **state)
{
	struct optee_msg_arg *a = open_arg(1);
	struct tee_msg m;

	a->params[2].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INOUT;
	a->params[2].u.value.a = 5;
	a->params[2].u.value.b = 6;
	assert_int_equal(parse(&m), MSG_OK);
	assert_int_equal(m.first_param, 2);
	assert_int_equal(m.ta_uuid[0], 0x10);
	assert_int_equal(m.ta_uuid[15], 0x1f);
	assert_int_equal(m.client_uuid[0], 0x80);
	assert_int_equal(m.login, OPTEE_MSG_LOGIN_APPLICATION);
	assert_int_equal(m.param_types, 3);
	assert_int_equal(m.params[0].a, 5);
	assert_int_equal(m.params[0].b, 6);
}

static void test_open_session_needs_both_meta_params(void **state)
{
	struct tee_msg m;

	arg(OPTEE_MSG_CMD_OPEN_SESSION, 1);
	meta(&((struct optee_msg_arg *)buf)->params[0], 0);
	assert_int_equal(parse(&m), MSG_BAD);

	open_arg(0)->params[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT; /* META missing */
	assert_int_equal(parse(&m), MSG_BAD);
	open_arg(0)->params[1].attr |= OPTEE_MSG_ATTR_NONCONTIG;
	assert_int_equal(parse(&m), MSG_BAD);
	open_arg(0)->params[1].u.value.c = 0x100000000ull; /* login wider than 32 bits */
	assert_int_equal(parse(&m), MSG_BAD);
	open_arg(1)->params[2].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META;
	assert_int_equal(parse(&m), MSG_BAD); /* a third META */
	assert_int_equal(open_arg(4) != NULL, 1);
	assert_int_equal(parse(&m), MSG_OK); /* 2 + 4 params */
	open_arg(5);
	assert_int_equal(parse(&m), MSG_BAD); /* 2 + 5 params */
}

/*
 * Issue 11: the login methods Linux's driver sends (and GP's others) are kept with the
 * client UUID; PUBLIC and REE_KERNEL have no UUID (cleared, as OP-TEE does), anything else
 * is refused, as is a login in the UUID's place or meta parameters out of order.
 */
static void test_open_session_identity(void **state)
{
	static const struct {
		uint64_t login;
		bool uuid_kept;
	} ok[] = {
		{ OPTEE_MSG_LOGIN_USER, true },
		{ OPTEE_MSG_LOGIN_GROUP, true },
		{ OPTEE_MSG_LOGIN_APPLICATION, true },
		{ OPTEE_MSG_LOGIN_APPLICATION_USER, true },
		{ OPTEE_MSG_LOGIN_APPLICATION_GROUP, true },
		{ OPTEE_MSG_LOGIN_PUBLIC, false },
		{ OPTEE_MSG_LOGIN_REE_KERNEL, false },
	};
	static const uint8_t nil[16];
	struct tee_msg m;

	for (unsigned i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		open_arg(0)->params[1].u.value.c = ok[i].login;
		assert_int_equal(parse(&m), MSG_OK);
		assert_int_equal(m.login, ok[i].login);
		if (ok[i].uuid_kept) {
			for (unsigned k = 0; k < 16; k++)
				assert_int_equal(m.client_uuid[k], 0x80 + k);
		} else {
			assert_memory_equal(m.client_uuid, nil, 16);
		}
		assert_int_equal(m.ta_uuid[0], 0x10); /* the TA's UUID is never touched */
	}
}

static void test_open_session_refuses_unknown_logins(void **state)
{
	static const uint64_t bad[] = {
		3,
		7,
		8,
		0x10,
		0x7fffffff,
		0x80000001,
		0xbfffffff,
		0xf0000000 /* TEE_LOGIN_TRUSTED_APP: only between TAs */,
		0xffffffff,
		0x100000000ull,
		0x100000001ull,
		0x8000000080000000ull,
	};
	struct tee_msg m;

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		open_arg(1)->params[2].attr = OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT;
		open_arg(1)->params[1].u.value.c = bad[i];
		if (parse(&m) != MSG_BAD)
			fail_msg("login 0x%llx accepted", (unsigned long long)bad[i]);
		assert_int_equal(m.param_types, 0); /* nothing of a refused message is kept */
	}
}

static void test_open_session_hostile_meta(void **state)
{
	struct optee_msg_arg *a;
	struct tee_msg m;

	/* No meta parameters at all; only one; client parameters before the meta ones. */
	arg(OPTEE_MSG_CMD_OPEN_SESSION, 0);
	assert_int_equal(parse(&m), MSG_BAD);
	arg(OPTEE_MSG_CMD_OPEN_SESSION, 1);
	meta(&((struct optee_msg_arg *)buf)->params[0], 0x10);
	assert_int_equal(parse(&m), MSG_BAD);
	a = arg(OPTEE_MSG_CMD_OPEN_SESSION, 3);
	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	meta(&a->params[1], 0x10);
	meta(&a->params[2], 0x80);
	assert_int_equal(parse(&m), MSG_BAD);
	/* The meta parameters as another type, as OUTPUT, or with extra attribute bits. */
	a = open_arg(0);
	a->params[1].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INOUT | OPTEE_MSG_ATTR_META;
	assert_int_equal(parse(&m), MSG_BAD);
	a = open_arg(0);
	a->params[1].attr = OPTEE_MSG_ATTR_TYPE_FMEM_INPUT | OPTEE_MSG_ATTR_META;
	assert_int_equal(parse(&m), MSG_BAD);
	a = open_arg(0);
	a->params[0].attr |= 1ull << 20;
	assert_int_equal(parse(&m), MSG_BAD);
	/* A login in params[0].c means nothing: only params[1].c is the login. */
	a = open_arg(0);
	a->params[0].u.value.c = 0xdeadbeef;
	a->params[1].u.value.c = OPTEE_MSG_LOGIN_USER;
	assert_int_equal(parse(&m), MSG_OK);
	assert_int_equal(m.login, OPTEE_MSG_LOGIN_USER);
	/* Meta parameters in INVOKE_COMMAND are refused. */
	a = arg(OPTEE_MSG_CMD_INVOKE_COMMAND, 2);
	meta(&a->params[0], 0x10);
	meta(&a->params[1], 0x80);
	assert_int_equal(parse(&m), MSG_BAD);
}

/*
 * A NULL memref (global_id OPTEE_MSG_FMEM_INVALID_GLOBAL_ID, size 0) is accepted for every
 * direction, in OPEN_SESSION too (the mediator advertises OPTEE_SMC_SEC_CAP_MEMREF_NULL);
 * only an output one may carry a size (the GP size query).
 */
static void test_null_memref_of_every_type(void **state)
{
	static const uint64_t types[] = { OPTEE_MSG_ATTR_TYPE_FMEM_INPUT,
					  OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT,
					  OPTEE_MSG_ATTR_TYPE_FMEM_INOUT };
	struct optee_msg_arg *a;
	struct tee_msg m;

	for (unsigned i = 0; i < 3; i++) {
		for (unsigned open = 0; open < 2; open++) {
			unsigned p = open ? 2 : 0;

			a = open ? open_arg(1) : arg(OPTEE_MSG_CMD_INVOKE_COMMAND, 1);
			a->params[p].attr = types[i];
			a->params[p].u.fmem.global_id = OPTEE_MSG_FMEM_INVALID_GLOBAL_ID;
			optee_msg_fmem_set_offset(&a->params[p].u.fmem, 0x1234); /* ignored */
			assert_int_equal(parse(&m), MSG_OK);
			assert_true(m.params[0].null);
			assert_int_equal(m.params[0].type, 5 + i);
			assert_int_equal(m.params[0].size, 0);
			assert_int_equal(m.params[0].handle, 0);
			assert_int_equal(m.params[0].offset, 0);
			a->params[p].u.fmem.size = 16;
			assert_int_equal(parse(&m), i == 1 ? MSG_OK : MSG_BAD);
		}
	}
}

static void test_invoke_every_type(void **state)
{
	struct optee_msg_arg *a = arg(OPTEE_MSG_CMD_INVOKE_COMMAND, 4);
	struct tee_msg m;

	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	a->params[0].u.value.a = 1;
	a->params[1].attr = OPTEE_MSG_ATTR_TYPE_FMEM_INOUT;
	optee_msg_fmem_set_offset(&a->params[1].u.fmem, 0x100000010ull);
	a->params[1].u.fmem.internal_offs = 0x20;
	a->params[1].u.fmem.size = 64;
	a->params[1].u.fmem.global_id = 0x1234;
	a->params[2].attr = OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT;
	a->params[2].u.fmem.global_id = OPTEE_MSG_FMEM_INVALID_GLOBAL_ID;
	a->params[2].u.fmem.size = 99;
	a->params[3].attr = OPTEE_MSG_ATTR_TYPE_NONE;
	assert_int_equal(parse(&m), MSG_OK);
	assert_int_equal(m.first_param, 0);
	assert_int_equal(m.func, 3);
	assert_int_equal(m.session, 7);
	assert_int_equal(m.cancel_id, 11);
	assert_int_equal(m.param_types, 0x0671);
	assert_int_equal(m.params[1].handle, 0x1234);
	assert_int_equal(m.params[1].offset, 0x100000030ull);
	assert_int_equal(m.params[1].size, 64);
	assert_false(m.params[1].null);
	assert_true(m.params[2].null);
	assert_int_equal(m.params[2].size, 99);
}

static void test_invoke_refuses_bad_attributes(void **state)
{
	static const uint64_t bad[] = {
		4,
		8,
		OPTEE_MSG_ATTR_TYPE_TMEM_INPUT,
		OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT,
		OPTEE_MSG_ATTR_TYPE_TMEM_INOUT,
		0xff,
		OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META,
		OPTEE_MSG_ATTR_TYPE_FMEM_INPUT | OPTEE_MSG_ATTR_NONCONTIG,
		OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | (1ull << 16), /* cache attributes */
		OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | (1ull << 40),
	};
	struct tee_msg m;

	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		arg(OPTEE_MSG_CMD_INVOKE_COMMAND, 2)->params[1].attr = bad[i];
		if (parse(&m) != MSG_BAD)
			fail_msg("attr 0x%llx accepted", (unsigned long long)bad[i]);
	}
}

static void test_memref_range_must_not_wrap(void **state)
{
	struct optee_msg_arg *a = arg(OPTEE_MSG_CMD_INVOKE_COMMAND, 1);
	struct tee_msg m;

	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_FMEM_INPUT;
	a->params[0].u.fmem.global_id = 1;
	optee_msg_fmem_set_offset(&a->params[0].u.fmem, OPTEE_MSG_FMEM_MAX_OFFSET);
	a->params[0].u.fmem.size = UINT64_MAX - 0x1000;
	assert_int_equal(parse(&m), MSG_BAD);
	a->params[0].u.fmem.size = 16;
	assert_int_equal(parse(&m), MSG_OK);
}

static void test_param_counts(void **state)
{
	struct tee_msg m;

	arg(OPTEE_MSG_CMD_INVOKE_COMMAND, 5);
	assert_int_equal(parse(&m), MSG_BAD);
	arg(OPTEE_MSG_CMD_INVOKE_COMMAND, 7);
	assert_int_equal(parse(&m), MSG_BAD);
	arg(OPTEE_MSG_CMD_INVOKE_COMMAND, 0xffffffffu);
	assert_int_equal(parse(&m), MSG_BAD);
	arg(OPTEE_MSG_CMD_CLOSE_SESSION, 0);
	assert_int_equal(parse(&m), MSG_OK);
	arg(OPTEE_MSG_CMD_CLOSE_SESSION, 1);
	assert_int_equal(parse(&m), MSG_BAD);
	arg(OPTEE_MSG_CMD_CANCEL, 0);
	assert_int_equal(parse(&m), MSG_OK);
	assert_int_equal(m.cancel_id, 11);
	arg(OPTEE_MSG_CMD_CANCEL, 2);
	assert_int_equal(parse(&m), MSG_BAD);
}

static void test_unknown_and_unsupported_commands(void **state)
{
	static const uint32_t cmds[] = { OPTEE_MSG_CMD_REGISTER_SHM, OPTEE_MSG_CMD_UNREGISTER_SHM,
					 OPTEE_MSG_CMD_DO_BOTTOM_HALF, 99, 0xffffffffu };
	struct tee_msg m;

	for (unsigned i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		arg(cmds[i], 0);
		assert_int_equal(parse(&m), MSG_BAD);
	}
}

static void test_truncated_copies(void **state)
{
	struct tee_msg m;

	arg(OPTEE_MSG_CMD_INVOKE_COMMAND, 2);
	assert_int_equal(msg_parse(buf, 31, &m), MSG_TOO_SHORT);
	assert_int_equal(msg_parse(buf, 0, &m), MSG_TOO_SHORT);
	assert_int_equal(msg_parse(buf, OPTEE_MSG_GET_ARG_SIZE(2) - 1, &m), MSG_TOO_SHORT);
	assert_int_equal(msg_parse(buf, OPTEE_MSG_GET_ARG_SIZE(2), &m), MSG_OK);
}

static void test_outputs_of_invoke(void **state)
{
	struct optee_msg_arg *a = arg(OPTEE_MSG_CMD_INVOKE_COMMAND, 4);
	struct tee_param outs[4];
	struct msg_write w[MSG_MAX_WRITES];
	struct tee_msg m;
	unsigned n;

	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT;
	a->params[1].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INOUT;
	a->params[2].attr = OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT;
	a->params[2].u.fmem.global_id = 5;
	a->params[3].attr = OPTEE_MSG_ATTR_TYPE_FMEM_INPUT;
	a->params[3].u.fmem.global_id = 5;
	assert_int_equal(parse(&m), MSG_OK);
	memset(outs, 0, sizeof(outs));
	outs[1].a = 0x1122334455ull; /* only 32 bits travel */
	outs[1].b = 9;
	outs[2].size = 77;
	n = msg_outputs(&m, 0xffff0010u, 4, 0, outs, w);
	assert_int_equal(n, 5); /* ret, origin, value a/b of [1], size of [2] */
	assert_int_equal(w[0].offset, offsetof(struct optee_msg_arg, ret));
	assert_int_equal(w[0].value, 0xffff0010u);
	assert_int_equal(w[1].offset, offsetof(struct optee_msg_arg, ret_origin));
	assert_int_equal(w[2].offset, 32 + 32 + 8);
	assert_int_equal(w[2].size, 8);
	assert_int_equal(w[2].value, 0x22334455u);
	assert_int_equal(w[3].offset, 32 + 32 + 16);
	assert_int_equal(w[3].value, 9);
	assert_int_equal(w[4].offset, 32 + 64 + 16); /* fmem.size of params[2] */
	assert_int_equal(w[4].value, 77);
}

static void test_outputs_of_open_session(void **state)
{
	struct optee_msg_arg *a = open_arg(1);
	struct tee_param outs[4] = { { 0 } };
	struct msg_write w[MSG_MAX_WRITES];
	struct tee_msg m;
	unsigned n;

	a->params[2].attr = OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT;
	assert_int_equal(parse(&m), MSG_OK);
	outs[0].a = 1;
	n = msg_outputs(&m, 0, 4, 42, outs, w);
	assert_int_equal(n, 5);
	assert_int_equal(w[2].offset, offsetof(struct optee_msg_arg, session));
	assert_int_equal(w[2].value, 42);
	assert_int_equal(w[3].offset,
			 32 + 2 * 32 + 8); /* the first client param follows the meta */
	/* A refused open writes no session. */
	n = msg_outputs(&m, 0xffff0001u, 4, 42, outs, w);
	assert_int_equal(n, 4);
	assert_int_not_equal(w[2].offset, offsetof(struct optee_msg_arg, session));
}

static void test_outputs_of_bad_message_are_only_the_result(void **state)
{
	struct optee_msg_arg *a;
	struct tee_param outs[4] = { { 0 } };
	struct msg_write w[MSG_MAX_WRITES];
	struct tee_msg m;

	arg(OPTEE_MSG_CMD_INVOKE_COMMAND, 9);
	assert_int_equal(parse(&m), MSG_BAD);
	assert_int_equal(msg_outputs(&m, 0xffff0006u, 2, 0, outs, w), 2);
	/* A good output parameter before a bad one is not written back either. */
	a = arg(OPTEE_MSG_CMD_INVOKE_COMMAND, 2);
	a->params[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT;
	a->params[1].attr = OPTEE_MSG_ATTR_TYPE_TMEM_INPUT;
	assert_int_equal(parse(&m), MSG_BAD);
	assert_int_equal(msg_outputs(&m, 0xffff0006u, 2, 0, outs, w), 2);
	arg(OPTEE_MSG_CMD_CLOSE_SESSION, 0);
	assert_int_equal(parse(&m), MSG_OK);
	assert_int_equal(msg_outputs(&m, 0, 3, 0, outs, w), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_session),
		cmocka_unit_test(test_open_session_needs_both_meta_params),
		cmocka_unit_test(test_open_session_identity),
		cmocka_unit_test(test_open_session_refuses_unknown_logins),
		cmocka_unit_test(test_open_session_hostile_meta),
		cmocka_unit_test(test_null_memref_of_every_type),
		cmocka_unit_test(test_invoke_every_type),
		cmocka_unit_test(test_invoke_refuses_bad_attributes),
		cmocka_unit_test(test_memref_range_must_not_wrap),
		cmocka_unit_test(test_param_counts),
		cmocka_unit_test(test_unknown_and_unsupported_commands),
		cmocka_unit_test(test_truncated_copies),
		cmocka_unit_test(test_outputs_of_invoke),
		cmocka_unit_test(test_outputs_of_open_session),
		cmocka_unit_test(test_outputs_of_bad_message_are_only_the_result),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
