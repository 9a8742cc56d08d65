// SPDX-License-Identifier: BSD-3-Clause
/* Arm semihosting SYS_EXIT: how the system ends a QEMU run with a status code. */
#include <arch/semihost.h>
#include <stdint.h>

void arch_semihost_exit(int code)
{
	/* SYS_EXIT (0x18) with ADP_Stopped_ApplicationExit and the status (AArch64 form). */
	uint64_t block[2] = { 0x20026, (uint64_t)(int64_t)code };
	register uint64_t x0 __asm__("x0") = 0x18;
	register uint64_t x1 __asm__("x1") = (uint64_t)(uintptr_t)block;

	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	for (;;)
		__asm__ volatile("wfi");
}
