// SPDX-License-Identifier: BSD-3-Clause
/*
 * SPMD role (FF-A v1.1 §4.8, TF-A's SPMD as the model): relay FF-A calls from
 * the normal world to the SPMC and the SPMC's answers back. The monitor
 * never interprets messages; it only decides which world runs next and copies
 * x0-x7. Calls the SPMC makes to the SPMD itself are answered here.
 *
 * The relay itself, the monitor's hot path (a direct request crosses it
 * twice), is inline in <monitor/spmd.h>, so that monitor_handle_exit() runs it
 * without a call or a stack frame and ends in the world switch; the rare cases
 * are these out-of-line functions (docs/performance.md).
 */
#include <abi/ffa.h>
#include <abi/ffa_mem.h>
#include <abi/ffa_rules.h>
#include <abi/smccc.h>
#include <lib/print.h>
#include <monitor/spmd.h>

/* The FF-A view of a frame's x0-x7. */
static struct ffa_value *regs_ffa(struct arch_regs *r)
{
	return (struct ffa_value *)(void *)r->x;
}

/* The SPMC's first FF-A call ends its boot: the normal world starts. */
struct world *spmc_boot_done(struct monitor_cpu *cpu, struct world *w, uint32_t fid)
{
	struct world *next;

	if (fid != FFA_MSG_WAIT)
		panic("monitor: SPMC failed to initialise (FF-A call 0x%x, w2=%d)", (unsigned)fid,
		      (int)w->regs.x[2]);
	printk("SPMC ready; switching to the normal world (NS-EL2)\n");
	next = monitor_start_normal_world(cpu, w);
	cpu->spmc_ready = true;
	printk("now SCR_EL3.NS=%u\n", arch_world_is_ns() ? 1 : 0);
	return next;
}

/*
 * A Secure Group 1 interrupt is pending while the normal world runs: it was taken here as an FIQ
 * (SCR_EL3.FIQ = 1 in the normal world's SCR_EL3). As TF-A's SPMD does, the normal world stops
 * where it is (its frame and switched registers saved, and the hardware-written EL2 registers,
 * which the secure world's EL2 shares), and the SPMC runs with x0 = FFA_INTERRUPT, x1-x7 = 0, as
 * the answer to its last SMC. It acknowledges and handles the interrupt and gives the CPU back
 * with FFA_NORMAL_WORLD_RESUME (spmd_own_call()). The interrupt stays pending until the SPMC
 * acknowledges it: nothing is read from the GIC here.
 */
struct world *spmd_secure_interrupt(struct monitor_cpu *cpu, struct world *normal)
{
	struct world *secure = &cpu->worlds[WORLD_SECURE];

	arch_world_exc_save(&cpu->normal_exc);
	cpu->secure_irq = 1;
	*regs_ffa(&secure->regs) = ffa_answer_w0(FFA_INTERRUPT);
	cpu->current = WORLD_SECURE;
	return arch_world_switch(normal, secure);
}

/* FFA_NORMAL_WORLD_RESUME: the normal world runs on from its own frame, every register intact. */
static struct world *resume_normal_world(struct monitor_cpu *cpu, struct world *secure)
{
	struct world *normal;

	cpu->secure_irq = 0;
	cpu->current = WORLD_NORMAL;
	normal = arch_world_switch_from_secure(secure, &cpu->worlds[WORLD_NORMAL]);
	arch_world_exc_restore(&cpu->normal_exc);
	return normal;
}

/* The SPMC calling the SPMD itself (not a message for the normal world). */
struct world *spmd_own_call(struct monitor_cpu *cpu, struct world *w, uint32_t fid)
{
	struct ffa_value v;

	switch (fid) {
	case FFA_NORMAL_WORLD_RESUME:
		if (cpu->secure_irq)
			return resume_normal_world(cpu, w);
		v = ffa_error(FFA_RET_DENIED); /* no secure interrupt stopped the normal world */
		break;
	case FFA_VERSION:
		v = ffa_answer_w0(FFA_VERSION_COMPILED);
		break;
	case FFA_ID_GET:
		v = ffa_success(FFA_ID_SPMD);
		break;
	default:
		v = ffa_error(FFA_RET_NOT_SUPPORTED);
		break;
	}
	*regs_ffa(&w->regs) = v;
	return w;
}

/*
 * FFA_VERSION from the normal world, answered here: the SPMC's reply is a bare version, not an
 * FF-A call to relay. FFA_INTERRUPT is the SPMD's to send to the SPMC, never the normal world's:
 * NOT_SUPPORTED (else it could make the SPMC look for a secure interrupt). An FF-A answer: x1-x7
 * MBZ (<abi/ffa_rules.h>).
 */
struct world *spmd_nwd_own_call(struct world *w, uint32_t fid)
{
	uint32_t ignored;

	if (fid == FFA_VERSION)
		*regs_ffa(&w->regs) = ffa_version_call(w->regs.x[1], &ignored);
	else
		*regs_ffa(&w->regs) = ffa_error(FFA_RET_NOT_SUPPORTED);
	return w;
}
