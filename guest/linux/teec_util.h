/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Small helpers shared by our Linux GP client programs (tessera-demo, teec-check,
 * teec-kill): names of GP results and origins for their log lines. They use Debian's
 * libteec (optee_client), which has no such names.
 */
#ifndef GUEST_LINUX_TEEC_UTIL_H
#define GUEST_LINUX_TEEC_UTIL_H

#include <stdint.h>
#include <tee_client_api.h>

/* GP TEE Internal API result a TA may return: not in the Client API's header. */
#ifndef TEEC_ERROR_MAC_INVALID
#define TEEC_ERROR_MAC_INVALID 0xffff3071u
#endif

/** The GP name of a TEEC_Result ("TEEC_ERROR_ITEM_NOT_FOUND"), or "unknown". */
const char *teec_result_str(TEEC_Result r);
/** The GP name of a return origin ("TEEC_ORIGIN_TEE"), or "unknown". */
const char *teec_origin_str(uint32_t origin);
/** Milliseconds from a monotonic clock. */
uint64_t now_ms(void);

#endif /* GUEST_LINUX_TEEC_UTIL_H */
