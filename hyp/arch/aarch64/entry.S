/* SPDX-License-Identifier: BSD-3-Clause */
/* Hypervisor entry (either role, EL2): vectors, per-CPU stack, bss, then role_main(). */
#include <arch/asm.h>
#include <plat/plat_def.h>

	.section .text.entry, "ax"
FUNC(hyp_entry)
	adr	x0, arch_vectors
	msr	vbar_el2, x0
	isb
	zero_bss
	percpu_stack hyp_stacks, PLAT_STACK_SIZE
	bl	role_main
	b	.
END(hyp_entry)
