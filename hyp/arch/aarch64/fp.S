/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * arch_fp_save() / arch_fp_load(): V0-V31, FPCR and FPSR to or from a struct arch_fp
 * (<hyp/arch_vm.h>), for nshyp, which switches them between the guests that may use FP/SIMD
 * (fp_simd). The hypervisor itself is built general-regs-only and never touches them
 * otherwise; CPTR_EL2.TFP also traps EL2's own FP accesses, so it is cleared around the copy
 * and put back as it was. Scratch: x1, x2 only (x9-x17 are reserved, exceptions.S).
 */
#include <arch/asm.h>

	.arch_extension fp
	.arch_extension simd

#define CPTR_EL2_TFP	(1 << 10)
#define FP_FPCR		512
#define FP_FPSR		520

/* x1 = CPTR_EL2 as it was; FP usable at EL2 after it. */
.macro fp_open
	mrs	x1, cptr_el2
	bic	x2, x1, #CPTR_EL2_TFP
	msr	cptr_el2, x2
	isb
.endm

.macro fp_close
	msr	cptr_el2, x1
	isb
	ret
.endm

	.text
/* void arch_fp_save(struct arch_fp *fp) */
FUNC(arch_fp_save)
	fp_open
	stp	q0, q1, [x0, #0]
	stp	q2, q3, [x0, #32]
	stp	q4, q5, [x0, #64]
	stp	q6, q7, [x0, #96]
	stp	q8, q9, [x0, #128]
	stp	q10, q11, [x0, #160]
	stp	q12, q13, [x0, #192]
	stp	q14, q15, [x0, #224]
	stp	q16, q17, [x0, #256]
	stp	q18, q19, [x0, #288]
	stp	q20, q21, [x0, #320]
	stp	q22, q23, [x0, #352]
	stp	q24, q25, [x0, #384]
	stp	q26, q27, [x0, #416]
	stp	q28, q29, [x0, #448]
	stp	q30, q31, [x0, #480]
	mrs	x2, fpcr
	str	x2, [x0, #FP_FPCR]
	mrs	x2, fpsr
	str	x2, [x0, #FP_FPSR]
	fp_close
END(arch_fp_save)

/* void arch_fp_load(const struct arch_fp *fp) */
FUNC(arch_fp_load)
	fp_open
	ldp	q0, q1, [x0, #0]
	ldp	q2, q3, [x0, #32]
	ldp	q4, q5, [x0, #64]
	ldp	q6, q7, [x0, #96]
	ldp	q8, q9, [x0, #128]
	ldp	q10, q11, [x0, #160]
	ldp	q12, q13, [x0, #192]
	ldp	q14, q15, [x0, #224]
	ldp	q16, q17, [x0, #256]
	ldp	q18, q19, [x0, #288]
	ldp	q20, q21, [x0, #320]
	ldp	q22, q23, [x0, #352]
	ldp	q24, q25, [x0, #384]
	ldp	q26, q27, [x0, #416]
	ldp	q28, q29, [x0, #448]
	ldp	q30, q31, [x0, #480]
	ldr	x2, [x0, #FP_FPCR]
	msr	fpcr, x2
	ldr	x2, [x0, #FP_FPSR]
	msr	fpsr, x2
	fp_close
END(arch_fp_load)
