// SPDX-License-Identifier: BSD-3-Clause
/*
 * The SPMC's part of the AArch64 EL2 set-up (role hooks, <hyp/arch_role.h>): at S-EL2 a
 * partition has two stage-2 spaces, its own secure IPA space (VSTTBR_EL2, walked as VSTCR_EL2
 * says) and its Non-secure IPA space (VTTBR_EL2, struct sp's s2_ns), whose Non-secure IPAs
 * must reach Non-secure PAs (VTCR_EL2.NSA; bringup.md §3.3). Partitions all run with the same
 * traps and have no PAC keys (the secure world has no PAC, docs/architecture.md §10).
 * Secure interrupts: the physical CPU interface at S-EL2 (ICC_*_EL1, the Secure copies) and the
 * virtual IRQ of HCR_EL2.VI; the ICH virtual interface is off and traps (spmc_arch_irq_init()).
 * The secure timer (the EL1 physical timer CNTP, PPI 30) is its owner partition's alone: see
 * role_arch_trap().
 */
#include <arch/sysreg.h>
#include <config/system.h>
#include <hyp/arch_role.h>
#include <hyp/role_hooks.h>
#include <lib/container_of.h>
#include <plat/plat_def.h>

#include "../../spmc.h"

/* VSTCR_EL2: the VTCR_EL2 walk shape for the secure IPA space; tables and output secure. */
#define VSTCR_VALUE 0x80000060ull

void role_arch_init(struct el2_config *c)
{
	c->vtcr |= VTCR_NSA;
	write_sysreg(S3_4_C2_C6_2, VSTCR_VALUE); /* VSTCR_EL2 */
	spmc_arch_irq_init();
}

/* ICH_HCR_EL2: En = 0 (no list registers in the secure world), and every EL1 access to the
 * CPU interface traps (TC, TALL0, TALL1, TDIR): a partition reading ICC_IAR1_EL1 gets UNDEFINED
 * (vm_arch.c), never the physical or the normal world's virtual interface. The monitor restores
 * this value each time the secure world runs (WORLD_EL2_BOOT_REGS). */
#define ICH_HCR_SPMC	    ((1ull << 10) | (1ull << 11) | (1ull << 12) | (1ull << 14))
#define ICC_CTLR_EOIMODE    (1ull << 1)
#define HCR_VI		    (1ull << 7)
#define GICR_SGI_ICENABLER0 (PLAT_GICR_BASE + 0x10000 + 0x180)
#define GICD_ICENABLER	    (PLAT_GICD_BASE + 0x180)
#define ICACTIVER_OFFSET    0x200 /* GIC[DR]_ICACTIVER: 0x380, after ICENABLER at 0x180 */

/* INTID's bit in a GICD/GICR register array at `reg` (its SGI frame for SGIs and PPIs). */
static void gic_set_bit(uintptr_t reg, uint32_t intid)
{
	if (intid >= 32)
		reg += 4 * (intid / 32);
	*(volatile uint32_t *)reg = 1u << (intid % 32);
}

void spmc_arch_irq_init(void)
{
	uint64_t ctlr = read_sysreg(S3_0_C12_C12_4); /* ICC_CTLR_EL1 (Secure) */

	write_sysreg(S3_4_C12_C11_0, ICH_HCR_SPMC); /* ICH_HCR_EL2 */
	/* Priority drop (EOIR) and deactivation (DIR) apart: an INTID stays active while its
	 * partition handles it. */
	write_sysreg(S3_0_C12_C12_4, ctlr | ICC_CTLR_EOIMODE);
	isb();
}

uint64_t spmc_arch_counter(void)
{
	isb();
	return read_sysreg(cntpct_el0);
}

uint32_t spmc_arch_irq_ack(void)
{
	uint32_t id = (uint32_t)read_sysreg(S3_0_C12_C12_0) & 0xffffffu; /* ICC_IAR1_EL1 */

	if (id < 1020)
		write_sysreg(S3_0_C12_C12_1, id); /* ICC_EOIR1_EL1: priority drop only */
	isb();
	return id;
}

/*
 * Deactivation through the distributor or redistributor (GIC[DR]_ICACTIVER), not ICC_DIR_EL1:
 * QEMU 7.2 follows the GICv3 pseudocode written before Secure EL2 existed, in which EL2 may
 * deactivate only Non-secure Group 1 interrupts and ignores a DIR write for a secure one. A
 * Secure access to ICACTIVER clears the active state of any INTID, on any GICv3.
 */
void spmc_arch_irq_deactivate(uint32_t intid)
{
	gic_set_bit((intid < 32 ? GICR_SGI_ICENABLER0 : GICD_ICENABLER) + ICACTIVER_OFFSET, intid);
	dsb_sy();
}

void spmc_arch_irq_disable(uint32_t intid)
{
	gic_set_bit(intid < 32 ? GICR_SGI_ICENABLER0 : GICD_ICENABLER, intid);
	dsb_sy();
}

void spmc_arch_vi(bool on)
{
	uint64_t hcr = read_sysreg(hcr_el2);

	write_sysreg(hcr_el2, on ? hcr | HCR_VI : hcr & ~HCR_VI);
	isb();
}

/*
 * ICC_ASGI1R_EL1 from Secure state raises a Non-secure Group 1 SGI (GICv3 §12.2.1), as
 * Hafnium's SPMC sends its SRI; the target is this CPU: its affinity, Aff0 as the target list
 * bit (Aff0 < 16 on QEMU virt, RS = 0).
 */
#define SGIR_INTID_SHIFT 24
void spmc_arch_sri_send(void)
{
	uint64_t mpidr = read_sysreg(mpidr_el1);
	uint64_t v = ((uint64_t)SYS_IRQ_SRI << SGIR_INTID_SHIFT) | (1ull << (mpidr & 0xf)) |
		     ((mpidr >> 8 & 0xff) << 16) | ((mpidr >> 16 & 0xff) << 32) |
		     ((mpidr >> 32 & 0xff) << 48);

	write_sysreg(S3_0_C12_C11_6, v); /* ICC_ASGI1R_EL1 */
	isb();
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

/*
 * The secure timer. CNTP is one timer for the whole CPU; with S-EL2 an S-EL1 access to it is
 * governed by CNTHCTL_EL2.EL1PCEN (CNTPS is UNDEFINED at S-EL1). EL1PCEN is clear in the value
 * every partition runs with (arch_hyp_init(); the monitor restores it on each entry to the
 * secure world, WORLD_EL2_BOOT_REGS), so a partition's first access traps here. The owner's
 * (the partition whose irqs list SYS_IRQ_SEC_TIMER) sets EL1PCEN and runs again, untrapped,
 * until another vCPU is loaded (role_arch_vcpu_put()) or the secure world is left; anyone
 * else's is the core's: UNDEFINED at its EL1 (emulate_trap()). Lazily, so that no world
 * switch and no request pays for it: only the owner's first access in each entry, once.
 */
#define CNTHCTL_EL1PCEN (1ull << 1)
/* ESR_EL2.ISS of a trapped MSR/MRS: Op0, Op1, CRn and CRm (not Op2, Rt or the direction)... */
#define ISS_SYSREG_ENC 0x31fc1eu
/* ...of CNTP_TVAL_EL0 (Op2 0), CNTP_CTL_EL0 (1), CNTP_CVAL_EL0 (2): Op0 3, Op1 3, CRn 14, CRm 2 */
#define ISS_CNTP     0x30f804u
#define ISS_OP2(iss) (((unsigned)(iss) >> 17) & 7u)

static bool is_cntp_access(uint64_t esr)
{
	return esr_ec(esr) == EC_SYSREG && ((uint32_t)esr & ISS_SYSREG_ENC) == ISS_CNTP &&
	       ISS_OP2(esr) <= 2;
}

static void el1_timer_access(bool on)
{
	uint64_t cnthctl = read_sysreg(cnthctl_el2);

	write_sysreg(cnthctl_el2, on ? cnthctl | CNTHCTL_EL1PCEN : cnthctl & ~CNTHCTL_EL1PCEN);
}

bool role_arch_trap(struct vcpu *v, uint64_t esr)
{
	if (!is_cntp_access(esr) ||
	    !spmc_irq_owns(container_of(v->vm, struct sp, vm), SYS_IRQ_SEC_TIMER))
		return false;
	el1_timer_access(true);
	isb();
	return true; /* ELR not stepped: the access runs again */
}

void spmc_arch_timer_revoke(void)
{
	el1_timer_access(false);
	isb();
}

bool role_arch_owns_el1_timer(const struct vcpu *v)
{
	return spmc_irq_owns(container_of(v->vm, struct sp, vm), SYS_IRQ_SEC_TIMER);
}

/* Another vCPU is loaded next: the owner's access to the timer ends with its turn. */
void role_arch_vcpu_put(struct vcpu *v)
{
	(void)v;
	el1_timer_access(false);
}

/* The SPMC arms no timer of its own (and never quiesces a partition: an aborted owner's timer
 * fires once more and its INTID is disabled, spmc_irq_take()). */
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
