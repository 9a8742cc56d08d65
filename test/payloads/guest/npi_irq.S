/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The guest side of the notification pending interrupt checks (npi.c): a vector table whose
 * only live entry (current EL with SP_ELx, IRQ) acknowledges the interrupt (ICC_IAR1_EL1, the
 * virtual CPU interface), ends it and stores the INTID at [x9]; and npi_irq_wait(), the only
 * code that runs with IRQs unmasked, which sets x9. Its handler uses x9 and x10 only.
 */
#include <arch/asm.h>

	.text
	.balign 0x800
FUNC(npi_vectors)
	.rept 5
	.balign 0x80
	b	.
	.endr
	.balign 0x80
	mrs	x10, S3_0_C12_C12_0 /* ICC_IAR1_EL1 */
	msr	S3_0_C12_C12_1, x10 /* ICC_EOIR1_EL1 */
	isb
	str	w10, [x9]
	eret
	.rept 10
	.balign 0x80
	b	.
	.endr
END(npi_vectors)

/*
 * void npi_irq_wait(volatile uint32_t *got, uint64_t spins): IRQs unmasked until the handler
 * stored an INTID other than *got's initial 1023 there, or for `spins` loops at most.
 */
FUNC(npi_irq_wait)
	mov	x9, x0
	msr	daifclr, #2
	isb
1:	ldr	w2, [x9]
	cmp	w2, #1023
	b.ne	2f
	subs	x1, x1, #1
	b.ne	1b
2:	msr	daifset, #2
	isb
	ret
END(npi_irq_wait)
