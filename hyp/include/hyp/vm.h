/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Hypervisor core, shared by both roles (spmc at S-EL2, nshyp at NS-EL2):
 * a VM (a secure partition or a guest) with its stage-2 address space and its
 * vCPU, and the execution model: every exit of a vCPU enters C once
 * (hyp_vcpu_sync/hyp_vcpu_async, from hyp/arch/<arch>/exceptions.S), the role's
 * handler takes the current vCPU and returns the next one, and the arch code
 * switches to it (docs/architecture.md §4). One vCPU per VM until SMP lands;
 * per-CPU data already exists.
 */
#ifndef HYP_VM_H
#define HYP_VM_H

#include <abi/ffa.h>
#include <arch/regs.h>
#include <config/system.h>
#include <hyp/arch_vm.h>
#include <lib/print.h>
#include <lib/s2.h>
#include <stdbool.h>
#include <stdint.h>

/* FF-A partition runtime states (FF-A v1.1 §4.10), also used for guests. */
enum vcpu_state {
	VCPU_OFF,	/* not started, or a guest that powered off */
	VCPU_WAITING,	/* idle in FFA_MSG_WAIT / DIRECT_RESP: may take a message */
	VCPU_RUNNING,	/* running on this CPU */
	VCPU_BLOCKED,	/* yielded (FFA_YIELD) in the middle of a request: resumed by FFA_RUN */
	VCPU_PREEMPTED, /* a normal-world interrupt stopped it in a VM's request: FFA_RUN resumes
			   it where it was (FF-A v1.1 "preempted"; a kind of blocked) */
	VCPU_CALLING,	/* sent a direct request to another partition and waits for its answer:
			   only that answer resumes it (not FFA_RUN) */
	VCPU_ABORTED,	/* faulted or failed: never runs again */
};

/* vCPUs per VM: one until SMP lands (each then runs on one CPU at a time). */
#define VM_MAX_VCPUS 1

struct vm;

struct vcpu {
	struct arch_regs regs; /* first: the exit vectors save into it (exceptions.S) */
	/* Not entered by ERET: the SPMC's normal world, run with an SMC (other_world.S). */
	uint32_t other_world;
	enum vcpu_state state;
	struct vcpu_arch arch;
	struct vm *vm;
};
_Static_assert(__builtin_offsetof(struct vcpu, regs) == 0, "exceptions.S: frame first");
_Static_assert(__builtin_offsetof(struct vcpu, other_world) == sizeof(struct arch_regs),
	       "exceptions.S: the flag right after the frame (REGS_SIZE)");

struct vm {
	uint16_t id; /* FF-A ID: VM ID for guests, partition ID for SPs */
	const char *name;
	struct s2_space
	    s2; /* the VM's own memory: secure IPA space of an SP, IPA space of a guest */
	struct s2_quota s2_quota; /* the stage-2 tables its spaces may hold (vm_init) */
	struct vm_arch arch;
	uint32_t aborts_injected;	 /* stage-2 aborts its EL1 took (vm_inject_abort()) */
	struct log_limit abort_log;	 /* their console lines */
	struct vcpu vcpus[VM_MAX_VCPUS]; /* vm_vcpu(); one per VM until SMP */
};

/* vCPU `i` of `vm` (i < VM_MAX_VCPUS). */
static inline struct vcpu *vm_vcpu(struct vm *vm, unsigned i)
{
	return &vm->vcpus[i];
}

/* Why a vCPU stopped running, in arch-neutral terms. */
enum vcpu_exit_reason {
	VCPU_EXIT_CALL,	     /* a firmware call (SMC/HVC): function ID and arguments in x0-x7 */
	VCPU_EXIT_ABORT,     /* a stage-2 fault: it touched memory it does not own */
	VCPU_EXIT_INTERRUPT, /* a physical interrupt arrived while it ran */
	VCPU_EXIT_OTHER,     /* anything else (an unexpected trap) */
};

struct vcpu_exit {
	enum vcpu_exit_reason reason;
	uint64_t syndrome; /* arch-specific detail, printed in reports */
	uint64_t ipa;	   /* faulting IPA for VCPU_EXIT_ABORT */
	uint64_t va;	   /* VCPU_EXIT_ABORT: the faulting virtual address (the VM's stage 1) */
	bool exec;	   /* VCPU_EXIT_ABORT: on an instruction fetch */
};

/* The FF-A/SMCCC view of a vCPU's argument registers x0-x7 (in place, no copy). */
static inline struct ffa_value *vcpu_ffa(struct vcpu *v)
{
	_Static_assert(sizeof(struct ffa_value) == 8 * sizeof(v->regs.x[0]), "x0-x7");
	return (struct ffa_value *)(void *)v->regs.x;
}

int vm_init(struct vm *vm, uint16_t id, const char *name, const struct sys_mem *mem,
	    const struct sys_dev *devs, unsigned dev_count, uint64_t boot_arg,
	    struct s2_pool *pool);
/*
 * Per CPU: the vCPU whose EL1 state is in the registers (the other world has none: the monitor
 * keeps the normal world's EL1 bank).
 */
extern struct vcpu *hyp_loaded_vcpu[];

/*
 * The execution model. The exit vectors (exceptions.S) call the arch's C entry with the vCPU
 * that exited, its volatile registers saved in its frame; the arch decodes the exit (and
 * answers the traps no role sees) and calls the role's handler, which returns the vCPU to run
 * next. If that is another vCPU, hyp_vcpu_switch() makes it current before it runs.
 */
struct vcpu *hyp_vcpu_sync(struct vcpu *current);
struct vcpu *hyp_vcpu_async(struct vcpu *current, unsigned kind);
/* A synchronous exit that is not a call (hyp_vcpu_sync() returned NULL): the whole frame. */
struct vcpu *hyp_vcpu_trap(struct vcpu *current);
/* The role's handlers (hyp/role/<role>/): a call (SMC/HVC, x0-x7 in the frame), or any other
 * exit (a fault, an interrupt, an unexpected trap). */
struct vcpu *role_vcpu_call(struct vcpu *current);
struct vcpu *role_vcpu_exit(struct vcpu *current, const struct vcpu_exit *e);
/* Load next's EL1 state and stage 2 if another vCPU's are loaded, and make it current. */
struct vcpu *hyp_vcpu_switch(struct vcpu *next);
/* The boot code's last call: run `first` (exceptions.S). */
__attribute__((noreturn)) void hyp_vcpu_first(struct vcpu *first);
void vm_report_fault(struct vm *vm, const struct vcpu_exit *e);
/*
 * A stage-2 abort of `v` that nothing emulated: the access did not happen; `v`'s own EL1 takes
 * it as a synchronous external abort (true; `v` runs on), or it cannot (false: the role stops
 * it). Both roles' one rule (hyp/core/vm.c).
 */
bool vm_inject_abort(struct vcpu *v, const struct vcpu_exit *e);

/* Arch hooks (hyp/arch/<arch>/vm_arch.c; what differs by role, the role's hooks add:
 * <hyp/role_hooks.h>). */
void arch_hyp_init(void);
void arch_vm_init(struct vm *vm);
/* HYPCALL_STATE_CHECK: which of this hypervisor's EL2 registers lost their programmed value. */
uint64_t arch_hyp_state_check(const struct vcpu *v);
void arch_vcpu_init(struct vcpu *v, uint64_t entry, uint64_t arg);
void arch_vcpu_load(struct vcpu *v);
void arch_vcpu_put(struct vcpu *v);
/*
 * Mask every physical interrupt at this CPU's GIC interface (ICC_PMR_EL1 = 0) for a run the
 * role cannot hand back to the normal world; returns what arch_irq_restore() puts back.
 */
uint64_t arch_irq_mask(void);
void arch_irq_restore(uint64_t saved);
/*
 * Take stage-2 abort `e` as a synchronous external abort at v's EL1 (v's EL1 state is loaded);
 * false, nothing changed, where its EL1 cannot take it (its vector table faults or is not
 * valid).
 */
bool arch_vcpu_inject_abort(struct vcpu *v, const struct vcpu_exit *e);
/* A VM stopped for good: its EL1 timers (virtual, physical) stop, so they cannot fire later. */
void arch_vcpu_quiesce(struct vcpu *v);
/*
 * Save or load V0-V31, FPCR and FPSR (hyp/arch/aarch64/fp.S): nshyp switches them between the
 * guests that use FP/SIMD (fp_simd); a guest's saved copy starts zero.
 */
void arch_fp_save(struct arch_fp *fp);
void arch_fp_load(const struct arch_fp *fp);

/* The role's entry point (hyp/role/<role>/). */
void role_main(void);

#endif /* HYP_VM_H */
