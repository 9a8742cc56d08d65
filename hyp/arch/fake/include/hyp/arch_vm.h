/* SPDX-License-Identifier: BSD-3-Clause */
/* Host "fake" architecture: per-VM and per-vCPU arch state of the hypervisor core (none needed). */
#ifndef HYP_ARCH_VM_H
#define HYP_ARCH_VM_H

#include <stdint.h>

struct vcpu_arch {
	uint64_t loads; /* how often the vCPU was loaded: lets tests see switching */
};

struct arch_fp {
	uint64_t v[2];
};

struct vm_arch {
	uint64_t root;
};

static inline unsigned arch_this_cpu(void)
{
	return 0;
}

/* The vCPU "running" on the host (hyp/arch/fake/vm_arch.c keeps it). */
extern void *fake_current_vcpu;
static inline void arch_set_current_vcpu(void *v)
{
	fake_current_vcpu = v;
}

struct arch_regs;
struct vcpu;
/*
 * The host model of exceptions.S: run vCPUs from `next` on, each through the harness's
 * arch_enter_lower() (what the vCPU does: EXIT_* and its registers), until the next vCPU is an
 * other-world one (the SPMC's normal world), which it returns; NULL if none can be.
 */
unsigned arch_enter_lower(struct arch_regs *regs);
struct vcpu *fake_run(struct vcpu *next);

/* The host model: every trapped instruction is 4 bytes (the aarch64 header reads ESR.IL). */
static inline unsigned arch_trapped_insn_len(uint64_t esr)
{
	(void)esr;
	return 4u;
}

#endif /* HYP_ARCH_VM_H */
