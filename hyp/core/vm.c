// SPDX-License-Identifier: BSD-3-Clause
/*
 * VM and vCPU life cycle for both hypervisor roles: build a VM's stage-2
 * space from its description, switch to the vCPU a role handler chose, and
 * report faults. The EL1 state is switched only when a different vCPU runs
 * than last time on this CPU (the monitor preserves each world's EL1 bank
 * across world switches, and the SPMC's other world has none).
 */
#include <config/platform.h>
#include <config/s2_budget.h>
#include <hyp/role_hooks.h>
#include <hyp/vm.h>
#include <lib/print.h>

/* Per-CPU: which vCPU's EL1 state is live in the registers. */
struct vcpu *hyp_loaded_vcpu[CONFIG_MAX_CPUS];

/*
 * Build the VM's stage 2 (memory RWX, devices RW device) and reset its vCPU. Its tables come
 * from its own quota (config/s2_budget.h), reserved here for its spaces (its own and the role's
 * extra one, role_vm_extra_space()): the validation checked that every VM's quota fits the
 * pool, so this fails only on a description that was not validated.
 */
int vm_init(struct vm *vm, uint16_t id, const char *name, const struct sys_mem *mem,
	    const struct sys_dev *devs, unsigned dev_count, uint64_t boot_arg, struct s2_pool *pool)
{
	struct s2_space *extra;
	int rc;

	vm->id = id;
	vm->name = name;
	extra = role_vm_extra_space(vm);
	rc = s2_quota_init(&vm->s2_quota, pool, sys_s2_quota(mem, devs, dev_count, extra ? 2 : 1));
	if (!rc)
		rc = s2_init_quota(&vm->s2, pool, &vm->s2_quota);
	if (!rc && extra)
		rc = s2_init_quota(extra, pool, &vm->s2_quota);
	if (!rc)
		rc = s2_map(&vm->s2, mem->ipa, mem->pa, mem->size, S2_RWX);
	for (unsigned i = 0; !rc && i < dev_count; i++)
		rc = s2_map(&vm->s2, devs[i].pa, devs[i].pa, devs[i].size, S2_RW | S2_DEVICE);
	if (rc)
		return rc;
	arch_vm_init(vm);
	for (unsigned i = 0; i < VM_MAX_VCPUS; i++) {
		vm_vcpu(vm, i)->vm = vm;
		vm_vcpu(vm, i)->state = VCPU_OFF;
	}
	arch_vcpu_init(vm_vcpu(vm, 0), mem->ipa + mem->entry_offset, boot_arg);
	return 0;
}

/* Another vCPU's EL1 state (or none) is loaded on this CPU: next's replaces it. */
static __attribute__((noinline)) struct vcpu *vcpu_load(struct vcpu **loaded, struct vcpu *next)
{
	if (*loaded)
		arch_vcpu_put(*loaded);
	arch_vcpu_load(next);
	*loaded = next;
	return next;
}

/*
 * exceptions.S, when the next vCPU is not the one that exited (its registers are all in its
 * frame): make `next` current, loading its EL1 state and stage 2 unless they are loaded.
 */
struct vcpu *hyp_vcpu_switch(struct vcpu *next)
{
	struct vcpu **loaded;

	arch_set_current_vcpu(next);
	if (next->other_world)
		return next;
	loaded = &hyp_loaded_vcpu[arch_this_cpu()];
	if (__builtin_expect(*loaded != next, 0))
		return vcpu_load(loaded, next);
	return next;
}

#define ABORT_LINE "%s (ID 0x%x) took a stage-2 %s abort at IPA 0x%lx (syndrome 0x%lx, PC 0x%lx); "

/*
 * The rule of both roles for a stage-2 abort nothing emulated (docs/architecture.md §4): the
 * access never happens; the VM's EL1 gets a synchronous external abort at the faulting VA, as
 * from memory that answered with an error, and decides (a guest OS kills a process or panics,
 * a test payload checks it). A fault at EL0 goes to EL1 too: that is what EL1 is for. The VM
 * is stopped only when its EL1 cannot take it (arch_vcpu_inject_abort()). Every VM here has an
 * EL1 of its own: guests, and partitions, all S-EL1 (the SPMC loads no S-EL0 partition; one
 * would have to be stopped as today, its EL1 being the SPMC). A handler that returns to the
 * faulting instruction faults again: only its own time is spent, as nshyp slices guests and a
 * Non-secure interrupt preempts a partition at each re-entry, so it is not stopped for it (in a
 * run the SPMC masked, it holds the CPU as any loop there does).
 */
bool vm_inject_abort(struct vcpu *v, const struct vcpu_exit *e)
{
	struct vm *vm = v->vm;
	uint64_t pc = v->regs.elr;

	if (e->reason != VCPU_EXIT_ABORT || !arch_vcpu_inject_abort(v, e))
		return false;
	/* Rate-limited (its own bucket): a VM that faults in a loop cannot flood the console. */
	printk_limited(&vm->abort_log, ABORT_LINE "injected it (%u so far)\n", vm->name, vm->id,
		       e->exec ? "instruction" : "data", (unsigned long)e->ipa,
		       (unsigned long)e->syndrome, (unsigned long)pc, ++vm->aborts_injected);
	return true;
}

void vm_report_fault(struct vm *vm, const struct vcpu_exit *e)
{
	log_limit_flush(&vm->abort_log, vm->name);
	if (e->reason == VCPU_EXIT_ABORT)
		printk(ABORT_LINE "its EL1 cannot take it; stopped it\n", vm->name, vm->id,
		       e->exec ? "instruction" : "data", (unsigned long)e->ipa,
		       (unsigned long)e->syndrome, (unsigned long)vm->vcpus[0].regs.elr);
	else
		printk("%s (ID 0x%x) stopped on an unexpected %s (syndrome 0x%lx, PC 0x%lx)\n",
		       vm->name, vm->id, e->reason == VCPU_EXIT_INTERRUPT ? "interrupt" : "trap",
		       (unsigned long)e->syndrome, (unsigned long)vm->vcpus[0].regs.elr);
}
