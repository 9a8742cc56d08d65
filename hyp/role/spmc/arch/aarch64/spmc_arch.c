// SPDX-License-Identifier: BSD-3-Clause
/*
 * The SPMC's part of the AArch64 EL2 set-up (role hooks, <hyp/arch_role.h>): at S-EL2 a
 * partition has two stage-2 spaces, its own secure IPA space (VSTTBR_EL2, walked as VSTCR_EL2
 * says) and its Non-secure IPA space (VTTBR_EL2, struct sp's s2_ns), whose Non-secure IPAs
 * must reach Non-secure PAs (VTCR_EL2.NSA; bringup.md §3.3). Partitions all run with the same
 * traps and have no PAC keys (the secure world has no PAC, docs/architecture.md §10).
 */
#include <arch/sysreg.h>
#include <hyp/arch_role.h>
#include <hyp/role_hooks.h>
#include <lib/container_of.h>

#include "../../spmc.h"

/* VSTCR_EL2: the VTCR_EL2 walk shape for the secure IPA space; tables and output secure. */
#define VSTCR_VALUE 0x80000060ull

void role_arch_init(struct el2_config *c)
{
	c->vtcr |= VTCR_NSA;
	write_sysreg(S3_4_C2_C6_2, VSTCR_VALUE); /* VSTCR_EL2 */
}

uint64_t role_arch_vm_init(struct vm *vm)
{
	vm->arch.vsttbr = s2_root_pa(&vm->s2);
	return s2_root_pa(&container_of(vm, struct sp, vm)->s2_ns); /* every VM is an SP's */
}

void role_arch_vcpu_load(struct vcpu *v)
{
	write_sysreg(S3_4_C2_C6_0, v->vm->arch.vsttbr); /* VSTTBR_EL2 */
}

void role_arch_vcpu_put(struct vcpu *v)
{
	(void)v;
}

/* The SPMC arms no timer of its own. */
void role_arch_vcpu_quiesce(struct vcpu *v)
{
	(void)v;
}

uint64_t role_arch_state_check(const struct vcpu *v)
{
	uint64_t bad = 0;

	if (read_sysreg(S3_4_C2_C6_2) != VSTCR_VALUE)
		bad |= STATE_CHECK_VSTCR;
	if (read_sysreg(S3_4_C2_C6_0) != v->vm->arch.vsttbr)
		bad |= STATE_CHECK_VSTTBR;
	return bad;
}

/* The SPMC has no test hypercall of its own (it never touches the normal world's EL2 timer). */
bool role_test_call(const struct vcpu *v, struct ffa_value *c)
{
	(void)v;
	(void)c;
	return false;
}
