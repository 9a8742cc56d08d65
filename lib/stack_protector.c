// SPDX-License-Identifier: BSD-3-Clause
/*
 * Stack protector support for every firmware image and payload built with FW_CFLAGS
 * (-fstack-protector-strong, docs/architecture.md §12): the guard value the compiler's
 * canaries are compared with, and what a smashed canary does (panic: the image stops, or for a
 * payload, stops itself and its hypervisor reports it).
 *
 * The guard is a per-build constant (STACK_GUARD_SEED, from the Makefile: a random value made
 * once per build directory), kept in .rodata so that no code can rewrite it and so that the
 * boot image, which runs from flash without .data, has it too. Seeding it at run time from
 * RNDR (FEAT_RNG, QEMU -cpu max has it) would have to happen in each image's entry code before
 * the first protected C frame, since frames live across the change; that is not done yet
 * (docs/architecture.md §12 says what this gives).
 */
#include <lib/print.h>
#include <stdint.h>

#ifndef STACK_GUARD_SEED
#define STACK_GUARD_SEED 0x5d2c3b1f9e8a7064ull
#endif

/* The canary: its low byte is 0, so a string copy that overruns cannot reproduce it. */
const uintptr_t __stack_chk_guard = (uintptr_t)(STACK_GUARD_SEED & ~0xffull);

void __stack_chk_fail(void);

__attribute__((noreturn)) void __stack_chk_fail(void)
{
	panic("stack protector: corrupted stack frame (return address %p)",
	      __builtin_return_address(0));
}
