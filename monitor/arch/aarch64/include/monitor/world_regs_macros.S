/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Assembler macros that save or load a world's EL2 and EL1 system registers
 * (the lists in <monitor/arch_world.h>) at [\base + WORLD_ARCH_REGS_OFFSET],
 * two registers per store or load pair: 3 instructions per register per world
 * switch. Used by world_regs.S (for C) and inline by relay.S (the fast path).
 * Clobber x9 and x10.
 */
#include <monitor/arch_world.h>

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

.macro world_regs_save_at base
	.set	off, WORLD_ARCH_REGS_OFFSET
	.set	pending, 0
#define SAVE(r) save_reg \base, r;
	WORLD_EL2_REGS(SAVE)
	WORLD_EL1_REGS(SAVE)
#undef SAVE
	.if pending
	str	x9, [\base, #off]
	.endif
.endm

.macro world_regs_load_at base
	.set	off, WORLD_ARCH_REGS_OFFSET
	.set	pending, 0
#define LOAD(r) load_reg \base, r;
	WORLD_EL2_REGS(LOAD)
	WORLD_EL1_REGS(LOAD)
#undef LOAD
	.if pending
	ldr	x9, [\base, #first_reg_off]
	pending_msr
	.purgem	pending_msr
	.endif
.endm
