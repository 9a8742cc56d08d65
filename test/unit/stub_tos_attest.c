// SPDX-License-Identifier: BSD-3-Clause
/*
 * tos_attest() for the trusted OS's host tests that link tos/syscall.c without the SPMC behind
 * it: the platform cannot attest. TEE_Attest's own tests are test_attest.c and the QEMU test.
 */
#include <tee_api_defines.h>

#include "../../tos/attest.h"

uint32_t tos_attest(const struct ta_head *head, uint64_t image_size, const uint8_t *challenge,
		    size_t len, uint8_t *token, size_t cap, size_t *token_len)
{
	(void)head, (void)image_size, (void)challenge, (void)len, (void)token, (void)cap;
	*token_len = 0;
	return TEE_ERROR_NOT_SUPPORTED;
}
