/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The guest side of `make bench`'s interrupt latency (bench.c, vtimer_irq_to_handler): a
 * vector table whose IRQ entry reads the virtual counter as its first instruction, and the
 * loop that waits for it with IRQs unmasked. Only bench_irq_wait() runs with IRQs unmasked,
 * and it keeps nothing in x2-x4 (caller-saved), so the handler uses them without saving.
 */
#include <arch/asm.h>

	.text
	.balign 0x800
FUNC(bench_irq_vectors)
	.rept 5
	.balign 0x80
	b	.
	.endr
	.balign 0x80		/* current EL with SP_ELx, IRQ */
	mrs	x2, cntvct_el0	/* the handler's first instruction: when it started */
	mrs	x3, S3_0_C12_C12_0 /* ICC_IAR1_EL1 */
	msr	cntv_ctl_el0, xzr  /* silence the source */
	msr	S3_0_C12_C12_1, x3 /* ICC_EOIR1_EL1 */
	isb
	str	x2, [x0]
	eret
	.rept 10
	.balign 0x80
	b	.
	.endr
END(bench_irq_vectors)

/* void bench_irq_wait(volatile uint64_t *tick): unmask IRQs until the handler wrote *tick. */
FUNC(bench_irq_wait)
	msr	daifclr, #2
1:	ldr	x1, [x0]
	cbz	x1, 1b
	msr	daifset, #2
	ret
END(bench_irq_wait)
