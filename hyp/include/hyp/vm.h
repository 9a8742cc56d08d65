/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Hypervisor core, shared by both roles (spmc at S-EL2, nshyp at NS-EL2):
 * a VM (a secure partition or a guest) with its stage-2 address space and its
 * vCPU, and the primitive that runs a vCPU until it traps back. One vCPU per
 * VM until SMP lands; per-CPU data already exists.
 */
#ifndef HYP_VM_H
#define HYP_VM_H

#include <arch/regs.h>
#include <config/system.h>
#include <hyp/arch_vm.h>
#include <lib/s2.h>
#include <stdbool.h>
#include <stdint.h>

/* FF-A partition runtime states (FF-A v1.1 §4.10), also used for guests. */
enum vcpu_state {
	VCPU_OFF,     /* not started, or a guest that powered off */
	VCPU_WAITING, /* idle in FFA_MSG_WAIT / DIRECT_RESP: may take a message */
	VCPU_RUNNING, /* handling a message or running */
	VCPU_ABORTED, /* faulted or failed: never runs again */
};

struct vm;

struct vcpu {
	struct arch_regs regs;
	struct vcpu_arch arch;
	struct vm *vm;
	enum vcpu_state state;
};

struct vm {
	uint16_t id; /* FF-A ID: VM ID for guests, partition ID for SPs */
	const char *name;
	struct s2_space
	    s2; /* the VM's own memory: secure IPA space of an SP, IPA space of a guest */
	struct s2_space
	    s2_ns; /* SPs only: their Non-secure IPA space (empty until memory sharing) */
	struct vm_arch arch;
	struct vcpu vcpu;
};

/* Why a vCPU stopped running, decoded by the arch layer. */
struct vcpu_exit {
	unsigned kind; /* EXIT_SYNC, EXIT_IRQ, ... */
	unsigned ec;   /* exception class for EXIT_SYNC */
	uint64_t esr;
	uint64_t far;
	uint64_t ipa; /* faulting IPA for stage-2 aborts, else 0 */
};

int vm_init(struct vm *vm, uint16_t id, const char *name, const struct sys_mem *mem,
	    const struct sys_dev *devs, unsigned dev_count, uint64_t boot_arg,
	    struct s2_pool *pool);
struct vcpu_exit vcpu_run(struct vcpu *v);
/* After an SMC trapped with HCR_EL2.TSC, resume after it (ELR points at the SMC). */
void vcpu_skip_trapped_smc(struct vcpu *v, const struct vcpu_exit *e);
void vcpu_set_result(struct vcpu *v, const uint64_t x[8]);
void vm_report_fault(const struct vm *vm, const struct vcpu_exit *e);

/* Arch hooks (hyp/arch/<arch>/vm_arch.c). */
void arch_hyp_init(void);
/* Link-time role choice: true in the spmc image, false in nshyp. */
extern const bool hyp_role_secure;
void arch_vm_init(struct vm *vm);
void arch_vcpu_init(struct vcpu *v, uint64_t entry, uint64_t arg);
void arch_vcpu_load(struct vcpu *v);
void arch_vcpu_put(struct vcpu *v);
struct vcpu_exit arch_vcpu_exit_info(unsigned kind);

/* The role's entry point (hyp/role/<role>/). */
void role_main(void);

#endif /* HYP_VM_H */
