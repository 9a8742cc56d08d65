/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Save or load a world's EL2 and EL1 system registers (the lists in
 * <monitor/arch_world.h>) at [\base + WORLD_ARCH_REGS_OFFSET], in pairs.
 * Used by world_regs.S (for C) and inline by relay.S. Clobber x9 and x10.
 */
#include <arch/sysreg_pairs.S>
#include <monitor/arch_world.h>

.macro world_regs_save_at base
	sysreg_list_begin WORLD_ARCH_REGS_OFFSET
#define SAVE(r) save_reg \base, r;
	WORLD_EL2_REGS(SAVE)
	WORLD_EL1_REGS(SAVE)
#undef SAVE
	save_list_end \base
.endm

.macro world_regs_load_at base
	sysreg_list_begin WORLD_ARCH_REGS_OFFSET
#define LOAD(r) load_reg \base, r;
	WORLD_EL2_REGS(LOAD)
	WORLD_EL1_REGS(LOAD)
#undef LOAD
	load_list_end \base
.endm
