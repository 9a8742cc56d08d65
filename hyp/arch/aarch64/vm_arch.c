// SPDX-License-Identifier: BSD-3-Clause
/*
 * AArch64 side of the hypervisor core: the EL2 configuration every VM runs with, stage-2 roots
 * and VMIDs, vCPU EL1 state, timers and interrupt masking, decoding why a vCPU exited, and the
 * defined answer to an EL1 register a VM does not own (RAZ/WI or UNDEFINED,
 * docs/architecture.md §8, §10). What a role programs differently (S-EL2's secure stage 2,
 * nshyp's per-guest traps and PAC keys) its hooks add (<hyp/arch_role.h>).
 */
#include <arch/sysreg.h>
#include <hyp/arch_role.h>
#include <hyp/vm.h>

/* MDCR_EL2: debug, PMU, SPE and trace registers trap to EL2 (they are not switched). */
#define MDCR_HPMN_MASK 0x1full
#define MDCR_TPMCR     (1ull << 5)
#define MDCR_TPM       (1ull << 6)
#define MDCR_TDA       (1ull << 9)
#define MDCR_TDOSA     (1ull << 10)
#define MDCR_TDRA      (1ull << 11)
#define MDCR_TPMS      (1ull << 14)
#define MDCR_TTRF      (1ull << 19)

/* VTCR_EL2: T0SZ=32 (4 GiB IPA), SL0=1 (start at level 1), WBWA, inner shareable,
 * 4 KiB granule, PS=40 bits, RES1 bit 31 (the SPMC adds NSA, role_arch_init()). */
#define VTCR_BASE	 0x80023560ull
#define VTTBR_VMID_SHIFT 48

#define SCTLR_EL1_RES1	 0x30d00800ull
#define CNTHCTL_EL1PCTEN 0x1ull
#define CNTHCTL_EL1PCEN	 0x2ull
/* ICC_SRE_EL2: system-register interface (SRE), no FIQ/IRQ bypass (DFB, DIB), and Enable:
 * EL1 may use ICC_SRE_EL1 (bringup.md §2.7). Both worlds' EL2s want the same value. */
#define ICC_SRE_EL2_VALUE 0xfull

void arch_vectors(void);

/* What arch_hyp_init() programmed, for arch_vm_init() and arch_hyp_state_check(). */
static struct el2_config programmed;

static unsigned id_field(uint64_t reg, unsigned shift)
{
	return (unsigned)(reg >> shift) & 0xfu;
}

/*
 * The traps every VM gets, in both roles: set/way cache maintenance (TSW), ACTLR_EL1 (TACR),
 * IMPDEF registers (TIDCP), stage-1 walks into device memory (PTW), and, where the feature
 * exists, LORegions (TLOR) and RAS error records (TERR). Not set: TID3 (ID registers are not
 * virtualised), TWI/TWE (the SPMC runs a partition to completion; nshyp's role_arch_vm_init()
 * sets them: a guest's WFI/WFE ends its slice), TEA (a VM's external aborts come from its own
 * mappings and are its to handle).
 */
static uint64_t hcr_value(void)
{
	uint64_t hcr = HCR_VM | HCR_FMO | HCR_IMO | HCR_TSC | HCR_RW | HCR_TSW | HCR_TACR |
		       HCR_TIDCP | HCR_PTW;

	if (id_field(read_sysreg(id_aa64mmfr1_el1), 16) != 0) /* FEAT_LOR */
		hcr |= HCR_TLOR;
	if (id_field(read_sysreg(id_aa64pfr0_el1), 28) != 0) /* FEAT_RAS */
		hcr |= HCR_TERR;
	return hcr;
}

/*
 * No VM reaches the debug, PMU, SPE or trace-filter registers. HPMN stays as the monitor set
 * it (PMCR_EL0.N; this EL may not read the PMU itself on a CPU without PMUv3p5, monitor).
 */
static uint64_t mdcr_value(void)
{
	uint64_t dfr0 = read_sysreg(id_aa64dfr0_el1);
	uint64_t mdcr = MDCR_TPMCR | MDCR_TPM | MDCR_TDA | MDCR_TDOSA | MDCR_TDRA;

	mdcr |= read_sysreg(mdcr_el2) & MDCR_HPMN_MASK;
	if (id_field(dfr0, 32) != 0) /* FEAT_SPE */
		mdcr |= MDCR_TPMS;
	if (id_field(dfr0, 40) != 0) /* FEAT_TRF */
		mdcr |= MDCR_TTRF;
	return mdcr;
}

void arch_hyp_init(void)
{
	programmed.vbar = (uint64_t)(uintptr_t)arch_vectors;
	programmed.vtcr = VTCR_BASE;
	programmed.hcr = hcr_value();
	programmed.mdcr = mdcr_value();
	/* EL1 may read the physical counter; the EL1 physical timer traps (not virtualised): in
	 * nshyp always (it is the secure world's), in the SPMC until its owner's first access. */
	programmed.cnthctl = CNTHCTL_EL1PCTEN;
	/* Trap FP/SIMD at EL1/EL0: a VM that uses them is stopped; only a guest described with
	 * fp_simd runs without the trap (nshyp's role_arch_vm_init()), and nshyp switches the FP
	 * registers between those guests (arch_fp_save/load). 0x22ff = RES1 bits, SVE and
	 * SME untrapped here (EL3 traps them, CPTR_EL3.EZ/ESM = 0). */
	programmed.cptr = 0x22ffull | CPTR_EL2_TFP;
	role_arch_init(&programmed);

	write_sysreg(vbar_el2, programmed.vbar);
	write_sysreg(vtcr_el2, programmed.vtcr);
	write_sysreg(hcr_el2, programmed.hcr);
	write_sysreg(mdcr_el2, programmed.mdcr);
	write_sysreg(cnthctl_el2, programmed.cnthctl);
	write_sysreg(cntvoff_el2, 0);
	write_sysreg(cptr_el2, programmed.cptr);
	write_sysreg(icc_sre_el2, ICC_SRE_EL2_VALUE);
	isb();
}

/** Bitmask of EL2 registers whose live value is not what this hypervisor programmed. */
uint64_t arch_hyp_state_check(const struct vcpu *v)
{
	uint64_t bad = 0, cnthctl = read_sysreg(cnthctl_el2);

	if (role_arch_owns_el1_timer(v)) /* EL1PCEN: set at its first access (SPMC) */
		cnthctl &= ~CNTHCTL_EL1PCEN;
	bad |= (uint64_t)(read_sysreg(hcr_el2) != v->vm->arch.hcr) << 0;
	bad |= (uint64_t)(read_sysreg(vtcr_el2) != programmed.vtcr) << 1;
	bad |= (uint64_t)(read_sysreg(vbar_el2) != programmed.vbar) << 2;
	bad |= (uint64_t)(read_sysreg(cptr_el2) != v->vm->arch.cptr) << 3;
	bad |= (uint64_t)(cnthctl != programmed.cnthctl) << 4;
	bad |= (uint64_t)(read_sysreg(cntvoff_el2) != 0) << 5;
	bad |= (uint64_t)(read_sysreg(vttbr_el2) != v->vm->arch.vttbr) << 6;
	bad |= role_arch_state_check(v); /* bits 7-8 */
	bad |= (uint64_t)(read_sysreg(mdcr_el2) != programmed.mdcr) << 9;
	bad |= (uint64_t)(read_sysreg(icc_sre_el2) != ICC_SRE_EL2_VALUE) << 10;
	return bad;
}

/* After arch_hyp_init() (each role's role_main() calls it before it builds a VM). */
void arch_vm_init(struct vm *vm)
{
	uint64_t vmid = (uint64_t)(vm->id & 0xff) << VTTBR_VMID_SHIFT;

	vm->arch.hcr = programmed.hcr;
	vm->arch.cptr = programmed.cptr;
	vm->arch.vttbr = role_arch_vm_init(vm) | vmid;
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

/*
 * Only when the vCPU changes (vcpu_run()): a guest's PAC keys and traps cost nothing on a round
 * trip. Partitions all run with the same traps, which the SPMC's fast path relies on when it
 * switches partitions without coming here.
 */
void arch_vcpu_load(struct vcpu *v)
{
	vcpu_el1_load(&v->arch);
	write_sysreg(vttbr_el2, v->vm->arch.vttbr);
	role_arch_vcpu_load(v);
	/* No TLB maintenance: every VM has its own VMID (unique low byte, checked on the host). */
}

void arch_vcpu_put(struct vcpu *v)
{
	vcpu_el1_save(&v->arch);
	role_arch_vcpu_put(v);
}

/*
 * The virtual timer is switched with the vCPU (VCPU_EL1_REGS); the role stops any timer of its
 * own that a VM's request may have armed (nshyp: its EL2 timer, its scheduler tick, which a
 * test hook can arm too; it is armed again when the next guest is entered). The EL1 physical
 * timer is not touched: it is the secure world's (its owner partition's, docs/architecture.md
 * "Timers"), which no VM of nshyp can reach (CNTHCTL_EL2.EL1PCEN = 0).
 */
void arch_vcpu_quiesce(struct vcpu *v)
{
	v->arch.cntv_ctl_el0 = 0;
	if (hyp_loaded_vcpu[arch_this_cpu()] == v)
		write_sysreg(cntv_ctl_el0, 0);
	role_arch_vcpu_quiesce(v);
	isb();
}

/* The GIC's priority mask is shared by both worlds; the SPMC lowers it only within a run. */
uint64_t arch_irq_mask(void)
{
	uint64_t saved = read_sysreg(icc_pmr_el1);

	write_sysreg(icc_pmr_el1, 0);
	isb();
	return saved;
}

void arch_irq_restore(uint64_t saved)
{
	write_sysreg(icc_pmr_el1, saved);
	isb();
}

/* ESR_EL2.ISS of a trapped MSR/MRS/SYS (EC 0x18): Op0, Op1, CRn, CRm, Op2, Rt, read. */
#define ISS_OP0(iss)  ((unsigned)((iss) >> 20) & 3u)
#define ISS_OP2(iss)  ((unsigned)((iss) >> 17) & 7u)
#define ISS_OP1(iss)  ((unsigned)((iss) >> 14) & 7u)
#define ISS_CRN(iss)  ((unsigned)((iss) >> 10) & 0xfu)
#define ISS_RT(iss)   ((unsigned)((iss) >> 5) & 0x1fu)
#define ISS_CRM(iss)  ((unsigned)((iss) >> 1) & 0xfu)
#define ISS_READ(iss) (((iss)&1u) != 0)
#define EC_PAC	      0x09

/*
 * Registers a VM may touch but does not own, answered read-as-zero / writes-ignored, as KVM
 * does for a VM without the feature: debug and trace (Op0 2; MDCR_EL2.TDA/TDOSA/TDRA), the
 * PMU (TPM/TPMCR: PMCR.N reads 0, no counters), ACTLR_EL1 (TACR) and the RAS error records
 * (TERR: ERRIDR.NUM reads 0, no records).
 */
static bool sysreg_raz_wi(uint64_t iss)
{
	unsigned op0 = ISS_OP0(iss), op1 = ISS_OP1(iss), crn = ISS_CRN(iss), crm = ISS_CRM(iss);

	if (op0 == 2)
		return true;
	if (op0 != 3)
		return false;
	if (op1 == 3) /* PMCR_EL0..PMOVSSET_EL0; PMEVCNTRn, PMEVTYPERn, PMCCFILTR */
		return (crn == 9 && crm >= 12) || (crn == 14 && crm >= 8);
	if (op1 != 0)
		return false;
	return (crn == 9 && crm == 14) ||		      /* PMINTENSET/CLR_EL1, PMMIR_EL1 */
	       (crn == 1 && crm == 0 && ISS_OP2(iss) == 1) || /* ACTLR_EL1 */
	       (crn == 5 && crm >= 3 && crm <= 5);	      /* ERRIDR, ERRSELR, ERX* */
}

/* DC ISW/CSW/CISW (TSW): done here as a clean and invalidate, which loses no one's data. */
static bool sysreg_set_way(uint64_t iss)
{
	unsigned crm = ISS_CRM(iss);

	return ISS_OP0(iss) == 1 && ISS_OP1(iss) == 0 && ISS_CRN(iss) == 7 && ISS_OP2(iss) == 2 &&
	       (crm == 6 || crm == 10 || crm == 14);
}

/* SPSR bits of an exception entry at EL1 (Arm ARM D1.10.1, "PSTATE on taking an exception"). */
#define SPSR_SSBS	(1ull << 12)
#define SPSR_PAN	(1ull << 22)
#define SCTLR_EL1_SPAN	(1ull << 23)
#define SCTLR_EL1_DSSBS (1ull << 44)
#define VBAR_TABLE_SIZE 0x800ull /* 16 vectors of 0x80; VBAR_EL1 is 2 KiB aligned */

/*
 * PSTATE at the VM's EL1 vector: EL1h with D, A, I, F masked; PAN set unless SCTLR_EL1.SPAN
 * (FEAT_PAN), SSBS = SCTLR_EL1.DSSBS (FEAT_SSBS). The rest (UAO, BTYPE, TCO, ...) is what
 * SPSR_EL1H_MASKED gives: zero, which is what a VM without those features sees.
 */
static uint64_t el1_entry_pstate(void)
{
	uint64_t sctlr = read_sysreg(sctlr_el1), spsr = SPSR_EL1H_MASKED;

	if (id_field(read_sysreg(id_aa64mmfr1_el1), 20) != 0 && !(sctlr & SCTLR_EL1_SPAN))
		spsr |= SPSR_PAN;
	if (id_field(read_sysreg(id_aa64pfr1_el1), 4) != 0 && (sctlr & SCTLR_EL1_DSSBS))
		spsr |= SPSR_SSBS;
	return spsr;
}

/* The vector of a synchronous exception taken to EL1 from the state in `spsr`. */
static uint64_t el1_sync_vector(uint64_t spsr)
{
	if (spsr & 0x10) /* lower EL, AArch32 */
		return 0x600;
	if (((spsr >> 2) & 3u) == 0) /* lower EL, AArch64 */
		return 0x400;
	return (spsr & 1) ? 0x200 /* current EL, SP_EL1 */ : 0x000 /* current EL, SP_EL0 */;
}

/* Take a synchronous exception with syndrome `esr` at the VM's EL1, as hardware would. */
static void enter_el1_sync(struct vcpu *v, uint64_t vbar, uint64_t esr)
{
	write_sysreg(elr_el1, v->regs.elr);
	write_sysreg(spsr_el1, v->regs.spsr);
	write_sysreg(esr_el1, esr);
	v->regs.elr = vbar + el1_sync_vector(v->regs.spsr);
	v->regs.spsr = el1_entry_pstate();
}

/* Make the trapped instruction UNDEFINED at the VM's EL1 (Arm ARM D1.10.2), as hardware would. */
static void inject_undef(struct vcpu *v)
{
	enter_el1_sync(v, read_sysreg(vbar_el1), ESR_IL); /* EC 0 (unknown reason) */
}

/*
 * A stage-2 abort as a synchronous external abort at the VM's EL1 (docs/architecture.md §4):
 * EC data/instruction abort from the lower EL (a fault at EL0) or the same EL (at EL1), DFSC/
 * IFSC 0b010000 (external, not on a table walk), WnR kept for a data access, IL set; FAR_EL1 =
 * the faulting VA. False, and nothing changed, when EL1 cannot take it: its vector table is not
 * 2 KiB aligned, or the fault came from EL1 inside that table (the vector itself, or its first
 * instructions, fault: another abort would fault again forever).
 */
bool arch_vcpu_inject_abort(struct vcpu *v, const struct vcpu_exit *e)
{
	uint64_t vbar = read_sysreg(vbar_el1);
	bool at_el1 = !(v->regs.spsr & 0x10) && ((v->regs.spsr >> 2) & 3u) == 1;
	uint64_t ec = esr_ec(e->syndrome) | (at_el1 ? 1u : 0u); /* 0x20/0x24 lower, +1 same */
	uint64_t esr = (ec << ESR_EC_SHIFT) | ESR_IL | ESR_FSC_SEA;

	if ((vbar & (VBAR_TABLE_SIZE - 1)) || (at_el1 && v->regs.elr - vbar < VBAR_TABLE_SIZE))
		return false;
	if (!e->exec)
		esr |= e->syndrome & ESR_DABT_WNR;
	write_sysreg(far_el1, e->va);
	enter_el1_sync(v, vbar, esr);
	return true;
}

/* Answer a trap the VM must not be stopped for; false: the role decides (stop it). */
static bool emulate_trap(struct vcpu *v, uint64_t esr)
{
	uint64_t iss = esr & 0x1ffffffu;

	if (esr_ec(esr) == EC_PAC) { /* PAC instruction, SPMC role: partitions have no keys */
		inject_undef(v);
		return true;
	}
	if (esr_ec(esr) != EC_SYSREG)
		return false;
	if (sysreg_raz_wi(iss)) {
		if (ISS_READ(iss) && ISS_RT(iss) != 31)
			v->regs.x[ISS_RT(iss)] = 0;
	} else if (sysreg_set_way(iss)) {
		uint64_t sw = ISS_RT(iss) != 31 ? v->regs.x[ISS_RT(iss)] : 0;

		__asm__ volatile("dc cisw, %0" ::"r"(sw) : "memory");
	} else {
		/* IMPDEF (TIDCP), LORegions (TLOR), PAC keys (SPMC), the EL1 physical timer. */
		inject_undef(v);
		return true;
	}
	v->regs.elr += 4;
	return true;
}

/* A role without traps of its own (the SPMC); nshyp's vGIC has some (vgic_arch.c). */
__attribute__((weak)) bool role_arch_trap(struct vcpu *v, uint64_t esr)
{
	(void)v;
	(void)esr;
	return false;
}

/* A stage-2 abort: HPFAR_EL2.FIPA holds IPA[47:12] at bits [43:4] (bringup.md §3.5). */
static struct vcpu_exit abort_exit(uint64_t esr)
{
	struct vcpu_exit e = { .reason = VCPU_EXIT_ABORT, .syndrome = esr };

	e.exec = esr_ec(esr) == EC_IABT_LOWER;
	e.va = read_sysreg(far_el2);
	e.ipa = ((read_sysreg(hpfar_el2) & 0xffffffffff0ull) << 8) | (read_sysreg(far_el2) & 0xfff);
	return e;
}

/*
 * A synchronous exit that is not a call (exceptions.S, after hyp_vcpu_sync() returned NULL,
 * with the whole frame saved): a trap to answer, which resumes the vCPU, or an exit for the
 * role. No SMC was made in this exit yet, so ESR, FAR and HPFAR still hold its syndrome.
 */
struct vcpu *hyp_vcpu_trap(struct vcpu *current)
{
	uint64_t esr = read_sysreg(esr_el2);
	struct vcpu_exit e = { .reason = VCPU_EXIT_OTHER, .syndrome = esr };

	if (role_arch_trap(current, esr) || emulate_trap(current, esr))
		return current;
	if (esr_ec(esr) == EC_DABT_LOWER || esr_ec(esr) == EC_IABT_LOWER)
		e = abort_exit(esr);
	return role_vcpu_exit(current, &e);
}

/*
 * A synchronous exit of `current` (exceptions.S). Calls go to the role (the hot path: a
 * trapped SMC (HCR_EL2.TSC) leaves ELR at the SMC itself, bringup.md §3.6, so it is stepped
 * here); anything else is hyp_vcpu_trap()'s, after exceptions.S saved the whole frame (NULL).
 * ESR is read here, before any role handler could make an SMC (the monitor does not keep it).
 */
struct vcpu *hyp_vcpu_sync(struct vcpu *current)
{
	uint64_t esr = read_sysreg(esr_el2);
	unsigned ec = esr_ec(esr);

	_Static_assert(EC_SMC64 == (EC_HVC64 | 1), "EC bit 0: SMC");
	if (__builtin_expect((ec & ~1u) == EC_HVC64, 1)) {
		current->regs.elr += (ec & 1u) << 2; /* 4 for a trapped SMC, 0 for HVC */
		return role_vcpu_call(current);
	}
	return 0;
}

/* An IRQ, FIQ or SError taken while `current` ran (exceptions.S). */
struct vcpu *hyp_vcpu_async(struct vcpu *current, unsigned kind)
{
	/* The kind tells the SPMC a secure interrupt (IRQ at S-EL2) from a Non-secure one. */
	struct vcpu_exit e = { .reason = VCPU_EXIT_OTHER, .syndrome = kind };

	if (kind == EXIT_IRQ || kind == EXIT_FIQ)
		e.reason = VCPU_EXIT_INTERRUPT;
	return role_vcpu_exit(current, &e);
}
