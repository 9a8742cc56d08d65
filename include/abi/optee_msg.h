/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The OP-TEE message protocol (message format version 2.0): the
 * `struct optee_msg_arg` that carries OPEN_SESSION, INVOKE_COMMAND,
 * CLOSE_SESSION, CANCEL, ... between a normal-world client and a trusted OS,
 * whatever the transport (OP-TEE SMC ABI or the OP-TEE FF-A ABI, see
 * abi/optee_ffa.h). Layout and values as in OP-TEE's core/include/optee_msg.h
 * and Linux drivers/tee/optee/optee_msg.h (reference/abi.md §1.4); everything
 * is little-endian. Our additions are marked "(Tessera)".
 */
#ifndef ABI_OPTEE_MSG_H
#define ABI_OPTEE_MSG_H

#include <stddef.h>
#include <stdint.h>

/* Parameter types: optee_msg_param.attr bits [7:0]. */
#define OPTEE_MSG_ATTR_TYPE_NONE	 0x0u
#define OPTEE_MSG_ATTR_TYPE_VALUE_INPUT	 0x1u
#define OPTEE_MSG_ATTR_TYPE_VALUE_OUTPUT 0x2u
#define OPTEE_MSG_ATTR_TYPE_VALUE_INOUT	 0x3u
#define OPTEE_MSG_ATTR_TYPE_RMEM_INPUT	 0x5u
#define OPTEE_MSG_ATTR_TYPE_RMEM_OUTPUT	 0x6u
#define OPTEE_MSG_ATTR_TYPE_RMEM_INOUT	 0x7u
/* On the FF-A transport registered memrefs name an FF-A handle (fmem). */
#define OPTEE_MSG_ATTR_TYPE_FMEM_INPUT	OPTEE_MSG_ATTR_TYPE_RMEM_INPUT
#define OPTEE_MSG_ATTR_TYPE_FMEM_OUTPUT OPTEE_MSG_ATTR_TYPE_RMEM_OUTPUT
#define OPTEE_MSG_ATTR_TYPE_FMEM_INOUT	OPTEE_MSG_ATTR_TYPE_RMEM_INOUT
#define OPTEE_MSG_ATTR_TYPE_TMEM_INPUT	0x9u
#define OPTEE_MSG_ATTR_TYPE_TMEM_OUTPUT 0xau
#define OPTEE_MSG_ATTR_TYPE_TMEM_INOUT	0xbu

#define OPTEE_MSG_ATTR_TYPE_MASK	0xffu

/* Meta parameter, absorbed by the trusted OS (the two OPEN_SESSION params). */
#define OPTEE_MSG_ATTR_META (1u << 8)
/* TMEM buf_ptr points to a list of 4 KiB page addresses (SMC ABI only). */
#define OPTEE_MSG_ATTR_NONCONTIG (1u << 9)

/* Cache attributes of temp memrefs, attr bits [18:16]. */
#define OPTEE_MSG_ATTR_CACHE_SHIFT	16
#define OPTEE_MSG_ATTR_CACHE_MASK	0x7u
#define OPTEE_MSG_ATTR_CACHE_PREDEFINED 0u

/* Login methods: same values as TEE_LOGIN_* of the Internal Core API. */
#define OPTEE_MSG_LOGIN_PUBLIC		  0x00000000u
#define OPTEE_MSG_LOGIN_USER		  0x00000001u
#define OPTEE_MSG_LOGIN_GROUP		  0x00000002u
#define OPTEE_MSG_LOGIN_APPLICATION	  0x00000004u
#define OPTEE_MSG_LOGIN_APPLICATION_USER  0x00000005u
#define OPTEE_MSG_LOGIN_APPLICATION_GROUP 0x00000006u
/* Linux's TEE_IOCTL_LOGIN_REE_KERNEL, used by in-kernel clients. */
#define OPTEE_MSG_LOGIN_REE_KERNEL 0x80000000u

/* Page size of NONCONTIG page lists; "no handle" for fmem. */
#define OPTEE_MSG_NONCONTIG_PAGE_SIZE	 4096u
#define OPTEE_MSG_FMEM_INVALID_GLOBAL_ID 0xffffffffffffffffull

/*
 * Origins of optee_msg_arg.ret (Tessera: named here, values are the GP
 * TEEC_ORIGIN_* / TEE_ORIGIN_* ones the protocol carries).
 */
#define OPTEE_MSG_ORIGIN_API	     0x00000001u
#define OPTEE_MSG_ORIGIN_COMMS	     0x00000002u
#define OPTEE_MSG_ORIGIN_TEE	     0x00000003u
#define OPTEE_MSG_ORIGIN_TRUSTED_APP 0x00000004u

/* Temporary memref: a physical (intermediate physical) address. */
struct optee_msg_param_tmem {
	uint64_t buf_ptr;
	uint64_t size;
	uint64_t shm_ref; /* the client's opaque cookie; 0 = NULL memref */
};

/* Registered memref: an offset into memory registered with REGISTER_SHM. */
struct optee_msg_param_rmem {
	uint64_t offs;
	uint64_t size;
	uint64_t shm_ref;
};

/*
 * FF-A memref: an offset into memory shared with FFA_MEM_SHARE/LEND.
 * offset = offs_low | offs_high << 32; internal_offs is the buffer's offset
 * in the first page of the share; global_id is the FF-A handle.
 */
struct optee_msg_param_fmem {
	uint32_t offs_low;
	uint16_t offs_high;
	uint16_t internal_offs;
	uint64_t size;
	uint64_t global_id;
};

/* Values: passed through unchecked. */
struct optee_msg_param_value {
	uint64_t a;
	uint64_t b;
	uint64_t c;
};

/* One parameter: attr & OPTEE_MSG_ATTR_TYPE_MASK says which union member. */
struct optee_msg_param {
	uint64_t attr;
	union {
		struct optee_msg_param_tmem tmem;
		struct optee_msg_param_rmem rmem;
		struct optee_msg_param_fmem fmem;
		struct optee_msg_param_value value;
		uint8_t octets[24];
	} u;
};

/*
 * The call argument: a 32-byte header followed by num_params parameters.
 * session is an output of OPEN_SESSION and an input of every other command;
 * ret/ret_origin are written by the trusted OS.
 */
struct optee_msg_arg {
	uint32_t cmd;
	uint32_t func;
	uint32_t session;
	uint32_t cancel_id;
	uint32_t pad;
	uint32_t ret;
	uint32_t ret_origin;
	uint32_t num_params;
	struct optee_msg_param params[];
};

/* Bytes of an optee_msg_arg with n parameters. */
#define OPTEE_MSG_GET_ARG_SIZE(num_params)                                                         \
	(sizeof(struct optee_msg_arg) + sizeof(struct optee_msg_param) * (num_params))

/* Pinned layout (OP-TEE optee_msg.h; reference/abi.md §1.4). */
_Static_assert(sizeof(struct optee_msg_param_tmem) == 24, "tmem is 24 bytes");
_Static_assert(sizeof(struct optee_msg_param_rmem) == 24, "rmem is 24 bytes");
_Static_assert(sizeof(struct optee_msg_param_fmem) == 24, "fmem is 24 bytes");
_Static_assert(offsetof(struct optee_msg_param_fmem, offs_high) == 4, "fmem.offs_high at 4");
_Static_assert(offsetof(struct optee_msg_param_fmem, internal_offs) == 6, "fmem.internal_offs");
_Static_assert(offsetof(struct optee_msg_param_fmem, size) == 8, "fmem.size at 8");
_Static_assert(offsetof(struct optee_msg_param_fmem, global_id) == 16, "fmem.global_id at 16");
_Static_assert(sizeof(struct optee_msg_param_value) == 24, "value is 24 bytes");
_Static_assert(sizeof(struct optee_msg_param) == 32, "a param is 32 bytes");
_Static_assert(offsetof(struct optee_msg_param, u) == 8, "param union at 8");
_Static_assert(sizeof(struct optee_msg_arg) == 32, "arg header is 32 bytes");
_Static_assert(offsetof(struct optee_msg_arg, func) == 4, "arg.func at 4");
_Static_assert(offsetof(struct optee_msg_arg, session) == 8, "arg.session at 8");
_Static_assert(offsetof(struct optee_msg_arg, cancel_id) == 12, "arg.cancel_id at 12");
_Static_assert(offsetof(struct optee_msg_arg, ret) == 20, "arg.ret at 20");
_Static_assert(offsetof(struct optee_msg_arg, ret_origin) == 24, "arg.ret_origin at 24");
_Static_assert(offsetof(struct optee_msg_arg, num_params) == 28, "arg.num_params at 28");
_Static_assert(offsetof(struct optee_msg_arg, params) == 32, "params follow the header");
_Static_assert(OPTEE_MSG_GET_ARG_SIZE(6) == 224, "6 params (4 user + 2 meta) take 224 bytes");

/* fmem offset helpers: the 48-bit offset is split over offs_low/offs_high. */
static inline uint64_t optee_msg_fmem_offset(const struct optee_msg_param_fmem *f)
{
	return (uint64_t)f->offs_low | ((uint64_t)f->offs_high << 32);
}
static inline void optee_msg_fmem_set_offset(struct optee_msg_param_fmem *f, uint64_t offs)
{
	f->offs_low = (uint32_t)offs;
	f->offs_high = (uint16_t)(offs >> 32);
}
#define OPTEE_MSG_FMEM_MAX_OFFSET 0xffffffffffffull

/*
 * Fast-call identification (OP-TEE SMC ABI): the message-protocol UID
 * 384fb3e0-e7f8-11e3-af63-0002a5d5c51b, revision 2.0, and the UUID of the
 * OP-TEE trusted OS 486178e0-e7f8-11e3-bc5e-0002a5d5c51b (which is also the
 * FF-A partition UUID an OP-TEE FF-A driver binds to).
 */
#define OPTEE_MSG_UID_0			 0x384fb3e0u
#define OPTEE_MSG_UID_1			 0xe7f811e3u
#define OPTEE_MSG_UID_2			 0xaf630002u
#define OPTEE_MSG_UID_3			 0xa5d5c51bu
#define OPTEE_MSG_FUNCID_CALLS_UID	 0xff01u
#define OPTEE_MSG_REVISION_MAJOR	 2u
#define OPTEE_MSG_REVISION_MINOR	 0u
#define OPTEE_MSG_FUNCID_CALLS_REVISION	 0xff03u
#define OPTEE_MSG_OS_OPTEE_UUID_0	 0x486178e0u
#define OPTEE_MSG_OS_OPTEE_UUID_1	 0xe7f811e3u
#define OPTEE_MSG_OS_OPTEE_UUID_2	 0xbc5e0002u
#define OPTEE_MSG_OS_OPTEE_UUID_3	 0xa5d5c51bu
#define OPTEE_MSG_FUNCID_GET_OS_UUID	 0x0000u
#define OPTEE_MSG_FUNCID_GET_OS_REVISION 0x0001u
#define OPTEE_MSG_FUNCID_CALL_WITH_ARG	 0x0004u

/*
 * Commands (optee_msg_arg.cmd).
 * OPEN_SESSION: params[0] VALUE_INPUT|META, a:b = TA UUID octets;
 *   params[1] VALUE_INPUT|META, a:b = client UUID octets, c = login;
 *   params[2..] the client's parameters; the TOS writes `session`.
 * INVOKE_COMMAND: session, func, cancel_id, up to 4 params.
 * CLOSE_SESSION: session, no params. CANCEL: session, cancel_id.
 * REGISTER_SHM / UNREGISTER_SHM: SMC ABI only (FF-A uses FFA_MEM_SHARE and
 * OPTEE_FFA_UNREGISTER_SHM).
 */
#define OPTEE_MSG_CMD_OPEN_SESSION     0u
#define OPTEE_MSG_CMD_INVOKE_COMMAND   1u
#define OPTEE_MSG_CMD_CLOSE_SESSION    2u
#define OPTEE_MSG_CMD_CANCEL	       3u
#define OPTEE_MSG_CMD_REGISTER_SHM     4u
#define OPTEE_MSG_CMD_UNREGISTER_SHM   5u
#define OPTEE_MSG_CMD_DO_BOTTOM_HALF   6u
#define OPTEE_MSG_CMD_STOP_ASYNC_NOTIF 7u

/* The two meta parameters of OPEN_SESSION come first. */
#define OPTEE_MSG_OPEN_SESSION_META_PARAMS 2u
/* At most 4 client parameters (TEEC_CONFIG_PAYLOAD_REF_COUNT) per call. */
#define OPTEE_MSG_MAX_CLIENT_PARAMS 4u

/*
 * UUID <-> the 16 octets carried in value.a/value.b of the meta params
 * (RFC 4122 byte order: time_low, time_mid, time_hi_and_version big-endian,
 * then clock_seq_and_node[8]). a holds octets 0..7 and b octets 8..15 in
 * memory order, i.e. the 16 bytes are copied verbatim over a and b on a
 * little-endian machine (OP-TEE's tee_uuid_to_octets + memcpy).
 */
static inline void optee_msg_uuid_to_octets(uint8_t octets[16], uint32_t time_low,
					    uint16_t time_mid, uint16_t time_hi_and_version,
					    const uint8_t clock_seq_and_node[8])
{
	octets[0] = (uint8_t)(time_low >> 24);
	octets[1] = (uint8_t)(time_low >> 16);
	octets[2] = (uint8_t)(time_low >> 8);
	octets[3] = (uint8_t)time_low;
	octets[4] = (uint8_t)(time_mid >> 8);
	octets[5] = (uint8_t)time_mid;
	octets[6] = (uint8_t)(time_hi_and_version >> 8);
	octets[7] = (uint8_t)time_hi_and_version;
	for (unsigned i = 0; i < 8; i++)
		octets[8 + i] = clock_seq_and_node[i];
}

static inline void optee_msg_octets_to_uuid(const uint8_t octets[16], uint32_t *time_low,
					    uint16_t *time_mid, uint16_t *time_hi_and_version,
					    uint8_t clock_seq_and_node[8])
{
	*time_low = ((uint32_t)octets[0] << 24) | ((uint32_t)octets[1] << 16) |
		    ((uint32_t)octets[2] << 8) | octets[3];
	*time_mid = (uint16_t)((octets[4] << 8) | octets[5]);
	*time_hi_and_version = (uint16_t)((octets[6] << 8) | octets[7]);
	for (unsigned i = 0; i < 8; i++)
		clock_seq_and_node[i] = octets[8 + i];
}

/* The 16 octets <-> value.a/value.b (little-endian u64s, octet 0 lowest). */
static inline void optee_msg_octets_to_value(const uint8_t octets[16],
					     struct optee_msg_param_value *v)
{
	v->a = 0;
	v->b = 0;
	for (unsigned i = 0; i < 8; i++) {
		v->a |= (uint64_t)octets[i] << (8 * i);
		v->b |= (uint64_t)octets[8 + i] << (8 * i);
	}
}

static inline void optee_msg_value_to_octets(const struct optee_msg_param_value *v,
					     uint8_t octets[16])
{
	for (unsigned i = 0; i < 8; i++) {
		octets[i] = (uint8_t)(v->a >> (8 * i));
		octets[8 + i] = (uint8_t)(v->b >> (8 * i));
	}
}

#endif /* ABI_OPTEE_MSG_H */
