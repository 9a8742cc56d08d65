// SPDX-License-Identifier: BSD-3-Clause
/*
 * SPMD role (FF-A v1.1 §4.8, TF-A's SPMD as the model): relay FF-A calls from
 * the normal world to the SPMC and the SPMC's answers back. The monitor
 * never interprets messages; it only decides which world runs next and copies
 * x0-x7. Calls the SPMC makes to the SPMD itself are answered here.
 *
 * This is the monitor's hot path (a direct request crosses it twice): the
 * common cases are tested first and the rare ones are out-of-line functions,
 * so that the relay runs without a stack frame and ends in a tail call to the
 * world switch (docs/performance.md).
 */
#include <abi/ffa.h>
#include <abi/ffa_mem.h>
#include <abi/ffa_rules.h>
#include <abi/smccc.h>
#include <lib/print.h>
#include <monitor/world.h>

#define likely(x)   __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define SLOW	    __attribute__((noinline, cold))

/* The FF-A view of a frame's x0-x7. */
static struct ffa_value *regs_ffa(struct arch_regs *r)
{
	return (struct ffa_value *)(void *)r->x;
}

/*
 * Give x0-x7 to the other world (w0 = `fid`, the ID without the hint bit) and switch to it.
 * The secure world is resumed only this way, with a normal-world FF-A call. The message is not
 * copied: the world switch enters `to` with x0-x7 loaded from the sender's frame (which its next
 * exit rewrites anyway), so only w0 is written back there.
 */
static __attribute__((noreturn)) void relay(struct monitor_cpu *cpu, struct world *from,
					    uint32_t fid, enum world_id to)
{
	from->regs.x[0] = fid;
	monitor_relay_to(cpu, from, to);
}

/* FF-A calls with which the SPMC hands the CPU back to the normal world. */
static bool returns_to_normal_world(uint32_t fid)
{
	switch (fid) {
	case FFA_MSG_SEND_DIRECT_RESP_32:
	case FFA_MSG_SEND_DIRECT_RESP_64:
	case FFA_SUCCESS_32:
	case FFA_SUCCESS_64:
	case FFA_ERROR:
	case FFA_MSG_WAIT:
	case FFA_INTERRUPT:
	case FFA_YIELD:
	case FFA_MEM_FRAG_RX: /* the SPMC asks the normal world for a descriptor's next fragment */
	case FFA_MEM_FRAG_TX:
		return true;
	default:
		return false;
	}
}

/* The SPMC's first FF-A call ends its boot: the normal world starts. */
static SLOW struct world *spmc_boot_done(struct monitor_cpu *cpu, struct world *w, uint32_t fid)
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
static SLOW struct world *spmd_own_call(struct world *w, uint32_t fid)
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
static SLOW struct world *spmd_version(struct world *w)
{
	uint32_t ignored;

	*regs_ffa(&w->regs) = ffa_version_call(w->regs.x[1], &ignored);
	return w;
}

struct world *spmd_handle(struct monitor_cpu *cpu, struct world *w, uint64_t x0)
{
	/* The hint bit is not part of the ID; the call goes on without it. */
	uint32_t fid = smccc_fid_id(x0);

	if (cpu->current == WORLD_NORMAL) {
		if (unlikely(fid == FFA_VERSION))
			return spmd_version(w);
		relay(cpu, w, fid, WORLD_SECURE);
	}
	if (unlikely(!cpu->spmc_ready))
		return spmc_boot_done(cpu, w, fid);
	/* A partition's answer to a direct request is by far the most frequent: tested first. */
	if (likely(fid == FFA_MSG_SEND_DIRECT_RESP_32 || returns_to_normal_world(fid)))
		relay(cpu, w, fid, WORLD_NORMAL);
	return spmd_own_call(w, fid);
}
