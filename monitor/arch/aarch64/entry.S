/* SPDX-License-Identifier: BSD-3-Clause */
/* Monitor entry from boot (primary CPU, EL3): vectors, per-CPU stack, bss, then C. */
#include <arch/asm.h>
#include <plat/plat_def.h>

	.section .text.entry, "ax"
FUNC(monitor_entry)
	adr	x0, monitor_vectors
	msr	vbar_el3, x0
	isb
	zero_bss
	mrs	x0, mpidr_el1
	and	x0, x0, #0xff
	add	x0, x0, #1
	ldr	x1, =monitor_stacks
	mov	x2, #PLAT_STACK_SIZE
	madd	x1, x0, x2, x1 /* top of this CPU's stack */
	mov	sp, x1
	bl	monitor_main
	b	.
END(monitor_entry)
