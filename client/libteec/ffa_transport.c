// SPDX-License-Identifier: BSD-3-Clause
/*
 * libteec's FF-A transport for bare-metal NS-EL1 guests: finds the TEEs this
 * guest may reach (FFA_PARTITION_INFO_GET against the build's TEE
 * directory), speaks the OP-TEE FF-A ABI to them with 32-bit direct requests
 * (abi/optee_ffa.h, docs/tos.md §2-3) and shares pages with FFA_MEM_SHARE
 * (lib/ffa_mem_client.h). One message page per TEE, shared while a context
 * uses that TEE: the call's optee_msg_arg at offset 0, small temp memrefs
 * from offset 256 (inline: no FF-A memory call for them), a CANCEL message at
 * offset 2048 (the TEE must offer OPTEE_FFA_SEC_CAP_ARG_OFFSET for that).
 */
#include <abi/ffa.h>
#include <abi/ffa_mem.h>
#include <abi/optee_ffa.h>
#include <arch/smc.h>
#include <config/tee_directory.h>
#include <lib/ffa_mem_client.h>
#include <lib/string.h>

#include "teec_private.h"

#define CANCEL_SLOT 2048u
/* Temp memrefs of up to 1792 bytes travel in the message page, between the two slots. */
#define INLINE_AREA    256u
#define MAX_YIELD_RUNS 1000000u /* FFA_RUNs after FFA_YIELD before giving up on a TEE */

_Static_assert(OPTEE_MSG_GET_ARG_SIZE(TEEC_MSG_MAX_PARAMS) <= INLINE_AREA &&
		   INLINE_AREA % TEEC_BOUNCE_ALIGN == 0 && INLINE_AREA < CANCEL_SLOT,
	       "the call's message, small temp memrefs and the CANCEL message share one page");

struct tee_link {
	uint16_t id;	 /* FF-A ID; 0 = free slot */
	bool probed;	 /* OP-TEE handshake done */
	bool optee;	 /* it answered as an OP-TEE FF-A TEE, API major 1 */
	uint32_t caps;	 /* OPTEE_FFA_SEC_CAP_* */
	uint32_t users;	 /* contexts attached */
	uint8_t *arg;	 /* the shared message page */
	uint64_t arg_id; /* its FF-A handle */
};

static struct tee_link links[TEEC_IMPL_MAX_TEES];
static uint8_t rx_buf[TEEC_PAGE_SIZE] __attribute__((aligned(TEEC_PAGE_SIZE)));
static uint8_t tx_buf[TEEC_PAGE_SIZE] __attribute__((aligned(TEEC_PAGE_SIZE)));
static const struct ffa_mem_buffers bufs = { tx_buf, rx_buf, TEEC_PAGE_SIZE };
static bool ready;
static ffa_id_t self;
/* Where a message is written when there is no TEE page (the call then fails). */
static uint64_t scratch[OPTEE_MSG_GET_ARG_SIZE(TEEC_MSG_MAX_PARAMS) / sizeof(uint64_t)];

static struct ffa_value ffa_call(uint64_t fid, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
				 uint64_t a5)
{
	struct ffa_value v = { { fid, a1, a2, a3, a4, a5, 0, 0 } };

	return arch_smc(v);
}

static TEEC_Result from_ffa_error(int32_t e)
{
	switch (e) {
	case FFA_RET_NO_MEMORY:
		return TEEC_ERROR_OUT_OF_MEMORY;
	case FFA_RET_BUSY:
		return TEEC_ERROR_BUSY;
	case FFA_RET_NOT_SUPPORTED:
		return TEEC_ERROR_NOT_SUPPORTED;
	case FFA_RET_DENIED:
		return TEEC_ERROR_ACCESS_DENIED;
	case FFA_RET_INVALID_PARAMETERS:
		return TEEC_ERROR_BAD_PARAMETERS;
	default:
		return TEEC_ERROR_COMMUNICATION;
	}
}

/* FF-A ID, version and our RX/TX pair, once. */
static TEEC_Result transport_init(void)
{
	struct ffa_value r;

	if (ready)
		return TEEC_SUCCESS;
	ffa_call(FFA_VERSION, FFA_VERSION_1_1, 0, 0, 0, 0);
	r = ffa_call(FFA_ID_GET, 0, 0, 0, 0, 0);
	if ((uint32_t)r.x[0] != FFA_SUCCESS_32)
		return TEEC_ERROR_COMMUNICATION;
	self = (ffa_id_t)r.x[2];
	/* libteec owns the guest's RX/TX pair: FF-A allows one per endpoint. */
	if (ffa_rxtx_map(&bufs) != 0)
		return TEEC_ERROR_COMMUNICATION;
	ready = true;
	return TEEC_SUCCESS;
}

/* The partitions discovery shows this guest: its binding, as nshyp enforces it. */
static uint32_t reachable(uint16_t ids[TEEC_IMPL_MAX_TEES])
{
	struct ffa_value r = ffa_call(FFA_PARTITION_INFO_GET, 0, 0, 0, 0, 0);
	uint32_t count, size, n = 0;

	if ((uint32_t)r.x[0] != FFA_SUCCESS_32)
		return 0;
	count = (uint32_t)r.x[2];
	size = (uint32_t)r.x[3];
	for (uint32_t i = 0; size >= sizeof(struct ffa_partition_info) && i < count &&
			     n < TEEC_IMPL_MAX_TEES && (uint64_t)(i + 1) * size <= sizeof(rx_buf);
	     i++) {
		struct ffa_partition_info d;

		memcpy(&d, rx_buf + (size_t)i * size, sizeof(d));
		if (ffa_id_is_secure(d.id)) /* the guest lists itself too (FF-A v1.1 §13.8) */
			ids[n++] = d.id;
	}
	ffa_rx_release();
	return n;
}

static bool in_list(uint16_t id, const uint16_t *ids, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

TEEC_Result teec_tp_select(const char *name, uint16_t ids[TEEC_IMPL_MAX_TEES], uint32_t *count)
{
	uint16_t visible[TEEC_IMPL_MAX_TEES];
	uint32_t nvisible;
	TEEC_Result r = transport_init();

	*count = 0;
	if (r != TEEC_SUCCESS)
		return r;
	nvisible = reachable(visible);
	for (unsigned i = 0; i < tee_directory_count; i++) {
		const struct tee_directory_entry *e = &tee_directory[i];
		bool bound = in_list(e->ffa_id, visible, nvisible);

		if (name && strcmp(name, e->name) == 0) {
			/* A TEE of this system the guest is not bound to: refused, not unknown. */
			if (!bound)
				return TEEC_ERROR_ACCESS_DENIED;
			ids[0] = e->ffa_id;
			*count = 1;
			return TEEC_SUCCESS;
		}
		if (!name && bound && *count < TEEC_IMPL_MAX_TEES)
			ids[(*count)++] = e->ffa_id;
	}
	return name || !*count ? TEEC_ERROR_ITEM_NOT_FOUND : TEEC_SUCCESS;
}

static bool answered_by(const struct ffa_value *v, uint16_t tee)
{
	return (uint32_t)v->x[0] == FFA_MSG_SEND_DIRECT_RESP_32 && ffa_msg_sender(v->x[1]) == tee &&
	       ffa_msg_receiver(v->x[1]) == self;
}

/* One OP-TEE FF-A request; a TEE that yields (FFA_YIELD) is run until it answers. */
static struct ffa_value direct_req(uint16_t tee, uint32_t w3, uint32_t w4, uint32_t w5, uint32_t w6,
				   uint32_t w7)
{
	struct ffa_value v = { { FFA_MSG_SEND_DIRECT_REQ_32, ffa_msg_ids(self, tee), 0, w3, w4, w5,
				 w6, w7 } };

	v = arch_smc(v);
	for (uint32_t n = 0; (uint32_t)v.x[0] == FFA_YIELD && n < MAX_YIELD_RUNS; n++)
		v = ffa_call(FFA_RUN, (uint64_t)tee << 16, 0, 0, 0, 0);
	return v;
}

static struct tee_link *link_of(uint16_t tee, bool create)
{
	struct tee_link *free_slot = NULL;

	for (unsigned i = 0; i < TEEC_IMPL_MAX_TEES; i++) {
		if (links[i].id == tee)
			return &links[i];
		if (!links[i].id && !free_slot)
			free_slot = &links[i];
	}
	if (!create || !free_slot)
		return NULL;
	memset(free_slot, 0, sizeof(*free_slot));
	free_slot->id = tee;
	return free_slot;
}

/* GET_API_VERSION and EXCHANGE_CAPABILITIES: is this an OP-TEE FF-A TEE, what does it offer? */
static TEEC_Result probe(struct tee_link *l)
{
	struct ffa_value v = direct_req(l->id, OPTEE_FFA_GET_API_VERSION, 0, 0, 0, 0);

	if (!answered_by(&v, l->id))
		return from_ffa_error((uint32_t)v.x[0] == FFA_ERROR ? (int32_t)v.x[2]
								    : FFA_RET_ABORTED);
	l->optee = (uint32_t)v.x[3] == OPTEE_FFA_VERSION_MAJOR;
	if (l->optee) {
		v = direct_req(l->id, OPTEE_FFA_EXCHANGE_CAPABILITIES, 0, 0, 0, 0);
		if (!answered_by(&v, l->id) || (uint32_t)v.x[3] != 0)
			return TEEC_ERROR_COMMUNICATION;
		l->caps = (uint32_t)v.x[5];
	}
	l->probed = true;
	return TEEC_SUCCESS;
}

TEEC_Result teec_tp_share(uint16_t tee, uintptr_t addr, uint32_t pages, uint64_t *global_id)
{
	const struct ffa_mem_grant grant = { tee, FFA_MEM_DATA_RW };
	const struct ffa_mem_range range = { addr, pages };
	int32_t e;

	if (!ready)
		return TEEC_ERROR_BAD_STATE;
	e = ffa_mem_send(FFA_MEM_SHARE_32, &bufs, self, &grant, 1, &range, 1,
			 FFA_MEM_ATTR_NORMAL_WB_INNER, 0, 0, bufs.size, global_id);
	return e ? from_ffa_error(e) : TEEC_SUCCESS;
}

TEEC_Result teec_tp_unshare(uint16_t tee, uint64_t global_id)
{
	struct ffa_value v = direct_req(tee, OPTEE_FFA_UNREGISTER_SHM, (uint32_t)global_id,
					(uint32_t)(global_id >> 32), 0, 0);
	int32_t e;

	/* INVALID_PARAMETERS: the TEE never retrieved it; the reclaim below settles it. */
	if (answered_by(&v, tee) && (int32_t)(uint32_t)v.x[3] == FFA_RET_BUSY)
		return TEEC_ERROR_BUSY;
	e = ffa_mem_reclaim(global_id, 0);
	return e ? from_ffa_error(e) : TEEC_SUCCESS;
}

TEEC_Result teec_tp_attach(uint16_t tee)
{
	struct tee_link *l = link_of(tee, true);
	TEEC_Result r;

	if (!l)
		return TEEC_ERROR_OUT_OF_MEMORY;
	if (!l->probed) {
		r = probe(l);
		if (r != TEEC_SUCCESS)
			return r;
	}
	if (!l->optee)
		return TEEC_ERROR_NOT_SUPPORTED;
	if (!l->users) {
		l->arg = teec_pages_alloc(1);
		if (!l->arg)
			return TEEC_ERROR_OUT_OF_MEMORY;
		memset(l->arg, 0, TEEC_PAGE_SIZE);
		r = teec_tp_share(tee, (uintptr_t)l->arg, 1, &l->arg_id);
		if (r != TEEC_SUCCESS) {
			teec_pages_free(l->arg, 1);
			l->arg = NULL;
			return r;
		}
	}
	l->users++;
	return TEEC_SUCCESS;
}

void teec_tp_detach(uint16_t tee)
{
	struct tee_link *l = link_of(tee, false);

	if (!l || !l->users || --l->users)
		return;
	/* A page the TEE kept is never reused. */
	if (teec_tp_unshare(tee, l->arg_id) == TEEC_SUCCESS)
		teec_pages_free(l->arg, 1);
	l->arg = NULL;
}

struct optee_msg_arg *teec_tp_msg(uint16_t tee)
{
	struct tee_link *l = link_of(tee, false);

	return l && l->arg ? (struct optee_msg_arg *)l->arg : (struct optee_msg_arg *)scratch;
}

uint8_t *teec_tp_inline_area(uint16_t tee, uint64_t *global_id, uint32_t *offset, uint32_t *size)
{
	struct tee_link *l = link_of(tee, false);

	if (!l || !l->arg)
		return NULL;
	*global_id = l->arg_id;
	*offset = INLINE_AREA;
	*size = CANCEL_SLOT - INLINE_AREA;
	return l->arg + INLINE_AREA;
}

/* CANCEL for the suspended call, as its own yielding call in the page's second slot. */
static void send_cancel(const struct tee_link *l, const struct teec_cancel *c)
{
	struct optee_msg_arg *m = (struct optee_msg_arg *)(l->arg + CANCEL_SLOT);

	if (!(l->caps & OPTEE_FFA_SEC_CAP_ARG_OFFSET))
		return; /* no second slot: the call runs to its end (docs/libteec.md) */
	memset(m, 0, sizeof(*m));
	m->cmd = OPTEE_MSG_CMD_CANCEL;
	m->session = c->session;
	m->cancel_id = c->cancel_id;
	direct_req(l->id, OPTEE_FFA_YIELDING_CALL_WITH_ARG, (uint32_t)l->arg_id,
		   (uint32_t)(l->arg_id >> 32), CANCEL_SLOT, 0);
}

static bool cancel_wanted(const struct teec_cancel *c)
{
	return c && c->requested && *c->requested;
}

TEEC_Result teec_tp_call(uint16_t tee, const struct teec_cancel *cancel)
{
	struct tee_link *l = link_of(tee, false);
	bool cancel_sent = false;
	struct ffa_value v;

	if (!l || !l->arg)
		return TEEC_ERROR_COMMUNICATION;
	v = direct_req(tee, OPTEE_FFA_YIELDING_CALL_WITH_ARG, (uint32_t)l->arg_id,
		       (uint32_t)(l->arg_id >> 32), 0, 0);
	for (;;) {
		if (!answered_by(&v, tee))
			return TEEC_ERROR_COMMUNICATION;
		if ((uint32_t)v.x[3] != 0)
			return from_ffa_error((int32_t)(uint32_t)v.x[3]);
		if ((uint32_t)v.x[4] == OPTEE_FFA_YIELDING_CALL_RETURN_DONE)
			return TEEC_SUCCESS;
		/* This TEE never issues RPCs (docs/tos.md): anything but INTERRUPT is broken. */
		if ((uint32_t)v.x[4] != OPTEE_FFA_YIELDING_CALL_RETURN_INTERRUPT)
			return TEEC_ERROR_COMMUNICATION;
		teec_run_resume_hook();
		if (cancel_wanted(cancel) && !cancel_sent) {
			send_cancel(l, cancel);
			cancel_sent = true;
		}
		v = direct_req(tee, OPTEE_FFA_YIELDING_CALL_RESUME, 0, 0, 0, (uint32_t)v.x[7]);
	}
}
