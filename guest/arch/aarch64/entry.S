/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Entry of the guest image at NS-EL1: stack, vectors, bss, FP/SIMD left
 * trapped (the guest is built -mgeneral-regs-only), then payload_main(x0 = boot
 * argument from the system description, x1 = the virtual counter read by the
 * very first instruction, for boot-time benchmarks). An exception at EL1 ends
 * the guest (payload_exception), except the abort a test's fault probe expects
 * (<payload/fault_probe.h>). The trusted OS has its own (tos/arch/aarch64/entry.S).
 */
#include <arch/asm.h>
#include <payload/fault_probe.h>

	.section .text.entry, "ax"
FUNC(el1_entry)
	mrs	x20, cntvct_el0
	mov	x19, x0
	ldr	x0, =__stack_top
	mov	sp, x0
	adr	x0, el1_vectors
	msr	vbar_el1, x0
	isb
	zero_bss
	mov	x0, x19
	mov	x1, x20
	bl	payload_main
	b	.
END(el1_entry)

	.balign 0x800
el1_vectors:
	.rept 4		/* current EL with SP_EL0: the guest never runs so */
	.balign 0x80
	b	el1_exception
	.endr
	.balign 0x80	/* current EL with SP_EL1, synchronous: a probe's abort, or the end */
	fault_probe_vector el1_exception
	.rept 11
	.balign 0x80
	b	el1_exception
	.endr

el1_exception:
	mrs	x0, esr_el1
	mrs	x1, elr_el1
	mrs	x2, far_el1
	bl	payload_exception
	b	.
