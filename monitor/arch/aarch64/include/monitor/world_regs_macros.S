/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Save a world's switched system registers (the lists in <monitor/arch_world.h>)
 * to [\base + WORLD_ARCH_REGS_OFFSET], or load them together with SCR_EL3 from
 * [\base] (SCR_EL3 comes first in struct world_arch and pairs with the first
 * register), two per LDP/STP. \base is a struct world_arch. Clobber x9 and x10.
 */
#include <arch/sysreg_pairs.S>
#include <monitor/arch_world.h>

.macro world_regs_save_at base
	sysreg_list_begin WORLD_ARCH_REGS_OFFSET
#define SAVE(r) save_reg \base, r;
	WORLD_SWITCHED_REGS(SAVE)
#undef SAVE
	save_list_end \base
.endm

/* Only what changes while a world runs (the secure world after the SPMC's boot). */
.macro world_run_regs_save_at base
	sysreg_list_begin WORLD_ARCH_RUN_OFFSET
#define SAVE(r) save_reg \base, r;
	WORLD_RUN_REGS(SAVE)
#undef SAVE
	save_list_end \base
.endm

/* SCR_EL3 (the world's security state and traps) takes effect for the lower ELs at the ERET. */
.macro world_regs_load_at base
	sysreg_list_begin 0
#define LOAD(r) load_reg \base, r;
	LOAD(scr_el3)
	WORLD_SWITCHED_REGS(LOAD)
#undef LOAD
	load_list_end \base
.endm
