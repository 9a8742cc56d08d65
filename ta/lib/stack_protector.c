// SPDX-License-Identifier: BSD-3-Clause
/*
 * Stack protector support for Trusted Applications (TA_CFLAGS has -fstack-protector-strong):
 * the guard (a per-build constant, see lib/stack_protector.c) and a smashed canary panics the
 * TA with TEE_Panic, so the trusted OS kills only that TA instance.
 */
#include <stdint.h>
#include <tee_internal_api.h>

#ifndef STACK_GUARD_SEED
#define STACK_GUARD_SEED 0x5d2c3b1f9e8a7064ull
#endif

const uintptr_t __stack_chk_guard = (uintptr_t)(STACK_GUARD_SEED & ~0xffull);

void __stack_chk_fail(void);

__attribute__((noreturn)) void __stack_chk_fail(void)
{
	TEE_Panic(TEE_ERROR_SECURITY);
	__builtin_unreachable();
}
