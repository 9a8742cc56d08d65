// SPDX-License-Identifier: BSD-3-Clause
/*
 * nshyp's part of the AArch64 EL2 set-up (role hooks, <hyp/arch_role.h>): guests own their
 * pointer-authentication keys (HCR_EL2.API/APK clear of traps, the keys switched with the vCPU),
 * and a guest with fp_simd uses FP/SIMD (CPTR_EL2.TFP clear). Every guest has a virtual GIC
 * (vgic.h): physical interrupts come to EL2 (HCR_EL2.IMO/FMO set, as the core programs them),
 * its ICC_* accesses reach the virtual CPU interface, switched with its vCPU here. Every
 * guest's WFI and WFE trap (TWI, TWE): they end its slice.
 * The EL2 timer (CNTHP) is nshyp's scheduler tick (irq.c); its test hypercall arms it too.
 */
#include <abi/ffa_rules.h>
#include <abi/hypcall.h>
#include <abi/smccc.h>
#include <arch/sysreg.h>
#include <hyp/arch_role.h>
#include <hyp/role_hooks.h>
#include <lib/container_of.h>

#include "../../nshyp.h"

void role_arch_init(struct el2_config *c)
{
	c->hcr |= HCR_APK | HCR_API; /* guests own their PAC keys (switched per vCPU) */
	vgic_hw_init();
}

uint64_t role_arch_vm_init(struct vm *vm)
{
	struct guest *g = container_of(vm, struct guest, vm);
	const struct sys_vm *cfg = g->cfg; /* set before vm_init */

	vgic_guest_init(g);
	/* Its WFI and WFE end its slice (nshyp.c guest_wait()). */
	vm->arch.hcr |= HCR_TWI | HCR_TWE;
	if (cfg->fp_simd)
		vm->arch.cptr &= ~CPTR_EL2_TFP;
	return s2_root_pa(&vm->s2);
}

void role_arch_vcpu_load(struct vcpu *v)
{
	vcpu_pac_load(v->arch.pac_keys);
	write_sysreg(hcr_el2, v->vm->arch.hcr);
	write_sysreg(cptr_el2, v->vm->arch.cptr);
	vgic_vcpu_load(v);
}

void role_arch_vcpu_put(struct vcpu *v)
{
	vcpu_pac_save(v->arch.pac_keys);
	vgic_vcpu_put(v);
}

/*
 * A guest stopped: a request may have left the EL2 timer armed (HYPCALL_TEST_EL2_TIMER), and
 * nothing of its interrupts may stay pending or active (its SPIs' physical state is reset).
 */
void role_arch_vcpu_quiesce(struct vcpu *v)
{
	struct guest *g = container_of(v->vm, struct guest, vm);

	write_sysreg(cnthp_ctl_el2, 0);
	vgic_stop(&g->vgic);
	printk("%s: virtual GIC: %u SGIs, %u timer and %u device interrupts injected\n",
	       g->cfg->name, g->vgic.injected[0], g->vgic.injected[1], g->vgic.injected[2]);
}

/* The EL1 physical timer is the secure world's: every guest's access traps (UNDEFINED). */
bool role_arch_owns_el1_timer(const struct vcpu *v)
{
	(void)v;
	return false;
}

/* nshyp programs no EL2 register of its own beyond the core's. */
uint64_t role_arch_state_check(const struct vcpu *v)
{
	(void)v;
	return 0;
}

#ifdef TESSERA_TEST_BUILD
/*
 * HYPCALL_TEST_EL2_TIMER: fire nshyp's tick x1 ticks from now, or for x1 = 0 put back the
 * slice's own (nshyp.c keeps the slice's end: a guest cannot keep the CPU by it).
 */
bool role_test_call(const struct vcpu *v, struct ffa_value *c)
{
	(void)v;
	if (smccc_fid_id(c->x[0]) != HYPCALL_TEST_EL2_TIMER)
		return false;
	nshyp_test_tick(c->x[1]);
	smccc_answer(c, 0);
	return true;
}
#endif
