// SPDX-License-Identifier: BSD-3-Clause
/*
 * Stack protector support for every firmware image and payload built with FW_CFLAGS
 * (-fstack-protector-strong, docs/architecture.md §8): the guard value the compiler's
 * canaries are compared with, and what a smashed canary does (panic: a firmware image stops
 * the machine; a payload stops itself and its hypervisor reports it).
 *
 * The guard starts as a per-build constant (STACK_GUARD_SEED, a random value the Makefile makes
 * once per build directory). The EL2 and EL3 images (monitor, SPMC, nshyp, nsclient) replace it
 * at boot with a value from RNDR where FEAT_RNG exists (stack_guard_init(), called from
 * console_init(), which each image's main function calls first: no frame with a canary is live
 * across the change, as those functions never return and have none). The boot image, which
 * runs from flash without .data, and the EL1 payloads (whose ID-register reads a hypervisor
 * may trap) keep the build-time constant, read-only in .rodata.
 */
#include <lib/print.h>
#include <lib/stack_guard.h>
#include <port/cpu.h>
#include <stdint.h>

#ifndef STACK_GUARD_SEED
#define STACK_GUARD_SEED 0x5d2c3b1f9e8a7064ull
#endif
/* The low byte is 0, so a string copy that overruns cannot reproduce the canary. */
#define GUARD(v) ((uintptr_t)(v) & ~(uintptr_t)0xff)

#if defined(ARCH_EL) && ARCH_EL >= 2
#define STACK_GUARD_RUNTIME 1
uintptr_t __stack_chk_guard = GUARD(STACK_GUARD_SEED);
#else
const uintptr_t __stack_chk_guard = GUARD(STACK_GUARD_SEED);
#endif

__attribute__((no_stack_protector)) void stack_guard_init(void)
{
#ifdef STACK_GUARD_RUNTIME
	static int done;
	uint64_t v;

	if (done)
		return;
	done = 1;
	for (unsigned try = 0; try < 8; try++) {
		if (port_random(&v)) {
			__stack_chk_guard = GUARD(v ^ STACK_GUARD_SEED);
			return;
		}
	}
#endif
}

void __stack_chk_fail(void);

__attribute__((noreturn)) void __stack_chk_fail(void)
{
	panic("stack protector: corrupted stack frame (return address %p)",
	      __builtin_return_address(0));
}
