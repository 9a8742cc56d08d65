/* SPDX-License-Identifier: BSD-3-Clause */
/* System calls from a TA to the trusted OS: svc #0, x8 = number (tos/include/tos/ta_abi.h). */
#ifndef TA_LIB_SYSCALL_H
#define TA_LIB_SYSCALL_H

#include <stdint.h>
#include <tos/ta_abi.h>

struct ta_sys_ret {
	uint64_t x0, x1;
};

static inline struct ta_sys_ret ta_syscall(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2)
{
	register uint64_t x0 __asm__("x0") = a0;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x8 __asm__("x8") = nr;

	__asm__ volatile("svc #0" : "+r"(x0), "+r"(x1), "+r"(x2) : "r"(x8) : "memory");
	return (struct ta_sys_ret){ x0, x1 };
}

#endif /* TA_LIB_SYSCALL_H */
