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

/* The SPMC calling the SPMD itself (not a message for the normal world). */
struct world *spmd_own_call(struct world *w, uint32_t fid)
{
	struct ffa_value v;

	switch (fid) {
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

/* FFA_VERSION from the normal world, answered here: the SPMC's reply is a bare version, not an
 * FF-A call to relay. An FF-A answer: x1-x7 MBZ (<abi/ffa_rules.h>). */
struct world *spmd_version(struct world *w)
{
	uint32_t ignored;

	*regs_ffa(&w->regs) = ffa_version_call(w->regs.x[1], &ignored);
	return w;
}
