// SPDX-License-Identifier: BSD-3-Clause
/*
 * Build-hardening check of the test guest (docs/architecture.md §8): a function overruns its own
 * stack buffer, as a memory-safety bug would; the stack protector's canary must catch it before
 * the function returns, so the guest panics ("stack protector: corrupted stack frame") and
 * powers off instead of returning through a corrupted frame.
 */
#include <lib/print.h>

#include "../../../guest/guest.h"

/* Writes n bytes into a 16-byte buffer: n > 16 runs over the canary above it. */
static __attribute__((noinline)) void overrun(volatile unsigned n)
{
	char buf[16];

	for (unsigned i = 0; i < n; i++)
		((volatile char *)buf)[i] = 0x41;
	__asm__ volatile("" : : "r"(buf) : "memory");
}

void guest_stack_smash(void)
{
	overrun(8);
	printk("stack protector: an 8-byte write into a 16-byte buffer returned normally\n");
	overrun(40);
	printk("stack protector: FAIL, the overrun returned\n");
}
