/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Entry of the secure-interrupt test partition (S-EL1, MMU off): vectors that report any
 * exception (it runs with interrupts masked: a virtual IRQ stays pending, never taken) but the
 * one irq_sp_probe() expects, bss, a stack, then irq_sp_main(boot_arg).
 */
#include <arch/asm.h>

	.section .text.entry, "ax"
FUNC(irq_sp_entry)
	mov	x19, x0
	adr	x0, irq_sp_vectors
	msr	vbar_el1, x0
	isb
	zero_bss
	ldr	x1, =irq_sp_stack
	add	x1, x1, #4096
	mov	sp, x1
	mov	x0, x19
	bl	irq_sp_main
	b	.
END(irq_sp_entry)

.macro report_vector kind
	.balign 0x80
	mov	x0, #\kind
	b	irq_sp_exception
.endm

	.text
	.balign 0x800
FUNC(irq_sp_vectors)
	.irp kind, 0, 1, 2, 3
	report_vector \kind
	.endr
	/* Synchronous, current EL with SP_EL1: irq_sp_probe()'s access, if it is probing (an
	 * UNDEFINED injected by the SPMC: resume after it with x0 = ESR_EL1); else reported. */
	.balign 0x80
	ldr	x9, =irq_sp_probing
	ldr	x10, [x9]
	cbz	x10, 1f
	str	xzr, [x9]
	mrs	x0, esr_el1
	mrs	x10, elr_el1
	add	x10, x10, #4
	msr	elr_el1, x10
	eret
1:	mov	x0, #4
	b	irq_sp_exception
	.irp kind, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	report_vector \kind
	.endr
END(irq_sp_vectors)

/*
 * uint64_t irq_sp_probe(unsigned which): one access to the EL1 physical timer (0: read
 * CNTP_CTL_EL0, 1: write CNTP_CVAL_EL0 = all ones, 2: write CNTP_CTL_EL0 = 0, which would stop
 * the owner's timer). Returns the ESR_EL1 of the exception it took, or 0 if it ran. A leaf
 * that uses x0-x2, x9, x10 only (the vector above uses x9, x10).
 */
FUNC(irq_sp_probe)
	ldr	x9, =irq_sp_probing
	mov	x10, #1
	str	x10, [x9]
	mov	x1, x0
	mov	x0, #0
	cbz	x1, 1f
	cmp	x1, #1
	b.eq	2f
	msr	cntp_ctl_el0, xzr
	b	3f
1:	mrs	x2, cntp_ctl_el0
	b	3f
2:	mov	x2, #-1
	msr	cntp_cval_el0, x2
3:	isb
	str	xzr, [x9]
	ret
END(irq_sp_probe)
	.ltorg
