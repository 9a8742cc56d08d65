/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Assembler macros to save or load a list of system registers to or from
 * consecutive 64-bit slots, two per store or load pair (3 instructions per
 * register per save+load). A user sets the running offset and expands its
 * register list (an X-macro shared with the C structure that holds them):
 *     sysreg_list_begin OFFSET
 *     save_reg x0, tpidr_el1   (one per register, in struct order)
 *     save_list_end x0
 * Clobbers two scratch registers, x9 and x10 unless given (the hypervisors must
 * not write x9-x17, which hold their lower EL's values: they pass their own, e.g.
 * save_reg x0, tpidr_el1, x1, x2).
 */

.macro sysreg_list_begin start
	.set	off, \start
	.set	pending, 0
.endm

.macro save_reg base, r, t0=x9, t1=x10
	.if pending == 0
	mrs	\t0, \r
	.set	pending, 1
	.else
	mrs	\t1, \r
	stp	\t0, \t1, [\base, #off]
	.set	off, off + 16
	.set	pending, 0
	.endif
.endm

.macro save_list_end base, t0=x9
	.if pending
	str	\t0, [\base, #off]
	.endif
.endm

.macro load_reg base, r, t0=x9, t1=x10
	.if pending == 0
	.set	first_reg_off, off
	.set	pending, 1
	.macro	pending_msr
	msr	\r, \t0
	.endm
	.else
	ldp	\t0, \t1, [\base, #first_reg_off]
	pending_msr
	.purgem	pending_msr
	msr	\r, \t1
	.set	off, off + 16
	.set	pending, 0
	.endif
.endm

.macro load_list_end base, t0=x9
	.if pending
	ldr	\t0, [\base, #first_reg_off]
	pending_msr
	.purgem	pending_msr
	.endif
.endm
