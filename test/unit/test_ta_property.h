/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Forced in front of ta/lib/property.c for its host test (test_ta_property.c): takes the
 * place of ta/lib/syscall.h (an SVC to the trusted OS) with a function the test provides.
 */
#ifndef TEST_TA_PROPERTY_H
#define TEST_TA_PROPERTY_H
#define TA_LIB_SYSCALL_H /* ta/lib/syscall.h is not used on the host */

#include <stdint.h>
#include <tos/ta_abi.h>

struct ta_sys_ret {
	uint64_t x0, x1;
};

struct ta_sys_ret ta_syscall(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2);

#endif /* TEST_TA_PROPERTY_H */
