/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libteec internals: the contract between the transport-independent core
 * (teec_api.c, teec_marshal.c, teec_pages.c) and a transport
 * (ffa_transport.c in the guests; a fake in test/unit/test_libteec.c).
 * docs/libteec.md describes the design.
 */
#ifndef CLIENT_LIBTEEC_TEEC_PRIVATE_H
#define CLIENT_LIBTEEC_TEEC_PRIVATE_H

#include <abi/optee_msg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <tee_client_api.h>

#define TEEC_PAGE_SIZE 4096u
/* Shared pages libteec owns: bounce buffers, allocated memory, message buffers. */
#define TEEC_POOL_PAGES (TEEC_CONFIG_SHAREDMEM_MAX_SIZE / TEEC_PAGE_SIZE)
/* Temp memrefs sit at this alignment in a call's bounce buffer. */
#define TEEC_BOUNCE_ALIGN 16u
/* Params of the largest message: OPEN_SESSION's two meta params and four client params. */
#define TEEC_MSG_MAX_PARAMS (OPTEE_MSG_OPEN_SESSION_META_PARAMS + TEEC_CONFIG_PAYLOAD_REF_COUNT)

/* Values of the `magic` members of the public structs while they are live. */
#define TEEC_CONTEXT_MAGIC 0x7ec0c7e1u
#define TEEC_SESSION_MAGIC 0x7ec05e55u
#define TEEC_SHM_MAGIC	   0x7ec05a1eu

/* ---- transport ------------------------------------------------------------ */

/* What the transport needs to cancel the call it runs (CANCEL message, docs/tos.md §3). */
struct teec_cancel {
	uint32_t session;
	uint32_t cancel_id;
	volatile uint32_t *requested; /* set by TEEC_RequestCancellation; NULL: not cancellable */
};

/*
 * The TEEs `name` selects, in routing order: the named TEE, or (name NULL)
 * every TEE this guest may reach. Unknown name: TEEC_ERROR_ITEM_NOT_FOUND;
 * a TEE this guest is not bound to: TEEC_ERROR_ACCESS_DENIED.
 */
TEEC_Result teec_tp_select(const char *name, uint16_t ids[TEEC_IMPL_MAX_TEES], uint32_t *count);
/* A context starts (attach) or stops (detach) using TEE `tee`. */
TEEC_Result teec_tp_attach(uint16_t tee);
void teec_tp_detach(uint16_t tee);
/* The message buffer of the next call to `tee` (room for TEEC_MSG_MAX_PARAMS). */
struct optee_msg_arg *teec_tp_msg(uint16_t tee);
/*
 * Run the message in teec_tp_msg(tee) to completion. TEEC_SUCCESS means the
 * TEE answered (its result is in the message); anything else is a
 * transport failure (origin COMMS).
 */
TEEC_Result teec_tp_call(uint16_t tee, const struct teec_cancel *cancel);
/* Share `pages` pages at `addr` with `tee`; *global_id names them in memrefs. */
TEEC_Result teec_tp_share(uint16_t tee, uintptr_t addr, uint32_t pages, uint64_t *global_id);
/* Take a share back (the TEE forgets it, then it is reclaimed); an error: the TEE kept it. */
TEEC_Result teec_tp_unshare(uint16_t tee, uint64_t global_id);
/*
 * Room for small temp memrefs next to the message of the next call to `tee`,
 * in memory already shared with it: *global_id and *offset name it in a
 * memref, *size is how much there is. NULL when the transport has none.
 */
uint8_t *teec_tp_inline_area(uint16_t tee, uint64_t *global_id, uint32_t *offset, uint32_t *size);

/* The transport calls this between the resumes of a suspended call (teec_ext.h). */
void teec_run_resume_hook(void);

/* ---- page pool (teec_pages.c) -------------------------------------------- */

void *teec_pages_alloc(uint32_t pages);
void teec_pages_free(void *p, uint32_t pages);
uint32_t teec_pages_available(void);

static inline uint32_t teec_pages_for(size_t bytes)
{
	return (uint32_t)((bytes + TEEC_PAGE_SIZE - 1) / TEEC_PAGE_SIZE);
}

/* ---- marshalling (teec_marshal.c) ------------------------------------------ */

/* How one parameter of an operation travels. */
struct teec_param_plan {
	uint32_t type;		/* TEEC_* parameter type */
	uint32_t attr;		/* OPTEE_MSG_ATTR_TYPE_* on the wire */
	size_t size;		/* memrefs: bytes named */
	size_t offset;		/* TEMP: offset in the bounce buffer; WHOLE/PARTIAL: in parent */
	TEEC_SharedMemory *shm; /* WHOLE/PARTIAL: the parent */
	bool null_ref;		/* sent as a NULL memref (no buffer, or nothing to share) */
};

struct teec_plan {
	struct teec_param_plan p[TEEC_CONFIG_PAYLOAD_REF_COUNT];
	size_t bounce_bytes; /* bytes of bounce buffer the temp memrefs need */
	uint32_t count;	     /* params sent: up to the last that is not TEEC_NONE (0..4) */
};

/* Check an operation (NULL: no parameters) and lay out its bounce buffer. */
TEEC_Result teec_plan_operation(const TEEC_Operation *op, struct teec_plan *plan);
/* Copy the input temp memrefs into the bounce buffer. */
void teec_bounce_in(const struct teec_plan *plan, const TEEC_Operation *op, uint8_t *bounce);
/*
 * Write the plan's `count` client parameters into `mp` (the message carries no more: the
 * TEE takes a missing one for NONE). Temp memrefs name the bounce
 * buffer, which starts at offset `bounce_base` of share `bounce_id`;
 * registered ones their parent's share.
 */
void teec_encode_params(const struct teec_plan *plan, const TEEC_Operation *op, uint64_t bounce_id,
			uint32_t bounce_base,
			struct optee_msg_param mp[TEEC_CONFIG_PAYLOAD_REF_COUNT]);
/*
 * Write the TEE's answer back into the operation: output values, memref
 * sizes, and (when the TA succeeded) output temp memref contents; `mp` holds
 * the plan's `count` parameters.
 */
void teec_decode_params(const struct teec_plan *plan, TEEC_Operation *op, uint32_t ret,
			const struct optee_msg_param mp[TEEC_CONFIG_PAYLOAD_REF_COUNT],
			const uint8_t *bounce);
/* TEEC_UUID <-> the OPEN_SESSION meta parameter value. */
void teec_uuid_to_value(const TEEC_UUID *uuid, struct optee_msg_param_value *v);
void teec_value_to_uuid(const struct optee_msg_param_value *v, TEEC_UUID *uuid);

/* Page range an FF-A share of [buffer, buffer + size) covers (size 0: one page). */
static inline uintptr_t teec_page_base(const void *buffer)
{
	return (uintptr_t)buffer & ~(uintptr_t)(TEEC_PAGE_SIZE - 1);
}
static inline uint32_t teec_share_pages(const void *buffer, size_t size)
{
	uintptr_t start = teec_page_base(buffer);
	size_t span = (uintptr_t)buffer - start + (size ? size : 1);

	return teec_pages_for(span);
}

#endif /* CLIENT_LIBTEEC_TEEC_PRIVATE_H */
