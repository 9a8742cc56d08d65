/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The OP-TEE SMC ABI (message protocol 2.0 over SMC32 calls in the trusted-OS
 * range): what Linux's drivers/tee/optee/smc_abi.c issues, and what nshyp's
 * mediator answers for a guest (hyp/role/nshyp/optee_mediator.c,
 * docs/abi/optee-smc.md). Values as in Linux's and OP-TEE's optee_smc.h
 * (reference/abi.md §1.2). Arguments and results are a0-a7 = w0-w7; answers
 * carry results in a0-a3 only.
 */
#ifndef ABI_OPTEE_SMC_H
#define ABI_OPTEE_SMC_H

#include <stdint.h>

/* Fast calls of owner 63 (SMCCC "trusted OS end"): the API's identity. */
#define OPTEE_SMC_CALLS_COUNT	 0xbf00ff00u
#define OPTEE_SMC_CALLS_UID	 0xbf00ff01u
#define OPTEE_SMC_CALLS_REVISION 0xbf00ff03u

/* Fast calls of owner 50 (trusted OS). */
#define OPTEE_SMC_CALL_GET_OS_UUID	0xb2000000u
#define OPTEE_SMC_CALL_GET_OS_REVISION	0xb2000001u
#define OPTEE_SMC_GET_SHM_CONFIG	0xb2000007u
#define OPTEE_SMC_L2CC_MUTEX		0xb2000008u
#define OPTEE_SMC_EXCHANGE_CAPABILITIES 0xb2000009u
#define OPTEE_SMC_DISABLE_SHM_CACHE	0xb200000au
#define OPTEE_SMC_ENABLE_SHM_CACHE	0xb200000bu
#define OPTEE_SMC_BOOT_SECONDARY	0xb200000cu
#define OPTEE_SMC_VM_CREATED		0xb200000du
#define OPTEE_SMC_VM_DESTROYED		0xb200000eu
#define OPTEE_SMC_GET_THREAD_COUNT	0xb200000fu
#define OPTEE_SMC_ENABLE_ASYNC_NOTIF	0xb2000010u
#define OPTEE_SMC_GET_ASYNC_NOTIF_VALUE 0xb2000011u

/* Yielding ("standard") calls of owner 50. */
#define OPTEE_SMC_CALL_RETURN_FROM_RPC 0x32000003u
#define OPTEE_SMC_CALL_WITH_ARG	       0x32000004u
#define OPTEE_SMC_CALL_WITH_RPC_ARG    0x32000012u
#define OPTEE_SMC_CALL_WITH_REGD_ARG   0x32000013u

/* a0 of an answer. */
#define OPTEE_SMC_RETURN_OK		  0x0u
#define OPTEE_SMC_RETURN_ETHREAD_LIMIT	  0x1u
#define OPTEE_SMC_RETURN_EBUSY		  0x2u
#define OPTEE_SMC_RETURN_ERESUME	  0x3u
#define OPTEE_SMC_RETURN_EBADADDR	  0x4u
#define OPTEE_SMC_RETURN_EBADCMD	  0x5u
#define OPTEE_SMC_RETURN_ENOMEM		  0x6u
#define OPTEE_SMC_RETURN_ENOTAVAIL	  0x7u
#define OPTEE_SMC_RETURN_UNKNOWN_FUNCTION 0xffffffffu

/* RPC returns: a0 = 0xffff0000 | function; the normal world answers with RETURN_FROM_RPC. */
#define OPTEE_SMC_RETURN_RPC_PREFIX	0xffff0000u
#define OPTEE_SMC_RPC_FUNC_ALLOC	0u
#define OPTEE_SMC_RPC_FUNC_FREE		2u
#define OPTEE_SMC_RPC_FUNC_FOREIGN_INTR 4u
#define OPTEE_SMC_RPC_FUNC_CMD		5u
#define OPTEE_SMC_RETURN_RPC_FOREIGN_INTR                                                          \
	(OPTEE_SMC_RETURN_RPC_PREFIX | OPTEE_SMC_RPC_FUNC_FOREIGN_INTR)

/* EXCHANGE_CAPABILITIES: a1 in = normal-world caps, a1 out = secure-world caps. */
#define OPTEE_SMC_NSEC_CAP_UNIPROCESSOR	    (1u << 0)
#define OPTEE_SMC_SEC_CAP_HAVE_RESERVED_SHM (1u << 0)
#define OPTEE_SMC_SEC_CAP_UNREGISTERED_SHM  (1u << 1)
#define OPTEE_SMC_SEC_CAP_DYNAMIC_SHM	    (1u << 2)
#define OPTEE_SMC_SEC_CAP_VIRTUALIZATION    (1u << 3)
#define OPTEE_SMC_SEC_CAP_MEMREF_NULL	    (1u << 4)
#define OPTEE_SMC_SEC_CAP_ASYNC_NOTIF	    (1u << 5)
#define OPTEE_SMC_SEC_CAP_RPC_ARG	    (1u << 6)

/* GET_SHM_CONFIG a3: the only setting Linux accepts, normal cached memory. */
#define OPTEE_SMC_SHM_CACHED 1u

_Static_assert(OPTEE_SMC_RETURN_RPC_FOREIGN_INTR == 0xffff0004u, "OP-TEE SMC ABI value");

#endif /* ABI_OPTEE_SMC_H */
