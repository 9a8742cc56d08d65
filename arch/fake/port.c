// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host "fake" implementation of the port contract's call part (<port/call.h>) for portable code
 * built on the host (lib/ffa_mem_client.c in the memory tests and fuzzers): there is no higher
 * exception level; a call goes to the test harness's fake_smc() (<arch/smc.h>), which plays
 * whatever sits above the caller. The CPU part (<port/cpu.h>) has no host user.
 */
#include <arch/smc.h>
#include <port/call.h>

void port_smc(struct ffa_value *v)
{
	*v = arch_smc(*v);
}

void port_hvc(struct ffa_value *v)
{
	*v = arch_hvc(*v);
}
