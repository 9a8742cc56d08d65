// SPDX-License-Identifier: BSD-3-Clause
/*
 * Host "fake" architecture hooks of the hypervisor core. A test harness
 * decides what a "lower level" does by implementing arch_enter_lower() and
 * setting fake_next_exit; everything else is bookkeeping
 * (exceptions.c is the host's exceptions.S).
 */
#include <arch/s2_pte.h>
#include <arch/sysreg.h>
#include <hyp/vm.h>

struct vcpu_exit fake_next_exit = { .reason = VCPU_EXIT_CALL };
/* The current vCPU (TPIDR_EL2 on the hardware). */
void *fake_current_vcpu;
/* Stage-2 TLB flushes so far (arch/fake/include/arch/sysreg.h). */
unsigned long fake_tlb_flushes;
/* Break-before-make invalidations by lib/xlat/s2.c (arch/fake/include/arch/s2_pte.h). */
unsigned long fake_s2_bbm_invals;

void arch_s2_tlb_inval(uint64_t ipa)
{
	(void)ipa;
	fake_s2_bbm_invals++;
}

void arch_hyp_init(void)
{
}

void arch_vm_init(struct vm *vm)
{
	vm->arch.root = s2_root_pa(&vm->s2);
}

void arch_vcpu_init(struct vcpu *v, uint64_t entry, uint64_t arg)
{
	v->regs.elr = entry;
	v->regs.x[0] = arg;
}

void arch_vcpu_load(struct vcpu *v)
{
	v->arch.loads++;
}

void arch_vcpu_put(struct vcpu *v)
{
	(void)v;
}

uint64_t arch_hyp_state_check(const struct vcpu *v)
{
	(void)v;
	return 0;
}

/* Interrupt masking by the SPMC: how deep, and how often (the tests check it is undone). */
unsigned fake_irq_masked, fake_irq_mask_count;

uint64_t arch_irq_mask(void)
{
	fake_irq_mask_count++;
	return fake_irq_masked++;
}

void arch_irq_restore(uint64_t saved)
{
	fake_irq_masked = (unsigned)saved;
}

void arch_vcpu_quiesce(struct vcpu *v)
{
	(void)v;
}

void arch_fp_save(struct arch_fp *fp)
{
	(void)fp;
}

void arch_fp_load(const struct arch_fp *fp)
{
	(void)fp;
}

/* Whether a VM's EL1 can take a stage-2 abort (a test sets it; default: it cannot, stopped). */
bool fake_abort_injectable;
unsigned fake_aborts_injected;

bool arch_vcpu_inject_abort(struct vcpu *v, const struct vcpu_exit *e)
{
	(void)v;
	(void)e;
	fake_aborts_injected += fake_abort_injectable;
	return fake_abort_injectable;
}
