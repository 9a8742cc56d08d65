/* SPDX-License-Identifier: BSD-3-Clause */
/* AArch64 per-VM and per-vCPU state kept by the hypervisor core. */
#ifndef HYP_ARCH_VM_H
#define HYP_ARCH_VM_H

#ifndef __ASSEMBLER__
#include <stdint.h>
#endif

/* EL1 state a hypervisor switches when it changes vCPU (the monitor keeps each world's bank). */
/* clang-format off */
#define VCPU_EL1_REGS(X) \
	X(sctlr_el1) X(actlr_el1) X(cpacr_el1) X(csselr_el1) X(ttbr0_el1) X(ttbr1_el1) \
	X(tcr_el1) X(mair_el1) X(amair_el1) X(vbar_el1) X(contextidr_el1) X(tpidr_el1) \
	X(tpidr_el0) X(tpidrro_el0) X(sp_el1) X(sp_el0) X(elr_el1) X(spsr_el1) X(esr_el1) \
	X(far_el1) X(afsr0_el1) X(afsr1_el1) X(par_el1) X(mdscr_el1) X(cntkctl_el1) \
	X(cntv_ctl_el0) X(cntv_cval_el0)
/* clang-format on */

#ifndef __ASSEMBLER__
#define VCPU_FIELD(r) uint64_t r;

struct vcpu_arch {
	VCPU_EL1_REGS(VCPU_FIELD)
};

struct vm_arch {
	uint64_t vttbr;	 /* NS-IPA stage 2 root | VMID */
	uint64_t vsttbr; /* secure-IPA stage 2 root (spmc role only) */
};

/* vcpu_regs.S: save or load the EL1 list (VCPU_EL1_REGS order) to or from a vcpu_arch. */
void vcpu_el1_save(struct vcpu_arch *a);
void vcpu_el1_load(const struct vcpu_arch *a);
#endif

#endif /* HYP_ARCH_VM_H */
