// SPDX-License-Identifier: BSD-3-Clause
/*
 * AArch64 side of the hypervisor core: EL2 configuration per role, stage-2
 * roots and VMIDs, vCPU EL1 state, and decoding why a vCPU exited.
 */
#include <arch/sysreg.h>
#include <hyp/vm.h>

/* HCR_EL2 (bringup.md §3.2, §4.1). */
#define HCR_VM	(1ull << 0)
#define HCR_FMO (1ull << 3)
#define HCR_IMO (1ull << 4)
#define HCR_TSC (1ull << 19)
#define HCR_RW	(1ull << 31)
#define HCR_APK (1ull << 40)
#define HCR_API (1ull << 41)

/* VTCR_EL2: T0SZ=32 (4 GiB IPA), SL0=1 (start at level 1), WBWA, inner shareable,
 * 4 KiB granule, PS=40 bits, RES1 bit 31. NSA (bit 30) only in the secure role: an
 * SP's Non-secure IPAs must reach Non-secure PAs (bringup.md §3.3). */
#define VTCR_BASE 0x80023560ull
#define VTCR_NSA  (1ull << 30)
/* VSTCR_EL2: same walk shape for the secure IPA space; tables and output secure. */
#define VSTCR_VALUE	 0x80000060ull
#define VTTBR_VMID_SHIFT 48

#define SCTLR_EL1_RES1	 0x30d00800ull
#define CNTHCTL_EL1PCTEN 0x1ull
#define CPTR_EL2_TFP	 (1ull << 10)

void arch_vectors(void);

/* What arch_hyp_init() programmed, for arch_hyp_state_check(). */
static struct {
	uint64_t hcr, vtcr, vstcr, vbar, cptr, cnthctl;
} programmed;

void arch_hyp_init(void)
{
	uint64_t hcr = HCR_VM | HCR_FMO | HCR_IMO | HCR_TSC | HCR_RW;

	programmed.vbar = (uint64_t)(uintptr_t)arch_vectors;
	programmed.vtcr = hyp_role_secure ? VTCR_BASE | VTCR_NSA : VTCR_BASE;
	if (!hyp_role_secure)
		hcr |= HCR_APK | HCR_API; /* guests own their PAC keys */
	programmed.hcr = hcr;
	programmed.vstcr = VSTCR_VALUE;
	/* EL1 may read the physical counter; the EL1 physical timer traps (not virtualised). */
	programmed.cnthctl = CNTHCTL_EL1PCTEN;
	/* Trap FP/SIMD at EL1/EL0: FP registers are not switched between VMs yet, so a VM that
	 * uses them is stopped instead of seeing another VM's values. 0x22ff = RES1 bits. */
	programmed.cptr = 0x22ffull | CPTR_EL2_TFP;

	write_sysreg(vbar_el2, programmed.vbar);
	write_sysreg(vtcr_el2, programmed.vtcr);
	if (hyp_role_secure)
		write_sysreg(S3_4_C2_C6_2, programmed.vstcr); /* VSTCR_EL2 */
	write_sysreg(hcr_el2, programmed.hcr);
	write_sysreg(cnthctl_el2, programmed.cnthctl);
	write_sysreg(cntvoff_el2, 0);
	write_sysreg(cptr_el2, programmed.cptr);
	isb();
}

/** Bitmask of EL2 registers whose live value is not what this hypervisor programmed. */
uint64_t arch_hyp_state_check(const struct vcpu *v)
{
	uint64_t bad = 0;

	bad |= (uint64_t)(read_sysreg(hcr_el2) != programmed.hcr) << 0;
	bad |= (uint64_t)(read_sysreg(vtcr_el2) != programmed.vtcr) << 1;
	bad |= (uint64_t)(read_sysreg(vbar_el2) != programmed.vbar) << 2;
	bad |= (uint64_t)(read_sysreg(cptr_el2) != programmed.cptr) << 3;
	bad |= (uint64_t)(read_sysreg(cnthctl_el2) != programmed.cnthctl) << 4;
	bad |= (uint64_t)(read_sysreg(cntvoff_el2) != 0) << 5;
	bad |= (uint64_t)(read_sysreg(vttbr_el2) != v->vm->arch.vttbr) << 6;
	if (hyp_role_secure) {
		bad |= (uint64_t)(read_sysreg(S3_4_C2_C6_2) != programmed.vstcr) << 7;
		bad |= (uint64_t)(read_sysreg(S3_4_C2_C6_0) != v->vm->arch.vsttbr) << 8;
	}
	return bad;
}

void arch_vm_init(struct vm *vm)
{
	uint64_t vmid = (uint64_t)(vm->id & 0xff) << VTTBR_VMID_SHIFT;

	if (hyp_role_secure) {
		vm->arch.vsttbr = s2_root_pa(&vm->s2);
		vm->arch.vttbr = s2_root_pa(&vm->s2_ns) | vmid;
	} else {
		vm->arch.vttbr = s2_root_pa(&vm->s2) | vmid;
	}
	/* The new tables were written with the MMU off: make them visible to the walker and drop
	 * anything cached for this VMID. */
	arch_s2_tlb_flush_all();
}

void arch_vcpu_init(struct vcpu *v, uint64_t entry, uint64_t arg)
{
	v->regs.elr = entry;
	v->regs.spsr = SPSR_EL1H_MASKED;
	v->regs.x[0] = arg;
	v->arch.sctlr_el1 = SCTLR_EL1_RES1;
}

void arch_vcpu_load(struct vcpu *v)
{
	vcpu_el1_load(&v->arch);
	write_sysreg(vttbr_el2, v->vm->arch.vttbr);
	if (hyp_role_secure)
		write_sysreg(S3_4_C2_C6_0, v->vm->arch.vsttbr); /* VSTTBR_EL2 */
	/* No TLB maintenance: every VM has its own VMID (unique low byte, checked on the host). */
}

void arch_vcpu_put(struct vcpu *v)
{
	vcpu_el1_save(&v->arch);
}

unsigned arch_this_cpu(void)
{
	return arch_cpu_index();
}

struct vcpu_exit arch_vcpu_exit(struct vcpu *v, unsigned kind)
{
	struct vcpu_exit e = { .reason = VCPU_EXIT_OTHER };
	uint64_t esr;

	if (kind == EXIT_IRQ || kind == EXIT_FIQ) {
		e.reason = VCPU_EXIT_INTERRUPT;
		return e;
	}
	if (kind != EXIT_SYNC)
		return e;
	esr = read_sysreg(esr_el2);
	e.syndrome = esr;
	switch (esr_ec(esr)) {
	case EC_SMC64:
		/* A trapped SMC (HCR_EL2.TSC) leaves ELR at the SMC itself (bringup.md §3.6). */
		v->regs.elr += 4;
		e.reason = VCPU_EXIT_CALL;
		break;
	case EC_HVC64:
		e.reason = VCPU_EXIT_CALL;
		break;
	case EC_DABT_LOWER:
	case EC_IABT_LOWER:
		/* HPFAR_EL2.FIPA holds IPA[47:12] at bits [43:4] (bringup.md §3.5). */
		e.reason = VCPU_EXIT_ABORT;
		e.exec = esr_ec(esr) == EC_IABT_LOWER;
		e.ipa = ((read_sysreg(hpfar_el2) & 0xffffffffff0ull) << 8) |
			(read_sysreg(far_el2) & 0xfff);
		break;
	default:
		break;
	}
	return e;
}
