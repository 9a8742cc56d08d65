/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SPMC's other-world loop (Hafnium's other_world_loop): the normal world
 * is a vCPU of the pseudo-VM 0 (struct spmc_cpu.other_world), and running it
 * means handing its x0-x7 to the monitor with an SMC. The monitor answers
 * with the normal world's next FF-A call, which goes into the same frame, and
 * spmc_other_world_exit() (ffa_spmc.c) returns the vCPU to run next: the
 * other world again (an answer for it is in its frame: SMC again), or a
 * partition. Only registers move here; the decisions are C's.
 *
 * The loop uses neither x9-x17 nor a callee-saved register (the monitor keeps
 * x8-x30 of the SPMC across its SMC, returning only x0-x7; C keeps x19-x29 and
 * never uses x9-x17, exceptions.S), so the partition that ran before the other
 * world (its "owner", kept in the other world's x19 slot, which nothing else
 * uses) keeps x9-x17 and x19-x28 live in the registers. If it runs next, which
 * is the common case of a request to the same partition, it resumes from what
 * its exit saved only:
 * its EL1 state is still the loaded one (the other world has none), so there
 * is nothing for hyp_vcpu_switch() to do but TPIDR_EL2. Any other partition is
 * entered through exceptions.S's hyp_vcpu_enter, after the owner's x9-x17 and
 * x19-x28 joined its frame. Reached on a fresh stack, nothing stays on it between two
 * SMCs.
 */
#include <arch/asm.h>
#include <arch/regs.h>

/* Free slots of the other world's frame (SPMC_OW_* in spmc.h). */
#define OW_OWNER (8 * 19) /* the partition whose x19-x28 are live */
#define OW_ARGS	 (8 * 20) /* the frame whose x0-x7 the next SMC carries */

	.text
/* exceptions.S: x0 = the other world, x1 = the partition that exited (x9-x17, x19-x28 live). */
FUNC(hyp_other_world_enter)
	str	x1, [x0, #OW_OWNER]
	msr	tpidr_el2, x0
/* x0 = this CPU's other-world vCPU, current (TPIDR_EL2). */
.global hyp_other_world_loop
hyp_other_world_loop:
1:	ldr	x8, [x0, #OW_ARGS]
	ldp	x0, x1, [x8, #0]
	ldp	x2, x3, [x8, #16]
	ldp	x4, x5, [x8, #32]
	ldp	x6, x7, [x8, #48]
	smc	#0
	mrs	x8, tpidr_el2
	str	x8, [x8, #OW_ARGS]		/* the result lands in its own frame */
	stp	x0, x1, [x8, #0]
	stp	x2, x3, [x8, #16]
	stp	x4, x5, [x8, #32]
	stp	x6, x7, [x8, #48]
	mov	x0, x8
	bl	spmc_other_world_exit
	mrs	x8, tpidr_el2
	cmp	x0, x8
	b.eq	1b
	/* A partition is next. */
	ldr	x1, [x8, #OW_OWNER]
	cmp	x0, x1
	b.eq	2f
	cbz	x1, 3f				/* no owner: the first entry */
	stp	x9, x10, [x1, #8 * 9]		/* the owner's live registers join its frame */
	stp	x11, x12, [x1, #8 * 11]
	stp	x13, x14, [x1, #8 * 13]
	stp	x15, x16, [x1, #8 * 15]
	str	x17, [x1, #8 * 17]
	stp	x19, x20, [x1, #8 * 19]
	stp	x21, x22, [x1, #8 * 21]
	stp	x23, x24, [x1, #8 * 23]
	stp	x25, x26, [x1, #8 * 25]
	stp	x27, x28, [x1, #8 * 27]
3:	b	hyp_vcpu_enter
2:	msr	tpidr_el2, x0			/* the owner: loaded, x9-x17 and x19-x28 live */
	b	hyp_vcpu_resume
END(hyp_other_world_enter)
