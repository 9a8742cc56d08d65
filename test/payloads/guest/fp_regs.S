/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * FP/SIMD register patterns for the preemption scenario
 * (test/payloads/guest/preempt.c): the guest is built general-regs-only, so its FP registers change only here. For seed s, Vn holds
 * {s * (2n + 1), the same rotated by 32}, FPCR AHP|DN|FZ|RMode=3 and FPSR QC;
 * for s = 0 everything is zero (a fresh register file).
 *   guest_fp_fill(s): write the pattern;
 *   guest_fp_check(s): bit n set if Vn differs, bit 32 for FPCR, bit 33 for FPSR.
 * CPACR_EL1.FPEN must allow EL1 (and the hypervisor CPTR_EL2.TFP) first.
 */
#include <arch/asm.h>

	.arch_extension fp
	.arch_extension simd

#define FPCR_PATTERN	0x07c00000
#define FPSR_PATTERN	0x08000000 /* QC */

/* x9 = s * (2n + 1), x10 = x9 rotated by 32, for s in register \seed. */
.macro expected seed, n
	mov	x11, #(2 * \n + 1)
	mul	x9, \seed, x11
	ror	x10, x9, #32
.endm

	.text
FUNC(guest_fp_fill)
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	expected x0, \n
	fmov	d\n, x9
	mov	v\n\().d[1], x10
	.endr
	mov	x9, #0
	mov	x10, #0
	cbz	x0, 1f
	mov	x9, #FPCR_PATTERN
	mov	x10, #FPSR_PATTERN
1:	msr	fpcr, x9
	msr	fpsr, x10
	ret
END(guest_fp_fill)

FUNC(guest_fp_check)
	mov	x12, x0
	mov	x0, #0
	.irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	expected x12, \n
	fmov	x13, d\n
	mov	x14, v\n\().d[1]
	cmp	x13, x9
	ccmp	x14, x10, #0, eq
	cset	x15, ne
	orr	x0, x0, x15, lsl #\n
	.endr
	mov	x9, #0
	mov	x10, #0
	cbz	x12, 1f
	mov	x9, #FPCR_PATTERN
	mov	x10, #FPSR_PATTERN
1:	mrs	x13, fpcr
	cmp	x13, x9
	cset	x15, ne
	orr	x0, x0, x15, lsl #32
	mrs	x13, fpsr
	cmp	x13, x10
	cset	x15, ne
	orr	x0, x0, x15, lsl #33
	ret
END(guest_fp_check)
