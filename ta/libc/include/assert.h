// SPDX-License-Identifier: BSD-3-Clause
/*
 * assert() for S-EL0 code: a failed assertion is a programming error in the TA, so the TA
 * panics (the trusted OS ends its sessions with TEE_ERROR_TARGET_DEAD), it never goes on.
 */
#ifndef TA_LIBC_ASSERT_H
#define TA_LIBC_ASSERT_H

#include <tee_internal_api.h>

#ifdef NDEBUG
#define assert(x) ((void)0)
#else
#define assert(x) ((x) ? (void)0 : TEE_Panic(TEE_ERROR_GENERIC))
#endif

#endif /* TA_LIBC_ASSERT_H */
