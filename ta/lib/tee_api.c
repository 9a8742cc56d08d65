// SPDX-License-Identifier: BSD-3-Clause
/*
 * The GP TEE Internal Core API functions of the subset we implement that are
 * not about memory allocation or properties: memory helpers, time, random
 * numbers, panics, cancellation, access rights, and our log call. Anything
 * that needs the kernel is one system call (syscall.h).
 */
#include <tee_internal_api.h>

#include "syscall.h"

void TEE_MemMove(void *dest, const void *src, size_t size)
{
	uint8_t *d = dest;
	const uint8_t *s = src;

	if (d < s) {
		for (size_t i = 0; i < size; i++)
			d[i] = s[i];
	} else {
		for (size_t i = size; i > 0; i--)
			d[i - 1] = s[i - 1];
	}
}

int32_t TEE_MemCompare(const void *buffer1, const void *buffer2, size_t size)
{
	const uint8_t *a = buffer1, *b = buffer2;

	for (size_t i = 0; i < size; i++)
		if (a[i] != b[i])
			return a[i] < b[i] ? -1 : 1;
	return 0;
}

void TEE_MemFill(void *buffer, uint32_t x, size_t size)
{
	uint8_t *p = buffer;

	for (size_t i = 0; i < size; i++)
		p[i] = (uint8_t)x;
}

void TEE_Panic(TEE_Result panicCode)
{
	for (;;)
		ta_syscall(TA_SYS_PANIC, panicCode, 0, 0);
}

static void get_time(uint64_t which, TEE_Time *time)
{
	struct ta_sys_ret r = ta_syscall(TA_SYS_GET_TIME, which, 0, 0);

	time->seconds = (uint32_t)r.x0;
	time->millis = (uint32_t)r.x1;
}

void TEE_GetSystemTime(TEE_Time *time)
{
	get_time(0, time);
}

/* There is no REE clock we could trust or read: the same counter as the system time. */
void TEE_GetREETime(TEE_Time *time)
{
	get_time(1, time);
}

TEE_Result TEE_Wait(uint32_t timeout)
{
	return (TEE_Result)ta_syscall(TA_SYS_WAIT, timeout, 0, 0).x0;
}

void TEE_GenerateRandom(void *randomBuffer, size_t randomBufferLen)
{
	TEE_Result r =
	    (TEE_Result)ta_syscall(TA_SYS_RANDOM, (uintptr_t)randomBuffer, randomBufferLen, 0).x0;

	if (r != TEE_SUCCESS)
		TEE_Panic(r); /* GP: a buffer the TA cannot write is a programming error */
}

bool TEE_GetCancellationFlag(void)
{
	return ta_syscall(TA_SYS_CANCEL, TA_CANCEL_GET, 0, 0).x0 != 0;
}

bool TEE_UnmaskCancellation(void)
{
	return ta_syscall(TA_SYS_CANCEL, TA_CANCEL_UNMASK, 0, 0).x0 != 0;
}

bool TEE_MaskCancellation(void)
{
	return ta_syscall(TA_SYS_CANCEL, TA_CANCEL_MASK, 0, 0).x0 != 0;
}

TEE_Result TEE_CheckMemoryAccessRights(uint32_t accessFlags, void *buffer, size_t size)
{
	return (TEE_Result)ta_syscall(TA_SYS_CHECK_ACCESS, accessFlags, (uintptr_t)buffer, size).x0;
}

void tee_user_log(const char *s, size_t len)
{
	while (len) {
		size_t n = len < 256 ? len : 256;

		ta_syscall(TA_SYS_LOG, (uintptr_t)s, n, 0);
		s += n;
		len -= n;
	}
}

TEE_Result TEE_Attest(const void *challenge, size_t challengeLen, void *token, size_t *tokenLen)
{
	struct ta_attest_args a = { (uintptr_t)challenge, challengeLen, (uintptr_t)token,
				    *tokenLen };
	TEE_Result r = (TEE_Result)ta_syscall(TA_SYS_ATTEST, (uintptr_t)&a, 0, 0).x0;

	*tokenLen = a.token_len;
	return r;
}
