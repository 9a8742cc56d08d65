// SPDX-License-Identifier: BSD-3-Clause
/*
 * Role nshyp: the normal-world hypervisor at NS-EL2. Runs each guest of the
 * system description behind its own stage 2 (one after the other until
 * scheduling lands), handles its calls (guest_calls.c) and stops and reports
 * a guest that faults; the others run on. As in the SPMC, every handler takes
 * the vCPU that exited and returns the next one (exceptions.S switches): a
 * guest that powers off or faults is cleaned up and the next guest is what
 * runs next; after the last, nshyp powers the machine off. A guest's FF-A
 * call for the secure world is one SMC inside its handler (the secure world
 * answers; a partition that yields or is preempted is resumed by the guest's
 * FFA_RUN). Every guest has a virtual GIC (vgic.c); a guest may own FP/SIMD
 * while it runs (fp_simd): nshyp zeroes the FP registers before it and stops
 * its timers and interrupts after it.
 */
#include <arch/smc.h>
#include <arch/sysreg.h>
#include <hyp/stage1.h>
#include <hyp/test_hooks.h>
#include <lib/print.h>
#include <plat/plat_def.h>
#include <stddef.h>

#include "nshyp.h"

#define NSHYP_TABLES SYS_NSHYP_S2_TABLES
static s2_table_t s2_tables[NSHYP_TABLES] __attribute__((aligned(4096), section(".bss.s2_tables")));
static struct s2_pool s2_pool = { .tables = s2_tables, .count = NSHYP_TABLES };
static struct guest guests[SYS_MAX_VMS];
static unsigned next_guest; /* the description's next guest to start */

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

extern char __text_end[];

/*
 * nshyp's own view of memory: its code read-only and executable, the rest of its window and
 * all normal-world RAM (the guests' buffers and pages) normal write-back, the GIC and its UART
 * as devices; nothing secure, nothing else executable.
 */
static void stage1_on(void)
{
	uint64_t text_end = (uint64_t)(uintptr_t)__text_end, win_end = HYP_BASE + HYP_SIZE;
	const struct s1_region self = { .base = HYP_BASE, .size = HYP_SIZE };
	const struct s1_region regions[] = {
		{ .base = PLAT_GICD_BASE, .size = 0x200000, .device = true },
		{ .base = PLAT_UART_NS_BASE, .size = PLAT_DEV_PAGE, .device = true },
		{ .base = PLAT_NS_RAM_BASE, .size = HYP_BASE - PLAT_NS_RAM_BASE },
		{ .base = HYP_BASE, .size = text_end - HYP_BASE, .exec = true, .read_only = true },
		{ .base = text_end, .size = win_end - text_end },
		{ .base = win_end, .size = PLAT_NS_RAM_BASE + PLAT_NS_RAM_SIZE - win_end },
	};

	arch_hyp_stage1_enable(regions, sizeof(regions) / sizeof(regions[0]), &self);
}

void nshyp_forward(struct ffa_value *m)
{
	arch_smc_inplace(m);
}

/*
 * A guest stopped (powered off or faulted). Before nshyp sends anything on its behalf (FFA_RUN
 * of a request it left, framework messages), nothing of it may still fire or show: its EL1
 * timers are stopped and its interrupts' physical state reset (vgic_stop(), from the role's
 * quiesce hook), so no interrupt of it can then preempt a partition.
 */
static void guest_quiesce(struct guest *g)
{
	arch_vcpu_quiesce(&g->vm.vcpus[0]);
}

static inline struct guest *guest_of(struct vcpu *v)
{
	/* Its only vCPU (v->vm with more: one load more on the hot path, once SMP needs it). */
	_Static_assert(VM_MAX_VCPUS == 1, "one vCPU per VM");
	return (struct guest *)(void *)((char *)v - offsetof(struct guest, vm.vcpus[0]));
}

/* Prepare guest `g` of the description and tell the partitions; false if it cannot run. */
static bool guest_start(struct guest *g, const struct sys_vm *cfg)
{
	nshyp_guest_init(g, cfg);
	/* Only a description the validation did not check fails this: skip the guest. */
	if (vm_init(&g->vm, cfg->vm_id, cfg->name, &cfg->mem, cfg->devs, cfg->dev_count,
		    cfg->boot_arg, &s2_pool)) {
		printk(
		    "cannot build stage 2 for %s: its table quota does not fit; not starting it\n",
		    cfg->name);
		return false;
	}
	g->tables_at_start = g->vm.s2_quota.held;
	printk("starting %s (VM ID %u) at NS-EL1, IPA 0x%lx -> PA 0x%lx%s\n", cfg->name, cfg->vm_id,
	       (unsigned long)cfg->mem.ipa, (unsigned long)cfg->mem.pa,
	       cfg->fp_simd ? ", FP/SIMD" : "");
	nshyp_vm_availability(g, FFA_FWK_VM_CREATED);
	optee_mediator_guest_start(g);
	/* The FP/SIMD registers hold the last such guest's values: it must see none of them. */
	if (g->cfg->fp_simd)
		arch_fp_zero();
	g->vm.vcpus[0].state = VCPU_RUNNING;
	hyp_test_guest_entry(g->cfg);
	return true;
}

/* The next guest of the description runs next; after the last, the machine powers off. */
static struct vcpu *next_guest_vcpu(void)
{
	struct ffa_value off = { { PSCI_SYSTEM_OFF } };

	while (next_guest < nshyp_vm_count) {
		struct guest *g = &guests[next_guest];

		if (guest_start(g, &nshyp_vms[next_guest++]))
			return &g->vm.vcpus[0];
	}
	printk("all guests finished (%u memory transactions left); powering off\n",
	       nshyp_mem_live());
	arch_smc_inplace(&off);
	panic("nshyp: SYSTEM_OFF returned");
}

/* Guest `g` stopped (powered off or faulted): clean up after it; the next guest runs. */
static struct vcpu *guest_done(struct guest *g)
{
	guest_quiesce(g);
	nshyp_guest_stopped(g);
	/* The partitions drop what they kept for it first, so that its memory comes back. */
	nshyp_vm_availability(g, FFA_FWK_VM_DESTROYED);
	nshyp_mem_guest_stopped(g);
	/* What its memory sharing left in its stage 2: back to its start unless it still lends. */
	printk("%s done: %u stage-2 tables held (%u at start, quota %u)\n", g->cfg->name,
	       g->vm.s2_quota.held, g->tables_at_start, g->vm.s2_quota.limit);
	return next_guest_vcpu();
}

/* Every call but the direct request of the common case (role_vcpu_call()). */
static __attribute__((noinline)) struct vcpu *guest_call(struct vcpu *current, uint32_t fid)
{
	struct guest *g = guest_of(current);

	if (nshyp_discovery_call(g, vcpu_ffa(current), fid))
		return current;
	nshyp_guest_call(g);
	if (unlikely(current->state != VCPU_RUNNING))
		return guest_done(g);
	return current;
}

/*
 * A guest's SMC or HVC (exceptions.S, vm_arch.c). First the common case, with the rules of the
 * general handler (nshyp.h): a direct request to a bound partition goes to the secure world and
 * its answer back to the guest. Then the discovery calls, answered from registers, and
 * everything else (guest_calls.c); a guest that powered off there is done. (The common case
 * calls nothing but the SMC, so it needs no stack frame.)
 */
struct vcpu *role_vcpu_call(struct vcpu *current)
{
	struct guest *g = guest_of(current);
	struct ffa_value *m = vcpu_ffa(current);
	uint32_t fid = smccc_fid_id(m->x[0]);

	if (likely((fid & ~SMCCC_64BIT) == FFA_MSG_SEND_DIRECT_REQ_32 &&
		   nshyp_direct_req_passes(g, m))) {
		m->x[0] = fid;
		nshyp_forward(m);
		/* Only `current` lives across the SMC (x18, preserved), and the answer is stored
		 * before nshyp_track() reads it back ("memory"): with x9-x17 reserved (Makefile)
		 * its temporaries would otherwise need x30, so a stack frame. */
		__asm__("" : "+r"(current) : : "memory");
		nshyp_track(guest_of(current), m);
		return current;
	}
	return guest_call(current, fid);
}

/*
 * A physical interrupt goes to the vGIC (this branch's entry: vgic.h); any other exit (a
 * stage-2 fault, an unexpected trap) stops the guest.
 */
struct vcpu *role_vcpu_exit(struct vcpu *current, const struct vcpu_exit *e)
{
	struct guest *g = guest_of(current);

	if (e->reason == VCPU_EXIT_INTERRUPT)
		return vgic_branch_irq_entry(current);
	vm_report_fault(&g->vm, e);
	current->state = VCPU_ABORTED;
	return guest_done(g);
}

void role_main(void)
{
	console_init(PLAT_UART_NS_BASE, "N nshyp  ");
	printk("normal-world hypervisor running at EL%u, non-secure world (NS-EL2)\n",
	       arch_current_el());
	stage1_on();
	arch_hyp_init();
	nshyp_mem_init();
	hyp_vcpu_first(next_guest_vcpu());
}
