// SPDX-License-Identifier: BSD-3-Clause
/*
 * The monitor (EL3): sets up both worlds and enters the secure hypervisor
 * (SPMC) first. After that it runs only when a world traps to EL3 (an SMC, or
 * an exception EL3 does not expect): monitor_handle_exit() decides what the
 * trap means and which world runs next (exceptions.S saves and enters them).
 * It stays small: SMC dispatch, PSCI, and the SPMD relay of FF-A.
 */
#include <arch/semihost.h>
#include <arch/sysreg.h>
#include <drivers/gicv3.h>
#include <lib/print.h>
#include <monitor/spmd.h>
#include <monitor/view.h>
#include <monitor/world.h>
#include <plat/plat_def.h>

__attribute__((noreturn)) void monitor_main(void);
void arch_unexpected_exception(unsigned kind);

/* Per-CPU data from the start; only CPU 0 runs until PSCI CPU_ON exists. */
static struct monitor_cpu cpus[PLAT_MAX_CPUS];
char monitor_stacks[PLAT_MAX_CPUS][PLAT_STACK_SIZE] __attribute__((aligned(16)));

static const char *const world_names[WORLD_COUNT] = { "secure", "normal" };

void panic_exit(void)
{
	arch_semihost_exit(99);
}

void arch_unexpected_exception(unsigned kind)
{
	panic("monitor: exception %u at EL3: ESR_EL3=0x%lx ELR_EL3=0x%lx FAR_EL3=0x%lx", kind,
	      (unsigned long)read_sysreg(esr_el3), (unsigned long)read_sysreg(elr_el3),
	      (unsigned long)read_sysreg(far_el3));
}

/* A guest can reach EL3 with an instruction EL3 traps (e.g. TPIDR2_EL0): limit its lines. */
static struct log_limit trap_log[WORLD_COUNT];

/* Anything but an SMC: a secure interrupt in the normal world, or the world runs on. */
static __attribute__((noipa, cold)) struct world *other_exit(struct monitor_cpu *cpu,
							     struct world *w, unsigned kind)
{
	/* FIQ reaches EL3 only from the normal world (SCR_EL3.FIQ): a Secure Group 1 interrupt. */
	if (kind == EXIT_FIQ && cpu->current == WORLD_NORMAL && cpu->spmc_ready)
		return spmd_secure_interrupt(cpu, w);
	if (kind == EXIT_SYNC) {
		/* Input from a lower EL never stops the monitor: make it UNDEFINED there. */
		printk_limited(&trap_log[cpu->current],
			       "%s world: EC 0x%x at 0x%lx trapped to EL3; injected UNDEFINED\n",
			       world_names[cpu->current], arch_world_exit_class(),
			       (unsigned long)w->regs.elr);
		arch_world_inject_undef(w);
		return w;
	}
	printk("%s world: unexpected %s exception at EL3, ignored\n", world_names[cpu->current],
	       kind == EXIT_IRQ	  ? "IRQ"
	       : kind == EXIT_FIQ ? "FIQ"
				  : "SError");
	return w;
}

struct world *monitor_handle_exit(struct monitor_cpu *cpu, struct world *w, unsigned kind)
{
	if (__builtin_expect(arch_world_exit_is_smc(kind), 1)) {
		uint64_t x0 = w->regs.x[0];

		/* FF-A first: it is the hot path (a relay between the worlds). */
		if (__builtin_expect(smccc_is_ffa(x0), 1))
			return spmd_handle(cpu, w, x0);
		return smc_dispatch(cpu, w);
	}
	return other_exit(cpu, w, kind);
}

void monitor_main(void)
{
	unsigned idx = arch_cpu_index();
	struct monitor_cpu *cpu = &cpus[idx];

	cpu->stack_top = (uint64_t)(uintptr_t)(monitor_stacks[idx] + PLAT_STACK_SIZE);
	arch_monitor_cpu_set(cpu);
	console_init(PLAT_UART_S_BASE, "S monitor");
	printk("running at EL%u, SCR_EL3.NS=%u (secure)\n", arch_current_el(),
	       arch_world_is_ns() ? 1 : 0);
	write_sysreg(cntfrq_el0, 62500000);
	monitor_debug_init();
	monitor_cptr_init();
	monitor_check_unswitched();
	gicv3_el3_init(PLAT_GICD_BASE, PLAT_GICR_BASE, monitor_secure_irqs,
		       monitor_secure_irq_count);
	arch_world_init(&cpu->worlds[WORLD_SECURE], WORLD_SECURE, PLAT_SPMC_BASE);
	arch_world_init(&cpu->worlds[WORLD_NORMAL], WORLD_NORMAL, PLAT_NSHYP_BASE);
	cpu->current = WORLD_SECURE;
	printk("starting the secure hypervisor (SPMC) at S-EL2\n");
	/* From here on the monitor runs only in monitor_handle_exit(), once per exit. */
	arch_world_enter_first(&cpu->worlds[WORLD_SECURE]);
}
