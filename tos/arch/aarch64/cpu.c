// SPDX-License-Identifier: BSD-3-Clause
/* AArch64 side of tos/arch.h: counter, RNDR, the syndrome of a TA's exception. */
#include <arch/sysreg.h>

#include "../../arch.h"

#define EC_SVC64 0x15 /* ESR_EL1.EC of an SVC from AArch64 */

uint64_t tos_arch_counter(void)
{
	return arch_counter();
}

uint64_t tos_arch_counter_freq(void)
{
	uint64_t f = read_sysreg(cntfrq_el0);

	return f ? f : 1;
}

uint64_t tos_arch_random(void)
{
	uint64_t v;

	while (!arch_rndr(&v)) /* no entropy this time: retry (the TOS runs only on FEAT_RNG) */
		;
	return v;
}

uint64_t tos_arch_user_syndrome(void)
{
	return read_sysreg(esr_el1);
}

uint64_t tos_arch_user_fault_addr(void)
{
	return read_sysreg(far_el1);
}

uint64_t tos_arch_user_tls(void)
{
	return read_sysreg(tpidr_el0);
}

void tos_arch_set_user_tls(uint64_t v)
{
	write_sysreg(tpidr_el0, v);
}

int tos_arch_is_syscall(uint64_t syndrome)
{
	return esr_ec(syndrome) == EC_SVC64;
}
