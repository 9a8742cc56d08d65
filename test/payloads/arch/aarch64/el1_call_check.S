/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Test helper for EL1 payloads: make an HVC or SMC with x0-x7 from a
 * struct ffa_value, with every other general-purpose register x8-x30 set to
 * a known pattern (seed + n * 4096), and report which of them changed.
 *   uint64_t arch_hvc_check_gprs(struct ffa_value *v, uint64_t seed);
 *   uint64_t arch_smc_check_gprs(struct ffa_value *v, uint64_t seed);
 * Returns a bitmask (bit n set: xn was not preserved); x0-x7 of the result
 * go back into *v. This is how the tests prove that a call through every
 * layer preserves the caller's registers.
 */
#include <arch/asm.h>

#define FRAME 112 /* x29/x30, x19-x28, v and seed */

.macro checked_call name, insn
FUNC(\name)
	stp	x29, x30, [sp, #-FRAME]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	stp	x0, x1, [sp, #96]
	.irp n, 8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	add	x\n, x1, #\n, lsl #12
	.endr
	ldp	x6, x7, [x0, #48]
	ldp	x4, x5, [x0, #32]
	ldp	x2, x3, [x0, #16]
	ldp	x0, x1, [x0]
	\insn	#0
	/* Park the result on the stack; x0-x7 become scratch. */
	stp	x0, x1, [sp, #-64]!
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	mov	x0, #0
	ldr	x2, [sp, #64 + 104] /* seed */
	.irp n, 8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	add	x3, x2, #\n, lsl #12
	cmp	x\n, x3
	cset	x4, ne
	orr	x0, x0, x4, lsl #\n
	.endr
	ldr	x1, [sp, #64 + 96] /* v */
	ldp	x2, x3, [sp]
	stp	x2, x3, [x1]
	ldp	x2, x3, [sp, #16]
	stp	x2, x3, [x1, #16]
	ldp	x2, x3, [sp, #32]
	stp	x2, x3, [x1, #32]
	ldp	x2, x3, [sp, #48]
	stp	x2, x3, [x1, #48]
	add	sp, sp, #64
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #FRAME
	ret
END(\name)
.endm

	.text
	checked_call arch_hvc_check_gprs, hvc
	checked_call arch_smc_check_gprs, smc
