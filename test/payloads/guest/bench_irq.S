/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The guest side of `make bench`'s interrupt latencies (bench.c): vector tables whose IRQ
 * entry reads the virtual counter as its first instruction, the loop that waits for it with
 * IRQs unmasked (vtimer_irq_to_handler), and a direct request made with IRQs unmasked
 * (ns_irq_preempting_sp). Only bench_irq_wait() and bench_preempt_call() run with IRQs
 * unmasked; the registers their handlers use are caller-saved and hold nothing of theirs then.
 */
#include <arch/asm.h>

/*
 * A vector table `name` whose only live entry (current EL with SP_ELx, IRQ) reads the counter
 * into `tick` as its first instruction, acknowledges (`iar`), silences the virtual timer, ends
 * the interrupt and stores the counter value at [`ptr`]; every other entry spins.
 */
.macro irq_vectors name, tick, iar, ptr
	.balign 0x800
FUNC(\name)
	.rept 5
	.balign 0x80
	b	.
	.endr
	.balign 0x80
	mrs	\tick, cntvct_el0
	mrs	\iar, S3_0_C12_C12_0 /* ICC_IAR1_EL1 */
	msr	cntv_ctl_el0, xzr
	msr	S3_0_C12_C12_1, \iar /* ICC_EOIR1_EL1 */
	isb
	str	\tick, [\ptr]
	eret
	.rept 10
	.balign 0x80
	b	.
	.endr
END(\name)
.endm

	.text
	irq_vectors bench_irq_vectors, x2, x3, x0

/* void bench_irq_wait(volatile uint64_t *tick): unmask IRQs until the handler wrote *tick. */
FUNC(bench_irq_wait)
	msr	daifclr, #2
1:	ldr	x1, [x0]
	cbz	x1, 1b
	msr	daifset, #2
	ret
END(bench_irq_wait)

/*
 * The same for a request the interrupt preempts: the handler keeps the request's results
 * (x0-x7) and uses x9-x12 only; x12 is the tick pointer bench_preempt_call() set up.
 */
	irq_vectors bench_preempt_vectors, x9, x10, x12

/*
 * void bench_preempt_call(struct ffa_value *v, volatile uint64_t *tick): the FF-A call in *v
 * (x0-x7 in, results back into *v) made with IRQs unmasked, so that a virtual IRQ pending when
 * it returns (FFA_INTERRUPT) is taken at once, by bench_preempt_vectors.
 */
FUNC(bench_preempt_call)
	mov	x12, x1
	mov	x13, x0
	ldp	x0, x1, [x13]
	ldp	x2, x3, [x13, #16]
	ldp	x4, x5, [x13, #32]
	ldp	x6, x7, [x13, #48]
	msr	daifclr, #2
	hvc	#0
	msr	daifset, #2
	stp	x0, x1, [x13]
	stp	x2, x3, [x13, #16]
	stp	x4, x5, [x13, #32]
	stp	x6, x7, [x13, #48]
	ret
END(bench_preempt_call)
