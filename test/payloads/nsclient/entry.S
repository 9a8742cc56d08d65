/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Entry of nsclient (NS-EL2, no normal-world hypervisor): vectors that report
 * any exception taken at EL2, bss, a stack, then nsclient_main().
 */
#include <arch/asm.h>
#include <plat/plat_def.h>

	.section .text.entry, "ax"
FUNC(nsclient_entry)
	adr	x0, nsclient_vectors
	msr	vbar_el2, x0
	isb
	zero_bss
	ldr	x1, =nsclient_stack
	add	x1, x1, #PLAT_STACK_SIZE
	mov	sp, x1
	bl	nsclient_main
	b	.
END(nsclient_entry)

/* Nothing is expected to trap to EL2 here: every vector reports and ends the run. */
.macro report_vector kind
	.balign 0x80
	mov	x0, #\kind
	b	nsclient_exception
.endm

	.text
	.balign 0x800
FUNC(nsclient_vectors)
	.irp kind, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	report_vector \kind
	.endr
END(nsclient_vectors)
