/* SPDX-License-Identifier: BSD-3-Clause */
/* AArch64 per-VM and per-vCPU state kept by the hypervisor core. */
#ifndef HYP_ARCH_VM_H
#define HYP_ARCH_VM_H

#ifndef __ASSEMBLER__
#include <stdint.h>
#endif

/*
 * EL1 state a hypervisor switches when it changes vCPU (the monitor keeps each world's bank).
 * Not in the list because a VM cannot write them (docs/architecture.md §10): ACTLR_EL1
 * (HCR_EL2.TACR), the debug registers incl. MDSCR_EL1 (MDCR_EL2.TDA/TDOSA/TDRA), the PMU
 * (MDCR_EL2.TPM/TPMCR), LORegions (HCR_EL2.TLOR), RAS error records (HCR_EL2.TERR).
 */
/* clang-format off */
#define VCPU_EL1_REGS(X) \
	X(sctlr_el1) X(cpacr_el1) X(csselr_el1) X(ttbr0_el1) X(ttbr1_el1) \
	X(tcr_el1) X(mair_el1) X(amair_el1) X(vbar_el1) X(contextidr_el1) X(tpidr_el1) \
	X(tpidr_el0) X(tpidrro_el0) X(sp_el1) X(sp_el0) X(elr_el1) X(spsr_el1) X(esr_el1) \
	X(far_el1) X(afsr0_el1) X(afsr1_el1) X(par_el1) X(cntkctl_el1) \
	X(cntv_ctl_el0) X(cntv_cval_el0)

/* Pointer-authentication keys (APIA, APIB, APDA, APDB, APGA; Lo, Hi): a guest's own, switched
 * by nshyp's role hooks only (the secure world has no PAC: SCR_EL3.API/APK = 0,
 * docs/architecture.md §10). */
#define VCPU_PAC_KEYS(X) \
	X(S3_0_C2_C1_0) X(S3_0_C2_C1_1) X(S3_0_C2_C1_2) X(S3_0_C2_C1_3) X(S3_0_C2_C2_0) \
	X(S3_0_C2_C2_1) X(S3_0_C2_C2_2) X(S3_0_C2_C2_3) X(S3_0_C2_C3_0) X(S3_0_C2_C3_1)
/* clang-format on */
#define VCPU_PAC_KEY_COUNT 10

#ifndef __ASSEMBLER__
#define VCPU_FIELD(r) uint64_t r;

struct vcpu_arch {
	VCPU_EL1_REGS(VCPU_FIELD)
	uint64_t pac_keys[VCPU_PAC_KEY_COUNT]; /* nshyp only: VCPU_PAC_KEYS order */
};

/*
 * A guest's FP/SIMD registers while another guest's are in the CPU (nshyp, guests with fp_simd;
 * hyp/arch/aarch64/fp.S saves and loads it): V0-V31, then FPCR and FPSR.
 */
struct arch_fp {
	__uint128_t v[32];
	uint64_t fpcr, fpsr;
} __attribute__((aligned(16)));
_Static_assert(sizeof(struct arch_fp) == 528, "fp.S: V0-V31 at 0, FPCR at 512, FPSR at 520");

/*
 * The EL2 registers that are per VM (arch_vm_init(); the role's hook fills in what is its own):
 * the stage-2 roots, and the traps the VM runs with, which the state check expects.
 */
struct vm_arch {
	uint64_t vttbr;	 /* NS-IPA stage 2 root | VMID */
	uint64_t vsttbr; /* VSTTBR_EL2, the secure-IPA stage 2 root: S-EL2 only, 0 at NS-EL2 */
	uint64_t hcr;	 /* HCR_EL2 and CPTR_EL2 while it runs (nshyp: per guest) */
	uint64_t cptr;
};

/* This CPU's index in per-CPU arrays (QEMU virt: MPIDR Aff0). */
static inline unsigned arch_this_cpu(void)
{
	uint64_t mpidr;

	__asm__ volatile("mrs %0, mpidr_el1" : "=r"(mpidr));
	return (unsigned)(mpidr & 0xffu);
}

/* The vCPU this CPU runs (the exit vectors save into its frame, exceptions.S). */
static inline void arch_set_current_vcpu(void *v)
{
	__asm__ volatile("msr tpidr_el2, %0" : : "r"(v));
}

/* vcpu_regs.S: save or load the EL1 list (VCPU_EL1_REGS order) to or from a vcpu_arch. */
void vcpu_el1_save(struct vcpu_arch *a);
void vcpu_el1_load(const struct vcpu_arch *a);
/* vcpu_regs.S: save or load the PAC keys (VCPU_PAC_KEYS order) to or from keys[10]. */
void vcpu_pac_save(uint64_t *keys);
void vcpu_pac_load(const uint64_t *keys);

/*
 * How far past a trapped instruction the vCPU resumes: ESR_EL2.IL says 32 bits, or 16 for a
 * 16-bit T32 instruction of an AArch32 EL0 (a WFI, an access with a valid syndrome).
 */
static inline unsigned arch_trapped_insn_len(uint64_t esr)
{
	return (esr >> 25 & 1u) ? 4u : 2u;
}
#endif

#endif /* HYP_ARCH_VM_H */
