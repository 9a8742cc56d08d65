/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Save and load a world's EL2 and EL1 system registers (the lists in
 * <monitor/arch_world.h>), two registers per store or load pair: 3
 * instructions per register per world switch, against 4 for the same loop in
 * C. The lists are expanded from the same X-macros the C struct uses.
 */
#include <arch/asm.h>
#include <monitor/arch_world.h>

.macro save_reg r
	.if pending == 0
	mrs	x9, \r
	.set	pending, 1
	.else
	mrs	x10, \r
	stp	x9, x10, [x0, #off]
	.set	off, off + 16
	.set	pending, 0
	.endif
.endm

.macro load_reg r
	.if pending == 0
	.set	first_reg_off, off
	.set	pending, 1
	.macro	pending_msr
	msr	\r, x9
	.endm
	.else
	ldp	x9, x10, [x0, #first_reg_off]
	pending_msr
	.purgem	pending_msr
	msr	\r, x10
	.set	off, off + 16
	.set	pending, 0
	.endif
.endm

#define SAVE(r) save_reg r;
#define LOAD(r) load_reg r;

	.text
FUNC(world_regs_save)
	.set	off, WORLD_ARCH_REGS_OFFSET
	.set	pending, 0
	WORLD_EL2_REGS(SAVE)
	WORLD_EL1_REGS(SAVE)
	.if pending
	str	x9, [x0, #off]
	.endif
	ret
END(world_regs_save)

FUNC(world_regs_load)
	.set	off, WORLD_ARCH_REGS_OFFSET
	.set	pending, 0
	WORLD_EL2_REGS(LOAD)
	WORLD_EL1_REGS(LOAD)
	.if pending
	ldr	x9, [x0, #first_reg_off]
	pending_msr
	.purgem	pending_msr
	.endif
	ret
END(world_regs_load)
