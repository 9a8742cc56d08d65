// SPDX-License-Identifier: BSD-3-Clause
/*
 * AArch64 side of tos/arch.h: counter, RNDR, the secure timer, the syndrome of a TA's
 * exception. The secure timer is the EL1 physical timer CNTP_*_EL0: with S-EL2 the secure
 * physical timer CNTPS is UNDEFINED at S-EL1, and the SPMC lets only the partition the
 * description names as the timer's owner reach CNTP (CNTHCTL_EL2.EL1PCEN; any other one gets
 * UNDEFINED). EL0 never reaches it (CNTKCTL_EL1 = 0, mmu.c). CNTP compares with the physical
 * count; the SPMC keeps CNTVOFF_EL2 = 0, so the virtual count tos_arch_counter() reads is the
 * same clock. The normal world's EL2 could still write CNTP (one timer for both worlds): a
 * fire only makes the TOS look at the counter (ta_mgr.c), so that costs availability only.
 */
#include <abi/hypcall.h>
#include <arch/smc.h>
#include <arch/sysreg.h>

#include "../../arch.h"

#define EC_SVC64       0x15 /* ESR_EL1.EC of an SVC from AArch64 */
#define CNT_CTL_ENABLE 1u

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

void tos_arch_timer_set(uint64_t at)
{
	if (at == UINT64_MAX) {
		write_sysreg(cntp_ctl_el0, 0); /* off: its interrupt line drops */
		return;
	}
	write_sysreg(cntp_cval_el0, at);
	write_sysreg(cntp_ctl_el0, CNT_CTL_ENABLE); /* IMASK clear */
	isb();
}

uint32_t tos_arch_interrupt_get(void)
{
	struct ffa_value v = { { HYPCALL_INTERRUPT_GET } };

	return (uint32_t)arch_smc(v).x[0];
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
