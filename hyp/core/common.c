// SPDX-License-Identifier: BSD-3-Clause
/* Things every hypervisor image has: stacks, panic handling, the unexpected-exception report. */
#include <arch/semihost.h>
#include <arch/sysreg.h>
#include <config/platform.h>
#include <lib/print.h>

void arch_unexpected_exception(unsigned kind);

char hyp_stacks[CONFIG_MAX_CPUS][CONFIG_STACK_SIZE] __attribute__((aligned(16)));

void panic_exit(void)
{
	arch_semihost_exit(99);
}

void arch_unexpected_exception(unsigned kind)
{
	panic("exception %u taken at EL2 itself: ESR_EL2=0x%lx ELR_EL2=0x%lx FAR_EL2=0x%lx", kind,
	      (unsigned long)read_sysreg(esr_el2), (unsigned long)read_sysreg(elr_el2),
	      (unsigned long)read_sysreg(far_el2));
}
