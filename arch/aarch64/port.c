// SPDX-License-Identifier: BSD-3-Clause
/*
 * AArch64 implementation of the port contract's call and CPU parts (<port/call.h>,
 * <port/cpu.h>; the stage-2 part is s2_pte.c): out-of-line forms of the arch contract's inline
 * helpers, for portable code (lib/) that must not include an arch header.
 */
#include <arch/smc.h>
#include <arch/sysreg.h>
#include <port/call.h>
#include <port/cpu.h>

struct ffa_value port_smc(struct ffa_value in)
{
	return arch_smc(in);
}

struct ffa_value port_hvc(struct ffa_value in)
{
	return arch_hvc(in);
}

uint64_t port_counter(void)
{
	return arch_counter();
}

/* No canary: stack_guard_init() calls it while the guard changes (<port/cpu.h>). */
__attribute__((no_stack_protector)) bool port_random(uint64_t *v)
{
	return arch_rndr(v);
}
