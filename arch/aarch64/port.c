// SPDX-License-Identifier: BSD-3-Clause
/*
 * AArch64 implementation of the port contract (<port/call.h>, <port/cpu.h>): out-of-line forms
 * of the arch contract's inline helpers, for portable code (lib/) that must not include an arch
 * header (docs/architecture.md §12).
 */
#include <arch/smc.h>
#include <arch/sysreg.h>
#include <port/call.h>
#include <port/cpu.h>

void port_smc(struct ffa_value *v)
{
	arch_smc_inplace(v);
}

void port_hvc(struct ffa_value *v)
{
	*v = arch_hvc(*v);
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
