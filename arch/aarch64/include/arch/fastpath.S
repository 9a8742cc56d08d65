/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Macros shared by the hypervisors' exception fast paths
 * (hyp/role/<role>/arch/aarch64/<role>_fast.S): borrowing scratch registers
 * of the lower EL that trapped, and giving up to the ordinary exit path of
 * lower_el.S with the lower EL's registers as the exception left them (a fast
 * path may have cleared the SVE hint bit and the upper half of x0, as C does).
 */
#include <arch/regs.h>

/* Borrow x9-x14 of the lower EL (kept on this EL's stack). */
.macro stash
	stp	x9, x10, [sp, #-48]!
	stp	x11, x12, [sp, #16]
	stp	x13, x14, [sp, #32]
.endm

.macro unstash
	ldp	x11, x12, [sp, #16]
	ldp	x13, x14, [sp, #32]
	ldp	x9, x10, [sp], #48
.endm

/* Continue as the ordinary synchronous exit (lower_el.S exit_vector). */
.macro exit_to_c
	stp	x0, x1, [sp, #-16]!
	mov	x1, #EXIT_SYNC
	b	lower_exit
.endm
