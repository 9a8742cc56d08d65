/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SPMD's relay (FF-A v1.1 §4.8), inline so that monitor_handle_exit() runs it without a call:
 * an FF-A call from the normal world goes to the SPMC, the SPMC's answers go back; the rest is
 * monitor/spmd.c. The monitor never interprets messages; it only decides which world runs next.
 */
#ifndef MONITOR_SPMD_H
#define MONITOR_SPMD_H

#include <abi/ffa.h>
#include <abi/ffa_mem.h>
#include <abi/smccc.h>
#include <monitor/world.h>

/* The rare cases (monitor/spmd.c), out of line and cold. */
struct world *spmc_boot_done(struct monitor_cpu *cpu, struct world *w, uint32_t fid);
struct world *spmd_own_call(struct monitor_cpu *cpu, struct world *w, uint32_t fid);
/* FFA_VERSION or FFA_INTERRUPT from the normal world: answered here, never relayed. */
struct world *spmd_nwd_own_call(struct world *w, uint32_t fid);
/* A Secure Group 1 interrupt (an FIQ) stopped the normal world: the SPMC handles it. */
struct world *spmd_secure_interrupt(struct monitor_cpu *cpu, struct world *normal);

/*
 * Give x0-x7 to the other world (w0 = `fid`, the ID without the hint bit) and switch to it.
 * The secure world is resumed only this way, with a normal-world FF-A call. The message is not
 * copied: the world switch enters `to` with x0-x7 loaded from the sender's frame (which its next
 * exit rewrites anyway), so only w0 is written back there.
 */
static inline struct world *spmd_relay(struct monitor_cpu *cpu, struct world *from, uint32_t fid,
				       enum world_id to)
{
	from->regs.x[0] = fid;
	return monitor_relay_to(cpu, from, to);
}

/* FF-A calls with which the SPMC hands the CPU back to the normal world. */
static inline bool returns_to_normal_world(uint32_t fid)
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

/* An FF-A call (smccc_is_ffa(x0)) from w, the current world: the world to run next. */
static inline struct world *spmd_handle(struct monitor_cpu *cpu, struct world *w, uint64_t x0)
{
	/* The hint bit is not part of the ID; the call goes on without it. */
	uint32_t fid = smccc_fid_id(x0);

	if (cpu->current == WORLD_NORMAL) {
		/*
		 * FFA_INTERRUPT and FFA_VERSION (answered here) are adjacent: one test for both, on
		 * the offset smccc_is_ffa() computed (either width: no SMC64 form of them exists,
		 * and spmd_nwd_own_call() answers one NOT_SUPPORTED, as the SPMC would).
		 */
		uint32_t off = ((uint32_t)x0 & ~(SMCCC_64BIT | SMCCC_SVE_HINT)) - FFA_ERROR;

		_Static_assert(FFA_INTERRUPT == FFA_ERROR + 2 && FFA_VERSION == FFA_ERROR + 3,
			       "FF-A function IDs");
		if (__builtin_expect((off | 1u) == FFA_VERSION - FFA_ERROR, 0))
			return spmd_nwd_own_call(w, fid);
		return spmd_relay(cpu, w, fid, WORLD_SECURE);
	}
	if (__builtin_expect(!cpu->spmc_ready, 0))
		return spmc_boot_done(cpu, w, fid);
	/* A partition's answer to a direct request is by far the most frequent: tested first. */
	if (__builtin_expect(fid == FFA_MSG_SEND_DIRECT_RESP_32 || returns_to_normal_world(fid), 1))
		return spmd_relay(cpu, w, fid, WORLD_NORMAL);
	return spmd_own_call(cpu, w, fid);
}

#endif /* MONITOR_SPMD_H */
