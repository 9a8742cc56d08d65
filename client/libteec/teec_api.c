// SPDX-License-Identifier: BSD-3-Clause
/*
 * The GP TEE Client API functions, transport-independent: contexts,
 * sessions, shared memory bookkeeping, the OP-TEE message of each call and
 * routing by TA UUID. The transport (teec_private.h) moves messages and
 * shares pages. docs/libteec.md has the design and every error choice.
 */
#include <lib/string.h>
#include <teec_ext.h>

#include "teec_private.h"

static uint32_t next_cancel_id = 1;
static teec_resume_hook_fn resume_hook;
static void *resume_hook_arg;

void teec_set_resume_hook(teec_resume_hook_fn hook, void *arg)
{
	resume_hook = hook;
	resume_hook_arg = arg;
}

void teec_run_resume_hook(void)
{
	if (resume_hook)
		resume_hook(resume_hook_arg);
}

static void set_origin(uint32_t *origin, uint32_t value)
{
	if (origin)
		*origin = value;
}

static bool context_is_live(const TEEC_Context *ctx)
{
	return ctx && ctx->magic == TEEC_CONTEXT_MAGIC;
}

static bool session_is_live(const TEEC_Session *s)
{
	return s && s->magic == TEEC_SESSION_MAGIC && context_is_live(s->ctx);
}

/* ---- contexts ---------------------------------------------------------------- */

TEEC_Result TEEC_InitializeContext(const char *name, TEEC_Context *context)
{
	uint16_t ids[TEEC_IMPL_MAX_TEES];
	uint32_t count = 0;
	TEEC_Result r, last = TEEC_ERROR_ITEM_NOT_FOUND;

	if (!context)
		return TEEC_ERROR_BAD_PARAMETERS;
	memset(context, 0, sizeof(*context));
	r = teec_tp_select(name, ids, &count);
	if (r != TEEC_SUCCESS)
		return r;
	for (uint32_t i = 0; i < count && i < TEEC_IMPL_MAX_TEES; i++) {
		/* With a NULL name a TEE that does not speak OP-TEE is left out, not fatal. */
		last = teec_tp_attach(ids[i]);
		if (last == TEEC_SUCCESS)
			context->tee_ids[context->tee_count++] = ids[i];
		else if (name)
			return last;
	}
	if (!context->tee_count)
		return last;
	context->magic = TEEC_CONTEXT_MAGIC;
	return TEEC_SUCCESS;
}

static void close_in_tee(uint16_t tee, uint32_t session);

void TEEC_FinalizeContext(TEEC_Context *context)
{
	if (!context_is_live(context))
		return;
	/* Sessions the client left open: closed, as a TEE driver does when its file is closed. */
	for (unsigned i = 0; i < TEEC_IMPL_MAX_SESSIONS; i++)
		if (context->session_tees[i])
			close_in_tee(context->session_tees[i], context->session_ids[i]);
	memset(context->session_tees, 0, sizeof(context->session_tees));
	for (uint32_t i = 0; i < context->tee_count; i++)
		teec_tp_detach(context->tee_ids[i]);
	context->magic = 0;
	context->tee_count = 0;
}

/* ---- shared memory --------------------------------------------------------- */

static bool shm_is_live(const TEEC_SharedMemory *shm)
{
	return shm && shm->magic == TEEC_SHM_MAGIC;
}

/* Take a block's share back from its TEE; false if the TEE kept it. */
static bool shm_unshare(TEEC_SharedMemory *shm)
{
	if (!shm->shared_with)
		return true;
	if (teec_tp_unshare(shm->shared_with, shm->global_id) != TEEC_SUCCESS) {
		shm->leaked = 1;
		return false;
	}
	shm->shared_with = 0;
	shm->global_id = OPTEE_MSG_FMEM_INVALID_GLOBAL_ID;
	return true;
}

/* Make a block visible to `tee` (moving it from another TEE if needed). */
static TEEC_Result shm_share_with(TEEC_SharedMemory *shm, uint16_t tee)
{
	uint32_t pages = teec_share_pages(shm->buffer, shm->size);
	uint64_t id;
	TEEC_Result r;

	if (!shm->size || shm->shared_with == tee)
		return TEEC_SUCCESS;
	if (!shm_unshare(shm))
		return TEEC_ERROR_BUSY;
	r = teec_tp_share(tee, teec_page_base(shm->buffer), pages, &id);
	if (r != TEEC_SUCCESS)
		return r;
	shm->global_id = id;
	shm->share_pages = pages;
	shm->shared_with = tee;
	return TEEC_SUCCESS;
}

static TEEC_Result shm_setup(TEEC_Context *ctx, TEEC_SharedMemory *shm)
{
	TEEC_Result r;

	shm->context = ctx;
	shm->global_id = OPTEE_MSG_FMEM_INVALID_GLOBAL_ID;
	shm->shared_with = 0;
	shm->leaked = 0;
	/* A context with one TEE shares now, so errors show at registration. */
	if (ctx->tee_count == 1) {
		r = shm_share_with(shm, ctx->tee_ids[0]);
		if (r != TEEC_SUCCESS)
			return r;
	}
	shm->magic = TEEC_SHM_MAGIC;
	return TEEC_SUCCESS;
}

static bool shm_args_ok(const TEEC_Context *ctx, const TEEC_SharedMemory *shm)
{
	return context_is_live(ctx) && shm &&
	       !(shm->flags & ~(uint32_t)(TEEC_MEM_INPUT | TEEC_MEM_OUTPUT));
}

TEEC_Result TEEC_RegisterSharedMemory(TEEC_Context *context, TEEC_SharedMemory *sharedMem)
{
	if (!shm_args_ok(context, sharedMem) || (!sharedMem->buffer && sharedMem->size))
		return TEEC_ERROR_BAD_PARAMETERS;
	sharedMem->pool_pages = NULL;
	return shm_setup(context, sharedMem);
}

TEEC_Result TEEC_AllocateSharedMemory(TEEC_Context *context, TEEC_SharedMemory *sharedMem)
{
	uint32_t pages;
	TEEC_Result r;

	if (!shm_args_ok(context, sharedMem))
		return TEEC_ERROR_BAD_PARAMETERS;
	if (sharedMem->size > TEEC_CONFIG_SHAREDMEM_MAX_SIZE)
		return TEEC_ERROR_OUT_OF_MEMORY;
	pages = teec_pages_for(sharedMem->size ? sharedMem->size : 1);
	sharedMem->pool_pages = teec_pages_alloc(pages);
	if (!sharedMem->pool_pages)
		return TEEC_ERROR_OUT_OF_MEMORY;
	memset(sharedMem->pool_pages, 0, (size_t)pages * TEEC_PAGE_SIZE);
	sharedMem->buffer = sharedMem->pool_pages;
	r = shm_setup(context, sharedMem);
	if (r != TEEC_SUCCESS) {
		teec_pages_free(sharedMem->pool_pages, pages);
		sharedMem->pool_pages = NULL;
		sharedMem->buffer = NULL;
	}
	return r;
}

void TEEC_ReleaseSharedMemory(TEEC_SharedMemory *sharedMemory)
{
	TEEC_SharedMemory *shm = sharedMemory;

	if (!shm_is_live(shm))
		return;
	/* Pages a TEE did not give back are never reused (docs/libteec.md). */
	if (shm_unshare(shm) && shm->pool_pages)
		teec_pages_free(shm->pool_pages, teec_pages_for(shm->size ? shm->size : 1));
	shm->magic = 0;
	shm->pool_pages = NULL;
	shm->buffer = NULL;
	shm->size = 0;
}

/* ---- one call to one TEE ---------------------------------------------------- */

struct teec_call {
	uint16_t tee;
	uint32_t cmd;
	uint32_t func;
	uint32_t session;
	uint32_t login;
	const TEEC_UUID *uuid; /* OPEN_SESSION */
	TEEC_Operation *op;
	const struct teec_plan *plan;
	uint32_t session_out; /* OPEN_SESSION: the new session */
};

struct teec_bounce {
	uint8_t *pages; /* where the temp memrefs are bounced (NULL: none) */
	uint32_t count; /* pool pages of a share of its own (0: inline area) */
	uint32_t base;	/* offset of the bounce buffer in that share */
	uint64_t id;	/* the share */
};

/*
 * Small temp memrefs ride in the transport's inline area (next to the message, already
 * shared): no FF-A memory call at all.
 */
static bool bounce_inline(const struct teec_call *c, struct teec_bounce *b)
{
	uint32_t size = 0;
	uint8_t *area = teec_tp_inline_area(c->tee, &b->id, &b->base, &size);

	if (!area || c->plan->bounce_bytes > size)
		return false;
	/* Zeroed so a TA never sees what an earlier call left there. */
	memset(area, 0, size);
	teec_bounce_in(c->plan, c->op, area);
	b->pages = area;
	return true;
}

/* Allocate, fill and share the call's bounce buffer (if its temp memrefs need one). */
static TEEC_Result bounce_setup(const struct teec_call *c, struct teec_bounce *b, uint32_t *origin)
{
	TEEC_Result r;

	b->pages = NULL;
	b->count = 0;
	b->base = 0;
	b->id = OPTEE_MSG_FMEM_INVALID_GLOBAL_ID;
	if (!c->plan->bounce_bytes || bounce_inline(c, b))
		return TEEC_SUCCESS;
	b->base = 0;
	b->count = teec_pages_for(c->plan->bounce_bytes);
	b->pages = teec_pages_alloc(b->count);
	if (!b->pages) {
		*origin = TEEC_ORIGIN_API; /* libteec's own pool ran out */
		return TEEC_ERROR_OUT_OF_MEMORY;
	}
	/* Zeroed so a TA never sees what an earlier call left in these pages. */
	memset(b->pages, 0, (size_t)b->count * TEEC_PAGE_SIZE);
	teec_bounce_in(c->plan, c->op, b->pages);
	r = teec_tp_share(c->tee, (uintptr_t)b->pages, b->count, &b->id);
	if (r != TEEC_SUCCESS) {
		teec_pages_free(b->pages, b->count);
		b->pages = NULL;
	}
	return r;
}

static void bounce_release(uint16_t tee, struct teec_bounce *b)
{
	if (!b->pages || !b->count)
		return;
	/* Pages the TEE kept stay allocated: reusing them would hand them over twice. */
	if (teec_tp_unshare(tee, b->id) == TEEC_SUCCESS)
		teec_pages_free(b->pages, b->count);
	b->pages = NULL;
}

static TEEC_Result share_registered(const struct teec_call *c)
{
	for (unsigned i = 0; i < TEEC_CONFIG_PAYLOAD_REF_COUNT; i++) {
		TEEC_SharedMemory *shm = c->plan->p[i].shm;
		TEEC_Result r = shm ? shm_share_with(shm, c->tee) : TEEC_SUCCESS;

		if (r != TEEC_SUCCESS)
			return r;
	}
	return TEEC_SUCCESS;
}

/* Fill the message buffer; returns where the client params (c->plan->count) go. */
static struct optee_msg_param *write_message(const struct teec_call *c, struct optee_msg_arg *m)
{
	struct optee_msg_param *params = m->params;

	uint32_t n = c->cmd == OPTEE_MSG_CMD_CLOSE_SESSION ? 0 : c->plan->count;

	/* Only the params sent (up to the last that is not NONE): the TEE copies no more. */
	if (c->cmd == OPTEE_MSG_CMD_OPEN_SESSION)
		n += OPTEE_MSG_OPEN_SESSION_META_PARAMS;
	/* Every byte sent is written once, without clearing the message first: the header here,
	 * the meta params below, the client's by teec_encode_params(). */
	*m = (struct optee_msg_arg){ .cmd = c->cmd,
				     .func = c->func,
				     .session = c->session,
				     .cancel_id = c->op ? c->op->cancel_id : 0,
				     .num_params = n };
	if (c->cmd == OPTEE_MSG_CMD_OPEN_SESSION) {
		params[0] = (struct optee_msg_param){ .attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT |
							      OPTEE_MSG_ATTR_META };
		teec_uuid_to_value(c->uuid, &params[0].u.value);
		/* Client UUID: all zero for a PUBLIC login (the only one offered). */
		params[1] = (struct optee_msg_param){ .attr = OPTEE_MSG_ATTR_TYPE_VALUE_INPUT |
							      OPTEE_MSG_ATTR_META,
						      .u.value.c = c->login };
		params += OPTEE_MSG_OPEN_SESSION_META_PARAMS;
	}
	return params;
}

static TEEC_Result call_tee(struct teec_call *c, uint32_t *origin)
{
	struct optee_msg_param out[TEEC_CONFIG_PAYLOAD_REF_COUNT];
	struct teec_bounce b;
	struct optee_msg_arg *m;
	struct optee_msg_param *params;
	struct teec_cancel cancel;
	TEEC_Result r;

	*origin = TEEC_ORIGIN_COMMS;
	r = share_registered(c);
	if (r != TEEC_SUCCESS)
		return r;
	r = bounce_setup(c, &b, origin);
	if (r != TEEC_SUCCESS)
		return r;
	m = teec_tp_msg(c->tee);
	params = write_message(c, m);
	teec_encode_params(c->plan, c->op, b.id, b.base, params);
	cancel = (struct teec_cancel){ c->session, m->cancel_id,
				       c->op ? &c->op->cancel_requested : NULL };
	r = teec_tp_call(c->tee, &cancel);
	if (r == TEEC_SUCCESS) {
		/* One read of what the TEE wrote back: the shared page is not re-read. */
		memcpy(out, params, c->plan->count * sizeof(out[0]));
		c->session_out = m->session;
		*origin = m->ret_origin;
		r = m->ret;
		teec_decode_params(c->plan, c->op, r, out, b.pages);
	}
	bounce_release(c->tee, &b);
	return r;
}

/* ---- operations ------------------------------------------------------------- */

/*
 * Start an operation: check it, give it a cancellation ID. A cancellation
 * requested before the start cancels it without reaching the TEE.
 */
static TEEC_Result op_begin(TEEC_Operation *op, TEEC_Session *session, struct teec_plan *plan)
{
	TEEC_Result r = teec_plan_operation(op, plan);

	if (r != TEEC_SUCCESS || !op)
		return r;
	if (op->cancel_requested) {
		op->cancel_requested = 0; /* consumed: the operation is over */
		return TEEC_ERROR_CANCEL;
	}
	op->session = session;
	op->cancel_id = next_cancel_id++;
	op->started = 1;
	return TEEC_SUCCESS;
}

static void op_end(TEEC_Operation *op)
{
	if (op)
		op->cancel_requested = 0;
}

static bool routes_on(TEEC_Result r, uint32_t origin)
{
	/* Only "no such TA here" from the TEE moves on; a TA's own ITEM_NOT_FOUND is an answer. */
	return r == TEEC_ERROR_ITEM_NOT_FOUND && origin != TEEC_ORIGIN_TRUSTED_APP;
}

/*
 * Remember (or forget) an open session so TEEC_FinalizeContext can close it. A context with
 * more than TEEC_IMPL_MAX_SESSIONS open leaves the extra ones to the client.
 */
static void track_session(TEEC_Context *ctx, uint16_t tee, uint32_t id, bool open)
{
	for (unsigned i = 0; i < TEEC_IMPL_MAX_SESSIONS; i++) {
		if (open && !ctx->session_tees[i]) {
			ctx->session_tees[i] = tee;
			ctx->session_ids[i] = id;
			return;
		}
		if (!open && ctx->session_tees[i] == tee && ctx->session_ids[i] == id) {
			ctx->session_tees[i] = 0;
			return;
		}
	}
}

/* One of the GP login methods other than PUBLIC. */
static bool login_is_gp_identity(uint32_t method)
{
	return method == TEEC_LOGIN_USER || method == TEEC_LOGIN_GROUP ||
	       method == TEEC_LOGIN_APPLICATION || method == TEEC_LOGIN_USER_APPLICATION ||
	       method == TEEC_LOGIN_GROUP_APPLICATION;
}

static TEEC_Result open_checks(TEEC_Context *ctx, TEEC_Session *session,
			       const TEEC_UUID *destination, uint32_t method, const void *data)
{
	if (!context_is_live(ctx) || !session || !destination)
		return TEEC_ERROR_BAD_PARAMETERS;
	/* A bare-metal guest has no users, groups or applications to log in as. */
	if (login_is_gp_identity(method))
		return TEEC_ERROR_NOT_SUPPORTED;
	if (method != TEEC_LOGIN_PUBLIC || data)
		return TEEC_ERROR_BAD_PARAMETERS;
	return TEEC_SUCCESS;
}

TEEC_Result TEEC_OpenSession(TEEC_Context *context, TEEC_Session *session,
			     const TEEC_UUID *destination, uint32_t connectionMethod,
			     const void *connectionData, TEEC_Operation *operation,
			     uint32_t *returnOrigin)
{
	struct teec_plan plan;
	struct teec_call c = { .cmd = OPTEE_MSG_CMD_OPEN_SESSION,
			       .uuid = destination,
			       .login = OPTEE_MSG_LOGIN_PUBLIC,
			       .op = operation,
			       .plan = &plan };
	uint32_t origin = TEEC_ORIGIN_API;
	TEEC_Result r;

	r = open_checks(context, session, destination, connectionMethod, connectionData);
	if (r == TEEC_SUCCESS)
		r = op_begin(operation, session, &plan);
	if (r != TEEC_SUCCESS) {
		set_origin(returnOrigin, TEEC_ORIGIN_API);
		return r;
	}
	session->magic = 0;
	for (uint32_t i = 0; i < context->tee_count; i++) {
		c.tee = context->tee_ids[i];
		r = call_tee(&c, &origin);
		if (!routes_on(r, origin))
			break;
	}
	op_end(operation);
	set_origin(returnOrigin, origin);
	if (r != TEEC_SUCCESS)
		return r;
	session->ctx = context;
	session->session_id = c.session_out;
	session->tee_id = c.tee;
	session->magic = TEEC_SESSION_MAGIC;
	track_session(context, c.tee, c.session_out, true);
	return TEEC_SUCCESS;
}

static void close_in_tee(uint16_t tee, uint32_t session)
{
	struct teec_plan none;
	struct teec_call c;
	uint32_t origin;

	teec_plan_operation(NULL, &none);
	c = (struct teec_call){
		.tee = tee, .cmd = OPTEE_MSG_CMD_CLOSE_SESSION, .session = session, .plan = &none
	};
	call_tee(&c, &origin); /* nothing to report: GP CloseSession returns void */
}

void TEEC_CloseSession(TEEC_Session *session)
{
	if (!session_is_live(session))
		return;
	close_in_tee(session->tee_id, session->session_id);
	track_session(session->ctx, session->tee_id, session->session_id, false);
	session->magic = 0;
}

TEEC_Result TEEC_InvokeCommand(TEEC_Session *session, uint32_t commandID, TEEC_Operation *operation,
			       uint32_t *returnOrigin)
{
	struct teec_plan plan;
	struct teec_call c;
	uint32_t origin;
	TEEC_Result r;

	if (!session_is_live(session)) {
		set_origin(returnOrigin, TEEC_ORIGIN_API);
		return TEEC_ERROR_BAD_PARAMETERS;
	}
	r = op_begin(operation, session, &plan);
	if (r != TEEC_SUCCESS) {
		set_origin(returnOrigin, TEEC_ORIGIN_API);
		return r;
	}
	c = (struct teec_call){ .tee = session->tee_id,
				.cmd = OPTEE_MSG_CMD_INVOKE_COMMAND,
				.func = commandID,
				.session = session->session_id,
				.op = operation,
				.plan = &plan };
	r = call_tee(&c, &origin);
	op_end(operation);
	set_origin(returnOrigin, origin);
	return r;
}

void TEEC_RequestCancellation(TEEC_Operation *operation)
{
	/* The transport sends the CANCEL message at the next resume (teec_tp_call). */
	if (operation)
		operation->cancel_requested = 1;
}
