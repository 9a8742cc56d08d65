// SPDX-License-Identifier: BSD-3-Clause
/*
 * libFuzzer target for the trusted OS's OP-TEE message checks (tos/msg.c).
 * The input is the argument copy itself (in a heap buffer of exactly its
 * length, so ASan sees any read past it), or, when the first byte says so,
 * a well-formed header and meta parameters followed by fuzzed bytes, so
 * that the deeper checks are reached too. Invariants: an accepted message
 * satisfies every rule (known command, counts, types, META only where it
 * belongs, non-wrapping memrefs, sizes of NULL memrefs, known logins with the nil UUID
 * for PUBLIC and REE_KERNEL) and fits the copy; a refusal as TOO_SHORT
 * means it really did not fit; the fields written back stay inside the
 * message and never touch an attr, an offset or a handle.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "../../tos/msg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool known_type(uint32_t t)
{
	return t <= 3 || (t >= 5 && t <= 7);
}

/* A write may only hit ret, ret_origin, session, value.a/b or fmem.size. */
static void check_write(const struct tee_msg *m, const struct msg_write *w)
{
	uint32_t end = (uint32_t)OPTEE_MSG_GET_ARG_SIZE(m->num_params);

	assert(w->size == 4 || w->size == 8);
	assert(w->offset + w->size <= end);
	if (w->offset < sizeof(struct optee_msg_arg)) {
		assert(w->size == 4);
		assert(w->offset == offsetof(struct optee_msg_arg, ret) ||
		       w->offset == offsetof(struct optee_msg_arg, ret_origin) ||
		       w->offset == offsetof(struct optee_msg_arg, session));
		return;
	}
	uint32_t in_param = (w->offset - (uint32_t)sizeof(struct optee_msg_arg)) %
			    (uint32_t)sizeof(struct optee_msg_param);
	unsigned index = (w->offset - (unsigned)sizeof(struct optee_msg_arg)) /
			 (unsigned)sizeof(struct optee_msg_param);

	assert(index >= m->first_param);
	assert(w->size == 8);
	/* value.a (8), value.b / fmem.size (16); never attr (0) or global_id (24). */
	assert(in_param == 8 || in_param == 16);
	if (in_param == 8)
		assert(m->params[index - m->first_param].type <= 3);
}

/* An accepted OPEN_SESSION has a known login; PUBLIC and REE_KERNEL have the nil UUID. */
static void check_login(const struct tee_msg *m)
{
	static const uint8_t nil[16];

	switch (m->login) {
	case OPTEE_MSG_LOGIN_PUBLIC:
	case OPTEE_MSG_LOGIN_REE_KERNEL:
		assert(!memcmp(m->client_uuid, nil, sizeof(nil)));
		break;
	default:
		assert(m->login >= OPTEE_MSG_LOGIN_USER &&
		       m->login <= OPTEE_MSG_LOGIN_APPLICATION_GROUP && m->login != 3);
	}
}

static void check_accepted(const struct tee_msg *m, size_t len)
{
	assert(m->cmd <= OPTEE_MSG_CMD_CANCEL);
	assert(m->num_params <= MSG_MAX_PARAMS);
	assert(OPTEE_MSG_GET_ARG_SIZE(m->num_params) <= len);
	if (m->cmd == OPTEE_MSG_CMD_CLOSE_SESSION || m->cmd == OPTEE_MSG_CMD_CANCEL)
		assert(m->num_params == 0);
	assert(m->first_param == (m->cmd == OPTEE_MSG_CMD_OPEN_SESSION ? 2u : 0u));
	assert(m->num_params >= m->first_param);
	assert(m->num_params - m->first_param <= OPTEE_MSG_MAX_CLIENT_PARAMS);
	for (unsigned i = 0; i < OPTEE_MSG_MAX_CLIENT_PARAMS; i++) {
		const struct tee_param *p = &m->params[i];

		assert(known_type(p->type));
		assert(((m->param_types >> (4 * i)) & 0xf) == p->type);
		if (i >= m->num_params - m->first_param)
			assert(p->type == 0);
		if (p->type >= 5 && !p->null)
			assert(p->offset + p->size >= p->offset);
		if (p->null) /* only an output NULL memref carries a size (GP's size query) */
			assert(p->size == 0 || p->type == 6);
	}
	if (m->cmd == OPTEE_MSG_CMD_OPEN_SESSION)
		check_login(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct msg_write w[MSG_MAX_WRITES];
	struct tee_param outs[OPTEE_MSG_MAX_CLIENT_PARAMS];
	struct tee_msg m, again;
	size_t len = size ? size - 1 : 0;
	uint8_t *copy;
	int rc;

	if (size == 0)
		return 0;
	copy = malloc(len ? len : 1);
	memcpy(copy, data + 1, len);
	if ((data[0] & 3) == 0 && len >= OPTEE_MSG_GET_ARG_SIZE(2)) {
		/* Give it a plausible shape: a known command, META params for OPEN_SESSION. */
		struct optee_msg_arg *a = (struct optee_msg_arg *)copy;

		a->cmd = (data[0] >> 2) & 3;
		a->num_params = (data[0] >> 4) % 7;
		a->params[0].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META;
		a->params[1].attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META;
		if (data[0] & 0x80) /* a login the TOS knows, or Linux's kernel one */
			a->params[1].u.value.c = a->params[1].u.value.c & 0x80
						     ? 0x80000000u
						     : a->params[1].u.value.c % 7;
	}
	rc = msg_parse(copy, len, &m);
	assert(rc == MSG_OK || rc == MSG_BAD || rc == MSG_TOO_SHORT);
	if (rc == MSG_TOO_SHORT)
		assert(len < sizeof(struct optee_msg_arg) ||
		       OPTEE_MSG_GET_ARG_SIZE(((struct optee_msg_arg *)copy)->num_params) > len);
	assert(msg_parse(copy, len, &again) == rc);
	assert(!memcmp(&m, &again, sizeof(m)));
	if (rc == MSG_OK)
		check_accepted(&m, len);
	if (rc != MSG_TOO_SHORT) {
		/* What the TA could leave: anything. */
		memset(outs, data[size - 1], sizeof(outs));
		/* The server answers a refused message with BAD_PARAMETERS, origin COMMS. */
		uint32_t ret = rc == MSG_OK ? (data[size - 1] & 1 ? 0 : 0xffff0010u) : 0xffff0006u;
		unsigned n = msg_outputs(&m, ret, rc == MSG_OK ? 4 : 2, 1, outs, w);

		assert(n >= 2 && n <= MSG_MAX_WRITES);
		if (rc == MSG_BAD)
			assert(n == 2); /* only ret and ret_origin */
		if (rc == MSG_OK)
			for (unsigned i = 0; i < n; i++)
				check_write(&m, &w[i]);
	}
	free(copy);
	return 0;
}
