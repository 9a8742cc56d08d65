/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * AArch64 EL2 configuration of the hypervisor core (hyp/arch/aarch64/vm_arch.c) and the role
 * hooks that complete it: what the SPMC at S-EL2 and nshyp at NS-EL2 program differently is
 * each role's, in hyp/role/<role>/arch/aarch64/<role>_arch.c, called at fixed points of the
 * core's set-up and vCPU switch. The arch-neutral hooks are in <hyp/role_hooks.h>.
 */
#ifndef HYP_ARCH_ROLE_H
#define HYP_ARCH_ROLE_H

#include <stdbool.h>
#include <stdint.h>

/* HCR_EL2 (bringup.md §3.2, §4.1; which traps and why: docs/architecture.md §10). */
#define HCR_VM	  (1ull << 0)
#define HCR_PTW	  (1ull << 2)
#define HCR_FMO	  (1ull << 3)
#define HCR_IMO	  (1ull << 4)
#define HCR_TWI	  (1ull << 13)
#define HCR_TWE	  (1ull << 14)
#define HCR_TSC	  (1ull << 19)
#define HCR_TIDCP (1ull << 20)
#define HCR_TACR  (1ull << 21)
#define HCR_TSW	  (1ull << 22)
#define HCR_RW	  (1ull << 31)
#define HCR_TLOR  (1ull << 35)
#define HCR_TERR  (1ull << 36)
#define HCR_APK	  (1ull << 40)
#define HCR_API	  (1ull << 41)

/* CPTR_EL2.TFP: FP/SIMD at EL1 and EL0 traps to EL2. */
#define CPTR_EL2_TFP (1ull << 10)
/* VTCR_EL2.NSA: Non-secure IPAs reach Non-secure PAs (only meaningful at S-EL2). */
#define VTCR_NSA (1ull << 30)

/* The EL2 control registers as arch_hyp_init() programs them (and the state check expects). */
struct el2_config {
	uint64_t hcr, vtcr, vbar, cptr, cnthctl, mdcr;
};

/* HYPCALL_STATE_CHECK bits of the registers only a role programs (arch_hyp_state_check()). */
#define STATE_CHECK_VSTCR  (1ull << 7)
#define STATE_CHECK_VSTTBR (1ull << 8)

struct vcpu;
struct vm;

/*
 * arch_hyp_init(): add the role's bits to the configuration every VM runs with, before the core
 * writes it, and program the registers only this role has.
 */
void role_arch_init(struct el2_config *c);
/*
 * arch_vm_init(): the PA of the stage-2 root VTTBR_EL2 translates for `vm` (the core adds the
 * VMID); the role may also set vm->arch.vsttbr and relax vm->arch.hcr and vm->arch.cptr, which
 * hold the configuration programmed by arch_hyp_init() when it is called.
 */
uint64_t role_arch_vm_init(struct vm *vm);
/* arch_vcpu_load() / arch_vcpu_put(): the role's part of switching to or away from `v`. */
void role_arch_vcpu_load(struct vcpu *v);
void role_arch_vcpu_put(struct vcpu *v);
/* arch_vcpu_quiesce(): the role's timers `v`'s requests could have left armed. */
void role_arch_vcpu_quiesce(struct vcpu *v);
/*
 * hyp_vcpu_trap(): a synchronous exit with syndrome `esr` the role emulates (true: `v` resumes,
 * its ELR stepped or its state changed) before the core's own traps. Optional (weak default:
 * none); nshyp's vGIC: stage-2 aborts in the GIC frames, writes to the SGI registers.
 */
bool role_arch_trap(struct vcpu *v, uint64_t esr);
/* arch_hyp_state_check(): whether `v` may run with CNTHCTL_EL2.EL1PCEN set (the SPMC gives the
 * EL1 physical timer to the secure timer's owner partition; nshyp to no guest). */
bool role_arch_owns_el1_timer(const struct vcpu *v);
/* arch_hyp_state_check(): the STATE_CHECK_* bits of the role's registers that lost their value. */
uint64_t role_arch_state_check(const struct vcpu *v);

#endif /* HYP_ARCH_ROLE_H */
