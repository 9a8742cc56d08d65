/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Assembler macros to save or load a list of system registers to or from
 * consecutive 64-bit slots, two per store or load pair (3 instructions per
 * register per save+load). A user sets the running offset and expands its
 * register list (an X-macro shared with the C structure that holds them):
 *     sysreg_list_begin OFFSET
 *     save_reg x0, tpidr_el1   (one per register, in struct order)
 *     save_list_end x0
 * Clobbers x9 and x10.
 */

.macro sysreg_list_begin start
	.set	off, \start
	.set	pending, 0
.endm

.macro save_reg base, r
	.if pending == 0
	mrs	x9, \r
	.set	pending, 1
	.else
	mrs	x10, \r
	stp	x9, x10, [\base, #off]
	.set	off, off + 16
	.set	pending, 0
	.endif
.endm

.macro save_list_end base
	.if pending
	str	x9, [\base, #off]
	.endif
.endm

.macro load_reg base, r
	.if pending == 0
	.set	first_reg_off, off
	.set	pending, 1
	.macro	pending_msr
	msr	\r, x9
	.endm
	.else
	ldp	x9, x10, [\base, #first_reg_off]
	pending_msr
	.purgem	pending_msr
	msr	\r, x10
	.set	off, off + 16
	.set	pending, 0
	.endif
.endm

.macro load_list_end base
	.if pending
	ldr	x9, [\base, #first_reg_off]
	pending_msr
	.purgem	pending_msr
	.endif
.endm
