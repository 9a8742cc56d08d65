// SPDX-License-Identifier: BSD-3-Clause
/*
 * SPMD role (FF-A v1.1 §4.8, TF-A's SPMD as the model): relay FF-A calls from
 * the normal world to the SPMC and the SPMC's answers back. The monitor
 * never interprets messages; it only decides which world runs next and copies
 * x0-x7. Calls the SPMC makes to the SPMD itself are answered here.
 */
#include <abi/ffa.h>
#include <abi/ffa_mem.h>
#include <abi/ffa_rules.h>
#include <abi/smccc.h>
#include <lib/print.h>
#include <monitor/world.h>

/* The FF-A view of a frame's x0-x7. */
static struct ffa_value *regs_ffa(struct arch_regs *r)
{
	return (struct ffa_value *)(void *)r->x;
}

/*
 * Relay x0-x7 to the other world. The secure world is resumed only this way, with a
 * normal-world FF-A call: the SPMC's assembly fast path relies on it (spmc_fast.S).
 */
static void forward(struct monitor_cpu *cpu, struct arch_regs *from, enum world_id to)
{
	ffa_copy(regs_ffa(&cpu->worlds[to].regs), regs_ffa(from));
	monitor_switch_to(cpu, to);
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

static void spmc_boot_done(struct monitor_cpu *cpu, struct arch_regs *r)
{
	if ((uint32_t)r->x[0] != FFA_MSG_WAIT)
		panic("monitor: SPMC failed to initialise (FF-A call 0x%x, w2=%d)",
		      (unsigned)r->x[0], (int)r->x[2]);
	cpu->spmc_ready = true;
	printk("SPMC ready; switching to the normal world (NS-EL2)\n");
	monitor_switch_to(cpu, WORLD_NORMAL);
	printk("now SCR_EL3.NS=%u\n", arch_world_is_ns() ? 1 : 0);
}

/* The SPMC calling the SPMD itself (not a message for the normal world). */
static void spmd_own_call(struct arch_regs *r)
{
	struct ffa_value v;

	switch ((uint32_t)r->x[0]) {
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
	*regs_ffa(r) = v;
}

void spmd_handle(struct monitor_cpu *cpu, struct arch_regs *r)
{
	/* The hint bit is not part of the ID; pass the call on without it. */
	r->x[0] = smccc_fid_id(r->x[0]);
	if (cpu->current == WORLD_NORMAL && (uint32_t)r->x[0] == FFA_VERSION) {
		/* Answered here: the SPMC's reply is a bare version, not an FF-A call to relay.
		 * An FF-A answer: x1-x7 MBZ (<abi/ffa_rules.h>). */
		uint32_t ignored;

		*regs_ffa(r) = ffa_version_call(r->x[1], &ignored);
		return;
	}
	if (cpu->current == WORLD_NORMAL) {
		forward(cpu, r, WORLD_SECURE);
		return;
	}
	if (!cpu->spmc_ready) {
		spmc_boot_done(cpu, r);
		return;
	}
	if (returns_to_normal_world((uint32_t)r->x[0]))
		forward(cpu, r, WORLD_NORMAL);
	else
		spmd_own_call(r);
}
