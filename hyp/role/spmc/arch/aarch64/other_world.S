/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The SPMC's other-world loop (Hafnium's other_world_loop): the normal world
 * is a vCPU of the pseudo-VM 0 (struct spmc_cpu.other_world), and running it
 * means handing its x0-x7 to the monitor with an SMC. The monitor answers
 * with the normal world's next FF-A call, which goes into the same frame, and
 * spmc_other_world_exit() (ffa_spmc.c) returns the vCPU to run next: the
 * other world again (an answer for it is in its frame: SMC again), or a
 * partition, which hyp_vcpu_enter (hyp/arch/aarch64/exceptions.S) switches to.
 * Only registers move here; x19 keeps the vCPU across the SMC and the call
 * (the monitor and C preserve x19-x29, SMCCC and AAPCS64). Reached on a fresh
 * stack (exceptions.S), nothing stays on it between two SMCs.
 */
#include <arch/asm.h>

	.text
/* x0 = this CPU's other-world vCPU, already current (TPIDR_EL2). */
FUNC(hyp_other_world_loop)
	mov	x19, x0
1:	ldp	x0, x1, [x19, #0]
	ldp	x2, x3, [x19, #16]
	ldp	x4, x5, [x19, #32]
	ldp	x6, x7, [x19, #48]
	smc	#0
	stp	x0, x1, [x19, #0]
	stp	x2, x3, [x19, #16]
	stp	x4, x5, [x19, #32]
	stp	x6, x7, [x19, #48]
	mov	x0, x19
	bl	spmc_other_world_exit
	cmp	x0, x19
	b.eq	1b
	b	hyp_vcpu_enter
END(hyp_other_world_loop)
