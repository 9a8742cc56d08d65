// SPDX-License-Identifier: BSD-3-Clause
/*
 * libteec marshalling: GP TEEC_Operation <-> OP-TEE optee_msg_param, with
 * every check the GP Client API asks of the implementation. Pure functions
 * (no transport, no globals) so the host unit tests cover them fully.
 *
 * Every memref travels as OPTEE_MSG_ATTR_TYPE_FMEM_* (the OP-TEE FF-A
 * profile, docs/abi/optee.md): temp memrefs are bounced through one
 * libteec-owned buffer per call, registered ones name their parent's share.
 */
#include <lib/string.h>

#include "teec_private.h"

static bool type_is_value(uint32_t t)
{
	return t >= TEEC_VALUE_INPUT && t <= TEEC_VALUE_INOUT;
}
static bool type_is_temp(uint32_t t)
{
	return t >= TEEC_MEMREF_TEMP_INPUT && t <= TEEC_MEMREF_TEMP_INOUT;
}
static bool type_is_registered(uint32_t t)
{
	return t >= TEEC_MEMREF_WHOLE && t <= TEEC_MEMREF_PARTIAL_INOUT;
}

/* The TEEC_MEM_* directions a memref type needs of its parent. */
static uint32_t partial_directions(uint32_t t)
{
	return t - TEEC_MEMREF_PARTIAL_INPUT + 1; /* D -> INPUT, E -> OUTPUT, F -> both */
}

/* FMEM_INPUT/OUTPUT/INOUT for TEEC_MEM_* directions 1/2/3. */
static uint32_t fmem_attr(uint32_t directions)
{
	return OPTEE_MSG_ATTR_TYPE_FMEM_INPUT + directions - 1;
}

static bool shm_is_live(const TEEC_SharedMemory *shm)
{
	return shm && shm->magic == TEEC_SHM_MAGIC;
}

static TEEC_Result plan_temp(const TEEC_TempMemoryReference *t, uint32_t type,
			     struct teec_param_plan *pp, size_t *bounce)
{
	pp->attr = fmem_attr(type - TEEC_MEMREF_TEMP_INPUT + 1);
	pp->size = t->size;
	if (!t->buffer) {
		/* A NULL buffer asks for the size an output needs; it carries no input. */
		if (type != TEEC_MEMREF_TEMP_OUTPUT && t->size)
			return TEEC_ERROR_BAD_PARAMETERS;
		pp->null_ref = true;
		return TEEC_SUCCESS;
	}
	if (!t->size) {
		pp->null_ref = true; /* nothing to share: the TA sees an empty memref */
		return TEEC_SUCCESS;
	}
	if (t->size > TEEC_CONFIG_SHAREDMEM_MAX_SIZE ||
	    *bounce + t->size > TEEC_CONFIG_SHAREDMEM_MAX_SIZE)
		return TEEC_ERROR_OUT_OF_MEMORY;
	pp->offset = *bounce;
	*bounce = (*bounce + t->size + TEEC_BOUNCE_ALIGN - 1) & ~(size_t)(TEEC_BOUNCE_ALIGN - 1);
	return TEEC_SUCCESS;
}

static TEEC_Result plan_registered(const TEEC_RegisteredMemoryReference *m, uint32_t type,
				   struct teec_param_plan *pp)
{
	TEEC_SharedMemory *shm = m->parent;
	uint32_t dirs;

	if (!shm_is_live(shm))
		return TEEC_ERROR_BAD_PARAMETERS;
	pp->shm = shm;
	if (type == TEEC_MEMREF_WHOLE) {
		dirs = shm->flags & (TEEC_MEM_INPUT | TEEC_MEM_OUTPUT);
		if (!dirs)
			return TEEC_ERROR_BAD_PARAMETERS;
		pp->offset = 0;
		pp->size = shm->size;
	} else {
		dirs = partial_directions(type);
		if ((shm->flags & dirs) != dirs)
			return TEEC_ERROR_BAD_PARAMETERS;
		if (m->offset > shm->size || m->size > shm->size - m->offset)
			return TEEC_ERROR_BAD_PARAMETERS;
		pp->offset = m->offset;
		pp->size = m->size;
	}
	pp->attr = fmem_attr(dirs);
	pp->null_ref = shm->size == 0; /* nothing was shared for an empty block */
	return TEEC_SUCCESS;
}

TEEC_Result teec_plan_operation(const TEEC_Operation *op, struct teec_plan *plan)
{
	if (!op) {
		memset(plan, 0, sizeof(*plan));
		return TEEC_SUCCESS;
	}
	plan->bounce_bytes = 0;
	plan->count = 0;
	if (op->paramTypes >> (4 * TEEC_CONFIG_PAYLOAD_REF_COUNT))
		return TEEC_ERROR_BAD_PARAMETERS;
	for (unsigned i = 0; i < TEEC_CONFIG_PAYLOAD_REF_COUNT; i++) {
		uint32_t type = TEEC_PARAM_TYPE_GET(op->paramTypes, i);
		struct teec_param_plan *pp = &plan->p[i];
		TEEC_Result r = TEEC_SUCCESS;

		*pp = (struct teec_param_plan){ .type = type }; /* each one whole, no memset call */
		if (type == TEEC_NONE)
			pp->attr = OPTEE_MSG_ATTR_TYPE_NONE;
		else if (type_is_value(type))
			pp->attr = type; /* TEEC and OP-TEE value types share their numbers */
		else if (type_is_temp(type))
			r = plan_temp(&op->params[i].tmpref, type, pp, &plan->bounce_bytes);
		else if (type_is_registered(type))
			r = plan_registered(&op->params[i].memref, type, pp);
		else
			r = TEEC_ERROR_BAD_PARAMETERS; /* 4, 8..0xB are not GP types */
		if (r != TEEC_SUCCESS)
			return r;
		if (type != TEEC_NONE)
			plan->count = i + 1;
	}
	return TEEC_SUCCESS;
}

void teec_bounce_in(const struct teec_plan *plan, const TEEC_Operation *op, uint8_t *bounce)
{
	for (unsigned i = 0; i < TEEC_CONFIG_PAYLOAD_REF_COUNT; i++) {
		const struct teec_param_plan *pp = &plan->p[i];

		if (type_is_temp(pp->type) && !pp->null_ref)
			memcpy(bounce + pp->offset, op->params[i].tmpref.buffer, pp->size);
	}
}

static void encode_fmem(struct optee_msg_param_fmem *f, uint64_t id, uint64_t offset,
			uint16_t internal_offs, uint64_t size)
{
	optee_msg_fmem_set_offset(f, offset);
	f->internal_offs = internal_offs;
	f->size = size;
	f->global_id = id;
}

static void encode_one(const struct teec_param_plan *pp, const TEEC_Parameter *p,
		       uint64_t bounce_id, uint32_t bounce_base, struct optee_msg_param *mp)
{
	*mp = (struct optee_msg_param){ .attr = pp->attr }; /* whole, no memset call */
	if (type_is_value(pp->type)) {
		if (pp->type != TEEC_VALUE_OUTPUT) { /* an output's old value is not the TA's */
			mp->u.value.a = p->value.a;
			mp->u.value.b = p->value.b;
		}
	} else if (pp->null_ref) {
		encode_fmem(&mp->u.fmem, OPTEE_MSG_FMEM_INVALID_GLOBAL_ID, 0, 0, pp->size);
	} else if (type_is_temp(pp->type)) {
		encode_fmem(&mp->u.fmem, bounce_id, bounce_base + pp->offset, 0, pp->size);
	} else if (type_is_registered(pp->type)) {
		/* The share starts at the page holding the buffer (teec_share_pages). */
		uint16_t in_page = (uint16_t)((uintptr_t)pp->shm->buffer & (TEEC_PAGE_SIZE - 1));

		encode_fmem(&mp->u.fmem, pp->shm->global_id, pp->offset, in_page, pp->size);
	}
}

void teec_encode_params(const struct teec_plan *plan, const TEEC_Operation *op, uint64_t bounce_id,
			uint32_t bounce_base,
			struct optee_msg_param mp[TEEC_CONFIG_PAYLOAD_REF_COUNT])
{
	static const TEEC_Parameter none;

	for (unsigned i = 0; i < plan->count; i++)
		encode_one(&plan->p[i], op ? &op->params[i] : &none, bounce_id, bounce_base,
			   &mp[i]);
}

static void decode_temp(const struct teec_param_plan *pp, TEEC_TempMemoryReference *t, uint32_t ret,
			uint64_t new_size, const uint8_t *bounce)
{
	/* Contents only on success and only what fits: the TEE's size is not trusted. */
	if (ret == TEEC_SUCCESS && !pp->null_ref && new_size <= pp->size)
		memcpy(t->buffer, bounce + pp->offset, (size_t)new_size);
	t->size = (size_t)new_size;
}

void teec_decode_params(const struct teec_plan *plan, TEEC_Operation *op, uint32_t ret,
			const struct optee_msg_param mp[TEEC_CONFIG_PAYLOAD_REF_COUNT],
			const uint8_t *bounce)
{
	if (!op)
		return;
	for (unsigned i = 0; i < plan->count; i++) {
		const struct teec_param_plan *pp = &plan->p[i];
		TEEC_Parameter *p = &op->params[i];
		bool out = pp->attr == OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT ||
			   pp->attr == OPTEE_MSG_ATTR_TYPE_FMEM_INOUT;

		if (pp->type == TEEC_VALUE_OUTPUT || pp->type == TEEC_VALUE_INOUT) {
			p->value.a = (uint32_t)mp[i].u.value.a;
			p->value.b = (uint32_t)mp[i].u.value.b;
		} else if (type_is_temp(pp->type) && out) {
			decode_temp(pp, &p->tmpref, ret, mp[i].u.fmem.size, bounce);
		} else if (type_is_registered(pp->type) && out) {
			/* WHOLE and PARTIAL: shared directly, only the size comes back. */
			p->memref.size = (size_t)mp[i].u.fmem.size;
		}
	}
}

void teec_uuid_to_value(const TEEC_UUID *uuid, struct optee_msg_param_value *v)
{
	uint8_t octets[16];

	optee_msg_uuid_to_octets(octets, uuid->timeLow, uuid->timeMid, uuid->timeHiAndVersion,
				 uuid->clockSeqAndNode);
	optee_msg_octets_to_value(octets, v);
	v->c = 0;
}

void teec_value_to_uuid(const struct optee_msg_param_value *v, TEEC_UUID *uuid)
{
	uint8_t octets[16];

	optee_msg_value_to_octets(v, octets);
	optee_msg_octets_to_uuid(octets, &uuid->timeLow, &uuid->timeMid, &uuid->timeHiAndVersion,
				 uuid->clockSeqAndNode);
}
