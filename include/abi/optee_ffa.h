/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The OP-TEE FF-A ABI: what a normal-world OP-TEE driver (Linux
 * drivers/tee/optee/ffa_abi.c, our libteec ffa_transport) sends to an OP-TEE
 * compatible trusted OS in FF-A direct requests. Values as in OP-TEE's
 * core/arch/arm/include/optee_ffa.h (reference/abi.md §8.4).
 *
 * Every request is FFA_MSG_SEND_DIRECT_REQ_32 (w0 = 0x8400006F), w1 =
 * sender/receiver IDs, w2 = 0, w3 = the function below, w4-w7 arguments; the
 * answer is FFA_MSG_SEND_DIRECT_RESP_32 with w3-w7 results. Error codes in
 * w3 are FF-A error codes (FFA_RET_*, abi/ffa.h) as u32, 0 = success.
 */
#ifndef ABI_OPTEE_FFA_H
#define ABI_OPTEE_FFA_H

#include <stdint.h>

/* Version of this ABI (GET_API_VERSION answers w3 = major, w4 = minor). */
#define OPTEE_FFA_VERSION_MAJOR 1u
#define OPTEE_FFA_VERSION_MINOR 0u

/* Blocking calls run to completion; yielding calls (bit 31) may be resumed. */
#define OPTEE_FFA_YIELDING_CALL_BIT 31
#define OPTEE_FFA_BLOCKING_CALL(id) ((uint32_t)(id))
#define OPTEE_FFA_YIELDING_CALL(id) ((uint32_t)(id) | (1u << OPTEE_FFA_YIELDING_CALL_BIT))

/* w3 = GET_API_VERSION -> w3 = OPTEE_FFA_VERSION_MAJOR, w4 = MINOR. */
#define OPTEE_FFA_GET_API_VERSION OPTEE_FFA_BLOCKING_CALL(0)

/* w3 = GET_OS_VERSION -> w3 = revision major, w4 = minor, w5 = build id (or 0). */
#define OPTEE_FFA_GET_OS_VERSION OPTEE_FFA_BLOCKING_CALL(1)

/*
 * w3 = EXCHANGE_CAPABILITIES -> w3 = error (0), w4[7:0] = parameters the
 * normal world must reserve for RPC in a second optee_msg_arg placed right
 * after the call's one, w5 = OPTEE_FFA_SEC_CAP_* bits, w6 = highest
 * notification value.
 */
#define OPTEE_FFA_EXCHANGE_CAPABILITIES OPTEE_FFA_BLOCKING_CALL(2)
/* The secure world accepts a non-zero offset (w6) in YIELDING_CALL_WITH_ARG. */
#define OPTEE_FFA_SEC_CAP_ARG_OFFSET (1u << 0)
/* Asynchronous notifications through FF-A notifications. */
#define OPTEE_FFA_SEC_CAP_ASYNC_NOTIF (1u << 1)
/* RPMB device probing from the secure world. */
#define OPTEE_FFA_SEC_CAP_RPMB_PROBE (1u << 2)
/* Protected (restricted) memory. */
#define OPTEE_FFA_SEC_CAP_PROTMEM (1u << 3)
/* w4 bits [7:0] of EXCHANGE_CAPABILITIES: RPC parameter count. */
#define OPTEE_FFA_RPC_PARAM_COUNT_MASK 0xffu

/*
 * w3 = UNREGISTER_SHM, w4 = handle [31:0], w5 = handle [63:32] -> w3 =
 * error. The trusted OS forgets (relinquishes) the share; the normal world
 * then reclaims it with FFA_MEM_RECLAIM.
 */
#define OPTEE_FFA_UNREGISTER_SHM OPTEE_FFA_BLOCKING_CALL(3)

/* w3 = ENABLE_ASYNC_NOTIF, w4 = notification value for bottom halves. */
#define OPTEE_FFA_ENABLE_ASYNC_NOTIF OPTEE_FFA_BLOCKING_CALL(5)

/* w3 = RELEASE_PROTMEM, w4:w5 = handle of protected memory (newer OP-TEE). */
#define OPTEE_FFA_RELEASE_PROTMEM OPTEE_FFA_BLOCKING_CALL(8)

/*
 * w3 = YIELDING_CALL_WITH_ARG: w4 = handle [31:0], w5 = handle [63:32] of
 * an FF-A share holding a struct optee_msg_arg at offset w6 (w6 MBZ unless
 * OPTEE_FFA_SEC_CAP_ARG_OFFSET), w7 MBZ. If EXCHANGE_CAPABILITIES asked for
 * RPC parameters, a second optee_msg_arg with that many params follows at
 * w6 + OPTEE_MSG_GET_ARG_SIZE(num_params).
 * w3 = YIELDING_CALL_RESUME: w4-w6 MBZ, w7 = resume info from an earlier
 * return.
 * Return: w3 = error (0, FFA_RET_BUSY when out of threads, FFA_RET_DENIED,
 * FFA_RET_INVALID_PARAMETERS for a bad handle/offset or resume info),
 * w4 = OPTEE_FFA_YIELDING_CALL_RETURN_*, w7 = resume info unless DONE.
 * The call's result is in the optee_msg_arg (ret, ret_origin, outputs).
 */
#define OPTEE_FFA_YIELDING_CALL_WITH_ARG	 OPTEE_FFA_YIELDING_CALL(0)
#define OPTEE_FFA_YIELDING_CALL_RESUME		 OPTEE_FFA_YIELDING_CALL(1)

#define OPTEE_FFA_YIELDING_CALL_RETURN_DONE	 0u
#define OPTEE_FFA_YIELDING_CALL_RETURN_RPC_CMD	 1u
#define OPTEE_FFA_YIELDING_CALL_RETURN_INTERRUPT 2u

_Static_assert(OPTEE_FFA_YIELDING_CALL_WITH_ARG == 0x80000000u, "OP-TEE FF-A ABI value");
_Static_assert(OPTEE_FFA_YIELDING_CALL_RESUME == 0x80000001u, "OP-TEE FF-A ABI value");

/* The 64-bit handle split over two 32-bit registers (w4 low, w5 high). */
static inline uint64_t optee_ffa_handle(uint32_t lo, uint32_t hi)
{
	return (uint64_t)lo | ((uint64_t)hi << 32);
}

#endif /* ABI_OPTEE_FFA_H */
