// SPDX-License-Identifier: BSD-3-Clause
/*
 * Validation of OP-TEE messages (msg.h). Every field comes from the normal
 * world: the copy is checked field by field and nothing unknown is accepted.
 */
#include <lib/string.h>

#include "msg.h"

#define TYPE_NONE	  0u
#define TYPE_VALUE_INPUT  1u
#define TYPE_VALUE_OUTPUT 2u
#define TYPE_VALUE_INOUT  3u
#define TYPE_MEMREF_INPUT 5u
#define TYPE_MEMREF_INOUT 7u

static bool is_output(uint32_t type)
{
	return type == TYPE_VALUE_OUTPUT || type == TYPE_VALUE_INOUT || type == 6u ||
	       type == TYPE_MEMREF_INOUT;
}

static bool is_memref(uint32_t type)
{
	return type >= TYPE_MEMREF_INPUT && type <= TYPE_MEMREF_INOUT;
}

/* A META value-input carrying 16 octets in a:b (OPEN_SESSION params[0] and [1]). */
static bool meta_octets(const struct optee_msg_param *p, uint8_t octets[16])
{
	if (p->attr != (OPTEE_MSG_ATTR_TYPE_VALUE_INPUT | OPTEE_MSG_ATTR_META))
		return false;
	optee_msg_value_to_octets(&p->u.value, octets);
	return true;
}

/*
 * The login method of OPEN_SESSION (params[1].u.value.c) into m->login; false if it is not
 * one of GP's REE logins or Linux's kernel login. As OP-TEE does (entry_std.c), PUBLIC and
 * REE_KERNEL carry no client UUID: whatever the client put there is replaced by the nil
 * UUID, so every PUBLIC session of an endpoint is the same client. The other methods keep
 * the UUID the client derived (Linux: UUIDv5 of "uid=<euid>" or "gid=<gid>"). TRUSTED_APP
 * is for sessions between TAs and never comes from the normal world.
 */
static bool login_ok(uint64_t c, struct tee_msg *m)
{
	switch (c) {
	case OPTEE_MSG_LOGIN_PUBLIC:
	case OPTEE_MSG_LOGIN_REE_KERNEL:
		memset(m->client_uuid, 0, sizeof(m->client_uuid));
		break;
	case OPTEE_MSG_LOGIN_USER:
	case OPTEE_MSG_LOGIN_GROUP:
	case OPTEE_MSG_LOGIN_APPLICATION:
	case OPTEE_MSG_LOGIN_APPLICATION_USER:
	case OPTEE_MSG_LOGIN_APPLICATION_GROUP:
		break;
	default:
		return false;
	}
	m->login = (uint32_t)c;
	return true;
}

/* One client parameter (`out` zeroed by msg_parse()); false if it is not acceptable. */
static bool client_param(const struct optee_msg_param *p, struct tee_param *out)
{
	uint64_t type = p->attr;

	/* Only the type bits: no META, no NONCONTIG, no cache attributes, nothing unknown. */
	if (type > OPTEE_MSG_ATTR_TYPE_MASK)
		return false;
	switch (type) {
	case OPTEE_MSG_ATTR_TYPE_NONE:
		return true;
	case OPTEE_MSG_ATTR_TYPE_VALUE_INPUT:
	case OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT:
	case OPTEE_MSG_ATTR_TYPE_VALUE_INOUT:
		out->type = (uint32_t)type;
		out->a = p->u.value.a;
		out->b = p->u.value.b;
		return true;
	case OPTEE_MSG_ATTR_TYPE_FMEM_INPUT:
	case OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT:
	case OPTEE_MSG_ATTR_TYPE_FMEM_INOUT:
		out->type = (uint32_t)type;
		out->size = p->u.fmem.size;
		out->null = p->u.fmem.global_id == OPTEE_MSG_FMEM_INVALID_GLOBAL_ID;
		/*
		 * A NULL memref (OPTEE_SMC_SEC_CAP_MEMREF_NULL) of any direction has size 0;
		 * only an output one may carry a size: GP's size query, answered with
		 * SHORT_BUFFER and the size needed. The TA never gets NULL with bytes to read.
		 */
		if (out->null)
			return out->size == 0 || type == OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT;
		out->handle = p->u.fmem.global_id;
		out->offset = optee_msg_fmem_offset(&p->u.fmem) + p->u.fmem.internal_offs;
		/* offset + size must not wrap; the share's bounds are checked by the caller. */
		return out->offset + out->size >= out->offset;
	default: /* TMEM (physical addresses) has no meaning on the FF-A transport */
		return false;
	}
}

static int parse_params(const struct optee_msg_arg *a, struct tee_msg *m)
{
	unsigned n = a->num_params - m->first_param;

	if (n > OPTEE_MSG_MAX_CLIENT_PARAMS)
		return MSG_BAD;
	for (unsigned i = 0; i < n; i++) {
		if (!client_param(&a->params[m->first_param + i], &m->params[i]))
			return MSG_BAD;
		m->param_types |= m->params[i].type << (4 * i);
	}
	return MSG_OK;
}

/* The checks of msg_parse(); on failure the caller forgets every parameter it took. */
static int parse(const struct optee_msg_arg *a, size_t len, struct tee_msg *m)
{
	if (len < sizeof(*a))
		return MSG_TOO_SHORT;
	m->cmd = a->cmd;
	m->func = a->func;
	m->session = a->session;
	m->cancel_id = a->cancel_id;
	m->num_params = a->num_params;
	if (a->num_params > MSG_MAX_PARAMS)
		return MSG_BAD;
	if (OPTEE_MSG_GET_ARG_SIZE(a->num_params) > len)
		return MSG_TOO_SHORT;
	switch (a->cmd) {
	case OPTEE_MSG_CMD_OPEN_SESSION:
		m->first_param = OPTEE_MSG_OPEN_SESSION_META_PARAMS;
		if (a->num_params < m->first_param || !meta_octets(&a->params[0], m->ta_uuid) ||
		    !meta_octets(&a->params[1], m->client_uuid))
			return MSG_BAD;
		if (!login_ok(a->params[1].u.value.c, m))
			return MSG_BAD;
		return parse_params(a, m);
	case OPTEE_MSG_CMD_INVOKE_COMMAND:
		return parse_params(a, m);
	case OPTEE_MSG_CMD_CLOSE_SESSION:
	case OPTEE_MSG_CMD_CANCEL:
		return a->num_params == 0 ? MSG_OK : MSG_BAD;
	default:
		return MSG_BAD;
	}
}

int msg_parse(const void *copy, size_t len, struct tee_msg *m)
{
	int rc;

	memset(m, 0, sizeof(*m));
	rc = parse(copy, len, m);
	if (rc != MSG_OK) {
		/* A refused message gets ret and ret_origin back, nothing else. */
		memset(m->params, 0, sizeof(m->params));
		m->param_types = 0;
	}
	return rc;
}

static void add(struct msg_write *w, unsigned *n, uint32_t offset, uint32_t size, uint64_t value)
{
	w[*n] = (struct msg_write){ offset, size, value };
	(*n)++;
}

unsigned msg_outputs(const struct tee_msg *m, uint32_t ret, uint32_t origin, uint32_t session,
		     const struct tee_param outs[OPTEE_MSG_MAX_CLIENT_PARAMS],
		     struct msg_write w[MSG_MAX_WRITES])
{
	unsigned n = 0;

	add(w, &n, offsetof(struct optee_msg_arg, ret), 4, ret);
	add(w, &n, offsetof(struct optee_msg_arg, ret_origin), 4, origin);
	if (m->cmd == OPTEE_MSG_CMD_OPEN_SESSION && ret == 0)
		add(w, &n, offsetof(struct optee_msg_arg, session), 4, session);
	if (m->cmd != OPTEE_MSG_CMD_OPEN_SESSION && m->cmd != OPTEE_MSG_CMD_INVOKE_COMMAND)
		return n;
	for (unsigned i = 0; i < OPTEE_MSG_MAX_CLIENT_PARAMS; i++) {
		uint32_t base = (uint32_t)OPTEE_MSG_GET_ARG_SIZE(m->first_param + i) +
				(uint32_t)offsetof(struct optee_msg_param, u);
		uint32_t type = m->params[i].type;

		if (!is_output(type))
			continue;
		if (is_memref(type)) {
			add(w, &n, base + offsetof(struct optee_msg_param_fmem, size), 8,
			    outs[i].size);
		} else {
			add(w, &n, base + offsetof(struct optee_msg_param_value, a), 8,
			    (uint32_t)outs[i].a);
			add(w, &n, base + offsetof(struct optee_msg_param_value, b), 8,
			    (uint32_t)outs[i].b);
		}
	}
	return n;
}
