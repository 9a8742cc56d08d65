/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * arch_fp_zero(): zero the FP/SIMD registers V0-V31, FPCR and FPSR, so that a guest that may
 * use them (fp_simd) starts without another guest's values. The hypervisor itself is built
 * general-regs-only and never touches them otherwise; CPTR_EL2.TFP also traps EL2's own FP
 * accesses, so it is cleared around the zeroing and put back as it was.
 */
#include <arch/asm.h>

	.arch_extension fp
	.arch_extension simd

#define CPTR_EL2_TFP	(1 << 10)

	.text
FUNC(arch_fp_zero)
	mrs	x1, cptr_el2
	bic	x2, x1, #CPTR_EL2_TFP
	msr	cptr_el2, x2
	isb
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	movi	v\n\().2d, #0
	.endr
	msr	fpcr, xzr
	msr	fpsr, xzr
	msr	cptr_el2, x1
	isb
	ret
END(arch_fp_zero)
