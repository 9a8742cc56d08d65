/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Entry of the secure-interrupt test partition (S-EL1, MMU off): vectors that report any
 * exception (it runs with interrupts masked: a virtual IRQ stays pending, never taken), bss, a
 * stack, then irq_sp_main(boot_arg).
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
	.irp kind, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	report_vector \kind
	.endr
END(irq_sp_vectors)
