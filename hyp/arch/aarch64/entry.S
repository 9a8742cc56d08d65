/* SPDX-License-Identifier: BSD-3-Clause */
/* Hypervisor entry (either role, EL2): vectors, per-CPU stack, bss, then role_main(). */
#include <arch/asm.h>
#include <plat/plat_def.h>

	.section .text.entry, "ax"
FUNC(hyp_entry)
	adr	x0, arch_vectors
	msr	vbar_el2, x0
	isb
	ldr	x0, =__bss_start
	ldr	x1, =__bss_end
1:	cmp	x0, x1
	b.hs	2f
	str	xzr, [x0], #8
	b	1b
2:	mrs	x0, mpidr_el1
	and	x0, x0, #0xff
	add	x0, x0, #1
	ldr	x1, =hyp_stacks
	mov	x2, #PLAT_STACK_SIZE
	madd	x1, x0, x2, x1
	mov	sp, x1
	bl	role_main
	b	.
END(hyp_entry)
