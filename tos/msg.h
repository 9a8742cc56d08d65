/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The OP-TEE message (struct optee_msg_arg) as the trusted OS checks it:
 * msg_parse() works on a private copy taken out of shared memory and turns
 * it into a validated struct tee_msg; msg_outputs() lists the few fields the
 * TOS writes back (docs/tos.md §2.1). Pure code, unit-tested on the host
 * (test/unit/test_tos_msg.c).
 */
#ifndef TOS_MSG_H
#define TOS_MSG_H

#include <abi/optee_msg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MSG_MAX_PARAMS (OPTEE_MSG_OPEN_SESSION_META_PARAMS + OPTEE_MSG_MAX_CLIENT_PARAMS)
#define MSG_MAX_SIZE   OPTEE_MSG_GET_ARG_SIZE(MSG_MAX_PARAMS)

/* One client parameter, in GP terms (TEE_PARAM_TYPE_* numbering). */
struct tee_param {
	uint32_t type;
	bool null;	 /* memref with no buffer (global_id = OPTEE_MSG_FMEM_INVALID_GLOBAL_ID) */
	uint64_t a, b;	 /* values */
	uint64_t handle; /* memref: FF-A handle, byte offset into it, size */
	uint64_t offset;
	uint64_t size;
};

struct tee_msg {
	uint32_t cmd, func, session, cancel_id;
	uint32_t num_params;  /* as in the message (meta included) */
	uint32_t first_param; /* index of the first client parameter (2 for OPEN_SESSION) */
	uint8_t ta_uuid[16], client_uuid[16];
	uint32_t login;
	uint32_t param_types; /* TEE_PARAM_TYPES() of the client parameters */
	struct tee_param params[OPTEE_MSG_MAX_CLIENT_PARAMS];
};

/* The message checks' verdict. */
#define MSG_OK	      0
#define MSG_TOO_SHORT -1 /* the header or the parameters do not fit: nothing can be answered */
#define MSG_BAD	      -2 /* answer TEEC_ERROR_BAD_PARAMETERS, origin COMMS */

/* Check a copy of `len` bytes holding an optee_msg_arg (len may exceed the message). */
int msg_parse(const void *copy, size_t len, struct tee_msg *out);

/* One field to write back: `size` (4 or 8) bytes of `value` at `offset` in the argument. */
struct msg_write {
	uint32_t offset;
	uint32_t size;
	uint64_t value;
};
#define MSG_MAX_WRITES (3 + 2 * OPTEE_MSG_MAX_CLIENT_PARAMS)

/*
 * The fields the TOS writes back after a command: ret, ret_origin, session
 * (OPEN_SESSION only, when it succeeded), value a/b of VALUE OUTPUT/INOUT and
 * size of MEMREF OUTPUT/INOUT parameters (from `outs`, the parameters as the
 * TA left them). Returns how many entries of w[] were filled.
 */
unsigned msg_outputs(const struct tee_msg *m, uint32_t ret, uint32_t origin, uint32_t session,
		     const struct tee_param outs[OPTEE_MSG_MAX_CLIENT_PARAMS],
		     struct msg_write w[MSG_MAX_WRITES]);

#endif /* TOS_MSG_H */
